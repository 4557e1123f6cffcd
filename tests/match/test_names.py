"""The name words an erasure redacts are the anonymiser's name, and nothing else of the CV."""

from __future__ import annotations

import pytest

from kompetens.match.names import name_words

CASES = [
    (
        "Zorbalina Quixtrömmer\nPersonnummer: 910203-4455\nzq@example.se\n\nErfarenhet\n",
        ["Zorbalina", "Quixtrömmer"],
    ),
    ("CV – Anna Fiktivsson\n\nProfil\nKreativ.\n", ["Anna", "Fiktivsson"]),
    ("Erfarenhet\nKassa, varupåfyllning.\n", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_name_words(text: str, expected: list[str]) -> None:
    assert name_words(text) == expected
