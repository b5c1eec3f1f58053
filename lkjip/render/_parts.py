"""Read an executed chapter notebook into an ordered list of report parts.

Cells are read in order:

* a Markdown cell is report text; ``{{ name }}`` placeholders are filled (escaped) from the values
  the chapter recorded with :func:`lkjip.notebook.buka`;
* a code cell contributes its outputs that follow the display contract of
  :mod:`lkjip.present.display` (metadata ``{"lkjip": ...}``), in order;
* Quarto cell options at the top of a code cell (``#| label: tbl-...``, ``#| tbl-cap:``,
  ``#| fig-cap:``, ``#| fig-alt:``) give the cell's table or figure its id, caption and alt text (an
  option wins over the library's), and make a plain output a report part: a DataFrame, GT or
  matplotlib result (displayed through :mod:`lkjip.notebook`), or a bare ``image/png`` or HTML table;
* a cell tagged ``remove-cell`` (Quarto's and Jupyter Book's tag) is skipped: notes about the notebook.

Streams, errors and untitled exploration outputs (a DataFrame shown without options) are not report
content.
"""
from __future__ import annotations

import base64
import dataclasses
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Union

import nbformat
import yaml

from ..errors import RenderError
from ..notebook import CONTEXT_KIND, fill_placeholders
from ..present.display import METADATA_KEY

REMOVE_TAG = "remove-cell"
_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")


@dataclass(frozen=True)
class Markdown:
    text: str


@dataclass(frozen=True)
class Table:
    html: str
    caption: str
    id: str
    wide: bool = False
    csv: str | None = None  # the data behind the table, offered for download in the HTML


@dataclass(frozen=True)
class Figure:
    png: bytes  # b"" when the figure came as SVG only (the library's charts)
    caption: str
    id: str
    alt: str
    wide: bool = False
    width_cm: float | None = None
    svg: str | None = None  # the web's vector copy
    height_cm: float | None = None
    text_min_pt: float | None = None  # smallest text in the figure (points at width_cm)

    def file(self) -> tuple[str, bytes]:
        """``(file name, bytes)`` of the figure in the HTML and the PDF: the SVG (vector), else the PNG."""
        if self.svg:
            return f"{self.id}.svg", self.svg.encode("utf-8")
        return f"{self.id}.png", self.png


@dataclass(frozen=True)
class Signature:
    parties: list[dict[str, str]] = field(default_factory=list)


Part = Union[Markdown, Table, Figure, Signature]


def _text(value: object) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def part_of_output(output: dict, *, plain: bool = False) -> Part | None:
    """The report part of one output (``None`` when it is not report content).

    ``plain``: also accept outputs without lkjip metadata (a cell with caption options): a PNG
    becomes a figure, an HTML ``<table>`` a table; their caption and id come from the options."""
    if output.get("output_type") not in ("display_data", "execute_result"):
        return None
    data = output.get("data", {})
    meta = (output.get("metadata") or {}).get(METADATA_KEY)
    if meta is None:
        if not plain:
            return None
        if "image/png" in data:
            return Figure(base64.b64decode(_text(data["image/png"])), "", "", "")
        if "<table" in _text(data.get("text/html", "")):
            return Table(_text(data["text/html"]), "", "")
        return None
    kind = meta.get("kind")
    if kind == "table" and "text/html" in data:
        return Table(_text(data["text/html"]), str(meta.get("caption", "")), str(meta.get("id", "")),
                     bool(meta.get("wide")), meta.get("csv"))
    if kind == "figure" and ("image/png" in data or "image/svg+xml" in data):
        png = base64.b64decode(_text(data["image/png"])) if "image/png" in data else b""
        width, height, small = meta.get("width_cm"), meta.get("height_cm"), meta.get("text_min_pt")
        svg = data.get("image/svg+xml")
        return Figure(png, str(meta.get("caption", "")), str(meta.get("id", "")), str(meta.get("alt", "")),
                      bool(meta.get("wide")), float(width) if width else None, _text(svg) if svg else None,
                      float(height) if height else None, float(small) if small else None)
    if kind == "signature":
        return Signature([{k: str(v) for k, v in p.items()} for p in meta.get("parties", [])])
    if "text/markdown" in data:
        return Markdown(_text(data["text/markdown"]))
    return None


def cell_options(source: str) -> dict[str, object]:
    """The Quarto cell options of a code cell: its leading ``#|`` lines read as YAML."""
    lines = []
    for line in source.splitlines():
        if not line.startswith("#|"):
            break
        lines.append(line[2:].removeprefix(" "))
    if not lines:
        return {}
    try:
        options = yaml.safe_load("\n".join(lines))
    except yaml.YAMLError as exc:
        raise ValueError(f"opsi sel (baris '#|') bukan YAML yang sah: {exc}") from exc
    if not isinstance(options, dict):
        raise ValueError("opsi sel (baris '#|') harus berbentuk 'kunci: nilai'")
    return options


def check_label(options: dict[str, object]) -> str:
    """The cell's ``label`` ("" when none); :class:`ValueError` unless it is ``tbl-...``/``fig-...``."""
    label = str(options.get("label") or "")
    if label and not (label.startswith(("tbl-", "fig-")) and _ID.fullmatch(label)):
        raise ValueError(f"label '{label}' tidak sah: awali dengan 'tbl-' (tabel) atau 'fig-' (gambar), lalu "
                         "huruf, angka, '-' atau '_'")
    return label


def _apply_options(parts: list[Part], options: dict[str, object], default_id: str) -> list[Part]:
    """Give the cell's one table/figure the id, caption and alt text of its options; drop untitled
    tables/figures (exploration output)."""
    label = check_label(options)
    for cls, prefix, cap_key in ((Table, "tbl", "tbl-cap"), (Figure, "fig", "fig-cap")):
        mine = [i for i, p in enumerate(parts) if isinstance(p, cls)]
        labelled = label.startswith(prefix + "-")
        caption = options.get(cap_key)
        if not (labelled or caption is not None or (cls is Figure and "fig-alt" in options)):
            continue
        if caption is not None and not mine:
            raise ValueError(f"opsi '{cap_key}' ada, tetapi sel ini tidak menampilkan "
                             + ("tabel: akhiri sel dengan DataFrame atau GT" if cls is Table else
                                "gambar: akhiri sel dengan fig atau plt.gca() (plt.show() tidak menampilkan "
                                "apa pun saat laporan dibuat)"))
        if len(mine) > 1:
            raise ValueError(f"sel ini menampilkan {len(mine)} {'tabel' if cls is Table else 'gambar'}, tetapi "
                             f"opsi '{label or cap_key}' hanya untuk satu; buat satu sel per "
                             f"{'tabel' if cls is Table else 'gambar'}")
        for i in mine:
            part = parts[i]
            changes: dict[str, object] = {}
            if caption is not None:
                changes["caption"] = " ".join(str(caption).split())
            if labelled:
                changes["id"] = label
            elif not part.id:  # type: ignore[union-attr]
                changes["id"] = f"{prefix}-{default_id}"
            if cls is Figure:
                alt = options.get("fig-alt")
                if alt is not None:
                    changes["alt"] = " ".join(str(alt).split())
                elif not part.alt:  # type: ignore[union-attr]
                    changes["alt"] = str(changes.get("caption", part.caption))  # type: ignore[union-attr]
            parts[i] = dataclasses.replace(part, **changes)  # type: ignore[arg-type]
    return [p for p in parts if not (isinstance(p, (Table, Figure)) and not p.caption and not p.id)]


def chapter_cells(notebook: Path) -> list[tuple[int, list[Part]]]:
    """``(cell index, report parts of that cell)`` for every cell of an executed chapter notebook
    that is report content, in order (see the module docstring). Raises :class:`RenderError`
    naming the notebook and cell when a placeholder or a cell option is wrong."""
    notebook = Path(notebook)
    return notebook_cells(nbformat.read(str(notebook), as_version=4), notebook.name)


def notebook_cells(nb: nbformat.NotebookNode, name: str) -> list[tuple[int, list[Part]]]:
    """:func:`chapter_cells` of a notebook held in memory (``lkjip preview`` executes chapters in
    its own process and reads their parts the same way); ``name``: the chapter's file name."""
    stem = Path(name).stem
    values: dict[str, str] = {}
    out: list[tuple[int, list[Part]]] = []
    for index, cell in enumerate(nb.cells):
        if REMOVE_TAG in (cell.get("metadata", {}).get("tags") or []):
            continue
        try:
            if cell.cell_type == "markdown":
                text = fill_placeholders(cell.source, values)
                if text.strip():
                    out.append((index, [Markdown(text)]))
                continue
            if cell.cell_type != "code":
                continue
            options = cell_options(cell.source)
            parts: list[Part] = []
            for output in cell.get("outputs", []):
                meta = (output.get("metadata") or {}).get(METADATA_KEY) or {}
                if meta.get("kind") == CONTEXT_KIND:
                    values.update({str(k): str(v) for k, v in (meta.get("values") or {}).items()})
                    continue
                part = part_of_output(output, plain=bool(options))
                if part is not None:
                    parts.append(part)
            parts = _apply_options(parts, options, f"{stem}-{index + 1}")
        except ValueError as exc:
            raise RenderError(f"Bab '{name}', sel {index + 1}: {exc}") from exc
        if parts:
            out.append((index, parts))
    return out


def read_parts(notebook: Path) -> list[Part]:
    """The report parts of an executed chapter notebook, in order (see :func:`chapter_cells`)."""
    return [part for _, parts in chapter_cells(notebook) for part in parts]
