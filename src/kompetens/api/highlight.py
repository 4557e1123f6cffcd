"""The ad text cut into pieces for highlighting: flagged wording first, then evidence of competence areas."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..lang import report_words
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


def review_spans(review: Review, labels: dict[str, str], lang: str = "en") -> list[Span]:
    """Spans in priority order: flags, area evidence, social-media cues that were set aside; their notes in
    ``lang``, the words of the HTML report (``lang/<lang>/review.json``): the area's name, what showed it
    ("a skill or word of the area", "en signal för sociala medier"), expert level, why a cue was set aside."""
    w = report_words("review", lang)
    spans = [
        Span(f.start, f.end, "flag", f.category, i, f.category) for i, f in enumerate(review.flags, start=1)
    ]
    for area, found in review.area_evidence.items():
        for s in found:
            via = w["html"]["via"].get(s.via, s.via)
            level = f", {w['html']['expert']}" if s.expert else ""
            spans.append(Span(s.start, s.end, "area", f"{labels.get(area, area)} ({via}{level})"))
    for e in review.evidence:
        if not e.counted:
            said = w["reasons"].get(e.reason) or w["sections"].get(e.reason) or e.reason
            spans.append(Span(e.start, e.end, "aside", str(w["html"]["set_aside"]).format(reason=said)))
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
