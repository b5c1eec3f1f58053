"""One render of a year at a time, and what killed runs left behind.

:func:`year_lock` holds an exclusive ``flock`` on ``_build/YEAR/.kunci`` for the whole render: a
second render of the same year (same build folder) waits for the first, up to
:data:`WAIT_SECONDS`, then gives up with a clear message. The kernel releases the lock when a
process dies, even by SIGKILL, so a stale lock never blocks anyone. While holding it,
:func:`clean_leftovers` removes staging folders of runs that were killed while publishing.
"""
from __future__ import annotations

import fcntl
import os
import shutil
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..errors import RenderError

WAIT_SECONDS = float(os.environ.get("LKJIP_LOCK_WAIT", "900"))
LOCK_NAME = ".kunci"


@contextmanager
def year_lock(build: Path, year: int, *, wait: float | None = None, quiet: bool = False) -> Iterator[None]:
    """Hold the render lock of ``year`` (folder ``build``); waits at most ``wait`` seconds."""
    limit = WAIT_SECONDS if wait is None else wait
    deadline = time.monotonic() + limit
    told = False
    while True:
        try:
            fh = hold(build / LOCK_NAME)
        except OSError as exc:
            raise RenderError(f"Tidak dapat menulis folder kerja {build} ({exc.strerror}). Periksa izin tulis dan "
                              "ruang disk, atau pilih folder lain dengan --build.") from exc
        if fh is not None:
            break
        if time.monotonic() >= deadline:
            raise RenderError(f"Laporan tahun {year} sedang dibuat oleh proses lain (kunci {build / LOCK_NAME}); "
                              f"sudah menunggu {limit:.0f} detik. Coba lagi setelah proses itu selesai.")
        if not told and not quiet:
            print(f"Menunggu render lain tahun {year} selesai (kunci {build / LOCK_NAME}) ...",
                  file=sys.stderr, flush=True)
            told = True
        time.sleep(0.2)
    try:
        yield
    finally:
        fh.close()  # releases the lock


def hold(path: Path) -> Any | None:
    """An exclusive ``flock`` on ``path`` held until the returned file is closed (or the process
    ends), or None at once when another process holds it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fh = path.open("a+", encoding="utf-8")
    try:
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        fh.close()
        return None
    return fh


def clean_leftovers(target: Path) -> list[Path]:
    """Remove what a killed publication of ``target`` left: ``.<name>-sementara-*`` staging folders
    next to it and ``.<entry>.lama`` folders inside it. Call only while holding the year lock."""
    removed = []
    for path in list(target.parent.glob(f".{target.name}-sementara-*")) if target.parent.is_dir() else []:
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    for old in list(target.glob(".*.lama")) if target.is_dir() else []:
        live = target / old.name[1:-len(".lama")]
        if live.exists():
            shutil.rmtree(old, ignore_errors=True)
            removed.append(old)
        else:  # killed between moving the old folder aside and moving the new one in: put it back
            os.replace(old, live)
    return removed
