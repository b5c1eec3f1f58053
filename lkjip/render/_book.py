"""Orchestration of one render: execute chapters, build outputs in staging, publish atomically."""
from __future__ import annotations

import shutil
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .._paths import ProjectPaths
from ..errors import RenderError, UsageError
from . import _pandoc_engine, _quarto, _tools
from ._execute import execute_chapter, install_kernelspec
from ._parts import Markdown, Part, read_parts
from ._provenance import provenance_markdown
from ._publish import publish, staging_dir

Progress = Callable[[str, int, int], None]
ENGINES = ("auto", "quarto", "pandoc")


@dataclass(frozen=True)
class RenderResult:
    """Where the report went and how it was made."""

    html: Path
    pdf: Path
    engine: str
    notebooks: list[Path] = field(default_factory=list)


def resolve_engine(engine: str) -> str:
    """``auto`` -> ``quarto`` when it is on PATH, else ``pandoc``; ``quarto`` requires it."""
    if engine not in ENGINES:
        raise UsageError(f"Mesin render tidak dikenal: '{engine}'. Pilihan: {', '.join(ENGINES)}.")
    if engine == "auto":
        return "quarto" if _tools.quarto_path() else "pandoc"
    if engine == "quarto" and not _tools.quarto_path():
        raise RenderError("Mesin 'quarto' diminta tetapi perintah 'quarto' tidak ditemukan di PATH. Pasang "
                          "Quarto atau gunakan '--engine pandoc' (pandoc + typst, sudah terpasang).")
    return engine


def _logo(paths: ProjectPaths, metadata: Mapping[str, str]) -> Path | None:
    given = metadata.get("logo")
    candidates = [Path(given)] if given else [paths.root / "report" / f"logo.{ext}" for ext in ("svg", "png", "jpg")]
    return next((p for p in candidates if p.is_file()), None)


def _execute_all(chapters: Sequence[Path], folder: Path, parameters: dict[str, Any], build: Path,
                 progress: Progress | None, total: int) -> list[Path]:
    share = install_kernelspec(build)
    executed = []
    for i, chapter in enumerate(chapters, 1):
        if progress:
            progress(chapter.name, i, total)
        executed.append(execute_chapter(Path(chapter), folder / Path(chapter).name, parameters, share))
    return executed


def render_book(year: int, paths: ProjectPaths, *, chapters: Sequence[Path], parameters: Mapping[str, Any] | None = None,
                engine: str = "auto", metadata: Mapping[str, str] | None = None, inputs: Sequence[Path] = (),
                progress: Progress | None = None, version: str | None = None) -> RenderResult:
    """Execute ``chapters`` (papermill; ``year``, ``data_dir`` and ``parameters`` injected) into
    ``year_build(year)/notebooks`` and write ``lkjip-<year>.html`` and ``lkjip-<year>.pdf`` into
    ``year_output(year)``, atomically. ``metadata``: title, subtitle, unit, kabupaten, year, author,
    date (and optionally logo). ``inputs``: data files listed with their SHA-256 at the end.

    Raises :class:`RenderError` (Bahasa Indonesia) when a chapter or an engine fails; the failed
    notebook stays in the build folder and the previous output is left untouched.
    """
    from .. import __version__

    if not chapters:
        raise RenderError("Tidak ada notebook bab untuk dirender.")
    used = resolve_engine(engine)
    version = version or __version__
    meta = {k: str(v) for k, v in (metadata or {}).items()}
    meta.setdefault("year", str(year))
    build = paths.year_build(year)
    nb_dir = build / "notebooks"
    shutil.rmtree(nb_dir, ignore_errors=True)
    params: dict[str, Any] = {"year": year, "data_dir": str(paths.data), **dict(parameters or {})}
    total = len(chapters) + 1
    executed = _execute_all(chapters, nb_dir, params, build, progress, total)

    label = f"Quarto {_tools.quarto_version()}" if used == "quarto" else _pandoc_engine.engine_label()
    provenance = provenance_markdown(inputs, paths.data, version=version, engine=label)
    if progress:
        progress("HTML + PDF", total, total)
    target = paths.year_output(year)
    with staging_dir(target) as staging:
        if used == "quarto":
            project = build / "quarto"
            shutil.rmtree(project, ignore_errors=True)
            _quarto.write_quarto_project(project, executed, year=year, metadata=meta, provenance_md=provenance,
                                         template=paths.root / "_quarto.yml")
            html, pdf = _quarto.run_quarto(project, staging, year)
        else:
            parts: list[Part] = [p for nb in executed for p in read_parts(nb)]
            parts.append(Markdown(provenance))
            html, pdf = _pandoc_engine.render(parts, staging, build / "render", year=year, metadata=meta,
                                              version=version, logo=_logo(paths, meta))
        publish(staging, target)
    return RenderResult(target / html.name, target / pdf.name, label, executed)
