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

# Markdown as chapter notebooks write it; raw HTML/TeX/attributes and dollar math are switched off, and
# so are <div>/<span> read as divs and spans (an unclosed <div> in a cell would swallow the report).
MARKDOWN_FORMAT = ("markdown-raw_html-raw_tex-raw_attribute-tex_math_dollars-tex_math_single_backslash"
                   "-citations-yaml_metadata_block-native_divs-native_spans")
# Prose is read text by text: no links to headings of other texts, no numbering of example lists
# across texts, no title block (a leading "%" line is text, never dropped as metadata).
_PROSE_IN = (MARKDOWN_FORMAT + "-implicit_figures-auto_identifiers-implicit_header_references-example_lists"
             "-pandoc_title_block")
_PROSE_OUT = "markdown-raw_html-raw_attribute-raw_tex"


def safe_filter() -> str:
    return str(resources.files("lkjip") / "templates" / "safe.lua")


@lru_cache(maxsize=1)
def _pandoc() -> str:
    import pypandoc

    return str(pypandoc.get_pandoc_path())


_DONE: dict[str, str] = {}  # prose already made safe in this process (by text)
_SEPARATOR = "LKJIPPEMISAHNARASI7C1E"
# What reaches across texts in one document — footnotes, reference-link definitions, fenced code and
# fenced divs (an unclosed fence runs on into the next text) — sends a text through pandoc alone.
_ALONE = re.compile(r"\[\^|^\s{0,3}\[[^\]]+\]:|^\s*(?:```|~~~|:::)", re.M)


def _run(text: str) -> str:
    proc = subprocess.run([_pandoc(), "--sandbox", "-f", _PROSE_IN, "-t", _PROSE_OUT, "--wrap=preserve",
                           "-M", "lkjip-prose=1", "--lua-filter", safe_filter()],
                          input=text, capture_output=True, text=True, encoding="utf-8")
    if proc.returncode != 0:
        raise RuntimeError(f"pandoc gagal membaca narasi: {proc.stderr.strip()[-500:]}")
    return proc.stdout.strip()


def prose(text: str) -> str:
    """``text`` (Markdown) with everything outside the prose allow-list removed (see module doc)."""
    if not text.strip():
        return text
    if text not in _DONE:
        if len(_DONE) > 1024:  # a long preview session edits many versions of its texts
            _DONE.clear()
        _DONE[text] = _run(text)
    return _DONE[text]


def prose_many(texts: list[str]) -> list[str]:
    """:func:`prose` of each text, made in one pandoc run (a run costs more than the texts): the texts
    are joined by a separator paragraph and the result split at it. A text with footnotes or link
    definitions, or a result that does not split back into as many texts, is made on its own."""
    todo = [t for t in dict.fromkeys(texts) if t.strip() and t not in _DONE and not _ALONE.search(t)]
    if len(todo) > 1 and _SEPARATOR not in "".join(todo):
        try:
            joined = _run(f"\n\n{_SEPARATOR}\n\n".join(todo))
        except RuntimeError:  # one of them trips pandoc: each on its own below, the error names it
            joined = ""
        pieces = [piece.strip() for piece in joined.split(_SEPARATOR)]
        if len(pieces) == len(todo):
            _DONE.update(zip(todo, pieces))
    return [prose(t) for t in texts]


_REMOVED = (
    (re.compile(r"!\[[^\]]*\]\("), "gambar (gambar dari narasi tidak diterbitkan; hanya teks alternatifnya)"),
    (re.compile(r"\]\(\s*(?!https?:|mailto:|#)[a-z][a-z0-9+.-]*:", re.I),
     "tautan selain http(s)/mailto (hanya teksnya yang diterbitkan)"),
    (re.compile(r"[\]`)]\{[^}]*\}|^\s*:::|\{[^}]*[=][^}]*\}\s*$"), "atribut atau blok {…} pandoc (diabaikan)"),
)


def removed(line: str) -> list[str]:
    """What the allow-list will drop from one line of prose, in words (for a warning by check)."""
    return [what for pattern, what in _REMOVED if pattern.search(line)]
