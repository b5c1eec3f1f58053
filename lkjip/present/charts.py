"""The report's figures: one function per figure, ``chart_*(data) -> Chart``.

Pure presentation. Every number comes from :mod:`lkjip.compute` (and :mod:`lkjip.metrics` for
fixed bounds such as the IKM mutu bands); this module only draws and formats them.

House style (:func:`house_style`): matplotlib's Agg renderer with figures built directly from
:class:`~matplotlib.figure.Figure` (no pyplot state), the Okabe–Ito palette (colour-blind safe, and
the roles used together differ in lightness so they survive greyscale printing), DejaVu Sans,
sizes for an A4 page (16 cm text width; the two diagrams are drawn for 24 cm, A4 landscape, and
flagged ``wide``), no top/right spines, a light grid, Indonesian number formats everywhere
(``1.234.567``, ``97,50%``, ``Rp43,6 M``) and a direct value label on every mark so colour is never
the only cue. A missing value is labelled ``BELUM DIISI`` and never drawn as zero. Nothing random,
no timestamps: the same data give byte-identical files when saved with :func:`simpan` (or under
:func:`house_style`, which fixes the SVG ids; PDF/SVG dates are dropped by :func:`simpan`).

The two diagrams are laid out by small pure functions, :func:`tata_letak_organisasi` and
:func:`tata_letak_pohon_kinerja`, which return boxes and connector lines in centimetres.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache, wraps
from pathlib import Path
from typing import Any, cast

import matplotlib
import pandas as pd
from cycler import cycler
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure, SubFigure
from matplotlib.font_manager import FontProperties
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.lines import Line2D
from matplotlib.patches import FancyBboxPatch, Patch
from matplotlib.text import Text
from matplotlib.textpath import TextToPath
from matplotlib.ticker import FixedLocator, Formatter, FuncFormatter, MaxNLocator, MultipleLocator

from .. import compute
from .. import metrics as m
from ..fmt import KOSONG, angka, jumlah, kosong, rupiah, teks
from .._schema import ORG_STAF
from ..load import DataTahun
from ..metrics.capaian import is_number
from .catalog import caption
from .values import SATUAN_SKALA, bilangan, nilai_satuan

__all__ = [
    "Chart", "Kotak", "Garis", "TataLetak", "CHARTS", "PALET", "house_style", "semua", "simpan",
    "rupiah_singkat", "FormatAngka", "FormatRupiah", "bungkus", "tata_letak_organisasi",
    "tata_letak_pohon_kinerja", "muat_teks", "chart_iku_capaian", "chart_iku_tren", "chart_ikm_unsur", "chart_akip",
    "chart_anggaran_program", "chart_anggaran_belanja", "chart_pegawai", "chart_organisasi",
    "chart_pohon_kinerja",
]

# --- house style ------------------------------------------------------------------------------
CM = 1 / 2.54             # inches per centimetre
PT_CM = 2.54 / 72         # centimetres per point
LEBAR = 16.0              # A4 portrait text width (cm)
LEBAR_LANSKAP = 24.0      # A4 landscape text width (cm)
TINGGI_MAKS = 23.0        # tallest figure that still leaves room for its caption on an A4 portrait page
FONT = "DejaVu Sans"      # ships with matplotlib

#: Okabe & Ito (2008) colour-blind-safe palette.
PALET: dict[str, str] = {
    "biru": "#0072B2", "oranye": "#E69F00", "vermilion": "#D55E00", "hijau": "#009E73",
    "langit": "#56B4E9", "ungu": "#CC79A7", "kuning": "#F0E442", "hitam": "#000000",
}
REALISASI = PALET["biru"]       # dark: realisation, obtained score, counts
TARGET = PALET["oranye"]        # light: target / pagu (differs from blue in lightness too)
ACUAN = PALET["vermilion"]      # reference lines (100 %) and missing-value marks
ABU = "#595959"                 # secondary text
ABU_MUDA = "#D9D9D9"            # maxima, backgrounds
GARIS = "#4D4D4D"               # connectors of the diagrams

RC: dict[str, Any] = {
    "font.family": "sans-serif", "font.sans-serif": [FONT], "font.size": 8,
    "axes.titlesize": 8, "axes.titleweight": "bold", "axes.titlelocation": "left", "axes.titlepad": 6,
    "axes.labelsize": 7.5, "axes.labelcolor": "#262626", "axes.edgecolor": "#595959", "axes.linewidth": 0.7,
    "axes.spines.top": False, "axes.spines.right": False, "axes.axisbelow": True,
    "axes.grid": False, "grid.color": "#E3E3E3", "grid.linewidth": 0.6,
    "axes.prop_cycle": cycler(color=[PALET[k] for k in ("biru", "oranye", "hijau", "vermilion", "langit", "ungu")]),
    "axes.formatter.use_locale": False, "axes.unicode_minus": False,
    "xtick.labelsize": 7, "ytick.labelsize": 7, "xtick.color": "#262626", "ytick.color": "#262626",
    "xtick.major.width": 0.6, "ytick.major.width": 0.6, "xtick.major.size": 3, "ytick.major.size": 3,
    "legend.fontsize": 7, "legend.frameon": False, "legend.handlelength": 1.6,
    "lines.linewidth": 1.6, "lines.markersize": 4.5, "patch.linewidth": 0,
    "figure.facecolor": "white", "figure.dpi": 100, "figure.constrained_layout.h_pad": 0.04,
    "figure.constrained_layout.w_pad": 0.04,
    "savefig.dpi": 200, "savefig.facecolor": "white", "svg.hashsalt": "lkjip", "svg.fonttype": "path",
    "pdf.fonttype": 42, "hatch.linewidth": 0.6,
    "text.parse_math": False,  # '$' in data is text: "$\frac{$" would otherwise stop the chart
}


@contextmanager
def house_style() -> Iterator[None]:
    """The rc settings every chart is drawn (and should be saved) under."""
    with matplotlib.rc_context(cast(Any, RC)):  # matplotlib types the keys as literals
        yield


@dataclass(frozen=True)
class Chart:
    """A figure of the report: the matplotlib figure, an Indonesian alt text stating its key numbers,
    its numbered caption (from :mod:`.catalog`) and its id. ``wide`` asks for a landscape page."""

    fig: Figure
    alt: str
    caption: str
    id: str
    wide: bool = False


def _gaya(fn: Callable[[DataTahun], Chart]) -> Callable[[DataTahun], Chart]:
    """Build the chart under the house style and lay it out (ticks are created in the style too)."""
    @wraps(fn)
    def wrapper(data: DataTahun) -> Chart:
        with house_style():
            chart = fn(data)
            chart.fig.draw_without_rendering()
        return chart
    return wrapper


def _figure(lebar_cm: float, tinggi_cm: float, *, constrained: bool = True) -> Figure:
    fig = Figure(figsize=(lebar_cm * CM, tinggi_cm * CM), layout="constrained" if constrained else None)
    FigureCanvasAgg(fig)
    return fig


def simpan(chart: Chart, path: str | Path, *, dpi: int = 200) -> Path:
    """Save ``chart`` reproducibly (PNG, SVG or PDF: no dates in the metadata, fixed SVG ids)."""
    path = Path(path)
    fmt = path.suffix.lstrip(".").lower() or "png"
    meta = {"png": {"Software": None}, "svg": {"Date": None}, "pdf": {"CreationDate": None, "ModDate": None}}
    with house_style():
        chart.fig.savefig(path, format=fmt, dpi=dpi, metadata=meta.get(fmt), facecolor="white")
    return path


# --- numbers ----------------------------------------------------------------------------------
_kosong = kosong


def _persen(x: float | None, desimal: int = 2) -> str:
    return angka(x, desimal) + "%"


_SATUAN_RP = ((1e12, " T"), (1e9, " M"), (1e6, " juta"))


def rupiah_singkat(x: float | int | None, desimal: int = 1) -> str:
    """Short Rupiah for labels: ``43574741594`` -> ``Rp43,6 M``, ``6824600`` -> ``Rp6,8 juta``.

    M = miliar, T = triliun; a zero decimal is dropped (``Rp10 juta``); below a million the full
    amount (``Rp500.000``); missing -> the visible missing mark.
    """
    if _kosong(x):
        return KOSONG
    v = float(x)  # type: ignore[arg-type]
    units = [u for u in reversed(_SATUAN_RP) if abs(v) >= u[0]]  # smallest first
    if not units:
        return rupiah(round(v))
    i = _SATUAN_RP.index(units[-1])
    step = Decimal(1).scaleb(-desimal)

    def q(unit: float) -> Decimal:  # half-up like a person would round, exact for whole Rupiah
        return (Decimal(str(abs(v))) / Decimal(int(unit))).quantize(step, ROUND_HALF_UP)

    if i > 0 and q(_SATUAN_RP[i][0]) >= 1000:  # 999,96 juta -> Rp1 M
        i -= 1
    unit, name = _SATUAN_RP[i]
    text = angka(float(q(unit)), desimal)
    if desimal and text.endswith("," + "0" * desimal):
        text = text[: -(desimal + 1)]
    return ("-" if v < 0 else "") + "Rp" + text + name


def _desimal_perlu(locs: Sequence[float], maks: int = 3) -> int:
    d = 0
    for v in locs:
        while d < maks and abs(round(v, d) - v) > 1e-9 * max(1.0, abs(v)):
            d += 1
    return d


class FormatAngka(Formatter):
    """Tick labels in Indonesian format (``1.234``, ``3,5``, ``97,5%``) with the fewest decimals that
    show every tick exactly (or a fixed number)."""

    def __init__(self, akhiran: str = "", awalan: str = "", desimal: int | None = None) -> None:
        self.akhiran, self.awalan, self._tetap = akhiran, awalan, desimal
        self._d = desimal or 0

    def set_locs(self, locs: list[float]) -> None:
        super().set_locs(locs)
        if self._tetap is None:
            lo, hi = self.axis.get_view_interval() if self.axis is not None else (-math.inf, math.inf)
            lo, hi = min(lo, hi), max(lo, hi)
            self._d = _desimal_perlu([v for v in locs if lo - 1e-9 <= v <= hi + 1e-9] or list(locs))

    def __call__(self, x: float, pos: int | None = None) -> str:
        x = 0.0 if abs(x) < 1e-12 else x
        return self.awalan + angka(x, self._d) + self.akhiran


class FormatRupiah(Formatter):
    """Rupiah axis ticks in one unit for the whole axis: ``Rp0``, ``Rp10 M``, ``Rp2,5 M``."""

    def __init__(self) -> None:
        self._unit, self._name, self._d = 1.0, "", 0

    def set_locs(self, locs: list[float]) -> None:
        super().set_locs(locs)
        top = max((abs(v) for v in locs), default=0.0)
        self._unit, self._name = next(((u, n) for u, n in _SATUAN_RP if top >= u), (1.0, ""))
        self._d = _desimal_perlu([v / self._unit for v in locs], 2)

    def __call__(self, x: float, pos: int | None = None) -> str:
        if abs(x) < 1e-9:
            return "Rp0"
        return ("-" if x < 0 else "") + "Rp" + angka(abs(x) / self._unit, self._d) + self._name


_LATAR = dict(boxstyle="round,pad=0.12", facecolor="white", edgecolor="none", alpha=0.85)  # label backing
_TAHUN = FuncFormatter(lambda x, _pos: str(int(round(x))))  # years never get a thousands separator


# --- text -------------------------------------------------------------------------------------
_TTP = TextToPath()


@lru_cache(maxsize=8192)
def lebar_teks_cm(teks: str, ukuran: float, tebal: bool = False) -> float:
    """Width of one line of text in DejaVu Sans at ``ukuran`` pt, in cm (deterministic, no renderer)."""
    prop = FontProperties(family=FONT, size=ukuran, weight="bold" if tebal else "normal")
    w, _h, _d = _TTP.get_text_width_height_descent(teks, prop, ismath=False)
    return w * PT_CM * 1.03  # small margin for hinting


def _pecah_kata(kata: str, lebar_cm: float, ukuran: float, tebal: bool) -> list[str]:
    """Split a word wider than the line after ``/`` or ``-``, else by characters with a hyphen."""
    if lebar_teks_cm(kata, ukuran, tebal) <= lebar_cm:
        return [kata]
    for sep in ("/", "-"):
        if sep in kata.strip(sep):
            head, _, tail = kata.partition(sep)
            return _pecah_kata(head + sep, lebar_cm, ukuran, tebal) + _pecah_kata(tail, lebar_cm, ukuran, tebal)
    out, cur = [], ""
    for ch in kata:
        if cur and lebar_teks_cm(cur + ch + "-", ukuran, tebal) > lebar_cm:
            out.append(cur + "-")
            cur = ""
        cur += ch
    return out + [cur]


def bungkus(teks: object, lebar_cm: float, ukuran: float, tebal: bool = False, maks_baris: int | None = None) -> str:
    """Word-wrap ``teks`` to lines no wider than ``lebar_cm`` (measured in DejaVu Sans).

    With ``maks_baris`` the text is cut after that many lines and ends with an ellipsis.
    """
    if _kosong(teks) or not str(teks).strip():
        return KOSONG
    lines: list[str] = []
    cur = ""
    for word in str(teks).split():
        for piece in _pecah_kata(word, lebar_cm, ukuran, tebal):
            cand = piece if not cur else (cur + piece if cur.endswith(("/", "-")) else f"{cur} {piece}")
            if cur and lebar_teks_cm(cand, ukuran, tebal) > lebar_cm:
                lines.append(cur)
                cur = piece
            else:
                cur = cand
    if cur:
        lines.append(cur)
    if maks_baris and len(lines) > maks_baris:
        lines = lines[:maks_baris]
        last = lines[-1]
        while last and lebar_teks_cm(last + " …", ukuran, tebal) > lebar_cm:
            last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
        lines[-1] = last + " …"
    return "\n".join(lines)


def _tinggi_teks_cm(baris: int, ukuran: float, spasi: float = 1.2) -> float:
    """Height of ``baris`` lines of text (matplotlib's line spacing)."""
    return ((baris - 1) * spasi + 1.15) * ukuran * PT_CM


def _kalimat(parts: Sequence[str]) -> str:
    return "; ".join(p for p in parts if p) + "."


def _n(x: int) -> str:
    return angka(x, 0)


# --- shared drawing helpers -------------------------------------------------------------------
def _ruang_label(fig: Figure, ax: Any, texts: Sequence[Text], *, sumbu: str = "x") -> None:
    """Widen the axis limit until every value label lies inside the axes (iterative, deterministic)."""
    if not texts:
        return
    for _ in range(6):
        fig.draw_without_rendering()
        box = ax.get_window_extent()
        r = cast(FigureCanvasAgg, fig.canvas).get_renderer()  # _figure attaches an Agg canvas
        if sumbu == "x":
            need = max(t.get_window_extent(r).x1 for t in texts)
            lo, hi = ax.get_xlim()
            span_px, edge = box.width, box.x1
        else:
            need = max(t.get_window_extent(r).y1 for t in texts)
            lo, hi = ax.get_ylim()
            span_px, edge = box.height, box.y1
        if need <= edge - 2:
            return
        extra = (need - edge + 6) / span_px * (hi - lo)
        (ax.set_xlim if sumbu == "x" else ax.set_ylim)(lo, hi + extra * 1.15)


def _sumbu_x_sampai(ax: Any, maks: float) -> None:
    """Ticks (and the bottom spine) only up to the first tick at or above the data maximum, so the
    room made for value labels does not read as scale."""
    ticks = list(ax.xaxis.get_major_locator().tick_values(0, maks))
    top = min((t for t in ticks if t >= maks - 1e-9), default=maks)
    keep = [t for t in ticks if -1e-9 <= t <= top + 1e-9]
    ax.xaxis.set_major_locator(FixedLocator(keep))
    ax.spines["bottom"].set_bounds(keep[0], keep[-1])
    lo, hi = ax.get_xlim()
    ax.set_xlim(lo, max(hi, top))


def _label_kosong(ax: Any, x: float, y: float, teks: str = KOSONG, **kw: Any) -> Text:
    """The visible mark of a missing value (never a zero-length bar)."""
    style = dict(color=ACUAN, fontsize=7, fontstyle="italic", fontweight="bold", va="center", ha="left",
                 bbox=dict(boxstyle="round,pad=0.15", facecolor="white", edgecolor="none"), zorder=6)
    style.update(kw)
    return ax.text(x, y, teks, **style)


def _batang_h(ax: Any, nilai: Sequence[object], *, warna: str = REALISASI, tinggi: float = 0.62,
              pos: Sequence[float] | None = None, kiri: float = 0.0) -> tuple[list[Any], list[int]]:
    """Horizontal bars for the present values only; returns (bar patches, indices of missing values)."""
    pos = list(pos) if pos is not None else list(range(len(nilai)))
    have = [i for i, v in enumerate(nilai) if not _kosong(v)]
    missing = [i for i, v in enumerate(nilai) if _kosong(v)]
    bars = ax.barh([pos[i] for i in have], [float(nilai[i]) - kiri for i in have], height=tinggi,  # type: ignore[arg-type]
                   left=kiri, color=warna, zorder=2)
    return list(bars.patches), missing


def _gaya_sumbu_h(ax: Any) -> None:
    ax.grid(axis="x")
    ax.spines["left"].set_visible(False)
    ax.tick_params(axis="y", length=0, pad=4)


def _tanpa_data(data: DataTahun, cid: str, apa: str, pesan: str = KOSONG) -> Chart:
    """A visible placeholder when a chart has no data at all (the checker normally stops this earlier)."""
    fig = _figure(LEBAR, 2.5, constrained=False)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.axis("off")
    _label_kosong(ax, 0.5, 0.5, f"{apa}: {pesan}", ha="center", fontsize=9)
    return Chart(fig, f"{apa} tahun {data.tahun}: {pesan.lower()}.", caption(cid, data), cid)


def _judul_ringkas(fig: Figure, teks: str) -> None:
    fig.suptitle(teks, x=0.0, ha="left", fontsize=8, fontweight="bold", color="#262626")


# --- 1. IKU capaian ---------------------------------------------------------------------------
@_gaya
def chart_iku_capaian(data: DataTahun) -> Chart:
    """Capaian (%) of every IKU in the report year as horizontal bars against the 100 % line."""
    if not len(data["iku"]):
        return _tanpa_data(data, "fig-iku-capaian", "Indikator kinerja utama")
    h = compute.hasil_iku(data).reset_index(drop=True)
    n = len(h)
    fig = _figure(LEBAR, 1.9 + 1.25 * max(n, 1))
    ax = fig.add_subplot()
    pos = [n - 1 - i for i in range(n)]  # first IKU on top
    caps = [None if _kosong(c) else float(c) for c in h["capaian"]]
    bars, missing = _batang_h(ax, caps, pos=pos)
    labels = []
    alt_parts = []
    for i, r in h.iterrows():
        target = nilai_satuan(r["target"], r["satuan"])
        real = nilai_satuan(r["realisasi"], r["satuan"], r["nilai"])
        nama = bungkus(f"{r['iku']} {r['nama']}", 6.2, 7, maks_baris=3)
        labels.append(f"{nama}\nTarget {target} · Realisasi {real}")
        if caps[i] is None:
            alt_parts.append(f"{r['iku']} {r['nama']}: target {target}, realisasi "
                             f"{'belum diisi' if _kosong(r['realisasi']) else real}, capaian belum dapat dihitung")
        else:
            alt_parts.append(f"{r['iku']} {r['nama']}: target {target}, realisasi {real}, capaian "
                             f"{_persen(caps[i])} ({r['kategori']})")
    texts = [ax.text(max(b.get_width(), 100.0), b.get_y() + b.get_height() / 2,
                     f" {_persen(caps[i])}  ({h.loc[i, 'kategori']})", va="center", ha="left", fontsize=7,
                     color="#1A1A1A")
             for b, i in zip(bars, [i for i in range(n) if caps[i] is not None])]
    for i in missing:
        texts.append(_label_kosong(ax, 1.5, pos[i], f"{KOSONG} — realisasi {h.loc[i, 'iku']} tidak tersedia"))
    ax.axvline(100, color=ACUAN, linestyle="--", linewidth=1.1, zorder=3)
    ax.set_yticks(pos, labels, fontsize=7)
    ax.set_ylim(-0.6, n - 0.4)
    top = max([c for c in caps if c is not None] + [100.0])
    ax.set_xlim(0, top * 1.06)
    # steps of 20/50 on the usual range; an outlying capaian (a realisation far above its target) gets ~8 ticks
    ax.xaxis.set_major_locator(MultipleLocator(20 if top <= 160 else 50) if top <= 400
                               else MaxNLocator(8, steps=[1, 2, 2.5, 5, 10]))
    _sumbu_x_sampai(ax, top)
    ax.xaxis.set_major_formatter(FormatAngka("%"))
    ax.set_xlabel("Capaian kinerja (%)")
    _gaya_sumbu_h(ax)
    ax.legend(handles=[Patch(color=REALISASI, label="Capaian"),
                       Line2D([], [], color=ACUAN, linestyle="--", linewidth=1.1, label="Target tercapai (100%)")],
              loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=2)
    _ruang_label(fig, ax, texts)
    alt = (f"Diagram batang capaian {_n(n)} indikator kinerja utama tahun {data.tahun} terhadap garis target "
           f"100%. " + _kalimat(alt_parts))
    return Chart(fig, alt, caption("fig-iku-capaian", data), "fig-iku-capaian")


# --- 2. IKU trend -----------------------------------------------------------------------------
def _iku_numerik(riwayat: pd.DataFrame, iku: pd.DataFrame) -> list[str]:
    """IKU with numeric targets (IKM, the koordinasi %): the ones a line chart can show."""
    out = []
    for _, i in iku.iterrows():
        if i["polaritas"] not in ("naik", "turun"):
            continue
        t = riwayat.loc[riwayat["iku"] == i["kode"], "target"]
        if any(not _kosong(v) and is_number(v) for v in t):
            out.append(str(i["kode"]))
    return out


def _angka_iku(v: object) -> float | None:
    return float(str(v)) if not _kosong(v) and is_number(v) else None


@_gaya
def chart_iku_tren(data: DataTahun) -> Chart:
    """Realisation (solid) against the Renstra targets (dashed) per numeric IKU over the Renstra period."""
    if not len(data["iku"]):
        return _tanpa_data(data, "fig-iku-tren", "Indikator kinerja utama")
    r = compute.riwayat_iku(data)
    iku = data["iku"].set_index("kode")
    kodes = _iku_numerik(r, data["iku"])
    if not kodes:
        return _tanpa_data(data, "fig-iku-tren", "Tren IKU", "tidak ada indikator bernilai angka")
    years = sorted(int(y) for y in r["tahun"].unique()) or [data.tahun]
    ncol = 2 if len(kodes) > 1 else 1
    nrow = max(1, math.ceil(len(kodes) / ncol))
    fig = _figure(LEBAR, 1.4 + 5.6 * nrow)
    axes = fig.subplots(nrow, ncol, squeeze=False).ravel()
    alt_parts = []
    for ax, kode in zip(axes, kodes):
        sub = r[r["iku"] == kode].set_index("tahun").sort_index()
        satuan = str(iku.loc[kode, "satuan"])
        suf = "%" if satuan == "%" else ""
        tgt = [(int(y), _angka_iku(sub.loc[y, "target"])) for y in sub.index]
        real = [(int(y), _angka_iku(sub.loc[y, "realisasi"])) for y in sub.index if int(y) <= data.tahun]
        ax.axvspan(data.tahun - 0.45, data.tahun + 0.45, color="#F0F0F0", zorder=0, linewidth=0)
        ax.plot([y for y, _ in tgt], [math.nan if v is None else v for _, v in tgt], linestyle="--",
                marker="s", markerfacecolor="white", markeredgewidth=1.1, color=TARGET, zorder=3)
        ax.plot([y for y, _ in real], [math.nan if v is None else v for _, v in real], linestyle="-",
                marker="o", color=REALISASI, zorder=4)
        values = [v for _, v in tgt + real if v is not None]
        lo, hi = (min(values), max(values)) if values else (0.0, 100.0)
        span = max(hi - lo, 4.0)
        tmap = dict(tgt)
        for y, v in real:
            if v is None:
                _label_kosong(ax, y, 0.06, "BELUM\nDIISI", ha="center", va="bottom", fontsize=6,
                              transform=ax.get_xaxis_transform())
                continue
            above = (t := tmap.get(y)) is None or v >= t
            ax.annotate(bilangan(v) + suf, (y, v), xytext=(0, 5 if above else -6), textcoords="offset points",
                        ha="center", va="bottom" if above else "top", fontsize=6.5, color=REALISASI,
                        fontweight="bold", zorder=5, bbox=_LATAR)
        for y, v in tgt:
            if y > data.tahun and v is not None:
                ax.annotate(bilangan(v) + suf, (y, v), xytext=(0, -6), textcoords="offset points", ha="center",
                            va="top", fontsize=6.5, color="#8A5A00", zorder=5, bbox=_LATAR)
        title = f"{kode} {iku.loc[kode, 'nama']}"
        if not suf and satuan.casefold() not in SATUAN_SKALA:
            title += f" ({satuan})"
        if iku.loc[kode, "polaritas"] == "turun":
            title += " (semakin rendah semakin baik)"
        ax.set_title(bungkus(title, 6.3, 7.5, tebal=True, maks_baris=3), fontsize=7.5, loc="left")
        ax.set_xlim(years[0] - 0.5, years[-1] + 0.5)
        ax.set_xticks(years)
        ax.xaxis.set_major_formatter(_TAHUN)
        loc = MaxNLocator(5, steps=[1, 2, 2.5, 5, 10], integer=all(float(v).is_integer() for v in values))
        ticks = list(loc.tick_values(lo, hi))
        below = max((t for t in ticks if t <= lo + 1e-9), default=lo)
        ceiling = min((t for t in ticks if t >= hi - 1e-9), default=hi)
        ax.yaxis.set_major_locator(FixedLocator([t for t in ticks if below - 1e-9 <= t <= ceiling + 1e-9]))
        ax.set_ylim(min(below, lo - 0.3 * span), max(ceiling, hi + 0.25 * span))
        ax.yaxis.set_major_formatter(FormatAngka(suf))
        ax.grid(axis="y")
        rtext = ", ".join(f"{y} {KOSONG.lower() if v is None else bilangan(v) + suf}" for y, v in real)
        ttext = ", ".join(f"{y} {'-' if v is None else bilangan(v) + suf}" for y, v in tgt)
        unit = "" if suf or satuan.casefold() in SATUAN_SKALA else f" (satuan: {satuan})"
        alt_parts.append(f"{kode} {iku.loc[kode, 'nama']}{unit}: realisasi {rtext}; target {ttext}")
    for ax in axes[len(kodes):]:
        fig.delaxes(ax)
    fig.legend(handles=[Line2D([], [], color=REALISASI, marker="o", label="Realisasi"),
                        Line2D([], [], color=TARGET, marker="s", markerfacecolor="white", linestyle="--",
                               label="Target Renstra"),
                        Patch(color="#F0F0F0", label=f"Tahun laporan {data.tahun}")],
               loc="outside lower center", ncols=3)
    alt = (f"Grafik garis realisasi dan target Renstra {years[0]}–{years[-1]} untuk {_n(len(kodes))} indikator "
           f"kinerja utama bernilai angka; tahun setelah {data.tahun} hanya memuat target. " + _kalimat(alt_parts))
    return Chart(fig, alt, caption("fig-iku-tren", data), "fig-iku-tren")


# --- 3. IKM per unsur -------------------------------------------------------------------------
def _pita_mutu() -> list[tuple[str, float, float]]:
    """(mutu, lower, upper) on the 1..4 NRR scale: the IKM bounds / 25 (PermenPANRB 14/2017)."""
    bounds = [(mutu, lo / m.ikm.KONVERSI) for lo, mutu, _ in m.MUTU_IKM]
    out, upper = [], 4.0
    for mutu, lo in bounds:
        out.append((mutu, max(lo, 1.0), upper))
        upper = lo
    return out


@_gaya
def chart_ikm_unsur(data: DataTahun) -> Chart:
    """NRR of the 9 service elements on the 1..4 scale over the shaded mutu bands A–D."""
    if not len(data["ikm_unsur"]):
        return _tanpa_data(data, "fig-ikm-unsur", "Nilai IKM per unsur")
    k = compute.ikm(data)
    u = k.unsur.reset_index(drop=True)
    n = len(u)
    fig = _figure(LEBAR, 2.6 + 0.95 * max(n, 1))
    ax = fig.add_subplot()
    shades = {"A": "#CFE2F0", "B": "#E0EBF3", "C": "#EDF2F6", "D": "#F7F7F7"}
    for mutu, lo, hi in _pita_mutu():
        ax.axvspan(lo, hi, color=shades.get(mutu, "#F7F7F7"), zorder=0, linewidth=0)
        if lo > 1.0:
            ax.axvline(lo, color="#A6A6A6", linewidth=0.6, linestyle=":", zorder=1)
        ax.text((lo + hi) / 2, 1.01, f"Mutu {mutu}", transform=ax.get_xaxis_transform(), ha="center", va="bottom",
                fontsize=7, fontweight="bold", color="#262626")
    pos = [n - 1 - i for i in range(n)]
    nrr = [None if _kosong(v) else float(v) for v in u["nrr"]]
    bars, missing = _batang_h(ax, nrr, pos=pos, kiri=1.0, tinggi=0.5)
    present = [(i, v) for i, v in enumerate(nrr) if v is not None]
    for b, (i, v) in zip(bars, present):
        label = f"{angka(v, 2)} ({u.loc[i, 'mutu']})"
        inside = v - 1.0 > 0.75
        ax.text(v - 0.04 if inside else v + 0.04, pos[i], label, ha="right" if inside else "left",
                va="center", fontsize=7, fontweight="bold", color="white" if inside else "#1A1A1A", zorder=4)
    for i in missing:
        _label_kosong(ax, 1.05, pos[i])
    labels = [bungkus(f"U{int(r['no'])} {r['unsur']}", 4.6, 7, maks_baris=3) for _, r in u.iterrows()]
    ax.set_yticks(pos, labels)
    ax.set_ylim(-0.6, n - 0.4)
    ax.set_xlim(1, 4)
    ax.xaxis.set_major_locator(FixedLocator([1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0]))
    ax.xaxis.set_major_formatter(FormatAngka(desimal=1))
    ax.set_xlabel("Nilai rata-rata unsur (NRR), skala 1–4")
    _gaya_sumbu_h(ax)
    ax.grid(False)
    b = {mutu: lo for mutu, lo, _ in _pita_mutu()}
    batas = "; ".join(f"{mutu} ≥ {angka(b[mutu], 4 if b[mutu] * 100 % 1 else 2)}" for mutu in ("A", "B", "C") if mutu in b)
    fig.text(0.0, 0.0, f"Batas mutu NRR = batas IKM ÷ 25 (PermenPANRB 14/2017): {batas}; D di bawahnya.",
             fontsize=6.5, color=ABU, ha="left", va="bottom")
    engine = fig.get_layout_engine()
    assert isinstance(engine, ConstrainedLayoutEngine)  # _figure(constrained=True)
    engine.set(rect=(0, 0.045, 1, 0.955))
    _judul_ringkas(fig, f"IKM {bilangan(k.nilai)} — mutu {teks(k.mutu)} ({teks(k.kinerja)})")
    parts = [f"U{int(r['no'])} {r['unsur']} {KOSONG.lower() if nrr[i] is None else angka(nrr[i], 2)}"
             + ("" if nrr[i] is None else f" ({r['mutu']})") for i, r in u.iterrows()]
    alt = (f"Diagram batang nilai rata-rata {_n(n)} unsur pelayanan pada skala 1–4 dengan pita mutu A–D "
           f"(batas {batas}). IKM {bilangan(k.nilai)}, mutu {teks(k.mutu)} ({teks(k.kinerja)}). " + _kalimat(parts))
    return Chart(fig, alt, caption("fig-ikm-unsur", data), "fig-ikm-unsur")


# --- 4. AKIP ----------------------------------------------------------------------------------
@_gaya
def chart_akip(data: DataTahun) -> Chart:
    """Score of each AKIP component against its maximum (bobot), labelled ``23,70 / 30``."""
    if not len(data["akip"]):
        return _tanpa_data(data, "fig-akip", "Komponen AKIP")
    a = compute.akip(data)
    k = a.komponen.reset_index(drop=True)
    n = len(k)
    fig = _figure(LEBAR, 2.4 + 1.0 * max(n, 1))
    ax = fig.add_subplot()
    pos = [n - 1 - i for i in range(n)]
    bobot = [None if _kosong(v) else float(v) for v in k["bobot"]]
    nilai = [None if _kosong(v) else float(v) for v in k["nilai"]]
    _batang_h(ax, bobot, pos=pos, warna=ABU_MUDA, tinggi=0.62)
    bars, missing = _batang_h(ax, nilai, pos=pos, tinggi=0.62)
    texts = []
    for i, (v, w) in enumerate(zip(nilai, bobot)):
        if v is None:
            texts.append(_label_kosong(ax, (w or 0) + 0.4, pos[i], f"{KOSONG} / {bilangan(w) if w else '-'}"))
            continue
        end = max(v, w or 0)
        pct = "" if _kosong(k.loc[i, "persen"]) else f"  ({_persen(float(k.loc[i, 'persen']))})"
        texts.append(ax.text(end + 0.4, pos[i], f"{angka(v, 2)} / {bilangan(w) if w else '-'}{pct}",
                             va="center", ha="left", fontsize=7.5, fontweight="bold", color="#1A1A1A"))
    ax.set_yticks(pos, [bungkus(v, 4.2, 7.5, maks_baris=3) for v in k["komponen"]], fontsize=7.5)
    ax.set_ylim(-0.6, n - 0.4)
    top = max([v for v in bobot + nilai if v] + [1.0])
    ax.set_xlim(0, top * 1.02)
    ax.xaxis.set_major_locator(MaxNLocator(6, steps=[1, 2, 2.5, 5, 10], integer=True))
    _sumbu_x_sampai(ax, top)
    ax.xaxis.set_major_formatter(FormatAngka())
    ax.set_xlabel("Nilai")
    _gaya_sumbu_h(ax)
    ax.legend(handles=[Patch(color=REALISASI, label="Nilai diperoleh"),
                       Patch(color=ABU_MUDA, label="Nilai maksimum (bobot)")],
              loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=2)
    _ruang_label(fig, ax, texts)
    _judul_ringkas(fig, f"Nilai AKIP {angka(a.nilai, 2)} — predikat {teks(a.predikat)} ({teks(a.label)})")
    parts = [f"{r['komponen']} {KOSONG.lower() if nilai[i] is None else angka(nilai[i], 2)} dari maksimum "
             f"{bilangan(bobot[i]) if bobot[i] else '-'}" for i, r in k.iterrows()]
    alt = (f"Diagram batang nilai {_n(n)} komponen evaluasi AKIP tahun {data.tahun} dibandingkan nilai maksimumnya. "
           f"Nilai AKIP {angka(a.nilai, 2)}, predikat {teks(a.predikat)} ({teks(a.label)}). " + _kalimat(parts))
    return Chart(fig, alt, caption("fig-akip", data), "fig-akip")


# --- 5. budget per program --------------------------------------------------------------------
@_gaya
def chart_anggaran_program(data: DataTahun) -> Chart:
    """Pagu and realisasi per program (grouped horizontal bars) with Rupiah and serapan labels."""
    if not len(data["program"]):
        return _tanpa_data(data, "fig-anggaran-program", "Anggaran program")
    p = compute.anggaran_program(data)
    if p[["pagu", "realisasi"]].isna().all().all():  # a draft: no axis of made-up Rupiah
        return _tanpa_data(data, "fig-anggaran-program", "Pagu dan realisasi per program")
    t = compute.anggaran_total(data)
    n = len(p)
    fig = _figure(LEBAR, 2.4 + 1.45 * max(n, 1))
    ax = fig.add_subplot()
    base = [n - 1 - i for i in range(n)]
    hgt = 0.36
    pagu = [None if _kosong(v) else float(v) for v in p["pagu"]]
    real = [None if _kosong(v) else float(v) for v in p["realisasi"]]
    pb, pmiss = _batang_h(ax, pagu, pos=[b + hgt / 2 for b in base], warna=TARGET, tinggi=hgt)
    rb, rmiss = _batang_h(ax, real, pos=[b - hgt / 2 for b in base], warna=REALISASI, tinggi=hgt)
    top = max([v for v in pagu + real if v is not None] + [1.0])
    gap = top * 0.008
    texts = []
    for i, (pv, rv) in enumerate(zip(pagu, real)):
        if pv is not None:
            texts.append(ax.text(pv + gap, base[i] + hgt / 2, f"Pagu {rupiah_singkat(pv)}", va="center",
                                 ha="left", fontsize=7, color="#1A1A1A"))
        if rv is not None:
            pct = "" if _kosong(p.loc[i, "persen"]) else f" ({_persen(float(p.loc[i, 'persen']))})"
            texts.append(ax.text(rv + gap, base[i] - hgt / 2, f"Realisasi {rupiah_singkat(rv)}{pct}",
                                 va="center", ha="left", fontsize=7, fontweight="bold", color="#1A1A1A"))
    for i in pmiss:
        texts.append(_label_kosong(ax, gap, base[i] + hgt / 2, f"Pagu {KOSONG}"))
    for i in rmiss:
        texts.append(_label_kosong(ax, gap, base[i] - hgt / 2, f"Realisasi {KOSONG}"))
    ax.set_yticks(base, [bungkus(v, 4.6, 7, maks_baris=4) for v in p["nama"]])
    ax.set_ylim(-0.65, n - 0.35)
    ax.set_xlim(0, top * 1.02)
    ax.xaxis.set_major_locator(MaxNLocator(5))
    _sumbu_x_sampai(ax, top)
    ax.xaxis.set_major_formatter(FormatRupiah())
    ax.set_xlabel("Rupiah (M = miliar)")
    _gaya_sumbu_h(ax)
    ax.legend(handles=[Patch(color=TARGET, label="Pagu"), Patch(color=REALISASI, label="Realisasi (serapan %)")],
              loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=2)
    _ruang_label(fig, ax, texts)
    belum = f" — realisasi {len(rmiss)} program {KOSONG}" if rmiss else ""
    _judul_ringkas(fig, f"Total: pagu {rupiah_singkat(t['pagu'])}, realisasi {rupiah_singkat(t['realisasi'])} "
                        f"({_persen(t['persen'])}){belum}")
    parts = []
    for i, r in p.iterrows():
        serap = "" if _kosong(r["persen"]) else f" ({_persen(float(r['persen']))})"
        parts.append(f"{r['nama']}: pagu {rupiah_singkat(pagu[i])}, realisasi "
                     f"{'belum diisi' if real[i] is None else rupiah_singkat(real[i])}{serap}")
    alt = (f"Diagram batang pagu dan realisasi anggaran {_n(n)} program tahun {data.tahun}. Total pagu "
           f"{rupiah(t['pagu'])} ({rupiah_singkat(t['pagu'])}), realisasi {rupiah(t['realisasi'])} "
           f"({rupiah_singkat(t['realisasi'])}) atau {_persen(t['persen'])}"
           + (f", tanpa {len(rmiss)} program yang realisasinya belum diisi" if rmiss else "") + ". " + _kalimat(parts))
    return Chart(fig, alt, caption("fig-anggaran-program", data), "fig-anggaran-program")


# --- 6. budget per belanja type ---------------------------------------------------------------
@_gaya
def chart_anggaran_belanja(data: DataTahun) -> Chart:
    """Pagu per type of spending, largest first, labelled with Rupiah and share of the total."""
    if not len(data["belanja"]) or data["belanja"]["pagu"].isna().all():
        return _tanpa_data(data, "fig-anggaran-belanja", "Pagu per jenis belanja")
    b = compute.belanja(data)
    b = b.assign(_urut=b["pagu"].astype("Float64").fillna(-1)).sort_values("_urut", ascending=False, kind="stable")
    b = b.reset_index(drop=True)
    n = len(b)
    fig = _figure(LEBAR, 2.0 + 0.85 * max(n, 1))
    ax = fig.add_subplot()
    pos = [n - 1 - i for i in range(n)]
    pagu = [None if _kosong(v) else float(v) for v in b["pagu"]]
    bars, missing = _batang_h(ax, pagu, pos=pos, tinggi=0.6)
    top = max([v for v in pagu if v is not None] + [1.0])
    texts = []
    for i, v in enumerate(pagu):
        if v is None:
            texts.append(_label_kosong(ax, top * 0.01, pos[i]))
            continue
        share = "" if _kosong(b.loc[i, "porsi"]) else f" ({_persen(float(b.loc[i, 'porsi']))})"
        texts.append(ax.text(v + top * 0.01, pos[i], f"{rupiah_singkat(v)}{share}", va="center",
                             ha="left", fontsize=7, color="#1A1A1A"))
    ax.set_yticks(pos, [bungkus(v, 4.6, 7, maks_baris=3) for v in b["jenis"]])
    ax.set_ylim(-0.6, n - 0.4)
    ax.set_xlim(0, top * 1.02)
    ax.xaxis.set_major_locator(MaxNLocator(5))
    _sumbu_x_sampai(ax, top)
    ax.xaxis.set_major_formatter(FormatRupiah())
    ax.set_xlabel("Pagu (Rupiah; M = miliar)")
    _gaya_sumbu_h(ax)
    _ruang_label(fig, ax, texts)
    total = jumlah(b["pagu"])  # missing while a pagu is (a draft): never a partial total or Rp0
    _judul_ringkas(fig, f"Total pagu {rupiah(total)}" if total is None else
                   f"Total pagu {rupiah_singkat(total)} ({rupiah(total)})")
    parts = [f"{r['jenis']} {rupiah_singkat(pagu[i])}"
             + ("" if _kosong(r["porsi"]) else f" ({_persen(float(r['porsi']))})") for i, r in b.iterrows()]
    alt = (f"Diagram batang pagu anggaran tahun {data.tahun} menurut {_n(n)} jenis belanja, diurutkan dari yang "
           f"terbesar. Total pagu {rupiah(total)}. " + _kalimat(parts))
    return Chart(fig, alt, caption("fig-anggaran-belanja", data), "fig-anggaran-belanja")


# --- 7. staff ---------------------------------------------------------------------------------
_PEGAWAI_PANEL = (("golongan", "Golongan PNS"), ("pendidikan", "Pendidikan PNS"), ("honorer", "Tenaga honorer"))


@_gaya
def chart_pegawai(data: DataTahun) -> Chart:
    """Small multiples of the staff composition: golongan, pendidikan, honorer."""
    p = compute.pegawai(data)
    panels = [(k, t) for k, t in _PEGAWAI_PANEL if k in p and len(p[k])]
    if not panels:
        return _tanpa_data(data, "fig-pegawai", "Komposisi pegawai")
    rows = max(len(p[k]) for k, _ in panels)
    ratios = [1.7 if k == "honorer" else 1.0 for k, _ in panels]
    fig = _figure(LEBAR, 2.6 + 0.62 * rows)
    subs: Sequence[Figure | SubFigure] = (
        cast("Sequence[SubFigure]", fig.subfigures(1, len(panels), width_ratios=ratios, wspace=0.02))
        if len(panels) > 1 else [fig])
    parts = []
    for sub, (key, judul), ratio in zip(subs, panels, ratios):
        ax = sub.add_subplot()
        g = p[key].reset_index(drop=True)
        n = len(g)
        pos = [rows - 1 - i for i in range(n)]  # same bar thickness in every panel, top-aligned
        vals = [None if _kosong(v) else float(v) for v in g["jumlah"]]
        bars, missing = _batang_h(ax, vals, pos=pos, tinggi=0.62)
        top = max([v for v in vals if v is not None] + [1.0])
        texts = [ax.text(v + top * 0.02, pos[i], _n(int(v)), va="center", ha="left", fontsize=7,
                         fontweight="bold", color="#1A1A1A") for i, v in enumerate(vals) if v is not None]
        texts += [_label_kosong(ax, top * 0.02, pos[i]) for i in missing]
        ax.set_yticks(pos, [bungkus(v, 2.0 * ratio, 7, maks_baris=2) for v in g["kategori"]])
        ax.set_ylim(-0.6, rows - 0.4)
        ax.set_xlim(0, top * 1.02)
        ax.xaxis.set_major_locator(MaxNLocator(4, steps=[1, 2, 2.5, 5, 10], integer=True))
        _sumbu_x_sampai(ax, top)
        ax.xaxis.set_major_formatter(FormatAngka())
        ax.set_xlabel("orang")
        _gaya_sumbu_h(ax)
        total = int(sum(v for v in vals if v is not None))
        ax.set_title(f"{judul}\n{_n(total)} orang", fontsize=7.5)
        _ruang_label(fig, ax, texts)
        items = ", ".join(f"{c} {KOSONG.lower() if v is None else _n(int(v))}" for c, v in zip(g["kategori"], vals))
        parts.append(f"{judul}: {_n(total)} orang ({items})")
    alt = f"Diagram batang komposisi pegawai tahun {data.tahun}. " + _kalimat(parts)
    return Chart(fig, alt, caption("fig-pegawai", data), "fig-pegawai")


# --- diagrams: boxes and connectors -----------------------------------------------------------
@dataclass(frozen=True)
class Kotak:
    """A box of a diagram in cm, (x, y) its lower-left corner; ``teks`` is already wrapped."""

    kode: str
    teks: str
    x: float
    y: float
    w: float
    h: float
    jenis: str
    ukuran: float
    tebal: bool = False

    @property
    def x1(self) -> float:
        return self.x + self.w

    @property
    def y1(self) -> float:
        return self.y + self.h

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    def tumpang(self, other: Kotak, celah: float = 0.0) -> bool:
        """True if the two boxes overlap (or come closer than ``celah``)."""
        return (self.x < other.x1 + celah and other.x < self.x1 + celah and self.y < other.y1 + celah
                and other.y < self.y1 + celah)


@dataclass(frozen=True)
class Garis:
    """A connector polyline in cm; ``putus`` = dashed (a coordination rather than command line)."""

    titik: tuple[tuple[float, float], ...]
    putus: bool = False


@dataclass(frozen=True)
class TataLetak:
    """A diagram's geometry: boxes, connectors, column headers ``(x, y, text)`` and its size in cm."""

    kotak: tuple[Kotak, ...]
    garis: tuple[Garis, ...]
    lebar: float
    tinggi: float
    judul: tuple[tuple[float, float, str], ...] = ()

    def __getitem__(self, kode: str) -> Kotak:
        for k in self.kotak:
            if k.kode == kode:
                return k
        raise KeyError(kode)


_PAD = 0.12    # inner horizontal padding of a box (cm)
_PAD_V = 0.08  # inner vertical padding


def _kotak_tinggi(teks: str, ukuran: float) -> float:
    return _tinggi_teks_cm(teks.count("\n") + 1, ukuran) + 2 * _PAD_V


def _flip(kotak: list[Kotak], garis: list[Garis], tinggi: float) -> tuple[list[Kotak], list[Garis]]:
    """From y-down (top = 0) to y-up coordinates."""
    ks = [Kotak(k.kode, k.teks, k.x, tinggi - k.y - k.h, k.w, k.h, k.jenis, k.ukuran, k.tebal) for k in kotak]
    gs = [Garis(tuple((x, tinggi - y) for x, y in g.titik), g.putus) for g in garis]
    return ks, gs


# --- organisation chart layout ----------------------------------------------------------------
_ORG_UKURAN = {0: (8.0, True), 1: (7.0, True)}  # depth -> (font pt, bold); deeper: 6.5 normal


def muat_teks(teks: object, lebar_cm: float, ukuran: float, tebal: bool = False,
              ukuran_min: float | None = None) -> tuple[str, float]:
    """Wrap ``teks`` to ``lebar_cm``, first shrinking the font (to ``ukuran_min``, default 85 %) so that
    no word has to be broken; returns (wrapped text, font size)."""
    lo = ukuran * 0.85 if ukuran_min is None else ukuran_min
    size = ukuran
    words = str(teks).split() if not _kosong(teks) else [KOSONG]
    while size > lo + 1e-9 and max(lebar_teks_cm(w_, size, tebal) for w_ in words) > lebar_cm:
        size = round(size - 0.25, 2)
    size = max(size, lo)
    return bungkus(teks, lebar_cm, size, tebal), size


def tata_letak_organisasi(org: pd.DataFrame, lebar_maks: float = LEBAR_LANSKAP) -> TataLetak:
    """Top-down tree layout of ``organisasi.csv`` (kode, induk, nama, jenis), in cm.

    The root is on top, its children (asisten, bidang) on the second row, their children side
    by side below them, and any group of leaf units (sub bagian, kelompok, the staf ahli) stacked
    under its parent — unless units of that kind form a row at that level elsewhere. Staff units
    (:data:`lkjip._schema.ORG_STAF`: sekretariat, staf ahli, kelompok jabatan fungsional, ...) of a
    unit that also has line units are drawn as organisation charts draw them: on a row of their own
    between the unit and its line units, beside the line of command, joined by a dashed line.
    Siblings keep file order; the box width shrinks until the tree fits ``lebar_maks``; text is
    wrapped to the box. Boxes never overlap: sibling subtrees occupy disjoint column ranges and rows
    are stacked top-down.
    """
    nodes: dict[str, pd.Series] = {}
    for _, r in org.iterrows():
        if not _kosong(r["kode"]) and str(r["kode"]) not in nodes:
            nodes[str(r["kode"])] = r
    children: dict[str, list[str]] = {k: [] for k in nodes}
    roots: list[str] = []
    for k, r in nodes.items():
        parent = None if _kosong(r["induk"]) else str(r["induk"])
        if parent in nodes and parent != k:
            children[parent].append(k)
        else:
            roots.append(k)
    depth: dict[str, int] = {}
    # staff units beside the line of command: a staff-kind child (with no children below its own)
    # of a unit that also has line children
    def _staf(c: str) -> bool:
        return str(nodes[c]["jenis"]) in ORG_STAF and all(not children[g] for g in children[c])

    staf_of: dict[str, list[str]] = {}
    for k in nodes:
        s_kids = [c for c in children[k] if _staf(c)]
        line_kids = [c for c in children[k] if c not in s_kids]
        if s_kids and line_kids and any(children[c] for c in line_kids):
            staf_of[k] = s_kids
            children[k] = line_kids

    def set_depth(k: str, d: int) -> None:
        depth[k] = d
        lane = 1 if k in staf_of else 0
        for c in staf_of.get(k, []):
            set_depth(c, d + 1)
        for c in list(children[k]):
            if c in depth:  # a cycle in bad data: cut it
                children[k].remove(c)
            else:
                set_depth(c, d + 1 + lane)

    for r in roots:
        set_depth(r, 0)
    for k in nodes:  # units caught in a cycle without a root: show them as roots
        if k not in depth:
            roots.append(k)
            set_depth(k, 0)
    # A group of leaf units is stacked under its parent, unless units of the same kind form a row at
    # that level elsewhere (then it joins the row, so one kind of unit is drawn one way per level).
    leafy = {k: bool(children[k]) and all(not children[c] for c in children[k]) for k in nodes}
    row_kinds: dict[int, set[str]] = {}
    for k in nodes:
        if children[k] and not leafy[k]:
            row_kinds.setdefault(depth[k] + 1, set()).update(str(nodes[c]["jenis"]) for c in children[k])
    stacked = {k: depth[k] >= 1 and leafy[k]
               and not any(str(nodes[c]["jenis"]) in row_kinds.get(depth[k] + 1, set()) for c in children[k])
               for k in nodes}
    for k, kids in staf_of.items():  # a staff unit's own units are stacked under it
        for c in kids:
            stacked[c] = bool(children[c])
    in_stack = {c for k in nodes if stacked[k] for c in children[k]}
    staf_gap = 0.35
    margin, indent, vgap, sgap, root_gap = 0.15, 0.25, 0.5, 0.12, 0.6

    def style(k: str) -> tuple[float, bool]:
        return _ORG_UKURAN.get(depth[k], (6.5, False))

    # the narrowest box that holds the longest word at the smallest font muat_teks allows
    need = {k: max(lebar_teks_cm(w_, style(k)[0] * 0.85, style(k)[1]) for w_ in str(nodes[k]["nama"]).split() or ["-"])
            + 2 * _PAD + 0.02 for k in nodes}

    def gap(parent_depth: int) -> float:
        return 0.4 if parent_depth == 0 else 0.15

    def build(w: float) -> tuple[list[Kotak], list[Garis], float, float]:
        bw: dict[str, float] = {}
        sw: dict[str, float] = {}

        def widths(k: str) -> float:
            kids = children[k]
            if not kids or stacked[k]:
                bw[k] = max(w, need[k])
                for c in kids:
                    bw[c] = sw[c] = max(bw[k] - indent, need[c])
                sw[k] = max([bw[k]] + [indent + bw[c] for c in kids])
            else:
                inner = sum(widths(c) for c in kids) + gap(depth[k]) * (len(kids) - 1)
                bw[k] = min(max(w, inner), 2.0 * w)
                sw[k] = max(bw[k], inner)
            if k in staf_of:  # the staff row sits right of the line of command, centred subtree
                lane = staf_gap + sum(widths(c) for c in staf_of[k]) + gap(depth[k]) * (len(staf_of[k]) - 1)
                sw[k] = max(sw[k], 2 * lane)
            return sw[k]

        total_w = sum(widths(r) for r in roots) + root_gap * (len(roots) - 1) + 2 * margin
        # one font size per row (and per stacked group): the smallest any of its boxes needs
        group = {k: ("stack", next(p for p in nodes if k in children[p])) if k in in_stack else ("row", depth[k])
                 for k in nodes}
        fitted = {k: muat_teks(nodes[k]["nama"], bw[k] - 2 * _PAD, *style(k))[1] for k in nodes}
        size_of: dict[object, float] = {}
        for k in nodes:
            size_of[group[k]] = min(size_of.get(group[k], math.inf), fitted[k])
        texts: dict[str, tuple[str, float]] = {}
        for k in nodes:
            size = size_of[group[k]]
            texts[k] = (bungkus(nodes[k]["nama"], bw[k] - 2 * _PAD, size, style(k)[1]), size)
        row_h: dict[int, float] = {}
        for k in nodes:
            if k not in in_stack:
                row_h[depth[k]] = max(row_h.get(depth[k], 0.0), _kotak_tinggi(*texts[k]))
        staff_rows = {depth[c] for kids in staf_of.values() for c in kids}
        for kids in staf_of.values():  # a staff row holds its units' stacks: the next row starts below them
            for c in kids:
                if children[c]:
                    hh = max(_kotak_tinggi(*texts[g]) for g in children[c])
                    full = row_h[depth[c]] + len(children[c]) * (hh + sgap)
                    row_h[depth[c]] = max(row_h[depth[c]], full)
        own_h = {k: _kotak_tinggi(*texts[k]) for k in nodes}
        row_top: dict[int, float] = {}
        y = margin
        for d in sorted(row_h):
            row_top[d] = y
            y += row_h[d] + vgap
        boxes: dict[str, Kotak] = {}
        lines: list[Garis] = []

        def make(k: str, x: float, y0: float, h: float) -> Kotak:
            teks, size = texts[k]
            kb = Kotak(k, teks, x, y0, bw[k], h, str(nodes[k]["jenis"] or ""), size, style(k)[1])
            boxes[k] = kb
            return kb

        def place(k: str, left: float) -> Kotak:
            d, kids = depth[k], children[k]
            if not kids or stacked[k]:
                h = own_h[k] if d in staff_rows and k not in in_stack and any(k in v for v in staf_of.values()) \
                    else row_h[d]
                me = make(k, left if kids else left + (sw[k] - bw[k]) / 2, row_top[d], h)
                if kids:
                    spine = me.x + indent / 2
                    hh = max(_kotak_tinggi(*texts[c]) for c in kids)
                    yy = me.y1 + sgap
                    for c in kids:
                        cb = make(c, me.x + indent, yy, hh)
                        lines.append(Garis(((spine, cb.cy), (cb.x, cb.cy))))
                        yy += hh + sgap
                    lines.append(Garis(((spine, me.y1), (spine, boxes[kids[-1]].cy))))
                return me
            inner = sum(sw[c] for c in kids) + gap(d) * (len(kids) - 1)
            x = left + (sw[k] - inner) / 2
            placed = []
            for c in kids:
                placed.append(place(c, x))
                x += sw[c] + gap(d)
            cx = (placed[0].cx + placed[-1].cx) / 2
            cx = min(max(cx, left + bw[k] / 2), left + sw[k] - bw[k] / 2)
            me = make(k, cx - bw[k] / 2, row_top[d], row_h[d])
            bus = row_top[depth[kids[0]]] - vgap / 2
            xs_staf = me.cx + staf_gap
            prev = None
            for c in staf_of.get(k, []):  # staff units: right of the line of command, dashed link
                sb = place(c, xs_staf)
                ya = sb.y + own_h[c] / 2
                lines.append(Garis(((me.cx if prev is None else prev.x1, ya), (sb.x, ya)), putus=True))
                prev = sb
                xs_staf += sw[c] + gap(d)
            lines.append(Garis(((me.cx, me.y1), (me.cx, bus))))
            xs = [pb.cx for pb in placed] + [me.cx]
            lines.append(Garis(((min(xs), bus), (max(xs), bus))))
            for pb in placed:
                lines.append(Garis(((pb.cx, bus), (pb.cx, pb.y)), putus=pb.jenis == "staf_ahli_grup"))
            return me

        x = margin
        for r in roots:
            place(r, x)
            x += sw[r] + root_gap
        height = max((b.y1 for b in boxes.values()), default=0.0) + margin
        order = {k: i for i, k in enumerate(nodes)}
        return sorted(boxes.values(), key=lambda b: order[b.kode]), lines, total_w, height

    w = 3.6
    while True:
        ks, gs, total, height = build(w)
        if total <= lebar_maks + 1e-9 or w <= 1.0:
            break
        w = round(w - 0.05, 2)
    ks, gs = _flip(ks, gs, height)
    return TataLetak(tuple(ks), tuple(gs), max(total, 1.0), max(height, 1.0))


_ORG_WARNA = {  # jenis -> (fill, edge, text colour, dashed edge)
    "pimpinan": (PALET["biru"], PALET["biru"], "white", False),
    "asisten": ("#CCE3F2", "#2F6F9F", "#1A1A1A", False),
    "staf_ahli_grup": ("#FBEBC9", "#A36F00", "#1A1A1A", True),
    "staf_ahli": ("#FFF8EA", "#A36F00", "#1A1A1A", False),
    "bagian": ("#EAF3FA", "#2F6F9F", "#1A1A1A", False),
    "subbagian": ("white", "#7F7F7F", "#1A1A1A", False),
    "kelompok": ("white", "#7F7F7F", "#1A1A1A", True),
    "wakil": ("#CCE3F2", "#2F6F9F", "#1A1A1A", False),
    "sekretariat": ("#FBEBC9", "#A36F00", "#1A1A1A", False),
    "sekretaris": ("#FBEBC9", "#A36F00", "#1A1A1A", False),
    "komite": ("#FFF8EA", "#A36F00", "#1A1A1A", True),
    "bidang": ("#CCE3F2", "#2F6F9F", "#1A1A1A", False),
    "subbidang": ("#EAF3FA", "#2F6F9F", "#1A1A1A", False),
    "seksi": ("white", "#2F6F9F", "#1A1A1A", False),
    "uptd": ("#E8F4E8", "#3C7A3C", "#1A1A1A", False),
    "instalasi": ("#E8F4E8", "#3C7A3C", "#1A1A1A", False),
    "kelurahan": ("#E8F4E8", "#3C7A3C", "#1A1A1A", False),
    "desa": ("#E8F4E8", "#3C7A3C", "#1A1A1A", False),
}


def _gambar_tata_letak(tl: TataLetak, warna: dict[str, tuple[str, str, str, bool]]) -> Figure:
    fig = _figure(tl.lebar, tl.tinggi, constrained=False)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, tl.lebar)
    ax.set_ylim(0, tl.tinggi)
    ax.axis("off")
    for g in tl.garis:
        xs, ys = zip(*g.titik)
        ax.add_line(Line2D(xs, ys, color=GARIS, linewidth=0.7, linestyle=(0, (3, 2)) if g.putus else "-",
                           solid_capstyle="butt", zorder=1))
    for k in tl.kotak:
        fill, edge, fg, dashed = warna.get(k.jenis, ("white", "#7F7F7F", "#1A1A1A", False))
        ax.add_patch(FancyBboxPatch((k.x, k.y), k.w, k.h, boxstyle="round,pad=0,rounding_size=0.08",
                                    facecolor=fill, edgecolor=edge, linewidth=0.8,
                                    linestyle=(0, (3, 1.5)) if dashed else "-", zorder=2))
        ax.text(k.cx, k.cy, k.teks, ha="center", va="center", multialignment="center", fontsize=k.ukuran,
                fontweight="bold" if k.tebal else "normal", color=fg, zorder=3, linespacing=1.2)
    for x, y, t in tl.judul:
        ax.text(x, y, t, ha="center", va="bottom", fontsize=7, fontweight="bold", color="#262626")
    return fig


@_gaya
def chart_organisasi(data: DataTahun) -> Chart:
    """Organisation chart of ``organisasi.csv`` (Gambar 1.1), sized for A4 landscape."""
    if not len(data["organisasi"]):
        return _tanpa_data(data, "fig-organisasi", "Struktur organisasi")
    org = data["organisasi"]
    tl = tata_letak_organisasi(org)
    fig = _gambar_tata_letak(tl, _ORG_WARNA)
    nodes = {str(r["kode"]): r for _, r in org.iterrows()}
    kids: dict[str, list[str]] = {}
    for k, r in nodes.items():
        if not _kosong(r["induk"]) and str(r["induk"]) in nodes:
            kids.setdefault(str(r["induk"]), []).append(k)
    roots = [k for k, r in nodes.items() if _kosong(r["induk"]) or str(r["induk"]) not in nodes]
    parts = []
    for root in roots:
        sub = []
        for c in kids.get(root, []):
            cc = kids.get(c, [])
            if cc:
                inner = ", ".join(str(nodes[x]["nama"]) + (f" ({_n(len(kids[x]))} unit di bawahnya)" if kids.get(x) else "")
                                  for x in cc)
                sub.append(f"{nodes[c]['nama']} membawahi {inner}")
            else:
                sub.append(str(nodes[c]["nama"]))
        parts.append(f"{nodes[root]['nama']} membawahi {_n(len(kids.get(root, [])))} unit: " + "; ".join(sub))
    alt = (f"Bagan struktur organisasi {data.profil.get('opd', '')} dengan {_n(len(nodes))} unit kerja. "
           + _kalimat(parts))
    return Chart(fig, alt, caption("fig-organisasi", data), "fig-organisasi", wide=tl.lebar > LEBAR + 0.5)


# --- performance tree layout ------------------------------------------------------------------
_POHON_KOLOM = (("tujuan", "Tujuan", 0.15), ("sasaran", "Sasaran", 0.175), ("iku", "Indikator Kinerja Utama", 0.2),
                ("program", "Program", 0.18), ("kegiatan", "Kegiatan", 0.295))
_POHON_KOLOM_KEGIATAN = (0.13, 0.155, 0.18, 0.16, 0.375)  # more room for many kegiatan


def tata_letak_pohon_kinerja(tujuan: pd.DataFrame, sasaran: pd.DataFrame, iku: pd.DataFrame,
                             program: pd.DataFrame, kegiatan: pd.DataFrame, lebar: float = LEBAR,
                             ukuran: float = 6.5, tinggi_maks: float | None = TINGGI_MAKS,
                             ukuran_min: float = 5.5) -> TataLetak:
    """Left-to-right layout of tujuan → sasaran → IKU → program → kegiatan, in cm.

    One column per level; every kegiatan gets its own box (wrapped to its column). A sasaran's
    indicators are joined to the programs that serve it (``program.sasaran``) through one bus line.
    Each sasaran occupies its own horizontal band, so no two boxes overlap. Box codes are the data
    codes (``T1``, ``S1``, ``IKU1``, ``P1``, ``K01``). If the tree is taller than ``tinggi_maks``
    the kegiatan column is widened first, then the text shrinks in 0,25 pt steps down to
    ``ukuran_min``.
    """
    default = tuple(f for _, _, f in _POHON_KOLOM)
    while True:
        for fracs in (default, _POHON_KOLOM_KEGIATAN):
            tl = _pohon(tujuan, sasaran, iku, program, kegiatan, lebar, ukuran, fracs)
            if tinggi_maks is None or tl.tinggi <= tinggi_maks:
                return tl
        if ukuran - 0.25 < ukuran_min - 1e-9:
            return tl
        ukuran = round(ukuran - 0.25, 2)


def _pohon(tujuan: pd.DataFrame, sasaran: pd.DataFrame, iku: pd.DataFrame, program: pd.DataFrame,
           kegiatan: pd.DataFrame, lebar: float, ukuran: float, fracs: Sequence[float]) -> TataLetak:
    margin, cgap = 0.1, 0.34
    usable = lebar - 2 * margin - cgap * (len(_POHON_KOLOM) - 1)
    xs, ws = {}, {}
    x = margin
    for (key, _, _), frac in zip(_POHON_KOLOM, fracs):
        xs[key], ws[key] = x, usable * frac
        x += usable * frac + cgap
    header_h = _tinggi_teks_cm(1, 7) + 0.25
    g_keg, g_prog, g_sas, g_tuj = 0.08, 0.2, 0.34, 0.5

    def tx(level: str, name: object) -> str:
        return bungkus(name, ws[level] - 2 * _PAD, ukuran, tebal=level in ("tujuan", "sasaran"))

    def hh(t: str) -> float:
        return _kotak_tinggi(t, ukuran)

    boxes: list[Kotak] = []
    lines: list[Garis] = []

    def add(level: str, kode: str, teks: str, y: float, h: float) -> Kotak:
        k = Kotak(kode, teks, xs[level], y, ws[level], h, level, ukuran, level in ("tujuan", "sasaran"))
        boxes.append(k)
        return k

    def elbow(parent: Kotak, kids: list[Kotak]) -> None:
        if not kids:
            return
        xm = parent.x1 + cgap / 2
        lines.append(Garis(((parent.x1, parent.cy), (xm, parent.cy))))
        ys = [k.cy for k in kids] + [parent.cy]
        lines.append(Garis(((xm, min(ys)), (xm, max(ys)))))
        for k in kids:
            lines.append(Garis(((xm, k.cy), (k.x, k.cy))))

    def rows(frame: pd.DataFrame, col: str, value: object) -> list[pd.Series]:
        return [r for _, r in frame.iterrows() if not _kosong(r[col]) and str(r[col]) == str(value)]

    y = margin + header_h
    for ti, t in enumerate(r for _, r in tujuan.iterrows()):
        t_top = y
        sas_boxes = []
        for s in rows(sasaran, "tujuan", t["kode"]):
            ikus = rows(iku, "sasaran", s["kode"])
            progs = rows(program, "sasaran", s["kode"])
            i_txt = [tx("iku", r["nama"]) for r in ikus]
            s_txt = tx("sasaran", s["sasaran"])
            p_blocks = []
            for p in progs:
                k_txt = [(str(k["kode"]), tx("kegiatan", k["nama"])) for k in rows(kegiatan, "program", p["kode"])]
                p_txt = tx("program", p["nama"])
                k_h = sum(hh(t_) for _, t_ in k_txt) + g_keg * max(len(k_txt) - 1, 0)
                p_blocks.append((p, p_txt, k_txt, max(hh(p_txt), k_h)))
            p_total = sum(b[3] for b in p_blocks) + g_prog * max(len(p_blocks) - 1, 0)
            i_total = sum(hh(t_) for t_ in i_txt) + g_keg * max(len(i_txt) - 1, 0)
            band = max(p_total, i_total, hh(s_txt))
            # programs and their kegiatan
            yy = y + (band - p_total) / 2
            prog_boxes = []
            for p, p_txt, k_txt, bh in p_blocks:
                kk_total = sum(hh(t_) for _, t_ in k_txt) + g_keg * max(len(k_txt) - 1, 0)
                ky = yy + (bh - kk_total) / 2
                kboxes = []
                for code, t_ in k_txt:
                    kboxes.append(add("kegiatan", code, t_, ky, hh(t_)))
                    ky += hh(t_) + g_keg
                pb = add("program", str(p["kode"]), p_txt, yy + (bh - hh(p_txt)) / 2, hh(p_txt))
                elbow(pb, kboxes)
                prog_boxes.append(pb)
                yy += bh + g_prog
            # indicators
            yy = y + (band - i_total) / 2
            iku_boxes = []
            for r, t_ in zip(ikus, i_txt):
                iku_boxes.append(add("iku", str(r["kode"]), t_, yy, hh(t_)))
                yy += hh(t_) + g_keg
            sb = add("sasaran", str(s["kode"]), s_txt, y + (band - hh(s_txt)) / 2, hh(s_txt))
            elbow(sb, iku_boxes)
            if iku_boxes and prog_boxes:  # indicators of the sasaran -> programs serving it
                xm = xs["iku"] + ws["iku"] + cgap / 2
                for ib in iku_boxes:
                    lines.append(Garis(((ib.x1, ib.cy), (xm, ib.cy))))
                ys = [b.cy for b in iku_boxes + prog_boxes]
                lines.append(Garis(((xm, min(ys)), (xm, max(ys)))))
                for pb in prog_boxes:
                    lines.append(Garis(((xm, pb.cy), (pb.x, pb.cy))))
            sas_boxes.append(sb)
            y += band + g_sas
        if sas_boxes:
            y -= g_sas
        t_txt = tx("tujuan", t["tujuan"])
        block = max(y - t_top, hh(t_txt))
        tb = add("tujuan", str(t["kode"]), t_txt, t_top + (block - hh(t_txt)) / 2, hh(t_txt))
        elbow(tb, sas_boxes)
        y = t_top + block + g_tuj
    height = y - g_tuj + margin if len(tujuan) else margin + header_h + margin
    titles = tuple((xs[key] + ws[key] / 2, margin, label) for key, label, _ in _POHON_KOLOM)
    ks, gs = _flip(boxes, lines, height)
    titles = tuple((x_, height - y_ - _tinggi_teks_cm(1, 7), t_) for x_, y_, t_ in titles)
    return TataLetak(tuple(ks), tuple(gs), lebar, height, titles)


_POHON_WARNA = {
    "tujuan": (PALET["biru"], PALET["biru"], "white", False),
    "sasaran": ("#CCE3F2", "#2F6F9F", "#1A1A1A", False),
    "iku": ("#FBEBC9", "#A36F00", "#1A1A1A", False),
    "program": ("#D6EFE6", "#00734F", "#1A1A1A", False),
    "kegiatan": ("white", "#7F7F7F", "#1A1A1A", False),
}


@_gaya
def chart_pohon_kinerja(data: DataTahun) -> Chart:
    """Performance tree: tujuan → sasaran → IKU → program → kegiatan, left to right, every kegiatan shown."""
    if not len(data["tujuan"]):
        return _tanpa_data(data, "fig-pohon-kinerja", "Pohon kinerja")
    tl = tata_letak_pohon_kinerja(data["tujuan"], data["sasaran"], data["iku"], data["program"], data["kegiatan"])
    fig = _gambar_tata_letak(tl, _POHON_WARNA)
    counts = {lvl: sum(1 for k in tl.kotak if k.jenis == lvl) for lvl, _, _ in _POHON_KOLOM}
    kg = data["kegiatan"]
    parts = []
    for _, t in data["tujuan"].iterrows():
        sas = data["sasaran"][data["sasaran"]["tujuan"] == t["kode"]]
        ss = []
        for _, s in sas.iterrows():
            ik = data["iku"][data["iku"]["sasaran"] == s["kode"]]["nama"]
            pr = data["program"][data["program"]["sasaran"] == s["kode"]]
            prog = ", ".join(f"{r['nama']} ({_n(int((kg['program'] == r['kode']).sum()))} kegiatan)"
                             for _, r in pr.iterrows())
            ss.append(f"sasaran {s['sasaran']} dengan indikator {', '.join(map(str, ik)) or '-'}"
                      + (f" dan program {prog}" if prog else ", tanpa program"))
        parts.append(f"Tujuan {t['tujuan']}: " + "; ".join(ss))
    alt = (f"Pohon kinerja dari kiri ke kanan: {_n(counts['tujuan'])} tujuan, {_n(counts['sasaran'])} sasaran, "
           f"{_n(counts['iku'])} indikator kinerja utama, {_n(counts['program'])} program dan "
           f"{_n(counts['kegiatan'])} kegiatan. " + ". ".join(parts) + ".")
    return Chart(fig, alt, caption("fig-pohon-kinerja", data), "fig-pohon-kinerja", wide=tl.lebar > LEBAR + 0.5)


# --- registry ---------------------------------------------------------------------------------
CHARTS: dict[str, Callable[[DataTahun], Chart]] = {
    "fig-iku-capaian": chart_iku_capaian,
    "fig-iku-tren": chart_iku_tren,
    "fig-ikm-unsur": chart_ikm_unsur,
    "fig-akip": chart_akip,
    "fig-anggaran-program": chart_anggaran_program,
    "fig-anggaran-belanja": chart_anggaran_belanja,
    "fig-pegawai": chart_pegawai,
    "fig-organisasi": chart_organisasi,
    "fig-pohon-kinerja": chart_pohon_kinerja,
}


def semua(data: DataTahun) -> list[Chart]:
    """Every chart of the report, in :data:`CHARTS` order."""
    return [fn(data) for fn in CHARTS.values()]
