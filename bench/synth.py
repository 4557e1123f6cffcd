"""Synthetic, clearly fictional job ads in the JobTech ad JSON form, for benchmarks and market demos.

Every employer is invented ("Fiktiva ... AB"); sentences are assembled from small template pools, so the
corpus has realistic vocabulary (duties, requirements, boilerplate) without copying any real ad.
"""

from __future__ import annotations

import csv
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

TITLES_SM = [
    "Social media-specialist",
    "Sociala medier-ansvarig",
    "Social Media Manager",
    "Community manager",
]
TITLES_SILENT = [
    "Kommunikatör",
    "Marknadskoordinator",
    "Butikschef",
    "Kundtjänstmedarbetare",
    "Webbredaktör",
    "Marketing Coordinator",
    "Customer Success Manager",
    "Projektledare",
    "Säljare",
    "Ekonomiassistent",
]
DUTIES_SM = [
    "Du planerar och publicerar innehåll på Instagram, LinkedIn och TikTok.",
    "Du besvarar kundernas frågor och hanterar klagomål i våra sociala kanaler.",
    "Du modererar kommentarer och bygger vår community.",
    "Du följer upp kampanjer i Google Analytics och Meta Business Suite.",
    "You will run our Facebook and YouTube channels and grow the online community.",
    "You will analyse engagement data and report KPIs to management.",
    "Du arbetar med sökmotoroptimering och annonsering i Google Ads.",
    "Du tar fram en strategi för sociala medier som stödjer affärsmålen.",
]
DUTIES_OTHER = [
    "Du ansvarar för budget och uppföljning av verksamheten.",
    "Du leder ett team på tolv medarbetare i butiken.",
    "Du sköter fakturering, bokföring och leverantörskontakter.",
    "Du planerar projekt och samordnar leveranser med kunder.",
    "You will manage supplier contracts and monthly reporting.",
    "Du säljer våra tjänster till företagskunder i regionen.",
    "Du skriver pressmeddelanden, nyhetsbrev och texter till webben.",
    "Du har god kommunikativ förmåga och trivs med kundkontakt.",
]
REQUIREMENTS = [
    "Krav: Erfarenhet av marknadsföring och kommunikation.",
    "Meriterande: Kunskaper i psykologi eller beteendevetenskap.",
    "Du har erfarenhet av kundservice och klagomålshantering.",
    "Requirements: experience with SEO and REST APIs.",
    "Nice to have: experience with Hootsuite or Sprout Social.",
    "Det är meriterande om du har arbetat med dataanalys och A/B-tester.",
    "Du har körkort och goda kunskaper i Excel.",
    "Du talar och skriver svenska och engelska obehindrat.",
]
BOILERPLATE = [
    "Följ oss gärna på Instagram och LinkedIn!",
    "Om oss: Fiktiva {emp} är ett familjeföretag med 40 anställda.",
    "Share this job on LinkedIn with your friends.",
    "Vi erbjuder friskvårdsbidrag, flexibla arbetstider och kollektivavtal.",
    "Välkommen med din ansökan senast den sista i månaden.",
]
EMPLOYERS = ["Fönster AB", "Bageri AB", "Cykel & Co AB", "Konsult AB", "Resor AB", "Tryckeri AB", "Energi AB"]


def synth_ad(rng: random.Random, *, index: int, target_chars: int = 3000) -> dict[str, Any]:
    social = rng.random() < 0.45
    silent_title = rng.random() < 0.6
    title = rng.choice(TITLES_SILENT if (not social or silent_title) else TITLES_SM)
    emp = rng.choice(EMPLOYERS)
    parts: list[str] = []
    pools = [DUTIES_OTHER, REQUIREMENTS, BOILERPLATE] + ([DUTIES_SM] if social else [])
    while sum(len(p) + 1 for p in parts) < target_chars:
        pool = rng.choice(pools)
        parts.append(rng.choice(pool).format(emp=emp))
    year = rng.choice([2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026])
    return {
        "id": f"synth-{index}",
        "headline": title,
        "description": {"text": "\n".join(parts)},
        "occupation": {"label": title},
        "employer": {"name": f"Fiktiva {emp}"},
        "workplace_address": {"municipality": rng.choice(["Exempelstad", "Påhittby", "Testköping"])},
        "publication_date": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T08:00:00",
    }


def synth_ads(n: int, *, seed: int = 7, target_chars: int = 3000) -> Iterator[dict[str, Any]]:
    rng = random.Random(seed)
    for i in range(n):
        yield synth_ad(rng, index=i, target_chars=target_chars)


def write_jsonl(path: Path, n: int, *, seed: int = 7, target_chars: int = 3000) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for ad in synth_ads(n, seed=seed, target_chars=target_chars):
            fh.write(json.dumps(ad, ensure_ascii=False) + "\n")
    return path


CSV_COLUMNS = ("id", "headline", "text", "publication_date", "occupation", "municipality")
"""The columns ``write_csv`` writes: ``kompetens market`` finds each by its usual name."""


def csv_row(ad: dict[str, Any]) -> list[str]:
    return [
        ad["id"],
        ad["headline"],
        ad["description"]["text"],
        ad["publication_date"],
        ad["occupation"]["label"],
        ad["workplace_address"]["municipality"],
    ]


def write_csv(path: Path, n: int, *, seed: int = 7, target_chars: int = 3000) -> Path:
    """The ads ``write_jsonl`` writes, as CSV (one row each, line breaks kept inside quoted fields)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(CSV_COLUMNS)
        for ad in synth_ads(n, seed=seed, target_chars=target_chars):
            writer.writerow(csv_row(ad))
    return path


if __name__ == "__main__":
    import sys

    out = write_jsonl(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 1000)
    print(out)
