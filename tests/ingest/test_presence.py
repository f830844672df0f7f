"""Who of a list of people came: a sign-in sheet's legend saying what an empty box means, a satisfaction survey's
respondents (not the list of who came), the marks a legend above a grid explains."""

from __future__ import annotations

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest
from partnership_metrics.ingest.presence import legend_marks

EVENTS = ("Réf.;Date;Intitulé;Type;Organisateur;Participants\n"
          "EV21-07;03/10/2021;Atelier déclaration d'invention;Atelier;CPP;2\n"
          "EV22-01;15/02/2022;Forum Onco-Valorisation 2022;Forum;CPP;2\n")


def test_a_legend_saying_an_empty_box_is_an_absence_leaves_the_unticked_lines_out(tmp_path):
    (tmp_path / "evenements.csv").write_text(EVENTS, encoding="utf-8")
    write_workbook(tmp_path / "Emargements.xlsx", {"EV21-07": [
        ["Feuille d'émargement — EV21-07"], [],
        ["Nom Prénom", "Établissement", "Présent(e)"],
        ["BENALI Chloé", "AMU", "X"], ["NGUYEN Gaëlle", "CHU de Nice", "non"], ["GIRAUD Hugo", "Inserm", None],
        ["BRUN Margaux", "CNRS", "oui"], [],
        ["Présent(e) : x / oui / 1 = a signé ; vide, non, abs., excusé(e) = absent."]]})
    result = ingest(tmp_path)
    assert len(result.tables["event_attendance"]) == 2
    reasons = {d.row: d.reason for s in result.sheets for d in s.dropped if s.file == "Emargements.xlsx"}
    assert reasons[6] == "registered but did not attend (Présent(e) not ticked)"


def test_without_such_a_legend_an_empty_box_says_nothing(tmp_path):
    (tmp_path / "evenements.csv").write_text(EVENTS, encoding="utf-8")
    write_workbook(tmp_path / "Emargements.xlsx", {"EV21-07": [
        ["Feuille d'émargement — EV21-07"], [],
        ["Nom Prénom", "Établissement", "Présent(e)"],
        ["BENALI Chloé", "AMU", "X"], ["NGUYEN Gaëlle", "CHU de Nice", "non"], ["GIRAUD Hugo", "Inserm", None]]})
    assert len(ingest(tmp_path).tables["event_attendance"]) == 2


SURVEY = ("Horodateur,Adresse e-mail,Nom et prénom,À quelle animation avez-vous participé ?,Note globale\n"
          "09/02/2022 08:00:00,lea.nguyen@example.org,Léa NGUYEN,EV22-01,4\n"
          "09/02/2022 09:10:00,paul.martin@example.org,Paul MARTIN,EV22-01,5\n")


def test_a_satisfaction_survey_s_respondents_are_not_the_list_of_who_came(tmp_path):
    (tmp_path / "evenements.csv").write_text(EVENTS, encoding="utf-8")
    (tmp_path / "Questionnaire satisfaction animations (réponses).csv").write_text(SURVEY, encoding="utf-8")
    result = ingest(tmp_path)
    assert "event_attendance" not in result.tables or result.tables["event_attendance"].empty
    assert any("satisfaction survey" in s.note for s in result.sheets if s.file.startswith("Questionnaire"))


def test_a_form_that_is_both_a_sign_in_and_a_survey_is_the_list_of_who_came(tmp_path):
    (tmp_path / "evenements.csv").write_text(EVENTS, encoding="utf-8")
    (tmp_path / "Émargement et satisfaction (réponses).csv").write_text(SURVEY, encoding="utf-8")
    assert len(ingest(tmp_path).tables["event_attendance"]) == 2


def test_the_marks_a_legend_explains(vocabulary):
    words = vocabulary.words
    assert legend_marks([["Légende : P = présent · R = arrivé en retard (présent) · A = absent · E = excusé"]],
                        words) == {"p": True, "r": True, "a": False, "e": False}
    assert legend_marks([["x = venu, o = non venu"]], words) == {"x": True, "o": False}
    assert legend_marks([["Total = somme des présents = 12"]], words) == {}


def test_a_registration_status_says_who_came_and_a_count_below_the_list_is_no_one(tmp_path):
    (tmp_path / "evenements.csv").write_text(EVENTS, encoding="utf-8")
    (tmp_path / "inscriptions.csv").write_text(
        "id_evenement,prenom,nom,email,statut_inscription\n"
        "EV21-07,Chloé,Benali,chloe.benali@example.fr,Présent\n"
        "EV21-07,Hugo,Giraud,hugo.giraud@example.fr,Présent (distanciel)\n"
        "EV21-07,Gaëlle,Nguyen,gaelle.nguyen@example.fr,Inscrit\n"
        "EV21-07,Margaux,Brun,margaux.brun@example.fr,Absent excusé\n"
        "EV21-07,Léo,Roux,leo.roux@example.fr,Annulé\n"
        ",,,,\n3 inscrits,,,,\n", encoding="utf-8")
    result = ingest(tmp_path)
    assert len(result.tables["event_attendance"]) == 2  # present on site or online: the others did not come
    reasons = sorted(d.reason for d in result.dropped if d.file == "inscriptions.csv")
    assert reasons == ["blank row", "cancelled (statut_inscription: Annulé)",
                       "registered but not checked in (statut_inscription = Absent excusé)",
                       "registered but not checked in (statut_inscription = Inscrit)",
                       "total row (a count of the lines above)"]


def test_a_status_of_other_words_decides_nothing(tmp_path):
    (tmp_path / "evenements.csv").write_text(EVENTS, encoding="utf-8")
    (tmp_path / "inscriptions.csv").write_text(
        "id_evenement,nom,email,statut\nEV21-07,BENALI Chloé,c.benali@example.fr,Doctorante\n"
        "EV21-07,GIRAUD Hugo,h.giraud@example.fr,Présent\n", encoding="utf-8")
    assert len(ingest(tmp_path).tables["event_attendance"]) == 2  # a status that is no registration's: all came


def test_a_webinar_tools_own_team_is_no_attendee(tmp_path):
    """A Livestorm export: the event named "[EV-2021-03] …" before its title, the organisers' "Team member" rows and
    the registrants who never came ("Attended: No") are no attendance."""
    (tmp_path / "events.csv").write_text("Event ID;Date;Title;Type;Organiser;Attendees\n"
                                         "EV-2021-03;2021-03-09;Awareness breakfast;Awareness;Joint;2\n",
                                         encoding="utf-8")
    (tmp_path / "livestorm.csv").write_text(
        "Event name,Session ID,Role,First name,Last name,Email,Attended\n"
        "[EV-2021-03] Awareness breakfast,4ba1e29-9313,Team member,Lucie,David,lucie.david@it.example.fr,Yes\n"
        "[EV-2021-03] Awareness breakfast,4ba1e29-9313,Participant,Yann,Perrot,yann.perrot@ipc.example.fr,Yes\n"
        "[EV-2021-03] Awareness breakfast,4ba1e29-9313,Participant,Noémie,Blanc,noemie.blanc@amu.example.fr,Yes\n"
        "[EV-2021-03] Awareness breakfast,4ba1e29-9313,Participant,Paul,Roux,paul.roux@amu.example.fr,No\n",
        encoding="utf-8")
    result = ingest(tmp_path)
    attendance = result.tables["event_attendance"]
    assert list(attendance["event_id"]) == ["EV-2021-03", "EV-2021-03"] and not result.problems


def test_a_ticket_held_is_a_place_taken_at_an_event_nobody_was_checked_in_at(tmp_path):
    """Eventbrite: the webinar's attendees are all "Attending" (nobody is scanned online), those on site "Checked
    In"; "Attending" beside tickets checked in at the same event, and "Not Attending" anywhere, did not come."""
    (tmp_path / "eventbrite_export.csv").write_text(
        "Event ID,Event Name,Event Date,First Name,Last Name,Email,Attendee Status\n"
        "5101,Atelier PI,2022-03-01 09:30,Léa,Martin,lea.martin@x.example,Checked In\n"
        "5101,Atelier PI,2022-03-01 09:30,Paul,Durand,paul.durand@x.example,Checked In\n"
        "5101,Atelier PI,2022-03-01 09:30,Ana,Lopez,ana.lopez@x.example,Attending\n"
        "5102,Webinaire Mission Cancer,2022-03-23 14:00,Tom,Petit,tom.petit@x.example,Attending\n"
        "5102,Webinaire Mission Cancer,2022-03-23 14:00,Inès,Noel,ines.noel@x.example,Attending\n"
        "5102,Webinaire Mission Cancer,2022-03-23 14:00,Marc,Blanc,marc.blanc@x.example,Not Attending\n",
        encoding="utf-8")
    result = ingest(tmp_path)
    attendance = result.tables["event_attendance"]
    assert sorted(attendance["event_id"]) == ["5101", "5101", "5102", "5102"]
    assert sorted(d.row for d in result.dropped if d.reason.startswith("registered")) == [4, 7]


def test_a_poll_s_attendees_are_those_who_ticked_the_date_chosen(tmp_path):
    """A Doodle or Framadate export per event: the option chosen is marked ("✔ FINAL", "(date retenue)"); those who
    ticked only other dates did not come; the count lines below ("Count", "Nombre de « Oui »") are totals."""
    (tmp_path / "evenements.csv").write_text(EVENTS, encoding="utf-8")
    write_workbook(tmp_path / "sondages.xlsx", {
        "EV21-07": [["Doodle poll: Atelier déclaration d'invention"], ["Réf. EV21-07"], [],
                    ["Participant", "Email", "Institution", "Mon 27 Sep 2021", "Sun 3 Oct 2021 ✔ FINAL"],
                    ["Léa Martin", "lea.martin@univ-amu.example.fr", "AMU", "OK", "OK"],
                    ["Paul Durand", "paul.durand@inserm.example.fr", "Inserm", "OK", None],
                    ["Ana Lopez", "ana.lopez@cnrs.example.fr", "CNRS", None, "OK"],
                    ["Count", None, None, 2, 2]],
        "EV22-01": [["Sondage Framadate : Forum Onco-Valorisation 2022"], ["Réf. EV22-01"], [],
                    ["Nom", "Courriel", "Établissement", "Unité", "mar. 15/02/2022 (date retenue)", "jeu. 17/02/2022"],
                    ["Hugo Giraud", "hugo.giraud@univ-cotedazur.example.fr", "UCA", "U1065", "Oui", None],
                    ["Chloé Benali", "chloe.benali@ap-hm.example.fr", "AP-HM", "U1068", None, "Oui"],
                    ["Margaux Brun", "margaux.brun@ipc.example.fr", "IPC", None, "Oui", "Oui"],
                    ["Nombre de « Oui »", None, None, None, 2, 2]]})
    result = ingest(tmp_path)
    attendance = result.tables["event_attendance"]
    assert sorted(zip(attendance["event_id"], attendance["institution"].astype(str), strict=True)) == [
        ("EV21-07", "AMU"), ("EV21-07", "CNRS"), ("EV22-01", "IPC"), ("EV22-01", "UCA")]
    assert not result.problems
    assert sum(d.reason.startswith("registered but did not attend") for d in result.dropped) == 2
    assert sum(d.reason.startswith("total row") for d in result.dropped) == 2



def test_a_reference_starting_like_a_count_is_no_count(vocabulary):
    """"NB-2021-01" in the id column beside numbers is a record; "Nb projets 2022 :" there is a count."""
    from partnership_metrics.ingest.recognition import ColumnMatch, Recognition
    from partnership_metrics.ingest.row_screen import row_kind

    rec = Recognition("projects", 0, [ColumnMatch(0, "Réf.", "project_id"), ColumnMatch(1, "Montant", "title")])
    assert row_kind(["NB-2021-01", 12], rec, ("Réf.", "Montant"), {0}, vocabulary.words) is None
    assert row_kind(["Nb projets 2022 :", 12], rec, ("Réf.", "Montant"), {0}, vocabulary.words) == "total row"


def test_a_registration_on_the_waiting_list_is_no_attendance_unless_marked_present(tmp_path):
    """An event tool's "Statut inscription" beside "Présent": a waiting-list line with no mark did not come (one
    marked "Oui" got a place and came)."""
    (tmp_path / "evenements.csv").write_text(EVENTS, encoding="utf-8")
    write_workbook(tmp_path / "inscriptions.xlsx", {"Inscriptions": [
        ["Code événement", "Nom", "Prénom", "E-mail", "Statut inscription", "Présent"],
        ["EV21-07", "BENALI", "Chloé", "chloe.benali@example.org", "Confirmé", "Oui"],
        ["EV21-07", "NGUYEN", "Gaëlle", "gaelle.nguyen@example.org", "Liste d'attente", None],
        ["EV21-07", "GIRAUD", "Hugo", "hugo.giraud@example.org", "Liste d'attente", "Oui"],
        ["EV21-07", "BRUN", "Margaux", "margaux.brun@example.org", "Confirmé", "Non"]]})
    result = ingest(tmp_path)
    assert len(result.tables["event_attendance"]) == 2
    reasons = {d.row: d.reason for s in result.sheets for d in s.dropped if s.file == "inscriptions.xlsx"}
    assert reasons[3].startswith("registered on the waiting list") and "GIRAUD" not in str(reasons)
    assert reasons[5] == "registered but did not attend (Présent = Non)"
