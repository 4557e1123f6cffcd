"""The rated ranking set of bench/rank_written.py is whole: every CV of every role graded once, 0-3."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

SET = Path(__file__).resolve().parents[2] / "bench" / "data" / "rank_written_1"


def _grades() -> list[dict[str, str]]:
    with (SET / "ratings.tsv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def test_every_cv_of_every_role_is_graded_once() -> None:
    rows = _grades()
    graded = Counter((r["role"], r["cv"]) for r in rows)
    assert graded and max(graded.values()) == 1
    files = {(p.parent.parent.name, p.stem) for p in SET.glob("role*/cvs/*.txt")}
    assert set(graded) == files
    assert all((SET / role / "ad.txt").is_file() for role, _ in graded)


def test_grades_are_0_to_3_and_each_pool_holds_fits_and_misfits() -> None:
    by_role: dict[str, list[int]] = {}
    for r in _grades():
        by_role.setdefault(r["role"], []).append(int(r["grade"]))
        assert r["reason"].strip()
    assert len(by_role) == 8
    for role, grades in by_role.items():
        assert set(grades) <= {0, 1, 2, 3}, role
        assert 3 in grades and 0 in grades, role  # else NDCG@5 says little
