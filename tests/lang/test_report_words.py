"""The interfaces' words (lang/<lang>/{review,rank,job,market,shortlist,team}.json): the same keys and placeholders in every
language, and each language's text in that language."""

from __future__ import annotations

import re
import string
from typing import Any

import pytest

from kompetens.errors import KompetensError
from kompetens.ingest.langdetect import detect_language
from kompetens.lang import REPORT_LANGS, lang_data, report_lang, report_words

NAMES = ("review", "rank", "job", "market", "shortlist", "team")


def _flat(words: dict[str, Any], prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in words.items():
        if key.startswith("_"):
            continue
        if isinstance(value, dict):
            out |= _flat(value, f"{prefix}{key}.")
        else:
            out[f"{prefix}{key}"] = str(value)
    return out


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("name", NAMES)
def test_every_key_and_placeholder_is_in_every_language(name: str) -> None:
    flat = {lang: _flat(lang_data(lang, name)) for lang in REPORT_LANGS}
    english = flat["en"]
    assert english, name
    for lang, words in flat.items():
        assert set(words) == set(english), (name, lang, set(words) ^ set(english))
        for key, text in words.items():
            assert _fields(text) == _fields(english[key]), (name, lang, key)


# words one file keeps as they are in the other language: reasons' and flag categories' ids, endonyms
SAME_ALLOWED = re.compile(
    r"^(reasons\.|verdicts\.neutral$|language_name$|html\.(merit|gender_source)$|neutral$)"
)


@pytest.mark.parametrize("name", ("review", "rank", "job", "shortlist", "team"))
@pytest.mark.parametrize("lang", REPORT_LANGS)
def test_each_language_speaks_its_own_language(name: str, lang: str) -> None:
    words = _flat(lang_data(lang, name))
    text = " ".join(re.sub(r"\{[^}]*\}", " ", v) for k, v in words.items() if k != "language_name")
    assert detect_language(text) == lang, (name, lang)
    other = next(o for o in REPORT_LANGS if o != lang)
    theirs = _flat(lang_data(other, name))
    same = [k for k, v in words.items() if len(v) > 3 and v == theirs[k] and not SAME_ALLOWED.match(k)]
    assert not same, (name, lang, same)  # a text left untranslated


def test_report_lang_auto_follows_the_text_and_a_language_without_words_is_e301() -> None:
    assert report_lang(None) == report_lang("") == "en"
    assert report_lang("auto", "sv") == "sv" and report_lang("auto", "fr") == "en"
    assert report_lang("sv", "en") == "sv"
    with pytest.raises(KompetensError) as caught:
        report_words("review", "fr")
    assert caught.value.field == "report_lang"
