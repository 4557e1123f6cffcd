"""Does the job need social-media competence? Evidence of social-media *work*, judged in its sentence.

Evidence is a social-media cue (``lang/<code>/sections.json``) in a sentence that describes the job
(duties, requirements, merits, unheaded job text). How much a cue says depends on its strength:
a channel cue ("sociala medier", "social media") counts on its own; a platform name ("LinkedIn",
"YouTube") only in a sentence about work on it (a ``social_context`` word such as "publicera",
"kampanjer", "kunder via telefon, mejl och ...", or a second cue); a weak word ("community",
"moderera", "influencers") only beside a channel or platform cue in the same sentence. Follow-us lines,
share-this-job lines, application instructions ("din LinkedIn-profil") and about-the-company paragraphs
never count, whatever platform they name. Extracted mentions count only when their concept is itself
social-media work (``social_media_concepts``, or a label naming a channel or platform): an area such as
``community`` or ``strategy`` is reached by generic words too ("engagemang", "styrdokument").

Every cue found is kept as :class:`Evidence` with ``counted`` and the ``reason``, so the decision
explains itself: what counted, and what was set aside and why.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from ..layout import JOB_CONTENT, Layout, Unit
from ..models import Mention
from ..schema import DOCUMENTED
from .lexicon import SOCIAL_STRENGTHS, ReviewCues, SocialClause, SocialCue

_URL = re.compile(r"https?://|www\.")
_STRONGEST_FIRST = {s: i for i, s in enumerate(SOCIAL_STRENGTHS)}
"""Of two cues over the same span the stronger is kept ("influencersamarbeten": a channel cue and the weak
"influencer")."""

EVIDENCE_SECTIONS: frozenset[str] = JOB_CONTENT | {"merits"}
"""Sections whose sentences can make an ad a social-media ad (a merit is work the job may involve)."""

MERIT_CUE_SECTIONS: frozenset[str] = frozenset({"requirements", "body"})
"""Sections where a sentence's own merit cue makes its span a merit (``counted_reason``)."""


@dataclass(slots=True, frozen=True)
class Evidence:
    """A span that speaks for (or, when ``counted`` is false, was set aside from) social-media work."""

    __pydantic_config__ = DOCUMENTED

    text: str
    start: int
    """Character offset into the review's ``text`` (``end`` exclusive)."""
    end: int
    area: str | None
    section: str
    """The kind of the ad's section it stands in (duties, requirements, about_company...)."""
    counted: bool
    reason: str
    """Counted: "job", "merit", "title". Set aside: "boilerplate", "application" (an applicant's profile
    link), "link" (a platform named beside a web address), "no_work_context" (a platform named, no work on it), "generic" (a weak cue alone), "product_role" (a platform named in the ad of a role that works on it as a product: software, finance, legal), "users" (what the employer's customers or users do on a platform with its product: "våra kunder kan synas i sociala medier"), "others" (social media another team handles, or rules for the staff's use of it, or a merit said to be
    no part of the role), "topic" (social media as a subject taught about, or the cause of effects: "sociala
    mediers påverkan på demokratin"), "edge" (the ad's only evidence stands in its opening or closing sentence
    of unheaded text, naming neither the hire nor any work: the employer presenting itself or signing off),
    "gate" (the learned gate read the sentence as no social-media work of the
    hire's own: ``gate`` holds its probability), or the
    section kind (``about_company``, ``offer``, ``apply``...)."""
    via: str
    """"cue" (the ad-review cues), "mention" (the extraction pipeline) or "title"."""
    strength: str = "channel"
    gate: float | None = None
    """The learned gate's probability that the span is the hire's own social-media work (``review.gate``);
    None where the gate did not read it (it reads only spans the rules count). Below the gate's threshold the
    span is set aside with reason "gate"."""


@dataclass(slots=True, frozen=True)
class _Hit:
    cue: SocialCue
    start: int
    end: int
    text: str
    tail: str = ""
    """A platform compound's rest ("konto" of "Instagramkonto")."""


def _place(layout: Layout, start: int) -> tuple[Unit | None, str, str | None]:
    """(unit, section, reason it is set aside or None) for a span starting at ``start``."""
    unit = layout.unit_at(start)
    if unit is None:
        in_title = layout.title_span is not None and layout.title_span[0] <= start < layout.title_span[1]
        return None, "title" if in_title else "none", "heading"
    if unit.boilerplate:
        return unit, unit.section, "boilerplate"
    if unit.section not in EVIDENCE_SECTIONS:
        return unit, unit.section, unit.section
    return unit, unit.section, None


def counted_reason(section: str, layout: Layout | None = None, start: int = -1) -> str:
    """ "merit" for a counted span under a merits heading, or in a requirement sentence whose own cue makes it
    a merit as extraction reads it (``Layout.required``: "Erfarenhet av sociala medier (ett plus)",
    "Extra plus om du har erfarenhet av ... (exempelvis sociala medier)", "Experience with social media (a
    plus)"); else "job". A duty stays a duty whatever cue word it holds ("Du lägger gärna upp inlägg")."""
    if section == "merits":
        return "merit"
    if layout is not None and layout.required is not None and start >= 0 and section in MERIT_CUE_SECTIONS:
        (i,) = layout.sentences_at([start])
        if i >= 0 and layout.required[i] is False:
            return "merit"
    return "job"


def _hits(text: str, low: str, cues: ReviewCues) -> list[_Hit]:
    hits = [
        _Hit(cue, m.start(), m.end(), m.group(), (m.groupdict().get("tail") or "").lstrip("-"))
        for i, lines in cues.gates.lines(low).items()
        for cue in (cues.social_media[i],)
        for s, e in lines
        for m in cue.pattern.finditer(text, s, e)
    ]
    hits.sort(key=lambda h: (h.start, -h.end, _STRONGEST_FIRST[h.cue.strength]))
    kept: list[_Hit] = []
    for h in hits:  # one cue per span: "social media manager" is not also "social media"; the strongest
        if not kept or h.start >= kept[-1].end:
            kept.append(h)
    return kept


def _excluded(
    text: str,
    start: int,
    end: int,
    unit: Unit,
    pattern: re.Pattern[str] | None,
    memo: dict[int, list[tuple[int, int]]],
) -> bool:
    """True when the cue at ``start``-``end`` sits in a span of ``pattern`` (``social_exclude``: "din
    LinkedIn-profil"; ``social_users``: "våra kunder kan synas i sociala medier"); ``memo`` keeps each
    sentence's spans (unit start -> spans) for the other hits in it."""
    if pattern is None:
        return False
    spans = memo.get(unit.start)
    if spans is None:
        spans = memo[unit.start] = [m.span() for m in pattern.finditer(text, unit.start, unit.end)]
    return any(s <= start < e or start <= s < end for s, e in spans)


def _owned(text: str, start: int, unit: Unit, cues: ReviewCues) -> bool:
    """A duty verb and an owner end right before the cue at ``start`` ("ta hand om vår LinkedIn-sida", "look
    after our LinkedIn page"): the employer's page or account is the job's work, not an applicant's profile."""
    if cues.social_duty is None:
        return False
    return any(
        m.end() <= start and not text[m.end() : start].strip()
        for m in cues.social_duty.finditer(text, unit.start, unit.end)  # its lookahead reads the name
    )


_GENITIVE_OWNER = re.compile(r"(?:\w+(?:ens|ets|ns)|\w+['’]s)\s*$", re.IGNORECASE)
"""An owner named in the genitive right before a platform ("byråns", "the firm's"), not "vår"/"our"."""


_FOLLOWERS = re.compile(r"(?:följare|followers)\s+(?:på|i|via|on)\s*$", re.IGNORECASE)
"""The employer's followers right before a platform ("till våra följare på Facebook", "for our followers on
Instagram"): its own account, not a product (stop 44)."""


def _employer_page(text: str, start: int, unit: Unit, cues: ReviewCues) -> bool:
    """The hire's work on a page the employer names as its own ("skriver inlägg på byråns LinkedIn-sida", "show
    them on the restaurant's Instagram"): the employer's channel even in the ad of a role that works on
    platforms as a product (a lawyer, a controller), where "our YouTube" may be the product (stop 42)."""
    return _owned(text, start, unit, cues) and (
        _GENITIVE_OWNER.search(text, unit.start, start) is not None
        or _FOLLOWERS.search(text, unit.start, start) is not None
    )


_TITLE_WORD = re.compile(r"[^\W\d_]{4,}")


def clause_at(text: str, start: int, end: int, unit: Unit, breaks: re.Pattern[str]) -> tuple[int, int]:
    """The clause of ``unit``'s sentence that holds ``start``-``end``: cut at ``social_clause``'s breaks (";",
    ":", a dash, "men"/"but", ", och du"/", and you"), not at the commas of a list."""
    lo, hi = unit.start, unit.end
    for m in breaks.finditer(text, unit.start, unit.end):
        if m.end() <= start:
            lo = m.end()
        elif m.start() >= end:
            hi = m.start()
            break
    return lo, hi


def someone_elses(text: str, start: int, end: int, unit: Unit, title: str | None, cues: ReviewCues) -> bool:
    """True when the clause of the cue at ``start``-``end`` names someone other than the hire as the one who
    does it, and names the hire nowhere (stop 44: the decision needs the hire's own work, not social media
    named anywhere in the job's text): a passive with its doer ("publicering i sociala medier utförs av
    webbredaktionen", "Comments on our social channels are answered by a dedicated team"), a negation before
    the cue ("Vi är inte aktiva i sociala medier", "We do not market ... on social media"), or a subject that
    is not the hire opening the clause ("Eleverna gör egna projekt, ibland för sociala medier", "Vår sociala
    medier-grupp svarar på kommentarer", "Många ärenden rör ... i sociala medier"). A subject sharing a word
    with the ad's title is the hire named by the role ("The Social Media Manager leads ..."); "vi"/"we" is not
    a subject that sets a cue aside (the team the hire joins). Stop 45: a singular definite subject, a cleft or
    the employer described in the third person (``subject_alone``: "Teamet ansvarar för ...", "Det är vår
    koordinator som ...", "Brightside is a digital agency that ...") sets a cue aside only where the sentence
    names the hire nowhere ("Skolan har ett Instagramkonto, och du administrerar det" stands); a hiring or
    requirement word in the clause (``hiring``) keeps a cue whatever subject opens it. Stop 47: where the
    sentence names the hire nowhere, the subject is asked at the opening of the last subordinate clause before
    the cue too (``subordinate``: "Vi tycker om att våra kunder delar bilder ... i sociala medier", "We love that
    our clients share photos ... on social media"). Stop 48: a subject names the hire only by the title's role word
    or an inflection of it (``_same_word``, ``title_role``); the hire named only after a contrast ("medan du", "so
    you can") does not count as named in the sentence; a hire word that a negation denies ("ingår inte i
    tjänsten", "whom you do not manage") is no hire in the clause, and there a passive with its doer sets the cue
    aside."""
    words = cues.social_clause
    if words is None:
        return False
    lo, hi = clause_at(text, start, end, unit, words.breaks)
    if _anothers_relative(text, start, end, lo, hi, unit, title, words):
        return True
    if words.hire is not None:
        hires = list(words.hire.finditer(text, lo, hi))
        if any(not _denied(text, m.start(), m.end(), lo, hi, words) for m in hires):
            return False
        if hires:  # the hire named only to be denied: "handled by our agency, not by this role" (stop 48)
            return words.passive is not None and words.passive.search(text, lo, hi) is not None
    hire_named = _hire_in_sentence(text, lo, hi, unit, words)
    if words.passive is not None and words.passive.search(text, lo, hi):
        return True
    if words.negation is not None and words.negation.search(text, lo, start):
        return True
    opening = text[lo:hi]
    other = (words.subject is not None and words.subject.match(opening) is not None) or (
        words.subject_alone is not None and words.subject_alone.match(opening) is not None and not hire_named
    )
    if not other and words.subordinate is not None and words.subject is not None:
        subs = [] if hire_named else list(words.subordinate.finditer(text, lo, start))
        if subs and words.subject.match(text[subs[-1].end() : hi]) is not None:
            other, lo = True, subs[-1].end()  # "... att våra patienter rekommenderar oss i ..." (stop 47)
    if not other or (words.hiring is not None and words.hiring.search(text, lo, hi)):
        return False  # a hiring or requirement word: "Företaget söker en medarbetare som ska sköta ..." (stop 45)
    head = " ".join(text[lo:hi].split()[:4])
    return not _names_role(_TITLE_WORD.findall(head), _role_words(title, words), words)


def _anothers_relative(
    text: str, start: int, end: int, lo: int, hi: int, unit: Unit, title: str | None, words: SocialClause
) -> bool:
    """True when the cue at ``start``-``end`` names, or stands in a non-restrictive relative clause of, a person
    or team other than the hire (stop 49): "Du arbetar nära vår social media manager, som ansvarar för
    bryggeriets Instagram", "You report to the owner, who also runs the restaurant's Instagram". The relative
    (``relative``: ", som", ", who") says what its antecedent (``antecedent``: a possessed or definite person
    or team, "vår kommunikatör", "ägaren", "our content creator") does, whoever else the sentence names; so does
    the antecedent naming a social-media role. Not where the relative clause names the hire ("who trains you to
    post"; an embedded one ends at a comma after the cue: "Our coordinator, who runs our Facebook page, will ask
    you ..."), the antecedent is the title's role or new ("vår nya kommunikatör"), or a hiring word stands before
    it ("We are looking for our next barista, who ...")."""
    if words.relative is None or words.antecedent is None:
        return False
    for m in words.relative.finditer(text, lo, hi):
        a = words.antecedent.search(text, lo, m.start())
        if a is None:
            continue
        if not (start >= m.end() or (a.start() <= start and end <= m.start())):
            continue
        comma = text.find(",", max(end, m.end()), hi)  # an embedded relative ends at a comma after the cue
        if (
            words.hire is not None
            and words.hire.search(text, m.end(), hi if comma < 0 else comma) is not None
        ):
            continue
        if words.hiring is not None and words.hiring.search(text, unit.start, m.start()) is not None:
            continue
        if _names_role(_TITLE_WORD.findall(a.group()), _role_words(title, words), words):
            continue
        return True
    return False


def _role_words(title: str | None, words: SocialClause) -> list[str]:
    """The title's role words (``title_role``: without the employer it names), lowercased."""
    return [w.lower() for w in _TITLE_WORD.findall(title_role(title, words))]


def _role_heads(title: str | None, words: SocialClause) -> list[str]:
    """The head noun of the title's role, lowercased: its last word before a complement (``role_complement``:
    "Head of Content" -> "head", "Marknadsförare med fokus på ..." -> "marknadsförare"), one for each role a "/"
    joins. An English title's words before the head often name the workplace ("Warehouse Operative", "Kitchen
    Porter", "Library Assistant"), which the employer's opening names too ("The warehouse is in Leeds"): only
    the head names the hire there (stop 50)."""
    role = title_role(title, words)
    if words.role_complement is not None:
        m = words.role_complement.search(role)
        if m is not None and m.start() > 0:
            role = role[: m.start()]
    heads = []
    for part in role.split("/"):
        found = _TITLE_WORD.findall(part)
        if found:
            heads.append(found[-1].lower())
    return heads


def _names_role(found: Iterable[str], role: Sequence[str], words: SocialClause) -> bool:
    """Whether a word of ``found`` is one of the title's ``role`` words or an inflection of it (``_same_word``):
    the subject of a clause, a relative's antecedent or a sentence naming the hire ("Kommunikatören skriver ...",
    "Som lagermedarbetare plockar du ...")."""
    return any(_same_word(w.lower(), t, words) for w in found for t in role)


def _same_word(word: str, title_word: str, words: SocialClause) -> bool:
    """``word`` is ``title_word`` or an inflection of it ("kommunikatören", "the social media manager's"; the
    language's ``inflection`` endings): "Kommunikatören skriver ..." names the hire of a "Kommunikatör" ad, while
    "Kommunens webbredaktion" or "Marknadsavdelningen" do not name a "Kommunikatör" or a "Marknadskoordinator"
    (stop 48; before, any five letters in common did)."""
    if word == title_word:
        return True
    if words.inflection is None or not word.startswith(title_word):
        return False
    return words.inflection.fullmatch(word, len(title_word)) is not None


_DENIAL_WORDS = 4
"""How near a negation stands to a hire word that it denies: "ingår inte i tjänsten", "not by this role", "som
du inte ansvarar för", "you do not"."""


_NEXT_WORDS = re.compile(r"(?:\s+[\w'’]+){1,2}")
"""The one or two words right after a hire word, no punctuation between."""


def _denied(text: str, start: int, end: int, lo: int, hi: int, words: SocialClause) -> bool:
    """The hire word at ``start``-``end`` denied by a negation at most ``_DENIAL_WORDS`` words before it ("ingår
    inte i tjänsten", "is not part of this role", "not by this role") or right after it ("som du inte ansvarar
    för", "you do not"): the hire named as the one who does not do it (stop 48)."""
    if words.negation is None:
        return False
    before = " ".join(text[lo:start].split()[-_DENIAL_WORDS:])
    after = _NEXT_WORDS.match(text, end, hi)  # "du inte", "you do not"; not "dig, inte av en byrå"
    return words.negation.search(before) is not None or (
        after is not None and words.negation.search(after.group()) is not None
    )


def _hire_in_sentence(text: str, lo: int, hi: int, unit: Unit, words: SocialClause) -> bool:
    """The hire named anywhere in ``unit``'s sentence but after a contrast that follows the cue's clause
    (``lo``-``hi``), or before a contrast that opens it: "Vår klinikchef sköter vår Facebooksida, så du kan
    fokusera på patienterna", "Du tar hand om patienterna, medan receptionen sköter ...", "Our coordinator films
    clips, while you focus on the rigging" name the hire doing something else (stop 48)."""
    if words.hire is None:
        return False
    begin, stop = unit.start, unit.end
    if words.contrast is not None:
        after = words.contrast.search(text, hi, unit.end)
        if after is not None:
            stop = after.start()
        if any(m.end() >= lo - 1 for m in words.contrast.finditer(text, unit.start, lo)):
            begin = lo  # "Du fokuserar på kunderna, medan byrån sköter ..."
    return words.hire.search(text, begin, stop) is not None


def title_role(title: str | None, words: SocialClause) -> str:
    """The title's role words, without the employer it names after "till", "hos", "at", a comma ("Tandsköterska
    till Klinik Vitsippan" -> "Tandsköterska"): a subject sharing a word with the employer's name is not the
    hire (stop 48)."""
    if not title:
        return ""
    if words.title_employer is not None:
        m = words.title_employer.search(title)
        if m is not None and m.start() > 0:
            return title[: m.start()]
    return title


_WORD = re.compile(r"\w+")
FRAGMENT_WORDS = 6
"""A clause of at most this many words is a list item or a heading-like fragment ("Sociala medier och webb"):
read as the job's, as a duty list's items are."""
OWN_SECTIONS = frozenset({"requirements", "merits"})


def names_no_work(text: str, start: int, end: int, unit: Unit, section: str, cues: ReviewCues) -> bool:
    """True when a channel cue's clause says nothing of anyone's work with it (stop 44: stronger evidence): more
    than ``FRAGMENT_WORDS`` words, outside a requirements or merits section, naming neither the hire, a hiring,
    requirement or duty word (``social_clause``'s ``work``), nor a ``social_context`` word besides the cue
    ("Sociala medier har förändrat hur unga tar del av nyheter")."""
    words = cues.social_clause
    if words is None or section in OWN_SECTIONS:
        return False
    lo, hi = clause_at(text, start, end, unit, words.breaks)
    if len(_WORD.findall(text, lo, hi)) <= FRAGMENT_WORDS:
        return False
    for pattern in (words.hire, words.work):
        if pattern is not None and pattern.search(text, lo, hi):
            return False
    context = cues.social_context
    return context is None or not any(
        m.end() <= start or m.start() >= end for m in context.finditer(text, lo, hi)
    )


def _has_context(
    text: str, hit: _Hit, unit: Unit, cues: ReviewCues, memo: dict[int, list[tuple[int, int]]]
) -> bool:
    """A work-context word in the hit's sentence outside the hit, or as the rest of its compound;
    ``memo`` keeps each sentence's context spans (unit start -> spans)."""
    if cues.social_context is None:
        return False
    if hit.tail and cues.social_context_word is not None and cues.social_context_word.fullmatch(hit.tail):
        return True
    spans = memo.get(unit.start)
    if spans is None:
        spans = memo[unit.start] = [
            m.span() for m in cues.social_context.finditer(text, unit.start, unit.end)
        ]
    return any(e <= hit.start or s >= hit.end for s, e in spans)


_AsideMemos = tuple[
    dict[int, list[tuple[int, int]]],
    dict[int, list[tuple[int, int]]],
    dict[int, list[tuple[int, int]]],
    dict[int, list[tuple[int, int]]],
]
"""``_excluded``'s memos of one text, per pattern: application lines, users', others', topics."""


def _set_aside(
    text: str, h: _Hit, unit: Unit, section: str, layout: Layout, cues: ReviewCues, memos: _AsideMemos
) -> str | None:
    """Why a cue in a sentence is not the hire's work, the first reason that holds in this order; None when
    none does."""
    exclusions, by_users, by_others, by_topic = memos
    if _excluded(text, h.start, h.end, unit, cues.social_exclude, exclusions) and not _owned(
        text, h.start, unit, cues
    ):
        return "application"
    if _excluded(text, h.start, h.end, unit, cues.social_users, by_users):
        return "users"  # what the employer's customers do with the product, not the job
    if _excluded(text, h.start, h.end, unit, cues.social_others, by_others):
        return "others"  # another team's work, or rules about the staff's use
    if _excluded(text, h.start, h.end, unit, cues.social_topic, by_topic):
        return "topic"  # a subject taught about, or the effects of social media
    if someone_elses(text, h.start, h.end, unit, layout.title, cues):
        return "others"  # the clause's doer is someone else, or no one: not the hire's work
    if (
        h.cue.strength == "channel"
        and h.cue.needs is None  # its needed words are the work ("comments reported by users" + "remove")
        and names_no_work(text, h.start, h.end, unit, section, cues)
    ):
        return "no_work_context"  # social media named, no one's work with it
    if h.cue.strength == "platform" and _URL.search(text, unit.start, unit.end):
        return "link"  # "Exempel AB on LinkedIn: https://...": a link to a page, no work on it
    if not h.cue.named(text, h.start, h.end, unit.start, unit.end):
        return "no_work_context"  # "channels" without a video word: a sales or TV channel
    return None


def cue_evidence(text: str, layout: Layout, cues: ReviewCues) -> Iterator[Evidence]:
    """Social-media cues of every language in ``text``, each judged in its sentence."""
    hits = _hits(text, layout.low, cues)
    by_unit: dict[int, list[_Hit]] = {}
    placed: list[tuple[_Hit, Unit | None, str, str | None]] = []
    memos: _AsideMemos = ({}, {}, {}, {})
    contexts: dict[int, list[tuple[int, int]]] = {}
    for h in hits:
        unit, section, aside = _place(layout, h.start)
        if section == "title":
            continue
        if unit is not None and aside is None:
            aside = _set_aside(text, h, unit, section, layout, cues, memos)
        placed.append((h, unit, section, aside))
        if unit is not None and aside is None:
            by_unit.setdefault(unit.start, []).append(h)

    strong_units: set[int] = set()  # sentences with a counted channel or platform cue
    verdicts: list[tuple[_Hit, Unit | None, str, bool | None, str]] = []  # None: a weak cue, decided below
    product = works_on_product(layout.title, cues)
    for h, unit, section, aside in placed:
        if aside is not None or unit is None:
            verdicts.append((h, unit, section, False, aside or "heading"))
        elif (
            product
            and (h.cue.strength == "platform" or h.cue.product)
            and not (unit is not None and _employer_page(text, h.start, unit, cues))
        ):
            verdicts.append((h, unit, section, False, "product_role"))
        elif h.cue.strength == "weak":
            verdicts.append((h, unit, section, None, ""))
        else:
            ok = (
                h.cue.strength == "channel"
                # a cue with "needs" met: its own words are work on it ("grow their channels with uploads")
                or h.cue.needs is not None
                or any(o is not h and o.cue.strength != "weak" for o in by_unit[unit.start])
                or _has_context(text, h, unit, cues, contexts)
            )
            if ok:
                strong_units.add(unit.start)
            verdicts.append(
                (h, unit, section, ok, counted_reason(section, layout, h.start) if ok else "no_work_context")
            )

    for h, unit, section, judged, reason in verdicts:
        ok = bool(judged)
        if judged is None and unit is not None:  # a weak cue counts beside a counted strong one
            ok = unit.start in strong_units
            reason = counted_reason(section, layout, h.start) if ok else "generic"
        yield Evidence(h.text, h.start, h.end, h.cue.area, section, ok, reason, "cue", h.cue.strength)


EDGE_MIN_UNITS = 3
"""An ad of fewer sentences has no opening or closing apart from its middle: ``at_the_edges`` reads none."""


def at_the_edges(evidence: list[Evidence], layout: Layout, cues: ReviewCues) -> list[Evidence]:
    """``evidence`` with its counted spans set aside (reason "edge") when all of them stand in unheaded text
    (section ``body``) in the ad's opening or closing, in sentences that name neither the hire nor a hiring,
    requirement or duty word (``social_clause``'s ``hire`` and ``work``). Stop 46: an ad without headings opens
    with the employer presenting itself ("Nordvik is a family-owned chain ... active on Instagram") and closes
    with an offer or a sign-off; the hire's work is described between. Stop 49: the opening is every sentence
    before the first that names the hire (a ``hire`` word or the title's role word: "Social Customer Care
    Advisors answer ...") or a ``work`` word, not the first sentence alone ("Grönlunds levererar växter ... Vi är
    stolta över att ha 40 000 följare på Instagram. Som lagermedarbetare plockar du ..."); the closing every
    sentence after the last such one; the first and last sentences are read as before where no sentence names
    either. Stop 50: the title names the hire there by its role's head noun only (``_role_heads``: "Operative" of
    "Warehouse Operative", whose "warehouse" the employer's opening names too). A title naming social media, a
    duty or requirement heading, or evidence in a sentence naming the hire keeps every span."""
    counted = [e for e in evidence if e.counted]
    words = cues.social_clause
    units = layout.units
    if not counted or words is None or len(units) < EDGE_MIN_UNITS:
        return evidence
    if any(u.section in {"duties", "requirements"} for u in units):
        return evidence  # a headed ad says where the work is: its opening is not read as the employer's alone
    at = {u.start: i for i, u in enumerate(units)}
    held: set[int] = set()
    for e in counted:
        unit = layout.unit_at(e.start)
        if e.section != "body" or unit is None:
            return evidence
        held.add(at[unit.start])
    text = layout.text

    def names_work(unit: Unit) -> bool:
        return any(p is not None and p.search(text, unit.start, unit.end) for p in (words.hire, words.work))

    if any(names_work(units[i]) for i in held):
        return evidence
    inner = [i for i in held if 0 < i < len(units) - 1]  # the first and last sentences are edges as before
    if inner:  # the opening before the hire is first named, the closing after the last time (stop 49)
        role = _role_heads(layout.title, words)  # not "warehouse" of "Warehouse Operative" (stop 50)

        def names_hire(i: int) -> bool:
            unit = units[i]
            return names_work(unit) or _names_role(
                _TITLE_WORD.findall(text, unit.start, unit.end), role, words
            )

        first = next((i for i in range(len(units)) if names_hire(i)), None)
        if first is None:
            return evidence
        last = next(i for i in reversed(range(len(units))) if names_hire(i))
        if any(first <= i <= last for i in inner):
            return evidence
    return [replace(e, counted=False, reason="edge") if e.counted else e for e in evidence]


def bare_channel(evidence: list[Evidence], layout: Layout, cues: ReviewCues) -> list[Evidence]:
    """``evidence`` with its counted spans set aside (reason "no_work_context") when all of them are channel
    cues ("sociala medier", "social media") in one sentence of unheaded text (section ``body``) that names no
    work on them: no hiring, requirement or duty word (``social_clause``'s ``work``), no verb of doing work
    (its ``duty``: "publicera", "sköta", "arbeta med", "post", "manage") and no ``social_context`` word besides
    the cues ("inlägg", "kampanjer", "kanaler"). Stop 47: the hire's own social-media work names what is done
    or the employer's own account; the world's social media named once ("sätter gränser för mobil, spel och
    sociala medier", "enkätdata om ... användningen av sociala medier") is a subject, whoever the sentence's
    subject is. A platform, a title, a heading or a second sentence keeps every span."""
    counted = [e for e in evidence if e.counted]
    words = cues.social_clause
    if not counted or words is None:
        return evidence
    units = {layout.unit_at(e.start) for e in counted}
    if len(units) != 1 or any(e.section != "body" or e.strength != "channel" for e in counted):
        return evidence
    (unit,) = units
    if unit is None:
        return evidence
    text = layout.text
    if words.owner is not None and any(words.owner.search(text, unit.start, e.start) for e in counted):
        return evidence  # the employer's own channels: "gårdens sociala medier", "our social media"
    for pattern in (words.work, words.duty):
        if pattern is not None and pattern.search(text, unit.start, unit.end):
            return evidence
    context = cues.social_context
    if context is not None and any(
        not cues.names_social_media(m.group(), strengths=("channel", "platform", "weak"))
        for m in context.finditer(text, unit.start, unit.end)
    ):
        return evidence
    return [replace(e, counted=False, reason="no_work_context") if e.counted else e for e in evidence]


def is_social_mention(m: Mention, cues: ReviewCues) -> bool:
    """A mention linked to a social-media concept: a listed concept, or a label naming social media."""
    if m.concept.id in cues.social_media_concepts:
        return True
    return m.area is not None and cues.names_social_media(m.concept.label, strengths=("channel",))


def mention_evidence(
    text: str, mentions: Iterable[Mention], layout: Layout, cues: ReviewCues, *, min_confidence: float
) -> Iterator[Evidence]:
    """Extracted mentions linked to social-media concepts, judged by their words and where they stand.

    A mention counts only when its own words name social media ("sociala medier-strategi"): generic
    words are linked to social-media concepts too ("styrdokument" to social-media policy, "analysera
    resultat" to social-media analytics), and those are set aside as ``generic``; one inside what the
    employer's customers do with its product ("they can manage their presence on social media") or an
    application instruction is set aside as the same words' cues are (``users``, ``application``).
    Platform names are judged in their sentence by :func:`cue_evidence`.
    """
    exclusions: dict[int, list[tuple[int, int]]] = {}
    by_users: dict[int, list[tuple[int, int]]] = {}
    by_others: dict[int, list[tuple[int, int]]] = {}
    by_topic: dict[int, list[tuple[int, int]]] = {}
    for m in mentions:
        if m.confidence < min_confidence or not is_social_mention(m, cues):
            continue
        unit, section, aside = _place(layout, m.start)
        if section == "title":
            continue
        if unit is not None and aside is None:
            if _excluded(text, m.start, m.end, unit, cues.social_exclude, exclusions) and not _owned(
                text, m.start, unit, cues
            ):
                aside = "application"
            elif _excluded(text, m.start, m.end, unit, cues.social_users, by_users):
                aside = "users"
            elif _excluded(text, m.start, m.end, unit, cues.social_others, by_others):
                aside = "others"
            elif _excluded(text, m.start, m.end, unit, cues.social_topic, by_topic):
                aside = "topic"
            elif someone_elses(text, m.start, m.end, unit, layout.title, cues):
                aside = "others"
            elif names_no_work(text, m.start, m.end, unit, section, cues):
                aside = "no_work_context"
        if aside is None and not cues.names_social_media(m.text, strengths=("channel",)):
            aside = "generic"
        counted = aside is None
        reason = counted_reason(section, layout, m.start) if counted else (aside or "heading")
        yield Evidence(m.text, m.start, m.end, m.area, section, counted, reason, "mention")


def works_on_product(title: str | None, cues: ReviewCues) -> bool:
    """True when the title names a role that works on a platform as a product or a business, not in it as a
    channel (``product_titles``: "Software Engineer, YouTube Ads", "Systemutvecklare", "Financial Analyst,
    YouTube", "Legal Counsel"): a platform its ad names is the product."""
    return cues.is_product_title(title)


def title_mentions_social_media(title: str | None, cues: ReviewCues) -> bool:
    """True when the title itself names social-media work ("Social media manager", "Communityansvarig")."""
    if not title:
        return False
    if cues.names_social_media(title, strengths=("channel", "platform", "weak")):
        return True
    return bool(cues.title_social_media and cues.title_social_media.search(title))


def title_evidence(layout: Layout, cues: ReviewCues) -> Iterator[Evidence]:
    """The title as evidence when it names social media ("Sociala medier-redaktör", "Social Media Manager"),
    a platform with work on it ("TikTok-producent", "Instagram content creator") or content creation
    ("Content creator", "Innehållsskapare": ``title_content``): such a job needs it
    whatever the text says. A platform as a team's name ("Software Engineer, YouTube"), a weak word
    ("Community nurse") or a community title alone ("Community Manager", "Communityansvarig": a coworking
    space has one too) is not enough: there the text decides."""
    title = layout.title
    if not title or not layout.title_span:
        return
    if cues.subject_titles is not None and cues.subject_titles.match(title.lstrip()):
        return  # "Forskare, sociala medier och hälsa": the field studied; the text decides (stop 44)
    if cues.title_product is not None and cues.title_product.search(title):
        return  # "Säljare till vårt SoMe-verktyg": a social-media product; the text decides (stop 47)
    product = works_on_product(title, cues)
    hits = [h for h in _hits(title, title.lower(), cues) if h.cue.named(title, h.start, h.end)]
    work_on_platform = not product and any(
        h.cue.strength == "platform" and _title_work(title, h, hits, cues) for h in hits
    )
    channel = cues.names_social_media(title, strengths=("channel",)) and (
        not product  # a product role's title counts only a channel word that names no ad product
        or any(h.cue.strength == "channel" and not h.cue.product for h in hits)
    )
    content = not product and cues.title_content is not None and bool(cues.title_content.search(title))
    if channel or work_on_platform or content:
        start, end = layout.title_span
        yield Evidence(layout.text[start:end], start, end, None, "title", True, "title", "title")


def _title_work(title: str, hit: _Hit, hits: list[_Hit], cues: ReviewCues) -> bool:
    """Work on the platform ``hit`` names in a title: a second platform or channel, a work word as the rest of
    its compound ("TikTok-producent"), or a work word outside it ("Instagram content creator"); the cue's own
    words are none ("Community Manager, Coworking": "community" is the cue, not work on a platform)."""
    if any(o is not hit and o.cue.strength != "weak" for o in hits):
        return True
    if hit.tail and cues.social_context_word is not None and cues.social_context_word.fullmatch(hit.tail):
        return True
    context = cues.social_context
    return context is not None and any(
        m.end() <= hit.start or m.start() >= hit.end for m in context.finditer(title)
    )
