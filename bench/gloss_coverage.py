"""How much of real Swedish ad wording gets an English rendering for the linker's gloss (issue #11, stop 43).

    OPENBLAS_NUM_THREADS=1 .venv/bin/python bench/gloss_coverage.py [--data-dir .kompetens] [--top 80]
        [--sample 50] [--json FILE]

Reads the Swedish ads of the *tune* half of ../shared/data/dev/platsbanken (``sha256(id) % 2 == 0``; the check
half is not read: the words this shows are the ones the glossary is written from) and, over their content words (alphabetic, three
letters or more, no Swedish stop word, no tool name) and over the words of the span tagger's skill phrases
in them (what ``kompetens extract`` marks), counts where the linker's gloss (``Linker._gloss``) finds each
word's English: the written glossary (``lang/sv/glossary.json``), the word table learnt from the taxonomy's
parallel labels, a synonym's rendering, the word's base form or compound parts (stop 45), or none; for a word with none, whether both compound parts have one
(the lexical side reads those; the gloss keeps the word Swedish). Shares of word tokens and of distinct lemmas
(simplemma's, seen 3 times or more). ``--top N`` lists the N most frequent lemmas without a rendering, and
the N most frequent rendered by the table alone (to read for bad renderings); ``--sample N`` draws N
rendered tokens (seeded) with their rendering, to judge by hand; ``--formed N`` draws N distinct words rendered by
their base form or compound parts. ``--accents N`` counts, over the ads' tune half and the linking lists' tune rows
(``bench/data/link_sv*.tsv``), all their words (stop words too: the gloss renders them), the rendered words whose
key holds lemmas with other accents than the word's own (the keys fold å, ä, ö; stop 46), by kind, and draws N of
the distinct ad words whose rendering is another word's.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import random
import sys
from pathlib import Path
from typing import Any

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from _halves import DATA_DIR_HELP, half

from kompetens.engine import Engine
from kompetens.errors import IngestError
from kompetens.lang import lang_data
from kompetens.link.text import fold, words

SHARED = Path(__file__).resolve().parents[2] / "shared"
SOURCES = ("glossary", "table", "synonym", "formed", "none")
SEED = 43


def source_of(linker: Any, lemma: str, token: str = "") -> tuple[str, str]:
    """(where the gloss takes the lemma's English from, the rendering) as ``Linker._gloss`` reads it (``lemma``
    the glossary's and the table's key, ``Linker._keys``); with the word as written, also its base form or
    compound parts (``Linker._formed_rendering``, stop 45); none for a word whose key is another word's (stop 46)."""
    if token and linker._foreign(linker.lemmatizer.lemmas([token], "sv")[0], "sv"):
        return "none", ""
    glossary = linker._glossaries.get("sv")
    if glossary is not None and lemma in glossary:
        return "glossary", glossary.renderings[lemma][0]
    pairs = linker.translations.get(lemma)
    if pairs:
        return "table", pairs[0][0]
    found = linker._synonym_rendering(lemma, "sv")
    if found:
        return "synonym", found
    formed = linker._formed_rendering(token, "sv") if token else None
    if formed:
        return "formed", formed
    return "none", ""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data-dir", type=Path, default=None, help=DATA_DIR_HELP)
    ap.add_argument("--shared", type=Path, default=SHARED, help="the shared data folder (default ../shared)")
    ap.add_argument("--top", type=int, default=0, metavar="N", help="list the N most frequent gaps")
    ap.add_argument("--sample", type=int, default=0, metavar="N", help="draw N rendered tokens to judge")
    ap.add_argument(
        "--formed",
        type=int,
        default=0,
        metavar="N",
        help="draw N tokens rendered by their base form or parts",
    )
    ap.add_argument(
        "--accents",
        type=int,
        default=0,
        metavar="N",
        help="count words rendered from a key of lemmas with other accents; draw N",
    )
    ap.add_argument("--json", type=Path, default=None, metavar="FILE", help="write the figures to FILE")
    args = ap.parse_args()
    ads = args.shared / "data" / "dev" / "platsbanken" / "ads.jsonl"
    if not ads.is_file():
        print(f"{ads}: not found; needs ../shared", file=sys.stderr)
        return 2
    import simplemma

    engine = Engine(args.data_dir)
    linker = engine.linker
    tagger = engine.span_tagger
    stop = {w.lower() for w in lang_data("sv", "stopwords").get("words", [])}
    docs = [d for d in engine.read([ads], kind="ad") if not isinstance(d, IngestError)]
    docs = [d for d in docs if d.lang == "sv" and half(str(d.meta.get("id", ""))) == "tune"]
    memo: dict[str, tuple[str, str, str, bool]] = {}

    def judge(token: str) -> tuple[str, str, str, bool]:
        """(lemma as counted, source, rendering, both compound parts rendered) of a lower-case token."""
        found = memo.get(token)
        if found is None:
            lemma = linker._keys([token], "sv")[0]
            src, rendering = source_of(linker, lemma, token)
            parts = linker._terms.parts(token, "sv") if src == "none" else ()
            by_parts = bool(parts) and all(source_of(linker, p)[0] != "none" for p in parts)
            if by_parts:
                rendering = " ".join(source_of(linker, p)[1] for p in parts)
            found = memo[token] = (simplemma.lemmatize(token, lang="sv"), src, rendering, by_parts)
        return found

    def content(tokens: list[str]) -> list[str]:
        return [t for t in tokens if t.isalpha() and len(t) >= 3 and t not in stop]

    scopes: dict[str, list[str]] = {"ads": [], "phrases": []}
    for doc in docs:
        text = doc.text
        scopes["ads"] += content([t.lower() for t in words(text)])
        for s, e in tagger.find(text, "sv", None):
            scopes["phrases"] += content([t.lower() for t in words(text[s:e])])
    out: dict[str, Any] = {
        "half": "tune",
        "ads": len(docs),
        "glossary": len(linker._glossaries.get("sv", [])),
    }
    print(f"{len(docs)} Swedish ads of the tune half; glossary {out['glossary']} entries")
    for scope, tokens in scopes.items():
        counts = collections.Counter(judge(t)[1] for t in tokens)
        parts = sum(1 for t in tokens if judge(t)[3])
        lemma_freq: collections.Counter[str] = collections.Counter()
        lemma_src: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
        for t in tokens:
            lemma, src, _, _ = judge(t)
            lemma_freq[lemma] += 1
            lemma_src[lemma][src] += 1
        frequent = [lem for lem, n in lemma_freq.items() if n >= 3]
        lemma_counts = collections.Counter(lemma_src[lem].most_common(1)[0][0] for lem in frequent)
        n, m = len(tokens), len(frequent)
        row = {
            "tokens": n,
            "token_share": {s: round(counts[s] / n, 4) for s in SOURCES},
            "none_but_parts": round(parts / n, 4),
            "lemmas_3plus": m,
            "lemma_share": {s: round(lemma_counts[s] / m, 4) for s in SOURCES},
        }
        out[scope] = row
        print(
            f"{scope}: {n:,} content tokens: "
            + ", ".join(f"{s} {100 * row['token_share'][s]:.1f} %" for s in SOURCES)
            + f" (of none, both compound parts rendered: {100 * row['none_but_parts']:.1f} % of all)"
        )
        print(
            f"  {m:,} distinct lemmas seen >= 3 times: "
            + ", ".join(f"{s} {100 * row['lemma_share'][s]:.1f} %" for s in SOURCES)
        )
        if args.top and scope == "ads":
            gaps = [
                (lem, k)
                for lem, k in lemma_freq.most_common()
                if lemma_src[lem].most_common(1)[0][0] == "none"
            ]
            print(f"  most frequent lemmas without a rendering: {gaps[: args.top]}")
            table = [
                (lem, k)
                for lem, k in lemma_freq.most_common()
                if lemma_src[lem].most_common(1)[0][0] == "table"
            ]
            shown = []
            for lem, k in table[: args.top]:
                token = next(t for t in tokens if judge(t)[0] == lem)
                shown.append(f"{lem} {k} -> {judge(token)[2]}")
            print(f"  most frequent lemmas rendered by the table alone: {shown}")
    if args.sample:
        rng = random.Random(SEED)
        rendered = [t for t in scopes["ads"] if judge(t)[1] != "none"]
        print(f"sample of {args.sample} rendered tokens (seed {SEED}): token -> rendering [source]")
        for t in rng.sample(rendered, args.sample):
            print(f"  {t} -> {judge(t)[2]} [{judge(t)[1]}]")
    if args.formed:
        rng = random.Random(SEED)
        formed = sorted({t for t in scopes["ads"] if judge(t)[1] == "formed"})
        print(
            f"sample of {args.formed} of the {len(formed)} distinct words rendered by their base form or parts"
        )
        for t in rng.sample(formed, min(args.formed, len(formed))):
            print(f"  {t} -> {judge(t)[2]}")
    if args.accents:
        every = [t.lower() for doc in docs for t in words(doc.text) if t.isalpha()]
        out["accents"] = accents(linker, every, args.accents)
    if args.json:
        args.json.write_text(json.dumps(out, indent=1), encoding="utf-8")
    return 0


ACCENT_KINDS = {
    "merged": "the key of two lemmas that fold alike, the word's among them ('växa', 'vaxa')",
    "other": "a dictionary word whose key holds only other lemmas ('här': 'hår', 'ort': 'ört'; Accents.others)",
    "typed": "a word whose key holds only lemmas with other accents, typed without them ('larare': 'lärare')",
}


def accents(linker: Any, ad_tokens: list[str], n: int) -> dict[str, Any]:
    """Rendered words (``Linker._gloss`` of the word alone) whose table or glossary key holds lemmas as written
    (of the Swedish labels and the glossary's words) other than the word's own lemma, by kind (the other words
    as ``link.linker._accents`` finds them, whatever the data folder holds); over the ads' word tokens and the
    linking lists' tune rows. Prints the counts and N distinct ad words drawn from the first two kinds (the ones
    whose rendering is another word's) with their renderings."""
    sys.path.insert(0, str(Path(__file__).parent))
    from link_sv import load

    from kompetens.link.linker import _accents

    lemmas = linker.lemmatizer
    held: dict[str, set[str]] = collections.defaultdict(set)
    for lang, text in zip(linker.docs.lang, linker.docs.text, strict=True):
        if lang == "sv":
            for lemma in lemmas.lemmas(words(text), "sv"):
                held[fold(lemma)].add(lemma)
    for word in lang_data("sv", "glossary").get("words", {}):
        if len(found := words(word)) == 1:
            held[fold(lemmas.lemmas(found, "sv")[0])].add(lemmas.lemmas(found, "sv")[0])
    built = _accents(linker.docs, lemmas, linker.config).get("sv")
    others = built.others if built is not None else frozenset()
    list_tokens: list[str] = []
    for path in sorted(Path(__file__).parent.glob("data/link_sv*.tsv")):
        list_tokens += [t for r in load(path) if r.half == "tune" for t in words(r.sv) if t.isalpha()]
    out: dict[str, Any] = {}
    drawn: list[tuple[str, str, str]] = []
    for scope, tokens in (("ads", ad_tokens), ("lists", list_tokens)):
        counts: collections.Counter[str] = collections.Counter()
        distinct: dict[str, set[str]] = collections.defaultdict(set)
        rendered = 0
        for token, k in collections.Counter(tokens).items():
            written = lemmas.lemmas([token], "sv")[0]
            gloss = linker._gloss([token], "sv")
            if not gloss or gloss == token:
                continue
            rendered += k
            kept = linker.accents.get("sv")
            if (
                not held.get(fold(written), set()) - {written}
                or linker._keys([token], "sv")[0] != fold(written)
                or (kept is not None and fold(written) in kept.ambiguous)
            ):
                continue  # no other lemma, or a key of the word's own (its accents kept: stop 46)
            if written in held[fold(written)]:
                kind = "merged"
            elif written in others or token in others:
                kind = "other"
            else:
                kind = "typed"
            counts[kind] += k
            distinct[kind].add(token)
            if scope == "ads" and kind != "typed":
                drawn.append((token, gloss, kind))
        out[scope] = {"tokens": len(tokens), "rendered": rendered}
        out[scope] |= {kind: [counts[kind], len(distinct[kind])] for kind in ACCENT_KINDS}
        print(
            f"{scope}: {len(tokens):,} word tokens, {rendered:,} rendered; from a key of lemmas with other accents: "
            + ", ".join(f"{kind} {counts[kind]:,} ({len(distinct[kind])} words)" for kind in ACCENT_KINDS)
        )
    for kind, meaning in ACCENT_KINDS.items():
        print(f"  {kind}: {meaning}")
    rng = random.Random(SEED)
    print(f"sample of {n} distinct ad words of the first two kinds: word -> rendering [kind]")
    for token, gloss, kind in rng.sample(sorted(drawn), min(n, len(drawn))):
        print(f"  {token} -> {gloss} [{kind}]")
    return out


if __name__ == "__main__":
    raise SystemExit(main())
