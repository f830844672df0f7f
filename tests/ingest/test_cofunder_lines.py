"""Co-funders' lines without a number among a partner's numbered lines get ids made from where they are; a single
line without its number, or a partner's own line without it, is quarantined (cofunder_lines.py)."""

from __future__ import annotations

import datetime as dt

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest

HEADER = ["Réf. convention", "Réf. projet", "Financeur", "Dispositif", "Montant (€)", "Date de décision"]


def _line(ref, project, funder, amount, day):
    return [ref, project, funder, "Émergence", amount, dt.date(2021, 3, day)]


def test_cofunders_lines_are_kept_with_made_ids(tmp_path):
    rows = [HEADER, _line("CONV-01", "P-01", "CanceroPôle", 40000, 1), _line(None, "P-01", "Région Sud", 30000, 2),
            _line("CONV-02", "P-02", "CanceroPôle", 35000, 3), _line(None, "P-02", "ANR", 200000, 4),
            _line(None, "P-02", "INCa", 150000, 5)]
    write_workbook(tmp_path / "raw" / "financements.xlsx", {"Conventions": rows})
    result = ingest(tmp_path / "raw")
    funding = result.tables["funding"]
    assert len(funding) == 5 and not result.problems
    made = sorted(i for i in funding["funding_id"] if not i.startswith("CONV"))
    assert made == ["financements.xlsx:Conventions:3", "financements.xlsx:Conventions:5",
                    "financements.xlsx:Conventions:6"]


def test_a_partners_own_line_without_its_number_is_quarantined(tmp_path):
    rows = [HEADER, _line("CONV-01", "P-01", "CanceroPôle", 40000, 1), _line(None, "P-01", "Région Sud", 30000, 2),
            _line(None, "P-02", "CanceroPôle", 35000, 3), _line(None, "P-02", "ANR", 200000, 4)]
    write_workbook(tmp_path / "raw" / "financements.xlsx", {"Conventions": rows})
    result = ingest(tmp_path / "raw")
    assert list(result.tables["funding"]["funding_id"]) == ["CONV-01"]
    assert {p.column for p in result.problems} == {"funding_id"} and len({p.row for p in result.problems}) == 3



def test_two_cofunders_lines_are_a_pattern_one_is_a_gap(tmp_path):
    """Two lines of funders the numbered lines never name ("Réf. vide = ligne saisie hors logiciel") are kept; a
    single one is quarantined as a line that lost its number."""
    numbered = [_line("CONV-01", "P-01", "CanceroPôle", 40000, 1), _line("CONV-02", "P-02", "CanceroPôle", 35000, 3)]
    two = [HEADER, *numbered, _line(None, "P-01", "Privé (business angels)", 356000, 2),
           _line(None, "P-02", "ANR", 313000, 4)]
    write_workbook(tmp_path / "two" / "export.xlsx", {"Export": two})
    result = ingest(tmp_path / "two")
    assert len(result.tables["funding"]) == 4 and not result.problems
    one = [HEADER, *numbered, _line(None, "P-02", "ANR", 313000, 4)]
    write_workbook(tmp_path / "one" / "export.xlsx", {"Export": one})
    result = ingest(tmp_path / "one")
    assert len(result.tables["funding"]) == 2 and [p.column for p in result.problems] == ["funding_id"]


def test_a_co_funder_numbered_on_some_lines_only_is_no_gap(tmp_path):
    """A list of co-funding kept by the CanceroPôle: the ANR's and Bpifrance's convention numbers are known for some
    lines and "non communiqué" for others; those are co-funders' lines, kept with made ids (a partner's own line
    without its number stays a gap: the test above)."""
    rows = [HEADER, _line("RS-2019-673", "P-01", "Région Sud", 150000, 1), _line(None, "P-02", "Bpifrance", 200000, 2),
            _line("ANR-2023-281", "P-03", "ANR", 450000, 3), _line(None, "P-04", "ANR", 180000, 4),
            _line("BPI-2022-741", "P-05", "Bpifrance", 200000, 5)]
    write_workbook(tmp_path / "raw" / "cofinancements.xlsx", {"Cofinancements": rows})
    result = ingest(tmp_path / "raw")
    funding = result.tables["funding"]
    assert len(funding) == 5 and not result.problems
    assert sorted(i for i in funding["funding_id"] if ":" in i) == [
        "cofinancements.xlsx:Cofinancements:3", "cofinancements.xlsx:Cofinancements:5"]
