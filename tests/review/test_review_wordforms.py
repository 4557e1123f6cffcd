"""A gender-coded word's alternative fitted to the flagged word's form: inflected like an inflected
adjective, left out for a verb or a noun, as written otherwise."""

from __future__ import annotations

import pytest

from kompetens.layout import layout_cues, segment
from kompetens.review import bias_lexicon, find_flags
from kompetens.review.wordforms import WordForms

SV = bias_lexicon("sv").gender.word_forms


@pytest.mark.parametrize(
    ("word", "previous", "form"),
    [
        ("engagerad", "är", "base"),
        ("utmanande", "ett", "base"),
        ("engagerade", "och", "plural"),
        ("kompetenta", "och", "plural"),
        ("entusiastiska", "två", "plural"),
        ("beslutsamma", "och", "plural"),
        ("engagerat", "ett", "neuter"),
        ("ambitiöst", "ett", "neuter"),
        ("glatt", "ett", "neuter"),
        ("entusiasmera", "att", "other"),
        ("känsliga", "att", "plural"),  # "att" opening a clause: "så att känsliga uppgifter skyddas"
        ("ambitioner", "stora", "other"),
        ("empati", "stor", "other"),
        ("självständighet", "din", "other"),
        ("utmanar", "arbetet", "other"),
        ("vass", "är", None),
        ("driven", "är", "base"),
        ("drivet", "ett", "neuter"),  # a copy-editor's finding (hT): 'ett drivet team' got 'motiverad'
        ("drivna", "och", "plural"),
    ],
)
def test_the_form_of_a_flagged_word_is_read_from_its_ending(
    word: str, previous: str, form: str | None
) -> None:
    assert SV.form(word, previous) == form


@pytest.mark.parametrize(
    ("alternative", "word", "previous", "fitted"),
    [
        ("motiverad", "engagerade", "och", "motiverade"),
        ("kunnig", "kompetenta", "och", "kunniga"),
        ("motiverad", "engagerat", "ett", "motiverat"),
        ("lyhörd", "empatiska", "och", "lyhörda"),
        ("lyhörd", "förståeligt", "ett", "lyhört"),
        ("uppmärksam", "känsliga", "och", "uppmärksamma"),
        ("omväxlande", "utmanande", "ett", "omväxlande"),
        ("målinriktad", "ambitiös", "är", "målinriktad"),
        ("intresserad", "entusiasmera", "att", None),
        ("målinriktad", "ambitioner", "har", None),
        ("lyhörd", "empati", "visar", None),
        ("skicklig", "vass", "är", "skicklig"),
        ("motiverad", "driven", "är", "motiverad"),
        ("motiverad", "drivet", "ett", "motiverat"),
        ("motiverad", "drivna", "och", "motiverade"),
        # several words are shown as written, whatever the word
        ("arbetar gärna med andra", "samarbetsförmåga", "god", "arbetar gärna med andra"),
    ],
)
def test_an_alternative_takes_the_flagged_words_form(
    alternative: str, word: str, previous: str, fitted: str | None
) -> None:
    assert SV.fitted(alternative, word, previous) == fitted


def test_a_language_without_word_forms_shows_the_alternative_as_written() -> None:
    assert WordForms().fitted("motivated", "ambitions", "your") == "motivated"
    assert bias_lexicon("en").gender.word_forms.fitted("motivated", "ambitions", "your") == "motivated"


def _suggestions(text: str) -> dict[str, str]:
    layout = segment(text, layout_cues("sv"), title="(none)")
    return {
        f.text: f.suggestion for f in find_flags(text, bias_lexicon("sv"), layout) if f.category == "gender"
    }


def test_an_inflected_adjective_gets_its_alternative_inflected() -> None:
    found = _suggestions("Du får engagerade och kompetenta kollegor i ett engagerat team.")
    assert "'motiverade'" in found["engagerade"]
    assert "'kunniga'" in found["kompetenta"]
    assert "'motiverat'" in found["engagerat"]


def test_a_verb_or_a_noun_gets_the_general_advice_not_an_adjective() -> None:
    general = bias_lexicon("sv").gender.default_suggestion
    found = _suggestions("Du gillar att entusiasmera andra och har stora ambitioner.")
    assert found == {"entusiasmera": general, "ambitioner": general}


def test_a_base_form_keeps_its_alternative() -> None:
    found = _suggestions("Du är engagerad och kompetent.")
    assert "'motiverad'" in found["engagerad"] and "'kunnig'" in found["kompetent"]


def test_the_fit_holds_in_a_text_typed_without_diacritics() -> None:
    folded = bias_lexicon("sv", folded=True)
    text = "Du far engagerade kollegor och ambitiosa mal i ett ambitiost team."
    layout = segment(text, layout_cues("sv"), title="(none)")
    found = {f.text: f.suggestion for f in find_flags(text, folded, layout) if f.category == "gender"}
    assert "'motiverade'" in found["engagerade"]
    assert "'målinriktade'" in found["ambitiosa"] and "'målinriktat'" in found["ambitiost"]
