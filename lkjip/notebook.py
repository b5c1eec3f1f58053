"""What a chapter notebook needs to run anywhere and to be extended by an analyst.

A chapter notebook starts with::

    year = 2024
    data_dir = None   # parameters cell: None = data/ of the project holding this notebook

    from lkjip.notebook import buka
    data = buka(year, data_dir)

:func:`buka` ("open") finds the project (:func:`project_root`: ``LKJIP_ROOT``; else the notebook's
folder when Jupyter/VS Code tell the kernel, or the working folder, and their parents; else the
project of an editable lkjip install, so that ``papermill`` run from any folder works), loads the
year strictly, and prepares the kernel so that a cell's result
becomes a report table or figure when the cell carries Quarto cell options:

* a :class:`pandas.DataFrame` -> a table in the report's style (Indonesian numbers, missing values
  as ``BELUM DIISI``), its data downloadable as CSV/XLSX;
* a great-tables ``GT`` -> that table, its data downloadable;
* a matplotlib ``Figure`` or ``Axes`` (``plt.gca()``) -> a reproducible SVG figure;
* a library table or chart (``T.tbl_rkt(data)``, ``C.chart_pegawai(data)``) -> itself, captioned.

It also records the values of the ``{{ opd }}``-style placeholders that Markdown cells may use
(:data:`PLACEHOLDER`); the renderer fills them, escaped, so a value is always text, never markup.
"""
from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Any

from ._paths import find_root

CONTEXT_KIND = "konteks"
PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")


def _running_ipython() -> Any:
    """The running IPython shell, or None. Outside IPython (a script, the benchmark's floor) IPython
    is not even imported: a running shell has imported it already."""
    if "IPython" not in sys.modules:
        return None
    from IPython import get_ipython

    return get_ipython()


def notebook_folder() -> Path | None:
    """The folder of the running notebook when the front end tells the kernel (Jupyter Server's
    ``JPY_SESSION_NAME``, VS Code's ``__vsc_ipynb_file__``), else ``None``."""
    candidates = [os.environ.get("JPY_SESSION_NAME", "")]
    shell = _running_ipython()
    if shell is not None:
        candidates.append(str(shell.user_ns.get("__vsc_ipynb_file__", "")))
    for raw in candidates:
        if raw and raw.endswith(".ipynb") and Path(raw).is_file():
            return Path(raw).resolve().parent
    return None


def project_root() -> Path:
    """The project root as seen from a notebook (see the module docstring for the order)."""
    here = notebook_folder()
    root = find_root(here) if here else find_root()
    if _is_project(root):
        return root
    package = Path(__file__).resolve().parent.parent  # an editable install lives in the project
    return package if _is_project(package) else root


def _is_project(folder: Path) -> bool:
    return (folder / "data").is_dir() and (folder / "notebooks").is_dir()


def year_folder(year: int, data_dir: str | Path | None = None) -> Path:
    """``<data_dir>/<year>``; ``data_dir`` relative to the project root, ``None`` = ``data/``."""
    root = project_root()
    base = Path(data_dir) if data_dir else root / "data"
    if not base.is_absolute() and not base.is_dir():
        base = root / base
    return base / str(year)


def buka(year: int, data_dir: str | Path | None = None) -> Any:
    """Load the year's data for a chapter notebook (strict: data errors stop the chapter) and prepare
    the kernel (:func:`pasang_tampilan`, the placeholder values). Returns the
    :class:`~lkjip.load.DataTahun`.

    The placeholders (``{{ tahun }}``, ``{{ opd }}``) are those of the report's year: a chapter that
    also opens another year to compare (``buka(year - 1, data_dir)``) keeps them, because a year
    other than the notebook's ``year`` parameter does not set them."""
    import sys

    from .load import load_year

    data = load_year(year_folder(int(year), data_dir), strict=True)
    pasang_tampilan()
    report_year = str(sys._getframe(1).f_globals.get("year", ""))  # the notebook's parameter, for a cell
    if not report_year.isdigit() or int(report_year) == int(year):
        show_context(data.konteks())
    return data


def show_context(values: dict[str, str]) -> None:
    """Record the placeholder values for the Markdown cells (not report content)."""
    from .present.display import _publish

    clean = {str(k): " ".join(str(v).split()) for k, v in values.items()}
    _publish({"text/plain": "<penanda: " + ", ".join(sorted(clean)) + ">"}, {"kind": CONTEXT_KIND, "values": clean})


def fill_placeholders(text: str, values: dict[str, str]) -> str:
    """``text`` with every ``{{ name }}`` replaced by its value, escaped for Markdown (text, never
    markup). An unknown name raises :class:`ValueError` naming it and the known names."""
    from .present.display import md_escape

    def one(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in values:
            known = ", ".join(sorted(values)) or "(belum ada: sel `data = buka(year, data_dir)` belum dijalankan)"
            raise ValueError(f"Penanda {{{{ {name} }}}} tidak dikenal. "
                             f"Penanda yang tersedia: {known}.")
        return md_escape(values[name])

    return PLACEHOLDER.sub(one, text)


# --- a cell's result as a report table/figure --------------------------------------------------
def tabel_gt(frame: Any) -> Any:
    """A DataFrame as a great-tables ``GT`` in the report's style: Indonesian number formats
    (integers ``1.234``, decimals ``1.234,57``), missing cells ``BELUM DIISI``."""
    import pandas as pd
    from great_tables import GT, loc, style

    from .fmt import KOSONG

    frame = frame.reset_index() if not isinstance(frame.index, pd.RangeIndex) else frame
    frame = frame.rename(columns={c: str(c) for c in frame.columns})
    gt = GT(frame, locale="id")
    ints = [c for c in frame.columns if pd.api.types.is_integer_dtype(frame[c])]
    floats = [c for c in frame.columns if pd.api.types.is_float_dtype(frame[c])]
    if ints:
        gt = gt.fmt_integer(ints, locale="id")
    if floats:
        gt = gt.fmt_number(floats, decimals=2, locale="id")
    gt = gt.sub_missing(missing_text=KOSONG)
    gt = gt.tab_style(style.text(weight="bold"), loc.column_labels())
    return gt.tab_options(table_font_size="13px", table_width="100%")


def _show_frame(frame: Any) -> None:
    _show_gt(tabel_gt(frame), frame)


def _show_gt(gt: Any, frame: Any = None) -> None:
    from .present.display import _publish, table_csv

    data = frame if frame is not None else getattr(gt, "_tbl_data", None)
    meta: dict[str, Any] = {"kind": "table", "caption": "", "id": "", "wide": False}
    if data is not None:
        meta["csv"] = table_csv(data)
    _publish({"text/html": gt.as_raw_html()}, meta)


def _show_matplotlib(obj: Any) -> None:
    from .present.display import publish_figure

    fig = obj if hasattr(obj, "savefig") else obj.get_figure()
    publish_figure(fig)
    try:  # a pyplot figure is shown once (an inline backend would show it again)
        import matplotlib.pyplot as plt

        plt.close(fig)
    except Exception:  # noqa: BLE001 - no pyplot: nothing to close
        pass


def pasang_tampilan() -> None:
    """Register the displays of DataFrame, GT and matplotlib figures/axes in the running IPython
    (nothing outside IPython)."""
    shell = _running_ipython()
    if shell is None:
        return
    import pandas as pd
    from great_tables import GT
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from .present.charts import Chart
    from .present.tables import Tabel

    formatter = shell.display_formatter.ipython_display_formatter
    for cls, fn in ((pd.DataFrame, _show_frame), (GT, _show_gt), (Figure, _show_matplotlib),
                    (Axes, _show_matplotlib), (Tabel, _show_block), (Chart, _show_block)):
        formatter.for_type(cls, fn)


def _show_block(block: Any) -> None:
    """A library table (:class:`~lkjip.present.tables.Tabel`) or chart as the cell's result."""
    from .present.blocks import show

    show([block])


# --- the checker's view of the chapters -----------------------------------------------------------
def periksa_notebook(chapters: list[Path], values: dict[str, str]) -> list[Any]:
    """Findings (``Temuan``) about the chapter notebooks that would stop a render: an unknown
    ``{{ name }}`` in a Markdown cell, cell options that are not YAML, a label that is not
    ``tbl-``/``fig-`` or is used twice.
    ``values``: the placeholder values of the year (``DataTahun.konteks()``)."""
    import nbformat

    from .errors import Temuan
    from .render._parts import REMOVE_TAG, cell_options, check_label

    found = []
    labels: dict[str, str] = {}
    for path in chapters:
        nb = nbformat.read(str(path), as_version=4)
        for index, cell in enumerate(nb.cells, start=1):
            if REMOVE_TAG in (cell.get("metadata", {}).get("tags") or []):
                continue
            where = f"notebooks/{path.name}"
            try:
                if cell.cell_type == "markdown":
                    fill_placeholders(cell.source, values)
                elif cell.cell_type == "code" and (label := check_label(cell_options(cell.source))):
                    if label in labels:
                        raise ValueError(f"label '{label}' sudah dipakai di {labels[label]}; setiap tabel dan "
                                         "gambar perlu label sendiri")
                    labels[label] = f"{path.name} sel {index}"
            except ValueError as exc:
                found.append(Temuan("galat", "notebook", where, f"Sel {index}: {exc}"))
    return found
