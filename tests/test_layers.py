"""The package's layers import one way, with no cycles and no private names across modules.

    models, errors, version, data                      (the bottom: typed values and messages)
    ingest -> nlp/casing -> extract -> geo -> merge -> store    (the pipeline, in data-flow order)
    api_python, api, the package root                  (serve: the Python and HTTP APIs)
    batch, eval                                        (run the whole pipeline over many articles)
    cli, demo                                          (the front end of every layer)

A module may import its own layer and any layer below it, never one above. Imports inside
functions count too (a lazy import hides a dependency, it does not remove it); only imports under
`if TYPE_CHECKING:` are left out. The check reads the source (AST), so it needs no import.
"""
from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
PKG = SRC / "polemos"

LAYERS = [
    ("polemos.models", "polemos.errors", "polemos.errcodes", "polemos.version", "polemos.data",
     "polemos.datafiles", "polemos.trie_regex"),
    ("polemos.ingest",),
    ("polemos.nlp", "polemos.nlp_model", "polemos.nlp_split", "polemos.budget", "polemos.casing"),
    ("polemos.extract",),
    ("polemos.geo",),
    ("polemos.merge",),
    ("polemos.store", "polemos.review"),   # review: the overlay every store read goes through
    ("polemos.zones", "polemos.alerts"),
    ("polemos.api_python", "polemos.api", "polemos"),
    ("polemos.batch", "polemos.eval", "polemos.watch"),
    ("polemos.cli", "polemos.demo"),
]

# Known violations in packages other branches are redesigning (extract/, geo/, nlp.py, casing.py;
# issue 13's extraction part and issue 16). TEMPORARY: the coordinator removes each entry once the
# owner's branch is merged and the violation is gone. Nothing outside those packages may be listed.
KNOWN_UPWARD = {
    ("polemos.extract.pipeline", "polemos.geo"),   # the extractor resolves places with the geocoder
    ("polemos.extract", "polemos.api_python"),   # the callable-module shim in extract/__init__.py
}
KNOWN_CYCLES: set[frozenset[str]] = set()
KNOWN_PRIVATE: set[tuple[str, str]] = set()


def module_name(path: Path) -> str:
    rel = path.relative_to(SRC).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in PKG.rglob("*.py")}


def _type_checking(node: ast.If) -> bool:
    t = node.test
    return (isinstance(t, ast.Name) and t.id == "TYPE_CHECKING") or \
        (isinstance(t, ast.Attribute) and t.attr == "TYPE_CHECKING")


def imports(path: Path, me: str | None = None) -> list[tuple[str, list[str], int]]:
    """(module imported, names taken from it, line) for every polemos import outside TYPE_CHECKING."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and _type_checking(node):
            skip |= {id(n) for stmt in node.body for n in ast.walk(stmt)}
    me = me or module_name(path)
    out = []
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            out += [(a.name, [], node.lineno) for a in node.names if a.name.split(".")[0] == "polemos"]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:   # relative import
                pkg = me.split(".") if path.name == "__init__.py" else me.split(".")[:-1]
                base = ".".join(pkg[:len(pkg) - node.level + 1] + ([base] if base else []))
            if base.split(".")[0] != "polemos":
                continue
            names = [a.name for a in node.names]
            subs = [f"{base}.{n}" for n in names if f"{base}.{n}" in MODULES]
            out += [(s, [], node.lineno) for s in subs]
            rest = [n for n in names if f"{base}.{n}" not in MODULES]
            if rest or not subs:
                out.append((base, rest, node.lineno))
    return out


def layer(mod: str) -> int:
    best = None
    for i, group in enumerate(LAYERS):
        for prefix in group:
            if mod == prefix or mod.startswith(prefix + "."):
                if best is None or len(prefix) > best[1]:
                    best = (i, len(prefix))
    assert best is not None, f"{mod}: in no layer (add it to LAYERS in tests/test_layers.py)"
    return best[0]


GRAPH = {m: imports(p) for m, p in MODULES.items()}


def test_every_module_has_a_layer():
    for m in MODULES:
        layer(m)


def test_no_module_imports_a_layer_above_its_own():
    found = set()
    for m, imps in GRAPH.items():
        for target, _, line in imps:
            if layer(target) > layer(m):
                owner = next(p for p in sorted(LAYERS[layer(target)], key=len, reverse=True)
                             if target == p or target.startswith(p + "."))
                found.add((m, owner, line))
    bad = sorted((m, t, line) for m, t, line in found if (m, t) not in KNOWN_UPWARD)
    assert not bad, "upward imports (module, imported layer, line):\n" + "\n".join(map(str, bad))
    stale = KNOWN_UPWARD - {(m, t) for m, t, _ in found}
    assert not stale, f"listed as known but gone, remove from KNOWN_UPWARD: {sorted(stale)}"


def _cycles() -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    edges = {m: sorted({t for t, _, _ in imps if t in MODULES and t != m}) for m, imps in GRAPH.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for m in sorted(edges):
        if m not in index:
            visit(m)
    return out


def _package_cycle(comp: list[str]) -> bool:
    """A package's __init__ re-exporting its submodules, which import the package's siblings, is
    how Python packages work, not a cycle between modules: left out when every member is one
    package and its own submodules and only the __init__ closes the loop."""
    pkgs = {m for m in comp if MODULES[m].name == "__init__.py"}
    return bool(pkgs) and all(any(m == p or m.startswith(p + ".") for p in pkgs) for m in comp) and \
        not _cycles_without(set(comp), pkgs)


def _cycles_without(comp: set[str], drop: set[str]) -> bool:
    edges = {m: {t for t, _, _ in GRAPH[m] if t in comp - drop and t != m} for m in comp - drop}
    seen: set[str] = set()

    def reach(a: str, b: str) -> bool:
        todo, got = [a], set()
        while todo:
            x = todo.pop()
            for y in edges[x]:
                if y == b:
                    return True
                if y not in got:
                    got.add(y)
                    todo.append(y)
        return False

    for a in edges:
        for b in edges[a]:
            if (a, b) not in seen and reach(b, a):
                return True
            seen.add((a, b))
    return False


def test_no_import_cycles():
    cycles = [c for c in _cycles() if not _package_cycle(c)]
    bad = [c for c in cycles if not any(k <= set(c) for k in KNOWN_CYCLES)]
    assert not bad, "import cycles:\n" + "\n".join(" <-> ".join(c) for c in bad)
    stale = [k for k in KNOWN_CYCLES if not any(k <= set(c) for c in cycles)]
    assert not stale, f"listed as known but gone, remove from KNOWN_CYCLES: {stale}"


def test_no_private_names_imported_across_modules():
    found = {(m, f"{t}.{n}") for m, imps in GRAPH.items() for t, names, _ in imps for n in names
             if n.startswith("_") and not n.startswith("__")}
    bad = sorted(found - KNOWN_PRIVATE)
    assert not bad, "private names imported from another module:\n" + "\n".join(map(str, bad))
    stale = sorted(KNOWN_PRIVATE - found)
    assert not stale, f"listed as known but gone, remove from KNOWN_PRIVATE: {stale}"


def test_the_checker_sees_a_violation(tmp_path):
    """The checker itself, on a made-up bottom-layer module: an upward import (also inside a
    function), a private name, and an import only for type checking (allowed)."""
    fake = tmp_path / "models.py"
    fake.write_text("from typing import TYPE_CHECKING\n"
                    "from polemos.store.sql import _hidden\n"
                    "if TYPE_CHECKING:\n    from polemos.api import Settings\n"
                    "def f():\n    import polemos.cli\n", encoding="utf-8")
    found = imports(fake, "polemos.models")
    assert [(t, names) for t, names, _ in found] == [("polemos.store.sql", ["_hidden"]), ("polemos.cli", [])]
    assert all(layer(t) > layer("polemos.models") for t, _, _ in found)
