"""The unit a title row gives the amounts of a sheet, never one a legend defines (header_units.py)."""

from __future__ import annotations

import datetime as dt

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.header_units import first_unit_named
from partnership_metrics.ingest.ingestion import ingest

HEADER = ["Réf. convention", "Réf. projet", "Financeur", "Dispositif", "Montant", "Date de décision"]


def _line(ref, project, funder, amount, day):
    return [ref, project, funder, "Émergence", amount, dt.date(2021, 3, day)]


def test_a_legend_of_units_in_the_title_is_no_unit_of_the_amounts(tmp_path):
    rows = [["Montants en euros (« K€ » = milliers d'euros)"], [], HEADER,
            _line("CONV-01", "P-01", "CanceroPôle", 40000, 1), _line("CONV-02", "P-02", "CanceroPôle", "35 K€", 2)]
    write_workbook(tmp_path / "raw" / "financements.xlsx", {"Conventions": rows})
    amounts = ingest(tmp_path / "raw").tables["funding"].set_index("funding_id")["amount_eur"]
    assert amounts.to_dict() == {"CONV-01": 40000.0, "CONV-02": 35000.0}


def test_a_title_stating_the_unit_applies_it(tmp_path):
    rows = [["Financements (en milliers d'euros)"], [], HEADER, _line("CONV-01", "P-01", "CanceroPôle", 40, 1)]
    write_workbook(tmp_path / "raw" / "financements.xlsx", {"Conventions": rows})
    assert list(ingest(tmp_path / "raw").tables["funding"]["amount_eur"]) == [40000.0]


def test_the_euros_of_a_larger_units_name_are_that_units():
    from partnership_metrics.ingest.header_units import units_named

    assert units_named("montants en k€ (milliers d'euros)") == {1000.0}
    assert units_named("Amounts in euros (SATT column in k€)") == {1000.0, 1.0}  # two units: none for all
    assert units_named("Budget (M€)") == {1e6} and units_named("Montant en euros") == {1.0}
    # "en milliers" is read with the euros it names, not as a unit beside a second one, "euros"
    assert units_named("montants en milliers d'euros") == {1000.0}
    assert units_named("Montants (en millions d’euros)") == {1e6}


def test_a_wide_grid_takes_the_unit_of_its_title_rows(tmp_path):
    """A grid of one column per decision year under two title lines that both say thousands of euros."""
    rows = [["Fonds de maturation : engagements par année de décision (en k€)"],
            ["Une ligne par dossier ; montants en milliers d'euros ; année = année du comité."], [],
            ["Dossier", "Projet", "Type d'aide", 2021, 2022, "Total"],
            ["IT-M-21-01", "CRIBTARGX", "Maturation", 220, 105, None],
            ["IT-P-22-04", "NIKCRIB", "PoC", None, 50, None]]
    write_workbook(tmp_path / "raw" / "engagements.xlsx", {"Engagements IT (k€)": rows})
    funding = ingest(tmp_path / "raw").tables["funding"]
    assert sorted(funding["amount_eur"]) == [50000.0, 105000.0, 220000.0]


def test_the_unit_a_title_names_first():
    """"Montants en k€ sauf mention (M€)": amounts written bare are in thousands."""
    assert first_unit_named("Montants en k€ sauf mention (M€).") == 1_000
    assert first_unit_named("Amounts in M€ (k€ for grants)") == 1_000_000 and first_unit_named("Titre") is None


def _noted_workbook(path, notes: dict[str, str]):
    """A funding sheet whose cells carry ``notes`` (cell -> text), as Excel writes them (its author's line first)."""
    import openpyxl
    from openpyxl.comments import Comment

    write_workbook(path, {"2023": [["Décisions de financement 2023"], HEADER,
                                   _line("F-1", "P-1", "CPP", 275, 2), _line("F-2", "P-2", "Inserm Transfert", 30.5, 9)]})
    wb = openpyxl.load_workbook(path)
    for cell, text in notes.items():
        wb["2023"][cell].comment = Comment(text, "Assistante")
    wb.save(path)


def test_the_unit_a_header_s_note_states_applies_to_its_column(tmp_path):
    """"Montant", its note "k€ — montants arrondis (saisie comité 2023)": thousands of euros; the author's line
    Excel writes first in a note says nothing of it."""
    _noted_workbook(tmp_path / "raw" / "decisions.xlsx", {"E2": "Jean Dupont:\nk€ — montants arrondis au k€ près (saisie comité 2023)"})
    funding = ingest(tmp_path / "raw").tables["funding"].set_index("funding_id")
    assert list(funding["amount_eur"]) == [275_000, 30_500]


def test_a_note_that_is_a_remark_or_an_amount_states_no_unit(tmp_path):
    _noted_workbook(tmp_path / "raw" / "decisions.xlsx", {"E2": "budget 200 k€ prévu au comité", "B3": "en k€"})
    result = ingest(tmp_path / "raw")
    funding = result.tables["funding"].set_index("funding_id")
    assert list(funding["amount_eur"]) == [275, 30.5] and list(funding["project_id"]) == ["P-1", "P-2"]


def test_noted_unit_reads_the_unit_a_note_states_first():
    from partnership_metrics.ingest.header_units import noted_unit

    assert noted_unit("en k€ (maturation + POC, tous financeurs)") == 1e3
    assert noted_unit("Montants en euros (€ TTC)") == 1.0
    assert noted_unit("€ (part régionale)") == 1.0
    assert noted_unit("M€") == 1e6
    assert noted_unit("financements externes / financements partenaires") is None
    assert noted_unit("200 k€ demandés") is None


def test_the_unit_an_ods_header_s_annotation_states_applies_to_its_column(tmp_path):
    """LibreOffice keeps a note as an annotation inside its cell, after its author and date."""
    from hostile_builders import write_ods  # tests/ingest, beside this file

    def cell(text, note=""):
        return f'<table:table-cell office:value-type="string">{note}<text:p>{text}</text:p></table:table-cell>'

    note = ('<office:annotation><dc:creator>Jean Dupont</dc:creator><dc:date>2024-01-05T10:00:00</dc:date>'
            '<text:p>en k€ (arrondis)</text:p></office:annotation>')
    rows = [[cell(h, note if h == "Montant" else "") for h in HEADER],
            [cell(c) for c in ("F-1", "P-1", "CPP", "Émergence", "275", "02/03/2021")],
            [cell(c) for c in ("F-2", "P-2", "Inserm Transfert", "Émergence", "30,5", "09/03/2021")]]
    (tmp_path / "raw").mkdir()
    write_ods(tmp_path / "raw" / "decisions.ods", "".join(f"<table:table-row>{''.join(r)}</table:table-row>"
                                                           for r in rows))
    result = ingest(tmp_path / "raw")
    assert list(result.tables["funding"]["amount_eur"]) == [275_000, 30_500]
    assert "Dupont" not in " ".join(str(c) for s in result.sheets for c in s.columns)


def test_a_field_name_in_camel_case_says_its_unit_word_by_word():
    from partnership_metrics.ingest.header_units import header_unit

    assert header_unit("funding.amountCents")[1] == 0.01  # a CRM's amounts in cents
    assert header_unit("amountEur")[1] == 1.0
    assert header_unit("DateDebut")[1] is None and header_unit("récents")[1] is None
