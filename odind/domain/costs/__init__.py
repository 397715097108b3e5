"""The costing core wired to the store: what a product, a set or an order really costs, and earns.

Other parts of odind call these (`db` is an open read snapshot or a transaction, `tx` a transaction):

- loader.product_cogs(db, product_id, quantity=1, labour_hours=None) -> BatchCost
- loader.expand_set(db, product_id, quantity) -> list[tuple[int, int]]  (what Schedule All prints)
- order_costs.snapshot_for_order(tx, order_id) -> dict  (in the transaction that creates the order)
- order_costs.stored_or_current(db, order_id) -> OrderFigures  (an order's P&L at its own costs)
- purchases.cost_reserved_consumables(tx, order_id) -> list[Consumption]  (after reserving stock)
- purchases.receive_purchase(tx, consumable_id, purchase) -> int  (a received purchase order line)
- history.record_cost_changes(tx, reason) -> list[int]  (after anything that can move a cost)
"""
