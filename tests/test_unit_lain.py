"""A second example unit of another kind: contoh/dinkes-kota-sungai-penuh (invented data).

A Dinas (not a Setda) of a Kota (Wali Kota, not Bupati), a new Renstra in its first year, lower-is-better
indicators, a program serving two sasaran with shares, IKM and AKIP but no opini/anggaran indicators.
`check` passes with no finding; the report rendered through the console script names the region and
its head correctly, shows every sasaran, numbers tables and figures without gaps, and carries nothing
of the reference unit.
"""
from __future__ import annotations

import re

import pytest

import unitgen
from conftest import ROOT

CONTOH = ROOT / "contoh" / "dinkes-kota-sungai-penuh"
TAHUN = 2025



def test_check_passes_without_findings():
    from lkjip.load import load_year
    from lkjip.validate import validate

    data = load_year(CONTOH / str(TAHUN))
    assert [t.format() for t in validate(data)] == []
    assert data.nama_daerah == "Kota Sungai Penuh" and data.sebutan_kepala_daerah == "Wali Kota"
    assert not (CONTOH / str(TAHUN) / "opini_bpk.csv").exists()
    assert not (CONTOH / str(TAHUN) / "narasi" / "bab3_sap_kriteria.md").exists()
    proc = unitgen.cli("check", str(TAHUN), "--data", str(CONTOH))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 galat, 0 peringatan" in proc.stdout + proc.stderr


@pytest.fixture(scope="module")
def laporan(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    proc = unitgen.cli("render", str(TAHUN), "--data", str(CONTOH), "--engine", "pandoc", "--quiet",
                       "--output", str(out), "--build", str(tmp_path_factory.mktemp("build")))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    folder = out / str(TAHUN)
    return {"html": unitgen.html_text(folder / f"lkjip-{TAHUN}.html"),
            "pdf": unitgen.pdf_text(folder / f"lkjip-{TAHUN}.pdf")}


def _both(laporan):
    return [("html", laporan["html"]), ("pdf", laporan["pdf"])]


@pytest.mark.slow
def test_region_and_head_come_from_the_data(laporan):
    for kind, text in _both(laporan):
        for needle in ("Dinas Kesehatan Kota Sungai Penuh", "Wali Kota Sungai Penuh", "BAB IV PENUTUP", "PPPK"):
            assert needle in text, (kind, needle)
        for absent in ("Kabupaten", "Bupati", "Setda", "Sekretariat Daerah", "Tanjung Jabung", "Opini BPK",
                       "BELUM DIISI", "DRAF"):
            assert absent not in text, (kind, absent)
        for word in ("None", "nan", "NaN", "NA"):  # every IKU here has a baseline (no "NA")
            assert not re.search(rf"(?<!\w){word}(?!\w)", text), (kind, word)
        assert "<NA>" not in text, kind


@pytest.mark.slow
def test_every_sasaran_has_its_heading(laporan):
    from lkjip.load import load_year

    data = load_year(CONTOH / str(TAHUN))
    names = list(data["sasaran"]["sasaran"])
    assert len(names) == 5
    for kind, text in _both(laporan):
        for n, name in enumerate(names, start=1):
            # one heading per sasaran in each part of 3.1 (target, multi-year, Renstra, supporting programs)
            assert text.count(f"Sasaran Strategis {n}: {name}") >= 4, (kind, n)


@pytest.mark.slow
def test_tables_and_figures_are_numbered_without_gaps(laporan):
    for kind, text in _both(laporan):
        assert unitgen.nomor_tanpa_celah(text) == [], kind
        for needle in ("Tabel 1.1", "Tabel 2.1", "Tabel 3.1.1", "Tabel 3.2.1", "Tabel L.1", "Gambar 1.1", "Gambar 3.1"):
            assert needle in text, (kind, needle)
        numbers = unitgen.nomor_berurutan(text)
        assert numbers["3.1"][-1] >= 10, numbers  # one supporting-program table per sasaran, plus IKM/AKIP


@pytest.mark.slow
def test_numbers_are_the_librarys(laporan):
    from lkjip import compute
    from lkjip.fmt import persen, rupiah
    from lkjip.load import load_year

    data = load_year(CONTOH / str(TAHUN))
    total = compute.anggaran_total(data)
    hasil = compute.hasil_iku(data).set_index("iku")
    needles = [rupiah(total["pagu"]), rupiah(total["realisasi"]), persen(total["persen"]),
               persen(hasil.at["IKU1", "capaian"]),  # lower is better, better than target: above 100 %
               persen(hasil.at["IKU2", "capaian"]),  # lower is better, worse than target
               "BB (71,20)", "84,58", "(semakin rendah semakin baik)"]
    assert hasil.at["IKU1", "capaian"] > 100 > hasil.at["IKU2", "capaian"]
    for kind, text in _both(laporan):
        for needle in needles:
            assert needle in text, (kind, needle)
    for needle in ("porsi 60,00%", "porsi 40,00%"):  # the program serving two sasaran (a PDF cell may wrap it)
        assert needle in laporan["html"], needle


def test_every_chart_lays_out_with_long_units():
    """Units such as "per 100.000 kelahiran hidup" make long target/realisation labels: the capaian
    chart wraps them (never cut), and no chart's layout gives up (matplotlib's collapsed-axes warning)."""
    import warnings

    from lkjip.load import load_year
    from lkjip.present import charts as C

    data = load_year(CONTOH / str(TAHUN))
    with warnings.catch_warnings():
        warnings.simplefilter("error", UserWarning)
        charts = {c.id: c for c in C.semua(data)}
    labels = [t.get_text() for t in charts["fig-iku-capaian"].fig.axes[0].get_yticklabels()]
    first = " ".join(labels[0].split())  # wrapped lines joined again
    assert "Target 130 per 100.000 kelahiran hidup · Realisasi 121,80 per 100.000 kelahiran hidup" in first
    widest = max(C.lebar_teks_cm(line, 7) for label in labels for line in label.split("\n"))
    assert widest <= 6.2 + 1e-9  # the bars keep most of the width
    ax = charts["fig-iku-capaian"].fig.axes[0]
    assert ax.get_position().width > 0.4  # the axes did not collapse beside long labels
