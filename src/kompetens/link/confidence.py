"""How likely a phrase's ESCO link is right, from the linker's score: the confidence of a tagger phrase's
mention (thorough extraction, ``extract --link``).

The linker's fused score ranks the concepts for one phrase; across phrases it is a weak but real signal: on
hand-judged links of real Swedish ads (``bench/phrase_links.py``, the tune half of
../shared/data/dev/platsbanken), full-linker links scoring 3.0 or more were right about 70 % of the time and
those near the floor (2.0) about a third. ``LINK_CALIBRATION`` holds a logistic curve over the score per
linking, fitted on sample A's judged links (``bench/phrase_links.py --calibrate`` prints the fit and its
log-loss on sample B, the check, beside the constant 0.5 the mentions had before). ``RANK_CALIBRATION`` holds
the same form for the full linker's 2nd and 3rd concepts of a phrase (``kompetens link``), fitted on sample A's
judged 2nd and 3rd concepts (``bench/phrase_links.py --calibrate-ranks``)."""

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

RANK_CALIBRATION: dict[int, tuple[float, float]] = {2: (-4.40, 1.19), 3: (-4.40, 1.19)}
"""Rank -> ``(a, b)`` for the full linker's 2nd and 3rd concepts of a phrase (``kompetens link --top 3
--no-spans``), one curve for both: fitted on sample A's judged 2nd and 3rd concepts scoring >= 1.2 of its phrases
of up to five words (79 + 76, 26 right; stop 35). On sample B (85 + 83, 20 right) the log-loss is 0.337 against
0.374 for A's share of right ones (0.17) as a constant, 0.386 for the best concept's curve (``LINK_CALIBRATION``
"full") as it is, 0.342 for that curve times a factor fitted on A (0.68; 0.344 with one per rank: 0.79, 0.56) and
0.338 for a curve per rank (``bench/phrase_links.py --calibrate-ranks``): a modest gain over the constant (its
95 % bootstrap interval over B's links -0.004 to 0.080), and one a cut-off can use. A lower concept of a phrase is less
often right than its best one at the same score: about 0.12 at 2.0, 0.30 at 3.0, 0.59 at 4.0; and never more
sure than the best concept's curve (``link_confidence``)."""

CONFIDENCE_RANGE = (0.05, 0.95)
"""A score says no more than this: a few hundred judged links cannot promise certainty either way."""


JUDGED_MIN_SCORE = 1.2
"""The lowest full-linker score among the judged links (``bench/phrase_links.py`` judged links from 1.2; the
curve was fitted on those from 2.0). Below it no link was judged: ``kompetens link`` gives no confidence there
rather than the curve's extrapolation."""


def link_confidence(score: float, mode: LinkMode, rank: int = 1) -> float:
    """The chance that a phrase linked with ``score`` by ``mode`` linking has a right concept, rounded to
    three decimals (a mention's confidence; the same phrase gets the same figure in every document).
    ``rank`` 2 or 3: the full linker's 2nd or 3rd concept of the phrase (``RANK_CALIBRATION``), at most what
    the best concept's curve gives the same score (a 2nd concept is never surer than the 1st it follows)."""
    if rank == 1:
        a, b = LINK_CALIBRATION[mode]
    elif rank in RANK_CALIBRATION and mode == "full":
        a, b = RANK_CALIBRATION[rank]
    else:
        raise ValueError(f"no calibration for rank {rank} of {mode} linking")
    p = 1.0 / (1.0 + math.exp(-(a + b * score)))
    if rank > 1:
        p = min(p, link_confidence(score, mode))
    low, high = CONFIDENCE_RANGE
    return round(min(max(p, low), high), 3)
