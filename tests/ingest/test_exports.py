"""Files that tools export rather than people type: accounting list reports with subtotal lines, webinar and
meeting reports made of several sections, registration lists that keep the no-shows. Each written by hand here,
small, as the tool writes it."""

from __future__ import annotations

from pathlib import Path

from partnership_metrics.ingest.ingestion import ingest


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.replace("\n", "\r\n").encode(encoding))
    return path


def test_accounting_subtotal_lines_marked_with_stars_are_dropped_as_totals(tmp_path):
    _write(tmp_path / "EXPORT_SAP_ENGAGEMENTS.csv", (
        "Liste des engagements\n"
        "Date d'extraction : 08.01.2024;;Utilisateur : X\n"
        "\n"
        "Société;Exercice;N° engagement;Date document;Réf. projet;Organisme financeur;Nature de l'aide;Montant;Devise\n"
        "IT01;2022;4500010001;15.03.2022;PRJ-1;INSERM TRANSFERT SA;Maturation;85 000,00;EUR\n"
        "IT01;2022;4500010002;20.06.2022;PRJ-2;INSERM TRANSFERT SA;Preuve de concept (PoC);12 500,50;EUR\n"
        "*;2022;;;;;;97 500,50;EUR\n"
        "IT01;2023;4500010003;02.02.2023;PRJ-1;INSERM TRANSFERT SA;Maturation;40 000,00;EUR\n"
        "*;2023;;;;;;40 000,00;EUR\n"
        "**;;;;;;;137 500,50;EUR\n"), "cp1252")
    result = ingest(tmp_path)
    funding = result.tables["funding"]
    assert list(funding["funding_id"]) == ["4500010001", "4500010002", "4500010003"]
    assert list(funding["amount_eur"]) == [85_000.0, 12_500.5, 40_000.0]
    assert not result.problems
    totals = [d.row for s in result.sheets for d in s.dropped if d.reason == "total row"]
    assert totals == [7, 9, 10]


EVENTS = ("Réf.;Date;Intitulé;Type;Organisateur;Participants\n"
          "EV21-07;03/10/2021;Webinaire EIC Pathfinder 2021;Webinaire;CPP;2\n"
          "EV21-08;07/10/2021;Webinaire maturation 2021;Webinaire;IT;2\n"
          "EV22-01;15/02/2022;Forum Onco-Valorisation 2022;Forum;CPP;2\n")

ZOOM = """\ufeffAttendee Report
Report Generated:,1/8/2024 9:41
Topic,Webinar ID,Actual Start Time,Actual Duration (minutes),# Registered,Unique Viewers
Webinaire EIC Pathfinder 2021,862 3210 3942,"Oct 3, 2021 02:00:36 PM",70,4,3
Host Details
Attended,User Name (Original Name),Email,Join Time,Leave Time,Time in Session (minutes),Is Guest
Yes,Nadia Host,nadia.host@canceropole-paca.example,"Oct 3, 2021 01:46:36 PM","Oct 3, 2021 03:13:36 PM",87,No
Panelist Details
Attended,User Name (Original Name),Email,Join Time,Leave Time,Time in Session (minutes),Is Guest
Yes,Bruno Speaker,bruno.speaker@chu-nice.fr,"Oct 3, 2021 01:50:36 PM","Oct 3, 2021 03:10:36 PM",80,No
Attendee Details
Attended,User Name (Original Name),First Name,Last Name,Email,Join Time,Time in Session (minutes),Is Guest,Organisation,Unité de recherche (ex. U1068)
Yes,Aurélie Petit,Aurélie,Petit,aurelie.petit@ipc.unicancer.fr,"Oct 3, 2021 02:00:42 PM",70,No,IPC,UMR 7258
No,Paul Absent,Paul,Absent,paul.absent@inserm.fr,,,No,Inserm,U1068
Yes,Benoît Marie,Benoît,Marie,benoit.marie@ap-hm.fr,"Oct 3, 2021 02:11:12 PM",55,No,AP-HM,Inserm U1068
Yes,Benoît Marie,Benoît,Marie,benoit.marie@ap-hm.fr,"Oct 3, 2021 02:40:12 PM",20,No,AP-HM,Inserm U1068
"""

TEAMS = """1. Résumé
Titre de la réunion\tWebinaire maturation 2021
Participants présents\t4
Heure de début\t07/10/2021 09:47:20

2. Participants
Nom\tPremière connexion\tDernière déconnexion\tDurée de la réunion\tE-mail\tRôle
SANCHEZ Olivier\t07/10/2021 09:47:20\t07/10/2021 11:32:05\t1 h 44 min\tolivier.sanchez@canceropole-paca.example\tOrganisateur
LEFEBVRE Bruno\t07/10/2021 09:54:57\t07/10/2021 11:28:40\t1 h 33 min\tbruno.lefebvre@inserm.fr\tPrésentateur
ROUSSEL Léa\t07/10/2021 10:09:02\t07/10/2021 11:05:21\t56 min\tlea.roussel@inserm.fr\tParticipant
COOPER Rachel\t07/10/2021 10:00:52\t07/10/2021 11:03:45\t1 h 2 min\trachel.cooper@ap-hm.fr\tParticipant

3. Activités de la réunion
Nom\tHeure de connexion\tHeure de déconnexion\tDurée\tE-mail\tRôle
SANCHEZ Olivier\t07/10/2021 09:47:20\t07/10/2021 11:32:05\t1 h 44 min\tolivier.sanchez@canceropole-paca.example\tOrganisateur
ROUSSEL Léa\t07/10/2021 10:09:02\t07/10/2021 11:05:21\t56 min\tlea.roussel@inserm.fr\tParticipant
COOPER Rachel\t07/10/2021 10:00:52\t07/10/2021 10:32:04\t31 min\trachel.cooper@ap-hm.fr\tParticipant
COOPER Rachel\t07/10/2021 10:33:52\t07/10/2021 11:03:45\t29 min\trachel.cooper@ap-hm.fr\tParticipant
"""


def _dropped(result, file: str) -> list[tuple[str | None, int, str]]:
    return [(d.sheet, d.row, d.reason) for s in result.sheets for d in s.dropped if d.file == file]


def test_a_webinar_report_is_read_section_by_section_and_only_its_attendees_who_came_are_attendance(tmp_path):
    (tmp_path / "evenements.csv").write_text(EVENTS, encoding="utf-8")
    name = "EV21-07 - Zoom - rapport des participants.csv"
    _write(tmp_path / name, ZOOM)
    result = ingest(tmp_path)
    attendance = result.tables["event_attendance"]
    assert sorted(zip(attendance["event_id"], attendance["institution"], strict=True)) == [
        ("EV21-07", "APHM"), ("EV21-07", "IPC")]  # the reconnection is one row; host, panelist, no-show left out
    assert not result.problems
    by_sheet = {s.sheet: s.table for s in result.sheets if s.file == name}
    assert by_sheet == {"Attendee Report (rows 1-4)": None, "Host Details (rows 5-7)": None, "Panelist Details (rows 8-10)": None,
                        "Attendee Details (rows 11-16)": "event_attendance"}
    dropped = _dropped(result, name)
    assert ("Attendee Details (rows 11-16)", 14, "registered but did not attend (Attended = No)") in dropped
    assert any(s == "Host Details (rows 5-7)" and "not data" in why for s, _, why in dropped)


def _teams_report(tmp_path, name: str, text: str):
    """The ingestion of the events list and a Teams report as Teams exports it (UTF-16 with tabs)."""
    (tmp_path / "evenements.csv").write_text(EVENTS, encoding="utf-8")
    (tmp_path / name).write_bytes(b"\xff\xfe" + text.replace("\n", "\r\n").encode("utf-16-le"))
    return ingest(tmp_path)


def test_a_meeting_report_in_utf16_with_tabs_leaves_out_its_organiser_presenter_and_activity_log(tmp_path):
    name = "EV21-08 - Teams - Rapport de présence.csv"
    result = _teams_report(tmp_path, name, TEAMS)
    attendance = result.tables["event_attendance"]
    assert list(attendance["event_id"]) == ["EV21-08", "EV21-08"] and list(attendance["source_row"]) == [10, 11]
    assert not result.problems
    reasons = [why for _, _, why in _dropped(result, name)]
    assert "not an attendee: organiser, host or speaker (Rôle = Organisateur)" in reasons
    assert "not an attendee: organiser, host or speaker (Rôle = Présentateur)" in reasons
    assert {s.sheet: s.table for s in result.sheets if s.file == name} == {
        "1. Résumé (rows 1-5)": None, "2. Participants (rows 6-12)": "event_attendance",
        "3. Activités de la réunion (rows 13-18)": None}


TEAMS_EN = """1. Summary
Meeting title\t[EV21-08] Webinaire maturation 2021
Attended participants\t3
Start time\t10/7/21, 9:47:20 AM

2. Participants
Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tParticipant ID (UPN)\tRole
Sanchez, Olivier\t10/7/21, 9:47:20 AM\t10/7/21, 11:32:05 AM\t1h 44m 45s\tolivier.sanchez@cpp.example\tolivier.sanchez@cpp.example\tOrganizer
Léa Roussel\t10/7/21, 10:09:02 AM\t10/7/21, 11:05:21 AM\t56m 19s\tlea.roussel@inserm.example\tlea.roussel@inserm.example\tAttendee
Cooper, Rachel\t10/7/21, 10:00:52 AM\t10/7/21, 11:03:45 AM\t1h 2m 53s\trachel.cooper@ap-hm.example\trachel.cooper@ap-hm.example\tAttendee
"""


def test_an_english_meeting_report_is_read_from_its_header_not_from_a_participant_whose_role_is_attendee(tmp_path):
    name = "EV21-08 - Attendance report 10-07-21.csv"
    result = _teams_report(tmp_path, name, TEAMS_EN)
    attendance = result.tables["event_attendance"]
    assert list(attendance["event_id"]) == ["EV21-08", "EV21-08"] and list(attendance["source_row"]) == [9, 10]
    assert attendance["attendee"].notna().all() and not result.problems
    assert (None, 8, "not an attendee: organiser, host or speaker (Role = Organizer)") in (
        _dropped(result, name))


def test_registered_no_shows_of_a_ticketing_export_are_dropped_the_event_named_by_its_title(tmp_path):
    (tmp_path / "evenements.csv").write_text(EVENTS, encoding="utf-8")
    _write(tmp_path / "Weezevent_export.csv", (
        "\ufeffÉvénement;Nom;Prénom;E-mail;Établissement de rattachement;Contrôlé;Date de contrôle\n"
        "Forum Onco-Valorisation 2022;CARON;Benoît;benoit.caron@cnrs.fr;CNRS;Oui;15/02/2022 08:52\n"
        "Forum Onco-Valorisation 2022;Petit;Aurélie;aurelie.petit@ipc.unicancer.fr;IPC;Non;\n"
        "Forum Onco-Valorisation 2022;Roux;Léa;lea.roux@ap-hm.fr;AP-HM;Oui;15/02/2022 09:01\n"))
    result = ingest(tmp_path)
    attendance = result.tables["event_attendance"]
    assert list(attendance["event_id"]) == ["EV22-01", "EV22-01"]
    assert list(attendance["institution"]) == ["CNRS", "APHM"]
    assert _dropped(result, "Weezevent_export.csv") == [(None, 3, "registered but did not attend (Contrôlé = Non)")]


def test_a_presence_word_over_values_that_are_not_presence_decides_nothing(tmp_path):
    (tmp_path / "evenements.csv").write_text(EVENTS, encoding="utf-8")
    _write(tmp_path / "inscrits.csv", (
        "Événement;Nom;E-mail;Présence\n"
        "EV22-01;CARON Benoît;benoit.caron@cnrs.fr;matin\n"
        "EV22-01;PETIT Aurélie;aurelie.petit@ipc.unicancer.fr;non\n"))
    result = ingest(tmp_path)
    assert len(result.tables["event_attendance"]) == 2  # "matin" is no presence value: the column says nothing


def test_a_header_that_measures_time_is_never_an_identifier(vocabulary):
    from partnership_metrics.ingest.recognition import Recogniser

    recogniser = Recogniser(vocabulary)
    assert "event_id" in dict(recogniser.cell_candidates("event_attendance", "Session"))
    assert "event_id" not in dict(recogniser.cell_candidates("event_attendance", "Time in Session (minutes)"))
    assert "event_id" not in dict(recogniser.cell_candidates("event_attendance", "Durée de la session"))


def test_a_presence_column_in_inclusive_writing_and_a_sign_in_nobody_could_read(tmp_path):
    (tmp_path / "evenements.csv").write_text(EVENTS, encoding="utf-8")
    _write(tmp_path / "inscriptions.csv", (
        "Choix de la session;Nom;E-mail;Présent(e) ?\n"
        "EV22-01;CARON Benoît;benoit.caron@cnrs.fr;oui\n"
        "EV22-01;PETIT Aurélie;aurelie.petit@ipc.unicancer.fr;excusé(e)\n"
        "EV22-01;(signature illisible);;oui\n"
        "EV22-01;ROUX Léa;lea.roux@ap-hm.fr;non\n"))
    result = ingest(tmp_path)
    assert len(result.tables["event_attendance"]) == 1
    assert [r for _, r, _ in _dropped(result, "inscriptions.csv")] == [3, 5]  # the excused and the no-show
    assert [(p.row, p.column) for p in result.problems] == [(4, "attendee")]  # nobody could read the name


def test_a_survey_tool_s_row_of_field_ids_is_no_attendee(tmp_path):
    """Qualtrics' legacy export: field codes, then the questions (the header), then {"ImportId": …} in every cell."""
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "qualtrics_sign-in.csv").write_text(
        'ResponseId,Q1,Q2,Q3,event_ref\n'
        'Response ID,Your full name,Your e-mail address,Your institution,event_ref\n'
        '"{""ImportId"":""_recordId""}","{""ImportId"":""QID1_TEXT""}","{""ImportId"":""QID2_TEXT""}",'
        '"{""ImportId"":""QID3""}","{""ImportId"":""event_ref""}"\n'
        'R_1,Lina Martel,lina.martel@example.org,AMU,EVT-21-01\n'
        'R_2,Ana Roux,ana.roux@example.org,UCA,EVT-21-01\n', encoding="utf-8")
    result = ingest(raw)
    assert len(result.tables["event_attendance"]) == 2
    assert [d.reason for d in result.dropped if d.row == 3] == [
        "a survey tool's row of field ids (Qualtrics' {\"ImportId\": …} in every cell)"]


ZOOM_PARTICIPANTS = """\ufeffMeeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants
862 3210 3942,EV21-07 Webinaire EIC Pathfinder 2021,10/03/2021 01:50:12 PM,10/03/2021 03:41:03 PM,animation@cpp.example,111,4

Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest
CPP Animation,animation@cpp.example,10/03/2021 01:50:12 PM,10/03/2021 03:41:03 PM,111,No
Aurélie Petit,aurelie.petit@ipc.example,10/03/2021 01:52:08 PM,10/03/2021 02:40:14 PM,48,Yes
Benoît Marie,,10/03/2021 01:57:00 PM,10/03/2021 03:04:00 PM,67,Yes
Aurélie Petit,aurelie.petit@ipc.example,10/03/2021 02:45:00 PM,10/03/2021 03:40:00 PM,55,Yes
"""


def test_a_meeting_s_participants_below_its_details_are_its_attendees_without_its_host(tmp_path):
    (tmp_path / "evenements.csv").write_text(EVENTS, encoding="utf-8")
    name = "participants_86232103942.csv"  # the file's name does not say the event: the meeting's topic does
    _write(tmp_path / name, ZOOM_PARTICIPANTS)
    result = ingest(tmp_path)
    attendance = result.tables["event_attendance"]
    assert list(attendance["event_id"]) == ["EV21-07", "EV21-07"]  # a reconnection is one row; the host none
    assert {s.sheet: s.table for s in result.sheets if s.file == name} == {
        "(rows 1-2)": None, "(rows 4-8)": "event_attendance"}
    assert (name, 5) in {(d.file, d.row) for s in result.sheets for d in s.dropped
                         if d.reason.startswith("not an attendee: the meeting's host")}


def test_a_meeting_report_whose_summary_names_the_event_in_its_title_line(tmp_path):
    (tmp_path / "evenements.csv").write_text(EVENTS, encoding="utf-8")
    name = "Rapport de présence.csv"
    report = TEAMS.replace("Titre de la réunion\tWebinaire maturation 2021", "Titre de la réunion\tEV21-08 Réunion")
    (tmp_path / name).write_bytes(b"\xff\xfe" + report.replace("\n", "\r\n").encode("utf-16-le"))
    attendance = ingest(tmp_path).tables["event_attendance"]
    assert list(attendance["event_id"]) == ["EV21-08", "EV21-08"]


def test_a_calendar_export_is_the_events_and_its_organisers_e_mail_domains_the_partners(tmp_path):
    """Outlook's "Subject | Start | End | Categories" export; organisers named by their e-mail domain."""
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "calendar_export.csv").write_text(
        "Subject,Start,End,All day,Location,Organizer,Categories,Event ID,Participants (nb),Satisfaction (/5)\n"
        "Atelier business model,2018-03-26T17:00:00+02:00,2018-03-26T20:00:00+02:00,False,Marseille,"
        "@inserm-transfert.fr,Workshop,EVT-2018-01,41,\"4,7\"\n"
        "Conférence partenariats,2018-04-11T09:30:00+02:00,2018-04-11T16:30:00+02:00,False,Nice,"
        "@canceropole-paca.fr,Colloque,EVT-2018-02,40,\"4,5\"\n"
        "Formation contrats,2018-11-13T09:00:00+01:00,2018-11-13T12:00:00+01:00,False,Nice,"
        "@canceropole-paca.fr; @inserm-transfert.fr,Training,EVT-2018-03,23,\n", encoding="utf-8")
    events = ingest(tmp_path / "raw").tables["events"].set_index("event_id")
    assert list(events["organiser"]) == ["it", "cpp", "joint"]
    assert list(events["event_type"]) == ["workshop", "conference", "training"]
    assert [str(d.date()) for d in events["event_date"]] == ["2018-03-26", "2018-04-11", "2018-11-13"]
    assert list(events["title"])[0] == "Atelier business model"


def test_a_crm_s_opportunities_with_their_account_stage_and_amount_won(tmp_path):
    """A CRM's EU opportunities: the applicant is the opportunity's "Account", the stages "Closed won" / "Closed
    lost" / "Open" are funded / not funded / pending, "Amount won (EUR)" is the amount granted."""
    (tmp_path / "crm_export.csv").write_text(
        "Opportunity ID,Opportunity Name,Programme,Submission Date,Role,Account,Supported by,"
        "Amount requested (EUR),Stage,Amount won (EUR),Result Date\n"
        "OPP-1,RPGZN,ERC,2021-08-04 00:00,Coordinator,Centre Antoine Lacassagne,Inserm Transfert,600000.00,"
        "Closed won,550000.00,2022-02-07 00:00\n"
        "OPP-2,KVSOM,MSCA,2022-07-12 00:00,Partner,Université Côte d'Azur,CPP,1500000.00,Closed lost,,"
        "2023-01-16 00:00\n"
        "OPP-3,LMNO,EIC,2023-09-01 00:00,Partner,AMU,CPP,800000.00,Open,,\n", encoding="utf-8")
    result = ingest(tmp_path)
    eu = result.tables["eu_proposals"].set_index("proposal_id")
    assert eu["status"].astype(str).to_dict() == {"OPP-1": "funded", "OPP-2": "not_funded", "OPP-3": "pending"}
    assert eu["institution"].astype(str).to_dict() == {"OPP-1": "CAL", "OPP-2": "UCA", "OPP-3": "AMU"}
    assert eu.loc["OPP-1", "granted_eur"] == 550000 and not result.problems
