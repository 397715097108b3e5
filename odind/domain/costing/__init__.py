"""The costing core wired to the store: what a product, a set or an order really costs, and earns.

Other parts of odind call these (each takes an open read snapshot `db` or a write transaction `tx`):

- `product_cogs(db, product_id, quantity=1, labour_hours=None) -> BatchCost` (loader)
- `expand_set(db, product_id, quantity) -> list[tuple[int, int]]` (loader)
- `snapshot_for_order(tx, order_id) -> dict` (orders)
- `cost_reserved_consumables(tx, order_id) -> list[Consumption]` (purchases)
- `receive_purchase(tx, consumable_id, purchase) -> int` (purchases)
- `record_cost_changes(tx, reason) -> list[int]` (history)
"""
