"""Provides the terminal driver: Textual's own, except that leaving the app does not wait for the
input thread's next poll (up to two tenths of a second on every quit)."""

from __future__ import annotations

from textual.drivers.linux_driver import LinuxDriver


class QuickExitDriver(LinuxDriver):
    """`LinuxDriver` that tells the input thread to stop and leaves without joining it: the thread
    reads nothing more that matters, and the process ends straight after (`cli.main.run`)."""

    def disable_input(self) -> None:
        thread, self._key_thread = self._key_thread, None
        try:
            super().disable_input()
        finally:
            self._key_thread = thread
