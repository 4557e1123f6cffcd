"""What a reader of the README's figures learns from the benches' own help (hunt hH): what tune and check mean,
what --data-dir is, and a half with nothing to measure said as n/a rather than 0.00."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from kompetens import contract

ROOT = Path(__file__).resolve().parents[1]


def _bench(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(ROOT / "bench"))
    return module


def _help(module: ModuleType, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> str:
    monkeypatch.setattr(sys, "argv", [module.__name__, "--help"])
    with pytest.raises(SystemExit):
        module.main()
    return " ".join(capsys.readouterr().out.split())


@pytest.mark.parametrize(
    "name",
    [
        "review_age_ads",
        "review_social_written",
        "review_written",
        "review_real",
        "rank_ads",
        "rank_written",
        "melo_cli",
        "link_sv",
    ],
)
def test_a_bench_with_halves_says_what_tune_and_check_are(
    name: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    said = _help(_bench(name), monkeypatch, capsys)
    assert "tune / check: " in said and "held-out figure" in said, said
    assert "%%" not in said


@pytest.mark.parametrize(
    "name",
    [
        "review_age_ads",
        "review_social_written",
        "extract",
        "rank_ads",
        "rank_written",
        "melo_cli",
        "thorough_profile",
    ],
)
def test_data_dir_has_a_help_text(
    name: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    said = _help(_bench(name), monkeypatch, capsys)
    assert (
        "--data-dir DATA_DIR data folder" in said
        or "--data-dir DATA_DIR the kompetens data folder" in said
        or ("--data-dir DATA_DIR a data folder" in said)
    ), said


def test_extract_bench_says_what_it_measures(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert "ads/s per core" in _help(_bench("extract"), monkeypatch, capsys)


def test_review_real_says_n_a_for_a_half_with_nothing_to_measure() -> None:
    share = _bench("review_real").share
    assert share(0, 0) == "n/a"
    assert share(1, 2) == "0.50"


def test_the_contract_module_help_ends_its_sentence(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        contract.main(["--help"])
    said = " ".join(capsys.readouterr().out.split())
    assert "prints and its REST endpoint answers." in said
