"""The report for people: a self-contained HTML page and terminal tables."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kompetens.errors import Code, KompetensError
from kompetens.market import AdFacts, DuckDBBackend, MarketReport, RunInfo
from kompetens.market.html import _nice_max
from kompetens.taxonomy.areas import load_areas


@pytest.fixture
def report(facts: list[AdFacts]) -> MarketReport:
    with DuckDBBackend() as backend:
        backend.add(facts)
        r = backend.report()
    r.run = RunInfo("duckdb", len(facts), 2.0)
    r.errors = [KompetensError(Code.E107, "invalid JSON <here>", source="fiktiv.jsonl#4")]
    r.error_count = 1
    return r


def test_html_is_self_contained(report: MarketReport) -> None:
    page = report.render_html()
    assert page.startswith("<!DOCTYPE html>")
    assert page.count("<svg") == 3
    assert not re.search(r"""(src|href)\s*=|@import|url\(""", page)


def test_html_shows_years_areas_and_escaped_errors(report: MarketReport) -> None:
    page = report.render_html()
    for year in report.by_year:
        assert f">{year}<" in page
    for area in load_areas():
        assert area.label_en in page
    assert "invalid JSON &lt;here&gt;" in page and "<here>" not in page
    # a year without social-media ads has no title-silent share: "–", as the terminal says, not "0%"
    for year, c in report.by_year.items():
        row = re.search(rf"<tr><td>{year}</td>.*?</tr>", page)
        assert row is not None
        assert row.group(0).endswith("<td>–</td></tr>") is (c.social_media_ads == 0)


def test_text_tables(report: MarketReport) -> None:
    text = report.render_text(width=120)
    assert "Per year" in text and "Competence areas asked for" in text
    assert f"{report.ads:,}" in text
    assert "fiktiv.jsonl#4" in text
    assert "\x1b[" not in text  # no colour codes in plain text
    assert report.by_region and "Regions" in text  # as the HTML report has them
    for region, c in report.by_region.items():
        assert re.search(rf"{re.escape(region)}\s*│\s*{c.ads:,}\s*│", text), region


def test_empty_report_renders(facts: list[AdFacts]) -> None:
    with DuckDBBackend() as backend:
        empty = backend.report()
    assert "No dated ads." in empty.render_html()
    assert "Per year" in empty.render_text()


@given(st.integers(0, 10**9))
def test_axis_maximum_is_round_and_splits_into_whole_ticks(value: int) -> None:
    top = _nice_max(value)
    assert top >= value and top % 4 == 0
    assert top < max(4, value) * 2.6  # never more than the next step up


def test_the_title_silent_line_breaks_where_a_year_is_not_measured() -> None:
    # 2019 and 2020 joined; no line across the missing 2021-2022 nor through 2023, which has no social-media ads
    from kompetens.market.html import _share_chart
    from kompetens.market.report import Counts

    def year(ads: int, sm: int, silent: int) -> Counts:
        return Counts(ads=ads, social_media_ads=sm, social_media_ads_title_silent=silent)

    report = MarketReport(
        total=Counts(),
        undated=0,
        by_area={},
        by_area_social_media={},
        by_year={
            2019: year(4, 2, 1),
            2020: year(5, 4, 1),
            2023: year(3, 0, 0),
            2024: year(6, 3, 2),
            2025: year(2, 1, 1),
        },
    )
    chart = _share_chart(report)
    assert len(chart["lines"]) == 2  # 2019-2020, and 2024-2025
    assert [len(line.split()) for line in chart["lines"]] == [2, 2]


def test_the_year_axis_keeps_a_place_for_a_year_without_ads() -> None:
    """2019, 2020 and 2023: 2021 and 2022 are labelled slots without bars, so distances on the axis are true."""
    from kompetens.market.html import _MAX_YEAR_SLOTS, _share_chart, _year_chart
    from kompetens.market.report import Counts

    def report(years: list[int]) -> MarketReport:
        by_year = {y: Counts(ads=3, social_media_ads=1, social_media_ads_title_silent=1) for y in years}
        return MarketReport(total=Counts(), undated=0, by_area={}, by_area_social_media={}, by_year=by_year)

    chart = _year_chart(report([2019, 2020, 2023]))
    assert [g["label"] for g in chart["groups"]] == ["2019", "2020", "2021", "2022", "2023"]
    assert [bool(g["bars"]) for g in chart["groups"]] == [True, True, False, False, True]
    x = [g["x_label"] for g in chart["groups"]]
    assert x[4] - x[1] == 3 * (x[1] - x[0])
    dots = [p["x"] for p in _share_chart(report([2019, 2020, 2023]))["points"]]
    assert dots == [x[0], x[1], x[4]]
    far = _year_chart(report([1900, 1900 + _MAX_YEAR_SLOTS + 5]))  # a stray date: the years with ads only
    assert [g["label"] for g in far["groups"]] == ["1900", str(1900 + _MAX_YEAR_SLOTS + 5)]


def test_the_market_area_chart_leaves_room_for_its_longest_label() -> None:
    from kompetens.market.html import _area_chart
    from kompetens.market.report import Counts, MarketReport
    from kompetens.models import AREA_IDS

    labels = {a: a + (" x" * 40 if a == "community" else "") for a in AREA_IDS}  # one label of 89 letters
    report = MarketReport(total=Counts(), undated=0, by_area={}, by_area_social_media={}, by_year={})
    chart = _area_chart(report, labels)
    assert chart["bar_x"] - 8 >= len(labels["community"]) * 11 * 0.6  # right-aligned before the bars


@pytest.mark.parametrize(
    ("share", "text"), [(0.025, "2.5%"), (0.004, "0.4%"), (0.0, "0%"), (0.25, "25%"), (1.0, "100%")]
)
def test_a_small_share_keeps_a_decimal(share: float, text: str) -> None:
    from kompetens.market.html import share_text

    assert share_text(share) == text


def test_charts_scale_to_their_card_and_skip_years_without_social_media_ads() -> None:
    from kompetens.market.report import Counts

    def year(ads: int, sm: int, silent: int) -> Counts:
        return Counts(ads=ads, social_media_ads=sm, social_media_ads_title_silent=silent)

    report = MarketReport(
        total=Counts(ads=12, social_media_ads=3, social_media_ads_title_silent=1),
        undated=0,
        by_area={},
        by_area_social_media={},
        by_year={2019: year(4, 2, 1), 2020: year(5, 0, 0), 2021: year(3, 1, 0)},
    )
    page = report.render_html()
    svgs = re.findall(r"<svg [^>]*>", page)
    assert svgs and all("viewBox=" in s and 'width="100%"' in s for s in svgs)
    dots = re.findall(r"<circle[^>]*><title>([^<]*)</title>", page)
    assert len(dots) == 2 and not any(t.startswith("2020") for t in dots)  # no share where none is defined


def test_the_breakdowns_say_how_many_ads_they_leave_out(report: MarketReport) -> None:
    """Regions and occupations end with the ads that have none, so their rows add up to every ad."""
    d = report.to_dict()
    assert d["without_region"]["ads"] > 0 and d["without_occupation"]["ads"] > 0  # else nothing is shown
    assert sum(c["ads"] for c in d["by_region"].values()) + d["without_region"]["ads"] == d["ads"]
    occupied = sum(c["social_media_ads"] for c in d["by_occupation"].values())
    assert occupied + d["without_occupation"]["social_media_ads"] == d["social_media_ads"]
    text = report.render_text(width=120)
    assert re.search(rf"\(no region\)\s*│\s*{d['without_region']['ads']:,}\s*│", text)
    assert re.search(rf"\(no occupation\)\s*│\s*{d['without_occupation']['ads']:,}\s*│", text)
    page = report.render_html()
    assert f"<tr><td><em>(no region)</em></td><td>{d['without_region']['ads']}</td>" in page
    assert f"<tr><td><em>(no occupation)</em></td><td>{d['without_occupation']['ads']}</td>" in page


def test_ads_read_twice_are_said_to_be_merged(report: MarketReport) -> None:
    """Two files of the same ads: 'N read, M distinct', where 'Ads measured M' alone looked like a loss."""
    assert report.run is not None
    twice = replace(report, run=replace(report.run, measured=2 * report.ads))
    assert twice.to_dict()["ads_read"] == 2 * report.ads and twice.merged == report.ads
    assert f"{2 * report.ads:,} read, {report.ads:,} distinct" in twice.render_text(width=140)
    assert f"{2 * report.ads:,} read, {report.ads:,} distinct" in twice.render_html()
    assert report.merged == 0 and " read, " not in report.render_text(width=140)
    stored = replace(report, run=replace(report.run, measured=1, stored=True))
    assert stored.merged == 0  # a store's ads hold earlier runs': no merge to tell


def test_the_html_and_the_table_give_one_share_from_the_counts() -> None:
    # 18 of 434 is 4.147 %: the table says 4.1 %; the page said 4.2 % from the JSON's share rounded to 0.0415
    from kompetens.market.report import Counts

    counts = Counts(ads=434, social_media_ads=18, social_media_ads_title_silent=7)
    report = MarketReport(
        total=counts, undated=0, by_area={}, by_area_social_media={}, by_year={2024: replace(counts)}
    )
    assert report.to_dict()["share_social_media"] == 0.0415
    page = report.render_html()
    assert "ask for social-media competence, required or as a merit (4.1%)" in page and "4.2%" not in page
    assert "4.1%" in report.render_text()


def test_undated_ads_are_a_row_of_their_own_and_the_chart_says_what_it_leaves_out(
    report: MarketReport,
) -> None:
    """Undated ads held half the real corpus's social-media ads, shown as a bare count: the year table's
    undated row now has every column, and the year chart says how many social-media ads it leaves out."""
    c = report.without_year
    assert c.ads == report.undated and c.social_media_ads > 0
    assert report.to_dict()["without_year"]["social_media_ads"] == c.social_media_ads
    years = sum(report.by_year.values(), c)
    assert years == report.total  # the years' rows and the undated row add up to every ad
    text = report.render_text(width=140)
    assert re.search(rf"\(undated\)\s*│\s*{c.ads:,}\s*│\s*{c.social_media_ads:,}\s*│", text)
    page = report.render_html()
    row = f"<tr><td><em>(undated)</em></td><td>{c.ads}</td><td>{c.social_media_ads}</td>"
    assert row in page
    assert (
        f"Not in this chart: {c.ads:,} undated ads, {c.social_media_ads:,} of them social-media ads" in page
    )


def test_merit_only_months_and_other_regions_are_shown(report: MarketReport) -> None:
    merit = report.total.social_media_ads_merit_only
    assert merit > 0
    text = " ".join(report.render_text(width=160).split())
    assert re.search(rf"of those, asked for as a merit only │ {merit} │", text)
    assert "Per month" in text and all(m in text for m in report.by_month)
    other = replace(report, other_regions=report.without_region, regions=len(report.by_region) + 3)
    text = other.render_text(width=160)
    assert f"Regions with the most ads ({len(report.by_region)} of {len(report.by_region) + 3})" in text
    assert re.search(rf"\(other regions\)\s*│\s*{report.without_region.ads:,}\s*│", text)
    page = other.render_html()
    assert f"<tr><td><em>(other regions)</em></td><td>{report.without_region.ads}</td>" in page
    assert ">Per month<" in page and "of those, asked for as a merit only" in page


def test_the_report_in_swedish(report: MarketReport) -> None:
    """A bug hunt: a Swedish region publishes in Swedish, and the tables, the page and its area names were
    English only (`--lang` sets the ads' language). ``lang="sv"`` writes them in Swedish."""
    from kompetens.lang import lang_data
    from kompetens.market.text import words

    en, sv = words("en"), words("sv")
    assert set(en) == set(sv) and set(en["html"]) == set(sv["html"])  # every word in both languages
    assert lang_data("sv", "market") == sv
    page = report.render_html(lang="sv")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="sv">' in page
    for said in ("Nyckeltal", "Efterfrågade kompetensområden", "Per år", "Per månad", sv["title"]):
        assert said in page, said
    for area in load_areas():
        assert area.label_sv in page
    for english in ("Key figures", "Competence areas asked for", "need social-media competence"):
        assert english not in page, english
    assert f"<tr><td><em>(odaterade)</em></td><td>{report.undated}</td>" in page
    text = report.render_text(width=160, lang="sv")
    for said in ("Marknaden", "Efterfrågar kompetens inom sociala medier", "Per år", "(odaterade)", "Län"):
        assert said in text, said
    assert "Ask for social-media competence" not in text and "Per year" not in text
    share = report.social_media_ads / report.ads
    assert f"{share:.0%}".replace("%", "\u00a0%") in text  # "68 %", Swedish style
    with pytest.raises(KompetensError) as err:
        report.render_html(lang="fi")
    assert err.value.code == Code.E301


def test_the_area_chart_says_its_figures_to_a_screen_reader(report: MarketReport) -> None:
    """An accessibility audit (hunt hO, finding 3; WCAG 1.1.1): the areas chart was an
    ``<svg role="img" aria-label="Competence areas asked for">`` whose figures lived only in its bars'
    ``<title>``s, which role="img" hides, and no table beside it gave them. Its text alternative says them."""
    for lang in ("en", "sv"):
        page = report.render_html(lang=lang)
        labels = re.findall(r'<svg[^>]*role="img" aria-label="([^"]*)"', page)
        areas = labels[-1]
        for area in load_areas():
            assert area.label(lang) in areas, (lang, areas)
        assert areas.count(";") == len(load_areas()) - 1 and re.search(r"\d", areas), areas
