"""Cutting the ad into highlighted pieces never loses or reorders text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kompetens.api.highlight import Span, pieces

TEXT = "Vi söker en ung och driven kommunikatör med Instagram."


@pytest.mark.parametrize(
    ("spans", "marked"),
    [
        ([], []),
        ([Span(12, 15, "flag")], ["ung"]),
        ([Span(12, 15, "flag"), Span(12, 26, "area")], ["ung"]),  # the flag wins the overlap
        ([Span(20, 26, "area"), Span(12, 15, "flag")], ["ung", "driven"]),
        ([Span(44, 53, "area"), Span(0, 2, "flag")], ["Vi", "Instagram"]),
        ([Span(5, 5, "flag"), Span(50, 99, "flag")], []),  # empty and out-of-range spans are skipped
    ],
)
def test_pieces(spans: list[Span], marked: list[str]) -> None:
    out = pieces(TEXT, spans)
    assert "".join(p.text for p in out) == TEXT
    assert [p.text for p in out if p.kind != "text"] == marked


@st.composite
def text_and_spans(draw: st.DrawFn) -> tuple[str, list[Span]]:
    text = draw(st.text(min_size=0, max_size=80))
    n = len(text)
    spans = draw(
        st.lists(
            st.tuples(
                st.integers(-2, n + 2), st.integers(-2, n + 2), st.sampled_from(["flag", "area", "aside"])
            ),
            max_size=12,
        )
    )
    return text, [Span(a, b, k) for a, b, k in spans]


@given(text_and_spans())
def test_pieces_keep_the_text(case: tuple[str, list[Span]]) -> None:
    text, spans = case
    out = pieces(text, spans)
    assert "".join(p.text for p in out) == text
    assert all(p.text for p in out)
    valid = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    if valid:
        first = valid[0]  # the highest-priority span is always marked
        assert any(p.kind == first.kind and p.text == text[first.start : first.end] for p in out)
