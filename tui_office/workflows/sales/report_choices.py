"""Provides `GROUPS` and `PERIODS`: the choices a sales report offers, apart from the report itself
so that declaring the area (`WORKFLOW`) does not import the report's code."""

GROUPS = ("region", "customer", "channel", "product", "salesperson")
"""What a report can be grouped by."""
PERIODS = ("week", "month")
"""The spans a report covers: a week (Monday to Sunday) or a calendar month."""
