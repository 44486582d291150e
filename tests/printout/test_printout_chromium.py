"""The printable approval history opened in headless Chromium: it renders as a page (screenshot)
and prints on A4. Chromium (Debian's `chromium`) and a Chinese font are installed here when missing
and this runs as root with apt-get (`.ci/run` installs them too); where Chromium is missing and
cannot be installed the test fails, saying how to install it (the page's rendering is not checked
otherwise)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from tui_office.i18n import set_language
from tui_office.services import printout

PACKAGES = ("chromium", "fonts-wqy-microhei")
A4_POINTS = (595.3, 841.9)
"""An A4 page in PDF points (210 × 297 mm)."""


def _apt_install() -> None:
    command = ["apt-get", "install", "-y", "-q", "--no-install-recommends", *PACKAGES]
    if subprocess.run(command, capture_output=True, timeout=900).returncode != 0:
        subprocess.run(["apt-get", "update", "-q"], capture_output=True, timeout=900)
        subprocess.run(command, capture_output=True, timeout=900)


@pytest.fixture(scope="session")
def chromium() -> str:
    found = shutil.which("chromium")
    if found is None and hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        _apt_install()
        found = shutil.which("chromium")
    if found is None:
        pytest.fail("chromium is not installed and cannot be installed here (it needs root and apt-get: "
                    "apt-get install chromium fonts-wqy-microhei)")
    return found


def _run(chromium: str, *args: str) -> None:
    proc = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                           "--no-first-run", "--disable-dev-shm-usage", *args],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]


def test_the_html_renders_in_chromium_and_prints_on_a4(chromium, office, number, tmp_path):
    set_language("zh-CN")
    try:
        page = printout.write(office, "emily", number, tmp_path / f"{number}.html")
    finally:
        set_language("en")
    shot = tmp_path / "history.png"
    _run(chromium, f"--screenshot={shot}", "--window-size=900,1400", page.as_uri())
    header = shot.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n" and int.from_bytes(header[16:20], "big") == 900
    pdf = tmp_path / "history.pdf"
    _run(chromium, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page.as_uri())
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf.read_bytes())
    assert boxes and all(abs(float(w) - A4_POINTS[0]) < 1 and abs(float(h) - A4_POINTS[1]) < 1 for w, h in boxes)
