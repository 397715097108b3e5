"""Pages of a list: a stable cursor and a total, so a phone can walk 10,000 orders a screen at a time.

Lists are walked by keyset (the last id seen), not by offset: rows added or removed meanwhile
neither repeat nor skip anything on the next page. The cursor is opaque to clients.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

from pydantic import BaseModel, Field

from odind.errors import Invalid

MAX_LIMIT = 500


class PageIn(BaseModel):
    limit: int = Field(50, ge=1, le=MAX_LIMIT)
    cursor: str | None = Field(None, max_length=64)

    def after(self) -> int | None:
        """The id the previous page ended on, or None for the first page."""
        return None if self.cursor is None else decode_cursor(self.cursor)


def encode_cursor(last_id: int) -> str:
    return base64.urlsafe_b64encode(f"id:{last_id}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        text = ""
    kind, _, value = text.partition(":")
    if kind != "id" or not value.isascii() or not value.isdigit() or len(value) > 18:
        raise Invalid("cursor is not one this server gave out; start again without it", field="cursor")
    return int(value)


def page(rows: list[dict[str, Any]], items: list[Any], total: int, request: PageIn) -> dict[str, Any]:
    """`rows` are the stored rows fetched with one more than the limit, `items` their views."""
    more = len(rows) > request.limit
    return {"items": items[:request.limit], "total": total,
            "next_cursor": encode_cursor(rows[request.limit - 1]["id"]) if more else None}
