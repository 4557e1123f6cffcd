"""A corpus to measure: its paths, the engine that reads them and the local (one-process) analysis loop.

Files are streamed: JSON lines line by line, CSV row by row (``csvads``), so a run holds one ad at a time
whatever the corpus's size; other files (a JSON array, a PDF...) are read whole by ``Engine.read``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from ..errors import Code, IngestError, KompetensError
from ..ingest.reader import PathsArg, as_paths, count_packed_lines, expand_paths, packed_jsonl, stream_jsonl
from .analyse import AdFacts, ad_facts
from .csvads import CSV_SUFFIXES, CsvFormat, count_rows, csv_documents

if TYPE_CHECKING:
    from ..engine import Engine
    from ..models import Document

T = TypeVar("T")
Progress = Callable[[int, int], None]
"""Called with (ads measured so far, errors so far)."""

JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
READ_AHEAD = 128
"""Ads read (and their language identified) before they are analysed, a batch at a time: the language
models and the review's tables then stay in the CPU caches, and a run goes 20-30 % faster than one
that reads and analyses each ad in turn (the same results; 128 ads are about 0.5 MB)."""
MAX_LISTED_ERRORS = 100
"""A report lists at most this many failed inputs (all are counted)."""


@dataclass(slots=True)
class IngestStats:
    """What one ``Backend.ingest`` call did: ads measured, inputs that failed, seconds spent."""

    ads: int = 0
    error_count: int = 0
    errors: list[KompetensError] = field(default_factory=list)
    seconds: float = 0.0

    def add_error(self, error: KompetensError) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_LISTED_ERRORS:
            self.errors.append(error)


@dataclass(slots=True, frozen=True)
class Corpus:
    """Ad files and folders, and the engine (its data folder) that analyses them.

    ``facts()`` runs the analysis here, in this process; a distributed backend uses ``files()`` and
    ``engine.data_dir`` to run the same ``ad_facts`` on its workers instead.
    """

    paths: tuple[Path, ...]
    engine: Engine
    progress: Progress | None = None
    every: int = 50
    csv: CsvFormat = field(default_factory=CsvFormat)
    lang: str | None = None
    """Every ad's language instead of the detected one (``market --lang``)."""

    def documents(self) -> Iterator[Document | IngestError]:
        """Every ad of the corpus, or the error of a file, line or row that could not be read."""
        for file in self.files():
            if isinstance(file, IngestError):
                yield file
            elif file.suffix.lower() in JSONL_SUFFIXES or packed_jsonl(file):
                yield from stream_jsonl(file, kind="ad")
            elif file.suffix.lower() in CSV_SUFFIXES:
                yield from csv_documents(file, self.csv)
            else:
                yield from self.engine.read([file], kind="ad")

    def facts(self, stats: IngestStats) -> Iterator[AdFacts]:
        """Facts of every readable ad; errors (bad files, bad lines, unsupported languages) go to ``stats``."""
        for item in read_ahead(self.documents()):
            if isinstance(item, IngestError):
                stats.add_error(item)
            else:
                try:
                    facts = ad_facts(self.engine, item, lang=self.lang)
                except KompetensError as exc:
                    stats.add_error(_with_source(exc, item.source))
                else:
                    stats.ads += 1
                    yield facts
            if self.progress is not None and (stats.ads + stats.error_count) % self.every == 0:
                self.progress(stats.ads, stats.error_count)
        if self.progress is not None:
            self.progress(stats.ads, stats.error_count)

    def files(self) -> Iterator[Path | IngestError]:
        """The files the paths name: folders walked in sorted order as ``Engine.read`` walks them."""
        for path in self.paths:
            yield from expand(path)


def read_ahead(items: Iterable[T], n: int = READ_AHEAD) -> Iterator[T]:
    """``items`` in order, pulled ``n`` at a time before any is handed on."""
    it = iter(items)
    while batch := list(islice(it, n)):
        yield from batch


def _with_source(exc: KompetensError, source: str) -> KompetensError:
    if exc.source is None:
        return KompetensError(exc.code, exc.message, source=source, field=exc.field)
    return exc


def expand(path: Path) -> Iterator[Path | IngestError]:
    """A named file as is (one of a type nothing reads: its E108, naming CSV too); a folder's files with
    known extensions (CSV too), hidden ones skipped, sorted by name."""
    if not path.exists():
        yield IngestError(Code.E100, "no such file", source=str(path))
        return
    yield from expand_paths(path, extensions=CSV_SUFFIXES, kind="ad")


def other_than_csv(paths: PathsArg) -> list[Path]:
    """The files the paths name that are not CSV (a folder's too): where ``CsvFormat``'s columns and
    delimiter mean nothing."""
    return [
        file
        for path in as_paths(paths)
        for file in expand(path)
        if isinstance(file, Path) and file.suffix.lower() not in CSV_SUFFIXES
    ]


def count_inputs(paths: PathsArg, *, delimiter: str | None = None) -> int:
    """About how many ads the paths hold (non-blank JSONL lines, CSV rows, one per other file): a progress
    total. ``delimiter``: the CSV files' (None: told from each header)."""
    total = 0
    for path in as_paths(paths):
        for file in expand(path):
            if isinstance(file, IngestError):
                total += 1
            elif file.suffix.lower() in JSONL_SUFFIXES:
                total += _count_lines(file)
            elif packed_jsonl(file):
                total += count_packed_lines(file)
            elif file.suffix.lower() in CSV_SUFFIXES:
                total += count_rows(file, delimiter=delimiter)
            else:
                total += 1
    return total


def _count_lines(path: Path) -> int:
    count = 0
    try:
        with path.open("rb") as fh:
            for line in fh:
                count += bool(line.strip())
    except OSError:
        return 1  # reading will report the error
    return max(count, 1)  # an empty file is one error (E101)
