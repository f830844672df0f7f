"""Tables stacked on one sheet (stacked.py): each numbered table of a year's tab read on its own, start-ups known by
their name among them, an empty table's header over a sentence saying it is empty."""

from __future__ import annotations

import datetime as dt

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest


def test_a_years_tab_of_stacked_tables(tmp_path):
    rows = [["Revue finale – 2021"], [],
            ["4. Émargements 2021"], ["Événement", "Nom", "Prénom", "Établissement", "Courriel"],
            ["EV-2021-01", "BLANC", "Noémie", "AMU", "noemie.blanc@amu.example.fr"],
            ["EV-2021-01", "PERROT", "Yann", "IPC", "yann.perrot@ipc.example.fr"], [],
            ["5. Start-up créées en 2021"],
            ["Société", "SIREN", "Immatriculation", "Établissement d'origine", "Statut", "Effectif"],
            ["ImmunoPhare", "698521010", "mai 2021", "CNRS DR12", "🟢 en activité", 23],
            ["Calanq'Onco", "290427608", dt.date(2021, 1, 21), "Centre Antoine Lacassagne", "🟢 en activité", 31], [],
            ["6. Levées de fonds des start-up 2021"], ["Société", "Date de clôture", "Montant (€)", "Nature"],
            ["ImmunoPhare", dt.date(2021, 9, 3), 150000, "Amorçage"], [],
            ["7. Candidatures européennes 2021"],
            ["Réf.", "Acronyme", "Programme", "Date de dépôt", "Rôle", "Statut"],
            ["Pas de candidature accompagnée"]]
    events = [["Réf.", "Date", "Intitulé", "Type", "Organisé par", "Participants"],
              ["EV-2021-01", dt.date(2021, 6, 22), "Pitch day", "Pitch", "CPP", 2]]
    write_workbook(tmp_path / "raw" / "revue.xlsx", {"2021": rows, "Événements": events})
    result = ingest(tmp_path / "raw")
    assert list(result.tables["startups"]["startup_id"]) == ["ImmunoPhare", "Calanq'Onco"]
    assert len(result.tables["event_attendance"]) == 2 and len(result.tables["startup_rounds"]) == 1
    assert not result.problems
