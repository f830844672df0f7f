"""Workbooks made for printing: page footers ("Page 1/2"), a page's total carried to the next ("À reporter",
"Report de la page précédente"), the header repeated on each page, a signature block below a targets grid, two
tables side by side on one landscape page."""

from __future__ import annotations

import datetime as dt

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest

HEADER = ["N° engagement", "Dossier", "Financeur", "Nature de l'aide", "Date de décision", "Montant (k€)", "Observations"]
TITLE = [["RÉPUBLIQUE FRANÇAISE"], ["État des engagements financiers – exercice 2021"], []]


def test_carried_totals_page_footers_and_repeated_headers_are_no_lines(tmp_path):
    page1 = [["ENG-21-001", "DV-2020-008", "CanceroPôle PACA", "Émergence", dt.date(2021, 1, 24), 40, None],
             ["ENG-21-002", "DV-2020-004", "Inserm Transfert", "Maturation", "26/02/2021", 120, None],
             [None, "À reporter", None, None, None, 160, None], [None, None, None, None, None, "Page 1/2", None], []]
    page2 = [[None, "Report de la page précédente", None, None, None, 160, None],
             ["ENG-21-003", "DV-2021-005", "CanceroPôle PACA", "Émergence", dt.date(2021, 3, 3), 25, None],
             [None, "TOTAL GÉNÉRAL", None, None, None, 185, None], [None, None, None, None, None, "Page 2/2", None],
             [], [None, "Le directeur,"], [], [None, "Lucie Roussel"]]
    write_workbook(tmp_path / "raw" / "engagements.xlsx",
                   {"Exercice 2021": [*TITLE, HEADER, *page1, *TITLE, HEADER, *page2]})
    result = ingest(tmp_path / "raw")
    assert sorted(result.tables["funding"]["funding_id"]) == ["ENG-21-001", "ENG-21-002", "ENG-21-003"]
    assert not result.problems
    why = {d.row: d.reason for s in result.sheets for d in s.dropped}
    assert why[7] == why[14] == "total row"  # "À reporter", then "Report de la page précédente"
    assert why[8] == why[17] == "page footer (a page's number)" and why[13] == "repeated header row"


def test_a_signature_block_below_a_targets_grid_loses_no_row(tmp_path):
    grid = [["Annexe 2 – Indicateurs et objectifs"], [],
            ["Indicateur", "Référence 2018-2020", "Objectif 2021", "Objectif 2022", "Objectif 2023"],
            ["Projets détectés", 21, 8, 9, 10], ["Start-up créées", 3, 1, 2, 2], [],
            [None, "Fait à Marseille, le 14 décembre 2020"], [None, "Pour le CanceroPôle PACA,", None, "Pour IT,"],
            [], [None, "Lucie Roussel", None, "Hugo Joly"]]
    write_workbook(tmp_path / "raw" / "annexe.xlsx", {"Annexe 2": grid})
    result = ingest(tmp_path / "raw")  # every row accounted for: no ReconciliationError
    assert len(result.tables["kpi_targets"]) == 6


def test_start_ups_known_by_name_and_their_rounds_side_by_side_on_one_page(tmp_path):
    header = ["Dénomination", "SIREN", "Date d'immatriculation", "Dossier d'origine", "Situation", None,
              "Société", "Date de clôture", "Nature", "Montant (k€)"]
    rows = [["Calanques Bio", "996414173", dt.date(2023, 6, 7), "DV-2020-003", "En activité", None,
             "Estérel Onco", "octobre 2022", "Amorçage", 450],
            ["Estérel Onco", "858664063", dt.date(2022, 2, 12), "DV-2018-010", "Active", None,
             "Calanques Bio", dt.date(2023, 9, 1), "Pré-amorçage", 200]]
    write_workbook(tmp_path / "raw" / "startups.xlsx", {"Jeunes pousses": [["Tableau 1 / Tableau 2"], header, *rows]})
    result = ingest(tmp_path / "raw")
    assert sorted(result.tables["startups"]["startup_id"]) == ["Calanques Bio", "Estérel Onco"]
    assert sorted(result.tables["startup_rounds"]["startup_id"]) == ["Calanques Bio", "Estérel Onco"]


def test_tables_stacked_under_captions_naming_their_funder_with_a_total_that_reads_like_a_year(tmp_path):
    it = [["Tableau 1 – Financements Inserm Transfert (maturation, preuve de concept)"],
          ["Réf. IT", "Projet (réf.)", "Nature du soutien", "Montant (k€)", "Date de décision"],
          ["IT-MAT-18-001", "VAL-18-06", "Maturation", 1250, "07/12/2018"],
          ["IT-MAT-19-001", "VAL-18-01", "Maturation", 795, "15/01/2019"],
          ["Total Inserm Transfert", None, None, 2045, None], [], []]
    cpp = [["Tableau 2 – Aides du CanceroPôle PACA (AAP Émergence, autres)"],
           ["N° dossier", "Projet", "Type d'aide", "Montant accordé (€)", "Comité (date)"],
           ["CPP-AAP18-01", "VAL-18-06", "Émergence", "25 000 €", "16/07/2018"],
           ["CPP-AAP18-02", "(transversal)", "Autre", "15 000 €", "07/02/2018"],
           ["Total CanceroPôle", None, None, "40 000 €", None]]
    write_workbook(tmp_path / "raw" / "decisions.xlsx", {"Décisions": [["Financements décidés 2018-2023"], [],
                                                                        *it, *cpp]})
    result = ingest(tmp_path / "raw")
    funding = result.tables["funding"].set_index("funding_id")
    assert dict(funding["funder"].astype(str)) == {"IT-MAT-18-001": "inserm_transfert", "IT-MAT-19-001": "inserm_transfert",
                                                    "CPP-AAP18-01": "canceropole_paca", "CPP-AAP18-02": "canceropole_paca"}
    assert funding["project_id"].isna().sum() == 1 and not result.problems  # "(transversal)": no project's line
