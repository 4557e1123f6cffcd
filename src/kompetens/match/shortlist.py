"""A shortlist a recruiter can send to a client: a stored ranking as CSV (Excel), JSON or a printable HTML page.

Per candidate: place, score, level per area the role weighs, must-haves met, merits (an ad's "meriterande":
shown apart from the must-haves, since they decide nothing), evidence quotes and gaps. The quotes come from
the anonymised CV text the ranking stored, so they hold no name or contact details; the candidate's name is
the stored file's name ("Anna_Svensson_CV.pdf"), which ``blind`` replaces by the pseudonym the hiring
manager's pages use ("#3fZ9qK", the start of the random id).

CSV is for Excel: UTF-8 with a byte-order mark (without it Excel reads "å" as "Ã¥"), and in Swedish ``;``
between fields, as Excel in a Swedish locale expects (there "," is the decimal comma); in English ``,``.
Numbers are whole (levels 0-100, the score rounded), so no decimal separator is ever needed. A quote's
line breaks stay inside its quoted field.
"""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from ..lang import report_words
from ..models import AREA_IDS
from ..schema import DOCUMENTED, Time
from .decision import Decision, order_rule
from .score import RankItem

ExportFormat = Literal["csv", "json", "html"]
EXPORT_FORMATS: tuple[ExportFormat, ...] = ("csv", "json", "html")

PSEUDONYM_CHARS = 6
"""How much of the random id a pseudonym shows (64**6 ids: two candidates of one organisation alike is
unlikely, and the id itself is beside it wherever it matters)."""
QUOTES_PER_AREA = 2
"""Evidence quotes per area in the export (the strongest first, as the ranking stored them)."""
CSV_DELIMITER = {"sv": ";", "en": ","}


def pseudonym(cid: str) -> str:
    """What a blind reader sees for a candidate's name: "#" and the start of the random id. No word: pages
    in Swedish and English put their own before it ("Kandidat #3fZ9qK", "Interview kit: #3fZ9qK")."""
    return f"#{cid[:PSEUDONYM_CHARS]}"


@dataclass(frozen=True, slots=True)
class ShortlistRow:
    """One candidate of the shortlist."""

    __pydantic_config__ = DOCUMENTED

    rank: int
    """The system's place (1 for the best)."""
    final_place: int | None
    """The place a person confirmed; null while the ranking is a proposal."""
    candidate: str
    """The stored name (the file's name), or in a blind export the pseudonym ("#3fZ9qK")."""
    candidate_id: str
    """The candidate's random id."""
    score: int
    """Fit to the role, 0..100, rounded."""
    levels: dict[str, int]
    """Level per area the role weighs, 0..100 (area ids)."""
    must_haves_met: int
    must_haves_total: int
    missing_must_haves: list[str]
    """The must-haves the CV does not show: area ids, and concepts as ``concept:<URI or label>``."""
    merits_shown: list[str]
    """The ad's merits (skills it calls a plus, not required) the CV shows: labels."""
    merits_missing: list[str]
    """The ad's merits the CV does not show: labels."""
    gaps: list[str]
    """Areas the role weighs where the level is below its minimum (area ids), weightiest first."""
    evidence: dict[str, list[str]]
    """Up to two quotes per weighed area from the anonymised CV, strongest first."""


@dataclass(frozen=True, slots=True)
class Shortlist:
    """A stored ranking as a list to send to a client (``kompetens rankings export``)."""

    __pydantic_config__ = DOCUMENTED

    ranking: str
    """The ranking's id."""
    role: str
    """The role's title."""
    created: Time
    """When the ranking was run (UTC; ISO 8601 with the offset: ``2026-12-06T11:07:30+00:00``)."""
    status: Literal["proposed", "final"]
    confirmed: Time | None
    """When a person confirmed the order; null while proposed."""
    blind: bool
    """Names replaced by pseudonyms (no names, file names or contact details)."""
    lang: str
    """The language of ``area_labels`` and of the CSV and HTML headings (sv, en)."""
    areas: list[str]
    """The areas the role weighs (area ids), weightiest first: the level columns."""
    area_labels: dict[str, str]
    """Each of ``areas``' label in ``lang``."""
    must_have_labels: dict[str, str]
    """Each of the role's must-haves (area ids, ``concept:<URI or label>``) as the CSV and HTML name it."""
    rows: list[ShortlistRow]
    """Best first: in the confirmed order once final, else the system's."""


def shortlist(
    decision: Decision,
    names: Mapping[str, str],
    *,
    blind: bool = False,
    lang: str = "en",
    hidden: frozenset[str] | set[str] = frozenset(),
) -> Shortlist:
    """``decision`` as a shortlist. ``names``: candidate id -> stored name; ``blind`` shows every candidate
    by pseudonym, ``hidden`` those given (a hiring manager's unconfirmed candidates)."""
    from ..taxonomy.areas import area_label

    report_words("shortlist", lang)  # E301 for a language without words
    role = decision.role
    concepts = {m.concept: m.label for i in decision.items for m in (*i.matched_skills, *i.missing_skills)}
    concepts |= {s.concept: s.label for s in role.wanted_skills() if s.label != s.concept}
    areas = sorted((a for a in AREA_IDS if role.weights.get(a, 0.0) > 0.0), key=lambda a: -role.weights[a])
    final = decision.confirmation.order if decision.confirmation is not None else []
    rows = [_row(item, names, blind or item.candidate in hidden, areas, final) for item in decision.items]
    if final:
        rows.sort(key=lambda r: (r.final_place is None, r.final_place or 0, r.rank))
    confirmed = decision.confirmation.time if decision.confirmation is not None else None
    return Shortlist(
        ranking=decision.id,
        role=role.title,
        created=decision.created,
        status=decision.status,
        confirmed=confirmed,
        blind=blind,
        lang=lang,
        areas=areas,
        area_labels={a: area_label(a, lang) for a in areas},
        must_have_labels={key: _must_label(key, lang, concepts) for key in role.must_have},
        rows=rows,
    )


def _row(
    item: RankItem, names: Mapping[str, str], blind: bool, areas: list[str], final: list[str]
) -> ShortlistRow:
    cid = item.candidate
    return ShortlistRow(
        rank=item.rank,
        final_place=final.index(cid) + 1 if cid in final else None,
        candidate=pseudonym(cid) if blind else names.get(cid, pseudonym(cid)),
        candidate_id=cid,
        score=round(item.score),
        levels={a: round(100 * item.areas.get(a, 0.0)) for a in areas},
        must_haves_met=sum(item.must_haves.values()),
        must_haves_total=len(item.must_haves),
        missing_must_haves=list(item.missing_must_haves),
        merits_shown=[m.label for m in item.matched_skills if m.required is False],
        merits_missing=[m.label for m in item.missing_skills if m.required is False],
        gaps=list(item.gaps),
        evidence={a: list(item.evidence.get(a, []))[:QUOTES_PER_AREA] for a in areas if item.evidence.get(a)},
    )


# -- writing it ---------------------------------------------------------------------------------------


def _must_label(key: str, lang: str, concepts: Mapping[str, str]) -> str:
    from ..taxonomy.areas import area_label

    if key in AREA_IDS:
        return area_label(key, lang)
    concept = key.removeprefix("concept:")
    return concepts.get(concept, concept)


def _cells(listing: Shortlist, row: ShortlistRow) -> dict[str, str]:
    """A row's texts in the listing's language, by column key."""
    w = report_words("shortlist", listing.lang)
    none = str(w["none"])
    labels = listing.area_labels

    def joined(items: list[str]) -> str:
        return "; ".join(items) if items else none

    quote = str(w["quote"])  # the language's quotation marks: ”…” in Swedish
    quotes = "\n".join(
        f"{labels[a]}: {quote.format(text=q)}" for a, found in row.evidence.items() for q in found
    )
    cells = {
        "col_rank": str(row.rank),
        "col_final": "" if row.final_place is None else str(row.final_place),
        "col_candidate": row.candidate,
        "col_id": row.candidate_id,
        "col_score": str(row.score),
    }
    cells |= {f"level:{a}": str(row.levels[a]) for a in listing.areas}
    cells |= {
        "col_must": str(w["of"]).format(n=row.must_haves_met, total=row.must_haves_total)
        if row.must_haves_total
        else none,
        "col_must_missing": joined([listing.must_have_labels.get(m, m) for m in row.missing_must_haves]),
        "col_merits": joined(row.merits_shown),
        "col_merits_missing": joined(row.merits_missing),
        "col_gaps": joined([labels.get(g, g) for g in row.gaps]),
        "col_evidence": quotes,
    }
    return cells


def _headings(listing: Shortlist) -> dict[str, str]:
    w = report_words("shortlist", listing.lang)
    keys = ["col_rank", "col_final", "col_candidate", "col_id", "col_score"]
    out = {k: str(w[k]) for k in keys}
    out |= {f"level:{a}": str(w["col_level"]).format(area=listing.area_labels[a]) for a in listing.areas}
    rest = ["col_must", "col_must_missing", "col_merits", "col_merits_missing", "col_gaps", "col_evidence"]
    out |= {k: str(w[k]) for k in rest}
    return out


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert_cell(cell: str) -> str:
    """A cell Excel or LibreOffice reads as text, never as a formula: a leading ``'`` before one that
    starts with ``= + - @``, a tab or a CR (OWASP, CSV injection). A candidate's file name comes from the
    applicant: "=HYPERLINK(...).pdf" was written as is (hunt hH, finding 9). ``market --facts`` writes its
    cells through it too: an ad's title comes from whoever posted it (hunt hJ)."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def to_csv(listing: Shortlist) -> bytes:
    """The shortlist as CSV bytes for Excel: UTF-8 with a BOM, ``;`` between fields in Swedish; a cell
    that would start a formula gets a leading ``'`` (``inert_cell``)."""
    heads = _headings(listing)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=CSV_DELIMITER.get(listing.lang, ","), lineterminator="\r\n")
    writer.writerow(heads.values())
    for row in listing.rows:
        cells = _cells(listing, row)
        writer.writerow(inert_cell(cells[k]) for k in heads)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


_STYLE = (
    "body{font-family:system-ui,sans-serif;margin:2rem;color:#111}table{border-collapse:collapse;width:100%}"
    "th,td{border:1px solid #999;padding:.3rem .5rem;vertical-align:top;text-align:left}"
    "td.num{text-align:right}.muted{color:#444}ul{margin:0;padding-left:1.1rem}"
    ".scroll{overflow-x:auto}@media (max-width:40rem){body{margin:1rem}}"
    "@media print{body{margin:0}a{color:inherit}.scroll{overflow:visible}}"
)
"""On a phone (hunt hO3) the page is laid out at the screen's width (``viewport``) and its table, one column
a level, scrolls in its own box (the whole page scrolled 1278 px sideways at 375); printed it is whole."""


def to_html(listing: Shortlist) -> str:
    """The shortlist as one self-contained, printable HTML page in the listing's language."""
    w = report_words("shortlist", listing.lang)
    e = html.escape
    status = (
        str(w["final"]).format(time=listing.confirmed) if listing.status == "final" else str(w["proposed"])
    )
    heads = _headings(listing)
    shown = [k for k in heads if k not in ("col_evidence", "col_merits", "col_merits_missing")]
    if all(r.final_place is None for r in listing.rows):
        shown.remove("col_final")
    parts = [
        f'<!doctype html>\n<html lang="{e(listing.lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(str(w['title']).format(title=listing.role))}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{e(str(w['title']).format(title=listing.role))}</h1>",
        f'<p class="muted">{e(str(w["made"]).format(id=listing.ranking, created=listing.created, status=status))}',
        f"<br>{e(str(w['levels_note']))}",
    ]
    if listing.must_have_labels:
        # why a lower score can stand higher, as the rank table, the pages and the explanations say it (a
        # bug hunt, hK: the client's page showed 19 points above 26 with no word of the rule)
        parts.append(f"<br>{e(order_rule(listing.lang))}")
    if listing.blind:
        parts.append(f"<br>{e(str(w['blind']))}")
    parts.append('</p><div class="scroll"><table><thead><tr>')
    parts.extend(f'<th scope="col">{e(heads[k])}</th>' for k in shown)
    parts.append("</tr></thead><tbody>")
    numeric = {"col_rank", "col_final", "col_score", *(k for k in heads if k.startswith("level:"))}
    details: list[str] = []
    for row in listing.rows:
        cells = _cells(listing, row)
        parts.append("<tr>")
        for k in shown:
            tag = "th" if k == "col_candidate" else "td"
            extra = ' scope="row"' if tag == "th" else (' class="num"' if k in numeric else "")
            parts.append(f"<{tag}{extra}>{e(cells[k])}</{tag}>")
        parts.append("</tr>")
        details.append(_details(listing, row, cells, w))
    parts.append("</tbody></table></div>")
    parts.extend(details)
    parts.append("</body></html>\n")
    return "".join(parts)


def _details(listing: Shortlist, row: ShortlistRow, cells: Mapping[str, str], w: Mapping[str, object]) -> str:
    e = html.escape
    out = [f"<h2>{row.rank}. {e(row.candidate)}</h2>"]
    out.append(f"<p><strong>{e(str(w['merits_heading']))}</strong>: {e(str(w['col_merits']))}: ")
    out.append(
        f"{e(cells['col_merits'])}; {e(str(w['col_merits_missing']))}: {e(cells['col_merits_missing'])}</p>"
    )
    if row.evidence:
        out.append(f"<p><strong>{e(str(w['evidence_heading']))}</strong></p><ul>")
        for area, quotes in row.evidence.items():
            out.extend(f"<li>{e(listing.area_labels[area])}: “{e(q)}”</li>" for q in quotes)
        out.append("</ul>")
    return "".join(out)
