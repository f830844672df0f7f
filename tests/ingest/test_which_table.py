"""Which table, which label, which header: a funder's portal export is funding (not EU proposals), a specific EU
programme written under its framework programme is that programme, and an e-mail's table is read from its first
header, the quoted earlier message's table below it included."""

from __future__ import annotations

import openpyxl
import pytest

from partnership_metrics.ingest.codebook import make_codebook
from partnership_metrics.ingest.ingestion import ingest
from partnership_metrics.ingest.reading import RawSheet
from partnership_metrics.ingest.recognition import Recogniser


def sheet(rows, **kw) -> RawSheet:
    return RawSheet("f.xlsx", "S", rows, **kw)


@pytest.fixture(scope="module")
def recognise(vocabulary):
    return Recogniser(vocabulary).recognise


@pytest.mark.parametrize("label, code", [
    ("HORIZON EUROPE - PILIER 1 - ERC", "erc"),
    ("H2020 - ERC", "erc"),
    ("Horizon Europe / ERC Starting Grant", "erc"),
    ("HORIZON EUROPE - PILIER 1 - MSCA", "msca"),
    ("H2020 - MSCA", "msca"),
    ("HORIZON EUROPE - PILIER 3 - EIC", "eic"),
    ("Horizon Europe – Cancer Mission", "cancer_mission"),
    ("HORIZON EUROPE - MISSIONS - CANCER", "cancer_mission"),
    ("H2020 - IMI2 JU", "other"),
    ("Horizon Europe - IHI JU", "other"),
    # nothing more specific than the framework programme: its own code
    ("H2020 - DEFI SOCIETAL 1 SANTE", "horizon_health"),
    ("HORIZON EUROPE - PILIER 2 - CLUSTER 1 SANTE", "horizon_health"),
    ("Horizon Europe", "horizon_health"),
    ("H2020", "horizon_health"),
])
def test_a_specific_programme_wins_over_the_framework_it_sits_under(vocabulary, label, code):
    assert make_codebook(vocabulary).lookup("eu_proposals", "programme", label) == code


def test_an_umbrella_label_gives_way_only_to_another_label_not_to_any_word(vocabulary):
    book = make_codebook(vocabulary)
    assert book.lookup("eu_proposals", "programme", "Horizon Europe - appel 2023 - lot 4") == "horizon_health"
    assert book.lookup("eu_proposals", "programme", "HORIZON EUROPE - PILIER 2 - CLUSTER 1") == "horizon_health"


PORTAL = ["N° dossier", "Date de dépôt", "Bénéficiaire", "SIRET", "Intitulé de l'opération", "Dispositif",
          "Montant sollicité (€)", "Montant voté (€)", "Date de la commission permanente", "N° de délibération",
          "Statut du dossier", "Réf. projet CPP-IT", "Financeur", "Nature"]
PORTAL_ROW = ["2021_01234", "12/03/2021", "UNIVERSITE X", "13001533200013", "Un projet", "Emergence", "100 000,00",
              "80 000,00", "01/07/2021", "21-100", "Soldé", "VA-21-01", "Région Sud", "Subvention"]


@pytest.mark.parametrize("order", [
    list(range(len(PORTAL))),  # as the portal writes it
    list(reversed(range(len(PORTAL)))),  # columns in another order
    [0, 1, 2, 5, 6, 7, 8, 10, 11, 12],  # without SIRET, title, deliberation, nature
])
def test_a_funders_portal_export_is_funding_not_eu_proposals(recognise, order):
    """A dossier submitted to a funder and the amount it voted: a funding line (its dossier number the line's id,
    the partnership's reference its project), though its deposit date and status also read as a proposal's."""
    rec = recognise(sheet([[PORTAL[i] for i in order], [PORTAL_ROW[i] for i in order]]))
    assert rec.table == "funding" and not rec.missing_required
    got = {m.header: m.column for m in rec.columns}
    assert got["N° dossier"] == "funding_id" and got["Réf. projet CPP-IT"] == "project_id"
    assert got["Montant voté (€)"] == "amount_eur" and got["Date de la commission permanente"] == "decision_date"
    assert "Montant sollicité (€)" not in got and "Date de dépôt" not in got


@pytest.mark.parametrize("header", [
    ["N° dossier", "Programme", "Date de dépôt", "Rôle", "Statut", "Montant demandé"],
    ["N° de dossier", "Acronyme", "Programme", "Date de soumission", "Rôle", "Résultat"],
])
def test_an_eu_proposal_numbered_as_a_dossier_stays_a_proposal(recognise, header):
    rec = recognise(sheet([header, ["D-1", "ERC", "12/03/2021", "Coordinateur", "Financé", "1 500 000"]]))
    assert rec.table == "eu_proposals" and not rec.missing_required
    assert {m.header: m.column for m in rec.columns}[header[0]] == "proposal_id"


def _mail(book, title, lines):
    sheet = book.create_sheet(title)
    for line in lines:
        sheet.append(line)


HEAD = [["De : Contrôle de gestion <cdg@transfert.example>"], ["Objet : Engagements IT"], [], ["Bonjour Claire,"], []]
SIGNED = [[], ["Bien cordialement,"], ["Olivier"], []]
LAST_YEAR = [["Réf. engagement", "Projet", "Type d'aide", "Montant HT", "Date décision"],
             ["E21-1", "P-20-07", "Maturation", 181000, "11/01/2021"],
             ["E21-2", "P-20-06", "Preuve de concept", 46000, "13/04/2021"]]


def _reply(this_year_header, last_year):
    return (HEAD + [this_year_header,
                    ["E22-1", "—", "Animation réseau", "16 000 €", "24/02/2022"],
                    ["E22-2", "P-21-06", "Maturation", "169 000 €", "22/04/2022"],
                    ["E22-3", "P-21-05", "Maturation", "64 000 €", "23/05/2022"]]
            + SIGNED + [["-----Message d'origine-----"]] + HEAD + last_year + SIGNED)


@pytest.mark.parametrize("header", [
    ["N°", "Réf. projet", "Nature de l'engagement", "Montant", "Date"],  # too plain to be recognised alone
    ["N° engagement", "Dossier", "Nature", "Montant (€)", "Date de décision"],  # recognisable too
])
def test_an_email_reply_is_read_from_its_own_table_and_the_quoted_one_below(tmp_path, header):
    book = openpyxl.Workbook()
    book.remove(book.active)
    _mail(book, "Mail 2022", HEAD + LAST_YEAR + SIGNED)
    _mail(book, "Mail 2023", _reply(header, LAST_YEAR))
    book.save(tmp_path / "Engagements IT - mails.xlsx")
    result = ingest(tmp_path)
    funding = result.tables["funding"]
    assert sorted(funding["funding_id"]) == ["E21-1", "E21-2", "E22-1", "E22-2", "E22-3"]
    assert set(funding["funder"].astype(str)) == {"inserm_transfert"}
    assert dict(zip(funding["funding_id"], funding["amount_eur"], strict=True))["E22-2"] == 169000
    assert not result.problems
    reasons = {(d.sheet, d.row): d.reason for d in result.dropped}
    assert reasons[("Mail 2023", 20)] == "repeated header row"  # the quoted message's header
    assert reasons[("Mail 2023", 21)].startswith("exact duplicate")


def test_a_quoted_line_restated_otherwise_is_a_conflicting_duplicate(tmp_path):
    """The quoted table is read: a line it restates with another amount is a conflict the user must settle."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    _mail(book, "Mail 2022", HEAD + LAST_YEAR + SIGNED)
    changed = [LAST_YEAR[0], LAST_YEAR[1], ["E21-2", "P-20-06", "Preuve de concept", 64000, "13/04/2021"]]
    _mail(book, "Mail 2023", _reply(["N°", "Réf. projet", "Nature de l'engagement", "Montant", "Date"], changed))
    book.save(tmp_path / "Engagements IT - mails.xlsx")
    result = ingest(tmp_path)
    assert sorted(result.tables["funding"]["funding_id"]) == ["E21-1", "E22-1", "E22-2", "E22-3"]
    assert sorted(p.key for p in result.problems if p.table == "funding") == ["E21-2", "E21-2"]


def test_a_row_of_the_headers_layout_without_rows_of_the_table_below_is_no_header(recognise):
    """A title row as wide as the header, or a block of texts above it that do not read as the table's values,
    leave the header where it is."""
    header = ["Réf. engagement", "Projet", "Financeur", "Type d'aide", "Montant HT", "Date décision"]
    row = ["E21-1", "P-20-07", "IT", "Maturation", 181000, "11/01/2021"]
    assert recognise(sheet([["Suivi", "des", "engagements", "de", "l'année", "2021"], [], header, row])).header_index == 2
    notes = [["Colonne", "Sens", "Exemple", "Qui", "Unité", "Remarque"],
             ["Réf.", "le numéro", "E21-1", "IT", "aucune", "unique"],
             ["Montant", "accordé", "en euros", "IT", "€", "HT"], [], header, row]
    assert recognise(sheet(notes)).header_index == 4
    repeated = [header, row, header, row]  # the same header again: the first is the header
    assert recognise(sheet(repeated)).header_index == 0


@pytest.mark.parametrize("header", ["Dossier d'origine", "Dossier source"])
def test_a_start_ups_dossier_of_origin_is_its_project(recognise, header):
    rec = recognise(sheet([["Réf.", "Dénomination", "N° SIREN", "Date d'immatriculation", header, "Situation"],
                           ["S-1", "Onco SAS", "824425102", "19/10/2018", "P-18-08", "En activité"]]))
    assert rec.table == "startups" and {m.header: m.column for m in rec.columns}[header] == "project_id"


def test_a_call_s_laureates_with_every_column_of_funding_are_funding_not_a_proposals_list_lacking_three(recognise):
    """A funder's list of laureates ("N° dossier | Appel | Dispositif | … | Montant attribué | Date décision CS")
    also reads as much of a list of EU proposals, without its submission date, role and status."""
    rec = recognise(sheet([
        ["N° dossier", "Appel", "Dispositif", "Réf. projet", "Acronyme", "Porteur", "Établissement", "Financeur",
         "Montant attribué (€)", "Date décision CS", "Remarque"],
        ["AAP18-E01", "AAP Émergence 2018", "Émergence", "PV-2018-01", "CXPDK", "Léa Rey", "AMU",
         "CanceroPôle PACA", "35 000 €", "31/03/2018", None]]))
    assert rec.table == "funding" and not rec.missing_required


@pytest.mark.parametrize("amount, instrument", [("Décidé (k€)", "Appel"), ("Montant alloué (en k€)", "Appel à projets"),
                                                ("Accordé (k€)", "Appel")])
def test_a_committee_s_decided_amount_and_its_call(recognise, amount, instrument):
    rec = recognise(sheet([["N° décision", "Réf. projet", "Financeur", instrument, "Demandé (k€)", amount,
                            "Date du comité"],
                           ["COS18-01", "PV-18-07", "CPP", "Émergence", 45, 30, "26/06/2018"]]))
    got = {m.header: (m.column, m.multiplier) for m in rec.columns}
    assert rec.table == "funding" and not rec.missing_required
    assert got[amount] == ("amount_eur", 1000.0) and got[instrument][0] == "instrument"
    assert "Demandé (k€)" not in got


def test_an_erc_sheet_without_a_programme_column_has_its_calls_name_it(recognise):
    rec = recognise(sheet([
        ["Panel", "Proposal number", "Acronym", "Call", "Host institution", "Rôle", "Submitted", "Requested (€)",
         "Final result", "Result letter"],
        ["LS7", 101077502, "GLIOTRACK", "ERC-2022-COG", "IPC", "Coordinateur", "17-mars-22", "1,99 M€", "Rejected",
         "1-déc.-22"]]))
    got = {m.column: m.header for m in rec.columns}
    assert rec.table == "eu_proposals" and not rec.missing_required
    assert got["programme"] == "Call" and got["call_id"] == "Call" and got["result_date"] == "Result letter"


@pytest.mark.parametrize("text, code", [
    ("Activée depuis la liste de réserve — GA signée le 14/09/2022", "funded"),
    ("Liste de réserve non activée", "not_funded"),
    ("Reserve list", "pending"),  # may still be called up: not funded once a result date closes it (status_pairs)
    ("Reserve list – not funded", "not_funded"),
])
def test_a_reserve_listed_proposal_activated_later_is_funded(vocabulary, text, code):
    assert make_codebook(vocabulary).lookup("eu_proposals", "status", text) == code


def test_a_video_conference_participants_header_names_the_attendee(vocabulary):
    recogniser = Recogniser(vocabulary)
    assert recogniser.cell_candidates("event_attendance", "Name (Original Name)")[0][0] == "attendee"
    assert "event_attendance" in recogniser._specific_tables("Name (Original Name)")


def test_a_board_s_labels_give_every_code_column_they_name(recognise):
    rec = recognise(sheet([
        ["Card Name", "Labels", "Réf. projet", "Établissement porteur", "Origine du projet", "Détecté le"],
        ["Sonde d'imagerie", "Thérapeutique (green), Suivi CPP (blue)", "P-1", "AMU", "AAP CanceroPôle", "12/03/2021"],
        ["Capteur", "Dispositif médical (sky), Co-suivi CPP + IT (purple)", "P-2", "UCA", "Détection IT",
         "05/06/2021"]]))
    got = {m.column: m.header for m in rec.columns}
    assert got["technology_type"] == "Labels" and got["supported_by"] == "Labels"
    assert got["sourcing_channel"] == "Origine du projet"


def test_a_result_under_a_group_of_dates_is_the_result_s_date(recognise):
    rec = recognise(sheet([
        ["Projet", None, None, "Dates", None, "Suivi"],
        ["Réf.", "Programme", "Rôle", "Dépôt", "Résultat", "Statut"],
        ["EU21-01", "Mission Cancer", "Coordinateur", "23/11/2021", "31/03/2022", "Financé"]]))
    got = {m.column: m.index for m in rec.columns}
    assert got["result_date"] == 4 and got["status"] == 5  # "Résultat" under "Dates", over dates: the result's date


def test_a_result_column_of_outcomes_is_the_status(recognise):
    rec = recognise(sheet([["Réf.", "Programme", "Rôle", "Dépôt", "Résultat"],
                           ["EU21-01", "Mission Cancer", "Coordinateur", "23/11/2021", "Financé"],
                           ["EU21-02", "ERC", "Partenaire", "02/03/2021", "Non retenu"]]))
    assert {m.column: m.index for m in rec.columns}["status"] == 4 and "result_date" not in {m.column for m in rec.columns}


@pytest.mark.parametrize("text, code", [("BSA AIR", "other"), ("BSA-AIR (autre)", "other"),
                                        ("Pré-amorçage (BSA AIR)", "pre_seed"), ("Business angel (BSA AIR)", "pre_seed")])
def test_a_bsa_air_is_no_priced_round_unless_the_cell_names_its_round(vocabulary, text, code):
    assert make_codebook(vocabulary).lookup("startup_rounds", "round_type", text) == code

