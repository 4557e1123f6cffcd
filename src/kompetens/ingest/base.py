"""What a format reader hands back before it becomes a Document."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from kompetens.errors import IngestError
from kompetens.models import DocKind


@dataclass(slots=True)
class Extracted:
    """Text found in a file (or in one item of a JSON array / JSONL line)."""

    text: str
    title: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    kind: DocKind | None = None  # what the content itself says it is (a JobTech ad says "ad")
    item: int | None = None  # 1-based line or array position; the source becomes "path#item"


class Extractor(Protocol):
    """A format reader: file bytes in, extracted items (or per-item errors) out.

    Errors that concern the whole file are raised; errors that concern one item are yielded so
    that the other items survive.
    """

    def __call__(self, data: bytes, *, source: str) -> Iterator[Extracted | IngestError]: ...
