"""Display a section's blocks in a notebook through the display contract of :mod:`.display`."""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from . import display
from .sections import Ttd
from .tables import Tabel


def show(blocks: Iterable[Any] | Any) -> None:
    """Display Markdown strings, tables, charts and signature blocks in order (a list of blocks,
    or one table or chart: ``show(T.tbl_rkt(data))``)."""
    if isinstance(blocks, (str, Tabel, Ttd)) or hasattr(blocks, "fig"):
        blocks = [blocks]
    for block in blocks:
        if isinstance(block, str):
            if block.strip():
                display.show_md(block)
        elif isinstance(block, Tabel):
            display.show_table(block.html(), block.caption, id=block.id, wide=block.wide, csv=block.csv())
        elif isinstance(block, Ttd):
            if block.kiri_nama:
                display.show_signature_pair(block.tempat_tanggal, block.kiri_jabatan or "", block.kiri_nama,
                                            block.jabatan, block.nama)
            else:
                display.show_signature(block.tempat_tanggal, block.jabatan, block.nama)
        elif hasattr(block, "fig"):
            display.show_figure(block.fig, block.caption, id=block.id, alt=block.alt, wide=getattr(block, "wide", False))
        else:
            raise TypeError(f"blok tidak dikenal: {type(block).__name__}")
