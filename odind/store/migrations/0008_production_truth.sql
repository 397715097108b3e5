-- What was really made and wasted: every print attempt with its outcome and the filament it used,
-- and what each finished batch put on the shelf.

ALTER TABLE batches ADD COLUMN location TEXT NOT NULL DEFAULT 'main';
ALTER TABLE batches ADD COLUMN parts_json TEXT NOT NULL DEFAULT '{}';
ALTER TABLE batches ADD COLUMN status TEXT NOT NULL DEFAULT 'active';

CREATE TABLE print_attempts (
    id INTEGER PRIMARY KEY,
    job_id INTEGER NOT NULL REFERENCES jobs(id),
    attempt INTEGER NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('completed', 'failed', 'cancelled', 'interrupted', 'failed_qc')),
    printer_id INTEGER REFERENCES printers(id) ON DELETE SET NULL,
    model_id INTEGER NOT NULL REFERENCES models(id),
    product_id INTEGER REFERENCES products(id),
    units INTEGER NOT NULL,
    progress TEXT NOT NULL,
    message TEXT,
    finished_at TEXT NOT NULL,
    UNIQUE (job_id, attempt)
);
CREATE INDEX print_attempts_finished ON print_attempts(finished_at);

CREATE TABLE attempt_filament (
    id INTEGER PRIMARY KEY,
    attempt_id INTEGER NOT NULL REFERENCES print_attempts(id) ON DELETE CASCADE,
    material TEXT NOT NULL,
    colour TEXT NOT NULL DEFAULT '',
    planned_g TEXT NOT NULL,
    used_g TEXT NOT NULL,
    spool_id INTEGER REFERENCES spools(id) ON DELETE SET NULL
);
CREATE INDEX attempt_filament_attempt ON attempt_filament(attempt_id);

CREATE TABLE batch_output (
    id INTEGER PRIMARY KEY,
    batch_id INTEGER NOT NULL REFERENCES batches(id),
    product_id INTEGER NOT NULL REFERENCES products(id),
    units INTEGER NOT NULL CHECK (units <> 0),  -- negative: taken back off the shelf by a failed QC
    job_id INTEGER NOT NULL REFERENCES jobs(id),
    created_at TEXT NOT NULL
);
CREATE INDEX batch_output_batch ON batch_output(batch_id);
