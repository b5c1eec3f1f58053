"""Assemble report parts into one HTML body that both writers (HTML and typst) read.

Markdown goes through pandoc once (raw HTML and raw blocks disabled, so text typed into data can
never become markup); tables and figures are inserted afterwards as plain HTML that pandoc parses
into captioned tables and figures.
"""
from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from .._safe_md import MARKDOWN_FORMAT, safe_filter  # Markdown as chapters write it; see lkjip._safe_md
from . import _tools
from ._parts import Figure, Markdown, Part, Signature, Table

FIG_SRC = "lkjip-fig:"
DATA_DIR = "data"  # folder next to the HTML holding each table's data (CSV, XLSX) and the open data
_SLOT = re.compile(r'<div id="lkjip-slot-(\d+)" class="lkjip-slot">\s*</div>')


def signature_markdown(sig: Signature) -> str:
    classes = ".signature" + (" .pair" if len(sig.parties) > 1 else "")
    lines = [f"::: {{{classes}}}"]
    for p in sig.parties:
        lines.append(":::: {.party}")
        for key, cls in (("place_date", "sig-place"), ("role", "sig-role"), ("name", "sig-name")):
            text = p.get(key, "").strip()
            if key == "name" and text:
                text = f"**[{text}]{{.underline}}**"
            lines += [f"::::: {{.{cls}}}", text, ":::::"]
        lines.append("::::")
    lines.append(":::")
    return "\n".join(lines)


def markdown_chunks(parts: Sequence[Part]) -> list[str]:
    """Each part as Markdown: a Markdown part isolated in a ``.lkjip-md`` div (unwrapped by a filter),
    a signature block, tables and figures as empty slot divs numbered by their index in ``parts``."""
    chunks = []
    for i, part in enumerate(parts):
        if isinstance(part, Markdown):
            chunks.append(f"::: {{.lkjip-md}}\n{part.text.strip()}\n:::")
        elif isinstance(part, Signature):
            chunks.append(signature_markdown(part))
        else:
            chunks.append(f"::: {{#lkjip-slot-{i} .lkjip-slot}}\n:::")
    return chunks


def markdown_source(parts: Sequence[Part]) -> str:
    """One Markdown document of :func:`markdown_chunks`."""
    return "\n\n".join(markdown_chunks(parts)) + "\n"


def table_html(t: Table) -> str:
    """The great-tables ``<table>`` only (its CSS dropped), with ``id``, a ``<caption>``, the
    ``wide`` class and cell alignment as inline styles (pandoc reads these, not CSS classes).
    A random great-tables id is replaced by the table's id everywhere."""
    raw = re.sub(r"<style\b.*?</style>", "", t.html, flags=re.S | re.I)
    outer = re.search(r'<div id="([^"]+)"', raw)
    if outer and outer.group(1) != t.id:
        raw = re.sub(rf"\b{re.escape(outer.group(1))}\b", t.id, raw)
    found = re.search(r"<table\b[^>]*>.*</table>", raw, flags=re.S | re.I)
    body = found.group(0) if found else raw
    classes = "lkjip-table" + (" wide" if t.wide else "")
    body = re.sub(r"<table\b[^>]*>", f'<table id="{html.escape(t.id)}" class="{classes}">'
                  f"<caption>{html.escape(t.caption)}</caption>", body, count=1, flags=re.I)

    def align(m: re.Match[str]) -> str:
        tag, attrs = m.group(1), m.group(2)
        # cell ids without the table's prefix (great-tables without id=) would clash across tables
        attrs = re.sub(rf'\s(?:id|headers)="(?!{re.escape(t.id)}-)[^"]*"', "", attrs)
        side = re.search(r'class="[^"]*\bgt_(left|right|center)\b', attrs)
        if side and "text-align" not in attrs:
            attrs += f' style="text-align: {side.group(1)};"'
        return f"<{tag}{attrs}>"

    body = re.sub(r"<(td|th)\b([^>]*)>", align, body, flags=re.I)
    body = _short_ids(body, t.id)
    # great-tables sets bold (totals, labels) in a style attribute that pandoc drops: make it markup
    body = re.sub(r"(<(td|th)\b[^>]*font-weight:\s*bold[^>]*>)(.*?)(</\2>)",
                  lambda m: m.group(1) + (f"<strong>{m.group(3)}</strong>" if m.group(3).strip() else "") + m.group(4),
                  body, flags=re.I | re.S)
    if t.csv:
        ident = html.escape(t.id)
        body += (f'<div class="unduh">Unduh data tabel ini: <a href="{DATA_DIR}/{ident}.csv" download>CSV</a> · '
                 f'<a href="{DATA_DIR}/{ident}.xlsx" download>XLSX</a></div>')
    return body


HTML_ID = re.compile(r'\sid="([^"]*)"')  # an element's id attribute, its value in group 1
_LONG_ID = 40  # great-tables makes a row group's id from its whole label: hundreds of characters


def _short_ids(body: str, table_id: str) -> str:
    """Cell ids longer than :data:`_LONG_ID` characters become ``<table id>-k<n>`` (same order, same
    references from every ``headers=``), so that a table with long group labels does not weigh
    hundreds of kilobytes that every reader (pandoc, the browser) has to parse."""
    ids = HTML_ID.findall(body)
    taken = set(ids)
    long_ids: dict[str, str] = {}
    number = 0
    for ident in ids:
        if len(ident) > _LONG_ID and ident not in long_ids:
            number += 1
            while f"{table_id}-k{number}" in taken:  # a column or group really named "k1"
                number += 1
            long_ids[ident] = f"{table_id}-k{number}"
            taken.add(long_ids[ident])
    if not long_ids:
        return body

    def swap(m: re.Match[str]) -> str:
        refs = " ".join(long_ids.get(ref, ref) for ref in m.group(2).split())
        return f'{m.group(1)}="{refs}"'

    return re.sub(r'(\s(?:id|headers))="([^"]*)"', swap, body)


def figure_html(f: Figure) -> str:
    classes = ' class="wide"' if f.wide else ""
    width = f' data-width-cm="{f.width_cm:g}"' if f.width_cm else ""
    return (f'<figure id="{html.escape(f.id)}"{classes}><img src="{FIG_SRC}{html.escape(f.id)}" '
            f'alt="{html.escape(f.alt, quote=True)}"{width} />'
            f"<figcaption>{html.escape(f.caption)}</figcaption></figure>")


def assemble(parts: Sequence[Part]) -> str:
    """The report body as HTML, with figure sources still symbolic (see :func:`with_images`)."""
    filters = [str(_tools.template("unwrap.lua")), safe_filter()]
    # the same text with the same filters gives the same HTML: a process that assembles again (lkjip
    # preview) converts only the parts whose text changed (see _Chunks)
    key = hashlib.sha256(b"\0".join(Path(f).read_bytes() for f in filters)).hexdigest()
    body = _CHUNKS.html(parts, tuple(filters), key)

    def fill(m: re.Match[str]) -> str:
        part = parts[int(m.group(1))]
        return table_html(part) if isinstance(part, Table) else figure_html(part)  # type: ignore[arg-type]

    return _SLOT.sub(fill, body)


def _markdown_html(source: str, filters: tuple[str, ...]) -> str:
    """pandoc's HTML of the Markdown ``source`` through ``filters``."""
    args = ["-f", MARKDOWN_FORMAT, "-t", "html5", "--wrap=none"]
    for lua in filters:
        args += ["--lua-filter", lua]
    return _tools.pandoc(args, source)


_SEPARATOR = "LKJIPPEMISAHBAGIAN7C1E"
_CONTAINERS = ("div", "blockquote", "ul", "ol", "dl", "pre", "table", "section", "figure")


def _balanced(piece: str) -> bool:
    """Whether every block ``piece`` opens it also closes (a part whose fenced div or code block is
    left open takes in the separator after it, and the parts after it)."""
    return all(len(re.findall(rf"<{tag}\b", piece)) == piece.count(f"</{tag}>") for tag in _CONTAINERS)


_HEADING = re.compile(r"^\s{0,3}#.*$|^\s*(?:=+|-+)\s*$", re.M)  # ATX headings; setext underlines, rules
_NOTES = re.compile(r"\[\^|\^\[")  # footnotes: numbered and gathered at the end of the document


def _alone(old: str, new: str) -> bool:
    """Whether a part whose Markdown changed from ``old`` to ``new`` converts on its own to the HTML
    it has inside the document, and changes nothing in the other parts' HTML: no links (to headings
    or reference definitions elsewhere) or example lists (numbered across the document), and the
    same headings before and after, each with its own id (an id made from a heading's text depends
    on the headings before it, and is avoided by the ones after it)."""
    if "[" in old or "[" in new or "(@" in old or "(@" in new:
        return False
    headings = _HEADING.findall(new)
    return headings == _HEADING.findall(old) and all("{#" in h for h in headings)


class _Chunks:
    """The HTML of the report's Markdown (:func:`markdown_chunks` of its parts, through pandoc),
    remembering each part's HTML from the last document.

    The document is converted with a separator paragraph between parts, each part's HTML cut out
    at the separators and joined again: the same HTML as the document without separators (each part
    is its own block; ``tests/test_render.py`` compares both). When the next document has the same
    number of parts, no part has a footnote and every part whose text changed converts the same on its
    own (:func:`_alone`; and its HTML has the same ids as before), only the changed parts go through
    pandoc. A document whose parts do not each close the blocks they open (:func:`_balanced`) is
    converted whole."""

    def __init__(self) -> None:
        self._last: tuple[str, list[str], list[str]] | None = None  # filters' key, parts, their HTML

    def html(self, parts: Sequence[Part], filters: tuple[str, ...], key: str) -> str:
        """The HTML of :func:`markdown_source` of ``parts`` through ``filters`` (``key``: their contents'
        hash)."""
        chunks = markdown_chunks(parts)
        pieces = self._again(chunks, filters, key) or self._convert(chunks, filters)
        if pieces is None:  # not cut back into its parts (a part swallowed a separator)
            self._last = None
            return _markdown_html("\n\n".join(chunks) + "\n", filters)
        self._last = (key, chunks, pieces)
        return "\n".join(p for p in pieces if p) + "\n"

    def _again(self, chunks: list[str], filters: tuple[str, ...], key: str) -> list[str] | None:
        if self._last is None or self._last[0] != key or len(self._last[1]) != len(chunks):
            return None
        old, pieces = self._last[1], list(self._last[2])
        if any(_NOTES.search(c) for c in chunks):
            return None
        changed = [i for i, (a, b) in enumerate(zip(old, chunks)) if a != b]
        if not all(_alone(old[i], chunks[i]) for i in changed):
            return None
        fresh = self._convert([chunks[i] for i in changed], filters) if changed else []
        if fresh is None:
            return None
        for i, piece in zip(changed, fresh):
            if HTML_ID.findall(piece) != HTML_ID.findall(pieces[i]):  # e.g. a heading inside a list: its
                return None                                             # id depends on the headings before
            pieces[i] = piece
        return pieces

    @staticmethod
    def _convert(chunks: list[str], filters: tuple[str, ...]) -> list[str] | None:
        """Each chunk's HTML, from one pandoc run (a separator after every chunk); None when the output
        does not cut back into them, every one closing the blocks it opens."""
        if any(_SEPARATOR in c for c in chunks):
            return None
        out = _markdown_html("".join(f"{c}\n\n{_SEPARATOR}\n\n" for c in chunks), filters)
        pieces = [p.strip("\n") for p in out.split(f"<p>{_SEPARATOR}</p>")]
        if len(pieces) != len(chunks) + 1 or pieces[-1] or not all(_balanced(p) for p in pieces):
            return None
        return pieces[:-1]


_CHUNKS = _Chunks()


def with_images(body: str, files: Mapping[str, str]) -> str:
    """Replace symbolic figure sources by ``figures/<file>`` (``files``: figure id -> file name; the
    PDF's images; the HTML's are placed by :func:`lkjip.render._web.figures`)."""
    def src(m: re.Match[str]) -> str:
        return f'src="figures/{files[html.unescape(m.group(1))]}"'

    return re.sub(rf'src="{re.escape(FIG_SRC)}([^"]+)"', src, body)
