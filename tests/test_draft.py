"""A year with budgets, realisations, scores and prose still empty (what `lkjip init` leaves) checks
with warnings only and renders as a visibly marked draft — never showing a missing value as zero."""
from __future__ import annotations

import csv
import html as htmlmod
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DATA_2024, ROOT

EMPTY = {"program.csv": ["pagu", "realisasi", "realisasi_fisik"], "kegiatan.csv": ["pagu"],
         "subkegiatan.csv": ["pagu"], "belanja.csv": ["pagu"], "ikm_unsur.csv": ["nrr"], "akip.csv": ["nilai"],
         "analisis.csv": ["keberhasilan", "solusi"]}


def make_draft(target: Path) -> Path:
    """data/2024 as a 2025 draft: every value a new year must collect is emptied."""
    year = target / "2025"
    shutil.copytree(DATA_2024, year)
    for name, cols in EMPTY.items():
        with (year / name).open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            fields, rows = reader.fieldnames, list(reader)
        for row in rows:
            row.update({c: "" for c in cols})
        with (year / name).open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fields, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    profil = (year / "profil.yaml").read_text(encoding="utf-8")
    profil = re.sub(r"^tahun: 2024$", "tahun: 2025", profil, flags=re.M)
    profil = re.sub(r"^(tanggal_laporan|pk_total_anggaran):.*$", r"\1:", profil, flags=re.M)
    (year / "profil.yaml").write_text(profil, encoding="utf-8")
    for prose in (year / "narasi").glob("*.md"):
        prose.write_text("", encoding="utf-8")
    return target


def lkjip(*args: str) -> subprocess.CompletedProcess:
    exe = shutil.which("lkjip", path=str(Path(sys.executable).parent)) or "lkjip"
    return subprocess.run([exe, "--root", str(ROOT), *args], capture_output=True, text=True, timeout=900)


def test_draft_checks_with_warnings_naming_what_is_missing(tmp_path):
    data = make_draft(tmp_path / "data")
    proc = lkjip("--data", str(data), "check", "2025")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = proc.stdout
    assert "GALAT" not in out
    assert "program.csv baris 2, kolom 'pagu'" in out and "akip.csv" in out and "narasi/kata_pengantar.md" in out
    assert "Belum diisi:" in out and "program.csv" in out.split("Belum diisi:")[1]


@pytest.mark.slow
def test_draft_renders_marked_not_zero(tmp_path):
    data = make_draft(tmp_path / "data")
    out = tmp_path / "out"
    proc = lkjip("--data", str(data), "--quiet", "render", "2025", "--engine", "pandoc", "--output", str(out),
                 "--build", str(tmp_path / "build"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    page = (out / "2025" / "lkjip-2025.html").read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", htmlmod.unescape(re.sub(r"<[^>]+>", " ", page)))
    pdf = re.sub(r"\s+", " ", subprocess.run(["pdftotext", "-layout", str(out / "2025" / "lkjip-2025.pdf"), "-"],
                                             capture_output=True, text=True, check=True).stdout)
    for doc in (text, pdf):
        assert "DRAF" in doc and doc.count("BELUM DIISI") > 50
        assert "Rp0 " not in doc and "Rp0," not in doc  # a missing budget is never a zero
        assert "Sangat Rendah" not in doc  # no capaian computed from a missing realisation
        assert "None" not in doc and " nan" not in doc  # a missing predikat/mutu is marked, not leaked
    assert "Pagu anggaran tahun 2025 sebesar BELUM DIISI" in text or "sebesar BELUM DIISI" in text


@pytest.mark.slow
def test_init_then_render_gives_a_marked_draft(tmp_path):
    """The issue's path: `lkjip init 2025` from 2024, then `lkjip render 2025`."""
    data = tmp_path / "data"
    shutil.copytree(DATA_2024, data / "2024")
    proc = lkjip("--data", str(data), "init", "2025")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = tmp_path / "out"
    proc = lkjip("--data", str(data), "--quiet", "render", "2025", "--engine", "pandoc", "--output", str(out),
                 "--build", str(tmp_path / "build"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    pdf = re.sub(r"\s+", " ", subprocess.run(["pdftotext", "-layout", str(out / "2025" / "lkjip-2025.pdf"), "-"],
                                             capture_output=True, text=True, check=True).stdout)
    assert "DRAF" in pdf and pdf.count("BELUM DIISI") > 50 and "Rp0 " not in pdf
    assert "TAHUN 2025" in pdf and "Rp43.574.741.594" not in pdf  # last year's budget is not carried over


def test_draft_charts_never_state_a_zero_or_partial_total(tmp_path):
    """Figure titles, labels and alt texts of a draft (they are images in the report, so the text
    searches above cannot see them): a missing budget is marked, never Rp0 or a partial sum."""
    from matplotlib.text import Text

    from lkjip.load import load_year
    from lkjip.present import charts as C

    data = load_year(make_draft(tmp_path / "data") / "2025")
    for chart in C.semua(data):
        ticks = {id(t) for ax in chart.fig.axes for t in ax.get_xticklabels() + ax.get_yticklabels()}
        words = [chart.alt] + [t.get_text() for t in chart.fig.findobj(Text)
                               if t.get_text() and t.get_visible() and id(t) not in ticks]
        for text in words:
            assert not re.search(r"Rp0\b|Rp0,|\bnan\b|None", text), (chart.id, text)
    belanja = next(c for c in C.semua(data) if c.id == "fig-anggaran-belanja")
    assert "belum diisi" in belanja.alt.casefold()


def test_draft_partial_budget_is_no_total(tmp_path):
    """One belanja value blank: the chart states no total (the table says BELUM DIISI too)."""
    from matplotlib.text import Text

    from lkjip.load import load_year
    from lkjip.present import charts as C

    target = tmp_path / "data" / "2024"
    shutil.copytree(DATA_2024, target)
    rows = list(csv.DictReader((target / "belanja.csv").open(encoding="utf-8", newline="")))
    rows[0]["pagu"] = ""
    with (target / "belanja.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    chart = C.chart_anggaran_belanja(load_year(target))
    assert "Total pagu BELUM DIISI" in chart.alt
    assert "Total pagu BELUM DIISI" in [t.get_text() for t in chart.fig.findobj(Text)]
