-- odind schema v4: true cost and pricing. Product sets live in `products` (kind = 'set') so orders,
-- invoices and reports treat them like any product; their members are in set_items. Consumable
-- purchases are FIFO cost layers; draws record what each use really cost. Money stays exact TEXT.

ALTER TABLE products ADD COLUMN kind TEXT NOT NULL DEFAULT 'product';
ALTER TABLE products ADD COLUMN category TEXT NOT NULL DEFAULT '';
ALTER TABLE products ADD COLUMN labour_hours TEXT NOT NULL DEFAULT '0';
ALTER TABLE products ADD COLUMN cost_overrides_json TEXT NOT NULL DEFAULT '{}';

CREATE TABLE set_items (
    set_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    item_id INTEGER NOT NULL REFERENCES products(id),
    quantity INTEGER NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (set_id, item_id)
);
CREATE INDEX set_items_item ON set_items(item_id);

ALTER TABLE consumables ADD COLUMN unit TEXT NOT NULL DEFAULT 'each';
ALTER TABLE consumables ADD COLUMN reorder_quantity INTEGER NOT NULL DEFAULT 0;
ALTER TABLE consumables ADD COLUMN lead_days INTEGER;

CREATE TABLE consumable_layers (
    id INTEGER PRIMARY KEY,
    consumable_id INTEGER NOT NULL REFERENCES consumables(id),
    purchased_on TEXT NOT NULL,
    quantity TEXT NOT NULL,
    unit TEXT NOT NULL,
    pack_size TEXT,
    total_cost TEXT NOT NULL,
    supplier TEXT,
    reference TEXT,
    remaining TEXT NOT NULL,
    remaining_cost TEXT NOT NULL,
    movement_id INTEGER REFERENCES stock_movements(id),
    actor TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX consumable_layers_item ON consumable_layers(consumable_id);

CREATE TABLE consumable_draws (
    id INTEGER PRIMARY KEY,
    consumable_id INTEGER NOT NULL REFERENCES consumables(id),
    layer_id INTEGER REFERENCES consumable_layers(id),
    quantity TEXT NOT NULL,
    cost TEXT NOT NULL,
    order_id INTEGER,
    job_id INTEGER,
    movement_id INTEGER REFERENCES stock_movements(id),
    actor TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX consumable_draws_item ON consumable_draws(consumable_id);
CREATE INDEX consumable_draws_order ON consumable_draws(order_id);

CREATE TABLE sales_channels (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    platform TEXT,
    terms_json TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE cost_snapshots (
    id INTEGER PRIMARY KEY,
    product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    total TEXT NOT NULL,
    breakdown_json TEXT NOT NULL,
    reason TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX cost_snapshots_product ON cost_snapshots(product_id, id);

CREATE TABLE order_costs (
    order_id INTEGER PRIMARY KEY REFERENCES orders(id) ON DELETE CASCADE,
    ordered_at TEXT NOT NULL,
    channel_id INTEGER REFERENCES sales_channels(id) ON DELETE SET NULL,
    channel_name TEXT NOT NULL,
    revenue TEXT NOT NULL,
    cogs TEXT NOT NULL,
    fees TEXT NOT NULL,
    shipping TEXT NOT NULL,
    detail_json TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE order_cost_lines (
    id INTEGER PRIMARY KEY,
    order_id INTEGER NOT NULL REFERENCES order_costs(order_id) ON DELETE CASCADE,
    product_id INTEGER NOT NULL,
    sku TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    quantity INTEGER NOT NULL,
    revenue TEXT NOT NULL,
    cogs TEXT NOT NULL,
    fees TEXT NOT NULL,
    shipping TEXT NOT NULL
);
CREATE INDEX order_cost_lines_order ON order_cost_lines(order_id);
