"""Small fictional taxonomy files in the shapes of the real ones (wheels, ESCO CSV, JobTech, crosswalks)."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest

from kompetens.taxonomy import build_taxonomy
from kompetens.taxonomy.setup import MEMBERS, WHEELS
from kompetens.taxonomy.wheels import ESCO_OCCUPATIONS, ESCO_SKILLS, OJD_ESCO, OJD_HIERARCHY

SHARED = Path(__file__).resolve().parents[2].parent / "shared"

SKILL = "http://data.europa.eu/esco/skill/"
OCC = "http://data.europa.eu/esco/occupation/"
ISCO = "http://data.europa.eu/esco/isco/C"
JOBTECH = "http://data.jobtechdev.se/taxonomy/concept/"

# Fictional concepts: ids are made up, labels invented for tests.
U1 = "0a0a0a0a-0000-4000-8000-000000000001"  # known to ojd, same labels in the text
U2 = "0a0a0a0a-0000-4000-8000-000000000002"  # ojd knows the old preferred label
U3 = "0a0a0a0a-0000-4000-8000-000000000003"  # a proper-noun knowledge concept
U4 = "0a0a0a0a-0000-4000-8000-000000000004"  # new: only in the extractor text
O1 = "0b0b0b0b-0000-4000-8000-000000000001"

OJD_ROWS = [
    (
        U1,
        "moderate online discussions",
        "[['S', 'S1', 'S1.2', 'S1.2.1'], ['T', 'T4', 'T4.1', None]]",
        "preferredLabel",
    ),
    (
        U1,
        "moderate online  forums",
        "[['S', 'S1', 'S1.2', 'S1.2.1'], ['T', 'T4', 'T4.1', None]]",
        "altLabels",
    ),
    (
        U1,
        "moderating online discussions",
        "[['S', 'S1', 'S1.2', 'S1.2.1'], ['T', 'T4', 'T4.1', None]]",
        "altLabels",
    ),
    (U2, "write fictional press releases", "[['S', 'S1', 'S1.13', 'S1.13.0']]", "preferredLabel"),
    (U2, "draft fictional press releases", "[['S', 'S1', 'S1.13', 'S1.13.0']]", "altLabels"),
    (U3, "Testscript", "[['K', 'K06', 'K061', 'K0613']]", "preferredLabel"),
    (U3, "Testscript programming", "[['K', 'K06', 'K061', 'K0613']]", "altLabels"),
    ("S1.2", "example group alpha", "", "level_2"),
    ("S1.2.1", "example group alpha one", "", "level_3"),
]
HIERARCHY = {
    "S1": "example top group",
    "K06": "example field",
    "K061": "example field one",
    "T4.1": "example transversal",
}
SKILL_TEXTS = {
    SKILL + U1: "moderate online discussions moderate online forums moderating online discussions "
    "Keep fictional forums civil and on topic.",
    SKILL
    + U2: "write imaginary press releases write fictional press releases draft fictional press releases "
    "Compose press releases for Exempelbolaget AB.",
    SKILL + U3: "Testscript Testscript programming The invented language Testscript is used only in tests.",
    SKILL + U4: "plan example campaigns Plan campaigns for Fiktiva Fönster AB.",
}
OCCUPATION_TEXTS = {
    OCC + O1: "example community keeper example forum keeper Example community keepers look after "
    "fictional online communities. They answer Testa Testsson.",
    ISCO + "099": "Example occupations Example occupations do invented work.",
}


def write_csv(path: Path, header: list[str], rows: list[tuple[str, ...]] | list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_sources(folder: Path) -> dict[str, Path]:
    """The four wheel files, fictional content, as ``fetch_sources`` would return them."""
    folder.mkdir(parents=True, exist_ok=True)
    hier = folder / "hier_mapper.json"
    hier.write_text(json.dumps(HIERARCHY), encoding="utf-8")
    return {
        OJD_ESCO: write_csv(
            folder / "esco_formatted.csv", ["id", "description", "hierarchy_levels", "type"], OJD_ROWS
        ),
        OJD_HIERARCHY: hier,
        ESCO_SKILLS: write_csv(folder / "skills.csv", ["id", "description"], list(SKILL_TEXTS.items())),
        ESCO_OCCUPATIONS: write_csv(
            folder / "occupations.csv", ["id", "description"], list(OCCUPATION_TEXTS.items())
        ),
    }


def write_wheels(folder: Path, sources: dict[str, Path]) -> None:
    """Fake wheels holding the source files at the members' paths."""
    folder.mkdir(parents=True, exist_ok=True)
    for wheel in WHEELS.values():
        with zipfile.ZipFile(folder / wheel, "w") as zf:
            for key, (owner, member) in MEMBERS.items():
                if owner == wheel:
                    zf.write(sources[key], member)


@pytest.fixture
def sources(tmp_path: Path) -> dict[str, Path]:
    return write_sources(tmp_path / "sources")


@pytest.fixture
def built(tmp_path: Path, sources: dict[str, Path]) -> Path:
    """A data folder holding a taxonomy compiled from the fictional sources."""
    data_dir = tmp_path / "data"
    build_taxonomy(data_dir=data_dir, sources=sources)
    return data_dir


def shared(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"../shared not found: {path} (shared data only sits beside the project checkout)")
    return path


# --- importer fixtures ----------------------------------------------------------------------------------

ESCO_SV_HEADER = [
    "conceptType",
    "conceptUri",
    "skillType",
    "reuseLevel",
    "preferredLabel",
    "altLabels",
    "description",
]
ESCO_SV_ROWS = [
    [
        "KnowledgeSkillCompetence",
        SKILL + U1,
        "skill/competence",
        "cross-sector",
        "moderera onlinediskussioner",
        "moderera forum\nmoderering av diskussioner",
        "Håll fiktiva forum sakliga.",
    ],
    [
        "KnowledgeSkillCompetence",
        SKILL + U4,
        "skill/competence",
        "cross-sector",
        "planera exempelkampanjer",
        "",
        "",
    ],
]

JOBTECH_DUMP = {
    "data": {
        "concepts": [
            {"id": "Test_Ab1_Xy2", "preferred_label": "Forummoderering", "type": "skill"},
            {
                "id": "Test_Grp_001",
                "preferred_label": "Exempelyrken",
                "type": "ssyk-level-4",
                "ssyk_code_2012": "9999",
                "definition": "Påhittade yrken för tester.",
                "narrower": [
                    {"id": "Test_Occ_001", "preferred_label": "Forumvärd", "type": "occupation-name"}
                ],
                "related": [{"id": "Test_Key_001", "preferred_label": "Nyckelord", "type": "keyword"}],
            },
        ]
    }
}

CROSSWALK_META = [
    ("Mapping project name", "Example crosswalk"),
    ("Mapping project author", "default-author"),
    ("Mapping project version", "N/A"),
    ("Mapping project version date", "1"),
    ("Classification 1 Name", "Esco - kompetenser"),
    ("Classification 1 Concept type", "Skills"),
    ("Classification 1 Version", "1.0.9"),
    ("Classification 1 Language", "sv"),
    ("Classification 1 Landing page", "https://example.invalid/"),
    ("Classification 2 Name", "Swedish skills"),
    ("Classification 2 Concept type", "Skill"),
    ("Classification 2 Version", "21"),
    ("Classification 2 Language", "sv"),
    ("Classification 2 Landing page", "https://example.invalid/"),
    ("", ""),
    ("", ""),
]
CROSSWALK_HEADER = [
    "Classification 1 URI",
    "Classification 1 PrefLabel",
    "Classification 1 URL",
    "Classification 2 URI",
    "Classification 2 PrefLabel",
    "Classification 2 URL",
    "Mapping relation",
    "Editorial note",
]
CROSSWALK_ROWS = [
    [
        SKILL + U1,
        "moderera onlinediskussioner",
        "",
        JOBTECH + "Test_Ab1_Xy2",
        "Forummoderering",
        "",
        "skos:exactMatch",
        "",
    ],
    [
        SKILL + U2,
        "skriva pressmeddelanden",
        "",
        JOBTECH + "Test_Pr_0001",
        "Pressarbete, fiktivt",
        "",
        "skos:broadMatch",
        "",
    ],
    [SKILL + U3, "Testscript", "", "", "", "", "no relation", ""],
]


def _csv_line(cells: list[str] | tuple[str, ...], *, delimiter: str = ",") -> str:
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="").writerow(cells)
    return buf.getvalue()


def write_crosswalk(path: Path, *, semicolon: bool) -> Path:
    """The skills crosswalk's shape (each CSV line one ';'-field) or the occupations' plain CSV."""
    lines = [_csv_line(row) for row in [*CROSSWALK_META, CROSSWALK_HEADER, *CROSSWALK_ROWS]]
    if not semicolon:
        lines.insert(0, ",".join(f"Column{i}" for i in range(1, 9)))
    else:
        lines = [_csv_line([line, ""], delimiter=";") for line in lines]
        # As in the real file: a stray ';' took the comma before the JobTech URI and the row shifted left.
        shifted = _csv_line([*CROSSWALK_ROWS[1][:2], *CROSSWALK_ROWS[1][3:], ""])
        cut = shifted.index(",http") + 1
        lines[-2] = shifted[:cut] + ";" + _csv_line([shifted[cut:]], delimiter=";")
    path.write_text("\ufeff" + "\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path
