"""Read the display outputs of executed notebooks into an ordered list of report parts."""
from __future__ import annotations

import base64
from dataclasses import dataclass, field
from pathlib import Path
from typing import Union

import nbformat

from ..present.display import METADATA_KEY


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
    png: bytes
    caption: str
    id: str
    alt: str
    wide: bool = False
    width_cm: float | None = None
    svg: str | None = None  # the web's vector copy
    height_cm: float | None = None
    text_min_pt: float | None = None  # smallest text in the figure (points at width_cm)


@dataclass(frozen=True)
class Signature:
    parties: list[dict[str, str]] = field(default_factory=list)


Part = Union[Markdown, Table, Figure, Signature]


def _text(value: object) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def part_of_output(output: dict) -> Part | None:
    if output.get("output_type") not in ("display_data", "execute_result"):
        return None
    data = output.get("data", {})
    meta = (output.get("metadata") or {}).get(METADATA_KEY) or {}
    kind = meta.get("kind")
    if kind == "table" and "text/html" in data:
        return Table(_text(data["text/html"]), str(meta.get("caption", "")), str(meta.get("id", "")),
                     bool(meta.get("wide")), meta.get("csv"))
    if kind == "figure" and "image/png" in data:
        png = base64.b64decode(_text(data["image/png"]))
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


def read_parts(notebook: Path) -> list[Part]:
    """The report parts displayed by the code cells of an executed notebook, in order.

    Markdown cells, streams and outputs outside the display contract are ignored.
    """
    nb = nbformat.read(str(notebook), as_version=4)
    parts: list[Part] = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for output in cell.get("outputs", []):
            part = part_of_output(output)
            if part is not None:
                parts.append(part)
    return parts
