"""Sentences that carry numbers, generated from the computed results (never typed by hand).

Every function returns Markdown in Bahasa Indonesia. Strings that come from data are escaped with
:func:`esc` so that Markdown/HTML typed into a data file shows as text.
"""
from __future__ import annotations

import re

import pandas as pd

from .. import compute
from ..fmt import KOSONG, angka, persen, rupiah, tanggal, teks
from ..load import DataTahun
from .values import capaian_teks, nilai_iku

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~$^])")


def esc(text: object) -> str:
    """Escape a data string for Markdown: backslash every Markdown/HTML special character."""
    return _MD_SPECIAL.sub(r"\\\1", str(text))


def kalimat_iku(data: DataTahun, h: pd.Series) -> str:
    """One sentence on an IKU's realisation against its target for the report year."""
    nama, tahun = esc(h["nama"]), int(h["tahun"])
    target = nilai_iku(h["target"], h["satuan"])
    if h["realisasi"] is None or pd.isna(h["realisasi"]):
        return f"Realisasi {nama} tahun {tahun} **{KOSONG}** (target {target})."
    real = nilai_iku(h["realisasi"], h["satuan"])
    cap = capaian_teks(h["capaian"])
    kategori = f"kategori capaian {h['kategori']}" if h["kategori"] else ""
    if h["satuan"] == "indeks":
        k = compute.ikm(data)
        return (f"{nama} tahun {tahun} sebesar {real} dari target {target}, capaian {cap} "
                f"(kategori {teks(k.mutu)}, {teks(k.kinerja)}; {kategori}).")
    if h["skala"] == "akip":
        a = compute.akip(data)
        return (f"{nama} tahun {tahun} adalah {real} dengan nilai {angka(a.nilai, 2)} ({teks(a.label)}) dari target "
                f"{target}, capaian {cap} ({kategori}).")
    if h["skala"] == "sesuai":
        return f"{nama} tahun {tahun}: {real} dari target {target}, capaian {cap} ({kategori})."
    return f"{nama} tahun {tahun} sebesar {real} dari target {target}, capaian {cap} ({kategori})."


def kalimat_koordinasi(data: DataTahun, sasaran: str) -> str:
    """How a koordinasi realisation was derived (Tabel 3.1.8 method)."""
    p = compute.program(data)
    p = p[p["sasaran"] == sasaran]
    parts = [f"{esc(r['nama'])} (keuangan {persen(r['keuangan'])}, fisik "
             f"{persen(r['realisasi_fisik'])}, capaian {persen(r['capaian'])}, bobot pagu "
             f"{persen(r['bobot'])})" for _, r in p.iterrows()]
    total = p["kontribusi"].sum(skipna=False)
    return ("Realisasi dihitung sebagai rata-rata realisasi keuangan dan fisik setiap program pendukung, "
            "ditimbang dengan pagu: " + "; ".join(parts) + f"; hasilnya {persen(total)}.")


def kalimat_tren(data: DataTahun, kode: str) -> str:
    """Realisations over the years so far and the change from last year."""
    hist = compute.riwayat_iku(data)
    h = hist[(hist["iku"] == kode) & (hist["tahun"] <= data.tahun)]
    if h.empty:
        return ""
    parts = [f"{int(r['tahun'])}: {nilai_iku(r['realisasi'], r['satuan'], r['nilai'])} "
             f"(target {nilai_iku(r['target'], r['satuan'])}, capaian {capaian_teks(r['capaian'])})"
             for _, r in h.iterrows()]
    return f"Realisasi {esc(h['nama'].iloc[0])} per tahun — " + "; ".join(parts) + "."


def kalimat_renstra(data: DataTahun, kode: str) -> str:
    """Progress of the report year's realisation toward the end-of-Renstra target."""
    from .. import metrics as m

    hist = compute.riwayat_iku(data)
    h = hist[hist["iku"] == kode].set_index("tahun")
    r = data.profil.get("renstra") or {}
    akhir = int(r.get("selesai", data.tahun))
    if akhir not in h.index or data.tahun not in h.index:
        return ""
    last, cur = h.loc[akhir], h.loc[data.tahun]
    if cur["realisasi"] is None or pd.isna(last["target"]):
        return f"Target akhir Renstra {akhir}: {nilai_iku(last['target'], last['satuan'])}; realisasi {data.tahun} {KOSONG}."
    i = data["iku"].set_index("kode").loc[kode]
    prog = m.progres_renstra(str(last["target"]), str(cur["realisasi"]), i["polaritas"],
                             i["skala"] if pd.notna(i["skala"]) else None)
    return (f"Terhadap target akhir Renstra tahun {akhir} sebesar {nilai_iku(last['target'], last['satuan'])}, "
            f"realisasi tahun {data.tahun} ({nilai_iku(cur['realisasi'], cur['satuan'], cur['nilai'])}) telah mencapai "
            f"{capaian_teks(prog)}.")


def kalimat_anggaran(data: DataTahun) -> str:
    """Total budget absorption."""
    t = compute.anggaran_total(data)
    return (f"Dari pagu anggaran tahun {data.tahun} sebesar **{rupiah(t['pagu'])}** terealisasi "
            f"**{rupiah(t['realisasi'])}** atau **{persen(t['persen'])}**, dengan dana yang tidak terserap "
            f"**{rupiah(t['sisa'])}**.")


def kalimat_pegawai(data: DataTahun) -> str:
    """Headcount sentence of 1.5."""
    p = data["pegawai"]
    pns = int(p.loc[p["kelompok"] == "golongan", "jumlah"].sum())
    hon = int(p.loc[p["kelompok"] == "honorer", "jumlah"].sum())
    sa = int(p.loc[p["kelompok"] == "staf_ahli", "jumlah"].sum())
    return (f"Keadaan pegawai {esc(data.profil.get('opd'))} Kabupaten {esc(data.profil.get('kabupaten'))} sampai "
            f"dengan 31 Desember {data.tahun}: {angka(pns)} orang Pegawai Negeri Sipil, {angka(hon)} orang tenaga "
            f"honorer, dan {angka(sa)} orang Staf Ahli Bupati, seluruhnya {angka(pns + hon + sa)} orang.")


def kalimat_struktur_rencana(data: DataTahun) -> str:
    """Counts of the planning structure (2.4)."""
    return (f"Rencana aksi tahun {data.tahun} terdiri dari {len(data['sasaran'])} sasaran strategis, "
            f"{len(data['iku'])} indikator kinerja utama, {len(data['program'])} program, "
            f"{len(data['kegiatan'])} kegiatan, dan {len(data['subkegiatan'])} sub kegiatan dengan pagu "
            f"{rupiah(data['program']['pagu'].sum(skipna=False))}.")


def kalimat_pk_anggaran(data: DataTahun) -> str:
    total = data["belanja"]["pagu"].sum(skipna=False)
    return (f"Jumlah anggaran ({esc(data.profil.get('sumber_anggaran', 'APBD'))}) tahun {data.tahun} sebesar "
            f"**{rupiah(total)}** dengan rincian per jenis belanja dan per program sebagai berikut.")


def kalimat_efisiensi(data: DataTahun) -> list[str]:
    """One sentence per budgeted indicator (3.1.6); the report uses capaian minus serapan."""
    e = compute.efisiensi(data)
    out = []
    for _, r in e.iterrows():
        if "serapan" not in r or pd.isna(r.get("serapan")):
            continue
        sisa = r.get("efisiensi_sisa")
        sisa_text = (f"anggaran yang tidak terserap {angka(100 - float(r['serapan']), 2)}% tidak dihitung sebagai efisiensi "
                     "karena target kinerja belum tercapai penuh" if sisa == 0 else
                     f"efisiensi anggaran (sisa pagu saat target tercapai) {angka(sisa, 2)}%")
        out.append(f"{esc(r['nama'])}: capaian {capaian_teks(r['capaian'])} dengan serapan anggaran "
                   f"{angka(r['serapan'], 2)}% ({rupiah(r['anggaran_realisasi'])} dari "
                   f"{rupiah(r['pagu'])}); selisih capaian terhadap serapan {angka(r['efisiensi_selisih'], 2)} "
                   f"poin persen; {sisa_text}.")
    return out


def kesimpulan(data: DataTahun) -> list[str]:
    """Numbered conclusions generated from the results (4.1)."""
    h = compute.hasil_iku(data)
    out = [kalimat_iku(data, r) for _, r in h.iterrows()]
    tercapai = int((h["capaian"].fillna(0) >= 100).sum())
    out.append(f"Dari {len(h)} indikator kinerja utama, {tercapai} mencapai atau melampaui target dan "
               f"{len(h) - tercapai} belum mencapai target penuh; capaian terendah "
               f"{capaian_teks(h['capaian'].min())} ({esc(h.loc[h['capaian'].idxmin(), 'nama'])})."
               if h["capaian"].notna().any() else "Capaian indikator belum dapat dihitung.")
    out.append(kalimat_anggaran(data))
    return out


def tanggal_laporan(data: DataTahun) -> str:
    return f"{esc(data.profil.get('ibukota', ''))}, {tanggal(data.profil.get('tanggal_laporan'))}"
