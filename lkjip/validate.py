"""Cross-file rules of one year's data (``lkjip check``).

Each rule is a small function ``rule(data) -> list[Temuan]`` registered in :data:`RULES`; every
message says where, what was found and what was expected, in Bahasa Indonesia.
"""
from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd

from . import compute
from . import metrics as m
from .metrics.capaian import is_number
from .errors import Temuan
from .fmt import angka, persen, rupiah
from ._schema import BERKAS_JENIS, JENIS_DAERAH
from .load import LINE, DataTahun

Rule = Callable[[DataTahun], list[Temuan]]
RULES: list[Rule] = []


def rule(fn: Rule) -> Rule:
    RULES.append(fn)
    return fn


def _line(row: pd.Series) -> int | None:
    return int(row[LINE]) if LINE in row and pd.notna(row[LINE]) else None


def _sum_check(children: pd.DataFrame, parents: pd.DataFrame, parent_col: str, child_file: str,
               parent_file: str, level: str) -> list[Temuan]:
    out: list[Temuan] = []
    sums = m.pagu_per_induk(children.dropna(subset=["pagu"]), parent_col)
    incomplete = set(children.loc[children["pagu"].isna(), parent_col])  # a draft: reported as belum-diisi
    for _, p in parents.iterrows():
        if pd.isna(p["pagu"]) or p["kode"] in incomplete:
            continue
        got = int(sums.get(p["kode"], 0))
        if got != int(p["pagu"]):
            kids = children[children[parent_col] == p["kode"]]
            rows = ", ".join(f"{k['kode']} (baris {_line(k)})" for _, k in kids.iterrows())
            out.append(Temuan(
                "galat", "jumlah-anak", parent_file,
                f"Pagu {level} {p['kode']} '{p['nama']}' tidak sama dengan jumlah pagu di {child_file} "
                f"({rows or 'tidak ada'}); selisih {rupiah(int(p['pagu']) - got)}.",
                _line(p), "pagu", rupiah(int(p["pagu"])), f"{rupiah(got)} (jumlah {child_file})"))
    return out


@rule
def jumlah_pohon_anggaran(d: DataTahun) -> list[Temuan]:
    """Sub-kegiatan sum to their kegiatan, kegiatan to their program."""
    return (_sum_check(d["subkegiatan"], d["kegiatan"], "kegiatan", "subkegiatan.csv", "kegiatan.csv", "kegiatan")
            + _sum_check(d["kegiatan"], d["program"], "program", "kegiatan.csv", "program.csv", "program"))


@rule
def jumlah_total(d: DataTahun) -> list[Temuan]:
    """Programs and belanja types both sum to the Perjanjian Kinerja total."""
    out: list[Temuan] = []
    stated = d.profil.get("pk_total_anggaran")
    if d["program"]["pagu"].isna().any() or d["belanja"]["pagu"].isna().any():
        return out  # a draft: the missing pagu are reported as belum-diisi
    programs = int(d["program"]["pagu"].dropna().sum())
    belanja = int(d["belanja"]["pagu"].dropna().sum())
    if len(d["belanja"]) and belanja != programs:
        out.append(Temuan("galat", "jumlah-belanja", "belanja.csv",
                          f"Jumlah pagu per jenis belanja tidak sama dengan jumlah pagu program; selisih "
                          f"{rupiah(belanja - programs)}.", None, "pagu", rupiah(belanja),
                          f"{rupiah(programs)} (jumlah program.csv)"))
    if isinstance(stated, int) and programs != stated:
        out.append(Temuan("galat", "jumlah-pk", "program.csv",
                          f"Jumlah pagu program tidak sama dengan total Perjanjian Kinerja; selisih "
                          f"{rupiah(programs - stated)}.", None, "pagu", rupiah(programs),
                          f"{rupiah(stated)} (profil.yaml: pk_total_anggaran)"))
    return out


@rule
def realisasi_di_atas_pagu(d: DataTahun) -> list[Temuan]:
    out = []
    for _, p in d["program"].iterrows():
        if pd.notna(p["realisasi"]) and pd.notna(p["pagu"]) and p["realisasi"] > p["pagu"]:
            out.append(Temuan("galat", "realisasi-lebih", "program.csv",
                              f"Realisasi program {p['kode']} melebihi pagunya.", _line(p), "realisasi",
                              rupiah(int(p["realisasi"])), f"paling banyak {rupiah(int(p['pagu']))}"))
    return out


@rule
def realisasi_belum_diisi(d: DataTahun) -> list[Temuan]:
    out = []
    for _, p in d["program"].iterrows():
        for col in ("realisasi", "realisasi_fisik"):
            if pd.isna(p[col]):
                out.append(Temuan("peringatan", "belum-diisi", "program.csv",
                                  f"Realisasi program {p['kode']} belum diisi; laporan menandainya BELUM DIISI.",
                                  _line(p), col))
    iku = d["iku"].set_index("kode")
    for _, c in d["iku_capaian"].iterrows():
        if c["tahun"] == d.tahun and pd.isna(c["realisasi"]) and c["iku"] in iku.index \
                and iku.loc[c["iku"], "jenis"] != "anggaran":
            out.append(Temuan("peringatan", "belum-diisi", "iku_capaian.csv",
                              f"Realisasi {c['iku']} tahun {d.tahun} belum diisi.", _line(c), "realisasi"))
    return out


# Inputs a new year (``lkjip init``) leaves empty: each missing value is a warning, and the report
# marks it BELUM DIISI instead of showing a zero.
_DRAFT_VALUES = (
    ("program.csv", "program", "pagu", "Pagu program {kode}"),
    ("kegiatan.csv", "kegiatan", "pagu", "Pagu kegiatan {kode}"),
    ("subkegiatan.csv", "subkegiatan", "pagu", "Pagu sub-kegiatan {kode}"),
    ("belanja.csv", "belanja", "pagu", "Pagu {jenis}"),
    ("ikm_unsur.csv", "ikm_unsur", "nrr", "Nilai unsur IKM {no} ({unsur})"),
    ("akip.csv", "akip", "nilai", "Nilai komponen AKIP {komponen}"),
    ("analisis.csv", "analisis", "keberhasilan", "Analisis keberhasilan {iku}"),
    ("analisis.csv", "analisis", "solusi", "Alternatif solusi {iku}"),
)


@rule
def nilai_belum_diisi(d: DataTahun) -> list[Temuan]:
    """Budgets, IKM/AKIP scores and analyses still empty (a draft year): warnings, not errors."""
    out = []
    for file, table, col, label in _DRAFT_VALUES:
        for _, r in d[table].iterrows():
            if pd.isna(r[col]) or (isinstance(r[col], str) and not r[col].strip()):
                out.append(Temuan("peringatan", "belum-diisi", file,
                                  f"{label.format(**r.to_dict())} belum diisi; laporan menandainya BELUM DIISI.",
                                  _line(r), col))
    return out


def _scale_of(iku: pd.Series) -> tuple[str, ...] | None:
    return m.SKALA.get(str(iku["skala"])) if pd.notna(iku["skala"]) else None


@rule
def nilai_target_realisasi(d: DataTahun) -> list[Temuan]:
    """Targets/realisations fit the indicator's kind; a numeric target of zero is flagged."""
    out = []
    iku = d["iku"].set_index("kode")
    for _, c in d["iku_capaian"].iterrows():
        if c["iku"] not in iku.index:
            continue
        i = iku.loc[c["iku"]]
        for col in ("target", "realisasi"):
            value = c[col]
            if pd.isna(value):
                continue
            if i["polaritas"] == "kualitatif":
                scale = _scale_of(i)
                if scale and str(value).casefold() not in {s.casefold() for s in scale}:
                    out.append(Temuan("galat", "predikat-tidak-dikenal", "iku_capaian.csv",
                                      f"Nilai {c['iku']} tidak ada dalam skalanya.", _line(c), col, str(value),
                                      "salah satu dari " + ", ".join(scale)))
            elif not is_number(value):
                out.append(Temuan("galat", "tipe", "iku_capaian.csv", f"Nilai {c['iku']} harus berupa angka.",
                                  _line(c), col, str(value), "angka dengan titik desimal, mis. 97 atau 98.5"))
            elif col == "target" and float(value) == 0 and i["polaritas"] == "naik":
                out.append(Temuan("galat", "target-nol", "iku_capaian.csv",
                                  f"Target {c['iku']} bernilai nol: capaian (R/T x 100) tidak dapat dihitung.",
                                  _line(c), col, str(value), "target lebih besar dari nol"))
    return out


@rule
def tahun_dalam_renstra(d: DataTahun) -> list[Temuan]:
    r = d.profil.get("renstra") or {}
    try:
        lo, hi = int(r["mulai"]), int(r["selesai"])
    except (KeyError, TypeError, ValueError):
        return [Temuan("galat", "renstra", "profil.yaml", "Periode Renstra tidak lengkap.", kolom="renstra",
                       harapan="renstra: {mulai: 2021, selesai: 2026}")]
    out = []
    if d.tahun and not lo <= d.tahun <= hi:
        out.append(Temuan("galat", "di-luar-renstra", "profil.yaml", "Tahun laporan di luar periode Renstra.",
                          kolom="tahun", nilai=str(d.tahun), harapan=f"{lo}-{hi}"))
    for name in ("iku_capaian", "rkt"):
        frame = d[name]
        for row, tahun in enumerate(frame["tahun"].tolist()):  # a row's Series only when it is wrong
            if pd.notna(tahun) and not lo <= int(tahun) <= hi:
                wrong = frame.iloc[row]
                out.append(Temuan("galat", "di-luar-renstra", f"{name}.csv", "Tahun di luar periode Renstra.",
                                  _line(wrong), "tahun", str(wrong["tahun"]), f"{lo}-{hi}"))
    return out


@rule
def berkas_jenis_iku(d: DataTahun) -> list[Temuan]:
    """A kind's input file (ikm_unsur.csv, akip.csv, opini_bpk.csv) is required exactly when an IKU of that
    kind exists; IKM and AKIP are one indicator each; a qualitative indicator names its scale."""
    out = []
    iku = d["iku"]
    for jenis, berkas in BERKAS_JENIS.items():
        kinds = d.iku_jenis(jenis)
        rows = d[berkas[:-4]]
        if len(kinds) and not len(rows):
            out.append(Temuan("galat", "berkas-jenis", berkas,
                              f"Indikator {', '.join(kinds['kode'])} berjenis {jenis}, tetapi {berkas} tidak ada "
                              "atau kosong.", None, None, None,
                              f"{berkas} berisi data ({_PERLU[jenis]}), atau ubah kolom jenis di iku.csv"))
        if jenis in ("ikm", "akip") and len(kinds) > 1:
            out.append(Temuan("galat", "jenis-ganda", "iku.csv",
                              f"Hanya satu indikator boleh berjenis {jenis}, ada {len(kinds)}: "
                              + ", ".join(kinds["kode"]) + ".", _line(kinds.iloc[1]), "jenis", jenis,
                              "satu indikator; yang lain berjenis biasa"))
        if len(rows) and not len(kinds):
            hint = (" Data format lama tanpa kolom jenis: tambahkan kolom 'jenis' di iku.csv dan isi 'ikm' pada "
                    "indikator IKM." if jenis == "ikm" and "jenis" in iku.attrs.get("kolom_absen", []) else "")
            out.append(Temuan("peringatan", "berkas-tidak-dipakai", berkas,
                              f"Berkas berisi data, tetapi tidak ada indikator berjenis {jenis} di iku.csv; "
                              f"isinya tidak dilaporkan.{hint}", None, None, None,
                              f"kolom jenis = {jenis} pada indikatornya di iku.csv"))
    for _, i in iku.iterrows():
        if i["polaritas"] == "kualitatif" and not isinstance(i["skala"], str):
            out.append(Temuan("galat", "skala-hilang", "iku.csv",
                              f"Indikator kualitatif {i['kode']} tidak menyebut skalanya.", _line(i), "skala", "",
                              "salah satu dari " + ", ".join(m.SKALA)))
    return out


_PERLU = {"ikm": "nilai per unsur pelayanan", "akip": "komponen penilaian AKIP",
          "opini": "kategori opini BPK"}


@rule
def alokasi_program(d: DataTahun) -> list[Temuan]:
    """Shares in program_sasaran.csv sum to 100 % per program; every program serves some sasaran."""
    out = []
    ps = d["program_sasaran"]
    for kode, rows in ps.groupby("program", sort=False):
        if len(rows) > 1:
            if rows["porsi"].isna().any():
                r = rows[rows["porsi"].isna()].iloc[0]
                out.append(Temuan("galat", "porsi-kosong", "program_sasaran.csv",
                                  f"Program {kode} mendukung {len(rows)} sasaran; porsi setiap baris wajib diisi.",
                                  _line(r), "porsi", "", "persentase, jumlahnya 100 per program"))
                continue
        total = float(rows["porsi"].fillna(100).sum())
        if abs(total - 100) > 0.01:
            out.append(Temuan("galat", "porsi-jumlah", "program_sasaran.csv",
                              f"Jumlah porsi program {kode} bukan 100%.", _line(rows.iloc[0]), "porsi",
                              angka(total, 2), "100 (jumlah porsi semua baris program ini)"))
    listed = set(ps["program"].dropna())
    for _, p in d["program"].iterrows():
        if p["kode"] not in listed and not (isinstance(p["sasaran"], str) and p["sasaran"]):
            out.append(Temuan("peringatan", "program-tanpa-sasaran", "program.csv",
                              f"Program {p['kode']} tidak mendukung sasaran mana pun; anggarannya hanya masuk total.",
                              _line(p), "sasaran", "", "kode sasaran, atau baris di program_sasaran.csv"))
    return out


@rule
def ikm_konsisten(d: DataTahun) -> list[Temuan]:
    unsur = d["ikm_unsur"]
    if not d.punya_jenis("ikm") or not len(unsur):
        return []
    out = []
    if len(unsur) != m.ikm.JUMLAH_UNSUR:
        out.append(Temuan("peringatan", "ikm-unsur", "ikm_unsur.csv",
                          f"Survei IKM memiliki {len(unsur)} unsur; PermenPANRB 14/2017 menetapkan 9. IKM dihitung "
                          f"dengan bobot 1/{len(unsur)} per unsur.", None, None, str(len(unsur)), "9 unsur"))
    if unsur["nrr"].isna().any():
        return out
    k = compute.ikm(d)
    if k.nilai_tercatat is not None and round(k.nilai_tercatat, 2) != round(k.nilai_unsur, 2):
        return out + [Temuan("peringatan", "ikm-tidak-sesuai", "iku_capaian.csv",
                       f"IKM tercatat {angka(k.nilai_tercatat, 2)} tidak sama dengan IKM dari unsurnya "
                       f"(ikm_unsur.csv) = {angka(k.nilai_unsur, 2)}. Laporan memakai nilai tercatat (hasil survei); "
                       "periksa nilai unsur atau isi ikm_responden.csv.",
                       None, "realisasi", angka(k.nilai_tercatat, 2), angka(k.nilai_unsur, 2))]
    return out


@rule
def akip_konsisten(d: DataTahun) -> list[Temuan]:
    out = []
    k = d["akip"]
    for _, c in k.iterrows():
        if pd.notna(c["kode"]) and pd.notna(c["bobot"]) and c["bobot"] != m.BOBOT_AKIP.get(c["kode"]):
            out.append(Temuan("galat", "akip-bobot", "akip.csv", "Bobot komponen tidak sesuai PermenPANRB 88/2021.",
                              _line(c), "bobot", angka(float(c["bobot"]), 2), angka(m.BOBOT_AKIP[c["kode"]], 2)))
        if pd.notna(c["nilai"]) and pd.notna(c["bobot"]) and c["nilai"] > c["bobot"]:
            out.append(Temuan("galat", "akip-nilai", "akip.csv", "Nilai komponen melebihi bobotnya.", _line(c),
                              "nilai", angka(float(c["nilai"]), 2), f"paling besar {angka(float(c['bobot']), 2)}"))
    if out or k["nilai"].isna().any() or not len(k) or not d.punya_jenis("akip"):
        return out
    a = compute.akip(d)
    if a.nilai_tercatat is not None and round(a.nilai_tercatat, 2) != round(a.nilai, 2):
        out.append(Temuan("peringatan", "akip-tidak-sesuai", "iku_capaian.csv",
                          f"Nilai AKIP tercatat {angka(a.nilai_tercatat, 2)} tidak sama dengan jumlah komponennya "
                          f"(akip.csv) = {angka(a.nilai, 2)}. Laporan memakai jumlah komponen.", None, "nilai",
                          angka(a.nilai_tercatat, 2), angka(a.nilai, 2)))
    cap = d["iku_capaian"]
    for _, c in cap.iterrows():
        if pd.notna(c["nilai"]) and pd.notna(c["realisasi"]) and 0 <= c["nilai"] <= 100:
            expected = m.predikat_akip(float(c["nilai"]))
            if str(c["realisasi"]) != expected and str(c["realisasi"]) in m.SKALA_AKIP:
                out.append(Temuan("galat", "akip-predikat", "iku_capaian.csv",
                                  f"Predikat {c['realisasi']} tidak sesuai nilai {angka(float(c['nilai']), 2)}.",
                                  _line(c), "realisasi", str(c["realisasi"]), f"{expected} (PermenPANRB 88/2021)"))
    return out


@rule
def koordinasi_konsisten(d: DataTahun) -> list[Temuan]:
    """A stated koordinasi realisation must agree with the budget-derived one at its stated precision."""
    out: list[Temuan] = []
    if d["program"][["pagu", "realisasi", "realisasi_fisik"]].isna().any().any() or not d.punya_jenis("anggaran"):
        return out
    koor = compute.koordinasi(d)
    for _, i in d.iku_jenis("anggaran").iterrows():
        if i["sasaran"] not in koor.index:
            out.append(Temuan("galat", "koordinasi-tanpa-program", "iku.csv",
                              f"{i['kode']} dihitung dari anggaran, tetapi tidak ada program untuk sasaran {i['sasaran']}.",
                              _line(i), "sasaran", str(i["sasaran"]),
                              "minimal satu program untuk sasaran ini (program.csv atau program_sasaran.csv)"))
            continue
        if pd.isna(koor[i["sasaran"]]):  # the programs serving the sasaran have no budget: no weights
            out.append(Temuan("peringatan", "koordinasi-tanpa-pagu", "iku.csv",
                              f"Realisasi {i['kode']} tidak dapat dihitung dari anggaran: pagu program pendukung "
                              f"sasaran {i['sasaran']} berjumlah nol; laporan menandainya BELUM DIISI.",
                              _line(i), "sasaran", str(i["sasaran"]), "pagu program pendukung lebih dari nol"))
            continue
        row = compute._capaian_row(d, i["kode"], d.tahun)
        if row is None or pd.isna(row["realisasi"]) or not is_number(row["realisasi"]):
            continue
        text = str(row["realisasi"])
        decimals = len(text.split(".")[1]) if "." in text else 0
        computed = float(koor[i["sasaran"]])
        if round(computed, decimals) != float(text):
            out.append(Temuan("peringatan", "koordinasi-tidak-sesuai", "iku_capaian.csv",
                              f"Realisasi {i['kode']} tercatat {angka(float(text), decimals)}% tetapi dari anggaran "
                              f"program pendukungnya = {persen(computed)}. Laporan memakai nilai dari anggaran.",
                              _line(row), "realisasi", text, persen(computed)))
    return out


@rule
def pegawai_konsisten(d: DataTahun) -> list[Temuan]:
    p = d["pegawai"]
    gol_rows, pend_rows = (p.loc[p["kelompok"] == k, "jumlah"] for k in ("golongan", "pendidikan"))
    if gol_rows.isna().any() or pend_rows.isna().any():  # a count missing or unreadable (said elsewhere):
        return []                                          # a sum without it is no total to compare
    gol, pend = int(gol_rows.sum()), int(pend_rows.sum())
    if gol and pend and gol != pend:
        return [Temuan("galat", "jumlah-pegawai", "pegawai.csv",
                       f"Jumlah PNS menurut golongan ({gol}) tidak sama dengan menurut pendidikan ({pend}).",
                       None, "jumlah", str(pend), str(gol))]
    return []


@rule
def struktur_organisasi(d: DataTahun) -> list[Temuan]:
    org = d["organisasi"]
    roots = org[org["induk"].isna()]
    if len(org) and len(roots) != 1:
        return [Temuan("galat", "organisasi-akar", "organisasi.csv",
                       f"Struktur organisasi harus memiliki tepat satu unit tanpa induk, ada {len(roots)}.",
                       None, "induk", ", ".join(map(str, roots["kode"])), "satu pimpinan (mis. SEKDA)")]
    # every unit reaches the root through its induk: a unit in a loop would vanish from the report
    parent = dict(zip(org["kode"], org["induk"]))
    out = []
    for _, r in org.iterrows():
        chain, code = [], r["kode"]
        while isinstance(code, str) and code not in chain:
            chain.append(code)
            code = parent.get(code)
        if isinstance(code, str):
            out.append(Temuan("galat", "organisasi-siklus", "organisasi.csv",
                              f"Unit {r['kode']} tidak bersambung ke pimpinan: rantai induknya berputar "
                              f"({' → '.join([*chain, code])}).", _line(r), "induk", str(r["induk"]),
                              "kode unit di atasnya; rantai induk berakhir pada unit tanpa induk (pimpinan)"))
    return out


_ENUM_SEP = re.compile(r"\s*(,|dan|serta|,\s*dan)\s*")
_NAMA = r"\s+([A-Z][\w']+(?:\s+[A-Z][\w']+)*)"


@rule
def nama_daerah_asing(d: DataTahun) -> list[Temuan]:
    """Prose that names another kabupaten (a name pasted from another regency's report).

    An enumeration that also names this kabupaten ("Pembentukan Kabupaten Sarolangun, Kabupaten Tebo
    ... dan Kabupaten Tanjung Jabung Timur", a legal citation) is not a pasted name."""
    own = d.daerah.casefold()
    title = JENIS_DAERAH[d.jenis_daerah][0]
    pattern = re.compile(rf"\b{title}(?!/){_NAMA}")
    out = []

    def ours(found: str) -> bool:
        return own.startswith(found.casefold()) or found.casefold().startswith(own)

    for name, text in d.narasi.items():
        for lineno, line in enumerate(text.splitlines(), start=1):
            line = d.isi(line)
            matches = list(pattern.finditer(line))
            reported: set[str] = set()
            for i, mt in enumerate(matches):
                found = mt.group(1)
                if not own or ours(found) or found in reported:
                    continue
                # the run of "Kabupaten X, Kabupaten Y dan Kabupaten Z" this mention belongs to
                lo = i
                while lo > 0 and _ENUM_SEP.fullmatch(line[matches[lo - 1].end():matches[lo].start()]):
                    lo -= 1
                hi = i
                while hi + 1 < len(matches) and _ENUM_SEP.fullmatch(line[matches[hi].end():matches[hi + 1].start()]):
                    hi += 1
                if any(ours(m.group(1)) for m in matches[lo:hi + 1]):
                    continue
                reported.add(found)
                out.append(Temuan("peringatan", "daerah-asing", f"narasi/{name}",
                                  f"Teks menyebut '{title} {found}', bukan daerah laporan ini.",
                                  lineno, None, f"{title} {found}", "{nama_daerah} atau " + d.nama_daerah))
    return out


#: Loader findings meaning a whole CSV file could not be read (its table is then empty): the sums and
#: cross-file rules would only repeat that as misleading differences ("Rp0 (jumlah program.csv)").
FILE_UNREADABLE = ("pemisah", "encoding", "csv", "berkas-tidak-terbaca", "berkas-terlalu-besar", "berkas-luar",
                   "berkas-kosong", "terlalu-banyak-baris")


def validate(data: DataTahun) -> list[Temuan]:
    """All findings: the loader's plus every rule's. Rules that crash on broken data are skipped
    (the structural errors already explain why); when a whole file could not be read, the cross-file
    rules are not run at all (fix that file first, then check again)."""
    found = list(data.temuan)
    if any(t.galat and t.aturan in FILE_UNREADABLE and t.berkas.endswith(".csv") for t in found):
        return found
    for fn in RULES:
        try:
            found += fn(data)
        except (KeyError, ValueError, TypeError, ZeroDivisionError, IndexError):
            if not data.galat:
                raise
    return found
