"""Rows tied to their parent when the sheet gives no parent id: by the parent's name, by the file or sheet name
("EV2103.csv", one sheet per event), or by a title row; a parent nobody can tell quarantines the rows."""

from __future__ import annotations

import openpyxl
import pytest
from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest

EVENTS = "Réf.;Date;Intitulé;Type;Organisateur;Participants\n" \
         "EV-01;12/03/2022;Journée innovation oncologie;Atelier;CPP;3\n" \
         "EV-02;05/10/2022;Créer sa start-up en santé;Formation;IT;2\n"
SIGN_IN = "Nom;Courriel;Établissement;Unité\n" \
          "MARTIN Léa;lea.martin@univ-amu.fr;AMU;UMR 7258\n" \
          "DURAND Paul;paul.durand@inserm.fr;Inserm;U1068\n"


def _attendance(result):
    table = result.tables["event_attendance"]
    return sorted(zip(table["event_id"], table["institution"].astype(str), strict=False))


def test_one_file_per_event_named_after_it(tmp_path):
    (tmp_path / "evenements.csv").write_text(EVENTS, encoding="utf-8")
    (tmp_path / "EV-01.csv").write_text(SIGN_IN, encoding="utf-8")
    (tmp_path / "ev-02.csv").write_text(SIGN_IN.splitlines()[0] + "\n" + SIGN_IN.splitlines()[1] + "\n",
                                        encoding="utf-8")  # the id in another case
    result = ingest(tmp_path)
    assert _attendance(result) == [("EV-01", "AMU"), ("EV-01", "INSERM"), ("EV-02", "AMU")]
    assert result.links["event_attendance.event_id"] == 1  # ev-02 -> EV-02
    assert not result.problems


def test_a_file_named_with_its_event_s_id_joined_by_underscores(tmp_path):
    (tmp_path / "evenements.csv").write_text(EVENTS, encoding="utf-8")
    (tmp_path / "attendees_EV-01.csv").write_text(SIGN_IN, encoding="utf-8")
    result = ingest(tmp_path)
    assert _attendance(result) == [("EV-01", "AMU"), ("EV-01", "INSERM")]
    assert not result.problems


def test_a_title_row_or_a_sheet_per_event_names_it(tmp_path):
    (tmp_path / "evenements.csv").write_text(EVENTS, encoding="utf-8")
    (tmp_path / "export.csv").write_text("Export CRM - émargements;;\nFiltre : événement = EV-02;;\n" + SIGN_IN,
                                         encoding="utf-8")
    book = openpyxl.Workbook()
    book.active.title = "Journée innovation oncologie"  # the event's title, not its id
    for line in SIGN_IN.splitlines():
        book.active.append(line.split(";"))
    book.save(tmp_path / "feuilles de présence.xlsx")
    result = ingest(tmp_path)
    assert _attendance(result) == [("EV-01", "AMU"), ("EV-01", "INSERM"), ("EV-02", "AMU"), ("EV-02", "INSERM")]


def test_an_id_in_a_title_row_wins_over_a_title_another_year_s_event_bears(tmp_path):
    """A sheet per session named "15-04 Atelier réglementaire DM": its title line's "(réf. EV-03)" names the session,
    not the earlier event bearing the same title."""
    events = EVENTS + "EV-03;15/04/2023;Atelier réglementaire DM — Marseille;Atelier;CPP;2\n" \
                      "EV-00;11/04/2021;Atelier réglementaire DM;Atelier;CPP;2\n"
    (tmp_path / "evenements.csv").write_text(events, encoding="utf-8")
    book = openpyxl.Workbook()
    book.active.title = "15-04 Atelier réglementaire DM"
    book.active.append(["Liste d'émargement — Atelier réglementaire DM — Marseille — 15 avril 2023 (réf. EV-03)"])
    for line in SIGN_IN.splitlines():
        book.active.append(line.split(";"))
    book.save(tmp_path / "Emargements_2023.xlsx")
    result = ingest(tmp_path)
    assert _attendance(result) == [("EV-03", "AMU"), ("EV-03", "INSERM")]


def test_a_parent_nobody_can_tell_quarantines_the_rows_saying_what_was_tried(tmp_path):
    (tmp_path / "evenements.csv").write_text(EVENTS, encoding="utf-8")
    (tmp_path / "liste.csv").write_text(SIGN_IN, encoding="utf-8")
    result = ingest(tmp_path)
    assert "event_attendance" not in result.tables or result.tables["event_attendance"].empty
    problems = [p for p in result.problems if p.table == "event_attendance"]
    assert [p.row for p in problems] == [2, 3]
    assert all("liste" in p.reason and "event_id" in p.reason for p in problems)
    [sheet] = [s for s in result.sheets if s.file == "liste.csv"]
    assert sheet.counts()["rows_quarantined"] == 2


def test_the_message_shows_the_first_names_tried_not_every_title_cell(tmp_path):
    (tmp_path / "evenements.csv").write_text(EVENTS, encoding="utf-8")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Salle B"
    for row in [["Feuille d'émargement"], ["Matinée"], ["Accueil 9h"], ["Pause 10h30"], ["Déjeuner"], [],
                *[line.split(";") for line in SIGN_IN.splitlines()]]:
        sheet.append(row)
    book.save(tmp_path / "liste.xlsx")
    reasons = {p.reason for p in ingest(tmp_path).problems if p.table == "event_attendance"}
    assert reasons and all("more)" in r and r.count("; ") <= 4 for r in reasons), reasons


@pytest.mark.parametrize("name", ["Calanques Therapeutics", "calanques  therapeutics"])
def test_rounds_kept_under_the_start_up_name(tmp_path, name):
    (tmp_path / "startups.csv").write_text("Code;Raison sociale;Date de création\nS-1;Calanques Therapeutics;"
                                           "12/01/2021\n", encoding="utf-8")
    (tmp_path / "levees.csv").write_text(f"Start-up;Date;Montant;Type\n{name};03/03/2022;500 k€;Seed\n",
                                         encoding="utf-8")
    rounds = ingest(tmp_path).tables["startup_rounds"]
    assert list(rounds["startup_id"]) == ["S-1"] and list(rounds["amount_eur"]) == [500_000.0]


def test_a_form_option_that_writes_the_events_id_with_its_title_and_date(tmp_path):
    """Google Forms sign-ins pick the session from options such as "EV-01 · Journée innovation · 12/03/2022"."""
    (tmp_path / "evenements.csv").write_text(EVENTS, encoding="utf-8")
    (tmp_path / "reponses.csv").write_text(
        "Horodateur;Session suivie;Nom;Prénom;Établissement\n"
        "12/03/2022 14:00:37;EV-01 · Journée innovation oncologie · 12/03/2022;MARTIN;Léa;AMU\n"
        "05/10/2022 09:10:00;EV-02 – Créer sa start-up en santé – 05/10/2022;DURAND;Paul;Inserm\n", encoding="utf-8")
    result = ingest(tmp_path)
    assert _attendance(result) == [("EV-01", "AMU"), ("EV-02", "INSERM")]
    assert result.links["event_attendance.event_id"] == 2


def test_a_presence_column_of_ticks_leaves_the_unticked_out(tmp_path):
    (tmp_path / "evenements.csv").write_text(EVENTS, encoding="utf-8")
    (tmp_path / "inscriptions.csv").write_text(
        "Session;Nom de famille;Prénom;Établissement;Présent(e)\n"
        "EV-01;MARTIN;Léa;AMU;x\nEV-01;DURAND;Paul;Inserm;\nEV-02;DURAND;Paul;Inserm;x\n", encoding="utf-8")
    result = ingest(tmp_path)
    assert _attendance(result) == [("EV-01", "AMU"), ("EV-02", "INSERM")]
    assert [d.reason for d in result.dropped] == ["registered but did not attend (Présent(e) not ticked)"]


def _with_events(tmp_path, name: str, text: str):
    """Ingest a folder of the events and one more file."""
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "events.csv").write_text(EVENTS, encoding="utf-8")
    (raw / name).write_text(text, encoding="utf-8")
    return ingest(raw)


def test_a_retyped_sign_in_list_names_each_lines_event_by_its_title(tmp_path):
    result = _with_events(tmp_path, "saisie.csv",
                          "Fichier scanné;Intitulé (en-tête de la feuille);Date (en-tête);Nom Prénom;Établissement;Unité\n"
                          "scan_001.pdf;Journée innovation oncologie;12/03/2022;MARTIN Léa;AMU;UMR 7258\n"
                          "scan_001.pdf;Journée innovation oncologie;12/03/2022;DURAND Paul;Inserm;U1068\n"
                          "scan_002.pdf;Créer sa start-up en santé;05/10/2022;PETIT Marc;UCA;U1081\n")
    assert sorted(result.tables["event_attendance"]["event_id"]) == ["EV-01", "EV-01", "EV-02"]
    assert not result.problems


def test_the_row_s_date_tells_apart_two_events_of_one_title(tmp_path):
    """A webinar platform's export names each line's session by its title, given to an event of 2018 too; the
    line's "Session date" says which."""
    (tmp_path / "events.csv").write_text(EVENTS + "EV-00;23/11/2018;Créer sa start-up en santé;Formation;CPP;2\n",
                                         encoding="utf-8")
    (tmp_path / "webinar_participants_export.csv").write_text(
        "Webinar title,Session date,First name,Last name,Email,Organization\n"
        "Créer sa start-up en santé,2022-10-05,Léa,Martin,lea.martin@univ-amu.fr,AMU\n"
        "Créer sa start-up en santé,2022-10-05,Paul,Durand,paul.durand@inserm.fr,Inserm\n"
        "Journée innovation oncologie,2022-03-12,Marc,Petit,marc.petit@univ-cotedazur.fr,UCA\n", encoding="utf-8")
    result = ingest(tmp_path)
    assert sorted(result.tables["event_attendance"]["event_id"]) == ["EV-01", "EV-02", "EV-02"]
    assert not result.problems


def test_a_webinar_report_names_its_event_in_its_summary(tmp_path):
    result = _with_events(
        tmp_path, "98765432100_RapportDesParticipants.csv",
        "Rapport des participants\n"
        "Sujet,ID du webinaire,Heure de début réelle,Nb de personnes inscrites\n"
        '"Créer sa start-up en santé","987 6543 2100","05/10/2022 14:00:00",3\n'
        "\n"
        "Détails du participant\n"
        "A participé,Prénom,Nom,E-mail,Organisation\n"
        'Oui,"Léa","Martin","lea.martin@univ-amu.fr","AMU"\n'
        'Non,"Paul","Durand","paul.durand@inserm.fr","Inserm"\n'
        'Oui,"Marc","Petit","marc.petit@univ-cotedazur.fr","UCA"\n')
    attendance = result.tables["event_attendance"]
    assert list(attendance["event_id"]) == ["EV-02", "EV-02"]  # Paul registered but did not attend
    assert any(d.reason.startswith("registered but did not attend") for d in result.dropped)


def test_a_round_naming_its_start_up_without_the_legal_form_of_the_register(tmp_path):
    """The register keeps the company's legal name ("Massalia Oncology SAS"), the list of rounds its usual name
    ("Massalia Oncology"): the round is the start-up's, not another company's to quarantine."""
    (tmp_path / "startups.csv").write_text("Réf.;Raison sociale;Date de création\n"
                                           "SU-01;Massalia Oncology SAS;14/03/2018\n", encoding="utf-8")
    (tmp_path / "levees.csv").write_text("Start-up;Date;Montant (€);Type\n"
                                         "Massalia Oncology;08/06/2022;500000;Seed\n", encoding="utf-8")
    result = ingest(tmp_path)
    assert list(result.tables["startup_rounds"]["startup_id"]) == ["SU-01"]
    assert not [p for p in result.problems if p.table == "startup_rounds"]


def test_sign_in_sessions_listed_on_the_events_row_link_their_attendance(tmp_path):
    """An events register lists each event's sign-in sessions ("S19-03 ; S19-04"); the sign-in tool keeps one
    sheet per session, named by its reference, and an export keyed by session: each row is its event's."""
    from workbooks import write_workbook  # tests/ingest, beside this file

    events = [["Réf. animation", "Date", "Intitulé", "Format", "Organisateur", "Nb présents",
               "Sessions d'émargement (réf. Edusign)"],
              ["AN19-03", "2019-02-24", "Formation création de start-up", "Formation", "CPP", 3, "S19-03 ; S19-04"],
              ["AN19-04", "2019-04-02", "Atelier maturation", "Atelier", "IT", 1, "S19-05"],
              ["AN19-05", "2019-08-09", "Webinaire Mission Cancer", "Webinaire", "CPP", 0, None]]
    session = [["Edusign — Feuille d'émargement"], ["Référence : S19-03"], [],
               ["Nom", "E-mail", "Établissement", "Statut"],
               ["MARTIN Léa", "lea.martin@univ-amu.example", "AMU", "Présent"],
               ["VIAL Xavier", "xavier.vial@ap-hm.example", "APHM", "Absent"],  # registered, did not come
               ["ROUX Inès", "ines.roux@cnrs.example", "CNRS", "Excusé"],
               ["DURAND Paul", "paul.durand@inserm.example", "Inserm", "Retard"]]  # came late: came
    write_workbook(tmp_path / "raw" / "Kit_Animations.xlsx", {"Animations": events})
    write_workbook(tmp_path / "raw" / "Emargements_2019.xlsx", {"S19-03": session})
    (tmp_path / "raw" / "export_edusign.csv").write_text(
        "Référence session;Session;Participant;E-mail;Établissement\n"  # the session's title: the event's, twice
        "S19-04;Formation création de start-up (après-midi);ROUX Anne;anne.roux@ipc.example;IPC\n"
        "S19-05;Atelier maturation;PETIT Marc;marc.petit@amu.example;AMU\n", encoding="utf-8")
    result = ingest(tmp_path / "raw")
    assert _attendance(result) == [("AN19-03", "AMU"), ("AN19-03", "INSERM"), ("AN19-03", "IPC"), ("AN19-04", "AMU")]
    assert not result.problems
    assert sorted(d.reason.split(" (")[0] for d in result.dropped if d.file.startswith("Emargements")) == [
        "registered but did not attend"] * 2


def test_a_name_alone_in_a_sign_in_list_is_an_attendee_whose_lab_is_not_written(tmp_path):
    (tmp_path / "evenements.csv").write_text(EVENTS, encoding="utf-8")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "EV-01"
    for row in [["Feuille d'émargement – EV-01"], [], ["Nom", "Laboratoire", "Signature"],
                ["Camille Vasseur", "C3M – U1065"], ["Loïc Castellane"], ["Manon Kacimi", "CRCM – U1068"]]:
        sheet.append(row)
    book.save(tmp_path / "emargements.xlsx")
    result = ingest(tmp_path)
    assert len(result.tables["event_attendance"]) == 3
    assert not any("signature" in d.reason for d in result.dropped)


def test_a_ticketing_tools_number_for_the_event_keys_its_exports_of_participants(tmp_path):
    """An events list gives each event's number in a ticketing tool ("ID Weezevent": 659883, typed as a number);
    the tool's export of participants is keyed by that number."""
    from workbooks import write_workbook  # tests/ingest, beside this file

    events = [["Code", "Date", "Titre", "Type", "Organisateur", "Participants", "ID Weezevent"],
              ["EV-21-01", "2021-03-11", "Journée start-up", "Colloque", "CPP", 2, 659883],
              ["EV-21-02", "2021-05-20", "Atelier PI", "Atelier", "IT", 1, 661204]]
    write_workbook(tmp_path / "raw" / "Evenements.xlsx", {"Événements": events})
    (tmp_path / "raw" / "weezevent_participants.csv").write_text(
        "Événement (ID);Nom;Prénom;E-mail;Société\n"
        "659883;MARTIN;Léa;lea.martin@univ-amu.example;AMU\n"
        "659883;DURAND;Paul;paul.durand@inserm.example;Inserm\n"
        "661204;PETIT;Marc;marc.petit@amu.example;AMU\n", encoding="utf-8")
    result = ingest(tmp_path / "raw")
    assert _attendance(result) == [("EV-21-01", "AMU"), ("EV-21-01", "INSERM"), ("EV-21-02", "AMU")]


def test_a_file_named_with_its_event_s_date_and_title_among_namesakes(tmp_path):
    """"2022-10-05_creer-sa-start-up-en-sante.csv": two events bear that title; the one of the name's date."""
    (tmp_path / "evenements.csv").write_text(EVENTS + "EV-03;14/01/2021;Créer sa start-up en santé;Formation;IT;2\n",
                                             encoding="utf-8")
    (tmp_path / "2022-10-05_creer-sa-start-up-en-sante.csv").write_text(SIGN_IN, encoding="utf-8")
    result = ingest(tmp_path)
    assert _attendance(result) == [("EV-02", "AMU"), ("EV-02", "INSERM")]
    assert not result.problems


def test_a_round_naming_its_company_short_is_the_company_s(tmp_path):
    """"Immunolab" for "Immunolab Therapeutics", "NanoTarget Bio SAS" for "NanoTarget Bio": the one company whose
    name starts with those words (or is it, without its legal form); a name too short to tell, or shared, is no one's."""
    write_workbook(tmp_path / "startups.xlsx", {
        "Sociétés": [["Société", "SIREN", "Date de création", "Statut"],
                     ["Immunolab Therapeutics", "528257587", "2021-03-11", "En activité"],
                     ["NanoTarget Bio", "541919222", "2021-02-21", "En activité"],
                     ["Onco Vista", "904766433", "2021-05-10", "En activité"],
                     ["Onco Prism", "974985657", "2021-06-18", "En activité"]],
        "Levées de fonds": [["Société", "Date", "Type", "Montant (€)"],
                            ["Immunolab", "2021-11-24", "Pré-amorçage", 293000],
                            ["NanoTarget Bio SAS", "2022-07-29", "Prêt d'honneur", 295000],
                            ["Onco", "2022-01-10", "Amorçage", 500000]]})
    result = ingest(tmp_path)
    rounds = result.tables["startup_rounds"]
    assert sorted(rounds["startup_id"]) == ["Immunolab Therapeutics", "NanoTarget Bio"]
    assert [p.value for p in result.problems if p.table == "startup_rounds"] == ["Onco"]


def test_a_quarantined_line_of_a_list_is_keyed_by_the_parent_of_its_sheet(tmp_path):
    """A sign-in line without its name, on the sheet of an event whose title another event bears too: its quarantine
    entry names the event the sheet's other lines were tied to, not the title."""
    events = EVENTS + "EV-03;19/12/2022;Journée innovation oncologie;Atelier;CPP;2\n"
    (tmp_path / "evenements.csv").write_text(events, encoding="utf-8")
    book = openpyxl.Workbook()
    book.active.title = "EV-03 (19.12.2022)"
    for line in ["Action : Journée innovation oncologie", "Réf. action : EV-03", "Date : 19/12/2022", ""]:
        book.active.append([line])
    for line in (SIGN_IN + ";;AMU;U1068\n").splitlines():
        book.active.append(line.split(";"))
    book.save(tmp_path / "Emargements_2022.xlsx")
    result = ingest(tmp_path)
    assert _attendance(result) == [("EV-03", "AMU"), ("EV-03", "INSERM")]
    assert [p.key.split(" / ")[0] for p in result.problems if p.table == "event_attendance"] == ["EV-03"]
