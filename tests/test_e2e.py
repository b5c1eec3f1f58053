"""End to end: `lkjip render 2024` through the console script, then the HTML and PDF are searched for
the reference document's captions, headings and key figures, and the HTML is opened in Chromium."""
from __future__ import annotations

import html as htmlmod
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow

CAPTIONS = [
    "Tujuan dan Sasaran Jangka Menengah Sekretariat Daerah Kabupaten Tanjung Jabung Timur Tahun 2021-2026",
    "Penetapan Kebijakan, Program, Kegiatan dan Sub Kegiatan",
    "Rencana Kinerja Tahunan Sekretariat Daerah Kabupaten Tanjung Jabung Timur",
    "Rencana Aksi Sekretariat Daerah Tahun 2024",
    "Perbandingan Antara Target dan Realisasi Kinerja Tahun 2024",
    "Kategori Penilaian AKIP",
    "Opini BPK",
    "Perbandingan Antara Realisasi Kinerja serta Capaian Kinerja Tahun Ini dengan Tahun Lalu dan Beberapa Tahun Terakhir",
    "Perbandingan Realisasi Kinerja dengan Target Jangka Menengah",
    "Analisis Penyebab Keberhasilan/Kegagalan Kinerja serta Alternatif Solusi",
    "Analisis atas Efisiensi Penggunaan Sumber Daya",
    "Tabel 3.1.8 Indeks Kepuasan Masyarakat (IKM): Nilai per Unsur Pelayanan Tahun 2024",
    "Tabel 3.1.9 Predikat AKIP OPD: Komponen Penilaian Tahun 2024",
    "Tabel 3.1.10 Indikator Sasaran dan Program Pendukung Sasaran Strategis 2",
    "Tabel 3.2.1 Alokasi Anggaran per Sasaran dan Indikator Sekretariat Daerah Kabupaten Tanjung Jabung Timur "
    "Tahun 2024",
]
HEADINGS = ["KATA PENGANTAR", "BAB I PENDAHULUAN", "BAB II PERENCANAAN DAN PERJANJIAN KINERJA",
            "BAB III AKUNTABILITAS KINERJA", "BAB IV PENUTUP", "LAMPIRAN", "1.3 Dasar Hukum",
            "3.2 Realisasi Anggaran", "4.2 Rekomendasi"]
FIGURES = ["Rp41.939.766.218", "96,25%", "107,78%", "99,06%", "Rp43.574.741.594", "Rp1.634.975.376", "72,30",
           "20 Januari 2025", "H. SAPRIL, S.IP."]


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def rendered(report2024):
    out, html_path = report2024["out"], report2024["html_path"]
    pdf_path = html_path.with_suffix(".pdf")
    page = html_path.read_text(encoding="utf-8")
    text = norm(htmlmod.unescape(re.sub(r"<[^>]+>", " ", page)))
    pdf_text = norm(subprocess.run(["pdftotext", "-layout", str(pdf_path), "-"], capture_output=True,
                                   text=True, check=True).stdout)
    return {"out": out, "html_path": html_path, "pdf_path": pdf_path, "html": page, "text": text, "pdf": pdf_text,
            "stderr": report2024["proc"].stderr}


@pytest.mark.parametrize("needle", CAPTIONS)
def test_captions_in_html_and_pdf(rendered, needle):
    assert norm(needle).casefold() in rendered["text"].casefold()
    assert norm(needle).casefold() in rendered["pdf"].casefold()


def test_table_and_figure_numbers_run_without_gaps(rendered):
    """Numbers come from the order of appearance (per chapter; Bab III per section)."""
    for tag, kind in (("caption", "Tabel"), ("figcaption", "Gambar")):
        found = re.findall(rf"<{tag}>{kind} ([0-9L][0-9.]*) ", rendered["html"])
        assert found, kind
        seen: dict[str, list[int]] = {}
        for number in found:
            prefix, _, n = number.rpartition(".")
            seen.setdefault(prefix, []).append(int(n))
        for prefix, ns in seen.items():
            assert ns == list(range(1, len(ns) + 1)), (kind, prefix, ns)
    assert "Tabel 3.1.1 " in rendered["pdf"] and "Tabel 3.2.1 " in rendered["pdf"] and "Tabel L.2 " in rendered["pdf"]


@pytest.mark.parametrize("needle", HEADINGS + FIGURES)
def test_headings_and_key_figures(rendered, needle):
    assert needle in rendered["text"]
    assert needle in rendered["pdf"]


def test_no_erratum_copied(rendered):
    assert "Rembang" not in rendered["text"] and "Rembang" not in rendered["pdf"]
    assert "TANJUNGGABUNG" not in rendered["text"]


def test_pdf_is_a4_and_covers_every_chapter(rendered):
    from pypdf import PdfReader

    reader = PdfReader(str(rendered["pdf_path"]))
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - 595.28) < 2 and abs(float(box.height) - 841.89) < 2
    assert len(reader.pages) >= 30
    for word in ("Daftar Isi", "Daftar Tabel", "Daftar Gambar"):
        assert word.casefold() in rendered["pdf"].casefold()


def test_provenance_lists_inputs_with_sha256(rendered):
    import hashlib

    digest = hashlib.sha256((ROOT / "data" / "2024" / "program.csv").read_bytes()).hexdigest()
    assert digest in rendered["html"]
    assert "program.csv" in rendered["text"]


def test_html_is_offline(rendered):
    for url in re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)""", rendered["html"]):
        assert not re.match(r"(https?:)?//", url), url


def test_html_in_chromium(rendered):
    pw = pytest.importorskip("playwright.sync_api")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        pytest.skip("chromium not installed")
    with pw.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=[
            "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        page = browser.new_page(viewport={"width": 390, "height": 844})
        requests, errors = [], []
        page.on("request", lambda r: requests.append(r.url))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(rendered["html_path"].as_uri())
        page.wait_for_load_state("load")
        images = page.evaluate("Array.from(document.images).map(i => [i.complete && i.naturalWidth > 0, i.alt])")
        overflow = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        browser.close()
    assert not errors, errors
    outside = [u for u in requests if not (u.startswith("file://" + str(rendered["out"])) or u.startswith("data:"))]
    assert not outside, outside
    assert len(images) >= 8 and all(ok for ok, _ in images), images
    assert all(alt for _, alt in images)
    assert overflow, "the page scrolls sideways on a phone: wide tables must scroll inside their wrapper"


def test_render_is_reproducible(rendered, tmp_path):
    exe = shutil.which("lkjip", path=str(Path(sys.executable).parent)) or "lkjip"
    out = tmp_path / "out"
    proc = subprocess.run([exe, "--root", str(ROOT), "render", "2024", "--engine", "pandoc", "--html-mandiri",
                           "--output", str(out), "--build", str(tmp_path / "build"), "--quiet"],
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr
    first = sorted(p.relative_to(rendered["out"]) for p in rendered["out"].rglob("*") if p.is_file())
    second = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())
    assert first == second and len(first) > 40  # HTML, PDF, each table's CSV/XLSX, the open data
    for rel in first:
        assert (out / rel).read_bytes() == (rendered["out"] / rel).read_bytes(), rel


# --- a second year from its own data folder (illustrative, not real) --------------------------------
FIXTURE_DATA = ROOT / "tests" / "fixtures" / "data"


def _render_cli(args, out, build, timeout=900):
    exe = shutil.which("lkjip", path=str(Path(sys.executable).parent)) or "lkjip"
    return subprocess.run([exe, "--root", str(ROOT), *args, "--output", str(out), "--build", str(build)],
                          capture_output=True, text=True, timeout=timeout)


def test_second_year_renders_from_its_own_data(tmp_path):
    """tests/fixtures/data/2025 (Dinas Contoh, invented) renders with the same code and notebooks;
    its own numbers, computed by the library from its files, appear in HTML and PDF."""
    from lkjip import compute
    from lkjip.fmt import persen, rupiah
    from lkjip.load import load_year

    data = load_year(FIXTURE_DATA / "2025")
    total = compute.anggaran_total(data)
    ikm = compute.hasil_iku(data).set_index("iku").loc["IKU1"]
    out = tmp_path / "out"
    proc = _render_cli(["--data", str(FIXTURE_DATA), "render", "2025", "--engine", "pandoc", "--quiet"],
                       out, tmp_path / "build")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    page = (out / "2025" / "lkjip-2025.html").read_text(encoding="utf-8")
    text = norm(htmlmod.unescape(re.sub(r"<[^>]+>", " ", page)))
    pdf = norm(subprocess.run(["pdftotext", "-layout", str(out / "2025" / "lkjip-2025.pdf"), "-"],
                              capture_output=True, text=True, check=True).stdout)
    for needle in (rupiah(int(total["pagu"])), rupiah(int(total["realisasi"])), persen(float(total["persen"])),
                   persen(float(ikm["capaian"])), "Dinas Contoh", "Kabupaten Contoh Makmur", "BAB IV PENUTUP",
                   "Tahun 2025"):
        assert needle in text, needle
        assert needle in pdf, needle
    assert "Tanjung Jabung" not in text and "Tanjung Jabung" not in pdf


@pytest.mark.skipif(shutil.which("quarto") is None, reason="quarto is not on PATH (users install it)")
def test_quarto_engine_renders_2024(tmp_path):
    out = tmp_path / "out"
    proc = _render_cli(["render", "2024", "--engine", "quarto", "--quiet"], out, tmp_path / "build", timeout=1800)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    page = (out / "2024" / "lkjip-2024.html").read_text(encoding="utf-8")
    assert "Rp41.939.766.218" in htmlmod.unescape(page)
    assert (out / "2024" / "lkjip-2024.pdf").read_bytes().startswith(b"%PDF")


def test_table_downloads_hold_the_numbers_shown(rendered):
    """Every table of the HTML links its data as CSV and XLSX; each number in them appears, in the
    report's Indonesian format, in that table."""
    import csv
    import io

    from openpyxl import load_workbook

    from lkjip.fmt import angka

    page, folder = rendered["html"], rendered["html_path"].parent
    ids = re.findall(r'href="data/(tbl-[\w-]+)\.csv"', page)
    assert len(ids) == len(re.findall(r'<table id="tbl-', page)) >= 20
    for tid in ids:
        table = re.search(rf'<table id="{tid}".*?</table>', page, re.S).group(0)
        text = norm(htmlmod.unescape(re.sub(r"<[^>]+>", " ", table)))
        rows = list(csv.reader(io.StringIO((folder / "data" / f"{tid}.csv").read_text(encoding="utf-8-sig"))))
        sheet = load_workbook(folder / "data" / f"{tid}.xlsx").active
        assert [c.value for c in sheet[1]] == rows[0], tid  # the header in row 1
        for r, row in enumerate(rows[1:], start=2):
            for c, value in enumerate(row, start=1):
                if re.fullmatch(r"-?\d+", value):
                    shown, number = angka(int(value)), int(value)
                elif re.fullmatch(r"-?\d+\.\d+", value):
                    shown, number = angka(float(value), 2), float(value)
                else:
                    continue
                assert shown in text, (tid, value)
                assert sheet.cell(row=r, column=c).value == number, (tid, r, c)
    budget = (folder / "data" / "terbuka" / "anggaran_program.csv").read_text(encoding="utf-8-sig")
    assert "32789216211" in budget and "84.12" in budget


def test_text_from_data_is_escaped_everywhere(tmp_path):
    """A `<script>` typed into a data file shows as text in the HTML, in tables, prose and captions."""
    from conftest import DATA_2024

    evil = "<script>alert(1)</script>"
    data = tmp_path / "data"
    shutil.copytree(DATA_2024, data / "2024")
    program = data / "2024" / "program.csv"
    program.write_text(program.read_text(encoding="utf-8").replace(
        "Program Penyelesaian Sengketa Tanah Garapan", f"Program Sengketa {evil} *tebal*"), encoding="utf-8")
    prose = data / "2024" / "narasi" / "bab1_sdm.md"
    prose.write_text(prose.read_text(encoding="utf-8") + f"\nCatatan analis: {evil}\n", encoding="utf-8")
    out = tmp_path / "out"
    proc = _render_cli(["--data", str(data), "render", "2024", "--engine", "pandoc", "--quiet"], out,
                       tmp_path / "build")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    page = (out / "2024" / "lkjip-2024.html").read_text(encoding="utf-8")
    assert "<script" not in page.lower()
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 3  # prose, tables, the program sentence
    assert "Program Sengketa" in page and "<em>tebal</em>" not in page
