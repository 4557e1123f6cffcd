from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kompetens.extract.text import normalize_word, tokenize


@given(st.text(alphabet=st.sampled_from(list("abcåäöAB: -_.,\n1é")), max_size=200))
def test_token_offsets_point_at_the_token(text: str) -> None:
    tokens = tokenize(text)
    previous_end = 0
    for i in reversed(range(len(tokens))):  # ask out of order: offsets are computed on demand
        assert text[tokens.start(i) : tokens.end(i)] == tokens.texts[i]
    for i in range(len(tokens)):
        assert tokens.start(i) >= previous_end
        previous_end = tokens.end(i)


@pytest.mark.parametrize(
    ("word", "norm"),
    [("API:s", "api"), ("KPI:er", "kpi"), ("Marknadsföring", "marknadsföring"), ("SEO", "seo")],
)
def test_normalize_word(word: str, norm: str) -> None:
    assert normalize_word(word) == norm
