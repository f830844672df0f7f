"""A list of children that repeats its parent's fields on every line (parent_rows.py), and a sheet per start-up that
writes the start-up above its rounds (recognition)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest

REPORT = """"Code action","Nom de la campagne","Type","Date de début","Organisateur","Lieu","Nombre de présents","Prénom","Nom","E-mail","Nom du compte"
"ANIM21-01","Café innovation 2021","Sensibilisation","15/01/2021","Cancéropôle PACA","Marseille","3","Sophie","André","sophie.andre@cnrs.example","CNRS"
"ANIM21-01","Café innovation 2021","Sensibilisation","15/01/2021","Cancéropôle PACA","Marseille","3","Vincent","Blanc","vincent.blanc@cal.example","Centre Antoine Lacassagne"
"ANIM21-01","Café innovation 2021","Sensibilisation","15/01/2021","Cancéropôle PACA","Marseille","3","Léa","Roux","","AMU"
"ANIM21-02","Atelier PI","Atelier","02/03/2021","Inserm Transfert","Nice","2","Sophie","André","sophie.andre@cnrs.example","CNRS"
"ANIM21-02","Atelier PI","Atelier","02/03/2021","Inserm Transfert","Nice","2","Marc","Petit","","UniCA"
"""


def test_a_campaign_report_gives_the_events_and_their_attendance(tmp_path: Path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "Rapport Salesforce - Campagnes avec membres.csv").write_text(REPORT, encoding="utf-8")
    result = ingest(raw)
    events = result.tables["events"]
    assert dict(zip(events["event_id"], events["attendees"], strict=True)) == {"ANIM21-01": 3, "ANIM21-02": 2}
    assert sorted(result.tables["event_attendance"]["event_id"]) == ["ANIM21-01"] * 3 + ["ANIM21-02"] * 2
    assert not result.problems


def test_a_list_of_events_with_their_speaker_is_no_attendance(tmp_path: Path):
    rows = [["Code action", "Intitulé", "Type", "Date", "Organisé par", "Lieu", "Participants", "Prénom", "Nom"],
            ["ANIM21-01", "Café innovation", "Sensibilisation", dt.date(2021, 1, 15), "CPP", "Marseille", 30, "Julie",
             "Meyer"],
            ["ANIM21-02", "Atelier PI", "Atelier", dt.date(2021, 3, 2), "IT", "Nice", 12, "Paul", "Girard"]]
    write_workbook(tmp_path / "raw" / "actions.xlsx", {"Actions": rows})
    result = ingest(tmp_path / "raw")
    assert "event_attendance" not in result.tables or result.tables["event_attendance"].empty
    assert list(result.tables["events"]["event_id"]) == ["ANIM21-01", "ANIM21-02"]


def test_a_sheet_per_start_up_writes_the_start_up_above_its_rounds(tmp_path: Path):
    def card(ref, name, rounds):
        return [[f"Fiche société — {name}"], ["Réf. société", ref], ["SIREN", "569919962"], [],
                ["Levées de fonds et financements non dilutifs"],
                ["Date", "Nature du tour", "Montant", "Investisseurs / financeurs", "Source"], *rounds,
                ["Total levé", None, 0]]
    startups = [["Réf.", "Société", "Date d'immatriculation"], ["SU-01", "Calanques Oncology", dt.date(2018, 2, 16)],
                ["SU-06", "Massalia Imaging", dt.date(2022, 8, 1)]]
    write_workbook(tmp_path / "raw" / "startups.xlsx", {
        "Liste des sociétés": startups,
        "Calanques Oncology": card("SU-01", "Calanques Oncology", [
            [dt.date(2019, 2, 23), "Pré-amorçage", "186 k€", "Truffle Capital", "la société"],
            [dt.date(2019, 10, 11), "Amorçage", "480 k€", "Réseau Entreprendre", "la société"]]),
        "Massalia Imaging": card("SU-06", "Massalia Imaging", [
            [dt.date(2023, 4, 9), "Pré-amorçage", "329 k€", "Bpifrance", "la société"]])})
    result = ingest(tmp_path / "raw")
    rounds = result.tables["startup_rounds"]
    assert sorted(zip(rounds["startup_id"], rounds["amount_eur"], strict=True)) == [
        ("SU-01", 186_000), ("SU-01", 480_000), ("SU-06", 329_000)]
    assert "funding" not in result.tables


def test_a_tracker_of_rounds_repeating_the_start_up_gives_both_tables(tmp_path: Path):
    company = {"SU-1": ["Nanolys", "SU-1", "512 345 678", dt.date(2020, 3, 2), "Oui", "Active"],
               "SU-2": ["Theravie", "SU-2", "", dt.date(2021, 9, 14), "Non", "Active"],
               "SU-3": ["Oncotrack", "SU-3", "", dt.date(2022, 1, 5), "Oui", "Liquidée"]}
    rows = [["Suivi des start-up – chargés d'affaires"], [],
            ["Start-up", "Code", "SIREN", "Date de création", "Lauréat i-Lab", "Statut", "Tour", "Date du tour",
             "Montant (k€)", "Investisseurs"],
            [*company["SU-1"], "Amorçage", dt.date(2020, 11, 3), 400, "Business angels"],
            [*company["SU-1"], "Série A", dt.date(2022, 6, 30), 3200, "Fonds régional"],
            [*company["SU-2"], "Prêt d'honneur", dt.date(2022, 2, 1), 50, "Réseau Entreprendre"],
            [*company["SU-3"], "Amorçage", dt.date(2022, 7, 8), 600, "Business angels"],
            [*company["SU-3"], "Subvention", dt.date(2023, 1, 20), 150, "Bpifrance"],
            ["Cellvia", "SU-4", "", dt.date(2023, 4, 3), "Non", "Active", None, None, None, None]]  # no round yet
    write_workbook(tmp_path / "raw" / "suivi.xlsx", {"Start-up": rows})
    result = ingest(tmp_path / "raw")
    assert list(result.tables["startups"]["startup_id"]) == ["SU-1", "SU-2", "SU-3", "SU-4"]
    assert not result.problems  # SU-4's line holds no round: dropped with why, not quarantined
    assert any(d.row == 9 and d.reason.startswith("no startup_rounds on this line") for d in result.dropped)
    rounds = result.tables["startup_rounds"]
    assert list(rounds["startup_id"]) == ["SU-1", "SU-1", "SU-2", "SU-3", "SU-3"]  # the code, not the name
    # "Lauréat i-Lab: Oui" is the company's award, not the type of each of its rounds
    assert list(rounds["round_type"]) == ["seed", "series_a", "loan", "seed", "grant"]
    assert rounds["amount_eur"].sum() == 4_400_000
