"""tui-office: keyboard-driven office paperwork in the terminal."""

__version__ = "0.1.0"
