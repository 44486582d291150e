"""Provides `run`, the `tui-office` command's entry point: the command line, started with the
garbage collector paused (`collector`)."""

from __future__ import annotations

from typing import NoReturn

from tui_office import collector


def run() -> NoReturn:
    """`tui-office`."""
    collector.pause()
    from tui_office.cli.main import run as run_command

    run_command()
