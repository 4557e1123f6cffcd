"""Stop 37: the other grounds of discrimination (religion, disability, ethnicity, pregnancy, sexual orientation,
gender identity) as explicit demands, their guards, the lawful citizenship demand, and the report's line that
says what the checks cover (an equality officer's test: "no biased wording found" read as a clean bill).
All texts are fictional."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kompetens.layout import layout_cues, segment
from kompetens.review import bias_lexicon, find_flags
from kompetens.review.flags import GROUNDS_CHECKED, LAWFUL_RULE

FLAGGED = [
    ("sv", "Du får inte bära slöja på arbetet.", "får inte bära slöja", "religion"),
    ("sv", "Du är frisk och utan funktionsnedsättning.", "frisk och utan funktionsnedsättning", "disability"),
    ("sv", "Du måste ha svensk bakgrund.", "svensk bakgrund", "ethnicity"),
    (
        "sv",
        "Du ska inte planera att bli gravid inom de närmaste åren.",
        "inte planera att bli gravid",
        "pregnancy",
    ),
    ("sv", "Du ska inte vara homosexuell.", "inte vara homosexuell", "sexual_orientation"),
    ("sv", "Vi anställer inte transpersoner.", "inte transpersoner", "gender_identity"),
    ("en", "You must not wear a headscarf at work.", "must not wear a headscarf", "religion"),
    ("en", "Applicants without any disability only.", "without any disability", "disability"),
    ("en", "Candidates must be of British origin.", "British origin", "ethnicity"),
    (
        "en",
        "You have no plans to start a family in the next few years.",
        "no plans to start a family",
        "pregnancy",
    ),
    ("en", "No gay applicants.", "No gay applicants", "sexual_orientation"),
    ("en", "No transgender applicants.", "No transgender applicants", "gender_identity"),
]

NOT_FLAGGED = [
    ("sv", "Vi välkomnar sökande med funktionsnedsättning."),
    ("sv", "Vi välkomnar sökande med och utan funktionsnedsättning."),
    ("sv", "Arbetet är tungt och kräver god fysik."),
    ("sv", "B-körkort krävs."),
    ("sv", "Tjänsten kräver godkänd läkarundersökning enligt Arbetsmiljöverkets regler."),
    ("sv", "Vi välkomnar sökande oavsett bakgrund."),
    ("sv", "Du möter gravida kvinnor i mödravården."),
    ("en", "We welcome applicants with disabilities."),
    ("en", "Applicants are considered without regard to disability or national origin."),
    ("en", "A driving licence is required."),
    ("en", "The work is heavy and needs good physical fitness."),
]


def _flags(lang: str, text: str) -> list:
    layout = segment(text, layout_cues(lang), title="(none)")
    return find_flags(text, bias_lexicon(lang), layout)


@pytest.mark.parametrize(("lang", "text", "span", "category"), FLAGGED)
def test_an_explicit_demand_on_another_ground_is_flagged(
    lang: str, text: str, span: str, category: str
) -> None:
    found = [(f.text, f.category) for f in _flags(lang, text)]
    assert (span, category) in found
    (flag,) = [f for f in _flags(lang, text) if f.category == category]
    law = "lag" if lang == "sv" else "Act"
    assert law in flag.source and flag.suggestion


@pytest.mark.parametrize(("lang", "text"), NOT_FLAGGED)
def test_welcoming_and_lawful_needs_are_no_flag(lang: str, text: str) -> None:
    assert _flags(lang, text) == []


@pytest.mark.parametrize(
    ("lang", "lawful", "plain"),
    [
        (
            "sv",
            "Tjänsten är säkerhetsklassad. Svenskt medborgarskap krävs.",
            "Svenskt medborgarskap krävs.",
        ),
        (
            "en",
            "The role requires security clearance. US citizenship is required.",
            "US citizenship is required.",
        ),
    ],
)
def test_a_citizenship_demand_for_a_security_cleared_post_is_said_lawful(
    lang: str, lawful: str, plain: str
) -> None:
    (flag,) = _flags(lang, lawful)
    assert flag.rule.endswith(LAWFUL_RULE)
    assert ("tillåtet" if lang == "sv" else "lawful") in flag.explanation
    (other,) = _flags(lang, plain)
    assert not other.rule.endswith(LAWFUL_RULE) and other.category == "ethnicity"


def test_a_lawful_demand_is_no_biased_wording(tmp_path: Path) -> None:
    from kompetens.engine import Engine

    ad = tmp_path / "ad.txt"
    ad.write_text("Fiktiv analytiker\n\nTjänsten är säkerhetsklassad. Svenskt medborgarskap krävs.\n")
    engine = Engine()
    review = engine.review(next(engine.read([ad], kind="ad")))
    assert len(review.flags) == 1 and review.biased_flags == []


def test_the_report_says_which_grounds_it_checks(tmp_path: Path) -> None:
    from kompetens.cli import cli

    ad = tmp_path / "ad.txt"
    ad.write_text("Fiktiv säljare\n\nDu säljer våra fiktiva produkter i butiken.\n")
    runner = CliRunner()
    out = runner.invoke(cli, ["review", str(ad), "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert data["grounds_checked"] == list(GROUNDS_CHECKED)
    assert {"religion", "disability", "ethnicity", "pregnancy_parenthood"} <= set(data["grounds_checked"])
    text = runner.invoke(cli, ["review", str(ad), "--report-lang", "sv"])
    assert "Granskat: ålder, kön" in text.stdout and "Inget annat granskas" in text.stdout
    html = tmp_path / "r.html"
    runner.invoke(cli, ["review", str(ad), "--html", str(html)])
    assert "Checked for: age, sex" in html.read_text() and "Nothing else is checked" in html.read_text()


def test_the_lawful_citizenship_demand_is_read_in_text_typed_without_diacritics() -> None:
    text = "Tjansten ar sakerhetsklassad. Svenskt medborgarskap kravs."
    layout = segment(text, layout_cues("sv"), title="(none)")
    (flag,) = find_flags(text, bias_lexicon("sv", folded=True), layout)
    assert flag.rule.endswith(LAWFUL_RULE)
