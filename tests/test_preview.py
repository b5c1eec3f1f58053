"""`lkjip preview` (issue 13): a warm process re-renders what a saved change touches and the open page
follows. The page is the report `lkjip render` writes; a data error shows the lines `lkjip check`
prints while the last good report stays; only the cells a change touches run again; the PDF is made
when asked for; Ctrl-C stops it with exit code 0. One real Chromium test edits a realisation and
waits for the new value in the page."""
from __future__ import annotations

import contextlib
import http.client
import json
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import nbformat
import pytest

from conftest import DATA_2024, ROOT
from lkjip._paths import ProjectPaths
from lkjip.preview import Session, Watcher, wait_version

OLD_TOTAL, NEW_TOTAL = "Rp41.939.766.218", "Rp41.965.888.630"  # realisasi of all programs, before/after


# --- files --------------------------------------------------------------------------------------
def test_watcher_reports_content_changes_only(tmp_path):
    a = tmp_path / "a.csv"
    a.write_text("x\n1\n", encoding="utf-8")
    (tmp_path / ".~lock.a.csv#").write_text("lock", encoding="utf-8")
    w = Watcher([tmp_path])
    assert w.changes() == set()
    a.write_text("x\n1\n", encoding="utf-8")  # same bytes, new mtime
    assert w.changes() == set()
    a.write_text("x\n2\n", encoding="utf-8")
    assert w.changes() == {a}
    b = tmp_path / "b.csv"
    b.write_text("y\n", encoding="utf-8")
    (tmp_path / "b.csv~").write_text("backup", encoding="utf-8")  # editor backups are not inputs
    (tmp_path / ".~lock.a.csv#").write_text("lock 2", encoding="utf-8")
    assert w.changes() == {b}
    b.unlink()
    assert w.changes() == {b}


def _notebook(path: Path, *sources: str) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("year = 0", metadata={"tags": ["parameters"]}),
                nbformat.v4.new_markdown_cell("# Bab uji")]
    nb.cells += [nbformat.v4.new_code_cell(src) for src in sources]
    nbformat.write(nb, str(path))
    return path


def test_a_change_reruns_the_cells_that_read_it_and_those_using_what_they_assign(tmp_path):
    from lkjip.preview import Chapter

    chapter = Chapter(_notebook(tmp_path / "01_uji.ipynb", "a = [year]", "b = a + [2]", "c = [5]", "print(b, c)",
                                "d = c"))
    chapter.load()
    assert chapter.run({"year": 2024}, None) == 6 and chapter.namespace[1]["b"] == [2024, 2]
    chapter.states[1].reads = frozenset({"a.csv"})  # as if cell 3 had read a.csv
    assert chapter.run({"year": 2024}, {"lain.csv"}) == 0
    assert chapter.run({"year": 2024}, {"a.csv"}) == 3  # a = ..., b = a + ..., print(b, c); not c, d


def test_a_cell_changing_an_object_reruns_its_chapter_from_the_top(tmp_path):
    """``hasil.append(...)`` re-binds no name but changes what the cells after it use: run alone it
    would append a second value and leave the cell showing ``hasil[0]`` with the old one."""
    from lkjip.preview import Chapter

    chapter = Chapter(_notebook(tmp_path / "01_uji.ipynb", "hasil = []", "hasil.append(year)", "print(hasil[0])"))
    chapter.load()
    assert chapter.run({"year": 2024}, None) == 4
    chapter.states[2].reads = frozenset({"a.csv"})  # as if the appending cell had read a.csv
    assert chapter.run({"year": 2025}, {"a.csv"}) == 4  # all of it, in a fresh namespace
    assert chapter.namespace[1]["hasil"] == [2025]


def test_a_failing_cell_is_named_with_its_line(tmp_path):
    from lkjip.preview import CellError, Chapter

    chapter = Chapter(_notebook(tmp_path / "01_uji.ipynb", "def f():\n    return 1 / 0", "x = 1\ny = f()"))
    chapter.load()
    with pytest.raises(CellError) as err:
        chapter.run({"year": 2024}, None)
    assert str(err.value).startswith("Bab '01_uji.ipynb' gagal dijalankan pada sel 4 (baris 2): ZeroDivisionError: ")
    assert not chapter.ok
    chapter = Chapter(_notebook(tmp_path / "02_uji.ipynb", "x = (1,"))
    chapter.load()
    with pytest.raises(CellError, match=r"^Bab '02_uji.ipynb' gagal dijalankan pada sel 3 \(baris 1\): SyntaxError"):
        chapter.run({"year": 2024}, None)


def test_render_names_a_failing_cell_as_the_preview_does(tmp_path):
    from types import SimpleNamespace

    from lkjip.errors import RenderError
    from lkjip.preview import CellError, Chapter
    from lkjip.render._execute import _papermill_failure, execute_chapter

    for name, sources in (("01_uji.ipynb", ("def f():\n    return 1 / 0", "x = 1\ny = f()")),
                          ("02_uji.ipynb", ("x = 1", "x = (1,"))):
        path = _notebook(tmp_path / name, *sources)
        nb = nbformat.read(str(path), as_version=4)
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nbformat.write(nb, str(path))
        chapter = Chapter(path)
        chapter.load()
        with pytest.raises(CellError) as shown:
            chapter.run({"year": 2024}, None)
        with pytest.raises(RenderError) as rendered:  # papermill adds its parameters cell: not counted
            execute_chapter(path, tmp_path / "keluar" / name, {"year": 2024}, in_process=True)
        assert str(rendered.value).splitlines()[0] == str(shown.value).splitlines()[0]
    # a Jupyter kernel's traceback (IPython, coloured): the line of the failing cell's own frame
    executed = tmp_path / "keluar" / "01_uji.ipynb"
    kernel = SimpleNamespace(cell_index=4, traceback=["\x1b[0;31mZeroDivisionError\x1b[0m", "Cell \x1b[0;32mIn[3], line 2\x1b[0m",
                                                      "Cell In[3], line 4", "Cell In[2], line 2, in f()"])
    assert _papermill_failure(kernel, executed) == (4, 4)


# --- one session on a copy of the project --------------------------------------------------------
@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("proyek")
    shutil.copytree(ROOT / "notebooks", root / "notebooks", ignore=shutil.ignore_patterns(".*"))
    shutil.copytree(DATA_2024, root / "data" / "2024")
    return root


@pytest.fixture(scope="module", autouse=True)
def nothing_kept_after():
    """What the previews of these tests keep (charts, tables) is not kept for the test files after."""
    from lkjip.present.charts import keep_earlier
    from lkjip.present.tables import keep_tables

    yield
    keep_earlier(0)
    keep_tables(0)


@pytest.fixture(scope="module")
def session(project):
    s = Session(2024, ProjectPaths(project))
    s.update(None)
    assert s.state == "siap", s.message
    assert s.version == 1
    return s


def _page(s: Session) -> str:
    return (s.folder / s.html_name).read_text(encoding="utf-8")


@contextlib.contextmanager
def _changed(s: Session, path: Path, old: str, new: str):
    """Save ``path`` with ``old`` replaced by ``new`` and update; put it back (and update) afterwards."""
    before = path.read_text(encoding="utf-8")
    assert old in before, old
    path.write_text(before.replace(old, new, 1), encoding="utf-8")
    try:
        s.update({path})
        yield s
    finally:
        path.write_text(before, encoding="utf-8")
        s.update({path})
        assert s.state == "siap", s.message


def test_preview_writes_only_into_the_build_folder(session, project):
    assert session.folder == project / "_build" / "2024" / "pratinjau"
    assert (session.folder / "lkjip-2024.html").is_file()
    assert not (project / "_output").exists()
    page = _page(session)
    assert OLD_TOTAL in page
    assert 'href="lkjip-2024.pdf"' in page and "dibuat saat diunduh" in page  # the PDF is made on demand
    assert "lkjip-ukuran-pdf" not in page


def test_a_realisation_reruns_only_the_cells_that_read_it(session, project, monkeypatch):
    program = project / "data" / "2024" / "program.csv"
    first = session.version
    figure = session.folder / "gambar" / "fig-anggaran-program.svg"
    old_figure = figure.read_bytes()
    shown: list[tuple[int, str, bytes]] = []  # the page shown first: new text and tables, figures follow
    original = session._set

    def record(state: str, message: str = "", version: int | None = None, stage: str = "") -> None:
        if stage == "gambar":
            shown.append((version, _page(session), figure.read_bytes()))
        original(state, message, version, stage)

    monkeypatch.setattr(session, "_set", record)
    with _changed(session, program, "2673877588", "2700000000"):
        assert session.state == "siap", session.message
        assert [v for v, _, _ in shown] == [first + 1] and session.version == first + 2
        text_first = re.sub(r'\salt="[^"]*"', "", shown[0][1])  # a figure's alt text follows with the figure
        assert NEW_TOTAL in text_first and OLD_TOTAL not in text_first and shown[0][2] == old_figure
        assert NEW_TOTAL in _page(session) and OLD_TOTAL not in _page(session)
        assert figure.read_bytes() != old_figure
        ran = {c.path.name: c.ran for c in session.chapters.values()}
        assert ran["01_pendahuluan.ipynb"] == 0  # nothing in Bab I reads program.csv
        assert 0 < session.cells_run < sum(len(c.states) for c in session.chapters.values())
    assert OLD_TOTAL in _page(session)


def test_a_prose_file_reruns_its_cell_and_the_one_that_loads_the_year(session, project):
    prose = project / "data" / "2024" / "narasi" / "bab4_rekomendasi.md"
    text = prose.read_text(encoding="utf-8").split()[0]
    with _changed(session, prose, text, "Rekomendasi-pratinjau-uji"):
        assert session.cells_run == 2
        assert {c.path.name: c.ran for c in session.chapters.values() if c.ran} == {"04_penutup.ipynb": 2}
        assert "Rekomendasi-pratinjau-uji" in _page(session)


def test_a_data_error_shows_the_check_lines_and_keeps_the_last_good_page(session, project, capsys):
    from lkjip.cli import main

    program = project / "data" / "2024" / "program.csv"
    good_page, good_version = _page(session), session.version
    with _changed(session, program, "2673877588", "27OO"):
        assert session.state == "galat"
        assert main(["--root", str(project), "check", "2024"]) == 1
        out = capsys.readouterr()
        lines = [line for line in (out.err + out.out).splitlines() if line.startswith("GALAT") or
                 line.startswith("Ringkasan")]
        assert lines and any("program.csv baris" in line and "'27OO'" in line for line in lines)
        shown = session.snapshot()
        for line in lines:
            assert line in shown["pesan"].splitlines(), (line, shown["pesan"])
        # exactly what check prints (its GALAT lines on stderr, the rest on stdout, in order)
        printed = out.err.splitlines() + out.out.splitlines()
        assert sorted(printed) == sorted(shown["pesan"].splitlines()) and "PERINGATAN" in shown["pesan"]
        assert shown["pesan"].endswith("\n\n".join(out.out.rstrip("\n").split("\n\n")[-2:]))
        assert "Traceback" not in shown["pesan"]
        assert shown["versi"] == good_version and _page(session) == good_page  # still served
        # another save that is still wrong keeps the message; the fix brings the report back
        program.write_text(program.read_text(encoding="utf-8").replace("27OO", "27XX"), encoding="utf-8")
        session.update({program})
        assert session.state == "galat" and "'27XX'" in session.message
    assert session.version > good_version and OLD_TOTAL in _page(session)


def test_a_broken_notebook_cell_is_named_and_a_text_edit_reruns_nothing(session, project):
    path = project / "notebooks" / "04_penutup.ipynb"
    nb = nbformat.read(str(path), as_version=4)
    code = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    text = next(i for i, c in enumerate(nb.cells) if c.cell_type == "markdown" and c.source.startswith("## 4.2"))
    before = path.read_text(encoding="utf-8")
    try:
        nb.cells[text].source = "## 4.2 Rekomendasi Pratinjau"
        nbformat.write(nb, str(path))
        session.update({path})
        assert session.state == "siap" and session.cells_run == 0
        assert "Rekomendasi Pratinjau" in _page(session)

        nb.cells[code[-1]].source += "\nnama_yang_tidak_ada"
        nbformat.write(nb, str(path))
        session.update({path})
        assert session.state == "galat"
        line = session.message.splitlines()[0]
        assert line == (f"Bab '04_penutup.ipynb' gagal dijalankan pada sel {code[-1] + 1} (baris 2): NameError: "
                        "name 'nama_yang_tidak_ada' is not defined"), line
        assert "Rekomendasi Pratinjau" in _page(session)
    finally:
        path.write_text(before, encoding="utf-8")
    session.update({path})
    assert session.state == "siap" and session.cells_run == len(code)  # the chapter ran again from the top
    assert "Rekomendasi Pratinjau" not in _page(session)


def test_a_template_change_only_reassembles(session, tmp_path, monkeypatch):
    from lkjip.render import _tools

    templates = tmp_path / "templat"
    shutil.copytree(_tools.template("lkjip.css").parent, templates)
    monkeypatch.setattr(_tools, "template", lambda name: templates / name)
    css = templates / "lkjip.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n/* templat-pratinjau-uji */\n", encoding="utf-8")
    session.update({css})
    assert session.state == "siap", session.message
    assert session.cells_run == 0 and "templat-pratinjau-uji" in _page(session)
    monkeypatch.undo()
    session.update({css})
    assert "templat-pratinjau-uji" not in _page(session)


def test_pieces_converted_once_give_the_same_page(session, tmp_path):
    """The preview converts each table, paragraph and list item once, and the page with stand-ins
    only when it changed (lkjip.render._splice): the page is the one html_page writes from the same
    parts, byte for byte, also after numbers changed in text, lists and tables."""
    from lkjip.render._pandoc_engine import html_page
    from lkjip.render._splice import PageCache

    parts = session._shown.parts
    body = session._shown.body
    options = {"year": 2024, "metadata": session._shown.meta, "version": "uji", "logo": None, "pdf_name": "x.pdf"}
    cache = PageCache()
    numbers = "\n".join(line if line.startswith("<figure") else line.replace("96,25%", "96,24%").replace("97,74%", "97,75%")
                        for line in body.split("\n"))
    for n, text in enumerate([body, body, numbers, body.replace("96,25%", "96,24%")]):
        plain = html_page(parts, text, tmp_path / f"a{n}", tmp_path / "w", **options).read_text(encoding="utf-8")
        fast = cache.html_page(parts, text, tmp_path / f"b{n}", tmp_path / "w", **options).read_text(encoding="utf-8")
        assert fast == plain
        if n == 0:
            assert cache.converted > 100 and cache.page_converted  # tables, paragraphs, list items; the page
        elif n == 1:
            assert cache.converted == 0 and not cache.page_converted
        elif n == 2:  # only the pieces with the new numbers; the page with stand-ins is the same
            assert 0 < cache.converted < 20 and not cache.page_converted
            assert "96,24%" in fast and "97,75%" in fast
        else:  # a figure's text alternative changed too: the page is converted again
            assert cache.page_converted


# --- over HTTP ------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def server(session):
    from lkjip.preview import _handler, _Server

    port = [0]
    srv = _Server(("127.0.0.1", 0), _handler(session, port))
    port[0] = srv.server_address[1]
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield port[0]
    srv.shutdown()
    srv.server_close()


def _get(port: int, path: str, host: str | None = None) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    conn.request("GET", path, headers={"Host": host or f"127.0.0.1:{port}"})
    r = conn.getresponse()
    return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()


def test_http_wrapper_status_and_files(server, session):
    status, headers, body = _get(server, "/")
    assert status == 200 and "script-src 'self'" in headers["content-security-policy"]
    assert b'id="laporan"' in body and f"/laporan/lkjip-2024.html?v={session.version}".encode() in body
    status, _, body = _get(server, f"/status?versi={session.version}&keadaan=siap&tunggu=0")
    snap = json.loads(body)
    assert snap["versi"] == session.version and snap["keadaan"] == "siap" and snap["siap_pada"] > 0
    assert snap["riwayat"][-1][0] == session.version  # when each version was ready (bench)
    assert snap["unduhan"] == "siap"  # the downloads of the version shown are written
    assert _get(server, f"/dimuat?versi={session.version}")[0] == 204 and session._loaded == session.version
    assert _get(server, "/laporan/lkjip-2024.html")[0] == 200
    assert _get(server, "/laporan/gambar/fig-pegawai.svg")[1]["content-type"] == "image/svg+xml"
    assert _get(server, "/laporan/data/tbl-pk.csv")[0] == 200  # the table downloads
    assert _get(server, "/laporan/data/terbuka/datapackage.json")[0] == 200  # the open data
    for bad in ("/laporan/../../../../etc/passwd", "/laporan/%2e%2e/%2e%2e/etc/passwd", "/laporan/.kerja/style.html",
                "/laporan/.tahap/lkjip-2024.html"):
        assert _get(server, bad)[0] == 404, bad
    assert _get(server, "/", host="contoh.example:80")[0] == 403  # DNS rebinding


def test_pdf_is_made_on_demand_for_the_version_shown(server, session):
    pdf = session.folder / "lkjip-2024.pdf"
    assert not pdf.exists()
    status, headers, body = _get(server, "/laporan/lkjip-2024.pdf")
    assert status == 200 and body[:5] == b"%PDF-" and headers["content-type"] == "application/pdf"
    made = pdf.stat().st_mtime_ns
    assert _get(server, "/laporan/lkjip-2024.pdf")[2] == body and pdf.stat().st_mtime_ns == made  # not made twice


# --- the command, in a real browser ------------------------------------------------------------------
@pytest.fixture
def running(tmp_path):
    """``lkjip preview 2024`` on a copy of the project; yields (url, process, project, log lines)."""
    root = tmp_path / "proyek"
    shutil.copytree(ROOT / "notebooks", root / "notebooks", ignore=shutil.ignore_patterns(".*"))
    shutil.copytree(DATA_2024, root / "data" / "2024")
    exe = shutil.which("lkjip", path=str(Path(sys.executable).parent)) or "lkjip"
    proc = subprocess.Popen([exe, "--root", str(root), "preview", "2024"], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    lines: queue.Queue[str] = queue.Queue()
    log: list[str] = []

    def pump() -> None:
        for line in proc.stdout:  # type: ignore[union-attr]
            lines.put(line)
            log.append(line)

    threading.Thread(target=pump, daemon=True).start()
    url = None
    deadline = time.monotonic() + 120
    while url is None and time.monotonic() < deadline:
        with contextlib.suppress(queue.Empty):
            found = re.search(r"(http://127\.0\.0\.1:\d+/)", lines.get(timeout=1))
            url = found.group(1) if found else None
    assert url, "".join(log)
    try:
        yield url, proc, root, log
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


@pytest.mark.slow
@pytest.mark.browser
def test_the_open_page_follows_a_saved_realisation(running, browser):
    url, proc, root, log = running
    first = wait_version(url, 0)
    assert first["keadaan"] == "siap", first["pesan"]
    page = browser.new_page()
    page.set_viewport_size({"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    report = page.frame_locator("#laporan")
    report.get_by_text(OLD_TOTAL).first.wait_for(timeout=60_000)

    # an analyst changes one realisation and saves: the open page shows the new total
    program = root / "data" / "2024" / "program.csv"
    saved = program.read_text(encoding="utf-8")
    start = time.monotonic()
    program.write_text(saved.replace("2673877588", "2700000000", 1), encoding="utf-8")
    report.get_by_text(NEW_TOTAL).first.wait_for(timeout=120_000)
    print(f"\nsave -> new value in the page: {time.monotonic() - start:.2f} s")
    assert OLD_TOTAL not in report.locator("body").inner_text()

    # a typo in a number: the checker's message above the last good report
    program.write_text(saved.replace("2673877588", "27OO", 1), encoding="utf-8")
    message = page.locator("#pesan")
    message.wait_for(state="visible", timeout=60_000)
    text = message.inner_text()
    line = next(i for i, row in enumerate(saved.splitlines(), start=1) if "2673877588" in row)
    assert f"GALAT [tipe] program.csv baris {line}, kolom 'realisasi'" in text and "Nilai: '27OO'" in text, text
    assert re.search(r"Ringkasan .*: 1 galat, \d+ peringatan\.", text) and "Traceback" not in text
    assert NEW_TOTAL in report.locator("body").inner_text()
    program.write_text(saved, encoding="utf-8")
    message.wait_for(state="hidden", timeout=60_000)
    report.get_by_text(OLD_TOTAL).first.wait_for(timeout=60_000)
    page.close()
    assert not errors, errors

    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=60) == 0, "".join(log)
    assert "Pratinjau dihentikan." in "".join(log) and "Traceback" not in "".join(log)
    assert (root / "_build" / "2024" / "pratinjau" / "lkjip-2024.html").is_file()
    assert not (root / "_output").exists()


@pytest.mark.slow
def test_the_preview_is_the_rendered_report(report2024, tmp_path):
    """Same HTML (but the PDF's size, unknown until it is asked for), same figures, same PDF bytes as
    ``lkjip render`` of the same data: the preview reads the notebooks as the render does."""
    s = Session(2024, ProjectPaths(ROOT, build_root=tmp_path / "build"))
    s.update(None)
    assert s.state == "siap", s.message
    folder = report2024["folder"]
    rendered = report2024["html_path"].read_text(encoding="utf-8")
    size = re.search(r'Unduh PDF <span class="ukuran">\(([^)]*)\)', rendered).group(1)
    assert _page(s) == rendered.replace(f"({size})", "(dibuat saat diunduh)")
    for svg in (folder / "gambar").iterdir():
        assert (s.folder / "gambar" / svg.name).read_bytes() == svg.read_bytes(), svg.name
    assert s.pdf().read_bytes() == (folder / "lkjip-2024.pdf").read_bytes()


def test_ctrl_c_is_remembered_when_a_library_swallows_it():
    """A bare ``except:`` deep in a dependency may catch the KeyboardInterrupt of Ctrl-C; the preview
    still stops at its next look at the files."""
    import os

    from lkjip import preview as P

    previous = P._stop_on_signals()
    try:
        try:
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(1)
        except BaseException:  # noqa: BLE001 - as a library's bare except would
            pass
        assert P._STOP.is_set()
    finally:
        for sig, handler in previous:
            signal.signal(sig, handler)
        P._STOP.clear()


def test_downloads_follow_the_page_shown_even_after_a_broken_save(session, project):
    """The downloads are written between saves (after_step); a broken save right after a good one
    leaves the good page shown, and its downloads are still written for it."""
    program = project / "data" / "2024" / "program.csv"
    before = program.read_text(encoding="utf-8")
    download = session.folder / "data" / "tbl-realisasi-anggaran.csv"
    try:
        program.write_text(before.replace("2673877588", "2673877599", 1), encoding="utf-8")
        session.update({program}, downloads_later=True)
        assert session.state == "siap" and session.snapshot()["unduhan"] == "ditulis"
        program.write_text(before.replace("2673877588", "27OO", 1), encoding="utf-8")
        session.update({program}, downloads_later=True)
        assert session.state == "galat"
        while session.after_step():
            pass
        assert session.snapshot()["unduhan"] == "siap"
        assert "2673877599" in download.read_text(encoding="utf-8")
    finally:
        program.write_text(before, encoding="utf-8")
        session.update({program})
    assert "2673877588" in download.read_text(encoding="utf-8")


def test_a_changed_file_touches_the_cells_that_read_it_or_listed_its_folder(tmp_path):
    from lkjip.load import files_read, load_year
    from lkjip.preview import _as_read

    year = tmp_path / "2024"
    (year / "narasi").mkdir(parents=True)
    (year / "profil.yaml").write_text("tahun: 2024\n", encoding="utf-8")
    load_year(year)
    files_read(reset=True)
    list((year / "narasi").glob("*.md"))  # a cell counting the prose files
    listed = set(files_read(reset=True))
    assert listed == {str(year / "narasi") + "/"}
    assert listed <= _as_read({"narasi/baru.md"}, year)  # a file added there touches it
    assert not listed & _as_read({"program.csv"}, year)


def test_a_figure_cell_failing_after_the_text_brings_the_last_good_page_back(session, project):
    """The text-first page of a save has the old figures: when a figure cell then fails, that page
    is not the last good version; the one before it comes back, for the page and the PDF."""
    notebook = project / "notebooks" / "03_akuntabilitas.ipynb"
    program = project / "data" / "2024" / "program.csv"
    guard = "assert '9999000' not in open(data.folder / 'program.csv').read(), 'ada 9999'\\n"
    with _changed(session, notebook, '"show(C.chart_iku_capaian(data))"',
                  f'"{guard}show(C.chart_iku_capaian(data))"'):
        assert session.state == "siap", session.message
        good, good_body = _page(session), session._shown.body
        with _changed(session, program, "6824600", "9999000"):
            assert session.state == "galat" and "ada 9999" in session.message
            assert session._shown.version == session.version  # the page the status names
            assert session._shown.body == good_body and _page(session) == good
            assert "9.999.000" not in session._shown.body


def test_downloads_and_the_open_data_listed_follow_a_changed_caption(session, project):
    import openpyxl

    from lkjip.render._pandoc_engine import open_data_listing

    profil = project / "data" / "2024" / "profil.yaml"
    longer = "opd: Sekretariat Daerah" + " Dengan Nama Panjang Sekali" * 40
    with _changed(session, profil, "opd: Sekretariat Daerah", longer):
        assert session.state == "siap", session.message
        caption = next(p.caption for p in session._shown.parts if getattr(p, "id", "") == "tbl-pk")
        book = openpyxl.load_workbook(session.folder / "data" / "tbl-pk.xlsx")
        assert "Nama Panjang Sekali" in caption and book.properties.title == caption
        section, size = open_data_listing(session.folder / ".tahap")
        page = _page(session)
        sizes = re.compile(r"\((\d[^()]*B)\)")  # every file's size as listed, "(24 KB)"
        listed = sizes.findall(page[page.index('id="data-terbuka"'):])
        assert listed and listed == sizes.findall(section) and f"; {size})" in page


def test_a_second_preview_of_the_year_is_refused_and_pointed_at_the_first(tmp_path):
    from lkjip.errors import UsageError
    from lkjip.preview import _start_lock

    (tmp_path / "data" / "2024").mkdir(parents=True)
    paths = ProjectPaths(tmp_path)
    first = _start_lock(2024, paths)
    try:
        first.write("http://127.0.0.1:41837/")
        first.flush()
        with pytest.raises(UsageError, match=r"sudah berjalan di http://127\.0\.0\.1:41837/") as err:
            _start_lock(2024, paths)
        assert err.value.exit_code == 2
    finally:
        first.close()
    _start_lock(2024, paths).close()  # free again once the first one stopped


def test_another_years_file_touches_the_cells_that_read_it(tmp_path):
    from lkjip.preview import Chapter, _as_read, watched

    chapter = Chapter(_notebook(tmp_path / "01_uji.ipynb", "a = 1", "print(a)"))
    chapter.load()
    chapter.run({"year": 2024}, None)
    chapter.states[2].reads = frozenset({str(tmp_path / "data" / "2023" / "program.csv")})  # as if read
    year = tmp_path / "data" / "2024"
    assert chapter.run({"year": 2024}, _as_read({"program.csv"}, year)) == 0
    assert chapter.run({"year": 2024}, _as_read({"../2023/program.csv"}, year)) == 1
    paths = ProjectPaths(tmp_path)
    assert paths.data in watched(paths, 2024)  # every year: a chapter may compare with last year's
    beside = ProjectPaths(tmp_path, data_root=tmp_path)  # years beside _build: only the year watched
    assert tmp_path / "2024" in watched(beside, 2024) and tmp_path not in watched(beside, 2024)


def test_another_year_read_by_a_chapter_is_listed_as_an_input(session, project):
    notebook = project / "notebooks" / "04_penutup.ipynb"
    shutil.copytree(project / "data" / "2024", project / "data" / "2023")
    try:
        with _changed(session, notebook, '"show(S.kesimpulan(data))"',
                      '"lalu = buka(year - 1, data_dir)\\n", "show(S.kesimpulan(data))"'):
            assert session.state == "siap", session.message
            assert "2023/profil.yaml" in _page(session)  # beside the year's own files, with its SHA-256
        assert "2023/profil.yaml" not in _page(session)
    finally:
        shutil.rmtree(project / "data" / "2023")


def test_a_saved_helper_module_beside_the_notebooks_is_imported_again(session, project):
    """A module of the analyst's own that a cell imports (``notebooks/bantu.py``): saving it runs the
    chapters again with the saved code, as a new ``lkjip render`` would."""
    notebook = project / "notebooks" / "04_penutup.ipynb"
    helper = project / "notebooks" / "bantu.py"
    helper.write_text('def kalimat():\n    return "Kalimat bantu pertama."\n', encoding="utf-8")
    try:
        with _changed(session, notebook, '"show(S.kesimpulan(data))"',
                      '"import bantu\\n", "show(S.kesimpulan(data))\\n", "show(bantu.kalimat())"'):
            assert session.state == "siap", session.message
            assert "Kalimat bantu pertama." in _page(session)
            helper.write_text('def kalimat():\n    return "Kalimat bantu kedua."\n', encoding="utf-8")
            session.update({helper})
            assert session.state == "siap", session.message
            page = _page(session)
            assert "Kalimat bantu kedua." in page and "Kalimat bantu pertama." not in page
    finally:
        helper.unlink()
        session.update({helper})
    assert session.state == "siap", session.message
    assert "Kalimat bantu" not in _page(session)
