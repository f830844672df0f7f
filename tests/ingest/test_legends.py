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
