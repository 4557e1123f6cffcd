"""Whose age is it (stop 41): the learned gate keeps an age flag where the age is the applicant's and stops it
where the age is someone else's. Every sentence is fictional, written for this test (none from any set)."""

from __future__ import annotations

import ast
import copy
import json
import re
from itertools import pairwise
from pathlib import Path

import pytest

import kompetens.review.flags as flags
from kompetens.lang import LanguageDataError, lang_data
from kompetens.layout import layout_cues, segment
from kompetens.review import bias_lexicon, find_flags, whose

APPLICANT = [
    ("sv", "Vi söker dig som är mellan 25 och 35 år och gillar att sälja."),
    ("sv", "Du är ung, hungrig och vill lära dig branschen."),
    ("sv", "Den vi söker är i 30-årsåldern och har körkort."),
    ("sv", "Vår nya kollega bör vara under 30 år."),
    ("sv", "Helst ser vi en säljare i åldern 20-30 år."),
    ("sv", "Sökande bör vara yngre än 35 år."),
    ("sv", "Du som är under 30 och bor i Malmö är välkommen att söka."),
    ("sv", "Tjänsten passar en ung person som vill in i branschen."),
    ("en", "We are looking for someone aged 20-30 to join our shop floor."),
    ("en", "The ideal candidate is in their twenties."),
    ("en", "Applicants should be under 35 years old."),
    ("en", "We want a young cashier for the weekend shifts."),
    ("en", "This role suits a young person who wants a foot in the door."),
    ("en", "Ideally you are between 20 and 30 years old."),
]
"""The applicant's age: flagged, the gate on."""

SOMEONE_ELSE = [
    ("sv", "Våra hyresgäster är mellan 20 och 30 år och bor i studentlägenheter."),
    ("sv", "Turisterna som besöker ön är ofta i 60-årsåldern."),
    ("en", "The members of the choir are young and rehearse three nights a week."),
    ("en", "Our podcast listeners are mostly in their thirties."),
    ("en", "The vines on the estate are over 50 years old."),
    ("en", "Tourists visiting the island are often in their sixties."),
    ("en", "The researchers on the project are on average 45 years old."),
    ("en", "Guests at the hostel are mostly young backpackers."),
]
"""Someone else's age, of subjects no guard of bias.json names: flagged without the gate, quiet with it.
Still flagged (docs/review.md, stop 41): "Spelarna i juniorlaget är under 19 år", "Författarna i antologin är
mellan 18 och 25 år", "Poddens lyssnare är oftast i 30-årsåldern", "The authors in the anthology are aged
18-25"."""


def _ages(lang: str, text: str) -> list[str]:
    layout = segment(text, layout_cues(lang), title="(none)")
    return [f.text for f in find_flags(text, bias_lexicon(lang), layout) if f.category == "age"]


@pytest.mark.parametrize(("lang", "text"), APPLICANT)
def test_the_applicants_age_is_flagged(lang: str, text: str) -> None:
    assert _ages(lang, text)


@pytest.mark.parametrize(("lang", "text"), SOMEONE_ELSE)
def test_someone_elses_age_is_stopped_by_the_gate(
    lang: str, text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _ages(lang, text) == []
    monkeypatch.setattr(flags, "applicant_age", lambda *a, **k: True)
    assert _ages(lang, text), "the gate, not a guard, stops it"


def test_without_a_gate_file_every_flag_stands(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(flags, "age_gate", lambda: None)
    assert _ages("en", "Our podcast listeners are mostly in their thirties.") == ["in their thirties"]


def test_the_reader_or_the_hires_noun_before_the_age_decides() -> None:
    text = "Kunderna gillar dig i åldern 20-30 år."
    at = text.index("i åldern")
    cues = whose.structure(text, 0, len(text), at, len(text) - 1, section=None, in_title=False, title="")
    assert cues[whose.STRUCTURE.index("reader_near")] == 1.0
    text = "You will support a team manager aged 30-40."
    at = text.index("aged")
    cues = whose.structure(text, 0, len(text), at, len(text) - 1, section=None, in_title=False, title="")
    assert cues[whose.STRUCTURE.index("hire_head")] == 1.0


def test_the_artefact_holds_weights_and_no_text() -> None:
    data = json.loads(whose.GATE_FILE.read_text(encoding="utf-8"))
    assert set(data) == {"_about", "rules", "structure", "threshold", "bias", "mean", "scale", "weights"}
    assert data["structure"] == list(whose.STRUCTURE)
    assert len(data["weights"]) == len(data["mean"]) == len(data["scale"]) == 384 + len(whose.STRUCTURE)
    assert all(r.startswith("age.") for r in data["rules"])


@pytest.mark.parametrize(
    ("text", "word", "team"),
    [
        ("Teamet består av unga säljare.", "unga", True),
        ("Du får kollegor som är unga och drivna.", "unga", True),
        ("Du kommer till ett team av unga forskare.", "unga", True),
        ("The staff are mostly young.", "young", True),
        ("Teamet arbetar med unga i utanförskap.", "unga", False),
        ("Kollegorna möter unga varje dag.", "unga", False),
        ("Kunderna är unga.", "unga", False),
        ("Vi söker unga säljare.", "unga", False),
    ],
)
def test_the_teams_make_up_is_read_past_its_linking_words(text: str, word: str, team: bool) -> None:
    at = text.index(word)
    assert whose._team_of(text, 0, at) is team


def test_the_gates_words_are_each_languages_data() -> None:
    """Stop 47: the words are ``whose`` of ``lang/<code>/bias.json``, each language its own, merged."""
    sv, en = lang_data("sv", "bias")["whose"], lang_data("en", "bias")["whose"]
    for data in (sv, en):
        assert "_about" not in whose.WORD_KEYS and data["_about"]
        assert all(data[key] for key in whose.WORD_KEYS)
    found = whose.whose_words()
    folded = whose.without_diacritics  # stop 48: each word also as typed without å, ä, ö
    assert found.link == {w for x in (sv["link"], en["link"]) for v in x for w in (v, folded(v))}
    assert found.team_link == {
        w for x in (sv["team_link"], en["team_link"]) for v in x for w in (v, folded(v))
    }
    english = whose.whose_words_from([("en", lang_data("en", "bias"))])
    assert found.reader.fullmatch("dig") and not english.reader.fullmatch("dig")
    assert found.hire.fullmatch("kollegor") and not english.hire.fullmatch("kollegor")
    assert english.hiring.search("We are looking for") and not english.hiring.search("Vi söker")
    assert english.age_label.search("Ålder: ") is None and found.age_label.search("Ålder: ")
    assert "i" in found.link and "i" not in english.link


def test_a_word_added_to_the_data_is_read() -> None:
    data = copy.deepcopy(lang_data("sv", "bias"))
    data["whose"]["hire"].append("brandman")
    data["whose"]["team_link"].append("nästan")
    found = whose.whose_words_from([("sv", data), ("en", lang_data("en", "bias"))])
    assert found.hire.fullmatch("brandman") and not whose.whose_words().hire.fullmatch("brandman")
    assert "nästan" in found.team_link


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("kollega", r"lang/sv/bias\.json: whose\['hire'\] must be a list of non-empty strings"),
        (["kollega", ""], r"lang/sv/bias\.json: whose\['hire'\] must be a list of non-empty strings"),
        (["kolleg(a"], r"lang/sv/bias\.json: whose\['hire'\]: 'kolleg\(a' does not compile"),
    ],
)
def test_a_broken_word_list_names_the_file_and_the_list(value: object, said: str) -> None:
    data = copy.deepcopy(lang_data("sv", "bias"))
    data["whose"]["hire"] = value
    with pytest.raises(LanguageDataError, match=said):
        whose.whose_words_from([("sv", data)])


def test_no_swedish_word_of_the_data_is_written_in_the_code() -> None:
    """The module's strings (its docstrings aside) hold none of the Swedish words of its data (stop 47)."""
    source = Path(whose.__file__).read_text(encoding="utf-8")
    tree = ast.parse(source)
    docs = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
    }
    docs |= {  # an attribute's or a constant's docstring, the string just after it
        id(b.value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef))
        for a, b in pairwise(node.body)
        if isinstance(a, (ast.Assign, ast.AnnAssign)) and isinstance(b, ast.Expr)
    }
    strings = [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs
    ]
    words = {m.lower() for s in strings for m in re.findall(r"[^\W\d_]{2,}", s)}
    sv, en = lang_data("sv", "bias")["whose"], lang_data("en", "bias")["whose"]
    swedish = {m for key in whose.WORD_KEYS for v in sv[key] for m in re.findall(r"[^\W\d_]{2,}", v)}
    swedish -= {m for key in whose.WORD_KEYS for v in en[key] for m in re.findall(r"[^\W\d_]{2,}", v)}
    assert len(swedish) > 50
    assert not words & swedish, sorted(words & swedish)


def test_every_word_is_also_read_as_typed_without_diacritics() -> None:
    """Stop 48: the words the data gave with å, ä, ö and no twin ('sökande', 'förmåga', 'gärna', 'bestående')
    are read as typed without them too, and the hire's noun in the plural ('förmågor')."""
    found = whose.whose_words()
    for word in ("förmågor", "formagor", "formagan", "sokande"):
        assert found.hire.fullmatch(word), word
    assert "garna" in found.link and "bestaende" in found.team_link
    assert not found.hire.fullmatch("formaner")
    data = copy.deepcopy(lang_data("sv", "bias"))
    data["whose"]["hire"] = ["brandmän"]
    assert whose.whose_words_from([("sv", data)]).hire.fullmatch("brandman")
    text = "Ett team bestaende av unga saljare."
    assert whose._team_of(text, 0, text.index("unga"))


@pytest.mark.parametrize(
    ("text", "word", "hire"),
    [
        ("Nu letar vi efter unga, drivna förmågor.", "unga", True),
        ("Till hösten behöver butiken unga, glada och sociala medarbetare.", "unga", True),
        ("We are looking for young, hungry talents.", "young", True),
        ("Du undervisar unga, nyanlända elever.", "unga", False),
        ("Vi söker unga säljare.", "unga", False),
        ("Vi söker unga, drivna.", "unga", False),
    ],
)
def test_the_hires_noun_is_read_past_a_coordinated_list(text: str, word: str, hire: bool) -> None:
    """Stop 48: the noun the age adjective hangs on, after a list of adjectives ("unga, drivna förmågor")."""
    end = text.index(word) + len(word)
    assert whose._listed_hire(text, end, len(text)) is hire


@pytest.mark.parametrize(
    "text",
    ["Nu letar vi efter unga, drivna förmågor.", "Till hösten behöver butiken unga, glada medarbetare."],
)
def test_an_age_adjective_listed_before_the_hires_noun_stands(text: str) -> None:
    assert _ages("sv", text) == ["unga"]


@pytest.mark.parametrize(
    ("text", "word", "hired"),
    [
        ("Vi har nöjda kunder och söker unga säljare.", "unga", True),
        ("Vi har många hyresgäster och nu söker vi en ung fastighetsskötare.", "ung", True),
        ("Butiken har trogna kunder och anställer därför två yngre medarbetare.", "yngre", True),
        ("We have loyal clients and are looking for young sellers.", "young", True),
        ("Du hjälper kunder som söker unga.", "unga", False),
        ("You support clients who are looking for young carers.", "young", False),
        ("Vi söker volontärer till unga i området.", "unga", False),
        ("Vi söker en kurator för unga vuxna.", "unga", False),
        ("Våra kunder är unga.", "unga", False),
    ],
)
def test_the_hiring_verbs_object_is_the_hire(text: str, word: str, hired: bool) -> None:
    """Stop 50: a hiring verb just before the age word, only articles, numerals and adverbs between, takes it as
    its object (the hire), whoever the sentence named before; not a relative clause's verb, nor past a noun or
    a preposition."""
    at = text.index(word)
    assert whose._hired(text, 0, at) is hired
    cues = whose.structure(text, 0, len(text), at, at + len(word), section=None, in_title=False, title="")
    assert whose.stands_alone(text, 0, len(text), at, at + len(word), cues) is hired


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "Vi har nöjda kunder och söker unga säljare."),
        ("en", "We have happy customers and are looking for young sellers."),
    ],
)
def test_an_age_the_employer_hires_stands_after_others_are_named(lang: str, text: str) -> None:
    """Stop 50: the customers named first no longer make the hire's age theirs (the regression alone read
    "unga säljare" after "kunder" as the customers'); the hiring verb's object stands alone."""
    assert _ages(lang, text)
