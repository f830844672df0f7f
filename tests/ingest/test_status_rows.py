"""Rows that a column the table does not take, or a cell of their own, says are no rows of it (status_rows.py)."""

from __future__ import annotations

from partnership_metrics.ingest.ingestion import ingest


def test_a_kiosks_test_entry_that_says_not_to_count_it_is_dropped(tmp_path):
    (tmp_path / "actions.csv").write_text("Réf. action;Date;Intitulé;Type;Organisé par;Nb de présents\n"
                                          "ACT-21-01;07/03/2021;Atelier PI;Atelier;CPP;3\n", encoding="utf-8")
    (tmp_path / "Émargements.csv").write_text(
        "Nom;Adresse e-mail;Établissement;Action\n"
        "TEST borne – ne pas tenir compte;maelle.rocher@it.example;Inserm;ACT-21-01\n"
        "MOREAU Lucie;lucie.moreau@ipc.example;IPC;ACT-21-01\n"
        "Agnès Perrin;agnes.perrin@amu.example;AMU;ACT-21-01\n"
        "Paul Compte;paul.compte@amu.example;AMU;ACT-21-01\n", encoding="utf-8")  # a name is no such phrase
    result = ingest(tmp_path)
    assert len(result.tables["event_attendance"]) == 3 and not result.problems
    [dropped] = [d for d in result.dropped if "not to be counted" in d.reason]
    assert "ne pas tenir compte" in dropped.reason
