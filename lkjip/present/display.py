"""The display contract between chapter notebooks and the renderer (:mod:`lkjip.render`).

The renderer reads an executed chapter notebook cell by cell (:mod:`lkjip.render._parts`): its
Markdown cells are report text, and its code cells contribute what they display through these
functions, in order:

* :func:`show_md` — Markdown text (``text/markdown``). ``#`` headings are chapters (BAB), ``##``
  sections. A chapter heading may carry pandoc attributes: ``# BAB I PENDAHULUAN {#bab-1}``; front
  matter chapters use ``{.unnumbered .front}``. Raw HTML is never interpreted by the renderer (it
  shows as text), and data strings should go through :func:`md_escape` so that ``*``, ``_``, ``[``
  ... typed into a data file do not turn into formatting.
* :func:`show_table` — a great-tables HTML table with its caption and id (metadata ``lkjip``).
* :func:`show_figure` — a matplotlib figure as a reproducible SVG with caption, id and alt text.
* :func:`show_signature` / :func:`show_signature_pair` — signature blocks.

Captions and alt texts are plain text (the renderer escapes them). Signature lines are inline
Markdown, like :func:`show_md` (escape data with :func:`md_escape`).

Every output carries ``metadata={"lkjip": {"kind": ...}}``. Streams are ignored; a DataFrame, GT or
matplotlib result becomes a table or figure only in a cell with Quarto cell options (``#| label:``,
``#| tbl-cap:``, ``#| fig-cap:``; see :mod:`lkjip.notebook`), which also override the caption and id
given here. A Markdown cell tagged ``remove-cell`` documents the notebook and is not report text.
"""
from __future__ import annotations

import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from ..fmt import esc

METADATA_KEY = "lkjip"
#: Escape a data string for Markdown (:func:`lkjip.fmt.esc`, the one escaper of the project).
md_escape = esc


def _publish(data: dict[str, Any], meta: dict[str, Any]) -> None:
    from IPython.display import display

    display(data, raw=True, metadata={METADATA_KEY: meta})


def show_md(text: str) -> None:
    """Display Markdown (report text). Headings: ``#`` chapter, ``##`` section, ``###`` subsection."""
    _publish({"text/markdown": str(text)}, {"kind": "markdown"})


def show_table(html: str, caption: str, *, id: str, wide: bool = False, data: Any = None,
               csv: str | None = None) -> None:
    """Display a great-tables table (``GT(..., id=id).as_raw_html()``) with its caption.

    ``caption`` is plain text (e.g. ``"Tabel 2.1 Rencana Kinerja Tahunan"``); ``wide=True`` puts the
    table on a landscape page in the PDF (it always scrolls sideways in HTML when too wide).
    ``data``: the DataFrame behind the table (Indonesian headers); the HTML offers it for download as
    CSV and XLSX (``csv``: its :func:`table_csv`, when already made).
    """
    _check_id(id)
    meta: dict[str, Any] = {"kind": "table", "caption": str(caption), "id": id, "wide": bool(wide)}
    if csv is not None:
        meta["csv"] = csv
    elif data is not None:
        meta["csv"] = table_csv(data)
    _publish({"text/html": html}, meta)


def table_csv(frame: Any) -> str:
    """The data behind a table as CSV text: numbers as numbers (display text read back, and kept in
    its own column where a column mixes numbers and words: :func:`lkjip.present.tidy.open_frame`)
    with a decimal point, rounded to the report's two decimals, empty cells for missing values."""
    from ..spreadsheet import rounded
    from .tidy import open_frame

    return rounded(open_frame(frame)).to_csv(index=False, lineterminator="\n")


def figure_svg(fig: Any) -> str:
    """The figure as SVG for the web (vector: sharp at any zoom), reproducible: no date, fixed ids,
    text as paths so it looks the same without the font installed."""
    import matplotlib

    buf = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": "lkjip", "svg.fonttype": "path"}):
        fig.savefig(buf, format="svg", metadata={"Date": None}, facecolor="white")
    return buf.getvalue()


def smallest_text_pt(fig: Any) -> float | None:
    """The size (points) of the smallest visible text of a figure: how far the web page may shrink it."""
    from matplotlib.text import Text

    sizes = [t.get_fontsize() for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]
    return round(min(sizes), 2) if sizes else None


def show_figure(fig: Any, caption: str, *, id: str, alt: str, wide: bool = False) -> None:
    """Display a matplotlib figure as a captioned report figure.

    ``alt`` describes the figure for screen readers (plain text); ``wide=True`` asks for a
    landscape page in the PDF. The figure is kept as one SVG (:func:`figure_svg`: vector, sharp on
    paper and at any zoom, no timestamps) for both the web and the PDF, with the size of its
    smallest text, so that the HTML never shows a label too small to read on a phone.
    """
    _check_id(id)
    publish_figure(fig, caption, id=id, alt=alt, wide=wide)


def publish_figure(fig: Any, caption: str = "", *, id: str = "", alt: str = "", wide: bool = False) -> None:
    """:func:`show_figure` without the id check: an untitled figure takes its caption and id from
    the cell's options (:mod:`lkjip.render._parts`)."""
    width_in, height_in = (float(v) for v in fig.get_size_inches())
    clean = untouched(fig)
    svg = getattr(fig, "lkjip_svg", None) if clean else None  # shown before, unchanged since
    if svg is None:
        fig.lkjip_menyimpan = True  # saving is not a change (see watch)
        try:
            with _layout_once(fig):
                svg = figure_svg(fig)
        finally:
            fig.lkjip_menyimpan = False
        fig.stale = False  # saving set its colours back (marking it changed); it is as it was drawn
        if clean:
            fig.lkjip_svg = svg
    meta = {"kind": "figure", "caption": str(caption), "id": id, "alt": str(alt), "wide": bool(wide),
            "width_cm": round(width_in * 2.54, 2), "height_cm": round(height_in * 2.54, 2),
            "text_min_pt": smallest_text_pt(fig)}
    _publish({"image/svg+xml": svg, "text/plain": f"<Gambar: {caption}>"}, meta)


def watch(fig: Any) -> None:
    """Notice every change made to ``fig`` from now on (a library chart, just laid out): matplotlib
    marks a changed artist stale up to its figure, whose callback records it, even when the figure
    is drawn again afterwards. Only a watched figure that nobody changed (:func:`untouched`) keeps its
    SVG for the next time it is shown, or is handed out again by the charts (lkjip preview)."""
    def changed(artist: Any, stale: bool) -> None:
        if stale and not getattr(fig, "lkjip_menyimpan", False):
            fig.lkjip_diubah = True

    fig.stale_callback = changed
    fig.lkjip_dipantau = True


def untouched(fig: Any) -> bool:
    """Whether ``fig`` is watched (:func:`watch`) and unchanged since."""
    return bool(getattr(fig, "lkjip_dipantau", False)) and not fig.stale and not getattr(fig, "lkjip_diubah", False)


@contextmanager
def _layout_once(fig: Any) -> Iterator[None]:
    """Save the figure with the layout it has (the library's charts arrive laid out), laying it out
    only when it changed since: its layout engine is switched off inside the block and restored after."""
    engine = fig.get_layout_engine()
    if engine is None:
        yield
        return
    if fig.stale:  # changed since it was last laid out (the library's charts arrive laid out)
        lay_out(fig)
    import matplotlib

    # no engine at all (not even matplotlib's "none" placeholder): with one, savefig draws the whole
    # figure once more before drawing it into the file
    with matplotlib.rc_context({"figure.autolayout": False, "figure.constrained_layout.use": False}):
        fig.set_layout_engine(None)
    try:
        yield
    finally:
        fig.set_layout_engine(engine)


def lay_out(fig: Any) -> None:
    """Place the axes of ``fig`` with its layout engine (e.g. constrained layout), without drawing the
    figure: the first step of matplotlib's ``Figure.draw``, which then draws every artist (with the
    output switched off in ``draw_without_rendering``), work that saving the figure does again. A
    figure without an engine whose axes show ticks is drawn that way, so that its ticks are made now
    (under the rc settings in force). The figure counts as laid out (not stale) after."""
    engine = fig.get_layout_engine()
    if engine is None:
        if any(ax.axison for ax in fig.axes):
            fig.draw_without_rendering()
    elif fig.axes:
        try:
            engine.execute(fig)
        except ValueError:  # as in Figure.draw: a layout that cannot be made leaves the axes as they are
            pass
    fig.stale = False


def show_signature(place_date: str, role: str, name: str) -> None:
    """Display a right-aligned signature block: place and date, role, space to sign, name.

    The three lines are inline Markdown (escape data strings with :func:`md_escape`).
    """
    _signature([{"place_date": place_date, "role": role, "name": name}])


def show_signature_pair(place_date: str, left_role: str, left_name: str, right_role: str,
                        right_name: str) -> None:
    """Display a two-party signature block (e.g. Perjanjian Kinerja): left and right party side by
    side; ``place_date`` stands above the right party. Lines are inline Markdown."""
    _signature([{"place_date": "", "role": left_role, "name": left_name},
                {"place_date": place_date, "role": right_role, "name": right_name}])


def _signature(parties: list[dict[str, str]]) -> None:
    clean = [{k: " ".join(str(v).split()) for k, v in p.items()} for p in parties]
    preview = "\n\n".join(f"{p['place_date']}\n\n{p['role']}\n\n\n\n**{p['name']}**" for p in clean)
    _publish({"text/markdown": preview}, {"kind": "signature", "parties": clean})


def _check_id(id: str) -> None:
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", id or ""):
        raise ValueError(f"id tabel/gambar tidak sah: {id!r} (huruf, angka, '-' atau '_', diawali huruf)")


def show_files_read() -> None:
    """Report the input files this kernel read (``kind: deps``; not report content).

    The renderer appends a cell calling this to each chapter it executes, so that its cache can
    re-execute a chapter only when one of these files changed.
    """
    from ..load import files_read

    files = files_read()
    _publish({"text/plain": f"<berkas dibaca: {len(files)}>"}, {"kind": "deps", "files": files})
