"""Opening uploaded zip containers (3MF) without trusting them.

Everything is checked from the central directory before a byte is inflated (member count, path
escapes, declared sizes, compression ratio), and every read is streamed against a byte budget so
an archive that lies about its sizes still cannot make odind inflate more than it allows.
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from odind.modelfiles.models import UnsafeUpload

MAX_MEMBERS = 10_000
MAX_TOTAL_UNCOMPRESSED = 512 * 1024 * 1024
MAX_DIRECTORY_BYTES = 8 * 1024 * 1024  # zipfile holds the whole central directory in memory
MAX_RATIO = 100  # deflated G-code and XML stay far below this; bombs sit in the thousands
RATIO_FLOOR_BYTES = 1024 * 1024  # tiny members may compress absurdly well, harmlessly
READ_BUDGET = 64 * 1024 * 1024  # bytes odind will inflate in total while reading one upload
_CHUNK = 64 * 1024
_DRIVE = re.compile(r"^[A-Za-z]:")
_CORRUPT = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, OSError)


_EOCD = struct.Struct("<4s4H2LH")
_ZIP64_LOCATOR = struct.Struct("<4sLQL")
_ZIP64_EOCD = struct.Struct("<4sQ2H2L4Q")


def _directory_size(path: Path) -> tuple[int, int] | None:
    """(entries, central directory bytes) from the end records, read before zipfile parses anything.

    None when the records cannot be found; zipfile then rejects the file itself.
    """
    with path.open("rb") as handle:
        size = handle.seek(0, 2)
        start = max(0, size - (_EOCD.size + 0xFFFF))  # the record may be followed by a comment
        handle.seek(start)
        tail = handle.read()
        at = tail.rfind(b"PK\x05\x06")
        if at < 0 or len(tail) - at < _EOCD.size:
            return None
        _, _, _, _, entries, directory, _, _ = _EOCD.unpack_from(tail, at)
        if entries != 0xFFFF and directory != 0xFFFFFFFF:
            return entries, directory
        locator_at = at - _ZIP64_LOCATOR.size
        if locator_at < 0 or tail[locator_at : locator_at + 4] != b"PK\x06\x07":
            return None
        _, _, record_offset, _ = _ZIP64_LOCATOR.unpack_from(tail, locator_at)
        handle.seek(record_offset)
        record = handle.read(_ZIP64_EOCD.size)
    if len(record) < _ZIP64_EOCD.size or not record.startswith(b"PK\x06\x06"):
        return None
    fields = _ZIP64_EOCD.unpack(record)
    return fields[7], fields[8]


def _check_directory(path: Path) -> None:
    declared = _directory_size(path)
    if declared is None:
        return
    entries, directory = declared
    if entries > MAX_MEMBERS:
        raise UnsafeUpload(f"archive has {entries} members; at most {MAX_MEMBERS} are accepted")
    if directory > MAX_DIRECTORY_BYTES:
        raise UnsafeUpload(f"archive directory is {directory} bytes; at most {MAX_DIRECTORY_BYTES} are accepted")


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
        _check_directory(path)
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

    @property
    def remaining(self) -> int:
        """Bytes still allowed to be inflated for this upload."""
        return max(self._budget, 0)

    def chunks(self, name: str, limit: int) -> Iterator[bytes]:
        """The member's first `limit` bytes in pieces, for parsers that stream; same budget as `read`."""
        size = 0
        try:
            with self._zip.open(name) as stream:
                while size < limit:
                    chunk = stream.read(min(_CHUNK, limit - size))
                    if not chunk:
                        return
                    size += len(chunk)
                    self._budget -= len(chunk)
                    if self._budget < 0:
                        raise UnsafeUpload(f"{self._label} needs more than {READ_BUDGET} bytes inflated to read")
                    yield chunk
        except _CORRUPT as exc:
            raise UnsafeUpload(f"archive member {name!r} in {self._label} is corrupt: {exc}") from exc

    def read(self, name: str, limit: int) -> bytes:
        """The whole member; UnsafeUpload if it inflates past `limit` bytes."""
        data = b"".join(self.chunks(name, limit + 1))
        if len(data) > limit:
            raise UnsafeUpload(f"archive member {name!r} is larger than {limit} bytes")
        return data

    def head(self, name: str, limit: int) -> bytes:
        """At most the first `limit` bytes of the member, cut at a line end when it is longer."""
        data = b"".join(self.chunks(name, limit))
        if len(data) >= limit and b"\n" in data:
            data = data[: data.rfind(b"\n") + 1]
        return data
