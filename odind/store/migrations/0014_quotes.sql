-- odind schema v14: quotes, the custom-print shop's loop. A customer asks (in words, or with products),
-- the shop reviews and makes a firm offer priced by the costing engine (each line keeps the unit cost it
-- was priced from: the shop's breakdown, never shown to the customer), the customer accepts or rejects
-- through a signed link, and an accepted quote is placed as a sales order at the quoted prices.
-- `link_nonce` changes with every offer and is cleared by the decision, so a link works once.

CREATE TABLE quotes (
    id INTEGER PRIMARY KEY,
    reference TEXT NOT NULL,
    customer_id INTEGER REFERENCES contacts(id),
    customer_name TEXT NOT NULL,
    customer_email TEXT,
    status TEXT NOT NULL,
    request TEXT NOT NULL DEFAULT '',
    model_id INTEGER REFERENCES models(id),  -- the file a customer sent with the request, parsed like any model
    notes TEXT NOT NULL DEFAULT '',
    target_margin TEXT,
    valid_until TEXT,
    link_nonce TEXT,
    order_id INTEGER REFERENCES orders(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX quotes_status ON quotes(status);

CREATE TABLE quote_lines (
    id INTEGER PRIMARY KEY,
    quote_id INTEGER NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
    product_id INTEGER NOT NULL REFERENCES products(id),
    quantity INTEGER NOT NULL CHECK (quantity > 0),
    unit_price TEXT,
    unit_cost TEXT
);
CREATE INDEX quote_lines_quote ON quote_lines(quote_id);
