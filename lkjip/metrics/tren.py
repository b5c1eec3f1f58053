"""Multi-year comparison and progress toward the Renstra end-of-period target (PermenPANRB 53/2014,
analysis items 2 and 3 of the capaian kinerja)."""
from __future__ import annotations

from .capaian import SKALA, CapaianError, capaian, is_number


def progres_renstra(target_akhir: str, realisasi: str, polaritas: str, skala: str | None = None,
                    awal: object = None) -> float | None:
    """Progress of the latest realisation toward the end-of-Renstra target (%), or None if undefined.

    With a numeric baseline (``kondisi_awal``) that differs from the target, progress is the share of
    the planned change already achieved: ``(R - awal) / (T - awal) x 100`` — for both polarities, so a
    lower-is-better indicator going from 24,6 toward 10 that stands at 16,8 has covered 53,42 % of the
    way. Without a usable baseline it is the capaian against the end target (:func:`.capaian.capaian`).
    Qualitative indicators use their ordinal scale's capaian.
    """
    if polaritas != "kualitatif" and awal is not None and is_number(awal) and is_number(target_akhir) \
            and is_number(realisasi):
        b, t, r = float(str(awal)), float(target_akhir), float(realisasi)
        if t != b:
            return (r - b) / (t - b) * 100.0
    try:
        return capaian(target_akhir, realisasi, polaritas, skala)  # type: ignore[arg-type]
    except (CapaianError, ValueError):
        return None


def arah(sebelum: object, sesudah: object, polaritas: str, skala: str | None = None) -> str | None:
    """Direction of change between two realisations: ``membaik``, ``memburuk`` or ``tetap`` (None when
    either is missing or not comparable). Lower is better for ``turun``; a qualitative value improves
    when it moves up its scale (best first)."""
    if sebelum is None or sesudah is None:
        return None
    if polaritas == "kualitatif":
        scale = [s.casefold() for s in SKALA.get(skala or "", ())]
        a, b = str(sebelum).strip().casefold(), str(sesudah).strip().casefold()
        if a not in scale or b not in scale:
            return None
        delta: float = scale.index(a) - scale.index(b)  # positive: moved toward the best grade
    else:
        if not (is_number(sebelum) and is_number(sesudah)):
            return None
        delta = float(str(sesudah)) - float(str(sebelum))
        if polaritas == "turun":
            delta = -delta
    return "tetap" if delta == 0 else ("membaik" if delta > 0 else "memburuk")


def laju_tahunan(titik: list[tuple[int, float]]) -> float | None:
    """Average change per year between the first and the last (year, value) point, in the indicator's
    unit; None with fewer than two points (PermenPANRB 53/2014, analysis item 2: the trend over the
    years)."""
    if len(titik) < 2 or titik[-1][0] == titik[0][0]:
        return None
    (y0, v0), (y1, v1) = titik[0], titik[-1]
    return (v1 - v0) / (y1 - y0)


def kebutuhan_per_tahun(target_akhir: float, realisasi: float, tahun_tersisa: int) -> float | None:
    """Change per year still needed to reach the end-of-Renstra target from the latest realisation
    (analysis item 3: what the gap implies for the remaining years); None when no year remains."""
    if tahun_tersisa <= 0:
        return None
    return (target_akhir - realisasi) / tahun_tersisa
