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
from .values import capaian_teks, nilai_iku, nilai_satuan

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~$^])")


def esc(text: object) -> str:
    """Escape a data string for Markdown: backslash every Markdown/HTML special character."""
    return _MD_SPECIAL.sub(r"\\\1", str(text))


def _status(capaian: object) -> str:
    """``target tercapai`` (capaian >= 100 %) or ``target belum tercapai``; empty while unknown."""
    if capaian is None or pd.isna(capaian):
        return ""
    return "target tercapai" if float(capaian) >= 100 else "target belum tercapai"  # type: ignore[arg-type]


def kalimat_iku(data: DataTahun, h: pd.Series) -> str:
    """One sentence on an IKU's realisation against its target for the report year, with its unit and
    whether the target was met (both polarities: capaian already accounts for lower-is-better)."""
    nama, tahun = esc(h["nama"]), int(h["tahun"])
    target = nilai_satuan(h["target"], h["satuan"])
    if h["realisasi"] is None or pd.isna(h["realisasi"]):
        return f"Realisasi {nama} tahun {tahun} **{KOSONG}** (target {target})."
    real = nilai_satuan(h["realisasi"], h["satuan"], h["nilai"])
    cap = capaian_teks(h["capaian"])
    status = _status(h["capaian"])
    kategori = "; ".join(x for x in (status, f"kategori capaian {h['kategori']}"
                                     if isinstance(h["kategori"], str) else "") if x)  # NaN while no capaian
    kurung = f" ({kategori})" if kategori else ""  # a realisation without a target has no capaian
    if h["jenis"] == "ikm":
        k = compute.ikm(data)
        return (f"{nama} tahun {tahun} sebesar {real} dari target {target}, capaian {cap} "
                f"(mutu pelayanan {teks(k.mutu)}, {teks(k.kinerja)}{'; ' + kategori if kategori else ''}).")
    if h["jenis"] == "akip" and len(data["akip"]):
        a = compute.akip(data)
        return (f"{nama} tahun {tahun} adalah {real} dengan nilai {angka(a.nilai, 2)} ({teks(a.label)}) dari target "
                f"{target}, capaian {cap}{kurung}.")
    if h["polaritas"] == "kualitatif":
        return f"{nama} tahun {tahun}: {real} dari target {target}, capaian {cap}{kurung}."
    lower = " (semakin rendah semakin baik)" if h["polaritas"] == "turun" else ""
    return f"{nama}{lower} tahun {tahun} sebesar {real} dari target {target}, capaian {cap}{kurung}."


def kalimat_koordinasi(data: DataTahun, sasaran: str) -> str:
    """How a koordinasi realisation was derived (Tabel 3.1.8 method)."""
    p = compute.program(data)
    p = p[p["sasaran"] == sasaran]
    parts = [f"{esc(r['nama'])} ({'' if r['porsi'] == 100 else 'porsi ' + persen(r['porsi']) + ', '}keuangan {persen(r['keuangan'])}, fisik "
             f"{persen(r['realisasi_fisik'])}, capaian {persen(r['capaian'])}, bobot pagu "
             f"{persen(r['bobot'])})" for _, r in p.iterrows()]
    total = p["kontribusi"].sum(skipna=False)
    return ("Realisasi dihitung sebagai rata-rata realisasi keuangan dan fisik setiap program pendukung, "
            "ditimbang dengan pagu: " + "; ".join(parts) + f"; hasilnya {persen(total)}.")


def kalimat_tren(data: DataTahun, kode: str) -> str:
    """Realisations over the years so far and the direction of change from last year (by polarity)."""
    from .. import metrics as m

    hist = compute.riwayat_iku(data)
    h = hist[(hist["iku"] == kode) & (hist["tahun"] <= data.tahun)]
    if h.empty:
        return ""
    parts = [f"{int(r['tahun'])}: {nilai_satuan(r['realisasi'], r['satuan'], r['nilai'])} "
             f"(target {nilai_satuan(r['target'], r['satuan'])}, capaian {capaian_teks(r['capaian'])})"
             for _, r in h.iterrows()]
    text = f"Realisasi {esc(h['nama'].iloc[0])} per tahun — " + "; ".join(parts) + "."
    cur, prev = h[h["tahun"] == data.tahun], h[h["tahun"] == data.tahun - 1]
    if len(cur) and len(prev):
        c, p = cur.iloc[0], prev.iloc[0]
        way = m.arah(p["realisasi"], c["realisasi"], c["polaritas"], c["skala"] if pd.notna(c["skala"]) else None)
        if way:
            text += f" Dibandingkan tahun {data.tahun - 1}, kinerja tahun {data.tahun} {way}."
    return text


def kalimat_renstra(data: DataTahun, kode: str) -> str:
    """Progress of the report year's realisation toward the end-of-Renstra target (from the baseline
    when the data has one, :func:`lkjip.metrics.tren.progres_renstra`)."""
    from .. import metrics as m

    hist = compute.riwayat_iku(data)
    h = hist[hist["iku"] == kode].set_index("tahun")
    r = data.profil.get("renstra") or {}
    akhir = int(r.get("selesai", data.tahun))
    if akhir not in h.index or data.tahun not in h.index:
        return ""
    last, cur = h.loc[akhir], h.loc[data.tahun]
    nama = esc(cur["nama"])
    if cur["realisasi"] is None or pd.isna(last["target"]):
        return (f"{nama}: target akhir Renstra {akhir} {nilai_satuan(last['target'], last['satuan'])}; realisasi "
                f"{data.tahun} {KOSONG}.")
    i = data["iku"].set_index("kode").loc[kode]
    prog = m.progres_renstra(str(last["target"]), str(cur["realisasi"]), i["polaritas"],
                             i["skala"] if pd.notna(i["skala"]) else None, awal=i["kondisi_awal"])
    return (f"{nama}: terhadap target akhir Renstra tahun {akhir} sebesar "
            f"{nilai_satuan(last['target'], last['satuan'])}, realisasi tahun {data.tahun} "
            f"({nilai_satuan(cur['realisasi'], cur['satuan'], cur['nilai'])}) telah mencapai {capaian_teks(prog)}.")


def kalimat_anggaran(data: DataTahun) -> str:
    """Total budget absorption."""
    t = compute.anggaran_total(data)
    return (f"Dari pagu anggaran tahun {data.tahun} sebesar **{rupiah(t['pagu'])}** terealisasi "
            f"**{rupiah(t['realisasi'])}** atau **{persen(t['persen'])}**, dengan dana yang tidak terserap "
            f"**{rupiah(t['sisa'])}**.")


def kalimat_pegawai(data: DataTahun) -> str:
    """Headcount sentence of 1.5: every staff group the data has (PNS, PPPK, non-ASN, staf ahli)."""
    p = data["pegawai"]

    def total(kelompok: str) -> int | None:
        rows = p.loc[p["kelompok"] == kelompok, "jumlah"]
        return int(rows.sum()) if len(rows) else None

    groups = [(total("golongan") if total("golongan") is not None else total("pendidikan"), "Pegawai Negeri Sipil"),
              (total("pppk"), "PPPK"), (total("honorer"), "tenaga honorer/non-ASN"),
              (total("staf_ahli"), f"Staf Ahli {data.sebutan_kepala_daerah}")]
    present = [(n, label) for n, label in groups if n]
    if not present:
        return f"Data komposisi pegawai {esc(data.profil.get('opd'))} tahun {data.tahun} {KOSONG}."
    parts = [f"{angka(n)} orang {label}" for n, label in present]
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " dan " + parts[-1]
    return (f"Keadaan pegawai {esc(data.profil.get('opd'))} {esc(data.nama_daerah)} sampai dengan 31 Desember "
            f"{data.tahun}: {listed}, seluruhnya {angka(sum(n for n, _ in present))} orang.")


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
                   f"{rupiah(r['pagu'])}); selisih capaian terhadap serapan {angka(r.get('efisiensi_selisih'), 2)} "
                   f"poin persen; {sisa_text}.")
    return out


def kesimpulan(data: DataTahun) -> list[str]:
    """Numbered conclusions generated from the results (4.1). Indicators whose capaian is not known yet
    are counted apart, never as failed."""
    h = compute.hasil_iku(data)
    out = [kalimat_iku(data, r) for _, r in h.iterrows()]
    known = h[h["capaian"].notna()]
    if len(known):
        met = int((known["capaian"].astype(float) >= 100).sum())
        missing = len(h) - len(known)
        low = known.loc[known["capaian"].astype(float).idxmin()]
        out.append(f"Dari {len(h)} indikator kinerja utama, {met} mencapai atau melampaui target dan "
                   f"{len(known) - met} belum mencapai target penuh"
                   + (f"; capaian {missing} indikator {KOSONG}" if missing else "")
                   + f"; capaian terendah {capaian_teks(low['capaian'])} ({esc(low['nama'])}).")
    else:
        out.append("Capaian indikator belum dapat dihitung.")
    out.append(kalimat_anggaran(data))
    return out


def tanggal_laporan(data: DataTahun) -> str:
    return f"{esc(data.profil.get('ibukota', ''))}, {tanggal(data.profil.get('tanggal_laporan'))}"
