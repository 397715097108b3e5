-- odind schema v1. Portable SQL (SQLite now, PostgreSQL later): no AUTOINCREMENT quirks, no
-- SQLite-only types. Money and decimal quantities are TEXT holding exact decimal strings; stock
-- quantities are integers in the item's smallest unit (units, or milligrams of filament).

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE material_prices (
    material TEXT PRIMARY KEY,
    cost_per_gram TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE models (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    filename TEXT NOT NULL,
    kind TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size_bytes INTEGER NOT NULL,
    stored_path TEXT NOT NULL,
    metadata_known INTEGER NOT NULL,
    print_time_s INTEGER,
    plates INTEGER NOT NULL,
    objects_per_plate INTEGER,
    metadata_json TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE consumables (
    id INTEGER PRIMARY KEY,
    sku TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    unit_cost TEXT NOT NULL,
    reorder_point INTEGER NOT NULL DEFAULT 0,
    vendor TEXT,
    notes TEXT,
    created_at TEXT NOT NULL
);

CREATE TABLE spools (
    id INTEGER PRIMARY KEY,
    material TEXT NOT NULL,
    colour TEXT,
    brand TEXT,
    net_weight_mg INTEGER NOT NULL,
    cost TEXT NOT NULL,
    printer_id INTEGER,
    created_at TEXT NOT NULL
);

CREATE TABLE products (
    id INTEGER PRIMARY KEY,
    sku TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    sale_price TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE product_components (
    product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    model_id INTEGER NOT NULL REFERENCES models(id),
    quantity INTEGER NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (product_id, model_id)
);

CREATE TABLE product_consumables (
    product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    consumable_id INTEGER NOT NULL REFERENCES consumables(id),
    quantity INTEGER NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (product_id, consumable_id)
);

CREATE TABLE printers (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    driver TEXT NOT NULL,
    model TEXT NOT NULL,
    nozzle_diameter TEXT NOT NULL,
    build_volume TEXT NOT NULL,
    tags TEXT NOT NULL DEFAULT '',
    auto_clear INTEGER NOT NULL DEFAULT 0,
    connection_json TEXT NOT NULL,
    source TEXT NOT NULL,
    plate_clear INTEGER NOT NULL DEFAULT 1,
    loaded_json TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL
);

CREATE TABLE orders (
    id INTEGER PRIMARY KEY,
    reference TEXT NOT NULL,
    platform TEXT NOT NULL,
    customer_name TEXT NOT NULL,
    status TEXT NOT NULL,
    carrier TEXT,
    tracking_number TEXT,
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    shipped_at TEXT
);
CREATE INDEX orders_status ON orders(status);

CREATE TABLE order_lines (
    id INTEGER PRIMARY KEY,
    order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
    product_id INTEGER NOT NULL REFERENCES products(id),
    quantity INTEGER NOT NULL CHECK (quantity > 0),
    unit_price TEXT NOT NULL
);
CREATE INDEX order_lines_order ON order_lines(order_id);

CREATE TABLE jobs (
    id INTEGER PRIMARY KEY,
    order_id INTEGER REFERENCES orders(id) ON DELETE CASCADE,
    order_line_id INTEGER REFERENCES order_lines(id) ON DELETE CASCADE,
    model_id INTEGER NOT NULL REFERENCES models(id),
    plate INTEGER NOT NULL DEFAULT 1,
    units INTEGER NOT NULL CHECK (units > 0),
    status TEXT NOT NULL,
    priority INTEGER NOT NULL DEFAULT 0,
    printer_id INTEGER REFERENCES printers(id) ON DELETE SET NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    waiting_reason TEXT,
    message TEXT,
    created_at TEXT NOT NULL,
    dispatched_at TEXT,
    started_at TEXT,
    finished_at TEXT
);
CREATE INDEX jobs_status ON jobs(status);
CREATE INDEX jobs_order ON jobs(order_id);

CREATE TABLE stock_movements (
    id INTEGER PRIMARY KEY,
    item_kind TEXT NOT NULL,
    item_id INTEGER NOT NULL,
    location TEXT NOT NULL DEFAULT 'main',
    quantity INTEGER NOT NULL,
    reason TEXT NOT NULL,
    order_id INTEGER,
    job_id INTEGER,
    actor TEXT NOT NULL,
    note TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX stock_movements_item ON stock_movements(item_kind, item_id);
CREATE INDEX stock_movements_order ON stock_movements(order_id);

CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id INTEGER,
    action TEXT NOT NULL,
    data_json TEXT NOT NULL
);
CREATE INDEX events_entity ON events(entity, entity_id);

CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);
