"""``short_forms`` of lang/{sv,en}/morphology.json (stop 48): every entry is read, none is dead."""

from __future__ import annotations

from kompetens.engine import Engine
from kompetens.extract.phrases import _short_forms
from kompetens.lang import LANGUAGES


def test_every_short_form_s_long_form_is_a_word_of_some_phrase(engine: Engine) -> None:
    index = engine.extractor.index
    for lang in LANGUAGES:
        index._changes(set(), lang)  # works out the language's table on first use
        read = index.__dict__["_short"][lang]
        assert set(read) == set(_short_forms(lang)), lang  # a long form no phrase holds would be dead data
