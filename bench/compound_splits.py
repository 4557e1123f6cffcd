"""How often linking splits a Swedish word that is no compound (stop 44, part two).

    .venv/bin/python bench/compound_splits.py [--data-dir DIR] [--examples 30] [--json]

Reads the content words (alphabetic, 6 letters or more, no stopword) of the real Swedish ads' TUNE half
(``../shared/data/dev/platsbanken/ads.jsonl``, ``sha256(id) % 2 == 0``; check-half ads are never read) and of the
tune rows of the five linking lists (``bench/data/link_sv*.tsv``), and splits each distinct word as linking
does (``_Terms.parts``: quick and full linking share it, on texts and labels alike). A split word is *known*
when the lexicon knows it (``Lexicon``: wordfreq Zipf >= 3, or simplemma gives it another lemma) or its lemma is
a known lemma of the linker. A split is *nonsense* when it does not explain the word's lemma ``L`` (the
lexicon's): a part of one or two letters, or ``L`` does not end in the head's lemma, or what ``L`` has before the
head is not how the word begins ("digitala" -> du + tala: ``digital`` does not end in ``tala``; "ärenden" -> vara
+ den). Prints the counts (distinct words and occurrences) and examples; nothing of the ads is written.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from collections import Counter
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from _halves import half

from kompetens.engine import Engine
from kompetens.extract.lemma import default_lexicon
from kompetens.lang import lang_data
from kompetens.link.text import fold, words

ROOT = Path(__file__).resolve().parent
ADS = ROOT.parent.parent / "shared" / "data" / "dev" / "platsbanken" / "ads.jsonl"
LISTS = [ROOT / "data" / f"link_sv{s}.tsv" for s in ("", "_2", "_3", "_4", "_5")]


def _texts() -> tuple[list[str], list[str]]:
    ads: list[str] = []
    if ADS.is_file():
        with ADS.open(encoding="utf-8") as f:
            for line in f:
                ad = json.loads(line)
                if half(ad["id"]) != "tune":
                    continue
                desc = ad.get("description") or {}
                ads.append(f"{ad.get('headline') or ''}\n{desc.get('text') or ''}")
    rows: list[str] = []
    for path in LISTS:
        with path.open(encoding="utf-8") as f:
            rows += [r["sv"] for r in csv.DictReader(f, delimiter="\t") if r["half"] == "tune"]
    return ads, rows


def nonsense(word: str, parts: tuple[str, ...], lemma: str) -> bool:
    """Whether the split ``parts`` (modifier, head lemma; folded) fails to explain the word's lemma."""
    if any(len(p) < 3 for p in parts):
        return True
    head, whole, lem = parts[-1], fold(word), fold(lemma)
    return not (lem.endswith(head) and whole.startswith(lem[: len(lem) - len(head)]))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data-dir", type=Path, default=None)
    ap.add_argument("--examples", type=int, default=30)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    terms = Engine(args.data_dir).linker._terms
    lexicon = default_lexicon()
    stop = set(lang_data("sv", "stopwords")["words"])
    table = terms.lemmatizer.table.get("sv", {})
    known = terms.known.get("sv", set())
    out: dict[str, object] = {}
    for name, texts in zip(("ads", "lists"), _texts(), strict=True):
        count: Counter[str] = Counter(
            w for t in texts for w in words(t) if len(w) >= 6 and w.isalpha() and w not in stop
        )
        split = {w: p for w in count if (p := terms.parts(w, "sv"))}
        lemma = {w: table.get(w) or lexicon.lemma(w, "sv") for w in split}
        is_known = {
            w: lexicon.zipf(w, "sv") >= 3.0 or lemma[w] != w or fold(table.get(w, w)) in known for w in split
        }
        bad = [w for w in split if is_known[w] and nonsense(w, split[w], lemma[w])]
        bad.sort(key=lambda w: -count[w])
        out[name] = {
            "texts": len(texts),
            "words": len(count),
            "occurrences": sum(count.values()),
            "split": len(split),
            "split_occ": sum(count[w] for w in split),
            "known_split": sum(is_known.values()),
            "nonsense": len(bad),
            "nonsense_occ": sum(count[w] for w in bad),
            "examples": [f"{w} ({count[w]}) -> {' + '.join(split[w])}" for w in bad[: args.examples]],
            "kept": [
                f"{w} -> {' + '.join(split[w])}"
                for w in sorted(split, key=lambda w: -count[w])
                if w not in bad
            ][:10],
        }
    if args.json:
        json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    for name, r in out.items():
        assert isinstance(r, dict)
        print(
            f"{name}: {r['texts']} texts, {r['words']} distinct content words ({r['occurrences']} occurrences)"
        )
        print(
            f"  split {r['split']} ({r['split_occ']}), of them known words {r['known_split']},"
            f" nonsense {r['nonsense']} ({r['nonsense_occ']} occurrences)"
        )
        print("  nonsense: " + "; ".join(r["examples"]))
        print("  kept, most frequent: " + "; ".join(r["kept"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
