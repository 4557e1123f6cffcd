"""The review's skill list and its areas agree: a skill that only an area's generic word shows ("hög
servicekänsla", ``generic_area_evidence``: every kind of ad asks for it) shows no area, so it is no skill the
ad asks for either.

A user's finding (stop 36, #5): a shop supervisor's ad listed "Kundbemötande och service (servicekänsla)"
among its skills while the same review called customer service missing."""

from __future__ import annotations

from typing import Any

from kompetens.models import Document


def _review(engine: Any, text: str) -> Any:
    return engine.review(Document(source="t", text=text, lang="sv", kind="ad", title="Butikssäljare"))


def test_a_generic_service_word_lists_no_service_skill_when_the_area_is_missing(engine: Any) -> None:
    text = (
        "Butikssäljare\n\nDu ansvarar för butikens marknadsföring genom sociala medier. "
        "Du är öppen och trevlig med hög servicekänsla.\n"
    )
    review = _review(engine, text)  # a social-media ad: the review names its missing areas
    assert "customer_service" in review.missing_areas
    service = [s for s in review.skills if any("servicek" in e.text.lower() for e in s.evidence)]
    assert not service, [s.label for s in service]


def test_real_service_work_still_lists_its_skill(engine: Any) -> None:
    text = (
        "Butikssäljare\n\nDu ansvarar för butikens marknadsföring genom sociala medier, "
        "besvarar kunders frågor och hanterar klagomål.\n"
    )
    review = _review(engine, text)
    assert review.areas["customer_service"] > 0 and "customer_service" not in review.missing_areas
    assert any(s.area == "customer_service" for s in review.skills)
