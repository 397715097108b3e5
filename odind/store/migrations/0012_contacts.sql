-- odind schema v12: customers and suppliers as records. Orders and purchase orders refer to them;
-- an order keeps its own copy of the name, e-mail and address it was placed and shipped with, so
-- editing a customer later never rewrites what an invoice said. A merged duplicate points at the
-- record it was merged into and is no longer listed.

CREATE TABLE contacts (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('customer', 'supplier')),
    name TEXT NOT NULL,
    email TEXT,
    phone TEXT,
    billing_address TEXT NOT NULL DEFAULT '',
    shipping_address TEXT NOT NULL DEFAULT '',
    tax_id TEXT,
    notes TEXT NOT NULL DEFAULT '',
    default_platform TEXT,
    payment_terms TEXT NOT NULL DEFAULT 'prepay',
    merged_into INTEGER REFERENCES contacts(id) DEFERRABLE INITIALLY DEFERRED,  -- a copy may meet it first
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX contacts_kind_email ON contacts(kind, email);

ALTER TABLE orders ADD COLUMN customer_id INTEGER REFERENCES contacts(id);
CREATE INDEX orders_customer ON orders(customer_id);
ALTER TABLE purchase_orders ADD COLUMN supplier_id INTEGER REFERENCES contacts(id);
CREATE INDEX purchase_orders_supplier ON purchase_orders(supplier_id);
ALTER TABLE return_orders ADD COLUMN customer_id INTEGER REFERENCES contacts(id);
CREATE INDEX return_orders_customer ON return_orders(customer_id);
