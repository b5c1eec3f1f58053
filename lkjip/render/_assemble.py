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
from functools import lru_cache
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


def markdown_source(parts: Sequence[Part]) -> str:
    """One Markdown document: each Markdown part isolated in a ``.lkjip-md`` div (unwrapped by a
    filter), tables and figures as empty slot divs numbered by their index in ``parts``."""
    chunks = []
    for i, part in enumerate(parts):
        if isinstance(part, Markdown):
            chunks.append(f"::: {{.lkjip-md}}\n{part.text.strip()}\n:::")
        elif isinstance(part, Signature):
            chunks.append(signature_markdown(part))
        else:
            chunks.append(f"::: {{#lkjip-slot-{i} .lkjip-slot}}\n:::")
    return "\n\n".join(chunks) + "\n"


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


_LONG_ID = 40  # great-tables makes a row group's id from its whole label: hundreds of characters


def _short_ids(body: str, table_id: str) -> str:
    """Cell ids longer than :data:`_LONG_ID` characters become ``<table id>-k<n>`` (same order, same
    references from every ``headers=``), so that a table with long group labels does not weigh
    hundreds of kilobytes that every reader (pandoc, the browser) has to parse."""
    ids = re.findall(r'\sid="([^"]+)"', body)
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
    # the same text with the same filters gives the same HTML: a process that assembles again after
    # only tables or figures changed (lkjip preview) skips pandoc
    key = hashlib.sha256(b"\0".join(Path(f).read_bytes() for f in filters)).hexdigest()
    body = _markdown_html(markdown_source(parts), tuple(filters), key)

    def fill(m: re.Match[str]) -> str:
        part = parts[int(m.group(1))]
        return table_html(part) if isinstance(part, Table) else figure_html(part)  # type: ignore[arg-type]

    return _SLOT.sub(fill, body)


@lru_cache(maxsize=2)
def _markdown_html(source: str, filters: tuple[str, ...], key: str) -> str:
    """pandoc's HTML of the Markdown ``source`` through ``filters`` (``key``: their contents' hash)."""
    args = ["-f", MARKDOWN_FORMAT, "-t", "html5", "--wrap=none"]
    for lua in filters:
        args += ["--lua-filter", lua]
    return _tools.pandoc(args, source)


def with_images(body: str, files: Mapping[str, str]) -> str:
    """Replace symbolic figure sources by ``figures/<file>`` (``files``: figure id -> file name; the
    PDF's images; the HTML's are placed by :func:`lkjip.render._web.figures`)."""
    def src(m: re.Match[str]) -> str:
        return f'src="figures/{files[html.unescape(m.group(1))]}"'

    return re.sub(rf'src="{re.escape(FIG_SRC)}([^"]+)"', src, body)
