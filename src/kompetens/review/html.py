"""``render_html``: a self-contained HTML report of a review (inline CSS and SVG, no external assets)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, select_autoescape

from ..errors import FailedInput
from ..lang import report_words, said_error
from ..models import AREA_IDS, Document
from .core import Review
from .flags import grounds_line
from .jurisdiction import jurisdiction_line

_CHART_ROW = 24
_CHART_LABEL_W = 170
_CHART_BAR_W = 200


@dataclass(slots=True, frozen=True)
class _Segment:
    kind: str  # "text" | "flag" | "area"
    text: str
    index: int = 0
    category: str = ""
    counted: bool = True
    title: str = ""


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("kompetens.review", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _marks(
    review: Review, w: Mapping[str, Any], labels: Mapping[str, str]
) -> list[tuple[int, int, _Segment]]:
    """Highlight spans: flags first, then area evidence (titled with the area's name in the report's language)
    and set-aside social cues that overlap none."""
    marks: list[tuple[int, int, _Segment]] = []
    for i, f in enumerate(review.flags, start=1):
        marks.append((f.start, f.end, _Segment("flag", "", i, f.category)))
    taken = [(s, e) for s, e, _ in marks]

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    for area, spans in review.area_evidence.items():
        for sp in spans:
            if free(sp.start, sp.end):
                via = w["html"]["via"].get(sp.via, sp.via)
                title = (
                    f"{labels.get(area, area)} ({via}{', ' + str(w['html']['expert']) if sp.expert else ''})"
                )
                marks.append((sp.start, sp.end, _Segment("area", "", title=title)))
                taken.append((sp.start, sp.end))
    for ev in review.evidence:
        if not ev.counted and free(ev.start, ev.end):
            marks.append((ev.start, ev.end, _Segment("area", "", counted=False, title=_aside(ev.reason, w))))
            taken.append((ev.start, ev.end))
    return sorted(marks, key=lambda m: m[0])


def _aside(reason: str, w: Mapping[str, Any]) -> str:
    """Why a cue was set aside, in the report's words ("set aside: boilerplate")."""
    said = w["reasons"].get(reason) or w["sections"].get(reason) or reason
    return str(w["html"]["set_aside"]).format(reason=said)


def _segments(text: str, review: Review, w: Mapping[str, Any], labels: Mapping[str, str]) -> list[_Segment]:
    out: list[_Segment] = []
    pos = 0
    for start, end, seg in _marks(review, w, labels):
        if start < pos:
            continue
        if start > pos:
            out.append(_Segment("text", text[pos:start]))
        out.append(_Segment(seg.kind, text[start:end], seg.index, seg.category, seg.counted, seg.title))
        pos = end
    if pos < len(text):
        out.append(_Segment("text", text[pos:]))
    return out


def label_width(labels: Iterable[str], *, font_px: int = 12, minimum: int = 0) -> int:
    """Pixels a chart keeps for its row labels: the longest of ``labels`` at ``font_px`` in a sans-serif
    (0.6 em a letter, above the average width of Latin letters) and a margin, at least ``minimum``; no
    label is cut or runs into the bars ("Community building and moderation")."""
    return max(minimum, math.ceil(max(map(len, labels), default=0) * font_px * 0.6) + 12)


def _chart(review: Review, labels: Mapping[str, str]) -> dict[str, Any]:
    label_w = label_width(labels.values(), minimum=_CHART_LABEL_W)
    rows = []
    for i, area in enumerate(AREA_IDS):
        value = max(0.0, min(1.0, review.areas.get(area, 0.0)))
        rows.append(
            {
                "y": i * _CHART_ROW + 4,
                "w": round(value * _CHART_BAR_W, 1),
                "pct": round(value * 100),
                "label": labels[area],
                "missing": area in review.missing_areas,
            }
        )
    return {
        "rows": rows,
        "width": label_w + _CHART_BAR_W + 60,
        "height": len(AREA_IDS) * _CHART_ROW + 8,
        "bar_x": label_w,
        "bar_w": _CHART_BAR_W,
    }


def render_html(
    review: Review, doc: Document, *, area_labels: Mapping[str, str] | None = None, lang: str = "en"
) -> str:
    """The review as one HTML page: the ad with highlighted spans, the flags beside it, an area chart; its
    headings and notes in ``lang`` (``lang/<lang>/review.json``; the ad's words stay as written).

    ``area_labels`` maps area ids to display names (default: the ids in words).
    """
    w = report_words("review", lang)
    labels = {a: (area_labels or {}).get(a) or a.replace("_", " ") for a in AREA_IDS}
    template = _environment().get_template("review.html")
    return template.render(
        review=review,
        segments=_segments(doc.text, review, w, labels),
        chart=_chart(review, labels),
        labels=labels,
        evidence=review.evidence,
        w=w,
        h=w["html"],
        page_lang=lang,
        categories=report_words("market", lang)["categories"],
        grounds=grounds_line(review.grounds_checked, w),
        rules=jurisdiction_line(
            review.jurisdiction, review.jurisdiction_reason, review.jurisdiction_quote, w
        ),
        reason=lambda r: w["reasons"].get(r) or w["sections"].get(r) or r,
        section=lambda s: w["sections"].get(s, s),
    )


INDEX_NAME = "index.html"
"""The page ``kompetens review FOLDER --html OUT`` writes beside the reports: one row per ad, a link to each."""


@dataclass(frozen=True, slots=True)
class _IndexRow:
    source: str
    title: str | None
    lang: str
    social: bool
    social_text: str
    areas: list[str]
    flags: list[str]
    href: str


@dataclass(frozen=True, slots=True)
class _FailedRow:
    source: str
    reason: str
    code: str


def render_index(
    reports: Sequence[tuple[Review | FailedInput, str | None]],
    *,
    area_labels: Mapping[str, str] | None = None,
    lang: str = "en",
) -> str:
    """The index of a folder of reports (``INDEX_NAME``): per ad its file, title, social-media need, the areas it
    asks for, its flags by category and a link to its report (``reports``: each result with its report's file
    name in the folder); the inputs that could not be read with the reason. Words in ``lang``; every value is
    escaped, and a link is the file name percent-encoded."""
    w = report_words("review", lang)
    categories: Mapping[str, str] = report_words("market", lang)["categories"]
    labels = {a: (area_labels or {}).get(a) or a.replace("_", " ") for a in AREA_IDS}
    rows: list[_IndexRow] = []
    failed: list[_FailedRow] = []
    for result, name in reports:
        if not isinstance(result, Review):
            message = said_error(result.error.message, lang)  # in the index's language (hunt hO2)
            failed.append(_FailedRow(result.source or "", message, result.error.code))
            continue
        social = str(
            w["merit_only"]
            if result.social_media_merit
            else w["yes"]
            if result.requires_social_media
            else w["no"]
        )
        asked = sorted((a for a, v in result.areas.items() if v > 0), key=lambda a: -result.areas[a])
        counts = Counter(f.category for f in result.flags)
        rows.append(
            _IndexRow(
                source=result.source,
                title=result.title,
                lang=result.lang,
                social=result.requires_social_media,
                social_text=social,
                areas=[labels.get(a, a) for a in asked],
                flags=[f"{categories.get(c, c)} {n}" for c, n in sorted(counts.items())],
                href=quote(name or ""),
            )
        )
    template = _environment().get_template("index.html")
    return template.render(rows=rows, failed=failed, h=w["html"], page_lang=lang)
