"""Language data as plain files: ``lang/<code>/<name>.json``, the same names in every language folder.

Core code never branches on a language: it asks ``lang_data(code, name)`` and gets that language's data.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache, lru_cache
from importlib import resources
from typing import Any

LANGUAGES: tuple[str, ...] = ("sv", "en")


class LanguageDataError(Exception):
    """A language-data file that cannot be used: its message names the file (``lang/<code>/<name>.json``),
    the entry and what is wrong with it, so that a contributor's slip in a rule or a word is not a bare
    ``KeyError`` or ``JSONDecodeError`` from deep in the engine. Not a ValueError, so that no handler meant
    for a damaged data folder ("the linking index is damaged; rebuild it") takes it for one."""


def data_file(lang: str, name: str) -> str:
    """How an error names a language-data file: ``lang/sv/bias.json``."""
    return f"lang/{lang}/{name}.json"


def parse_lang_file(lang: str, name: str, text: str) -> Any:
    """``text``, the contents of ``lang/<lang>/<name>.json``, parsed and checked where a check is known
    (``glossary``); LanguageDataError naming the file for JSON that does not parse or an entry of the wrong
    shape."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LanguageDataError(
            f"{data_file(lang, name)}: invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from None
    check = _CHECKS.get(name)
    if check is not None:
        check(data_file(lang, name), data)
    return data


def _check_glossary(where: str, data: Any) -> None:
    """``glossary.json``: ``words`` maps a Swedish base form (lower case) to a list of 1-3 English renderings,
    best first (a bare string would be read letter by letter: "liveliness" glossed as "l")."""
    found = data.get("words", {}) if isinstance(data, dict) else None
    if not isinstance(found, dict):
        raise LanguageDataError(f"{where}: 'words' must be an object of word -> [English renderings]")
    for word, english in found.items():
        if (
            not isinstance(english, list)
            or not 1 <= len(english) <= 3
            or not all(isinstance(e, str) and e.strip() for e in english)
        ):
            raise LanguageDataError(
                f"{where}: words[{word!r}] must be a list of 1-3 English renderings (non-empty strings), "
                f"got {english!r}"
            )
        if word != word.lower():
            raise LanguageDataError(f"{where}: words[{word!r}]: a key is a base form in lower case")


_CHECKS = {"glossary": _check_glossary}
"""The files whose entries ``lang_data`` checks as it loads them; ``bias.json`` is checked where it is
compiled (``review.lexicon``), which knows its categories and compiles its patterns."""


@lru_cache(maxsize=64)
def lang_data(lang: str, name: str) -> Any:
    """The parsed ``lang/<lang>/<name>.json``; an empty dict when that language has no such file;
    LanguageDataError (naming the file and the entry) for one that does not parse or fails its check."""
    if lang not in LANGUAGES:
        return {}
    path = resources.files(__package__).joinpath(lang, f"{name}.json")
    if not path.is_file():
        return {}
    return parse_lang_file(lang, name, path.read_text(encoding="utf-8"))


REPORT_LANGS: tuple[str, ...] = LANGUAGES
"""The languages a report is written in (``--report-lang``, the API's ``report_lang``): its headings and notes,
not the ad's or the CV's own words."""


def report_words(name: str, lang: str = "en") -> dict[str, Any]:
    """An interface's words in ``lang`` (``lang/<lang>/<name>.json``: ``market``, ``review``, ``rank``,
    ``job``); E301 (``field`` ``report_lang``) for a language without them."""
    found: dict[str, Any] = lang_data(lang, name)
    if not found:
        from ..errors import Code, KompetensError

        raise KompetensError(
            Code.E301,
            f"no {name} report in {lang!r}; choose {' or '.join(REPORT_LANGS)}",
            field="report_lang",
        )
    return found


def counted(form: str | Mapping[str, str], n: int, **slots: object) -> str:
    """``form`` filled in for the count ``n``: a text with ``{n}``, or ``{"one": ..., "other": ...}`` where the noun
    agrees with the number ("1 flagga", "6 flaggor"), so that no report writes "flagg(or)"."""
    text = form if isinstance(form, str) else form["one" if n == 1 else "other"]
    return text.format(n=n, **slots)


def report_lang(choice: str | None, detected: str | None = None) -> str:
    """The language a report is written in: ``choice`` (sv, en), or with ``auto`` the text's own language
    (``detected``) where words exist for it, else English; None is English (the default)."""
    if choice is None or choice == "":
        return "en"
    if choice == "auto":
        return detected if detected in REPORT_LANGS else "en"
    return choice


@cache
def _error_patterns(lang: str) -> tuple[dict[str, Any], tuple[tuple[Any, str], ...]]:
    """``lang/<lang>/errors.json`` and its messages as patterns: each ``{name}`` of an English message matches
    the part that varies (a file name, a number), which its translation says again."""
    import re

    words: dict[str, Any] = {} if lang == "en" else lang_data(lang, "errors")
    patterns = tuple(
        (re.compile(re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>.+?)", re.escape(english)), re.DOTALL), said)
        for english, said in words.get("messages", {}).items()
    )
    return words, patterns


def error_words(lang: str) -> dict[str, Any]:
    """``lang/<lang>/errors.json``: the coded errors' kinds, messages, names, fields and HTTP phrases in
    ``lang`` (empty for English, the errors' own language)."""
    return _error_patterns(lang)[0]


def said_error(message: str, lang: str) -> str:
    """A coded error's English message in ``lang`` where ``lang/<lang>/errors.json`` has it (its varying
    parts kept, a role or a language named in that language), else as written: what the web pages show,
    and the CLI under ``--report-lang sv`` (hunt hO2: "error cv.txt: the file is empty" in a Swedish run)."""
    words, patterns = _error_patterns(lang)
    names: dict[str, str] = words.get("names", {})
    for pattern, said in patterns:
        found = pattern.fullmatch(message)
        if found is not None:
            return said.format(**{k: names.get(v, v) for k, v in found.groupdict().items()})
    return message


def merged(name: str, key: str) -> list[str]:
    """``key`` from ``name`` across all languages (for text whose language is unknown)."""
    out: list[str] = []
    for lang in LANGUAGES:
        out.extend(lang_data(lang, name).get(key, []))
    return out


FUNCTION_WORD_KEYS = ("common", "markers")
"""The lists of a language's ``detect.json`` that hold its function words ("och", "andra", "även", "the")."""


@lru_cache(maxsize=8)
def function_words(lang: str) -> frozenset[str]:
    """The function words of ``lang`` (``detect.json``'s ``common`` and ``markers``), lowercased; empty for a
    language without data. That language's only: the English "it" is the Swedish "IT"."""
    data = lang_data(lang, "detect")
    return frozenset(w.lower() for key in FUNCTION_WORD_KEYS for w in data.get(key, []))


_GENERIC_MEMO_MAX = 50_000


class _GenericWords:
    """``sections.json`` ``generic_area_evidence`` of every language, as one test."""

    def __init__(self) -> None:
        import re

        patterns = merged("sections", "generic_area_evidence")
        alternatives = "|".join(f"(?:{p})" for p in patterns)
        self.pattern = re.compile(alternatives, re.IGNORECASE) if patterns else None
        self.memo: dict[str, bool] = {}

    def __call__(self, text: str) -> bool:
        found = self.memo.get(text)
        if found is None:
            found = self.pattern is not None and self.pattern.fullmatch(text.strip()) is not None
            if len(self.memo) > _GENERIC_MEMO_MAX:
                self.memo.clear()
            self.memo[text] = found
        return found


@lru_cache(maxsize=1)
def _generic_words() -> _GenericWords:
    return _GenericWords()


def is_generic_evidence(text: str) -> bool:
    """Whether a mention's words are ``generic_area_evidence`` (``sections.json``: "engagemang",
    "serviceinriktad", "Excel"): every kind of job ad asks for them, so in an ad they show no area.

    Every language's list, whatever the ad's language: ads mix languages, and with each language's own list
    the Swedish ads outside the field given three or more areas rose from 9 to 11 of 153 on the check half
    of bench/review_real.py (3 of 120 on tune either way). Memoised: it is asked of every mention with an
    area."""
    return _generic_words()(text)
