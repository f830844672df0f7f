"""An indicator name that names two KPIs equally well is told apart by the heading of its section, never against
its own words; a period column's header may carry a remark in brackets (target_names.py, targets.py)."""

from __future__ import annotations

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest


def _annex(section: str) -> list[list]:
    return [["Annexe 2 : objectifs"], [],
            ["N°", "Indicateur", "Unité", "Objectif 2022 (année pivot)", "Objectif 2021-2023 (cumulé ou sur la période)"],
            ["1. Valorisation"], ["1.1", "Nombre de projets détectés", "nb", 10, 30],
            [section], ["3.2", "Propositions financées", "nb", "—", 4]]


def test_the_section_tells_which_kpi_a_tied_name_names(tmp_path):
    write_workbook(tmp_path / "raw" / "annexe.xlsx", {"Annexe 2": _annex("3. Accompagnement des projets européens")})
    targets = ingest(tmp_path / "raw").tables["kpi_targets"]
    got = sorted(zip(targets["kpi_id"], targets["period"], targets["target"], strict=True))
    assert got == [("eu_proposals_funded", "2021-2023", 4.0), ("val_projects_detected", "2021-2023", 30.0),
                   ("val_projects_detected", "2022", 10.0)]


def test_a_section_that_tells_nothing_leaves_the_name_unmatched(tmp_path):
    write_workbook(tmp_path / "raw" / "annexe.xlsx", {"Annexe 2": _annex("3. Autres indicateurs")})
    result = ingest(tmp_path / "raw")
    assert set(result.tables["kpi_targets"]["kpi_id"]) == {"val_projects_detected"}
    assert [p.key for p in result.problems] == ["Propositions financées"]


def test_a_footnotes_call_after_a_name_is_no_word_of_it(tmp_path):
    annex = [["Indicateur", "Objectif 2021-2023"], ["Nombre de projets détectés¹", 30], ["Licences signées²", 6],
             [], ["¹ projets entrés dans le dispositif ; ² licences et options"]]
    write_workbook(tmp_path / "raw" / "annexe.xlsx", {"Objectifs": annex})
    targets = ingest(tmp_path / "raw").tables["kpi_targets"]
    assert sorted(zip(targets["kpi_id"], targets["target"], strict=True)) == [
        ("val_licences", 6.0), ("val_projects_detected", 30.0)]


def test_a_name_wrapped_over_lines_is_one_name(tmp_path):
    """A slide's cells wrap their names ("• Satisfaction des ⏎ participants"): the second line alone is no name in
    another language, so the satisfaction is not the participants' count."""
    rows = [["Indicateurs et cibles (diapo 12)"], [],
            ["Indicateur", "Réf.\n2018-2020", "Cible\n2021", "Cible\n2022", "Cible cumulée\n2021-2023"],
            ["• Participants", "≈ 600", "≥ 200", "≥ 220", "≥ 670"],
            ["• Satisfaction des\nparticipants", "4,1/5", "≥ 4/5", "≥ 4/5", "≥ 4/5"]]
    write_workbook(tmp_path / "raw" / "Objectifs_diapo.xlsx", {"Diapo 12": rows})
    result = ingest(tmp_path / "raw")
    targets = {(r.kpi_id, r.period): r.target for r in result.tables["kpi_targets"].itertuples()}
    assert targets[("trn_attendees", "2022")] == 220 and targets[("trn_satisfaction", "2022")] == 4
    assert not result.problems


def test_a_settings_key_names_its_kpi_by_the_id_after_its_namespace(tmp_path):
    rows = [["key", "target_2021_2023"], ["kpi.val_licences", 6], ["kpi:val_startups_created", 4]]
    write_workbook(tmp_path / "raw" / "settings.xlsx", {"settings": rows})
    targets = ingest(tmp_path / "raw").tables["kpi_targets"]
    assert sorted(zip(targets["kpi_id"], targets["target"], strict=True)) == [
        ("val_licences", 6.0), ("val_startups_created", 4.0)]
