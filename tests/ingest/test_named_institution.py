"""A file or sheet kept for one institution gives every record its institution (named_institution.py)."""

from __future__ import annotations

import datetime as dt

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest

PROJECTS = [["AP-HM – DRCI – Cellule valorisation"], [],
            ["N° DRCI", "Titre du projet", "Catégorie", "Canal", "Soutien", "Détecté le"],
            ["APHM-DRCI-2018-01", "Cellules T gamma-delta", "Diagnostic", "Détection IT", "Inserm Transfert",
             dt.date(2018, 6, 26)],
            ["APHM-DRCI-2019-01", "Vaccin ARN néoantigènes", "Diagnostic", "AAP CPP", "CPP", dt.date(2019, 1, 22)],
            ["Total : 2 projets"]]
SPIN_OFFS = [["Spin-off", "SIREN no.", "Incorporation", "Origin project", "Status"],
             ["Calmetis", "732829320", "10th May 2023", "IPC-TT-002", "Active"]]
PROPOSALS = [["N°", "Acronyme", "Programme", "Déposé le", "Rôle CHU", "Issue"],
             ["CHUN-EU01", "HYPOXIA-3D", "Horizon Europe", "21 mars 2020", "Partenaire", "Non retenu"]]


def test_a_workbook_per_institution_gives_each_record_its_institution(tmp_path):
    """"AP-HM.xlsx", "IPC_Institut Paoli-Calmettes.xlsx", "CHU de Nice.xlsx": the projects (whose lead institution
    is required), the start-ups and the EU proposals each file holds are that institution's; a total row gets
    none (it stays a total)."""
    write_workbook(tmp_path / "raw" / "AP-HM.xlsx", {"Projets": PROJECTS})
    write_workbook(tmp_path / "raw" / "IPC_Institut Paoli-Calmettes.xlsx", {"Spin-offs": SPIN_OFFS})
    write_workbook(tmp_path / "raw" / "CHU de Nice.xlsx", {"Appels EU": PROPOSALS})
    result = ingest(tmp_path / "raw")
    projects = result.tables["projects"]
    assert dict(zip(projects["project_id"], projects["lead_institution"].astype(str), strict=True)) == {
        "APHM-DRCI-2018-01": "APHM", "APHM-DRCI-2019-01": "APHM"}
    assert list(result.tables["startups"]["lead_institution"].astype(str)) == ["IPC"]
    assert list(result.tables["eu_proposals"]["institution"].astype(str)) == ["CHUNICE"]
    assert not result.problems
    assert any(d.reason == "total row" for s in result.sheets for d in s.dropped)


def test_a_name_saying_more_than_an_institution_names_none(tmp_path):
    """"Projets AMU 2021.xlsx" says more than an institution: its projects lacking one are reported, not given
    AMU (guard); an institution column of the sheet is read as written, whatever the file's name."""
    write_workbook(tmp_path / "raw" / "Projets AMU 2021.xlsx", {"Projets": PROJECTS})
    rows = [[*PROPOSALS[0], "Établissement"], [*PROPOSALS[1], "CNRS"]]
    write_workbook(tmp_path / "raw" / "AMU.xlsx", {"Europe": rows})
    result = ingest(tmp_path / "raw")
    assert "projects" not in result.tables or result.tables["projects"].empty
    assert list(result.tables["eu_proposals"]["institution"].astype(str)) == ["CNRS"]
