"""Provides the use cases (submit, approve, delegate …): one transaction each, permission-checked, audited.

The UI and CLI call these and nothing below them.
"""
