"""Evaluate `kompetens review` on the labelled test set (tests/data/ads).

Prints flag precision/recall, requires_social_media and title accuracy, twice: with the review's own
cues only (empty profiles) and with Engine profiles, plus area recall against the labelled areas and
the time per ad. Run: .venv/bin/python bench/review_eval.py [--errors] [--json]
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path

from kompetens.engine import Engine
from kompetens.models import Document, Profile
from kompetens.review import Review, review_ad
from kompetens.review.evaluate import LabelledAd, Scores, load_test_set, score_one

ADS = Path(__file__).resolve().parents[1] / "tests" / "data" / "ads"
GOALS = {"flag_precision": 0.9, "flag_recall": 0.8, "requires_social_media_accuracy": 0.95}


def _area_recall(ads: list[LabelledAd], reviews: list[Review]) -> float:
    expected = found = 0
    for ad, review in zip(ads, reviews, strict=True):
        for area in ad.areas:
            expected += 1
            found += review.areas.get(area, 0.0) > 0.0
    return found / expected if expected else 1.0


def run(
    name: str, ads: list[LabelledAd], review: Callable[[Document], Review], *, errors: bool
) -> dict[str, object]:
    start = time.perf_counter()
    reviews = [review(ad.doc) for ad in ads]
    seconds = time.perf_counter() - start
    out: dict[str, object] = {"setup": name}
    for batch in ("all", "main", "holdout"):
        scores = Scores()
        for ad, r in zip(ads, reviews, strict=True):
            if batch in ("all", ad.batch):
                score_one(ad, r, scores)
        out[batch] = scores.to_dict()
        if errors and batch == "all":
            for line in scores.errors:
                print(f"  [{name}] {line}")
    out["area_recall"] = round(_area_recall(ads, reviews), 4)
    out["ms_per_ad"] = round(1000 * seconds / len(ads), 2)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list every miss")
    parser.add_argument("--json", action="store_true", help="also print the full figures as JSON")
    args = parser.parse_args()
    ads = load_test_set(ADS)
    engine = Engine()
    engine.extract(ads[0].doc)  # load the extractor before timing

    results = [
        run(
            "cues only",
            ads,
            lambda d: review_ad(d, Profile(doc=d, mentions=[], areas={})),
            errors=args.errors,
        ),
        run("engine", ads, lambda d: review_ad(d, engine.extract(d)), errors=args.errors),
    ]
    if args.json:
        print(json.dumps(results, indent=1))
    for r in results:
        total = r["all"]
        assert isinstance(total, dict)
        verdict = all(total[k] >= v for k, v in GOALS.items())
        print(
            f"{r['setup']:>10}: P {total['flag_precision']:.3f}  R {total['flag_recall']:.3f}  "
            f"social-media {total['requires_social_media_accuracy']:.3f}  title {total['title_mentions_social_media_accuracy']:.3f}  "
            f"area recall {r['area_recall']:.3f}  {r['ms_per_ad']} ms/ad  goals {'met' if verdict else 'NOT met'}"
        )
        hold = r["holdout"]
        assert isinstance(hold, dict)
        print(
            f"{'':>10}  holdout ({hold['ads']} ads): P {hold['flag_precision']:.3f}  R {hold['flag_recall']:.3f}  "
            f"social-media {hold['requires_social_media_accuracy']:.3f}"
        )


if __name__ == "__main__":
    main()
