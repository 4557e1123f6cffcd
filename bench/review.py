"""Benchmark: ad review against extraction of the same ads, in one process, and review time per MB.

    python bench/review.py [--ads 2000] [--data-dir DIR] [--shared ../shared]

Prints, in CPU time of this process (the machine is shared; CPU time is what one core spends):

* extraction and review (extraction included, as ``Engine.review`` runs it) over synthetic 3 KB ads
  (bench/synth.py), ads/s per core and the ratio review / extraction; the same over the real ads of
  ../shared/data/dev/platsbanken when they are there (first pass: words never seen before, the cost a
  new corpus pays; second pass: caches warm);
* review of one document of 1, 2 and 4 MB (synthetic ads joined), seconds and seconds per MB: the time
  must grow linearly with the text.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).parent))
from synth import synth_ads

from kompetens.engine import Engine
from kompetens.models import Document

ROOT = Path(__file__).resolve().parents[1]


def cpu(fn: Callable[[], object]) -> float:
    t0 = time.process_time()
    fn()
    return time.process_time() - t0


def compare(engine: Engine, name: str, docs: list[Document]) -> None:
    n = len(docs)
    ext = cpu(lambda: [engine.extract(d) for d in docs])
    rev = cpu(lambda: [engine.review(d) for d in docs])
    print(
        f"  {name:<34} extraction {n / ext:8.0f} ads/s   review {n / rev:7.0f} ads/s   "
        f"review / extraction time {rev / ext:5.1f}x"
    )


def real_ads(shared: Path, engine: Engine) -> list[Document]:
    path = shared / "data" / "dev" / "platsbanken" / "ads.jsonl"
    if not path.is_file():
        return []
    return [d for d in engine.read([path], kind="ad") if isinstance(d, Document) and d.lang in ("sv", "en")]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--ads", type=int, default=2000)
    ap.add_argument(
        "--data-dir", type=Path, default=Path(os.environ.get("KOMPETENS_HOME", ROOT / ".kompetens"))
    )
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args()
    engine = Engine(args.data_dir)
    ads = list(synth_ads(args.ads))
    docs = [
        Document(
            source=f"synth#{i}", text=a["headline"] + "\n\n" + a["description"]["text"], lang="sv", kind="ad"
        )
        for i, a in enumerate(ads)
    ]
    engine.review(docs[0])  # loads the extractor and the lexicons
    print("ads (CPU time, one process):")
    compare(engine, f"synthetic 3 KB ads ({len(docs)})", docs)
    real = real_ads(args.shared, engine)
    if real:
        sizes = sum(len(d.text) for d in real) / len(real)
        compare(engine, f"real ads, first pass ({len(real)}, {sizes / 1000:.1f} KB)", real)
        compare(engine, "real ads, second pass", real)
    else:
        print(f"  (no real ads at {args.shared}; skipped)")
    print("one big document (review, extraction included):")
    texts = [d.text for d in docs]
    for mb in (1, 2, 4):
        parts: list[str] = []
        size, i = 0, 0
        while size < mb * 1_000_000:
            parts.append(texts[i % len(texts)])
            size += len(parts[-1]) + 2
            i += 1
        doc = Document(source=f"{mb}MB", text="\n\n".join(parts), lang="sv", kind="ad")
        seconds = cpu(lambda doc=doc: engine.review(doc))
        print(f"  {mb} MB: {seconds:6.2f} s   {seconds / mb:5.2f} s/MB")


if __name__ == "__main__":
    main()
