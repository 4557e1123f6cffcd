"""kompetens: skills-based hiring for social-media and digital-communication roles (Swedish + English).

The core object and the errors are importable from here, ``from kompetens import Engine, KompetensError``;
each loads on first use, so ``import kompetens`` (the CLI's start) stays light.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .engine import Engine
    from .errors import Code, IngestError, KompetensError, SkippedInput

__all__ = ["Code", "Engine", "IngestError", "KompetensError", "SkippedInput", "__version__"]

_LAZY = {
    "Engine": "kompetens.engine",
    "Code": "kompetens.errors",
    "IngestError": "kompetens.errors",
    "KompetensError": "kompetens.errors",
    "SkippedInput": "kompetens.errors",
}


def __getattr__(name: str) -> Any:
    """``kompetens.Engine`` and the errors, imported when first asked for (PEP 562)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'kompetens' has no attribute {name!r}")
    return getattr(import_module(module), name)
