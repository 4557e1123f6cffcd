"""No benchmark sentence may ship inside the package (issue 3: methods are chosen on these sets)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import ahocorasick
import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "src" / "kompetens"
DEV = ROOT.parent / "shared" / "data" / "dev"


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def _benchmark_sentences() -> set[str]:
    out: set[str] = set()
    for path in (DEV / "decorte").glob("*.csv"):
        with path.open(encoding="utf-8") as fh:
            out.update(_norm(row["sentence"]) for row in csv.DictReader(fh))
    for path in (DEV / "skillspan").glob("*.json"):
        for line in path.open(encoding="utf-8"):
            tokens = json.loads(line)["tokens"]
            if len(tokens) >= 6:  # short lines ("Job type: Full-time") are not sentences anyone owns
                out.add(_norm(" ".join(tokens)))
    # MELO queries are JobTech occupation names, which the taxonomy may rightly ship: not checked.
    return {s for s in out if len(s) >= 30}


def test_no_file_in_the_package_contains_a_benchmark_sentence() -> None:
    if not DEV.is_dir():
        pytest.skip(f"../shared not found ({DEV}): the benchmarks live beside the project checkout")
    automaton = ahocorasick.Automaton()
    for sentence in _benchmark_sentences():
        automaton.add_word(sentence, sentence)
    automaton.make_automaton()
    leaks = []
    for path in sorted(p for p in PACKAGE.rglob("*") if p.is_file()):
        try:
            text = _norm(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, OSError):
            continue  # binary files cannot hold a sentence we could find this way
        leaks += [(path.relative_to(ROOT), hit[:60]) for _, hit in automaton.iter(text)]
    assert not leaks, f"benchmark sentences inside the package: {leaks[:5]}"


def test_the_check_finds_a_planted_sentence(tmp_path: Path) -> None:
    if not DEV.is_dir():
        pytest.skip(f"../shared not found ({DEV})")
    sentence = sorted(_benchmark_sentences())[0]
    automaton = ahocorasick.Automaton()
    automaton.add_word(sentence, sentence)
    automaton.make_automaton()
    planted = _norm(f"preamble {sentence.upper()} trailer")
    assert [hit for _, hit in automaton.iter(planted)] == [sentence]
