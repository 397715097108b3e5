-- odind schema v11: several nodes, one farm. Each daemon sharing the database is a node: it owns the
-- printers attached to it and renews its lease with a heartbeat taken from the database's clock (seconds
-- since the epoch, so nodes with skewed clocks agree). Live telemetry stays in each node's memory; the
-- heartbeat carries a summary of its printers for the other nodes' pages.

CREATE TABLE nodes (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    version TEXT NOT NULL,
    schema_version INTEGER NOT NULL,
    started_at TEXT NOT NULL,
    heartbeat REAL NOT NULL,
    summary_json TEXT NOT NULL DEFAULT '{}'
);

ALTER TABLE printers ADD COLUMN node TEXT;
CREATE INDEX printers_node ON printers(node);
