"""Per-ad facts: dates, keys, the Spark line reader's parity with Engine.read, and facts from reviews."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kompetens.engine import Engine
from kompetens.errors import Code, KompetensError
from kompetens.market import (
    ASKED_MIN,
    FACT_COLUMNS,
    AdFacts,
    ad_facts,
    ad_key,
    document_from_line,
    year_month,
)
from kompetens.market import text as text_module
from kompetens.models import AREA_IDS, Document


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-01T08:00:00", (2024, 3)),
        ("2019-12-31", (2019, 12)),
        (" 2021-07", (2021, 7)),
        ("2021-13-01", (None, None)),  # no real date: undated, not a year
        ("2025-13-45", (None, None)),
        ("2025-02-30", (None, None)),
        ("2024-02-29", (2024, 2)),
        ("2025", (2025, None)),  # a bare ISO year is enough for by_year
        (" 2024-05-01 ", (2024, 5)),
        ("2024-05-01T00:00:00+02:00", (2024, 5)),
        ("2024-05-01 08:00", (2024, 5)),
        ("2024-05-01Z", (2024, 5)),
        ("01/03/2024", (None, None)),
        ("20240301", (None, None)),
        ("2024-5-1", (None, None)),
        ("2025abc", (None, None)),
        ("1 mars 2024", (None, None)),
        ("", (None, None)),
        (None, (None, None)),
        (20240301, (None, None)),
        ("1899-03-01", (None, None)),  # a placeholder, not the 19th century's market
        ("2099-03-01", (None, None)),
    ],
)
def test_year_month(value: object, expected: tuple[int | None, int | None]) -> None:
    assert year_month(value) == expected


@pytest.mark.parametrize(
    ("meta", "title", "text", "prefix"),
    [
        ({"id": "123"}, "A", "text", "id:123"),
        ({"id": 77}, None, "text", "id:77"),
        ({"id": ""}, "A", "text", "sha1:"),
        ({}, "A", "text", "sha1:"),
    ],
)
def test_ad_key(meta: dict[str, object], title: str | None, text: str, prefix: str) -> None:
    key = ad_key(Document(source="x", text=text, title=title, meta=meta))
    assert key.startswith(prefix)


def test_content_key_ignores_the_source_but_not_the_text() -> None:
    a = Document(source="a.jsonl#1", text="Du modererar.", title="T")
    b = Document(source="b.jsonl#9", text="Du modererar.", title="T")
    c = Document(source="a.jsonl#1", text="Du modererar!", title="T")
    assert ad_key(a) == ad_key(b) != ad_key(c)


def test_lines_read_as_engine_reads_them(engine: Engine, corpus: Path, docs: list[Document]) -> None:
    lines = corpus.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(docs)
    for number, (line, doc) in enumerate(zip(lines, docs, strict=True), start=1):
        mine = document_from_line(line, source=f"{corpus}#{number}")
        assert (mine.source, mine.text, mine.title, mine.lang) == (doc.source, doc.text, doc.title, doc.lang)
        assert mine.meta == doc.meta


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("{not json", Code.E107),
        ("[1, 2]", Code.E107),
        ('{"headline": "", "description": {"text": "   "}}', Code.E110),
    ],
)
def test_bad_lines_raise_the_errors_engine_read_gives(
    engine: Engine, tmp_path: Path, line: str, code: Code
) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    (expected,) = engine.read([path])
    with pytest.raises(KompetensError) as info:
        document_from_line(line, source=f"{path}#1")
    assert info.value.code == code
    assert isinstance(expected, KompetensError)
    assert info.value.to_dict() == expected.to_dict()


@pytest.mark.parametrize("description", [None, {}, {"text": ""}, {"text": "  "}])
def test_a_jobtech_ad_with_only_a_headline_is_not_measured(engine: Engine, description: object) -> None:
    # its areas would be read off the title alone ("Client Success Manager": customer service), and the ad
    # counted among those asking for them; the docs say an ad with no text is E110
    ad: dict[str, object] = {"id": "7", "headline": "Client Success Manager"}
    if description is not None:
        ad["description"] = description
    doc = document_from_line(json.dumps(ad), source="c.jsonl#1")
    with pytest.raises(KompetensError) as info:
        ad_facts(engine, doc)
    assert info.value.code == Code.E110 and "headline alone" in info.value.message
    ad["description"] = {"text": "Du hjälper våra kunder att lyckas med tjänsten och svarar på frågor."}
    assert ad_facts(engine, document_from_line(json.dumps(ad), source="c.jsonl#1")).key == "id:7"


def test_facts_follow_the_review(engine: Engine, docs: list[Document], facts: list[AdFacts]) -> None:
    for doc, f in zip(docs, facts, strict=True):
        review = engine.review(doc)
        assert f.requires_social_media == review.requires_social_media
        assert f.title_mentions_social_media == review.title_mentions_social_media
        assert set(f.areas) == set(AREA_IDS)
        assert f.asked() == {a for a in AREA_IDS if review.areas[a] >= ASKED_MIN}
        neutral = review.gender_coding.verdict == "neutral"
        counted = [
            x
            for x in review.flags
            if not (neutral and x.rule.startswith(("gender.masculine:", "gender.feminine:")))
        ]
        assert sum(f.flags.values()) == len(counted)
        assert f.source == doc.source
        assert f.key == ad_key(doc)


def test_balanced_gender_coded_words_are_no_flagged_wording(engine: Engine) -> None:
    """A bug hunt: an ad with one masculine- and one feminine-coded word, "neutral" to the review, counted
    as an ad with flagged wording."""
    from kompetens.ingest import document_from_text
    from kompetens.market.analyse import ad_facts

    balanced = "Säljare\n\nDu är driven och engagerad i våra kunder. Du arbetar i butiken i Umeå."
    one_way = "Säljare\n\nDu är driven och självständig. Du arbetar i butiken i Umeå."
    for text, counted in ((balanced, False), (one_way, True)):
        doc = document_from_text(text, kind="ad", lang="sv")
        review = engine.review(doc)
        assert any(x.category == "gender" for x in review.flags)
        assert bool(ad_facts(engine, doc).flags) is counted, review.gender_coding
        assert bool(review.biased_flags) is counted  # what review's terminal output reconciles with


def test_the_report_says_what_its_wording_counts_count(engine: Engine) -> None:
    """Bug hunts: review printed "2 flag(s)" for ads the market's "Ads with flagged wording" left out, with
    nothing to say that the market counts gender-coded words only where they lean one way; and the headline
    "Ads with biased wording 521 (78 %)" counted a lean of one coded word and "minst 2 års erfarenhet". The
    headline now counts strong signals; weak ones are counted apart, every flag still in its category."""
    from kompetens.ingest import document_from_text
    from kompetens.market import DuckDBBackend
    from kompetens.market.analyse import ad_facts

    texts = (
        "Säljare\n\nDu är driven och engagerad i våra kunder. Du arbetar i butiken i Umeå.",  # balanced
        "Säljare\n\nDu är driven och självständig. Du arbetar i butiken i Umeå.",  # a lean of 2: strong
        "Säljare\n\nDu är driven, självständig och engagerad. Du arbetar i butiken i Umeå.",  # lean of 1: weak
        "Lagerarbetare\n\nDu packar order på lagret. Du har minst 2 års erfarenhet av lagerarbete.",  # weak
    )
    docs = [document_from_text(t, kind="ad", lang="sv", source=f"ad{i}") for i, t in enumerate(texts)]
    facts = [ad_facts(engine, d) for d in docs]
    assert [bool(f.flags) for f in facts] == [False, True, True, True]
    assert [bool(f.strong_flags) for f in facts] == [False, True, False, False]
    with DuckDBBackend() as backend:
        backend.add(facts)
        report = backend.report()
    assert report.ads_flagged == 3 and report.ads_flagged_strong == 1
    assert report.flags == {"gender": 2, "experience": 1} and report.flags_strong == {"gender": 1}
    flags = report.to_dict()["flags"]
    assert (flags["ads_flagged_strong"], flags["ads_flagged_weak_only"], flags["ads_flagged"]) == (1, 2, 3)
    text = " ".join(report.render_text(width=200).split())
    assert f"{text_module.BIASED_LABEL.strip()} │ 1 │ 25%" in text
    assert f"{text_module.WEAK_LABEL.strip()} │ 2 │ 50%" in text
    assert "flagged wording" not in text.lower()
    assert "An ad whose coded words balance is neutral and not counted here" in text
    page = report.render_html()
    assert "ads with biased wording: strong signals (25%" in page
    assert "Weak signals only (years of experience, a one-word lean): 2 more" in page
    assert "An ad whose coded words balance reads neutral and is not counted" in page


def test_a_review_without_the_skill_list_is_the_same_review(engine: Engine, docs: list[Document]) -> None:
    # the market reviews with skills=False: everything but the skill list must be what a full review gives
    listed = 0
    for doc in docs:
        full, lean = engine.review(doc), engine.review(doc, skills=False)
        assert lean.skills == []
        listed += len(full.skills)
        full.skills = []
        assert lean == full
    assert listed  # the corpus's ads do list skills in a full review


def test_facts_carry_the_metadata(docs: list[Document], facts: list[AdFacts]) -> None:
    for doc, f in zip(docs, facts, strict=True):
        assert (f.year, f.month) == year_month(doc.meta.get("publication_date"))
        assert f.occupation == doc.meta.get("occupation")
        assert f.region == doc.meta.get("region")


def test_row_has_every_column(facts: list[AdFacts]) -> None:
    row = facts[0].to_row()
    assert list(row) == [name for name, _ in FACT_COLUMNS]
    assert row["flags"] == sum(facts[0].flags.values())
    assert row["flag_categories"] == sorted(facts[0].flags)


@pytest.mark.parametrize(
    ("requires", "in_title", "title", "silent"),
    [
        (True, False, "Säljare", True),
        (True, True, "Social media manager", False),
        (False, False, "Säljare", False),
        (False, True, "Social media manager", False),
        (True, False, None, False),  # no title read: whether it would say so is unknown, not silence
    ],
)
def test_title_silent(requires: bool, in_title: bool, title: str | None, silent: bool) -> None:
    f = AdFacts(
        key="k",
        source="s",
        requires_social_media=requires,
        title_mentions_social_media=in_title,
        areas={},
        title=title,
    )
    assert f.title_silent is silent
