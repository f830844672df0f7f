"""End-to-end ingestion of a messy raw folder: tables, quarantine, dropped rows, reconciliation, outputs."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
from pathlib import Path

import openpyxl
import pandas as pd
import pyarrow.parquet as pq
import pytest
from workbooks import write_workbook  # tests/ingest, beside this file

from conftest import PEOPLE
from partnership_metrics import load
from partnership_metrics.ingest.ingestion import ingest
from partnership_metrics.ingest.report import build_report
from partnership_metrics.schemas import TABLES
from partnership_metrics.storage import build_manifest, write_processed


def run(raw: Path, out: Path):
    result = ingest(raw)
    write_processed(result, out, manifest=build_manifest(result, raw, {}), report=build_report(result))
    return result


def test_counts_quarantine_and_dropped(messy_raw, tmp_path):
    raw, expected = messy_raw
    result = run(raw, tmp_path / "out")
    rows = {name: len(df) for name, df in result.tables.items() if name != "institutions"}
    assert rows == expected["tables"]
    report = json.loads((tmp_path / "out" / "ingest_report.json").read_text(encoding="utf-8"))
    for table, n in expected["quarantined"].items():
        assert report["tables"][table]["rows_quarantined"] == n, table
    for table, n in expected["dropped"].items():
        assert report["tables"][table]["rows_dropped"] == n, table
    for f in report["files"]:
        for s in f["sheets"]:
            assert s["rows_read"] == s["rows_accepted"] + s["rows_quarantined"] + s["rows_dropped"], (f, s)
    assert [i["name"] for i in report["unknown_institutions"]] == expected["unknown_institutions"]
    assert report["unknown_columns"] == ["cpp_suivi.xlsx [Suivi projets]: Commentaire"]
    hidden = [s for s in report["sheets_without_table"] if s["sheet"] == "Listes"]
    assert hidden and hidden[0]["hidden"] is True
    with open(tmp_path / "out" / "quarantine.csv", encoding="utf-8-sig") as fh:
        quarantine = list(csv.DictReader(fh))
    assert {(q["table"], q["column"], q["value"]) for q in quarantine} == {
        ("projects", "detection_date", "31/02/2022"),
        ("funding", "amount_eur", "'-5"),  # formula-looking text neutralised for spreadsheet users
        ("events", "organiser", "Organisé par le tiers"),
    }
    assert all(q["file"] and q["row"] and q["reason"] for q in quarantine)
    with open(tmp_path / "out" / "dropped.csv", encoding="utf-8-sig") as fh:
        reasons = sorted(d["reason"].split(" (")[0] for d in csv.DictReader(fh))
    assert reasons == ["blank row", "exact duplicate of cpp_suivi.xlsx [Financements] row 6",
                       "holds no known table", "note row", "total row"]


def test_values_are_typed_and_normalised(messy_raw, tmp_path):
    raw, _ = messy_raw
    run(raw, tmp_path / "out")
    t = load(tmp_path / "out")
    p = t["projects"].set_index("project_id")
    assert str(p.loc["P-001", "detection_date"].date()) == "2021-03-15"
    assert str(p.loc["P-004", "detection_date"].date()) == "2022-01-01"  # Excel serial 44562
    assert str(p.loc["P-004", "maturation_start_date"].date()) == "2023-03-01"  # 01.03.2023
    assert list(p["lead_institution"]) == ["AMU", "UCA", "UCA", "OTHER"]
    assert list(p["sourcing_channel"]) == ["joint", "cpp_call", "it_detection", "joint"]
    assert list(p["supported_by"]) == ["both", "cpp", "it", "both"]
    assert p.loc["P-001", "research_unit"] == "U1068"
    f = t["funding"].set_index("funding_id")
    assert f.loc["F1", "amount_eur"] == 150_000 and f.loc["F4", "amount_eur"] == 1_500_000  # k€ header, "1,5 M€"
    assert list(f["funder"]) == ["inserm_transfert", "canceropole_paca", "bpifrance"]
    e = t["events"].set_index("event_id")
    assert e.loc["E1", "organiser"] == "joint" and e.loc["E2", "site"] == "online"
    assert e.loc["E1", "satisfaction"] == pytest.approx(4.2)
    a = t["event_attendance"]
    assert list(a["event_id"]) == ["E1", "E1", "E2"]  # "Formation PI" linked to E1 by its title
    assert a["attendee"].iloc[1] == a["attendee"].iloc[2]  # same person, same pseudonym
    assert p.loc["P-001", "pi"] == a["attendee"].iloc[0]  # the PI attended: same e-mail, same pseudonym


def test_no_name_or_email_in_any_output(messy_raw, tmp_path):
    raw, _ = messy_raw
    run(raw, tmp_path / "out")
    blobs = {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()}
    for name, data in blobs.items():
        text = data.decode("utf-8", errors="replace").lower()
        if name.endswith(".parquet"):
            text = pq.read_table(tmp_path / "out" / name).to_pandas().to_csv().lower()
        for secret in PEOPLE["names"][:3] + PEOPLE["emails"]:
            assert secret.lower() not in text, (name, secret)


def test_same_raw_files_give_byte_identical_parquet(messy_raw, tmp_path):
    raw, _ = messy_raw
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in raw.iterdir()}
    run(raw, tmp_path / "a")
    run(raw, tmp_path / "b")
    for p in (tmp_path / "a").glob("*.parquet"):
        assert p.read_bytes() == (tmp_path / "b" / p.name).read_bytes(), p.name
    assert {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in raw.iterdir()} == before  # raw untouched


def test_conflicting_duplicates_are_quarantined_both(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "f.csv").write_text(
        "Réf financement;Projet;Financeur;Instrument;Montant;Date de décision\n"
        "F1;P1;IT;Maturation;100 k€;01/02/2022\n"
        "F1;P1;IT;Maturation;120 k€;01/02/2022\n"
        "F2;P1;CPP;Maturation;50 k€;01/03/2022\n", encoding="utf-8")
    result = ingest(raw)
    assert list(result.tables["funding"]["funding_id"]) == ["F2"]
    assert [(p.row, p.column) for p in result.problems] == [(2, "funding_id"), (3, "funding_id")]
    assert "conflicting duplicate" in result.problems[0].reason


def test_a_sheet_lacking_a_required_column_is_skipped_and_the_others_are_read(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    # "Porté par" is close to an organiser header, but its values are no organiser: the column cannot be guessed
    (raw / "events.csv").write_text("ID événement;Date;Intitulé;Type;Porté par;Nb participants\n"
                                    "E1;01/02/2022;X;Formation;Service A;3\nE2;03/02/2022;Y;Atelier;Service B;5\n",
                                    encoding="utf-8")
    (raw / "funding.csv").write_text("Réf.;Financeur;Dispositif;Montant (k€);Date de décision\n"
                                     "F1;Région Sud;Subvention;150;15/03/2022\n", encoding="utf-8")
    result = ingest(raw)
    assert list(result.tables) == ["funding", "institutions"] and len(result.tables["funding"]) == 1
    [sheet] = [s for s in result.sheets if s.skipped]
    assert (sheet.file, sheet.skipped.table, sheet.skipped.missing) == ("events.csv", "events", ["organiser"])
    assert sheet.skipped.closest["organiser"][0][0] == "Porté par"  # the header most like an organiser column
    assert '"Porté par": organiser' in sheet.skipped.suggestion  # a draft mapping entry, to review
    assert [d.rows for d in result.dropped if d.file == "events.csv"] == [3]  # the header and both rows, listed
    report = build_report(result)
    assert report["status"] == "partial" and report["skipped_sheets"][0]["missing_columns"] == ["organiser"]


def test_mapping_file_names_an_odd_sheet(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "odd.csv").write_text("Code;Quand;Quoi;Genre;Qui;Combien\nE1;01/02/2022;Atelier;Atelier;CPP;12\n",
                                 encoding="utf-8")
    (raw / "mapping.yaml").write_text(
        "sheets:\n  - file: odd.csv\n    table: events\n    columns:\n      Code: event_id\n      Quand: event_date\n"
        "      Quoi: title\n      Genre: event_type\n      Qui: organiser\n      Combien: attendees\n",
        encoding="utf-8")
    result = ingest(raw)
    events = result.tables["events"]
    assert list(events["event_id"]) == ["E1"] and int(events["attendees"].iloc[0]) == 12


def test_interrupted_write_leaves_previous_outputs(messy_raw, tmp_path, monkeypatch):
    raw, _ = messy_raw
    out = tmp_path / "out"
    run(raw, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    import partnership_metrics.storage as storage

    def boom(*args, **kwargs):
        raise KeyboardInterrupt  # like a Ctrl-C in the middle of writing the report

    monkeypatch.setattr(storage, "_json", boom)
    with pytest.raises(KeyboardInterrupt):
        run(raw, out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert not list(tmp_path.glob(".out.*"))  # nothing half-written left around


def test_a_kpi_whose_column_no_sheet_had_is_null_with_that_reason_not_zero(tmp_path):
    from partnership_metrics import kpi_table

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "events.csv").write_text(
        "ID événement;Date;Intitulé;Type;Organisateur;Nb participants\n"
        "E1;01/02/2022;Atelier;Atelier;CPP;12\nE2;01/03/2022;Cours;Formation;IT;20\n", encoding="utf-8")
    out = tmp_path / "out"
    run(raw, out)
    events = load(out)["events"]
    read = [c for c in events.attrs["columns_read"] if c in TABLES["events"].raw_column_names]
    assert read == ["event_id", "event_date", "title", "event_type", "organiser",
                                            "attendees"]
    kpis = kpi_table(load(out), period="2022", lang="en").set_index("kpi_id")
    assert kpis.loc["trn_events", "value"] == 2 and kpis.loc["trn_attendees", "value"] == 32
    assert pd.isna(kpis.loc["trn_satisfaction", "value"])
    assert kpis.loc["trn_satisfaction", "reason"] == "no raw events sheet has a satisfaction column"
    assert kpis.loc["trn_satisfaction", "reason_code"] == "column_not_read"
    french = kpi_table(load(out), period="2022", lang="fr").set_index("kpi_id")
    assert french.loc["trn_satisfaction", "reason"] == (
        "aucun fichier source de la table events n’a de colonne satisfaction")


def test_targets_kept_as_a_grid_of_years(tmp_path):
    import openpyxl

    raw = tmp_path / "raw"
    raw.mkdir()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Objectifs de la convention"])
    ws.append(["Indicateur", "Libellé", 2021, "Cible 2022", 2023, "2021-2023"])
    ws.append(["val_projects_detected", "Projets détectés", 30, 32, 35, 97])
    ws.append(["Taux de succès européen", None, "18 %", "18 %", None, "19 %"])  # a French label, percentages
    ws.append(["val_licences", None, "beaucoup", 5, 5, 15])  # not a number: the row is quarantined
    wb.save(raw / "objectifs.xlsx")
    result = ingest(raw)
    targets = result.tables["kpi_targets"]
    assert list(zip(targets["kpi_id"], targets["period"], targets["target"], strict=False)) == [
        ("val_projects_detected", "2021", 30.0), ("val_projects_detected", "2022", 32.0),
        ("val_projects_detected", "2023", 35.0), ("val_projects_detected", "2021-2023", 97.0),
        ("eu_success_rate", "2021", 0.18), ("eu_success_rate", "2022", 0.18), ("eu_success_rate", "2021-2023", 0.19),
    ]
    sheet = build_report(result)["files"][0]["sheets"][0]
    assert (sheet["rows_read"], sheet["rows_accepted"], sheet["rows_quarantined"]) == (3, 2, 1)
    assert [p.column for p in result.problems] == ["target"]


def test_two_tables_side_by_side_are_read_apart(tmp_path):
    import openpyxl

    raw = tmp_path / "raw"
    raw.mkdir()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Suivi"
    ws.append(["N° projet", "Titre", "Établissement", "Canal", "Accompagnement", "Date de détection", None,
               "Réf. financement", "Projet", "Financeur", "Dispositif", "Montant (k€)", "Date de décision"])
    ws.append(["P1", "T1", "AMU", "Conjoint", "CPP + IT", "15/03/2022", None,
               "F1", "P1", "Inserm Transfert", "Maturation", 100, "01/04/2022"])
    ws.append([None] * 7 + ["F2", "P1", "ANR", "Subvention", 30, "01/07/2022"])
    wb.save(raw / "side.xlsx")
    result = ingest(raw)
    assert list(result.tables["projects"]["project_id"]) == ["P1"]
    assert list(result.tables["funding"]["amount_eur"]) == [100_000.0, 30_000.0]
    sheets = {s["sheet"]: s for s in build_report(result)["files"][0]["sheets"]}
    assert set(sheets) == {"Suivi (columns A-G)", "Suivi (columns H-M)"}
    assert sheets["Suivi (columns A-G)"]["rows_dropped"] == 1  # the projects block is blank on the last row


def test_the_readme_mapping_example_works(tmp_path):
    """The 'Odd sheets' example of the README, as written there."""
    import re
    import textwrap

    import openpyxl

    from partnership_metrics import paths

    readme = (paths.PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    example = textwrap.dedent(re.search(r"```yaml\n( *sheets:.*?)\n *```", readme, re.S).group(1))
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "mapping.yaml").write_text(example, encoding="utf-8")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Feuil1"
    ws.append(["Suivi 2023"])
    ws.append([])
    ws.append([])
    ws.append(["Réf. interne", "Guichet", "Dispositif", "Enveloppe", "Date de décision"])
    ws.append(["F1", "Inserm Transfert", "Maturation", 120, "15/03/2023"])
    wb.save(raw / "suivi_cpp_2023.xlsx")
    (raw / "exports").mkdir()
    (raw / "exports" / "dump.csv").write_text("a;b\n1;2\n", encoding="utf-8")
    result = ingest(raw)
    funding = result.tables["funding"]
    assert list(zip(funding["funding_id"], funding["funder"], funding["amount_eur"], strict=False)) == [
        ("F1", "inserm_transfert", 120_000.0)]
    assert any("skipped by the mapping file" in d.reason for d in result.dropped)


def test_a_value_still_to_come_is_emptied_and_listed_never_read_as_a_value(tmp_path):
    (tmp_path / "projets.csv").write_text(
        "Réf.;Intitulé;Établissement;Unité;Type techno;Canal;Accompagnement;Date de détection\n"
        "P-1;Sonde A;AMU;?;Thérapeutique;Conjoint;CPP;12/03/2022\n"
        "P-2;Sonde B;AMU;U1068;TBC;Conjoint;CPP;12/03/2022\n"
        "P-3;À compléter;AMU;U1068;Diagnostic;Conjoint;CPP;12/03/2022\n", encoding="utf-8")
    result = ingest(tmp_path)
    projects = result.tables["projects"].set_index("project_id")
    assert projects["research_unit"].isna()["P-1"] and projects.loc["P-1", "technology_type"] == "therapeutic"
    assert projects["technology_type"].isna()["P-2"]  # "TBC" is not the code 'other'
    emptied = sorted((p.key, p.column) for p in result.cell_problems)
    assert emptied == [("P-1", "research_unit"), ("P-2", "technology_type")]
    assert all("still to come" in p.reason for p in result.cell_problems)
    assert [(p.key, p.column) for p in result.problems] == [("P-3", "title")]  # a required column: quarantined


def test_a_missing_required_column_is_read_from_a_close_header_whose_values_fit_and_listed(tmp_path):
    (tmp_path / "events.csv").write_text("ID événement;Date;Intitulé;Type;Porté par;Nb participants\n"
                                         "E1;01/02/2022;X;Formation;CPP;3\nE2;03/02/2022;Y;Atelier;IT;5\n",
                                         encoding="utf-8")
    result = ingest(tmp_path)
    assert list(result.tables["events"]["organiser"].astype(str)) == ["cpp", "it"]
    [sheet] = result.sheets
    assert sheet.guessed["organiser"][0] == "Porté par" and sheet.confidence < 1
    report = build_report(result)
    assert report["columns_guessed"][0]["column"] == "organiser" and report["status"] == "ok"


def test_a_table_stacked_under_another_is_read_as_its_own(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Start-up 2020"
    for row in (["Bilan 2020 – Start-up"], [], ["Réf.", "Raison sociale", "Date d'immatriculation", "Statut"],
                ["ST-1", "Radiomix", "19/03/2020", "En activité"], [], ["Levées de fonds 2020"],
                ["Réf. start-up", "Date", "Montant (k€)", "Type de tour"],
                ["ST-1", "16/05/2020", 765, "Amorçage"], ["ST-1", "20/08/2020", 8142, "Série A"]):
        sheet.append(row)
    book.save(tmp_path / "bilan.xlsx")
    result = ingest(tmp_path)
    assert list(result.tables["startups"]["startup_id"]) == ["ST-1"] and not result.problems
    rounds = result.tables["startup_rounds"]
    assert list(rounds["amount_eur"]) == [765_000.0, 8_142_000.0]
    assert list(rounds["source_row"]) == [8, 9] and rounds["source_sheet"].iloc[0] == "Start-up 2020 (rows 6-9)"  # its title row with it


def test_section_rows_over_a_years_rows_are_dropped_not_quarantined(tmp_path):
    (tmp_path / "actions.csv").write_text(
        "Code;Date;Intitulé;Type;Organisation;Participants\n"
        "Année 2018;;;;;\n"
        "ACT-18-01;16/02/18;Atelier modèle économique;Atelier;IT;12\n"
        "Année 2019;;;;;\n"
        "ACT-19-01;exercice 2019;Formation PI;Formation;CPP;30\n", encoding="utf-8")
    result = ingest(tmp_path)
    events = result.tables["events"].set_index("event_id")
    assert list(events.index) == ["ACT-18-01", "ACT-19-01"] and not result.problems
    assert events.loc["ACT-19-01", "event_date_precision"] == "year"
    assert sorted(d.reason for d in result.dropped if "section" in d.reason) == [
        "section row (a label alone in the id column)"] * 2


def test_a_dashboard_of_formulas_beside_the_data_is_a_summary_not_a_sheet_left_unread(tmp_path):
    wb = openpyxl.Workbook()
    data = wb.active
    data.title = "2021"
    data.append(["Réf.", "Titre", "Établissement porteur", "Accompagnement", "Date de détection", "Canal",
                 "Type de technologie"])
    for i in range(1, 4):
        data.append([f"P-{i}", f"Sonde {i}", "AMU", "CPP", f"1{i}/03/2021", "Conjoint", "Diagnostic"])
    board = wb.create_sheet("Tableau de bord")
    board.append(["Tableau de bord (ne pas saisir ici)"])
    board.append(["Année", "Projets détectés", "Objectif", "Écart à l'objectif"])
    for year, row in ((2021, 3), (2022, 4), (2023, 5)):
        board.append([year, f"=COUNTA('2021'!A2:A{row})", 10, f"=B{row}-C{row}"])
    for label in ("Légende des couleurs", "Licencié", "En maturation", "Abandonné", "Détecté"):
        board.append([label])
    wb.save(tmp_path / "portefeuille.xlsx")
    result = ingest(tmp_path)
    assert len(result.tables["projects"]) == 3 and "kpi_targets" not in result.tables
    [summary] = [s for s in result.sheets if s.sheet == "Tableau de bord"]
    assert summary.summary and summary.skipped is None


def test_an_event_named_by_title_beside_another_tools_event_number_is_linked_by_its_title(tmp_path):
    (tmp_path / "events.csv").write_text(
        "Event ref;Date;Title;Type;Organiser;Attendees\n"
        "EVT-21-01;10/04/2021;Partnership annual day 2021;Conference;CPP;2\n"
        "EVT-21-02;12/05/2021;Tech transfer 101;Training;IT;1\n", encoding="utf-8")
    (tmp_path / "eventbrite.csv").write_text(
        "First Name,Last Name,Email,Attendee Status,Event Name,Event ID,Organisation\n"
        "Léa,Martin,lea.martin@x.example,Checked In,Partnership annual day 2021,614049515402,AMU\n"
        "Paul,Durand,paul.durand@x.example,Checked In,Partnership annual day 2021,614049515402,IPC\n"
        "Ana,Lopez,ana.lopez@x.example,Checked In,Tech transfer 101,614049515999,CNRS\n"
        "Tom,Petit,tom.petit@x.example,Checked In,An event nobody kept,614049510000,CNRS\n", encoding="utf-8")
    result = ingest(tmp_path)
    attendance = result.tables["event_attendance"]
    assert sorted(attendance["event_id"]) == ["EVT-21-01", "EVT-21-01", "EVT-21-02"]
    [problem] = result.problems
    assert problem.table == "event_attendance" and "names a row of events" in problem.reason


def test_a_ticketing_tools_sessions_are_named_by_ticket_type_and_only_those_checked_in_came(tmp_path):
    """One Eventbrite event for a whole cycle, one ticket type per session naming it; "Attending" never came."""
    (tmp_path / "events.csv").write_text(
        "Event ref;Date;Title;Type;Organiser;Attendees\n"
        "EVT-22-01;31/01/2022;Rencontres Onco-Innovation 2022;Conference;CPP;2\n"
        "EVT-22-04;28/09/2022;Rencontres Onco-Innovation – Marseille 2022;Conference;CPP;1\n", encoding="utf-8")
    (tmp_path / "eventbrite.csv").write_text(
        "First Name,Last Name,Email,Ticket Type,Attendee Status,Event Name,Event ID\n"
        "Léa,Martin,lea.martin@x.example,Session 1 · Rencontres Onco-Innovation 2022 · 31/01/2022,Checked In,"
        "Cycle Valo'Onco 2022,120247935822\n"
        "Léa,Martin,lea.martin@x.example,Session 4 · Rencontres Onco-Innovation – Marseille 2022 · 28/09/2022,"
        "Checked In,Cycle Valo'Onco 2022,120247935822\n"
        "Paul,Durand,paul.durand@x.example,Session 1 · Rencontres Onco-Innovation 2022 · 31/01/2022,Checked In,"
        "Cycle Valo'Onco 2022,120247935822\n"
        "Ana,Lopez,ana.lopez@x.example,Session 1 · Rencontres Onco-Innovation 2022 · 31/01/2022,Attending,"
        "Cycle Valo'Onco 2022,120247935822\n", encoding="utf-8")
    result = ingest(tmp_path)
    attendance = result.tables["event_attendance"]
    assert sorted(attendance["event_id"]) == ["EVT-22-01", "EVT-22-01", "EVT-22-04"] and not result.problems
    assert [d.reason for d in result.dropped] == ["registered but not checked in (Attendee Status = Attending)"]


def test_a_bi_matrix_of_aggregates_is_a_summary_but_a_table_with_a_sum_column_is_data(tmp_path):
    (tmp_path / "matrix.csv").write_text(
        "Detection Year,Count of Project ID AMU,Count of Project ID IPC,Count of Project ID Total\n"
        "2021,3,1,4\n2022,2,2,4\nTotal,5,3,8\n", encoding="utf-8")
    (tmp_path / "commitments.csv").write_text(
        "Commitment ID,Project ID,Funder,Instrument,Decision Date,Sum of Amount (EUR)\n"
        "CMT-1,P-1,Inserm Transfert,Maturation,14/05/2021,172000\n", encoding="utf-8")
    result = ingest(tmp_path)
    assert list(result.tables["funding"]["amount_eur"]) == [172000.0] and "projects" not in result.tables
    [matrix] = [s for s in result.sheets if s.file.startswith("matrix")]
    assert matrix.summary and matrix.skipped is None


def test_counts_per_year_beside_a_list_of_rounds_are_a_summary_not_rounds(tmp_path):
    """"Année | Nb start-up | Levées cumulées (k€)" has no start-up column: not rounds of a start-up named elsewhere
    (quarantined for want of one) but a table of counts, listed as a summary."""
    write_workbook(tmp_path / "startups.xlsx", {
        "Levées": [["Levées de fonds (k€)"], [], ["Société", "Date de clôture", "Type de tour", "Montant (k€)"],
                   ["AzurImmune", dt.date(2022, 5, 1), "Amorçage", 396]],
        "Synthèse": [["Synthèse par année de création"], [], ["Année", "Nb start-up", "Levées cumulées (k€)"],
                     *([year, 1 + year % 3, 400 * (year - 2017)] for year in range(2018, 2024)), ["Total", 12, 8400]]})
    result = ingest(tmp_path)
    assert list(result.tables["startup_rounds"]["amount_eur"]) == [396000.0] and not result.problems
    [synthese] = [s for s in result.sheets if s.sheet == "Synthèse"]
    assert synthese.summary and "Nb start-up" in synthese.note


def test_targets_under_fiscal_year_headers(tmp_path):
    wb = openpyxl.Workbook()
    sheet = wb.active
    sheet.append(["Annex 2 - KPI targets (FY = calendar year)"])
    sheet.append(["KPI", "Unit", "Baseline FY18-FY20", "FY21", "FY22", "FY23", "FY21-FY23"])
    sheet.append(["New projects detected", "#", 22, 10, 12, 12, 34])
    sheet.append(["Invention disclosures", "#", 14, None, None, None, 18])
    sheet.append(["Priority patent filings", "#", 8, 3, 3, 4, None])
    sheet.append(["Detected projects reaching maturation", "%", None, None, None, None, 0.3])
    wb.save(tmp_path / "targets.xlsx")
    result = ingest(tmp_path)
    targets = {(r.kpi_id, r.period): r.target for r in result.tables["kpi_targets"].itertuples()}
    assert targets == {("val_projects_detected", "2021"): 10, ("val_projects_detected", "2022"): 12,
                       ("val_projects_detected", "2023"): 12, ("val_projects_detected", "2021-2023"): 34,
                       ("val_invention_disclosures", "2021-2023"): 18, ("val_priority_filings", "2021"): 3,
                       ("val_priority_filings", "2022"): 3, ("val_priority_filings", "2023"): 4,
                       ("val_maturation_conversion", "2021-2023"): 0.3}


def test_a_yes_no_column_naming_a_code_wins_on_the_rows_it_ticks(tmp_path):
    (tmp_path / "projects.csv").write_text(
        "Project ID;Title;Lead institution;Supported by;Detected on;Source;Jointly sourced?;Technology\n"
        "ONC-1;Probe A;AMU;CPP;15/03/2021;CPP call for projects;No;Diagnostic\n"
        "ONC-2;Probe B;AMU;CPP & IT;16/03/2021;IT scouting;Yes;Diagnostic\n"
        "ONC-3;Probe C;IPC;IT;17/03/2021;IT scouting;;Diagnostic\n", encoding="utf-8")
    result = ingest(tmp_path)
    channels = result.tables["projects"].set_index("project_id")["sourcing_channel"].astype(str)
    assert channels.to_dict() == {"ONC-1": "cpp_call", "ONC-2": "joint", "ONC-3": "it_detection"}


def test_the_same_table_under_other_headers_below_a_caption_and_a_summary_below_a_table(tmp_path):
    wb = openpyxl.Workbook()
    sheet = wb.active
    sheet.append(["1. Engagements des partenaires"])
    sheet.append(["N° engagement", "Projet", "Partenaire", "Dispositif", "Montant (€)", "Date de décision"])
    sheet.append(["ENG-1", "P-1", "Inserm Transfert", "Maturation", 151000, "02/04/2021"])
    sheet.append([])
    sheet.append(["2. Cofinancements externes"])
    sheet.append(["Réf.", "Projet cofinancé", "Financeur", "Type d'aide", "Montant", "Date"])
    sheet.append(["COF-1", "P-1", "Région Sud", "Subvention", "120 k€", "15/06/2021"])
    sheet.append([])
    sheet.append(["Récapitulatif par financeur"])
    sheet.append(["Financeur", "Montant"])
    sheet.append(["Région Sud", 120000])
    wb.save(tmp_path / "financements.xlsx")
    result = ingest(tmp_path)
    funding = result.tables["funding"].set_index("funding_id")
    assert list(funding.index) == ["ENG-1", "COF-1"] and not result.problems
    assert list(funding["funder"].astype(str)) == ["inserm_transfert", "region_sud"]
    assert any(s.summary for s in result.sheets)


def test_a_registration_form_is_not_attendance(tmp_path):
    (tmp_path / "actions.csv").write_text(
        "Réf. action;Date;Intitulé;Type;Organisé par;Nb de présents\n"
        "ACT-23-01;14/01/2023;Journée deeptech onco 2023;Conférence;CPP;40\n", encoding="utf-8")
    rows = ["ID;Heure de début;À quelle(s) action(s) souhaitez-vous vous inscrire ?;Votre nom;Votre prénom;"
            "Votre adresse e-mail;Votre établissement"]
    rows += [f"{n};10/12/2022 03:17;ACT-23-01 – Journée deeptech onco 2023 (14/01/2023);Nom{n};Agnès;a{n}@amu.example;"
             f"AMU" for n in range(1, 6)]
    (tmp_path / "Inscription aux actions 2023.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = ingest(tmp_path)
    assert "event_attendance" not in result.tables and not result.problems
    [form] = [s for s in result.sheets if s.file.startswith("Inscription")]
    assert form.table is None and form.note.startswith("registrations, not attendance")


def test_a_legend_row_below_a_table_is_no_row_of_it(tmp_path):
    (tmp_path / "candidatures.csv").write_text(
        "N° proposition;Acronyme;Programme;Date de dépôt;Rôle;Statut\n"
        "829868;PROMELVEC;H2020 – SC1 Santé;17/04/2018;Partenaire;Non retenu\n"
        "832724;ONCO;ERC;08/05/2018;Coordinateur;Financé\n"
        ";;;;;\n"
        "Légende :;Financé;Non retenu;En évaluation / liste de réserve;Retiré;\n", encoding="utf-8")
    result = ingest(tmp_path)
    assert len(result.tables["eu_proposals"]) == 2 and not result.problems
    assert [d.reason for d in result.dropped if d.reason != "blank row"] == ["legend row"]


def test_a_calendars_location_gives_the_events_site(tmp_path):
    (tmp_path / "Calendrier animation.csv").write_text(
        "Titre;Réf. action;Emplacement;Heure de début;Catégorie;Organisé par;Nb de présents\n"
        "Atelier PI;ACT-21-01;Inserm Transfert, Marseille (Luminy);07/03/2021 09:00;Atelier;CPP;12\n"
        "Webinaire ERC;ACT-21-02;Réunion Microsoft Teams;12/04/2021 14:00;Webinaire;IT;30\n"
        "Journée Nice;ACT-21-03;Nice – Hôpital Pasteur 2, salle 3;20/05/2021 09:00;Conférence;CPP;40\n",
        encoding="utf-8")
    events = ingest(tmp_path).tables["events"].set_index("event_id")
    assert list(events["site"]) == ["marseille", "online", "nice"]


def test_a_registrations_status_is_no_check_in(tmp_path):
    """ "Statut: Validé / En attente" says whether a registration was confirmed, not who came: nobody is dropped."""
    (tmp_path / "events.csv").write_text(
        "Event ref;Date;Title;Type;Organiser;Attendees\n"
        "EVT-22-01;31/01/2022;Rencontres Onco-Innovation 2022;Conference;CPP;2\n", encoding="utf-8")
    (tmp_path / "liste.csv").write_text(
        "Nom;Prénom;E-mail;Statut;Événement\n"
        "Martin;Léa;lea.martin@x.example;Validé;EVT-22-01\n"
        "Durand;Paul;paul.durand@x.example;En attente;EVT-22-01\n", encoding="utf-8")
    result = ingest(tmp_path)
    assert len(result.tables["event_attendance"]) == 2
    assert not [d for d in result.dropped if "checked in" in d.reason]


def test_a_table_stacked_above_the_one_a_sheet_is_read_under_is_read_too(tmp_path):
    """The partner's own lines (no funder column: the title names it) above the co-funders' lines (a funder
    column): both tables are read, none of their rows is lost."""
    from workbooks import write_workbook  # tests/ingest, beside this file

    rows = [["1. Financements CanceroPôle (votés en conseil scientifique)"],
            ["Réf.", "Projet", "Dispositif", "Montant (k€)", "Date du CS"],
            ["F-1", "P-1", "Maturation", 108.5, "19/10/2021"], ["F-2", "P-2", "Preuve de concept", 83, "30/12/2021"],
            ["F-3", "P-3", "Émergence", 29, "14/07/2022"], ["Total", None, None, None, None], [], [],
            ["2. Cofinancements obtenus par les projets (autres financeurs)"],
            ["Réf.", "Projet", "Financeur", "Nature", "Montant (€)", "Date de décision"],
            ["F-4", "P-1", "Région Sud", "Subvention", 313000, "13/04/2022"],
            ["F-5", "P-2", "INCa", "Subvention", 283000, "08/09/2021"]]
    write_workbook(tmp_path / "suivi.xlsx", {"Financements": rows})
    result = ingest(tmp_path)
    funding = result.tables["funding"].set_index("funding_id")
    assert sorted(funding.index) == ["F-1", "F-2", "F-3", "F-4", "F-5"]
    assert funding.loc["F-1", ["funder", "amount_eur"]].tolist() == ["canceropole_paca", 108_500]
    assert funding.loc["F-4", ["funder", "amount_eur"]].tolist() == ["region_sud", 313_000]
    for sheet in result.sheets:  # every row of each part accounted for
        counts = sheet.counts()
        assert counts["rows_read"] == counts["rows_accepted"] + counts["rows_quarantined"] + counts["rows_dropped"]


def test_a_scientific_committee_s_minutes_are_funding_lines(tmp_path):
    """"Séance" merged down over its decisions, "Crédits" naming whose money, "Montant attribué" beside the amount
    asked for: funding lines dated by their session."""
    from workbooks import write_workbook  # tests/ingest, beside this file

    rows = [["Relevé des décisions du Conseil scientifique"], [],
            ["Séance", "N° décision", "Projet", "Crédits", "Dispositif", "Montant demandé (€)", "Montant attribué (€)"],
            ["mercredi 3 octobre 2018", "CS18-01", "P-1", "CanceroPôle", "Émergence", 34000, 29000],
            [None, "CS18-02", "P-2", "CanceroPôle", "Émergence", 26000, 16000],
            ["dimanche 17 mars 2019", "CS19-01", "P-3", "CanceroPôle", "Émergence", 37000, 32000]]
    write_workbook(tmp_path / "cs.xlsx", {"Relevé": rows}, merged={"Relevé": ["A4:A5"]})
    funding = ingest(tmp_path).tables["funding"].set_index("funding_id")
    assert funding["amount_eur"].to_dict() == {"CS18-01": 29000.0, "CS18-02": 16000.0, "CS19-01": 32000.0}
    assert [str(d.date()) for d in funding["decision_date"]] == ["2018-10-03", "2018-10-03", "2019-03-17"]
    assert set(funding["funder"].astype(str)) == {"canceropole_paca"}
