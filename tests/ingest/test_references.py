"""A project referred to by its acronym or title instead of its id (a database's view shows a linked record by its
primary field): read as that project's id when exactly one project bears it."""

from __future__ import annotations

from partnership_metrics.ingest.ingestion import ingest

PROJECTS = ("Réf. projet;Titre;Acronyme;Établissement;Détecté le;Origine;Suivi par\n"
            "P-1;Sonde d'imagerie;OMICBIO;AMU;12/03/2021;CPP;CPP\n"
            "P-2;Vaccin ARNm;VECTBODY;UCA;05/06/2021;IT;IT\n"
            "P-3;Vaccin ARNm bis;VECTBODY;UCA;05/07/2021;IT;IT\n")
STARTUPS = ("Start-up ID,Name,Creation date,Founding project,Lead institution,Status\n"
            "SU-1,Omic Bio SAS,2022-03-01,OMICBIO,AMU,active\n"
            "SU-2,Vect Body,2022-06-01,VECTBODY,UCA,active\n"
            "SU-3,Nano Tx,2023-01-15,P-2,UCA,active\n")


def test_a_start_up_s_project_named_by_its_acronym_is_read_as_its_id(tmp_path):
    (tmp_path / "projets.csv").write_text(PROJECTS, encoding="utf-8")
    (tmp_path / "Start-ups-Grid view.csv").write_text(STARTUPS, encoding="utf-8")
    result = ingest(tmp_path)
    startups = result.tables["startups"]
    got = dict(zip(startups["startup_id"], startups["project_id"], strict=True))
    assert got == {"SU-1": "P-1", "SU-2": "VECTBODY", "SU-3": "P-2"}  # two projects bear VECTBODY: left as written
    assert result.links["project_id (by acronym or title)"] == 1


def test_a_reference_written_around_one_project_s_id_is_that_id(tmp_path):
    (tmp_path / "projets.csv").write_text(PROJECTS, encoding="utf-8")
    startups = ("Start-up ID,Name,Creation date,Founding project,Lead institution,Status\n"
                "SU-1,Omic Bio SAS,2022-03-01,P-1 – OMICBIO,AMU,active\n"
                "SU-2,Vect Body,2022-06-01,VECTBODY (P-3),UCA,active\n"
                "SU-3,Nano Tx,2023-01-15,P-1 / P-2,UCA,active\n"
                "SU-4,Pharo Tx,2023-02-15,P-12 (hors suivi),UCA,active\n")
    (tmp_path / "Start-ups-Grid view.csv").write_text(startups, encoding="utf-8")
    startups = ingest(tmp_path).tables["startups"]
    got = dict(zip(startups["startup_id"], startups["project_id"], strict=True))
    assert got == {"SU-1": "P-1", "SU-2": "P-3", "SU-3": "P-1 / P-2", "SU-4": "P-12 (hors suivi)"}
