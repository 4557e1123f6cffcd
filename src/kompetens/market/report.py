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
    """Ads, social-media ads and title-silent social-media ads of one group (a year, a region...)."""

    ads: int = 0
    social_media_ads: int = 0
    social_media_ads_title_silent: int = 0

    @property
    def share_title_silent(self) -> float:
        return _share(self.social_media_ads_title_silent, self.social_media_ads)

    def to_dict(self) -> dict[str, Any]:
        return {
            "ads": self.ads,
            "social_media_ads": self.social_media_ads,
            "social_media_ads_title_silent": self.social_media_ads_title_silent,
            "share_title_silent": round(self.share_title_silent, 4),
        }


@dataclass(slots=True, frozen=True)
class RunInfo:
    """How the report was made: backend, ads measured in this run, wall time."""

    backend: str
    measured: int
    seconds: float

    @property
    def ads_per_second(self) -> float:
        return self.measured / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "backend": self.backend,
            "measured": self.measured,
            "seconds": round(self.seconds, 3),
            "ads_per_second": round(self.ads_per_second, 2),
        }


@dataclass(slots=True)
class MarketReport:
    """Market figures over every ad a backend holds; ``to_dict`` is the ``kompetens market --json`` object."""

    total: Counts
    by_year: dict[int, Counts]
    undated: int
    by_area: dict[str, int]
    by_area_social_media: dict[str, int]
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
    def social_media_ads(self) -> int:
        return self.total.social_media_ads

    @property
    def social_media_ads_title_silent(self) -> int:
        return self.total.social_media_ads_title_silent

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "ads": self.ads,
            "social_media_ads": self.social_media_ads,
            "social_media_ads_title_silent": self.social_media_ads_title_silent,
            "share_social_media": round(_share(self.social_media_ads, self.ads), 4),
            "share_title_silent": round(self.total.share_title_silent, 4),
            "by_year": {str(y): c.to_dict() for y, c in sorted(self.by_year.items())},
            "undated": self.undated,
            "by_area": {a: self.by_area.get(a, 0) for a in AREA_IDS},
            "by_area_social_media": {a: self.by_area_social_media.get(a, 0) for a in AREA_IDS},
            "area_threshold": ASKED_MIN,
            "by_region": {k: c.to_dict() for k, c in self.by_region.items()},
            "by_occupation": {k: c.to_dict() for k, c in self.by_occupation.items()},
            "by_lang": dict(self.by_lang),
            "flags": {"ads_flagged": self.ads_flagged, "by_category": dict(self.flags)},
            "errors": self.error_count,
            "failed": [{"source": e.source, "error": e.to_dict()} for e in self.errors],
        }
        if self.run is not None:
            out["run"] = self.run.to_dict()
        return out

    def render_html(self, *, title: str = "Social-media competence in job ads") -> str:
        """A self-contained HTML page with inline SVG charts."""
        from .html import render_html

        return render_html(self, title=title)

    def render_text(self, *, width: int = 100) -> str:
        """Plain-text tables for a terminal or a log."""
        from .text import render_text

        return render_text(self, width=width)


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


# -- SQL shared by the backends ----------------------------------------------------------------------
_SM = "CASE WHEN requires_social_media THEN 1 ELSE 0 END"
_SILENT = "CASE WHEN requires_social_media AND NOT title_mentions_social_media THEN 1 ELSE 0 END"
_COUNTS = f"count(*), coalesce(sum({_SM}), 0), coalesce(sum({_SILENT}), 0)"


def _counts(row: Sequence[Any]) -> Counts:
    return Counts(int(row[0] or 0), int(row[1] or 0), int(row[2] or 0))


def _grouped(query: Query, column: str, *, order: str, limit: int | None) -> dict[Any, Counts]:
    sql = (
        f"SELECT {column}, {_COUNTS} FROM ads WHERE {column} IS NOT NULL "
        f"GROUP BY {column} ORDER BY {order}, {column}"
    )
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return {row[0]: _counts(row[1:]) for row in query(sql)}


def _areas(query: Query, *, threshold: float) -> tuple[dict[str, int], dict[str, int]]:
    cols: list[str] = []
    for a in AREA_IDS:
        asked = f"area_{a} >= {threshold!r}"
        cols.append(f"coalesce(sum(CASE WHEN {asked} THEN 1 ELSE 0 END), 0)")
        cols.append(f"coalesce(sum(CASE WHEN {asked} AND requires_social_media THEN 1 ELSE 0 END), 0)")
    row = query(f"SELECT {', '.join(cols)} FROM ads")[0]
    every = {a: int(row[2 * i]) for i, a in enumerate(AREA_IDS)}
    social = {a: int(row[2 * i + 1]) for i, a in enumerate(AREA_IDS)}
    return every, social


def report_from_sql(
    query: Query, *, explode: str, threshold: float = ASKED_MIN, top: int = TOP_N
) -> MarketReport:
    """The report over the ``ads`` table; ``explode`` names the dialect's array-to-rows function."""
    total = _counts(query(f"SELECT {_COUNTS} FROM ads")[0])
    undated = int(query("SELECT count(*) FROM ads WHERE year IS NULL")[0][0] or 0)
    by_year = {int(k): v for k, v in _grouped(query, "year", order="year", limit=None).items()}
    by_area, by_area_sm = _areas(query, threshold=threshold)
    by_region = _grouped(query, "region", order="count(*) DESC", limit=top)
    by_occupation = _grouped(
        query, "occupation", order=f"coalesce(sum({_SM}), 0) DESC, count(*) DESC", limit=top
    )
    by_lang = {
        str(r[0]): int(r[1])
        for r in query("SELECT lang, count(*) FROM ads GROUP BY lang ORDER BY count(*) DESC, lang")
    }
    flagged = int(query("SELECT count(*) FROM ads WHERE flags > 0")[0][0] or 0)
    flags = {
        str(r[0]): int(r[1])
        for r in query(
            f"SELECT category, count(*) FROM (SELECT {explode}(flag_categories) AS category FROM ads) f "
            "GROUP BY category ORDER BY count(*) DESC, category"
        )
    }
    return MarketReport(
        total=total,
        by_year=by_year,
        undated=undated,
        by_area=by_area,
        by_area_social_media=by_area_sm,
        by_region={str(k): v for k, v in by_region.items()},
        by_occupation={str(k): v for k, v in by_occupation.items()},
        by_lang=by_lang,
        ads_flagged=flagged,
        flags=flags,
    )
