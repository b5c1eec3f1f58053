"""The two diagrams: the organisation chart and the performance tree, each laid out by a small pure
function (:func:`tata_letak_organisasi`, :func:`tata_letak_pohon_kinerja`) returning boxes and connector
lines in centimetres, then drawn by :func:`_gambar_tata_letak`."""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyBboxPatch

from ... import compute
from ...fmt import KOSONG
from ..._schema import ORG_STAF
from ...load import DataTahun
from ..catalog import caption
from ._style import (
    LEBAR, LEBAR_LANSKAP, TINGGI_MAKS, PALET, GARIS, Chart, _gaya, _figure, _kosong, lebar_teks_cm, bungkus,
    _tinggi_teks_cm, _kalimat, _n, _tanpa_data,
)


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
    return _tata_letak_organisasi(compute.pohon_organisasi(org), lebar_maks)


def _tata_letak_organisasi(tree: compute.PohonOrganisasi, lebar_maks: float) -> TataLetak:
    nodes = tree.unit
    children = {k: list(kids) for k, kids in tree.anak.items()}  # edited below (staff lane, cycles)
    roots = list(tree.akar)
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
    tree = compute.pohon_organisasi(data["organisasi"])
    tl = _tata_letak_organisasi(tree, LEBAR_LANSKAP)
    fig = _gambar_tata_letak(tl, _ORG_WARNA)
    nodes, kids = tree.unit, tree.anak
    parts = []
    for root in tree.akar:
        sub = []
        for c in kids[root]:
            cc = kids[c]
            if cc:
                inner = ", ".join(str(nodes[x]["nama"]) + (f" ({_n(len(kids[x]))} unit di bawahnya)" if kids[x] else "")
                                  for x in cc)
                sub.append(f"{nodes[c]['nama']} membawahi {inner}")
            else:
                sub.append(str(nodes[c]["nama"]))
        parts.append(f"{nodes[root]['nama']} membawahi {_n(len(kids[root]))} unit: " + "; ".join(sub))
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
