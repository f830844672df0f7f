"""Rows of a recognised sheet that are no records: a month's name alone over that month's rows is a section title."""

from __future__ import annotations

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest


def test_a_months_name_alone_in_the_id_column_is_a_section(tmp_path):
    rows = [["Actions de formation et événements – 2018"],
            ["Code", "Date", "Intitulé", "Format", "Organisé par", "Lieu", "Nb participants"],
            ["AOÛT", None, None, None, None, None, None],
            ["EVT-2018-01", "30/08/2018", "Webinaire maturation", "Webinaire", "CPP & IT", "Visio", 40],
            ["Octobre", None, None, None, None, None, None],
            ["EVT-2018-02", "12 octobre 2018", "Pitch day oncologie", "Session de pitch", "Conjoint", "Nice", 33]]
    write_workbook(tmp_path / "raw" / "suivi.xlsx", {"Événements": rows})
    result = ingest(tmp_path / "raw")
    assert list(result.tables["events"]["event_id"]) == ["EVT-2018-01", "EVT-2018-02"] and not result.problems
    assert sum(d.reason == "section row (a group's title)" for d in result.dropped) == 2



def test_a_name_written_whole_beside_its_parts_is_one_person(tmp_path):
    """A form's "Nom" holds the whole name beside "Prénom | Nom de famille": the person is the one the list of
    events' other list, written "Prénom | Nom", names; so is "Thomas Thomas", whose first name is his surname."""
    events = [["Code", "Date", "Intitulé", "Format", "Organisé par", "Lieu", "Nb participants"],
              ["EV-01", "12/03/2022", "Atelier brevets", "Atelier", "CPP", "Marseille", 3],
              ["EV-02", "05/10/2022", "Webinaire start-up", "Webinaire", "IT", "Visio", 3]]
    form = [["Code événement", "Nom", "Prénom", "Nom de famille", "Établissement"],
            ["EV-01", "Raphaël Meyer", "Raphaël", "Meyer", "AMU"],
            ["EV-01", "Thomas Thomas", "Thomas", "Thomas", "IPC"]]
    plain = [["Code événement", "Prénom", "Nom", "Établissement"],
             ["EV-02", "Raphaël", "Meyer", "AMU"], ["EV-02", "Thomas", "Thomas", "IPC"]]
    write_workbook(tmp_path / "raw" / "suivi.xlsx", {"Événements": events, "Formulaire": form, "Liste": plain})
    attendance = ingest(tmp_path / "raw").tables["event_attendance"]
    by_event = attendance.groupby("event_id")["attendee"].apply(sorted).to_dict()
    assert by_event["EV-01"][0] in by_event["EV-02"]  # Raphaël Meyer, once
    assert by_event["EV-01"] == by_event["EV-02"] and len(set(attendance["attendee"])) == 2


def test_a_tool_s_group_headings_with_their_counts_and_sums_are_no_lines(tmp_path):
    """Odoo's list grouped by journal: "Engagements partenaires (2)" over its two lines with their sums, no
    reference, no date: a heading, dropped as such, never a line lacking its reference."""
    (tmp_path / "odoo.csv").write_text(
        "Date;Référence;Libellé;Compte analytique;Partenaire;Étiquettes analytiques;Débit;Crédit\n"
        ";;Engagements partenaires (2);;;;67500,00;0,00\n"
        "12/04/2021;ENG/2021/0003;AAP Émergence CanceroPôle;[ITS-2021-003] ONCOHE9;CanceroPôle PACA (GIP);"
        "Émergence;29500,00;\n"
        "15/08/2021;ENG/2021/0004;AAP Preuve de concept;[CPP-VAL-19-04] SARCVAX;CanceroPôle PACA (GIP);"
        "Preuve de concept;38000,00;\n", encoding="utf-8")
    result = ingest(tmp_path)
    funding = result.tables["funding"].set_index("funding_id")
    assert list(funding.index) == ["ENG/2021/0003", "ENG/2021/0004"] and not result.problems
    assert any("group's heading" in d.reason for s in result.sheets for d in s.dropped)


def test_a_database_extract_s_total_line_with_its_null_cells_is_a_total(tmp_path):
    """"TOTAL GENERAL;NULL;NULL;…;5428500.00": the NULLs are empty cells, not ids; "\\N" is empty too."""
    (tmp_path / "extr_engagements.csv").write_text(
        "CD_EJ;CD_PROJ;FINANCEUR;DISPOSITIF;MT_ENGAGE;DT_DECISION\n"
        "EJ1;PRJ-01;CANCEROPOLE PACA;MATURATION;72500.00;20210601\n"
        "EJ2;\\N;REGION SUD;SUBVENTION;10000.00;20210701\n"
        "TOTAL GENERAL;NULL;NULL;NULL;82500.00;NULL\n", encoding="utf-8")
    result = ingest(tmp_path)
    assert sorted(result.tables["funding"]["funding_id"]) == ["EJ1", "EJ2"]
    assert not result.problems
    assert [d.reason for d in result.dropped if d.row] == ["total row"]
