"""Attendance kept as a matrix: one row per person, one column per session, a presence mark in each cell."""

from __future__ import annotations

import openpyxl
from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest

EVENTS = ("Réf.;Date;Intitulé;Type;Organisateur;Participants\n"
          "EV21-03;27/05/2021;Module 1 - PI;Formation;CPP;2\n"
          "EV21-07;13/09/2021;Module 2 - Maturation;Formation;IT;2\n"
          "EV22-02;24/03/2022;Module 3 - Start-up;Formation;CPP;1\n")


def _matrix(path, marks, headers=("EV21-03\n27/05/2021", "EV21-07\n13/09/2021", "EV22-02\n24/03/2022")):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Parcours Valorisation : présence aux modules (P = présent·e, abs. = absent·e excusé·e)"])
    sheet.append([])
    sheet.append(["NOM", "Prénom", "Établissement", "Unité", *headers])
    for name, first, institution, unit, *cells in marks:
        sheet.append([name, first, institution, unit, *cells])
    book.save(path)


def test_each_session_marked_present_is_one_attendance_row(tmp_path):
    (tmp_path / "evenements.csv").write_text(EVENTS, encoding="utf-8")
    _matrix(tmp_path / "matrice.xlsx", [
        ("AUBERT", "Vincent", "Inserm", "U1068", "P", "P", "abs."),
        ("BRUN", "Anne", "CAL", "U1081", None, "P", "P"),
        ("CLARKE", "Michael", "UniCA", "U1065", "abs.", None, None)])
    result = ingest(tmp_path)
    attendance = result.tables["event_attendance"]
    assert sorted(zip(attendance["event_id"], attendance["institution"], strict=True)) == [
        ("EV21-03", "INSERM"), ("EV21-07", "CAL"), ("EV21-07", "INSERM"), ("EV22-02", "CAL")]
    assert set(attendance["source_column"]) == {"EV21-03 27/05/2021", "EV21-07 13/09/2021", "EV22-02 24/03/2022"}
    [sheet] = [s for s in result.sheets if s.file == "matrice.xlsx"]
    assert [(d.row, d.reason) for d in sheet.dropped if d.row] == [(6, "no session attended (no presence mark)")]
    counts = sheet.counts()
    assert counts["rows_read"] == counts["rows_accepted"] + counts["rows_quarantined"] + counts["rows_dropped"]
    assert not result.problems


def test_columns_of_other_marks_are_no_sessions(tmp_path):
    (tmp_path / "evenements.csv").write_text(EVENTS, encoding="utf-8")
    # "Statut 2021 | Statut 2022" hold words, not presence marks: no matrix, nothing invented
    _matrix(tmp_path / "matrice.xlsx", [("AUBERT", "Vincent", "Inserm", "U1068", "titulaire", "titulaire", None)],
            headers=("S2021", "S2022", "Remarque"))
    result = ingest(tmp_path)
    assert "event_attendance" not in result.tables or result.tables["event_attendance"].empty


def test_a_surveys_yes_no_questions_are_no_sessions(tmp_path):
    (tmp_path / "evenements.csv").write_text(EVENTS, encoding="utf-8")
    (tmp_path / "EV21-03.csv").write_text(
        "Nom;Prénom;Établissement;Q1 Satisfait ?;Q2 Recommanderiez-vous ?\n"
        "AUBERT;Vincent;Inserm;oui;oui\nBRUN;Anne;CAL;non;oui\nCLARKE;Michael;UniCA;non;non\n", encoding="utf-8")
    attendance = ingest(tmp_path).tables["event_attendance"]
    assert list(attendance["event_id"]) == ["EV21-03"] * 3


def test_a_grid_with_a_row_of_dates_under_the_sessions_and_a_count_column(tmp_path):
    (tmp_path / "evenements.csv").write_text(EVENTS, encoding="utf-8")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "2021"
    for row in [["Tableau de présence 2021 (x = présent · abs. = inscrit absent)"],
                [None, None, None, None, "Module 1 - PI", "Module 2 - Maturation", None],
                ["NOM", "Prénom", "Établissement", "Unité", "EV21-03", "EV21-07", "Nb actions"],
                ["date →", None, None, None, "27/05/2021", "13/09/2021", None],
                ["AUBERT", "Vincent", "Inserm", "U1068", "x", "abs.", 1],
                ["BRUN", "Anne", "CAL", "U1081", "x", "x", 2]]:
        sheet.append(row)
    book.save(tmp_path / "presences.xlsx")
    attendance = ingest(tmp_path).tables["event_attendance"]
    assert sorted(attendance["event_id"]) == ["EV21-03", "EV21-03", "EV21-07"]


def test_an_events_on_site_and_remote_attendees_are_summed(tmp_path):
    (tmp_path / "programme.csv").write_text(
        "Réf.;Date;Intitulé;Type;Organisateur;Inscrits;Présents sur place;Connectés à distance\n"
        "EV21-03;27/05/2021;Module 1 - PI;Formation;CPP;40;30;8\n"
        "EV21-07;13/09/2021;Webinaire maturation;Webinaire;IT;60;–;45\n"
        "EV22-02;24/03/2022;Café valo;Sensibilisation;CPP;25;83 (feuille d'émargement);\n", encoding="utf-8")
    events = ingest(tmp_path).tables["events"]
    assert list(events["attendees"]) == [38, 45, 83]


def test_a_link_or_a_distance_beside_the_attendees_is_not_counted(tmp_path):
    (tmp_path / "programme.csv").write_text(
        "Réf.;Date;Intitulé;Type;Organisateur;Participants;Lien Zoom;Distance (km)\n"
        "EV21-03;27/05/2021;Module 1 - PI;Formation;CPP;30;https://zoom.example/j/1;40\n"
        "EV21-07;13/09/2021;Webinaire maturation;Webinaire;IT;45;;25\n", encoding="utf-8")
    result = ingest(tmp_path)
    assert list(result.tables["events"]["attendees"]) == [30, 45] and not result.problems


def test_a_register_whose_session_headers_name_the_module_then_its_reference_and_date(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Cycle 2022 — registre de présence. Cocher x à chaque module suivi; abs = absent(e)"])
    sheet.append(["N°", "Participant(e)", "Courriel", "Module 1\nEV22-01\n25-janv.-22", "Module 2\nEV22-03\n4-avr.-22"])
    sheet.append([1, "Bastien Achard", "b.achard@example.org", None, "✓"])
    sheet.append([2, "Salomé Blanc", "s.blanc@example.org", "X", "abs"])
    sheet.append([3, "Mathilde Berenger", "m.berenger@example.org", "x", "X"])
    sheet.append([4, "Karim Vidal", "k.vidal@example.org", "exc.", None])
    book.save(tmp_path / "registre.xlsx")
    attendance = ingest(tmp_path).tables["event_attendance"]
    assert sorted(attendance["event_id"]) == ["EV22-01", "EV22-01", "EV22-03", "EV22-03"]


def test_sessions_named_in_a_row_below_their_group_and_marks_a_legend_explains(tmp_path):
    (tmp_path / "evenements.csv").write_text(EVENTS, encoding="utf-8")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Cycle de formation valorisation — suivi des présences"])
    sheet.append(["Légende : P = présent · R = arrivé en retard (présent) · A = absent · E = excusé"])
    sheet.append([])
    sheet.append(["N°", "Participant(e)", "Établissement", "Sessions", None, None, "Nb de modules suivis"])
    sheet.append([None, None, None, "Module 1\nEV21-03\n27/05/2021", "Module 2\nEV21-07\n13/09/2021",
                  "Module 3\nEV22-02\n24/03/2022", None])
    sheet.append([1, "Vincent AUBERT", "Inserm", "P", "R", "E", 2])
    sheet.append([2, "Anne BRUN", "CAL", "A", "P", "P", 2])
    sheet.merge_cells("D4:F4")
    book.save(tmp_path / "presences.xlsx")
    result = ingest(tmp_path)
    attendance = result.tables["event_attendance"]
    assert sorted(zip(attendance["event_id"], attendance["institution"], strict=True)) == [
        ("EV21-03", "INSERM"), ("EV21-07", "CAL"), ("EV21-07", "INSERM"), ("EV22-02", "CAL")]
    assert not result.problems


def test_each_sessions_reference_over_its_date_and_a_session_few_came_to(tmp_path):
    """"EV18-01" over its date "02/06/18" names the session; a session whose marks all lie below the rows sampled is
    still read."""
    people = [[f"NOM{i}", f"Prénom{i}", "AMU", "U1068", "X", None, "exc."] for i in range(60)]
    people += [[f"NOM{i}", f"Prénom{i}", "CNRS", None, None, "X", "X"] for i in range(60, 64)]
    rows = [["Feuille d'émargement consolidée (X = présent, exc. = excusé)"] + [None] * 6, [None] * 7,
            ["NOM", "Prénom", "Établissement", "Unité", "EV18-01", "EV18-02", "EV19-03"],
            [None, None, None, None, "02/06/18", "04/07/18", "16/03/19"], *people]
    write_workbook(tmp_path / "raw" / "Evenements.xlsx", {"Émargement": rows})
    attendance = ingest(tmp_path / "raw").tables["event_attendance"]
    assert sorted(attendance["event_id"].value_counts().items()) == [("EV18-01", 60), ("EV18-02", 4), ("EV19-03", 4)]


def test_ticks_beside_a_legend_whose_quoted_mark_is_read_as_nothing(tmp_path):
    """"✓ / X / P = présent(e) ; « exc. » = excusé(e)": a tick folds to no letters, and no legend entry of no letters
    may say what it means (it read as absent)."""
    (tmp_path / "evenements.csv").write_text(EVENTS, encoding="utf-8")
    rows = [["Grille de présence 2021"],
            ["✓ / X / P = présent(e) ; « exc. » = excusé(e), absent(e) ; case vide = absent(e)."], [],
            ["NOM", "Prénom", "Établissement", "Unité", "EV21-03", "EV21-07", "EV22-02"],
            ["AUBERT", "Vincent", "Inserm", "U1068", "✓", "exc.", None],
            ["BRUN", "Anne", "CAL", "U1081", None, "✓", "X"]]
    write_workbook(tmp_path / "grille.xlsx", {"Présences": rows})
    result = ingest(tmp_path)
    attendance = result.tables["event_attendance"]
    assert sorted(zip(attendance["event_id"], attendance["institution"], strict=True)) == [
        ("EV21-03", "INSERM"), ("EV21-07", "CAL"), ("EV22-02", "CAL")]


def test_an_english_grid_of_ticks_where_excused_is_not_attendance(tmp_path):
    """"✓", "x" and "X" say the person came; "excused" (English, as "excusé") says not; the events' titles sit in a
    row above their references and a count row closes the grid."""
    (tmp_path / "evenements.csv").write_text(EVENTS, encoding="utf-8")
    rows = [["Attendance 2021 – events of the partnership"],
            ["Legend: x or ✓ = attended; 'excused' = registered but apologised (NOT counted as attendance)"], [],
            [None, None, None, None, "Module 1 - PI (27/05/2021)", "Module 2 - Maturation (13/09/2021)",
             "Module 3 - Start-up (24/03/2022)"],
            ["Name", "E-mail", "Institution", "Unit", "EV21-03", "EV21-07", "EV22-02"],
            ["Vincent Aubert", "v.aubert@example.org", "Inserm", "U1068", "✓", "excused", None],
            ["Anne Brun", "a.brun@example.org", "CAL", "U1081", "excused", "X", "x"],
            ["Michael Clarke", None, "UniCA", None, None, None, "excused"],
            ["Total present", None, None, None, 1, 1, 1]]
    write_workbook(tmp_path / "grid.xlsx", {"2021": rows})
    result = ingest(tmp_path)
    attendance = result.tables["event_attendance"]
    assert sorted(zip(attendance["event_id"], attendance["institution"], strict=True)) == [
        ("EV21-03", "INSERM"), ("EV21-07", "CAL"), ("EV22-02", "CAL")]
    assert not result.problems
