"""Multipart bodies read part by part, with every way a client can garble one answered as a 4xx.

aiohttp's reader raises ValueError, AssertionError or its own exceptions for a missing boundary,
a broken part header or a truncated body; left alone those reach the catch-all as a 500.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path

from aiohttp import BodyPartReader, web
from aiohttp.http_exceptions import HttpProcessingError

from odind.errors import BadRequest, TooLarge, UnsupportedMediaType

NAME_LIMIT = 200


async def parts(request: web.Request) -> AsyncIterator[BodyPartReader]:
    """The body parts with a plain name (nested multiparts are skipped)."""
    if request.content_type != "multipart/form-data":
        raise UnsupportedMediaType("send the upload as multipart/form-data", field="file")
    if not request.headers.get("Content-Type", "").count("boundary="):
        raise BadRequest("the multipart Content-Type has no boundary", field="file")
    try:
        reader = await request.multipart()
        while (part := await reader.next()) is not None:
            if isinstance(part, BodyPartReader):
                yield part
    except (ValueError, AssertionError, LookupError, UnicodeError, HttpProcessingError) as exc:
        raise BadRequest(f"the multipart body is malformed: {exc}", field="file") from None


async def read_text(part: BodyPartReader, limit: int = NAME_LIMIT) -> str:
    """A small text field, cut at `limit` characters; a field that is not UTF-8 is a 400."""
    raw = await read_bytes(part, limit * 4, "a text field")
    try:
        return raw.decode("utf-8")[:limit]
    except UnicodeDecodeError:
        raise BadRequest(f"field {part.name!r} is not UTF-8 text", field=part.name) from None


async def read_bytes(part: BodyPartReader, limit: int, what: str) -> bytes:
    """A part's bytes, refused (413) past `limit` without reading further."""
    chunks, size = [], 0
    while chunk := await part.read_chunk(1 << 16):
        size += len(chunk)
        if size > limit:
            raise TooLarge(f"{what} may be at most {limit} bytes", field=part.name)
        chunks.append(chunk)
    return b"".join(chunks)


async def save_file(part: BodyPartReader, directory: Path, limit: int, too_large: str) -> Path:
    """Stream a file part to a new file in `directory`, refused (413, saying `too_large`) past `limit` bytes.
    The caller owns the file; a refused or broken upload leaves none behind."""
    await asyncio.to_thread(directory.mkdir, parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(dir=directory, delete=False, prefix="upload-")
    path = Path(handle.name)
    try:
        size = 0
        with handle:
            while chunk := await part.read_chunk(1 << 16):
                size += len(chunk)
                if size > limit:
                    raise TooLarge(too_large, field=part.name)
                await asyncio.to_thread(handle.write, chunk)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)  # no await here: this also runs when the request is cancelled
        raise
    return path
