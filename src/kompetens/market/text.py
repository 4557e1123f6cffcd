"""The market report as rich tables for a terminal (``tables``) or as plain text (``render_text``)."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..models import AREA_IDS
from ..taxonomy.areas import load_areas
from .html import share_text

if TYPE_CHECKING:
    from .report import Counts, MarketReport


BIASED_LABEL = (
    "Ads with biased wording: strong signals (an age or explicit gender, a gender lean of 2+ words)"
)
"""What the headline counts: ``ads_flagged_strong``, the ads with a strong signal (``analyse.is_strong``)."""
WEAK_LABEL = "  weak signals only (years of experience, a one-word gender lean): not above"
"""The ads flagged for weak signals alone (``ads_flagged_weak_only``), apart from the headline."""
MERIT_LABEL = "  of those, asked for as a merit only"
"""The social-media ads whose every sign of it is a merit (``social_media_ads_merit_only``)."""
GENDER_NOTE = (
    "gender: coded words that lean one way, or an explicit demand. An ad whose coded words balance is"
    " neutral and not counted here, though `review` lists its words as flags to check. Strong: an explicit"
    " demand, or a lean of 2 words or more; a lean of one word (2 against 1) and years of experience are"
    " weak signals, in the table but not in the headline."
)
"""Why ``by_category``'s gender count is below the ads ``review`` prints gender flags for."""


UNTITLED_LABEL = "Ads with no title read (not in the title-silent figures)"
"""What ``ads_without_title`` counts: their titles' silence is unknown, so they are left out of it."""


def _pct(part: int, whole: int) -> str:
    return share_text(part / whole) if whole else "–"


def _silent_share(c: Counts) -> str:
    """The share of silent titles among the social-media ads with one; said unknown where none has one."""
    if c.social_media_ads and not c.social_media_ads_with_title:
        return "unknown: no title read"
    return share_text(c.share_title_silent)


def _summary(report: MarketReport) -> Table:
    stored = report.scope == "store"
    title = "Market: every ad in the store, earlier --store runs' too" if stored else "Market"
    t = Table(title=title, show_header=False)
    t.add_column("what")
    t.add_column("n", justify="right")
    t.add_column("share", justify="right")
    if stored and report.run is not None:
        t.add_row("Ads in the store", f"{report.ads:,}", f"this run: {report.run.measured:,}")
    elif report.merged and report.run is not None:
        read = f"{report.run.measured:,} read, {report.ads:,} distinct"
        t.add_row("Ads measured (an ad read again under the same key counts once)", f"{report.ads:,}", read)
    else:
        t.add_row("Ads measured", f"{report.ads:,}", "")
    t.add_row(
        "Need social-media competence",
        f"{report.social_media_ads:,}",
        _pct(report.social_media_ads, report.ads),
    )
    t.add_row(
        "  of those, title silent about it",
        f"{report.social_media_ads_title_silent:,}",
        _silent_share(report.total),
    )
    t.add_row(
        MERIT_LABEL,
        f"{report.total.social_media_ads_merit_only:,}",
        _pct(report.total.social_media_ads_merit_only, report.social_media_ads),
    )
    if report.ads_without_title:
        t.add_row(
            UNTITLED_LABEL,
            f"{report.ads_without_title:,}",
            f"{report.total.social_media_ads_without_title:,} social-media",
        )
    t.add_row(BIASED_LABEL, f"{report.ads_flagged_strong:,}", _pct(report.ads_flagged_strong, report.ads))
    weak = report.ads_flagged - report.ads_flagged_strong
    t.add_row(WEAK_LABEL, f"{weak:,}", _pct(weak, report.ads))
    if report.undated:
        t.add_row(
            "Undated ads (no readable publication date: not in the years' figures)",
            f"{report.undated:,}",
            f"{report.without_year.social_media_ads:,} social-media",
        )
    if report.error_count:
        t.add_row("Inputs that failed", f"{report.error_count:,}", "")
    if report.run is not None:
        t.add_row(
            f"Speed ({report.run.backend})",
            f"{report.run.ads_per_second:,.1f} ads/s",
            f"{report.run.seconds:.1f} s",
        )
    return t


NO_REGION = "(no region)"
NO_OCCUPATION = "(no occupation)"
UNDATED = "(undated)"
"""The rows of the ads a breakdown has no name for, so that its rows add up to every ad it covers."""
OTHER_REGIONS = "(other regions)"
OTHER_OCCUPATIONS = "(other occupations)"
"""The rows of the ads of the groups a capped list leaves out."""


def _counts_table(
    title: str, key: str, rows: dict[str, Counts], *, last: tuple[tuple[str, Counts], ...] = ()
) -> Table:
    """A table of counts per group; ``last``: rows for the ads of no group or of groups not listed, shown
    when they hold any ad."""
    t = Table(title=title)
    for name in (key, "Ads", "Social-media ads", "Merit only", "Title silent", "Share silent"):
        t.add_column(name, justify="left" if name == key else "right")
    shown = [*rows.items(), *(row for row in last if row[1].ads)]
    for name, c in shown:
        t.add_row(
            name,
            f"{c.ads:,}",
            f"{c.social_media_ads:,}",
            f"{c.social_media_ads_merit_only:,}",
            f"{c.social_media_ads_title_silent:,}",
            _silent_share(c),
        )
    return t


def _areas_table(report: MarketReport) -> Table:
    labels = {a.id: a.label_en for a in load_areas()}
    t = Table(title="Competence areas asked for")
    for name in ("Area", "Social-media ads", "Share", "All ads", "Share of all"):
        t.add_column(name, justify="left" if name == "Area" else "right")
    for a in AREA_IDS:
        sm, every = report.by_area_social_media.get(a, 0), report.by_area.get(a, 0)
        t.add_row(
            labels.get(a, a),
            f"{sm:,}",
            _pct(sm, report.social_media_ads),
            f"{every:,}",
            _pct(every, report.ads),
        )
    return t


def tables(report: MarketReport) -> list[RenderableType]:
    """Summary, per year, areas, regions, top occupations, flags and failed inputs, as rich tables."""
    out: list[RenderableType] = [_summary(report)]
    years = {str(y): c for y, c in sorted(report.by_year.items())}
    out.append(_counts_table("Per year", "Year", years, last=((UNDATED, report.without_year),)))
    if report.by_month:
        out.append(_counts_table("Per month", "Month", report.by_month))
    out.append(_areas_table(report))
    if report.by_region:  # as the HTML report has it
        out.append(
            _counts_table(
                region_title(report),
                "Region",
                report.by_region,
                last=((OTHER_REGIONS, report.other_regions), (NO_REGION, report.without_region)),
            )
        )
    if report.by_occupation:
        out.append(
            _counts_table(
                "Occupations with the most social-media ads",
                "Occupation",
                report.by_occupation,
                last=(
                    (OTHER_OCCUPATIONS, report.other_occupations),
                    (NO_OCCUPATION, report.without_occupation),
                ),
            )
        )
    if report.flags:
        t = Table(title="Biased wording")
        t.add_column("Category")
        t.add_column("Ads", justify="right")
        t.add_column("Strong signal", justify="right")
        for cat, n in report.flags.items():
            t.add_row(cat, f"{n:,}", f"{report.flags_strong.get(cat, 0):,}")
        out += [t, Text(GENDER_NOTE, style="dim")]
    if report.errors:
        t = Table(title=f"Inputs that failed ({report.error_count:,})")
        t.add_column("Source")
        t.add_column("Error")
        for e in report.errors:
            t.add_row(e.source or "?", f"{e.message} [{e.code.name}]")
        out.append(t)
    return out


def region_title(report: MarketReport) -> str:
    """ "Regions" where every region is listed, else how many of how many."""
    if len(report.by_region) < report.regions:
        return f"Regions with the most ads ({len(report.by_region)} of {report.regions})"
    return "Regions"


def render_text(report: MarketReport, *, width: int = 100) -> str:
    """The tables as plain text (no colours)."""
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system=None, force_terminal=False)
    console.print(Group(*tables(report)))
    return buffer.getvalue()
