"""Every Swedish text a user reads is Swedish: no English left in the language data of the reports, the interview
kit, the web pages and the ad review's flags (explanations, neutral rewrites and their sources), and none in a
printed Swedish review. Quoted words (an ad's words, a cited title, an English term explained) and the names of
laws, journals and formats stay as they are. docs/glossary-sv.md holds the chosen Swedish words."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from kompetens.lang import counted, lang_data
from kompetens.layout import layout_cues, segment
from kompetens.review import bias_lexicon, find_flags

# English words that are no Swedish words (a Swedish text holding one has English left in it)
ENGLISH = re.compile(
    r"\b(the|of|and|with|to|because|try|flags?|more|lines?|words|missing|skills|ads|applicants|older|may|"
    r"should|are|were|this|that|which|or|analogous|binding|law|validity|stems|thesis|added|after|before|"
    r"course|examples|relayed|secondary|proxy|cap|challenged|rejecting|choose|left|career)\b",
    re.IGNORECASE,
)
# quoted words ('…', “…”, ”…”) and names kept in their own language
QUOTED = re.compile(r"'[^']*'|“[^”]*”|”[^”]*”|\"[^\"]*\"")
NAMES = re.compile(
    r"Age Discrimination in Employment Act|J\. Applied Psychology|JSON lines|Help Really Wanted\?[^;]*"
    r"|Likestillings- og diskrimineringsombudet|Search Console|[\w.]+ v\. [\w. ]+"
)

FILES = ("review", "rank", "team", "shortlist", "explanation", "interview", "web", "market")


def _texts(value: Any, key: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, dict):
        for k, v in value.items():
            if not str(k).startswith("_") and k not in {"kind"}:
                yield from _texts(v, f"{key}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _texts(v, f"{key}[{i}]")
    elif isinstance(value, str):
        yield key, value


def _bias_texts() -> Iterator[tuple[str, str]]:
    bias = lang_data("sv", "bias")
    for rule in bias["phrases"]:
        for field in ("explanation", "suggestion", "source"):
            yield f"{rule['id']}.{field}", rule[field]
    for rule_id, said in bias["other_rules"].items():
        if isinstance(said, dict):
            yield from _texts(said, rule_id)
    gender = bias["gender"]
    yield "gender.source", gender["source"]
    yield from _texts(gender["explanation"], "gender.explanation")
    yield "gender.default_suggestion", gender["default_suggestion"]
    yield "gender.suggestion_template", gender["suggestion_template"]
    for stem in gender["stems"]:
        if "suggestion" in stem:
            yield f"gender.{stem['stem']}.suggestion", stem["suggestion"]


def _english_left(text: str) -> list[str]:
    plain = NAMES.sub(" ", QUOTED.sub(" ", re.sub(r"\{[^}]*\}", " ", text)))
    return ENGLISH.findall(plain)


def _swedish_texts() -> Iterator[tuple[str, str]]:
    for name in FILES:
        for key, text in _texts(lang_data("sv", name)):
            # web.json's keys are the English texts; the market's JSON keys and ids are no shown text
            yield f"{name}{key}", text
    yield from _bias_texts()


def test_no_english_left_in_the_swedish_texts() -> None:
    left = {key: found for key, text in _swedish_texts() if (found := _english_left(text))}
    assert not left, left


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("(Norwegian law, analogous, not binding in Sweden)", ["Norwegian law"]),
        ("6 flaggor 'the ad' (J. Applied Psychology)", []),
    ],
)
def test_the_check_finds_english_outside_quotes(text: str, found: list[str]) -> None:
    assert bool(_english_left(text)) == bool(found)


def test_a_count_agrees_with_its_noun() -> None:
    flags = lang_data("sv", "review")["flags_n"]
    assert [counted(flags, n) for n in (1, 6)] == ["1 flagga", "6 flaggor"]
    assert counted("{n} poäng", 2) == "2 poäng"
    assert [counted(lang_data("en", "review")["flags_n"], n) for n in (1, 2)] == ["1 flag", "2 flags"]


# rewrites that keep a lawful case on purpose (a security clearance, a municipality's summer jobs for pupils)
LAWFUL = {"excl.citizenship", "age.ungdomar_sokes", "age.feriejobb"}


def _rewrites() -> Iterator[tuple[str, str]]:
    """The neutral rewrites a flag offers: each quoted example of a rule's suggestion (not a word it says to
    remove, "Ta bort 'yngre'"), and each gender-coded stem's alternative in a sentence."""
    bias = lang_data("sv", "bias")
    said = [(r["id"], r["suggestion"]) for r in bias["phrases"]]
    said += [(k, v["suggestion"]) for k, v in bias["other_rules"].items() if isinstance(v, dict)]
    for rule_id, suggestion in said:
        if rule_id not in LAWFUL:
            yield from ((rule_id, q) for q in re.findall(r"(?<!Ta bort )'([^']+)'", suggestion))
    for stem in bias["gender"]["stems"]:
        if stem.get("suggestion"):
            yield f"gender.{stem['stem']}", f"Du är {stem['suggestion']}."


def test_a_neutral_rewrite_is_not_flagged_itself() -> None:
    """A copy-editor's finding (hT): the rewrite for 'stadgad' said 'arbetar självständigt' (masculine-coded),
    the one for 'snäll' and 'varm' 'vänlig' (feminine-coded), and the one for an experience cap kept a cap
    ('0-3 års erfarenhet')."""
    lexicon = bias_lexicon("sv")
    flagged = {
        (rule_id, text): [
            f.text for f in find_flags(text, lexicon, segment(text, layout_cues("sv"), title="-"))
        ]
        for rule_id, text in _rewrites()
    }
    assert len(flagged) > 60
    left = {key: words for key, words in flagged.items() if words}
    assert not left, left
