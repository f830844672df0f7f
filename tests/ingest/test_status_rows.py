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


def test_a_row_whose_status_says_it_repeats_another_is_dropped_as_such(tmp_path):
    (tmp_path / "startups.csv").write_text("Start-up ID;Name;Created;Lead institution\n"
                                           "SU-01;Calanque Onco;2019-03-01;IPC\n", encoding="utf-8")
    (tmp_path / "news_watch.csv").write_text(
        "Date;Headline;Portfolio company;Round;Amount;Status\n"
        "2021-05-07;Calanque Onco raises 14.3 M€;SU-01;Series A;14,3 M€;Logged\n"
        "2021-05-21;Calanque Onco closes its €14.3m series A;SU-01;Series A;€14.3m;Duplicate\n"
        "2022-02-01;Calanque Onco: a seed extension;SU-01;Seed;€1m;Logged\n", encoding="utf-8")
    result = ingest(tmp_path)
    rounds = result.tables["startup_rounds"]
    assert list(rounds["amount_eur"]) == [14_300_000.0, 1_000_000.0]
    [dropped] = [d for d in result.dropped if "duplicate" in d.reason]
    assert dropped.reason == "a duplicate of another row (Status: Duplicate)"
