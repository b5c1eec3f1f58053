"""Column widths from the content, landscape only where needed, and the completed Bab II / Lampiran
tables (Rencana Aksi schedule, RKT tujuan/sasaran, Perjanjian Kinerja statement) for any unit's data."""
from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lkjip.load import load_year
from lkjip.present import sections as S
from lkjip.present import tables as T


@pytest.fixture(autouse=True)
def no_charts(monkeypatch):
    """Sections draw only the IKM/AKIP charts (others are notebook cells); stubs here."""
    from lkjip.present import charts as C

    for name in ("chart_ikm_unsur", "chart_akip"):
        monkeypatch.setattr(C, name, lambda data, name=name: f"[{name}]")


words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=14)
cells = st.lists(words, min_size=1, max_size=30).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(cells, min_size=4, max_size=4), min_size=1, max_size=8),
       st.lists(st.integers(min_value=0, max_value=99_999_999_999), min_size=1, max_size=8), st.booleans())
def test_widths_hold_the_longest_word_and_sum_to_the_table(rows, money, wide):
    n = min(len(rows), len(money))
    frame = pd.DataFrame([r + [m] for r, m in zip(rows[:n], money[:n])], columns=["a", "b", "c", "d", "pagu"])
    w = T.column_widths(frame, wide=wide, money=["pagu"])
    assert set(w) == set(frame.columns)
    assert abs(sum(w.values()) - 100) < 0.6
    least, _ = T._measure(frame, list(frame.columns), {"pagu": "money"}, None)
    if sum(least.values()) <= T.LINE_CHARS[wide]:  # room for every longest word: none is cut
        for c in frame.columns:
            assert w[c] / 100 * T.LINE_CHARS[wide] >= least[c] - 0.2 - 0.01 * T.LINE_CHARS[wide]


def test_money_column_never_narrower_than_its_amounts():
    frame = pd.DataFrame({"uraian": ["x " * 200, "y"], "pagu": [34_174_263_204, 10_000_000]})
    w = T.column_widths(frame, money=["pagu"])
    chars = w["pagu"] / 100 * T.LINE_CHARS[False]
    assert chars >= len("Rp34.174.263.204") * 1.2


def test_landscape_only_when_needed():
    narrow = pd.DataFrame({"a": ["satu dua tiga"], "b": ["empat"], "c": ["lima"]})
    assert not T.needs_landscape(narrow)
    many = pd.DataFrame({f"k{i}": ["100,00%"] for i in range(10)})
    assert T.needs_landscape(many)


def _rewrite(path, header_drop=(), **fill):
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    fields = [f for f in rows[0] if f not in header_drop] + [k for k in fill if k not in rows[0]]
    for r in rows:
        r.update(fill)
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=fields, extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def test_rencana_aksi_schedule_only_when_the_data_has_one(broken):
    _rewrite(broken.folder / "kegiatan.csv", header_drop=("tw1", "tw2", "tw3", "tw4"))
    t = T.tbl_rencana_aksi(load_year(broken.folder))
    assert not [c for c in t.frame.columns if "TW" in c]
    _rewrite(broken.folder / "kegiatan.csv", tw1="✓", tw2="", tw3="50%", tw4="")
    t = T.tbl_rencana_aksi(load_year(broken.folder))
    assert [c for c in t.frame.columns if "TW" in c] == ["Jadwal TW I", "Jadwal TW II", "Jadwal TW III", "Jadwal TW IV"]
    assert set(t.frame["Jadwal TW III"]) <= {"50%", ""}


def test_rencana_aksi_and_rkt_name_sasaran_tujuan_and_indicators(data2024):
    ra = T.tbl_rencana_aksi(data2024).frame
    groups = " ".join(ra.iloc[:, 0])
    for sasaran in data2024["sasaran"]["sasaran"]:
        if sasaran in groups:
            break
    else:
        pytest.fail("no sasaran named in the Rencana Aksi")
    assert "Indikator kinerja:" in groups and "Rp" in groups
    rkt = " ".join(T.tbl_rkt(data2024).frame.iloc[:, 0])
    assert "Tujuan:" in rkt and "Sasaran:" in rkt


def test_perjanjian_kinerja_statement_signatures_and_budget(data2024):
    # the chapter notebook's cells: statement, the indicators table, the budget and signatures
    blocks = S.lampiran_pk(data2024) + [T.tbl_lampiran_pk(data2024)] + S.lampiran_pk_ttd(data2024)
    text = "\n".join(b for b in blocks if isinstance(b, str))
    assert "Pihak Pertama berjanji" in text and "Pihak Kedua akan melakukan supervisi" in text
    assert sum(isinstance(b, S.Ttd) for b in blocks) == 2
    lines = [ln for ln in text.splitlines() if " sebesar Rp" in ln]
    assert len(lines) == len(data2024["belanja"])
    ids = [b.id for b in blocks if isinstance(b, T.Tabel)]
    assert ids == ["tbl-lampiran-pk", "tbl-lampiran-pk-program"]


def test_faster_great_tables_gives_the_same_html(data2024):
    """lkjip.present._gt swaps great-tables' per-cell pandas accessor (iloc) for iat: every table of
    two units, made both ways, is the same HTML."""
    import inspect

    from great_tables import _tbl_data

    from lkjip.present import _gt

    units = [data2024, load_year(Path(__file__).parents[1] / "contoh" / "dinkes-kota-sungai-penuh" / "2025")]
    makers = [f for name, f in vars(T).items() if name.startswith("tbl_") and callable(f)
              and len(inspect.signature(f).parameters) == 1 or name in ("tbl_pk", "tbl_pk_program")]

    def all_html() -> list[str]:
        out = [maker(data).html() for data in units for maker in makers]
        for data in units:
            out += [T.tbl_pendukung(data, s, n).html() for n, s in enumerate(data["sasaran"]["kode"], 1)]
        return out

    assert _tbl_data._set_cell.lkjip_iat and _gt.ORIGINAL
    T.keep_tables(0)  # made both ways, never taken from what the preview's tests kept
    fast = all_html()
    try:
        _tbl_data._get_cell.register(pd.DataFrame)(_gt.ORIGINAL["get"])
        _tbl_data._set_cell.register(pd.DataFrame)(_gt.ORIGINAL["put"])
        slow = all_html()
    finally:
        _gt.ORIGINAL.clear()
        _tbl_data._set_cell.lkjip_iat = False
        _gt.scalar_cell_access()
    assert len(fast) > 30 and fast == slow


def _all_tables(data):
    import inspect

    makers = [f for name, f in vars(T).items() if name.startswith("tbl_") and callable(f)
              and len(inspect.signature(f).parameters) == 1]
    return [maker(data) for maker in makers] + [T.tbl_pendukung(data, s, n)
                                                for n, s in enumerate(data["sasaran"]["kode"], 1)]


def test_kept_tables_html_is_the_html_of_the_table_made_now(broken):
    """The preview keeps each table's HTML by what it is made of (Tabel.key): after a change to
    the data, every table, whether it changed or not, is exactly the HTML great-tables makes of it
    (and its download the CSV of its data)."""
    from lkjip.present import display

    T.keep_tables(256)
    try:
        before = _all_tables(load_year(broken.folder))
        assert all(t.key for t in before) and all(t.html() == t.gt.as_raw_html() for t in before)
        first = broken.rows("program.csv")[0]
        broken.edit("program.csv", {"kode": first["kode"]}, realisasi=str(int(first["realisasi"]) - 10**9))
        after = _all_tables(load_year(broken.folder))
        kept = {t.key for t in before}
        assert any(t.key in kept for t in after) and any(t.key not in kept for t in after)
        assert all(t.html() == t.gt.as_raw_html() for t in after)
        assert all(t.csv() == display.table_csv(t.frame) for t in before + after)
        old = {t.id: t.html() for t in before}
        for t in after:  # a key seen before names the same HTML as then; a new key, other HTML
            assert (t.html() == old[t.id]) == (t.key in kept), t.id
    finally:
        T.keep_tables(0)
        T._KEPT.clear()


def test_a_table_changed_otherwise_is_made_afresh(data2024):
    """A table whose GT was changed without saying how (``replace(t, gt=...)``) has no key the kept
    HTML could match; a step taken through Tabel.then extends the key with its values; the download
    follows the data as it is when shown."""
    from dataclasses import replace

    from great_tables import loc, style

    from lkjip.present import display

    T.keep_tables(256)
    try:
        t = T.tbl_program(data2024)
        plain = t.html()
        changed = replace(t, gt=t.gt.tab_style(style.text(color="red"), loc.body(rows=[0])))
        assert changed.html() != plain and changed.html() == changed.gt.as_raw_html()
        assert changed.then("tab_source_note", "x").key == ""  # its key no longer describes its gt
        step = t.then("tab_style", style.text(color="red"), loc.body(rows=[0]))
        assert step.key not in ("", t.key) and step.html() == changed.html()
        c, d = (t.then("tab_source_note", note) for note in ("Catatan C", "Catatan D"))  # the step's values count
        assert c.key != d.key and "Catatan D" in d.html() and "Catatan C" not in d.html()
        assert t.then("tab_source_note", object()).key == ""  # a value that may hide what it holds: no key
        other = replace(t, frame=t.frame.head(1))  # other data behind it: its own download
        assert other.csv() != t.csv() and other.csv() == display.table_csv(other.frame)
        t.frame.iloc[0, 0] = "DIUBAH ANALIS"  # changed in place by a notebook cell
        assert "DIUBAH ANALIS" in t.csv() and t.csv() == display.table_csv(t.frame)
    finally:
        T.keep_tables(0)
        T._KEPT.clear()


def test_table_key_tells_values_of_other_types_apart():
    frame = pd.DataFrame({"a": [1, 2]})
    assert T._frame_key(frame) != T._frame_key(pd.DataFrame({"a": ["1", "2"]}))
    assert T._frame_key(frame) != T._frame_key(pd.DataFrame({"a": [1.0, 2.0]}))
    assert T._frame_key(pd.DataFrame({"a": [None]})) != T._frame_key(pd.DataFrame({"a": [float("nan")]}))
    assert T._frame_key(pd.DataFrame({"a": [0.0]})) != T._frame_key(pd.DataFrame({"a": [-0.0]}))


def test_what_cannot_be_written_out_in_full_gets_no_key():
    """An object whose repr may hide what it holds (one's own class, a long array, whose repr is
    shortened) gives no key: its table is made afresh, never taken for another."""
    import numpy as np

    class Same:
        def __repr__(self) -> str:
            return "sama"

    assert T._frame_key(pd.DataFrame({"a": [Same()]})) is None
    assert T._written_out(np.arange(2000)) is None and T._written_out([1, "a", None, (2.5,)]) is not None
    assert T._written_out(pd.Series([True] * 100)) is None
