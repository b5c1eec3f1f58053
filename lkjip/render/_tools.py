"""The external engines: pandoc (from the ``pypandoc-binary`` wheel), typst (the ``typst`` wheel)
and, when installed, Quarto. Nothing here touches the network."""
from __future__ import annotations

import shutil
import subprocess
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..errors import RenderError


def template(name: str) -> Path:
    """Path of a packaged template file (``lkjip/templates/<name>``)."""
    return Path(str(resources.files("lkjip") / "templates" / name))


@lru_cache(maxsize=1)
def pandoc_path() -> str:
    """The pandoc executable shipped with ``pypandoc-binary`` (else one on PATH)."""
    try:
        import pypandoc

        return str(pypandoc.get_pandoc_path())
    except (ImportError, OSError) as exc:  # pragma: no cover - depends on the installation
        found = shutil.which("pandoc")
        if not found:
            raise RenderError("pandoc tidak ditemukan: pasang paket 'pypandoc-binary'.") from exc
        return found


@lru_cache(maxsize=1)
def pandoc_version() -> str:
    out = subprocess.run([pandoc_path(), "--version"], capture_output=True, text=True, check=True).stdout
    return out.split()[1]


def typst_version() -> str:
    from importlib.metadata import version

    return version("typst")


def quarto_path() -> str | None:
    return shutil.which("quarto")


def quarto_version() -> str:
    path = quarto_path()
    if not path:
        return "?"
    return subprocess.run([path, "--version"], capture_output=True, text=True).stdout.strip() or "?"


def pandoc(args: list[str], text: str, *, cwd: Path | None = None) -> str:
    """Run pandoc on ``text`` (stdin) and return stdout; a failure becomes a :class:`RenderError`."""
    proc = subprocess.run([pandoc_path(), "--sandbox", *args], input=text, capture_output=True,
                          text=True, encoding="utf-8", cwd=cwd)
    if proc.returncode != 0:
        raise RenderError(f"pandoc gagal (kode {proc.returncode}): {proc.stderr.strip()[-2000:]}")
    return proc.stdout
