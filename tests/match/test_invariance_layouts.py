"""Identity-blind whatever the layout: the name, birth date, gender and photo line of a CV change no score
and no stored profile text, in each shape a bug hunt's CVs came in (stop 41, F2): plain text, Markdown,
HTML, a two-column PDF and a Word table with a sidebar, a LinkedIn "Save to PDF" export (the sidebar's
"Contact" and "Top Skills" blocks before the name) and a Europass PDF ("PERSONAL INFORMATION", then the
name). Before, the name in the last four stayed in the profile and in the wording that is scored.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kompetens.engine import Engine
from kompetens.ingest.reader import read_path
from kompetens.match.anonymize import anonymize

from .support import write_docx_columns, write_pdf, write_pdf_columns
from .test_invariance import NOT_NAMES, _candidate


def _person(first: str, last: str, born: str, gender: str) -> dict[str, str]:
    return {
        "name": f"{first} {last}",
        "email": f"{first.lower()}.{last.lower()}@example.com",
        "link": f"www.linkedin.com/in/{first.lower()}-{last.lower()}-00000",
        "born": born,
        "gender": gender,
    }


SIDEBAR = [
    "KONTAKT", "{email}", "", "KOMPETENSER", "Instagram", "TikTok", "Google Analytics", "Canva", "",
    "SPRAK", "Svenska - modersmal", "Engelska - flytande",
]  # fmt: skip
MAIN = [
    "{name}", "Social media manager", "", "PROFIL", "Jag planerar och skriver innehall for sociala medier.",
    "", "ERFARENHET", "Social media manager, Fiktiva Kaffe AB", "2019 - 2024",
    "Ansvarar for Instagram och TikTok; hanterar klagomal och foljer upp i Google Analytics.", "",
    "Kommunikator, Exempelkommunen", "2014 - 2018", "Skrev pressmeddelanden och nyhetsbrev.",
]  # fmt: skip
LINKEDIN_SIDEBAR = [
    "Contact", "{email}", "{link} (LinkedIn)", "Top Skills", "", "Content Strategy", "Google Analytics",
    "Hootsuite", "Languages", "English (Native or Bilingual)",
]  # fmt: skip
LINKEDIN_MAIN = [
    "", "", "", "", "", "", "", "", "", "", "", "{name}", "Community Lead at Imaginary Apps",
    "Malmo, Sweden", "", "Summary", "I build and moderate online communities.", "", "Experience",
    "Imaginary Apps", "Community Lead", "January 2020 - December 2024",
    "Lead social channels (Instagram, LinkedIn) and moderate the user forum; weekly sentiment report.",
]  # fmt: skip
EUROPASS = """Europass Curriculum Vitae
PERSONAL INFORMATION
{name}
Email: {email}
Date of birth: {born}    Gender: {gender}
Photo: attached
WORK EXPERIENCE
03/2020 - 12/2024
Digital Communications Officer
Pretend NGO, Stockholm (Sweden)
- Manage the organisation's social media channels (Facebook, Instagram, LinkedIn); analytics reports.
EDUCATION AND TRAINING
Master in Journalism and Media Studies
Digital skills: Google Analytics, Canva
"""
ONE_COLUMN = """{name}
Social media manager | {email}
Born: {born} | Gender: {gender}
Photo: attached

PROFILE
I plan and write content for social media and answer customers in comments.

EXPERIENCE
Social Media Manager, Fictive Coffee Ltd
2019 - 2024
- Run Instagram and TikTok; handle complaints and follow up in Google Analytics.
"""


def _fill(lines: list[str], person: dict[str, str]) -> list[str]:
    return [line.format(**person) for line in lines]


def _txt(person: dict[str, str], path: Path) -> Path:
    path.write_text(ONE_COLUMN.format(**person), encoding="utf-8")
    return path


def _md(person: dict[str, str], path: Path) -> Path:
    path.write_text("# " + ONE_COLUMN.format(**person), encoding="utf-8")
    return path


def _html(person: dict[str, str], path: Path) -> Path:
    head, _, body = ONE_COLUMN.format(**person).partition("\n")
    paragraphs = "".join(f"<p>{line}</p>" for line in body.split("\n") if line)
    path.write_text(f"<html><body><h1>{head}</h1>{paragraphs}</body></html>", encoding="utf-8")
    return path


def _pdf_columns(person: dict[str, str], path: Path) -> Path:
    write_pdf_columns(_fill(SIDEBAR, person), _fill(MAIN, person), path)
    return path


def _docx_table(person: dict[str, str], path: Path) -> Path:
    write_docx_columns(_fill(SIDEBAR, person), _fill(MAIN, person), path)
    return path


def _linkedin(person: dict[str, str], path: Path) -> Path:
    write_pdf_columns(_fill(LINKEDIN_SIDEBAR, person), _fill(LINKEDIN_MAIN, person), path)
    return path


def _europass(person: dict[str, str], path: Path) -> Path:
    write_pdf(EUROPASS.format(**person), path)
    return path


LAYOUTS: dict[str, Callable[[dict[str, str], Path], Path]] = {
    "cv.txt": _txt,
    "cv.md": _md,
    "cv.html": _html,
    "two-column.pdf": _pdf_columns,
    "table.docx": _docx_table,
    "linkedin.pdf": _linkedin,
    "europass.pdf": _europass,
}
TEXT = "\n".join([*SIDEBAR, *MAIN, *LINKEDIN_SIDEBAR, *LINKEDIN_MAIN, EUROPASS, ONE_COLUMN]).lower()
names = st.from_regex(r"[A-Z][a-z]{3,9}", fullmatch=True).filter(
    lambda n: n not in NOT_NAMES and n.lower() not in TEXT
)
people = st.builds(
    _person,
    names,
    names,
    st.dates().map(lambda d: f"{d.day:02d}/{d.month:02d}/{max(d.year, 1940)}"),
    st.sampled_from(["Female", "Male"]),
)
FIRST = _person("Testa", "Testsson", "12/04/1988", "Female")


def _profile(layout: str, person: dict[str, str], engine: Engine) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        return _candidate(LAYOUTS[layout](person, Path(tmp) / layout), engine)


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_the_name_is_removed_in_every_layout(layout: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        doc = read_path(LAYOUTS[layout](FIRST, Path(tmp) / layout))[0]
    anon = anonymize(doc.text)
    assert "name" in anon.removed
    assert "testa" not in anon.text.lower()
    assert "testsson" not in anon.text.lower()
    assert "Google Analytics" in anon.text  # a skill of the sidebar is no name


_ORIGINALS: dict[str, dict[str, Any]] = {}


@settings(
    max_examples=14,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(layout=st.sampled_from(sorted(LAYOUTS)), person=people)
# found by this test in stop 34: the name made the whole short CV read as French ("und", and E109 on upload)
@example(layout="europass.pdf", person=_person("Awaa", "Aabazghnf", "01/01/2000", "Female"))
# a long e-mail overflowed the test's sidebar cell into the main column (the fixture's fault, not the reader's)
@example(layout="two-column.pdf", person=_person("Aaaaaaaaaa", "Aaaaaaaaaa", "01/01/2000", "Male"))
# found by this test in stop 37: the name read an HTML CV (read as plain text, then profiled) as Swedish
@example(layout="cv.html", person=_person("Aavbk", "Vjagk", "01/01/2000", "Female"))
def test_personal_data_changes_no_score_in_any_layout(
    engine: Engine, layout: str, person: dict[str, str]
) -> None:
    if layout not in _ORIGINALS:
        _ORIGINALS[layout] = _profile(layout, FIRST, engine)
    assert _profile(layout, person, engine) == _ORIGINALS[layout]
