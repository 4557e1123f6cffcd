"""Stop 38, a user's hunt: an English ad of a Swedish employer cited US and UK law only. Where the ad says the
job is in Sweden (its JobTech workplace, a Swedish employer, a Swedish place, Swedish text) the review says so
(``jurisdiction``) and its flags on grounds of discrimination cite Diskrimineringslagen and the DO first. All
texts are fictional."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kompetens.engine import Engine
from kompetens.review import Review

BODY = "We are looking for a young and energetic sales assistant who loves talking to customers."


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine()


def _review(engine: Engine, path: Path) -> Review:
    return engine.review(next(engine.read([path], kind="ad")))


def _jobtech(tmp_path: Path, address: dict[str, str]) -> Path:
    ad = {
        "id": "fiktiv-1",
        "headline": "Sales assistant",
        "description": {"text": BODY},
        "workplace_address": address,
    }
    path = tmp_path / "ad.json"
    path.write_text(json.dumps(ad), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "reason", "quote"),
    [
        (
            f"Sales assistant\n\nExempelhandel AB runs three fictional shops. {BODY}\n",
            "employer",
            "Exempelhandel AB",
        ),
        (f"Sales assistant\n\nOur fictional shop is in central Gothenburg. {BODY}\n", "place", "Gothenburg"),
        (
            f"Sales assistant\n\n{BODY} You will help customers find the right products every day, and you "
            "will keep the shop tidy, take deliveries and plan the week with the rest of the team. You are "
            "friendly and curious, and you like to learn new things about the products we sell. We offer a "
            "permanent position, and we hope that you will stay with us for many years.\n\n"
            "Om oss: vi är en fiktiv butik och det är viktigt för oss att alla kunder känner sig välkomna, även "
            "när det är mycket att göra.\n",
            "swedish_paragraphs",
            None,
        ),
    ],
)
def test_an_english_ad_that_says_it_is_in_sweden_cites_swedish_law_first(
    engine: Engine, tmp_path: Path, text: str, reason: str, quote: str | None
) -> None:
    path = tmp_path / "ad.txt"
    path.write_text(text, encoding="utf-8")
    review = _review(engine, path)
    assert review.lang == "en"
    assert (review.jurisdiction, review.jurisdiction_reason, review.jurisdiction_quote) == (
        "SE",
        reason,
        quote,
    )
    (flag,) = [f for f in review.flags if f.category == "age"]
    assert flag.source.startswith("Diskrimineringslagen (2008:567)") and "(DO)" in flag.source
    assert "29 CFR 1625.4(a)" in flag.source  # the rule's own sources stay, after


def test_an_english_ad_that_says_nothing_of_its_place_keeps_its_rules_sources(
    engine: Engine, tmp_path: Path
) -> None:
    path = tmp_path / "ad.txt"
    path.write_text(f"Sales assistant\n\n{BODY}\n", encoding="utf-8")
    review = _review(engine, path)
    assert (review.jurisdiction, review.jurisdiction_reason) == ("unknown", None)
    (flag,) = [f for f in review.flags if f.category == "age"]
    assert not flag.source.startswith("Diskrimineringslagen")


def test_a_jobtech_ads_workplace_places_it(engine: Engine, tmp_path: Path) -> None:
    review = _review(engine, _jobtech(tmp_path, {"municipality": "Exempelby", "region": "Exempellän"}))
    assert (review.jurisdiction, review.jurisdiction_reason, review.jurisdiction_quote) == (
        "SE",
        "workplace",
        "Exempelby",
    )
    review = _review(engine, _jobtech(tmp_path, {"country": "Norge", "municipality": "Exempelby"}))
    assert review.jurisdiction == "unknown"
    review = _review(engine, _jobtech(tmp_path, {"country": "Sverige"}))
    assert (review.jurisdiction, review.jurisdiction_quote) == ("SE", "Sverige")


def test_coded_words_and_years_of_experience_keep_their_research_sources(
    engine: Engine, tmp_path: Path
) -> None:
    path = tmp_path / "ad.txt"
    path.write_text(
        "Sales lead\n\nExempelhandel AB is a fictional shop. You are competitive and driven, with at least 5 "
        "years of experience in sales.\n",
        encoding="utf-8",
    )
    review = _review(engine, path)
    assert review.jurisdiction == "SE"
    kept = [f for f in review.flags if f.category in ("experience", "gender")]
    assert kept and not [f for f in kept if f.source.startswith("Diskrimineringslagen")]


def test_the_reports_say_whose_law_the_flags_cite(tmp_path: Path) -> None:
    from kompetens.cli import cli

    ad = tmp_path / "ad.txt"
    ad.write_text(f"Sales assistant\n\nExempelhandel AB is a fictional shop. {BODY}\n", encoding="utf-8")
    runner = CliRunner()
    out = runner.invoke(cli, ["review", str(ad), "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert (data["jurisdiction"], data["jurisdiction_reason"]) == ("SE", "employer")
    text = runner.invoke(cli, ["review", str(ad)]).stdout
    assert "Rules: Swedish law (ad located in Sweden: a Swedish employer, “Exempelhandel AB”)" in text
    text = runner.invoke(cli, ["review", str(ad), "--report-lang", "sv"]).stdout
    assert "Regler: svensk lag (annonsen gäller Sverige" in text
    html = tmp_path / "r.html"
    runner.invoke(cli, ["review", str(ad), "--html", str(html)])
    assert "Rules: Swedish law (ad located in Sweden" in html.read_text(encoding="utf-8")


def test_a_place_or_an_employer_inside_another_word_places_nothing() -> None:
    from kompetens.ingest import document_from_text
    from kompetens.review.jurisdiction import place_ad

    for text in (
        "Sales assistant\n\nAsk Anna Lundberg at our fictional shop about the ABC of selling.\n",
        "Sales assistant\n\nYou run A/B tests and LAB work for our fictional shop.\n",
    ):
        assert place_ad(document_from_text(text, lang="en")).code == "unknown"
    doc = document_from_text(
        "Sales assistant\n\nYou join Exempel i Norden AB, a fictional shop.\n", lang="en"
    )
    assert place_ad(doc).quote == "Exempel i Norden AB"


def test_no_explanation_names_one_countrys_agency() -> None:
    """A flag's explanation is the same wherever the ad is placed, so it names no one country's agency or
    regulation ('the EEOC lists it as an example' was read out for ads of Swedish employers): that belongs in
    the source, which names Swedish law first where the ad is in Sweden."""
    import re
    from importlib import resources

    agency = re.compile(r"\b(?:EEOC|ADEA|CFR|Title VII|Diskrimineringsombudsmannen|DO)\b")
    for lang in ("en", "sv"):
        data = json.loads(resources.files("kompetens.lang").joinpath(lang, "bias.json").read_text("utf-8"))
        explanations = [(r["id"], r.get("explanation", "")) for r in data["phrases"]]
        assert len(explanations) > 20
        for rule, text in explanations:
            assert not agency.search(text), (lang, rule)
