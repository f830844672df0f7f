"""An i-Lab list of laureates gives the start-ups their i-Lab flag and no rows (laureate_lists.py)."""

from __future__ import annotations

from partnership_metrics.ingest.ingestion import ingest

STARTUPS = """Start-up;SIREN;Date de création;Établissement d'origine;Statut;Lauréat i-Lab
OncoLux;974569337;27/02/2018;CNRS;En activité;
Immunexa;824078885;20/05/2021;INSERM;Active;
Glioxa;918570284;10/04/2020;AP-HM;En activité;
Sarcomix;954576195;23/03/2023;Inserm;En activité;Non
"""
LAUREATES = """annee;edition;categorie;nom_laureat;prenom_laureat;entreprise;ville;aide_accordee_eur
2018;20e édition;Création-développement;ORSINI;Grégoire;ONCOLUX;Nice;500000
2019;21e édition;Création-développement;RINALDI;Tristan;AQUAMARIS ROBOTICS;Toulon;370000
2021;23e édition;Création-développement;FERRAND;Eva;IMMUNEXA SAS;Marseille;550000
2023;25e édition;Grand Prix;BARET;Amandine;SARCOMIX;Nice;470000
"""


def test_the_start_ups_a_list_of_laureates_names_are_laureates_and_the_others_not(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "startups.csv").write_text(STARTUPS, encoding="utf-8")
    (raw / "iLab_laureats_extrait_PACA_2018-2023.csv").write_text(LAUREATES, encoding="utf-8")
    result = ingest(raw)
    startups = result.tables["startups"].set_index("startup_id")
    assert sorted(startups.index) == ["Glioxa", "Immunexa", "OncoLux", "Sarcomix"]  # no row of the list's own
    flags = startups["ilab_laureate"].to_dict()
    assert flags == {"OncoLux": True, "Immunexa": True, "Glioxa": False,  # "IMMUNEXA SAS" is Immunexa
                     "Sarcomix": False}  # its own sheet says "Non": kept
    assert "startup_rounds" not in result.tables and not result.problems
    [listed] = [s for s in result.sheets if s.file.startswith("iLab")]
    assert listed.table is None and "laureates" in listed.note and listed.counts()["rows_dropped"] == 5


def test_a_register_of_start_ups_with_its_own_i_lab_column_is_no_list_of_laureates(tmp_path):
    """A tracker's "START-UPS" tab titled after the laureates it follows, with its own "Lauréat i-Lab" column, is the
    start-ups' register."""
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "suivi_startups.csv").write_text(
        "Start-ups issues des projets (dont lauréats i-Lab)\n\n"
        "Réf. start-up;Nom de la start-up;Date de création;Établissement d'origine;Lauréat i-Lab\n"
        "SU-01;OncoLux;27/02/2018;CNRS;Oui\nSU-02;Glioxa;10/04/2020;AP-HM;Non\nSU-03;Immunexa;20/05/2021;INSERM;\n",
        encoding="utf-8")
    result = ingest(raw)
    startups = result.tables["startups"].set_index("startup_id")
    assert sorted(startups.index) == ["SU-01", "SU-02", "SU-03"]
    assert startups["ilab_laureate"].tolist()[:2] == [True, False]
