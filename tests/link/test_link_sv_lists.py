"""The Swedish phrase lists of bench/link_sv.py: well formed, and their gold in the package's taxonomy data."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
LISTS = sorted(
    (ROOT / "bench" / "data").glob("link_sv*.tsv"),
    key=lambda p: int(p.stem.rpartition("_")[2]) if p.stem[-1].isdigit() else 1,
)  # in round order: link_sv.tsv is round 1, link_sv_10.tsv .. link_sv_12.tsv after link_sv_9.tsv


@pytest.fixture(scope="module")
def link_sv() -> ModuleType:
    spec = importlib.util.spec_from_file_location("link_sv", ROOT / "bench" / "link_sv.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["link_sv"] = module  # dataclasses look their module up
    if str(ROOT / "bench") not in sys.path:  # the bench imports its sibling _halves
        sys.path.insert(0, str(ROOT / "bench"))
    spec.loader.exec_module(module)
    return module


def test_there_are_twelve_rounds() -> None:
    assert [p.name for p in LISTS] == [
        "link_sv.tsv",
        "link_sv_2.tsv",
        "link_sv_3.tsv",
        "link_sv_4.tsv",
        "link_sv_5.tsv",
        "link_sv_6.tsv",
        "link_sv_7.tsv",
        "link_sv_8.tsv",
        "link_sv_9.tsv",
        "link_sv_10.tsv",
        "link_sv_11.tsv",
        "link_sv_12.tsv",
    ]


@pytest.mark.parametrize("path", LISTS, ids=lambda p: p.name)
def test_a_list_loads_with_halves_by_hash_and_esco_skill_gold(link_sv: ModuleType, path: Path) -> None:
    rows = link_sv.load(path)  # raises on a wrong half, a variant whose twin or gold differs, 0 or 5+ URIs
    clean = [r for r in rows if not r.variant]
    assert len(clean) >= 100
    assert {r.half for r in clean} == {"tune", "check"}
    assert all(u.startswith("http://data.europa.eu/esco/skill/") for r in rows for u in r.gold)
    assert len({r.id for r in rows}) == len(rows)
