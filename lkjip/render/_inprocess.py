"""A papermill engine that runs a chapter's cells in the current Python process.

papermill still parameterises the notebook and records every cell's outputs, exactly as with a
Jupyter kernel; only the kernel is skipped. A process that renders many reports (the workers of
``lkjip batch``) thus imports pandas, matplotlib and great-tables once instead of once per chapter.
Each notebook gets a fresh namespace. Not for use from several threads at once (one shell per
process): ``lkjip render`` keeps real kernels for its parallel chapters.
"""
from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from typing import Any

import nbformat
from papermill.engines import Engine, papermill_engines

from ._cache import DEPS_CELL_TAG, CellCache, is_display_cell
from ._execute import cell_frame, cell_line

ENGINE_NAME = "lkjip-dalam-proses"
# The cell cache of the chapter being run (set by the renderer around one chapter; None: no cache).
CELL_CACHE: list[CellCache | None] = [None]


_SETTLED: list[bool] = []


def settle() -> None:
    """Import what the chapters import (pandas, matplotlib, great-tables through lkjip's own
    modules), then move every object alive into the garbage collector's permanent generation
    (``gc.freeze``): its full collections, which a render triggers again and again, then no longer
    walk the libraries' hundreds of thousands of objects. Once per process; a worker of ``lkjip
    batch`` spent about an eighth of its CPU time in those walks. The collector is off while
    importing: the imports add objects that live as long as the process, yet their allocations set
    off full collections (about 0.1 s) that free next to nothing. The unreachable objects the imports
    leave (about 1 500, some 200 KB, once per process) are frozen with the rest."""
    if _SETTLED:
        return
    _SETTLED.append(True)
    enabled = gc.isenabled()
    gc.disable()
    try:
        import lkjip.notebook  # noqa: F401 - imported for their objects
        import lkjip.present.charts  # noqa: F401
        import lkjip.present.sections  # noqa: F401
        import lkjip.present.tables  # noqa: F401
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def _shell():
    from IPython.core.interactiveshell import InteractiveShell

    os.environ.setdefault("MPLBACKEND", "Agg")
    return InteractiveShell.instance()


@contextmanager
def importable(folder: str) -> Iterator[None]:
    """Modules in ``folder`` (an analyst's helper beside the notebooks) importable by the cells, as
    they are on a Jupyter kernel started there."""
    sys.path.insert(0, folder)
    try:
        yield
    finally:
        if folder in sys.path:
            sys.path.remove(folder)


class InProcessEngine(Engine):
    """papermill engine: execute code cells with IPython's ``InteractiveShell`` in this process."""

    @classmethod
    def execute_managed_notebook(cls, nb_man: Any, kernel_name: str, **kwargs: Any) -> None:
        with importable(os.getcwd()):  # papermill runs a chapter in its notebook's folder
            _run_cells(nb_man)


def _run_cells(nb_man: Any) -> None:
    """Execute the notebook's code cells (see :class:`InProcessEngine`)."""
    from IPython.utils.capture import capture_output

    from .. import load

    settle()
    shell = _shell()
    shell.reset(new_session=False)
    load.files_read(reset=True)  # the chapter reports only what it read itself
    cache = CELL_CACHE[0]
    sources: list[str] = []
    setup_reads: set[str] = set()  # files read by the cells that bind names: every later cell's input
    count = 0
    for index, cell in enumerate(nb_man.nb.cells):
        if cell.cell_type != "code":
            continue
        nb_man.cell_start(cell, index)
        count += 1
        sources.append(cell.source)
        deps_cell = DEPS_CELL_TAG in cell.get("metadata", {}).get("tags", [])  # reports every read so far
        cacheable = cache is not None and not deps_cell and is_display_cell(cell.source, shell.user_ns)
        key = cache.key(sources) if cache is not None and cacheable else ""
        hit = cache.lookup(key) if cache is not None and cacheable else None
        if hit is not None:
            cell.outputs = [nbformat.from_dict(o) for o in hit[0]]
            cell.execution_count = count
            load.mark_read(hit[1])
            nb_man.cell_complete(cell, index)
            continue
        recording: AbstractContextManager[set[str]] = nullcontext(set()) if deps_cell else load.reads_recorded()
        with recording as reads, capture_output(stdout=True, stderr=True, display=True) as cap:
            result = shell.run_cell(cell.source, store_history=False, silent=False)
        outputs = []
        for name, text in (("stdout", cap.stdout), ("stderr", cap.stderr)):
            if text:
                outputs.append(nbformat.v4.new_output("stream", name=name, text=text))
        for rich in cap.outputs:
            outputs.append(nbformat.v4.new_output("display_data", data=rich.data, metadata=rich.metadata or {}))
        error = result.error_before_exec or result.error_in_exec
        if error is not None:
            outputs.append(nbformat.v4.new_output("error", ename=type(error).__name__, evalue=str(error),
                                                  traceback=[f"{type(error).__name__}: {error}",
                                                             *cell_frame(count, cell_line(error))]))
        cell.outputs = outputs
        cell.execution_count = count
        if error is not None:
            nb_man.cell_exception(cell, index)
            nb_man.cell_complete(cell, index)
            break
        if cacheable and cache is not None:
            cache.store(key, [dict(o) for o in outputs], reads | setup_reads)
        elif not cacheable:
            setup_reads |= reads
        nb_man.cell_complete(cell, index)


papermill_engines.register(ENGINE_NAME, InProcessEngine)
