"""A funder's portal export of indicators: the period as a pair of dates (period_dates.py), the funder's own codes
beside the indicator's name (kpi_name_column.py), targets replaced by an amendment (replaced_targets.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from partnership_metrics.ingest.ingestion import ingest

HEADER = ("N° dossier;Code indicateur;Libellé de l'indicateur;Unité de mesure;{start};{end};Valeur cible;"
          "Valeur réalisée;Statut de la valeur")
ROWS = """2020_07815;IR-01;Nombre de projets de valorisation détectés;Nombre;01/01/2018;31/12/2020;;26;Valeur de référence
2020_07815;IR-01;Nombre de projets de valorisation détectés;Nombre;01/01/2021;31/12/2021;10;12;Validée
2020_07815;IR-01;Nombre de projets de valorisation détectés;Nombre;01/01/2023;31/12/2023;12;;Remplacée (avenant n°1 du 14/06/2022)
2020_07815;IR-01;Nombre de projets de valorisation détectés;Nombre;01/01/2023;31/12/2023;11;;Validée
2020_07815;IR-01;Nombre de projets de valorisation détectés;Nombre;01/01/2021;31/12/2023;33;;Validée
2020_07815;IR-03;Nombre de demandes de brevet prioritaires déposées;Nombre;01/01/2022;31/12/2022;3;4;Validée
2020_07815;IR-07;Taux de succès aux appels européens;%;01/01/2021;31/12/2023;25,00;;Validée
"""


@pytest.mark.parametrize("start, end", [("Date de début de période", "Date de fin de période"),
                                        ("Start date", "End date")])
def test_a_portals_targets_with_their_period_as_two_dates(tmp_path: Path, start, end):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "export_indicateurs_dossier.csv").write_text(HEADER.format(start=start, end=end) + "\n" + ROWS,
                                                        encoding="cp1252")
    result = ingest(raw)
    df = result.tables["kpi_targets"]
    got = {(k, p): t for k, p, t in zip(df["kpi_id"], df["period"], df["target"], strict=True)}
    assert got == {("val_projects_detected", "2021"): 10, ("val_projects_detected", "2023"): 11,
                   ("val_projects_detected", "2021-2023"): 33, ("val_priority_filings", "2022"): 3,
                   ("eu_success_rate", "2021-2023"): pytest.approx(0.25)}
    assert [d.reason for d in result.dropped if d.reason.startswith("replaced")] == [
        "replaced target (Statut de la valeur = Remplacée (avenant n°1 du 14/06/2022))"]
    assert not result.problems


SETTINGS = """# Export du paramétrage du tableau de bord (module PILOTAGE)
ID_PARAM;TYPE_PARAM;CD_INDIC;LB_INDIC;PERIODE;VALEUR;UNITE;COMMENTAIRE
P1000;SEUIL_ALERTE;*;Seuil d'alerte 'proche';*;10;%;écart toléré
P1007;CIBLE;val_projects_detected;Projets détectés;2021;10;nb;NULL
P1014;CIBLE;val_projects_detected;Projets détectés;2021-2023;33;nb;NULL
P1021;REFERENCE;val_projects_detected;Projets détectés;2018-2020;21;nb;référence
P1028;ORDRE_AFFICHAGE;val_projects_detected;Projets détectés;*;1;;NULL
P1035;CIBLE;NULL;Taux de succès européen;2021-2023;20;%;NULL
P1042;COULEUR;fun_partnership_eur;Financements des partenaires;*;#1F4E79;;couleur du graphique
P1049;CIBLE;fun_partnership_eur;Financements des partenaires;2022;650;kEUR;NULL
"""


def test_a_dashboard_s_settings_give_only_their_targets(tmp_path: Path):
    """A tool's settings export: coded headers ("CD_INDIC", "VALEUR"), only the "CIBLE" rows are targets (a
    reference, an alert threshold, a display order and a colour are not), a row without its KPI code is read by its
    name, units from the units column."""
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "PILOTAGE_export_parametrage.csv").write_text(SETTINGS, encoding="cp1252")
    result = ingest(raw)
    df = result.tables["kpi_targets"]
    got = {(k, p): t for k, p, t in zip(df["kpi_id"], df["period"], df["target"], strict=True)}
    assert got == {("val_projects_detected", "2021"): 10, ("val_projects_detected", "2021-2023"): 33,
                   ("eu_success_rate", "2021-2023"): pytest.approx(0.2),
                   ("fun_partnership_eur", "2022"): pytest.approx(650_000)}
    assert not result.problems
    assert sorted(d.reason for d in result.dropped if d.reason.startswith("not a target")) == [
        "not a target (TYPE_PARAM = COULEUR)", "not a target (TYPE_PARAM = ORDRE_AFFICHAGE)",
        "not a target (TYPE_PARAM = REFERENCE)", "not a target (TYPE_PARAM = SEUIL_ALERTE)"]
