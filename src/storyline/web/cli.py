"""``storyline serve [DB]``: the web app under uvicorn, on loopback by default.

Register in the main CLI with ``cli.add_command(serve_command)``.
"""

from __future__ import annotations

import ipaddress
from pathlib import Path

import click
from sqlalchemy.engine import make_url

from storyline.errors import StorylineError
from storyline.settings import Settings

DEFAULT_DB = "storyline.db"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@click.command("serve")
@click.argument("db", required=False, default=DEFAULT_DB, metavar="[DB]")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on. Anything but loopback exposes the store to the network.",
)
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option(
    "--config",
    "config",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="TOML file of settings ([storyline] table).",
)
@click.option(
    "--max-input-bytes",
    "max_input_bytes",
    type=click.IntRange(min=1),
    default=None,
    help="Largest upload accepted, in bytes [default: the setting's].",
)
@click.option("--create", is_flag=True, help="Create the store if it does not exist.")
def serve_command(
    db: str, host: str, port: int, config: Path | None, max_input_bytes: int | None, create: bool
) -> None:
    """Serve the store DB (a SQLite file or a database URL) as a web app and JSON API.

    Pages: stories, each story's briefing, timeline, quotes, figures and sources,
    articles with everything found in them highlighted, search, and a form to add
    articles. The API is described at /openapi.json.
    """
    import uvicorn

    from storyline.web.app import LOOPBACK_HOSTS, create_app

    if "://" not in db and db != ":memory:" and not create and not Path(db).exists():
        raise click.ClickException(
            f"{db}: no store here (run `storyline analyze INPUT... --out DIR` and serve "
            "DIR/storyline.db, or pass --create for an empty one)"
        )
    loopback = is_loopback(host)
    if not loopback:
        click.echo(
            f"warning: serving on {host}: anyone who can reach this address can read the "
            "store and add articles to it",
            err=True,
        )
    try:
        settings = Settings.load(config, max_input_bytes=max_input_bytes)
        app = create_app(db, settings, allowed_hosts=LOOPBACK_HOSTS if loopback else None)
    except StorylineError as exc:
        raise click.ClickException(str(exc)) from exc
    # A database URL may carry a password: never echo it.
    shown = make_url(db).render_as_string(hide_password=True) if "://" in db else db
    click.echo(f"storyline: serving {shown} at http://{host}:{port}/ (Ctrl+C to stop)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
