"""Spreadsheet exports for Swedish offices: XLSX (openpyxl) and CSV the way Swedish Excel opens it.

Both take a header and rows of Python values (str, int, float, date, datetime, None) and write names,
never codes (the caller translates codes first). Every text cell is neutralised against formulas:

- a cell starting with = + - @ tab or CR gets a leading apostrophe (OWASP's advice for CSV);
- so does every part of a text after a ; , tab or line break, because Swedish Excel splits a CSV line
  on ; whatever the quoting says when a file is pasted or imported as text ("Nina;=2+3;Nan" would
  otherwise give a cell "=2+3");
- in XLSX, text is always stored as text (never as a formula, which openpyxl would make of "=…"),
  and a neutralised cell also carries Excel's own quote prefix, so editing it keeps it text.
"""
from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime
from decimal import Decimal

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A separator, then (after spaces) a character that would start a formula in the cell that follows.
_AFTER_SEPARATOR = re.compile(r"([;,\t\r\n]\s*)(?=[=+\-@])")
CSV_DELIMITER = ";"
BOM = "\ufeff"
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MIMETYPE = "text/csv"


def is_risky(text: str) -> bool:
    return text.startswith(FORMULA_STARTS) or _AFTER_SEPARATOR.search(text) is not None


def safe_cell(value) -> str:
    """Text no spreadsheet runs as a formula, whatever separator it is split on (see the module's note)."""
    text = "" if value is None else str(value)
    text = _AFTER_SEPARATOR.sub(r"\1'", text)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _csv_value(value) -> str:
    """Swedish Excel: decimal comma, dates as YYYY-MM-DD, everything else as neutralised text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return safe_cell(value)
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return str(value).replace(".", ",")  # digits and a sign only: never neutralised ("-2" stays a number)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return safe_cell(value)


def csv_text(header: list, rows: list[list]) -> str:
    """Semicolon-separated, with a BOM (so Excel reads UTF-8) and CRLF line ends, every cell quoted when needed."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([_csv_value(v) for v in row])
    return out.getvalue()


def xlsx_bytes(title: str, header: list, rows: list[list]) -> bytes:
    """One sheet: a bold header row kept in view, filters on every column, dates as dates, numbers as numbers."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _sheet_title(title)
    widths = [len(str(h)) for h in header]
    sheet.append([_xlsx_text(sheet, h) for h in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        cells = []
        for i, value in enumerate(row):
            cells.append(_xlsx_value(sheet, value))
            widths[i] = max(widths[i], len(str(value)) if value is not None else 0)
        sheet.append(cells)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "A2"
    last = get_column_letter(max(len(header), 1))
    sheet.auto_filter.ref = f"A1:{last}{sheet.max_row}"
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = min(max(width + 2, 8), 60)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _sheet_title(title: str) -> str:
    cleaned = re.sub(r"[\[\]:*?/\\]", " ", str(title)).strip() or "Sheet"
    return cleaned[:31]


def _xlsx_text(sheet, value):
    from openpyxl.cell import Cell

    text = str(value)
    cell = Cell(sheet, value=safe_cell(text) if is_risky(text) else text)
    cell.data_type = "s"  # text, even if it starts with "=": openpyxl would otherwise write a formula
    if is_risky(text):
        cell.quotePrefix = True
    return cell


def _xlsx_value(sheet, value):
    if value is None:
        return None
    if isinstance(value, (int, float, Decimal, date)) and not isinstance(value, bool):
        if isinstance(value, datetime) and value.tzinfo is not None:
            value = value.replace(tzinfo=None)  # Excel has no time zones; callers pass local or UTC times
        return value
    return _xlsx_text(sheet, value)
