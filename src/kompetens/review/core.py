"""``review_ad``: what a job ad really asks for, and what in it turns good candidates away."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from ..ingest.langdetect import SUPPORTED_LANGS
from ..layout import JOB_CONTENT, Layout, Section, layout_cues, segment
from ..models import AREA_IDS, Document, Profile
from ..schema import DOCUMENTED, R4
from ..skills import Skill
from .breadth import BreadthNote, breadth_note
from .flags import GROUNDS_CHECKED, LAWFUL_RULE, Flag, GenderCoding, find_flags, gender_coding, is_coded_word
from .gate import apply_gate
from .gate import enabled as gate_enabled
from .jurisdiction import cite_local_law, place_ad
from .lexicon import GenderLexicon, ReviewCues, bias_lexicon, review_cues, written_without_diacritics
from .social import (
    Evidence,
    at_the_edges,
    bare_channel,
    counted_reason,
    cue_evidence,
    mention_evidence,
    title_evidence,
    title_mentions_social_media,
)

ASKED_SECTIONS: frozenset[str] = JOB_CONTENT | {"merits"}
"""Sections whose competences the ad asks for (merits included, boilerplate excluded)."""


@dataclass(slots=True, frozen=True)
class AreaSpan:
    """A span that shows the ad asks for an area; ``expert`` when its sentence demands expert level."""

    __pydantic_config__ = DOCUMENTED

    text: str
    start: int
    """Character offset into the review's ``text`` (``end`` exclusive)."""
    end: int
    area: str
    via: str
    """"mention" (extraction) or "cue" (the review's social-media cues)."""
    expert: bool = False


@dataclass(slots=True)
class ReviewExplanation:
    """Why an ad does (or does not) require social-media competence."""

    __pydantic_config__ = DOCUMENTED

    requires_social_media: list[Evidence]
    """The spans that count, in text order."""
    set_aside: list[Evidence]
    """Spans that speak of social media but were set aside, each with its reason."""


FIRST_WORDS = 3
FIRST_CHARS = 32
"""A part in another language is named by its first words, at most this many (and characters)."""


@dataclass(slots=True)
class Review:
    """The result of reviewing one ad: the ``kompetens review --json`` object."""

    __pydantic_config__ = DOCUMENTED

    source: str
    """The file (``path``, or ``path#line`` for one ad of a JSONL file)."""
    lang: str
    """sv or en."""
    title: str | None
    """The ad's title: the document's own, else its first line when that reads as one."""
    requires_social_media: bool
    """True when the job involves social-media work, whatever its title says: its duties or requirements
    ask for it, or only its merits do (then ``social_media_merit`` is true too)."""
    title_mentions_social_media: bool
    areas: dict[str, R4]
    """How strongly the ad asks for each area (all eight), 0..1."""
    missing_areas: list[str]
    """Areas a social-media role should ask for and this ad does not (empty when it needs none)."""
    flags: list[Flag]
    """Age-, gender- or otherwise biased wording, in text order."""
    unicorn: bool = False
    """Expert level demanded in all eight areas."""
    breadth: BreadthNote | None = None
    """Most of the eight areas asked for from a role the ad calls junior, an assistant's or part-time (the
    seed article's case); None otherwise."""
    social_media_merit: bool = False
    """Social-media competence is asked for as a merit only: every span that decided
    ``requires_social_media`` is a merit (false when a duty or requirement names it too)."""
    explanation: ReviewExplanation = field(default_factory=lambda: ReviewExplanation([], []))
    area_evidence: dict[str, list[AreaSpan]] = field(default_factory=dict)
    """The spans that show each area asked for (areas with none are left out)."""
    sections: list[Section] = field(default_factory=list)
    """The ad's parts as the review read them."""
    skills: list[Skill] = field(default_factory=list)
    """The ESCO/JobTech-linked skills the ad names (boilerplate left out), one per concept, best-shown first;
    ``required`` says must-have or merit where the ad's section does."""
    gender_coding: GenderCoding = field(default_factory=GenderCoding)
    """Which way the gender-coded words of ``flags`` lean, counted."""
    warnings: list[str] = field(default_factory=list)
    """Parts of the ad that were not read in their own language ("characters 213-523: French is not
    supported; read as Swedish"): their wording was not checked for flags nor their areas read."""
    grounds_checked: list[str] = field(default_factory=lambda: list(GROUNDS_CHECKED))
    """What the wording checks cover: age, sex, pregnancy_parenthood, ethnicity, language, religion,
    disability, sexual_orientation, gender_identity, years_of_experience; pregnancy, ethnicity, religion,
    disability, sexual orientation and gender identity for explicit demands only ("Du måste ha svensk
    bakgrund"). An ad without flags is clean of these, no more."""
    jurisdiction: str = "unknown"
    """Whose law the flags cite first: "SE" where the ad says the job is in Sweden (``jurisdiction_reason``),
    and a flag on a ground of discrimination then cites Diskrimineringslagen and the DO before its rule's own
    sources (an English rule's US or UK law); "unknown" otherwise, each flag citing its rule's sources."""
    jurisdiction_reason: str | None = None
    """Why the ad is placed there: workplace (a JobTech ad's workplace_address), employer ("Exempel AB"),
    place (a Swedish place it names), swedish_text (the ad is in Swedish), swedish_paragraphs (paragraphs in
    Swedish beside the English); null where unknown."""
    jurisdiction_quote: str | None = None
    """The words that place it ("Göteborg", "Exempel AB", "Stockholms län"); null for the language reasons."""
    text: str = ""
    """The ad's plain text as read and normalised (NFC, \\n newlines, zero-width and other invisible
    characters removed; a JobTech ad's title, a blank line, its text): the text every ``start``/``end`` of
    ``flags``, ``explanation`` and ``area_evidence`` indexes, which may differ from the file's own."""

    def warnings_in(self, lang: str) -> list[str]:
        """``warnings`` as a reader of ``lang`` reads them: a part in another language named by its first
        words ("stycket som börjar ”Nous recherchons…”: franska stöds inte och lästes som svenska"), not by
        the character offsets ``warnings`` (and the JSON) keep; any other warning as it is."""
        from ..ingest.reader import warned_part
        from ..lang import report_words

        w = report_words("review", lang)
        names: dict[str, str] = w["language_names"]
        out: list[str] = []
        for warning in self.warnings:
            part = warned_part(warning)
            if part is None or not (0 <= part[0] < part[1] <= len(self.text)):
                out.append(warning)
                continue
            start, end, code, read_as = part
            words = self.text[start:end].split()[:FIRST_WORDS]
            begins = " ".join(words)
            if len(begins) > FIRST_CHARS:
                begins = begins[:FIRST_CHARS].rsplit(" ", 1)[0] or begins[:FIRST_CHARS]

            def name(c: str | None) -> str:
                return names.get(c or "und") or str(c)

            out.append(str(w["other_part"]).format(start=begins, language=name(code), read_as=name(read_as)))
        return out

    @property
    def biased_flags(self) -> list[Flag]:
        """The flags that make the ad one with biased wording (what ``kompetens market`` counts): a
        gender-coded word only where the ad's coded words lean one way (``gender_coding.verdict`` is not
        neutral: what deters is the balance, not each word); every other flag, an explicit gender
        requirement among them, always. Coded words in balance are listed in ``flags`` to check, no more."""
        neutral = self.gender_coding.verdict == "neutral"
        return [
            f for f in self.flags if not (neutral and is_coded_word(f)) and not f.rule.endswith(LAWFUL_RULE)
        ]

    @property
    def evidence(self) -> list[Evidence]:
        """Every span that speaks of social media, counted or not, in text order."""
        found = [*self.explanation.requires_social_media, *self.explanation.set_aside]
        return sorted(found, key=lambda e: (e.start, e.via))


def _area_spans(
    profile: Profile, cues_found: list[Evidence], layout: Layout, cues: ReviewCues
) -> list[AreaSpan]:
    """Spans that show which areas the ad asks for, from mentions and from the social-media cues."""
    spans: list[AreaSpan] = []
    expert_in: dict[int, bool] = {}  # unit start -> its sentence demands expert level

    title = layout.title_span

    def add(text: str, start: int, end: int, area: str | None, via: str) -> None:
        if area is None:
            return
        if title is not None and title[0] <= start < title[1]:  # the job's title asks for what it names
            spans.append(AreaSpan(text, start, end, area, via, False))
            return
        unit = layout.unit_at(start)
        if unit is None or unit.boilerplate or unit.section not in ASKED_SECTIONS:
            return
        expert = expert_in.get(unit.start)
        if expert is None:
            expert = expert_in[unit.start] = unit.section in JOB_CONTENT and bool(
                cues.expert and cues.expert.search(layout.text, unit.start, unit.end)
            )
        spans.append(AreaSpan(text, start, end, area, via, expert))

    for m in profile.mentions:
        if m.generic:
            continue  # "engagemang", "serviceinriktad", "affärsdriven": every kind of job asks for them
        add(m.text, m.start, m.end, m.area, "mention")
    for e in cues_found:
        add(e.text, e.start, e.end, e.area, "cue")
    return spans


def _one_verdict(evidence: list[Evidence], layout: Layout) -> list[Evidence]:
    """One verdict a span: what one route counts is not also listed as set aside by another; and a mention
    set aside as ``generic`` ("publicera inlägg": its words name no channel) counts in a sentence where
    social-media work counts ("Du publicerar inlägg på Instagram"): the requirement is the same either way."""
    counted_at = {(e.start, e.end) for e in evidence if e.counted}
    units = {u.start for e in evidence if e.counted and (u := layout.unit_at(e.start)) is not None}
    out = []
    for e in evidence:
        if e.counted:
            out.append(e)
        elif (e.start, e.end) in counted_at:
            continue
        elif e.reason == "generic" and e.via == "mention" and (u := layout.unit_at(e.start)) is not None:
            counted = u.start in units
            out.append(
                replace(e, counted=True, reason=counted_reason(e.section, layout, e.start)) if counted else e
            )
        else:
            out.append(e)
    return out


def _area_scores(profile: Profile, spans: Iterable[AreaSpan], *, cue_strength: float) -> dict[str, float]:
    """An area's score is the profile's, if a mention in a job section backs it; a cue alone gives ``cue_strength``."""
    scores = dict.fromkeys(AREA_IDS, 0.0)
    for s in spans:
        if s.area not in scores:
            continue
        value = profile.areas.get(s.area, 0.0) if s.via == "mention" else cue_strength
        scores[s.area] = max(scores[s.area], min(1.0, value))
    return scores


def merit_only(evidence: Iterable[Evidence]) -> bool:
    """True when social media is named only as a merit: every span that counts has reason ``merit``.

    Such an ad still ``requires_social_media`` (the labelled real ads' reader counts the work a merit
    names as work the job may involve); this says that its verdict rests on merits alone."""
    reasons = {e.reason for e in evidence if e.counted}
    return reasons == {"merit"}


def review_ad(
    doc: Document,
    profile: Profile,
    *,
    areas_needed: Iterable[str] = AREA_IDS,
    min_confidence: float = 0.5,
    cue_strength: float = 0.5,
    min_area: float = 0.05,
    social_gate: bool | None = None,
) -> Review:
    """Review one ad. ``profile`` is the extraction result for ``doc`` (its mentions may be empty).

    ``areas_needed``: the areas a social-media role should ask for (missing ones are reported);
    ``min_confidence``: weakest mention that can make the ad a social-media ad; ``cue_strength``: the
    score an area gets from the review's own cues alone; ``min_area``: below this an area is missing;
    ``social_gate``: run the learned gate over the counted social-media evidence (``review.gate``; None: the
    ``KOMPETENS_SOCIAL_GATE`` variable, else the shipped default).
    Raises KompetensError (E109) for a language without review data.
    """
    cues = review_cues(doc.lang)
    lexicon = bias_lexicon(doc.lang, folded=written_without_diacritics(doc.text, doc.lang))
    layout = profile.layout or segment(doc.text, layout_cues(doc.lang), title=doc.title)

    from_cues = list(cue_evidence(doc.text, layout, cues))
    from_mentions = list(
        mention_evidence(doc.text, profile.mentions, layout, cues, min_confidence=min_confidence)
    )
    from_title = list(title_evidence(layout, cues))
    evidence = sorted([*from_title, *from_cues, *from_mentions], key=lambda e: (e.start, e.via))
    evidence = _one_verdict(evidence, layout)
    evidence = at_the_edges(evidence, layout, cues)  # the employer's opening or sign-off alone (stop 46)
    evidence = bare_channel(evidence, layout, cues)  # a channel named once, no work on it (stop 47)
    if gate_enabled(social_gate):
        evidence = apply_gate(doc.text, layout, evidence, doc.lang)

    spans = _area_spans(profile, [e for e in from_cues if e.counted], layout, cues)
    areas = _area_scores(profile, spans, cue_strength=cue_strength)
    requires = any(e.counted for e in evidence)
    expert_areas = {s.area for s in spans if s.expert}
    missing = [a for a in areas_needed if areas.get(a, 0.0) < min_area] if requires else []

    by_area: dict[str, list[AreaSpan]] = {}
    for s in sorted(
        (s for s in spans if s.area in AREA_IDS), key=lambda s: (AREA_IDS.index(s.area), s.start)
    ):
        by_area.setdefault(s.area, []).append(s)

    others = _other_language_parts(doc)
    placed = place_ad(doc, others.get("sv", (None, []))[1])
    flags = cite_local_law(find_flags(doc.text, lexicon, layout, parts=others), placed, doc.lang)
    return Review(
        source=doc.source,
        lang=doc.lang,
        title=layout.title,
        requires_social_media=requires,
        title_mentions_social_media=title_mentions_social_media(layout.title, cues),
        areas=areas,
        missing_areas=missing,
        flags=flags,
        gender_coding=gender_coding(flags),
        unicorn=set(AREA_IDS) <= expert_areas,
        breadth=breadth_note(areas, layout, doc.text, doc.lang) if requires else None,
        social_media_merit=merit_only(evidence),
        explanation=ReviewExplanation(
            [e for e in evidence if e.counted], [e for e in evidence if not e.counted]
        ),
        area_evidence=by_area,
        sections=layout.sections,
        warnings=[str(w) for w in doc.meta.get("warnings", [])],
        jurisdiction=placed.code,
        jurisdiction_reason=placed.reason,
        jurisdiction_quote=placed.quote,
        text=doc.text,
    )


def _other_language_parts(doc: Document) -> dict[str, tuple[GenderLexicon, list[tuple[int, int]]]]:
    """Paragraphs of the ad in the other supported language, with that language's gender list."""
    from ..ingest.langdetect import other_supported_paragraphs

    if doc.lang not in SUPPORTED_LANGS:
        return {}
    return {
        code: (bias_lexicon(code).gender, spans)
        for code, spans in other_supported_paragraphs(doc.text, doc.lang).items()
    }
