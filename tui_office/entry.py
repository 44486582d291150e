"""Provides `run`, the `tui-office` command's entry point: the command line, started with the
garbage collector paused (`collector`) and the dataclasses' generated code read from the cache
folder (`dataclass_code`)."""

from __future__ import annotations

from typing import NoReturn

from tui_office import collector, dataclass_code


def run() -> NoReturn:
    """`tui-office`."""
    collector.pause()
    dataclass_code.install()
    from tui_office.cli.main import run as run_command

    run_command()
