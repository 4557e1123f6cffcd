"""Ranking on real text: each labelled real ad as a role, other real ads as the candidates (a proxy).

    OPENBLAS_NUM_THREADS=1 .venv/bin/python bench/rank_ads.py [--data-dir .kompetens] [--shared ../shared]
                                                              [--pool 20] [--seed 7] [--thorough] [--by-lang]
                                                              [--json]

We have no human-rated real resumes (issue #14's goal is NDCG@5 on such a set, held out). What we have is
real text with an occupation: the ads of ../shared/data/dev/platsbanken with ``occupation.label``. So each
such ad is a *query*: its role is what ``kompetens rank --role AD`` derives (``Engine.role_from_ad``), and the
*candidates* are other real ads read as CVs (``Engine.candidate``: the same profile a CV gets). Graded
relevance from the JobTech taxonomy (../shared/data/jobtech): 3 the same occupation name, 2 another
occupation name of the same SSYK level-4 group, 1 the same SSYK level-3 group, 0 otherwise. Each query's pool
(``--pool``, seeded) holds up to a quarter of same-name ads, a quarter of same-group ads and the rest drawn
from all others, so a pool looks like a screening list: some fits, some near fits, many others.

Scored per query, NDCG@5 averaged over queries, tune and check halves apart (an ad is a tune query when
``sha256(id) % 2 == 0``, as bench/review_real.py splits), for:
  random order (seeded, the mean of 20 shuffles); TF-IDF cosine of the two texts (sublinear tf, smooth idf
  over these ads, the baseline the issue names); the wording cosine alone (``match/wording.py``: the ad's
  job text against the CV's words, wordfreq for idf); the rank score as it is ("score": ``rank``, the
  role's areas and, for a role from an ad, the wording fit); the areas alone ("areas": the same role
  without its wording, the score before stop 25); the share of the role's skills the candidate shows
  ("skills": ``match_skills``, must-haves count double, ties by the area score); and areas and skills
  blended, (1 - b) x area score / 100 + b x share, for b in ``BETAS``.
This is a proxy: ads are not resumes, and the same employer's template can make two ads alike. It says
whether a signal carries on real text; it is not the held-out figure.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
import sys
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from _halves import REAL_ADS_SPLIT, half, halves_epilog

from kompetens.engine import Engine
from kompetens.match import CandidateProfile, Role, rank, wording
from kompetens.match.evaluate import ndcg_at_k
from kompetens.models import Document
from kompetens.skills import match_skills

BETAS = (0.25, 0.5, 0.75)

ROOT = Path(__file__).resolve().parents[1]
_TOKEN = re.compile(r"[^\W\d_]{2,}", re.UNICODE)


def ssyk_of(shared: Path) -> dict[str, str]:
    """occupation-name preferred label -> SSYK 2012 level-4 code."""
    data = json.loads(
        (shared / "data" / "jobtech" / "ssyk-level-4-groups-with-related-occupations.json").read_text()
    )
    out: dict[str, str] = {}
    for group in data["data"]["concepts"]:
        code = group.get("ssyk_code_2012")
        for name in group.get("narrower", []):
            if code and name.get("type") == "occupation-name":
                out.setdefault(name["preferred_label"], code)
    return out


def relevance(q: str, c: str, ssyk: dict[str, str]) -> int:
    if q == c:
        return 3
    a, b = ssyk.get(q), ssyk.get(c)
    if a and b and a == b:
        return 2
    if a and b and a[:3] == b[:3]:
        return 1
    return 0


def tfidf(texts: dict[str, str]) -> dict[str, dict[str, float]]:
    """Unit-length TF-IDF vectors (sublinear tf, smooth idf) of each text's lower-case word tokens."""
    tokens = {k: Counter(_TOKEN.findall(t.lower())) for k, t in texts.items()}
    df: Counter[str] = Counter()
    for c in tokens.values():
        df.update(c.keys())
    n = len(tokens)
    out: dict[str, dict[str, float]] = {}
    for k, c in tokens.items():
        vec = {w: (1 + math.log(f)) * (math.log((1 + n) / (1 + df[w])) + 1) for w, f in c.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        out[k] = {w: v / norm for w, v in vec.items()}
    return out


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        epilog=halves_epilog(REAL_ADS_SPLIT),
    )
    ap.add_argument("--data-dir", default=".kompetens", help="the kompetens data folder (default .kompetens)")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--pool", type=int, default=20)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--thorough", action="store_true", help="profile ads and candidates as rank --thorough")
    ap.add_argument("--e5", action="store_true", help="also rank by the e5 cosine of the two ads' texts")
    ap.add_argument("--by-lang", action="store_true", help="report each half by the query ad's language")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    ads_path = args.shared / "data" / "dev" / "platsbanken" / "ads.jsonl"
    if not ads_path.is_file():
        print(f"skipped: {ads_path} not found (../shared is not here)", file=sys.stderr)
        return 0
    ssyk = ssyk_of(args.shared)
    occupation: dict[str, str] = {}
    ids: dict[str, str] = {}
    for line in ads_path.read_text(encoding="utf-8").splitlines():
        ad = json.loads(line)
        label = (ad.get("occupation") or {}).get("label")
        if label:
            occupation[str(ad["id"])] = label
    engine = Engine(args.data_dir)
    t0 = time.perf_counter()
    docs: dict[str, Document] = {}
    for i, doc in enumerate(engine.read([ads_path], kind="ad")):
        if not isinstance(doc, Document):
            continue
        ad_id = str(doc.meta.get("id", "")) or str(i)
        if ad_id in occupation and doc.text.strip():
            docs[ad_id] = doc
            ids[doc.source] = ad_id
    roles: dict[str, Role] = {}
    cands: dict[str, CandidateProfile] = {}
    for ad_id, doc in docs.items():
        roles[ad_id] = engine.role_from_ad(doc, thorough=args.thorough)
        cand = engine.candidate(replace(doc, kind="cv"), thorough=args.thorough)
        cands[ad_id] = replace(cand, source=ad_id)
    build_s = time.perf_counter() - t0
    vectors = tfidf({k: d.text for k, d in docs.items()})
    dense: dict[str, Any] = {}
    if args.e5:
        from kompetens.link import E5Embedder

        t1 = time.perf_counter()
        keys = list(docs)
        matrix = E5Embedder().passage([docs[k].text for k in keys])  # the model reads the first 512 tokens
        dense = dict(zip(keys, matrix, strict=True))
        print(f"e5 passage vectors of {len(keys)} ads in {time.perf_counter() - t1:.0f} s", file=sys.stderr)

    rng = random.Random(args.seed)
    by_label: dict[str, list[str]] = {}
    for ad_id in docs:
        by_label.setdefault(occupation[ad_id], []).append(ad_id)
    queries = sorted(a for a in docs if len(by_label[occupation[a]]) >= 2)
    systems = (
        "random",
        "tfidf",
        "wording",
        "score",
        "areas",
        "skills",
        *(f"blend{b}" for b in BETAS),
        *(["e5"] if args.e5 else []),
    )
    rows = (
        [f"{h}-{lang}" for h in ("tune", "check") for lang in ("sv", "en")]
        if args.by_lang
        else ["tune", "check"]
    )
    results: dict[str, dict[str, list[float]]] = {h: {s: [] for s in systems} for h in rows}
    per_query = max(1, args.pool // 4)
    nskills: list[int] = []
    for q in queries:
        others = [a for a in docs if a != q]
        same = [a for a in others if occupation[a] == occupation[q]]
        near = [
            a
            for a in others
            if occupation[a] != occupation[q] and relevance(occupation[q], occupation[a], ssyk) >= 1
        ]
        rest = [a for a in others if relevance(occupation[q], occupation[a], ssyk) == 0]
        pool = rng.sample(same, min(per_query, len(same))) + rng.sample(near, min(per_query, len(near)))
        pool += rng.sample(rest, min(args.pool - len(pool), len(rest)))
        rel = {a: relevance(occupation[q], occupation[a], ssyk) for a in pool}
        role = roles[q]
        orders: dict[str, list[str]] = {}
        shuffles = []
        for _ in range(20):
            shuffled = pool[:]
            rng.shuffle(shuffled)
            shuffles.append(shuffled)
        orders["tfidf"] = sorted(pool, key=lambda a: (-cosine(vectors[q], vectors[a]), a))
        if dense:
            orders["e5"] = sorted(pool, key=lambda a: (-float(dense[q] @ dense[a]), a))
        pooled = [cands[a] for a in pool]
        orders["score"] = [r.score.source for r in rank(pooled, role)]  # the rank score as it is
        ranked = rank(pooled, replace(role, wording={}, wording_en={}))  # the areas alone
        orders["areas"] = [r.score.source for r in ranked]
        cos = {a: wording.cosine(role.wording, cands[a].wording) for a in pool}
        orders["wording"] = sorted(pool, key=lambda a: (-cos[a], a))
        area_score = {r.score.source: r.score.score / 100.0 for r in ranked}
        wanted = role.wanted_skills()
        total = sum(2.0 if w.required else 1.0 for w in wanted)
        skill_share = {}
        for a in pool:
            matched, _ = match_skills(wanted, cands[a].skills)
            skill_share[a] = sum(2.0 if m.required else 1.0 for m in matched) / total if total else 0.0
        orders["skills"] = sorted(pool, key=lambda a: (-skill_share[a], -area_score[a], a))
        nskills.append(len(wanted))
        for beta in BETAS:
            orders[f"blend{beta}"] = sorted(
                pool, key=lambda a: (-((1 - beta) * area_score[a] + beta * skill_share[a]), a)
            )
        h = f"{half(q)}-{docs[q].lang}" if args.by_lang else half(q)
        for k in (5,):
            results[h]["random"].append(sum(ndcg_at_k(s, rel, k=k) for s in shuffles) / len(shuffles))
            for name in (
                "tfidf",
                "wording",
                "score",
                "areas",
                "skills",
                *(f"blend{b}" for b in BETAS),
                *(["e5"] if dense else []),
            ):
                results[h][name].append(ndcg_at_k(orders[name], rel, k=k))
    summary = {
        h: {s: round(sum(v) / len(v), 4) if v else None for s, v in per.items()}
        | {"queries": len(per["tfidf"])}
        for h, per in results.items()
    }
    nskills.sort()
    quartiles = [nskills[len(nskills) * q // 4] for q in (1, 2, 3)] if nskills else [0, 0, 0]
    print(f"skills per role (wanted_skills): quartiles {quartiles[0]} / {quartiles[1]} / {quartiles[2]}")
    if args.json:
        print(json.dumps(summary))
        return 0
    print(
        f"{len(docs)} real ads with an occupation, {len(queries)} queries (an occupation with 2+ ads), pools of "
        f"{args.pool}; profiled in {build_s:.1f} s ({'thorough' if args.thorough else 'default'})"
    )
    print(f"{'NDCG@5':10s} " + " ".join(f"{s:>8s}" for s in systems) + "  queries")
    for h, row in summary.items():
        print(f"{h:10s} " + " ".join(f"{row[s]:8.3f}" for s in systems) + f"  {row['queries']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
