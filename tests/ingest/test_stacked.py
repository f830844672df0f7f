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


def test_a_monthly_log_of_captioned_tables(tmp_path):
    """A month's tab: projects, funding decisions and events, each under its caption. A table whose header lacks a
    column ("Le" names the event's day) is a part of its own, its dates found as its only column of dates; an
    empty one ("— aucun événement —") is an empty list, not a sheet left unread."""
    def month(day: int, events: list[list]) -> list[list]:
        return [[f"Journal d'activité — mois {day}"], [], ["▶ PROJETS DÉTECTÉS"],
                ["ID projet", "Détecté le", "Intitulé", "Établissement", "Source", "Suivi"],
                [f"P22-0{day}", dt.date(2022, day, 6), f"Vaccin {day}", "AP-HM", "Appel à projets CPP", "CPP"], [],
                ["▶ DÉCISIONS DE FINANCEMENT"],
                ["ID décision", "Décidé le", "Projet lié", "Qui finance", "Instrument", "Montant (€)"],
                [f"DF-22-0{day}", dt.date(2022, day, 12), f"P22-0{day}", "CPP", "Émergence", 60000], [],
                ["▶ ÉVÉNEMENTS / FORMATIONS"], ["ID évènement", "Le", "Titre", "Type", "Organisé par", "Où", "Présents"],
                *events]
    sheets = {"Mars 2022": month(3, [["EV22-03", dt.date(2022, 3, 19), "Atelier business model", "Atelier",
                                      "CPP + IT", "Nice", 45]]),
              "Avr 2022": month(4, [["— aucun événement —"]])}
    write_workbook(tmp_path / "raw" / "journal.xlsx", sheets)
    result = ingest(tmp_path / "raw")
    assert sorted(result.tables["projects"]["project_id"]) == ["P22-03", "P22-04"]
    funding = result.tables["funding"]
    assert sorted(funding["funding_id"]) == ["DF-22-03", "DF-22-04"] and set(funding["funder"]) == {"canceropole_paca"}
    events = result.tables["events"]
    assert list(events["event_id"]) == ["EV22-03"] and str(events["event_date"].iloc[0])[:10] == "2022-03-19"
    assert not result.problems and not [s for s in result.sheets if s.skipped is not None]
    assert any(s.note.startswith("an empty list") for s in result.sheets if s.note)


def test_a_funder_s_sheet_whose_later_years_have_a_header_of_their_own_is_one_table(tmp_path):
    """A sheet named after its funder: the baseline years under a plain header, a total, then "Convention 2021-2023"
    over the same columns worded otherwise with a remarks column: one table, every line its funder's."""
    write_workbook(tmp_path / "financements.xlsx", {"Inserm Transfert": [
        ["Inserm Transfert — engagements (montants en k€)"], [], ["Période de référence 2018-2020"],
        ["Réf.", "Projet", "Nature", "Date CM", "Montant (k€)"],
        ["IT-19-M001", "CPP-V18-05", "Maturation", "06/02/2019", "160"],
        ["IT-19-M002", "CPP-V18-03", "Maturation", "12/04/2019", "345"],
        ["IT-20-M001", "CPP-V20-04", "PoC", "11/12/2020", "34,5"],
        [None, "Total 2018-2020", None, None, "539,5"], [], ["Convention 2021-2023"],
        ["Référence IT", "Projet (réf. CPP)", "Type de financement", "Décision du", "k€ engagés", "Remarques"],
        ["IT-21-M001", "CPP-V19-07", "Programme de maturation", "11/03/2021", "305", None],
        ["IT-21-M002", "CPP-V20-07", "Preuve de concept", "12/08/2021", "95,5", "2 tranches"],
        [None, "Sous-total 2021", None, None, "400,5", None]]})
    funding = ingest(tmp_path).tables["funding"]
    assert sorted(funding["funding_id"]) == ["IT-19-M001", "IT-19-M002", "IT-20-M001", "IT-21-M001", "IT-21-M002"]
    assert set(funding["funder"].astype(str)) == {"inserm_transfert"} and funding["amount_eur"].sum() == 940_000


def test_a_form_s_signature_block_below_its_last_table_is_no_row_of_it(tmp_path):
    """A funder's report template ends with its signature block: "Nom, qualité | | …", "Date | | …" are no proposals
    (they were quarantined as proposals missing their dates); a caption naming signatures over a list of people
    with more columns is no signature block."""
    rows = [["4. Candidatures européennes"],
            ["Référence", "Acronyme", "Programme", "Date de dépôt", "Rôle", "Établissement", "Statut"],
            ["EU22-04", "NANOMETA", "ERC", "2022-08-01", "Partenaire", "UCA", "Non retenu"],
            ["EU22-05", "VAXARN", "MSCA", "2022-10-18", "Partenaire", "AP-HM", "En attente"], [],
            ["6. VISA ET SIGNATURE DU REPRÉSENTANT LÉGAL"], ["Je certifie l'exactitude des informations ci-dessus."],
            ["Nom, qualité", None, "Margaux Meyer, Directeur"], ["Date", None, dt.date(2024, 2, 27)],
            ["Signature", None, "(signé)"]]
    write_workbook(tmp_path / "raw" / "CR_annuel_2022.xlsx", {"Rapport annuel": rows})
    result = ingest(tmp_path / "raw")
    assert sorted(result.tables["eu_proposals"]["proposal_id"]) == ["EU22-04", "EU22-05"]
    assert not result.problems
    assert [d.rows for d in result.dropped if "signature block" in d.reason] == [5]
