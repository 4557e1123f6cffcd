"""A running job told in a sentence of prose ("Sedan 2015 är jag webbredaktör på X", "Since 2019 I have led
community for X"): the timeline reads it as a position of its own (``timeline._prose``, ``prose_jobs`` of
``lang/{sv,en}/cv.json``). Fictional texts."""

from __future__ import annotations

from datetime import date

import pytest

from kompetens.engine import Engine
from kompetens.ingest import document_from_text
from kompetens.match.score import CandidateProfile
from kompetens.match.timeline import month_str, parse_timeline

TODAY = date(2026, 12, 1)

SV_PROSE = """Kim Exempel
Påhittby · 070-000 00 00

Jag började som lokalreporter och har sedan dess arbetat med nyheter. Sedan 2015 är jag webbredaktör och
ansvarig för sociala medier på Påhittade Räddningstjänsten, där jag publicerar information om pågående
händelser. Jag har byggt upp kanalerna och skrivit en kommentarspolicy.

Tidigare: reporter på Fiktiva Dagbladet (1991–2015).
"""


def test_a_swedish_sentence_that_tells_a_running_job_is_a_position() -> None:
    tl = parse_timeline(SV_PROSE, today=TODAY)
    told = [p for p in tl.positions if p.told]
    assert len(told) == 1
    job = told[0]
    assert (month_str(job.start), job.ongoing, job.title) == ("2015-01", True, "")
    start, end = job.block
    assert SV_PROSE[start:].startswith("Sedan 2015 är jag webbredaktör")  # from its sentence on
    assert "kommentarspolicy" in SV_PROSE[start:end] and "Tidigare" not in SV_PROSE[start:end]
    assert "lokalreporter" not in SV_PROSE[start:end]  # the sentence before it tells no work of this job
    dated = [p for p in tl.positions if not p.told]
    assert [month_str(p.start) for p in dated] == ["1991-01"]


@pytest.mark.parametrize(
    ("sentence", "start"),
    [
        ("Sedan 2020 leder jag ett av två team på kommunens påhittade kontaktcenter.", "2020-01"),
        ("Sedan mars 2021 arbetar jag extra som kundtjänstmedarbetare på Fiktiva Energi.", "2021-03"),
        ("Sedan 2019 har jag jobbat som reseledare och guide.", "2019-01"),
        ("Jag har sedan 2018 arbetat som kommunikatör på Exempelbolaget.", "2018-01"),
        ("Jag arbetar sedan 2017 som handläggare på Påhittade Kommunen.", "2017-01"),
        ("Jag är sedan 2016 redaktör för Fiktiva Tidningens webb.", "2016-01"),
        ("Since 2019 I have led community for Imaginary Sims, a small studio.", "2019-01"),
        ("Since March 2020, I have worked as a support agent at Madeup Energy.", "2020-03"),
        ("I moved to Fictive Referrals, where I have worked since 2000 as a theatre nurse.", "2000-01"),
    ],
)
def test_the_forms_of_a_prose_job(sentence: str, start: str) -> None:
    text = f"Kim Exempel\nkim@example.com\n\n{sentence} Jag trivs. I like it.\n"
    told = [p for p in parse_timeline(text, today=TODAY).positions if p.told]
    assert [(month_str(p.start), p.ongoing) for p in told] == [(start, True)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Sedan 2019 är jag bosatt i Påhittby och känner regionen väl.",
        "Sedan 2020 är jag legitimerad sjuksköterska.",
        "Jag är sedan oktober 2026 registrerad som sjuksköterska i Fiktivien.",
        "Since 2022 I have been living in Madeuptown.",
        "Since 2021 I have been a member of the Imaginary Society.",
        "Jag har sålt resor sedan 2004 och varit på de flesta orterna.",  # a since at the end: no job's start
    ],
)
def test_where_one_lives_belongs_or_is_licensed_is_no_job(sentence: str) -> None:
    text = f"Kim Exempel\nkim@example.com\n\n{sentence}\n"
    assert parse_timeline(text, today=TODAY).positions == ()


def test_a_prose_job_inside_a_running_dated_job_tells_that_jobs_work() -> None:
    """In the text of a running job that began no later (and on a bullet) the sentence is that job's work;
    after a job that ended, it is a job of its own and ends the earlier job's text."""
    running = (
        "Erfarenhet\nGruppchef kundservice, Fiktiva Bolaget, 2012–nu\n"
        "Leder tolv handläggare. Sedan 2023 leder jag även chattgruppen.\n"
        "- Since 2023, I have run the weekly report\n"
    )
    assert [p.told for p in parse_timeline(running, today=TODAY).positions] == [False]
    ended = (
        "Experience\nSenior Community Manager, Madeup Online, 2013 – 2019\nRan the forums.\n"
        "Since 2019 I have led community for Imaginary Sims, where I write the patch notes.\n"
    )
    tl = parse_timeline(ended, today=TODAY)
    assert [(p.told, month_str(p.start)) for p in tl.positions] == [(False, "2013-01"), (True, "2019-01")]
    first, second = tl.positions
    assert "patch notes" not in ended[first.block[0] : first.block[1]]
    assert "patch notes" in ended[second.block[0] : second.block[1]]


def test_a_prose_jobs_work_is_shown_work(engine: Engine) -> None:
    """The community work a prose job's paragraph tells counts as a job's (where "position"), dated from its
    start; a CV whose jobs are all told in prose keeps its words at their full weight in the wording fit (its
    career is one story: claims and work are not told apart), as one whose jobs are not read at all."""
    text = (
        "Kim Exempel\nkim@example.com\n\n"
        "Sedan 2019 är jag communityansvarig på Påhittade Spel AB, där jag modererar forumet och "
        "besvarar spelarnas frågor i kommentarerna.\n"
    )
    cand: CandidateProfile = engine.candidate(document_from_text(text, kind="cv", lang="sv"))
    assert cand.evidence["community"] and {e.where for e in cand.evidence["community"]} == {"position"}
    assert cand.years["community"] > 5.0
    assert cand.wording_where == {}
