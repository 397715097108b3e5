"""The `odind` command: run the daemon, run the demo farm, manage tokens and the database."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import logging
import sys
from pathlib import Path

from odind import config as config_module
from odind.daemon import Daemon, database_path, make_store, serve
from odind.domain.accounts.tokens import Role, create_token
from odind.store.db import SchemaTooNew, Store
from odind.store.engine import is_postgres_url

log = logging.getLogger("odind")


def _setup_logging(level: str) -> None:
    logging.basicConfig(level=level, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")


def _load(args: argparse.Namespace, **overrides: object) -> config_module.Config:
    return config_module.load(args.config, overrides=overrides or None)


async def _run(args: argparse.Namespace) -> int:
    config = _load(args)
    _setup_logging(config.log_level)
    await serve(Daemon(config))
    return 0


async def _demo(args: argparse.Namespace) -> int:
    from odind.demo import run_demo

    overrides: dict[str, object] = {}
    if args.data_dir:
        overrides["data_dir"] = str(args.data_dir)
    config = _load(args, **overrides)
    config.http.port = args.http_port
    _setup_logging(config.log_level)
    await run_demo(config, speed=args.sim_speed)
    return 0


async def _token(args: argparse.Namespace) -> int:
    config = _load(args)
    _setup_logging("WARNING")
    store = make_store(config)
    await store.open()
    try:
        token = await create_token(store, "cli", role=Role(args.role), name=args.name)
    finally:
        await store.close()
    print(token)
    return 0


def _read_password(args: argparse.Namespace) -> str:
    """From stdin for scripts (--password-stdin), else asked twice on the terminal, never echoed."""
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass(f"password for {args.name}: ")
    if getpass.getpass("again: ") != first:
        raise ValueError("the two passwords differ")
    return first


async def _user(args: argparse.Namespace) -> int:
    from pydantic import ValidationError

    from odind.domain.accounts.users import UserIn, create_user
    from odind.errors import DomainError

    config = _load(args)
    _setup_logging("WARNING")
    try:
        data = UserIn(name=args.name, role=Role(args.role), password=_read_password(args))
    except (ValueError, ValidationError) as exc:
        print(f"odind: {exc}", file=sys.stderr)
        return 2
    store = make_store(config)
    await store.open()
    try:
        user = await create_user(store, "cli", data)
    except DomainError as exc:
        print(f"odind: {exc.message}", file=sys.stderr)
        return 1
    finally:
        await store.close()
    print(f"user {user['name']} added with role {user['role']}")
    return 0


async def _copy_from_sqlite(config: config_module.Config, path: Path) -> int:
    from odind.store.copy import CopyError, copy_sqlite_to_postgres
    from odind.store.postgres import PgStore

    target = make_store(config)
    if not isinstance(target, PgStore):
        print("odind: [store] url must name the PostgreSQL database to copy into", file=sys.stderr)
        return 2
    if not await asyncio.to_thread(path.exists):
        print(f"odind: no SQLite database at {path}", file=sys.stderr)
        return 2
    source = Store(path)
    await source.open()
    try:
        await target.open()
        try:
            counts = await copy_sqlite_to_postgres(source, target)
        except CopyError as exc:
            print(f"odind: {exc}", file=sys.stderr)
            return 1
        finally:
            await target.close()
    finally:
        await source.close()
    for table, n in counts.items():
        print(f"{table}\t{n}")
    print(f"copied {sum(counts.values())} rows in {len(counts)} tables; every row checked")
    return 0


async def _db(args: argparse.Namespace) -> int:
    config = _load(args)
    _setup_logging("INFO")
    if args.db_command == "copy-from-sqlite":
        return await _copy_from_sqlite(config, args.path)
    store = make_store(config)
    if args.db_command == "migrate":
        await store.open(migrate=False)
        try:
            applied = await store.migrate()
        finally:
            await store.close()
        print("\n".join(applied) if applied else "database is up to date")
    else:
        if not is_postgres_url(config.store.url) and not database_path(config).exists():
            print(f"no database at {database_path(config)}", file=sys.stderr)
            return 1
        await store.open(migrate=False)
        try:
            await store.backup(args.path)
        finally:
            await store.close()
        print(f"backed up to {args.path}")
    return 0


async def _node(args: argparse.Namespace) -> int:
    from odind.domain import nodes

    config = _load(args)
    _setup_logging("WARNING")
    store = make_store(config)
    await store.open(migrate=False)
    try:
        found = await nodes.list_nodes(store, config.store.lease_s)
    finally:
        await store.close()
    if not found:
        print("no node has joined this farm yet" if store.shared else "a SQLite store has one node: its daemon")
    for node in found:
        state = "alive" if node["alive"] else "LOST"
        printers = ", ".join(p["name"] for p in node["printers"]) or "-"
        print(f"{node['name']}\t{state}\tv{node['version']} schema {node['schema']}\t"
              f"heartbeat {node['heartbeat_age_s']:.1f} s ago\tprinters: {printers}")
    return 0


def parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", type=Path, default=None,
                        help=f"TOML config file (default {config_module.DEFAULT_PATH}, or $ODIND_CONFIG)")
    top = argparse.ArgumentParser(prog="odind", description="Print-farm controller daemon.")
    sub = top.add_subparsers(dest="command", required=True)
    sub.add_parser("run", parents=[common], help="run the daemon")
    demo = sub.add_parser("demo", parents=[common], help="run the daemon with a simulated demo farm")
    demo.add_argument("--http-port", type=int, default=8080)
    demo.add_argument("--data-dir", type=Path, default=None)
    demo.add_argument("--sim-speed", type=float, default=100.0,
                      help="simulated time runs this many times faster (1000: a 1-hour print takes 3.6 s)")
    token = sub.add_parser("token", parents=[common], help="API tokens")
    token_sub = token.add_subparsers(dest="token_command", required=True)
    create = token_sub.add_parser("create", parents=[common], help="print a new API token")
    create.add_argument("--role", choices=[r.value for r in Role], required=True)
    create.add_argument("--name", required=True)
    user = sub.add_parser("user", parents=[common], help="people who log in to the status page")
    user_sub = user.add_subparsers(dest="user_command", required=True)
    add = user_sub.add_parser("add", parents=[common], help="add a user (asks for the password)")
    add.add_argument("name")
    add.add_argument("--role", choices=[r.value for r in Role], required=True)
    add.add_argument("--password-stdin", action="store_true", help="read the password from the first line of stdin")
    node = sub.add_parser("node", parents=[common], help="the nodes of a farm sharing one database")
    node_sub = node.add_subparsers(dest="node_command", required=True)
    node_sub.add_parser("list", parents=[common], help="each node, alive or lost, its printers and version")
    db = sub.add_parser("db", parents=[common], help="database maintenance")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    db_sub.add_parser("migrate", parents=[common],
                      help="apply pending schema migrations (safe from any node at once: advisory lock)")
    copy = db_sub.add_parser("copy-from-sqlite", parents=[common],
                             help="copy a SQLite store into [store] url's PostgreSQL database, checked row for row")
    copy.add_argument("path", type=Path, help="the SQLite file (data_dir/odind.db); stop its daemon first")
    backup = db_sub.add_parser("backup", parents=[common], help="online backup to PATH")
    backup.add_argument("path", type=Path)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    handlers = {"run": _run, "demo": _demo, "token": _token, "user": _user, "db": _db, "node": _node}
    try:
        return asyncio.run(handlers[args.command](args))
    except config_module.ConfigError as exc:
        print(f"odind: configuration error: {exc}", file=sys.stderr)
        return 2
    except SchemaTooNew as exc:
        print(f"odind: {exc}; upgrade odind to run on it", file=sys.stderr)
        return 3
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
