"""The data folder: $KOMPETENS_HOME, else the checkout's .kompetens the README's set-up built, else the user's."""

from __future__ import annotations

from pathlib import Path

import pytest

from kompetens.config import default_data_dir


def test_the_checkout_folder_is_found_from_below(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KOMPETENS_HOME", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    (tmp_path / "repo" / ".kompetens").mkdir(parents=True)
    (tmp_path / "repo" / "demo").mkdir()
    # no compiled taxonomy yet: the user's folder
    assert default_data_dir(cwd=tmp_path / "repo" / "demo") == tmp_path / "xdg" / "kompetens"
    (tmp_path / "repo" / ".kompetens" / "taxonomy.sqlite").write_bytes(b"")
    assert default_data_dir(cwd=tmp_path / "repo" / "demo") == tmp_path / "repo" / ".kompetens"


def test_the_environment_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".kompetens").mkdir()
    (tmp_path / ".kompetens" / "taxonomy.sqlite").write_bytes(b"")
    monkeypatch.setenv("KOMPETENS_HOME", str(tmp_path / "elsewhere"))
    assert default_data_dir(cwd=tmp_path) == tmp_path / "elsewhere"


def test_a_data_folder_without_a_taxonomy_is_said_not_silent(tmp_path: Path) -> None:
    from kompetens.engine import Engine
    from kompetens.models import Document

    heard: list[str] = []
    engine = Engine(tmp_path / "empty", on_notice=heard.append)
    doc = Document(source="ad", text="Säljare\n\nDu arbetar med sökmotoroptimering.", lang="sv", kind="ad")
    engine.extract(doc)
    engine.extract(doc)
    assert len(heard) == 1 and "no compiled taxonomy" in heard[0] and "kompetens setup" in heard[0]


def test_the_database_url_comes_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kompetens.config import DATABASE_ENV_VAR, default_database_url
    from kompetens.engine import Engine

    monkeypatch.setenv(DATABASE_ENV_VAR, " postgresql+psycopg://kim@db.example/kompetens ")
    assert default_database_url() == "postgresql+psycopg://kim@db.example/kompetens"
    assert Engine(tmp_path).database_url == default_database_url()
    assert Engine(tmp_path, database_url="sqlite:///x.db").database_url == "sqlite:///x.db"  # the flag wins
    monkeypatch.setenv(DATABASE_ENV_VAR, "  ")
    assert default_database_url() is None and Engine(tmp_path).database_url is None
