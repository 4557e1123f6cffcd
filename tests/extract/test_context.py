"""A tool whose area shows only in context: "Python" is data work beside data words, not in a DevOps ad."""

from __future__ import annotations

import pytest

from kompetens.engine import Engine
from kompetens.extract.context import context_concepts
from kompetens.models import DocKind, Document

OUT_OF_CONTEXT = [  # real tune-half ads' sentences (a bug hunt): "Python" was their only data evidence
    ("sv", "DevOps Engineer\n\nErfarenhet av scriptprogrammering i Linuxmiljöer så som Python, Ruby, Perl."),
    (
        "sv",
        "Embeddedutvecklare\n\nDu arbetar med testmiljöer, scriptning och verktyg baserade på Python och Bash.",
    ),
    ("en", "Test Automation Engineer\n\nStrong Python skills for test automation."),
    ("en", "Software Developer\n\nProficiency in programming languages: C, C++, Python."),
]

IN_CONTEXT = [
    ("sv", "Analytiker\n\nDu analyserar data med Python."),
    ("sv", "Utvecklare\n\nProgrammeringskunskaper i Python samt erfarenhet av Pandas och NumPy."),
    ("en", "Analyst\n\nDevelop scripts in Python for data cleaning and analysis."),
    ("en", "ML Engineer\n\nStrong Python skills and experience in machine learning."),
    ("sv", "Utvecklare\n\nYou write Python for our data pipelines."),  # an English line in a Swedish ad
]


def _ad(lang: str, text: str, kind: DocKind = "ad") -> Document:
    return Document(source="t", text=text, lang=lang, kind=kind)


def test_python_needs_context() -> None:
    assert "http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d" in context_concepts()


@pytest.mark.parametrize(("lang", "text"), OUT_OF_CONTEXT)
def test_a_programming_language_alone_is_no_data_work(engine: Engine, lang: str, text: str) -> None:
    profile = engine.extract(_ad(lang, text))
    python = [m for m in profile.mentions if m.text == "Python"]
    assert python and all(m.generic for m in python)  # kept, as a skill the ad names
    assert profile.areas["data_insight"] == 0.0
    assert engine.review(profile.doc).areas["data_insight"] == 0.0


@pytest.mark.parametrize(("lang", "text"), IN_CONTEXT)
def test_a_programming_language_for_data_work_is_data_work(engine: Engine, lang: str, text: str) -> None:
    profile = engine.extract(_ad(lang, text))
    assert "Python" in profile.evidence("data_insight", limit=9)
    assert engine.review(profile.doc).areas["data_insight"] > 0


def test_other_evidence_of_the_area_in_the_ad_is_context_enough(engine: Engine) -> None:
    text = "Dataanalytiker\n\nDu bygger rapporter i Power BI.\n\nErfarenhet av Python är meriterande."
    profile = engine.extract(_ad("sv", text))
    assert "Python" in profile.evidence("data_insight", limit=9)


# A blind user test: a backend developer's "Python" met an ad's data must-have ("analys av data från sociala
# medier") and ranked him above candidates with a higher score. A CV is read as an ad is.
CV_OUT_OF_CONTEXT = [
    (
        "sv",
        "Erfarenhet\nUtvecklare, Exempel AB\n2018 – nu\n- Scriptprogrammering i Linuxmiljöer så som Python, Ruby, Perl.",
    ),
    (
        "en",
        "Experience\nJunior Developer, Fake Systems\n2015 – 2018\n- Maintenance of internal tools in Python.",
    ),
]
CV_IN_CONTEXT = [
    ("sv", "Erfarenhet\nAnalytiker, Exempel AB\n2018 – nu\n- Analyserar kampanjdata med Python."),
    (
        "en",
        "Experience\nAnalyst, Fake Systems\n2015 – 2018\n- Built the weekly reports in Python.\n- Dashboards in Tableau.",
    ),
]


@pytest.mark.parametrize(("lang", "text"), CV_OUT_OF_CONTEXT)
def test_in_a_cv_python_alone_is_no_data_work(engine: Engine, lang: str, text: str) -> None:
    profile = engine.extract(_ad(lang, text, kind="cv"))
    python = [m for m in profile.mentions if m.text == "Python"]
    assert python and all(m.generic for m in python)
    assert profile.areas["data_insight"] == 0.0
    assert engine.candidate(profile.doc).areas["data_insight"] == 0.0


@pytest.mark.parametrize(("lang", "text"), CV_IN_CONTEXT)
def test_in_a_cv_python_for_data_work_is_data_work(engine: Engine, lang: str, text: str) -> None:
    profile = engine.extract(_ad(lang, text, kind="cv"))
    python = [m for m in profile.mentions if m.text == "Python"]
    assert python and not any(m.generic for m in python)
    assert "Python" in [e.text for e in engine.candidate(profile.doc).evidence["data_insight"]]


ENGAGEMENT = "http://data.europa.eu/esco/skill/f37d9f67-2e79-4958-8307-1ce9d6dcc8bd"
COMMUNITY = "http://data.europa.eu/esco/skill/a800a15c-2d1b-4151-8bf3-b21d47f709a1"
INTEGRATION = "http://data.europa.eu/esco/skill/ed8de897-adbe-4f0e-b4d2-534953e64c72"
TRAITS = [  # fictional, after a bug hunt's real ads: a quality of the person, a merger, no skill
    ("sv", "Lärare\n\nVi söker dig med stort engagemang för barns lärande.", ENGAGEMENT),
    ("sv", "Säljare\n\nSom säljare är du en av våra viktigaste ambassadörer.", COMMUNITY),
    ("sv", "Säljare\n\nHos oss blir du även en ambassadör för vårt varumärke.", COMMUNITY),
    ("sv", "Kommunikatör\n\nVi står mitt i en integrationsresa där två bolag blir ett.", INTEGRATION),
    ("en", "Sales Rep\n\nWe value engagement, drive and a positive attitude.", ENGAGEMENT),
]
WORK = [  # the same concepts where the words name the work
    ("sv", "Community manager\n\nDu driver vårt ambassadörsprogram.", COMMUNITY),
    ("sv", "Marknadsförare\n\nDu arbetar med kundengagemang i alla kanaler.", ENGAGEMENT),
    ("en", "Developer\n\nYou build integrations with our partners' systems.", INTEGRATION),
]


@pytest.mark.parametrize(("lang", "text", "concept"), TRAITS)
def test_a_trait_word_alone_names_no_skill(engine: Engine, lang: str, text: str, concept: str) -> None:
    profile = engine.extract(_ad(lang, text))
    assert concept not in {m.concept.id for m in profile.mentions}
    assert concept not in {s.concept for s in engine.review(profile.doc).skills}


@pytest.mark.parametrize(("lang", "text", "concept"), WORK)
def test_the_work_itself_still_names_the_skill(engine: Engine, lang: str, text: str, concept: str) -> None:
    assert concept in {m.concept.id for m in engine.extract(_ad(lang, text)).mentions}
