"""The published folder: accessible (axe-core in Chromium), publishable (separate images, scoped CSS,
links to PDF and open data, metadata), readable on a phone (390 px) and on a desktop (1280 px), and a
self-contained copy for e-mail. Uses the session's one render of 2024 (``report2024``)."""
from __future__ import annotations

import csv
import io
import json
import re
import tempfile
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow

AXE = ROOT / "tests" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SHOTS = Path(tempfile.gettempdir()) / "lkjip-web-shots"  # screenshots to look at after a run


@pytest.fixture(scope="module")
def site(report2024):
    folder = report2024["folder"]
    return {"folder": folder, "html_path": report2024["html_path"], "build": report2024["build"],
            "html": report2024["html_path"].read_text(encoding="utf-8")}


# --- structure ---------------------------------------------------------------------------------
def test_one_h1_and_real_headings(site):
    page = site["html"]
    assert len(re.findall(r"<h1\b", page)) == 1
    assert re.search(r'<h1 class="cover-title">LAPORAN KINERJA INSTANSI PEMERINTAH', page)
    assert re.search(r"<h2\b[^>]*>BAB I PENDAHULUAN</h2>", page)
    assert len(re.findall(r"<h[3-6]\b[^>]*>Sasaran Strategis \d", page)) >= 4
    assert not re.search(r"<p><strong>Sasaran Strategis \d[^<]*</strong></p>", page)


def test_group_rows_are_header_cells_and_every_table_has_a_caption(site):
    page = site["html"]
    tables = re.findall(r"<table\b.*?</table>", page, re.S)
    assert len(tables) >= 20
    for table in tables:
        assert "<caption>" in table
        assert not re.search(r"<td\b[^>]*\bscope=", table)
        assert not re.search(r'<td\b[^>]*class="gt_group_heading"', table)
        header_ids = set(re.findall(r'<th\b[^>]*\bid="([^"]+)"', table))
        for refs in re.findall(r'<td\b[^>]*\bheaders="([^"]+)"', table):
            assert set(refs.split()) <= header_ids, refs


# --- publishing --------------------------------------------------------------------------------
def test_publishing_folder(site):
    folder, page = site["folder"], site["html"]
    svgs = sorted((folder / "gambar").glob("fig-*.svg"))
    assert len(svgs) >= 8
    assert "base64," not in page  # images are separate files
    assert site["html_path"].stat().st_size < 1_000_000
    for src in re.findall(r'<img\b[^>]*\bsrc="([^"]+)"', page):
        assert (folder / src).is_file(), src
    assert re.search(r'<a class="tombol" href="lkjip-2024.pdf" download>Unduh PDF <span class="ukuran">\(\d+,\d MB\)',
                     page)
    assert re.search(r'<a class="tombol" href="#data-terbuka">Data terbuka', page)
    assert 'id="data-terbuka"' in page and 'href="data/terbuka/datapackage.json"' in page
    for href in re.findall(r'href="(data/[^"#]+)"', page):
        assert (folder / href).is_file(), href
    assert re.search(r"<title>LKjIP 2024 — Sekretariat Daerah, Kabupaten Tanjung Jabung Timur</title>", page)
    assert re.search(r'<meta name="description" content="[^"]*Sekretariat Daerah Kabupaten Tanjung Jabung Timur', page)
    assert '<meta property="og:title"' in page and '<link rel="icon" href="gambar/ikon.svg">' in page
    assert (folder / "gambar" / "ikon.svg").is_file()


def test_css_is_scoped_under_one_root_class(site):
    css = "\n".join(re.findall(r"<style>(.*?)</style>", site["html"], re.S))
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    assert "prefers-color-scheme: dark" in css and "@media print" in css
    selectors = []
    for block in re.findall(r"([^{}]+)\{[^{}]*\}", re.sub(r"@(media|supports)[^{]+\{", "", css)):
        selectors += [s.strip() for s in re.split(r",(?![^()]*\))", block) if s.strip()]  # not in :is(...)
    loose = [s for s in selectors if not s.startswith((".lkjip", "@page")) and not re.fullmatch(r"[\d.]+%|from|to", s)]
    assert not loose, loose


def test_self_contained_copy_for_email(site):
    single = site["folder"] / "lkjip-2024-mandiri.html"
    page = single.read_text(encoding="utf-8")
    srcs = re.findall(r'<img\b[^>]*\bsrc="([^"]+)"', page)
    assert len(srcs) >= 8 and all(s.startswith("data:image/") for s in srcs)
    assert 'rel="icon" href="data:image/svg+xml;base64,' in page


def test_table_downloads_hold_numbers_not_display_text(site):
    folder = site["folder"] / "data"
    display = re.compile(r"-?\d{1,3}(\.\d{3})*,\d+%?|\d+%|Rp\s?\d.*")
    files = sorted(folder.glob("tbl-*.csv"))
    assert len(files) >= 20
    for path in files:
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
        header = rows[0]
        for row in rows[1:]:
            for name, cell in zip(header, row):
                if name.endswith("(teks)"):
                    continue  # the text shown, kept beside the number
                assert not display.fullmatch(cell), (path.name, name, cell)
                assert cell not in ("-", "BELUM DIISI") and not cell.startswith("'- "), (path.name, name, cell)


def test_published_data_package_is_valid(site):
    frictionless = pytest.importorskip("frictionless")
    path = site["folder"] / "data" / "terbuka" / "datapackage.json"
    report = frictionless.validate(str(path))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert json.loads(path.read_text(encoding="utf-8"))["licenses"][0]["name"] == "CC-BY-4.0"


# --- in Chromium (the ``browser`` fixture of conftest) -------------------------------------------
def _open(browser, site, width: int, height: int, shot: str | None = None):
    """The report in a new tab at ``width`` x ``height``; ``shot``: a screenshot of its top in :data:`SHOTS`."""
    page = browser.new_page()
    page.set_viewport_size({"width": width, "height": height})
    page.goto(site["html_path"].as_uri())
    page.wait_for_load_state("load")
    if shot:
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / shot))
    return page


@pytest.mark.browser
@pytest.mark.parametrize("width,height", [(1280, 900), (390, 844)])
def test_axe_reports_no_wcag_aa_violation(browser, site, width, height):
    if not AXE.is_file():
        pytest.skip("axe-core not installed: npm ci --prefix tests")
    page = _open(browser, site, width, height)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_AA)
    page.close()
    found = [(v["id"], v["impact"], [n["target"] for n in v["nodes"][:5]]) for v in result["violations"]]
    assert not found, found
    assert len(result["passes"]) > 10


@pytest.mark.browser
def test_phone_reading(browser, site):
    page = _open(browser, site, 390, 844, shot="390-sampul.png")
    state = page.evaluate("""() => {
        const visible = e => !!e && getComputedStyle(e).display !== 'none' && e.getBoundingClientRect().height > 0;
        const details = document.querySelector('details.toc-ponsel');
        const up = document.querySelector('.ke-atas');
        const wide = document.querySelector('table.wide');
        const firstCell = wide.querySelector('tbody td');
        return {
          overflow: document.documentElement.scrollWidth <= window.innerWidth + 1,
          sidebar: visible(document.querySelector('nav.toc')), details: visible(details), open: details.open,
          detailLinks: details.querySelectorAll('a').length, up: visible(up), upFixed: getComputedStyle(up).position,
          head: getComputedStyle(wide.querySelector('thead')).position, first: getComputedStyle(firstCell).position,
          cue: visible(wide.closest('.table-scroll').previousElementSibling),
        };
    }""")
    assert state["overflow"], "the page scrolls sideways on a phone"
    assert not state["sidebar"] and state["details"] and not state["open"] and state["detailLinks"] > 20
    assert state["up"] and state["upFixed"] == "fixed"
    assert state["head"] == "sticky" and state["first"] == "sticky" and state["cue"]
    page.click("details.toc-ponsel summary")
    assert page.evaluate("document.querySelector('details.toc-ponsel').open")
    # every figure: its smallest label at least ~9 CSS px as shown
    sizes = page.evaluate("""() => Array.from(document.querySelectorAll('figure img')).map(i => [
        i.getAttribute('src'), i.getBoundingClientRect().width, i.naturalWidth])""")
    from lkjip.render._web import CSS_PX_PER_PT

    small = {}
    for src, shown, natural in sizes:
        assert natural > 0, src
        small[src] = shown / natural
    text_pt = _smallest_text_pt(site)
    for src, scale in small.items():
        fid = Path(src).stem
        assert text_pt[fid] * CSS_PX_PER_PT * scale >= 8.9, (src, scale)
    page.evaluate("document.querySelector('#tbl-efisiensi').scrollIntoView()")
    page.screenshot(path=str(SHOTS / "390-tabel.png"))
    page.evaluate("document.querySelector('#fig-organisasi').scrollIntoView()")
    page.screenshot(path=str(SHOTS / "390-gambar.png"))
    page.click("a.ke-atas")
    page.wait_for_timeout(200)
    assert page.evaluate("window.scrollY") < 50
    page.close()


def _smallest_text_pt(site) -> dict[str, float]:
    """Smallest text (points at the figure's own size) of each SVG: matplotlib writes text as glyph
    paths, so read it from the figures the notebooks displayed."""
    import nbformat

    out = {}
    for nb in Path(site["build"]).glob("**/notebooks/*.ipynb"):
        for cell in nbformat.read(str(nb), as_version=4).cells:
            for o in cell.get("outputs", []):
                meta = (o.get("metadata") or {}).get("lkjip") or {}
                if meta.get("kind") == "figure":
                    out[meta["id"]] = float(meta["text_min_pt"])
    return out


@pytest.mark.browser
def test_desktop_uses_the_width_tables_need(browser, site):
    page = _open(browser, site, 1280, 900, shot="1280-sampul.png")
    state = page.evaluate("""() => {
        const wrap = id => document.getElementById(id).closest('.table-scroll');
        const fits = id => wrap(id).scrollWidth <= wrap(id).clientWidth + 1;
        return {sidebar: getComputedStyle(document.querySelector('nav.toc')).display,
                details: getComputedStyle(document.querySelector('details.toc-ponsel')).display,
                efisiensi: fits('tbl-efisiensi'), aksi: fits('tbl-rencana-aksi'),
                analisis: fits('tbl-analisis')};
    }""")
    assert state["sidebar"] == "block" and state["details"] == "none"
    assert state["efisiensi"] and state["aksi"] and state["analisis"], state
    page.evaluate("document.querySelector('#tbl-efisiensi').scrollIntoView()")
    page.screenshot(path=str(SHOTS / "1280-tabel.png"))
    page.close()
