"""Indonesian formats for text: ``1.234.567,89``, ``Rp1.234.567``, ``97,50%``, ``20 Januari 2025``.

Tables use great-tables' own ``fmt_*`` with ``locale="id"``; these helpers are for sentences.
"""
from __future__ import annotations

import datetime as dt
import math

BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
         "November", "Desember")
KOSONG = "BELUM DIISI"


def angka(x: float | int | None, desimal: int = 0) -> str:
    """``1234567.891, 2`` -> ``1.234.567,89``; missing -> the visible missing mark."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return KOSONG
    text = f"{x:,.{desimal}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def rupiah(x: float | int | None) -> str:
    """``43574741594`` -> ``Rp43.574.741.594`` (negative: ``-Rp1.000``)."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return KOSONG
    return ("-" if x < 0 else "") + "Rp" + angka(abs(x), 0)


def persen(x: float | None, desimal: int = 2) -> str:
    """``96.248`` -> ``96,25%``."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return KOSONG
    return angka(x, desimal) + "%"


def tanggal(d: dt.date | None) -> str:
    """``2025-01-20`` -> ``20 Januari 2025``."""
    if d is None:
        return KOSONG
    return f"{d.day} {BULAN[d.month - 1]} {d.year}"
