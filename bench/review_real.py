"""Ad review on real Swedish job ads labelled by a recruiter-reader, the tune and check halves apart.

    python bench/review_real.py [--shared ../shared] [--data-dir .kompetens] [--misses tune]

Reads ../shared/data/dev/platsbanken (ads.jsonl + labels.jsonl; see its README: the labels, and the
split by ``sha256(id) % 2``). Rules and lexicons are tuned on the *tune* half only; the *check* half is
reported beside it untouched: a check figure far below the tune figure means the rules were fitted to
the tune ads. Prints per half:

* ``requires_social_media``: precision, recall, title-silent recall, share of the other ads flagged;
* age-coded wording: labelled ads flagged, and ads flagged without the label;
* explicit gender: labelled ads with a ``gender.explicit`` flag;
* ads outside the field (neither social-media work nor a communication job) given >= 3 areas, by the
  review and by the extraction profile (``kompetens extract``: its areas are what a role made from the ad
  weighs);
* reviews per second (extraction included, the extractor loaded before), one process.

``--misses tune`` lists the tune half's errors (never ask it for the check half while tuning).

``--labels bench/data/platsbanken_labels_2.tsv``: the other 590 Swedish ads of the folder, which its labels leave
out (none names a social platform or "sociala medier"), labelled in stop 29 by four helpers reading as the
README's recruiter-reader, blind to our rules and outputs: social-media work, age-coded and explicit-gender
quotes (as character offsets into the ad: ``h:`` the headline, ``t:`` the text; no ad text is kept here).
Where the helpers' readings of a kind of case differed (degree-recency rules of academic posts, students as
one of several groups an extra job suits, placements whose applicants are students by nature, a recruiter's
stock "start på karriären" line, "mogen" as a trait, a helper's "unsure" on "starta din karriär"), and
where the first reader's labels settle a kind the other way (an extra job for students: labels.jsonl leaves
"söker nu 2-3 engagerade studenter" unlabelled), the ad's age label is ``unsure`` and counts neither way. The same halves; no communication-job label, so no outside-the-field figure.

``--labels bench/data/platsbanken_labels_en.tsv``: the folder's 492 English ads (its ``lang`` guess), labelled
in stop 30 the same way by four helpers, blind; the same kinds of case are ``unsure``, and three more that the
readers read differently: a cap on years of experience ("Up to 2 years"), the job board's "förstajobb"
category (not the employer's words), and a recent graduate invited beside the main profile.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from _halves import REAL_ADS_SPLIT, half, halves_epilog

from kompetens.engine import Engine
from kompetens.errors import IngestError
from kompetens.review import Review

ROOT = Path(__file__).resolve().parents[1]


def share(part: int, whole: int) -> str:
    """``part / whole`` to two decimals; "n/a" where ``whole`` is 0 (a half with no social-media ad labelled or
    flagged has no precision or recall: it printed 0.00, as if every one were missed)."""
    return f"{part / whole:.2f}" if whole else "n/a"


@dataclass
class Counts:
    ads: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    negatives: int = 0
    silent: int = 0
    silent_found: int = 0
    age: int = 0
    age_found: int = 0
    age_false: int = 0
    age_neg: int = 0
    gender: int = 0
    gender_found: int = 0
    outside: int = 0
    outside_three: int = 0
    outside_three_profile: int = 0
    unsupported: int = 0
    seconds: float = 0.0

    def line(self, name: str) -> str:
        p = share(self.tp, self.tp + self.fp)
        r = share(self.tp, self.tp + self.fn)
        return (
            f"{name:5}  social media: precision {p} recall {r} (title-silent {self.silent_found}/"
            f"{self.silent}), {self.fp} of {self.negatives} other ads flagged "
            f"({100 * self.fp / max(1, self.negatives):.1f} %) | age-coded: {self.age_found} of {self.age} "
            f"flagged, {self.age_false} of {self.age_neg} flagged without | explicit gender: "
            f"{self.gender_found} of {self.gender} | outside the field with >= 3 areas: "
            f"{self.outside_three} of {self.outside} ({100 * self.outside_three / max(1, self.outside):.1f} %;"
            f" extraction profile {self.outside_three_profile})"
            f" | {self.ads / max(self.seconds, 1e-9):.0f} ads/s"
            + (f" | {self.unsupported} in a language not read (E109), left out" if self.unsupported else "")
        )


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog=halves_epilog(REAL_ADS_SPLIT),
    )
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument(
        "--data-dir", type=Path, default=Path(os.environ.get("KOMPETENS_HOME", ROOT / ".kompetens"))
    )
    ap.add_argument("--misses", choices=["tune"], help="list the errors of the tune half")
    ap.add_argument("--json", action="store_true", help="print the counts as JSON")
    ap.add_argument(
        "--labels",
        type=Path,
        help="another label set (bench/data/platsbanken_labels_2.tsv, bench/data/platsbanken_labels_en.tsv)",
    )
    args = ap.parse_args()
    data = args.shared / "data" / "dev" / "platsbanken"
    if not (data / "labels.jsonl").is_file():
        sys.exit(f"no labelled real ads at {data} (they come with ../shared; see bench/README)")
    every = {a["id"]: a for a in map(json.loads, (data / "ads.jsonl").open(encoding="utf-8"))}
    labels = (
        _tsv_labels(args.labels, every)
        if args.labels
        else {row["id"]: row for row in map(json.loads, (data / "labels.jsonl").open(encoding="utf-8"))}
    )
    ads = [a for a in every.values() if a["id"] in labels]
    engine = Engine(args.data_dir)
    counts = {"tune": Counts(), "check": Counts()}
    with tempfile.TemporaryDirectory() as tmp:
        for name, c in counts.items():
            part = [a for a in ads if half(a["id"]) == name]
            path = Path(tmp) / f"{name}.jsonl"
            path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in part), encoding="utf-8")
            docs = list(engine.read([path], kind="ad"))
            engine.review(docs[0])  # loads the extractor: not part of the per-ad time
            t0 = time.perf_counter()
            reviews = [_review(engine, d) for d in docs]
            c.seconds = time.perf_counter() - t0
            for ad, review, doc in zip(part, reviews, docs, strict=True):
                if review is None:  # a language kompetens does not read (a Dutch ad): counted apart
                    c.unsupported += 1
                    continue
                _count(c, labels[ad["id"]], review, ad, show=args.misses == name)
                gold = labels[ad["id"]]
                if not gold["somo"] and gold["comms_job"] is False:
                    areas = engine.extract(doc).areas
                    c.outside_three_profile += sum(v > 0 for v in areas.values()) >= 3
    english = {} if args.labels else _english(engine, data, labels)
    if args.json:
        print(
            json.dumps({**{k: vars(v) for k, v in counts.items()}, "english_unlabelled": english}, indent=1)
        )
        return
    for name, c in counts.items():
        print(c.line(name))
    for name, (n, social, age) in english.items():
        print(
            f"{name:5}  English ads, unlabelled: {social} of {n} flagged as social-media ads "
            f"({100 * social / max(1, n):.1f} %; read them: few of these jobs are), age flags on {age}"
        )


def _review(engine: Engine, doc: Any) -> Review | None:
    """The ad's review; None for an ad in a language kompetens does not read (E109: "Dutch is not
    supported"), or one that could not be read."""
    if isinstance(doc, IngestError):
        return None
    try:
        return engine.review(doc)
    except IngestError:
        return None


def _tsv_labels(path: Path, ads: dict[str, dict[str, Any]]) -> dict[str, dict[str, object]]:
    """``--labels``: each row as labels.jsonl's keys (quotes from the offsets; ``age_coded`` None where
    unsure; ``comms_job`` None: not labelled)."""

    def quotes(ad: dict[str, Any], spans: str) -> list[str]:
        texts = {"h": ad.get("headline") or "", "t": (ad.get("description") or {}).get("text") or ""}
        out = []
        for span in filter(None, spans.split(";")):
            where, _, at = span.partition(":")
            start, _, end = at.partition("-")
            out.append(texts[where][int(start) : int(end)])
        return out

    labels: dict[str, dict[str, object]] = {}
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            ad = ads[row["id"]]
            labels[row["id"]] = {
                "somo": row["somo"] == "yes",
                "title_silent": False,  # not labelled: every social-media ad here names no platform at all
                "comms_job": None,
                "age_coded": None if row["age"] == "unsure" else quotes(ad, row["age_spans"]),
                "gender_explicit": quotes(ad, row["gender_spans"]),
            }
    return labels


def _english(
    engine: Engine, data: Path, labels: dict[str, dict[str, object]]
) -> dict[str, tuple[int, int, int]]:
    """Per half: (English ads, flagged as social-media ads, with an age flag) over the unlabelled ads the
    review reads as English."""
    out = {"tune": [0, 0, 0], "check": [0, 0, 0]}
    for doc in engine.read([data / "ads.jsonl"], kind="ad"):
        if isinstance(doc, IngestError) or doc.lang != "en":
            continue
        ad_id = str(doc.meta.get("id", ""))
        if ad_id in labels:
            continue
        review = engine.review(doc)
        row = out[half(ad_id)]
        row[0] += 1
        row[1] += review.requires_social_media
        row[2] += any(f.category == "age" for f in review.flags)
    return {k: (v[0], v[1], v[2]) for k, v in out.items()}


def _count(c: Counts, gold: dict[str, object], review: Review, ad: dict[str, object], *, show: bool) -> None:
    somo, pred = bool(gold["somo"]), review.requires_social_media
    cats = {f.category for f in review.flags}
    explicit_gender = any(f.rule == "gender.explicit" for f in review.flags)
    areas = sum(v > 0 for v in review.areas.values())
    c.ads += 1
    c.tp += pred and somo
    c.fp += pred and not somo
    c.fn += somo and not pred
    c.negatives += not somo
    c.silent += bool(gold["title_silent"])
    c.silent_found += bool(gold["title_silent"]) and pred
    age = bool(gold["age_coded"])
    unsure = gold["age_coded"] is None  # --labels: the readers differed on such cases
    c.age += age
    c.age_neg += not age and not unsure
    c.age_found += age and "age" in cats
    c.age_false += not age and not unsure and "age" in cats
    c.gender += bool(gold["gender_explicit"])
    c.gender_found += bool(gold["gender_explicit"]) and explicit_gender
    if not somo and gold["comms_job"] is False:
        c.outside += 1
        c.outside_three += areas >= 3
    if show and (pred != somo or (not unsure and age != ("age" in cats))):
        counted = [e.text for e in review.evidence if e.counted][:4]
        ages = [f.text for f in review.flags if f.category == "age"]
        print(f"{ad['id']} {str(ad['headline'])[:50]!r}: social {pred} (gold {somo}) {counted}; age {ages}")


if __name__ == "__main__":
    main()
