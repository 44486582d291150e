"""Provides `EditsInEditor`: a screen mixin whose key (`ctrl+o`) opens the focused text box in the
user's own editor (`$VISUAL`, else `$EDITOR`) and puts back what was saved there.

The app is suspended while the editor runs (the terminal is the editor's), the text goes through a
temporary file that is removed afterwards, and a one-line box (an opinion, a text field) gets the
saved lines joined by spaces. With no editor set, one line says how to set one.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from pathlib import Path

from textual.app import SuspendNotSupported
from textual.widgets import Input, TextArea

from tui_office.i18n import t

ENCODING = "utf-8"


def editor_command() -> list[str]:
    """The user's editor as a command line (empty: none set)."""
    return shlex.split(os.environ.get("VISUAL") or os.environ.get("EDITOR") or "")


def run_editor(app, text: str) -> str | None:  # noqa: ANN001
    """`text` after the user edited it in their editor (None: no editor, or it failed — said once)."""
    command = editor_command()
    if not command:
        app.notify(t("editor.none"), severity="warning", timeout=8, markup=False)
        return None
    handle, name = tempfile.mkstemp(prefix="tui-office-", suffix=".txt")
    path = Path(name)
    try:
        with os.fdopen(handle, "w", encoding=ENCODING) as out:
            out.write(text)
        try:
            with app.suspend():
                code = subprocess.run([*command, str(path)], check=False).returncode
        except SuspendNotSupported:  # no terminal to hand over (tests, a web driver): run it anyway
            code = subprocess.run([*command, str(path)], check=False, stdin=subprocess.DEVNULL,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
        if code != 0:
            app.notify(t("editor.failed", command=command[0], code=code), severity="error", timeout=8, markup=False)
            return None
        edited = path.read_text(encoding=ENCODING, errors="replace")
    except OSError as error:
        app.notify(t("editor.failed_start", command=command[0], detail=error.strerror or str(error)),
                   severity="error", timeout=8, markup=False)
        return None
    finally:
        path.unlink(missing_ok=True)
    return edited[:-1] if edited.endswith("\n") else edited


class EditsInEditor:
    """Screen mixin: `action_edit_in_editor` edits the focused text box in `$EDITOR`."""

    def action_edit_in_editor(self) -> None:
        box = self.focused  # type: ignore[attr-defined]
        if isinstance(box, TextArea) and not box.read_only:
            edited = run_editor(self.app, box.text)  # type: ignore[attr-defined]
            if edited is not None:
                box.replace(edited, (0, 0), box.document.end)  # an edit: undoable, and the form sees the change
        elif isinstance(box, Input):
            edited = run_editor(self.app, box.value)  # type: ignore[attr-defined]
            if edited is not None:
                box.value = " ".join(line.strip() for line in edited.splitlines() if line.strip())
                box.cursor_position = len(box.value)
        else:
            self.app.bell()  # type: ignore[attr-defined]
            self.notify(t("editor.no_text_box"), severity="warning", timeout=5, markup=False)  # type: ignore[attr-defined]
