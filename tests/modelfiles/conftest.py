"""Builders for hand-made upload fixtures (zips written member by member, G-code from lines)."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

ZipMembers = dict[str, str | bytes]


@pytest.fixture
def write_zip(tmp_path: Path) -> Callable[..., Path]:
    def write(name: str, members: ZipMembers, compression: int = zipfile.ZIP_DEFLATED) -> Path:
        path = tmp_path / name
        with zipfile.ZipFile(path, "w", compression=compression) as archive:
            for member, data in members.items():
                archive.writestr(member, data)
        return path

    return write


@pytest.fixture
def write_gcode(tmp_path: Path) -> Callable[..., Path]:
    def write(name: str, *lines: str) -> Path:
        path = tmp_path / name
        path.write_text("\n".join(lines) + "\n")
        return path

    return write
