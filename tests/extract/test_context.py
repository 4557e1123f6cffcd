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


def test_in_a_cv_python_counts_wherever_it_stands(engine: Engine) -> None:
    text = "Erfarenhet av scriptprogrammering i Linuxmiljöer så som Python, Ruby, Perl."
    profile = engine.extract(_ad("sv", text, kind="cv"))
    assert profile.areas["data_insight"] > 0
