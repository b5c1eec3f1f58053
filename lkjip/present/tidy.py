"""A report table's frame as open data: numbers as numbers, display text in its own column.

The frames behind the tables (:class:`~lkjip.present.tables.Tabel` ``.frame``) hold numbers where a
column is one kind of value, and the report's display text where a column mixes kinds (an IKU
target ``90%``, a predikat with its score ``BB (72,30)``, a count with its unit ``4 Dok``, ``Sesuai``) or where a label carries a
figure (``Program X — Anggaran 10.000.000``). :func:`open_frame` turns that text back into the
values it was formatted from (:mod:`lkjip.fmt` / :mod:`.values` write it in one fixed Indonesian
form, so the reading is exact to the shown decimals):

* a column whose every filled cell is a number -> numbers (``107,78%`` -> ``107.78``);
* a column mostly of numbers that also holds words -> the numbers, plus ``<column> (teks)`` with the
  text shown (a text column with a number here and there stays text);
* a label column ending in the same `` — <label> <number>`` -> the label, plus ``<column> <label>``;
* every missing mark (``BELUM DIISI``, ``-``, ``NA``, empty) -> a missing value (one convention:
  an empty cell in CSV and XLSX), never zero.
"""
from __future__ import annotations

import re
from typing import Any

import pandas as pd

from ..fmt import KOSONG

MISSING_MARKS = frozenset({"", "-", "—", "–", "NA", KOSONG})
TEXT_SUFFIX = " (teks)"
_NUM = r"-?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?"
_NUMBER = re.compile(rf"(?:Rp\s?)?({_NUM})\s?(%?)")
_LABELLED = re.compile(rf"(.+?) \(({_NUM})\)")
_WITH_UNIT = re.compile(rf"({_NUM}) ([A-Za-z][\w/.]*(?: [\w/.]+){{0,2}})")  # ``4 Dok``, ``12 Laporan``
_SUFFIX = re.compile(rf"(.+?) — ([^\d—]+?) (?:Rp\s?)?({_NUM})")


def _missing(value: Any) -> bool:
    if value is None or value is pd.NA:
        return True
    if isinstance(value, float) and value != value:
        return True
    return isinstance(value, str) and value.strip() in MISSING_MARKS


def angka_id(text: str) -> int | float:
    """``1.234.567`` -> 1234567, ``107,78`` -> 107.78 (Indonesian separators)."""
    plain = text.replace(".", "").replace(",", ".")
    return float(plain) if "." in plain else int(plain)


def read_cell(value: Any) -> tuple[Any, str | None]:
    """(number or None, text or None) of one cell: ``"107,78%"`` -> (107.78, None),
    ``"BB (72,30)"`` -> (72.3, "BB (72,30)"), ``"4 Dok"`` -> (4, "4 Dok"), ``"Sesuai"`` -> (None, "Sesuai"),
    missing -> (None, None)."""
    if _missing(value):
        return None, None
    if not isinstance(value, str):
        return value, None
    text = value.strip()
    found = _NUMBER.fullmatch(text)
    if found:
        return angka_id(found.group(1)), None
    found = _LABELLED.fullmatch(text)
    if found:
        return angka_id(found.group(2)), text
    found = _WITH_UNIT.fullmatch(text)
    if found and len(found.group(2)) <= 20:
        return angka_id(found.group(1)), text
    return None, text


def _split_suffix(col: pd.Series) -> tuple[pd.Series, str, pd.Series] | None:
    filled = [v for v in col if not _missing(v)]
    matches = [_SUFFIX.fullmatch(v.strip()) if isinstance(v, str) else None for v in filled]
    if not filled or not all(matches) or len({m.group(2) for m in matches}) != 1:  # type: ignore[union-attr]
        return None
    label = matches[0].group(2).strip()  # type: ignore[union-attr]

    def part(v: Any, i: int) -> Any:
        if _missing(v):
            return None
        m = _SUFFIX.fullmatch(v.strip())
        return m.group(1) if i == 1 else angka_id(m.group(3))  # type: ignore[union-attr]

    return col.map(lambda v: part(v, 1)), label, col.map(lambda v: part(v, 3))


def open_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with display text read back into numbers (see the module docstring)."""
    out: dict[str, pd.Series] = {}
    for name in frame.columns:
        col = frame[name]
        if col.dtype != object and not pd.api.types.is_string_dtype(col):
            out[name] = col
            continue
        split = _split_suffix(col)
        if split is not None:
            out[name], label, out[f"{name} {label}"] = split
            continue
        cells = [read_cell(v) for v in col]
        numbers = [n for n, _ in cells if n is not None]
        texts = [t for n, t in cells if t is not None]
        words = [t for n, t in cells if n is None and t is not None]
        if len(numbers) < len(words) or not numbers:  # a text column that holds a number here and there
            out[name] = pd.Series([None if _missing(v) else v for v in col], index=col.index, dtype=object)
            continue
        out[name] = pd.Series([n for n, _ in cells], index=col.index, dtype=object)
        if texts:
            shown = [None if _missing(v) else str(v).strip() for v in col]
            out[f"{name}{TEXT_SUFFIX}"] = pd.Series(shown, index=col.index, dtype=object)
    return pd.DataFrame(out, index=frame.index)
