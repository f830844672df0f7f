"""An attendance list whose attendee's name no header names (person_columns.py): a SharePoint sign-in list keeps it
in its default "Titre" column, beside the kiosk account that created each item."""

from __future__ import annotations

from pathlib import Path

from partnership_metrics.ingest.ingestion import ingest

EVENTS = "Réf. action;Date;Intitulé;Type;Organisé par;Nb de présents\nACT-21-01;07/03/2021;Atelier PI;Atelier;CPP;6\n"
NAMES = ["MOREAU Lucie", "DUMONT François", "Agnès Perrin", "valérie schmitt", "Karim Vidal", "Julie Roux"]


def _sign_in(tmp_path: Path, names: list[str], created_by: list[str]) -> list[str]:
    (tmp_path / "actions.csv").write_text(EVENTS, encoding="utf-8")
    lines = ["Titre;Adresse e-mail;Établissement;Action;Créé par"]
    lines += [f"{name};{name.split()[-1].lower()}@univ-amu.fr;AMU;ACT-21-01;{by}"
              for name, by in zip(names, created_by, strict=True)]
    (tmp_path / "Émargements - Tous les éléments.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ingest(tmp_path)


def test_the_names_in_a_sharepoint_lists_title_column_are_the_attendees(tmp_path):
    result = _sign_in(tmp_path, NAMES, ["Borne émargement CPP-IT"] * len(NAMES))
    [sheet] = [s for s in result.sheets if s.table == "event_attendance"]
    assert sheet.columns["Titre"] == "attendee" and "Créé par" not in sheet.columns
    assert len(result.tables["event_attendance"]) == len(NAMES)


def test_two_columns_of_names_leave_the_attendees_read_by_their_e_mail(tmp_path):
    result = _sign_in(tmp_path, NAMES, ["Maëlle Rocher", "Sonia Belkacem", "Maëlle Rocher", "Cyril Antonetti",
                                        "Maëlle Rocher", "Sonia Belkacem"])
    [sheet] = [s for s in result.sheets if s.table == "event_attendance"]
    assert "Titre" not in sheet.columns and "Créé par" not in sheet.columns  # which one is the attendee: not guessed



def test_a_typed_sign_in_sheet_counts_the_signed_lines_only(tmp_path):
    (tmp_path / "EV19-03.csv").write_text(
        "N°;NOM Prénom;Unité;Adresse mail;Signature\n"
        "1;ACHARD Inès;U 1065;ines.achard@example.fr;✓\n"
        "2;BLANC Théo;U1065;theo.blanc@example.fr;absent\n"
        "3;ESTÈVE Théo;Inserm U1104;theo.esteve@example.fr;signé\n"
        "4;GASQUET Salomé;UMR CNRS 1252;salome.gasquet@example.fr;excusée\n", encoding="utf-8")
    result = ingest(tmp_path)
    attendance = result.tables["event_attendance"]
    assert sorted(attendance["research_unit"]) == ["U1065", "U1104"]
    assert sorted(d.reason.split(" (")[0] for d in result.dropped if d.reason.startswith("registered")) == [
        "registered but did not attend", "registered but did not attend"]


def test_a_registration_form_marked_on_the_day_reads_who_came_whatever_its_odd_notes(tmp_path):
    marks = ["Présent", "Présent", "Absent", "Présent", "Excusé", "Présent", "Présent", "Présent", "Présent",
             "Présent", "doublon (voir ligne au-dessus)"]
    lines = ["Horodateur;Adresse e-mail;Nom et prénom;Établissement;Présence le jour J (pointage accueil)"]
    lines += [f"20/05/2023 09:{k:02d};p{k}@example.org;Personne{k} Martin;AMU;{mark}" for k, mark in enumerate(marks)]
    (tmp_path / "Inscription Pitch Day EV23-05 (réponses).csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = ingest(tmp_path)
    assert len(result.tables["event_attendance"]) == 9  # the absent and the excused registered and did not come
    assert sum(d.reason.startswith("registered but did not attend") for d in result.dropped) == 2


def test_a_person_written_with_their_e_mail_on_a_second_line_is_the_person_their_name_says(tmp_path):
    (tmp_path / "projets.csv").write_text(
        "Réf. projet;Titre;Porteur (nom + courriel);Établissement;Détecté le;Origine;Suivi par\n"
        '"P-1";Sonde;"Dr Jean Dupont\njean.dupont@example.org";AMU;12/03/2021;CPP;CPP\n'
        '"P-2";Capteur;"Pr Léa Martin\nlea.martin@example.org";UCA;05/06/2021;IT;IT\n'
        '"P-3";Vaccin;"Dr Anne Roux\nanne.roux@example.org";UCA;05/07/2021;IT;IT\n'
        '"P-4";Test;Pr Léa Martin;AMU;05/09/2021;CPP;CPP\n', encoding="utf-8")
    (tmp_path / "EV-1 émargement.csv").write_text(  # the same people by name alone
        "Nom Prénom;Établissement;Unité\nDUPONT Jean;AMU;U1068\nMartin Léa;UCA;U1065\n", encoding="utf-8")
    (tmp_path / "evenements.csv").write_text(
        "Réf.;Date;Intitulé;Type;Organisateur;Participants\nEV-1;03/10/2021;Atelier;Atelier;CPP;2\n", encoding="utf-8")
    tables = ingest(tmp_path).tables
    pi = dict(zip(tables["projects"]["project_id"], tables["projects"]["pi"], strict=True))
    assert None not in pi.values() and pi["P-2"] == pi["P-4"]
    assert {pi["P-1"], pi["P-2"]} == set(tables["event_attendance"]["attendee"])
