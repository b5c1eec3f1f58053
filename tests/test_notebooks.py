"""The chapter notebooks are the chapters: Markdown cells are report text, code cells with Quarto cell
options become captioned, numbered tables and figures, an analyst's own cells join the report, and a
notebook run by hand (papermill from any folder) gives the same chapter as `lkjip render`."""
from __future__ import annotations

import base64
import html as htmlmod
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from conftest import DATA_2024, ROOT
from lkjip.errors import RenderError
from lkjip.render._parts import Figure, Markdown, Table, read_parts

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
PNG = base64.b64encode(b"\x89PNG\r\n\x1a\n-uji-").decode("ascii")


def _out(data: dict, meta: dict | None = None):
    return new_output("display_data", data=data, metadata={"lkjip": meta} if meta else {})


def _context(**values):
    return _out({"text/plain": "<penanda>"}, {"kind": "konteks", "values": values})


def _table(caption="Judul Pustaka", id="tbl-pustaka"):
    return _out({"text/html": "<table><tr><td>1</td></tr></table>"},
                {"kind": "table", "caption": caption, "id": id, "wide": False, "csv": "a\n1\n"})


def _parts(tmp_path, *cells):
    nb = new_notebook(cells=list(cells))
    path = tmp_path / "bab.ipynb"
    nbformat.write(nb, str(path))
    return read_parts(path)


# --- reading a chapter (no kernel) -------------------------------------------------------------
def test_markdown_cells_are_report_text_with_escaped_placeholders(tmp_path):
    parts = _parts(tmp_path,
                   new_markdown_cell("Catatan untuk analis", metadata={"tags": ["remove-cell"]}),
                   new_code_cell("data = buka(year, data_dir)", outputs=[_context(opd="Dinas <b>*X*</b>", tahun="2024")]),
                   new_markdown_cell("## 2.5 Perjanjian Kinerja Tahun {{ tahun }}"),
                   new_markdown_cell("Laporan {{opd}} tahun {{ tahun }}."))
    assert parts == [Markdown("## 2.5 Perjanjian Kinerja Tahun 2024"),
                     Markdown(r"Laporan Dinas \<b\>\*X\*\</b\> tahun 2024.")]


def test_unknown_placeholder_names_cell_and_known_names(tmp_path):
    with pytest.raises(RenderError) as err:
        _parts(tmp_path, new_code_cell("", outputs=[_context(opd="Dinas", tahun="2024")]),
               new_markdown_cell("Tahun {{ tahunn }}"))
    message = str(err.value)
    assert "bab.ipynb" in message and "sel 2" in message and "tahunn" in message and "opd, tahun" in message


def test_cell_options_give_id_caption_and_alt(tmp_path):
    parts = _parts(tmp_path,
                   new_code_cell("#| label: tbl-ganti\n#| tbl-cap: Judul dari Sel\nshow(T.x(data))", outputs=[_table()]),
                   new_code_cell("show(T.x(data))", outputs=[_table()]),
                   new_code_cell("#| label: fig-garis\n#| fig-cap: \"Grafik: garis\"\n#| fig-alt: Garis naik\nplt.gca()",
                                 outputs=[_out({"image/png": PNG})]),
                   new_code_cell("#| fig-cap: Tanpa label\nfig", outputs=[_out({"image/png": PNG})]),
                   new_code_cell("df  # exploration: no options, not report content",
                                 outputs=[_out({"image/png": PNG}), _out({"text/html": "<table></table>"})]))
    first, second, fig, unlabelled = parts
    assert (first.caption, first.id, first.csv) == ("Judul dari Sel", "tbl-ganti", "a\n1\n")  # option wins
    assert (second.caption, second.id) == ("Judul Pustaka", "tbl-pustaka")
    assert isinstance(fig, Figure) and (fig.caption, fig.id, fig.alt) == ("Grafik: garis", "fig-garis", "Garis naik")
    assert unlabelled.id == "fig-bab-4" and unlabelled.alt == "Tanpa label"  # id from the cell, alt from the caption


@pytest.mark.parametrize("source, outputs, expected", [
    ("#| label: tbl-dua\nx", [_table(), _table()], "2 tabel"),
    ("#| label: bukan-label\nx", [_table()], "label 'bukan-label'"),
    ("#| tbl-cap: [tidak, tutup\nx", [_table()], "YAML"),
    ("#| fig-cap: Grafik\nplt.show()", [], "plt.gca()"),
])
def test_bad_cell_options_are_named(tmp_path, source, outputs, expected):
    with pytest.raises(RenderError, match=re.escape(expected)) as err:
        _parts(tmp_path, new_code_cell(source, outputs=outputs))
    assert "sel 1" in str(err.value)


def test_committed_notebooks_have_no_outputs_and_run_anywhere():
    for path in NOTEBOOKS:
        nb = nbformat.read(str(path), as_version=4)
        nbformat.validate(nb)
        ids = [c.id for c in nb.cells]
        assert len(ids) == len(set(ids)), path.name
        params = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
        assert len(params) == 1 and re.search(r"^data_dir = None\b", params[0].source, re.M), path.name
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert not cell.outputs and cell.execution_count is None, path.name
        headings = [c.source for c in nb.cells if c.cell_type == "markdown" and c.source.startswith("# ")]
        assert headings, path.name  # the chapter heading is a Markdown cell (front matter may hold two)


def test_project_root_without_working_folder(tmp_path, monkeypatch):
    from lkjip.notebook import project_root, year_folder

    monkeypatch.delenv("LKJIP_ROOT", raising=False)
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    monkeypatch.chdir(tmp_path)
    assert project_root() == ROOT  # the project of the (editable) lkjip install
    monkeypatch.chdir(ROOT / "notebooks")
    assert year_folder(2024) == ROOT / "data" / "2024"
    monkeypatch.setenv("LKJIP_ROOT", str(tmp_path))
    (tmp_path / "data").mkdir()
    (tmp_path / "notebooks").mkdir()
    assert year_folder(2024, "data") == tmp_path / "data" / "2024"


# --- an analyst extends a chapter ----------------------------------------------------------------
EXTRA = [
    new_markdown_cell("## 3.3 Analisis Tambahan {{ opd }}\n\nParagraf analisis sendiri tentang capaian tahun "
                      "{{ tahun }}."),
    new_code_cell("#| label: tbl-analisis-sendiri\n#| tbl-cap: Ringkasan Capaian IKU Buatan Analis\n"
                  "import pandas as pd\n\n"
                  "iku = data[\"iku\"]\n"
                  "pd.DataFrame({\"Kode\": iku[\"kode\"], \"Indikator\": iku[\"nama\"], \"Bobot Uji\": 1234.5})"),
    new_code_cell("#| label: fig-analisis-sendiri\n#| fig-cap: Jumlah IKU per Sasaran Buatan Analis\n"
                  "#| fig-alt: Grafik batang jumlah indikator kinerja utama setiap sasaran\n"
                  "import matplotlib.pyplot as plt\n\n"
                  "fig, ax = plt.subplots(figsize=(6, 3))\n"
                  "data[\"iku\"][\"sasaran\"].value_counts(sort=False).plot.bar(ax=ax)\n"
                  "plt.gca()"),
]


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.slow
def test_analyst_cells_join_the_report(tmp_path):
    """A copy of Bab III with a paragraph, a DataFrame and a matplotlib chart added renders them
    numbered, listed in Daftar Tabel/Gambar, the table downloadable."""
    project = tmp_path / "proyek"
    shutil.copytree(DATA_2024, project / "data" / "2024")
    (project / "notebooks").mkdir()
    nb = nbformat.read(str(ROOT / "notebooks" / "03_akuntabilitas.ipynb"), as_version=4)
    nb.cells += EXTRA
    nbformat.write(nb, str(project / "notebooks" / "03_akuntabilitas.ipynb"))
    exe = shutil.which("lkjip", path=str(Path(sys.executable).parent)) or "lkjip"
    proc = subprocess.run([exe, "--root", str(project), "render", "2024", "-q"], capture_output=True, text=True,
                          timeout=900)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = project / "_output" / "2024"
    page = (out / "lkjip-2024.html").read_text(encoding="utf-8")
    text = _norm(htmlmod.unescape(re.sub(r"<[^>]+>", " ", page)))
    pdf = _norm(subprocess.run(["pdftotext", "-layout", str(out / "lkjip-2024.pdf"), "-"], capture_output=True,
                               text=True, check=True).stdout)
    for needle in ("3.3 Analisis Tambahan Sekretariat Daerah", "Paragraf analisis sendiri tentang capaian tahun 2024.",
                   "Ringkasan Capaian IKU Buatan Analis", "Jumlah IKU per Sasaran Buatan Analis", "1.234,50"):
        assert needle in text, needle
        assert needle in pdf, needle
    number = re.search(r"<caption>Tabel (3\.3\.1) Ringkasan Capaian IKU Buatan Analis</caption>", page)
    assert number, "the table is numbered in its section"
    assert re.search(r'<figure id="fig-analisis-sendiri">.*?<img src="gambar/fig-analisis-sendiri\.svg"[^>]*'
                     r'alt="Grafik batang jumlah indikator kinerja utama setiap sasaran"', page, flags=re.S)
    assert re.search(r"<figcaption>Gambar 3\.\d+ Jumlah IKU per Sasaran Buatan Analis</figcaption>", page)
    listed = page[page.index('id="daftar-tabel"'):page.index('id="daftar-gambar"')]
    assert 'href="#tbl-analisis-sendiri">Tabel 3.3.1 Ringkasan Capaian IKU Buatan Analis' in listed
    assert "Jumlah IKU per Sasaran Buatan Analis" in page[page.index('id="daftar-gambar"'):]
    assert re.search(r"Tabel 3\.3\.1 Ringkasan Capaian IKU Buatan Analis \.[ .\u2060]*\d+", pdf)  # Daftar Tabel
    assert 'href="data/tbl-analisis-sendiri.csv"' in page
    csv = (out / "data" / "tbl-analisis-sendiri.csv").read_text(encoding="utf-8-sig").splitlines()
    assert csv[0] == "Kode,Indikator,Bobot Uji" and csv[1].endswith(",1234.5")
    assert (out / "data" / "tbl-analisis-sendiri.xlsx").is_file()


@pytest.mark.slow
def test_papermill_by_hand_from_another_folder_gives_the_rendered_chapter(tmp_path):
    """`papermill notebooks/03_akuntabilitas.ipynb out.ipynb` from an unrelated folder, no parameters,
    reads the same parts as the chapter `lkjip render` executes."""
    from lkjip.render._execute import execute_chapter, install_kernelspec

    chapter = ROOT / "notebooks" / "03_akuntabilitas.ipynb"
    rendered = execute_chapter(chapter, tmp_path / "render" / chapter.name,
                               {"year": 2024, "data_dir": str(ROOT / "data")},
                               install_kernelspec(tmp_path / "kernel"), cwd=chapter.parent)
    elsewhere = tmp_path / "di-tempat-lain"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("LKJIP_ROOT", "JPY_SESSION_NAME")}
    proc = subprocess.run([sys.executable, "-m", "papermill", str(chapter), "hasil.ipynb", "--no-progress-bar"],
                          cwd=elsewhere, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    by_hand = read_parts(elsewhere / "hasil.ipynb")
    expected = read_parts(rendered)
    assert [type(p).__name__ for p in by_hand] == [type(p).__name__ for p in expected]
    assert by_hand == expected
    assert any(isinstance(p, Table) for p in by_hand) and any(isinstance(p, Figure) for p in by_hand)
    assert json.loads((elsewhere / "hasil.ipynb").read_text(encoding="utf-8"))["cells"][1]["source"]


def test_check_names_a_bad_notebook_cell(tmp_path):
    """`lkjip check` finds what would stop the render in a chapter notebook."""
    from lkjip.notebook import periksa_notebook

    good = [new_markdown_cell("Tahun {{ tahun }}"), new_code_cell("#| label: tbl-baik\nx")]
    bad = [new_markdown_cell("catatan {{ tidak_ada }}", metadata={"tags": ["remove-cell"]}),
           new_markdown_cell("Unit {{ unit }}"), new_code_cell("#| label: tabel-x\nx"),
           new_code_cell("#| label: tbl-baik\ny")]
    for name, cells in (("01_baik.ipynb", good), ("02_buruk.ipynb", bad)):
        nbformat.write(new_notebook(cells=cells), str(tmp_path / name))
    found = periksa_notebook(sorted(tmp_path.glob("*.ipynb")), {"tahun": "2024", "opd": "Dinas"})
    assert [(t.galat, t.berkas) for t in found] == [(True, "notebooks/02_buruk.ipynb")] * 3
    assert "Sel 2" in found[0].pesan and "unit" in found[0].pesan and "opd, tahun" in found[0].pesan
    assert "Sel 3" in found[1].pesan and "tabel-x" in found[1].pesan
    assert "Sel 4" in found[2].pesan and "01_baik.ipynb sel 2" in found[2].pesan


def test_committed_notebooks_pass_the_check(data2024):
    from lkjip.notebook import periksa_notebook

    assert periksa_notebook(NOTEBOOKS, data2024.konteks()) == []


def test_lkjip_check_reports_notebook_cells(tmp_path):
    project = tmp_path / "proyek"
    shutil.copytree(DATA_2024, project / "data" / "2024")
    (project / "notebooks").mkdir()
    nbformat.write(new_notebook(cells=[new_markdown_cell("## Tahun {{ tahun_laporan }}")]),
                   str(project / "notebooks" / "01_bab.ipynb"))
    exe = shutil.which("lkjip", path=str(Path(sys.executable).parent)) or "lkjip"
    proc = subprocess.run([exe, "--root", str(project), "check", "2024", "-q"], capture_output=True, text=True)
    assert proc.returncode == 1
    assert "notebooks/01_bab.ipynb" in proc.stderr and "Sel 1" in proc.stderr and "tahun_laporan" in proc.stderr
    proc = subprocess.run([exe, "--root", str(project), "render", "2024", "-q"], capture_output=True, text=True)
    assert proc.returncode == 1 and "tahun_laporan" in proc.stderr + proc.stdout
    assert not (project / "_build" / "2024" / "notebooks").exists()  # stopped before any chapter ran
