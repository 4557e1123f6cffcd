"""Roles: what a hiring manager looks for, as weights per area, must-haves and minimum levels.

A role file is YAML or JSON::

    title: Community manager
    weights: {community: 1.0, customer_service: 0.7, ...}   # areas left out weigh 0
    must_have: [community, "concept:http://data.europa.eu/esco/skill/..."]
    min_levels: {community: 0.3}                              # 0..1
    emphasis: 3                                               # optional; 1 = linear weights
    skills: ["http://data.europa.eu/esco/skill/...", "content marketing"]  # optional; shown, not scored
    wording: {kundservice: 0.41, ...}     # optional; a derived role's distinctive words (match/wording.py)
    lang: sv                              # optional; the language of ``wording``
    wording_share: 0.4                    # optional; the share of the score the wording brings
    wording_en: {customer: 0.38, ...}     # optional; ``wording`` as English terms
    social_media: false                   # optional; a derived role's: its ad asks for no social-media work
    ad_areas: [api_seo]                   # optional; a derived role's: the areas its ad's own words weigh

Scores weigh each area by ``weight ** emphasis``. With linear weights, breadth in the many secondary areas
outweighs the role's core (the analyst role puts only 30% of its weight on data); the exponent leaves a
role with equal weights as it is and lets a role's main areas dominate. The default was chosen on the demo
pool (docs/ranking.md shows the sweep).

A plain ``must_have`` entry is an area id; a concept is written ``concept:<URI or preferred label>`` (or
``{concept: ...}``), so that a misspelt area is an error instead of a concept nobody has.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..errors import Code, RoleError
from ..models import AREA_IDS, Profile
from ..schema import DOCUMENTED
from ..skills import Labeler, RoleSkill, role_skills, skill_list
from .wording import WORDING_SHARE, WORDING_SHARE_NO_AREAS, outside_share, title_duty_at

DEFAULT_ROLE_FILE = "social_media_specialist.yaml"
DEFAULT_EMPHASIS = 3.0
MAX_EMPHASIS = 10.0
_FIELDS = frozenset(
    {
        "title",
        "id",
        "description",
        "weights",
        "must_have",
        "min_levels",
        "emphasis",
        "skills",
        "wording",
        "lang",
        "wording_share",
        "wording_en",
        "social_media",
        "ad_areas",
        "ad_sentences",
        "ad_sentence_words",
    }
)
CONCEPT_PREFIX = "concept:"


@dataclass(frozen=True, slots=True)
class Role:
    """A role to score candidates against. ``weights`` holds all eight areas as written; ``vector`` holds
    the weights scores use, ``weight ** emphasis`` in AREA_IDS order."""

    __pydantic_config__ = DOCUMENTED

    title: str
    weights: dict[str, float]
    """Weight per area, 0 for the areas the role leaves out."""
    must_have: tuple[str, ...] = ()
    """Area ids, and concepts as ``concept:<URI or label>``: who lacks one ranks below all who have it."""
    min_levels: dict[str, float] = field(default_factory=dict)
    """Per area, the level below which it is a gap (default 0.25)."""
    description: str = ""
    source: str | None = None
    """Where the role came from: a role file, ``builtin:...``, or the job ad it was derived from."""
    emphasis: float = DEFAULT_EMPHASIS
    """Scores weigh each area by ``weight ** emphasis``."""
    skills: tuple[RoleSkill, ...] = ()
    """The skills the role asks for (an ad's linked skills, or a role file's ``skills``): each ranked
    candidate shows which it has. An explanation only: no score reads them."""
    wording: dict[str, float] = field(default_factory=dict)
    """The ad's distinctive words and their weights (unit length; ``match/wording.py``): a role derived
    from an ad gives ``WORDING_SHARE`` of the score to the wording a CV shares with it. Empty for a role
    file that gives none: the score is then the areas' alone."""
    lang: str = "und"
    """The language of ``wording``: a CV in another language is scored on the areas alone."""
    wording_en: dict[str, float] = field(default_factory=dict)
    """``wording`` as English terms (``WordBridge``): what a CV in another language is compared with."""
    wording_share: float = WORDING_SHARE
    """Share of the score the wording fit brings where it applies (0..1): 0.4, or 0.7 for a role from an ad
    that does not ask for social-media competence."""
    social_media: bool = True
    """Whether the role asks for social-media competence: False for a role from an ad that does not (the
    review's ``requires_social_media``), whose interview kit then asks only about ``ad_areas``."""
    ad_areas: tuple[str, ...] = ()
    """For a role derived from an ad, the areas the ad's own words weigh, in AREA_IDS order; empty for a
    role file, and for an ad that names no area (its weights are then the default role's)."""
    ad_sentences: tuple[str, ...] = ()
    """For a role derived from an ad, hashes of the ad's job sentences (the keys of ``ad_sentence_words``): a CV
    that holds many of them word for word is flagged (``wording.copied``)."""
    ad_sentence_words: dict[str, dict[str, int]] = field(default_factory=dict)
    """For a role derived from an ad, each of ``ad_sentences`` with its words' hashes and counts
    (``wording.ad_sentence_words``; no text): a CV's wording fit leaves out the sentences it holds word for
    word (``wording.without_sentences``)."""
    vector: tuple[float, ...] = field(init=False, repr=False, compare=False)
    total_weight: float = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        vector = tuple(self.weights.get(a, 0.0) ** self.emphasis for a in AREA_IDS)
        object.__setattr__(self, "vector", vector)
        object.__setattr__(self, "total_weight", math.fsum(self.vector))
        if not self.total_weight > 0.0:  # also catches weights so small that weight ** emphasis is 0
            raise RoleError(Code.E300, "the weights are all 0 (or too small to count)", field="weights")

    def wanted_skills(self) -> tuple[RoleSkill, ...]:
        """``skills`` plus the concept must-haves not among them (as must-haves)."""
        have = {s.concept for s in self.skills}
        extra = [
            RoleSkill(key, key, True)
            for k in self.must_have
            if k.startswith(CONCEPT_PREFIX) and (key := k[len(CONCEPT_PREFIX) :]) not in have
        ]
        return (*self.skills, *extra)


def load_role(path: Path | str) -> Role:
    """A role from a YAML or JSON file; RoleError (naming the field) when it is not a valid role."""
    p = Path(path)
    source = str(p)
    try:
        raw = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RoleError(Code.E100, "no such role file", source=source) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RoleError(Code.E300, f"cannot read the role file ({exc})", source=source) from None
    try:
        data = json.loads(raw) if p.suffix.lower() == ".json" else yaml.safe_load(raw)
    except json.JSONDecodeError as exc:  # its message names the place only
        raise RoleError(Code.E300, f"not valid JSON: {exc}", source=source) from None
    except yaml.YAMLError as exc:
        raise RoleError(Code.E300, f"not valid YAML: {_yaml_problem(exc)}", source=source) from None
    return role_from_dict(data, source=source)


def _yaml_problem(exc: yaml.YAMLError) -> str:
    """What is wrong and where, without the file's text (PyYAML quotes the line: an upload's words)."""
    problem = getattr(exc, "problem", None) or "cannot be parsed"
    mark = getattr(exc, "problem_mark", None)
    return f"{problem} (line {mark.line + 1}, column {mark.column + 1})" if mark is not None else str(problem)


def is_role_file(path: Path | str) -> bool:
    """True for a YAML file, or a JSON object with ``weights`` (a JobTech ad JSON has none)."""
    p = Path(path)
    if p.suffix.lower() in (".yaml", ".yml"):
        return True
    if p.suffix.lower() != ".json":
        return False
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return False
    return isinstance(data, dict) and "weights" in data


def default_role() -> Role:
    """The built-in "social media specialist": all eight areas, as the source article describes."""
    text = resources.files(__package__).joinpath("roles", DEFAULT_ROLE_FILE).read_text(encoding="utf-8")
    return role_from_dict(yaml.safe_load(text), source=f"builtin:{DEFAULT_ROLE_FILE}")


def role_from_dict(data: Any, *, source: str | None = None) -> Role:
    """Validate a parsed role file; each error names the offending field."""
    if not isinstance(data, dict):
        raise _error("(top level)", "a role must be a mapping with title and weights", source)
    for key in data:
        if key not in _FIELDS:
            raise _error(str(key), f"unknown field; known: {', '.join(sorted(_FIELDS))}", source)
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        raise _error("title", "missing or empty title", source)
    weights = _weights(data.get("weights"), source)
    min_levels = _min_levels(data.get("min_levels"), source)
    must_have = _must_have(data.get("must_have"), source)
    for area in min_levels:  # a level no score, gap or must-have reads was ignored unsaid (a bug hunt, hK)
        if not weights.get(area) and area not in must_have:
            raise _error(
                f"min_levels.{area}",
                "the role neither weighs this area nor has it as a must-have, so its level is never read:"
                " give it a weight or a must_have, or leave it out",
                source,
            )
    description = data.get("description") or ""
    if not isinstance(description, str):
        raise _error("description", "must be text", source)
    emphasis = _number(data.get("emphasis", DEFAULT_EMPHASIS))
    if emphasis is None or not 0.0 < emphasis <= MAX_EMPHASIS:
        raise _error("emphasis", f"must be a number above 0 and at most {MAX_EMPHASIS:g}", source)
    skills = _skills(data.get("skills"), source)
    wording = _wording(data.get("wording"), source, "wording")
    lang = data.get("lang") or "und"
    if not isinstance(lang, str):
        raise _error("lang", "must be a language code such as sv or en", source)
    share = _number(data.get("wording_share", WORDING_SHARE))
    if share is None or not 0.0 <= share <= 1.0:
        raise _error("wording_share", "must be a number from 0 to 1", source)
    social_media = data.get("social_media", True)
    if not isinstance(social_media, bool):
        raise _error("social_media", "must be true or false", source)
    return Role(
        title.strip(),
        weights,
        must_have,
        min_levels,
        description,
        source,
        emphasis,
        skills,
        wording,
        lang,
        _wording(data.get("wording_en"), source, "wording_en"),
        share,
        social_media,
        _ad_areas(data.get("ad_areas"), source),
        tuple(str(k) for k in data.get("ad_sentences", []) if isinstance(k, str)),
        _sentence_words(data.get("ad_sentence_words")),
    )


def _sentence_words(value: Any) -> dict[str, dict[str, int]]:
    """``ad_sentence_words`` as stored: hashes to word hashes and counts (what is not is left out)."""
    if not isinstance(value, dict):
        return {}
    return {
        str(k): {str(w): int(n) for w, n in words.items() if isinstance(n, int)}
        for k, words in value.items()
        if isinstance(words, dict)
    }


def role_from_ad(
    profile: Profile,
    *,
    title: str | None = None,
    labels: Labeler | None = None,
    wording: dict[str, float] | None = None,
    wording_en: dict[str, float] | None = None,
    social_media: bool = True,
    mentions: float = 0.0,
) -> Role:
    """A role derived from an extracted job ad: its area strengths as weights, required areas as must-haves,
    its linked skills (``skill_list``) as the skills it asks for, ``wording`` (the ad's distinctive words,
    ``Engine.role_from_ad`` reads them) in the ad's language.

    An ad that does not ask for social-media competence (``social_media`` False: the review's
    ``requires_social_media``) gets no area must-haves and most of the score for its wording: the areas
    measure social-media work, and a nurse's ad that requires "kommunikation" would otherwise sort its
    candidates first by whether their CVs say so. Its interview kit asks only about the areas the ad's own
    words weigh (``ad_areas``), not the default weights' social-media areas. Its areas part gets twice the part
    of its wording the ad's mentions hold (``mentions``: ``wording.mention_share``), the words it reads, and
    at most 70 points (``wording.outside_share``).

    An ad that names no competence at all gives the default role's weights under the ad's title; outside the
    field such an ad asks for none of them, so its wording is the whole score (``WORDING_SHARE_NO_AREAS``):
    an ad's areas part reads only the areas it asks for.
    """
    weights = {a: round(float(profile.areas.get(a, 0.0)), 4) for a in AREA_IDS}
    ad_areas = tuple(a for a in AREA_IDS if weights[a] > 0.0)
    if not ad_areas:
        weights = dict(default_role().weights)
    required = _required_areas(profile) if social_media else []
    must_have = tuple(dict.fromkeys(a for a in required if a is not None))
    name = title or profile.doc.title or f"Role from {profile.doc.source}"
    skills = role_skills(skill_list(profile.mentions, profile.doc.lang, labels=labels))
    return Role(
        name,
        weights,
        must_have,
        {},
        "derived from a job ad",
        profile.doc.source,
        DEFAULT_EMPHASIS,
        skills,
        dict(wording or {}),
        profile.doc.lang,
        dict(wording_en or {}),
        WORDING_SHARE if social_media else outside_share(mentions) if ad_areas else WORDING_SHARE_NO_AREAS,
        social_media,
        ad_areas,
    )


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    f = float(value)
    return f if math.isfinite(f) else None


def _area_name(area: str) -> str:
    """An area as forms and reports name it ("Business strategy and guidelines"), for an error's text."""
    from ..taxonomy.areas import load_areas

    return next((a.label_en for a in load_areas() if a.id == area), area)


def _weights(value: Any, source: str | None) -> dict[str, float]:
    if not isinstance(value, dict) or not value:
        raise _error("weights", "missing: give a weight per area, e.g. {community: 1.0}", source)
    out = dict.fromkeys(AREA_IDS, 0.0)
    for area, w in value.items():
        if area not in AREA_IDS:
            raise _error(f"weights.{area}", f"unknown area; known: {', '.join(AREA_IDS)}", source)
        num = _number(w)
        if num is None:
            raise _error(f"weights.{area}", f"{_area_name(area)}: must be a number, not {w!r}", source)
        if num < 0:
            raise _error(f"weights.{area}", f"{_area_name(area)}: negative weight {num}", source)
        out[area] = num
    if not any(out.values()):
        raise _error("weights", "all weights are 0: at least one area must count", source)
    return out


def _wording(value: Any, source: str | None, key: str) -> dict[str, float]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _error(key, "must map words to weights", source)
    out: dict[str, float] = {}
    for word, weight in value.items():
        num = _number(weight)
        if not isinstance(word, str) or num is None or num < 0.0:
            raise _error(f"{key}.{word}", f"must be a number of at least 0, not {weight!r}", source)
        out[word] = num
    norm = math.sqrt(math.fsum(v * v for v in out.values()))
    return {w: v / norm for w, v in out.items()} if norm else {}


def _ad_areas(value: Any, source: str | None) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise _error("ad_areas", "must be a list of area ids", source)
    for area in value:
        if area not in AREA_IDS:
            raise _error("ad_areas", f"unknown area {area!r}; known: {', '.join(AREA_IDS)}", source)
    return tuple(a for a in AREA_IDS if a in value)


def _min_levels(value: Any, source: str | None) -> dict[str, float]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _error("min_levels", "must map areas to levels 0..1", source)
    out: dict[str, float] = {}
    for area, level in value.items():
        if area not in AREA_IDS:
            raise _error(f"min_levels.{area}", f"unknown area; known: {', '.join(AREA_IDS)}", source)
        num = _number(level)
        if num is None or not 0.0 <= num <= 1.0:
            raise _error(f"min_levels.{area}", f"must be a number from 0 to 1, not {level!r}", source)
        out[area] = num
    return out


def _required_areas(profile: Profile) -> list[str]:
    """The areas an ad's requirements show in words that count for them: not boilerplate, and not words every
    kind of job asks for ("engagemang", "affärsdriven": ``Profile.counts``) unless the ad's title names the
    area ("Head of Community" requires "community" work even in the words every job uses). Where the title adds
    a duty to its job ("Library Assistant (with social media)", "Digital kommunikatör med inriktning på
    sociala medier": ``wording.title_duty_at``) only the areas its job part names are must-haves: the others
    are the added duty's, weighed but not required (a written set's grade-2 librarians without social-media
    work ranked below grade-1 CVs with it, stop 46)."""
    title = profile.layout.title_span if profile.layout is not None else None
    duty = _title_duty(profile, title)
    named = (
        {
            m.area
            for m in profile.mentions
            if title[0] <= m.start < (title[1] if duty is None else duty) and not m.boilerplate
        }
        if title is not None
        else set()
    )
    return [
        m.area
        for m in profile.mentions
        if m.required
        and m.area in AREA_IDS
        and (Profile.counts(m) or (m.generic and not m.boilerplate and m.area in named))
        and (duty is None or m.area in named)
    ]


def _title_duty(profile: Profile, title: tuple[int, int] | None) -> int | None:
    """The offset in the ad's text where the duty its title adds to the job begins (``wording.title_duty_at``),
    or None."""
    if title is None:
        return None
    at = title_duty_at(profile.doc.text[title[0] : title[1]])
    return None if at is None else title[0] + at


def _must_have(value: Any, source: str | None) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise _error("must_have", "must be a list of areas or concepts", source)
    out: list[str] = []
    for i, item in enumerate(value):
        name = f"must_have[{i}]"
        if isinstance(item, dict) and len(item) == 1:
            ((kind, val),) = item.items()
            if kind == "area":
                item = val
            elif kind == "concept" and isinstance(val, str) and val.strip():
                item = CONCEPT_PREFIX + val.strip()
            else:
                raise _error(name, "use {area: <id>} or {concept: <URI or label>}", source)
        if not isinstance(item, str) or not item.strip():
            raise _error(name, f"must be an area id or 'concept:<URI or label>', not {item!r}", source)
        item = item.strip()
        if item.startswith(CONCEPT_PREFIX):
            if not item[len(CONCEPT_PREFIX) :].strip():
                raise _error(name, "empty concept", source)
        elif item not in AREA_IDS:
            raise _error(
                name, f"unknown area {item!r}; known: {', '.join(AREA_IDS)} (or 'concept:...')", source
            )
        if item not in out:
            out.append(item)
    return tuple(out)


def _skills(value: Any, source: str | None) -> tuple[RoleSkill, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise _error("skills", "must be a list of concept URIs or preferred labels", source)
    out: dict[str, RoleSkill] = {}
    for i, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            raise _error(f"skills[{i}]", f"must be a concept URI or preferred label, not {item!r}", source)
        key = item.strip()
        out.setdefault(key, RoleSkill(key, key, None))
    return tuple(out.values())


def _error(field_name: str, message: str, source: str | None) -> RoleError:
    return RoleError(Code.E300, f"{field_name}: {message}", source=source, field=field_name)
