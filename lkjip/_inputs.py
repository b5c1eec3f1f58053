"""Reading input files defensively: one place for the limits, encodings, separators and YAML safety.

Every reader here returns text (or rows) plus :class:`~lkjip.errors.Temuan` in Bahasa Indonesia
instead of raising, so that ``lkjip check`` names every problem the renderer would trip over:

* files must be regular files inside the year folder (a symbolic link leading outside it, e.g. to
  ``/etc/passwd``, is refused) and not larger than :data:`MAX_FILE_BYTES`;
* UTF-8, with or without the byte order mark Excel's "CSV UTF-8" writes; UTF-16 ("Unicode Text")
  and Windows-1252 ("CSV (Comma delimited)" on Windows) are named with the fix;
* CSV separated by commas; a semicolon- or tab-separated export is named with how to save it;
* no control characters (NUL, ESC, ...) in text, and no cell longer than Excel can hold;
* YAML without timestamps that crash the parser and without alias bombs.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

import yaml

from .errors import Temuan

# ---- limits (documented in README "Batas masukan") ----
MAX_FILE_BYTES = 20 * 1024 * 1024      # one CSV, YAML or prose file
MAX_YAML_BYTES = 1024 * 1024           # profil.yaml
MAX_YAML_NODES = 20_000                # nodes of profil.yaml after expanding aliases
MAX_CELL_CHARS = 32_767                # Excel's limit for one cell (tables are also published as XLSX)
MAX_ROWS = 100_000                     # data rows of one CSV file
MAX_DIGITS = 15                        # digits of a number (pagu up to Rp999.999.999.999.999): every whole
                                       # number stays exact in the 64-bit floats of the metrics and messages
YEAR_MIN, YEAR_MAX = 1900, 2200        # report years, Renstra years and years inside the data

# C0 control characters except tab, line feed, carriage return; DEL and C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SAVE_CSV = "buka di Excel lalu Simpan Sebagai 'CSV UTF-8 (Comma delimited) (*.csv)'"


def control_char(text: str) -> str | None:
    """A description of the first control character in ``text`` (``U+0000``), or None."""
    m = _CONTROL.search(text)
    return f"karakter kendali U+{ord(m.group(0)):04X} pada posisi {m.start() + 1}" if m else None


def inside(path: Path, folder: Path) -> bool:
    """``path`` resolves (symbolic links followed) to a place inside ``folder``."""
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except (ValueError, OSError, RuntimeError):
        return False


def read_text(path: Path, name: str, folder: Path, out: list[Temuan], *, limit: int = MAX_FILE_BYTES,
              fix: str = "simpan berkas sebagai UTF-8") -> str | None:
    """The text of ``path`` (``name`` as reported) or None with a finding in ``out``."""
    if not path.is_file() or not inside(path, folder):
        why = ("bukan berkas biasa (folder?)" if path.exists() and not path.is_file() and not path.is_symlink()
               else "merujuk ke luar folder data" if path.exists() or path.is_symlink() else "tidak dapat dibaca")
        out.append(Temuan("galat", "berkas-luar", name, f"Berkas {why}; hanya berkas biasa di dalam folder "
                          "data yang dibaca.", harapan=f"berkas {name} (bukan tautan simbolik) di {folder}"))
        return None
    try:
        size = path.stat().st_size
        if size > limit:
            out.append(Temuan("galat", "berkas-terlalu-besar", name,
                              f"Berkas terlalu besar ({size:,} bita).".replace(",", "."),
                              harapan=f"paling besar {limit:,} bita".replace(",", ".")))
            return None
        raw = path.read_bytes()
    except OSError as exc:
        out.append(Temuan("galat", "berkas-tidak-terbaca", name, f"Berkas tidak dapat dibaca ({exc.strerror}).",
                          harapan="berkas yang dapat dibaca"))
        return None
    return decode(raw, name, out, fix=fix)


def decode(raw: bytes, name: str, out: list[Temuan], *, fix: str = "simpan berkas sebagai UTF-8") -> str | None:
    """UTF-8 text (a leading byte order mark dropped); other encodings are named with ``fix``."""
    if raw.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        out.append(Temuan("galat", "encoding", name, "Berkas ini buku kerja Excel, bukan teks.", harapan=fix))
        return None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        out.append(Temuan("galat", "encoding", name, "Berkas berformat UTF-16 ('Unicode Text'), bukan UTF-8.",
                          harapan=fix))
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        guess = ""
        try:
            raw.decode("cp1252")
            guess = " Tampaknya Windows-1252/ANSI (pengodean bawaan Excel dan Notepad lama di Windows)."
        except UnicodeDecodeError:
            pass
        line = raw[:exc.start].count(b"\n") + 1
        out.append(Temuan("galat", "encoding", name, f"Berkas bukan UTF-8 (bita {raw[exc.start]:#04x} tidak "
                          f"sah).{guess}", line, harapan=fix))
        return None


def csv_rows(path: Path, name: str, folder: Path, expected: list[str], out: list[Temuan]) -> list[list[str]] | None:
    """The rows of a comma-separated file (header first), or None with findings in ``out``."""
    text = read_text(path, name, folder, out, fix=_SAVE_CSV)
    if text is None:
        return None
    old = csv.field_size_limit()
    try:
        csv.field_size_limit(MAX_FILE_BYTES)
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        out.append(Temuan("galat", "csv", name, f"CSV tidak dapat dibaca ({exc}).",
                          harapan="CSV dengan tanda kutip berpasangan"))
        return None
    finally:
        csv.field_size_limit(old)
    if rows and len(expected) > 1 and len(rows[0]) == 1:
        for sep, label in ((";", "titik koma (;)"), ("\t", "tab")):
            if sep in rows[0][0] and set(h.strip() for h in rows[0][0].split(sep)) & set(expected):
                out.append(Temuan("galat", "pemisah", name, f"Kolom dipisahkan dengan {label}, bukan koma.", 1,
                                  harapan=f"{_SAVE_CSV}, atau ganti pemisah daftar Windows menjadi koma"))
                return None
    while rows and rows[0] and not rows[0][-1].strip() and len(rows[0]) > 1 and all(
            len(r) < len(rows[0]) or not r[len(rows[0]) - 1].strip() for r in rows[1:]):
        width = len(rows[0]) - 1  # an empty column Excel added at the right (formatted cells): dropped
        rows = [r[:width] if len(r) > width else r for r in rows]
    if len(rows) - 1 > MAX_ROWS:
        out.append(Temuan("galat", "terlalu-banyak-baris", name, f"Berkas memiliki {len(rows) - 1} baris data.",
                          harapan=f"paling banyak {MAX_ROWS} baris"))
        return None
    return rows


def check_cell(value: str, name: str, line: int | None, column: str | None, out: list[Temuan]) -> bool:
    """False (with a finding) when a text value holds a control character or is too long."""
    bad = control_char(value)
    if bad:
        out.append(Temuan("galat", "karakter-kendali", name, f"Teks berisi {bad} (tidak terlihat, mis. dari "
                          "salin-tempel).", line, column, repr(value[:40])[1:-1], "teks tanpa karakter kendali"))
        return False
    if len(value) > MAX_CELL_CHARS:
        out.append(Temuan("galat", "teks-terlalu-panjang", name, f"Teks terlalu panjang ({len(value)} karakter).",
                          line, column, value[:40] + "...", f"paling banyak {MAX_CELL_CHARS} karakter"))
        return False
    return True


# ---------------------------------------------------------------- YAML


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader; an impossible date (``2024-13-45``) stays text instead of crashing and
    a key given twice is an error (PyYAML would silently keep the last one)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                key = key_node.value
                if key in seen and key != "<<":
                    raise YamlError(f"kunci '{key}' muncul dua kali (juga di baris {seen[key]})",
                                    key_node.start_mark.line + 1)
                seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)


def _timestamp(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


class YamlError(ValueError):
    """YAML that cannot be read; ``line`` is 1-based when known."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.line = line


def _expanded_size(node: yaml.Node) -> int:
    """Number of nodes once every alias is expanded; refuses recursive or explosive documents."""
    sizes: dict[int, int] = {}
    busy: set[int] = set()

    def size(n: yaml.Node) -> int:
        key = id(n)
        if key in sizes:
            return sizes[key]
        if key in busy:
            raise YamlError("alias YAML merujuk ke dirinya sendiri", n.start_mark.line + 1)
        busy.add(key)
        total = 1
        if isinstance(n, yaml.SequenceNode):
            total += sum(size(c) for c in n.value)
        elif isinstance(n, yaml.MappingNode):
            total += sum(size(k) + size(v) for k, v in n.value)
        busy.discard(key)
        sizes[key] = total
        if total > MAX_YAML_NODES:
            raise YamlError(f"terlalu banyak nilai setelah alias (*nama) diuraikan (lebih dari {MAX_YAML_NODES})",
                            n.start_mark.line + 1)
        return total

    return size(node)


def load_yaml(text: str) -> Any:
    """``yaml.safe_load`` with dates kept as text when invalid and aliases bounded (:class:`YamlError`)."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _expanded_size(node)
        return loader.construct_document(node)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise YamlError(str(getattr(exc, "problem", None) or exc), mark.line + 1 if mark else None) from exc
    except RecursionError as exc:
        raise YamlError("struktur YAML terlalu dalam") from exc
    finally:
        loader.dispose()


def as_date(value: Any) -> dt.date | None:
    """A date from YAML (a date, or ISO text); None when it is not one."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        return None


# ---------------------------------------------------------------- the cover logo

MAX_LOGO_BYTES = 2 * 1024 * 1024
_LOGO_MAGIC = {".png": (b"\x89PNG\r\n\x1a\n",), ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",)}
_SVG_OUTSIDE = re.compile(r"""(?:href|src)\s*=\s*["']\s*(?!#|data:image/)[^"']*|url\(\s*["']?\s*(?!#|data:image/)"""
                          r"""|<script\b|<foreignObject\b|<!ENTITY""", re.I)


def logo_findings(path: Path | None) -> list[Temuan]:
    """Why the cover logo at ``path`` cannot be used (size, kind, outside references), or nothing."""
    if path is None:
        return []
    name = str(path)
    suffix = path.suffix.lower()
    harapan = (f"gambar PNG, JPG atau SVG tanpa rujukan ke luar, paling besar {MAX_LOGO_BYTES // 1024} KB")
    try:
        size = path.stat().st_size
        head = path.read_bytes() if size <= MAX_LOGO_BYTES else b""
    except OSError as exc:
        return [Temuan("galat", "logo", name, f"Logo tidak dapat dibaca ({exc.strerror}).", harapan=harapan)]
    if size > MAX_LOGO_BYTES:
        return [Temuan("galat", "logo", name, f"Logo terlalu besar ({size // 1024} KB).", harapan=harapan)]
    if suffix in _LOGO_MAGIC:
        if not head.startswith(_LOGO_MAGIC[suffix]):
            return [Temuan("galat", "logo", name, f"Isi berkas bukan gambar {suffix[1:].upper()}.",
                           harapan=harapan)]
        return []
    if suffix == ".svg":
        text = head.decode("utf-8", "replace")
        if "<svg" not in text:
            return [Temuan("galat", "logo", name, "Isi berkas bukan gambar SVG.", harapan=harapan)]
        bad = _SVG_OUTSIDE.search(text)
        if bad:
            return [Temuan("galat", "logo", name, "SVG merujuk ke sumber di luar berkas atau berisi skrip.",
                           nilai=bad.group(0)[:60], harapan=harapan)]
        return []
    return [Temuan("galat", "logo", name, f"Jenis berkas logo tidak didukung ({suffix or 'tanpa akhiran'}).",
                   harapan=harapan)]
