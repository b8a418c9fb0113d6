"""The ``storyline`` command: thin click wrappers over :mod:`storyline.api`.

Every setting in :data:`storyline.settings.SETTINGS` becomes a flag of its own
(``--max-input-bytes``, ...), so the table stays the one place they are defined.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from storyline import api
from storyline.errors import StorylineError
from storyline.report.whats_new import render_whats_new
from storyline.settings import SETTINGS, Settings
from storyline.web.cli import serve_command

_TYPES = {int: click.INT, float: click.FLOAT, str: click.STRING, bool: click.BOOL}


def _setting_options(fn: Any) -> Any:
    """Add one ``--flag`` per setting (except ``workers``, which has its own)."""
    for spec in reversed(SETTINGS):
        if spec.name == "workers":
            continue
        flag = "--" + spec.name.replace("_", "-")
        fn = click.option(
            flag,
            spec.name,
            type=_TYPES[type(spec.default)],
            default=None,
            help=f"{spec.help} [default: {spec.default}]",
        )(fn)
    return fn


def _run_options(fn: Any) -> Any:
    """``--workers`` and ``--config``, shared by the commands that run the pipeline."""
    fn = click.option(
        "--config",
        "config",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="TOML file of settings ([storyline] table); flags override it.",
    )(fn)
    return click.option(
        "--workers",
        type=click.IntRange(min=1),
        default=None,
        help="Processes for the per-article stage [default: 1].",
    )(fn)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="storyline")
def cli() -> None:
    """storyline: a sourced account of a developing news story."""


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Directory for storyline.json (and the store, unless --db says otherwise).",
)
@click.option(
    "--db",
    "db",
    default=None,
    help="Store: a SQLite file path or a database URL [default: OUT/storyline.db].",
)
@_run_options
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary.")
@_setting_options
def analyze(
    inputs: tuple[str, ...],
    out: Path,
    db: str | None,
    workers: int | None,
    config: Path | None,
    quiet: bool,
    **overrides: Any,
) -> None:
    """Analyse INPUT... (files, directories, feed or article URLs) into OUT/storyline.json.

    Inputs that cannot be read are reported one per line; the others go through.
    Exits 1 if any input failed, 0 otherwise. Re-running skips articles the store
    already holds, so an interrupted run continues where it stopped.
    """
    err = Console(stderr=True)
    try:
        settings = Settings.load(config, workers=workers, **overrides)
        if quiet or not err.is_terminal:
            result = api.analyze(inputs, out=out, db=db, settings=settings)
        else:
            result = _analyze_with_progress(err, inputs, out, db, settings)
    except StorylineError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except Exception as exc:  # noqa: BLE001 - a bug: say so in one line, keep the details
        log = _write_crash_log(out)
        click.echo(
            f"error: internal error ({type(exc).__name__}: {exc}); this is a bug in storyline. "
            f"Finished articles are kept in the store; the traceback is in {log}",
            err=True,
        )
        sys.exit(3)
    for failure in result.failures:
        # One plain line per failure, never wrapped, so it can be grepped.
        click.echo(f"error: {failure.source}: {failure.reason}", err=True)
    if not quiet:
        _print_summary(Console(), result, out, db)
    sys.exit(1 if result.failures else 0)


def _write_crash_log(out: Path) -> Path:
    """Write the current exception's traceback to OUT/storyline-error.log (or a temp file)."""
    import tempfile
    import traceback

    text = traceback.format_exc()
    try:
        out.mkdir(parents=True, exist_ok=True)
        path = out / "storyline-error.log"
        path.write_text(text, encoding="utf-8")
    except OSError:
        fd, name = tempfile.mkstemp(prefix="storyline-error-", suffix=".log")
        with open(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        path = Path(name)
    return path


def _analyze_with_progress(
    console: Console, inputs: tuple[str, ...], out: Path, db: str | None, settings: Settings
) -> Any:
    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[detail]}"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("analysing", total=None, detail="")

        def update(p: api.Progress) -> None:
            detail = f"{p.analysed} analysed, {p.cached} cached, {p.failed} failed"
            if p.phase == "analyse":
                bar.update(task, completed=p.done, detail=detail)
            elif p.phase == "corpus":
                bar.update(task, description="linking across articles", detail=detail)
            elif p.phase == "write":
                bar.update(task, description="writing", detail=detail)

        return api.analyze(inputs, out=out, db=db, settings=settings, progress=update)


def _print_summary(console: Console, result: Any, out: Path, db: str | None) -> None:
    table = Table(title="storyline", show_header=False, box=None)
    table.add_row("articles", str(len(result.articles)))
    table.add_row("  analysed now", str(result.analysed))
    table.add_row("  from the store", str(result.cached))
    table.add_row("  inputs failed", str(len(result.failures)))
    for key in ("entities", "quotes", "timexes", "figures", "events", "stories", "duplicates"):
        table.add_row(key, str(len(getattr(result, key))))
    table.add_row("storyline.json", str(out / "storyline.json"))
    table.add_row("report.html", str(out / "report.html"))
    table.add_row("briefing.md", str(out / "briefing.md"))
    table.add_row("store", db or api.default_db(out))
    console.print(table)


@cli.command("settings")
def settings_command() -> None:
    """List every setting with its default and what it does."""
    table = Table("setting", "flag", "default", "help")
    for spec in SETTINGS:
        table.add_row(spec.name, "--" + spec.name.replace("_", "-"), repr(spec.default), spec.help)
    Console().print(table)


@cli.command("whats-new")
@click.argument("store", metavar="STORE")
@click.option(
    "--since",
    required=True,
    help="A day (YYYY-MM-DD), or an earlier run: its storyline.json or its --out folder.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of Markdown.")
def whats_new_command(store: str, since: str, as_json: bool) -> None:
    """What STORE (a storyline.db, its --out folder, or a database URL) holds that
    appeared since a day or an earlier run: events, statements and figures, each
    with the articles it comes from."""
    try:
        news = api.whats_new_since(store, since)
    except StorylineError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    if as_json:
        click.echo(json.dumps(news.to_contract(), ensure_ascii=False, indent=1))
    else:
        click.echo(render_whats_new(news), nl=False)


@cli.command("watch")
@click.argument("sources", nargs=-1, required=True, metavar="SOURCE...")
@click.option(
    "--db",
    "db",
    required=True,
    help="Store the new articles go into: a SQLite file path or a database URL.",
)
@click.option(
    "--every",
    default="10m",
    show_default=True,
    help="Time between polls: 30s, 10m, 1h, 1d (a bare number is seconds).",
)
@click.option(
    "--out",
    "out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Directory where storyline.json, report.html and briefing.md are rewritten "
    "after each poll that read something.",
)
@click.option("--once", is_flag=True, help="Poll once and exit (1 if a source failed).")
@_run_options
@_setting_options
def watch_command(
    sources: tuple[str, ...],
    db: str,
    every: str,
    out: Path | None,
    once: bool,
    workers: int | None,
    config: Path | None,
    **overrides: Any,
) -> None:
    """Poll SOURCE... (feed URLs, folders, files) and add only new articles to --db.

    After each poll that brought new articles the stories are rebuilt; one line per
    poll says what came in and which stories changed. A source that fails is
    reported and polled again next time; the others go on. Stop with Ctrl-C.
    """
    from storyline.watch import Poll, parse_every, watch

    try:
        seconds = parse_every(every)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--every") from exc
    failed = False

    def show(poll: Poll) -> None:
        nonlocal failed
        for failure in poll.failures:
            click.echo(f"error: {failure.source}: {failure.reason}", err=True)
        if poll.error:
            click.echo(f"error: poll {poll.number}: {poll.error}", err=True)
        failed = failed or bool(poll.failures or poll.error)
        changed = ", ".join(poll.stories_changed) or "none"
        click.echo(
            f"{poll.started} poll {poll.number}: {poll.analysed} new, {poll.cached} known, "
            f"{len(poll.failures)} failed, {poll.articles} in store; stories updated: {changed}"
        )

    try:
        settings = Settings.load(config, workers=workers, **overrides)
        watch(
            sources,
            db=db,
            every=seconds,
            out=out,
            settings=settings,
            polls=1 if once else None,
            on_poll=show,
        )
    except StorylineError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(0)
    sys.exit(1 if failed else 0)


cli.add_command(serve_command)


def main() -> None:
    cli()
