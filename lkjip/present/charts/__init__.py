"""The report's figures: one function per figure, ``chart_*(data) -> Chart``.

Modules: :mod:`._style` (house style, formatters, text measuring, :class:`Chart`), :mod:`.bars` (bar and
line charts) and :mod:`.diagrams` (organisation chart, performance tree). Callers use this package:
``from lkjip.present import charts as C``, looking ``C.chart_*`` up on the package at call time (so a
test can replace one here).

Pure presentation. Every number comes from :mod:`lkjip.compute` (and :mod:`lkjip.metrics` for
fixed bounds such as the IKM mutu bands); this package only draws and formats them.

House style (:func:`house_style`): matplotlib's Agg renderer with figures built directly from
:class:`~matplotlib.figure.Figure` (no pyplot state), the Okabe–Ito palette (colour-blind safe, and
the roles used together differ in lightness so they survive greyscale printing), DejaVu Sans,
sizes for an A4 page (16 cm text width; the two diagrams are drawn for 24 cm, A4 landscape, and
flagged ``wide``), no top/right spines, a light grid, Indonesian number formats everywhere
(``1.234.567``, ``97,50%``, ``Rp43,6 M``) and a direct value label on every mark so colour is never
the only cue. A missing value is labelled ``BELUM DIISI`` and never drawn as zero. Nothing random,
no timestamps: the same data give byte-identical files when saved with :func:`simpan` (or under
:func:`house_style`, which fixes the SVG ids; PDF/SVG dates are dropped by :func:`simpan`).

The two diagrams are laid out by small pure functions, :func:`tata_letak_organisasi` and
:func:`tata_letak_pohon_kinerja`, which return boxes and connector lines in centimetres.
"""
from __future__ import annotations

from collections.abc import Callable

from ...load import DataTahun
# the package's names (and the diagram colours and drawing helper the tests use), re-exported
from ._style import (  # noqa: F401
    CM, PT_CM, LEBAR, LEBAR_LANSKAP, TINGGI_MAKS, FONT, PALET, REALISASI, TARGET, ACUAN, ABU, ABU_MUDA, GARIS, RC,
    house_style, Chart, simpan, rupiah_singkat, FormatAngka, FormatRupiah, lebar_teks_cm, bungkus, keep_earlier,
)
from .bars import (  # noqa: F401
    chart_iku_capaian, chart_iku_tren, chart_ikm_unsur, chart_akip, chart_anggaran_program,
    chart_anggaran_belanja, chart_pegawai,
)
from .diagrams import (  # noqa: F401
    Kotak, Garis, TataLetak, muat_teks, tata_letak_organisasi, _ORG_WARNA, _gambar_tata_letak, chart_organisasi,
    tata_letak_pohon_kinerja, _POHON_WARNA, chart_pohon_kinerja,
)

__all__ = [
    "Chart", "Kotak", "Garis", "TataLetak", "CHARTS", "PALET", "house_style", "keep_earlier", "semua", "simpan",
    "rupiah_singkat", "FormatAngka", "FormatRupiah", "bungkus", "tata_letak_organisasi",
    "tata_letak_pohon_kinerja", "muat_teks", "chart_iku_capaian", "chart_iku_tren", "chart_ikm_unsur", "chart_akip",
    "chart_anggaran_program", "chart_anggaran_belanja", "chart_pegawai", "chart_organisasi",
    "chart_pohon_kinerja",
]

# --- registry ---------------------------------------------------------------------------------
CHARTS: dict[str, Callable[[DataTahun], Chart]] = {
    "fig-iku-capaian": chart_iku_capaian,
    "fig-iku-tren": chart_iku_tren,
    "fig-ikm-unsur": chart_ikm_unsur,
    "fig-akip": chart_akip,
    "fig-anggaran-program": chart_anggaran_program,
    "fig-anggaran-belanja": chart_anggaran_belanja,
    "fig-pegawai": chart_pegawai,
    "fig-organisasi": chart_organisasi,
    "fig-pohon-kinerja": chart_pohon_kinerja,
}


def semua(data: DataTahun) -> list[Chart]:
    """Every chart of the report, in :data:`CHARTS` order."""
    return [fn(data) for fn in CHARTS.values()]
