"""A reranker of the linker's top candidates, its few weights chosen by k-fold cross-validation (issue #14).

    OPENBLAS_NUM_THREADS=1 python bench/link_cv.py --data-dir DIR --rerank [--vector-cache DIR] [--repeats 4]

Pools every labelled linking set we may tune on: the Decorte TECH and HOUSE validation sentences and the
*tune* halves of the four rounds of the phrase list (bench/data/link_sv*.tsv: a Swedish phrase, its misspelt
variants and its English twin are one unit and share a fold; the check halves are never read). Each text's
skill concepts are scored from the linker's own signals, as ``Linker.link`` fuses them (``check`` counts the
texts whose rebuilt top 5 differs): lexical (``cov`` + ``chr`` + the gloss's), the tool / term / exact-label
boosts, and e5 of the text and of its English gloss for a phrase (``_embeds_phrase``), else the static
stand-in. The default's top ``DEPTH`` candidates are then reranked by

    lexical + boosts + w_den * e5 + w_gloss * e5(gloss) + w_agree * agreement   (a phrase)
                                                         |   + w_static * static   (else)
        + w_qcov * qcov

(``agreement``: the smaller of the e5 z-scores of the text and of its gloss, 0 where either is negative, at
the linker's own ``LinkConfig.w_agree``: not on the grid, stop 39 chose it on the tune halves.)

``qcov``: the idf-weighted share of the text's words that a label of the candidate holds (any language; for a
Swedish text also through each word's English rendering): a short label that a long phrase merely contains
(*boka möten* in "boka möten genom att skriva med följare i DM") is covered in full by ``cov``, which is label
side, while it covers a third of the text. For each fold the grid point with the best mean over the six sets of
RP@5 on the other folds is scored on the held-out fold, the current defaults beside it on the same folds.
"""

from __future__ import annotations

import itertools
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from eval import decorte_sets, rp_at
from link_cv import assign_folds
from link_sv import load as load_sv

from kompetens.link import LinkConfig, Linker
from kompetens.link.linker import _clean_input, agreement
from kompetens.link.text import words

DATA = Path(__file__).resolve().parent / "data"
LISTS = {"r1": "link_sv.tsv", "r2": "link_sv_2.tsv", "r3": "link_sv_3.tsv", "r4": "link_sv_4.tsv"}
SETS = ("tech", "house", "r1", "r2", "r3", "r4")
DEPTH = 30
GRID_DEN = (0.1, 0.2, 0.3, 0.5)
GRID_GLOSS = (0.0, 0.1, 0.2, 0.3, 0.5)
GRID_STATIC = (0.05, 0.1, 0.2)
GRID_BOOST = (0.5, 1.0, 1.5)  # times the boosts at their LinkConfig weights (w_tool, w_term, w_exact)
GRID_QCOV = (0.0, 0.25, 0.5, 1.0)
Config = tuple[float, float, float, float, float]  # w_den, w_gloss, w_static, boost scale, w_qcov
PARAMS = ("w_den", "w_gloss", "w_static", "boost", "w_qcov")
W_AGREE = np.float32(LinkConfig().w_agree)  # fixed: where e5 of a phrase and of its gloss agree


@dataclass(slots=True)
class Text:
    set: str
    unit: str
    text: str
    gold: frozenset[str]
    lang: str | None
    twin: bool = False  # the English twin of a phrase-list row
    variant: bool = False  # a misspelt variant of a row (not in the top-3 figures, as bench/link_sv.py)


def texts(shared: Path) -> list[Text]:
    out = [
        Text(name, sentence, sentence, frozenset(gold), "en")
        for name in ("tech", "house")
        for sentence, gold in decorte_sets(shared, name).items()
    ]
    for name, file in LISTS.items():
        for r in load_sv(DATA / file):
            if r.half != "tune":
                continue
            unit = f"{name}:{r.variant or r.id}"
            out.append(Text(name, unit, r.sv, r.gold, None, variant=bool(r.variant)))
            if not r.variant:
                out.append(Text(name, unit, r.en, r.gold, None, twin=True))
    return out


@dataclass(slots=True)
class Signals:
    cands: np.ndarray  # the default's top DEPTH concept groups (indexes into the skill groups)
    lex: np.ndarray  # lexical, per candidate
    boost: np.ndarray  # the tool / term / exact-label boosts (at their LinkConfig weights)
    n_words: int
    den: np.ndarray | None  # e5 of the text (a phrase), per candidate
    gloss: np.ndarray | None  # e5 of its English gloss
    static: np.ndarray  # the static stand-in
    qcov: np.ndarray


def _word_terms(linker: Linker, tokens: list[str], lang: str) -> list[tuple[set[str], float]]:
    """Per word of the text: its index terms in every label language (and its English rendering's for a
    ``translate`` language), and its weight (the best idf of them; 0: no known term)."""
    index = linker.words_index
    langs = linker._label_langs(tokens, lang)
    out: list[tuple[set[str], float]] = []
    lemmas = linker._terms.lemmas(tokens, lang)
    for token, lemma in zip(tokens, lemmas, strict=True):
        terms: set[str] = set()
        for label_lang in langs:
            terms.update(linker._terms.tagged([token], label_lang))
        if lang in linker.config.translate:
            rendering = linker._rendering(lemma, lang)
            if rendering:
                terms.update(linker._terms.tagged(words(rendering), "en"))
        ids = [index.vocab[t] for t in terms if t in index.vocab]
        out.append((terms, float(index.idf[ids].max()) if ids else 0.0))
    return out


def text_coverage(
    linker: Linker, tokens: list[str], lang: str, groups: Sequence[int], cache: dict[int, set[str]]
) -> np.ndarray:
    """``qcov`` of each concept group: the idf-weighted share of the text's words that one of its labels holds."""
    words_of = _word_terms(linker, tokens, lang)
    total = sum(w for _, w in words_of)
    out = np.zeros(len(groups), dtype=np.float32)
    if total > 0:
        for n, g in enumerate(groups):
            held = label_terms(linker, g, cache)
            out[n] = sum(w for terms, w in words_of if terms & held) / total
    return out


def label_terms(linker: Linker, group: int, cache: dict[int, set[str]]) -> set[str]:
    found = cache.get(group)
    if found is None:
        found = set()
        for d in range(int(linker._starts[group]), _end(linker, group)):
            found.update(linker._terms.tagged(words(linker.docs.text[d]), linker.docs.lang[d]))
        cache[group] = found
    return found


def _end(linker: Linker, group: int) -> int:
    starts = linker._starts
    return int(starts[group + 1]) if group + 1 < len(starts) else len(linker.docs.text)


def signals(
    linker: Linker, item: Text, idx: np.ndarray, cache: dict[int, set[str]]
) -> tuple[Signals, list[int]]:
    """The candidates' signals, and the default's own top 5 (groups) for the check."""
    cfg = linker.config
    cleaned = linker._prepared(_clean_input(item.text), "skill")
    tokens = words(cleaned)
    lang = item.lang or linker.langid.detect(tokens)
    lex = linker._lexical(tokens, lang, translate=True)
    found = linker._boosts(tokens, cleaned, lang, "skill")
    boost = np.zeros_like(lex)
    if found:
        boost[list(found)] = np.fromiter(found.values(), dtype=np.float32, count=len(found))
    langs = [linker._label_langs(tokens, lang)]
    static = linker._static_sims([tokens], langs)[0]
    den = gloss = None
    if linker._embeds_phrase(cleaned, tokens, "skill"):
        den = linker._e5_sims([cleaned], langs)[0][0]
        g = linker._gloss(tokens, lang) if cfg.w_gloss else ""
        gloss = linker._e5_sims([g], [["en"]])[0][0] if g else np.zeros_like(den)
        default = lex + boost + cfg.w_den * den + cfg.w_gloss * gloss + cfg.w_agree * agreement(den, gloss)
    else:
        default = lex + boost + cfg.w_static_skill * static
    sub = default[idx]
    part = np.argpartition(-sub, DEPTH - 1)[:DEPTH]
    cands = part[np.argsort(-sub[part], kind="stable")]
    groups = idx[cands]
    qcov = text_coverage(linker, tokens, lang, groups.tolist(), cache)
    sig = Signals(
        cands,
        lex[groups],
        boost[groups],
        len(tokens),
        None if den is None else den[groups],
        None if gloss is None else gloss[groups],
        static[groups],
        qcov,
    )
    return sig, [int(c) for c in cands[:5]]


def rescore(sig: Signals, cfg: Config) -> np.ndarray:
    w_den, w_gloss, w_static, boost, w_qcov = cfg
    base = sig.lex + np.float32(boost) * sig.boost if boost != 1.0 else sig.lex + sig.boost
    if sig.den is not None and sig.gloss is not None:
        score = base + np.float32(w_den) * sig.den + np.float32(w_gloss) * sig.gloss
        score = score + W_AGREE * agreement(sig.den, sig.gloss)
    else:
        score = base + np.float32(w_static) * sig.static
    return score + np.float32(w_qcov) * sig.qcov if w_qcov else score


def ranked(sig: Signals, cfg: Config) -> list[int]:
    score = rescore(sig, cfg)
    return [int(sig.cands[i]) for i in np.argsort(-score, kind="stable")]


def run(
    linker: Linker, shared: Path, group_key: dict[str, list[str]], *, folds: int, seed: int, repeats: int
) -> dict[str, object]:
    t0 = time.perf_counter()
    cfg = linker.config
    default: Config = (cfg.w_den, cfg.w_gloss, cfg.w_static_skill, 1.0, 0.0)
    idx = np.flatnonzero(linker._kind_mask["skill"])
    data = texts(shared)
    print(
        f"{len(data)} texts: " + ", ".join(f"{s} {sum(t.set == s for t in data)}" for s in SETS),
        file=sys.stderr,
    )
    cache: dict[int, set[str]] = {}
    sigs: list[Signals] = []
    differ: dict[str, int] = {}
    for item in data:
        sig, mine = signals(linker, item, idx, cache)
        sigs.append(sig)
        theirs = [c.uri for c in linker.link([item.text], top=5, kind="skill", lang=item.lang)[0]]
        differ[item.set] = differ.get(item.set, 0) + ([group_key["uri"][g] for g in mine] != theirs)
    print(
        f"signals {time.perf_counter() - t0:.0f} s; check: rebuilt default top 5 differs from Linker.link on "
        + ", ".join(f"{s} {n}" for s, n in differ.items()),
        file=sys.stderr,
    )
    grid: list[Config] = list(itertools.product(GRID_DEN, GRID_GLOSS, GRID_STATIC, GRID_BOOST, GRID_QCOV))
    if default not in grid:
        grid.append(default)

    def keys(t: Text) -> list[str]:
        return group_key["name" if t.set in ("tech", "house") else "uri"]

    def metrics(cfg_: Config) -> tuple[np.ndarray, np.ndarray]:
        rp5, hit3 = [], []
        for t, s in zip(data, sigs, strict=True):
            k = keys(t)
            top = [k[g] for g in ranked(s, cfg_)[:5]]
            rp5.append(rp_at(top, set(t.gold), 5))
            hit3.append(float(any(x in t.gold for x in top[:3])))
        return np.array(rp5), np.array(hit3)

    table = {c: metrics(c) for c in grid}
    sets = np.array([t.set for t in data])
    is_en = np.array([t.twin for t in data])
    is_sv = np.array([t.set in LISTS and not t.twin and not t.variant for t in data])

    def objective(values: np.ndarray, mask: np.ndarray) -> float:
        return float(np.mean([values[mask & (sets == s)].mean() for s in SETS]))

    rows: list[dict[str, object]] = []
    for r in range(repeats):
        fold = np.zeros(len(data), dtype=int)
        for s in SETS:
            members = np.flatnonzero(sets == s)
            units = sorted({data[i].unit for i in members})
            unit_fold = dict(zip(units, assign_folds(units, folds, seed + r), strict=True))
            for i in members:
                fold[i] = unit_fold[data[i].unit]
        for f in range(folds):
            train, test = fold != f, fold == f
            best = max(grid, key=lambda c: (objective(table[c][0], train), c == default))
            row: dict[str, object] = {
                "seed": seed + r,
                "fold": f,
                "params": dict(zip(PARAMS, best, strict=True)),
            }
            for name, c in (("default", default), ("cv", best)):
                rp5, hit3 = table[c]
                row[name] = {s: 100 * float(rp5[test & (sets == s)].mean()) for s in SETS}
                row[name + "_hit3_sv"] = {
                    s: 100 * float(hit3[test & (sets == s) & is_sv].mean()) for s in LISTS
                }
                row[name + "_hit3_en"] = {
                    s: 100 * float(hit3[test & (sets == s) & is_en].mean()) for s in LISTS
                }
            rows.append(row)
    report(rows, folds)
    whole = {c: table[c] for c in (default, *{tuple(r["params"].values()) for r in rows})}  # type: ignore[attr-defined]
    print("\non all tune texts (not held out; for reading only): RP@5 per set, top 3 sv / en per list")
    for c, (rp5, hit3) in whole.items():
        print(
            f"{dict(zip(PARAMS, c, strict=True))}: "
            + " ".join(f"{s} {100 * rp5[sets == s].mean():.2f}" for s in SETS)
            + " | "
            + " ".join(
                f"{s} {100 * hit3[(sets == s) & is_sv].mean():.1f}/{100 * hit3[(sets == s) & is_en].mean():.1f}"
                for s in LISTS
            )
        )
    print(f"{time.perf_counter() - t0:.0f} s", file=sys.stderr)
    return {"folds": rows, "grid": len(grid)}


def report(rows: list[dict[str, object]], folds: int) -> None:
    print(f"RP@5 on held-out folds ({len(rows)} folds: {len(rows) // folds} seeds x {folds})")
    print("fold      " + "  ".join(f"{s:>6}" for s in SETS) + "   mean  chosen on the other folds")
    for name in ("default", "cv"):
        print(f"-- {name}")
        for r in rows:
            figs: dict[str, float] = r[name]  # type: ignore[assignment]
            print(
                f"{r['seed']}/{r['fold']}  "
                + "  ".join(f"{figs[s]:6.2f}" for s in SETS)
                + f"  {np.mean(list(figs.values())):6.2f}"
                + (f"  {r['params']}" if name == "cv" else "")
            )
    print("\nmean ± sd over held-out folds")
    for name in ("default", "cv"):
        values = {s: np.array([r[name][s] for r in rows]) for s in SETS}  # type: ignore[index]
        means = np.array([[r[name][s] for s in SETS] for r in rows]).mean(axis=1)  # type: ignore[index]
        print(
            f"{name:>8} RP@5  "
            + "  ".join(f"{s} {v.mean():.2f} ± {v.std(ddof=1):.2f}" for s, v in values.items())
            + f"  | mean of sets {means.mean():.2f} ± {means.std(ddof=1):.2f}"
        )
        for lang in ("sv", "en"):
            hv = {s: np.array([r[f"{name}_hit3_{lang}"][s] for r in rows]) for s in LISTS}  # type: ignore[index]
            print(
                f"{name:>8} top 3 {lang}  "
                + "  ".join(f"{s} {v.mean():.1f} ± {v.std(ddof=1):.1f}" for s, v in hv.items())
            )
    chosen: dict[str, int] = {}
    for r in rows:
        key = str(r["params"])
        chosen[key] = chosen.get(key, 0) + 1
    print("chosen: " + "; ".join(f"{k} x{n}" for k, n in sorted(chosen.items(), key=lambda x: -x[1])))
