"""A PDF's visual lines are read as a reader reads them (a bug hunt's F2, stop 34): a justified ad wrapped
"minst två års" / "erfarenhet" and kept double spaces, so the PDF got one flag fewer than the same ad as a
Word file. Fictional text only."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kompetens.ingest import read_path
from kompetens.ingest.pdf import reflow

AD = [
    "Kommunikatör med fokus på digitala kanaler - Fiktiva Bolaget AB (fiktiv annons)",
    "Om oss",
    "Fiktiva Bolaget AB är ett fiktivt växande företag inom hemelektronik med 250 medarbetare i Örebro.",
    "Vem är du?",
    "Vi söker dig som är nyfiken, en riktig kommunikatör med energi och en stark vilja att lära. Du har "
    "högskoleutbildning inom kommunikation eller marknadsföring och minst två års erfarenhet av att arbeta "
    "med sociala medier i en professionell roll.",
    "Krav: erfarenhet av community management.",
    "- planera och producera innehåll för våra kanaler i sociala medier och följa upp resultaten",
    "- besvara kundfrågor",
    "Ansökan",
    "Sista ansökningsdag 2026-08-31.",
]


def test_a_justified_pdf_ad_reads_as_its_paragraphs(build):
    (doc,) = read_path(build.pdf("annons.pdf", "\n".join(AD), align="J"), kind="ad")
    assert doc.text.splitlines() == AD
    assert "  " not in doc.text


def test_a_cv_head_and_its_job_lines_stay_lines():
    lines = [
        "Testa Testsson",
        "Digital kommunikatör",
        "testa@example.com",
        "Kommunikatör och projektledare, Fiktiva Kommunen, Stockholm 2019 - 2023",
        "ansvarade för kanaler i sociala medier.",
        "Ansvarig för kommunikationen i sociala medier för ett fiktivt företag",
        "Erfarenhet",
        "Ansvarig för kommunikationen i sociala medier för ett fiktivt företag i",
        "Stockholm.",
    ]
    assert reflow(lines) == [
        *lines[:6],
        "Erfarenhet",
        "Ansvarig för kommunikationen i sociala medier för ett fiktivt företag i Stockholm.",
    ]


def test_runs_of_spaces_collapse_and_blank_lines_stay():
    assert reflow(["Fiktiva  Bolaget   AB  ", "", "  Om oss"]) == ["Fiktiva Bolaget AB", "", "Om oss"]


@given(st.lists(st.text(alphabet="abcÅö ,.:-\t", max_size=80), max_size=12))
def test_reflow_keeps_every_word_in_order(lines):
    words = [w for line in lines for w in line.split()]
    assert [w for line in reflow(lines) for w in line.split()] == words
    assert len(reflow(lines)) <= len(lines)


def test_a_dates_line_after_a_long_job_line_stays_its_own() -> None:
    from kompetens.ingest.pdf import reflow

    job = "Social media manager at Imaginary Coffee Roasters AB, Stockholm"
    assert reflow([job, "2019 - 2024", "03/2020 - 12/2024"]) == [job, "2019 - 2024", "03/2020 - 12/2024"]
    assert reflow(
        ["Vi är ett växande familjeägt bolag i Örebro med ungefär", "250 medarbetare i hela landet."]
    ) == ["Vi är ett växande familjeägt bolag i Örebro med ungefär 250 medarbetare i hela landet."]
