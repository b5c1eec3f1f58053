"""Open data: each table's data downloadable as CSV/XLSX from the HTML, the year's tidy files next
to the report, and no formula can ride along into a spreadsheet."""
from __future__ import annotations

import csv
import io

import pytest

from lkjip.spreadsheet import csv_bytes, neutral, xlsx_bytes

EVIL = ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "=HYPERLINK(\"http://x\")"]


@pytest.mark.parametrize("text", EVIL)
def test_formula_text_is_neutralised_in_csv(text):
    assert neutral(text) == "'" + text
    row = list(csv.reader(io.StringIO(csv_bytes(["a"], [[text]]).decode("utf-8-sig"))))[1]
    assert row == ["'" + text]


def test_numbers_are_left_alone():
    assert neutral(-5) == -5 and neutral(3.5) == 3.5 and neutral("Rp10") == "Rp10"


def test_xlsx_never_holds_a_formula_and_is_reproducible(monkeypatch):
    import datetime as dt
    import zipfile

    from openpyxl import load_workbook

    data = xlsx_bytes(["teks", "angka"], [[t, 1] for t in EVIL], title="Judul")
    assert b"2000-01-01T00:00:00Z</dcterms:modified>" in zipfile.ZipFile(io.BytesIO(data)).read("docProps/core.xml")
    assert data == xlsx_bytes(["teks", "angka"], [[t, 1] for t in EVIL], title="Judul")
    ws = load_workbook(io.BytesIO(data)).active
    cells = [ws.cell(row=r, column=1) for r in range(4, 4 + len(EVIL))]
    assert [c.value for c in cells] == EVIL
    assert all(c.data_type == "s" for c in cells)
    assert ws.cell(row=4, column=2).value == 1


def test_open_data_files_of_2024(data2024):
    from lkjip.present import opendata

    files = opendata.files(data2024)
    rows = list(csv.DictReader(io.StringIO(files["terbuka/capaian_iku.csv"].decode("utf-8-sig"))))
    ikm = next(r for r in rows if r["kode_iku"] == "IKU1" and r["tahun"] == "2024")
    assert (ikm["target"], ikm["realisasi"], ikm["capaian_persen"]) == ("90", "97", "107.78")
    program = list(csv.DictReader(io.StringIO(files["terbuka/anggaran_program.csv"].decode("utf-8-sig"))))
    assert sum(int(r["realisasi_rp"]) for r in program) == 41_939_766_218
    assert all(r["kabupaten"] == "Tanjung Jabung Timur" and r["tahun_laporan"] == "2024" for r in program)
    assert "BACA.txt".join(["terbuka/", ""]) in files
