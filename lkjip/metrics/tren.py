"""Multi-year comparison and progress toward the Renstra end-of-period target (PermenPANRB 53/2014,
analysis items 2 and 3 of the capaian kinerja)."""
from __future__ import annotations

from .capaian import CapaianError, capaian


def progres_renstra(target_akhir: str, realisasi: str, polaritas: str, skala: str | None = None) -> float | None:
    """Achievement of the latest realisation against the end-of-Renstra target (%), or None if undefined."""
    try:
        return capaian(target_akhir, realisasi, polaritas, skala)  # type: ignore[arg-type]
    except (CapaianError, ValueError):
        return None


def perubahan(sebelum: float, sesudah: float) -> float:
    """Change between two numeric realisations, in the indicator's unit."""
    return sesudah - sebelum
