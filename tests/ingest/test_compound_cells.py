"""A column holding two values per cell, one per line, under a header naming both (a report's table pasted from a
word processor): read as two columns."""

from __future__ import annotations

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest


def test_two_values_per_cell_under_a_header_naming_both(tmp_path):
    write_workbook(tmp_path / "Rapport_Europe.xlsx", {"Rapport 2021": [
        ["Tableau 4 — Candidatures européennes déposées en 2021"], [],
        ["Réf.", None, "Projet (acronyme)", None, "Programme / appel", None, "Dépôt", None, "Rôle", None,
         "Montants\n(demandé / obtenu)", None, "Statut\n(date de résultat)"],
        ["EU-1", None, "DIPAN", None, "Mission Cancer\nHORIZON-MISS-2021-CANCER-02-01", None, "04/05/2021", None,
         "Partenaire", None, "Demandé : 2 785 000 €\nObtenu : —", None, "Non retenu\n(19/09/2021)"],
        ["EU-2", None, "GLINEO", None, "MSCA Postdoctoral Fellowships\nHORIZON-MSCA-2021-PF-01", None, "23/07/2021",
         None, "Coordinateur", None, "Demandé : 226 420 €\nObtenu : 226 420 €", None, "Financé\n(11/03/2022)"],
        ["EU-3", None, "SARTRA", None, "ERC", None, "24/06/2021", None, "Coordinateur", None,
         "Demandé : 1 500 000 €\nObtenu : —", None, "En cours d'évaluation"]]})
    eu = ingest(tmp_path).tables["eu_proposals"].set_index("proposal_id")
    assert eu.loc["EU-1", "programme"] == "cancer_mission" and eu.loc["EU-1", "call_id"] == (
        "HORIZON-MISS-2021-CANCER-02-01")
    assert eu.loc["EU-1", "requested_eur"] == 2_785_000 and eu.loc["EU-2", "granted_eur"] == 226_420
    assert str(eu.loc["EU-2", "result_date"].date()) == "2022-03-11" and eu.loc["EU-2", "status"] == "funded"
    assert eu.loc["EU-3", "programme"] == "erc" and eu.loc["EU-3", "status"] == "pending"  # one line: its part


def test_two_numbers_on_one_line_under_a_header_naming_both(tmp_path):
    """"1 500 / 1 350" under "Budget (k€)⏎(demandé / obtenu)": requested and granted; "320 / –" was not granted.
    A label in two languages ("Financé / Funded") is one value."""
    write_workbook(tmp_path / "depots.xlsx", {"Dépôts UE": [
        ["Réf.", "Acronyme", "Programme", "Date de dépôt", "Rôle", "Budget (k€)\n(demandé / obtenu)", "Statut"],
        ["EU-1", "METASCAN", "MSCA", "29/01/2018", "Partenaire", "1 500 / 1 350", "Financé / Funded"],
        ["EU-2", "TUMOSCAN", "MSCA", "26/02/2018", "Coordinateur", "320 / –", "Non retenu / Rejected"]]})
    eu = ingest(tmp_path).tables["eu_proposals"].set_index("proposal_id")
    assert eu.loc["EU-1", "requested_eur"] == 1_500_000 and eu.loc["EU-1", "granted_eur"] == 1_350_000
    assert eu.loc["EU-2", "requested_eur"] == 320_000 and eu.loc["EU-2", "granted_eur"] != eu.loc["EU-2", "granted_eur"]
    assert list(eu["status"].astype(str)) == ["funded", "not_funded"]


def test_a_milestone_labelled_in_a_cell_of_two_milestones(tmp_path):
    (tmp_path / "projets.csv").write_text(
        "Réf. projet;Titre;Établissement;Détecté le;Origine;Suivi par;DI / Dépôt prioritaire\n"
        'P-1;Sonde;AMU;12/01/2023;CPP;CPP;"DI : 31/07/23\nDépôt : oct.-23"\n'
        "P-2;Capteur;UCA;05/02/2023;IT;IT;DI : 02.07.2023\n"
        "P-3;Test;UCA;05/03/2023;IT;IT;\n", encoding="utf-8")
    projects = ingest(tmp_path).tables["projects"].set_index("project_id")
    assert str(projects.loc["P-1", "disclosure_date"].date()) == "2023-07-31"
    assert str(projects.loc["P-1", "priority_filing_date"].date()) == "2023-10-01"
    assert str(projects.loc["P-2", "disclosure_date"].date()) == "2023-07-02"


def test_a_name_wrapped_on_two_lines_over_text_on_two_lines_stays_one_column(tmp_path):
    (tmp_path / "projets.csv").write_text(
        'Réf. projet;"Intitulé du\nprojet";Établissement;Détecté le;Origine;Suivi par\n'
        'P-1;"Sonde d\'imagerie\npour le glioblastome";AMU;12/01/2023;CPP;CPP\n'
        'P-2;"Capteur implantable\nen onco-hématologie";UCA;05/02/2023;IT;IT\n', encoding="utf-8")
    projects = ingest(tmp_path).tables["projects"].set_index("project_id")
    assert projects.loc["P-1", "title"] == "Sonde d'imagerie pour le glioblastome"



def test_a_parting_slash_wrapped_to_the_second_line(tmp_path):
    """"Établissement⏎/ unité" over "CHU Nice⏎U1081" is two columns; a cell of one line goes to the part it looks
    like ("CNRS": no digit, the institution)."""
    (tmp_path / "projets.csv").write_text(
        'Réf. projet;Titre;"Établissement\n/ unité";Détecté le;Origine;Suivi par\n'
        'P-1;Sonde;"CHU Nice\nU1081";12/01/2023;CPP;CPP\n'
        'P-2;Capteur;CNRS;05/02/2023;IT;IT\n'
        'P-3;Test;"IPC\nUMR7258";05/03/2023;IT;IT\n', encoding="utf-8")
    projects = ingest(tmp_path).tables["projects"].set_index("project_id")
    assert list(projects["lead_institution"].astype(str)) == ["CHUNICE", "CNRS", "IPC"]
    assert projects.loc["P-1", "research_unit"] == "U1081" and projects.loc["P-3", "research_unit"] == "UMR7258"
    assert projects.loc["P-2", "research_unit"] is None  # "CNRS": an institution, no unit


def test_merged_cells_still_span_their_rows_once_a_column_left_of_them_is_split(tmp_path):
    """An institution merged down over its projects, right of "Intitulé⏎(acronyme)" split in two; a title of one
    line is the title, not the one-word acronym (both parts hold digits alike: told apart by their length)."""
    write_workbook(tmp_path / "projets.xlsx", {"Projets": [
        ["Réf.", "Intitulé du projet\n(acronyme)", "Établissement porteur", "Date de détection", "Origine",
         "Suivi par"],
        ["P-1", "Inhibiteur de CD47\n(INHIB)", "AMU", "12/01/2021", "CPP", "CPP"],
        ["P-2", "Sonde de fluorescence\n(FLUO)", None, "13/02/2021", "CPP", "CPP"],
        ["P-3", "Biomarqueur pronostique du cancer colorectal", None, "14/03/2021", "IT", "IT"],
        ["P-4", "Vaccin KRAS G12D\n(VAKR)", "UCA", "15/04/2021", "IT", "IT"]]},
        merged={"Projets": ["C2:C4"]})
    projects = ingest(tmp_path).tables["projects"].set_index("project_id")
    assert list(projects["lead_institution"].astype(str)) == ["AMU", "AMU", "AMU", "UCA"]
    assert projects.loc["P-3", "title"] == "Biomarqueur pronostique du cancer colorectal"
    assert projects.loc["P-1", "title"] == "Inhibiteur de CD47"


def test_a_row_of_values_written_as_text_is_no_header_naming_two_columns(tmp_path):
    """An annex whose cells are all text: "7 / an" and "450 k€ / an" in its reference column are values per year,
    not a header "7 / an" over columns of two values: the targets beside them stay under their years."""
    write_workbook(tmp_path / "Annexe2.xlsx", {"Annexe 2": [
        ["Annexe 2 – Indicateurs de suivi et objectifs quantifiés 2021-2023"], [],
        ["Indicateur", "Unité", "Référence 2018-2020", "Objectif 2021", "Objectif 2022", "Objectif 2023"],
        ["Projets détectés", "nb", "7 / an", "8", "9", "10"],
        ["Financement de maturation", "€", "450 k€ / an", "600 k€", "700 k€", "800 k€"],
        ["Événements organisés", "nb", "4 / an", "5", "6", "6"]]})
    targets = ingest(tmp_path).tables["kpi_targets"]
    got = {(k, p): t for k, p, t in zip(targets["kpi_id"], targets["period"], targets["target"], strict=True)}
    assert got == {("val_projects_detected", "2021"): 8, ("val_projects_detected", "2022"): 9,
                   ("val_projects_detected", "2023"): 10, ("val_maturation_eur", "2021"): 600_000,
                   ("val_maturation_eur", "2022"): 700_000, ("val_maturation_eur", "2023"): 800_000,
                   ("trn_events", "2021"): 5, ("trn_events", "2022"): 6, ("trn_events", "2023"): 6}


def test_a_row_of_dates_on_two_lines_is_no_header_of_two_columns(tmp_path):
    """"déposé 01/03/2018⏎résultat 08/2018" in a proposal's "Dates": a record's cell, not a header naming two
    columns; its lines date the submission and the result (listed_milestones.py). A blank programme is missing, even
    beside a call that names one: the row is quarantined (the partner left it blank)."""
    header = ["N° interne", "Acronyme", "Programme", "Appel (topic)", "Rôle", "Dates", "Statut"]
    rows = [header, ["UE-18-01", "EXONET", "ERC", "ERC-2018-STG", "coordinateur",
                     "déposé 01/03/2018\nrésultat 08/2018", "non financé"],
            ["UE-19-03", "PATHNET", "MSCA", "H2020-MSCA-IF-2019", "coord.", "déposé 28/06/2019\nrésultat 02/2020",
             "financé"],
            ["UE-21-02", "CARCURE", None, "HORIZON-HLTH-2021-DISEASE-04-04", "partenaire",
             "déposé 10/04/2021\nrésultat 10/2021", "financé"],
            ["UE-22-01", "GENTRACK", "MSCA", "HORIZON-MSCA-2021-PF-01-01", "coord.", "déposé 05/2022\nrésultat 09/2022",
             "non retenu"],
            ["UE-23-01", "AIAIM", "ERC", "ERC-2023-STG", "coord.", "déposé 16/05/2023\nrésultat attendu 12/2023",
             "en attente"]]
    write_workbook(tmp_path / "raw" / "europe.xlsx", {"Candidatures": rows})
    result = ingest(tmp_path / "raw")
    eu = result.tables["eu_proposals"].set_index("proposal_id")
    day = lambda v: None if v is None or v != v else str(v.date())  # noqa: E731
    assert [day(v) for v in eu["submission_date"]] == ["2018-03-01", "2019-06-28", "2022-05-01", "2023-05-16"]
    assert [day(v) for v in eu["result_date"]] == ["2018-08-01", "2020-02-01", "2022-09-01", None]
    assert list(eu["programme"].astype(str)) == ["erc", "msca", "msca", "erc"]
    assert [(p.key, p.column, p.reason) for p in result.problems] == [("UE-21-02", "programme", "required value missing")]
