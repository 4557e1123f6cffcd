"""An ad outside the field: its areas part weighs the skill words it reads (fictional texts, stop 44)."""

from __future__ import annotations

import pytest

from kompetens.engine import Engine
from kompetens.ingest import document_from_text
from kompetens.match import rank, wording

# an analyst's ad in a trade: the occupation's tools (SQL, Power BI, Excel, Python) are mentions the areas
# read; what the wording keeps is mostly the trade's own vocabulary
ANALYST_AD = """Reporting Analyst - Parcel Depots

The role
- Build Power BI dashboards for depot KPIs such as OTIF, pick rates and trailer fill
- Write SQL queries against our SQL Server data warehouse
- Automate manual Excel reporting and run ad-hoc analysis with Python
- Present findings to depot managers

About you
- Two years as a data analyst; strong SQL, Excel and Power BI
- Experience of WMS, TMS or telematics data is a plus
"""

# a fictional analyst from another trade: the ad's tools in her jobs, told in her own words
ANALYST_CV = """Data Analyst

Experience
Data Analyst, Invented Garden Centres - 2021 - present
- Power BI sales and stock views for the buyers of 40 garden centres
- SQL Server and SQL for the weekly figures; Excel models; Python for seasonal demand

Education
BSc Mathematics, 2020
"""

# a fictional depot team leader: the trade's words, no analysis work
DEPOT_CV = """Depot Team Leader

Experience
Depot Team Leader, Invented Parcel Depot - 2015 - present
- Lead the night shift's pickers; watch pick rates and trailer fill on the WMS
- OTIF focus: trailers leave on time; TMS driver app and telematics tracker checks
- Report depot KPIs to the depot managers
"""


def _doc(text: str, kind: str) -> object:
    return document_from_text(text, kind=kind, lang="en")


def test_mention_share_is_the_part_of_the_wording_the_mentions_hold() -> None:
    assert wording.mention_share({}, {}) == 0.0
    assert wording.mention_share({"a": 3.0, "b": 4.0}, {"a": 3.0, "b": 4.0}) == 0.0
    assert wording.mention_share({"sql": 4.0, "depot": 3.0}, {"depot": 3.0}) == pytest.approx(16 / 25)
    assert wording.outside_share(0.0) == wording.WORDING_SHARE_OUTSIDE
    assert wording.outside_share(0.5) == pytest.approx(wording.WORDING_SHARE_OUTSIDE / 2)
    assert wording.outside_share(2.0) == 0.0


def test_an_outside_ads_areas_part_weighs_the_skill_words_it_reads(engine: Engine) -> None:
    """The analyst ad's SQL, Power BI, Excel and Python are blanked from its wording (the areas score them),
    so 70 of 100 points went to the depot words left, and a depot team leader who names them but does no
    analysis ranked above an analyst from another trade. The areas part now gets the part of the wording
    those words hold."""
    role = engine.role_from_ad(_doc(ANALYST_AD, "ad"))  # type: ignore[arg-type]
    assert not role.social_media and role.ad_areas
    assert role.wording_share < wording.WORDING_SHARE_OUTSIDE - 0.1
    analyst = engine.candidate(_doc(ANALYST_CV, "cv"))  # type: ignore[arg-type]
    depot = engine.candidate(_doc(DEPOT_CV, "cv"))  # type: ignore[arg-type]
    order = [r.score for r in rank([depot, analyst], role)]
    assert order[0].candidate is analyst, [(s.score, s.wording) for s in order]
