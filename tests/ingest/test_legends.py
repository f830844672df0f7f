"""A legend written beside a table ("Légende – colonne Statut", its codes below, their meanings beside them) makes the
codes of the column it explains read as their meanings; codes no legend explains stay unknown values."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest

HEADER = ["N°", "Acronyme", "Programme", "Date de dépôt", "Rôle", "Statut", "Montant obtenu (€)", None,
          "Légende – colonne Statut", None]
LEGEND = [["F", "financé (convention signée)"], ["NF", "non financé / rejeté"],
          ["EA", "en attente du résultat"], ["RET", "retiré par le consortium avant évaluation"]]


def _tracker(statuses: list[str]) -> list[list]:
    rows = [["Suivi des candidatures européennes"], [], HEADER]
    for n, status in enumerate(statuses):
        legend = LEGEND[n] if n < len(LEGEND) else [None, None]
        rows.append([f"UE-{n + 1:02d}", f"ACR{n + 1}", "ERC", dt.date(2022, n + 1, 3), "Coordinateur", status,
                     150000 if status == "F" else None, None, *legend])
    return rows


def test_the_codes_of_a_column_read_as_the_legend_beside_the_table_says(tmp_path: Path):
    write_workbook(tmp_path / "raw" / "suivi_ue.xlsx", {"Candidatures": _tracker(["RET", "F", "NF", "EA", "NF", "F"])})
    eu = ingest(tmp_path / "raw").tables["eu_proposals"]
    assert list(eu["status"]) == ["withdrawn", "funded", "not_funded", "pending", "not_funded", "funded"]


def test_without_the_legend_the_codes_stay_unknown(tmp_path: Path):
    rows = [[c for c in r[:7]] for r in _tracker(["RET", "F", "NF", "EA", "NF", "F"])]
    write_workbook(tmp_path / "raw" / "suivi_ue.xlsx", {"Candidatures": rows})
    result = ingest(tmp_path / "raw")
    unknown = sorted(p.value for p in result.problems if p.column == "status")
    assert unknown == ["EA", "F", "F", "NF", "NF", "RET"]


def test_a_legend_written_on_a_line_above_the_header_reads_the_codes_it_names(tmp_path: Path):
    rows = [["Dépôts européens 2018 accompagnés"],
            ["Légende statut : Fin. = financé / Non fin. = non financé / En att. = en attente / Ret. = retiré"],
            ["Réf", "Acronyme", "Programme", "Dépôt", "Rôle", "Statut", "Obtenu (k€)"],
            ["UE18-01", "MVSNF", "MSCA", dt.date(2018, 4, 23), "Coordinateur", "Fin.", 180],
            ["UE18-02", "YTEP", "EIC", dt.date(2018, 8, 25), "Coordinateur", "Non fin.", None],
            ["UE18-03", "OPLO", "ERC", dt.date(2018, 12, 16), "Coordinateur", "Ret.", None],
            ["UE18-04", "AYPD", "ERC", dt.date(2018, 12, 20), "Partenaire", "En att.", None]]
    write_workbook(tmp_path / "raw" / "valo 2018.xlsx", {"UE": rows})
    result = ingest(tmp_path / "raw")
    assert list(result.tables["eu_proposals"]["status"]) == ["funded", "not_funded", "withdrawn", "pending"]
    assert not [p for p in result.problems if p.column == "status"]


def test_a_line_that_only_mentions_a_legend_explains_nothing(tmp_path: Path):
    rows = [["Suivi UE – légende des couleurs : voir l'onglet Aide"],
            ["Réf", "Acronyme", "Programme", "Dépôt", "Rôle", "Statut"],
            ["UE18-01", "MVSNF", "MSCA", dt.date(2018, 4, 23), "Coordinateur", "Fin."],
            ["UE18-02", "YTEP", "EIC", dt.date(2018, 8, 25), "Coordinateur", "Fin."]]
    write_workbook(tmp_path / "raw" / "valo 2018.xlsx", {"UE": rows})
    result = ingest(tmp_path / "raw")
    assert sorted(p.value for p in result.problems if p.column == "status") == ["Fin.", "Fin."]
