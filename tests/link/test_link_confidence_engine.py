"""``Engine.link``'s confidence: the calibrated curves for a short text's first three skills, and the cut-off."""

from __future__ import annotations

from pathlib import Path

import pytest

from kompetens.engine import Engine
from kompetens.errors import KompetensError
from kompetens.link import Linker
from kompetens.link.confidence import JUDGED_MIN_SCORE, RANK_CALIBRATION, link_confidence


@pytest.fixture
def engine(tmp_path: Path, lexical: Linker) -> Engine:
    engine = Engine(tmp_path / "home")
    engine.__dict__["linker"] = lexical  # the fictional taxonomy's linker (tests/link/conftest.py)
    return engine


def test_a_short_texts_best_skill_has_the_full_curves_confidence(engine: Engine) -> None:
    (result,) = engine.link(["write press releases"], top=3, spans=False)
    best, *rest = result.candidates
    assert best.id == "urn:test:skill:press" and best.score >= JUDGED_MIN_SCORE
    assert best.confidence == link_confidence(best.score, "full")
    assert rest and all(c.confidence is None or c.confidence <= best.confidence for c in rest)


def test_the_2nd_and_3rd_skills_have_their_ranks_curve_and_the_4th_none(engine: Engine) -> None:
    texts = ["write press releases manage budgets", "manage budgets social media", "write press releases"]
    found = engine.link(texts, top=5, spans=False)  # two skills in a text of up to five words: a 2nd >= 1.2
    given = 0
    for result in found:
        for rank, c in enumerate(result.candidates, start=1):
            if rank <= max(RANK_CALIBRATION) and c.score >= JUDGED_MIN_SCORE:
                assert c.confidence == link_confidence(c.score, "full", rank)
                given += rank > 1
            else:  # a 4th concept, or a score below the judged range: no judged data backs a figure
                assert c.confidence is None
    assert given  # the fictional taxonomy has 2nd concepts in the judged range


def test_a_long_text_or_an_occupation_has_no_confidence(engine: Engine) -> None:
    long = "we want someone who can write press releases and manage budgets"
    for text, kind in ((long, "skill"), ("social media manager", "occupation")):
        (result,) = engine.link([text], top=3, kind=kind, spans=False)
        assert result.candidates and all(c.confidence is None for c in result.candidates)


def test_the_cut_off_drops_what_does_not_reach_it(engine: Engine) -> None:
    texts = ["write press releases", "manage budgets"]
    full = engine.link(texts, top=3, spans=False)
    sure = [r.candidates[0].confidence for r in full]
    assert all(x is not None for x in sure)
    cut = min(x for x in sure if x is not None)
    kept = engine.link(texts, top=3, spans=False, min_confidence=cut)
    reach = [[c for c in r.candidates if c.confidence is not None and c.confidence >= cut] for r in full]
    assert [r.candidates for r in kept] == reach  # the scores stay as they are
    assert all(r.candidates[0] in k.candidates for r, k in zip(full, kept, strict=True))
    above = engine.link(
        texts, top=3, spans=False, min_confidence=max(x for x in sure if x is not None) + 0.001
    )
    assert [r.candidates for r in above] == [[], []]
    assert [r.input for r in above] == texts


@pytest.mark.parametrize("bad", [-0.1, 1.5])
def test_a_cut_off_outside_0_1_is_refused(engine: Engine, bad: float) -> None:
    with pytest.raises(KompetensError) as err:
        engine.link(["write press releases"], min_confidence=bad)
    assert err.value.field == "min_confidence"


def test_without_a_cut_off_nothing_is_dropped(engine: Engine) -> None:
    plain = engine.link(["write press releases"], top=4, spans=False)
    assert len(plain[0].candidates) == len(engine.linker.link(["write press releases"], top=4)[0])
