"""Benchmark of `lkjip render` and `lkjip preview` against the floor and the limit. Prints figures;
never fails on timing.

Measures, on this machine and in one run of this script:

* limit — ``bench/limit.py``: a fresh interpreter importing the libraries the report needs, plus
  pandoc and typst assembling the final HTML and PDF from finished parts; nothing else;
* floor — ``bench/floor.py``: one process builds every table and chart and assembles HTML + PDF;
* cold — ``lkjip render 2024`` with an empty build folder;
* unchanged — the same render again;
* prose — after one Bab III prose file changed;
* realisation — after one realisation value changed (``program.csv``);
* preview — ``lkjip preview 2024`` running: from saving a changed realisation to the preview
  serving the page with the new total;
* batch — ``lkjip batch`` of N units (copies of data/2024 under other unit names);
* and once, where a realisation render's time goes (``bench/phases.py``), and how long the same
  render takes in a process that rendered before (``bench/phases.py --warm``).

Each figure is the median of ``--runs`` runs (the batch: ``--batch-runs``) with its spread
(min–max), printed with its ratio to the floor (the floor: to the limit), and written to
``bench/results.md`` and into the README's performance section. The targets are judged on wall-clock
time. Beside it, the CPU time (user + system of every process involved, pandoc and typst included):
other work running on the machine at the same time slows the wall clock far more than it changes
the CPU time, so the CPU ratios show what a quiet machine would. The load average before and after
is printed too. lkjip's own modules are compiled to bytecode first, as installing a package does.

Usage: ``.venv/bin/python bench/bench.py [--runs 5] [--units 40] [--batch-runs 1]``
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
LKJIP = str(BIN / "lkjip")
# measurement -> (compared with, at most this many times it)
TARGETS = {"floor": ("limit", 2.0), "cold": ("floor", 1.5), "unchanged": ("floor", 0.25), "prose": ("floor", 1.0),
           "realisation": ("floor", 0.6), "preview": ("floor", 0.2)}
BATCH_FACTOR = 1.8


def children_cpu() -> float:
    """CPU seconds of the finished child processes (and theirs, e.g. pandoc under lkjip)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(cmd: list[str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of ``cmd``."""
    start, cpu = time.perf_counter(), children_cpu()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"gagal: {' '.join(cmd)}\n{proc.stdout}\n{proc.stderr}")
    return elapsed, children_cpu() - cpu


def render(data: Path, build: Path, out: Path) -> list[str]:
    return [LKJIP, "--root", str(ROOT), "--data", str(data), "--quiet", "render", "2024", "--engine", "pandoc",
            "--build", str(build), "--output", str(out)]


def change_realisation(year_dir: Path, step: int) -> str:
    """Lower P4's realisasi by ``step`` Rupiah; returns the new total realisation as the report shows it."""
    from lkjip.fmt import rupiah

    program = year_dir / "program.csv"
    with program.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        fields, rows = reader.fieldnames, list(reader)
    for row in rows:
        if row["kode"] == "P4":
            row["realisasi"] = str(int(row["realisasi"]) - step)
    with program.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return rupiah(sum(int(r["realisasi"]) for r in rows))


class Preview:
    """A running ``lkjip preview 2024`` on its own copy of the data (see ``lkjip.preview.status``)."""

    def __init__(self, data: Path, build: Path) -> None:
        self.proc = subprocess.Popen([LKJIP, "--root", str(ROOT), "--data", str(data), "--quiet", "preview", "2024",
                                      "--build", str(build)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     text=True)
        self.year_dir = data / "2024"
        line = self.proc.stdout.readline()  # type: ignore[union-attr]
        found = re.search(r"http://127\.0\.0\.1:\d+/", line)
        if not found:
            raise SystemExit(f"pratinjau tidak mulai: {line}")
        self.url = found.group(0)
        self.snap = self.settled(0)

    def status(self, versi: int, keadaan: str) -> dict:
        with urllib.request.urlopen(f"{self.url}status?versi={versi}&keadaan={keadaan}", timeout=60) as r:
            return json.load(r)

    def wait(self, after: int) -> dict:
        """The first version newer than ``after`` that is shown: ready, or its text and tables written
        while the figures are still being drawn (``tahap`` "gambar")."""
        snap = self.status(-1, "")
        while not (snap["versi"] > after and (snap["keadaan"] == "siap" or snap.get("tahap") == "gambar")):
            if snap["keadaan"] == "galat":
                raise SystemExit(f"pratinjau galat: {snap['pesan']}")
            snap = self.status(snap["versi"], snap["keadaan"])
        return snap

    def settled(self, after: int) -> dict:
        """The first version newer than ``after`` with every figure drawn too."""
        snap = self.wait(after)
        while snap.get("tahap") == "gambar" or snap["keadaan"] != "siap":
            snap = self.wait(snap["versi"])
        return snap

    def cpu(self) -> float:
        """CPU seconds of the preview process so far (with the pandoc runs it waited for)."""
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return sum(int(v) for v in fields[11:15]) / os.sysconf("SC_CLK_TCK")

    def edit(self, step: int) -> tuple[tuple[float, float], float]:
        """Seconds (wall, CPU) from saving a changed realisation to the preview serving a page with the
        new total (its text and tables), and seconds until the figures are redrawn too."""
        before = self.snap["versi"]
        start, cpu = time.perf_counter(), self.cpu()
        total = change_realisation(self.year_dir, step)
        snap = self.wait(before)
        with urllib.request.urlopen(f"{self.url}laporan/{snap['html']}", timeout=60) as r:
            page = r.read().decode("utf-8")
        elapsed, used = time.perf_counter() - start, self.cpu() - cpu
        with urllib.request.urlopen(f"{self.url}dimuat?versi={snap['versi']}", timeout=60):
            pass  # as the open page does once its frame shows the version
        if total not in page:
            raise SystemExit(f"pratinjau tidak menampilkan {total}")
        self.snap = self.settled(before)
        drawn = time.perf_counter() - start
        waited = time.perf_counter()  # its downloads written: the next figure is not measured beside that work
        while self.status(-1, "").get("unduhan") != "siap" and time.perf_counter() - waited < 60:
            time.sleep(0.02)
        self.snap = self.status(-1, "")  # new open data sizes make a version of their own
        return (elapsed, used), drawn

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:  # a bug of the preview: say so, keep the figures measured
            self.proc.kill()
            print("PERINGATAN: pratinjau tidak berhenti dalam 60 detik setelah Ctrl-C; dihentikan paksa.", flush=True)


def phases(*args: object) -> dict:
    """The steps of one render timed by ``bench/phases.py`` (its arguments ``args``)."""
    return json.loads(subprocess.run([sys.executable, str(ROOT / "bench" / "phases.py"), *map(str, args)],
                                     capture_output=True, text=True, check=True).stdout)


def steps_text(steps: dict) -> str:
    """The steps of :func:`phases` as the README lists them (the totals are said apart)."""
    return "; ".join(f"{k} {v:.2f} s" for k, v in steps.items() if k not in ("total", "cells executed"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--units", type=int, default=40)
    ap.add_argument("--batch-runs", type=int, default=1)
    ap.add_argument("--results", default=str(ROOT / "bench" / "results.md"))
    args = ap.parse_args()

    # lkjip's modules compiled to bytecode once, as installing a package does (a checkout run with
    # PYTHONDONTWRITEBYTECODE set would otherwise compile them again in every process it measures)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "lkjip"), str(ROOT / "bench")], check=True)
    load_before = os.getloadavg()
    tmp = Path(tempfile.mkdtemp(prefix="lkjip-bench-"))
    data = tmp / "data"
    shutil.copytree(ROOT / "data" / "2024", data / "2024")
    shutil.copytree(ROOT / "data" / "2024", tmp / "preview-data" / "2024")
    out = tmp / "out"
    parts = tmp / "parts.pickle"
    subprocess.run([sys.executable, str(ROOT / "bench" / "floor.py"), str(data), "2024", str(tmp / "floor"),
                    str(parts)], check=True)
    keys = ("limit", "floor", "cold", "unchanged", "prose", "realisation", "preview", "batch")
    figures: dict[str, list[float]] = {k: [] for k in keys}
    cpu: dict[str, list[float]] = {k: [] for k in keys}

    def add(key: str, measured: tuple[float, float]) -> None:
        figures[key].append(measured[0])
        cpu[key].append(measured[1])

    preview = Preview(tmp / "preview-data", tmp / "preview-build")
    figures_drawn: list[float] = []

    for i in range(args.runs):
        proc = subprocess.run([sys.executable, str(ROOT / "bench" / "limit.py"), str(parts), str(tmp / "limit")],
                              capture_output=True, text=True, check=True)
        values = [float(v) for v in proc.stdout.split()]
        add("limit", (values[0] + values[1], values[2] + values[3]))
        add("floor", timed([sys.executable, str(ROOT / "bench" / "floor.py"), str(data), "2024", str(tmp / "floor")]))
        build = tmp / f"build-{i}"
        add("cold", timed(render(data, build, out)))
        add("unchanged", timed(render(data, build, out)))
        prose = data / "2024" / "narasi" / "bab3_efisiensi.md"
        prose.parent.mkdir(exist_ok=True)
        prose.write_text((prose.read_text(encoding="utf-8") if prose.exists() else "")
                         + f"\nKalimat tambahan tolok ukur {i}.\n", encoding="utf-8")
        add("prose", timed(render(data, build, out)))
        change_realisation(data / "2024", 1)
        add("realisation", timed(render(data, build, out)))
        shown, with_figures = preview.edit(i + 1)
        add("preview", shown)
        figures_drawn.append(with_figures)
        print(f"run {i + 1}/{args.runs}: " + ", ".join(f"{k} {v[-1]:.2f}s (CPU {cpu[k][-1]:.2f}s)"
                                                         for k, v in figures.items() if v), flush=True)
    preview.stop()
    # where the realisation render's time goes: one more, with its steps timed (bench/phases.py)
    change_realisation(data / "2024", 1)
    steps = phases(data, build, out)
    # the same change rendered by a process that rendered before (what a render server would take)
    warm = phases(data, tmp / "warm-build", tmp / "warm-out", "2024", "--warm")

    units = []
    for n in range(args.units):
        unit = tmp / "units" / f"unit-{n + 1:02d}"
        shutil.copytree(ROOT / "data" / "2024", unit / "2024")
        profil = unit / "2024" / "profil.yaml"
        profil.write_text(profil.read_text(encoding="utf-8").replace("opd: Sekretariat Daerah",
                                                                     f"opd: Unit Contoh {n + 1:02d}"), encoding="utf-8")
        units += ["--unit", str(unit)]
    for i in range(args.batch_runs):
        add("batch", timed([LKJIP, "--root", str(ROOT), "--quiet", "batch", "2024", *units, "--engine", "pandoc",
                            "--build", str(tmp / f"batch-build-{i}"), "--output", str(tmp / f"batch-out-{i}")]))
        print(f"batch run {i + 1}/{args.batch_runs}: {figures['batch'][-1]:.1f}s", flush=True)
    load_after = os.getloadavg()

    med = {k: statistics.median(v) for k, v in figures.items() if v}
    mcpu = {k: statistics.median(v) for k, v in cpu.items() if v}
    lines = ["| measurement | median (s) | spread, min–max (s) | ratio | target | met | CPU median (s) | CPU ratio |",
             "|---|---:|---:|---:|---|:-:|---:|---:|"]
    for key in keys[:-1]:
        spread = f"{min(figures[key]):.2f}–{max(figures[key]):.2f}"
        if key == "limit":
            lines.append(f"| {key} | {med[key]:.2f} | {spread} | {med[key] / med['floor']:.2f} × floor | — | | "
                         f"{mcpu[key]:.2f} | {mcpu[key] / mcpu['floor']:.2f} × floor |")
            continue
        base, factor = TARGETS[key]
        ratio = med[key] / med[base]
        lines.append(f"| {key} | {med[key]:.2f} | {spread} | {ratio:.2f} × {base} | ≤ {factor} × {base} | "
                     f"{'yes' if ratio <= factor else 'NO'} | {mcpu[key]:.2f} | "
                     f"{mcpu[key] / mcpu[base]:.2f} × {base} |")
    limit = args.units * med["cold"] / BATCH_FACTOR
    spread = f"{min(figures['batch']):.2f}–{max(figures['batch']):.2f}"
    lines.append(f"| batch of {args.units} units | {med['batch']:.2f} | {spread} | {args.units} × cold / "
                 f"{args.units * med['cold'] / med['batch']:.2f} | ≤ {args.units} × cold / {BATCH_FACTOR} = "
                 f"{limit:.1f} s | {'yes' if med['batch'] <= limit else 'NO'} | {mcpu['batch']:.2f} | "
                 f"{mcpu['batch'] / (args.units * mcpu['cold']):.2f} × {args.units} cold |")
    lines += ["", f"The preview's page with the figures redrawn too (they follow the text and tables): median "
              f"{statistics.median(figures_drawn):.2f} s ({min(figures_drawn):.2f}–{max(figures_drawn):.2f}), "
              f"{statistics.median(figures_drawn) / med['floor']:.2f} × floor."]
    lines += ["", "Where a realisation render's time goes (one more run, its steps timed by `bench/phases.py`; the "
              "PDF is made while the table downloads and the HTML page are): " + steps_text(steps) + f"; in all {steps['total']:.2f} s, {steps['cells executed']} notebook cells executed "
              f"({0.6 * med['floor']:.2f} s would be 0.6 × floor)."]
    lines += ["", "The same change rendered by a process that rendered before (`bench/phases.py --warm`: what a "
              "process staying between renders would take with today's code, charts and tables of unchanged "
              "values kept): " + steps_text(warm) + f"; in all {warm['total']:.2f} s ({warm['total'] / med['floor']:.2f} × floor), "
              f"{warm['cells executed']} notebook cells executed."]
    machine = (f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
               f"{platform.system()} {platform.release()}")
    cores = os.cpu_count() or 1
    busy = (" (the benchmark itself keeps the cores busy; a load before the run above the core count means "
            "other work was competing and every wall-clock figure is slower than on an idle machine)"
            if load_before[0] <= cores else
            f" (before the run the load was above the {cores} cores: other work was competing for the CPU and "
            "every wall-clock figure is slower than on an idle machine)")
    report = "\n".join([
        "# Benchmark results", "",
        f"Machine: {machine}. Runs: median of {args.runs} (batch: {args.batch_runs}); spread = fastest and slowest "
        f"run. Load average (1, 5, 15 min) before: {', '.join(f'{v:.2f}' for v in load_before)}; after: "
        f"{', '.join(f'{v:.2f}' for v in load_after)}{busy}. Targets are judged on the wall clock; CPU "
        "time is user + system of every process involved (pandoc, typst, batch workers included). Generated by "
        "`bench/bench.py`; do not edit by hand.",
        "", *lines, ""])
    print("\n" + report)
    Path(args.results).write_text(report, encoding="utf-8")
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    start, end = "<!-- bench:start -->", "<!-- bench:end -->"
    if start in text and end in text:
        body = report.split("\n", 2)[2].strip()  # without the title line
        text = text[:text.index(start) + len(start)] + "\n" + body + "\n" + text[text.index(end):]
        readme.write_text(text, encoding="utf-8")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
