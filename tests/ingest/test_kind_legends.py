"""One register per year whose every line is a record of some kind ("Type": Projet, Financement, Evénement), its
shared columns explained per kind by a legend (kind_legends.py): a grid on another sheet, one line per kind and
column, or sentences above the table. Each kind's rows are read as their own table, the legend's sheet is not
data, a total line of no kind is dropped, and a workbook of sign-in sheets is no register."""

from __future__ import annotations

import datetime as dt

from openpyxl import Workbook

from partnership_metrics.ingest.ingestion import ingest

HEADER = ["Type", "Réf", "Date", "Intitulé", "Etab.", "Partenaire", "Catégorie", "Montant / Nb", "Projet lié",
          "Info 1", "Contact", "Mail"]
ROWS = [
    ["Projet", "PRJ-01", dt.date(2021, 1, 19), "Biopsie liquide KRAS", "AMU", "CPP", "Diagnostic", None, None,
     "Appel à projets CPP", "Marie Curie", "marie.curie@amu.example.fr"],
    ["Financement", "FIN-01", dt.date(2021, 2, 13), "Maturation KRAS", None, "IT", "Maturation", 45000, "PRJ-01",
     None, None, None],
    ["Evénement", "EVT-01", dt.date(2021, 4, 27), "Atelier pitch", None, "CPP", "Atelier", 18, None, "Marseille",
     None, None],
    ["Projet", "PRJ-02", dt.date(2021, 3, 2), "Vaccin ARN mélanome", "IPC", "IT", "Thérapeutique", None, None,
     "Détection IT", "Paul Dupont", "paul.dupont@ipc.example.fr"],
    ["Financement", "FIN-02", dt.date(2021, 5, 13), "PoC ARN", None, "CPP", "PoC", 30000, "PRJ-02", None, None,
     None],
    ["Evénement", "EVT-02", dt.date(2021, 6, 10), "Webinaire Mission Cancer", None, "IT", "Webinaire", 25, None,
     "Nice", None, None],
    ["TOTAL financements", None, None, None, None, None, None, 75000, None, None, None, None],
]
GRID = [["Colonne", "Projet", "Financement", "Evénement"],
        ["Date", "date de détection", "date de décision", "date de l'événement"],
        ["Partenaire", "qui accompagne (CPP / IT / les deux)", "financeur", "organisateur"],
        ["Catégorie", "type de technologie", "instrument", "type d'événement"],
        ["Montant / Nb", "-", "montant décidé en €", "nombre de participants"],
        ["Projet lié", "-", "projet financé", "-"],
        ["Info 1", "canal de sourcing", "-", "lieu"],
        ["Contact / Mail", "porteur (PI)", "-", "-"]]
LINES = [[kind, column, meaning] for row in GRID[1:] for kind, meaning in zip(GRID[0][1:], row[1:], strict=True)
         for column in [row[0]]]
SENTENCES = ["Date : Projet = détection ; Financement = décision ; Evénement = jour de l'événement.",
             "Partenaire = qui accompagne (projet), financeur (financement), organisateur (événement).",
             "Catégorie = technologie / instrument / type d'événement. Montant / Nb : Financement = montant décidé ;"
             " Evénement = nombre de participants.",
             "Info 1 = canal de sourcing (projet), lieu (événement). Projet lié : financement seulement."]


def _workbook(path, legend_rows=None, above=()):
    book = Workbook()
    sheet = book.active
    sheet.title = "Suivi 2021"
    sheet.append(["Suivi du partenariat 2021"])
    for line in above:
        sheet.append([line])
    sheet.append([])
    sheet.append(HEADER)
    for row in ROWS:
        sheet.append(row)
    if legend_rows:
        legend = book.create_sheet("Légende")
        for row in legend_rows:
            legend.append(row)
    book.save(path)


def _read_as_its_kinds(result):
    tables = result.tables
    assert sorted(tables["projects"]["project_id"]) == ["PRJ-01", "PRJ-02"]
    projects = tables["projects"].set_index("project_id")
    assert str(projects.loc["PRJ-01", "detection_date"])[:10] == "2021-01-19"
    assert list(projects["sourcing_channel"].astype(str)) == ["cpp_call", "it_detection"]
    assert list(projects["technology_type"].astype(str)) == ["diagnostic", "therapeutic"]
    funding = tables["funding"].set_index("funding_id")
    assert list(funding["instrument"].astype(str)) == ["maturation", "proof_of_concept"]
    assert list(funding["amount_eur"]) == [45000.0, 30000.0]
    assert list(funding["project_id"]) == ["PRJ-01", "PRJ-02"]
    events = tables["events"].set_index("event_id")
    assert list(events["attendees"]) == [18, 25]
    assert list(events["event_type"].astype(str)) == ["workshop", "webinar"]
    assert list(events["organiser"].astype(str)) == ["cpp", "it"]
    assert not result.problems
    assert [d.reason for d in result.dropped if "TOTAL" in str(d) or d.reason.startswith("total")]


def test_a_grid_legend_on_another_sheet_says_what_each_kind_s_columns_hold(tmp_path):
    _workbook(tmp_path / "Suivi 2021.xlsx", GRID)
    result = ingest(tmp_path)
    _read_as_its_kinds(result)
    legend = next(s for s in result.sheets if s.sheet == "Légende")
    assert legend.table is None and "legend of a register" in legend.note


def test_a_legend_of_one_line_per_kind_and_column(tmp_path):
    _workbook(tmp_path / "Suivi 2021.xlsx", [["Type de ligne", "Colonne", "Signification"], *LINES])
    _read_as_its_kinds(ingest(tmp_path))


def test_sentences_above_the_register_explain_its_columns(tmp_path):
    _workbook(tmp_path / "Suivi 2021.xlsx", above=SENTENCES)
    _read_as_its_kinds(ingest(tmp_path))


def test_sign_in_sheets_of_one_workbook_are_no_register_and_its_legend(tmp_path):
    """One sheet per event listing its attendees: their institutions are no kinds, the other sheets no legend."""
    book = Workbook()
    book.active.title = "EVT-01"
    for name, people in (("EVT-01", [("Marie Curie", "AMU"), ("Paul Dupont", "IPC"), ("Jean Martin", "AMU")]),
                         ("EVT-02", [("Anne Roux", "IPC"), ("Luc Morel", "AMU"), ("Eva Brun", "IPC")])):
        sheet = book[name] if name in book.sheetnames else book.create_sheet(name)
        sheet.append([f"Feuille d'émargement {name}"])
        sheet.append(["Réf. événement : " + name])
        sheet.append(["Nom et prénom", "Établissement", "Unité", "Signature"])
        for person, institution in people:
            sheet.append([person, institution, "UMR7258", "✓"])
    book.save(tmp_path / "Emargements.xlsx")
    result = ingest(tmp_path)
    assert sorted(s.sheet for s in result.sheets) == ["EVT-01", "EVT-02"]
    assert len(result.tables["event_attendance"]) == 6


def test_kinds_of_one_table_make_no_register_and_its_sibling_sheet_no_legend(tmp_path):
    """A list of projects per period whose headers drift: the technologies of one sheet are no kinds of records, the
    other period's sheet (read turned, "Titre" over titles) no legend of them; both are read as projects."""
    book = Workbook()
    first = book.active
    first.title = "2018-2020"
    first.append(["N° projet", "Titre", "Établissement porteur", "Type de techno", "Canal de sourcing",
                  "Accompagnement", "Date de détection", "Porteur"])
    second = book.create_sheet("2021")
    second.append(["Type de techno", "Réf.", "Titre", "Établissement", "Origine", "Suivi par", "Détecté le", "Porteur"])
    for sheet, year in ((first, 2019), (second, 2021)):
        for n, techno in enumerate(["Diagnostic", "Thérapeutique", "Diagnostic", "Thérapeutique"], start=1):
            row = [f"P{year}-{n}", f"Projet numéro {n} de {year}", "AMU", techno, "Appel à projets CPP", "CPP",
                   dt.date(year, n, 10), f"Marie Curie{n}"]
            sheet.append(row if sheet is first else [techno, *row[:3], *row[4:]])
    book.save(tmp_path / "Projets.xlsx")
    result = ingest(tmp_path)
    assert sorted(result.tables["projects"]["project_id"]) == [f"P{y}-{n}" for y in (2019, 2021) for n in range(1, 5)]
    assert sorted(s.sheet for s in result.sheets) == ["2018-2020", "2021"]


README = ["How this workbook works. Every line is one record; the Type column says which: PRJ = project, "
          "FIN = funding decision, EVT = event.",
          "Date: for projects the detection date, for funding the decision date and for events the day of the event.",
          "Partenaire: who supports it for projects, the funder for funding lines, the organiser for events.",
          "Catégorie: technology type for projects, instrument for funding, type of event for events.",
          "Montant / Nb: the amount decided for funding, the number of attendees for events.",
          "Projet lié is only for funding lines: the project funded.",
          "Info 1: for projects the sourcing channel, for events the place. Contact and Mail: the PI of a project."]


def test_english_sentences_on_a_read_me_sheet_explain_a_register_of_codes(tmp_path):
    """"for projects the detection date", "instrument for funding", "Projet lié is only for funding lines", the
    codes named by the read-me ("PRJ = project")."""
    codes = {"Projet": "PRJ", "Financement": "FIN", "Evénement": "EVT"}
    _register(tmp_path / "Partnership log.xlsx", "2021", lambda row: codes.get(row[0], row[0]),
              {"README": [[line] for line in README]})
    _read_as_its_kinds(ingest(tmp_path))


def _register(path, title: str, kind_of, others: dict[str, list[list]]) -> None:
    """A workbook of the register (each row's kind as ``kind_of`` writes it) and ``others`` sheets after it."""
    book = Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(HEADER)
    for row in ROWS:
        sheet.append([kind_of(row), *row[1:]])
    for name, rows in others.items():
        other = book.create_sheet(name)
        for row in rows:
            other.append(row)
    book.save(path)


COLUMN_LEGEND = [["Légende des colonnes de l'onglet Suivi"],
                 ["Colonne", "Selon le type de la ligne", "Remarque"],
                 ["Type", "Projet | Financement (Fin.) | Evénement / Manif. (événement)", "TOTAL : repère"],
                 ["Date", "Projet : date de détection ; Financement : date de décision ; Evénement : date", ""],
                 ["Partenaire", "Projet : qui accompagne ; Financement : financeur ; Evénement : organisateur", ""],
                 ["Catégorie", "Projet : type de technologie ; Financement : instrument ; Evénement : format", ""],
                 ["Montant / Nb", "Financement : montant décidé ; Evénement : nombre de participants", "en €"],
                 ["Projet lié", "Financement uniquement : projet financé", ""],
                 ["Info 1", "Projet : canal de sourcing ; Evénement : lieu", ""],
                 ["Contact / Mail", "Projet : porteur (PI)", "données personnelles"]]
DROP_DOWNS = [["Type", "Partenaire", "Catégorie"], ["Projet", "CPP", "Diagnostic"], ["Financement", "IT", "Atelier"],
              ["Evénement", "Région", "Maturation"]]
VARIANTS = {"FIN-02": "Fin.", "EVT-02": "Manif.", "PRJ-02": "projet"}


def test_a_legend_of_each_column_s_meaning_per_kind_beside_the_workbook_s_drop_down_lists(tmp_path):
    """"Date | Projet : date de détection ; Financement : …" (a column's header, then what it holds per kind), the
    kinds as the register writes them ("projet", "Fin.", "Manif." that the legend lists with "Evénement"), a sheet
    of drop-down lists (kinds beside partners) that is no legend, and "Montant / Nb" that no project fills."""
    _register(tmp_path / "Suivi.xlsx", "Suivi 2021", lambda row: VARIANTS.get(row[1], row[0]),
              {"Listes": DROP_DOWNS, "Légende": COLUMN_LEGEND})
    _read_as_its_kinds(ingest(tmp_path))
