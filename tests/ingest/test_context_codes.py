"""A code column a sheet lacks because its file or title gives it for every row (context_codes.py): a type of event
only when a header of the sheet names the same type."""

from __future__ import annotations

import datetime as dt

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest

SESSIONS = [["Réf. session", "Intitulé de la formation", "Date de début", "Date de fin", "Porteur", "Lieu",
             "Stagiaires inscrits", "Stagiaires présents", "Évaluation à chaud (/5)"],
            ["FOR-21-01", "Propriété intellectuelle", dt.date(2021, 6, 2), dt.date(2021, 6, 3), "IT", "Marseille",
             20, 18, 4.1],
            ["FOR-22-01", "Licences et start-up", dt.date(2022, 5, 20), dt.date(2022, 5, 20), "CPP", "Nice", 12, 10,
             None]]


def test_a_file_of_trainings_whose_headers_say_training_gives_each_row_its_type(tmp_path):
    write_workbook(tmp_path / "Formations valorisation - suivi des sessions 2021-2023.xlsx", {"Sessions": SESSIONS})
    result = ingest(tmp_path)
    events = result.tables["events"]
    assert list(events["event_id"]) == ["FOR-21-01", "FOR-22-01"]
    assert set(events["event_type"].astype(str)) == {"training"}
    assert list(events["attendees"]) == [18, 10]
    assert not result.problems


def test_a_title_alone_gives_no_type_of_event(tmp_path):
    rows = [[h.replace(" de la formation", "") for h in SESSIONS[0]], *SESSIONS[1:]]
    write_workbook(tmp_path / "Formations valorisation - suivi des sessions 2021-2023.xlsx", {"Sessions": rows})
    result = ingest(tmp_path)
    assert "events" not in result.tables or result.tables["events"].empty
    assert [s.sheet for s in result.sheets if s.skipped is not None] == ["Sessions"]


def test_a_title_dating_the_file_dates_no_decision(tmp_path):
    from workbooks import write_workbook  # tests/ingest, beside this file

    from partnership_metrics.ingest.ingestion import ingest

    header = ["Réf. projet", "Avis", "Part CanceroPôle (€)", "Part Inserm Transfert (€)"]
    meeting = [["Comité du 12 mars 2021 — appel Maturation 2021"], [], header, ["PR-01", "Favorable", 50000, 100000]]
    updated = [["Comité maturation — mis à jour le 20/12/2023"], [], header, ["PR-02", "Favorable", 10000, 20000]]
    write_workbook(tmp_path / "raw" / "decisions.xlsx", {"Comité": meeting, "Suivi": updated})
    result = ingest(tmp_path / "raw")
    funding = result.tables["funding"]
    assert set(funding["project_id"]) == {"PR-01"}  # the file's update is not when PR-02 was decided
    assert set(funding["decision_date"].dt.strftime("%Y-%m-%d")) == {"2021-03-12"}


def test_a_title_s_one_year_dates_a_list_of_decisions_to_the_year(tmp_path):
    """"Financements accordés en 2019" over a list without decision dates: every line decided in 2019, to the year;
    the line saying when the file was updated dates nothing."""
    lines = [["Financements accordés en 2019"], ["mis à jour le 21/01/2020"], [],
             ["N° engagement", "Réf. projet", "Financeur", "Dispositif", "Montant (€)"],
             ["E-1", "P-1", "Région Sud", "Subvention", 30000], ["E-2", "P-2", "Inserm Transfert", "Maturation", 120000]]
    write_workbook(tmp_path / "raw" / "suivi.xlsx", {"Financements": lines})
    funding = ingest(tmp_path / "raw").tables["funding"]
    assert sorted(funding["project_id"]) == ["P-1", "P-2"]
    assert set(funding["decision_date"].dt.year) == {2019}
    assert set(funding["decision_date_precision"].astype(str)) == {"year"}


def test_funding_lines_taken_for_proposals_get_their_funder_from_the_sheets_name(tmp_path):
    """"Réf. décision | Dossier | Nature | Montant (k€) | Date décision" on a sheet "Décisions CPP (k€)": headers
    that also read as EU proposals lacking three columns, but funding lines lacking only the funder the name gives."""
    rows = [["CanceroPôle PACA — décisions de financement"], ["MONTANTS EN k€"], [],
            ["Réf. décision", "Dossier", "Nature", "Montant (k€)", "Date décision", "Note"],
            ["CPP/EMG/18-01", "ITSE-2018-002", "Émergence", 47, "16/04/2018", None],
            ["CPP/EMG/18-02", "AAP18-N03", "Émergence", 46, "02/06/2018", None],
            ["CPP/MAT/19-01", "AAP18-N02", "Maturation", 120, "23/04/2019", None]]
    write_workbook(tmp_path / "raw" / "financements.xlsx", {"Décisions CPP (k€)": rows})
    result = ingest(tmp_path / "raw")
    funding = result.tables["funding"]
    assert list(funding["funder"].astype(str)) == ["canceropole_paca"] * 3
    assert list(funding["amount_eur"]) == [47_000, 46_000, 120_000] and not result.problems


def test_a_list_of_signed_grant_agreements_gives_every_proposal_the_funded_status(tmp_path):
    """An EU desk's list of signed grants has no status column: its title says every row is funded; its "Grant
    Agreement No." is the proposal's number."""
    rows = [["EU grants — signed Grant Agreements, oncology (Europe desk CPP / Inserm Transfert)"], [],
            ["Grant Agreement No.", "Acronym", "Programme", "Call", "Role", "Beneficiary", "Submission date",
             "Requested (EUR)", "EU contribution", "Evaluation result", "Signature date", "Support"],
            [873431, "SARCLUX", "H2020 – IMI2 JU", "H2020-JTI-IMI2-2019-18-two-stage", "Partner", "CHU de Nice",
             dt.date(2019, 4, 7), 512500, 486400, dt.date(2019, 10, 5), dt.date(2020, 2, 10), "CPP + IT"],
            [101107586, "TUMOMOD", "MSCA", "H2020-MSCA-IF-2020", "Coordinator", "Institut Paoli-Calmettes",
             dt.date(2020, 11, 8), 184707.84, 170300, dt.date(2021, 4, 24), dt.date(2021, 7, 2), "Inserm Transfert"]]
    write_workbook(tmp_path / "raw" / "EU_grants_Europe_desk.xlsx", {"Grants": rows})
    result = ingest(tmp_path / "raw")
    proposals = result.tables["eu_proposals"].set_index("proposal_id")
    assert sorted(proposals.index) == ["101107586", "873431"] and not result.problems
    assert set(proposals["status"].astype(str)) == {"funded"}
    assert proposals.loc["873431", "granted_eur"] == 486_400


def test_a_portfolio_kept_one_sheet_per_institution_gives_each_project_its_sheet_s_institution(tmp_path):
    """"AMU | CNRS | Autres": each sheet's name is its projects' lead institution; "Autres" names none and keeps its
    own column; a title naming Inserm Transfert names no institution."""
    header = ["Réf. projet", "Titre du projet", "Origine du projet", "Accompagnement", "Date de détection"]
    write_workbook(tmp_path / "Portefeuille_par_etablissement.xlsx", {
        "AMU": [["Portefeuille CPP – Inserm Transfert"], [], header,
                ["VAL-AMU-21-01", "Sonde TEP", "AAP Cancéropôle", "CPP", dt.date(2021, 3, 2)]],
        "CNRS": [["Portefeuille CPP – Inserm Transfert"], [], header,
                 ["VAL-CNRS-21-01", "Virus oncolytique", "Détection IT", "IT", dt.date(2021, 5, 12)]],
        "Autres": [["Portefeuille CPP – Inserm Transfert"], [], [*header, "Établissement porteur"],
                   ["VAL-AUT-22-01", "Cellules CAR-NK", "AAP Cancéropôle", "CPP", dt.date(2022, 1, 7), "IPC"]]})
    result = ingest(tmp_path)
    projects = result.tables["projects"]
    assert sorted(zip(projects["project_id"], projects["lead_institution"], strict=True)) == [
        ("VAL-AMU-21-01", "AMU"), ("VAL-AUT-22-01", "IPC"), ("VAL-CNRS-21-01", "CNRS")]
    assert not result.problems


def test_a_sheet_named_by_no_institution_gives_none(tmp_path):
    header = ["Réf. projet", "Titre du projet", "Origine du projet", "Accompagnement", "Date de détection"]
    write_workbook(tmp_path / "Portefeuille.xlsx", {
        "Projets 2021": [header, ["VAL-21-01", "Sonde TEP", "AAP Cancéropôle", "CPP", dt.date(2021, 3, 2)]]})
    result = ingest(tmp_path)
    assert "projects" not in result.tables or result.tables["projects"].empty


def test_a_sheet_per_call_for_projects_gives_each_project_its_channel(tmp_path):
    """A CanceroPôle workbook keeps one sheet per call ("AAP Maturation 2019") and no sourcing column: every project
    was found by the call, unless "Co-détecté avec IT" says it was found jointly."""
    header = ["Réf.", "Titre du projet", "Établissement porteur", "Date réception", "Accompagnement",
              "Co-détecté avec IT"]
    rows = [["CanceroPôle PACA – AAP Maturation 2019 – suivi des dossiers"], [], header,
            ["MAT19-01", "Sonde TEP", "CHU Nice", dt.date(2019, 2, 26), "CPP", "non"],
            ["MAT19-02", "Anticorps", "IPC", dt.date(2019, 3, 11), "CPP + IT", "oui"]]
    write_workbook(tmp_path / "raw" / "projets.xlsx", {"AAP Maturation 2019": rows})
    result = ingest(tmp_path / "raw")
    projects = result.tables["projects"].set_index("project_id")
    assert dict(projects["sourcing_channel"].astype(str)) == {"MAT19-01": "cpp_call", "MAT19-02": "joint"}
    assert dict(projects["supported_by"].astype(str)) == {"MAT19-01": "cpp", "MAT19-02": "both"}


def test_a_title_naming_only_a_partner_gives_no_channel(tmp_path):
    """Guard: "CanceroPôle PACA — projets suivis" says who keeps the list, not how each project was found."""
    header = ["Réf.", "Titre du projet", "Établissement porteur", "Date de détection", "Accompagnement"]
    rows = [["CanceroPôle PACA — projets suivis"], [], header,
            ["P-01", "Sonde TEP", "CHU Nice", dt.date(2019, 2, 26), "CPP"]]
    write_workbook(tmp_path / "raw" / "projets.xlsx", {"Projets": rows})
    result = ingest(tmp_path / "raw")
    assert [s.sheet for s in result.sheets if s.skipped is not None] == ["Projets"]


def test_a_grant_platform_s_dossiers_are_funding_lines_whose_funder_its_title_row_names(tmp_path):
    """A regional platform's export ("Numéro de dossier | Dispositif | Bénéficiaire | Objet de la demande | Montant
    voté | Date de vote CP | Statut"), its funder only in the title row: its headers read as EU proposals lacking a
    role, but as funding lines lacking only the funder the title names; the footer counting the dossiers is a
    total. A sheet's name alone ("Europe") names no funder of proposals read so (test_joined_tables.py)."""
    rows = [["Région Sud Provence-Alpes-Côte d'Azur – Plateforme des aides – Export « Mes dossiers »"], [],
            ["Numéro de dossier", "Dispositif", "Bénéficiaire (raison sociale)", "Objet de la demande",
             "Montant sollicité (€)", "Montant voté (€)", "Date de vote CP", "Statut du dossier"],
            ["EX015611", "Maturation de projets innovants", "AMU", "Programme de maturation du projet « ALPHA »",
             102800, 62800, "19/04/2021", "Soldé"],
            ["EX016750", "Maturation de projets innovants", "CNRS DR12", "Maturation du projet « BETA »", 218000,
             208000, "26/02/2022", "Voté"],
            [], ["2 dossier(s)", None, None, None, 320800, 270800, None, None]]
    write_workbook(tmp_path / "raw" / "export_dossiers.xlsx", {"Dossiers": rows})
    result = ingest(tmp_path / "raw")
    funding = result.tables["funding"]
    assert sorted(zip(funding["funding_id"], funding["funder"].astype(str), funding["instrument"].astype(str),
                      funding["amount_eur"], strict=True)) == [("EX015611", "region_sud", "maturation", 62_800),
                                                               ("EX016750", "region_sud", "maturation", 208_000)]
    assert "eu_proposals" not in result.tables and not result.problems
    assert [d.reason for d in result.dropped if d.row == 7] == ["total row"]
