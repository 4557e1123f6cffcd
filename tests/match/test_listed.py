"""A bare skills list is told from described work (``match/listed.py``), in both languages."""

from __future__ import annotations

import pytest

from kompetens.match.listed import is_bare_list, is_listed

LINES = [  # (line, section, in a job's text, listed)
    ("Instagram, TikTok, SEO, Google Ads, Canva", "skills", False, True),
    ("Instagram", "skills", False, True),  # a sidebar list, one name a line
    ("Kompetenser: Instagram, TikTok, SEO", "experience", True, True),  # a label line under the last job
    ("Skills: Canva, Premiere", "summary", False, True),
    ("- Verktyg: Canva, Premiere, Power BI", "other", False, True),
    ("Instagram, TikTok, SEO, Canva", "summary", False, True),
    ("Instagram · TikTok · SEO", "header", False, True),
    ("Kassa, varupåfyllning, kundbemötande.", "experience", True, False),  # a job's duties
    ("Ansvarade för företagets Instagram och TikTok.", "experience", True, False),
    ("Ran the shelter's Instagram account, wrote posts, answered messages.", "other", False, False),
    ("Jag älskar Instagram.", "summary", False, False),
    ("Medie- och kommunikationsvetenskap, SEO, Google Analytics", "education", False, False),
    ("Ansvar: Instagram och TikTok", "experience", True, False),  # a duty label, not a skills label
]


@pytest.mark.parametrize(("line", "section", "in_position", "expected"), LINES)
def test_is_listed(line: str, section: str, in_position: bool, expected: bool) -> None:
    assert is_listed(line, section, in_position=in_position) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Canva, Premiere, Power BI", True),
        ("Svenska, engelska", False),  # two are a phrase
        ("Planned logistics for a festival, managed suppliers and the whole budget, hired staff", False),
    ],
)
def test_is_bare_list(line: str, expected: bool) -> None:
    assert is_bare_list(line) is expected
