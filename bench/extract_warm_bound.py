"""The bound of a set-up-time vocabulary (stop 44): how much of the first pass's extra over the second goes away when
the words a new corpus meets were met before, by other real ads or by the frequency lists' words.

    python bench/extract_warm_bound.py [--data-dir DIR] [--rounds 5] [--top 20000,100000,100000i] [--freeze]

Each round runs one process per condition (the order turns each round), each a fresh Engine: the real ads'
CHECK half (``sha256(id) % 2 == 1``, as ``bench/review_real.py`` splits them) is timed on its first pass (CPU
time, per core) and then its second, after a warm-up that is not timed:

- ``fresh``: none (the check half's first Swedish and first English ad only, for the lazy loads and what a process
  pays once per language: ``bench/extract_first_ab.py``'s ``warm_up``);
- ``tune``: the TUNE half's ads extracted first (a corpus of the same kind: what the best set-up vocabulary
  could give; more than a frequency list can, as the halves share employers, towns and phrasing);
- ``topN``: synthetic texts of wordfreq's N most frequent words of each language (Swedish and English; lines of
  twelve words, the first capitalised, as a sentence's), extracted in the text's language: every per-word step
  (the lemma pass, the new words' senses, the tagger's written forms and phrases, labelling) sees each word once;
  ``topNi``: the same texts through the phrase index alone (``spans=False``: the lemma pass and the senses, not
  the tagger, whose direct-mapped word cache of 65,536 slots a warm-up of 100,000 words crowds).

``--freeze`` freezes the collector after the warm-up (what it filled out of the collector's walks, as a table
read from the data folder would be).

It prints each condition's passes per round, the medians, each condition's first pass over ``fresh``'s (the
paired ratios' median too), the warm-up's own CPU time and the process's peak RSS. Only the TUNE half's texts
are read for anything but timing: the share of its distinct words (lowercased) that the top-N lists hold.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from extract_first_ab import ADS, half, two_passes, warm_up

from kompetens.config import default_data_dir
from kompetens.engine import Engine
from kompetens.models import Document

WORD = re.compile(r"[^\W\d_]+")


def top_words(lang: str, n: int) -> list[str]:
    from wordfreq import top_n_list

    return [w for w in top_n_list(lang, n) if WORD.fullmatch(w)]


def synthetic(n: int) -> list[Document]:
    """Texts of the N most frequent words of each language, 240 words a text, lines of twelve."""
    docs = []
    for lang in ("sv", "en"):
        words = top_words(lang, n)
        for k in range(0, len(words), 240):
            chunk = words[k : k + 240]
            lines = [chunk[i : i + 12] for i in range(0, len(chunk), 12)]
            text = "\n".join(" ".join([ln[0].capitalize(), *ln[1:]]) + "." for ln in lines)
            docs.append(Document(source=f"top{lang}{k}", text=text, lang=lang, kind="ad"))
    return docs


def child(data_dir: Path, condition: str, freeze: bool) -> None:
    engine = Engine(data_dir)
    ads = [d for d in engine.read([ADS], kind="ad") if isinstance(d, Document)]
    check = [d for d in ads if half(d) == "check"]
    t0 = time.process_time()
    if condition == "tune":
        for d in ads:
            if half(d) == "tune":
                engine.extract(d)
    elif condition.startswith("top"):
        index_only = condition.endswith("i")  # the phrase index's per-word steps alone, not the tagger's
        for d in synthetic(int(condition[3:].rstrip("i"))):
            engine.extract(d, spans=not index_only)
    warm = time.process_time() - t0
    if freeze and condition != "fresh":
        gc.collect()  # the warm-up's memos out of the collector's walks, as a set-up table would be
        gc.freeze()
    warmed = warm_up(
        engine, check
    )  # lazy loads, as extract_first_ab.py (after the warm-up: the same ads untimed)
    passes = two_passes(engine, [d for d in check if not any(d is w for w in warmed)])
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"first": passes[0], "second": passes[1], "warm": warm, "rss": rss}))


def coverage(data_dir: Path, tops: list[int]) -> None:
    """The share of the TUNE half's distinct words (lowercased, letters only) that each top-N list holds."""
    engine = Engine(data_dir)
    tune = [d for d in engine.read([ADS], kind="ad") if isinstance(d, Document) and half(d) == "tune"]
    words = {w.lower() for d in tune for w in WORD.findall(d.text)}
    for n in tops:
        listed = set(top_words("sv", n)) | set(top_words("en", n))
        print(
            f"tune half: {len(words)} distinct words, {len(words & listed) / len(words):.1%} in top {n} (sv+en)"
        )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data-dir", type=Path, default=None)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument(
        "--top",
        default="20000,100000,100000i",
        help="the top-N warm-ups, comma-separated (N + 'i': phrase index only)",
    )
    ap.add_argument(
        "--freeze",
        action="store_true",
        help="freeze the collector after the warm-up (its memos out of its walks)",
    )
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(Path(args.child[0]), args.child[1], args.freeze)
        return
    if not ADS.is_file():
        sys.exit(f"no real ads at {ADS}: this benchmark needs ../shared")
    data_dir = args.data_dir or default_data_dir()
    tops = [x for x in args.top.split(",") if x]
    coverage(data_dir, sorted({int(x.rstrip("i")) for x in tops}))
    conditions = ["fresh", "tune", *(f"top{n}" for n in tops)]
    results: dict[str, list[dict[str, float]]] = {c: [] for c in conditions}
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1")
    for r in range(args.rounds):
        order = conditions[r % len(conditions) :] + conditions[: r % len(conditions)]
        for c in order:
            out = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--child",
                    str(data_dir),
                    c,
                    *(["--freeze"] if args.freeze else []),
                ],
                check=True,
                capture_output=True,
                env=env,
                text=True,
            ).stdout
            got = json.loads(out.strip().splitlines()[-1])
            results[c].append(got)
            print(
                f"round {r + 1} {c:10s}: first {got['first']:6.0f}, second {got['second']:6.0f} ads/s per core;"
                f" warm-up {got['warm']:5.1f} s, peak RSS {got['rss']:5.0f} MB",
                flush=True,
            )
    base = results["fresh"]
    for c in conditions:
        first = statistics.median(x["first"] for x in results[c])
        second = statistics.median(x["second"] for x in results[c])
        paired = sorted(x["first"] / b["first"] for x, b in zip(results[c], base, strict=True))
        print(
            f"{c:10s}: first {first:6.0f}, second {second:6.0f} (medians); first / fresh first"
            f" {first / statistics.median(b['first'] for b in base):.2f}x (paired {paired[0]:.2f}-{paired[-1]:.2f},"
            f" median {statistics.median(paired):.2f}); warm-up {statistics.median(x['warm'] for x in results[c]):.1f} s,"
            f" peak RSS {statistics.median(x['rss'] for x in results[c]):.0f} MB"
        )


if __name__ == "__main__":
    main()
