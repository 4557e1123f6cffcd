"""Real-style ads and resumes outside the field (fictional texts, stop 43): what a recruiter reads."""

from __future__ import annotations

from kompetens.engine import Engine
from kompetens.ingest import document_from_text
from kompetens.match import score, wording

# a job board's byline under the title: employer, where, on what terms
BYLINE_AD = """Stock Analyst - Pallets & Parcels

Quillmoor Freight Group - Dunharrow or remote (UK)

About us
Quillmoor moves pallets for 400 business customers from three warehouses.

The role
- Build dashboards on pallet flows and depot pick rates for the operations team
- Forecast parcel volumes for the peak season

About you
- Two years as an analyst in freight, warehousing or retail operations
"""


def _ad(text: str, lang: str = "en") -> object:
    return document_from_text(text, kind="ad", lang=lang)


def test_an_ads_byline_is_no_wording(engine: Engine) -> None:
    """The line under an ad's title names who hires and where ("Quillmoor Freight Group - Dunharrow or
    remote (UK)"): the employer's made-up name was the heaviest word of three written ads of four in the
    style of scraped ads, and a CV that lived in the ad's town shared the place."""
    role = engine.role_from_ad(_ad(BYLINE_AD))  # type: ignore[arg-type]
    assert not {"quillmoor", "dunharrow", "group"} & set(role.wording)
    # "Freight" is also the ad's lower-case word ("in freight"): the trade stays
    assert {"freight", "pallets", "depot"} <= set(role.wording)
    base = "Analyst at a parcel carrier since 2021: depot pick rates, pallet dashboards, peak forecasts.\n"
    plain = engine.candidate(document_from_text(base, kind="cv", lang="en"))
    local = engine.candidate(
        document_from_text(base + "Lives in Dunharrow. Would love to join Quillmoor.\n", kind="cv", lang="en")
    )
    assert score(local, role).score == score(plain, role).score


def test_a_byline_is_a_short_line_that_opens_with_a_name(engine: Engine) -> None:
    def byline(text: str, lang: str = "en") -> str | None:
        doc = _ad(text, lang)
        span = wording.ad_byline(engine.profile_fn()(doc))  # type: ignore[arg-type]
        return None if span is None else doc.text[span[0] : span[1]]  # type: ignore[attr-defined]

    assert byline(BYLINE_AD) == "Quillmoor Freight Group - Dunharrow or remote (UK)"
    sv = "Ekonomiassistent\n\nPåhittebo Bygg AB – Låtsasköping, heltid, tillsvidare\n\nOm rollen\nDu bokför."
    assert byline(sv, "sv") == "Påhittebo Bygg AB – Låtsasköping, heltid, tillsvidare"
    # the title said again, a sentence, a lower-case opening, or no dash: no byline
    assert byline("Data Engineer\n\nData Engineer - Invented City\n\nYou build pipelines.") is None
    assert byline("Data Engineer\n\nQuillmoor builds pipelines - and you will help us do it.\n") is None
    assert byline("Data Engineer\n\nwe are hiring - Invented City\n\nYou build pipelines.") is None
    assert byline("Data Engineer\n\nQuillmoor Freight, Invented City\n\nYou build pipelines.") is None
    assert wording.byline_names(BYLINE_AD, None) == frozenset()


def test_sql_server_and_t_sql_are_sql(engine: Engine) -> None:
    """A reporting analyst's "SQL Server stored procedures" is SQL work: the longer product name hid the
    "SQL" in it, and a grade-2 analyst who named only "SQL Server" showed less data work than a salesman
    who named "Power BI" once (a fourth written set's data-analyst ad)."""
    for line in (
        "SQL Server stored procedures for the daily depot report",
        "T-SQL views for the finance team",
    ):
        cv = engine.candidate(
            document_from_text(
                f"Reporting Analyst, Invented Parcels Ltd, 2020 – 2024\n- {line}\n", kind="cv", lang="en"
            )
        )
        assert any(
            e.label == "SQL and data querying" and e.where == "position" for e in cv.evidence["data_insight"]
        )
