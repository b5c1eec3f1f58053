"""The live preview's HTML page without re-reading unchanged tables: each table converted once.

pandoc spends most of a report page's conversion reading the tables' HTML (about nine tenths of the
body). The live preview (:mod:`lkjip.preview`) makes the page again after every save, while most
tables did not change. :class:`TableCache` converts each distinct table once, with the options and
filter :func:`lkjip.render._pandoc_engine.write_html` uses, while pandoc converts the page with a
one-cell stand-in per table (same id and caption: the list of tables and the links to it are the
same); the stand-ins are then replaced by the converted tables, group rows made as
:func:`lkjip.render._web.group_rows` makes them. The result is the page
:func:`~lkjip.render._pandoc_engine.html_page` writes, byte for byte (``tests/test_preview.py``
compares them); when a stand-in cannot be found again (a filter or template changed its shape) the
page is made the ordinary way.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from . import _tools, _web
from ._pandoc_engine import html_page
from ._parts import Part

MARK = "lkjip-pengganti-tabel-"
# a table as lkjip.render._assemble.table_html writes it into the body
_TABLE = re.compile(r'<table id="([^"]*)" class="lkjip-table(?: wide)?"><caption>(.*?)</caption>.*?</table>', re.S)
# a stand-in in pandoc's output, inside the wrapper the HTML filter gives every table
_STAND_IN = re.compile(r'<div class="table-scroll"[^>]*>\s*<table\b(?:(?!</table>).)*?' + MARK
                       + r'(\d+)(?:(?!</table>).)*</table>\s*</div>', re.S)
_CUT = re.compile(r'<div id="lkjip-potong-\d+">\s*</div>\n?')


def _table_args() -> list[str]:
    return ["-f", "html", "-t", "html5", "--wrap=none", "--lua-filter", str(_tools.template("html.lua"))]


class TableCache:
    """Tables already converted by pandoc, by content (the HTML filter's included)."""

    def __init__(self) -> None:
        self._done: dict[str, str] = {}
        self.converted = 0  # tables converted by the last page (the others came from the cache)

    def html_page(self, parts: Sequence[Part], body: str, staging: Path, work: Path, **options: Any) -> Path:
        """:func:`~lkjip.render._pandoc_engine.html_page` (same arguments), converting only the
        tables not converted before."""
        salt = hashlib.sha256(_tools.template("html.lua").read_bytes()).hexdigest()
        tables = [m.group(0) for m in _TABLE.finditer(body)]
        keys = [hashlib.sha256((salt + t).encode("utf-8")).hexdigest() for t in tables]
        missing = {k: t for k, t in zip(keys, tables) if k not in self._done}
        numbers = iter(range(len(tables)))

        def stand_in(m: re.Match[str]) -> str:
            return (f'<table id="{m.group(1)}" class="lkjip-table"><caption>{m.group(2)}</caption>'
                    f"<tbody><tr><td>{MARK}{next(numbers)}</td></tr></tbody></table>")

        small = _TABLE.sub(stand_in, body)
        with ThreadPoolExecutor(max_workers=1) as pool:  # both pandoc runs at once (two processes)
            job = pool.submit(self._convert, missing) if missing else None
            page_path = html_page(parts, small, staging, work, **options)
            if job is not None:
                job.result()
        self.converted = len(missing)
        self._done = {k: self._done[k] for k in keys if k in self._done}  # only the current tables are kept
        if len(self._done) == len(set(keys)):
            page = page_path.read_text(encoding="utf-8")
            spliced, found = _STAND_IN.subn(lambda m: self._done[keys[int(m.group(1))]], page)
            if found == len(tables) and MARK not in spliced:
                page_path.write_text(spliced, encoding="utf-8")
                return page_path
        self._done.clear()
        return html_page(parts, body, staging, work, **options)

    def _convert(self, tables: dict[str, str]) -> None:
        """Convert ``tables`` (key -> HTML) in one pandoc run, each with its wrapper and group rows."""
        joined = "\n".join(f'<div id="lkjip-potong-{i}"></div>\n{t}' for i, t in enumerate(tables.values()))
        pieces = _CUT.split(_tools.pandoc(_table_args(), joined))[1:]
        if len(pieces) != len(tables):  # leave them out: the page is then made the ordinary way
            return
        for key, piece in zip(tables, pieces):
            self._done[key] = _web.group_rows(piece.strip())

