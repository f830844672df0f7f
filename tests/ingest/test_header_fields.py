"""A field written once above a table ("Référence projet : VO18-06" in a funder's annex) gives its column to every
row below; a field the table already has, or one written ambiguously, gives nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest

LINES = [["Financeur", "Nature de l'aide", "Référence de la décision", "Date de la décision", "Montant (€)"],
         ["Cancéropôle PACA", "Preuve de concept", "CPP-21-04", dt.date(2021, 3, 9), 45000],
         ["Région Sud", "Subvention", "R-2021-118", dt.date(2021, 7, 2), 150000]]


def _annex(reference_label: str, reference: str, more: list | None = None) -> list:
    return [["ANNEXE FINANCIÈRE"], [], ["N° de dossier :", None, "R-2021-118"],
            [reference_label, None, reference], ["Intitulé de l'opération :", None, "Sonde TEP pour le gliome"],
            *(more or []), [], ["PLAN DE FINANCEMENT"], *LINES]


def test_the_project_written_above_a_funders_annex_is_each_lines(tmp_path: Path):
    write_workbook(tmp_path / "raw" / "annexes.xlsx", {"Dossier R-2021-118": _annex("Référence projet :", "VP-2104")})
    result = ingest(tmp_path / "raw")
    funding = result.tables["funding"]
    assert list(funding["project_id"]) == ["VP-2104", "VP-2104"]
    assert list(funding["funding_id"]) == ["CPP-21-04", "R-2021-118"]  # the file number is not the lines' id


def test_two_labels_naming_the_same_column_give_nothing(tmp_path: Path):
    annex = _annex("Référence projet (CPP) :", "VP-2104", more=[["Référence projet (IT) :", None, "IT-0077"]])
    write_workbook(tmp_path / "raw" / "annexes.xlsx", {"Dossier": annex})
    result = ingest(tmp_path / "raw")
    assert result.tables["funding"]["project_id"].isna().all()


def test_a_tab_per_call_gives_each_proposal_its_programme_and_deadline(tmp_path: Path):
    def tab(call, programme, deadline, proposals):
        return [["Appel", call], ["Programme", programme], ["Date limite de dépôt", deadline],
                ["Résultats attendus", dt.date(deadline.year, 12, 1)], [],
                ["N° de proposition", "Acronyme", "Rôle", "Statut", "Montant demandé (€)"], *proposals]
    write_workbook(tmp_path / "raw" / "appels.xlsx", {
        "ERC PoC 2022": tab("ERC-2022-POC1", "ERC", dt.date(2022, 3, 17),
                            [["101100001", "LUMA", "Coordinateur", "Financé", 150000]]),
        "Mission 2023": tab("HORIZON-MISS-2023-CANCER-01", "Mission Cancer", dt.date(2023, 4, 12),
                            [["101200002", "ONCOX", "Partenaire", "Non retenu", 900000],
                             ["101200003", "TUMAP", "Coordinateur", "En évaluation", 1200000]])})
    result = ingest(tmp_path / "raw")
    eu = result.tables["eu_proposals"].set_index("proposal_id")
    assert [str(d.date()) for d in eu["submission_date"]] == ["2022-03-17", "2023-04-12", "2023-04-12"]
    assert list(eu["programme"]) == ["erc", "cancer_mission", "cancer_mission"]
    assert list(eu["call_id"]) == ["ERC-2022-POC1"] + ["HORIZON-MISS-2023-CANCER-01"] * 2
    assert eu["result_date"].isna().all()  # "Résultats attendus" is a date to come, not a result


def test_a_note_above_the_table_names_no_funder(tmp_path: Path):
    rows = [["Engagements – extraction trimestrielle"], ["Source", None, "GESTVALO (module Portefeuille)"], [],
            ["N° engagement", "Réf. projet", "Nature de l'aide", "Montant (€)", "Date du comité"],
            ["E-23-01", "VP-1", "Maturation", 120000, dt.date(2023, 3, 2)]]
    write_workbook(tmp_path / "raw" / "engagements.xlsx", {"Engagements": rows})
    result = ingest(tmp_path / "raw")
    assert "funding" not in result.tables or result.tables["funding"].empty  # no funder guessed from a note
    [sheet] = result.sheets
    assert sheet.skipped is not None and "funder" in sheet.skipped.missing


def test_a_label_and_its_value_in_one_cell_above_a_list_of_attendees(tmp_path):
    """A yearly list per institution writes "Établissement : Aix-Marseille Université" in one cell above it."""
    events = [["Réf.", "Date", "Intitulé", "Type", "Organisateur", "Participants"],
              ["EV-23-01", dt.date(2023, 2, 1), "Atelier", "Atelier", "CPP", 2]]
    people = [["Bilan 2023 des participations"], ["Établissement : Aix-Marseille Université"], [],
              ["Participant(e)", "Courriel", "Unité", "Réf. animation"],
              ["MARTIN Léa", "lea.martin@example.org", "U1068", "EV-23-01"],
              ["DURAND Paul", "paul.durand@example.org", "U1090", "EV-23-01"]]
    write_workbook(tmp_path / "raw" / "bilan.xlsx", {"Actions": events, "AMU": people})
    attendance = ingest(tmp_path / "raw").tables["event_attendance"]
    assert list(attendance["institution"]) == ["AMU", "AMU"]
