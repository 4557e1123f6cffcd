"""Helpers for the kompetens.market tests: a fictional corpus on disk and a plain-Python oracle.

The oracle recomputes the report's figures from a list of AdFacts with Counters, independently of the
SQL the backends run, so a test compares two computations instead of a number written by hand.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path
from typing import Any

from bench.synth import synth_ads

from kompetens.market import ASKED_MIN, AdFacts
from kompetens.market.report import TOP_N, TOP_REGIONS
from kompetens.models import AREA_IDS

EXTRA_ADS: list[dict[str, Any]] = [
    {  # no id, no date: keyed by content, counted in "undated"
        "headline": "Community manager till Fiktiva Fönster AB",
        "description": {
            "text": "Du modererar kommentarer och bygger vår community på Instagram och TikTok. "
            "Du svarar på kundernas frågor i våra sociala kanaler."
        },
        "employer": {"name": "Fiktiva Fönster AB"},
    },
    {
        "id": "fictional-en-1",
        "headline": "Customer Success Manager",
        "description": {
            "text": "You will answer customers on Facebook and LinkedIn and grow our online community. "
            "You will analyse engagement data and report KPIs to management."
        },
        "workplace_address": {"municipality": "Exempelstad", "region": "Exempellän"},
        "publication_date": "2024-05-02T09:00:00",
    },
    {  # social media as a merit only: a social-media ad counted apart (social_media_ads_merit_only)
        "id": "fictional-merit-1",
        "headline": "Butikssäljare till Påhittade Prylar AB",
        "description": {
            "text": "Du säljer våra produkter i butiken och hjälper kunderna vid kassan. Du ansvarar för "
            "varuplock och skyltning.\n\nMeriterande\nErfarenhet av marknadsföring genom sociala medier är "
            "meriterande."
        },
        "publication_date": "2025-03-14",
    },
    {  # years of experience alone: a weak signal, flagged but not in the headline (ads_flagged_strong)
        "id": "fictional-weak-1",
        "headline": "Lagerarbetare till Fiktiva Frakt AB",
        "description": {
            "text": "Du plockar och packar order på vårt lager. Vi söker dig som har minst 2 års erfarenhet "
            "av lagerarbete och truckkort."
        },
        "publication_date": "2025-03-20",
    },
]


def write_corpus(path: Path, *, n: int, seed: int = 11, extra: bool = True) -> Path:
    """``n`` synthetic ads (short, for speed) plus the hand-made fictional ones above, as JSON lines."""
    path.parent.mkdir(parents=True, exist_ok=True)
    ads = list(synth_ads(n, seed=seed, target_chars=700))
    for i, ad in enumerate(ads):
        if i % 3 == 0:
            ad["workplace_address"]["region"] = ("Exempellän", "Påhittlän")[i % 2]
    if extra:
        ads.extend(EXTRA_ADS)
    with path.open("w", encoding="utf-8") as fh:
        for ad in ads:
            fh.write(json.dumps(ad, ensure_ascii=False) + "\n")
    return path


CSV_FIELDS: dict[str, str] = {
    "id": "id",
    "title": "headline",
    "text": "text",
    "date": "publication_date",
    "occupation": "occupation",
    "region": "region",
    "municipality": "municipality",
}
"""Field -> the header name ``write_csv`` gives it by default."""


def csv_values(ad: dict[str, Any]) -> dict[str, Any]:
    """The CSV fields of a JobTech ad object (what a CSV export of it holds)."""
    place = ad.get("workplace_address") or {}
    return {
        "id": ad.get("id"),
        "title": ad.get("headline"),
        "text": (ad.get("description") or {}).get("text"),
        "date": ad.get("publication_date"),
        "occupation": (ad.get("occupation") or {}).get("label"),
        "region": place.get("region"),
        "municipality": place.get("municipality"),
    }


def write_csv(path: Path, jsonl: Path, *, names: dict[str, str] | None = None, delimiter: str = ",") -> Path:
    """The ads of a JSONL corpus as a CSV file; ``names`` renames fields' columns (field -> header)."""
    header = {**CSV_FIELDS, **(names or {})}
    ads = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines() if line.strip()]
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter=delimiter)
        writer.writerow(header.values())
        for ad in ads:
            values = csv_values(ad)
            writer.writerow(["" if values[f] is None else values[f] for f in header])
    return path


def latest(facts: list[AdFacts]) -> list[AdFacts]:
    """One AdFacts per key, the last one given (what a backend keeps)."""
    return list({f.key: f for f in facts}.values())


def _counts(group: list[AdFacts]) -> dict[str, int]:
    return {
        "ads": len(group),
        "social_media_ads": sum(f.requires_social_media for f in group),
        "social_media_ads_title_silent": sum(f.title_silent for f in group),
        "social_media_ads_without_title": sum(f.requires_social_media and f.title is None for f in group),
        "social_media_ads_merit_only": sum(f.requires_social_media and f.social_media_merit for f in group),
    }


def _groups(facts: list[AdFacts], attr: str) -> dict[Any, list[AdFacts]]:
    out: dict[Any, list[AdFacts]] = {}
    for f in facts:
        value = getattr(f, attr)
        if value is not None:
            out.setdefault(value, []).append(f)
    return out


def oracle(given: list[AdFacts]) -> dict[str, Any]:
    """The report's figures for ``given``, computed in Python (count-valued keys of ``to_dict``)."""
    facts = latest(given)
    sm = [f for f in facts if f.requires_social_media]
    by_year = {str(y): _counts(g) for y, g in sorted(_groups(facts, "year").items())}
    occupations = sorted(
        [(k, g) for k, g in _groups(facts, "occupation").items() if _counts(g)["social_media_ads"]],
        key=lambda kv: (-_counts(kv[1])["social_media_ads"], -len(kv[1]), kv[0]),
    )[:TOP_N]
    all_regions = sorted(_groups(facts, "region").items(), key=lambda kv: (-len(kv[1]), kv[0]))
    regions = all_regions[:TOP_REGIONS]
    listed = {k for k, _ in occupations}
    flag_ads: Counter[str] = Counter(c for f in facts for c in set(f.flags))
    strong_ads: Counter[str] = Counter(c for f in facts for c in set(f.strong_flags))
    months = _groups([f for f in facts if f.month is not None], "year")
    return {
        **_counts(facts),
        "ads_without_title": sum(f.title is None for f in facts),
        "by_year": by_year,
        "undated": sum(f.year is None for f in facts),
        "without_year": _counts([f for f in facts if f.year is None]),
        "by_month": {
            f"{y:04d}-{m:02d}": _counts(g)
            for y, fs in sorted(months.items())
            for m, g in sorted(_groups(fs, "month").items())
        },
        "by_area": {a: sum(f.areas.get(a, 0.0) >= ASKED_MIN for f in facts) for a in AREA_IDS},
        "by_area_social_media": {a: sum(f.areas.get(a, 0.0) >= ASKED_MIN for f in sm) for a in AREA_IDS},
        "by_occupation": [(k, _counts(g)) for k, g in occupations],
        "by_region": [(k, _counts(g)) for k, g in regions],
        "without_region": _counts([f for f in facts if f.region is None]),
        "other_regions": _counts([f for _, g in all_regions[TOP_REGIONS:] for f in g]),
        "regions": len(all_regions),
        "other_occupations": _counts(
            [f for f in facts if f.occupation is not None and f.occupation not in listed]
        ),
        "occupations": len(_groups(facts, "occupation")),
        "without_occupation": _counts([f for f in facts if f.occupation is None]),
        "by_lang": dict(Counter(f.lang for f in facts)),
        "ads_flagged": sum(sum(f.flags.values()) > 0 for f in facts),
        "ads_flagged_strong": sum(sum(f.strong_flags.values()) > 0 for f in facts),
        "flags": dict(flag_ads),
        "flags_strong": dict(strong_ads),
    }


def figures(report_dict: dict[str, Any]) -> dict[str, Any]:
    """The same keys out of ``MarketReport.to_dict()``, shares dropped (they derive from the counts)."""

    def strip(c: dict[str, Any]) -> dict[str, int]:
        return {k: v for k, v in c.items() if not k.startswith("share")}

    d = report_dict
    return {
        "ads": d["ads"],
        "social_media_ads": d["social_media_ads"],
        "social_media_ads_title_silent": d["social_media_ads_title_silent"],
        "social_media_ads_without_title": d["social_media_ads_without_title"],
        "social_media_ads_merit_only": d["social_media_ads_merit_only"],
        "ads_without_title": d["ads_without_title"],
        "by_year": {y: strip(c) for y, c in d["by_year"].items()},
        "undated": d["undated"],
        "without_year": strip(d["without_year"]),
        "by_month": {m: strip(c) for m, c in d["by_month"].items()},
        "by_area": d["by_area"],
        "by_area_social_media": d["by_area_social_media"],
        "by_occupation": [(k, strip(c)) for k, c in d["by_occupation"].items()],
        "by_region": [(k, strip(c)) for k, c in d["by_region"].items()],
        "without_region": strip(d["without_region"]),
        "other_regions": strip(d["other_regions"]),
        "regions": d["regions"],
        "other_occupations": strip(d["other_occupations"]),
        "occupations": d["occupations"],
        "without_occupation": strip(d["without_occupation"]),
        "by_lang": d["by_lang"],
        "ads_flagged": d["flags"]["ads_flagged"],
        "ads_flagged_strong": d["flags"]["ads_flagged_strong"],
        "flags": d["flags"]["by_category"],
        "flags_strong": d["flags"]["by_category_strong"],
    }
