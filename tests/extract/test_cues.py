"""Requirement cues: the fast per-offset status equals a plain line-by-line reading of the ad."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from kompetens.extract.cues import (
    _headings,
    _is_heading,
    _sentences,
    cue_set,
    requirement_status,
)

_LINES = [
    "Krav:",
    "krav:",
    "# Om oss",
    "Vi erbjuder",
    "- Krav",
    "1. Meriterande",
    "Meriterande.",
    "Ävrigt",
    "ärligt sagt",
    "  ## Kvalifikationer  ",
    "Du är:",
    "ÖNSKVÄRT",
    "x" * 90,
    "Om dig",
    "*Om dig*",
    "Vem är du?",
    "• Krav",
    "Krav !",
    ":Krav",
    "-",
    "",
    "   ",
    "Krav. -",
    "Nice to have:",
    "Du har erfarenhet av SEO. Meriterande är Google Analytics.",
    "- SEO och sociala medier",
    "Erfarenhet av kundservice; gärna TikTok",
    "Vi erbjuder friskvårdsbidrag och SEO-kurser.",
    "Följ oss på LinkedIn och Instagram!",
    "Du är nyfiken. Du har körkort.",
    "Must have: SEO",
    "You have experience with community management.",
]


def _reference(
    text: str, lang: str, offsets: list[int], cues: dict[str, list[int]]
) -> list[tuple[object, bool]]:
    """The status read line by line, sentence by sentence (how the rules are stated)."""
    cue_set_ = cue_set(lang)
    per_offset: dict[int, tuple[object, bool]] = {}
    section: bool | None = None
    in_boilerplate = False
    pos = 0
    for line in text.split("\n"):
        start = pos
        pos += len(line) + 1
        if not line.strip():
            continue
        if _is_heading(line):
            in_boilerplate = bool(cue_set_.section_boilerplate and cue_set_.section_boilerplate.search(line))
            if cue_set_.section_merit and cue_set_.section_merit.search(line):
                section = False
            elif cue_set_.section_required and cue_set_.section_required.search(line):
                section = True
            else:
                section = None
        for s, e in _sentences(line, start):
            status: bool | None = section
            if any(s <= c < e for c in cues["merit"]):
                status = False
            elif any(s <= c < e for c in cues["required"]):
                status = True
            boiler = in_boilerplate or any(s <= c < e for c in cues["boilerplate"])
            for at in offsets:
                if s <= at < e:
                    per_offset[at] = (None if boiler else status, boiler)
    return [per_offset[at] for at in offsets]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_LINES), min_size=1, max_size=12), st.sampled_from(["sv", "en"]))
def test_requirement_status_matches_the_line_by_line_reading(lines: list[str], lang: str) -> None:
    text = "\n".join(lines)
    offsets = [m.start() for m in re.finditer(r"\w+", text)]
    cue_words = {
        "required": ["du har", "must have"],
        "merit": ["meriterande", "gärna"],
        "boilerplate": ["vi erbjuder", "följ oss"],
    }
    low = text.lower()
    cues = {
        kind: sorted(m.start() for w in words for m in re.finditer(rf"(?<!\w){re.escape(w)}(?!\w)", low))
        for kind, words in cue_words.items()
    }
    assert requirement_status(text, lang, offsets, cues_found=cues) == _reference(text, lang, offsets, cues)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_LINES), min_size=1, max_size=12))
def test_heading_scan_finds_exactly_the_heading_lines(lines: list[str]) -> None:
    text = "\n".join(lines)
    expected, pos = [], 0
    for line in lines:
        if line.strip() and _is_heading(line):
            expected.append(pos)
        pos += len(line) + 1
    assert _headings(text, cue_set("sv"))[0] == expected
