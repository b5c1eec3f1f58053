"""Charts (lkjip.present.charts) on a tiny synthetic year, independent of data/2024."""
from __future__ import annotations

import io
import itertools
import textwrap
from pathlib import Path

import pytest
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch, Rectangle
from matplotlib.text import Text

from lkjip.load import load_year
from lkjip.present import charts as C

ROOT = Path(__file__).resolve().parents[1]

# --- a tiny year ------------------------------------------------------------------------------
FILES = {
    "profil.yaml": """\
        tahun: 2024
        opd: Dinas Uji
        opd_singkat: Disuji
        kabupaten: Contoh
        provinsi: Contoh
        ibukota: Kota Contoh
        alamat: [Jl. Contoh 1]
        disiapkan_oleh: Subbagian Program
        tanggal_laporan: 2025-01-20
        penandatangan: {nama: Kepala Uji, jabatan: Kepala Dinas Uji}
        kepala_daerah: {nama: Bupati Uji, jabatan: Bupati Contoh}
        renstra: {mulai: 2021, selesai: 2026}
        visi: Visi uji
        misi: [Misi uji]
        pk_total_anggaran: 9410478390
        """,
    "tujuan.csv": """\
        kode,tujuan,indikator_tujuan
        T1,Meningkatkan Pelayanan Publik dan Budaya Kerja Aparatur,Indeks Pelayanan Publik
        T2,Terwujudnya Koordinasi Pemerintahan Kabupaten,Persentase koordinasi
        """,
    "sasaran.csv": """\
        kode,tujuan,sasaran
        S1,T1,"Peningkatan Pelayanan Publik, Akuntabilitas Kinerja dan Keuangan"
        S2,T2,Peningkatan Kualitas Koordinasi di Bidang Pemerintahan
        S3,T2,Peningkatan Ketepatan Waktu Dokumen Perencanaan
        """,
    "iku.csv": """\
        kode,sasaran,nama,satuan,polaritas,skala,formula,sumber_data,penanggung_jawab,kondisi_awal,jenis
        IKU1,S1,Indeks Kepuasan Masyarakat (IKM),indeks,naik,,Survei,Survei,Kepala,NA,ikm
        IKU2,S1,Predikat AKIP OPD,predikat,kualitatif,akip,Penilaian,LHE,Kepala,CC,akip
        IKU3,S1,Laporan Keuangan Sesuai SAP,kesesuaian,kualitatif,sesuai,Penilaian,LK,Kepala,NA,opini
        IKU4,S2,Persentase Koordinasi Pelaksanaan Program di Bidang Pemerintahan,%,naik,,Rumus,Realisasi,Kepala,100,anggaran
        IKU5,S3,Persentase Dokumen Perencanaan Tepat Waktu,%,naik,,Rumus,Register,Kepala,60,
        """,
    "iku_capaian.csv": """\
        iku,tahun,target,realisasi,nilai
        IKU1,2021,78,78,
        IKU1,2022,82,82,
        IKU1,2023,86,88,
        IKU1,2024,90,97,
        IKU1,2025,94,,
        IKU1,2026,98,,
        IKU2,2024,BB,BB,72.31
        IKU3,2024,Sesuai,Sesuai,
        IKU4,2021,100,94,
        IKU4,2022,100,99,
        IKU4,2023,100,99,
        IKU4,2024,100,,
        IKU4,2025,100,,
        IKU4,2026,100,,
        IKU5,2021,70,65.5,
        IKU5,2022,75,72.5,
        IKU5,2023,80,,
        IKU5,2024,85,,
        IKU5,2025,90,,
        IKU5,2026,95,,
        """,
    "ikm_unsur.csv": """\
        no,unsur,nrr
        1,Persyaratan,3.9
        2,"Sistem, Mekanisme, dan Prosedur",3.9
        3,Waktu Penyelesaian,3.6
        4,Biaya/Tarif,4
        5,Produk Spesifikasi Jenis Pelayanan,3.9
        6,Kompetensi Pelaksana,3.9
        7,Perilaku Pelaksana,3.8
        8,"Penanganan Pengaduan, Saran dan Masukan",3.8
        9,Sarana dan Prasarana,2.4
        """,
    "akip.csv": """\
        kode,komponen,bobot,nilai
        perencanaan,Perencanaan Kinerja,30,23.70
        pengukuran,Pengukuran Kinerja,30,21.60
        pelaporan,Pelaporan Kinerja,15,9.00
        evaluasi,Evaluasi Akuntabilitas Kinerja Internal,25,18.00
        """,
    "program.csv": """\
        kode,nama,sasaran,pagu,realisasi,target_keuangan,target_fisik,realisasi_fisik
        P1,Program Penyelesaian Sengketa Tanah Garapan,S2,10000000,6824600,100,100,100
        P2,Program Pemerintahan dan Kesejahteraan Rakyat,S2,6590177009,6469847819,100,100,100
        P3,Program Perencanaan dan Evaluasi,S3,2810301381,,100,100,
        """,
    "kegiatan.csv": """\
        kode,program,nama,bagian,aksi,indikator,target,satuan,pagu
        K01,P1,Penyelesaian Sengketa Tanah Garapan dalam Daerah Kabupaten/Kota,B-PEM,,Persentase,100,%,10000000
        K02,P2,Administrasi Tata Pemerintahan,B-PEM,,Persentase,100,%,1548667181
        K03,P2,Administrasi Keuangan dan Operasional Kepala Daerah dan Wakil Kepala Daerah,B-KESRA,,Persentase,100,%,5041509828
        K04,P3,"Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",B-REN,,Persentase,100,%,2810301381
        """,
    "subkegiatan.csv": """\
        kode,kegiatan,nama,indikator,target,satuan,pagu
        SK01,K01,Mediasi,Jumlah,1,Dok,10000000
        SK02,K02,Fasilitasi,Jumlah,1,Dok,1548667181
        SK03,K03,Penyediaan,Jumlah,1,Dok,5041509828
        SK04,K04,Penyusunan,Jumlah,1,Dok,2810301381
        """,
    "belanja.csv": """\
        kode,jenis,pagu
        pegawai,Belanja Pegawai,4000000000
        modal,Belanja Modal Peralatan dan Mesin,410478390
        barang_jasa,Belanja Barang dan Jasa,5000000000
        """,
    "pegawai.csv": """\
        kelompok,kategori,jumlah
        golongan,Golongan I,0
        golongan,Golongan II,8
        golongan,Golongan III,66
        golongan,Golongan IV,18
        pendidikan,S2,12
        pendidikan,S1,80
        jabatan,Eselon II,1
        honorer,Tenaga Administrasi dan Teknis Perkantoran,70
        honorer,Sopir,8
        staf_ahli,Staf Ahli Bupati,2
        """,
    "organisasi.csv": """\
        kode,induk,nama,jenis
        KADIS,,Kepala Dinas Uji,pimpinan
        SEK,KADIS,Sekretariat Dinas Uji,asisten
        AS2,KADIS,Asisten Perekonomian dan Pembangunan,asisten
        SA,KADIS,Staf Ahli Bupati,staf_ahli_grup
        B-PEM,SEK,Bagian Pemerintahan,bagian
        B-KESRA,SEK,Bagian Kesejahteraan Rakyat,bagian
        B-REN,AS2,Bagian Perencanaan dan Keuangan,bagian
        B-PROKOPIM,AS2,Bagian Protokol dan Komunikasi Pimpinan,bagian
        SB-PROT,B-PROKOPIM,Sub Bagian Protokol,subbagian
        KJF-PROKOPIM,B-PROKOPIM,Kelompok Jabatan Fungsional,kelompok
        KJF-REN,B-REN,Kelompok Jabatan Fungsional,kelompok
        SA1,SA,"Staf Ahli Bidang Hukum, Politik dan Pemerintahan",staf_ahli
        SA2,SA,Staf Ahli Bidang Kemasyarakatan dan Sumber Daya Manusia,staf_ahli
        """,
    "dasar_hukum.csv": "no,kelompok,teks\n1,idiil,Pancasila\n",
    "opini_bpk.csv": "opini,keterangan\nWTP,Wajar\n",
    "analisis.csv": "iku,keberhasilan,solusi\n",
    "tim_penyusun.csv": "no,peran,jabatan\n1,Pengarah,Kepala\n",
    "rkt.csv": "subkegiatan,tahun,target\n",
}


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    folder = tmp_path_factory.mktemp("data") / "2024"
    (folder / "narasi").mkdir(parents=True)
    for name, text in FILES.items():
        (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
    d = load_year(folder)
    assert not d.galat, [str(t) for t in d.galat]
    return d


@pytest.fixture(scope="module")
def all_charts(data):
    return {cid: fn(data) for cid, fn in C.CHARTS.items()}


def texts(fig: Figure) -> list[str]:
    return [t.get_text() for t in fig.findobj(Text) if t.get_text()]


def bars(ax) -> list[Rectangle]:
    return [p for c in ax.containers for p in c.patches]


def png(chart: C.Chart) -> bytes:
    buf = io.BytesIO()
    with C.house_style():
        chart.fig.savefig(buf, format="png", dpi=100, metadata={"Software": None})
    return buf.getvalue()


# --- every chart ------------------------------------------------------------------------------
def test_every_chart_is_a_captioned_figure(all_charts):
    assert list(all_charts) == ["fig-iku-capaian", "fig-iku-tren", "fig-ikm-unsur", "fig-akip",
                                "fig-anggaran-program", "fig-anggaran-belanja", "fig-pegawai", "fig-organisasi",
                                "fig-pohon-kinerja"]
    for cid, chart in all_charts.items():
        assert isinstance(chart, C.Chart) and isinstance(chart.fig, Figure)
        assert chart.id == cid
        assert chart.caption and not chart.caption.startswith("Gambar ") and len(chart.alt) > 40  # numbered later
        with pytest.raises(AttributeError):
            chart.id = "x"  # frozen
    assert all_charts["fig-iku-capaian"].caption == "Capaian Indikator Kinerja Utama Tahun 2024"


def test_section_names_resolve():
    """lkjip.present.sections and the chapter notebooks call the charts by these names."""
    import re
    src = "\n".join(p.read_text(encoding="utf-8") for p in [ROOT / "lkjip" / "present" / "sections.py",
                                                           *sorted((ROOT / "notebooks").glob("*.ipynb"))])
    names = set(re.findall(r"\bC\.(chart_\w+)\(", src))
    assert len(names) >= 8
    for name in names:
        assert callable(getattr(C, name)), name


def test_standard_charts_fit_a4_portrait(all_charts):
    for cid, chart in all_charts.items():
        w, h = chart.fig.get_size_inches() * 2.54
        limit = C.LEBAR_LANSKAP if chart.wide else C.LEBAR
        assert w <= limit + 0.01, cid
        assert h <= C.TINGGI_MAKS + 0.01, cid


def test_house_style(all_charts):
    ax = all_charts["fig-akip"].fig.axes[0]
    assert not ax.spines["top"].get_visible() and not ax.spines["right"].get_visible()
    for chart in all_charts.values():
        for t in chart.fig.findobj(Text):
            if t.get_text():
                assert t.get_fontname() == "DejaVu Sans"


def test_no_pyplot_state(data):
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    C.chart_akip(data)
    assert plt.get_fignums() == before


# --- 1. capaian -------------------------------------------------------------------------------
def test_iku_capaian(all_charts):
    chart = all_charts["fig-iku-capaian"]
    ax = chart.fig.axes[0]
    assert len(bars(ax)) == 4  # IKU5 has no realisation: no bar at all
    assert "97" in chart.alt and "107,78%" in chart.alt and "72,30" in chart.alt
    assert "IKU5" in chart.alt and "belum diisi" in chart.alt
    labels = texts(chart.fig)
    assert any("107,78%" in t for t in labels)
    assert any("BELUM DIISI" in t and "IKU5" in t for t in labels)
    assert any(abs(line.get_xdata()[0] - 100) < 1e-9 for line in ax.get_lines())  # 100 % reference
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert "100%" in ticks and all("." not in t for t in ticks)


def test_missing_realisation_is_not_a_zero_bar(all_charts):
    ax = all_charts["fig-iku-capaian"].fig.axes[0]
    assert all(b.get_width() > 0 for b in bars(ax))
    ypos = {round(b.get_y() + b.get_height() / 2, 6) for b in bars(ax)}
    assert 0 not in ypos  # IKU5 is the last row (y = 0): nothing drawn there but the label


# --- 2. trend ---------------------------------------------------------------------------------
def test_iku_tren(all_charts):
    chart = all_charts["fig-iku-tren"]
    axes = chart.fig.axes
    assert len(axes) == 3  # IKM and the two % indicators; predikat/Sesuai have no numeric trend
    assert [a.get_title(loc="left").split()[0] for a in axes] == ["IKU1", "IKU4", "IKU5"]
    ikm = axes[0]
    years = [int(t.get_text()) for t in ikm.get_xticklabels()]
    assert years == [2021, 2022, 2023, 2024, 2025, 2026]
    target, real = ikm.get_lines()[-2:]
    assert list(target.get_xdata()) == years  # targets for the whole Renstra period
    assert list(real.get_xdata()) == [2021, 2022, 2023, 2024]  # realisation up to the report year only
    assert list(real.get_ydata()) == [78, 82, 88, 97]
    # IKU5: 2023 and 2024 not measured -> gaps in the line and a visible mark, never 0
    doc = axes[2]
    y = list(doc.get_lines()[-1].get_ydata())
    assert y[:2] == [65.5, 72.5] and all(v != v for v in y[2:])  # NaN
    assert sum("BELUM" in t.get_text() for t in doc.texts) == 2
    assert "realisasi 2021 78, 2022 82, 2023 88, 2024 97" in chart.alt
    assert "2021 65,50%" in chart.alt and "2026 98" in chart.alt
    # decimal comma on the y axis of IKU5 (65,5 .. 95)
    assert all("." not in t.get_text() for a in axes for t in a.get_yticklabels())


# --- 3. IKM -----------------------------------------------------------------------------------
def test_ikm_unsur(all_charts):
    chart = all_charts["fig-ikm-unsur"]
    ax = chart.fig.axes[0]
    assert len(bars(ax)) == 9
    assert all(abs(b.get_x() - 1) < 1e-9 for b in bars(ax))  # bars start at the scale minimum 1
    labels = texts(chart.fig)
    for mutu in "ABCD":
        assert f"Mutu {mutu}" in labels
    assert "3,90 (A)" in labels and "2,40 (D)" in labels
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert ticks == ["1,0", "1,5", "2,0", "2,5", "3,0", "3,5", "4,0"]  # decimal comma
    spans = sorted(round(p.get_x(), 4) for p in ax.patches if p not in bars(ax))
    assert spans == [1.0, 2.6, 3.0644, 3.5324]  # PermenPANRB 14/2017 bounds / 25
    assert "IKM 97" in chart.alt and "mutu A" in chart.alt and "U9 Sarana dan Prasarana 2,40 (D)" in chart.alt


# --- 4. AKIP ----------------------------------------------------------------------------------
def test_akip(all_charts):
    chart = all_charts["fig-akip"]
    ax = chart.fig.axes[0]
    assert len(bars(ax)) == 8  # 4 maxima + 4 scores
    labels = texts(chart.fig)
    assert any(t.startswith("23,70 / 30") for t in labels)
    assert any(t.startswith("9,00 / 15") for t in labels)
    assert "Nilai AKIP 72,30" in chart.alt and "Perencanaan Kinerja 23,70 dari maksimum 30" in chart.alt


# --- 5./6. budget -----------------------------------------------------------------------------
def test_anggaran_program(all_charts):
    chart = all_charts["fig-anggaran-program"]
    ax = chart.fig.axes[0]
    assert len(bars(ax)) == 5  # 3 pagu + 2 realisasi (P3 realisasi missing)
    labels = texts(chart.fig)
    assert "Pagu Rp6,6 M" in labels and "Realisasi Rp6,5 M (98,17%)" in labels
    assert "Pagu Rp10 juta" in labels and "Realisasi Rp6,8 juta (68,25%)" in labels
    assert "Realisasi BELUM DIISI" in labels
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert ticks[0] == "Rp0" and all(t.startswith("Rp") and t.endswith(" M") for t in ticks[1:])
    assert all("." not in t for t in ticks)
    assert "Rp9.410.478.390" in chart.alt and "belum diisi" in chart.alt


def test_anggaran_belanja(all_charts):
    chart = all_charts["fig-anggaran-belanja"]
    ax = chart.fig.axes[0]
    bs = sorted(bars(ax), key=lambda b: -b.get_y())  # top to bottom
    widths = [b.get_width() for b in bs]
    assert widths == sorted(widths, reverse=True) and len(bs) == 3
    labels = texts(chart.fig)
    assert "Rp5 M (53,13%)" in labels and "Rp410,5 juta (4,36%)" in labels
    assert [t.get_text() for t in ax.get_yticklabels()][0] == "Belanja Barang dan Jasa"
    assert "Total pagu Rp9.410.478.390" in chart.alt


# --- 7. staff ---------------------------------------------------------------------------------
def test_pegawai(all_charts):
    chart = all_charts["fig-pegawai"]
    axes = chart.fig.axes
    assert len(axes) == 3
    assert [len(bars(a)) for a in axes] == [4, 2, 2]
    assert [a.get_title(loc="left") for a in axes] == ["Golongan PNS\n92 orang", "Pendidikan PNS\n92 orang",
                                                       "Tenaga honorer\n78 orang"]
    assert "0" in [t.get_text() for t in axes[0].texts]  # a real zero is labelled, not hidden
    assert "Golongan III 66" in chart.alt


# --- number formats ---------------------------------------------------------------------------
@pytest.mark.parametrize("value,text", [
    (43_574_741_594, "Rp43,6 M"), (6_824_600, "Rp6,8 juta"), (10_000_000, "Rp10 juta"),
    (1_450_000_000, "Rp1,5 M"), (999_960_000, "Rp1 M"), (250_000, "Rp250.000"), (1.2e12, "Rp1,2 T"),
    (None, "BELUM DIISI"),
])
def test_rupiah_singkat(value, text):
    assert C.rupiah_singkat(value) == text


def test_formatters():
    f = C.FormatAngka("%")
    f.set_locs([92.5, 95.0, 97.5, 100.0])
    assert [f(v) for v in (92.5, 100.0)] == ["92,5%", "100,0%"]
    f = C.FormatAngka()
    f.set_locs([0, 20_000, 40_000])
    assert f(40_000) == "40.000"
    r = C.FormatRupiah()
    r.set_locs([0, 5e9, 10e9, 15e9])
    assert [r(v) for v in (0, 5e9, 15e9)] == ["Rp0", "Rp5 M", "Rp15 M"]
    r.set_locs([0, 2.5e8, 5e8])
    assert r(2.5e8) == "Rp250 juta"


def test_bungkus_measures_width():
    text = C.bungkus("Administrasi Keuangan dan Operasional Kepala Daerah dan Wakil Kepala Daerah", 3.0, 7)
    assert all(C.lebar_teks_cm(line, 7) <= 3.0 for line in text.split("\n"))
    assert text.replace("\n", " ") == "Administrasi Keuangan dan Operasional Kepala Daerah dan Wakil Kepala Daerah"
    assert C.bungkus(None, 3, 7) == "BELUM DIISI"
    assert C.bungkus("a b c d e f g h", 0.3, 7, maks_baris=2).endswith("…")


# --- 8./9. diagrams ---------------------------------------------------------------------------
def _no_overlap(boxes):
    for a, b in itertools.combinations(boxes, 2):
        assert not a.tumpang(b, celah=0.02), (a.kode, b.kode)


def _text_inside_boxes(chart: C.Chart, layout: C.TataLetak) -> None:
    fig = chart.fig
    ax = fig.axes[0]
    r = fig.canvas.get_renderer()
    inv = ax.transData.inverted()
    box_texts = [t for t in ax.texts if t.get_text() and t.get_text() in {k.teks for k in layout.kotak}]
    assert len(box_texts) == len(layout.kotak)
    for k, t in zip(layout.kotak, box_texts):
        assert t.get_text() == k.teks
        bb = t.get_window_extent(r).transformed(inv)
        assert k.x <= bb.x0 and bb.x1 <= k.x1 and k.y <= bb.y0 and bb.y1 <= k.y1, k.kode


def test_organisasi_layout(data):
    org = data["organisasi"]
    tl = C.tata_letak_organisasi(org)
    assert [k.kode for k in tl.kotak] == list(org["kode"])
    _no_overlap(tl.kotak)
    assert tl.lebar <= C.LEBAR_LANSKAP + 1e-9
    assert all(0 <= k.x and k.x1 <= tl.lebar and 0 <= k.y and k.y1 <= tl.tinggi for k in tl.kotak)
    by = {k.kode: k for k in tl.kotak}
    parent = dict(zip(org["kode"], org["induk"]))
    for code, k in by.items():  # every unit sits below its parent
        if isinstance(parent[code], str):
            assert k.y1 < by[parent[code]].y
    # root on top and centred over its children; asisten level side by side on one row
    assert by["KADIS"].y1 == max(k.y1 for k in tl.kotak)
    assert by["SEK"].y == by["AS2"].y and by["SEK"].x1 < by["AS2"].x
    # the staf ahli (a staff unit) sit on their own row beside the line of command, between the head and
    # the line units, right of the head's centre
    assert by["AS2"].y1 < by["SA"].y < by["KADIS"].y and by["SA"].x > by["KADIS"].cx
    assert by["B-PEM"].y == by["B-REN"].y  # bagian level
    # leaf groups are stacked under their parent
    assert by["SB-PROT"].x == by["KJF-PROKOPIM"].x and by["SB-PROT"].y > by["KJF-PROKOPIM"].y
    assert by["SA1"].x > by["SA"].x and by["SA2"].y1 < by["SA1"].y
    # a dashed (coordination) line leads to the staf ahli group
    assert any(g.putus for g in tl.garis)


def test_organisasi_layout_fits_narrow_width(data):
    tl = C.tata_letak_organisasi(data["organisasi"], lebar_maks=C.LEBAR)
    assert tl.lebar <= C.LEBAR + 1e-9
    _no_overlap(tl.kotak)


def test_organisasi_chart(data, all_charts):
    chart = all_charts["fig-organisasi"]
    tl = C.tata_letak_organisasi(data["organisasi"])
    patches = [p for p in chart.fig.axes[0].patches if isinstance(p, FancyBboxPatch)]
    assert len(patches) == len(data["organisasi"]) == 13
    _text_inside_boxes(chart, tl)
    assert "Kepala Dinas Uji membawahi 3 unit" in chart.alt and "13 unit kerja" in chart.alt


def test_pohon_kinerja_layout(data):
    tl = C.tata_letak_pohon_kinerja(data["tujuan"], data["sasaran"], data["iku"], data["program"],
                                    data["kegiatan"])
    count = {lvl: [k.kode for k in tl.kotak if k.jenis == lvl] for lvl in ("tujuan", "sasaran", "iku", "program",
                                                                            "kegiatan")}
    assert {k: len(v) for k, v in count.items()} == {"tujuan": 2, "sasaran": 3, "iku": 5, "program": 3, "kegiatan": 4}
    _no_overlap(tl.kotak)
    assert all(0 <= k.x and k.x1 <= tl.lebar + 1e-9 and 0 <= k.y and k.y1 <= tl.tinggi for k in tl.kotak)
    by = {k.kode: k for k in tl.kotak}
    # left to right by level
    assert by["T1"].x1 < by["S1"].x < by["S1"].x1 < by["IKU1"].x < by["IKU1"].x1 < by["P1"].x < by["P1"].x1 < by["K01"].x
    # each kegiatan is in the vertical band of its program's sasaran; program centred on its kegiatan
    assert by["P2"].y <= by["K03"].cy and by["K02"].cy <= by["P2"].y1
    assert by["S2"].y1 > by["S3"].y1  # file order top to bottom
    assert len(tl.judul) == 5


def test_pohon_kinerja_many_kegiatan_stay_legible(data):
    import pandas as pd

    keg = pd.DataFrame({"kode": [f"K{i:02}" for i in range(1, 21)], "program": ["P2"] * 20,
                        "nama": ["Pemeliharaan Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah"] * 20})
    tl = C.tata_letak_pohon_kinerja(data["tujuan"], data["sasaran"], data["iku"], data["program"], keg)
    assert sum(k.jenis == "kegiatan" for k in tl.kotak) == 20
    _no_overlap(tl.kotak)
    assert tl.tinggi <= C.TINGGI_MAKS  # shrunk to fit a page ...
    assert all(k.ukuran >= 5.5 for k in tl.kotak)  # ... but never below 5,5 pt
    assert all(k.teks.count("\n") <= 2 for k in tl.kotak if k.jenis == "kegiatan")


def test_pohon_kinerja_chart(data, all_charts):
    chart = all_charts["fig-pohon-kinerja"]
    patches = [p for p in chart.fig.axes[0].patches if isinstance(p, FancyBboxPatch)]
    assert len(patches) == 2 + 3 + 5 + 3 + 4
    tl = C.tata_letak_pohon_kinerja(data["tujuan"], data["sasaran"], data["iku"], data["program"], data["kegiatan"])
    _text_inside_boxes(chart, tl)
    assert "2 tujuan, 3 sasaran, 5 indikator kinerja utama, 3 program dan 4 kegiatan" in chart.alt


def test_empty_year_gives_visible_placeholders(tmp_path):
    folder = tmp_path / "2024"
    folder.mkdir()
    (folder / "profil.yaml").write_text(textwrap.dedent(FILES["profil.yaml"]), encoding="utf-8")
    empty = load_year(folder)
    for cid, fn in C.CHARTS.items():
        chart = fn(empty)
        assert chart.id == cid and "belum diisi" in chart.alt
        assert any("BELUM DIISI" in t for t in texts(chart.fig))
        assert not any(bars(ax) for ax in chart.fig.axes)


# --- reproducibility --------------------------------------------------------------------------
def test_png_is_reproducible(data, all_charts, tmp_path):
    for cid, chart in all_charts.items():
        assert png(chart) == png(chart), cid
    again = C.CHARTS["fig-iku-capaian"](data)
    assert png(again) == png(all_charts["fig-iku-capaian"])
    a, b = C.simpan(again, tmp_path / "a.pdf"), C.simpan(again, tmp_path / "b.pdf")
    assert a.read_bytes() == b.read_bytes()
    a, b = C.simpan(again, tmp_path / "a.svg"), C.simpan(again, tmp_path / "b.svg")
    assert a.read_bytes() == b.read_bytes()


# --- the real year, when its data are complete ------------------------------------------------
DATA_2024 = ROOT / "data" / "2024"


@pytest.mark.skipif(not (DATA_2024 / "iku.csv").exists() or not (DATA_2024 / "organisasi.csv").exists(),
                    reason="data/2024 not complete yet")
def test_charts_of_2024(data2024):
    out = {c.id: c for c in C.semua(data2024)}
    assert len(out) == 9
    assert "107,78%" in out["fig-iku-capaian"].alt and "97" in out["fig-iku-capaian"].alt
    assert "23,70 dari maksimum 30" in out["fig-akip"].alt
    assert "Rp43.574.741.594" in out["fig-anggaran-program"].alt and "96,25%" in out["fig-anggaran-program"].alt
    assert "20 kegiatan" in out["fig-pohon-kinerja"].alt
    tl = C.tata_letak_organisasi(data2024["organisasi"])
    _no_overlap(tl.kotak)
    assert tl.lebar <= C.LEBAR_LANSKAP + 1e-9


def test_a_library_chart_is_drawn_once_into_its_svg(data2024, monkeypatch):
    """A chart arrives laid out; saving it draws it once (no layout engine left for savefig to run),
    and the SVG is the one made with matplotlib's "none" layout engine (which draws twice)."""
    from matplotlib.figure import Figure

    from lkjip.present import charts as C
    from lkjip.present import display

    shown: list[str] = []
    monkeypatch.setattr(display, "_publish", lambda data, meta: shown.append(data["image/svg+xml"]))
    draws: list[int] = []
    draw = Figure.draw
    monkeypatch.setattr(Figure, "draw", lambda self, renderer: draws.append(1) or draw(self, renderer))
    for make in (C.chart_akip, C.chart_anggaran_program, C.chart_pegawai):
        chart = make(data2024)
        draws.clear()
        display.publish_figure(chart.fig, "x", id="fig-x", alt="y")
        assert len(draws) == 1
        again = make(data2024).fig
        again.set_layout_engine("none")
        assert shown[-1] == display.figure_svg(again)
