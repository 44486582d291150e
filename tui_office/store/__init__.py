"""Provides persistence: Peewee models, connection, migrations, queries. Nothing above may import Peewee."""
