"""A structured interview kit for one candidate and role: questions, a work sample and anchored scales.

Structured interviews and work samples predict job performance far better than years of experience
(Sackett et al. 2022), so the kit asks every candidate the same questions per area and rates each answer
on a 1-5 scale with written anchors for 1, 3 and 5. It covers the candidate's gaps and the role's
must-haves; the texts are plain data in ``lang/<code>/interview.json``, and a section is named with its area's
label in the kit's language (``taxonomy/data/areas.json``), as ``kompetens areas``, rank and the explanations
name it.
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
    instructions: tuple[str, ...]
    """How to run the interview."""
    sections: tuple[KitSection, ...]
    """One per gap and must-have area, weightiest area first."""
    missing_concepts: tuple[str, ...]
    """Must-have concepts the CV does not show."""
    markdown: str
    """The kit as Markdown, ready to print."""


def render_markdown(
    labels: dict[str, Any],
    *,
    role: str,
    candidate: str,
    instructions: tuple[str, ...],
    sections: tuple[KitSection, ...],
    missing_concepts: tuple[str, ...],
) -> str:
    """The kit as Markdown; ``labels`` are the headings of the kit's language."""
    lab = labels
    out = [
        f"# {lab['title']}: {role}",
        "",
        f"**{lab['candidate']}:** {candidate}",
        "",
        f"## {lab['how_to']}",
        "",
        *(f"- {line}" for line in instructions),
    ]
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

    With no gap and no must-have, the ``verify`` weakest weighted areas get a section, so a kit is never
    empty. ``questions`` (2 or 3) caps the questions per area.
    """
    data = lang_data(lang, "interview")
    if not data.get("areas"):
        known = ", ".join(LANGUAGES)
        raise KompetensError(
            Code.E109, f"no interview texts for language {lang!r}; known: {known}", field="lang"
        )
    result = score(candidate, role)
    gaps = set(result.gaps)
    musts = {k for k in role.must_have if k in AREA_IDS}
    areas = gaps | musts
    if not areas:
        weighted = [a for a in AREA_IDS if role.weights.get(a, 0.0) > 0.0]
        areas = set(sorted(weighted, key=lambda a: (candidate.areas[a], -role.weights[a]))[:verify])
    order = sorted(areas, key=lambda a: (-role.weights.get(a, 0.0), AREA_IDS.index(a)))
    sections = tuple(
        _section(data["areas"][a], a, lang, _reason(a, gaps, musts), candidate.areas[a], questions)
        for a in order
    )
    missing = tuple(
        k.removeprefix(CONCEPT_PREFIX)
        for k in role.must_have
        if k not in AREA_IDS and not result.must_haves[k]
    )
    instructions = tuple(data.get("instructions", []))
    markdown = render_markdown(
        data["labels"],
        role=role.title,
        candidate=candidate.source,
        instructions=instructions,
        sections=sections,
        missing_concepts=missing,
    )
    return Kit(lang, role.title, candidate.source, instructions, sections, missing, markdown)


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
