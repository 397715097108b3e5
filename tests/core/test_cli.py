"""The odind command: tokens, migrations and online backups against a real data directory."""

from __future__ import annotations

import sqlite3
import subprocess
import sys


def _odind(tmp_path, *args: str) -> subprocess.CompletedProcess[str]:
    config = tmp_path / "odind.toml"
    config.write_text(f'data_dir = "{tmp_path / "data"}"\n')
    return subprocess.run([sys.executable, "-m", "odind.cli", *args, "--config", str(config)],
                          capture_output=True, text=True, timeout=60)


def test_migrate_token_and_backup(tmp_path):
    migrated = _odind(tmp_path, "db", "migrate")
    assert migrated.returncode == 0, migrated.stderr
    assert "0001_initial.sql" in migrated.stdout
    assert "up to date" in _odind(tmp_path, "db", "migrate").stdout

    created = _odind(tmp_path, "token", "create", "--role", "operator", "--name", "label-printer")
    assert created.returncode == 0, created.stderr
    token = created.stdout.strip()
    assert token.startswith("odt_") and len(token) > 40
    db = sqlite3.connect(tmp_path / "data" / "odind.db")
    stored = db.execute("SELECT role, token_hash FROM api_tokens").fetchall()
    db.close()
    assert stored[0][0] == "operator" and token not in stored[0][1]

    backup = _odind(tmp_path, "db", "backup", str(tmp_path / "backup.db"))
    assert backup.returncode == 0, backup.stderr
    copy = sqlite3.connect(tmp_path / "backup.db")
    assert copy.execute("SELECT COUNT(*) FROM api_tokens").fetchone()[0] == 1
    copy.close()


def test_bad_config_exits_with_a_clear_message(tmp_path):
    config = tmp_path / "odind.toml"
    config.write_text("[http]\nport = -1\n")
    result = subprocess.run([sys.executable, "-m", "odind.cli", "run", "--config", str(config)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "[http] port" in result.stderr


def test_bad_role_is_refused(tmp_path):
    result = _odind(tmp_path, "token", "create", "--role", "root", "--name", "x")
    assert result.returncode == 2
    assert "invalid choice" in result.stderr


def test_a_database_from_a_newer_odind_is_refused_in_words_and_left_untouched(tmp_path):
    assert _odind(tmp_path, "db", "migrate").returncode == 0
    path = tmp_path / "data" / "odind.db"
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 999")
    db.commit()
    db.close()
    before = path.read_bytes()
    result = _odind(tmp_path, "run")
    assert result.returncode == 3
    assert "newer than this odind" in result.stderr and "Traceback" not in result.stderr
    assert path.read_bytes() == before
    assert not list((tmp_path / "data").glob("*.bak.db"))  # not even a backup was written
