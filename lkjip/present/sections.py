"""The report's sections, each a function ``(data) -> list of blocks`` in the reference's numbering.

A block is Markdown text (``str``), a :class:`~.tables.Tabel`, a chart, or a :class:`Ttd`
(signature block). Chapter notebooks call one function per cell and display the blocks with
:func:`lkjip.present.show`. Headings, sentences with numbers and lists are generated here from
data; the analysts' prose comes from ``data/<TAHUN>/narasi``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pandas as pd

from .. import compute
from ..fmt import rupiah, tanggal
from ..load import DataTahun
from . import tables as T
from . import text as X

Block = Any


@dataclass(frozen=True)
class Ttd:
    """A signature block: place/date line, role(s) and name(s); two parties when ``kiri`` is set."""

    tempat_tanggal: str
    jabatan: str
    nama: str
    kiri_jabatan: str | None = None
    kiri_nama: str | None = None


def _chart(name: str, data: DataTahun) -> Block:
    from . import charts

    chart = getattr(charts, name)(data)
    return chart


def _sub(text: str, heading: str) -> str:
    """The part of a prose file under ``#### heading`` (files split per IKU or sasaran)."""
    parts = re.split(r"^####\s+(\S+)\s*$", text, flags=re.M)
    found = dict(zip(parts[1::2], parts[2::2]))
    return found.get(heading, "").strip()


def _ttd(data: DataTahun) -> Ttd:
    p = data.profil
    return Ttd(X.tanggal_laporan(data), X.esc(p["penandatangan"]["jabatan"]) + ",", X.esc(p["penandatangan"]["nama"]))


def _kutip(text: object) -> str:
    """A quoted sentence ending the paragraph: its own final stop stays inside the quotes (PUEBI), none
    is added after them."""
    body = X.esc(str(text).strip())
    return body if body.endswith((".", "!", "?")) else body + "."


def _nama_unit(data: DataTahun) -> str:
    return f"{X.esc(data.profil['opd'])} {X.esc(data.nama_daerah)}"


# --- front matter -----------------------------------------------------------------------------
def kata_pengantar(data: DataTahun) -> list[Block]:
    return ["# KATA PENGANTAR {.unnumbered .front}", data.teks("kata_pengantar.md"), _ttd(data)]


# --- Bab I ------------------------------------------------------------------------------------
def bab1_judul(data: DataTahun) -> list[Block]:
    return ["# BAB I PENDAHULUAN {#bab-1 .mainmatter}"]


def latar_belakang(data: DataTahun) -> list[Block]:
    return ["## 1.1 Latar Belakang", data.teks("bab1_latar_belakang.md")]


def maksud_tujuan(data: DataTahun) -> list[Block]:
    return ["## 1.2 Maksud dan Tujuan", data.teks("bab1_maksud_tujuan.md")]


def dasar_hukum(data: DataTahun) -> list[Block]:
    dh = data["dasar_hukum"].sort_values("no")
    lines = []
    for kelompok, judul in (("idiil", "Idiil"), ("konstitusional", "Konstitusional"), ("operasional", "Operasional")):
        items = dh[dh["kelompok"] == kelompok]["teks"]
        if len(items) == 1:
            lines.append(f"{len(lines) + 1}. {judul}: {X.esc(items.iloc[0])}")
        elif len(items):
            lines.append(f"{len(lines) + 1}. {judul}:\n")
            lines += [f"    {chr(ord('a') + i)}. {X.esc(t)}" for i, t in enumerate(items)]
    return ["## 1.3 Dasar Hukum", "\n".join(lines)]


def struktur_organisasi(data: DataTahun) -> list[Block]:
    org = data["organisasi"]
    children = {k: g for k, g in org.groupby("induk", sort=False)}

    def walk(code: str, depth: int) -> list[str]:
        out = []
        if code not in children:
            return out
        for _, c in children[code].iterrows():
            out.append("    " * depth + f"- {X.esc(c['nama'])}")
            out += walk(c["kode"], depth + 1)
        return out

    root = org[org["induk"].isna()]
    tree = []
    for _, r in root.iterrows():
        tree.append(f"- {X.esc(r['nama'])}")
        tree += walk(r["kode"], 1)
    return ["## 1.4 Struktur Organisasi", data.teks("bab1_struktur_organisasi.md"),
            f"Susunan organisasi {_nama_unit(data)}:", "\n".join(tree), _chart("chart_organisasi", data)]


def sdm(data: DataTahun) -> list[Block]:
    return ["## 1.5 Sumber Daya Aparatur", data.teks("bab1_sdm.md"), X.kalimat_pegawai(data), T.tbl_pegawai(data),
            _chart("chart_pegawai", data)]


def sistematika(data: DataTahun) -> list[Block]:
    return ["## 1.6 Sistematika Penulisan", data.teks("bab1_sistematika.md")]


# --- Bab II -----------------------------------------------------------------------------------
def bab2_judul(data: DataTahun) -> list[Block]:
    return ["# BAB II PERENCANAAN DAN PERJANJIAN KINERJA {#bab-2}"]


def renstra(data: DataTahun) -> list[Block]:
    p = data.profil
    misi = "\n".join(f"{i}. {X.esc(t)}" for i, t in enumerate(p.get("misi", []), start=1))
    prior = p.get("misi_prioritas")
    prior_text = (f"\n\nMisi yang menjadi agenda prioritas {X.esc(p['opd'])} adalah misi nomor {prior}: "
                  f"**\"{_kutip(p['misi'][prior - 1])}\"**" if isinstance(prior, int) and 0 < prior <= len(p.get("misi", []))
                  else "")
    singkat = f" ({X.esc(p['visi_singkat'])})" if p.get("visi_singkat") else ""
    return ["## 2.1 Rencana Strategis", data.teks("bab2_renstra.md"),
            "### 2.1.1 Visi dan Misi Kepala Daerah",
            f"Visi {X.esc(data.nama_daerah)} periode {p['renstra']['mulai']}–{p['renstra']['selesai']}:\n\n"
            f"> **\"{X.esc(p['visi'])}\"**{singkat}",
            X.esc(p.get("penjabaran_visi", "")), "Misi:\n\n" + misi + prior_text]


def tujuan_sasaran(data: DataTahun) -> list[Block]:
    tuj = "\n".join(f"{i}. {X.esc(t)}" for i, t in enumerate(data["tujuan"]["tujuan"], 1))
    sas = "\n".join(f"{i}. {X.esc(t)}" for i, t in enumerate(data["sasaran"]["sasaran"], 1))
    return ["### 2.1.2 Tujuan dan Sasaran", data.teks("bab2_tujuan_sasaran.md"),
            f"Tujuan {_nama_unit(data)}:\n\n{tuj}", f"Sasaran strategis:\n\n{sas}", T.tbl_tujuan_sasaran(data)]


def cara_pencapaian(data: DataTahun) -> list[Block]:
    return ["## 2.2 Cara Pencapaian Tujuan dan Sasaran", data.teks("bab2_cara_pencapaian.md"), T.tbl_program(data),
            "Keterkaitan tujuan, sasaran, indikator, program dan kegiatan digambarkan dalam pohon kinerja berikut.",
            _chart("chart_pohon_kinerja", data)]


def rkt(data: DataTahun) -> list[Block]:
    return ["## 2.3 Rencana Kinerja Tahunan", data.teks("bab2_rkt.md"), T.tbl_rkt(data)]


def rencana_aksi(data: DataTahun) -> list[Block]:
    return ["## 2.4 Rencana Aksi", data.teks("bab2_rencana_aksi.md"), T.tbl_rencana_aksi(data),
            X.kalimat_struktur_rencana(data)]


def perjanjian_kinerja(data: DataTahun) -> list[Block]:
    return [f"## 2.5 Perjanjian Kinerja Tahun {data.tahun}",
            f"Perjanjian Kinerja {_nama_unit(data)} tahun {data.tahun} terdiri dari:", T.tbl_pk(data),
            X.kalimat_pk_anggaran(data), T.tbl_belanja(data), _chart("chart_anggaran_belanja", data),
            T.tbl_pk_program(data)]


# --- Bab III ----------------------------------------------------------------------------------
def bab3_judul(data: DataTahun) -> list[Block]:
    return ["# BAB III AKUNTABILITAS KINERJA {#bab-3 .nomor-subbab}", data.teks("bab3_pengantar.md")]


def capaian_pengantar(data: DataTahun) -> list[Block]:
    return ["## 3.1 Capaian Kinerja", data.teks("bab3_pengukuran.md")]


def _judul_sasaran(n: int, nama: object) -> str:
    """The heading of one sasaran's part of a section (a real heading, kept out of the contents)."""
    return f"#### Sasaran Strategis {n}: {X.esc(nama)} {{.unlisted}}"


def _per_sasaran(data: DataTahun, fn) -> list[Block]:
    """``fn(iku rows of a sasaran)`` under a heading for every sasaran that has indicators, in file order."""
    h = compute.hasil_iku(data)
    out: list[Block] = []
    for n, (_, s) in enumerate(data["sasaran"].iterrows(), start=1):
        group = h[h["sasaran"] == s["kode"]]
        if len(group):
            out.append(_judul_sasaran(n, s["sasaran"]))
            out += fn(group)
    return out


def target_realisasi(data: DataTahun) -> list[Block]:
    analisis = data.teks("bab3_analisis_iku.md")
    shown: set[str] = set()

    def items(group: pd.DataFrame) -> list[Block]:
        out = []
        for _, r in group.iterrows():
            text = X.kalimat_iku(data, r)
            if r["jenis"] == "anggaran":
                text += " " + X.kalimat_koordinasi(data, r["sasaran"])
            extra = _sub(analisis, r["iku"])
            out.append(text + ("\n\n" + extra if extra else ""))
            if r["jenis"] == "akip":
                out.append(T.tbl_kategori_akip(data))
            if r["jenis"] == "opini" and "opini" not in shown:  # the categories once, at the first such IKU
                shown.add("opini")
                out += [T.tbl_opini_bpk(data), data.teks("bab3_sap_kriteria.md")]
        return out

    return (["### 3.1.1 Membandingkan antara target dan realisasi kinerja tahun ini", T.tbl_target_realisasi(data),
             _chart("chart_iku_capaian", data)] + _per_sasaran(data, items))


def multi_tahun(data: DataTahun) -> list[Block]:
    def items(group: pd.DataFrame) -> list[Block]:
        return [X.kalimat_tren(data, r["iku"]) for _, r in group.iterrows()]

    return (["### 3.1.2 Membandingkan antara realisasi kinerja serta capaian kinerja tahun ini dengan tahun lalu "
             "dan beberapa tahun terakhir", T.tbl_multi_tahun(data), _chart("chart_iku_tren", data)]
            + _per_sasaran(data, items))


def renstra_banding(data: DataTahun) -> list[Block]:
    def items(group: pd.DataFrame) -> list[Block]:
        return [X.kalimat_renstra(data, r["iku"]) for _, r in group.iterrows()]

    return (["### 3.1.3 Membandingkan realisasi kinerja sampai dengan tahun ini dengan target jangka menengah yang "
             "terdapat dalam dokumen perencanaan strategis organisasi", T.tbl_renstra(data)]
            + _per_sasaran(data, items))


def standar_nasional(data: DataTahun) -> list[Block]:
    return ["### 3.1.4 Membandingkan realisasi kinerja tahun ini dengan standar nasional",
            data.teks("bab3_standar_nasional.md")]


def analisis_penyebab(data: DataTahun) -> list[Block]:
    return ["### 3.1.5 Analisis penyebab keberhasilan/kegagalan atau peningkatan/penurunan kinerja serta "
            "alternatif solusi yang telah dilakukan", T.tbl_analisis(data)]


def efisiensi(data: DataTahun) -> list[Block]:
    sentences = X.kalimat_efisiensi(data)
    return (["### 3.1.6 Analisis atas efisiensi penggunaan sumber daya", data.teks("bab3_efisiensi.md"),
             "Efisiensi diukur dengan dua cara: (a) selisih antara capaian kinerja dan serapan anggaran (poin persen), "
             "yang dipakai dalam tabel di bawah; dan (b) sisa pagu, yang dihitung sebagai efisiensi hanya bila target "
             "kinerja tercapai penuh. Anggaran setiap indikator adalah pagu program-program yang mendukung sasarannya.",
             T.tbl_efisiensi(data)] + [f"{i}. {s}" for i, s in enumerate(sentences, 1)])


def program_pendukung(data: DataTahun) -> list[Block]:
    """3.1.7 per sasaran: the programs serving it (when any) and the detail of its special indicators
    (IKM unsur, AKIP components), each only where the data has them."""
    prose = data.teks("bab3_program_pendukung.md")
    anggaran = compute.anggaran_sasaran(data).set_index("sasaran")
    iku = data["iku"]
    out: list[Block] = ["### 3.1.7 Analisis program/kegiatan yang menunjang keberhasilan ataupun kegagalan "
                        "pencapaian pernyataan kinerja"]
    for n, (_, s) in enumerate(data["sasaran"].iterrows(), start=1):
        own = iku[iku["sasaran"] == s["kode"]]
        blocks: list[Block] = []
        if anggaran.at[s["kode"], "program"] > 0:
            blocks.append(T.tbl_pendukung(data, s["kode"], n))
        for _, i in own.iterrows():
            if i["jenis"] == "ikm" and len(data["ikm_unsur"]):
                blocks += [T.tbl_ikm(data, i), _chart("chart_ikm_unsur", data)]
            elif i["jenis"] == "akip" and len(data["akip"]):
                blocks += [T.tbl_akip(data, i), _chart("chart_akip", data)]
        extra = _sub(prose, s["kode"])
        if extra:
            blocks.append(extra)
        if not blocks:
            blocks.append("Tidak ada program yang dialokasikan untuk sasaran ini.")
        out += [_judul_sasaran(n, s["sasaran"]), *blocks]
    return out


def realisasi_anggaran(data: DataTahun) -> list[Block]:
    return ["## 3.2 Realisasi Anggaran", X.kalimat_anggaran(data), data.teks("bab3_realisasi_anggaran.md"),
            T.tbl_realisasi_anggaran(data), _chart("chart_anggaran_program", data)]


# --- Bab IV -----------------------------------------------------------------------------------
def bab4(data: DataTahun) -> list[Block]:
    items = "\n".join(f"{i}. {s}" for i, s in enumerate(X.kesimpulan(data), 1))
    return ["# BAB IV PENUTUP {#bab-4}", "## 4.1 Kesimpulan", items, data.teks("bab4_kesimpulan.md"),
            "## 4.2 Rekomendasi", data.teks("bab4_rekomendasi.md"), _ttd(data)]


# --- Lampiran ---------------------------------------------------------------------------------
def lampiran_tim(data: DataTahun) -> list[Block]:
    p = data.profil
    tim = p.get("tim_penyusun") or {}
    return ["# LAMPIRAN {#lampiran .unnumbered}",
            f"## Keputusan {X.esc(p['penandatangan']['jabatan'])} Nomor {X.esc(tim.get('nomor', '-'))}",
            f"Tentang {X.esc(tim.get('tentang', ''))}", data.teks("lampiran_tim.md"), T.tbl_lampiran_tim(data),
            Ttd(f"Ditetapkan di {X.esc(p['ibukota'])}, {tanggal(tim.get('tanggal'))}",
                X.esc(p["penandatangan"]["jabatan"]), X.esc(p["penandatangan"]["nama"]))]


def lampiran_pk(data: DataTahun) -> list[Block]:
    """The Perjanjian Kinerja as signed (PermenPANRB 53/2014, Lampiran I): the statement of both
    parties with their signatures, then its annex: sasaran, indicators and targets, the budget by
    kind of spending and the programs with their budgets, signed again."""
    p = data.profil
    pk = p.get("perjanjian_kinerja") or {}
    jenis = X.esc(pk.get("jenis", "Perjanjian Kinerja"))
    pertama, kedua = p["penandatangan"], p["kepala_daerah"]
    unit = _nama_unit(data)
    tempat = f"{X.esc(p['ibukota'])}, {data.tahun}"
    ttd = Ttd(tempat, "Pihak Pertama,", X.esc(pertama["nama"]), "Pihak Kedua,", X.esc(kedua["nama"]))
    belanja = compute.belanja(data)
    rincian = "\n".join(f"{i}. {X.esc(j)} sebesar {rupiah(v)}" for i, (j, v) in
                        enumerate(zip(belanja["jenis"], belanja["pagu"]), start=1))
    sumber = X.esc(p.get("sumber_anggaran", "APBD"))
    return [f"## Pernyataan {jenis} Tahun {data.tahun} {{.halaman-baru}}",
            f"::: {{.tengah}}\n**PERNYATAAN {jenis.upper()}**\\\n**{unit.upper()}**\n:::",
            "Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan dan akuntabel serta "
            "berorientasi pada hasil, kami yang bertanda tangan di bawah ini:",
            f"Nama: **{X.esc(pertama['nama'])}**\\\nJabatan: {X.esc(pertama['jabatan'])} {X.esc(data.nama_daerah)}"
            "\\\nselanjutnya disebut Pihak Pertama.",
            f"Nama: **{X.esc(kedua['nama'])}**\\\nJabatan: {X.esc(kedua['jabatan'])}\\\nselaku atasan Pihak Pertama, "
            "selanjutnya disebut Pihak Kedua.",
            "Pihak Pertama berjanji akan mewujudkan target kinerja yang seharusnya sesuai lampiran perjanjian ini, "
            "dalam rangka mencapai target kinerja jangka menengah seperti yang telah ditetapkan dalam dokumen "
            "perencanaan. Keberhasilan dan kegagalan pencapaian target kinerja tersebut menjadi tanggung jawab kami.",
            "Pihak Kedua akan melakukan supervisi yang diperlukan serta akan melakukan evaluasi terhadap capaian "
            "kinerja dari perjanjian ini dan mengambil tindakan yang diperlukan dalam rangka pemberian penghargaan "
            "dan sanksi.",
            ttd,
            f"## Lampiran {jenis} Tahun {data.tahun} {{.halaman-baru}}",
            f"Perangkat Daerah: {unit}\\\nTahun Anggaran: {data.tahun}",
            T.tbl_lampiran_pk(data),
            f"Jumlah anggaran ({sumber}) tahun {data.tahun} sebesar "
            f"**{rupiah(data['program']['pagu'].sum(skipna=False))}**, yang terdiri dari:",
            rincian, T.tbl_pk_program(data, "tbl-lampiran-pk-program"), ttd]
