"""The learned social-media gate (kompetens.review.gate): fictional sentences, none from any bench set."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

import numpy as np
import pytest

from kompetens.engine import Engine
from kompetens.models import AREA_IDS, Document, Profile
from kompetens.review import Review, review_ad
from kompetens.review import gate as gate_module
from tests.conftest import shared_path
from tests.test_bench_help import _bench

KEEPS = [
    ("sv", "Kommunikatör", "Du planerar och publicerar inlägg i våra sociala medier varje vecka."),
    ("sv", "Marknadsassistent", "Du skapar korta filmer för Instagram och TikTok och svarar på kommentarer."),
    ("sv", "Butikschef", "Du ansvarar för butikens Instagramkonto och lägger upp nyheter."),
    (
        "sv",
        "Eventsamordnare",
        "I rollen ingår att bevaka och moderera våra sociala kanaler under evenemangen.",
    ),
    ("en", "Content Assistant", "You will plan, write and publish posts across our social media channels."),
    ("en", "Shop Manager", "You run the shop's Instagram account and post new arrivals every week."),
    ("en", "Events Officer", "You will film short clips for TikTok and reply to comments on the day."),
]
"""The hire's own social-media work: the gate keeps what the rules count."""

DOUBTS = [
    ("sv", "Ekonom", "Koncernens sociala medier sköts av kommunikationsavdelningen i Malmö."),
    ("sv", "Kurator", "Många elever mår dåligt av sociala medier och behöver stöd."),
    ("en", "Data Engineer", "Our marketing department handles all social media for the group."),
    ("en", "Nurse", "Posting about patients on social media is strictly forbidden."),
    ("en", "Counsellor", "Many students struggle with the pressure of social media and need support."),
    ("en", "Accountant", "The brand team, not this role, looks after our social media."),
]
"""No social-media work of the hire's own, in constructions no rule was written for in stop 41: the rules counted
them then; the gate scores each it reads below every sentence of KEEPS (stop 42's rules set two aside themselves;
stop 46's gate reads structural features only, no sentence vector, and still does)."""


def _review(lang: str, title: str, sentence: str, *, on: bool | None = True) -> Review:
    heading = "Arbetsuppgifter" if lang == "sv" else "Duties"
    doc = Document(source="test", text=f"{title}\n\n{heading}\n{sentence}", lang=lang, kind="ad")
    return review_ad(doc, Profile(doc=doc, mentions=[], areas=dict.fromkeys(AREA_IDS, 0.0)), social_gate=on)


def _gated(review: Review) -> list[float]:
    return [e.gate for e in review.evidence if e.gate is not None]


@cache
def _lowest_kept() -> float:
    return min(min(_gated(_review(*k))) for k in KEEPS)


def _threshold() -> float:
    gate = gate_module.load_gate()
    assert gate is not None, "the package ships src/kompetens/review/social_gate.json"
    return gate.threshold


@pytest.mark.parametrize(("lang", "title", "sentence"), KEEPS)
def test_the_gate_keeps_the_hires_own_social_media_work(lang: str, title: str, sentence: str) -> None:
    review = _review(lang, title, sentence)
    assert review.requires_social_media, [(e.text, e.reason, e.gate) for e in review.evidence]
    assert _gated(review) and min(_gated(review)) >= _threshold()


@pytest.mark.parametrize(("lang", "title", "sentence"), DOUBTS)
def test_the_gate_scores_others_work_topics_and_rules_below_the_hires_work(
    lang: str, title: str, sentence: str
) -> None:
    scores = _gated(_review(lang, title, sentence))
    if not scores:  # since stop 42 the rules set some of these aside themselves (a named department runs it)
        assert not _review(lang, title, sentence, on=False).requires_social_media
        return
    assert max(scores) < _lowest_kept()


def test_a_counted_cue_the_gate_rejects_is_set_aside_with_its_probability() -> None:
    off = _review(
        "en", "Accountant", "The brand team, not this role, looks after our social media.", on=False
    )
    assert off.requires_social_media and _gated(off) == []
    on = _review("en", "Accountant", "The brand team, not this role, looks after our social media.")
    assert not on.requires_social_media
    (aside,) = [e for e in on.evidence if e.reason == "gate"]
    assert aside.gate is not None and aside.gate < _threshold() and not aside.counted


def test_the_gate_reads_only_ads_with_a_counted_cue(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_features(*args: object) -> object:
        raise AssertionError("read an ad without a counted cue")

    monkeypatch.setattr(gate_module, "features", no_features)
    review = _review("sv", "Lagerarbetare", "Du plockar och packar order i vårt lager i Jönköping.")
    assert not review.requires_social_media
    review = _review("sv", "Lagerarbetare", "Vi finns på sociala medier där vi delar bilder från vardagen.")
    assert not review.requires_social_media  # set aside by the rules: the gate never reads it


def test_a_weights_file_for_other_features_is_refused() -> None:
    gate = gate_module.load_gate()
    assert gate is not None and gate.default, "stop 46: the structural gate is on by default"
    data = json.loads(
        resources.files(gate_module.__package__).joinpath("social_gate.json").read_text("utf-8")
    )
    with pytest.raises(ValueError, match="train_social_gate"):
        gate_module.Gate({**data, "struct": data["struct"][:-1]})


@pytest.mark.slow
def test_the_shipped_weights_are_what_the_training_script_writes(engine: Engine) -> None:
    shared = shared_path("data", "dev", "platsbanken", "labels.jsonl").parents[3]
    script = _bench("train_social_gate")
    made = script.weights(script.build(engine, shared))
    shipped = json.loads(
        resources.files(gate_module.__package__).joinpath("social_gate.json").read_text("utf-8")
    )
    assert {k: v for k, v in made.items() if k not in {"w", "mean", "scale", "b"}} == {
        k: v for k, v in shipped.items() if k not in {"w", "mean", "scale", "b"}
    }
    for key in ("w", "mean", "scale", "b"):
        assert np.allclose(made[key], shipped[key], atol=2e-5), key


def test_the_gate_is_chosen_by_the_argument_then_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(gate_module.ENV, "0")
    assert not gate_module.enabled() and gate_module.enabled(True)
    monkeypatch.setenv(gate_module.ENV, "1")
    assert gate_module.enabled() and not gate_module.enabled(False)
