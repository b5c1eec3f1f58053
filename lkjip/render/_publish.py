"""Atomic publication: outputs are built in a staging folder next to the output folder and moved
into place only when every output succeeded; a failure leaves the previous report untouched."""
from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def staging_dir(target: Path) -> Iterator[Path]:
    """A temporary folder on the same file system as ``target`` (removed afterwards)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=f".{target.name}-sementara-", dir=target.parent))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def publish(staging: Path, target: Path) -> list[Path]:
    """Move every entry of ``staging`` into ``target`` (files by atomic rename; folders are swapped)."""
    target.mkdir(parents=True, exist_ok=True)
    moved = []
    for entry in sorted(staging.iterdir()):
        dest = target / entry.name
        if entry.is_dir():
            old = None
            if dest.exists():
                old = target / f".{entry.name}.lama"
                shutil.rmtree(old, ignore_errors=True)
                os.replace(dest, old)
            os.replace(entry, dest)
            if old:
                shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(entry, dest)
        moved.append(dest)
    return moved
