"""Orchestration of one render: execute chapters, build outputs in staging, publish atomically."""
from __future__ import annotations

import hashlib
import json
import shutil
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from .._paths import ProjectPaths
from ..errors import RenderError, UsageError
from . import _pandoc_engine, _quarto, _tools
from .._inputs import logo_findings
from ..load import names_in
from ._cache import (CellCache, ChapterCache, changed_since, changed_while_read, chapter_key, code_fingerprint, file_sha,
                     local_code, outside_files, read_entry, snapshot, take_deps, with_deps_cell, write_entry)
from ._lock import clean_leftovers, year_lock
from ._execute import execute_chapter, install_kernelspec, kernels
from ._numbering import number_captions
from ._assemble import DATA_DIR
from ._parts import Markdown, Part, read_parts
from ._provenance import colophon, open_data_note, provenance_markdown
from ._publish import publish, staging_dir

Progress = Callable[[str, int, int], None]
ENGINES = ("pandoc", "quarto")


@dataclass(frozen=True)
class RenderResult:
    """Where the report went and how it was made."""

    html: Path
    pdf: Path
    engine: str
    notebooks: list[Path] = field(default_factory=list)
    executed_count: int = 0  # chapters whose kernel ran (the others came from the cache)
    reused_output: bool = False  # HTML/PDF were already up to date
    warnings: int = 0  # findings of the check before the render (set by lkjip.report)
    draft: bool = False  # some inputs are still empty (the report is marked DRAF)


def resolve_engine(engine: str) -> str:
    """``pandoc`` (the default: pandoc + typst from Python wheels, what the tests run) or ``quarto``
    (only when asked for; it must be on PATH)."""
    if engine not in ENGINES:
        raise UsageError(f"Mesin render tidak dikenal: '{engine}'. Pilihan: {', '.join(ENGINES)}.")
    if engine == "quarto" and not _tools.quarto_path():
        raise RenderError("Mesin 'quarto' diminta tetapi perintah 'quarto' tidak ditemukan di PATH. Pasang "
                          "Quarto atau gunakan '--engine pandoc' (pandoc + typst, sudah terpasang).")
    return engine


def logo_path(paths: ProjectPaths, metadata: Mapping[str, str] | None = None) -> Path | None:
    given = (metadata or {}).get("logo")
    candidates = [Path(given)] if given else [paths.root / "report" / f"logo.{ext}" for ext in ("svg", "png", "jpg")]
    return next((p for p in candidates if p.is_file()), None)


def _run_chapter(chapter: Path, folder: Path, params: dict[str, Any], build: Path, year_dir: Path,
                 use_cache: bool, in_process: bool, shas: Mapping[str, str] | None = None) -> tuple[Path, list[str]]:
    """Execute one chapter into ``folder`` and remember what it read; returns the notebook and the
    files it read (names relative to ``year_dir``)."""
    cache = ChapterCache(build / "cache" / chapter.stem)
    cache.clear()
    target = folder / chapter.name
    source = with_deps_cell(chapter, build / "sumber" / chapter.name)
    cells = (CellCache(build / "cache" / "sel" / chapter.stem, shas, year_dir, local_code(chapter.parent))
             if use_cache and in_process and shas is not None else None)
    from . import _inprocess  # papermill: only when a chapter runs

    _inprocess.CELL_CACHE[0] = cells
    try:
        execute_chapter(source, target, params, cwd=chapter.parent, display_name=chapter.name,
                        in_process=in_process)
    finally:
        _inprocess.CELL_CACHE[0] = None
    files = names_in(take_deps(target), year_dir)
    if shas is not None:  # made from other content than the render began with: nothing filed or published
        _check_unchanged(year_dir, shas, changed_while_read(year_dir, shas, files))
    if use_cache:  # filed under the inputs as hashed *before* the run (the snapshot)
        if cells is not None:
            cells.commit()
        cache.store(chapter_key(chapter, params), target, files, year_dir, shas)
    return target, files


def _execute_all(chapters: Sequence[Path], folder: Path, parameters: dict[str, Any], build: Path,
                 progress: Progress | None, total: int, *, jobs: int, use_cache: bool,
                 in_process: bool | None = None,
                 shas: Mapping[str, str] | None = None) -> tuple[list[Path], int, list[str]]:
    """Reuse every chapter whose cache is valid, execute the others ``jobs`` at a time; returns the
    notebooks in chapter order, how many ran and the files the chapters read (names relative to the
    year folder). The first failure is raised after the running chapters finish.

    ``in_process``: run chapters without kernels (:mod:`._inprocess`, one at a time), so that the
    libraries are imported and the year is loaded and computed once (:mod:`lkjip.compute`); ``None``
    chooses it unless ``jobs`` > 1 and more than one chapter has to run."""
    share = install_kernelspec(build)
    year_dir = Path(parameters["data_dir"]) / str(parameters["year"])
    folder.mkdir(parents=True, exist_ok=True)
    chapters = [Path(c) for c in chapters]
    stale = []
    reads: set[str] = set()
    for chapter in chapters:
        hit = (ChapterCache(build / "cache" / chapter.stem).lookup(chapter_key(chapter, parameters), year_dir, shas)
               if use_cache else None)
        if hit is not None:
            shutil.copyfile(hit[0], folder / chapter.name)
            reads.update(hit[1])
        else:
            stale.append(chapter)
    inproc = (len(stale) == 1 or jobs <= 1) if in_process is None else in_process
    lock = threading.Lock()
    started = [len(chapters) - len(stale)]

    def run(chapter: Path) -> tuple[Path, list[str]]:
        with lock:
            started[0] += 1
            if progress:
                progress(chapter.name, started[0], total)
        return _run_chapter(chapter, folder, parameters, build, year_dir, use_cache, inproc, shas)

    first_error: BaseException | None = None
    with kernels(share), ThreadPoolExecutor(max_workers=1 if inproc else max(1, jobs)) as pool:
        for future in [pool.submit(run, c) for c in stale]:
            try:
                reads.update(future.result()[1])
            except BaseException as exc:  # noqa: BLE001 - re-raised below, after the others finish
                first_error = first_error or exc
    if first_error is not None:
        raise first_error
    return [folder / c.name for c in chapters], len(stale), sorted(reads)


def _output_key(executed: Sequence[Path], meta: Mapping[str, str], used: str, provenance: str,
                logo: Path | None, extras: Mapping[str, bytes], year: int) -> str:
    """Content hash of everything the HTML/PDF and the published extra files are made from."""
    digest = hashlib.sha256()
    for nb in executed:
        digest.update(Path(nb).read_bytes())
    digest.update(json.dumps(dict(meta), sort_keys=True).encode())
    digest.update(f"{used}\0{provenance}\0{code_fingerprint()}".encode())
    digest.update(f"\0{_pandoc_engine.fixed_timestamp(year)}".encode())  # the PDF's date (SOURCE_DATE_EPOCH)
    digest.update(file_sha(logo).encode() if logo else b"-")
    for rel, payload in sorted(extras.items()):
        digest.update(rel.encode() + b"\0" + hashlib.sha256(payload).digest())
    return digest.hexdigest()


def _check_unchanged(year_dir: Path, shas: Mapping[str, str], changed: Sequence[str] | None = None) -> None:
    """Refuse to publish when a data file changed since the render read it (``changed``: those found
    already, else the year's files changed since the snapshot ``shas``)."""
    changed = changed_since(year_dir, shas) if changed is None else changed
    if changed:
        raise RenderError(f"Berkas data berubah selama render: {', '.join(changed[:10])} (di {year_dir}). Laporan "
                          "tidak diterbitkan agar tidak memuat angka lama; jalankan 'lkjip render' lagi.")


def render_book(year: int, paths: ProjectPaths, *, inputs_snapshot: Mapping[str, str] | None = None,
                **options: Any) -> RenderResult:
    """Execute ``chapters`` (papermill; ``year``, ``data_dir`` and ``parameters`` injected) into
    ``year_build(year)/notebooks`` and write ``lkjip-<year>.html`` and ``lkjip-<year>.pdf`` into
    ``year_output(year)``, atomically. ``metadata``: title, subtitle, unit, kabupaten, year, author,
    date (and optionally logo). ``inputs``: data files listed with their SHA-256 at the end.

    Chapters run one after the other in this process by default, or ``jobs`` at a time on Jupyter
    kernels when ``jobs`` > 1 is given (each kernel imports the libraries and loads the year again,
    which costs more than it gains on a few cores). With ``cache``, a chapter is executed
    only when its notebook, the library or a data file it read changed (:mod:`._cache`), and the
    HTML/PDF are rebuilt only when a chapter's result or the inputs changed. ``in_process`` runs the
    chapters in this process through papermill without kernels (:mod:`._inprocess`); by default
    unless ``jobs`` > 1. ``self_contained`` also writes
    ``lkjip-<year>-mandiri.html``, one file with its images inline (pandoc engine).

    Raises :class:`RenderError` (Bahasa Indonesia) when a chapter or an engine fails; the failed
    notebook stays in the build folder and the previous output is left untouched.

    One render per year at a time (:mod:`._lock`; a second one waits). ``inputs_snapshot``: the
    SHA-256 of the year's data files taken before they were read (:func:`._cache.snapshot`; taken
    here when not given). Cache entries record these hashes, and a render whose data changed while
    it ran is refused before publishing, so an old result is never filed under new content.
    Options: those of :func:`_render_book`.
    """
    build = paths.year_build(year)
    with year_lock(build, year, quiet=options.get("progress") is None):
        try:
            return _render_book(year, paths, inputs_snapshot=inputs_snapshot, **options)
        except OSError as exc:  # read-only or full disk: name the place
            where = exc.filename or paths.year_output(year)
            raise RenderError(f"Gagal menulis {where} ({exc.strerror or exc}). Periksa izin tulis dan ruang disk; "
                              "laporan sebelumnya tidak diubah.") from exc


def _render_book(year: int, paths: ProjectPaths, *, chapters: Sequence[Path], parameters: Mapping[str, Any] | None = None,
                 engine: str = "pandoc", metadata: Mapping[str, str] | None = None, inputs: Sequence[Path] = (),
                 progress: Progress | None = None, version: str | None = None, jobs: int | None = None,
                 cache: bool = True, in_process: bool | None = None,
                 extra_files: Mapping[str, bytes] | None = None,
                 inputs_snapshot: Mapping[str, str] | None = None, self_contained: bool = False) -> RenderResult:
    """The render itself, under the year lock (see :func:`render_book`)."""
    from .. import __version__

    if not chapters:
        raise RenderError("Tidak ada notebook bab untuk dirender.")
    used = resolve_engine(engine)
    if used == "pandoc":
        _pandoc_engine.check_available()
    version = version or __version__
    meta = {k: str(v) for k, v in (metadata or {}).items()}
    meta.setdefault("year", str(year))
    logo = logo_path(paths, meta)
    bad_logo = logo_findings(logo)
    if bad_logo:  # lkjip check names it first
        raise RenderError(bad_logo[0].format())
    build = paths.year_build(year)
    nb_dir = build / "notebooks"
    shutil.rmtree(nb_dir, ignore_errors=True)
    params: dict[str, Any] = {"year": year, "data_dir": str(paths.data), **dict(parameters or {})}
    year_dir = Path(params["data_dir"]) / str(year)
    shas = dict(inputs_snapshot) if inputs_snapshot is not None else snapshot(year_dir)
    clean_leftovers(paths.year_output(year))
    total = len(chapters) + 1
    executed, ran, reads = _execute_all(chapters, nb_dir, params, build, progress, total,
                                 jobs=jobs or 1, use_cache=cache,
                                 in_process=in_process, shas=shas)
    _check_unchanged(year_dir, shas)

    label = f"Quarto {_tools.quarto_version()}" if used == "quarto" else _pandoc_engine.engine_label()
    # the year's files, and another year's that a chapter read (a comparison with last year)
    inputs = [*inputs, *outside_files(reads, year_dir)]
    provenance = provenance_markdown(inputs, paths.data, version=version, engine=label)
    target = paths.year_output(year)
    stamp = build / "keluaran.json"
    extras = dict(extra_files or {})
    provenance += open_data_note(extras)
    key = _output_key(executed, meta, used, provenance + ("\0mandiri" if self_contained else ""), logo, extras, year)
    done = read_entry(stamp, key, target) if cache else None
    if done is not None:  # every published file is still the one made from these inputs
        _check_unchanged(year_dir, shas)
        if progress:
            progress("HTML + PDF (tidak berubah)", total, total)
        return RenderResult(target / done["html"], target / done["pdf"], label, executed, executed_count=ran,
                            reused_output=True)
    stamp.unlink(missing_ok=True)
    if progress:
        progress("HTML + PDF", total, total)
    with staging_dir(target) as staging:
        for rel, payload in sorted(extras.items()):  # first: the HTML lists the open data with sizes
            dest = staging / "data" / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(payload)
        if used == "quarto":
            project = build / "quarto"
            shutil.rmtree(project, ignore_errors=True)
            _quarto.write_quarto_project(project, executed, year=year, metadata=meta, provenance_md=provenance,
                                         template=paths.root / "_quarto.yml", logo=logo)
            html, pdf = _quarto.run_quarto(project, staging, year)
            _pandoc_engine.write_table_data([p for nb in executed for p in read_parts(nb)], staging / DATA_DIR)
        else:
            parts: list[Part] = number_captions(p for nb in executed for p in read_parts(nb))
            parts.append(Markdown(colophon(provenance)))
            html, pdf = _pandoc_engine.render(parts, staging, build / "render", year=year, metadata=meta,
                                              version=version, logo=logo, self_contained=self_contained)
        published = [p.relative_to(staging).as_posix() for p in staging.rglob("*") if p.is_file()]
        _check_unchanged(year_dir, shas)
        publish(staging, target)
        if not self_contained:  # an e-mail copy from an earlier render would show the old report
            (target / f"lkjip-{year}-mandiri.html").unlink(missing_ok=True)
    write_entry(stamp, key, published, target, html=html.name, pdf=pdf.name)
    return RenderResult(target / html.name, target / pdf.name, label, executed, executed_count=ran)
