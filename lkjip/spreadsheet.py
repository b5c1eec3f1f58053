"""CSV and XLSX files for people to open in a spreadsheet, safe against formula injection.

Text that starts with ``=``, ``+``, ``-`` or ``@`` would be run as a formula by Excel or LibreOffice
(OWASP "CSV injection"). Every spreadsheet lkjip writes neutralises it: in CSV the text gets a
leading apostrophe; in XLSX the cell is stored as plain text (never a formula).
"""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutral(value: Any) -> Any:
    """``value`` with formula-like text neutralised for CSV (numbers are left alone)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def rounded(frame: Any, decimals: int = 2) -> Any:
    """A copy of ``frame`` with every float (also inside mixed columns) rounded to ``decimals``."""
    import pandas as pd

    out = frame.copy()
    for col in out.columns:
        if pd.api.types.is_float_dtype(out[col]):
            out[col] = out[col].round(decimals)
        elif out[col].dtype == object:
            out[col] = out[col].map(lambda v: round(v, decimals) if isinstance(v, float) else v)
    return out


def _cells(rows: Iterable[Sequence[Any]]) -> list[list[Any]]:
    import pandas as pd

    out = []
    for row in rows:
        clean = []
        for v in row:
            if v is None or (not isinstance(v, str) and pd.isna(v)):
                clean.append(None)
            elif hasattr(v, "item"):  # numpy scalar
                clean.append(v.item())
            else:
                clean.append(v)
        out.append(clean)
    return out


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """UTF-8 CSV (with BOM, so Excel reads the encoding) of ``header`` and ``rows``."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([neutral(h) for h in header])
    for row in _cells(rows):
        writer.writerow(["" if v is None else neutral(v) for v in row])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def xlsx_bytes(header: Sequence[str], rows: Iterable[Sequence[Any]], *, sheet: str = "data",
               title: str = "") -> bytes:
    """An XLSX workbook of one sheet: an optional title row, a bold frozen header, the rows.
    Text is always stored as text (no formula is ever written); the file is reproducible."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import TYPE_STRING
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = sheet[:31]
    start = 1
    if title:
        ws.cell(row=1, column=1).value = title
        ws.cell(row=1, column=1).data_type = TYPE_STRING
        ws.cell(row=1, column=1).font = Font(bold=True)
        start = 3
    for c, h in enumerate(header, 1):
        cell = ws.cell(row=start, column=c)
        cell.value = str(h)
        cell.data_type = TYPE_STRING
        cell.font = Font(bold=True)
    cells = _cells(rows)
    for r, row in enumerate(cells, start + 1):
        for c, v in enumerate(row, 1):
            cell = ws.cell(row=r, column=c)
            cell.value = v
            if isinstance(v, str):
                cell.data_type = TYPE_STRING  # never a formula, whatever the text starts with
    ws.freeze_panes = ws.cell(row=start + 1, column=1)
    for c, h in enumerate(header, 1):
        width = max([len(str(h))] + [len(str(row[c - 1])) for row in cells if row[c - 1] is not None])
        ws.column_dimensions[ws.cell(row=start, column=c).column_letter].width = min(60, max(8, width + 2))
    # fixed document properties: two renders give identical bytes
    import datetime as dt

    fixed = dt.datetime(2000, 1, 1)
    wb.properties.created = fixed
    wb.properties.modified = fixed
    wb.properties.creator = "lkjip"
    buf = io.BytesIO()
    wb.save(buf)
    return _fixed_zip_times(buf.getvalue())


def _fixed_zip_times(data: bytes) -> bytes:
    """Rewrite a zip (xlsx) with fixed member timestamps, so identical content gives identical bytes."""
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            payload = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time here
                payload = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(<)", rb"\g<1>2000-01-01T00:00:00Z\2", payload)
            dst.writestr(fixed, payload)
    return out.getvalue()


def frame_files(frame: Any, *, sheet: str = "data", title: str = "") -> tuple[bytes, bytes]:
    """(CSV, XLSX) bytes of a DataFrame."""
    header = [str(c) for c in frame.columns]
    rows = list(frame.itertuples(index=False, name=None))
    return csv_bytes(header, rows), xlsx_bytes(header, rows, sheet=sheet, title=title)
