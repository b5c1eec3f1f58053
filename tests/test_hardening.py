"""Hardening (issue 12): a corpus of bad inputs and faults, each a named error with the documented
exit code and never a traceback; no stale numbers from the cache; no script or outside request in the
published HTML. Fast unless marked slow (renders) or browser (Chromium)."""
from __future__ import annotations

import errno
import os
import re
import shutil
import subprocess
import sys
import textwrap
import threading
import time
import zipfile
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from lkjip._paths import ProjectPaths
from lkjip.cli import main
from lkjip.errors import RenderError


def cli(capsys, *args):
    try:
        code = main(list(map(str, args)))
    except SystemExit as exc:  # argparse's usage errors
        code = exc.code
    out = capsys.readouterr()
    text = out.out + out.err
    assert "Traceback" not in text and "kesalahan internal" not in text, text
    return code, text


def check(capsys, broken):
    return cli(capsys, "--root", broken.root, "check", 2024, "-q")


def set_profil(broken, **changes):
    path = broken.folder / "profil.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.update(changes)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def replace_line(path: Path, pattern: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    changed = re.sub(pattern, new, text, count=1, flags=re.M)
    assert changed != text, pattern
    path.write_text(changed, encoding="utf-8")


# --- 5. inputs as Excel writes them -----------------------------------------------------------------
def test_bom_accepted_in_csv_yaml_and_prose(capsys, broken):
    for rel in ("program.csv", "iku.csv", "profil.yaml", "narasi/bab1_sdm.md"):
        path = broken.folder / rel
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    code, out = check(capsys, broken)
    assert code == 0, out


def test_empty_columns_excel_adds_at_the_right_are_ignored(capsys, broken):
    path = broken.folder / "program.csv"
    path.write_text("".join(line + ",,\r\n" for line in path.read_text(encoding="utf-8").splitlines()) + ",,,,,,,,,\r\n",
                    encoding="utf-8")
    code, out = check(capsys, broken)
    assert code == 0, out


@pytest.mark.parametrize("sep,label", [(";", "titik koma"), ("\t", "tab")])
def test_semicolon_or_tab_separated_csv_is_named_with_the_fix(capsys, broken, sep, label):
    path = broken.folder / "program.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",", sep), encoding="utf-8")
    code, out = check(capsys, broken)
    assert code == 1
    assert "[pemisah] program.csv" in out and label in out and "CSV UTF-8" in out
    assert "[kolom-hilang] program.csv" not in out  # one clear message, not one per column


@pytest.mark.parametrize("rel", ["kegiatan.csv", "profil.yaml", "narasi/kata_pengantar.md"])
def test_windows_1252_file_is_named_with_the_fix(capsys, broken, rel):
    path = broken.folder / rel
    path.write_bytes(path.read_bytes() + "Ã©chec — “kutip”\n".encode("cp1252", "replace")
                     if rel.endswith(".md") else path.read_bytes().replace(b"\n", " caf\xe9\n".encode("latin-1"), 1))
    code, out = check(capsys, broken)
    assert code == 1
    assert f"[encoding] {rel}" in out and "Windows-1252" in out and "UTF-8" in out


def test_utf16_csv_is_named(capsys, broken):
    path = broken.folder / "belanja.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    code, out = check(capsys, broken)
    assert code == 1 and "[encoding] belanja.csv" in out and "UTF-16" in out


# --- 3. check refuses what the renderer cannot handle -----------------------------------------------
@pytest.mark.parametrize("changes,where,expected", [
    ({"misi": "Misi satu teks saja"}, "kolom 'misi'", "daftar"),
    ({"alamat": {"jalan": "Jl. Contoh"}}, "kolom 'alamat'", "daftar"),
    ({"penandatangan": "H. Contoh"}, "kolom 'penandatangan'", "pasangan sub-kunci"),
    ({"penandatangan": {"nama": "H. Contoh"}}, "kolom 'penandatangan.jabatan'", "wajib"),
    ({"opd": ["Sekretariat", "Daerah"]}, "kolom 'opd'", "teks, bukan daftar"),
    ({"kabupaten": True}, "kolom 'kabupaten'", "tanda kutip"),
    ({"renstra": {"mulai": 2021, "selesai": 99999}}, "kolom 'renstra.selesai'", "Tahun tidak masuk akal"),
    ({"renstra": {"mulai": 2026, "selesai": 2021}}, "kolom 'renstra'", "Periode Renstra"),
    ({"pk_total_anggaran": 10 ** 22}, "kolom 'pk_total_anggaran'", "terlalu besar"),
    ({"pk_total_anggaran": "43.574.741.594"}, "kolom 'pk_total_anggaran'", "pemisah ribuan"),
    ({"misi_prioritas": 0}, "kolom 'misi_prioritas'", "paling kecil 1"),
    ({"moto": "a\x1b[31mb"}, "kolom 'moto'", "U+001B"),
    ({"moto": b"\x00\x01"}, "kolom 'moto'", "Harus berupa teks"),
    ({"tim_penyusun": {"nomor": "1", "tanggal": "kemarin", "tentang": "x"}}, "kolom 'tim_penyusun.tanggal'",
     "YYYY-MM-DD"),
])
def test_profile_types_are_checked(capsys, broken, changes, where, expected):
    set_profil(broken, **changes)
    code, out = check(capsys, broken)
    assert code == 1, out
    line = next((ln for ln in out.splitlines() if f"profil.yaml, {where}" in ln), "")
    assert expected in line, out


def test_duplicate_yaml_key_is_named(capsys, broken):
    path = broken.folder / "profil.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "opd: Dinas Lain\n", encoding="utf-8")
    code, out = check(capsys, broken)
    assert code == 1 and "[yaml] profil.yaml" in out and "'opd' muncul dua kali" in out


def test_empty_list_item_is_named(capsys, broken):
    set_profil(broken, alamat=["Jl. Contoh", None])
    code, out = check(capsys, broken)
    assert code == 1 and "kolom 'alamat.2'" in out and "kosong" in out


@pytest.mark.parametrize("value", ["nan", "inf", "1e999", "1_000"])
def test_numbers_float_accepts_but_no_report_can_show_are_named(capsys, broken, value):
    line = broken.edit("iku_capaian.csv", {"iku": "IKU1", "tahun": "2024"}, target=value)
    code, out = check(capsys, broken)
    assert code == 1 and f"iku_capaian.csv baris {line}, kolom 'target'" in out and "angka" in out


def test_workbook_saved_with_a_csv_name_is_named(capsys, broken):
    (broken.folder / "akip.csv").write_bytes(b"PK\x03\x04" + b"\0" * 200)
    code, out = check(capsys, broken)
    assert code == 1 and "[encoding] akip.csv" in out and "buku kerja Excel" in out


def test_impossible_date_is_a_named_error(capsys, broken):
    replace_line(broken.folder / "profil.yaml", r"^tanggal_laporan:.*$", "tanggal_laporan: 2024-13-45")
    code, out = check(capsys, broken)
    assert code == 1
    assert "profil.yaml, kolom 'tanggal_laporan'" in out and "2024-13-45" in out and "YYYY-MM-DD" in out


def test_yaml_alias_bomb_is_refused_by_check_init_and_template(capsys, broken, tmp_path):
    bomb = "\n".join([f"l{i}: &l{i} [" + ",".join([f"*l{i - 1}"] * 9) + "]" for i in range(1, 10)])
    path = broken.folder / "profil.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "l0: &l0 [lol]\n" + bomb + "\n", encoding="utf-8")
    code, out = check(capsys, broken)
    assert code == 1 and "[yaml] profil.yaml" in out and "alias" in out
    code, out = cli(capsys, "--root", broken.root, "init", 2025, "--from", 2024)
    assert code == 1 and "alias" in out and not (broken.root / "data" / "2025").exists()
    code, out = cli(capsys, "--root", broken.root, "template", 2025, "--from", 2024, "--output", tmp_path / "t.xlsx")
    assert code == 1 and "alias" in out


def test_year_of_profile_differs_render_refuses_like_check(capsys, broken):
    replace_line(broken.folder / "profil.yaml", r"^tahun: 2024$", "tahun: 2023")
    code, out = check(capsys, broken)
    assert code == 1 and "[tahun] profil.yaml" in out
    code, out = cli(capsys, "--root", broken.root, "render", 2024, "--engine", "pandoc", "-q",
                    "--output", broken.root / "out", "--build", broken.root / "build")
    assert code == 1 and "[tahun] profil.yaml" in out
    assert not (broken.root / "out" / "2024").exists()


def test_duplicated_csv_header_is_named(capsys, broken):
    path = broken.folder / "program.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = [lines[0] + ",pagu"] + [ln + ",1" for ln in lines[1:]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out = check(capsys, broken)
    assert code == 1 and "[kolom-ganda] program.csv baris 1, kolom 'pagu'" in out


@pytest.mark.parametrize("edits,expected", [
    ({"AS1": "AS1"}, "dirinya sendiri"),
    ({"AS1": "AS2", "AS2": "AS1"}, "AS1 -> AS2 -> AS1"),
])
def test_organisation_cycles_are_named(capsys, broken, edits, expected):
    for kode, induk in edits.items():
        broken.edit("organisasi.csv", {"kode": kode}, induk=induk)
    code, out = check(capsys, broken)
    assert code == 1 and "[induk-melingkar] organisasi.csv" in out and expected in out


@pytest.mark.parametrize("value,expected", [("Program\x00Nol", "U+0000"), ("Program \x1b[2J", "U+001B"),
                                            ("x" * 140_000, "terlalu panjang")])
def test_control_characters_and_huge_cells_are_named(capsys, broken, value, expected):
    line = broken.edit("program.csv", {"kode": "P1"}, nama=value)
    code, out = check(capsys, broken)
    assert code == 1 and f"program.csv baris {line}, kolom 'nama'" in out and expected in out


def test_control_character_in_prose_is_named(capsys, broken):
    path = broken.folder / "narasi" / "bab1_sdm.md"
    path.write_text("Baris satu.\nBaris \x07dua.\n", encoding="utf-8")
    code, out = check(capsys, broken)
    assert code == 1 and "narasi/bab1_sdm.md baris 2" in out and "U+0007" in out


def test_zero_program_pagu_is_named_not_an_internal_error(capsys, broken):
    line = broken.edit("program.csv", {"kode": "P1"}, pagu="0", realisasi="0")
    code, out = check(capsys, broken)
    assert code == 1 and f"program.csv baris {line}, kolom 'pagu'" in out and "paling kecil 1" in out


@pytest.mark.parametrize("digits", [16, 23])
def test_a_pagu_beyond_15_digits_is_a_named_error(capsys, broken, digits):
    """Up to Rp999.999.999.999.999 every value and sum stays exact; more digits would be quoted back
    wrongly by the messages (18 nines read as Rp1.000.000.000.000.000.000)."""
    line = broken.edit("program.csv", {"kode": "P1"}, pagu="9" * digits)
    code, out = check(capsys, broken)
    assert code == 1 and f"program.csv baris {line}, kolom 'pagu'" in out and "terlalu besar" in out
    assert "paling banyak 15 angka" in out and "1.000.000.000" not in out


def test_prose_symlink_outside_the_data_folder_is_refused(capsys, broken, tmp_path):
    secret = tmp_path / "rahasia.txt"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    target = broken.folder / "narasi" / "bab1_sdm.md"
    target.unlink()
    target.symlink_to(secret)
    code, out = check(capsys, broken)
    assert code == 1 and "[berkas-luar] narasi/bab1_sdm.md" in out
    from lkjip.load import load_year

    assert "root:x" not in str(load_year(broken.folder).narasi)


def test_year_arguments_are_checked(capsys, tmp_path):
    for args in (["init", "99999"], ["check", "24"], ["render", "-5"], ["import", "x.xlsx", "--year", "20245"]):
        code, out = cli(capsys, "--root", tmp_path, *args)
        assert code == 2 and "tahun tidak sah" in out, (args, out)
    assert not (tmp_path / "data" / "99999").exists()
    code, out = cli(capsys, "--root", tmp_path, "render", "2024", "--jobs", "0")
    assert code == 2


# --- 4./5. logo ---------------------------------------------------------------------------------------
def _project_with_logo(broken, name: str, payload: bytes) -> Path:
    (broken.root / "report").mkdir(exist_ok=True)
    path = broken.root / "report" / name
    path.write_bytes(payload)
    return path


@pytest.mark.parametrize("name,payload,expected", [
    ("logo.png", b"<html>not a png</html>", "bukan gambar PNG"),
    ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><image href="https://contoh.test/x.png"/></svg>',
     "luar berkas"),
    ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "skrip"),
    ("logo.jpg", b"\xff\xd8\xff" + b"\0" * (3 * 1024 * 1024), "terlalu besar"),
])
def test_bad_logo_is_named_by_check(capsys, broken, name, payload, expected):
    path = _project_with_logo(broken, name, payload)
    code, out = check(capsys, broken)
    assert code == 1 and f"[logo] {path}" in out and expected in out


# --- 6. faults: exit codes and named messages -------------------------------------------------------
def test_full_or_read_only_output_is_exit_3_with_the_path(capsys, monkeypatch, broken):
    from lkjip.render import _book

    target = broken.root / "out" / "2024" / "lkjip-2024.pdf"

    def full(*_a, **_k):
        raise OSError(errno.ENOSPC, "No space left on device", str(target))

    monkeypatch.setattr(_book, "_render_book", full)
    code, out = cli(capsys, "--root", ROOT, "--data", broken.root / "data", "render", 2024, "-q", "--engine",
                    "pandoc", "--output", broken.root / "out", "--build", broken.root / "build")
    assert code == 3 and str(target) in out and "ruang disk" in out, out


def test_full_disk_during_import_is_exit_3_with_the_path(capsys, monkeypatch, tmp_path):
    import lkjip.workbook as wb

    def full(*_a, **_k):
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "data" / "2025" / "program.csv"))

    monkeypatch.setattr(wb, "import_workbook", full)
    code, out = cli(capsys, "--root", tmp_path, "import", "x.xlsx", "--year", 2025)
    assert code == 3 and "program.csv" in out and "No space left" in out


def test_missing_typst_is_a_named_render_error(monkeypatch):
    import importlib.util

    from lkjip.render import _pandoc_engine

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "typst" else real(name, *a))
    with pytest.raises(RenderError, match="pip install typst"):
        _pandoc_engine.check_available()


def test_password_protected_workbook_is_named(capsys, tmp_path):
    book = tmp_path / "terkunci.xlsx"
    book.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4096)
    code, out = cli(capsys, "--root", tmp_path, "import", book, "--year", 2025)
    assert code == 1 and "kata sandi" in out and "zip" not in out


def test_workbook_inflating_beyond_the_limit_is_refused_quickly(capsys, tmp_path):
    book = tmp_path / "besar.xlsx"
    with zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/worksheets/sheet1.xml", b"<x>" + b" " * (80 * 1024 * 1024) + b"</x>")
    start = time.monotonic()
    code, out = cli(capsys, "--root", tmp_path, "import", book, "--year", 2025)
    assert code == 1 and "terlalu besar setelah dibuka" in out
    assert time.monotonic() - start < 20


@pytest.fixture(scope="module")
def template_2024(tmp_path_factory):
    out = tmp_path_factory.mktemp("tpl") / "isian.xlsx"
    assert main(["--root", str(ROOT), "-q", "template", "2024", "--from", "2024", "--output", str(out)]) == 0
    return out


def test_stray_cell_at_the_last_row_is_refused_quickly(capsys, tmp_path, template_2024):
    from openpyxl import load_workbook

    wb = load_workbook(template_2024)
    wb["belanja"]["A1048576"] = "x"
    book = tmp_path / "jauh.xlsx"
    wb.save(book)
    start = time.monotonic()
    code, out = cli(capsys, "--root", tmp_path, "import", book, "--year", 2024)
    assert code == 1 and "sheet-terlalu-besar" in out and "1048576" in out
    assert time.monotonic() - start < 30


def test_import_missing_a_column_names_it(capsys, tmp_path, template_2024):
    from openpyxl import load_workbook

    wb = load_workbook(template_2024)
    wb["program"].delete_cols(4)  # pagu
    book = tmp_path / "tanpa-kolom.xlsx"
    wb.save(book)
    code, out = cli(capsys, "--root", tmp_path, "import", book, "--year", 2024)
    assert code == 1
    assert re.search(r"\[kolom-hilang\] sheet program.*kolom 'pagu'", out), out


# --- 1. cache, lock, leftovers ----------------------------------------------------------------------
def test_a_second_render_waits_for_the_lock_and_a_timeout_is_named(tmp_path):
    from lkjip.render._lock import year_lock

    order = []

    def second():
        with year_lock(tmp_path, 2024, quiet=True):
            order.append("second")

    with year_lock(tmp_path, 2024, quiet=True):
        t = threading.Thread(target=second)
        t.start()
        time.sleep(0.5)
        order.append("first")
        with pytest.raises(RenderError, match="sedang dibuat oleh proses lain"):
            with year_lock(tmp_path, 2024, wait=0.3, quiet=True):
                pass
    t.join(5)
    assert order == ["first", "second"]


def test_leftovers_of_a_killed_publication_are_cleaned(tmp_path):
    from lkjip.render._lock import clean_leftovers

    target = tmp_path / "_output" / "2024"
    (target / "data").mkdir(parents=True)
    staging = tmp_path / "_output" / ".2024-sementara-abc123"
    (staging / "data").mkdir(parents=True)
    (tmp_path / "_output" / ".2025-sementara-x").mkdir()  # another year's run: not ours
    (target / ".data.lama").mkdir()                       # the swap finished: the old copy goes
    (target / ".tabel.lama").mkdir()                      # killed mid-swap: the old folder comes back
    clean_leftovers(target)
    assert not staging.exists() and (tmp_path / "_output" / ".2025-sementara-x").exists()
    assert not (target / ".data.lama").exists() and (target / "tabel").is_dir()


def test_cache_entry_records_the_hashes_taken_before_the_run(tmp_path):
    from lkjip.render._cache import ChapterCache, changed_since, snapshot

    year = tmp_path / "data"
    year.mkdir()
    (year / "program.csv").write_text("lama\n", encoding="utf-8")
    before = snapshot(year)
    executed = tmp_path / "x.ipynb"
    executed.write_text("{}", encoding="utf-8")
    (year / "program.csv").write_text("baru\n", encoding="utf-8")  # saved while the chapter ran
    cache = ChapterCache(tmp_path / "cache")
    cache.store("k", executed, ["program.csv"], year, before)
    assert cache.lookup("k", year) is None  # the old result is not valid for the new content
    assert changed_since(year, before) == ["program.csv"]


EDITING_CHAPTER = '''
from pathlib import Path
import os
from lkjip.load import mark_read
from lkjip.present.display import show_md
path = Path(os.path.abspath(data_dir)) / str(year) / "program.csv"
mark_read([str(path)])
value = path.read_text(encoding="utf-8").split()[-1]
show_md(f"# BAB I NILAI\\n\\nNilai program: {value}.")
if value == "6924600":  # the analyst saves a new value while this render runs
    path.write_text("nilai\\n7024600\\n", encoding="utf-8")
'''


def _editing_notebook(folder: Path, nilai: str = "100") -> Path:
    """A one-chapter project in ``folder``: the chapter (returned) and ``data/2024/program.csv``."""
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    (folder / "data" / "2024").mkdir(parents=True)
    (folder / "data" / "2024" / "program.csv").write_text(f"nilai\n{nilai}\n", encoding="utf-8")
    nb = new_notebook(cells=[new_code_cell('year = 2024\ndata_dir = "data"', metadata={"tags": ["parameters"]}),
                             new_code_cell(EDITING_CHAPTER)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = folder / "01_nilai.ipynb"
    nbformat.write(nb, str(path))
    return path


@pytest.mark.slow
def test_edit_during_render_is_never_published_or_cached(tmp_path):
    from lkjip.render import render_book

    chapter = _editing_notebook(tmp_path, nilai="6924600")
    paths = ProjectPaths(tmp_path, data_root=tmp_path / "data", build_root=tmp_path / "_build",
                         output_root=tmp_path / "_output")
    kw = dict(chapters=[chapter], engine="pandoc", metadata={"title": "LKjIP"}, in_process=True)
    with pytest.raises(RenderError, match="berubah selama render: program.csv"):
        render_book(2024, paths, **kw)
    assert not (tmp_path / "_output" / "2024").exists()
    result = render_book(2024, paths, **kw)  # the next render runs the chapter again: the new number
    assert result.executed_count == 1
    html = result.html.read_text(encoding="utf-8")
    assert "7024600" in html and "6924600" not in html
    again = render_book(2024, paths, **kw)
    assert again.executed_count == 0 and again.reused_output


def _one_chapter(root: Path, source: str, files: dict[str, str]) -> tuple[ProjectPaths, dict]:
    """A one-chapter project in ``root``: the chapter runs ``source`` (``year``, ``data_dir`` given),
    ``files`` (relative to ``data/``) are written; returns its paths and the render_book options."""
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    for rel, text in files.items():
        (root / "data" / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / "data" / rel).write_text(text, encoding="utf-8")
    (root / "data" / "2024").mkdir(parents=True, exist_ok=True)
    nb = new_notebook(cells=[new_code_cell('year = 2024\ndata_dir = "data"', metadata={"tags": ["parameters"]}),
                             new_code_cell(textwrap.dedent(source))])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, str(root / "01_bab.ipynb"))
    paths = ProjectPaths(root, data_root=root / "data", build_root=root / "_build", output_root=root / "_output")
    return paths, dict(chapters=[root / "01_bab.ipynb"], engine="pandoc", metadata={"title": "LKjIP"},
                       in_process=True)


@pytest.mark.slow
def test_a_file_saved_during_a_render_and_put_back_leaves_no_stale_chapter(tmp_path):
    from lkjip.render import render_book

    paths, kw = _one_chapter(tmp_path, '''
        import os
        from pathlib import Path
        from lkjip.load import load_year
        from lkjip.present.display import show_md
        folder = Path(data_dir) / str(year)
        load_year(folder)
        mark = Path(data_dir).parent / "disimpan"
        if not mark.exists():  # the analyst saves another value just as the chapter starts
            mark.write_text("1", encoding="utf-8")
            (folder / "nilai.csv").write_text("nilai\\n222\\n", encoding="utf-8")
        value = (folder / "nilai.csv").read_text(encoding="utf-8").split()[-1]
        show_md(f"# BAB I NILAI\\n\\nNilai: {value}.")
        ''', {"2024/nilai.csv": "nilai\n111\n"})
    with pytest.raises(RenderError, match="berubah selama render"):
        render_book(2024, paths, **kw)  # made from 222, while the render began with 111
    (tmp_path / "data" / "2024" / "nilai.csv").write_text("nilai\n111\n", encoding="utf-8")  # put back
    html = render_book(2024, paths, **kw).html.read_text(encoding="utf-8")
    assert "Nilai: 111." in html and "222" not in html


@pytest.mark.slow
def test_a_render_made_from_a_file_saved_while_it_ran_is_not_published(tmp_path):
    """Saved and put back while the chapter ran (this year), or saved after the chapter read it
    (another year): either way the numbers are not those of the files listed, so: exit 3."""
    from lkjip.render import render_book

    paths, kw = _one_chapter(tmp_path, '''
        from pathlib import Path
        from lkjip.load import load_year
        from lkjip.present.display import show_md
        here, last = Path(data_dir) / str(year), Path(data_dir) / str(year - 1)
        mark = Path(data_dir).parent / "langkah"
        step = mark.read_text(encoding="utf-8") if mark.exists() else "0"
        if step == "0":  # saved, read, put back
            (here / "nilai.csv").write_text("nilai\\n222\\n", encoding="utf-8")
        value = (load_year(here).folder / "nilai.csv").read_text(encoding="utf-8").split()[-1]
        if step == "0":
            (here / "nilai.csv").write_text("nilai\\n111\\n", encoding="utf-8")
        before = (load_year(last).folder / "nilai.csv").read_text(encoding="utf-8").split()[-1]
        if step == "1":  # last year's file saved after the chapter read it
            (last / "nilai.csv").write_text("nilai\\n99\\n", encoding="utf-8")
        mark.write_text(str(int(step) + 1), encoding="utf-8")
        show_md(f"# BAB I NILAI\\n\\nNilai: {value}. Tahun lalu: {before}.")
        ''', {"2024/nilai.csv": "nilai\n111\n", "2023/nilai.csv": "nilai\n88\n"})
    with pytest.raises(RenderError, match="berubah selama render: nilai.csv"):
        render_book(2024, paths, **kw)
    with pytest.raises(RenderError, match="berubah selama render: ../2023/nilai.csv"):
        render_book(2024, paths, **kw)
    assert not (tmp_path / "_output" / "2024").exists()
    html = render_book(2024, paths, **kw).html.read_text(encoding="utf-8")
    assert "Nilai: 111. Tahun lalu: 99." in html


@pytest.mark.slow
def test_a_chapter_reading_another_year_runs_again_when_that_year_changes(tmp_path):
    from lkjip.render import render_book

    paths, kw = _one_chapter(tmp_path, '''
        from pathlib import Path
        from lkjip.load import load_year
        from lkjip.present.display import show_md
        data = load_year(Path(data_dir) / str(year))
        lalu = load_year(Path(data_dir) / str(year - 1))
        value = (lalu.folder / "nilai.csv").read_text(encoding="utf-8").split()[-1]
        narasi = sorted(p.name for p in (Path(data_dir) / str(year) / "narasi").glob("*.md"))
        show_md(f"# BAB I NILAI\\n\\nTahun lalu: {value}. Berkas narasi: {len(narasi)}.")
        ''', {"2023/nilai.csv": "nilai\n88\n", "2024/nilai.csv": "nilai\n88\n", "2024/narasi/a.md": "A\n"})
    assert "Tahun lalu: 88. Berkas narasi: 1." in render_book(2024, paths, **kw).html.read_text(encoding="utf-8")
    (tmp_path / "data" / "2023" / "nilai.csv").write_text("nilai\n77\n", encoding="utf-8")
    result = render_book(2024, paths, **kw)
    assert result.executed_count == 1 and "Tahun lalu: 77." in result.html.read_text(encoding="utf-8")
    assert "2023/nilai.csv" in result.html.read_text(encoding="utf-8")  # an input, listed with its SHA-256
    (tmp_path / "data" / "2024" / "narasi" / "b.md").write_text("B\n", encoding="utf-8")  # a file added
    result = render_book(2024, paths, **kw)
    assert result.executed_count == 1 and "Berkas narasi: 2." in result.html.read_text(encoding="utf-8")
    assert render_book(2024, paths, **kw).executed_count == 0


@pytest.mark.slow
def test_a_helper_module_beside_the_notebooks_is_importable_and_part_of_the_key(tmp_path):
    from lkjip.render import render_book

    paths, kw = _one_chapter(tmp_path, '''
        import bantu_uji
        from lkjip.present.display import show_md
        show_md(f"# BAB I\\n\\nNilai bantu {bantu_uji.NILAI}.")
        ''', {})
    (tmp_path / "bantu_uji.py").write_text("NILAI = 5\n", encoding="utf-8")
    try:
        assert "Nilai bantu 5." in render_book(2024, paths, **kw).html.read_text(encoding="utf-8")
        (tmp_path / "bantu_uji.py").write_text("NILAI = 6\n", encoding="utf-8")
        sys.modules.pop("bantu_uji")  # as in the next lkjip process
        result = render_book(2024, paths, **kw)
        assert result.executed_count == 1 and "Nilai bantu 6." in result.html.read_text(encoding="utf-8")
    finally:
        sys.modules.pop("bantu_uji", None)


@pytest.mark.slow
def test_output_follows_the_e_mail_copy_option_and_the_pdf_date(tmp_path, monkeypatch):
    from lkjip.render import render_book

    paths, kw = _one_chapter(tmp_path, '''
        from lkjip.present.display import show_md
        show_md("# BAB I\\n\\nIsi.")
        ''', {})
    first = render_book(2024, paths, **kw, self_contained=True)
    single = first.html.with_name("lkjip-2024-mandiri.html")
    assert single.is_file()
    render_book(2024, paths, **kw)  # without the e-mail copy: the old one does not stay beside the report
    assert not single.exists()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    dated = render_book(2024, paths, **kw)
    assert not dated.reused_output  # another date in the PDF
    assert b"2023" in dated.pdf.read_bytes()  # 14 November 2023


CONCURRENT = textwrap.dedent('''
    import sys
    from pathlib import Path
    from lkjip._paths import ProjectPaths
    from lkjip.render import render_book
    root = Path(sys.argv[1])
    paths = ProjectPaths(root, data_root=root / "data", build_root=root / "_build", output_root=root / "_output")
    render_book(2024, paths, chapters=[root / "01_nilai.ipynb"], engine="pandoc", metadata={"title": "LKjIP"},
                in_process=True)
    print("SELESAI")
''')


def _concurrent_project(folder: Path) -> Path:
    """The one-chapter project of :func:`_editing_notebook` and a script rendering it (``CONCURRENT``)."""
    _editing_notebook(folder)
    script = folder / "run.py"
    script.write_text(CONCURRENT, encoding="utf-8")
    return script


@pytest.mark.slow
def test_two_renders_of_the_same_year_at_once_both_succeed(tmp_path):
    script = _concurrent_project(tmp_path)
    procs = [subprocess.Popen([sys.executable, str(script), str(tmp_path)], stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=600)[0] for p in procs]
    assert all(p.returncode == 0 for p in procs), outs
    assert all("SELESAI" in o for o in outs)
    assert not list((tmp_path / "_output").glob(".2024-sementara-*"))


# --- 2. prose allow-list -------------------------------------------------------------------------------
VECTORS = [
    '[x]{onmouseover="alert(1)" style="position:fixed;top:0;left:0;width:100%;height:100%"}',
    "![g](figures/x.png){onerror=alert(1)}",
    "[k](javascript:alert(1))",
    "[j](  JaVa\tScRiPt:alert(1))",
    "[d](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '[s]{style="background:url(https://contoh.test/lacak.png)"}',
    "![remote](https://contoh.test/pixel.png)",
    "<script>alert(1)</script> <iframe src=x></iframe> <img src=x onerror=alert(1)>",
    '::: {onclick="alert(1)"}\ndiv\n:::',
    '#### Judul {onclick="alert(1)" style="color:red"}',
    "`kode`{onmouseover=alert(1)}",
]
HOSTILE = "\n\n".join(VECTORS) + "\n\nTautan baik: [situs](https://contoh.go.id) dan [surel](mailto:a@contoh.go.id)."


def _assert_inert(html: str) -> None:
    assert not re.search(r"<[a-z][^>]*\son[a-z]+\s*=", html, re.I), "event handler attribute"
    assert not re.search(r"(href|src)\s*=\s*\"\s*(javascript|data:text|vbscript)", html, re.I)
    assert "contoh.test" not in html
    assert not re.search(r"<(script|iframe)\b", html, re.I)
    assert 'style="position' not in html and "background:url" not in html.replace(" ", "")


def test_prose_allow_list():
    from lkjip._safe_md import prose

    text = prose(HOSTILE)
    for bad in ("onmouseover", "onclick", "javascript", "JaVa", "data:text", "contoh.test", "style="):
        assert bad not in text, (bad, text)
    assert "\\<img src=x onerror=alert(1)\\>" in text  # raw HTML stays text
    assert "[situs](https://contoh.go.id)" in text and "mailto:a@contoh.go.id" in text
    assert "#### Judul" in text


def test_assembled_html_is_inert_even_without_the_prose_filter():
    from lkjip.render._assemble import assemble
    from lkjip.render._parts import Markdown

    body = assemble([Markdown("# BAB I {#bab-1}"), Markdown(HOSTILE)])
    _assert_inert(body)
    assert 'href="https://contoh.go.id"' in body and 'id="bab-1"' in body


def test_check_warns_about_what_the_allow_list_drops(capsys, broken):
    (broken.folder / "narasi" / "bab1_sdm.md").write_text(HOSTILE, encoding="utf-8")
    code, out = cli(capsys, "--root", broken.root, "check", 2024)
    assert code == 0
    warned = [ln for ln in out.splitlines() if "[narasi-dibuang] narasi/bab1_sdm.md" in ln]
    assert len(warned) >= 8 and any("gambar" in w for w in warned) and any("tautan" in w for w in warned)
    assert not any("contoh.go.id" in w for w in warned)


def test_prose_reaches_chapters_through_the_allow_list(broken):
    from lkjip.load import load_year

    (broken.folder / "narasi" / "bab1_sdm.md").write_text(HOSTILE, encoding="utf-8")
    text = load_year(broken.folder).teks("bab1_sdm.md")
    assert "onmouseover" not in text and "javascript" not in text and "contoh.test" not in text


HOSTILE_CHAPTER = '''
from lkjip.present.display import show_md
from lkjip._safe_md import prose
show_md("# BAB I UJI {#bab-1}")
show_md(HOSTILE)
show_md(prose(HOSTILE))
'''


@pytest.mark.slow
@pytest.mark.browser
def test_hostile_prose_and_big_logo_in_chromium(tmp_path):
    """Every vector, shown even *without* the prose filter, stays inert in Chromium: no dialog, no
    request, no event handler; the CSP forbids scripts. A 300 KB logo renders (it travels as a file)."""
    pw = pytest.importorskip("playwright.sync_api")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        pytest.skip("chromium not installed")
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook
    from PIL import Image

    from lkjip.render import render_book

    nb = new_notebook(cells=[new_code_cell("year = 2024\ndata_dir = 'data'", metadata={"tags": ["parameters"]}),
                             new_code_cell(f"HOSTILE = {HOSTILE!r}\n" + HOSTILE_CHAPTER)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    chapter = tmp_path / "01_uji.ipynb"
    nbformat.write(nb, str(chapter))
    (tmp_path / "report").mkdir()
    Image.frombytes("RGB", (400, 300), os.urandom(400 * 300 * 3)).save(tmp_path / "report" / "logo.png")
    assert (tmp_path / "report" / "logo.png").stat().st_size > 300_000
    (tmp_path / "data" / "2024").mkdir(parents=True)
    paths = ProjectPaths(tmp_path, data_root=tmp_path / "data", build_root=tmp_path / "_build",
                         output_root=tmp_path / "_output")
    result = render_book(2024, paths, chapters=[chapter], engine="pandoc", in_process=True,
                         metadata={"title": "LKjIP", "kabupaten": "Kabupaten Contoh"})
    page = result.html.read_text(encoding="utf-8")
    _assert_inert(page.split("</head>", 1)[1])
    assert "script-src 'none'" in page and "default-src 'none'" in page
    with pw.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        page_ = browser.new_page(viewport={"width": 1280, "height": 900})
        dialogs, requests = [], []
        page_.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page_.on("request", lambda r: requests.append(r.url))
        page_.goto(result.html.as_uri())
        page_.wait_for_load_state("load")
        page_.mouse.move(5, 5)
        page_.mouse.move(640, 450)
        for el in page_.query_selector_all("main span, main a, main code, main h4, main div"):
            try:
                el.hover(timeout=200)
            except Exception:  # noqa: BLE001 - hidden or zero-size elements
                pass
        handlers = page_.evaluate("""Array.from(document.querySelectorAll('*')).flatMap(e =>
            Array.from(e.attributes).filter(a => /^on/i.test(a.name) ||
              (/^(href|src)$/i.test(a.name) && /^\\s*(javascript|data:text)/i.test(a.value))).map(a => a.name))""")
        logo = page_.evaluate("(() => { const i = document.querySelector('img.logo'); "
                              "return i && i.complete && i.naturalWidth; })()")
        browser.close()
    assert not dialogs, dialogs
    assert all(u.startswith(("file://", "data:")) for u in requests), requests
    assert not handlers, handlers
    assert logo == 400


@pytest.mark.parametrize("text", [">" * 300 + " kutipan dalam", "\n".join("  " * i + "- butir" for i in range(120))])
def test_deeply_nested_prose_still_makes_a_pdf(tmp_path, text):
    from lkjip._safe_md import prose
    from lkjip.render import _pandoc_engine
    from lkjip.render._parts import Markdown

    (tmp_path / "s").mkdir()
    _, pdf = _pandoc_engine.render([Markdown("# BAB I UJI {#bab-1}"), Markdown(prose(text))], tmp_path / "s",
                                   tmp_path / "w", year=2024, metadata={"title": "LKjIP"}, version="uji", logo=None)
    assert pdf.stat().st_size > 1000


def test_dollar_signs_in_data_do_not_stop_charts(broken):
    import matplotlib

    matplotlib.use("Agg")
    from lkjip.load import load_year
    from lkjip.present import charts
    from lkjip.present.display import figure_svg

    broken.edit("organisasi.csv", {"kode": "AS1"}, nama=r"Asisten $\frac{$ Pemerintahan")
    broken.edit("program.csv", {"kode": "P1"}, nama=r"Program $x^{$ Sengketa")
    for chart in charts.semua(load_year(broken.folder)):
        assert "<svg" in figure_svg(chart.fig)


@pytest.mark.slow
def test_sigkill_during_publication_leaves_nothing_behind_for_good(tmp_path):
    import signal

    script = _concurrent_project(tmp_path)
    proc = subprocess.Popen([sys.executable, str(script), str(tmp_path)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while not list((tmp_path / "_output").glob(".2024-sementara-*")) and proc.poll() is None:
        assert time.monotonic() < deadline
        time.sleep(0.02)
    assert proc.poll() is None, "the render ended before it published"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert list((tmp_path / "_output").glob(".2024-sementara-*"))  # what a killed run leaves
    again = subprocess.run([sys.executable, str(script), str(tmp_path)], capture_output=True, text=True, timeout=600)
    assert again.returncode == 0 and "SELESAI" in again.stdout, again.stderr
    assert not list((tmp_path / "_output").glob(".2024-sementara-*"))
    assert (tmp_path / "_output" / "2024" / "lkjip-2024.html").is_file()


@pytest.mark.slow
def test_output_that_cannot_be_written_is_exit_3_with_the_path(capsys, tmp_path):
    _editing_notebook(tmp_path)
    (tmp_path / "_output").write_text("a file where the output folder should be", encoding="utf-8")
    paths = ProjectPaths(tmp_path, data_root=tmp_path / "data", build_root=tmp_path / "_build",
                         output_root=tmp_path / "_output")
    from lkjip.render import render_book

    with pytest.raises(RenderError) as err:
        render_book(2024, paths, chapters=[tmp_path / "01_nilai.ipynb"], engine="pandoc",
                    metadata={"title": "LKjIP"}, in_process=True)
    assert err.value.exit_code == 3 and str(tmp_path / "_output") in str(err.value)


def test_opening_another_year_keeps_the_report_years_placeholders(tmp_path, monkeypatch):
    import lkjip.present.display as display
    from lkjip.notebook import CONTEXT_KIND, buka

    shutil.copytree(ROOT / "data" / "2024", tmp_path / "2024")
    shutil.copytree(ROOT / "data" / "2024", tmp_path / "2023")
    published: list[dict] = []
    monkeypatch.setattr(display, "_publish", lambda data, meta: published.append(meta))
    cell = {"year": 2024, "buka": buka, "data_dir": str(tmp_path)}  # a chapter's namespace
    exec("data = buka(year, data_dir)\nlalu = buka(year - 1, data_dir)", cell)  # noqa: S102
    contexts = [m for m in published if m.get("kind") == CONTEXT_KIND]
    assert len(contexts) == 1 and cell["lalu"].folder.name == "2023"


def test_local_code_covers_helper_packages_beside_the_notebooks(tmp_path):
    from lkjip.render._cache import local_code

    (tmp_path / "alat").mkdir()
    (tmp_path / "alat" / "sub.py").write_text("X = 1\n", encoding="utf-8")
    (tmp_path / ".ipynb_checkpoints").mkdir()
    before = local_code(tmp_path)
    (tmp_path / ".ipynb_checkpoints" / "salinan.py").write_text("X = 9\n", encoding="utf-8")
    assert local_code(tmp_path) == before
    (tmp_path / "alat" / "sub.py").write_text("X = 2\n", encoding="utf-8")
    assert local_code(tmp_path) != before


@pytest.mark.parametrize("value", ["abc", "99999999999999", "-5"])
def test_a_bad_source_date_epoch_is_named(value, monkeypatch):
    from lkjip.render._pandoc_engine import fixed_timestamp

    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    with pytest.raises(RenderError, match="SOURCE_DATE_EPOCH"):
        fixed_timestamp(2024)


def test_a_notebook_without_cell_ids_gives_no_library_warning(tmp_path):
    import json

    shutil.copytree(ROOT / "notebooks", tmp_path / "notebooks", ignore=shutil.ignore_patterns(".*"))
    shutil.copytree(ROOT / "data" / "2024", tmp_path / "data" / "2024")
    for path in (tmp_path / "notebooks").glob("*.ipynb"):  # as after editing by hand
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            cell.pop("id", None)
        path.write_text(json.dumps(nb), encoding="utf-8")
    exe = shutil.which("lkjip", path=str(Path(sys.executable).parent)) or "lkjip"
    proc = subprocess.run([exe, "--root", str(tmp_path), "check", "2024"], capture_output=True, text=True)
    assert proc.returncode == 0 and "Ringkasan" in proc.stdout
    assert "Warning" not in proc.stderr, proc.stderr
