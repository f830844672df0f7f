"""Targets kept one row per indicator and period, the period in a column of its own beside one column of values
(period_rows.py): an agreement's annex pasted from a document."""

from __future__ import annotations

from partnership_metrics.ingest.ingestion import ingest

ANNEX = (
    "Convention de partenariat 2021-2023;;;\n"
    "Annexe : indicateurs et objectifs;;;\n"
    ";;;\n"
    "Axe;Indicateur;Période;Valeur\n"
    "Axe 1;1.1 Nombre de projets détectés dans l'année;Valeur de référence 2018-2020;23 projets\n"
    ";;Cible 2021;10 projets\n"
    ";;Cible 2022;12 projets\n"
    ";;Cible 2021-2023 (cumul convention);34 projets\n"
    "Axe 1;1.2 Nombre de licences signées;Valeur de référence 2018-2020;2\n"
    ";;Cible sur la durée de la convention (2021-2023);au moins 4 licences\n"
    "Axe 2;2.1 Satisfaction moyenne des participants (note sur 5);Valeur de référence 2018-2020;non mesurée\n"
    ";;Cible;à définir en comité de pilotage\n"
    "Axe 3;3.1 Part des projets détectés conjointement;Valeur de référence 2018-2020;15 %\n"
    ";;Cible 2021;20 %\n"
    ";;Cible 2023;30 %\n"
    ";;;\n"
    "Les valeurs de référence sont indicatives et ne constituent pas des objectifs.;;;\n")


def _targets(tmp_path, text: str):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "annexe_objectifs.csv").write_text(text, encoding="utf-8")
    result = ingest(raw)
    targets = result.tables["kpi_targets"]
    return result, {(r["kpi_id"], r["period"]): r["target"] for r in targets.to_dict("records")}


def test_each_row_is_a_target_of_its_indicator_for_the_period_it_says(tmp_path):
    result, found = _targets(tmp_path, ANNEX)
    assert found == {("val_projects_detected", "2021"): 10, ("val_projects_detected", "2022"): 12,
                     ("val_projects_detected", "2021-2023"): 34, ("val_licences", "2021-2023"): 4,
                     ("syn_joint_sourcing_share", "2021"): 0.2, ("syn_joint_sourcing_share", "2023"): 0.3}
    assert not result.problems  # the baselines' rows and "Cible | à définir" are no targets, and no problem
    rows = {d.row for d in result.dropped}
    assert {5, 9, 11, 12, 13} <= rows  # every raw row accounted for: the baselines' and the undecided one dropped


def test_english_headers_and_periods_in_their_own_words(tmp_path):
    text = ("Indicator;Period;Value;Comment\n"
            "Deeptech projects detected;Baseline 2018-2020;23;\n"
            ";Target 2021;10;\n"
            ";Target 2022;12;agreed at the steering committee\n"
            ";Target 2023;12;\n"
            "Licences signed;Baseline 2018-2020;2;\n"
            ";Target over the agreement (2021-2023);4;\n")
    _, found = _targets(tmp_path, text)
    assert found == {("val_projects_detected", "2021"): 10, ("val_projects_detected", "2022"): 12,
                     ("val_projects_detected", "2023"): 12, ("val_licences", "2021-2023"): 4}


def test_actual_values_by_year_are_no_targets(tmp_path):
    """"Indicateur | Année | Valeur" of what was achieved: nothing says target, nothing is read as one."""
    text = ("Indicateur;Année;Valeur\n"
            "Projets détectés;2021;9\n"
            ";2022;11\n"
            ";2023;13\n"
            "Licences signées;2021;1\n"
            ";2022;2\n")
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "realise.csv").write_text(text, encoding="utf-8")
    result = ingest(raw)
    assert len(result.tables.get("kpi_targets", [])) == 0


def test_a_target_repeating_another_of_its_row_reads_as_that_one(tmp_path):
    """"idem": the target of the column before; "cf. 2022": the one of 2022's column (target_references.py)."""
    text = ("Objectifs de la convention;;;;;\n"
            "Indicateur;Référence 2018-2020;2021;2022;2023;Total 2021-2023\n"
            "Projets détectés;20;8;10;idem;cf. 2022\n"
            "Licences signées;2;1;idem;idem;4\n")
    _, found = _targets(tmp_path, text)
    assert found == {("val_projects_detected", "2021"): 8, ("val_projects_detected", "2022"): 10,
                     ("val_projects_detected", "2023"): 10, ("val_projects_detected", "2021-2023"): 10,
                     ("val_licences", "2021"): 1, ("val_licences", "2022"): 1, ("val_licences", "2023"): 1,
                     ("val_licences", "2021-2023"): 4}

