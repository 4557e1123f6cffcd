"""The ad text cut into pieces for highlighting: flagged wording first, then evidence of competence areas."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..review import Review


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    kind: str  # "flag" | "area" | "aside"
    note: str = ""
    index: int = 0  # the flag's number in the list of flags
    category: str = ""


@dataclass(frozen=True, slots=True)
class Piece:
    text: str
    kind: str = "text"  # "text" or a Span kind
    note: str = ""
    index: int = 0
    category: str = ""


def review_spans(review: Review, labels: dict[str, str]) -> list[Span]:
    """Spans in priority order: flags, area evidence, social-media cues that were set aside."""
    spans = [
        Span(f.start, f.end, "flag", f.category, i, f.category) for i, f in enumerate(review.flags, start=1)
    ]
    for area, found in review.area_evidence.items():
        for s in found:
            level = ", expert level" if s.expert else ""
            spans.append(Span(s.start, s.end, "area", f"{labels.get(area, area)}{level}"))
    for e in review.evidence:
        if not e.counted:
            spans.append(Span(e.start, e.end, "aside", f"set aside: {e.reason}"))
    return spans


def pieces(text: str, spans: Iterable[Span]) -> list[Piece]:
    """``text`` as plain and marked pieces; a span overlapping an earlier (higher priority) one is dropped.

    Joining the pieces' texts always gives ``text`` back.
    """
    taken: list[Span] = []
    for s in spans:
        if 0 <= s.start < s.end <= len(text) and all(s.end <= t.start or s.start >= t.end for t in taken):
            taken.append(s)
    out: list[Piece] = []
    pos = 0
    for s in sorted(taken, key=lambda s: s.start):
        if s.start > pos:
            out.append(Piece(text[pos : s.start]))
        out.append(Piece(text[s.start : s.end], s.kind, s.note, s.index, s.category))
        pos = s.end
    if pos < len(text):
        out.append(Piece(text[pos:]))
    return out
