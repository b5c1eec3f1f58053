"""`lkjip check`: the 2024 data passes with its real warnings; each rule fires on a broken copy."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lkjip.load import load_year
from lkjip.validate import validate


def run_check(root, year=2024, *extra):
    proc = subprocess.run([sys.executable, "-m", "lkjip.cli", "--root", str(root), "check", str(year), *extra],
                          capture_output=True, text=True)
    return proc.returncode, proc.stdout + proc.stderr


def findings(folder):
    return validate(load_year(folder))


def rules(found, tingkat=None):
    return {t.aturan for t in found if tingkat is None or t.tingkat == tingkat}


def test_2024_passes_with_its_real_warnings(data2024):
    found = validate(data2024)
    assert not [t.format() for t in found if t.galat]
    warned = rules(found, "peringatan")
    # the reference document's own inconsistencies (docs/errata.md)
    assert {"ikm-tidak-sesuai", "akip-tidak-sesuai"} <= warned


def test_cli_2024_exit_0_and_prints_warnings(tmp_path):
    from conftest import ROOT

    code, out = run_check(ROOT)
    assert code == 0, out
    assert "96,11" in out and "97" in out          # IKM stated vs implied by the 9 unsur
    assert "72,31" in out and "72,30" in out       # AKIP stated vs sum of components
    assert "Traceback" not in out


def test_changed_subkegiatan_pagu_names_row_and_kegiatan(broken):
    line = broken.edit("subkegiatan.csv", {"kode": "SK02"}, pagu="263845801")
    code, out = run_check(broken.root)
    assert code == 1
    assert "jumlah-anak" in out and "K02" in out and f"SK02 (baris {line})" in out
    assert "Traceback" not in out


def test_non_numeric_pagu_names_file_row_column(broken):
    line = broken.edit("subkegiatan.csv", {"kode": "SK05"}, pagu="12.000.000")
    code, out = run_check(broken.root)
    assert code == 1
    assert f"subkegiatan.csv baris {line}, kolom 'pagu'" in out and "'12.000.000'" in out
    assert "tanpa titik pemisah ribuan" in out


def test_missing_and_unknown_column(broken):
    rows = (broken.folder / "belanja.csv").read_text(encoding="utf-8").splitlines()
    rows[0] = rows[0].replace("pagu", "anggaran")
    (broken.folder / "belanja.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    found = findings(broken.folder)
    assert {"kolom-hilang", "kolom-tidak-dikenal"} <= rules(found, "galat")


def test_duplicate_code(broken):
    broken.edit("kegiatan.csv", {"kode": "K03"}, kode="K02")
    assert "kode-ganda" in rules(findings(broken.folder), "galat")


def test_unknown_code(broken):
    broken.edit("subkegiatan.csv", {"kode": "SK10"}, kegiatan="K99")
    found = [t for t in findings(broken.folder) if t.aturan == "kode-tidak-dikenal"]
    assert found and found[0].nilai == "K99" and found[0].kolom == "kegiatan"


def test_belanja_not_summing_to_total(broken):
    row = broken.rows("belanja.csv")[0]
    broken.edit("belanja.csv", {"kode": row["kode"]}, pagu=str(int(row["pagu"]) + 1))
    assert "jumlah-belanja" in rules(findings(broken.folder), "galat")


def test_programs_not_summing_to_pk_total(broken):
    import yaml

    path = broken.folder / "profil.yaml"
    prof = yaml.safe_load(path.read_text(encoding="utf-8"))
    prof["pk_total_anggaran"] += 1000
    path.write_text(yaml.safe_dump(prof, allow_unicode=True), encoding="utf-8")
    assert "jumlah-pk" in rules(findings(broken.folder), "galat")


def test_realisasi_above_pagu(broken):
    broken.edit("program.csv", {"kode": "P1"}, realisasi="10000001")
    assert "realisasi-lebih" in rules(findings(broken.folder), "galat")


def test_target_zero(broken):
    broken.edit("iku_capaian.csv", {"iku": "IKU1", "tahun": "2024"}, target="0")
    assert "target-nol" in rules(findings(broken.folder), "galat")


def test_unknown_predikat(broken):
    broken.edit("iku_capaian.csv", {"iku": "IKU2", "tahun": "2024"}, realisasi="BBB")
    assert "predikat-tidak-dikenal" in rules(findings(broken.folder), "galat")


def test_predikat_disagrees_with_score(broken):
    broken.edit("iku_capaian.csv", {"iku": "IKU2", "tahun": "2023"}, realisasi="A")
    assert "akip-predikat" in rules(findings(broken.folder), "galat")


def test_year_outside_renstra(broken):
    broken.edit("iku_capaian.csv", {"iku": "IKU1", "tahun": "2026"}, tahun="2030")
    assert "di-luar-renstra" in rules(findings(broken.folder), "galat")


def test_koordinasi_stated_disagrees(broken):
    broken.edit("iku_capaian.csv", {"iku": "IKU4", "tahun": "2024"}, realisasi="95")
    assert "koordinasi-tidak-sesuai" in rules(findings(broken.folder), "peringatan")


def test_pasted_regency_name(broken):
    path = broken.folder / "narasi" / "kata_pengantar.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n\nLaporan kepada Pemerintah Kabupaten Rembang.\n",
                    encoding="utf-8")
    found = [t for t in findings(broken.folder) if t.aturan == "daerah-asing"]
    assert [t.nilai for t in found] == ["Kabupaten Rembang"]  # the 2024 decree's legal citations are not flagged


def test_enumeration_with_own_regency_is_not_a_pasted_name(broken):
    path = broken.folder / "narasi" / "bab1_sdm.md"
    path.write_text("Undang-Undang tentang Pembentukan Kabupaten Tebo, Kabupaten Muaro Jambi dan Kabupaten "
                    "{kabupaten}. Salinan dikirim ke Kabupaten Tebo.\n", encoding="utf-8")
    found = [t for t in findings(broken.folder) if t.aturan == "daerah-asing"]
    assert [(t.berkas, t.nilai) for t in found] == [("narasi/bab1_sdm.md", "Kabupaten Tebo")]


def test_unknown_placeholder(broken):
    path = broken.folder / "narasi" / "bab1_sdm.md"
    path.write_text("Teks {kota} salah.\n", encoding="utf-8")
    assert "placeholder" in rules(findings(broken.folder), "galat")


def test_staff_totals_disagree(broken):
    rows = [r for r in broken.rows("pegawai.csv") if r["kelompok"] == "pendidikan"]
    broken.edit("pegawai.csv", {"kelompok": "pendidikan", "kategori": rows[0]["kategori"]},
                jumlah=str(int(rows[0]["jumlah"]) + 1))
    assert "jumlah-pegawai" in rules(findings(broken.folder), "galat")


def test_an_unreadable_staff_count_is_named_once_not_as_wrong_totals(broken):
    """'12.5%' in pegawai.csv is a type error; the totals without it are no totals to compare."""
    rows = [r for r in broken.rows("pegawai.csv") if r["kelompok"] == "golongan"]
    broken.edit("pegawai.csv", {"kelompok": "golongan", "kategori": rows[1]["kategori"]}, jumlah="12.5%")
    found = rules(findings(broken.folder), "galat")
    assert "tipe" in found and "jumlah-pegawai" not in found


def test_akip_component_above_weight(broken):
    broken.edit("akip.csv", {"kode": "pelaporan"}, nilai="16")
    assert rules(findings(broken.folder), "galat") & {"akip-nilai", "di-luar-rentang"}


def test_ikm_wrong_number_of_unsur(broken):
    lines = (broken.folder / "ikm_unsur.csv").read_text(encoding="utf-8").splitlines()
    (broken.folder / "ikm_unsur.csv").write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")
    assert "ikm-unsur" in rules(findings(broken.folder), "peringatan")  # weighted 1/n, with a warning


def test_missing_file_and_bad_yaml(broken):
    (broken.folder / "akip.csv").unlink()
    (broken.folder / "profil.yaml").write_text("tahun: [2024\n", encoding="utf-8")
    code, out = run_check(broken.root)
    assert code == 1 and "akip.csv" in out and "profil.yaml" in out and "Traceback" not in out


def test_missing_realisation_is_a_warning(broken):
    broken.edit("iku_capaian.csv", {"iku": "IKU1", "tahun": "2024"}, realisasi="")
    found = findings(broken.folder)
    assert "belum-diisi" in rules(found, "peringatan")


def test_missing_year_folder_is_clear(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "notebooks").mkdir()
    code, out = run_check(tmp_path, 2031)
    assert code == 1 and "Folder data tidak ditemukan" in out and "Traceback" not in out


@pytest.mark.parametrize("args,code", [(["check"], 2), (["check", "abc"], 2), (["nope"], 2)])
def test_usage_errors_exit_2(args, code):
    proc = subprocess.run([sys.executable, "-m", "lkjip.cli", *args], capture_output=True, text=True)
    assert proc.returncode == code and "Traceback" not in proc.stderr


def test_unknown_profile_key_is_a_warning(broken):
    path = broken.folder / "profil.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "penandatanggan: salah ketik\n", encoding="utf-8")
    found = [t for t in findings(broken.folder) if t.aturan == "profil-tidak-dikenal"]
    assert [(t.tingkat, t.kolom) for t in found] == [("peringatan", "penandatanggan")]


def test_render_progress_line():
    from lkjip.report import progress_line

    assert progress_line("03_akuntabilitas.ipynb", 4, 7, width=7) == "[###----] 4/7 03_akuntabilitas.ipynb"
    assert progress_line("HTML + PDF", 1, 1, width=4).startswith("[----] 1/1")


@pytest.mark.parametrize("command", ["check", "render", "batch", "kamus", "template", "import", "init"])
def test_every_command_has_indonesian_help_with_an_example(command):
    exe = shutil.which("lkjip", path=str(Path(sys.executable).parent)) or "lkjip"
    out = subprocess.run([exe, command, "--help"], capture_output=True, text=True).stdout
    assert "penggunaan:" in out and "Contoh:" in out and "tampilkan bantuan ini" in out
    assert "usage:" not in out and "show this help" not in out


def test_an_unreadable_file_is_named_once_not_in_every_row_that_refers_to_it(broken):
    """A semicolon-separated program.csv: one error naming the separator, no 'unknown code' per kegiatan."""
    path = broken.folder / "program.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",", ";"), encoding="utf-8")
    found = [t for t in findings(broken.folder) if t.galat]
    assert any(t.berkas == "program.csv" and "titik koma" in t.pesan for t in found)
    assert not [t for t in found if t.aturan == "kode-tidak-dikenal" and "program.csv" in t.pesan]
    assert not [t for t in found if t.aturan.startswith("jumlah-")]  # no "Rp0 (jumlah program.csv)" noise
