"""A table kept in two parts on one sheet, joined by their reference (ingest/joined_tables.py)."""

from __future__ import annotations

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest

SUBMISSIONS = [["A. Dépôts de projets européens accompagnés"],
               ["Réf.", "Acronyme", "Programme", "Date de dépôt", "Rôle", "Établissement", "Montant demandé (€)"],
               ["EU-01", "ALPHA", "ERC", "11/03/2021", "Coordinateur", "AMU", 1382000],
               ["EU-02", "BETA", "EIC", "13/05/2021", "Partenaire", "UniCA", 857000],
               ["EU-03", "GAMMA", "Mission Cancer", "01/09/2022", "Partenaire", "CAL", 2076000]]
RESULTS = [["B. Résultats des évaluations (même Réf. que le tableau A)"],
           ["Réf.", "Résultat", "Date du résultat", "Montant obtenu (€)"],
           ["EU-03", "Retenu", "04/12/2022", 1500000], ["EU-01", "Non retenu", "11/09/2021", None],
           ["EU-02", "En attente", None, None]]


def test_results_below_are_joined_to_the_submissions_of_the_same_reference(tmp_path):
    write_workbook(tmp_path / "europe.xlsx", {"Europe": SUBMISSIONS + [[]] + RESULTS})
    result = ingest(tmp_path)
    proposals = result.tables["eu_proposals"].set_index("proposal_id")
    assert proposals["status"].astype(str).to_dict() == {"EU-01": "not_funded", "EU-02": "pending",
                                                         "EU-03": "funded"}
    assert proposals.loc["EU-03", "granted_eur"] == 1_500_000
    assert proposals.loc["EU-01", "requested_eur"] == 1_382_000 and str(proposals.loc["EU-02", "programme"]) == "eic"
    lower = next(s for s in result.sheets if s.sheet.startswith("Europe (rows 8"))
    assert lower.table is None and {d.reason for d in lower.dropped} == {
        "read into the rows of the same reference in the table above"}
    for sheet in result.sheets:
        counts = sheet.counts()
        assert counts["rows_read"] == counts["rows_accepted"] + counts["rows_quarantined"] + counts["rows_dropped"]


def test_a_result_of_no_submission_above_joins_nothing(tmp_path):
    orphan = RESULTS + [["EU-99", "Retenu", "01/02/2023", 10]]  # its submission is not in the table above
    write_workbook(tmp_path / "europe.xlsx", {"Europe": SUBMISSIONS + [[]] + orphan})
    result = ingest(tmp_path)
    assert "eu_proposals" not in result.tables  # the upper part still lacks its status: skipped, and said so
    assert any(s.skipped for s in result.sheets)
