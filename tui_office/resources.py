"""Provides `bundled()`: the path of a shipped data or theme file, in a checkout or an install.

In a checkout `data/` and `themes/` sit beside the package; a wheel carries them inside the
package as `tui_office/_bundled/{data,themes}`.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def bundled(*parts: str) -> Path:
    """Path of `data/…` or `themes/…` as shipped with this copy of tui-office."""
    inside = _PACKAGE / "_bundled" / Path(*parts)
    if inside.exists():
        return inside
    return _PACKAGE.parent / Path(*parts)
