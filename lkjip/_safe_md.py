"""The analysts' prose made safe for the public HTML: Markdown through an allow-list.

Prose (``narasi/*.md``) may use emphasis, lists, tables, headings and plain links. Pandoc's
attribute syntax (``[x]{onmouseover=...}``, ``{style=...}``), images (remote or local), spans and
divs, and links other than http(s), mailto, in-page or relative ones are removed by the
``safe.lua`` filter before the text reaches a chapter; raw HTML was never read as markup. The
same filter, less strict, guards the whole assembled report (:mod:`lkjip.render._assemble`).
"""
from __future__ import annotations

import re
import subprocess
from functools import lru_cache
from importlib import resources

# Markdown as chapter notebooks write it; raw HTML/TeX/attributes and dollar math are switched off.
MARKDOWN_FORMAT = ("markdown-raw_html-raw_tex-raw_attribute-tex_math_dollars-tex_math_single_backslash"
                   "-citations-yaml_metadata_block")
_PROSE_IN = MARKDOWN_FORMAT + "-implicit_figures-auto_identifiers"
_PROSE_OUT = "markdown-raw_html-raw_attribute-raw_tex"


def safe_filter() -> str:
    return str(resources.files("lkjip") / "templates" / "safe.lua")


@lru_cache(maxsize=1)
def _pandoc() -> str:
    import pypandoc

    return str(pypandoc.get_pandoc_path())


@lru_cache(maxsize=128)
def prose(text: str) -> str:
    """``text`` (Markdown) with everything outside the prose allow-list removed (see module doc)."""
    if not text.strip():
        return text
    proc = subprocess.run([_pandoc(), "--sandbox", "-f", _PROSE_IN, "-t", _PROSE_OUT, "--wrap=preserve",
                           "-M", "lkjip-prose=1", "--lua-filter", safe_filter()],
                          input=text, capture_output=True, text=True, encoding="utf-8")
    if proc.returncode != 0:
        raise RuntimeError(f"pandoc gagal membaca narasi: {proc.stderr.strip()[-500:]}")
    return proc.stdout.strip()


_REMOVED = (
    (re.compile(r"!\[[^\]]*\]\("), "gambar (gambar dari narasi tidak diterbitkan; hanya teks alternatifnya)"),
    (re.compile(r"\]\(\s*(?!https?:|mailto:|#)[a-z][a-z0-9+.-]*:", re.I),
     "tautan selain http(s)/mailto (hanya teksnya yang diterbitkan)"),
    (re.compile(r"[\]`)]\{[^}]*\}|^\s*:::|\{[^}]*[=][^}]*\}\s*$"), "atribut atau blok {…} pandoc (diabaikan)"),
)


def removed(line: str) -> list[str]:
    """What the allow-list will drop from one line of prose, in words (for a warning by check)."""
    return [what for pattern, what in _REMOVED if pattern.search(line)]
