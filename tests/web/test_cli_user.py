"""`odind user add`: the way the first admin gets in."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from odind.domain.accounts import users
from odind.store.db import Store


def odind_user_add(config: Path, name: str, role: str, password: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "odind.cli", "user", "add", name, "--role", role,
                           "--password-stdin", "--config", str(config)],
                          input=password + "\n", capture_output=True, text=True, timeout=60)


async def test_user_add_reads_the_password_from_stdin_and_the_user_can_log_in(tmp_path: Path) -> None:
    config = tmp_path / "odind.toml"
    config.write_text(f'data_dir = "{tmp_path}"\n', encoding="utf-8")
    added = odind_user_add(config, "ada", "admin", "first light of day")
    assert added.returncode == 0, added.stderr
    assert "ada" in added.stdout and "first light" not in added.stdout
    short = odind_user_add(config, "bob", "viewer", "short")
    assert short.returncode == 2 and "at least 8" in short.stderr
    again = odind_user_add(config, "ada", "viewer", "another password")
    assert again.returncode == 1 and "already exists" in again.stderr
    store = Store(tmp_path / "odind.db")
    await store.open()
    try:
        _, user = await users.login(store, users.LoginIn(name="ada", password="first light of day"))
        assert user["role"] == "admin"
    finally:
        await store.close()
