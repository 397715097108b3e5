"""SQL for the catalog aggregate: uploaded models, products (and sets of them) with their bills of materials."""

from __future__ import annotations

from typing import Any

from odind.store.db import Db, Tx, utcnow
from odind.store.search import contains


async def insert_model(tx: Tx, *, name: str, filename: str, kind: str, sha256: str, size_bytes: int,
                       stored_path: str, metadata_known: bool, print_time_s: int | None, plates: int,
                       objects_per_plate: int | None, metadata_json: str) -> int:
    return await tx.insert(
        "INSERT INTO models (name, filename, kind, sha256, size_bytes, stored_path, metadata_known,"
        " print_time_s, plates, objects_per_plate, metadata_json, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        name, filename, kind, sha256, size_bytes, stored_path, int(metadata_known), print_time_s, plates,
        objects_per_plate, metadata_json, utcnow(),
    )


async def get_model(db: Db, model_id: int) -> dict[str, Any] | None:
    return await db.one("SELECT * FROM models WHERE id = ?", model_id)


async def page_models(db: Db, *, search: str | None, after_id: int | None, limit: int) -> list[dict[str, Any]]:
    """Oldest first, from just after `after_id`."""
    where, args = _model_filter(search)
    if after_id is not None:
        where += " AND id > ?"
        args.append(after_id)
    return await db.all(f"SELECT * FROM models WHERE {where} ORDER BY id LIMIT ?", *args, limit)


async def count_models(db: Db, *, search: str | None) -> int:
    where, args = _model_filter(search)
    return int(await db.scalar(f"SELECT COUNT(*) FROM models WHERE {where}", *args))


def _model_filter(search: str | None) -> tuple[str, list[Any]]:
    if not search:
        return "1 = 1", []
    clause, patterns = contains(("name", "filename"), search)
    return clause, list(patterns)


async def models_by_ids(db: Db, ids: list[int]) -> dict[int, dict[str, Any]]:
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = await db.all(f"SELECT * FROM models WHERE id IN ({marks})", *ids)
    return {row["id"]: row for row in rows}


async def sku_taken(db: Db, sku: str) -> bool:
    return await db.scalar("SELECT 1 FROM products WHERE sku = ?", sku) is not None


async def insert_product(tx: Tx, *, sku: str, name: str, description: str, sale_price: str, kind: str = "product",
                         category: str = "", labour_hours: str = "0", cost_overrides_json: str = "{}") -> int:
    return await tx.insert(
        "INSERT INTO products (sku, name, description, sale_price, kind, category, labour_hours,"
        " cost_overrides_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        sku, name, description, sale_price, kind, category, labour_hours, cost_overrides_json, utcnow(),
    )


async def update_set(tx: Tx, set_id: int, *, name: str, description: str, category: str, sale_price: str,
                     labour_hours: str, cost_overrides_json: str) -> None:
    await tx.execute(
        "UPDATE products SET name = ?, description = ?, category = ?, sale_price = ?, labour_hours = ?,"
        " cost_overrides_json = ? WHERE id = ? AND kind = 'set'",
        name, description, category, sale_price, labour_hours, cost_overrides_json, set_id)


async def set_costing(tx: Tx, product_id: int, *, labour_hours: str, cost_overrides_json: str) -> None:
    await tx.execute("UPDATE products SET labour_hours = ?, cost_overrides_json = ? WHERE id = ?",
                     labour_hours, cost_overrides_json, product_id)


async def insert_set_item(tx: Tx, set_id: int, item_id: int, quantity: int) -> None:
    await tx.execute("INSERT INTO set_items (set_id, item_id, quantity) VALUES (?, ?, ?)", set_id, item_id, quantity)


async def delete_set_items(tx: Tx, set_id: int) -> None:
    await tx.execute("DELETE FROM set_items WHERE set_id = ?", set_id)


async def set_items(db: Db, set_ids: list[int]) -> list[dict[str, Any]]:
    if not set_ids:
        return []
    marks = ",".join("?" * len(set_ids))
    return await db.all(
        f"SELECT si.set_id, si.item_id, si.quantity, p.sku, p.name, p.kind FROM set_items si"
        f" JOIN products p ON p.id = si.item_id WHERE si.set_id IN ({marks}) ORDER BY si.set_id, si.item_id",
        *set_ids)


async def insert_component(tx: Tx, product_id: int, model_id: int, quantity: int) -> None:
    await tx.execute("INSERT INTO product_components (product_id, model_id, quantity) VALUES (?, ?, ?)",
                     product_id, model_id, quantity)


async def insert_product_consumable(tx: Tx, product_id: int, consumable_id: int, quantity: int) -> None:
    await tx.execute(
        "INSERT INTO product_consumables (product_id, consumable_id, quantity) VALUES (?, ?, ?)",
        product_id, consumable_id, quantity)


async def set_aliases(tx: Tx, product_id: int, aliases: str) -> None:
    await tx.execute("UPDATE products SET aliases = ? WHERE id = ?", aliases, product_id)


async def live_products(db: Db) -> list[dict[str, Any]]:
    """What a customer can order: every product and set not archived, with the names it goes by."""
    return await db.all("SELECT id, sku, name, aliases FROM products WHERE archived_at IS NULL ORDER BY id")


async def get_product(db: Db, product_id: int) -> dict[str, Any] | None:
    return await db.one("SELECT * FROM products WHERE id = ?", product_id)


async def get_product_by_sku(db: Db, sku: str) -> dict[str, Any] | None:
    return await db.one("SELECT * FROM products WHERE sku = ?", sku)


async def list_products(db: Db) -> list[dict[str, Any]]:
    return await db.all("SELECT * FROM products ORDER BY id")


def _product_filter(search: str | None, kind: str | None, model_id: int | None) -> tuple[str, list[Any]]:
    clauses: list[str] = ["1 = 1"]
    args: list[Any] = []
    if kind:
        clauses.append("kind = ?")
        args.append(kind)
    if model_id is not None:
        clauses.append("id IN (SELECT product_id FROM product_components WHERE model_id = ?)")
        args.append(model_id)
    if search:
        clause, patterns = contains(("sku", "name"), search)
        clauses.append(clause)
        args.extend(patterns)
    return " AND ".join(clauses), args


async def page_products(db: Db, *, search: str | None, kind: str | None, model_id: int | None,
                        after_id: int | None, limit: int) -> list[dict[str, Any]]:
    """Oldest first, from just after `after_id`."""
    where, args = _product_filter(search, kind, model_id)
    if after_id is not None:
        where += " AND id > ?"
        args.append(after_id)
    return await db.all(f"SELECT * FROM products WHERE {where} ORDER BY id LIMIT ?", *args, limit)


async def count_products(db: Db, *, search: str | None, kind: str | None, model_id: int | None) -> int:
    where, args = _product_filter(search, kind, model_id)
    return int(await db.scalar(f"SELECT COUNT(*) FROM products WHERE {where}", *args))


async def components(db: Db, product_ids: list[int]) -> list[dict[str, Any]]:
    if not product_ids:
        return []
    marks = ",".join("?" * len(product_ids))
    return await db.all(
        f"SELECT pc.product_id, pc.model_id, pc.quantity, m.name AS model_name FROM product_components pc"
        f" JOIN models m ON m.id = pc.model_id WHERE pc.product_id IN ({marks}) ORDER BY pc.model_id",
        *product_ids)


async def product_consumables(db: Db, product_ids: list[int]) -> list[dict[str, Any]]:
    if not product_ids:
        return []
    marks = ",".join("?" * len(product_ids))
    return await db.all(
        f"SELECT pc.product_id, pc.consumable_id, pc.quantity, c.sku, c.name, c.unit_cost"
        f" FROM product_consumables pc JOIN consumables c ON c.id = pc.consumable_id"
        f" WHERE pc.product_id IN ({marks}) ORDER BY pc.consumable_id",
        *product_ids)


async def update_product(tx: Tx, product_id: int, *, sku: str, name: str, description: str, category: str,
                         sale_price: str, labour_hours: str, cost_overrides_json: str) -> None:
    await tx.execute(
        "UPDATE products SET sku = ?, name = ?, description = ?, category = ?, sale_price = ?, labour_hours = ?,"
        " cost_overrides_json = ? WHERE id = ? AND kind = 'product'",
        sku, name, description, category, sale_price, labour_hours, cost_overrides_json, product_id)


async def delete_bom(tx: Tx, product_id: int) -> None:
    await tx.execute("DELETE FROM product_components WHERE product_id = ?", product_id)
    await tx.execute("DELETE FROM product_consumables WHERE product_id = ?", product_id)


async def set_product_archived(tx: Tx, product_id: int, archived_at: str | None) -> None:
    await tx.execute("UPDATE products SET archived_at = ? WHERE id = ?", archived_at, product_id)
