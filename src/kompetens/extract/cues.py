"""Requirement cues in ads: is a competence a must-have, a merit, or neither?

A line's own cue wins ("Meriterande är erfarenhet av SEO"); otherwise the section it sits under decides
("Krav:" ... until the next heading). Cue words come from ``lang/<code>/cues.json``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache, partial
from itertools import accumulate, repeat
from operator import add

from ..lang import LANGUAGES, lang_data
from .phrases import Hit, PhraseIndex
from .text import MatchLine

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
    memo: dict[str, tuple[bool | None, bool]] = field(default_factory=dict, compare=False)


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
_SENTENCE_PUNCT = re.compile(r"[.!?;]\s")
# As _SENTENCE_END within a line, over a whole text; a line end needs no match (lines are cut anyway).
# One pattern per mark: a literal first character lets the regex engine skip ahead (1.7x faster).
_SENTENCE_BREAKS = tuple(re.compile(re.escape(mark) + r"[^\S\n]+") for mark in ".!?;")


def _sentences(line: str, offset: int) -> list[tuple[int, int]]:
    """Sentence spans of one line, as absolute offsets."""
    if not _SENTENCE_PUNCT.search(line):  # most lines of an ad are one sentence or a bullet
        return [(offset, offset + len(line))]
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


_KINDS = ("required", "merit", "boilerplate")


def cue_phrases() -> list[tuple[str, str]]:
    """(phrase, kind) of every sentence cue of every language (kind: required, merit, boilerplate)."""
    return [
        (word, kind)
        for code in LANGUAGES
        for kind in _KINDS
        for word in lang_data(code, "cues").get(kind, [])
    ]


@lru_cache(maxsize=1)
def _cue_index() -> PhraseIndex:
    return PhraseIndex((), cues=cue_phrases())


def cue_starts(index: PhraseIndex, hits: list[Hit]) -> dict[str, list[int]]:
    """Start offsets per cue kind, in text order, from the cue hits of ``index.scan``."""
    starts: dict[str, list[int]] = {kind: [] for kind in _KINDS}
    kinds = index.cue_kinds
    for start, _, code in hits:
        kind = kinds.get(code)
        if kind is None:
            kind = kinds[code] = index.sense(code).concept_id
        starts[kind].append(start)
    for found in starts.values():
        found.sort()
    return starts


def _cue_hits(line: MatchLine) -> dict[str, list[int]]:
    index = _cue_index()
    hits: list[Hit] = []
    index.scan(line, "und", hits)
    return cue_starts(index, hits)


def _line_starts(lines: list[str]) -> list[int]:
    """The offset of each line of ``"\n".join(lines)``, and its length plus one at the end."""
    return list(accumulate(map(add, map(len, lines), repeat(1)), initial=0))


def _headings(
    text: str, cues: CueSet, lines: list[str] | None = None, starts: list[int] | None = None
) -> tuple[list[int], list[tuple[bool | None, bool]]]:
    """Start offsets of the heading lines, and the (section status, boilerplate) each one opens.

    ``lines`` and their ``starts`` are the text split at newlines, when the caller has them.
    """
    headings: list[int] = []
    states: list[tuple[bool | None, bool]] = []
    if lines is None:
        lines = text.split("\n")
    # Most lines of an ad end a sentence: only short lines that do not, or that hold a "#", can be headings.
    maybe = [
        i
        for i, line in enumerate(lines)
        if len(line) <= HEADING_MAX_CHARS and (line[-1:] not in ".!?" or "#" in line)
    ]
    if maybe:
        if starts is None:
            starts = _line_starts(lines)
        for i in maybe:
            if _is_heading(lines[i]):
                headings.append(starts[i])
                states.append(_section_state(cues, lines[i]))
    return headings, states


_SECTION_MEMO_MAX = 10_000


def _section_state(cues: CueSet, line: str) -> tuple[bool | None, bool]:
    """(status, boilerplate) a heading opens; memoised, since ads reuse a few hundred headings."""
    memo = cues.memo
    state = memo.get(line)
    if state is None:
        boiler = bool(cues.section_boilerplate and cues.section_boilerplate.search(line))
        section: bool | None = None
        if cues.section_merit and cues.section_merit.search(line):
            section = False
        elif cues.section_required and cues.section_required.search(line):
            section = True
        if len(memo) > _SECTION_MEMO_MAX:
            memo.clear()
        state = memo[line] = (section, boiler)
    return state


def _sentence_starts(text: str, line_starts: list[int] | None = None) -> list[int]:
    """Sorted offsets where a sentence starts: each line, and after each sentence end within a line.

    Two offsets of words lie in the same sentence exactly when ``bisect_right`` gives them the same index.
    ``line_starts`` are those of ``_line_starts``, when the caller has them.
    """
    if line_starts is None:
        line_starts = _line_starts(text.split("\n"))
    starts = line_starts[:-1]
    n = len(starts)
    for pattern in _SENTENCE_BREAKS:
        starts += [m.end() for m in pattern.finditer(text)]
    if len(starts) > n:
        starts.sort()
    return starts


def requirement_status(
    text: str,
    lang: str,
    offsets: list[int],
    *,
    line: MatchLine | None = None,
    cues_found: dict[str, list[int]] | None = None,
) -> list[tuple[bool | None, bool]]:
    """(required, boilerplate) at each offset of an ad (e.g. of its mentions).

    required: True for a must-have, False for a merit, None for neither or boilerplate. A cue in the
    offset's own sentence wins ("Meriterande är erfarenhet av SEO"), else the section it sits under
    ("Krav:" ... until the next heading). ``cues_found`` are the cue offsets when the caller's scan already
    found them (see ``cue_starts``); else the text is scanned for them.
    """
    found = cues_found if cues_found is not None else _cue_hits(line if line is not None else MatchLine(text))
    lines = text.split("\n")
    line_starts = _line_starts(lines)
    heading_starts, heading_states = _headings(text, cue_set(lang), lines, line_starts)
    sentence_of = partial(bisect_right, _sentence_starts(text, line_starts))
    # the status a cue gives its sentence: a merit cue wins over a required one
    cued: dict[int, bool | None] = dict.fromkeys(map(sentence_of, found["required"]), True)
    cued.update(dict.fromkeys(map(sentence_of, found["merit"]), False))
    boiler = set(map(sentence_of, found["boilerplate"]))
    if not heading_starts:
        return [
            (None, True) if sentence in boiler else (cued.get(sentence), False)
            for sentence in map(sentence_of, offsets)
        ]
    # the last heading at or above each offset's line, as 1 + its index (0: none)
    sections = [(None, False), *heading_states]
    return [
        (None, True) if in_boilerplate or sentence in boiler else (cued.get(sentence, status), False)
        for sentence, (status, in_boilerplate) in zip(
            map(sentence_of, offsets),
            map(sections.__getitem__, map(partial(bisect_right, heading_starts), offsets)),
            strict=True,
        )
    ]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence: lines split at sentence ends, blank lines skipped."""
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            out.extend(_sentences(line, pos))
        pos += len(line) + 1
    return out
