"""The phrase index is kept in the data folder by setup and imports only (issue #12): other commands that
find it missing or stale build it in memory, say so, and write nothing."""

from __future__ import annotations

from pathlib import Path

from kompetens.engine import EXTRACTOR_CACHE, Engine
from kompetens.models import Document

DOC = Document(source="ad", text="Säljare\n\nDu arbetar med sökmotoroptimering.", lang="sv", kind="ad")


def test_a_stale_index_is_built_in_memory_and_not_written(built: Path) -> None:
    heard: list[str] = []
    engine = Engine(built, on_notice=heard.append)
    engine.extract(DOC)
    assert not (built / EXTRACTOR_CACHE).exists()
    assert any("built in memory" in h and "kompetens setup" in h for h in heard)


def test_the_index_an_import_keeps_is_used_without_a_notice(built: Path, sources: dict[str, Path]) -> None:
    # what setup and imports write (here through the engine's own switch), later engines read silently
    writer = Engine(built)
    writer._cache_writes = True
    writer.extract(DOC)
    assert (built / EXTRACTOR_CACHE).is_file()
    heard: list[str] = []
    Engine(built, on_notice=heard.append).extract(DOC)
    assert heard == []
