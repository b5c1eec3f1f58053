"""Findings and the small exception hierarchy of lkjip.

Every message a user sees is in Bahasa Indonesia and says where (file, row, column), what was found
and what was expected, so that it can be fixed without reading code.
"""
from __future__ import annotations

from collections.abc import Callable

from dataclasses import dataclass
from typing import Literal

Tingkat = Literal["galat", "peringatan"]


@dataclass(frozen=True)
class Temuan:
    """One finding of the checker. ``baris`` is the line number in the file (the header is line 1)."""

    tingkat: Tingkat
    aturan: str
    berkas: str
    pesan: str
    baris: int | None = None
    kolom: str | None = None
    nilai: str | None = None
    harapan: str | None = None

    @property
    def galat(self) -> bool:
        return self.tingkat == "galat"

    def lokasi(self) -> str:
        where = self.berkas
        if self.baris is not None:
            where += f" baris {self.baris}"
        if self.kolom:
            where += f", kolom '{self.kolom}'"
        return where

    def format(self, lokasi: str | None = None, ganti: Callable[[str], str] | None = None) -> str:
        """One line in Bahasa Indonesia. ``lokasi`` replaces the file/row/column (e.g. an Excel cell),
        ``ganti`` rewrites references inside the message (e.g. file rows to sheet rows)."""
        fix = ganti or (lambda s: s)
        head = "GALAT" if self.galat else "PERINGATAN"
        text = f"{head} [{self.aturan}] {lokasi or self.lokasi()}: {fix(self.pesan)}"
        if self.nilai is not None:
            text += f" Nilai: '{self.nilai}'."
        if self.harapan:
            text += f" Seharusnya: {fix(self.harapan)}."
        return text


class LkjipError(Exception):
    """Base of all errors meant for the user (printed without a traceback)."""

    exit_code = 1


class DataError(LkjipError):
    """The year's data has errors; ``temuan`` lists all of them."""

    def __init__(self, message: str, temuan: list[Temuan] | None = None):
        super().__init__(message)
        self.temuan = list(temuan or [])

    def __str__(self) -> str:
        lines = [self.args[0]]
        lines += [t.format() for t in self.temuan if t.galat]
        return "\n".join(lines)


class RenderError(LkjipError):
    """Rendering failed; the last good report is left in place."""

    exit_code = 3


class UsageError(LkjipError):
    exit_code = 2
