"""Render the LKjIP book: execute the chapter notebooks, then write HTML and PDF.

Public API: :func:`render_book`, :class:`RenderResult`, :func:`write_quarto_project`,
:class:`~lkjip.errors.RenderError`. Engines: pandoc + typst (default, from Python wheels) or Quarto
(when ``quarto`` is on PATH). See :mod:`lkjip.present.display` for what notebooks display.
"""
from __future__ import annotations

from ..errors import RenderError
from ._book import RenderResult, logo_path, render_book, resolve_engine
from ._quarto import write_quarto_project

__all__ = ["RenderError", "RenderResult", "logo_path", "render_book", "resolve_engine", "write_quarto_project"]
