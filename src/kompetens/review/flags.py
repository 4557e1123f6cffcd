"""Flags: wording in an ad that discriminates or deters, each with its span, category, explanation,
a neutral rewrite and its source. The patterns are language data (``lang/<code>/bias.json``)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..layout import Layout
from ..schema import DOCUMENTED
from .lexicon import ADULT_AGE, GUARD_WINDOW, BiasLexicon, GenderLexicon, Guard, NotAPerson
from .whose import age_gate

_WORD = re.compile(r"(?<![\w-])[^\W\d_]+(?:-[^\W\d_]+)*")
_NEXT_WORD = re.compile(r"[\s,;:]*([^\W\d_]+)")
_PREV_WORD = re.compile(r"([^\W\d_]+)[\s,;:]*$")


@dataclass(slots=True, frozen=True)
class Flag:
    """One flagged span ``text[start:end]``; ``rule`` names the lexicon entry that fired."""

    __pydantic_config__ = DOCUMENTED

    text: str
    start: int
    """Character offset into the review's ``text``, the ad's normalised plain text (``end`` exclusive)."""
    end: int
    category: str
    """age | gender | exclusion | experience | religion | disability | ethnicity | pregnancy |
    sexual_orientation | gender_identity (the last six: explicit demands, stop 37)"""
    explanation: str
    """Why the wording turns candidates away."""
    suggestion: str
    """A neutral rewrite."""
    source: str
    """The research or guidance behind the flag."""
    rule: str


GENDER_VERDICTS = (
    "strongly masculine-coded",
    "masculine-coded",
    "neutral",
    "feminine-coded",
    "strongly feminine-coded",
)
STRONGLY = 3
"""More coded words of one kind than of the other by over this many: "strongly" (gender-decoder's cut)."""


@dataclass(frozen=True, slots=True)
class GenderCoding:
    """The balance of the ad's gender-coded words (Gaucher, Friesen & Kay 2011): what deters is an ad whose
    wording leans one way, not each word; the flags name the words."""

    __pydantic_config__ = DOCUMENTED

    masculine: int = 0
    """Masculine-coded words flagged ("driven", "självständig")."""
    feminine: int = 0
    """Feminine-coded words flagged ("supportive", "engagerad")."""
    verdict: str = "neutral"
    """strongly masculine-coded | masculine-coded | neutral | feminine-coded | strongly feminine-coded."""


MASCULINE_RULE = "gender.masculine:"
FEMININE_RULE = "gender.feminine:"
"""Rule prefixes of the gender-coded words' flags (an explicit gender requirement is ``gender.explicit``)."""


GROUNDS_CHECKED: tuple[str, ...] = (
    "age",
    "sex",
    "pregnancy_parenthood",
    "ethnicity",
    "language",
    "religion",
    "disability",
    "sexual_orientation",
    "gender_identity",
    "years_of_experience",
)
"""What the wording checks cover (``Review.grounds_checked``): the grounds of Diskrimineringslagen (2008:567)
1 kap. 1 §, pregnancy and parenthood (föräldraledighetslagen 16 §), language and origin demands, and years of
experience. Ethnicity, religion, disability, sexual orientation, gender identity and pregnancy are checked for
explicit demands only ("Du måste ha svensk bakgrund"), not for coded wording; no flag is no clean bill beyond
that (stop 37, an equality officer's test)."""


def grounds_line(grounds: Sequence[str], words: Mapping[str, Any]) -> str:
    """The line that says what the wording checks cover, in the words of ``lang/<code>/review.json``
    (``grounds``, ``grounds_checked``): printed by the CLI and on the HTML report, flags or none."""
    names: Mapping[str, str] = words["grounds"]
    return str(words["grounds_checked"]).format(grounds=", ".join(names.get(g, g) for g in grounds))


LAWFUL_RULE = ":lawful"
"""Suffix of a flag's rule where the ad shows the demand is one the law sets ("svenskt medborgarskap krävs" for
a post placed in säkerhetsklass): the flag says so and is no biased wording (``Review.biased_flags``)."""


def is_coded_word(flag: Flag) -> bool:
    """Whether ``flag`` is a gender-coded word, whose weight is the ad's balance (``gender_coding``)."""
    return flag.rule.startswith((MASCULINE_RULE, FEMININE_RULE))


def gender_coding(flags: Sequence[Flag]) -> GenderCoding:
    """The verdict gender-decoder gives: feminine minus masculine words, 0 neutral, beyond 3 "strongly"."""
    masculine = sum(f.rule.startswith(MASCULINE_RULE) for f in flags)
    feminine = sum(f.rule.startswith(FEMININE_RULE) for f in flags)
    lean = feminine - masculine
    verdict = GENDER_VERDICTS[2 + (lean > 0) - (lean < 0) + (lean > STRONGLY) - (lean < -STRONGLY)]
    return GenderCoding(masculine, feminine, verdict)


def _sentence_bounds(text: str, layout: Layout, start: int, end: int) -> tuple[int, int]:
    """The unit holding ``start``, else its line (a title or heading)."""
    unit = layout.unit_at(start)
    if unit is not None:
        return unit.start, max(unit.end, end)
    line_end = text.find("\n", end)
    return text.rfind("\n", 0, start) + 1, len(text) if line_end < 0 else line_end


def _adult_age(span: str, words: re.Pattern[str] | None) -> bool:
    """Whether ``span`` gives an age (its least number) of ``ADULT_AGE`` or over, "i 25-årsåldern", "in his
    mid-20s", or in ``words``, "in his twenties"; not "i 10-årsåldern", nor a span without an age ("unga")."""
    ages = [int(n) for n in re.findall(r"\d+", span)]
    if ages:
        return min(ages) >= ADULT_AGE
    return words is not None and words.search(span) is not None


def guarded(
    text: str, layout: Layout, start: int, end: int, guard: Guard | None, *, clients: bool = True
) -> bool:
    """True when ``guard`` says the span is no flag: its sentence is neutral ("oavsett ålder"), or (unless
    ``clients`` is False) the words just before it show it describes clients ("barn och unga", "till en
    23-årig tjej", "Kunderna är i åldern 20-30 år"; a person named by sex alone, "killar i 13-årsåldern", only
    where the span gives no adult age), a client noun follows it ("younger pupils"), or a group of others has
    what it says ("ett team med hela karriären bakom sig")."""
    if guard is None:
        return False
    s_start, s_end = _sentence_bounds(text, layout, start, end)
    if guard.sentence is not None and guard.sentence.search(text, s_start, s_end):
        return True
    if not clients:
        return False
    lo = max(s_start, start - GUARD_WINDOW)
    window = text[lo:start]
    if (
        guard.before is not None
        and (seen := guard.before.search(window))
        and not _hired_after(window, seen, guard)
        and not _staffed_before(text, s_start, lo + seen.start(), guard)
    ):
        return True
    if (
        guard.sex is not None
        and guard.sex.search(window)
        and not _adult_age(text[start:end], guard.adult)
        and not (guard.hire is not None and guard.hire.search(window))
    ):
        return True
    if guard.after is not None and guard.after.match(text, end, s_end):
        return True
    if guard.owner is not None and guard.link is not None:
        m = guard.owner.search(window)
        if m and (m.group("link") or guard.link.match(text, start, end)):
            return True
    return False


def _hired_after(window: str, seen: re.Match[str], guard: Guard) -> bool:
    """Whether a hiring verb (``guard.hire``) follows the others' noun that ``seen`` found: their clause has
    ended and the employer's own begins, whose object the span is ("Vi har nöjda kunder och söker unga
    säljare", "en startup med unga grundare och söker kollegor i samma generation"; stop 49)."""
    return guard.hire is not None and guard.hire.search(window, seen.start() + 1) is not None


def _staffed_before(text: str, s_start: int, at: int, guard: Guard) -> bool:
    """Whether a verb that fills the team (``guard.staffed``) stands just before the others' words found at
    ``at``: "komplettera vår grupp med en senior person" names the hire, not a client (stop 49)."""
    return guard.staffed is not None and guard.staffed.search(text, s_start, at) is not None


def applicant_age(text: str, layout: Layout, start: int, end: int, rule: str) -> bool:
    """Whether the age flag ``rule`` at ``text[start:end]`` is about the applicant, the hire or the team the
    hire joins, as the learned gate reads its context (``whose``, stop 41); True for the rules it does not
    judge (a phrase that can only be the applicant's) and where no gate is shipped."""
    gate = age_gate()
    if gate is None or rule not in gate.rules:
        return True
    unit = layout.unit_at(start)
    s_start, s_end = _sentence_bounds(text, layout, start, end)
    title = layout.title_span
    in_title = unit is None or (title is not None and title[0] <= start < title[1])
    return gate.keep(
        text,
        s_start,
        s_end,
        start,
        end,
        section=unit.section if unit is not None else None,
        in_title=in_title,
        title=layout.title or "",
    )


def _language_at(at: int, lang: str, parts: Sequence[tuple[str, int, int]]) -> str:
    """The language the offset ``at`` sits in: its paragraph's where that is in another language, else
    the ad's."""
    return next((code for code, s, e in parts if s <= at < e), lang)


def _phrase_flags(
    text: str, lexicon: BiasLexicon, layout: Layout, parts: Sequence[tuple[str, int, int]] = ()
) -> Iterator[Flag]:
    """The phrase rules' flags, each explained in the language of the ad or of its paragraph in another
    language (``parts``: language, start, end): rules of every language run everywhere, "digital native"
    in an English paragraph of a Swedish ad among them."""
    low = layout.low
    for i, lines in lexicon.gates.lines(low).items():
        rule = lexicon.phrases[i]
        guard = lexicon.guards.get(rule.category)
        for m in (m for s, e in lines for m in rule.pattern.finditer(text, s, e)):
            unit = layout.unit_at(m.start())
            if unit is not None and (
                unit.section in rule.not_in or ("boilerplate" in rule.not_in and unit.boilerplate)
            ):
                continue
            if guarded(text, layout, m.start(), m.end(), guard, clients=rule.client_guard):
                continue
            if rule.category == "age" and not applicant_age(text, layout, m.start(), m.end(), rule.id):
                continue
            at_lang = _language_at(m.start(), lexicon.lang, parts)
            said = rule.text_in(at_lang)
            explanation, suggestion, source = said.explanation, said.suggestion, rule.source
            action = lexicon.positive_action
            if action is not None and rule.category == "gender" and rule.kind == "explicit":
                s_start, s_end = _sentence_bounds(text, layout, m.start(), m.end())
                if action.sentence.search(text, s_start, s_end):  # lawful positive action: said so
                    texts = action.texts.get(at_lang) or action.texts.get(lexicon.lang)
                    if texts is not None:
                        explanation, suggestion, source = texts
            rule_id = rule.id
            lawful = lexicon.lawful.get(rule.kind)
            if lawful is not None and lawful.sentence.search(text):  # a demand the law sets: said so
                texts = lawful.texts.get(at_lang) or lawful.texts.get(lexicon.lang)
                if texts is not None:
                    explanation, suggestion, source = texts
                    rule_id = rule.id + LAWFUL_RULE
            yield Flag(
                m.group(),
                m.start(),
                m.end(),
                rule.category,
                explanation,
                suggestion,
                source,
                rule_id,
            )


def _next_word(text: str, end: int) -> str:
    m = _NEXT_WORD.match(text, end)
    return m.group(1).lower() if m else ""


def _previous_word(text: str, start: int) -> str:
    m = _PREV_WORD.search(text, max(0, start - 40), start)
    return m.group(1).lower() if m else ""


def _gender_flags(
    text: str,
    gender: GenderLexicon,
    layout: Layout,
    *,
    within: Sequence[tuple[int, int]] | None = None,
    outside: Sequence[tuple[int, int]] = (),
) -> Iterator[Flag]:
    """The gender-coded words of ``gender``'s language: in the spans ``within`` (all the text when None),
    not in the spans ``outside`` (paragraphs in another language, read with that language's list)."""
    low = layout.low
    for at in gender.starts(low):
        if within is not None and not any(s <= at < e for s, e in within):
            continue
        if any(s <= at < e for s, e in outside):
            continue
        m = _WORD.match(low, at)  # None where ``at`` is inside a word (its look-behind)
        if m is None:
            continue
        rule = gender.flag_rule(m.group())
        if rule is None or _is_a_name(text, m.start(), m.end()):
            continue
        if rule.not_before and _next_word(text, m.end()) in rule.not_before:
            continue
        if rule.not_after and _previous_word(text, m.start()) in rule.not_after:
            continue
        if gender.not_a_person is not None and _not_a_person(text, m, gender.not_a_person):
            continue
        unit = layout.unit_at(m.start())
        if unit is not None and unit.boilerplate:
            continue
        yield Flag(
            text[m.start() : m.end()],
            m.start(),
            m.end(),
            gender.category,
            gender.explanation[rule.coding],
            gender.suggestion(rule, m.group(), _previous_word(text, m.start())),
            gender.source,
            f"gender.{rule.coding}:{rule.stem}",
        )


_FOLLOWING = re.compile(r"[ \t]*(,?)[ \t]*([^\W\d_]+(?:-[^\W\d_]+)*)")


def _following_words(text: str, end: int, n: int) -> list[str]:
    """Up to ``n`` words after ``end`` in the same clause (spaces and single commas between), lower case."""
    words: list[str] = []
    at = end
    while len(words) < n:
        m = _FOLLOWING.match(text, at)
        if m is None:
            break
        words.append(m.group(2).lower())
        at = m.end()
    return words


def _not_a_person(text: str, m: re.Match[str], guard: NotAPerson) -> bool:
    """Whether the coded word ``m`` (matched in lower case) describes no person sought: a word never a
    trait ("förstås"), a trait owned by someone named before it ("individens självständighet"), or an
    adjective whose head names a thing ("kraftfulla metoder", "känslig och tillförlitlig kemisk analys")."""
    word = m.group()
    if word in guard.words:
        return True
    previous = _previous_word(text, m.start())
    if guard.owned(previous):
        return True
    return guard.describes_a_thing(word, previous, _following_words(text, m.end(), guard.max_chain + 2))


_NAME_BEFORE = re.compile(r"(?<![\w-])[^\W\d_][\w-]*[ \t]+$")
_NAME_AFTER = re.compile(r"[ \t]+[^\W\d_]")


def _in_a_name(text: str, start: int, end: int) -> bool:
    """Whether the capitalised word ``text[start:end]`` is part of a name: a capitalised word stands right
    beside it, spaces alone between ("Microsoft Defender", "Intellectual Property"). A gender-coded stem in
    a product's or a field's name says nothing about the person sought."""
    if not text[start : start + 1].isupper():
        return False
    before = _NAME_BEFORE.search(text, max(0, start - 40), start)
    if before is not None and before.group()[:1].isupper():
        return True
    after = _NAME_AFTER.match(text, end)
    return after is not None and after.group()[-1:].isupper()


_WORD_BEFORE = re.compile(r"(\w+)[ \t]*\Z")
"""The word just before another, on the same line with spaces alone between."""


def _after_a_small_word(text: str, start: int) -> bool:
    """Whether the word at ``start`` follows a word in lower case or a number ("hos Logikfabriken", "on
    Trustpilot", "2017 är Logikfabriken"): it stands inside a sentence, not at its start or an item's ("-
    Driven", "Profil: Analytisk", after a full stop, a comma or an emoji), and the sentence is not written
    in capitals word by word ("Du Ska Vara Nyfiken")."""
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    return before is not None and not before.group(1)[:1].isupper()


def _named_elsewhere(text: str, word: str) -> bool:
    """Whether the ad writes ``word`` capitalised inside a sentence somewhere ("hos Logikfabriken"): then it
    is a name wherever it stands, at a sentence start or as a heading in capitals too."""
    for m in re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text, re.IGNORECASE):
        found = m.group()
        if found[:1].isupper() and not found.isupper() and _after_a_small_word(text, m.start()):
            return True
    return False


def _is_a_name(text: str, start: int, end: int) -> bool:
    """Whether the capitalised word ``text[start:end]`` is a name, of a company, a product or a field: a
    capitalised word stands beside it (``_in_a_name``); it is capitalised after a word in lower case, where
    Swedish and English capitalise names only ("reviews on Trustpilot"; a word in capitals is emphasis); or
    the ad writes it so elsewhere ("Logikfabriken är ett konsultbolag" after "hos Logikfabriken"). A
    gender-coded stem in a name says nothing about the person sought."""
    word = text[start:end]
    if not word[:1].isupper():
        return False
    if _in_a_name(text, start, end):
        return True
    if not word.isupper() and _after_a_small_word(text, start):
        return True
    return _named_elsewhere(text, word)


def _without_overlaps(flags: list[Flag]) -> list[Flag]:
    """Within a category the longest span wins ("ung och energisk" rather than "ung" inside it); flags of
    different categories may overlap: "söker en äldre herre" is an explicit gender requirement and age-coded
    wording both, and each is counted and explained (a highlighter shows the longer, the list both)."""
    kept: list[Flag] = []
    for f in sorted(flags, key=lambda f: (-(f.end - f.start), f.start)):
        if all(f.end <= k.start or f.start >= k.end or k.category != f.category for k in kept):
            kept.append(f)
    return sorted(kept, key=lambda f: (f.start, -(f.end - f.start)))


def find_flags(
    text: str,
    lexicon: BiasLexicon,
    layout: Layout,
    *,
    parts: Mapping[str, tuple[GenderLexicon, Sequence[tuple[int, int]]]] | None = None,
) -> list[Flag]:
    """All flags in ``text``, in text order, no two of a category overlapping. ``parts``: paragraphs written in
    another supported language (language -> its gender list and the spans), whose gender-coded words are
    read with that language's list ("engagement" in an English paragraph of a Swedish ad is not the Swedish
    "engagerad"). The phrase rules of every language apply everywhere, their flags explained in the
    language of the paragraph they sit in."""
    other = [span for _, spans in (parts or {}).values() for span in spans]
    in_other = [(code, s, e) for code, (_, spans) in (parts or {}).items() for s, e in spans]
    found = [
        *_phrase_flags(text, lexicon, layout, in_other),
        *_gender_flags(text, lexicon.gender, layout, outside=other),
    ]
    for gender, spans in (parts or {}).values():
        found += _gender_flags(text, gender, layout, within=spans)
    return _without_overlaps(found)
