"""Opening uploaded zip containers (3MF) without trusting them.

Everything is checked from the central directory before a byte is inflated (member count, path
escapes, declared sizes, compression ratio), and every read is streamed against a byte budget so
an archive that lies about its sizes still cannot make odind inflate more than it allows.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path, PurePosixPath
from typing import IO

from odind.slicer.models import UnsafeUpload

MAX_MEMBERS = 10_000
MAX_TOTAL_UNCOMPRESSED = 512 * 1024 * 1024
MAX_RATIO = 100  # deflated G-code and XML stay far below this; bombs sit in the thousands
RATIO_FLOOR_BYTES = 1024 * 1024  # tiny members may compress absurdly well, harmlessly
READ_BUDGET = 64 * 1024 * 1024  # bytes odind will inflate in total while reading one upload
_CHUNK = 64 * 1024
_DRIVE = re.compile(r"^[A-Za-z]:")
_CORRUPT = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, OSError)


def _check_name(name: str) -> None:
    if "\x00" in name:
        raise UnsafeUpload(f"archive member {name!r} has a NUL byte in its name")
    posix = name.replace("\\", "/")
    if posix.startswith("/") or _DRIVE.match(posix):
        raise UnsafeUpload(f"archive member {name!r} has an absolute path")
    if ".." in PurePosixPath(posix).parts:
        raise UnsafeUpload(f"archive member {name!r} points outside the archive ('..')")


def _check_members(infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_MEMBERS:
        raise UnsafeUpload(f"archive has {len(infos)} members; at most {MAX_MEMBERS} are accepted")
    seen: set[str] = set()
    total = 0
    for info in infos:
        _check_name(info.filename)
        if info.filename in seen:
            raise UnsafeUpload(f"archive member {info.filename!r} appears twice")
        seen.add(info.filename)
        if info.flag_bits & 0x1:
            raise UnsafeUpload(f"archive member {info.filename!r} is encrypted")
        total += info.file_size
        if total > MAX_TOTAL_UNCOMPRESSED:
            raise UnsafeUpload(
                f"archive would unpack to more than {MAX_TOTAL_UNCOMPRESSED // (1024 * 1024)} MiB"
            )
        ratio = info.file_size // max(info.compress_size, 1)
        if info.file_size > RATIO_FLOOR_BYTES and ratio > MAX_RATIO:
            raise UnsafeUpload(
                f"archive member {info.filename!r} is compressed {ratio}:1 (more than {MAX_RATIO}:1); "
                "refusing a possible zip bomb"
            )


class SafeArchive:
    """A checked zip; reads go through `read` / `head`, which share one inflate budget."""

    def __init__(self, path: Path, label: str) -> None:
        self._label = label
        self._budget = READ_BUDGET
        try:
            self._zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise UnsafeUpload(f"{label} is not a valid zip archive (3MF files are zip packages)") from exc
        try:
            _check_members(self._zip.infolist())
        except UnsafeUpload:
            self._zip.close()
            raise
        self.names = frozenset(info.filename for info in self._zip.infolist())

    def __enter__(self) -> SafeArchive:
        return self

    def __exit__(self, *_: object) -> None:
        self._zip.close()

    def _stream(self, name: str, limit: int, *, complete: bool) -> bytes:
        chunks: list[bytes] = []
        size = 0
        try:
            with self._zip.open(name) as stream:
                size = self._pump(stream, chunks, limit)
                if complete and size >= limit and stream.read(1):
                    raise UnsafeUpload(f"archive member {name!r} is larger than {limit} bytes")
        except _CORRUPT as exc:
            raise UnsafeUpload(f"archive member {name!r} in {self._label} is corrupt: {exc}") from exc
        return b"".join(chunks)

    def _pump(self, stream: IO[bytes], chunks: list[bytes], limit: int) -> int:
        size = 0
        while size < limit:
            chunk = stream.read(min(_CHUNK, limit - size))
            if not chunk:
                break
            size += len(chunk)
            self._budget -= len(chunk)
            if self._budget < 0:
                raise UnsafeUpload(f"{self._label} needs more than {READ_BUDGET} bytes inflated to read")
            chunks.append(chunk)
        return size

    def read(self, name: str, limit: int) -> bytes:
        """The whole member; UnsafeUpload if it inflates past `limit` bytes."""
        return self._stream(name, limit, complete=True)

    def head(self, name: str, limit: int) -> bytes:
        """At most the first `limit` bytes of the member, cut at a line end when it is longer."""
        data = self._stream(name, limit, complete=False)
        if len(data) >= limit and b"\n" in data:
            data = data[: data.rfind(b"\n") + 1]
        return data
