"""Candidate profiles and their scores for a role: explainable, and blind to who the candidate is.

A ``CandidateProfile`` is built from anonymised text only (``build_candidate``), so the scorer cannot see
name, age, birth date, gender or photo. Per area, the level rests on the breadth and strength of the
evidence; recency counts a little and years of experience less (their validity for job performance is
about .07, Sackett et al. 2022), capped at five years because career length is also a proxy for age.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Any

import numpy as np

from ..lang import LANGUAGES, lang_data
from ..models import AREA_IDS, Document, Mention, Profile
from ..schema import DOCUMENTED, R1, R2, R4
from ..skills import Labeler, Skill, SkillEvidence, SkillMatch, match_skills, skill_list
from ..taxonomy.areas import curated_links, curated_narrow
from . import wording
from .anonymize import anonymize
from .listed import is_listed
from .role import Role
from .timeline import Cover, Position, Timeline, covered_months, parse_timeline, without_years
from .wording import (
    WordBridge,
    Zipf,
    copied,
    cv_form_spans,
    cv_words_pattern,
    name_words,
    sentence_keys,
    term_counts,
    term_vector,
    unmatched_text,
    words_at,
)

# Evidence inside a described job counts fully; in education a little less; self-description (profile,
# "about me") half: saying "I use Instagram every day" is not having done the job. A bare skills list
# ("Kompetenser: Instagram, TikTok, SEO", ``listed.py``) names tools without showing them used: a fifth, and it
# neither dates a job's months nor meets a must-have on its own (``CandidateProfile.shown``).
WHERE_WEIGHT: dict[str, float] = {"position": 1.0, "education": 0.6, "other": 0.5, "listed": 0.2}
EVIDENCE_SCALE = 3.0
"""Evidence mass (sum over distinct concepts of confidence x where-weight) giving 1 - 1/e of the level."""
DEPTH_SHARE = 0.8
RECENCY_SHARE = 0.12
YEARS_SHARE = 0.08
YEARS_CAP = 5.0
RECENCY_MONTHS = 48.0
"""Months after which the recency bonus has fallen to 1/e."""
GAP_LEVEL = 0.25
"""An area the role weighs is a gap below this level (or below the role's own minimum)."""
MUST_LEVEL = 0.10
"""A must-have area counts as present from this level (or the role's own minimum)."""
EVIDENCE_LIMIT = 3
_CONTEXT_CHARS = 160


@dataclass(frozen=True, slots=True)
class Evidence:
    """One piece of evidence: the words found, their line (anonymised) and where in the CV they stand."""

    text: str
    context: str
    concept: str
    label: str
    confidence: float
    where: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "context": self.context,
            "concept": self.concept,
            "label": self.label,
            "confidence": round(self.confidence, 4),
            "where": self.where,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Evidence:
        return cls(d["text"], d["context"], d["concept"], d["label"], float(d["confidence"]), d["where"])


@dataclass(slots=True)
class CandidateProfile:
    """What scoring knows about a candidate; built from anonymised text, storable as JSON."""

    source: str
    lang: str
    as_of: str
    areas: dict[str, float]
    depth: dict[str, float]
    years: dict[str, float]
    recency_months: dict[str, int | None]
    evidence: dict[str, list[Evidence]]
    concepts: dict[str, str]
    education: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    positions: list[dict[str, Any]] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    """What the reader should check: date ranges that were not read (their months count for nothing)."""
    skills: list[Skill] = field(default_factory=list)
    """The linked skills, one per concept (``kompetens.skills.skill_list``); offsets index the anonymised
    text. Empty in a profile stored before skill lists existed."""
    wording: dict[str, float] = field(default_factory=dict)
    """The CV's distinctive words (anonymised text, ``match/wording.py``), unit length: what a role derived
    from an ad compares with its own. Empty in a profile stored before, or built without a lexicon: such a
    profile is scored on the areas alone."""
    wording_en: dict[str, float] = field(default_factory=dict)
    """The same words as English terms (``WordBridge``): what a role from an ad in another language
    compares. Empty without the linking index."""
    sentences: tuple[str, ...] = ()
    """Hashes of the anonymised CV's sentences (``wording.sentence_keys``): whether it copies an ad's."""
    wording_tf: dict[str, int] = field(default_factory=dict)
    """How often each of ``wording``'s words stands in the text it was weighed from (``wording.term_counts``):
    what the fit takes the words of an ad's sentences the CV holds word for word from
    (``wording.without_sentences``). Empty in a profile stored before: its fit then counts them."""
    wording_where: dict[str, float] = field(default_factory=dict)
    """For each of ``wording``'s words the CV does not show in a job's text, the where-weight of the best place
    it stands (``WHERE_WEIGHT``: a summary or profile 0.5, education 0.6, a skills list 0.2): the wording fit
    counts the words shared with an ad by where the CV shows them (``wording.shown_share``). Empty for a CV
    with no job the timeline reads (its work cannot be told from its claims) and in a profile stored before:
    its words then count as they are."""
    wording_en_where: dict[str, float] = field(default_factory=dict)
    """The same for ``wording_en``'s English terms (``WordBridge.places``)."""
    shown: dict[str, float] = field(default_factory=dict)
    """Level per area from the evidence outside bare skills lists and, in a CV whose jobs the timeline reads,
    outside self-description (a profile, a summary: stop 42): what a must-have area is held to, so that a
    list or a claim alone does not meet it. Empty in a profile stored before: ``areas`` then stands in."""
    listed_concepts: list[str] = field(default_factory=list)
    """Concepts found only in bare skills lists: they meet no concept must-have."""
    vector: tuple[float, ...] = field(init=False, repr=False)
    concept_keys: frozenset[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.vector = tuple(self.areas.get(a, 0.0) for a in AREA_IDS)
        self.concept_keys = frozenset(
            [*self.concepts, *(label.casefold() for label in self.concepts.values())]
        )  # the skill list is not read here: must-haves (and so the order) stay as they were

    def has_concept(self, key: str) -> bool:
        """True when the profile has this concept, by URI or (case-insensitive) preferred label."""
        return key in self.concept_keys or key.casefold() in self.concept_keys

    def shows_concept(self, key: str) -> bool:
        """True when the profile has this concept outside bare skills lists (a concept must-have)."""
        if not self.has_concept(key):
            return False
        listed = {k for uri in self.listed_concepts for k in (uri, self.concepts.get(uri, uri).casefold())}
        return key not in listed and key.casefold() not in listed

    def shown_level(self, area: str) -> float:
        """The area's level outside bare skills lists (``areas`` for a profile stored before)."""
        return self.shown.get(area, self.areas[area])

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "lang": self.lang,
            "as_of": self.as_of,
            "areas": {a: round(self.areas[a], 6) for a in AREA_IDS},
            "depth": {a: round(self.depth[a], 6) for a in AREA_IDS},
            "years": {a: round(self.years[a], 4) for a in AREA_IDS},
            "recency_months": {a: self.recency_months[a] for a in AREA_IDS},
            "evidence": {a: [e.to_dict() for e in self.evidence[a]] for a in AREA_IDS},
            "concepts": dict(self.concepts),
            "education": list(self.education),
            "languages": list(self.languages),
            "positions": list(self.positions),
            "removed": list(self.removed),
            "warnings": list(self.warnings),
            "skills": [s.to_dict() for s in self.skills],
            "wording": dict(self.wording),
            "wording_en": dict(self.wording_en),
            "sentences": list(self.sentences),
            "wording_tf": dict(self.wording_tf),
            "wording_where": dict(self.wording_where),
            "wording_en_where": dict(self.wording_en_where),
            "shown": {a: round(v, 6) for a, v in self.shown.items()},
            "listed_concepts": list(self.listed_concepts),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> CandidateProfile:
        return cls(
            source=d["source"],
            lang=d.get("lang", "und"),
            as_of=d["as_of"],
            areas={a: float(d["areas"].get(a, 0.0)) for a in AREA_IDS},
            depth={a: float(d.get("depth", {}).get(a, 0.0)) for a in AREA_IDS},
            years={a: float(d.get("years", {}).get(a, 0.0)) for a in AREA_IDS},
            recency_months={a: d.get("recency_months", {}).get(a) for a in AREA_IDS},
            evidence={a: [Evidence.from_dict(e) for e in d.get("evidence", {}).get(a, [])] for a in AREA_IDS},
            concepts=dict(d.get("concepts", {})),
            education=list(d.get("education", [])),
            languages=list(d.get("languages", [])),
            positions=list(d.get("positions", [])),
            removed=list(d.get("removed", [])),
            warnings=list(d.get("warnings", [])),
            skills=[Skill.from_dict(s) for s in d.get("skills", [])],
            wording={str(w): float(v) for w, v in d.get("wording", {}).items()},
            wording_en={str(w): float(v) for w, v in d.get("wording_en", {}).items()},
            sentences=tuple(str(k) for k in d.get("sentences", [])),
            wording_tf={str(w): int(n) for w, n in d.get("wording_tf", {}).items()},
            wording_where={str(w): float(v) for w, v in d.get("wording_where", {}).items()},
            wording_en_where={str(w): float(v) for w, v in d.get("wording_en_where", {}).items()},
            shown={str(a): float(v) for a, v in d.get("shown", {}).items()},
            listed_concepts=[str(c) for c in d.get("listed_concepts", [])],
        )


@dataclass(slots=True)
class Score:
    """A candidate's fit to a role: 0..100, per-area levels and contributions, gaps, must-haves."""

    candidate: CandidateProfile
    role: Role
    score: float
    must_haves: Mapping[str, bool]
    wording: float | None = None
    """The wording fit (0..1) when the role and the CV were compared (``match/wording.py``), else None."""

    @property
    def source(self) -> str:
        return self.candidate.source

    @property
    def must_haves_met(self) -> int:
        return sum(self.must_haves.values())

    @property
    def missing_must_haves(self) -> list[str]:
        return [k for k, ok in self.must_haves.items() if not ok]

    @property
    def listed_must_haves(self) -> list[str]:
        """Missing must-haves the CV names in a bare skills list or claims in its profile only: listed, not
        shown in work."""
        return [k for k in self.missing_must_haves if _listed(self.candidate, self.role, k)]

    @property
    def gaps(self) -> tuple[str, ...]:
        """Areas the role weighs where the level is below the role's minimum (or GAP_LEVEL), weightiest first."""
        return _gaps(self.candidate.vector, self.role)

    def evidence(self, *, limit: int = EVIDENCE_LIMIT) -> dict[str, list[str]]:
        """Evidence lines per area the role weighs, strongest first."""
        out: dict[str, list[str]] = {}
        for area in AREA_IDS:
            if self.role.weights.get(area, 0.0) <= 0.0:
                continue
            lines: list[str] = []
            for e in self.candidate.evidence[area]:
                if e.context not in lines:
                    lines.append(e.context)
                if len(lines) >= limit:
                    break
            out[area] = lines
        return out

    def contributions(self) -> dict[str, float]:
        """Points (of the 0..100 score) each area brings; with a wording fit they share ``1 -
        role.wording_share`` of the 100, and ``wording_points`` the rest."""
        part = (
            100.0 * (1.0 if self.wording is None else 1.0 - self.role.wording_share) / self.role.total_weight
        )
        return {
            a: part * w * v for a, w, v in zip(AREA_IDS, self.role.vector, self.candidate.vector, strict=True)
        }

    @property
    def wording_points(self) -> float:
        """Points (of the 0..100 score) the wording fit brings; 0 when it was not compared."""
        return 0.0 if self.wording is None else 100.0 * self.role.wording_share * self.wording


@dataclass(slots=True)
class Ranked:
    rank: int
    score: Score

    def item(self) -> RankItem:
        """The ``kompetens rank --json`` item: the contract's keys plus the explanation."""
        s, c = self.score, self.score.candidate
        matched, missing = match_skills(s.role.wanted_skills(), c.skills, curated_links(), curated_narrow())
        return RankItem(
            candidate=s.source,
            rank=self.rank,
            score=s.score,
            areas={a: c.areas[a] for a in AREA_IDS},
            evidence=s.evidence(),
            gaps=list(s.gaps),
            warnings=list(c.warnings) + _copy_warning(s),
            must_haves=dict(s.must_haves),
            missing_must_haves=s.missing_must_haves,
            listed_must_haves=s.listed_must_haves,
            contributions=s.contributions(),
            years={a: c.years[a] for a in AREA_IDS},
            recency_months=dict(c.recency_months),
            skills=len(c.skills),
            matched_skills=matched,
            missing_skills=missing,
            wording=s.wording,
            wording_points=s.wording_points,
            wording_share=0.0 if s.wording is None else s.role.wording_share,
            wording_shared=_shared_words(s),
            wording_in_english=s.wording is not None and c.lang != s.role.lang,
        )


@dataclass(slots=True)
class RankItem:
    """One ranked candidate: the ``kompetens rank --json`` item (and the API's)."""

    __pydantic_config__ = DOCUMENTED

    candidate: str
    """The CV's source (file name)."""
    rank: int
    """1 for the best."""
    score: R2
    """Fit to the role, 0..100."""
    areas: dict[str, R4]
    """Level per area (all eight), 0..1."""
    evidence: dict[str, list[str]]
    """Anonymised evidence lines per area the role weighs, strongest first."""
    gaps: list[str]
    """Areas the role weighs where the level is below its minimum, weightiest first."""
    warnings: list[str]
    """What to check by hand (date ranges that were not read)."""
    must_haves: dict[str, bool]
    """Each of the role's must-haves, and whether the CV shows it."""
    missing_must_haves: list[str]
    contributions: dict[str, R2]
    """Points of the score each area brings."""
    years: dict[str, R1]
    """Years of experience per area (counted up to five in the level)."""
    recency_months: dict[str, int | None]
    """Months since the area was last used in a job; null when no dated job shows it."""
    skills: int = 0
    """How many linked skills (distinct concepts) the CV shows."""
    matched_skills: list[SkillMatch] = field(default_factory=list)
    """The role's skills (an ad's linked skills, a role file's ``skills`` and concept must-haves) the CV
    shows, by concept, with its words: an explanation only, no part of the score."""
    missing_skills: list[SkillMatch] = field(default_factory=list)
    """The role's skills the CV does not show."""
    wording: R4 | None = None
    """How much of the ad's distinctive wording the CV shares, 0..1 (``match/wording.py``); null when not
    compared (a role file without wording, a profile stored before, texts in two languages without the
    linking index's English terms)."""
    wording_points: R2 = 0.0
    """Points of the score the wording brings (``contributions`` holds the areas' points)."""
    wording_share: R2 = 0.0
    """The most points of 100 the wording could bring, as a share (0.4, or 0.7 for an ad outside the
    field); 0 when not compared."""
    wording_shared: list[str] = field(default_factory=list)
    """The shared words that weigh most, heaviest first (English terms when ``wording_in_english``)."""
    wording_in_english: bool = False
    """The CV and the ad are in different languages and were compared through their English terms."""
    listed_must_haves: list[str] = field(default_factory=list)
    """Those of ``missing_must_haves`` the CV names only in a bare skills list ("Kompetenser: SEO, ..."):
    listed, not shown in work, so not met."""

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> RankItem:
        """An item as stored (a decision record); older items have no skill keys."""
        data = dict(d)
        for key in ("matched_skills", "missing_skills"):
            data[key] = [SkillMatch(**m) for m in data.get(key, [])]
        return cls(**data)


# -- building a profile ---------------------------------------------------------------------------


def build_candidate(
    doc: Document,
    profile_fn: Callable[[Document], Profile],
    *,
    today: date | None = None,
    labels: Labeler | None = None,
    zipf: Zipf | None = None,
    bridge: WordBridge | None = None,
    wording_fn: Callable[[Document], Profile] | None = None,
    languages: Callable[[str], Sequence[str]] | None = None,
) -> CandidateProfile:
    """Anonymise ``doc``, extract from the anonymised text only, add the timeline.

    ``languages`` (a language's name -> its ESCO skill URI and those of using it: ``Engine.language_concepts``)
    makes the languages of the CV's languages section skills ("English (native)" shows *English* and *write
    English*), with no area: they are never scored, but a role's language skill or concept must-have
    ("engelska", an ad's "write English") is met.

    ``profile_fn`` is the extractor (``Engine(...).extract``); it never sees the original text, nor the
    document's title or metadata (a file's author field or a Markdown heading may hold the name). With
    ``zipf`` (word frequencies: ``Lexicon.zipf``) the profile keeps the anonymised text's distinctive words
    (``CandidateProfile.wording``), and with ``bridge`` the same as English terms (``wording_en``). The
    words are those ``wording_fn``'s mentions leave (default ``profile_fn``'s): thorough profiling passes the
    phrase index, whose mentions are the competence words the areas score; the tagger's phrases, which
    cover most of a text, would leave the wording fit next to nothing.
    """
    day = today or date.today()
    anon = anonymize(doc.text, keep_length=False, hints=[doc.title] if doc.title else [])
    lang = _cv_language(doc, anon.text)
    clean = Document(source=doc.source, text=anon.text, lang=lang, kind="cv")
    profile = profile_fn(clean)
    timeline = parse_timeline(anon.text, today=day)
    tied = TiedSummary(anon.text, timeline)
    cand = candidate_from(
        profile, timeline, removed=anon.removed, today=day, labels=labels, languages=languages, tied=tied
    )
    cand.sentences = sentence_keys(clean.text)
    if zipf is not None:
        blanked = profile if wording_fn is None else wording_fn(clean)
        text = unmatched_text(blanked, cv_form_spans(clean.text))
        cand.wording = term_vector(text, lang, zipf)
        cand.wording_tf = term_counts(text, cand.wording)
        cand.wording_where = _wording_places(clean.text, text, timeline, cand.wording, tied)
        if bridge is not None:
            names = name_words(clean.text)
            cand.wording_en = bridge.bridge(cand.wording, lang, names)
            cand.wording_en_where = bridge.places(cand.wording, lang, cand.wording_where, names)
    return cand


def _wording_places(
    text: str, blanked: str, timeline: Timeline, words: Mapping[str, float], tied: TiedSummary | None = None
) -> dict[str, float]:
    """For each of ``words`` (the CV's wording, weighed from ``blanked``: ``text`` with its mentions and form
    blanked, offsets kept) that stands in no job's text, the where-weight of the best place it stands
    (``CandidateProfile.wording_where``); empty when the timeline reads no job, as then work cannot be told
    from claims (a CV whose dates were not read, an ad read as a CV), and when it reads only jobs told in
    prose ("Sedan 2015 är jag webbredaktör på X": ``Position.told``): such a CV tells its career as one
    story, its earlier jobs and its claims in the same paragraphs, and its words keep their full weight."""
    if not words or all(p.told for p in timeline.positions):
        return {}
    best: dict[str, float] = {}
    places: dict[int, float] = {}  # a line's start -> its where-weight
    if tied is None:
        tied = TiedSummary(text, timeline)
    for word, at in words_at(blanked):
        if word not in words or best.get(word) == 1.0:
            continue
        line = blanked.rfind("\n", 0, at) + 1
        if line not in places:
            where = _where(text, at, timeline.section_at(at), in_position=bool(timeline.positions_at(at)))
            places[line] = WHERE_WEIGHT[where]
        place = places[line]
        if place == WHERE_WEIGHT["other"] and tied and tied.at(at) is not None:
            place = 1.0
        best[word] = max(best.get(word, 0.0), place)
    return {w: f for w, f in sorted(best.items()) if f < 1.0}


def _cv_language(doc: Document, anonymised: str) -> str:
    """The CV's language, as the anonymised text reads: the name and contact lines can tip a short CV ("Awaa
    Aabazghnf" read an English one as French, "Aavbk Vjagk" an English one as Swedish), and the language
    decides the profile. Kept as it is where reading settled it on the text without them already
    (``LANG_SETTLED_WITHOUT_IDENTITY``: a file read as a CV) or the caller gave it, unless it is none served
    (``und``); else read again from the anonymised text (a document read as plain text, then profiled)."""
    from ..ingest.reader import LANG_GIVEN, LANG_SETTLED_WITHOUT_IDENTITY, settle_language

    if doc.lang in LANGUAGES and (doc.meta.get(LANG_GIVEN) or doc.meta.get(LANG_SETTLED_WITHOUT_IDENTITY)):
        return doc.lang
    settled = settle_language(anonymised)
    return settled if settled in LANGUAGES else doc.lang


def candidate_from(
    profile: Profile,
    timeline: Timeline,
    *,
    removed: Sequence[str] = (),
    today: date,
    labels: Labeler | None = None,
    languages: Callable[[str], Sequence[str]] | None = None,
    tied: TiedSummary | None = None,
) -> CandidateProfile:
    """A CandidateProfile from an extracted Profile and the timeline of the same (anonymised) text, with the
    languages section's languages as skills where ``languages`` knows them (see ``build_candidate``);
    ``tied``: the text's ``TiedSummary`` where the caller has it."""
    text = profile.doc.text
    evidence: dict[str, list[Evidence]] = {a: [] for a in AREA_IDS}
    months: dict[str, list[Position]] = {a: [] for a in AREA_IDS}
    seen: dict[str, set[Position]] = {a: set() for a in AREA_IDS}
    concepts: dict[str, str] = {}
    ended: dict[int, int] = {}  # id(evidence) -> the month its latest job ended (-1: in no job)
    if tied is None:
        tied = TiedSummary(text, timeline)
    for m in profile.mentions:
        if m.area not in evidence:
            continue
        concepts.setdefault(m.concept.id, m.concept.label)
        if (
            m.generic
        ):  # a tool named outside its area's work (extract.context): a skill, not the area's evidence
            continue
        positions = timeline.positions_at(m.start)
        where = _where(text, m.start, timeline.section_at(m.start), in_position=bool(positions))
        if where == "other" and tied:
            job = tied.at(m.start)
            if job is not None:
                where, positions = "position", [job]
        ev = _evidence(text, m, where)
        evidence[m.area].append(ev)
        ended[id(ev)] = max((p.end for p in positions), default=-1)
        if where != "position":
            continue  # a list's tools do not date the job above it
        for p in positions:
            if p not in seen[m.area]:
                seen[m.area].add(p)
                months[m.area].append(p)
    depth = {a: _depth(evidence[a]) for a in AREA_IDS}
    years = {a: covered_months(months[a]) / 12.0 for a in AREA_IDS}
    recency = {a: _recency(months[a], timeline.today) for a in AREA_IDS}
    # what a must-have area is held to: the evidence outside bare lists and, where the timeline reads a job,
    # outside self-description too (a profile that restates the ad's duties claims them, its jobs show them)
    claims = ("listed", "other") if timeline.positions else ("listed",)
    worked = {a: [e for e in evidence[a] if e.where not in claims] for a in AREA_IDS}
    return CandidateProfile(
        source=profile.doc.source,
        lang=profile.doc.lang,
        as_of=today.isoformat(),
        areas={a: area_level(depth[a], years[a], recency[a]) for a in AREA_IDS},
        depth=depth,
        years=years,
        recency_months=recency,
        evidence={a: _strongest_first(ev, ended) for a, ev in evidence.items()},
        concepts=concepts,
        education=list(timeline.education),
        languages=list(timeline.languages),
        positions=[p.to_dict() for p in timeline.positions],
        removed=list(removed),
        warnings=list(timeline.unread),
        skills=_with_languages(
            skill_list(profile.mentions, profile.doc.lang, labels=labels),
            text,
            timeline,
            profile.doc.lang,
            languages,
            labels,
            concepts,
        ),
        shown={a: area_level(_depth(worked[a]), years[a], recency[a]) for a in AREA_IDS},
        listed_concepts=_listed_only(evidence),
    )


_LANGUAGE_NAME = re.compile(r"[^\W\d_]+")


def _with_languages(
    skills: list[Skill],
    text: str,
    timeline: Timeline,
    lang: str,
    languages: Callable[[str], Sequence[str]] | None,
    labels: Labeler | None,
    concepts: dict[str, str],
) -> list[Skill]:
    """``skills`` and, after them, each language of the languages section that ``languages`` links to ESCO
    skills the list lacks (the language's first word: "English (native)", "engelska – flytande"): the
    language and the skills of using it (*write English*, *speak English*: what an ad asks for), their
    evidence the name in the section; ``concepts`` learns them too. No area: languages are never scored."""
    if languages is None or not timeline.languages:
        return skills
    have = {s.concept for s in skills}
    out = list(skills)
    for sec in timeline.sections:
        if sec.kind != "languages":
            continue
        first_line = text.find("\n", sec.start, sec.end)  # the heading ("Languages") is no language
        for m in _LANGUAGE_NAME.finditer(text, sec.end if first_line < 0 else first_line, sec.end):
            for uri in languages(m.group()):
                if uri in have:
                    continue
                have.add(uri)
                own, english = labels(uri, lang) if labels is not None else (None, None)
                label = own or english or m.group()
                concepts.setdefault(uri, label)
                evidence = [SkillEvidence(m.group(), m.start(), m.end(), "languages", 1.0)]
                out.append(Skill(uri, label, english, None, "languages", 1.0, None, evidence))
    return out


_TIE_FIELDS = 2
"""A job's title line names its title and its employer in its first two fields ("Webbredaktör, Invented
Tidning"); a third is a place or a department ("..., Hallvik")."""
_TIE_NAME_MIN = 4
"""The fewest letters of a title's or an employer's name that ties a sentence to its job."""
_TIE_FIELD_SPLIT = re.compile(r",\s|\s[|·•–—-]\s|\s*/\s*")
_TIE_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)", re.MULTILINE)
_TIE_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


class TiedSummary:
    """The sentences of a CV's self-description (its profile or summary, text outside any job, education and
    lists) tied to one of its dated jobs, read as that job's text: a sentence that names the job's title or
    employer (a field of its title line, or a part of a field joined by a conjunction, ``conjunctions`` of
    ``lang/<code>/cv.json``: "Sportreporter och kvällsredaktör") or the year it started ("Sedan 2019 ...").
    "På Invented Tidning höll jag i nattens uppdateringar" tells the work of a dated job as its bullet would;
    a sentence that gives only a place or a length of time ("åtta år i branschen") stays a claim."""

    __slots__ = ("_cover", "_spans")

    def __init__(self, text: str, timeline: Timeline) -> None:
        self._spans: list[tuple[int, int, Position]] = []
        if timeline.positions:
            names, years = _tie_names(timeline.positions)
            for m in _TIE_SENTENCE.finditer(text):
                at = m.start()
                if timeline.positions_at(at) or timeline.section_at(at) not in _TIE_SECTIONS:
                    continue
                job = _tied_job(m.group().lower(), names, years)
                if job is not None:
                    self._spans.append((m.start(), m.end(), job))
        self._cover = Cover([(a, b) for a, b, _ in self._spans])

    def __bool__(self) -> bool:
        return bool(self._spans)

    def at(self, offset: int) -> Position | None:
        """The job the sentence at ``offset`` is tied to, or None."""
        found = self._cover.at(offset)
        return self._spans[found[0]][2] if found else None


_TIE_SECTIONS = frozenset({"header", "summary", "other"})


def _tie_names(positions: Sequence[Position]) -> tuple[list[tuple[str, Position]], dict[str, Position]]:
    """Each job's names (lower case) and start years; a name or year two jobs share ties to the first."""
    joins = _conjunctions()
    names: list[tuple[str, Position]] = []
    seen: set[str] = set()
    years: dict[str, Position] = {}
    for p in positions:
        years.setdefault(str(p.start // 12), p)
        for f in _TIE_FIELD_SPLIT.split(p.title.lower())[:_TIE_FIELDS]:
            for part in joins.split(f):
                name = " ".join(_TIE_WORD.findall(part))
                if sum(map(len, name.split())) >= _TIE_NAME_MIN and name not in seen:
                    seen.add(name)
                    names.append((name, p))
    return names, years


_TIE_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def _tied_job(
    sentence: str, names: list[tuple[str, Position]], years: Mapping[str, Position]
) -> Position | None:
    words = " ".join(_TIE_WORD.findall(sentence))
    for name, p in names:
        at = words.find(name)
        while at >= 0:
            end = at + len(name)
            if (at == 0 or words[at - 1] == " ") and (end == len(words) or words[end] == " "):
                return p
            at = words.find(name, at + 1)
    for y in _TIE_YEAR.findall(sentence):
        if y in years:
            return years[y]
    return None


def _conjunctions() -> re.Pattern[str]:
    """Every language's conjunctions (``conjunctions`` of ``lang/<code>/cv.json``) between spaces: where a
    job title joins two jobs ("Kommunikatör och webbredaktör")."""
    return cv_words_pattern("conjunctions")


def _where(text: str, offset: int, section: str, *, in_position: bool) -> str:
    """Where the mention at ``offset`` stands: a bare skills list ("listed") before a job's text, so a
    "Kompetenser:" line under the last job counts as the list it is."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    if is_listed(text[start : len(text) if end < 0 else end], section, in_position=in_position):
        return "listed"
    if in_position:
        return "position"
    return "education" if section == "education" else "other"


def _strongest_first(evidence: list[Evidence], ended: Mapping[int, int]) -> list[Evidence]:
    """One area's evidence, strongest first (confidence x where-weight); among equals the latest job's
    (``ended``: id -> the month its job ended), then the line that shows the area by the most concepts,
    then the CV's order. Ties were broken by the line's text, so an old "2016–2019 Copywriter" line was
    quoted before the current job's "2019–2025 Digital strateg: ... kampanjer, Meta Ads" (finding 7)."""
    breadth: dict[str, set[str]] = {}
    for e in evidence:
        breadth.setdefault(e.context, set()).add(e.concept)
    order = {id(e): i for i, e in enumerate(evidence)}
    return sorted(
        evidence,
        key=lambda e: (
            -e.confidence * WHERE_WEIGHT[e.where],
            -ended.get(id(e), -1),
            -len(breadth[e.context]),
            order[id(e)],
        ),
    )


def _listed_only(evidence: Mapping[str, list[Evidence]]) -> list[str]:
    """The concepts every piece of evidence of which stands in a bare skills list, in first-seen order."""
    where: dict[str, set[str]] = {}
    for ev in evidence.values():
        for e in ev:
            where.setdefault(e.concept, set()).add(e.where)
    return [c for c, places in where.items() if places == {"listed"}]


def _evidence(text: str, m: Mention, where: str) -> Evidence:
    line = _sentence(text, m.start, m.end).lstrip(_BULLETS + " ")
    if where == "education":  # as the profile keeps education lines: when one studied hints at one's age
        line = without_years(line)
    return Evidence(
        m.text, _trimmed(line, line.find(m.text)), m.concept.id, m.concept.label, m.confidence, where
    )


_BULLETS = "-•*·▪"
_WRAP_MIN = 50
"""A line at least this long that ends mid-sentence was wrapped by the layout (a PDF's visual line); a short
one is a CV's own line (a title, a date, a list item)."""
_WRAP_LINES = 4
"""How many lines a quoted sentence may reach on each side of the mention's."""
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[^\W\d_]*[A-ZÅÄÖ\d])")


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence that holds ``text[start:end]``, its wrapped lines joined: a PDF's evidence was quoted
    as the visual line, cut mid-sentence ("Ads Manager och följer upp i Google Analytics 4. Hanterar")."""
    lo = text.rfind("\n", 0, start) + 1
    for _ in range(_WRAP_LINES):
        before = _previous_line(text, lo)
        # the mention's line only: ``text[lo:]`` copied the rest of the CV for each mention (hunt hO2: a 6 MB
        # CV took 100 s, quadratic past 1 MB); ``_wrapped`` reads the line's start alone
        if before is None or not _wrapped(text[before[0] : before[1]], text[lo : _line_end(text, lo)]):
            break
        lo = before[0]
    hi = _line_end(text, end)
    for _ in range(_WRAP_LINES):
        after = _next_line(text, hi)
        if after is None or not _wrapped(text[text.rfind("\n", 0, hi) + 1 : hi], text[after[0] : after[1]]):
            break
        hi = after[1]
    chunk = text[lo:hi]
    first, last = 0, len(chunk)
    for b in _SENTENCE_END.finditer(chunk):
        if b.end() <= start - lo:
            first = b.end()
        elif b.start() >= end - lo:
            last = b.start()
            break
    return " ".join(chunk[first:last].split())


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def _previous_line(text: str, line_start: int) -> tuple[int, int] | None:
    """The non-blank line before the one at ``line_start``, across one blank line (a PDF's column or page
    break may fall inside a sentence)."""
    end = line_start - 1
    for _ in range(2):
        if end < 0:
            return None
        start = text.rfind("\n", 0, end) + 1
        if text[start:end].strip():
            return (start, end)
        end = start - 1
    return None


def _next_line(text: str, line_end: int) -> tuple[int, int] | None:
    """The non-blank line after the one ending at ``line_end``, across one blank line."""
    start = line_end + 1
    for _ in range(2):
        if start > len(text):
            return None
        end = _line_end(text, start)
        if text[start:end].strip():
            return (start, end)
        start = end + 1
    return None


_NEW_ENTRY = re.compile(r"(?:19|20)\d\d\b|[^\W\d_][\w -]{0,30}:(?:\s|$)")
"""A line that opens a CV's new entry or item: a year ("2019-2021 Kundtjänstmedarbetare, ..."), or a label
("Språk: svenska, engelska")."""
_ENDS_WITH_YEAR = re.compile(r"\b(?:19|20)\d\d\W*$")


def _wrapped(line: str, following: str) -> bool:
    """Whether ``following`` goes on ``line``'s sentence: a long line that ends mid-sentence, not with a year
    (an education line's "..., 2016-2019"), and a next line that is no new list item and opens no new entry
    (a user's test: "A/B-testade kampanjer" was quoted with the next job's "2019-2021 Kundtjänstmedarbetare")."""
    line, following = line.strip(), following.lstrip()
    return (
        len(line) >= _WRAP_MIN
        and not line.endswith((".", "!", "?", ":", ";"))
        and _ENDS_WITH_YEAR.search(line) is None
        and bool(following)
        and following[0] not in _BULLETS
        and _NEW_ENTRY.match(following) is None
    )


def _trimmed(line: str, at: int) -> str:
    """``line`` cut to ``_CONTEXT_CHARS`` at word ends, keeping the mention (at offset ``at``) in view."""
    if len(line) <= _CONTEXT_CHARS:
        return line
    first = max(0, min(at - _CONTEXT_CHARS // 3, len(line) - _CONTEXT_CHARS))
    if first > 0:
        first = line.find(" ", first) + 1
    cut = line[first : first + _CONTEXT_CHARS]
    if first + _CONTEXT_CHARS < len(line):
        cut = cut.rsplit(" ", 1)[0] + " …"
    return ("… " if first > 0 else "") + cut


def _depth(evidence: list[Evidence]) -> float:
    """Breadth and strength: each distinct concept adds its best confidence x where-weight."""
    best: dict[str, float] = {}
    for e in evidence:
        w = e.confidence * WHERE_WEIGHT[e.where]
        best[e.concept] = max(best.get(e.concept, 0.0), w)
    mass = math.fsum(sorted(best.values()))
    return 1.0 - math.exp(-mass / EVIDENCE_SCALE)


def _recency(positions: list[Position], today: int) -> int | None:
    if not positions:
        return None
    return max(0, today - max(p.end for p in positions))


def area_level(depth: float, years: float, recency_months: int | None) -> float:
    """0..1: mostly depth of evidence; a little recency; less years (capped)."""
    if depth <= 0.0:
        return 0.0
    years_f = min(years, YEARS_CAP) / YEARS_CAP
    recency_f = 0.0 if recency_months is None else math.exp(-recency_months / RECENCY_MONTHS)
    return depth * (DEPTH_SHARE + RECENCY_SHARE * recency_f + YEARS_SHARE * years_f)


# -- scoring and ranking --------------------------------------------------------------------------


def score(candidate: CandidateProfile, role: Role) -> Score:
    """The candidate's fit to ``role``: a pure function of the (anonymised) profile and the role."""
    total = 0.0
    for w, v in zip(role.vector, candidate.vector, strict=True):
        total += w * v  # the same order of operations as rank()'s columns: identical floats
    fit = wording_fit(candidate, role)
    return Score(
        candidate=candidate,
        role=role,
        score=_with_wording(100.0 * total / role.total_weight, fit, role.wording_share),
        must_haves={k: _has(candidate, role, k) for k in role.must_have},
        wording=fit,
    )


def _compared(
    candidate: CandidateProfile, role: Role
) -> tuple[Mapping[str, float], Mapping[str, float], float, Mapping[str, float]] | None:
    """The role's and the CV's word vectors that are compared, the cosine at which the fit is full and where
    the CV shows its words (``CandidateProfile.wording_where``): their words in one language, their English
    terms across two; None when neither pair has words. The CV's words are those it has without the ad's
    sentences it holds word for word (``_own_wording``): an empty vector when it has no others."""
    if candidate.lang != role.lang:
        if not (role.wording_en and candidate.wording_en):
            return None
        return role.wording_en, candidate.wording_en, wording.WORDING_FULL_CROSS, candidate.wording_en_where
    if not (role.wording and candidate.wording):
        return None
    return role.wording, _own_wording(candidate, role), wording.WORDING_FULL, candidate.wording_where


def _own_wording(candidate: CandidateProfile, role: Role) -> Mapping[str, float]:
    """The CV's words without the ad's job sentences it holds word for word (``Role.ad_sentence_words``,
    ``wording.without_sentences``): pasting the ad earns no wording points. The CV's own words as they are
    when it holds none, or for a role or profile stored before either kept the counts."""
    held = role.ad_sentence_words
    if not held or not candidate.wording_tf or held.keys().isdisjoint(candidate.sentences):
        return candidate.wording
    copies = [held[k] for k in candidate.sentences if k in held]
    return wording.without_sentences(candidate.wording, candidate.wording_tf, copies)


def _copy_warning(s: Score) -> list[str]:
    """A warning when the CV holds many of the role's ad sentences word for word (``wording.copied``)."""
    n = copied(s.role.ad_sentences, s.candidate.sentences)
    if not n:
        return []
    kind = "copied" if s.candidate.wording_tf and s.role.ad_sentence_words else "copied_before"
    template: str = lang_data("en", "explanation")["warnings"][kind]  # in English, as items carry warnings
    return [template.format(n=n, total=len(s.role.ad_sentences))]  # match.decision.warning_text translates


def _shared_words(s: Score) -> list[str]:
    found = _compared(s.candidate, s.role) if s.wording is not None else None
    return wording.shared(found[0], found[1]) if found else []


def wording_fit(candidate: CandidateProfile, role: Role) -> float | None:
    """0..1, how much of the role's distinctive wording the CV shares (``match/wording.py``): their words in
    one language, their English terms across two; None when they cannot be compared (no words, or texts in
    two languages without English terms). The capped cosine's fit is multiplied by the share of it the CV
    shows in its jobs' text (``wording.shown_share``): claims without work weigh less than work. For a CV in
    the ad's language ``wording.TITLE_SHARE`` of the fit is the ad's job title held in the CV's job titles
    (``_with_title``)."""
    found = _compared(candidate, role)
    if found is None:
        return None
    role_words, cand_words, full, places = found
    if not places:
        return _with_title(
            wording.fit(wording.capped_cosine(role_words, cand_words, full), full), candidate, role
        )
    capped, shown = wording.capped_and_shown(role_words, cand_words, full, places)
    return _with_title(wording.fit(capped, full) * (shown / capped if capped > 0.0 else 1.0), candidate, role)


def _with_title(fit: float, candidate: CandidateProfile, role: Role) -> float:
    """``fit`` with ``wording.TITLE_SHARE`` of it from the ad's job title held in the CV's job titles
    (``wording.title_fit``); as it is when the title cannot be compared. A CV in another language than the
    ad's is held to the title only where its job titles hold some of the title's words as the ad writes
    them: a job title borrowed across languages ("Community manager", "Paid Social Specialist" in a Swedish
    CV) is the same title, but a title that holds none of them may be the job in the CV's own words
    ("Djursjukskötare" for "Veterinary Nurse"), which are not compared: such a CV keeps its texts' fit."""
    words = wording.title_words(role.title, role.wording)
    titles = (str(p.get("title") or "") for p in candidate.positions)
    held = (
        wording.title_fit(words, titles, wording.title_short_form(role.title), role.lang, role.title)
        if words
        else None
    )
    if held is None or (candidate.lang != role.lang and held <= 0.0):
        return fit
    return (1.0 - wording.TITLE_SHARE) * fit + wording.TITLE_SHARE * held


def _with_wording(area_score: float, fit: float | None, share: float) -> float:
    if fit is None:
        return area_score
    return (1.0 - share) * area_score + 100.0 * share * fit


def meets(candidate: CandidateProfile, role: Role, key: str) -> bool:
    """Whether ``candidate`` meets the role's must-have ``key`` (an area at its level, or a concept)."""
    return _has(candidate, role, key)


def _has(candidate: CandidateProfile, role: Role, key: str) -> bool:
    """A must-have met outside bare skills lists: a list alone names a tool, it does not show the work."""
    if key in AREA_IDS:
        return candidate.shown_level(key) >= role.min_levels.get(key, MUST_LEVEL)
    return candidate.shows_concept(key.removeprefix("concept:"))


def _listed(candidate: CandidateProfile, role: Role, key: str) -> bool:
    """A must-have the CV meets with its bare skills lists counted (the level or concept ``_has`` refused)."""
    if key in AREA_IDS:
        return candidate.areas[key] >= role.min_levels.get(key, MUST_LEVEL)
    return candidate.has_concept(key.removeprefix("concept:"))


def _gaps(vector: Sequence[float], role: Role) -> tuple[str, ...]:
    gaps = [
        (-w, i, a)
        for i, (a, w) in enumerate(zip(AREA_IDS, role.vector, strict=True))
        if w > 0.0 and vector[i] < role.min_levels.get(a, GAP_LEVEL)
    ]
    return tuple(a for *_, a in sorted(gaps))


def sort_key(s: Score) -> tuple[int, float, str]:
    """Best first: more must-haves met, then the higher score, then the source (stable)."""
    return (-s.must_haves_met, -s.score, s.source)


def rank(candidates: Iterable[CandidateProfile], role: Role, *, top: int | None = None) -> list[Ranked]:
    """Rank candidates for ``role``: more must-haves met first, then score, ties by source.

    The same scores and order as sorting ``score()`` results by ``sort_key``. To rank the same stored
    profiles for several roles, build a ``CandidatePool`` once and call its ``rank``.
    """
    return CandidatePool(candidates).rank(role, top=top)


class CandidatePool:
    """Profiles held as a level matrix in source order, ready to rank for any role with numpy."""

    def __init__(self, candidates: Iterable[CandidateProfile]) -> None:
        self.candidates = sorted(candidates, key=lambda c: c.source)
        n = len(self.candidates)
        flat = itertools.chain.from_iterable(c.vector for c in self.candidates)
        self.levels = np.fromiter(flat, dtype=np.float64, count=n * len(AREA_IDS)).reshape(n, len(AREA_IDS))
        # levels outside bare skills lists: what must-have areas are held to (``_has``)
        shown = itertools.chain.from_iterable(map(c.shown_level, AREA_IDS) for c in self.candidates)
        self.shown = np.fromiter(shown, dtype=np.float64, count=n * len(AREA_IDS)).reshape(n, len(AREA_IDS))

    def __len__(self) -> int:
        return len(self.candidates)

    def rank(self, role: Role, *, top: int | None = None) -> list[Ranked]:
        """Best first; ``top`` keeps only the best N (the rest are not even built)."""
        n = len(self.candidates)
        if not n:
            return []
        totals = np.zeros(n, dtype=np.float64)
        for col, w in enumerate(role.vector):  # column by column: the same floats as score()
            totals += self.levels[:, col] * w
        totals = 100.0 * totals / role.total_weight
        met = np.zeros(n, dtype=np.int64)
        bits = np.zeros(n, dtype=np.int64)
        for i, key in enumerate(role.must_have):
            column = _has_column(self.candidates, self.shown, role, key)
            met += column
            bits |= column.astype(np.int64) << i
        # Rows are in source order already, so a stable sort on (must-haves, score) breaks ties by source.
        fits: list[float | None] = [None] * n
        if role.wording or role.wording_en:
            fits = [wording_fit(c, role) for c in self.candidates]
            if any(f is not None for f in fits):
                totals = np.fromiter(
                    (
                        _with_wording(t, f, role.wording_share)
                        for t, f in zip(totals.tolist(), fits, strict=True)
                    ),
                    dtype=np.float64,
                    count=n,
                )
        order = np.lexsort((-totals, -met))[:top]
        scores, flags = totals.tolist(), bits.tolist()
        # Scores share one read-only must-have mapping per combination instead of 10,000 small dicts.
        views: dict[int, Mapping[str, bool]] = {}
        for b in set(flags):
            views[b] = MappingProxyType({k: bool(b >> i & 1) for i, k in enumerate(role.must_have)})
        cands = self.candidates
        return [
            Ranked(i, Score(cands[idx], role, scores[idx], views[flags[idx]], fits[idx]))
            for i, idx in enumerate(order.tolist(), start=1)
        ]


def _has_column(
    cands: list[CandidateProfile], levels: np.ndarray[Any, np.dtype[np.float64]], role: Role, key: str
) -> np.ndarray[Any, np.dtype[np.bool_]]:
    if key in AREA_IDS:
        result: np.ndarray[Any, np.dtype[np.bool_]] = levels[:, AREA_IDS.index(key)] >= role.min_levels.get(
            key, MUST_LEVEL
        )
        return result
    concept = key.removeprefix("concept:")
    return np.fromiter((c.shows_concept(concept) for c in cands), dtype=np.bool_, count=len(cands))
