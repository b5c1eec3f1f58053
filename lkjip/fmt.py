"""Indonesian formats for text (``1.234.567,89``, ``Rp1.234.567``, ``97,50%``, ``20 Januari 2025``), and the
one place that decides what a missing value is (:func:`kosong`), how sums treat it (:func:`jumlah`: a sum
with a missing part is missing, never a smaller total or a zero) and how data text is escaped for Markdown
(:func:`esc`: text from data is text, never markup).

Tables use great-tables' own ``fmt_*`` with ``locale="id"``; these helpers are for sentences.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import SupportsFloat, cast

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


def jumlah(values: Iterable[object]) -> float | None:
    """The sum of ``values``; None (missing) when any of them is missing — a draft's partial total is no
    total. An empty iterable sums to 0."""
    total = 0.0
    for v in values:
        if kosong(v):
            return None
        total += float(v)  # type: ignore[arg-type]
    return total


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~$^@:&=-])")


def esc(text: object) -> str:
    """Escape a data string for Markdown: every Markdown/HTML special character is backslashed, so
    ``<script>`` shows as the literal text and ``a*b*`` keeps its asterisks; line breaks become spaces
    (one data value is one inline run of text)."""
    flat = " ".join(str(text).split())
    return _MD_SPECIAL.sub(r"\\\1", flat)


def teks(x: object) -> str:
    """A label such as a predikat or mutu; missing (a draft) -> the visible missing mark."""
    return KOSONG if kosong(x) else str(x)


def angka(x: object, desimal: int = 0) -> str:
    """``1234567.891, 2`` -> ``1.234.567,89``; missing -> the visible missing mark."""
    if kosong(x):
        return KOSONG
    text = f"{float(cast(SupportsFloat, x)):,.{desimal}f}"  # a number once not missing
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
