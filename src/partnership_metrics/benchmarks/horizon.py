"""Horizon Europe from public data: projects signed per programme and call year (CORDIS), and France's signed EU
funding and share per programme (the ministry's processing of eCorda)."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pandas as pd

from ..errors import FatalInputError


def _read_csv(path: Path, columns: tuple[str, ...]) -> list[dict]:
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FatalInputError(str(path), "is not UTF-8 text", "download the CORDIS archive again") from None
    rows = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))
    if not rows or not set(columns) <= set(rows[0]):
        raise FatalInputError(str(path), f"is not a CORDIS file with the columns {', '.join(columns)}",
                              "download the CORDIS archive again, or check the file given")
    return rows


def projects_per_programme(topics_csv: Path, legal_basis_csv: Path, *, parts: dict[str, str],
                           cancer_topic: str) -> pd.DataFrame:
    """Horizon Europe projects per programme and call year: ``programme`` (a code of the eu_proposals table),
    ``programme_part`` (``HORIZON.2.1``...), ``call_year`` and ``projects``.

    A project's call year is read from its topic (``HORIZON-HLTH-2022-...``, ``ERC-2023-STG``); its programme part
    from its unique legal basis; Cancer Mission projects from their topic."""
    topics = _read_csv(topics_csv, ("projectID", "topic"))
    legal = _read_csv(legal_basis_csv, ("projectID", "legalBasis", "uniqueProgrammePart"))
    year_of = {}
    for row in topics:
        found = re.search(r"-(20\d\d)-", row["topic"])
        if found:
            year_of[row["projectID"]] = int(found.group(1))
    counts: dict[tuple[str, str, int], int] = {}
    for row in legal:
        part = row["legalBasis"]
        if row["uniqueProgrammePart"] != "true" or part not in parts or row["projectID"] not in year_of:
            continue
        key = (parts[part], part, year_of[row["projectID"]])
        counts[key] = counts.get(key, 0) + 1
    cancer = re.compile(cancer_topic)
    for row in topics:
        found = cancer.match(row["topic"])
        if found:
            key = ("cancer_mission", "HORIZON-MISS-CANCER", int(found.group("year")))
            counts[key] = counts.get(key, 0) + 1
    out = pd.DataFrame([(*k, n) for k, n in sorted(counts.items())],
                       columns=["programme", "programme_part", "call_year", "projects"])
    return out


def france_funding_per_programme(path: Path, *, parts: dict[str, str], country: str = "FR") -> pd.DataFrame:
    """EU funding signed for ``country`` per Horizon Europe programme part, and its share of the part (%):
    ``programme_part, programme_label_fr, programme, eu_funding_signed_eur, country_share_pct``."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise FatalInputError(str(path), f"is not valid JSON ({type(exc).__name__})",
                              "get the file again from the ministry's Horizon Europe dashboards") from None
    entries = [x for x in data if isinstance(x, dict) and x.get("country_code") == country] if isinstance(data, list) else []
    if not entries or not isinstance(entries[0].get("data"), list):
        raise FatalInputError(str(path), f"holds no programme figures for {country}",
                              "give the funding_programme.json of the ministry's Horizon Europe dashboards")
    rows = []
    for item in entries[0]["data"]:
        code = str(item.get("programme_code", ""))
        rows.append((code, str(item.get("programme_name_fr", "")), parts.get(code),
                     float(item.get("value_signed") or 0.0), float(item.get("share_signed") or 0.0)))
    return pd.DataFrame(sorted(rows), columns=["programme_part", "programme_label_fr", "programme",
                                               "eu_funding_signed_eur", "country_share_pct"])
