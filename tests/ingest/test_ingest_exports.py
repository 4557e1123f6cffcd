"""The public surface of kompetens.ingest is what __all__ says."""

from __future__ import annotations

import kompetens.ingest as ingest


def test_all_names_exist_and_public_names_are_listed():
    assert all(hasattr(ingest, name) for name in ingest.__all__)
    public = {name for name in vars(ingest) if not name.startswith("_")}
    submodules = {
        "base",
        "docx",
        "htmltext",
        "jobtech",
        "langdetect",
        "markdown",
        "normalize",
        "pdf",
        "reader",
        "text",
    }
    assert public - submodules == set(ingest.__all__)
