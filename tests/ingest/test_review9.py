"""A review of the readers added for reports grouped by a column (report_groups.group_values_carried_down), a ticketing
tool's sessions named in another column (linking.label_texts), a sign-in list's attendee named in a free column
(person_columns.py) and a date range in one cell (parsers.py): each test an ordinary sheet they must leave as it was
read before, or a row they lost or misread. The sheets are written here."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.errors import ParseError
from partnership_metrics.ingest.ingestion import ingest
from partnership_metrics.ingest.parsers import ValueParsers
from partnership_metrics.ingest.vocabulary import load_words

_PARSERS = ValueParsers(load_words())

# --- a report grouped by funder ---------------------------------------------------------------------------------

BY_FUNDER = ["Financeur", "Réf. financement", "Code projet", "Dispositif", "Montant", "Date de décision"]


def _funding(tmp_path: Path, rows: list[list]):
    write_workbook(tmp_path / "raw" / "cofinancements.xlsx", {"Financements": [BY_FUNDER, *rows]})
    result = ingest(tmp_path / "raw")
    df = result.tables.get("funding")
    return result, ({} if df is None else dict(zip(df["funding_id"], df["funder"], strict=True)))


def test_a_plain_table_of_distinct_funders_left_empty_below_some_keeps_them_missing(tmp_path):
    """Each funder written once and two left empty, with no subtotal and no heading line: nothing says the sheet is a
    report grouped by funder, so the row above's funder is not given to the empty ones."""
    rows = [["ANR", "FIN-01", "PJ-01", "Subvention", 92000, dt.date(2022, 2, 5)],
            [None, "FIN-02", "PJ-02", "Subvention", 213000, dt.date(2023, 7, 11)],
            ["Bpifrance", "FIN-03", "PJ-03", "Subvention", 372000, dt.date(2023, 2, 8)],
            [None, "FIN-04", "PJ-01", "Subvention", 50000, dt.date(2021, 3, 1)],
            ["Région Sud", "FIN-05", "PJ-04", "Subvention", 60000, dt.date(2021, 9, 1)]]
    result, got = _funding(tmp_path, rows)
    assert got == {"FIN-01": "anr", "FIN-03": "bpifrance", "FIN-05": "region_sud"}
    assert sorted(p.key for p in result.problems) == ["FIN-02", "FIN-04"]


def test_a_groups_first_line_missing_its_id_is_quarantined_not_dropped_as_a_heading(tmp_path):
    """A group's first line with its project, amount and date but no id is a line with a missing id (quarantined),
    not a summary line above the group (dropped): only a line with nothing but the funder and figures is one."""
    rows = [["ANR", None, "PJ-01", "Subvention", 92000, dt.date(2022, 2, 5)],
            [None, "FIN-02", "PJ-02", "Subvention", 213000, dt.date(2023, 7, 11)],
            ["Sous-total", "2 enregistrements", None, None, 305000, None],
            ["Bpifrance", "FIN-03", "PJ-03", "Subvention", 372000, dt.date(2023, 2, 8)],
            [None, "FIN-04", "PJ-03", "Subvention", 1000, dt.date(2023, 2, 8)],
            ["Sous-total", "2 enregistrements", None, None, 373000, None]]
    result, got = _funding(tmp_path, rows)
    assert got == {"FIN-02": "anr", "FIN-03": "bpifrance", "FIN-04": "bpifrance"}
    assert [(p.row, p.column) for p in result.problems] == [(2, "funding_id")]
    assert not any(d.reason.startswith("heading of a group") for d in result.dropped)
    [sheet] = [s for s in result.sheets if s.table == "funding"]
    assert sheet.rows_read == len(got) + len(result.problems) + len(result.dropped)


# --- an attendance row's event named in another column ----------------------------------------------------------

EVENTS = ("Event ref;Date;Title;Type;Organiser;Attendees\n"
          "EVT-21-01;10/04/2021;Partnership annual day 2021;Conference;CPP;2\n"
          "EVT-21-02;12/05/2021;Tech transfer 101;Training;IT;1\n")


def test_a_comment_that_mentions_an_events_title_does_not_link_the_row_to_it(tmp_path):
    """The event's number and name name no event of the partnership: a comment saying the person came to another
    event before is no name of this row's event (the row stays quarantined, as before)."""
    (tmp_path / "events.csv").write_text(EVENTS, encoding="utf-8")
    (tmp_path / "eventbrite.csv").write_text(
        "First Name,Last Name,Email,Attendee Status,Event Name,Event ID,Commentaire\n"
        "Léa,Martin,lea.martin@x.example,Checked In,Partnership annual day 2021,614049515402,\n"
        "Tom,Petit,tom.petit@x.example,Checked In,An event nobody kept,614049510000,Déjà venu au Tech transfer 101\n"
        "Ana,Lopez,ana.lopez@x.example,Checked In,Another event,614049510001,Voir aussi EVT-21-02\n",
        encoding="utf-8")
    result = ingest(tmp_path)
    assert result.tables["event_attendance"]["event_id"].tolist() == ["EVT-21-01"]
    assert [p.table for p in result.problems] == ["event_attendance", "event_attendance"]


def test_a_row_whose_event_is_not_found_does_not_show_its_other_cells_in_the_quarantine(tmp_path):
    """The other columns tried for the event's name (a ticket type) hold a phone number, an address: the quarantine
    says what names the event as the row wrote it (its number, its name), not every cell of the row."""
    (tmp_path / "events.csv").write_text(EVENTS, encoding="utf-8")
    (tmp_path / "eventbrite.csv").write_text(
        "First Name,Last Name,Email,Attendee Status,Event Name,Event ID,Cell Phone,Home Address\n"
        "Léa,Martin,lea.martin@x.example,Checked In,Partnership annual day 2021,614049515402,,\n"
        "Tom,Petit,tom.petit@x.example,Checked In,An event nobody kept,614049510000,06 12 34 56 78,"
        "12 rue Paradis 13001 Marseille\n", encoding="utf-8")
    result = ingest(tmp_path)
    [problem] = result.problems
    assert "An event nobody kept" in problem.reason
    assert "06 12 34 56 78" not in problem.reason and "rue Paradis" not in problem.reason


# --- a sign-in list's attendee named in a free column -----------------------------------------------------------

def test_a_column_of_project_titles_with_first_names_is_not_taken_for_the_attendees_names(tmp_path):
    """A sign-in list naming its attendees by e-mail only, beside the project each presented ("Chaire Marie
    Curie"): the titles are no names (none agrees with the row's e-mail), and the attendee stays who the e-mail
    says (the same person at two events is one attendee)."""
    (tmp_path / "actions.csv").write_text(
        "Réf. action;Date;Intitulé;Type;Organisé par;Nb de présents\n"
        "ACT-21-01;07/03/2021;Atelier PI;Atelier;CPP;6\nACT-21-02;09/03/2021;Atelier PI 2;Atelier;CPP;6\n",
        encoding="utf-8")
    titles = ["Chaire Marie Curie", "Cohorte Victor Hugo", "Sonde Claire", "Essai Jules Verne",
              "Plateforme Louis Pasteur", "Projet Camille"]
    mails = ["l.moreau", "fdumont", "agnes.perrin", "vschmitt", "karim.vidal", "jroux"]
    lines = ["Adresse e-mail;Établissement;Action;Projet présenté"]
    lines += [f"{m}@univ-amu.fr;AMU;ACT-21-01;{t}" for m, t in zip(mails, titles, strict=True)]
    lines += [f"{m}@univ-amu.fr;AMU;ACT-21-02;{t}" for m, t in zip(mails, titles[::-1], strict=True)]
    (tmp_path / "Émargements.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = ingest(tmp_path)
    [sheet] = [s for s in result.sheets if s.table == "event_attendance"]
    assert "Projet présenté" not in sheet.columns
    attendance = result.tables["event_attendance"]
    assert attendance["attendee"].nunique() == len(mails)


# --- a lead institution among a board's labels ------------------------------------------------------------------

def test_a_card_labelled_with_two_institutions_says_it_names_several_not_none(tmp_path):
    """The quarantine says why: "AMU (green), CNRS (green)" names two institutions, not none."""
    rows = [["Réf. projet", "Titre du projet", "Labels", "Origine", "Accompagnement", "Date de détection",
             "E-mail du porteur"]]
    labels = ["Thérapeutique (purple), AMU (green)", "CHU Nice (green), Diagnostic (blue)", "IPC (green), Urgent (red)",
              "Dispositif médical (orange), CNRS (green)", "Inserm (green), E-santé (lime)", "AMU (green)",
              "UCA (green), Urgent (red)", "APHM (green)", "AMU (green), CNRS (green)", "Diagnostic (blue)"]
    rows += [[f"PJ-{n:02d}", f"Sonde n°{n}", label, "Détection IT", "Inserm Transfert", dt.date(2021, n, 5),
              f"porteur{n}@univ-amu.fr"] for n, label in enumerate(labels, start=1)]
    write_workbook(tmp_path / "raw" / "board.xlsx", {"Cartes": rows})
    result = ingest(tmp_path / "raw")
    assert len(result.tables["projects"]) == 8
    why = {p.key: p.reason for p in result.problems}
    assert "names several institutions" in why["PJ-09"] and "names no known institution" in why["PJ-10"]


# --- a legend row below a table --------------------------------------------------------------------------------

def test_a_row_whose_first_cell_is_legend_but_has_its_id_is_a_row(tmp_path):
    """A proposal whose acronym is "LEGEND" (or "Légende") is a proposal: only a line with no id is a legend."""
    (tmp_path / "Candidatures UE.csv").write_text(
        "Acronyme,Réf.,Programme,Date de dépôt,Rôle,Statut\n"
        "LEGEND,UE-01,Horizon Europe – Cluster 1 Santé,11/03/2022,Coordinateur,Financé\n"
        "ONCOTARGET,UE-02,Horizon Europe – Cluster 1 Santé,12/03/2022,Partenaire,Financé\n"
        "Légende,UE-03,Horizon Europe – Cluster 1 Santé,13/03/2022,Partenaire,Financé\n"
        "Légende :,Financé,Non retenu,,,\n", encoding="utf-8")
    result = ingest(tmp_path)
    assert result.tables["eu_proposals"]["proposal_id"].tolist() == ["UE-01", "UE-02", "UE-03"]
    assert [(d.row, d.reason) for d in result.dropped] == [(5, "legend row")]


# --- a date range in one cell -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["2021 → 2022", "S1 2021 → S2 2022", "2021 -> 2023"])
def test_a_period_of_years_or_semesters_is_no_date(text):
    """Only a range of days (Notion's "14/12/2023 → 13/12/2025") reads as its first day: a span of years says no
    day, nor which year the thing happened in (as before, it is no date)."""
    with pytest.raises(ParseError):
        _PARSERS.parse_date_precise(text)
    assert _PARSERS.parse_date_precise("14/12/2023 → 13/12/2025") == (dt.date(2023, 12, 14), "day")
