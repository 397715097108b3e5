"""Real sliced files from public repositories parse to exactly what their own metadata states.

The truth for each file is written down in corpus/manifest.toml next to the line of the file it
comes from; "none" there means the file does not state the figure, so the parser must say None.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from odind.modelfiles import ModelMetadata, parse_model

CORPUS = Path(__file__).parent / "corpus"
MANIFEST = tomllib.loads((CORPUS / "manifest.toml").read_text())["file"]
MAX_CORPUS_BYTES = 3 * 1024 * 1024


def _expected(value: Any) -> Any:
    if value == "none":
        return None
    if isinstance(value, list):
        return [_expected(item) for item in value]
    if isinstance(value, dict):
        return {key: _expected(item) for key, item in value.items()}
    return value


def _actual(meta: ModelMetadata, field: str, expected: Any) -> Any:
    if field == "objects":
        return [name for plate in meta.plate_details for name in plate.objects]
    if field == "plate_objects":
        return [plate.objects for plate in meta.plate_details]
    if field == "filaments":
        return [
            {key: getattr(need, key) for key in want} if isinstance(want, dict) else need
            for need, want in zip(meta.filaments, expected + [{}] * len(meta.filaments), strict=False)
        ]
    return getattr(meta, field)


def test_every_corpus_file_is_described_and_the_corpus_stays_small() -> None:
    on_disk = {path.name for path in CORPUS.iterdir() if path.suffix in (".gcode", ".3mf")}
    assert on_disk == {entry["name"] for entry in MANIFEST}
    assert sum((CORPUS / name).stat().st_size for name in on_disk) < MAX_CORPUS_BYTES
    for entry in MANIFEST:
        assert {"repo", "path", "commit", "licence", "slicer", "truth"} <= entry.keys(), entry["name"]
        assert len(entry["commit"]) == 40, entry["name"]


@pytest.mark.parametrize("entry", MANIFEST, ids=[entry["name"] for entry in MANIFEST])
def test_parse_equals_the_files_own_metadata(entry: dict[str, Any]) -> None:
    meta = parse_model(CORPUS / entry["name"])
    for field, stated in entry["truth"].items():
        expected = _expected(stated)
        actual = _actual(meta, field, expected)
        if isinstance(expected, float):
            assert actual == pytest.approx(expected), field
        else:
            assert actual == expected, field
