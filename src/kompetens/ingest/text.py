"""Plain text, Markdown and HTML files."""

from __future__ import annotations

from collections.abc import Iterator

from kompetens.errors import Code, IngestError
from kompetens.ingest.base import Extracted
from kompetens.ingest.htmltext import html_to_text
from kompetens.ingest.markdown import strip_markdown
from kompetens.ingest.normalize import decode_bytes, normalize_text


def extract_txt(data: bytes, *, source: str) -> Iterator[Extracted | IngestError]:
    """The file as it is, so offsets also point into the user's own file."""
    yield Extracted(text=_decode(data, source=source), meta={"format": "txt"})


def extract_markdown(data: bytes, *, source: str) -> Iterator[Extracted | IngestError]:
    text, title = strip_markdown(_decode(data, source=source))
    yield Extracted(text=text, title=title, meta={"format": "md"})


def extract_html(data: bytes, *, source: str) -> Iterator[Extracted | IngestError]:
    text, title = html_to_text(_decode(data, source=source))
    yield Extracted(text=text, title=title, meta={"format": "html"})


def _decode(data: bytes, *, source: str) -> str:
    text = normalize_text(decode_bytes(data, source=source))
    if not text.strip():
        raise IngestError(Code.E101, "the file holds only whitespace", source=source)
    return text
