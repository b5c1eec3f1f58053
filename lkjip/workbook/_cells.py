"""One value between CSV text and an Excel cell, such that the text comes back exactly.

A number is written as an Excel number whose number format carries the decimals of the text
(``23.70`` -> 23.7 shown as ``0.00``); reading gives the shortest decimal text of the number, padded
with zeros to the format's decimals, so ``23.70`` -> ``23.70``, ``4`` -> ``4``, ``3.9`` -> ``3.9``,
and a value typed with more decimals than shown is never rounded. :func:`ke_sel` proves the round
trip for every value it writes as a number and stores anything else as text.
"""
from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from ..spreadsheet import FORMULA_START

RUPIAH = "#,##0"
BULAT = "0"
TEKS = "@"
TANGGAL = "yyyy-mm-dd"
UMUM = "General"

_INT = re.compile(r"^-?(0|[1-9]\d*)$")
_DEC = re.compile(r"^-?(0|[1-9]\d*)\.(\d+)$")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_MAX_EXACT = 2 ** 53


def format_desimal(decimals: int) -> str:
    """The number format showing ``decimals`` decimals: ``0``, ``0.0``, ``0.00``, ..."""
    return BULAT if decimals <= 0 else "0." + "0" * decimals


def desimal_format(number_format: str | None) -> int:
    """How many decimals a number format shows (``0.00`` -> 2, ``#,##0`` -> 0, ``General`` -> 0)."""
    if not number_format:
        return 0
    section = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", number_format.split(";")[0])
    m = re.search(r"\.([0#?]+)", section)
    return m.group(1).count("0") if m else 0


def teks_angka(value: int | float, decimals: int = 0) -> str:
    """Shortest decimal text of ``value`` (never an exponent), padded to at least ``decimals`` decimals."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        text = str(value)
    elif value.is_integer() and abs(value) < _MAX_EXACT:
        text = str(int(value))
    else:
        text = format(Decimal(repr(value)), "f")
    if decimals > 0:
        whole, _, frac = text.partition(".")
        if len(frac) < decimals:
            text = f"{whole}.{frac.ljust(decimals, '0')}"
    return text


def dari_sel(value: Any, number_format: str | None) -> str:
    """The CSV text of a cell value read by openpyxl (``None`` -> ``""``)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (bool, int, float)):
        return teks_angka(value, desimal_format(number_format))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def ke_sel(raw: str, type_: str) -> tuple[Any, str]:
    """``(cell value, number format)`` for the CSV text ``raw`` of a column of type ``type_``.

    Numbers become Excel numbers only when :func:`dari_sel` gives ``raw`` back exactly; anything
    else (also a wrong value in a numeric column) stays text, so the importer sees it unchanged."""
    if raw == "":
        return None, ""
    if type_ in ("int", "rupiah", "year", "number"):
        value: int | float | None = None
        fmt = RUPIAH if type_ == "rupiah" else BULAT
        if _INT.match(raw) and abs(int(raw)) < _MAX_EXACT:
            value = int(raw)
        elif type_ == "number" and (m := _DEC.match(raw)):
            value, fmt = float(raw), format_desimal(len(m.group(2)))
        if value is not None and dari_sel(value, fmt) == raw:
            return value, fmt
    return raw, TEKS


def perlu_pelindung(text: str) -> bool:
    """Text that a spreadsheet would take for a formula (``=1+1``, ``@x``, ``-x``, ``+x``)."""
    return text.startswith(FORMULA_START)


def teks_aman(text: str) -> str | None:
    """``None`` when ``text`` can be stored in a cell, else the reason (Bahasa Indonesia)."""
    if _ILLEGAL.search(text):
        return "berisi karakter kendali yang tidak dapat disimpan di Excel"
    if len(text) > 32767:
        return f"terlalu panjang untuk satu sel Excel ({len(text)} karakter, paling banyak 32767)"
    return None


def isi(cell: Any, value: Any, number_format: str | None = None) -> None:
    """Put ``value`` into ``cell``; text is always stored as text, never as a formula.

    Formula-like text also gets Excel's quote prefix (the hidden apostrophe), so that editing the
    cell in Excel keeps it text."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if perlu_pelindung(value):
            cell.quotePrefix = True
    if number_format:
        cell.number_format = number_format
