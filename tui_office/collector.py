"""Provides `pause` and `resume`: Python's garbage collector set aside while the program starts.

Starting the program creates a few hundred thousand objects that live as long as the process
(modules, classes, style rules, the first page of the inbox). The cyclic garbage collector would
scan them all several times before the first frame, about a tenth of the time to start. It is
paused until the program has started; then what exists is frozen out of later collections
(`gc.freeze`), which also keeps its pauses short while a clerk works, and it runs as usual.
"""

from __future__ import annotations

import gc


def pause() -> None:
    """Stop collecting until `resume` (the first thing `tui-office` does)."""
    gc.disable()


def resume() -> None:
    """The program has started (the app has drawn its first frame, or a command is about to run):
    freeze what exists and collect as usual again. Does nothing when collection was not paused."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()
