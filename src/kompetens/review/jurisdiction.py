"""Whose law an ad's flags cite first: Swedish law where the ad says it is in Sweden (``Review.jurisdiction``).

An English ad of a Swedish employer cited US and UK law only (a user's hunt, stop 38): the rules' own
sources. What places an ad, the first found of: its workplace (a JobTech ad's ``workplace_address``: a
Swedish country, or a municipality or region, which JobTech gives for Swedish workplaces), a Swedish employer
("Exempel AB"), a Swedish place it names ("Göteborg", "Sweden"), its Swedish text (the ad, or paragraphs of
it beside the English). Each language's ``bias.json`` holds the cues and, per flag category, the Swedish law
a flag then cites first (``jurisdiction``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from ..lang import LANGUAGES, lang_data
from ..models import Document
from .flags import LAWFUL_RULE, Flag, is_coded_word

SWEDEN = "SE"
UNKNOWN = "unknown"
REASONS: tuple[str, ...] = ("workplace", "employer", "place", "swedish_text", "swedish_paragraphs")
"""Why an ad is placed in Sweden, in the order they are looked for (``Review.jurisdiction_reason``)."""
LAW_FIRST: tuple[str, ...] = ("Diskrimineringslagen", "Föräldraledighetslagen")
"""A flag whose source starts with a Swedish statute already cites Swedish law first: left as it is."""


@dataclass(frozen=True, slots=True)
class Placed:
    """Where an ad is: ``code`` "SE" or "unknown", why (one of ``REASONS``), and the words that say so."""

    code: str = UNKNOWN
    reason: str | None = None
    quote: str | None = None


EMPLOYER_WINDOW = 80
"""Characters before a string of ``employer_gate`` ("AB") in which the employer's name is looked for."""


@dataclass(frozen=True, slots=True)
class _Cues:
    countries: frozenset[str]
    employer: re.Pattern[str] | None
    employer_gate: tuple[str, ...]
    places: re.Pattern[str] | None
    """The place names, without the word boundary before them (a lookbehind first makes the search 7x slower:
    it hides the names' first letters from the regex engine): ``_place`` checks it."""


def _entries(code: str) -> list[tuple[str, dict[str, Any]]]:
    out = []
    for lang in LANGUAGES:
        data = lang_data(lang, "bias") or {}
        entry = data.get("jurisdiction", {}).get(code)
        if entry:
            out.append((lang, entry))
    return out


@lru_cache(maxsize=4)
def _cues(code: str) -> _Cues:
    """Every language's cues for ``code``, together: an English ad names "Göteborg", a Swedish one "Sweden"."""
    entries = [e for _, e in _entries(code)]
    employer = [p for e in entries for p in e.get("employer", [])]
    places = [re.escape(p) for e in entries for p in e.get("places", [])]
    return _Cues(
        countries=frozenset(c.casefold() for e in entries for c in e.get("countries", [])),
        employer=re.compile("|".join(f"(?:{p})" for p in employer)) if employer else None,
        employer_gate=tuple(g for e in entries for g in e.get("employer_gate", [])),
        places=re.compile(rf"(?:{'|'.join(places)})(?![\w-])") if places else None,
    )


def _employer(text: str, cues: _Cues) -> str | None:
    """The first Swedish employer named in ``text`` ("Exempel AB"), looked for only just before a string of
    ``employer_gate``: a regular expression over a whole ad cost as much as the rest of this module."""
    if cues.employer is None:
        return None
    found: list[tuple[int, str]] = []
    for gate in cues.employer_gate:
        at = text.find(gate)
        while at >= 0:
            m = cues.employer.search(text, max(0, at - EMPLOYER_WINDOW), min(len(text), at + len(gate) + 12))
            if m is not None and m.start() <= at < m.end():
                found.append((m.start(), m.group().strip()))
                break
            at = text.find(gate, at + 1)
    return min(found)[1] if found else None


def _place(text: str, cues: _Cues) -> str | None:
    """The first place of ``cues`` that ``text`` names as a whole word."""
    if cues.places is None:
        return None
    for m in cues.places.finditer(text):
        before = text[m.start() - 1] if m.start() else " "
        if not (before.isalnum() or before in "_-"):
            return m.group()
    return None


@lru_cache(maxsize=8)
def law_sources(code: str, lang: str) -> Mapping[str, str]:
    """Per flag category, what a flag cites first in ``code``'s jurisdiction, in ``lang`` (else English)."""
    entries = dict(_entries(code))
    entry = entries.get(lang) or entries.get("en") or {}
    return dict(entry.get("sources", {}))


def place_ad(doc: Document, swedish_paragraphs: Sequence[tuple[int, int]] = ()) -> Placed:
    """Where ``doc`` says the job is (``SWEDEN``), else ``UNKNOWN``; ``swedish_paragraphs``: its paragraphs
    in Swedish where the ad is read as another language."""
    cues = _cues(SWEDEN)
    meta = doc.meta
    country = meta.get("country")
    if isinstance(country, str) and country.strip():
        if country.strip().casefold() in cues.countries:
            return Placed(SWEDEN, "workplace", country.strip())
        return Placed()  # a workplace abroad: its law is not one kompetens cites
    for key in ("municipality", "region"):
        value = meta.get(key)
        if meta.get("format") == "jobtech" and isinstance(value, str) and value.strip():
            return Placed(SWEDEN, "workplace", value.strip())
    for name in (meta.get("employer"), doc.text):
        if isinstance(name, str) and (employer := _employer(name, cues)) is not None:
            return Placed(SWEDEN, "employer", employer)
    if (place := _place(doc.text, cues)) is not None:
        return Placed(SWEDEN, "place", place)
    if doc.lang == "sv":
        return Placed(SWEDEN, "swedish_text")
    if swedish_paragraphs:
        return Placed(SWEDEN, "swedish_paragraphs")
    return Placed()


def cite_local_law(flags: Sequence[Flag], placed: Placed, lang: str) -> list[Flag]:
    """``flags`` with the law of ``placed``'s jurisdiction cited first where a flag is on a ground of
    discrimination and its source starts with another (a US regulation, the UK Equality Act, research); a
    gender-coded word, years of experience and a demand the law sets keep theirs."""
    if placed.code == UNKNOWN:
        return list(flags)
    sources = law_sources(placed.code, lang)
    out = []
    for f in flags:
        first = sources.get(f.category)
        if (
            first is None
            or is_coded_word(f)
            or f.rule.endswith(LAWFUL_RULE)
            or f.source.startswith(LAW_FIRST)
        ):
            out.append(f)
        else:
            out.append(replace(f, source=f"{first}; {f.source}"))
    return out


def jurisdiction_line(code: str, reason: str | None, quote: str | None, words: Mapping[str, Any]) -> str:
    """The line that says whose law the flags cite (``jurisdiction``, ``jurisdiction_reasons`` of
    ``lang/<code>/review.json``): printed by the CLI and on the HTML report."""
    lines: Mapping[str, str] = words["jurisdiction"]
    if code == UNKNOWN or code not in lines:
        return str(lines[UNKNOWN])
    why = str(words["jurisdiction_reasons"].get(reason or "", reason or "")).format(quote=quote or "")
    return str(lines[code]).format(why=why)
