"""The national i-Lab competition (ministry open data): laureates per year, nationally and in the partnership's
region, all domains and health; and which of the partnership's start-ups are laureates (by SIREN, else by name)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from ..errors import FatalInputError
from ..textnorm import fold

YEAR, REGION_ID, DOMAIN = "Année de concours", "Id région", "Domaine technologique"
SIREN, COMPANY = "N° SIREN", "Libellé entreprise"
_LEGAL_FORMS = {"sas", "sasu", "sa", "sarl", "eurl", "sas.", "inc", "ltd", "gmbh"}


def read_laureates(path: Path) -> pd.DataFrame:
    """The laureates file as text columns (``;``-separated, UTF-8 with or without BOM, quoted line breaks)."""
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FatalInputError(str(path), "is not UTF-8 text", "download the i-Lab file again") from None
    rows = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))
    missing = [c for c in (YEAR, REGION_ID, DOMAIN, SIREN, COMPANY) if not rows or c not in rows[0]]
    if missing:
        raise FatalInputError(str(path), f"is not the i-Lab laureates file (no column {', '.join(missing)})",
                              "download it again, or check the file given")
    return pd.DataFrame(rows, dtype="str").fillna("")


def laureates_per_year(laureates: pd.DataFrame, *, region: str, health_domains: list[str]) -> pd.DataFrame:
    """Laureates per competition year: columns ``year, scope`` (``national`` or the region id), ``domain``
    (``all`` or ``health``) and ``laureates``."""
    df = laureates.assign(year=pd.to_numeric(laureates[YEAR], errors="coerce"))
    df = df[df["year"].notna()].astype({"year": "int64"})
    health = df[DOMAIN].isin(health_domains)
    parts = []
    for scope, in_scope in (("national", pd.Series(True, index=df.index)), (region, df[REGION_ID] == region)):
        for domain, in_domain in (("all", pd.Series(True, index=df.index)), ("health", health)):
            counts = df[in_scope & in_domain].groupby("year").size()
            parts.append(pd.DataFrame({"year": counts.index, "scope": scope, "domain": domain,
                                       "laureates": counts.to_numpy()}))
    return pd.concat(parts, ignore_index=True)


def company_key(name: str) -> str:
    """A company name for matching: folded words without legal forms (``"NMRTEC SAS"`` -> ``"nmrtec"``)."""
    return " ".join(w for w in fold(name).split() if w not in _LEGAL_FORMS)


def laureate_companies(laureates: pd.DataFrame, *, health_domains: list[str]) -> pd.DataFrame:
    """The laureates' companies, for matching the partnership's start-ups without the file: ``year, region, health,
    siren, name_key`` (:func:`company_key` of the company's name), one row per laureate with a SIREN or a company
    name (the file names no person here)."""
    df = laureates.assign(year=pd.to_numeric(laureates[YEAR], errors="coerce"),
                          siren=laureates[SIREN].str.strip(), name_key=laureates[COMPANY].map(company_key))
    df = df[df["year"].notna() & ((df["siren"] != "") | (df["name_key"] != ""))]
    out = pd.DataFrame({"year": df["year"].astype("int64"), "region": df[REGION_ID],
                        "health": df[DOMAIN].isin(health_domains), "siren": df["siren"], "name_key": df["name_key"]})
    return out.drop_duplicates().sort_values(["year", "region", "siren", "name_key"]).reset_index(drop=True)


def match_companies(startups: pd.DataFrame | None, companies: pd.DataFrame) -> pd.DataFrame:
    """The partnership's start-ups found among the laureates' ``companies`` (:func:`laureate_companies`):
    ``startup_id, name, year, region, matched_by`` (``siren`` when the SIREN matches, else ``name``); one row per
    start-up, its first laureate year."""
    columns = ["startup_id", "name", "year", "region", "matched_by"]
    if startups is None or startups.empty:
        return pd.DataFrame(columns=columns)
    first = companies.sort_values("year", kind="stable")
    sirens = first[first["siren"].fillna("").astype(str) != ""].astype({"siren": "str"}).drop_duplicates("siren")
    by_siren = dict(zip(sirens["siren"], zip(sirens["year"], sirens["region"], strict=False), strict=False))
    names = first[first["name_key"].fillna("").astype(str) != ""].drop_duplicates("name_key")
    by_name = dict(zip(names["name_key"], zip(names["year"], names["region"], strict=False), strict=False))
    rows = []
    for row in startups.itertuples(index=False):
        siren = getattr(row, "siren", None)
        siren = str(siren).strip() if isinstance(siren, str) else ""
        if siren and siren in by_siren:
            rows.append((row.startup_id, row.name, int(by_siren[siren][0]), by_siren[siren][1], "siren"))
        elif company_key(str(row.name)) in by_name:
            year, region = by_name[company_key(str(row.name))]
            rows.append((row.startup_id, row.name, int(year), region, "name"))
    return pd.DataFrame(rows, columns=columns)


def match_startups(startups: pd.DataFrame, laureates: pd.DataFrame) -> pd.DataFrame:
    """The partnership's start-ups found in the laureates file itself (see :func:`match_companies`)."""
    return match_companies(startups, laureate_companies(laureates, health_domains=[]))
