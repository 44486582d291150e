"""The layer rules hold: import-linter contracts pass, no import cycles, and the headless code never
loads Textual. The checks are shown to bite: on a copy of the code with a cycle and a core module
importing a workflow package, both fail."""

from __future__ import annotations

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
