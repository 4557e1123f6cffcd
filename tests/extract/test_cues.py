"""Requirement cues: must-have, merit or neither, read from the ad's one layout.

The fast path (``requirement_status``: sorted offsets and bisections) must give what the layout's units
say, sentence by sentence, as review reads them.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from kompetens.extract.cues import SECTION_STATUS, requirement_status
from kompetens.layout import Layout, layout_cues, segment

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
    "Krav: B-körkort.",
    "Du har erfarenhet av SEO. Meriterande är Google Analytics.",
    "- SEO och sociala medier",
    "Erfarenhet av kundservice; gärna TikTok",
    "Vi erbjuder friskvårdsbidrag och SEO-kurser.",
    "Följ oss på LinkedIn och Instagram!",
    "Instagram | Facebook",
    "Exempelbolaget AB är ett familjeföretag som grundades 1975.",
    "Du är nyfiken. Du har körkort.",
    "Must have: SEO",
    "You have experience with community management.",
    "Du har högskoleutbildning inom kommunikation samt erfarenhet av SEO.",
    "Krav: examen inom marknadsföring. Meriterande är examen inom statistik.",
    "You have a degree in marketing and experience with SEO.",
]

CUE_WORDS = {
    "required": ["du har", "must have"],
    "merit": ["meriterande", "gärna"],
    "boilerplate": ["vi erbjuder", "följ oss"],
    "education": ["högskoleutbildning", "examen", "degree in"],
    "education_end": ["samt"],
}


def _reference(layout: Layout, offsets: list[int], cues: dict[str, list[int]]) -> list[tuple[object, bool]]:
    """The status read unit by unit: a cue in the offset's own sentence wins (a merit one over a required
    one; a required one not under a merits heading), else its section; boilerplate and sections about the
    employer are no demand; a must-have between an education cue and the next cue of its sentence (a degree's
    field) is none."""
    out: list[tuple[object, bool]] = []
    for at in offsets:
        unit = layout.unit_at(at)
        if unit is None:
            out.append((None, False))
        elif not unit.about_the_job:
            out.append((None, True))
        elif any(unit.start <= c < unit.end for c in cues["merit"]):
            out.append((False, False))
        elif unit.section != "merits" and any(unit.start <= c < unit.end for c in cues["required"]):
            out.append((None if _in_a_degree(unit.start, at, cues) else True, False))
        else:
            status = SECTION_STATUS.get(unit.section)
            out.append((None if status and _in_a_degree(unit.start, at, cues) else status, False))
    return out


def _in_a_degree(sentence_start: int, at: int, cues: dict[str, list[int]]) -> bool:
    """Whether ``at`` follows an education cue of its sentence with no other cue between them."""
    opened = [c for c in cues["education"] if sentence_start <= c <= at]
    if not opened:
        return False
    closes = (c for kind in ("education_end", "required", "merit") for c in cues[kind])
    return not any(max(opened) < c <= at for c in closes)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_LINES), min_size=1, max_size=12), st.sampled_from(["sv", "en"]))
def test_requirement_status_matches_the_layout_units(lines: list[str], lang: str) -> None:
    text = "\n".join(lines)
    offsets = [m.start() for m in re.finditer(r"\w+", text)]
    low = text.lower()
    cues = {
        kind: sorted(m.start() for w in words for m in re.finditer(rf"(?<!\w){re.escape(w)}(?!\w)", low))
        for kind, words in CUE_WORDS.items()
    }
    layout = segment(text, layout_cues(lang), boilerplate_at=cues["boilerplate"])
    assert requirement_status(layout, offsets, cues) == _reference(layout, offsets, cues)


def test_a_section_and_a_sentence_cue() -> None:
    text = "Säljare\n\nKrav\nDu har körkort.\nErfarenhet av SEO.\n\nMeriterande\nGoogle Analytics.\nDu har B-körkort."
    layout = segment(text, layout_cues("sv"))
    at = [text.index(w) for w in ("körkort.", "SEO", "Google", "B-körkort")]
    merit = [text.index("Meriterande")]  # a heading line: no sentence, no cue
    required = [text.index("Du har B")]
    status = requirement_status(layout, at, {"required": required, "merit": merit, "boilerplate": []})
    # under "Meriterande" a required cue ("Du har") does not make a must-have: the heading names the list
    # (before stop 32 it did, and an agency's lowest tier "Vikt läggs vid" / "Erfarenhet av ..." was required)
    assert [s for s, _ in status] == [True, True, False, False]


def test_a_merit_cue_in_a_requirements_section_still_wins() -> None:
    text = "Säljare\n\nKrav\nDu har körkort.\nMeriterande är erfarenhet av SEO."
    layout = segment(text, layout_cues("sv"))
    at = [text.index(w) for w in ("körkort.", "SEO")]
    status = requirement_status(
        layout,
        at,
        {"required": [text.index("Du har")], "merit": [text.index("Meriterande är")], "boilerplate": []},
    )
    assert [s for s, _ in status] == [True, False]


def test_a_degree_s_field_is_no_must_have_but_what_follows_it_is() -> None:
    text = "Säljare\n\nKrav\nDu har en examen inom marknadsföring samt erfarenhet av SEO.\nDu har körkort."
    layout = segment(text, layout_cues("sv"))
    at = [text.index(w) for w in ("marknadsföring", "SEO", "körkort")]
    found = {
        "required": [text.index("Du har"), text.index("erfarenhet av"), text.rindex("Du har")],
        "merit": [],
        "boilerplate": [],
        "education": [text.index("examen")],
        "education_end": [text.index("samt")],
    }
    assert [s for s, _ in requirement_status(layout, at, found)] == [None, True, True]
    assert layout.education == [(text.index("examen"), text.index("samt"))]
    assert layout.in_education(text.index("marknadsföring")) and not layout.in_education(text.index("SEO"))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_LINES), min_size=1, max_size=12), st.sampled_from(["sv", "en"]))
def test_the_sentences_status_read_when_asked_is_the_eager_one(lines: list[str], lang: str) -> None:
    """``Layout.required`` reads a sentence's status when asked: the same as every sentence read at once from
    its unit (the stop 36 list), in any order, by index from either end and by slice."""
    text = "\n".join(lines)
    low = text.lower()
    cues = {
        kind: sorted(m.start() for w in words for m in re.finditer(rf"(?<!\w){re.escape(w)}(?!\w)", low))
        for kind, words in CUE_WORDS.items()
    }
    layout = segment(text, layout_cues(lang), boilerplate_at=cues["boilerplate"])
    requirement_status(layout, [], cues)
    status = layout.required
    assert status is not None
    backwards = [status[-k] for k in range(1, len(status) + 1)][::-1]
    expected: list[bool | None] = []
    for u in layout.units:
        if not u.about_the_job:
            expected.append(None)
        elif any(u.start <= c < u.end for c in cues["merit"]):
            expected.append(False)
        elif u.section != "merits" and any(u.start <= c < u.end for c in cues["required"]):
            expected.append(True)
        else:
            expected.append(SECTION_STATUS.get(u.section))
    assert backwards == expected == list(status) == status[:]


def test_only_the_paragraphs_of_the_asked_sentences_are_read() -> None:
    """A paragraph's about-company test runs only for a sentence asked about (a mention's): the requirement
    status of an ad no longer reads every paragraph (stop 37)."""
    text = (
        "Säljare\n\nExempelbolaget AB är ett familjeföretag som grundades 1975.\n\n"
        "Du har körkort och erfarenhet av SEO.\n\nVi är ett företag med 40 anställda."
    )
    layout = segment(text, layout_cues("sv"))
    at = [text.index("SEO")]
    status = requirement_status(
        layout, at, {"required": [text.index("Du har")], "merit": [], "boilerplate": []}
    )
    assert status == [(True, False)]
    assert [p[4] for p in layout._paragraphs] == [False, True, False]
    assert [u.section for u in layout.units] == ["about_company", "body", "about_company"]
