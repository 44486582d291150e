"""Provides running `tui-office ARGS` inside the test process, answering like `subprocess.run`.

A command's behaviour that scripts rely on (exit code, stdout, stderr, environment, no terminal)
does not need a new interpreter to show, and starting one costs most of a second per command. The
command runs as `python -m tui_office` would: with the environment given (and only it), no stdin
(or the text given), stdout and stderr captured as pipes, and the database closed afterwards.
Tests about processes themselves (races, kill -9, imports at start) still start real ones.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from tui_office.cli.main import main
from tui_office.i18n import set_language
from tui_office.services import registry
from tui_office.store import db as store_db


def _pipe(data: bytes = b"") -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", newline=None, write_through=True)


def run_cli(args: Sequence[str | Path], *, env: Mapping[str, str] | None = None, input: str | None = None,
            cwd: str | Path | None = None) -> subprocess.CompletedProcess[str]:
    """`tui-office ARGS` in this process; `env` replaces the environment while it runs."""
    argv = [str(arg) for arg in args]
    saved_env = dict(os.environ)
    saved_streams = sys.stdin, sys.stdout, sys.stderr
    saved_cwd = os.getcwd()
    stdout, stderr = _pipe(), _pipe()
    sys.stdin = _pipe((input or "").encode("utf-8"))
    sys.stdout, sys.stderr = stdout, stderr
    if env is not None:
        os.environ.clear()
        os.environ.update(env)
    if cwd is not None:
        os.chdir(cwd)
    registry.forget_sync()  # a new process knows nothing of another database's definitions
    try:
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse's usage errors and --help
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
        finally:
            store_db.close_database()
        stdout.flush()
        stderr.flush()
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved_streams
        os.environ.clear()
        os.environ.update(saved_env)
        os.chdir(saved_cwd)
        set_language("en")
    text = [stream.buffer.getvalue().decode("utf-8") for stream in (stdout, stderr)]  # type: ignore[attr-defined]
    return subprocess.CompletedProcess(["tui-office", *argv], code, text[0], text[1])
