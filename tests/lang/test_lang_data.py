"""Language data a contributor edits: a slip in a file is an error that names the file and the entry (hunt hH),
not a bare KeyError, re.error or JSONDecodeError from deep in the engine."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from kompetens.lang import LANGUAGES, LanguageDataError, lang_data, parse_lang_file
from kompetens.review import lexicon
from kompetens.review.lexicon import CATEGORIES, check_bias_data


def test_the_shipped_files_parse_and_pass_their_checks() -> None:
    for lang in LANGUAGES:
        for name in ("bias", "glossary", "sections", "synonyms", "review", "web"):
            lang_data(lang, name)
        check_bias_data(lang, lang_data(lang, "bias"))


def test_every_shipped_rule_names_a_known_category() -> None:
    used = {e["category"] for lang in LANGUAGES for e in lang_data(lang, "bias")["phrases"]}
    assert used <= set(CATEGORIES)


def test_json_that_does_not_parse_names_the_file_and_the_line() -> None:
    with pytest.raises(LanguageDataError, match=r"lang/sv/bias\.json: invalid JSON at line 3, column 1"):
        parse_lang_file("sv", "bias", '{"phrases": [\n  {"id": "x"},\n]}')


@pytest.mark.parametrize("value", ["liveliness", None, [], ["a", "b", "c", "d"], [""], [3]])
def test_a_glossary_word_of_the_wrong_shape_is_refused_with_its_key(value: Any) -> None:
    """A bare string was read letter by letter: "liveliness" glossed "sprallighet" as "l"."""
    text = json.dumps({"words": {"sprallighet": value}})
    with pytest.raises(LanguageDataError, match=r"lang/sv/glossary\.json: words\['sprallighet'\]"):
        parse_lang_file("sv", "glossary", text)


def test_a_glossary_key_in_upper_case_is_refused() -> None:
    with pytest.raises(LanguageDataError, match="lower case"):
        parse_lang_file("sv", "glossary", '{"words": {"Sprallighet": ["liveliness"]}}')


def _with_rule(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(lang_data("sv", "bias"))
    rule = {
        "id": "age.sprallig",
        "category": "age",
        "kind": "coded",
        "pattern": "spralliga?",
        "explanation": "Fiktiv regel.",
        "suggestion": "Fiktivt förslag.",
        "source": "Fiktiv källa",
    }
    for key, value in changes.items():
        if value is None:
            del rule[key]
        else:
            rule[key] = value
    data["phrases"].append(rule)
    return data


@pytest.mark.parametrize(
    ("changes", "said"),
    [
        ({"pattern": None}, "'pattern' is missing"),
        (
            {"pattern": "spralliga?("},
            "the pattern does not compile: missing ), unterminated subpattern at position 10",
        ),
        ({"pattern": ["sprallig"]}, "'pattern' must be a non-empty string"),
        ({"category": "alder"}, "unknown category 'alder'; one of age, gender"),
        ({"explanation": ""}, "'explanation' must be a non-empty string"),
        ({"id": "age.ung"}, "the id is given twice"),
        ({"gate": "sprallig"}, "'gate' must be a list of strings"),
    ],
)
def test_a_broken_phrase_rule_is_refused_naming_the_file_and_the_rule(
    changes: dict[str, Any], said: str
) -> None:
    data = _with_rule(**changes)
    index = len(data["phrases"]) - 1
    with pytest.raises(LanguageDataError) as info:
        check_bias_data("sv", data)
    message = str(info.value)
    assert message.startswith(f"lang/sv/bias.json: phrases[{index}] (id "), message
    assert said in message


def test_other_rules_must_name_a_rule_of_the_file() -> None:
    data = copy.deepcopy(lang_data("sv", "bias"))
    data["other_rules"]["age.fictional"] = "age.no_such_rule"
    with pytest.raises(LanguageDataError, match=r"other_rules\['age.fictional'\]: names 'age.no_such_rule'"):
        check_bias_data("sv", data)


def test_the_lexicon_refuses_a_broken_file_before_compiling_it(monkeypatch: pytest.MonkeyPatch) -> None:
    broken = _with_rule(pattern=None)
    real = lexicon.lang_data
    monkeypatch.setattr(
        lexicon,
        "lang_data",
        lambda lang, name: broken if (lang, name) == ("sv", "bias") else real(lang, name),
    )
    with pytest.raises(LanguageDataError, match=r"lang/sv/bias\.json: phrases\[\d+\] \(id 'age.sprallig'\)"):
        lexicon.bias_lexicon.__wrapped__("en")


def test_a_broken_glossary_is_not_taken_for_a_damaged_linking_index() -> None:
    """The linker's loader turns a ValueError into "the linking index is damaged; rebuild it" (E201):
    rebuilding would not help a slip in the package's glossary, so the error is no ValueError."""
    assert not issubclass(LanguageDataError, ValueError)
