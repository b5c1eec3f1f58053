"""The bar and line charts: IKU capaian and trend, IKM per unsur, AKIP components, budget per program
and per type of spending, staff composition. Every number comes from :mod:`lkjip.compute`."""
from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, cast

import pandas as pd
from matplotlib.figure import Figure, SubFigure
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FixedLocator, MaxNLocator, MultipleLocator

from ... import compute
from ... import metrics as m
from ...fmt import KOSONG, angka, jumlah, rupiah, teks
from ...load import DataTahun
from ...metrics.capaian import is_number
from ..catalog import caption
from ..values import SATUAN_SKALA, angka_iku, bilangan, nilai_satuan
from ._style import (
    LEBAR, REALISASI, TARGET, ACUAN, ABU, ABU_MUDA, Chart, _gaya, _figure, _kosong, _persen, rupiah_singkat,
    FormatAngka, FormatRupiah, _LATAR, _TAHUN, bungkus, _kalimat, _n, _ruang_label, _ruang_label_semua, _sumbu_x_sampai,
    _label_kosong, _batang_h, _gaya_sumbu_h, _tanpa_data, _judul_ringkas,
)


# --- 1. IKU capaian ---------------------------------------------------------------------------
@_gaya
def chart_iku_capaian(data: DataTahun) -> Chart:
    """Capaian (%) of every IKU in the report year as horizontal bars against the 100 % line."""
    if not len(data["iku"]):
        return _tanpa_data(data, "fig-iku-capaian", "Indikator kinerja utama")
    h = compute.hasil_iku(data).reset_index(drop=True)
    n = len(h)
    labels = []
    alt_parts = []
    caps = [None if _kosong(c) else float(c) for c in h["capaian"]]
    for i, r in h.iterrows():
        target = nilai_satuan(r["target"], r["satuan"])
        real = nilai_satuan(r["realisasi"], r["satuan"], r["nilai"])
        nama = bungkus(f"{r['iku']} {r['nama']}", 6.2, 7, maks_baris=3)
        # values with long units ("per 100.000 kelahiran hidup") wrap too, never cut
        labels.append(f"{nama}\n{bungkus(f'Target {target} · Realisasi {real}', 6.2, 7)}")
        if caps[i] is None:
            alt_parts.append(f"{r['iku']} {r['nama']}: target {target}, realisasi "
                             f"{'belum diisi' if _kosong(r['realisasi']) else real}, capaian belum dapat dihitung")
        else:
            alt_parts.append(f"{r['iku']} {r['nama']}: target {target}, realisasi {real}, capaian "
                             f"{_persen(caps[i])} ({r['kategori']})")
    baris = max((label.count("\n") + 1 for label in labels), default=1)
    fig = _figure(LEBAR, 1.9 + max(1.25, 0.3 * baris + 0.1) * max(n, 1))  # a 7 pt line is 0.3 cm
    ax = fig.add_subplot()
    pos = [n - 1 - i for i in range(n)]  # first IKU on top
    bars, missing = _batang_h(ax, caps, pos=pos)
    texts = [ax.text(max(b.get_width(), 100.0), b.get_y() + b.get_height() / 2,
                     f" {_persen(caps[i])}  ({h.loc[i, 'kategori']})", va="center", ha="left", fontsize=7,
                     color="#1A1A1A")
             for b, i in zip(bars, [i for i in range(n) if caps[i] is not None])]
    for i in missing:
        texts.append(_label_kosong(ax, 1.5, pos[i], f"{KOSONG} — realisasi {h.loc[i, 'iku']} tidak tersedia"))
    ax.axvline(100, color=ACUAN, linestyle="--", linewidth=1.1, zorder=3)
    ax.set_yticks(pos, labels, fontsize=7)
    ax.set_ylim(-0.6, n - 0.4)
    top = max([c for c in caps if c is not None] + [100.0])
    ax.set_xlim(0, top * 1.06)
    # steps of 20/50 on the usual range; an outlying capaian (a realisation far above its target) gets ~8 ticks
    ax.xaxis.set_major_locator(MultipleLocator(20 if top <= 160 else 50) if top <= 400
                               else MaxNLocator(8, steps=[1, 2, 2.5, 5, 10]))
    _sumbu_x_sampai(ax, top)
    ax.xaxis.set_major_formatter(FormatAngka("%"))
    ax.set_xlabel("Capaian kinerja (%)")
    _gaya_sumbu_h(ax)
    ax.legend(handles=[Patch(color=REALISASI, label="Capaian"),
                       Line2D([], [], color=ACUAN, linestyle="--", linewidth=1.1, label="Target tercapai (100%)")],
              loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=2)
    _ruang_label(fig, ax, texts)
    alt = (f"Diagram batang capaian {_n(n)} indikator kinerja utama tahun {data.tahun} terhadap garis target "
           f"100%. " + _kalimat(alt_parts))
    return Chart(fig, alt, caption("fig-iku-capaian", data), "fig-iku-capaian")


# --- 2. IKU trend -----------------------------------------------------------------------------
def _iku_numerik(riwayat: pd.DataFrame, iku: pd.DataFrame) -> list[str]:
    """IKU with numeric targets (IKM, the koordinasi %): the ones a line chart can show."""
    out = []
    for _, i in iku.iterrows():
        if i["polaritas"] not in ("naik", "turun"):
            continue
        t = riwayat.loc[riwayat["iku"] == i["kode"], "target"]
        if any(not _kosong(v) and is_number(v) for v in t):
            out.append(str(i["kode"]))
    return out


@_gaya
def chart_iku_tren(data: DataTahun) -> Chart:
    """Realisation (solid) against the Renstra targets (dashed) per numeric IKU over the Renstra period."""
    if not len(data["iku"]):
        return _tanpa_data(data, "fig-iku-tren", "Indikator kinerja utama")
    r = compute.riwayat_iku(data)
    iku = data["iku"].set_index("kode")
    kodes = _iku_numerik(r, data["iku"])
    if not kodes:
        return _tanpa_data(data, "fig-iku-tren", "Tren IKU", "tidak ada indikator bernilai angka")
    years = sorted(int(y) for y in r["tahun"].unique()) or [data.tahun]
    ncol = 2 if len(kodes) > 1 else 1
    nrow = max(1, math.ceil(len(kodes) / ncol))
    fig = _figure(LEBAR, 1.4 + 5.6 * nrow)
    axes = fig.subplots(nrow, ncol, squeeze=False).ravel()
    alt_parts = []
    for ax, kode in zip(axes, kodes):
        sub = r[r["iku"] == kode].set_index("tahun").sort_index()
        satuan = str(iku.loc[kode, "satuan"])
        suf = "%" if satuan == "%" else ""
        tgt = [(int(y), angka_iku(sub.loc[y, "target"])) for y in sub.index]
        real = [(int(y), angka_iku(sub.loc[y, "realisasi"])) for y in sub.index if int(y) <= data.tahun]
        ax.axvspan(data.tahun - 0.45, data.tahun + 0.45, color="#F0F0F0", zorder=0, linewidth=0)
        ax.plot([y for y, _ in tgt], [math.nan if v is None else v for _, v in tgt], linestyle="--",
                marker="s", markerfacecolor="white", markeredgewidth=1.1, color=TARGET, zorder=3)
        ax.plot([y for y, _ in real], [math.nan if v is None else v for _, v in real], linestyle="-",
                marker="o", color=REALISASI, zorder=4)
        values = [v for _, v in tgt + real if v is not None]
        lo, hi = (min(values), max(values)) if values else (0.0, 100.0)
        span = max(hi - lo, 4.0)
        tmap = dict(tgt)
        for y, v in real:
            if v is None:
                _label_kosong(ax, y, 0.06, "BELUM\nDIISI", ha="center", va="bottom", fontsize=6,
                              transform=ax.get_xaxis_transform())
                continue
            above = (t := tmap.get(y)) is None or v >= t
            ax.annotate(bilangan(v) + suf, (y, v), xytext=(0, 5 if above else -6), textcoords="offset points",
                        ha="center", va="bottom" if above else "top", fontsize=6.5, color=REALISASI,
                        fontweight="bold", zorder=5, bbox=_LATAR)
        for y, v in tgt:
            if y > data.tahun and v is not None:
                ax.annotate(bilangan(v) + suf, (y, v), xytext=(0, -6), textcoords="offset points", ha="center",
                            va="top", fontsize=6.5, color="#8A5A00", zorder=5, bbox=_LATAR)
        title = f"{kode} {iku.loc[kode, 'nama']}"
        if not suf and satuan.casefold() not in SATUAN_SKALA:
            title += f" ({satuan})"
        if iku.loc[kode, "polaritas"] == "turun":
            title += " (semakin rendah semakin baik)"
        ax.set_title(bungkus(title, 6.3, 7.5, tebal=True, maks_baris=3), fontsize=7.5, loc="left")
        ax.set_xlim(years[0] - 0.5, years[-1] + 0.5)
        ax.set_xticks(years)
        ax.xaxis.set_major_formatter(_TAHUN)
        loc = MaxNLocator(5, steps=[1, 2, 2.5, 5, 10], integer=all(float(v).is_integer() for v in values))
        ticks = list(loc.tick_values(lo, hi))
        below = max((t for t in ticks if t <= lo + 1e-9), default=lo)
        ceiling = min((t for t in ticks if t >= hi - 1e-9), default=hi)
        ax.yaxis.set_major_locator(FixedLocator([t for t in ticks if below - 1e-9 <= t <= ceiling + 1e-9]))
        ax.set_ylim(min(below, lo - 0.3 * span), max(ceiling, hi + 0.25 * span))
        ax.yaxis.set_major_formatter(FormatAngka(suf))
        ax.grid(axis="y")
        rtext = ", ".join(f"{y} {KOSONG.lower() if v is None else bilangan(v) + suf}" for y, v in real)
        ttext = ", ".join(f"{y} {'-' if v is None else bilangan(v) + suf}" for y, v in tgt)
        unit = "" if suf or satuan.casefold() in SATUAN_SKALA else f" (satuan: {satuan})"
        alt_parts.append(f"{kode} {iku.loc[kode, 'nama']}{unit}: realisasi {rtext}; target {ttext}")
    for ax in axes[len(kodes):]:
        fig.delaxes(ax)
    fig.legend(handles=[Line2D([], [], color=REALISASI, marker="o", label="Realisasi"),
                        Line2D([], [], color=TARGET, marker="s", markerfacecolor="white", linestyle="--",
                               label="Target Renstra"),
                        Patch(color="#F0F0F0", label=f"Tahun laporan {data.tahun}")],
               loc="outside lower center", ncols=3)
    alt = (f"Grafik garis realisasi dan target Renstra {years[0]}–{years[-1]} untuk {_n(len(kodes))} indikator "
           f"kinerja utama bernilai angka; tahun setelah {data.tahun} hanya memuat target. " + _kalimat(alt_parts))
    return Chart(fig, alt, caption("fig-iku-tren", data), "fig-iku-tren")


# --- 3. IKM per unsur -------------------------------------------------------------------------
def _pita_mutu() -> list[tuple[str, float, float]]:
    """(mutu, lower, upper) on the 1..4 NRR scale: the IKM bounds / 25 (PermenPANRB 14/2017)."""
    bounds = [(mutu, lo / m.ikm.KONVERSI) for lo, mutu, _ in m.MUTU_IKM]
    out, upper = [], 4.0
    for mutu, lo in bounds:
        out.append((mutu, max(lo, 1.0), upper))
        upper = lo
    return out


@_gaya
def chart_ikm_unsur(data: DataTahun) -> Chart:
    """NRR of the 9 service elements on the 1..4 scale over the shaded mutu bands A–D."""
    if not len(data["ikm_unsur"]):
        return _tanpa_data(data, "fig-ikm-unsur", "Nilai IKM per unsur")
    k = compute.ikm(data)
    u = k.unsur.reset_index(drop=True)
    n = len(u)
    fig = _figure(LEBAR, 2.6 + 0.95 * max(n, 1))
    ax = fig.add_subplot()
    shades = {"A": "#CFE2F0", "B": "#E0EBF3", "C": "#EDF2F6", "D": "#F7F7F7"}
    for mutu, lo, hi in _pita_mutu():
        ax.axvspan(lo, hi, color=shades.get(mutu, "#F7F7F7"), zorder=0, linewidth=0)
        if lo > 1.0:
            ax.axvline(lo, color="#A6A6A6", linewidth=0.6, linestyle=":", zorder=1)
        ax.text((lo + hi) / 2, 1.01, f"Mutu {mutu}", transform=ax.get_xaxis_transform(), ha="center", va="bottom",
                fontsize=7, fontweight="bold", color="#262626")
    pos = [n - 1 - i for i in range(n)]
    nrr = [None if _kosong(v) else float(v) for v in u["nrr"]]
    bars, missing = _batang_h(ax, nrr, pos=pos, kiri=1.0, tinggi=0.5)
    present = [(i, v) for i, v in enumerate(nrr) if v is not None]
    for b, (i, v) in zip(bars, present):
        label = f"{angka(v, 2)} ({u.loc[i, 'mutu']})"
        inside = v - 1.0 > 0.75
        ax.text(v - 0.04 if inside else v + 0.04, pos[i], label, ha="right" if inside else "left",
                va="center", fontsize=7, fontweight="bold", color="white" if inside else "#1A1A1A", zorder=4)
    for i in missing:
        _label_kosong(ax, 1.05, pos[i])
    labels = [bungkus(f"U{int(r['no'])} {r['unsur']}", 4.6, 7, maks_baris=3) for _, r in u.iterrows()]
    ax.set_yticks(pos, labels)
    ax.set_ylim(-0.6, n - 0.4)
    ax.set_xlim(1, 4)
    ax.xaxis.set_major_locator(FixedLocator([1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0]))
    ax.xaxis.set_major_formatter(FormatAngka(desimal=1))
    ax.set_xlabel("Nilai rata-rata unsur (NRR), skala 1–4")
    _gaya_sumbu_h(ax)
    ax.grid(False)
    b = {mutu: lo for mutu, lo, _ in _pita_mutu()}
    batas = "; ".join(f"{mutu} ≥ {angka(b[mutu], 4 if b[mutu] * 100 % 1 else 2)}" for mutu in ("A", "B", "C") if mutu in b)
    fig.text(0.0, 0.0, f"Batas mutu NRR = batas IKM ÷ 25 (PermenPANRB 14/2017): {batas}; D di bawahnya.",
             fontsize=6.5, color=ABU, ha="left", va="bottom")
    engine = fig.get_layout_engine()
    assert isinstance(engine, ConstrainedLayoutEngine)  # _figure(constrained=True)
    engine.set(rect=(0, 0.045, 1, 0.955))
    _judul_ringkas(fig, f"IKM {bilangan(k.nilai)} — mutu {teks(k.mutu)} ({teks(k.kinerja)})")
    parts = [f"U{int(r['no'])} {r['unsur']} {KOSONG.lower() if nrr[i] is None else angka(nrr[i], 2)}"
             + ("" if nrr[i] is None else f" ({r['mutu']})") for i, r in u.iterrows()]
    alt = (f"Diagram batang nilai rata-rata {_n(n)} unsur pelayanan pada skala 1–4 dengan pita mutu A–D "
           f"(batas {batas}). IKM {bilangan(k.nilai)}, mutu {teks(k.mutu)} ({teks(k.kinerja)}). " + _kalimat(parts))
    return Chart(fig, alt, caption("fig-ikm-unsur", data), "fig-ikm-unsur")


# --- 4. AKIP ----------------------------------------------------------------------------------
@_gaya
def chart_akip(data: DataTahun) -> Chart:
    """Score of each AKIP component against its maximum (bobot), labelled ``23,70 / 30``."""
    if not len(data["akip"]):
        return _tanpa_data(data, "fig-akip", "Komponen AKIP")
    a = compute.akip(data)
    k = a.komponen.reset_index(drop=True)
    n = len(k)
    fig = _figure(LEBAR, 2.4 + 1.0 * max(n, 1))
    ax = fig.add_subplot()
    pos = [n - 1 - i for i in range(n)]
    bobot = [None if _kosong(v) else float(v) for v in k["bobot"]]
    nilai = [None if _kosong(v) else float(v) for v in k["nilai"]]
    _batang_h(ax, bobot, pos=pos, warna=ABU_MUDA, tinggi=0.62)
    bars, missing = _batang_h(ax, nilai, pos=pos, tinggi=0.62)
    texts = []
    for i, (v, w) in enumerate(zip(nilai, bobot)):
        if v is None:
            texts.append(_label_kosong(ax, (w or 0) + 0.4, pos[i], f"{KOSONG} / {bilangan(w) if w else '-'}"))
            continue
        end = max(v, w or 0)
        pct = "" if _kosong(k.loc[i, "persen"]) else f"  ({_persen(float(k.loc[i, 'persen']))})"
        texts.append(ax.text(end + 0.4, pos[i], f"{angka(v, 2)} / {bilangan(w) if w else '-'}{pct}",
                             va="center", ha="left", fontsize=7.5, fontweight="bold", color="#1A1A1A"))
    ax.set_yticks(pos, [bungkus(v, 4.2, 7.5, maks_baris=3) for v in k["komponen"]], fontsize=7.5)
    ax.set_ylim(-0.6, n - 0.4)
    top = max([v for v in bobot + nilai if v] + [1.0])
    ax.set_xlim(0, top * 1.02)
    ax.xaxis.set_major_locator(MaxNLocator(6, steps=[1, 2, 2.5, 5, 10], integer=True))
    _sumbu_x_sampai(ax, top)
    ax.xaxis.set_major_formatter(FormatAngka())
    ax.set_xlabel("Nilai")
    _gaya_sumbu_h(ax)
    ax.legend(handles=[Patch(color=REALISASI, label="Nilai diperoleh"),
                       Patch(color=ABU_MUDA, label="Nilai maksimum (bobot)")],
              loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=2)
    _judul_ringkas(fig, f"Nilai AKIP {angka(a.nilai, 2)} — predikat {teks(a.predikat)} ({teks(a.label)})")
    _ruang_label(fig, ax, texts)  # last: its final layout is the chart's (title included)
    parts = [f"{r['komponen']} {KOSONG.lower() if nilai[i] is None else angka(nilai[i], 2)} dari maksimum "
             f"{bilangan(bobot[i]) if bobot[i] else '-'}" for i, r in k.iterrows()]
    alt = (f"Diagram batang nilai {_n(n)} komponen evaluasi AKIP tahun {data.tahun} dibandingkan nilai maksimumnya. "
           f"Nilai AKIP {angka(a.nilai, 2)}, predikat {teks(a.predikat)} ({teks(a.label)}). " + _kalimat(parts))
    return Chart(fig, alt, caption("fig-akip", data), "fig-akip")


# --- 5. budget per program --------------------------------------------------------------------
@_gaya
def chart_anggaran_program(data: DataTahun) -> Chart:
    """Pagu and realisasi per program (grouped horizontal bars) with Rupiah and serapan labels."""
    if not len(data["program"]):
        return _tanpa_data(data, "fig-anggaran-program", "Anggaran program")
    p = compute.anggaran_program(data)
    if p[["pagu", "realisasi"]].isna().all().all():  # a draft: no axis of made-up Rupiah
        return _tanpa_data(data, "fig-anggaran-program", "Pagu dan realisasi per program")
    t = compute.anggaran_total(data)
    n = len(p)
    fig = _figure(LEBAR, 2.4 + 1.45 * max(n, 1))
    ax = fig.add_subplot()
    base = [n - 1 - i for i in range(n)]
    hgt = 0.36
    pagu = [None if _kosong(v) else float(v) for v in p["pagu"]]
    real = [None if _kosong(v) else float(v) for v in p["realisasi"]]
    pb, pmiss = _batang_h(ax, pagu, pos=[b + hgt / 2 for b in base], warna=TARGET, tinggi=hgt)
    rb, rmiss = _batang_h(ax, real, pos=[b - hgt / 2 for b in base], warna=REALISASI, tinggi=hgt)
    top = max([v for v in pagu + real if v is not None] + [1.0])
    gap = top * 0.008
    texts = []
    for i, (pv, rv) in enumerate(zip(pagu, real)):
        if pv is not None:
            texts.append(ax.text(pv + gap, base[i] + hgt / 2, f"Pagu {rupiah_singkat(pv)}", va="center",
                                 ha="left", fontsize=7, color="#1A1A1A"))
        if rv is not None:
            pct = "" if _kosong(p.loc[i, "persen"]) else f" ({_persen(float(p.loc[i, 'persen']))})"
            texts.append(ax.text(rv + gap, base[i] - hgt / 2, f"Realisasi {rupiah_singkat(rv)}{pct}",
                                 va="center", ha="left", fontsize=7, fontweight="bold", color="#1A1A1A"))
    for i in pmiss:
        texts.append(_label_kosong(ax, gap, base[i] + hgt / 2, f"Pagu {KOSONG}"))
    for i in rmiss:
        texts.append(_label_kosong(ax, gap, base[i] - hgt / 2, f"Realisasi {KOSONG}"))
    ax.set_yticks(base, [bungkus(v, 4.6, 7, maks_baris=4) for v in p["nama"]])
    ax.set_ylim(-0.65, n - 0.35)
    ax.set_xlim(0, top * 1.02)
    ax.xaxis.set_major_locator(MaxNLocator(5))
    _sumbu_x_sampai(ax, top)
    ax.xaxis.set_major_formatter(FormatRupiah())
    ax.set_xlabel("Rupiah (M = miliar)")
    _gaya_sumbu_h(ax)
    ax.legend(handles=[Patch(color=TARGET, label="Pagu"), Patch(color=REALISASI, label="Realisasi (serapan %)")],
              loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=2)
    belum = f" — realisasi {len(rmiss)} program {KOSONG}" if rmiss else ""
    _judul_ringkas(fig, f"Total: pagu {rupiah_singkat(t['pagu'])}, realisasi {rupiah_singkat(t['realisasi'])} "
                        f"({_persen(t['persen'])}){belum}")
    _ruang_label(fig, ax, texts)  # last: its final layout is the chart's (title included)
    parts = []
    for i, r in p.iterrows():
        serap = "" if _kosong(r["persen"]) else f" ({_persen(float(r['persen']))})"
        parts.append(f"{r['nama']}: pagu {rupiah_singkat(pagu[i])}, realisasi "
                     f"{'belum diisi' if real[i] is None else rupiah_singkat(real[i])}{serap}")
    alt = (f"Diagram batang pagu dan realisasi anggaran {_n(n)} program tahun {data.tahun}. Total pagu "
           f"{rupiah(t['pagu'])} ({rupiah_singkat(t['pagu'])}), realisasi {rupiah(t['realisasi'])} "
           f"({rupiah_singkat(t['realisasi'])}) atau {_persen(t['persen'])}"
           + (f", tanpa {len(rmiss)} program yang realisasinya belum diisi" if rmiss else "") + ". " + _kalimat(parts))
    return Chart(fig, alt, caption("fig-anggaran-program", data), "fig-anggaran-program")


# --- 6. budget per belanja type ---------------------------------------------------------------
@_gaya
def chart_anggaran_belanja(data: DataTahun) -> Chart:
    """Pagu per type of spending, largest first, labelled with Rupiah and share of the total."""
    if not len(data["belanja"]) or data["belanja"]["pagu"].isna().all():
        return _tanpa_data(data, "fig-anggaran-belanja", "Pagu per jenis belanja")
    b = compute.belanja(data)
    b = b.assign(_urut=b["pagu"].astype("Float64").fillna(-1)).sort_values("_urut", ascending=False, kind="stable")
    b = b.reset_index(drop=True)
    n = len(b)
    fig = _figure(LEBAR, 2.0 + 0.85 * max(n, 1))
    ax = fig.add_subplot()
    pos = [n - 1 - i for i in range(n)]
    pagu = [None if _kosong(v) else float(v) for v in b["pagu"]]
    bars, missing = _batang_h(ax, pagu, pos=pos, tinggi=0.6)
    top = max([v for v in pagu if v is not None] + [1.0])
    texts = []
    for i, v in enumerate(pagu):
        if v is None:
            texts.append(_label_kosong(ax, top * 0.01, pos[i]))
            continue
        share = "" if _kosong(b.loc[i, "porsi"]) else f" ({_persen(float(b.loc[i, 'porsi']))})"
        texts.append(ax.text(v + top * 0.01, pos[i], f"{rupiah_singkat(v)}{share}", va="center",
                             ha="left", fontsize=7, color="#1A1A1A"))
    ax.set_yticks(pos, [bungkus(v, 4.6, 7, maks_baris=3) for v in b["jenis"]])
    ax.set_ylim(-0.6, n - 0.4)
    ax.set_xlim(0, top * 1.02)
    ax.xaxis.set_major_locator(MaxNLocator(5))
    _sumbu_x_sampai(ax, top)
    ax.xaxis.set_major_formatter(FormatRupiah())
    ax.set_xlabel("Pagu (Rupiah; M = miliar)")
    _gaya_sumbu_h(ax)
    total = jumlah(b["pagu"])  # missing while a pagu is (a draft): never a partial total or Rp0
    _judul_ringkas(fig, f"Total pagu {rupiah(total)}" if total is None else
                   f"Total pagu {rupiah_singkat(total)} ({rupiah(total)})")
    _ruang_label(fig, ax, texts)  # last: its final layout is the chart's (title included)
    parts = [f"{r['jenis']} {rupiah_singkat(pagu[i])}"
             + ("" if _kosong(r["porsi"]) else f" ({_persen(float(r['porsi']))})") for i, r in b.iterrows()]
    alt = (f"Diagram batang pagu anggaran tahun {data.tahun} menurut {_n(n)} jenis belanja, diurutkan dari yang "
           f"terbesar. Total pagu {rupiah(total)}. " + _kalimat(parts))
    return Chart(fig, alt, caption("fig-anggaran-belanja", data), "fig-anggaran-belanja")


# --- 7. staff ---------------------------------------------------------------------------------
_PEGAWAI_PANEL = (("golongan", "Golongan PNS"), ("pendidikan", "Pendidikan PNS"), ("honorer", "Tenaga honorer"))


@_gaya
def chart_pegawai(data: DataTahun) -> Chart:
    """Small multiples of the staff composition: golongan, pendidikan, honorer."""
    p = compute.pegawai(data)
    panels = [(k, t) for k, t in _PEGAWAI_PANEL if k in p and len(p[k])]
    if not panels:
        return _tanpa_data(data, "fig-pegawai", "Komposisi pegawai")
    rows = max(len(p[k]) for k, _ in panels)
    ratios = [1.7 if k == "honorer" else 1.0 for k, _ in panels]
    fig = _figure(LEBAR, 2.6 + 0.62 * rows)
    subs: Sequence[Figure | SubFigure] = (
        cast("Sequence[SubFigure]", fig.subfigures(1, len(panels), width_ratios=ratios, wspace=0.02))
        if len(panels) > 1 else [fig])
    parts = []
    labels: list[tuple[Any, list[Any]]] = []
    for sub, (key, judul), ratio in zip(subs, panels, ratios):
        ax = sub.add_subplot()
        g = p[key].reset_index(drop=True)
        n = len(g)
        pos = [rows - 1 - i for i in range(n)]  # same bar thickness in every panel, top-aligned
        vals = [None if _kosong(v) else float(v) for v in g["jumlah"]]
        bars, missing = _batang_h(ax, vals, pos=pos, tinggi=0.62)
        top = max([v for v in vals if v is not None] + [1.0])
        texts = [ax.text(v + top * 0.02, pos[i], _n(int(v)), va="center", ha="left", fontsize=7,
                         fontweight="bold", color="#1A1A1A") for i, v in enumerate(vals) if v is not None]
        texts += [_label_kosong(ax, top * 0.02, pos[i]) for i in missing]
        ax.set_yticks(pos, [bungkus(v, 2.0 * ratio, 7, maks_baris=2) for v in g["kategori"]])
        ax.set_ylim(-0.6, rows - 0.4)
        ax.set_xlim(0, top * 1.02)
        ax.xaxis.set_major_locator(MaxNLocator(4, steps=[1, 2, 2.5, 5, 10], integer=True))
        _sumbu_x_sampai(ax, top)
        ax.xaxis.set_major_formatter(FormatAngka())
        ax.set_xlabel("orang")
        _gaya_sumbu_h(ax)
        total = int(sum(v for v in vals if v is not None))
        ax.set_title(f"{judul}\n{_n(total)} orang", fontsize=7.5)
        labels.append((ax, texts))
        items = ", ".join(f"{c} {KOSONG.lower() if v is None else _n(int(v))}" for c, v in zip(g["kategori"], vals))
        parts.append(f"{judul}: {_n(total)} orang ({items})")
    _ruang_label_semua(fig, labels)
    alt = f"Diagram batang komposisi pegawai tahun {data.tahun}. " + _kalimat(parts)
    return Chart(fig, alt, caption("fig-pegawai", data), "fig-pegawai")
