"""The files of one year folder in memory, their canonical writers, and the new-year carry-over.

Canonical forms (what ``lkjip import`` and ``lkjip init`` write; a round trip through the workbook
reproduces them byte for byte):

* CSV: UTF-8 without BOM, the schema's column order, Python's ``csv`` minimal quoting, ``\\n`` line
  ends, no blank rows; cell text exactly as given.
* ``profil.yaml``: a fixed header comment, then block-style YAML (indented lists, long text folded,
  multi-line text literal, dates unquoted) with the keys in :data:`PROFILE_ORDER` order (unknown
  keys last, in their own order). Every required key is present (``tanggal_laporan:`` when still
  empty); an empty optional key is left out.
* ``narasi/*.md``: the text with ``\\n`` line ends and exactly one final newline; an empty text is
  an empty file (the loader reports it as not written yet), except an optional file (ikhtisar, the
  per-code extra analyses), which is left out.
"""
from __future__ import annotations

import copy
import csv
import io
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .._inputs import YamlError, inside, load_yaml
from .._profil_schema import kunci_berjenis
from .._schema import NARASI, NARASI_JENIS, PROFILE_KEYS, PROFILE_OPTIONAL, TABLES, Table
from ..errors import DataError, UsageError

# Profile keys in canonical order with the shape of their value in an empty workbook: ``None`` a
# scalar, a tuple the sub-keys of a mapping, an int the number of list rows offered.
BENTUK_PROFIL: dict[str, tuple[str, ...] | int | None] = {
    "tahun": None, "opd": None, "opd_singkat": None, "jenis_daerah": None, "kabupaten": None, "provinsi": None, "ibukota": None,
    "alamat": 2, "telepon": None, "faks": None, "disiapkan_oleh": None, "moto": None, "tanggal_laporan": None,
    "penandatangan": ("nama", "jabatan"), "kepala_daerah": ("nama", "jabatan"), "renstra": ("mulai", "selesai"),
    "visi": None, "visi_singkat": None, "penjabaran_visi": None, "misi": 5, "misi_prioritas": None,
    "perjanjian_kinerja": ("jenis",), "tim_penyusun": ("nomor", "tanggal", "tentang"), "sumber_anggaran": None,
    "pk_total_anggaran": None,
}
PROFILE_ORDER: tuple[str, ...] = (*BENTUK_PROFIL,
                                  *(k for k in {**PROFILE_KEYS, **PROFILE_OPTIONAL} if k not in BENTUK_PROFIL))
KUNCI_BULAT = kunci_berjenis("bulat", "rupiah", "tahun")  # from the typed schema (lkjip._profil_schema)
KUNCI_TANGGAL = kunci_berjenis("tanggal")
KUNCI_RUPIAH = kunci_berjenis("rupiah")

HEADER_PROFIL = ("# Profil unit kerja untuk LKjIP. Arti setiap kunci: docs/data-dictionary.md.\n"
                 "# Ditulis oleh lkjip dalam bentuk baku (lkjip import / lkjip init); boleh diubah dengan tangan.\n")

# What a new year leaves empty (file stem -> columns); iku_capaian is emptied from the new year on.
KOSONGKAN: dict[str, tuple[str, ...]] = {
    "program": ("pagu", "realisasi", "realisasi_fisik"),
    "kegiatan": ("pagu",),
    "subkegiatan": ("pagu",),
    "belanja": ("pagu",),
    "ikm_unsur": ("nrr",),
    "akip": ("nilai",),
    "analisis": ("keberhasilan", "solusi"),
}
KOSONGKAN_CAPAIAN = ("realisasi", "nilai")
HAPUS_BARIS = ("ikm_responden",)
PROFIL_TAHUNAN = ("tanggal_laporan", "pk_total_anggaran", "tim_penyusun")

CADANGAN = ".cadangan"


@dataclass
class DataFiles:
    """One year's files: table rows as text (schema columns only), the profile, the prose.

    ``tabel`` holds every table that has a file; an optional table without a file is absent."""

    tabel: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    profil: dict[str, Any] = field(default_factory=dict)
    narasi: dict[str, str] = field(default_factory=dict)


def stem(table: Table) -> str:
    return table.file[:-4]


# ---------------------------------------------------------------- reading a folder


def _read_csv(path: Path, table: Table, notes: list[str]) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:  # Excel's "CSV UTF-8" starts with a BOM
            rows = list(csv.reader(fh))
    except csv.Error as exc:
        raise DataError(f"{path}: CSV tidak dapat dibaca ({exc}). Jalankan 'lkjip check'.") from exc
    except UnicodeDecodeError as exc:
        raise DataError(f"{path} bukan UTF-8 ({exc.reason}); simpan sebagai CSV UTF-8.") from exc
    if not rows:
        return []
    header = rows[0]
    dropped = [h for h in header if h not in table.names]
    if dropped:
        notes.append(f"{table.file}: kolom tidak dikenal dilewati: {', '.join(dropped)}")
    out = []
    for line, row in enumerate(rows[1:], start=2):
        if not any(row):
            continue
        if len(row) != len(header):
            notes.append(f"{table.file} baris {line}: {len(row)} sel, judul {len(header)} (diambil apa adanya)")
        cells = dict(zip(header, row))
        out.append({n: cells.get(n, "") for n in table.names})
    return out


def read_profil(path: Path) -> dict[str, Any]:
    """``profil.yaml`` as a dict ({} when the file is missing); invalid YAML is a :class:`DataError`."""
    if not path.exists():
        return {}
    try:
        data = load_yaml(path.read_text(encoding="utf-8-sig")) or {}
    except (YamlError, UnicodeDecodeError) as exc:
        raise DataError(f"{path}: YAML tidak valid ({exc}). Jalankan 'lkjip check'.") from exc
    if not isinstance(data, dict):
        raise DataError(f"{path}: isi profil harus berupa pasangan kunci: nilai.")
    return data


def read_folder(folder: Path) -> tuple[DataFiles, list[str]]:
    """The files of ``folder`` as text, plus notes on what could not be taken over (Bahasa Indonesia)."""
    if not folder.is_dir():
        raise DataError(f"Folder data tidak ditemukan: {folder}.")
    notes: list[str] = []
    files = DataFiles(profil=read_profil(folder / "profil.yaml"))
    if not (folder / "profil.yaml").exists():
        notes.append("profil.yaml tidak ada")
    for table in TABLES:
        path = folder / table.file
        if path.exists():
            files.tabel[stem(table)] = _read_csv(path, table, notes)
        elif not table.optional:
            files.tabel[stem(table)] = []
            notes.append(f"{table.file} tidak ada")
    base = folder / "narasi"
    if base.is_dir():
        names = [n for n in NARASI if (base / n).is_file()]
        names += sorted(p.name for p in base.glob("*.md") if p.name not in NARASI)
        outside = [n for n in names if not inside(base / n, folder)]
        if outside:  # a symbolic link out of the data folder is never copied
            notes.append("narasi di luar folder data dilewati: " + ", ".join(outside))
            names = [n for n in names if n not in outside]
        try:
            files.narasi = {n: (base / n).read_text(encoding="utf-8-sig") for n in names}
        except UnicodeDecodeError as exc:
            raise DataError(f"{base}: narasi bukan UTF-8 ({exc.reason}). Jalankan 'lkjip check'.") from exc
    known = {t.file for t in TABLES} | {"profil.yaml", "narasi"}
    extra = sorted(p.name for p in folder.iterdir() if p.name not in known and not p.name.startswith("."))
    if extra:
        notes.append("berkas lain tidak diambil: " + ", ".join(extra))
    return files, notes


# ---------------------------------------------------------------- canonical writers


def csv_text(table: Table, rows: list[dict[str, str]]) -> str:
    """The canonical CSV of ``rows`` (blank rows left out)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(table.names)
    for row in rows:
        cells = [row.get(n, "") for n in table.names]
        if any(cells):
            writer.writerow(cells)
    return buf.getvalue()


def narasi_text(text: str) -> str:
    """The canonical prose file: ``\\n`` line ends, exactly one final newline; ``""`` when blank."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n")
    return text + "\n" if text.strip() else ""


def _sub_order(key: Any) -> tuple[str, ...]:
    shape = BENTUK_PROFIL.get(key) if isinstance(key, str) else None
    return shape if isinstance(shape, tuple) else ()


def _order_keys(mapping: dict[str, Any], order: tuple[str, ...]) -> dict[str, Any]:
    keys = [k for k in order if k in mapping] + [k for k in mapping if k not in order]
    return {k: mapping[k] for k in keys}


def canonical_profil(profil: dict[str, Any]) -> dict[str, Any]:
    """``profil`` with its keys, and the sub-keys of known mappings, in canonical order."""
    return {k: _order_keys(v, _sub_order(k)) if isinstance(v, dict) else v
            for k, v in _order_keys(profil, PROFILE_ORDER).items()}


class _Dumper(yaml.SafeDumper):
    """Block style with list items indented under their key."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:  # noqa: ARG002
        return super().increase_indent(flow, False)


def _str_styled(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else (">" if len(value) > 100 else None)
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _none_empty(dumper: yaml.SafeDumper, _value: None) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:null", "")


class _StyledDumper(_Dumper):
    pass


class _Plain(str):
    """A list item: written plain (or quoted) on its own line, never folded."""


def _plain(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(value))


def _styled(value: Any, in_list: bool = False) -> Any:
    if isinstance(value, dict):
        return {k: _styled(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_styled(v, True) for v in value]
    return _Plain(value) if in_list and isinstance(value, str) and "\n" not in value else value


_Dumper.add_representer(type(None), _none_empty)
_StyledDumper.add_representer(str, _str_styled)
_StyledDumper.add_representer(_Plain, _plain)


def profil_yaml(profil: dict[str, Any]) -> str:
    """The canonical ``profil.yaml`` text of ``profil``; loading it gives ``profil`` back."""
    data = canonical_profil(profil)
    if not data:
        return HEADER_PROFIL
    for dumper, value in ((_StyledDumper, _styled(data)), (_Dumper, data)):
        body = yaml.dump(value, Dumper=dumper, sort_keys=False, allow_unicode=True, default_flow_style=False,
                         width=100, indent=2)
        if yaml.safe_load(body) == data:
            return HEADER_PROFIL + body
    raise AssertionError("profile does not survive YAML")  # pragma: no cover - PyYAML round-trips plain dumps


def write_folder(files: DataFiles, folder: Path) -> None:
    """Write ``files`` canonically into the existing, empty ``folder``."""
    for table in TABLES:
        rows = files.tabel.get(stem(table))
        if rows is not None:
            (folder / table.file).write_bytes(csv_text(table, rows).encode("utf-8"))
    (folder / "profil.yaml").write_bytes(profil_yaml(with_required(files.profil)).encode("utf-8"))
    (folder / "narasi").mkdir(exist_ok=True)
    for name, text in files.narasi.items():
        if not text.strip() and NARASI_JENIS.get(name) == "opsional":
            continue  # an optional prose file left empty is left out, like an empty optional profile key
        (folder / "narasi" / name).write_bytes(narasi_text(text).encode("utf-8"))


def with_required(profil: dict[str, Any]) -> dict[str, Any]:
    """``profil`` with every required key (empty ones as ``None``: a visible slot in the file)."""
    return {**{k: None for k in PROFILE_KEYS if k not in profil}, **profil}


# ---------------------------------------------------------------- profile <-> rows


def flatten(value: Any, prefix: str) -> list[tuple[str, Any]]:
    """``(key, scalar)`` rows of one profile value: mappings with dots, lists numbered from 1."""
    if isinstance(value, dict):
        if not value:
            return [(prefix, None)]
        return [row for k, v in value.items() for row in flatten(v, f"{prefix}.{k}")]
    if isinstance(value, list):
        if not value:
            return [(prefix, None)]
        return [row for i, v in enumerate(value, 1) for row in flatten(v, f"{prefix}.{i}")]
    return [(prefix, value)]


def empty_rows(key: str) -> list[tuple[str, Any]]:
    """The rows an empty workbook offers for ``key``."""
    shape = BENTUK_PROFIL.get(key)
    if isinstance(shape, tuple):
        return [(f"{key}.{s}", None) for s in shape]
    if isinstance(shape, int):
        return [(f"{key}.{i}", None) for i in range(1, shape + 1)]
    return [(key, None)]


def profil_rows(profil: dict[str, Any]) -> list[tuple[str, Any]]:
    """Every row of the profile sheet: present keys with their values, known absent keys empty."""
    rows: list[tuple[str, Any]] = []
    for key in PROFILE_ORDER:
        if key in profil:
            value = profil[key]
            shape = BENTUK_PROFIL.get(key)
            if isinstance(value, dict) and isinstance(shape, tuple):
                value = _order_keys({**{s: None for s in shape}, **value}, shape)
            rows += flatten(value, key)
        else:
            rows += empty_rows(key)
    for key, value in profil.items():
        if key not in PROFILE_ORDER:
            rows += flatten(value, str(key))
    return rows


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def clean(value: Any) -> Any:
    """``value`` without empty leaves, list items or mappings (``None`` when nothing is left)."""
    if isinstance(value, dict):
        out = {k: c for k, v in value.items() if not _empty(c := clean(v))}
        return out or None
    if isinstance(value, list):
        items = [c for v in value if not _empty(c := clean(v))]
        return items or None
    return None if _empty(value) else value


def unflatten(rows: list[tuple[str, Any]]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """The profile of ``(key, value)`` rows and problems ``(key, message)``; empty values are dropped.

    Numbered parts (``misi.1``, ``misi.3``) become a list in number order."""
    tree: dict[str, Any] = {}
    problems: list[tuple[str, str]] = []
    for key, value in rows:
        parts = key.split(".")
        if any(p == "" for p in parts):
            problems.append((key, "Kunci tidak valid (bagian kosong di antara titik)."))
            continue
        node = tree
        ok = True
        for part in parts[:-1]:
            child = node.setdefault(part, {})
            if not isinstance(child, dict):
                problems.append((key, f"'{part}' sudah berisi nilai tunggal; tidak dapat berisi sub-kunci."))
                ok = False
                break
            node = child
        if not ok:
            continue
        last = parts[-1]
        if isinstance(node.get(last), dict):
            problems.append((key, "Kunci ini sudah memiliki sub-kunci; tidak dapat berisi nilai tunggal."))
            continue
        if last in node:
            problems.append((key, "Kunci muncul lebih dari sekali."))
            continue
        node[last] = value

    def build(node: Any, where: str) -> Any:
        if not isinstance(node, dict):
            return node
        numeric = [k.isdigit() for k in node]
        if all(numeric):
            return [build(node[k], f"{where}.{k}") for k in sorted(node, key=int)]
        if any(numeric):
            problems.append((where, "Sub-kunci bernomor dan bernama tercampur."))
        return {k: build(v, f"{where}.{k}") for k, v in node.items()}

    profil = {k: build(v, k) for k, v in tree.items()}
    out = {k: c for k, v in profil.items() if not _empty(c := clean(v))}
    return out, problems


# ---------------------------------------------------------------- a new year


def new_year(files: DataFiles, year: int) -> DataFiles:
    """The files of ``year`` started from an earlier year (pure): plans, organisation and Renstra
    targets carry over; realisations, budgets, scores, analyses and prose are left empty (every
    prose file of the schema an empty file to write in)."""
    out = DataFiles(copy.deepcopy(files.tabel), copy.deepcopy(files.profil), {name: "" for name in NARASI})
    out.profil["tahun"] = year
    for key in PROFIL_TAHUNAN:
        out.profil.pop(key, None)
    for name, columns in KOSONGKAN.items():
        for row in out.tabel.get(name, []):
            row.update({c: "" for c in columns})
    for row in out.tabel.get("iku_capaian", []):
        if re.fullmatch(r"\d{4}", row.get("tahun", "").strip()) and int(row["tahun"]) >= year:
            row.update({c: "" for c in KOSONGKAN_CAPAIAN})
    for name in HAPUS_BARIS:
        if name in out.tabel:
            out.tabel[name] = []
    return out


# ---------------------------------------------------------------- placing a folder


def staging_folder(data_root: Path, year: int) -> Path:
    """A new empty hidden folder next to the year folders (same file system: the final move is atomic)."""
    data_root.mkdir(parents=True, exist_ok=True)
    n = 0
    while True:
        path = data_root / f".lkjip-{year}-{os.getpid()}-{n}"
        try:
            path.mkdir()
            return path
        except FileExistsError:
            n += 1


def next_backup(data_root: Path, year: int) -> Path:
    """``DATA/.cadangan/<year>-<n>``: the first unused counter ``n`` (1, 2, ...)."""
    base = data_root / CADANGAN
    used = [int(m.group(1)) for p in base.glob(f"{year}-*") if (m := re.fullmatch(rf"{year}-(\d+)", p.name))]
    return base / f"{year}-{max(used, default=0) + 1}"


def place(staged: Path, target: Path, *, replace: bool) -> Path | None:
    """Move ``staged`` to ``target``. An existing ``target`` is moved to a backup first when
    ``replace``, else refused. Returns the backup folder, if any."""
    backup = None
    if target.exists():
        if not replace:
            raise UsageError(f"Folder {target} sudah ada dan tidak diubah.")
        backup = next_backup(target.parent, int(target.name))
        backup.parent.mkdir(parents=True, exist_ok=True)
        os.replace(target, backup)
    try:
        os.rename(staged, target)
    except OSError:
        if backup is not None:
            os.replace(backup, target)
        raise
    return backup


def discard(staged: Path) -> None:
    shutil.rmtree(staged, ignore_errors=True)
