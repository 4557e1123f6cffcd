"""A/B benchmark: the extraction pipeline of a git revision against the working tree, in one process.

    python bench/extract_ab.py [--base HEAD] [--ads 200] [--rounds 30] [--data-dir DIR]

The shared machines we measure on drift by 20-40 % from minute to minute, so two runs of bench/extract.py
minutes apart cannot show a 10 % change. This script loads ``src/kompetens/extract`` of ``--base`` (from
``git archive``) next to the working tree's, builds both extractors from the same phrases, and times them in
alternating rounds over the same ads (CPU time of the process). It prints each side's fastest and median
round and their ratios, and how many ads the two sides extract differently (0 for a pure speed change).

C sources in the base's package are compiled into it first, as installing the package does. Only the
extract package is taken from the base revision; the rest (models, language data, taxonomy) is the
working tree's, so the base must be compatible with it.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import io
import pickle
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tarfile
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

sys.path.insert(0, str(Path(__file__).parent))
from synth import synth_ads

from kompetens.engine import Engine, curated_specs, taxonomy_specs
from kompetens.extract.pipeline import Extractor, dump_extractor, load_extractor
from kompetens.models import Document, Profile

REPO = Path(__file__).resolve().parent.parent
BASE_PACKAGE = "kompetens._ab_base_extract"


def load_base(rev: str, into: Path) -> ModuleType:
    """The extract package of ``rev`` as ``kompetens._ab_base_extract``; returns its pipeline module. The C
    header the package's C sources include from beside it (``src/kompetens/_cshared.h``) comes too, where ``rev``
    has one."""
    paths = ["src/kompetens/extract"]
    header = "src/kompetens/_cshared.h"
    if (
        subprocess.run(
            ["git", "-C", str(REPO), "cat-file", "-e", f"{rev}:{header}"], capture_output=True
        ).returncode
        == 0
    ):
        paths.append(header)
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", rev, *paths], check=True, capture_output=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    package = into / "src" / "kompetens" / "extract"
    build_extensions(package, into / "build")
    spec = importlib.util.spec_from_file_location(
        BASE_PACKAGE, package / "__init__.py", submodule_search_locations=[str(package)]
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[BASE_PACKAGE] = module
    spec.loader.exec_module(module)
    return importlib.import_module(BASE_PACKAGE + ".pipeline")


def build_extensions(package: Path, build: Path) -> None:
    """Compile the package's C sources into it, as installing the package does (a base without them runs
    its Python fallback instead, which would not be the base as users run it)."""
    from setuptools import Distribution, Extension

    for source in sorted(package.glob("*.c")):
        dist = Distribution(
            {"ext_modules": [Extension(source.stem, [str(source)], extra_compile_args=["-O2"])]}
        )
        cmd = dist.get_command_obj("build_ext")
        cmd.build_lib, cmd.build_temp = str(build / "lib"), str(build / "tmp")  # type: ignore[attr-defined]
        dist.run_command("build_ext")
        suffix = sysconfig.get_config_var("EXT_SUFFIX")
        shutil.copy(build / "lib" / (source.stem + suffix), package / (source.stem + suffix))
        print(f"base: compiled {source.name}", file=sys.stderr)


def signature(profile: Profile) -> list[tuple[object, ...]]:
    return [
        (m.start, m.end, m.concept.id, m.method, round(m.confidence, 6), m.required, m.boilerplate)
        for m in profile.mentions
    ]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", default="HEAD", help="git revision to compare against (default: HEAD)")
    ap.add_argument("--ads", type=int, default=200, help="ads per round")
    ap.add_argument("--rounds", type=int, default=30, help="rounds per side")
    ap.add_argument("--data-dir", type=Path, default=None)
    args = ap.parse_args()

    engine = Engine(args.data_dir)
    specs = curated_specs()
    if engine.taxonomy is not None:  # the labels the engine's own index takes (English only until imports)
        specs.extend(taxonomy_specs(engine.taxonomy, langs=engine._phrase_langs(engine.taxonomy)))
    # Through pickle, as the engine loads its cached extractor: the trie's memory layout then matches the
    # cache's (a freshly built one runs at another speed). The lexicon stays out of it: the engine's.
    buffer = io.BytesIO()
    dump_extractor(buffer, "", Extractor(specs, lexicon=engine.lexicon))
    buffer.seek(0)
    _, new = load_extractor(buffer, engine.lexicon)
    assert isinstance(new, Extractor)
    with tempfile.TemporaryDirectory() as tmp:
        base_pipeline = load_base(args.base, Path(tmp))
        t0 = time.perf_counter()
        # Through pickle too (the base's extract package asks simplemma and wordfreq for lemmas itself).
        base = pickle.loads(pickle.dumps(base_pipeline.Extractor(specs), protocol=pickle.HIGHEST_PROTOCOL))
        print(f"base extractor ({args.base}) built in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    docs = [
        Document(
            source=ad["id"], text=ad["headline"] + "\n\n" + ad["description"]["text"], lang="sv", kind="ad"
        )
        for ad in synth_ads(args.ads)
    ]
    differ = sum(signature(base(d)) != signature(new(d)) for d in docs)  # also warms both caches

    sides: list[tuple[str, Callable[[Document], Profile]]] = [("base", base), ("new", new)]
    times: dict[str, list[float]] = {"base": [], "new": []}
    for r in range(args.rounds):
        for name, extractor in sides if r % 2 == 0 else sides[::-1]:
            t0 = time.process_time()
            for d in docs:
                extractor(d)
            times[name].append((time.process_time() - t0) / len(docs) * 1e6)
    fastest = {name: min(ts) for name, ts in times.items()}
    median = {name: statistics.median(ts) for name, ts in times.items()}
    print(f"ads per round: {len(docs)}  rounds per side: {args.rounds}  base: {args.base}")
    for name in ("base", "new"):
        print(f"{name:5s}: fastest round {fastest[name]:7.0f} us/ad   median round {median[name]:7.0f} us/ad")
    print(
        f"speed-up new/base: {fastest['base'] / fastest['new']:.2f}x (fastest rounds), "
        f"{median['base'] / median['new']:.2f}x (median rounds)"
    )
    print(f"ads extracted differently: {differ} of {len(docs)}")


if __name__ == "__main__":
    main()
