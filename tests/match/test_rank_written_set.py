"""The rated ranking sets of bench/rank_written.py are whole: every CV of every role graded once, 0-3 (0-2)."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[2] / "bench" / "data"
SETS = sorted(DATA.glob("rank_written_*"))


def test_the_sets_are_found() -> None:
    assert {p.name for p in SETS} >= {f"rank_written_{n}" for n in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)}


def _grades(folder: Path) -> list[dict[str, str]]:
    with (folder / "ratings.tsv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


@pytest.mark.parametrize("folder", SETS, ids=lambda p: p.name)
def test_every_cv_of_every_role_is_graded_once(folder: Path) -> None:
    rows = _grades(folder)
    graded = Counter((r["role"], r["cv"]) for r in rows)
    assert graded and max(graded.values()) == 1
    files = {(p.parent.parent.name, p.stem) for p in folder.glob("role*/cvs/*.txt")}
    assert set(graded) == files
    assert all((folder / role / "ad.txt").is_file() for role, _ in graded)


@pytest.mark.parametrize("folder", SETS, ids=lambda p: p.name)
def test_grades_are_0_to_3_and_each_pool_holds_fits_and_misfits(folder: Path) -> None:
    by_role: dict[str, list[int]] = {}
    for r in _grades(folder):
        by_role.setdefault(r["role"], []).append(int(r["grade"]))
        assert r["reason"].strip()
    assert len(by_role) == 8
    for role, grades in by_role.items():
        assert set(grades) <= {0, 1, 2, 3}, role
        # the set's top grade (3, or 2 on the fit / potential / no-fit scale of set 4) and 0 in every pool
        assert max(grades) >= 2 and 0 in grades, role  # else NDCG@5 says little
