"""Titles of the report's tables and figures: one place for their wording.

A title may use ``{tahun}``, ``{opd}``, ``{kabupaten}``/``{daerah}`` (the region's name),
``{nama_daerah}`` (``Kabupaten X``, ``Kota Y``), ``{mulai}``/``{selesai}`` (Renstra period) and the
fields a call passes (``{n}``, ``{sasaran}``, ``{indikator}``); they are filled from the data, never
typed into a notebook. Numbers are not part of a title: the renderer numbers tables and figures in
the order they appear, per chapter (Bab III per section), so they run without gaps whatever the
unit's structure (:mod:`lkjip.render._numbering`).
"""
from __future__ import annotations

from ..load import DataTahun

TITLES: dict[str, str] = {
    "fig-organisasi": "Struktur Organisasi {opd} {nama_daerah}",
    "tbl-pegawai": "Komposisi Pegawai {opd} {nama_daerah} per 31 Desember {tahun}",
    "fig-pegawai": "Komposisi Pegawai {opd} Tahun {tahun}",
    "tbl-tujuan-sasaran": "Tujuan dan Sasaran Jangka Menengah {opd} {nama_daerah} Tahun {mulai}-{selesai}",
    "tbl-program": "Penetapan Kebijakan, Program, Kegiatan dan Sub Kegiatan",
    "fig-pohon-kinerja": "Pohon Kinerja {opd} {nama_daerah}",
    "tbl-rkt": "Rencana Kinerja Tahunan {opd} {nama_daerah}",
    "tbl-rencana-aksi": "Rencana Aksi {opd} Tahun {tahun}",
    "tbl-pk": "Perjanjian Kinerja {opd} Tahun {tahun}",
    "tbl-belanja": "Anggaran Perjanjian Kinerja per Jenis Belanja Tahun {tahun}",
    "fig-anggaran-belanja": "Pagu Anggaran per Jenis Belanja Tahun {tahun}",
    "tbl-pk-program": "Anggaran Program dalam Perjanjian Kinerja Tahun {tahun}",
    "tbl-target-realisasi": "Perbandingan Antara Target dan Realisasi Kinerja Tahun {tahun}",
    "fig-iku-capaian": "Capaian Indikator Kinerja Utama Tahun {tahun}",
    "tbl-kategori-akip": "Kategori Penilaian AKIP",
    "tbl-opini-bpk": "Opini BPK",
    "tbl-multi-tahun": "Perbandingan Antara Realisasi Kinerja serta Capaian Kinerja Tahun Ini dengan Tahun Lalu "
                       "dan Beberapa Tahun Terakhir",
    "fig-iku-tren": "Tren Realisasi dan Target Renstra Indikator Kinerja Utama",
    "tbl-renstra": "Perbandingan Realisasi Kinerja dengan Target Jangka Menengah dalam Dokumen Perencanaan "
                   "Strategis",
    "tbl-analisis": "Analisis Penyebab Keberhasilan/Kegagalan Kinerja serta Alternatif Solusi",
    "tbl-efisiensi": "Analisis atas Efisiensi Penggunaan Sumber Daya",
    "tbl-pendukung": "Indikator Sasaran dan Program Pendukung Sasaran Strategis {n}",
    "tbl-ikm": "{indikator}: Nilai per Unsur Pelayanan Tahun {tahun}",
    "fig-ikm-unsur": "Nilai IKM per Unsur Pelayanan Tahun {tahun}",
    "tbl-akip": "{indikator}: Komponen Penilaian Tahun {tahun}",
    "fig-akip": "Nilai Komponen AKIP Tahun {tahun}",
    "tbl-realisasi-anggaran": "Alokasi Anggaran per Sasaran dan Indikator {opd} {nama_daerah} Tahun {tahun}",
    "fig-anggaran-program": "Pagu dan Realisasi Anggaran per Program Tahun {tahun}",
    "tbl-lampiran-tim": "Susunan Tim Penyusun LKjIP {opd} Tahun {tahun}",
    "tbl-lampiran-pk": "Perjanjian Kinerja Tingkat Satuan Kerja Perangkat Daerah Tahun {tahun}",
    "tbl-lampiran-pk-program": "Program dan Anggaran dalam Perjanjian Kinerja Tahun {tahun}",
}


def caption(key: str, data: DataTahun, **fields: object) -> str:
    """The title of table/figure ``key`` with its placeholders filled (the renderer adds the number)."""
    r = data.profil.get("renstra") or {}
    return TITLES[key].format(**data.konteks(), mulai=r.get("mulai", ""), selesai=r.get("selesai", ""), **fields)
