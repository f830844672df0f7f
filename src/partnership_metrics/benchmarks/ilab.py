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


def match_startups(startups: pd.DataFrame, laureates: pd.DataFrame) -> pd.DataFrame:
    """The partnership's start-ups found among the laureates: ``startup_id, name, year, matched_by``
    (``siren`` when the SIREN matches, else ``name``); one row per start-up (its first laureate year)."""
    columns = ["startup_id", "name", "year", "matched_by"]
    if startups is None or startups.empty:
        return pd.DataFrame(columns=columns)
    years = pd.to_numeric(laureates[YEAR], errors="coerce")
    by_siren: dict[str, int] = {}
    by_name: dict[str, int] = {}
    for siren, company, year in zip(laureates[SIREN], laureates[COMPANY], years, strict=False):
        if pd.isna(year):
            continue
        if siren.strip():
            by_siren[siren.strip()] = min(by_siren.get(siren.strip(), 9999), int(year))
        if company_key(company):
            by_name[company_key(company)] = min(by_name.get(company_key(company), 9999), int(year))
    rows = []
    for row in startups.itertuples(index=False):
        siren = getattr(row, "siren", None)
        siren = siren if isinstance(siren, str) else ""
        if siren and siren in by_siren:
            rows.append((row.startup_id, row.name, by_siren[siren], "siren"))
        elif company_key(str(row.name)) in by_name:
            rows.append((row.startup_id, row.name, by_name[company_key(str(row.name))], "name"))
    return pd.DataFrame(rows, columns=columns)
