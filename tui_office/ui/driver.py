"""Provides the terminal driver: Textual's own, except that quitting does not wait for the input
thread's next poll (up to two tenths of a second on every quit)."""

from __future__ import annotations

from textual.drivers.linux_driver import LinuxDriver


class QuickExitDriver(LinuxDriver):
    """`LinuxDriver` that, when the app ends, tells the input thread to stop and leaves without
    joining it: the thread stops by itself within its poll interval, and `cli.main.run` ends the
    process straight after anyway. Suspending (to run an editor) waits as Textual does, since the
    input thread is started again on resume."""

    _suspending = False

    def suspend_application_mode(self) -> None:
        self._suspending = True
        try:
            super().suspend_application_mode()
        finally:
            self._suspending = False

    def disable_input(self) -> None:
        if self._suspending or self.exit_event.is_set():
            super().disable_input()
            return
        thread, self._key_thread = self._key_thread, None
        try:
            super().disable_input()  # sets the exit event, then clears it again for a restart ...
        finally:
            self._key_thread = thread
            self.exit_event.set()  # ... which never comes: the old thread must still see it
