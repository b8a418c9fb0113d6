from __future__ import annotations

from pathlib import Path

import pytest

from storyline.errors import SettingsError
from storyline.settings import SETTINGS, Settings


def test_defaults_come_from_the_table() -> None:
    settings = Settings()
    for spec in SETTINGS:
        assert getattr(settings, spec.name) == spec.default
        assert spec.help.strip(), f"{spec.name} has no help"


def test_toml_file_overrides_defaults_and_flags_override_the_file(tmp_path: Path) -> None:
    path = tmp_path / "storyline.toml"
    path.write_text("[storyline]\nmax_input_bytes = 1000\nfetch_timeout = 2.5\n")
    settings = Settings.load(path, fetch_timeout=1)
    assert settings.max_input_bytes == 1000
    assert settings.fetch_timeout == 1.0
    assert settings.workers == 1


def test_top_level_keys_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text("workers = 2\n")
    assert Settings.load(path).workers == 2


def test_unknown_setting_names_the_file_and_the_setting(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text("[storyline]\nmax_bytes = 3\n")
    with pytest.raises(SettingsError, match=r"bad\.toml.*'max_bytes'"):
        Settings.load(path)


def test_wrong_type_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('[storyline]\nworkers = "many"\n')
    with pytest.raises(SettingsError, match="'workers' must be int"):
        Settings.load(path)
    with pytest.raises(SettingsError):
        Settings().with_overrides(max_input_bytes=-5)


def test_invalid_toml_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text("[storyline\n")
    with pytest.raises(SettingsError, match="not valid TOML"):
        Settings.load(path)
    with pytest.raises(SettingsError, match="not found"):
        Settings.load(tmp_path / "missing.toml")
