"""The numbered tables and figures of the report, in order: one place for numbers and titles.

Titles may use ``{tahun}``, ``{opd}``, ``{kabupaten}``, ``{mulai}``, ``{selesai}`` (Renstra period);
they are filled from the year's profile, never typed into a notebook.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..load import DataTahun


@dataclass(frozen=True)
class Entry:
    id: str
    kind: str  # "tbl" or "fig"
    number: str
    title: str


_T, _F = "tbl", "fig"
CATALOG: tuple[Entry, ...] = (
    Entry("fig-organisasi", _F, "1.1", "Struktur Organisasi {opd} Kabupaten {kabupaten}"),
    Entry("tbl-pegawai", _T, "1.1", "Komposisi Pegawai {opd} Kabupaten {kabupaten} per 31 Desember {tahun}"),
    Entry("fig-pegawai", _F, "1.2", "Komposisi Pegawai {opd} Tahun {tahun}"),
    Entry("tbl-tujuan-sasaran", _T, "2.1", "Tujuan dan Sasaran Jangka Menengah {opd} Kabupaten {kabupaten} "
          "Tahun {mulai}-{selesai}"),
    Entry("tbl-program", _T, "2.2", "Penetapan Kebijakan, Program, Kegiatan dan Sub Kegiatan"),
    Entry("fig-pohon-kinerja", _F, "2.1", "Pohon Kinerja {opd} Kabupaten {kabupaten}"),
    Entry("tbl-rkt", _T, "2.3", "Rencana Kinerja Tahunan {opd} Kabupaten {kabupaten}"),
    Entry("tbl-rencana-aksi", _T, "2.4", "Rencana Aksi {opd} Tahun {tahun}"),
    Entry("tbl-pk", _T, "2.5", "Perjanjian Kinerja {opd} Tahun {tahun}"),
    Entry("tbl-belanja", _T, "2.6", "Anggaran Perjanjian Kinerja per Jenis Belanja Tahun {tahun}"),
    Entry("fig-anggaran-belanja", _F, "2.2", "Pagu Anggaran per Jenis Belanja Tahun {tahun}"),
    Entry("tbl-pk-program", _T, "2.7", "Anggaran Program dalam Perjanjian Kinerja Tahun {tahun}"),
    Entry("tbl-target-realisasi", _T, "3.1.1", "Perbandingan Antara Target dan Realisasi Kinerja Tahun {tahun}"),
    Entry("fig-iku-capaian", _F, "3.1", "Capaian Indikator Kinerja Utama Tahun {tahun}"),
    Entry("tbl-kategori-akip", _T, "3.1.2", "Kategori Penilaian AKIP"),
    Entry("tbl-opini-bpk", _T, "3.1.3", "Opini BPK"),
    Entry("tbl-multi-tahun", _T, "3.1.4", "Perbandingan Antara Realisasi Kinerja serta Capaian Kinerja Tahun Ini "
          "dengan Tahun Lalu dan Beberapa Tahun Terakhir"),
    Entry("fig-iku-tren", _F, "3.2", "Tren Realisasi dan Target Renstra Indikator Kinerja Utama"),
    Entry("tbl-renstra", _T, "3.1.5", "Perbandingan Realisasi Kinerja dengan Target Jangka Menengah dalam "
          "Dokumen Perencanaan Strategis"),
    Entry("tbl-analisis", _T, "3.1.6", "Analisis Penyebab Keberhasilan/Kegagalan Kinerja serta Alternatif Solusi"),
    Entry("tbl-efisiensi", _T, "3.1.7", "Analisis atas Efisiensi Penggunaan Sumber Daya"),
    Entry("tbl-pendukung-s1", _T, "3.1.8", "Indikator Sasaran dan Kegiatan Pendukung Sasaran Strategis 1"),
    Entry("fig-ikm-unsur", _F, "3.3", "Nilai IKM per Unsur Pelayanan Tahun {tahun}"),
    Entry("fig-akip", _F, "3.4", "Nilai Komponen AKIP Tahun {tahun}"),
    Entry("tbl-pendukung-s2", _T, "3.1.9", "Indikator Sasaran dan Program Pendukung Sasaran Strategis 2"),
    Entry("tbl-pendukung-s3", _T, "3.1.10", "Indikator Sasaran dan Program Pendukung Sasaran Strategis 3"),
    Entry("tbl-pendukung-s4", _T, "3.1.11", "Indikator Sasaran dan Program Pendukung Sasaran Strategis 4"),
    Entry("tbl-realisasi-anggaran", _T, "3.2.1", "Alokasi Anggaran IKU {opd} Kabupaten {kabupaten} Tahun {tahun}"),
    Entry("fig-anggaran-program", _F, "3.5", "Pagu dan Realisasi Anggaran per Program Tahun {tahun}"),
    Entry("tbl-lampiran-tim", _T, "L.1", "Susunan Tim Penyusun LKjIP {opd} Tahun {tahun}"),
    Entry("tbl-lampiran-pk", _T, "L.2", "Perjanjian Kinerja Tingkat Satuan Kerja Perangkat Daerah Tahun {tahun}"),
)
_BY_ID = {e.id: e for e in CATALOG}


def caption(id: str, data: DataTahun) -> str:
    """``Tabel 3.1.1 Perbandingan ...`` / ``Gambar 1.1 ...`` with the title's placeholders filled."""
    e = _BY_ID[id]
    r = data.profil.get("renstra") or {}
    title = e.title.format(**data.konteks(), mulai=r.get("mulai", ""), selesai=r.get("selesai", ""))
    return f"{'Tabel' if e.kind == _T else 'Gambar'} {e.number} {title}"
