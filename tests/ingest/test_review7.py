"""A review of three readers of columns written elsewhere than under their header: milestones listed in a cell, an
institution column found by its values, a legend beside a table. Each test is a bug found in review: rows read
differently past the sample, a plain remark read as a milestone, a cost paid on every row of a large sheet that lists
no milestone, a silent choice between two columns, a list of partners read as the lead, codes written as numbers in
one place and as text in the other, a second legend left unread."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest
from partnership_metrics.ingest.listed_milestones import SAMPLE, with_listed_milestones
from partnership_metrics.ingest.reading import RawSheet
from partnership_metrics.ingest.recognition import Recogniser

BOARD = ["Réf. projet", "Titre du projet", "Établissement porteur", "Origine", "Accompagnement", "Date de détection",
         "Checklists"]


def _board(notes: list[str], header: list[str] = BOARD) -> list[list]:
    rows = [header]
    for n, text in enumerate(notes, start=1):
        rows.append([f"VP-{n:05d}", f"Projet {n}", "AMU", "Détection IT", "Inserm Transfert",
                     dt.date(2020, 1 + n % 12, 10), text])
    return rows


# --- milestones listed in a cell ------------------------------------------------------------------------------------

def test_a_milestone_first_listed_below_the_sampled_rows_is_read_too(tmp_path: Path):
    """The rows below the sample that decides the column is a list of milestones are read like those above it."""
    first = "[x] Déclaration d'invention le 10/03/2020\n[x] Dépôt du brevet prioritaire le 04/10/2020"
    later = "[x] Déclaration d'invention le 10/03/2020\n[x] Licence signée le 01/03/2023"
    write_workbook(tmp_path / "raw" / "board.xlsx", {"Cartes": _board([first] * (SAMPLE + 20) + [later] * 3)})
    projects = ingest(tmp_path / "raw").tables["projects"]
    assert projects["disclosure_date"].notna().all()
    assert [str(d.date()) for d in projects["licence_date"].dropna()] == ["2023-03-01"] * 3


def test_a_plain_line_without_a_date_gives_nothing(tmp_path: Path):
    """Only a ticked item says a milestone was reached without its date; a remark naming one ("Licence") does not."""
    notes = ["Déclaration d'invention le 10/03/2020\nDépôt du brevet prioritaire le 04/10/2020\nLicence"] * 4
    write_workbook(tmp_path / "raw" / "board.xlsx", {"Cartes": _board(notes, [*BOARD[:-1], "Commentaires"])})
    result = ingest(tmp_path / "raw")
    assert [(p.column, p.value) for p in result.cell_problems] == []
    projects = result.tables["projects"]
    assert projects["disclosure_date"].notna().all() and projects["licence_date"].isna().all()


def test_a_notes_column_naming_no_milestone_is_judged_on_its_sample_only(vocabulary):
    """A large sheet whose notes name no milestone costs what a small one does (the reader is tried on every sheet)."""
    recogniser = Recogniser(vocabulary)
    note = "Rendez-vous avec le laboratoire le 12/03/2021\nRelancer en septembre 2021\nVoir avec l'équipe"

    def seconds(n: int) -> float:
        sheet = RawSheet("f.xlsx", "Cartes", _board([note] * n, [*BOARD[:-1], "Commentaires"]))
        rec = recogniser.recognise(sheet)
        assert rec is not None and rec.table == "projects"
        start = time.perf_counter()
        assert with_listed_milestones(sheet, rec, recogniser) is None
        return time.perf_counter() - start

    small, large = seconds(SAMPLE), seconds(40 * SAMPLE)
    assert large < 5 * small + 0.05  # read on every row: ~40 times as long
