"""Indonesian formats for text: ``1.234.567,89``, ``Rp1.234.567``, ``97,50%``, ``20 Januari 2025``.

Tables use great-tables' own ``fmt_*`` with ``locale="id"``; these helpers are for sentences.
"""
from __future__ import annotations

import datetime as dt
import math

BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
         "November", "Desember")
KOSONG = "BELUM DIISI"


def kosong(x: object) -> bool:
    """True for a missing value: None, NaN, pandas' NA/NaT."""
    if x is None:
        return True
    try:
        return bool(x != x)  # NaN
    except TypeError:  # pandas.NA refuses to be a bool
        return True


def teks(x: object) -> str:
    """A label such as a predikat or mutu; missing (a draft) -> the visible missing mark."""
    return KOSONG if kosong(x) else str(x)


def angka(x: object, desimal: int = 0) -> str:
    """``1234567.891, 2`` -> ``1.234.567,89``; missing -> the visible missing mark."""
    if kosong(x):
        return KOSONG
    text = f"{float(x):,.{desimal}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def rupiah(x: object) -> str:
    """``43574741594`` -> ``Rp43.574.741.594`` (negative: ``-Rp1.000``)."""
    if kosong(x):
        return KOSONG
    value = int(round(float(x)))  # type: ignore[arg-type]
    return ("-" if value < 0 else "") + "Rp" + f"{abs(value):,}".replace(",", ".")


def persen(x: object, desimal: int = 2) -> str:
    """``96.248`` -> ``96,25%``."""
    if kosong(x):
        return KOSONG
    return angka(x, desimal) + "%"


def tanggal(d: dt.date | None) -> str:
    """``2025-01-20`` -> ``20 Januari 2025``."""
    if kosong(d) or not isinstance(d, dt.date):
        return KOSONG
    return f"{d.day} {BULAN[d.month - 1]} {d.year}"
