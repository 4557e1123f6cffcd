"""The review's language data, compiled: ``lang/<code>/bias.json`` and the review cues of ``sections.json``.

Both files are plain data with the same schema in every language folder; this module only turns their
patterns into compiled regular expressions, once per language.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

import ahocorasick

from ..errors import Code, KompetensError
from ..lang import LANGUAGES, LanguageDataError, data_file, lang_data
from ..layout import GateIndex, any_of, literal_gate, whole_word
from .wordforms import WordForms


def _alternatives(patterns: list[str]) -> re.Pattern[str] | None:
    """The alternatives without word guards, for ``fullmatch`` on a part of a word."""
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE) if patterns else None


_COMPOUND_TAIL = r"(?P<tail>\w*(?:-\w+)?)"
"""Appended to compound cues (the platform names): the rest of a compound ("Instagram|konto",
"LinkedIn-|kampanjer")."""


class RuleText(NamedTuple):
    """What a flag says, in one language: why the wording turns candidates away, and a neutral rewrite."""

    explanation: str
    suggestion: str


@dataclass(slots=True, frozen=True)
class PhraseRule:
    """A biased phrase: a pattern with its category, its texts in every language, and its source."""

    id: str
    category: str
    kind: str
    pattern: re.Pattern[str]
    texts: dict[str, RuleText]
    """Language -> the explanation and suggestion in it. Every language's rules run on every ad, so a rule
    speaks each language: the flag takes the language its match sits in (``text_in``)."""
    source: str
    not_in: frozenset[str]
    gate: tuple[str, ...] | None = None
    """Strings one of which every match holds (``layout.literal_gate``): the rule runs only where one is."""
    client_guard: bool = True
    """False where the words can only describe an applicant ("recent graduates"): clients named just before
    ("students and recent graduates") do not set the flag aside; a neutral sentence still does."""
    lang: str = ""
    """The language whose ``bias.json`` holds the rule: its texts there are the fallback."""

    def text_in(self, lang: str) -> RuleText:
        """The explanation and suggestion in ``lang``, else in the rule's own language."""
        return self.texts.get(lang) or self.texts[self.lang]


@dataclass(slots=True, frozen=True)
class StemRule:
    """A gender-coded stem of Gaucher et al.'s lists, with the exceptions that keep task words out."""

    stem: str
    coding: str
    exact: bool
    forms: frozenset[str]
    exclude: re.Pattern[str] | None
    not_before: frozenset[str]
    not_after: frozenset[str]
    suggestion: str | None


@dataclass(slots=True, frozen=True)
class NotAPerson:
    """A gender-coded adjective that describes a thing ("kraftfulla metoder", "analytiska verktyg",
    "sensitive data") or another's trait ("individens självständighet") says nothing about the person
    sought (``not_a_person`` in ``bias.json``). Words about the employer or the workplace ("ett modigt
    bolag", "en stödjande miljö") stay flagged: Gaucher et al. coded the whole ad, its company text too."""

    heads: re.Pattern[str]
    """A noun that names a thing: the adjective's head, after at most ``max_chain`` more adjectives."""
    chain: re.Pattern[str]
    """Words that may stand between the coded adjective and its head: other adjectives, "och", "and"."""
    owner: re.Pattern[str] | None = None
    """A previous word that owns the trait: a definite genitive ("individens", "patientens")."""
    words: frozenset[str] = frozenset()
    """Coded words that are never a trait in this language ("förstås": of course)."""
    roles: re.Pattern[str] | None = None
    """A word after the head that makes it part of a job title ("Data Engineer", "IT-tekniker")."""
    not_adjective: re.Pattern[str] | None = None
    """Coded words that are nouns or verbs ("tillit", "understanding"): no head makes them a thing's."""
    adverb_form: re.Pattern[str] | None = None
    """Coded words that may be adverbs ("arbetar självständigt"): a thing's only after ``neuter_before``."""
    neuter_before: frozenset[str] = frozenset()
    max_chain: int = 3

    def describes_a_thing(self, word: str, previous: str, following: Sequence[str]) -> bool:
        """Whether the coded ``word`` (lower case) is an adjective whose head, in the words after it (lower
        case, in order) and through other adjectives, names a thing."""
        if self.not_adjective is not None and self.not_adjective.fullmatch(word):
            return False
        if (
            self.adverb_form is not None
            and self.adverb_form.fullmatch(word)
            and previous not in self.neuter_before
        ):
            return False
        for i, after in enumerate(following[: self.max_chain + 1]):
            if self.heads.fullmatch(after):
                title = following[i + 1] if i + 1 < len(following) else ""
                return not (self.roles is not None and self.roles.fullmatch(title))
            if not self.chain.fullmatch(after):
                return False
        return False

    def owned(self, previous: str) -> bool:
        """Whether ``previous`` (lower case) is someone else's, owning the trait after it."""
        return self.owner is not None and self.owner.fullmatch(previous) is not None


def _word_pattern(patterns: list[str]) -> re.Pattern[str]:
    """One pattern of ``patterns``, for ``fullmatch`` on a lower-case word (none matches for an empty list)."""
    return re.compile("|".join(f"(?:{p})" for p in patterns) or r"(?!)")


def _optional(pattern: str | None) -> re.Pattern[str] | None:
    return re.compile(pattern) if pattern else None


def _not_a_person(data: dict[str, Any] | None) -> NotAPerson | None:
    if not data:
        return None
    return NotAPerson(
        heads=_word_pattern(data["heads"]),
        chain=_word_pattern(data["chain"]),
        owner=_optional(data.get("owner")),
        words=frozenset(w.lower() for w in data.get("words", [])),
        roles=_optional(data.get("roles")),
        not_adjective=_optional(data.get("not_adjective")),
        adverb_form=_optional(data.get("adverb_form")),
        neuter_before=frozenset(data.get("neuter_before", [])),
        max_chain=int(data.get("max_chain", 3)),
    )


@dataclass(slots=True, frozen=True)
class _StemIndex:
    """``rule_for`` in dictionary look-ups: it runs for every word of every ad."""

    forms: dict[str, StemRule]  # first rule (in list order) whose forms hold the word
    whole: dict[str, StemRule]  # stems that match only the whole word
    prefix: dict[str, StemRule]  # stems that match any word they begin
    min_len: int


def _stem_index(stems: tuple[StemRule, ...], min_stem_length: int) -> _StemIndex:
    forms: dict[str, StemRule] = {}
    whole: dict[str, StemRule] = {}
    prefix: dict[str, StemRule] = {}
    for rule in stems:
        for form in rule.forms:
            forms.setdefault(form, rule)
        target = whole if rule.exact or len(rule.stem) < min_stem_length else prefix
        target.setdefault(rule.stem, rule)  # the first rule of a stem wins, as in the list scan
    lengths = [len(k) for k in (*whole, *prefix)]
    return _StemIndex(forms, whole, prefix, min(lengths, default=1))


_FLAG_MEMO_MAX = 50_000


@dataclass(slots=True, frozen=True)
class GenderLexicon:
    category: str
    source: str
    min_stem_length: int
    explanation: dict[str, str]
    default_suggestion: str
    suggestion_template: str
    stems: tuple[StemRule, ...]
    word_forms: WordForms = field(default_factory=WordForms)
    """How a stem's one-word alternative is fitted to the flagged word's form (``word_forms``)."""
    not_a_person: NotAPerson | None = None
    """When a coded word describes a thing or someone else, not the person sought (``not_a_person``)."""
    _index: _StemIndex = field(init=False, repr=False, compare=False)
    _flagged: dict[str, StemRule | None] = field(default_factory=dict, init=False, repr=False, compare=False)
    """Word -> its rule when the word is flagged at all (``rule_for`` and the rule's ``exclude``)."""

    _starts: Any = field(init=False, repr=False, compare=False)
    """An Aho-Corasick automaton of every stem and form: where a flagged word can begin."""

    def __post_init__(self) -> None:
        index = _stem_index(self.stems, self.min_stem_length)
        object.__setattr__(self, "_index", index)
        automaton: Any = None
        keys = {k for k in (*index.forms, *index.whole, *index.prefix) if k}
        if keys:
            automaton = ahocorasick.Automaton()
            for k in keys:
                automaton.add_word(k, len(k))
            automaton.make_automaton()
        object.__setattr__(self, "_starts", automaton)

    def starts(self, low: str) -> list[int]:
        """The offsets in ``low`` where a stem or a form of the list begins, in order: every word
        ``flag_rule`` flags begins at one of them (found in one pass instead of reading every word)."""
        if self._starts is None:
            return []
        return sorted({last - length + 1 for last, length in self._starts.iter(low)})

    def flag_rule(self, word: str) -> StemRule | None:
        """The rule a (lower-case) word is flagged by, its exclusions applied; memoised, since ads
        share most of their words."""
        memo = self._flagged
        if word in memo:
            return memo[word]
        rule = self.rule_for(word)
        # the exclusion reads the word, and a hyphenated word's first part too ("competency-based")
        excluded = (
            rule is not None
            and rule.exclude is not None
            and (
                rule.exclude.fullmatch(word)
                or ("-" in word and rule.exclude.fullmatch(word.split("-", 1)[0]))
            )
        )
        if excluded:
            rule = None
        if len(memo) > _FLAG_MEMO_MAX:
            memo.clear()
        memo[word] = rule
        return rule

    def suggestion(self, rule: StemRule, word: str = "", previous: str = "") -> str:
        """The neutral rewrite for a flagged (lower-case) ``word`` after ``previous``: its stem's alternative in
        the word's form ("engagerade" -> "motiverade"), or the general advice where no alternative fits (a verb
        or a noun for an adjective: "att entusiasmera", "ambitioner")."""
        alternative = rule.suggestion and self.word_forms.fitted(rule.suggestion, word, previous)
        if alternative:
            return self.suggestion_template.format(alternative=alternative)
        return self.default_suggestion

    def rule_for(self, word: str) -> StemRule | None:
        """The rule whose forms hold ``word`` (lower case), else the longest stem rule matching it, or None."""
        index = self._index
        rule = index.forms.get(word)
        if rule is not None:
            return rule
        best = index.whole.get(word)
        for k in range(len(word), index.min_len - 1, -1):  # longest prefix first
            candidate = index.prefix.get(word[:k])
            if candidate is not None:
                if best is None or len(candidate.stem) > len(best.stem):
                    best = candidate
                break
        return best


@dataclass(slots=True, frozen=True)
class Guard:
    """When a flag of one category is not one: a neutral ``sentence``, clients named just ``before`` it
    (or just before the words that give an age: "Kunderna är i åldern 20-30 år"), a client noun right
    ``after`` it ("younger pupils", "unga patienter"), or a group of others that ``owner`` names as having
    what the span says ("ett team med hela karriären bakom sig", "teamet har lång livserfarenhet")."""

    sentence: re.Pattern[str] | None
    before: re.Pattern[str] | None
    after: re.Pattern[str] | None = None
    owner: re.Pattern[str] | None = None
    link: re.Pattern[str] | None = None
    """The words that tie ``owner``'s group to what follows ("med", "har", "with"): the span starts with one,
    or the window ends with one."""
    sex: re.Pattern[str] | None = None
    """A person named by sex alone just before the span ("en kille", "tjejer", "boys"), matched as ``before``:
    a client only where the span gives no age or a minor's ("killar i 13-årsåldern", "passar en kille i
    10-årsåldern med autism"); with an adult age (``ADULT_AGE`` and over) the words are about the hire
    ("Perfekt för en kille i 25-årsåldern", a user's test)."""
    adult: re.Pattern[str] | None = None
    """Words that give an adult age without digits ("in his twenties", "en tjugofemåring"), for ``sex``."""
    hire: re.Pattern[str] | None = None
    """A hiring verb at most five words before the span with no preposition between ("Vi söker en fräsch
    tjej i början av karriären", stop 42): the person named by sex is the hire, so ``sex`` does not guard."""
    staffed: re.Pattern[str] | None = None
    """A verb that fills the team, at most three words before the words ``before`` found ("Vi vill
    komplettera vår grupp | med en senior person med grått i håret", stop 49): the person is the hire, so
    ``before`` does not guard."""


@dataclass(slots=True, frozen=True)
class PositiveAction:
    """A sentence that welcomes the under-represented sex ("Då vi arbetar för en jämnare könsfördelning ser vi
    gärna kvinnliga sökande"): an explicit gender flag there is explained as lawful positive action, not as
    discrimination (a bug hunt, h2: 3 of the 5 explicit-gender flags over the real ads' tune half). ``texts``:
    per language, its explanation, suggestion and source (``guards.gender.positive_action`` of bias.json)."""

    sentence: re.Pattern[str]
    texts: dict[str, tuple[str, str, str]]


GUARD_WINDOW = 30
"""Characters before a flagged span searched for the ``before`` guard ("barn och unga", "till en 23-årig")."""

ADULT_AGE = 18
"""The least age a span may give for ``Guard.sex`` to leave it a flag: under it the person is a client (a
child the job cares for), at it and over the person the ad hires."""


@dataclass(slots=True, frozen=True)
class BiasLexicon:
    """Phrase rules of every language (the ad's own first: ads mix languages), gender stems of the ad's
    language, and the guards per flag category."""

    lang: str
    phrases: tuple[PhraseRule, ...]
    gender: GenderLexicon
    guards: dict[str, Guard] = field(default_factory=dict)
    positive_action: PositiveAction | None = None
    lawful: dict[str, PositiveAction] = field(default_factory=dict)
    """Rule kind -> the ad words that make its demand lawful, and what the flag then says (``guards.<category>.
    lawful`` of bias.json): "svenskt medborgarskap krävs" in the ad of a security-cleared post (stop 37)."""
    gates: GateIndex = field(init=False, repr=False, compare=False)
    """The lines each phrase rule runs on, found for all of them in one pass."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "gates", GateIndex([r.gate for r in self.phrases]))


SOCIAL_STRENGTHS: tuple[str, ...] = ("channel", "platform", "weak")
"""How much a social-media cue says on its own (``sections.json``, key ``strength``):

* ``channel``  names social media as a whole ("sociala medier", "social media", "SoMe"): evidence wherever
               the ad describes the job;
* ``platform`` names one platform ("LinkedIn", "YouTube"): evidence only in a sentence about work on it
               (a ``social_context`` word, a list of customer channels, or a second social-media cue);
* ``weak``     a word social-media work uses but other work does too ("community", "moderera",
               "influencers", "följare"): evidence only beside a channel or platform cue in its sentence.
"""


@dataclass(slots=True, frozen=True)
class SocialCue:
    pattern: re.Pattern[str]
    area: str | None
    """The area the cue is evidence for; None for a word that names social media as a whole ("sociala
    medier", "SoMe"): it shows social-media work, not which area."""
    strength: str = "channel"
    gate: tuple[str, ...] | None = None
    product: bool = False
    """Names an advertising product ("search, social and display"): set aside, like a platform, in the ad
    of a role that works on the platform as a product (``product_titles``)."""
    needs: re.Pattern[str] | None = None
    """Words that must stand in the cue's sentence, outside it, for the cue to name social media at all (stop
    40: "channels" is a creator's video channel only beside "videos", "uploads", "creators", "live
    streams"...; a sales, TV or Slack channel is none; "posts reported by users" is moderation only beside a
    handling verb, "review", "remove", "take down", not in the policy writer's "rules for content reported by
    users"). Without them the cue is set aside as ``no_work_context``, in a title too."""

    def named(self, text: str, start: int, end: int, lo: int = 0, hi: int | None = None) -> bool:
        """True unless the cue ``needs`` words that ``text[lo:hi]`` holds nowhere outside ``start``-``end``."""
        if self.needs is None:
            return True
        return any(
            m.end() <= start or m.start() >= end
            for m in self.needs.finditer(text, lo, len(text) if hi is None else hi)
        )


@dataclass(slots=True, frozen=True)
class SocialClause:
    """Who does what in a cue's clause (``social_clause`` of ``sections.json``, every language; stop 44): a
    cue counts as the hire's work unless its clause names someone else as the doer and not the hire."""

    breaks: re.Pattern[str]
    """Where a clause ends inside a sentence: ";", ":", a dash, "men"/"but", ", och du"/", and you"; since stop 48
    ", så"/", so" before any word but "som", "att", "that", "as" (a clause of consequence)."""
    hire: re.Pattern[str] | None
    """The hire named in the clause: "du", "you", "tjänsten", "the role", "candidates"."""
    work: re.Pattern[str] | None
    """A hiring, requirement or duty word ("söker", "erfarenhet", "arbetsuppgifter", "experience", "duties"):
    with the hire, what makes a clause the job's own where it holds no work word besides a channel cue."""
    passive: re.Pattern[str] | None
    """A passive verb with its doer: "utförs av webbredaktionen", "are answered by a dedicated team"."""
    negation: re.Pattern[str] | None
    """A negation before the cue: "Vi är inte aktiva i sociala medier" (not "inte bara", "not only")."""
    subject: re.Pattern[str] | None
    """A subject opening the clause that is not the hire: "Eleverna", "Vår ... grupp", "Många ärenden"."""
    subject_alone: re.Pattern[str] | None = None
    """A subject opening the clause that sets a cue aside only where the sentence names the hire nowhere: a
    singular definite noun phrase ("Teamet ansvarar för ...", "Byrån hjälper företag med ..."), a cleft ("Det
    är vår koordinator som svarar ..."); not "Skolan har ett Instagramkonto, och du administrerar det" (stop
    45)."""
    hiring: re.Pattern[str] | None = None
    """A hiring or requirement word ("söker", "erfarenhet", "seeking", "experience"): a clause holding one
    speaks of the hire, whatever subject opens it ("Företaget söker en medarbetare som ..."; stop 45)."""
    subordinate: re.Pattern[str] | None = None
    """A conjunction opening a subordinate clause ("att", "that"): a subject that is not the hire right after it
    is the doer of that clause's verb ("Vi är stolta över att våra patienter rekommenderar oss i sociala
    medier"; stop 47). Stop 48: also every word that opens a clause with a subject of its own ("där", "när",
    "som", "where", "when", "which": "där kursdeltagarna gör egna reportage för sociala medier")."""
    duty: re.Pattern[str] | None = None
    """A verb of doing work ("publicera", "sköta", "arbeta med", "post", "manage", "work on"): with ``work``
    and ``social_context``, what makes a sentence a duty where its only cue is a channel (stop 47)."""
    owner: re.Pattern[str] | None = None
    """An owner right before a channel cue, perhaps past one adjective ("gårdens sociala medier", "våra egna
    sociala medier", "the library's social media"): the employer's own channels, the hire's work (stop 47);
    searched on the text before the cue, to its end."""
    contrast: re.Pattern[str] | None = None
    """A conjunction that sets the hire's clause against what another does ("medan du", "så att du kan
    fokusera", "while you", "so you can focus"): the hire named only after it is not the doer of a cue before
    it ("Vår klinikchef sköter vår Facebooksida, så du kan fokusera på patienterna"; stop 48)."""
    inflection: re.Pattern[str] | None = None
    """The endings a title's word takes as a subject ("-en", "-ens", "-s", "'s"): "Kommunikatören" is the
    "Kommunikatör" of the title (stop 48)."""
    relative: re.Pattern[str] | None = None
    """A non-restrictive relative clause opened after a comma (", som", ", who"; stop 49): what it says is
    said of its antecedent."""
    antecedent: re.Pattern[str] | None = None
    """A relative's antecedent that is a person or team other than the hire, ending right before ``relative``
    ("vår social media manager", "ägaren", "our content creator", "the owner"; not "vår nya kommunikatör", "our
    new coordinator"); searched on the clause's text before the relative, to its end (stop 49)."""
    title_employer: re.Pattern[str] | None = None
    """Where a title's employer part begins ("Tandsköterska till Klinik Vitsippan", "Technician at Stagecraft"):
    only the role words before it name the hire (stop 48)."""
    role_complement: re.Pattern[str] | None = None
    """A word opening a complement after the role's head noun ("Head of Content", "Marknadsförare med fokus på
    ..."): the head is the role's last word before it (stop 50)."""


@dataclass(slots=True, frozen=True)
class ReviewCues:
    """The review's cues of social-media work and expert level (``sections.json``, every language).

    How an ad is laid out (headings, boilerplate) is read by :mod:`kompetens.layout`, once for
    extraction and review alike."""

    lang: str
    social_media: tuple[SocialCue, ...]
    social_context: re.Pattern[str] | None
    social_context_word: re.Pattern[str] | None
    social_exclude: re.Pattern[str] | None
    social_media_concepts: frozenset[str]
    title_social_media: re.Pattern[str] | None
    expert: re.Pattern[str] | None
    title_content: re.Pattern[str] | None = None
    """Titles of content-creation work ("Content creator", "Innehållsskapare"): evidence as a channel in the
    title is (``title_content`` of ``sections.json``)."""
    title_product: re.Pattern[str] | None = None
    """A social-media product named in the title ("Säljare till vårt SoMe-verktyg", "Account Executive, Social
    Media Scheduling Software"): the product sold or built, not the work; the text decides (stop 47)."""
    product_titles: re.Pattern[str] | None = None
    """Titles of roles that work on a platform as a product (software, finance, legal): not as a channel."""
    subject_titles: re.Pattern[str] | None = None
    """Titles of roles that study or teach a field ("Forskare", "Research Assistant", "Lecturer"): social media
    in such a title is the field, not the job's work, so the title is no evidence (``subject_titles``; stop 44)."""
    social_users: re.Pattern[str] | None = None
    """What the employer's customers or users do on a platform with its product ("they can manage their
    presence on social media", "våra kunder kan synas i sociala medier"): a platform named there is not the
    job's work (``social_users`` of ``sections.json``)."""
    social_duty: re.Pattern[str] | None = None
    """A duty verb and an owner right before a platform's name ("ta hand om vår", "look after our"): the
    job works on the employer's page or account there, so an exclusion such as "LinkedIn page" (an
    applicant's profile, a follow-us link) does not apply (``social_duty``; also work context)."""
    social_others: re.Pattern[str] | None = None
    """Social media that someone other than the hire handles, or that the job only writes rules about ("a
    separate team runs our social channels", "riktlinjer för medarbetares användning av sociala medier"):
    not the job's work (``social_others`` of ``sections.json``)."""
    social_topic: re.Pattern[str] | None = None
    """Social media as a subject the job teaches or lectures about, or as the cause of effects ("undervisar
    om ... sociala mediers påverkan på demokratin", "the impact of social media on young people"): not work
    on them (``social_topic`` of ``sections.json``)."""
    social_clause: SocialClause | None = None
    """Who does the work in a cue's clause (``social_clause`` of ``sections.json``; stop 44)."""
    gates: GateIndex = field(init=False, repr=False, compare=False)
    """The lines each social-media cue runs on, found for all of them in one pass."""
    _names: dict[tuple[str, tuple[str, ...]], bool] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    _product: dict[str, bool] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "gates", GateIndex([c.gate for c in self.social_media]))

    def is_product_title(self, title: str | None) -> bool:
        """True when ``title`` matches ``product_titles`` (memoised: an ad asks twice)."""
        if not title:
            return False
        memo = self._product
        found = memo.get(title)
        if found is None:
            pattern = self.product_titles
            found = pattern is not None and pattern.search(title) is not None
            if len(memo) > _FLAG_MEMO_MAX:
                memo.clear()
            memo[title] = found
        return found

    def names_social_media(self, text: str, *, strengths: tuple[str, ...] = ("channel", "platform")) -> bool:
        """True when a social-media cue of one of ``strengths`` occurs in ``text`` (memoised: it is asked
        of every mention's concept label and text)."""
        memo = self._names
        key = (text, strengths)
        found = memo.get(key)
        if found is None:
            found = any(
                m is not None and c.named(text, m.start(), m.end())
                for c in self.social_media
                if c.strength in strengths
                for m in (c.pattern.search(text),)
            )
            if len(memo) > _FLAG_MEMO_MAX:
                memo.clear()
            memo[key] = found
        return found


def _need(lang: str, name: str) -> dict[str, Any]:
    data: dict[str, Any] = lang_data(lang, name)
    if not data:
        known = ", ".join(LANGUAGES)
        raise KompetensError(
            Code.E109, f"no review data ({name}.json) for language {lang!r}; supported: {known}"
        )
    return data


CATEGORIES: tuple[str, ...] = (
    "age",
    "gender",
    "exclusion",
    "experience",
    "religion",
    "disability",
    "ethnicity",
    "pregnancy",
    "sexual_orientation",
    "gender_identity",
)
"""The categories a phrase rule of ``bias.json`` may name (``Flag.category``): the review, the market's
``by_category`` and the reports count flags by them, so a rule with another (a typo, "alder") is refused."""

PHRASE_KEYS: tuple[str, ...] = ("id", "category", "pattern", "explanation", "suggestion", "source")
"""The keys every phrase rule of ``bias.json`` gives, each a non-empty string."""


def check_bias_data(lang: str, data: Any) -> None:
    """LanguageDataError, naming ``lang/<lang>/bias.json`` and the entry, for a phrase rule or an
    ``other_rules`` entry that cannot be used: a key missing or not a string, an unknown category, a pattern
    that does not compile, a rule id given twice, ``other_rules`` naming no rule of the file."""
    where = data_file(lang, "bias")
    phrases = data.get("phrases") if isinstance(data, dict) else None
    if not isinstance(phrases, list):
        raise LanguageDataError(f"{where}: 'phrases' must be a list of phrase rules")
    ids: set[str] = set()
    for i, entry in enumerate(phrases):
        if not isinstance(entry, dict):
            raise LanguageDataError(f"{where}: phrases[{i}] must be an object, got {entry!r}")
        rule = entry.get("id")
        at = f"{where}: phrases[{i}] (id {rule!r})" if isinstance(rule, str) else f"{where}: phrases[{i}]"
        for key in PHRASE_KEYS:
            if key not in entry:
                raise LanguageDataError(
                    f"{at}: {key!r} is missing (every rule gives {', '.join(PHRASE_KEYS)})"
                )
            if not isinstance(entry[key], str) or not entry[key].strip():
                raise LanguageDataError(f"{at}: {key!r} must be a non-empty string, got {entry[key]!r}")
        if entry["category"] not in CATEGORIES:
            raise LanguageDataError(
                f"{at}: unknown category {entry['category']!r}; one of {', '.join(CATEGORIES)}"
            )
        if entry["id"] in ids:
            raise LanguageDataError(f"{at}: the id is given twice in the file")
        ids.add(entry["id"])
        try:  # the pattern alone first, so that a position in the message is one in the rule's own text
            re.compile(entry["pattern"], re.IGNORECASE)
            whole_word(entry["pattern"])
        except re.error as exc:
            raise LanguageDataError(f"{at}: the pattern does not compile: {exc}") from None
        for key in ("gate", "not_in"):
            value = entry.get(key, [])
            if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
                raise LanguageDataError(f"{at}: {key!r} must be a list of strings, got {value!r}")
    for rule, value in data.get("other_rules", {}).items():
        if rule.startswith("_"):
            continue
        at = f"{where}: other_rules[{rule!r}]"
        if isinstance(value, str):
            if value not in ids:
                raise LanguageDataError(f"{at}: names {value!r}, which is no phrase rule of this file")
        elif not (
            isinstance(value, dict)
            and all(isinstance(value.get(k), str) and value[k] for k in ("explanation", "suggestion"))
        ):
            raise LanguageDataError(
                f"{at}: must be the id of a rule of this file or {{'explanation': ..., 'suggestion': ...}}"
            )


def _phrase(entry: dict[str, Any], lang: str, texts: dict[str, dict[str, RuleText]]) -> PhraseRule:
    rule_id = entry["id"]
    return PhraseRule(
        id=rule_id,
        category=entry["category"],
        kind=entry.get("kind", ""),
        pattern=whole_word(entry["pattern"]),
        texts={code: by_id[rule_id] for code, by_id in texts.items() if rule_id in by_id},
        source=entry["source"],
        not_in=frozenset(entry.get("not_in", [])),
        gate=tuple(g.lower() for g in entry["gate"]) if "gate" in entry else literal_gate(entry["pattern"]),
        client_guard=bool(entry.get("client_guard", True)),
        lang=lang,
    )


def _rule_texts(data: dict[str, Any]) -> dict[str, RuleText]:
    """One language's texts by rule id: its own phrases', and its ``other_rules`` for the phrase rules of
    other languages (an own rule's id whose texts fit, or the texts themselves)."""
    own = {e["id"]: RuleText(e["explanation"], e["suggestion"]) for e in data.get("phrases", [])}
    texts = dict(own)
    for rule_id, value in data.get("other_rules", {}).items():
        if rule_id.startswith("_") or rule_id in own:
            continue
        texts[rule_id] = own[value] if isinstance(value, str) else RuleText(**value)
    return texts


def _stem(entry: dict[str, Any]) -> StemRule:
    exclude = entry.get("exclude")
    return StemRule(
        stem=entry["stem"].lower(),
        coding=entry["coding"],
        exact=bool(entry.get("exact", False)),
        forms=frozenset(f.lower() for f in entry.get("forms", [])),
        exclude=re.compile(exclude, re.IGNORECASE) if exclude else None,
        not_before=frozenset(w.lower() for w in entry.get("not_before", [])),
        not_after=frozenset(w.lower() for w in entry.get("not_after", [])),
        suggestion=entry.get("suggestion"),
    )


def _guard(parts: list[dict[str, list[str]]]) -> Guard:
    """One category's guard from every language's ``guards`` entry; ``before`` must end the window
    within two words ("barn och unga": "barn och " before "unga"), or within two words and then one of
    ``bridge``, the words that give an age ("Kunderna är | i åldern | 20-30 år"), where none of the two is
    the reader ("du", "you"); ``sex`` the same way as ``before``; ``after`` must follow the span at once,
    ``owner`` end the window or stand just before one of ``link``."""

    def merged(key: str) -> str:
        return "|".join(f"(?:{p})" for part in parts for p in part.get(key, []))

    before, bridge, after, owner, link, sex, hire, staffing = (
        merged(k) for k in ("before", "bridge", "after", "owner", "link", "sex", "hire", "staffing")
    )

    def preceding(words: str) -> re.Pattern[str] | None:
        if not words:
            return None
        bridged = rf"|(?:{words})\W*(?:(?!(?:du|dig|you)\b)\w+\W+){{0,2}}(?:{bridge})\W+" if bridge else ""
        return re.compile(rf"(?<![\w-])(?:(?:{words})\W*(?:\w+\W+){{0,2}}{bridged})$", re.IGNORECASE)

    return Guard(
        sentence=any_of([p for part in parts for p in part.get("sentence", [])]),
        before=preceding(before),
        after=re.compile(rf"\s+(?:{after})(?!\w)", re.IGNORECASE) if after else None,
        owner=re.compile(rf"(?<![\w-])(?:{owner})\s+(?P<link>(?:{link})\s+)?$", re.IGNORECASE)
        if owner and link
        else None,
        link=re.compile(rf"(?:{link})(?!\w)", re.IGNORECASE) if owner and link else None,
        sex=preceding(sex),
        adult=any_of([p for part in parts for p in part.get("adult", [])]),
        hire=re.compile(
            rf"(?<![\w-])(?:{hire})\W+(?:(?!(?:till|åt|för|hos|med|to|for|with|at)\b)\w+\W+){{0,5}}$",
            re.IGNORECASE,
        )
        if hire
        else None,
        staffed=re.compile(rf"(?<![\w-])(?:{staffing})\W+(?:\w+\W+){{0,3}}$", re.IGNORECASE)
        if staffing
        else None,
    )


_FOLD_LETTERS = str.maketrans("åäöÅÄÖ", "aaoAAO")
_FOLDED_KEYS = frozenset(
    {
        "pattern",
        "gate",
        "sentence",
        "before",
        "bridge",
        "after",
        "owner",
        "link",
        "sex",
        "adult",
        "hire",
        "staffing",
        "stem",
        "exclude",
        "forms",
        "not_before",
        "not_after",
        "adjective_endings",
        "not_adjective_endings",
        "verb_after",
    }
)


def without_diacritics(text: str) -> str:
    """``text`` with å, ä, ö written a, a, o, as a text typed without them has it ("söker" -> "soker")."""
    return text.translate(_FOLD_LETTERS)


def written_without_diacritics(text: str, lang: str) -> bool:
    """Whether a Swedish ``text`` is typed without å, ä and ö (none in a text of some length): its wording is
    then matched against the lexicon written the same way (``bias_lexicon(lang, folded=True)``)."""
    return lang == "sv" and len(text) >= 80 and not any(ch in text for ch in "åäöÅÄÖ")


def _folded(value: Any, key: str | None = None) -> Any:
    """The bias data with å, ä, ö written a, a, o in what is matched (patterns, gates, guards, stems);
    explanations and suggestions keep their letters."""
    if isinstance(value, dict):
        return {k: _folded(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_folded(v, key) for v in value]
    if isinstance(value, str) and key in _FOLDED_KEYS:
        return without_diacritics(value)
    return value


@lru_cache(maxsize=8)
def bias_lexicon(lang: str, *, folded: bool = False) -> BiasLexicon:
    """The compiled bias lexicon of one language; KompetensError E109 for an unsupported language.
    ``folded``: its matching written without å, ä, ö, for a text typed that way ("ungt gang")."""
    data = _need(lang, "bias")
    check_bias_data(lang, data)
    if folded:
        data = _folded(data)
    g = data["gender"]
    gender = GenderLexicon(
        category=g.get("category", "gender"),
        source=g["source"],
        min_stem_length=int(g.get("min_stem_length", 4)),
        explanation=dict(g["explanation"]),
        default_suggestion=g["default_suggestion"],
        suggestion_template=g.get("suggestion_template", "{alternative}"),
        stems=tuple(_stem(e) for e in g["stems"]),
        word_forms=WordForms.from_data(g.get("word_forms", {})),
        not_a_person=_not_a_person(g.get("not_a_person")),
    )
    others = [(code, lang_data(code, "bias")) for code in LANGUAGES if code != lang]
    for code, d in others:
        if d:
            check_bias_data(code, d)
    by_lang = [(lang, data), *((code, _folded(d) if folded else d) for code, d in others if d)]
    datas = [d for _, d in by_lang]
    texts = {code: _rule_texts(d) for code, d in by_lang}
    seen: set[str] = set()
    phrases: list[PhraseRule] = []
    for code, d in by_lang:
        for entry in d["phrases"]:
            if entry["pattern"] not in seen:
                seen.add(entry["pattern"])
                phrases.append(_phrase(entry, code, texts))
    categories = {c for d in datas for c in d.get("guards", {}) if not c.startswith("_")}
    guards = {c: _guard([d.get("guards", {}).get(c, {}) for d in datas]) for c in sorted(categories)}
    actions = [(code, d.get("guards", {}).get("gender", {}).get("positive_action")) for code, d in by_lang]
    actions = [(code, a) for code, a in actions if a]
    sentence = any_of([p for _, a in actions for p in a["sentence"]])
    positive = (
        PositiveAction(
            sentence, {code: (a["explanation"], a["suggestion"], a["source"]) for code, a in actions}
        )
        if sentence is not None
        else None
    )
    lawful_by_kind: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for code, d in by_lang:
        for c, g in d.get("guards", {}).items():
            if not c.startswith("_") and isinstance(g, dict) and "lawful" in g:
                lawful_by_kind.setdefault(g["lawful"]["kind"], []).append((code, g["lawful"]))
    lawful = {
        kind: PositiveAction(
            re.compile("|".join(f"(?:{p})" for _, a in found for p in a["sentence"]), re.IGNORECASE),
            {code: (a["explanation"], a["suggestion"], a["source"]) for code, a in found},
        )
        for kind, found in lawful_by_kind.items()
    }
    return BiasLexicon(
        lang=lang,
        phrases=tuple(phrases),
        gender=gender,
        guards=guards,
        positive_action=positive,
        lawful=lawful,
    )


@lru_cache(maxsize=8)
def review_cues(lang: str) -> ReviewCues:
    """The compiled review cues for an ad in ``lang``; KompetensError E109 for an unsupported language.

    Ads mix languages ("Nice to have:" and "Share this job on LinkedIn" in a Swedish ad), so the cues of
    every language are used, the ad's own first.
    """
    _need(lang, "sections")
    langs = [lang, *(code for code in LANGUAGES if code != lang)]
    datas: list[dict[str, Any]] = [d for d in (lang_data(code, "sections") for code in langs) if d]

    def merged(key: str) -> list[str]:
        return [p for d in datas for p in d.get(key, [])]

    seen: set[tuple[str, bool, str | None]] = set()
    social: list[SocialCue] = []
    for d in datas:
        for c in d["social_media"]:
            key = (c["pattern"], bool(c.get("cased", False)), c.get("area"))
            strength = c.get("strength", "channel")
            if strength not in SOCIAL_STRENGTHS:
                raise KompetensError(
                    Code.E109, f"social_media cue {c['pattern']!r}: unknown strength {strength!r}"
                )
            if key not in seen:
                seen.add(key)
                pattern = f"(?:{c['pattern']}){_COMPOUND_TAIL}" if c.get("compound") else c["pattern"]
                social.append(
                    SocialCue(
                        whole_word(pattern, cased=key[1]),
                        key[2],
                        strength,
                        tuple(g.lower() for g in c["gate"]) if "gate" in c else literal_gate(c["pattern"]),
                        bool(c.get("product", False)),
                        any_of(c["needs"]) if c.get("needs") else None,
                    )
                )
    return ReviewCues(
        lang=lang,
        social_media=tuple(social),
        social_context=any_of(merged("social_context") + merged("social_duty")),
        social_context_word=_alternatives(merged("social_context") + merged("social_duty")),
        social_exclude=any_of(merged("social_exclude")),
        social_media_concepts=frozenset(merged("social_media_concepts")),
        title_social_media=any_of(merged("title_social_media")),
        expert=any_of(merged("expert")),
        title_content=any_of(merged("title_content")),
        title_product=any_of(merged("title_product")),
        product_titles=any_of(merged("product_titles")),
        subject_titles=any_of(merged("subject_titles")),
        social_users=any_of(merged("social_users")),
        social_duty=any_of(merged("social_duty")),
        social_others=any_of(merged("social_others")),
        social_topic=any_of(merged("social_topic")),
        social_clause=_social_clause(datas),
    )


def _title_employer(words: list[str]) -> re.Pattern[str] | None:
    """Where a title's employer part begins: a word ("till", "at") as a whole word, a mark ("," "|" "–") right
    after the role's last word or a space ("Lagermedarbetare, Grönlunds Trädgårdsgrossist": the whole-word
    pattern of ``any_of`` never matched a comma written after a word)."""
    named = [w for w in words if w[:1].isalnum()]
    marks = [w for w in words if not w[:1].isalnum()]
    parts = [rf"(?<![\w-])(?:{'|'.join(named)})(?!\w)"] if named else []
    if marks:
        parts.append(rf"\s*(?:{'|'.join(marks)})")
    return re.compile("|".join(parts), re.IGNORECASE) if parts else None


def _social_clause(datas: list[dict[str, Any]]) -> SocialClause | None:
    """``social_clause`` of every language's ``sections.json``, each part's patterns as one."""
    parts = [d["social_clause"] for d in datas if d.get("social_clause")]
    if not parts:
        return None

    def merged(key: str) -> list[str]:
        return [p for part in parts for p in part.get(key, [])]

    subject, alone, owner = merged("subject"), merged("subject_alone"), merged("owner")

    def opening(words: list[str]) -> re.Pattern[str] | None:
        if not words:
            return None
        return re.compile(
            rf"^[\s\-•*–]*(?:(?:och|and|samt)\s+)?(?:{'|'.join(words)})(?![\w-])", re.IGNORECASE
        )

    return SocialClause(
        breaks=re.compile("|".join(f"(?:{p})" for p in merged("break")) or r"(?!)", re.IGNORECASE),
        hire=any_of(merged("hire")),
        work=any_of(merged("work")),
        passive=any_of(merged("passive")),
        negation=any_of(merged("negation")),
        hiring=any_of(merged("hiring")),
        subject=opening(subject),
        subject_alone=opening(alone),
        duty=any_of(merged("duty")),
        subordinate=any_of(merged("subordinate")),
        owner=re.compile(rf"\b(?:{'|'.join(owner)})\s+(?:\w+\s+)?$", re.IGNORECASE) if owner else None,
        contrast=any_of(merged("contrast")),
        title_employer=_title_employer(merged("title_employer")),
        role_complement=any_of(merged("role_complement")),
        relative=re.compile(rf"(?:{'|'.join(merged('relative'))})(?![\w-])", re.IGNORECASE)
        if merged("relative")
        else None,
        antecedent=re.compile(rf"(?<![\w-])(?:{'|'.join(merged('antecedent'))})\s*$", re.IGNORECASE)
        if merged("antecedent")
        else None,
        inflection=re.compile("|".join(f"(?:{p})" for p in merged("inflection")), re.IGNORECASE)
        if merged("inflection")
        else None,
    )
