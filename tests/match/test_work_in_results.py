"""Work a recruiter reads in a CV's results and posts (fictional ads and CVs, stop 42, part three)."""

from __future__ import annotations

from kompetens.engine import Engine
from kompetens.ingest import document_from_text
from kompetens.models import DocKind, Document

PAID_SOCIAL_AD = """Paid Social Specialist – Lingonfield Outdoor, Fjärdby

Lingonfield sells outdoor gear online and is looking for a paid social specialist.

What you will do
- Plan, run and optimise our campaigns on Meta and TikTok
- Run structured creative tests with our designers
- Keep tracking working: pixels, Conversions API and UTM structure

Who you are
- At least two years of running paid social for e-commerce
- You are comfortable with ROAS and cost per acquisition and can explain them
"""

# a specialist who tells the results in the trade's own words: cost per order, creative testing, CAPI
SPECIALIST_CV = """Mira Tallgren
Fjärdby

Paid Social Specialist, Kvistbo Home (online furniture shop), 2022–present
- Meta and TikTok buying, about 300 000 SEK a month
- Cut cost per order by 22% in a year with weekly creative testing
- Set up CAPI with our developer when browser tracking stopped catching purchases

Tools: Meta Ads Manager, TikTok Ads Manager, GA4
"""


def _doc(text: str, kind: DocKind, name: str = "cv.txt") -> Document:
    return document_from_text(text, source=name, kind=kind, lang="en")


def test_a_cost_per_result_is_a_measurable_objective(engine: Engine) -> None:
    role = engine.role_from_ad(_doc(PAID_SOCIAL_AD, "ad", "ad.txt"))
    assert "strategy" in role.must_have, role.must_have
    item = engine.rank(role, [_doc(SPECIALIST_CV, "cv")])[0]
    # the ad asks for ROAS and cost per acquisition; the CV cut its cost per order: the same measure, shown in work
    assert item.must_haves["strategy"], item.must_haves


def test_campaign_results_creative_tests_and_capi_are_read(engine: Engine) -> None:
    areas = engine.extract(_doc(SPECIALIST_CV, "cv")).areas
    assert areas["strategy"] > 0 and areas["data_insight"] > 0 and areas["api_seo"] > 0, areas


COORDINATOR_AD = """Recruitment Coordinator with Employer Branding – Brännvik Bakeries, Östhamn

Brännvik runs six bakeries and hires about 100 people a year.

Your responsibilities
- Coordinate recruitment from job request to signed contract with our bakery managers
- Plan and run our employer branding content on LinkedIn and Instagram
- Schedule interviews in our applicant tracking system

We are looking for someone who
- writes well and enjoys creating content for social media, especially LinkedIn
"""

# a coordinator whose content work is told as the posts and the career content made
COORDINATOR_CV = """Tove Lindqvist
Östhamn

HR Coordinator, Saltholm Dairy, 2022–present
- Seasonal hiring of 60 people a year, interview scheduling in the ATS
- Write monthly LinkedIn posts about open positions and our employees
- Career content for Instagram: employee stories filmed at the dairy
"""


def test_linkedin_posts_and_career_content_are_content_work(engine: Engine) -> None:
    role = engine.role_from_ad(_doc(COORDINATOR_AD, "ad", "ad.txt"))
    assert role.weights.get("marketing_communication", 0) > 0, role.weights
    item = engine.rank(role, [_doc(COORDINATOR_CV, "cv")])[0]
    # employer branding content on LinkedIn is what the ad asks; the CV's posts and career content are that work
    assert item.areas["marketing_communication"] > 0 and "marketing_communication" not in item.gaps, (
        item.areas
    )
