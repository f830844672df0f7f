"""A review of three readers of columns written elsewhere than under their header: milestones listed in a cell, an
institution column found by its values, a legend beside a table. Each test is a bug found in review: rows read
differently past the sample, a plain remark read as a milestone, a cost paid on every row of a large sheet that lists
no milestone, a silent choice between two columns, a list of partners read as the lead, codes written as numbers in
one place and as text in the other, a second legend left unread."""

from __future__ import annotations

import datetime as dt
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


def test_a_notes_column_naming_no_milestone_is_judged_on_its_sample_only(vocabulary, monkeypatch):
    """A large sheet whose notes name no milestone is judged on its sample, as a small one (the reader is tried on
    every sheet): it reads no more cells (counted, not timed)."""
    from partnership_metrics.ingest import listed_milestones

    recogniser = Recogniser(vocabulary)
    note = "Rendez-vous avec le laboratoire le 12/03/2021\nRelancer en septembre 2021\nVoir avec l'équipe"
    read_cell = listed_milestones._Lines.cell
    calls = []
    monkeypatch.setattr(listed_milestones._Lines, "cell", lambda self, cell: calls.append(1) or read_cell(self, cell))

    def cells_read(n: int) -> int:
        sheet = RawSheet("f.xlsx", "Cartes", _board([note] * n, [*BOARD[:-1], "Commentaires"]))
        rec = recogniser.recognise(sheet)
        assert rec is not None and rec.table == "projects"
        calls.clear()
        assert with_listed_milestones(sheet, rec, recogniser) is None
        return len(calls)

    assert 0 < cells_read(40 * SAMPLE) == cells_read(SAMPLE) <= SAMPLE


# --- an institution column found by its values -----------------------------------------------------------------------

REGISTER = ["Réf. projet", "Titre du projet", "{a}", "{b}", "Origine", "Accompagnement", "Date de détection"]
NAMES = ["AMU", "CNRS", "IPC", "Inserm", "APHM", "UCA"]


def _register(a: str, b: str, first: list[str], second: list[str]) -> list[list]:
    rows = [[h.format(a=a, b=b) for h in REGISTER]]
    for n, (x, y) in enumerate(zip(first, second, strict=True), start=1):
        rows.append([f"PJ-{n:02d}", f"Projet {n}", x, y, "Détection IT", "Inserm Transfert", dt.date(2021, n, 5)])
    return rows


def test_two_columns_naming_institutions_leave_the_lead_unchosen(tmp_path: Path):
    """Two columns no header names, both naming institutions: which one is the lead is not guessed."""
    rows = _register("Tiers", "Entité", NAMES, NAMES[1:] + NAMES[:1])
    write_workbook(tmp_path / "raw" / "register.xlsx", {"Projets": rows})
    result = ingest(tmp_path / "raw")
    assert "projects" not in result.tables
    assert any("lead_institution" in str(s.note) for s in result.sheets)


def test_a_column_listing_several_institutions_is_not_the_lead(tmp_path: Path):
    """Labels naming two institutions ("AMU, CNRS") list partners: the first of them is not the lead institution."""
    partners = [f"{a}, {b}" for a, b in zip(NAMES, NAMES[1:] + NAMES[:1], strict=True)]
    rows = [[c for k, c in enumerate(r) if k != 3] for r in _register("Tags", "-", partners, NAMES)]
    write_workbook(tmp_path / "raw" / "register.xlsx", {"Projets": rows})
    result = ingest(tmp_path / "raw")
    assert "projects" not in result.tables
    assert any("lead_institution" in str(s.note) for s in result.sheets)


# --- a legend beside the table ---------------------------------------------------------------------------------------

TRACKER = ["N°", "Acronyme", "Programme", "Date de dépôt", "Rôle", "Statut", "Montant obtenu (€)", None]


def _tracker(lines: list[tuple], legends: list[tuple[str, list[list]]]) -> list[list]:
    rows = [[*TRACKER, *(c for title, _ in legends for c in (title, None))]]
    for n, (role, status) in enumerate(lines):
        beside = [c for _, legend in legends for c in (legend[n] if n < len(legend) else [None, None])]
        rows.append([f"UE-{n + 1:02d}", f"ACR{n + 1}", "ERC", dt.date(2022, n + 1, 3), role, status, None, None,
                     *beside])
    return rows


def test_codes_typed_as_text_read_with_a_legend_of_numbers(tmp_path: Path):
    """"1" typed as text in the column and 1 as a number in the legend are the same code."""
    legend = [[1, "financé"], [2, "non financé"], [3, "en attente"]]
    lines = [("Coordinateur", s) for s in ["1", "2", "3", "2", "1"]]
    write_workbook(tmp_path / "raw" / "suivi.xlsx", {"UE": _tracker(lines, [("Légende statut", legend)])})
    eu = ingest(tmp_path / "raw").tables["eu_proposals"]
    assert list(eu["status"]) == ["funded", "not_funded", "pending", "not_funded", "funded"]


def test_each_of_two_legends_reads_its_column(tmp_path: Path):
    """A legend of the roles and one of the statuses beside the same table: both are read."""
    roles = [["C", "coordinateur"], ["P", "partenaire"]]
    statuses = [["F", "financé"], ["NF", "non financé"]]
    lines = [("C", "F"), ("P", "NF"), ("C", "F"), ("P", "F")]
    rows = _tracker(lines, [("Légende rôle", roles), ("Légende statut", statuses)])
    write_workbook(tmp_path / "raw" / "suivi.xlsx", {"UE": rows})
    result = ingest(tmp_path / "raw")
    eu = result.tables["eu_proposals"]
    assert list(eu["status"]) == ["funded", "not_funded", "funded", "funded"]
    assert list(eu["role"]) == ["coordinator", "partner", "coordinator", "partner"]
