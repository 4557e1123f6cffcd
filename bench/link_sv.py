"""Swedish against English linking on our own phrase list of social-media and communication work.

    OPENBLAS_NUM_THREADS=1 .venv/bin/python bench/link_sv.py [--data-dir DIR] [--top 3] [--misses [tune|check|all]]
                                                          [--quick] [--json]

Reads bench/data/link_sv.tsv: one row a phrase in the wording Swedish job ads use for the eight
competence areas and the general skills such ads ask for, with an English twin (how an English ad says
the same) and the ESCO skill URIs a careful annotator accepts as correct links (1-4, chosen from the
ESCO labels, not with the linker). Rows with a ``variant`` are misspelt Swedish or Swedish without
å/ä/ö; the column names their clean row, and they share its twin and gold. ``half`` splits the rows by
``sha256(clean Swedish phrase) % 2`` into *tune* (look at and tune on these) and *check* (report beside
it, untouched; a check figure far below tune means overfitting).

Links every phrase and twin through the public API (``Engine(data_dir).link(texts, kind="skill")``; with
``--quick``, by quick linking, ``Linker.link_quick``, as thorough extraction links its phrases) and
prints, per half, the share of rows with an acceptable URI in the top 1, the top ``--top`` and the top 5,
Swedish and English side by side, the gap (English minus Swedish) at the top ``--top``, the variants'
share, and per area. ``--misses [tune|check|all]`` lists the rows of a half (default tune) whose Swedish
or English phrase fails at ``--top``.
The goal of issue #11: Swedish >= 85 % in the top 3 and within 5 points of English.
``--list bench/data/link_sv_2.tsv``: round 2, 131 phrases written blind by a helper, further from ESCO's wording
(docs/linking.md); ``--list bench/data/link_sv_3.tsv``: round 3, 120 phrases written blind in stop 26 and
measured once, untuned (both halves are check data); ``--list bench/data/link_sv_4.tsv``: round 4, 116 phrases
in the wording of real Swedish ads (the tune half of ../shared/data/dev/platsbanken, lightly rephrased), written
blind in stop 32 with hand-chosen gold; ``--list bench/data/link_sv_5.tsv``: round 5, 120 phrases written blind in
stop 43 from ESCO's labels alone and held out whole that stop (Swedish 79.2 % at first contact, 80.0 % with
that stop's lemma forms; English 84.2 %, top 3); ``--list bench/data/link_sv_6.tsv``: round 6, 120 phrases
written blind in stop 44 the same way and held out whole that stop (26 of its Swedish phrases are also in earlier
lists: the writer met the same duties; Swedish 81.7 %, English 85.0 % at first contact);
``--list bench/data/link_sv_7.tsv``: round 7, 120 phrases and 12 misspelt variants written blind in stop 45 and held
out whole that stop (Swedish 87.5 %, English 90.0 % at first contact; 88.3 % after that stop's gloss of unknown
words); ``--list bench/data/link_sv_8.tsv``: round 8, 120 phrases and 12 misspelt variants written blind in stop 46
and held out whole that stop (Swedish 92.5 %, English 93.3 % at first contact and at the stop's end);
``--list bench/data/link_sv_9.tsv``: round 9, 120 phrases and 12 misspelt variants written blind in stop 47 and held
out whole that stop (Swedish 90.8 %, English 94.2 % at first contact and at the stop's end);
``--list bench/data/link_sv_10.tsv``: round 10, 120 phrases and 12 misspelt variants written blind in stop 48, each
phrase worded before its writer searched ESCO, and held out whole that stop (Swedish 75.0 %, English 79.2 % at first
contact; 77.5 % / 81.7 % at the stop's end); ``--list bench/data/link_sv_11.tsv``: round 11, 120 phrases and 12
misspelt variants written blind in stop 49 the same way, and held out whole that stop (Swedish 83.3 %, English
83.3 % at first contact and at the stop's end); ``--list bench/data/link_sv_12.tsv``: round 12, 120 phrases and 12
misspelt variants written blind in stop 50 the same way, and held out whole that stop (Swedish 87.5 %, English
91.7 %, variants 8 of 12, at first contact and at the stop's end).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from _halves import half, halves_epilog

from kompetens.engine import Engine
from kompetens.link import LinkResult

DATA = Path(__file__).resolve().parent / "data" / "link_sv.tsv"
HALVES = ("tune", "check", "all")
GOAL_SV, GOAL_GAP = 0.85, 0.05


@dataclass(slots=True)
class Row:
    id: str
    half: str
    area: str
    variant: str  # id of the clean row for a misspelt variant, else ""
    sv: str
    en: str
    gold: frozenset[str]
    gold_labels: str


def load(path: Path = DATA) -> list[Row]:
    """The phrase list, checked: unique ids, 1-4 gold URIs, halves as the hash says, variants after a clean row."""
    rows: list[Row] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for rec in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            gold = rec["gold"].split()
            rows.append(
                Row(
                    id=rec["id"],
                    half=rec["half"],
                    area=rec["area"],
                    variant=rec["variant"],
                    sv=rec["sv"],
                    en=rec["en"],
                    gold=frozenset(gold),
                    gold_labels=rec["gold_labels"],
                )
            )
            if not 1 <= len(gold) <= 4:
                raise ValueError(f"{path}: row {rec['id']}: {len(gold)} gold URIs (1-4)")
    clean = {r.id: r for r in rows if not r.variant}
    if len({r.id for r in rows}) != len(rows):
        raise ValueError(f"{path}: duplicate ids")
    for r in rows:
        base = clean.get(r.variant) if r.variant else r
        if base is None:
            raise ValueError(f"{path}: variant {r.id} names no clean row ({r.variant})")
        if r.half != half(base.sv) or (r.variant and (r.gold != base.gold or r.en != base.en)):
            raise ValueError(f"{path}: row {r.id}: half, twin or gold differ from its clean row")
    return rows


def rank_of(gold: frozenset[str], ids: list[str]) -> int | None:
    """1-based rank of the first acceptable URI, or None."""
    for i, uri in enumerate(ids, 1):
        if uri in gold:
            return i
    return None


def share(ranks: list[int | None], k: int) -> float:
    return sum(r is not None and r <= k for r in ranks) / len(ranks) if ranks else 0.0


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        epilog=halves_epilog(
            "the rows are split in two halves by the list's half column (sha256(clean Swedish phrase) % 2)"
        ),
    )
    ap.add_argument(
        "--data-dir",
        type=Path,
        default=Path(os.environ.get("KOMPETENS_HOME") or ".kompetens"),
        help="the kompetens data folder (default $KOMPETENS_HOME, else .kompetens)",
    )
    ap.add_argument(
        "--top", type=int, default=3, help="the cut-off reported beside top 1 and top 5 (default 3)"
    )
    ap.add_argument(
        "--list", type=Path, default=DATA, help="the phrase list (default bench/data/link_sv.tsv)"
    )
    ap.add_argument(
        "--misses",
        nargs="?",
        const="tune",
        choices=HALVES,
        help="list the failing rows of a half (default tune: look at the check half only to report it)",
    )
    ap.add_argument(
        "--quick",
        action="store_true",
        help="link by quick linking (Linker.link_quick: thorough extraction's, no e5) instead of Engine.link",
    )
    ap.add_argument("--json", action="store_true", help="print one JSON value instead of the table")
    args = ap.parse_args()
    if args.top < 1:
        ap.error("--top must be at least 1")

    rows = load(args.list)
    depth = max(5, args.top)
    engine = Engine(args.data_dir)

    def link(texts: list[str]) -> list[LinkResult]:
        if not args.quick:
            return engine.link(texts, top=depth, kind="skill")
        found = engine.linker.link_quick(texts, top=depth, kind="skill")
        return [LinkResult(t, [c.linked() for c in cands]) for t, cands in zip(texts, found, strict=True)]

    start = time.perf_counter()
    link(["kundtjänst"])  # load the linker outside the timing
    loaded = time.perf_counter() - start
    start = time.perf_counter()
    sv_out = link([r.sv for r in rows])
    clean = [r for r in rows if not r.variant]
    en_out = link([r.en for r in clean])
    seconds = time.perf_counter() - start

    def ids(result: LinkResult) -> list[str]:
        return [c.id for c in result.candidates]

    def first(result: LinkResult) -> str | None:
        return result.candidates[0].label if result.candidates else None

    sv_rank = {r.id: rank_of(r.gold, ids(o)) for r, o in zip(rows, sv_out, strict=True)}
    en_rank = {r.id: rank_of(r.gold, ids(o)) for r, o in zip(clean, en_out, strict=True)}
    sv_top1 = {r.id: first(o) for r, o in zip(rows, sv_out, strict=True)}
    en_top1 = {r.id: first(o) for r, o in zip(clean, en_out, strict=True)}
    variants = [r for r in rows if r.variant]
    ks = sorted({1, args.top, 5})

    def figures(subset: list[Row], var: list[Row]) -> dict[str, Any]:
        sv = [sv_rank[r.id] for r in subset]
        en = [en_rank[r.id] for r in subset]
        vr = [sv_rank[r.id] for r in var]
        out: dict[str, Any] = {"rows": len(subset), "variants": len(var)}
        for k in ks:
            out[f"sv@{k}"] = round(share(sv, k), 4)
            out[f"en@{k}"] = round(share(en, k), 4)
            out[f"variants@{k}"] = round(share(vr, k), 4)
        out["gap"] = round(out[f"en@{args.top}"] - out[f"sv@{args.top}"], 4)
        # the variants against their own clean rows (a variant should link as well as its clean phrase)
        out[f"variants_clean@{args.top}"] = round(share([sv_rank[r.variant] for r in var], args.top), 4)
        return out

    by_half = {
        h: figures([r for r in clean if h in ("all", r.half)], [r for r in variants if h in ("all", r.half)])
        for h in HALVES
    }
    by_area = {}
    for area in sorted({r.area for r in clean}):
        sub = [r for r in clean if r.area == area]
        by_area[area] = {
            "rows": len(sub),
            f"sv@{args.top}": round(share([sv_rank[r.id] for r in sub], args.top), 4),
            f"en@{args.top}": round(share([en_rank[r.id] for r in sub], args.top), 4),
        }

    def hit(rank: int | None) -> bool:
        return rank is not None and rank <= args.top

    misses: list[dict[str, Any]] = []
    for r in rows:
        if args.misses not in ("all", r.half) or (hit(sv_rank[r.id]) and (r.variant or hit(en_rank[r.id]))):
            continue
        miss: dict[str, Any] = {"id": r.id, "half": r.half, "sv": r.sv, "sv_rank": sv_rank[r.id]}
        miss["sv_top1"] = sv_top1[r.id]
        if not r.variant:
            miss.update(en=r.en, en_rank=en_rank[r.id], en_top1=en_top1[r.id])
        miss["gold"] = r.gold_labels
        misses.append(miss)

    result: dict[str, Any] = {
        "list": str(args.list),
        "top": args.top,
        "rows": len(clean),
        "variants": len(variants),
        "halves": by_half,
        "areas": by_area,
        "goal": {"sv_top3": GOAL_SV, "gap": GOAL_GAP},
        "seconds": {"load": round(loaded, 2), "link": round(seconds, 2)},
    }
    if args.misses:
        result["misses"] = misses
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return 0

    t = args.top
    print(
        f"{len(clean)} phrases + {len(variants)} misspelt variants, {len(rows) + len(clean)} texts linked "
        f"in {seconds:.2f} s (linker loaded in {loaded:.2f} s)"
    )
    cols = "".join(f"  sv@{k:<2} en@{k:<2}" for k in ks)
    print(f"{'half':>6} {'rows':>4}{cols}  gap@{t:<2}  variants@{t} (their clean rows)")
    for h in HALVES:
        f = by_half[h]
        cells = "".join(f"  {f[f'sv@{k}']:5.1%} {f[f'en@{k}']:5.1%}" for k in ks)
        print(
            f"{h:>6} {f['rows']:>4}{cells}  {f['gap']:+6.1%}  "
            f"{f[f'variants@{t}']:5.1%} of {f['variants']} ({f[f'variants_clean@{t}']:.1%})"
        )
    print(
        f"\nper area, top {t} (all rows): "
        + "  ".join(f"{a} {v[f'sv@{t}']:.0%}/{v[f'en@{t}']:.0%} ({v['rows']})" for a, v in by_area.items())
    )
    f = by_half["all"]
    met = f[f"sv@{t}"] >= GOAL_SV and f["gap"] <= GOAL_GAP if t == 3 else None
    if met is not None:
        print(f"goal (sv@3 >= {GOAL_SV:.0%}, gap <= {GOAL_GAP:.0%} points): {'met' if met else 'not met'}")
    if args.misses:
        print(f"\n{args.misses} rows failing at top {t} ({len(misses)}; rank '-' = not in the top {depth}):")
        for m in misses:
            sv_r = m["sv_rank"] or "-"
            line = f"  {m['id']} [{m['half']}] sv {sv_r}: {m['sv']!r} -> {m['sv_top1']!r}"
            if "en" in m:
                line += f" | en {m['en_rank'] or '-'}: {m['en']!r} -> {m['en_top1']!r}"
            print(line + f"\n        gold: {m['gold']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
