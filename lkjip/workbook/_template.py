"""The workbook to fill (``lkjip template``): instructions, profile, one sheet per table, prose."""
from __future__ import annotations

import datetime as dt
import io
import math
import re
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from .._schema import JENIS_DAERAH, NARASI, TABLES, Column, Table
from ..errors import DataError
from . import _teks
from ._cells import BULAT, RUPIAH, TANGGAL, TEKS, UMUM, format_desimal, isi, ke_sel, teks_aman
from ._files import KUNCI_BULAT, KUNCI_RUPIAH, KUNCI_TANGGAL, DataFiles, narasi_text, profil_rows, stem

FIRST_ROW = 3            # table sheets: row 1 column names, row 2 help, data from row 3
PROFILE_SHEET = "profil"
NARASI_SHEET = "narasi"
INFO_SHEET = "Petunjuk"
SPARE_ROWS = 500         # drop-downs and checks reach this far below the last filled row
MIN_ROWS = 1000

_HEAD_FONT = Font(bold=True, color="FFFFFF")
_HEAD_FILL = PatternFill("solid", fgColor="1F4E78")
_HELP_FONT = Font(italic=True, color="404040", size=9)
_HELP_FILL = PatternFill("solid", fgColor="F2F2F2")
_WRAP_TOP = Alignment(wrap_text=True, vertical="top")

_DEC = re.compile(r"^-?\d+\.(\d+)$")
TABLE_BY_STEM = {stem(t): t for t in TABLES}


def _text(raw: str, where: str) -> str:
    """CSV/prose text as a cell can hold it (line ends ``\\n``); impossible text is a :class:`DataError`."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    problem = teks_aman(text)
    if problem:
        raise DataError(f"{where}: teks {problem}; perbaiki berkasnya lalu buat templat lagi.")
    return text


def _head(ws: Worksheet, names: list[str]) -> None:
    for j, name in enumerate(names, 1):
        cell = ws.cell(row=1, column=j)
        isi(cell, name)
        cell.font, cell.fill, cell.alignment = _HEAD_FONT, _HEAD_FILL, Alignment(vertical="top")


def _text_sheet(wb: Workbook, name: str, columns: dict[str, int]) -> Worksheet:
    """A three-column sheet (name, value, explanation) whose value column B holds text."""
    ws = wb.create_sheet(name)
    _head(ws, list(columns))
    for letter, width in zip("ABC", columns.values()):
        ws.column_dimensions[letter].width = width
    ws.column_dimensions["B"].number_format = TEKS
    return ws


def column_format(col: Column, rows: list[dict[str, str]]) -> str:
    """The number format of a whole column: the type's, numbers with the decimals the data uses."""
    if col.type == "text":
        return TEKS
    if col.type == "rupiah":
        return RUPIAH
    if col.type in ("int", "year"):
        return BULAT
    decimals = [len(m.group(1)) for r in rows if (m := _DEC.match(r.get(col.name, "")))]
    return format_desimal(max(decimals)) if decimals else UMUM


def _validation(table: Table, col: Column, last: int) -> DataValidation | None:
    """The drop-down or number check of one column (``None`` when the column has none)."""
    common: dict[str, Any] = {"allow_blank": True, "showErrorMessage": True, "errorTitle": "Nilai tidak sesuai"}
    if col.allowed:
        listing = ",".join(col.allowed)
        if len(listing) > 250 or any("," in a or '"' in a for a in col.allowed):
            return None
        dv = DataValidation(type="list", formula1=f'"{listing}"', errorStyle="stop",
                            error=f"Kolom {col.name}: pilih salah satu dari {', '.join(col.allowed)}.", **common)
    elif col.saran:  # suggestions: the drop-down offers them, any other text is accepted
        dv = DataValidation(type="list", formula1=f'"{",".join(col.saran)}"', errorStyle="information",
                            error=f"Kolom {col.name}: nilai di luar saran ({', '.join(col.saran)}). Tetap dipakai?",
                            **common)
    elif col.ref:
        parent = TABLE_BY_STEM[col.ref[0][:-4]]
        letter = get_column_letter(parent.names.index(col.ref[1]) + 1)
        dv = DataValidation(type="list", formula1=f"'{stem(parent)}'!${letter}${FIRST_ROW}:${letter}${last}",
                            errorStyle="warning",
                            error=f"Kolom {col.name}: kode ini belum ada di sheet {stem(parent)} kolom {col.ref[1]}. "
                                  "Tetap dipakai?", **common)
    elif col.type != "text":
        kind = "decimal" if col.type == "number" else "whole"
        lo, hi = (1900, 2200) if col.type == "year" else (col.min, col.max)
        if lo is not None and hi is not None:
            bounds = {"operator": "between", "formula1": f"{lo:g}", "formula2": f"{hi:g}"}
            expect = f"antara {lo:g} dan {hi:g}"
        elif lo is not None:
            bounds = {"operator": "greaterThanOrEqual", "formula1": f"{lo:g}"}
            expect = f"paling kecil {lo:g}"
        else:
            bounds = {"operator": "between", "formula1": "-1E+15", "formula2": "1E+15"}
            expect = "sebuah angka"
        what = "angka" if col.type == "number" else "bilangan bulat"
        dv = DataValidation(type=kind, errorStyle="stop", error=f"Kolom {col.name}: {what} {expect}.",
                            **bounds, **common)
    else:
        return None
    letter = get_column_letter(table.names.index(col.name) + 1)
    dv.add(f"{letter}{FIRST_ROW}:{letter}{last}")
    return dv


def _width(values: list[str], header: str) -> float:
    longest = max([len(v) for v in values[:300]] + [0])
    return float(min(50, max(10, len(header) + 4, longest + 2)))


def _row_height(texts: list[tuple[str, float]], line: float = 15.0) -> float:
    """Height showing every wrapped line of ``(text, column width)`` pairs (Excel's maximum is 409)."""
    lines = 1
    for text, width in texts:
        per_line = max(1, int(width * 1.15))
        lines = max(lines, sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n")))
    return min(409.0, lines * line)


def table_sheet(wb: Workbook, table: Table, rows: list[dict[str, str]]) -> Worksheet:
    """One table: column names, help row, the rows (numbers as numbers), formats, drop-downs."""
    ws = wb.create_sheet(stem(table))
    _head(ws, table.names)
    last = max(MIN_ROWS, FIRST_ROW + len(rows) + SPARE_ROWS)
    helps = []
    for j, col in enumerate(table.columns, 1):
        letter = get_column_letter(j)
        fmt = column_format(col, rows)
        ws.column_dimensions[letter].number_format = fmt
        width = _width([r.get(col.name, "") for r in rows], col.name)
        ws.column_dimensions[letter].width = width
        help_cell = ws.cell(row=2, column=j)
        isi(help_cell, _teks.bantuan_kolom(table, col))
        help_cell.font, help_cell.fill, help_cell.alignment = _HELP_FONT, _HELP_FILL, _WRAP_TOP
        helps.append((help_cell.value, width * 1.25))  # the help font is smaller
        dv = _validation(table, col, last)
        if dv is not None:
            ws.add_data_validation(dv)
        for i, row in enumerate(rows, FIRST_ROW):
            raw = _text(row.get(col.name, ""), f"{table.file} baris {i - 1}, kolom '{col.name}'")
            value, cell_fmt = ke_sel(raw, col.type)
            if value is not None:
                isi(ws.cell(row=i, column=j), value, cell_fmt or fmt)
    ws.row_dimensions[2].height = _row_height(helps)
    ws.freeze_panes = f"A{FIRST_ROW}"
    return ws


def _profile_format(key: str, value: Any) -> str:
    if key in KUNCI_TANGGAL or isinstance(value, dt.date):
        return TANGGAL
    if key in KUNCI_RUPIAH:
        return RUPIAH
    if key in KUNCI_BULAT or isinstance(value, int):
        return BULAT
    return UMUM if isinstance(value, float) else TEKS


def profile_sheet(wb: Workbook, profil: dict[str, Any]) -> Worksheet:
    """Key / value / keterangan rows of the profile (nested keys with dots, list items numbered)."""
    ws = _text_sheet(wb, PROFILE_SHEET, {"kunci": 30, "nilai": 80, "keterangan": 60})
    for i, (key, value) in enumerate(profil_rows(profil), 2):
        isi(ws.cell(row=i, column=1), key)
        if isinstance(value, str):
            value = _text(value, f"profil.yaml, kunci '{key}'")
        elif value is not None and not isinstance(value, (bool, int, float, dt.date)):
            value = str(value)
        cell = ws.cell(row=i, column=2)
        isi(cell, value, _profile_format(key, value))
        cell.alignment = _WRAP_TOP
        note = ws.cell(row=i, column=3)
        isi(note, _teks.arti_profil(key))
        note.font = _HELP_FONT
        if isinstance(value, str) and (len(value) > 80 or "\n" in value):
            ws.row_dimensions[i].height = _row_height([(value, 80)])
    ws.freeze_panes = "A2"
    return ws


def narasi_sheet(wb: Workbook, narasi: dict[str, str]) -> Worksheet:
    """One row per prose file: berkas, teks (Markdown, wrapped), bagian."""
    ws = _text_sheet(wb, NARASI_SHEET, {"berkas": 28, "teks": 110, "bagian": 40})
    names = list(NARASI) + [n for n in narasi if n not in NARASI]
    for i, name in enumerate(names, 2):
        text = _text(narasi_text(narasi.get(name, "")).removesuffix("\n"), f"narasi/{name}")
        isi(ws.cell(row=i, column=1), name)
        cell = ws.cell(row=i, column=2)
        isi(cell, text or None, TEKS)
        cell.alignment = _WRAP_TOP
        isi(ws.cell(row=i, column=3), NARASI.get(name, "(tidak dikenal)"))
        ws.cell(row=i, column=3).font = _HELP_FONT
        if text:
            ws.row_dimensions[i].height = _row_height([(text, 110)])
    ws.freeze_panes = "A2"
    return ws


def info_sheet(wb: Workbook, year: int, output_name: str, source: str, unit: str) -> Worksheet:
    """The first sheet: the workflow and the rules of filling in, in Bahasa Indonesia."""
    ws = wb.active
    ws.title = INFO_SHEET
    ws.column_dimensions["A"].width = 130
    lines = _teks.petunjuk(year, output_name, source, unit)
    for t in TABLES:
        need = "boleh tidak diisi" if t.optional else "wajib"
        key = f"; kunci unik: {', '.join(t.key)}" if t.key else ""
        lines.append(("", f"• {stem(t)} — {_teks.TABEL.get(stem(t), t.description)} ({need}{key})"))
    lines += [("", f"• {PROFILE_SHEET} — profil unit dan laporan (profil.yaml)"),
              ("", f"• {NARASI_SHEET} — narasi setiap bagian laporan (narasi/*.md)")]
    styles = {"judul": Font(bold=True, size=16), "sub": Font(italic=True), "kepala": Font(bold=True, size=12)}
    for i, (style, text) in enumerate(lines, 1):
        cell = ws.cell(row=i, column=1)
        isi(cell, text or None)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if style in styles:
            cell.font = styles[style]
    return ws


def build(files: DataFiles, year: int, *, output_name: str, source: str) -> Workbook:
    """The whole workbook of ``files`` (empty tables when ``files`` has none)."""
    wb = Workbook()
    opd, kab = files.profil.get("opd"), files.profil.get("kabupaten")
    jenis = str(files.profil.get("jenis_daerah") or "kabupaten").casefold()
    unit = (f"{opd} {JENIS_DAERAH.get(jenis, JENIS_DAERAH['kabupaten'])[0]} {kab}" if opd and kab
            else "Unit kerja: isi sheet profil")
    info_sheet(wb, year, output_name, source, unit)
    profile_sheet(wb, files.profil)
    for table in TABLES:
        table_sheet(wb, table, files.tabel.get(stem(table), []))
    narasi_sheet(wb, files.narasi)
    fixed = dt.datetime(2000, 1, 1)
    wb.properties.created = wb.properties.modified = fixed
    wb.properties.creator = "lkjip"
    wb.properties.title = f"Templat data LKjIP {year}"
    return wb


def to_bytes(wb: Workbook) -> bytes:
    """The workbook as reproducible bytes (fixed zip member times)."""
    from ..spreadsheet import _fixed_zip_times

    buf = io.BytesIO()
    wb.save(buf)
    return _fixed_zip_times(buf.getvalue())
