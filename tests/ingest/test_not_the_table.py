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
