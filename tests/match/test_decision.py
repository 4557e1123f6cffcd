"""A candidate's explanation (AI Act Art. 86) in their language: the sentences of
``lang/<code>/explanation.json``, the areas by their labels in that language."""

from __future__ import annotations

import re
import string
from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from kompetens.errors import KompetensError
from kompetens.lang import LANGUAGES, lang_data
from kompetens.match.decision import explain, warning_text
from kompetens.match.role import Role
from kompetens.match.score import RankItem, rank
from kompetens.match.timeline import parse_timeline
from kompetens.models import AREA_IDS
from kompetens.taxonomy.areas import load_areas

from .support import synthetic

ROLE = Role(
    "Sjuksköterska",
    dict.fromkeys(AREA_IDS, 1.0),
    must_have=("concept:triage",),
    min_levels=dict.fromkeys(AREA_IDS, 0.6),
    lang="sv",
    wording={"sjuksköterska": 0.8, "patienter": 0.6},
)
ENGLISH = (
    "You were",
    "score",
    "point",
    "level",
    "Your CV",
    "What counted",
    "Wording shared",
    "Below what",
    "Required by",
    "Flagged by the tool",
    "for a person to check",
    "line ",
    "date range",
    "This ranking",
    "proposal",
    "A person",
    "You may",
)
"""Phrases of the English explanation that the Swedish one must not hold."""


def _shape(d: Any) -> Any:
    return {k: _shape(v) for k, v in d.items()} if isinstance(d, dict) else type(d).__name__


def _fields(d: Any, at: str = "") -> dict[str, set[str]]:
    """Each template's ``{name}`` fields, by its path in the file."""
    if isinstance(d, dict):
        return {k: v for key, sub in d.items() for k, v in _fields(sub, f"{at}/{key}").items()}
    return {at: {name for _, name, _, _ in string.Formatter().parse(d) if name}}


def _read(text: str) -> Any:
    return parse_timeline(text, today=date(2026, 1, 1))


def _item() -> RankItem:
    """A ranked item with every kind of paragraph: wording, evidence, an area without any, gaps, a missing
    must-have and a warning."""
    cv = replace(
        synthetic(1, [0.7, 0.5, 0.0, 0.3, 0.8, 0.2, 0.4, 0.6]), lang="sv", wording={"sjuksköterska": 1.0}
    )
    item = rank([cv], ROLE)[0].item()
    assert item.wording_points > 0 and item.gaps and item.missing_must_haves
    return replace(
        item,
        evidence=item.evidence | {"marketing_communication": ["Skrev nyhetsbrev."]},
        warnings=list(_read("Erfarenhet\nSjuksköterska\n2016 ?? 2018\n").unread),
    )


def _labels(lang: str) -> dict[str, str]:
    return {a.id: a.label(lang) for a in load_areas()} | {"concept:triage": "triage"}


def test_the_swedish_strings_have_the_english_keys_and_fields() -> None:
    sv, en = lang_data("sv", "explanation"), lang_data("en", "explanation")
    assert _shape(sv) == _shape(en)
    assert _fields(sv) == _fields(en)  # every number and name the English sentence says, the Swedish says


def test_a_swedish_explanation_is_swedish_throughout() -> None:
    item = _item()
    assert item.warnings  # the unread date range
    sv = explain(item, role=ROLE, of=3, final_rank=None, labels=_labels("sv"), lang="sv")
    en = explain(item, role=ROLE, of=3, final_rank=None, labels=_labels("en"), lang="en")
    assert len(sv) == len(en)
    said = "\n".join(sv)
    assert not [p for p in ENGLISH if p.lower() in said.lower()], said
    assert sv[0].startswith(
        f"Du hamnade på plats 1 av 3 för rollen ”Sjuksköterska” och fick {round(item.score)}"
    )
    assert "Marknadsföring och kommunikation: nivå 70 %" in said and "”Skrev nyhetsbrev”" in said
    assert "Kundservice och klagomålshantering" in said and "Customer service" not in said
    assert (
        "”sjuksköterska”" in said
        and "Verktyget har flaggat detta för manuell kontroll (ingen har kontrollerat det ännu): "
        "rad 3: ett datumintervall som inte gick att läsa: '2016 ?? 2018'."
        in said
        and "för hand" not in said
    )
    assert "ditt CV" in said and "Du kan be om" in sv[-1]
    # the same whole points in either language, adding up to the score
    sv_points = [int(n) for n in re.findall(r"gav dig (\d+) poäng", said)]
    en_points = [int(n) for n in re.findall(r"(\d+) points? of your score", "\n".join(en))]
    assert sv_points == en_points and sum(sv_points) == round(item.score)
    assert en[0].startswith("You were ranked 1 of 3 for the role “Sjuksköterska”")
    # a bug hunt's F8: "Checked by hand" told the candidate a person had checked dates nobody checked
    assert (
        "Flagged by the tool for a person to check (nobody has checked it yet): "
        "line 3: a date range that was not read: '2016 ?? 2018'." in en
    )
    assert not any("Checked by hand" in line for line in en)


def test_the_final_place_and_the_default_language() -> None:
    item = _item()
    placed = explain(item, role=ROLE, of=3, final_rank=2, labels=_labels("sv"), lang="sv")
    assert "En person har gått igenom rankningen och placerat dig på plats 2 av 3." in placed
    plain = explain(item, role=ROLE, of=3, final_rank=2, labels=_labels("en"))
    assert "A person reviewed the ranking and placed you 2 of 3." in plain  # English unless told


@pytest.mark.parametrize(
    ("lang", "held", "one", "two"),
    [
        (
            "en",
            "You are placed 1 of the 2 candidates",
            "1 more candidate was ranked and has since",
            "2 more candidates were ranked and have since",
        ),
        (
            "sv",
            "Av de 2 kandidater i rankningen",
            "Ytterligare 1 kandidat rankades",
            "Ytterligare 2 kandidater rankades",
        ),
    ],
)
def test_an_erasure_is_said_and_the_places_count_those_held(lang: str, held: str, one: str, two: str) -> None:
    """A new user read "You were ranked 3 of 1" once two others of the ranking were erased."""
    item = _item()
    for erased, note in ((1, one), (2, two)):
        text = explain(item, role=ROLE, of=2, final_rank=2, labels=_labels(lang), lang=lang, erased=erased)
        assert text[0].startswith(held) and text[1].startswith(note)
        assert (
            len(text)
            == len(explain(item, role=ROLE, of=2, final_rank=2, labels=_labels(lang), lang=lang)) + 1
        )


@pytest.mark.parametrize(("lang", "how"), [("en", "send a corrected CV"), ("sv", "skickar du ett rättat CV")])
def test_the_rights_promise_no_correction_the_tool_lacks(lang: str, how: str) -> None:
    """A new user's finding: every explanation offered to have the data "corrected", and there is no way to
    edit a stored candidate; it says how a correction is made: a corrected CV, ranked as a new candidate."""
    rights = explain(_item(), role=ROLE, of=3, final_rank=None, labels=_labels(lang), lang=lang)[-1]
    assert how in rights
    assert "to be corrected" not in rights and "uppgifter rättas" not in rights


def test_a_language_without_texts_is_e109() -> None:
    with pytest.raises(KompetensError) as caught:
        explain(_item(), role=ROLE, of=1, final_rank=None, labels={}, lang="fr")
    assert caught.value.code.name == "E109"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_warnings_are_said_in_the_language_asked(lang: str) -> None:
    read = _read("Erfarenhet\nSäljare\n2016 ?? 2018\nKassör\n2021 - 2018\n")
    assert len(read.unread) == 2
    said = [warning_text(w, lang) for w in read.unread]
    assert (said == list(read.unread)) == (lang == "en")  # written in English, and read back
    assert all(re.match(r"(line|rad) \d+: ", s) for s in said)
    assert warning_text("something else", lang) == "something else"  # one no template reads stays


def test_the_wording_line_without_shared_words() -> None:
    item = replace(_item(), wording_shared=[])
    sv = explain(item, role=ROLE, of=1, final_rank=None, labels={}, lang="sv")
    assert any(line.endswith("Ditt CV har få ord gemensamma med annonsen.") for line in sv)


@pytest.mark.parametrize(
    ("lang", "says"), [("en", "in a list of skills"), ("sv", "i en lista över kompetenser")]
)
def test_a_must_have_met_only_by_a_list_is_said_to_be_listed(lang: str, says: str) -> None:
    # "but I listed SEO": the candidate is told why a skills list alone did not meet the must-have
    item = _item()
    missing = item.missing_must_haves[0]
    label = _labels(lang).get(missing, missing)
    plain = explain(item, role=ROLE, of=3, final_rank=None, labels=_labels(lang), lang=lang)
    assert not any(says in line for line in plain)
    listed = replace(item, listed_must_haves=[missing])
    told = [
        line for line in explain(listed, role=ROLE, of=3, final_rank=None, labels=_labels(lang), lang=lang)
    ]
    [line] = [line for line in told if says in line]
    assert label in line


def test_the_explanation_names_the_missing_skills_and_each_gap_once() -> None:
    """A job seeker's finding (stop 42, a career changer): the explanation named a missing must-have area
    twice ("Below what the role asks for: Psychology ..." and "Required by the role and not shown in your
    CV: Psychology ...") and none of the role's skills the ranking listed as missing. Now each area once,
    and the missing skills by name, required first, in the explanation's language."""
    from kompetens.skills import SkillMatch

    item = _item()
    both = item.gaps[:1]  # a must-have area the CV shows nothing of: a gap and a missing must-have
    item = replace(item, missing_must_haves=[*item.missing_must_haves, *both])
    missing = [
        SkillMatch("http://example.invalid/segment", "customer segmentation", True),
        SkillMatch("http://example.invalid/report", "report analysis results", True),
        SkillMatch("http://example.invalid/ads", "Google Ads", False),
        *(SkillMatch(f"http://example.invalid/{i}", f"skill {i}", False) for i in range(9)),
    ]
    item = replace(item, missing_skills=missing)
    en = explain(item, role=ROLE, of=3, final_rank=None, labels=_labels("en"), lang="en")
    said = "\n".join(en)
    for area in both:
        assert said.count(_labels("en")[area]) == 2, said  # its level line and the missing must-haves
    assert (
        "Skills the role requires that your CV does not show: “customer segmentation”, "
        "“report analysis results”." in en
    )
    other = next(p for p in en if p.startswith("Other skills the role names"))
    assert "“Google Ads”" in other and other.endswith("And 2 more."), other
    sv_labels = {"http://example.invalid/segment": "kundsegmentering"}
    sv = explain(
        item, role=ROLE, of=3, final_rank=None, labels=_labels("sv"), lang="sv", skill_labels=sv_labels
    )
    assert any(
        p.startswith("Färdigheter som rollen kräver och som ditt CV inte visar: ”kundsegmentering”")
        for p in sv
    ), sv
    assert len(sv) == len(en)
