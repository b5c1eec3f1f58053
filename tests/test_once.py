"""Each year is loaded and computed once per process (issue: a lower floor), without serving stale
data or hiding from the render cache which files a chapter read."""
from __future__ import annotations

import csv

import pandas as pd

from lkjip import compute
from lkjip.load import files_read, load_year, names_in


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
    assert "program.csv" in names_in(files_read(reset=True), broken.folder)


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


def test_a_later_version_reuses_only_results_whose_files_are_unchanged(broken):
    """After a save (lkjip preview loads the year again) a result is reused when every file it read
    is unchanged, and made again, with the new values, when one changed."""
    first = load_year(broken.folder)
    staff = compute.pegawai(first)            # reads pegawai.csv
    realised = compute.anggaran_sasaran(first)  # reads program.csv
    broken.edit("program.csv", {"kode": "P4"}, realisasi="2700000000")
    later = load_year(broken.folder)
    assert vars(later)["_hasil"] is not vars(first)["_hasil"]
    again = compute.pegawai(later)
    assert all(again[k].equals(staff[k]) for k in staff)
    assert vars(later)["_hasil"][("pegawai", (), ())][0] is vars(first)["_hasil"][("pegawai", (), ())][0]  # reused
    new = compute.anggaran_sasaran(later)
    assert not new.equals(realised)  # made again from the changed file
    assert vars(later)["_hasil"][("anggaran_sasaran", (), ())][0] is not vars(first)["_hasil"][
        ("anggaran_sasaran", (), ())][0]


def test_kept_charts_are_reused_until_their_files_or_figure_change(broken):
    from lkjip.present import charts as C
    from lkjip.present import display

    assert C._style._EARLIER.size == 0  # a render keeps none (figures kept only slow the collector)
    assert C.chart_akip(load_year(broken.folder)) is not C.chart_akip(load_year(broken.folder))
    C.keep_earlier(8)
    try:
        first = C.chart_akip(load_year(broken.folder))
        broken.edit("program.csv", {"kode": "P4"}, realisasi="2700000000")  # akip does not read it
        assert C.chart_akip(load_year(broken.folder)) is first
        display._publish, shown = (lambda data, meta: None), display._publish
        try:
            display.publish_figure(first.fig, "x", id="fig-x", alt="y")  # saved as SVG: not a change
            assert C.chart_akip(load_year(broken.folder)) is first
            first.fig.axes[0].set_title("diubah di notebook")
            first.fig.canvas.draw()  # drawn again after the change: still changed
            assert C.chart_akip(load_year(broken.folder)) is not first  # a changed figure is never handed out
        finally:
            display._publish = shown
        second = C.chart_akip(load_year(broken.folder))
        rows = broken.rows("akip.csv")
        broken.edit("akip.csv", {k: rows[0][k] for k in list(rows[0])[:1]}, **{list(rows[0])[-1]: "1"})
        assert C.chart_akip(load_year(broken.folder)) is not second
    finally:
        C.keep_earlier(0)


def test_old_data_whose_kinds_come_from_other_files_is_not_reused_stale(broken):
    """iku.csv written before its 'jenis' column: an AKIP indicator is one when akip.csv has rows, so
    reading the IKU counts as reading akip.csv and opini_bpk.csv (results of a later version, the
    render cache)."""
    rows = broken.rows("iku.csv")
    fields = [f for f in rows[0] if f != "jenis"]
    with (broken.folder / "iku.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fields, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    akip = (broken.folder / "akip.csv").read_text(encoding="utf-8")
    (broken.folder / "akip.csv").write_text(akip.splitlines()[0] + "\n", encoding="utf-8")
    before = compute.hasil_iku(load_year(broken.folder))
    assert "akip" not in set(before["jenis"])
    files_read(reset=True)
    load_year(broken.folder)["iku"]
    assert {"akip.csv", "opini_bpk.csv"} <= set(names_in(files_read(reset=True), broken.folder))
    (broken.folder / "akip.csv").write_text(akip, encoding="utf-8")
    after = compute.hasil_iku(load_year(broken.folder))
    assert "akip" in set(after["jenis"]) and after.equals(compute.hasil_iku.__wrapped__(load_year(broken.folder)))
