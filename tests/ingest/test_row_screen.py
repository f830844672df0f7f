"""Rows that are not data (row_screen.py): a form's numbered count and numbered question beside their answer, inside
the table they follow, are no records."""

from __future__ import annotations

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest

HEADER = ["N° projet", "Intitulé du projet", "Établissement porteur", "Origine du projet", "Accompagnement",
          "Date de détection"]


def test_a_form_s_numbered_count_and_question_are_no_records(tmp_path):
    rows = [["2.1 Projets de valorisation soutenus"], HEADER,
            ["CPP-V19-01", "Signature pronostique", "AMU", "AAP CanceroPôle", "CPP", "2019-11-21"],
            ["CPP-V19-02", "Modèle murin", "UCA", "AAP CanceroPôle", "CPP + IT", "2019-04-02"],
            ["Ajouter des lignes si nécessaire"],
            ["2.2 Nombre de nouveaux projets détectés dans l'année", None, 2],
            ["2.4 Des entreprises ont-elles été créées dans l'année ?", None, "Oui (2) — voir le tableau d'IT"]]
    write_workbook(tmp_path / "raw" / "Rapport_2019.xlsx", {"Rapport": rows})
    result = ingest(tmp_path / "raw")
    assert sorted(result.tables["projects"]["project_id"]) == ["CPP-V19-01", "CPP-V19-02"]
    assert not result.problems
    reasons = {d.row: d.reason for d in result.dropped}
    assert reasons[6] == "total row"
    assert reasons[7].startswith("a form's question and its answer")


def test_a_numbered_record_is_still_a_record(tmp_path):
    """A title that starts with numbers ("2.5 mg/kg …") beside a full row is data: only a row of two cells whose first
    asks a question is a form's."""
    rows = [HEADER, ["CPP-V19-01", "2.5 Nombre de cycles réduit de moitié ?", "AMU", "AAP CanceroPôle", "CPP",
                     "2019-11-21"]]
    write_workbook(tmp_path / "raw" / "projets.xlsx", {"Projets": rows})
    assert list(ingest(tmp_path / "raw").tables["projects"]["project_id"]) == ["CPP-V19-01"]
