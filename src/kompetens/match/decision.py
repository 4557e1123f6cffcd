"""Decision records (AI Act Art. 12-14, 86; GDPR Art. 22): a stored ranking, the order a person confirmed,
a candidate's export and the plain-language explanation of their own score.

A ranking is a proposal until a person confirms it; they may reorder it, and must say why when they do.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from ..lang import LANGUAGES, lang_data
from ..models import AREA_IDS
from ..schema import DOCUMENTED, R2, Time
from ..skills import SkillMatch
from ..store.records import Event, StoredCandidate
from .role import Role
from .score import RankItem

Status = Literal["proposed", "final"]


@dataclass(frozen=True, slots=True)
class Confirmation:
    """The order a person made final."""

    __pydantic_config__ = DOCUMENTED

    user_id: int | None
    """Who confirmed it (the user's number; null for the CLI without users)."""
    time: Time
    """When (UTC; ISO 8601 with the offset: ``2026-12-06T11:07:30+00:00``)."""
    order: list[str]
    """The final order: candidate ids, first the one chosen first."""
    reordered: bool
    """Whether the final order differed from the system's when the person confirmed it (kept: erasing a
    candidate later shortens both orders and leaves this as it was)."""
    reason: str | None
    """Why the person reordered (required then); null when they kept the system's order without one. Once
    a candidate of the ranking is erased, a fixed note stands here instead: a reason may name them."""


@dataclass(frozen=True, slots=True)
class Decision:
    """A stored ranking: who ran it, when, with which role, engine and taxonomy, on which candidates, with
    each one's score and evidence; and, once a person confirmed it, the final order."""

    __pydantic_config__ = DOCUMENTED

    id: str
    """The ranking's random id."""
    created: Time
    """When it was run (UTC; ISO 8601 with the offset: ``2026-12-06T11:07:30+00:00``)."""
    user_id: int | None
    """Who ran it (the user's number; null for the CLI without users)."""
    role: Role
    """The role, as scored (weights, must-haves, minimum levels)."""
    role_id: str | None
    """The stored role's id, when a stored role was ranked for; null for a role given in the request."""
    role_version: int | None
    """The stored role's version that was scored; null for a role given in the request."""
    engine_version: str
    """The kompetens version that scored."""
    taxonomy_version: str
    """The first 16 hex digits of the taxonomy's content digest; ``none`` without a taxonomy."""
    inputs: list[str]
    """The candidate ids ranked (those not erased since), in the system's order."""
    erased: int
    """How many of the ranked candidates were erased since: their items are gone."""
    items: list[RankItem]
    """Per candidate: rank, score, levels, evidence, gaps; ``candidate`` is the candidate's id. ``rank``
    counts the candidates still held: after an erasure the others move up (1, 2, ... as ``inputs``), as
    the confirmed order does."""
    status: Status
    """``proposed`` until a person confirms it, then ``final``."""
    confirmation: Confirmation | None
    """The person's confirmation; null while proposed."""


@dataclass(frozen=True, slots=True)
class StoredRole:
    """A role the organisation keeps: each change is a new version, and rankings name the version."""

    __pydantic_config__ = DOCUMENTED

    id: str
    """The role's random id."""
    version: int
    """1 for the first, one more for each change."""
    created: Time
    """When this version was stored (UTC; ISO 8601 with the offset: ``2026-12-06T11:07:30+00:00``)."""
    role: Role
    """The role: title, weights, must-haves, minimum levels."""


@dataclass(frozen=True, slots=True)
class CandidateRanking:
    """A ranking a candidate was part of, as their export shows it."""

    __pydantic_config__ = DOCUMENTED

    ranking: str
    """The ranking's id."""
    created: Time
    """When it was run."""
    role: str
    """The role's title."""
    item: RankItem
    """The candidate's scores and evidence in it."""
    final_rank: int | None
    """Their place in the order a person confirmed; null while the ranking is a proposal."""


@dataclass(frozen=True, slots=True)
class CandidateExport:
    """Everything held on a candidate (GDPR Art. 15 and 20): the record, the profile, the original file,
    the rankings they were part of and the events about them."""

    __pydantic_config__ = DOCUMENTED

    candidate: StoredCandidate
    """The stored candidate."""
    profile: dict[str, Any]
    """The profile scoring uses (built from the anonymised text): levels, years, evidence, concepts."""
    file_base64: str
    """The original file, base64."""
    rankings: list[CandidateRanking]
    """The rankings they were part of, newest first."""
    events: list[Event]
    """The event log's entries about them."""


@dataclass(frozen=True, slots=True)
class Explanation:
    """A candidate's own score in plain language (AI Act Art. 86): from their scores and evidence only."""

    __pydantic_config__ = DOCUMENTED

    candidate: str
    """The candidate's id."""
    ranking: str
    """The ranking explained (the latest they were part of, unless one was asked for)."""
    role: str
    """The role's title."""
    rank: int
    """Their place in the system's order, among the ranking's candidates still held."""
    of: int
    """How many of the ranking's candidates are still held (those ranked, less ``erased``)."""
    erased: int
    """How many of the ranked candidates were erased since; ``rank``, ``of`` and ``final_rank`` count only
    those still held, and ``text`` says so."""
    score: R2
    """Their score, 0..100."""
    final_rank: int | None
    """Their place in the order a person confirmed, among those still held; null while the ranking is a
    proposal."""
    text: list[str]
    """The explanation, one paragraph an item."""
    lang: str
    """The language of ``text`` (sv or en): the CV's unless one was asked for (English for a CV in
    neither)."""


def decision_status(confirmation: Confirmation | None) -> Status:
    return "proposed" if confirmation is None else "final"


def check_order(system: Sequence[str], order: Sequence[str], reason: str | None) -> bool:
    """Whether ``order`` reorders ``system``; raises E508 when it is not the same candidates, or reorders
    without a reason."""
    from ..errors import Code, KompetensError

    if len(order) != len(system) or set(order) != set(system):
        missing = [c for c in system if c not in set(order)]
        unknown = [c for c in dict.fromkeys(order) if c not in set(system)]
        twice = [c for c in dict.fromkeys(order) if order.count(c) > 1]
        said = "; ".join(
            f"{what}: {', '.join(ids)}"
            for what, ids in (("missing", missing), ("not in this ranking", unknown), ("given twice", twice))
            if ids
        )
        raise KompetensError(
            Code.E508,
            f"the final order must hold each of the {len(system)} ranked candidates once, by id ({said})",
            field="order",
        )
    reordered = list(order) != list(system)
    if reordered and not (reason or "").strip():
        raise KompetensError(
            Code.E508, "a final order that differs from the system's needs a reason", field="reason"
        )
    return reordered


def whole_points(values: Mapping[str, float]) -> dict[str, int]:
    """Each value as whole points that add up to the rounded total (largest remainders round up), so that
    an explanation's points sum to the score it explains: 11 + 10 + 9 + 9 + 6 + 1 is 46, not a score of 45."""
    floors = {k: math.floor(v) for k, v in values.items()}
    left = round(sum(values.values())) - sum(floors.values())
    by_remainder = sorted(values, key=lambda k: (-(values[k] - floors[k]), k))
    for k in by_remainder[: max(0, left)]:
        floors[k] += 1
    return floors


_WORDING = " wording"
"""The wording fit's key among the areas' points (no area id starts with a space)."""


def _percent(level: float) -> str:
    return f"{round(100 * level)} %"


def explanation_words(lang: str) -> Mapping[str, Any]:
    """``lang/<lang>/explanation.json``: the explanation's sentences in ``lang``; E109 for a language
    without them."""
    from ..errors import Code, KompetensError

    words: Mapping[str, Any] = lang_data(lang, "explanation")
    if not words:
        known = ", ".join(LANGUAGES)
        raise KompetensError(
            Code.E109, f"no explanation texts for language {lang!r}; known: {known}", field="lang"
        )
    return words


def _placed(item: RankItem, *, role: Role, of: int, erased: int, words: Mapping[str, Any]) -> list[str]:
    """The place sentence, and once candidates of the ranking were erased, the one that says how many: the
    places count those still held (a new user read "You were ranked 3 of 1" after two were erased)."""
    said = {"rank": item.rank, "of": of, "role": role.title, "score": round(item.score)}
    if erased <= 0:
        return [words["ranked"].format(**said)]
    forms: Mapping[str, str] = words["erased"]
    held = words["ranked_held"]  # one held: "Av de 1 kandidater" (hunt hO2); a text or {"one", "other"}
    placed = held if isinstance(held, str) else held["one" if of == 1 else "other"]
    return [placed.format(**said), forms["one" if erased == 1 else "other"].format(n=erased)]


def order_rule(lang: str = "en") -> str:
    """How ``score.rank`` orders a ranking, in ``lang``: the one wording the pages, the CLI and the
    explanations use."""
    rule: str = explanation_words(lang)["order_rule"]
    return rule


def outranked_by(items: Sequence[RankItem], item: RankItem) -> int:
    """How many of ``items`` stand above ``item`` with a lower (whole) score: only more must-haves shown
    put them there (``score.rank``)."""
    return sum(1 for other in items if other.rank < item.rank and round(other.score) < round(item.score))


def _outranked(item: RankItem, n: int, words: Mapping[str, Any]) -> list[str]:
    """Why lower scores stand above the candidate: the must-haves each shows, and the rule."""
    if n <= 0:
        return []
    forms: Mapping[str, str] = words["outranked"]
    met = sum(item.must_haves.values())
    said = forms["one" if n == 1 else "other"].format(n=n, met=met, total=len(item.must_haves))
    return [f"{said} {words['order_rule']}"]


def _points(n: int, words: Mapping[str, Any]) -> str:
    forms: Mapping[str, str] = words["points"]
    return forms["one" if n == 1 else "other"].format(n=n)


@lru_cache(maxsize=8)
def _template_pattern(template: str) -> re.Pattern[str]:
    """A ``{name}`` template as a pattern that reads the names back: "line {line}: ..." matches
    "line 12: ..." with ``line`` "12"."""
    parts = re.split(r"\{(\w+)\}", template)
    return re.compile(
        "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.*?)" for i, p in enumerate(parts)) + r"\Z",
        re.DOTALL,
    )


def warning_text(warning: str, lang: str) -> str:
    """A stored item's warning (written in English by ``match/timeline.py`` from ``lang/en``'s templates)
    in ``lang``; a warning no template reads stays as it is."""
    said: Mapping[str, str] = explanation_words(lang)["warnings"]
    for key, template in explanation_words("en")["warnings"].items():
        found = _template_pattern(template).match(warning)
        if found is not None and key in said:
            return said[key].format(**found.groupdict())
    return warning


SKILLS_SAID = 8
"""The most missing skills a candidate's explanation names in one sentence; it counts the rest."""


def _missing_skills(item: RankItem, words: Mapping[str, Any], labels: Mapping[str, str]) -> list[str]:
    """The role's skills the CV does not show, in words: the required ones, then the others (a job seeker's
    finding, stop 42: the explanation named a missing area, "Psychology and human interaction", and none of
    the ad's skills the ranking listed as missing, "customer segmentation", "report analysis results")."""

    def said(key: str, skills: Sequence[SkillMatch]) -> list[str]:
        if not skills:
            return []
        quoted = ", ".join(
            words["quoted"].format(word=labels.get(m.concept, m.label)) for m in skills[:SKILLS_SAID]
        )
        more = len(skills) - SKILLS_SAID
        return [
            words[key].format(skills=quoted)
            + (words["missing_skills_more"].format(n=more) if more > 0 else "")
        ]

    required = [m for m in item.missing_skills if m.required]
    others = [m for m in item.missing_skills if not m.required]
    return [
        *said("missing_skills_required", required),
        *said("missing_skills_other", others),
        words["missing_skills_hint"],
    ]


def explain(
    item: RankItem,
    *,
    role: Role,
    of: int,
    final_rank: int | None,
    labels: Mapping[str, str],
    lang: str = "en",
    erased: int = 0,
    outranked: int = 0,
    skill_labels: Mapping[str, str] | None = None,
) -> list[str]:
    """Plain-language paragraphs about one candidate's ranked item, for the candidate, in ``lang`` (the
    sentences of ``lang/<lang>/explanation.json``; ``labels`` names the areas and must-haves in it).
    ``item.rank``, ``of`` and ``final_rank`` count the candidates still held; ``erased`` more were ranked
    and erased since, which the text says. ``outranked`` candidates with a lower score stand above it (they
    show more must-haves: ``outranked_by``), which the text says right after the place. The role's skills
    the CV does not show (``item.missing_skills``, must-haves first; ``skill_labels`` names them in ``lang``)
    are said too, and an area that is both a gap and a missing must-have once."""
    words = explanation_words(lang)
    worded = item.wording is not None and item.wording_share > 0.0
    text = _placed(item, role=role, of=of, erased=erased, words=words)
    text += _outranked(item, outranked, words)
    text.append(words["score"].format(wording=words["score_wording"] if worded else ""))
    weighed = sorted(
        (a for a in AREA_IDS if role.weights.get(a, 0.0) > 0.0),
        key=lambda a: -item.contributions.get(a, 0.0),
    )
    # every point of the score is explained: the areas' and the wording's whole points add up to it
    points = whole_points(
        {a: item.contributions.get(a, 0.0) for a in weighed}
        | ({_WORDING: item.wording_points} if worded else {})
    )
    if worded:
        shared = ", ".join(words["quoted"].format(word=w) for w in item.wording_shared[:5])
        text.append(
            words["wording"].format(
                points=_points(points[_WORDING], words), most=round(100 * item.wording_share)
            )
            + (words["wording_words"].format(words=shared) if shared else words["wording_little"])
        )
    for area in weighed:
        lines = item.evidence.get(area, [])
        found = words["area_found"].format(line=lines[0].rstrip(".")) if lines else words["area_nothing"]
        text.append(
            words["area"].format(
                area=labels.get(area, area),
                level=_percent(item.areas.get(area, 0.0)),
                points=_points(points[area], words),
                found=found,
            )
        )
    # a job seeker's finding (stop 42): a must-have area missing was said twice, "Below what the role asks
    # for: X." and "Required by the role and not shown in your CV: X."; it is said once, as the second
    gaps = [a for a in item.gaps if a not in item.missing_must_haves]
    if gaps:
        text.append(words["gaps"].format(areas=", ".join(labels.get(a, a) for a in gaps)))
    if item.missing_must_haves:
        missing = ", ".join(labels.get(m, m) for m in item.missing_must_haves)
        text.append(words["missing"].format(items=missing))
        if item.listed_must_haves:  # "but I listed SEO": said why a list did not meet it (score.py)
            listed = ", ".join(labels.get(m, m) for m in item.listed_must_haves)
            text.append(words["listed"].format(items=listed))
    if item.missing_skills:  # what the role asks that the CV does not show, by name (the ranking holds it)
        text += _missing_skills(item, words, skill_labels or {})
    for warning in item.warnings:
        text.append(words["checked"].format(warning=warning_text(warning, lang)))
    if final_rank is None:
        text.append(words["proposal"])
    else:
        text.append(words["final"].format(final_rank=final_rank, of=of))
    text.append(words["rights"])
    return text
