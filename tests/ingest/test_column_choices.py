"""Code columns no header names, read from a board's column of labels: a required one when every card names one of
its codes, an optional one when most do (a card without such a label says nothing of it)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest

LABELS = ["ERC (orange), Coordination (green), Appui CPP (red)",
          "MSCA (sky), Partenaire (yellow), Appui CPP (red), Appui IT (sky)",
          "Mission Cancer (purple), Partenaire (yellow), Appui IT (sky)",
          "EIC (lime), Coordination (green)",
          "ERC (orange), Coordination (green), Appui IT (sky)",
          "EU4Health (pink), Partenaire (yellow), Appui CPP (red)"]


def _board(labels: list[str]) -> list[list]:
    rows = [["Card ID", "Card Name", "Labels", "List Name", "Due Date"]]
    for n, label in enumerate(labels, start=1):
        rows.append([f"c{n:023x}", f"ACRO{n}", label, "Non retenu", dt.date(2022, n, 12)])
    return rows


def test_a_card_without_a_support_label_has_no_support(tmp_path: Path):
    write_workbook(tmp_path / "raw" / "trello.xlsx", {"Board": _board(LABELS)})
    result = ingest(tmp_path / "raw")
    eu = result.tables["eu_proposals"]
    assert list(eu["programme"]) == ["erc", "msca", "cancer_mission", "eic", "erc", "eu4health"]
    assert list(eu["role"]) == ["coordinator", "partner", "partner", "coordinator", "coordinator", "partner"]
    assert list(eu["supported_by"].astype(object).where(eu["supported_by"].notna(), None)) == \
        ["cpp", "both", "it", None, "it", "cpp"]
    assert not result.problems and not result.cell_problems


def test_labels_naming_a_column_too_rarely_do_not_give_it(tmp_path: Path):
    labels = [lab.split(", Appui")[0] for lab in LABELS[:4]] + LABELS[4:]  # two cards of six say who supports
    write_workbook(tmp_path / "raw" / "trello.xlsx", {"Board": _board(labels)})
    assert ingest(tmp_path / "raw").tables["eu_proposals"]["supported_by"].isna().all()


def test_a_platforms_application_date_is_no_patent_filing(tmp_path: Path):
    """"Date de dépôt [date_depot]" (the application's) beside "BO · Dépôt brevet prioritaire [bo_brevet_prio]": the
    patent's filing is the latter; with the detection named, the application's date is no column of the project."""
    rows = [["ID dossier [dossier_id]", "Date de dépôt [date_depot]", "Titre du projet [f_titre]",
             "Établissement gestionnaire [f_etab]", "Origine du dossier [f_origine]",
             "Structures d'accompagnement [f_accomp]", "BO · Date de détection [bo_date_detection]",
             "BO · Dépôt brevet prioritaire [bo_brevet_prio]"],
            ["DOS-1", "14/02/2021 17:53", "Sonde TEP", "AMU", "Appel à projets", "CanceroPôle PACA", "22/06/2021",
             "09/04/2022"],
            ["DOS-2", "05/03/2021 15:03", "Anticorps", "IPC", "Appel à projets", "CanceroPôle PACA", "27/06/2021",
             None]]
    write_workbook(tmp_path / "raw" / "export.xlsx", {"Export": rows})
    projects = ingest(tmp_path / "raw").tables["projects"]
    assert [str(d.date()) for d in projects["detection_date"]] == ["2021-06-22", "2021-06-27"]
    assert str(projects["priority_filing_date"][0].date()) == "2022-04-09" and projects["priority_filing_date"].isna()[1]


def test_a_portals_list_keeps_its_acronym_column_and_names_each_calls_programme(tmp_path: Path):
    """The Funding & Tenders Portal's "My proposals": "Proposal title" starting with the acronym is no finer
    acronym (a call's topic is, after its call, a code with no space), and "ERAPERMED2018" names its programme."""
    rows = [["My Proposals – Funding & Tenders Portal"], [],
            ["Proposal number", "Acronym", "Proposal title", "Call / Topic", "Status", "Submitted on", "Role",
             "Requested EU contribution (€)", "PACA organisation", "Supported by"],
            ["853580", "VAXFLASH", "VAXFLASH: mélanome research project", "ERAPERMED2018", "Signed", "22/01/2018",
             "Partner", 1020000, "AP-HM", "CPP"],
            ["863944", "LYMPHOBOOST", "LYMPHOBOOST: lymphome research project", "H2020-MSCA-ITN-2018", "Rejected",
             "15/02/2018", "Participant", 420000, "INSERM", "CPP + IT"],
            ["101040407", "GLIOMAP", "GLIOMAP: glioblastome research project", "HORIZON-MISS-2021-CANCER-02-01",
             "Submitted", "11/01/2022", "Coordinator", 2500000, "AMU", "IT"]]
    write_workbook(tmp_path / "raw" / "FTP_My_proposals.xlsx", {"My proposals": rows})
    result = ingest(tmp_path / "raw")
    proposals = result.tables["eu_proposals"].set_index("proposal_id")
    assert proposals["acronym"].to_dict() == {"853580": "VAXFLASH", "863944": "LYMPHOBOOST", "101040407": "GLIOMAP"}
    assert proposals["programme"].astype(str).to_dict() == {"853580": "other", "863944": "msca",
                                                            "101040407": "cancer_mission"}


def test_a_deals_export_in_millions_with_its_finer_series_and_its_deal_type_where_none(tmp_path: Path):
    """PitchBook: "Companies" is the name (not "Company Legal Name"), "Business Status" the status, "Deal Size (EUR
    mn)" in millions, the round's type its "Series", else its "Deal Type" ("Grant")."""
    companies = [["PitchBook Data, Inc."], [],
                 ["Company ID", "Companies", "Company Legal Name", "Year Founded", "Business Status",
                  "Ownership Status", "SIREN (ajout CPP)", "Établissement d'origine"],
                 ["562660-74", "NeoTarget", "NeoTarget SAS", 2019, "Generating Revenue", "Privately Held (backing)",
                  "866768724", "INSERM"],
                 ["364548-52", "Oncovia", "Oncovia SAS", 2020, "Out of Business", "Out of Business", "807111695",
                  "UCA"]]
    deals = [["PitchBook Data, Inc."], [],
             ["Deal ID", "Companies", "Company ID", "Deal Date", "Deal Size (EUR mn)", "Deal Type", "Series"],
             ["158573-92T", "NeoTarget", "562660-74", dt.date(2019, 10, 20), 0.21, "Seed Round", "Pre-Seed"],
             ["146144-30T", "NeoTarget", "562660-74", dt.date(2020, 6, 18), 2.36, "Seed Round", "Seed"],
             ["121897-84T", "NeoTarget", "562660-74", dt.date(2021, 1, 15), 0.24, "Grant", None],
             ["121897-85T", "Oncovia", "364548-52", dt.date(2022, 8, 16), 0.3, "Debt - General", None]]
    write_workbook(tmp_path / "raw" / "PitchBook_export.xlsx", {"Companies": companies, "Deals": deals})
    result = ingest(tmp_path / "raw")
    startups = result.tables["startups"].set_index("startup_id")
    assert startups["name"].to_dict() == {"562660-74": "NeoTarget", "364548-52": "Oncovia"}
    assert startups["status"].astype(str).to_dict() == {"562660-74": "active", "364548-52": "closed"}
    rounds = result.tables["startup_rounds"]
    assert sorted(zip(rounds["amount_eur"], rounds["round_type"].astype(str), strict=True)) == [
        (210_000.0, "pre_seed"), (240_000.0, "grant"), (300_000.0, "loan"), (2_360_000.0, "seed")]


def test_a_power_query_output_s_prefixed_and_default_headers(tmp_path: Path):
    """"Table1.Project" holds codes: the projects' id, the title read from "Table1.Title"; Power Query's default
    "Column1" over research units is the unit; "Source.Name" (one file name per list) is no title."""
    header = ["Source.Name", "Table1.Project", "Table1.Title", "Lead institution", "Column1", "Channel", "Support",
              "Detection"]
    rows = [header, *([source, f"VAL-2018-00{n}", f"Projet de recherche numéro {n}", "AMU", unit, "CPP call", "CPP",
                       dt.date(2018, n, 2)] for n, source, unit in
                      [(1, "Suivi_CPP.xlsx", "UMR7258"), (2, "Suivi_CPP.xlsx", "U1104"), (3, "Pipeline_IT.xlsx", "U1068"),
                       (4, "Pipeline_IT.xlsx", "UMR 1252")])]
    write_workbook(tmp_path / "raw" / "PQ_output.xlsx", {"Projects_All": rows})
    projects = ingest(tmp_path / "raw").tables["projects"]
    assert list(zip(projects["project_id"], projects["title"], projects["research_unit"], strict=True)) == [
        ("VAL-2018-001", "Projet de recherche numéro 1", "UMR7258"), ("VAL-2018-002", "Projet de recherche numéro 2", "U1104"),
        ("VAL-2018-003", "Projet de recherche numéro 3", "U1068"), ("VAL-2018-004", "Projet de recherche numéro 4", "UMR1252")]


def test_a_tracker_s_project_name_is_no_acronym_beside_a_field_of_acronyms(tmp_path: Path):
    """Jira's "Project name" is the tracker's project on every row: the acronym is its custom field's."""
    text = ("Summary,Issue key,Status,Project name,Custom field (Acronym),Custom field (Programme),"
            "Custom field (Submitted on),Custom field (Role of regional team)\n"
            "VECIMMU - proposal,EUGR-169,Rejected,EU Grants Office,VECIMMU,ERC,28/11/2023,Coordinator\n"
            "PROIMMU - proposal,EUGR-170,Funded,EU Grants Office,PROIMMU,MSCA,02/02/2023,Partner\n"
            "PHOTUM - proposal,EUGR-171,Submitted,EU Grants Office,PHOTUM,EIC,14/03/2023,Partner\n")
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "jira_export.csv").write_text(text, encoding="utf-8")
    eu = ingest(tmp_path / "raw").tables["eu_proposals"]
    assert list(zip(eu["proposal_id"], eu["acronym"], strict=True)) == [
        ("EUGR-169", "VECIMMU"), ("EUGR-170", "PROIMMU"), ("EUGR-171", "PHOTUM")]


def _erp_projects(name_header: str, names: list[str], extra: list | None = None) -> list[list]:
    header = ["Référence", name_header, "Intitulé complet", "Établissement porteur", "Canal de sourcing",
              "Accompagnement", "Date de détection", "Responsable scientifique", *(extra or [])]
    titles = ["Peptides inhibiteurs de la migration", "Organoïdes tumoraux pour le criblage",
              "Anticorps bispécifiques ciblant le mélanome"]
    return [header, *([f"VAL-18-00{n}", name, titles[n - 1], "AMU", "Appel à projets CanceroPôle", "CanceroPôle PACA",
                       dt.date(2018, n, 2), "Léa Vidal",
                       *(["Léa"] if extra else [])] for n, name in enumerate(names, start=1))]


def test_an_erp_s_name_in_capitals_beside_the_full_title_is_the_acronym(tmp_path: Path):
    """Odoo's project "Nom" holds each project's short name beside its "Intitulé complet"."""
    write_workbook(tmp_path / "raw" / "project.project_export.xlsx",
                   {"Sheet1": _erp_projects("Nom", ["MELASCAN", "ANGIOGUARD", "PHOTO-2"])})
    projects = ingest(tmp_path / "raw").tables["projects"]
    assert list(projects["acronym"]) == ["MELASCAN", "ANGIOGUARD", "PHOTO-2"]
    assert list(projects["title"])[0] == "Peptides inhibiteurs de la migration"


def test_a_name_beside_a_first_name_or_not_in_capitals_is_no_acronym(tmp_path: Path):
    """"Nom | Prénom": a person's surname, even in capitals (kept out: personal data); "Nom" of mixed case: a name."""
    write_workbook(tmp_path / "raw" / "a.xlsx", {"Sheet1": _erp_projects("Nom", ["VIDAL", "MARTIN", "ROUX"], ["Prénom"])})
    write_workbook(tmp_path / "raw" / "b.xlsx", {"Sheet1": _erp_projects("Nom", ["Melascan", "Angioguard", "Photo"])})
    projects = ingest(tmp_path / "raw").tables["projects"]
    assert projects["acronym"].isna().all()
    assert not {"VIDAL", "MARTIN", "ROUX"} & set(projects.astype(str).to_numpy().ravel())


def test_a_column_naming_the_framework_only_leaves_the_programme_to_the_call(tmp_path: Path):
    """"Framework Programme": "HORIZON" for every Horizon Europe proposal; its call names the programme."""
    rows = [["Proposal number", "Acronym", "Framework Programme", "Call identifier", "Submission date", "Our role",
             "Applicant legal name", "Evaluation result"],
            ["101081523", "EITP", "HORIZON", "HORIZON-HLTH-2021-TOOL-11-02", "2021-04-02", "Beneficiary", "AMU",
             "Retained for funding"],
            ["101078029", "APTEIA", "HORIZON", "HORIZON-MISS-2021-CANCER-01-05", "2021-04-23", "Beneficiary", "UCA",
             "Withdrawn by applicant"],
            ["101072342", "ULRP", "HORIZON", "HORIZON-EIC-2021-TRANSITIONOPEN-01", "2021-04-20", "Coordinator", "CAL",
             "Retained for funding"],
            ["101090783", "NEOERC", "HORIZON", "ERC-2022-STG", "2022-10-20", "Coordinator", "IPC", "Not retained"]]
    write_workbook(tmp_path / "raw" / "FTP_proposals.xlsx", {"Proposals": rows})
    proposals = ingest(tmp_path / "raw").tables["eu_proposals"].set_index("proposal_id")
    assert proposals["programme"].astype(str).to_dict() == {
        "101081523": "horizon_health", "101078029": "cancer_mission", "101072342": "eic", "101090783": "erc"}


def test_a_boards_labels_give_the_support_before_its_cards_description_and_a_yes_no_label(tmp_path: Path):
    """A Trello board of projects: "Labels" say who supports each (the card's description only tells how it was
    found, in prose); a board of companies: the "Lauréat i-Lab 2022 🏆" label says yes, its absence no, and the list a
    card sits in is its status."""
    projects = [["Card Name", "Card Description", "Labels", "Réf. projet", "Détecté le", "Origine",
                 "Établissement porteur"],
                ["Vaccin ARN", "Équipe X.\nContexte : projet issu de Détection IT.",
                 "Thérapeutique (green), Co-accompagné CPP+IT (purple)", "PV-2021-10", "10/04/2021", "Détection IT", "IPC"],
                ["Petite molécule", "Contexte : projet issu de Conjoint CPP/IT.", "Thérapeutique (green), Accomp. IT (red)",
                 "PV-2021-03", "12/11/2021", "Sourcing conjoint", "CAL"],
                ["Test compagnon", "Contexte : projet issu de AAP CPP.", "Diagnostic (sky), Accomp. CPP (orange)",
                 "PV-2022-08", "27/05/2022", "AAP CPP", "UCA"]]
    companies = [["Card Name", "Labels", "List Name", "SIREN", "Date d'immatriculation"],
                 ["CellVirex", "Lauréat i-Lab 2022 🏆 (yellow), Deeptech Bpi (blue)", "🟢 Actives", "552100554", "2021-03-04"],
                 ["CryoPatch", None, "🟢 Actives", "732829320", "2020-05-06"],
                 ["Radiolux Medical", "Lauréat i-Lab 2019 🏆 (yellow)", "🤝 Rachetées", "542065479", "2019-02-01"],
                 ["MicroOrga", "Deeptech Bpi (blue)", "⚫ Fermées / liquidées", "356000000", "2018-09-10"]]
    write_workbook(tmp_path / "raw" / "Trello_projets.xlsx", {"Board": projects})
    write_workbook(tmp_path / "raw" / "Trello_startups.xlsx", {"Board": companies})
    result = ingest(tmp_path / "raw")
    projects_read = result.tables["projects"].set_index("project_id")
    assert projects_read["supported_by"].astype(str).to_dict() == {"PV-2021-10": "both", "PV-2021-03": "it",
                                                                   "PV-2022-08": "cpp"}
    startups = result.tables["startups"].set_index("startup_id")
    assert startups["ilab_laureate"].to_dict() == {"CellVirex": True, "CryoPatch": False, "Radiolux Medical": True,
                                                   "MicroOrga": False}
    assert startups["status"].astype(str).to_dict() == {"CellVirex": "active", "CryoPatch": "active",
                                                        "Radiolux Medical": "acquired", "MicroOrga": "closed"}
