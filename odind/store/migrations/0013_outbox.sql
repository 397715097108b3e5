-- odind schema v13: a transactional outbox. A message (an e-mail to a customer or the shop, a signed
-- webhook) is written in the same transaction as the change it tells of, so a crash can lose neither
-- without the other; a sender drains the table with retries. `message_id` is fixed when the row is
-- written and sent with every attempt, so a receiver can drop a repeat after a crash between send and mark.

CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL,
    template TEXT NOT NULL,
    channel TEXT NOT NULL CHECK (channel IN ('email', 'webhook')),
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL DEFAULT '',
    body_text TEXT NOT NULL DEFAULT '',
    body_html TEXT NOT NULL DEFAULT '',
    message_id TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error TEXT,
    created_at TEXT NOT NULL,
    sent_at TEXT
);
CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
