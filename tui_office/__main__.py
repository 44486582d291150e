"""Provides `python -m tui_office`."""

from tui_office.cli.main import run

run()
