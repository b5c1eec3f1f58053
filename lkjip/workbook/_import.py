"""Reading a filled workbook back into a year's files (``lkjip import``), naming sheet and cell.

:func:`read_workbook` converts every sheet to the in-memory files and records, in a :class:`Peta`,
which sheet row and column every CSV line and column came from; the checker's findings on the
written files (CSV line, column) are then reported at the cell the user has to change.
"""
from __future__ import annotations

import datetime as dt
import re
import warnings
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula
from openpyxl.worksheet.worksheet import Worksheet

from .._schema import TABLES, Table
from ..errors import DataError, Temuan, UsageError
from ._cells import dari_sel
from ._files import KUNCI_BULAT, KUNCI_TANGGAL, DataFiles, stem, unflatten
from ._teks import HELP_MARK
from ._template import INFO_SHEET, NARASI_SHEET, PROFILE_SHEET

_NARASI_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*\.md$")
_INT = re.compile(r"^\s*-?\d+\s*$")


@dataclass
class Peta:
    """Where the written files' values came from: sheet rows and column letters."""

    baris: dict[str, dict[int, int]] = field(default_factory=dict)   # table -> CSV line -> sheet row
    kolom: dict[str, dict[str, str]] = field(default_factory=dict)   # table -> column -> letter
    profil: dict[str, int] = field(default_factory=dict)             # profile key -> sheet row
    narasi: dict[str, int] = field(default_factory=dict)             # prose file -> sheet row

    def baris_profil(self, key: str | None) -> int | None:
        if not key:
            return None
        if key in self.profil:
            return self.profil[key]
        rows = [r for k, r in self.profil.items() if k.startswith(key + ".")]
        return min(rows) if rows else None

    def lokasi(self, t: Temuan) -> str:
        """The sheet and cell of a checker finding on the written files."""
        if t.berkas.endswith(".csv") and "/" not in t.berkas:
            sheet = t.berkas[:-4]
            column = (t.kolom or "").split("/")[0] or None
            letter = self.kolom.get(sheet, {}).get(column or "")
            row = self.baris.get(sheet, {}).get(t.baris) if t.baris else None
            return sel(sheet, letter, row, column)
        if t.berkas == "profil.yaml":
            row = self.baris_profil(t.kolom)
            if row is None:
                return f"sheet {PROFILE_SHEET}" + (f" (kunci '{t.kolom}' tidak ada: tambahkan barisnya)" if t.kolom
                                                    else "")
            return sel(PROFILE_SHEET, "B", row, None) + f", kunci '{t.kolom}'"
        if t.berkas.startswith("narasi/"):
            name = t.berkas.split("/", 1)[1]
            row = self.narasi.get(name)
            where = sel(NARASI_SHEET, "B", row, None) if row else f"sheet {NARASI_SHEET}"
            where += f", berkas {name}"
            return where + (f", baris ke-{t.baris} teks" if t.baris else "")
        return t.berkas

    def ganti(self, text: str) -> str:
        """``text`` of a finding with file names as sheet names and CSV lines as sheet rows."""
        if not text:
            return text
        named = set(re.findall(r"\b(\w+)\.csv\b", text))
        if len(named) == 1:
            rows = self.baris.get(named.pop(), {})
            text = re.sub(r"\(baris (\d+)\)", lambda m: f"(baris {rows.get(int(m.group(1)), m.group(1))})", text)
        text = re.sub(r"\b(\w+)\.csv\b", r"sheet \1", text)
        return text.replace("profil.yaml", f"sheet {PROFILE_SHEET}")


def sel(sheet: str, letter: str | None, row: int | None, column: str | None) -> str:
    """``program!D3 (sheet program, sel D3, kolom 'pagu')`` and the partial forms."""
    col = f", kolom '{column}'" if column else ""
    if letter and row:
        return f"{sheet}!{letter}{row} (sheet {sheet}, sel {letter}{row}{col})"
    if row:
        return f"sheet {sheet}, baris {row}{col}"
    if letter:
        return f"sheet {sheet}, kolom {letter}" + (f" '{column}'" if column else "")
    return f"sheet {sheet}" + col


@dataclass(frozen=True)
class Masalah:
    """A finding together with the workbook location it refers to."""

    temuan: Temuan
    lokasi: str

    @property
    def galat(self) -> bool:
        return self.temuan.galat

    def format(self, peta: Peta | None = None) -> str:
        return self.temuan.format(self.lokasi, peta.ganti if peta else None)


class _Reader:
    """Cell values of one workbook; formulas are read through Excel's cached results."""

    def __init__(self, path: Path):
        self.path = path
        self.masalah: list[Masalah] = []
        self._cached: Workbook | None = None
        self.wb = _open(path)

    def problem(self, sheet: str, letter: str | None, row: int | None, aturan: str, pesan: str,
                nilai: str | None = None, harapan: str | None = None, tingkat: str = "galat",
                column: str | None = None) -> None:
        t = Temuan(tingkat, aturan, sheet, pesan, row, column, nilai, harapan)  # type: ignore[arg-type]
        self.masalah.append(Masalah(t, sel(sheet, letter, row, column)))

    def value(self, ws: Worksheet, cell: Any, column: str | None = None) -> Any:
        """The value of ``cell``; a formula gives its cached result or a finding."""
        value = cell.value
        if cell.data_type == "f" or isinstance(value, (ArrayFormula, DataTableFormula)):
            if self._cached is None:
                self._cached = _open(self.path, data_only=True)
            value = self._cached[ws.title][cell.coordinate].value
            if value is None:
                self.problem(ws.title, cell.column_letter, cell.row, "rumus",
                             "Sel berisi rumus Excel yang belum dihitung.",
                             harapan="nilai yang diketik, bukan rumus (atau buka dan simpan ulang berkas di Excel)",
                             column=column)
        elif cell.data_type == "e":
            self.problem(ws.title, cell.column_letter, cell.row, "galat-excel", "Sel berisi galat Excel.",
                         str(value), "nilai yang sah", column=column)
            return None
        return value

    def text(self, ws: Worksheet, cell: Any, column: str | None = None) -> str:
        return dari_sel(self.value(ws, cell, column), cell.number_format)


# Limits of a workbook to import (a filled lkjip template is well under 1 MB).
MAX_WORKBOOK_BYTES = 20 * 1024 * 1024    # the .xlsx file
MAX_INFLATED_BYTES = 50 * 1024 * 1024    # its XML once unzipped
MAX_SHEET_ROWS = 100_000                  # used rows of one sheet
MAX_SHEET_COLUMNS = 200                   # used columns of one sheet
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted .xlsx and old .xls files


def _preflight(path: Path) -> None:
    """Refuse, with the fix, a file that is not a plain .xlsx or would inflate beyond the limits."""
    fix = "Simpan sebagai 'Excel Workbook (.xlsx)'"
    size = path.stat().st_size
    if size > MAX_WORKBOOK_BYTES:
        raise DataError(f"{path} terlalu besar ({size // (1024 * 1024)} MB; paling besar "
                        f"{MAX_WORKBOOK_BYTES // (1024 * 1024)} MB).")
    with path.open("rb") as fh:
        head = fh.read(8)
    if head == _OLE2:
        raise DataError(f"{path} dilindungi kata sandi (terenkripsi) atau berformat .xls lama. Buka di Excel, hapus "
                        "kata sandinya (File > Info > Lindungi Buku Kerja > Enkripsi dengan Kata Sandi: kosongkan), "
                        f"lalu {fix[0].lower() + fix[1:]}.")
    try:
        with zipfile.ZipFile(path) as zf:
            inflated = sum(i.file_size for i in zf.infolist())
            count = len(zf.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise DataError(f"{path} bukan buku kerja Excel .xlsx yang dapat dibaca ({exc}). {fix}.") from exc
    if inflated > MAX_INFLATED_BYTES or count > 10_000:
        raise DataError(f"{path} terlalu besar setelah dibuka ({inflated // (1024 * 1024)} MB data XML; paling besar "
                        f"{MAX_INFLATED_BYTES // (1024 * 1024)} MB). Hapus sheet, gambar dan sel di luar tabel yang "
                        "tidak dipakai, lalu simpan lagi.")


def used_size(ws: Worksheet) -> tuple[int, int]:
    """Last row and column holding a value (a stray formatted cell at A1048576 does not count)."""
    rows = cols = 0
    for (row, col), cell in getattr(ws, "_cells", {}).items():
        if cell.value is not None and cell.value != "":
            rows, cols = max(rows, row), max(cols, col)
    return rows, cols


def _open(path: Path, data_only: bool = False) -> Workbook:
    if not path.is_file():
        raise UsageError(f"Berkas tidak ditemukan: {path}")
    _preflight(path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return load_workbook(path, data_only=data_only)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise DataError(f"{path} bukan buku kerja Excel .xlsx yang dapat dibaca ({exc}). Simpan sebagai "
                        "'Excel Workbook (.xlsx)'.") from exc


def _is_help_row(cells: Iterable[Any]) -> bool:
    return any(isinstance(c.value, str) and c.value.startswith(HELP_MARK) for c in cells)


def _read_table(r: _Reader, ws: Worksheet, table: Table, peta: Peta) -> list[dict[str, str]]:
    name = stem(table)
    columns: dict[str, int] = {}
    height, width = _bounded(r, ws)
    for j in range(1, width + 1):
        head = ws.cell(row=1, column=j).value
        letter = get_column_letter(j)
        if head is None or str(head).strip() == "":
            if any(row[0].value not in (None, "") for row in ws.iter_rows(min_row=3, max_row=max(height, 3),
                                                                           min_col=j, max_col=j)):
                r.problem(name, letter, 1, "kolom-tanpa-nama", "Kolom berisi data tetapi tanpa nama di baris 1.",
                          harapan="nama kolom: " + ", ".join(table.names))
            continue
        head = str(head).strip()
        if head not in table.names:
            r.problem(name, letter, 1, "kolom-tidak-dikenal", "Kolom tidak dikenal.", head,
                      "hanya kolom: " + ", ".join(table.names))
        elif head in columns:
            r.problem(name, letter, 1, "kolom-ganda", "Nama kolom muncul lebih dari sekali.", head,
                      "setiap kolom sekali")
        else:
            columns[head] = j
    for col in table.columns:
        if col.name not in columns:
            r.problem(name, None, 1, "kolom-hilang", "Kolom tidak ada di baris 1.", None,
                      "kolom: " + ", ".join(table.names), column=col.name)
    peta.kolom[name] = {c: get_column_letter(j) for c, j in columns.items()}
    start = 2
    if height >= 2 and _is_help_row(ws[2]):
        start = 3
    rows: list[dict[str, str]] = []
    peta.baris[name] = {}
    for cells in ws.iter_rows(min_row=start, max_row=max(height, start - 1), max_col=max(width, 1)):
        values = {c: r.text(ws, cells[j - 1], c) for c, j in columns.items()}
        if not any(values.values()):
            continue
        rows.append({c: values.get(c, "") for c in table.names})
        peta.baris[name][len(rows) + 1] = cells[0].row
    return rows


def _bounded(r: _Reader, ws: Worksheet) -> tuple[int, int]:
    """The used rows and columns of ``ws`` (a finding and nothing to read when over the limits)."""
    height, width = used_size(ws)
    if height > MAX_SHEET_ROWS or width > MAX_SHEET_COLUMNS:
        r.problem(ws.title, None, None, "sheet-terlalu-besar",
                  f"Sheet berisi nilai sampai baris {height}, kolom {get_column_letter(max(width, 1))}.",
                  harapan=f"paling banyak {MAX_SHEET_ROWS} baris dan {MAX_SHEET_COLUMNS} kolom; hapus sel yang "
                          "tidak dipakai")
        return 0, 0
    return height, width


def _check_head(r: _Reader, ws: Worksheet, expected: list[str]) -> None:
    for j, name in enumerate(expected, 1):
        got = ws.cell(row=1, column=j).value
        if (str(got).strip() if got is not None else "") != name:
            r.problem(ws.title, get_column_letter(j), 1, "kolom-tidak-dikenal", "Judul kolom tidak sesuai.",
                      "" if got is None else str(got), name)


def profil_value(key: str, value: Any) -> Any:
    """The YAML value of a profile cell: whole numbers as int, dates as dates, text exactly."""
    if isinstance(value, str):
        if value.strip() == "":
            return None
        if key in KUNCI_BULAT and _INT.match(value):
            return int(value)
        if key in KUNCI_TANGGAL:
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                return value
        return value
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time() else value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dt.time):
        return value.isoformat()
    return value


def _read_profil(r: _Reader, ws: Worksheet, peta: Peta) -> dict[str, Any]:
    _check_head(r, ws, ["kunci", "nilai"])
    rows: list[tuple[str, Any]] = []
    height, _ = _bounded(r, ws)
    for key_cell, value_cell, *_ in ws.iter_rows(min_row=2, max_row=max(height, 1), max_col=2):
        key = r.value(ws, key_cell)
        value = profil_value("" if key is None else str(key).strip(), r.value(ws, value_cell))
        if key is None or str(key).strip() == "":
            if value is not None:
                r.problem(PROFILE_SHEET, "A", key_cell.row, "kunci-kosong", "Nilai tanpa kunci.",
                          harapan="nama kunci di kolom A, mis. opd atau misi.1")
            continue
        key = str(key).strip()
        peta.profil.setdefault(key, key_cell.row)
        rows.append((key, value))
    profil, problems = unflatten(rows)
    for key, message in problems:
        r.problem(PROFILE_SHEET, "A", peta.baris_profil(key), "kunci-profil", message, key,
                  "kunci unik; sub-kunci dengan titik (penandatangan.nama), daftar bernomor (misi.1)")
    return profil


def _read_narasi(r: _Reader, ws: Worksheet, peta: Peta) -> dict[str, str]:
    _check_head(r, ws, ["berkas", "teks"])
    out: dict[str, str] = {}
    height, _ = _bounded(r, ws)
    for name_cell, text_cell, *_ in ws.iter_rows(min_row=2, max_row=max(height, 1), max_col=2):
        name = r.value(ws, name_cell)
        text = r.text(ws, text_cell)
        name = "" if name is None else str(name).strip()
        if not name:
            if text.strip():
                r.problem(NARASI_SHEET, "A", name_cell.row, "berkas-kosong", "Teks tanpa nama berkas.",
                          harapan="nama berkas di kolom A, mis. bab1_latar_belakang.md")
            continue
        if not _NARASI_NAME.match(name):
            r.problem(NARASI_SHEET, "A", name_cell.row, "nama-berkas", "Nama berkas narasi tidak valid.", name,
                      "nama seperti bab1_latar_belakang.md (huruf, angka, _ dan -, diakhiri .md)")
            continue
        if name in out:
            r.problem(NARASI_SHEET, "A", name_cell.row, "berkas-ganda", "Berkas narasi muncul lebih dari sekali.",
                      name, "setiap berkas sekali")
            continue
        peta.narasi[name] = name_cell.row
        out[name] = text
    return out


def read_workbook(path: Path) -> tuple[DataFiles, Peta, list[Masalah]]:
    """The files a workbook describes, where each value came from, and the problems found on the way."""
    r = _Reader(path)
    peta = Peta()
    files = DataFiles()
    sheets = {ws.title: ws for ws in r.wb.worksheets}
    for table in TABLES:
        ws = sheets.get(stem(table))
        if ws is None:
            if not table.optional:
                r.problem(stem(table), None, None, "sheet-hilang", f"Sheet '{stem(table)}' tidak ada.",
                          harapan=f"sheet {stem(table)} (buat templat dengan 'lkjip template')")
                files.tabel[stem(table)] = []
            continue
        rows = _read_table(r, ws, table, peta)
        if rows or not table.optional:
            files.tabel[stem(table)] = rows
    for title, reader in ((PROFILE_SHEET, _read_profil), (NARASI_SHEET, _read_narasi)):
        ws = sheets.get(title)
        if ws is None:
            r.problem(title, None, None, "sheet-hilang", f"Sheet '{title}' tidak ada.",
                      harapan=f"sheet {title} (buat templat dengan 'lkjip template')")
            continue
        value = reader(r, ws, peta)
        if title == PROFILE_SHEET:
            files.profil = value  # type: ignore[assignment]
        else:
            files.narasi = value  # type: ignore[assignment]
    known = {stem(t) for t in TABLES} | {PROFILE_SHEET, NARASI_SHEET, INFO_SHEET}
    for title in sheets:
        if title not in known and not title.startswith("_"):
            r.problem(title, None, None, "sheet-tidak-dikenal", "Sheet tidak dikenal; isinya tidak diimpor.",
                      harapan="hanya sheet dari 'lkjip template'", tingkat="peringatan")
    return files, peta, r.masalah
