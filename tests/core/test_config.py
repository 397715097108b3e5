"""Configuration: TOML, environment overrides, validation naming the key, warnings for typos."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from odind.config import ConfigError, load


def test_defaults_without_a_file(monkeypatch):
    monkeypatch.delenv("STATE_DIRECTORY", raising=False)
    config = load(None, environ={"ODIND_CONFIG": "/nonexistent/odind.toml"})
    assert config.http.host == "0.0.0.0" and config.http.port == 8080
    assert config.data_dir == Path("var")


def test_state_directory_is_the_default_data_dir():
    config = load(None, environ={"ODIND_CONFIG": "/nonexistent.toml", "STATE_DIRECTORY": "/var/lib/odind"})
    assert config.data_dir == Path("/var/lib/odind")


def test_file_then_environment_overrides(tmp_path):
    path = tmp_path / "odind.toml"
    path.write_text('data_dir = "/srv/farm"\n[http]\nport = 9000\n[[printers]]\nname = "A"\ndriver = "marlin"\n'
                    'connection = { port = "/dev/ttyUSB0" }\n')
    config = load(path, environ={"ODIND_HTTP__PORT": "9100", "ODIND_HTTP__HOST": "127.0.0.1"})
    assert config.http.port == 9100 and config.http.host == "127.0.0.1"
    assert config.data_dir == Path("/srv/farm")
    assert config.printers[0].connection == {"port": "/dev/ttyUSB0"}


def test_invalid_value_names_the_key(tmp_path):
    path = tmp_path / "odind.toml"
    path.write_text("[http]\nport = 70000\n")
    with pytest.raises(ConfigError, match=r"\[http\] port"):
        load(path, environ={})


def test_unknown_keys_are_warned_about(tmp_path, caplog):
    path = tmp_path / "odind.toml"
    path.write_text("colour = 1\n[http]\nprot = 1\n")
    with caplog.at_level(logging.WARNING, logger="odind.config"):
        load(path, environ={})
    assert "unknown key colour" in caplog.text
    assert "unknown key [http] prot" in caplog.text


def test_missing_explicit_file_and_bad_toml(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        load(tmp_path / "missing.toml", environ={})
    bad = tmp_path / "bad.toml"
    bad.write_text("[http\n")
    with pytest.raises(ConfigError):
        load(bad, environ={})
