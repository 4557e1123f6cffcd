"""A structured interview kit for one candidate and role: questions, a work sample and anchored scales.

Structured interviews and work samples predict job performance far better than years of experience
(Sackett et al. 2022), so the kit asks every candidate the same questions per area and rates each answer
on a 1-5 scale with written anchors for 1, 3 and 5. It covers the candidate's gaps and the role's
must-haves; the texts are plain data in ``lang/<code>/interview.json``, and a section is named with its area's
label in the kit's language (``taxonomy/data/areas.json``), as ``kompetens areas``, rank and the explanations
name it.

The questions are about social-media work. For a role from an ad that does not ask for social-media
competence (``Role.social_media`` False) the kit says so at the top (``Kit.note``) and asks only about the
areas the ad's own words weigh (``Role.ad_areas``), or about none: a preschool teacher's ad names no area and
is ranked on the default weights, but its applicants are not asked about social-media policy or APIs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..errors import Code, KompetensError
from ..lang import LANGUAGES, lang_data
from ..models import AREA_IDS
from ..schema import DOCUMENTED, R4
from ..taxonomy.areas import area_label
from .role import CONCEPT_PREFIX, Role
from .score import CandidateProfile, score

SCALE_POINTS: tuple[int, ...] = (1, 2, 3, 4, 5)


@dataclass(frozen=True, slots=True)
class Question:
    __pydantic_config__ = DOCUMENTED

    kind: str
    """behavioural | situational"""
    text: str


@dataclass(frozen=True, slots=True)
class Scale:
    """A 1-5 rating scale with written anchors (for 1, 3 and 5)."""

    __pydantic_config__ = DOCUMENTED

    points: tuple[int, ...]
    anchors: dict[int, str]
    """What an answer rated 1, 3 or 5 shows, by rating."""


@dataclass(frozen=True, slots=True)
class KitSection:
    """One area to probe: why, the questions, a work sample and the anchors of its 1-5 scale."""

    __pydantic_config__ = DOCUMENTED

    area: str
    label: str
    """The area's label in the kit's language, as ``kompetens areas`` names it."""
    reason: str
    """gap | must_have | gap_must_have | verify"""
    level: R4
    """The candidate's level in the area, 0..1."""
    questions: tuple[Question, ...]
    work_sample: str
    scale: Scale


@dataclass(frozen=True, slots=True)
class Kit:
    """An interview kit: the ``kompetens interview --json`` object."""

    __pydantic_config__ = DOCUMENTED

    lang: str
    role: str
    """The role's title."""
    candidate: str
    """The CV's source."""
    social_media: bool
    """Whether the role asks for social-media competence. False for a role from an ad that does not: the
    sections cover only the areas the ad's own words weigh (none where it weighs none), and ``note`` says so."""
    note: str
    """Empty for a role in the field; else that the ad does not ask for social-media competence and the rest of
    the interview must come from the ad, in the kit's language (the Markdown's first words under the title)."""
    instructions: tuple[str, ...]
    """How to run the interview; none for a kit with no section."""
    sections: tuple[KitSection, ...]
    """One per gap and must-have area, weightiest area first; for a role outside the field, only among the
    areas the ad's own words weigh."""
    missing_concepts: tuple[str, ...]
    """Must-have concepts the CV does not show."""
    markdown: str
    """The kit as Markdown, ready to print."""


def kit_labels(lang: str) -> dict[str, Any]:
    """The kit's headings and labels in ``lang`` (``lang/<lang>/interview.json``): what the Markdown and the
    web page name its parts with."""
    labels: dict[str, Any] = lang_data(lang, "interview").get("labels", {})
    return labels


def render_markdown(
    labels: dict[str, Any],
    *,
    role: str,
    candidate: str,
    note: str = "",
    instructions: tuple[str, ...],
    sections: tuple[KitSection, ...],
    missing_concepts: tuple[str, ...],
) -> str:
    """The kit as Markdown; ``labels`` are the headings of the kit's language."""
    lab = labels
    out = [f"# {lab['title']}: {role}", ""]
    if note:
        out += [f"> **{lab['note']}:** {note}", ""]
    out.append(f"**{lab['candidate']}:** {candidate}")
    if instructions:
        out += ["", f"## {lab['how_to']}", "", *(f"- {line}" for line in instructions)]
    for i, sec in enumerate(sections, start=1):
        out += [
            "",
            f"## {i}. {sec.label}",
            "",
            f"_{lab['reason'][sec.reason]}_",
            "",
            f"### {lab['questions']}",
            "",
        ]
        out += [f"{n}. **{lab[q.kind]}:** {q.text}" for n, q in enumerate(sec.questions, start=1)]
        out += ["", f"### {lab['work_sample']}", "", sec.work_sample, "", f"### {lab['scale']}", ""]
        out += [f"- **{p}**: {sec.scale.anchors.get(p, '')}".rstrip(": ") for p in SCALE_POINTS]
    if missing_concepts:
        out += ["", f"## {lab['reason']['must_have']}", "", *(f"- {c}" for c in missing_concepts)]
    return "\n".join(out) + "\n"


def interview_kit(
    candidate: CandidateProfile, role: Role, *, lang: str = "en", questions: int = 3, verify: int = 1
) -> Kit:
    """The kit for ``candidate``: one section per gap and per must-have area, weightiest area first.

    With no gap and no must-have, the ``verify`` weakest weighted areas get a section, so a kit for a role in
    the field is never empty. For a role outside it (``asked_areas``) both keep to the ad's own areas, and a kit
    for an ad that weighs none holds the note alone. ``questions`` (2 or 3) caps the questions per area.
    """
    data = lang_data(lang, "interview")
    if not data.get("areas"):
        known = ", ".join(LANGUAGES)
        raise KompetensError(
            Code.E109, f"no interview texts for language {lang!r}; known: {known}", field="lang"
        )
    result = score(candidate, role)
    asked = asked_areas(role)
    gaps = set(result.gaps) & set(asked)
    musts = {k for k in role.must_have if k in asked}
    areas = gaps | musts
    if not areas:
        weighted = [a for a in asked if role.weights.get(a, 0.0) > 0.0]
        areas = set(sorted(weighted, key=lambda a: (candidate.areas[a], -role.weights[a]))[:verify])
    order = sorted(areas, key=lambda a: (-role.weights.get(a, 0.0), AREA_IDS.index(a)))
    sections = tuple(
        _section(
            _texts(data["areas"][a], role), a, lang, _reason(a, gaps, musts), candidate.areas[a], questions
        )
        for a in order
    )
    missing = tuple(
        k.removeprefix(CONCEPT_PREFIX)
        for k in role.must_have
        if k not in AREA_IDS and not result.must_haves[k]
    )
    # a kit with no section (a role outside the field whose ad weighs no area) has nothing to rate
    instructions = tuple(data.get("instructions", [])) if sections else ()
    note = _note(data["outside_field"], role, lang)
    markdown = render_markdown(
        data["labels"],
        role=role.title,
        candidate=candidate.source,
        note=note,
        instructions=instructions,
        sections=sections,
        missing_concepts=missing,
    )
    return Kit(
        lang=lang,
        role=role.title,
        candidate=candidate.source,
        social_media=role.social_media,
        note=note,
        instructions=instructions,
        sections=sections,
        missing_concepts=missing,
        markdown=markdown,
    )


def asked_areas(role: Role) -> tuple[str, ...]:
    """The areas a kit may ask about: all eight for a role in the field; for a role from an ad that does not
    ask for social-media competence, only those the ad's own words weigh (perhaps none)."""
    return AREA_IDS if role.social_media else role.ad_areas


def _note(texts: dict[str, str], role: Role, lang: str) -> str:
    """The kit's first words for a role outside the field ("" for one in it), naming the ad's own areas."""
    if role.social_media:
        return ""
    if not role.ad_areas:
        return texts["none"]
    return texts["some"].format(areas="; ".join(area_label(a, lang) for a in role.ad_areas))


def _texts(area: dict[str, Any], role: Role) -> dict[str, Any]:
    """An area's questions, work sample and anchors: for a role outside the field its channel-neutral
    ``outside_field`` ones where the area has them (a phone and invoice helpdesk gets no question about 200
    comments in an hour)."""
    general: dict[str, Any] | None = area.get("outside_field")
    return general if general and not role.social_media else area


def _reason(area: str, gaps: set[str], musts: set[str]) -> str:
    if area in gaps and area in musts:
        return "gap_must_have"
    if area in gaps:
        return "gap"
    return "must_have" if area in musts else "verify"


def _section(data: dict[str, Any], area: str, lang: str, reason: str, level: float, limit: int) -> KitSection:
    qs = tuple(Question(q["kind"], q["text"]) for q in data["questions"][: max(2, limit)])
    return KitSection(
        area=area,
        label=area_label(area, lang),
        reason=reason,
        level=level,
        questions=qs,
        work_sample=data["work_sample"],
        scale=Scale(SCALE_POINTS, {int(k): v for k, v in data["anchors"].items()}),
    )
