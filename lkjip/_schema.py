"""Schemas of the input files of one year: they validate the data and are the data dictionary.

``docs/data-dictionary.md`` is generated from this module (``lkjip kamus``); a test keeps the two
in sync. Types: ``text``, ``int`` (whole number), ``rupiah`` (whole Rupiah, >= 0), ``number``
(decimal point ``.``), ``year``.
"""
from __future__ import annotations

from dataclasses import dataclass, field

PLACEHOLDERS = ("opd", "kabupaten", "tahun")


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    description: str
    required: bool = True
    allowed: tuple[str, ...] = ()
    ref: tuple[str, str] | None = None  # (file, column) this column must refer to
    min: float | None = None
    max: float | None = None


@dataclass(frozen=True)
class Table:
    file: str
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()
    optional: bool = False
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


def _c(name: str, type_: str, description: str, **kw) -> Column:
    return Column(name, type_, description, **kw)


ORG_JENIS = ("pimpinan", "asisten", "staf_ahli_grup", "staf_ahli", "bagian", "subbagian", "kelompok")
POLARITAS = ("naik", "turun", "kualitatif")
SKALA = ("akip", "sesuai")
RUMUS_REALISASI = ("koordinasi_anggaran",)

TABLES: tuple[Table, ...] = (
    Table("dasar_hukum.csv", "Dasar hukum (1.3)", (
        _c("no", "int", "order", min=1),
        _c("kelompok", "text", "group", allowed=("idiil", "konstitusional", "operasional")),
        _c("teks", "text", "the legal basis as written"),
    ), key=("no",)),
    Table("organisasi.csv", "Struktur organisasi (1.4, Gambar 1.1) as a tree", (
        _c("kode", "text", "unique unit code, e.g. SEKDA, AS1, B-PEM"),
        _c("induk", "text", "parent unit code; empty only for the root", required=False,
           ref=("organisasi.csv", "kode")),
        _c("nama", "text", "unit name"),
        _c("jenis", "text", "kind of unit", allowed=ORG_JENIS),
    ), key=("kode",)),
    Table("pegawai.csv", "Komposisi pegawai (1.5)", (
        _c("kelompok", "text", "breakdown", allowed=("golongan", "pendidikan", "jabatan", "honorer", "staf_ahli")),
        _c("kategori", "text", "category within the breakdown, e.g. Golongan III, S1, Sopir"),
        _c("jumlah", "int", "persons (a dash in a document = 0)", min=0),
    ), key=("kelompok", "kategori"),
        notes=("`golongan` and `pendidikan` each partition all PNS: their totals must be equal.",)),
    Table("tujuan.csv", "Tujuan Renstra (2.1.2)", (
        _c("kode", "text", "T1, T2, ..."),
        _c("tujuan", "text", "the goal"),
        _c("indikator_tujuan", "text", "goal indicator"),
    ), key=("kode",)),
    Table("sasaran.csv", "Sasaran strategis (2.1.2)", (
        _c("kode", "text", "S1, S2, ..."),
        _c("tujuan", "text", "tujuan code", ref=("tujuan.csv", "kode")),
        _c("sasaran", "text", "the strategic objective"),
    ), key=("kode",)),
    Table("iku.csv", "Indikator Kinerja Utama (Tabel 2.1)", (
        _c("kode", "text", "IKU1, IKU2, ..."),
        _c("sasaran", "text", "sasaran code", ref=("sasaran.csv", "kode")),
        _c("nama", "text", "indicator name"),
        _c("satuan", "text", "unit: indeks, predikat, kesesuaian, %"),
        _c("polaritas", "text", "naik = higher is better, turun = lower is better, kualitatif = ordinal scale",
           allowed=POLARITAS),
        _c("skala", "text", "ordinal scale of a qualitative indicator (akip: AA>A>BB>B>CC>C>D; sesuai)",
           required=False, allowed=SKALA),
        _c("formula", "text", "how it is measured"),
        _c("sumber_data", "text", "data source"),
        _c("penanggung_jawab", "text", "responsible person"),
        _c("kondisi_awal", "text", "baseline (KKA); NA if none"),
        _c("rumus_realisasi", "text", "empty = realisation is data; koordinasi_anggaran = computed from the "
           "budgets of the programs serving the sasaran (Tabel 3.1.8)", required=False, allowed=RUMUS_REALISASI),
    ), key=("kode",)),
    Table("iku_capaian.csv", "Target and realisation per IKU per year (Tabel 2.1, 3.1.1, 3.1.4, 3.1.5)", (
        _c("iku", "text", "IKU code", ref=("iku.csv", "kode")),
        _c("tahun", "year", "year inside the Renstra period"),
        _c("target", "text", "number (90, 100) or predikat (BB) or Sesuai"),
        _c("realisasi", "text", "same kinds as target; empty = not measured yet", required=False),
        _c("nilai", "number", "numeric score behind a predikat realisation (e.g. AKIP 72.31)", required=False),
    ), key=("iku", "tahun")),
    Table("ikm_unsur.csv", "IKM per unsur (Tabel 3.1.8; PermenPANRB 14/2017)", (
        _c("no", "int", "unsur number 1..9", min=1, max=9),
        _c("unsur", "text", "unsur name"),
        _c("nrr", "number", "nilai rata-rata of the unsur, 1..4; empty = not measured yet", required=False,
           min=1, max=4),
    ), key=("no",)),
    Table("ikm_responden.csv", "Raw IKM survey answers (optional): one row per respondent", (
        _c("responden", "text", "respondent id"),
        *(_c(f"u{i}", "int", f"answer to unsur {i}, 1..4", min=1, max=4) for i in range(1, 10)),
    ), key=("responden",), optional=True),
    Table("akip.csv", "AKIP evaluation components (PermenPANRB 88/2021)", (
        _c("kode", "text", "component", allowed=("perencanaan", "pengukuran", "pelaporan", "evaluasi")),
        _c("komponen", "text", "component name"),
        _c("bobot", "number", "maximum score of the component", min=0, max=100),
        _c("nilai", "number", "score obtained; empty = not evaluated yet", required=False, min=0, max=100),
    ), key=("kode",)),
    Table("opini_bpk.csv", "BPK opinion categories (Tabel 3.1.3)", (
        _c("opini", "text", "opinion"),
        _c("keterangan", "text", "meaning"),
    ), key=("opini",)),
    Table("program.csv", "Programs (Tabel 2.2, 2.4, 2.5, 3.1.8-3.1.10, 3.2.1)", (
        _c("kode", "text", "P1, P2, ..."),
        _c("nama", "text", "program name"),
        _c("sasaran", "text", "sasaran the program serves", ref=("sasaran.csv", "kode")),
        _c("pagu", "rupiah", "pagu APBD-P (Rp); empty = not budgeted yet (draft)", required=False, min=0),
        _c("realisasi", "rupiah", "realisasi keuangan / dana terserap (Rp)", required=False, min=0),
        _c("target_keuangan", "number", "financial target (%)", min=0, max=100),
        _c("target_fisik", "number", "physical target (%)", min=0, max=100),
        _c("realisasi_fisik", "number", "physical realisation (%)", required=False, min=0, max=100),
    ), key=("kode",)),
    Table("kegiatan.csv", "Kegiatan (Tabel 2.2, 2.4)", (
        _c("kode", "text", "K01, K02, ..."),
        _c("program", "text", "program code", ref=("program.csv", "kode")),
        _c("nama", "text", "kegiatan name"),
        _c("bagian", "text", "responsible Bagian (organisasi code)", ref=("organisasi.csv", "kode")),
        _c("aksi", "text", "action of the Rencana Aksi; empty where the plan names none", required=False),
        _c("indikator", "text", "output indicator"),
        _c("target", "number", "target volume", min=0),
        _c("satuan", "text", "unit of the target"),
        _c("pagu", "rupiah", "pagu APBD-P (Rp); empty = not budgeted yet (draft)", required=False, min=0),
    ), key=("kode",)),
    Table("subkegiatan.csv", "Sub-kegiatan (Tabel 2.2, 2.4)", (
        _c("kode", "text", "SK01, SK02, ..."),
        _c("kegiatan", "text", "kegiatan code", ref=("kegiatan.csv", "kode")),
        _c("nama", "text", "sub-kegiatan name"),
        _c("indikator", "text", "output indicator"),
        _c("target", "number", "target volume; empty if unknown", required=False, min=0),
        _c("satuan", "text", "unit of the target", required=False),
        _c("pagu", "rupiah", "pagu APBD-P (Rp); empty = not budgeted yet (draft)", required=False, min=0),
    ), key=("kode",)),
    Table("rkt.csv", "Rencana Kinerja Tahunan (Tabel 2.3)", (
        _c("subkegiatan", "text", "sub-kegiatan code", ref=("subkegiatan.csv", "kode")),
        _c("tahun", "year", "year inside the Renstra period"),
        _c("target", "text", "target as written, e.g. 4 Dok", required=False),
    ), key=("subkegiatan", "tahun")),
    Table("belanja.csv", "Budget by type of spending (2.5)", (
        _c("kode", "text", "type code"),
        _c("jenis", "text", "type name"),
        _c("pagu", "rupiah", "pagu (Rp); empty = not budgeted yet (draft)", required=False, min=0),
    ), key=("kode",)),
    Table("analisis.csv", "Causes and solutions per IKU (Tabel 3.1.6)", (
        _c("iku", "text", "IKU code", ref=("iku.csv", "kode")),
        _c("keberhasilan", "text", "cause of success/failure; empty = not written yet", required=False),
        _c("solusi", "text", "alternative solutions carried out; empty = not written yet", required=False),
    ), key=("iku",)),
    Table("tim_penyusun.csv", "Report team (Lampiran)", (
        _c("no", "int", "order", min=1),
        _c("peran", "text", "role", allowed=("Pengarah", "Pembina", "Penanggungjawab", "Anggota")),
        _c("jabatan", "text", "position of the member"),
    ), key=("no",)),
)

TABLE_BY_FILE = {t.file: t for t in TABLES}

PROFILE_KEYS: dict[str, str] = {
    "tahun": "report year (int)",
    "opd": "unit name without the kabupaten, e.g. Sekretariat Daerah",
    "opd_singkat": "short unit name, e.g. Setda",
    "kabupaten": "kabupaten name without the word Kabupaten",
    "provinsi": "province",
    "ibukota": "place where the report is signed",
    "alamat": "address lines (list)",
    "disiapkan_oleh": "Bagian that prepared the report",
    "tanggal_laporan": "date the report is signed (YYYY-MM-DD)",
    "penandatangan": "{nama, jabatan} of the head who signs",
    "kepala_daerah": "{nama, jabatan}: the Perjanjian Kinerja's pihak kedua",
    "renstra": "{mulai, selesai}: Renstra period",
    "visi": "visi of the kepala daerah",
    "misi": "list of misi",
    "pk_total_anggaran": "total budget stated in the Perjanjian Kinerja (Rp)",
}

# Required keys a draft year may still leave empty (a warning; the report marks them BELUM DIISI).
PROFILE_DRAFT = ("tanggal_laporan", "pk_total_anggaran")

# Optional profile keys: used when present; the report shows a sensible default or nothing otherwise.
PROFILE_OPTIONAL: dict[str, str] = {
    "telepon": "telephone number of the office (text)",
    "faks": "fax number of the office (text)",
    "moto": "motto printed on the cover",
    "visi_singkat": "short name of the visi, e.g. MERAKYAT",
    "penjabaran_visi": "explanation of the visi (2.1.1)",
    "misi_prioritas": "number (1-based) of the misi that is the unit's priority agenda",
    "perjanjian_kinerja": "{jenis}: title of the PK, e.g. Perjanjian Kinerja Perubahan",
    "tim_penyusun": "{nomor, tanggal (YYYY-MM-DD), tentang}: the decree forming the report team (Lampiran)",
    "sumber_anggaran": "source of the budget shown in the PK tables, e.g. APBD-P (default APBD)",
    "kode_wilayah": "Kemendagri region code of the kabupaten/kota, e.g. '15.07' (open data; quote it in YAML)",
    "lisensi": "licence of the open data, an SPDX id such as CC-BY-4.0 (the default) or CC0-1.0",
}

NARASI: dict[str, str] = {
    "kata_pengantar.md": "Kata Pengantar",
    "bab1_latar_belakang.md": "1.1 Latar Belakang",
    "bab1_maksud_tujuan.md": "1.2 Maksud dan Tujuan",
    "bab1_struktur_organisasi.md": "1.4 Struktur Organisasi (pengantar)",
    "bab1_sdm.md": "1.5 Sumber Daya Aparatur (pengantar)",
    "bab1_sistematika.md": "1.6 Sistematika Penulisan",
    "bab2_renstra.md": "2.1 Rencana Strategis",
    "bab2_tujuan_sasaran.md": "2.1.2 Tujuan dan Sasaran",
    "bab2_cara_pencapaian.md": "2.2 Cara Pencapaian Tujuan dan Sasaran",
    "bab2_rkt.md": "2.3 Rencana Kinerja Tahunan",
    "bab2_rencana_aksi.md": "2.4 Rencana Aksi",
    "bab3_pengantar.md": "Bab III (pengantar)",
    "bab3_pengukuran.md": "3.1 Capaian Kinerja (cara pengukuran)",
    "bab3_analisis_iku.md": "3.1.1-3.1.3 analisis kualitatif per IKU (#### IKU1 ...)",
    "bab3_sap_kriteria.md": "3.1.1 kriteria indikator kesesuaian SAP",
    "bab3_standar_nasional.md": "3.1.4 perbandingan dengan standar nasional",
    "bab3_efisiensi.md": "3.1.6 efisiensi (pengantar)",
    "bab3_program_pendukung.md": "3.1.7 program pendukung (#### S1 ...)",
    "bab3_realisasi_anggaran.md": "3.2 Realisasi Anggaran",
    "bab4_kesimpulan.md": "4.1 Kesimpulan (bagian kualitatif)",
    "bab4_rekomendasi.md": "4.2 Rekomendasi",
    "lampiran_tim.md": "Lampiran: SK pembentukan tim penyusun",
}
