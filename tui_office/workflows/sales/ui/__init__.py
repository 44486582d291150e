"""Provides the sales screens: sales-order entry."""
