"""Records of other tables kept in an outline under their parent's row (outline_children.py): a portfolio's projects,
each followed by its start-up and the start-up's rounds, in the same columns."""

from __future__ import annotations

import datetime as dt

import pytest
from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest

HEADER = ["Réf. IT", "Projet ▸ Start-up ▸ Tour", "Établ. porteur", "Techno", "Origine", "Accompagnement", "Détection",
          "Porteur (PI)", "SIREN", "Date (création / closing)", "Statut", "Effectif", "Montant levé", "Type de tour"]


def _project(ref, title, institution, detected, pi):
    return [ref, title, institution, "DM", "Détection IT", "IT", detected, pi, None, None, None, None, None, None]


def _startup(name, siren, created, status, employees, institution=None):
    return [None, name, institution, None, None, None, None, None, siren, created, status, employees, None, None]


def _round(label, day, amount, kind):
    return [None, label, None, None, None, None, None, None, None, day, None, None, amount, kind]


ROWS = [["INSERM TRANSFERT - Portefeuille oncologie PACA"], [], HEADER,
        _project("IT-18-001", "Capteur implantable de pH tumoral", "Paoli-Calmettes", dt.date(2018, 1, 9), "Inès Durand"),
        _startup("Theralys Bio", None, "10/2019", "Rachetée", 27),
        _round("Levée - Subvention Bpi (i-Lab)", dt.date(2020, 8, 25), "440 k€", "Subvention Bpi (i-Lab)"),
        _round("Levée - Pre-seed", "T1 2021", 320000, "Pre-seed"),
        _project("IT-18-002", "Inhibiteur allostérique de FAP", "CHU Nice", dt.date(2018, 2, 3), "Hugo Martin"),
        _project("IT-18-003", "Signature ARN prédictive", "Centre Antoine Lacassagne", dt.date(2018, 7, 18),
                 "Anne Roux"),
        _startup("Baie des Anges AI", "463 297 960", "01/2020", "En activité", 28),
        _round("Levée - Seed", "10/2023", "2,18 M€", "Seed"),
        [], ["START-UP ACCOMPAGNÉES HORS PORTEFEUILLE PROJETS"],
        _startup("Lavande Bio", "305 939 860", dt.date(2021, 9, 14), "En activité", 4, institution="UniCA"),
        _round("Levée - Prêt d'honneur", "12/2021", 35000, "Prêt d'honneur"),
        [], [None, "TOTAL levées (toutes start-up)", *[None] * 10, 2_935_000, None]]


def test_start_ups_and_rounds_under_their_projects(tmp_path):
    write_workbook(tmp_path / "raw" / "portefeuille.xlsx", {"Portefeuille": ROWS})
    result = ingest(tmp_path / "raw")
    assert list(result.tables["projects"]["project_id"]) == ["IT-18-001", "IT-18-002", "IT-18-003"]
    startups = result.tables["startups"].set_index("startup_id")
    assert startups["project_id"].to_dict() == {"Theralys Bio": "IT-18-001", "Baie des Anges AI": "IT-18-003",
                                                "Lavande Bio": None}  # below the line that ends the projects
    assert startups["lead_institution"].astype(str).to_dict() == {  # its project's, else its own
        "Theralys Bio": "IPC", "Baie des Anges AI": "CAL", "Lavande Bio": "UCA"}
    assert startups["employees"].to_dict() == {"Theralys Bio": 27, "Baie des Anges AI": 28, "Lavande Bio": 4}
    rounds = result.tables["startup_rounds"]
    got = {(s, str(d)[:10], t, a) for s, d, t, a in zip(rounds["startup_id"], rounds["round_date"],
                                                         rounds["round_type"].astype(str), rounds["amount_eur"],
                                                         strict=True)}
    assert got == {("Theralys Bio", "2020-08-25", "grant", 440_000), ("Theralys Bio", "2021-01-01", "pre_seed", 320_000),
                   ("Baie des Anges AI", "2023-10-01", "seed", 2_180_000),
                   ("Lavande Bio", "2021-12-01", "loan", 35_000)}
    assert not result.problems  # the start-ups' and rounds' rows are no projects lacking their columns


def test_a_project_s_second_line_is_no_record_of_another_table(tmp_path):
    """A line under a project that fills no column another table requires (its title going on) is left to the
    projects, as before: no start-up is guessed from it."""
    rows = [HEADER, _project("IT-18-001", "Capteur", "IPC", dt.date(2018, 1, 9), "Inès Durand"),
            [None, "(suite) pour le suivi du myélome", None, None, None, None, None, None, None, None, "En cours"],
            _project("IT-18-002", "Inhibiteur", "CHU Nice", dt.date(2018, 2, 3), "Hugo Martin")]
    write_workbook(tmp_path / "raw" / "p.xlsx", {"Projets": rows})
    result = ingest(tmp_path / "raw")
    assert len(result.tables["projects"]) == 2 and "startups" not in result.tables


EVENTS = [["ÉVÉNEMENTS ET LISTES DE PRÉSENCE"], ["2022"],
          ["N°", "Date", "Intitulé", "Type", "Organisé par", "Lieu", "Nb participants"],
          [None, None, "Participant", "Mail", "Établissement", "Unité / labo"],
          ["EV22-01", dt.date(2022, 3, 14), "Journée valorisation", "Colloque", "CPP", "Marseille", 40],
          [None, None, "   Olivier FAURE", "olivier.faure@univ.example.fr", "UCA", "UMR7275"],
          [None, None, "   Marion CARPENTIER", None, "Centre Antoine Lacassagne", "U1081"],
          ["EV22-02", dt.date(2022, 6, 2), "Webinaire : financer sa maturation", "Webinaire", "CPP/IT", "En ligne", 25],
          ["EV22-03", dt.date(2022, 9, 20), "Atelier pitch", "Atelier", "IT", "Nice", 12],
          [None, None, "   Agathe ARNAUD", "agathe.arnaud@univ.example.fr", "AMU", "U1263"],
          [], ["2023"],
          ["N°", "Date", "Intitulé", "Type", "Organisé par", "Lieu", "Nb participants"],
          [None, None, "Participant", "Mail", "Établissement", "Unité / labo"],
          ["EV23-01", dt.date(2023, 2, 7), "Formation PI", "Formation", "IT", "Marseille", 18],
          [None, None, "   Bruno BELKACEM", "bruno.belkacem@univ.example.fr", "Aix Marseille Univ.", "U1068"]]


def test_attendees_under_each_event_in_the_columns_a_second_header_row_names(tmp_path):
    write_workbook(tmp_path / "raw" / "suivi.xlsx", {"Evénements": EVENTS})
    result = ingest(tmp_path / "raw")
    assert list(result.tables["events"]["event_id"]) == ["EV22-01", "EV22-02", "EV22-03", "EV23-01"]
    attendance = result.tables["event_attendance"]
    assert list(attendance["event_id"]) == ["EV22-01", "EV22-01", "EV22-03", "EV23-01"]
    assert list(attendance["institution"].astype(str)) == ["UCA", "CAL", "AMU", "AMU"]
    assert list(attendance["research_unit"]) == ["UMR7275", "U1081", "U1263", "U1068"]
    assert not result.problems  # the second header row and its copy are the outline's, not events


def _two_rows_per_project(gap: bool) -> list[list]:
    """Each project on a row, its funding lines on the row below in the columns at the right (several lines stacked
    in parallel in one cell each), with or without an empty column between the two parts."""
    sep = [None] if gap else []
    header = ["N° dossier", "Titre du projet", "Établissement porteur", "Sourcing", "Accompagnement", "Date détection",
              *sep, "Financeur", "Dispositif", "Montant", "Décision", "Réf. fin."]
    blank = [None] * 6 + sep
    return [["Suivi projets – chaque projet occupe 2 lignes"], header,
            ["P21-01", "Projet A", "AMU", "AAP CPP", "CPP", "24/11/2021", *sep, None, None, None, None, None],
            [*blank, "CPP\nIT\nCPP", "AAP Emergence\nMat.\npreuve de concept", "30.000 €\n230 KEUR\n50 KEUR",
             "02/03/2022\n07/08/2022\n20/10/2022", "FIN-2022-025\nFIN-2022-026\nFIN-2022-057"],
            ["P21-02", "Projet B", "UCA", "détection IT", "IT", "09/03/2021", *sep, None, None, None, None, None],
            [*blank, "IT", "Mat.", "160 KEUR", "05/2022", "FIN-2022-037"],
            ["P21-03", "Projet C", "IPC", "AAP CPP", "CPP", "12/05/2021", *sep, None, None, None, None, None],
            [*blank, "IT\nCancéropôle PACA", "Mat.\npreuve de concept", "250 KEUR\n50 KEUR", "13/05/2023\n27/07/2023",
             "FIN-2023-030\nFIN-2023-059"]]


@pytest.mark.parametrize("gap", [False, True])
def test_a_project_s_funding_lines_on_the_row_below_stacked_in_its_cells(tmp_path, gap):
    """The row below a project holds its funding lines, one per line of its cells: each line a funding line of that
    project, its own reference kept; an empty column between the two parts makes no tables side by side (their rows
    never meet)."""
    write_workbook(tmp_path / "raw" / "suivi.xlsx", {"Projets": _two_rows_per_project(gap)})
    result = ingest(tmp_path / "raw")
    assert sorted(result.tables["projects"]["project_id"]) == ["P21-01", "P21-02", "P21-03"]
    funding = result.tables["funding"]
    assert sorted(zip(funding["funding_id"], funding["project_id"], funding["funder"].astype(str),
                      funding["instrument"].astype(str), funding["amount_eur"], strict=True)) == [
        ("FIN-2022-025", "P21-01", "canceropole_paca", "emergence", 30_000.0),
        ("FIN-2022-026", "P21-01", "inserm_transfert", "maturation", 230_000.0),
        ("FIN-2022-037", "P21-02", "inserm_transfert", "maturation", 160_000.0),
        ("FIN-2022-057", "P21-01", "canceropole_paca", "proof_of_concept", 50_000.0),
        ("FIN-2023-030", "P21-03", "inserm_transfert", "maturation", 250_000.0),
        ("FIN-2023-059", "P21-03", "canceropole_paca", "proof_of_concept", 50_000.0)]
    assert not result.problems
