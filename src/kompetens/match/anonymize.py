"""Remove personal data from CV text before anything scores it.

What goes: name, personal identity number, birth date or year, age, gender words, photo references,
address, e-mail, phone and profile links; and nationality, family status and religion fields. The result
names the categories it removed, never the values.
The words come from ``lang/<code>/cv.json`` of every language at once, because a CV may mix languages.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

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
)

Span = tuple[int, int, str]
"""``(start, end, category)``: offsets into the original text."""

# A line is split into segments at these separators: "a@b.se · 070-... | Foo".
_SEPARATORS = re.compile(r"\s[·•|/]\s|[·•|]|\t|(?<=[^\W\d])\.\s|(?<=\d)\.\s(?=[^\W\d])")
_WORD = r"[^\W\d_][\w'’\-]*"
_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
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
    document_titles: frozenset[str]
    title_words: frozenset[str]
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


def anonymize(text: str, *, keep_length: bool = True) -> Anonymized:
    """Remove personal data from ``text``.

    ``keep_length=True`` blanks each removed character with a space, so offsets still point into the
    original. ``keep_length=False`` replaces each removed span by one space: the result is then the same
    whatever the removed values were, which is what scoring needs.
    """
    lex = _lexicon()
    segments = list(_segments(text))
    spans: list[Span] = []
    for detector in _DETECTORS:
        spans.extend(detector(text, segments, lex))
    spans.extend(_name_elsewhere(text, spans))
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
        )
    )
    units = "|".join(re.escape(u) for u in words("age_units"))
    sections = {w for d in data for ws in d.get("sections", {}).values() for w in ws}
    titles = sorted({w for d in data for w in d.get("document_titles", [])}, key=lambda w: (-len(w), w))
    births = "|".join(re.escape(w.rstrip(".")) for w in words("birth_labels"))
    age_phrases = words("age_patterns")
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
        section_words=frozenset(w.lower() for w in sections),
        document_titles=frozenset(w.lower() for d in data for w in d.get("document_titles", [])),
        title_words=frozenset(w.lower() for d in data for w in d.get("title_words", [])),
        document_prefix=re.compile(rf"(?:{'|'.join(map(re.escape, titles))})\s*[–—:|-]\s*", re.IGNORECASE),
        birth=re.compile(
            rf"(?<![\w.])(?:{births})\.?:?\s+(?:(?:den|on|in)\s+)?"
            r"(?:\d{1,2}(?:st|nd|rd|th|:e|:a)?\.?\s+[^\W\d_]+\.?,?\s+|\d{1,2}[./-]\d{1,2}[./-]|[^\W\d_]+\.?\s+)?"
            r"(?:19|20)\d\d(?:-\d\d-\d\d)?(?!\d)",
            re.IGNORECASE,
        ),
        gender_heads=tuple(w.casefold() for w in words("gender_heads")),
        age_words=frozenset(w.casefold() for w in words("age_words")),
        age_adjectives=frozenset(w.casefold() for w in words("age_adjectives")),
        age_phrases=(
            re.compile(rf"(?<!\w)(?:{'|'.join(age_phrases)})(?!\w)", re.IGNORECASE) if age_phrases else None
        ),
    )


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
    """``Label: value`` fields: the whole segment goes, label included."""
    for seg in segments:
        for cat, pattern in lex.labels:
            if pattern.match(seg.text):
                yield _strip(text, seg.start, seg.end, cat)
                break


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
    _regex_spans(_LINK, "profile_link", needs=re.compile(r"\.com", re.IGNORECASE)),
    _regex_spans(_ID_NUMBER, "id_number", needs=re.compile(r"\d{6}")),
    _phones,
    _regex_spans(_IMAGE_MD, "photo", needs=re.compile(r"!\[")),
    _regex_spans(_IMAGE_FILE, "photo", needs=_IMAGE_SUFFIX),
    _photos,
    _ages,
    _gender,
    _addresses,
    _births,
)


def _name_elsewhere(text: str, spans: list[Span]) -> Iterator[Span]:
    """Every other occurrence of a name word found in a name span ("Mr Sampleworth" later on)."""
    tokens: set[str] = set()
    for start, end, cat in spans:
        if cat == "name":
            tokens.update(t for t in _NAME_TOKEN.findall(text[start:end]) if len(t) > 1)
    for label_free in sorted(tokens, key=len, reverse=True):
        for m in re.finditer(rf"(?<![\w\-]){re.escape(label_free)}(?![\w\-])", text):
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
            out[-1] = (prev[0], max(prev[1], end), prev[2])
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
