"""Benchmark of `lkjip render` against the floor (issue: fast re-runs). Prints figures; never fails.

Measures, on this machine and in one run:

* floor — ``bench/floor.py``: one process builds every table and chart and assembles HTML + PDF;
* cold — ``lkjip render 2024`` with an empty build folder;
* unchanged — the same render again;
* prose — after one Bab III prose file changed;
* realisation — after one realisation value changed;
* batch — ``lkjip batch`` of N units (copies of data/2024 under other unit names).

Each figure is the median of ``--runs`` runs (the batch: ``--batch-runs``), printed with its ratio
to the floor, and written to ``bench/results.md`` and into the README's performance section.

Usage: ``.venv/bin/python bench/bench.py [--runs 3] [--units 20] [--batch-runs 1]``
"""
from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
LKJIP = str(BIN / "lkjip")


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"gagal: {' '.join(cmd)}\n{proc.stdout}\n{proc.stderr}")
    return elapsed


def render(data: Path, build: Path, out: Path) -> list[str]:
    return [LKJIP, "--root", str(ROOT), "--data", str(data), "--quiet", "render", "2024", "--engine", "pandoc",
            "--build", str(build), "--output", str(out)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--units", type=int, default=20)
    ap.add_argument("--batch-runs", type=int, default=1)
    ap.add_argument("--results", default=str(ROOT / "bench" / "results.md"))
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="lkjip-bench-"))
    data = tmp / "data"
    shutil.copytree(ROOT / "data" / "2024", data / "2024")
    out = tmp / "out"
    figures: dict[str, list[float]] = {k: [] for k in ("floor", "cold", "unchanged", "prose", "realisation", "batch")}

    for i in range(args.runs):
        figures["floor"].append(timed([sys.executable, str(ROOT / "bench" / "floor.py"), str(data), "2024",
                                       str(tmp / "floor")]))
        build = tmp / f"build-{i}"
        figures["cold"].append(timed(render(data, build, out)))
        figures["unchanged"].append(timed(render(data, build, out)))
        prose = data / "2024" / "narasi" / "bab3_efisiensi.md"
        prose.parent.mkdir(exist_ok=True)
        prose.write_text((prose.read_text(encoding="utf-8") if prose.exists() else "")
                         + f"\nKalimat tambahan tolok ukur {i}.\n", encoding="utf-8")
        figures["prose"].append(timed(render(data, build, out)))
        program = data / "2024" / "program.csv"
        text = program.read_text(encoding="utf-8")
        old = text.splitlines()[4].split(",")[4]  # P4's realisasi
        program.write_text(text.replace(f",{old},", f",{int(old) - 1},", 1), encoding="utf-8")
        figures["realisation"].append(timed(render(data, build, out)))
        print(f"run {i + 1}/{args.runs}: " + ", ".join(f"{k} {v[-1]:.1f}s" for k, v in figures.items() if v),
              flush=True)

    units = []
    for n in range(args.units):
        unit = tmp / "units" / f"unit-{n + 1:02d}"
        shutil.copytree(ROOT / "data" / "2024", unit / "2024")
        profil = unit / "2024" / "profil.yaml"
        profil.write_text(profil.read_text(encoding="utf-8").replace("opd: Sekretariat Daerah",
                                                                     f"opd: Unit Contoh {n + 1:02d}"), encoding="utf-8")
        units += ["--unit", str(unit)]
    for i in range(args.batch_runs):
        figures["batch"].append(timed([LKJIP, "--root", str(ROOT), "--quiet", "batch", "2024", *units, "--engine",
                                       "pandoc", "--build", str(tmp / f"batch-build-{i}"),
                                       "--output", str(tmp / f"batch-out-{i}")]))
        print(f"batch run {i + 1}/{args.batch_runs}: {figures['batch'][-1]:.1f}s", flush=True)

    med = {k: statistics.median(v) for k, v in figures.items() if v}
    floor = med["floor"]
    targets = {"cold": 2.5, "unchanged": 0.25, "prose": 1.0, "realisation": 1.5}
    lines = ["| measurement | median (s) | × floor | target |", "|---|---:|---:|---|"]
    for key in ("floor", "cold", "unchanged", "prose", "realisation"):
        target = f"≤ {targets[key]} × floor" if key in targets else "—"
        lines.append(f"| {key} | {med[key]:.2f} | {med[key] / floor:.2f} | {target} |")
    batch_limit = args.units * med["cold"] / 1.7
    lines.append(f"| batch of {args.units} units | {med['batch']:.2f} | {med['batch'] / floor:.2f} | "
                 f"≤ {args.units} × cold / 1.7 = {batch_limit:.1f} s (measured: {args.units} × cold / "
                 f"{args.units * med['cold'] / med['batch']:.2f}) |")
    machine = (f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
               f"{platform.system()} {platform.release()}")
    report = "\n".join([
        "# Benchmark results", "",
        f"Machine: {machine}. Runs: median of {args.runs} (batch: {args.batch_runs}). "
        "Generated by `bench/bench.py`; do not edit by hand.", "", *lines, ""])
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
