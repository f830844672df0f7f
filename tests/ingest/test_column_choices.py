"""Code columns no header names, read from a board's column of labels: a required one when every card names one of
its codes, an optional one when most do (a card without such a label says nothing of it)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest

LABELS = ["ERC (orange), Coordination (green), Appui CPP (red)",
          "MSCA (sky), Partenaire (yellow), Appui CPP (red), Appui IT (sky)",
          "Mission Cancer (purple), Partenaire (yellow), Appui IT (sky)",
          "EIC (lime), Coordination (green)",
          "ERC (orange), Coordination (green), Appui IT (sky)",
          "EU4Health (pink), Partenaire (yellow), Appui CPP (red)"]


def _board(labels: list[str]) -> list[list]:
    rows = [["Card ID", "Card Name", "Labels", "List Name", "Due Date"]]
    for n, label in enumerate(labels, start=1):
        rows.append([f"c{n:023x}", f"ACRO{n}", label, "Non retenu", dt.date(2022, n, 12)])
    return rows


def test_a_card_without_a_support_label_has_no_support(tmp_path: Path):
    write_workbook(tmp_path / "raw" / "trello.xlsx", {"Board": _board(LABELS)})
    result = ingest(tmp_path / "raw")
    eu = result.tables["eu_proposals"]
    assert list(eu["programme"]) == ["erc", "msca", "cancer_mission", "eic", "erc", "eu4health"]
    assert list(eu["role"]) == ["coordinator", "partner", "partner", "coordinator", "coordinator", "partner"]
    assert list(eu["supported_by"].astype(object).where(eu["supported_by"].notna(), None)) == \
        ["cpp", "both", "it", None, "it", "cpp"]
    assert not result.problems and not result.cell_problems


def test_labels_naming_a_column_too_rarely_do_not_give_it(tmp_path: Path):
    labels = [lab.split(", Appui")[0] for lab in LABELS[:4]] + LABELS[4:]  # two cards of six say who supports
    write_workbook(tmp_path / "raw" / "trello.xlsx", {"Board": _board(labels)})
    assert ingest(tmp_path / "raw").tables["eu_proposals"]["supported_by"].isna().all()


def test_a_platforms_application_date_is_no_patent_filing(tmp_path: Path):
    """"Date de dépôt [date_depot]" (the application's) beside "BO · Dépôt brevet prioritaire [bo_brevet_prio]": the
    patent's filing is the latter; with the detection named, the application's date is no column of the project."""
    rows = [["ID dossier [dossier_id]", "Date de dépôt [date_depot]", "Titre du projet [f_titre]",
             "Établissement gestionnaire [f_etab]", "Origine du dossier [f_origine]",
             "Structures d'accompagnement [f_accomp]", "BO · Date de détection [bo_date_detection]",
             "BO · Dépôt brevet prioritaire [bo_brevet_prio]"],
            ["DOS-1", "14/02/2021 17:53", "Sonde TEP", "AMU", "Appel à projets", "CanceroPôle PACA", "22/06/2021",
             "09/04/2022"],
            ["DOS-2", "05/03/2021 15:03", "Anticorps", "IPC", "Appel à projets", "CanceroPôle PACA", "27/06/2021",
             None]]
    write_workbook(tmp_path / "raw" / "export.xlsx", {"Export": rows})
    projects = ingest(tmp_path / "raw").tables["projects"]
    assert [str(d.date()) for d in projects["detection_date"]] == ["2021-06-22", "2021-06-27"]
    assert str(projects["priority_filing_date"][0].date()) == "2022-04-09" and projects["priority_filing_date"].isna()[1]
