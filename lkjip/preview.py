"""Live preview of a year's report (``lkjip preview YEAR``): a warm process that re-renders on save.

One process keeps the libraries imported, every chapter notebook in memory (an ``nbformat``
notebook whose code cells hold their last outputs) and each chapter's namespace. It renders once,
then polls ``data/`` (the year, and the other years a chapter may read), ``notebooks/`` and the
report templates (content hashes, never timestamps: :class:`Watcher`). On a change it

* checks the data again (:func:`lkjip.report.check_year`, as ``lkjip check`` and ``lkjip render``
  do): errors are shown in the page with the lines ``lkjip check`` prints, and the last good report
  stays in view;
* re-runs only what the change touches (:class:`Chapter`): a changed notebook runs again from the
  top (only its text is re-read when its code cells did not change); a changed data file re-runs
  the cells that read it (each cell's reads are recorded, :func:`lkjip.load.files_read`), the cell
  that loaded the year in the chapters it touches, and the cells that use a variable one of those
  re-assigned; a changed template only re-assembles;
* reads the report parts from the notebooks exactly as ``lkjip render`` reads executed notebooks
  (:func:`lkjip.render._parts.notebook_cells`), numbers captions over the whole report, writes the
  HTML (pandoc; unchanged tables, paragraphs and list items, and a page whose headings and figures
  did not change, are reused: :class:`lkjip.render._splice.PageCache`) into
  ``_build/YEAR/pratinjau/`` — never into ``_output`` — and tells the open page to reload. A touched
  cell that only shows figures runs after that page is shown (the page then follows with its
  figures). The PDF is made on demand (the page's PDF link); it is the PDF ``lkjip render`` makes
  of the same data.

The server listens on 127.0.0.1 only. The page it serves is a small wrapper: the report itself is
shown unchanged, with its own strict CSP, in an ``<iframe>``; the wrapper's script asks ``/status``
(long polling) for a new version or a message. ``/status`` also serves measurements (the version
counter and when each version was ready: :func:`wait_version`). Standard library only, besides
lkjip's own dependencies.
"""
from __future__ import annotations

import ast
import errno
import functools
import hashlib
import html
import json
import math
import os
import signal
import sys
import threading
import time
import traceback
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from ._paths import ProjectPaths
from .errors import DataError, LkjipError, RenderError, UsageError
from .render._splice import PageCache

HOST = "127.0.0.1"
FOLDER = "pratinjau"
POLL_SECONDS = 0.05    # how often the watched files are looked at
SETTLE_SECONDS = 0.03  # an editor may write a file in several steps: look again after this
CHARTS_KEPT = 32  # charts kept for the next versions of the year (lkjip.present.charts.keep_earlier)
TABLES_KEPT = 256  # tables' HTML and downloads kept for the next versions (lkjip.present.tables.keep_tables)
LOAD_WAIT_SECONDS = 1.0  # how long the figures wait for an open page to load the new text (see Session)


# --- watching files -----------------------------------------------------------------------------
class Watcher:
    """Polls files under ``roots`` (folders or single files); :meth:`changes` returns the paths whose
    content changed, appeared or disappeared since the previous call. A changed size or mtime only
    makes a file a candidate: it is reported when its SHA-256 differs. Hidden files and folders and
    editor backups (``name~``) and Python's bytecode folders (``__pycache__``) are ignored."""

    def __init__(self, roots: Iterable[Path]) -> None:
        self.roots = [Path(r) for r in roots]
        self._stat: dict[Path, tuple[int, int]] = {}
        self._sha: dict[Path, str] = {}
        self.changes()

    def _files(self) -> Iterator[Path]:
        for root in self.roots:
            if root.is_file():
                yield root
            elif root.is_dir():
                # os.walk skips a folder that disappears while it is read (an editor's temporary folder)
                for folder, dirs, files in os.walk(root, onerror=lambda exc: None):
                    dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "__pycache__")
                    for name in sorted(files):
                        path = Path(folder) / name
                        if not name.startswith(".") and not name.endswith("~") and path.is_file():
                            yield path

    def changes(self) -> set[Path]:
        changed: set[Path] = set()
        seen: dict[Path, tuple[int, int]] = {}
        for path in self._files():
            try:
                st = path.stat()
            except OSError:
                continue
            seen[path] = (st.st_mtime_ns, st.st_size)
            if self._stat.get(path) == seen[path]:
                continue
            try:
                sha = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError:
                continue
            if self._sha.get(path) != sha:
                changed.add(path)
                self._sha[path] = sha
        for gone in set(self._stat) - set(seen):
            changed.add(gone)
            self._sha.pop(gone, None)
        self._stat = seen
        return changed


# --- running chapters in this process -----------------------------------------------------------
class CellError(RenderError):
    """A chapter's own code failed (shown in the page; the last good report stays)."""


def _shell() -> Any:
    """IPython's shell in this process, its displays and results captured (see :func:`_capture`)."""
    os.environ.setdefault("MPLBACKEND", "Agg")
    from IPython.core.displayhook import DisplayHook
    from IPython.core.display_trap import DisplayTrap
    from IPython.core.interactiveshell import InteractiveShell

    class ResultHook(DisplayHook):
        """A cell's last value as an ``execute_result`` output, as a Jupyter kernel records it
        (while :attr:`sink` is set; IPython's own behaviour otherwise)."""

        sink: list[dict[str, Any]] | None = None

        def write_output_prompt(self) -> None:
            if self.sink is None:
                super().write_output_prompt()

        def write_format_data(self, format_dict: dict, md_dict: dict | None = None) -> None:
            if self.sink is None:
                super().write_format_data(format_dict, md_dict)
            else:
                self.sink.append({"output_type": "execute_result", "data": format_dict,
                                  "metadata": md_dict or {}, "execution_count": None})

    shell = InteractiveShell.instance()
    if type(shell.displayhook).__name__ != "ResultHook":
        shell.displayhook = ResultHook(shell=shell, cache_size=0)
        shell.display_trap = DisplayTrap(hook=shell.displayhook)
    return shell


@contextmanager
def _capture(shell: Any) -> Iterator[list[dict[str, Any]]]:
    """The outputs of the cells run inside the block (displays, then the last value), as notebook
    outputs; what they print is dropped, like the streams a render ignores."""
    from IPython.utils.capture import capture_output

    results: list[dict[str, Any]] = []
    outputs: list[dict[str, Any]] = []
    shell.displayhook.sink = results
    try:
        with capture_output(stdout=True, stderr=True, display=True) as cap:
            yield outputs
    finally:
        shell.displayhook.sink = None
    outputs += [{"output_type": "display_data", "data": o.data, "metadata": o.metadata or {}} for o in cap.outputs]
    outputs += results


def _names(source: str, shell: Any) -> tuple[frozenset[str], frozenset[str]]:
    """(names a cell assigns, names it uses), read from its code; ``"*"`` among the used names when
    the code cannot be read (the cell then counts as using everything)."""
    try:
        tree = ast.parse(shell.transform_cell(source))
    except SyntaxError:
        return frozenset(), frozenset({"*"})
    stores: set[str] = set()
    loads: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (loads if isinstance(node.ctx, ast.Load) else stores).add(node.id)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            stores.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            stores.add(node.name)
    return frozenset(stores), frozenset(loads)


_MISSING = object()
_CHANGING_BUILTINS = frozenset({"setattr", "delattr", "exec", "eval", "globals", "vars", "locals", "__import__"})


@functools.lru_cache(maxsize=512)
def _parsed(source: str) -> ast.Module | None:
    """A cell's code as IPython runs it, parsed (None when it cannot be)."""
    try:
        return ast.parse(_shell().transform_cell(source))
    except SyntaxError:
        return None


def _may_change_objects(source: str, ns: dict[str, Any]) -> bool:
    """Whether a cell's code may change an object that exists before it runs (``hasil.append(x)``,
    ``df["a"] = 1``, ``obj.x = 2``, ``tambah(hasil)``), read from its code and the values its names
    hold. Calls on modules and on loaded years (:class:`~lkjip.load.DataTahun`, read-only by
    convention), with values that cannot change (numbers, text, modules, functions, years), do not
    count; a cell whose code cannot be read counts as changing everything."""
    import types

    from .load import DataTahun

    tree = _parsed(source)
    if tree is None:
        return True
    fixed = (int, float, complex, str, bytes, bool, type(None), types.ModuleType, types.FunctionType,
             types.BuiltinFunctionType, type, DataTahun)

    def root(node: ast.AST) -> str | None:
        while isinstance(node, (ast.Attribute, ast.Subscript, ast.Call)):
            node = node.func if isinstance(node, ast.Call) else node.value
        return node.id if isinstance(node, ast.Name) else None

    def mutable(name: str | None) -> bool:
        return name is not None and name in ns and not isinstance(ns[name], fixed)

    for node in ast.walk(tree):
        if isinstance(node, (ast.Global, ast.Nonlocal)):
            return True
        targets: list[ast.AST] = []
        if isinstance(node, ast.Assign):
            targets = list(node.targets)
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
            targets = [node.target]
        elif isinstance(node, ast.Delete):
            targets = list(node.targets)
        if any(isinstance(t, (ast.Attribute, ast.Subscript)) and root(t) in ns for t in targets):
            return True
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id in _CHANGING_BUILTINS and func.id not in ns:
                return True
            if isinstance(func, ast.Attribute) and mutable(root(func)):
                return True  # a method of an existing object
            builtin = isinstance(func, ast.Name) and func.id not in ns
            values = [v.value if isinstance(v, ast.Starred) else v for v in [*node.args, *(k.value for k in node.keywords)]]
            if not builtin and any(mutable(root(v)) for v in values if isinstance(v, (ast.Name, ast.Attribute, ast.Subscript))):
                return True  # an existing object handed to a function that may change it
    return False


@dataclass(frozen=True)
class Shown:
    """The version on the page: what its PDF and downloads are made from."""
    version: int
    parts: list[Any]
    body: str          # the parts assembled (:func:`lkjip.render._assemble.assemble`)
    meta: dict[str, str]
    logo: Path | None
    data: Any          # the year's data it was made from (its open data)


@dataclass
class CellState:
    """What the preview knows of one code cell: the data files it read when it last ran, the names
    it assigns and uses, and which of its names hold a loaded year (``DataTahun``)."""

    stores: frozenset[str]
    loads: frozenset[str]
    reads: frozenset[str] = frozenset()
    year_names: frozenset[str] = frozenset()


class Chapter:
    """One chapter notebook held in memory: its cells, their last outputs and its namespace."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.nb: Any = None
        self.states: list[CellState] = []
        self.ok = False  # every code cell ran without error since the last full run
        self.ran = 0     # code cells executed by the last run
        self.namespace: tuple[Any, dict[str, Any]] = (None, {})  # (module, its namespace)
        self.year_reads: dict[str, frozenset[str]] = {}  # name of a loaded year -> files its loading read
        self.later: list[int] = []  # code cells left for run_later

    def _code(self) -> list[Any]:
        return [c for c in self.nb.cells if c.cell_type == "code"]

    def load(self) -> bool:
        """(Re-)read the notebook file; returns whether its code must run again from the top (its
        code cells changed). When only the text changed, the outputs are kept."""
        import nbformat

        try:
            nb = nbformat.read(str(self.path), as_version=4)
        except Exception as exc:  # noqa: BLE001 - a notebook being saved or hand-edited badly
            raise RenderError(f"Notebook {self.path.name} tidak dapat dibaca (bukan berkas .ipynb yang utuh; buka "
                              f"dan simpan lagi dengan Jupyter, atau kembalikan versi sebelumnya): {exc}") from exc
        same = self.nb is not None and self.ok and _code_key(nb) == _code_key(self.nb)
        if same:
            for new, old in zip((c for c in nb.cells if c.cell_type == "code"), self._code()):
                new.outputs = old.outputs
        self.nb = nb
        if not same:
            self.ok = False
        return not same

    def run(self, params: dict[str, Any], changed: set[str] | None, *, figures_later: bool = False) -> int:
        """Run every code cell (``changed`` None, or after a failure) in a fresh namespace, or only
        the cells a change of the year's files ``changed`` touches (see the module docstring; the
        files as reads are recorded, with their folders: :func:`_as_read`);
        returns how many cells ran. Raises :class:`CellError` naming the cell.

        ``figures_later``: a touched cell that only shows figures, and shares no name with the cells
        after it, is left for :meth:`run_later` (the page's text and tables can be shown first)."""
        shell = _shell()
        full = changed is None or not self.ok
        self.ran = 0
        self.later = []
        if full:
            self.namespace = shell.prepare_user_module()
            self._enter(shell, fresh=True)
            self.states = [CellState(*_names(c.source, shell)) for c in self._code()]
            self.year_reads = {}
            self.namespace[1].update(params)  # a notebook without a parameters cell gets them first
        elif not any(s.reads & (changed or set()) for s in self.states):
            return 0
        else:
            self._enter(shell, fresh=False)
        self.ok = False
        tainted: set[str] = set()
        for i, state in enumerate(self.states):
            if full:
                self._execute(i, params, tainted)
            elif self._touched(state, changed or set(), tainted):
                if not self._alone(i):  # it may change objects later cells use: the chapter from the top
                    return self.run(params, None)
                if figures_later and self._figures_only(i):
                    self.later.append(i)
                else:
                    self._execute(i, params, tainted)
        self.ok = True
        return self.ran

    def run_later(self, params: dict[str, Any]) -> int:
        """Run the cells :meth:`run` left for later; returns how many ran."""
        count = len(self.later)
        self.ok = False
        self._enter(_shell(), fresh=False)
        for i in self.later:
            self._execute(i, params, set())
        self.later = []
        self.ok = True
        return count

    def _alone(self, i: int) -> bool:
        """Whether code cell ``i`` may run again on its own: it assigns new values (whose names then
        re-run the cells using them) but changes no object that already exists, so the cells after
        it that do not run again still see what they saw (see :func:`_may_change_objects`)."""
        return not _may_change_objects(self._code()[i].source, self.namespace[1])

    def _figures_only(self, i: int) -> bool:
        from .present.display import METADATA_KEY

        kinds = {((o.get("metadata") or {}).get(METADATA_KEY) or {}).get("kind")
                 for o in self._code()[i].get("outputs", []) if o.get("output_type") != "stream"}
        after = self.states[i + 1:]
        state = self.states[i]
        return (kinds == {"figure"} and not any(state.stores & s.loads for s in after)
                and not any(state.loads & s.stores for s in after) and "*" not in state.loads)

    def _execute(self, i: int, params: dict[str, Any], tainted: set[str]) -> None:
        """Run code cell ``i`` (in the notebook's folder, where papermill runs a chapter too) and
        record its outputs, its reads and the names it re-assigned (added to ``tainted``)."""
        from . import load
        from .load import DataTahun
        from .render._inprocess import importable

        shell = _shell()
        cell, state = self._code()[i], self.states[i]
        _, ns = self.namespace
        before = {n: ns.get(n, _MISSING) for n in state.stores}
        cwd, main = os.getcwd(), sys.modules.get("__main__")
        os.chdir(self.path.parent)
        sys.modules["__main__"] = self.namespace[0]  # as in a kernel (pickle, dataclasses look there)
        try:
            load.files_read(reset=True)
            with _capture(shell) as outputs, importable(str(self.path.parent)):
                result = shell.run_cell(cell.source, store_history=False, silent=False)
            state.reads = frozenset(load.files_read(reset=True))
        finally:
            os.chdir(cwd)
            if main is not None:
                sys.modules["__main__"] = main
        self.ran += 1
        error = result.error_before_exec or result.error_in_exec
        if isinstance(error, KeyboardInterrupt):
            raise KeyboardInterrupt
        if error is not None:
            number = next(n for n, c in enumerate(self.nb.cells, start=1) if c is cell)
            raise CellError(_cell_message(self.path, number, error)) from error
        if "parameters" in (cell.get("metadata", {}).get("tags") or []):
            ns.update(params)  # papermill injects these after the notebook's defaults
        cell.outputs = outputs
        state.year_names = frozenset(n for n in state.stores if isinstance(ns.get(n), DataTahun))
        for name in state.year_names:
            self.year_reads[name] = state.reads
        tainted |= {n for n in state.stores - state.year_names if ns.get(n, _MISSING) is not before[n]}

    def _touched(self, state: CellState, changed: set[str], tainted: set[str]) -> bool:
        """Whether a cell must run again after ``changed``: it loads the year (the chapter is
        touched), read a changed file, uses a year whose loading read one, or uses a name that a
        cell run before it re-assigned."""
        if state.year_names or state.reads & changed or ("*" in state.loads and tainted):
            return True
        if any(self.year_reads.get(n, frozenset()) & changed for n in state.loads):
            return True
        return bool(state.loads & tainted)

    def _enter(self, shell: Any, *, fresh: bool) -> None:
        """Make this chapter's namespace the shell's."""
        module, ns = self.namespace
        shell.user_module, shell.user_ns = module, ns
        shell.ns_table["user_global"] = shell.ns_table["user_local"] = ns
        if fresh:
            shell.init_user_ns()

    def parts(self) -> list[Any]:
        """The chapter's report parts, read as ``lkjip render`` reads an executed notebook."""
        from .render._parts import notebook_cells

        return [p for _, parts in notebook_cells(self.nb, self.path.name) for p in parts]


def _forget_own_modules(changed: set[Path], folder: Path) -> bool:
    """When a Python module of the analysts' own beside the notebooks (:func:`~lkjip.render._cache.own_module`)
    was saved, added or removed: forget every module imported from that folder (the next ``import``
    reads the saved file, not a cached one) and return True; else False."""
    import importlib.util

    from .render._cache import own_module

    own = [p for p in changed if own_module(p, folder)]
    if not own:
        return False
    for path in own:  # a save within the same second, same size, would otherwise load the old bytecode
        with suppress(OSError, ValueError):
            Path(importlib.util.cache_from_source(str(path))).unlink()
    for name, module in list(sys.modules.items()):
        where = getattr(module, "__file__", None)
        if where and _inside(Path(os.path.abspath(where)), Path(os.path.abspath(folder))):
            del sys.modules[name]
    importlib.invalidate_caches()
    return True


def _code_key(nb: Any) -> list[tuple[str, tuple[str, ...]]]:
    return [(c.source, tuple(c.get("metadata", {}).get("tags") or ())) for c in nb.cells if c.cell_type == "code"]


def _cell_message(chapter: Path, cell: int, exc: BaseException) -> str:
    """:func:`lkjip.render._execute.failed_cell` (as ``lkjip render`` says it) and what to do."""
    from .render._execute import cell_line, failed_cell

    return (failed_cell(chapter.name, cell, cell_line(exc), type(exc).__name__, str(exc))
            + f"\nPerbaiki {chapter} lalu simpan; pratinjau menjalankannya lagi.")


# --- the preview session ------------------------------------------------------------------------
class Session:
    """What the server shows: the last good HTML, the current state and its message."""

    def __init__(self, year: int, paths: ProjectPaths) -> None:
        self.year, self.paths = year, paths
        self.folder = paths.year_build(year) / FOLDER
        self.folder.mkdir(parents=True, exist_ok=True)
        self.html_name = f"lkjip-{year}.html"
        self.pdf_name = f"lkjip-{year}.pdf"
        self.chapters: dict[Path, Chapter] = {}
        self.version = 0          # of the last good HTML
        self.state = "memuat"     # memuat | siap | galat
        self.message = ""
        self.stage = ""           # "gambar": the page shown has new text and tables, its figures follow
        self.summary = ""         # the closing lines of lkjip check for the shown version
        self.seconds = 0.0        # how long the last good update took
        self.noticed = 0.0        # time.time() when the change being built was noticed
        self.ready = 0.0          # time.time() when the shown version was written
        self.cells_run = 0        # code cells executed by the last update
        self.downloads = "siap"   # "ditulis" while the shown version's downloads are being written
        self.history: list[tuple[int, float, str]] = []  # the last versions: (version, ready at, stage)
        self.changed = threading.Condition()
        self.build_lock = threading.Lock()  # one update at a time (the main thread's)
        self.pdf_lock = threading.Lock()
        self._data: Any = None
        self._found: list[Any] = []
        self._shown: Shown | None = None
        self._pdf_version = -1
        self._tables: dict[str, tuple[str | None, str]] = {}  # each table's download: (data, caption)
        self._pending: set[str] = set()  # data files changed since the chapters last ran
        self._unread: set[Path] = set()   # notebooks to (re-)read
        self._open_data: list[str] | None = None  # the open data files beside the report
        self._data_changed = False
        self._engine = ""
        self._page_cache = PageCache()
        self._viewed = -1e9   # time.monotonic() of the last status asked for by a page
        self._loaded = 0      # the last version a page said it has loaded

    # state shared with the HTTP threads
    def snapshot(self) -> dict[str, Any]:
        with self.changed:
            return {"versi": self.version, "keadaan": self.state, "tahap": self.stage, "pesan": self.message,
                    "ringkasan": self.summary, "detik": round(self.seconds, 3), "sel": self.cells_run,
                    "berubah_pada": self.noticed, "siap_pada": self.ready, "riwayat": self.history,
                    "html": self.html_name if self.version else "", "unduhan": self.downloads}

    def _set(self, state: str, message: str = "", version: int | None = None, stage: str = "") -> None:
        with self.changed:
            self.state, self.message, self.stage = state, message, stage
            if version is not None:
                self.version = version
                self.ready = time.time()
                self.history = [*self.history[-9:], (version, self.ready, stage)]
            self.changed.notify_all()

    def wait(self, version: int, state: str, timeout: float) -> dict[str, Any]:
        """The snapshot as soon as the version or the state differs from the given ones (long poll)."""
        with self.changed:
            self.changed.wait_for(lambda: self.version != version or self.state != state, timeout=timeout)
        return self.snapshot()

    def viewed(self) -> None:
        """An open page asked for the status (it follows the versions)."""
        self._viewed = time.monotonic()

    def loaded(self, version: int) -> None:
        """The open page shows ``version`` (its frame finished loading)."""
        with self.changed:
            self._loaded = max(self._loaded, version)
            self.changed.notify_all()

    def _let_page_load(self) -> None:
        """Wait (a second at most) until an open page has loaded the version just written: on two
        cores, the browser showing the new text comes before the figures being drawn."""
        if time.monotonic() - self._viewed < 30:
            with self.changed:
                self.changed.wait_for(lambda: self._loaded >= self.version, timeout=LOAD_WAIT_SECONDS)

    # building
    def update(self, changed: set[Path] | None, *, debug: bool = False, downloads_later: bool = False) -> None:
        """Re-render after ``changed`` (None: everything). Never raises for the user's mistakes: they
        become the page's message and the last good version stays. ``downloads_later``: the tables'
        downloads and the open data are left for :meth:`after_step` (the watching loop writes them
        one by one while nothing changes, so that the next save is seen at once)."""
        start = time.perf_counter()
        self.noticed = time.time()
        with self.build_lock:
            self._set("memuat", self.message)
            try:
                self._update(changed)
            except LkjipError as exc:
                if debug and isinstance(exc, CellError) and exc.__cause__ is not None:  # the cell's own traceback
                    traceback.print_exception(exc.__cause__)
                self._set("galat", str(exc))
            except Exception as exc:  # a bug: shown in the page, the previous view stays
                if debug:
                    traceback.print_exc()
                self._set("galat", f"Kesalahan internal ({type(exc).__name__}: {exc}). Laporkan sebagai bug; "
                                   "jalankan 'lkjip preview' dengan --debug untuk detail.")
            else:
                self.seconds = time.perf_counter() - start
                self._set("siap", "", self.version + 1)
        if self.state == "siap" and downloads_later:
            self.downloads = "ditulis"  # by after_step, one at a time
        elif self.state == "siap":
            while self.after_step(debug=debug):
                pass

    def _update(self, changed: set[Path] | None) -> None:
        from .present.charts import keep_earlier
        from .present.tables import keep_tables
        from .render._inprocess import settle
        from .report import chapter_notebooks, check_report, check_summary, check_year

        keep_earlier(CHARTS_KEPT)  # a chart whose files did not change is not drawn again
        keep_tables(TABLES_KEPT)  # nor is a table made of the same values made again
        settle()  # the libraries out of the garbage collector's full collections (see there)

        data_dir = self.paths.year_data(self.year)
        notebooks = chapter_notebooks(self.paths)
        self._unread |= {p for p in (changed or set()) if p in notebooks}
        if changed is not None:
            self._pending |= {Path(os.path.relpath(p, data_dir)).as_posix()  # another year's: ../2023/...
                              for p in changed if _inside(p, self.paths.data)}
        self.chapters = {p: self.chapters.get(p) or Chapter(p) for p in notebooks}
        self._unread |= {p for p, chapter in self.chapters.items() if chapter.nb is None}
        self._unread &= set(notebooks)
        if _forget_own_modules(changed or set(), self.paths.notebooks):  # any cell may import them
            for chapter in self.chapters.values():
                chapter.ok = False  # from the top
        check = changed is None or bool(self._pending or self._unread) or self._data is None or self.state == "galat"
        for path in sorted(self._unread):
            self.chapters[path].load()
            self._unread.discard(path)
        if check:
            data, found = check_year(self.year, self.paths)
            errors = [t for t in found if t.galat]
            if errors:
                raise DataError(check_report(found, data_dir))
            self._data, self._found = data, found
            self.summary = "\n".join(check_summary(found, data_dir))
        params = {"year": self.year, "data_dir": str(self.paths.data)}
        count = 0
        touched = _as_read(self._pending, data_dir)
        for chapter in self.chapters.values():
            if not chapter.ok:
                count += chapter.run(params, None)
            elif touched:
                count += chapter.run(params, touched, figures_later=True)
        self._data_changed = self._data_changed or check  # the open data: written by after_step
        self._pending.clear()
        later = [c for c in self.chapters.values() if c.later]
        if later:  # text and tables first (pandoc alone on the other core is faster than beside matplotlib)
            good = self._shown
            self._write_html(self._report_parts())
            self._set("memuat", version=self.version + 1, stage="gambar")
            self._let_page_load()
            try:
                for chapter in later:
                    count += chapter.run_later(params)
            except BaseException:
                if good is not None:  # that page had the old figures: the last good one comes back
                    self._show(replace(good, version=self.version + 1))
                    self._set("memuat", version=self.version + 1)
                raise
        self.cells_run = count
        self._write_html(self._report_parts())

    def _report_parts(self) -> list[Any]:
        """The report's parts from the notebooks as they are now (captions numbered, the provenance
        note last), as ``lkjip render`` makes them."""
        from . import __version__
        from .render._numbering import number_captions
        from .render._pandoc_engine import engine_label
        from .render._parts import Markdown
        from .load import names_in
        from .render._cache import outside_files
        from .render._provenance import colophon, open_data_note, provenance_markdown

        self._engine = self._engine or engine_label()
        reads = {path for chapter in self.chapters.values() for state in chapter.states for path in state.reads}
        year_dir = self.paths.year_data(self.year)
        inputs = [*self._data.berkas_masukan(), *outside_files(names_in(reads, year_dir), year_dir)]
        provenance = provenance_markdown(inputs, self.paths.data, version=__version__, engine=self._engine)
        parts = number_captions(p for chapter in self.chapters.values() for p in chapter.parts())
        if self._open_data is None:  # later versions: written after the page (see after_step)
            self._write_open_data(self._data)
            self._data_changed = False
        parts.append(Markdown(colophon(provenance + open_data_note(self._open_data or []))))
        return parts

    def _write_html(self, parts: list[Any]) -> None:
        """Write the page of ``parts`` (and its figures) into the preview's folder, replacing the
        page shown."""
        from .render import logo_path
        from .render._assemble import assemble
        from .report import report_metadata

        meta = report_metadata(self._data, self._found)
        meta.setdefault("year", str(self.year))
        self._show(Shown(self.version + 1, parts, assemble(parts), meta, logo_path(self.paths, meta), self._data))

    def _show(self, shown: Shown) -> None:
        """Write the page of ``shown`` (and its figures), replacing the page shown."""
        from . import __version__

        stage = self.folder / ".tahap"
        # the PDF link works (made when it is asked for, see pdf()); its size is not known yet
        page = self._page_cache.html_page(shown.parts, shown.body, stage, self.folder / ".kerja", year=self.year,
                                           metadata=shown.meta, version=__version__, logo=shown.logo,
                                           pdf_name=self.pdf_name, pdf_size="dibuat saat diunduh")
        figures = self.folder / "gambar"
        figures.mkdir(exist_ok=True)
        for path in (stage / "gambar").iterdir():
            os.replace(path, figures / path.name)
        os.replace(page, self.folder / self.html_name)
        self._shown = shown

    def _write_open_data(self, data: Any) -> None:
        """The open data of ``data`` (:mod:`lkjip.present.opendata`) beside the report, as ``lkjip
        render`` publishes it; the HTML lists these files with their sizes."""
        from .present.opendata import files

        extras = files(data)
        for base in (self.folder / ".tahap" / "data", self.folder / "data"):
            for rel, payload in extras.items():
                target = base / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(payload)
        self._open_data = sorted(extras)

    def after_step(self, *, debug: bool = False) -> bool:
        """Write the next of the shown version's downloads that is out of date (one table's CSV and
        XLSX, then the open data when the data changed); returns whether one was written (there may
        be more)."""
        from .render._assemble import DATA_DIR
        from .render._pandoc_engine import open_data_listing, write_table_data
        from .render._parts import Table

        with self.build_lock:
            if self._shown is None:  # also after a failed save: the page shown is the last good one
                return False
            self.downloads = "ditulis"
            try:
                table = next((p for p in self._shown.parts
                              if isinstance(p, Table) and self._tables.get(p.id) != (p.csv, p.caption)), None)
                if table is not None:
                    self._tables[table.id] = (table.csv, table.caption)  # tried once per version, even when it fails
                    write_table_data([table], self.folder / DATA_DIR)
                    return True
                if self._data_changed and self._shown.data is not None:
                    self._data_changed = False
                    listed = open_data_listing(self.folder / ".tahap")
                    self._write_open_data(self._shown.data)
                    if open_data_listing(self.folder / ".tahap") != listed:  # the page lists their sizes
                        self._show(replace(self._shown, version=self.version + 1))
                        self._set(self.state, self.message, self.version + 1, self.stage)
            except Exception:  # noqa: BLE001 - the downloads are a convenience of the preview
                if debug:
                    traceback.print_exc()
            self.downloads = "siap"
            return False

    def pdf(self) -> Path:
        """The PDF of the shown version, made now when it is older (raises :class:`LkjipError`)."""
        from .render._pandoc_engine import pdf_file

        with self.pdf_lock:
            target = self.folder / self.pdf_name
            with self.build_lock:
                shown = self._shown
            if shown is None:
                raise RenderError("Belum ada laporan yang berhasil dibuat, jadi belum ada PDF. Perbaiki dulu galat yang "
                                  "ditampilkan di halaman pratinjau.")
            if self._pdf_version != shown.version or not target.is_file():
                work = self.folder / ".kerja-pdf"
                pdf_file(shown.parts, shown.body, work / self.pdf_name, work, year=self.year, metadata=shown.meta,
                         logo=shown.logo)
                os.replace(work / self.pdf_name, target)
                self._pdf_version = shown.version
            return target


def _as_read(names: set[str], folder: Path) -> set[str]:
    """Changed files (``names`` relative to the year folder; another year's: ``../2023/...``) as
    reads are recorded (absolute paths, :func:`lkjip.load.files_read`), with the folders that hold
    them: a cell that listed one of those is touched by a file added or removed there."""
    from .load import paths_of

    root = os.path.abspath(folder)
    out = set()
    for path in paths_of(names, folder):
        out.add(path)
        parent = os.path.dirname(path)
        while len(parent) >= len(root):
            out.add(os.path.join(parent, ""))
            parent = os.path.dirname(parent)
    return out


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
        return True
    except ValueError:
        return False


# --- HTTP ---------------------------------------------------------------------------------------
WRAPPER = """<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Pratinjau LKjIP {year}</title>
<link rel="stylesheet" href="/pratinjau.css">
<script src="/pratinjau.js" defer></script>
</head>
<body data-versi="{version}">
<header id="bilah">
<strong>Pratinjau LKjIP {year}</strong>
<span id="keadaan" role="status" aria-live="polite">Memuat…</span>
<nav><a id="pdf" href="/laporan/{pdf_name}" target="_blank" rel="noopener">PDF</a>
<a href="/laporan/{html_name}" target="_blank" rel="noopener">Buka laporan saja</a></nav>
</header>
<pre id="pesan" role="alert" hidden></pre>
<iframe id="laporan" title="Laporan LKjIP {year}" src="{src}"></iframe>
</body></html>
"""

STYLE = """html, body { margin: 0; height: 100%; font: 15px/1.4 "DejaVu Sans", "Segoe UI", sans-serif; }
body { display: flex; flex-direction: column; }
#bilah { display: flex; flex-wrap: wrap; gap: .2em 1em; align-items: baseline; padding: .45em .8em;
  background: #1f3a5f; color: #fff; }
#bilah a { color: #fff; }
#bilah nav { display: flex; gap: 1em; }
#keadaan { flex: 1 1 16em; }
#pesan { margin: 0; padding: .8em; background: #fde8e8; color: #6d0d0d; border-bottom: 3px solid #b71c1c;
  white-space: pre-wrap; overflow-wrap: anywhere; max-height: 45vh; overflow: auto; font-size: 14px; }
#pesan[hidden] { display: none; }
iframe { flex: 1; border: 0; width: 100%; background: #fff; }
"""

SCRIPT = """"use strict";
let versi = Number(document.body.dataset.versi), keadaan = "";
const el = (id) => document.getElementById(id);
function jam() { return new Date().toLocaleTimeString("id-ID"); }
function tampil(s) {
  if (s.keadaan === "galat") {
    el("pesan").textContent = s.pesan;
    el("pesan").hidden = false;
    el("keadaan").textContent = "Galat (" + jam() + ") — " + (s.versi ?
      "di bawah ini versi " + s.versi + ", versi terakhir yang berhasil" : "belum ada versi yang berhasil");
  } else if (s.keadaan === "memuat") {
    el("keadaan").textContent = s.tahap === "gambar" ? "Versi " + s.versi + ": teks dan tabel baru, gambar " +
      "sedang diperbarui…" : "Memperbarui…";
  } else {
    el("pesan").hidden = true;
    el("keadaan").textContent = "Versi " + s.versi + " (" + jam() + ", " +
      String(s.detik.toFixed(1)).replace(".", ",") + " detik) · " +
      s.ringkasan.split("\\n").pop().replace(/^Ringkasan .*: /, "");
  }
  if (s.versi !== versi && s.html) {
    const frame = el("laporan");
    let y = 0;
    try { y = frame.contentWindow.scrollY; } catch (e) { y = 0; }
    const shown = s.versi;
    frame.onload = () => {
      try { frame.contentWindow.scrollTo(0, y); } catch (e) { /* another page */ }
      fetch("/dimuat?versi=" + shown, {cache: "no-store"}).catch(() => {});
    };
    frame.src = "/laporan/" + s.html + "?v=" + s.versi;
    versi = s.versi;
  }
  keadaan = s.keadaan;
}
async function ikuti() {
  for (;;) {
    try {
      const r = await fetch("/status?versi=" + versi + "&keadaan=" + encodeURIComponent(keadaan),
                            {cache: "no-store"});
      tampil(await r.json());
    } catch (e) {
      el("keadaan").textContent = "Server pratinjau tidak menjawab (sudah dihentikan?)";
      await new Promise((ok) => setTimeout(ok, 1000));
    }
  }
}
ikuti();
"""

_KINDS = {".html": "text/html; charset=utf-8", ".pdf": "application/pdf", ".csv": "text/csv; charset=utf-8",
          ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".json": "application/json",
          ".md": "text/markdown; charset=utf-8", ".txt": "text/plain; charset=utf-8",
          ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
_WRAPPER_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; frame-src 'self'; "
                "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")


def _handler(session: Session, port: list[int]) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "lkjip-pratinjau"

        def log_message(self, format: str, *args: Any) -> None:  # quiet: the terminal shows our lines
            pass

        def _send(self, status: int, body: bytes, kind: str, extra: dict[str, str] | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.send_header("X-Content-Type-Options", "nosniff")
            for k, v in (extra or {}).items():
                self.send_header(k, v)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def _text(self, status: int, text: str) -> None:
            self._send(status, text.encode("utf-8"), "text/plain; charset=utf-8")

        def do_HEAD(self) -> None:  # noqa: N802 - http.server's naming
            self.do_GET()

        def do_GET(self) -> None:  # noqa: N802
            # another site's page must not reach this server through a name that points here
            if self.headers.get("Host") not in (f"{HOST}:{port[0]}", f"localhost:{port[0]}"):
                self._text(HTTPStatus.FORBIDDEN, "Host tidak dikenal.")
                return
            url = urlsplit(self.path)
            query = parse_qs(url.query)
            try:
                self._route(url.path, query)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def _route(self, path: str, query: dict[str, list[str]]) -> None:
            if path == "/":
                snap = session.snapshot()
                src = f"/laporan/{session.html_name}?v={snap['versi']}" if snap["versi"] else "about:blank"
                page = WRAPPER.format(year=session.year, html_name=html.escape(session.html_name),
                                      pdf_name=html.escape(session.pdf_name),
                                      src=html.escape(src), version=snap["versi"])
                self._send(200, page.encode("utf-8"), "text/html; charset=utf-8",
                           {"Content-Security-Policy": _WRAPPER_CSP})
            elif path == "/dimuat":  # the page's frame shows this version
                try:
                    session.loaded(int((query.get("versi") or ["0"])[0]))
                except ValueError:
                    pass
                self._send(HTTPStatus.NO_CONTENT, b"", "text/plain")
            elif path == "/pratinjau.js":
                self._send(200, SCRIPT.encode("utf-8"), "text/javascript; charset=utf-8")
            elif path == "/pratinjau.css":
                self._send(200, STYLE.encode("utf-8"), "text/css; charset=utf-8")
            elif path == "/favicon.ico":  # what a browser asks for the wrapper: the report's own icon
                from .render._web import ICON_SVG

                self._send(200, ICON_SVG.encode("utf-8"), "image/svg+xml")
            elif path == "/status":
                try:
                    version = int((query.get("versi") or ["-1"])[0])
                    wait = float((query.get("tunggu") or ["15"])[0])
                    if not math.isfinite(wait):
                        raise ValueError(wait)
                    wait = min(max(wait, 0.0), 60.0)
                except ValueError:
                    self._text(HTTPStatus.BAD_REQUEST, "Parameter 'versi' dan 'tunggu' harus angka.")
                    return
                state = (query.get("keadaan") or [""])[0]
                session.viewed()
                snap = session.wait(version, state, timeout=wait)
                self._send(200, json.dumps(snap).encode("utf-8"), "application/json")
            elif path.startswith("/laporan/"):
                self._file(unquote(path[len("/laporan/"):]))
            else:
                self._text(HTTPStatus.NOT_FOUND, "Tidak ditemukan.")

        def _pdf(self) -> None:
            try:
                target = session.pdf()
            except LkjipError as exc:
                self._text(HTTPStatus.CONFLICT, str(exc))
                return
            except Exception as exc:  # noqa: BLE001 - a bug: say so instead of dropping the connection
                self._text(HTTPStatus.INTERNAL_SERVER_ERROR, f"Kesalahan internal ({type(exc).__name__}: {exc}).")
                return
            self._send(200, target.read_bytes(), "application/pdf")

        def _file(self, rel: str) -> None:
            if rel == session.pdf_name:  # the report's own PDF link: made now when it is older
                self._pdf()
                return
            base = session.folder.resolve()
            try:
                target = (base / rel).resolve()
            except (OSError, ValueError):  # a NUL byte, a name too long: no such file
                self._text(HTTPStatus.NOT_FOUND, "Tidak ditemukan.")
                return
            if (not _inside(target, base) or not target.is_file()
                    or any(p.startswith(".") for p in target.relative_to(base).parts)):
                self._text(HTTPStatus.NOT_FOUND, "Tidak ditemukan.")
                return
            self._send(200, target.read_bytes(), _KINDS.get(target.suffix.lower(), "application/octet-stream"))

    return Handler


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = False


def watched(paths: ProjectPaths, year: int) -> list[Path]:
    """What a preview watches: the data (the year's, and the other years' a chapter may compare
    with), the notebooks, the report templates and the logo."""
    from .render._tools import template

    data = paths.data
    if any(_inside(Path(os.path.abspath(out)), Path(os.path.abspath(data))) for out in (paths.build, paths.output)):
        data = paths.year_data(year)  # the data folder holds what the preview writes: the year only
    return [data, paths.notebooks, template("lkjip.html").parent, paths.root / "report"]


def preview(year: int, paths: ProjectPaths, *, port: int = 0, debug: bool = False, quiet: bool = False,
            say: Callable[[str], None] | None = None, ready: Callable[[str], None] | None = None) -> int:
    """Serve the live preview of ``year`` until Ctrl-C (or SIGTERM); returns the exit code (0).

    ``say`` prints a line (default: stdout; ``quiet``: only the address and errors); ``ready`` is
    called with the address once the server listens. Raises :class:`DataError` when the year has no
    folder, :class:`UsageError` when the port cannot be used or the year's preview of this project
    already runs, :class:`RenderError` when pandoc or typst is missing."""
    say = say or (lambda text: print(text, flush=True))
    news = (lambda text: None) if quiet else say
    previous = _stop_on_signals()  # from the start: a Ctrl-C while starting stops it as cleanly
    lock = None
    try:
        lock = _start_lock(year, paths)
        return _serve(year, paths, lock, port=port, debug=debug, say=say, news=news, ready=ready)
    except KeyboardInterrupt:
        say("Pratinjau dihentikan.")
        return 0
    finally:
        for sig, handler in previous:
            signal.signal(sig, handler)
        if lock is not None:
            lock.close()


def _start_lock(year: int, paths: ProjectPaths) -> Any:
    """The lock of the year's preview folder (one preview of a year per project: two would write
    the same files); :class:`UsageError` naming the running one's address when it is taken."""
    from .render._lock import hold

    if not paths.year_data(year).is_dir():
        raise DataError(f"Folder data tidak ditemukan: {paths.year_data(year)}. Buat dengan 'lkjip init {year}'.")
    where = paths.year_build(year) / FOLDER / ".kunci"
    lock = hold(where)
    if lock is None:
        try:
            url = where.read_text(encoding="utf-8").strip()
        except OSError:
            url = ""
        raise UsageError(f"Pratinjau LKjIP {year} proyek ini sudah berjalan" + (f" di {url}" if url else "")
                         + f" (kunci {where}). Buka alamat itu, atau hentikan pratinjau itu dulu dengan Ctrl-C.")
    return lock


def _serve(year: int, paths: ProjectPaths, lock: Any, *, port: int, debug: bool, say: Callable[[str], None],
           news: Callable[[str], None], ready: Callable[[str], None] | None) -> int:
    """:func:`preview` once the lock is held: start the server, render, then follow the changes."""
    from .render._pandoc_engine import check_available

    check_available()
    session = Session(year, paths)
    bound = [port]
    try:
        server = _Server((HOST, port), _handler(session, bound))
    except OSError as exc:
        why = {errno.EADDRINUSE: "sudah dipakai program lain",
               errno.EACCES: "tidak diizinkan; port di bawah 1024 perlu hak administrator"}.get(exc.errno or 0,
                                                                                                str(exc.strerror or exc))
        raise UsageError(f"Port {port} di {HOST} tidak dapat dipakai ({why}). Pilih port lain dengan --port, atau "
                         "tanpa --port untuk port bebas.") from exc
    bound[0] = server.server_address[1]
    url = f"http://{HOST}:{bound[0]}/"
    lock.seek(0)
    lock.truncate()
    lock.write(url)  # for a second preview of the year, to point at this one
    lock.flush()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True)
    thread.start()
    watcher = Watcher(watched(paths, year))
    data, notebooks = watcher.roots[:2]  # the data folder, or only the year's when it holds the build
    try:
        say(f"Pratinjau LKjIP {year}: {url}\nMengawasi {data}, {notebooks} dan templat. "
            "Tekan Ctrl-C untuk berhenti.")
        if ready:
            ready(url)
        session.update(None, debug=debug)
        _report(session, say, news)
        while not _STOP.is_set():
            changed = watcher.changes()
            if changed:
                time.sleep(SETTLE_SECONDS)
                changed |= watcher.changes()
                news("Berubah: " + ", ".join(sorted(_short(p, paths) for p in changed)))
                session.update(changed, debug=debug, downloads_later=True)
                _report(session, say, news)
            elif not session.after_step(debug=debug):  # one download at a time while nothing changes
                time.sleep(POLL_SECONDS)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
    say("Pratinjau dihentikan.")
    return 0


_STOP = threading.Event()  # Ctrl-C or SIGTERM seen (kept even when a library swallows the interrupt)


def _stop_on_signals() -> list[tuple[int, Any]]:
    """Ctrl-C (SIGINT) and SIGTERM stop the preview: the interrupt is raised and remembered, so that a
    library catching it (a bare ``except:`` deep in a dependency) cannot keep the preview running.
    Returns the previous handlers (none off the main thread)."""
    def stop(signum: int, frame: Any) -> None:
        _STOP.set()
        raise KeyboardInterrupt

    if threading.current_thread() is not threading.main_thread():
        return []
    _STOP.clear()
    return [(sig, signal.signal(sig, stop)) for sig in (signal.SIGINT, signal.SIGTERM)]


def _short(path: Path, paths: ProjectPaths) -> str:
    for base in (paths.data, paths.root):
        if _inside(path, base):
            return path.relative_to(base).as_posix()
    return path.name


def _report(session: Session, say: Callable[[str], None], news: Callable[[str], None]) -> None:
    snap = session.snapshot()
    if snap["keadaan"] == "siap":
        news(f"Versi {snap['versi']} siap ({snap['detik']:.1f} detik, {snap['sel']} sel dijalankan).")
    else:
        say(snap["pesan"])


# --- measuring (bench) ----------------------------------------------------------------------------
# /status answers, besides the state: "versi" (the version shown, +1 for every page written; a data
# change gives two: text and tables first, "tahap": "gambar", then the figures), "berubah_pada" (when
# the change was noticed, time.time()), "siap_pada" (when the version shown was written) and
# "riwayat" (the last ten versions: [version, written at, stage]), "unduhan" ("ditulis" while the
# shown version's table downloads and open data are being written between saves, else "siap"). A
# save-to-page time is the first "riwayat" entry after the save minus the save's time (the browser
# then loads the page).
def status(url: str, versi: int = -1, keadaan: str = "", wait: float = 15.0) -> dict[str, Any]:
    """``/status`` of a running preview at ``url``: returns at once when its version or state differs
    from ``versi``/``keadaan``, else after ``wait`` seconds (long poll)."""
    query = f"status?versi={versi}&keadaan={keadaan}&tunggu={wait}"
    with urllib.request.urlopen(url.rstrip("/") + "/" + query, timeout=wait + 30) as r:
        return json.load(r)


def wait_version(url: str, after: int, timeout: float = 300.0) -> dict[str, Any]:
    """Wait until the preview at ``url`` shows a version newer than ``after`` (or shows an error);
    returns its status. For the benchmark: ``t = time.time()``, save a file, then
    ``wait_version(url, versi)["siap_pada"] - t`` (``versi``: the version before the save)."""
    deadline = time.monotonic() + timeout
    snap = status(url, wait=0)
    while time.monotonic() < deadline:
        if snap["versi"] > after or snap["keadaan"] == "galat":
            return snap
        snap = status(url, snap["versi"], snap["keadaan"], wait=min(15.0, max(0.1, deadline - time.monotonic())))
    raise TimeoutError(f"pratinjau {url} tidak menampilkan versi baru dalam {timeout:.0f} detik")
