"""Schemas of the input files of one year: they validate the data and are the data dictionary.

``docs/data-dictionary.md`` is generated from this module (``lkjip kamus``); a test keeps the two
in sync. Types: ``text``, ``int`` (whole number), ``rupiah`` (whole Rupiah, >= 0), ``number``
(decimal point ``.``), ``year``.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ._profil_schema import kunci_draf, kunci_opsional, kunci_wajib

PLACEHOLDERS = ("opd", "daerah", "kabupaten", "nama_daerah", "kepala_daerah", "tahun")


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
    # a column added after the first release: a file whose header lacks it still loads (all empty)
    boleh_absen: bool = False
    # values offered in the workbook's drop-down without forbidding others (free text with suggestions)
    saran: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table:
    file: str
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()
    optional: bool = False
    notes: tuple[str, ...] = field(default_factory=tuple)
    # columns of an earlier format still read (as text) with a warning naming the replacement
    usang: dict[str, str] = field(default_factory=dict)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


def _c(name: str, type_: str, description: str, **kw) -> Column:
    return Column(name, type_, description, **kw)


#: Kinds of organisation unit, for every kind of OPD: Setda (asisten, staf ahli, bagian), dinas/badan
#: (sekretariat, bidang, seksi, UPTD), kecamatan (sekretaris, seksi, kelurahan/desa), RSUD (wakil
#: direktur, instalasi, komite). Staff units (:data:`ORG_STAF`) are drawn beside the line of command.
ORG_JENIS = ("pimpinan", "wakil", "asisten", "staf_ahli_grup", "staf_ahli", "sekretariat", "sekretaris", "bagian",
             "bidang", "subbagian", "subbidang", "seksi", "uptd", "instalasi", "komite", "kelurahan", "desa",
             "kelompok")
ORG_STAF = ("staf_ahli_grup", "staf_ahli", "sekretariat", "sekretaris", "komite", "kelompok")
POLARITAS = ("naik", "turun", "kualitatif")
SKALA = ("akip", "sesuai")
#: Indicator kinds with special treatment; ``biasa`` is a plain measured indicator.
#: ikm: survey with unsur (ikm_unsur.csv); akip: score with components (akip.csv); opini: BPK/SAP
#: opinion (opini_bpk.csv); anggaran: realisation computed from the budget of the programs serving
#: the sasaran (the Setda's "koordinasi" indicators).
JENIS_IKU = ("biasa", "ikm", "akip", "opini", "anggaran")
#: Input files an indicator kind needs (required only when such an indicator exists).
BERKAS_JENIS = {"ikm": "ikm_unsur.csv", "akip": "akip.csv", "opini": "opini_bpk.csv"}
PEGAWAI_KELOMPOK = ("golongan", "pendidikan", "jabatan", "pppk", "honorer", "staf_ahli")
PERAN_TIM = ("Pengarah", "Pembina", "Penanggung Jawab", "Ketua", "Wakil Ketua", "Sekretaris", "Anggota",
             "Narasumber")

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
        _c("jenis", "text", "kind of unit; staff units (" + ", ".join(ORG_STAF) + ") are drawn beside the line "
           "of command", allowed=ORG_JENIS),
    ), key=("kode",)),
    Table("pegawai.csv", "Komposisi pegawai (1.5)", (
        _c("kelompok", "text", "breakdown: golongan/pendidikan/jabatan (PNS), pppk, honorer (non-ASN), staf_ahli",
           allowed=PEGAWAI_KELOMPOK),
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
        _c("satuan", "text", "unit of measure, shown with every value: %, indeks, predikat, kesesuaian, "
           "per 100.000 kelahiran hidup, ..."),
        _c("polaritas", "text", "naik = higher is better, turun = lower is better, kualitatif = ordinal scale",
           allowed=POLARITAS),
        _c("skala", "text", "ordinal scale of a qualitative indicator (akip: AA>A>BB>B>CC>C>D; sesuai)",
           required=False, allowed=SKALA),
        _c("formula", "text", "how it is measured"),
        _c("sumber_data", "text", "data source"),
        _c("penanggung_jawab", "text", "responsible person"),
        _c("kondisi_awal", "text", "baseline (KKA); NA if none"),
        _c("jenis", "text", "kind of indicator: biasa (measured; default when empty), ikm (survey, needs "
           "ikm_unsur.csv), akip (score, needs akip.csv), opini (BPK/SAP opinion, needs opini_bpk.csv), anggaran "
           "(realisation computed from the budget of the programs serving the sasaran)", required=False,
           allowed=JENIS_IKU, boleh_absen=True),
    ), key=("kode",), usang={"rumus_realisasi": "kolom jenis (koordinasi_anggaran = jenis anggaran)"}),
    Table("iku_capaian.csv", "Target and realisation per IKU per year (Tabel 2.1, 3.1.1, 3.1.4, 3.1.5)", (
        _c("iku", "text", "IKU code", ref=("iku.csv", "kode")),
        _c("tahun", "year", "year inside the Renstra period"),
        _c("target", "text", "number (90, 100) or predikat (BB) or Sesuai"),
        _c("realisasi", "text", "same kinds as target; empty = not measured yet", required=False),
        _c("nilai", "number", "numeric score behind a predikat realisation (e.g. AKIP 72.31)", required=False),
    ), key=("iku", "tahun")),
    Table("ikm_unsur.csv", "IKM per unsur (PermenPANRB 14/2017); required when an IKU has jenis ikm", (
        _c("no", "int", "unsur number 1..9", min=1, max=9),
        _c("unsur", "text", "unsur name"),
        _c("nrr", "number", "nilai rata-rata of the unsur, 1..4; empty = not measured yet", required=False,
           min=1, max=4),
    ), key=("no",), optional=True),
    Table("ikm_responden.csv", "Raw IKM survey answers (optional): one row per respondent", (
        _c("responden", "text", "respondent id"),
        *(_c(f"u{i}", "int", f"answer to unsur {i}, 1..4", min=1, max=4) for i in range(1, 10)),
    ), key=("responden",), optional=True),
    Table("akip.csv", "AKIP evaluation components (PermenPANRB 88/2021); required when an IKU has jenis akip", (
        _c("kode", "text", "component", allowed=("perencanaan", "pengukuran", "pelaporan", "evaluasi")),
        _c("komponen", "text", "component name"),
        _c("bobot", "number", "maximum score of the component", min=0, max=100),
        _c("nilai", "number", "score obtained; empty = not evaluated yet", required=False, min=0, max=100),
    ), key=("kode",), optional=True),
    Table("opini_bpk.csv", "BPK opinion categories; required when an IKU has jenis opini", (
        _c("opini", "text", "opinion"),
        _c("keterangan", "text", "meaning"),
    ), key=("opini",), optional=True),
    Table("program.csv", "Programs (2.2, 2.4, 2.5, 3.1.7, 3.2)", (
        _c("kode", "text", "P1, P2, ..."),
        _c("nama", "text", "program name"),
        _c("sasaran", "text", "sasaran the program serves; empty when program_sasaran.csv maps it (to several)",
           required=False, ref=("sasaran.csv", "kode")),
        _c("pagu", "rupiah", "pagu APBD-P (Rp), more than 0 (realisations are shares of it); empty = not "
           "budgeted yet (draft)", required=False, min=1),
        _c("realisasi", "rupiah", "realisasi keuangan / dana terserap (Rp)", required=False, min=0),
        _c("target_keuangan", "number", "financial target (%)", min=0, max=100),
        _c("target_fisik", "number", "physical target (%)", min=0, max=100),
        _c("realisasi_fisik", "number", "physical realisation (%)", required=False, min=0, max=100),
    ), key=("kode",)),
    Table("program_sasaran.csv", "Programs serving several sasaran (optional): one row per program and "
          "sasaran, with the share of the program's budget", (
        _c("program", "text", "program code", ref=("program.csv", "kode")),
        _c("sasaran", "text", "sasaran code", ref=("sasaran.csv", "kode")),
        _c("porsi", "number", "share of the program's pagu and realisasi for this sasaran (%); the shares of a "
           "program sum to 100; empty for a program with one row (= 100)", required=False, min=0, max=100),
    ), key=("program", "sasaran"), optional=True,
        notes=("A program listed here is mapped only by this file (its `sasaran` in program.csv is ignored).",)),
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
        *(_c(f"tw{q}", "text", f"Rencana Aksi schedule, quarter {q} (TW {r}): a mark such as `✓` or the quarter's "
             "target; empty = not scheduled that quarter. Leave all four columns out when the plan has no "
             "schedule (the table then omits it)", required=False, boleh_absen=True)
          for q, r in ((1, "I"), (2, "II"), (3, "III"), (4, "IV"))),
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
        _c("peran", "text", "role in the team as the decree writes it, e.g. " + ", ".join(PERAN_TIM),
           saran=PERAN_TIM),
        _c("jabatan", "text", "position of the member"),
    ), key=("no",)),
)

# profil.yaml: typed schema in :mod:`lkjip._profil_schema` (one line per key); these views keep the
# names the rest of the code uses.
PROFILE_KEYS: dict[str, str] = kunci_wajib()

# Required keys a draft year may still leave empty (a warning; the report marks them BELUM DIISI).
PROFILE_DRAFT = kunci_draf()

# Optional profile keys: used when present; the report shows a sensible default or nothing otherwise.
PROFILE_OPTIONAL: dict[str, str] = kunci_opsional()

NARASI: dict[str, str] = {
    "kata_pengantar.md": "Kata Pengantar",
    "ikhtisar.md": "Ikhtisar Eksekutif: the analyst's paragraph after the generated summary (optional)",
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
    "bab3_analisis_iku.md": "3.1.1-3.1.3 analisis kualitatif per IKU (#### IKU1 ...; optional)",
    "bab3_sap_kriteria.md": "3.1.1 kriteria indikator kesesuaian SAP (only with an IKU of jenis opini)",
    "bab3_standar_nasional.md": "3.1.4 perbandingan dengan standar nasional",
    "bab3_efisiensi.md": "3.1.6 efisiensi (pengantar)",
    "bab3_program_pendukung.md": "3.1.7 program pendukung (#### S1 ... per sasaran code; optional)",
    "bab3_realisasi_anggaran.md": "3.2 Realisasi Anggaran",
    "bab4_kesimpulan.md": "4.1 Kesimpulan (bagian kualitatif)",
    "bab4_rekomendasi.md": "4.2 Rekomendasi",
    "lampiran_tim.md": "Lampiran: SK pembentukan tim penyusun",
}

#: Prose files needed only when the unit has an indicator of this kind (otherwise never asked for);
#: ``opsional`` files hold extra prose per code (#### IKU1, #### S1) and are never required.
NARASI_JENIS: dict[str, str] = {"bab3_sap_kriteria.md": "opini", "ikhtisar.md": "opsional", "bab3_analisis_iku.md": "opsional",
                                "bab3_program_pendukung.md": "opsional"}

#: Region kinds: (title of the region, title of its head).
JENIS_DAERAH: dict[str, tuple[str, str]] = {
    "kabupaten": ("Kabupaten", "Bupati"),
    "kota": ("Kota", "Wali Kota"),
    "provinsi": ("Provinsi", "Gubernur"),
}
