"""The link confidence: a chance that grows with the linker's score, within its range."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kompetens.link.confidence import CONFIDENCE_RANGE, LINK_CALIBRATION, link_confidence

_SCORE = st.floats(min_value=-5.0, max_value=20.0, allow_nan=False)


@given(_SCORE, _SCORE, st.sampled_from(["quick", "full"]))
def test_a_higher_score_is_never_less_sure(low: float, high: float, mode: str) -> None:
    low, high = sorted((low, high))
    assert link_confidence(low, mode) <= link_confidence(high, mode)  # type: ignore[arg-type]


@given(_SCORE, st.sampled_from(["quick", "full"]))
def test_a_confidence_stays_in_its_range(score: float, mode: str) -> None:
    assert CONFIDENCE_RANGE[0] <= link_confidence(score, mode) <= CONFIDENCE_RANGE[1]  # type: ignore[arg-type]


@pytest.mark.parametrize(("mode", "floor"), [("full", 2.0), ("quick", 1.6)])
def test_a_link_at_its_floor_is_less_likely_right_than_not(mode: str, floor: float) -> None:
    # judged links of real ads (bench/phrase_links.py): near the floor most links are wrong
    assert link_confidence(floor, mode) < 0.5 < link_confidence(floor + 2.5, mode)  # type: ignore[arg-type]


def test_both_linkings_are_calibrated() -> None:
    assert set(LINK_CALIBRATION) == {"quick", "full"}
    assert all(b > 0 for _, b in LINK_CALIBRATION.values())  # the score is a signal, not noise
