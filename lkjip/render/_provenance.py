"""The provenance note after the report ("Catatan Asal Data"): a colophon, not an official chapter."""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..present.display import md_escape

HEADING = "# CATATAN ASAL DATA {#catatan-asal-data .unnumbered .unlisted}"
NOT_OFFICIAL = ("*Kolofon: halaman ini mencatat asal data laporan dan bukan bagian dari Laporan Kinerja Instansi "
                "Pemerintah yang resmi.*")


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def relative(path: Path, data_dir: Path) -> str:
    """``path`` relative to the data folder (POSIX separators), else its name."""
    try:
        return Path(path).resolve().relative_to(Path(data_dir).resolve()).as_posix()
    except ValueError:
        return Path(path).name


def provenance_markdown(inputs: Sequence[Path], data_dir: Path, *, version: str, engine: str) -> str:
    """Markdown listing each input file with its SHA-256, the lkjip version and the engine."""
    rows = sorted((relative(p, data_dir), sha256(Path(p))) for p in inputs)
    lines = [HEADING, "", NOT_OFFICIAL, "",
             f"Laporan ini dihasilkan seluruhnya dari berkas data di bawah ini oleh lkjip versi "
             f"{md_escape(version)} dengan mesin {md_escape(engine)}. Sidik SHA-256 memungkinkan "
             "pemeriksaan bahwa angka dalam laporan berasal dari data yang sama.", "",
             "::: {.provenance}", "",
             "| Berkas | SHA-256 |", "|:---------|:---------------------|"]
    lines += [f"| {md_escape(name)} | `{digest}` |" for name, digest in rows]
    if not rows:
        lines.append("| (tidak ada berkas masukan) | |")
    lines += ["", ": Berkas masukan dan sidik SHA-256", "", ":::"]  # the table's own caption (pandoc)
    return "\n".join(lines)


def colophon(markdown: str) -> str:
    """The provenance note fenced as the colophon (``.kolofon``): the PDF sets it after the Lampiran,
    outside the contents; the HTML keeps it as a page marked as not part of the report."""
    return f"::: {{.kolofon}}\n{markdown}\n:::"


def open_data_note(extras: Iterable[str]) -> str:
    """The provenance note's closing sentence when open data files (``extras``: their paths relative
    to the report's ``data/`` folder) are published beside the report; "" when there are none."""
    folders = sorted({str(Path("data") / Path(rel).parent) for rel in extras})
    if not folders:
        return ""
    return ("\n\nData di balik setiap tabel dapat diunduh dari laporan HTML (CSV dan XLSX); data terbuka tahun ini "
            "ada di folder " + ", ".join(f"`{f}/`" for f in folders) + " di samping laporan.")
