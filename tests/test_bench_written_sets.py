"""The written evaluation sets of bench/ are whole: unique ids, halves as ``sha256(id) % 2`` says, labels read."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "bench" / "data"
SETS = sorted([*DATA.glob("social_*_written*.tsv"), *DATA.glob("age_ads_written*.tsv")])
LABEL = {"social": "somo", "age": "age_coded"}


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_the_sets_are_found() -> None:
    names = {p.name for p in SETS}
    assert {
        "social_sv_written_4.tsv",
        "social_en_written_5.tsv",
        "age_ads_written_9.tsv",
        "age_ads_written_10.tsv",
        "social_sv_written_8.tsv",
        "social_en_written_9.tsv",
        "age_ads_written_11.tsv",
        "social_sv_written_10.tsv",
        "social_en_written_10.tsv",
        "age_ads_written_12.tsv",
        "social_sv_written_11.tsv",
        "social_en_written_11.tsv",
        "age_ads_written_13.tsv",
        "social_sv_written_12.tsv",
        "social_en_written_12.tsv",
        "age_ads_written_14.tsv",
        "social_sv_written_13.tsv",
        "social_en_written_13.tsv",
        "age_ads_written_15.tsv",
        "social_sv_written_14.tsv",
        "social_en_written_14.tsv",
        "age_ads_written_16.tsv",
    } <= names


@pytest.mark.parametrize("path", SETS, ids=lambda p: p.stem)
def test_ids_unique_halves_by_hash_labels_boolean(path: Path) -> None:
    rows = _rows(path)
    assert rows, path.name
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)), path.name
    label = LABEL[path.name.split("_")[0]]
    for r in rows:
        even = int(hashlib.sha256(r["id"].encode("utf-8")).hexdigest(), 16) % 2 == 0
        assert r["half"] == ("tune" if even else "check"), (path.name, r["id"])
        assert r[label] in {"true", "false"}, (path.name, r["id"])
        assert r["text"].strip(), (path.name, r["id"])
