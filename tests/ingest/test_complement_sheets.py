"""A sheet of notes naming another sheet's ids completes their rows (complement_sheets.py); one whose ids are read
nowhere else is skipped, as before, with what it lacks."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest

PORTAL = [["Proposal number", "Acronym", "Call identifier", "Submission date", "Role", "Legal name",
           "Requested EU contribution", "Status"],
          [870270, "ORGMA", "ERC-2019-PoC", dt.date(2019, 2, 19), "Coordinator", "UNIVERSITE COTE D'AZUR", 150000,
           "REJECTED"],
          [888528, "MANOV", "H2020-MSCA-ITN-2018", dt.date(2018, 8, 10), "Coordinator", "AIX MARSEILLE UNIVERSITE",
           520000, "GRANT SIGNED"],
          [855957, "AZDIAX", "H2020-SC1-BHC-2018-2020", dt.date(2019, 4, 15), "Participant", "INSTITUT PAOLI CALMETTES",
           725000, "WITHDRAWN"]]


def _notes(*ids):
    rows = [["Suivi local des dépôts accompagnés", None, None, None, None], [None] * 5,
            ["N° proposition", "Acronyme", "Porteur", "Accompagnement", "Date résultat"]]
    acronyms = {870270: "ORGMA", 888528: "MANOV"}
    return rows + [[pid, acronyms.get(pid), "Amandine Rostagni", "IT (relecture)", "07/02/2019"] for pid in ids]


def test_notes_complete_the_proposals_of_their_ids(tmp_path):
    write_workbook(tmp_path / "raw" / "eu.xlsx", {"Portal export": PORTAL, "Notes locales": _notes(870270, 888528)})
    result = ingest(tmp_path / "raw")
    eu = result.tables["eu_proposals"].set_index("proposal_id")
    assert list(eu.loc[["870270", "888528"], "supported_by"]) == ["it", "it"]
    assert str(eu.loc["888528", "result_date"].date()) == "2019-02-07"
    assert pd.isna(eu.loc["855957", "supported_by"]) and eu.loc["870270", "acronym"] == "ORGMA"  # not in the notes
    assert not result.problems and not [s for s in result.sheets if s.skipped]


def test_notes_on_ids_read_nowhere_are_skipped_as_before(tmp_path):
    write_workbook(tmp_path / "raw" / "eu.xlsx", {"Portal export": PORTAL, "Notes locales": _notes(1, 2, 3)})
    result = ingest(tmp_path / "raw")
    [notes] = [s for s in result.sheets if s.sheet == "Notes locales"]
    assert notes.skipped is not None and notes.block is None
    assert len(result.tables["eu_proposals"]) == 3 and not result.problems
    counts = notes.counts()
    assert counts["rows_read"] == counts["rows_accepted"] + counts["rows_quarantined"] + counts["rows_dropped"]


def test_a_later_result_completes_a_pending_proposal_and_never_overrides_an_outcome(tmp_path):
    """complements.py: "pending" says the outcome is still to come, so a later report's result replaces it; an
    outcome already read that the result contradicts is a conflict, quarantined."""
    submitted = [["ID", "Programme", "Date de soumission", "Rôle", "Statut"],
                 ["EU-01", "ERC", "2021-03-02", "Coordinateur", "Déposé"],
                 ["EU-02", "MSCA", "2021-04-02", "Partenaire", "Déposé"],
                 ["EU-03", "EIC", "2021-05-02", "Partenaire", "Non retenu"]]
    results = [["ID", "Résultat", "Montant obtenu (€)", "Date du résultat"],
               ["EU-01", "Retenu", 150000, "2021-09-30"], ["EU-03", "Retenu", 90000, "2021-10-15"]]
    write_workbook(tmp_path / "raw" / "rapport_2021-03.xlsx", {"UE - soumissions": submitted})
    write_workbook(tmp_path / "raw" / "rapport_2021-10.xlsx", {"UE - résultats": results})
    result = ingest(tmp_path / "raw")
    eu = result.tables["eu_proposals"].set_index("proposal_id")
    assert eu.loc["EU-01", "status"] == "funded" and eu.loc["EU-01", "granted_eur"] == 150000
    assert eu.loc["EU-02", "status"] == "pending" and eu.loc["EU-03", "status"] == "not_funded"
    assert [p.key for p in result.problems] == ["EU-03"] and "another value" in result.problems[0].reason


def _budgets(*proposals):
    rows = [["Réf. proposition", "Acronyme", "Partenaire du consortium", "Pays", "Budget du partenaire (k€)"]]
    for pid, acronym in proposals:
        rows += [[pid, acronym, f"Partner {k}", "FR", 100 * (k + 1)] for k in range(3)]
    return rows


def test_a_budget_per_consortium_partner_is_a_breakdown_not_a_complement(tmp_path):
    """Several lines per proposal ("Réf. proposition | Partenaire | Budget du partenaire (k€)"): completing the
    proposals with them would conflict on every line; the sheet details proposals read elsewhere: not data."""
    budgets = _budgets((870270, "ORGMA"), (888528, "MANOV"), (855957, "AZDIAX"))
    write_workbook(tmp_path / "raw" / "eu.xlsx", {"Portal export": PORTAL, "Budgets consortium": budgets})
    result = ingest(tmp_path / "raw")
    assert sorted(result.tables["eu_proposals"]["proposal_id"]) == ["855957", "870270", "888528"]
    assert not result.problems and not [s for s in result.sheets if s.skipped]
    [sheet] = [s for s in result.sheets if s.sheet == "Budgets consortium"]
    assert sheet.table is None and "breakdown of the eu_proposals rows" in sheet.note
    assert [d.rows for d in sheet.dropped] == [10] and "breakdown" in sheet.dropped[0].reason


def test_a_breakdown_of_proposals_read_nowhere_is_skipped_as_before(tmp_path):
    budgets = _budgets((1, "ORGMA"), (2, "MANOV"), (3, "AZDIAX"))
    write_workbook(tmp_path / "raw" / "eu.xlsx", {"Portal export": PORTAL, "Budgets consortium": budgets})
    result = ingest(tmp_path / "raw")
    assert [s.sheet for s in result.sheets if s.skipped] == ["Budgets consortium"]


def test_funding_lines_lacking_a_column_are_no_breakdown_of_their_projects(tmp_path):
    """Funding lines repeat their projects' ids; without their funder they are skipped, with what to add."""
    projects = [["Réf. projet", "Titre du projet", "Établissement", "Origine", "Accompagnement", "Date de détection"]]
    projects += [[f"P-{n}", f"Sonde n°{n}", "AMU", "AAP CPP", "CPP", dt.date(2021, n, 3)] for n in range(1, 4)]
    lines = [["N° ligne", "Réf. projet", "Titre du projet", "Instrument", "Montant (€)", "Date de décision"]]
    lines += [[f"L-{n}{k}", f"P-{n}", f"Sonde n°{n}", "Maturation", 10000, dt.date(2021, 6, k + 1)]
              for n in range(1, 4) for k in range(3)]
    write_workbook(tmp_path / "raw" / "suivi.xlsx", {"Projets": projects, "Lignes": lines})
    result = ingest(tmp_path / "raw")
    assert len(result.tables["projects"]) == 3
    [skipped] = [s for s in result.sheets if s.skipped]
    assert skipped.sheet == "Lignes" and skipped.skipped.table == "funding" and "funder" in skipped.skipped.missing


def test_a_ledger_of_payments_of_commitments_read_elsewhere_is_a_breakdown(tmp_path):
    """A general ledger's payments: each line's own "N° pièce" beside the commitment it pays ("Réf. engagement",
    several instalments each); the commitments are read from the register: the ledger is not data."""
    register = [["N° engagement", "Réf. projet", "Financeur", "Dispositif", "Montant engagé (€)", "Date de décision"]]
    register += [[f"ENG-2021-00{n}", f"P-{n}", "Inserm Transfert", "Maturation", 60000, dt.date(2021, n, 3)]
                 for n in range(1, 4)]
    ledger = ("Date pièce;N° pièce;Journal;Compte;Réf. engagement;Libellé;Montant\n" + "".join(
        f"0{k}/0{n + 3}/2022;VT2022000{n}{k};IT;657400;ENG-2021-00{n};Versement T{k} - projet P-{n};30 000,00\n"
        for n in range(1, 4) for k in range(1, 3)))
    write_workbook(tmp_path / "raw" / "engagements.xlsx", {"Registre": register})
    (tmp_path / "raw" / "GL_versements.csv").write_text(ledger, encoding="utf-8")
    result = ingest(tmp_path / "raw")
    assert sorted(result.tables["funding"]["funding_id"]) == ["ENG-2021-001", "ENG-2021-002", "ENG-2021-003"]
    assert not [s for s in result.sheets if s.skipped]
    [sheet] = [s for s in result.sheets if s.file == "GL_versements.csv"]
    assert sheet.table is None and "breakdown of the funding rows" in sheet.note
