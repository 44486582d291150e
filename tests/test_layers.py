"""The layer rules hold: import-linter contracts pass, no import cycles, the headless code never
loads Textual, and all SQL is in the store. The import checks are shown to bite: on a copy of the
code with a cycle and a core module importing a workflow package, both fail."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import os
import textwrap
from pathlib import Path

from import_cycles import find_cycles

REPO = Path(__file__).resolve().parents[1]


def lint_imports_command() -> list[str]:
    beside = Path(sys.executable).with_name("lint-imports")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("lint-imports")
    assert found, "import-linter is part of the test extra: pip install -e '.[test]'"
    return [found]


def test_import_linter_contracts_are_kept() -> None:
    result = subprocess.run(
        [*lint_imports_command(), "--no-cache"], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "broken" in result.stdout and " 0 broken" in result.stdout


HEADLESS = textwrap.dedent(
    """
    import importlib, pkgutil, sys
    import tui_office.domain, tui_office.services
    loaded = []
    for package in (tui_office.domain, tui_office.services):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            importlib.import_module(info.name)
            loaded.append(info.name)
    import tui_office.cli.main, tui_office.config, tui_office.i18n, tui_office.store.models
    bad = sorted(name for name in ("textual", "rich", "peewee") if name in sys.modules)
    print(len(loaded), " ".join(bad))
    assert "textual" not in sys.modules, "a headless module imported textual"
    """
)


def test_headless_modules_do_not_load_textual() -> None:
    result = subprocess.run([sys.executable, "-c", HEADLESS], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    count = int(result.stdout.split()[0])
    assert count >= 3


def test_the_domain_alone_loads_no_framework() -> None:
    code = textwrap.dedent(
        """
        import importlib, pkgutil, sys
        import tui_office.domain
        for info in pkgutil.walk_packages(tui_office.domain.__path__, "tui_office.domain."):
            importlib.import_module(info.name)
        bad = sorted(n for n in ("textual", "rich", "peewee", "playhouse", "tui_office.store", "tui_office.ui") if n in sys.modules)
        assert not bad, bad
        """
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def test_no_import_cycles_in_tui_office() -> None:
    """grimp's import graph of `tui_office` has no cycle (type-checking-only imports aside)."""
    assert find_cycles("tui_office") == []


def test_the_checks_fail_on_a_cycle_and_on_a_core_module_importing_a_workflow(tmp_path: Path) -> None:
    """A copy of the code with two services importing each other and a service importing leave:
    the cycle check names the two, and the contract that keeps the core off workflows breaks."""
    shutil.copytree(REPO / "tui_office", tmp_path / "tui_office", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    services = tmp_path / "tui_office" / "services"
    (services / "probe_a.py").write_text("from tui_office.services import probe_b  # noqa: F401\n")
    (services / "probe_b.py").write_text("from tui_office.services import probe_a  # noqa: F401\n")
    (services / "probe_reach.py").write_text("from tui_office.workflows.leave import service  # noqa: F401\n")
    env = dict(os.environ, PYTHONPATH=str(tmp_path))

    cycles = subprocess.run([sys.executable, str(Path(__file__).with_name("import_cycles.py")), "tui_office"],
                            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert cycles.returncode == 1, cycles.stdout + cycles.stderr
    assert "tui_office.services.probe_a <-> tui_office.services.probe_b" in cycles.stdout

    lint = subprocess.run([*lint_imports_command(), "--no-cache"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)
    assert lint.returncode != 0
    broken = " ".join(lint.stdout.split())
    assert "The core never imports a workflow package" in broken and "tui_office.services.probe_reach" in broken


# ----------------------------------------------------------------------------- all SQL in the store

SQL_TEXT = re.compile(
    r"\b(SELECT|INSERT\s+INTO|DELETE\s+FROM|REPLACE\s+INTO|PRAGMA|BEGIN\s+IMMEDIATE|"
    r"(CREATE|DROP|ALTER)\s+(UNIQUE\s+)?(TABLE|INDEX|VIEW|TRIGGER))\s|\bUPDATE\s+\S+\s+SET\b"
)
"""An SQL statement in a string: a keyword that starts one, in capitals, as the code base writes SQL."""

RAW_SQL_CALLS = {"execute_sql", "executemany", "executescript"}
"""Methods that run SQL text (Peewee's `Database.execute_sql`, sqlite3's cursor methods)."""

RAW_SQL_MODULES = {"sqlite3", "psycopg", "psycopg2", "apsw"}
"""Database drivers: code outside the store reaches them only through store functions."""

ABOVE_THE_STORE = ("services", "ui", "cli", "workflows")
"""The packages that call store functions and never hold SQL themselves."""


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
        else:
            continue
        for i, stmt in enumerate(body):
            # the docstring of the node and of each attribute (a string right after an assignment)
            if (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant) and isinstance(stmt.value.value, str)
                    and (i == 0 or isinstance(body[i - 1], (ast.Assign, ast.AnnAssign)))):
                found.add(id(stmt.value))
    return found


def sql_outside_the_store(source: str, name: str) -> list[str]:
    """Each SQL string literal, raw-SQL call and database-driver import in a module's source."""
    tree = ast.parse(source, name)
    docs = _docstrings(tree)
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
            if SQL_TEXT.search(node.value):
                out.append(f"{name}:{node.lineno}: SQL text {node.value[:60]!r}")
        elif isinstance(node, ast.Attribute) and node.attr in RAW_SQL_CALLS:
            out.append(f"{name}:{node.lineno}: .{node.attr}")
        elif isinstance(node, ast.Name) and node.id in RAW_SQL_CALLS:
            out.append(f"{name}:{node.lineno}: {node.id}")
        elif isinstance(node, ast.Import):
            out += [f"{name}:{node.lineno}: import {a.name}" for a in node.names
                    if a.name.split(".")[0] in RAW_SQL_MODULES]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in RAW_SQL_MODULES:
            out.append(f"{name}:{node.lineno}: from {node.module} import …")
        elif isinstance(node, ast.ImportFrom) and any(a.name in RAW_SQL_CALLS for a in node.names):
            out.append(f"{name}:{node.lineno}: import of a raw-SQL function from {node.module}")
    return out


def test_services_ui_and_cli_hold_no_sql() -> None:
    """SQL strings, `execute_sql` and database drivers are used in `tui_office/store` only."""
    package = REPO / "tui_office"
    found = []
    for layer in ABOVE_THE_STORE:
        for path in sorted((package / layer).rglob("*.py")):
            found += sql_outside_the_store(path.read_text(encoding="utf-8"), str(path.relative_to(REPO)))
    assert not found, "SQL belongs in tui_office/store (call a store function instead):\n" + "\n".join(found)


def test_the_sql_check_finds_sql() -> None:
    """The check above is not vacuous: it sees each kind of raw SQL, and the store's real SQL."""
    sample = textwrap.dedent(
        '''
        """A module that mentions SELECT in its docstring, which is fine."""
        import sqlite3
        from tui_office.store.db import database

        LIMIT = "SELECT * FROM task WHERE id = ?"
        """The task by id; SELECT in an attribute docstring is fine too."""


        def rename(con, name):
            """UPDATE task SET nothing: a docstring."""
            con.executescript("PRAGMA foreign_keys = ON")
            database.execute_sql(f"UPDATE task SET title = '{name}'")
            return [f"INSERT INTO task (title) VALUES ('{name}')", "delete from lower case is not matched"]
        '''
    )
    found = sql_outside_the_store(sample, "sample.py")
    assert [line.split(": ", 1)[1].split(" ", 1)[0] for line in found] == [
        "import", "SQL", ".executescript", "SQL", ".execute_sql", "SQL", "SQL"], found
    assert sql_outside_the_store("label = 'Select a user'\nhelp = 'Update the form'\n", "ui.py") == []
    store = REPO / "tui_office" / "store"
    assert sql_outside_the_store((store / "inbox_sql.py").read_text(encoding="utf-8"), "inbox_sql.py")
    assert sql_outside_the_store((store / "tasks.py").read_text(encoding="utf-8"), "tasks.py")
