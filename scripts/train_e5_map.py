"""Learn the cross-lingual map of ``LinkConfig.w_map`` from the taxonomy's own label pairs (issue #11, stop 42).

    OPENBLAS_NUM_THREADS=1 .venv/bin/python scripts/train_e5_map.py [--data-dir .kompetens] [--lang sv]
        [--vector-cache FILE.npz] [--out src/kompetens/link/data/e5_map_sv.npy] [--no-write]

Reads the compiled data folder's link index (``kompetens setup`` with vectors): every label of language
``--lang`` of a concept that has an English preferred-label vector is one pair, (e5 *query* vector of the
Swedish label, e5 *passage* vector of the English label), so the map takes a Swedish text as the linker embeds
it to where its English label lies. ~23k pairs on the default taxonomy (ESCO's Swedish labels and JobTech's
crosswalked ones); embedding the ~20k Swedish labels takes ~5-13 min on one core (``--vector-cache`` keeps them).
No evaluation data is read. A tenth of the concepts (``sha256(uri) % 10 == 0``) is held out: the raw vectors,
ridge maps (to zero and to the identity, a few lambdas) and the orthogonal Procrustes map are scored there
(top 1 / 3 / 10 of the held-out Swedish labels' concept among all English label vectors), the best form is
refitted on all pairs and written as float16 (384 x 384, 295 kB).
"""

from __future__ import annotations

import argparse
import hashlib
import os
from pathlib import Path

import numpy as np

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from kompetens.link import Linker
from kompetens.link.embed import E5Embedder, Vectors, embed_texts, procrustes

ROOT = Path(__file__).resolve().parents[1]


def pairs(linker: Linker, lang: str) -> tuple[list[str], list[int], list[str], Vectors]:
    """For each label of ``lang`` whose concept has an English preferred-label vector: its text, the row of
    that vector among all English ones, the concept's URI; and the English vectors (one per concept)."""
    docs = linker.docs
    langs = np.asarray(docs.lang, dtype=object)
    english: dict[int, int] = {}  # concept -> its row of ``vectors``
    vector_rows: list[int] = []
    for row, doc in enumerate(linker.dense_docs):
        if langs[doc] == "en" and int(docs.concept[doc]) not in english:
            english[int(docs.concept[doc])] = len(vector_rows)
            vector_rows.append(row)
    texts, rows, uris, seen = [], [], [], set()
    for doc, text in enumerate(docs.text):
        concept = int(docs.concept[doc])
        if langs[doc] != lang or concept not in english or (text, concept) in seen:
            continue
        seen.add((text, concept))
        texts.append(text)
        rows.append(english[concept])
        uris.append(linker.uris[concept])
    return texts, rows, uris, linker.dense_vectors[vector_rows]


def ranks(mapped: Vectors, targets: Vectors, gold: np.ndarray) -> np.ndarray:
    """0-based rank of each row's gold target among all targets by cosine."""
    mapped = mapped / np.maximum(np.linalg.norm(mapped, axis=1, keepdims=True), 1e-9)
    sims = mapped @ targets.T
    return (sims > sims[np.arange(len(gold)), gold][:, None]).sum(axis=1)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-dir", type=Path, default=Path(os.environ.get("KOMPETENS_HOME") or ".kompetens"))
    ap.add_argument("--lang", default="sv")
    ap.add_argument("--vector-cache", type=Path, help="npz of the labels' query vectors (texts, vecs)")
    ap.add_argument("--out", type=Path, help="default src/kompetens/link/data/e5_map_<lang>.npy")
    ap.add_argument("--no-write", action="store_true", help="report the held-out figures only")
    args = ap.parse_args()
    linker = Linker.load(args.data_dir / "link")
    texts, rows, uris, english = pairs(linker, args.lang)
    gold = np.asarray(rows)
    targets = english[gold]
    known: dict[str, Vectors] = {}
    if args.vector_cache and args.vector_cache.is_file():
        cached = np.load(args.vector_cache, allow_pickle=True)
        known = dict(zip(cached["texts"].tolist(), cached["vecs"].astype(np.float32), strict=True))
    unique = sorted(set(texts))
    vectors = embed_texts(E5Embedder(), unique, known=known, query=True)
    if args.vector_cache:
        np.savez(args.vector_cache, texts=np.array(unique, dtype=object), vecs=vectors.astype(np.float16))
    by_text = dict(zip(unique, vectors, strict=True))
    source = np.stack([by_text[t] for t in texts])
    held = np.array([int(hashlib.sha256(u.encode()).hexdigest(), 16) % 10 == 0 for u in uris])
    print(
        f"{len(texts)} pairs, {len(set(uris))} concepts, {held.sum()} pairs held out; {len(english)} English vectors"
    )
    fit_x, fit_y = source[~held], targets[~held]
    xtx, xty, eye = fit_x.T @ fit_x, fit_x.T @ fit_y, np.eye(source.shape[1], dtype=np.float32)
    forms: dict[str, Vectors | None] = {"raw e5 (no map)": None, "procrustes": procrustes(fit_x, fit_y)}
    for lam in (0.01, 0.1, 1.0):
        forms[f"ridge lambda {lam}"] = np.linalg.solve(xtx + lam * eye, xty)
    for lam in (1.0, 10.0, 100.0):
        forms[f"ridge to identity lambda {lam}"] = np.linalg.solve(xtx + lam * eye, xty + lam * eye)
    best, best_top3 = "", -1.0
    for name, matrix in forms.items():
        found = ranks(source[held] if matrix is None else source[held] @ matrix, english, gold[held])
        top3 = float(np.mean(found < 3))
        print(
            f"  {name:32s} held out top 1 / 3 / 10: "
            f"{np.mean(found < 1):.3f} / {top3:.3f} / {np.mean(found < 10):.3f}"
        )
        if matrix is not None and top3 > best_top3:
            best, best_top3 = name, top3
    print(f"chosen: {best}")
    if args.no_write:
        return 0
    if best == "procrustes":
        final = procrustes(source, targets)
    else:
        lam = float(best.rsplit(" ", 1)[1])
        full_xtx, full_xty = source.T @ source, source.T @ targets
        final = np.linalg.solve(full_xtx + lam * eye, full_xty + (lam * eye if "identity" in best else 0))
    out = args.out or ROOT / "src" / "kompetens" / "link" / "data" / f"e5_map_{args.lang}.npy"
    np.save(out, final.astype(np.float16))
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
