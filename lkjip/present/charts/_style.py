"""House style of the report's figures: rc settings, the Okabe–Ito palette, sizes, Indonesian number
formatters, text measuring and wrapping (DejaVu Sans, no renderer), the :class:`Chart` record and the
drawing helpers the bar charts and the diagrams share."""
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
from cycler import cycler
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.text import Text
from matplotlib.textpath import TextToPath
from matplotlib.ticker import FixedLocator, Formatter, FuncFormatter

from ... import load
from ...fmt import KOSONG, angka, kosong, rupiah
from ...load import DataTahun
from ..catalog import caption
from ..display import lay_out, untouched, watch

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
    "figure.facecolor": "white", "figure.dpi": 200,  # laid out at the PNG's resolution
    "figure.constrained_layout.h_pad": 0.04,
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


# charts of earlier versions of a year, reused while the files they read are unchanged: only lkjip
# preview keeps them (keep_earlier); a render draws each chart once, and figures kept alive only
# slow down the garbage collector (a batch of units kept ~12 % more CPU busy)
_EARLIER = load.EarlierResults(0)


def keep_earlier(count: int) -> None:
    """Keep the last ``count`` charts drawn for later versions of their year (0: none, the default)."""
    _EARLIER.resize(count)


def _gaya(fn: Callable[[DataTahun], Chart]) -> Callable[[DataTahun], Chart]:
    """Build the chart under the house style and lay it out (ticks are created in the style too).

    When charts are kept (:func:`keep_earlier`), a chart asked for again, of the same year or of a
    later version whose files it read are unchanged (:class:`lkjip.load.EarlierResults`), is the one
    already made, as long as nobody changed its figure (:func:`lkjip.present.display.untouched`)."""
    @wraps(fn)
    def wrapper(data: DataTahun) -> Chart:
        key = (fn.__module__, fn.__name__, str(data.folder)) if isinstance(data, DataTahun) else None
        hit = _EARLIER.get(key, data) if key is not None else None
        if hit is not None and untouched(hit[0].fig):
            load.mark_read(hit[1])
            return cast(Chart, hit[0])
        with load.reads_recorded() as reads, house_style():
            chart = fn(data)
            if chart.fig.stale:  # not laid out since its last change
                lay_out(chart.fig)
        watch(chart.fig)
        if key is not None:
            _EARLIER.put(key, data, chart, frozenset(reads))
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
def _lebar_pt(teks: str, ukuran: float, tebal: bool) -> float:
    prop = FontProperties(family=FONT, size=ukuran, weight="bold" if tebal else "normal")
    w, _h, _d = _TTP.get_text_width_height_descent(teks, prop, ismath=False)
    return float(w)


def lebar_teks_cm(teks: str, ukuran: float, tebal: bool = False) -> float:
    """Width of one line of text in DejaVu Sans at ``ukuran`` pt, in cm (deterministic, no renderer).

    Measured word by word (each word once per process): word-wrapping asks for many lines made of
    the same words, and DejaVu Sans kerns no pair across a space."""
    words = teks.split(" ")
    width = sum(_lebar_pt(w, ukuran, tebal) for w in words if w)
    if len(words) > 1:
        width += (len(words) - 1) * _lebar_pt(" ", ukuran, tebal)
    return width * PT_CM * 1.03  # small margin for hinting


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
    """Widen the axis limit until every value label lies inside the axes (deterministic); see
    :func:`_ruang_label_semua`."""
    _ruang_label_semua(fig, [(ax, texts)], sumbu=sumbu)


def _ruang_label_semua(fig: Figure, panel: Sequence[tuple[Any, Sequence[Text]]], *, sumbu: str = "x") -> None:
    """For every ``(axes, value labels)`` of ``panel``: widen the axis limit until every label lies
    inside its axes (deterministic).

    The figure is laid out (drawn without rendering) only to check, once for all axes: between two
    layouts the limits are widened from the labels' measured extents, which follow a limit without
    a new layout."""
    panel = [(ax, texts) for ax, texts in panel if texts]
    if not panel:
        return
    r = cast(FigureCanvasAgg, fig.canvas).get_renderer()  # _figure attaches an Agg canvas
    for _ in range(3):
        lay_out(fig)
        widened = False
        for ax, texts in panel:
            for _ in range(6):
                box = ax.get_window_extent(r)
                if sumbu == "x":
                    need = max(t.get_window_extent(r).x1 for t in texts)
                    lo, hi = ax.get_xlim()
                    span_px, edge = box.width, box.x1
                else:
                    need = max(t.get_window_extent(r).y1 for t in texts)
                    lo, hi = ax.get_ylim()
                    span_px, edge = box.height, box.y1
                if need <= edge - 2:
                    break
                extra = (need - edge + 6) / span_px * (hi - lo)
                (ax.set_xlim if sumbu == "x" else ax.set_ylim)(lo, hi + extra * 1.15)
                widened = True
        if not widened:
            return


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
