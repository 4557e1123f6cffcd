"""Age- and gender-coded wording on an independent written set: flagged where meant, quiet where not.

    OPENBLAS_NUM_THREADS=1 .venv/bin/python bench/review_written.py [--data-dir .kompetens] [--misses tune]

bench/data/coded_wording.tsv: 260 fictional ad sentences (Swedish and English) that a helper wrote from its own
knowledge of job ads, without seeing our lexicons: `age` (a preferred applicant age, explicit or coded), `gender`
(a gender asked for, gendered job titles included), `neutral` (the same words about clients, pupils, products,
the company, experience levels or legal age limits). Each sentence is reviewed as an ad under a one-word
title (`Engine.review`); a row counts as right when an age / gender flag is raised for an age / gender row and
none for a neutral row. Rows alternate between the *tune* half (even rows: read and fixed against) and the
*check* half (odd rows: reported, not read). The real labelled ads stay the measure (bench/review_real.py).
Further sets (`--data`): coded_wording_2.tsv (200 rarer idioms) and coded_wording_3.tsv (1,060 sentences;
its even rows were read and ruled against in stop 23, its odd rows not; see docs/review.md) and
coded_wording_4.tsv (420 sentences written blind in stop 25: even rows read and ruled against, odd rows not).
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from _halves import DATA_DIR_HELP, halves_epilog

from kompetens.engine import Engine
from kompetens.ingest import document_from_text

DATA = Path(__file__).parent / "data" / "coded_wording.tsv"
TITLES = {"sv": "Säljare", "en": "Sales assistant"}


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        epilog=halves_epilog("the rows are split in two halves alternately (even rows tune, odd rows check)"),
    )
    ap.add_argument(
        "--data-dir",
        default=None,
        help=DATA_DIR_HELP,
    )
    ap.add_argument(
        "--misses", choices=["tune", "check", "none"], default="none", help="print this half's misses"
    )
    ap.add_argument("--data", type=Path, default=DATA, help="the set (default bench/data/coded_wording.tsv)")
    args = ap.parse_args()
    engine = Engine(args.data_dir)
    rows = list(csv.DictReader(args.data.open(encoding="utf-8"), delimiter="\t"))
    right: dict[tuple[str, str, str], list[int]] = {}
    for i, row in enumerate(rows):
        half = "tune" if i % 2 == 0 else "check"
        doc = document_from_text(TITLES[row["lang"]] + "\n\n" + row["sentence"], lang=row["lang"], kind="ad")
        found = {f.category for f in engine.review(doc).flags if f.category in ("age", "gender")}
        ok = not found if row["label"] == "neutral" else row["label"] in found
        cell = right.setdefault((half, row["lang"], row["label"]), [0, 0])
        cell[0] += ok
        cell[1] += 1
        if not ok and args.misses == half:
            print(
                f"  miss ({row['lang']}, {row['label']}): {row['sentence']}  [{row['quote']}] got {sorted(found)}"
            )
    print(f"{len(rows)} written sentences; right / rows per half, language and label")
    for half in ("tune", "check"):
        cells = "  ".join(
            f"{lang} {label} {right[(half, lang, label)][0]}/{right[(half, lang, label)][1]}"
            for lang in ("sv", "en")
            for label in ("age", "gender", "neutral")
            if (half, lang, label) in right
        )
        print(f"{half:6s} {cells}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
