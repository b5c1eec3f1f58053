"""Compute layer: every figure of the report, derived from one :class:`~lkjip.load.DataTahun`.

Each function returns plain pandas objects or dicts; presentation (formats, captions) lives in
:mod:`lkjip.present`.
"""
from __future__ import annotations

import copy
import inspect
import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

import pandas as pd

from . import load
from . import metrics as m
from .fmt import kosong
from .load import DataTahun


def _int(value: object) -> int | None:
    """A whole number, or None when missing (a draft year)."""
    number = _num(value)
    return None if number is None else int(round(number))


def _num(value: object) -> float | None:
    if kosong(value):
        return None
    try:
        return float(str(value))
    except ValueError:
        return None


@dataclass(frozen=True)
class Ikm:
    unsur: pd.DataFrame          # no, unsur, nrr, mutu
    nilai_unsur: float           # IKM implied by the unsur (PermenPANRB 14/2017)
    nilai_tercatat: float | None  # IKM stated in iku_capaian (the survey's own result)
    nilai: float                 # the figure the report uses (stated if present, else implied)
    mutu: str | None             # None while the IKM is missing (a draft)
    kinerja: str | None


def ikm(data: DataTahun) -> Ikm:
    """IKM of the report year (PermenPANRB 14/2017). Uses raw answers when ``ikm_responden.csv`` has rows,
    else the unsur; the indicator is the IKU declared ``jenis = ikm``.

    The stated IKU realisation is the survey's published result and is what the report uses; the
    checker warns when it disagrees with the value the unsur imply.
    """
    unsur = data["ikm_unsur"].sort_values("no").reset_index(drop=True)
    responden = data["ikm_responden"]
    if len(responden):
        nrr = list(m.nrr_dari_responden(responden))
        unsur = unsur.assign(nrr=nrr[: len(unsur)])
    complete = len(unsur) > 0 and not unsur["nrr"].isna().any()
    implied = m.ikm_dari_unsur(list(unsur["nrr"].astype(float))) if complete else math.nan
    unsur = unsur.assign(mutu=[m.mutu_nrr(float(v)) if pd.notna(v) else None for v in unsur["nrr"]])
    stated = None
    row = _capaian_row(data, _kode_jenis(data, "ikm"), data.tahun)
    if row is not None:
        stated = _num(row["realisasi"])
    nilai = stated if stated is not None else implied
    mutu, kinerja = m.mutu_ikm(nilai) if not math.isnan(nilai) else (None, None)
    return Ikm(unsur[["no", "unsur", "nrr", "mutu"]], implied, stated, nilai, mutu, kinerja)


@dataclass(frozen=True)
class Akip:
    komponen: pd.DataFrame  # kode, komponen, bobot, nilai, persen
    nilai: float            # sum of components (PermenPANRB 88/2021); NaN while a component is missing
    predikat: str | None
    label: str | None
    nilai_tercatat: float | None


def akip(data: DataTahun) -> Akip:
    """AKIP of the report year from its components; the stated score is kept for the checker."""
    k = data["akip"].copy()
    k["persen"] = (k["nilai"] / k["bobot"] * 100).astype("Float64")
    if k["nilai"].isna().any() or not len(k):  # a draft: not evaluated yet
        nilai, predikat = math.nan, None
    else:
        nilai = m.nilai_akip(dict(zip(k["kode"], k["nilai"].astype(float))))
        predikat = m.predikat_akip(nilai)
    row = _capaian_row(data, _kode_jenis(data, "akip"), data.tahun)
    stated = _num(row["nilai"]) if row is not None else None
    label = m.label_predikat(predikat) if predikat else None
    return Akip(k[["kode", "komponen", "bobot", "nilai", "persen"]], nilai, predikat, label, stated)


def _kode_jenis(data: DataTahun, jenis: str) -> str | None:
    """Code of the (single) IKU of a kind; the checker allows at most one ikm/akip indicator."""
    hit = data.iku_jenis(jenis)
    return str(hit["kode"].iloc[0]) if len(hit) else None


def _capaian_row(data: DataTahun, kode: str | None, tahun: int) -> pd.Series | None:
    if kode is None:
        return None
    cap = data["iku_capaian"]
    hit = cap[(cap["iku"] == kode) & (cap["tahun"] == tahun)]
    return hit.iloc[0] if len(hit) else None


def alokasi(data: DataTahun) -> pd.DataFrame:
    """Which sasaran each program serves, with its share (``porsi``, %): one row per program and sasaran.

    ``program_sasaran.csv`` maps the programs it lists (a program may serve several sasaran; an empty
    share of a program's only row is 100 %); any other program serves its ``program.sasaran`` in full.
    A program with neither serves no sasaran (its budget still counts in the totals).
    """
    ps = data["program_sasaran"]
    listed = set(ps["program"].dropna())
    rows = [(r["program"], r["sasaran"], float(r["porsi"]) if pd.notna(r["porsi"]) else 100.0)
            for _, r in ps.iterrows() if pd.notna(r["program"]) and pd.notna(r["sasaran"])]
    rows += [(p["kode"], p["sasaran"], 100.0) for _, p in data["program"].iterrows()
             if p["kode"] not in listed and isinstance(p["sasaran"], str) and p["sasaran"]]
    order = {k: i for i, k in enumerate(data["program"]["kode"])}
    frame = pd.DataFrame(rows, columns=["program", "sasaran", "porsi"])
    return frame.sort_values("program", key=lambda s: s.map(order), kind="stable").reset_index(drop=True)


def _bagian(value: Any, porsi: float) -> object:
    """A program's money times its share, whole Rupiah; missing stays missing."""
    if pd.isna(value):
        return pd.NA
    return int(value) if porsi == 100.0 else int(round(float(value) * porsi / 100.0))


def program(data: DataTahun) -> pd.DataFrame:
    """Programs per sasaran they serve (one row per program and sasaran, money scaled by ``porsi``), with
    ``persen`` (serapan), ``sisa`` and the pagu-weighted capaian columns of :mod:`.metrics.koordinasi`."""
    p = data["program"].drop(columns=["_baris", "sasaran"]).set_index("kode", drop=False)
    a = alokasi(data)
    rows = []
    for _, r in a.iterrows():
        row = p.loc[r["program"]].to_dict()
        row |= {"sasaran": r["sasaran"], "porsi": r["porsi"], "pagu": _bagian(row["pagu"], r["porsi"]),
                "realisasi": _bagian(row["realisasi"], r["porsi"])}
        rows.append(row)
    cols = [*p.columns, "sasaran", "porsi"]
    frame = pd.DataFrame(rows, columns=cols).astype({"pagu": "Int64", "realisasi": "Int64",
                                                     "realisasi_fisik": "Float64", "porsi": "Float64"})
    frame = m.koordinasi_per_program(frame)
    frame["persen"] = frame["keuangan"]
    frame["sisa"] = (frame["pagu"] - frame["realisasi"]).astype("Int64")
    return frame.reset_index(drop=True)


def anggaran_program(data: DataTahun) -> pd.DataFrame:
    """One row per program (whatever sasaran it serves): kode, nama, pagu, realisasi, ``persen`` (serapan), ``sisa``."""
    p = data["program"][["kode", "nama", "pagu", "realisasi"]].reset_index(drop=True)
    persen = (p["realisasi"].astype("Float64") / p["pagu"].astype("Float64") * 100).astype("Float64")
    return p.assign(persen=persen, sisa=(p["pagu"] - p["realisasi"]).astype("Int64"))


def koordinasi(data: DataTahun) -> pd.Series:
    """Realisation (%) of each sasaran's budget-derived (``jenis = anggaran``) indicator: the
    pagu-weighted capaian of the programs serving it (:mod:`.metrics.koordinasi`)."""
    return m.koordinasi_per_sasaran(program(data))


def anggaran_total(data: DataTahun) -> dict[str, float | None]:
    """Total pagu, realisasi, persen and sisa of all programs."""
    r = m.ringkas(data["program"]).iloc[0]
    return {"pagu": _int(r["pagu"]), "realisasi": _int(r["realisasi"]), "persen": _num(r["persen"]),
            "sisa": _int(r["sisa"])}


def anggaran_sasaran(data: DataTahun) -> pd.DataFrame:
    """Budget per sasaran (every sasaran, in file order) through :func:`alokasi`; a sasaran no program
    serves has no row values (``pagu`` missing, ``program`` 0)."""
    p = program(data)
    per = m.ringkas(p, "sasaran") if len(p) else pd.DataFrame(columns=["sasaran", "pagu", "realisasi", "persen",
                                                                         "sisa"])
    counts = p.groupby("sasaran").size() if len(p) else pd.Series(dtype="int64")
    sas = data["sasaran"][["kode", "sasaran"]].rename(columns={"kode": "sasaran", "sasaran": "nama"})
    out = sas.merge(per, on="sasaran", how="left")
    out["program"] = out["sasaran"].map(counts).fillna(0).astype(int)
    return out.astype({"pagu": "Int64", "realisasi": "Int64", "persen": "Float64", "sisa": "Int64"})


def hasil_iku(data: DataTahun, tahun: int | None = None) -> pd.DataFrame:
    """Target, realisation, capaian and category of every IKU for one year (Tabel 3.1.1).

    Realisations of ``koordinasi_anggaran`` indicators are computed from the budget for the report
    year; the AKIP realisation's score comes from its components; missing realisations stay missing.
    """
    tahun = tahun or data.tahun
    iku = data["iku"]
    cap = data["iku_capaian"]
    sas = data["sasaran"].set_index("kode")["sasaran"]
    koor = koordinasi(data) if tahun == data.tahun and data.punya_jenis("anggaran") else pd.Series(dtype="Float64")
    ak = akip(data) if tahun == data.tahun and data.punya_jenis("akip") and len(data["akip"]) else None
    rows = []
    for _, i in iku.iterrows():
        hit = cap[(cap["iku"] == i["kode"]) & (cap["tahun"] == tahun)]
        target = str(hit["target"].iloc[0]) if len(hit) and pd.notna(hit["target"].iloc[0]) else None
        stated = str(hit["realisasi"].iloc[0]) if len(hit) and pd.notna(hit["realisasi"].iloc[0]) else None
        nilai = _num(hit["nilai"].iloc[0]) if len(hit) else None
        realisasi = stated
        if i["jenis"] == "anggaran" and i["sasaran"] in koor.index:
            value = _num(koor[i["sasaran"]])  # missing while a program's budget is (a draft)
            realisasi = f"{value:.10g}" if value is not None else None
        if i["jenis"] == "akip" and ak is not None and not math.isnan(ak.nilai):
            nilai = ak.nilai
        persen = None
        if target is not None and realisasi is not None:
            try:
                persen = m.capaian(target, realisasi, i["polaritas"], i["skala"] if pd.notna(i["skala"]) else None)
            except (m.CapaianError, ValueError):
                persen = None
        rows.append({
            "iku": i["kode"], "sasaran": i["sasaran"], "nama_sasaran": sas.get(i["sasaran"]), "nama": i["nama"],
            "satuan": i["satuan"], "polaritas": i["polaritas"], "skala": i["skala"], "jenis": i["jenis"],
            "kondisi_awal": i["kondisi_awal"], "tahun": tahun,
            "target": target, "realisasi": realisasi, "realisasi_tercatat": stated, "nilai": nilai,
            "capaian": persen, "kategori": m.kategori_capaian(persen) if persen is not None else None,
        })
    return pd.DataFrame(rows)


def riwayat_iku(data: DataTahun) -> pd.DataFrame:
    """:func:`hasil_iku` for every year of the Renstra period (Tabel 3.1.4, 3.1.5)."""
    r = data.profil.get("renstra") or {}
    years = range(int(r.get("mulai", data.tahun)), int(r.get("selesai", data.tahun)) + 1)
    return pd.concat([hasil_iku(data, y) for y in years], ignore_index=True)


def efisiensi(data: DataTahun) -> pd.DataFrame:
    """Efficiency per IKU (3.1.6): the budget of the programs serving its sasaran (pagu, realisasi,
    serapan) beside its capaian, with both measures of :mod:`.metrics.efisiensi`. An IKU whose sasaran
    no program serves has no budget columns."""
    hasil = hasil_iku(data)
    per = anggaran_sasaran(data).set_index("sasaran")
    rows = []
    for _, h in hasil.iterrows():
        row = h.to_dict()
        if h["sasaran"] in per.index and per.at[h["sasaran"], "program"] > 0:
            s = per.loc[h["sasaran"]]
            row.update(pagu=_int(s["pagu"]), anggaran_realisasi=_int(s["realisasi"]), serapan=_num(s["persen"]))
            if h["capaian"] is not None and row["serapan"] is not None:
                row["efisiensi_sisa"] = m.efisiensi_sisa(float(s["pagu"]), float(s["realisasi"]), h["capaian"])
                row["efisiensi_selisih"] = m.efisiensi_selisih(h["capaian"], float(s["persen"]))
        rows.append(row)
    return pd.DataFrame(rows)


def pohon_anggaran(data: DataTahun) -> pd.DataFrame:
    """Program -> kegiatan -> sub-kegiatan, one row per sub-kegiatan, with names and pagu of each level."""
    p = data["program"][["kode", "nama", "pagu"]].add_prefix("program_")
    k = data["kegiatan"].drop(columns="_baris").add_prefix("kegiatan_")
    s = data["subkegiatan"].drop(columns="_baris")
    out = s.merge(k, left_on="kegiatan", right_on="kegiatan_kode", how="left")
    return out.merge(p, left_on="kegiatan_program", right_on="program_kode", how="left")


@dataclass(frozen=True)
class PohonOrganisasi:
    """The units of ``organisasi.csv`` as a tree: each unit's row by code (file order), the roots and
    each unit's children (file order)."""

    unit: dict[str, pd.Series]
    akar: list[str]
    anak: dict[str, list[str]]


def pohon_organisasi(org: pd.DataFrame) -> PohonOrganisasi:
    """The organisation tree (one builder for the chart, its alt text and the text list of 1.4).

    Rule: a unit hangs under its ``induk``; a unit without one, or whose induk is not a unit (or is
    itself), is a root. A unit without a code is left out; a repeated code keeps its first row.
    """
    unit: dict[str, pd.Series] = {}
    for _, r in org.iterrows():
        if not kosong(r["kode"]) and str(r["kode"]) not in unit:
            unit[str(r["kode"])] = r
    anak: dict[str, list[str]] = {k: [] for k in unit}
    akar: list[str] = []
    for k, r in unit.items():
        induk = None if kosong(r["induk"]) else str(r["induk"])
        if induk is not None and induk in unit and induk != k:
            anak[induk].append(k)
        else:
            akar.append(k)
    return PohonOrganisasi(unit, akar, anak)


def pegawai(data: DataTahun) -> dict[str, pd.DataFrame]:
    """Staff composition per breakdown, in file order."""
    frame = data["pegawai"]
    return {k: g[["kategori", "jumlah"]].reset_index(drop=True) for k, g in frame.groupby("kelompok", sort=False)}


def belanja(data: DataTahun) -> pd.DataFrame:
    """Pagu per type of spending (2.5) in file order, with ``porsi``: its share of the total pagu (%)."""
    b = data["belanja"][["kode", "jenis", "pagu"]].reset_index(drop=True)
    total = b["pagu"].sum(skipna=False)
    porsi = (b["pagu"].astype("Float64") / float(total) * 100 if pd.notna(total) and total
             else pd.Series(pd.NA, index=b.index))
    return b.assign(porsi=porsi.astype("Float64"))


# --- each result once per year and process ------------------------------------------------------
# results of earlier versions of a year (lkjip preview loads the year again after every save)
_EARLIER = load.EarlierResults(512)


def _once(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Compute ``fn(data, ...)`` once per :class:`DataTahun` and arguments; later calls get a copy of
    the first result (callers may modify what they get) and count the same input files as read, so
    the render cache still knows what each chapter depends on (:func:`lkjip.load.reads_recorded`).
    Another version of the same year (the folder loaded again after a change) reuses a result whose
    files are unchanged (:class:`lkjip.load.EarlierResults`)."""
    @wraps(fn)
    def wrapper(data: DataTahun, *args: Any, **kwargs: Any) -> Any:
        if not isinstance(data, DataTahun):
            return fn(data, *args, **kwargs)
        key = (fn.__name__, args, tuple(sorted(kwargs.items())))
        store = vars(data).setdefault("_hasil", {})  # not a dataclass field: repr/eq unchanged
        try:
            hit = store.get(key)
        except TypeError:  # unhashable arguments: no reuse
            return fn(data, *args, **kwargs)
        if hit is None:
            across = (*key, str(data.folder))
            hit = _EARLIER.get(across, data)
            if hit is None:
                with load.reads_recorded() as reads:
                    value = fn(data, *args, **kwargs)
                hit = (value, frozenset(reads))
                _EARLIER.put(across, data, *hit)
            store[key] = hit
        load.mark_read(hit[1])
        return copy.deepcopy(hit[0])
    return wrapper


for _name, _fn in list(globals().items()):  # every public function of a year's data
    if (inspect.isfunction(_fn) and _fn.__module__ == __name__ and not _name.startswith("_")
            and next(iter(inspect.signature(_fn).parameters), None) == "data"):
        globals()[_name] = _once(_fn)
del _name, _fn
