"""``render_html``: a market report as one self-contained page (inline CSS and SVG, no external assets)."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, PackageLoader, select_autoescape

from ..models import AREA_IDS
from ..review.html import label_width
from ..taxonomy.areas import load_areas

if TYPE_CHECKING:
    from .report import MarketReport

_PLOT_H = 180
_BAR_W = 14
_GROUP_W = 44
_LEFT = 52
_TOP = 12
_BOTTOM = 28
_AREA_ROW = 26
_AREA_LABEL_W = 220
_AREA_BAR_W = 260
_MAX_YEAR_SLOTS = 40
"""A year axis spans every calendar year from the first to the last (a year without ads is an empty slot, so
the distances between bars are true ones) unless that would be more slots than this: then only the years
with ads, side by side."""


def share_text(share: float | None) -> str:
    """A share as the reports write it: one decimal under 10 % ("2.5%", not "2%"), whole percents above;
    "–" for none (a share of no ads)."""
    if share is None:
        return "–"
    return f"{share:.1%}" if 0 < share < 0.1 else f"{share:.0%}"


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("kompetens.market", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["share"] = share_text
    return env


def _nice_max(value: int) -> int:
    """A round axis maximum at or above ``value`` that splits into four whole ticks (4, 8, 12, 16, 20, 40...)."""
    step = 1
    while True:
        for m in (4, 8, 12, 16, 20):
            if step * m >= value:
                return step * m
        step *= 10


def _y(value: float, top: float) -> float:
    return round(_TOP + _PLOT_H - (value / top) * _PLOT_H, 1)


def _year_slots(years: list[int]) -> tuple[list[int], dict[int, int]]:
    """The years the axis labels and the slot of each year with ads (see ``_MAX_YEAR_SLOTS``)."""
    spans = bool(years) and years[-1] - years[0] < _MAX_YEAR_SLOTS
    axis = list(range(years[0], years[-1] + 1)) if spans else years
    return axis, {year: i for i, year in enumerate(axis)}


def _year_chart(report: MarketReport) -> dict[str, Any]:
    """Grouped bars per year: all ads, social-media ads, and the title-silent part of those; a year without
    ads keeps its place on the axis, labelled, without bars."""
    years = sorted(report.by_year)
    axis, slot = _year_slots(years)
    top = _nice_max(max((c.ads for c in report.by_year.values()), default=0))
    groups = []
    for year in axis:
        x = _LEFT + 8 + slot[year] * _GROUP_W
        c = report.by_year.get(year)
        if c is None:
            groups.append({"label": str(year), "x_label": x + _BAR_W, "bars": [], "empty": True})
            continue
        groups.append(
            {
                "label": str(year),
                "x_label": x + _BAR_W,
                "bars": [
                    _bar(x, c.ads, top, "ads", f"{year}: {c.ads} ads"),
                    _bar(
                        x + _BAR_W + 2,
                        c.social_media_ads,
                        top,
                        "sm",
                        f"{year}: {c.social_media_ads} social-media ads",
                    ),
                    _bar(
                        x + _BAR_W + 2,
                        c.social_media_ads_title_silent,
                        top,
                        "silent",
                        f"{year}: {c.social_media_ads_title_silent} with a title that does not say so",
                    ),
                ],
                "empty": False,
            }
        )
    return {
        "groups": groups,
        "ticks": _ticks(top, fmt=lambda v: f"{v:,.0f}"),
        "width": _LEFT + 16 + max(1, len(axis)) * _GROUP_W,
        "height": _TOP + _PLOT_H + _BOTTOM,
        "left": _LEFT,
        "base": _TOP + _PLOT_H,
    }


def _bar(x: float, value: int, top: int, kind: str, title: str) -> dict[str, Any]:
    y = _y(value, top)
    return {"x": x, "y": y, "w": _BAR_W, "h": round(_TOP + _PLOT_H - y, 1), "kind": kind, "title": title}


def _ticks(top: float, *, fmt: Any) -> list[dict[str, Any]]:
    return [{"y": _y(top * k / 4, top), "label": fmt(top * k / 4)} for k in range(5)]


def _share_chart(report: MarketReport) -> dict[str, Any]:
    """Share of social-media ads whose title is silent about it, per year (a line with dots)."""
    years = sorted(report.by_year)
    axis, slot = _year_slots(years)
    points = []
    for year in years:
        c = report.by_year[year]
        share = c.share_title_silent
        points.append(
            {
                "x": _LEFT + 8 + slot[year] * _GROUP_W + _BAR_W,
                "y": _y(share or 0.0, 1.0),
                "label": str(year),
                "title": f"{year}: {share_text(share)} of {c.social_media_ads_with_title} social-media ads"
                " with a title",
                "empty": share is None,
            }
        )
    # a line joins only following years that both have social-media ads: across a year without any (or a
    # year with no ads at all, which the axis leaves out) it would draw a trend nobody measured
    lines: list[list[str]] = []
    last: int | None = None
    for year, p in zip(years, points, strict=True):
        if p["empty"]:
            last = None
            continue
        if last is None or year != last + 1:
            lines.append([])
        lines[-1].append(f"{p['x']},{p['y']}")
        last = year
    return {
        "points": points,
        "lines": [" ".join(seg) for seg in lines if len(seg) > 1],
        "ticks": _ticks(1.0, fmt=lambda v: f"{v:.0%}"),
        "width": _LEFT + 16 + max(1, len(axis)) * _GROUP_W,
        "height": _TOP + _PLOT_H + _BOTTOM,
        "left": _LEFT,
        "base": _TOP + _PLOT_H,
    }


def _area_chart(report: MarketReport, labels: dict[str, str]) -> dict[str, Any]:
    """Per area: the share of social-media ads (and of all ads) that ask for it."""
    label_w = label_width(labels.values(), font_px=11, minimum=_AREA_LABEL_W)
    rows = []
    for i, area in enumerate(AREA_IDS):
        sm = report.by_area_social_media.get(area, 0)
        every = report.by_area.get(area, 0)
        sm_share = sm / report.social_media_ads if report.social_media_ads else 0.0
        all_share = every / report.ads if report.ads else 0.0
        rows.append(
            {
                "y": i * _AREA_ROW + 4,
                "label": labels[area],
                "sm_w": round(sm_share * _AREA_BAR_W, 1),
                "all_w": round(all_share * _AREA_BAR_W, 1),
                "sm_pct": share_text(sm_share),
                "title": f"{labels[area]}: {sm} of {report.social_media_ads} social-media ads, {every} of {report.ads} ads",
            }
        )
    return {
        "rows": rows,
        "bar_x": label_w,
        "bar_w": _AREA_BAR_W,
        "width": label_w + _AREA_BAR_W + 60,
        "height": len(AREA_IDS) * _AREA_ROW + 8,
    }


def render_html(report: MarketReport, *, title: str) -> str:
    """The report as one HTML page: key figures, three SVG charts and the tables behind them."""
    labels = {a.id: a.label_en for a in load_areas()}
    labels = {a: labels.get(a) or a.replace("_", " ") for a in AREA_IDS}
    from .text import region_title

    template = _environment().get_template("market.html")
    return template.render(
        title=title,
        region_title=region_title(report),
        report=report,
        data=report.to_dict(),
        labels=labels,
        years=_year_chart(report),
        shares=_share_chart(report),
        areas=_area_chart(report, labels),
    )
