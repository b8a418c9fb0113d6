"""The command line: documented, thin over the API, honest exit codes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyline.cli import cli
from storyline.export import contract_problems
from storyline.settings import SETTINGS
from tests.fixtures.stories import write_corpus

README = Path(__file__).resolve().parent.parent / "README.md"


def test_every_command_is_documented_in_the_readme() -> None:
    readme = README.read_text("utf-8")
    for name in cli.commands:
        assert f"storyline {name}" in readme, f"command {name!r} missing from README"


def test_every_setting_is_documented_and_has_a_flag() -> None:
    readme = README.read_text("utf-8")
    help_text = CliRunner().invoke(cli, ["analyze", "--help"]).output
    for spec in SETTINGS:
        flag = "--" + spec.name.replace("_", "-")
        assert f"`{spec.name}`" in readme, f"setting {spec.name} missing from README"
        assert flag in help_text, f"{flag} missing from analyze --help"
    for option in ("--out", "--db", "--workers", "--config"):
        assert option in help_text


def test_settings_command_lists_every_setting() -> None:
    out = CliRunner().invoke(cli, ["settings"], terminal_width=200).output
    for spec in SETTINGS:
        assert spec.name in out


@pytest.mark.slow
def test_analyze_reports_bad_inputs_and_keeps_the_good_ones(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    missing = tmp_path / "nowhere.txt"
    out = tmp_path / "out"
    res = CliRunner().invoke(cli, ["analyze", str(corpus), str(missing), "--out", str(out)])
    assert res.exit_code == 1, res.output
    errors = [line for line in res.stderr.splitlines() if line.startswith("error:")]
    assert any("empty.txt" in e and "empty" in e for e in errors), errors
    assert any("photo.png" in e and "binary" in e for e in errors), errors
    assert any("nowhere.txt" in e for e in errors), errors
    assert len(errors) == 3
    doc = json.loads((out / "storyline.json").read_text("utf-8"))
    assert contract_problems(doc) == []
    assert len(doc["articles"]) == 4
    assert {"coast-courier-0515", "coast-courier-0517"} <= {a["id"] for a in doc["articles"]}


@pytest.mark.slow
def test_analyze_exits_zero_when_every_input_is_read(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path)
    out = tmp_path / "out"
    res = CliRunner().invoke(cli, ["analyze", str(corpus), "--out", str(out)])
    assert res.exit_code == 0, res.output + res.stderr
    assert re.search(r"analysed now\s+4", res.output)
    again = CliRunner().invoke(cli, ["analyze", str(corpus), "--out", str(out)])
    assert again.exit_code == 0
    assert re.search(r"analysed now\s+0", again.output)
    assert re.search(r"from the store\s+4", again.output)


def test_bad_settings_file_is_a_clear_error(tmp_path: Path) -> None:
    config = tmp_path / "s.toml"
    config.write_text("[storyline]\nbogus = 1\n")
    res = CliRunner().invoke(
        cli, ["analyze", str(tmp_path), "--out", str(tmp_path / "o"), "--config", str(config)]
    )
    assert res.exit_code == 2
    assert "unknown setting 'bogus'" in res.stderr
    assert "Traceback" not in res.output + res.stderr


@pytest.mark.slow
def test_a_bug_is_one_clear_line_and_a_log_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import storyline.api

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("stage exploded")

    monkeypatch.setattr(storyline.api, "build_result", broken)
    corpus = write_corpus(tmp_path)
    out = tmp_path / "out"
    res = CliRunner().invoke(cli, ["analyze", str(corpus), "--out", str(out)])
    assert res.exit_code == 3
    assert "internal error (RuntimeError: stage exploded)" in res.stderr
    assert "Traceback" not in res.stderr
    log = (out / "storyline-error.log").read_text("utf-8")
    assert "Traceback" in log and "stage exploded" in log
    # The per-article work finished before the crash is kept for the next run.
    import sqlite3

    stored = sqlite3.connect(out / "storyline.db").execute("select count(*) from articles")
    assert stored.fetchone()[0] == 4
