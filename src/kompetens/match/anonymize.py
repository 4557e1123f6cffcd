"""Remove personal data from CV text before anything scores it.

What goes: name, personal identity number, birth date or year, age (also in running text: "som 49-åring",
"jag fyller 60 i år", "född -78", "sedan jag gick i pension", "at the age of 58"), gender words, photo references,
address, e-mail, phone and profile links; nationality, family status and religion fields; and family status
and parental leave however a CV writes them ("Ogift", "Gift, två barn", "Föräldraledig 2022–2023", "Married,
two children", "parental leave"); grandparenthood, single parenthood and pregnancy ("mormor", "barnbarn",
"ensamstående", "gravid", "grandmother", "pregnant"), a birth decade ("60-talist") and health fields
("Hälsa: God, inga sjukskrivningar", "Health: ..."; hunt hH: the stored profile's wording, a scoring input,
kept them); and the special categories of GDPR art. 9 in running text: a membership of a union, a party, a
religious community or an LGBTQ organisation ("Aktiv i Unionen sedan 2015", "volunteer at St Mary's Church"),
religion, ethnic origin, sexual orientation and health ("troende muslim", "har kurdisk bakgrund", "Utbrändhet
2019"; hunt hL). The result names the categories it removed, never the values.
The words come from ``lang/<code>/cv.json`` of every language at once, because a CV may mix languages.
"""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..lang import LANGUAGES, lang_data

CATEGORIES: tuple[str, ...] = (
    "name",
    "id_number",
    "birth_date",
    "age",
    "gender",
    "photo",
    "address",
    "email",
    "phone",
    "profile_link",
    "nationality",
    "family",
    "religion",
    "health",
    "union_membership",
    "political_opinion",
    "ethnic_origin",
    "sexual_orientation",
)

Span = tuple[int, int, str]
"""``(start, end, category)``: offsets into the original text."""

# A line is split into segments at these separators: "a@b.se · 070-... | Foo".
_SEPARATORS = re.compile(r"\s[·•|/]\s|[·•|]|\t|(?<=[^\W\d])\.\s|(?<=\d)\.\s(?=[^\W\d])")
_WORD = r"[^\W\d_][\w'’\-]*"
# A PDF may wrap an address after a dot ("testa@example." then "se"): a short lower-case part still counts.
_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+|\.\n[a-z]{2,6}(?!\w))+")
_LINK = re.compile(
    r"(?:https?://)?(?:www\.)?(?:linkedin\.com/in|github\.com|facebook\.com|instagram\.com|x\.com|"
    r"twitter\.com|tiktok\.com/@|youtube\.com/@)[/\w.\-@]*",
    re.IGNORECASE,
)
# Swedish personnummer / samordningsnummer: (YY)YYMMDD-NNNN, '-' or '+' optional; day 61-91 for samordning.
_ID_NUMBER = re.compile(
    r"(?<![\d\-])(?:19|20)?\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]|[6-9]\d)[-+]?\d{4}(?![\d\-])"
)
_PHONE = re.compile(r"(?<![\w+])\+?\(?\d[\d\s\-()]{5,}\d(?!\w)")
# Dates and year ranges look like phone numbers to _PHONE: "2016 - 2019", "2019-03 - 2020-01".
_DATEISH = re.compile(r"(?:(?:19|20)\d\d(?:-\d\d){0,2}\s*-?\s*)+")
_IMAGE_MD = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_IMAGE_FILE = re.compile(r"[\w\-.]+\.(?:jpe?g|png|gif|heic|webp|bmp|tiff?)\b", re.IGNORECASE)
_IMAGE_SUFFIX = re.compile(r"\.(?:jpe?g|png|gif|heic|webp|bmp|tiff?)\b", re.IGNORECASE)
_PRONOUN_PAIR = re.compile(
    r"(?<!\w)(?:he|she|they|ze|xe|hen|han|hon)\s*/\s*(?:him|her|them|hir|xem|hen|honom|henne)"
    r"(?:\s*/\s*(?:his|hers|theirs|hirs|hens|hans|hennes))?(?!\w)",
    re.IGNORECASE,
)
_RUN = re.compile(r"[\w\-]+")
_ONE_RUN = re.compile(r"\w+")
_NAME_TOKEN = re.compile(r"[A-ZÅÄÖÆØÉÈÜ][\w'’\-]*")
_DIGITS = re.compile(r"\d")
_MIN_PHONE_DIGITS = 7
_MAX_PHONE_DIGITS = 15
_SHORT_SEGMENT = 80


@dataclass(frozen=True, slots=True)
class Anonymized:
    """Anonymised text, the categories removed (sorted, no values) and the removed spans of the original."""

    text: str
    removed: tuple[str, ...]
    spans: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class _Segment:
    start: int
    end: int
    text: str
    line_start: int


@dataclass(frozen=True, slots=True)
class _Lexicon:
    labels: tuple[tuple[str, re.Pattern[str]], ...]
    gender: re.Pattern[str]
    gender_folded: frozenset[str] | None
    """The gender words case-folded, when each is one run of word characters (then found by lookup)."""
    gender_alone: frozenset[str]
    titles: re.Pattern[str]
    age: re.Pattern[str]
    age_before: frozenset[str]
    age_after: frozenset[str]
    photo_words: frozenset[str]
    photo_cues: frozenset[str]
    street: re.Pattern[str]
    section_words: frozenset[str]
    personal_headings: frozenset[str]
    """Headings over the personal details ("PERSONAL INFORMATION", "Personuppgifter", "Contact"): the name
    is the first name-like line under one (Europass)."""
    body_headings: frozenset[str]
    """The experience and summary headings: the name sits above the main column's first one."""
    name_label: re.Pattern[str]
    document_titles: frozenset[str]
    title_words: frozenset[str]
    not_name_words: frozenset[str]
    """Words no name holds: a heading's word ("Körkort", "Profil", "Skills"), a document title's, a driving
    licence's and a tool's ("Körkort B", "Driving licence B", "Adobe Photoshop" under "Curriculum Vitae")."""
    document_prefix: re.Pattern[str]
    """A document title and a dash or colon before the name on the first line ("CV – Anna Fiktivsson")."""
    birth: re.Pattern[str]
    """A birth label and a year anywhere in a line ("Anna Fiktivsson (född 1962)", "born in 1985")."""
    gender_heads: tuple[str, ...]
    """Gendered last parts of compounds ("trebarnsmamma", "småbarnspappa", "stay-at-home-mom")."""
    age_words: frozenset[str]
    age_adjectives: frozenset[str]
    """Words that give an age before a gender word ("ung tjej", "young mum"): they go with it."""
    age_phrases: re.Pattern[str] | None
    family: re.Pattern[str]
    """Words and phrases that tell a family status or a parental leave wherever they stand ("ogift",
    "föräldraledig", "married", "parental leave")."""
    family_alone: frozenset[str]
    """Family-status words that are ordinary words elsewhere ("gift", "single"): only opening a segment,
    alone or before a comma or a joiner ("Gift, två barn", "Gift och har två barn")."""
    family_joiners: frozenset[str]
    children: re.Pattern[str] | None
    """A number of children ("två barn", "three kids"), as a segment's opening words."""
    date_words: frozenset[str]
    """Month, season and open-end words ("mars", "ht", "pågående", "present"): a line of them and years is a
    date line."""
    special_cues: re.Pattern[str] | None
    """A member's, an elected's or a volunteer's word ("medlem", "förtroendevald", "volunteer", "shop
    steward"): before an organisation of ``special_orgs`` it marks a membership (GDPR art. 9)."""
    special_cues_after: frozenset[str]
    """The cues that tell a membership right after the organisation too ("Unionen, medlem sedan 2015", "RFSL
    (volontär)"); not a leader's ("Unionen – ledare för teamet" may be a job)."""
    special_gap_words: frozenset[str]
    """The words that may stand between a cue and its organisation, beside years ("medlem sedan 2015 i",
    "member of the local"): prepositions, determiners, "fackförbundet"; a content word breaks the link
    ("Ledare i kommunikationsteamet på Svenska kyrkan" is a job)."""
    special_orgs: tuple[tuple[str, re.Pattern[str]], ...]
    """Per category, the organisations that tell one (unions, parties and their youth wings, religious
    communities, LGBTQ organisations): proper names in their own case, a name that is also an ordinary
    word ("Kommunal", "Vision") only before a punctuation mark or a ``special_followers`` word, and generic
    nouns ("facket", "kyrkan", "church") in any case, not before a capitalised word ("Church Street"), and
    patterns ("Fiktivstads församling", "St Mary's Church")."""
    special_phrases: re.Pattern[str] | None
    """Phrases that tell a category on their own ("troende muslim", "kurdisk bakgrund", "född i Somalia",
    "fackligt ombud", "jag var sjukskriven", "diagnosed with"), one group per category, named after it (one
    pass over the text, tried only where a word starts)."""
    special_headings: frozenset[str]
    """Headings of memberships and volunteering ("Föreningsliv", "Förtroendeuppdrag", "Memberships"): a line
    under one that names an organisation of ``special_orgs`` tells a membership, cue or not."""
    special_openers: tuple[tuple[str, re.Pattern[str]], ...]
    """Per category, words that tell one where they and dates are a whole short segment ("Utbrändhet 2019",
    "Sjukskriven 2019–2020", "Sick leave 2020"), not in a list of topics or running text ("skrev om
    sjukskrivningar")."""


def anonymize(text: str, *, keep_length: bool = True, hints: Sequence[str] = ()) -> Anonymized:
    """Remove personal data from ``text``.

    ``keep_length=True`` blanks each removed character with a space, so offsets still point into the
    original. ``keep_length=False`` replaces each removed span by one space: the result is then the same
    whatever the removed values were, which is what scoring needs. ``hints``: the file's own metadata (its
    title or author), which may hold the name; they only help choose which line is the name.
    """
    lex = _lexicon()
    segments = list(_segments(text))
    spans: list[Span] = []
    for detector in _DETECTORS:
        spans.extend(detector(text, segments, lex))
    spans.extend(_layout_name(text, segments, lex, found=spans, hints=hints))
    spans.extend(_name_elsewhere(text, spans, lex))
    merged = _merge(spans)
    return Anonymized(
        text=_apply(text, merged, keep_length=keep_length),
        removed=tuple(sorted({cat for _, _, cat in spans}, key=CATEGORIES.index)),
        spans=tuple(merged),
    )


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    data = [lang_data(lang, "cv") for lang in LANGUAGES]
    anon = [d.get("anonymize", {}) for d in data]

    def words(key: str) -> list[str]:
        return sorted({w for a in anon for w in a.get(key, [])}, key=lambda w: (-len(w), w))

    labels = tuple(
        (cat, _label_pattern(words(key)))
        for cat, key in (
            ("name", "name_labels"),
            ("id_number", "id_labels"),
            ("birth_date", "birth_labels"),
            ("age", "age_labels"),
            ("gender", "gender_labels"),
            ("photo", "photo_labels"),
            ("address", "address_labels"),
            ("phone", "phone_labels"),
            ("email", "email_labels"),
            ("nationality", "nationality_labels"),
            ("family", "family_labels"),
            ("religion", "religion_labels"),
            ("health", "health_labels"),  # "Hälsa: God, inga sjukskrivningar" (Art. 9; hunt hH, finding 3)
        )
    )
    units = "|".join(re.escape(u) for u in words("age_units"))
    sections = {w for d in data for ws in d.get("sections", {}).values() for w in ws}
    titles = sorted({w for d in data for w in d.get("document_titles", [])}, key=lambda w: (-len(w), w))
    births = "|".join(re.escape(w.rstrip(".")) for w in words("birth_labels"))
    age_phrases = words("age_patterns")
    children = words("children_patterns")
    return _Lexicon(
        labels=labels,
        gender=_word_pattern(words("gender_words"), flags=re.IGNORECASE),
        gender_folded=_folded(words("gender_words")),
        gender_alone=frozenset(w.lower() for w in words("gender_alone")),
        titles=re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, words('titles')))})\.?(?=\s+[A-ZÅÄÖ])"),
        age=re.compile(rf"(?<![\w\-])\d{{1,3}}(?:\s*|-)(?:{units})(?![\w/])", re.IGNORECASE),
        age_before=frozenset(w.lower() for w in words("age_before")),
        age_after=frozenset(w.lower() for w in words("age_after")),
        photo_words=frozenset(w.lower() for w in words("photo_words")),
        photo_cues=frozenset(w.lower() for w in words("photo_cues")),
        street=_street_pattern(words("street_suffixes")),
        section_words=frozenset(w.lower() for w in sections) | frozenset(words("personal_headings")),
        personal_headings=frozenset(words("personal_headings")),
        body_headings=frozenset(
            w.lower()
            for d in data
            for key in ("experience", "summary")
            for w in d.get("sections", {}).get(key, [])
        ),
        name_label=dict(labels)["name"],
        document_titles=frozenset(w.lower() for d in data for w in d.get("document_titles", [])),
        title_words=frozenset(w.lower() for d in data for w in d.get("title_words", [])),
        not_name_words=frozenset(
            w.lower()
            for w in {*sections, *titles, *words("personal_headings"), *words("not_name_words")}
            | {h for d in data for h in d.get("form_headings", [])}
            if " " not in w
        ),
        document_prefix=re.compile(rf"(?:{'|'.join(map(re.escape, titles))})\s*[–—:|-]\s*", re.IGNORECASE),
        birth=re.compile(
            rf"(?<![\w.])(?:{births})\.?:?\s+(?:(?:den|on|in)\s+)?"
            r"(?:\d{1,2}(?:st|nd|rd|th|:e|:a)?\.?\s+[^\W\d_]+\.?,?\s+|\d{1,2}[./-]\d{1,2}[./-]|[^\W\d_]+\.?\s+)?"
            # a year, a short one after a dash or an apostrophe ("född -78", "born '85"), or a decade
            # ("född på 70-talet", "född i slutet av 80-talet", "born in the late 70s")
            r"(?:(?:19|20)\d\d(?:-\d\d-\d\d)?(?!\d)|[-–'’]\s?\d\d(?!\d)|"
            r"(?:(?:början|mitten|slutet)\s+av\s+|(?:early|mid|late)[\s-]+)?(?:19|['’])?[1-9]0(?:-talet|['’]?s)(?!\w))",
            re.IGNORECASE,
        ),
        gender_heads=tuple(w.casefold() for w in words("gender_heads")),
        age_words=frozenset(w.casefold() for w in words("age_words")),
        age_adjectives=frozenset(w.casefold() for w in words("age_adjectives")),
        age_phrases=(
            re.compile(rf"(?<!\w)(?:{'|'.join(age_phrases)})(?!\w)", re.IGNORECASE) if age_phrases else None
        ),
        date_words=frozenset(
            w.casefold()
            for d in data
            for key in ("months", "seasons", "present", "since_words", "open_ends")
            for phrase in d.get(key, [])
            for w in phrase.split()
        ),
        family=_word_pattern(words("family_words"), flags=re.IGNORECASE),
        family_alone=frozenset(w.casefold() for w in words("family_alone")),
        family_joiners=frozenset(w.casefold() for w in words("family_joiners")),
        children=(re.compile(rf"(?:{'|'.join(children)})(?![\w\-])", re.IGNORECASE) if children else None),
        **_special_lexicon(anon),
    )


def _special_lexicon(anon: list[dict[str, Any]]) -> dict[str, Any]:
    """The ``_Lexicon`` fields of the special categories (GDPR art. 9) in running text, from the ``special_*``
    and ``origin_*`` keys of every language's ``anonymize`` section."""

    def merged(key: str) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for a in anon:
            for cat, items in a.get(key, {}).items():
                out.setdefault(cat, []).extend(items)
        return out

    def flat(key: str) -> list[str]:
        return sorted({w for a in anon for w in a.get(key, [])}, key=lambda w: (-len(w), w))

    def alts(items: Iterable[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(set(items), key=lambda w: (-len(w), w)))

    cues = flat("special_cues")
    # "medlem i Kommunal sedan 2015", "aktiv i Vision."; not "Kommunal förvaltning", "Vision och mål" or "Unite
    # Students" after a cue: a word right after a name that is also an ordinary word must be a follower.
    tail = rf"s?(?![\w\-])(?![ \t]+(?!(?:{alts(flat('special_followers'))})(?![\w\-]))[^\W\d_])"
    names, nouns = merged("special_orgs"), merged("special_nouns")
    ambiguous, patterns = merged("special_ambiguous"), merged("special_org_patterns")
    orgs = []
    for cat in sorted({*names, *nouns, *ambiguous, *patterns}, key=CATEGORIES.index):
        parts = [rf"(?:{alts(names[cat])})s?(?![\w\-])"] if names.get(cat) else []
        if ambiguous.get(cat):
            parts.append(rf"(?:{alts(ambiguous[cat])}){tail}")
        if nouns.get(cat):
            parts.append(rf"(?i:{alts(nouns[cat])})(?![\w\-])(?![ \t]+[A-ZÅÄÖ])")
        parts.extend(patterns.get(cat, []))
        orgs.append((cat, re.compile("|".join(parts))))
    places = rf"(?-i:{alts(flat('origin_places'))})"
    origins = rf"(?-i:{alts(flat('origin_adjectives'))})"
    phrases = merged("special_phrases")
    openers = merged("special_openers")
    return {
        "special_cues": (
            re.compile(rf"(?<![\w\-])(?:{alts(cues)})(?![\w\-])", re.IGNORECASE) if cues else None
        ),
        "special_cues_after": frozenset(w.casefold() for w in flat("special_cues_after")),
        "special_gap_words": frozenset(w.casefold() for w in flat("special_gap_words")),
        "special_orgs": tuple(orgs),
        "special_headings": frozenset(w.casefold() for w in flat("special_headings")),
        "special_phrases": (
            re.compile(
                r"(?<![\w\-])(?:"
                + "|".join(
                    f"(?P<{cat}>" + "|".join(f"(?:{p})" for p in phrases[cat]) + ")"
                    for cat in sorted(phrases, key=CATEGORIES.index)
                )
                .replace("{places}", places)
                .replace("{origins}", origins)
                + ")",
                re.IGNORECASE,
            )
            if phrases
            else None
        ),
        "special_openers": tuple(
            (cat, re.compile(rf"(?:{alts(items)})(?![\w\-])", re.IGNORECASE))
            for cat, items in sorted(openers.items(), key=lambda kv: CATEGORIES.index(kv[0]))
        ),
    }


def _label_pattern(labels: list[str]) -> re.Pattern[str]:
    alts = "|".join(re.escape(label) for label in labels)
    # A label opens its segment: "Född: 1962", "Kön: man"; without a colon only before a digit ("Born 1993",
    # "Tel 070-..."), so "Email marketing" stays.
    return re.compile(rf"^[\s\-*>#]*(?:{alts})(?:\s*:\s*(?=\S)|\s*(?=\d))", re.IGNORECASE)


def _folded(words: list[str]) -> frozenset[str] | None:
    return frozenset(w.casefold() for w in words) if all(_ONE_RUN.fullmatch(w) for w in words) else None


def _word_pattern(words: list[str], *, flags: int = 0) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w\-])(?:{'|'.join(map(re.escape, words))})(?![\w\-])", flags)


def _street_pattern(suffixes: list[str]) -> re.Pattern[str]:
    lower = "|".join(map(re.escape, suffixes))
    upper = "|".join(re.escape(s[:1].upper() + s[1:]) for s in suffixes)
    # "Fiktivgatan 7", "Påhittade gatan 4 B", then "12 Sample Street", "5 Invented Close".
    number_after = rf"\b[A-ZÅÄÖ][\wåäö\-]*(?:\s+)?(?:{lower})\s+\d+(?:\s?[A-Z]\b)?"
    number_before = rf"\b\d+[A-Z]?\s+(?:[A-Z][\w\-]*\s+){{1,3}}(?:{upper})\b\.?"
    return re.compile(rf"{number_after}|{number_before}")


def _segments(text: str) -> Iterator[_Segment]:
    pos = 0
    for line in text.split("\n"):
        start = 0
        for sep in _SEPARATORS.finditer(line):
            yield _Segment(pos + start, pos + sep.start(), line[start : sep.start()], pos)
            start = sep.end()
        yield _Segment(pos + start, pos + len(line), line[start:], pos)
        pos += len(line) + 1


def _labelled(text: str, segments: list[_Segment], lex: _Lexicon) -> Iterator[Span]:
    """``Label: value`` fields: the whole segment goes, label included. A birth or age label with no colon
    opens a sentence at times ("Född 1978 i Exempelstad, modererade vår Facebookgrupp.", "Aged 61, I moderate
    the forum."): then the label, the value and a birthplace after it go, and the sentence's work stays, as
    it would without them (stop 36: the whole sentence went, and with it the CV's evidence)."""
    for seg in segments:
        for cat, pattern in lex.labels:
            m = pattern.match(seg.text)
            if m is None:
                continue
            value = None if ":" in m.group() else _inline_value(seg.text, m.start(), cat, lex)
            if value is not None and seg.text[value:].strip(" ,.;"):
                yield (seg.start + m.start(), seg.start + value, cat)
            else:
                yield _strip(text, seg.start, seg.end, cat)
            break


_BIRTHPLACE = re.compile(r"\s+(?:i|in)\s+[A-ZÅÄÖ][\w\-]*(?:\s+[A-ZÅÄÖ][\w\-]*)?")
_AGE_VALUE = re.compile(r"\s*\d{1,3}(?!\d)(?:\s*(?:år|years?(?:\s+old)?|yrs?)(?!\w))?", re.IGNORECASE)


def _inline_value(line: str, at: int, cat: str, lex: _Lexicon) -> int | None:
    """Where a birth or an age label's value ends in ``line`` (the label at ``at``), with a birthplace after
    a birth year; None for another category or a value not read."""
    if cat == "birth_date":
        birth = lex.birth.match(line, at + len(line[at:]) - len(line[at:].lstrip(" -*>#")))
        if birth is None:
            return None
        place = _BIRTHPLACE.match(line, birth.end())
        return place.end() if place is not None else birth.end()
    if cat == "age":
        label = re.match(r"[\s\-*>#]*[^\W\d_]+", line[at:])
        value = _AGE_VALUE.match(line, at + label.end()) if label is not None else None
        return value.end() if value is not None else None
    return None


def _first_line_name(text: str, segments: list[_Segment], lex: _Lexicon) -> Iterator[Span]:
    """The name heading: the first segment of the first line that is not a document title; the name may
    follow a document title ("CV – Anna Fiktivsson", "Curriculum Vitae: ...") and come before a comma, a
    parenthesis or a dash ("Emily Sampleton, Social Media Manager", "Anna Fiktivsson (född 1962)")."""
    for seg in segments:
        words = seg.text.strip(" \t#*_>").strip()
        if not words:
            continue
        if words.lower() in lex.document_titles:
            continue
        found = _heading_name(words, lex)
        if found is not None:
            start = seg.start + seg.text.index(words) + found[0]
            yield (start, start + found[1], "name")
        return


def _layout_name(
    text: str, segments: list[_Segment], lex: _Lexicon, *, found: list[Span], hints: Sequence[str]
) -> Iterator[Span]:
    """The name where it is not on the first line: under a personal-details heading (Europass's "PERSONAL
    INFORMATION"), else a name-like line above the main column's first heading (a LinkedIn export or a
    two-column CV reads its sidebar first: "Contact", "Top Skills", then the name): the first that the
    e-mail's local part or the file's metadata names ("testa.testsson@"), else the first that opens a
    block. Looked for only when no name was found on the first line or in a "Name:" field."""
    if any(cat == "name" for _, _, cat in found):
        return
    lines = list(_lines(text))
    under = _under_personal_heading(lines, lex)
    if under is not None:
        yield under
        return
    candidates = list(_name_lines(lines, lex))
    known = _hint_words(text, hints)
    named = [span for span, _ in candidates if _named_by(text[span[0] : span[1]], known)]
    openers = [span for span, opens in candidates if opens]
    yield from (named or openers)[:1]


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """``(offset, line)`` of each line of ``text``."""
    pos = 0
    for line in text.split("\n"):
        yield pos, line
        pos += len(line) + 1


def _line_name(start: int, line: str, lex: _Lexicon) -> Span | None:
    """The name a line holds when the line is a name heading ("Maria Fakedottir", "Anna Test, Editor")."""
    words = line.strip(" \t#*_>").strip()
    found = _heading_name(words, lex) if words else None
    if found is None:
        return None
    begin = start + line.index(words) + found[0]
    return (begin, begin + found[1], "name")


def _under_personal_heading(lines: list[tuple[int, str]], lex: _Lexicon) -> Span | None:
    """A name on the line right under a personal-details heading (Europass). Only that line: under a
    LinkedIn export's "Contact" come the e-mail, the profile link and then "Top Skills", no name."""
    for (_, line), (start, below) in itertools.pairwise(lines):
        if _heading_key(line) in lex.personal_headings:
            span = _line_name(start, below, lex)
            if span is not None:
                return span
    return None


def _name_lines(lines: list[tuple[int, str]], lex: _Lexicon) -> Iterator[tuple[Span, bool]]:
    """Name-like lines above the first experience or summary heading (in a column layout the name heads
    the main column, under the sidebar's blocks), each with whether it opens a block (after a blank line)."""
    blank = True
    for start, line in lines:
        if _heading_key(line) in lex.body_headings:
            return
        span = _line_name(start, line, lex) if line.strip() else None
        if span is not None:
            yield span, blank
        blank = not line.strip()


def _heading_key(line: str) -> str:
    return line.strip(" \t#*_>:").lower()


_HINT_SPLIT = re.compile(r"[^\W\d_]{3,}")
_MIN_HINT = 4


def _hint_words(text: str, hints: Sequence[str]) -> frozenset[str]:
    """Folded words of the e-mail addresses' local parts and of the metadata: where a name may show."""
    sources = [m.group().split("@", 1)[0] for m in _EMAIL.finditer(text)] + list(hints)
    return frozenset(_fold(w) for source in sources for w in _HINT_SPLIT.findall(source))


def _named_by(name: str, known: frozenset[str]) -> bool:
    """Whether a word of ``name`` is, or starts, a hint word or the other way round ("exempel" for
    "Exempelberg")."""
    for token in (_fold(t) for t in name.split()):
        if len(token) >= _MIN_HINT and any(
            len(k) >= _MIN_HINT and (token.startswith(k) or k.startswith(token)) for k in known
        ):
            return True
    return False


def _fold(word: str) -> str:
    """Lower case without accents: "Tvåkolumn" and an address's "tvakolumn" are the same word."""
    return "".join(
        ch for ch in unicodedata.normalize("NFKD", word.casefold()) if not unicodedata.combining(ch)
    )


_AFTER_NAME = re.compile(r"\s*(?:,|\(|\s[–—|-]\s|:\s)")


def _heading_name(words: str, lex: _Lexicon) -> tuple[int, int] | None:
    """``(offset, length)`` of the name in a first-line heading, or None."""
    if _looks_like_name(words, lex):
        return (0, len(words))
    prefix = lex.document_prefix.match(words)
    at = prefix.end() if prefix is not None else 0
    head = _AFTER_NAME.split(words[at:], maxsplit=1)[0].strip()
    if head and _looks_like_name(head, lex):
        return (words.index(head, at), len(head))
    return None


def _looks_like_name(words: str, lex: _Lexicon) -> bool:
    tokens = words.split()
    if not 2 <= len(tokens) <= 4 or words.lower() in lex.section_words:
        return False
    if any(t.lower() in lex.title_words for t in tokens):  # "Customer Service Advisor" is a job title
        return False
    if any(t.lower().strip(":") in lex.not_name_words for t in tokens):  # "Körkort B" is no name
        return False
    return all(_NAME_TOKEN.fullmatch(t) and not _DIGITS.search(t) for t in tokens)


def _regex_spans(
    pattern: re.Pattern[str], category: str, *, needs: re.Pattern[str]
) -> Callable[[str, list[_Segment], _Lexicon], Iterator[Span]]:
    """Each match of ``pattern`` as a span. ``needs`` is found in every match (a literal part of the
    pattern): a text without it has none, and searching for it is much faster than for the pattern."""

    def detect(text: str, segments: list[_Segment], lex: _Lexicon) -> Iterator[Span]:
        if needs.search(text) is None:
            return
        for m in pattern.finditer(text):
            yield (m.start(), m.end(), category)

    return detect


_LINK_NEEDS = re.compile(r"\.com", re.IGNORECASE)
_WRAPPED = re.compile(r"\n([a-z0-9][\w\-./]*)(?=[ \t(]|$)", re.MULTILINE)


def _links(text: str, segments: list[_Segment], lex: _Lexicon) -> Iterator[Span]:
    """Profile links, with the part a PDF wrapped onto the next line ("linkedin.com/in/testa-test" then
    "sson-00000 (LinkedIn)"): left there, it would keep part of the name."""
    if _LINK_NEEDS.search(text) is None:
        return
    for m in _LINK.finditer(text):
        wrapped = _WRAPPED.match(text, m.end())
        yield (m.start(), wrapped.end() if wrapped is not None else m.end(), "profile_link")


def _phones(text: str, segments: list[_Segment], lex: _Lexicon) -> Iterator[Span]:
    for m in _PHONE.finditer(text):
        value = m.group().strip()
        digits = len(_DIGITS.findall(value))
        if "\n" in value or not _MIN_PHONE_DIGITS <= digits <= _MAX_PHONE_DIGITS:
            continue
        if _DATEISH.fullmatch(value.strip("() ")):  # "(2021-2025)" is a job's years
            continue
        yield _strip(text, m.start(), m.end(), "phone")


def _gender(text: str, segments: list[_Segment], lex: _Lexicon) -> Iterator[Span]:
    if "/" in text:  # a pronoun pair ("she/her") has a slash
        yield from ((m.start(), m.end(), "gender") for m in _PRONOUN_PAIR.finditer(text))
    yield from _gender_words(text, lex)
    yield from ((m.start(), m.end(), "gender") for m in lex.titles.finditer(text))
    # "Man, 29 år" in a header: a term that is an ordinary word elsewhere ("man bör"), so only alone.
    for seg in segments:
        head = seg.text.lstrip(" -*•")
        word = head.split(",", 1)[0].strip()
        if word.lower() in lex.gender_alone and (
            head.strip() == word or head[len(word) :].lstrip().startswith(",")
        ):
            start = seg.start + seg.text.index(word)
            yield (start, start + len(word), "gender")


def _gender_words(text: str, lex: _Lexicon) -> Iterator[Span]:
    """``lex.gender``'s matches. Each is a whole run of word characters and hyphens, so when the words are
    single runs they are found by looking each run up (its case-folded form, then confirmed by the
    pattern): the same matches, without trying the long alternation at every position of the text. A run
    that ends in a gendered head ("trebarnsmamma", "stay-at-home-mom") is one too. An age adjective right
    before one goes with it ("ung tjej", "young mum": category age)."""
    found: list[tuple[int, int]] = []
    if lex.gender_folded is None:
        found = [m.span() for m in lex.gender.finditer(text)]
    else:
        heads = lex.gender_heads
        for m in _RUN.finditer(text):
            run = m.group().casefold()
            if (run in lex.gender_folded and lex.gender.fullmatch(text, m.start(), m.end())) or (
                heads and run.endswith(heads) and not run.startswith(heads)
            ):
                found.append(m.span())
    for start, end in found:
        yield (start, end, "gender")
        before = _PREVIOUS_WORD.search(text, max(0, start - _WORD_BEFORE_CHARS), start)
        if before is not None and before.group(1).casefold() in lex.age_adjectives:
            yield (before.start(1), before.end(1), "age")


_PREVIOUS_WORD = re.compile(r"([^\W\d_]+)[ \t]+$")
_WORD_BEFORE_CHARS = 40
"""How far back the word before a gender word is looked for (a search to the text's start per word would
grow with the text)."""
_NEXT_WORD = re.compile(r"[ \t]+([^\W\d_]+)")


def _ages(text: str, segments: list[_Segment], lex: _Lexicon) -> Iterator[Span]:
    """Ages ("32 år", "21 years old"), not durations ("30 års erfarenhet", "5 years of experience"); an age
    band ("i 50-årsåldern", "in my forties") and words that tell one ("pensionär", "retiree")."""
    if lex.age_phrases is not None:
        yield from ((m.start(), m.end(), "age") for m in lex.age_phrases.finditer(text))
    if lex.age_words:
        for m in _RUN.finditer(text):
            if m.group().casefold() in lex.age_words:
                yield (m.start(), m.end(), "age")
    for seg in segments:
        for m in lex.age.finditer(seg.text):
            before = seg.text[: m.start()].strip().rstrip(",:(").strip()
            after = seg.text[m.end() :].strip()
            last = before.split()[-1].lower() if before else ""
            nxt = after.split()[0].lower().strip(",.)") if after else ""
            if not before or not after or last in lex.age_before or nxt in lex.age_after or after[0] in ",;)":
                end = m.end()
                word = _NEXT_WORD.match(seg.text, end)
                if (
                    word is not None and word.group(1).lower() in lex.age_after
                ):  # "58 år ung": the word goes too
                    end = word.end(1)
                yield (seg.start + m.start(), seg.start + end, "age")


def _photos(text: str, segments: list[_Segment], lex: _Lexicon) -> Iterator[Span]:
    """Short segments that point at a photo: "photo on request", "Bild: se bifogat foto", a lone "photo"."""
    for seg in segments:
        tokens = [t.lower().strip(".,:;()!") for t in seg.text.split()]
        if not tokens or len(seg.text) > _SHORT_SEGMENT:
            continue
        has_photo = any(t in lex.photo_words for t in tokens)
        if has_photo and (len(tokens) == 1 or any(t in lex.photo_cues for t in tokens)):
            yield _strip(text, seg.start, seg.end, "photo")


def _births(text: str, segments: list[_Segment], lex: _Lexicon) -> Iterator[Span]:
    """A birth label and its year anywhere ("Anna Fiktivsson (född 1962)", "born in 1985"); a label that
    opens its segment goes with the whole segment (``_labelled``)."""
    yield from ((m.start(), m.end(), "birth_date") for m in lex.birth.finditer(text))


# What may open a part before a family-status word: a bullet, a date range ("2022–2023 Föräldraledig").
_FAMILY_LEAD = re.compile(r"[\s\-*>•·–—]*(?:(?:19|20)\d\d(?:-\d\d(?!\d))?[\s\-–—/.]*)*")
_FIRST_RUN = re.compile(r"[^\W\d_]+")
_PARTS = re.compile(r"[^,;]+")


def _family(text: str, segments: list[_Segment], lex: _Lexicon) -> Iterator[Span]:
    """Family status and parental leave. In a short segment, each comma-separated part that opens with one
    goes whole, its dates and the children with it ("Föräldraledig 2022–2023", "2025–2026 Pappaledig",
    "Ogift", "Gift, två barn", "Kvinna, gift, två barn", "Married with two children"): the timeline then
    reads no position from it and the wording no word, the same as no such line (as "Civilstånd:" fields,
    ``_labelled``). A part that is a whole line without a year takes a date line right above it, else right
    below, with it (a leave written as a job: "2017 - 2019" / "Föräldraledig", or the other way round), so
    that no other job gets its years. Elsewhere the words that tell it ("efter min föräldraledighet", "parental leave")."""
    for seg in segments:
        if len(seg.text) > _SHORT_SEGMENT:
            continue
        for part in _PARTS.finditer(seg.text):
            if _opens_family(part.group(), lex):
                yield _strip(text, seg.start + part.start(), seg.start + part.end(), "family")
                whole = part.group().strip() == _line_at(text, seg.line_start).strip()
                if whole and _YEARISH.search(part.group()) is None:
                    yield from _date_line_beside(text, seg.line_start, lex)
    yield from ((m.start(), m.end(), "family") for m in lex.family.finditer(text))


def _line_at(text: str, line_start: int) -> str:
    end = text.find("\n", line_start)
    return text[line_start : len(text) if end < 0 else end]


def _date_line_beside(text: str, line_start: int, lex: _Lexicon, category: str = "family") -> Iterator[Span]:
    """The date line right above the line at ``line_start`` or right below it: the one on the side the CV
    writes its dates (``_dates_first``), else the other."""
    lines = text.split("\n")
    k = text.count("\n", 0, line_start)
    sides = [k - 1, k + 1] if _dates_first(lines, lex) else [k + 1, k - 1]
    for j in sides:
        if 0 <= j < len(lines) and _date_line(lines[j], lex):
            start = sum(len(line) + 1 for line in lines[:j])
            yield _strip(text, start, start + len(lines[j]), category)
            return


def _dates_first(lines: list[str], lex: _Lexicon) -> bool:
    """Whether the CV writes a job's date line above its title: its date lines vote, one with a written line
    right below and none right above for dates first, the other way round for titles first (as the
    timeline reads the layout). A family line is no title."""

    def title(j: int) -> bool:
        return (
            0 <= j < len(lines)
            and bool(lines[j].strip())
            and not _date_line(lines[j], lex)
            and not _opens_family(lines[j], lex)
        )

    first = last = 0
    for j, line in enumerate(lines):
        if _date_line(line, lex):
            above, below = title(j - 1), title(j + 1)
            first += below and not above
            last += above and not below
    return first > last


_YEARISH = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_NOT_DATE = re.compile(r"[^\w\s\-–—/.:()]")


def _date_line(line: str, lex: _Lexicon) -> bool:
    """Whether ``line`` holds only dates: a year, and no word but month, season and open-end words."""
    return (
        _YEARISH.search(line) is not None
        and _NOT_DATE.search(line) is None
        and all(w.casefold() in lex.date_words for w in _FIRST_RUN.findall(line))
    )


def _opens_family(part: str, lex: _Lexicon) -> bool:
    """Whether ``part`` opens (after a bullet and dates) with a family status, a parental leave or a number
    of children: a ``family_alone`` word ("gift", "single") only alone or before a joiner ("Gift och har två
    barn"), not in "gift cards" or "Single sign-on"."""
    at = _FAMILY_LEAD.match(part)
    head = part[at.end() if at is not None else 0 :]
    if lex.family.match(head) or (lex.children is not None and lex.children.match(head)):
        return True
    first = _FIRST_RUN.match(head)
    if first is None or first.group().casefold() not in lex.family_alone:
        return False
    rest = head[first.end() :].strip()
    following = _FIRST_RUN.match(rest)
    return not rest or (following is not None and following.group().casefold() in lex.family_joiners)


_GAP_WORD = re.compile(r"[ \t]+[\w'’\-]+")
_GAP_SPACE = re.compile(r"[ \t]+")
_YEAR_WORD = re.compile(r"(?:19|20)\d\d")
_MAX_GAP_WORDS = 3
"""How many words may stand between a cue and its organisation ("medlem sedan 2015 i Unionen", "member of
the local Labour Party")."""
_CLAUSE_MARK = re.compile(r"[,;()]")
_DATE_TOKEN = re.compile(r"[ \t]*(?:[\-–—(),.]|(?:19|20)\d\d(?!\d)|([^\W\d_]+))")
_LEAD_WORDS = 3
"""How many words may open a short segment before a special-category phrase for the whole segment to go
("Jag är medlem i Unionen", "Sedan 2015 aktiv i Unionen")."""


def _special(text: str, segments: list[_Segment], lex: _Lexicon) -> Iterator[Span]:
    """The special categories of GDPR art. 9 in running text: a membership of a union, a party, a religious
    community or an LGBTQ organisation (a member's, an elected's or a volunteer's cue before the
    organisation, "Aktiv i Unionen sedan 2015", "förtroendevald för Socialdemokraterna", "volunteer at St
    Mary's Church", or right after it, "Unionen, medlem sedan 2015"; or a line naming one under a heading of
    memberships, ``_special_sections``), religion, ethnic origin, sexual orientation and health told in a
    phrase ("troende muslim", "har kurdisk bakgrund", "född i Somalia", "jag är gay", "gick in i väggen"), and
    a health word that with dates is a short segment ("Utbrändhet 2019", "Sick leave 2020").

    A phrase in a short segment that it opens (after at most ``_LEAD_WORDS`` words, no comma) takes the
    segment's start with it and its years after it, and a membership the whole segment ("Aktiv i Unionen
    sedan 2015"); a line left empty takes the date line beside it, as a family line does. Elsewhere the
    phrase goes (a cue to the organisation's name) and the sentence's other words stay ("Jag har kurdisk
    bakgrund och talar kurdiska" keeps its languages). An organisation's name without a cue stays:
    "Kommunikatör, Unionen" is a job, and the employer is work experience."""
    found: list[tuple[int, int, str, bool]] = []
    starts = [seg.start for seg in segments]
    if lex.special_cues is not None:
        for m in lex.special_cues.finditer(text):
            org = _org_after(text, m.end(), lex)
            if org is None and m.group().casefold() in lex.special_cues_after:
                seg = segments[max(0, bisect.bisect_right(starts, m.start()) - 1)]
                before = _org_before(text, seg.start, m.start(), lex)
                if before is not None:
                    found.append((before[0], m.end(), before[1], True))
            elif org is not None:
                found.append((m.start(), org[0], org[1], True))
    for m in lex.special_phrases.finditer(text) if lex.special_phrases is not None else ():
        assert m.lastgroup is not None  # the category's group (the phrases' own groups do not capture)
        org = _org_after(text, m.end(), lex)  # "fackligt ombud för Vision": the union goes too
        found.append((m.start(), m.end() if org is None else org[0], m.lastgroup, False))
    for start, end, cat, membership in found:
        seg = segments[max(0, bisect.bisect_right(starts, start) - 1)]
        if not _opens_segment(seg, start, end):
            yield (start, end, cat)
            continue
        if not membership:  # "Jag har kurdisk bakgrund och talar kurdiska": the languages stay
            end = _dates_after(text, end, seg.end, lex)
            yield _strip(text, seg.start, end, cat)
            if text[end : seg.end].strip(" .,;"):
                continue
        yield _strip(text, seg.start, seg.end, cat)
        if seg.text.strip() == _line_at(text, seg.line_start).strip() and not _YEARISH.search(seg.text):
            yield from _date_line_beside(text, seg.line_start, lex, cat)
    yield from _special_openers(text, segments, lex)
    yield from _special_sections(text, lex)


_ORG_THEN_CUE = re.compile(r"[ \t]*[,(:–—\-]?[ \t]*$")
_WORD_START = re.compile(r"(?<![\w\-'’])[^\W\d_]")


def _org_before(text: str, seg_start: int, cue: int, lex: _Lexicon) -> tuple[int, str] | None:
    """``(start, category)`` of an organisation of ``lex.special_orgs`` that ends right before the cue at
    ``cue``, a comma, a parenthesis, a colon or a dash between ("Unionen, medlem sedan 2015", "RFSL
    (volontär)"), in the same segment; or None."""
    sep = _ORG_THEN_CUE.search(text, seg_start, cue)
    if sep is None:
        return None
    for word in reversed(list(_WORD_START.finditer(text, max(seg_start, cue - _SHORT_SEGMENT), sep.start()))):
        for cat, pattern in lex.special_orgs:
            m = pattern.match(text, word.start())
            if m is not None and text[m.end() : cue].strip(" \t,(:–—-") == "":
                return word.start(), cat
    return None


def _special_sections(text: str, lex: _Lexicon) -> Iterator[Span]:
    """Each line that names an organisation of ``lex.special_orgs`` under a heading of memberships or
    volunteering, up to the next heading ("Föreningsliv" over "Unionen, 2015 –", "Förtroendeuppdrag" over
    "Ordförande, SSU Fiktivstad 2012–2014"): the whole line, and a line without a year the date line beside
    it; after such a heading and a colon on its own line, the rest of the line ("Föreningsliv: Unionen,
    RFSL"). A line without such an organisation stays ("Volontär, Röda korset")."""
    if not lex.special_headings:
        return
    inside = False
    for start, line in _lines(text):
        key = _heading_key(line)
        if key in lex.special_headings:
            inside = True
            continue
        head, colon, _ = line.partition(":")
        if colon and _heading_key(head) in lex.special_headings:  # "Föreningsliv: Unionen, RFSL"
            at = start + len(head) + 1
            cat = _org_in(text, at, start + len(line), lex)
            if cat is not None:
                yield _strip(text, at, start + len(line), cat)
            continue
        if key in lex.section_words:
            inside = False
            continue
        if not inside or not line.strip():
            continue
        cat = _org_in(text, start, start + len(line), lex)
        if cat is None:
            continue
        yield _strip(text, start, start + len(line), cat)
        if _YEARISH.search(line) is None:
            yield from _date_line_beside(text, start, lex, cat)


def _org_in(text: str, start: int, end: int, lex: _Lexicon) -> str | None:
    """The category of the first organisation of ``lex.special_orgs`` in ``text[start:end]``, or None."""
    for word in _WORD_START.finditer(text, start, end):
        for cat, pattern in lex.special_orgs:
            m = pattern.match(text, word.start(), end)
            if m is not None:
                return cat
    return None


def _dates_after(text: str, pos: int, end: int, lex: _Lexicon) -> int:
    """Where the dates right after ``pos`` end (years, and dashes, "sedan", "since" or months with them):
    "Pride-samordnare sedan 2019" leaves no "sedan 2019" to be read as a date."""
    last, year = pos, False
    while (m := _DATE_TOKEN.match(text, pos, end)) is not None:
        if m.group(1) is not None and m.group(1).casefold() not in lex.date_words:
            break
        pos = m.end()
        year = year or _YEARISH.search(m.group()) is not None
        if year:  # the dates' words count where a year is among them ("och" alone is no date)
            last = pos
    return last


def _org_after(text: str, pos: int, lex: _Lexicon) -> tuple[int, str] | None:
    """``(end, category)`` of an organisation of ``lex.special_orgs`` after at most ``_MAX_GAP_WORDS`` words
    of ``lex.special_gap_words`` or years from ``pos`` (in the same line and clause), or None."""
    for _ in range(_MAX_GAP_WORDS + 1):
        space = _GAP_SPACE.match(text, pos)
        if space is None:
            return None
        for cat, pattern in lex.special_orgs:
            m = pattern.match(text, space.end())
            if m is not None:
                return m.end(), cat
        gap = _GAP_WORD.match(text, pos)
        if gap is None or not (
            gap.group().strip().casefold() in lex.special_gap_words
            or _YEAR_WORD.fullmatch(gap.group().strip())
        ):
            return None
        pos = gap.end()
    return None


def _opens_segment(seg: _Segment, start: int, end: int) -> bool:
    """Whether the phrase at ``start``-``end`` opens the short segment ``seg`` (after a bullet, dates and at
    most ``_LEAD_WORDS`` words, with no clause mark before it)."""
    if len(seg.text) > _SHORT_SEGMENT or end > seg.end:
        return False
    before = seg.text[: start - seg.start]
    lead = _FAMILY_LEAD.match(before)
    before = before[lead.end() if lead is not None else 0 :]
    return _CLAUSE_MARK.search(before) is None and len(_FIRST_RUN.findall(before)) <= _LEAD_WORDS


def _special_openers(text: str, segments: list[_Segment], lex: _Lexicon) -> Iterator[Span]:
    """A short segment that holds a word of ``lex.special_openers`` and dates only ("Utbrändhet 2019",
    "Sjukskriven 2019–2020", "2020 Sick leave"; not "Stress, burnout och återhämtning", a list of topics),
    and, when it is a whole line without a year, the date line beside it."""
    if not lex.special_openers:
        return
    for seg in segments:
        if len(seg.text) > _SHORT_SEGMENT:
            continue
        lead = _FAMILY_LEAD.match(seg.text)
        head = lead.end() if lead is not None else 0
        for cat, pattern in lex.special_openers:
            m = pattern.match(seg.text, head)
            if m is None or not _ONLY_DATES.fullmatch(seg.text, m.end()):
                continue
            yield _strip(text, seg.start, seg.end, cat)
            whole = seg.text.strip() == _line_at(text, seg.line_start).strip()
            if whole and _YEARISH.search(seg.text) is None:
                yield from _date_line_beside(text, seg.line_start, lex, cat)
            break


_ONLY_DATES = re.compile(r"[\s\-–—:.,()]*(?:(?:19|20)\d\d(?:-\d\d(?!\d))?[\s\-–—/.,()]*)*")


def _addresses(text: str, segments: list[_Segment], lex: _Lexicon) -> Iterator[Span]:
    for seg in segments:
        m = lex.street.search(seg.text)
        if m is None:
            continue
        if len(seg.text) <= _SHORT_SEGMENT:
            yield _strip(text, seg.start, seg.end, "address")
        else:
            yield (seg.start + m.start(), seg.start + m.end(), "address")


_DETECTORS: tuple[Callable[[str, list[_Segment], _Lexicon], Iterable[Span]], ...] = (
    _labelled,
    _first_line_name,
    _regex_spans(_EMAIL, "email", needs=re.compile("@")),
    _links,
    _regex_spans(_ID_NUMBER, "id_number", needs=re.compile(r"\d{6}")),
    _phones,
    _regex_spans(_IMAGE_MD, "photo", needs=re.compile(r"!\[")),
    _regex_spans(_IMAGE_FILE, "photo", needs=_IMAGE_SUFFIX),
    _photos,
    _ages,
    _gender,
    _addresses,
    _births,
    _family,
    _special,
)


def _name_elsewhere(text: str, spans: list[Span], lex: _Lexicon) -> Iterator[Span]:
    """Every other occurrence of a name word found in a name span, in any case and with a possessive
    ("Mr Sampleworth", "SAMPLEWORTH", "Testssons", a profile link's "testa-testsson")."""
    tokens: set[str] = set()
    for start, end, cat in spans:
        if cat == "name":
            value = text[start:end]
            label = lex.name_label.match(value)
            value = value[label.end() :] if label is not None else value
            tokens.update(t for t in _NAME_TOKEN.findall(value) if len(t) > 1)
    for token in sorted(tokens, key=len, reverse=True):
        pattern = rf"(?<![^\W_]){re.escape(token)}(?:['’]?s)?(?![^\W_])"
        for m in re.finditer(pattern, text, re.IGNORECASE):
            yield (m.start(), m.end(), "name")


def _strip(text: str, start: int, end: int, category: str) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end, category)


def _merge(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for start, end, cat in sorted(s for s in spans if s[1] > s[0]):
        if out and start <= out[-1][1]:
            prev = out[-1]
            # The longer of two spans at one start names the merged one: an e-mail, not the name in it.
            kept = cat if start == prev[0] and end > prev[1] else prev[2]
            out[-1] = (prev[0], max(prev[1], end), kept)
        else:
            out.append((start, end, cat))
    return out


def _apply(text: str, spans: list[Span], *, keep_length: bool) -> str:
    parts: list[str] = []
    pos = 0
    for start, end, _ in spans:
        parts.append(text[pos:start])
        removed = text[start:end]
        parts.append("".join("\n" if ch == "\n" else " " for ch in removed) if keep_length else " ")
        pos = end
    parts.append(text[pos:])
    return "".join(parts)
