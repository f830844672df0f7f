"""One company on two lists, joined by its SIREN (same_companies.py): an incubator's portfolio without creation dates
beside a company-registry extract is one start-up per company, not two, and never a sign-in list."""

from __future__ import annotations

import csv

import pytest

from partnership_metrics.ingest.ingestion import ingest

PORTFOLIO = [
    ["Startup", "SIREN", "Project ref", "Lead institution", "Sector", "Headcount", "Status", "CEO", "CEO e-mail"],
    ["Oncolix", "732829320", "PRJ-2019-03", "AMU", "Therapeutics", "6", "Active", "Jeanne Martin",
     "j.martin@oncolix.example.fr"],
    ["Theranice", "552100554", "PRJ-2020-01", "UCA", "Diagnostics", "3", "Active", "Paul Durand",
     "p.durand@theranice.example.fr"],
    ["Medivox", "542065479", "PRJ-2018-07", "IPC", "Medical device", "2", "Closed", "Anne Petit",
     "a.petit@medivox.example.fr"],
]
REGISTRY = [
    ["DENOMINATION", "SIREN", "Date d'immatriculation", "Forme juridique", "Ville"],
    ["ONCOLIX", "732829320", "12/02/2020", "SAS", "Marseille"],
    ["THERANICE SAS", "552100554", "03/11/2020", "SAS", "Nice"],
    ["MEDIVOX", "542065479", "20/06/2019", "SAS", "Marseille"],
]


def _write(folder, name, rows):
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / name, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)


@pytest.fixture
def both(tmp_path):
    raw = tmp_path / "raw"
    _write(raw, "portfolio.csv", PORTFOLIO)
    _write(raw, "registre.csv", REGISTRY)
    return raw


def test_a_portfolio_takes_its_creation_dates_from_the_registry_by_siren(both):
    result = ingest(both)
    startups = result.tables["startups"].set_index("startup_id")
    assert sorted(startups.index) == ["Medivox", "Oncolix", "Theranice"]  # the names as the portfolio writes them
    assert startups.loc["Oncolix", "creation_date"].date().isoformat() == "2020-02-12"
    assert startups.loc["Medivox", "creation_date_precision"] == "day"
    assert list(startups.loc[["Oncolix", "Medivox"], "project_id"]) == ["PRJ-2019-03", "PRJ-2018-07"]
    assert list(startups.loc[["Oncolix", "Medivox"], "status"]) == ["active", "closed"]
    assert "event_attendance" not in result.tables or result.tables["event_attendance"].empty  # no sign-in list
    joined = [d for d in result.dropped if d.file == "registre.csv"]
    assert len(joined) == 3 and all("the same company (SIREN" in d.reason for d in joined)
    assert not result.problems and not [s for s in result.sheets if s.skipped]


def test_a_portfolio_alone_is_skipped_for_its_dates_only(tmp_path):
    _write(tmp_path / "raw", "portfolio.csv", PORTFOLIO)
    result = ingest(tmp_path / "raw")
    (sheet,) = result.sheets
    assert sheet.table is None and sheet.skipped.table == "startups" and sheet.skipped.missing == ["creation_date"]
    assert "event_attendance" not in result.tables or result.tables["event_attendance"].empty


def test_a_line_naming_another_company_under_the_same_siren_is_quarantined(both):
    rows = [list(r) for r in REGISTRY]
    rows[2][0] = "BIOPHARMA AZUR"  # Theranice's SIREN, another name: nothing is chosen
    _write(both, "registre.csv", rows)
    result = ingest(both)
    assert sorted(result.tables["startups"]["startup_id"]) == ["Medivox", "Oncolix"]
    reasons = {p.file: p.reason for p in result.problems}
    assert "the same SIREN 552100554" in reasons["registre.csv"]
    assert "creation_date" in reasons["portfolio.csv"]  # its date left to a list that gives none


def test_the_list_with_its_own_ids_keeps_the_records(tmp_path):
    raw = tmp_path / "raw"
    _write(raw, "registre.csv", REGISTRY)
    _write(raw, "suivi.csv", [["ID start-up", "Nom", "SIREN", "Date de création"],
                              ["SU-01", "ONCOLIX", "732829320", "12/02/2020"],
                              ["SU-02", "MEDIVOX", "542065479", "20/06/2019"]])
    result = ingest(raw)
    assert sorted(result.tables["startups"]["startup_id"]) == ["SU-01", "SU-02", "THERANICE SAS"]
    assert len(result.tables["startups"]) == 3  # not five: each company once
