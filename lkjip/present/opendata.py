"""The year's results as tidy open-data tables (one observation per row, Indonesian column names),
written next to the report for a Satu Data Indonesia portal (``data/terbuka/`` of the output), with
a Frictionless ``datapackage.json`` (:mod:`.datapackage`). Numbers are numbers; a column that mixes
numbers and words (an IKU target ``90`` / ``BB`` / ``Sesuai``) keeps the numbers and puts the words in
``<column>_teks``; a missing value is an empty cell."""
from __future__ import annotations

import pandas as pd

from .. import compute
from ..load import DataTahun
from ..spreadsheet import rounded

FOLDER = "terbuka"


def tables(data: DataTahun) -> dict[str, tuple[str, pd.DataFrame]]:
    """``{file stem: (description, frame)}`` of the year's open data."""
    meta = {"kabupaten": data.profil.get("kabupaten"), "daerah": data.nama_daerah, "opd": data.profil.get("opd"),
            "tahun_laporan": data.tahun}
    if data.profil.get("kode_wilayah"):
        meta = {"kode_wilayah": str(data.profil["kode_wilayah"]), **meta}

    def with_meta(frame: pd.DataFrame) -> pd.DataFrame:
        return rounded(pd.concat([pd.DataFrame([meta] * len(frame)), frame.reset_index(drop=True)], axis=1))

    hist = compute.riwayat_iku(data)
    iku = hist[["tahun", "iku", "nama", "sasaran", "nama_sasaran", "satuan", "target", "realisasi", "capaian",
                "kategori"]].pipe(numbers_and_text, ["target", "realisasi"]).rename(columns={
                    "iku": "kode_iku", "nama": "indikator", "sasaran": "kode_sasaran", "nama_sasaran": "sasaran",
                    "capaian": "capaian_persen", "kategori": "kategori_capaian"})
    prog = compute.program(data)[["kode", "nama", "sasaran", "porsi", "pagu", "realisasi", "persen", "sisa",
                                  "target_fisik", "realisasi_fisik", "capaian"]].rename(columns={
        "kode": "kode_program", "nama": "program", "sasaran": "kode_sasaran", "porsi": "porsi_persen",
        "pagu": "pagu_rp",
        "realisasi": "realisasi_rp", "persen": "serapan_persen", "sisa": "sisa_rp",
        "target_fisik": "target_fisik_persen", "realisasi_fisik": "realisasi_fisik_persen",
        "capaian": "capaian_koordinasi_persen"})
    belanja = compute.belanja(data)[["jenis", "pagu", "porsi"]].rename(
        columns={"jenis": "jenis_belanja", "pagu": "pagu_rp", "porsi": "porsi_persen"})
    pegawai = data["pegawai"][["kelompok", "kategori", "jumlah"]]
    out = {
        "capaian_iku": ("Target, realisasi dan capaian indikator kinerja utama per tahun Renstra", with_meta(iku)),
        "anggaran_program": ("Pagu, realisasi dan capaian per program dan sasaran yang didukungnya (porsi) tahun "
                             "laporan", with_meta(prog)),
        "anggaran_belanja": ("Pagu per jenis belanja (Perjanjian Kinerja)", with_meta(belanja)),
    }
    if data.punya_jenis("ikm") and len(data["ikm_unsur"]):
        ikm = compute.ikm(data).unsur[["no", "unsur", "nrr", "mutu"]].rename(columns={"no": "no_unsur"})
        out["ikm_unsur"] = ("Nilai rata-rata per unsur Indeks Kepuasan Masyarakat (PermenPANRB 14/2017)",
                            with_meta(ikm))
    if data.punya_jenis("akip") and len(data["akip"]):
        akip = compute.akip(data).komponen[["komponen", "bobot", "nilai", "persen"]].rename(
            columns={"persen": "persen_dari_bobot"})
        out["akip_komponen"] = ("Nilai komponen evaluasi AKIP (PermenPANRB 88/2021)", with_meta(akip))
    out["pegawai"] = ("Komposisi pegawai", with_meta(pegawai))
    return out


def numbers_and_text(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Each of ``columns`` (data text such as ``90``, ``96.25``, ``BB``, ``Sesuai``) as numbers, with
    the cells that are not numbers in ``<column>_teks`` right after it."""
    out = frame.copy()
    for col in columns:
        number = pd.to_numeric(out[col], errors="coerce")
        words = out[col].where(number.isna() & out[col].notna() & out[col].astype(str).str.strip().ne(""))
        values = [None if pd.isna(v) else (int(v) if float(v).is_integer() else float(v)) for v in number]
        out[col] = pd.Series(values, index=out.index, dtype=object)
        at = list(out.columns).index(col) + 1
        out.insert(at, f"{col}_teks", pd.Series([None if pd.isna(w) else str(w) for w in words], index=out.index,
                                                dtype=object))
    return out


def files(data: DataTahun) -> dict[str, bytes]:
    """``{relative path: bytes}``: each table as CSV and XLSX, a README describing them and the
    Frictionless ``datapackage.json``."""
    from ..spreadsheet import frame_files
    from .datapackage import FILE, package_bytes

    out: dict[str, bytes] = {}
    lines = [f"Data terbuka LKjIP {data.profil.get('opd', '')} {data.nama_daerah} "
             f"tahun {data.tahun}", "",
             "Dihasilkan oleh lkjip dari data yang sama dengan laporan. Berkas CSV (UTF-8, titik desimal) dan XLSX:",
             ""]
    resources = tables(data)
    for stem, (description, frame) in resources.items():
        csv_data, xlsx_data = frame_files(frame, sheet=stem, title=description)
        out[f"{FOLDER}/{stem}.csv"] = csv_data
        out[f"{FOLDER}/{stem}.xlsx"] = xlsx_data
        lines.append(f"- {stem}.csv / .xlsx: {description}. Kolom: {', '.join(map(str, frame.columns))}.")
    lines += ["", f"{FILE}: deskripsi Frictionless Data Package (lisensi, penerbit, kode wilayah, periode, skema "
              "setiap berkas). Nilai kosong berarti belum diisi."]
    out[f"{FOLDER}/BACA.txt"] = ("\n".join(lines) + "\n").encode("utf-8")
    out[f"{FOLDER}/{FILE}"] = package_bytes(data.profil, data.tahun, resources)
    return out
