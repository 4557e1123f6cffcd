"""``render_html``: a market report as one self-contained page (inline CSS and SVG, no external assets)."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, PackageLoader, select_autoescape

from ..models import AREA_IDS
from ..review.html import label_width
from .words import area_labels, region_title, words

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


def share_text(share: float | None, lang: str = "en") -> str:
    """A share as the reports write it: one decimal under 10 % ("2.5%", not "2%"), whole percents above;
    "–" for none (a share of no ads). In Swedish "2,5 %" and "36 %"."""
    if share is None:
        return "–"
    text = f"{share:.1%}" if 0 < share < 0.1 else f"{share:.0%}"
    return text.replace(".", ",").replace("%", "\u00a0%") if lang == "sv" else text


def number_text(value: int, lang: str = "en") -> str:
    """A count as the reports write it: "1,382" (English), "1\u00a0382" (Swedish, a no-break space)."""
    text = f"{value:,}"
    return text.replace(",", "\u00a0") if lang == "sv" else text


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("kompetens.market", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["share"] = share_text
    env.filters["num"] = number_text
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


def _chart_words(lang: str) -> dict[str, str]:
    found: dict[str, str] = words(lang)["html"]
    return found


def _year_chart(report: MarketReport, w: dict[str, str] | None = None) -> dict[str, Any]:
    """Grouped bars per year: all ads, social-media ads, and the title-silent part of those; a year without
    ads keeps its place on the axis, labelled, without bars."""
    w = w or _chart_words("en")
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
                    _bar(x, c.ads, top, "ads", w["bar_ads"].format(year=year, n=c.ads)),
                    _bar(
                        x + _BAR_W + 2,
                        c.social_media_ads,
                        top,
                        "sm",
                        w["bar_sm"].format(year=year, n=c.social_media_ads),
                    ),
                    _bar(
                        x + _BAR_W + 2,
                        c.social_media_ads_title_silent,
                        top,
                        "silent",
                        w["bar_silent"].format(year=year, n=c.social_media_ads_title_silent),
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


def _share_chart(report: MarketReport, w: dict[str, str] | None = None, lang: str = "en") -> dict[str, Any]:
    """Share of social-media ads whose title is silent about it, per year (a line with dots)."""
    w = w or _chart_words(lang)
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
                "title": w["dot"].format(
                    year=year, share=share_text(share, lang), n=c.social_media_ads_with_title
                ),
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
        "ticks": _ticks(1.0, fmt=lambda v: share_text(v, lang)),
        "width": _LEFT + 16 + max(1, len(axis)) * _GROUP_W,
        "height": _TOP + _PLOT_H + _BOTTOM,
        "left": _LEFT,
        "base": _TOP + _PLOT_H,
    }


def _area_chart(
    report: MarketReport, labels: dict[str, str], w: dict[str, str] | None = None, lang: str = "en"
) -> dict[str, Any]:
    """Per area: the share of social-media ads (and of all ads) that ask for it."""
    w = w or _chart_words(lang)
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
                "sm_pct": share_text(sm_share, lang),
                "title": w["area_bar"].format(
                    label=labels[area], sm=sm, all_sm=report.social_media_ads, n=every, all=report.ads
                ),
            }
        )
    return {
        "rows": rows,
        "bar_x": label_w,
        "bar_w": _AREA_BAR_W,
        "width": label_w + _AREA_BAR_W + 60,
        "height": len(AREA_IDS) * _AREA_ROW + 8,
    }


def render_html(report: MarketReport, *, title: str | None = None, lang: str = "en") -> str:
    """The report as one HTML page in ``lang`` (en, sv): key figures, three SVG charts and the tables behind
    them. ``title``: the page's (default: the language's "Social-media competence in job ads")."""
    t = words(lang)
    labels = area_labels(lang)
    w: dict[str, str] = t["html"]
    template = _environment().get_template("market.html")
    return template.render(
        title=title or t["title"],
        lang=lang,
        t=t,
        h=w,
        region_title=region_title(report, lang),
        report=report,
        data=report.to_dict(),
        labels=labels,
        years=_year_chart(report, w),
        shares=_share_chart(report, w, lang),
        areas=_area_chart(report, labels, w, lang),
    )
