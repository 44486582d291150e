"""The built wheel carries `data/` and `themes/`, and `bundled()` finds them in an installed copy."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import venv
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

CHECK = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    import tui_office
    from tui_office.resources import bundled
    package = Path(tui_office.__file__).resolve().parent
    checkout = Path(sys.argv[1]).resolve()
    assert checkout not in package.parents, f"imported from the checkout: {package}"
    for parts in (("data", "demo", "office.toml"), ("themes", "default.tcss"), ("themes", "light.tcss"),
                  ("themes", "high-contrast.tcss"), ("themes", "base.tcss")):
        path = bundled(*parts).resolve()
        assert path.is_file(), f"missing {path}"
        assert package in path.parents, f"{path} is not inside the installed package {package}"
    assert list((package / "i18n" / "en").glob("*.toml")), "the English catalogue is missing"
    print(package)
    """
)


def test_wheel_installed_in_a_fresh_venv_finds_its_data(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PIP_NO_INPUT": "1"}
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(REPO), "--no-deps", "--quiet", "-w", str(dist)],
        capture_output=True, text=True, timeout=300, env=env,
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = dist.glob("tui_office-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert "tui_office/_bundled/data/demo/office.toml" in names
    assert "tui_office/_bundled/themes/default.tcss" in names
    assert not any(name.startswith(("tests/", "data/", "themes/")) for name in names)

    target = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(target)
    python = target / "bin" / "python"
    if not python.exists():  # Windows layout
        python = target / "Scripts" / "python.exe"
    installed = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--quiet", str(wheel)],
        capture_output=True, text=True, timeout=300, env=env,
    )
    assert installed.returncode == 0, installed.stderr

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    clean_env = {k: v for k, v in env.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    result = subprocess.run(
        [str(python), "-c", CHECK, str(REPO)], cwd=elsewhere, capture_output=True, text=True, timeout=60, env=clean_env
    )
    assert result.returncode == 0, result.stderr
    assert str(target.resolve()) in result.stdout
