"""Provides the pure domain layer: definitions, expressions, engine, calendar, rules.

Nothing here imports Textual, Rich or Peewee.
"""
