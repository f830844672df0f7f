"""Cells merged down over several rows: their value belongs to each row, yet an unreadable one is one cell."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hostile_builders import write_ods  # tests/ingest, beside this file
from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest


def test_an_unreadable_cell_merged_over_several_rows_is_listed_once(tmp_path: Path):
    """A start-up's fields merged down over its rounds' lines (a registry kept by hand): each line repeats the
    start-up, whose unreadable head count is one cell, listed once."""
    header = ["Start-up", "SIREN", "Date de création", "Projet d'origine", "Établissement d'origine", "Statut", "i-Lab",
              "Effectif", "Levée : date", "Levée : montant (k€)", "Levée : type"]
    rows = [header,
            ["Onco Sud", "891844250", dt.date(2020, 1, 7), None, "AMU", "En activité", "Non", 12, dt.date(2020, 6, 1),
             80, "Subvention"],
            ["Azur Imaging", "915211247", dt.date(2021, 3, 4), None, "UCA", "En activité", "Oui", "à confirmer",
             dt.date(2021, 9, 1), 150, "Amorçage"],
            [None] * 8 + [dt.date(2022, 10, 3), 900, "Série A"],
            ["Mistral Bio", "552100554", dt.date(2019, 6, 13), None, "CAL", "En activité", "Non", 23,
             dt.date(2019, 12, 2), 45, "Subvention"],
            [None] * 8 + [dt.date(2021, 4, 2), 15, "Pré-amorçage"]]
    merged = {"Registre": [f"{c}3:{c}4" for c in "ABCDEFGH"] + [f"{c}5:{c}6" for c in "ABCDEFGH"]}
    write_workbook(tmp_path / "raw" / "registre.xlsx", {"Registre": rows}, merged)
    result = ingest(tmp_path / "raw")
    assert len(result.tables["startups"]) == 3 and len(result.tables["startup_rounds"]) == 5
    assert [(p.key, p.column) for p in result.cell_problems] == [("Azur Imaging", "employees")]


def test_an_institution_merged_down_in_an_ods_sheet_belongs_to_each_project(tmp_path: Path):
    """LibreOffice writes a merge as a spanning cell over covered ones: each project of the block gets it."""
    def cell(text, span=""):
        return f'<table:table-cell office:value-type="string"{span}><text:p>{text}</text:p></table:table-cell>'

    def row(*cells):
        return "<table:table-row>" + "".join(cells) + "</table:table-row>"

    covered = "<table:covered-table-cell/>"
    header = row(*(cell(t) for t in ("Établissement", "Réf.", "Intitulé du projet", "Date de détection",
                                            "Canal de détection", "Accompagné par")))
    tail = (cell("Appel à projets"), cell("CPP"))
    block = [row(cell("AMU", ' table:number-rows-spanned="2"'), cell("P-01"), cell("Sonde TEP"), cell("12/03/2021"), *tail),
             row(covered, cell("P-02"), cell("Vaccin ARN"), cell("04/05/2021"), *tail),
             row(cell("IPC"), cell("P-03"), cell("Biopsie liquide"), cell("20/09/2022"), *tail)]
    (tmp_path / "raw").mkdir()
    write_ods(tmp_path / "raw" / "projets.ods", header + "".join(block))
    projects = ingest(tmp_path / "raw").tables["projects"]
    found = dict(zip(projects["project_id"], projects["lead_institution"], strict=True))
    assert found == {"P-01": "AMU", "P-02": "AMU", "P-03": "IPC"}
