"""`lkjip batch`: many units in a process pool; one failure does not stop the others."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow
FIXTURE = ROOT / "tests" / "fixtures" / "data"


def test_batch_two_units_one_broken(tmp_path):
    good, bad = tmp_path / "units" / "dinas-a", tmp_path / "units" / "dinas-b"
    shutil.copytree(FIXTURE, good)
    shutil.copytree(FIXTURE, bad)
    program = bad / "2025" / "program.csv"
    program.write_text(program.read_text(encoding="utf-8").replace("1000000000", "satu miliar", 1), encoding="utf-8")
    exe = shutil.which("lkjip", path=str(Path(sys.executable).parent)) or "lkjip"
    proc = subprocess.run([exe, "--root", str(ROOT), "batch", "2025", "--unit", str(good), "--unit", str(bad),
                           "--engine", "pandoc", "--jobs", "2", "--output", str(tmp_path / "out"),
                           "--build", str(tmp_path / "build")], capture_output=True, text=True, timeout=900)
    assert proc.returncode == 1, proc.stdout + proc.stderr  # a data error in one unit
    assert (tmp_path / "out" / "dinas-a" / "2025" / "lkjip-2025.pdf").read_bytes().startswith(b"%PDF")
    assert not (tmp_path / "out" / "dinas-b" / "2025").exists()
    lines = proc.stdout.splitlines()
    assert any(line.startswith("dinas-a") and "berhasil" in line for line in lines), proc.stdout
    assert any(line.startswith("dinas-b") and "GAGAL" in line for line in lines), proc.stdout
    assert "1 dari 2 laporan berhasil, 1 gagal" in proc.stdout


def test_in_process_chapters_give_the_same_report_as_kernels(tmp_path):
    """Batch workers run chapters without kernels; the report must be byte-identical."""
    from lkjip._paths import ProjectPaths
    from lkjip.report import render_year

    a = ProjectPaths(ROOT, data_root=FIXTURE, build_root=tmp_path / "b1", output_root=tmp_path / "o1")
    b = ProjectPaths(ROOT, data_root=FIXTURE, build_root=tmp_path / "b2", output_root=tmp_path / "o2")
    kernel = render_year(2025, a, engine="pandoc", quiet=True, jobs=2)
    inproc = render_year(2025, b, engine="pandoc", quiet=True, jobs=1, in_process=True)
    assert kernel.executed_count == inproc.executed_count == len(kernel.notebooks)
    assert inproc.html.read_bytes() == kernel.html.read_bytes()
    assert inproc.pdf.read_bytes() == kernel.pdf.read_bytes()
