"""Fixtures for the kompetens.match tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kompetens.models import Document, Profile

from .support import DEMO_CVS


@pytest.fixture(scope="session")
def engine_extract() -> Callable[[Document], Profile]:
    """The real extractor, kompetens.engine.Engine().extract."""
    from kompetens.engine import Engine

    return Engine().extract


@pytest.fixture(scope="session")
def demo_files() -> list[Path]:
    return sorted(p for p in DEMO_CVS.iterdir() if p.is_file())
