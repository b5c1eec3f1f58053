"""great-tables, made faster where it repeats fixed work; the output is unchanged.

Both changes keep what great-tables computes and only drop repeated overhead; each is skipped when
the installed great-tables does not have the piece it replaces (the table is then made the slow
way). ``tests/test_tables_layout.py`` renders every table of two units with and without the
cell accessor change and compares the HTML.
"""
from __future__ import annotations

from typing import Any


def read_locale_files_once() -> None:
    """great-tables reads its locale CSV files again on every ``fmt_*`` call with a locale (hundreds
    of times per report, ~0.3 s); keep each file's rows once per process. The rows are the
    package's own fixed data and great-tables only reads them."""
    try:
        from great_tables import _locale
    except ImportError:  # a great-tables without this module: nothing to speed up
        return
    read = getattr(_locale, "read_csv", None)
    if read is None or getattr(read, "lkjip_once", False):
        return
    rows: dict[str, list[dict[str, Any]]] = {}

    def read_csv(fname: Any) -> list[dict[str, Any]]:
        key = str(fname)
        if key not in rows:
            rows[key] = read(fname)
        return list(rows[key])

    read_csv.lkjip_once = True  # type: ignore[attr-defined]
    _locale.read_csv = read_csv


def scalar_cell_access() -> None:
    """great-tables reads and writes a pandas table one cell at a time (every formatted and every
    escaped cell: thousands per report) with ``DataFrame.iloc``; ``DataFrame.iat`` is pandas'
    accessor for exactly one scalar by position and about eight times faster (~0.3 s a report).
    Same cells, same values: only the accessor differs."""
    import pandas as pd

    try:
        from great_tables import _tbl_data
    except ImportError:
        return
    get, put = getattr(_tbl_data, "_get_cell", None), getattr(_tbl_data, "_set_cell", None)
    if not (hasattr(get, "register") and hasattr(put, "register")) or getattr(put, "lkjip_iat", False):
        return

    def position(data: pd.DataFrame, col: str) -> int:
        where = data.columns.get_loc(col)
        if not isinstance(where, int):
            raise ValueError("Column named " + col + " matches multiple columns.")  # as great-tables says
        return where

    def get_cell(data: pd.DataFrame, row: int, col: str) -> Any:
        return data.iat[row, position(data, col)]

    def set_cell(data: pd.DataFrame, row: int, column: str, value: Any) -> None:
        data.iat[row, position(data, column)] = value

    ORIGINAL.update(get=get.dispatch(pd.DataFrame), put=put.dispatch(pd.DataFrame))  # type: ignore[union-attr]
    get.register(pd.DataFrame)(get_cell)  # type: ignore[union-attr]
    put.register(pd.DataFrame)(set_cell)  # type: ignore[union-attr]
    put.lkjip_iat = True  # type: ignore[union-attr]


ORIGINAL: dict[str, Any] = {}  # great-tables' own cell accessors for pandas (the test compares with them)


def faster() -> None:
    """Both changes above (idempotent)."""
    read_locale_files_once()
    scalar_cell_access()
