"""The year's results as tidy open-data tables (one observation per row, Indonesian column names),
written next to the report for a Satu Data Indonesia portal (``data/terbuka/`` of the output)."""
from __future__ import annotations

import pandas as pd

from .. import compute
from ..load import DataTahun
from ..spreadsheet import rounded

FOLDER = "terbuka"


def tables(data: DataTahun) -> dict[str, tuple[str, pd.DataFrame]]:
    """``{file stem: (description, frame)}`` of the year's open data."""
    meta = {"kabupaten": data.profil.get("kabupaten"), "opd": data.profil.get("opd"), "tahun_laporan": data.tahun}

    def with_meta(frame: pd.DataFrame) -> pd.DataFrame:
        return rounded(pd.concat([pd.DataFrame([meta] * len(frame)), frame.reset_index(drop=True)], axis=1))

    hist = compute.riwayat_iku(data)
    iku = hist[["tahun", "iku", "nama", "sasaran", "nama_sasaran", "satuan", "target", "realisasi", "capaian",
                "kategori"]].rename(columns={
                    "iku": "kode_iku", "nama": "indikator", "sasaran": "kode_sasaran", "nama_sasaran": "sasaran",
                    "capaian": "capaian_persen", "kategori": "kategori_capaian"})
    prog = compute.program(data)[["kode", "nama", "sasaran", "pagu", "realisasi", "persen", "sisa",
                                  "target_fisik", "realisasi_fisik", "capaian"]].rename(columns={
        "kode": "kode_program", "nama": "program", "sasaran": "kode_sasaran", "pagu": "pagu_rp",
        "realisasi": "realisasi_rp", "persen": "serapan_persen", "sisa": "sisa_rp",
        "target_fisik": "target_fisik_persen", "realisasi_fisik": "realisasi_fisik_persen",
        "capaian": "capaian_koordinasi_persen"})
    belanja = compute.belanja(data)[["jenis", "pagu", "porsi"]].rename(
        columns={"jenis": "jenis_belanja", "pagu": "pagu_rp", "porsi": "porsi_persen"})
    ikm = compute.ikm(data).unsur[["no", "unsur", "nrr", "mutu"]].rename(columns={"no": "no_unsur"})
    akip = compute.akip(data).komponen[["komponen", "bobot", "nilai", "persen"]].rename(
        columns={"persen": "persen_dari_bobot"})
    pegawai = data["pegawai"][["kelompok", "kategori", "jumlah"]]
    return {
        "capaian_iku": ("Target, realisasi dan capaian indikator kinerja utama per tahun Renstra", with_meta(iku)),
        "anggaran_program": ("Pagu, realisasi dan capaian per program tahun laporan", with_meta(prog)),
        "anggaran_belanja": ("Pagu per jenis belanja (Perjanjian Kinerja)", with_meta(belanja)),
        "ikm_unsur": ("Nilai rata-rata per unsur Indeks Kepuasan Masyarakat (PermenPANRB 14/2017)", with_meta(ikm)),
        "akip_komponen": ("Nilai komponen evaluasi AKIP (PermenPANRB 88/2021)", with_meta(akip)),
        "pegawai": ("Komposisi pegawai", with_meta(pegawai)),
    }


def files(data: DataTahun) -> dict[str, bytes]:
    """``{relative path: bytes}``: each table as CSV and XLSX, plus a README describing them."""
    from ..spreadsheet import frame_files

    out: dict[str, bytes] = {}
    lines = [f"Data terbuka LKjIP {data.profil.get('opd', '')} {data.nama_daerah} "
             f"tahun {data.tahun}", "",
             "Dihasilkan oleh lkjip dari data yang sama dengan laporan. Berkas CSV (UTF-8, titik desimal) dan XLSX:",
             ""]
    for stem, (description, frame) in tables(data).items():
        csv_data, xlsx_data = frame_files(frame, sheet=stem, title=description)
        out[f"{FOLDER}/{stem}.csv"] = csv_data
        out[f"{FOLDER}/{stem}.xlsx"] = xlsx_data
        lines.append(f"- {stem}.csv / .xlsx: {description}. Kolom: {', '.join(map(str, frame.columns))}.")
    out[f"{FOLDER}/BACA.txt"] = ("\n".join(lines) + "\n").encode("utf-8")
    return out
