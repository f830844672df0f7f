"""Review of the readers added since 3455fe0 (milestone logs, complements, key and text columns, header fields,
continuations, reworded questions, form cards, codebooks): ordinary sheets they misread, rows they lost, and the cost
of trying them on a large sheet (each test names the reader and the input)."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest


def _csv(tmp_path: Path, files: dict[str, str]):
    raw = tmp_path / "raw"
    raw.mkdir(exist_ok=True)
    for name, text in files.items():
        (raw / name).write_text(text, encoding="utf-8")
    return ingest(raw)


# --- milestone_log.py ------------------------------------------------------------------------------------------

def test_a_register_with_a_stage_column_is_no_log_of_milestones(tmp_path):
    """One row per project, its stage in a column ("Détection", "Maturation", "Licence signée"): a register lacking
    a column, not a log of milestones whose rows only complete another sheet's."""
    register = """Réf. projet;Intitulé;Établissement;Accompagnement;Date de détection;Statut
VAL-01;Anticorps;AMU;CPP;14/02/2021;Détection
VAL-02;Sonde TEP;UCA;IT;03/09/2021;Maturation
VAL-03;Appli;AP-HM;CPP;10/10/2022;Licence signée
VAL-04;Vaccin;AMU;IT;10/11/2022;Maturation
VAL-05;Test;UCA;IT;10/12/2022;Abandon
"""
    result = _csv(tmp_path, {"projets.csv": register})
    sheet = result.sheets[0]
    assert "log of milestones" not in sheet.note and "sourcing_channel" in sheet.note
    assert not any("only completes their rows" in p.reason for p in result.problems)


def test_a_log_completing_the_register_needs_no_milestone_the_register_has(tmp_path):
    """A log of ids and dates where only one project has its detection written: the others' dates still complete
    the register (which has their detection dates), they are not quarantined for the detection date."""
    register = """Ref,Title,Lead institution,Sourcing,Supported by,Detection date
P-101,Liquid biopsy panel,Institut Paoli-Calmettes,CPP call,CPP,2021-03-02
P-102,Radiotracer for glioma,Aix-Marseille Université,IT detection,Inserm Transfert,2021-06-11
P-103,Digital follow-up app,CHU de Nice,CPP call,Both,2022-01-20
"""
    milestones = """Project,Milestone,Date
P-101,Invention disclosure,2021-09-14
P-101,Priority filing,2022-02-01
P-102,Invention disclosure,2021-10-05
P-102,Licence signed,2023-04-18
P-103,Detection date,2022-01-20
P-103,Project stopped,2023-01-09
"""
    result = _csv(tmp_path, {"register.csv": register, "milestones.csv": milestones})
    assert not result.problems
    projects = result.tables["projects"].set_index("project_id")
    assert str(projects.loc["P-101", "disclosure_date"].date()) == "2021-09-14"
    assert str(projects.loc["P-102", "licence_date"].date()) == "2023-04-18"
    assert str(projects.loc["P-101", "detection_date"].date()) == "2021-03-02"  # the register's


def test_a_large_sheet_no_table_is_found_in_is_not_searched_for_a_log_row_by_row(tmp_path):
    """50 000 lines of a stock list: looking for a log of milestones under each of its first lines once read every
    line of the sheet for each of them (seconds); its columns are told from the first lines."""
    lines = ["Article;Catégorie;Fournisseur;Date de livraison;Commentaire;Magasin"]
    kinds = ["Alimentaire", "Textile", "Outillage", "Papeterie", "Jardin", "Bricolage"]
    lines += [f"ART{i % 9000};{kinds[i % 6]};Fournisseur {i % 37};{1 + i % 28:02d}/{1 + i % 12:02d}/2022;note {i};"
              f"Magasin {i % 5}" for i in range(50_000)]
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "stock.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    started = time.process_time()
    result = ingest(raw)
    assert time.process_time() - started < 4  # 0.4 s before the milestone logs, 9 s with them
    assert result.sheets[0].table is None


# --- complements.py / normalising.py ----------------------------------------------------------------------------
# (test_a_log_completing_the_register_needs_no_milestone_the_register_has above)


# --- alternative_columns.py ------------------------------------------------------------------------------------

def test_a_requested_amount_is_not_read_as_the_granted_one(tmp_path):
    """"Montant accordé | Montant demandé": the applications still pending have only the amount asked; it is no
    rewording of the amount granted."""
    funding = """Réf.;Projet;Financeur;Dispositif;Date de décision;Montant accordé (€);Montant demandé (€)
F-01;VAL-01;Région Sud;Subvention;12/03/2021;45000;
F-02;VAL-02;Fondation ARC;Subvention;01/06/2021;30000;
F-03;VAL-03;Région Sud;Subvention;05/09/2021;;80000
F-04;VAL-04;Fondation ARC;Subvention;05/10/2021;;60000
"""
    result = _csv(tmp_path, {"financements.csv": funding})
    assert list(result.tables["funding"]["funding_id"]) == ["F-01", "F-02"]
    assert [(p.row, p.column) for p in result.problems] == [(4, "amount_eur"), (5, "amount_eur")]


def test_a_planned_date_is_not_read_as_the_date_itself(tmp_path):
    """"Date de détection | Date de détection prévue": a planned date, filled where the date is not yet known."""
    register = """Réf. projet;Intitulé;Établissement;Origine;Accompagnement;Date de détection;Date de détection prévue
VAL-01;Anticorps;AMU;Appel à projets;CPP;14/02/2021;
VAL-02;Sonde TEP;UCA;Détection IT;IT;03/09/2021;
VAL-03;Appli;AP-HM;Appel à projets;CPP;;10/10/2022
"""
    result = _csv(tmp_path, {"projets.csv": register})
    assert list(result.tables["projects"]["project_id"]) == ["VAL-01", "VAL-02"]
    assert [(p.row, p.column) for p in result.problems] == [(4, "detection_date")]


# --- continuations.py ------------------------------------------------------------------------------------------

def test_a_line_without_its_id_between_two_subtotals_is_quarantined(tmp_path):
    """A funding line lacking its reference after "Sous-total 2021" and before other lines is a record lacking its
    id (quarantined, to be fixed), not a comment below the table's total."""
    funding = """Réf.;Projet;Financeur;Dispositif;Date de décision;Montant (€)
F-01;VAL-01;Région Sud;Subvention;12/03/2021;45000
F-02;VAL-02;Fondation ARC;Subvention;01/06/2021;30000
Sous-total 2021;;;;;75000
F-03;VAL-03;Région Sud;Subvention;05/09/2022;80000
;VAL-04;Fondation ARC;Subvention;05/10/2022;60000
F-05;VAL-05;Fondation ARC;Subvention;05/11/2022;10000
Sous-total 2022;;;;;150000
Total;;;;;225000
;Taux d'intervention régionale :;;;;0,75
"""
    result = _csv(tmp_path, {"financements.csv": funding})
    assert [(p.row, p.column) for p in result.problems] == [(6, "funding_id")]
    assert [d.reason for d in result.dropped if d.row == 10] == ["below the total row, without an id"]


# --- key_text.py -----------------------------------------------------------------------------------------------

def test_a_title_beside_its_description_is_no_code_and_label(tmp_path):
    """"Événement | Description de l'événement": the title and a longer text, not a code and its label (the title
    is neither the event's id nor replaced by its description)."""
    events = """Réf.;Date;Événement;Description de l'événement;Type;Organisateur;Participants
EV-01;04/03/2022;Atelier brevets;Une demi-journée sur la propriété intellectuelle;Atelier;CPP;22
EV-02;09/06/2022;Webinaire ERC;Présentation des appels ERC et retours de lauréats;Webinaire;IT;40
"""
    projects = """Réf. projet;Projet;Description du projet;Établissement;Origine;Accompagnement;Date de détection
VAL-01;Anticorps anti-CD47;Un anticorps bloquant le signal;AMU;Appel à projets;CPP;14/02/2021
VAL-02;Sonde TEP;Une sonde d'imagerie pour le gliome;UCA;Détection IT;IT;03/09/2021
"""
    result = _csv(tmp_path, {"actions.csv": events, "projets.csv": projects})
    got = result.tables["events"]
    assert list(zip(got["event_id"], got["title"], strict=True)) == [("EV-01", "Atelier brevets"),
                                                                     ("EV-02", "Webinaire ERC")]
    assert list(result.tables["projects"]["title"]) == ["Anticorps anti-CD47", "Sonde TEP"]


# --- form_cards.py ---------------------------------------------------------------------------------------------

def test_a_card_with_a_label_left_empty_keeps_its_other_fields(tmp_path):
    """"Établissement d'origine | AMU | | Lauréat i-Lab | (empty)": the line's other field is read, and a card
    with two such lines is still a card (it was dropped with its start-up)."""
    def card(name, ref, created, status, institution, laureate):
        return [[f"FICHE ENTREPRISE — {name.upper()}"], [],
                ["Dénomination", name, None, "Référence", ref],
                ["Date de création", created, None, "Statut", status],
                ["Établissement d'origine", institution, None, "Lauréat i-Lab", laureate], []]
    rows = [*card("Lumicell", "SU-11", dt.date(2020, 2, 3), "En activité", "AMU", None),
            *card("Oncovia", "SU-12", dt.date(2020, 6, 3), "En activité", "UCA", "Non"),
            *card("Radiopharm", "SU-13", dt.date(2021, 2, 3), None, None, "Oui")]
    rows = rows[:-1]  # no blank line after the last card
    write_workbook(tmp_path / "raw" / "fiches.xlsx", {"Fiches": rows})
    result = ingest(tmp_path / "raw")
    startups = result.tables["startups"]
    assert list(startups["startup_id"]) == ["SU-11", "SU-12", "SU-13"]
    assert list(startups["lead_institution"].astype(object).fillna("")) == ["AMU", "UCA", ""]
    assert list(startups["ilab_laureate"].astype(object).fillna("")) == ["", False, True]
    counts = result.sheets[0].counts()
    assert counts["rows_read"] == len(rows) == counts["rows_accepted"] + counts["rows_dropped"]
