"""Header rows as people write them (header_rows.py): a header on two rows, not a header above a band of rows."""

from __future__ import annotations

import pytest

from partnership_metrics.ingest.header_rows import two_row_header

HEADER = ["Code", "Date", "Intitulé", "Format", "Lieu"]


@pytest.mark.parametrize("band", ["— 2018 —", "Année 2019", "AAP 2019", "2020 :"])
def test_a_year_band_below_a_header_is_no_second_header_row(band):
    assert two_row_header(HEADER, [band, None, None, None, None]) is None


def test_sub_headers_under_a_merged_group_make_a_header_on_two_rows():
    upper = ["Projet", "Dates", None, None]
    lower = [None, "Détection", "DI", "Dépôt"]
    assert two_row_header(upper, lower) == ["Projet", "Détection", "DI", "Dépôt"]


def test_a_header_on_two_rows_written_again_over_each_years_block(tmp_path):
    """"Projet | Porteur | Dates | Montants" merged over "Réf. | Acronyme | …" at the top of each year's block: the
    group row's copies are the header's too, never a proposal."""
    import datetime as dt

    from workbooks import write_workbook  # tests/ingest, beside this file

    from partnership_metrics.ingest.ingestion import ingest

    groups = ["Projet", None, None, "Porteur", None, None, "Dates", None, "Montants", "Suivi"]
    header = ["Réf.", "Acronyme", "Programme", "Rôle", "Établissement", "Accompagnement", "Dépôt", "Résultat",
              "Demandé (€)", "Statut"]
    rows = [["Dépôts 2021"], groups, header,
            ["EU21-01", "METACURE", "Mission Cancer", "Partenaire", "UCA", "CPP", dt.date(2021, 11, 23),
             dt.date(2022, 3, 31), 1_380_000, "Financé"],
            [], ["Dépôts 2022"], groups, header,
            ["EU22-01", "PANCGATE", "EU4Health", "Coordinateur", "IPC", "IT", dt.date(2022, 7, 23), None, 1_425_000,
             "En attente"]]
    merged = [f"{a}{r}:{b}{r}" for r in (2, 7) for a, b in (("A", "C"), ("D", "F"), ("G", "H"))]
    write_workbook(tmp_path / "raw" / "europe.xlsx", {"Europe": rows}, merged={"Europe": merged})
    result = ingest(tmp_path / "raw")
    assert list(result.tables["eu_proposals"]["proposal_id"]) == ["EU21-01", "EU22-01"]
    assert not result.problems
    assert [d.reason for d in result.dropped if d.row in (7, 8)] == ["repeated header row"] * 2


PDF_HEADER = [["Réf.", "Intitulé du projet", "Établissement", "Type de", "Sourcing", "Accom-", "Jalons (jj/mm/aaaa)",
               None, None, "Porteur du projet", None],
              [None, None, "porteur", "technologie", "(1)", "pagnement", "Détection", "Déclaration", "Début", "Nom",
               "Courriel"],
              [None, None, None, None, None, None, None, "d'invention", "maturation", None, None]]


def test_a_header_a_pdf_converter_broke_over_three_rows():
    from partnership_metrics.ingest.header_rows import continued_header

    assert continued_header(PDF_HEADER, 2, 3) == [
        "Réf.", "Intitulé du projet", "Établissement porteur", "Type de technologie", "Sourcing (1)", "Accompagnement",
        "Détection", "Déclaration d'invention", "Début maturation", "Nom", "Courriel"]
    data = ["CPP-2018-06", "Biopsie liquide", "IPC", "Autre", "AAP CPP", "CPP", "08/03/2018", None, None,
            "Julien BONNEFOY", "julien.bonnefoy@ipc.example.fr"]
    assert continued_header([*PDF_HEADER[1:], data], 2, 2) is None  # a data row: dates, e-mails


def test_a_pdf_table_its_header_on_three_rows_repeated_on_each_page(tmp_path):
    import datetime as dt  # noqa: F401  (dates typed as text, as a converter writes them)

    from workbooks import write_workbook  # tests/ingest, beside this file

    from partnership_metrics.ingest.ingestion import ingest

    def project(ref, day):
        return [ref, f"Projet {ref}", "IPC", "Diagnostic", "AAP CPP", "CPP", day, None, None, "Julien BONNEFOY",
                None]

    rows = [["Annexe 3 – Portefeuille des projets"], *PDF_HEADER, project("P-01", "08/03/2018"),
            project("P-02", "12/04/2019"), [], [None] * 6 + ["Page 17/31"], [],
            ["CanceroPôle PACA · Rapport d'activité 2023", *[None] * 8, "Annexes"], [], *PDF_HEADER,
            project("P-03", "15/06/2020")]
    write_workbook(tmp_path / "raw" / "rapport.xlsx", {"Table 1": rows}, merged={"Table 1": ["G2:I2", "J2:K2"]})
    result = ingest(tmp_path / "raw")
    projects = result.tables["projects"]
    assert list(projects["project_id"]) == ["P-01", "P-02", "P-03"]
    assert list(projects["sourcing_channel"].astype(str)) == ["cpp_call"] * 3
    assert not result.problems
    reasons = {d.row: d.reason for d in result.dropped}
    assert reasons[10] == "page header (a printed page's running title)"
    assert [reasons[r] for r in (12, 13, 14)] == ["repeated header row"] * 3


def test_a_row_holding_a_record_s_date_or_amount_is_no_second_header_row():
    """The row under a header that holds a date or an amount is a record's (a table beside, whose first line sits on
    the section row of the table on the left), never a header's second row; a row of years may be one (guard)."""
    import datetime as dt

    upper = ["Réf. projet", "Intitulé", None, "N° ligne", "Financeur", "Montant (k€)", "Date de décision"]
    assert two_row_header(upper, ["Période de référence 2018-2020", None, None, "FIN-001", "Inserm Transfert", 100.0,
                                  dt.date(2020, 12, 9)]) is None
    assert two_row_header(["Indicateur", "Objectifs", None, None], [None, 2021, 2022, 2023]) == [
        "Indicateur", 2021, 2022, 2023]


def test_tables_side_by_side_whose_right_one_starts_on_the_left_one_s_section_row(tmp_path):
    """An auditor's sheet: projects on the left, funding lines on the right, two empty columns apart; the left table
    opens with a section row ("Période de référence 2018-2020") where the right one has its first line: both tables
    are read, every funding line kept."""
    import datetime as dt

    from workbooks import write_workbook  # tests/ingest, beside this file

    from partnership_metrics.ingest.ingestion import ingest

    left = ["Réf. projet", "Intitulé du projet", "Établissement porteur", "Origine", "Accompagnement",
            "Date de détection"]
    right = ["N° ligne", "Réf. projet", "Financeur", "Dispositif", "Montant (k€)", "Date de décision"]
    rows = [["Tableau V1 — Portefeuille de projets", None, None, None, None, None, None, None,
             "Tableau V2 — Lignes de financement"],
            [*left, None, None, *right],
            ["Période de référence 2018-2020", None, None, None, None, None, None, None,
             "FIN-001", "PRJ18-01", "Inserm Transfert", "Maturation", 100, dt.date(2020, 12, 9)],
            ["PRJ18-01", "Photothérapie", "CHU Nice", "Détection IT", "IT", dt.date(2018, 3, 9), None, None,
             "FIN-002", "PRJ18-02", "CanceroPôle PACA", "Emergence", 45.5, dt.date(2018, 7, 26)],
            ["PRJ18-02", "Vaccin ARN", "AP-HM", "AAP CPP", "CPP", dt.date(2018, 6, 26), None, None,
             "FIN-003", None, "Union européenne", "Subvention", 250, dt.date(2021, 7, 9)]]
    write_workbook(tmp_path / "raw" / "revue.xlsx", {"Valorisation": rows})
    result = ingest(tmp_path / "raw")
    assert list(result.tables["projects"]["project_id"]) == ["PRJ18-01", "PRJ18-02"]
    assert list(result.tables["funding"]["funding_id"]) == ["FIN-001", "FIN-002", "FIN-003"]
    assert list(result.tables["funding"]["amount_eur"]) == [100_000.0, 45_500.0, 250_000.0]
