"""Provides the sales area's own tables: customers and products (the master data orders name by
code), and the monthly numbering and filing of sales contracts."""

from __future__ import annotations

from peewee import BooleanField, CharField, DateField, DateTimeField, DecimalField, ForeignKeyField, IntegerField

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


class ContractFiling(BaseModel):
    """A sales contract's order numbered and filed in its month's sequence (合同按月编号归档)."""

    order_number = CharField(unique=True)
    month = CharField()
    """`2026-11`: the month the contract was signed."""
    seq = IntegerField()
    filing_no = CharField(unique=True)
    filed_at = DateTimeField()
    filed_by = ForeignKeyField(User, null=True, on_delete="SET NULL")

    class Meta:
        table_name = "sales_contract_filing"
        indexes = ((("month", "seq"), True),)


class FilingMonth(BaseModel):
    """What `remind` knows of a month's filing: when it last nagged, and whether it is late."""

    month = CharField(unique=True)
    nagged_on = DateField(null=True)
    late = BooleanField(default=False)

    class Meta:
        table_name = "sales_filing_month"
