"""CSV and XLSX files for people to open in a spreadsheet, safe against formula injection.

Text that starts with ``=``, ``+``, ``-`` or ``@`` may be run as a formula by Excel or LibreOffice
(OWASP "CSV injection"). In CSV such text gets a leading apostrophe when it could really be read as
a formula (:func:`formula_like`: ``=``/``@`` always; ``+``/``-`` followed by operators, brackets or
references, not a dash bullet such as ``- Mediasi sengketa``). In XLSX a text cell is stored as a
string, never a formula, so it is written as it is (no visible apostrophe).

Open-data conventions (Satu Data Indonesia, CKAN): the header in row 1, numbers as numbers (XLSX
with Indonesian number formats: ``1.234.567`` for Rupiah and large whole numbers, ``12`` for small
counts, ``1.234,56`` and ``97,50%``; see :func:`number_format`), missing values as empty cells.
"""
from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterable, Sequence
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# after a leading + or -, what turns text into a formula that can do something: a function call
# (``HYPERLINK(``), DDE (``cmd|' /C calc'!A0``), sheet references, strings, concatenation, ``=``, ``+``
_FORMULA_BODY = re.compile(r"""[=+|!"@&$]|\w\(""")
EXACT = 2**53  # the largest whole number a spreadsheet (a 64-bit float) holds exactly
_NUMBER = re.compile(r"[+-]?\s*\d+(?:[.,]\d+)*\s*%?")


def formula_like(text: str) -> bool:
    """True when a spreadsheet could read ``text`` as a formula: it starts with ``=``, ``@``, a tab or
    a carriage return, or with ``+``/``-`` followed by formula syntax (``-2+3``, ``+SUM(A1)``).
    A plain signed number (``-5``) or a dash bullet of words (``- Mediasi sengketa``) is not."""
    if not text.startswith(FORMULA_START):
        return False
    if text[0] in "+-":
        return not _NUMBER.fullmatch(text) and bool(_FORMULA_BODY.search(text[1:]))
    return True


def neutral(value: Any) -> Any:
    """``value`` for a CSV cell: formula-like text (:func:`formula_like`) gets a leading apostrophe;
    numbers and ordinary text are left alone."""
    if isinstance(value, str) and formula_like(value):
        return "'" + value
    return value


def number_format(header: str, values: Sequence[Any]) -> str | None:
    """The XLSX number format of a column, Indonesian when shown by a spreadsheet set to Indonesian
    (the codes use Excel's neutral separators): percentages ``97,50%`` (the value is in percent
    points), whole numbers ``1.234.567``, other numbers ``1.234,56``; ``None`` for text."""
    numbers = [v for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)]
    if not numbers:
        return None
    name = header.casefold()
    if "%" in name or "persen" in name:
        return '#,##0.00"%"'
    if all(isinstance(v, int) or float(v).is_integer() for v in numbers):
        return "#,##0" if any(abs(v) >= 10000 for v in numbers) or "rp" in re.split(r"\W+", name) else "0"
    return "#,##0.00"


def rounded(frame: Any, decimals: int = 2) -> Any:
    """A copy of ``frame`` with every float (also inside mixed columns) rounded to ``decimals``."""
    import pandas as pd

    out = frame.copy()
    for col in out.columns:
        if pd.api.types.is_float_dtype(out[col]):
            out[col] = out[col].round(decimals)
        elif out[col].dtype == object:
            # kept as objects: a whole number stays ``90``, not ``90.0``, next to ``72.3``
            out[col] = pd.Series([round(v, decimals) if isinstance(v, float) else v for v in out[col]],
                                 index=out.index, dtype=object)
    return out


def _cells(rows: Iterable[Sequence[Any]]) -> list[list[Any]]:
    import pandas as pd

    out = []
    for row in rows:
        clean: list[Any] = []
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
    """An XLSX workbook: the data sheet with a bold frozen header in row 1 (what pandas and portals
    read), numbers as numbers with Indonesian formats (:func:`number_format`), missing values as
    empty cells; ``title`` goes into the document properties and a second sheet ``keterangan``
    (``keterangan-judul`` when the data sheet has that name).
    Text is always stored as text (no formula is ever written); the file is reproducible.

    Written with XlsxWriter (write-only, about a tenth of openpyxl's time per small workbook; its
    zip members carry a fixed date and its document dates are set here)."""
    import datetime as dt

    import xlsxwriter

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    fixed = dt.datetime(2000, 1, 1)
    wb.set_properties({"author": "lkjip", "created": fixed, **({"title": title} if title else {})})
    ws = wb.add_worksheet(sheet[:31])
    bold = wb.add_format({"bold": True})
    cells = _cells(rows)
    formats = [number_format(str(h), [row[c] for row in cells]) for c, h in enumerate(header)]
    styles = {f: wb.add_format({"num_format": f}) if f else None for f in dict.fromkeys(formats)}  # None: General
    for c, h in enumerate(header):
        ws.write_string(0, c, str(h), bold)
    for r, row in enumerate(cells, 1):
        for c, v in enumerate(row):
            if v is None:
                continue
            if isinstance(v, bool):
                ws.write_boolean(r, c, v)
            elif isinstance(v, int) and abs(v) <= EXACT or isinstance(v, float) and math.isfinite(v):
                ws.write_number(r, c, v, styles[formats[c]])
            else:  # text (never a formula, whatever it starts with), or anything else (a whole number
                # too long for a spreadsheet to hold exactly, too) as its text
                ws.write_string(r, c, str(v))
    ws.freeze_panes(1, 0)
    for c, h in enumerate(header):
        width = max([len(str(h))] + [len(str(row[c])) for row in cells if row[c] is not None])
        ws.set_column(c, c, min(60, max(8, width + 2)))
    if title:
        taken = sheet[:31].casefold() == "keterangan"
        info = wb.add_worksheet("keterangan-judul" if taken else "keterangan")
        info.write_string(0, 0, "judul")
        info.write_string(0, 1, title)
        info.set_column(1, 1, min(100, len(title) + 2))
    wb.close()
    return buf.getvalue()


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
