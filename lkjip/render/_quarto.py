"""The Quarto engine (``--engine quarto``): the same report through Quarto.

The executed chapters are merged into one notebook, ``lkjip-<TAHUN>.ipynb``, that Quarto renders to
HTML and typst/PDF without executing it. The notebook already holds the report as our own engine
reads it (:func:`lkjip.render._parts.chapter_cells`): Markdown cells with their placeholders filled,
numbered captions, and code cells reduced to their report outputs (cell options removed, so
Quarto's own cross-references do not number a second time). Its look is ours:

* PDF: our typst template (``lkjip/templates/lkjip.typ``) through Quarto's ``template-partials``
  (:func:`typst_partials`): styles, cover and page setup (roman front matter); our typst filter
  adds the lists, landscape tables and signature blocks, exactly as in the pandoc engine.
* HTML: our stylesheet (``lkjip.css``) and HTML filter (table wrappers, Daftar Tabel/Gambar).

The project is written from the root ``_quarto.yml`` (project type ``default``; formats may be
tuned there) with ``render``, the partials, filters and stylesheet filled in.
"""
from __future__ import annotations

import copy
import re
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import nbformat
import yaml

from ..errors import RenderError
from . import _tools
from ._assemble import MARKDOWN_FORMAT, signature_markdown, table_html
from ._numbering import Numbering
from ._parts import Figure, Markdown, Part, Signature, Table, chapter_cells

PARTIALS = ("typst-template.typ", "typst-show.typ")
CELLS_FILTER = "lkjip-sel.lua"
_CELLS_LUA = """-- lkjip (written by lkjip.render._quarto): a notebook cell is not a container in the report, so that
-- a chapter heading may start a page and a wide table may turn one, as in the pandoc engine.
local CELL = {cell = true, ["cell-output"] = true, ["cell-output-display"] = true, markdown = true}

function Div(div)
  for _, class in ipairs(div.classes) do
    if CELL[class] then return div.content end
  end
end
"""
DEFAULT_CONFIG: dict[str, Any] = {
    "project": {"type": "default", "output-dir": "_keluaran"},
    "lang": "id",
    "execute": {"enabled": False, "echo": False, "warning": False},
    "format": {"html": {"toc": True, "toc-depth": 2, "embed-resources": True},
               "typst": {"papersize": "a4", "toc": False, "section-numbering": None}},
}
_INPUTS = re.compile(r'^#let inp\(key\) = sys\.inputs\.at\(key, default: ""\)$', re.M)


def load_template(path: Path | None) -> dict[str, Any]:
    """The root ``_quarto.yml`` (or a built-in equivalent when it is missing)."""
    if path and path.is_file():
        return yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return copy.deepcopy(DEFAULT_CONFIG)


def _typst_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def typst_partials(inputs: Mapping[str, str]) -> dict[str, str]:
    """Our typst template as Quarto's two partials: ``typst-template.typ`` defines ``inp()`` over the
    cover strings (which our engine passes as ``sys.inputs``) as typst string literals, text never
    markup; ``typst-show.typ`` is the rest of ``lkjip.typ`` up to ``$body$``: styles, signature and
    list functions, cover, page setup."""
    source = _tools.template("lkjip.typ").read_text(encoding="utf-8")
    if "$body$" not in source or not _INPUTS.search(source):
        raise RenderError("Templat typst lkjip.typ tidak dapat dipakai sebagai partial Quarto (baris "
                          "'#let inp(key) = sys.inputs.at(key, default: \"\")' atau '$body$' tidak ada).")
    values = ", ".join(f"{_typst_string(k)}: {_typst_string(v)}" for k, v in sorted(inputs.items()))
    template = ("// lkjip: the cover strings of this report (Quarto partial; written by lkjip)\n"
                f"#let lkjip-inputs = ({values}{',' if len(inputs) == 1 else ''})\n"
                '#let inp(key) = lkjip-inputs.at(key, default: "")\n')
    show = _INPUTS.sub("", source.split("$body$")[0])
    # Quarto's template is itself a pandoc template: a literal dollar must be written $$
    return {"typst-template.typ": template.replace("$", "$$"), "typst-show.typ": show.replace("$", "$$")}


def _safe_markdown(texts: Sequence[str]) -> list[str]:
    """Markdown normalised by pandoc as our engine reads it (raw HTML off): ``<b>`` typed into prose
    stays text in Quarto too. One pandoc run for all texts."""
    if not texts:
        return []
    joined = "\n\n".join(f"::: {{#lkjip-bagian-{i}}}\n{t.strip()}\n:::" for i, t in enumerate(texts))
    out = _tools.pandoc(["-f", MARKDOWN_FORMAT, "-t", "markdown-raw_html-raw_attribute", "--wrap=none"], joined)
    found = {int(m.group(2)): m.group(3).strip() for m in  # the fence closing a part has as many colons
             re.finditer(r"^(:{3,}) \{#lkjip-bagian-(\d+)\}\n(.*?)\n\1$", out, flags=re.M | re.S)}
    return [found.get(i, "") for i in range(len(texts))]


def _output(part: Part, fig_dir: Path) -> dict[str, Any]:
    if isinstance(part, Table):
        # a table id starting with "tbl-" would be a Quarto cross-reference, numbered a second time
        table = re.sub(r'^<table id="tbl-', '<table id="lkjip-tbl-', table_html(part), count=1)
        return nbformat.v4.new_output("display_data", data={"text/html": table})
    if isinstance(part, Figure):
        fig_dir.mkdir(parents=True, exist_ok=True)
        name, payload = part.file()
        (fig_dir / name).write_bytes(payload)
        alt = part.alt.replace('"', "'").replace("\\", "/")
        caption = re.sub(r"([\\`*_{}\[\]<>()#!|~$^])", r"\\\1", part.caption)
        md = f'![{caption}]({fig_dir.name}/{name}){{fig-alt="{alt}"}}'
        return nbformat.v4.new_output("display_data", data={"text/markdown": md})
    if isinstance(part, Signature):
        return nbformat.v4.new_output("display_data", data={"text/markdown": signature_markdown(part)})
    raise TypeError(type(part).__name__)


def report_notebook(notebooks: Sequence[Path], target: Path, provenance_md: str) -> Path:
    """The executed chapters as one notebook (see the module docstring): each Markdown part a Markdown
    cell, each table, figure or signature a code cell without source holding that one output."""
    numbering = Numbering()
    parts = [numbering.apply(p) for nb in notebooks for _, cell in chapter_cells(Path(nb)) for p in cell]
    parts.append(Markdown(provenance_md))
    safe = iter(_safe_markdown([p.text for p in parts if isinstance(p, Markdown)]))
    fig_dir = target.parent / "figures"
    cells = [nbformat.v4.new_markdown_cell(next(safe)) if isinstance(p, Markdown)
             else nbformat.v4.new_code_cell("", outputs=[_output(p, fig_dir)]) for p in parts]
    for i, cell in enumerate(cells):
        cell.id = f"bagian-{i}"  # stable ids: the same report gives the same notebook
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, str(target))
    return target


def write_quarto_project(folder: Path, notebooks: Sequence[Path], *, year: int, metadata: Mapping[str, str],
                         provenance_md: str, template: Path | None = None, logo: Path | None = None) -> Path:
    """Write the Quarto project into ``folder`` and return its ``_quarto.yml``: the report notebook
    ``lkjip-<year>.ipynb``, our typst partials, filters and stylesheet (see the module docstring)."""
    folder.mkdir(parents=True, exist_ok=True)
    name = f"lkjip-{year}"
    report_notebook(notebooks, folder / f"{name}.ipynb", provenance_md)
    inputs = {k: str(metadata.get(k, "")) for k in
              ("title", "subtitle", "unit", "kabupaten", "year", "author", "date", "address", "motto", "status")}
    inputs["year"] = inputs["year"] or str(year)
    if logo:
        shutil.copyfile(logo, folder / f"logo{logo.suffix.lower()}")
        inputs["logo"] = f"logo{logo.suffix.lower()}"
    for partial, text in typst_partials(inputs).items():
        (folder / partial).write_text(text, encoding="utf-8")
    for asset in ("lkjip.css", "html.lua", "typst.lua"):
        shutil.copyfile(_tools.template(asset), folder / asset)
    (folder / CELLS_FILTER).write_text(_CELLS_LUA, encoding="utf-8")

    config = load_template(template)
    config.setdefault("project", {})
    config["project"]["type"] = "default"
    config["project"].setdefault("output-dir", "_keluaran")
    config["project"]["render"] = [f"{name}.ipynb"]
    config.pop("book", None)
    config["lang"] = "id"
    config["title"] = " ".join(inputs[k] for k in ("title", "unit") if inputs[k]) or "LKjIP"
    for key in ("subtitle", "author", "date"):
        if inputs.get(key):
            config[key] = inputs[key]
    execute = config.setdefault("execute", {})
    execute.update({"enabled": False, "echo": False})
    formats = config.setdefault("format", {})
    html = formats.setdefault("html", {}) or {}
    html.update({"css": ["lkjip.css"], "filters": [CELLS_FILTER, "html.lua"], "output-file": f"{name}.html",
                 "lang": "id"})
    typst = formats.setdefault("typst", {}) or {}
    typst.update({"template-partials": list(PARTIALS), "filters": [CELLS_FILTER, "typst.lua"], "output-file": f"{name}.pdf",
                  "papersize": "a4", "toc": False, "lof": False, "lot": False})
    formats["html"], formats["typst"] = html, typst
    target = folder / "_quarto.yml"
    target.write_text("# Written by lkjip (--engine quarto) from the root _quarto.yml; do not edit.\n"
                      + yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def run_quarto(folder: Path, staging: Path, year: int) -> tuple[Path, Path]:
    """``quarto render`` the project; copy the HTML and the PDF into ``staging``."""
    exe = _tools.quarto_path()
    if not exe:
        raise RenderError("Quarto tidak ditemukan di PATH. Pasang Quarto (https://quarto.org) atau gunakan "
                          "'--engine pandoc'.")
    proc = subprocess.run([exe, "render"], cwd=folder, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RenderError(f"quarto render gagal (kode {proc.returncode}) di {folder}:\n{proc.stderr[-3000:]}")
    config = yaml.safe_load((folder / "_quarto.yml").read_text(encoding="utf-8"))
    out_dir = folder / str(config.get("project", {}).get("output-dir", "_keluaran"))
    made = []
    for suffix in ("html", "pdf"):
        found = out_dir / f"lkjip-{year}.{suffix}"
        if not found.is_file():
            raise RenderError(f"Quarto tidak menghasilkan {found}.")
        shutil.copyfile(found, staging / found.name)
        made.append(staging / found.name)
    return made[0], made[1]
