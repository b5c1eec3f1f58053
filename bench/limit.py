"""The benchmark's *limit*: what no render of the report can avoid on this machine.

Two parts, added up: a fresh interpreter importing the libraries the report needs (pandas, PyYAML,
matplotlib with its Agg canvas, great-tables, XlsxWriter, typst), and pandoc + typst assembling the
final HTML and PDF from the report's finished parts (saved by ``bench/floor.py``), the way a render
does (the PDF in a second thread while the HTML is made). Nothing else: no data loading, no tables
or charts. Usage: ``python bench/limit.py PARTS.pickle OUT_DIR``; prints the wall-clock seconds of
both parts, then their CPU seconds (user + system, pandoc and typst included).
"""
from __future__ import annotations

import pickle
import resource
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

LIBRARIES = ("pandas", "yaml", "matplotlib.figure", "matplotlib.backends.backend_agg", "great_tables", "xlsxwriter",
             "typst")


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def imports() -> tuple[float, float]:
    start, cpu = time.perf_counter(), children_cpu()
    code = "; ".join([*(f"import {name}" for name in LIBRARIES), "import os", "os._exit(0)"])  # no teardown
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - start, children_cpu() - cpu


def assembly(parts_file: str, out_dir: str) -> tuple[float, float]:
    from lkjip import __version__
    from lkjip.render._pandoc_engine import assemble, html_page, pdf_file

    saved = pickle.loads(Path(parts_file).read_bytes())
    parts, meta, year = saved["parts"], saved["metadata"], saved["year"]
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        start, cpu = time.perf_counter(), time.process_time() + children_cpu()
        body = assemble(parts)
        with ThreadPoolExecutor(max_workers=1) as pool:
            pdf = pool.submit(pdf_file, parts, body, out / f"lkjip-{year}.pdf", work / "pdf", year=year,
                              metadata=meta, logo=None)
            html_page(parts, body, out, work / "html", year=year, metadata=meta, version=__version__, logo=None)
            pdf.result()
        return time.perf_counter() - start, time.process_time() + children_cpu() - cpu


if __name__ == "__main__":
    (iw, ic), (aw, ac) = imports(), assembly(sys.argv[1], sys.argv[2])
    print(f"{iw:.4f} {aw:.4f} {ic:.4f} {ac:.4f}")
