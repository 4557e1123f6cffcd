"""Wording fit: how much of a job ad's distinctive wording a CV shares, as one part of the rank score.

The eight areas say how strong a candidate is in social-media work; they say little about whether a nurse's
CV fits a nurse's ad. On real ads read as CVs (``bench/rank_ads.py``) the area score ranks same-occupation
texts only a little better than chance, while the cosine of the two texts' word weights does far better. So a
role derived from an ad keeps the ad's distinctive words (``Role.wording``), each CV keeps its own
(``CandidateProfile.wording``, from the anonymised text), and the score gives the role's ``wording_share``
of its 100 points (``WORDING_SHARE``, or ``outside_share`` for an ad outside the field) to their cosine, full
at ``WORDING_FULL``.

A word's weight is ``(1 + ln tf) x (IDF_CEILING - zipf)``: wordfreq's frequency of the word in the text's
language stands in for a corpus's document frequency, so one CV can be scored alone and a common word
("och", "the", "erfarenhet") weighs little or nothing. Names, ages and the other personal data the anonymiser
removes never reach it. A CV and an ad in different languages (Swedish and English) are compared through
their English terms (``WordBridge``); without the linking index (``kompetens setup``) they are not, and the
score is then the areas' alone.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..lang import LANGUAGES, function_words, lang_data
from ..models import Profile

WORDING_SHARE = 0.4
"""Share of the rank score the wording fit brings, for a role derived from an ad that asks for social-media
competence. Chosen with the two below on the tune half of bench/rank_ads.py and on the demo ad's ranking
(docs/ranking.md)."""
WORDING_SHARE_NO_AREAS = 1.0
"""The share for a role derived from an ad outside the field that names no area at all: its areas part would
read the default role's social-media areas, which the ad does not ask for (a written set's warehouse ad put
a social-media manager first on them, stop 41), so the wording is the whole score."""
OUTSIDE_AREAS_PER_MENTION = 2.0
"""An ad outside the field that names areas gives its areas part this many times the part of its wording its
mentions hold (``outside_share``): the mentions' weight is measured on idf weights, where a tool's common name
("Excel", "SQL") weighs less than the trade's rare words, so twice it. Chosen on the pooled tune roles of
written sets 4-6 (1.75 to 2.25 within 0.003 there, stop 44 part two)."""
WORDING_SHARE_OUTSIDE_MIN = 0.3
"""The least wording share of a role derived from an ad that does not ask for social-media competence (the
review's ``requires_social_media``): the eight areas say little about a nurse's or an engineer's fit, so its
areas part never has more than 70 of the points. Until stop 44 part two such an ad gave the wording 70."""
WORDING_FULL = 0.2
"""The cosine at which the wording fit is full (1.0)."""
IDF_CEILING = 6.0
"""A word's weight is ``IDF_CEILING`` minus its Zipf frequency: words as common as "erfarenhet" or
"experience" (Zipf ~5) weigh little, "och" and "the" (over 6) nothing."""
TERMS_KEPT = 150
"""The heaviest words kept of a text (the vector is normalised over them). 300 ranked the proxy 0.003-0.005
NDCG@5 better and 10,000 profiles at twice the time (bench/rank.py)."""
SHARED_SHOWN = 8
WORD_CAP = 0.25
"""The most of the full fit one shared word may bring (``capped_cosine``): a user's test (h2, finding 6)
found one rare merit word ("Shopify", weight 0.6 in a short ad) worth all 40 wording points. Chosen on the
tune half of bench/rank_ads.py among 1 (no cap), 0.5, 0.34 and 0.25 (docs/ranking.md)."""
TITLE_SHARE = 0.25
"""The part of the wording fit that the ad's job title brings (``title_fit``): how much of the title's words
(by the ad's word weights) the CV's own job titles hold, the rest being the texts' shared words. A recruiter
reads the titles a candidate has held first: a pensions administrator shares a payroll ad's words, a payroll
officer holds its job. Chosen on the tune roles of written sets 1-6 (0.1 to 0.35; stop 45)."""
TITLE_SYNONYM_SHARE = 0.5
"""The part of a title word that a CV title holds through a synonym of the ad's title (``title_synonyms``:
"Gruppchef" for "Teamledare"), where it does not hold the word itself (``title_fit``)."""
WORDING_FULL_CROSS = 0.3
"""The cosine of two texts in different languages, compared in English (``WordBridge``), at which the fit
is full: chosen on the tune half of bench/rank_ads.py over 0.1-0.5 (docs/ranking.md)."""
COMPOUND_PART_SHARE = 0.5
"""The part of an untranslated compound's weight each of its two parts' English terms gets across languages
(``WordBridge.parts``): the word is one word, told by two terms (stop 49; set a priori, not tuned)."""

_WORD = re.compile(r"[^\W\d_]{2,}", re.UNICODE)

Zipf = Callable[[str, str], float]


def unmatched_text(profile: Profile, blank: Sequence[tuple[int, int]] = (), *, mentions: bool = True) -> str:
    """The profile's text with its mentions blanked out: the competence words the areas already score
    ("Instagram", "moderering") do not count a second time, so that naming the platforms, as a consumer
    may, earns no wording points; what is left is the occupation, the sector and the tasks. The ``blank``
    spans (start, end) go too; ``mentions`` False keeps the mentions (``mention_share``)."""
    text = profile.doc.text
    spans = [(m.start, m.end) for m in profile.mentions] if mentions else []
    if not spans and not blank:
        return text
    chars = list(text)
    for start, end in spans + list(blank):
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def job_text(profile: Profile, blank: Sequence[tuple[int, int]] = (), *, mentions: bool = True) -> str:
    """The ad's title and the sentences about the job (``unmatched_text``): boilerplate and the
    employer's, the offer's and the application's sections left out (another ad of the same employer shares
    those, a CV does not). ``blank``: spans of the ad's text left out too (the wording its review flags:
    ``Engine.role_from_ad``). ``mentions`` False keeps the mentions (``mention_share``)."""
    layout = profile.layout
    text = unmatched_text(profile, blank, mentions=mentions)
    if layout is None:
        return text
    parts = [layout.title or ""]
    parts += [text[u.start : u.end] for u in layout.units if u.about_the_job]
    return "\n".join(parts)


@dataclass(frozen=True, slots=True)
class _CvForm:
    """The words of a CV's form rather than its content, from every language's ``cv.json``."""

    headings: frozenset[str]
    """Section headings, personal-details headings, document titles and contact-field labels, lower case."""
    date_words: frozenset[str]
    """Month and season names and the words of an open or running date range ("present", "nu", "sedan")."""
    institutions: tuple[str, ...]
    """What a school's name ends in ("school", "universitetet")."""
    titled: re.Pattern[str]
    """A document title set off from the rest of its line by a dash, a colon or a bar, at the line's start or
    end ("Curriculum Vitae – " where the anonymiser took the name after it, "– CV"; not "CV-granskning")."""


@lru_cache(maxsize=1)
def _cv_form() -> _CvForm:
    data = [lang_data(code, "cv") for code in LANGUAGES]
    headings = {w for d in data for ws in d.get("sections", {}).values() for w in ws}
    headings |= {w for d in data for key in ("document_titles", "form_headings") for w in d.get(key, [])}
    for d in data:
        anon = d.get("anonymize", {})
        headings |= {w for key, ws in anon.items() if key.endswith(("_labels", "_headings")) for w in ws}
    date_words = {w for d in data for key in ("months", "seasons") for w in d.get(key, {})}
    date_words |= {
        t
        for d in data
        for key in ("present", "since_words", "open_ends")
        for phrase in d.get(key, [])
        for t in phrase.split()
    }
    titles = "|".join(
        re.escape(w)
        for w in sorted({w for d in data for w in d.get("document_titles", [])}, key=len, reverse=True)
    )
    return _CvForm(
        titled=re.compile(
            rf"^[\W\d_]*(?:{titles})(?:\s*[–—:|]|\s+-)|(?:[–—:|]|-\s)\s*(?:{titles})[\W\d_]*$", re.IGNORECASE
        ),
        headings=frozenset(h.lower() for h in headings),
        date_words=frozenset(w.lower() for w in date_words),
        institutions=tuple(sorted({w.lower() for d in data for w in d.get("institution_words", [])})),
    )


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_EDGES = re.compile(r"^[\W\d_]+|[\W\d_]+$")
_NAME_JOINERS = frozenset({"of", "i", "för", "for", "and", "och"})


def cv_form_spans(text: str) -> list[tuple[int, int]]:
    """Spans of a CV's text that are its form, not its content, left out of its wording (``build_candidate``):
    heading lines ("Utbildning", "KOMPETENSER", Europass's "PERSONAL INFORMATION"), date words on a line
    with a year ("2024 - present", "sedan augusti 2023") and schools' names ("High school", "Invented
    University of Reykjavik"). A bug hunt found each worth 0.5-1.6 points against an ad that happened to hold
    the same word in another sense ("present" for "presenterar", "High" for "siktar högt")."""
    form = _cv_form()
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        spans.extend((pos + start, pos + end) for start, end in _line_form(line, form))
        pos += len(line) + 1
    return spans


def _line_form(line: str, form: _CvForm) -> list[tuple[int, int]]:
    """A heading line (whatever marks, dashes or digits stand around it: "Curriculum Vitae –" when the
    anonymiser took the name after the dash), a document title set off at the line's start or end, date
    words on a line with a year and schools' names."""
    if " ".join(_EDGES.sub("", line).split()).lower() in form.headings:
        return [(0, len(line))]
    words = list(_WORD.finditer(line))
    spans = [m.span() for m in words if m.group().lower() in form.date_words] if _YEAR.search(line) else []
    spans += [m.span() for m in form.titled.finditer(line)]
    return spans + _school_names(line, words, form)


def _school_names(line: str, words: list[re.Match[str]], form: _CvForm) -> list[tuple[int, int]]:
    """The words of a school's name: a capitalised word ending in an institution word with the capitalised
    words right before it ("Påhittade universitetet", "High school"), and "of Reykjavik" after it. A
    lower-case institution word with no capitalised word before it is a word of the text."""
    spans: list[tuple[int, int]] = []
    for k, m in enumerate(words):
        if not m.group().lower().endswith(form.institutions):
            continue
        first = k
        while first > 0 and _capital(words[first - 1]) and _adjacent(line, words[first - 1], words[first]):
            first -= 1
        if first == k and not _capital(m):
            continue
        last = k
        while (
            last + 2 < len(words)
            and words[last + 1].group() in _NAME_JOINERS
            and _capital(words[last + 2])
            and _adjacent(line, words[last], words[last + 1])
            and _adjacent(line, words[last + 1], words[last + 2])
        ):
            last += 2
        spans.append((words[first].start(), words[last].end()))
    return spans


def _capital(word: re.Match[str]) -> bool:
    return word.group()[:1].isupper()


def _adjacent(line: str, left: re.Match[str], right: re.Match[str]) -> bool:
    """Whether only spaces part two words: "Communication, Invented University" is two names."""
    return not line[left.end() : right.start()].strip()


WORDING_SKIPPED_KEYS = (
    "language_words",
    "wording_stop",
    "wording_personal",
    "company_forms",
    "fiction_markers",
)
"""The lists of every language's ``cv.json`` whose words are never wording, whatever the text's language."""


@lru_cache(maxsize=8)
def skipped_words(lang: str | None = None) -> frozenset[str]:
    """The words never counted as wording: of every language's ``cv.json``, language names and
    mother-tongue words (``language_words``), the words nearly every job ad and CV holds and the light
    verbs (``wording_stop``: "erfarenhet", "experience", "team", "följer"), the words that code an age or
    tell family status (``wording_personal``: "young", "energetic", "nyexad", "mormor", "pregnant"),
    company-form suffixes (``company_forms``: "ab", "ltd") and the markers of made-up demo data (``fiction_markers``: "fiktiv");
    and the stop words (``stop_words``: "via", "varje") and function words (its ``detect.json``: "andra",
    "även") of ``lang``, of that language only: the English "it" is the Swedish "IT"."""
    words = {
        w for code in LANGUAGES for key in WORDING_SKIPPED_KEYS for w in lang_data(code, "cv").get(key, [])
    }
    words |= stop_words(lang)
    if lang is not None:
        words |= function_words(lang)
    return frozenset(words)


_FORM_TOKEN = re.compile(r"(?<![\w-])([^\W\d_]\w{0,4})\.?(?![\w-])", re.UNICODE)


@lru_cache(maxsize=1)
def _company_forms() -> frozenset[str]:
    return frozenset(cv_words("company_forms"))


def employer_words(text: str, employer: str | None = None, title: str | None = None) -> frozenset[str]:
    """The words of the employer's name, lower case: the capitalised words (up to three) just before a
    company form written with a capital ("Exempelsmycken AB", "Invented Care Ltd"), the words of
    ``employer`` (a JobTech ad's ``employer.name``) and, with the ad's ``title``, the employer it names after
    the role (``_title_employer``: "Sjuksköterska till Vårdcentralen Björkdalen"). They are no wording of the
    ad: a CV earns nothing for naming the company it applies to (a bug hunt, h2: "Jag vill gärna arbeta på
    Exempelsmycken" in a CV was worth all 40 wording points), and another ad of the same employer shares
    them by chance."""
    forms = _company_forms()
    words: set[str] = set()
    for m in _FORM_TOKEN.finditer(text):
        form = m.group(1)
        if form.lower() not in forms or form == form.lower():
            continue
        line = text[text.rfind("\n", 0, m.start()) + 1 : m.start()].split()
        # the capitalised words just before the form, read backwards until another word ("till", "på")
        for w in line[::-1][:3]:
            if not w[:1].isupper():
                break
            words.update(x.lower() for x in _WORD.findall(w))
    if employer:
        words.update(x.lower() for x in _WORD.findall(employer))
    if title:
        words.update(_title_employer(title, text))
    return frozenset(words)


_TITLE_EMPLOYER_WORDS = 4
_TITLE_TO = re.compile(r"\s(?:till|at)\s")


def _title_employer(title: str, text: str) -> set[str]:
    """The words of the employer an ad's title names after the role with "till" or "at" ("Legitimerad
    sjuksköterska till Vårdcentralen Björkdalen", "Nurse at Invented Clinic"): its first part after it, when
    that is up to four words all written with a capital, less the words the ad also writes in lower case
    ("Vårdcentralen" stays where the ad speaks of "vårdcentralen"). Without a company form ("AB", "Ltd") such
    a name stayed the ad's heaviest word (stop 42, part two: "Björkdalen" held a third of a nurse ad's
    English terms, which no CV in English shares). Not after a dash: a real ad's title names a ward or a
    specialty there as often ("Undersköterska – Ortopedi"), and the proxy lost 0.001 on both halves."""
    found = _TITLE_TO.search(title)
    if found is None:
        return set()
    parts = _TITLE_PARTS.split(title[found.end() :])
    tokens = _NAME_TOKEN.findall(parts[0]) if parts else []
    if not tokens or len(tokens) > _TITLE_EMPLOYER_WORDS or not all(t[:1].isupper() for t in tokens):
        return set()
    lower = {m.group() for m in _WORD.finditer(text) if m.group().islower()}
    return {w for t in tokens for w in _WORD.findall(t.lower()) if w not in lower}


@lru_cache(maxsize=1)
def _place_cues() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """Every language's words just before a place name (``place_cues``: "utanför", "nära"; "outside",
    "near"), the words that make "i"/"in" one (``place_heads``: "kontoret i", "ligger i"; "office in", "based
    in": a bare "in" is as often "experience in Python"), the nouns beside a place (``place_nouns``:
    "kommun", "region"; "municipality", "county") and the names after a cue that are no place (``months``,
    ``weekdays``: "near January", "from Monday")."""
    data = [lang_data(code, "cv") for code in LANGUAGES]
    cues = frozenset(w for d in data for w in d.get("place_cues", []))
    heads = frozenset(w for d in data for w in d.get("place_heads", []))
    nouns = frozenset(w for d in data for w in d.get("place_nouns", []))
    not_places = frozenset(w for d in data for key in ("months", "weekdays") for w in d.get(key, []))
    return cues, heads, nouns, not_places


_NAME_TOKEN = re.compile(r"[^\W\d_][\w\-]*", re.UNICODE)
_PLACE_NAME_WORDS = 3
_PLACE_PREPOSITIONS = frozenset({"i", "in"})


def _proper(token: str) -> bool:
    """A name's word: a capital and then lower case ("Lerby", "Ängsby"); an acronym ("WMS", "HR") is no place."""
    return token[:1].isupper() and not token.isupper()


_TITLE_EMPLOYER = re.compile(r"\s[–—-]\s|\s(?:till|at)\s")
_TITLE_PARTS = re.compile(r",\s|\s[–—-]\s")
_TITLE_BRACKET = re.compile(r"\(([^()]*)\)?")
_TITLE_BRACKET_PARTS = re.compile(r"[,;/]\s*")


def _title_places(title: str) -> set[str]:
    """The place an ad's title names after its employer: "Kontorssamordnare till Strandberg & Co, Sjöstaden",
    "Innehållsproducent till Nordvik Resor – Kustvik": after the role ("till", "at" or a dash) the employer
    comes first, and a further part of capitalised words only (after a comma or a dash) is the place."""
    found = _TITLE_EMPLOYER.search(title)
    if found is None:
        return set()
    words: set[str] = set()
    tail = title[found.end() :]
    # a bracket after the employer holds the job's terms, and often its place: "Community Manager – Invented
    # Games (Exempelstad, hybrid)", "Invented Agency, Påhittby (hybrid)": its parts are read as parts of
    # their own, and the text around it without it
    inner = [p for b in _TITLE_BRACKET.findall(tail) for p in _TITLE_BRACKET_PARTS.split(b)]
    outer = _TITLE_PARTS.split(_TITLE_BRACKET.sub(" ", tail))[1:]
    for part in outer + inner:
        tokens = _NAME_TOKEN.findall(part)
        if tokens and len(tokens) <= _PLACE_NAME_WORDS and all(_proper(t) for t in tokens):
            words.update(t.lower() for t in tokens)
    return words


def place_words(text: str, title: str | None = None) -> frozenset[str]:
    """The words of the place names an ad holds, lower case: the capitalised words (up to three) just after a
    place cue ("i Lerby", "kommunhuset i Ängsby", "outside Harlow Vale") or beside a place noun ("Ängsby
    kommun", "Region Norrby", "Westmarch Council"). Where the job is, or where a candidate lives or worked, is
    no competence: a CV that names the ad's town earned up to a quarter of the full wording fit for it (stop
    42; the written sets' towns were the heaviest words of half their ads). Months and weekdays after a cue
    ("in January", "from Monday") are no places; the English pronoun "I" is no cue. A tool after a cue ("i
    Excel") is a mention the wording blanks anyway. With the ad's ``title``, the place it names after the
    employer too (``_title_places``)."""
    cues, heads, nouns, not_places = _place_cues()
    words: set[str] = _title_places(title) if title else set()
    for line in text.splitlines():
        tokens = list(_NAME_TOKEN.finditer(line))
        for i, m in enumerate(tokens):
            low = m.group().lower()
            if low in cues or (
                low in _PLACE_PREPOSITIONS
                and m.group() != "I"
                and i > 0
                and tokens[i - 1].group().lower() in heads
            ):
                sides = [tokens[i + 1 : i + 1 + _PLACE_NAME_WORDS]]
            elif low in nouns:
                sides = [
                    tokens[i + 1 : i + 1 + _PLACE_NAME_WORDS],
                    tokens[max(0, i - _PLACE_NAME_WORDS) : i][::-1],
                ]
            else:
                continue
            for side in sides:
                last = m
                for nxt in side:
                    word = nxt.group()
                    gap = (
                        line[last.end() : nxt.start()]
                        if nxt.start() > last.end()
                        else line[nxt.end() : last.start()]
                    )
                    if (
                        gap.strip()
                        or not _proper(word)
                        or word.lower() in not_places
                        or word.lower() in nouns
                    ):
                        break
                    words.add(word.lower())
                    last = nxt
    return frozenset(words)


_BYLINE_SEPARATOR = re.compile(r"\s[-–—|·•]\s")
_BYLINE_MAX_WORDS = 14
_BYLINE_NAME_WORDS = 5
_BYLINE_ENDS = ".!?:;"


def ad_byline(profile: Profile) -> tuple[int, int] | None:
    """The span of an ad's byline: the line right under its title that says who hires, where and on what
    terms ("Harbourline Logistics Group - Felixstowe or remote (UK)", "Exempelbolaget AB – Lerby, heltid,
    tillsvidare"), as job boards and pasted ads set it. A short line (``_BYLINE_MAX_WORDS`` words at most)
    that ends no sentence and opens with a name of up to ``_BYLINE_NAME_WORDS`` words, each written with a
    capital, before a dash, a bar or a dot, none of them a word of the title (a line that says the title
    again is no byline). It is no job text, as the offer's and the employer's sections are
    not (``job_text``): in a fourth written set, in the style of scraped real ads, the employer's name was the
    heaviest word of three ads of four, and a CV that lived in the ad's town shared the place. None when the
    layout read no title, or the next line is no such line."""
    layout = profile.layout
    if layout is None or layout.title_span is None:
        return None
    text = profile.doc.text
    start = text.find("\n", layout.title_span[1])
    if start < 0:
        return None
    while start < len(text) and text[start].isspace():
        start += 1
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    line = text[start:end].rstrip()
    found = _BYLINE_SEPARATOR.search(line)
    if not line or found is None or line[-1] in _BYLINE_ENDS or len(line.split()) > _BYLINE_MAX_WORDS:
        return None
    name = line[: found.start()].split()
    if not 0 < len(name) <= _BYLINE_NAME_WORDS or not all(w[:1].isupper() or w == "&" for w in name):
        return None
    title = {w.lower() for w in _WORD.findall(text[layout.title_span[0] : layout.title_span[1]])}
    if title & {w.lower() for w in _WORD.findall(line[: found.start()])}:
        return None  # the title said again ("AI Engineer - Stockholm" under "AI Engineer"): no employer
    return start, start + len(line)


def byline_names(text: str, span: tuple[int, int] | None) -> frozenset[str]:
    """The words, lower case, of the employer and the places an ad's byline (``ad_byline``) names: its
    words written with a capital, less those the ad also writes in lower case ("Logistics" of "Harbourline
    Logistics Group" stays where the ad speaks of "logistics"). They leave the ad's wording wherever they
    stand, as the employer's name before a company form does (``employer_words``)."""
    if span is None:
        return frozenset()
    lower = {m.group() for m in _WORD.finditer(text) if m.group().islower()}
    return frozenset(
        w.lower()
        for w in _WORD.findall(text[span[0] : span[1]])
        if w[:1].isupper() and w.lower() not in lower
    )


_SENTENCE_START = re.compile(r"(?:^|[.!?:;•·\-–—(\"]\s*|\n\s*)$")


def name_words(text: str) -> frozenset[str]:
    """The words, lower case, that ``text`` writes with a capital everywhere and at least once inside a
    sentence: names ("Visma", "Skatteverket", "Hogia"), as a Swedish text writes no other word so (stop 42).
    A word also written in lower case, or only ever at a line's or a sentence's start, is none."""
    capital: set[str] = set()
    lower: set[str] = set()
    for m in _WORD.finditer(text):
        word = m.group()
        key = word.lower()
        if not word[0].isupper():
            lower.add(key)
        elif not _SENTENCE_START.search(text[max(0, m.start() - 3) : m.start()]):
            capital.add(key)
    return frozenset(capital - lower)


def without(weights: Mapping[str, float], words: frozenset[str]) -> dict[str, float]:
    """``weights`` less ``words``, of unit length again (the same dict's values when none is there)."""
    if words.isdisjoint(weights):
        return dict(weights)
    return unit({w: v for w, v in weights.items() if w not in words})


def stop_words(lang: str | None) -> frozenset[str]:
    """The stop words of ``lang`` (its ``stopwords.json``: "via", "varje", "samt"; "every", "per"), of that
    language only, as its function words are: the English "it" and "by" are the Swedish "IT" and "by" (a
    blind test's finding 11: "via" and "varje" earned shared-wording points)."""
    return (
        frozenset(w.lower() for w in lang_data(lang, "stopwords").get("words", [])) if lang else frozenset()
    )


def term_vector(text: str, lang: str, zipf: Zipf) -> dict[str, float]:
    """The text's distinctive words with unit-length weights: lower-cased words of two or more letters,
    ``(1 + ln tf) x max(0, IDF_CEILING - zipf(word, lang))``, the ``TERMS_KEPT`` heaviest. The words of
    ``skipped_words`` are left out: language names and mother-tongue words (languages are never scored,
    and a mother tongue can hint at origin), the words every job ad and CV holds, light verbs, company
    forms ("AB"), fiction markers ("fiktiv") and the language's function words: none says anything of a
    fit, and an explanation that lists them as shared wording misleads (a bug hunt's F1, stop 34)."""
    weights = term_weights(text, lang, zipf)
    if len(weights) > TERMS_KEPT:
        weights = dict(sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:TERMS_KEPT])
    return unit(weights)


def term_weights(text: str, lang: str, zipf: Zipf) -> dict[str, float]:
    """``term_vector``'s weights before it keeps the heaviest and makes them unit length."""
    weights: dict[str, float] = {}
    skip = skipped_words(lang)
    for word, tf in word_counts(text).items():
        if word in skip:
            continue
        idf = IDF_CEILING - zipf(word, lang)
        if idf > 0.0:
            weights[word] = (1.0 + math.log(tf)) * idf
    return weights


_TITLE_HEAD_END = re.compile(r"[(|]")
_TITLE_ACRONYM = re.compile(r"\s*([A-Z]{2,6})\)")


@lru_cache(maxsize=16)
def cv_words(key: str) -> tuple[str, ...]:
    """Every language's words under ``key`` of ``lang/<code>/cv.json``, once each and sorted: for text whose
    language is not asked (an ad's title, a CV's job title), so the lists are read together."""
    return tuple(sorted({w for code in LANGUAGES for w in lang_data(code, "cv").get(key, [])}))


_NEVER = r"(?!x)x"
"""A pattern that never matches: what ``cv_words_pattern`` gives a key that no language has."""


@lru_cache(maxsize=16)
def cv_words_pattern(
    key: str, before: str = r"\s", after: str = r"\s", *, phrases: bool = False
) -> re.Pattern[str]:
    """``cv_words(key)`` as one pattern, each word between the patterns ``before`` and ``after``. With
    ``phrases`` the words are phrases of a title read as a recruiter writes them: longest first (so "is
    looking for" is found whole), any run of white space between their words, case ignored."""
    words = cv_words(key)
    if not words:
        return re.compile(_NEVER)
    if phrases:
        alts = "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(words, key=len, reverse=True))
        return re.compile(f"{before}(?:{alts}){after}", re.IGNORECASE)
    return re.compile(before + "(?:" + "|".join(map(re.escape, words)) + ")" + after)


def _title_duty() -> re.Pattern[str]:
    """Every language's words that add a duty to the job a title names (``title_duty_words`` of
    ``lang/<code>/cv.json``: "with", "med"), as a pattern that splits a title there."""
    return cv_words_pattern("title_duty_words")


def title_duty_at(title: str) -> int | None:
    """The offset in an ad's title of the word that adds a duty to its job (``title_duty_words``, after a space
    or a bracket: "Kommunikatör med ansvar för PR", "Library Assistant (with social media)"), or None."""
    found = _title_duty_open().search(title)
    return found.start() + 1 if found else None


def _title_duty_open() -> re.Pattern[str]:
    return cv_words_pattern("title_duty_words", r"[\s(]")


def _title_hire() -> re.Pattern[str]:
    """Every language's verbs after which an ad's title names its job, the employer before them
    (``title_hire_words`` of ``lang/<code>/cv.json``: "söker", "is hiring"), as a pattern that finds the
    first, case ignored."""
    return cv_words_pattern("title_hire_words", r"(?<!\w)", r"(?!\w)", phrases=True)


@lru_cache(maxsize=256)
def _title_head(title: str) -> tuple[tuple[str, ...], str | None]:
    """The lower-cased words of the part of an ad's title that names the job: after a verb of hiring and the
    employer before it (``title_hire_words``: "Invented kommun söker webbredaktör", "Vi söker en
    projektledare"), before "till" or "at" and the
    employer, a word that adds a duty to the job (``title_duty_words``: "Library Assistant with social
    media", "Kommunikatör med ansvar för PR"), a dash, a comma or a bracket ("Payroll Specialist (full-time,
    hybrid)": payroll, specialist);
    and the short form a bracket gives it when its capitals are the initials of the words before ("Sales
    Development Representative (SDR)": sdr, as a CV writes "Senior SDR"), else None."""
    hired = _title_hire().search(title)
    if hired is not None and _WORD.search(title, hired.end()):
        title = title[hired.end() :]
    head = _TITLE_TO.split(title, maxsplit=1)[0]
    head = _title_duty().split(head, maxsplit=1)[0]
    head = _TITLE_PARTS.split(head, maxsplit=1)[0]
    head, *rest = _TITLE_HEAD_END.split(head, maxsplit=1)
    words = _WORD.findall(head.lower())
    found = _TITLE_ACRONYM.match(rest[0]) if rest else None
    short = found[1].lower() if found else None
    if short and [w[0] for w in words[-len(short) :]] != list(short):
        short = None
    return tuple(dict.fromkeys(words)), short


def title_words(title: str, weights: Mapping[str, float]) -> dict[str, float]:
    """The words of an ad's job title (``_title_head``) that its wording weighs, with those weights: a title
    word the wording leaves out (a stop word, a name, a mention's word) is not read."""
    return {w: weights[w] for w in _title_head(title)[0] if w in weights}


def title_short_form(title: str) -> str | None:
    """The short form an ad's title gives its job in a bracket ("SDR"), lower-cased (``_title_head``)."""
    return _title_head(title)[1]


@lru_cache(maxsize=8)
def _compound_heads(lang: str | None) -> tuple[int, int] | None:
    """(head_min, modifier_min) of ``title_compound_heads`` in ``lang``'s ``cv.json``: a language that closes
    its compounds (Swedish "webbredaktör"); None for one that does not."""
    if lang not in LANGUAGES:
        return None
    found = lang_data(lang, "cv").get("title_compound_heads")
    return (int(found["head_min"]), int(found["modifier_min"])) if found else None


@lru_cache(maxsize=1)
def _title_synonyms() -> tuple[tuple[str, ...], ...]:
    """Every language's groups of job titles that name the same job in other words (``title_synonyms`` of
    ``lang/<code>/cv.json``: "teamledare", "gruppchef", "arbetsledare"; "team leader", "supervisor"),
    lower-cased."""
    return tuple(
        tuple(dict.fromkeys(p.lower() for p in group))
        for code in LANGUAGES
        for group in lang_data(code, "cv").get("title_synonyms", [])
    )


def _synonym_words(title: str, words: Mapping[str, float]) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """Per synonym group one of whose titles the ad's ``title`` names (its words in a row, in the part that
    names the job: ``_title_head``), the words of it that the title part weighs (``words``: "leader" of
    "Team Leader", "team" being no wording) and the group's other titles."""
    head = " " + " ".join(_title_head(title)[0]) + " "
    found = []
    for group in _title_synonyms():
        for phrase in group:
            parts = tuple(_WORD.findall(phrase))
            weighed = tuple(w for w in parts if w in words)
            if weighed and f" {' '.join(parts)} " in head:
                found.append((weighed, tuple(p for p in group if p != phrase)))
    return found


def title_fit(
    words: Mapping[str, float],
    titles: Iterable[str],
    short: str | None = None,
    lang: str | None = None,
    title: str | None = None,
) -> float | None:
    """0..1: the part of an ad's title ``words`` (``title_words``) that the CV's job ``titles`` hold, by
    weight, a title that holds the job's ``short`` form (``title_short_form``) holding them all; None when
    the ad's title has no weighed word or the CV names no job title (a CV whose jobs the timeline does not
    read is not held to it). In a language that closes its compounds (``lang``'s ``title_compound_heads``)
    a compound whose head (its last part) is the word holds it: a "Webbredaktör" is a "redaktör", a
    "Redaktörsassistent" is not. A CV title that holds a synonym of the ad's ``title`` (``title_synonyms``)
    holds ``TITLE_SYNONYM_SHARE`` of that title's words: a "Gruppchef kundcenter" is a "Teamledare", a "Shift Supervisor" a "Team Leader".
    A generic role noun of the ad's title (``title_role_nouns`` of ``lang/<code>/cv.json``: "specialist",
    "coordinator", "handläggare") is held only by a CV title that holds one of the title's other words too,
    where the title has any: the noun names a level of work in any trade, the words beside it name the job,
    so a "PPC Specialist" holds nothing of "SEO Specialist" and a "Marketing Manager" nothing of "Community
    Manager"."""
    total = math.fsum(words.values())
    if total <= 0.0:
        return None
    heads = _compound_heads(lang)
    synonyms = _synonym_words(title, words) if title else []
    roles = set(words) & set(cv_words("title_role_nouns"))
    domain = set(words) - roles
    named = False
    held: set[str] = set()
    by_synonym: set[str] = set()
    for t in titles:
        low = t.lower()
        if not named and not _WORD.search(low):
            continue
        named = True
        if short and _holds(low, short):
            return 1.0
        here = {w for w in words if _holds(low, w) or (heads and _heads(low, w, *heads))}
        if domain and not here & domain:
            here -= roles  # "PPC Specialist" for "SEO Specialist": a role noun alone names no job
        held |= here
        for parts, others in synonyms:
            if any(_holds(low, o) or (heads and _heads(low, o, *heads)) for o in others):
                by_synonym.update(parts)
    if not named:
        return None
    return (
        math.fsum(words[w] for w in held)
        + TITLE_SYNONYM_SHARE * math.fsum(words[w] for w in by_synonym - held)
    ) / total


def _holds(text: str, word: str) -> bool:
    """Whether lower-cased ``text`` holds ``word`` as a whole word (no letter on either side), as ``_WORD``
    reads it, without a regex: most job titles share no word with the ad's."""
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or not text[at - 1].isalpha()) and (end == len(text) or not text[end].isalpha()):
            return True
        at = text.find(word, at + 1)
    return False


def _heads(text: str, word: str, head_min: int, modifier_min: int) -> bool:
    """Whether lower-cased ``text`` holds a closed compound whose head (its end, a letter before it) is
    ``word``, of ``head_min`` letters or more, after ``modifier_min`` letters or more of its own word."""
    if len(word) < head_min:
        return False
    at = text.find(word, 1)
    while at >= 0:
        end = at + len(word)
        if (end == len(text) or not text[end].isalpha()) and text[at - 1].isalpha():
            first = at
            while first > 0 and text[first - 1].isalpha():
                first -= 1
            if at - first >= modifier_min:
                return True
        at = text.find(word, at + 1)
    return False


def mention_share(with_mentions: Mapping[str, float], without_mentions: Mapping[str, float]) -> float:
    """0..1: how much of an ad's distinctive wording its mentions hold, the competence words the areas
    read and the wording leaves out (``unmatched_text``): one less the squared weight left once they are
    blanked over the squared weight with them (``term_weights`` of the ad's job text both ways). An ad
    outside the field gives its areas part this much more of the score (``outside_share``, stop 44)."""
    total = math.fsum(v * v for v in with_mentions.values())
    if total <= 0.0:
        return 0.0
    return min(1.0, max(0.0, 1.0 - math.fsum(v * v for v in without_mentions.values()) / total))


def outside_share(mentions: float) -> float:
    """The wording's share of an ad outside the field that names areas: one less ``OUTSIDE_AREAS_PER_MENTION``
    times the part of its wording the ad's mentions hold (``mention_share``), which its areas part reads
    instead; at least ``WORDING_SHARE_OUTSIDE_MIN``. A recruiter reads an ad outside the field on its own
    words, and its areas only as far as its skill words go: a payroll ad whose one "Excel" and "queries" hold
    3 % of its wording gives the areas 6 points, not 30 for a customer-service and data level its CVs show
    from other trades; a data analyst's ad whose SQL, Power BI and Excel hold a third gives them 64 (written
    sets, stop 44; before part two the areas kept 30 points plus 70 % of the mentions' part)."""
    return max(WORDING_SHARE_OUTSIDE_MIN, 1.0 - OUTSIDE_AREAS_PER_MENTION * min(1.0, max(0.0, mentions)))


def word_counts(text: str) -> Counter[str]:
    """How often each lower-cased word of two or more letters stands in ``text``: what ``term_vector``
    weighs."""
    return Counter(_WORD.findall(text.lower()))


def words_at(text: str) -> Iterator[tuple[str, int]]:
    """Each word ``word_counts`` counts, lower-cased, with its offset in ``text``."""
    for m in _WORD.finditer(text):
        yield m.group().lower(), m.start()


def term_counts(text: str, words: Mapping[str, float]) -> dict[str, int]:
    """How often each of ``words`` (the ``term_vector`` of ``text``) stands in ``text``: what
    ``without_sentences`` takes a copied sentence's words from (``CandidateProfile.wording_tf``)."""
    counts = word_counts(text)
    return {w: counts[w] for w in sorted(words)}


def cosine(role_words: Mapping[str, float], cand_words: Mapping[str, float]) -> float:
    """The two unit vectors' dot product, correctly rounded (``math.fsum``): the same float whichever
    order the words come in, so ``score()`` and ``rank()`` agree to the bit."""
    both = role_words.keys() & cand_words.keys()  # a set intersection in C: most words are not shared
    return math.fsum([role_words[w] * cand_words[w] for w in both])


def capped_cosine(role_words: Mapping[str, float], cand_words: Mapping[str, float], full: float) -> float:
    """``cosine``, with each shared word's product capped at ``WORD_CAP`` x ``full``: no single word fills
    the wording share, a fit needs several of the ad's words."""
    cap = WORD_CAP * full
    both = role_words.keys() & cand_words.keys()
    return math.fsum([min(cap, role_words[w] * cand_words[w]) for w in both])


def shown_share(
    role_words: Mapping[str, float], cand_words: Mapping[str, float], full: float, places: Mapping[str, float]
) -> float:
    """0..1: how much of the shared wording (``capped_cosine``'s products) the CV shows in its work: each
    shared word's product counts by the place the CV shows it best (``places``: a word missing from it stands
    in a job's text, 1; a summary's or profile's 0.5, an education's 0.6, a skills list's 0.2, as the areas'
    evidence counts). 1 when nothing is shared or every shared word stands in a job. A CV that restates the
    ad's duties in its profile while its jobs show none of them (a written set's trap, stop 41) keeps half
    of the fit those words bring."""
    capped, shown = capped_and_shown(role_words, cand_words, full, places)
    return shown / capped if capped > 0.0 else 1.0


def capped_and_shown(
    role_words: Mapping[str, float], cand_words: Mapping[str, float], full: float, places: Mapping[str, float]
) -> tuple[float, float]:
    """``capped_cosine`` (the same float) and the same sum with each product weighed by ``places``
    (``shown_share``), in one pass over the shared words."""
    cap = WORD_CAP * full
    both = role_words.keys() & cand_words.keys()
    products = [min(cap, role_words[w] * cand_words[w]) for w in both]
    if not places:
        total = math.fsum(products)
        return total, total
    return math.fsum(products), math.fsum(
        [p * places.get(w, 1.0) for p, w in zip(products, both, strict=True)]
    )


COPY_MIN_WORDS = 6
"""A sentence of fewer words is no evidence of copying ("Ansök senast 31 januari")."""
COPY_SENTENCES = 3
COPY_SHARE = 0.25
"""A CV that holds ``COPY_SENTENCES`` of the ad's job sentences word for word, or ``COPY_SHARE`` of them (two
at least), gets a warning on its rank item: a user's test (h2, finding 14) found a consumer's CV with the
whole ad pasted in ranked next to the best candidate, with no word of it."""
_SENTENCE = re.compile(r"[^.!?\n]+")


def _long_sentences(text: str) -> Iterator[list[str]]:
    """The lower-cased words of each sentence or line of ``text`` with ``COPY_MIN_WORDS`` words or more."""
    for m in _SENTENCE.finditer(text):
        words = _WORD.findall(m.group().lower())
        if len(words) >= COPY_MIN_WORDS:
            yield words


def _sentence_key(words: Sequence[str]) -> str:
    return hashlib.blake2b(" ".join(words).encode(), digest_size=6).hexdigest()


def word_key(word: str) -> str:
    """A short hash of a lower-cased word: how a role names the words of its ad's sentences
    (``ad_sentence_words``) without keeping their text."""
    return hashlib.blake2b(word.encode(), digest_size=4).hexdigest()


def sentence_keys(text: str) -> tuple[str, ...]:
    """Short hashes of the text's sentences and lines of ``COPY_MIN_WORDS`` words or more, their words
    lower-cased: what ``copied`` compares. Hashes, so that a stored profile or role keeps no text."""
    return tuple(sorted({_sentence_key(words) for words in _long_sentences(text)}))


def _ad_job_text(profile: Profile) -> str:
    """The ad's title and sentences about the job, as written (no mention blanked)."""
    layout = profile.layout
    text = profile.doc.text
    if layout is None:
        return text
    parts = [layout.title or ""] + [text[u.start : u.end] for u in layout.units if u.about_the_job]
    return "\n".join(parts)


def ad_sentence_words(profile: Profile) -> dict[str, dict[str, int]]:
    """For each of the ad's title and sentences about the job (as written, no mention blanked) of
    ``COPY_MIN_WORDS`` words or more, by its hash (as ``sentence_keys`` makes it; the keys are the role's
    ``ad_sentences``), its words' hashes (``word_key``) and how often each stands in the sentence: what a CV
    that holds the sentence word for word has its wording fit computed without (``without_sentences``).
    Hashes, no text."""
    out: dict[str, dict[str, int]] = {}
    for words in _long_sentences(_ad_job_text(profile)):
        out.setdefault(_sentence_key(words), dict(sorted(Counter(word_key(w) for w in words).items())))
    return dict(sorted(out.items()))


def without_sentences(
    words: Mapping[str, float], counts: Mapping[str, int], sentences: Sequence[Mapping[str, int]]
) -> dict[str, float]:
    """A CV's ``words`` (its ``term_vector``, ``counts`` its ``term_counts``) as they are without the
    ``sentences`` it holds of an ad's (``ad_sentence_words``): each word's count less its count in them,
    weighed again (``(1 + ln tf)``, its own idf kept), gone where none is left, of unit length again. A CV
    that pastes the ad's sentences earns nothing for them (a user's test, h2 finding 14)."""
    minus: Counter[str] = Counter()
    for sentence in sentences:
        minus.update(sentence)
    out: dict[str, float] = {}
    for word, weight in words.items():
        n = counts.get(word, 0)
        k = minus.get(word_key(word), 0) if n else 0
        if not k:
            out[word] = weight
        elif n > k:
            out[word] = weight * (1.0 + math.log(n - k)) / (1.0 + math.log(n))
    return unit(out)


def copied(ad_keys: Sequence[str], cv_keys: Sequence[str]) -> int:
    """How many of the ad's job sentences the CV holds word for word when that is enough for a warning
    (``COPY_SENTENCES``, or ``COPY_SHARE`` of them and two at least), else 0."""
    n = len(set(ad_keys) & set(cv_keys))
    if n >= COPY_SENTENCES or (n >= 2 and n >= COPY_SHARE * len(ad_keys)):
        return n
    return 0


def fit(cos: float, full: float | None = None) -> float:
    """0..1: the cosine over ``full`` (``WORDING_FULL``), capped."""
    return min(1.0, max(0.0, cos) / (WORDING_FULL if full is None else full))


def unit(weights: Mapping[str, float]) -> dict[str, float]:
    norm = math.sqrt(math.fsum(v * v for v in weights.values()))
    return {w: round(v / norm, 6) for w, v in sorted(weights.items())} if norm else {}


@dataclass(frozen=True, slots=True)
class WordBridge:
    """A text's words as English terms, so that a CV and an ad in different languages can be compared.

    English words become their lemmas; a Swedish word's lemma becomes its best English term from the
    Swedish glossary (``lang/sv/glossary.json``), else from the translation table the linker learnt from
    the taxonomy's parallel labels (``link/translate.py``). A word with neither stays as it is where
    ``as_is`` says so (an English word or a name in a Swedish text); other words are left out. Two bridged
    vectors are compared with their own full fit (``WORDING_FULL_CROSS``)."""

    lemmas: Callable[[Sequence[str], str], list[str]]
    """The linker's lemmas of words in a language."""
    english: Callable[[str, str], tuple[str, float] | None]
    """(lemma, language) -> its best English term with a weight in (0, 1], or None."""
    as_is: Callable[[str, str], bool] = lambda word, lang: False
    """(word, language) -> whether a word without a translation is taken as it is: an English word or a
    name in a Swedish text ("engineer", "Azure", "Kubernetes") reads the same in an English CV."""
    parts: Callable[[str, str], tuple[tuple[str, float], tuple[str, float]] | None] = lambda word, lang: None
    """(word, language) -> the English terms of a compound's modifier and head, each with its weight, for a
    word without a translation that English does not know ("förskollärarlegitimation", "frånvarouppföljning":
    no list holds every Swedish compound); None where it does not split into translated parts (stop 49)."""

    def bridge(
        self, words: Mapping[str, float], lang: str, names: frozenset[str] = frozenset()
    ) -> dict[str, float]:
        """``words`` (a ``term_vector``) as a unit vector of English terms; empty when none translates. An
        English term that is one of English's ``skipped_words`` is left out, as it is of an English text
        (a bug hunt: "handle", "run" and "write" from "hantera", "ran" and "skriva" were shared wording).
        ``names`` (``name_words`` of the text) stay as they are without a translation: a system's, an
        authority's or a firm's name reads the same in a CV in English ("Visma", "Skatteverket")."""
        out: dict[str, float] = {}
        for word, term, weight in self._terms(words, lang, names):
            out[term] = out.get(term, 0.0) + words[word] * weight
        return unit(out)

    def places(
        self,
        words: Mapping[str, float],
        lang: str,
        places: Mapping[str, float],
        names: frozenset[str] = frozenset(),
    ) -> dict[str, float]:
        """``places`` (a word -> the where-weight of the best place a CV shows it, ``shown_share``) for the
        English terms ``bridge`` makes of ``words``: a term stands where the best of its words stands."""
        if not places:
            return {}
        best: dict[str, float] = {}
        for word, term, _ in self._terms(words, lang, names):
            best[term] = max(best.get(term, 0.0), places.get(word, 1.0))
        return {t: f for t, f in sorted(best.items()) if f < 1.0}

    def _terms(
        self, words: Mapping[str, float], lang: str, names: frozenset[str] = frozenset()
    ) -> Iterator[tuple[str, str, float]]:
        """Each of ``words`` that has an English term, with the term and its weight."""
        keys = list(words)
        en_lemmas: list[str] | None = None
        skip = skipped_words("en")  # "ran" -> "run", "hantera" -> "handle": light verbs in English too
        for k, (word, lemma) in enumerate(zip(keys, self.lemmas(keys, lang), strict=True)):
            found = (lemma, 1.0) if lang == "en" else self.english(lemma, lang)
            if found is None and word not in names:
                split = self.parts(word, lang)
                if split is not None:  # a compound no list holds: half its weight to each part's term
                    for term, weight in split:
                        if term not in skip:
                            yield word, term, weight * COMPOUND_PART_SHARE
                    continue
            if found is None and (word in names or self.as_is(word, lang)):
                if en_lemmas is None:
                    en_lemmas = self.lemmas(keys, "en")
                found = (en_lemmas[k], 1.0)
            if found is not None and found[0] not in skip:
                yield word, found[0], found[1]


def shared(a: Mapping[str, float], b: Mapping[str, float], *, limit: int = SHARED_SHOWN) -> list[str]:
    """The shared words that bring most of the cosine, heaviest first (the explanation)."""
    both = [(a[w] * b[w], w) for w in a.keys() & b.keys()]
    return [w for _, w in sorted(both, key=lambda t: (-t[0], t[1]))[:limit]]
