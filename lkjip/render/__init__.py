"""Render the LKjIP book: execute the chapter notebooks, then write HTML and PDF.

Public API: :func:`render_book`, :class:`RenderResult`, :func:`write_quarto_project`,
:class:`~lkjip.errors.RenderError`. Engines: pandoc + typst (default, from Python wheels) or Quarto
(``engine="quarto"``, our templates through Quarto's template partials). See :mod:`._parts` for how
a chapter notebook is read and :mod:`lkjip.present.display` for what its code cells display.
"""
from __future__ import annotations

from ..errors import RenderError
from ._book import ENGINES, RenderResult, logo_path, render_book, resolve_engine
from ._quarto import write_quarto_project

__all__ = ["ENGINES", "RenderError", "RenderResult", "logo_path", "render_book", "resolve_engine",
           "write_quarto_project"]
