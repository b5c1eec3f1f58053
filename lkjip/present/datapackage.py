"""A Frictionless Data Package (``datapackage.json``) describing the year's open data, so that a
portal (Satu Data Indonesia, CKAN) or ``frictionless validate`` reads every file with its schema.

Licence: the profile's ``lisensi`` (an SPDX id), CC-BY-4.0 by default. Publisher: the unit and its
kabupaten/kota. Region: the profile's Kemendagri ``kode_wilayah`` (left out when not given).
Created: the report date of the profile (``tanggal_laporan``), so the file is reproducible.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from typing import Any

import pandas as pd

from .._schema import JENIS_DAERAH

DEFAULT_LICENCE = "CC-BY-4.0"
LICENCES = {  # SPDX id -> (title, path)
    "CC-BY-4.0": ("Creative Commons Attribution 4.0", "https://creativecommons.org/licenses/by/4.0/"),
    "CC-BY-SA-4.0": ("Creative Commons Attribution Share-Alike 4.0", "https://creativecommons.org/licenses/by-sa/4.0/"),
    "CC0-1.0": ("CC0 1.0", "https://creativecommons.org/publicdomain/zero/1.0/"),
    "ODbL-1.0": ("Open Data Commons Open Database License 1.0", "https://opendatacommons.org/licenses/odbl/1-0/"),
}
FILE = "datapackage.json"


def slug(text: str) -> str:
    """``Sekretariat Daerah`` -> ``sekretariat-daerah`` (a Data Package name)."""
    return re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-")


def field_type(column: pd.Series) -> str:
    """The Table Schema type of a column: integer, number, year (``tahun``), or string."""
    values = [v for v in column if v is not None and not (isinstance(v, float) and v != v) and v is not pd.NA]
    if values and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        if all(float(v).is_integer() and isinstance(v, int) for v in values) or pd.api.types.is_integer_dtype(column):
            return "integer"
        return "number"
    if pd.api.types.is_integer_dtype(column):
        return "integer"
    if pd.api.types.is_float_dtype(column):
        return "number"
    return "string"


def _created(profil: Mapping[str, Any], year: int) -> str:
    when = profil.get("tanggal_laporan")
    if isinstance(when, dt.datetime):
        when = when.date()
    if not isinstance(when, dt.date):
        when = dt.date(year + 1, 1, 1)
    return f"{when.isoformat()}T00:00:00Z"


def descriptor(profil: Mapping[str, Any], year: int, resources: Mapping[str, tuple[str, pd.DataFrame]]) -> dict:
    """The Data Package descriptor of ``resources`` (``{stem: (description, frame)}``, written as
    ``<stem>.csv`` next to ``datapackage.json``)."""
    opd, kab = str(profil.get("opd", "")), str(profil.get("kabupaten", ""))
    jenis = str(profil.get("jenis_daerah") or "kabupaten").strip().casefold()
    daerah = f"{JENIS_DAERAH.get(jenis, JENIS_DAERAH['kabupaten'])[0]} {kab}".strip()
    licence = str(profil.get("lisensi") or DEFAULT_LICENCE)
    title, path = LICENCES.get(licence, (licence, None))
    lic = {"name": licence, "title": title} | ({"path": path} if path else {})
    package: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": "-".join(filter(None, ["lkjip", slug(opd), slug(kab), str(year)])),
        "title": f"Data terbuka LKjIP {opd} {daerah} Tahun {year}".replace("  ", " "),
        "description": ("Data kinerja dan anggaran dari Laporan Kinerja Instansi Pemerintah (LKjIP), dihasilkan "
                        "oleh lkjip dari data yang sama dengan laporan."),
        "version": f"{year}.0",
        "created": _created(profil, year),
        "licenses": [lic],
        "contributors": [{"title": f"{opd}, {daerah}".strip(", "), "role": "publisher"}],
        "keywords": ["LKjIP", "kinerja", "anggaran", str(year), kab],
        "temporal": {"start": f"{year}-01-01", "end": f"{year}-12-31"},
        "spatial": {"daerah": daerah, "jenis_daerah": jenis, "provinsi": str(profil.get("provinsi", ""))},
        "resources": [],
    }
    if profil.get("kode_wilayah"):
        package["spatial"]["kode_wilayah_kemendagri"] = str(profil["kode_wilayah"])
    for stem, (description, frame) in resources.items():
        fields = [{"name": str(c), "type": field_type(frame[c])} for c in frame.columns]
        package["resources"].append({
            "name": slug(stem), "path": f"{stem}.csv", "profile": "tabular-data-resource", "title": description,
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "schema": {"fields": fields, "missingValues": [""]},
        })
    return package


def package_bytes(profil: Mapping[str, Any], year: int, resources: Mapping[str, tuple[str, pd.DataFrame]]) -> bytes:
    return (json.dumps(descriptor(profil, year, resources), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
