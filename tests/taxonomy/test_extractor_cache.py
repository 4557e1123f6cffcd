"""The phrase index is kept in the data folder by setup and imports only (issue #12): other commands that
find it missing or stale build it in memory, say so, and write nothing. It is keyed by the package version and
the taxonomy's content, not by file times."""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from pathlib import Path

import pytest

from kompetens import engine as engine_module
from kompetens.engine import EXTRACTOR_CACHE, Engine
from kompetens.models import Document
from kompetens.taxonomy.store import CONTENT_KEY, TaxonomyWriter, taxonomy_path

from .conftest import SKILL, U4

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


def _key(data_dir: Path) -> str | None:
    return Engine(data_dir, on_notice=lambda _m: None)._extractor_key()


def test_the_key_follows_the_taxonomy_content_not_file_times(built: Path, tmp_path: Path) -> None:
    key = _key(built)
    assert key is not None
    later = int(time.time()) + 3600
    os.utime(taxonomy_path(built), (later, later))
    assert _key(built) == key
    assert _key(Path(shutil.copytree(built, tmp_path / "copy"))) == key  # a copied folder keeps its cache
    with TaxonomyWriter(taxonomy_path(built)):
        pass  # written again, the same content
    assert _key(built) == key
    with TaxonomyWriter(taxonomy_path(built)) as writer:
        cid = writer.id_of(SKILL + U4)
        assert cid is not None
        writer.add_labels(cid, "en", ["plan imaginary campaigns"])
    assert _key(built) not in (key, None)


def test_the_key_follows_the_package_version(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    key = _key(built)
    monkeypatch.setattr(engine_module, "__version__", "0.0.0-other")
    assert _key(built) not in (key, None)


def test_a_kept_index_survives_touching_the_data_folder(built: Path) -> None:
    writer = Engine(built)
    writer._cache_writes = True
    _ = writer.extractor
    later = int(time.time()) + 3600
    for path in built.iterdir():
        os.utime(path, (later, later))
    heard: list[str] = []
    reader = Engine(built, on_notice=heard.append)
    assert reader.extract(DOC).mentions and heard == []
    assert (built / EXTRACTOR_CACHE).stat().st_mtime == later  # read, not written again


def test_a_taxonomy_without_a_content_digest_gets_no_cache(built: Path) -> None:
    db = sqlite3.connect(taxonomy_path(built))
    with db:
        db.execute("DELETE FROM meta WHERE key = ?", (CONTENT_KEY,))
    db.close()
    heard: list[str] = []
    engine = Engine(built, on_notice=heard.append)
    engine._cache_writes = True
    engine.extract(DOC)
    assert not (built / EXTRACTOR_CACHE).exists()
    assert any("kompetens setup" in h for h in heard)


def test_setup_compiles_the_index_anew_under_the_same_key(built: Path) -> None:
    # the key does not cover the extractor's code: setup (rerun after a code change) must not keep an index
    # that the code before compiled
    writer = Engine(built)
    writer._cache_writes = True
    _ = writer.extractor
    earlier = int(time.time()) - 3600
    os.utime(built / EXTRACTOR_CACHE, (earlier, earlier))
    again = Engine(built)
    again._cache_writes = True
    _ = again.extractor
    assert (built / EXTRACTOR_CACHE).stat().st_mtime > earlier
