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

