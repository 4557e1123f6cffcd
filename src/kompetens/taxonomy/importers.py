"""Importers that add to the compiled taxonomy: official ESCO CSVs in any language, JobTech JSON dumps,
and the Swedish ESCO <-> JobTech crosswalks. Each updates ``taxonomy.sqlite`` in place and is recorded, so
that a rebuild replays it.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from kompetens.errors import Code, TaxonomyError
from kompetens.taxonomy.model import (
    ESCO_ISCED_URI,
    ESCO_ISCO_URI,
    ESCO_OCCUPATION_URI,
    ESCO_SKILL_URI,
    ConceptKind,
    jobtech_uri,
)
from kompetens.taxonomy.store import TaxonomyWriter, taxonomy_path

# --- shared -------------------------------------------------------------------------------------------


def _read_text(path: Path) -> str:
    """The file's text; a ``.gz`` file is decompressed (the package's own Swedish data is shipped so)."""
    try:
        raw = path.read_bytes()
        if path.suffix == ".gz":
            raw = gzip.decompress(raw)
        # universal newlines, as read_text gave before
        return raw.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except FileNotFoundError:
        raise TaxonomyError(Code.E201, "file not found", source=str(path)) from None
    except (OSError, EOFError) as exc:
        raise TaxonomyError(Code.E201, f"cannot read the file ({exc})", source=str(path)) from None
    except UnicodeDecodeError:
        raise TaxonomyError(Code.E201, "not UTF-8 text", source=str(path)) from None


def _column(fields: list[str], *names: str) -> str | None:
    """The header of ``fields`` equal to one of ``names``, ignoring case."""
    lowered = {f.strip().lower(): f for f in fields}
    for name in names:
        if name.lower() in lowered:
            return lowered[name.lower()]
    return None


def esco_kind(uri: str, concept_type: str = "") -> ConceptKind | None:
    """Kind of an ESCO concept from its ``conceptType`` column, else from its URI."""
    by_type: dict[str, ConceptKind] = {
        "knowledgeskillcompetence": "skill",
        "occupation": "occupation",
        "skillgroup": "skill-group",
        "iscogroup": "occupation-group",
    }
    if concept_type.strip().lower() in by_type:
        return by_type[concept_type.strip().lower()]
    if uri.startswith(ESCO_OCCUPATION_URI):
        return "occupation"
    if uri.startswith(ESCO_ISCO_URI):
        return "occupation-group"
    if uri.startswith(ESCO_ISCED_URI):
        return "skill-group"
    if uri.startswith(ESCO_SKILL_URI):
        tail = uri.removeprefix(ESCO_SKILL_URI)
        return "skill-group" if re.fullmatch(r"[A-Z]\d[\d.]*", tail) else "skill"
    return None


def _lang_from_name(path: Path) -> str | None:
    """``skills_sv.csv`` -> ``sv``; ``occupations_en-GB.csv`` -> ``en``."""
    found = re.search(r"[_\-.]([a-z]{2})(?:[_\-][A-Za-z]{2})?$", path.stem)
    return found.group(1) if found else None


# --- official ESCO CSV ----------------------------------------------------------------------------------


def import_esco_csv(path: Path, *, data_dir: Path, lang: str | None = None) -> dict[str, int]:
    """Add labels (and descriptions) in one language from an official ESCO CSV (skills_sv.csv ...).

    The language comes from ``lang`` or the file name. Concepts the taxonomy lacks are added; a concept's
    labels in that language are replaced by the file's. Tabiya's upper-case column names work too.
    """
    return _import_esco_csv(Path(path), db_path=taxonomy_path(data_dir), lang=lang)


def _import_esco_csv(path: Path, *, db_path: Path, lang: str | None) -> dict[str, int]:
    text = _read_text(path)  # a missing file is said first, whatever its name
    lang = lang or _lang_from_name(path)
    if not lang:
        raise TaxonomyError(
            Code.E201,
            "cannot tell the language from the file name (as skills_sv.csv tells it); give it with --lang,"
            " e.g. --lang sv (lang='sv' in Python)",
            source=str(path),
        )
    reader = csv.DictReader(io.StringIO(text))
    fields = list(reader.fieldnames or [])
    cols = {
        "uri": _column(fields, "conceptUri", "originUri", "uri"),
        "pref": _column(fields, "preferredLabel"),
        "alt": _column(fields, "altLabels"),
        "desc": _column(fields, "description"),
        "type": _column(fields, "conceptType"),
        "code": _column(fields, "code"),
        "isco": _column(fields, "iscoGroup", "iscoGroupCode"),
    }
    if not cols["uri"] or not cols["pref"]:
        raise TaxonomyError(
            Code.E201, "missing column conceptUri or preferredLabel (not an ESCO CSV?)", source=str(path)
        )
    counts: Counter[str] = Counter()
    with TaxonomyWriter(db_path) as writer:
        try:
            for row in reader:
                counts["rows"] += 1
                counts[_esco_row(writer, row, cols, lang)] += 1
        except csv.Error as exc:
            raise TaxonomyError(Code.E201, f"bad CSV ({exc})", source=str(path)) from None
        writer.record_source(
            name=str(path.resolve()), importer="esco_csv", path=path.resolve(), lang=lang, rows=counts["rows"]
        )
    return dict(counts)


def _esco_row(writer: TaxonomyWriter, row: dict[str, str], cols: dict[str, str | None], lang: str) -> str:
    def get(key: str) -> str:
        col = cols[key]
        return (row.get(col) or "").strip() if col else ""

    uri = get("uri")
    kind = esco_kind(uri, get("type"))
    if kind is None or not get("pref"):
        return "skipped"
    is_new = writer.id_of(uri) is None
    cid = writer.ensure(uri, kind, set_kind=bool(get("type")))
    writer.set_labels(cid, lang, [get("pref"), *get("alt").splitlines()])
    writer.set_description(cid, lang, get("desc"))
    code, isco = get("code"), get("isco")
    if code or isco:
        writer.set_code(cid, code or isco)
    if isco and kind == "occupation":
        writer.add_link(cid, "broader", ESCO_ISCO_URI + isco)
    return "added" if is_new else "updated"


# --- JobTech taxonomy JSON --------------------------------------------------------------------------------

_JOBTECH_KINDS: dict[str, ConceptKind] = {
    "skill": "jobtech-skill",
    "occupation-name": "jobtech-occupation",
    "ssyk-level-1": "jobtech-occupation-group",
    "ssyk-level-2": "jobtech-occupation-group",
    "ssyk-level-3": "jobtech-occupation-group",
    "ssyk-level-4": "jobtech-occupation-group",
    "isco-level-4": "jobtech-occupation-group",
}
_CODE_KEYS = ("ssyk_code_2012", "isco_code_08")


def import_jobtech(path: Path, *, data_dir: Path) -> dict[str, int]:
    """Add the concepts of a JobTech Taxonomy JSON dump (``{"data": {"concepts": [...]}}``) with Swedish labels.

    Skills, occupation names and SSYK/ISCO groups are kept; nested ``narrower``/``broader``/``related``
    concepts are read too and become links. Other concept types (keywords, education fields) are skipped.
    """
    return _import_jobtech(Path(path), db_path=taxonomy_path(data_dir), lang=None)


def _import_jobtech(path: Path, *, db_path: Path, lang: str | None, record: bool = True) -> dict[str, int]:
    try:
        data = json.loads(_read_text(path))
    except json.JSONDecodeError as exc:
        raise TaxonomyError(Code.E201, f"not JSON ({exc})", source=str(path)) from None
    concepts = _jobtech_concepts(data, path)
    counts: Counter[str] = Counter()
    with TaxonomyWriter(db_path) as writer:
        for item in concepts:
            _jobtech_concept(writer, item, path, counts, parent=None)
        if record:
            writer.record_source(
                name=str(path.resolve()),
                importer="jobtech",
                path=path.resolve(),
                lang=None,
                rows=counts["concepts"],
            )
    return dict(counts)


def _jobtech_concepts(data: Any, path: Path) -> list[Any]:
    """The concept list of a dump: ``{"data": {"concepts": [...]}}``, ``{"concepts": [...]}`` or a list."""
    if isinstance(data, dict) and isinstance(data.get("data"), dict):
        data = data["data"]
    if isinstance(data, dict):
        lists = [v for v in data.values() if isinstance(v, list)]
        data = lists[0] if len(lists) == 1 else data.get("concepts")
    if not isinstance(data, list):
        raise TaxonomyError(
            Code.E201, 'expected {"data": {"concepts": [...]}} (a JobTech dump)', source=str(path)
        )
    return data


def _jobtech_concept(
    writer: TaxonomyWriter,
    item: Any,
    path: Path,
    counts: Counter[str],
    *,
    parent: tuple[int, str, str] | None,
) -> str | None:
    """Write one concept and, recursively, the concepts nested in it; returns its URI when kept."""
    if not isinstance(item, dict) or not isinstance(item.get("id"), str):
        raise TaxonomyError(Code.E201, f"a concept without a string 'id': {str(item)[:80]}", source=str(path))
    kind = _JOBTECH_KINDS.get(str(item.get("type", "")))
    uri = jobtech_uri(item["id"])
    cid = None
    if kind is None:
        counts["skipped"] += 1
    else:
        counts["concepts"] += 1
        cid = writer.ensure(uri, kind, set_kind=True)  # the dump knows the type; a crosswalk only guessed
        labels = [item.get("preferred_label"), *(item.get("alternative_labels") or [])]
        writer.add_labels(cid, "sv", [str(x) for x in labels if x])
        writer.set_description(cid, "sv", str(item.get("definition") or ""))
        _jobtech_codes(writer, cid, item, parent)
        if parent is not None:
            _jobtech_link(writer, (cid, uri), parent)
    me = (cid, uri, "broader") if cid is not None else None
    for key, rel in (("narrower", "broader"), ("broader", "narrower"), ("related", "related")):
        for child in item.get(key) or []:
            link = (me[0], me[1], rel) if me is not None else None
            _jobtech_concept(writer, child, path, counts, parent=link)
    return uri if cid is not None else None


def _jobtech_codes(
    writer: TaxonomyWriter, cid: int, item: dict[str, Any], parent: tuple[int, str, str] | None
) -> None:
    for key in _CODE_KEYS:
        if item.get(key):
            writer.set_code(cid, str(item[key]))
            if key == "isco_code_08":
                writer.add_link(cid, "exactMatch", ESCO_ISCO_URI + str(item[key]))


def _jobtech_link(writer: TaxonomyWriter, child: tuple[int, str], parent: tuple[int, str, str]) -> None:
    """Link a nested concept to the one it sits in: ``rel`` says what the parent is to the child."""
    parent_id, parent_uri, rel = parent
    child_id, child_uri = child
    if rel == "broader":  # child is in the parent's "narrower" list
        writer.add_link(child_id, "broader", parent_uri)
    elif rel == "narrower":  # child is in the parent's "broader" list
        writer.add_link(parent_id, "broader", child_uri)
    else:
        writer.add_link(child_id, "related", parent_uri)
        writer.add_link(parent_id, "related", child_uri)


# --- ESCO <-> JobTech crosswalk CSV -----------------------------------------------------------------------

_HEADER = "Classification 1 URI"
_CROSSWALK_COLUMNS = (
    "Classification 1 URI",
    "Classification 1 PrefLabel",
    "Classification 2 URI",
    "Classification 2 PrefLabel",
    "Mapping relation",
)
_RELATION = re.compile(r"skos:(\w+)")  # a few cells read ",skos:broadMatch"
_INVERSE = {"broadMatch": "narrowMatch", "narrowMatch": "broadMatch"}


def import_crosswalk(path: Path, *, data_dir: Path) -> dict[str, int]:
    """Link ESCO concepts to JobTech concepts from a national crosswalk CSV and add both sides' Swedish labels.

    The file has a metadata block (``Classification 1 Language,sv`` ...) before the header line that
    starts with ``Classification 1 URI``; lines may end with a ``;``.
    """
    return _import_crosswalk(Path(path), db_path=taxonomy_path(data_dir), lang=None)


def _crosswalk_rows(path: Path) -> tuple[dict[str, str], Iterator[list[str]], list[str]]:
    lines = _read_text(path).splitlines()
    start = next((i for i, line in enumerate(lines) if line.lstrip('"').startswith(_HEADER)), None)
    if start is None:
        raise TaxonomyError(
            Code.E201, f"no header line starting with '{_HEADER}' (not a crosswalk?)", source=str(path)
        )
    if lines[start].rstrip().endswith(";"):
        # A CSV inside a ';' CSV: each line is a ';'-field, quoted when it holds quotes or commas.
        # Some lines are cut in two by a stray ';' that swallowed a comma: joining the fields mends them.
        lines = ["".join(row) for row in csv.reader(lines, delimiter=";")]
    body = lines
    meta = {
        row[0].strip(): row[1].strip() for row in csv.reader(body[:start]) if len(row) > 1 and row[0].strip()
    }
    reader = csv.reader(body[start:])
    header = [h.strip() for h in next(reader, [])]
    missing = [c for c in _CROSSWALK_COLUMNS if c not in header]
    if missing:
        raise TaxonomyError(Code.E201, f"missing column(s) {', '.join(missing)}", source=str(path))
    return meta, reader, header


def _import_crosswalk(
    path: Path, *, db_path: Path, lang: str | None, record: bool = True, add_missing: bool = True
) -> dict[str, int]:
    """``record``: remember the import for rebuilds (the package's own data is imported by every build
    anyway). ``add_missing``: add ESCO concepts the taxonomy lacks (else such rows are counted as
    ``not_in_taxonomy``: the crosswalk's older ESCO release has concepts ESCO has since dropped)."""
    meta, reader, _header = _crosswalk_rows(path)
    lang1 = lang or meta.get("Classification 1 Language") or "sv"
    lang2 = meta.get("Classification 2 Language") or "sv"
    side2 = meta.get("Classification 2 Concept type", "").lower()
    kind2: ConceptKind = "jobtech-occupation" if "occupation" in side2 else "jobtech-skill"
    counts: Counter[str] = Counter()
    with TaxonomyWriter(db_path) as writer:
        try:
            for row in reader:
                if any(cell.strip() for cell in row):
                    cells = _crosswalk_cells(row)
                    if not add_missing and cells is not None and writer.id_of(cells[0]) is None:
                        counts["not_in_taxonomy"] += 1
                        continue
                    counts[_crosswalk_row(writer, cells, kind2, (lang1, lang2))] += 1
        except csv.Error as exc:
            raise TaxonomyError(Code.E201, f"bad CSV ({exc})", source=str(path)) from None
        if record:
            name = str(path.resolve())
            writer.record_source(
                name=name, importer="crosswalk", path=path.resolve(), lang=lang, rows=counts["linked"]
            )
    return dict(counts)


def _crosswalk_cells(row: list[str]) -> tuple[str, str, str, str, str] | None:
    """(uri1, label1, uri2, label2, relation) found by content, not position: some rows are shifted."""
    cells = [cell.strip() for cell in row]
    if len(cells) < 2 or not cells[0].startswith("http"):
        return None
    relation = next((m.group(1) for c in cells[2:] if (m := _RELATION.search(c))), "")
    uri2 = next(
        (i for i in range(2, len(cells)) if cells[i].startswith("http") and cells[i] != cells[0]), None
    )
    if not relation or uri2 is None:
        return None  # "no relation" rows map an ESCO concept to nothing
    label2 = cells[uri2 + 1] if uri2 + 1 < len(cells) else ""
    return cells[0], cells[1], cells[uri2], label2, relation


def _crosswalk_row(
    writer: TaxonomyWriter,
    cells: tuple[str, str, str, str, str] | None,
    kind2: ConceptKind,
    langs: tuple[str, str],
) -> str:
    if cells is None:
        return "unmapped"
    uri1, label1, uri2, label2, rel = cells
    kind1 = esco_kind(uri1)
    if kind1 is None:
        return "skipped"
    uri2 = jobtech_uri(uri2)
    cid1 = writer.ensure(uri1, kind1)
    cid2 = writer.ensure(uri2, kind2)
    if label1:
        writer.add_labels(cid1, langs[0], [label1])
    if label2:
        writer.add_labels(cid2, langs[1], [label2])
    writer.add_link(cid1, rel, uri2)
    writer.add_link(cid2, _INVERSE.get(rel, rel), uri1)
    return "linked"


IMPORTERS: dict[str, Callable[..., dict[str, int]]] = {
    "esco_csv": _import_esco_csv,
    "jobtech": _import_jobtech,
    "crosswalk": _import_crosswalk,
}
