"""Where one ``lkjip render`` spends its time: the render run in this process with its steps timed.

Runs ``lkjip render YEAR --engine pandoc`` (the CLI's own ``main``) in a fresh interpreter, with a
stopwatch around each step the render takes: checking the data, the open data, the chapters (and
every notebook cell executed in them), assembling the Markdown body, pandoc -> typst and typst for
the PDF, pandoc for the HTML page and the tables' downloads. Prints one JSON object of seconds (steps
that run at the same time, such as the PDF beside the HTML, overlap) and the number of cells executed.

``--warm``: the render measured is this process's second. The first renders the data as it is (not
timed), then one realisation is changed (as ``bench/bench.py`` does) and the render is timed: what a
process that stays running between renders (a render server) would take with today's code, its
imports done, the year's earlier results and the charts and tables of unchanged values kept (as
``lkjip preview`` keeps them). "start and imports" is then the time until the second render's check.
Usage: ``python bench/phases.py DATA_ROOT BUILD OUT [YEAR] [--warm]``.
"""
from __future__ import annotations

import time

START = time.perf_counter()

import functools  # noqa: E402 - after the clock starts: the imports are part of what is measured
import json  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def main(data_root: str, build: str, out: str, year: str = "2024", *, warm: bool = False) -> None:
    global START
    from IPython.core.interactiveshell import InteractiveShell

    import lkjip.present.opendata as opendata
    import lkjip.report as report
    import lkjip.render._book as book
    import lkjip.render._pandoc_engine as engine
    import typst
    from lkjip.cli import main as cli

    seconds: dict[str, float] = {}
    first: dict[str, float] = {}
    cells = [0]

    def timed(owner: Any, name: str, label: str) -> None:
        original = getattr(owner, name)

        @functools.wraps(original)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            begin = time.perf_counter()
            first.setdefault(label, begin - START)
            try:
                return original(*args, **kwargs)
            finally:
                seconds[label] = seconds.get(label, 0.0) + time.perf_counter() - begin
                if label == "of which cells":
                    cells[0] += 1

        setattr(owner, name, wrapper)

    steps = [(report, "check_year", "check"), (opendata, "files", "open data"), (book, "_execute_all", "chapters"),
             (InteractiveShell, "run_cell", "of which cells"), (engine, "assemble", "body (Markdown → HTML)"),
             (engine, "write_table_data", "table downloads"), (engine, "html_page", "HTML page (pandoc)"),
             (engine, "write_pdf", "PDF (pandoc → typst, then typst)"), (typst, "compile", "of which typst")]
    for owner, name, label in steps:  # in the order they are printed
        timed(owner, name, label)
    argv = ["lkjip", "--root", str(ROOT), "--data", data_root, "--quiet", "render", year, "--engine", "pandoc",
            "--build", build, "--output", out]

    def render() -> None:
        sys.argv = list(argv)
        try:
            cli()
        except SystemExit as exc:
            if exc.code:
                raise

    if warm:
        from bench import change_realisation  # type: ignore[import-not-found]
        from lkjip.present.charts import keep_earlier
        from lkjip.present.tables import keep_tables
        from lkjip.preview import CHARTS_KEPT, TABLES_KEPT

        keep_earlier(CHARTS_KEPT)  # what lkjip preview keeps
        keep_tables(TABLES_KEPT)
        render()
        change_realisation(Path(data_root) / year, 1)
        seconds.clear()
        first.clear()
        cells[0] = 0
        START = time.perf_counter()
    render()
    total = time.perf_counter() - START
    result = {"start and imports": first.get("check", 0.0),
              **{label: seconds[label] for _, _, label in steps if label in seconds},
              "total": total, "cells executed": cells[0]}
    print(json.dumps({k: round(v, 3) if isinstance(v, float) else v for k, v in result.items()},
                     ensure_ascii=False))


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--warm"]
    main(*args, warm="--warm" in sys.argv[1:])
