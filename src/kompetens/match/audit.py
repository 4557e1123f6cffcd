"""Bias audit of a ranking: impact ratios by sex and age band, as NYC Local Law 144 defines them.

The scorer never sees who a candidate is (``anonymize`` strips name, age, birth date and gender), so the
groups come from outside the CVs: a groups file (file name -> sex, birth year, age or age band) or the
synthetic generator (``kompetens.match.synthetic``). The audit joins them to the ranking afterwards.

Definitions (NYC DCWP rules, 6 RCNY § 5-300, for automated employment decision tools):

* scoring rate of a group: the share of its candidates whose score is above the median score of the pool;
* selection rate of a group: the share of its candidates selected (here: the top ``k`` of the ranking, or
  every candidate scoring at least a threshold);
* impact ratio: a group's rate divided by the rate of the group with the highest rate (so at most 1).

A ratio under 0.8 fails the four-fifths rule of thumb (29 CFR § 1607.4(D)) and is flagged. A group of
unknown sex or age is counted and reported but left out of the ratios, and so is a group under 2 % of
the pool, as the rules allow; the report says which. Groups under ``SMALL_GROUP`` candidates are noted:
their ratios move a lot with one candidate.
"""

from __future__ import annotations

import csv
import io
import json
import math
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import Code, KompetensError
from ..schema import DOCUMENTED, R2, R4

SEXES: tuple[str, ...] = ("female", "male")
AGE_BANDS: tuple[str, ...] = ("under 30", "30-39", "40-49", "50+")
UNKNOWN = "unknown"
FOUR_FIFTHS = 0.8
EXCLUDE_SHARE = 0.02
"""A group under this share of the pool may be left out of the impact ratios (DCWP rules)."""
SMALL_GROUP = 30
"""Groups with fewer candidates get a note: one candidate more or less moves their rate by over 3 points."""
CATEGORIES: tuple[str, ...] = ("sex", "age", "sex_age")
_SEX_WORDS: dict[str, str] = {
    "female": "female",
    "f": "female",
    "woman": "female",
    "women": "female",
    "kvinna": "female",
    "k": "female",
    "male": "male",
    "m": "male",
    "man": "male",
    "men": "male",
}


@dataclass(frozen=True, slots=True)
class Member:
    """The groups one candidate belongs to (``unknown`` where the groups file does not say)."""

    sex: str = UNKNOWN
    age_band: str = UNKNOWN

    def group(self, category: str) -> str:
        if category == "sex":
            return self.sex
        if category == "age":
            return self.age_band
        if self.sex == UNKNOWN or self.age_band == UNKNOWN:
            return UNKNOWN
        return f"{self.sex} {self.age_band}"


@dataclass(frozen=True, slots=True)
class GroupRate:
    """One group's rate and impact ratio."""

    __pydantic_config__ = DOCUMENTED

    group: str
    """``female``, ``male``, an age band (``under 30``, ``30-39``, ``40-49``, ``50+``), ``female 50+``..., or
    ``unknown``."""
    n: int
    """Candidates in the group."""
    hits: int
    """Of them, how many scored above the median (scoring rate) or were selected (selection rate), as the
    ranking ordered them (ties by must-haves, then by file name)."""
    rate: R4
    """``expected_hits / n``."""
    impact_ratio: R4 | None
    """``rate`` / the highest rate among the groups in the ratios; null for a group left out of them (or when
    no group has any hit)."""
    flagged: bool
    """True when the impact ratio is under 0.8 (the four-fifths rule)."""
    note: str
    """Why the group is left out of the ratios, or why its ratio means little (small group); else empty."""
    expected_hits: R4
    """``hits`` with the candidates tied at the selection's cut-off sharing the slots left there (each counts
    as slots / tied: a random tie-break's expectation); equal to ``hits`` when the cut-off splits no tie."""


@dataclass(frozen=True, slots=True)
class CategoryAudit:
    """The rates of one category (sex, age band, or sex x age band) for one measure."""

    __pydantic_config__ = DOCUMENTED

    category: str
    """``sex``, ``age`` or ``sex_age`` (intersectional)."""
    measure: str
    """``scoring_rate`` (share above the pool's median score) or ``selection_rate`` (share selected)."""
    groups: list[GroupRate]
    lowest_ratio: R4 | None
    """The lowest impact ratio of the category; null when no ratio could be computed."""
    flagged: list[str]
    """Groups whose impact ratio is under 0.8."""


@dataclass(frozen=True, slots=True)
class AuditReport:
    """``kompetens audit --json`` and ``POST /api/v1/audit``: impact ratios of a ranking by sex and age band,
    as NYC Local Law 144 defines them (docs/audit.md)."""

    __pydantic_config__ = DOCUMENTED

    role: str
    """The title of the role the pool was ranked for."""
    pool: str
    """What was audited: ``folder`` (CVs and a groups file), ``uploads`` or ``synthetic``."""
    seed: int | None
    """The synthetic pool's seed; null for a real pool."""
    candidates: int
    """CVs scored."""
    median_score: R2
    """The pool's median score (0..100); scoring rate = share strictly above it."""
    selected: int
    """How many candidates the selection took."""
    selection: str
    """How they were selected: ``top N`` of the ranking, or ``score >= T``."""
    ungrouped: list[str]
    """CVs the groups file does not name: counted as ``unknown`` in every category."""
    unmatched: int
    """Rows of the groups file that name no CV scored."""
    results: list[CategoryAudit]
    """Scoring and selection rates per category: sex, age band, sex x age band."""
    four_fifths_ok: bool | None
    """True when no group in the sex and age categories has an impact ratio under 0.8 (every pair of
    groups' rates within 0.8-1.25 of each other); false when one has; null when the sex or the age category
    could not be measured (fewer than two groups of it in the ratios: ``not_measured``), which is no pass.
    Intersectional groups are reported, not counted here."""
    notes: list[str]
    """How to read the report: groups left out of the ratios, small groups, ties."""
    failed: tuple[str, ...] = ()
    """CVs that could not be read (not in the pool)."""
    not_measured: tuple[str, ...] = ()
    """The categories of ``sex`` and ``age`` with fewer than two groups in the ratios (every CV unknown,
    or all in one group): no impact ratio says anything there."""
    tied: int = 0
    """Candidates tied (same must-haves met, same score) across the selection's cut-off, who share its
    ``tied_slots`` in the selection rates; 0 when the cut-off splits no tie."""
    tied_slots: int = 0
    """The selection's slots left for the ``tied`` candidates (each counts as tied_slots / tied selected)."""
    unmatched_rows: tuple[str, ...] = ()
    """The files named by the groups-file rows that name no CV scored (``unmatched`` of them)."""
    synthetic_requested: int | None = None
    """The synthetic pool size asked for; ``candidates`` is it rounded down to a multiple of 8 (every
    template once for each sex x age band). Null for a real pool."""


# -- groups -------------------------------------------------------------------------------------------


def age_band(age: int | None) -> str:
    """The band of an age in whole years; ``unknown`` for None."""
    if age is None:
        return UNKNOWN
    if age < 30:
        return "under 30"
    if age < 40:
        return "30-39"
    if age < 50:
        return "40-49"
    return "50+"


def sex_of(value: str | None) -> str:
    """``female``, ``male`` or ``unknown`` (empty, ``unknown``, other answers: not in the ratios)."""
    word = (value or "").strip().casefold()
    if not word:
        return UNKNOWN
    return _SEX_WORDS.get(word, UNKNOWN if word in (UNKNOWN, "okänd", "?") else "other")


def member_from(row: Mapping[str, Any], *, as_of: date, source: str) -> Member:
    """A groups-file row: ``sex`` and one of ``birth_year``, ``age`` or ``age_band``."""
    band = str(row.get("age_band") or "").strip()
    if band:
        if band not in (*AGE_BANDS, UNKNOWN):
            raise KompetensError(
                Code.E113, f"unknown age band {band!r}; use {', '.join(AGE_BANDS)}", source=source
            )
    else:
        band = age_band(_age(row, as_of=as_of, source=source))
    return Member(sex=sex_of(None if row.get("sex") is None else str(row.get("sex"))), age_band=band)


def _age(row: Mapping[str, Any], *, as_of: date, source: str) -> int | None:
    for key in ("age", "birth_year"):
        raw = row.get(key)
        if raw is None or str(raw).strip() == "":
            continue
        try:
            value = int(str(raw).strip())
        except ValueError:
            raise KompetensError(
                Code.E113, f"{key} must be a whole number, not {raw!r}", source=source
            ) from None
        age = value if key == "age" else as_of.year - value
        if not MIN_AGE <= age <= MAX_AGE:
            raise KompetensError(Code.E113, _age_range_message(key, value, age, as_of), source=source)
        return age
    return None


MIN_AGE, MAX_AGE = 14, 100
"""The ages a groups file may give: outside them a row is a typo, not a candidate."""


def _age_range_message(key: str, value: int, age: int, as_of: date) -> str:
    """Why an age is refused, with the range allowed (in birth years for a birth year), so the fix is plain."""
    if key == "age":
        return f"age {value} is outside the ages allowed, {MIN_AGE}-{MAX_AGE}"
    return (
        f"birth_year {value} gives an age of {age}, outside the ages allowed, {MIN_AGE}-{MAX_AGE} (birth years "
        f"{as_of.year - MAX_AGE}-{as_of.year - MIN_AGE})"
    )


def parse_groups(data: bytes | str, *, name: str, as_of: date | None = None) -> dict[str, Member]:
    """A groups file: CSV with a header (``file``, ``sex``, ``birth_year`` | ``age`` | ``age_band``) or JSON
    (``{"file": {"sex": ..., "birth_year": ...}}`` or a list of such rows with ``file``). E113 when it is
    neither."""
    day = as_of or date.today()
    text = data.decode("utf-8-sig", errors="replace") if isinstance(data, bytes) else data
    if not text.strip():
        raise KompetensError(Code.E113, "the groups file is empty", source=name)
    rows = _json_rows(text, name) if name.lower().endswith(".json") or text.lstrip()[:1] in "[{" else None
    is_csv = rows is None
    if rows is None:
        rows = _csv_rows(text, name)
    first = 2 if is_csv else 1  # a CSV row's line: after the header
    rows = [{_COLUMN_ALIASES.get(str(k), k): v for k, v in row.items()} for row in rows]
    if rows and not any(col in row for row in rows for col in _MEASURED):
        columns = ", ".join(sorted({str(k) for row in rows for k in row}))
        raise KompetensError(
            Code.E113,
            f"the groups file has no sex, birth_year, age or age_band column (its columns: {columns})",
            source=name,
        )
    out: dict[str, Member] = {}
    for i, row in enumerate(rows, start=first):
        key = str(row.get("file") or "").strip()
        if not key:
            raise KompetensError(Code.E113, f"row {i} names no file", source=f"{name}#{i}")
        member = member_from(row, as_of=day, source=f"{name}#{i}")
        if key in out and out[key] != member:
            raise KompetensError(
                Code.E113, f"{key!r} is named twice, with different groups", source=f"{name}#{i}"
            )
        out[key] = member
    return out


_COLUMN_ALIASES: dict[str, str] = {"gender": "sex", "kön": "sex", "födelseår": "birth_year", "ålder": "age"}
"""Column names read as the groups file's own (a header is case-folded first)."""
_MEASURED = ("sex", "birth_year", "age", "age_band")


def _json_rows(text: str, name: str) -> list[Mapping[str, Any]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise KompetensError(Code.E113, f"not valid JSON: {exc.msg}", source=name) from None
    if isinstance(data, dict):
        data = [{"file": k, **v} if isinstance(v, dict) else {"file": k} for k, v in data.items()]
    if isinstance(data, list) and all(
        isinstance(r, dict) for r in data
    ):  # keys as the CSV's header reads them
        data = [{str(k).strip().casefold(): v for k, v in r.items()} for r in data]
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise KompetensError(
            Code.E113, "JSON groups must be an object by file or a list of rows", source=name
        )
    return data


def _csv_rows(text: str, name: str) -> list[Mapping[str, Any]]:
    try:
        dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
        reader = csv.DictReader(io.StringIO(text), dialect=dialect)
        rows: list[Mapping[str, Any]] = [
            {(k or "").strip().casefold(): v for k, v in r.items()} for r in reader
        ]
    except csv.Error as exc:
        raise KompetensError(Code.E113, f"not a valid CSV: {exc}", source=name) from None
    if not rows or "file" not in rows[0]:
        raise KompetensError(
            Code.E113, "the CSV needs a header with file and sex, birth_year, age or age_band", source=name
        )
    return rows


def read_groups(path: Path, *, as_of: date | None = None) -> dict[str, Member]:
    """``parse_groups`` of a file."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise KompetensError(Code.E100, "no such groups file", source=str(path)) from None
    except OSError as exc:
        raise KompetensError(
            Code.E113, f"cannot read the groups file ({exc.strerror})", source=str(path)
        ) from None
    return parse_groups(data, name=str(path), as_of=as_of)


def match_groups(
    sources: Sequence[str], groups: Mapping[str, Member]
) -> tuple[dict[str, Member], list[str], list[str]]:
    """Each source's groups (by its path as given, else its file name), the sources none names, and the
    files named by groups rows that name no source (a misspelt name is what an auditor needs to see)."""
    by_name = {Path(k).name: v for k, v in groups.items()}
    used: set[str] = set()
    out: dict[str, Member] = {}
    missing: list[str] = []
    for s in sources:
        base = s.split("#", 1)[0]
        for key, table in ((s, groups), (base, groups), (Path(base).name, by_name)):
            if key in table:
                out[s] = table[key]
                used.add(Path(key).name)
                break
        else:
            out[s] = Member()
            missing.append(s)
    unmatched = [k for k in groups if Path(k).name not in used]
    return out, missing, unmatched


# -- rates --------------------------------------------------------------------------------------------


def median(scores: Iterable[float]) -> float:
    values = list(scores)
    return statistics.median(values) if values else 0.0


def group_rates(
    hits: Mapping[str, bool],
    members: Mapping[str, Member],
    category: str,
    *,
    pool: int | None = None,
    shares: Mapping[str, float] | None = None,
) -> list[GroupRate]:
    """Rates and impact ratios of one category. ``hits``: candidate -> above the median / selected, as the
    ranking ordered them; ``shares``: candidate -> its expected selection (``Selection.shares``), which the
    rates use so that a cut-off through tied candidates favours no group (default: ``hits``).

    Groups in a fixed order (female, male, the age bands, ...), then any other; ``unknown`` last. A group
    is left out of the ratios when it is ``unknown`` or under 2 % of the pool."""
    total = pool if pool is not None else len(hits)
    weight = shares if shares is not None else hits
    counts: dict[str, tuple[int, int, float]] = {}
    for source, hit in hits.items():
        g = members.get(source, Member()).group(category)
        n, k, expected = counts.get(g, (0, 0, 0.0))
        counts[g] = (n + 1, k + int(hit), expected + float(weight.get(source, hit)))
    order = _order(counts)
    in_ratio = {g for g in order if g != UNKNOWN and counts[g][0] >= EXCLUDE_SHARE * total}
    best = max((counts[g][2] / counts[g][0] for g in in_ratio), default=0.0)
    out: list[GroupRate] = []
    for g in order:
        n, k, expected = counts[g]
        rate = expected / n
        ratio = rate / best if g in in_ratio and best > 0 else None
        flagged = ratio is not None and ratio < FOUR_FIFTHS - 1e-12
        note = _group_note(g, n, in_ratio)
        out.append(GroupRate(g, n, k, rate, ratio, flagged, note, expected_hits=expected))
    return out


def _group_note(group: str, n: int, in_ratio: set[str]) -> str:
    """Why a group is not in the ratios, or why its ratio is uncertain; empty when neither."""
    if group == UNKNOWN:
        return "unknown: counted, not in the ratios"
    if group not in in_ratio:
        return f"under {EXCLUDE_SHARE:.0%} of the pool: not in the ratios"
    if n < SMALL_GROUP:
        return f"small group (n < {SMALL_GROUP}): uncertain ratio"
    return ""


def _order(counts: Mapping[str, Any]) -> list[str]:
    known = [*SEXES, *AGE_BANDS, *(f"{s} {b}" for s in SEXES for b in AGE_BANDS)]
    rank = {g: i for i, g in enumerate(known)}
    return sorted(counts, key=lambda g: (g == UNKNOWN, rank.get(g, len(rank)), g))


def category_audit(
    hits: Mapping[str, bool],
    members: Mapping[str, Member],
    category: str,
    measure: str,
    *,
    shares: Mapping[str, float] | None = None,
) -> CategoryAudit:
    groups = group_rates(hits, members, category, shares=shares)
    ratios = [g.impact_ratio for g in groups if g.impact_ratio is not None]
    return CategoryAudit(
        category=category,
        measure=measure,
        groups=groups,
        lowest_ratio=min(ratios) if ratios else None,
        flagged=[g.group for g in groups if g.flagged],
    )


@dataclass(frozen=True, slots=True)
class Selection:
    """Who a selection takes. ``chosen`` is the ranking's own cut; ``shares`` the expected selection of
    each candidate, which the selection rates use: 1 or 0, except for a tie block the cut-off splits,
    whose ``tied`` candidates share its ``tied_slots`` equally. The ranking breaks such a tie by file name,
    which says nothing about competence; counting each tied candidate as slots / tied selected gives the
    rates of a random tie-break in expectation, so equal competence gives equal rates."""

    chosen: dict[str, bool]
    shares: dict[str, float]
    how: str
    tied: int = 0
    tied_slots: int = 0

    @property
    def selected(self) -> int:
        """How many candidates the ranking's cut takes."""
        return sum(self.chosen.values())


def select(
    ranking: Sequence[tuple[str, float]],
    *,
    top: int | None = None,
    threshold: float | None = None,
    must_haves_met: Mapping[str, int] | None = None,
) -> Selection:
    """The first ``top`` of the ranking, or every score >= ``threshold``; neither given: the top quarter
    (at least one). ``must_haves_met`` (candidate -> must-haves shown) tells apart candidates of equal score
    that the ranking put in order by must-haves: they are no tie."""
    if top is not None and threshold is not None:
        raise KompetensError(Code.E301, "give top or threshold, not both", field="top")
    if threshold is not None:  # the same score is in or out as a whole: no tie to share
        chosen = {src: s >= threshold for src, s in ranking}
        return Selection(chosen, {src: float(c) for src, c in chosen.items()}, f"score >= {threshold:g}")
    k = min(top if top is not None else max(1, math.ceil(len(ranking) / 4)), len(ranking))
    chosen = {src: i < k for i, (src, _) in enumerate(ranking)}
    shares = {src: float(c) for src, c in chosen.items()}
    block = tie_at_cut(ranking, k, must_haves_met or {})
    if not block:
        return Selection(chosen, shares, f"top {k}")
    slots = sum(chosen[src] for src in block)
    shares.update({src: slots / len(block) for src in block})
    return Selection(chosen, shares, f"top {k}", tied=len(block), tied_slots=slots)


def tie_at_cut(ranking: Sequence[tuple[str, float]], k: int, must_haves_met: Mapping[str, int]) -> list[str]:
    """The candidates tied (same must-haves met, same score) with the last of the first ``k``, when the cut
    after ``k`` leaves some of them out; else none."""
    if not 0 < k < len(ranking):
        return []

    def key(item: tuple[str, float]) -> tuple[int, float]:
        return must_haves_met.get(item[0], 0), item[1]

    last = key(ranking[k - 1])
    if key(ranking[k]) != last:
        return []
    return [src for src, score in ranking if key((src, score)) == last]


def rates(
    ranking: Sequence[tuple[str, float]], members: Mapping[str, Member], selection: Selection
) -> tuple[list[CategoryAudit], float]:
    """The scoring and selection rates of every category, and the pool's median score."""
    mid = median(s for _, s in ranking)
    above = {src: s > mid for src, s in ranking}
    results = [category_audit(above, members, c, "scoring_rate") for c in CATEGORIES]
    results += [
        category_audit(selection.chosen, members, c, "selection_rate", shares=selection.shares)
        for c in CATEGORIES
    ]
    return results, mid


def audit_scores(
    ranking: Sequence[tuple[str, float]],
    members: Mapping[str, Member],
    *,
    top: int | None = None,
    threshold: float | None = None,
    must_haves_met: Mapping[str, int] | None = None,
) -> tuple[list[CategoryAudit], float, int, str]:
    """The rates of a ranking (sources with scores, best first, as the engine orders them), selected as
    ``select`` does. Returns the category audits, the median, how many were selected and how."""
    selection = select(ranking, top=top, threshold=threshold, must_haves_met=must_haves_met)
    results, mid = rates(ranking, members, selection)
    return results, mid, selection.selected, selection.how


def notes_for(
    results: Sequence[CategoryAudit], ranking: Sequence[tuple[str, float]], selection: Selection
) -> list[str]:
    """What the reader should know to read the numbers."""
    notes: list[str] = []
    left_out = sorted(
        {
            f"{r.category}: {g.group} (n={g.n})"
            for r in results
            for g in r.groups
            if g.note.startswith(("unknown", "under"))
        }
    )
    if left_out:
        notes.append(
            "left out of the impact ratios (unknown, or under 2 % of the pool): " + "; ".join(left_out)
        )
    small = sorted({g.group for r in results for g in r.groups if g.note.startswith("small")})
    if small:
        notes.append(
            f"groups under {SMALL_GROUP} candidates, whose ratios are uncertain: " + ", ".join(small)
        )
    if selection.tied:
        notes.append(tie_note(selection))
    scores = [s for _, s in ranking]
    if scores and all(s == scores[0] for s in scores):
        notes.append("every candidate has the same score: nobody is above the median, so no scoring ratio")
    return notes


def tie_note(selection: Selection) -> str:
    """The note on a tie the cut-off splits: how the selection rates count it, and why."""
    return (
        f"{selection.tied} candidates tie (same must-haves, same score) at the selection's cut-off for "
        f"{selection.tied_slots} slot(s): the selection rates count each as {selection.tied_slots}/"
        f"{selection.tied} selected (a random tie-break's expectation), since the ranking's tie-break by file "
        "name says nothing about competence; hits shows the ranking's own cut"
    )


def not_measured(results: Sequence[CategoryAudit]) -> tuple[str, ...]:
    """The sex and age categories with fewer than two groups in the ratios (``impact_ratio`` set)."""
    out: list[str] = []
    for category in ("sex", "age"):
        groups = {
            g.group for r in results if r.category == category for g in r.groups if g.impact_ratio is not None
        }
        if len(groups) < 2:
            out.append(category)
    return tuple(out)


def four_fifths_ok(results: Sequence[CategoryAudit]) -> bool | None:
    """No flagged group in the sex and age categories (for either measure); None when one of them could not
    be measured (``not_measured``) and none is flagged: nothing compared is no pass."""
    if any(r.flagged for r in results if r.category in ("sex", "age")):
        return False
    return None if not_measured(results) else True


def audit_ranking(
    role: str,
    ranking: Sequence[tuple[str, float]],
    groups: Mapping[str, Member],
    *,
    pool: str,
    top: int | None = None,
    threshold: float | None = None,
    seed: int | None = None,
    failed: Sequence[str] = (),
    must_haves_met: Mapping[str, int] | None = None,
) -> AuditReport:
    """The audit of a ranking (sources with scores, best first) against the groups of its candidates.
    ``must_haves_met`` (candidate -> must-haves shown) keeps candidates of equal score that the ranking
    ordered by must-haves from counting as a tie at the cut-off."""
    if not ranking:
        raise KompetensError(Code.E301, "no CVs to audit", field="cvs")
    members, ungrouped, unmatched = match_groups([s for s, _ in ranking], groups)
    selection = select(ranking, top=top, threshold=threshold, must_haves_met=must_haves_met)
    results, mid = rates(ranking, members, selection)
    notes = notes_for(results, ranking, selection)
    if unmatched:
        notes.insert(0, unmatched_note(unmatched))
    if ungrouped:
        notes.insert(0, f"{len(ungrouped)} CV(s) not named in the groups file count as unknown")
    missing = not_measured(results)
    if missing:
        notes.insert(
            0,
            f"not measured: {' and '.join(missing)} (fewer than two known groups in the ratios; check that the "
            "groups file names the CVs and has a sex and a birth_year, age or age_band column)",
        )
    return AuditReport(
        role=role,
        pool=pool,
        seed=seed,
        candidates=len(ranking),
        median_score=mid,
        selected=selection.selected,
        selection=selection.how,
        ungrouped=ungrouped,
        unmatched=len(unmatched),
        results=results,
        four_fifths_ok=four_fifths_ok(results),
        notes=notes,
        failed=tuple(failed),
        not_measured=missing,
        tied=selection.tied,
        tied_slots=selection.tied_slots,
        unmatched_rows=tuple(unmatched),
    )


def unmatched_note(files: Sequence[str]) -> str:
    """The note naming the groups-file rows that match no CV: a misspelt file name leaves its CV unknown."""
    rows = "rows of the groups file name" if len(files) > 1 else "row of the groups file names"
    return f"{len(files)} {rows} no CV in the pool (check the spelling): {', '.join(files)}"


def synthetic_note(requested: int, made: int) -> str | None:
    """Why a synthetic pool has fewer CVs than asked for; None when it has as many."""
    if requested == made:
        return None
    return (
        f"--synthetic {requested}: {made} CVs (a multiple of 8: every competence template once for each "
        "sex x age band, so that every group gets the same competence)"
    )
