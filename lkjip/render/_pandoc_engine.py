"""The default engine: pandoc (HTML5 with our template) and pandoc -> typst -> PDF (typst wheel)."""
from __future__ import annotations

import base64
import html
import mimetypes
import os
import re
import shutil
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Literal

from ..errors import RenderError
from . import _tools
from . import _web
from ._assemble import DATA_DIR, assemble, with_images
from ._parts import Figure, Part, Table

COVER_KEYS = ("title", "subtitle", "unit", "kabupaten", "year", "author", "date", "address", "motto", "status")
# PDF/A-2b (archival) and PDF/UA-1 (accessible: tagged, every image with its alt text, title, language).
LAST_TIMESTAMP = 253402300799  # 31 December 9999, 23:59:59 UTC: the last date a PDF can hold
PDF_STANDARDS: tuple[Literal["a-2b", "ua-1"], ...] = ("a-2b", "ua-1")


def engine_label() -> str:
    return f"pandoc {_tools.pandoc_version()} / typst {_tools.typst_version()}"


def fixed_timestamp(year: int) -> int:
    """The PDF creation time: ``SOURCE_DATE_EPOCH`` when set, else 1 January of ``year + 1`` (UTC)."""
    env = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if env:
        if not env.isdigit() or int(env) > LAST_TIMESTAMP:
            raise RenderError(f"SOURCE_DATE_EPOCH={env!r} bukan waktu yang sah: tulis detik sejak 1 Januari 1970 "
                              "(UTC), paling jauh tahun 9999, atau hapus variabel itu.")
        return int(env)
    return int(datetime(year + 1, 1, 1, tzinfo=timezone.utc).timestamp())


def check_available() -> None:
    """Fail early, with the fix, when pandoc or the typst wheel is missing."""
    import importlib.util

    _tools.pandoc_path()
    if importlib.util.find_spec("typst") is None:
        raise RenderError("typst tidak ditemukan: pasang paket Python 'typst' (pip install typst), atau gunakan "
                          "Quarto dengan '--engine quarto'.")


def _data_uri(path: Path) -> str:
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{mime};base64," + base64.b64encode(path.read_bytes()).decode("ascii")


def html_body_args() -> list[str]:
    """How pandoc reads the report body and writes it for the web page, the HTML filter included
    (:func:`write_html` adds the page around it; the live preview converts single tables,
    paragraphs and list items with these, :mod:`lkjip.render._splice`)."""
    return ["-f", "html", "-t", "html5", "--wrap=none", "--lua-filter", str(_tools.template("html.lua"))]


def write_html(body: str, target: Path, metadata: Mapping[str, str], work: Path, *, version: str,
               variables: Mapping[str, str] | None = None,
               pandoc: Callable[[list[str], str], str] = _tools.pandoc) -> Path:
    """Offline HTML5: our template and scoped CSS inline, TOC sidebar (and a collapsible copy for
    phones, :func:`lkjip.render._web.mobile_toc`), one ``h1`` (the cover title). ``variables``:
    further template values, already HTML (logo, icon, download links and sizes). ``pandoc``: what
    runs pandoc (arguments, input) -> output (the live preview reuses an unchanged page's)."""
    work.mkdir(parents=True, exist_ok=True)
    style = work / "style.html"
    style.write_text("<style>\n" + _tools.template("lkjip.css").read_text(encoding="utf-8") + "</style>\n",
                     encoding="utf-8")
    values = {"lang": "id", "pagetitle": html.escape(_web.page_title(metadata)),
              "description": html.escape(_web.description(metadata), quote=True),
              "lkjip-version": html.escape(version), **{k: html.escape(str(metadata.get(k, ""))) for k in COVER_KEYS},
              **dict(variables or {})}
    args = [*html_body_args(), "--standalone", "--toc", "--toc-depth=3", "--template",
            str(_tools.template("lkjip.html")), "-H", str(style)]
    for key, value in values.items():
        args += ["-V", f"{key}={value}"]
    target.write_text(_web.mobile_toc(_web.group_rows(pandoc(args, body))), encoding="utf-8")
    return target


def _font_paths() -> list[str]:
    """DejaVu Sans shipped with matplotlib (same face as the charts), so that the PDF does not
    depend on the fonts installed on the machine."""
    import matplotlib

    return [str(Path(matplotlib.get_data_path()) / "fonts" / "ttf")]


def write_pdf(body: str, target: Path, metadata: Mapping[str, str], work: Path, figures: Mapping[str, bytes],
              *, year: int, logo: Path | None) -> Path:
    """pandoc -> typst (our template and filter) -> PDF with the typst wheel, fonts and time fixed."""
    try:
        import typst
    except ImportError as exc:
        raise RenderError("typst tidak ditemukan: pasang paket Python 'typst' (pip install typst).") from exc

    fig_dir = work / "figures"
    shutil.rmtree(fig_dir, ignore_errors=True)
    fig_dir.mkdir(parents=True)
    for name, payload in figures.items():  # file name -> bytes (SVG or PNG)
        (fig_dir / name).write_bytes(payload)
    source = _tools.pandoc(["-f", "html", "-t", "typst", "--standalone", "--wrap=none",
                            "--template", str(_tools.template("lkjip.typ")),
                            "--lua-filter", str(_tools.template("typst.lua"))], body)
    typ = work / "lkjip.typ"
    typ.write_text(source, encoding="utf-8")
    inputs = {k: str(metadata.get(k, "")) for k in COVER_KEYS}
    if logo:
        shutil.copyfile(logo, work / f"logo{logo.suffix.lower()}")
        inputs["logo"] = f"logo{logo.suffix.lower()}"
    try:
        typst.compile(str(typ), output=str(target), root=str(work), font_paths=_font_paths(),
                      ignore_system_fonts=True, sys_inputs=inputs, timestamp=fixed_timestamp(year),
                      pdf_standards=list(PDF_STANDARDS))
    except Exception as exc:  # typst raises its own error types
        raise RenderError(f"typst gagal membuat PDF dari {typ}: {exc}") from exc
    return target


def write_table_data(parts: Sequence[Part], folder: Path) -> list[Path]:
    """Each table's data (``Table.csv``) as ``<id>.csv`` and ``<id>.xlsx`` in ``folder``: what the
    HTML's download links point to. Formula-like text is neutralised (:mod:`lkjip.spreadsheet`)."""
    import csv
    import io

    from ..spreadsheet import csv_bytes, xlsx_bytes

    written = []
    for part in parts:
        if not isinstance(part, Table) or not part.csv:
            continue
        rows = list(csv.reader(io.StringIO(part.csv)))
        header, body = rows[0], [[_number(v) for v in row] for row in rows[1:]]
        folder.mkdir(parents=True, exist_ok=True)
        for suffix, data in (("csv", csv_bytes(header, body)),
                             ("xlsx", xlsx_bytes(header, body, sheet=part.id, title=part.caption))):
            target = folder / f"{part.id}.{suffix}"
            target.write_bytes(data)
            written.append(target)
    return written


def _number(text: str) -> object:
    """A CSV cell back to a number when it is one as the data's CSV writes numbers (``43574741594``,
    ``96.25``: no leading zero, at most 15 digits before the point, so that a spreadsheet holds it
    exactly), else the text: a code such as ``007`` or a long string of digits stays as written."""
    if text == "":
        return None
    if re.fullmatch(r"-?(?:0|[1-9]\d{0,14})", text):
        return int(text)
    if re.fullmatch(r"-?(?:0|[1-9]\d{0,14})\.\d+", text):
        return float(text)
    return text


PDF_SIZE_SLOT = "lkjip-ukuran-pdf-7c1e"  # stands for the PDF's size until the PDF exists


def html_page(parts: Sequence[Part], body: str, staging: Path, work: Path, *, year: int,
              metadata: Mapping[str, str], version: str, logo: Path | None, pdf_name: str | None = None,
              pdf_size: str = PDF_SIZE_SLOT, self_contained: bool = False,
              pandoc: Callable[[list[str], str], str] = _tools.pandoc) -> Path:
    """``lkjip-<year>.html`` in ``staging`` with its figures as SVG files in ``gambar/`` (see
    :func:`render`); ``body`` is :func:`assemble` of ``parts``. ``pdf_name``: the PDF offered for
    download, its size ``pdf_size`` (by default :data:`PDF_SIZE_SLOT`, filled by :func:`fill_pdf_size`
    once the PDF exists); ``None`` offers no PDF. ``pandoc``: as for :func:`write_html`."""
    figs = [p for p in parts if isinstance(p, Figure)]
    fig_dir = staging / _web.FIG_DIR
    fig_dir.mkdir(parents=True, exist_ok=True)
    for name, payload in sorted(_web.assets(figs).items()):
        (fig_dir / name).write_bytes(payload)
    data_html, data_size = open_data_listing(staging)
    links = {"pdf-href": html.escape(pdf_name), "pdf-size": html.escape(pdf_size)} if pdf_name else {}
    if data_html:
        links["data-size"] = data_size
    if logo:
        icon = f"logo{logo.suffix.lower()}"
        shutil.copyfile(logo, fig_dir / icon)
    else:
        icon = "ikon.svg"
        (fig_dir / icon).write_text(_web.ICON_SVG, encoding="utf-8")
    by_id = {f.id: f for f in figs}
    html_path = staging / f"lkjip-{year}.html"
    icon_src = f"{_web.FIG_DIR}/{icon}"
    write_html(body + "\n" + data_html, html_path, metadata, work, version=version,
               variables={**links, "icon": icon_src} | ({"logo": icon_src} if logo else {}), pandoc=pandoc)
    page = html_path.read_text(encoding="utf-8")
    html_path.write_text(_web.figures(page, by_id, inline=False), encoding="utf-8")
    if self_contained:  # the same page with every image inline
        single = page.replace(f'"{icon_src}"', f'"{_data_uri(fig_dir / icon)}"')
        (staging / f"lkjip-{year}-mandiri.html").write_text(_web.figures(single, by_id, inline=True),
                                                            encoding="utf-8")
    return html_path


def open_data_listing(staging: Path) -> tuple[str, str]:
    """How the page lists the open data already in ``staging`` (``data/terbuka``): its section (file
    names and sizes; empty without open data) and the total size."""
    open_data = staging / DATA_DIR / "terbuka"
    size = sum(f.stat().st_size for f in open_data.rglob("*") if f.is_file()) if open_data.is_dir() else 0
    return _web.data_section(open_data, f"{DATA_DIR}/terbuka"), _web.human_size(size)


def fill_pdf_size(pages: Sequence[Path], pdf: Path) -> None:
    """Put the PDF's size where :func:`html_page` left :data:`PDF_SIZE_SLOT`."""
    size = _web.human_size(pdf.stat().st_size)
    for page in pages:
        if page.is_file():
            text = page.read_text(encoding="utf-8")
            if PDF_SIZE_SLOT in text:
                page.write_text(text.replace(PDF_SIZE_SLOT, size), encoding="utf-8")


_CELL_TAG = re.compile(r"<(td|th|tr)\b([^>]*)>")
_WEB_ONLY = re.compile(r'\s(?:headers|id|class|scope)="[^"]*"')


def lean_cells(body: str) -> str:
    """``body`` without the table-cell attributes only the web page uses (``headers``, ``id``,
    ``class``, ``scope``: the accessible HTML table); the PDF's tables are tagged by typst from their
    header rows. About a third less HTML for pandoc to read on the way to typst."""
    return _CELL_TAG.sub(lambda m: f"<{m.group(1)}{_WEB_ONLY.sub('', m.group(2))}>", body)


def pdf_file(parts: Sequence[Part], body: str, target: Path, work: Path, *, year: int,
             metadata: Mapping[str, str], logo: Path | None) -> Path:
    """The PDF of ``parts`` (``body`` is their :func:`assemble`), intermediates in ``work``."""
    files = {p.id: p.file() for p in parts if isinstance(p, Figure)}
    work.mkdir(parents=True, exist_ok=True)
    return write_pdf(with_images(lean_cells(body), {fid: name for fid, (name, _) in files.items()}), target,
                     metadata, work, dict(files.values()), year=year, logo=logo)


def render(parts: Sequence[Part], staging: Path, work: Path, *, year: int, metadata: Mapping[str, str],
           version: str, logo: Path | None, self_contained: bool = False) -> tuple[Path, Path]:
    """Write into ``staging`` the folder a web admin publishes as is: ``lkjip-<year>.html`` with its
    figures as SVG files in ``gambar/``, ``lkjip-<year>.pdf``, and the tables' data under ``data/``
    (the open data already there is listed in the HTML with sizes). ``self_contained`` adds
    ``lkjip-<year>-mandiri.html``: one file, images inline, to send by e-mail. Intermediates go to
    ``work``.

    The PDF (pandoc -> typst, then typst) is made in a second thread while this one makes the HTML
    (pandoc): both engines run outside Python, so on two cores the two documents take about as
    long as the slower one."""
    from concurrent.futures import ThreadPoolExecutor

    work.mkdir(parents=True, exist_ok=True)
    body = assemble(parts)
    (work / "body.html").write_text(body, encoding="utf-8")
    pdf_target = staging / f"lkjip-{year}.pdf"
    with ThreadPoolExecutor(max_workers=1) as pool:
        pdf_job = pool.submit(pdf_file, parts, body, pdf_target, work / "pdf", year=year, metadata=metadata,
                              logo=logo)
        try:
            write_table_data(parts, staging / DATA_DIR)
            html_path = html_page(parts, body, staging, work / "html", year=year, metadata=metadata,
                                  version=version, logo=logo, pdf_name=pdf_target.name,
                                  self_contained=self_contained)
        finally:
            pdf_path = pdf_job.result()  # its error first: the PDF's message names the cause
    fill_pdf_size([html_path, staging / f"lkjip-{year}-mandiri.html"], pdf_path)
    return html_path, pdf_path
