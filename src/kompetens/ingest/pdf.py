"""PDF -> text with pypdf.

A PDF's lines are visual ones: a paragraph set in justified text is cut wherever the page's width falls
("minst två års" / "erfarenhet"), with runs of spaces between its words. ``reflow`` reads it as a reader
would: a long line that ends mid-sentence goes on over the next line, and runs of spaces become one, so a
phrase that happens to wrap is found as it is in the same text from a Word file.

A page laid out in two columns (a CV's sidebar of skills and languages beside its jobs) is read column by
column: pypdf's plain extraction joins the text that shares a baseline, so "Sökmotoroptimering" of the
sidebar lands on the job line "2019 – 2023" beside it and is credited with that job's years. The page's text
as pypdf lays it out on a character grid (``extraction_mode="layout"``) shows the columns as a gutter of
spaces down the page; ``split_columns`` finds it and returns the left column, then the right.
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
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
    text = "\n\n".join(page.strip("\n") for page, _ in pages)
    if not text.strip():
        raise _error(Code.E110, source, "the PDF has no text layer (a scanned image?); OCR it first")
    meta: dict[str, Any] = {"format": "pdf", "pages": len(pages)}
    split = [number for number, (_, columns) in enumerate(pages, 1) if columns]
    if split:
        meta["two_column_pages"] = split
    yield Extracted(text=text, title=title, meta=meta)


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


def _page_texts(reader: Any, *, source: str) -> list[tuple[str, bool]]:
    """Text per page, and whether it was read as two columns; a damaged page is skipped as long as some
    page can be read."""
    try:
        pages = list(reader.pages)
    except Exception:  # a damaged page tree can fail in any layer of the parser
        raise _error(Code.E104, source, "the PDF's pages cannot be read (damaged)") from None
    texts: list[tuple[str, bool]] = []
    failure: Exception | None = None
    for page in pages:
        try:
            texts.append(_page_text(page))
        except Exception as exc:  # pypdf raises many types on damaged content streams
            failure = exc
    if failure is not None and not any(t.strip() for t, _ in texts):
        raise _error(Code.E104, source, "the text of its pages could not be read (damaged)")
    return texts


def _page_text(page: Any) -> tuple[str, bool]:
    """The page's text: its two columns one after the other where it has them, else pypdf's plain text."""
    try:
        grid = page.extract_text(extraction_mode="layout") or ""
    except Exception:  # the layout mode is younger than the plain one: where it fails, read plainly
        grid = ""
    columns = split_columns(grid.splitlines()) if grid else None
    if columns is not None:
        cut = columns.index("") if "" in columns else len(columns)
        return "\n".join([*reflow(columns[:cut]), *reflow(columns[cut:])]), True
    return "\n".join(reflow((page.extract_text() or "").splitlines())), False


REFLOW_MIN_CHARS = 50
"""A line at least this long that ends mid-sentence was wrapped by the page's width (the evidence quotes of
match/score.py read wrapped lines by the same rule); a shorter one is a line of its own (a name, a title,
a date, a heading, a sidebar's item)."""
REFLOW_HEADING_MAX_CHARS = 40
"""A line this short that starts with a capital and ends in no punctuation reads as a heading ("Om tjänsten",
"Erfarenhet"), never as the end of the sentence before it."""
_SPACES = re.compile(r"[ \t]{2,}")
_LIST_ITEM = re.compile(r"^(?:[-*•–·▪]|\d+[.)])\s")
_SENTENCE_ENDS = (".", "!", "?", ":", ";")


def reflow(lines: list[str]) -> list[str]:
    """``lines`` of a page (or of one of its columns) as a reader reads them: runs of spaces inside a line
    become one space, and a line that continues a sentence is joined with the next (``continues``). Blank
    lines, headings, list items and short lines stay lines of their own."""
    out: list[str] = []
    for raw in lines:
        line = _SPACES.sub(" ", raw).strip()
        if out and line and continues(out[-1], line):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


_OPENS_WITH_DATE = re.compile(r"(?:19|20)\d\d\b|\d{1,2}[./-]\d")
"""A line opening with a year or a numeric date ("2019 - 2024", "03/2020 -", "1.3.2020")."""


def continues(line: str, following: str) -> bool:
    """Whether ``following`` goes on ``line``'s sentence: ``line`` is long (``REFLOW_MIN_CHARS``), ends in a
    letter or a comma (not a sentence's end, a colon, a date or a bracket), and ``following`` is no list
    item; where ``following`` opens with a capital, ``line`` must end in a word of small letters or a comma
    ("med 250 medarbetare i" / "Örebro."), and ``following`` must not read as a heading."""
    if len(line) < REFLOW_MIN_CHARS or line.endswith(_SENTENCE_ENDS) or _LIST_ITEM.match(following):
        return False
    if not (line[-1].isalpha() or line[-1] == ","):
        return False
    head = following[0]
    if head.isdigit():  # "250 medarbetare" goes on; a line opening with a date is a CV's dates line
        return not _OPENS_WITH_DATE.match(following)
    if head.islower():
        return True
    if not head.isupper():
        return False
    last = line.rsplit(" ", 1)[-1]
    heading = len(following) <= REFLOW_HEADING_MAX_CHARS and following[-1].isalnum()
    return (line.endswith(",") or last.islower()) and not heading


COLUMN_MIN_LINES = 8
"""Lines of text a page needs before a gutter between two columns is looked for."""
COLUMN_MIN_SIDE = 3
"""Lines of words (not dates) each column needs: a right edge of dates is no column."""
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_EDGE = 8  # a gutter lies at least this many characters from either edge of the page's text


def split_columns(lines: list[str]) -> list[str] | None:
    """The lines of a page laid out on a character grid, re-ordered column by column where the page has
    two: a gutter (a run of at least three spaces at the same place) crosses all but one in twenty lines,
    and at least a quarter of the lines (four or more) have text on both sides of it. The left column comes
    first, then the right; a line that crosses the gutter (a name centred over both) stays in the left
    column's stream where it stood. None where the page has no such gutter, or where one side holds almost
    nothing but dates or single words (dates set at the right edge, or in a column left of each job: those
    belong to their lines)."""
    grid = [line.rstrip() for line in lines]
    content = [line for line in grid if line.strip()]
    if len(content) < COLUMN_MIN_LINES:
        return None
    cut = _gutter(content)
    if cut is None:
        return None
    left_parts = [line[:cut].strip() for line in content]
    right_parts = [line[cut:].strip() for line in content if not _crosses(line, cut)]
    if min(_wordy(left_parts), _wordy(right_parts)) < COLUMN_MIN_SIDE:
        return None
    left: list[str] = []
    right: list[str] = []
    for line in grid:
        if _crosses(line, cut):
            left.append(line.strip())
            continue
        left.append(line[:cut].strip())
        right.append(line[cut:].strip())
    return [*_squeeze(left), "", *_squeeze(right)]


def _gutter(content: list[str]) -> int | None:
    """The column where the most lines have text on both sides, among those few lines cross."""
    width = max(map(len, content))
    allowed = max(1, len(content) // 20)
    needed = max(4, len(content) // 4)
    best: tuple[int, int] | None = None  # (lines with text on both sides, column)
    for cut in range(_EDGE, width - _EDGE):
        crossing = both = 0
        for line in content:
            if _crosses(line, cut):
                crossing += 1
                if crossing > allowed:
                    break
            elif line[:cut].strip() and line[cut:].strip():
                both += 1
        else:
            if both >= needed and (best is None or both > best[0]):
                best = (both, cut)
    return best[1] if best is not None else None


def _crosses(line: str, cut: int) -> bool:
    """Whether text runs across column ``cut`` (one space between words is text running on)."""
    return any(0 <= k < len(line) and line[k] != " " for k in (cut - 1, cut, cut + 1))


def _wordy(parts: list[str]) -> int:
    """Parts that are words: six letters or more, and not a date with a word or two."""
    count = 0
    for part in parts:
        letters = sum(map(str.isalpha, part))
        if letters >= 6 and not (_YEAR.search(part) and letters < 12):
            count += 1
    return count


def _squeeze(lines: list[str]) -> list[str]:
    """``lines`` without blank lines at either end or more than one blank line in a row."""
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return out


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
