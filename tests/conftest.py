"""Shared fixtures: one Engine per session over a temporary data folder; ../shared when present."""

from __future__ import annotations

import os
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from click.testing import CliRunner, Result

from kompetens.config import DATABASE_ENV_VAR
from kompetens.engine import Engine
from kompetens.store import accounts as accounts_module

from . import databases
from .databases import BACKENDS

# The tests choose their database themselves (the database_url fixture): a $KOMPETENS_DATABASE_URL of the
# shell must not send every Engine of the suite to that database.
os.environ.pop(DATABASE_ENV_VAR, None)
# Nor a terminal's size: the CLI's tables honour $COLUMNS (kompetens.cli, piped output is 160 wide), and the
# tests read them as piped output. pytest-xdist's workers (scripts/test.sh) get COLUMNS=80 and LINES=24.
os.environ.pop("COLUMNS", None)
os.environ.pop("LINES", None)

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


CHEAP_HASHER = partial(PasswordHasher, time_cost=1, memory_cost=8, parallelism=1)
"""argon2id at its smallest cost (one pass over 8 KiB): what the tests' Accounts hash passwords with."""


@pytest.fixture(scope="session", autouse=True)
def cheap_password_hashing() -> Iterator[None]:
    """Passwords hashed at argon2's smallest cost in the tests, where the service hashes at argon2-cffi's
    default (RFC 9106's low-memory profile: 3 passes over 64 MiB, about 0.3 s of CPU a hash or a check).
    The suite signs in and adds users with passwords hundreds of times; at the real cost that was minutes
    of CI. The hashes are still argon2id and checked the same way (a hash carries its own parameters); a
    test marked ``real_password_hashing`` gets the service's hasher (tests/store/test_accounts.py checks
    its cost), and the browser test's `kompetens serve` is a process of its own, with the real one."""
    patch = pytest.MonkeyPatch()
    patch.setattr(accounts_module, "PasswordHasher", CHEAP_HASHER)
    yield
    patch.undo()


@pytest.fixture(autouse=True)
def real_password_hashing(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """The service's own argon2 cost for a test marked ``real_password_hashing``."""
    if request.node.get_closest_marker("real_password_hashing") is not None:
        monkeypatch.setattr(accounts_module, "PasswordHasher", PasswordHasher)


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


class EngineRunner(CliRunner):
    """A CliRunner whose commands over the session's data folder use the session's Engine (passed as the
    click context's ``obj``; kompetens.cli takes it only where the command's data folder and database are
    its own). A new Engine per command loaded the taxonomy, the tagger and the linker again each time: the
    first ``link`` of an Engine alone builds its lazy tables and warms e5, 5-10 s of CPU. A command over
    another folder (a test's tmp_path) gets a new Engine, as a `kompetens` process does."""

    def __init__(self, engine: Engine) -> None:
        super().__init__()
        self.engine = engine

    def invoke(self, *args: Any, **kwargs: Any) -> Result:
        kwargs.setdefault("obj", self.engine)
        return super().invoke(*args, **kwargs)


@pytest.fixture
def cli_runner(engine: Engine) -> EngineRunner:
    return EngineRunner(engine)


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest) -> Iterator[str | None]:
    """The store's database for one test, on each backend: None (the data folder's SQLite file), then a
    fresh PostgreSQL schema's URL (skipped without $KOMPETENS_TEST_DATABASE_URL)."""
    yield from databases.database_url(request.param)
