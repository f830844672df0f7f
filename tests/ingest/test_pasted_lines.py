"""Targets tables pasted as lines of text, one text cell per line (ingest/pasted_lines.py), through a whole
ingestion: every target with the spreadsheet row of its line, every line accounted for."""

from __future__ import annotations

from pathlib import Path

import pytest

from partnership_metrics.ingest.ingestion import ingest
from partnership_metrics.ingest.pasted_lines import PASTED_CELLS, UNSPLIT, find_pasted_lines
from partnership_metrics.ingest.reading import RawSheet
from partnership_metrics.ingest.recognition import Recogniser


def _workbook(path: Path, lines: list, column: int = 1) -> Path:
    """A workbook whose sheet holds ``lines``, each in one cell of ``column`` (None: a blank row; a list: a row of
    cells as they are)."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Feuil1"
    for number, line in enumerate(lines, start=1):
        if isinstance(line, list):
            for j, cell in enumerate(line, start=1):
                ws.cell(number, j, cell)
        elif line is not None:
            ws.cell(number, column, line)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def _read(result) -> dict[tuple[str, str], tuple[float, int, str | None]]:
    df = result.tables.get("kpi_targets")
    if df is None:
        return {}
    return {(r.kpi_id, r.period): (r.target, r.source_row, r.source_column) for r in df.itertuples()}


def _dropped(result) -> dict[int, str]:
    return {d.row: d.reason for d in result.dropped if d.row}


def _reconciles(result) -> None:
    sheet = next(s for s in result.sheets if s.table == "kpi_targets")
    counts = sheet.counts()
    assert counts["rows_accepted"] + counts["rows_quarantined"] + counts["rows_dropped"] == sheet.rows_read


FRENCH = [
    "CONVENTION DE PARTENARIAT",
    "Annexe 2 : indicateurs de suivi et valeurs cibles",
    None,
    "Indicateur Unité 2021 2022 2023 Cumul 2021-2023",  # row 4
    "AXE 1 – DÉTECTION ET VALORISATION",
    "Projets détectés nb 10 12 12 34",  # row 6
    "Montants engagés en maturation et en",
    "preuve de concept M€ 0,40 0,45 0,50 1,35",  # row 8
    "Start-up créées nb — — — 5",
    "Délai médian détection – entrée en maturation jours — — — 365",  # row 10: the dash is part of the name
    "Convention Cancéropôle – Inserm Transfert Page 1 sur 2",
    "Indicateur Unité 2021 2022 2023 Cumul 2021-2023",
    "Axe 2 – Europe",
    "Taux de succès des dépôts européens % — — — 25",  # row 14
    "Effet de levier (financements externes / apports",
    "des partenaires) ratio — — — 2,0",  # row 16
    "Lettres d'information publiées nb 4 4 4 12",  # row 17: names no KPI
    "— : pas de valeur cible pour la période.",
    "Convention Cancéropôle – Inserm Transfert Page 2 sur 2",
]


def test_a_french_annex_pasted_from_a_pdf(tmp_path):
    _workbook(tmp_path / "Annexe 2 collée.xlsx", FRENCH)
    result = ingest(tmp_path)
    assert _read(result) == {
        ("val_projects_detected", "2021"): (10, 6, "2021"), ("val_projects_detected", "2022"): (12, 6, "2022"),
        ("val_projects_detected", "2023"): (12, 6, "2023"),
        ("val_projects_detected", "2021-2023"): (34, 6, "Cumul 2021-2023"),
        ("val_maturation_eur", "2021"): (400_000, 8, "2021"), ("val_maturation_eur", "2022"): (450_000, 8, "2022"),
        ("val_maturation_eur", "2023"): (500_000, 8, "2023"),
        ("val_maturation_eur", "2021-2023"): (1_350_000, 8, "Cumul 2021-2023"),
        ("val_startups_created", "2021-2023"): (5, 9, "Cumul 2021-2023"),
        ("val_median_days_to_maturation", "2021-2023"): (365, 10, "Cumul 2021-2023"),
        ("eu_success_rate", "2021-2023"): (0.25, 14, "Cumul 2021-2023"),
        ("fun_leverage_ratio", "2021-2023"): (2.0, 16, "Cumul 2021-2023"),
    }
    dropped = _dropped(result)
    assert dropped[7].startswith("the first line of a name wrapped") and "row 8" in dropped[7]
    assert dropped[15].startswith("the first line of a name wrapped") and "row 16" in dropped[15]
    assert "page footer" in dropped[11] and "page footer" in dropped[19]
    assert "header line repeated" in dropped[12]
    assert dropped[5].startswith("section row") and dropped[13].startswith("section row")
    assert dropped[18].startswith("note row")
    [problem] = result.problems  # a name that matches no KPI is quarantined with the closest KPIs, not dropped
    assert (problem.row, problem.column, problem.value) == (17, "kpi_id", "Lettres d'information publiées")
    assert problem.reason.startswith("matches no KPI (closest:")
    _reconciles(result)


def test_an_english_table_pasted_with_tabs(tmp_path):
    lines = [
        "Partnership agreement – annex 2: targets",
        "KPI\tUnit\tTarget 2022\tTarget 2023\tTotal 2021-2023",
        "Projects detected\tcount\t12\t\t30",  # an empty cell between two tabs: no target
        "Amount raised by start-ups\tk€\t1 350\t2 000\t4 500",  # thousands with a space: one cell
        "Invention disclosures\t\t5\t6\tn.d.",
        "",
        "Source: signed agreement, p. 12",
    ]
    _workbook(tmp_path / "targets.xlsx", lines, column=2)
    result = ingest(tmp_path)
    assert _read(result) == {
        ("val_projects_detected", "2022"): (12, 3, "Target 2022"),
        ("val_projects_detected", "2021-2023"): (30, 3, "Total 2021-2023"),
        ("val_startup_funds_raised_eur", "2022"): (1_350_000, 4, "Target 2022"),
        ("val_startup_funds_raised_eur", "2023"): (2_000_000, 4, "Target 2023"),
        ("val_startup_funds_raised_eur", "2021-2023"): (4_500_000, 4, "Total 2021-2023"),
        ("val_invention_disclosures", "2022"): (5, 5, "Target 2022"),
        ("val_invention_disclosures", "2023"): (6, 5, "Target 2023"),
    }
    assert "page footer" in _dropped(result)[7]
    _reconciles(result)


def test_runs_of_spaces_units_in_the_names_and_values_alone_on_the_next_line(tmp_path):
    lines = [
        "Objectifs chiffrés de la convention",
        "Libellé                                 2021      2022      2023",
        "Projets détectés (nb)                   8         10        12",
        "Montant levé par les start-up (k€)      500       750       1 000",
        "Déclarations d'invention",
        "(nb)                                    4         5         5",
    ]
    _workbook(tmp_path / "objectifs.xlsx", lines)
    result = ingest(tmp_path)
    got = {k: v[0] for k, v in _read(result).items()}
    assert got == {("val_projects_detected", "2021"): 8, ("val_projects_detected", "2022"): 10,
                   ("val_projects_detected", "2023"): 12,
                   ("val_startup_funds_raised_eur", "2021"): 500_000,
                   ("val_startup_funds_raised_eur", "2022"): 750_000,
                   ("val_startup_funds_raised_eur", "2023"): 1_000_000,
                   ("val_invention_disclosures", "2021"): 4, ("val_invention_disclosures", "2022"): 5,
                   ("val_invention_disclosures", "2023"): 5}
    assert "wrapped" in _dropped(result)[5]
    _reconciles(result)


def test_values_that_can_be_cut_two_ways_are_quarantined_not_guessed(tmp_path):
    lines = [
        "Valeurs cibles",
        "Indicateur Unité 2022 2023",
        "Montant levé par les start-up k€ 1 350 2 400",  # one way only: 1 350 | 2 400
        "Projets détectés nb 10 120 120",  # 10 120 | 120 or 10 | 120 120
        "Déclarations d'invention nb 5",  # one value for two columns, after the unit
        "- 2 -",  # a page number
        "Start-up créées 2 3 4",  # three numbers for two columns, without a unit
        "Financements externes mobilisés 0,4 M€ 1,2 M€",  # each value with its unit
    ]
    _workbook(tmp_path / "cibles.xlsx", lines)
    result = ingest(tmp_path)
    assert {k: v[:2] for k, v in _read(result).items()} == {
        ("val_startup_funds_raised_eur", "2022"): (1_350_000, 3), ("val_startup_funds_raised_eur", "2023"): (2_400_000, 3),
        ("fun_external_eur", "2022"): (400_000, 8), ("fun_external_eur", "2023"): (1_200_000, 8)}
    problems = {p.row: p for p in result.problems}
    assert set(problems) == {4, 5, 7}
    assert "page" in _dropped(result)[6]
    assert all(p.reason.startswith(UNSPLIT) for p in problems.values())
    assert "several ways" in problems[4].reason and "not 2 values" in problems[5].reason
    _reconciles(result)


def test_pasted_lines_that_do_not_say_targets_are_not_read_as_targets(tmp_path):
    lines = ["Tableau de bord – réalisé", "Indicateur Unité 2021 2022 2023", "Projets détectés nb 11 9 14",
             "Déclarations d'invention nb 4 6 5"]
    _workbook(tmp_path / "bilan.xlsx", lines)
    result = ingest(tmp_path)
    assert "kpi_targets" not in result.tables or result.tables["kpi_targets"].empty


@pytest.mark.parametrize("lines", [
    ["Compte rendu du comité", "Le comité s'est réuni le 12 mars 2022.", "Présents : A, B, C.",
     "Prochaine réunion en 2023."],  # prose with years, no header line
    ["Projets", "Projet Alpha 2021", "Projet Beta 2022", "Projet Gamma 2021"],  # a list ending with one year each
])
def test_sheets_of_lines_without_a_header_line_are_not_tried(vocabulary, lines):
    sheet = RawSheet("notes.xlsx", "Feuil1", [[line] for line in lines])
    assert find_pasted_lines(sheet, Recogniser(vocabulary).target_grids) is None


def test_a_sheet_of_cells_is_not_a_sheet_of_lines(vocabulary):
    rows = [["Indicateur", "Unité", "2021", "2022"], ["Projets détectés", "nb", 10, 12],
            ["Annexe 2 valeurs cibles 2021 2022"], ["Déclarations d'invention", "nb", 4, 5]]
    assert find_pasted_lines(RawSheet("a.xlsx", "A", rows), Recogniser(vocabulary).target_grids) is None


def test_the_split_keeps_the_rows_of_the_sheet(vocabulary):
    sheet = RawSheet("a.xlsx", "A", [["Valeurs cibles"], ["Indicator Unit 2022 2023"], [None, "Projects detected nb 8 9"]],
                     first_row=3)
    pasted = find_pasted_lines(sheet, Recogniser(vocabulary).target_grids)
    assert pasted is not None
    assert pasted.split.first_row == 3 and len(pasted.split.rows) == 3
    assert pasted.split.rows[1] == ["Indicator", "Unit", "2022", "2023"]
    assert pasted.split.rows[2] == ["Projects detected", "nb", "8", "9"]


# --- any table pasted with tabs --------------------------------------------------------------------------------

PROJECTS = ["Liste des projets (copiée du rapport d'activité)",
            "N° projet\tTitre\tÉtablissement\tCanal\tAccompagnement\tDate de détection",
            "P1\tSonde tumorale\tAMU\tConjoint\tCPP + IT\t15/03/2022",
            "P2\tVaccin ARN\tInserm\tCPP\tCPP\t02/05/2021"]


def test_a_list_of_projects_pasted_with_tabs_is_recognised(tmp_path):
    _workbook(tmp_path / "projets.xlsx", PROJECTS)
    result = ingest(tmp_path)
    projects = result.tables["projects"]
    assert sorted(projects["project_id"]) == ["P1", "P2"]
    assert sorted(projects["source_row"]) == [3, 4]  # the spreadsheet rows of the lines
    assert [s.note for s in result.sheets if s.table == "projects"] == [PASTED_CELLS]
    assert str(projects.set_index("project_id").loc["P2", "detection_date"])[:10] == "2021-05-02"


def test_a_pasted_table_with_a_line_short_of_a_cell_is_not_guessed(tmp_path):
    lines = [*PROJECTS, "P3\tSans établissement\tCPP\tCPP\t02/05/2021"]  # one cell missing: which one?
    _workbook(tmp_path / "projets.xlsx", lines)
    result = ingest(tmp_path)
    assert "projects" not in result.tables or result.tables["projects"].empty


def test_a_table_pasted_with_tabs_below_tables_typed_in_cells(tmp_path):
    """A third table pasted from an e-mail (a line per cell, tabs between its cells, a trailing tab for an empty
    last cell) below two typed ones: each table read, none taken for cards of label/value pairs ("CPP-AAP19-02 |
    VAL-19-05") or a grid of indicators by year ("… | 50 000 € | 2023")."""
    lines = [
        "Tableau 1 – Financements Inserm Transfert",
        ["Réf. IT", "Projet", "Nature du soutien", "Montant (k€)", "Date de décision", "Observations"],
        ["IT-MAT-18-001", "VAL-18-06", "Maturation", "125 k€", "07/12/2018"],
        ["IT-MAT-19-001", "VAL-18-01", "Maturation", "65 k€", "15/01/2019", "premier versement"],
        None, None,
        "Tableau 2 – Aides du CanceroPôle PACA",
        ["N° dossier", "Projet", "Type d'aide", "Montant accordé (€)", "Comité (date)", "Observations"],
        ["CPP-AAP19-01", "VAL-18-04", "• Émergence", "45 000 €", "03/04/2019"],
        ["CPP-AAP19-02", "VAL-19-05", "• Preuve de concept", "20 000 €", "août 2019"],
        ["CPP-AAP20-01", "VAL-19-02", "• Émergence", "50 000 €", "01/2020"],
        None, None,
        "Tableau 3 – Cofinancements externes (collé depuis le mail)",
        "Réf.\tProjet\tFinanceur\tDispositif\tMontant\tDécision\tRemarque",
        "EXT-19-01\tVAL-18-01\tINCa\tSubvention\t250 000 €\t25/10/2019\t",
        "EXT-20-04\tVAL-18-04\tBpifrance\tPrêt / avance remboursable\t150 000 €\tT1 2020\tprêt",
        "EXT-23-03\tVAL-21-04\tSATT Sud-Est\tMaturation\t50 000 €\t2023\t"]
    _workbook(tmp_path / "Financements.xlsx", lines)
    result = ingest(tmp_path)
    funding = result.tables["funding"].set_index("funding_id")
    # each part named after its rows once, a part of a part too
    assert [s.sheet for s in result.sheets] == ["Feuil1 (rows 1-6)", "Feuil1 (rows 7-13)", "Feuil1 (rows 14-18)"]
    assert sorted(funding.index) == ["CPP-AAP19-01", "CPP-AAP19-02", "CPP-AAP20-01", "EXT-19-01", "EXT-20-04",
                                     "EXT-23-03", "IT-MAT-18-001", "IT-MAT-19-001"]
    assert funding.loc["EXT-23-03", "amount_eur"] == 50_000 and str(funding.loc["EXT-23-03", "decision_date"])[:4] == "2023"
    assert funding.loc["CPP-AAP19-02", "funder"] == "canceropole_paca"  # as its own title says, not the first
    assert funding.loc["IT-MAT-19-001", "amount_eur"] == 65_000 and funding.loc["EXT-20-04", "funder"] == "bpifrance"
