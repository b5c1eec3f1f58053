"""Capaian kinerja (achievement) of an indicator: target versus realisation.

Rules: PermenPANRB 53/2014 (Juknis Perjanjian Kinerja & Pelaporan Kinerja) — higher-is-better
``R/T x 100``; lower-is-better, the "kondisi khusus", ``(2T - R)/T x 100`` (never negative);
qualitative indicators on an explicit ordinal scale. The achievement categories follow
Permendagri 86/2017 (evaluasi hasil RKPD).
"""
from __future__ import annotations

import math
import re
from typing import Literal

Polaritas = Literal["naik", "turun", "kualitatif"]

#: AKIP predikat from best to worst (PermenPANRB 88/2021).
SKALA_AKIP: tuple[str, ...] = ("AA", "A", "BB", "B", "CC", "C", "D")
#: The "Sesuai / Tidak Sesuai" scale of compliance indicators.
SKALA_SESUAI: tuple[str, ...] = ("Sesuai", "Tidak Sesuai")
SKALA: dict[str, tuple[str, ...]] = {"akip": SKALA_AKIP, "sesuai": SKALA_SESUAI}

#: Permendagri 86/2017: lower bound (inclusive) of each achievement category.
KATEGORI_CAPAIAN: tuple[tuple[float, str], ...] = (
    (91.0, "Sangat Tinggi"), (76.0, "Tinggi"), (66.0, "Sedang"), (51.0, "Rendah"), (-math.inf, "Sangat Rendah"),
)


class CapaianError(ValueError):
    """A capaian that cannot be computed (e.g. target zero for a higher-is-better indicator)."""


def capaian_naik(target: float, realisasi: float) -> float:
    """Higher is better: ``R / T x 100`` (PermenPANRB 53/2014).

    A target of zero has no meaningful ratio and raises :class:`CapaianError`.
    """
    if target == 0:
        raise CapaianError("target nol: capaian 'semakin tinggi semakin baik' tidak terdefinisi")
    return realisasi / target * 100.0


def capaian_turun(target: float, realisasi: float) -> float:
    """Lower is better, the "kondisi khusus": ``(2T - R) / T x 100``, floored at 0 (PermenPANRB 53/2014).

    With a target of zero, meeting it (``R <= 0``) is 100 % and anything above it is 0 %.
    """
    if target == 0:
        return 100.0 if realisasi <= 0 else 0.0
    return max(0.0, (2 * target - realisasi) / target * 100.0)


def capaian_kualitatif(target: str, realisasi: str, skala: tuple[str, ...]) -> float:
    """Ordinal indicator on ``skala`` (best first): 100 % when the realisation reaches the target.

    Below the target, each step down the scale costs an equal share:
    ``100 x (n - steps_below) / n`` where ``n`` is the number of grades, so one grade short of
    ``BB`` on the AKIP scale is ``100 x 6/7``. Unknown grades raise :class:`CapaianError`.
    """
    norm = {s.casefold(): i for i, s in enumerate(skala)}
    try:
        t, r = norm[target.strip().casefold()], norm[realisasi.strip().casefold()]
    except KeyError as exc:
        raise CapaianError(f"nilai '{exc.args[0]}' tidak ada dalam skala {', '.join(skala)}") from None
    if r <= t:
        return 100.0
    return 100.0 * (len(skala) - (r - t)) / len(skala)


def capaian(target: str | float, realisasi: str | float, polaritas: Polaritas, skala: str | None = None) -> float:
    """Dispatch on polarity; numbers may be given as text (``"90"``)."""
    if polaritas == "kualitatif":
        if not skala or skala not in SKALA:
            raise CapaianError(f"skala kualitatif tidak dikenal: {skala!r}")
        return capaian_kualitatif(str(target), str(realisasi), SKALA[skala])
    t, r = float(target), float(realisasi)
    return capaian_naik(t, r) if polaritas == "naik" else capaian_turun(t, r)


def kategori_capaian(persen: float) -> str:
    """Achievement category of Permendagri 86/2017: >=91 Sangat Tinggi, >=76 Tinggi, >=66 Sedang,
    >=51 Rendah, else Sangat Rendah."""
    for bound, label in KATEGORI_CAPAIAN:
        if persen >= bound:
            return label
    raise AssertionError("unreachable")


_PLAIN_NUMBER = re.compile(r"\s*[+-]?(\d{1,18}(\.\d*)?|\.\d+)\s*")


def is_number(text: object) -> bool:
    """True if ``text`` is a plain number such as ``90`` or ``72.31`` (not ``nan``, ``inf``,
    ``1e999`` or ``1_000``, which ``float`` accepts but no report can show)."""
    return bool(_PLAIN_NUMBER.fullmatch(str(text)))
