"""Rows that a column the table does not take, or a cell of their own, says are no rows of it (status_rows.py)."""

from __future__ import annotations

import pytest
from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest


def test_a_kiosks_test_entry_that_says_not_to_count_it_is_dropped(tmp_path):
    (tmp_path / "actions.csv").write_text("Réf. action;Date;Intitulé;Type;Organisé par;Nb de présents\n"
                                          "ACT-21-01;07/03/2021;Atelier PI;Atelier;CPP;3\n", encoding="utf-8")
    (tmp_path / "Émargements.csv").write_text(
        "Nom;Adresse e-mail;Établissement;Action\n"
        "TEST borne – ne pas tenir compte;maelle.rocher@it.example;Inserm;ACT-21-01\n"
        "MOREAU Lucie;lucie.moreau@ipc.example;IPC;ACT-21-01\n"
        "Agnès Perrin;agnes.perrin@amu.example;AMU;ACT-21-01\n"
        "Paul Compte;paul.compte@amu.example;AMU;ACT-21-01\n", encoding="utf-8")  # a name is no such phrase
    result = ingest(tmp_path)
    assert len(result.tables["event_attendance"]) == 3 and not result.problems
    [dropped] = [d for d in result.dropped if "not to be counted" in d.reason]
    assert "ne pas tenir compte" in dropped.reason


def test_a_row_whose_status_says_it_repeats_another_is_dropped_as_such(tmp_path):
    (tmp_path / "startups.csv").write_text("Start-up ID;Name;Created;Lead institution\n"
                                           "SU-01;Calanque Onco;2019-03-01;IPC\n", encoding="utf-8")
    (tmp_path / "news_watch.csv").write_text(
        "Date;Headline;Portfolio company;Round;Amount;Status\n"
        "2021-05-07;Calanque Onco raises 14.3 M€;SU-01;Series A;14,3 M€;Logged\n"
        "2021-05-21;Calanque Onco closes its €14.3m series A;SU-01;Series A;€14.3m;Duplicate\n"
        "2022-02-01;Calanque Onco: a seed extension;SU-01;Seed;€1m;Logged\n", encoding="utf-8")
    result = ingest(tmp_path)
    rounds = result.tables["startup_rounds"]
    assert list(rounds["amount_eur"]) == [14_300_000.0, 1_000_000.0]
    [dropped] = [d for d in result.dropped if "duplicate" in d.reason]
    assert dropped.reason == "a duplicate of another row (Status: Duplicate)"


def test_a_call_platforms_applications_not_selected_are_no_projects(tmp_path):
    """Only the laureates of a call platform's export are projects: the applications turned down or still under
    review are dropped with their status, not quarantined for lacking a detection date."""
    (tmp_path / "plateforme.csv").write_text(
        "ID dossier [dossier_id];Statut workflow [wf_statut];Titre du projet [f_titre];"
        "Établissement gestionnaire [f_etab];Origine du dossier [f_origine];"
        "Structures d'accompagnement [f_accomp];BO · Date de détection [bo_date_detection]\n"
        "DOS-1;Lauréat;Sonde TEP;AMU;Appel à projets;CanceroPôle PACA;22/06/2021\n"
        "DOS-2;Non retenu;Peptides;Université de Toulon;Appel à projets;CanceroPôle PACA;\n"
        "DOS-3;Éligible;Biopsie liquide;IPC;Appel à projets;CanceroPôle PACA;\n"
        "DOS-4;Dossier déposé;Organoïdes;UCA;Appel à projets;CanceroPôle PACA;\n"
        "DOS-5;Lauréat;Anticorps;CNRS;Appel à projets | Détection Inserm Transfert;"
        "CanceroPôle PACA | Inserm Transfert;03/07/2021\n", encoding="utf-8")
    result = ingest(tmp_path)
    projects = result.tables["projects"]
    assert list(projects["project_id"]) == ["DOS-1", "DOS-5"] and not result.problems
    assert list(projects["sourcing_channel"].astype(str)) == ["cpp_call", "joint"]
    assert list(projects["supported_by"].astype(str)) == ["cpp", "both"]
    reasons = sorted(d.reason for d in result.dropped if "not selected" in d.reason)
    assert reasons == ["an application not selected (Statut workflow: Dossier déposé): not a project",
                       "an application not selected (Statut workflow: Non retenu): not a project",
                       "an application not selected (Statut workflow: Éligible): not a project"]


@pytest.mark.parametrize("statuses", [("En maturation", "Abandonné", "Licencié"),  # the project's stage
                                      ("Financé", "Non financé", "Financé")])  # which projects were funded
def test_a_registers_status_column_keeps_every_project(tmp_path, statuses):
    first, second, third = statuses
    (tmp_path / "registre.csv").write_text(
        "Réf. projet;Statut;Titre;Établissement;Origine;Accompagnement;Date de détection\n"
        f"P-1;{first};Sonde TEP;AMU;AAP CPP;CPP;22/06/2021\n"
        f"P-2;{second};Peptides;UCA;AAP CPP;CPP;03/02/2021\n"
        f"P-3;{third};Anticorps;IPC;Détection IT;IT;10/10/2021\n", encoding="utf-8")
    assert len(ingest(tmp_path).tables["projects"]) == 3


def test_a_grants_system_s_declined_and_withdrawn_requests_are_no_funding_lines(tmp_path):
    """Fluxx: "Declined" and "Withdrawn" requests awarded 0, without an award date, among the awarded ones."""
    write_workbook(tmp_path / "fluxx.xlsx", {"Requests": [
        ["Request ID", "Grantee", "Program", "Funding Source", "Project Ref", "Amount Awarded", "Award Date", "Status"],
        ["R-2018-0029", "AMU", "Emergence Call", "CanceroPôle PACA", "DT-2018-01", "55,000.00", "04/14/2018", "Closed"],
        ["R-2019-0043", "AMU", "Maturation Fund", "Inserm Transfert", "DT-2018-01", 0.0, None, "Declined"],
        ["R-2022-0105", "CAL", "Emergence Call", "CanceroPôle PACA", "DT-2019-05", None, None, "Withdrawn"],
        ["R-2022-0110", "CAL", "Maturation Fund", "Inserm Transfert", "DT-2019-05", "120,000.00", "11/07/2022", "Active"]]})
    result = ingest(tmp_path)
    assert sorted(result.tables["funding"]["funding_id"]) == ["R-2018-0029", "R-2022-0110"] and not result.problems
    reasons = [d.reason for s in result.sheets for d in s.dropped]
    assert sum("turned down or withdrawn" in r for r in reasons) == 2


def test_a_list_of_yearly_snapshots_keeps_each_company_s_latest_line(tmp_path):
    """An incubator's follow-up, one line per company and year: the latest year says where each stands now."""
    import datetime as dt

    header = ["Année", "Société", "SIREN", "Date d'immatriculation", "Établissement d'origine", "Statut", "Effectif"]
    rows = [header,
            [2019, "Oncovia", "732 829 320", dt.date(2018, 11, 29), "CNRS", "En activité", 2],
            [2020, "Oncovia", "732 829 320", dt.date(2018, 11, 29), "CNRS", "En activité", 5],
            [2021, "Oncovia", "732 829 320", dt.date(2018, 11, 29), "CNRS", "Rachetée", 9],
            [2021, "Azurion", "", dt.date(2021, 3, 2), "AMU", "En activité", 3]]
    write_workbook(tmp_path / "raw" / "incubateur.xlsx", {"Suivi annuel": rows})
    result = ingest(tmp_path / "raw")
    startups = result.tables["startups"].set_index("startup_id")
    assert sorted(startups.index) == ["Azurion", "Oncovia"]
    assert startups.loc["Oncovia", "employees"] == 9 and str(startups.loc["Oncovia", "status"]) == "acquired"
    assert not result.problems
    assert sum("superseded by its line of 2021" in d.reason for d in result.dropped) == 2


def test_a_year_column_beside_one_line_per_record_drops_nothing(tmp_path):
    """Guard: a list whose lines are each one record (an "Année" of creation) keeps them all."""
    import datetime as dt

    header = ["Année", "Société", "SIREN", "Date d'immatriculation", "Établissement d'origine", "Statut", "Effectif"]
    rows = [header, [2019, "Oncovia", "732 829 320", dt.date(2019, 1, 29), "CNRS", "En activité", 2],
            [2021, "Azurion", "", dt.date(2021, 3, 2), "AMU", "En activité", 3]]
    write_workbook(tmp_path / "raw" / "startups.xlsx", {"Start-up": rows})
    assert sorted(ingest(tmp_path / "raw").tables["startups"]["startup_id"]) == ["Azurion", "Oncovia"]
