"""Provides the one exporter: any list as CSV (UTF-8 with a BOM, so Excel reads Chinese) or XLSX
(typed numbers and dates, decimals shown with their places — money to the cent —, the header row
frozen, columns as wide as their widest cell in terminal cells, Chinese counted double).

An export kind (`ExportKind`) turns filters into sheets (`Sheet`); the core's kinds are in
`export_kinds`, and a business area adds its own with `Workflow.exports`. `export(...)` checks the
kind, its filters and the file, builds the sheets and writes them; a file that exists is replaced
only when asked (`force`), and the new file appears whole or not at all (written beside it, then
moved into place).
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from rich.cells import cell_len

from tui_office import extensions
from tui_office.domain.errors import OfficeError, ValidationError
from tui_office.domain.text import printable
from tui_office.i18n import t
from tui_office.services.export_kinds import CORE
from tui_office.services.export_types import Cell, ExportKind, Sheet
from tui_office.services.office import Office

FORMATS = ("csv", "xlsx")
FILTERS = ("query", "year", "form", "dept", "since", "until")
"""The filters a kind may take (`--query`, `--year`, `--form`, `--dept`, `--from`, `--to`)."""
MAX_PATH = 4_096
WIDEST = 60
"""The widest an XLSX column is made (in characters)."""
MAX_PLACES = 6
"""The most decimal places an XLSX number is shown with."""
PROGRESS_EVERY = 200
"""Rows written between two progress reports."""

Progress = Callable[[int, int], None]
"""`fn(rows written, rows in all)`."""


@dataclass(frozen=True)
class Written:
    path: Path
    rows: int
    format: str


def kinds() -> dict[str, ExportKind]:
    """Every export kind: the core's, then the installed areas' (`Workflow.exports`)."""
    found = {kind.name: kind for kind in CORE}
    for workflow in extensions.installed():
        for name, path in workflow.exports.items():
            found[name] = extensions.load(path)
    return found


def kind_names() -> list[str]:
    """The names of every export kind without importing the areas' code (for the command line)."""
    return [kind.name for kind in CORE] + [name for w in extensions.installed() for name in w.exports]


def options(kind: str) -> dict[str, extensions.ExportOption]:
    """The options `kind` takes beyond the core's filters (declared by its area), by name."""
    return {o.name: o for w in extensions.installed() for o in w.export_options.get(kind, ())}


def all_options() -> list[extensions.ExportOption]:
    """Every area's export options, the first of each name (for the command line)."""
    found: dict[str, extensions.ExportOption] = {}
    for workflow in extensions.installed():
        for declared in workflow.export_options.values():
            for option in declared:
                found.setdefault(option.name, option)
    return list(found.values())


def option_value(kind: str, option: extensions.ExportOption, value: object) -> object:
    """`value` as `option` takes it (one of its words, or a day); refused with one line otherwise."""
    if option.choices:
        if isinstance(value, str) and value in option.choices:
            return value
        raise ValidationError(option.name, "export_bad_choice", kind=kind, option=option.name,
                              value=printable(str(value)[:40]), choices=", ".join(option.choices))
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    try:
        if isinstance(value, str) and len(value) == 10:
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise ValidationError(option.name, "export_bad_day", kind=kind, option=option.name,
                          value=printable(str(value)[:40]))


def format_of(path: object, given: str | None) -> str:
    """The format asked for, else the one the file name ends in."""
    if given is not None:
        if given not in FORMATS:
            raise ValidationError("format", "export_bad_format", value=printable(str(given)[:20]))
        return given
    suffix = Path(str(path)).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise ValidationError("format", "export_no_format")
    return suffix


def export(office: Office, me: str, kind: str, path: object, fmt: str | None = None, *, force: bool = False,
           progress: Progress | None = None, **filters: object) -> Written:
    """Build the sheets of `kind` for `me` with `filters` and write them to `path`."""
    found = kinds().get(kind) if isinstance(kind, str) else None
    if found is None:
        raise ValidationError("kind", "export_bad_kind", value=printable(str(kind)[:40]), kinds=", ".join(kind_names()))
    given = {name: value for name, value in filters.items() if value is not None}
    taken = options(kind)
    for name, value in given.items():
        if name in taken:
            given[name] = option_value(kind, taken[name], value)
        elif name not in found.filters:
            raise ValidationError(name, "export_bad_filter", kind=kind, filter=name)
    for name in found.required - set(given):
        raise ValidationError(name, "export_needs_filter", kind=kind, filter=name)
    target = checked_path(path, force)
    fmt = format_of(target, fmt)
    sheets = found.build(office, me, **given)
    return write(sheets, target, fmt, force=force, progress=progress)


def checked_path(path: object, force: bool) -> Path:
    """The file to write: refused when it is no usable path, or exists and `force` is not given."""
    if not isinstance(path, (str, Path)) or not str(path) or len(str(path)) > MAX_PATH \
            or not str(path).isprintable():
        raise ValidationError("output", "export_bad_path", value=printable(str(path)[:60]))
    target = Path(path).expanduser()
    if target.is_dir():
        raise OfficeError("cannot_write", path=str(target), reason=t("export.is_folder"))
    if target.exists() and not force:
        raise OfficeError("export_exists", path=str(target))
    if not target.parent.is_dir():
        raise OfficeError("cannot_write", path=str(target), reason=t("export.no_folder"))
    return target


def write(sheets: list[Sheet], target: Path, fmt: str, *, force: bool = False,
          progress: Progress | None = None) -> Written:
    """Write `sheets` to `target` as `fmt` (whole or not at all); returns how many rows."""
    total = sum(len(s.rows) for s in sheets)
    done = [0]

    def step() -> None:
        done[0] += 1
        if progress is not None and (done[0] % PROGRESS_EVERY == 0 or done[0] == total):
            progress(done[0], total)

    try:
        handle, temporary = tempfile.mkstemp(prefix=".export-", suffix=f".{fmt}", dir=target.parent)
        os.close(handle)
    except OSError as exc:
        raise OfficeError("cannot_write", path=str(target), reason=exc.strerror or type(exc).__name__) from None
    try:
        (_xlsx if fmt == "xlsx" else _csv)(sheets, Path(temporary), step)
        if target.exists() and not force:
            raise OfficeError("export_exists", path=str(target))
        os.replace(temporary, target)
    except OSError as exc:
        raise OfficeError("cannot_write", path=str(target), reason=exc.strerror or type(exc).__name__) from None
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    if progress is not None:
        progress(total, total)
    return Written(target, total, fmt)


def text(value: Cell) -> str:
    """A cell as CSV writes it: dates ISO, times to the minute or second, decimals as written."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return t("export.yes") if value else ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def _csv(sheets: list[Sheet], path: Path, step: Callable[[], None]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        for index, sheet in enumerate(sheets):
            if len(sheets) > 1:
                if index:
                    writer.writerow([])
                writer.writerow([sheet.title])
            writer.writerow(sheet.headers)
            for row in sheet.rows:
                writer.writerow([text(v) for v in row])
                step()


def _xlsx(sheets: list[Sheet], path: Path, step: Callable[[], None]) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False,
                                           "strings_to_urls": False})
    formats: dict = {"head": book.add_format({"bold": True}), "day": book.add_format({"num_format": "yyyy-mm-dd"}),
                     "time": book.add_format({"num_format": "yyyy-mm-dd hh:mm"})}
    for places in range(MAX_PLACES + 1):  # a decimal shows the places it was written with (money: 2)
        formats[places] = book.add_format({"num_format": "#,##0" + ("." + "0" * places if places else "")})
    used: set[str] = set()
    for sheet in sheets:
        page = book.add_worksheet(_sheet_name(sheet.title, used))
        widths = [cell_len(h) for h in sheet.headers]
        page.write_row(0, 0, sheet.headers, formats["head"])
        page.freeze_panes(1, 0)
        for r, row in enumerate(sheet.rows, start=1):
            for c, value in enumerate(row):
                _cell(page, r, c, value, formats)
                if c < len(widths):
                    widths[c] = max(widths[c], _width(value))
            step()
        for c, width in enumerate(widths):
            page.set_column(c, c, min(WIDEST, width + 2))
    book.close()


def _cell(page, row: int, column: int, value: Cell, formats: Mapping) -> None:  # noqa: ANN001 - xlsxwriter's sheet
    if value is None:
        return
    if isinstance(value, bool):
        page.write_boolean(row, column, value)
    elif isinstance(value, Decimal):
        page.write_number(row, column, float(value), formats[_places(value)])
    elif isinstance(value, (int, float)):
        page.write_number(row, column, value)
    elif isinstance(value, datetime):
        page.write_datetime(row, column, value, formats["time"])
    elif isinstance(value, date):
        page.write_datetime(row, column, datetime(value.year, value.month, value.day), formats["day"])
    else:
        page.write_string(row, column, printable(str(value), multiline=True))


def _places(value: Decimal) -> int:
    """Decimal places a decimal is written with (`Decimal("12.50")`: 2), at most `MAX_PLACES`."""
    exponent = value.as_tuple().exponent
    return min(MAX_PLACES, -exponent) if isinstance(exponent, int) and exponent < 0 else 0


def _width(value: Cell) -> int:
    if isinstance(value, datetime):
        return 16
    if isinstance(value, date):
        return 10
    return max((cell_len(line) for line in text(value).splitlines() or [""]), default=0)


def _sheet_name(title: str, used: set[str]) -> str:
    """An XLSX sheet name: at most 31 characters, none of []:*?/\\, not used before in the book."""
    name = "".join("_" if ch in "[]:*?/\\" else ch for ch in printable(title))[:31].strip(" '") or "Sheet"
    base, n = name, 2
    while name.lower() in used:
        suffix = f" ({n})"
        name, n = base[:31 - len(suffix)] + suffix, n + 1
    used.add(name.lower())
    return name
