"""Plain text, Markdown and HTML files."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from kompetens.errors import Code, IngestError
from kompetens.ingest.base import Extracted
from kompetens.ingest.htmltext import html_to_text, looks_like_html
from kompetens.ingest.markdown import strip_markdown
from kompetens.ingest.normalize import decode_with_warnings, normalize_text


def extract_txt(data: bytes, *, source: str) -> Iterator[Extracted | IngestError]:
    """The file as it is, so offsets also point into the user's own file; an HTML page saved as text is read
    as HTML (``looks_like_html``: its visible text, its ``<title>``)."""
    text, meta = _decode(data, source=source)
    if looks_like_html(text):
        visible, title = html_to_text(text)
        if visible.strip():
            yield Extracted(text=normalize_text(visible), title=title, meta={"format": "html", **meta})
            return
    yield Extracted(text=text, meta={"format": "txt", **meta})


def extract_markdown(data: bytes, *, source: str) -> Iterator[Extracted | IngestError]:
    raw, meta = _decode(data, source=source)
    text, title = strip_markdown(raw)
    yield Extracted(text=text, title=title, meta={"format": "md", **meta})


def extract_html(data: bytes, *, source: str) -> Iterator[Extracted | IngestError]:
    raw, meta = _decode(data, source=source)
    text, title = html_to_text(raw)
    yield Extracted(text=text, title=title, meta={"format": "html", **meta})


def _decode(data: bytes, *, source: str) -> tuple[str, dict[str, Any]]:
    """The normalised text, and ``{"warnings": [...]}`` when some lines were not valid UTF-8."""
    decoded, warnings = decode_with_warnings(data, source=source)
    text = normalize_text(decoded)
    if not text.strip():
        raise IngestError(Code.E101, "the file holds only whitespace", source=source)
    return text, {"warnings": warnings} if warnings else {}
