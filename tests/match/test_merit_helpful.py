"""A requirement line that ends "is helpful" is a merit: its skills are no must-haves (fictional, stop 44)."""

from __future__ import annotations

from kompetens.engine import Engine
from kompetens.ingest import document_from_text
from kompetens.match import rank

# a fictional outbound sales ad: LinkedIn prospecting makes it a social-media ad; its CRM line is a merit
SDR_AD = """Sales Development Representative - Invented Route Planning Software

The role
- Prospect into target accounts through cold calls, personalised emails and LinkedIn
- Book meetings for our Account Executives and hand over clean notes
- Hit monthly targets for qualified meetings

What we're looking for
- A year in outbound sales or lead generation, comfortable on the phone all day
- Experience with a CRM (HubSpot, Salesforce) is helpful
"""

# a fictional outbound seller: prospecting and LinkedIn in her job, no CRM named
SDR_CV = """Business Development Representative

Experience
Business Development Representative, Invented Payroll Software - 2022 - present
- Cold calls and personalised email sequences to finance directors; 40 qualified meetings a quarter
- Prospecting on LinkedIn; booked meetings for four account executives, 125 % of target
"""

# a fictional CRM administrator: the ad's tools and customer service, no selling
CRM_CV = """CRM Administrator

Experience
CRM Administrator, Invented Energy Supplier - 2019 - present
- Administer HubSpot and Salesforce for the customer service team; dashboards and data quality
- Train customer service advisors on the CRM; handle customer service escalations about records
"""


def test_a_line_that_is_helpful_asks_for_no_must_have(engine: Engine) -> None:
    """The CRM line said "is helpful", yet its CRM, HubSpot and Salesforce became the role's must-haves
    (customer service, marketing), so a CRM administrator who sells nothing ranked above an outbound seller
    who names no CRM. "is helpful", "would be helpful" and "is useful" are merit cues now."""
    role = engine.role_from_ad(document_from_text(SDR_AD, kind="ad", lang="en"))
    assert role.social_media
    assert "customer_service" not in role.must_have, role.must_have
    seller = engine.candidate(document_from_text(SDR_CV, kind="cv", lang="en"))
    crm = engine.candidate(document_from_text(CRM_CV, kind="cv", lang="en"))
    order = [r.score for r in rank([crm, seller], role)]
    assert order[0].candidate is seller, [(s.score, s.must_haves) for s in order]
