"""The benchmark's *floor*: the work a render cannot avoid, in one Python process.

Imports what the chapters import, runs every chapter notebook's code cells in this process (so every
table and chart of the report is built through the library exactly as in a render, but with no
kernel and no repeated imports), then assembles the HTML and PDF with the same pandoc + typst
engine. Usage: ``python bench/floor.py DATA_ROOT YEAR OUT_DIR [PARTS.pickle]`` (the last: where to
save the finished parts for ``bench/limit.py``).
"""
from __future__ import annotations

import os
import pickle
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(data_root: str, year: str, out_dir: str, parts_file: str | None = None) -> None:
    import nbformat

    import lkjip.present.display as display
    from lkjip import __version__
    from lkjip.load import load_year
    from lkjip.render import _pandoc_engine
    from lkjip.render._numbering import number_captions
    from lkjip.render._parts import Markdown, notebook_cells
    from lkjip.render._provenance import provenance_markdown
    from lkjip.report import metadata

    from lkjip.render._inprocess import settle

    settle()  # as a render does before its first chapter (imports, then gc.freeze)
    outputs: list[dict] = []
    display._publish = lambda data, meta: outputs.append(  # capture instead of a kernel's display
        {"output_type": "display_data", "data": data, "metadata": {display.METADATA_KEY: meta}})
    parts = []
    for nb_path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        nb = nbformat.read(str(nb_path), as_version=4)
        namespace: dict = {}
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            if "parameters" in cell.metadata.get("tags", []):
                namespace.update(year=int(year), data_dir=data_root)
                continue
            outputs.clear()
            exec(compile(cell.source, str(nb_path), "exec"), namespace)  # noqa: S102 - our own notebooks
            cell.outputs = [nbformat.from_dict(o) for o in outputs]
        # Markdown cells and outputs, as a render reads them (held in memory, as lkjip preview does)
        parts += [part for _, cell_parts in notebook_cells(nb, nb_path.name) for part in cell_parts]
    parts = number_captions(parts)
    data = load_year(Path(data_root) / year)
    parts.append(Markdown(provenance_markdown(data.berkas_masukan(), Path(data_root), version=__version__,
                                              engine=_pandoc_engine.engine_label())))
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    meta = metadata(data)
    with tempfile.TemporaryDirectory() as work:
        _pandoc_engine.render(parts, out, Path(work), year=int(year), metadata=meta, version=__version__, logo=None)
    if parts_file:
        Path(parts_file).write_bytes(pickle.dumps({"parts": parts, "metadata": meta, "year": int(year)}))


if __name__ == "__main__":
    main(*sys.argv[1:5])
    sys.stdout.flush()
    os._exit(0)  # as the lkjip command leaves (lkjip.cli.run): no interpreter teardown
