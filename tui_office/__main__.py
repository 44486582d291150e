"""Provides `python -m tui_office`."""

from tui_office.entry import run

run()
