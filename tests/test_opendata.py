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


@pytest.mark.parametrize("text", ["- Mediasi Penyelesaian Sengketa Tanah", "-5", "+62 741 123", "-12,5%",
                                  "Sub-bagian Umum"])
def test_text_that_is_no_formula_keeps_no_apostrophe(text):
    assert neutral(text) == text


def test_xlsx_never_holds_a_formula_and_is_reproducible(monkeypatch):
    import zipfile

    from openpyxl import load_workbook

    data = xlsx_bytes(["teks", "angka"], [[t, 1] for t in EVIL], title="Judul")
    assert b"2000-01-01T00:00:00Z</dcterms:modified>" in zipfile.ZipFile(io.BytesIO(data)).read("docProps/core.xml")
    assert data == xlsx_bytes(["teks", "angka"], [[t, 1] for t in EVIL], title="Judul")
    book = load_workbook(io.BytesIO(data))
    ws = book.active
    assert [c.value for c in ws[1]] == ["teks", "angka"]  # header in row 1, the title elsewhere
    cells = [ws.cell(row=r, column=1) for r in range(2, 2 + len(EVIL))]
    assert [c.value for c in cells] == EVIL  # stored as strings: no apostrophe needed
    assert all(c.data_type == "s" for c in cells)
    assert ws.cell(row=2, column=2).value == 1
    assert book["keterangan"]["B1"].value == "Judul" and book.properties.title == "Judul"
    assert ws.freeze_panes == "A2" and all(c.font.b for c in ws[1])  # the header stays in view, bold


def test_xlsx_of_a_table_named_keterangan_keeps_both_sheets():
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(xlsx_bytes(["a"], [["x"]], sheet="keterangan", title="Judul")))
    assert book.sheetnames == ["keterangan", "keterangan-judul"] and book["keterangan-judul"]["B1"].value == "Judul"


def test_xlsx_numbers_have_indonesian_formats_and_pandas_reads_the_header():
    import pandas as pd
    from openpyxl import load_workbook

    data = xlsx_bytes(["Uraian", "Pagu (Rp)", "Capaian (%)", "Nilai"],
                      [["a", 43574741594, 107.78, 3.9], ["b", None, None, None]], title="Tabel")
    ws = load_workbook(io.BytesIO(data)).active
    assert [ws.cell(row=2, column=c).number_format for c in (2, 3, 4)] == ["#,##0", '#,##0.00"%"', "#,##0.00"]
    assert ws.cell(row=3, column=2).value is None
    frame = pd.read_excel(io.BytesIO(data))
    assert list(frame.columns) == ["Uraian", "Pagu (Rp)", "Capaian (%)", "Nilai"]
    assert frame["Pagu (Rp)"].iloc[0] == 43574741594 and pd.isna(frame["Capaian (%)"].iloc[1])


def test_display_text_is_read_back_into_numbers():
    import pandas as pd

    from lkjip.present.tidy import open_frame

    frame = pd.DataFrame({"Indikator": ["IKM", "AKIP", "SAP", "X"],
                          "Realisasi": ["97", "BB (72,30)", "Sesuai", "BELUM DIISI"],
                          "Capaian": ["107,78%", "1.234.567", "-", "99,06%"], "Target": ["4 Dok", "100%", "", "1 Laporan"],
                          "program": ["P — Anggaran 10.000.000", "Q — Anggaran 2.500", "", None]})
    out = open_frame(frame)
    assert list(out.columns) == ["Indikator", "Realisasi", "Realisasi (teks)", "Capaian", "Target", "Target (teks)",
                                 "program", "program Anggaran"]
    assert out["Target"].tolist() == [4, 100, None, 1] and out["Target (teks)"].tolist()[0] == "4 Dok"
    assert out["Realisasi"].tolist() == [97, 72.3, None, None]
    assert out["Realisasi (teks)"].tolist() == ["97", "BB (72,30)", "Sesuai", None]
    assert out["Capaian"].tolist() == [107.78, 1234567, None, 99.06]
    assert out["program"].tolist()[:2] == ["P", "Q"] and out["program Anggaran"].tolist()[:2] == [10000000, 2500]
    assert open_frame(pd.DataFrame({"Uraian": ["Rapat", "2024", "Dokumen"]}))["Uraian"].tolist() == [
        "Rapat", "2024", "Dokumen"]  # a number here and there in a text column stays text


def test_open_data_files_of_2024(data2024):
    from lkjip.present import opendata

    files = opendata.files(data2024)
    rows = list(csv.DictReader(io.StringIO(files["terbuka/capaian_iku.csv"].decode("utf-8-sig"))))
    ikm = next(r for r in rows if r["kode_iku"] == "IKU1" and r["tahun"] == "2024")
    assert (ikm["target"], ikm["realisasi"], ikm["capaian_persen"]) == ("90", "97", "107.78")
    akip = next(r for r in rows if r["kode_iku"] == "IKU2" and r["tahun"] == "2024")
    assert (akip["target"], akip["target_teks"]) == ("", "BB")
    program = list(csv.DictReader(io.StringIO(files["terbuka/anggaran_program.csv"].decode("utf-8-sig"))))
    assert sum(int(r["realisasi_rp"]) for r in program) == 41_939_766_218
    assert all(r["kabupaten"] == "Tanjung Jabung Timur" and r["tahun_laporan"] == "2024" for r in program)
    assert "BACA.txt".join(["terbuka/", ""]) in files


def test_open_data_is_a_valid_frictionless_data_package(data2024, tmp_path):
    import json

    frictionless = pytest.importorskip("frictionless")
    from lkjip.present import opendata

    for rel, payload in opendata.files(data2024).items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(payload)
    path = tmp_path / "terbuka" / "datapackage.json"
    report = frictionless.validate(str(path))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = json.loads(path.read_text(encoding="utf-8"))
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert package["spatial"]["kode_wilayah_kemendagri"] == "15.07"
    assert package["created"] == "2025-01-20T00:00:00Z"
    assert package["contributors"][0]["role"] == "publisher"
    assert len(package["resources"]) == 6 and all(r["schema"]["fields"] for r in package["resources"])
    types = {f["name"]: f["type"] for f in package["resources"][0]["schema"]["fields"]}
    assert types["target"] in ("integer", "number") and types["target_teks"] == "string" and types["tahun"] == "integer"


def test_open_data_without_region_code_or_licence(data2024):
    import json

    from lkjip.present.datapackage import descriptor
    from lkjip.present.opendata import tables

    profil = {k: v for k, v in data2024.profil.items() if k != "kode_wilayah"} | {"lisensi": "CC0-1.0"}
    package = descriptor(profil, 2024, tables(data2024))
    assert "kode_wilayah_kemendagri" not in package["spatial"] and package["licenses"][0]["name"] == "CC0-1.0"
    json.dumps(package)


def test_digits_that_are_no_number_stay_text_in_the_downloads():
    """A code with a leading zero or a long string of digits (309 digits would not even fit a float)
    is read back from the table's CSV as text, and a whole number a spreadsheet cannot hold exactly
    is written as text."""
    from openpyxl import load_workbook

    from lkjip.render._pandoc_engine import _number

    assert _number("007") == "007" and _number("1" * 400) == "1" * 400 and _number("1" * 16) == "1" * 16
    assert _number("43574741594") == 43574741594 and _number("-0.5") == -0.5 and _number("0") == 0
    ws = load_workbook(io.BytesIO(xlsx_bytes(["kode", "besar"], [["0070", 10**400], ["1", 2**53 + 1]]))).active
    assert [c.value for c in ws[2]] == ["0070", str(10**400)[:32767]] and ws.cell(row=3, column=2).value == str(2**53 + 1)
