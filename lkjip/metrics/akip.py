"""Evaluasi AKIP (PermenPANRB 88/2021): component weights, score and predikat."""
from __future__ import annotations

from collections.abc import Mapping

#: Component -> maximum score (PermenPANRB 88/2021).
BOBOT_AKIP: dict[str, float] = {"perencanaan": 30.0, "pengukuran": 30.0, "pelaporan": 15.0, "evaluasi": 25.0}

#: (exclusive lower bound, predikat, label), best first (PermenPANRB 88/2021).
PREDIKAT_AKIP: tuple[tuple[float, str, str], ...] = (
    (90.0, "AA", "Sangat Memuaskan"),
    (80.0, "A", "Memuaskan"),
    (70.0, "BB", "Sangat Baik"),
    (60.0, "B", "Baik"),
    (50.0, "CC", "Cukup"),
    (30.0, "C", "Kurang"),
    (float("-inf"), "D", "Sangat Kurang"),
)


def nilai_akip(komponen: Mapping[str, float]) -> float:
    """AKIP score: the sum of the component scores, rounded to 2 decimals (PermenPANRB 88/2021)."""
    return round(sum(float(v) for v in komponen.values()), 2)


def predikat_akip(nilai: float) -> str:
    """Predikat for a score with exclusive lower bounds: >90 AA, >80 A, >70 BB, >60 B, >50 CC, >30 C, else D."""
    if not 0 <= nilai <= 100:
        raise ValueError(f"nilai AKIP harus 0-100, bukan {nilai}")
    for bound, predikat, _ in PREDIKAT_AKIP:
        if nilai > bound:
            return predikat
    raise AssertionError("unreachable")


def label_predikat(predikat: str) -> str:
    """The label of a predikat (e.g. BB -> Sangat Baik)."""
    for _, p, label in PREDIKAT_AKIP:
        if p == predikat:
            return label
    raise ValueError(f"predikat AKIP tidak dikenal: {predikat}")


def rentang_predikat(predikat: str) -> tuple[float, float]:
    """The (exclusive lower, inclusive upper) score range of a predikat."""
    uppers = [100.0] + [b for b, _, _ in PREDIKAT_AKIP[:-1]]
    for (lower, p, _), upper in zip(PREDIKAT_AKIP, uppers):
        if p == predikat:
            return (max(lower, 0.0), upper)
    raise ValueError(f"predikat AKIP tidak dikenal: {predikat}")
