"""The reranker experiment of bench/link_rerank.py (``bench/link_cv.py --rerank``): its score, data and ``qcov``."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from kompetens.link import Linker
from kompetens.link.text import words

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def rerank() -> ModuleType:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        spec = importlib.util.spec_from_file_location("link_rerank", ROOT / "bench" / "link_rerank.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules["link_rerank"] = module  # dataclasses look their module up
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(ROOT / "bench"))
    return module


def _sig(rerank: ModuleType, *, phrase: bool) -> object:
    f32 = np.float32
    return rerank.Signals(
        cands=np.array([7, 3, 5]),
        lex=np.array([1.0, 0.5, 0.0], dtype=f32),
        boost=np.array([0.0, 0.0, 2.0], dtype=f32),
        n_words=3,
        den=np.array([0.0, 4.0, 1.0], dtype=f32) if phrase else None,
        gloss=np.array([0.0, 1.0, 0.0], dtype=f32) if phrase else None,
        static=np.array([3.0, 0.0, 0.0], dtype=f32),
        qcov=np.array([0.0, 1.0, 0.5], dtype=f32),
    )


def test_a_phrase_is_scored_by_e5_and_its_gloss_a_sentence_by_the_static_stand_in(rerank: ModuleType) -> None:
    cfg = (0.2, 0.2, 0.1, 1.0, 0.0)  # w_den, w_gloss, w_static, boost scale, w_qcov
    phrase = rerank.rescore(_sig(rerank, phrase=True), cfg)
    # the agreement of e5 and the gloss (min 1.0 for the second) at the linker's w_agree 0.1
    np.testing.assert_allclose(phrase, [1.0, 0.5 + 0.8 + 0.2 + 0.1, 2.0 + 0.2], rtol=1e-6)
    sentence = rerank.rescore(_sig(rerank, phrase=False), cfg)
    np.testing.assert_allclose(sentence, [1.3, 0.5, 2.0], rtol=1e-6)
    assert rerank.ranked(_sig(rerank, phrase=True), cfg) == [5, 3, 7]  # candidates' own group ids


def test_boost_scale_and_qcov_move_the_order(rerank: ModuleType) -> None:
    sig = _sig(rerank, phrase=True)
    assert rerank.ranked(sig, (0.2, 0.2, 0.1, 0.5, 0.0)) == [3, 5, 7]  # half the boost: 1.2 < 1.6
    assert rerank.ranked(sig, (0.2, 0.2, 0.1, 1.0, 1.0)) == [5, 3, 7]  # 2.7 against 2.6
    assert rerank.ranked(sig, (0.2, 0.2, 0.1, 1.0, 2.0)) == [3, 5, 7]  # 3.6 against 3.2


def test_only_tune_rows_are_read_and_a_twin_shares_its_phrase_unit(
    rerank: ModuleType, tmp_path: Path
) -> None:
    dev = tmp_path / "data" / "dev" / "decorte"
    dev.mkdir(parents=True)
    for split in ("tech", "house"):
        (dev / f"{split}_validation_annotations.csv").write_text(
            "sentence,label\nA fictional sentence about budgets.,manage budgets\n", encoding="utf-8"
        )
    data = rerank.texts(tmp_path)
    lists = [t for t in data if t.set in rerank.LISTS]
    assert {t.set for t in data} == set(rerank.SETS)
    from link_sv import load

    for name, file in rerank.LISTS.items():
        rows = load(rerank.DATA / file)
        tune = [r for r in rows if r.half == "tune"]
        mine = [t for t in lists if t.set == name]
        assert len(mine) == len(tune) + sum(not r.variant for r in tune)  # phrase + twin, variants alone
        assert {t.text for t in mine} == {r.sv for r in tune} | {r.en for r in tune}  # no check row
    for t in lists:
        if t.twin:
            assert any(o.unit == t.unit and not o.twin for o in lists)


def test_qcov_is_the_share_of_the_text_a_label_holds(rerank: ModuleType, lexical: Linker) -> None:
    groups = {lexical.uris[int(c)]: g for g, c in enumerate(lexical._group_concept)}
    tokens = words("manage budgets and write press releases")
    lang = lexical.langid.detect(tokens)
    cands = [groups["urn:test:skill:budget"], groups["urn:test:skill:press"], groups["urn:test:skill:python"]]
    budget, press, python = rerank.text_coverage(lexical, tokens, lang, cands, {})
    assert python == 0.0
    assert 0.0 < budget < 1.0 and 0.0 < press < 1.0
    assert press > budget  # three of the words against two
    whole = rerank.text_coverage(lexical, words("manage budgets"), lang, cands[:1], {})
    assert whole[0] == pytest.approx(1.0)
