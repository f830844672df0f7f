"""Sheets that look like a table but are not (ingest/not_the_table.py): a read-me's tables documenting the other
sheets' columns, a table of counts."""

from __future__ import annotations

import datetime as dt

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest

ROUNDS = [["Société", "Date de clôture", "Type de tour", "Montant (k€)"],
          ["AzurImmune", dt.date(2022, 5, 1), "Amorçage", 396], ["OncoLumina", dt.date(2023, 2, 3), "Série A", 2500]]


def test_a_read_me_s_table_of_the_columns_of_each_sheet_is_no_data(tmp_path):
    """"LISEZMOI": a paragraph, then one row per sheet naming its key and its links ("levees | id | aucune (une ligne =
    une levée de fonds) | startup_id"): a line of it reads like a start-up's round, none is one."""
    readme = [["Export de la base partenariat – mode d'emploi"], ["Une feuille par table de la base."], [],
              ["2. Clés et liens"],
              ["table", "clé technique", "référence métier", "clés étrangères", "vers"],
              ["projets", "id", "reference_projet (ex. VAL-2021-004)", "porteur_id ; etablissement_id", "personnes.id"],
              ["levees", "id", "aucune (une ligne = une levée de fonds)", "startup_id", "startups.id"],
              ["evenements", "id", "code_evenement (ex. EVT-2022-03)", "organisateur_id", "partenaires.id"]]
    write_workbook(tmp_path / "export.xlsx", {"LISEZMOI": readme, "Levées": ROUNDS})
    result = ingest(tmp_path)
    assert list(result.tables["startup_rounds"]["startup_id"]) == ["AzurImmune", "OncoLumina"]
    assert not result.problems
    assert all(s.table is None for s in result.sheets if s.sheet.startswith("LISEZMOI"))


def test_the_same_table_on_a_sheet_of_another_name_is_read(tmp_path):
    write_workbook(tmp_path / "export.xlsx", {"Levées 2022": ROUNDS})
    assert len(ingest(tmp_path).tables["startup_rounds"]) == 2


def test_a_ledgers_journal_of_payments_is_no_funding_beside_its_commitments(tmp_path):
    """A Sage ledger: the commitments journal (ENG) are the funding lines, its author the funder, its analytic code
    the instrument (not the project, read from the entry's wording); the payments journal (BQ1) pays them, no
    decision of its own."""
    commitments = [["CANCEROPOLE PACA - Grand-livre analytique des engagements (journal ENG)"],
                   ["Période : du 01/12/2020 au 31/12/2023"], [],
                   ["N° compte", "Libellé compte", "Code journal", "Date pièce", "N° pièce", "Libellé écriture",
                    "Code analytique", "Débit", "Crédit", "Solde progressif"],
                   [657410, "Subv. maturation & PoC", "ENG", dt.date(2021, 1, 8), "ENG21-001",
                    "CS 08/01/2021 - Maturation PRJ-20-07 NANOLIGHT (CNRS)", "MAT - Maturation", 75000, None, 75000],
                   [657410, "Subv. maturation & PoC", "ENG", dt.date(2021, 8, 16), "ENG21-007",
                    "CS 16/08/2021 - PoC PRJ-21-09 LYMPHOGUARD (APHM)", "POC - Preuve de concept", 120000, None,
                    195000],
                   [657420, "Subv. émergence", "ENG", dt.date(2022, 9, 17), "ENG22-005",
                    "CS 17/09/2022 - Emergence PRJ-22-01 CARTRAP (INSERM)", "EMER - Emergence", 20000, None, 215000]]
    payments = [["Grand-livre - règlements (décaissements) des subventions - journal BQ1"], [],
                ["N° compte", "Code journal", "Date", "N° pièce", "Libellé écriture", "Débit", "Crédit",
                 "Solde progressif"],
                [657410, "BQ1", dt.date(2021, 2, 27), "VIR21-0005", "Versement 1/2 ENG21-001 PRJ-20-07", 52500, None,
                 52500],
                [657410, "BQ1", dt.date(2021, 9, 30), "VIR21-0009", "Versement 1/2 ENG21-007 PRJ-21-09", 60000, None,
                 112500]]
    write_workbook(tmp_path / "raw" / "SAGE_GL_CPP.xlsx", {"Engagements": commitments,
                                                           "GL 657 règlements BQ1": payments})
    result = ingest(tmp_path / "raw")
    funding = result.tables["funding"].set_index("funding_id")
    assert sorted(funding.index) == ["ENG21-001", "ENG21-007", "ENG22-005"] and not result.problems
    assert set(funding["funder"].astype(str)) == {"canceropole_paca"}
    assert funding["instrument"].astype(str).to_dict() == {"ENG21-001": "maturation", "ENG21-007": "proof_of_concept",
                                                           "ENG22-005": "emergence"}
    assert funding["project_id"].to_dict() == {"ENG21-001": "PRJ-20-07", "ENG21-007": "PRJ-21-09",
                                               "ENG22-005": "PRJ-22-01"}
    [paid] = [s for s in result.sheets if s.sheet == "GL 657 règlements BQ1"]
    assert paid.table is None and "journal of payments" in paid.note
