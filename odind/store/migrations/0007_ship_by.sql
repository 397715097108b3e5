-- The date an order must ship by (a marketplace's dispatch deadline): the dispatcher prefers jobs
-- whose orders are due sooner.
ALTER TABLE orders ADD COLUMN ship_by TEXT;
