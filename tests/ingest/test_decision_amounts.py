"""A committee's minutes that write each grant in its decision ("Avis favorable – 80 k€ (Maturation)"):
decision_amounts.py."""

from __future__ import annotations

import datetime as dt

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest


def _lines(result) -> list[tuple]:
    funding = result.tables["funding"]
    return sorted(zip(funding["funding_id"], funding["project_id"], funding["funder"].astype(str),
                      funding["instrument"].astype(str), funding["amount_eur"], funding["decision_date"].dt.date,
                      strict=True))


def test_each_decision_gives_its_amount_and_kind_of_aid(tmp_path):
    """No amount column: the amount each decision names and the aid in its brackets make the line; "Ajourné" and
    "Avis défavorable" grant nothing (dropped with why); the title names the funder."""
    rows = [["Comité de sélection Valorisation – CanceroPôle PACA – PV 2018"], ["Document interne"], [],
            ["N° dossier", "Date du comité", "Réf. projet", "Porteur", "Établissement", "Titre du projet",
             "Avis du comité", "Remarques"],
            ["CS18-01", dt.date(2018, 4, 12), "VAL-18-03", "Emma Mouret", "AMU", "Nanovecteurs",
             "Avis favorable – 25 k€ (Emergence)", None],
            ["CS18-02", "08/11/2018", "VAL-18-04", "Camille Yvars", "UCA", "Exosomes", "Favorable : 90 k€ (maturation)",
             None],
            ["CS18-03", "08/11/2018", "VAL-18-02", "Pauline Garcin", "CNRS", "Sonde", "Avis défavorable", None],
            ["CS18-04", "08/11/2018", "VAL-18-05", "Pierre Mouret", "AP-HM", "Radiomique", "Ajourné",
             "à représenter"]]
    write_workbook(tmp_path / "raw" / "PV comités.xlsx", {"CS 2018": rows})
    result = ingest(tmp_path / "raw")
    assert _lines(result) == [
        ("CS18-01", "VAL-18-03", "canceropole_paca", "emergence", 25_000.0, dt.date(2018, 4, 12)),
        ("CS18-02", "VAL-18-04", "canceropole_paca", "maturation", 90_000.0, dt.date(2018, 11, 8))]
    assert not result.problems
    assert sorted(d.reason.split(" (")[0] for s in result.sheets for d in s.dropped if d.row in (7, 8)) == [
        "not granted", "not granted"]


def test_a_decision_column_of_words_without_amounts_is_left_alone(tmp_path):
    """(guard) "Décision: Favorable" beside an amount column: the amounts are the column's, nothing is made."""
    rows = [["Réf.", "Projet", "Financeur", "Dispositif", "Montant (€)", "Date", "Décision"],
            ["F-01", "P-01", "Inserm Transfert", "Maturation", 120_000, dt.date(2021, 5, 2), "Favorable"],
            ["F-02", "P-02", "Inserm Transfert", "Maturation", 80_000, dt.date(2021, 6, 2), "Favorable"]]
    write_workbook(tmp_path / "raw" / "engagements.xlsx", {"2021": rows})
    result = ingest(tmp_path / "raw")
    assert [line[4] for line in _lines(result)] == [120_000.0, 80_000.0]
    assert not any("from its decision" in (s.note or "") for s in result.sheets)
