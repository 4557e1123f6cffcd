"""Clipped words of the field (``short_forms`` of lang/{sv,en}/morphology.json, stop 48): the lemma pass reads
"comms" as "communications", "mods" as "moderators", "mod" as "moderation" only before a noun of its own."""

from __future__ import annotations

import pytest

from kompetens.engine import Engine
from kompetens.extract.phrases import PhraseIndex, PhraseSpec, _short_forms
from kompetens.extract.text import MatchLine
from kompetens.lang import LANGUAGES


def _found(index: PhraseIndex, text: str, lang: str) -> list[str]:
    return sorted(text[s:e] for s, e, code in index.scan(MatchLine(text), lang))


@pytest.fixture(scope="module")
def index() -> PhraseIndex:
    return PhraseIndex(
        [
            PhraseSpec("crisis communications", "pr", "crisis communications", None),
            PhraseSpec("moderators", "mod", "moderators", None),
            PhraseSpec("moderation", "mod", "moderation", None),
            PhraseSpec("moderatorer", "mod", "moderatorer", None),
            PhraseSpec("moderering", "mod", "moderering", None),
        ]
    )


def test_a_short_form_finds_what_its_long_form_finds(index: PhraseIndex) -> None:
    assert _found(index, "Led crisis comms in 2021.", "en") == ["crisis comms"]
    assert _found(index, "Managed 25 volunteer mods.", "en") == ["mods"]
    assert _found(index, "Ledde 20 frivilliga mods.", "sv") == ["mods"]


def test_a_guarded_short_form_needs_one_of_its_words_after_it(index: PhraseIndex) -> None:
    assert _found(index, "Wrote the mod handbook and ran the mod queue.", "en") == ["mod", "mod"]
    assert _found(index, "Built a popular game mod for Skyrim.", "en") == []
    assert (
        _found(index, "Wrote the mod. Handbook later.", "en") == []
    )  # a full stop between: no noun after it
    assert _found(index, "Byggde upp mod-teamet.", "sv") == ["mod"]
    assert _found(index, "Hon visade stort mod i krisen.", "sv") == []  # courage


def test_short_forms_are_read_only_in_their_language(index: PhraseIndex) -> None:
    assert _found(index, "Led crisis comms in 2021.", "sv") == []


def test_the_shipped_short_forms_are_no_words_their_long_forms_are() -> None:
    for lang in LANGUAGES:
        forms = _short_forms(lang)
        assert forms, lang
        for short, (long, before) in forms.items():
            assert short == short.lower() and " " not in short and short != long
            assert all(w == w.lower() and " " not in w for w in before)
    assert "mod" in _short_forms("sv") and _short_forms("sv")["mod"][1]  # "mod" is courage: always guarded


def test_a_cv_s_clipped_words_reach_their_areas(engine: Engine) -> None:
    text = (
        "Community lead. Ran crisis comms and internal comms for the studio, led 25 volunteer mods, "
        "wrote the mod handbook. Social media mgmt."
    )
    areas = {m.text.lower(): m.area for m in engine.extract_text(text, kind="cv", lang="en").mentions}
    assert areas["crisis comms"] == "marketing_communication"
    assert areas["mods"] == areas["mod"] == "community"
    assert areas["social media mgmt"] == "platform_technology"
