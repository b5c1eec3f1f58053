"""The published HTML: what pandoc's HTML writer cannot do, done on its output.

* tables: great-tables' group rows (``Sasaran``, ``Program``) become row-group header cells, one
  ``<tbody>`` per group, so every ``headers=`` of a data cell points at a header cell (pandoc turns
  all group rows but the first into ``<td scope=colgroup>``);
* figures: vector (SVG) files in ``gambar/`` next to the HTML, each with its size, a link to open it
  full size, and on a phone a width at which its smallest label stays at least 9 CSS px
  (:data:`MIN_TEXT_PX`; the figure scrolls sideways inside its frame when the screen is narrower);
* a collapsible table of contents for small screens (``<details>``, no JavaScript);
* the *Data Terbuka* section: every open-data file with its size, linked.

With ``inline=True`` (the self-contained e-mail copy) images become data URIs instead of files.
"""
from __future__ import annotations

import base64
import html
import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from ._parts import Figure

FIG_DIR = "gambar"
MIN_TEXT_PX = 9.0          # smallest label a phone reader gets
PHONE_CONTENT_PX = 358     # content width at a 390 px viewport (1 rem padding each side)
CSS_PX_PER_CM = 96 / 2.54
CSS_PX_PER_PT = 96 / 72


def human_size(n: int) -> str:
    """``2_038_196`` -> ``2,0 MB``; ``85_000`` -> ``83 KB`` (Indonesian decimal comma)."""
    if n >= 1024 * 1024:
        return f"{n / 1024 / 1024:.1f} MB".replace(".", ",")
    return f"{max(1, round(n / 1024))} KB"


# --- tables -----------------------------------------------------------------------------------
_GROUP_ROW = re.compile(r'<tr class="gt_group_heading_row">\s*<(td|th)\b([^>]*)>(.*?)</\1>\s*</tr>', re.S)


def group_rows(page: str) -> str:
    """Group heading rows as ``<th scope="rowgroup">``, each group in its own ``<tbody>``."""
    def table(m: re.Match[str]) -> str:
        text = m.group(0)
        if "gt_group_heading_row" not in text:
            return text
        first = [True]

        def row(r: re.Match[str]) -> str:
            attrs = re.sub(r'\sscope="[^"]*"', "", r.group(2)) + ' scope="rowgroup"'
            # the label in a span that stays in view while a wide table scrolls sideways
            cell = f'<tr class="gt_group_heading_row"><th{attrs}><span class="grup">{r.group(3)}</span></th></tr>'
            if first[0]:
                first[0] = False
                return cell
            return '</tbody>\n<tbody class="gt_table_body">\n' + cell

        text = _GROUP_ROW.sub(row, text)
        # the first group row must open the first group's tbody (pandoc may leave rows before it)
        return re.sub(r'(<tbody\b[^>]*>)\s*(?=<tr class="gt_group_heading_row">)', r"\1\n", text, count=1)

    return re.sub(r"<table\b.*?</table>", table, page, flags=re.S)


# --- figures ----------------------------------------------------------------------------------
def phone_width_px(fig: Figure) -> int | None:
    """The width (CSS px) a figure needs so that its smallest text is :data:`MIN_TEXT_PX`; ``None``
    when it fits a phone's screen anyway (or the sizes are unknown)."""
    if not fig.width_cm or not fig.text_min_pt:
        return None
    natural = fig.width_cm * CSS_PX_PER_CM
    needed = natural * MIN_TEXT_PX / (fig.text_min_pt * CSS_PX_PER_PT)
    return round(needed) if needed > PHONE_CONTENT_PX else None


def figures(page: str, figs: Mapping[str, Figure], *, inline: bool) -> str:
    """Replace the symbolic ``<img src="lkjip-fig:ID">`` of pandoc's output (see
    :func:`lkjip.render._assemble.figure_html`)."""
    def img(m: re.Match[str]) -> str:
        fid = html.unescape(m.group(1))
        fig = figs[fid]
        attrs = re.sub(r'\sdata-width-cm="[^"]*"', "", m.group(2)).rstrip(" /")
        name, payload = fig.file()
        if inline:
            mime = "image/svg+xml" if name.endswith(".svg") else "image/png"
            src = f"data:{mime};base64," + base64.b64encode(payload).decode("ascii")
        else:
            src = f"{FIG_DIR}/{html.escape(name)}"
        size = ""
        if fig.width_cm and fig.height_cm:
            size = (f' width="{round(fig.width_cm * CSS_PX_PER_CM)}"'
                    f' height="{round(fig.height_cm * CSS_PX_PER_CM)}"')
        phone = phone_width_px(fig)
        extra = f' class="kecil" style="--lebar-ponsel: {phone}px"' if phone else ""
        label = html.escape(f"Gambar {fid}, geser ke samping", quote=True)
        cue = '<p class="geser" aria-hidden="true">Geser gambar ke samping →</p>' if phone else ""
        out = (f'{cue}<div class="gambar-scroll" tabindex="0" role="region" aria-label="{label}">'
               f'<img src="{src}"{size}{extra}{attrs} /></div>')
        if not inline:
            out += (f'<p class="perbesar"><a href="{src}">'
                    "Buka gambar ukuran penuh</a></p>")
        return out

    return re.sub(r'<img src="lkjip-fig:([^"]+)"([^>]*)>', img, page)


# --- navigation -------------------------------------------------------------------------------
TOC_SLOT = "<!-- lkjip:toc-ponsel -->"


def mobile_toc(page: str) -> str:
    """Copy the sidebar's table of contents into the ``<details>`` shown on small screens (link ids
    dropped: ids stay unique)."""
    found = re.search(r'<nav id="daftar-isi"[^>]*>.*?(<ul>.*</ul>)\s*</nav>', page, re.S)
    if not found or TOC_SLOT not in page:
        return page.replace(TOC_SLOT, "")
    links = re.sub(r'\sid="toc-[^"]*"', "", found.group(1))
    return page.replace(TOC_SLOT, f'<nav aria-label="Daftar Isi (ringkas)">\n{links}\n</nav>', 1)


# --- open data --------------------------------------------------------------------------------
def data_section(folder: Path, rel: str) -> str:
    """HTML section listing the open data of ``folder`` (``data/terbuka`` of the staging output)
    with sizes; links are relative to the HTML (``rel``). Empty when there is none."""
    if not folder.is_dir():
        return ""
    titles: dict[str, str] = {}
    package = folder / "datapackage.json"
    licence = ""
    if package.is_file():
        desc = json.loads(package.read_text(encoding="utf-8"))
        titles = {r["path"]: r.get("title", "") for r in desc.get("resources", [])}
        lic = (desc.get("licenses") or [{}])[0]
        licence = lic.get("title") or lic.get("name", "")
    items = []
    stems = sorted({p.stem for p in folder.glob("*.csv")})
    for stem in stems:
        links = []
        for suffix in ("csv", "xlsx"):
            f = folder / f"{stem}.{suffix}"
            if f.is_file():
                links.append(f'<a href="{rel}/{html.escape(f.name)}" download>{suffix.upper()}</a> '
                             f"({human_size(f.stat().st_size)})")
        title = titles.get(f"{stem}.csv", "")
        items.append(f"<li><strong>{html.escape(stem)}</strong>{': ' + html.escape(title) if title else ''} — "
                     + " · ".join(links) + "</li>")
    for name, what in (("datapackage.json", "deskripsi Frictionless Data Package: lisensi, penerbit, kode "
                                            "wilayah, periode dan skema setiap berkas"),
                       ("BACA.txt", "keterangan singkat")):
        f = folder / name
        if f.is_file():
            items.append(f'<li><a href="{rel}/{name}">{name}</a> ({human_size(f.stat().st_size)}): {what}</li>')
    if not items:
        return ""
    lic_text = f" Lisensi: {html.escape(licence)}." if licence else ""
    return ('<h1 id="data-terbuka" class="unnumbered">DATA TERBUKA</h1>\n'
            "<p>Data laporan ini dalam bentuk terbuka untuk portal Satu Data: berkas CSV (UTF-8, titik desimal, "
            "sel kosong = belum diisi) dan XLSX, dengan deskripsi <em>Frictionless Data Package</em>."
            f"{lic_text} Data di balik setiap tabel juga dapat diunduh di bawah tabel tersebut.</p>\n"
            '<ul class="berkas-data">\n' + "\n".join(items) + "\n</ul>\n")


def _who(metadata: Mapping[str, str]) -> tuple[str, str, str]:
    unit = str(metadata.get("opd") or metadata.get("unit", "")).strip()
    return unit, str(metadata.get("kabupaten", "")).strip(), str(metadata.get("year", "")).strip()


def description(metadata: Mapping[str, str]) -> str:
    """The page's meta description."""
    unit, kab, year = _who(metadata)
    return (f"Laporan Kinerja Instansi Pemerintah (LKjIP) {unit} {kab} tahun {year}: capaian indikator "
            "kinerja, realisasi anggaran, analisis dan data terbuka.").replace("  ", " ")


def page_title(metadata: Mapping[str, str]) -> str:
    """``LKjIP 2024 — Sekretariat Daerah, Kabupaten Tanjung Jabung Timur``."""
    unit, kab, year = _who(metadata)
    who = ", ".join(p for p in (unit, kab) if p)
    return " — ".join(p for p in (f"LKjIP {year}".strip(), who) if p)


ICON_SVG = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" '
            'fill="#1d4e89"/><rect x="7" y="17" width="4" height="8" fill="#fff"/><rect x="14" y="11" width="4" '
            'height="14" fill="#fff"/><rect x="21" y="6" width="4" height="19" fill="#fff"/></svg>\n')


def assets(figs: Sequence[Figure]) -> dict[str, bytes]:
    """``{file name in gambar/: bytes}`` of the figures."""
    return dict(f.file() for f in figs)
