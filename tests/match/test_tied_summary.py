"""A self-description tied to a dated job is that job's text, not a claim (fictional texts, stop 46)."""

from __future__ import annotations

from datetime import date

from kompetens.engine import Engine
from kompetens.ingest import document_from_text
from kompetens.match.score import CandidateProfile, TiedSummary
from kompetens.match.timeline import parse_timeline

JOBS = (
    "Erfarenhet\n"
    "Sportreporter och kvällsredaktör, Påhittade Tidningen, 2021–nu\n"
    "Matchrapporter och resultat.\n"
    "Sommarvikarie, Fiktiva Radion, 2019\n"
    "Nyhetsinslag.\n"
)


def _tied(summary: str) -> list[str]:
    text = f"{summary}\n\n{JOBS}"
    tied = TiedSummary(text, parse_timeline(text, today=date(2026, 12, 1)))
    return [p.title for k in range(len(summary)) if (p := tied.at(k)) is not None][:1]


def test_a_sentence_that_names_a_jobs_employer_title_or_start_year_is_tied_to_it() -> None:
    tidning = "Sportreporter och kvällsredaktör, Påhittade Tidningen"
    assert _tied("På Påhittade Tidningen modererade jag kommentarerna.") == [tidning]
    # a part of the title joined by a conjunction names it
    assert _tied("Jag är kvällsredaktör och filmar i mobilen.") == [tidning]
    assert _tied("Sedan 2021 publicerar jag på Instagram.") == [tidning]
    assert _tied("Sommaren på Fiktiva Radion lärde mig att klippa.") == ["Sommarvikarie, Fiktiva Radion"]


def test_a_sentence_that_gives_only_a_place_or_a_length_of_time_stays_a_claim() -> None:
    assert _tied("Åtta års erfarenhet av sociala medier i Hallby.") == []
    assert _tied("Jag modererar kommentarer och planerar inlägg.") == []


def test_a_cv_without_dated_jobs_ties_nothing() -> None:
    text = "Profil\nPå Påhittade Tidningen modererade jag kommentarerna.\n"
    assert not TiedSummary(text, parse_timeline(text, today=date(2026, 12, 1)))


CV = """Profil
{summary}

Erfarenhet
Webbredaktör, Påhittade Tidningen, 2021–nu
Texter för webben.
"""


def test_the_work_a_tied_summary_tells_counts_as_the_jobs(engine: Engine) -> None:
    """The same moderation in a sentence that names the job's employer is shown work (where "position",
    meeting a must-have, its words the job's); in one that names nothing it stays a claim (half weight, no
    must-have from it)."""

    def cv(summary: str) -> CandidateProfile:
        return engine.candidate(document_from_text(CV.format(summary=summary), kind="cv", lang="sv"))

    told = "modererade jag kommentarsfälten och besvarade läsarnas frågor i kommentarerna"
    tied = cv(f"På Påhittade Tidningen {told}.")
    claim = cv(f"I flera år {told}.")
    assert {e.where for e in tied.evidence["community"]} == {"position"}
    assert {e.where for e in claim.evidence["community"]} == {"other"}
    assert tied.shown_level("community") > 0.0 == claim.shown_level("community")
    assert "läsarnas" not in tied.wording_where  # the mentions are no wording; the other words are the job's
    assert claim.wording_where.get("läsarnas") == 0.5
