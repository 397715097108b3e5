-- Invoices get numbers only when finalised, from a counter bumped in the same transaction as the
-- invoice row, so a rolled-back finalisation leaves no gap and a number is never reused.

CREATE TABLE invoices (
    id INTEGER PRIMARY KEY,
    order_id INTEGER NOT NULL UNIQUE REFERENCES orders(id),
    number TEXT NOT NULL UNIQUE,
    issued_on TEXT NOT NULL,
    total TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE counters (
    name TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);

INSERT INTO counters (name, value) VALUES ('invoice', 0);
