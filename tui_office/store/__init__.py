"""Provides persistence: Peewee models, connection, migrations, and all SQL. Nothing above may import Peewee.

The fixed-SQL fast paths are named functions here, by table or purpose: `rows` (cached insert,
update and get-by-id per model), `tasks`, `documents`, `users`, `actions` (audit-chain tip, newest
ids), `inbox_sql` (inbox pages and counts) and `backup` (the SQLite file copy). Services call them
and never hold SQL themselves (`tests/test_layers.py` checks this).
"""
