"""The Quarto engine: a standard Quarto book project over the executed notebooks.

Used when ``quarto`` is on PATH (engine ``auto``) or asked for (``quarto``). Kept thin: the
project is the root ``_quarto.yml`` with chapters filled in; Quarto does the rest.
"""
from __future__ import annotations

import copy
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import nbformat
import yaml

from ..errors import RenderError
from . import _tools
from ._assemble import signature_markdown, table_html
from ._numbering import Numbering
from ._parts import Figure, Signature, Table, part_of_output

DEFAULT_CONFIG: dict[str, Any] = {
    "project": {"type": "book", "output-dir": "_book"},
    "lang": "id",
    "book": {"chapters": ["index.qmd"]},
    "execute": {"enabled": False, "echo": False},
    "format": {"html": {"toc": True}, "typst": {"papersize": "a4", "toc": True}},
}
PROVENANCE_FILE = "catatan-asal-data.qmd"


def load_template(path: Path | None) -> dict[str, Any]:
    """The root ``_quarto.yml`` (or a built-in equivalent when it is missing)."""
    if path and path.is_file():
        return yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return copy.deepcopy(DEFAULT_CONFIG)


def _clean_notebook(source: Path, target: Path, numbering: Numbering) -> None:
    """Copy an executed notebook for Quarto: drop Markdown cells (notebook documentation) and turn
    lkjip outputs into what Quarto renders natively (captioned HTML tables, Markdown figures)."""
    nb = nbformat.read(str(source), as_version=4)
    fig_dir = target.parent / "figures"
    cells = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        outputs = []
        for out in cell.get("outputs", []):
            part = part_of_output(out)
            if part is not None:
                part = numbering.apply(part)
            if isinstance(part, Table):
                out = nbformat.v4.new_output("display_data", data={"text/html": table_html(part)})
            elif isinstance(part, Figure):
                fig_dir.mkdir(parents=True, exist_ok=True)
                (fig_dir / f"{part.id}.png").write_bytes(part.png)
                alt = part.alt.replace('"', "'")
                md = f'![{part.caption}](figures/{part.id}.png){{fig-alt="{alt}"}}'
                out = nbformat.v4.new_output("display_data", data={"text/markdown": md})
            elif isinstance(part, Signature):
                out = nbformat.v4.new_output("display_data", data={"text/markdown": signature_markdown(part)})
            elif part is None:
                continue
            outputs.append(out)
        cell.outputs = outputs
        cells.append(cell)
    nb.cells = cells
    nbformat.write(nb, str(target))


def write_quarto_project(folder: Path, notebooks: Sequence[Path], *, year: int, metadata: Mapping[str, str],
                         provenance_md: str, template: Path | None = None) -> Path:
    """Write a Quarto book project into ``folder`` and return its ``_quarto.yml``.

    Chapters: ``index.qmd`` (cover data), every executed notebook in order, the provenance note.
    """
    folder.mkdir(parents=True, exist_ok=True)
    config = load_template(template)
    config["lang"] = "id"
    book = config.setdefault("book", {})
    for key in ("title", "subtitle", "author", "date"):
        if metadata.get(key):
            book[key] = str(metadata[key])
    book["output-file"] = f"lkjip-{year}"
    chapters = ["index.qmd"]
    numbering = Numbering()
    for nb in notebooks:
        _clean_notebook(nb, folder / nb.name, numbering)
        chapters.append(nb.name)
    chapters.append(PROVENANCE_FILE)
    book["chapters"] = chapters
    cover = [f"# {metadata.get('unit', '')} {{.unnumbered}}", "", str(metadata.get("kabupaten", "")), "",
             f"Tahun {metadata.get('year', year)}"]
    (folder / "index.qmd").write_text("\n".join(cover) + "\n", encoding="utf-8")
    (folder / PROVENANCE_FILE).write_text(provenance_md + "\n", encoding="utf-8")
    target = folder / "_quarto.yml"
    target.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def run_quarto(folder: Path, staging: Path, year: int) -> tuple[Path, Path]:
    """``quarto render`` the project; copy the PDF and the HTML book into ``staging``."""
    exe = _tools.quarto_path()
    if not exe:
        raise RenderError("Quarto tidak ditemukan di PATH. Pasang Quarto (https://quarto.org) atau gunakan "
                          "'--engine pandoc'.")
    proc = subprocess.run([exe, "render", "--no-clean"], cwd=folder, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RenderError(f"quarto render gagal (kode {proc.returncode}) di {folder}:\n{proc.stderr[-3000:]}")
    book = folder / "_book"
    pdf = book / f"lkjip-{year}.pdf"
    if not pdf.is_file():
        raise RenderError(f"Quarto tidak menghasilkan {pdf}.")
    site = staging / f"lkjip-{year}-html"
    shutil.copytree(book, site, ignore=shutil.ignore_patterns("*.pdf"))
    shutil.copyfile(pdf, staging / pdf.name)
    html = staging / f"lkjip-{year}.html"
    html.write_text(f'<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">'
                    f'<meta http-equiv="refresh" content="0; url={site.name}/index.html"><title>LKjIP {year}'
                    f'</title></head><body><a href="{site.name}/index.html">LKjIP {year}</a></body></html>\n',
                    encoding="utf-8")
    return html, staging / pdf.name
