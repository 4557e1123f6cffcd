"""The store: profiles kept, listed and deleted for real (GDPR erasure: the bytes leave the files)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kompetens.cli import cli
from kompetens.errors import KompetensError
from kompetens.store import Store

MARKER = "Xylofonkompetens-8f3a"  # a word no file holds by chance


def _file_bytes(db: Path) -> bytes:
    """The database file and its WAL and shared-memory companions, as they lie on disk."""
    return b"".join(p.read_bytes() for p in db.parent.glob(db.name + "*") if p.is_file())


def test_put_get_keys_iter_count(tmp_path: Path) -> None:
    store = Store(tmp_path / "store.sqlite")
    store.put(key="a", kind="cv", lang="sv", data={"skills": ["SEO"]})
    store.put_many(kind="cv", items=[("b", {"skills": []}), ("c", {"skills": ["PR"]})])
    store.put(key="ad", kind="ad", data={})
    assert store.get("a") == {"skills": ["SEO"]}
    assert store.keys(kind="cv") == ["a", "b", "c"] and store.count() == 4
    assert [k for k, _ in store.iter(kind="ad")] == ["ad"]
    store.put(key="a", kind="cv", data={"skills": ["PR"]})  # replaces
    assert store.get("a") == {"skills": ["PR"]} and store.count(kind="cv") == 3
    with pytest.raises(KompetensError):
        store.get("nobody")


def test_delete_removes_the_bytes_from_every_file(tmp_path: Path) -> None:
    db = tmp_path / "store.sqlite"
    store = Store(db)
    store.put(key="keep", kind="cv", data={"skills": ["SEO"]})
    store.put(key="gone", kind="cv", data={"skills": [MARKER] * 50})
    assert MARKER.encode() in _file_bytes(db)
    assert store.delete("gone") is True
    assert store.delete("gone") is False
    assert MARKER.encode() not in _file_bytes(db)
    assert store.keys() == ["keep"]
    store.close()
    assert MARKER.encode() not in _file_bytes(db)


def test_cli_store_stored_and_forget_delete_for_real(tmp_path: Path) -> None:
    # rank --store keeps the anonymised profile; forget deletes it and its bytes.
    cv = tmp_path / "cv-fiktiv.txt"
    cv.write_text(
        "Kim Fiktiv\n\nErfarenhet\n2019 - nu Social media-ansvarig, Exempelbolaget AB\n"
        f"Publicerar innehåll på Instagram och LinkedIn, sökmotoroptimering, {MARKER}-projekt.\n",
        encoding="utf-8",
    )
    home = tmp_path / "home"
    runner = CliRunner()
    env = {"KOMPETENS_HOME": str(home)}
    out = runner.invoke(cli, ["rank", "--role", "default", str(cv), "--store", "--json"], env=env)
    assert out.exit_code == 0, out.output
    stored = runner.invoke(cli, ["rank", "--role", "default", "--stored", "--json"], env=env)
    assert stored.exit_code == 0 and "cv-fiktiv" in stored.output
    db = home / "kompetens.sqlite"
    key = str(cv).encode()  # the stored profile's key: the CV's source
    assert db.is_file() and key in _file_bytes(db)
    assert b"Kim Fiktiv" not in _file_bytes(db)  # the name never reaches the store
    forget = runner.invoke(cli, ["forget", "--all"], env=env)
    assert forget.exit_code == 0, forget.output
    assert key not in _file_bytes(db)
    again = runner.invoke(cli, ["rank", "--role", "default", "--stored", "--json"], env=env)
    assert "cv-fiktiv" not in again.output
