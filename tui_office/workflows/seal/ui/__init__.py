"""Provides the seal area's screens and palette commands."""
