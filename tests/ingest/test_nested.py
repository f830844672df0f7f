"""Rows that are not rows of their table although they sit inside it: lists nested under an item (monday.com's
subitems), group titles ("2022") and cancelled rows of a tool's export."""

from __future__ import annotations

import openpyxl

from partnership_metrics.ingest.ingestion import ingest
from partnership_metrics.ingest.nested import NESTED_HEADER, NESTED_ROW, nested_list_rows

HEADER = ["Name", "Subitems", "Réf.", "Responsable", "Statut", "Programme", "Date de dépôt", "Rôle"]


def _board(path):
    book = openpyxl.Workbook()
    sheet = book.active
    for row in [["Candidatures européennes"], [], ["2023"], HEADER,
                ["VINETA", "Relecture", "PROP-2023-07", "Thibault Carrel", "En évaluation", "ERC", "2023-11-04",
                 "Coordinateur"],
                [None, "Subitems", "Responsable", "Statut", "Date"],
                [None, "Relecture Inserm", "Nadia Ferrand", "Fait", "2023-10-18"],
                [None, "Budget partie", "Emma Walker", "Fait", "2023-10-21"],
                ["KAPA", None, "PROP-2023-02", "Nadia Ferrand", "Non retenu", "Horizon Europe", "2023-07-18",
                 "Partenaire"],
                [], ["2022"], HEADER,
                ["TUKAGA", None, "PROP-2022-07", "Thibault Carrel", "Financé", "EU4Health", "2022-10-02",
                 "Coordinateur"]]:
        sheet.append(row)
    book.save(path)


def test_subitems_and_group_titles_of_a_board_are_dropped_not_quarantined(tmp_path):
    _board(tmp_path / "board.xlsx")
    result = ingest(tmp_path)
    assert sorted(result.tables["eu_proposals"]["proposal_id"]) == ["PROP-2022-07", "PROP-2023-02", "PROP-2023-07"]
    assert not result.problems
    reasons = [d.reason for d in result.dropped]
    assert sum(r.startswith(NESTED_HEADER) for r in reasons) == 1 and reasons.count(NESTED_ROW) == 2
    assert any(r.startswith("section row (a group's title)") for r in reasons)


def test_only_rows_that_could_not_be_read_are_taken_for_a_nested_list(vocabulary):
    rows = [[None, "Subitems", "Responsable", "Statut"], [None, "Relecture", "Nadia", "Fait"],
            ["KAPA", "x", "PROP-1", "Nadia"]]
    assert nested_list_rows(rows, {0, 1, 2}, HEADER, vocabulary.words) == {0: f"{NESTED_HEADER} (Subitems | Responsable | Statut)",
                                                         1: NESTED_ROW}
    assert nested_list_rows(rows, {1, 2}, HEADER, vocabulary.words) == {}  # its header was read: nothing nested
    assert nested_list_rows([HEADER], {0}, HEADER, vocabulary.words) == {}  # the header again, in place: a repeated header


def test_a_cancelled_row_of_a_tools_export_is_dropped(tmp_path):
    (tmp_path / "clickup.csv").write_text(
        "Task ID,Task Name,Status,Start Date Text,Réf. action,Type,Organisateur,Participants\n"
        "83mk,Journée annuelle 2020,terminé,\"Monday, January 13th 2020\",AC-2020-01,Colloque,CPP,46\n"
        "8st8,Café valorisation (annulé),annulé,\"Thursday, March 19th 2020\",AC-2020-99,Atelier,IT,0\n", encoding="utf-8")
    result = ingest(tmp_path)
    assert list(result.tables["events"]["event_id"]) == ["AC-2020-01"]
    assert [d.reason for d in result.dropped] == ["cancelled (Status: annulé)"]


def test_a_funders_reporting_template_keeps_only_its_filled_lines(tmp_path):
    """The example row, the pre-numbered empty lines and a "Nombre : n" footer of a template are not rows."""
    book = openpyxl.Workbook()
    sheet = book.active
    for row in [["Bénéficiaire :", None, "Cancéropôle"], [],
                ["N°", "Référence action", "Intitulé de l'action", "Date", "Typologie", "Porteur de l'action",
                 "Lieu", "Nombre de participants"],
                ["Ex.", "ex. : AN-2021-00", "Exemple : Atelier", "jj/mm/aaaa", "Atelier", "Cancéropôle PACA",
                 "Marseille", "25"],
                [1, "AN-2023-01", "Petit-déjeuner création", "2023-04-17", "Sensibilisation", "Cancéropôle PACA",
                 "Marseille", 84],
                [2, None, None, None, None, None, None, None], [3, None, None, None, None, None, None, None],
                [None, "Nombre : 1"]]:
        sheet.append(row)
    book.save(tmp_path / "reporting.xlsx")
    result = ingest(tmp_path)
    assert list(result.tables["events"]["event_id"]) == ["AN-2023-01"]
    assert not result.problems
    reasons = sorted(d.reason for d in result.dropped)
    assert "example row of a template" in reasons and "total row" in reasons
    assert reasons.count("blank row (nothing in the table's columns: a template's numbered line)") == 2


def test_a_subtask_naming_its_parent_task_is_no_row(tmp_path):
    """An Asana export: "Book the room", a subtask of an event's task, names it under "Parent task"."""
    (tmp_path / "asana.csv").write_text(
        "Task ID,Name,Start Date,Due Date,Parent task,Event ID,Event type,Organiser,Headcount\n"
        "1,Oncology pitch day 2019,,2019-09-12,,EV-2019-01,Pitch session,CPP,40\n"
        "2,Book the room,,2019-07-31,Oncology pitch day 2019,,,,\n"
        "3,EU proposal writing workshop,2019-10-03,2019-10-04,,EV-2019-02,Workshop,Joint,22\n", encoding="utf-8")
    result = ingest(tmp_path)
    events = result.tables["events"]
    assert list(events["event_id"]) == ["EV-2019-01", "EV-2019-02"] and not result.problems
    assert [str(d.date()) for d in events["event_date"]] == ["2019-09-12", "2019-10-03"]  # a one-day task: its due date
    assert list(events["title"]) == ["Oncology pitch day 2019", "EU proposal writing workshop"]
    assert any(d.reason.startswith("a subtask of another row (Parent task: Oncology pitch day 2019)")
               for d in result.dropped)

