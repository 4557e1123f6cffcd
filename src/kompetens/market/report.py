"""``MarketReport``: the market figures, and the SQL that computes them from stored ``AdFacts`` rows.

Both backends keep the facts as a table of ``FACT_COLUMNS`` and run the same GROUP BYs; only the name of
the function that turns an array into rows differs (DuckDB ``unnest``, Spark ``explode``).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import KompetensError
from ..match.shortlist import inert_cell
from ..models import AREA_IDS
from .analyse import ASKED_MIN

TOP_N = 20
"""How many occupations a report lists (the rest are summed in ``other_occupations``)."""
TOP_REGIONS = 30
"""How many regions a report lists: Sweden's 21 län fit with room to spare (a corpus whose regions are free
text may have more; the rest are summed in ``other_regions``, so the rows still add up to every ad)."""

Query = Callable[[str], Sequence[Sequence[Any]]]
"""Runs one SQL statement over the facts table (named ``ads``) and returns its rows."""


@dataclass(slots=True, frozen=True)
class Counts:
    """Ads, social-media ads and title-silent social-media ads of one group (a year, a region...).

    A social-media ad without a title is not title-silent: whether its title would name social media is
    unknown, so the share of silent titles is taken over the social-media ads that have a title."""

    ads: int = 0
    social_media_ads: int = 0
    social_media_ads_title_silent: int = 0
    social_media_ads_without_title: int = 0
    social_media_ads_merit_only: int = 0
    """Social-media ads that ask for it as a merit only (``Review.social_media_merit``): in
    ``social_media_ads``, counted apart so that an analyst can leave them out."""

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.ads + other.ads,
            self.social_media_ads + other.social_media_ads,
            self.social_media_ads_title_silent + other.social_media_ads_title_silent,
            self.social_media_ads_without_title + other.social_media_ads_without_title,
            self.social_media_ads_merit_only + other.social_media_ads_merit_only,
        )

    @property
    def social_media_ads_asked(self) -> int:
        """Social-media ads whose duties or requirements ask for it (not as a merit only)."""
        return self.social_media_ads - self.social_media_ads_merit_only

    @property
    def social_media_ads_with_title(self) -> int:
        return self.social_media_ads - self.social_media_ads_without_title

    @property
    def share_title_silent(self) -> float | None:
        """Silent titles among the social-media ads with a title; None where there is none."""
        titled = self.social_media_ads_with_title
        return self.social_media_ads_title_silent / titled if titled else None

    @property
    def rounded_share_title_silent(self) -> float | None:
        """``share_title_silent`` as the JSON gives it: 4 decimals; null (the table's "–"), not 0.0, where
        no social-media ad has a title."""
        share = self.share_title_silent
        return None if share is None else round(share, 4)

    def to_dict(self) -> dict[str, Any]:
        return {
            "ads": self.ads,
            "social_media_ads": self.social_media_ads,
            "social_media_ads_title_silent": self.social_media_ads_title_silent,
            "share_title_silent": self.rounded_share_title_silent,
            "social_media_ads_without_title": self.social_media_ads_without_title,
            "social_media_ads_merit_only": self.social_media_ads_merit_only,
        }


@dataclass(slots=True, frozen=True)
class RunInfo:
    """How the report was made: backend, ads measured in this run, wall time, and whether the backend is a
    store (``market --store``), so that the report's counts cover its earlier runs' ads too."""

    backend: str
    measured: int
    seconds: float
    stored: bool = False

    @property
    def ads_per_second(self) -> float:
        return self.measured / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "backend": self.backend,
            "measured": self.measured,
            "seconds": round(self.seconds, 3),
            "ads_per_second": round(self.ads_per_second, 2),
            "stored": self.stored,
        }


@dataclass(slots=True)
class MarketReport:
    """Market figures over every ad a backend holds; ``to_dict`` is the ``kompetens market --json`` object."""

    total: Counts
    by_year: dict[int, Counts]
    undated: int
    """Ads without a (readable) publication date: ``without_year.ads``."""
    by_area: dict[str, int]
    by_area_social_media: dict[str, int]
    without_region: Counts = field(default_factory=Counts)
    """The ads with no region: not in ``by_region``, so the breakdown reads as complete."""
    without_occupation: Counts = field(default_factory=Counts)
    """The ads with no occupation (``by_occupation`` lists social-media ads: its ``social_media_ads``)."""
    ads_without_title: int = 0
    """Ads with no title read (a CSV without a title column, JSON lines of ``{"id", "text"}``): not in
    the title-silent figures."""
    by_region: dict[str, Counts] = field(default_factory=dict)
    by_occupation: dict[str, Counts] = field(default_factory=dict)
    by_lang: dict[str, int] = field(default_factory=dict)
    ads_flagged: int = 0
    """Ads with any biased-wording flag, weak signals included."""
    flags: dict[str, int] = field(default_factory=dict)
    without_year: Counts = field(default_factory=Counts)
    """The undated ads (not in ``by_year``), counted as a year is."""
    by_month: dict[str, Counts] = field(default_factory=dict)
    """``YYYY-MM`` -> counts, for the ads whose date has a month."""
    other_regions: Counts = field(default_factory=Counts)
    """The ads of the regions past ``TOP_REGIONS`` (none for a Swedish corpus: 21 län)."""
    regions: int = 0
    """How many regions the ads name (``by_region`` lists up to ``TOP_REGIONS``)."""
    other_occupations: Counts = field(default_factory=Counts)
    """The ads of the occupations ``by_occupation`` does not list (past ``TOP_N``, or without social-media ads)."""
    occupations: int = 0
    ads_flagged_strong: int = 0
    """Ads with a strong biased-wording signal (the headline): see ``analyse.is_strong``."""
    flags_strong: dict[str, int] = field(default_factory=dict)
    """Ads per category with a strong signal of it."""
    error_count: int = 0
    errors: list[KompetensError] = field(default_factory=list)
    run: RunInfo | None = None

    @property
    def ads(self) -> int:
        return self.total.ads

    @property
    def scope(self) -> str:
        """What the counts cover: ``store`` (every ad the store holds, earlier runs' too: ``market --store``)
        or ``run`` (this run's ads alone)."""
        return "store" if self.run is not None and self.run.stored else "run"

    @property
    def social_media_ads(self) -> int:
        return self.total.social_media_ads

    @property
    def social_media_ads_title_silent(self) -> int:
        return self.total.social_media_ads_title_silent

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "scope": self.scope,
            "ads": self.ads,
            "social_media_ads": self.social_media_ads,
            "social_media_ads_title_silent": self.social_media_ads_title_silent,
            "share_social_media": round(_share(self.social_media_ads, self.ads), 4),
            "share_title_silent": self.total.rounded_share_title_silent,
            "ads_without_title": self.ads_without_title,
            "social_media_ads_without_title": self.total.social_media_ads_without_title,
            "social_media_ads_merit_only": self.total.social_media_ads_merit_only,
            "by_year": {str(y): c.to_dict() for y, c in sorted(self.by_year.items())},
            "undated": self.undated,
            "without_year": self.without_year.to_dict(),
            "by_month": {m: c.to_dict() for m, c in sorted(self.by_month.items())},
            "by_area": {a: self.by_area.get(a, 0) for a in AREA_IDS},
            "by_area_social_media": {a: self.by_area_social_media.get(a, 0) for a in AREA_IDS},
            "area_threshold": ASKED_MIN,
            "by_region": {k: c.to_dict() for k, c in self.by_region.items()},
            "other_regions": self.other_regions.to_dict(),
            "regions": self.regions,
            "without_region": self.without_region.to_dict(),
            "by_occupation": {k: c.to_dict() for k, c in self.by_occupation.items()},
            "other_occupations": self.other_occupations.to_dict(),
            "occupations": self.occupations,
            "without_occupation": self.without_occupation.to_dict(),
            "by_lang": dict(self.by_lang),
            "flags": {
                "ads_flagged_strong": self.ads_flagged_strong,
                "ads_flagged_weak_only": self.ads_flagged - self.ads_flagged_strong,
                "ads_flagged": self.ads_flagged,
                "by_category_strong": dict(self.flags_strong),
                "by_category": dict(self.flags),
                "strong_rule": STRONG_RULE,
            },
            "errors": self.error_count,
            "failed": [{"source": e.source, "error": e.to_dict()} for e in self.errors],
        }
        if self.run is not None:
            out["ads_read"] = self.run.measured
            out["run"] = self.run.to_dict()
        return out

    @property
    def merged(self) -> int:
        """Ads of this run counted once for a key read before (the same ad in two files): ads read less the
        distinct ones; 0 for a store's report, whose ``ads`` hold earlier runs' too."""
        if self.run is None or self.scope == "store":
            return 0
        return max(0, self.run.measured - self.ads)

    def render_html(self, *, title: str | None = None, lang: str = "en") -> str:
        """A self-contained HTML page with inline SVG charts, in ``lang`` (en, sv; ``market --report-lang``)."""
        from .html import render_html

        return render_html(self, title=title, lang=lang)

    def tables(self, *, lang: str = "en") -> list[Any]:
        """The report as rich tables (summary, per year, areas, occupations, flags, failed inputs), in ``lang``."""
        from .text import tables

        return tables(self, lang=lang)

    def render_text(self, *, width: int = 100, lang: str = "en") -> str:
        """Plain-text tables for a terminal or a log, in ``lang``."""
        from .text import render_text

        return render_text(self, width=width, lang=lang)


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


# -- SQL shared by the backends ----------------------------------------------------------------------
# One scan with GROUPING SETS gives every grouped figure (Spark pays a job per query, so few queries);
# the arrays of flag categories need two more, exploded ones.
_COUNTS = (
    "CASE WHEN requires_social_media THEN 1 ELSE 0 END",
    "CASE WHEN requires_social_media AND title IS NOT NULL AND NOT title_mentions_social_media THEN 1 ELSE 0 END",
    "CASE WHEN requires_social_media AND title IS NULL THEN 1 ELSE 0 END",
    "CASE WHEN requires_social_media AND social_media_merit THEN 1 ELSE 0 END",
)
"""The sums of ``Counts`` after count(*): social-media ads, title-silent, without a title, merit only."""
_TOTALS = (
    "CASE WHEN flags > 0 THEN 1 ELSE 0 END",
    # a row stored before strong_flags existed counts as it did then (its every flag)
    "CASE WHEN coalesce(strong_flags, flags) > 0 THEN 1 ELSE 0 END",
    "CASE WHEN title IS NULL THEN 1 ELSE 0 END",
)
"""The grand total's own sums: flagged, flagged with a strong signal, without a title."""
_COLUMNS = ("year", "month", "region", "occupation", "lang")
_SETS: dict[tuple[str, ...], str] = {
    ("year",): "year",
    ("year", "month"): "month",
    ("region",): "region",
    ("occupation",): "occupation",
    ("lang",): "lang",
}
"""The grouping sets besides the grand total, and the figure each gives."""
STRONG_RULE = (
    "strong signals: an explicit gender or an age demand, exclusion, gender-coded words leaning one way by"
    " 2 words or more; weak alone: a demand for years of experience, a lean of one word"
)
"""What ``ads_flagged_strong`` (the headline) counts, as the JSON says it (``flags.strong_rule``)."""


def _grouping_sql(threshold: float) -> str:
    sums = [*_COUNTS, *_TOTALS]
    for a in AREA_IDS:
        asked = f"area_{a} >= {threshold!r}"
        sums.append(f"CASE WHEN {asked} THEN 1 ELSE 0 END")
        sums.append(f"CASE WHEN {asked} AND requires_social_media THEN 1 ELSE 0 END")
    sets = ", ".join(f"({', '.join(cols)})" for cols in _SETS)
    return (
        f"SELECT {', '.join(_COLUMNS)}, {', '.join(f'grouping({g})' for g in _COLUMNS)}, count(*), "
        + ", ".join(f"coalesce(sum({x}), 0)" for x in sums)
        + f" FROM ads GROUP BY GROUPING SETS ((), {sets})"
    )


def _top(groups: dict[str, Counts], *, key: Callable[[tuple[str, Counts]], Any], n: int) -> dict[str, Counts]:
    return dict(sorted(groups.items(), key=key)[:n])


def _rest(groups: dict[str, Counts], listed: dict[str, Counts]) -> Counts:
    """The counts of the groups a list leaves out, summed."""
    return sum((c for k, c in groups.items() if k not in listed), Counts())


def _categories(query: Query, explode: str, column: str) -> dict[str, int]:
    return {
        str(r[0]): int(r[1])
        for r in query(
            f"SELECT category, count(*) FROM (SELECT {explode}({column}) AS category FROM ads) f "
            "WHERE category IS NOT NULL GROUP BY category ORDER BY count(*) DESC, category"
        )
    }


def report_from_sql(
    query: Query,
    *,
    explode: str,
    threshold: float = ASKED_MIN,
    top: int = TOP_N,
    top_regions: int = TOP_REGIONS,
) -> MarketReport:
    """The report over the ``ads`` table; ``explode`` names the dialect's array-to-rows function."""
    k = len(_COLUMNS)
    n_counts = 1 + len(_COUNTS)
    total = Counts()
    flagged = strong = untitled = 0
    missing: dict[str, Counts] = {}
    by_area: dict[str, int] = dict.fromkeys(AREA_IDS, 0)
    by_area_sm: dict[str, int] = dict.fromkeys(AREA_IDS, 0)
    grouped: dict[str, dict[Any, Counts]] = {g: {} for g in _SETS.values()}
    for row in query(_grouping_sql(threshold)):
        values, rolled, sums = row[:k], row[k : 2 * k], [int(x or 0) for x in row[2 * k :]]
        counts = Counts(*sums[:n_counts])
        if all(rolled):  # the grand total
            total = counts
            flagged, strong, untitled = sums[n_counts : n_counts + len(_TOTALS)]
            areas = sums[n_counts + len(_TOTALS) :]
            for i, a in enumerate(AREA_IDS):
                by_area[a], by_area_sm[a] = areas[2 * i], areas[2 * i + 1]
            continue
        cols = tuple(c for c, r in zip(_COLUMNS, rolled, strict=True) if not r)
        name = _SETS[cols]
        value: Any = tuple(values[_COLUMNS.index(c)] for c in cols)
        if None in value:
            if len(cols) == 1:
                missing[name] = counts
            continue  # a month needs its year and its month
        grouped[name][value if len(value) > 1 else value[0]] = counts
    lang = {str(v): c.ads for v, c in grouped["lang"].items()}
    regions = {str(v): c for v, c in grouped["region"].items()}
    occupations = {str(v): c for v, c in grouped["occupation"].items()}
    by_region = _top(regions, key=lambda kv: (-kv[1].ads, kv[0]), n=top_regions)
    by_occupation = _top(  # the occupations with social-media ads: an occupation with none is not among them
        {v: c for v, c in occupations.items() if c.social_media_ads},
        key=lambda kv: (-kv[1].social_media_ads, -kv[1].ads, kv[0]),
        n=top,
    )
    return MarketReport(
        total=total,
        by_year={int(y): c for y, c in sorted(grouped["year"].items())},
        undated=missing.get("year", Counts()).ads,
        by_area=by_area,
        by_area_social_media=by_area_sm,
        by_region=by_region,
        by_occupation=by_occupation,
        by_lang=dict(sorted(lang.items(), key=lambda kv: (-kv[1], kv[0]))),
        ads_flagged=flagged,
        flags=_categories(query, explode, "flag_categories"),
        ads_without_title=untitled,
        without_region=missing.get("region", Counts()),
        without_occupation=missing.get("occupation", Counts()),
        without_year=missing.get("year", Counts()),
        by_month={f"{int(y):04d}-{int(m):02d}": c for (y, m), c in sorted(grouped["month"].items())},
        other_regions=_rest(regions, by_region),
        regions=len(regions),
        other_occupations=_rest(occupations, by_occupation),
        occupations=len(occupations),
        ads_flagged_strong=strong,
        flags_strong=_categories(query, explode, "strong_flag_categories"),
    )


# -- the per-ad facts as CSV (``market --facts``) ------------------------------------------------------
FACTS_CSV_HEADER = (
    "key",
    "source",
    "title",
    "year",
    "month",
    "lang",
    "occupation",
    "region",
    "municipality",
    "social_media",
    "title_mentions_social_media",
    "title_silent",
    "areas",
    "flags",
    "strong_flags",
)
"""The columns of ``market --facts``: one row per ad the report counts. ``social_media`` is ``yes``,
``merit`` (asked for as a merit only) or ``no``; ``areas``, ``flags`` and ``strong_flags`` list area ids and
flag categories, ``;``-separated."""
_FACT_FIELDS = (
    "key, source, title, year, month, lang, occupation, region, municipality, requires_social_media,"
    " social_media_merit, title_mentions_social_media, flag_categories, strong_flag_categories, flags, "
    + ", ".join(f"area_{a}" for a in AREA_IDS)
)


def facts_sql() -> str:
    """The facts, one row per ad, in file and line order (``path#10`` after ``path#9``; a file's rows without a
    line first: NULLS FIRST, as DuckDB and Spark order nulls differently by default)."""
    return (
        f"SELECT {_FACT_FIELDS} FROM ads ORDER BY regexp_extract(source, '^(.*?)(#[0-9]+)?$', 1), "
        "CAST(nullif(regexp_extract(source, '#([0-9]+)$', 1), '') AS INTEGER) NULLS FIRST, key"
    )


def facts_csv_row(row: Sequence[Any], *, threshold: float = ASKED_MIN) -> list[Any]:
    """A row of ``facts_sql`` as ``FACTS_CSV_HEADER``'s values."""
    key, source, title, year, month, lang, occupation, region, municipality = row[:9]
    sm, merit, in_title, categories, strong, flags = row[9:15]
    areas = [a for a, v in zip(AREA_IDS, row[15:], strict=True) if v is not None and v >= threshold]
    social = "merit" if sm and merit else "yes" if sm else "no"
    silent = bool(sm and title is not None and not in_title)
    strong_list = list(categories or []) if strong is None and flags else list(strong or [])  # an old row
    return [
        key,
        source,
        title,
        year,
        month,
        lang,
        occupation,
        region,
        municipality,
        social,
        str(bool(in_title)).lower(),
        str(silent).lower(),
        ";".join(areas),
        ";".join(categories or []),
        ";".join(strong_list),
    ]


def write_facts_csv(rows: Iterable[Sequence[Any]], path: Path) -> int:
    """Write the facts rows (``facts_sql``'s) to ``path`` as CSV (UTF-8, a header); returns the rows written.
    A text cell that would start a formula in Excel (``= + - @``, a tab) gets a leading ``'``
    (``inert_cell``): an ad's title, occupation or place is whatever its poster wrote (a bug hunt, hJ:
    ``=HYPERLINK(...)`` was written as is)."""
    n = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(FACTS_CSV_HEADER)
        for row in rows:
            writer.writerow(
                ["" if v is None else inert_cell(v) if isinstance(v, str) else v for v in facts_csv_row(row)]
            )
            n += 1
    return n
