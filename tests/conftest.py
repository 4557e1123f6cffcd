"""Shared fixtures: one Engine per session over a temporary data folder; ../shared when present."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kompetens.engine import Engine

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
