"""Which database a store URL names, decided without loading either engine's driver.

A shelf node on SQLite (the default, on a Pi) never needs asyncpg in memory; only a URL that names
PostgreSQL makes the daemon import it.
"""

from __future__ import annotations


def is_postgres_url(url: str | None) -> bool:
    return url is not None and url.split(":", 1)[0] in ("postgres", "postgresql")
