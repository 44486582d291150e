"""Provides running `definitions check` on one definition text written to a file, each problem
read back as `F:LINE: message` (F standing for the file)."""

from __future__ import annotations

from pathlib import Path

from tui_office.domain.definition_files import check_paths


def located_problems(folder: Path, text: str, name: str = "form.toml") -> list[str]:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return [str(p).replace(str(path), "F") for p in check_paths([path])]
