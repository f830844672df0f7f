"""A yes/no column naming a code of another column (flags.py): "Jointly sourced? Yes" sets the code; a funding line's
"Cofinancement IT ? oui" does not make the line Inserm Transfert's."""

from __future__ import annotations

import datetime as dt

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest


def test_a_co_funding_question_leaves_the_line_s_funder_alone(tmp_path):
    rows = [["Financements CPP 2021 – tableau de suivi"], [],
            ["ID", "Date décision", "Réf projet", "Financeur", "Type d'aide", "Montant (€)", "Cofinancement IT ?"],
            ["CPP-FIN-21-01", dt.date(2021, 6, 17), "CPP-20-04", "CPP", "Émergence", 47500, "non"],
            ["CPP-FIN-21-02", dt.date(2021, 6, 17), "CPP-21-02", "CPP", "Émergence", 35000, "oui"]]
    write_workbook(tmp_path / "financements.xlsx", {"2021": rows})
    funding = ingest(tmp_path).tables["funding"]
    assert set(funding["funder"]) == {"canceropole_paca"}


def test_a_jointly_sourced_flag_still_sets_the_source(tmp_path):
    rows = [["Réf. projet", "Titre", "Établissement porteur", "Origine", "Accompagné par", "Date de détection",
             "Jointly sourced?"],
            ["P1", "Sonde A", "AMU", "AAP CPP", "CPP", dt.date(2021, 3, 2), "Yes"],
            ["P2", "Sonde B", "UCA", "AAP CPP", "CPP", dt.date(2021, 4, 2), "No"]]
    write_workbook(tmp_path / "projets.xlsx", {"Projets": rows})
    projects = ingest(tmp_path).tables["projects"].set_index("project_id")
    assert projects.loc["P1", "sourcing_channel"] == "joint"
    assert projects.loc["P2", "sourcing_channel"] != "joint"


def test_a_co_funded_tick_leaves_the_project_s_source_and_support_alone(tmp_path):
    """"Co-financé CPP+IT: checked" (an Airtable checkbox) says both partners fund the project: not that it was found
    jointly, nor supported by both, though "CPP+IT" names that code."""
    rows = [["Réf. projet", "Titre", "Établissement porteur", "Canal de sourcing", "Accompagnement",
             "Date détection", "Co-financé CPP+IT"],
            ["P1", "Sonde A", "AMU", "AAP CanceroPôle", "CanceroPôle", dt.date(2022, 2, 7), "checked"],
            ["P2", "Sonde B", "UCA", "Détection IT", "Inserm Transfert", dt.date(2022, 4, 2), None]]
    write_workbook(tmp_path / "projets.xlsx", {"Projets": rows})
    projects = ingest(tmp_path).tables["projects"].set_index("project_id")
    assert list(projects["sourcing_channel"].astype(str)) == ["cpp_call", "it_detection"]
    assert list(projects["supported_by"].astype(str)) == ["cpp", "it"]
