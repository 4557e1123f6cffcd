"""Age-coded wording in whole written ads: flagged where an ad signals an applicant age, quiet where it does not.

    OPENBLAS_NUM_THREADS=1 .venv/bin/python bench/review_age_ads.py [--data-dir .kompetens] [--misses tune]

bench/data/age_ads_written.tsv: 160 fictional ad excerpts (100 Swedish, 60 English; a title and 4-9 sentences)
that a helper wrote in stop 26 from its own knowledge, without sight of our lexicons, rules, tests or the real
ads, labelled as ../shared/data/dev/platsbanken's README labels ``age_coded`` (a preferred applicant age,
explicit or coded; the ages of clients, pupils, products or the company, legal minimum ages, experience years
and seniority levels are not). The written sentence sets (bench/review_written.py) test one sentence under a
one-word title; these test the title, the intro, the requirements and the offer together, as real ads hold
them. The ``half`` column splits by ``sha256(id) % 2``: read and fix against *tune*, report *check*.
``--data bench/data/age_ads_written_2.tsv``: 200 more (130 Swedish, 70 English), written blind in stop 27 as
job boards show them, with 104 deliberate traps.
``--data bench/data/age_ads_written_3.tsv``: 200 more (130 Swedish, 70 English, 76 traps), written blind in stop 31;
7 student-job rows ("Extrajobb för studenter", "current university student") relabelled false by the real labels' rule.
``--data bench/data/age_ads_written_4.tsv``: 200 more (140 Swedish, 70 of them age-coded; 60 English; 80 traps), written
blind in stop 33 after reading real tune-half ads, the signal spread over title, intro, requirements and offer, no
pattern more than twice. First contact (both halves untouched): tune sv 22 of 32 / 3 of 35, en 10 of 11 / 0 of 15;
check sv 35 of 38 / 1 of 35, en 16 of 19 / 0 of 15.
``--data bench/data/age_ads_written_5.tsv``: 200 more (140 Swedish, 70 of them age-coded; 60 English; 92 hard traps),
written blind in stop 34 after reading real tune-half ads (older-age preferences, policy age limits and retirees too).
First contact (both halves untouched): tune sv 22 of 36 / 4 of 37, en 15 of 17 / 3 of 16;
check sv 24 of 34 / 1 of 33, en 10 of 13 / 2 of 14. After the tune half's fixes (phrase families, stop 34): tune
sv 36 of 36 / 1 of 37, en 17 of 17 / 1 of 16; check unchanged (no check row read), sv 24 of 34 / 1 of 33, en 10 of
13 / 2 of 14.
``--data bench/data/age_ads_written_6.tsv``: 200 more (150 Swedish, 60 of them age-coded; 50 English, 20 age-coded;
hard traps), written blind in stop 40 by a helper that saw no rule, set or real ad, at most two rows a phrasing.
First contact (both halves untouched): tune sv 26 of 29 / 0 of 49, en 10 of 12 / 2 of 13; check sv 27 of 31 / 7 of
41, en 8 of 8 / 0 of 17. After the tune half's kinds as rules and guards (stop 40): tune sv 29 of 29 / 0 of 49, en 12
of 12 / 0 of 13; check unchanged (no check row read).
``--data bench/data/age_ads_written_7.tsv``: 200 more (150 Swedish, 55 of them age-coded; 50 English, 15 age-coded),
written blind in stop 40, 130 of them traps: age words not about the applicant (customers, products, the company,
legal limits, levels, student status); one handwritten sentence a row carries the signal or the trap, the rest are
generic job-board sentences.

``--data bench/data/age_ads_written_8.tsv``: 200 more (160 Swedish, 60 age-coded; 70 ordinary neutral ads, 70 hard
traps), written blind in stop 41 and kept from the whose-age gate's author (docs/review.md "Stop 41").
``--data bench/data/age_ads_written_9.tsv``: 200 more (160 Swedish, 50 of them age-coded; 40 English, 10 age-coded; 70
ordinary neutral ads, 70 hard traps), written blind in stop 42 and kept from the helper who worked on age that stop:
both halves held out. First contact (at 1db7b76): sv 47 of 50 / 3 of 110, en 10 of 10 / 1 of 30; after stop 42's
age kinds the same (docs/review.md "Stop 42: two sets held out").
``--data bench/data/age_ads_written_10.tsv``: 200 more in the style of real ads (160 Swedish, 50 age-coded; longer
texts, one subtle signal), written blind in stop 43; first contact (012afcf) sv 42 of 50 / 3 of 110, en 9 of 10 / 1
of 30; stop 43's kinds read its tune half only, its check half unchanged (docs/review.md "Stop 43").
``--data bench/data/age_ads_written_11.tsv``: 200 more in the style of real ads, written blind in stop 45 (the writer
assembled them from per-sector sentences around one hand-written signal or trap each, so ads of a sector look alike);
first contact sv 42 of 50 / 2 of 110, en 10 of 10 / 0 of 30; stop 45's kinds read its tune half only.
``--data bench/data/age_ads_written_12.tsv``: 200 more, written blind in stop 46 (sentence pools per sector around
one hand-written signal or trap each, as the eleventh) and held out whole that stop: first contact sv 44 of 50 / 2
of 110, en 10 of 10 / 0 of 30; at the stop's end sv 45 of 50 / 2 of 110. Stop 47 read its tune half (its check half
unread): sv 48 of 50 / 2 of 110 (tune 26 of 26, check 22 of 24).
``--data bench/data/age_ads_written_13.tsv``: 200 more, written blind in stop 47 (built by the writer's script from
per-sector blocks around one hand-written signal or trap each) and held out whole that stop: sv 41 of 50 / 0 of 110,
en 10 of 10 / 0 of 30, at first contact and at the stop's end.
``--data bench/data/age_ads_written_14.tsv``: 200 more, written blind in stop 48 (one hand-written signal or trap a
row in sentences drawn from per-sector pools) and held out whole that stop: sv 47 of 50 / 2 of 110, en 9 of 10 / 1
of 30 at first contact; sv 48 of 50 at the stop's end.
``--data bench/data/age_ads_written_15.tsv``: 200 more, written blind in stop 49 (60 distinct hand-written signals,
77 traps) and held out whole that stop: sv 42 of 50 / 2 of 110, en 10 of 10 / 0 of 30, at first contact and at the
stop's end.
``--data bench/data/age_ads_written_16.tsv``: 200 more, written blind in stop 50 (one hand-written signal or trap a
row, 89 traps, in sentences drawn from per-sector pools) and held out whole that stop: sv 41 of 50 / 2 of 110, en
10 of 10 / 0 of 30, at first contact and at the stop's end.

Prints per half and language: age-coded ads with an age flag, and neutral ads with one. The real labelled ads
stay the measure (bench/review_real.py).
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

DATA = Path(__file__).parent / "data" / "age_ads_written.tsv"


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        epilog=halves_epilog(
            "the rows are split in two halves by the set's half column (sha256(id) % 2, 0: tune)"
        ),
    )
    ap.add_argument(
        "--data-dir",
        default=None,
        help=DATA_DIR_HELP,
    )
    ap.add_argument(
        "--data", type=Path, default=DATA, help="the set (default bench/data/age_ads_written.tsv)"
    )
    ap.add_argument(
        "--misses", choices=["tune", "check", "none"], default="none", help="print this half's errors"
    )
    args = ap.parse_args()
    engine = Engine(args.data_dir)
    with args.data.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    cells: dict[tuple[str, str, bool], list[int]] = {}  # (half, lang, age_coded) -> [flagged, rows]
    for row in rows:
        doc = document_from_text(
            row["title"] + "\n\n" + row["text"], source=row["id"], lang=row["lang"], kind="ad"
        )
        ages = [f.text for f in engine.review(doc).flags if f.category == "age"]
        gold = row["age_coded"] == "true"
        cell = cells.setdefault((row["half"], row["lang"], gold), [0, 0])
        cell[0] += bool(ages)
        cell[1] += 1
        if bool(ages) != gold and args.misses == row["half"]:
            what = f"missed [{row['quote']}]" if gold else f"flagged {ages} [{row['note']}]"
            print(f"  {row['id']} ({row['lang']}) {row['title']!r}: {what}")
    print(f"{len(rows)} written ads (bench/data/{args.data.name}); age flags per half and language")
    for half in ("tune", "check"):
        parts = []
        for lang in ("sv", "en"):
            coded = cells.get((half, lang, True), [0, 0])
            neutral = cells.get((half, lang, False), [0, 0])
            parts.append(
                f"{lang}: age-coded {coded[0]} of {coded[1]} flagged, neutral {neutral[0]} of {neutral[1]} flagged"
            )
        print(f"{half:6s} " + " | ".join(parts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
