"""Fixtures for the kompetens.market tests: one small fictional corpus and its facts, per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from kompetens.engine import Engine
from kompetens.errors import IngestError
from kompetens.market import AdFacts, ad_facts
from kompetens.models import Document

from .support import write_corpus

N_SYNTH = 24


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("market") / "ads.jsonl", n=N_SYNTH)


@pytest.fixture(scope="session")
def docs(engine: Engine, corpus: Path) -> list[Document]:
    out = []
    for item in engine.read([corpus], kind="ad"):
        assert not isinstance(item, IngestError), item
        out.append(item)
    return out


@pytest.fixture(scope="session")
def facts(engine: Engine, docs: list[Document]) -> list[AdFacts]:
    return [ad_facts(engine, d) for d in docs]
