"""bench/extract_ab.py builds a git revision's extract package beside the working tree's (stop 49: the C header its
sources include from beside them came without it, and ``--base`` failed to compile)."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("extract_ab", ROOT / "bench" / "extract_ab.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["extract_ab"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(
    shutil.which("git") is None
    or subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True).returncode != 0
    or (shutil.which("gcc") is None and shutil.which("cc") is None),
    reason="needs a git checkout and a C compiler",
)
def test_the_base_revision_builds_with_its_shared_c_header(tmp_path: Path) -> None:
    bench = _bench()
    try:
        pipeline = bench.load_base("HEAD", tmp_path)
    finally:
        for name in [m for m in sys.modules if m.startswith(bench.BASE_PACKAGE)]:
            del sys.modules[name]
    assert (tmp_path / "src" / "kompetens" / "_cshared.h").is_file()
    assert pipeline.__name__ == bench.BASE_PACKAGE + ".pipeline"
    assert list((tmp_path / "src" / "kompetens" / "extract").glob("_speedups*.so"))
