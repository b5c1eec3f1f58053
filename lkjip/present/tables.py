"""Every table of the report as a great-tables ``GT``, titled from :mod:`.catalog` (numbered by the renderer).

Each ``tbl_*`` function takes a :class:`~lkjip.load.DataTahun` and returns a :class:`Tabel`: the GT,
its caption, id, whether it is wide (landscape in the PDF), and the tidy data behind it. Numbers
use great-tables' ``fmt_*`` with ``locale="id"``; mixed-kind cells (``90``, ``BB (72,30)``,
``99,06%``) are formatted by :mod:`.values`.
"""
from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import great_tables
import pandas as pd
from great_tables import GT, loc, style

from .. import compute
from .. import metrics as m
from ..fmt import KOSONG, angka, rupiah, teks
from ..load import DataTahun
from . import _gt
from .catalog import caption
from .values import bilangan, capaian_teks, nilai_iku

LOCALE = "id"


_gt.faster()


# HTML and downloads of tables made before in this process, by what they are made of (Tabel.key):
# only lkjip preview keeps them (keep_tables), where most tables of a new version are those of the
# last one; a render makes each table once, and computes no key
_KEPT: OrderedDict[str, str] = OrderedDict()
_KEPT_COUNT = [0]


def keep_tables(count: int) -> None:
    """Keep the HTML and the download of the last ``count`` tables made, for tables made again of the
    same things (0: none, the default). See :attr:`Tabel.key`."""
    _KEPT_COUNT[0] = max(0, count)
    while len(_KEPT) > 2 * _KEPT_COUNT[0]:  # two texts a table
        _KEPT.popitem(last=False)


@dataclass(frozen=True)
class Tabel:
    gt: GT
    caption: str
    id: str
    wide: bool
    frame: pd.DataFrame  # the data behind the table, Indonesian headers
    #: What the GT is made of: the displayed frame (every value with its type), the id and every option
    #: of :func:`_make`, then each later step (:meth:`then`); "" when not known (nothing is kept).
    key: str = ""
    #: The GT that :attr:`key` describes: a table whose ``gt`` was replaced otherwise (``replace(t,
    #: gt=...)``) is not made of that, and its HTML is made afresh.
    described_gt: GT | None = field(default=None, repr=False, compare=False)

    def _described(self) -> bool:
        return bool(self.key) and self.gt is self.described_gt

    def html(self) -> str:
        """The table's HTML (great-tables' ``as_raw_html``); while tables are kept (:func:`keep_tables`),
        the one made before of exactly the same things."""
        if not self._described():
            return self.gt.as_raw_html()
        return _kept(self.key, self.gt.as_raw_html)

    def csv(self) -> str:
        """The data behind the table as its download's CSV (:func:`lkjip.present.display.table_csv`),
        kept like :meth:`html`, by the data as it is now (a notebook may change ``frame`` in place)."""
        from .display import table_csv

        key = _frame_key(self.frame) if _KEPT_COUNT[0] else None
        if key is None:
            return table_csv(self.frame)
        return _kept(_hash(key, "csv"), lambda: table_csv(self.frame))

    def then(self, method: str, *args: Any, **kwargs: Any) -> Tabel:
        """This table with its GT's ``method`` applied (``t.then("tab_style", style.text(weight="bold"),
        loc.body(rows=[3]))``). The key adds the step, written out in full from its arguments; an
        argument of another kind than text, numbers, lists, mappings and great-tables' own records (an
        object that may not show all it holds) leaves the table without a key."""
        gt = getattr(self.gt, method)(*args, **kwargs)
        step = _written_out((method, args, kwargs)) if self._described() else None
        return replace(self, gt=gt, key=_hash(self.key, step) if step else "", described_gt=gt if step else None)


def _kept(key: str, make: Callable[[], str]) -> str:
    """``make()``, or what it gave before for ``key`` while tables are kept (:func:`keep_tables`)."""
    if not _KEPT_COUNT[0]:
        return make()
    text = _KEPT.get(key)
    if text is None:
        text = _KEPT[key] = make()
        while len(_KEPT) > 2 * _KEPT_COUNT[0]:
            _KEPT.popitem(last=False)
    else:
        _KEPT.move_to_end(key)
    return text


def _hash(*parts: str) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass") + b"\x00")
    return h.hexdigest()


_PLAIN = (str, int, float, bool, type(None), type(pd.NA), type(pd.NaT), pd.Timestamp, pd.Timedelta)


def _written_out(value: Any) -> str | None:
    """``value`` written out in full, with its types: text, numbers, missing values, dates, lists,
    tuples, mappings and dataclass records (great-tables' styles and locations) of these; None for
    anything else, whose ``repr`` may leave out what it holds (a long array, an object of one's own)."""
    import dataclasses
    import numpy as np

    if isinstance(value, _PLAIN) or isinstance(value, np.generic):
        return f"{type(value).__name__}:{value!r}"
    if isinstance(value, (list, tuple)):
        parts = [_written_out(v) for v in value]
        return None if None in parts else f"{type(value).__name__}[{','.join(parts)}]"  # type: ignore[arg-type]
    if isinstance(value, dict):
        items = [(_written_out(k), _written_out(v)) for k, v in value.items()]
        if any(k is None or v is None for k, v in items):
            return None
        return "dict{" + ",".join(f"{k}={v}" for k, v in items) + "}"
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
        inner = _written_out(fields)
        return None if inner is None else f"{type(value).__module__}.{type(value).__qualname__}{inner}"
    return None


def _frame_key(frame: pd.DataFrame) -> str | None:
    """Everything of ``frame`` that can show in a table (columns, index, each value with its type)
    written out in full; None when a value is of a kind that cannot be (see :func:`_written_out`)."""
    return _written_out((list(frame.columns), [str(t) for t in frame.dtypes], list(frame.index),
                         [frame.iloc[:, i].tolist() for i in range(frame.shape[1])]))


def _make(frame: pd.DataFrame, id: str, data: DataTahun, *, wide: bool = False, group: str | None = None,
          labels: dict[str, str] | None = None, money: list[str] | None = None, pct: list[str] | None = None,
          ints: list[str] | None = None, spanners: dict[str, list[str]] | None = None,
          hide: list[str] | None = None, widths: dict[str, float] | None = None, title: str | None = None) -> Tabel:
    # landscape only where the table needs it (the PDF's orientation changes strand text)
    wide = wide and needs_landscape(frame, group=group, labels=labels, money=money, pct=pct, ints=ints, hide=hide)
    gt = GT(frame.copy(deep=False), id=id, groupname_col=group, locale=LOCALE)  # its own (copy-on-write) frame
    # percent of the table width, from the content unless given; pandoc carries <col> widths into the
    # PDF's typst table
    widths = widths or column_widths(frame, wide=wide, group=group, labels=labels, money=money, pct=pct,
                                     ints=ints, hide=hide)
    if widths:
        gt = gt.cols_width({c: f"{w:g}%" for c, w in widths.items()})
    if money:
        gt = gt.fmt_currency(money, currency="IDR", decimals=0, locale=LOCALE)
    if pct:
        gt = gt.fmt_number(pct, decimals=2, locale=LOCALE, pattern="{x}%")
    if ints:
        gt = gt.fmt_integer(ints, locale=LOCALE)
    gt = gt.sub_missing(missing_text="-")
    for label, cols in (spanners or {}).items():
        gt = gt.tab_spanner(label, columns=cols)
    if hide:
        gt = gt.cols_hide(hide)
    shown = {c: (labels or {}).get(c, c) for c in frame.columns if c != group}
    gt = gt.cols_label(**shown) if shown else gt
    gt = gt.tab_style(style.text(weight="bold"), loc.column_labels())
    gt = gt.tab_options(table_font_size="13px", table_width="100%")
    # download headers: a column under a spanner is named "<spanner> <label>" ("Keuangan Target")
    under = {c: label.strip() for label, cols in (spanners or {}).items() for c in cols}
    tidy = frame.rename(columns={c: f"{under[c]} {shown[c].strip()}" if c in under else shown[c].strip()
                                 for c in shown})
    frame_key = _frame_key(frame) if _KEPT_COUNT[0] else None
    made_of = _written_out((frame_key, id, wide, group, labels, money, pct, ints, spanners, hide, widths, LOCALE,
                            great_tables.__version__)) if frame_key is not None else None
    key = _hash(made_of) if made_of else ""
    return Tabel(gt, title if title is not None else caption(id, data), id, wide, tidy, key, gt if key else None)


# Width of a table's text line in average characters of the table font (DejaVu Sans 7.5 pt, about
# 4.3 pt a glyph): portrait and landscape A4 with the template's margins. Digits (bold in totals)
# are wider: numbers count 1.2 characters a digit, other words 1.1 (bold headers).
LINE_CHARS = {False: 105, True: 162}
CELL_PAD = 2.0  # the cell's inset, in characters


def _shown_text(value: Any, kind: str) -> str:
    """A cell's text roughly as the table prints it (for measuring)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "-"
    if kind == "money":
        return f"Rp{int(value):,}"
    if kind == "pct":
        return f"{float(value):,.2f}%"
    if kind == "int":
        return f"{int(value):,}"
    return str(value)


def _measure(frame: pd.DataFrame, cols: list[str], kinds: dict[str, str],
             labels: dict[str, str] | None) -> tuple[dict[str, float], dict[str, float]]:
    """Per column, in characters: the least width (its longest word, number or header word plus the
    cell's inset) and the wanted width (its longest text on one line, up to a limit)."""
    least, want = {}, {}
    for c in cols:
        texts = [_shown_text(v, kinds.get(c, "")) for v in frame[c]]
        numeric = 1.2 if c in kinds else 1.1
        longest = max([len(w) * numeric for t in texts for w in t.split()]
                      + [len(w) * 1.1 for w in str((labels or {}).get(c, c)).split()] + [1.0])
        least[c] = longest + CELL_PAD
        fullest = max((len(t) for t in texts), default=1)
        want[c] = max(least[c], min(fullest, 240) * 1.05 + CELL_PAD)
    return least, want


def needs_landscape(frame: pd.DataFrame, *, group: str | None = None, labels: dict[str, str] | None = None,
                    money: list[str] | None = None, pct: list[str] | None = None, ints: list[str] | None = None,
                    hide: list[str] | None = None) -> bool:
    """Whether a table needs a landscape page: more than eight columns, or columns whose least widths
    leave a portrait page no room for its text."""
    kinds = {c: "money" for c in money or []} | {c: "pct" for c in pct or []} | {c: "int" for c in ints or []}
    cols = [c for c in frame.columns if c != group and c not in (hide or [])]
    least, _ = _measure(frame, cols, kinds, labels)
    return len(cols) > 8 or sum(least.values()) > 0.9 * LINE_CHARS[False]


def column_widths(frame: pd.DataFrame, *, wide: bool = False, group: str | None = None,
                  labels: dict[str, str] | None = None, money: list[str] | None = None,
                  pct: list[str] | None = None, ints: list[str] | None = None,
                  hide: list[str] | None = None) -> dict[str, float]:
    """Column widths (percent of the table) chosen from the content: every column at least as wide
    as its longest word (a number, an amount or a header word never crosses the cell border), the
    space left shared in proportion to how much more text each column holds."""
    kinds = {c: "money" for c in money or []} | {c: "pct" for c in pct or []} | {c: "int" for c in ints or []}
    cols = [c for c in frame.columns if c != group and c not in (hide or [])]
    if not cols:
        return {}
    least, want = _measure(frame, cols, kinds, labels)
    budget = LINE_CHARS[bool(wide)]
    spare = budget - sum(least.values())
    extra = sum(want[c] - least[c] for c in cols)
    if sum(want.values()) <= budget:
        width = want
    elif spare > 0 and extra > 0:
        width = {c: least[c] + (want[c] - least[c]) * spare / extra for c in cols}
    else:
        width = least
    total = sum(width.values())
    return {c: round(width[c] / total * 100, 1) for c in cols}


def _total_bold(t: Tabel) -> Tabel:
    """``t`` with its last row (the total) in bold."""
    return t.then("tab_style", style.text(weight="bold"), loc.body(rows=[len(t.frame) - 1]))


def _share(part: object, whole: object) -> object:
    """``part`` as a percentage of ``whole``; missing while either is missing (a draft)."""
    if pd.isna(part) or pd.isna(whole) or not whole:
        return pd.NA
    return float(part) / float(whole) * 100  # type: ignore[arg-type]


# --- Bab I ------------------------------------------------------------------------------------
def kelompok_pegawai(data: DataTahun) -> dict[str, str]:
    """Display names of the staff groups of pegawai.csv (the staf ahli are the region head's)."""
    return {"golongan": "PNS menurut Golongan", "pendidikan": "PNS menurut Pendidikan",
            "jabatan": "PNS menurut Jabatan", "pppk": "PPPK", "honorer": "Tenaga Honorer/Non-ASN",
            "staf_ahli": f"Staf Ahli {data.sebutan_kepala_daerah}"}


def tbl_pegawai(data: DataTahun) -> Tabel:
    p = data["pegawai"]
    frame = pd.DataFrame({"kelompok": p["kelompok"].map(kelompok_pegawai(data)).fillna(p["kelompok"]),
                          "kategori": p["kategori"], "jumlah": p["jumlah"].astype("Int64")})
    t = _make(frame, "tbl-pegawai", data, group="kelompok", labels={"kategori": "Uraian", "jumlah": "Jumlah (orang)"},
              ints=["jumlah"])
    return t


# --- Bab II -----------------------------------------------------------------------------------
def _years(data: DataTahun) -> list[int]:
    r = data.profil.get("renstra") or {}
    return list(range(int(r.get("mulai", data.tahun)), int(r.get("selesai", data.tahun)) + 1))


def tbl_tujuan_sasaran(data: DataTahun) -> Tabel:
    iku, cap = data["iku"], data["iku_capaian"]
    sas = data["sasaran"].set_index("kode")
    tuj = data["tujuan"].set_index("kode")
    years = _years(data)
    rows = []
    for _, i in iku.iterrows():
        s = sas.loc[i["sasaran"]]
        t = tuj.loc[s["tujuan"]]
        row = {"tujuan": f"{s['tujuan']}. {t['tujuan']}", "indikator_tujuan": t["indikator_tujuan"],
               "sasaran": s["sasaran"], "indikator": i["nama"], "formula": i["formula"],
               "kka": nilai_iku(i["kondisi_awal"], i["satuan"], kosong="NA")}
        for y in years:
            hit = cap[(cap["iku"] == i["kode"]) & (cap["tahun"] == y)]
            row[str(y)] = nilai_iku(hit["target"].iloc[0], i["satuan"]) if len(hit) else "-"
        row |= {"sumber": i["sumber_data"], "pj": i["penanggung_jawab"]}
        rows.append(row)
    frame = pd.DataFrame(rows)
    return _make(frame, "tbl-tujuan-sasaran", data, wide=True, group="tujuan",
                 labels={"indikator_tujuan": "Indikator Tujuan", "sasaran": "Sasaran", "indikator": "Indikator Sasaran",
                         "formula": "Formula", "kka": "Kondisi Kinerja Awal", "sumber": "Sumber Data",
                         "pj": "Penanggung Jawab"},
                 spanners={"Target Kinerja Sasaran Tahun ke-": [str(y) for y in years]})


def _sasaran_program(data: DataTahun) -> dict[str, str]:
    """Program code -> the sasaran it serves as text (several joined, with their shares)."""
    sas = data["sasaran"].set_index("kode")["sasaran"]
    out: dict[str, list[str]] = {}
    for _, a in compute.alokasi(data).iterrows():
        share = "" if a["porsi"] == 100 else f" ({angka(a['porsi'], 2).rstrip('0').rstrip(',')}%)"
        out.setdefault(a["program"], []).append(f"{sas.get(a['sasaran'], a['sasaran'])}{share}")
    return {k: "; ".join(v) for k, v in out.items()}


def tbl_program(data: DataTahun) -> Tabel:
    tree = compute.pohon_anggaran(data)
    sas = _sasaran_program(data)
    k_no = {k: i for i, k in enumerate(data["kegiatan"]["kode"], start=1)}
    s_no = {k: i for i, k in enumerate(data["subkegiatan"]["kode"], start=1)}
    p_no = {k: i for i, k in enumerate(data["program"]["kode"], start=1)}
    frame = pd.DataFrame({
        "program": [f"{p_no[c]}. {n}" + (f" (Sasaran: {sas[c]})" if c in sas else "") for c, n in
                    zip(tree["program_kode"], tree["program_nama"])],
        "kegiatan": [f"{k_no[c]}. {n}" for c, n in zip(tree["kegiatan"], tree["kegiatan_nama"])],
        "sub": [f"{s_no[c]}. {n}" for c, n in zip(tree["kode"], tree["nama"])],
    })
    frame["kegiatan"] = frame["kegiatan"].where(frame["kegiatan"].ne(frame["kegiatan"].shift()), "")
    return _make(frame, "tbl-program", data, group="program", labels={"kegiatan": "Kegiatan", "sub": "Sub Kegiatan"})


def _program_arah(data: DataTahun) -> dict[str, dict[str, list[str]]]:
    """Program code -> the sasaran it serves (with a share other than 100%), their tujuan, and their
    indicators with the year's target: the planning chain shown in Tabel RKT and Rencana Aksi."""
    sas = data["sasaran"].set_index("kode")
    tuj = data["tujuan"].set_index("kode")["tujuan"]
    hasil = compute.hasil_iku(data)
    out: dict[str, dict[str, list[str]]] = {}
    for _, a in compute.alokasi(data).iterrows():
        d = out.setdefault(a["program"], {"sasaran": [], "tujuan": [], "iku": []})
        if a["sasaran"] not in sas.index:
            continue
        s = sas.loc[a["sasaran"]]
        share = "" if a["porsi"] == 100 else f" ({angka(a['porsi'], 2).rstrip('0').rstrip(',')}%)"
        d["sasaran"].append(f"{s['sasaran']}{share}")
        t = tuj.get(s["tujuan"])
        if isinstance(t, str) and t not in d["tujuan"]:
            d["tujuan"].append(t)
        for _, h in hasil[hasil["sasaran"] == a["sasaran"]].iterrows():
            d["iku"].append(f"{h['nama']} (target {nilai_iku(h['target'], h['satuan'])})")
    return out


def _label_program(nama: str, arah: dict[str, list[str]] | None, *, iku: bool) -> str:
    parts = [nama]
    if arah and arah["tujuan"]:
        parts.append("Tujuan: " + "; ".join(arah["tujuan"]))
    if arah and arah["sasaran"]:
        parts.append("Sasaran: " + "; ".join(arah["sasaran"]))
    if iku and arah and arah["iku"]:
        parts.append("Indikator kinerja: " + "; ".join(arah["iku"]))
    return ". ".join(parts) + "."


def tbl_rkt(data: DataTahun) -> Tabel:
    """Rencana Kinerja Tahunan: per program (with the tujuan and sasaran it serves) its kegiatan and
    sub-kegiatan with the targets of every Renstra year."""
    tree = compute.pohon_anggaran(data)
    rkt = data["rkt"]
    years = _years(data)
    arah = _program_arah(data)
    wide_rkt = rkt.pivot_table(index="subkegiatan", columns="tahun", values="target", aggfunc="first")
    rows: list[dict[str, object]] = []
    for _, r in tree.iterrows():
        program = _label_program(r["program_nama"], arah.get(r["program_kode"]), iku=False)
        if not rows or rows[-1]["_keg"] != r["kegiatan"]:
            rows.append({"program": program, "uraian": f"Kegiatan: {r['kegiatan_nama']}", "_keg": r["kegiatan"]}
                        | {str(y): "" for y in years})
        row = {"program": program, "uraian": r["nama"], "_keg": r["kegiatan"]}
        for y in years:
            v = wide_rkt.at[r["kode"], y] if r["kode"] in wide_rkt.index and y in wide_rkt.columns else pd.NA
            row[str(y)] = v if pd.notna(v) else "-"
        rows.append(row)
    frame = pd.DataFrame(rows, columns=["program", "uraian", "_keg", *map(str, years)]).drop(columns="_keg")
    return _make(frame, "tbl-rkt", data, wide=len(years) > 8, group="program",
                 labels={"uraian": "Kegiatan / Sub Kegiatan"}, spanners={"Target": [str(y) for y in years]})


def _target(value: Any, satuan: object) -> str:
    """An output target with its unit: ``4 Dok``, ``100%`` (no space before %); missing -> marked."""
    if pd.isna(value):
        return KOSONG
    unit = str(satuan).strip() if pd.notna(satuan) else ""
    return bilangan(float(value)) + ("" if unit in ("", "%") else " ") + unit


JADWAL = {"tw1": "TW I", "tw2": "TW II", "tw3": "TW III", "tw4": "TW IV"}


def tbl_rencana_aksi(data: DataTahun) -> Tabel:
    """Rencana Aksi: per program (its budget, sasaran and indicators with targets) each kegiatan's
    action, output indicator and target, quarterly schedule (when the data has one), the Bagian in
    charge and the budget; its sub-kegiatan below."""
    tree = compute.pohon_anggaran(data)
    org = data["organisasi"].set_index("kode")["nama"]
    keg = data["kegiatan"].set_index("kode")
    # the four quarters when the plan has a schedule at all (a quarter without activities stays a column)
    jadwal = list(JADWAL) if any(c in keg.columns and keg[c].notna().any() for c in JADWAL) else []
    arah = _program_arah(data)
    pagu_prog = data["program"].set_index("kode")["pagu"]
    rows: list[dict[str, object]] = []
    for _, r in tree.iterrows():
        program = _label_program(f"{r['program_nama']}, anggaran {rupiah(pagu_prog.get(r['program_kode']))}",
                                 arah.get(r["program_kode"]), iku=True)
        if not rows or rows[-1]["_keg"] != r["kegiatan"]:
            k = keg.loc[r["kegiatan"]]
            rows.append({"program": program, "uraian": k["nama"], "aksi": k["aksi"],
                         "indikator": k["indikator"], "target": _target(k["target"], k["satuan"])}
                        | {c: k[c] if c in k.index and pd.notna(k[c]) else "" for c in jadwal}
                        | {"pj": org.get(k["bagian"], k["bagian"]), "pagu": k["pagu"], "_keg": r["kegiatan"]})
        rows.append({"program": program, "uraian": f"- {r['nama']}", "aksi": "", "indikator": r["indikator"],
                     "target": _target(r["target"], r["satuan"])} | {c: "" for c in jadwal}
                    | {"pj": "", "pagu": r["pagu"], "_keg": r["kegiatan"]})
    frame = pd.DataFrame(rows, columns=["program", "uraian", "aksi", "indikator", "target", *jadwal, "pj", "pagu",
                                        "_keg"]).drop(columns="_keg")  # a unit without sub-kegiatan: no rows
    frame["pagu"] = frame["pagu"].astype("Int64")
    return _make(frame, "tbl-rencana-aksi", data, wide=True, group="program", money=["pagu"],
                 labels={"uraian": "Kegiatan / Sub Kegiatan", "aksi": "Aksi", "indikator": "Indikator",
                         "target": "Target Output", "pj": "Penanggung Jawab", "pagu": "Anggaran (Rp)"} | JADWAL,
                 spanners={"Jadwal": jadwal} if jadwal else None)


def _pk_frame(data: DataTahun) -> pd.DataFrame:
    hasil = compute.hasil_iku(data)
    return pd.DataFrame({"sasaran": [f"{s}. {n}" for s, n in zip(hasil["sasaran"], hasil["nama_sasaran"])],
                         "indikator": hasil["nama"], "satuan": hasil["satuan"],
                         "target": [nilai_iku(t, s) for t, s in zip(hasil["target"], hasil["satuan"])]})


def tbl_pk(data: DataTahun, id: str = "tbl-pk") -> Tabel:
    return _make(_pk_frame(data), id, data, group="sasaran", labels={"indikator": "Indikator Kinerja",
                                                                      "satuan": "Satuan", "target": "Target"})


def tbl_belanja(data: DataTahun) -> Tabel:
    b = compute.belanja(data)
    total = b["pagu"].sum(skipna=False)
    frame = pd.DataFrame({"jenis": [*b["jenis"], "Jumlah"], "pagu": [*b["pagu"], total],
                          "porsi": [*b["porsi"], 100.0 if pd.notna(total) and total else pd.NA]})
    frame = frame.astype({"pagu": "Int64", "porsi": "Float64"})
    t = _make(frame, "tbl-belanja", data, money=["pagu"], pct=["porsi"],
              labels={"jenis": "Jenis Belanja", "pagu": "Pagu (Rp)", "porsi": "Porsi (%)"})
    return _total_bold(t)


def tbl_pk_program(data: DataTahun, id: str = "tbl-pk-program") -> Tabel:
    p = data["program"]
    frame = pd.DataFrame({"no": range(1, len(p) + 1), "program": p["nama"], "pagu": p["pagu"].astype("Int64"),
                          "ket": str(data.profil.get("sumber_anggaran", "APBD"))})
    return _make(frame, id, data, money=["pagu"],
                 labels={"no": "No", "program": "Program", "pagu": "Anggaran (Rp)", "ket": "Keterangan"})


# --- Bab III ----------------------------------------------------------------------------------
def tbl_target_realisasi(data: DataTahun) -> Tabel:
    h = compute.hasil_iku(data)
    frame = pd.DataFrame({
        "sasaran": [f"{s}. {n}" for s, n in zip(h["sasaran"], h["nama_sasaran"])],
        "indikator": h["nama"], "satuan": h["satuan"],
        "target": [nilai_iku(t, s) for t, s in zip(h["target"], h["satuan"])],
        "realisasi": [nilai_iku(r, s, n) for r, s, n in zip(h["realisasi"], h["satuan"], h["nilai"])],
        "capaian": [capaian_teks(c) for c in h["capaian"]],
        "kategori": h["kategori"].fillna("-"),
    })
    return _make(frame, "tbl-target-realisasi", data, group="sasaran",
                 labels={"indikator": "Indikator Sasaran", "satuan": "Satuan", "target": "Target",
                         "realisasi": "Realisasi",
                         "capaian": "Capaian (%)", "kategori": "Kategori Capaian"})


def tbl_kategori_akip(data: DataTahun) -> Tabel:
    rows = []
    for bound, predikat, label in m.PREDIKAT_AKIP:
        lo, hi = m.rentang_predikat(predikat)
        rng = f"> {angka(lo)} – {angka(hi)}" if bound > float("-inf") else f"{angka(lo)} – {angka(hi)}"
        rows.append({"kategori": predikat, "rentang": rng, "keterangan": label})
    frame = pd.DataFrame(rows)
    t = _make(frame, "tbl-kategori-akip", data, labels={"kategori": "Kategori", "rentang": "Rentang Nilai",
                                                          "keterangan": "Keterangan"})
    ak = compute.akip(data) if len(data["akip"]) and data.punya_jenis("akip") else None
    if ak is not None:
        idx = [i for i, r in enumerate(rows) if r["kategori"] == ak.predikat]
        note = (f"Nilai AKIP {data.tahun}: {angka(ak.nilai, 2)} (predikat {teks(ak.predikat)}, {teks(ak.label)}). "
                "Sumber: PermenPANRB Nomor 88 Tahun 2021.")
        t = t.then("tab_style", style.text(weight="bold"), loc.body(rows=idx)).then("tab_source_note", note)
    return t


def tbl_opini_bpk(data: DataTahun) -> Tabel:
    o = data["opini_bpk"]
    return _make(o[["opini", "keterangan"]].reset_index(drop=True), "tbl-opini-bpk", data,
                 labels={"opini": "Opini BPK", "keterangan": "Keterangan"})


def tbl_multi_tahun(data: DataTahun) -> Tabel:
    # this year and the two before it, inside the Renstra period (a new Renstra has no earlier years)
    years = [y for y in (data.tahun - 2, data.tahun - 1, data.tahun) if y >= _years(data)[0]]
    iku = data["iku"]
    per_year = {y: compute.hasil_iku(data, y).set_index("iku") for y in years}
    rows = []
    for _, i in iku.iterrows():
        row = {"indikator": i["nama"], "satuan": i["satuan"],
               "kka": nilai_iku(i["kondisi_awal"], i["satuan"], kosong="NA")}
        for y in years:
            h = per_year[y].loc[i["kode"]]
            row[f"t{y}"] = nilai_iku(h["target"], h["satuan"], kosong="-")
            row[f"r{y}"] = nilai_iku(h["realisasi"], h["satuan"], h["nilai"])
            row[f"c{y}"] = capaian_teks(h["capaian"])
        rows.append(row)
    frame = pd.DataFrame(rows)
    labels = {"indikator": "Indikator Kinerja", "satuan": "Satuan", "kka": "KKA"} | {
        f"{p}{y}": str(y) for y in years for p in "trc"}
    frame = frame[["indikator", "satuan", "kka", *[f"t{y}" for y in years], *[f"r{y}" for y in years], *[f"c{y}" for y in years]]]
    return _make(frame, "tbl-multi-tahun", data, wide=True, labels=labels,
                 spanners={"Target": [f"t{y}" for y in years], "Realisasi": [f"r{y}" for y in years],
                           "Capaian (%)": [f"c{y}" for y in years]})


def tbl_renstra(data: DataTahun) -> Tabel:
    years = _years(data)
    hist = compute.riwayat_iku(data)
    rows = []
    for _, i in data["iku"].iterrows():
        h = hist[hist["iku"] == i["kode"]].set_index("tahun")
        row = {"indikator": i["nama"], "satuan": i["satuan"],
               "kka": nilai_iku(i["kondisi_awal"], i["satuan"], kosong="NA")}
        for y in years:
            row[f"t{y}"] = nilai_iku(h.at[y, "target"], i["satuan"], kosong="-") if y in h.index else "-"
            row[f"r{y}"] = (nilai_iku(h.at[y, "realisasi"], i["satuan"], h.at[y, "nilai"], kosong="-")
                            if y in h.index and y <= data.tahun else "-")
        last = h.loc[years[-1]] if years[-1] in h.index else None
        progress = None
        cur = h.loc[data.tahun] if data.tahun in h.index else None
        if last is not None and cur is not None and pd.notna(last["target"]) and cur["realisasi"] is not None:
            progress = m.progres_renstra(str(last["target"]), str(cur["realisasi"]), i["polaritas"],
                                         i["skala"] if pd.notna(i["skala"]) else None, awal=i["kondisi_awal"])
        row["progres"] = capaian_teks(progress)
        rows.append(row)
    frame = pd.DataFrame(rows)
    frame = frame[["indikator", "satuan", "kka", *[f"t{y}" for y in years], *[f"r{y}" for y in years], "progres"]]
    labels = {"indikator": "Indikator Kinerja", "satuan": "Satuan", "kka": "KKA",
              "progres": f"Capaian {data.tahun} terhadap Target Akhir Renstra"} | {f"{p}{y}": str(y) for y in years for p in "tr"}
    return _make(frame, "tbl-renstra", data, wide=True, labels=labels,
                 spanners={"Target Renstra Perangkat Daerah": [f"t{y}" for y in years],
                           "Realisasi": [f"r{y}" for y in years]})


def tbl_analisis(data: DataTahun) -> Tabel:
    h = compute.hasil_iku(data).set_index("iku")
    a = data["analisis"].set_index("iku")
    rows = []
    for kode, r in h.iterrows():
        rows.append({"indikator": r["nama"], "target": nilai_iku(r["target"], r["satuan"]),
                     "realisasi": nilai_iku(r["realisasi"], r["satuan"], r["nilai"]),
                     "capaian": capaian_teks(r["capaian"]),
                     "keberhasilan": a.at[kode, "keberhasilan"] if kode in a.index else KOSONG,
                     "solusi": a.at[kode, "solusi"] if kode in a.index else KOSONG})
    return _make(pd.DataFrame(rows), "tbl-analisis", data, wide=True,
                 labels={"indikator": "Indikator", "target": "Target", "realisasi": "Realisasi",
                         "capaian": "Capaian (%)", "keberhasilan": "Keberhasilan/Kegagalan",
                         "solusi": "Alternatif Solusi yang Telah Dilakukan"})


def tbl_efisiensi(data: DataTahun) -> Tabel:
    e = compute.efisiensi(data)
    frame = pd.DataFrame({
        "indikator": e["nama"],
        "target": [nilai_iku(t, s) for t, s in zip(e["target"], e["satuan"])],
        "realisasi": [nilai_iku(r, s, n) for r, s, n in zip(e["realisasi"], e["satuan"], e["nilai"])],
        "capaian": [capaian_teks(c) for c in e["capaian"]],
        "pagu": e.get("pagu", pd.Series([pd.NA] * len(e))).astype("Int64"),
        "anggaran_realisasi": e.get("anggaran_realisasi", pd.Series([pd.NA] * len(e))).astype("Int64"),
        "serapan": e.get("serapan", pd.Series([pd.NA] * len(e))).astype("Float64"),
        "efisiensi": e.get("efisiensi_selisih", pd.Series([pd.NA] * len(e))).astype("Float64"),
    })
    return _make(frame, "tbl-efisiensi", data, wide=True, money=["pagu", "anggaran_realisasi"],
                 pct=["serapan", "efisiensi"],
                 labels={"indikator": "Indikator Kinerja", "target": "Target", "realisasi": "Realisasi",
                         "capaian": "Capaian", "pagu": "Pagu (Rp)", "anggaran_realisasi": "Realisasi (Rp)",
                         "serapan": "Serapan (%)", "efisiensi": "Selisih Capaian dan Serapan (poin persen)"},
                 spanners={"Indikator Kinerja ": ["target", "realisasi", "capaian"],
                           "Anggaran": ["pagu", "anggaran_realisasi", "serapan"]})


def tbl_ikm(data: DataTahun, iku: pd.Series) -> Tabel:
    """The IKM indicator's survey result per unsur (PermenPANRB 14/2017) and the unit's IKM."""
    k = compute.ikm(data)
    rows = [{"uraian": f"U{int(u['no'])}. {u['unsur']}", "nilai": angka(u["nrr"], 2), "ket": f"Mutu {teks(u['mutu'])}"}
            for _, u in k.unsur.iterrows()]
    rows.append({"uraian": "IKM unit layanan", "nilai": angka(k.nilai, 2),
                 "ket": f"Mutu {teks(k.mutu)} ({teks(k.kinerja)})"})
    frame = pd.DataFrame(rows)
    t = _make(frame, "tbl-ikm", data, labels={"uraian": "Unsur Pelayanan", "nilai": "Nilai", "ket": "Keterangan"},
              title=caption("tbl-ikm", data, indikator=iku["nama"]))
    return _total_bold(t)


def tbl_akip(data: DataTahun, iku: pd.Series) -> Tabel:
    """The AKIP indicator's evaluation components (PermenPANRB 88/2021) and the resulting score."""
    a = compute.akip(data)
    rows = [{"uraian": c["komponen"], "bobot": angka(c["bobot"], 2), "nilai": angka(c["nilai"], 2)}
            for _, c in a.komponen.iterrows()]
    rows.append({"uraian": "Nilai AKIP", "bobot": angka(a.komponen["bobot"].sum(), 2),
                 "nilai": f"{angka(a.nilai, 2)} ({teks(a.predikat)}, {teks(a.label)})"})
    frame = pd.DataFrame(rows)
    t = _make(frame, "tbl-akip", data, labels={"uraian": "Komponen", "bobot": "Bobot", "nilai": "Nilai"},
              title=caption("tbl-akip", data, indikator=iku["nama"]))
    return _total_bold(t)


def tbl_pendukung(data: DataTahun, sasaran: str, n: int) -> Tabel:
    """Programs serving sasaran ``n`` (code ``sasaran``) with their pagu-weighted capaian."""
    p = compute.program(data)
    p = p[p["sasaran"] == sasaran]
    keg = data["kegiatan"]
    rows = []
    for _, r in p.iterrows():
        names = keg[keg["program"] == r["kode"]]["nama"]
        share = "" if r["porsi"] == 100 else f" (porsi {angka(r['porsi'], 2)}%)"
        rows.append({"program": f"{r['nama']}{share}",
                     "kegiatan": "; ".join(f"{i}. {n}" for i, n in enumerate(names, 1)),
                     "pagu": r["pagu"], "realisasi": r["realisasi"], "tk": r["target_keuangan"], "rk": r["keuangan"],
                     "tf": r["target_fisik"], "rf": r["realisasi_fisik"], "bobot": r["bobot"],
                     "capaian": r["capaian"], "kontribusi": r["kontribusi"]})
    frame = pd.DataFrame(rows)
    total = {"program": "Capaian gabungan (rata-rata tertimbang pagu)", "kegiatan": "",
             "pagu": p["pagu"].sum(skipna=False), "realisasi": p["realisasi"].sum(skipna=False), "tk": pd.NA,
             "rk": pd.NA, "tf": pd.NA, "rf": pd.NA, "bobot": 100.0, "capaian": p["kontribusi"].sum(skipna=False),
             "kontribusi": pd.NA}
    frame = pd.concat([frame, pd.DataFrame([total])], ignore_index=True)
    for c in ("pagu", "realisasi"):
        frame[c] = frame[c].astype("Int64")
    for c in ("tk", "rk", "tf", "rf", "bobot", "capaian", "kontribusi"):
        frame[c] = frame[c].astype("Float64")
    t = _make(frame, f"tbl-pendukung-s{n}", data, wide=True, money=["pagu", "realisasi"],
              pct=["tk", "rk", "tf", "rf", "bobot", "capaian", "kontribusi"],
              labels={"program": "Program", "kegiatan": "Kegiatan", "pagu": "Anggaran (Rp)",
                      "realisasi": "Dana Terserap (Rp)", "tk": "Target", "rk": "Realisasi", "tf": "Target ",
                      "rf": "Realisasi ", "bobot": "Bobot", "capaian": "Capaian Kinerja",
                      "kontribusi": "Capaian Tertimbang"},
              spanners={"Keuangan": ["tk", "rk"], "Fisik": ["tf", "rf"]},
              title=caption("tbl-pendukung", data, n=n))
    return _total_bold(t)


def tbl_realisasi_anggaran(data: DataTahun) -> Tabel:
    """Pagu and realisasi per sasaran (through the programs serving it) beside its indicators; a budget
    no sasaran receives is its own row, and the total is all programs."""
    per = compute.anggaran_sasaran(data)
    iku = data["iku"]
    tot = compute.anggaran_total(data)
    rows = []
    for n, (_, s) in enumerate(per.iterrows(), start=1):
        names = list(iku.loc[iku["sasaran"] == s["sasaran"], "nama"])
        rows.append({"sasaran": f"Sasaran {n}: {s['nama']}", "indikator": "; ".join(names) or "-",
                     "pagu": s["pagu"], "porsi": _share(s["pagu"], tot["pagu"]), "realisasi": s["realisasi"],
                     "persen": s["persen"]})
    program = compute.program(data)
    unallocated = data["program"][~data["program"]["kode"].isin(program["kode"])]
    if len(unallocated):
        pagu, real = unallocated["pagu"].sum(skipna=False), unallocated["realisasi"].sum(skipna=False)
        rows.append({"sasaran": "Program tanpa sasaran", "indikator": "; ".join(unallocated["nama"]), "pagu": pagu,
                     "porsi": _share(pagu, tot["pagu"]), "realisasi": real, "persen": _share(real, pagu)})
    rows.append({"sasaran": "Jumlah", "indikator": "Total seluruh program", "pagu": tot["pagu"],
                 "porsi": 100.0 if tot["pagu"] else pd.NA, "realisasi": tot["realisasi"], "persen": tot["persen"]})
    frame = pd.DataFrame(rows)
    for c in ("pagu", "realisasi"):
        frame[c] = frame[c].astype("Int64")
    for c in ("porsi", "persen"):
        frame[c] = frame[c].astype("Float64")
    t = _make(frame, "tbl-realisasi-anggaran", data, money=["pagu", "realisasi"],
              pct=["porsi", "persen"], labels={"sasaran": "Sasaran", "indikator": "Indikator Sasaran",
                                               "pagu": "Anggaran (Rp)", "porsi": "Porsi (%)",
                                               "realisasi": "Realisasi (Rp)", "persen": "Realisasi (%)"})
    return _total_bold(t)


# --- Lampiran ---------------------------------------------------------------------------------
def tbl_lampiran_tim(data: DataTahun) -> Tabel:
    t = data["tim_penyusun"]
    return _make(pd.DataFrame({"no": t["no"], "peran": t["peran"], "jabatan": t["jabatan"]}), "tbl-lampiran-tim", data,
                 labels={"no": "No", "peran": "Kedudukan dalam Tim", "jabatan": "Jabatan"})


def tbl_lampiran_pk(data: DataTahun) -> Tabel:
    return tbl_pk(data, "tbl-lampiran-pk")

