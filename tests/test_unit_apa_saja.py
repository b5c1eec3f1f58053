"""Any unit, any Renstra (issue 8): the report's structure comes from the data, not from the 2024 Setda.

Each test reshapes a copy of data/2024 the way another unit's data would look and builds the report's
sections through the library (no render: the end-to-end renders are in test_e2e / test_unit_lain).
"""
from __future__ import annotations

import csv
import inspect

import pytest

from lkjip import compute
from lkjip.load import load_year
from lkjip.present import sections as S
from lkjip.present import tables as T
from lkjip.present.tables import Tabel
from lkjip.render._numbering import chapter_prefix, number_captions
from lkjip.render._parts import Figure, Markdown, Table
from lkjip.validate import validate


@pytest.fixture(autouse=True)
def no_charts(monkeypatch):
    """Drawing charts is tested elsewhere (test_charts, the property test); here they are stubs."""
    from lkjip.present import charts as C

    for name in ("chart_ikm_unsur", "chart_akip"):
        monkeypatch.setattr(C, name, lambda data, name=name: f"[{name}]")


def build(folder) -> tuple[list, list]:
    """Every section of the report built from ``folder``: (blocks, findings). Fails on check errors."""
    data = load_year(folder)
    found = validate(data)
    assert not [t.format() for t in found if t.galat]
    blocks = []
    for module in (S, T):  # every section and every table a chapter cell builds from the year alone
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            if fn.__module__ == module.__name__ and not name.startswith("_") \
                    and list(inspect.signature(fn).parameters) == ["data"] \
                    and name not in ("tbl_kategori_akip", "tbl_opini_bpk"):  # shown by a section, per kind
                out = fn(data)
                blocks += out if isinstance(out, list) else [out]
    return blocks, found


def text_of(blocks) -> str:
    return "\n".join(b if isinstance(b, str) else getattr(b, "caption", "") for b in blocks)


def rewrite(path, rows: list[dict[str, str]], fields: list[str] | None = None) -> None:
    fields = fields or list(rows[0])
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def add_sasaran(broken, n_new: int) -> None:
    """Add ``n_new`` sasaran (S5, S6, ...), each with one plain IKU and one program of its own."""
    sas, iku, cap = broken.rows("sasaran.csv"), broken.rows("iku.csv"), broken.rows("iku_capaian.csv")
    prog, keg, sub = broken.rows("program.csv"), broken.rows("kegiatan.csv"), broken.rows("subkegiatan.csv")
    belanja = broken.rows("belanja.csv")
    added = 0
    for i in range(5, 5 + n_new):
        sas.append({"kode": f"S{i}", "tujuan": "T1", "sasaran": f"Sasaran Baru {i}"})
        iku.append({**iku[0], "kode": f"IKU{i + 2}", "sasaran": f"S{i}", "nama": f"Indikator Baru {i}", "satuan": "%",
                    "polaritas": "naik", "skala": "", "jenis": "biasa", "kondisi_awal": "50"})
        for y in range(2021, 2027):
            cap.append({"iku": f"IKU{i + 2}", "tahun": str(y), "target": str(50 + 5 * (y - 2020)),
                        "realisasi": str(52 + 5 * (y - 2020)) if y <= 2024 else "", "nilai": ""})
        prog.append({**prog[0], "kode": f"P{i + 1}", "nama": f"Program Baru {i}", "sasaran": f"S{i}", "pagu": "1000000",
                     "realisasi": "900000"})
        keg.append({**keg[0], "kode": f"K9{i}", "program": f"P{i + 1}", "nama": f"Kegiatan Baru {i}", "pagu": "1000000"})
        sub.append({**sub[0], "kode": f"SK9{i}", "kegiatan": f"K9{i}", "nama": f"Sub Baru {i}", "pagu": "1000000"})
        added += 1_000_000
    belanja[0]["pagu"] = str(int(belanja[0]["pagu"]) + added)
    for name, rows in (("sasaran.csv", sas), ("iku.csv", iku), ("iku_capaian.csv", cap), ("program.csv", prog),
                       ("kegiatan.csv", keg), ("subkegiatan.csv", sub), ("belanja.csv", belanja)):
        rewrite(broken.folder / name, rows)
    profil = (broken.folder / "profil.yaml").read_text(encoding="utf-8")
    old = next(line for line in profil.splitlines() if line.startswith("pk_total_anggaran:"))
    total = int(old.split(":")[1]) + added
    (broken.folder / "profil.yaml").write_text(profil.replace(old, f"pk_total_anggaran: {total}"), encoding="utf-8")


def test_any_number_of_sasaran_gets_its_sections(broken):
    add_sasaran(broken, 4)  # 8 sasaran
    blocks, _ = build(broken.folder)
    ids = [b.id for b in blocks if isinstance(b, Tabel)]
    assert "tbl-pendukung-s5" in ids and "tbl-pendukung-s8" in ids
    text = text_of(blocks)
    for n in range(1, 9):
        assert f"Sasaran Strategis {n}: " in text
    assert "Indikator Baru 8" in text


def test_ikm_is_the_declared_indicator_not_the_first_index(broken):
    iku = broken.rows("iku.csv")
    iku.insert(0, {**iku[0], "kode": "IKU0", "nama": "Indeks Keluarga Sehat", "jenis": "biasa", "satuan": "indeks"})
    rewrite(broken.folder / "iku.csv", iku)
    cap = broken.rows("iku_capaian.csv")
    cap += [{"iku": "IKU0", "tahun": str(y), "target": "0.3", "realisasi": "0.2" if y <= 2024 else "", "nilai": ""}
            for y in range(2021, 2027)]
    rewrite(broken.folder / "iku_capaian.csv", cap)
    data = load_year(broken.folder)
    assert compute.ikm(data).nilai == 97  # the IKU declared jenis=ikm, never inferred from "indeks"
    blocks, _ = build(broken.folder)
    text = text_of(blocks)
    assert "Indeks Keluarga Sehat tahun 2024 sebesar 0,20 dari target 0,30" in text
    assert "Indeks Kepuasan Masyarakat \\(IKM\\) tahun 2024 sebesar 97" in text


def dinas(broken) -> None:
    """A unit without the Setda's special indicators: IKM/AKIP/SAP are plain, their files are gone, every
    sasaran is served by programs, and one program serves two sasaran with shares."""
    iku = broken.rows("iku.csv")
    for row in iku:
        row["jenis"] = "biasa"
    rewrite(broken.folder / "iku.csv", iku)
    for name in ("ikm_unsur.csv", "akip.csv", "opini_bpk.csv", "narasi/bab3_sap_kriteria.md",
                 "narasi/bab3_program_pendukung.md", "narasi/bab3_analisis_iku.md"):
        (broken.folder / name).unlink()
    rewrite(broken.folder / "program_sasaran.csv", [{"program": "P2", "sasaran": "S1", "porsi": "40"},
                                                     {"program": "P2", "sasaran": "S4", "porsi": "60"}])


def test_setda_only_inputs_are_optional_and_budget_reaches_every_iku(broken):
    dinas(broken)
    blocks, found = build(broken.folder)
    assert not {"berkas-hilang", "narasi-hilang"} & {t.aturan for t in found}
    ids = [b.id for b in blocks if isinstance(b, Tabel)]
    assert "tbl-ikm" not in ids and "tbl-akip" not in ids and "tbl-opini-bpk" not in ids
    assert "tbl-pendukung-s1" in ids  # S1 now has its share of P2
    data = load_year(broken.folder)
    per = compute.anggaran_sasaran(data).set_index("sasaran")
    p2 = 34_174_263_204
    assert int(per.loc["S1", "pagu"]) == round(p2 * 0.4) and int(per.loc["S4", "pagu"]) == round(p2 * 0.6)
    assert int(per["pagu"].sum()) == compute.anggaran_total(data)["pagu"]  # nothing counted twice
    eff = compute.efisiensi(data).set_index("iku")
    assert eff["pagu"].notna().all()  # every IKU's sasaran is budgeted: Tabel 3.1.x efisiensi is filled


def test_shares_must_sum_to_100(broken):
    dinas(broken)
    broken.edit("program_sasaran.csv", {"sasaran": "S4"}, porsi="50")
    found = validate(load_year(broken.folder))
    bad = [t for t in found if t.aturan == "porsi-jumlah"]
    assert bad and bad[0].berkas == "program_sasaran.csv" and bad[0].nilai == "90,00"


def test_kind_files_are_required_when_the_kind_exists(broken):
    (broken.folder / "akip.csv").unlink()
    found = validate(load_year(broken.folder))
    bad = [t for t in found if t.aturan == "berkas-jenis"]
    assert bad and "IKU2" in bad[0].pesan and bad[0].berkas == "akip.csv"


def test_other_units_vocabularies(broken):
    rewrite(broken.folder / "organisasi.csv", [
        {"kode": "KADIS", "induk": "", "nama": "Kepala Dinas", "jenis": "pimpinan"},
        {"kode": "SEKR", "induk": "KADIS", "nama": "Sekretariat", "jenis": "sekretariat"},
        {"kode": "SB1", "induk": "SEKR", "nama": "Subbagian Umum", "jenis": "subbagian"},
        {"kode": "KJF", "induk": "KADIS", "nama": "Kelompok Jabatan Fungsional", "jenis": "kelompok"},
        {"kode": "B1", "induk": "KADIS", "nama": "Bidang Pelayanan", "jenis": "bidang"},
        {"kode": "S11", "induk": "B1", "nama": "Seksi Rujukan", "jenis": "seksi"},
        {"kode": "UPTD", "induk": "KADIS", "nama": "UPTD Puskesmas", "jenis": "uptd"},
        {"kode": "KEL", "induk": "KADIS", "nama": "Kelurahan Contoh", "jenis": "kelurahan"},
    ])
    keg = broken.rows("kegiatan.csv")
    for row in keg:
        row["bagian"] = "SEKR"
    rewrite(broken.folder / "kegiatan.csv", keg)
    peg = [r for r in broken.rows("pegawai.csv") if r["kelompok"] != "staf_ahli"]
    peg.append({"kelompok": "pppk", "kategori": "PPPK", "jumlah": "7"})
    rewrite(broken.folder / "pegawai.csv", peg)
    tim = broken.rows("tim_penyusun.csv")
    tim[0]["peran"], tim[1]["peran"] = "Ketua", "Sekretaris"
    rewrite(broken.folder / "tim_penyusun.csv", tim)
    profil = (broken.folder / "profil.yaml").read_text(encoding="utf-8")
    (broken.folder / "profil.yaml").write_text(profil + "jenis_daerah: kota\n", encoding="utf-8")
    blocks, _ = build(broken.folder)
    text = text_of(blocks)
    assert "7 orang PPPK" in text and "Staf Ahli" not in text
    assert "Sekretariat Daerah Kota Tanjung Jabung Timur sampai dengan 31 Desember" in text
    captions = [b.caption for b in blocks if hasattr(b, "caption")]
    assert any("Kota Tanjung Jabung Timur" in c for c in captions) and not any("Kabupaten" in c for c in captions)
    data = load_year(broken.folder)
    assert data.sebutan_kepala_daerah == "Wali Kota"
    from lkjip.present import charts

    tl = charts.tata_letak_organisasi(data["organisasi"])
    by = {k.kode: k for k in tl.kotak}
    # staff units (sekretariat, kelompok) on their own row between the head and the line units
    assert by["B1"].y1 < by["SEKR"].y < by["KADIS"].y and by["B1"].y1 < by["KJF"].y
    assert by["B1"].y == by["UPTD"].y == by["KEL"].y


def test_data_in_the_earlier_format_keeps_working(broken):
    iku = broken.rows("iku.csv")
    for row in iku:
        row["rumus_realisasi"] = "koordinasi_anggaran" if row.pop("jenis") == "anggaran" else ""
    rewrite(broken.folder / "iku.csv", iku)
    data = load_year(broken.folder)
    found = validate(data)
    assert not [t.format() for t in found if t.galat]
    assert list(data["iku"]["jenis"]) == ["biasa", "akip", "opini", "anggaran", "anggaran", "anggaran"]
    assert round(float(compute.koordinasi(data)["S2"]), 2) == 99.06
    named = {t.aturan: t for t in found}
    assert "kolom-usang" in named and "jenis" in named["kolom-usang"].harapan
    # the IKM was never inferred: check names exactly what to add
    assert "berkas-tidak-dipakai" in named and "kolom 'jenis'" in named["berkas-tidak-dipakai"].pesan


def test_progress_from_baseline_for_lower_is_better(broken):
    iku = broken.rows("iku.csv")
    iku.append({**iku[0], "kode": "IKU7", "sasaran": "S1", "nama": "Prevalensi Stunting", "satuan": "%",
                "polaritas": "turun", "skala": "", "jenis": "biasa", "kondisi_awal": "24.6"})
    rewrite(broken.folder / "iku.csv", iku)
    cap = broken.rows("iku_capaian.csv")
    cap += [{"iku": "IKU7", "tahun": str(y), "target": t, "realisasi": r, "nilai": ""} for y, t, r in
            ((2021, "22", "23"), (2022, "19", "20.1"), (2023, "17", "17.9"), (2024, "15", "16.8"), (2025, "12", ""),
             (2026, "10", ""))]
    rewrite(broken.folder / "iku_capaian.csv", cap)
    blocks, _ = build(broken.folder)
    text = text_of(blocks)
    assert "telah mencapai 53,42%" in text  # (24,6 - 16,8) / (24,6 - 10), not (2T - R)/T = 32 %
    assert "Catatan metode: capaian terhadap target akhir Renstra dihitung dari kondisi awal" in text
    assert "Prevalensi Stunting (semakin rendah semakin baik) tahun 2024 sebesar 16,80%" in text
    assert "target belum tercapai" in text
    assert "Dibandingkan realisasi tahun 2023 sebesar 17,90%, realisasi turun 1,10 poin persen; kinerja membaik" in text
    assert "realisasi perlu turun 3,40 poin persen per tahun selama 2 tahun tersisa (2025–2026)" in text


def test_numbers_run_without_gaps():
    parts = [Markdown("# BAB II PERENCANAAN {#bab-2}"), Table("<table></table>", "A", "tbl-a"),
             Figure(b"", "F", "fig-a", "alt"), Table("<table></table>", "B", "tbl-b"),
             Markdown("# BAB III AKUNTABILITAS {#bab-3 .nomor-subbab}\n\n## 3.1 Capaian"),
             Table("<table></table>", "C", "tbl-c"), Figure(b"", "G", "fig-b", "alt"),
             Markdown("## 3.2 Anggaran"), Table("<table></table>", "D", "tbl-d"),
             Markdown("# LAMPIRAN {#lampiran .unnumbered}"), Table("<table></table>", "E", "tbl-e"),
             Table("<table></table>", "Tabel 9 Tetap", "tbl-f")]
    got = [p.caption for p in number_captions(parts) if not isinstance(p, Markdown)]
    assert got == ["Tabel 2.1 A", "Gambar 2.1 F", "Tabel 2.2 B", "Tabel 3.1.1 C", "Gambar 3.1 G", "Tabel 3.2.1 D",
                   "Tabel L.1 E", "Tabel 9 Tetap"]
    assert chapter_prefix("BAB IV PENUTUP") == "4" and chapter_prefix("KATA PENGANTAR {.front}") == ""


def test_unit_of_measure_shown_with_values(broken):
    iku = broken.rows("iku.csv")
    iku.append({**iku[0], "kode": "IKU7", "sasaran": "S1", "nama": "Angka Kematian Ibu",
                "satuan": "per 100.000 kelahiran hidup", "polaritas": "turun", "skala": "", "jenis": "biasa",
                "kondisi_awal": "120"})
    rewrite(broken.folder / "iku.csv", iku)
    cap = broken.rows("iku_capaian.csv")
    cap += [{"iku": "IKU7", "tahun": str(y), "target": str(110 - 5 * (y - 2021)), "realisasi": "80" if y == 2024 else
             ("100" if y < 2024 else ""), "nilai": ""} for y in range(2021, 2027)]
    rewrite(broken.folder / "iku_capaian.csv", cap)
    blocks, _ = build(broken.folder)
    assert "sebesar 80 per 100.000 kelahiran hidup dari target 95 per 100.000 kelahiran hidup" in text_of(blocks)
    table = next(b for b in blocks if isinstance(b, Tabel) and b.id == "tbl-target-realisasi")
    assert "per 100.000 kelahiran hidup" in set(table.frame["Satuan"])


@pytest.mark.parametrize("jenis, kepala", [("kabupaten", "Bupati"), ("kota", "Wali Kota"), ("provinsi", "Gubernur")])
def test_region_titles(broken, jenis, kepala):
    profil = (broken.folder / "profil.yaml").read_text(encoding="utf-8")
    (broken.folder / "profil.yaml").write_text(profil + f"jenis_daerah: {jenis}\n", encoding="utf-8")
    data = load_year(broken.folder)
    assert data.sebutan_kepala_daerah == kepala and data.nama_daerah.startswith(jenis.capitalize())
    assert data.isi("{nama_daerah} dipimpin {kepala_daerah}") == f"{data.nama_daerah} dipimpin {kepala}"
    pegawai = T.tbl_pegawai(data)
    assert (pegawai.frame.iloc[:, 0] == f"Staf Ahli {kepala}").any()


def test_unknown_region_kind_is_an_error(broken):
    profil = (broken.folder / "profil.yaml").read_text(encoding="utf-8")
    (broken.folder / "profil.yaml").write_text(profil + "jenis_daerah: kecamatan\n", encoding="utf-8")
    bad = [t for t in validate(load_year(broken.folder)) if t.galat]
    assert bad and bad[0].kolom == "jenis_daerah" and "kota" in bad[0].harapan


def test_missing_realisation_is_not_counted_as_failed(broken):
    broken.edit("iku_capaian.csv", {"iku": "IKU1", "tahun": "2024"}, realisasi="")
    from lkjip.present import text as X

    sentence = X.kesimpulan(load_year(broken.folder))[-2]
    assert "Dari 6 indikator kinerja utama, 2 mencapai atau melampaui target dan 3 belum mencapai target penuh; " \
           "capaian 1 indikator BELUM DIISI" in sentence
