"""Budget absorption: realisasi %, sisa, and roll-ups (Permendagri 77/2020, pengelolaan keuangan daerah).

All functions are pure over pandas objects; money is whole Rupiah.
"""
from __future__ import annotations

import pandas as pd


def ringkas(frame: pd.DataFrame, by: str | list[str] | None = None) -> pd.DataFrame:
    """Sum ``pagu`` and ``realisasi`` (grouped ``by`` if given) and add ``persen`` and ``sisa``.

    ``persen`` is the realisation rate (%), ``sisa`` the unspent budget (pagu - realisasi). A sum
    with a missing part is missing (a draft year), never a silently smaller total.
    """
    cols = [c for c in ("pagu", "realisasi") if c in frame.columns]
    if by is None:
        out = frame[cols].sum(skipna=False).to_frame().T
    else:
        out = frame.groupby(by, sort=False)[cols].agg(lambda s: s.sum(skipna=False)).reset_index()
    out["pagu"] = out["pagu"].astype("Int64")
    if "realisasi" in out.columns:
        out["realisasi"] = out["realisasi"].astype("Int64")
        out["persen"] = (out["realisasi"].astype("Float64") / out["pagu"].astype("Float64") * 100).astype("Float64")
        out["sisa"] = (out["pagu"] - out["realisasi"]).astype("Int64")
    return out


def pagu_per_induk(anak: pd.DataFrame, kolom_induk: str) -> pd.Series:
    """Sum of the children's ``pagu`` per parent code (for the sum checks of the budget tree)."""
    return anak.groupby(kolom_induk, sort=False)["pagu"].sum()
