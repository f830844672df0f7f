"""A row that lists its parents in one cell: a contacts file's "Participations: AN-21-01 ; AN-22-05" (listed_keys.py)."""

from __future__ import annotations

import pytest
from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest


@pytest.mark.parametrize("separator", [" ; ", ", ", "\n"])
def test_one_attendance_row_per_event_a_contact_lists(tmp_path, separator):
    rows = [["NOM", "Prénom", "Courriel", "Établissement", "Participations (réf. actions)", "Lettre d'info"],
            ["ARNAUD", "Yann", "yann.arnaud@univ.example", "AMU", None, "Oui"],
            ["AUBERT", "Sarah", None, "UniCA", separator.join(["AN-22-05", "AN-23-02", "AN-23-04"]), "Oui"],
            ["BARBIER", "Manon", "manon.barbier@inserm.example", "Inserm", "AN-23-07", "Non"],
            ["BENNETT", "Helen", None, "Inserm", separator.join(["AN-21-02", "AN-21-02"]), "Oui"]]
    write_workbook(tmp_path / "raw" / "contacts.xlsx", {"Contacts": rows})
    result = ingest(tmp_path / "raw")
    df = result.tables["event_attendance"]
    assert sorted(df["event_id"]) == ["AN-21-02", "AN-22-05", "AN-23-02", "AN-23-04", "AN-23-07"]
    assert sorted(df["source_row"].tolist()) == [3, 3, 3, 4, 5]  # each row points at the contact's own line
    assert [d.reason for d in result.dropped if d.row == 2] == ["no event_id listed in 'Participations (réf. actions)'"]
    [sheet] = result.sheets
    counts = sheet.counts()
    assert counts["rows_read"] == counts["rows_accepted"] + counts["rows_quarantined"] + counts["rows_dropped"] == 4


def test_the_event_column_itself_may_list_several_events(tmp_path):
    rows = [["Nom complet", "Établissement", "Unité de recherche", "Événements suivis (codes)"],
            ["Yasmine Martel", "Aix Marseille Univ.", "U1068", "EV19-04"],
            ["Samir Reboul", "AMU", "U1090", "EV21-05, EV23-03"],
            ["Loïc Pascal", "AP-HM", "U1068", "EV19-03, EV20-01, EV20-04"]]
    write_workbook(tmp_path / "raw" / "inscriptions.xlsx", {"Export": rows})
    df = ingest(tmp_path / "raw").tables["event_attendance"]
    assert sorted(df["event_id"]) == ["EV19-03", "EV19-04", "EV20-01", "EV20-04", "EV21-05", "EV23-03"]
    assert sorted(df["source_row"].tolist()) == [2, 3, 3, 4, 4, 4]


def test_a_column_of_free_text_is_no_list_of_events(tmp_path):
    rows = [["Réf. action", "NOM", "Prénom", "Établissement", "Commentaire"],
            ["AN-21-01", "ARNAUD", "Yann", "AMU", "venu avec 2 collègues, parti tôt"],
            ["AN-21-01", "AUBERT", "Sarah", "UniCA", None],
            ["AN-21-02", "BARBIER", "Manon", "Inserm", "intéressée par AN-22-01"]]
    write_workbook(tmp_path / "raw" / "emargements.xlsx", {"Liste": rows})
    df = ingest(tmp_path / "raw").tables["event_attendance"]
    assert sorted(df["event_id"]) == ["AN-21-01", "AN-21-01", "AN-21-02"]


def test_a_forms_ticked_options_name_one_event_each(tmp_path):
    """A form's checkbox question exported one option per line, each option naming its event's reference in its
    text: one attendance row per option ticked (dates and module numbers are no references)."""
    def modules(*numbers):
        titles = {1: "Propriété intellectuelle (AN-23-04, 27/06/2023)", 2: "Créer sa start-up (AN-23-05, 04/07/2023)",
                  3: "Levée de fonds (AN-23-07, 12/10/2023)"}
        return "\n".join(f"Module {n} – {titles[n]}" for n in numbers)

    rows = [["Submission Date", "Prénom", "Nom", "E-mail", "Établissement", "Modules suivis"],
            ["2023-10-20 10:02:11", "Yann", "ARNAUD", "yann.arnaud@univ.example", "AMU", modules(1, 2, 3)],
            ["2023-10-19 17:45:40", "Sarah", "AUBERT", "sarah.aubert@univ.example", "UniCA", modules(3)],
            ["2023-10-18 09:12:05", "Manon", "BARBIER", "manon.barbier@inserm.example", "Inserm", modules(1, 3)]]
    write_workbook(tmp_path / "raw" / "attestations.xlsx", {"Submissions": rows})
    result = ingest(tmp_path / "raw")
    df = result.tables["event_attendance"]
    assert sorted(df["event_id"]) == ["AN-23-04", "AN-23-04", "AN-23-05", "AN-23-07", "AN-23-07", "AN-23-07"]
    assert sorted(df["source_row"].tolist()) == [2, 2, 2, 3, 4, 4]


def test_an_anonymous_forms_sessions_named_by_day_and_title_each_a_row_of_its_own(tmp_path):
    """Microsoft Forms: an anonymous form ("Email: anonymous", no Name) asks who signs in; the sessions ticked are
    listed by day and title, parted by ";". A title given every year is told apart by its day."""
    events = [["Event ID", "Start Date", "Event", "Type", "Lead organiser", "Attended"],
              ["EVT-2021-03", "2021-04-29", "ERC proof-of-concept clinic", "Workshop", "Joint", 5],
              ["EVT-2022-01", "2022-03-07", "ERC proof-of-concept clinic", "Workshop", "Joint", 2],
              ["EVT-2022-02", "2022-04-01", "Webinar: EU funding for cancer research", "Webinar", "IT", 1]]
    clinic, webinar = "Mon 07 Mar 2022 · ERC proof-of-concept clinic · Lyon", "Fri 01 Apr 2022 · Webinar: EU " \
        "funding for cancer research · Online"
    sign_in = [["ID", "Start time", "Email", "Name", "Which session(s) are you signing in for?", "Full name",
                "Email address", "Institution"],
               [1, "2022-03-07 08:42:55", "anonymous", None, f"{clinic};", "Pauline CLÉMENT",
                "pauline.clement@inserm.example", "Inserm"],
               [2, "2022-03-07 09:46:07", "anonymous", None, f"{clinic};{webinar};", "Cédric Arnaud",
                "cedric.arnaud@cnrs.example", "CNRS"],
               [3, "2022-04-01 10:00:00", "anonymous", None, f"{webinar};", "Céline Blanchard", None, "AMU"]]
    earlier = [["Event ID", "Full name", "Email address", "Institution"],
               ["EVT-2021-03", "Pauline CLÉMENT", "pauline.clement@inserm.example", "Inserm"]]
    write_workbook(tmp_path / "raw" / "events.xlsx", {"Events": events, "Sign-in 2021": earlier})
    write_workbook(tmp_path / "raw" / "sign-in 2022(1-3).xlsx", {"Sheet1": sign_in})
    result = ingest(tmp_path / "raw")
    df = result.tables["event_attendance"]
    forms = df[df["source_file"].str.startswith("sign-in")]
    assert sorted(zip(forms["event_id"], forms["source_row"], strict=True)) == [
        ("EVT-2022-01", 2), ("EVT-2022-01", 3), ("EVT-2022-02", 3), ("EVT-2022-02", 4)]
    assert forms.groupby("source_row")["attendee"].nunique().tolist() == [1, 1, 1]
    pauline = df.loc[df["event_id"].isin(["EVT-2021-03", "EVT-2022-01"]) & df["source_row"].eq(2), "attendee"]
    assert pauline.nunique() == 1  # "anonymous" is nobody's address: the same person as on the other list


def test_a_mailing_tools_tags_name_the_events_each_contact_came_to(tmp_path):
    """A contacts export keeps attendance as tags ("Café valo #3 (EV-22-02) - présent"); a registration's tag
    ("- inscrit") and a tag naming no event ("Lettre valo") are not attendance."""
    import csv
    import datetime as dt

    events = [["Réf.", "Date", "Intitulé", "Type", "Organisateur", "Participants"],
              ["EV-22-02", dt.date(2022, 3, 1), "Café valo #3", "Atelier", "CPP", 2],
              ["EV-22-03", dt.date(2022, 6, 1), "Café valo #4", "Atelier", "CPP", 1]]
    write_workbook(tmp_path / "raw" / "events.xlsx", {"Actions": events})
    rows = [["Email Address", "First Name", "Last Name", "UNITE", "TAGS"],
            ["lea.martin@example.org", "Léa", "Martin", "U1068",
             '"Café valo #3 (EV-22-02) - inscrit","Lettre valo","Café valo #3 (EV-22-02) - présent"'],
            ["paul.durand@example.org", "Paul", "Durand", "U1090",
             '"Café valo #4 (EV-22-03) - présent","Café valo #3 (EV-22-02) - présent"'],
            ["anne.roux@example.org", "Anne", "Roux", "U1081", '"Café valo #4 (EV-22-03) - inscrit"'],
            ["marc.petit@example.org", "Marc", "Petit", "U1104", '"Lettre valo"']]
    with open(tmp_path / "raw" / "members_export.csv", "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    attendance = ingest(tmp_path / "raw").tables["event_attendance"]
    assert sorted(zip(attendance["event_id"], attendance["research_unit"], strict=True)) == [
        ("EV-22-02", "U1068"), ("EV-22-02", "U1090"), ("EV-22-03", "U1090")]


def test_a_price_with_a_decimal_comma_is_no_list_of_events(tmp_path):
    # a ticketing export's "Montant tarif" of "0,00" is a price, not the events "0" and "00": the event is the file's
    raw = tmp_path / "raw"
    raw.mkdir()
    lines = ["Numéro de billet;Statut de la commande;Nom participant;Prénom participant;Email participant;Tarif;"
             "Montant tarif"]
    people = [("LEGRAND", "Odile"), ("BAPTISTE", "Rémi"), ("COSTE", "Inès"), ("FAURE", "Léon")]
    for n, (last, first) in enumerate(people):
        lines.append(f"5501{n};Validée;{last};{first};{first.lower()}.{last.lower()}@labo.example.fr;"
                     f"Gratuit;{'0,00' if n % 2 else '15,50'}")
    (raw / "Billetterie_EV-2022-04_atelier-brevets.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    attendance = ingest(raw).tables["event_attendance"]
    assert len(attendance) == 4 and attendance["event_id"].nunique() == 1
    assert not set(attendance["event_id"]) & {"0", "00", "15", "50"}


def test_a_database_s_people_link_the_events_they_came_to_by_title(tmp_path):
    """Notion's export of a database of people: "Événements" links each page by its title and address, several
    separated by commas; one attendance row per event linked, each event told by its title."""
    def link(title):
        return f"{title} (https://www.notion.so/{title.replace(' ', '-')}-3f2a9c)"

    (tmp_path / "Événements 6c62.csv").write_text(
        "Nom,ID,Date,Type,Organisateur,Lieu,Nombre de participants\n"
        "Pitch Day Onco Start – Toulon Oct. 2021,EVT-1,\"October 7, 2021\",Pitch,CPP,Toulon,40\n"
        "Matinale valorisation – en ligne May. 2020,EVT-2,\"May 12, 2020\",Webinaire,IT,En ligne,55\n"
        "Formation PI – Marseille May. 2023,EVT-3,\"May 4, 2023\",Formation,IT,Marseille,20\n", encoding="utf-8")
    (tmp_path / "Participants d42f.csv").write_text(
        "Nom,E-mail,Établissement,Unité de recherche,Événements\n"
        f"Inès Colin,ines.colin@univ.example,AMU,U1263,\"{link('Pitch Day Onco Start – Toulon Oct. 2021')}\"\n"
        f"Léa Laine,lea.laine@aphm.example,APHM,,\"{link('Matinale valorisation – en ligne May. 2020')}, "
        f"{link('Formation PI – Marseille May. 2023')}\"\n"
        f"Yann Morel,yann.morel@cnrs.example,CNRS,UMR7258,\"{link('Formation PI – Marseille May. 2023')}\"\n",
        encoding="utf-8")
    df = ingest(tmp_path).tables["event_attendance"]
    assert sorted(zip(df["event_id"], df["source_row"], strict=True)) == [("EVT-1", 2), ("EVT-2", 3), ("EVT-3", 3),
                                                                          ("EVT-3", 4)]
