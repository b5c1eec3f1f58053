"""Presentation: tables (great-tables), charts (matplotlib), generated text, display helpers."""
