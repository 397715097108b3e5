-- odind schema v6: dispatch. Production batches ("N sets of product X") own the plate jobs they
-- were expanded into; a job may require printer tags; printers' completed-job lookups get an index.

CREATE TABLE batches (
    id INTEGER PRIMARY KEY,
    product_id INTEGER NOT NULL REFERENCES products(id),
    sets INTEGER NOT NULL CHECK (sets > 0),
    priority INTEGER NOT NULL DEFAULT 0,
    required_tags TEXT NOT NULL DEFAULT '',
    bom_json TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);

ALTER TABLE jobs ADD COLUMN batch_id INTEGER REFERENCES batches(id);
ALTER TABLE jobs ADD COLUMN required_tags TEXT NOT NULL DEFAULT '';
CREATE INDEX jobs_batch ON jobs(batch_id);
CREATE INDEX jobs_printer_status ON jobs(printer_id, status);
