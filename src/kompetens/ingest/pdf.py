"""PDF -> text with pypdf."""

from __future__ import annotations

import contextlib
import io
import logging
import warnings
from collections.abc import Iterator
from typing import Any

from kompetens.errors import Code, IngestError
from kompetens.ingest.base import Extracted
from kompetens.ingest.normalize import squash_spaces


@contextlib.contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """pypdf logs a warning for every repaired object; a user reading a CV needs none of them."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.ERROR + 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


def extract_pdf(data: bytes, *, source: str) -> Iterator[Extracted | IngestError]:
    """The text of all pages, pages separated by a blank line."""
    with _quiet_pypdf():
        reader = _open(data, source=source)
        pages = _page_texts(reader, source=source)
        title = _title(reader)
    text = "\n\n".join(page.strip("\n") for page in pages)
    if not text.strip():
        raise _error(Code.E110, source, "the PDF has no text layer (a scanned image?); OCR it first")
    yield Extracted(text=text, title=title, meta={"format": "pdf", "pages": len(pages)})


def _open(data: bytes, *, source: str) -> Any:
    from pypdf import PasswordType, PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        # pypdf already tried the empty user password; PDFs that only restrict editing open with it.
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            raise _error(Code.E105, source, "the PDF is password-protected; save an unprotected copy")
    except IngestError:
        raise
    except (DependencyError, FileNotDecryptedError, NotImplementedError) as exc:
        raise _error(Code.E105, source, f"the PDF is encrypted and cannot be opened ({exc})") from None
    except Exception:  # a damaged file can fail in any layer of the parser
        raise _error(Code.E104, source, "not a readable PDF (damaged, or not a PDF at all)") from None
    return reader


def _page_texts(reader: Any, *, source: str) -> list[str]:
    """Text per page; a damaged page is skipped as long as some page can be read."""
    try:
        pages = list(reader.pages)
    except Exception:  # a damaged page tree can fail in any layer of the parser
        raise _error(Code.E104, source, "the PDF's pages cannot be read (damaged)") from None
    texts: list[str] = []
    failure: Exception | None = None
    for page in pages:
        try:
            texts.append(page.extract_text() or "")
        except Exception as exc:  # pypdf raises many types on damaged content streams
            failure = exc
    if failure is not None and not any(t.strip() for t in texts):
        raise _error(Code.E104, source, "the text of its pages could not be read (damaged)")
    return texts


def _title(reader: Any) -> str | None:
    try:
        title = reader.metadata.title if reader.metadata else None
    except Exception:  # metadata is optional; a broken info dictionary must not lose the text
        return None
    if not title:
        return None
    return squash_spaces(str(title)) or None


def _error(code: Code, source: str, message: str) -> IngestError:
    return IngestError(code, message, source=source)
