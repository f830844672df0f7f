"""A code column kept as a yes/no column named after one of its two codes (checkbox_codes.py): Airtable's
"Coordination" exported "checked" or empty, or typed "Oui"/"Non"."""

from __future__ import annotations

from pathlib import Path

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest

HEADER = "Acronyme,Réf.,Programme,Date de dépôt,{role},Statut\n"


def _proposals(tmp_path: Path, role_header: str, roles: list[str]):
    lines = [f"P{n},UE-{n:02d},Horizon Europe – Cluster 1 Santé,1{n}/03/2022,{role},Financé"
             for n, role in enumerate(roles, start=1)]
    (tmp_path / "Candidatures UE-Grid view.csv").write_text(HEADER.format(role=role_header) + "\n".join(lines) + "\n",
                                                            encoding="utf-8")
    result = ingest(tmp_path)
    df = result.tables["eu_proposals"]
    return result, dict(zip(df["proposal_id"], df["role"], strict=True))


def test_a_ticked_coordination_is_the_coordinator_an_empty_one_a_partner(tmp_path):
    result, got = _proposals(tmp_path, "Coordination", ["checked", "", "checked", ""])
    assert got == {"UE-01": "coordinator", "UE-02": "partner", "UE-03": "coordinator", "UE-04": "partner"}
    assert not result.problems
    assert "'Coordination' says yes or no" in next(s.note for s in result.sheets if s.table == "eu_proposals")


def test_a_column_that_also_says_no_keeps_its_empty_cells_unknown(tmp_path):
    result, got = _proposals(tmp_path, "Coordination", ["Oui", "", "Non", "Oui"])
    assert got == {"UE-01": "coordinator", "UE-03": "partner", "UE-04": "coordinator"}
    assert [p.key for p in result.problems] == ["UE-02"]  # empty where "no" is written: unknown, quarantined


def test_a_role_column_of_codes_is_read_as_written(tmp_path):
    _, got = _proposals(tmp_path, "Rôle", ["Coordinateur", "Partenaire", "Coordinateur", "Partenaire"])
    assert got == {"UE-01": "coordinator", "UE-02": "partner", "UE-03": "coordinator", "UE-04": "partner"}


def test_empty_cells_beside_typed_yeses_stay_unknown(tmp_path):
    """A typed "Oui" is no box a tool exports: the empty cells beside it may be a "no" or nothing yet."""
    result, got = _proposals(tmp_path, "Coordination", ["Oui", "", "Oui", "Oui"])
    assert got == {"UE-01": "coordinator", "UE-03": "coordinator", "UE-04": "coordinator"}
    assert [p.key for p in result.problems] == ["UE-02"]


def test_a_course_programme_asking_co_organisation_reads_a_bare_yes_as_joint(tmp_path):
    (tmp_path / "programme.csv").write_text(
        "Séance;Date;Module;Format;Co-organisation ?;Lieu;Présents\n"
        "S-1;22/09/2022;Module 1 — De l'idée au projet;Formation;Oui (CPP + IT);Marseille;13\n"
        "S-2;13/10/2022;Module 2 — Propriété intellectuelle;Formation;Non - IT seul;En ligne;27\n"
        "S-3;17/11/2022;Module 3 — Marché et business model;Atelier;Oui;Nice;17\n", encoding="utf-8")
    events = ingest(tmp_path).tables["events"]
    assert dict(zip(events["event_id"], events["organiser"].astype(str), strict=True)) == {
        "S-1": "joint", "S-2": "it", "S-3": "joint"}
    assert list(events["title"])[0] == "Module 1 — De l'idée au projet"


def test_a_yes_no_column_of_ticked_boxes_reads_its_empty_boxes_as_no(tmp_path):
    (tmp_path / "Start-ups-Grid view.csv").write_text(
        "Start-up ID,Name,Creation date,Lead institution,Status,Lauréat i-Lab\n"
        "SU-1,Omic Bio,2022-03-01,AMU,active,checked\n"
        "SU-2,Vect Body,2022-06-01,UCA,active,\n", encoding="utf-8")
    startups = ingest(tmp_path).tables["startups"]
    assert dict(zip(startups["startup_id"], startups["ilab_laureate"], strict=True)) == {"SU-1": True, "SU-2": False}


def test_no_to_co_support_by_one_partner_is_the_other_partner_alone(tmp_path):
    """An IT deal-flow export asking "Co-supported by CPP?": yes is both partners, no is Inserm Transfert alone."""
    (tmp_path / "dealflow.csv").write_text(
        "Deal ID,Deal name,Lead institution,Origin,Co-supported by CPP?,Created (detection)\n"
        "ITD-1,Radiotracer,AMU,IT scouting,Yes,2021-03-02\n"
        "ITD-2,Companion test,IPC,IT scouting,No,2021-05-11\n"
        "ITD-3,Imaging probe,UCA,IT scouting,No,2022-01-20\n", encoding="utf-8")
    result = ingest(tmp_path)
    projects = result.tables["projects"]
    assert dict(zip(projects["project_id"], projects["supported_by"].astype(str), strict=True)) == {
        "ITD-1": "both", "ITD-2": "it", "ITD-3": "it"}
    assert not result.problems and not result.cell_problems


def test_co_support_with_one_partner_asked_in_a_crm_export(tmp_path):
    """"Co-supported with CPP" (a CRM's custom field, no "?"): the same question as "Co-supported by CPP?"."""
    (tmp_path / "crm.csv").write_text(
        "Opportunity ID;Opportunity Name;Account Name;Lead Source;Co-supported with CPP;Detection Date\n"
        "OPP-1;Radiotracer;AMU;IT detection;Yes;30/06/2021\n"
        "OPP-2;Companion test;IPC;IT detection;No;16/07/2021\n", encoding="utf-8")
    result = ingest(tmp_path)
    projects = result.tables["projects"]
    assert dict(zip(projects["project_id"], projects["supported_by"].astype(str), strict=True)) == {
        "OPP-1": "both", "OPP-2": "it"}
    assert not result.problems


def test_a_board_s_groups_of_items_with_boxes_ticked_v(tmp_path):
    """Monday.com: start-ups grouped by status ("🚀 Active", "🏁 Exits & closed"), each group under its own copy of
    the header; "v" is a ticked box, an empty box is no, and the group titles are no records."""
    header = ["Name", "Status", "SIREN", "Incorporation date", "Institution", "i-Lab", "Headcount"]
    rows = [["Start-ups portfolio"], [], ["🚀 Active"], header,
            ["Azur Imaging", "🟢 Active", "262168727", "2020-11-10", "UCA", None, 27],
            ["CellSud", "🟢 Active", "851612440", "2022-11-28", "UCA", "v", 2], [],
            ["🏁 Exits"], header,
            ["Theralys Bio", "🔴 Closed", "419775598", "2019-10-01", "IPC", None, 0]]
    write_workbook(tmp_path / "raw" / "monday.xlsx", {"Start-ups": rows})
    result = ingest(tmp_path / "raw")
    startups = result.tables["startups"].set_index("startup_id")
    assert startups["ilab_laureate"].to_dict() == {"Azur Imaging": False, "CellSud": True, "Theralys Bio": False}
    assert not result.problems


def test_the_canceropoles_question_whether_inserm_transfert_follows_a_project(tmp_path):
    """"Suivi Inserm Transfert ? oui / non" in the CanceroPôle's file: yes is both partners, no the CanceroPôle alone;
    in a file no partner's name owns, the question is read as before (a bare yes the partner it names)."""
    import datetime as dt

    rows = [["CanceroPôle PACA — Projets issus des appels à projets"], [],
            ["N° dossier", "Titre du projet", "Établissement porteur", "Origine", "Suivi Inserm Transfert ?",
             "Date réception dossier"],
            ["CPP-2018-01", "Peptide", "AP-HM", "AAP CPP", "non", dt.date(2018, 2, 19)],
            ["CPP-2018-04", "Dispositif", "CAL", "Détection conjointe CPP/IT", "oui", dt.date(2018, 11, 2)]]
    write_workbook(tmp_path / "raw" / "CPP_suivi_projets_AAP_2018-2023.xlsx", {"Projets 2018-2020": rows})
    result = ingest(tmp_path / "raw")
    supported = result.tables["projects"].set_index("project_id")["supported_by"].astype(str).to_dict()
    assert supported == {"CPP-2018-01": "cpp", "CPP-2018-04": "both"}
    assert not result.problems


def test_a_question_naming_no_code_in_a_partners_file_reads_as_written(tmp_path):
    """"Où ?" over the site in the CanceroPôle's calendar names no code: its cells are read as they are (a question
    over a column of no partner's codes once stopped the run)."""
    (tmp_path / "Calendrier_CPP_2019.csv").write_text(
        "Réf.,Intitulé,Quand ?,Où ?,Type,Organisateur,Participants\n"
        "EV19-01,Atelier PI,12/03/2019,Marseille,Atelier,CPP,24\n"
        "EV19-02,Webinaire start-up,04/06/2019,En ligne,Webinaire,CPP,40\n", encoding="utf-8")
    events = ingest(tmp_path).tables["events"]
    assert dict(zip(events["event_id"], events["site"], strict=True)) == {"EV19-01": "marseille", "EV19-02": "online"}
