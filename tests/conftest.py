from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA_2024 = ROOT / "data" / "2024"


@pytest.fixture(scope="session")
def data2024():
    from lkjip.load import load_year

    return load_year(DATA_2024)


@pytest.fixture
def broken(tmp_path):
    """A writable copy of data/2024 (as ``<tmp>/data/2024``) plus a CSV editor."""
    target = tmp_path / "data" / "2024"
    shutil.copytree(DATA_2024, target)

    class Copy:
        root = tmp_path
        folder = target

        def rows(self, name: str) -> list[dict[str, str]]:
            with (target / name).open(encoding="utf-8", newline="") as fh:
                return list(csv.DictReader(fh))

        def edit(self, name: str, match: dict[str, str], **changes: str) -> int:
            """Change the first row matching ``match``; returns its line number (header = 1)."""
            path = target / name
            with path.open(encoding="utf-8", newline="") as fh:
                reader = csv.DictReader(fh)
                fields, rows = reader.fieldnames, list(reader)
            line = None
            for i, row in enumerate(rows):
                if all(row[k] == v for k, v in match.items()):
                    row.update(changes)
                    line = i + 2
                    break
            assert line, f"no row {match} in {name}"
            with path.open("w", encoding="utf-8", newline="") as fh:
                w = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
                w.writeheader()
                w.writerows(rows)
            return line

    return Copy()


# No test fails on timing (GUIDE): Hypothesis' per-example deadline flakes on a shared, loaded machine.
from hypothesis import settings  # noqa: E402

settings.register_profile("lkjip", deadline=None)
settings.load_profile("lkjip")
