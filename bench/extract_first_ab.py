"""A/B benchmark of the first pass over new words: a git revision's code and data folder against the working
tree's, a fresh Engine per process, in alternating processes over the same real ads.

    python bench/extract_first_ab.py --base REV --base-data-dir DIR [--data-dir DIR] [--rounds 3] [--half tune]

The first pass is what a new corpus costs: every word met for the first time is looked up (its lemma,
frequencies, compound parts, fuzzy match, the span tagger's row). A change to what ``kompetens setup`` writes
(stop 34: the lexicon's words table, the extractor cache's word senses) needs each side's own data folder, set
up by its own code: ``--base-data-dir`` is a folder set up with ``--base``, ``--data-dir`` (default: the
usual one) one set up with the working tree. Each round runs one process per side (the order alternates), and
each process reads the 1,382 real Platsbanken ads of ``../shared`` twice with a fresh Engine, timing both
passes (CPU time of the process: per core; ``--half``: one half of the ads alone, split by ad id as
``bench/review_real.py`` splits them; its first Swedish and first English ad are extracted first, untimed:
``warm_up``). It prints each side's passes per round, the best and median, and
how many documents the two sides extract differently (their mentions and areas on the first pass, the real
ads and SkillSpan's dev postings; 0 for a pure speed change).

The base's ``src`` comes from ``git archive`` and its C sources are compiled into it first, as installing
does (``extract_ab.build_extensions``).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from itertools import groupby
from pathlib import Path

from kompetens.config import default_data_dir
from kompetens.engine import Engine
from kompetens.models import Document

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "data" / "dev"
ADS = SHARED / "platsbanken" / "ads.jsonl"
SKILLSPAN_DEV = SHARED / "skillspan" / "dev.json"


def two_passes(engine: Engine, timed: list[Document]) -> list[float]:
    """Documents a CPU second in the first and the second pass over ``timed`` in ``engine``."""
    passes = []
    for _ in range(2):
        t0 = time.process_time()
        for d in timed:
            engine.extract(d)
        passes.append(len(timed) / (time.process_time() - t0))
    return passes


def warm_up(engine: Engine, docs: list[Document]) -> list[Document]:
    """Extract the first Swedish and the first English document of ``docs`` in ``engine``, untimed, and return
    them: the lazy loads (tagger, lexicon) and what a process pays once per language (the English layout cues,
    the fuzzy tables) are start-up, not the first pass."""
    warm = [
        next(d for d in docs if d.lang == lang) for lang in ("sv", "en") if any(d.lang == lang for d in docs)
    ]
    for d in warm:
        engine.extract(d)
    return warm


def half(doc: Document) -> str:
    """The half of the real ads a document is in, as ``bench/review_real.py`` splits them (by its ad id)."""
    ad_id = str(doc.meta.get("id", ""))
    return "tune" if int(hashlib.sha256(ad_id.encode()).hexdigest(), 16) % 2 == 0 else "check"


def child(data_dir: Path, only: str | None = None) -> None:
    """One side's run (in its own process, its code on PYTHONPATH): both passes' speed (over one half of the
    ads where ``only`` names it), and a digest of each document's extraction in another fresh Engine (its first
    pass; every document)."""
    engine = Engine(data_dir)
    ads = [d for d in engine.read([ADS], kind="ad") if isinstance(d, Document)]
    mine = [d for d in ads if only is None or half(d) == only]
    warm = warm_up(engine, mine)
    passes = two_passes(engine, [d for d in mine if all(d is not w for w in warm)])
    digests = _digests(Engine(data_dir), [*ads, *_dev_postings()])
    print(json.dumps({"first": passes[0], "second": passes[1], "digests": digests}))


def _dev_postings() -> list[Document]:
    if not SKILLSPAN_DEV.is_file():
        return []
    rows = [json.loads(line) for line in SKILLSPAN_DEV.open(encoding="utf-8") if line.strip()]
    groups = groupby(rows, key=lambda r: (r["idx"], r.get("source")))
    return [
        Document(source=f"dev{k}", text="\n".join(" ".join(r["tokens"]) for r in g), lang="en", kind="ad")
        for k, (_, g) in enumerate(groups)
    ]


def _digests(engine: Engine, docs: list[Document]) -> list[str]:
    """A short digest of each document's mentions and areas."""
    out = []
    for d in docs:
        profile = engine.extract(d)
        mentions = [
            (m.text, m.start, m.end, m.concept.id, m.area, m.confidence, m.required, m.method, m.boilerplate)
            for m in profile.mentions
        ]
        signature = repr((mentions, sorted(profile.areas.items()))).encode()
        out.append(hashlib.sha256(signature).hexdigest()[:16])
    return out


def base_source(rev: str, into: Path) -> Path:
    """The ``src`` folder of ``rev``, its C code compiled; returns it."""
    sys.path.insert(0, str(Path(__file__).parent))
    from extract_ab import build_extensions

    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", rev, "src"], check=True, capture_output=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    build_extensions(into / "src" / "kompetens" / "extract", into / "build")
    return into / "src"


class Run(dict[str, object]):
    """One side's run: ``first``, ``second`` (ads/s per core), ``digests`` (one per document)."""

    def speed(self, key: str) -> float:
        return float(self[key])  # type: ignore[arg-type]


def run_side(src: Path, data_dir: Path, only: str | None = None) -> Run:
    env = dict(os.environ, PYTHONPATH=str(src), OPENBLAS_NUM_THREADS="1")
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(data_dir), *(["--half", only] if only else [])],
        check=True,
        capture_output=True,
        env=env,
        text=True,
    ).stdout
    return Run(json.loads(out.strip().splitlines()[-1]))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", default="HEAD", help="git revision to compare against (default: HEAD)")
    ap.add_argument("--base-data-dir", type=Path, help="a data folder set up by the base revision")
    ap.add_argument("--data-dir", type=Path, default=None, help="a data folder set up by the working tree")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument(
        "--half", choices=["tune", "check"], help="time one half of the ads alone (more of its words new)"
    )
    ap.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child, args.half)
        return
    if not ADS.is_file():
        sys.exit(f"no real ads at {ADS}: this benchmark needs ../shared")
    if args.base_data_dir is None:
        sys.exit("--base-data-dir: a data folder set up by the base revision's `kompetens setup`")
    data_dir = args.data_dir or default_data_dir()
    with tempfile.TemporaryDirectory() as tmp:
        base_src = base_source(args.base, Path(tmp))
        sides = [("base", base_src, args.base_data_dir), ("new", REPO / "src", data_dir)]
        results: dict[str, list[Run]] = {"base": [], "new": []}
        for r in range(args.rounds):
            for name, src, folder in sides if r % 2 == 0 else sides[::-1]:
                got = run_side(src, folder, args.half)
                results[name].append(got)
                print(
                    f"round {r + 1} {name:4s}: first pass {got.speed('first'):6.0f}, second {got.speed('second'):6.0f}"
                )
    timed = f"the {args.half} half's ads" if args.half else "all the ads"
    print(f"base: {args.base} ({args.base_data_dir}); new: the working tree ({data_dir}); timed: {timed}")
    for name in ("base", "new"):
        for key in ("first", "second"):
            values = [x.speed(key) for x in results[name]]
            print(
                f"{name:4s} {key:6s} pass: best {max(values):6.0f}, median {statistics.median(values):6.0f} ads/s per core"
            )
    for key in ("first", "second"):
        ratio = statistics.median(x.speed(key) for x in results["new"]) / statistics.median(
            x.speed(key) for x in results["base"]
        )
        print(f"{key} pass new/base: {ratio:.2f}x (medians)")
    base_digests, new_digests = results["base"][0]["digests"], results["new"][0]["digests"]
    assert isinstance(base_digests, list) and isinstance(new_digests, list)
    differ = sum(a != b for a, b in zip(base_digests, new_digests, strict=True))
    print(
        f"documents extracted differently (first pass, real ads and SkillSpan dev): {differ} of {len(new_digests)}"
    )


if __name__ == "__main__":
    main()
