"""The render cache (issue: fast re-runs): chapters re-execute only when what they read changed, a
render with nothing changed starts no kernel, and an edited value always shows up in the report."""
from __future__ import annotations

import html as htmlmod
import re
import shutil
from pathlib import Path

import pytest

from conftest import DATA_2024, ROOT
from lkjip._paths import ProjectPaths
from lkjip.report import render_year

pytestmark = pytest.mark.slow


def _text(path: Path) -> str:
    return re.sub(r"\s+", " ", htmlmod.unescape(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8"))))


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    base = tmp_path_factory.mktemp("cache")
    shutil.copytree(DATA_2024, base / "data" / "2024")
    paths = ProjectPaths(ROOT, data_root=base / "data", build_root=base / "build", output_root=base / "out")
    first = render_year(2024, paths, engine="pandoc", quiet=True)
    return paths, first


def _render(paths):
    return render_year(2024, paths, engine="pandoc", quiet=True)


def test_nothing_changed_starts_no_kernel(project):
    paths, first = project
    assert first.executed_count == len(first.notebooks) > 0
    before = first.html.read_bytes()
    again = _render(paths)
    assert again.executed_count == 0 and again.reused_output
    assert again.html.read_bytes() == before


def test_touching_a_file_is_not_a_change(project):
    paths, _ = project
    program = paths.year_data(2024) / "program.csv"
    program.write_bytes(program.read_bytes())  # new mtime, same content
    assert _render(paths).executed_count == 0


def test_prose_change_reruns_only_the_chapter_that_reads_it(project):
    paths, _ = project
    prose = paths.year_data(2024) / "narasi" / "bab3_efisiensi.md"
    prose.parent.mkdir(exist_ok=True)
    prose.write_text("Kalimat penanda cache yang baru ditulis analis.\n", encoding="utf-8")
    result = _render(paths)
    assert result.executed_count == 1
    assert "Kalimat penanda cache yang baru ditulis analis." in _text(result.html)


def test_changed_realisation_shows_the_new_number(project):
    """Never stale: raise P4's realisasi and the new total appears, the old one is gone."""
    paths, _ = project
    program = paths.year_data(2024) / "program.csv"
    text = program.read_text(encoding="utf-8")
    assert ",2673877588," in text
    program.write_text(text.replace(",2673877588,", ",2700000000,"), encoding="utf-8")
    result = _render(paths)
    assert 0 < result.executed_count < len(result.notebooks)  # chapters that never read program.csv are reused
    page = _text(result.html)
    assert "Rp41.965.888.630" in page  # 41.939.766.218 - 2.673.877.588 + 2.700.000.000
    assert "Rp41.939.766.218" not in page


def test_library_change_invalidates(project, monkeypatch):
    from lkjip.render import _cache

    paths, _ = project
    monkeypatch.setattr(_cache, "code_fingerprint", lambda: "another lkjip")
    monkeypatch.setattr("lkjip.render._book.code_fingerprint", lambda: "another lkjip")
    result = render_year(2024, paths, engine="pandoc", quiet=True, jobs=2)
    assert result.executed_count == len(result.notebooks)


@pytest.fixture
def own_project(tmp_path):
    """A copy of the project (notebooks, _quarto.yml, data/2024) that a test may change."""
    root = tmp_path / "proj"
    shutil.copytree(ROOT / "notebooks", root / "notebooks")
    shutil.copy(ROOT / "_quarto.yml", root / "_quarto.yml")
    shutil.copytree(DATA_2024, root / "data" / "2024")
    return ProjectPaths(root, build_root=tmp_path / "build", output_root=tmp_path / "out")


def test_a_cell_reading_a_file_by_itself_follows_its_changes(own_project):
    """A cell of Bab I (which reads no budget through the loader) reads program.csv with pandas: the
    chapter re-runs when the file changes, so Bab I and Bab III never show different totals."""
    import nbformat

    paths = own_project
    path = paths.notebooks / "01_pendahuluan.ipynb"
    nb = nbformat.read(str(path), as_version=4)
    cell = nbformat.v4.new_code_cell(
        "import pandas as pd\nfrom lkjip.present.display import show_md\n"
        "show_md(f\"Total realisasi dibaca langsung: {int(pd.read_csv(data.folder / 'program.csv')['realisasi'].sum())}\")")
    cell["id"] = "baca-langsung"
    nb.cells.append(cell)
    nbformat.write(nb, str(path))
    first = render_year(2024, paths, engine="pandoc", quiet=True)
    assert "Total realisasi dibaca langsung: 41939766218" in _text(first.html)
    program = paths.year_data(2024) / "program.csv"
    program.write_text(program.read_text(encoding="utf-8").replace(",6824600,", ",6924600,"), encoding="utf-8")
    second = render_year(2024, paths, engine="pandoc", quiet=True)
    text = _text(second.html)
    assert "Total realisasi dibaca langsung: 41939866218" in text and "41939766218" not in text
    assert "Rp41.939.866.218" in text


def test_render_configuration_is_in_the_key(own_project):
    paths = own_project
    first = render_year(2024, paths, engine="pandoc", quiet=True)
    config = paths.root / "_quarto.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\n# diubah\n", encoding="utf-8")
    again = render_year(2024, paths, engine="pandoc", quiet=True)
    assert again.executed_count == len(first.notebooks)


def test_a_rerun_chapter_reuses_the_cells_whose_files_did_not_change(own_project, monkeypatch):
    """Inside a chapter that has to run again, a display cell runs only when a file it (or a cell
    before it binding names) read changed; the others come from the cell cache."""
    from lkjip.render import _book

    paths = own_project
    _render(paths)
    caches: list = []

    class Counting(_book.CellCache):  # type: ignore[misc, name-defined]
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            caches.append(self)

    monkeypatch.setattr(_book, "CellCache", Counting)
    pegawai = paths.year_data(2024) / "pegawai.csv"
    pegawai.write_text(pegawai.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    result = _render(paths)
    assert result.executed_count >= 1
    assert sum(c.hits for c in caches) > 0  # cells that never read pegawai.csv were reused
    assert "Rp41.939.766.218" in _text(result.html)


def test_adding_the_optional_ikhtisar_prose_shows_it(own_project):
    """narasi/ikhtisar.md is optional: the chapter that looked for it re-runs when it appears."""
    paths = own_project
    first = _render(paths)
    assert "Paragraf ikhtisar tambahan analis." not in _text(first.html)
    (paths.year_data(2024) / "narasi" / "ikhtisar.md").write_text("Paragraf ikhtisar tambahan analis.\n",
                                                                   encoding="utf-8")
    result = _render(paths)
    assert result.executed_count >= 1
    assert "Paragraf ikhtisar tambahan analis." in _text(result.html)
