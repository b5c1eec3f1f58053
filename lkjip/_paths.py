"""Every path of the project derives from one root (RAP practice).

The root is, in order: an explicit argument, the ``LKJIP_ROOT`` environment variable, or the
nearest folder above the current directory that holds both ``data/`` and ``notebooks/``.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


def find_root(start: Path | None = None) -> Path:
    """Return the project root (see module docstring)."""
    env = os.environ.get("LKJIP_ROOT")
    if env:
        return Path(env).resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "data").is_dir() and (folder / "notebooks").is_dir():
            return folder
    return here


@dataclass(frozen=True)
class ProjectPaths:
    """Paths of one project; ``data_root`` may be overridden (e.g. for test fixtures)."""

    root: Path
    data_root: Path | None = None
    build_root: Path | None = None
    output_root: Path | None = None

    @classmethod
    def discover(cls, root: str | Path | None = None, **overrides: str | Path | None) -> "ProjectPaths":
        base = Path(root).resolve() if root else find_root()
        clean = {k: Path(v).resolve() for k, v in overrides.items() if v is not None}
        return cls(base, **clean)

    @property
    def data(self) -> Path:
        return self.data_root or self.root / "data"

    @property
    def notebooks(self) -> Path:
        return self.root / "notebooks"

    @property
    def build(self) -> Path:
        return self.build_root or self.root / "_build"

    @property
    def output(self) -> Path:
        return self.output_root or self.root / "_output"

    def year_data(self, year: int) -> Path:
        return self.data / str(year)

    def year_build(self, year: int) -> Path:
        return self.build / str(year)

    def year_output(self, year: int) -> Path:
        return self.output / str(year)
