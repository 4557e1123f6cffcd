"""The market report's words in each language (``lang/<lang>/market.json``), for its tables and its page."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..lang import REPORT_LANGS, report_words

__all__ = ["REPORT_LANGS", "area_labels", "region_title", "words"]
from ..models import AREA_IDS
from ..taxonomy.areas import load_areas

if TYPE_CHECKING:
    from .report import MarketReport


def words(lang: str = "en") -> dict[str, Any]:
    """The report's words in ``lang`` (``lang/<lang>/market.json``); E301 for a language without them."""
    return report_words("market", lang)


def area_labels(lang: str = "en") -> dict[str, str]:
    """Each area's label in ``lang`` (its id where it has none)."""
    labels = {a.id: a.label(lang) for a in load_areas()}
    return {a: labels.get(a) or a.replace("_", " ") for a in AREA_IDS}


def region_title(report: MarketReport, lang: str = "en") -> str:
    """The regions table's title: "Regions" where every region is listed, else how many of how many."""
    w = words(lang)
    if len(report.by_region) < report.regions:
        return str(w["regions_top"]).format(shown=len(report.by_region), all=report.regions)
    return str(w["regions"])
