"""How likely a phrase's ESCO link is right, from the linker's score: the confidence of a tagger phrase's
mention (thorough extraction, ``extract --link``).

The linker's fused score ranks the concepts for one phrase; across phrases it is a weak but real signal: on
hand-judged links of real Swedish ads (``bench/phrase_links.py``, the tune half of
../shared/data/dev/platsbanken), full-linker links scoring 3.0 or more were right about 70 % of the time and
those near the floor (2.0) about a third. ``LINK_CALIBRATION`` holds a logistic curve over the score per
linking, fitted on sample A's judged links (``bench/phrase_links.py --calibrate`` prints the fit and its
log-loss on sample B, the check, beside the constant 0.5 the mentions had before)."""

from __future__ import annotations

import math
from typing import Literal

LinkMode = Literal["quick", "full"]

LINK_CALIBRATION: dict[LinkMode, tuple[float, float]] = {
    "full": (-3.12, 0.88),
    "quick": (-1.87, 0.89),
}
"""Linking -> ``(a, b)``: P(right | score) = 1 / (1 + exp(-(a + b * score))). Fitted on sample A's judged links
above each linking's floor (66 full, 32 quick; stop 33); on sample B (67, 33) the log-loss is 0.620 and 0.626
against 0.693 for the constant 0.5 and 0.705 / 0.697 for A's share of right links (``bench/phrase_links.py
--calibrate``). Full: about 0.2 at its floor (2.0), 0.4 at 3.0, 0.6 at 4.0; quick: 0.4 at 1.6, 0.6 at 2.5."""

CONFIDENCE_RANGE = (0.05, 0.95)
"""A score says no more than this: a few hundred judged links cannot promise certainty either way."""


JUDGED_MIN_SCORE = 1.2
"""The lowest full-linker score among the judged links (``bench/phrase_links.py`` judged links from 1.2; the
curve was fitted on those from 2.0). Below it no link was judged: ``kompetens link`` gives no confidence there
rather than the curve's extrapolation."""


def link_confidence(score: float, mode: LinkMode) -> float:
    """The chance that a phrase linked with ``score`` by ``mode`` linking has a right concept, rounded to
    three decimals (a mention's confidence; the same phrase gets the same figure in every document)."""
    a, b = LINK_CALIBRATION[mode]
    p = 1.0 / (1.0 + math.exp(-(a + b * score)))
    low, high = CONFIDENCE_RANGE
    return round(min(max(p, low), high), 3)
