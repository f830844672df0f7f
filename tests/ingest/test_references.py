"""A project referred to by its acronym or title instead of its id (a database's view shows a linked record by its
primary field): read as that project's id when exactly one project bears it; prose among a ledger's project ids
("Prix Start-up CPP 2019") names no project."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest
from partnership_metrics.ingest.report import build_report

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


LEDGER_PROJECTS = [["Réf.", "Acronyme", "Intitulé", "Établissement", "Date de détection", "Canal de détection",
             "Accompagné par"],
            ["P-01", "ONCOSCAN", "Sonde TEP", "AMU", dt.date(2021, 3, 12), "Appel à projets", "CPP"],
            ["P-02", "VAXARN", "Vaccin ARN", "IPC", dt.date(2021, 5, 4), "Appel à projets", "CPP"]]
FUNDING_HEADER = ["N° engagement", "Projet", "Financeur", "Dispositif", "Montant (€)", "Date de décision"]


def _line(number: int, project: str) -> list:
    return [f"F-{number:02d}", project, "CanceroPôle", "Subvention", 10000, dt.date(2021, 6, number)]


def test_prose_among_a_ledgers_project_ids_names_no_project(tmp_path: Path):
    """A prize or a programme written where a project goes is tied to no project and listed; an unknown id or a
    lone word (an acronym of a project kept elsewhere) stays as written."""
    funding = [FUNDING_HEADER, _line(1, "P-01"), _line(2, "P-02"), _line(3, "VAXARN"), _line(4, "P-01"),
               _line(5, "Prix Start-up CPP 2019"), _line(6, "Programme formation"), _line(7, "VALO-2016-04"),
               _line(8, "NEUROTAG")]
    write_workbook(tmp_path / "raw" / "suivi.xlsx", {"Projets": LEDGER_PROJECTS, "Financements": funding})
    result = ingest(tmp_path / "raw")
    lines = result.tables["funding"].set_index("funding_id")["project_id"]
    assert lines.to_dict() == {"F-01": "P-01", "F-02": "P-02", "F-03": "P-02", "F-04": "P-01", "F-05": None,
                               "F-06": None, "F-07": "VALO-2016-04", "F-08": "NEUROTAG"}
    listed = build_report(result)["references_naming_no_project"]
    assert [(x["table"], x["text"], x["rows"]) for x in listed] == [
        ("funding", "Prix Start-up CPP 2019", 1), ("funding", "Programme formation", 1)]


def test_a_sheet_whose_references_are_mostly_not_the_folders_projects_keeps_them(tmp_path: Path):
    """Titles of projects the folder does not list (another team's register): kept as written, not emptied."""
    funding = [FUNDING_HEADER, _line(1, "P-01"), _line(2, "Biopsie liquide pancréas"), _line(3, "Imagerie de flux"),
               _line(4, "Thérapie cellulaire CAR-T")]
    write_workbook(tmp_path / "raw" / "suivi.xlsx", {"Projets": LEDGER_PROJECTS, "Financements": funding})
    result = ingest(tmp_path / "raw")
    assert result.tables["funding"]["project_id"].tolist() == [
        "P-01", "Biopsie liquide pancréas", "Imagerie de flux", "Thérapie cellulaire CAR-T"]
    assert build_report(result)["references_naming_no_project"] == []


def test_a_title_cut_short_names_the_one_project_it_starts(tmp_path):
    (tmp_path / "projets.csv").write_text(
        PROJECTS + "P-4;Thermoablation du cancer de l'ovaire;THERMO;AMU;01/02/2021;CPP;CPP\n"
                   "P-5;Thermoablation du cancer du foie;THERMOF;AMU;01/03/2021;CPP;CPP\n", encoding="utf-8")
    (tmp_path / "financements.csv").write_text(
        "N° ligne;Projet;Financeur;Dispositif;Montant;Date de décision\n"
        "F-1;Thermoablation du cancer de l';CPP;Émergence;12500;15/03/2021\n"  # a title cut at 30 characters
        "F-2;Thermoablation du cancer d;CPP;Émergence;10000;15/03/2021\n"  # the start of two titles: no project
        "F-3;Sonde d'imagerie;CPP;Émergence;20000;15/03/2021\n", encoding="utf-8")
    funding = ingest(tmp_path).tables["funding"]
    got = dict(zip(funding["funding_id"], funding["project_id"].astype(object).where(funding["project_id"].notna(),
                                                                                      None), strict=True))
    assert got["F-1"] == "P-4" and got["F-3"] == "P-1" and got["F-2"] != "P-4"


def test_a_code_that_says_no_project_ties_the_line_to_none(tmp_path):
    (tmp_path / "projets.csv").write_text(PROJECTS, encoding="utf-8")
    (tmp_path / "engagements.csv").write_text(
        "N° pièce;Code projet;Libellé fonds;Type financement;Montant;Date pièce\n"
        "4500101;P-1;Inserm Transfert SA;MATURATION;80000;18/01/2021\n"
        "4500102;ONCO-HORS-PROJET;Cancéropôle PACA;FONCTIONNEMENT;32000;23/02/2021\n"
        "4500103;P-2;Inserm Transfert SA;MATURATION;120000;15/04/2021\n", encoding="utf-8")
    funding = ingest(tmp_path).tables["funding"]
    got = dict(zip(funding["funding_id"], funding["project_id"].astype(object).where(funding["project_id"].notna(),
                                                                                      None), strict=True))
    assert got == {"4500101": "P-1", "4500102": None, "4500103": "P-2"}


def test_an_accounting_element_built_around_a_project_s_id_is_that_project(tmp_path):
    """"VALO-P-1-02" (an OTP element: a prefix, the project, a line number) is project P-1; a code of the same
    scheme holding no number ("VALO-CPP-ANIM": running costs) names none and is listed; a code around two ids, or
    around an id no project has, stays as written."""
    (tmp_path / "projets.csv").write_text(PROJECTS, encoding="utf-8")
    (tmp_path / "engagements.csv").write_text(
        "N° EJ;Élément d'OTP;Fonds;Programme;Montant;Date pièce\n"
        "51001;VALO-P-1-02;Inserm Transfert;MATURATION;80000;18/01/2021\n"
        "51002;VALO-P-2-01;Inserm Transfert;MATURATION;120000;15/04/2021\n"
        "51003;VALO-CPP-ANIM;Cancéropôle PACA;AUTRE;32000;23/02/2021\n"
        "51004;VALO-P-1-P-2;Cancéropôle PACA;EMERGENCE;30000;23/03/2021\n"
        "51005;VALO-P-9-01;Cancéropôle PACA;EMERGENCE;30000;23/04/2021\n", encoding="utf-8")
    result = ingest(tmp_path)
    funding = result.tables["funding"]
    got = dict(zip(funding["funding_id"], funding["project_id"].astype(object).where(funding["project_id"].notna(),
                                                                                      None), strict=True))
    assert got == {"51001": "P-1", "51002": "P-2", "51003": None, "51004": "VALO-P-1-P-2", "51005": "VALO-P-9-01"}
    listed = build_report(result)["references_naming_no_project"]
    assert [(x["table"], x["text"]) for x in listed] == [("funding", "VALO-CPP-ANIM")]
