from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA_2024 = ROOT / "data" / "2024"


@pytest.fixture(scope="session")
def data2024():
    from lkjip.load import load_year

    return load_year(DATA_2024)


@pytest.fixture
def broken(tmp_path):
    """A writable copy of data/2024 (as ``<tmp>/data/2024``) plus a CSV editor."""
    target = tmp_path / "data" / "2024"
    shutil.copytree(DATA_2024, target)

    class Copy:
        root = tmp_path
        folder = target

        def rows(self, name: str) -> list[dict[str, str]]:
            with (target / name).open(encoding="utf-8", newline="") as fh:
                return list(csv.DictReader(fh))

        def edit(self, name: str, match: dict[str, str], **changes: str) -> int:
            """Change the first row matching ``match``; returns its line number (header = 1)."""
            path = target / name
            with path.open(encoding="utf-8", newline="") as fh:
                reader = csv.DictReader(fh)
                fields, rows = reader.fieldnames, list(reader)
            line = None
            for i, row in enumerate(rows):
                if all(row[k] == v for k, v in match.items()):
                    row.update(changes)
                    line = i + 2
                    break
            assert line, f"no row {match} in {name}"
            with path.open("w", encoding="utf-8", newline="") as fh:
                w = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
                w.writeheader()
                w.writerows(rows)
            return line

    return Copy()


# No test fails on timing (GUIDE): Hypothesis' per-example deadline flakes on a shared, loaded machine.
from hypothesis import settings  # noqa: E402

settings.register_profile("lkjip", deadline=None)
settings.load_profile("lkjip")
@pytest.fixture(scope="session")
def report2024(tmp_path_factory):
    """``lkjip render 2024`` through the console script (pandoc engine, with the self-contained HTML),
    once per test session: ``{"out", "folder", "html_path", "proc", "build"}``."""
    import subprocess
    import sys

    out = tmp_path_factory.mktemp("out")
    build = tmp_path_factory.mktemp("build")
    exe = shutil.which("lkjip", path=str(Path(sys.executable).parent)) or "lkjip"
    proc = subprocess.run([exe, "--root", str(ROOT), "render", "2024", "--engine", "pandoc", "--html-mandiri",
                           "--output", str(out), "--build", str(build)], capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    folder = out / "2024"
    return {"out": out, "folder": folder, "html_path": folder / "lkjip-2024.html", "proc": proc, "build": build}


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium (Debian's) through playwright, with a fresh profile; skipped when missing."""
    import tempfile

    pw = pytest.importorskip("playwright.sync_api")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        pytest.skip("chromium not installed")
    with pw.sync_playwright() as p:
        # bypass_csp: the test injects axe-core, a script the report's own CSP (script-src 'none') forbids
        ctx = p.chromium.launch_persistent_context(tempfile.mkdtemp(prefix="lkjip-chromium-"), headless=True,
                                                   executable_path=chromium, args=CHROMIUM_ARGS, bypass_csp=True)
        yield ctx
        ctx.close()


CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
