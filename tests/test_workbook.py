"""`lkjip template`, `lkjip import`, `lkjip init`: a workbook to fill a year, an exact round trip,
problems named by sheet and cell, existing years never overwritten silently, a new year from the last."""
from __future__ import annotations

import csv
import hashlib
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from conftest import DATA_2024, ROOT
from lkjip._schema import NARASI, NARASI_JENIS, TABLES
from lkjip.workbook._cells import dari_sel, ke_sel
from lkjip.workbook._files import profil_yaml, read_profil, unflatten, with_required

EXE = Path(sys.executable).parent / "lkjip"


def lkjip(data: Path, *args: str) -> tuple[int, str]:
    proc = subprocess.run([str(EXE), "--root", str(ROOT), "--data", str(data), *args], capture_output=True,
                          text=True, timeout=120)
    out = proc.stdout + proc.stderr
    assert "Traceback" not in out, out
    return proc.returncode, out


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (relative path -> bytes)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def digest(folder: Path) -> str:
    h = hashlib.sha256()
    for name, data in snapshot(folder).items():
        h.update(name.encode() + b"\0" + data + b"\0")
    return h.hexdigest()


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> Path:
    """A snapshot of data/2024 as ``<tmp>/data/2024``; returns the data root."""
    root = tmp_path_factory.mktemp("src") / "data"
    shutil.copytree(DATA_2024, root / "2024")
    return root


@pytest.fixture(scope="module")
def workbook_2024(source, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wb") / "isian-2024.xlsx"
    code, text = lkjip(source, "template", "2024", "--from", "2024", "--output", str(out))
    assert code == 0 and str(out) in text, text
    return out


def edited(workbook: Path, target: Path, changes: dict[tuple[str, str], object]) -> Path:
    """A copy of ``workbook`` with ``{(sheet, cell): value}`` changed, as a user would type them."""
    wb = load_workbook(workbook)
    for (sheet, ref), value in changes.items():
        wb[sheet][ref] = value
    wb.save(target)
    return target


# ---------------------------------------------------------------- template


def test_empty_template_has_instructions_schema_columns_help_dropdowns_and_formats(tmp_path):
    out = tmp_path / "kosong.xlsx"
    code, text = lkjip(tmp_path / "data", "template", "2030", "--output", str(out))
    assert code == 0 and f"Templat ditulis: {out}" in text
    wb = load_workbook(out)
    assert wb.sheetnames[0] == "Petunjuk"
    info = "\n".join(str(c.value) for c in wb["Petunjuk"]["A"] if c.value)
    for step in ("lkjip import kosong.xlsx --year 2030", "lkjip check 2030", "lkjip render 2030", "--replace"):
        assert step in info
    for table in TABLES:
        ws = wb[table.file[:-4]]
        assert [c.value for c in ws[1]] == table.names
        helps = [c.value for c in ws[2]]
        assert all(h.startswith("ℹ") for h in helps)
        assert ws.max_row == 2 and ws.freeze_panes == "A3"
    iku = wb["iku"]
    polaritas = [dv for dv in iku.data_validations.dataValidation if "E3" in str(dv.sqref)]
    assert polaritas and polaritas[0].formula1 == '"naik,turun,kualitatif"'
    assert "pilihan: naik, turun, kualitatif" in iku["E2"].value and "wajib diisi" in iku["E2"].value
    kegiatan = wb["kegiatan"]
    refs = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in kegiatan.data_validations.dataValidation}
    assert refs["B3"] == "'program'!$A$3:$A$1000" and refs["D3"] == "'organisasi'!$A$3:$A$1000"
    assert wb["program"].column_dimensions["D"].number_format == "#,##0"
    assert wb["iku_capaian"].column_dimensions["B"].number_format == "0"
    assert wb["program"].column_dimensions["A"].number_format == "@"
    profil = {r[0]: r[1] for r in wb["profil"].iter_rows(min_row=2, values_only=True)}
    assert profil["tahun"] == 2030 and profil["opd"] is None
    assert {"penandatangan.nama", "renstra.mulai", "misi.1", "tanggal_laporan"} <= set(profil)
    narasi = wb["narasi"]
    assert [c.value for c in narasi[1]][:2] == ["berkas", "teks"]
    assert [r[0] for r in narasi.iter_rows(min_row=2, values_only=True)] == list(NARASI)
    again = tmp_path / "lagi.xlsx"
    assert lkjip(tmp_path / "data", "template", "2030", "--output", str(again))[0] == 0
    assert load_workbook(again)["program"]["D2"].value == wb["program"]["D2"].value


def test_prefilled_template_keeps_numbers_as_numbers(workbook_2024):
    wb = load_workbook(workbook_2024)
    akip = wb["akip"]
    assert akip["D3"].value == 23.7 and akip["D3"].number_format == "0.00"
    assert wb["program"]["D3"].value == 10000000 and wb["program"]["D3"].number_format == "#,##0"
    assert wb["ikm_unsur"]["C3"].value == 3.9
    assert wb["narasi"]["B2"].alignment.wrap_text


# ---------------------------------------------------------------- import


def test_2024_round_trip_is_byte_identical(source, workbook_2024, tmp_path):
    other = tmp_path / "lain"
    code, text = lkjip(other, "import", str(workbook_2024), "--year", "2024")
    assert code == 0, text
    before, after = snapshot(source / "2024"), snapshot(other / "2024")
    assert sorted(after) == sorted(before)
    for name in before:
        assert after[name] == before[name], f"{name} differs after the round trip"
    assert sorted(p.name for p in other.iterdir()) == ["2024"]  # no staging folder left behind


def test_filled_workbook_imports_and_checks(workbook_2024, tmp_path):
    book = edited(workbook_2024, tmp_path / "isi.xlsx", {
        ("program", "E3"): 7000000,                        # P1 realisasi
        ("ikm_unsur", "C4"): 3.8,
        ("dasar_hukum", "A19"): 17, ("dasar_hukum", "B19"): "operasional",
        ("dasar_hukum", "C19"): "Peraturan Bupati Contoh Nomor 1 Tahun 2024",
        ("narasi", "B2"): "Kata pengantar baru untuk {opd}.\n\nParagraf kedua.",
    })
    data = tmp_path / "data"
    code, text = lkjip(data, "import", str(book), "--year", "2024")
    assert code == 0, text
    assert "Data 2024 ditulis" in text
    assert rows(data / "2024" / "program.csv")[0]["realisasi"] == "7000000"
    assert rows(data / "2024" / "ikm_unsur.csv")[1]["nrr"] == "3.8"
    assert rows(data / "2024" / "dasar_hukum.csv")[-1] == {
        "no": "17", "kelompok": "operasional", "teks": "Peraturan Bupati Contoh Nomor 1 Tahun 2024"}
    assert (data / "2024" / "narasi" / "kata_pengantar.md").read_text(encoding="utf-8") == \
        "Kata pengantar baru untuk {opd}.\n\nParagraf kedua.\n"
    code, text = lkjip(data, "check", "2024")
    assert code == 0, text
    # ... and the report shows what was typed into the workbook
    out = tmp_path / "out"
    proc = subprocess.run([str(EXE), "--root", str(ROOT), "--data", str(data), "--quiet", "render", "2024", "--engine",
                           "pandoc", "--output", str(out), "--build", str(tmp_path / "build")],
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    page = (out / "2024" / "lkjip-2024.html").read_text(encoding="utf-8")
    assert "Kata pengantar baru untuk Sekretariat Daerah." in page and "Rp7.000.000" in page


def test_wrong_value_fails_naming_sheet_and_cell(workbook_2024, tmp_path):
    book = edited(workbook_2024, tmp_path / "salah.xlsx", {("subkegiatan", "G5"): "12.000.000",
                                                           ("kegiatan", "B4"): "P9"})
    data = tmp_path / "data"
    code, text = lkjip(data, "import", str(book), "--year", "2024")
    assert code == 1
    assert "subkegiatan!G5" in text and "sheet subkegiatan, sel G5" in text and "'12.000.000'" in text
    assert "tanpa titik pemisah ribuan" in text
    assert "kegiatan!B4" in text and "'P9'" in text and "sheet program" in text
    assert "Impor dibatalkan" in text
    assert not (data / "2024").exists() and not [p for p in data.iterdir()]


def test_import_never_changes_an_existing_year_without_replace(workbook_2024, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_2024, data / "2024")
    (data / "2024" / "program.csv").write_text("kode\nrusak\n", encoding="utf-8")  # differs from the workbook
    before = digest(data / "2024")
    code, text = lkjip(data, "import", str(workbook_2024), "--year", "2024")
    assert code == 2 and "--replace" in text and "tidak diubah" in text
    assert digest(data / "2024") == before
    assert sorted(p.name for p in data.iterdir()) == ["2024"]


def test_replace_moves_the_previous_year_to_a_numbered_backup(workbook_2024, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_2024, data / "2024")
    (data / "2024" / "catatan.txt").write_text("lama\n", encoding="utf-8")
    old = snapshot(data / "2024")
    book = edited(workbook_2024, tmp_path / "baru.xlsx", {("program", "E3"): 7000000})
    code, text = lkjip(data, "import", str(book), "--year", "2024", "--replace")
    assert code == 0, text
    backup = data / ".cadangan" / "2024-1"
    assert str(backup) in text
    assert snapshot(backup) == old
    assert rows(data / "2024" / "program.csv")[0]["realisasi"] == "7000000"
    assert not (data / "2024" / "catatan.txt").exists()
    code, text = lkjip(data, "import", str(workbook_2024), "--year", "2024", "--replace")
    assert code == 0 and (data / ".cadangan" / "2024-2").is_dir()
    assert rows(data / ".cadangan" / "2024-2" / "program.csv")[0]["realisasi"] == "7000000"


def test_failed_replace_keeps_the_existing_year(workbook_2024, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_2024, data / "2024")
    before = digest(data / "2024")
    book = edited(workbook_2024, tmp_path / "salah.xlsx", {("program", "D3"): "sepuluh juta"})
    code, text = lkjip(data, "import", str(book), "--year", "2024", "--replace")
    assert code == 1 and "program!D3" in text
    assert digest(data / "2024") == before and not (data / ".cadangan").exists()


def test_formula_like_text_is_neutralised_and_restored(tmp_path):
    data = tmp_path / "data"
    year = data / "2024"
    shutil.copytree(DATA_2024, year)
    dasar = (year / "dasar_hukum.csv").read_text(encoding="utf-8").replace(",Pancasila\n", ",=1+1\n", 1)
    (year / "dasar_hukum.csv").write_text(dasar, encoding="utf-8")
    org = (year / "organisasi.csv").read_text(encoding="utf-8").replace(",Sekretaris Daerah,", ",@x,", 1)
    (year / "organisasi.csv").write_text(org, encoding="utf-8")
    (year / "narasi" / "bab2_rkt.md").write_text("-x butir pertama\n+x butir kedua\n", encoding="utf-8")
    profil = read_profil(year / "profil.yaml")
    profil["moto"] = moto = "=HYPERLINK(\"http://contoh\")"
    (year / "profil.yaml").write_text(profil_yaml(with_required(profil)), encoding="utf-8")
    before = snapshot(year)
    book = tmp_path / "rumus.xlsx"
    assert lkjip(data, "template", "2024", "--from", "2024", "--output", str(book))[0] == 0
    with zipfile.ZipFile(book) as z:
        assert not any("<f>" in z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("xl/worksheets/"))
    wb = load_workbook(book)
    moto_row = next(c.row for c in wb["profil"]["A"] if c.value == "moto")
    for sheet, ref, text in (("dasar_hukum", "C3", "=1+1"), ("organisasi", "C3", "@x"),
                             ("narasi", f"B{list(NARASI).index('bab2_rkt.md') + 2}",
                              "-x butir pertama\n+x butir kedua"), ("profil", f"B{moto_row}", moto)):
        cell = wb[sheet][ref]
        assert cell.value == text and cell.data_type == "s" and cell.quotePrefix
    other = tmp_path / "lain"
    code, text = lkjip(other, "import", str(book), "--year", "2024")
    assert code == 0, text
    assert snapshot(other / "2024") == before


def test_not_a_workbook_is_a_clear_error(tmp_path):
    bad = tmp_path / "bukan.xlsx"
    bad.write_text("kode,nama\n", encoding="utf-8")
    code, text = lkjip(tmp_path / "data", "import", str(bad), "--year", "2024")
    assert code == 1 and "bukan buku kerja Excel" in text
    code, text = lkjip(tmp_path / "data", "import", str(tmp_path / "tidak-ada.xlsx"), "--year", "2024")
    assert code == 2 and "tidak ditemukan" in text


# ---------------------------------------------------------------- init


def test_init_starts_a_new_year_and_check_lists_what_is_missing(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_2024, data / "2024")
    source = digest(data / "2024")
    code, text = lkjip(data, "init", "2025")
    assert code == 0, text
    year = data / "2025"
    assert digest(data / "2024") == source
    program = rows(year / "program.csv")
    assert [p["kode"] for p in program] == ["P1", "P2", "P3", "P4"]
    assert all(p["pagu"] == p["realisasi"] == p["realisasi_fisik"] == "" for p in program)
    assert all(p["target_fisik"] for p in program)
    assert all(k["pagu"] == "" and k["target"] for k in rows(year / "kegiatan.csv"))
    assert all(r["nrr"] == "" for r in rows(year / "ikm_unsur.csv"))
    assert all(r["nilai"] == "" and r["bobot"] for r in rows(year / "akip.csv"))
    assert all(r["keberhasilan"] == r["solusi"] == "" for r in rows(year / "analisis.csv"))
    capaian = rows(year / "iku_capaian.csv")
    assert all(c["realisasi"] == c["nilai"] == "" for c in capaian if int(c["tahun"]) >= 2025)
    assert rows(year / "iku_capaian.csv")[:3] == rows(data / "2024" / "iku_capaian.csv")[:3]  # history kept
    for name in ("iku.csv", "organisasi.csv", "dasar_hukum.csv", "rkt.csv", "tujuan.csv", "sasaran.csv"):
        assert (year / name).read_bytes() == (data / "2024" / name).read_bytes()
    profil = yaml.safe_load((year / "profil.yaml").read_text(encoding="utf-8"))
    assert profil["tahun"] == 2025 and profil["tanggal_laporan"] is None and profil["pk_total_anggaran"] is None
    assert profil["opd"] == "Sekretariat Daerah" and profil["renstra"] == {"mulai": 2021, "selesai": 2026}
    optional = {n for n, j in NARASI_JENIS.items() if j == "opsional"}  # left out while empty
    assert sorted(p.name for p in (year / "narasi").iterdir()) == sorted(set(NARASI) - optional)
    assert all(p.read_bytes() == b"" for p in (year / "narasi").iterdir())

    code, text = lkjip(data, "check", "2025")
    assert code == 0, text
    assert "program.csv baris 2, kolom 'pagu'" in text and "belum-diisi" in text
    assert "profil.yaml, kolom 'tanggal_laporan'" in text and "narasi/kata_pengantar.md" in text
    assert "Belum diisi:" in text

    fresh = digest(year)
    code, text = lkjip(data, "init", "2025")
    assert code == 2 and "sudah ada" in text and digest(year) == fresh
    code, text = lkjip(data, "init", "2027", "--from", "2010")
    assert code == 1 and "2010" in text and not (data / "2027").exists()


def test_template_for_a_new_year_matches_init(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_2024, data / "2024")
    book = tmp_path / "isian-2025.xlsx"
    assert lkjip(data, "template", "2025", "--from", "2024", "--output", str(book))[0] == 0
    assert lkjip(data, "init", "2025")[0] == 0
    other = tmp_path / "lain"
    code, text = lkjip(other, "import", str(book), "--year", "2025")
    assert code == 0, text  # a draft: warnings only
    assert snapshot(other / "2025") == snapshot(data / "2025")


# ---------------------------------------------------------------- cells and profile rows


@given(st.from_regex(r"\A-?(0|[1-9][0-9]{0,14})(\.[0-9]{1,6})?\Z"), st.sampled_from(["number", "int", "rupiah"]))
def test_cell_text_round_trip(raw, type_):
    value, fmt = ke_sel(raw, type_)
    assert dari_sel(value, fmt) == raw


@pytest.mark.parametrize("raw,type_,kind", [
    ("23.70", "number", float), ("4", "number", int), ("3.9", "number", float), ("43574741594", "rupiah", int),
    ("007", "int", str), ("-0", "number", str), ("1e5", "number", str), ("12.000.000", "rupiah", str),
    ("0.1000000000000000055511151231257827", "number", str), ("2024", "year", int), ("BB", "text", str),
])
def test_numbers_become_numbers_only_when_exact(raw, type_, kind):
    value, fmt = ke_sel(raw, type_)
    assert type(value) is kind and dari_sel(value, fmt) == raw


def test_typed_values_are_never_rounded():
    assert dari_sel(72.315, "0.00") == "72.315"
    assert dari_sel(100, "0.00") == "100.00"
    assert dari_sel(1e16, "#,##0") == "10000000000000000"


def test_profile_rows_numbered_lists_and_problems():
    profil, problems = unflatten([("misi.1", "a"), ("misi.3", "c"), ("misi.2", None), ("renstra.mulai", 2021),
                                  ("moto", None), ("opd", "X"), ("opd", "Y")])
    assert profil == {"misi": ["a", "c"], "renstra": {"mulai": 2021}, "opd": "X"}
    assert problems == [("opd", "Kunci muncul lebih dari sekali.")]
