"""The package's layers hold: data → model → answers → maps → cli, no cycles, no imports hidden in functions,
and app pages that call the public API only.

The import graph is read from the source (``ast``), so the check needs no import side effects and names the
file and line of every offence.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "wuzhen_geo"

#: Layer of each part of the package, lowest first; a module may import its own layer and the ones below.
LAYERS = {"errors": 0, "vocabulary": 0, "i18n": 0, "strings": 0, "_version": 0, "data": 1, "model": 2, "answers": 3, "maps": 4, "cli": 5}
#: The package's front door and ``python -m`` entry: they may import every layer.
TOP = {"wuzhen_geo", "wuzhen_geo.__main__"}
#: What app pages must not import: computation belongs in the package.
PAGE_FORBIDDEN = ("networkx", "scipy", "shapely", "numpy", "geopandas", "pyproj")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def package_modules() -> dict[str, Path]:
    return {module_name(p): p for p in PACKAGE.rglob("*.py")}


def layer(module: str) -> int | None:
    parts = module.split(".")
    return LAYERS.get(parts[1]) if len(parts) > 1 else None


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def imports(path: Path, known: dict[str, Path]) -> list[tuple[str, int, bool, bool]]:
    """``(module, line, at_top_level, only_for_type_checking)`` for every import of a package module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = module_name(path)
    is_pkg = path.name == "__init__.py"
    found: list[tuple[str, int, bool, bool]] = []

    def resolve(node: ast.ImportFrom) -> str:
        if not node.level:
            return node.module or ""
        base = here.split(".")
        base = base[: len(base) - node.level + (1 if is_pkg else 0)]
        return ".".join(base + ([node.module] if node.module else []))

    def visit(node: ast.AST, top: bool, typing_only: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                for sub in child.body:
                    visit(ast.Module(body=[sub], type_ignores=[]), top, True)
                for sub in child.orelse:
                    visit(ast.Module(body=[sub], type_ignores=[]), top, typing_only)
                continue
            if isinstance(child, ast.Import):
                for alias in child.names:
                    if alias.name.split(".")[0] == "wuzhen_geo":
                        found.append((alias.name, child.lineno, top, typing_only))
            elif isinstance(child, ast.ImportFrom):
                base = resolve(child)
                if base.split(".")[0] != "wuzhen_geo":
                    continue
                for alias in child.names:
                    sub = f"{base}.{alias.name}"
                    found.append((sub if sub in known else base, child.lineno, top, typing_only))
            elif isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                visit(child, False, typing_only)
            else:
                visit(child, top, typing_only)

    visit(tree, True, False)
    return found


def upward_imports(modules: dict[str, Path]) -> list[str]:
    bad = []
    for name, path in modules.items():
        mine = layer(name)
        if name in TOP or mine is None:
            continue
        for target, line, _, _ in imports(path, modules):
            theirs = layer(target)
            if target == "wuzhen_geo" or (theirs is not None and theirs > mine):
                bad.append(f"{path.relative_to(ROOT)}:{line} imports {target} (layer {name.split('.')[1]} "
                           f"may not import {target.split('.')[1] if theirs is not None else 'the package root'})")
    return bad


def test_no_module_imports_a_higher_layer():
    assert upward_imports(package_modules()) == []


def test_the_layer_check_catches_an_upward_import(tmp_path, monkeypatch):
    """The check itself can fail: a data module importing the model is reported with its file and line."""
    fake = tmp_path / "wuzhen_geo" / "data"
    fake.mkdir(parents=True)
    (fake / "bad.py").write_text("import os\nfrom wuzhen_geo.model.network import Network\n")
    (fake / "fine.py").write_text("from wuzhen_geo.errors import DataError\n")
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    found = upward_imports({"wuzhen_geo.data.bad": fake / "bad.py", "wuzhen_geo.data.fine": fake / "fine.py"})
    assert found == ["wuzhen_geo/data/bad.py:2 imports wuzhen_geo.model.network (layer data may not import model)"]


def test_the_import_graph_has_no_cycle():
    modules = package_modules()
    graph = nx.DiGraph()
    for name, path in modules.items():
        for target, _, top, typing_only in imports(path, modules):
            if top and not typing_only and target in modules and target != name:
                graph.add_edge(name, target)
    assert list(nx.simple_cycles(graph)) == []


def test_no_package_import_is_hidden_inside_a_function():
    modules = package_modules()
    hidden = [f"{path.relative_to(ROOT)}:{line} imports {target} inside a function"
              for name, path in modules.items()
              for target, line, top, _ in imports(path, modules) if not top]
    assert hidden == []


def test_every_subpackage_says_what_it_owns_and_may_import():
    for sub in ("data", "model", "answers", "maps", "cli"):
        doc = ast.get_docstring(ast.parse((PACKAGE / sub / "__init__.py").read_text(encoding="utf-8"))) or ""
        assert "Owns" in doc and "import" in doc, f"wuzhen_geo/{sub}/__init__.py: say what it owns and may import"


@pytest.mark.parametrize("page", sorted((ROOT / "app_pages").glob("*.py")) + [ROOT / "streamlit_app.py"],
                         ids=lambda p: p.name)
def test_app_pages_only_arrange_widgets_and_call_the_public_api(page):
    tree = ast.parse(page.read_text(encoding="utf-8"))
    bad = []
    for node in ast.walk(tree):
        names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                 else [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else [])
        for mod in names:
            parts = mod.split(".")
            if parts[0] in PAGE_FORBIDDEN:
                bad.append(f"line {node.lineno}: {mod} (computation belongs in the package)")
            elif parts[0] == "wuzhen_geo" and (len(parts) > 2 or any(p.startswith("_") for p in parts)):
                bad.append(f"line {node.lineno}: {mod} (import from wuzhen_geo or its subpackages)")
    assert bad == []


def test_no_module_is_longer_than_a_reader_can_hold():
    long = {str(p.relative_to(ROOT)): n for p in [*PACKAGE.rglob("*.py"), *(ROOT / "app_pages").glob("*.py")]
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400}
    assert long == {}
