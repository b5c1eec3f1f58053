"""Render many units and/or years at once (``lkjip batch``), with a process pool.

Each job is one (unit data folder, year). Jobs run ``jobs`` at a time in separate processes; inside a
job the chapters run one after the other, through papermill but without a kernel per chapter (the
worker imports the libraries once; see :mod:`lkjip.render._inprocess`), since the pool already keeps
the cores busy. One failing job
never stops the others: the summary lists every job with its outcome.
"""
from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from ._paths import ProjectPaths
from .errors import LkjipError


@dataclass(frozen=True)
class Job:
    """One report to render: the unit's data folder (holding ``<year>/``), its name and the year."""

    data: Path
    unit: str
    year: int


@dataclass(frozen=True)
class Outcome:
    job: Job
    ok: bool
    seconds: float
    message: str = ""
    exit_code: int = 0
    html: str = ""
    pdf: str = ""
    executed: int = 0


def plan(paths: ProjectPaths, years: Sequence[int], units: Sequence[Path]) -> list[Job]:
    """Every (unit, year) pair; without ``units`` the project's own data folder is the one unit."""
    folders = [Path(u).resolve() for u in units] or [paths.data]
    names = [f.name for f in folders]
    if len(set(names)) != len(names):  # two units called the same: use their parent too
        names = [f"{f.parent.name}-{f.name}" for f in folders]
    return [Job(f, n, y) for f, n in zip(folders, names) for y in years]


def job_paths(paths: ProjectPaths, job: Job, single: bool) -> ProjectPaths:
    """Output/build folders per unit (``OUTPUT/<unit>/<year>``), or the usual ones for one unit."""
    if single:
        return ProjectPaths(paths.root, data_root=job.data, build_root=paths.build, output_root=paths.output)
    return ProjectPaths(paths.root, data_root=job.data, build_root=paths.build / job.unit,
                        output_root=paths.output / job.unit)


def _run(job: Job, paths: ProjectPaths, engine: str) -> Outcome:
    """Render one job in this (worker) process; never raises for a user error or a render failure."""
    from .report import render_year

    start = time.monotonic()
    try:
        result = render_year(job.year, paths, engine=engine, quiet=True, jobs=1, in_process=True)
    except LkjipError as exc:
        return Outcome(job, False, time.monotonic() - start, str(exc).splitlines()[0], exc.exit_code)
    except Exception as exc:  # a bug in one job must not stop the batch
        return Outcome(job, False, time.monotonic() - start, f"kesalahan internal: {type(exc).__name__}: {exc}", 1)
    return Outcome(job, True, time.monotonic() - start, html=str(result.html), pdf=str(result.pdf),
                   executed=result.executed_count)


def run_batch(paths: ProjectPaths, jobs_list: Sequence[Job], *, engine: str = "pandoc", jobs: int = 1,
              done: Callable[[Outcome, int, int], None] | None = None) -> list[Outcome]:
    """Render every job, ``jobs`` processes at a time; outcomes in the order of ``jobs_list``."""
    single = len({j.data for j in jobs_list}) == 1
    outcomes: dict[int, Outcome] = {}
    if jobs <= 1 or len(jobs_list) == 1:
        for i, job in enumerate(jobs_list):
            outcomes[i] = _run(job, job_paths(paths, job, single), engine)
            if done:
                done(outcomes[i], len(outcomes), len(jobs_list))
    else:
        # fresh interpreters with a fixed hash seed: output bytes must not depend on the worker
        os.environ["PYTHONHASHSEED"] = "0"
        with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
            futures = {pool.submit(_run, job, job_paths(paths, job, single), engine): i
                       for i, job in enumerate(jobs_list)}
            for future in as_completed(futures):
                outcomes[futures[future]] = future.result()
                if done:
                    done(outcomes[futures[future]], len(outcomes), len(jobs_list))
    return [outcomes[i] for i in range(len(jobs_list))]


def summary(outcomes: Sequence[Outcome], seconds: float) -> str:
    """A plain-text table: unit, year, outcome, time; then the totals."""
    width = max([len(o.job.unit) for o in outcomes] + [4])
    lines = [f"{'Unit':<{width}}  Tahun  Hasil     Waktu   Keterangan"]
    for o in outcomes:
        note = o.html if o.ok else o.message
        lines.append(f"{o.job.unit:<{width}}  {o.job.year:<5}  {'berhasil' if o.ok else 'GAGAL':<8}  "
                     f"{o.seconds:5.1f} d  {note}")
    ok = sum(o.ok for o in outcomes)
    lines.append(f"\n{ok} dari {len(outcomes)} laporan berhasil, {len(outcomes) - ok} gagal. "
                 f"Waktu total: {seconds:.1f} detik.")
    return "\n".join(lines)
