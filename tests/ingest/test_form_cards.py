"""Records written as forms: a card per start-up (label/value pairs, one or two per line) with a small table of its
rounds below, the cards stacked on one sheet or one per sheet."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.form_cards import find_form_cards
from partnership_metrics.ingest.ingestion import ingest
from partnership_metrics.ingest.reading import RawSheet
from partnership_metrics.ingest.recognition import Recogniser


def _stacked_card(name, ref, created, rounds):
    lines = [[f"FICHE ENTREPRISE — {name.upper()}"], ["Mise à jour : 01/12/2023"], [],
             ["Dénomination", name, None, "Référence", ref],
             ["Date de création", created, None, "Statut", "En activité"],
             ["Établissement d'origine", "AMU", None, "Lauréat i-Lab", "Non"], [],
             ["HISTORIQUE DES FINANCEMENTS"],
             ["Date", "Type de tour", None, "Montant", "Financeurs"]]
    lines += [[day, kind, None, amount, who] for day, kind, amount, who in rounds] or [["Aucune levée à ce jour"]]
    return [*lines, ["Total", None, None, sum(r[2] if isinstance(r[2], (int, float)) else 0 for r in rounds)], []]


def test_cards_stacked_on_one_sheet_give_the_start_ups_and_their_rounds(tmp_path: Path):
    rows = [*_stacked_card("Lumicell", "SU-11", dt.date(2020, 2, 3),
                           [(dt.date(2020, 9, 1), "Amorçage", 300000, "BA"), (dt.date(2022, 3, 4), "Série A", "2,5 M€",
                                                                              "Fonds")]),
            *_stacked_card("Oncovia", "SU-12", dt.date(2021, 6, 30), []),
            *_stacked_card("Radiopharm", "SU-13", dt.date(2022, 1, 17),
                           [(dt.date(2023, 5, 2), "Prêt d'honneur", 40000, "Réseau")])][:-1]
    write_workbook(tmp_path / "raw" / "fiches.xlsx", {"Fiches": rows})
    result = ingest(tmp_path / "raw")
    startups = result.tables["startups"]
    assert list(startups["startup_id"]) == ["SU-11", "SU-12", "SU-13"]
    assert list(startups["name"]) == ["Lumicell", "Oncovia", "Radiopharm"]
    rounds = result.tables["startup_rounds"]
    assert list(rounds["startup_id"]) == ["SU-11", "SU-11", "SU-13"]
    assert list(rounds["amount_eur"]) == [300000, 2500000, 40000]
    assert not result.problems
    for sheet in result.sheets:  # every line of the sheet is accounted for, in one table or the other
        counts = sheet.counts()
        assert counts["rows_read"] == counts["rows_accepted"] + counts["rows_quarantined"] + counts["rows_dropped"]
    assert sum(s.counts()["rows_read"] for s in result.sheets) == len(rows)


def test_one_card_per_sheet(tmp_path: Path):
    def card(ref, name, rounds):
        return [[name], [], ["Réf.", ref], ["Raison sociale", name], ["Date d'immatriculation", "mars 2021"],
                ["Statut", "Active"], [], ["Date", "Tour", "Montant (€)", "Investisseurs"],
                *[[d, t, a, "BA"] for d, t, a in rounds], ["Total levé", None, sum(a for _, _, a in rounds)]]
    write_workbook(tmp_path / "raw" / "cartes.xlsx", {
        "Nanoprobe": card("ST-1", "Nanoprobe", [(dt.date(2021, 9, 9), "Seed", 250000)]),
        "Theralys": card("ST-2", "Theralys", [(dt.date(2022, 1, 5), "Seed", 400000),
                                              (dt.date(2023, 2, 8), "Série A", 1800000)])})
    result = ingest(tmp_path / "raw")
    startups = result.tables["startups"]
    assert list(startups["startup_id"]) == ["ST-1", "ST-2"]
    assert str(startups["creation_date"].iloc[0].date()) == "2021-03-01"  # known to the month only
    rounds = result.tables["startup_rounds"]
    assert list(zip(rounds["startup_id"], rounds["amount_eur"], strict=True)) == [
        ("ST-1", 250000), ("ST-2", 400000), ("ST-2", 1800000)]


def test_a_two_column_list_is_no_card(tmp_path: Path):
    rows = [["Nom", "Établissement"], *[[f"Personne {i}", "AMU" if i % 2 else "UCA"] for i in range(12)]]
    write_workbook(tmp_path / "raw" / "liste.xlsx", {"Liste": rows})
    result = ingest(tmp_path / "raw")
    assert all("card" not in s.note for s in result.sheets)


def test_a_list_of_four_columns_is_read_as_the_table_it_is(tmp_path: Path):
    rows = [["Réf. événement", "Nom prénom", "Établissement", "Unité"],
            *[[f"EV-2{i % 3}-01", f"Personne {i}", "AMU", f"U10{60 + i}"] for i in range(9)]]
    write_workbook(tmp_path / "raw" / "emargements.xlsx", {"Émargements": rows})
    result = ingest(tmp_path / "raw")
    assert len(result.tables["event_attendance"]) == 9  # each line a person who came, not pairs of a card
    assert all("card" not in s.note for s in result.sheets)


def test_one_event_per_sheet_its_fields_under_its_title_then_its_numbered_participants(tmp_path: Path):
    """"Pitch day oncologie" (the title line) over "Référence | EV-2018-04", "Date | …", … and a list "N° | NOM |
    PRENOM | …" numbered 1, 2, 3: one event (titled by its title line) and its attendees, the numbers no event's id."""
    def sheet(title, ref, day, people):
        return [[title], ["Référence", ref], ["Date", day], ["Type", "Session de pitch"], ["Lieu", "Marseille"],
                ["Organisateur", "CanceroPôle PACA"], ["Nombre de participants", len(people)],
                ["Satisfaction moyenne (sur 5)", "4,3 / 5"], [],
                ["N°", "NOM", "PRENOM", "E-MAIL", "ETABLISSEMENT"],
                *[[k + 1, last, first, f"{first}.{last}@example.fr".lower(), "AMU"]
                  for k, (first, last) in enumerate(people)]]
    write_workbook(tmp_path / "raw" / "evenements.xlsx", {
        "2018-01-20 Pitch": sheet("Pitch day oncologie", "EV-2018-04", "20 janvier 2018",
                                  [("Pauline", "Nicolaï"), ("Anaïs", "Baudoin"), ("Loïc", "Lagarde")]),
        "2018-09-04 Webinaire": sheet("Webinaire : Horizon Europe et la Mission Cancer", "EV-2018-03",
                                      dt.date(2018, 9, 4), [("Inès", "Lenoir"), ("Paul", "Zerbib"),
                                                            ("Sandrine", "Chabert"), ("Jade", "Allègre")])})
    result = ingest(tmp_path / "raw")
    events = result.tables["events"].sort_values("event_id")
    assert list(zip(events["event_id"], events["title"], events["attendees"], strict=True)) == [
        ("EV-2018-03", "Webinaire : Horizon Europe et la Mission Cancer", 4), ("EV-2018-04", "Pitch day oncologie", 3)]
    attendance = result.tables["event_attendance"]
    assert attendance.groupby("event_id").size().to_dict() == {"EV-2018-03": 4, "EV-2018-04": 3}
    assert not result.problems


def test_projects_pasted_from_a_document_one_block_of_lines_each(tmp_path: Path):
    """One cell per line, a block per project: "REF – title", then "label : value" lines; the notes above are no
    project, "—" is no date, a month alone keeps its precision."""
    def block(ref, title, lines):
        return [[f"{ref} – {title}"], *([line] for line in lines), []]
    rows = [["Suivi des projets détectés – 2018-2020 (copie du document Word)"],
            ["Lecture : un bloc de lignes = un projet."], ["Dates : jj/mm/aaaa ou mois seul."], [],
            *block("P18-01", "Immunomodulateurs pour le cancer du sein", [
                "Porteur : Sophie Carlier (sophie.carlier@example.fr)", "Établissement : AP-HM",
                "Détecté le : 10/11/2018", "Canal de détection : Appel à projets CPP", "Accompagnement : CPP",
                "Licence signée le : —"]),
            *block("P18-02", "Inhibiteurs de kinase pour les sarcomes", [
                "Établissement : Aix-Marseille Université", "Unité : U1068", "Détecté le : avril 2018",
                "Canal de détection : Détection Inserm Transfert", "Accompagnement : Inserm Transfert",
                "Licence signée le : 11 juillet 2021"])]
    write_workbook(tmp_path / "raw" / "portefeuille.xlsx", {"Portefeuille": rows})
    result = ingest(tmp_path / "raw")
    projects = result.tables["projects"].set_index("project_id")
    assert list(projects.index) == ["P18-01", "P18-02"]
    assert projects.loc["P18-01", "title"] == "Immunomodulateurs pour le cancer du sein"
    assert list(projects["lead_institution"]) == ["APHM", "AMU"]
    assert str(projects.loc["P18-02", "licence_date"].date()) == "2021-07-11"
    assert projects.loc["P18-02", "detection_date_precision"] == "month"
    assert not result.problems


def test_a_table_s_rows_are_no_cards_of_label_value_pairs(vocabulary):
    """Rows of a table of six columns read two by two would be pairs ("N° dossier | Projet", "CPP-AAP23-02 |
    VAL-22-02", "• Émergence | 45 000 €"): a code, a bulleted item or a number is a value, never a label."""
    rows = [["N° dossier", "Projet", "Type d'aide", "Montant accordé (€)", "Comité (date)", "Observations"],
            ["CPP-AAP23-02", "VAL-22-02", "• Émergence", "45 000 €", "avril 2023"],
            ["Réf.", "Projet", "Financeur", "Dispositif", "Montant", "Décision"]]
    sheet = RawSheet("financements.xlsx", "Décisions", rows)
    assert find_form_cards(sheet, Recogniser(vocabulary), vocabulary.words) is None


def _project_card(ref, acronym, detected, funding, milestones=None):
    """A project's card ("FICHE PROJET"), the acronym merged over two columns, then its funding lines."""
    lines = [[f"FICHE PROJET - {acronym}"], [], ["Réf. projet", ref], ["Acronyme", acronym],
             ["Titre", f"Projet {acronym}"], ["Porteur", "Lucie Maurel"], ["Établissement", "Institut Paoli-Calmettes"],
             ["Origine du projet", "Appel à projets CPP"], ["Accompagné par", "CPP seul"], [], ["JALONS"]]
    lines += milestones or [["Date de détection", detected], ["Début de maturation", None]]
    lines += [[], ["FINANCEMENTS"], ["Réf. ligne", "Financeur", "Dispositif", "Montant (k€)", "Date de décision"]]
    lines += [list(line) for line in funding]
    return [*lines, [None, None, "Total"], [], ["Remarques :", "Suivi trimestriel."]]


def test_a_projects_card_per_sheet_with_its_funding_lines_below(tmp_path: Path):
    sheets = {"ORACEL": _project_card("P-21-03", "ORACEL", "29/11/2021", [
                  ("CPP-21-02", "CPP", "AAP Emergence", 48, "10/02/2022"),
                  (None, "SATT Sud-Est", "Maturation", 195, "12/07/2022")]),  # a co-funder's line, no number
              "GLIO": _project_card("P-21-04", "GLIO", "16/08/2021", [
                  (None, "Région Sud", "Subvention", 86, "09/10/2022")])}  # the card's only line, no number
    write_workbook(tmp_path / "raw" / "Fiches projets.xlsx", sheets, merged={"ORACEL": ["B4:C4"], "GLIO": ["B4:C4"]})
    result = ingest(tmp_path / "raw")
    projects = result.tables["projects"]
    assert dict(zip(projects["project_id"], projects["acronym"], strict=True)) == {"P-21-03": "ORACEL",
                                                                                   "P-21-04": "GLIO"}
    funding = result.tables["funding"]
    assert sorted(zip(funding["project_id"], funding["amount_eur"], strict=True)) == [
        ("P-21-03", 48000.0), ("P-21-03", 195000.0), ("P-21-04", 86000.0)]
    assert not result.problems  # no "Remarques :" line read as a funding line


def test_a_cards_planned_milestones_are_not_reached_and_a_remark_after_a_value_is_no_second_value(tmp_path: Path):
    milestones = [["Jalon", "Prévu", "Réalisé"], ["Détection", None, "13/10/2021"],
                  ["Entrée en maturation", "août 2024", None], ["Déclaration d'invention", "mars 2022", "04/04/2022"]]
    card = _project_card("P-21-05", "DXNOV", None, [("CPP-21-07", "CPP", "PoC", 40, "01/12/2021")], milestones)
    card[3] = ["Acronyme", "DXNOV", "(ex-DXN)"]
    write_workbook(tmp_path / "raw" / "Fiches 2021.xlsx", {"DXNOV": card})
    projects = ingest(tmp_path / "raw").tables["projects"]
    [row] = projects.to_dict("records")
    assert (row["acronym"], str(row["detection_date"])[:10], str(row["disclosure_date"])[:10]) == (
        "DXNOV", "2021-10-13", "2022-04-04")
    assert pd.isna(row["maturation_start_date"])  # planned for August 2024: not reached


ENGLISH_CARD = [["Project card / Fiche projet CPP"], ["filled by the CPP's officer"], [],
                ["Project ID", "TT-2021-001"], ["Short name", "Vaxdiag"],
                ["Project title", "Application de télésuivi des patients"], ["Lead institution", "AP-HM"],
                ["Technology", "Digital health / AI"], ["How it was sourced", "CPP call 2021"],
                ["Supported by", "CPP"], [],
                ["Key dates", None, "notes"], ["Detected", "22/10/2021", "first meeting with the PI"],
                ["Invention disclosure", "16/02/2022"], ["Maturation start", "02/02/2023"], [],
                ["Funding decisions (amounts in k€)"], ["Date", "Funder", "Scheme", "Amount (k€)", "Notes"],
                ["29/11/2021", "CPP", "Emergence call", 50.0, None], ["01/12/2022", "SATT SE", "Maturation", 200.0, None],
                ["TOTAL", None, None, 250.0, None]]


def test_a_cards_remark_beside_a_date_and_funding_lines_without_numbers(tmp_path: Path):
    """"Detected | 22/10/2021 | first meeting with the PI": a value and a remark on it in a notes column; the card's
    funding lines have no numbers: ids made of where each line is, their project the card's."""
    write_workbook(tmp_path / "raw" / "TT-2021-001 - Vaxdiag (fiche CPP).xlsx", {"Card": ENGLISH_CARD})
    result = ingest(tmp_path / "raw")
    projects = result.tables["projects"].set_index("project_id")
    assert str(projects.loc["TT-2021-001", "detection_date"].date()) == "2021-10-22"
    assert str(projects.loc["TT-2021-001", "sourcing_channel"]) == "cpp_call"
    funding = result.tables["funding"]
    assert sorted(zip(funding["project_id"], funding["amount_eur"], strict=True)) == [
        ("TT-2021-001", 50_000), ("TT-2021-001", 200_000)]
    assert all(i.startswith("TT-2021-001 - Vaxdiag (fiche CPP).xlsx:Card:") for i in funding["funding_id"])
    assert not result.problems


def test_a_sign_in_sheet_under_its_event_s_fields_is_its_attendees_not_cards(tmp_path):
    """One sheet per event, named by its code, its fields above the list ("Événement :", "Code agenda :", "Date :",
    "Lieu :"): each line of the list is an attendee of the sheet's event."""
    def sheet(code, title, people):
        return [["Liste de présence / Attendance list"], ["Événement :", title], ["Code agenda :", code],
                ["Date :", "19/05/2018"], ["Lieu :", "Marseille"], [],
                ["Participant", "E-mail", "Organisme", "Unité de recherche"],
                *([name, f"{name.lower().replace(' ', '.')}@inserm.example.fr", "Inserm", "U1065"] for name in people)]
    write_workbook(tmp_path / "raw" / "listes_presence.xlsx", {
        "EV18-02": sheet("EV18-02", "Formation réglementaire", ["Hugo Mouret", "Olivier Chevalier", "Marion Lopez"]),
        "EV18-04": sheet("EV18-04", "Webinaire Horizon Europe", ["Mathieu Girard", "Léa Bertrand"])})
    write_workbook(tmp_path / "raw" / "agenda.xlsx", {"Agenda": [
        ["Code", "Intitulé", "Date", "Type", "Organisateur", "Participants"],
        ["EV18-02", "Formation réglementaire", "19/05/2018", "Formation", "Inserm Transfert", 14],
        ["EV18-04", "Webinaire Horizon Europe", "10/12/2018", "Webinaire", "CPP", 22]]})
    attendance = ingest(tmp_path / "raw").tables["event_attendance"]
    assert list(attendance["event_id"]) == ["EV18-02"] * 3 + ["EV18-04"] * 2
    assert list(attendance["institution"]) == ["INSERM"] * 5 and list(attendance["research_unit"]) == ["U1065"] * 5
