"""A register's names in capitals take the spelling the rounds give them (register_names.py)."""

from __future__ import annotations

import csv

from partnership_metrics.ingest.ingestion import ingest

REGISTER = [["Dénomination", "SIREN", "Date de création", "Forme juridique"],
            ["GLIOSENSE", "732829320", "12/02/2020", "SAS"],
            ["AZUR THERANOSTICS", "552100554", "03/11/2020", "SAS"],
            ["CELLSPRING BIO", "542065479", "20/06/2019", "SAS"]]
ROUNDS = [["Start-up", "Date", "Montant", "Type de tour"],
          ["GlioSense", "15/07/2021", "300 k€", "Amorçage"],
          ["GlioSense", "02/02/2022", "1,2 M€", "Série A"],
          ["CellSpring Bio", "01/07/2022", "450 k€", "Amorçage"],
          ["Cellspring BIO", "01/09/2023", "200 k€", "Prêt d'honneur"]]


def _write(path, rows):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)


def test_a_registers_capitals_take_the_spelling_of_the_rounds(tmp_path):
    _write(tmp_path / "raw" / "registre.csv", REGISTER)
    _write(tmp_path / "raw" / "levees.csv", ROUNDS)
    result = ingest(tmp_path / "raw")
    startups = result.tables["startups"]
    # GlioSense: its rounds' one spelling; AZUR THERANOSTICS: no round names it; CELLSPRING BIO: spelt two ways
    assert sorted(startups["startup_id"]) == ["AZUR THERANOSTICS", "CELLSPRING BIO", "GlioSense"]
    assert list(startups["name"][startups["startup_id"] == "GlioSense"]) == ["GlioSense"]
    rounds = result.tables["startup_rounds"]
    assert sorted(rounds["startup_id"]) == ["CELLSPRING BIO", "CELLSPRING BIO", "GlioSense", "GlioSense"]
    assert not result.problems


def test_a_list_in_capitals_beside_rounds_in_capitals_keeps_its_spelling(tmp_path):
    """An officer who writes names in capitals in her list and in her rounds, in one workbook: her successor's export
    naming "GlioSense" names the same company, kept as the list writes it."""
    from openpyxl import Workbook

    workbook = Workbook()
    listed = workbook.active
    listed.title = "Start-up"
    for row in REGISTER:
        listed.append(row)
    rounds = workbook.create_sheet("Levées")
    for row in [ROUNDS[0], ["GLIOSENSE", "15/07/2021", "300 k€", "Amorçage"]]:
        rounds.append(row)
    (tmp_path / "raw").mkdir()
    workbook.save(tmp_path / "raw" / "startups.xlsx")
    _write(tmp_path / "raw" / "rounds_2022.csv", [ROUNDS[0], ["GlioSense", "02/02/2022", "1,2 M€", "Série A"]])
    result = ingest(tmp_path / "raw")
    assert "GLIOSENSE" in set(result.tables["startups"]["startup_id"])
    assert sorted(result.tables["startup_rounds"]["startup_id"]) == ["GLIOSENSE", "GLIOSENSE"]
