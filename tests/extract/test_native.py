"""Which code extraction runs: the C code when built and current, else the Python twins."""

from __future__ import annotations

import importlib
import sys
import types
from collections.abc import Iterator

import pytest

import kompetens.extract
from kompetens.extract import native


@pytest.fixture
def patch() -> Iterator[pytest.MonkeyPatch]:
    """A monkeypatch whose changes are undone before ``native`` is loaded again as the environment has it."""
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("KOMPETENS_PURE_PYTHON", raising=False)
        yield mp
    importlib.reload(native)


def _install(patch: pytest.MonkeyPatch, module: types.ModuleType) -> None:
    """Make ``module`` what ``from . import _speedups`` finds in kompetens.extract."""
    patch.setitem(sys.modules, "kompetens.extract._speedups", module)
    patch.setattr(kompetens.extract, "_speedups", module, raising=False)


def test_an_out_of_date_build_falls_back_to_python_with_a_warning(patch: pytest.MonkeyPatch) -> None:
    _install(patch, types.ModuleType("kompetens.extract._speedups"))  # an older build: no VERSION
    with pytest.warns(RuntimeWarning, match="out of date"):
        importlib.reload(native)
    assert native.speedups is None and not native.COMPILED


def test_a_current_build_is_used(patch: pytest.MonkeyPatch) -> None:
    current = types.ModuleType("kompetens.extract._speedups")
    current.VERSION = native.VERSION  # type: ignore[attr-defined]
    _install(patch, current)
    importlib.reload(native)
    assert native.speedups is current and native.COMPILED


def test_pure_python_on_request(patch: pytest.MonkeyPatch) -> None:
    patch.setenv("KOMPETENS_PURE_PYTHON", "1")
    importlib.reload(native)
    assert native.speedups is None and not native.COMPILED
