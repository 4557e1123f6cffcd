"""Score reviews against a labelled set of ads (``tests/data/ads``: ``*.txt`` + ``expected.json``).

A predicted flag is right when it overlaps an expected span of the same category; an expected flag is
found when some predicted flag of its category overlaps it. An expected flag's span is every occurrence
of its ``text`` (inside its ``context`` when one is given).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..models import Document
from .core import Review


@dataclass(slots=True, frozen=True)
class ExpectedFlag:
    text: str
    category: str
    spans: tuple[tuple[int, int], ...]


@dataclass(slots=True)
class LabelledAd:
    name: str
    doc: Document
    requires_social_media: bool
    title_mentions_social_media: bool
    flags: list[ExpectedFlag]
    areas: list[str]
    unicorn: bool = False
    social_media_merit: bool = False
    batch: str = "main"


@dataclass(slots=True)
class Scores:
    """Counts over a set of ads; ``errors`` lists what went wrong, one line per miss."""

    ads: int = 0
    flag_tp: int = 0
    flag_fp: int = 0
    flag_fn: int = 0
    rsm_right: int = 0
    title_right: int = 0
    unicorn_right: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        found = self.flag_tp + self.flag_fp
        return self.flag_tp / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.flag_tp + self.flag_fn
        return self.flag_tp / expected if expected else 1.0

    @property
    def rsm_accuracy(self) -> float:
        return self.rsm_right / self.ads if self.ads else 1.0

    @property
    def title_accuracy(self) -> float:
        return self.title_right / self.ads if self.ads else 1.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "ads": self.ads,
            "flag_precision": round(self.precision, 4),
            "flag_recall": round(self.recall, 4),
            "flags": {"tp": self.flag_tp, "fp": self.flag_fp, "fn": self.flag_fn},
            "requires_social_media_accuracy": round(self.rsm_accuracy, 4),
            "title_mentions_social_media_accuracy": round(self.title_accuracy, 4),
            "unicorn_right": self.unicorn_right,
        }


def _occurrences(text: str, needle: str, context: str) -> tuple[tuple[int, int], ...]:
    spans: list[tuple[int, int]] = []
    offset = context.find(needle)
    i = text.find(context)
    while i >= 0 and offset >= 0:
        spans.append((i + offset, i + offset + len(needle)))
        i = text.find(context, i + 1)
    return tuple(spans)


def load_test_set(folder: Path) -> list[LabelledAd]:
    """The labelled ads of ``folder`` (``expected.json`` names each ``.txt`` file and its labels)."""
    labels: dict[str, dict[str, Any]] = json.loads((folder / "expected.json").read_text(encoding="utf-8"))[
        "ads"
    ]
    ads: list[LabelledAd] = []
    for name, e in sorted(labels.items()):
        text = (folder / name).read_text(encoding="utf-8")
        flags = [
            ExpectedFlag(f["text"], f["category"], _occurrences(text, f["text"], f.get("context", f["text"])))
            for f in e["flags"]
        ]
        ads.append(
            LabelledAd(
                name=name,
                doc=Document(source=str(folder / name), text=text, lang=e["lang"], kind="ad"),
                requires_social_media=e["requires_social_media"],
                title_mentions_social_media=e["title_mentions_social_media"],
                flags=flags,
                areas=list(e.get("areas", [])),
                unicorn=bool(e.get("unicorn", False)),
                social_media_merit=bool(e.get("social_media_merit", False)),
                batch=e.get("batch", "main"),
            )
        )
    return ads


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _hits(span: tuple[int, int], category: str, expected: ExpectedFlag) -> bool:
    return category == expected.category and any(_overlaps(span, s) for s in expected.spans)


def score_one(ad: LabelledAd, review: Review, scores: Scores) -> None:
    """Add one ad's review to ``scores``."""
    scores.ads += 1
    for f in review.flags:
        if any(_hits((f.start, f.end), f.category, e) for e in ad.flags):
            scores.flag_tp += 1
        else:
            scores.flag_fp += 1
            scores.errors.append(f"{ad.name}: unexpected {f.category} flag {f.text!r} ({f.rule})")
    for e in ad.flags:
        if not any(_hits((f.start, f.end), f.category, e) for f in review.flags):
            scores.flag_fn += 1
            scores.errors.append(f"{ad.name}: missed {e.category} flag {e.text!r}")
    if review.requires_social_media == ad.requires_social_media:
        scores.rsm_right += 1
    else:
        scores.errors.append(
            f"{ad.name}: requires_social_media {review.requires_social_media}, expected {ad.requires_social_media}"
        )
    if review.title_mentions_social_media == ad.title_mentions_social_media:
        scores.title_right += 1
    else:
        scores.errors.append(f"{ad.name}: title_mentions_social_media {review.title_mentions_social_media}")
    if review.unicorn == ad.unicorn:
        scores.unicorn_right += 1


def evaluate(ads: Iterable[LabelledAd], review: Callable[[Document], Review]) -> Scores:
    """Review every ad with ``review`` and score the results."""
    scores = Scores()
    for ad in ads:
        score_one(ad, review(ad.doc), scores)
    return scores
