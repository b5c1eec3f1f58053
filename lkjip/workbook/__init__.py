"""Excel workbooks to fill a year's data, their import, and starting a new year.

* :func:`write_template` (``lkjip template``): a workbook with instructions, the profile, one sheet
  per table and the prose, empty or pre-filled from a year folder.
* :func:`import_workbook` (``lkjip import``): the workbook back into ``data/<YEAR>/``; checked with
  the same loader and rules as ``lkjip check`` in a staging folder first, every problem named by
  sheet and cell; nothing is written unless there are no errors. An existing year is replaced only
  on request, after moving it to ``DATA/.cadangan/<YEAR>-<n>/``.
* :func:`init_year` (``lkjip init``): a new year folder carried over from an earlier one.

The round trip is exact: a workbook made from a folder imports back to the same bytes, because the
folder is written by the canonical writers of :mod:`lkjip.workbook._files` and every cell value
is written so that :func:`lkjip.workbook._cells.dari_sel` gives its text back (checked per value).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .._paths import ProjectPaths
from .._schema import TABLES
from ..errors import DataError, Temuan, UsageError
from ._files import (CADANGAN, KOSONGKAN, PROFIL_TAHUNAN, DataFiles, discard, new_year, next_backup, place,
                     read_folder, staging_folder, stem, write_folder)
from ._import import Masalah, Peta, read_workbook
from ._template import build, to_bytes

__all__ = ["write_template", "import_workbook", "init_year", "ImportResult", "InitResult", "TemplateResult",
           "CADANGAN"]


@dataclass
class TemplateResult:
    path: Path
    notes: list[str] = field(default_factory=list)


@dataclass
class ImportResult:
    """What an import found; ``folder`` is set only when the year was written."""

    masalah: list[Masalah]
    peta: Peta
    target: Path
    folder: Path | None = None
    backup: Path | None = None

    @property
    def galat(self) -> list[Masalah]:
        return [m for m in self.masalah if m.galat]


@dataclass
class InitResult:
    folder: Path
    source: Path
    notes: list[str] = field(default_factory=list)


def default_template_path(paths: ProjectPaths, year: int) -> Path:
    return paths.output / f"lkjip-{year}-template.xlsx"


def write_template(paths: ProjectPaths, year: int, *, source_year: int | None = None,
                   output: Path | None = None) -> TemplateResult:
    """Write the workbook of ``year`` (pre-filled from ``source_year`` when given) to ``output``."""
    notes: list[str] = []
    if source_year is None:
        files = DataFiles(tabel={stem(t): [] for t in TABLES if not t.optional}, profil={"tahun": year})
        source = "Templat kosong: isi semua sheet."
    else:
        folder = paths.year_data(source_year)
        if not folder.is_dir():
            raise DataError(f"Folder data tahun {source_year} tidak ditemukan: {folder}.")
        files, notes = read_folder(folder)
        source = f"Diisi dari data/{source_year}."
        if source_year != year:
            files = new_year(files, year)
            source += (f" Sebagai awal tahun {year}: realisasi, pagu, nilai, analisis dan narasi dikosongkan "
                       "(seperti 'lkjip init').")
    target = Path(output) if output else default_template_path(paths, year)
    if target.suffix.lower() != ".xlsx":
        raise UsageError(f"Nama berkas keluaran harus berakhiran .xlsx: {target}")
    data = to_bytes(build(files, year, output_name=target.name, source=source))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        partial.write_bytes(data)
        os.replace(partial, target)
    except OSError as exc:
        raise DataError(f"Tidak dapat menulis {target} ({exc.strerror or exc}); tutup berkasnya bila sedang "
                        "dibuka di Excel.") from exc
    return TemplateResult(target, notes)


def _year_finding(files: DataFiles, year: int) -> list[Temuan]:
    stated = files.profil.get("tahun")
    if stated is not None and stated != year:
        return [Temuan("galat", "tahun", "profil.yaml", "Tahun di profil tidak sama dengan tahun impor (--year).",
                       kolom="tahun", nilai=str(stated), harapan=str(year))]
    return []


def import_workbook(path: Path, paths: ProjectPaths, year: int, *, replace: bool = False) -> ImportResult:
    """Check the workbook as the files of ``year``; write ``data/<year>/`` only when error-free."""
    from ..load import load_year
    from ..validate import validate

    target = paths.year_data(year)
    if target.exists() and not replace:
        raise UsageError(f"Folder {target} sudah ada dan tidak diubah. Tambahkan --replace untuk menggantinya "
                         f"(folder lama dipindahkan ke {next_backup(paths.data, year)}), atau impor ke folder "
                         "data lain dengan --data.")
    files, peta, masalah = read_workbook(Path(path))
    staged = staging_folder(paths.data, year)
    try:
        write_folder(files, staged)
        found = validate(load_year(staged)) + _year_finding(files, year)
        masalah = masalah + [Masalah(t, peta.lokasi(t)) for t in found]
        result = ImportResult(masalah, peta, target)
        if result.galat:
            discard(staged)
            return result
        result.backup = place(staged, target, replace=replace)
        result.folder = target
        return result
    except BaseException:
        discard(staged)
        raise


def init_year(paths: ProjectPaths, year: int, source_year: int | None = None) -> InitResult:
    """Create ``data/<year>/`` from ``data/<source_year>/`` (default: the year before); never touches
    an existing folder."""
    source_year = year - 1 if source_year is None else source_year
    if source_year == year:
        raise UsageError("Tahun sumber (--from) harus berbeda dari tahun baru.")
    target = paths.year_data(year)
    if target.exists():
        raise UsageError(f"Folder {target} sudah ada; 'lkjip init' tidak pernah mengubah folder yang sudah ada. "
                         f"Periksa isinya dengan 'lkjip check {year}'.")
    source = paths.year_data(source_year)
    if not source.is_dir():
        raise DataError(f"Folder data tahun {source_year} tidak ditemukan: {source}. Pilih tahun sumber dengan "
                        "--from.")
    files, notes = read_folder(source)
    staged = staging_folder(paths.data, year)
    try:
        write_folder(new_year(files, year), staged)
        place(staged, target, replace=False)
    except BaseException:
        discard(staged)
        raise
    return InitResult(target, source, notes)


def emptied_summary() -> list[str]:
    """What ``init`` leaves empty, one line per file (Bahasa Indonesia)."""
    lines = [f"{name}.csv: {', '.join(cols)}" for name, cols in KOSONGKAN.items()]
    lines.insert(0, "iku_capaian.csv: realisasi, nilai (tahun baru dan sesudahnya)")
    lines.append("ikm_responden.csv: semua baris")
    lines.append("profil.yaml: " + ", ".join(PROFIL_TAHUNAN))
    lines.append("narasi/*.md: semua (berkas kosong, tinggal ditulis)")
    return lines
