"""Provides `pause` and `resume`: Python's garbage collector kept to young objects while the
program starts.

Starting the program creates a few hundred thousand objects that live as long as the process
(modules, classes, style rules, the first page of the inbox). The cyclic garbage collector would
scan them all several times before the first frame, about a tenth of the time to start. Until the
program has started it only looks at objects made since its last look (the youngest generation,
where short-lived garbage is); then it collects once, what has survived is frozen out of later
collections (`gc.freeze`), which also keeps its pauses short while a clerk works, and it runs as
usual.
"""

from __future__ import annotations

import gc

_usual: tuple[int, ...] | None = None
"""The usual thresholds, kept while paused (None: not paused)."""


def pause() -> None:
    """Collect only the youngest generation until `resume` (the first thing `tui-office` does)."""
    global _usual
    if _usual is None:
        _usual = gc.get_threshold()
        gc.set_threshold(_usual[0], 1_000_000, 1_000_000)


def resume() -> None:
    """The program has started (the app has drawn its first frame, or a command is about to run):
    collect once, freeze what has survived and collect as usual again. Does nothing when not
    paused."""
    global _usual
    if _usual is not None:
        gc.collect()  # once, after the first frame: what starting left behind
        gc.freeze()
        gc.set_threshold(*_usual)
        _usual = None
