"""The report's figures: one function per figure, ``chart_*(data) -> Chart``.

Modules: :mod:`._style` (house style, formatters, text measuring, :class:`Chart`), :mod:`.bars` (bar and
line charts) and :mod:`.diagrams` (organisation chart, performance tree). Callers use this package:
``from lkjip.present import charts as C``; ``C.chart_*`` is looked up here at call time.

Pure presentation. Every number comes from :mod:`lkjip.compute` (and :mod:`lkjip.metrics` for
fixed bounds such as the IKM mutu bands); this module only draws and formats them.

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
from ._style import (  # noqa: F401
    CM, PT_CM, LEBAR, LEBAR_LANSKAP, TINGGI_MAKS, FONT, PALET, REALISASI, TARGET, ACUAN, ABU, ABU_MUDA, GARIS, RC,
    house_style, Chart, _gaya, _figure, simpan, _kosong, _persen, _SATUAN_RP, rupiah_singkat, _desimal_perlu,
    FormatAngka, FormatRupiah, _LATAR, _TAHUN, _TTP, lebar_teks_cm, _pecah_kata, bungkus, _tinggi_teks_cm,
    _kalimat, _n, _ruang_label, _sumbu_x_sampai, _label_kosong, _batang_h, _gaya_sumbu_h, _tanpa_data,
    _judul_ringkas,
)
from .bars import (  # noqa: F401
    chart_iku_capaian, _iku_numerik, _angka_iku, chart_iku_tren, _pita_mutu, chart_ikm_unsur, chart_akip,
    chart_anggaran_program, chart_anggaran_belanja, _PEGAWAI_PANEL, chart_pegawai,
)
from .diagrams import (  # noqa: F401
    Kotak, Garis, TataLetak, _PAD, _PAD_V, _kotak_tinggi, _flip, _ORG_UKURAN, muat_teks, tata_letak_organisasi,
    _ORG_WARNA, _gambar_tata_letak, chart_organisasi, _POHON_KOLOM, _POHON_KOLOM_KEGIATAN,
    tata_letak_pohon_kinerja, _pohon, _POHON_WARNA, chart_pohon_kinerja,
)

__all__ = [
    "Chart", "Kotak", "Garis", "TataLetak", "CHARTS", "PALET", "house_style", "semua", "simpan",
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
