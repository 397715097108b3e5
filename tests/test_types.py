"""The type checker over the whole of odind, as installed: mypy, strict where pyproject says.

`drivers/` and `web/` install as `odind.drivers` and `odind.web`, a mapping mypy cannot follow from
the source tree, so the check runs on a tree of links with the installed shape.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def installed_shape(base: Path) -> Path:
    package = base / "odind"
    package.mkdir(parents=True, exist_ok=True)
    wanted = {entry.name: entry for entry in (ROOT / "odind").iterdir() if entry.name != "__pycache__"}
    wanted |= {"drivers": ROOT / "drivers", "web": ROOT / "web"}
    for link in package.iterdir():
        if link.name not in wanted or os.readlink(link) != str(wanted[link.name]):
            link.unlink()
    for name, target in wanted.items():
        if not (package / name).is_symlink():
            (package / name).symlink_to(target)
    return base


def test_mypy_passes() -> None:
    base = installed_shape(ROOT / ".typecheck")
    result = subprocess.run([sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml"),
                             "--cache-dir", str(ROOT / ".mypy_cache"), "-p", "odind"],
                            cwd=base, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
