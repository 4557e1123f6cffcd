"""Does the review find social-media work in ads whose titles do not say so? Written sets, tune and check apart.

    OPENBLAS_NUM_THREADS=1 .venv/bin/python bench/review_social_written.py [--data-dir .kompetens] [--misses tune]
                                                                      [--data bench/data/social_sv_written.tsv]

bench/data/social_en_written.tsv: 120 fictional English ad excerpts (title + 4-10 sentences) that a helper wrote
in stop 26 from its own knowledge, without sight of our rules, lexicons, tests or the real ads, for the kind of
posting issue #11's English figures came from: one large tech and media employer, few jobs with social-media
work, many with the tempting words in other senses ("YouTube" as the employer or product, sales
"engagements", "influence stakeholders", developer communities, follow-us lines). ``somo`` is the label of
../shared/data/dev/platsbanken's README (the job's own duties or requirements involve social-media work);
``title_silent``: a positive whose title names no social medium, social, content, community, creator or
influencer. The ``half`` column splits the rows by ``sha256(id) % 2``: read and fix against *tune*, report
*check* beside it.

Each row is reviewed as an ad (``Engine.review`` of the title, a blank line and the text) and prints per half:
``requires_social_media`` precision and recall, title-silent recall and the share of the negatives flagged. The
real ads stay the measure (bench/review_real.py, bench/review_en_postings.py); this set measures English
recall, which no labelled real English ads here can (the 491 English ads of ../shared name social-media work in
one). Three more sets in the same columns (``--data``): social_en_written_2.tsv (140 English excerpts across
retail, hospitality, charities, universities, councils and gaming), social_en_written_3.tsv (140 of the one
tech and media employer again, its careers site's 'Role, Team' titles) and social_sv_written.tsv (140 Swedish ones;
a file name with ``_sv`` is read as Swedish unless ``--lang`` says otherwise), each written blind by another helper
(docs/review.md); and from stop 40, social_en_written_4.tsv (140 English: the duty one among many of office,
front-desk and press jobs) and social_sv_written_2.tsv (120 Swedish), written blind in the same way,
social_sv_written_3.tsv (160 Swedish, hard traps; stop 41); from stop 42, social_sv_written_4.tsv (160
Swedish) and social_en_written_5.tsv (40 English), one blind writer's 200 rows split by language, kept from the
helper who worked on the social-media rules that stop: both halves held out (docs/review.md "Stop 42: two sets held out");
from stop 44, social_sv_written_5.tsv / social_en_written_6.tsv and social_sv_written_6.tsv / social_en_written_7.tsv
(two blind writers' 200 rows each, their tune halves read by that stop's helper, their check halves held out) and
social_sv_written_7.tsv / social_en_written_8.tsv (a third, held out whole: measured after that helper's work);
from stop 45, social_sv_written_8.tsv / social_en_written_9.tsv (a blind writer's 200 rows, 127 traps; first contact
sv 11 of 110 negatives flagged, en 4 of 28; its tune halves read by that stop's helper, its check halves held out);
from stop 46, social_sv_written_10.tsv / social_en_written_10.tsv (a blind writer's 200 rows, 98 Swedish traps; held
out whole that stop: first contact sv 7 of 110 negatives flagged, recall 49 of 50, en 2 of 28, 12 of 12; at the
stop's end sv 7 of 110, en 1 of 28); from stop 47, social_sv_written_11.tsv / social_en_written_11.tsv (a blind
writer's 200 rows, 89 strong Swedish traps, 6 Swedish negatives whose title names social media or a platform as a
product; held out whole that stop: first contact sv 9 of 110 negatives flagged, recall 49 of 50, en 2 of 28, 12 of
12; at the stop's end sv 8 of 110, en 2 of 28, recall unchanged); from stop 48, social_sv_written_12.tsv /
social_en_written_12.tsv (a blind writer's 200 rows, all 110 Swedish negatives traps; held out whole that stop:
sv 4 of 110 negatives flagged, recall 49 of 50, en 1 of 28, 12 of 12, at first contact and at the stop's end); from
stop 49, social_sv_written_13.tsv / social_en_written_13.tsv (a blind writer's 200 rows, 105 Swedish traps of about
90 kinds; held out whole that stop: sv 2 of 110 negatives flagged, recall 49 of 50, en 3 of 28, 11 of 12, at first
contact and at the stop's end); from stop 50, social_sv_written_14.tsv / social_en_written_14.tsv (a blind writer's
200 rows, 100 Swedish traps; held out whole that stop: sv 6 of 110 negatives flagged, recall 50 of 50, en 2 of 28,
12 of 12, at first contact and at the stop's end).
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from _halves import DATA_DIR_HELP, halves_epilog

from kompetens.engine import Engine
from kompetens.ingest import document_from_text

DATA = Path(__file__).parent / "data" / "social_en_written.tsv"
HALVES = ("tune", "check")


@dataclass(slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    silent: int = 0
    silent_found: int = 0
    fp_merit: int = 0
    """False flags whose evidence is a merit alone (``Review.social_media_merit``): the product counts a
    merit as work the job may involve; a set's writer may not."""

    def line(self, half: str) -> str:
        flagged = self.tp + self.fp
        precision = self.tp / flagged if flagged else 1.0
        positives = self.tp + self.fn
        recall = self.tp / positives if positives else 1.0
        negatives = self.fp + self.tn
        return (
            f"{half:6s} precision {precision:.2f} ({self.tp}/{flagged})  recall {recall:.2f} "
            f"({self.tp}/{positives}; title-silent {self.silent_found}/{self.silent})  "
            f"negatives flagged {self.fp} of {negatives} ({100 * self.fp / max(1, negatives):.1f} %"
            f"{f'; {self.fp_merit} on a merit alone' if self.fp_merit else ''})"
        )


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
        "--data", type=Path, default=DATA, help="the set (default bench/data/social_en_written.tsv)"
    )
    ap.add_argument(
        "--lang", choices=["sv", "en"], help="the set's language (default: sv for a name with _sv)"
    )
    ap.add_argument("--misses", choices=[*HALVES, "none"], default="none", help="print this half's errors")
    args = ap.parse_args()
    engine = Engine(args.data_dir)
    with args.data.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    lang = args.lang or ("sv" if "_sv" in args.data.stem else "en")
    counts = {half: Counts() for half in HALVES}
    for row in rows:
        doc = document_from_text(row["title"] + "\n\n" + row["text"], source=row["id"], lang=lang, kind="ad")
        review = engine.review(doc)
        gold, found = row["somo"] == "true", review.requires_social_media
        c = counts[row["half"]]
        c.tp += gold and found
        c.fp += found and not gold
        c.fp_merit += found and not gold and review.social_media_merit
        c.fn += gold and not found
        c.tn += not gold and not found
        if row["title_silent"] == "true":
            c.silent += 1
            c.silent_found += found
        if gold != found and args.misses == row["half"]:
            counted = [e.text for e in review.evidence if e.counted]
            aside = [f"{e.text} ({e.reason})" for e in review.evidence if not e.counted]
            print(f"  {'missed' if gold else 'false flag'} {row['id']} {row['title']!r} [{row['note']}]")
            print(f"      counted {counted}; set aside {aside}")
    print(f"{len(rows)} written ad excerpts in {lang} (bench/data/{args.data.name})")
    for half in HALVES:
        print(counts[half].line(half))
    return 0


if __name__ == "__main__":
    sys.exit(main())
