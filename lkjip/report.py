"""The whole LKjIP of a year: check the data, then render the chapter notebooks (``lkjip render``)."""
from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

from . import __version__
from ._paths import ProjectPaths
from .errors import DataError
from .fmt import tanggal
from .load import load_year
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
        "kabupaten": data.nama_daerah,
        "pemda": f"Pemerintah {data.nama_daerah}",
        "year": str(data.tahun),
        "author": str(p.get("disiapkan_oleh", "")),
        "date": tanggal(p.get("tanggal_laporan")),
        "address": ", ".join(p.get("alamat") or []),
        "motto": str(p.get("moto", "")),
        "lang": "id",
    }


def render_year(year: int, paths: ProjectPaths, *, engine: str = "auto", quiet: bool = False,
                jobs: int | None = None, cache: bool = True, in_process: bool | None = None):
    """Check ``data/<year>`` (stop on errors), then render HTML + PDF into ``paths.year_output(year)``."""
    from .render import render_book

    folder = paths.year_data(year)
    data = load_year(folder)
    found = validate(data)
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

    meta = metadata(data)
    missing = [t for t in found if t.aturan in DRAFT_RULES]
    if missing:  # a draft: say so on the cover, in both HTML and PDF
        meta["status"] = f"DRAF — {len(missing)} isian data belum diisi (ditandai BELUM DIISI)"
    result = render_book(year, paths, chapters=chapter_notebooks(paths), parameters={"data_dir": str(paths.data)},
                       engine=engine, metadata=meta, inputs=data.berkas_masukan(), progress=progress,
                       version=__version__, jobs=jobs, cache=cache,
                       in_process=in_process, extra_files=open_data(data))
    return dataclasses.replace(result, warnings=len(found), draft=bool(missing))
