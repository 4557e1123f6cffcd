"""The breadth note: most of the eight areas asked for from a junior, assistant or part-time role."""

from __future__ import annotations

from kompetens.engine import Engine
from kompetens.ingest import document_from_text
from kompetens.layout import layout_cues, segment
from kompetens.models import AREA_IDS
from kompetens.review.breadth import MIN_AREAS, breadth_note

DUTIES_SV = (
    "Arbetsuppgifter\n"
    "Du ansvarar för Fiktiva kommunens sociala medier, webbplats och intranät. Du skriver pressmeddelanden, "
    "filmar och redigerar video, tar fram kommunens strategi för sociala medier, analyserar statistik i Google "
    "Analytics och Power BI, sköter sökmotoroptimering och API-integrationer, hanterar klagomål från invånare, "
    "modererar kommunens Facebookgrupper och utbildar förvaltningarna i psykologi och beteendedesign.\n"
)


def _review(engine: Engine, title: str, text: str, lang: str = "sv"):  # type: ignore[no-untyped-def]
    return engine.review(document_from_text(f"{title}\n\n{text}", source="ad.txt", lang=lang, kind="ad"))


def test_an_assistant_asked_for_every_area_gets_the_note(engine: Engine) -> None:
    review = _review(
        engine,
        "Kommunikationsassistent till Fiktiva kommunen",
        DUTIES_SV + "\nKvalifikationer\nTjänsten passar dig som är i början av ditt yrkesliv.\n",
    )
    assert review.breadth is not None
    assert len(review.breadth.areas) >= MIN_AREAS
    assert "Kommunikationsassistent" in review.breadth.level
    assert "i början av ditt yrkesliv" in review.breadth.level
    assert "kompetensområdena" in review.breadth.note  # in the ad's language


def test_a_senior_role_asked_for_every_area_gets_no_note(engine: Engine) -> None:
    review = _review(
        engine,
        "Kommunikationschef till Fiktiva kommunen",
        DUTIES_SV + "\nKvalifikationer\nDu har minst tio års erfarenhet av kommunikation i ledande roll.\n",
    )
    assert sum(1 for v in review.areas.values() if v >= 0.5) >= MIN_AREAS
    assert review.breadth is None


def test_a_junior_role_asked_for_a_few_areas_gets_no_note(engine: Engine) -> None:
    review = _review(
        engine,
        "Junior kommunikatör",
        "Arbetsuppgifter\nDu skriver inlägg till vårt Instagramkonto och svarar på kommentarer.\n",
    )
    assert review.requires_social_media
    assert review.breadth is None


def test_level_words_in_the_employers_own_text_do_not_count() -> None:
    text = (
        "Kommunikatör\n\nOm oss\nVi är ett fiktivt bolag med tjugo assistenter och en trainee varje år.\n\n"
        "Arbetsuppgifter\nDu leder vårt kommunikationsarbete.\n"
    )
    layout = segment(text, layout_cues("sv"), title="Kommunikatör")
    areas = dict.fromkeys(AREA_IDS, 0.8)
    assert breadth_note(areas, layout, text, "sv") is None
    part_time = text.replace("Du leder vårt kommunikationsarbete.", "Tjänsten är på deltid.")
    layout = segment(part_time, layout_cues("sv"), title="Kommunikatör")
    note = breadth_note(areas, layout, part_time, "sv")
    assert note is not None and note.level == ["deltid"]


def test_english_ads_get_the_note_in_english() -> None:
    text = "Social Media Intern\n\nResponsibilities\nThis is a part-time role for a student.\n"
    layout = segment(text, layout_cues("en"), title="Social Media Intern")
    note = breadth_note(dict.fromkeys(AREA_IDS, 0.9), layout, text, "en")
    assert note is not None
    assert note.level[:2] == ["Intern", "part-time"]
    assert note.note.startswith("The ad asks for 8 of the eight")
