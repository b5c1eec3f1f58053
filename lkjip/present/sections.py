"""The generated parts of the report's sections, each a function ``(data) -> list of blocks``.

A block is Markdown text (``str``), a :class:`~.tables.Tabel`, a chart, or a :class:`Ttd`
(signature block). The chapter notebooks are the chapters: their Markdown cells hold the fixed
headings and text, one code cell shows one table (``show(T.tbl_rkt(data))``) or chart, and the
parts whose structure comes from the data are generated here: lists, sentences with numbers, the
analysts' prose (``data/<TAHUN>/narasi``, :func:`narasi`) and the per-sasaran parts of Bab III
(headings, sentences and the tables only some indicators have). Display with
:func:`lkjip.present.blocks.show`.
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


# --- shared ---------------------------------------------------------------------------------
def narasi(data: DataTahun, nama: str) -> list[Block]:
    """The analysts' prose ``narasi/<nama>`` (a visible mark while it is still empty)."""
    return [data.teks(nama)]


def tanda_tangan(data: DataTahun) -> list[Block]:
    """The signature of the unit's head under the report's date."""
    return [_ttd(data)]


# --- front matter -----------------------------------------------------------------------------
def kata_pengantar(data: DataTahun) -> list[Block]:
    return [data.teks("kata_pengantar.md"), _ttd(data)]


def ikhtisar_eksekutif(data: DataTahun) -> list[Block]:
    """Ikhtisar Eksekutif (PermenPANRB 53/2014): generated from the data, plus the analyst's optional
    paragraph (``narasi/ikhtisar.md``)."""
    return [*X.ikhtisar(data), *([data.teks("ikhtisar.md")] if data.ada_teks("ikhtisar.md") else [])]


# --- Bab I ------------------------------------------------------------------------------------
def dasar_hukum(data: DataTahun) -> list[Block]:
    """The legal bases as a numbered list, grouped idiil / konstitusional / operasional."""
    dh = data["dasar_hukum"].sort_values("no")
    lines: list[str] = []
    for kelompok, judul in (("idiil", "Idiil"), ("konstitusional", "Konstitusional"), ("operasional", "Operasional")):
        items = dh[dh["kelompok"] == kelompok]["teks"]
        if len(items) == 1:
            lines.append(f"{len(lines) + 1}. {judul}: {X.esc(items.iloc[0])}")
        elif len(items):
            lines.append(f"{len(lines) + 1}. {judul}:\n")
            lines += [f"    {chr(ord('a') + i)}. {X.esc(t)}" for i, t in enumerate(items)]
    return ["\n".join(lines)]


def struktur_organisasi(data: DataTahun) -> list[Block]:
    """The prose and the organisation as a nested list (the chart is its own cell)."""
    tree = compute.pohon_organisasi(data["organisasi"])

    def walk(code: str, depth: int) -> list[str]:
        out: list[str] = []
        for c in tree.anak[code]:
            out.append("    " * depth + f"- {X.esc(tree.unit[c]['nama'])}")
            out += walk(c, depth + 1)
        return out

    lines = []
    for r in tree.akar:
        lines.append(f"- {X.esc(tree.unit[r]['nama'])}")
        lines += walk(r, 1)
    return [data.teks("bab1_struktur_organisasi.md"), f"Susunan organisasi {_nama_unit(data)}:", "\n".join(lines)]


def sdm(data: DataTahun) -> list[Block]:
    """The prose and the sentence on the staff numbers (table and chart are their own cells)."""
    return [data.teks("bab1_sdm.md"), X.kalimat_pegawai(data)]


# --- Bab II -----------------------------------------------------------------------------------
def visi_misi(data: DataTahun) -> list[Block]:
    """The region head's vision (with its period) and missions; the priority mission when set."""
    p = data.profil
    misi = "\n".join(f"{i}. {X.esc(t)}" for i, t in enumerate(p.get("misi", []), start=1))
    prior = p.get("misi_prioritas")
    prior_text = (f"\n\nMisi yang menjadi agenda prioritas {X.esc(p['opd'])} adalah misi nomor {prior}: "
                  f"**\"{_kutip(p['misi'][prior - 1])}\"**" if isinstance(prior, int) and 0 < prior <= len(p.get("misi", []))
                  else "")
    singkat = f" ({X.esc(p['visi_singkat'])})" if p.get("visi_singkat") else ""
    return [f"Visi {X.esc(data.nama_daerah)} periode {p['renstra']['mulai']}–{p['renstra']['selesai']}:\n\n"
            f"> **\"{X.esc(p['visi'])}\"**{singkat}",
            X.esc(p.get("penjabaran_visi", "")), "Misi:\n\n" + misi + prior_text]


def tujuan_sasaran(data: DataTahun) -> list[Block]:
    """The prose, then the unit's goals and strategic targets as numbered lists."""
    tuj = "\n".join(f"{i}. {X.esc(t)}" for i, t in enumerate(data["tujuan"]["tujuan"], 1))
    sas = "\n".join(f"{i}. {X.esc(t)}" for i, t in enumerate(data["sasaran"]["sasaran"], 1))
    return [data.teks("bab2_tujuan_sasaran.md"), f"Tujuan {_nama_unit(data)}:\n\n{tuj}", f"Sasaran strategis:\n\n{sas}"]


def struktur_rencana(data: DataTahun) -> list[Block]:
    """The sentence counting the plan's programs, activities and sub-activities."""
    return [X.kalimat_struktur_rencana(data)]


def pk_anggaran(data: DataTahun) -> list[Block]:
    """The sentence on the budget of the Perjanjian Kinerja."""
    return [X.kalimat_pk_anggaran(data)]


# --- Bab III ----------------------------------------------------------------------------------
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
    """3.1.1 per sasaran: each indicator's sentence and analysis, and the category tables of the
    indicators that have them (AKIP, BPK opinion)."""
    analisis = data.teks("bab3_analisis_iku.md")
    shown: set[str] = set()

    def items(group: pd.DataFrame) -> list[Block]:
        out: list[Block] = []
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

    return _per_sasaran(data, items)


def multi_tahun(data: DataTahun) -> list[Block]:
    """3.1.2 per sasaran: each indicator's trend sentence."""
    def items(group: pd.DataFrame) -> list[Block]:
        return [X.kalimat_tren(data, r["iku"]) for _, r in group.iterrows()]

    return _per_sasaran(data, items)


def renstra_banding(data: DataTahun) -> list[Block]:
    """3.1.3: the rule of the progress figures (method note), then per sasaran each indicator against its
    Renstra target."""
    def items(group: pd.DataFrame) -> list[Block]:
        return [X.kalimat_renstra(data, r["iku"]) for _, r in group.iterrows()]

    return [X.CATATAN_PROGRES_RENSTRA, *_per_sasaran(data, items)]


def efisiensi(data: DataTahun) -> list[Block]:
    """3.1.6: one numbered sentence per indicator on its efficiency."""
    return [f"{i}. {s}" for i, s in enumerate(X.kalimat_efisiensi(data), 1)]


def program_pendukung(data: DataTahun) -> list[Block]:
    """3.1.7 per sasaran: the programs serving it (when any) and the detail of its special indicators
    (IKM unsur, AKIP components), each only where the data has them."""
    from . import charts as C

    prose = data.teks("bab3_program_pendukung.md")
    anggaran = compute.anggaran_sasaran(data).set_index("sasaran")
    iku = data["iku"]
    out: list[Block] = []
    for n, (_, s) in enumerate(data["sasaran"].iterrows(), start=1):
        own = iku[iku["sasaran"] == s["kode"]]
        blocks: list[Block] = []
        if anggaran.at[s["kode"], "program"] > 0:
            blocks.append(T.tbl_pendukung(data, s["kode"], n))
        for _, i in own.iterrows():
            if i["jenis"] == "ikm" and len(data["ikm_unsur"]):
                blocks += [T.tbl_ikm(data, i), C.chart_ikm_unsur(data)]
            elif i["jenis"] == "akip" and len(data["akip"]):
                blocks += [T.tbl_akip(data, i), C.chart_akip(data)]
        extra = _sub(prose, s["kode"])
        if extra:
            blocks.append(extra)
        if not blocks:
            blocks.append("Tidak ada program yang dialokasikan untuk sasaran ini.")
        out += [_judul_sasaran(n, s["sasaran"]), *blocks]
    return out


def realisasi_anggaran(data: DataTahun) -> list[Block]:
    """3.2: the sentence on the budget's realisation, then the prose."""
    return [X.kalimat_anggaran(data), data.teks("bab3_realisasi_anggaran.md")]


# --- Bab IV -----------------------------------------------------------------------------------
def kesimpulan(data: DataTahun) -> list[Block]:
    """4.1: one numbered conclusion per indicator, then the prose."""
    items = "\n".join(f"{i}. {s}" for i, s in enumerate(X.kesimpulan(data), 1))
    return [items, data.teks("bab4_kesimpulan.md")]


# --- Lampiran ---------------------------------------------------------------------------------
def lampiran_tim(data: DataTahun) -> list[Block]:
    """The decree forming the team: its heading (role and number from the profile), subject, prose."""
    p = data.profil
    tim = p.get("tim_penyusun") or {}
    return [f"## Keputusan {X.esc(p['penandatangan']['jabatan'])} Nomor {X.esc(tim.get('nomor', '-'))}",
            f"Tentang {X.esc(tim.get('tentang', ''))}", data.teks("lampiran_tim.md")]


def lampiran_tim_ttd(data: DataTahun) -> list[Block]:
    """The decree's signature: place and date of the decision."""
    p = data.profil
    tim = p.get("tim_penyusun") or {}
    return [Ttd(f"Ditetapkan di {X.esc(p['ibukota'])}, {tanggal(tim.get('tanggal'))}",
                X.esc(p["penandatangan"]["jabatan"]), X.esc(p["penandatangan"]["nama"]))]


def lampiran_pk(data: DataTahun) -> list[Block]:
    """The Perjanjian Kinerja as signed (PermenPANRB 53/2014, Lampiran I): the statement of both
    parties with their signatures, then the heading of its annex (the chapter notebook shows the
    indicators-and-targets table next, then :func:`lampiran_pk_ttd`)."""
    p = data.profil
    pk = p.get("perjanjian_kinerja") or {}
    jenis = X.esc(pk.get("jenis", "Perjanjian Kinerja"))
    pertama, kedua = p["penandatangan"], p["kepala_daerah"]
    unit = _nama_unit(data)
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
            _ttd_pk(data),
            f"## Lampiran {jenis} Tahun {data.tahun} {{.halaman-baru}}",
            f"Perangkat Daerah: {unit}\\\nTahun Anggaran: {data.tahun}"]


def _ttd_pk(data: DataTahun) -> Ttd:
    p = data.profil
    return Ttd(f"{X.esc(p['ibukota'])}, {data.tahun}", "Pihak Pertama,", X.esc(p["penandatangan"]["nama"]),
               "Pihak Kedua,", X.esc(p["kepala_daerah"]["nama"]))


def lampiran_pk_ttd(data: DataTahun) -> list[Block]:
    """The annex's budget: total, the lines by kind of spending, the programs with their budgets, and
    the two parties' signatures."""
    p = data.profil
    belanja = compute.belanja(data)
    rincian = "\n".join(f"{i}. {X.esc(j)} sebesar {rupiah(v)}" for i, (j, v) in
                        enumerate(zip(belanja["jenis"], belanja["pagu"]), start=1))
    sumber = X.esc(p.get("sumber_anggaran", "APBD"))
    return [f"Jumlah anggaran ({sumber}) tahun {data.tahun} sebesar "
            f"**{rupiah(data['program']['pagu'].sum(skipna=False))}**, yang terdiri dari:",
            rincian, T.tbl_pk_program(data, "tbl-lampiran-pk-program"), _ttd_pk(data)]
