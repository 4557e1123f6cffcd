"""Fixtures for the kompetens.match tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kompetens.engine import Engine
from kompetens.models import Document, Profile

from .support import DEMO_CVS


@pytest.fixture(scope="session")
def engine_extract(engine: Engine) -> Callable[[Document], Profile]:
    """The real extractor of the session's Engine (tests/conftest.py)."""
    return engine.extract


@pytest.fixture(scope="session")
def demo_files() -> list[Path]:
    return sorted(p for p in DEMO_CVS.iterdir() if p.is_file())
