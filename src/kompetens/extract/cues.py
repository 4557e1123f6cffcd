"""Requirement cues in ads: is a competence a must-have, a merit, or neither?

A sentence's own cue wins ("Meriterande är erfarenhet av SEO"); otherwise the section it sits under
decides ("Krav:" ... until the next heading). A degree's field ("Du har högskoleutbildning inom
kommunikation", "a degree in marketing") is an education requirement, not a competence one: from an
``education`` cue to the next cue of its sentence (``education_end``, required or merit: "... samt
erfarenhet av SEO") no mention is a must-have. Sections, sentences and boilerplate come from the ad's one
:class:`~kompetens.layout.Layout`, which review reads too. Cue words come from ``lang/<code>/cues.json``
and are found by the extraction's own phrase walk.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from ..lang import LANGUAGES, lang_data
from ..layout import Layout, SentenceStatus, layout_cues
from .phrases import Hit, PhraseIndex

SECTION_STATUS: dict[str, bool] = {"requirements": True, "merits": False}
"""The status a section gives the mentions under it when their sentence has no cue of its own."""

_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")
_SENTENCE_PUNCT = re.compile(r"[.!?;]\s")


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


_KINDS = ("required", "merit", "boilerplate", "boilerplate_hint", "education", "education_end")


def cue_phrases() -> list[tuple[str, str]]:
    """(phrase, kind) of every sentence cue of every language (kind: required, merit, boilerplate,
    education, education_end), and
    the hint words of the layout's boilerplate patterns (kind: boilerplate_hint; see ``kompetens.layout``)."""
    phrases = [
        (word, kind)
        for code in LANGUAGES
        for kind in _KINDS
        for word in lang_data(code, "cues").get(kind, [])
    ]
    return phrases + [(word, "boilerplate_hint") for word in layout_cues(LANGUAGES[0]).boilerplate_hints]


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


def requirement_status(
    layout: Layout, offsets: list[int], cues_found: dict[str, list[int]]
) -> list[tuple[bool | None, bool]]:
    """(required, boilerplate) at each offset of an ad (e.g. of its mentions).

    required: True for a must-have, False for a merit, None for neither or boilerplate. A cue in the
    offset's own sentence wins ("Meriterande är erfarenhet av SEO"; a merit cue over a required one),
    else the section it sits under ("Krav:" ... until the next heading); under a merits heading a required
    cue does not ("Meriterande" / "- Erfarenhet av SEO": the heading says what its list is). Boilerplate: a follow-us or
    how-to-apply sentence, or a section about the employer, the offer or the application. An offset in a
    degree's field (``education_spans``: "Du har högskoleutbildning inom kommunikation") is no must-have
    (None; a merit stays one). ``cues_found`` are the cue offsets the extraction's walk found (see
    ``cue_starts``).
    """
    sentences = layout.sentences_at
    # per sentence: the status its own cue gives it (a merit cue wins), else its section's; read only for
    # the sentences asked about (a sentence's kind needs its paragraph's about-company test)
    required = {i for i in sentences(cues_found.get("required", [])) if i >= 0}
    merit = {i for i in sentences(cues_found.get("merit", [])) if i >= 0}
    status = SentenceStatus(layout, required, merit, SECTION_STATUS)
    layout.required = status  # the span phrases' too
    layout.education = education_spans(layout, cues_found)
    at = sentences(offsets)
    found = {i: status.at(i) for i in set(at) if i >= 0}  # an ad's mentions share their sentences
    found[-1] = (None, False)
    in_education = layout.in_education  # a must-have is none where the ad names a degree's field
    return [
        (None, False) if (f := found[i])[0] and in_education(o) else f
        for i, o in zip(at, offsets, strict=True)
    ]


def education_spans(layout: Layout, cues_found: dict[str, list[int]]) -> list[tuple[int, int]]:
    """(start, end) of each stretch of an ad that names a degree's field: from an ``education`` cue
    ("högskoleutbildning", "examen", "degree in") to the next ``education_end``, required or merit cue of
    its sentence ("samt", "erfarenhet av", "experience"), else the sentence's end. In text order; the
    stretches of one sentence may overlap (each ends where the first later cue stands)."""
    opens = sorted(cues_found.get("education", []))
    if not opens:
        return []
    closes = sorted(at for kind in ("education_end", "required", "merit") for at in cues_found.get(kind, []))
    spans: list[tuple[int, int]] = []
    for start, i in zip(opens, layout.sentences_at(opens), strict=True):
        if i < 0:
            continue
        end = layout.sentence_end(i)
        k = bisect_right(closes, start)
        if k < len(closes) and closes[k] < end:
            end = closes[k]
        spans.append((start, end))
    return spans


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence: lines split at sentence ends, blank lines skipped."""
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            out.extend(_sentences(line, pos))
        pos += len(line) + 1
    return out
