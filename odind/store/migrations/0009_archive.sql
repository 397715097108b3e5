-- Archive instead of delete: a product, consumable or sales channel that history refers to stays,
-- hidden from new orders and pickers, and can be brought back.
ALTER TABLE products ADD COLUMN archived_at TEXT;
ALTER TABLE consumables ADD COLUMN archived_at TEXT;
ALTER TABLE sales_channels ADD COLUMN archived_at TEXT;
