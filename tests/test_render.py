"""The render layer and the display contract, on small stub chapters (tests/fixtures/render_nb/).

One module-scoped render (three stub notebooks, ~5-10 s) serves most checks; a second render checks
byte-for-byte reproducibility; a failing chapter checks that the previous output is left untouched.
"""
from __future__ import annotations

import base64
import hashlib
import html as htmlmod
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from lkjip._paths import ProjectPaths
from lkjip.errors import RenderError

NB = Path(__file__).parent / "fixtures" / "render_nb"
CHAPTERS = [NB / "00_pengantar.ipynb", NB / "01_bab.ipynb", NB / "02_penutup.ipynb"]
EVIL = "<script>alert('x')</script> *bukan tebal*"
META = {"title": "LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP)", "subtitle": "Tahun 2024", "unit": "DINAS CONTOH",
        "kabupaten": "Kabupaten Contoh", "year": "2024", "author": "Tim Penyusun", "date": "20 Januari 2025"}
HEADINGS = ["KATA PENGANTAR", "BAB I PENDAHULUAN", "1.1 Latar Belakang", "BAB II PENUTUP", "CATATAN ASAL DATA"]


def _paths(root: Path) -> ProjectPaths:
    data = root / "data"
    (data / "2024").mkdir(parents=True, exist_ok=True)
    (data / "2024" / "program.csv").write_text("kode,nama\nP1,Program Contoh\n", encoding="utf-8")
    return ProjectPaths(root, data_root=data, build_root=root / "_build", output_root=root / "_output")


def _render(paths: ProjectPaths, chapters=CHAPTERS):
    from lkjip.render import render_book

    return render_book(2024, paths, chapters=list(chapters), parameters={"catatan": EVIL}, engine="pandoc",
                       metadata=META, inputs=[paths.year_data(2024) / "program.csv"])


def _text(page: str) -> str:
    return re.sub(r"\s+", " ", htmlmod.unescape(re.sub(r"<[^>]+>", " ", page))).strip()


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    paths = _paths(tmp_path_factory.mktemp("proj"))
    result = _render(paths)
    page = result.html.read_text(encoding="utf-8")
    pdf_text = subprocess.run(["pdftotext", "-layout", str(result.pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
    return {"paths": paths, "result": result, "html": page, "text": _text(page),
            "pdf": re.sub(r"\s+", " ", pdf_text)}


# --- display contract (no kernel) --------------------------------------------------------------
def _capture(monkeypatch, fn, *args, **kwargs):
    """The one display output of ``fn`` as (data, metadata), recorded instead of shown."""
    import IPython.display

    seen = []
    monkeypatch.setattr(IPython.display, "display",
                        lambda data, raw=False, metadata=None: seen.append((data, metadata)))
    fn(*args, **kwargs)
    assert len(seen) == 1
    return seen[0]


def test_md_escape_neutralises_markup():
    from lkjip.present.display import md_escape

    assert md_escape("<script>") == r"\<script\>"
    assert md_escape("a*b*_c_ [x](y)") == r"a\*b\*\_c\_ \[x\]\(y\)"
    assert md_escape("baris\nbaru") == "baris baru"


def test_show_table_carries_metadata(monkeypatch):
    from great_tables import GT
    import pandas as pd

    from lkjip.present.display import show_table

    html = GT(pd.DataFrame({"a": [1]}), id="tbl-a").as_raw_html()
    data, meta = _capture(monkeypatch, show_table, html, "Tabel 1 Contoh", id="tbl-a", wide=True)
    assert meta["lkjip"] == {"kind": "table", "caption": "Tabel 1 Contoh", "id": "tbl-a", "wide": True}
    assert data["text/html"] == html
    with pytest.raises(ValueError):
        show_table(html, "x", id="bukan id")


def test_figure_svg_is_reproducible(monkeypatch):
    from matplotlib.figure import Figure

    from lkjip.present.display import figure_svg, show_figure

    def make():
        fig = Figure(figsize=(3, 2))
        fig.add_subplot().plot([1, 2, 3], [3, 1, 2])
        return fig

    assert figure_svg(make()) == figure_svg(make())
    data, meta = _capture(monkeypatch, show_figure, make(), "Gambar 1 Contoh", id="fig-a", alt="garis naik turun")
    meta = meta["lkjip"]
    assert (meta["kind"], meta["caption"], meta["id"], meta["alt"]) == ("figure", "Gambar 1 Contoh", "fig-a",
                                                                         "garis naik turun")
    assert data["image/svg+xml"] == figure_svg(make())  # one vector copy, for the web and the PDF
    assert "image/png" not in data


def test_table_html_gets_caption_and_stable_ids():
    from great_tables import GT
    import pandas as pd

    from lkjip.render._assemble import table_html
    from lkjip.render._parts import Table

    raw = GT(pd.DataFrame({"Nama": ["<b>x</b>"], "Nilai": [1.5]})).as_raw_html()  # random id
    random_id = re.search(r'<div id="([^"]+)"', raw).group(1)
    out = table_html(Table(raw, "Tabel 9 <Uji> & Coba", "tbl-uji", wide=True))
    assert random_id not in out and "<style" not in out
    assert '<table id="tbl-uji" class="lkjip-table wide"><caption>Tabel 9 &lt;Uji&gt; &amp; Coba</caption>' in out
    assert "&lt;b&gt;x&lt;/b&gt;" in out
    assert 'style="text-align: right;"' in out


# --- HTML ------------------------------------------------------------------------------------
def test_html_has_headings_caption_and_indonesian_numbers(rendered):
    text = rendered["text"]
    for heading in HEADINGS:
        assert heading in text
    assert "Tabel 1.1 Pagu Anggaran Contoh" in text
    assert "1.234.567,89" in text
    assert '<html lang="id"' in rendered["html"]
    assert "<caption>Tabel 1.1 Pagu Anggaran Contoh</caption>" in rendered["html"]
    assert 'id="tbl-pagu"' in rendered["html"]


def test_html_figure_and_signature(rendered):
    page = rendered["html"]
    assert re.search(r'<figure id="fig-capaian">\s*(?:<p class="geser"[^>]*>[^<]*</p>)?<div class="gambar-scroll"[^>]*>'
                     r'<img src="gambar/fig-capaian.svg"'
                     r'[^>]*alt="Grafik batang capaian 90, 95 dan 97,5 persen"', page)
    assert (rendered["result"].html.parent / "gambar" / "fig-capaian.svg").read_text(encoding="utf-8").startswith("<?xml")
    assert "<figcaption>Gambar 1.1 Capaian Contoh</figcaption>" in page
    assert 'class="signature"' in page and 'class="signature pair"' in page
    assert "Drs. H. CONTOH (Plt)" in rendered["text"]
    assert "keluaran print" not in page  # streams are not report text
    assert "Stub chapter" not in page  # a Markdown cell tagged remove-cell is not report text


def test_html_is_offline(rendered):
    page = rendered["html"]
    for url in re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)""", page):
        assert not re.match(r"(https?:)?//", url), url
    assert "@import" not in page
    assert re.findall(r"<link\b[^>]*>", page, re.I) == ['<link rel="icon" href="gambar/ikon.svg">']
    assert "<script" not in page.lower()


def test_data_script_is_escaped(rendered):
    page = rendered["html"]
    assert "<script>alert" not in page
    assert page.count("&lt;script&gt;alert") >= 2  # in the text and in the table cell
    assert "*bukan tebal*" in rendered["text"]  # Markdown from data stays literal


def test_wide_table_scrolls_in_wrapper(rendered):
    assert re.search(r'<div class="table-scroll wide"[^>]*>\s*<table id="tbl-lebar"', rendered["html"])
    assert "overflow-x: auto" in rendered["html"]


def test_provenance_lists_inputs(rendered):
    paths = rendered["paths"]
    digest = hashlib.sha256((paths.year_data(2024) / "program.csv").read_bytes()).hexdigest()
    assert digest in rendered["html"]
    assert "2024/program.csv" in rendered["text"]
    assert "pandoc" in rendered["text"] and "typst" in rendered["text"]
    assert digest[:40] in rendered["pdf"].replace(" ", "")


# --- PDF -------------------------------------------------------------------------------------
def test_pdf_text(rendered):
    pdf = rendered["pdf"]
    for heading in HEADINGS:
        assert heading in pdf
    for word in ("Daftar Isi", "Daftar Tabel", "Daftar Gambar"):
        assert word.casefold() in pdf.casefold()
    assert "Tabel 1.1 Pagu Anggaran Contoh" in pdf
    assert "1.234.567,89" in pdf
    assert "LAPORAN KINERJA INSTANSI PEMERINTAH" in pdf and "DINAS CONTOH" in pdf


def test_pdf_is_a4_with_landscape_page_for_wide_table(rendered):
    from pypdf import PdfReader

    reader = PdfReader(str(rendered["result"].pdf))
    sizes = [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages]
    assert abs(sizes[0][0] - 595.28) < 2 and abs(sizes[0][1] - 841.89) < 2
    landscape = [i for i, (w, h) in enumerate(sizes) if w > h]
    assert len(landscape) == 1
    assert "Tabel 1.2 Tabel Lebar Contoh" in reader.pages[landscape[0]].extract_text()


def test_pdf_front_matter_is_roman(rendered):
    from pypdf import PdfReader

    reader = PdfReader(str(rendered["result"].pdf))
    pages = [re.sub(r"\s+", " ", p.extract_text()) for p in reader.pages]
    kp = next(i for i, t in enumerate(pages) if "KATA PENGANTAR" in t and "DAFTAR" not in t)
    bab1 = next(i for i, t in enumerate(pages) if "BAB I PENDAHULUAN" in t and "DAFTAR" not in t)
    assert pages[kp].rstrip().endswith(" i")
    assert pages[bab1].rstrip().endswith(" 1")
    assert re.search(r"Tabel 1\.1 Pagu Anggaran Contoh[ .\u2060]*1\b", rendered["pdf"])  # Daftar Tabel with page


# --- reproducibility, atomicity, failures ------------------------------------------------------
def test_two_renders_are_byte_identical(rendered, tmp_path):
    again = _render(_paths(tmp_path))
    first = rendered["result"]
    assert again.html.read_bytes() == first.html.read_bytes()
    assert again.pdf.read_bytes() == first.pdf.read_bytes()


def test_failed_chapter_keeps_previous_output(rendered, tmp_path):
    paths = _paths(tmp_path)
    out = paths.year_output(2024)
    out.mkdir(parents=True)
    (out / "lkjip-2024.html").write_text("laporan lama", encoding="utf-8")
    (out / "lkjip-2024.pdf").write_bytes(b"%PDF lama")
    with pytest.raises(RenderError) as err:
        _render(paths, [NB / "09_gagal.ipynb"])
    message = str(err.value)
    kept = paths.year_build(2024) / "notebooks" / "09_gagal.ipynb"
    assert "09_gagal.ipynb" in message and "kesalahan disengaja di bab uji" in message
    assert "ValueError" in message and str(kept) in message and "gagal" in message
    assert kept.is_file() and "kesalahan disengaja" in kept.read_text(encoding="utf-8")
    assert (out / "lkjip-2024.html").read_text(encoding="utf-8") == "laporan lama"
    assert (out / "lkjip-2024.pdf").read_bytes() == b"%PDF lama"
    assert sorted(p.name for p in out.parent.iterdir()) == ["2024"]  # no staging folder left behind


def test_engine_failure_keeps_previous_output(tmp_path, monkeypatch):
    from lkjip.render import _pandoc_engine

    paths = _paths(tmp_path)
    out = paths.year_output(2024)
    out.mkdir(parents=True)
    (out / "lkjip-2024.html").write_text("laporan lama", encoding="utf-8")

    def broken_pdf(*args, **kwargs):
        raise RenderError("typst gagal (uji)")

    monkeypatch.setattr(_pandoc_engine, "write_pdf", broken_pdf)
    with pytest.raises(RenderError, match="uji"):
        _render(paths, [NB / "02_penutup.ipynb"])
    assert (out / "lkjip-2024.html").read_text(encoding="utf-8") == "laporan lama"
    assert not (out / "lkjip-2024.pdf").exists()


# --- Quarto --------------------------------------------------------------------------------------
def _quarto_project(rendered, folder):
    from lkjip.render import write_quarto_project

    root_template = Path(__file__).resolve().parents[1] / "_quarto.yml"
    return write_quarto_project(folder, rendered["result"].notebooks, year=2024, metadata=META,
                                provenance_md="# CATATAN ASAL DATA {.unnumbered}", template=root_template)


def test_quarto_project_uses_our_templates(rendered, tmp_path):
    """--engine quarto: one report notebook, our typst template as Quarto partials, our CSS and filters."""
    yml = _quarto_project(rendered, tmp_path / "quarto")
    folder = yml.parent
    config = yaml.safe_load(yml.read_text(encoding="utf-8"))
    assert config["lang"] == "id" and config["project"]["type"] == "default"
    assert config["project"]["render"] == ["lkjip-2024.ipynb"]
    assert config["execute"]["enabled"] is False
    typst, html = config["format"]["typst"], config["format"]["html"]
    assert typst["template-partials"] == ["typst-template.typ", "typst-show.typ"]
    assert typst["filters"] == ["lkjip-sel.lua", "typst.lua"] and typst["output-file"] == "lkjip-2024.pdf"
    assert html["css"] == ["lkjip.css"] and html["filters"] == ["lkjip-sel.lua", "html.lua"]
    for name in ("typst-template.typ", "typst-show.typ", "typst.lua", "lkjip.css", "html.lua", "lkjip-2024.ipynb"):
        assert (folder / name).is_file(), name
    template = (folder / "typst-template.typ").read_text(encoding="utf-8")
    show = (folder / "typst-show.typ").read_text(encoding="utf-8")
    assert '"unit": "DINAS CONTOH"' in template and "#let inp(key)" in template
    assert "#let lkjip-signature" in show and "#let lkjip-lists" in show and 'numbering: "i"' in show
    assert "sys.inputs.at" not in show and "$body$" not in show


def test_quarto_report_notebook_is_the_report(rendered, tmp_path):
    import nbformat

    folder = _quarto_project(rendered, tmp_path / "quarto").parent
    nb = nbformat.read(str(folder / "lkjip-2024.ipynb"), as_version=4)
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    outputs = "\n".join(str(o["data"]) for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert all(c.source == "" for c in nb.cells if c.cell_type == "code")  # nothing for Quarto to execute
    assert "BAB I PENDAHULUAN" in markdown and "Stub chapter" not in markdown
    assert "<script>" not in markdown and r"\<script\>" in markdown  # prose from data stays text
    assert "<caption>Tabel 1.1 Pagu Anggaran Contoh</caption>" in outputs  # numbered as in our engine
    assert '<table id="lkjip-tbl-pagu"' in outputs  # not a Quarto cross-reference
    assert "Gambar 1.1 Capaian Contoh" in outputs and (folder / "figures" / "fig-capaian.svg").is_file()
    assert re.search(r"# CATATAN ASAL DATA \{[^}]*\.unnumbered\}$", markdown.rstrip())


def test_quarto_partials_compile_with_typst(rendered, tmp_path):
    """Without Quarto: the partials (dollars unescaped) as a pandoc template over the report notebook
    give a PDF with our cover, lists and roman front matter (the engines Quarto drives)."""
    import typst
    from pypdf import PdfReader

    from lkjip.render import _tools

    folder = _quarto_project(rendered, tmp_path / "quarto").parent
    partial = {n: (folder / n).read_text(encoding="utf-8").replace("$$", "$")
               for n in ("typst-template.typ", "typst-show.typ")}
    (folder / "sim.typ").write_text(partial["typst-template.typ"] + partial["typst-show.typ"] + "$body$\n",
                                    encoding="utf-8")
    import nbformat

    nb = nbformat.read(str(folder / "lkjip-2024.ipynb"), as_version=4)
    chunks = []  # the notebook as Quarto hands it to pandoc: Markdown cells, outputs in cell divs
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            chunks.append(cell.source)
        for out in cell.get("outputs", []):
            data = out["data"]
            inner = data["text/markdown"] if "text/markdown" in data else "```{=html}\n" + data["text/html"] + "\n```"
            chunks.append("::: {.cell}\n:::: {.cell-output-display}\n" + inner + "\n::::\n:::")
    source = _tools.pandoc(["-f", "markdown", "-t", "typst", "--standalone", "--template", str(folder / "sim.typ"),
                            "--lua-filter", str(folder / "lkjip-sel.lua"), "--lua-filter", str(folder / "typst.lua")],
                           "\n\n".join(chunks), cwd=folder)
    (folder / "lkjip-2024.typ").write_text(source, encoding="utf-8")
    typst.compile(str(folder / "lkjip-2024.typ"), output=str(folder / "sim.pdf"), root=str(folder))
    pages = [re.sub(r"\s+", " ", p.extract_text()) for p in PdfReader(str(folder / "sim.pdf")).pages]
    assert "DINAS CONTOH" in pages[0] and "TAHUN 2024" in pages[0]  # our cover
    text = " ".join(pages)
    for needle in ("DAFTAR TABEL", "DAFTAR GAMBAR", "BAB I PENDAHULUAN", "Gambar 1.1 Capaian Contoh"):
        assert needle in text, needle
    kp = next(i for i, t in enumerate(pages) if "KATA PENGANTAR" in t and "DAFTAR" not in t)
    assert pages[kp].rstrip().endswith(" i")


def test_quarto_engine_without_quarto_fails_clearly(tmp_path, monkeypatch):
    from lkjip.render import _tools, render_book

    monkeypatch.setattr(_tools.shutil, "which", lambda name, *a, **k: None)
    with pytest.raises(RenderError, match="quarto"):
        render_book(2024, _paths(tmp_path), chapters=CHAPTERS, engine="quarto", metadata=META)
    assert not (tmp_path / "_build" / "2024" / "notebooks").exists()


def test_kernel_is_current_interpreter(rendered):
    import json
    import sys

    spec = rendered["paths"].year_build(2024) / "jupyter" / "kernels" / "python3" / "kernel.json"
    assert json.loads(spec.read_text())["argv"][0] == sys.executable



def test_pandoc_is_the_default_engine_even_with_quarto_on_path(monkeypatch):
    """Quarto is used only when asked for (--engine quarto); the engines the tests run are the default."""
    from lkjip import cli
    import inspect

    from lkjip.render import ENGINES, _book, _tools, resolve_engine

    monkeypatch.setattr(_tools.shutil, "which", lambda name, *a, **k: "/usr/local/bin/quarto")
    assert resolve_engine("pandoc") == "pandoc" and resolve_engine("quarto") == "quarto"
    assert inspect.signature(_book._render_book).parameters["engine"].default == "pandoc"
    assert cli.ENGINES == ENGINES
    for argv in (["render", "2024"], ["batch", "2024"]):
        assert cli._parser().parse_args(argv).engine == "pandoc"
    assert cli._parser().parse_args(["render", "2024", "--engine", "quarto"]).engine == "quarto"
    with pytest.raises(SystemExit):
        cli._parser().parse_args(["render", "2024", "--engine", "auto"])


def test_self_contained_html_with_a_large_logo(tmp_path):
    """``self_contained``: one HTML with every image inline; the logo (here larger than one command-line
    argument may be) is the favicon and the cover image of both HTML files, a file in gambar/."""
    import os
    import struct
    import zlib

    from lkjip.render import render_book

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + os.urandom(600) for _ in range(200))  # 200 x 200 noise: ~120 KB
    logo = tmp_path / "logo.png"
    logo.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 200, 200, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
    paths = _paths(tmp_path / "proj")
    result = render_book(2024, paths, chapters=CHAPTERS, parameters={"catatan": EVIL}, engine="pandoc",
                         metadata={**META, "logo": str(logo)}, inputs=[], self_contained=True)
    folder = result.html.parent
    assert (folder / "gambar" / "logo.png").read_bytes() == logo.read_bytes()
    page = result.html.read_text(encoding="utf-8")
    assert '<link rel="icon" href="gambar/logo.png">' in page and 'src="gambar/logo.png"' in page
    single = (folder / "lkjip-2024-mandiri.html").read_text(encoding="utf-8")
    uri = "data:image/png;base64," + base64.b64encode(logo.read_bytes()).decode("ascii")
    assert single.count(uri) == 2  # favicon and cover
    assert not re.search(r'<img\b[^>]*\bsrc="(?!data:)', single)


_TEXTS = ["Kalimat biasa dengan **tebal** dan _miring_.", "# Judul Sama", "## Judul Sama", "- butir satu\n- butir dua",
          "1. satu\n2. dua", "(@) contoh pertama", "Catatan kaki[^1].\n\n[^1]: isi catatan.", "Lihat [Judul Sama].",
          "[tautan](https://contoh.id) dan [rujukan][r]\n\n[r]: https://contoh.id", "", "Tabel:\n\n| a | b |\n|---|---|\n| 1 | 2 |",
          "Judul setext\n============", "> kutipan\n> panjang", "Teks dengan ::: di tengah", "::: {.tidak-tertutup}\nbuka",
          "Realisasi Rp1.234.567 (97,50%).", "Paragraf\n\nkedua paragraf", "```\nkode\n```",
          "<div>raw</div> <p>x</p>", "- # Judul Sama\n\nteks", "> # Judul Sama\n\nkutip", "# Judul Sama {#}\n\nx",
          "::: {.x}\n::: {.y}\nbuka", "**Sasaran 1**", "Istilah\n:   definisi", "- a\n    - b\n        - c", "x\\"]


def _parts_from(picks: list[int]) -> list:
    from lkjip.render._parts import Figure, Markdown, Signature, Table

    out: list = []
    for n, k in enumerate(picks):
        if k < len(_TEXTS):
            out.append(Markdown(_TEXTS[k]))
        elif k == len(_TEXTS):
            out.append(Table("<table><tr><td>1</td></tr></table>", f"Tabel {n}", f"tbl-{n}"))
        elif k == len(_TEXTS) + 1:
            out.append(Figure(b"", f"Gambar {n}", f"fig-{n}", "alt", svg="<svg/>"))
        else:
            out.append(Signature([{"place_date": "Kota, 1 Januari 2025", "role": "Kepala", "name": "Nama"}]))
    return out


@pytest.mark.parametrize("seed", range(12))
def test_body_made_part_by_part_is_the_whole_documents(seed):
    """lkjip.render._assemble converts the report's Markdown part by part (only changed parts again, in a
    process that assembles repeatedly): every body is the HTML of the whole document in one pandoc run."""
    import random

    from lkjip.render import _assemble as A

    rng = random.Random(seed)
    chunks = A._Chunks()
    filters = (str(A._tools.template("unwrap.lua")), A.safe_filter())
    picks = [rng.randrange(len(_TEXTS) + 3) for _ in range(rng.randrange(1, 12))]
    for _ in range(4):  # a document, then three edits of it
        parts = _parts_from(picks)
        whole = A._markdown_html(A.markdown_source(parts), filters)
        assert chunks.html(parts, filters, "kunci") == whole
        for _ in range(rng.randrange(1, 3)):
            if rng.random() < 0.8:
                picks[rng.randrange(len(picks))] = rng.randrange(len(_TEXTS) + 3)
            else:
                picks.append(rng.randrange(len(_TEXTS) + 3))


def test_body_converts_only_the_changed_paragraph(monkeypatch):
    from lkjip.render import _assemble as A
    from lkjip.render._parts import Markdown

    sources: list[str] = []
    convert = A._markdown_html
    monkeypatch.setattr(A, "_markdown_html", lambda source, filters: sources.append(source) or convert(source, filters))
    chunks = A._Chunks()
    filters = (str(A._tools.template("unwrap.lua")), A.safe_filter())
    for total in ("Rp1.000", "Rp2.000"):
        parts = [Markdown("# Bab III"), Markdown(f"Realisasi {total}."), Markdown("## Judul {#judul}")]
        assert chunks.html(parts, filters, "k") == convert(A.markdown_source(parts), filters)
    assert "Bab III" in sources[0] and "Bab III" not in sources[1] and "Rp2.000" in sources[1]


@pytest.mark.parametrize("seed", range(3))
def test_page_made_from_pieces_is_the_page(seed, tmp_path):
    """lkjip.render._splice.PageCache (the preview's page: tables, paragraphs and list items converted
    on their own, pandoc's page reused) writes the page html_page writes, byte for byte, over edits."""
    import random

    from lkjip.render._assemble import assemble
    from lkjip.render._pandoc_engine import html_page
    from lkjip.render._parts import Markdown
    from lkjip.render._splice import PageCache

    rng = random.Random(seed)
    cache = PageCache()
    options = {"year": 2024, "metadata": {"title": "Uji"}, "version": "uji", "logo": None, "pdf_name": None}
    head = [Markdown("# BAB I\n\n## 1.1 Latar\n\n**Sasaran __1__**\n\nTeks.\n\n**Sasaran 2**")]
    picks = [rng.randrange(len(_TEXTS) + 3) for _ in range(rng.randrange(2, 10))]
    for step in range(3):
        parts = head + _parts_from(picks)
        body = assemble(parts)
        plain = html_page(parts, body, tmp_path / f"a{step}", tmp_path / "w", **options).read_text(encoding="utf-8")
        fast = cache.html_page(parts, body, tmp_path / f"b{step}", tmp_path / "w", **options).read_text(encoding="utf-8")
        assert fast == plain
        picks[rng.randrange(len(picks))] = rng.randrange(len(_TEXTS) + 3)
