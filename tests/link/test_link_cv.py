"""Span fusion arithmetic and the cross-validation folds of bench/link_cv.py."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from types import ModuleType

import pytest

from kompetens.link import Linker
from kompetens.link.linker import fuse_ranked

ROOT = Path(__file__).resolve().parents[2]


def test_fusion_adds_the_best_phrase_rank_at_its_weight() -> None:
    # k 1: the sentence gives a 1/2, b 1/3, c 1/4; phrase rankings give c 1/2 (best of two), d 1/3.
    fused = fuse_ranked(["a", "b", "c"], [["c", "d"], ["b", "c"]], weight=1.0, k=1)
    # a 0.5; b 1/3 + 1/2; c 1/4 + 1/2 (its best phrase rank, not the sum); d 1/3
    assert fused == ["b", "c", "a", "d"]
    half = fuse_ranked(["a", "b", "c"], [["c", "d"], ["b", "c"]], weight=0.5, k=1)
    # a 0.5; b 1/3 + 1/4 = 0.583; c 1/4 + 1/4 = 0.5 (ties a: the sentence's order wins); d 1/6
    assert half == ["b", "a", "c", "d"]


def test_fusion_at_weight_zero_or_without_phrases_is_the_sentence_ranking() -> None:
    assert fuse_ranked(["x", "y", "z"], [["z", "y"]], weight=0.0, k=10) == ["x", "y", "z"]
    assert fuse_ranked(["x", "y", "z"], [], weight=1.0, k=10) == ["x", "y", "z"]


def test_fusion_keeps_the_first_rank_of_an_item_listed_twice() -> None:
    assert fuse_ranked(["x", "y", "x"], [], weight=1.0, k=0) == ["x", "y"]


@pytest.fixture(scope="module")
def link_cv() -> ModuleType:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        spec = importlib.util.spec_from_file_location("link_cv", ROOT / "bench" / "link_cv.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules["link_cv"] = module  # dataclasses look their module up
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(ROOT / "bench"))
    return module


def test_cv_folds_are_deterministic_balanced_and_disjoint(link_cv: ModuleType) -> None:
    units = [f"sentence {i}" for i in range(23)]
    folds = link_cv.assign_folds(units, 5, 14)
    assert folds == link_cv.assign_folds(units, 5, 14)  # same seed, same folds
    assert folds == link_cv.assign_folds(list(reversed(units)), 5, 14)[::-1]  # order does not matter
    assert folds != link_cv.assign_folds(units, 5, 15)  # another seed, other folds
    members = [{u for u, f in zip(units, folds, strict=True) if f == k} for k in range(5)]
    assert set().union(*members) == set(units)  # every unit in a fold ...
    assert sum(len(m) for m in members) == len(units)  # ... in exactly one
    assert sorted(len(m) for m in members) == [4, 4, 5, 5, 5]


# ------------------------------------------------------------------------ Linker.link(spans=...)
SENTENCE = "We need someone who can cut videos and also manage budgets for our team"


def _finder(*phrases: str) -> tuple[list[tuple[str, str]], Callable[[str, str], list[tuple[int, int]]]]:
    calls: list[tuple[str, str]] = []

    def find(text: str, lang: str) -> list[tuple[int, int]]:
        calls.append((text, lang))
        return [(text.index(p), text.index(p) + len(p)) for p in phrases if p in text]

    return calls, find


def test_spans_change_nothing_when_off_or_when_no_phrase_is_found(lexical: Linker) -> None:
    plain = lexical.link([SENTENCE, "cut videos"], top=5)
    assert lexical.link([SENTENCE, "cut videos"], top=5, spans=None) == plain
    calls, find = _finder()
    assert lexical.link([SENTENCE, "cut videos"], top=5, spans=find) == plain
    assert [text for text, _ in calls] == [SENTENCE]  # a text of e5_words words or fewer is not tagged


def test_spans_fuse_the_sentence_with_its_phrases(lexical: Linker) -> None:
    _, find = _finder("manage budgets")
    fused = lexical.link([SENTENCE], top=5, spans=find)[0]
    plain = lexical.link([SENTENCE], top=5)[0]
    assert fused != plain  # scores at least: the fusion score replaces the linker's
    sentence = [c.uri for c in lexical.link([SENTENCE], top=100)[0]]
    phrase = [c.uri for c in lexical.link_quick(["manage budgets"], top=100, lang="en")[0]]  # quick linking
    cfg = lexical.config
    expected = fuse_ranked(sentence, [phrase], weight=cfg.span_weight, k=cfg.span_k)[:5]
    assert [c.uri for c in fused] == expected
    assert fused[0].uri == "urn:test:skill:budget"  # the phrase's concept rises to the top
    assert fused[0].score == pytest.approx(
        round(1 / (cfg.span_k + sentence.index(fused[0].uri) + 1) + cfg.span_weight / (cfg.span_k + 1), 4)
    )


def test_span_weight_zero_keeps_the_sentence_order(lexical: Linker) -> None:
    _, find = _finder("manage budgets")
    zero = replace(lexical, config=replace(lexical.config, span_weight=0.0))
    assert [c.uri for c in zero.link([SENTENCE], top=5, spans=find)[0]] == [
        c.uri for c in lexical.link([SENTENCE], top=5)[0]
    ]
