"""The whole LKjIP of a year: check the data, then render the chapter notebooks (``lkjip render``)."""
from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

from . import __version__
from ._paths import ProjectPaths
from ._inputs import logo_findings
from .errors import DataError, Temuan
from .fmt import tanggal
from .load import DataTahun, load_year
from .validate import validate


DRAFT_RULES = ("belum-diisi", "narasi-hilang", "narasi-kosong")


def progress_line(name: str, i: int, n: int, width: int = 20) -> str:
    """``[######--------------] 3/7 03_akuntabilitas.ipynb``: the step being run."""
    done = round(width * (i - 1) / max(n, 1))
    return f"[{'#' * done}{'-' * (width - done)}] {i}/{n} {name}"


def chapter_notebooks(paths: ProjectPaths) -> list[Path]:
    """The chapter notebooks in report order (file names sort as chapters)."""
    found = sorted(paths.notebooks.glob("[0-9][0-9]_*.ipynb"))
    if not found:
        raise DataError(f"Tidak ada notebook bab di {paths.notebooks} (nama seperti 01_pendahuluan.ipynb).")
    return found


def metadata(data) -> dict[str, str]:
    """Cover and header strings of the report, from the profile."""
    p = data.profil
    return {
        "title": "LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP)",
        "subtitle": f"Tahun {data.tahun}",
        "unit": str(p.get("opd", "")).upper(),
        "opd": str(p.get("opd", "")),
        "kabupaten": data.nama_daerah,
        "pemda": f"Pemerintah {data.nama_daerah}",
        "year": str(data.tahun),
        "author": str(p.get("disiapkan_oleh", "")),
        "date": tanggal(p.get("tanggal_laporan")),
        "address": ", ".join(p.get("alamat") or []),
        "motto": str(p.get("moto", "")),
        "lang": "id",
    }


def check_year(year: int, paths: ProjectPaths) -> tuple[DataTahun, list[Temuan]]:
    """Load and check ``data/<year>``: every finding ``lkjip check`` prints and ``lkjip render`` stops
    on (one function, so that render refuses whatever check refuses), the chapter notebooks' cell
    options included."""
    from .render import logo_path

    data = load_year(paths.year_data(year))
    found = validate(data)
    if data.profil.get("tahun") not in (None, year):
        found.insert(0, Temuan("galat", "tahun", "profil.yaml", "Tahun di profil tidak sama dengan folder.",
                               kolom="tahun", nilai=str(data.profil.get("tahun")), harapan=str(year)))
    found += logo_findings(logo_path(paths))
    if paths.notebooks.is_dir():
        from .notebook import periksa_notebook

        found += periksa_notebook(chapter_notebooks(paths), data.konteks())
    return data, found


def check_summary(found: list[Temuan], folder: Path) -> list[str]:
    """The closing lines of ``lkjip check`` (``lkjip preview`` shows them too): what is still empty
    (the report is then a draft) and the counts."""
    errors = sum(t.galat for t in found)
    todo: dict[str, int] = {}
    for t in found:
        if t.aturan in DRAFT_RULES:
            key = "narasi/" if t.berkas.startswith("narasi/") else t.berkas
            todo[key] = todo.get(key, 0) + 1
    lines = []
    if todo:
        lines.append("Belum diisi: " + ", ".join(f"{k} ({n})" for k, n in todo.items())
                     + ". Laporan tetap dapat dibuat sebagai DRAF; isian kosong ditandai BELUM DIISI.")
    lines.append(f"Ringkasan {folder}: {errors} galat, {len(found) - errors} peringatan.")
    return lines


def check_report(found: list[Temuan], folder: Path) -> str:
    """What ``lkjip check`` prints: every finding (GALAT and PERINGATAN, in the order found), a blank
    line, then the closing lines (:func:`check_summary`) a blank line apart. ``lkjip preview`` shows it
    as it is."""
    return "\n".join([*(t.format() for t in found), "", "\n\n".join(check_summary(found, folder))])


def report_metadata(data: DataTahun, found: list[Temuan]) -> dict[str, str]:
    """:func:`metadata` plus the DRAF status on the cover (HTML and PDF) when some inputs are still
    empty."""
    meta = metadata(data)
    missing = [t for t in found if t.aturan in DRAFT_RULES]
    if missing:
        meta["status"] = f"DRAF — {len(missing)} isian data belum diisi (ditandai BELUM DIISI)"
    return meta


def render_year(year: int, paths: ProjectPaths, *, engine: str = "pandoc", quiet: bool = False,
                jobs: int | None = None, cache: bool = True, in_process: bool | None = None,
                self_contained: bool = False):
    """Check ``data/<year>`` (stop on errors), then render HTML + PDF into ``paths.year_output(year)``."""
    from .render import render_book

    from .render._cache import snapshot

    folder = paths.year_data(year)
    before = snapshot(folder)  # hashed before anything is read (lkjip.render._cache)
    data, found = check_year(year, paths)
    errors = [t for t in found if t.galat]
    if errors:
        raise DataError(f"Data {folder} memiliki {len(errors)} galat; laporan tidak dibuat. "
                        f"Perbaiki lalu jalankan 'lkjip check {year}'.", errors)
    if not quiet:
        for t in found:
            print(t.format(), file=sys.stderr)

    def progress(name: str, i: int, n: int) -> None:
        if not quiet:
            print(progress_line(name, i, n), file=sys.stderr, flush=True)

    from .present.opendata import files as open_data

    meta = report_metadata(data, found)
    result = render_book(year, paths, chapters=chapter_notebooks(paths), parameters={"data_dir": str(paths.data)},
                       engine=engine, metadata=meta, inputs=data.berkas_masukan(), progress=progress,
                       version=__version__, jobs=jobs, cache=cache,
                       in_process=in_process, extra_files=open_data(data), inputs_snapshot=before,
                       self_contained=self_contained)
    return dataclasses.replace(result, warnings=len(found), draft="status" in meta)
