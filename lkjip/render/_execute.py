"""Execute chapter notebooks with papermill, on a kernel that runs the current interpreter."""
from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

from ..errors import RenderError

KERNEL_NAME = "python3"


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
        raise RenderError(
            f"Bab '{name}' gagal dijalankan pada sel {exc.exec_count or exc.cell_index + 1}: "
            f"{exc.ename}: {exc.evalue}\nNotebook yang gagal disimpan di {target} (buka untuk melihat "
            "detail galat). Laporan sebelumnya tidak diubah.") from exc
    except RenderError:
        raise
    except Exception as exc:  # kernel could not start, notebook unreadable, ...
        raise RenderError(f"Bab '{name}' tidak dapat dijalankan: {type(exc).__name__}: {exc}. "
                          "Laporan sebelumnya tidak diubah.") from exc
    return target
