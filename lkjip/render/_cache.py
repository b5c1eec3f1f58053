"""Chapter cache: a chapter notebook is re-executed only when something it reads changed.

A chapter's cache entry is valid when

* its *key* is unchanged: a SHA-256 of the notebook file, the Python modules beside it (an
  analyst's helper module a cell imports), the parameters, the lkjip source code
  (every ``.py`` and template of the package, not only its version number), the project's render
  configuration (``_quarto.yml``) and the versions of the libraries that draw its tables and charts; and
* every input file the chapter *read* during its last execution still has the SHA-256 recorded then.
  The chapter reports them itself (:func:`lkjip.present.display.show_files_read`): what it read
  through the loader, and every file of the year it opened by any other means (a Python audit hook
  in :mod:`lkjip.load` sees every ``open``, e.g. a cell reading a CSV with pandas).

Keys are content hashes, never timestamps, so touching a file changes nothing and editing one
value re-executes exactly the chapters that read its file. The hashes recorded are those of a
:func:`snapshot` taken before the render read anything, so a file saved while a chapter runs can
never file the old result under the new content.
"""
from __future__ import annotations

import hashlib
import json
import shutil
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata as importlib_metadata
from pathlib import Path
from typing import Any

import nbformat

from ..load import loaded_digest, loaded_digests, names_in, outside, paths_of
from ..present.display import METADATA_KEY

DEPS_CELL_TAG = "lkjip-deps"
DEPS_SOURCE = "from lkjip.present.display import show_files_read\nshow_files_read()"
_LIBRARIES = ("pandas", "matplotlib", "great_tables", "papermill", "nbformat")
MISSING = "-"


def file_sha(path: Path) -> str:
    """SHA-256 of a file's bytes, or ``-`` when it does not exist; of a folder, of the names in it
    (sorted; hidden ones left out, as in :func:`snapshot`): what a cell that lists it depends on."""
    if path.is_dir():
        names = sorted(p.name for p in path.iterdir() if not p.name.startswith("."))
        return hashlib.sha256("\0".join(names).encode("utf-8")).hexdigest()
    if not path.is_file():
        return MISSING
    return hashlib.sha256(path.read_bytes()).hexdigest()


def current_sha(name: str, base: Path, shas: Mapping[str, str] | None) -> str:
    """The SHA-256 of ``name`` (relative to the year folder ``base``, :func:`lkjip.load.names_in`):
    the one in the snapshot ``shas`` for a file of the year, hashed now for a folder listed or a
    file outside the year folder (another year's, which the snapshot does not cover)."""
    if shas is None or outside(name) or name.endswith("/"):
        return file_sha(base / name)
    return shas.get(name, MISSING)


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """SHA-256 over the lkjip package's code and templates and the versions of the libraries used."""
    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".lua", ".typ", ".html", ".css", ".yml", ".yaml"):
            digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for name in _LIBRARIES:
        try:
            version = importlib_metadata.version(name.replace("_", "-"))
        except importlib_metadata.PackageNotFoundError:
            version = "?"
        digest.update(f"{name}={version}\0".encode())
    digest.update(sys.version.encode())
    return digest.hexdigest()


def own_module(path: Path, folder: Path) -> bool:
    """Whether ``path`` is a Python module of the analysts' own beside the chapter notebooks in
    ``folder`` (``*.py`` there or in a subfolder; not hidden, not Python's ``__pycache__``)."""
    try:
        rel = Path(path).relative_to(folder)
    except ValueError:
        return False
    return rel.suffix == ".py" and not any(part.startswith((".", "__pycache__")) for part in rel.parts)


def local_code(folder: Path) -> str:
    """SHA-256 over the Python modules beside the chapter notebooks (:func:`own_module`: helpers of
    the analysts' own that a cell may import)."""
    digest = hashlib.sha256()
    for path in sorted(Path(folder).rglob("*.py")):
        if own_module(path, folder):
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def chapter_key(notebook: Path, parameters: Mapping[str, Any]) -> str:
    """The part of a chapter's cache key known before it runs (see the module docstring)."""
    digest = hashlib.sha256()
    digest.update(Path(notebook).read_bytes())
    digest.update(local_code(Path(notebook).parent).encode())
    digest.update(json.dumps(dict(parameters), sort_keys=True, default=str).encode())
    digest.update(code_fingerprint().encode())
    config = Path(notebook).resolve().parent.parent / "_quarto.yml"  # the project's render configuration
    digest.update(config.read_bytes() if config.is_file() else b"-")
    return digest.hexdigest()


def with_deps_cell(source: Path, target: Path) -> Path:
    """Copy ``source`` to ``target`` with a last cell that reports the files the chapter read."""
    nb = nbformat.read(str(source), as_version=4)
    cell = nbformat.v4.new_code_cell(DEPS_SOURCE, metadata={"tags": [DEPS_CELL_TAG]})
    cell["id"] = DEPS_CELL_TAG
    nb.cells.append(cell)
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(target))
    return target


def take_deps(executed: Path) -> list[str]:
    """Remove the deps cell from an executed notebook and return the files it reported (absolute
    paths, :func:`lkjip.load.files_read`)."""
    nb = nbformat.read(str(executed), as_version=4)
    files: list[str] = []
    keep = []
    for cell in nb.cells:
        if DEPS_CELL_TAG in cell.get("metadata", {}).get("tags", []):
            for output in cell.get("outputs", []):
                meta = (output.get("metadata") or {}).get(METADATA_KEY) or {}
                if meta.get("kind") == "deps":
                    files = [str(f) for f in meta.get("files", [])]
            continue
        keep.append(cell)
    nb.cells = keep
    nbformat.write(nb, str(executed))
    return files


def outside_files(names: Iterable[str], year_dir: Path) -> list[Path]:
    """Of the files read, ``names`` (:func:`lkjip.load.names_in` of ``year_dir``), those outside the
    year folder (another year's) that exist, sorted: inputs of the report beside the year's own."""
    names = sorted(set(names))
    return sorted(Path(p) for name, p in zip(names, paths_of(names, year_dir))
                  if outside(name) and not name.endswith("/") and Path(p).is_file())


def snapshot(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under ``folder`` (names relative to it, POSIX), taken before a render
    reads anything: what the chapters' cache entries record and what is compared afterwards."""
    if not folder.is_dir():
        return {}
    return {p.relative_to(folder).as_posix(): file_sha(p) for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.startswith(".")}


def changed_since(folder: Path, before: Mapping[str, str]) -> list[str]:
    """Files under ``folder`` added, removed or edited since ``before`` (a :func:`snapshot`)."""
    now = snapshot(folder)
    return sorted(name for name in set(now) | set(before) if now.get(name) != before.get(name))


def changed_while_read(folder: Path, before: Mapping[str, str], names: Iterable[str] = ()) -> list[str]:
    """Files whose content a result made now cannot be filed under: files of the year ``folder``
    changed since ``before`` (a :func:`snapshot`) or loaded by this process with other content than
    that (saved during the render and put back since), and files of another year among ``names``
    (:func:`lkjip.load.names_in`) that changed since this process loaded them."""
    changed = set(changed_since(folder, before))
    loaded = loaded_digests(folder) or {}
    changed |= {name for name, sha in loaded.items()
                if not name.rsplit("/", 1)[-1].startswith(".") and before.get(name, MISSING) != sha}
    for name, path in zip(names, paths_of(names, folder)):
        if outside(name) and not name.endswith("/"):
            then = loaded_digest(path)
            if then is not None and then != file_sha(Path(path)):
                changed.add(name)
    return sorted(changed)


def read_entry(path: Path, key: str, base: Path, shas: Mapping[str, str] | None = None) -> dict[str, Any] | None:
    """The JSON entry at ``path`` if it was written for ``key`` and every file it lists (relative
    to ``base``) still has the SHA-256 recorded then (in ``shas``, a snapshot, when given); else None."""
    try:
        entry = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if entry.get("key") != key:
        return None
    if any(current_sha(name, base, shas) != sha for name, sha in (entry.get("files") or {}).items()):
        return None
    return entry


def write_entry(path: Path, key: str, files: Iterable[str], base: Path, shas: Mapping[str, str] | None = None,
                **extra: Any) -> None:
    """Record ``key`` and the SHA-256 of ``files`` (relative to ``base``) at ``path``: the ones in
    ``shas`` (a snapshot taken *before* the result was made) when given, else the current ones."""
    path.parent.mkdir(parents=True, exist_ok=True)
    entry = {"key": key, **extra, "files": {name: current_sha(name, base, shas) for name in sorted(files)}}
    path.write_text(json.dumps(entry, indent=1), encoding="utf-8")


@dataclass(frozen=True)
class ChapterCache:
    """The cache of one chapter under ``folder`` (``entry.json`` + the executed notebook)."""

    folder: Path

    @property
    def notebook(self) -> Path:
        return self.folder / "executed.ipynb"

    def lookup(self, key: str, year_dir: Path, shas: Mapping[str, str] | None = None) -> tuple[Path, list[str]] | None:
        """The cached executed notebook and the files it read (names relative to ``year_dir``) if the
        key and every file read are unchanged, else None."""
        entry = read_entry(self.folder / "entry.json", key, year_dir, shas) if self.notebook.is_file() else None
        if entry is None:
            return None
        return self.notebook, sorted(entry.get("files") or {})

    def store(self, key: str, executed: Path, files: list[str], year_dir: Path,
              shas: Mapping[str, str] | None = None) -> None:
        """Remember ``executed`` as the result for ``key`` and the content of ``files`` it was made
        from (``shas``: hashed before the chapter ran, so an edit during the run is never filed
        under the old result)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(executed, self.notebook)
        write_entry(self.folder / "entry.json", key, files, year_dir, shas)

    def clear(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


# --- cells ----------------------------------------------------------------------------------------
def is_display_cell(source: str, namespace: Mapping[str, Any]) -> bool:
    """True when a code cell only shows what one of lkjip's library functions builds from a year's
    data: ``show(C.chart_x(data))``, ``show(S.narasi(data, "bab1.md"))`` — one statement, ``show``
    being :func:`lkjip.present.blocks.show`, the function taken from an ``lkjip`` module, its
    arguments loaded years (:class:`~lkjip.load.DataTahun`) or literals. Such a cell binds no name
    and changes no object (the library's functions are pure), so skipping it leaves the chapter as
    running it would. Only such cells are cached (and, in the live preview, re-run alone)."""
    import ast
    import types

    from ..load import DataTahun
    from ..present.blocks import show

    try:
        tree = ast.parse(source)
    except SyntaxError:  # IPython magics and the like: always run
        return False
    if len(tree.body) != 1 or not isinstance(tree.body[0], ast.Expr):
        return False
    outer = tree.body[0].value
    if not (isinstance(outer, ast.Call) and isinstance(outer.func, ast.Name) and len(outer.args) == 1
            and not outer.keywords and namespace.get(outer.func.id) is show):
        return False
    inner = outer.args[0]
    if not (isinstance(inner, ast.Call) and isinstance(inner.func, ast.Attribute)
            and isinstance(inner.func.value, ast.Name)):
        return False
    module = namespace.get(inner.func.value.id)
    if not (isinstance(module, types.ModuleType) and module.__name__.startswith("lkjip.")):
        return False
    values = [*inner.args, *(k.value for k in inner.keywords)]
    return all(isinstance(v, ast.Constant) or (isinstance(v, ast.Name) and isinstance(namespace.get(v.id), DataTahun))
               for v in values) and all(k.arg is not None for k in inner.keywords)


class CellCache:
    """Outputs of a chapter's library display cells (:func:`is_display_cell`), so that a re-run chapter
    executes only the cells whose inputs changed: a cell is reused when the code before it and its
    own source, the parameters and the library are the same (the key) and every data file the cell
    read — itself or through the cells before it that bind names — still has the SHA-256 recorded
    (the render's snapshot of the year folder ``year_dir``, taken before anything was read; see
    :func:`current_sha` for files outside it). Cells are filed by :meth:`commit`, once the chapter
    has run and its files are known to be the ones of the snapshot."""

    def __init__(self, folder: Path, shas: Mapping[str, str], year_dir: Path, salt: str = "") -> None:
        self.folder = folder
        self.salt = salt  # more of the key: the modules beside the notebooks (local_code)
        self.shas = shas
        self.year_dir = year_dir
        self.hits = 0
        self._new: dict[str, dict[str, Any]] = {}

    def key(self, sources: Iterable[str]) -> str:
        digest = hashlib.sha256(code_fingerprint().encode() + self.salt.encode())
        for source in sources:
            digest.update(b"\0cell\0" + source.encode())
        return digest.hexdigest()

    def lookup(self, key: str) -> tuple[list[dict[str, Any]], list[str]] | None:
        """``(outputs, files read as absolute paths)`` of the cell, or None when it has to run."""
        try:
            entry = json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        reads = entry.get("reads") or {}
        if any(current_sha(name, self.year_dir, self.shas) != sha for name, sha in reads.items()):
            return None
        self.hits += 1
        return entry["outputs"], paths_of(sorted(reads), self.year_dir)

    def store(self, key: str, outputs: list[dict[str, Any]], reads: Iterable[str]) -> None:
        """Keep the cell's ``outputs`` and the files it read (absolute paths, :func:`lkjip.load.files_read`)
        until :meth:`commit`."""
        if any(o.get("output_type") == "error" for o in outputs):
            return
        self._new[key] = {"reads": {name: current_sha(name, self.year_dir, self.shas)
                                    for name in names_in(reads, self.year_dir)}, "outputs": outputs}

    def commit(self) -> None:
        """File the cells kept by :meth:`store`."""
        if self._new:
            self.folder.mkdir(parents=True, exist_ok=True)
        for key, entry in self._new.items():
            tmp = self.folder / f"{key}.tmp"
            tmp.write_text(json.dumps(entry), encoding="utf-8")
            tmp.replace(self.folder / f"{key}.json")
        self._new.clear()
