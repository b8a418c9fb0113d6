"""A throwaway PostgreSQL server for tests and benchmarks.

Uses Debian's ``postgresql`` package (``initdb``/``pg_ctl`` under
``/usr/lib/postgresql/*/bin``; ``make test`` installs it when run as root). The
server listens only on a Unix socket in its own private folder, so several can
run side by side with no port to collide on. PostgreSQL refuses to run as root,
so under root the server runs as the ``postgres`` user (or ``nobody``).
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def find_bin(name: str) -> Path | None:
    """``initdb``/``pg_ctl`` of the newest PostgreSQL installed, if any."""
    candidates = sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    if candidates:
        return candidates[-1]
    found = shutil.which(name)
    return Path(found) if found else None


def why_unavailable() -> str | None:
    """None when a server can be started here, else the reason it cannot."""
    if find_bin("initdb") is None or find_bin("pg_ctl") is None:
        return "PostgreSQL is not installed (apt-get install postgresql; make test does it)"
    return None


class PostgresServer:
    """One running server; :meth:`create_database` gives a fresh database URL."""

    def __init__(self, root: Path, socket_dir: Path, run_as: str | None) -> None:
        self.root = root
        self.socket_dir = socket_dir
        self.data = root / "data"
        self.run_as = run_as

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@/{database}?host={self.socket_dir}"

    def create_database(self, name: str | None = None) -> str:
        import psycopg

        name = name or f"storyline_{uuid.uuid4().hex[:10]}"
        conninfo = f"host={self.socket_dir} user=postgres dbname=postgres"
        with psycopg.connect(conninfo, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*args],
            check=True,
            capture_output=True,
            text=True,
            user=self.run_as,
            cwd=self.root,
        )


def _run_as() -> str | None:
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    raise RuntimeError("running as root and neither 'postgres' nor 'nobody' exists")


@contextmanager
def postgres_server() -> Iterator[PostgresServer]:
    """Start a server in a fresh temporary folder; stop it and remove the folder after."""
    initdb, pg_ctl = find_bin("initdb"), find_bin("pg_ctl")
    if initdb is None or pg_ctl is None:
        raise RuntimeError(why_unavailable())
    run_as = _run_as()
    # Not pytest's tmp_path: under root that sits in a 0700 folder the server's
    # own user could not enter.
    root = Path(tempfile.mkdtemp(prefix="storyline-pg-"))
    socket_dir = root / "sock"
    socket_dir.mkdir()
    if run_as is not None:
        entry = pwd.getpwnam(run_as)
        os.chmod(root, 0o755)
        for path in (root, socket_dir):
            os.chown(path, entry.pw_uid, entry.pw_gid)
    server = PostgresServer(root, socket_dir, run_as)
    started = False
    try:
        server.run(
            str(initdb),
            "-D", str(server.data),
            "-U", "postgres",
            "--auth=trust",
            "--encoding=UTF8",
            "--no-locale",
            "--no-sync",
        )  # fmt: skip
        options = (
            f"-k {socket_dir} -c listen_addresses='' -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=50"
        )
        server.run(
            str(pg_ctl),
            "-D", str(server.data),
            "-o", options,
            "-l", str(root / "server.log"),
            "-w", "-t", "60",
            "start",
        )  # fmt: skip
        started = True
        yield server
    finally:
        if started:
            subprocess.run(
                [str(pg_ctl), "-D", str(server.data), "-m", "immediate", "-w", "stop"],
                capture_output=True,
                user=run_as,
                check=False,
            )
        shutil.rmtree(root, ignore_errors=True)
