"""Requirement cues in ads: is a competence a must-have, a merit, or neither?

A line's own cue wins ("Meriterande är erfarenhet av SEO"); otherwise the section it sits under decides
("Krav:" ... until the next heading). Cue words come from ``lang/<code>/cues.json``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from ..lang import LANGUAGES, lang_data
from .phrases import PhraseIndex, PhraseSpec
from .text import Tokens, tokenize

HEADING_MAX_WORDS = 7
HEADING_MAX_CHARS = 80


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
    """Cues of every language, the ad's own first: ads mix languages ("Meriterande: ... Nice to have: ...")."""
    langs = [lang, *(code for code in LANGUAGES if code != lang)] if lang in LANGUAGES else list(LANGUAGES)
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
    if len(line) > HEADING_MAX_CHARS:
        return False
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


class _Hits:
    """Start offsets of one kind of cue over the whole text, found in one automaton pass over the tokens."""

    def __init__(self, starts: list[int]) -> None:
        self._starts = starts

    def within(self, start: int, end: int) -> bool:
        i = bisect_left(self._starts, start)
        return i < len(self._starts) and self._starts[i] < end


_KINDS = ("required", "merit", "boilerplate")


@lru_cache(maxsize=8)
def _cue_index(lang: str) -> PhraseIndex:
    langs = [lang, *(code for code in LANGUAGES if code != lang)] if lang in LANGUAGES else list(LANGUAGES)
    specs = [
        PhraseSpec(word, kind, kind, None, lemmatize=False)
        for code in langs
        for kind in _KINDS
        for word in lang_data(code, "cues").get(kind, [])
    ]
    return PhraseIndex(specs)


def _cue_hits(text: str, lang: str, tokens: Tokens | None) -> dict[str, _Hits]:
    tokens = tokens if tokens is not None else tokenize(text)
    starts: dict[str, list[int]] = {kind: [] for kind in _KINDS}
    for hit in _cue_index(lang).scan(tokens, "und"):
        starts[hit.sense.concept_id].append(tokens.start(hit.first))
    return {kind: _Hits(sorted(found)) for kind, found in starts.items()}


def requirement_by_offset(
    text: str, lang: str, *, tokens: Tokens | None = None, only_at: list[int] | None = None
) -> list[Segment]:
    """The sentences of an ad with their requirement status, in order.

    ``only_at`` (sorted offsets, e.g. of mentions) limits the sentences returned to lines holding one of
    them; headings are still read everywhere, since a section's status carries down to its lines.
    """
    wanted = _Hits(only_at) if only_at is not None else None
    cues = cue_set(lang)
    hits = _cue_hits(text, lang, tokens)
    merit, required, boilerplate = hits["merit"], hits["required"], hits["boilerplate"]
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
        if wanted is not None and not wanted.within(start, end + 1):
            continue
        for seg_start, seg_end in _sentences(line, start):
            status: bool | None = section
            if merit.within(seg_start, seg_end):
                status = False
            elif required.within(seg_start, seg_end):
                status = True
            boiler = in_boilerplate or boilerplate.within(seg_start, seg_end)
            out.append(Segment(seg_start, seg_end, None if boiler else status, boiler))
    return out


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence: lines split at sentence ends, blank lines skipped."""
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            out.extend(_sentences(line, pos))
        pos += len(line) + 1
    return out
