"""Benchmark: skill spans on SkillSpan dev and on a Swedish check set, and the tagger's speed.

    python bench/spans.py [--data-dir .kompetens] [--skillspan ../shared/data/dev/skillspan] [--ads 300]
                          [--model PATH] [--thorough-ads 100] [--full-phrases 300]

Strict and loose span P/R/F1, as ../shared/tools/eval_spans.py defines them (strict: the same first and
last token as a gold skill or knowledge span; loose: any overlap), for
  (a) an exact, case-insensitive scan of the taxonomy's skill labels (longest first, whole words),
  (b) the phrase index alone (``Engine.extract(..., spans=False)``, ads: what review and the market read),
  (c) the span tagger (``extract/spans.py``),
  (d) the default extraction (``Engine.extract``, what ``kompetens extract`` and eval_spans.py run): the
      phrase index's mentions, widened to the tagger's phrase that holds them, and the tagger's other phrases;
on SkillSpan's dev split when ../shared is there (skipped with a message otherwise) and on
bench/data/spans_sv.txt (fictional Swedish sentences, spans in [brackets]) and bench/data/spans_sv_ads.txt
(12 fictional Swedish ads, line by line, written apart from the Swedish training lines). Each posting is rebuilt from its
tokens joined by spaces, one sentence a line, as eval_spans.py does. Then speeds per core (CPU time) over synthetic 3 KB Swedish ads (bench/synth.py): the tagger's C code against
its Python twin (the baseline, same ads), the phrase index alone, the default extraction; thorough extraction
(the phrases also linked to ESCO, by quick linking) over ``--thorough-ads`` dev postings, real text, its phrase
cache empty (the words cached by the scoring before it), and again in a fresh Engine (words and phrases new); up to ``--full-phrases`` of the phrases it linked, linked again by quick linking and by the full
linker (the baseline: e5 for each phrase, as ``extract --link`` links them), and the ratio; and the tagger over
the dev postings.
Dev is reported, never tuned on: the model's settings come from cross-validation inside train. ``--model``
scores another model file (``scripts/train_spans.py --out PATH``) against the same sets, the packaged one's
systems beside it unchanged ((a) and (b) do not use the tagger).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Iterable
from itertools import groupby
from pathlib import Path

import ahocorasick

sys.path.insert(0, str(Path(__file__).parent))
from synth import synth_ads

from kompetens.engine import Engine
from kompetens.extract.spans import SpanModel, SpanScore, SpanTagger, bio_spans, read_bracketed_ads, segments
from kompetens.models import Document
from kompetens.taxonomy.model import ESCO_ISCO_URI, ESCO_OCCUPATION_URI

ROOT = Path(__file__).resolve().parent.parent
Span = tuple[int, int]
Sentence = tuple[list[Span], set[Span]]  # token character offsets, gold token spans
Posting = tuple[str, list[Sentence]]  # text, sentences
Finder = Callable[[str, str], list[Span]]  # (text, lang) -> character spans


def posting(rows: Iterable[tuple[list[str], set[Span]]]) -> Posting:
    text, sents = "", []
    for tokens, gold in rows:
        offs = []
        for tok in tokens:
            offs.append((len(text), len(text) + len(tok)))
            text += tok + " "
        text = text[:-1] + "\n"
        sents.append((offs, gold))
    return text, sents


def skillspan(path: Path) -> list[Posting]:
    rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    return [
        posting(
            (r["tokens"], set(bio_spans(r["tags_skill"])) | set(bio_spans(r["tags_knowledge"]))) for r in g
        )
        for _, g in groupby(rows, key=lambda r: (r["idx"], r.get("source")))
    ]


def swedish(path: Path) -> list[Posting]:
    """The check set's lines as postings (a new one at each ``# ad`` comment; else one posting); a
    [bracketed] phrase is a gold span."""
    return [posting((words, set(spans)) for words, spans in ad) for ad in read_bracketed_ads(path)]


def score(postings: list[Posting], find: Finder, lang: str) -> tuple[str, float]:
    """The eval_spans.py line for ``find`` over ``postings``, and the CPU seconds it took."""
    counts = SpanScore()
    cpu = 0.0
    for text, sents in postings:
        t0 = time.process_time()
        found = find(text, lang)
        cpu += time.process_time() - t0
        for offs, gold in sents:
            pred = set()
            for s, e in found:
                toks = [i for i, (a, b) in enumerate(offs) if a < e and s < b]
                if toks:
                    pred.add((toks[0], toks[-1] + 1))
            counts.add(pred, gold)
    f = counts.figures()
    line = (
        f"strict P {f['P']:5.1f} R {f['R']:5.1f} F1 {f['F1']:5.1f}   "
        f"loose P {f['loose_P']:5.1f} R {f['loose_R']:5.1f} F1 {f['loose']:5.1f}   "
        f"({counts.predicted} predicted, {counts.gold} gold)"
    )
    return line, cpu


def label_scanner(engine: Engine) -> Finder:
    """An exact scan of the taxonomy's skill labels (every language, preferred and alternative)."""
    auto = ahocorasick.Automaton()
    for uri, _lang, label, _pos in engine.require_taxonomy().labels():
        if not uri.startswith((ESCO_OCCUPATION_URI, ESCO_ISCO_URI)) and label.strip():
            key = label.lower().strip()
            auto.add_word(key, len(key))
    auto.make_automaton()

    def find(text: str, _lang: str) -> list[Span]:
        low = text.lower()
        hits = []
        for end, n in auto.iter(low):
            s, e = end - n + 1, end + 1
            if (s == 0 or not low[s - 1].isalnum()) and (e == len(low) or not low[e].isalnum()):
                hits.append((s, e))
        kept: list[Span] = []
        for s, e in sorted(hits, key=lambda h: (h[0] - h[1], h[0])):
            if all(e <= a or b <= s for a, b in kept):
                kept.append((s, e))
        return sorted(kept)

    return find


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data-dir", type=Path, default=None)
    ap.add_argument("--skillspan", type=Path, default=ROOT.parent / "shared" / "data" / "dev" / "skillspan")
    ap.add_argument("--ads", type=int, default=1000, help="synthetic ads for the speed figures")
    ap.add_argument("--model", type=Path, help="a span model file instead of the packaged one")
    ap.add_argument("--thorough-ads", type=int, default=100, help="ads for the thorough mode's speed")
    ap.add_argument(
        "--full-phrases", type=int, default=300, help="phrases for the quick / full linking ratio"
    )
    args = ap.parse_args()

    engine = Engine(args.data_dir)
    if args.model is not None:  # the Engine's cached tagger, replaced (thorough extraction uses it too)
        engine.__dict__["span_tagger"] = SpanTagger(SpanModel.load(args.model), lexicon=engine.lexicon)
    tagger = engine.span_tagger

    def phrase_index(text: str, lang: str) -> list[Span]:
        doc = Document(source="bench", text=text, lang=lang, kind="ad")
        return [(m.start, m.end) for m in engine.extract(doc, spans=False).mentions]

    def default(text: str, lang: str) -> list[Span]:
        doc = Document(source="bench", text=text, lang=lang, kind="ad")
        return [(m.start, m.end) for m in engine.extract(doc).mentions]

    systems: list[tuple[str, Finder]] = [
        ("(a) exact taxonomy labels", label_scanner(engine)),
        ("(b) phrase index alone", phrase_index),
        ("(c) span tagger", tagger.find),
        ("(d) default extraction", default),
    ]
    sets: list[tuple[str, list[Posting], str]] = []
    dev = args.skillspan / "dev.json"
    if dev.is_file():
        sets.append(("SkillSpan dev (held out; skill + knowledge)", skillspan(dev), "en"))
    else:
        print(f"SkillSpan dev skipped: {dev} not found (it lives in ../shared, outside the repository)")
    sv_path = Path(__file__).parent / "data" / "spans_sv.txt"
    sets.append(("Swedish check set (bench/data/spans_sv.txt)", swedish(sv_path), "sv"))
    ads_path = Path(__file__).parent / "data" / "spans_sv_ads.txt"
    if ads_path.is_file():
        sets.append(("Swedish check ads (bench/data/spans_sv_ads.txt)", swedish(ads_path), "sv"))
    for title, postings, lang in sets:
        print(f"{title}: {sum(len(s) for _, s in postings)} sentences")
        for name, find in systems:
            find(postings[0][0], lang)  # warm caches and lazy loads
            line, _ = score(postings, find, lang)
            print(f"  {name:28s} {line}")

    ads = [ad["headline"] + "\n\n" + ad["description"]["text"] for ad in synth_ads(args.ads)]
    tagger.find(ads[0], "sv")
    n_sent = sum(len(segments(a)) for a in ads)
    timed: dict[str, float] = {}
    for name, find in (("C code", tagger.find), ("Python twin (baseline)", tagger.find_python)):
        t0 = time.process_time()
        for ad in ads:
            find(ad, "sv")
        timed[name] = cpu = time.process_time() - t0
        print(
            f"tagger, {name}, {len(ads)} synthetic Swedish ads of {sum(map(len, ads)) / len(ads):.0f} chars: "
            f"{len(ads) / cpu:.0f} ads/s, {n_sent / cpu:.0f} sentences/s per core (CPU time)"
        )
    print(f"tagger, C code / Python twin: {timed['Python twin (baseline)'] / timed['C code']:.1f}x")
    docs = [Document(source=str(k), text=ad, lang="sv", kind="ad") for k, ad in enumerate(ads)]
    runs: list[tuple[str, Callable[[Document], object], list[Document]]] = [
        ("phrase index alone (spans=False)", lambda d: engine.extract(d, spans=False), docs),
        ("default extraction", engine.extract, docs),
    ]
    for name, run, some in runs:
        t0 = time.process_time()
        for doc in some:
            run(doc)
        cpu = time.process_time() - t0
        print(f"Engine.extract, {name}, {len(some)} of the same ads: {len(some) / cpu:.1f} ads/s per core")
    # Thorough mode links each phrase once per Engine (a cache by phrase): the synthetic ads repeat their
    # phrases and would time the cache. It is timed on the dev postings (real text), the cache empty.
    if dev.is_file():
        real = [
            Document(source=str(k), text=t, lang="en", kind="ad") for k, (t, _) in enumerate(skillspan(dev))
        ]
        engine.extract(real[0], thorough=True)  # loads the linker
        engine._phrase_links.clear()
        some = real[1 : 1 + args.thorough_ads]
        print(
            f"Engine.extract, thorough, {len(some)} dev postings, their words cached by the scoring above, "
            f"their phrases new: {thorough_per_core(engine, some):.1f} postings/s per core"
        )
        # A fresh Engine meets every word and phrase for the first time: what a new corpus costs
        fresh = Engine(args.data_dir)
        fresh.extract(real[0], thorough=True)  # lazy loads (tagger, linker, its label matrix) are start-up
        print(
            f"Engine.extract, thorough, the same postings in a fresh Engine (words and phrases new): "
            f"{thorough_per_core(fresh, some):.1f} postings/s per core; default extraction there: see "
            "bench/extract.py"
        )
        # the phrases thorough extraction linked, linked again by quick linking and by the full linker
        # (``extract --link``; e5 for each phrase, as thorough extraction linked them before quick linking)
        phrases = sorted({phrase for (_, phrase) in engine._phrase_links})[: args.full_phrases]
        timed_links: dict[bool, float] = {}
        for quick in (True, False):
            engine.linker.clear_cache()
            t0 = time.process_time()
            engine.link_phrases(phrases, quick=quick)
            timed_links[quick] = time.process_time() - t0
        print(
            f"phrase linking, {len(phrases)} of those phrases: quick {len(phrases) / timed_links[True]:.0f}, "
            f"full linker (baseline) {len(phrases) / timed_links[False]:.0f} phrases/s per core; "
            f"quick / full: {timed_links[False] / timed_links[True]:.1f}x"
        )
    if dev.is_file():
        texts = [t for t, _ in skillspan(dev)]
        n_sent = sum(len(segments(t)) for t in texts)
        t0 = time.process_time()
        for t in texts:
            tagger.find(t, "en")
        cpu = time.process_time() - t0
        print(
            f"tagger speed, {len(texts)} dev postings of {sum(map(len, texts)) / len(texts):.0f} chars: "
            f"{len(texts) / cpu:.0f} postings/s, {n_sent / cpu:.0f} sentences/s per core (CPU time)"
        )


def thorough_per_core(engine: Engine, docs: list[Document]) -> float:
    """Documents per CPU second of ``Engine.extract(..., thorough=True)`` over ``docs``."""
    t0 = time.process_time()
    for doc in docs:
        engine.extract(doc, thorough=True)
    return len(docs) / (time.process_time() - t0)


if __name__ == "__main__":
    main()
