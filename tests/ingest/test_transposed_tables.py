"""A table kept one column per record, its fields down the first column (transposed_tables.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest


def test_one_column_per_event_under_a_title(tmp_path: Path):
    review = [["Bilan des animations 2018"], ["Une colonne par animation."], [],
              ["Référence", "EV-18-01", "EV-18-02", "EV-18-03"],
              ["Date", dt.date(2018, 4, 4), "24/05/2018", dt.date(2018, 5, 28)],
              ["Intitulé", "Atelier maturation", "Webinaire Bpifrance", "Journée innovation"],
              ["Type d'animation", "Atelier", "Webinaire", "Colloque"],
              ["Organisé par", "Cancéropôle PACA", "CPP + IT (conjoint)", "Inserm Transfert"],
              ["Participants", 21, 48, 96], ["Satisfaction (/5)", 4.2, "très bonne", 4.5]]
    write_workbook(tmp_path / "raw" / "bilan.xlsx", {"2018": review})
    result = ingest(tmp_path / "raw")
    events = result.tables["events"]
    assert list(events["event_id"]) == ["EV-18-01", "EV-18-02", "EV-18-03"]
    assert list(events["organiser"]) == ["cpp", "joint", "it"]
    assert list(events["attendees"]) == [21, 48, 96]
    assert [str(d)[:10] for d in events["event_date"]] == ["2018-04-04", "2018-05-24", "2018-05-28"]
    assert [p.column for p in result.cell_problems] == ["satisfaction"]  # "très bonne": emptied, row kept
    assert list(events["source_column"]) == ["B", "C", "D"]


def test_a_plain_table_is_not_turned(tmp_path: Path):
    rows = [["Référence", "Date", "Intitulé", "Type", "Organisateur", "Participants"],
            ["EV-18-01", dt.date(2018, 4, 4), "Atelier", "Atelier", "CPP", 21]]
    write_workbook(tmp_path / "raw" / "events.xlsx", {"Events": rows})
    result = ingest(tmp_path / "raw")
    assert list(result.tables["events"]["event_id"]) == ["EV-18-01"]
    assert "per column" not in (result.sheets[0].note or "")


def test_a_fact_sheet_of_start_ups_known_by_their_names(tmp_path: Path):
    """One column per company, no id: each start-up is known by its name, as its rounds name it."""
    sheet = [["Start-up issues des projets accompagnés – mise à jour déc. 2023"], [],
             ["Société", "Oncostra", "Theranostix Med", "ImmunoPulse"],
             ["SIREN", "496 084 583", "751389982", "711 895 961"],
             ["Date d'immatriculation", dt.date(2018, 7, 11), "2019", dt.date(2019, 1, 14)],
             ["Établissement d'origine", "Aix-Marseille Université", "CAL", "UCA"],
             ["Lauréat i-Lab", "Oui", "Non", "Non"], ["Effectif", 18, 0, 9]]
    write_workbook(tmp_path / "raw" / "portefeuille.xlsx", {"Fiches start-up": sheet})
    result = ingest(tmp_path / "raw")
    startups = result.tables["startups"]
    assert list(startups["startup_id"]) == list(startups["name"]) == ["Oncostra", "Theranostix Med", "ImmunoPulse"]
    assert [str(d)[:10] for d in startups["creation_date"]] == ["2018-07-11", "2019-01-01", "2019-01-14"]
    assert list(startups["ilab_laureate"]) == [True, False, False] and not result.problems


def test_a_tracker_kept_one_column_per_proposal_reads_a_result_over_dates_as_the_result_s_date(tmp_path: Path):
    """"Outcome" gives the status; "Result" below it holds dates: the result's date, as in a table the right way
    round (the columns a header misnames are read for what they hold, turned or not)."""
    tracker = [["EU grants office – proposals supported"], [],
               ["Ref", "EU-18-01", "EU-18-02", "EU-18-03"],
               ["Project", "ALPHA", "BETA", "GAMMA"],
               ["Scheme", "ERC", "MSCA (H2020)", "EIC"],
               ["Submission date", "2018-02-14", "2018-09-12", "2018-10-03"],
               ["Role", "Coordinator", "Partner", "Partner"],
               ["Beneficiary", "AMU", "IPC", "CNRS"],
               ["Outcome", "Funded", "Not funded", "Rejected"],
               ["Result", "2018-10-02", "2019-03-01", "2019-05-08"]]
    write_workbook(tmp_path / "raw" / "tracker.xlsx", {"Proposals 2018": tracker})
    proposals = ingest(tmp_path / "raw").tables["eu_proposals"]
    assert list(proposals["status"]) == ["funded", "not_funded", "not_funded"]
    assert [str(d)[:10] for d in proposals["result_date"]] == ["2018-10-02", "2019-03-01", "2019-05-08"]



def test_a_proposal_s_status_left_blank_is_the_colour_of_its_column_a_legend_below_explains(tmp_path: Path):
    """"Couleur de l'en-tête = statut": each proposal's reference filled with its status's colour, the legend's
    swatches below the table beside their labels; a blank status is read from the colour, a written one kept."""
    tracker = [["Suivi des dépôts européens"], ["Couleur de l'en-tête = statut (légende en bas)"], [],
               ["Réf. interne", "EU-21-01", "EU-21-02", "EU-21-03", "EU-21-04"],
               ["Acronyme", "PATHNANO", "CARLYM", "MICNANO", "VIALYM"],
               ["Programme", "ERC StG", "HE Cluster 1", "HE Cluster 1", "Mission Cancer"],
               ["Date de dépôt", "2021-01-03", "2021-03-08", "2021-09-04", "2021-09-15"],
               ["Rôle", "Coordinateur", "Partenaire", "Partenaire", "Coordinatrice"],
               ["Statut", None, "Non retenu", "Retiré", None],
               ["Montant obtenu (€)", 1_500_000, None, None, None],
               [], [],
               ["Légende"], [None, "Financé"], [None, "Non retenu"], [None, "Retiré"], [None, "En attente"]]
    fills = {"B4": "92D050", "C4": "FF7C80", "D4": "BFBFBF", "E4": "FFD966",  # the references, row 4
             "A14": "92D050", "A15": "FF7C80", "A16": "BFBFBF", "A17": "FFD966"}  # the legend's swatches
    write_workbook(tmp_path / "raw" / "tracker.xlsx", {"HE 2021": tracker}, fills={"HE 2021": fills})
    result = ingest(tmp_path / "raw")
    proposals = result.tables["eu_proposals"].sort_values("proposal_id")
    assert list(proposals["status"].astype(str)) == ["funded", "not_funded", "withdrawn", "pending"]
    assert not result.problems

def test_proposals_one_column_each_under_a_band_of_years(tmp_path: Path):
    """An EU tracker kept one column per proposal, a band of submission years merged above the references ("Année de
    dépôt | 2021 (over two) | 2022 | 2023"), on a sheet named by its years ("2021-2023 (Horizon Europe)"): the
    proposals, not a wide table of amounts by year."""
    rows = [["Propositions européennes accompagnées — une colonne par dossier"], [],
            ["Année de dépôt", "2021", "", "2022", "2023"],
            ["Réf. dossier", "UE-2021-01", "UE-2021-02", "UE-2022-01", "UE-2023-01"],
            ["Acronyme", "TARGCAN", "CARONCO", "GLIOTX", "SIGCAN"],
            ["Programme", "EU4Health", "MSCA PF", "Horizon Europe - Santé", "ERC AdG"],
            ["Date de dépôt", dt.date(2021, 8, 14), "mars 2021", dt.date(2022, 10, 5), dt.date(2023, 4, 2)],
            ["Rôle équipe régionale", "Partenaire", "Partenaire", "Coordinateur", "Coordinateur"],
            ["Établissement", "Centre A. Lacassagne", "UCA", "CNRS DR12", "AMU"],
            ["Accompagné par", "IT", "IT", "CPP", "CPP + IT"],
            ["Budget demandé (€)", 3000000.0, 750000.0, "1,2 M€", 2500000.0],
            ["Statut", "Non retenu", "Rejeté", "Financé", "En attente"],
            ["Montant obtenu (€)", "—", "—", 1020000.0, ""],
            ["Date du résultat", dt.date(2022, 2, 14), dt.date(2021, 8, 1), dt.date(2023, 2, 5), ""]]
    write_workbook(tmp_path / "raw" / "suivi_ue.xlsx", {"2021-2023 (Horizon Europe)": rows},
                   merged={"2021-2023 (Horizon Europe)": ["B3:C3"]})
    result = ingest(tmp_path / "raw")
    proposals = result.tables["eu_proposals"]
    assert list(proposals["proposal_id"]) == ["UE-2021-01", "UE-2021-02", "UE-2022-01", "UE-2023-01"]
    assert list(proposals["requested_eur"]) == [3_000_000.0, 750_000.0, 1_200_000.0, 2_500_000.0]
    assert list(proposals["status"].astype(str)) == ["not_funded", "not_funded", "funded", "pending"]
    assert "funding" not in result.tables and not result.problems
