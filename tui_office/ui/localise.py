"""Provides `localise_bindings`: binding descriptions written as catalogue keys, shown translated.

Class-level `BINDINGS` are built when a module is imported, before the user's language is known;
so screens and widgets write each description as a catalogue key (`"form.submit"`) and translate
them when an instance is created — which also lets one process run English and Chinese apps.
"""

from __future__ import annotations

import re
from dataclasses import replace

from textual.binding import BindingsMap
from textual.dom import DOMNode

from tui_office.i18n import t

_KEY = re.compile(r"^[a-z_]+(\.[a-z_0-9-]+)+$")


def localise_bindings(node: DOMNode) -> None:
    """Replace `node`'s binding descriptions that look like catalogue keys with their translation."""
    out = BindingsMap()
    out.key_to_bindings = {
        key: [replace(b, description=t(b.description)) if _KEY.match(b.description or "") else b for b in group]
        for key, group in node._bindings.key_to_bindings.items()
    }
    node._bindings = out
