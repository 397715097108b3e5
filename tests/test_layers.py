"""The import rule of the README's architecture section, read from the source itself.

Entry points → runtime → domain → store, each importing only what is below it; the pure packages and
the drivers import only leaf modules; no module imports itself back through others. Imports inside
functions count as much as those at the top, so a circle cannot hide in one.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES = {"odind": ROOT / "odind", "odind.drivers": ROOT / "drivers", "odind.web": ROOT / "web"}

LEAF = {"odind", "odind.errors", "odind.money", "odind.tasks", "odind.bus", "odind.config",
        "odind.vocabulary", "odind.sdnotify"}
PURE = ("odind.costing", "odind.planning", "odind.invoice", "odind.modelfiles", "odind.messages",
        "odind.notes")
# Each group may import the groups listed for it (and itself); leaf modules are open to every group.
ALLOWED: dict[str, set[str]] = {
    "entry": {"entry", "web", "runtime", "domain", "store", "drivers", *PURE},
    "web": {"web", "runtime", "domain", "store.db", *PURE},
    "runtime": {"runtime", "domain", "store", "drivers", *PURE},
    "domain": {"domain", "store", *PURE},
    "store": {"store"},
    "drivers": {"drivers"},
    "simulators": {"drivers", "simulators", "odind.modelfiles"},
    "leaf": set(),
    **{pure: {pure} for pure in PURE},
}


def module_name(prefix: str, base: Path, path: Path) -> str:
    parts = list(path.relative_to(base).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join([prefix, *parts])


def modules() -> dict[str, Path]:
    found = {}
    for prefix, base in SOURCES.items():
        for path in base.rglob("*.py"):
            found[module_name(prefix, base, path)] = path
    return found


def group(module: str) -> str:
    if module in LEAF:
        return "leaf"
    if module in ("odind.cli", "odind.demo", "odind.daemon"):
        return "entry"
    if module == "odind.store.db":
        return "store.db"
    for pure in PURE:
        if module == pure or module.startswith(pure + "."):
            return pure
    if module.startswith("odind.drivers."):
        last = module.rsplit(".", 1)[-1]
        return "simulators" if last == "sim" or last.startswith("sim_") else "drivers"
    section = module.split(".")[1]
    return section if section in ("web", "runtime", "domain", "store", "drivers") else module


def _runtime_nodes(tree: ast.AST) -> list[ast.AST]:
    """Every node but those under `if TYPE_CHECKING:`, which name types and import nothing when run."""
    skipped = {id(n) for block in ast.walk(tree) if isinstance(block, ast.If)
               and isinstance(block.test, ast.Name) and block.test.id == "TYPE_CHECKING"
               for stmt in block.body for n in ast.walk(stmt)}
    return [node for node in ast.walk(tree) if id(node) not in skipped]


def imports(path: Path, known: set[str]) -> set[str]:
    """Every odind module a file imports when it runs, at any depth of the file."""
    found = set()
    for node in _runtime_nodes(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("odind"))
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("odind"):
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                found.add(candidate if candidate in known else node.module)
    return found


GRAPH = {name: imports(path, set(modules())) for name, path in modules().items()}


def permitted(importer: str, imported: str) -> bool:
    if imported in LEAF:
        return True
    source, target = group(importer), group(imported)
    allowed = ALLOWED.get(source, set())
    if source == "simulators" and target == "drivers":
        return True
    return target == source or target in allowed or (target == "store.db" and "store" in allowed)


def test_every_import_runs_down_the_layers() -> None:
    wrong = sorted(f"{importer} -> {imported}" for importer, targets in GRAPH.items() for imported in targets
                   if not permitted(importer, imported))
    assert wrong == []


def test_no_module_imports_itself_back() -> None:
    """Tarjan's strongly connected components over module-to-module imports (packages' re-exports aside)."""
    graph = {name: {t for t in targets if t in GRAPH and t != name and not name.startswith(t + ".")}
             for name, targets in GRAPH.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    circles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    assert circles == []


@pytest.mark.parametrize("importer, imported, expected", [
    ("odind.domain.sales.orders", "odind.store.sales.orders", True),
    ("odind.store.sales.orders", "odind.domain.sales.orders", False),
    ("odind.web.api.printers", "odind.drivers.base", False),
    ("odind.web.api.status", "odind.store.status", False),
    ("odind.web.context", "odind.store.db", True),
    ("odind.modelfiles.gcode", "odind.drivers.base", False),
    ("odind.drivers.bambu.sim", "odind.modelfiles", True),
    ("odind.drivers.bambu.driver", "odind.modelfiles", False),
    ("odind.planning.plan", "odind.vocabulary", True),
    ("odind.domain.production.jobs", "odind.runtime.farm", False),
])
def test_the_rule_itself(importer: str, imported: str, expected: bool) -> None:
    assert permitted(importer, imported) is expected
