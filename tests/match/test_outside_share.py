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
    assert wording.outside_share(0.0) == 1.0
    assert wording.outside_share(0.1) == pytest.approx(0.8)
    assert wording.outside_share(0.5) == wording.WORDING_SHARE_OUTSIDE_MIN
    assert wording.outside_share(2.0) == wording.WORDING_SHARE_OUTSIDE_MIN


def test_an_outside_ads_areas_part_weighs_the_skill_words_it_reads(engine: Engine) -> None:
    """The analyst ad's SQL, Power BI, Excel and Python are blanked from its wording (the areas score them),
    so 70 of 100 points went to the depot words left, and a depot team leader who names them but does no
    analysis ranked above an analyst from another trade. The areas part now gets the part of the wording
    those words hold."""
    role = engine.role_from_ad(_doc(ANALYST_AD, "ad"))  # type: ignore[arg-type]
    assert not role.social_media and role.ad_areas
    assert role.wording_share < 0.6
    analyst = engine.candidate(_doc(ANALYST_CV, "cv"))  # type: ignore[arg-type]
    depot = engine.candidate(_doc(DEPOT_CV, "cv"))  # type: ignore[arg-type]
    order = [r.score for r in rank([depot, analyst], role)]
    assert order[0].candidate is analyst, [(s.score, s.wording) for s in order]


# a payroll ad: its one spreadsheet tool and its staff queries are the only mentions the areas read (data and
# customer service, weakly); what sets a payroll officer apart is the trade's own words
PAYROLL_AD = """Payroll Officer - Invented Builders Merchant

The role
- Run the monthly payroll for 400 staff from timesheets to BACS, with starters, leavers and variations
- Calculate statutory sick pay, maternity pay, pension auto-enrolment and salary sacrifice
- Reconcile payroll journals, PAYE and NI to the ledger and file RTI submissions to HMRC
- Give staff good customer service on queries about their payslips
- Keep reconciliations and payroll reports in Excel

About you
- Two years running a full payroll cycle; CIPP qualified or studying
"""

# a fictional payroll officer: the ad's duties in her job, no customer-service or analysis words
PAYROLL_CV = """Payroll Officer

Experience
Payroll Officer, Invented Care Homes - 2020 - present
- Run the weekly and monthly payroll for 350 staff: timesheets, starters, leavers, variations, BACS
- Statutory sick pay, maternity pay, pension auto-enrolment, salary sacrifice
- PAYE and NI reconciliations, payroll journals, RTI submissions to HMRC

Education
CIPP Diploma in Payroll Administration, 2021
"""

# a fictional contact-centre team leader: customer service and reporting, pay only as a topic of calls
SERVICE_CV = """Contact Centre Team Leader

Experience
Contact Centre Team Leader, Invented Energy Supplier - 2017 - present
- Lead 12 customer service advisors answering customer queries by phone, chat and email
- Handle complaints and escalations; coach advisors on customer satisfaction and first-contact resolution
- Weekly KPI reports in Excel with pivot tables and dashboards on call volumes and CSAT
- Answer team members' queries about their timesheets and payslips
"""


def test_an_outside_ads_few_skill_words_keep_the_areas_part_small(engine: Engine) -> None:
    """The payroll ad's mentions (Excel, staff queries) hold a few per cent of its wording, yet the areas
    part kept 30 of the 100 points: a contact-centre team leader strong in customer service and reports
    took them and ranked above a payroll officer. The areas part now gets twice the mentions' part."""
    role = engine.role_from_ad(_doc(PAYROLL_AD, "ad"))  # type: ignore[arg-type]
    assert not role.social_media and role.ad_areas
    assert role.wording_share > 0.8
    payroll = engine.candidate(_doc(PAYROLL_CV, "cv"))  # type: ignore[arg-type]
    service = engine.candidate(_doc(SERVICE_CV, "cv"))  # type: ignore[arg-type]
    order = [r.score for r in rank([service, payroll], role)]
    assert order[0].candidate is payroll, [(s.score, s.wording) for s in order]
