"""Two cells of a record run together by a PDF's conversion (run_together.py)."""

from __future__ import annotations

import pandas as pd
from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest

HEADER = ["Réf.", "Intitulé", "Date détection", "Établissement", "Sourcing", "Accompagnement"]


def test_a_date_run_together_with_the_next_column_s_value_is_parted(tmp_path):
    """"03/04/2021 Avignon Université" under the date, the institution beside it empty: the date, then the
    institution; a date followed by words whose next column is written stays as it is (and is unreadable)."""
    rows = [HEADER, ["P21-01", "Sonde TEP", "12/03/2021", "AMU", "AAP CPP", "CPP"],
            ["P21-04", "Peptide pénétrant", "03/04/2021 Institut Paoli-Calmettes", None, "Détection IT", "IT"],
            ["P21-05", "Vaccin ARN", "31/10/2021 à confirmer", "CNRS", "AAP CPP", "CPP"]]
    write_workbook(tmp_path / "raw" / "portefeuille.xlsx", {"Table 1": rows})
    result = ingest(tmp_path / "raw")
    projects = result.tables["projects"].set_index("project_id")
    assert str(projects.loc["P21-04", "detection_date"])[:10] == "2021-04-03"
    assert projects.loc["P21-04", "lead_institution"] == "IPC"
    assert [(p.row, p.column) for p in result.problems] == [(4, "detection_date")]


def test_a_code_run_together_with_the_next_column_s_value_is_parted_at_a_value_its_column_writes_alone(tmp_path):
    """"Coordinateur CHU Nice" under "Rôle" whose other rows write "Coordinateur" alone, the institution beside it
    empty and "CHU Nice" written there on another row: the role, then the institution; words the next column never
    holds stay with the code ("Partenaire associé")."""
    header = ["Réf.", "Acronyme", "Programme", "Date de dépôt", "Rôle", "Établissement", "Statut"]
    rows = [header, ["EU-18-01", "KRASNET", "MSCA", "12/05/2018", "Coordinateur", "AMU", "Non retenu"],
            ["EU-19-01", "ONCOPATH", "ERC", "14/02/2019", "Coordinateur CHU Nice", None, "Financé"],
            ["EU-19-02", "IMMUNET", "ERC", "20/03/2019", "Partenaire", "UCA", "Financé"],
            ["EU-19-03", "CARVPATH", "MSCA", "02/04/2019", "Coordinateur", "IPC", "Non retenu"],
            ["EU-19-04", "TUMAP", "MSCA", "03/05/2019", "Partenaire associé", None, "Non retenu"],
            ["EU-19-05", "LIPOMAP", "MSCA", "04/06/2019", "Partenaire", "CHU Nice", "Financé"]]
    write_workbook(tmp_path / "raw" / "candidatures.xlsx", {"Table 1": rows})
    proposals = ingest(tmp_path / "raw").tables["eu_proposals"].set_index("proposal_id")
    assert (proposals.loc["EU-19-01", "role"], proposals.loc["EU-19-01", "institution"]) == ("coordinator", "CHUNICE")
    assert pd.isna(proposals.loc["EU-19-04", "institution"])
