"""A coded column a team writes as a colour, explained by a legend of coloured cells (colour_codes.py): EU proposals
whose status is only the row's fill, or only the result cell's."""

from __future__ import annotations

import datetime as dt

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest

GREEN, RED, AMBER, HEADER_BLUE = "C6EFCE", "FFC7CE", "FFEB9C", "DDEBF7"
HEADER = ["Réf.", "Acronyme", "Programme", "Appel", "Rôle", "Établissement", "Accompagnement", "Dépôt",
          "Demandé (€)", "Statut"]


def _proposal(ref, acronym, status=None):
    return [ref, acronym, "Horizon Europe", "HORIZON-HLTH-2022-01", "Partenaire", "AMU", "CPP",
            dt.date(2022, 3, 1), 1_200_000, status]


def _statuses(result) -> dict[str, str]:
    table = result.tables["eu_proposals"]
    return dict(zip(table["proposal_id"], table["status"].astype(str), strict=True))


def test_a_status_given_only_by_the_rows_colour_is_read_through_the_legend(tmp_path):
    rows = [["Candidatures européennes", None, None, None, "Légende :", "financé", "non retenu", "en attente"],
            [], HEADER,
            _proposal("EU-01", "ONCOMAP", "Financé"),
            _proposal("EU-02", "PANCGATE"),  # red row, no status written
            _proposal("EU-03", "NANOFLOW"),  # green row
            _proposal("EU-04", "TUMORCURE", "Non retenu"),  # written: the text wins over a green fill
            _proposal("EU-05", "GLIOMAP")]  # amber row
    fills = {"Europe": {"F1": GREEN, "G1": RED, "H1": AMBER, "A3:J3": HEADER_BLUE, "A4:J4": GREEN,
                        "A5:J5": RED, "A6:J6": GREEN, "A7:J7": GREEN, "A8:J8": AMBER}}
    write_workbook(tmp_path / "raw" / "suivi.xlsx", {"Europe": rows}, fills=fills)
    result = ingest(tmp_path / "raw")
    assert _statuses(result) == {"EU-01": "funded", "EU-02": "not_funded", "EU-03": "funded",
                                 "EU-04": "not_funded", "EU-05": "pending"}
    assert not result.problems


def test_a_legend_on_a_read_me_sheet_and_the_result_cell_coloured_make_the_column(tmp_path):
    """No status column at all: "Résultat" holds the month of the notification, its colour the outcome."""
    header = [*HEADER[:-1], "Résultat"]
    rows = [["Propositions européennes accompagnées"], [], header,
            [*_proposal("EU-01", "ONCOMAP")[:-1], "mars 2023"],
            [*_proposal("EU-02", "PANCGATE")[:-1], "juin 2023"],
            [*_proposal("EU-03", "NANOFLOW")[:-1], None]]
    read_me = [["Lisez-moi"], ["Couleur de la cellule « Résultat » :"], ["vert = financé"], ["rouge = non retenu"],
               ["jaune = en cours d'évaluation"]]
    fills = {"Lisez-moi": {"A3": GREEN, "A4": RED, "A5": AMBER},
             "Europe": {"A3:J3": HEADER_BLUE, "J4": GREEN, "J5": RED, "J6": AMBER}}
    write_workbook(tmp_path / "raw" / "suivi.xlsx", {"Lisez-moi": read_me, "Europe": rows}, fills=fills)
    result = ingest(tmp_path / "raw")
    assert _statuses(result) == {"EU-01": "funded", "EU-02": "not_funded", "EU-03": "pending"}
    dates = result.tables["eu_proposals"].set_index("proposal_id")["result_date"]
    assert str(dates["EU-01"].date()) == "2023-03-01"
    assert not result.problems


def test_colours_no_legend_explains_say_nothing(tmp_path):
    """Banded rows and a coloured header are no codes: a row without its status is quarantined, as before."""
    rows = [HEADER, _proposal("EU-01", "ONCOMAP", "Financé"), _proposal("EU-02", "PANCGATE")]
    fills = {"Europe": {"A1:J1": HEADER_BLUE, "A2:J2": GREEN, "A3:J3": RED}}
    write_workbook(tmp_path / "raw" / "suivi.xlsx", {"Europe": rows}, fills=fills)
    result = ingest(tmp_path / "raw")
    assert _statuses(result) == {"EU-01": "funded"}
    assert [(p.key, p.column) for p in result.problems] == [("EU-02", "status")]


def test_a_colour_two_legend_texts_give_two_codes_is_no_legend(tmp_path):
    rows = [["Légende", "financé", "non retenu"], [], HEADER, _proposal("EU-01", "ONCOMAP"),
            _proposal("EU-02", "PANCGATE", "Financé")]
    fills = {"Europe": {"B1": GREEN, "C1": GREEN, "A4:J4": GREEN}}  # both legend cells green: which is it?
    write_workbook(tmp_path / "raw" / "suivi.xlsx", {"Europe": rows}, fills=fills)
    result = ingest(tmp_path / "raw")
    assert _statuses(result) == {"EU-02": "funded"}
    assert [(p.key, p.column) for p in result.problems] == [("EU-01", "status")]


def test_each_sheet_s_own_legend_wins_over_other_sheets_coloured_rows(tmp_path):
    """A tracker of one sheet per period, each with the legend above its table: another sheet's coloured rows
    (green "EU-20-01 | PUTNL | …") are records, not a legend of this one, and must not blur its green and red."""
    legend = ["Légende :", "financé", "non retenu", "en attente"]
    earlier = [legend, [], HEADER, _proposal("EU-20-01", "PUTNL"), _proposal("EU-20-02", "RUZDF")]
    later = [legend, [], HEADER, _proposal("EU-21-01", "ONCOMAP"), _proposal("EU-21-02", "PANCGATE"),
             _proposal("EU-21-03", "GLIOMAP")]
    top = {"B1": GREEN, "C1": RED, "D1": AMBER}
    fills = {"2020": {**top, "A4:J4": GREEN, "A5:J5": RED},
             "2021": {**top, "A4:J4": RED, "A5:J5": GREEN, "A6:J6": AMBER}}
    write_workbook(tmp_path / "raw" / "tracker.xlsx", {"2020": earlier, "2021": later}, fills=fills)
    result = ingest(tmp_path / "raw")
    assert _statuses(result) == {"EU-20-01": "funded", "EU-20-02": "not_funded", "EU-21-01": "not_funded",
                                 "EU-21-02": "funded", "EU-21-03": "pending"}
    assert not result.problems
