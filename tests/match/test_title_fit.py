"""The ad's job title held in the CV's job titles: a part of the wording fit (fictional texts, stop 45)."""

from __future__ import annotations

import pytest

from kompetens.engine import Engine
from kompetens.ingest import document_from_text
from kompetens.match import rank, wording

WEIGHTS = {"payroll": 0.3, "specialist": 0.1, "hybrid": 0.1, "invented": 0.2, "pension": 0.2}


def test_the_title_words_are_the_jobs_words_the_wording_weighs() -> None:
    assert wording.title_words("Payroll Specialist (full-time, hybrid)", WEIGHTS) == {
        "payroll": 0.3,
        "specialist": 0.1,
    }
    assert wording.title_words("Payroll Specialist - Invented Group, Westby", WEIGHTS) == {
        "payroll": 0.3,
        "specialist": 0.1,
    }
    assert wording.title_words("Payroll Specialist till Invented AB", WEIGHTS) == {
        "payroll": 0.3,
        "specialist": 0.1,
    }
    assert wording.title_words("Head of People", WEIGHTS) == {}


def test_a_duty_the_title_adds_with_with_or_med_is_not_the_job() -> None:
    weights = {"recruitment": 0.3, "coordinator": 0.2, "employer": 0.1, "branding": 0.1, "kommunikatör": 0.2}
    assert wording.title_words(
        "Recruitment Coordinator with Employer Branding - Invented Group", weights
    ) == {
        "recruitment": 0.3,
        "coordinator": 0.2,
    }
    assert wording.title_words("Kommunikatör med ansvar för employer branding", weights) == {
        "kommunikatör": 0.2
    }


def test_the_job_a_title_names_after_a_verb_of_hiring_not_the_employer_before_it() -> None:
    weights = {"invented": 0.2, "kommun": 0.1, "webbredaktör": 0.3, "council": 0.1, "web": 0.2, "editor": 0.2}
    assert wording.title_words(
        "Invented kommun söker webbredaktör till kommunikationsavdelningen", weights
    ) == {"webbredaktör": 0.3}
    assert wording.title_words("Vi söker en webbredaktör – Invented kommun", weights) == {"webbredaktör": 0.3}
    assert wording.title_words("Invented Council is hiring a Web Editor", weights) == {
        "web": 0.2,
        "editor": 0.2,
    }
    assert wording.title_words("Invented Council seeks Web Editor (maternity cover)", weights) == {
        "web": 0.2,
        "editor": 0.2,
    }
    # no verb of hiring: the title is read as before
    assert wording.title_words("Web Editor - Invented Council", weights) == {"web": 0.2, "editor": 0.2}


def test_a_swedish_compound_holds_the_title_word_that_is_its_head() -> None:
    words = {"sociala": 0.1, "medier": 0.1, "redaktör": 0.2}
    assert wording.title_fit(words, ["Webbredaktör, Invented Tidning"], lang="sv") == pytest.approx(0.5)
    assert wording.title_fit(words, ["Reporter och kvällsredaktör"], lang="sv") == pytest.approx(0.5)
    # the word only starts the compound: an assistant to an editor is no editor
    assert wording.title_fit(words, ["Redaktörsassistent, Invented Förlag"], lang="sv") == 0.0
    # English closes no compounds; nor is a head of fewer letters than head_min read
    assert wording.title_fit(words, ["Webbredaktör"], lang="en") == 0.0
    assert wording.title_fit({"chef": 0.1, "kock": 0.1}, ["Souschef"], lang="sv") == pytest.approx(0.5)
    assert wording.title_fit({"el": 0.1}, ["Modellansvarig"], lang="sv") == 0.0


def test_a_bracket_with_the_titles_initials_is_its_short_form() -> None:
    assert wording.title_short_form("Sales Development Representative (SDR) - B2B SaaS") == "sdr"
    assert wording.title_short_form("Customer Success Manager (CSM)") == "csm"
    assert wording.title_short_form("Data Analyst (BI)") is None  # not the title's initials
    assert wording.title_short_form("Payroll Specialist (full-time, hybrid)") is None
    words = {"sales": 0.1, "development": 0.1, "representative": 0.1}
    assert wording.title_fit(words, ["Senior SDR | Invented Platform"], "sdr") == 1.0
    assert wording.title_fit(words, ["Senior SDR | Invented Platform"]) == 0.0
    assert wording.title_fit(words, ["Business Development Representative"], "sdr") == pytest.approx(2 / 3)
    assert wording.title_fit(words, ["Field Sales (SDRs' manager)"], "sdr") == pytest.approx(1 / 3)


def test_the_title_fit_is_the_weighed_part_the_cvs_titles_hold() -> None:
    words = {"payroll": 0.3, "specialist": 0.1}
    assert wording.title_fit(words, ["Payroll Officer, Invented Care Homes"]) == pytest.approx(0.75)
    assert wording.title_fit(words, ["Payroll Assistant", "Payroll Specialist"]) == pytest.approx(1.0)
    assert wording.title_fit(words, ["Payroll Assistant", "Specialist, Payroll"]) == pytest.approx(1.0)
    assert wording.title_fit(words, ["Pensions Administrator"]) == 0.0
    assert wording.title_fit(words, []) is None  # a CV whose jobs are not read is not held to it
    assert wording.title_fit({}, ["Payroll Officer"]) is None


PAYROLL_AD = """Payroll Specialist (full-time, hybrid)

The role
- Run the monthly payroll for 600 staff: starters, leavers, variations and BACS
- Administer pension auto-enrolment, re-enrolment and salary sacrifice
- Reconcile payroll to the ledger and file RTI submissions
- Answer staff queries about pay and pensions

About you
- Two years in payroll; CIPP qualified or studying
"""

# a fictional pensions administrator: many of the ad's words (pensions, enrolment, starters, leavers, queries)
PENSIONS_CV = """Pensions Administrator

Experience
Reward & Pensions Administrator, Invented Housing Group - 2021 - present
- Pension enrolment for 900 staff
- Answer staff queries about pensions and pay
"""

# a fictional payroll officer: fewer of the ad's words, but she has run the job
PAYROLL_CV = """Payroll Officer

Experience
Payroll Officer, Invented Care Homes - 2020 - present
- Run the weekly and monthly payroll for 350 staff from timesheets to BACS
- Variations, overtime and holiday pay; year-end and P60s
- Payroll reconciliations for the finance team
"""


def test_a_cv_that_held_the_job_ranks_above_a_neighbour_job_that_shares_its_words(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pensions administrator shares more of a payroll ad's words than a payroll officer; a recruiter reads
    the job titles first. Without the title part the neighbour job ranks first."""
    role = engine.role_from_ad(document_from_text(PAYROLL_AD, kind="ad", lang="en"))
    pensions = engine.candidate(document_from_text(PENSIONS_CV, kind="cv", lang="en"))
    payroll = engine.candidate(document_from_text(PAYROLL_CV, kind="cv", lang="en"))
    order = [r.score for r in rank([pensions, payroll], role)]
    assert order[0].candidate is payroll, [(s.score, s.wording) for s in order]
    monkeypatch.setattr(wording, "TITLE_SHARE", 0.0)
    order = [r.score for r in rank([pensions, payroll], role)]
    assert order[0].candidate is pensions, [(s.score, s.wording) for s in order]


def test_a_cv_in_another_language_is_not_held_to_a_title_it_does_not_hold(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Swedish payroll officer's titles hold none of an English payroll ad's title words: the job in her
    own words ("Löneadministratör") is not compared, so she keeps her texts' fit."""
    role = engine.role_from_ad(document_from_text(PAYROLL_AD, kind="ad", lang="en"))
    cv = engine.candidate(
        document_from_text(
            "Lönespecialist\n\nErfarenhet\nLöneadministratör, Invented Omsorg AB - 2019 - nu\n"
            "- Löner för 400 anställda, pensioner, frånvaro och semester\n",
            kind="cv",
            lang="sv",
        )
    )
    with_title = rank([cv], role)[0].score.wording
    monkeypatch.setattr(wording, "TITLE_SHARE", 0.0)
    assert rank([cv], role)[0].score.wording == with_title


def test_where_a_title_adds_a_duty_begins() -> None:
    assert wording.title_duty_at("Library Assistant (with social media) - Invented Library") == 19
    assert wording.title_duty_at("Kommunikatör med ansvar för PR") == 13
    assert wording.title_duty_at("Payroll Specialist - Invented Group") is None
    assert wording.title_duty_at("Withdrawals Clerk") is None


DUTY_AD = """{title} – Invented Town Library

We are looking for someone to join our front-line team at a busy town library.

Main duties
- Welcome visitors at the service desk: loans, returns and library cards
- Run the library's Instagram and Facebook pages and reply to messages

About you
- Experience of working with the public
- Experience posting on Instagram and Facebook for an organisation
"""


def test_an_area_the_title_adds_as_a_duty_is_weighed_but_no_must_have(engine: Engine) -> None:
    """A library assistant "with social media" is a library assistant first: the social-media areas her ad
    asks for weigh in her score but do not sort a librarian without them below a consumer with them."""
    plain = engine.role_from_ad(
        document_from_text(DUTY_AD.format(title="Library Assistant"), kind="ad", lang="en")
    )
    duty = engine.role_from_ad(
        document_from_text(
            DUTY_AD.format(title="Library Assistant (with social media)"), kind="ad", lang="en"
        )
    )
    assert plain.must_have  # the requirement makes a must-have where the title adds no duty
    assert duty.must_have == ()
    assert duty.weights == plain.weights


COMMUNITY_AD = """Community Manager – Invented Games (Exempelstad, hybrid)

What you will do
- Run our Discord server, Steam discussions and subreddit day to day
- Write patch notes and announcements, and recruit and train our volunteer moderators
- Summarise player feedback and bug reports for the development team every week
"""

# a fictional Swedish CV whose job title is the English one, borrowed as Swedish work life writes it
BORROWED_CV = """Erfarenhet
Community manager, Påhittad Spelstudio AB, 2021 – nu
- Driver vår Discord med 60 000 medlemmar och ett team av frivilliga moderatorer
- Skriver patch notes och sammanfattar spelarnas feedback till utvecklarna varje vecka
"""


def test_a_cv_in_another_language_holds_a_title_it_borrows_as_the_ad_writes_it(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stop 47: a Swedish CV whose job title is "Community manager" holds an English ad's "Community
    Manager" as a CV in English would; without the title part her fit is her texts' alone, and lower."""
    role = engine.role_from_ad(document_from_text(COMMUNITY_AD, kind="ad", lang="en"))
    cv = engine.candidate(document_from_text(BORROWED_CV, kind="cv", lang="sv"))
    assert cv.lang != role.lang
    held = rank([cv], role)[0].score.wording
    monkeypatch.setattr(wording, "TITLE_SHARE", 0.0)
    texts = rank([cv], role)[0].score.wording
    assert held is not None and texts is not None
    assert held > texts


def test_a_title_that_names_the_same_job_in_other_words_holds_part_of_the_ads_title() -> None:
    share = wording.TITLE_SYNONYM_SHARE
    assert 0.0 < share <= 1.0
    sv = {"teamledare": 0.4, "kundservice": 0.2}
    assert wording.title_fit(
        sv, ["Gruppchef kundcenter"], lang="sv", title="Teamledare kundservice"
    ) == pytest.approx(share * 0.4 / 0.6)
    assert wording.title_fit(
        sv, ["Arbetsledare"], lang="sv", title="Teamledare kundservice"
    ) == pytest.approx(share * 0.4 / 0.6)
    assert wording.title_fit(
        sv, ["Kundtjänstgruppchef"], lang="sv", title="Teamledare kundservice"
    ) == pytest.approx(share * 0.4 / 0.6)
    # the word itself holds it whole; a synonym adds nothing to a word already held
    assert wording.title_fit(
        sv, ["Teamledare kundservice", "Gruppchef"], lang="sv", title="Teamledare kundservice"
    ) == pytest.approx(1.0)
    assert wording.title_fit(sv, ["Kundtjänstmedarbetare"], lang="sv") == 0.0
    assert wording.title_fit(sv, ["Gruppchefsassistent"], lang="sv") == 0.0
    en = {"leader": 0.3, "warehouse": 0.3}
    assert wording.title_fit(
        en, ["Shift Supervisor"], lang="en", title="Warehouse Team Leader"
    ) == pytest.approx(share * 0.5)
    assert wording.title_fit(
        en, ["Team Lead, Goods In"], lang="en", title="Warehouse Team Leader"
    ) == pytest.approx(share * 0.5)
    assert wording.title_fit(en, ["Warehouse Operative"], lang="en") == pytest.approx(0.5)
    assert (
        wording.title_fit({"payroll": 0.3}, ["Shift Supervisor"], lang="en", title="Payroll Officer") == 0.0
    )
    # a synonym is read only where the ad's title names a title of its group in a row
    assert wording.title_fit(sv, ["Gruppchef"], lang="sv") == 0.0
    manager = {"marketing": 0.3, "manager": 0.3}
    assert wording.title_fit(manager, ["Shift Supervisor"], lang="en", title="Marketing Manager") == 0.0


def test_a_generic_role_noun_alone_holds_nothing_of_the_title() -> None:
    """The role noun ("specialist", "manager", "handläggare") names a level of work in any trade; the words
    beside it name the job: a PPC specialist holds nothing of an SEO specialist's title. Before: 0.4 each."""
    en = {"seo": 0.3, "specialist": 0.2}
    assert wording.title_fit(en, ["PPC Specialist, Invented Agency"], lang="en") == 0.0
    assert wording.title_fit(en, ["Payroll Assistant", "Tax Specialist"], lang="en") == 0.0
    assert wording.title_fit(en, ["SEO Specialist"], lang="en") == pytest.approx(1.0)
    assert wording.title_fit(en, ["SEO Executive"], lang="en") == pytest.approx(0.6)
    # the role noun held in a title that holds the job's word too, though another title holds it alone
    assert wording.title_fit(
        en, ["PPC Specialist", "SEO & Specialist Content Lead"], lang="en"
    ) == pytest.approx(1.0)
    assert wording.title_fit({"community": 0.3, "manager": 0.1}, ["Marketing Manager"], lang="en") == 0.0
    sv = {"löne": 0.2, "handläggare": 0.2, "kommunikation": 0.2}
    assert wording.title_fit(sv, ["Handläggare, Försäkringskassan"], lang="sv") == 0.0
    assert wording.title_fit(sv, ["Ekonomihandläggare"], lang="sv") == 0.0  # a compound's head alone too
    assert wording.title_fit(sv, ["Kommunikation och handläggare"], lang="sv") == pytest.approx(2 / 3)
    # a title of role nouns only is held by them as before
    assert wording.title_fit({"specialist": 0.2}, ["PPC Specialist"], lang="en") == pytest.approx(1.0)
    assert wording.title_fit({"manager": 0.2, "officer": 0.2}, ["Officer"], lang="en") == pytest.approx(0.5)
    # the nouns are language data of both languages
    assert {"specialist", "manager", "coordinator"} <= set(wording.cv_words("title_role_nouns"))
    assert {"handläggare", "samordnare", "ansvarig"} <= set(wording.cv_words("title_role_nouns"))
