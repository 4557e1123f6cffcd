"""The optional C code of extraction (``_speedups.c``): the module, or None for the Python twins.

None where the package was installed without a C compiler, or where ``KOMPETENS_PURE_PYTHON=1`` asks for
the Python code (to compare, or to rule the C code out when looking into a problem). Both give the same
results; with the C code the whole extraction is 2-2.5x faster.
"""

from __future__ import annotations

import os
import warnings

__all__ = ["COMPILED", "VERSION", "speedups"]

VERSION = 16
"""The ``VERSION`` of ``_speedups.c`` this code calls (raised with any change of its functions' signatures)."""

try:
    from . import _speedups as speedups
except ImportError:  # built without a C compiler
    speedups = None  # type: ignore[assignment]

if speedups is not None and getattr(speedups, "VERSION", None) != VERSION:
    # An older build of the C code (an editable install not rebuilt after an edit): the twins are right.
    warnings.warn(
        "kompetens: the compiled extraction code is out of date; running the slower Python code. "
        "Rebuild it with `pip install -e .` (scripts/env.sh does this).",
        RuntimeWarning,
        stacklevel=1,
    )
    speedups = None  # type: ignore[assignment]

if os.environ.get("KOMPETENS_PURE_PYTHON") == "1":
    speedups = None  # type: ignore[assignment]

COMPILED = speedups is not None
"""Whether the C code is in use (``kompetens setup`` reports it as ``phrase_walk``)."""
