"""Shared test set-up: a throw-away pseudonymisation key, and the locations of real data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from partnership_metrics import paths

# The public test corpus: ../shared/realdata beside the project, or wherever $PARTNERSHIP_METRICS_REALDATA says.
REALDATA = Path(os.environ.get("PARTNERSHIP_METRICS_REALDATA") or paths.PROJECT_ROOT.parent / "shared" / "realdata")
REALDATA_MISSING = (f"real data folder {str(REALDATA)!r} is absent (../shared/realdata beside the project, or set "
                    "PARTNERSHIP_METRICS_REALDATA)")

# Tests never create or read the user's key file: a fixed test key, set before any pseudonym is computed.
os.environ.setdefault("PARTNERSHIP_METRICS_KEY", "test-key-not-secret")


def pytest_collection_modifyitems(items):
    """The slow tests first, the longest of them (``@pytest.mark.slow(seconds=…)``, about) before the others, the
    order otherwise kept: with ``-n auto``, a two-minute test that starts last keeps one worker busy while the others
    have finished."""
    def order(item) -> tuple[bool, float]:
        slow = item.get_closest_marker("slow")
        return slow is None, -(slow.kwargs.get("seconds", 0) if slow else 0)  # the longest first

    items.sort(key=order)


@pytest.fixture(scope="session")
def vocabulary():
    """The packaged vocabularies of ingestion, as a run loads them (no reference folder, no mapping file)."""
    from partnership_metrics.ingest.vocabulary import load_vocabulary

    return load_vocabulary(None, None)


@pytest.fixture
def realdata() -> Path:
    if not REALDATA.is_dir():
        pytest.skip(REALDATA_MISSING)
    return REALDATA


# --- a small messy raw folder, as partners keep their files --------------------------------------------------

PEOPLE = {
    "names": ["Jean Dupont", "Marie Lefèvre", "Paul Martin", "Dupont", "Jean", "Durand", "Anne"],
    "emails": ["jean.dupont@univ-amu.fr", "anne.durand@inserm.fr", "m.lefevre@unice.fr"],
}


def write_messy_raw(folder: Path) -> dict:
    """Write a small raw folder (title rows, French headers, k€, French dates, nicknames, bad rows, TOTAL row,
    hidden dropdown sheet, cp1252 CSV, attendance list with names and e-mails); return the expected counts."""
    import csv
    import datetime as dt

    import openpyxl

    folder.mkdir(parents=True, exist_ok=True)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Suivi projets"
    ws.append(["CanceroPôle PACA — Suivi des projets de valorisation"])
    ws.merge_cells("A1:F1")
    ws.append(["Mise à jour : 15/01/2024"])
    ws.append([])
    ws.append(["N° projet", "Titre du projet", "Acronyme", "Établissement\nporteur", "Unité", "Type de\ntechnologie",
               "Canal de détection", "Accompagné par", "Date de\ndétection", "Déclaration d'invention",
               "Dépôt prioritaire", "Début maturation", "Licence", "Porteur", "E-mail porteur", "Commentaire"])
    ws.append(["P-001", "Anticorps anti-X", "AX", "amU - Aix-Marseille Université", "Inserm U1068", "Thérapeutique",
               "Conjoint", "CPP + IT", dt.datetime(2021, 3, 15), "15/06/2021", None, None, None, "Jean Dupont",
               "jean.dupont@univ-amu.fr", "RAS"])
    ws.append(["P-002", "Biomarqueur Y", None, "UniCA", "U1065", "Diagnostic", "Appel CPP", "CPP", "15 mars 2022",
               None, "2022-09-01", None, None, "Marie Lefèvre", "m.lefevre@unice.fr", None])
    ws.append(["P-003", "Device Z", "DZ", "Paoli-Calmettes", None, "Dispositif médical", "Détection IT",
               "Inserm Transfert", "31/02/2022", None, None, None, None, "Paul Martin", None, None])  # bad date
    ws.append([])
    ws.append(["P-004", "Soft W", "SW", "Univ. Côte d'Azur", None, "Logiciel", "IT", "IT", 44562, None, None,
               "01.03.2023", None, None, None, None])
    ws.append(["P-005", "Outil V", "OV", "Université Inconnue de Test", None, "Outil de recherche", "Conjoint",
               "Les deux", "2023-02-01", None, None, None, "10/10/2023", None, None, None])
    ws.append(["Note : les dates sont celles du comité"])
    hidden = wb.create_sheet("Listes")
    hidden.sheet_state = "hidden"
    hidden.append(["Type de technologie", "Canal de détection"])
    hidden.append(["Thérapeutique", "Conjoint"])
    fund = wb.create_sheet("Financements")
    fund.append(["Financements accordés"])
    fund.append(["Réf. financement", "Projet", "Financeur", "Dispositif", "Montant (k€)", "Date de décision"])
    fund.append(["F1", "P-001", "Inserm Transfert", "Maturation", 150, "15/04/2021"])
    fund.append(["F2", "P-001", "Cancéropôle PACA", "Preuve de concept", "80", "20/05/2021"])
    fund.append(["F3", "P-002", "Région Sud", "Subvention", "-5", "20/05/2022"])  # negative amount
    fund.append(["F4", "P-002", "BPI", "Subvention", "1,5 M€", "2022-06-30"])
    fund.append(["F4", "P-002", "BPI", "Subvention", "1,5 M€", "2022-06-30"])  # exact duplicate: merged
    fund.append(["TOTAL", None, None, None, 1730, None])
    wb.save(folder / "cpp_suivi.xlsx")

    for year, rows in ((2021, [["E1", "12/05/2021", "Formation PI", "Formation", "Co-organisé", "Marseille", "35",
                                "4,2"]]),
                       (2022, [["E2", "2022-10-03", "Pitch day", "Pitch", "IT", "En ligne", "50", ""],
                               ["E3", "03/11/2022", "Atelier brevets", "Atelier", "Organisé par le tiers", "Nice",
                                "12", "4"]])):  # unknown organiser: quarantined
        with open(folder / f"IT_evenements_{year}.csv", "w", encoding="cp1252", newline="") as fh:
            writer = csv.writer(fh, delimiter=";")
            writer.writerow(["Identifiant", "Date", "Intitulé", "Type", "Organisateur", "Lieu", "Nb participants",
                             "Satisfaction"])
            writer.writerows(rows)
    with open(folder / "presence.csv", "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["Événement", "Nom", "Prénom", "Email", "Établissement", "Laboratoire"])
        writer.writerow(["E1", "Dupont", "Jean", "jean.dupont@univ-amu.fr", "AMU", "UMR 7258"])
        writer.writerow(["Formation PI", "Durand", "Anne", "anne.durand@inserm.fr", "Inserm", "U1068"])
        writer.writerow(["E2", "Durand", "Anne", "anne.durand@inserm.fr", "Inserm", "U1068"])
    return {
        "tables": {"projects": 4, "funding": 3, "events": 2, "event_attendance": 3},
        "quarantined": {"projects": 1, "funding": 1, "events": 1},
        "dropped": {"projects": 2, "funding": 2},
        "unknown_institutions": ["Université Inconnue de Test"],
    }


@pytest.fixture
def messy_raw(tmp_path) -> tuple[Path, dict]:
    raw = tmp_path / "raw"
    return raw, write_messy_raw(raw)
