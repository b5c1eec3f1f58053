"""Text forms of indicator values: ``90``, ``99,06%``, ``BB (72,30)``, ``Sesuai``; missing -> marked."""
from __future__ import annotations



from ..fmt import KOSONG, angka, kosong
from ..metrics.capaian import is_number


_missing = kosong


def angka_iku(value: object) -> float | None:
    """An IKU value as a number (``"97"``, ``"72.31"``); None when missing or not a number (``BB``)."""
    return float(str(value)) if not _missing(value) and is_number(value) else None


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


#: Units that name a scale rather than a quantity: the number is shown alone (``97``, not ``97 indeks``).
SATUAN_SKALA = frozenset({"", "indeks", "nilai", "skor", "predikat", "kesesuaian", "kategori", "opini"})


def nilai_satuan(value: object, satuan: object, nilai: object = None, *, kosong: str = KOSONG) -> str:
    """A value with its unit of measure for sentences: ``99,06%``, ``80 per 100.000 kelahiran hidup``,
    ``97`` (an index), ``BB (nilai 72,30)``."""
    text = nilai_iku(value, str(satuan or ""), kosong=kosong)
    unit = str(satuan or "").strip()
    if text != kosong and not is_number(str(value)) and not _missing(nilai):
        return f"{text} (nilai {angka(nilai, 2)})"  # type: ignore[arg-type]
    if text == kosong or unit == "%" or unit.casefold() in SATUAN_SKALA or not is_number(str(value)):
        return text
    return f"{text} {unit}"


def capaian_teks(value: object, *, kosong: str = "-") -> str:
    """Capaian percentage with two decimals, or ``kosong``."""
    return kosong if _missing(value) else angka(value, 2) + "%"  # type: ignore[arg-type]
