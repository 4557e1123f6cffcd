"""HTML -> readable text with the standard library's parser."""

from __future__ import annotations

import re
from html.parser import HTMLParser

_SKIP = frozenset({"script", "style", "noscript", "template", "svg", "math", "object", "iframe", "canvas"})
# Block elements break the line; these also leave a blank line (strength 2) around them.
_PARAGRAPH = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "dl", "fieldset", "figure", "footer",
        "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html", "main", "nav", "ol", "p",
        "pre", "section", "table", "ul",
    }
)  # fmt: skip
_LINE = frozenset(
    {
        "caption", "dd", "details", "dialog", "div", "dt", "figcaption", "legend", "li", "summary",
        "tbody", "tfoot", "thead", "title", "tr",
    }
)  # fmt: skip
_CELL = frozenset({"td", "th"})
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)
_SPACES = re.compile(r"[ \t\r\f\v]+")
_AROUND_NEWLINE = re.compile(r"[ \t]*\n[ \t]*")
_BLANK_LINES = re.compile(r"\n{3,}")


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str | int] = []  # text, or a line break of strength 1 or 2
        self.title_parts: list[str] = []
        self._skip = 0  # depth inside script/style/...
        self._pre = 0
        self._in_title = False
        self._seen_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self._skip += 1
        elif tag == "title" and not self._skip and not self._seen_title:
            self._in_title = True
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _CELL:
            self.parts.append("\t")
        self._break(tag)
        if tag == "li":
            self.parts.append("- ")
        if tag == "pre":
            self._pre += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag == "title" and self._in_title:
            self._in_title = False
            self._seen_title = True
        self._break(tag)
        if tag == "pre":
            self._pre = max(0, self._pre - 1)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # <br/>, <p/>: a self-closed tag opens nothing, so no skip depth may leak from it.
        if tag not in _SKIP:
            self.handle_starttag(tag, attrs)
            if tag not in _VOID:
                self.handle_endtag(tag)

    def _break(self, tag: str) -> None:
        if tag in _PARAGRAPH:
            self.parts.append(2)
        elif tag in _LINE:
            self.parts.append(1)

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._in_title:
            self.title_parts.append(data)
            return
        self.parts.append(data if self._pre else _SPACES.sub(" ", data.replace("\n", " ")))


_MARKUP_START = re.compile(
    r"\A\s*(?:<!doctype\s+html|<html\b|<(?:p|div|h[1-6]|ul|ol|table|section|article|body|header|main)\b[^<>]*>)",
    re.IGNORECASE,
)
_BLOCK_TAG = re.compile(
    r"</?(?:p|div|h[1-6]|ul|ol|li|br|table|tr|td|section|article)\b[^<>]*>", re.IGNORECASE
)
MARKUP_TAGS = 3
"""Block tags that make a text that does not open with one HTML (a page's source pasted into a .txt file or a
form): ``<p>``, ``<li>``, ``<br>``..."""


def looks_like_html(text: str) -> bool:
    """Whether a text handed over as plain text is an HTML page or fragment (a bug hunt, h2: an ad's page
    source pasted into a .txt file, the web form or the API was reviewed with its tags: the title
    "<h1>...</h1>", and "18&ndash;25 år" was no age range). It opens with a block tag or a doctype, or holds
    at least ``MARKUP_TAGS`` block tags."""
    if "<" not in text:
        return False
    if _MARKUP_START.match(text):
        return True
    return len(_BLOCK_TAG.findall(text, 0, 200_000)) >= MARKUP_TAGS


def html_to_text(markup: str) -> tuple[str, str | None]:
    """Visible text (scripts/styles dropped, blocks on their own lines) and the ``<title>``."""
    parser = _TextParser()
    parser.feed(markup)
    parser.close()
    text = _join(parser.parts)
    text = _BLANK_LINES.sub("\n\n", _AROUND_NEWLINE.sub("\n", text)).strip()
    title = _SPACES.sub(" ", " ".join(parser.title_parts).replace("\n", " ")).strip()
    return text, title or None


def _join(parts: list[str | int]) -> str:
    """Merge runs of breaks (and the whitespace between them) into the strongest one."""
    out: list[str] = []
    pending = 0
    for part in parts:
        if isinstance(part, int):
            pending = max(pending, part)
        elif pending and not part.strip(" "):
            continue
        else:
            if pending and out:
                out.append("\n" * pending)
            pending = 0
            out.append(part)
    return "".join(out)
