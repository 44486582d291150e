"""Provides which recorded actions carry the actor's electronic signature (电子签名)."""

from __future__ import annotations

SIGNED_ACTIONS = frozenset({"approve", "reject", "return", "seal"})
"""Decisions: signed when their actor signed in with a PIN (an office that requires PINs)."""
