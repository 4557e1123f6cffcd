"""Requirement cues in ads: is a competence a must-have, a merit, or neither?

A line's own cue wins ("Meriterande är erfarenhet av SEO"); otherwise the section it sits under decides
("Krav:" ... until the next heading). Cue words come from ``lang/<code>/cues.json``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..lang import LANGUAGES, lang_data

HEADING_MAX_WORDS = 7


@dataclass(slots=True, frozen=True)
class CueSet:
    required: re.Pattern[str] | None
    merit: re.Pattern[str] | None
    section_required: re.Pattern[str] | None
    section_merit: re.Pattern[str] | None
    boilerplate: re.Pattern[str] | None
    section_boilerplate: re.Pattern[str] | None


def _pattern(words: list[str]) -> re.Pattern[str] | None:
    words = sorted({w.strip().lower() for w in words if w.strip()}, key=len, reverse=True)
    if not words:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=8)
def cue_set(lang: str) -> CueSet:
    """Cues of one language; for an unknown language, the cues of all languages together."""
    langs = [lang] if lang in LANGUAGES else list(LANGUAGES)
    data: dict[str, list[str]] = {}
    for code in langs:
        for key, words in lang_data(code, "cues").items():
            data.setdefault(key, []).extend(words)
    return CueSet(
        required=_pattern(data.get("required", [])),
        merit=_pattern(data.get("merit", [])),
        section_required=_pattern(data.get("section_required", []) or data.get("required", [])),
        section_merit=_pattern(data.get("section_merit", []) or data.get("merit", [])),
        boilerplate=_pattern(data.get("boilerplate", [])),
        section_boilerplate=_pattern(data.get("section_boilerplate", [])),
    )


_BULLET = re.compile(r"\s*(?:[-*•–·▪]|\d+[.)])\s")
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")


def _sentences(line: str, offset: int) -> list[tuple[int, int]]:
    """Sentence spans of one line, as absolute offsets."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(line):
        spans.append((offset + start, offset + m.start()))
        start = m.end()
    spans.append((offset + start, offset + len(line)))
    return spans


def _is_heading(line: str) -> bool:
    if _BULLET.match(line):
        return False
    stripped = line.strip().strip("#*:-• ").strip()
    if not 0 < len(stripped.split()) <= HEADING_MAX_WORDS:
        return False
    marked = line.rstrip().endswith(":") or line.lstrip().startswith("#")
    return marked or (stripped[:1].isupper() and not stripped.endswith((".", "!", "?")))


@dataclass(slots=True, frozen=True)
class Segment:
    """A sentence of an ad: its offsets, whether it states a must-have (True), a merit (False) or neither
    (None), and whether it is boilerplate (follow us, about us, benefits, how to apply)."""

    start: int
    end: int
    required: bool | None
    boilerplate: bool


def requirement_by_offset(text: str, lang: str) -> list[Segment]:
    """The sentences of an ad with their requirement status, in order."""
    cues = cue_set(lang)
    out: list[Segment] = []
    section: bool | None = None
    in_boilerplate = False
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if not line.strip():
            continue
        if _is_heading(line):
            in_boilerplate = bool(cues.section_boilerplate and cues.section_boilerplate.search(line))
            if cues.section_merit and cues.section_merit.search(line):
                section = False
            elif cues.section_required and cues.section_required.search(line):
                section = True
            else:
                section = None
        for seg_start, seg_end in _sentences(line, start):
            segment = text[seg_start:seg_end]
            if cues.merit and cues.merit.search(segment):
                status: bool | None = False
            elif cues.required and cues.required.search(segment):
                status = True
            else:
                status = section
            boiler = in_boilerplate or bool(cues.boilerplate and cues.boilerplate.search(segment))
            out.append(Segment(seg_start, seg_end, None if boiler else status, boiler))
    return out
