"""The per-ad work of a market measurement: one job ad in, one ``AdFacts`` row out.

Everything here is a pure function of the document (and the engine's data folder), so a Spark worker
can run it on its own Engine and get the same row the local run gets.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from ..errors import Code, IngestError
from ..ingest import document_from_text, normalize_text, require_language
from ..ingest.base import Extracted
from ..ingest.jobtech import HEADLINE_ONLY, json_error, object_to_extracted
from ..models import AREA_IDS, Document
from ..review.flags import Flag, GenderCoding, is_coded_word

if TYPE_CHECKING:
    from ..engine import Engine

MARKET_LANG_HINT = "give the corpus's language to override (market --lang sv|en)"
"""What E109 adds in the market: every ad is read in ``--lang`` instead of its detected language."""
ASKED_MIN = 0.05
"""An ad asks for an area when the review scores it at least this (the review's own ``min_area``)."""

WEAK_CATEGORIES = frozenset({"experience"})
"""Flag categories that are weak signals on their own: a demand for years of experience ("minst 2 års
erfarenhet") may shut out the young, but it is ordinary in ads and no biased wording by itself."""
MIN_STRONG_LEAN = 2
"""Gender-coded words are a strong signal where they lean one way by at least this many words: a lean of one
(two masculine-coded words against one feminine-coded, "ambitioner, utmana" against "samarbetsförmåga")
measures ordinary job vocabulary more than a deterring ad."""

_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2})(?:\D.*)?)?)?", re.DOTALL)
"""An ISO 8601 date as ads carry it: a year (``2025``), a year and month (``2025-03``) or a calendar date,
with a time or zone after it or not (``2025-03-01T08:00:00+01:00``, ``2025-03-01Z``)."""

FACT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("key", "str"),
    ("source", "str"),
    ("year", "int"),
    ("month", "int"),
    ("lang", "str"),
    ("title", "str"),
    ("occupation", "str"),
    ("region", "str"),
    ("municipality", "str"),
    ("requires_social_media", "bool"),
    ("title_mentions_social_media", "bool"),
    *((f"area_{a}", "float") for a in AREA_IDS),
    ("flags", "int"),
    ("flag_categories", "strs"),
    ("social_media_merit", "bool"),
    ("strong_flags", "int"),
    ("strong_flag_categories", "strs"),
)
"""The flat row every backend stores: (column, kind), kind in str | int | bool | float | strs. Columns added
later go at the end (a store made before them reads them as null: not a merit, no strong flag)."""


@dataclass(slots=True, frozen=True)
class AdFacts:
    """What one ad contributes to the market figures.

    ``key`` identifies the ad across runs and files: ``id:<JobTech id>``, else a hash of title and text,
    so adding a corpus twice replaces its ads instead of counting them again.
    """

    key: str
    source: str
    requires_social_media: bool
    title_mentions_social_media: bool
    areas: Mapping[str, float]
    year: int | None = None
    month: int | None = None
    lang: str = "und"
    title: str | None = None
    occupation: str | None = None
    region: str | None = None
    municipality: str | None = None
    flags: Mapping[str, int] = field(default_factory=dict)
    """Biased-wording flags per category (``Review.biased_flags``), weak signals included."""
    social_media_merit: bool = False
    """The ad needs social-media competence as a merit only (``Review.social_media_merit``)."""
    strong_flags: Mapping[str, int] = field(default_factory=dict)
    """The flags of ``flags`` that are strong signals per category (``strong_flags``): not a demand for years of
    experience, nor gender-coded words that lean one way by a single word."""

    @property
    def title_silent(self) -> bool:
        """A social-media ad whose title does not say so (the article's hidden social-media jobs). An ad
        with no title (none given, none at the head of its text) is not: whether its title would say so
        is unknown."""
        return self.requires_social_media and self.title is not None and not self.title_mentions_social_media

    def asked(self, *, threshold: float = ASKED_MIN) -> frozenset[str]:
        """The areas the ad asks for."""
        return frozenset(a for a, v in self.areas.items() if v >= threshold)

    def to_row(self) -> dict[str, Any]:
        """The flat row of ``FACT_COLUMNS``."""
        row: dict[str, Any] = {
            "key": self.key,
            "source": self.source,
            "year": self.year,
            "month": self.month,
            "lang": self.lang,
            "title": self.title,
            "occupation": self.occupation,
            "region": self.region,
            "municipality": self.municipality,
            "requires_social_media": self.requires_social_media,
            "title_mentions_social_media": self.title_mentions_social_media,
        }
        for a in AREA_IDS:
            row[f"area_{a}"] = float(self.areas.get(a, 0.0))
        row["flags"] = sum(self.flags.values())
        row["flag_categories"] = sorted(self.flags)
        row["social_media_merit"] = self.requires_social_media and self.social_media_merit
        row["strong_flags"] = sum(self.strong_flags.values())
        row["strong_flag_categories"] = sorted(self.strong_flags)
        return row


def ad_key(doc: Document) -> str:
    """``id:<ad id>`` when the ad has one, else a content hash (the same ad in two files is one ad)."""
    ad_id = doc.meta.get("id")
    if ad_id not in (None, ""):
        return f"id:{ad_id}"
    h = hashlib.sha1(usedforsecurity=False)
    h.update((doc.title or "").encode("utf-8"))
    h.update(b"\x00")
    h.update(doc.text.encode("utf-8"))
    return f"sha1:{h.hexdigest()[:24]}"


FIRST_YEAR = 1990
"""The earliest publication year read: an ad "published" before online job boards existed (1899) is a
placeholder or a typing error, and is undated rather than a year of its own in the figures."""


def year_month(value: object, *, today: date | None = None) -> tuple[int | None, int | None]:
    """(year, month) of an ISO date such as ``2024-03-01T08:00:00`` or ``2024-03``, (year, None) of a bare
    ISO year ``2024`` (enough for the per-year figures); (None, None) otherwise: for a date that is no real
    date (``2025-13-45``, ``2025-02-30``), one in another format (``01/03/2024``, ``20240301``), and a year
    before ``FIRST_YEAR`` or after next year (2099): undated, not a year of its own."""
    m = _DATE.fullmatch(value.strip()) if isinstance(value, str) else None
    if m is None or not _real_date(*m.groups()):
        return None, None
    year = int(m.group(1))
    if not FIRST_YEAR <= year <= (today or date.today()).year + 1:
        return None, None
    return year, int(m.group(2)) if m.group(2) else None


def _real_date(year: str, month: str | None, day: str | None) -> bool:
    """Whether the parts of an ISO date name a day (or month) of the calendar."""
    try:
        date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return False
    return True


def is_strong(flag: Flag, coding: GenderCoding) -> bool:
    """Whether a biased-wording flag is a strong signal: an explicit gender or an age demand, exclusion... and
    gender-coded words where they lean one way by ``MIN_STRONG_LEAN`` words or more; not years of experience
    (``WEAK_CATEGORIES``) nor a lean of one word."""
    if flag.category in WEAK_CATEGORIES:
        return False
    if is_coded_word(flag):
        return abs(coding.feminine - coding.masculine) >= MIN_STRONG_LEAN
    return True


def _meta_str(doc: Document, name: str) -> str | None:
    value = doc.meta.get(name)
    return None if value in (None, "") else str(value)


def ad_facts(engine: Engine, doc: Document, *, lang: str | None = None) -> AdFacts:
    """Review one ad and keep what the market figures need: in its detected language, or in ``lang``
    (``market --lang``: every ad's language). Raises KompetensError (E109: language; E110: a JobTech ad
    with a headline and no description text, whose areas would be read off its title alone)."""
    if doc.meta.get(HEADLINE_ONLY):
        raise IngestError(
            Code.E110, "the ad has no description text: a headline alone is not measured", source=doc.source
        )
    if lang is not None:
        doc = replace(doc, lang=lang, meta={k: v for k, v in doc.meta.items() if not k.startswith("lang_")})
    require_language(doc, hint=MARKET_LANG_HINT)
    review = engine.review(doc, skills=False)  # the skill list is not a market figure
    year, month = year_month(doc.meta.get("publication_date"))
    biased = review.biased_flags
    flags = Counter(f.category for f in biased)
    strong = Counter(f.category for f in biased if is_strong(f, review.gender_coding))
    return AdFacts(
        key=ad_key(doc),
        source=doc.source,
        requires_social_media=review.requires_social_media,
        title_mentions_social_media=review.title_mentions_social_media,
        areas={a: float(review.areas.get(a, 0.0)) for a in AREA_IDS},
        year=year,
        month=month,
        lang=doc.lang,
        title=review.title,
        occupation=_meta_str(doc, "occupation"),
        region=_meta_str(doc, "region"),
        municipality=_meta_str(doc, "municipality"),
        flags=dict(flags),
        social_media_merit=review.social_media_merit,
        strong_flags=dict(strong),
    )


def document_from_line(line: str, *, source: str) -> Document:
    """One JSON line of an ad corpus as the Document ``Engine.read`` makes of it (for Spark workers).

    Raises IngestError (E107 invalid JSON or not an ad, E110 no text).
    """
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:  # worded as the ingest layer words it
        item = source.rpartition("#")[2]
        message = json_error(exc, line=int(item) if item.isdigit() else None)
        raise IngestError(Code.E107, message, source=source) from None
    except (ValueError, RecursionError) as exc:
        raise IngestError(Code.E107, f"invalid JSON: {exc}", source=source) from None
    try:
        extracted = object_to_extracted(obj)
    except ValueError as exc:
        raise IngestError(Code.E107, str(exc), source=source) from None
    return ad_document(extracted, source=source)


def ad_document(extracted: Extracted, *, source: str) -> Document:
    """The ad Document ``Engine.read`` makes of what a reader extracted (a JSON line, a CSV row).

    Raises IngestError E110 when there is no text.
    """
    if not normalize_text(extracted.text).strip():
        raise IngestError(Code.E110, "no text found in it", source=source)  # the code Engine.read gives
    doc = document_from_text(extracted.text, source=source, kind="ad", title=extracted.title)
    doc.meta = {**extracted.meta, **{k: v for k, v in doc.meta.items() if k != "format"}}
    return doc
