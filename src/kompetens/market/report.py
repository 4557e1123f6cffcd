"""``MarketReport``: the market figures, and the SQL that computes them from stored ``AdFacts`` rows.

Both backends keep the facts as a table of ``FACT_COLUMNS`` and run the same GROUP BYs; only the name of
the function that turns an array into rows differs (DuckDB ``unnest``, Spark ``explode``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import KompetensError
from ..models import AREA_IDS
from .analyse import ASKED_MIN

TOP_N = 20
"""How many regions and occupations a report lists."""

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
    flags: dict[str, int] = field(default_factory=dict)
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
            "by_year": {str(y): c.to_dict() for y, c in sorted(self.by_year.items())},
            "undated": self.undated,
            "by_area": {a: self.by_area.get(a, 0) for a in AREA_IDS},
            "by_area_social_media": {a: self.by_area_social_media.get(a, 0) for a in AREA_IDS},
            "area_threshold": ASKED_MIN,
            "by_region": {k: c.to_dict() for k, c in self.by_region.items()},
            "without_region": self.without_region.to_dict(),
            "by_occupation": {k: c.to_dict() for k, c in self.by_occupation.items()},
            "without_occupation": self.without_occupation.to_dict(),
            "by_lang": dict(self.by_lang),
            "flags": {"ads_flagged": self.ads_flagged, "by_category": dict(self.flags)},
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

    def render_html(self, *, title: str = "Social-media competence in job ads") -> str:
        """A self-contained HTML page with inline SVG charts."""
        from .html import render_html

        return render_html(self, title=title)

    def tables(self) -> list[Any]:
        """The report as rich tables (summary, per year, areas, occupations, flags, failed inputs)."""
        from .text import tables

        return tables(self)

    def render_text(self, *, width: int = 100) -> str:
        """Plain-text tables for a terminal or a log."""
        from .text import render_text

        return render_text(self, width=width)


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


# -- SQL shared by the backends ----------------------------------------------------------------------
# One scan with GROUPING SETS gives every grouped figure (Spark pays a job per query, so few queries);
# the arrays of flag categories need a second, exploded one.
_SM = "CASE WHEN requires_social_media THEN 1 ELSE 0 END"
_SILENT = "CASE WHEN requires_social_media AND title IS NOT NULL AND NOT title_mentions_social_media THEN 1 ELSE 0 END"
_SM_UNTITLED = "CASE WHEN requires_social_media AND title IS NULL THEN 1 ELSE 0 END"
_UNTITLED = "CASE WHEN title IS NULL THEN 1 ELSE 0 END"
_FIXED = 6
"""The sums before the areas' in a row of ``_grouping_sql``: count(*), social-media, silent, social-media
without a title, flagged, without a title."""
_GROUPS = ("year", "region", "occupation", "lang")


def _grouping_sql(threshold: float) -> str:
    sums = [_SM, _SILENT, _SM_UNTITLED, "CASE WHEN flags > 0 THEN 1 ELSE 0 END", _UNTITLED]
    for a in AREA_IDS:
        asked = f"area_{a} >= {threshold!r}"
        sums.append(f"CASE WHEN {asked} THEN 1 ELSE 0 END")
        sums.append(f"CASE WHEN {asked} AND requires_social_media THEN 1 ELSE 0 END")
    return (
        f"SELECT {', '.join(_GROUPS)}, {', '.join(f'grouping({g})' for g in _GROUPS)}, count(*), "
        + ", ".join(f"coalesce(sum({x}), 0)" for x in sums)
        + f" FROM ads GROUP BY GROUPING SETS ((), {', '.join(f'({g})' for g in _GROUPS)})"
    )


def _top(groups: dict[str, Counts], *, key: Callable[[tuple[str, Counts]], Any], n: int) -> dict[str, Counts]:
    return dict(sorted(groups.items(), key=key)[:n])


def report_from_sql(
    query: Query, *, explode: str, threshold: float = ASKED_MIN, top: int = TOP_N
) -> MarketReport:
    """The report over the ``ads`` table; ``explode`` names the dialect's array-to-rows function."""
    k = len(_GROUPS)
    total = Counts()
    flagged = untitled = 0
    missing: dict[str, Counts] = {}
    by_area: dict[str, int] = dict.fromkeys(AREA_IDS, 0)
    by_area_sm: dict[str, int] = dict.fromkeys(AREA_IDS, 0)
    grouped: dict[str, dict[Any, Counts]] = {g: {} for g in _GROUPS}
    for row in query(_grouping_sql(threshold)):
        values, rolled, sums = row[:k], row[k : 2 * k], [int(x or 0) for x in row[2 * k :]]
        counts = Counts(
            ads=sums[0],
            social_media_ads=sums[1],
            social_media_ads_title_silent=sums[2],
            social_media_ads_without_title=sums[3],
        )
        if all(rolled):  # the grand total
            total, flagged, untitled = counts, sums[4], sums[5]
            for i, a in enumerate(AREA_IDS):
                by_area[a], by_area_sm[a] = sums[_FIXED + 2 * i], sums[_FIXED + 1 + 2 * i]
            continue
        name = _GROUPS[list(rolled).index(0)]
        value = values[_GROUPS.index(name)]
        if value is None:
            missing[name] = counts
        else:
            grouped[name][value] = counts
    flags = {
        str(r[0]): int(r[1])
        for r in query(
            f"SELECT category, count(*) FROM (SELECT {explode}(flag_categories) AS category FROM ads) f "
            "GROUP BY category ORDER BY count(*) DESC, category"
        )
    }
    lang = {str(v): c.ads for v, c in grouped["lang"].items()}
    return MarketReport(
        total=total,
        by_year={int(y): c for y, c in sorted(grouped["year"].items())},
        undated=missing.get("year", Counts()).ads,
        by_area=by_area,
        by_area_social_media=by_area_sm,
        by_region=_top(
            {str(v): c for v, c in grouped["region"].items()}, key=lambda kv: (-kv[1].ads, kv[0]), n=top
        ),
        by_occupation=_top(  # the occupations with social-media ads: an occupation with none is not among them
            {str(v): c for v, c in grouped["occupation"].items() if c.social_media_ads},
            key=lambda kv: (-kv[1].social_media_ads, -kv[1].ads, kv[0]),
            n=top,
        ),
        by_lang=dict(sorted(lang.items(), key=lambda kv: (-kv[1], kv[0]))),
        ads_flagged=flagged,
        flags=flags,
        ads_without_title=untitled,
        without_region=missing.get("region", Counts()),
        without_occupation=missing.get("occupation", Counts()),
    )
