"""Language identification with lingua, limited to the languages near ours.

The detector knows a few neighbours of Swedish and English (Danish, Norwegian, German, Finnish...)
so that a Danish ad is reported as unsupported instead of being forced into "sv". It is built once,
lazily, in low-accuracy (trigram) mode: lingua uses only trigrams for texts of 120+ characters
anyway, and the full models take seconds to load.

Most texts are plainly Swedish or English: their own function words ("och", "att", "är"; "the", "and",
"you") outnumber every other language's, and none of the letters the language never uses appear. Those
are decided from ``lang/<code>/detect.json`` without lingua, whose models take 0.2 s to load in a
one-document command. A text that mixes its languages line by line (a Swedish ad with English
sentences) is decided by the share of its letters on lines each language's function words decide
(``by_line_share``). Every other text goes to lingua, at about 0.7 ms for 1,000 characters.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Collection, Iterator
from typing import Any

from kompetens.lang import LANGUAGES, lang_data

SUPPORTED_LANGS: tuple[str, ...] = ("sv", "en")
"""Languages kompetens serves; anything else is reported as "und"."""

CANDIDATE_LANGS: tuple[str, ...] = (
    "sv", "en", "da", "nb", "nn", "de", "fi", "nl", "fr", "es",
)  # fmt: skip
"""Languages the detector chooses between (ISO 639-1); detection time grows with their number."""

UNDETERMINED = "und"
LANGUAGE_NAMES: dict[str, str] = {
    "sv": "Swedish", "en": "English", "da": "Danish", "nb": "Norwegian (Bokmål)", "nn": "Norwegian (Nynorsk)",
    "de": "German", "fi": "Finnish", "nl": "Dutch", "fr": "French", "es": "Spanish",
}  # fmt: skip
"""English names of the candidate languages, for messages ("French is not supported")."""
PART_MIN_LETTERS = 40
"""A paragraph needs this many letters before its language is identified on its own."""
SAMPLE_CHARS = 1000
"""Characters looked at: detection time grows with length; 1,000 were as right as 2,000 on sv/en."""
_MIN_CONFIDENCE = 0.5  # below this the top guess is a coin toss between neighbours
_MIN_LETTERS = 3


@functools.cache
def _detector() -> Any:
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = [
        Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in CANDIDATE_LANGS
    ]
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def sample(text: str, *, limit: int = SAMPLE_CHARS) -> str:
    """The first ``limit`` characters, cut back to a word boundary."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    cut = max(head.rfind(" "), head.rfind("\n"))
    return head[:cut] if cut > limit // 2 else head


_WORD = re.compile(r"[^\W\d_]+")
MARKERS_MIN = 5
"""Function words a text needs before its language is decided without lingua."""
MARKERS_MARGIN = 2.5
"""...and how many times more of them than of any other language's."""


@functools.cache
def _markers() -> tuple[dict[str, str], dict[str, str]]:
    """Marker word -> language, and language -> letters it does not use."""
    words: dict[str, str] = {}
    foreign: dict[str, str] = {}
    for code in LANGUAGES:
        data = lang_data(code, "detect")
        words.update((w, code) for w in data.get("markers", []))
        foreign[code] = data.get("foreign_letters", "")
    return words, foreign


def by_function_words(text: str) -> str | None:
    """The language whose function words clearly dominate ``text`` (and whose excluded letters are
    absent), or None: then only the statistical detector can tell."""
    words, _ = _markers()
    low = text.lower()
    return _dominant(Counter(filter(None, map(words.get, _WORD.findall(low)))), low)


def _dominant(counts: Counter[str], low: str) -> str | None:
    """The language of ``counts`` (function words by language, of the lower-cased ``low``) that has at least
    ``MARKERS_MIN`` of them and ``MARKERS_MARGIN`` times the next, none of its excluded letters in ``low``."""
    if not counts:
        return None
    (best, n), *rest = counts.most_common()
    runner_up = rest[0][1] if rest else 0
    if n < MARKERS_MIN or n < MARKERS_MARGIN * runner_up:
        return None
    if any(ch in low for ch in _markers()[1][best]):
        return None
    return best


LINE_COVER = 0.6
"""``by_line_share`` decides when the lines that function words decide hold this share of the letters..."""
LINE_MARGIN = 2.0
"""...and one language's lines hold this many times the letters of the other's."""


def by_line_share(text: str) -> str | None:
    """The language of most of the letters of ``text``, each line decided by its own function words,
    or None when too few lines are decided or no language clearly has most of them.

    A Swedish ad with English lines has English function words in numbers that ``by_function_words``
    cannot weigh against the Swedish ones (English uses more of them a sentence); by lines, it is
    plainly Swedish. On 1,475 such generated ads lingua gave the same answer every time this decided.
    """
    words, foreign = _markers()
    low = text.lower()
    share: Counter[str] = Counter()
    total = 0
    for line in low.split("\n"):
        found = _WORD.findall(line)
        letters = sum(map(len, found))
        total += letters
        counts = Counter(lang for lang in map(words.get, found) if lang is not None)
        if not counts:
            continue
        (best, n), *rest = counts.most_common()
        if rest and n < 2 * rest[0][1]:
            continue  # a line of both languages decides nothing
        share[best] += letters
    if not share:
        return None
    (best, n), *rest = share.most_common()
    other = rest[0][1] if rest else 0
    if n + other < LINE_COVER * total or n < LINE_MARGIN * other:
        return None
    if any(ch in low for ch in foreign[best]):
        return None
    return best


def has_letters(text: str, n: int) -> bool:
    """Whether ``text`` holds ``n`` letters: stops at the n-th (counting all 1,000 of a sample's
    characters cost a fifth of a millisecond an ad)."""
    for ch in text:
        if ch.isalpha():
            n -= 1
            if n <= 0:
                return True
    return n <= 0


def identify_language(text: str) -> str | None:
    """The most likely candidate language (ISO 639-1), or None when the text gives no clear answer."""
    text = sample(text)
    if not has_letters(text, _MIN_LETTERS):
        return None
    decided = by_function_words(text)
    if decided is None and "\n" in text:
        decided = by_line_share(text)
    if decided is not None:
        return decided
    values = _detector().compute_language_confidence_values(text)
    if not values or values[0].value < _MIN_CONFIDENCE:
        return None
    code = str(values[0].language.iso_code_639_1.name.lower())
    return _not_a_neighbour(code, text.lower())


def _not_a_neighbour(code: str, low: str) -> str:
    """``code``, unless it is a neighbour of a supported language that the text's letters rule out: a short
    Swedish sentence lingua takes for Danish ("Som receptionist ansvarar du även för företagets
    Facebooksida") writes "ä" or "ö", which Danish and Norwegian never do, and none of their "æ", "ø". Then
    that supported language (``neighbours`` in ``lang/<code>/detect.json``, and the letters only it writes
    of them: ``own_letters``)."""
    for lang in SUPPORTED_LANGS:
        data = lang_data(lang, "detect")
        theirs = data.get("neighbours", {}).get(code)
        own = data.get("own_letters", "")
        if theirs and own and any(ch in low for ch in own) and not any(ch in low for ch in theirs):
            return lang
    return code


def detect_language(text: str, *, supported: Collection[str] = SUPPORTED_LANGS) -> str:
    """``"sv"``, ``"en"`` (or another of ``supported``), else ``"und"``."""
    code = identify_language(text)
    return code if code is not None and code in supported else UNDETERMINED


def language_name(code: str | None) -> str:
    """ "French" for "fr"; the code itself for a language without a name here."""
    if code is None:
        return "an unidentified language"
    return LANGUAGE_NAMES.get(code, repr(code))


FOREIGN_MIN_WORDS = 12
"""A paragraph of a supported-language document is checked for another language from this many words..."""
FOREIGN_COMMON_SHARE = 0.06
"""...when under this share of its words are the supported languages' common words (``common`` in
``lang/<code>/detect.json``: on 9,189 prose paragraphs of real Swedish and English ads, 43 fall under it; a
French, Dutch or German paragraph holds none)...
"""
FOREIGN_LOWER_SHARE = 0.5
"""...and at least this share are lower-case words (a list of tools or brands is no language)."""
ODD_LETTERS = "æøüß"
"""Letters neither Swedish nor English writes..."""
ODD_LETTERS_MIN = 3
"""...a paragraph holding this many of them is checked whatever its words (a name like "Müller" is not)."""
FOREIGN_LIST_SHARE = 0.2
"""...and has fewer commas and semicolons than this share of its words (more: a list of skills or tools)."""
_BLANK_LINES = re.compile(r"\n[^\S\n]*\n\s*")


@functools.cache
def _other_markers(lang: str) -> frozenset[str]:
    """The function words of the languages other than ``lang`` (a set: a text's words are looked up in C)."""
    words, _ = _markers()
    return frozenset(w for w, code in words.items() if code != lang)


def other_supported_paragraphs(text: str, lang: str) -> dict[str, list[tuple[int, int]]]:
    """The paragraphs of a Swedish or English document that its function words show are written in the other
    supported language (an English "About us" in a Swedish ad), by language: their wording is that
    language's. A paragraph too short to decide stays the document's."""
    low = text.lower()
    # Split as the paragraphs are below ("you:" and "and," are function words too), or a paragraph that
    # the loop would decide is never reached.
    if sum(map(_other_markers(lang).__contains__, _SEPARATORS.split(low))) < MARKERS_MIN:
        return {}  # too few of the other languages' function words for any paragraph to be decided
    words, _ = _markers()
    out: dict[str, list[tuple[int, int]]] = {}
    for start, end in paragraph_spans(text):
        seg = low[start:end]
        # by_function_words' decision on a split instead of a regex: a third of the time
        code = _dominant(Counter(filter(None, map(words.get, _SEPARATORS.split(seg)))), seg)
        if code is not None and code != lang and code in SUPPORTED_LANGS:
            out.setdefault(code, []).append((start, end))
    return out


def paragraph_spans(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each blank-line-separated paragraph, without its surrounding white space."""
    at = 0
    for gap in [*_BLANK_LINES.finditer(text), None]:
        end = gap.start() if gap is not None else len(text)
        piece = text[at:end]
        stripped = piece.strip()
        if stripped:
            start = at + len(piece) - len(piece.lstrip())
            yield start, start + len(stripped)
        if gap is not None:
            at = gap.end()


@functools.cache
def _common_words() -> frozenset[str]:
    """The supported languages' common words (``common`` in ``lang/<code>/detect.json``)."""
    return frozenset(w for code in SUPPORTED_LANGS for w in lang_data(code, "detect").get("common", []))


_SEPARATORS = re.compile(r"[\s.,;:!?()\[\]{}\"'”“’«»/•·*–—|<>]+")


def foreign_paragraphs(text: str, lang: str) -> list[tuple[int, int, str | None]]:
    """``(start, end, language)`` of the paragraphs of a document in ``lang`` (Swedish or English) that read
    as another language ("Nous recherchons..." in a Swedish ad). Cheap (a C-level split and a set
    look-up a word): a paragraph goes to the statistical detector only when under ``FOREIGN_COMMON_SHARE``
    of its words are common words of the supported languages, or it holds ``ODD_LETTERS_MIN`` letters neither
    language writes (a Danish paragraph shares many words with Swedish, not "ø"), and it is prose (not a
    list: few commas; mostly lower-case words); one it cannot tell, tells as a supported language, or tells as a
    neighbour of ``lang`` without that neighbour's letters (``neighbours`` in ``lang/<code>/detect.json``)
    is left out."""
    common = _common_words()
    low = text.lower()
    out: list[tuple[int, int, str | None]] = []
    for start, end in paragraph_spans(text):
        seg = low[start:end]
        words = _SEPARATORS.split(seg)
        n = len(words)
        if n < FOREIGN_MIN_WORDS:
            continue
        if sum(map(common.__contains__, words)) >= FOREIGN_COMMON_SHARE * n and (
            sum(map(seg.count, ODD_LETTERS)) < ODD_LETTERS_MIN
        ):
            continue
        para = text[start:end]
        if para.count(",") + para.count(";") > FOREIGN_LIST_SHARE * n:
            continue
        if sum(map(str.islower, _SEPARATORS.split(para))) < FOREIGN_LOWER_SHARE * n:
            continue
        code = identify_language(para)
        if code is None or code in SUPPORTED_LANGS:
            continue
        letters = lang_data(lang, "detect").get("neighbours", {}).get(code)
        if letters and not any(ch in seg for ch in letters):
            continue
        out.append((start, end, code))
    return out


def paragraph_languages(text: str) -> list[tuple[int, int, str | None]]:
    """``(start, end, language)`` of each blank-line-separated paragraph with enough letters to tell.

    Ads mix languages: a Swedish ad with an English or a French paragraph is read in the language of
    most of its text, and the other parts are named.
    """
    parts: list[tuple[int, int, str | None]] = []
    for start, end in paragraph_spans(text):
        para = text[start:end]
        if has_letters(para, PART_MIN_LETTERS):
            parts.append((start, end, identify_language(para)))
    return parts
