"""Funding lines kept without an id (a co-funders' list, a block under the partners' numbered lines) are read with
an id made of where each line is; a block's title gives its unit to amounts whose header gives none."""

from __future__ import annotations

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest

SHEET = [["Suivi convention 2021-2023"], [],
         ["2. Engagements financiers 2021 (montants en k€)"],
         ["N°", "Projet", "Financeur", "Dispositif", "Montant", "Date de décision"],
         ["F21-01", "P20-04", "Inserm Transfert", "Maturation", 210, "03/03/2021"],
         ["F21-02", "P20-02", "CanceroPôle PACA", "Emergence", "45 k€", "19/03/2021"],
         ["Sous-total 2021", None, None, None, 255, None], [], [],
         ["2b. Cofinancements externes obtenus"],
         ["Projet", "Financeur", "Type d'aide", "Montant (€)", "Notification (mois)"],
         ["P20-06", "Bpifrance", "Prêt d'amorçage", 50000, "juillet 2021"],
         ["P20-03", "Région Sud", "Preuve de concept", "250 000 €", "10/2021"],
         ["Total", None, None, 300000, None]]


def test_partner_lines_in_k_euros_and_co_funders_lines_without_ids(tmp_path):
    write_workbook(tmp_path / "raw" / "Suivi convention.xlsx", {"Valorisation": SHEET})
    result = ingest(tmp_path / "raw")
    funding = result.tables["funding"].set_index("funding_id")
    assert funding["amount_eur"].to_dict() == {
        "F21-01": 210_000.0, "F21-02": 45_000.0,  # the block's title says k€, the header only "Montant"
        "Suivi convention.xlsx:Valorisation:12": 50_000.0, "Suivi convention.xlsx:Valorisation:13": 250_000.0}
    assert funding["decision_date_precision"].astype(str).to_dict()["Suivi convention.xlsx:Valorisation:13"] == "month"
    assert not result.problems
    assert sorted(d.reason for d in result.dropped if d.reason.startswith("total")) == ["total row", "total row"]
    made = next(s for s in result.sheets if s.table == "funding" and "id made" in s.note)
    assert made.header_row == 11


def test_a_list_of_projects_is_never_given_made_ids(tmp_path):
    rows = [["Intitulé", "Établissement", "Canal", "Accompagnement", "Date de détection"],
            ["Anticorps", "AMU", "AAP CPP", "CPP", "01/03/2021"], ["Sonde", "UCA", "AAP CPP", "CPP", "01/04/2021"]]
    write_workbook(tmp_path / "raw" / "projets.xlsx", {"Projets": rows})
    result = ingest(tmp_path / "raw")
    assert "projects" not in result.tables  # other tables refer to a project by its id: none can be made
    assert [s.skipped is not None for s in result.sheets] == [True]
