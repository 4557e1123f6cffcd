"""docs/contract.md, written from the result types: what each ``kompetens ... --json`` command prints and
its REST endpoint answers.

    python -m kompetens.contract            # rewrite docs/contract.md
    python -m kompetens.contract --check    # exit 1 when docs/contract.md is out of date
    python -m kompetens.contract --schema   # the JSON Schema of every command's output

The key names, nesting and JSON types come from the dataclasses (kompetens.schema), the descriptions from the
docstrings under their fields. Nothing here is written by hand but the prose of each command.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .engine import SetupReport
from .errors import AllFailed, ErrorReply, FailedInput
from .link import LinkResult
from .match import AuditReport, Kit, RankItem, Role, Team
from .match.decision import CandidateExport, Decision, Explanation, StoredRole
from .match.shortlist import Shortlist
from .models import Extraction
from .review import Review
from .schema import JSON, json_schema
from .store.accounts import NewToken, User
from .store.records import Purged, Retention, StoredAd, StoredCandidate
from .taxonomy.areas import AreaInfo

DOC = Path("docs") / "contract.md"


@dataclass(frozen=True)
class Command:
    title: str
    cli: str | None
    """The command line (Markdown)."""
    api: str | None
    """The REST endpoint and how its answer differs, if it does (Markdown)."""
    shape: Any
    """The type of the one JSON value stdout holds."""
    note: str = ""
    more: tuple[tuple[str, Any], ...] = ()
    """Other shapes the command gives, each with the case it is for."""


COMMANDS: tuple[Command, ...] = (
    Command(
        "kompetens areas",
        "`kompetens areas --json`",
        "`GET /api/v1/areas`",
        list[AreaInfo],
        "The eight areas in the contract's order.",
    ),
    Command(
        "kompetens extract",
        "`kompetens extract PATH... [--kind ad|cv|text] [--link] [--no-spans] [--thorough] [--lang sv|en] --json`",
        "`POST /api/v1/extract`: one text, and so one item, plus `text` (the normalised text the offsets index)",
        list[Extraction | FailedInput],
        "One item per document read (a folder or a JSONL file gives several); an input that could not be "
        "read is a `FailedInput` item in its place.",
    ),
    Command(
        "kompetens link",
        "`kompetens link TEXT... [--input FILE] [--top K] [--kind skill|occupation] [--no-spans] --json`",
        "`POST /api/v1/link`",
        list[LinkResult],
        "One item per text, in input order; candidates best first.",
    ),
    Command(
        "kompetens review",
        "`kompetens review AD... [--html OUT] [--lang sv|en] --json`",
        "`POST /api/v1/review`: one ad as text, and so the object; `?format=html` gives the HTML report "
        "instead",
        Review | FailedInput,
        "One AD argument that holds one ad: its `Review` object (a `FailedInput` object when it cannot be "
        "read or reviewed). Every `start`/`end` (of `flags`, `explanation`, `area_evidence`) indexes the "
        "object's `text`: the ad as read and normalised (zero-width and other invisible characters removed, "
        "a JobTech ad's title and text joined by a blank line), which can differ from the file's own text.",
        (
            (
                "Several ads (several AD arguments, or a folder or JSONL file that holds several): a list, "
                "one item per ad and a `FailedInput` item per failed one, as `extract` gives.",
                list[Review | FailedInput],
            ),
        ),
    ),
    Command(
        "kompetens rank",
        "`kompetens rank --role ROLE CV... [--top N] [--stored] [--thorough] --json`",
        "`POST /api/v1/rank` (multipart; `thorough=true` for `--thorough`): the same list; "
        "`POST /api/v1/role` shows the role",
        list[RankItem | FailedInput],
        "Candidates best first (more must-haves met, then the higher score), then one `FailedInput` item "
        "per CV that could not be read. `matched_skills` and `missing_skills` set the role's skills against "
        "the CV's skill list; they explain and change no score.",
    ),
    Command(
        "kompetens team",
        "`kompetens team --role ROLE CV... --size N --json`",
        "`POST /api/v1/team` (multipart)",
        Team,
        "`failed` holds the CVs that could not be read; the team is chosen from the others.",
    ),
    Command(
        "kompetens interview",
        "`kompetens interview --role ROLE --candidate CV [--lang sv|en] --json`, "
        "`kompetens rankings interview RANKING ID [--org ORG] [--lang sv|en] --json`",
        "`POST /api/v1/interview` (multipart), `GET /api/v1/rankings/{id}/candidates/{cid}/interview` "
        "(`?lang=sv|en`); `?format=markdown` gives the `markdown` text alone",
        Kit,
        "For a candidate of a stored ranking, the kit is made from the stored profile for the ranking's role, "
        "and `candidate` is the candidate's id.",
    ),
    Command(
        "kompetens audit",
        "`kompetens audit --role ROLE POOL [--groups FILE] [--top N | --threshold T] --json`, or "
        "`kompetens audit --role ROLE --synthetic N [--seed S] [--write DIR] --json`",
        "`POST /api/v1/audit` (multipart: `cvs` and `groups`, or `synthetic`)",
        AuditReport,
        "Impact ratios as NYC Local Law 144 defines them (docs/audit.md): per category (`sex`, `age`, "
        "`sex_age`) and measure (`scoring_rate`, `selection_rate`), each group's rate and its ratio to the "
        "highest rate. A CV that could not be read is named in `failed` and left out of the pool.",
    ),
    Command(
        "The role",
        None,
        "`POST /api/v1/role` (multipart, the role fields of `/rank`): the role that rank, team and interview "
        "score for",
        Role,
        "`weights` holds all eight areas; `source` is the role file, `builtin:...`, `role` (posted JSON) or "
        "the ad it was derived from.",
    ),
    Command("kompetens setup", "`kompetens setup [--no-vectors] --json`", None, SetupReport),
    Command(
        "kompetens import",
        "`kompetens import esco|jobtech|crosswalk FILE... --json`",
        None,
        list[dict[str, str | int] | FailedInput],
        "One item per file: `source` and the counts of what was imported (their keys depend on the kind).",
    ),
    Command(
        "kompetens users add / token",
        "`kompetens users add EMAIL --org ORG --role ROLE [--password-stdin] --json`, "
        "`kompetens users token EMAIL [--name NAME] --json`",
        "`POST /api/v1/users` (admin; the organisation is the admin's), `POST /api/v1/tokens` (yourself)",
        NewToken,
        "The new API token, shown this once: the data folder keeps only its SHA-256 hash.",
    ),
    Command(
        "kompetens users list",
        "`kompetens users list [--org ORG] --json`",
        "`GET /api/v1/users` (admin: the admin's organisation)",
        list[User],
        "By organisation, then email. `kompetens users remove EMAIL --json` prints the removed user "
        "(`DELETE /api/v1/users/{email}`), and `GET /api/v1/me` answers the token's user, in the same shape.",
    ),
    Command(
        "kompetens candidates add",
        "`kompetens candidates add PATH... [--org ORG] [--skip-stored] --json`",
        "`POST /api/v1/candidates` (multipart `cvs`; the caller's organisation)",
        list[StoredCandidate | FailedInput],
        "One stored candidate per readable file, under a random id; a `FailedInput` item per other. With "
        "`--skip-stored` a file the organisation holds already (E514) is no item and no error: a note on stderr "
        "counts them (to resume a stopped run).",
        (
            (
                "`POST /api/v1/candidates` when no file was stored (every one unreadable, or held already): "
                "an error, 422 (413 for E103; 409, E514, when every file is held already), whose `error` is "
                "the first unreadable file's and `failed` an item per file; the CLI prints the list and exits 1.",
                AllFailed,
            ),
        ),
    ),
    Command(
        "kompetens candidates list",
        "`kompetens candidates list [--org ORG] --json`",
        "`GET /api/v1/candidates`; `GET /api/v1/candidates/{id}` answers one, `DELETE` erases one and "
        "answers the erased record (as `kompetens candidates erase ID --json` prints it)",
        list[StoredCandidate],
        "The organisation's candidates, oldest first. The CLI works in the default organisation unless "
        "`--org` names another.",
    ),
    Command(
        "kompetens candidates find",
        "`kompetens candidates find TERM... [--org ORG] --json`",
        "`GET /api/v1/candidates?person=TERM` (repeatable; admin, recruiter)",
        list[StoredCandidate],
        "The organisation's candidates whose kept CV holds any of the terms (a name, an e-mail, a phone "
        "number by its digits), ignoring case and white space, oldest first: to find a data subject's "
        "candidates for an export or an erasure when the file's name does not name them (docs/privacy.md).",
    ),
    Command(
        "kompetens candidates export",
        "`kompetens candidates export ID [--org ORG] [--file OUT] [--json]`",
        "`GET /api/v1/candidates/{id}/export`; `GET /api/v1/candidates/{id}/file` gives the original file",
        CandidateExport,
        "Everything held on the candidate (GDPR Art. 15 and 20).",
    ),
    Command(
        "Rankings (decision records)",
        "`kompetens rankings create [--role ROLE] [ID...] [--org ORG] [--top N] --json`, "
        "`kompetens rankings show|confirm RANKING [--order ID,ID...] [--reason TEXT] --json`",
        "`POST /api/v1/rankings` (`{candidates?, role? | role_id? | ad_id?, top?}`), `GET /api/v1/rankings/{id}`, "
        "`POST /api/v1/rankings/{id}/confirm` (`{order?, reason?}`)",
        Decision,
        "A stored ranking of stored candidates: `proposed` until a person confirms it, then `final`.",
    ),
    Command(
        "A ranking's shortlist for a client",
        "`kompetens rankings export RANKING [--org ORG] --format json [--blind] [--report-lang sv|en|auto]`",
        "`GET /api/v1/rankings/{id}/export?format=json[&blind=true][&lang=sv|en]`",
        Shortlist,
        "`--format csv` (the default: UTF-8 with a byte-order mark for Excel, `;` between fields in Swedish, "
        "`,` in English) and `html` (a printable page) hold the same rows, with area and must-have labels in "
        "`lang`; the JSON keeps the area ids. `--blind` (`?blind=true`) shows each candidate by pseudonym; a "
        "hiring manager sees those no confirmed ranking holds so whatever it says.",
    ),
    Command(
        "Stored ads",
        None,
        "`POST /api/v1/ads` (`{text, title?, lang?}`), `GET /api/v1/ads` (a list of these), "
        "`GET|DELETE /api/v1/ads/{id}`",
        StoredAd,
        "`POST /api/v1/rankings` with `ad_id` ranks for the role the ad asks for.",
    ),
    Command(
        "Stored roles",
        None,
        "`POST /api/v1/roles` (the role object), `GET /api/v1/roles` (a list of these), "
        "`GET|PUT|DELETE /api/v1/roles/{id}` (`?version=N`; PUT stores the next version)",
        StoredRole,
        "`POST /api/v1/rankings` with `role_id` ranks for the latest version and records it.",
    ),
    Command(
        "A candidate's explanation",
        "`kompetens candidates explain ID [--ranking RANKING] [--lang sv|en] [--org ORG] --json`",
        "`GET /api/v1/candidates/{id}/explanation[?ranking=ID&lang=sv|en]` (either or both)",
        Explanation,
        "Plain language, from the candidate's own scores and evidence in the ranking, in the CV's language "
        "(Swedish or English; English for a CV in neither) unless `lang` asks for the other; `lang` says which.",
    ),
    Command(
        "kompetens purge",
        "`kompetens purge [--org ORG] --json`",
        None,
        list[Purged],
        "One item per organisation (every organisation, or the one `--org` names): candidates erased past its "
        "retention period, events past its event period. `kompetens serve` runs it at start and daily.",
    ),
    Command(
        "kompetens orgs set-retention / show",
        "`kompetens orgs set-retention ORG DAYS|--keep [--events DAYS] --json`, `kompetens orgs show ORG --json`",
        "`GET /api/v1/retention`, `PUT /api/v1/retention` (admin; `{days, event_days?}`)",
        Retention,
    ),
    Command(
        "Errors",
        "any command, when the command as a whole fails (an option, the role, the taxonomy...)",
        "every endpoint, with the HTTP status of the code (401, 403, 404, 409, 413, 422, 429, 500, 503, 504); "
        "400 only for a request body that cannot be parsed (E107), 422 for every other input that cannot be "
        "used; `field` names the field at fault as the operation does, without its location (`limit`, "
        "`cvs`, `candidates`; docs/api.md, Errors)",
        ErrorReply,
        "An input that fails among others is a `FailedInput` item instead, and the others are still "
        "reported; the exit code is 1 in both cases, and 2 where an option is at fault (E301, or E304 for an "
        "output path checked before the work), as for click's own usage errors.",
    ),
)

MARKET_NOTE = """\
`kompetens market CORPUS... --json` prints `MarketReport.to_dict()` (kompetens/market/report.py): `ads`,
`social_media_ads`, `social_media_ads_title_silent`, `by_year` (`{"<year>": {"ads", "social_media_ads", ...}}`),
`by_area` (`{"<area id>": int}`) and more, `failed` as `FailedInput` items. It is not yet a result type, so it
is not described here; docs/market.md describes it."""


def _shapes() -> Iterator[Any]:
    for c in COMMANDS:
        yield c.shape
        for _case, shape in c.more:
            yield shape


def _name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def _type(node: JSON) -> str:
    """A JSON Schema node as a short type: ``string``, ``[Flag]``, ``{string: number}``, ``X | null``."""
    if not isinstance(node, dict):
        return "any"
    ref = node.get("$ref")
    if isinstance(ref, str):
        return f"[{_name(ref)}](#{_name(ref).lower()})"  # the heading of the type in "Types"
    options = node.get("anyOf")
    if isinstance(options, list):
        return " \\| ".join(_type(o) for o in options)
    if "const" in node:
        return json.dumps(node["const"], ensure_ascii=False)
    enum = node.get("enum")
    if isinstance(enum, list):
        return " \\| ".join(json.dumps(v, ensure_ascii=False) for v in enum)
    kind = node.get("type")
    if kind == "array":
        return f"[{_type(node.get('items'))}]" if "items" in node else "[any]"
    if kind == "object":
        values = node.get("additionalProperties")
        return f"{{string: {_type(values)}}}" if isinstance(values, dict) else "object"
    if kind == "number" and isinstance(node.get("x-decimals"), int):
        n = node["x-decimals"]
        return f"number ({n} decimal{'s' if n != 1 else ''})"
    return kind if isinstance(kind, str) else "any"


def _cell(text: object) -> str:
    return " ".join(str(text).split()).replace("``", "`").replace("|", "\\|")


def schemas() -> dict[str, JSON]:
    """The JSON Schema of each command's output, by its title (a second shape as "title (2)")."""
    out: dict[str, JSON] = {}
    for c in COMMANDS:
        out[c.title] = json_schema(c.shape)
        for i, (_case, shape) in enumerate(c.more, start=2):
            out[f"{c.title} ({i})"] = json_schema(shape)
    return out


def render() -> str:
    """docs/contract.md."""
    defs: dict[str, dict[str, JSON]] = {}
    roots: list[str] = []
    for shape in _shapes():
        schema = json_schema(shape)
        nested = schema.pop("$defs", None)
        title = schema.get("title")
        own = "properties" in schema and isinstance(title, str)  # a dataclass at the top: a type of its own
        found = dict(nested) if isinstance(nested, dict) else {}
        if own:
            found[str(title)] = schema
        for name, node in found.items():
            if not isinstance(node, dict):
                continue
            if name in defs and defs[name] != node:  # two types of one name: one section would say both
                raise ValueError(f"two types named {name!r} in the contract: give one of them its own name")
            defs[name] = node
        if own:
            schema = {"$ref": f"#/$defs/{title}"}
        roots.append(_type(schema))
    lines = [
        "# The JSON of `kompetens ... --json` and of the REST API",
        "",
        "<!-- Written by `python -m kompetens.contract` from the result types; do not edit by hand. -->",
        "",
        "With `--json` a command prints exactly one JSON value on stdout (progress and warnings go to stderr);",
        "the REST API answers the same JSON for the same input. The exit code is 0 on success, 1 when some",
        "inputs failed (each is reported among the others) or the command failed, 2 for a usage error",
        "(a bad option or argument: an E301 or an `--html` path that cannot be written, E304, is one too).",
        "The keys that shared/CONTRACT.md fixes keep their names, nesting and JSON types; the others are",
        "ours, and keys may be added. Every key below is always present (`null` where the type allows it).",
        "",
        "Types are written `[T]` for an array of T, `{string: T}` for an object keyed by ids or names, and",
        "`A | B` for either. Levels and strengths are 0..1, scores 0..100. `python -m kompetens.contract",
        "--schema` prints the JSON Schema of each.",
        "",
        "## Commands",
    ]
    it = iter(roots)
    for c in COMMANDS:
        lines += ["", f"### {c.title}", ""]
        if c.cli:
            lines.append(f"- command: {c.cli}")
        if c.api:
            lines.append(f"- REST: {c.api}")
        lines.append(f"- JSON: {next(it)}")
        if c.note:
            lines += ["", c.note]
        for case, _shape in c.more:
            lines += ["", f"{case} JSON: {next(it)}"]
    lines += ["", "### kompetens market", "", MARKET_NOTE, "", "## Types"]
    for name in sorted(defs, key=str.lower):
        node = defs[name]
        lines += ["", f"### {name}"]
        if isinstance(node.get("description"), str):
            lines += ["", _cell(node["description"])]
        props = node.get("properties")
        if not isinstance(props, dict):
            continue
        lines += ["", "| key | type | description |", "|---|---|---|"]
        for key, prop in props.items():
            lines.append(f"| `{key}` | {_type(prop)} | {_cell(_doc(prop))} |")
    return "\n".join(lines) + "\n"


def _doc(prop: JSON) -> str:
    if isinstance(prop, dict) and isinstance(prop.get("description"), str):
        return str(prop["description"])
    return ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m kompetens.contract", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--check", action="store_true", help="exit 1 when the document is out of date")
    parser.add_argument("--schema", action="store_true", help="print the JSON Schema of every command")
    parser.add_argument("--out", type=Path, default=DOC, help=f"the document (default: {DOC})")
    args = parser.parse_args(argv)
    if args.schema:
        print(json.dumps(schemas(), ensure_ascii=False, indent=2))
        return 0
    text = render()
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.is_file() else ""
        if current != text:
            print(f"{args.out} is out of date: run python -m kompetens.contract", file=sys.stderr)
            return 1
        return 0
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
