"""Provides the sales area's own tables: customers and products (the master data orders name by code)."""

from __future__ import annotations

from peewee import BooleanField, CharField, DecimalField, ForeignKeyField

from tui_office.store.models import BaseModel, User


class Customer(BaseModel):
    """A customer: code, name, region, dealer or direct, its salesperson and contact."""

    code = CharField(unique=True)
    name = CharField()
    region = CharField(default="")
    channel = CharField(default="direct")
    """`dealer` (经销商) or `direct` (直销客户)."""
    salesperson = ForeignKeyField(User, null=True, on_delete="SET NULL")
    contact = CharField(default="")
    active = BooleanField(default=True)

    class Meta:
        table_name = "sales_customer"


class Product(BaseModel):
    """A product: code, name, unit, list price and tax rate (%), and what the warehouse holds."""

    code = CharField(unique=True)
    name = CharField()
    unit = CharField(default="")
    list_price = DecimalField(max_digits=14, decimal_places=2, auto_round=True)
    tax_rate = DecimalField(max_digits=5, decimal_places=2, auto_round=True)
    stock = DecimalField(max_digits=14, decimal_places=3, auto_round=True, default=0)
    active = BooleanField(default=True)

    class Meta:
        table_name = "sales_product"
