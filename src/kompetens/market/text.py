"""The market report as rich tables for a terminal (``tables``) or as plain text (``render_text``), in English
or Swedish (``lang``: the words are ``lang/<lang>/market.json``)."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..models import AREA_IDS
from .html import number_text, share_text
from .words import REPORT_LANGS, area_labels, region_title, words

if TYPE_CHECKING:
    from .report import Counts, MarketReport

__all__ = ["REPORT_LANGS", "area_labels", "region_title", "render_text", "tables", "words"]

_EN = words("en")
BIASED_LABEL: str = _EN["biased"]
"""What the headline counts: ``ads_flagged_strong``, the ads with a strong signal (``analyse.is_strong``)."""
WEAK_LABEL: str = _EN["weak"]
"""The ads flagged for weak signals alone (``ads_flagged_weak_only``), apart from the headline."""
MERIT_LABEL: str = _EN["merit"]
"""The social-media ads whose every sign of it is a merit (``social_media_ads_merit_only``)."""
GENDER_NOTE: str = _EN["gender_note"]
"""Why ``by_category``'s gender count is below the ads ``review`` prints gender flags for."""
UNTITLED_LABEL: str = _EN["untitled"]
"""What ``ads_without_title`` counts: their titles' silence is unknown, so they are left out of it."""
NO_REGION: str = _EN["no_region"]
NO_OCCUPATION: str = _EN["no_occupation"]
UNDATED: str = _EN["undated"]
"""The rows of the ads a breakdown has no name for, so that its rows add up to every ad it covers."""
OTHER_REGIONS: str = _EN["other_regions"]
OTHER_OCCUPATIONS: str = _EN["other_occupations"]
"""The rows of the ads of the groups a capped list leaves out."""


class _Words:
    """The words of one language, and its numbers and shares ("1,382" and "2.5%"; "1 382" and "2,5 %")."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.w = words(lang)

    def __getitem__(self, key: str) -> str:
        value: str = self.w[key]
        return value

    def n(self, value: int) -> str:
        return number_text(value, self.lang)

    def pct(self, part: int, whole: int) -> str:
        return share_text(part / whole, self.lang) if whole else "–"

    def silent_share(self, c: Counts) -> str:
        """The share of silent titles among the social-media ads with one; said unknown where none has one."""
        if c.social_media_ads and not c.social_media_ads_with_title:
            return self["unknown_no_title"]
        return share_text(c.share_title_silent, self.lang)


def _summary(report: MarketReport, w: _Words) -> Table:
    stored = report.scope == "store"
    t = Table(title=w["market_store"] if stored else w["market"], show_header=False)
    t.add_column("what")
    t.add_column("n", justify="right")
    t.add_column("share", justify="right")
    if stored and report.run is not None:
        t.add_row(w["ads_in_store"], w.n(report.ads), w["this_run"].format(n=w.n(report.run.measured)))
    elif report.merged and report.run is not None:
        read = w["read_distinct"].format(read=w.n(report.run.measured), distinct=w.n(report.ads))
        t.add_row(w["ads_measured_merged"], w.n(report.ads), read)
    else:
        t.add_row(w["ads_measured"], w.n(report.ads), "")
    t.add_row(w["need_sm"], w.n(report.social_media_ads), w.pct(report.social_media_ads, report.ads))
    t.add_row(w["silent"], w.n(report.social_media_ads_title_silent), w.silent_share(report.total))
    merit = report.total.social_media_ads_merit_only
    t.add_row(w["merit"], w.n(merit), w.pct(merit, report.social_media_ads))
    if report.ads_without_title:
        sm = w["untitled_sm"].format(n=w.n(report.total.social_media_ads_without_title))
        t.add_row(w["untitled"], w.n(report.ads_without_title), sm)
    t.add_row(w["biased"], w.n(report.ads_flagged_strong), w.pct(report.ads_flagged_strong, report.ads))
    weak = report.ads_flagged - report.ads_flagged_strong
    t.add_row(w["weak"], w.n(weak), w.pct(weak, report.ads))
    if report.undated:
        sm = w["untitled_sm"].format(n=w.n(report.without_year.social_media_ads))
        t.add_row(w["undated_ads"], w.n(report.undated), sm)
    if report.error_count:
        t.add_row(w["failed_inputs"], w.n(report.error_count), "")
    if report.run is not None:
        rate = f"{report.run.ads_per_second:,.1f}"
        t.add_row(
            w["speed"].format(backend=report.run.backend),
            w["ads_per_s"].format(rate=rate if w.lang == "en" else rate.replace(",", " ").replace(".", ",")),
            f"{report.run.seconds:.1f} s"
            if w.lang == "en"
            else f"{report.run.seconds:.1f} s".replace(".", ","),
        )
    return t


def _counts_table(
    w: _Words, title: str, key: str, rows: dict[str, Counts], *, last: tuple[tuple[str, Counts], ...] = ()
) -> Table:
    """A table of counts per group; ``last``: rows for the ads of no group or of groups not listed, shown
    when they hold any ad."""
    t = Table(title=title)
    for name in (key, w["col_ads"], w["col_sm"], w["col_merit"], w["col_silent"], w["col_share_silent"]):
        t.add_column(name, justify="left" if name == key else "right")
    shown = [*rows.items(), *(row for row in last if row[1].ads)]
    for name, c in shown:
        t.add_row(
            name,
            w.n(c.ads),
            w.n(c.social_media_ads),
            w.n(c.social_media_ads_merit_only),
            w.n(c.social_media_ads_title_silent),
            w.silent_share(c),
        )
    return t


def _areas_table(report: MarketReport, w: _Words) -> Table:
    labels = area_labels(w.lang)
    t = Table(title=w["areas"])
    for name in (w["col_area"], w["col_sm"], w["col_share"], w["col_all_ads"], w["col_share_all"]):
        t.add_column(name, justify="left" if name == w["col_area"] else "right")
    for a in AREA_IDS:
        sm, every = report.by_area_social_media.get(a, 0), report.by_area.get(a, 0)
        t.add_row(
            labels[a], w.n(sm), w.pct(sm, report.social_media_ads), w.n(every), w.pct(every, report.ads)
        )
    return t


def tables(report: MarketReport, *, lang: str = "en") -> list[RenderableType]:
    """Summary, per year and month, areas, regions, top occupations, flags and failed inputs, as rich tables,
    in ``lang``."""
    w = _Words(lang)
    out: list[RenderableType] = [_summary(report, w)]
    years = {str(y): c for y, c in sorted(report.by_year.items())}
    out.append(
        _counts_table(w, w["per_year"], w["col_year"], years, last=((w["undated"], report.without_year),))
    )
    if report.by_month:
        out.append(_counts_table(w, w["per_month"], w["col_month"], report.by_month))
    out.append(_areas_table(report, w))
    if report.by_region:  # as the HTML report has it
        last = ((w["other_regions"], report.other_regions), (w["no_region"], report.without_region))
        out.append(_counts_table(w, region_title(report, lang), w["col_region"], report.by_region, last=last))
    if report.by_occupation:
        last = (
            (w["other_occupations"], report.other_occupations),
            (w["no_occupation"], report.without_occupation),
        )
        out.append(_counts_table(w, w["occupations"], w["col_occupation"], report.by_occupation, last=last))
    if report.flags:
        t = Table(title=w["biased_title"])
        t.add_column(w["col_category"])
        t.add_column(w["col_ads"], justify="right")
        t.add_column(w["col_strong"], justify="right")
        names = w.w["categories"]
        for cat, n in report.flags.items():
            t.add_row(names.get(cat, cat), w.n(n), w.n(report.flags_strong.get(cat, 0)))
        out += [t, Text(w["gender_note"], style="dim")]
    if report.errors:
        t = Table(title=w["failed_title"].format(n=w.n(report.error_count)))
        t.add_column(w["col_source"])
        t.add_column(w["col_error"])
        for e in report.errors:
            t.add_row(e.source or "?", f"{e.message} [{e.code.name}]")
        out.append(t)
    return out


def render_text(report: MarketReport, *, width: int = 100, lang: str = "en") -> str:
    """The tables as plain text (no colours), in ``lang``."""
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system=None, force_terminal=False)
    console.print(Group(*tables(report, lang=lang)))
    return buffer.getvalue()
