"""DuckDBBackend: the SQL figures equal a plain-Python count; re-adding ads replaces instead of doubling."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kompetens.engine import Engine
from kompetens.errors import Code, KompetensError
from kompetens.market import AdFacts, Counts, DuckDBBackend, make_backend, measure, report_from_sql
from kompetens.market.backend import MARKET_FILE
from kompetens.models import AREA_IDS

from .support import figures, oracle, write_corpus


def test_report_matches_python_counts(facts: list[AdFacts]) -> None:
    with DuckDBBackend() as backend:
        backend.add(facts)
        got = figures(backend.report().to_dict())
    assert got == oracle(facts)


def test_corpus_has_what_the_counts_need(facts: list[AdFacts]) -> None:
    """The fixture must exercise every figure, or the comparison above proves little."""
    expected = oracle(facts)
    assert 0 < expected["social_media_ads"] < expected["ads"]
    assert 0 < expected["social_media_ads_title_silent"] < expected["social_media_ads"]
    assert expected["undated"] >= 1 and len(expected["by_year"]) >= 3
    assert expected["by_region"] and expected["by_occupation"]
    assert len(expected["by_lang"]) >= 2
    assert 0 < expected["social_media_ads_merit_only"] < expected["social_media_ads"]
    assert 0 < expected["ads_flagged_strong"] < expected["ads_flagged"]
    assert expected["by_month"] and expected["without_year"]["social_media_ads"] >= 1


_NAMES = st.sampled_from(["Kommunikatör", "Säljare", "Åkare", "Zeta", "Alfa", "alfa"])
_FACTS = st.builds(
    AdFacts,
    key=st.sampled_from([f"id:{i}" for i in range(12)]),
    source=st.just("s"),
    requires_social_media=st.booleans(),
    title_mentions_social_media=st.booleans(),
    areas=st.fixed_dictionaries({a: st.sampled_from([0.0, 0.0499, 0.05, 0.5, 1.0]) for a in AREA_IDS}),
    year=st.none() | st.integers(2015, 2026),
    month=st.none() | st.integers(1, 12),
    lang=st.sampled_from(["sv", "en"]),
    occupation=st.none() | _NAMES,
    region=st.none() | _NAMES,
    flags=st.dictionaries(st.sampled_from(["age", "gender", "exclusion"]), st.integers(1, 3), max_size=3),
    social_media_merit=st.booleans(),
    strong_flags=st.dictionaries(st.sampled_from(["age", "gender"]), st.integers(1, 2), max_size=2),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_FACTS, max_size=40), st.integers(1, 7))
def test_any_facts_in_any_batches(facts: list[AdFacts], batch: int) -> None:
    """Duplicate keys within and across batches: the last facts of a key count, once."""
    with DuckDBBackend(batch=batch) as backend:
        assert backend.add(facts) == len(facts)
        assert figures(backend.report().to_dict()) == oracle(facts)


def test_adding_the_same_ads_again_does_not_double_count(facts: list[AdFacts]) -> None:
    with DuckDBBackend() as backend:
        backend.add(facts)
        once = backend.report().to_dict()
        backend.add(facts)
        backend.add([replace(f, source=f"elsewhere/{f.source}") for f in facts])
        assert backend.report().to_dict() == once


def test_changed_facts_replace_the_old(facts: list[AdFacts]) -> None:
    flipped = [replace(f, requires_social_media=not f.requires_social_media) for f in facts]
    with DuckDBBackend() as backend:
        backend.add(facts)
        backend.add(flipped)
        assert figures(backend.report().to_dict()) == oracle(flipped)


def test_store_is_incremental_across_runs(engine: Engine, corpus: Path, tmp_path: Path) -> None:
    """Two runs over one corpus, a copy of it elsewhere, then a new corpus: the file counts each ad once."""
    other = write_corpus(tmp_path / "more" / "ads.jsonl", n=5, seed=99, extra=False)
    for i, line in enumerate(other.read_text(encoding="utf-8").splitlines()):
        assert f'"synth-{i}"' in line  # ids clash with the first corpus: rename them
    other.write_text(other.read_text(encoding="utf-8").replace('"synth-', '"more-'), encoding="utf-8")
    copy = tmp_path / "copy.jsonl"
    copy.write_bytes(corpus.read_bytes())
    path = tmp_path / MARKET_FILE

    with DuckDBBackend(path) as backend:
        first = measure(engine, [corpus], backend=backend)
    with DuckDBBackend(path) as backend:
        again = measure(engine, [corpus, copy], backend=backend)
        assert backend.keys() >= {f"id:synth-{i}" for i in range(3)}
    assert figures(again.to_dict()) == figures(first.to_dict())
    with DuckDBBackend(path) as backend:
        both = measure(engine, [other], backend=backend)
    assert both.ads == first.ads + 5
    assert both.run is not None and both.run.measured == 5


def test_a_stored_report_says_its_counts_cover_the_store(
    engine: Engine, corpus: Path, tmp_path: Path
) -> None:
    """``market --store``: the counts are the store's, earlier runs' ads too, and the report says so."""
    other = write_corpus(tmp_path / "more" / "ads.jsonl", n=5, seed=99, extra=False)
    other.write_text(other.read_text(encoding="utf-8").replace('"synth-', '"more-'), encoding="utf-8")
    with make_backend("duckdb", data_dir=tmp_path, store=True) as backend:
        measure(engine, [corpus], backend=backend)
    with make_backend("duckdb", data_dir=tmp_path, store=True) as backend:
        report = measure(engine, [other], backend=backend)
    d = report.to_dict()
    assert d["scope"] == "store" and d["run"]["stored"] is True and d["run"]["measured"] == 5 < d["ads"]
    text = " ".join(report.render_text(width=120).split())
    assert "Ads measured" not in text and f"Ads in the store │ {d['ads']:,} │ this run: 5" in text
    assert "every ad in the store" in text
    assert "ads in the store (this run: 5;" in report.render_html()
    alone = measure(engine, [other])  # no store: the run's own ads, measured
    assert alone.to_dict()["scope"] == "run" and alone.to_dict()["run"]["stored"] is False
    assert "Ads measured" in alone.render_text(width=120) and "in the store" not in alone.render_html()


def test_clear_forgets(facts: list[AdFacts]) -> None:
    with DuckDBBackend() as backend:
        backend.add(facts)
        backend.clear()
        assert backend.report().ads == 0


def test_empty_store_reports_zeros() -> None:
    with DuckDBBackend() as backend:
        d = backend.report().to_dict()
    assert d["ads"] == d["social_media_ads"] == d["social_media_ads_title_silent"] == 0
    assert d["by_year"] == {} and set(d["by_area"]) == set(AREA_IDS)
    assert d["share_title_silent"] is None  # no social-media ads: no share of them (the table shows "–")


def test_unopenable_store_is_a_kompetens_error(tmp_path: Path) -> None:
    folder = tmp_path / "a-folder.duckdb"
    folder.mkdir()
    with pytest.raises(KompetensError) as info:
        DuckDBBackend(folder)
    assert info.value.code == Code.E400


def test_make_backend(tmp_path: Path) -> None:
    with make_backend("duckdb", data_dir=tmp_path, store=True) as backend:
        assert isinstance(backend, DuckDBBackend)
    assert (tmp_path / MARKET_FILE).is_file()
    with pytest.raises(KompetensError) as info:
        make_backend("hadoop", data_dir=tmp_path)
    assert info.value.code == Code.E301


def test_the_default_store_is_a_temporary_file(facts: list[AdFacts]) -> None:
    """A file keeps a million ads' rows out of memory; it goes when the backend closes."""
    backend = DuckDBBackend()
    path = Path(backend.path)
    backend.add(facts)
    assert path.is_file() and backend.report().ads == len({f.key for f in facts})
    backend.close()
    assert not path.parent.exists()
    with DuckDBBackend(":memory:") as memory:
        memory.add(facts)
        assert memory.report().ads == len({f.key for f in facts})


def test_without_any_title_the_silent_share_is_unknown(facts: list[AdFacts]) -> None:
    """No ad with a title: no title is silent, and the share is unknown (null), not 100 %."""
    untitled = [replace(f, title=None) for f in facts]
    with DuckDBBackend() as backend:
        backend.add(untitled)
        report = backend.report()
    d = report.to_dict()
    assert d["social_media_ads"] > 0
    assert d["social_media_ads_title_silent"] == 0 and d["share_title_silent"] is None
    assert d["ads_without_title"] == d["ads"] == len({f.key for f in facts})
    assert d["social_media_ads_without_title"] == d["social_media_ads"]
    assert all(c["share_title_silent"] is None for c in d["by_year"].values())
    assert "unknown: no title read" in report.render_text(width=140)
    assert "share unknown: no title read" in report.render_html()


def test_capped_lists_keep_the_rest_in_an_other_row(facts: list[AdFacts]) -> None:
    """Regions and occupations past the cap are summed in other_regions / other_occupations, so the rows of
    a breakdown add up to every ad (before, the 21st Swedish län vanished without a trace)."""
    with DuckDBBackend() as backend:
        backend.add(facts)
        report = report_from_sql(backend._query, explode="unnest", top=1, top_regions=1)
    assert len(report.by_region) == 1 and report.regions >= 2
    listed = sum((*report.by_region.values(), report.other_regions, report.without_region), Counts())
    assert listed == report.total
    assert len(report.by_occupation) == 1
    rows = (*report.by_occupation.values(), report.other_occupations, report.without_occupation)
    assert sum(rows, Counts()) == report.total
    assert report.other_regions.ads > 0 and report.other_occupations.social_media_ads > 0


def test_a_store_made_before_the_added_columns_gets_them(facts: list[AdFacts], tmp_path: Path) -> None:
    """A --store file from before social_media_merit / strong_flags: its old rows read as null (no merit; a
    strong signal if flagged at all, as they were counted then) and new facts are stored by name."""
    import duckdb

    from kompetens.market.analyse import FACT_COLUMNS
    from kompetens.market.backend import _DUCK_TYPES

    added = {"social_media_merit", "strong_flags", "strong_flag_categories"}
    old = [(n, k) for n, k in FACT_COLUMNS if n not in added]
    path = tmp_path / MARKET_FILE
    with duckdb.connect(str(path)) as conn:
        conn.execute(f"CREATE TABLE ads ({', '.join(f'{n} {_DUCK_TYPES[k]}' for n, k in old)})")
        row = {
            n: v
            for n, v in replace(facts[0], key="id:old", flags={"age": 1}).to_row().items()
            if n not in added
        }
        conn.execute(f"INSERT INTO ads VALUES ({', '.join('?' for _ in old)})", [row[n] for n, _ in old])
    with DuckDBBackend(path) as backend:
        backend.add(facts)
        report = backend.report()
    assert report.ads == len({f.key for f in facts}) + 1
    expected = oracle(facts)
    assert report.total.social_media_ads_merit_only == expected["social_media_ads_merit_only"]
    assert report.ads_flagged_strong == expected["ads_flagged_strong"] + 1
