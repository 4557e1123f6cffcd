"""Shared fixtures: one Engine per session over a temporary data folder; ../shared when present."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from kompetens.config import DATABASE_ENV_VAR
from kompetens.engine import Engine

from . import databases
from .databases import BACKENDS

# The tests choose their database themselves (the database_url fixture): a $KOMPETENS_DATABASE_URL of the
# shell must not send every Engine of the suite to that database.
os.environ.pop(DATABASE_ENV_VAR, None)

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test with the reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(
            f"../shared not found ({path}): shared data is only available beside the project checkout"
        )
    return path


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built data folder if the test command set one up ($KOMPETENS_HOME), else an empty temporary one."""
    env = os.environ.get("KOMPETENS_HOME")
    if env and Path(env).is_dir():
        return Path(env)
    return tmp_path_factory.mktemp("kompetens-data")


@pytest.fixture(scope="session")
def engine(data_dir: Path) -> Engine:
    return Engine(data_dir)


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest) -> Iterator[str | None]:
    """The store's database for one test, on each backend: None (the data folder's SQLite file), then a
    fresh PostgreSQL schema's URL (skipped without $KOMPETENS_TEST_DATABASE_URL)."""
    yield from databases.database_url(request.param)
