-- odind schema v16: the due date an order's payment reminder was sent for, so each due date is
-- reminded once (a changed due date is reminded again).
ALTER TABLE orders ADD COLUMN reminded_due_on TEXT;
