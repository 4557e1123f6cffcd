from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kompetens.taxonomy import normalize_label


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Social Media  Manager", "social media manager"),
        ("  Klagomålshantering\n", "klagomålshantering"),
        ("ÅSA-Nisse\tÖVERSÄTTARE", "åsa-nisse översättare"),
        ("ｆｕｌｌｗｉｄｔｈ", "fullwidth"),  # NFKC
        ("in \u200bOccitan", "in occitan"),  # zero-width space as found in ESCO texts
        ("ﬁnance", "finance"),  # ligature
        ("", ""),
    ],
)
def test_normalize_label(text: str, expected: str) -> None:
    assert normalize_label(text) == expected


@given(st.text())
def test_normalize_label_is_idempotent(text: str) -> None:
    once = normalize_label(text)
    assert normalize_label(once) == once
    assert once == once.strip()
    assert "  " not in once
