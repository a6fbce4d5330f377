"""Layers point one way and no module imports itself round a circle.

archive/ is the core; indexer/ and web/ use it; cli/ sits on top of all three. Read from the
source (the AST of every module, imports inside functions included), so a lazy import that
would hide a backward edge or a cycle from `python -c "import x"` is caught too."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("archive", "indexer", "web", "cli")
# what each package may import among the project's own packages
ALLOWED = {
    "archive": {"archive"},
    "indexer": {"archive", "indexer"},
    "web": {"archive", "web"},
    "cli": {"archive", "indexer", "web", "cli"},
}


def _modules() -> dict[str, Path]:
    out = {}
    for pkg in PACKAGES:
        for path in sorted((ROOT / pkg).rglob("*.py")):
            rel = path.relative_to(ROOT).with_suffix("")
            parts = list(rel.parts)
            if parts[-1] == "__init__":
                parts.pop()
            out[".".join(parts)] = path
    return out


MODULES = _modules()


def _resolve(module: str, path: Path, node: ast.ImportFrom) -> str:
    """The absolute name a `from ... import` names (relative levels resolved)."""
    if not node.level:
        return node.module or ""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    base = package.split(".")
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imports_of(module: str) -> set[str]:
    """Project modules that `module` imports anywhere in its source."""
    path = MODULES[module]
    found: set[str] = set()

    def add(name: str) -> None:
        # the longest project module that the dotted name starts with
        parts = name.split(".")
        for i in range(len(parts), 0, -1):
            cand = ".".join(parts[:i])
            if cand in MODULES:
                found.add(cand)
                return

    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                add(alias.name)
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(module, path, node)
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                add(sub if sub in MODULES else base)
    found.discard(module)
    return found


GRAPH = {m: imports_of(m) for m in MODULES}


def unresolved(module: str) -> list[str]:
    """Imports of `module` from the project's packages that name no module (a file moved away)."""
    path = MODULES[module]
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        names = []
        if isinstance(node, ast.ImportFrom):
            names = [_resolve(module, path, node)]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        out += [f"{module}: {n}" for n in names if n.split(".")[0] in PACKAGES and n not in MODULES]
    return out


def test_relative_imports_resolve():
    """An import left behind by a move fails only when its function runs: catch it here."""
    assert [u for m in MODULES for u in unresolved(m)] == []


def test_the_walk_sees_imports():
    """The walk itself works: known edges of each kind are found (absolute, relative, lazy)."""
    assert "archive.config" in GRAPH["cli.main"]  # from archive import config
    assert "indexer.build" in GRAPH["cli.main"]  # lazy, inside a command
    assert "indexer.source" in GRAPH["indexer.read_docx"]  # from .source import ...
    assert "archive.textnorm" in GRAPH["archive.query"]  # from .textnorm import normalize


@pytest.mark.parametrize("pkg", PACKAGES)
def test_layers_point_one_way(pkg):
    wrong = sorted(
        f"{m} imports {t}"
        for m in GRAPH
        if m.split(".")[0] == pkg
        for t in GRAPH[m]
        if t.split(".")[0] not in ALLOWED[pkg]
    )
    assert not wrong, f"{pkg}/ may import only {sorted(ALLOWED[pkg])}: " + "; ".join(wrong)


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
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

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycles():
    assert cycles(GRAPH) == []


# A private name reached through an object other than self: `x._name`. Outside the engine
# package (archive/engine/, which is where Whoosh's internals may be touched) there is none,
# so a private attribute of a third-party object, or of another module, is caught when added.
PRIVATE_USE = re.compile(r"(\w*)\._[a-z]")


def private_uses(text: str) -> list[str]:
    """The lines of ``text`` that reach a private name through something other than self."""
    return [line.strip() for line in text.splitlines() if any(m.group(1) != "self" for m in PRIVATE_USE.finditer(line))]


def test_the_private_use_finder_finds_one():
    assert private_uses("cols._lexicon = out\nx = self._y\nwith pages._open_image(p):") == [
        "cols._lexicon = out",
        "with pages._open_image(p):",
    ]
    assert private_uses("self._cache[k] = self._make(k)\nos.path.join(a, b)") == []


def test_no_private_names_outside_the_engine():
    found = []
    for pkg in PACKAGES:
        for path in sorted((ROOT / pkg).rglob("*")):
            rel = path.relative_to(ROOT).as_posix()
            if not path.is_file() or "__pycache__" in rel or rel.startswith("archive/engine/"):
                continue
            try:
                text = path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                continue  # an image or other binary file
            found += [f"{rel}: {line}" for line in private_uses(text)]
    assert found == []
