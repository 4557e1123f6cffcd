"""The link confidence: a chance that grows with the linker's score, within its range."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kompetens.link.confidence import CONFIDENCE_RANGE, LINK_CALIBRATION, RANK_CALIBRATION, link_confidence

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


@given(_SCORE, _SCORE, st.sampled_from([2, 3]))
def test_a_lower_concept_is_surer_with_a_higher_score_and_stays_in_range(
    low: float, high: float, rank: int
) -> None:
    low, high = sorted((low, high))
    sure = link_confidence(low, "full", rank), link_confidence(high, "full", rank)
    assert sure[0] <= sure[1] and all(CONFIDENCE_RANGE[0] <= x <= CONFIDENCE_RANGE[1] for x in sure)


@given(_SCORE, _SCORE, st.sampled_from([2, 3]))
def test_a_lower_concept_is_never_surer_than_the_best_it_follows(
    lower: float, best: float, rank: int
) -> None:
    lower, best = sorted((lower, best))  # the best concept scores at least as high
    assert link_confidence(lower, "full", rank) <= link_confidence(best, "full")


def test_a_2nd_or_3rd_concept_is_less_often_right_than_a_best_one_of_its_score() -> None:
    # judged 2nd and 3rd concepts of real ads' phrases (bench/phrase_links.py --calibrate-ranks): 17 % right on A
    for score in (1.2, 2.0, 3.0):
        for rank in (2, 3):
            assert link_confidence(score, "full", rank) < link_confidence(score, "full")
    assert link_confidence(2.0, "full", 2) < 0.2 and all(b > 0 for _, b in RANK_CALIBRATION.values())


@pytest.mark.parametrize(("mode", "rank"), [("full", 4), ("full", 0), ("quick", 2)])
def test_a_rank_without_a_curve_is_refused(mode: str, rank: int) -> None:
    with pytest.raises(ValueError, match="no calibration"):
        link_confidence(3.0, mode, rank)  # type: ignore[arg-type]
