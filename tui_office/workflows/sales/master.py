"""Provides the sales master data use cases: importing customers and products from CSV, changing
one, and finding them by code, name or pinyin initials (for the entry screen and the rules).

An import checks every row first and reports each problem as `file:line: message`; one bad row
and nothing is changed. Rows are matched by code (an existing code is updated). Each import is one
transaction with one audit row naming what changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from tui_office.domain.errors import OfficeError, PermissionDenied
from tui_office.services import audit
from tui_office.services.office import Office
from tui_office.services.people_search import keys_for, term_score
from tui_office.services.workflow import user_by_login
from tui_office.store import users as user_store
from tui_office.store.db import database
from tui_office.store.models import Role, User, UserRole
from tui_office.workflows.sales.models import Customer, Product
from tui_office.workflows.sales.records import CHANNELS, Problems, code_value, csv_rows, number_value, read_text, text_value
from tui_office.i18n import pick, t

MASTER_ROLES = frozenset({"sales_admin", "sales_manager", "admin"})
"""Roles that may change customers and products."""
PRICE_MAX = Decimal("99999999")


class ImportFailed(OfficeError):
    """A master-data or order file with problems: every `where: message`, one per line."""

    code = "sales_import_failed"

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(None, "\n".join(problems))


@dataclass(frozen=True)
class CustomerInfo:
    code: str
    name: str
    region: str
    channel: str
    salesperson: str
    """The salesperson's login ('' for none)."""
    contact: str
    salesperson_name: str = ""

    def to_json(self) -> dict:
        return {"code": self.code, "name": self.name, "region": self.region, "channel": self.channel,
                "salesperson": self.salesperson, "contact": self.contact}


@dataclass(frozen=True)
class ProductInfo:
    code: str
    name: str
    unit: str
    list_price: Decimal
    tax_rate: Decimal
    stock: Decimal

    def to_json(self) -> dict:
        return {"code": self.code, "name": self.name, "unit": self.unit, "list_price": str(self.list_price),
                "tax_rate": str(self.tax_rate), "stock": str(self.stock)}


def _customer(row: Customer) -> CustomerInfo:
    person = row.salesperson if row.salesperson_id else None
    return CustomerInfo(row.code, row.name, row.region, row.channel, person.login if person else "", row.contact,
                        display_name(person) if person else "")


def _product(row: Product) -> ProductInfo:
    return ProductInfo(row.code, row.name, row.unit, Decimal(row.list_price).quantize(Decimal("0.01")),
                       Decimal(row.tax_rate).quantize(Decimal("0.01")), Decimal(row.stock))


def display_name(user: User) -> str:
    """A person's name in the current language (the English name when there is one, in English)."""
    return pick(user.name_en or user.name, user.name) or user.login


def require_role(login: str, allowed: frozenset[str], refusal: str) -> User:
    """The active user `login`, who must hold one of the `allowed` roles (else `refusal`)."""
    user = user_by_login(login)
    roles = {c for (c,) in UserRole.select(Role.code).join(Role).where(UserRole.user == user).tuples()}
    if not roles & allowed:
        raise PermissionDenied(refusal)
    return user


def require_master_role(login: str) -> User:
    return require_role(login, MASTER_ROLES, "sales_master_denied")


# ----------------------------------------------------------------------------- reading

def customers(office: Office, term: str = "", limit: int = 50) -> list[CustomerInfo]:
    """Active customers, best match for `term` (code, name, pinyin or its initials) first."""
    rows = [_customer(c) for c in Customer.select().where(Customer.active).order_by(Customer.code)]
    return best_matches(rows, term, limit)


def products(office: Office, term: str = "", limit: int = 50) -> list[ProductInfo]:
    """Active products, best match for `term` first."""
    rows = [_product(p) for p in Product.select().where(Product.active).order_by(Product.code)]
    return best_matches(rows, term, limit)


def best_matches(rows: list, term: str, limit: int) -> list:
    """The rows (customers or products) whose code or name fits every word of `term`, best first."""
    words = term.lower().split()
    if not words:
        return rows[:limit]
    scored = []
    for row in rows:
        keys = keys_for(row.name, row.code)
        scores = [term_score(w, keys) for w in words]
        if all(scores):
            scored.append((-sum(scores), row.code, row))
    return [row for *_, row in sorted(scored, key=lambda s: (s[0], s[1]))][:limit]


def customer(office: Office, code: str) -> CustomerInfo | None:
    row = Customer.get_or_none((Customer.code == code) & Customer.active)
    return _customer(row) if row is not None else None


def product(office: Office, code: str) -> ProductInfo | None:
    row = Product.get_or_none((Product.code == code) & Product.active)
    return _product(row) if row is not None else None


# ----------------------------------------------------------------------------- importing

def _file_text(path: str) -> str:
    try:
        return read_text(path)
    except (OSError, ValueError) as exc:
        raise ImportFailed([f"{path}: {t('error.sales_unreadable', detail=str(exc))}"]) from None


def _coded_rows(path: str, text: str, problems: Problems, kind: str):
    """(where, row, code, name) of each CSV row: its code (once in the file) and name checked."""
    seen: dict[str, int] = {}
    for line, row in csv_rows(text):
        where = f"{path}:{line}"
        code = code_value(row.get("code"), where, problems, t(f"sales.{kind}.code"))
        if code in seen:
            problems.add(where, t("error.sales_duplicate_code", code=code, line=seen[code]))
        seen.setdefault(code, line)
        name = text_value(row.get("name"), 200, where, problems, required=True, label=t(f"sales.{kind}.name"))
        yield where, row, code, name


def _customer_rows(path: str, text: str, problems: Problems) -> list[dict]:
    out = []
    for where, row, code, name in _coded_rows(path, text, problems, "customer"):
        region = text_value(row.get("region"), 50, where, problems, label=t("sales.customer.region"))
        channel = text_value(row.get("channel") or "direct", 10, where, problems, label=t("sales.customer.channel"))
        if channel and channel not in CHANNELS:
            problems.add(where, t("error.sales_bad_channel", value=channel))
        login = text_value(row.get("salesperson"), 64, where, problems, label=t("sales.customer.salesperson"))
        person = user_store.active_by_login(login) if login else None
        if login and person is None:
            problems.add(where, t("error.sales_unknown_salesperson", login=login))
        contact = text_value(row.get("contact"), 100, where, problems, label=t("sales.customer.contact"))
        out.append({"code": code, "name": name, "region": region, "channel": channel,
                    "salesperson": person, "contact": contact})
    return out


def _product_rows(path: str, text: str, problems: Problems) -> list[dict]:
    out = []
    for where, row, code, name in _coded_rows(path, text, problems, "product"):
        unit = text_value(row.get("unit"), 10, where, problems, label=t("sales.product.unit"))
        price = number_value(row.get("list_price"), where, problems, t("sales.product.list_price"),
                             low=Decimal(0), high=PRICE_MAX)
        rate = number_value(row.get("tax_rate"), where, problems, t("sales.product.tax_rate"),
                            low=Decimal(0), high=Decimal(100))
        out.append({"code": code, "name": name, "unit": unit, "list_price": price, "tax_rate": rate})
    return out


def import_customers(office: Office, me: str, path: str) -> int:
    """Add or update the customers of a CSV file (code,name,region,channel,salesperson,contact)."""
    return _import(office, me, path, Customer, _customer_rows, "sales_customers_import")


def import_products(office: Office, me: str, path: str) -> int:
    """Add or update the products of a CSV file (code,name,unit,list_price,tax_rate)."""
    return _import(office, me, path, Product, _product_rows, "sales_products_import")


def _import(office: Office, me: str, path: str, model: type, reader, action: str) -> int:
    text = _file_text(path)
    with database.atomic():
        user = require_master_role(me)
        problems = Problems()
        rows = reader(path, text, problems)
        if not rows and not problems:
            problems.add(path, t("error.sales_file_empty"))
        if problems:
            raise ImportFailed(problems.lines)
        for row in rows:
            _upsert(model, row)
        audit.record(document_id=None, actor_id=user.id, action=action, at=office.clock.now(),
                     changes={"path": str(path), "codes": [r["code"] for r in rows]})
    return len(rows)


def _upsert(model: type, values: dict) -> None:
    existing = model.get_or_none(model.code == values["code"])
    if existing is None:
        model.create(**values)
        return
    for key, value in values.items():
        setattr(existing, key, value)
    existing.active = True
    existing.save()


def load_master(customers_rows: list[dict], products_rows: list[dict]) -> None:
    """Create the demo's customers and products that are not there yet (matched by code)."""
    with database.atomic():
        for row in customers_rows:
            person = user_store.active_by_login(row.get("salesperson", ""))
            Customer.get_or_create(code=row["code"], defaults={**row, "salesperson": person})
        for row in products_rows:
            values = {**row, "list_price": Decimal(str(row["list_price"])), "tax_rate": Decimal(str(row["tax_rate"])),
                      "stock": Decimal(str(row.get("stock", 0)))}
            Product.get_or_create(code=row["code"], defaults=values)
