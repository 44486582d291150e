"""Provides the three tui-office themes as Textual `Theme` objects and the style sheets they use.

`Settings.theme` names one of `default` (dark), `light` or `high-contrast`. The theme's colours
live here (so every `$variable` exists); per-theme rules live in `themes/<name>.tcss`, scoped with
`.-theme-<name>`, and layout in `themes/base.tcss`.
"""

from __future__ import annotations

from pathlib import Path

from textual.theme import Theme

from tui_office.resources import bundled

THEME_VARIABLE_DEFAULTS: dict[str, str] = {
    "overdue": "#e05252",
    "overdue-background": "#3a1d1d",
    "selected-mark": "#e5c07b",
    "timeline-done": "#7fb77e",
    "timeline-current": "#e5c07b",
    "timeline-ahead": "#8b8b8b",
}
"""Variables our style sheets use beyond Textual's own; every theme defines them (these are fallbacks)."""

DEFAULT = Theme(
    name="default",
    primary="#4f8fd6",
    secondary="#7aa6da",
    accent="#e5c07b",
    warning="#e5a84b",
    error="#e05252",
    success="#7fb77e",
    foreground="#d8dee9",
    background="#1b1f27",
    surface="#232834",
    panel="#2c3342",
    dark=True,
    variables={
        **THEME_VARIABLE_DEFAULTS,
        "footer-key-foreground": "#e5c07b",
    },
)
"""The default dark theme."""

LIGHT = Theme(
    name="light",
    primary="#1f5fa8",
    secondary="#3b6ea5",
    accent="#a35c00",
    warning="#9a6200",
    error="#b3261e",
    success="#2e7d32",
    foreground="#1e2430",
    background="#f7f7f4",
    surface="#ecece6",
    panel="#dcdcd2",
    dark=False,
    variables={
        "overdue": "#b3261e",
        "overdue-background": "#f7d9d6",
        "selected-mark": "#a35c00",
        "timeline-done": "#2e7d32",
        "timeline-current": "#a35c00",
        "timeline-ahead": "#6b6b6b",
        "footer-key-foreground": "#1f5fa8",
    },
)
"""A light theme for bright rooms and light terminals."""

HIGH_CONTRAST = Theme(
    name="high-contrast",
    primary="#ffff00",
    secondary="#00ffff",
    accent="#ffff00",
    warning="#ffff00",
    error="#ff5555",
    success="#00ff00",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#1a1a1a",
    boost="#333333",
    dark=True,
    luminosity_spread=0.0,
    text_alpha=1.0,
    variables={
        "overdue": "#ff5555",
        "overdue-background": "#000000",
        "selected-mark": "#ffff00",
        "timeline-done": "#00ff00",
        "timeline-current": "#ffff00",
        "timeline-ahead": "#c0c0c0",
        "footer-key-foreground": "#ffff00",
        "text-muted": "#d0d0d0",
    },
)
"""Maximum contrast: pure black and white with saturated accents."""

THEMES: dict[str, Theme] = {theme.name: theme for theme in (DEFAULT, LIGHT, HIGH_CONTRAST)}
"""Our themes by the name `Settings.theme` uses."""


def theme_name(setting: str | None) -> str:
    """The registered theme for a `Settings.theme` value (unknown or empty: `default`)."""
    return setting if setting in THEMES else "default"


def style_sheets(setting: str | None) -> list[Path]:
    """`themes/base.tcss`, the layout sheets of other screens (e.g. `forms.tcss`), then the configured
    theme's file: the other themes' files are not loaded."""
    folder = bundled("themes")
    paths = [folder / "base.tcss"]
    paths += sorted(p for p in folder.glob("*.tcss") if p.stem not in THEMES and p.name != "base.tcss")
    themed = folder / f"{theme_name(setting)}.tcss"
    if themed.exists():
        paths.append(themed)
    return paths
