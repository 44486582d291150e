"""Provides the Textual interface: app, screens, widgets, dialogs. Calls services only."""
