"""The HTML report: self-contained, escaped, showing flags, highlighted spans and the area chart."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kompetens.models import Document, Profile
from kompetens.review import render_html, review_ad

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "demo" / "ads" / "social-media-specialist-sv.txt"


def _html(text: str, lang: str = "sv", **options: object) -> str:
    doc = Document(source="ad.txt", text=text, lang=lang, kind="ad")
    review = review_ad(doc, Profile(doc=doc, mentions=[], areas={}))
    return render_html(review, doc, **options)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def demo_html() -> str:
    return _html(DEMO.read_text(encoding="utf-8"))


def test_every_flag_is_highlighted_and_listed(demo_html: str) -> None:
    for span in (
        "ungt gäng",
        "digital infödd",
        "driven",
        "självgående",
        "minst 3 års erfarenhet",
        "Svenska som modersmål",
    ):
        assert re.search(
            rf'<mark class="flag [a-z]+" id="t\d+" title="[a-z]+">{span}<span class="vh"', demo_html
        ), span
        assert f"“{span}”" in demo_html


def test_no_external_assets(demo_html: str) -> None:
    assert "<script" not in demo_html and "<link" not in demo_html and "src=" not in demo_html
    assert not re.search(r'href="(?!#)', demo_html)
    assert "<style>" in demo_html and "<svg" in demo_html


def test_chart_has_one_bar_per_area_and_marks_missing(demo_html: str) -> None:
    assert demo_html.count("<title>") == 8 + 1  # eight bars plus the page title
    assert "missing" in demo_html


def test_ad_text_is_escaped() -> None:
    html = _html("Kommunikatör\n\n<script>alert(1)</script> Du driver vårt Instagramkonto.")
    assert "<script>alert" not in html and "&lt;script&gt;" in html


def test_area_labels_option() -> None:
    html = _html(DEMO.read_text(encoding="utf-8"), area_labels={"community": "Communities online"})
    assert "Communities online" in html


def test_the_area_chart_leaves_room_for_its_longest_label() -> None:
    """The bars start after the longest area name at 0.6 em a letter (the English names run to 33 letters)."""
    from kompetens.taxonomy.areas import load_areas

    labels = {a.id: a.label_en for a in load_areas()}
    page = _html("Kommunikatör\n\nDu skriver texter.", area_labels=labels)
    bars = [float(x) for x in re.findall(r'<rect x="([\d.]+)" y="[\d.]+" width="[\d.]+" height="16"', page)]
    longest = max(len(label) for label in labels.values())
    assert bars and min(bars) >= longest * 12 * 0.6


def test_the_report_is_english_and_its_ad_and_advice_in_the_ad_s_language(demo_html: str) -> None:
    """The report's own words are English; the ad and the lexicon's advice are Swedish (screen readers
    read each in its language)."""
    assert '<html lang="en">' in demo_html
    assert '<div class="ad" lang="sv">' in demo_html and '<p class="fix" lang="sv">' in demo_html


def test_the_area_chart_says_its_levels_to_a_screen_reader(demo_html: str) -> None:
    """An accessibility audit (hunt hO, finding 3; WCAG 1.1.1): the report's area chart was an
    ``<svg role="img">`` named only "Efterfrågade kompetensområden"; each area's level, or that it is
    missing, was in the bars' ``<title>``s, which role="img" hides. Its text alternative says them."""
    label = re.search(r'<svg[^>]*role="img" aria-label="([^"]*)"', demo_html)
    assert label is not None
    said = label.group(1)
    assert said.count(";") == 7 and "%" in said and "missing" in said, said  # eight areas, levels and gaps


def test_each_highlight_says_what_it_is_to_a_screen_reader(demo_html: str) -> None:
    """An accessibility audit (hunt hO, finding 7): the report's highlights said what they are in a
    ``title`` only (the web page adds hidden text): each ``<mark>`` carries its note as hidden text too."""
    marks = re.findall(r"<mark[^>]*>(.*?)</mark>", demo_html, re.S)
    assert marks
    assert all('<span class="vh"' in m for m in marks), [m for m in marks if "vh" not in m][:3]
