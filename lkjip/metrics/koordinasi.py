"""The "persentase koordinasi pelaksanaan program" realisation, derived as the reference LKjIP does
(Tabel 3.1.8): per program ``(realisasi keuangan % + realisasi fisik %) / 2``, then the mean over
the programs serving a sasaran weighted by their pagu.
"""
from __future__ import annotations

import pandas as pd


def koordinasi_per_program(program: pd.DataFrame) -> pd.DataFrame:
    """Add ``keuangan`` (%), ``capaian`` (%), and ``bobot`` (share of the sasaran's pagu, %) per program.

    ``program`` needs ``sasaran``, ``pagu``, ``realisasi`` and ``realisasi_fisik``.
    """
    out = program.copy()
    out["keuangan"] = (out["realisasi"].astype("Float64") / out["pagu"].astype("Float64") * 100).astype("Float64")
    out["capaian"] = ((out["keuangan"] + out["realisasi_fisik"].astype("Float64")) / 2).astype("Float64")
    total = out.groupby("sasaran")["pagu"].transform("sum").astype("Float64")
    out["bobot"] = (out["pagu"].astype("Float64") / total * 100).astype("Float64")
    out["kontribusi"] = (out["capaian"] * out["bobot"] / 100).astype("Float64")
    return out


def koordinasi_per_sasaran(program: pd.DataFrame) -> pd.Series:
    """Pagu-weighted capaian of the programs of each sasaran (%), indexed by sasaran code."""
    per = koordinasi_per_program(program)
    # a sasaran with a program still missing its budget or realisation has no value yet (a draft)
    return per.groupby("sasaran", sort=False)["kontribusi"].agg(lambda s: s.sum(skipna=False)).astype("Float64")
