"""Unit, boundary and property tests of the pure metric functions."""
from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from lkjip import metrics as m
from lkjip.fmt import angka, persen, rupiah, tanggal

pos = st.floats(min_value=0.01, max_value=1e9, allow_nan=False, allow_infinity=False)
nonneg = st.floats(min_value=0, max_value=1e9, allow_nan=False, allow_infinity=False)


# --- capaian (PermenPANRB 53/2014) -------------------------------------------------------------
def test_capaian_naik_ikm_2024():
    assert m.capaian_naik(90, 97) == pytest.approx(107.777, abs=1e-3)


def test_capaian_turun_kondisi_khusus():
    assert m.capaian_turun(10, 8) == pytest.approx(120)
    assert m.capaian_turun(10, 25) == 0  # never negative


def test_target_zero_is_explicit():
    with pytest.raises(m.CapaianError):
        m.capaian_naik(0, 5)
    assert m.capaian_turun(0, 0) == 100
    assert m.capaian_turun(0, 1) == 0


@given(pos, nonneg)
def test_capaian_naik_monotone_in_realisasi(t, r):
    assert m.capaian_naik(t, r + 1) >= m.capaian_naik(t, r)
    assert m.capaian_naik(t, t) == pytest.approx(100)


@given(pos, nonneg)
def test_capaian_turun_never_negative_and_100_at_target(t, r):
    assert m.capaian_turun(t, r) >= 0
    assert m.capaian_turun(t, t) == pytest.approx(100)


@given(st.sampled_from(m.SKALA_AKIP), st.sampled_from(m.SKALA_AKIP))
def test_kualitatif_full_when_target_reached(t, r):
    value = m.capaian_kualitatif(t, r, m.SKALA_AKIP)
    better_or_equal = m.SKALA_AKIP.index(r) <= m.SKALA_AKIP.index(t)
    assert (value == 100) == better_or_equal
    assert 0 <= value <= 100


def test_kualitatif_unknown_grade():
    with pytest.raises(m.CapaianError):
        m.capaian("BB", "Z", "kualitatif", "akip")
    assert m.capaian("Sesuai", "Sesuai", "kualitatif", "sesuai") == 100


@pytest.mark.parametrize("value,label", [(91, "Sangat Tinggi"), (90.99, "Tinggi"), (76, "Tinggi"),
                                         (75.99, "Sedang"), (66, "Sedang"), (65.99, "Rendah"), (51, "Rendah"),
                                         (50.99, "Sangat Rendah"), (0, "Sangat Rendah")])
def test_kategori_capaian_bounds(value, label):
    assert m.kategori_capaian(value) == label


# --- AKIP (PermenPANRB 88/2021) ---------------------------------------------------------------
@pytest.mark.parametrize("score,predikat", [(100, "AA"), (90.01, "AA"), (90, "A"), (80.01, "A"), (80, "BB"),
                                            (72.30, "BB"), (70.01, "BB"), (70, "B"), (60.01, "B"), (60, "CC"),
                                            (50.01, "CC"), (50, "C"), (30.01, "C"), (30, "D"), (0, "D")])
def test_predikat_akip_exclusive_lower_bounds(score, predikat):
    assert m.predikat_akip(score) == predikat


def test_akip_2024_components():
    assert m.nilai_akip({"perencanaan": 23.70, "pengukuran": 21.60, "pelaporan": 9.00, "evaluasi": 18.00}) == 72.30
    assert m.label_predikat("BB") == "Sangat Baik"
    assert sum(m.BOBOT_AKIP.values()) == 100


@given(st.floats(min_value=0, max_value=100))
def test_predikat_monotone(score):
    order = [p for _, p, _ in m.PREDIKAT_AKIP]
    assert order.index(m.predikat_akip(score)) >= order.index(m.predikat_akip(min(100, score + 5)))


def test_predikat_out_of_range():
    with pytest.raises(ValueError):
        m.predikat_akip(101)


# --- IKM (PermenPANRB 14/2017) ----------------------------------------------------------------
UNSUR_2024 = [3.9, 3.9, 3.6, 4, 3.9, 3.9, 3.8, 3.8, 3.8]


def test_ikm_from_unsur_2024_is_96_11():
    assert m.ikm_dari_unsur(UNSUR_2024) == pytest.approx(96.111, abs=1e-3)


@pytest.mark.parametrize("ikm,mutu", [(100, "A"), (88.31, "A"), (88.30, "B"), (76.61, "B"), (76.60, "C"),
                                      (65.00, "C"), (64.99, "D"), (25, "D")])
def test_mutu_ikm_bounds(ikm, mutu):
    assert m.mutu_ikm(ikm)[0] == mutu


def test_ikm_weights_one_over_the_number_of_unsur():
    assert m.ikm_dari_unsur([4] * 9) == pytest.approx(100)
    assert m.ikm_dari_unsur([1] * 9) == pytest.approx(25)
    assert m.ikm_dari_unsur([3.9] * 8 + [2.4]) == pytest.approx((3.9 * 8 + 2.4) / 9 * 25)
    assert m.ikm_dari_unsur([4, 2]) == pytest.approx(75)  # a survey of two unsur weights each 1/2


def test_ikm_needs_valid_unsur():
    with pytest.raises(ValueError):
        m.ikm_dari_unsur([])
    with pytest.raises(ValueError):
        m.ikm_dari_unsur([4.5] * 9)


def test_progres_renstra_from_the_baseline():
    # stunting 24,6 % -> target 10 % (lower is better), now 16,8 %: 53,42 % of the way, not (2T-R)/T = 32 %
    assert m.progres_renstra("10", "16.8", "turun", awal="24.6") == pytest.approx((24.6 - 16.8) / (24.6 - 10) * 100)
    assert m.progres_renstra("90", "80", "naik", awal="60") == pytest.approx(2 / 3 * 100)
    assert m.progres_renstra("100", "99", "naik", awal="100") == pytest.approx(99)  # no planned change: R/T
    assert m.progres_renstra("10", "16.8", "turun") == pytest.approx(32)  # no baseline: capaian rule
    assert m.progres_renstra("10", "16.8", "turun", awal="NA") == pytest.approx(32)


def test_arah_follows_polarity():
    assert m.arah("20", "18", "turun") == "membaik" and m.arah("20", "18", "naik") == "memburuk"
    assert m.arah("BB", "A", "kualitatif", "akip") == "membaik" and m.arah("A", "A", "kualitatif", "akip") == "tetap"
    assert m.arah(None, "1", "naik") is None and m.arah("x", "1", "naik") is None


@given(st.lists(st.lists(st.integers(1, 4), min_size=9, max_size=9), min_size=1, max_size=40))
def test_ikm_from_respondents_matches_unsur_means(answers):
    frame = pd.DataFrame(answers, columns=[f"u{i}" for i in range(1, 10)])
    nrr = [sum(col) / len(col) for col in zip(*answers)]
    assert m.ikm_dari_responden(frame) == pytest.approx(m.ikm_dari_unsur(nrr))
    assert 25 <= m.ikm_dari_responden(frame) <= 100


# --- budget, koordinasi, efisiensi ------------------------------------------------------------
def test_koordinasi_pemerintahan_2024():
    program = pd.DataFrame({"kode": ["P1", "P3"], "sasaran": ["S2", "S2"], "pagu": [10_000_000, 6_590_177_009],
                            "realisasi": [6_824_600, 6_469_847_819], "realisasi_fisik": [100.0, 100.0]})
    per = m.koordinasi_per_program(program).set_index("kode")
    assert round(float(per.loc["P1", "capaian"]), 2) == 84.12
    assert round(float(per.loc["P3", "capaian"]), 2) == 99.09
    assert round(float(m.koordinasi_per_sasaran(program)["S2"]), 2) == 99.06


@given(st.lists(st.tuples(st.integers(1, 10**12), st.floats(0, 1), st.floats(0, 100)), min_size=1, max_size=6))
def test_koordinasi_is_between_program_extremes(rows):
    program = pd.DataFrame({"sasaran": ["S"] * len(rows), "pagu": [r[0] for r in rows],
                            "realisasi": [int(r[0] * r[1]) for r in rows], "realisasi_fisik": [r[2] for r in rows]})
    per = m.koordinasi_per_program(program)
    value = float(m.koordinasi_per_sasaran(program)["S"])
    assert float(per["capaian"].min()) - 1e-9 <= value <= float(per["capaian"].max()) + 1e-9


def test_ringkas_total():
    frame = pd.DataFrame({"pagu": [100, 300], "realisasi": [50, 300], "g": ["a", "b"]})
    total = m.ringkas(frame).iloc[0]
    assert int(total["sisa"]) == 50 and float(total["persen"]) == 87.5
    assert list(m.ringkas(frame, "g")["persen"]) == [50.0, 100.0]


def test_efisiensi_two_measures():
    assert m.efisiensi_sisa(100, 96, 100) == pytest.approx(4)
    assert m.efisiensi_sisa(100, 96, 99) == 0  # target not met: no efficiency claimed
    assert m.efisiensi_selisih(99.06, 98.10) == pytest.approx(0.96)


# --- Indonesian formats -----------------------------------------------------------------------
def test_formats():
    assert rupiah(43574741594) == "Rp43.574.741.594"
    assert persen(96.2478) == "96,25%"
    assert angka(1234567.891, 2) == "1.234.567,89"
    assert angka(float("nan")) == "BELUM DIISI"
    import datetime as dt
    assert tanggal(dt.date(2025, 1, 20)) == "20 Januari 2025"
    assert not math.isnan(0.0)
