"""The partners' recommendations and their follow-up (optional table): French or English headers, indicators by name
or id, statuses in words, recognised like every other sheet, beside the commentary and the targets."""

from __future__ import annotations

import datetime as dt

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest
from partnership_metrics.schemas import DATA_TABLES, RAW_TABLES, TABLES

_workbook = write_workbook


def test_recommendations_are_an_optional_raw_table_outside_the_data():
    table = TABLES["recommendations"]
    assert "recommendations" in RAW_TABLES and "recommendations" not in DATA_TABLES  # no cut-off from due dates
    assert table.required == ["review", "recommendation"] and table.key == ("review", "recommendation")
    assert table.column("status").codes == ("proposed", "in_progress", "done", "dropped")
    assert "never a person" in table.column("owner").description


def test_french_recommendations_beside_commentary_and_targets(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    _workbook(raw / "revue.xlsx", {
        "Commentaires": [
            ["Indicateur", "Période", "Cause de l'écart", "Action corrective", "Responsable", "Échéance"],
            ["trn_events", 2023, "Sessions regroupées", "Rythme mensuel", "Comité de pilotage", "30/06/2024"],
        ],
        "Recommandations": [
            ["Revue 2021-2023 : recommandations et suivi"],
            [],
            ["Revue", "Recommandation", "Indicateur visé", "Responsable", "Échéance", "Avancement", "Suivi"],
            [2022, "Mutualiser la veille des appels européens", "Propositions européennes soumises", "Pôle Europe",
             dt.datetime(2023, 3, 31), "En cours", "Veille partagée depuis février 2023"],
            ["2021-2023", "Renouveler le partenariat", None, "Comité de pilotage", None, None, None],
            [2021, "Campagne de détection commune", "syn_joint_sourcing_share", None, "juin 2022", "réalisée",
             "Menée en mai 2022"],
            [2021, None, None, None, None, "Abandonnée", None],  # no recommendation: set aside
        ],
        "Objectifs": [["Indicateur", "Période", "Cible"], ["val_projects_detected", "2021-2023", 138]],
    })
    result = ingest(raw)
    recs = result.tables["recommendations"]
    status = recs["status"].astype("object").where(recs["status"].notna(), None)
    assert list(zip(recs["review"], recs["kpi_id"], status, strict=False)) == [
        ("2022", "eu_proposals_submitted", "in_progress"), ("2021-2023", None, None),
        ("2021", "syn_joint_sourcing_share", "done")]
    assert str(recs.loc[0, "due_date"])[:10] == "2023-03-31" and recs.loc[2, "due_date_precision"] == "month"
    assert list(result.tables["commentary"]["kpi_id"]) == ["trn_events"]
    assert list(result.tables["kpi_targets"]["target"]) == [138.0]
    assert [(p.table, p.column, p.reason) for p in result.problems] == [
        ("recommendations", "recommendation", "required value missing")]


def test_english_recommendations(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    _workbook(raw / "review.xlsx", {"Recommendations": [
        ["Review", "Recommendation", "Indicator targeted", "Owner", "Due date", "Status", "Follow-up"],
        ["2023", "Open IP training to Nice units", "Attendees", "Training team", dt.datetime(2024, 9, 30),
         "Dropped", "Merged into the regional programme"],
    ]})
    recs = ingest(raw).tables["recommendations"]
    assert list(recs["kpi_id"]) == ["trn_attendees"] and list(recs["status"].astype("object")) == ["dropped"]
    assert list(recs["follow_up"]) == ["Merged into the regional programme"]
