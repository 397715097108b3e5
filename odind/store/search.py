"""Case-insensitive substring search over a few text columns, in SQL both engines run the same way.

The typed text is a literal: `%`, `_` and `\\` in it match themselves, not any character.
"""

from __future__ import annotations

from collections.abc import Sequence


def contains(columns: Sequence[str], text: str) -> tuple[str, list[str]]:
    """A WHERE clause true when any of `columns` holds `text`, and its arguments."""
    pattern = "%" + text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    clause = " OR ".join(f"LOWER({column}) LIKE ? ESCAPE '\\'" for column in columns)
    return f"({clause})", [pattern] * len(columns)
