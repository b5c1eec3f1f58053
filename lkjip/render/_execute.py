"""Execute chapter notebooks with papermill, on a kernel that runs the current interpreter."""
from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

from ..errors import RenderError

KERNEL_NAME = "python3"
_CELL_LINE = re.compile(r"Cell In\[(\d+)\], line (\d+)")  # IPython's name of a cell's frame in a traceback
_COLOUR = re.compile(r"\x1b\[[0-9;]*m")


def cell_line(exc: BaseException) -> int | None:
    """The line of the notebook cell at which ``exc`` was raised (the innermost frame in the cell's
    code; a syntax error: its line), or None."""
    import traceback

    if isinstance(exc, SyntaxError):
        return exc.lineno
    frames = traceback.extract_tb(exc.__traceback__)
    cell_file = next((f.filename for f in frames if f.name == "<module>"), None)
    return next((f.lineno for f in reversed(frames) if f.filename == cell_file), None)


def cell_frame(count: int, line: int | None) -> list[str]:
    """The traceback line IPython writes for a cell's frame (what :func:`failed_cell` reads back)."""
    return [f"Cell In[{count}], line {line}"] if line else []


def failed_cell(chapter: str, cell: int, line: int | None, ename: str, evalue: str) -> str:
    """``Bab 'x.ipynb' gagal dijalankan pada sel N (baris L): Type: message``: cells numbered as the
    notebook shows them (every cell, Markdown ones too, from 1), as ``lkjip render`` and ``lkjip
    preview`` both say it."""
    where = f" (baris {line})" if line else ""
    return f"Bab '{chapter}' gagal dijalankan pada sel {cell}{where}: {ename}: {evalue}"


def _papermill_failure(exc: Any, executed: Path) -> tuple[int, int | None]:
    """The chapter's own number of the cell papermill names in ``exc`` (its executed notebook also
    holds the injected parameters cell) and the cell's line from the traceback."""
    number = exc.cell_index + 1
    try:
        cells = json.loads(executed.read_text(encoding="utf-8")).get("cells", [])
        injected = next((i for i, c in enumerate(cells)
                         if "injected-parameters" in (c.get("metadata", {}).get("tags") or [])), None)
    except (OSError, ValueError):
        injected = None
    if injected is not None and injected < exc.cell_index:
        number -= 1
    found = [m for text in exc.traceback or [] for m in _CELL_LINE.finditer(_COLOUR.sub("", str(text)))]
    own = [m for m in found if found and m.group(1) == found[0].group(1)]
    return number, int(own[-1].group(2)) if own else None


def install_kernelspec(folder: Path) -> Path:
    """Write a ``python3`` kernelspec running ``sys.executable`` under ``folder/jupyter/kernels``.

    Returns the folder to put first on ``JUPYTER_PATH``. This makes the executed kernel the
    interpreter (and venv) running lkjip, whatever kernels are installed elsewhere.
    """
    share = folder / "jupyter"
    spec_dir = share / "kernels" / KERNEL_NAME
    spec_dir.mkdir(parents=True, exist_ok=True)
    spec = {"argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}",
                     "--IPKernelApp.log_level=CRITICAL"],
            "display_name": "Python 3 (lkjip)", "language": "python",
            "env": {"MPLBACKEND": "Agg", "PYTHONHASHSEED": "0"}}
    (spec_dir / "kernel.json").write_text(json.dumps(spec, indent=1), encoding="utf-8")
    return share


@contextmanager
def kernels(share: Path) -> Iterator[None]:
    """Make the kernelspec installed in ``share`` the one papermill starts (set once, then run
    chapters, possibly in several threads, inside this context)."""
    old = os.environ.get("JUPYTER_PATH")
    os.environ["JUPYTER_PATH"] = os.pathsep.join([str(share), *([old] if old else [])])
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("JUPYTER_PATH", None)
        else:
            os.environ["JUPYTER_PATH"] = old


def execute_chapter(source: Path, target: Path, parameters: dict[str, Any], share: Path | None = None, *,
                    cwd: Path | None = None, display_name: str | None = None, in_process: bool = False) -> Path:
    """Execute ``source`` into ``target`` with ``parameters`` injected; raise :class:`RenderError`
    (in Bahasa Indonesia, naming the notebook, cell and error) on failure, keeping ``target``.

    ``share``: kernelspec folder to use (else the caller has entered :func:`kernels`); ``cwd``:
    working folder of the kernel (default: the notebook's folder); ``display_name``: the chapter's
    name in messages (default: the file name of ``source``); ``in_process``: run the cells in this
    process (:mod:`._inprocess`) instead of a kernel."""
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    name = display_name or source.name
    target.parent.mkdir(parents=True, exist_ok=True)
    engine_kw: dict[str, Any] = {}
    if in_process:
        from ._inprocess import ENGINE_NAME

        engine_kw["engine_name"] = ENGINE_NAME
    try:
        with kernels(share) if share else nullcontext():
            pm.execute_notebook(str(source), str(target), parameters=parameters, kernel_name=KERNEL_NAME,
                                progress_bar=False, log_output=False, cwd=str(cwd or source.parent),
                                request_save_on_cell_execute=False, **engine_kw)
    except PapermillExecutionError as exc:
        number, line = _papermill_failure(exc, target)
        raise RenderError(
            failed_cell(name, number, line, exc.ename, exc.evalue) + f"\nNotebook yang gagal disimpan di {target} "
            "(buka untuk melihat detail galat). Laporan sebelumnya tidak diubah.") from exc
    except RenderError:
        raise
    except Exception as exc:  # kernel could not start, notebook unreadable, ...
        raise RenderError(f"Bab '{name}' tidak dapat dijalankan: {type(exc).__name__}: {exc}. "
                          "Laporan sebelumnya tidak diubah.") from exc
    return target
