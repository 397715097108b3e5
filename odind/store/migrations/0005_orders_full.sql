-- odind schema v5: orders in full. Sales orders gain a core state beside the print-farm status,
-- per-unit line items (allocation, picking, shipping, returns), shipments, payments and credit
-- notes; purchase orders, return orders and transfers get their own tables. Finished goods are
-- stock_movements rows with item_kind = 'product'; allocation is held by the line items, never by
-- a stored counter, so available = on hand (ledger) - allocated (items) can always be recomputed.

ALTER TABLE orders ADD COLUMN state TEXT NOT NULL DEFAULT 'pending';
ALTER TABLE orders ADD COLUMN held_from TEXT;
ALTER TABLE orders ADD COLUMN customer_email TEXT;
ALTER TABLE orders ADD COLUMN ship_to TEXT NOT NULL DEFAULT '';
ALTER TABLE orders ADD COLUMN ship_method TEXT;
ALTER TABLE orders ADD COLUMN backorder_ship_method TEXT;
ALTER TABLE orders ADD COLUMN shipping_charged TEXT NOT NULL DEFAULT '0';
ALTER TABLE orders ADD COLUMN order_discount TEXT NOT NULL DEFAULT '0';
ALTER TABLE orders ADD COLUMN tax_rate TEXT;
ALTER TABLE orders ADD COLUMN payment_terms TEXT NOT NULL DEFAULT 'prepay';
ALTER TABLE orders ADD COLUMN po_number TEXT;
ALTER TABLE orders ADD COLUMN payment_due_on TEXT;
UPDATE orders SET state = CASE status
    WHEN 'pending' THEN 'pending' WHEN 'cancelled' THEN 'cancelled' ELSE 'processing' END;
CREATE INDEX orders_platform_reference ON orders(platform, reference);

ALTER TABLE order_lines ADD COLUMN tax_rate TEXT;
ALTER TABLE order_lines ADD COLUMN unit_discount TEXT NOT NULL DEFAULT '0';

CREATE TABLE line_items (
    id INTEGER PRIMARY KEY,
    order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
    order_line_id INTEGER NOT NULL REFERENCES order_lines(id) ON DELETE CASCADE,
    product_id INTEGER NOT NULL REFERENCES products(id),
    status TEXT NOT NULL,
    location TEXT,
    to_print INTEGER NOT NULL DEFAULT 0,
    shipment_id INTEGER,
    backordered_at TEXT,
    updated_at TEXT NOT NULL
);
CREATE INDEX line_items_order ON line_items(order_id, order_line_id, status, location, to_print);
CREATE INDEX line_items_line ON line_items(order_line_id);
CREATE INDEX line_items_stock ON line_items(product_id, location, status);

WITH RECURSIVE n(line_id, k) AS (
    SELECT id, 1 FROM order_lines
    UNION ALL
    SELECT n.line_id, n.k + 1 FROM n JOIN order_lines l ON l.id = n.line_id WHERE n.k < l.quantity
)
INSERT INTO line_items (order_id, order_line_id, product_id, status, updated_at)
SELECT l.order_id, l.id, l.product_id,
       CASE o.status WHEN 'cancelled' THEN 'cancelled' WHEN 'shipped' THEN 'shipped' ELSE 'pending' END,
       o.updated_at
FROM n JOIN order_lines l ON l.id = n.line_id JOIN orders o ON o.id = l.order_id;

ALTER TABLE stock_movements ADD COLUMN unit_cost TEXT;
ALTER TABLE stock_movements ADD COLUMN order_line_id INTEGER;
CREATE INDEX stock_movements_location ON stock_movements(item_kind, item_id, location);

CREATE TABLE shipments (
    id INTEGER PRIMARY KEY,
    order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    carrier TEXT,
    tracking_number TEXT,
    ship_method TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    delivered_at TEXT
);
CREATE INDEX shipments_order ON shipments(order_id);

CREATE TABLE payments (
    id INTEGER PRIMARY KEY,
    order_id INTEGER NOT NULL REFERENCES orders(id),
    kind TEXT NOT NULL CHECK (kind IN ('payment', 'refund')),
    amount TEXT NOT NULL,
    method TEXT NOT NULL,
    reference TEXT,
    return_id INTEGER,
    received_on TEXT NOT NULL,
    actor TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX payments_order ON payments(order_id);

CREATE TABLE credit_notes (
    id INTEGER PRIMARY KEY,
    order_id INTEGER NOT NULL REFERENCES orders(id),
    invoice_id INTEGER NOT NULL REFERENCES invoices(id),
    payment_id INTEGER NOT NULL UNIQUE REFERENCES payments(id),
    number TEXT NOT NULL UNIQUE,
    issued_on TEXT NOT NULL,
    amount TEXT NOT NULL,
    created_at TEXT NOT NULL
);
INSERT INTO counters (name, value) VALUES ('credit_note', 0);

CREATE TABLE purchase_orders (
    id INTEGER PRIMARY KEY,
    reference TEXT NOT NULL,
    supplier TEXT NOT NULL,
    status TEXT NOT NULL,
    expected_on TEXT,
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE purchase_order_lines (
    id INTEGER PRIMARY KEY,
    purchase_order_id INTEGER NOT NULL REFERENCES purchase_orders(id) ON DELETE CASCADE,
    item_kind TEXT NOT NULL CHECK (item_kind IN ('consumable', 'product', 'filament')),
    item_id INTEGER,
    material TEXT,
    colour TEXT,
    grams_per_spool TEXT,
    quantity INTEGER NOT NULL CHECK (quantity > 0),
    received INTEGER NOT NULL DEFAULT 0,
    unit_cost TEXT NOT NULL
);
CREATE INDEX purchase_order_lines_po ON purchase_order_lines(purchase_order_id);

CREATE TABLE purchase_receipts (
    id INTEGER PRIMARY KEY,
    purchase_order_line_id INTEGER NOT NULL REFERENCES purchase_order_lines(id),
    quantity INTEGER NOT NULL CHECK (quantity > 0),
    unit_cost TEXT NOT NULL,
    location TEXT NOT NULL,
    movement_id INTEGER REFERENCES stock_movements(id),
    received_at TEXT NOT NULL,
    actor TEXT NOT NULL
);

CREATE TABLE return_orders (
    id INTEGER PRIMARY KEY,
    reference TEXT NOT NULL,
    order_id INTEGER REFERENCES orders(id) ON DELETE SET NULL,
    customer_name TEXT NOT NULL,
    status TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    refund_amount TEXT NOT NULL DEFAULT '0',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE return_lines (
    id INTEGER PRIMARY KEY,
    return_id INTEGER NOT NULL REFERENCES return_orders(id) ON DELETE CASCADE,
    product_id INTEGER NOT NULL REFERENCES products(id),
    order_line_id INTEGER REFERENCES order_lines(id) ON DELETE SET NULL,
    quantity INTEGER NOT NULL CHECK (quantity > 0),
    disposition TEXT NOT NULL CHECK (disposition IN ('restock', 'scrap')),
    location TEXT NOT NULL DEFAULT 'main'
);

CREATE TABLE transfers (
    id INTEGER PRIMARY KEY,
    reference TEXT NOT NULL,
    from_location TEXT NOT NULL,
    to_location TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE transfer_lines (
    id INTEGER PRIMARY KEY,
    transfer_id INTEGER NOT NULL REFERENCES transfers(id) ON DELETE CASCADE,
    product_id INTEGER NOT NULL REFERENCES products(id),
    quantity INTEGER NOT NULL CHECK (quantity > 0)
);

-- Orders scheduled before this version: their units are the ones being printed; what a fulfilled
-- or shipped order printed is booked as produced (and, once shipped, as gone in one parcel), so the
-- ledger, the units and the shipments agree from the first start.
UPDATE line_items SET to_print = 1
WHERE order_id IN (SELECT id FROM orders WHERE status IN ('in_progress', 'partial', 'fulfilled', 'shipped'));

INSERT INTO stock_movements (item_kind, item_id, location, quantity, reason, order_id, order_line_id, actor, note,
                             created_at)
SELECT 'product', l.product_id, 'main', l.quantity, 'produce', l.order_id, l.id, 'migration',
       'printed before line items existed', o.updated_at
FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.status IN ('fulfilled', 'shipped');

UPDATE line_items SET status = 'allocated', location = 'main'
WHERE order_id IN (SELECT id FROM orders WHERE status = 'fulfilled');

INSERT INTO shipments (order_id, status, carrier, tracking_number, created_at, updated_at)
SELECT id, 'in_transit', carrier, tracking_number, COALESCE(shipped_at, updated_at), updated_at
FROM orders WHERE status = 'shipped';

UPDATE line_items SET location = 'main',
    shipment_id = (SELECT s.id FROM shipments s WHERE s.order_id = line_items.order_id)
WHERE status = 'shipped';

INSERT INTO stock_movements (item_kind, item_id, location, quantity, reason, order_id, order_line_id, actor, note,
                             created_at)
SELECT 'product', l.product_id, 'main', -l.quantity, 'ship', l.order_id, l.id, 'migration',
       'shipped before line items existed', COALESCE(o.shipped_at, o.updated_at)
FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.status = 'shipped';
