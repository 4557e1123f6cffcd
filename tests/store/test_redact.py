"""An erased person's name leaves free text: whole words, any case, with or without diacritics."""

from __future__ import annotations

import pytest

from kompetens.store.redact import ERASED, redact

CASES = [  # (text, name words, expected)
    (
        "Zorbalina Quixtrömmer har mer erfarenhet",
        ["Zorbalina", "Quixtrömmer"],
        "[erased] [erased] har mer erfarenhet",
    ),
    ("zorbalina visade mer", ["Zorbalina"], "[erased] visade mer"),
    ("Quixtrommer's portfolio", ["Quixtrömmer"], "[erased]'s portfolio"),  # typed without the umlaut
    ("Annabella fits better than Anna", ["Anna"], "Annabella fits better than [erased]"),  # whole words only
    ("A better sample, as A. said", ["A", "Berg"], "A better sample, as A. said"),  # an initial is left
    ("references", [], "references"),
]


@pytest.mark.parametrize(("text", "words", "expected"), CASES)
def test_redact(text: str, words: list[str], expected: str) -> None:
    assert redact(text, words) == expected
    assert ERASED in expected or expected == text
