"""Documentation that must not drift: the data dictionary and the README's commands."""
from __future__ import annotations

import re

from conftest import ROOT
from lkjip._schema import NARASI, TABLES
from lkjip.dictionary import render_dictionary


def test_data_dictionary_is_generated_from_the_schemas():
    assert (ROOT / "docs" / "data-dictionary.md").read_text(encoding="utf-8") == render_dictionary(), \
        "run `lkjip kamus` after changing lkjip/_schema.py"


def test_every_2024_file_is_in_the_dictionary():
    folder = ROOT / "data" / "2024"
    known = {t.file for t in TABLES} | {"profil.yaml"}
    for path in folder.iterdir():
        if path.is_file():
            assert path.name in known, f"{path.name} is not described by lkjip/_schema.py"
    for path in (folder / "narasi").iterdir():
        assert path.name in NARASI, f"narasi/{path.name} is not described by lkjip/_schema.py"


def test_readme_leads_with_setup_and_test_commands_and_ci_runs_the_test_command():
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    block = lines[lines.index("```sh") + 1: lines.index("```sh") + 3]
    setup, test = (re.sub(r"\s+#.*$", "", line).strip() for line in block)
    assert setup.endswith("lkjip render 2024") and "pip install" in setup
    assert test in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert lines.index("```sh") < 4
