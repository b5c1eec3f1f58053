"""The schema of ``profil.yaml``: every key with its type, whether it is required, and its meaning.

One line per key in :data:`PROFIL`; the loader checks types with it (:func:`periksa_profil`) and the
data dictionary (``lkjip kamus``) is generated from it. Types:

* ``teks`` one line or paragraph of text (a number is taken as text);
* ``daftar`` a list of texts (``misi``, ``alamat``);
* ``bulat`` a whole number; ``rupiah`` whole Rupiah >= 0; ``tahun`` a year; ``tanggal`` YYYY-MM-DD;
* ``peta`` a mapping whose sub-keys and their types are listed in ``isi`` (required when the key is).

``pilihan`` restricts a text key to listed values, ``min`` a number; ``draf`` marks a required key a
draft year may leave empty. Adding a key is one line, e.g.
``"jenis_daerah": Kunci("teks", "kabupaten, kota or provinsi", wajib=True, pilihan=("kabupaten", "kota", "provinsi")),``
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ._inputs import MAX_DIGITS, YEAR_MAX, YEAR_MIN, as_date, check_cell
from .errors import Temuan

BERKAS = "profil.yaml"


@dataclass(frozen=True)
class Kunci:
    jenis: str
    arti: str
    wajib: bool = False
    draf: bool = False  # required, but a draft year may leave it empty (a warning; shown BELUM DIISI)
    isi: tuple[tuple[str, str], ...] = ()  # sub-keys of a ``peta`` and their types
    min: int | None = None
    pilihan: tuple[str, ...] = ()  # allowed values of a ``teks`` key, e.g. ("kabupaten", "kota", "provinsi")


_NAMA_JABATAN = (("nama", "teks"), ("jabatan", "teks"))

PROFIL: dict[str, Kunci] = {
    "tahun": Kunci("tahun", "report year (int)", wajib=True),
    "opd": Kunci("teks", "unit name without the region, e.g. Sekretariat Daerah, Dinas Kesehatan", wajib=True),
    "opd_singkat": Kunci("teks", "short unit name, e.g. Setda", wajib=True),
    "kabupaten": Kunci("teks", "name of the region (kabupaten, kota or provinsi) without the word Kabupaten/Kota/"
                       "Provinsi; see jenis_daerah", wajib=True),
    "provinsi": Kunci("teks", "province", wajib=True),
    "ibukota": Kunci("teks", "place where the report is signed", wajib=True),
    "alamat": Kunci("daftar", "address lines (list)", wajib=True),
    "disiapkan_oleh": Kunci("teks", "Bagian that prepared the report", wajib=True),
    "tanggal_laporan": Kunci("tanggal", "date the report is signed (YYYY-MM-DD)", wajib=True, draf=True),
    "penandatangan": Kunci("peta", "{nama, jabatan} of the head who signs", wajib=True, isi=_NAMA_JABATAN),
    "kepala_daerah": Kunci("peta", "{nama, jabatan}: the Perjanjian Kinerja's pihak kedua", wajib=True,
                           isi=_NAMA_JABATAN),
    "renstra": Kunci("peta", "{mulai, selesai}: Renstra period", wajib=True,
                     isi=(("mulai", "tahun"), ("selesai", "tahun"))),
    "visi": Kunci("teks", "visi of the kepala daerah", wajib=True),
    "misi": Kunci("daftar", "list of misi", wajib=True),
    "pk_total_anggaran": Kunci("rupiah", "total budget stated in the Perjanjian Kinerja (Rp)", wajib=True,
                               draf=True),
    "jenis_daerah": Kunci("teks", "kabupaten (default), kota or provinsi: the region's title (Kabupaten/Kota/"
                          "Provinsi) and its head (Bupati/Wali Kota/Gubernur)",
                          pilihan=("kabupaten", "kota", "provinsi")),
    "telepon": Kunci("teks", "telephone number of the office (text)"),
    "faks": Kunci("teks", "fax number of the office (text)"),
    "moto": Kunci("teks", "motto printed on the cover"),
    "visi_singkat": Kunci("teks", "short name of the visi, e.g. MERAKYAT"),
    "penjabaran_visi": Kunci("teks", "explanation of the visi (2.1.1)"),
    "misi_prioritas": Kunci("bulat", "number (1-based) of the misi that is the unit's priority agenda", min=1),
    "perjanjian_kinerja": Kunci("peta", "{jenis}: title of the PK, e.g. Perjanjian Kinerja Perubahan",
                                isi=(("jenis", "teks"),)),
    "tim_penyusun": Kunci("peta", "{nomor, tanggal (YYYY-MM-DD), tentang}: the decree forming the report team "
                          "(Lampiran)", isi=(("nomor", "teks"), ("tanggal", "tanggal"), ("tentang", "teks"))),
    "sumber_anggaran": Kunci("teks", "source of the budget shown in the PK tables, e.g. APBD-P (default APBD)"),
    "kode_wilayah": Kunci("teks", "Kemendagri region code of the kabupaten/kota/provinsi, e.g. '15.07' (open data; "
                          "quote it in YAML)"),
    "lisensi": Kunci("teks", "licence of the open data, an SPDX id such as CC-BY-4.0 (the default) or CC0-1.0"),
}

MAX_RENSTRA_TAHUN = 20  # years a Renstra period may span

_HARAPAN = {
    "teks": "teks, mis. Sekretariat Daerah",
    "daftar": "daftar, satu butir per baris diawali '- '",
    "bulat": "bilangan bulat, mis. 2",
    "rupiah": "Rupiah bulat tanpa pemisah ribuan, mis. 10000000",
    "tahun": f"tahun empat angka antara {YEAR_MIN} dan {YEAR_MAX}, mis. 2024",
    "tanggal": "tanggal YYYY-MM-DD, mis. 2025-01-20",
    "peta": "pasangan sub-kunci: nilai",
}


def kosong(value: Any) -> bool:
    return value is None or (isinstance(value, (str, list, dict)) and not (value.strip() if isinstance(value, str)
                                                                          else value))


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _nilai(jenis: str, value: Any, key: str, out: list[Temuan], isi: tuple[tuple[str, str], ...] = (),
           wajib: bool = False) -> Any:
    """``value`` checked as ``jenis``; the cleaned value, or None with a finding in ``out``."""

    def salah(pesan: str, harapan: str | None = None) -> None:
        out.append(Temuan("galat", "tipe", BERKAS, pesan, kolom=key, nilai=_short(value),
                          harapan=harapan or _HARAPAN[jenis]))

    if value is None:
        salah("Nilai kosong.")
        return None
    if jenis == "teks":
        if isinstance(value, bool) or isinstance(value, (list, dict, dt.date)):
            kind = ("daftar" if isinstance(value, list) else "pasangan kunci: nilai" if isinstance(value, dict)
                    else "ya/tidak" if isinstance(value, bool) else "tanggal")
            salah(f"Harus berupa teks, bukan {kind}.",
                  _HARAPAN["teks"] + ("; beri tanda kutip bila teksnya mirip tanggal atau ya/tidak"
                                      if kind in ("ya/tidak", "tanggal") else ""))
            return None
        if not isinstance(value, (str, int, float)):  # YAML tags such as !!binary or !!set
            salah("Harus berupa teks.")
            return None
        text = value if isinstance(value, str) else str(value)
        return text if check_cell(text, BERKAS, None, key, out) else None
    if jenis == "daftar":
        if not isinstance(value, list):
            salah("Harus berupa daftar (satu butir per baris diawali '- '), bukan "
                  + ("teks." if isinstance(value, str) else "pasangan kunci: nilai." if isinstance(value, dict)
                     else "satu nilai."))
            return None
        items = [_nilai("teks", v, f"{key}.{i}", out) for i, v in enumerate(value, start=1)]
        return None if any(v is None for v in items) else items
    if jenis in ("bulat", "rupiah", "tahun"):
        if isinstance(value, bool) or not isinstance(value, int):
            hint = " (tanpa titik/koma pemisah ribuan)" if isinstance(value, (str, float)) else ""
            salah(f"Bukan bilangan bulat{hint}.")
            return None
        if jenis == "tahun" and not YEAR_MIN <= value <= YEAR_MAX:
            salah("Tahun tidak masuk akal.")
            return None
        if len(str(abs(value))) > MAX_DIGITS:
            salah("Angka terlalu besar.", f"paling banyak {MAX_DIGITS} angka")
            return None
        if jenis == "rupiah" and value < 0:
            salah("Rupiah tidak boleh negatif.")
            return None
        return value
    if jenis == "tanggal":
        date = as_date(value) if not isinstance(value, (bool, list, dict, int, float)) else None
        if date is None or not YEAR_MIN <= date.year <= YEAR_MAX:
            salah("Tanggal tidak valid.")
            return None
        return date
    if jenis == "peta":
        if not isinstance(value, dict):
            salah("Harus berupa pasangan sub-kunci: nilai, bukan " + ("daftar." if isinstance(value, list)
                                                                     else "satu nilai."),
                  "sub-kunci " + ", ".join(k for k, _ in isi) + f", mis. {key}: {{{isi[0][0]}: ...}}")
            return None
        clean: dict[str, Any] = {}
        ok = True
        for sub, sub_jenis in isi:
            v = value.get(sub)
            where = f"{key}.{sub}"
            if kosong(v):
                if wajib:
                    out.append(Temuan("galat", "profil-hilang", BERKAS, "Sub-kunci wajib tidak ada atau kosong.",
                                      kolom=where, harapan=_HARAPAN[sub_jenis]))
                    ok = False
                continue
            checked = _nilai(sub_jenis, v, where, out)
            ok = ok and checked is not None
            clean[sub] = checked
        for sub in value:
            if sub not in dict(isi):
                out.append(Temuan("peringatan", "profil-tidak-dikenal", BERKAS,
                                  "Sub-kunci tidak dikenal (salah ketik?); nilainya tidak dipakai.",
                                  kolom=f"{key}.{sub}", harapan="sub-kunci " + ", ".join(k for k, _ in isi)))
        return clean if ok else None
    raise ValueError(f"unknown profile type {jenis!r}")  # pragma: no cover - a schema mistake


def periksa_profil(data: dict[Any, Any], out: list[Temuan], *, missing_mark: str) -> dict[str, Any]:
    """Check ``data`` (parsed ``profil.yaml``) against :data:`PROFIL`; findings go to ``out``.

    Returns the profile with values converted (dates as :class:`datetime.date`) and every value
    that failed its check set to None (its error stops the render)."""
    clean: dict[str, Any] = {}
    for key, value in data.items():
        if not isinstance(key, str):
            out.append(Temuan("galat", "tipe", BERKAS, "Kunci harus berupa teks.", nilai=_short(key),
                              harapan="kunci seperti opd atau misi"))
            continue
        spec = PROFIL.get(key)
        if spec is None:
            out.append(Temuan("peringatan", "profil-tidak-dikenal", BERKAS,
                              "Kunci tidak dikenal (salah ketik?); nilainya tidak dipakai.", kolom=key,
                              harapan="salah satu kunci di docs/data-dictionary.md"))
            clean[key] = value
            continue
        if kosong(value):
            clean[key] = None
            continue
        clean[key] = _nilai(spec.jenis, value, key, out, spec.isi, spec.wajib)
        if spec.pilihan and clean[key] is not None and clean[key] not in spec.pilihan:
            out.append(Temuan("galat", "nilai-tidak-dikenal", BERKAS, "Nilai tidak dikenal.", kolom=key,
                              nilai=_short(value), harapan="salah satu dari " + ", ".join(spec.pilihan)))
            clean[key] = None
        if spec.min is not None and isinstance(clean[key], int) and clean[key] < spec.min:
            out.append(Temuan("galat", "di-luar-rentang", BERKAS, "Nilai terlalu kecil.", kolom=key,
                              nilai=str(value), harapan=f"paling kecil {spec.min}"))
            clean[key] = None
    for key, spec in PROFIL.items():
        if not spec.wajib or not kosong(data.get(key)):
            continue
        if spec.draf:
            out.append(Temuan("peringatan", "belum-diisi", BERKAS,
                              f"Belum diisi; laporan menandainya {missing_mark}.", kolom=key, harapan=spec.arti))
        else:
            out.append(Temuan("galat", "profil-hilang", BERKAS, "Kunci wajib tidak ada atau kosong.", kolom=key,
                              harapan=spec.arti))
    renstra = clean.get("renstra")
    if isinstance(renstra, dict) and isinstance(renstra.get("mulai"), int) and isinstance(renstra.get("selesai"), int):
        lo, hi = renstra["mulai"], renstra["selesai"]
        if not 0 <= hi - lo <= MAX_RENSTRA_TAHUN:
            out.append(Temuan("galat", "renstra", BERKAS, "Periode Renstra tidak masuk akal.", kolom="renstra",
                              nilai=f"{lo}-{hi}", harapan=f"mulai <= selesai, paling lama {MAX_RENSTRA_TAHUN} tahun"))
            clean["renstra"] = None
    return clean


def kunci_wajib() -> dict[str, str]:
    """Required keys and their meaning (the data dictionary's first table)."""
    return {k: s.arti for k, s in PROFIL.items() if s.wajib}


def kunci_opsional() -> dict[str, str]:
    return {k: s.arti for k, s in PROFIL.items() if not s.wajib}


def kunci_draf() -> tuple[str, ...]:
    return tuple(k for k, s in PROFIL.items() if s.draf)


def kunci_berjenis(*jenis: str) -> frozenset[str]:
    """Keys and dotted sub-keys (``renstra.mulai``) whose type is one of ``jenis``."""
    found = {k for k, s in PROFIL.items() if s.jenis in jenis}
    found |= {f"{k}.{sub}" for k, s in PROFIL.items() for sub, t in s.isi if t in jenis}
    return frozenset(found)
