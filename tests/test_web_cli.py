"""``storyline serve``: refuses a missing store, stays on loopback, serves the app."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from storyline.web.cli import is_loopback, serve_command
from tests.test_report_data import build_result
from tests.test_web_support import fill_store, free_socket


def test_a_missing_store_is_refused_with_a_hint(tmp_path: Path) -> None:
    result = CliRunner().invoke(serve_command, [str(tmp_path / "nope.db")])
    assert result.exit_code == 1
    assert "no store here" in result.output and "--create" in result.output
    assert not (tmp_path / "nope.db").exists()


def test_loopback_addresses() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.4")


def test_help_documents_every_option() -> None:
    text = CliRunner().invoke(serve_command, ["--help"]).output
    for flag in ("--host", "--port", "--config", "--max-input-bytes", "--create"):
        assert flag in text


@pytest.mark.slow
def test_serve_runs_the_app_on_loopback(tmp_path: Path) -> None:
    db = fill_store(tmp_path / "store.db", build_result())
    sock = free_socket()
    port = sock.getsockname()[1]
    sock.close()  # uvicorn binds the port again: a small race, acceptable in a test
    code = "from storyline.web.cli import serve_command; serve_command()"
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(db), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                page = httpx.get(f"http://127.0.0.1:{port}/", timeout=2)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.2)
        assert page.status_code == 200 and "Orsa bridge closure" in page.text
        foreign = httpx.get(f"http://127.0.0.1:{port}/", headers={"host": "evil.example"})
        assert foreign.status_code == 400
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=20)
    assert f"at http://127.0.0.1:{port}/" in err
