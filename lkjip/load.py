"""Load one year's data folder into typed pandas objects, collecting every problem at once.

Loading never stops at the first problem (every bad row at once, like a lazy schema validation): each
bad cell becomes a :class:`~lkjip.errors.Temuan` and its value becomes missing (``<NA>``). Cross-file
rules live in :mod:`lkjip.validate`.
"""
from __future__ import annotations

import hashlib
import os
import re
import sys
from collections import OrderedDict
from collections.abc import Hashable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from . import _inputs
from ._profil_schema import periksa_profil
from ._safe_md import prose, prose_many, removed
from ._schema import JENIS_DAERAH, NARASI, NARASI_JENIS, PLACEHOLDERS, TABLES, Column, Table
from .errors import DataError, Temuan

LINE = "_baris"  # column holding each row's line number in its file
MISSING_MARK = "[BELUM DIISI]"

_INT = re.compile(r"^-?\d+$")
_NUM = re.compile(r"^-?\d+(\.\d+)?$")
_PLACEHOLDER = re.compile(r"\{([a-zA-Z_]+)\}")

# Files of the year folders that this process's report code has read, as absolute paths (those of
# any year: a chapter may compare with last year's folder). Chapter notebooks report them at the
# end of their run so that the render cache re-executes a chapter only when a file it read changed
# (lkjip.render._cache). Two records, together complete: what the report read through
# :class:`DataTahun` (``_READ``), and every file the process opened, or folder it listed, by any
# other means (``_OPENED``, from a Python audit hook: a cell reading a CSV with pandas, or counting
# the prose files with ``glob``). A folder listed is recorded with a trailing ``/``: what it
# depends on is the names in it (:func:`lkjip.render._cache.file_sha`).
_READ: set[str] = set()
_OPENED: set[str] = set()
_YEAR_FOLDERS: set[Path] = set()
_LOADING = [0]  # the loader's own reads are recorded per table through DataTahun, not as opens
_LISTING = frozenset({"os.listdir", "os.scandir"})


def _audit(event: str, args: tuple) -> None:
    if _LOADING[0] or not args or not isinstance(args[0], (str, os.PathLike)):
        return
    if event == "open":
        _OPENED.add(os.path.abspath(os.fspath(args[0])))
    elif event in _LISTING:
        _OPENED.add(os.path.join(os.path.abspath(os.fspath(args[0])), ""))


sys.addaudithook(_audit)


def files_read(*, reset: bool = False) -> list[str]:
    """Absolute paths of the year folders' files read so far — through :class:`DataTahun` or opened
    in any other way — and of the folders in them listed (ending in ``/``); ``reset`` forgets them
    (a process that runs several chapters starts each one afresh). :func:`names_in` names them
    relative to one year's folder."""
    names = set(_READ)
    roots = [os.path.join(str(folder), "") for folder in _YEAR_FOLDERS]
    names.update(opened for opened in list(_OPENED) if any(opened.startswith(root) for root in roots))
    if reset:
        _READ.clear()
        _OPENED.clear()
    return sorted(names)


def names_in(paths: Iterable[str], folder: str | Path) -> list[str]:
    """``paths`` (as :func:`files_read` gives them) by their names relative to ``folder``, POSIX:
    ``iku.csv`` and ``narasi/`` inside it, ``../2023/iku_capaian.csv`` outside (another year)."""
    root = os.path.abspath(folder)
    out = set()
    for path in paths:
        name = Path(os.path.relpath(path, root)).as_posix()
        if path.endswith(("/", os.sep)):  # a folder listed
            name = "./" if name == "." else name + "/"
        out.add(name)
    return sorted(out)


def paths_of(names: Iterable[str], folder: str | Path) -> list[str]:
    """The inverse of :func:`names_in`: the absolute paths of ``names`` (relative to ``folder``)."""
    root = os.path.abspath(folder)
    out = []
    for name in names:
        path = os.path.normpath(os.path.join(root, name))
        out.append(os.path.join(path, "") if name.endswith("/") else path)
    return out


def outside(name: str) -> bool:
    """Whether a name given by :func:`names_in` is outside its folder."""
    return name.startswith("../") or name.startswith("/")


@contextmanager
def reads_recorded() -> Iterator[set[str]]:
    """Collect, into the yielded set, the year's files read inside the ``with`` block (through
    :class:`DataTahun` or opened otherwise, as :func:`files_read` names them); they still count as
    read by the caller too. A result computed once and reused (:mod:`lkjip.compute`, a cached cell in
    :mod:`lkjip.render._inprocess`) reports the same files each time, through :func:`mark_read`."""
    saved_read, saved_opened = set(_READ), set(_OPENED)
    _READ.clear()
    _OPENED.clear()
    got: set[str] = set()
    try:
        yield got
    finally:
        got.update(files_read())
        _READ.update(saved_read)
        _OPENED.update(saved_opened)


def mark_read(names: Iterable[str]) -> None:
    """Count ``names`` (absolute paths, as :func:`files_read` gives them) as read (a reused result
    read them when it was computed)."""
    _READ.update(names)


_TYPE_HELP = {
    "int": "bilangan bulat, mis. 12",
    "rupiah": "Rupiah bulat tanpa titik pemisah ribuan, mis. 10000000",
    "number": "angka dengan titik desimal, mis. 72.31",
    "year": "tahun empat angka, mis. 2024",
}


@dataclass
class DataTahun:
    """All inputs of one report year, typed. ``temuan`` holds what loading found wrong."""

    folder: Path
    profil: dict[str, Any]
    tabel: dict[str, pd.DataFrame]
    narasi: dict[str, str]
    temuan: list[Temuan] = field(default_factory=list)

    @property
    def tahun(self) -> int:
        return int(self.profil.get("tahun") or 0)

    def __getitem__(self, name: str) -> pd.DataFrame:
        """The table of ``name`` (file name without ``.csv``); reading it counts as reading its file and
        the files loading it consulted (``attrs["juga_dibaca"]``, e.g. ``iku`` of old data whose kinds
        come from akip.csv and opini_bpk.csv)."""
        frame = self.tabel[name]
        _READ.add(self.path(f"{name}.csv"))
        _READ.update(self.path(also) for also in frame.attrs.get("juga_dibaca", ()))
        return frame

    def path(self, name: str) -> str:
        """The absolute path of the year's file ``name`` (relative to its folder, POSIX), as reads are
        recorded (:func:`files_read`); the folder as it was when loaded, whatever the working
        folder is now."""
        return os.path.join(vars(self).get("_di") or os.path.abspath(self.folder), name)

    @property
    def daerah(self) -> str:
        """The region's name without its title: ``Tanjung Jabung Timur``."""
        return str(self.profil.get("kabupaten") or "")

    @property
    def jenis_daerah(self) -> str:
        """``kabupaten`` (default), ``kota`` or ``provinsi``."""
        jenis = str(self.profil.get("jenis_daerah") or "kabupaten").strip().casefold()
        return jenis if jenis in JENIS_DAERAH else "kabupaten"

    @property
    def nama_daerah(self) -> str:
        """The region with its title: ``Kabupaten Tanjung Jabung Timur``, ``Kota Jambi``, ``Provinsi Jambi``."""
        return f"{JENIS_DAERAH[self.jenis_daerah][0]} {self.daerah}".strip()

    @property
    def sebutan_kepala_daerah(self) -> str:
        """Title of the region's head: Bupati, Wali Kota or Gubernur."""
        return JENIS_DAERAH[self.jenis_daerah][1]

    def iku_jenis(self, jenis: str) -> pd.DataFrame:
        """The IKU of one kind (``ikm``, ``akip``, ``opini``, ``anggaran``, ``biasa``), in file order."""
        iku = self["iku"]
        return iku[iku["jenis"] == jenis]

    def punya_jenis(self, jenis: str) -> bool:
        """True when the unit has an indicator of this kind (its detail tables and files are then needed)."""
        return bool(len(self.iku_jenis(jenis)))

    def konteks(self) -> dict[str, str]:
        """Values of the prose placeholders."""
        return {"opd": str(self.profil.get("opd", "")), "daerah": self.daerah, "kabupaten": self.daerah,
                "nama_daerah": self.nama_daerah, "kepala_daerah": self.sebutan_kepala_daerah,
                "tahun": str(self.tahun)}

    def ada_teks(self, nama: str) -> bool:
        """Whether the optional prose ``narasi/<nama>`` has text. Counts as reading the file, so that
        adding, filling or emptying it later re-runs what asked (the render cache, the preview)."""
        _READ.add(self.path(f"narasi/{nama}"))
        return bool((self.narasi.get(nama) or "").strip())

    def teks(self, nama: str) -> str:
        """The analysts' prose ``narasi/<nama>`` with placeholders filled; a visible mark if missing."""
        _READ.add(self.path(f"narasi/{nama}"))
        raw = self.narasi.get(nama)
        if raw is None or not raw.strip():
            return f"**{MISSING_MARK} narasi/{nama}**"
        if not vars(self).get("_prosa_siap"):  # every text of the year through pandoc at once
            prose_many([self.isi(t) for t in self.narasi.values() if t and t.strip()])
            vars(self)["_prosa_siap"] = True
        return prose(self.isi(raw)).strip()  # placeholders filled, then the allow-list (lkjip._safe_md)

    def isi(self, text: str) -> str:
        """``text`` with the placeholders (``{opd}``, ``{kabupaten}``, ``{nama_daerah}``, ``{tahun}`` ...) filled."""
        ctx = self.konteks()
        return _PLACEHOLDER.sub(lambda m: ctx.get(m.group(1), m.group(0)), text)

    def berkas_masukan(self) -> list[Path]:
        """Every input file of the year (for provenance), sorted."""
        return sorted(p for p in self.folder.rglob("*") if p.is_file() and not p.name.startswith("."))

    @property
    def galat(self) -> list[Temuan]:
        return [t for t in self.temuan if t.galat]


def _convert(col: Column, raw: str, table: Table, line: int, out: list[Temuan]) -> Any:
    value = raw.strip()
    if value == "":
        if col.required:
            out.append(Temuan("galat", "nilai-kosong", table.file, "Nilai wajib diisi tetapi kosong.",
                              line, col.name, "", _TYPE_HELP.get(col.type, "teks")))
        return None if col.type == "text" else pd.NA
    converted: Any = value
    if col.type in ("int", "rupiah", "year"):
        if not _INT.match(value):
            hint = " (tanpa titik/koma pemisah ribuan)" if re.match(r"^[\d.,]+$", value) else ""
            out.append(Temuan("galat", "tipe", table.file, f"Bukan bilangan bulat{hint}.", line, col.name,
                              value, _TYPE_HELP[col.type]))
            return pd.NA
        if len(value.lstrip("-")) > _inputs.MAX_DIGITS:
            out.append(Temuan("galat", "tipe", table.file, "Angka terlalu besar.", line, col.name, value,
                              f"paling banyak {_inputs.MAX_DIGITS} angka"))
            return pd.NA
        converted = int(value)
        if col.type == "rupiah" and converted < 0:
            out.append(Temuan("galat", "tipe", table.file, "Rupiah tidak boleh negatif.", line, col.name,
                              value, _TYPE_HELP["rupiah"]))
            return pd.NA
        if col.type == "year" and not _inputs.YEAR_MIN <= converted <= _inputs.YEAR_MAX:
            out.append(Temuan("galat", "tipe", table.file, "Tahun tidak masuk akal.", line, col.name, value,
                              _TYPE_HELP["year"]))
            return pd.NA
    elif col.type == "number":
        if not _NUM.match(value):
            hint = " Gunakan titik sebagai pemisah desimal." if "," in value else ""
            out.append(Temuan("galat", "tipe", table.file, f"Bukan angka.{hint}", line, col.name, value,
                              _TYPE_HELP["number"]))
            return pd.NA
        if len(value.lstrip("-").split(".")[0]) > _inputs.MAX_DIGITS:
            out.append(Temuan("galat", "tipe", table.file, "Angka terlalu besar.", line, col.name, value[:40],
                              f"paling banyak {_inputs.MAX_DIGITS} angka sebelum titik desimal"))
            return pd.NA
        converted = float(value)
    if col.allowed and str(converted) not in col.allowed:
        out.append(Temuan("galat", "nilai-tidak-dikenal", table.file, "Nilai tidak dikenal.", line, col.name,
                          value, "salah satu dari " + ", ".join(col.allowed)))
        return None if col.type == "text" else pd.NA
    if isinstance(converted, (int, float)) and col.type != "year":
        if col.min is not None and converted < col.min or col.max is not None and converted > col.max:
            out.append(Temuan("galat", "di-luar-rentang", table.file, "Nilai di luar rentang yang diizinkan.",
                              line, col.name, value, f"antara {col.min:g} dan {col.max:g}" if col.max is not None
                              else f"paling kecil {col.min:g}"))
            return pd.NA
    return converted


# Missing text is None in an object column, so that ``value == "x"`` is simply False.
_DTYPES = {"int": "Int64", "rupiah": "Int64", "year": "Int64", "number": "Float64", "text": "object"}


def read_table(folder: Path, table: Table, out: list[Temuan]) -> pd.DataFrame:
    """Read and type one CSV file of ``table``; problems are appended to ``out``."""
    path = folder / table.file
    empty = pd.DataFrame({c.name: pd.Series(dtype=_DTYPES[c.type]) for c in table.columns}
                         | {LINE: pd.Series(dtype="Int64")})
    if not path.exists():
        if not table.optional:
            out.append(Temuan("galat", "berkas-hilang", table.file, "Berkas tidak ditemukan.",
                              harapan=f"berkas {table.file} di {folder}"))
        return empty
    rows = _inputs.csv_rows(path, table.file, folder, table.names, out)
    if rows is None:
        return empty
    if not rows:
        out.append(Temuan("galat", "berkas-kosong", table.file, "Berkas kosong.", 1,
                          harapan="baris judul: " + ",".join(table.names)))
        return empty
    header = [h.strip() for h in rows[0]]
    absent = [c.name for c in table.columns if c.boleh_absen and c.name not in header]
    missing = [n for n in table.names if n not in header and n not in absent]
    unknown = [h for h in header if h not in table.names and h not in table.usang]
    for name in (h for h in header if h in table.usang):
        out.append(Temuan("peringatan", "kolom-usang", table.file, "Kolom format lama; masih dibaca.", 1, name,
                          harapan=table.usang[name]))
    for name in sorted({h for h in header if h and header.count(h) > 1}):  # csv would keep the last one
        out.append(Temuan("galat", "kolom-ganda", table.file, "Nama kolom muncul lebih dari sekali.", 1, name,
                          name, "setiap kolom sekali"))
    for name in missing:  # every column must be in the header; only optional ones may have empty cells
        out.append(Temuan("galat", "kolom-hilang", table.file, "Kolom tidak ada di baris judul.", 1, name,
                          harapan="kolom: " + ",".join(table.names)))
    for name in unknown:
        out.append(Temuan("galat", "kolom-tidak-dikenal", table.file, "Kolom tidak dikenal.", 1, name or "(kosong)",
                          harapan="hanya kolom: " + ",".join(table.names)))
    records: list[dict[str, Any]] = []
    for i, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            out.append(Temuan("galat", "jumlah-kolom", table.file,
                              f"Baris memiliki {len(row)} sel, judul memiliki {len(header)}.", i,
                              harapan="jumlah sel sama dengan baris judul (periksa tanda kutip dan koma)"))
            continue
        cells = dict(zip(header, row))
        if not all(_inputs.check_cell(v, table.file, i, k or None, out) for k, v in cells.items()):
            continue
        rec: dict[str, Any] = {LINE: i}
        for col in table.columns:
            rec[col.name] = _convert(col, cells[col.name], table, i, out) if col.name in cells else pd.NA
        for name in table.usang:
            rec[name] = cells.get(name, "").strip() or None
        records.append(rec)
    if not records:
        empty.attrs["kolom_absen"] = absent
        return empty
    frame = pd.DataFrame.from_records(records, columns=[*table.names, LINE, *table.usang])
    frame = frame.astype({c.name: _DTYPES[c.type] for c in table.columns} | {LINE: "Int64"})
    frame.attrs["kolom_absen"] = absent
    return frame


def _jenis_iku(tables: dict[str, pd.DataFrame]) -> None:
    """Fill ``iku.jenis``: empty means ``biasa``. Data written before the column existed declared two kinds
    explicitly, and keeps them: ``rumus_realisasi = koordinasi_anggaran`` is ``anggaran``; a ``skala`` of
    akip/sesuai is ``akip``/``opini`` when akip.csv/opini_bpk.csv hold rows. Nothing is inferred from a unit
    of measure or a position (the checker names the column to add)."""
    iku = tables["iku"]
    legacy = "jenis" in iku.attrs.get("kolom_absen", [])
    jenis = []
    for _, i in iku.iterrows():
        kind = i["jenis"] if isinstance(i["jenis"], str) and i["jenis"] else None
        if kind is None and i.get("rumus_realisasi") == "koordinasi_anggaran":
            kind = "anggaran"
        if kind is None and legacy:
            if i["skala"] == "akip" and len(tables["akip"]):
                kind = "akip"
            elif i["skala"] == "sesuai" and len(tables["opini_bpk"]):
                kind = "opini"
        jenis.append(kind or "biasa")
    attrs = dict(iku.attrs)
    iku = iku.assign(jenis=pd.Series(jenis, index=iku.index, dtype="object")).drop(
        columns=[c for c in ("rumus_realisasi",) if c in iku.columns])
    # an AKIP indicator is measured on the AKIP scale unless the data says otherwise
    iku["skala"] = [("akip" if j == "akip" and not isinstance(s, str) else s) for j, s in zip(iku["jenis"], iku["skala"])]
    if legacy:  # the kinds depend on these files too (lkjip.compute reuse, the render cache)
        attrs["juga_dibaca"] = ["akip.csv", "opini_bpk.csv"]
    iku.attrs = attrs
    tables["iku"] = iku


def _check_keys_and_refs(tables: dict[str, pd.DataFrame], out: list[Temuan]) -> None:
    for table in TABLES:
        frame = tables[table.file[:-4]]
        if table.key and len(frame):
            key = list(table.key)
            dup = frame[frame.duplicated(key, keep="first") & frame[key].notna().all(axis=1)]
            for _, row in dup.iterrows():
                value = " / ".join(str(row[k]) for k in key)
                out.append(Temuan("galat", "kode-ganda", table.file, "Kode/kunci muncul lebih dari sekali.",
                                  int(row[LINE]), "/".join(key), value, "setiap kunci hanya sekali"))
        for col in table.columns:
            if not col.ref:
                continue
            target = tables[col.ref[0][:-4]]
            known = set(target[col.ref[1]].dropna().astype(str))
            if not known and any(t.galat and t.berkas == col.ref[0] for t in out):
                continue  # the file referred to could not be read: its own error says why, not one per row
            for value, line in zip(frame[col.name].tolist(), frame[LINE].tolist()):  # no Series per row
                if pd.notna(value) and str(value) not in known:
                    out.append(Temuan("galat", "kode-tidak-dikenal", table.file,
                                      f"Kode tidak ada di {col.ref[0]}.", int(line), col.name, str(value),
                                      f"salah satu kode kolom '{col.ref[1]}' di {col.ref[0]}: "
                                      + ", ".join(sorted(known)[:12]) + (" ..." if len(known) > 12 else "")))


def _read_profil(folder: Path, out: list[Temuan]) -> dict[str, Any]:
    path = folder / "profil.yaml"
    if not path.exists() and not path.is_symlink():
        out.append(Temuan("galat", "berkas-hilang", "profil.yaml", "Berkas tidak ditemukan.",
                          harapan=f"berkas profil.yaml di {folder}"))
        return {}
    text = _inputs.read_text(path, "profil.yaml", folder, out, limit=_inputs.MAX_YAML_BYTES,
                             fix="simpan profil.yaml sebagai UTF-8 (di Notepad: Simpan Sebagai, Encoding UTF-8)")
    if text is None:
        return {}
    try:
        data = _inputs.load_yaml(text) or {}
    except _inputs.YamlError as exc:
        out.append(Temuan("galat", "yaml", "profil.yaml", f"YAML tidak valid: {exc}.", exc.line,
                          harapan="format YAML 'kunci: nilai'"))
        return {}
    if not isinstance(data, dict):
        out.append(Temuan("galat", "yaml", "profil.yaml", "Isi profil harus berupa pasangan kunci: nilai."))
        return {}
    return periksa_profil(data, out, missing_mark=MISSING_MARK)


def _read_narasi(folder: Path, out: list[Temuan], jenis: set[str]) -> dict[str, str]:
    """The prose files; a missing one is a warning only when the unit has the section it belongs to."""
    texts: dict[str, str] = {}
    base = folder / "narasi"
    for name in NARASI:
        path = base / name
        if path.exists() or path.is_symlink():
            text = _inputs.read_text(path, f"narasi/{name}", folder, out)
            if text is not None:
                texts[name] = text
        elif NARASI_JENIS.get(name, "biasa") in jenis | {"biasa"}:
            out.append(Temuan("peringatan", "narasi-hilang", f"narasi/{name}",
                              f"Narasi belum ada; laporan akan menandainya {MISSING_MARK}.",
                              harapan=f"teks untuk bagian {NARASI[name]}"))
    for name, text in list(texts.items()):
        if not text.strip() and NARASI_JENIS.get(name, "biasa") in jenis | {"biasa"}:
            out.append(Temuan("peringatan", "narasi-kosong", f"narasi/{name}",
                              f"Narasi masih kosong; laporan akan menandainya {MISSING_MARK}.",
                              harapan=f"teks untuk bagian {NARASI[name]}"))
        for lineno, line in enumerate(text.split("\n"), start=1):
            if not _inputs.check_cell(line, f"narasi/{name}", lineno, None, out):
                del texts[name]
                break
            for what in removed(line):
                out.append(Temuan("peringatan", "narasi-dibuang", f"narasi/{name}", f"Narasi memuat {what}.",
                                  lineno, None, line.strip()[:60], "teks, tebal/miring, daftar, tabel dan tautan "
                                  "http(s) saja"))
            for m in _PLACEHOLDER.finditer(line):
                if m.group(1) not in PLACEHOLDERS:
                    out.append(Temuan("galat", "placeholder", f"narasi/{name}", "Placeholder tidak dikenal.",
                                      lineno, None, m.group(0), "salah satu dari "
                                      + ", ".join("{" + p + "}" for p in PLACEHOLDERS)))
    return texts


def _check_trees(tables: dict[str, pd.DataFrame], out: list[Temuan]) -> None:
    """A table referring to itself (``organisasi.induk`` -> ``organisasi.kode``) must be a forest: no
    unit is its own parent or inside a cycle (its subtree would silently vanish from the report)."""
    for table in TABLES:
        frame = tables[table.file[:-4]]
        for col in table.columns:
            if not col.ref or col.ref[0] != table.file or not len(frame):
                continue
            key = col.ref[1]
            parent = {str(r[key]): str(r[col.name]) for _, r in frame.iterrows()
                      if pd.notna(r[key]) and pd.notna(r[col.name])}
            lines = {str(r[key]): int(r[LINE]) for _, r in frame.iterrows() if pd.notna(r[key])}
            reported: set[str] = set()
            for start in sorted(parent):
                seen: list[str] = []
                node = start
                while node in parent and node not in seen:
                    seen.append(node)
                    node = parent[node]
                if node not in seen or node in reported:
                    continue
                cycle = seen[seen.index(node):]
                reported.update(cycle)
                what = ("Unit menjadi induk bagi dirinya sendiri." if len(cycle) == 1 else
                        "Induk membentuk lingkaran: " + " -> ".join([*cycle, cycle[0]]) + ".")
                out.append(Temuan("galat", "induk-melingkar", table.file, what, lines.get(cycle[0]), col.name,
                                  parent[cycle[0]], "induk yang berujung pada unit tanpa induk (pimpinan)"))


# The years loaded by this process, by folder: (content fingerprint of the folder, data). The
# chapters of a render run in one process share one DataTahun, so each year is loaded, checked and
# computed once (lkjip.compute keeps its results on the DataTahun).
_LOADED: dict[Path, tuple[str, DataTahun]] = {}
_LOADED_MAX = 8


def _fingerprint(folder: Path) -> tuple[str, dict[str, str]]:
    """Each file's SHA-256 by its name relative to ``folder`` (content, never timestamps), and one
    SHA-256 over those names and digests: the folder's."""
    files = {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
             for path in sorted(p for p in folder.rglob("*") if p.is_file())}
    digest = hashlib.sha256("".join(f"{name}\0{sha}\0" for name, sha in files.items()).encode())
    return digest.hexdigest(), files


def file_digests(data: DataTahun) -> dict[str, str]:
    """Each file of the year's folder as it was loaded: name relative to the folder -> SHA-256 (an
    empty mapping for a year not made by :func:`load_year`)."""
    return vars(data).get("_isi") or {}


def loaded_digests(folder: str | Path) -> dict[str, str] | None:
    """The digests (:func:`file_digests`) of ``folder`` as this process last loaded it; None if it did not."""
    hit = _LOADED.get(Path(os.path.abspath(folder)))
    return file_digests(hit[1]) if hit is not None else None


def loaded_digest(path: str) -> str | None:
    """The SHA-256 of the file at ``path`` (absolute) when this process last loaded the year folder
    holding it (``-``: it had no such file); None when no year folder of this process holds it."""
    for folder, (_, data) in _LOADED.items():
        root = os.path.join(str(folder), "")
        if path.startswith(root):
            return file_digests(data).get(Path(path[len(root):]).as_posix(), "-")
    return None


def same_inputs(data: DataTahun, digests: dict[str, str | None]) -> bool:
    """Whether every file named in ``digests`` (name -> SHA-256, None: absent) is the same in ``data``:
    a result computed from those files of another version of the year still holds."""
    files = file_digests(data)
    return bool(files) and all(files.get(name) == sha for name, sha in digests.items())


def input_digests(data: DataTahun, paths: Iterable[str]) -> dict[str, str | None] | None:
    """The files read (``paths``, as :func:`files_read` gives them) by their names in ``data``'s folder
    with their SHA-256 there (None: absent), always with ``profil.yaml`` (read as ``data.profil``
    without being recorded); None when one of them is outside the folder or is a folder listed (the
    year's digests do not cover it)."""
    files = file_digests(data)
    names = names_in(paths, data.folder)
    if any(outside(name) or name.endswith("/") for name in names):
        return None
    return {name: files.get(name) for name in {*names, "profil.yaml"}}


class EarlierResults:
    """Results computed from earlier versions of a year in this process (``lkjip preview`` loads the
    year again after every save), at most ``size`` of them, the least recently used dropped first.

    A result is stored with the files it read and their SHA-256; :meth:`get` hands it to a later
    version of the year only when every one of those files is unchanged (``profil.yaml`` always
    counts: it is read as ``data.profil`` without being recorded)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._kept: OrderedDict[Hashable, tuple[dict[str, str | None], Any, frozenset[str]]] = OrderedDict()

    def get(self, key: Hashable, data: DataTahun) -> tuple[Any, frozenset[str]] | None:
        """(result, files it read) stored under ``key`` when its files are the same in ``data``."""
        hit = self._kept.get(key)
        if hit is None or not same_inputs(data, hit[0]):
            return None
        self._kept.move_to_end(key)
        return hit[1], hit[2]

    def resize(self, size: int) -> None:
        """Keep at most ``size`` results from now on (0: none)."""
        self.size = size
        while len(self._kept) > self.size:
            self._kept.popitem(last=False)

    def put(self, key: Hashable, data: DataTahun, value: Any, reads: frozenset[str]) -> None:
        """Keep ``value``, computed from ``data`` reading the files ``reads``."""
        digests = input_digests(data, reads) if file_digests(data) else None
        if digests is None:  # a year not loaded by load_year, or a file outside it read: not known
            return
        self._kept[key] = (digests, value, reads)
        self._kept.move_to_end(key)
        self.resize(self.size)


def load_year(folder: str | Path, *, strict: bool = False) -> DataTahun:
    """Load ``folder`` (``data/<TAHUN>``). With ``strict``, raise :class:`DataError` on any error.

    Structural problems (types, allowed values, duplicate keys, unknown codes) are collected in
    ``DataTahun.temuan``; call :func:`lkjip.validate.validate` for the cross-file rules.

    A folder whose files have not changed since it was last loaded in this process is not read
    again: the caller gets its own copy of the year, sharing the results already computed from it
    (:mod:`lkjip.compute`).
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise DataError(f"Folder data tidak ditemukan: {folder}. Buat dengan 'lkjip init' atau periksa "
                        "argumen --data.")
    where = Path(os.path.abspath(folder))
    _YEAR_FOLDERS.add(where)
    _LOADING[0] += 1
    try:
        key, files = _fingerprint(folder)
        hit = _LOADED.get(where)
        if hit is not None and hit[0] == key and hit[1].folder == folder:
            base = hit[1]
        else:
            base = _load(folder)
            vars(base)["_isi"] = files
            _LOADED.pop(where, None)
            _LOADED[where] = (key, base)
            while len(_LOADED) > _LOADED_MAX:
                _LOADED.pop(next(iter(_LOADED)))
        data = _copy_of(base)
        vars(data)["_di"] = str(where)
    finally:
        _LOADING[0] -= 1
    _READ.add(data.path("profil.yaml"))  # every part of the report names the unit and year
    if strict and data.galat:
        raise DataError(f"Data {folder} memiliki {len(data.galat)} galat. Jalankan 'lkjip check'.", data.galat)
    return data


def _copy_of(base: DataTahun) -> DataTahun:
    """A caller's own copy of a loaded year (tables copied lazily, pandas copy-on-write): changing it
    changes nothing another chapter or a later render sees. The results computed from the year
    (:mod:`lkjip.compute`, handed out as copies) are shared, so each is computed once."""
    import copy

    data = DataTahun(base.folder, copy.deepcopy(base.profil), {k: v.copy() for k, v in base.tabel.items()},
                     dict(base.narasi), list(base.temuan))
    vars(data)["_hasil"] = vars(base).setdefault("_hasil", {})
    vars(data)["_isi"] = file_digests(base)
    return data


def _load(folder: Path) -> DataTahun:
    out: list[Temuan] = []
    profil = _read_profil(folder, out)
    tables = {t.file[:-4]: read_table(folder, t, out) for t in TABLES}
    _check_keys_and_refs(tables, out)
    _check_trees(tables, out)
    _jenis_iku(tables)
    narasi = _read_narasi(folder, out, set(tables["iku"]["jenis"]))
    return DataTahun(folder, profil, tables, narasi, out)
