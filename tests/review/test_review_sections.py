"""Reading an ad's layout: headings, unheaded company paragraphs, boilerplate sentences."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kompetens.review import SECTION_KINDS, section_cues, segment
from kompetens.review.sections import heading_kind, is_link_line

HEADINGS = [
    ("sv", "Arbetsuppgifter", "duties"),
    ("sv", "Dina arbetsuppgifter:", "duties"),
    ("sv", "Om tjänsten", "duties"),
    ("sv", "## Kvalifikationer", "requirements"),
    ("sv", "Vi söker dig som", "requirements"),
    ("sv", "Vem är du?", "requirements"),
    ("sv", "Meriterande", "merits"),
    ("sv", "Vi erbjuder", "offer"),
    ("sv", "Om oss", "about_company"),
    ("sv", "Om Exempelbolaget AB", "about_company"),
    ("sv", "Om dig", "requirements"),
    ("sv", "Ansökan", "apply"),
    ("sv", "Välkommen med din ansökan!", "apply"),
    ("sv", "Vår teknikstack:", "body"),
    ("en", "Responsibilities", "duties"),
    ("en", "What you'll do", "duties"),
    ("en", "About the role", "duties"),
    ("en", "What we are looking for", "requirements"),
    ("en", "About you", "requirements"),
    ("en", "Nice to have", "merits"),
    ("en", "What we offer", "offer"),
    ("en", "About us", "about_company"),
    ("en", "About Example Games", "about_company"),
    ("en", "How to apply", "apply"),
]

NOT_HEADINGS = [
    ("sv", "Du driver vårt Instagramkonto."),
    ("sv", "- Erfarenhet"),
    ("en", "You have experience as a barista or in hospitality."),
    ("en", "* Requirements"),
]


@pytest.mark.parametrize(("lang", "line", "kind"), HEADINGS)
def test_heading_kind(lang: str, line: str, kind: str) -> None:
    assert heading_kind(line, section_cues(lang)) == kind


@pytest.mark.parametrize(("lang", "line"), NOT_HEADINGS)
def test_not_a_heading(lang: str, line: str) -> None:
    assert heading_kind(line, section_cues(lang)) is None


BOILERPLATE = [
    ("sv", "Följ oss på Instagram!"),
    ("sv", "Följ gärna skolan på Instagram!"),
    ("sv", "Dela gärna annonsen på LinkedIn!"),
    ("sv", "Vi finns på Facebook, Instagram och TikTok där vi visar vardagen."),
    ("sv", "Instagram | Facebook | www.exempelbolaget.se"),
    ("en", "Follow us on Instagram | Share this job on LinkedIn"),
    ("en", "Follow Example Corp on X."),
    ("en", "Find us on LinkedIn and Instagram."),
    ("en", "Instagram · LinkedIn · TikTok"),
]

JOB_SENTENCES = [
    ("sv", "Du driver vårt Instagramkonto och vår Facebooksida."),
    ("sv", "Du uppdaterar vår LinkedIn-sida varje vecka."),
    ("en", "You update the company LinkedIn page every week."),
    ("en", "You answer customer questions on our Facebook page."),
]


@pytest.mark.parametrize(("lang", "sentence"), BOILERPLATE)
def test_boilerplate_sentence(lang: str, sentence: str) -> None:
    layout = segment(f"Titel\n\n{sentence}", section_cues(lang))
    assert layout.units and all(u.boilerplate for u in layout.units)


@pytest.mark.parametrize(("lang", "sentence"), JOB_SENTENCES)
def test_job_sentence_is_not_boilerplate(lang: str, sentence: str) -> None:
    layout = segment(f"Titel\n\n{sentence}", section_cues(lang))
    assert [u.counts_as_job for u in layout.units] == [True]
    assert not is_link_line(sentence, section_cues(lang))


def test_title_is_the_first_short_line() -> None:
    layout = segment("Kommunikatör\n\nDu skriver texter.", section_cues("sv"))
    assert layout.title == "Kommunikatör"
    assert layout.sections[0].kind == "title"


def test_given_title_is_kept_and_its_line_found() -> None:
    layout = segment("Kommunikatör\n\nDu skriver texter.", section_cues("sv"), title="Kommunikatör")
    assert layout.title_span == (0, len("Kommunikatör"))


def test_inline_heading_opens_a_section() -> None:
    text = "Säljare\n\nKrav: B-körkort och erfarenhet av försäljning.\nVi erbjuder: Tjänstebil."
    layout = segment(text, section_cues("sv"))
    kinds = [(s.kind, text[s.start : s.end]) for s in layout.sections[1:]]
    assert kinds == [("requirements", "B-körkort och erfarenhet av försäljning."), ("offer", "Tjänstebil.")]


@pytest.mark.parametrize(
    ("lang", "paragraph", "kind"),
    [
        (
            "sv",
            "Exempelbil AB är en familjeägd bilhandel som grundades 1975. Vi finns på Instagram.",
            "about_company",
        ),
        ("sv", "Exempelbil AB är en bilhandel som nu söker en säljare. Du filmar bilar till TikTok.", "body"),
        (
            "en",
            "Example Studio Ltd is a design agency founded in 2010. We post our work on Instagram.",
            "about_company",
        ),
        ("en", "Madeup Coffee Co. is a small chain looking for a barista. You post on Instagram.", "body"),
    ],
)
def test_unheaded_company_paragraph(lang: str, paragraph: str, kind: str) -> None:
    layout = segment(f"Titel\n\n{paragraph}", section_cues(lang))
    assert {u.section for u in layout.units} == {kind}


def test_sections_cover_their_text_in_order() -> None:
    text = (
        "Titel\n\nOm oss\nVi är ett företag.\n\nArbetsuppgifter\nDu skriver.\n\nKvalifikationer\n- Utbildning"
    )
    layout = segment(text, section_cues("sv"))
    starts = [s.start for s in layout.sections]
    assert starts == sorted(starts)
    assert [s.kind for s in layout.sections] == ["title", "about_company", "duties", "requirements"]
    assert layout.unit_at(text.index("Du skriver")) is not None
    assert layout.unit_at(text.index("Arbetsuppgifter")) is None


LINES = [
    "Arbetsuppgifter",
    "Om oss",
    "Krav: B-körkort.",
    "- Erfarenhet av Instagram",
    "Följ oss på LinkedIn!",
    "",
    "Du driver vårt Instagramkonto. Du svarar kunder.",
    "About us",
    "You post on TikTok.",
    "Instagram | Facebook",
    "#",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(LINES), max_size=25), st.sampled_from(["sv", "en"]))
def test_units_are_ordered_and_inside_the_text(lines: list[str], lang: str) -> None:
    text = "\n".join(lines)
    layout = segment(text, section_cues(lang))
    previous_end = 0
    for unit in layout.units:
        assert previous_end <= unit.start < unit.end <= len(text)
        assert text[unit.start : unit.end].strip() == text[unit.start : unit.end]
        assert layout.unit_at(unit.start) == unit
        previous_end = unit.end
    assert all(s.kind in SECTION_KINDS for s in layout.sections)
