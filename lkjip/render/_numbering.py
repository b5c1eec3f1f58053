"""Number the report's tables and figures in the order they appear, so numbers never skip.

Tables and figures are numbered per chapter (``Tabel 2.3``, ``Gambar 3.1``); a chapter whose heading
carries the class ``.nomor-subbab`` numbers its tables per section (``Tabel 3.1.4``, ``Tabel 3.2.1``),
as LKjIP Bab III traditionally does; the Lampiran is ``L`` (``Tabel L.1``). A caption that already
starts with a number (``Tabel 9 Contoh``) is kept as written. Chapters are ``#`` headings with an id
``#bab-N`` (or text ``BAB III``), sections ``##`` headings whose first word is their number.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

from ._parts import Figure, Markdown, Part, Table

_NUMBERED = re.compile(r"^(Tabel|Gambar)\s+[0-9A-Z][0-9A-Za-z.]*\s")
_H1 = re.compile(r"^#\s+(.*)$", re.M)
_H2 = re.compile(r"^##\s+([0-9][0-9.]*)\s", re.M)
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}


def _roman(text: str) -> int | None:
    if not text or any(c not in _ROMAN for c in text):
        return None
    total = 0
    for a, b in zip(text, text[1:] + " "):
        total += -_ROMAN[a] if b in _ROMAN and _ROMAN[b] > _ROMAN[a] else _ROMAN[a]
    return total


def chapter_prefix(heading: str) -> str:
    """The number prefix of a chapter heading's tables and figures ("" for front matter)."""
    if m := re.search(r"#bab-(\d+)\b", heading):
        return m.group(1)
    if re.search(r"#lampiran\b", heading) or heading.strip().upper().startswith("LAMPIRAN"):
        return "L"
    if (m := re.match(r"\s*BAB\s+([IVXL]+)\b", heading)) and (n := _roman(m.group(1))):
        return str(n)
    return ""


class Numbering:
    """Stateful numbering over the parts of one report, in order (chapters may come from several
    notebooks: call :meth:`apply` on each part in report order)."""

    def __init__(self) -> None:
        self.chapter = ""
        self.section = ""
        self.per_section = False
        self.count: dict[tuple[str, str], int] = {}

    def _see(self, text: str) -> None:
        for line in text.splitlines():
            if m := _H1.match(line):
                self.chapter = chapter_prefix(m.group(1))
                self.per_section = ".nomor-subbab" in m.group(1)
                self.section = ""
            elif m := _H2.match(line + " "):
                self.section = m.group(1).rstrip(".")

    def apply(self, part: Part) -> Part:
        if isinstance(part, Markdown):
            self._see(part.text)
            return part
        if not isinstance(part, (Table, Figure)) or _NUMBERED.match(part.caption + " "):
            return part
        kind = "Tabel" if isinstance(part, Table) else "Gambar"
        prefix = self.section if kind == "Tabel" and self.per_section and self.section else self.chapter
        key = (kind, prefix)
        self.count[key] = self.count.get(key, 0) + 1
        number = f"{prefix}.{self.count[key]}" if prefix else str(self.count[key])
        return dataclasses.replace(part, caption=f"{kind} {number} {part.caption}".rstrip())


def number_captions(parts: Iterable[Part]) -> list[Part]:
    """``parts`` with every unnumbered table and figure caption numbered (see the module docstring)."""
    n = Numbering()
    return [n.apply(p) for p in parts]
