"""Text forms of indicator values: ``90``, ``99,06%``, ``BB (72,30)``, ``Sesuai``; missing -> marked."""
from __future__ import annotations

import math

import pandas as pd

from ..fmt import KOSONG, angka
from ..metrics.capaian import is_number


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def bilangan(x: float) -> str:
    """A number with decimals only when it has them: ``100`` -> ``100``, ``99.0612`` -> ``99,06``."""
    return angka(x, 0) if float(x).is_integer() else angka(x, 2)


def nilai_iku(value: object, satuan: str, nilai: object = None, *, kosong: str = KOSONG) -> str:
    """Format a target/realisation of an IKU for display."""
    if _missing(value):
        return kosong
    text = str(value)
    if is_number(text):
        out = bilangan(float(text))
        return out + "%" if satuan == "%" else out
    if not _missing(nilai):
        return f"{text} ({angka(nilai, 2)})"  # type: ignore[arg-type]
    return text


def capaian_teks(value: object, *, kosong: str = "-") -> str:
    """Capaian percentage with two decimals, or ``kosong``."""
    return kosong if _missing(value) else angka(value, 2) + "%"  # type: ignore[arg-type]
