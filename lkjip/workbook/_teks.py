"""Indonesian texts of the workbook: table and column meanings, profile keys, the instructions sheet.

The schemas in :mod:`lkjip._schema` describe the data in English (they generate the data
dictionary); a workbook is filled by the unit's staff, so every text in it is Bahasa Indonesia.
A column without an entry here falls back to the schema's description.
"""
from __future__ import annotations

from .._schema import PROFILE_DRAFT, PROFILE_KEYS, Column, Table

HELP_MARK = "ℹ"  # first character of every help-row cell: the importer recognises the row by it

TABEL: dict[str, str] = {
    "dasar_hukum": "Dasar hukum (1.3)",
    "organisasi": "Struktur organisasi (1.4, Gambar 1.1), disusun sebagai pohon",
    "pegawai": "Komposisi pegawai (1.5)",
    "tujuan": "Tujuan Renstra (2.1.2)",
    "sasaran": "Sasaran strategis (2.1.2)",
    "iku": "Indikator Kinerja Utama (Tabel 2.1)",
    "iku_capaian": "Target dan realisasi setiap IKU per tahun (Tabel 2.1, 3.1.1, 3.1.4, 3.1.5)",
    "ikm_unsur": "IKM per unsur (Tabel 3.1.8; PermenPANRB 14/2017)",
    "ikm_responden": "Jawaban survei IKM, satu baris per responden (boleh tidak diisi)",
    "akip": "Komponen evaluasi AKIP (PermenPANRB 88/2021)",
    "opini_bpk": "Kategori opini BPK (Tabel 3.1.3)",
    "program": "Program (Tabel 2.2, 2.4, 2.5, 3.1.8-3.1.10, 3.2.1)",
    "kegiatan": "Kegiatan (Tabel 2.2, 2.4)",
    "subkegiatan": "Sub-kegiatan (Tabel 2.2, 2.4)",
    "rkt": "Rencana Kinerja Tahunan (Tabel 2.3)",
    "belanja": "Anggaran per jenis belanja (2.5)",
    "analisis": "Penyebab keberhasilan/kegagalan dan solusi per IKU (Tabel 3.1.6)",
    "tim_penyusun": "Tim penyusun laporan (Lampiran)",
}

_PAGU = "pagu APBD-P (Rp); kosong = belum dianggarkan (draf)"

KOLOM: dict[str, str] = {
    "dasar_hukum.no": "nomor urut",
    "dasar_hukum.kelompok": "kelompok dasar hukum",
    "dasar_hukum.teks": "bunyi dasar hukum sebagaimana ditulis",
    "organisasi.kode": "kode unik unit, mis. SEKDA, AS1, B-PEM",
    "organisasi.induk": "kode unit atasan; kosong hanya untuk pimpinan tertinggi",
    "organisasi.nama": "nama unit",
    "organisasi.jenis": "jenis unit; unit staf (sekretariat, sekretaris, staf ahli, komite, kelompok jabatan "
                        "fungsional) digambar di samping garis komando",
    "pegawai.kelompok": "pengelompokan pegawai: golongan/pendidikan/jabatan (PNS), pppk, honorer (non-ASN), "
                        "staf_ahli",
    "pegawai.kategori": "kategori dalam kelompok, mis. Golongan III, S1, Sopir",
    "pegawai.jumlah": "jumlah orang (tanda '-' di dokumen = 0)",
    "tujuan.kode": "kode tujuan: T1, T2, ...",
    "tujuan.tujuan": "rumusan tujuan",
    "tujuan.indikator_tujuan": "indikator tujuan",
    "sasaran.kode": "kode sasaran: S1, S2, ...",
    "sasaran.tujuan": "kode tujuan",
    "sasaran.sasaran": "rumusan sasaran strategis",
    "iku.kode": "kode IKU: IKU1, IKU2, ...",
    "iku.sasaran": "kode sasaran",
    "iku.nama": "nama indikator",
    "iku.satuan": "satuan ukur, tampil bersama setiap nilai: %, indeks, predikat, kesesuaian, per 100.000 kelahiran "
                  "hidup, ...",
    "iku.polaritas": "naik = makin tinggi makin baik, turun = makin rendah makin baik, kualitatif = skala peringkat",
    "iku.skala": "skala indikator kualitatif (akip: AA>A>BB>B>CC>C>D; sesuai)",
    "iku.formula": "cara pengukuran",
    "iku.sumber_data": "sumber data",
    "iku.penanggung_jawab": "penanggung jawab",
    "iku.kondisi_awal": "kondisi awal (KKA); NA bila tidak ada",
    "iku.jenis": "jenis indikator: biasa (kosong = biasa), ikm (survei, perlu sheet ikm_unsur), akip (perlu sheet "
                 "akip), opini (opini BPK/SAP, perlu sheet opini_bpk), anggaran (realisasi dihitung dari anggaran "
                 "program pendukung sasarannya)",
    "program_sasaran.program": "kode program yang mendukung lebih dari satu sasaran",
    "program_sasaran.sasaran": "kode sasaran yang didukung",
    "program_sasaran.porsi": "porsi pagu dan realisasi program untuk sasaran ini (%); jumlah per program 100",
    "iku_capaian.iku": "kode IKU",
    "iku_capaian.tahun": "tahun dalam periode Renstra",
    "iku_capaian.target": "angka (90, 100), predikat (BB) atau Sesuai",
    "iku_capaian.realisasi": "jenis nilai sama dengan target; kosong = belum diukur",
    "iku_capaian.nilai": "nilai angka di balik realisasi berupa predikat (mis. AKIP 72.31)",
    "ikm_unsur.no": "nomor unsur 1..9",
    "ikm_unsur.unsur": "nama unsur",
    "ikm_unsur.nrr": "nilai rata-rata (NRR) unsur, 1..4; kosong = belum diukur",
    "ikm_responden.responden": "nomor atau kode responden",
    "akip.kode": "komponen",
    "akip.komponen": "nama komponen",
    "akip.bobot": "nilai maksimum komponen",
    "akip.nilai": "nilai yang diperoleh; kosong = belum dievaluasi",
    "opini_bpk.opini": "opini",
    "opini_bpk.keterangan": "arti opini",
    "program.kode": "kode program: P1, P2, ...",
    "program.nama": "nama program",
    "program.sasaran": "kode sasaran yang didukung program; kosong bila dipetakan di sheet program_sasaran",
    "program.pagu": _PAGU,
    "program.realisasi": "realisasi keuangan / dana terserap (Rp)",
    "program.target_keuangan": "target keuangan (%)",
    "program.target_fisik": "target fisik (%)",
    "program.realisasi_fisik": "realisasi fisik (%)",
    "kegiatan.kode": "kode kegiatan: K01, K02, ...",
    "kegiatan.program": "kode program",
    "kegiatan.nama": "nama kegiatan",
    "kegiatan.bagian": "Bagian penanggung jawab (kode di sheet organisasi)",
    "kegiatan.aksi": "aksi dalam Rencana Aksi; kosong bila rencana tidak menyebutnya",
    "kegiatan.indikator": "indikator keluaran",
    "kegiatan.target": "volume target",
    "kegiatan.satuan": "satuan target",
    "kegiatan.pagu": _PAGU,
    "subkegiatan.kode": "kode sub-kegiatan: SK01, SK02, ...",
    "subkegiatan.kegiatan": "kode kegiatan",
    "subkegiatan.nama": "nama sub-kegiatan",
    "subkegiatan.indikator": "indikator keluaran",
    "subkegiatan.target": "volume target; kosong bila tidak diketahui",
    "subkegiatan.satuan": "satuan target",
    "subkegiatan.pagu": _PAGU,
    "rkt.subkegiatan": "kode sub-kegiatan",
    "rkt.tahun": "tahun dalam periode Renstra",
    "rkt.target": "target sebagaimana ditulis, mis. 4 Dok",
    "belanja.kode": "kode jenis belanja",
    "belanja.jenis": "nama jenis belanja",
    "belanja.pagu": "pagu (Rp); kosong = belum dianggarkan (draf)",
    "analisis.iku": "kode IKU",
    "analisis.keberhasilan": "penyebab keberhasilan/kegagalan; kosong = belum ditulis",
    "analisis.solusi": "alternatif solusi yang telah dilakukan; kosong = belum ditulis",
    "tim_penyusun.no": "nomor urut",
    "tim_penyusun.peran": "kedudukan dalam tim seperti tertulis di SK (mis. Pengarah, Ketua, Sekretaris, Anggota)",
    "tim_penyusun.jabatan": "jabatan anggota",
    **{f"ikm_responden.u{i}": f"jawaban untuk unsur {i}, 1..4" for i in range(1, 10)},
}

JENIS: dict[str, str] = {
    "text": "teks",
    "int": "bilangan bulat",
    "rupiah": "Rupiah, angka bulat",
    "number": "angka (desimal boleh)",
    "year": "tahun empat angka",
}

PROFIL: dict[str, str] = {
    "tahun": "tahun laporan (bilangan bulat)",
    "opd": "nama unit tanpa kabupaten, mis. Sekretariat Daerah",
    "opd_singkat": "nama singkat unit, mis. Setda",
    "kabupaten": "nama daerah (kabupaten/kota/provinsi) tanpa kata Kabupaten/Kota/Provinsi",
    "jenis_daerah": "kabupaten (bawaan), kota atau provinsi: sebutan daerah dan kepala daerahnya (Bupati/Wali Kota/"
                    "Gubernur)",
    "provinsi": "provinsi",
    "ibukota": "tempat laporan ditandatangani",
    "alamat": "baris alamat",
    "telepon": "nomor telepon kantor (teks)",
    "faks": "nomor faks kantor (teks)",
    "disiapkan_oleh": "Bagian yang menyiapkan laporan",
    "moto": "moto pada sampul",
    "tanggal_laporan": "tanggal laporan ditandatangani (tanggal, YYYY-MM-DD)",
    "penandatangan": "pejabat yang menandatangani laporan",
    "kepala_daerah": "kepala daerah, pihak kedua Perjanjian Kinerja",
    "renstra": "periode Renstra",
    "visi": "visi kepala daerah",
    "visi_singkat": "nama singkat visi, mis. MERAKYAT",
    "penjabaran_visi": "penjabaran visi (2.1.1)",
    "misi": "misi",
    "misi_prioritas": "nomor misi (mulai 1) yang menjadi agenda prioritas unit",
    "perjanjian_kinerja": "Perjanjian Kinerja",
    "tim_penyusun": "SK pembentukan tim penyusun laporan (Lampiran)",
    "sumber_anggaran": "sumber anggaran pada tabel PK, mis. APBD-P (bawaan APBD)",
    "pk_total_anggaran": "total anggaran dalam Perjanjian Kinerja (Rp, angka bulat)",
}

SUBKUNCI: dict[str, str] = {
    "nama": "nama",
    "jabatan": "jabatan",
    "mulai": "tahun awal",
    "selesai": "tahun akhir",
    "jenis": "judul, mis. Perjanjian Kinerja Perubahan",
    "nomor": "nomor SK, mis. 13 Tahun 2025",
    "tanggal": "tanggal SK (tanggal, YYYY-MM-DD)",
    "tentang": "perihal SK",
}


def arti_kolom(table: Table, col: Column) -> str:
    """Meaning of ``col`` in Bahasa Indonesia (the schema's description when no translation exists)."""
    return KOLOM.get(f"{table.file[:-4]}.{col.name}", col.description)


def bantuan_kolom(table: Table, col: Column) -> str:
    """The help-row text of one column: meaning, type, required, allowed values / reference / range."""
    parts = [arti_kolom(table, col), JENIS[col.type], "wajib diisi" if col.required else "boleh kosong"]
    if col.allowed:
        parts.append("pilihan: " + ", ".join(col.allowed))
    if col.ref:
        parts.append(f"kode dari sheet {col.ref[0][:-4]} kolom {col.ref[1]}")
    if col.min is not None and col.max is not None:
        parts.append(f"antara {col.min:g} dan {col.max:g}")
    elif col.min is not None:
        parts.append(f"paling kecil {col.min:g}")
    return f"{HELP_MARK} " + "; ".join(parts)


def arti_profil(kunci: str) -> str:
    """The keterangan of a flattened profile key such as ``penandatangan.nama`` or ``misi.2``."""
    top, *rest = kunci.split(".")
    text = PROFIL.get(top, "kunci tambahan")
    for part in rest:
        text += f" ke-{part}" if part.isdigit() else ": " + SUBKUNCI.get(part, part)
    if top in PROFILE_DRAFT:
        return text + " (wajib; boleh kosong selama draf, laporan menandainya BELUM DIISI)"
    return text + (" (wajib)" if top in PROFILE_KEYS else " (opsional)")


def petunjuk(tahun: int, berkas: str, sumber: str, judul_unit: str) -> list[tuple[str, str]]:
    """Lines of the instructions sheet as ``(style, text)``; style is ``judul``, ``sub``, ``kepala`` or ``""``."""
    return [
        ("judul", f"Templat data LKjIP {tahun}"),
        ("sub", judul_unit),
        ("sub", sumber),
        ("", ""),
        ("kepala", "Cara memakai"),
        ("", "1. Isi sheet profil, satu sheet per tabel data (nama sheet = nama berkas CSV), dan sheet narasi."),
        ("", "2. Simpan sebagai Excel Workbook (.xlsx). Jangan mengganti nama sheet atau nama kolom di baris 1."),
        ("", f"3. Impor ke data/{tahun}/:   lkjip import {berkas} --year {tahun}"),
        ("", f"   Folder data/{tahun} yang sudah ada tidak pernah diubah, kecuali dengan --replace; data lama "
             f"lalu disimpan di data/.cadangan/{tahun}-1/ (nomor berikutnya: -2, -3, ...)."),
        ("", "   Impor memeriksa semua isian lebih dahulu; bila ada galat, setiap galat disebut dengan nama sheet "
             "dan selnya (mis. subkegiatan!G5) dan tidak ada berkas yang ditulis."),
        ("", f"4. Periksa:   lkjip check {tahun}"),
        ("", f"5. Buat laporan:   lkjip render {tahun}"),
        ("", ""),
        ("kepala", "Aturan pengisian"),
        ("", "• Baris 1 berisi nama kolom, baris 2 petunjuk kolom (diawali ℹ); data mulai baris 3. "
             "Baris kosong dilewati."),
        ("", "• Sel kosong berarti tidak ada nilai. Kolom 'wajib diisi' tidak boleh kosong."),
        ("", "• Ketik angka sebagai angka, bukan teks. Rupiah adalah angka bulat; pemisah ribuan yang tampil "
             "hanyalah format Excel."),
        ("", "• Jumlah desimal yang tampil di sel ikut disimpan: 23,70 tersimpan sebagai 23.70."),
        ("", "• Kolom kode yang merujuk sheet lain (mis. kegiatan.program) memberi daftar pilihan dari sheet "
             "induknya: isi sheet induk lebih dahulu."),
        ("", "• Jangan memakai rumus Excel; ketik nilainya. Teks yang diawali =, +, - atau @ disimpan sebagai "
             "teks biasa."),
        ("", "• Sheet profil: satu baris per kunci. Kunci bertingkat memakai titik (penandatangan.nama), daftar "
             "memakai nomor (misi.1, misi.2, ...). Tanggal diisi sebagai tanggal. Baris opsional yang kosong "
             "dilewati."),
        ("", "• Sheet narasi: satu baris per berkas narasi/*.md, teks dalam Markdown (Alt+Enter untuk baris "
             "baru). {opd}, {kabupaten} dan {tahun} diisi otomatis. Teks kosong berarti belum diisi: laporan "
             "menandainya BELUM DIISI."),
        ("", ""),
        ("kepala", "Daftar sheet"),
    ]


