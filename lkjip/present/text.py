"""Sentences that carry numbers, generated from the computed results (never typed by hand).

Every function returns Markdown in Bahasa Indonesia. Strings that come from data are escaped with
:func:`esc` so that Markdown/HTML typed into a data file shows as text.
"""
from __future__ import annotations


import pandas as pd

from .. import compute
from ..fmt import KOSONG, angka, esc, kosong, persen, rupiah, tanggal, teks
from ..load import DataTahun
from .values import angka_iku, bilangan, capaian_teks, nilai_satuan

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
        return (f"{nama} tahun {tahun} adalah {nilai_satuan(h['realisasi'], h['satuan'])} dengan nilai "
                f"{angka(a.nilai, 2)} ({teks(a.label)}) terhadap target {target}, capaian {cap}{kurung}.")
    if h["polaritas"] == "kualitatif":
        return f"Realisasi {nama} tahun {tahun} adalah “{real}” terhadap target “{target}”, capaian {cap}{kurung}."
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


def _selisih(x: float, satuan: object) -> str:
    """A difference in the indicator's unit: ``0,94 poin persen``, ``12 per 100.000 kelahiran hidup``."""
    if str(satuan or "").strip() == "%":
        return f"{bilangan(abs(x))} poin persen"
    return nilai_satuan(f"{abs(x):.10g}", satuan)


def _riwayat(data: DataTahun, kode: str) -> pd.DataFrame:
    hist = compute.riwayat_iku(data)
    return hist[hist["iku"] == kode].set_index("tahun")


def kalimat_tren(data: DataTahun, kode: str) -> str:
    """3.1.2 for one indicator, named: this year's realisation against last year and the years before —
    direction and size of the change, read by the indicator's polarity (PermenPANRB 53/2014, analysis
    item 2)."""
    from .. import metrics as m

    h = _riwayat(data, kode)
    h = h[h.index <= data.tahun]
    if h.empty or data.tahun not in h.index:
        return ""
    cur = h.loc[data.tahun]
    nama, t, sat = esc(cur["nama"]), data.tahun, cur["satuan"]
    skala = cur["skala"] if isinstance(cur["skala"], str) else None
    if cur["realisasi"] is None:
        return f"Realisasi {nama} tahun {t} {KOSONG}; perbandingan dengan tahun-tahun sebelumnya belum dapat dibuat."
    real = nilai_satuan(cur["realisasi"], sat, cur["nilai"])
    out = [f"Realisasi {nama} tahun {t} sebesar {real}, dengan capaian {capaian_teks(cur['capaian'])}."]
    measured = [(int(y), r) for y, r in h.iterrows() if r["realisasi"] is not None]
    if t - 1 in h.index and h.loc[t - 1, "realisasi"] is not None:
        prev = h.loc[t - 1]
        before = nilai_satuan(prev["realisasi"], sat, prev["nilai"])
        way = m.arah(prev["realisasi"], cur["realisasi"], cur["polaritas"], skala)
        a, b = angka_iku(prev["realisasi"]), angka_iku(cur["realisasi"])
        if a is not None and b is not None and a != b:
            out.append(f"Dibandingkan realisasi tahun {t - 1} sebesar {before}, realisasi "
                       f"{'naik' if b > a else 'turun'} {_selisih(b - a, sat)}; kinerja {way}.")
        elif way:
            out.append(f"Dibandingkan realisasi tahun {t - 1} sebesar {before}, kinerja {way}.")
        if not kosong(prev["capaian"]) and not kosong(cur["capaian"]):
            out.append(f"Capaiannya {capaian_teks(cur['capaian'])}, dibandingkan {capaian_teks(prev['capaian'])} "
                       f"pada tahun {t - 1}.")
    else:
        out.append(f"Realisasi tahun {t - 1} tidak tersedia untuk dibandingkan.")
    if len(measured) >= 3:
        y0, first = measured[0]
        since = nilai_satuan(first["realisasi"], sat, first["nilai"])
        way = m.arah(first["realisasi"], cur["realisasi"], cur["polaritas"], skala)
        pts = [(y, v) for y, r in measured if (v := angka_iku(r["realisasi"])) is not None]
        rate = m.laju_tahunan(pts) if len(pts) == len(measured) else None
        if rate is not None and rate != 0:
            out.append(f"Sejak {y0}, saat realisasinya {since}, realisasi rata-rata "
                       f"{'naik' if rate > 0 else 'turun'} {_selisih(rate, sat)} per tahun; secara keseluruhan "
                       f"kinerja {way}.")
        elif way:
            out.append(f"Sejak {y0}, saat realisasinya {since}, secara keseluruhan kinerja {way}.")
    return " ".join(out)


#: Method note of 3.1.3: how progress toward the end-of-Renstra target is measured (the rule of
#: :func:`lkjip.metrics.tren.progres_renstra`).
CATATAN_PROGRES_RENSTRA = (
    "Catatan metode: capaian terhadap target akhir Renstra dihitung dari kondisi awal bila data memuatnya, "
    "yaitu (realisasi − kondisi awal) / (target akhir − kondisi awal) × 100%, sehingga indikator yang "
    "semakin rendah semakin baik diukur dari jarak yang sudah ditempuh; tanpa kondisi awal dipakai rumus "
    "capaian PermenPANRB Nomor 53 Tahun 2014 (R/T × 100% atau, untuk indikator yang semakin rendah semakin "
    "baik, (2T − R)/T × 100%), dan indikator kualitatif diukur pada skala peringkatnya.")


def kalimat_renstra(data: DataTahun, kode: str) -> str:
    """3.1.3 for one indicator, named: progress toward the end-of-Renstra target (from the baseline when
    the data has one, :func:`lkjip.metrics.tren.progres_renstra`), the gap, and what it asks of the
    remaining years beside the pace so far (PermenPANRB 53/2014, analysis item 3)."""
    from .. import metrics as m

    h = _riwayat(data, kode)
    r = data.profil.get("renstra") or {}
    akhir = int(r.get("selesai", data.tahun))
    if akhir not in h.index or data.tahun not in h.index:
        return ""
    last, cur = h.loc[akhir], h.loc[data.tahun]
    nama, sat = esc(cur["nama"]), cur["satuan"]
    target = nilai_satuan(last["target"], sat)
    if cur["realisasi"] is None or kosong(last["target"]):
        return f"{nama}: target akhir Renstra tahun {akhir} {target}; realisasi {data.tahun} {KOSONG}."
    i = data["iku"].set_index("kode").loc[kode]
    skala = i["skala"] if isinstance(i["skala"], str) else None
    awal = i["kondisi_awal"]
    prog = m.progres_renstra(str(last["target"]), str(cur["realisasi"]), i["polaritas"], skala, awal=awal)
    t_num, r_num, b_num = angka_iku(last["target"]), angka_iku(cur["realisasi"]), angka_iku(awal)
    from_base = (i["polaritas"] != "kualitatif" and None not in (t_num, r_num, b_num) and t_num != b_num)
    out = [f"{nama}: target akhir Renstra tahun {akhir} sebesar {target}; realisasi tahun {data.tahun} sebesar "
           f"{nilai_satuan(cur['realisasi'], sat, cur['nilai'])} telah mencapai {capaian_teks(prog)} "
           + (f"dari jarak kondisi awal {nilai_satuan(awal, sat)} ke target akhir." if from_base
              else "dari target akhir.")]
    try:
        met = m.capaian(str(last["target"]), str(cur["realisasi"]), i["polaritas"], skala) >= 100
    except (m.CapaianError, ValueError):
        return out[0]
    sisa = akhir - data.tahun
    if met:
        out.append("Target akhir Renstra telah tercapai; yang perlu dijaga adalah konsistensinya sampai "
                   f"tahun {akhir}.")
    elif sisa <= 0:
        out.append("Periode Renstra berakhir tahun ini dan target akhirnya belum tercapai.")
    elif t_num is not None and r_num is not None:
        need = m.kebutuhan_per_tahun(t_num, r_num, sisa)
        assert need is not None  # sisa > 0 here
        text = (f"Untuk mencapainya, realisasi perlu {'naik' if need > 0 else 'turun'} {_selisih(need, sat)} "
                f"per tahun selama {sisa} tahun tersisa ({data.tahun + 1}–{akhir})")
        pts = [(int(y), v) for y, row in h.iterrows() if y <= data.tahun
               and (v := angka_iku(row["realisasi"])) is not None]
        rate = m.laju_tahunan(pts)
        if rate is not None:
            enough = rate * need > 0 and abs(rate) >= abs(need)
            text += (f"; laju rata-rata selama ini ({'naik' if rate >= 0 else 'turun'} {_selisih(rate, sat)} per "
                     f"tahun) {'cukup bila dipertahankan' if enough else 'belum cukup, sehingga perlu percepatan'}")
        out.append(text + ".")
    else:
        out.append(f"Target akhir belum tercapai dan masih ada {sisa} tahun tersisa untuk mencapainya.")
    return " ".join(out)


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


def kalimat_ringkas_capaian(data: DataTahun) -> str:
    """How many IKU met their target, how many did not and how many are not measured yet, and the lowest
    capaian — the one count the Ikhtisar, Bab III and Bab IV share (missing is never counted as failed)."""
    h = compute.hasil_iku(data)
    known = h[h["capaian"].notna()]
    if not len(known):
        return "Capaian indikator belum dapat dihitung."
    met = int((known["capaian"].astype(float) >= 100).sum())
    missing = len(h) - len(known)
    low = known.loc[known["capaian"].astype(float).idxmin()]
    return (f"Dari {len(h)} indikator kinerja utama, {met} mencapai atau melampaui target dan "
            f"{len(known) - met} belum mencapai target penuh"
            + (f"; capaian {missing} indikator {KOSONG}" if missing else "")
            + f"; capaian terendah {capaian_teks(low['capaian'])} ({esc(low['nama'])}).")


def kalimat_efisiensi_ringkas(data: DataTahun) -> str:
    """The efficiency conclusion, by the rule of 3.1.6 (:func:`lkjip.metrics.efisiensi.efisiensi_sisa`):
    unspent budget counts as efficiency only for indicators that met their target."""
    e = compute.efisiensi(data)
    if "pagu" not in e.columns:
        return ""
    budgeted = e[e["pagu"].notna() & e["capaian"].notna()]
    if not len(budgeted):
        return ""
    counted = budgeted[budgeted.get("efisiensi_sisa", pd.Series(0.0, index=budgeted.index)).fillna(0) > 0]
    if not len(counted):
        return ("Sesuai kaidah pada 3.1.6, sisa anggaran tidak dihitung sebagai efisiensi karena indikator yang "
                "didukung anggaran tersebut belum mencapai target penuh.")
    names = "; ".join(f"{esc(r['nama'])} ({angka(r['efisiensi_sisa'], 2)}% dari pagu)" for _, r in counted.iterrows())
    rest = len(budgeted) - len(counted)
    return (f"Sesuai kaidah pada 3.1.6, efisiensi anggaran dihitung pada indikator yang mencapai target: {names}"
            + (f"; sisa anggaran pada {rest} indikator lain tidak dihitung sebagai efisiensi karena targetnya "
               "belum tercapai penuh." if rest else "."))


def kesimpulan(data: DataTahun) -> list[str]:
    """Numbered conclusions generated from the results (4.1), from the same figures as Bab III."""
    h = compute.hasil_iku(data)
    out = [kalimat_iku(data, r) for _, r in h.iterrows()]
    out.append(kalimat_ringkas_capaian(data))
    out.append(kalimat_anggaran(data) + (" " + x if (x := kalimat_efisiensi_ringkas(data)) else ""))
    return out


def _kalimat_data(text: object) -> str:
    """A sentence from data placed inside a generated sentence: escaped, without its closing period."""
    return esc(str(text).strip().rstrip(". ")) if isinstance(text, str) and text.strip() else KOSONG


def ikhtisar(data: DataTahun) -> list[str]:
    """The Ikhtisar Eksekutif (PermenPANRB 53/2014): the unit and its plan, every sasaran with its
    indicators' results, the counts, the budget, and the indicators below target with their causes and
    follow-up — all from the same figures as the chapters."""
    p = data.profil
    r = p.get("renstra") or {}
    h = compute.hasil_iku(data)
    unit = f"{esc(p.get('opd', ''))} {esc(data.nama_daerah)}"
    ke = data.tahun - int(r.get("mulai", data.tahun)) + 1
    out = [f"Laporan Kinerja Instansi Pemerintah {unit} tahun {data.tahun} mempertanggungjawabkan Perjanjian "
           f"Kinerja tahun {data.tahun}, tahun ke-{ke} Rencana Strategis {r.get('mulai', '')}–{r.get('selesai', '')}. "
           f"Kinerja diukur dengan {len(data['iku'])} indikator kinerja utama pada {len(data['sasaran'])} sasaran "
           f"strategis dari {len(data['tujuan'])} tujuan."]
    lines = []
    for n, (_, s) in enumerate(data["sasaran"].iterrows(), start=1):
        rows = h[h["sasaran"] == s["kode"]]
        parts = [f"{esc(x['nama'])} {nilai_satuan(x['realisasi'], x['satuan'], x['nilai'])}, capaian "
                 f"{capaian_teks(x['capaian'], kosong=KOSONG)}{', ' + st if (st := _status(x['capaian'])) else ''}"
                 for _, x in rows.iterrows()]
        lines.append(f"- Sasaran {n}, {esc(s['sasaran'])}: " + ("; ".join(parts) if parts else "tanpa indikator")
                     + ".")
    out.append("\n".join(lines))
    out.append(kalimat_ringkas_capaian(data))
    out.append(kalimat_anggaran(data) + (" " + x if (x := kalimat_efisiensi_ringkas(data)) else ""))
    below = h[h["capaian"].notna() & (h["capaian"].astype("Float64") < 100)]
    a = data["analisis"].set_index("iku")
    if len(below):
        items = []
        for _, x in below.iterrows():
            cause = a.at[x["iku"], "keberhasilan"] if x["iku"] in a.index else None
            fix = a.at[x["iku"], "solusi"] if x["iku"] in a.index else None
            items.append(f"- {esc(x['nama'])} (capaian {capaian_teks(x['capaian'])}): {_kalimat_data(cause)}; "
                         f"tindak lanjut: {_kalimat_data(fix)}.")
        out.append("Indikator yang belum mencapai target, penyebab dan tindak lanjutnya:\n\n" + "\n".join(items))
    elif h["capaian"].notna().any():
        out.append("Seluruh indikator yang telah diukur mencapai atau melampaui targetnya.")
    return out


def tanggal_laporan(data: DataTahun) -> str:
    return f"{esc(data.profil.get('ibukota', ''))}, {tanggal(data.profil.get('tanggal_laporan'))}"
