"""The contract `check` passes => `render` succeeds, as a property over random units of any shape.

Each example is a unit drawn by :func:`unitgen.units` (any number of sasaran, IKU of every kind and
polarity, programs serving several sasaran, optional files empty or absent, draft values, organisation
trees of every kind, kabupaten/kota/provinsi), written to disk, loaded and checked; when the check finds
no error, every section of the report is built through the library as the chapter notebooks do, and
every block is rendered the way :func:`lkjip.present.blocks.show` does (tables to HTML, charts to PNG),
then numbered as the renderer numbers them. The slow test renders two small units through the CLI.
"""
from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, assume, event, given, note, settings

import unitgen
from conftest import ROOT

LEAK = re.compile(r"(?<![\w-])(None|nan|NaN|<NA>|&lt;NA&gt;)(?![\w-])")

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
SHOW = re.compile(r"^show\((.*)\)\s*$", re.S)


def chapter_calls() -> list[tuple[str, str]]:
    """The chapters as the notebooks write them, in report order: ("md", text) for a Markdown cell and
    ("py", expression) for each ``show(...)`` of a code cell (the library calls building the report)."""
    import nbformat

    out = []
    for nb in NOTEBOOKS:
        for cell in nbformat.read(str(nb), as_version=4).cells:
            tags = cell.metadata.get("tags", [])
            if "remove-cell" in tags or "parameters" in tags:
                continue
            if cell.cell_type == "markdown":
                out.append(("md", cell.source))
                continue
            code = "\n".join(line for line in cell.source.splitlines() if not line.startswith("#|"))
            if m := SHOW.match(code.strip()):
                out.append(("py", m.group(1)))
    return out


def test_every_public_section_is_called_by_a_notebook():
    import inspect

    from lkjip.present import sections as S

    public = {n for n, f in inspect.getmembers(S, inspect.isfunction)
              if not n.startswith("_") and f.__module__ == S.__name__}
    called = {m for kind, text in chapter_calls() if kind == "py" for m in re.findall(r"\bS\.(\w+)\(", text)}
    assert public == called


def build_report(data) -> list:
    """Every section's blocks rendered as :func:`lkjip.present.blocks.show` would, without IPython; the
    parts are numbered as the renderer numbers them. Returns the parts."""
    from lkjip.notebook import fill_placeholders
    from lkjip.present import charts as C
    from lkjip.present import sections as S
    from lkjip.present import tables as T
    from lkjip.present.display import _check_id, figure_svg, table_csv
    from lkjip.present.opendata import files as open_data
    from lkjip.present.sections import Ttd
    from lkjip.present.tables import Tabel
    from lkjip.render._numbering import number_captions
    from lkjip.render._parts import Figure, Markdown, Signature, Table
    from lkjip.report import metadata

    parts = []
    scope = {"S": S, "T": T, "C": C, "data": data}
    for kind, text in chapter_calls():
        if kind == "md":
            parts.append(Markdown(fill_placeholders(text, data.konteks())))
            continue
        out = eval(text, scope)  # noqa: S307 - the project's own notebook cells
        name = text
        for block in out if isinstance(out, list) else [out]:
            if isinstance(block, str):
                parts.append(Markdown(block))
            elif isinstance(block, Tabel):
                _check_id(block.id)
                parts.append(Table(block.html(), block.caption, block.id, block.wide, table_csv(block.frame)))
            elif isinstance(block, Ttd):
                parts.append(Signature([{"role": block.jabatan, "name": block.nama}]))
            elif hasattr(block, "fig"):
                _check_id(block.id)
                svg = figure_svg(block.fig)  # the figure as the report draws it (one SVG)
                block.fig.clear()
                parts.append(Figure(b"", block.caption, block.id, block.alt, svg=svg))
            else:
                raise TypeError(f"{name}: blok tidak dikenal {type(block).__name__}")
    metadata(data)
    open_data(data)
    return number_captions(parts)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(unit=unitgen.units())
def test_check_passes_then_every_section_renders(unit):
    from lkjip.load import load_year
    from lkjip.validate import validate

    with tempfile.TemporaryDirectory() as tmp:
        data = load_year(unitgen.write(unit, Path(tmp)))
        errors = [t for t in validate(data) if t.galat]
        event("check: galat" if errors else "check: lolos")
        if errors:
            note("\n".join(t.format() for t in errors))
            return
        parts = build_report(data)
    texts = [p.text for p in parts if hasattr(p, "text")]
    assert any("BAB IV PENUTUP" in t for t in texts)
    # a missing value is shown as missing (BELUM DIISI, "-"), never as Python's or pandas' own marks
    for part in parts:
        shown = " ".join(str(getattr(part, a, "") or "") for a in ("text", "html", "caption", "alt"))
        assert not LEAK.search(shown), (type(part).__name__, LEAK.search(shown).group(0), shown[:300])


# --- two generated units through the command line ---------------------------------------------------


@pytest.mark.slow
@settings(max_examples=2, deadline=None, derandomize=True, phases=[Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])
@given(unit=unitgen.units(kecil=True))
def test_generated_unit_renders_through_the_cli(unit):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "data"
        unitgen.write(unit, root)
        year = str(unit.tahun)
        check = unitgen.cli("check", year, "--data", str(root), "--quiet")
        assume(check.returncode == 0)  # only units that pass the check must render
        out = Path(tmp) / "out"
        proc = unitgen.cli("render", year, "--data", str(root), "--engine", "pandoc", "--quiet", "--output",
                           str(out), "--build", str(Path(tmp) / "build"))
        assert proc.returncode == 0, proc.stdout + proc.stderr
        html = unitgen.html_text(out / year / f"lkjip-{year}.html")
        pdf = unitgen.pdf_text(out / year / f"lkjip-{year}.pdf")
    for text in (html, pdf):
        assert "BAB IV PENUTUP" in text
        assert not unitgen.nomor_tanpa_celah(text)


# --- what the property test found: the checker names it, or the report copes --------------------------


def test_signer_without_title_is_a_check_error(broken):
    import yaml

    from lkjip.load import load_year
    from lkjip.validate import validate

    path = broken.folder / "profil.yaml"
    profil = yaml.safe_load(path.read_text(encoding="utf-8"))
    del profil["penandatangan"]["jabatan"]
    profil["alamat"] = "Jl. Satu Baris"  # one address line without the list dash
    path.write_text(yaml.safe_dump(profil, allow_unicode=True), encoding="utf-8")
    data = load_year(broken.folder)
    found = [t for t in validate(data) if t.galat and t.berkas == "profil.yaml"]
    assert any("penandatangan" in str(t.kolom) and "jabatan" in (str(t.kolom) + t.pesan) for t in found), found
    # a one-line address is a list of one, or named as the wrong shape: never printed letter by letter
    assert data.profil.get("alamat") in (["Jl. Satu Baris"], None) or any("alamat" in str(t.kolom) for t in found)


def test_budget_indicator_of_unbudgeted_programs_is_named(broken):
    """IKU5 (jenis anggaran) of S3, served only by P4: with P4's pagu zero there is nothing to weight."""
    import pandas as pd

    from lkjip import compute
    from lkjip.load import load_year
    from lkjip.validate import validate

    line = broken.edit("program.csv", {"kode": "P4"}, pagu="0", realisasi="0")
    data = load_year(broken.folder)
    found = validate(data)
    # a pagu of zero is refused by check (nothing to weight, no serapan), named by file, row and column
    assert any(t.galat and t.berkas == "program.csv" and t.baris == line and t.kolom == "pagu" for t in found)
    assert pd.isna(compute.hasil_iku(data).set_index("iku").at["IKU5", "realisasi"])  # shown BELUM DIISI


def test_programs_sharing_a_name_and_a_unit_without_sub_kegiatan(broken):
    from lkjip.load import load_year
    from lkjip.present import tables as T

    broken.edit("program.csv", {"kode": "P3"}, nama="Program Penyelesaian Sengketa Tanah Garapan")
    data = load_year(broken.folder)
    frame = T.tbl_rencana_aksi(data).frame
    assert frame.iloc[:, 0].str.contains("anggaran Rp", case=False).all()  # each program's own budget, by code
    (broken.folder / "subkegiatan.csv").write_text("kode,kegiatan,nama,indikator,target,satuan,pagu\n",
                                                    encoding="utf-8")
    (broken.folder / "rkt.csv").write_text("subkegiatan,tahun,target\n", encoding="utf-8")
    data = load_year(broken.folder)
    assert len(T.tbl_rkt(data).frame) == 0 and len(T.tbl_rencana_aksi(data).frame) == 0
    assert T.tbl_rkt(data).html() and T.tbl_rencana_aksi(data).html()


def test_organisation_loop_is_a_check_error(broken):
    """Units whose induk chain loops never reach the pimpinan: they would vanish from the chart and list."""
    from lkjip.load import load_year
    from lkjip.validate import validate

    path = broken.folder / "organisasi.csv"
    path.write_text(path.read_text(encoding="utf-8") + "X1,X2,Unit Satu,seksi\nX2,X1,Unit Dua,seksi\n",
                    encoding="utf-8")
    found = [t for t in validate(load_year(broken.folder)) if t.aturan == "organisasi-siklus"]
    assert [(t.tingkat, t.kolom, t.nilai) for t in found] == [("galat", "induk", "X2"), ("galat", "induk", "X1")]
    assert "X1 → X2 → X1" in found[0].pesan and found[0].baris
