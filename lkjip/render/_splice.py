"""The live preview's HTML page without converting again what did not change.

pandoc spends most of a report page's conversion reading the tables' HTML (about nine tenths of the
body), and after a changed number most of what changed is table cells, paragraphs and list items.
The live preview (:mod:`lkjip.preview`) makes the page again after every save. :class:`PageCache`
converts each distinct table, paragraph and list item once, with the options and filter
:func:`lkjip.render._pandoc_engine.write_html` uses, while pandoc converts the page with stand-ins
for them:

* a table becomes a one-cell table with the same id, classes and caption (the list of tables and
  the links to it are the same), replaced afterwards by the converted table (group rows made as
  :func:`lkjip.render._web.group_rows` makes them);
* a paragraph or a list item on a line of its own becomes one with a numbered word, replaced
  afterwards by the converted one. Left as they are: paragraphs that are only bold text (the HTML
  filter makes them headings, numbered across the report), and any with an image or a footnote.

Everything else (headings, figures, signatures) stays in the page, so the page with stand-ins is
often the same as after the previous save: pandoc's output for it is then reused. The result is
the page :func:`~lkjip.render._pandoc_engine.html_page` writes, byte for byte (``tests/test_preview.py``
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
from ._assemble import HTML_ID
from ._pandoc_engine import html_body_args, html_page
from ._parts import Part

MARK = "lkjip-pengganti-tabel-"
WORD = "lkjippenggantiteks"  # the numbered word of a paragraph's or a list item's stand-in
_TABLE = re.compile(r"<table\b([^>]*)>(\s*<caption\b[^>]*>.*?</caption>)?(?:(?!</table>).)*?</table>", re.S)
# a stand-in in pandoc's output, inside the wrapper the HTML filter gives every table
_STAND_IN = re.compile(r'<div class="table-scroll"[^>]*>\s*<table\b(?:(?!</table>).)*?' + MARK
                       + r'(\d+)(?:(?!</table>).)*</table>\s*</div>', re.S)
# a paragraph or a list item alone on its line (pandoc writes one block per line, --wrap=none)
_LINE = re.compile(r"^<(p|li)>(.*)</(p|li)>$", re.M)
# bold from start to end (the HTML filter makes a paragraph of one bold run a heading; nested bold
# such as "<strong>a <strong>b</strong></strong>" is one run too): left in the page
_BOLD_ONLY = re.compile(r"\A\s*<strong>.*</strong>\s*\Z", re.S)
_NESTED = re.compile(r"</?(?:p|li|ul|ol|dl|div|table|figure|img|input|label|h[1-6])\b|footnote")
_WORD_IN_PAGE = re.compile(r"<(p|li)>" + WORD + r"(\d+)</\1>")
_CUT = re.compile(r'<div id="lkjip-potong-\d+">\s*</div>\n?')


def _own_line(m: re.Match[str]) -> bool:
    """Whether a paragraph or list item alone on its line converts on its own as in the page: no
    nested block, image or footnote, and not a paragraph of bold text only."""
    tag, inner = m.group(1), m.group(2)
    return (tag == m.group(3) and not _NESTED.search(inner)
            and not (tag == "p" and _BOLD_ONLY.match(inner)))


def _is_file(arg: str) -> bool:
    """Whether a pandoc argument names a file (a long ``-V`` value, such as the page's description
    of a unit with a long name, is no file name at all: the system refuses to look it up)."""
    try:
        return Path(arg).is_file()
    except OSError:
        return False


class PageCache:
    """Tables, paragraphs and list items already converted by pandoc, by content (the HTML filter's
    included), and pandoc's last page."""

    def __init__(self) -> None:
        self._done: dict[str, str] = {}
        self._page: tuple[str, str] | None = None  # (key of pandoc's input, options and files, its output)
        self.converted = 0  # pieces converted by the last page (the others came from the cache)
        self.page_converted = False  # whether the last page went through pandoc

    def html_page(self, parts: Sequence[Part], body: str, staging: Path, work: Path, **options: Any) -> Path:
        """:func:`~lkjip.render._pandoc_engine.html_page` (same arguments), converting only the
        tables, paragraphs and list items not converted before, and the page only when it changed."""
        salt = hashlib.sha256(_tools.template("html.lua").read_bytes()).hexdigest()
        pieces: list[tuple[str, bool]] = []  # each stand-in's HTML and whether it is a line, by number
        nested = []

        def table(m: re.Match[str]) -> str:
            if "<table" in m.group(0)[6:]:
                nested.append(m.group(0))
            ident = HTML_ID.search(m.group(1))
            pieces.append((m.group(0), False))
            return (f"<table{ident.group(0) if ident else ''}>{m.group(2) or ''}"
                    f"<tbody><tr><td>{MARK}{len(pieces) - 1}</td></tr></tbody></table>")

        def line(m: re.Match[str]) -> str:
            if not _own_line(m):
                return m.group(0)
            pieces.append((m.group(0), True))
            return f"<{m.group(1)}>{WORD}{len(pieces) - 1}</{m.group(1)}>"

        small = _LINE.sub(line, _TABLE.sub(table, body))
        if nested or MARK in body or WORD in body:  # not cut into pieces safely: the ordinary way
            self._done.clear()
            return html_page(parts, body, staging, work, **options)
        keys = [hashlib.sha256((salt + html).encode("utf-8")).hexdigest() for html, _ in pieces]
        missing = {k: p for k, p in zip(keys, pieces) if k not in self._done}
        with ThreadPoolExecutor(max_workers=1) as pool:  # both pandoc runs at once (two processes)
            job = pool.submit(self._convert, missing) if missing else None
            self.page_converted = False
            page_path = html_page(parts, small, staging, work, **options, pandoc=self._page_pandoc)
            if job is not None:
                job.result()
        self.converted = len(missing)
        self._done = {k: self._done[k] for k in keys if k in self._done}  # only the current pieces are kept
        if len(self._done) == len(set(keys)):
            page = page_path.read_text(encoding="utf-8")
            spliced, tables = _STAND_IN.subn(lambda m: self._done[keys[int(m.group(1))]], page)
            spliced, texts = _WORD_IN_PAGE.subn(lambda m: self._done[keys[int(m.group(2))]], spliced)
            if tables + texts == len(pieces) and MARK not in spliced and WORD not in spliced:
                page_path.write_text(spliced, encoding="utf-8")
                return page_path
        self._done.clear()
        self._page = None
        return html_page(parts, body, staging, work, **options)

    def _page_pandoc(self, args: list[str], text: str) -> str:
        """pandoc's page, reused when its input, its options and the files they name are unchanged."""
        digest = hashlib.sha256("\0".join(args).encode("utf-8") + b"\0" + text.encode("utf-8"))
        for arg in args:
            if _is_file(arg):  # the template, the filter, the style sheet
                digest.update(Path(arg).read_bytes())
        key = digest.hexdigest()
        if self._page is None or self._page[0] != key:
            self._page = (key, _tools.pandoc(args, text))
            self.page_converted = True
        return self._page[1]

    def _convert(self, pieces: dict[str, tuple[str, bool]]) -> None:
        """Convert ``pieces`` (key -> (HTML, whether it is a line)) in one pandoc run: a table with its
        wrapper and group rows, a paragraph or a list item (in a list of its own) as its line."""
        def alone(html: str, is_line: bool) -> str:
            return f"<ul>\n{html}\n</ul>" if is_line and html.startswith("<li>") else html

        joined = "\n".join(f'<div id="lkjip-potong-{i}"></div>\n{alone(*p)}' for i, p in enumerate(pieces.values()))
        out = _CUT.split(_tools.pandoc(html_body_args(), joined))[1:]
        if len(out) != len(pieces):  # leave them out: the page is then made the ordinary way
            return
        for key, (html, is_line), piece in zip(pieces, pieces.values(), out):
            piece = piece.strip()
            if not is_line:
                self._done[key] = _web.group_rows(piece)
                continue
            if html.startswith("<li>"):
                if not (piece.startswith("<ul>\n") and piece.endswith("\n</ul>")):
                    continue
                piece = piece[len("<ul>\n"):-len("\n</ul>")]
            if _LINE.fullmatch(piece) and piece[:3] == html[:3]:
                self._done[key] = piece
