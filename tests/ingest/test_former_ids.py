"""Records renumbered by a new keeper (former_ids.py): the "Ancien n°" column renames the older file's references,
and, the retyping being the same for every pair, the older file's other references written the former way."""

from __future__ import annotations

import datetime as dt

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest

OLD = [["Projets 2018-2020"], [],
       ["N°", "Titre", "Établissement", "Canal", "Accompagnement", "Date de détection"],
       ["VAL-18-3", "Anticorps", "AMU", "AAP CPP", "CPP", dt.date(2018, 3, 1)],
       ["VAL-19-12", "Sonde", "IPC", "AAP CPP", "CPP", dt.date(2019, 5, 2)],
       ["VAL-19-4", "Logiciel", "CNRS", "Détection IT", "IT", dt.date(2019, 6, 3)]]
OLD_FUNDING = [["Réf.", "Projet", "Financeur", "Dispositif", "Montant (k€)", "Date"],
               ["F19-01", "VAL-19-4", "Inserm Transfert", "Maturation", 120, dt.date(2019, 9, 1)]]
NEW = [["Suivi projets v2"], [],
       ["N° projet", "Ancien n°", "Titre", "Établissement", "Canal", "Accompagnement", "Date de détection"],
       ["VAL18-003", "VAL-18-3", "Anticorps", "AMU", "AAP CPP", "CPP", dt.date(2018, 3, 1)],
       ["VAL19-012", "VAL-19-12", "Sonde", "IPC", "AAP CPP", "CPP", dt.date(2019, 5, 2)],
       ["VAL21-001", None, "Vaccin", "UCA", "AAP CPP", "CPP", dt.date(2021, 2, 1)]]


def test_a_renumbered_list_renames_the_older_files_references(tmp_path):
    write_workbook(tmp_path / "projets_2018-2020.xlsx", {"Projets": OLD, "Financements": OLD_FUNDING})
    write_workbook(tmp_path / "suivi projets v2.xlsx", {"Suivi": NEW})
    result = ingest(tmp_path)
    assert sorted(result.tables["projects"]["project_id"]) == ["VAL18-003", "VAL19-004", "VAL19-012", "VAL21-001"]
    assert result.tables["funding"]["project_id"].tolist() == ["VAL19-004"]  # renamed the same way
    assert not result.problems  # the two copies of VAL18-003 and VAL19-012 are one record each
    assert any("renamed from their former form (VAL-18-3 → VAL18-003" in w for w in result.warnings)


def test_a_renumbering_that_is_no_retyping_renames_only_the_pairs_it_gives(tmp_path):
    new = [row[:] for row in NEW]
    new[4][1] = "VAL-19-4"  # VAL19-012 was VAL-19-4: a new number, not the same one retyped
    old = [row[:] for row in OLD]
    old[4][1] = "Sonde"
    write_workbook(tmp_path / "projets_2018-2020.xlsx", {"Projets": old[:5]})
    write_workbook(tmp_path / "suivi projets v2.xlsx", {"Suivi": new})
    result = ingest(tmp_path)
    assert sorted(result.tables["projects"]["project_id"]) == ["VAL-19-12", "VAL18-003", "VAL19-012", "VAL21-001"]
