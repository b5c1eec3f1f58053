"""Indeks Kepuasan Masyarakat (PermenPANRB 14/2017).

NRR per unsur = mean answer (1..4); NRR tertimbang = sum of NRR x bobot, bobot = 1 / jumlah unsur (1/9 for
the nine unsur of the regulation); IKM = NRR tertimbang x 25.
Mutu pelayanan on the converted scale: A >= 88,31; B >= 76,61; C >= 65,00; else D.
"""
from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

JUMLAH_UNSUR = 9  # the regulation's nine unsur; a survey with another number is weighted 1/n (a warning)
KONVERSI = 25.0

#: (inclusive lower bound on the IKM scale, mutu, kinerja unit pelayanan)
MUTU_IKM: tuple[tuple[float, str, str], ...] = (
    (88.31, "A", "Sangat Baik"),
    (76.61, "B", "Baik"),
    (65.00, "C", "Kurang Baik"),
    (25.00, "D", "Tidak Baik"),
)


def ikm_dari_unsur(nrr: Sequence[float]) -> float:
    """IKM from the unsur NRR values: ``sum(NRR x 1/n) x 25`` with ``n`` unsur (PermenPANRB 14/2017: bobot
    nilai rata-rata tertimbang = 1 / jumlah unsur; the regulation's survey has nine)."""
    values = [float(v) for v in nrr]
    if not values:
        raise ValueError("IKM memerlukan minimal satu unsur")
    if any(not 1 <= v <= 4 for v in values):
        raise ValueError("NRR setiap unsur harus antara 1 dan 4")
    return sum(values) / len(values) * KONVERSI


def nrr_dari_responden(jawaban: pd.DataFrame) -> pd.Series:
    """NRR per unsur from raw answers (one row per respondent, columns ``u1``..``u9``, values 1..4)."""
    cols = [f"u{i}" for i in range(1, JUMLAH_UNSUR + 1)]
    return jawaban[cols].astype(float).mean(axis=0)


def ikm_dari_responden(jawaban: pd.DataFrame) -> float:
    """IKM from raw answers (PermenPANRB 14/2017)."""
    return ikm_dari_unsur(list(nrr_dari_responden(jawaban)))


def mutu_ikm(ikm: float) -> tuple[str, str]:
    """(mutu, kinerja) for an IKM value: A >= 88,31 Sangat Baik; B >= 76,61 Baik; C >= 65,00 Kurang Baik; D."""
    for bound, mutu, label in MUTU_IKM:
        if ikm >= bound:
            return mutu, label
    return "D", "Tidak Baik"


def mutu_nrr(nrr: float) -> str:
    """Mutu of one unsur on the 1..4 scale (the IKM bounds divided by 25)."""
    return mutu_ikm(nrr * KONVERSI)[0]
