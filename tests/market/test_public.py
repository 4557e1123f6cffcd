"""The stated surface of kompetens.market and the docs that describe it stay in step."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import kompetens.market as market
from kompetens.market import AdFacts, DuckDBBackend

DOC = Path(__file__).resolve().parents[2] / "docs" / "market.md"


def test_all_names_exist_and_nothing_public_is_unlisted() -> None:
    public = {
        name
        for name, value in vars(market).items()
        if not name.startswith("_") and not inspect.ismodule(value) and name != "annotations"
    }
    assert set(market.__all__) == public


def test_docs_name_every_report_key(facts: list[AdFacts]) -> None:
    with DuckDBBackend() as backend:
        backend.add(facts)
        keys = set(backend.report().to_dict())
    text = DOC.read_text(encoding="utf-8")
    undocumented = {k for k in keys if not re.search(rf"[`\"]{re.escape(k)}[`\"]", text)}
    assert not undocumented, f"docs/market.md does not mention {sorted(undocumented)}"
