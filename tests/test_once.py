"""Each year is loaded and computed once per process (issue: a lower floor), without serving stale
data or hiding from the render cache which files a chapter read."""
from __future__ import annotations

import pandas as pd

from lkjip import compute
from lkjip.load import files_read, load_year


def test_unchanged_folder_is_loaded_once(broken):
    first = load_year(broken.folder)
    compute.hasil_iku(first)
    again = load_year(broken.folder)
    assert again is not first and vars(again)["_hasil"] is vars(first)["_hasil"]  # results shared
    broken.folder.joinpath("program.csv").write_bytes(broken.folder.joinpath("program.csv").read_bytes())
    assert vars(load_year(broken.folder))["_hasil"] is vars(first)["_hasil"]  # touched, same content
    broken.edit("program.csv", {"kode": "P4"}, realisasi="2700000000")
    changed = load_year(broken.folder)
    assert vars(changed).get("_hasil") is not vars(first)["_hasil"]
    assert int(changed["program"].set_index("kode").loc["P4", "realisasi"]) == 2_700_000_000


def test_a_callers_changes_stay_its_own(broken):
    """One chapter changing its year in place changes nothing another chapter loads."""
    mine = load_year(broken.folder)
    total = int(mine["program"]["realisasi"].sum())
    mine["program"]["realisasi"] = 0
    mine.profil["opd"] = "Diubah"
    other = load_year(broken.folder)
    assert int(other["program"]["realisasi"].sum()) == total and other.profil["opd"] != "Diubah"


def test_results_are_computed_once_and_handed_out_as_copies(broken, monkeypatch):
    data = load_year(broken.folder)
    calls = []
    capaian = compute.m.capaian
    monkeypatch.setattr(compute.m, "capaian", lambda *a, **k: calls.append(a) or capaian(*a, **k))
    first = compute.hasil_iku(data)
    assert calls
    calls.clear()
    first.loc[0, "capaian"] = -1.0  # a caller may modify what it gets
    second = compute.hasil_iku(data)
    assert second.loc[0, "capaian"] != -1.0
    pd.testing.assert_frame_equal(compute.hasil_iku(data), second)
    assert not calls  # computed once
    assert len(compute.hasil_iku(data, data.tahun - 1)) == len(second)


def test_a_reused_result_still_reports_the_files_it_read(broken):
    data = load_year(broken.folder)
    compute.anggaran_total(data)
    files_read(reset=True)
    compute.anggaran_total(data)  # from the stored result
    assert "program.csv" in files_read(reset=True)


def test_prose_made_in_one_run_equals_one_run_per_text():
    from lkjip._safe_md import _run, prose_many

    texts = ["Paragraf *satu* dengan [tautan](https://contoh.go.id).", "- butir a\n- butir b",
             "Judul\n=====\n\nTeks [jahat](javascript:alert(1)) dan `kode`.", "Catatan kaki[^1].\n\n[^1]: isi.",
             "```\nblok kode tanpa penutup", "## Lampiran\n\nLihat (@satu) contoh.", "Lihat [Lampiran] dan (@dua).",
             "% judul\n% penulis\n\nTeks.", "::: {.x}\ntanpa penutup", "Teks biasa sesudahnya."]
    assert prose_many(texts) == [_run(t) for t in texts]


def test_cached_cells_are_library_displays_only(broken):
    """Only ``show(<lkjip module>.<function>(<year>, <literals>))`` is skipped when its inputs are
    unchanged: any other cell may change state a later cell uses (``hasil.append(...)``)."""
    import types

    from lkjip.present import charts as C, sections as S
    from lkjip.present.blocks import show
    from lkjip.render._cache import is_display_cell

    data = load_year(broken.folder)
    ns = {"show": show, "C": C, "S": S, "data": data, "hasil": [], "np": types.ModuleType("numpy")}
    assert is_display_cell("#| label: fig-x\nshow(C.chart_iku_capaian(data))", ns)
    assert is_display_cell('show(S.narasi(data, "bab1_latar_belakang.md"))', ns)
    assert not is_display_cell("show(T.tbl_rkt(data))", ns)  # T is not bound here
    assert not is_display_cell("hasil.append(1)", ns)
    assert not is_display_cell("show(hasil.pop())", ns)
    assert not is_display_cell("show(np.sort(data))", ns)  # not an lkjip module
    assert not is_display_cell("show(C.chart_iku_capaian(data))\nprint(1)", ns)
    assert not is_display_cell("show(C.chart_iku_capaian(hasil))", ns)  # an argument that is not a year
    assert not is_display_cell("data = buka(year, data_dir)", ns)
    assert not is_display_cell("show(x := 1)", ns)
    assert not is_display_cell("%matplotlib inline", ns)
    assert not is_display_cell("", ns)
