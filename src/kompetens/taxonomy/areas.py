"""The curated competence model: the eight areas of the source article and the concepts that evidence them.

The model is plain data (``taxonomy/data/areas.json``); this module only loads and checks it. Each concept is
an ESCO or JobTech concept with our own curated phrases, per language, as people write them in ads and CVs.
Phrases are meant to be matched after lowercasing and lemmatising; ``phrases_cased`` hold names that are also
ordinary words ("X", "Later", "Buffer") and must match with exact case. A concept with ``needs_context``
(a programming language: "Python") shows its area in an ad only in context (``extract.context``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any, Literal, cast

from kompetens.errors import Code, TaxonomyError
from kompetens.models import AREA_IDS
from kompetens.schema import DOCUMENTED

__all__ = [
    "CONCEPT_KINDS",
    "ESCO_SKILL_PREFIX",
    "JOBTECH_CONCEPT_PREFIX",
    "Area",
    "AreaConcept",
    "AreaInfo",
    "ConceptKind",
    "CuratedConcept",
    "area_details",
    "area_label",
    "concepts_by_area",
    "load_areas",
    "load_curated",
    "parse_model",
]

ConceptKind = Literal["skill", "platform", "tool", "activity"]
CONCEPT_KINDS: frozenset[str] = frozenset({"skill", "platform", "tool", "activity"})
ESCO_SKILL_PREFIX = "http://data.europa.eu/esco/skill/"
JOBTECH_CONCEPT_PREFIX = "http://data.jobtechdev.se/taxonomy/concept/"

_SOURCE = "kompetens/taxonomy/data/areas.json"
_VERSION = 1
_AREA_KEYS = frozenset({"id", "label_sv", "label_en", "description_en", "description_sv", "article_quote"})
_CONCEPT_KEYS = frozenset({"id", "label_en", "label_sv", "area", "esco", "jobtech", "kind", "phrases"})
_CONCEPT_OPTIONAL_KEYS = frozenset({"phrases_cased", "needs_context", "links_broader"})
_ESCO_URI = re.compile(r"^" + re.escape(ESCO_SKILL_PREFIX) + r"[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$")
_JOBTECH_ID = re.compile(r"^[0-9A-Za-z]{4}_[0-9A-Za-z]{3}_[0-9A-Za-z]{3}$")
_LANG_KEY = re.compile(r"^[a-z]{2,3}$")

Phrases = Mapping[str, tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class Area:
    """One of the eight competence areas of shared/CONTRACT.md."""

    id: str
    label_sv: str
    label_en: str
    description_en: str
    description_sv: str
    article_quote: str

    def label(self, lang: str) -> str:
        """The area's label in ``lang`` (sv or en; English for another)."""
        return {"sv": self.label_sv, "en": self.label_en}.get(lang, self.label_en)


@dataclass(frozen=True, slots=True)
class CuratedConcept:
    """An ESCO/JobTech concept placed in one area, with curated surface forms per language."""

    id: str
    label_en: str
    label_sv: str
    area: str
    esco: tuple[str, ...]
    jobtech: tuple[str, ...]
    kind: ConceptKind
    phrases: Phrases = field(hash=False)
    phrases_cased: Phrases = field(hash=False, default_factory=lambda: MappingProxyType({}))
    needs_context: bool = False
    """Evidence of its area in an ad only beside that area's ``area_context`` cues (``sections.json``) or
    other evidence of the area: "Python" is data work in "analysera data med Python", not in a DevOps ad's
    "scriptprogrammering ... så som Python, Ruby, Perl"."""
    links_broader: bool = False
    """Its ESCO and JobTech links name broader skills than it: a CV showing it shows them, but a CV showing
    only them does not show it (a CV's "digital marknadsföring", ESCO *digital marketing techniques*, is no
    "Google Ads"; ``skills.match_skills``)."""

    def all_phrases(self, lang: str) -> tuple[str, ...]:
        """Case-insensitive and cased phrases for ``lang`` together (for counting and display)."""
        return self.phrases.get(lang, ()) + self.phrases_cased.get(lang, ())


def _fail(message: str, where: str) -> TaxonomyError:
    return TaxonomyError(Code.E201, message, source=_SOURCE, field=where)


def _obj(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _fail("expected an object", where)
    return cast(dict[str, Any], value)


def _list(value: Any, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise _fail("expected a list", where)
    return value


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _fail("expected a non-empty string", where)
    return value


def _check_keys(
    obj: dict[str, Any], *, required: frozenset[str], optional: frozenset[str], where: str
) -> None:
    missing = sorted(required - obj.keys())
    if missing:
        raise _fail(f"missing key(s): {', '.join(missing)}", where)
    unknown = sorted(obj.keys() - required - optional)
    if unknown:
        raise _fail(f"unknown key(s): {', '.join(unknown)}", where)


def _texts(value: Any, where: str) -> tuple[str, ...]:
    return tuple(_text(item, f"{where}[{i}]") for i, item in enumerate(_list(value, where)))


def _phrases(value: Any, where: str) -> Phrases:
    table: dict[str, tuple[str, ...]] = {}
    for lang, items in _obj(value, where).items():
        if not _LANG_KEY.match(lang):
            raise _fail(f"not a language code: {lang!r}", where)
        table[lang] = _texts(items, f"{where}.{lang}")
    return MappingProxyType(table)


def _area_id(value: Any, where: str) -> str:
    area = _text(value, where)
    if area not in AREA_IDS:
        raise _fail(f"unknown area id {area!r}; expected one of {', '.join(AREA_IDS)}", where)
    return area


def _parse_area(raw: Any, where: str) -> Area:
    obj = _obj(raw, where)
    _check_keys(obj, required=_AREA_KEYS, optional=frozenset(), where=where)
    return Area(
        id=_area_id(obj["id"], f"{where}.id"),
        label_sv=_text(obj["label_sv"], f"{where}.label_sv"),
        label_en=_text(obj["label_en"], f"{where}.label_en"),
        description_en=_text(obj["description_en"], f"{where}.description_en"),
        description_sv=_text(obj["description_sv"], f"{where}.description_sv"),
        article_quote=_text(obj["article_quote"], f"{where}.article_quote"),
    )


def _concept_id(value: Any, where: str) -> str:
    cid = _text(value, where)
    is_jobtech = cid.startswith(JOBTECH_CONCEPT_PREFIX) and _JOBTECH_ID.match(
        cid[len(JOBTECH_CONCEPT_PREFIX) :]
    )
    if not (_ESCO_URI.match(cid) or is_jobtech):
        raise _fail(f"not an ESCO skill or JobTech concept URI: {cid!r}", where)
    return cid


def _esco_uris(value: Any, where: str) -> tuple[str, ...]:
    uris = _texts(value, where)
    for i, uri in enumerate(uris):
        if not _ESCO_URI.match(uri):
            raise _fail(f"not an ESCO skill URI: {uri!r}", f"{where}[{i}]")
    return uris


def _jobtech_ids(value: Any, where: str) -> tuple[str, ...]:
    ids = _texts(value, where)
    for i, jid in enumerate(ids):
        if not _JOBTECH_ID.match(jid):
            raise _fail(f"not a JobTech concept id: {jid!r}", f"{where}[{i}]")
    return ids


def _kind(value: Any, where: str) -> ConceptKind:
    kind = _text(value, where)
    if kind not in CONCEPT_KINDS:
        raise _fail(f"unknown kind {kind!r}; expected one of {', '.join(sorted(CONCEPT_KINDS))}", where)
    return cast(ConceptKind, kind)


def _parse_concept(raw: Any, where: str) -> CuratedConcept:
    obj = _obj(raw, where)
    _check_keys(obj, required=_CONCEPT_KEYS, optional=_CONCEPT_OPTIONAL_KEYS, where=where)
    phrases = _phrases(obj["phrases"], f"{where}.phrases")
    cased = _phrases(obj.get("phrases_cased", {}), f"{where}.phrases_cased")
    if not any(phrases.values()) and not any(cased.values()):
        raise _fail("concept has no phrases", f"{where}.phrases")
    return CuratedConcept(
        id=_concept_id(obj["id"], f"{where}.id"),
        label_en=_text(obj["label_en"], f"{where}.label_en"),
        label_sv=_text(obj["label_sv"], f"{where}.label_sv"),
        area=_area_id(obj["area"], f"{where}.area"),
        esco=_esco_uris(obj["esco"], f"{where}.esco"),
        jobtech=_jobtech_ids(obj["jobtech"], f"{where}.jobtech"),
        kind=_kind(obj["kind"], f"{where}.kind"),
        phrases=phrases,
        phrases_cased=cased,
        needs_context=_flag(obj.get("needs_context", False), f"{where}.needs_context"),
        links_broader=_flag(obj.get("links_broader", False), f"{where}.links_broader"),
    )


def _flag(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise _fail("expected true or false", where)
    return value


def _parse_areas(raw: Any) -> tuple[Area, ...]:
    areas = [_parse_area(item, f"areas[{i}]") for i, item in enumerate(_list(raw, "areas"))]
    ids = [a.id for a in areas]
    if sorted(ids) != sorted(AREA_IDS):
        raise _fail(f"areas must list each of the {len(AREA_IDS)} area ids exactly once", "areas")
    # Always hand out the contract's order, whatever the file's order.
    return tuple(sorted(areas, key=lambda a: AREA_IDS.index(a.id)))


def _parse_concepts(raw: Any) -> tuple[CuratedConcept, ...]:
    concepts = [_parse_concept(item, f"concepts[{i}]") for i, item in enumerate(_list(raw, "concepts"))]
    seen: set[str] = set()
    for i, concept in enumerate(concepts):
        if concept.id in seen:
            raise _fail(f"duplicate concept id {concept.id!r}", f"concepts[{i}].id")
        seen.add(concept.id)
    return tuple(concepts)


def parse_model(data: Any) -> tuple[tuple[Area, ...], tuple[CuratedConcept, ...]]:
    """Check a decoded areas.json and turn it into (areas, concepts); raise TaxonomyError E201 if invalid."""
    obj = _obj(data, "$")
    _check_keys(obj, required=frozenset({"version", "areas", "concepts"}), optional=frozenset(), where="$")
    if obj["version"] != _VERSION:
        raise _fail(f"unsupported version {obj['version']!r}; expected {_VERSION}", "version")
    return _parse_areas(obj["areas"]), _parse_concepts(obj["concepts"])


@cache
def _model() -> tuple[tuple[Area, ...], tuple[CuratedConcept, ...]]:
    path = resources.files("kompetens.taxonomy").joinpath("data/areas.json")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise TaxonomyError(Code.E201, f"cannot read the curated model: {exc}", source=_SOURCE) from exc
    return parse_model(data)


def load_areas() -> tuple[Area, ...]:
    """The eight areas, in the order of ``AREA_IDS`` (cached)."""
    return _model()[0]


def load_curated() -> tuple[CuratedConcept, ...]:
    """All curated concepts, in file order (cached)."""
    return _model()[1]


@cache
@cache
def curated_links() -> Mapping[str, frozenset[str]]:
    """Curated concept id -> the ESCO and JobTech URIs it links to, itself left out: what
    ``skills.match_skills`` reads as the same skill (a CV's ESCO *customer service* shows the ad's JobTech
    "Kundsupport", which the model links to it)."""
    from .model import jobtech_uri

    return MappingProxyType(
        {c.id: frozenset({*c.esco, *(jobtech_uri(j) for j in c.jobtech)} - {c.id}) for c in load_curated()}
    )


@cache
def curated_narrow() -> frozenset[str]:
    """Curated concept ids whose links name broader skills (``links_broader``): ``skills.match_skills`` reads
    their links one way only."""
    return frozenset(c.id for c in load_curated() if c.links_broader)


def concepts_by_area() -> Mapping[str, tuple[CuratedConcept, ...]]:
    """Curated concepts grouped by area id; every area id is a key."""
    groups = {area: tuple(c for c in load_curated() if c.area == area) for area in AREA_IDS}
    return MappingProxyType(groups)


def area_label(area_id: str, lang: str = "en") -> str:
    """The area's label in ``lang``; English when the model has no label in that language."""
    area = next((a for a in load_areas() if a.id == area_id), None)
    if area is None:
        raise TaxonomyError(Code.E301, f"unknown area id {area_id!r}; expected one of {', '.join(AREA_IDS)}")
    labels = {"sv": area.label_sv, "en": area.label_en}
    return labels.get(lang, area.label_en)


@dataclass(frozen=True, slots=True)
class AreaConcept:
    """A curated concept as ``kompetens areas --json`` lists it."""

    __pydantic_config__ = DOCUMENTED

    id: str
    label: str
    """English label."""
    label_sv: str
    kind: ConceptKind
    esco: list[str]
    """Linked ESCO URIs."""
    jobtech: list[str]
    """Linked JobTech concept ids."""


@dataclass(frozen=True, slots=True)
class AreaInfo:
    """One competence area with its concepts: the ``kompetens areas --json`` item."""

    __pydantic_config__ = DOCUMENTED

    id: str
    label_sv: str
    label_en: str
    description: str
    """In English."""
    description_sv: str
    article_quote: str
    """What the source article says of the area (Swedish)."""
    concepts: list[AreaConcept]


def area_details() -> list[AreaInfo]:
    """The eight areas with labels, descriptions and their curated concepts, in the contract's order."""
    by_area = concepts_by_area()
    return [
        AreaInfo(
            a.id,
            a.label_sv,
            a.label_en,
            a.description_en,
            a.description_sv,
            a.article_quote,
            [
                AreaConcept(c.id, c.label_en, c.label_sv, c.kind, list(c.esco), list(c.jobtech))
                for c in by_area[a.id]
            ],
        )
        for a in load_areas()
    ]
