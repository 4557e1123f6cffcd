"""CSV corpora: one ad per row, the columns that hold its title, text and date named by the caller.

A file is read as a stream: the ``csv`` module over its lines, each line decoded on its own (UTF-8, else
Windows-1252, as Swedish spreadsheets save), so one bad byte spoils at most its row and no row is held
longer than it is read. A row becomes the Document a JobTech JSON line with the same fields becomes.
Bad rows (a field count unlike the header's, an unreadable row, no text) are errors for ``path#line``,
the line the row starts on; the run goes on. The Spark backend cuts a file into ``CsvSplit`` pieces at
row boundaries found by this same reader and parses each piece with it, so both backends see the same rows.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import IO, Any

from ..errors import Code, IngestError, KompetensError
from ..ingest.jobtech import ad_to_extracted
from ..models import Document
from .analyse import ad_document

CSV_SUFFIXES = frozenset({".csv", ".tsv"})
"""Suffixes read as CSV; a ``.tsv`` file's delimiter is a tab unless one is given."""
BINARY_SAMPLE = 8192
"""Bytes from a CSV file's start looked at for NUL: one is a binary file, not text (E102)."""
FIELD_LIMIT = 20_000_000
"""Characters a field may hold (the csv module's default is 131,072; an ad's HTML can be longer). A
field past it, such as a quote never closed, is that row's error."""
SPLIT_BYTES = 32_000_000
"""About how many bytes of a CSV file one Spark task reads."""
DELIMITERS = ",;\t|"
"""Delimiters told apart by the header line when none is given (the most frequent one wins)."""
DEFAULT_NAMES: Mapping[str, tuple[str, ...]] = {
    "title": (
        "title",
        "headline",
        "rubrik",
        "annonsrubrik",
        "titel",
        "jobbtitel",
        "yrkestitel",
        "jobtitle",
        "job title",
        "job_title",
    ),
    "text": ("text", "description", "description.text", "annonstext", "beskrivning"),
    "date": ("date", "publication_date", "publicerad", "publiceringsdatum"),
    "id": ("id", "annons-id", "annonsid", "annons id", "annons_id", "ad id", "ad_id"),
    "occupation": ("occupation", "occupation.label", "yrke", "yrkesbenämning", "yrkesroll"),
    "region": ("region", "workplace_address.region", "län"),
    "municipality": ("municipality", "workplace_address.municipality", "kommun"),
}
"""Header names looked for (case and spaces aside), in this order, when a field's column is not named: the
JobTech names, then common Swedish and English export names (``Annons-ID``, ``Yrke``, ``Län``, ``Kommun``: a
bug hunt, hJ, found a Swedish export's regions and occupations dropped without a word). An ad of a file without a title column has
no title, and the report leaves it out of the title-silent figures (``ads_without_title``)."""
_BOMS_WIDE = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")
_TAB_NAMES = {"\\t": "\t", "tab": "\t"}  # a tab is hard to type on a command line


@dataclass(frozen=True, slots=True)
class CsvFormat:
    """Which header names hold an ad's fields (None: the first of ``DEFAULT_NAMES`` the header has), and
    the delimiter (None: told from the header line). Only the text column is required; a column named
    here must exist."""

    title: str | None = None
    text: str | None = None
    date: str | None = None
    id: str | None = None
    occupation: str | None = None
    region: str | None = None
    municipality: str | None = None
    delimiter: str | None = None

    @classmethod
    def of(cls, columns: Mapping[str, str] | None = None, *, delimiter: str | None = None) -> CsvFormat:
        """From ``{"title": "rubrik", "text": "annonstext", ...}``; E301 for a field that is not one."""
        columns = dict(columns or {})
        unknown = sorted(set(columns) - set(DEFAULT_NAMES))
        if unknown:
            raise KompetensError(
                Code.E301, f"unknown CSV field {unknown[0]!r}; choose from {', '.join(DEFAULT_NAMES)}"
            )
        delimiter = _TAB_NAMES.get(delimiter, delimiter) if delimiter else None
        if delimiter is not None and len(delimiter) != 1:
            raise KompetensError(
                Code.E301, f"a CSV delimiter is one character, not {delimiter!r}", field="delimiter"
            )  # the field at fault, as docs/api.md's error rule says (it was null: hunt hH, finding 11)
        return cls(**columns, delimiter=delimiter)

    def named(self) -> dict[str, str]:
        """The fields whose column the caller named."""
        return {f.name: v for f in fields(self) if f.name in DEFAULT_NAMES and (v := getattr(self, f.name))}


@dataclass(frozen=True, slots=True)
class CsvHeader:
    """A file's header as read: its delimiter, its width, and the column of each field it has."""

    delimiter: str
    width: int
    index: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class CsvSplit:
    """Rows of one CSV file from byte ``start`` (a row boundary, on line ``line``) to ``end`` (None: the
    end of the file): what one Spark task reads."""

    path: str
    header: CsvHeader
    start: int
    line: int
    end: int | None = None


class _Lines:
    """A binary file's lines, each decoded on its own, counting bytes and lines as the csv reader pulls
    them (it pulls no line past the row it returns, so ``offset`` is then that row's end)."""

    __slots__ = ("end", "fh", "line", "offset")

    def __init__(self, fh: IO[bytes], *, offset: int, line: int, end: int | None = None) -> None:
        self.fh, self.offset, self.line, self.end = fh, offset, line, end

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self.end is not None and self.offset >= self.end:
            raise StopIteration
        raw = self.fh.readline()
        if not raw:
            raise StopIteration
        self.offset += len(raw)
        self.line += 1
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")
        return text.removeprefix("\ufeff") if self.line == 1 else text


def _records(lines: _Lines, *, delimiter: str, source: str) -> Iterator[tuple[int, list[str] | IngestError]]:
    """(line the row starts on, its fields or its error) for each row; blank lines are skipped."""
    if csv.field_size_limit() < FIELD_LIMIT:
        csv.field_size_limit(FIELD_LIMIT)
    reader = csv.reader(lines, delimiter=delimiter)
    while True:
        first = lines.line + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield first, IngestError(Code.E112, f"unreadable CSV row: {exc}", source=f"{source}#{first}")
            continue
        if row:
            yield first, row


def _open(path: Path) -> IO[bytes]:
    try:
        return path.open("rb")
    except FileNotFoundError:
        raise IngestError(Code.E100, "no such file", source=str(path)) from None
    except OSError as exc:
        raise IngestError(Code.E100, f"cannot be read ({exc.strerror})", source=str(path)) from None


def _sniff(first_line: bytes) -> str:
    counts = {d: first_line.count(d.encode()) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _header(fh: IO[bytes], path: Path, delimiter: str | None) -> tuple[list[str], str, _Lines]:
    """The header's names and the delimiter, with the line reader standing at the first row."""
    source = str(path)
    head = fh.readline()
    if head.startswith(_BOMS_WIDE):
        raise IngestError(Code.E102, "a UTF-16 or UTF-32 file: save the CSV as UTF-8", source=source)
    if not head.strip():
        raise IngestError(Code.E101, "no header row: the first line is empty", source=source)
    fh.seek(0)
    if b"\x00" in fh.read(BINARY_SAMPLE):  # as a JSON-lines or text file says it, not the csv module's advice
        raise IngestError(Code.E102, "contains NUL bytes: a binary file, not text", source=source)
    delimiter = delimiter or ("\t" if path.suffix.lower() == ".tsv" else _sniff(head))
    fh.seek(0)
    lines = _Lines(fh, offset=0, line=0)
    for _line, names in _records(lines, delimiter=delimiter, source=source):
        if isinstance(names, IngestError):
            raise IngestError(Code.E112, f"unreadable header: {names.message}", source=source)
        return names, delimiter, lines
    raise IngestError(Code.E101, "no header row", source=source)  # pragma: no cover - checked above


def _resolve(names: list[str], fmt: CsvFormat, *, source: str) -> dict[str, int]:
    if len(names) == 1 and fmt.delimiter is not None:  # the header did not split: another delimiter?
        other = _sniff(names[0].encode())
        if other != fmt.delimiter and other in names[0]:
            raise IngestError(
                Code.E112,
                f"the header is one column with {other!r} in it ({names[0][:80]!r}): the file's delimiter "
                f"looks like {other!r}, not {fmt.delimiter!r} (--delimiter)",
                source=source,
            )
    where: dict[str, int] = {}
    for i, name in enumerate(names):
        where.setdefault(name.strip().lower(), i)
    index: dict[str, int] = {}
    named = fmt.named()
    shown = ", ".join(repr(n) for n in names[:20]) + (", ..." if len(names) > 20 else "")
    for name, candidates in DEFAULT_NAMES.items():
        wanted = named.get(name)
        if wanted is not None:
            if wanted.strip().lower() not in where:
                raise IngestError(
                    Code.E112,
                    f"no column {wanted!r} (named for the {name}, --{name}-col); the header has {shown}",
                    source=source,
                )
            index[name] = where[wanted.strip().lower()]
            continue
        found = next((where[c] for c in candidates if c in where), None)
        if found is not None:
            index[name] = found
        elif name == "text":
            looked = ", ".join(repr(c) for c in candidates)
            raise IngestError(
                Code.E112,
                f"no text column: none of {looked} in the header ({shown}); name it with --text-col",
                source=source,
            )
    return index


def _read_header(path: Path, fmt: CsvFormat) -> tuple[CsvSplit, _Lines, IO[bytes]]:
    """The whole file as one split, with the open file and its line reader at the first row.
    Raises IngestError: no such file (E100), no header (E101), UTF-16 (E102), a missing column (E112)."""
    fh = _open(path)
    try:
        names, delimiter, lines = _header(fh, path, fmt.delimiter)
        index = _resolve(names, fmt, source=str(path))
    except BaseException:
        fh.close()
        raise
    header = CsvHeader(delimiter=delimiter, width=len(names), index=index)
    return CsvSplit(str(path), header, start=lines.offset, line=lines.line + 1), lines, fh


def csv_documents(path: Path, fmt: CsvFormat) -> Iterator[Document | IngestError]:
    """Every row of a CSV file as an ad Document, or that row's error; a file that cannot be read as
    CSV ads (a missing column...) gives one error."""
    try:
        split, lines, fh = _read_header(path, fmt)
    except IngestError as exc:
        yield exc
        return
    seen = False
    with fh:
        for item in _documents(split, lines):
            seen = True
            yield item
    if not seen:
        yield _no_rows(path)


def _no_rows(path: Path) -> IngestError:
    return IngestError(Code.E101, "no rows below the header", source=str(path))


def split_documents(split: CsvSplit) -> Iterator[Document | IngestError]:
    """The rows of one split (a Spark task's share of a file), as ``csv_documents`` gives them."""
    try:
        fh = _open(Path(split.path))
    except IngestError as exc:
        yield exc
        return
    with fh:
        fh.seek(split.start)
        yield from _documents(split, _Lines(fh, offset=split.start, line=split.line - 1, end=split.end))


def _documents(split: CsvSplit, lines: _Lines) -> Iterator[Document | IngestError]:
    header = split.header
    for first, row in _records(lines, delimiter=header.delimiter, source=split.path):
        if isinstance(row, IngestError):
            yield row
            continue
        try:
            yield row_document(row, header, source=f"{split.path}#{first}")
        except IngestError as exc:
            yield exc


def row_document(row: list[str], header: CsvHeader, *, source: str) -> Document:
    """One row as the Document of the JobTech ad with those fields. Raises IngestError (E112 a row unlike
    the header, E110 no text)."""
    if len(row) != header.width:
        count = f"{len(row)} field{'s' if len(row) != 1 else ''}"
        message = f"{count} where the header has {header.width}"
        run_on = _run_on_quote(row, source)
        raise IngestError(Code.E112, f"{run_on}: {message}" if run_on else message, source=source)
    value = {name: row[i] or None for name, i in header.index.items()}
    ad: dict[str, Any] = {
        "id": value.get("id"),
        "headline": value.get("title") or "",
        "description": {"text": value.get("text") or ""},
        "occupation": value.get("occupation"),
        "workplace_address": {"region": value.get("region"), "municipality": value.get("municipality")},
        "publication_date": value.get("date"),
    }
    extracted = ad_to_extracted(ad)
    extracted.meta["format"] = "csv"
    return ad_document(extracted, source=source)


def _run_on_quote(row: list[str], source: str) -> str | None:
    """Why a row unlike the header spans lines, when it does: a quote opened and not closed where it should
    be, so the lines after it were read as one field (the row's own, and the next rows', to the quote that
    closes it or the end of the file). None for a row on one line."""
    where = next((i for i, value in enumerate(row) if "\n" in value), None)
    first = source.rpartition("#")[2]
    if where is None or not first.isdigit():
        return None
    opened = int(first) + sum(value.count("\n") for value in row[:where])
    # a field that runs to the end of the file holds the file's last line break too
    last = int(first) + sum(value.count("\n") for value in (*row[:-1], row[-1].rstrip("\r\n")))
    return (
        f"a quote opened on line {opened} is not closed on its line: lines {opened}-{last} were read as one"
        ' field (close the quote, or double a quote inside a field: "")'
    )


def csv_splits(path: Path, fmt: CsvFormat, *, size: int | None = None) -> list[CsvSplit]:
    """The file cut at row boundaries into pieces of about ``size`` bytes (``SPLIT_BYTES``; read once, here).
    Raises IngestError as ``csv_documents`` names them (E100, E101, E102, E112)."""
    size = size or SPLIT_BYTES
    whole, lines, fh = _read_header(path, fmt)
    splits: list[CsvSplit] = []
    start, line = whole.start, whole.line
    rows = 0
    with fh:
        for _first, _row in _records(lines, delimiter=whole.header.delimiter, source=whole.path):
            rows += 1
            if lines.offset - start >= size:
                splits.append(CsvSplit(whole.path, whole.header, start=start, line=line, end=lines.offset))
                start, line = lines.offset, lines.line + 1
    if not rows:
        raise _no_rows(path)
    if splits and lines.offset == start:  # the last cut fell on the end of the file
        start, line = splits[-1].start, splits[-1].line
        splits.pop()
    splits.append(CsvSplit(whole.path, whole.header, start=start, line=line))
    return splits


def count_rows(path: Path, *, delimiter: str | None = None) -> int:
    """Rows (and unreadable rows) below the header: a progress total. 1 for a file that cannot be read."""
    try:
        fh = _open(path)
    except IngestError:
        return 1
    with fh:
        try:
            _names, found, lines = _header(fh, path, delimiter)
        except IngestError:
            return 1
        return sum(1 for _ in _records(lines, delimiter=found, source=str(path)))
