"""An amendment revises the annex's targets; a dashboard of actuals against targets repeats copies of them: where
two sources disagree on one indicator and period, the one in force is kept and the other is dropped as superseded."""

from __future__ import annotations

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest

ANNEX = [["Annexe 2 – Indicateurs et cibles"],
         ["Indicateur", "Unité", "Référence 2018-2020 (constaté)", "Cible 2022", "Cible 2023"],
         ["Nombre de projets détectés", "nb", 11, 12, 12],
         ["Nombre total de participants aux actions", "nb", 250, 280, 300],
         ["Part des propositions européennes coordonnées", "%", 20, "25 %", "25 %"]]
AMENDMENT = [["Avenant n°1 — révision des cibles de l'annexe 2"],
             ["Indicator", "Période", "Cible initiale (annexe 2)", "Nouvelle cible (remplace)", "Motif"],
             ["Projects detected", "2023", "12", "13", "Détection plus dynamique"],
             ["Attendees (training & awareness events)", "2022", "280", "220", "Reprise lente"],
             ["Share of EU proposals as coordinator", "2023", "25 %", "supprimée (suivi sans cible)", "—"]]
DASHBOARD = [["COPIL — réalisé vs cible (cibles recopiées de l'annexe 2)"],
             ["Indicateur", "Réalisé 2022", "Cible 2022", "Réalisé 2023", "Cible 2023"],
             ["Nb projets détectés", 12, 12, 12, 12],
             ["Participants", 240, 280, 260, 300]]


def _targets(result) -> dict:
    df = result.tables["kpi_targets"]
    return {(k, p): t for k, p, t in zip(df["kpi_id"], df["period"], df["target"], strict=True)}


def test_an_amendment_replaces_and_removes_targets_of_the_annex_and_of_a_dashboard(tmp_path):
    write_workbook(tmp_path / "Convention_annexe2.xlsx", {"Annexe 2": ANNEX})
    write_workbook(tmp_path / "Avenant_1_revision_cibles.xlsx", {"Avenant n°1": AMENDMENT})
    write_workbook(tmp_path / "COPIL_tableau_de_bord.xlsx", {"Tableau de bord": DASHBOARD})
    result = ingest(tmp_path)
    assert _targets(result) == {
        ("val_projects_detected", "2022"): 12.0, ("val_projects_detected", "2023"): 13.0,
        ("trn_attendees", "2022"): 220.0, ("trn_attendees", "2023"): 300.0,
        ("eu_coordinator_share", "2022"): 0.25}  # 2023's is removed by the amendment
    assert not any("conflicting" in p.reason for p in result.problems)


def test_a_grid_of_targets_naming_funders_and_instruments_stays_targets(tmp_path):
    """A funding plan whose names column has no header can be taken for targets and is read as funding; a grid whose
    indicators are headed stays targets, whatever its other columns say."""
    rows = [["Objectifs de financement par financeur"],
            ["Indicateur", "Financeur", "Dispositif", "2022", "2023"],
            ["Montant engagé en maturation et preuve de concept (k€)", "CPP et IT", "Maturation", 600, 700],
            ["Nombre de projets détectés", "—", "—", 12, 13]]
    write_workbook(tmp_path / "objectifs.xlsx", {"Objectifs": rows})
    result = ingest(tmp_path)
    assert _targets(result) == {("val_maturation_eur", "2022"): 600_000.0, ("val_maturation_eur", "2023"): 700_000.0,
                                ("val_projects_detected", "2022"): 12.0, ("val_projects_detected", "2023"): 13.0}
    assert "funding" not in result.tables


def test_an_amendment_named_with_its_number_glued_to_the_word(tmp_path):
    write_workbook(tmp_path / "Convention_annexe2.xlsx", {"Annexe 2": ANNEX})
    revised = [["COPIL n°3 — cibles révisées"],
               ["Indicateur", "Unité", "Cible 2022", "Réalisé 2022", "Cible 2023", "Réalisé 2023"],
               ["Nombre de projets détectés", "nb", 12, 11, 14, None]]
    write_workbook(tmp_path / "COPIL_2023-03-14_tableau_de_bord_avenant1.xlsx", {"Tableau de bord": revised})
    result = ingest(tmp_path)
    assert _targets(result)[("val_projects_detected", "2023")] == 14.0
    assert not any("conflicting" in p.reason for p in result.problems)


def test_a_dashboard_of_one_period_with_its_rate_of_attainment_yields_to_the_annex(tmp_path):
    annex = [["Annexe 2 – objectifs"], ["Indicateur", "Unité", "2022", "Total 2021-2023"],
             ["Montant engagé en maturation et preuve de concept", "k€", 1000, 3000]]
    copil = [["Synthèse COPIL — réalisé vs objectif"],
             ["Indicateur", "Objectif 2021-2023", "Réalisé 2021-2023", "Taux d'atteinte"],
             ["Montant engagé en maturation et preuve de concept", 3000, 3702.5, "123 %"]]  # its k€ unsaid
    write_workbook(tmp_path / "Convention annexe 2.xlsx", {"Annexe 2": annex})
    write_workbook(tmp_path / "Synthese COPIL.xlsx", {"Indicateurs": copil})
    result = ingest(tmp_path)
    assert _targets(result) == {("val_maturation_eur", "2022"): 1_000_000.0,
                                ("val_maturation_eur", "2021-2023"): 3_000_000.0}
    assert not any("conflicting" in p.reason for p in result.problems)


def test_a_copy_in_an_archive_folder_ranks_below_the_file_in_use(tmp_path):
    """A handover folder: "archives/" keeps a superseded copy of the project list and the draft of the targets
    annex; where they give a record otherwise, the file in use is right (no conflict); where they agree, one record."""
    header = ["N° projet", "Intitulé", "Établissement porteur", "Origine", "Accompagnement", "Date de détection",
              "Début de maturation"]
    current = [header, ["P2020-01", "Sonde TEP", "AMU", "AAP CPP", "CPP", "12/03/2020", "15/09/2022"],
               ["P2020-02", "Vaccin ARN", "UCA", "AAP CPP", "CPP", "04/05/2020", None]]
    archived = [header, ["P2020-01", "Sonde TEP au gallium", "AMU", "AAP CPP", "IT", "T1 2020", None],
                ["P2020-02", "Vaccin ARN", "UCA", "AAP CPP", "CPP", "04/05/2020", None]]
    targets = [["Indicateur", "Objectif 2021", "Objectif 2022", "Objectif 2023", "Objectif cumulé 2021-2023"],
               ["Projets détectés", 8, 9, 10, 27], ["Licences signées", 1, 2, 2, 5]]
    draft = [targets[0], ["Projets détectés", 10, 10, 10, 30], ["Licences signées", 1, 2, 2, 5]]
    write_workbook(tmp_path / "raw" / "projets_ok.xlsx", {"Projets": current})
    write_workbook(tmp_path / "raw" / "archives" / "projets_2022-06-30.xlsx", {"Projets": archived})
    write_workbook(tmp_path / "raw" / "Annexe 2 - objectifs (signée).xlsx", {"Objectifs": targets})
    write_workbook(tmp_path / "raw" / "archives" / "Annexe 2 - objectifs v1.xlsx", {"Objectifs": draft})
    result = ingest(tmp_path / "raw")
    projects = result.tables["projects"].set_index("project_id")
    assert sorted(projects.index) == ["P2020-01", "P2020-02"] and not result.problems
    assert str(projects.loc["P2020-01", "maturation_start_date"])[:10] == "2022-09-15"
    assert projects.loc["P2020-01", "title"] == "Sonde TEP" and projects.loc["P2020-01", "supported_by"] == "cpp"
    assert projects.loc["P2020-01", "source_file"] == "projets_ok.xlsx"
    got = {(k, p): t for k, p, t in zip(*(result.tables["kpi_targets"][c] for c in ("kpi_id", "period", "target")),
                                         strict=True)}
    assert got[("val_projects_detected", "2021-2023")] == 27 and got[("val_projects_detected", "2021")] == 8
