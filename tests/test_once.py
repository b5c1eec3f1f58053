"""Each year is loaded and computed once per process (issue: a lower floor), without serving stale
data or hiding from the render cache which files a chapter read."""
from __future__ import annotations

import pandas as pd

from lkjip import compute
from lkjip.load import files_read, load_year


def test_unchanged_folder_is_loaded_once(broken):
    first = load_year(broken.folder)
    assert load_year(broken.folder) is first
    broken.folder.joinpath("program.csv").write_bytes(broken.folder.joinpath("program.csv").read_bytes())
    assert load_year(broken.folder) is first  # touched, same content
    broken.edit("program.csv", {"kode": "P4"}, realisasi="2700000000")
    again = load_year(broken.folder)
    assert again is not first
    assert int(again["program"].set_index("kode").loc["P4", "realisasi"]) == 2_700_000_000


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
             "```\nblok kode tanpa penutup"]
    assert prose_many(texts) == [_run(t) for t in texts]


def test_display_cells_are_the_ones_that_bind_no_name():
    from lkjip.render._cache import is_display_cell

    assert is_display_cell("#| label: fig-x\nshow(C.chart_iku_capaian(data))")
    assert is_display_cell("show(T.tbl_rkt(data))\nprint('selesai')")
    assert not is_display_cell("data = buka(year, data_dir)")
    assert not is_display_cell("import pandas as pd")
    assert not is_display_cell("show(x := 1)")
    assert not is_display_cell("%matplotlib inline")
    assert not is_display_cell("")
