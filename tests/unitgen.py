"""Random but valid LKjIP units for property tests: a hypothesis strategy, a writer, and report helpers.

:func:`units` draws one unit's year of data (profile, every CSV of :mod:`lkjip._schema`, prose) of any
kind: 1-8 sasaran, 1-12 IKU of every ``jenis`` and polarity, 1-10 programs whose kegiatan and
sub-kegiatan pagu sum correctly, programs serving several sasaran through ``program_sasaran.csv``,
optional files empty or absent, draft values left empty, organisation trees of the new kinds,
kabupaten/kota/provinsi. Most draws pass ``lkjip check``; the rest are simply not rendered.
:func:`write` puts a unit on disk as ``<root>/<tahun>/``. The helpers at the end search a rendered
report's text (used by the end-to-end tests of the example units).
"""
from __future__ import annotations

import csv
import datetime as dt
import html as htmlmod
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

from lkjip import metrics as m
from lkjip._schema import BERKAS_JENIS, JENIS_DAERAH, NARASI, ORG_JENIS, PERAN_TIM, TABLES

# --- the unit -------------------------------------------------------------------------------------


@dataclass
class Unit:
    """One year of one unit: what :func:`write` puts on disk. Table values are text (empty = missing)."""

    profil: dict[str, Any]
    tabel: dict[str, list[dict[str, str]]]  # file stem -> rows; a stem missing here is not written
    narasi: dict[str, str] = field(default_factory=dict)  # file name -> text; missing files are not written

    @property
    def tahun(self) -> int:
        return int(self.profil["tahun"])


def write(unit: Unit, root: Path) -> Path:
    """Write ``unit`` as ``root/<tahun>/`` (CSV with the schema's header, ``profil.yaml``, ``narasi/``)."""
    folder = Path(root) / str(unit.tahun)
    (folder / "narasi").mkdir(parents=True, exist_ok=True)
    for stem, rows in unit.tabel.items():
        names = next(t for t in TABLES if t.file == f"{stem}.csv").names
        with (folder / f"{stem}.csv").open("w", encoding="utf-8", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=names, lineterminator="\n")
            w.writeheader()
            w.writerows([{k: r.get(k, "") for k in names} for r in rows])
    (folder / "profil.yaml").write_text(yaml.safe_dump(unit.profil, allow_unicode=True, sort_keys=False),
                                        encoding="utf-8")
    for name, text in unit.narasi.items():
        (folder / "narasi" / name).write_text(text, encoding="utf-8")
    return folder


# --- building blocks --------------------------------------------------------------------------------

# Words of names and prose; a few carry Markdown/HTML/format syntax that must come out as text.
KATA = ("Pelayanan", "Kesehatan", "Program", "Kegiatan", "Penunjang", "Urusan", "Masyarakat", "Daerah", "Mutu",
        "Pendidikan", "Jalan", "air", "bersih", "dan", "serta", "Akses", "Gizi", "Peningkatan", "Kecamatan",
        "Rumah", "Sakit", "Umum", "Pasar", "Desa", "Sosial", "Tata", "Kelola", "Digital", "Layanan", "Kota",
        "Keuangan", "Aset", "Dokumen", "Ibu", "Anak", "Lingkungan", "50%", "A&B", "<b>tebal</b>", "*miring*",
        "a_b", "#1", "[tautan](x)", "{opd}", "x|y", "100.000", "Ékonomi", "—")
WILAYAH = ("Contoh Makmur", "Sungai Indah", "Bukit Permai", "Laut Biru", "Muara Jaya")
SATUAN_NAIK = ("%", "indeks", "nilai", "orang", "unit", "dokumen", "per 1.000 penduduk")
SATUAN_TURUN = ("%", "kasus", "per 100.000 kelahiran hidup", "hari", "aduan")


def nama(min_kata: int = 1, max_kata: int = 6) -> st.SearchStrategy[str]:
    """A name of 1-6 words."""
    return st.lists(st.sampled_from(KATA), min_size=min_kata, max_size=max_kata).map(" ".join)


def _angka(x: float) -> str:
    """A number as data text: ``90``, ``12.5``."""
    return f"{x:.2f}".rstrip("0").rstrip(".") if not float(x).is_integer() else str(int(x))


def _bagi(draw, total: int, n: int) -> list[int]:
    """``total`` split into ``n`` non-negative whole parts."""
    if n <= 0:
        return []
    cuts = sorted(draw(st.lists(st.integers(0, total), min_size=n - 1, max_size=n - 1)))
    return [b - a for a, b in zip([0, *cuts], [*cuts, total])]


def _jumlah(draw, lo: int, hi: int) -> int:
    """A count in ``lo..hi``, small more often than not (small units render faster)."""
    return draw(st.integers(lo, min(hi, lo + 2)) | st.integers(lo, hi))


def _teks(draw, kosong_boleh: bool = True) -> str:
    return "" if kosong_boleh and draw(st.booleans()) and draw(st.booleans()) else draw(nama(2, 10))


# --- the strategy -----------------------------------------------------------------------------------


@st.composite
def units(draw, kecil: bool = False) -> Unit:  # noqa: C901 - one unit's data, file by file
    """A random unit meant to pass ``lkjip check`` (a few draws fail it; they are skipped by the tests).

    ``kecil``: a small unit (few sasaran, IKU, programs) for the slower end-to-end renders."""
    batas = {"sasaran": 3 if kecil else 8, "iku": 4 if kecil else 12, "program": 3 if kecil else 10,
             "kegiatan": 2 if kecil else 3, "org": 8 if kecil else 16}
    mulai = draw(st.integers(2019, 2026))
    selesai = mulai + draw(st.integers(0, 5))
    tahun = draw(st.integers(mulai, selesai))
    draf = draw(st.booleans()) and draw(st.booleans())  # a new year: budgets and scores may be empty
    tabel: dict[str, list[dict[str, str]]] = {}

    # tujuan, sasaran
    n_tujuan = _jumlah(draw, 1, 3)
    tabel["tujuan"] = [{"kode": f"T{i}", "tujuan": draw(nama(2, 8)), "indikator_tujuan": draw(nama(2, 6))}
                       for i in range(1, n_tujuan + 1)]
    n_sasaran = _jumlah(draw, 1, batas["sasaran"])
    sasaran = [f"S{i}" for i in range(1, n_sasaran + 1)]
    tabel["sasaran"] = [{"kode": s, "tujuan": f"T{draw(st.integers(1, n_tujuan))}", "sasaran": draw(nama(2, 10))}
                        for s in sasaran]

    # organisation: one root, then any kinds under any unit
    n_org = _jumlah(draw, 1, batas["org"])
    org = [{"kode": "PIMPINAN", "induk": "", "nama": draw(nama(1, 4)), "jenis": "pimpinan"}]
    for i in range(1, n_org):
        induk = draw(st.sampled_from([o["kode"] for o in org]))
        org.append({"kode": f"U{i}", "induk": induk, "nama": draw(nama(1, 8)),
                    "jenis": draw(st.sampled_from([j for j in ORG_JENIS if j != "pimpinan"]))})
    tabel["organisasi"] = org
    org_kode = [o["kode"] for o in org]

    # IKU of every kind; at most one ikm and one akip
    n_iku = _jumlah(draw, 1, batas["iku"])
    kinds = draw(st.lists(st.sampled_from(["naik", "turun", "kualitatif_akip", "kualitatif_sesuai", "ikm", "akip",
                                           "opini", "anggaran"]), min_size=n_iku, max_size=n_iku))
    for special in ("ikm", "akip"):
        seen = False
        for i, k in enumerate(kinds):
            if k == special:
                kinds[i] = "naik" if seen else k
                seen = True
    years = list(range(mulai, selesai + 1))
    iku_rows, capaian = [], []
    for i, kind in enumerate(kinds, start=1):
        kode = f"IKU{i}"
        row = {"kode": kode, "sasaran": draw(st.sampled_from(sasaran)), "nama": draw(nama(2, 10)),
               "formula": draw(nama(1, 6)), "sumber_data": draw(nama(1, 4)), "penanggung_jawab": draw(nama(1, 4)),
               "skala": "", "jenis": "biasa" if draw(st.booleans()) else ""}
        if kind in ("naik", "turun", "ikm", "anggaran"):
            row["polaritas"] = "turun" if kind == "turun" or (kind == "anggaran" and draw(st.booleans())) else "naik"
            row["satuan"] = {"ikm": "indeks", "anggaran": "%"}.get(kind) or draw(
                st.sampled_from(SATUAN_TURUN if kind == "turun" else SATUAN_NAIK))
            lo = 0 if row["polaritas"] == "turun" else 1
            angka_st = st.integers(lo, 100).map(float) | st.floats(lo, 1000, allow_nan=False).map(lambda x: round(x, 2))
            row["kondisi_awal"] = draw(st.sampled_from(["NA", ""]) | angka_st.map(_angka))
            if row["kondisi_awal"] == "":
                row["kondisi_awal"] = "NA"
            nilai_st = angka_st.map(_angka)
            if kind == "ikm":
                nilai_st = st.floats(25, 100, allow_nan=False).map(lambda x: _angka(round(x, 2)))
        else:
            scale = "sesuai" if kind in ("kualitatif_sesuai", "opini") else "akip"
            row.update(polaritas="kualitatif", skala=scale, satuan="kesesuaian" if scale == "sesuai" else "predikat",
                       kondisi_awal=draw(st.sampled_from(["NA", *m.SKALA[scale]])))
            if kind == "akip" and draw(st.booleans()):
                row["skala"] = ""  # an AKIP indicator is on the AKIP scale unless the data says otherwise
            nilai_st = st.sampled_from(m.SKALA[scale])
        if kind in ("ikm", "akip", "opini", "anggaran"):
            row["jenis"] = kind
        iku_rows.append(row)
        wajib = [tahun] if draw(st.integers(0, 9)) != 7 else []  # rarely an IKU without a row for the report year
        for y in draw(st.lists(st.sampled_from(years), unique=True, max_size=len(years))) + wajib:
            if any(c["iku"] == kode and c["tahun"] == str(y) for c in capaian):
                continue
            c = {"iku": kode, "tahun": str(y), "target": draw(nilai_st), "realisasi": "", "nilai": ""}
            if y <= tahun and not (draf and y == tahun and draw(st.booleans())):
                c["realisasi"] = "" if kind == "anggaran" and draw(st.booleans()) else draw(nilai_st)
            if kind == "akip" and c["realisasi"] and draw(st.booleans()):
                score = draw(st.floats(0, 100, allow_nan=False).map(lambda x: round(x, 2)))
                c["nilai"] = _angka(score)
                c["realisasi"] = m.predikat_akip(score)
            capaian.append(c)
    tabel["iku"], tabel["iku_capaian"] = iku_rows, capaian
    has = {k: any(r["jenis"] == k for r in iku_rows) for k in BERKAS_JENIS}

    # the kinds' files: present when needed; otherwise absent, empty, or (rarely) unused data
    def kind_file(jenis: str, rows: list[dict[str, str]]) -> None:
        stem = BERKAS_JENIS[jenis][:-4]
        if has[jenis]:
            tabel[stem] = rows
        else:
            choice = draw(st.sampled_from(["absen", "kosong", "kosong", "isi"]))
            if choice != "absen":
                tabel[stem] = rows if choice == "isi" else []

    n_unsur = draw(st.sampled_from([9, 9, 9, draw(st.integers(1, 9))]))
    kind_file("ikm", [{"no": str(i), "unsur": draw(nama(1, 5)),
                       "nrr": "" if draf and draw(st.booleans()) else _angka(draw(st.integers(100, 400)) / 100)}
                      for i in range(1, n_unsur + 1)])
    akip_kode = draw(st.lists(st.sampled_from(list(m.BOBOT_AKIP)), unique=True, min_size=1, max_size=4)) \
        if draw(st.booleans()) else list(m.BOBOT_AKIP)
    kind_file("akip", [{"kode": k, "komponen": draw(nama(1, 4)), "bobot": _angka(m.BOBOT_AKIP[k]),
                        "nilai": "" if draf and draw(st.booleans())
                        else _angka(round(draw(st.floats(0, m.BOBOT_AKIP[k], allow_nan=False)), 2))}
                       for k in akip_kode])
    kind_file("opini", [{"opini": f"{draw(nama(1, 3))} {i}", "keterangan": draw(nama(1, 6))}
                        for i in range(1, draw(st.integers(1, 4)) + 1)])
    if has["ikm"] and draw(st.booleans()) and draw(st.booleans()):
        tabel["ikm_responden"] = [{"responden": f"R{j}", **{f"u{i}": str(draw(st.integers(1, 4))) for i in range(1, 10)}}
                                  for j in range(1, draw(st.integers(1, 6)) + 1)]

    # programs -> kegiatan -> sub-kegiatan, pagu summing upward
    n_program = _jumlah(draw, 1, batas["program"])
    programs, kegiatan, sub, rkt = [], [], [], []
    pagu_kosong = draf and draw(st.booleans())
    for p in range(1, n_program + 1):
        pkode = f"P{p}"
        p_pagu = 0
        for k in range(1, _jumlah(draw, 0 if p > 1 or draw(st.booleans()) else 1, batas["kegiatan"]) + 1):
            kkode = f"K{p}_{k}"
            k_pagu = 0
            for s in range(1, _jumlah(draw, 1, 3) + 1):
                skode = f"SK{p}_{k}_{s}"
                value = draw(st.integers(0, 5_000_000_000))
                k_pagu += value
                sub.append({"kode": skode, "kegiatan": kkode, "nama": draw(nama(2, 10)), "indikator": draw(nama(2, 8)),
                            "target": draw(st.sampled_from(["", "1", "12", "100", "2.5"])),
                            "satuan": draw(st.sampled_from(["", "Dokumen", "%", "Orang"])),
                            "pagu": "" if pagu_kosong else str(value)})
                for y in draw(st.lists(st.sampled_from(years), unique=True, max_size=3)):
                    rkt.append({"subkegiatan": skode, "tahun": str(y), "target": draw(st.sampled_from(["", "4 Dok",
                                                                                                       "100%", "1"]))})
            p_pagu += k_pagu
            kegiatan.append({"kode": kkode, "program": pkode, "nama": draw(nama(2, 10)),
                             "bagian": draw(st.sampled_from(org_kode)), "aksi": _teks(draw),
                             "indikator": draw(nama(2, 8)), "target": draw(st.sampled_from(["0", "1", "100", "12.5"])),
                             "satuan": draw(st.sampled_from(["%", "Dokumen", "Kegiatan"])),
                             "pagu": "" if pagu_kosong else str(k_pagu)})
        real = ""
        if not (draf and draw(st.booleans())):
            real = str(draw(st.integers(0, p_pagu)))
        programs.append({"kode": pkode, "nama": draw(nama(2, 8) | st.sampled_from([q["nama"] for q in programs] or ["Program"])), "sasaran": draw(st.sampled_from(["", *sasaran])),
                         "pagu": "" if pagu_kosong else str(p_pagu), "realisasi": real,
                         "target_keuangan": _angka(draw(st.integers(0, 100))),
                         "target_fisik": _angka(draw(st.integers(0, 100))),
                         "realisasi_fisik": "" if draf and draw(st.booleans())
                         else _angka(draw(st.integers(0, 1000)) / 10)})
    tabel["program"], tabel["kegiatan"], tabel["subkegiatan"], tabel["rkt"] = programs, kegiatan, sub, rkt
    total = sum(int(p["pagu"] or 0) for p in programs)

    # program_sasaran.csv: optional; a listed program serves 1-3 sasaran with shares summing to 100
    if draw(st.booleans()):
        rows = []
        for p in draw(st.lists(st.sampled_from(programs), unique_by=lambda p: p["kode"], max_size=n_program)):
            served = draw(st.lists(st.sampled_from(sasaran), unique=True, min_size=1, max_size=min(3, n_sasaran)))
            shares = [x + 1 for x in _bagi(draw, 100 - len(served), len(served))] if len(served) > 1 else \
                [draw(st.sampled_from([None, 100]))]
            rows += [{"program": p["kode"], "sasaran": s, "porsi": "" if v is None else str(v)}
                     for s, v in zip(served, shares)]
        tabel["program_sasaran"] = rows

    # an indicator computed from the budget belongs to a sasaran some program serves
    mapped = tabel.get("program_sasaran", [])
    listed = {r["program"] for r in mapped}
    served = sorted({p["sasaran"] for p in programs if p["sasaran"] and p["kode"] not in listed}
                    | {r["sasaran"] for r in mapped})
    for r in iku_rows:
        if r["jenis"] == "anggaran" and not served and "P1" not in listed:
            programs[0]["sasaran"] = r["sasaran"]
            served = [r["sasaran"]]
        if r["jenis"] == "anggaran" and served and r["sasaran"] not in served:
            r["sasaran"] = draw(st.sampled_from(served))

    # belanja: types summing to the programs' total (or none at all)
    n_bel = draw(st.integers(0, 4))
    tabel["belanja"] = [{"kode": f"B{i}", "jenis": draw(nama(1, 4)), "pagu": "" if pagu_kosong else str(v)}
                        for i, v in enumerate(_bagi(draw, total, n_bel), start=1)]

    # pegawai: golongan and pendidikan partition the same PNS
    pns = draw(st.integers(0, 300))
    pegawai = []
    if draw(st.booleans()):
        pegawai += [{"kelompok": "golongan", "kategori": f"Golongan {g}", "jumlah": str(v)}
                    for g, v in zip(("I", "II", "III", "IV"), _bagi(draw, pns, 4))]
    if draw(st.booleans()):
        pegawai += [{"kelompok": "pendidikan", "kategori": e, "jumlah": str(v)}
                    for e, v in zip(("S2", "S1", "D3", "SLTA"), _bagi(draw, pns, 4))]
    for kelompok in ("jabatan", "pppk", "honorer", "staf_ahli"):
        for j in range(draw(st.integers(0, 3))):
            pegawai.append({"kelompok": kelompok, "kategori": f"{draw(nama(1, 3))} {j}",
                            "jumlah": str(draw(st.integers(0, 80)))})
    tabel["pegawai"] = pegawai

    tabel["dasar_hukum"] = [{"no": str(i), "kelompok": draw(st.sampled_from(["idiil", "konstitusional", "operasional"])),
                             "teks": draw(nama(3, 12))} for i in range(1, draw(st.integers(0, 5)) + 1)]
    tabel["tim_penyusun"] = [{"no": str(i), "peran": draw(st.sampled_from(PERAN_TIM) | nama(1, 3)),
                              "jabatan": draw(nama(2, 8))} for i in range(1, draw(st.integers(0, 6)) + 1)]
    tabel["analisis"] = [{"iku": r["kode"], "keberhasilan": _teks(draw), "solusi": _teks(draw)}
                         for r in iku_rows if draw(st.booleans())]

    # profile: required keys, and optional ones sometimes
    misi = draw(st.lists(nama(3, 10), min_size=1, max_size=4))
    wilayah = draw(st.sampled_from(WILAYAH))
    jenis_daerah = draw(st.sampled_from([None, *JENIS_DAERAH]))
    profil: dict[str, Any] = {
        "tahun": tahun, "opd": draw(nama(1, 4)), "opd_singkat": draw(nama(1, 1)), "kabupaten": wilayah,
        "provinsi": "Provinsi Contoh", "ibukota": wilayah, "alamat": draw(st.lists(nama(1, 5), min_size=1, max_size=2)),
        "disiapkan_oleh": draw(nama(1, 4)),
        "tanggal_laporan": None if draf and draw(st.booleans()) else dt.date(tahun + 1, 1, draw(st.integers(1, 28))),
        "penandatangan": {"nama": draw(nama(1, 3)), "jabatan": draw(nama(1, 4))},
        "kepala_daerah": {"nama": draw(nama(1, 3)), "jabatan": draw(nama(1, 3))},
        "renstra": {"mulai": mulai, "selesai": selesai}, "visi": draw(nama(3, 10)), "misi": misi,
        "pk_total_anggaran": None if pagu_kosong else total,
    }
    if jenis_daerah:
        profil["jenis_daerah"] = jenis_daerah
    if draw(st.integers(0, 9)) == 7:  # hand-edited shapes: a person without a title, one misi or address line
        tweak = draw(st.sampled_from(["penandatangan", "kepala_daerah", "misi", "alamat"]))
        if tweak in ("penandatangan", "kepala_daerah"):
            profil[tweak].pop(draw(st.sampled_from(["nama", "jabatan"])))
        else:
            profil[tweak] = profil[tweak][0]
    optional = {
        "telepon": "(0741) 123456", "faks": "(0741) 654321", "moto": draw(nama(2, 8)), "visi_singkat": draw(nama(1, 2)),
        "penjabaran_visi": draw(nama(3, 12)), "misi_prioritas": draw(st.integers(0, len(misi) + 1)),
        "perjanjian_kinerja": {"jenis": draw(nama(1, 4))}, "sumber_anggaran": draw(st.sampled_from(["APBD", "APBD-P"])),
        "tim_penyusun": {"nomor": f"{draw(st.integers(1, 99))} Tahun {tahun + 1}",
                         "tanggal": dt.date(tahun + 1, 1, 5), "tentang": draw(nama(3, 10))},
    }
    for key, value in optional.items():
        if draw(st.booleans()):
            profil[key] = value

    # prose: present, empty or absent; the per-IKU and per-sasaran files with their #### parts
    narasi: dict[str, str] = {}
    for name in NARASI:
        choice = draw(st.sampled_from(["teks", "teks", "teks", "kosong", "absen"]))
        if choice == "absen":
            continue
        if choice == "kosong":
            narasi[name] = ""
            continue
        text = f"{draw(nama(3, 12))} {{opd}} {{nama_daerah}} {{tahun}}.\n"
        if name in ("bab3_analisis_iku.md", "bab3_program_pendukung.md"):
            codes = [r["kode"] for r in iku_rows] if name == "bab3_analisis_iku.md" else sasaran
            for code in draw(st.lists(st.sampled_from(codes), unique=True)):
                text += f"\n#### {code}\n\n{draw(nama(3, 12))}\n"
        narasi[name] = text
    return Unit(profil, tabel, narasi)


# --- rendered reports -------------------------------------------------------------------------------


def cli(*args: str, root: Path | None = None, timeout: int = 900) -> subprocess.CompletedProcess:
    """Run the ``lkjip`` console script of this environment (``--root`` the repository)."""
    root = root or Path(__file__).resolve().parents[1]
    exe = shutil.which("lkjip", path=str(Path(sys.executable).parent)) or "lkjip"
    return subprocess.run([exe, "--root", str(root), *args], capture_output=True, text=True, timeout=timeout)


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def html_text(path: Path) -> str:
    """The visible text of an HTML report, whitespace collapsed."""
    page = Path(path).read_text(encoding="utf-8")
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S | re.I)
    return norm(htmlmod.unescape(re.sub(r"<[^>]+>", " ", page)))


def pdf_text(path: Path) -> str:
    """The text of a PDF report (pdftotext -layout), whitespace collapsed."""
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return norm(out)


def nomor_berurutan(text: str, jenis: str = "Tabel") -> dict[str, list[int]]:
    """The numbers of ``Tabel``/``Gambar`` captions per prefix (``2``, ``3.1``, ``L``), sorted and unique."""
    found: dict[str, set[int]] = {}
    for prefix, n in re.findall(rf"\b{jenis} ((?:\d+|L)(?:\.\d+)*)\.(\d+)\b", text):
        found.setdefault(prefix, set()).add(int(n))
    return {k: sorted(v) for k, v in found.items()}


def nomor_tanpa_celah(text: str) -> list[str]:
    """Problems with the caption numbering of a report's text: a prefix whose numbers skip or do not start at 1."""
    problems = []
    for jenis in ("Tabel", "Gambar"):
        for prefix, numbers in nomor_berurutan(text, jenis).items():
            if numbers != list(range(1, len(numbers) + 1)):
                problems.append(f"{jenis} {prefix}.x: {numbers}")
    return problems
