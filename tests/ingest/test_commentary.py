"""The partners' commentary on KPIs (optional table): French or English headers, KPI names or ids, recognised like
every other sheet, and never taken for a targets sheet (nor a targets sheet for it)."""

from __future__ import annotations

import datetime as dt

import openpyxl

from partnership_metrics.ingest.ingestion import ingest
from partnership_metrics.schemas import DATA_TABLES, RAW_TABLES, TABLES


def _workbook(path, rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    wb.save(path)


def test_commentary_is_an_optional_raw_table_about_kpis():
    table = TABLES["commentary"]
    assert "commentary" in RAW_TABLES and "commentary" not in DATA_TABLES
    assert table.required == ["kpi_id", "period", "cause"] and table.key == ("kpi_id", "period")
    assert table.column("owner").kind == "text" and not table.column("owner").personal
    assert "never a person" in table.column("owner").description


def test_french_commentary_sheet_beside_a_targets_sheet(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    _workbook(raw / "commentaires.xlsx", [
        ["Revue 2023 : commentaires des partenaires"],
        ["Indicateur", "Période", "Cause de l'écart", "Action corrective", "Responsable", "Échéance"],
        ["Projets détectés", "2021-2023", "Appel 2022 reporté", "Deux appels en 2024", "Cancéropôle, pôle valo",
         "30/06/2024"],
        ["eu_success_rate", 2023, "Cinq dossiers en attente", None, None, None],
        ["trn_events", 2023, None, "Reprendre le rythme mensuel", None, None],  # no cause: quarantined
    ])
    _workbook(raw / "objectifs.xlsx", [
        ["Indicateur", "Période", "Cible", "Commentaire"],
        ["val_projects_detected", "2021-2023", 138, "Cible révisée au comité"],
    ])
    result = ingest(raw)
    comments = result.tables["commentary"]
    assert list(zip(comments["kpi_id"], comments["period"], strict=False)) == [
        ("val_projects_detected", "2021-2023"), ("eu_success_rate", "2023")]
    first = comments.iloc[0]
    assert (first["cause"], first["action"], first["owner"]) == (
        "Appel 2022 reporté", "Deux appels en 2024", "Cancéropôle, pôle valo")
    assert first["due_date"] == dt.date(2024, 6, 30) or str(first["due_date"])[:10] == "2024-06-30"
    assert [(p.table, p.column, p.reason) for p in result.problems] == [
        ("commentary", "cause", "required value missing")]
    targets = result.tables["kpi_targets"]
    assert list(zip(targets["kpi_id"], targets["period"], targets["target"], strict=False)) == [
        ("val_projects_detected", "2021-2023", 138.0)]


def test_english_commentary_sheet(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    _workbook(raw / "comments.xlsx", [
        ["KPI", "Year", "Root cause", "Corrective action", "Action owner", "Due date"],
        ["Events organised", 2023, "Two sessions merged", "Back to monthly sessions", "Training team",
         dt.datetime(2024, 3, 31)],
    ])
    comments = ingest(raw).tables["commentary"]
    assert list(comments["kpi_id"]) == ["trn_events"] and list(comments["period"]) == ["2023"]
    assert list(comments["owner"]) == ["Training team"]
