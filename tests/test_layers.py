"""The layer rules hold: import-linter contracts pass, and the headless code never loads Textual."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

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
