"""Streamlit's "magic" (a bare value on its own line is written to the page) is off: Streamlit compiles a page
again for every new session, and rewriting its syntax tree for magic cost 0.05-0.16 s of each first paint.
So every page must show things by explicit calls only."""

import ast
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAGES = [ROOT / "streamlit_app.py", *sorted((ROOT / "app_pages").glob("*.py"))]


def test_magic_is_off_in_the_shipped_settings():
    settings = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert settings["runner"]["magicEnabled"] is False


def test_no_page_relies_on_magic():
    bare = []
    for path in PAGES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Expr) or isinstance(node.value, (ast.Call, ast.Await, ast.Yield)):
                continue
            if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
                continue  # a docstring
            bare.append(f"{path.name}:{node.lineno}: {ast.unparse(node)[:60]}")
    assert not bare, "a bare value shows nothing with magic off; write it with an st call:\n" + "\n".join(bare)
