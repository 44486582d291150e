"""Provides the checking of a test-only form with one edit: what `definitions check` says of it."""

from __future__ import annotations

from pathlib import Path

from tui_office.domain.definition_files import check_paths

FORMS = Path(__file__).resolve().parents[1] / "forms"


def form_text(folder: str, name: str) -> str:
    """The text of the test-only form `tests/forms/<folder>/<name>.toml`."""
    return (FORMS / folder / f"{name}.toml").read_text(encoding="utf-8")


def problems(tmp_path: Path, text: str, old: str, new: str) -> list[str]:
    """The problems `definitions check` prints for `text` with `old` replaced by `new` (file as F)."""
    assert old in text
    path = tmp_path / "form.toml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return [str(p).replace(str(path), "F") for p in check_paths([path])]


def line_of(text: str, needle: str) -> int:
    """The first line (not a comment) holding `needle`."""
    return next(n for n, line in enumerate(text.splitlines(), start=1) if needle in line and not line.startswith("#"))
