"""Fields written inside one cell (cell_fields.py): a calendar's export keeps what its events are in a description."""

from __future__ import annotations

from pathlib import Path

from partnership_metrics.ingest.ingestion import ingest

GOOGLE = (
    "Subject,Start Date,Start Time,End Date,Description,Location\n"
    "Atelier PI,4/15/2022,10:00 AM,4/15/2022,Event type: Workshop | Organiser: Inserm Transfert | Ref: EV-22-01 | "
    "Attendees: 22 | Satisfaction: 4.1/5,Marseille\n"
    "Pitch day,7/18/2022,9:00 AM,7/18/2022,Event type: Pitch session | Organiser: CanceroPole PACA | Ref: EV-22-02 | "
    "Attendees: 40,Nice\n"
    "Webinaire ERC,9/2/2022,2:00 PM,9/2/2022,Event type: Webinar | Organiser: Joint (CanceroPole PACA + Inserm "
    "Transfert) | Ref: EV-22-03 | Attendees: 70 | Satisfaction: 4.4/5,Teams\n")

OUTLOOK = (
    '"Objet";"Début";"Organisateur d\'une réunion";"Catégories";"Description";"Emplacement"\n'
    '"Webinaire EU4Health";"11/01/2019";"Cellule valorisation CPP";"Événement";"Webinaire organisé par le '
    'CanceroPôle PACA.\nRéf. EV-19-01\nParticipants : 31";"En ligne"\n'
    '"Atelier maturation";"15/01/2020";"Cellule valorisation CPP";"Événement";"Atelier co-organisé CPP / Inserm '
    'Transfert.\nRéf. EV-20-01\nParticipants : 35";"Nice"\n'
    '"Matinale innovation";"08/11/2021";"Cellule valorisation CPP";"Événement";"Sensibilisation organisation : '
    'Inserm Transfert.\nRéf. EV-21-01\nParticipants : 12";"Marseille"\n')


def _events(tmp_path: Path, name: str, text: str, encoding: str = "utf-8"):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / name).write_text(text, encoding=encoding)
    result = ingest(raw)
    events = result.tables["events"]
    return result, {r["event_id"]: r for r in events.to_dict("records")}


def test_a_calendars_description_lists_each_events_fields(tmp_path):
    result, got = _events(tmp_path, "calendar_export.csv", GOOGLE)
    assert sorted(got) == ["EV-22-01", "EV-22-02", "EV-22-03"]
    assert [(got[k]["event_type"], got[k]["organiser"], got[k]["attendees"]) for k in sorted(got)] == [
        ("workshop", "it", 22), ("pitch", "cpp", 40), ("webinar", "joint", 70)]
    assert got["EV-22-01"]["satisfaction"] == 4.1 and str(got["EV-22-01"]["event_date"])[:10] == "2022-04-15"
    assert not result.problems


def test_a_sentence_left_in_the_description_says_the_type_and_organiser_a_constant_column_does_not(tmp_path):
    # "Catégories: Événement" and the calendar's owner are the same on every line: the sentence says each event's
    _, got = _events(tmp_path, "Agenda_Outlook.csv", OUTLOOK, encoding="cp1252")
    assert [(k, got[k]["event_type"], got[k]["organiser"], got[k]["attendees"]) for k in sorted(got)] == [
        ("EV-19-01", "webinar", "cpp", 31), ("EV-20-01", "workshop", "joint", 35), ("EV-21-01", "awareness", "it", 12)]


def test_a_column_of_free_text_with_a_colon_now_and_then_is_no_list_of_fields(tmp_path):
    text = ("Réf.;Date;Intitulé;Type;Organisateur;Participants;Commentaire\n"
            "EV-1;12/03/2021;Atelier PI;Atelier;CPP;12;Très bien : à refaire\n"
            "EV-2;14/04/2021;Pitch day;Pitch;IT;30;\n"
            "EV-3;20/05/2021;Webinaire;Webinaire;CPP;25;Salle : Amphi B\n")
    result, got = _events(tmp_path, "evenements.csv", text)
    assert sorted(got) == ["EV-1", "EV-2", "EV-3"]
    assert "Très bien" not in result.tables["events"].columns


MIXED = (
    "Subject,Start Date,Start Time,End Date,Location,Description\n"
    'Atelier pitch & financement,7/1/2019,10:00 AM,7/1/2019,Marseille,"Type : atelier\nOrganisateur : Inserm '
    'Transfert\nPrésents : 25\nRéf. : EV-19-01\nNote moyenne questionnaire : 4,7 / 5"\n'
    "Formation contrats et licences,7/25/2019,12:30 PM,7/26/2019,Marseille,"
    '"Réf. EV-19-02 | 21 participants | Organisation : CPP | Satisfaction 4,4/5"\n'
    "Formation business model,10/22/2019,9:30 AM,10/22/2019,Nice,\"EV-19-03 – organisé par CanceroPôle PACA. "
    "Nombre de participants : 10 (liste d'émargement). Satisfaction moyenne : 3,7/5.\"\n"
    'Webinaire EIC Pathfinder,12/9/2019,9:30 AM,12/9/2019,Zoom,"Type : webinaire\nOrganisateur : CPP\n'
    'Présents : 35\nRéf. : EV-19-04\nNote moyenne questionnaire : 4,6 / 5"\n'
    "Sensibilisation à la création de start-up,12/23/2019,10:00 AM,12/23/2019,Marseille,"
    '"Réf. EV-19-05 | 19 participants | Organisation : CPP | Satisfaction 4,2/5"\n'
    "Atelier pitch & financement,6/23/2020,12:30 PM,6/23/2020,Nice,\"EV-20-01 – organisé par CPP + Inserm "
    "Transfert. Nombre de participants : 60 (rapport de connexion). Pas de questionnaire.\"\n")


def test_descriptions_written_three_ways_give_each_event_its_fields_and_its_title_the_type(tmp_path):
    # "Présents : 25", "21 participants" and "Nombre de participants : 10" are one column; the reference leads a
    # sentence; where no "Type" is written, the title says it ("Atelier pitch": a workshop, by its first word)
    result, got = _events(tmp_path, "agenda_export.csv", MIXED)
    assert sorted(got) == ["EV-19-01", "EV-19-02", "EV-19-03", "EV-19-04", "EV-19-05", "EV-20-01"]
    assert [(got[k]["event_type"], got[k]["organiser"], got[k]["attendees"], got[k]["satisfaction"])
            for k in sorted(got)][:5] == [
        ("workshop", "it", 25, 4.7), ("training", "cpp", 21, 4.4), ("training", "cpp", 10, 3.7),
        ("webinar", "cpp", 35, 4.6), ("awareness", "cpp", 19, 4.2)]
    last = got["EV-20-01"]
    assert (last["event_type"], last["organiser"], last["attendees"]) == ("workshop", "joint", 60)
    assert last["satisfaction"] != last["satisfaction"]  # NaN: no survey
    assert "event_attendance" not in {s.table for s in result.sheets}
    assert not result.problems


SUBJECTS_OUTLOOK = (
    '"Subject","Start Date","Start Time","All day event","Required Attendees","Optional Attendees","Description",'
    '"Location"\n'
    '"[EV18-01] Formation propriété intellectuelle","4/16/2018","10:30:00 AM","False","Sophie Marchetti; Nicolas '
    'Berthier","","Type: Formation\nOrganiser: Inserm Transfert\nAttendees: 63\nSatisfaction: 3,6/5","Nice"\n'
    '"[EV18-02] Sensibilisation à l\'entrepreneuriat","7/23/2018","5:00:00 PM","False","Claire Vautrin","","Type: '
    'Awareness / Organiser: CPP/IT / Attendees: 34","Nice"\n'
    '"[EV18-03] Atelier PI (2018)","10/13/2018","9:00:00 AM","False","Julien Ferrand","","Type: Workshop / Organiser: '
    'CPP / Attendees: 39 / Satisfaction: 4,7/5","Marseille"\n')


def test_a_calendar_s_subjects_start_with_their_reference(tmp_path):
    """An Outlook export: the reference in brackets at the start of the subject is the id, the rest the title; the
    description's fields, one per line or parted by " / ", give the type, organiser and attendance; the empty
    "Optional Attendees" is no attendance."""
    (tmp_path / "agenda_export_outlook.csv").write_text(SUBJECTS_OUTLOOK, encoding="utf-8")
    result = ingest(tmp_path)
    events = result.tables["events"]
    assert list(zip(events["event_id"], events["title"], events["event_type"].astype(str),
                    events["organiser"].astype(str), events["attendees"], strict=True)) == [
        ("EV18-01", "Formation propriété intellectuelle", "training", "it", 63),
        ("EV18-02", "Sensibilisation à l'entrepreneuriat", "awareness", "joint", 34),
        ("EV18-03", "Atelier PI (2018)", "workshop", "cpp", 39)]
    assert not result.problems


TRELLO = (
    "Card ID,Card Name,Card Description,Labels,Due Date,List Name,Réf,Participants\n"
    "626fe3e3,Colloque Innovation & Cancer,Lieu : Nice – Campus Pasteur,\"Colloque (black), CanceroPôle (blue)\","
    "2018-02-15T08:00:00.000Z,Fait 2018,CPP-E18-01,132\n"
    "b26cd418,Webinaire i-Lab,Lieu : Visio Teams,\"Webinaire (lime), CanceroPôle (blue)\","
    "2018-04-23T12:00:00.000Z,Fait 2018,CPP-E18-02,31\n"
    "01f42f19,Pitch day investisseurs santé,Lieu : Marseille - Hôpital de la Timone,"
    "\"Concours pitch (sky), CanceroPôle (blue)\",2018-09-13T08:30:00.000Z,Fait 2018,CPP-E18-03,35\n")


def test_a_description_of_one_labelled_field_gives_a_column_the_sheet_lacks(tmp_path):
    """An archived board keeps each event's place only in its description ("Lieu : Nice – Campus Pasteur")."""
    _, got = _events(tmp_path, "trello_archive.csv", TRELLO)
    assert {k: got[k]["site"] for k in got} == {"CPP-E18-01": "nice", "CPP-E18-02": "online",
                                                "CPP-E18-03": "marseille"}


def test_a_labelled_field_naming_a_column_the_sheet_reads_already_is_left_alone(tmp_path):
    """"Lieu" in the description and a "Lieu" column: the column says the place."""
    text = TRELLO.replace(",Participants\n", ",Participants,Lieu\n").replace(",132\n", ",132,Marseille\n") \
        .replace(",31\n", ",31,Marseille\n").replace(",35\n", ",35,Marseille\n")
    _, got = _events(tmp_path, "trello_archive.csv", text)
    assert {got[k]["site"] for k in got} == {"marseille"}
