"""Efficiency of resource use (LKjIP section 3.1.6, PermenPANRB 53/2014 asks for it without fixing a
formula). The report uses both: the table of 3.1.6 shows :func:`efisiensi_selisih` for every budgeted
indicator, and the conclusions (Ikhtisar, Bab IV) count unspent budget as efficiency only by
:func:`efisiensi_sisa`.

* :func:`efisiensi_sisa` — the unspent share ``(1 - realisasi/pagu) x 100``, counted only when the
  performance target is met (capaian >= 100 %); otherwise no efficiency is claimed (0).
* :func:`efisiensi_selisih` — ``capaian % - serapan %``: positive when performance ran ahead of
  spending.
"""
from __future__ import annotations


def efisiensi_sisa(pagu: float, realisasi: float, capaian_persen: float) -> float:
    """Unspent share of the budget (%), counted only when the target is met; see module docstring."""
    if pagu == 0:
        raise ValueError("pagu nol: efisiensi tidak terdefinisi")
    if capaian_persen < 100:
        return 0.0
    return (1 - realisasi / pagu) * 100.0


def efisiensi_selisih(capaian_persen: float, serapan_persen: float) -> float:
    """Performance minus absorption, in percentage points; see module docstring."""
    return capaian_persen - serapan_persen
