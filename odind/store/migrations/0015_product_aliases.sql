-- odind schema v15: other names customers use for a product ("renard", "octopus keyring"), one per line,
-- so a note that says them is read as that product (odind.notes).
ALTER TABLE products ADD COLUMN aliases TEXT NOT NULL DEFAULT '';
