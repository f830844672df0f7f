"""Recognition of tables from their headers: synonyms, units, header rows below titles, non-table sheets."""

from __future__ import annotations

import datetime as dt

import pytest
from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.errors import ParseError
from partnership_metrics.ingest.codebook import make_codebook
from partnership_metrics.ingest.header_units import header_unit
from partnership_metrics.ingest.ingestion import ingest
from partnership_metrics.ingest.reading import RawSheet
from partnership_metrics.ingest.recognition import Recogniser
from partnership_metrics.ingest.vocabulary import load_vocabulary


def sheet(rows, **kw) -> RawSheet:
    return RawSheet("f.xlsx", "S", rows, **kw)


@pytest.fixture(scope="module")
def recognise(vocabulary):
    """Recognition with the packaged vocabulary."""
    return Recogniser(vocabulary).recognise


@pytest.mark.parametrize("header, clean, multiplier", [
    ("Montant (k€)", "Montant", 1e3),
    ("Montant\n(M€)", "Montant", 1e6),
    ("Montant en k€", "Montant", 1e3),
    ("Budget (milliers d'euros)", "Budget", 1e3),
    ("Amount (EUR)", "Amount", 1.0),
    ("Montant (centimes)", "Montant", 0.01),  # a database's amounts in cents ("amt_eur_cents")
    ("amt_eur_cents", "amt_", 0.01),
    ("Montants récents", "Montants récents", None),  # "cents" inside a word is no unit either
    ("Financeur", "Financeur", None),  # "eur" inside a word is not a unit
])
def test_units_in_headers(header, clean, multiplier):
    text, found = header_unit(header)
    assert text.strip() == clean and found == multiplier


def test_header_below_title_rows_with_line_breaks_and_accents(recognise):
    rec = recognise(sheet([
        ["Suivi des financements 2022", None, None],
        [None, None, None],
        ["Source : comité de pilotage", None, None],
        ["RÉF.  FINANCEMENT", "Projet", "FINANCEUR", "Type de\nfinancement", "Montant accordé (k€)",
         "Date de la décision", "Remarques"],
        ["F1", "P1", "IT", "Maturation", 100, "01/02/2022", ""],
    ]))
    assert rec.table == "funding" and rec.header_index == 3
    assert {m.column for m in rec.columns} == {"funding_id", "project_id", "funder", "instrument", "amount_eur",
                                               "decision_date"}
    assert [m.multiplier for m in rec.columns if m.column == "amount_eur"] == [1e3]
    assert rec.unknown == ["Remarques"] and not rec.missing_required


def test_english_headers_and_table_disambiguation(recognise):
    rounds = recognise(sheet([["Startup", "Round date", "Amount raised (€)", "Round type"]]))
    assert rounds.table == "startup_rounds"
    startups = recognise(sheet([["ID", "Company name", "SIREN", "Founded", "Founding project", "Status"]]))
    assert startups.table == "startups"
    attendance = recognise(sheet([["Événement", "Nom", "Prénom", "Courriel", "Établissement", "Unité"]]))
    assert attendance.table == "event_attendance"
    assert sorted(m.header for m in attendance.columns if m.column == "attendee") == ["Courriel", "Nom", "Prénom"]
    events = recognise(sheet([["Event ID", "Date", "Title", "Type", "Organiser", "Venue", "Attendees"]]))
    assert events.table == "events"
    eu = recognise(sheet([["Proposal ID", "Acronym", "Programme", "Call", "Submission date", "Role", "Status"]]))
    assert eu.table == "eu_proposals"
    targets = recognise(sheet([["Indicateur", "Période", "Cible"]]))
    assert targets.table == "kpi_targets"


def test_a_committee_s_session_and_a_grants_office_s_tracking_number_are_read(recognise):
    """"COPIL du" is the decision's date; "N° suivi" is the number a grants office gives each application."""
    funding = recognise(sheet([["N° décision", "COPIL du", "Projet (réf.)", "Dispositif", "Montant voté (k€)"],
                               ["CPP-FIN-18-01", "21/06/2018", "ITP-2018-0321", "Émergence", 42.5]]))
    assert {m.header: m.column for m in funding.columns}["COPIL du"] == "decision_date"
    eu = recognise(sheet([["N° suivi", "Acronyme", "Programme", "Topic / call ID", "Date de soumission", "Statut"],
                          ["UE-2021-01", "PROSTA-TRACK", "EIC", "HORIZON-EIC-2021-TRANSITIONOPEN-01", "24/01/2021",
                           "Financé"]]))
    assert eu.table == "eu_proposals" and {m.header: m.column for m in eu.columns}["N° suivi"] == "proposal_id"


def test_a_grants_tools_decision_reference_is_the_line_beside_its_project_s_file_number(recognise):
    """"Réf. décision" is the funding line; "N° dossier" beside it holds the project's reference."""
    funding = recognise(sheet([["Réf. décision", "N° dossier", "Organisme financeur", "Dispositif",
                                "Date décision (CA)", "Montant décidé (€)"],
                               ["DEC-2018-451", "MAT18-02", "Cancéropôle PACA", "AAP Maturation", "15/06/2018", 100000]]))
    columns = {m.header: m.column for m in funding.columns}
    assert columns["Réf. décision"] == "funding_id" and columns["N° dossier"] == "project_id"


def test_an_ip_management_tool_s_cases_are_projects(recognise):
    """Inteum and its kind keep each invention as a case: its number, title, opening and closing dates."""
    rec = recognise(sheet([["Case Number", "Case Title", "Short Title", "Lead Institution", "Lab", "Lead Inventor",
                            "Technology Category", "Source", "Managed By", "Date Opened", "Disclosure Date",
                            "Priority Date", "License Executed", "Date Closed (Abandoned)"],
                           ["IT-2021-PAC-0021", "Test compagnon", "CRIBPEPX", "AP-HM", "UMR1252", "Agnès Leclerc",
                            "Therapeutics", "IT detection", "Inserm Transfert", "2021-06-08", "2021-09-03", None,
                            None, None]]))
    columns = {m.header: m.column for m in rec.columns}
    assert rec.table == "projects" and not rec.missing_required
    assert (columns["Case Number"], columns["Date Opened"], columns["License Executed"],
            columns["Date Closed (Abandoned)"]) == ("project_id", "detection_date", "licence_date", "abandon_date")


def test_a_list_of_inventors_is_no_sign_in_list_named_by_its_file(recognise):
    """Many headers name a project's columns, a person and an institution an attendee's: the sheet is projects
    lacking two columns (reported, with the closest headers), never attendees of an event its file would name."""
    rec = recognise(sheet([["Docket", "Invention Title", "Short Title", "Lead Institution", "Lab", "Lead Inventor",
                            "Inventor Email", "Technology Category", "Source", "Managed By", "Logged",
                            "Disclosure Date", "Priority Date", "Maturation Start", "License Executed"],
                           ["IT-2021-PAC-0021", "Test compagnon", "CRIBPEPX", "AP-HM", "UMR1252", "Agnès Leclerc",
                            "a.leclerc@ap-hm.example.fr", "Therapeutics", "IT detection", "Inserm Transfert",
                            "2021-06-08", "2021-09-03", None, None, None]]))
    assert rec.table == "projects" and set(rec.missing_required) == {"project_id", "detection_date"}


def test_a_header_that_is_only_a_money_unit_is_the_table_s_one_amount(recognise):
    """A cramped ledger's "N° proj | Fin. | Nature | k€ | Décision": "k€" alone is the amount, in thousands."""
    rec = recognise(sheet([["Financements décidés 2019"], [],
                           ["N° proj", "Fin.", "Nature", "k€", "Décision", "Rq"],
                           ["P19-10", "CPP", "Émergence", 30, "24/02/2019", None]]))
    assert rec.table == "funding" and rec.header_index == 2
    assert {m.header: (m.column, m.multiplier) for m in rec.columns}["k€"] == ("amount_eur", 1e3)
    assert {m.header: m.column for m in rec.columns}["Fin."] == "funder"
    assert rec.unknown == ["Rq"]


def test_a_unit_alone_names_no_column_of_a_table_with_two_amounts(recognise):
    rec = recognise(sheet([["Réf", "Acronyme", "Programme", "Date de dépôt", "Rôle", "Statut", "k€"]]))
    assert rec.table == "eu_proposals" and "k€" in rec.unknown


def test_a_count_of_records_is_never_their_id(recognise):
    rec = recognise(sheet([["Société", "Date de clôture", "Nb start-up", "Montant (k€)"],
                           ["AzurImmune", "01/05/2022", 1, 396]]))
    assert rec.table == "startup_rounds"
    assert {m.header: m.column for m in rec.columns}["Société"] == "startup_id"
    assert "Nb start-up" in rec.unknown


def test_sheets_that_are_not_tables(recognise):
    assert recognise(sheet([["Type de technologie", "Canal de détection"], ["Thérapeutique", "Conjoint"]])) is None
    assert recognise(sheet([["Notes"], ["Ce classeur est mis à jour chaque trimestre."]])) is None
    assert recognise(sheet([["Country", "Year", "Funding"], ["FR", 2022, 3]])) is None


def test_a_table_missing_a_required_column_is_still_recognised_with_the_gap(recognise):
    rec = recognise(sheet([["ID événement", "Date", "Intitulé", "Type", "Nb participants"]]))
    assert rec.table == "events" and rec.missing_required == ["organiser"]


@pytest.mark.parametrize("table, column, label, code", [
    ("projects", "sourcing_channel", "Conjoint", "joint"),
    ("projects", "technology_type", "Medical devices", "medical_device"),  # a label in the plural
    ("projects", "technology_type", "Dispositifs médicaux", "medical_device"),
    ("projects", "supported_by", "CPP + IT", "both"),
    ("eu_proposals", "status", "Financé", "funded"),
    ("eu_proposals", "status", "Non retenu", "not_funded"),
    ("eu_proposals", "status", "Non retenu (liste de réserve)", "not_funded"),
    ("eu_proposals", "status", "Reserve list – not funded", "not_funded"),
    ("eu_proposals", "status", "Reserve list – invited to grant preparation", "funded"),  # moved up: funded
    ("funding", "instrument", "Subv. fonctionnement", "grant"),  # the abbreviation, then what the grant pays for
    ("events", "organiser", "Co-organisé", "joint"),
    ("funding", "instrument", "Preuve de concept", "proof_of_concept"),
    ("eu_proposals", "programme", "HORIZON-MISS-2022-CANCER-01-01", "cancer_mission"),
    ("funding", "funder", "Fondation ARC", "other"),  # a charity gives grants: not a private investor
    ("funding", "funder", "Private Foundation", "other"),
    ("funding", "funder", "Business angels", "private"),
    ("funding", "funder", "Ville de Marseille", "other"),  # unknown label in a column with an 'other' code
    # "Co-accompagnement ?": the "no" answers the header, the rest says which partner
    ("projects", "supported_by", "Non – Inserm Transfert uniquement", "it"),
    ("projects", "supported_by", "Non - Cancéropôle uniquement", "cpp"),
    ("projects", "supported_by", "Oui (CPP + IT)", "both"),
    ("events", "event_type", "Séminaire de sensibilisation", "awareness"),  # a seminar held to raise awareness
    ("events", "event_type", "Conférence de sensibilisation", "awareness"),  # a talk, not the conference kind
    ("funding", "funder", "Mécénat privé", "private"),  # 'other' and a specific code named alike: the specific one
    ("funding", "funder", "Inserm Tr.", "inserm_transfert"),  # a ledger's abbreviation
    ("projects", "technology_type", "NUM", "digital_health"),  # a legacy base's domain code ("numérique")
])
def test_labels_to_codes(vocabulary, table, column, label, code):
    assert make_codebook(vocabulary).lookup(table, column, label) == code


def test_unknown_label_without_other_code_is_an_error(vocabulary):
    with pytest.raises(ParseError, match="unknown value 'Peut-être'"):
        make_codebook(vocabulary).lookup("eu_proposals", "status", "Peut-être")


@pytest.mark.parametrize("table, column, label, code", [
    ("projects", "technology_type", "Thér.", "therapeutic"),  # far more therapeutic labels start with "thér"
    ("projects", "technology_type", "Thér. cell.", "therapeutic"),  # "thérapie cellulaire"
    ("projects", "technology_type", "Dispo. méd.", "medical_device"),
    ("eu_proposals", "status", "Rej.", "not_funded"),
])
def test_abbreviated_labels_are_read_and_listed(vocabulary, table, column, label, code):
    book = make_codebook(vocabulary)
    assert book.lookup(table, column, label) == code
    assert book.abbreviations[(table, column, label)] == (code, 1)


@pytest.mark.parametrize("label", ["Th.", "The", "Div. x y z"])  # too short, no dot and short, too many words
def test_labels_too_short_to_abbreviate_anything_are_not_guessed(vocabulary, label):
    book = make_codebook(vocabulary)
    assert book.lookup("projects", "technology_type", label) == "other" and not book.abbreviations


@pytest.mark.parametrize("header, words", [
    ("Porteur·se", ("porteur",)), ("Mail porteur·se", ("email", "porteur")), ("Chercheur.e.s", ("chercheurs",)),
    ("Inscrit(e)s", ("inscrits",)), ("Coordinateur·rice", ("coordinateur",)), ("Participant·e·s", ("participants",)),
    ("E-mail", ("e", "email")), ("Réf. projet", ("ref", "projet")),
])
def test_french_inclusive_endings_and_abbreviations_are_read_through(vocabulary, header, words):
    assert Recogniser(vocabulary).header_tokens(header) == words


def test_an_events_code_abbreviated_but_never_a_reference_starting_so(vocabulary):
    recogniser = Recogniser(vocabulary)
    assert recogniser.cell_candidates("event_attendance", "Code anim.")[0][0] == "event_id"
    assert not recogniser.cell_candidates("event_attendance", "ANIM-2020-02 Webinaire – Protéger ses résultats")


@pytest.mark.parametrize("table, header, column", [
    ("projects", "Projet arrêté le", "abandon_date"), ("event_attendance", "Référence session", "event_id"),
    ("projects", "Create Date", "detection_date"),
    ("projects", "Porteur (établissement)", "lead_institution"), ("projects", "Porteur (nom)", "pi"),
    ("eu_proposals", "Soutien", "supported_by"),  # an EU desk's list, as a projects list writes it
    ("events", "Day", "event_date"),  # a calendar's "Ref | Day | Event", one block per month
    ("events", "All day", None),  # a calendar's yes or no, beside its "Start"
    ("eu_proposals", "Projet", "acronym"), ("projects", "How it was sourced", "sourcing_channel"),
])
def test_headers_of_this_rounds_folders(vocabulary, table, header, column):
    candidates = Recogniser(vocabulary).cell_candidates(table, header)
    assert (candidates[0][0] if candidates else None) == column


def test_a_pi_column_written_inclusively_is_read_with_its_email(recognise):
    rec = recognise(sheet([["N° dossier", "Intitulé du projet", "Établissement gestionnaire", "Mode de sourcing",
                            "Accompagnement", "Détection", "Disclosure", "Porteur·se", "Mail porteur·se"],
                           ["AAP18-01", "Capteur", "AMU", "AAP CPP", "CPP", "2018-09-14", "2019-01-10", "Pr A. BRUNEL",
                            "anais.brunel@example.org"]]))
    assert rec.table == "projects" and not rec.missing_required
    assert [m.header for m in rec.columns if m.column == "pi"] == ["Porteur·se", "Mail porteur·se"]
    assert {m.header: m.column for m in rec.columns}["Disclosure"] == "disclosure_date"


def test_a_lone_year_column_stands_for_the_missing_date(recognise):
    rec = recognise(sheet([["Réf.", "Projet", "Financeur", "Type d'aide", "Montant", "Année"],
                           ["F1", "P-1", "Région Sud", "Subvention", 1000, 2021],
                           ["F2", "P-2", "Bpifrance", "Prêt", 2000, 2022]]))
    assert rec.table == "funding" and not rec.missing_required
    assert {m.header: m.column for m in rec.columns}["Année"] == "decision_date"


def test_a_year_column_of_other_values_is_no_date(recognise):
    rec = recognise(sheet([["Réf.", "Projet", "Financeur", "Type d'aide", "Montant", "Année"],
                           ["F1", "P-1", "Région Sud", "Subvention", 1000, "première"],
                           ["F2", "P-2", "Bpifrance", "Prêt", 2000, "seconde"]]))
    assert rec.missing_required == ["decision_date"]


def test_a_person_over_several_columns_takes_only_its_parts(recognise):
    rec = recognise(sheet([["Order #", "First Name", "Last Name", "Adresse e-mail", "Event ref", "Attendee Status",
                            "Organisation"],
                           ["1", "Léa", "Martin", "lea@x.fr", "EV-1", "Checked In", "AMU"]]))
    assert rec.table == "event_attendance"
    assert [m.header for m in rec.columns if m.column == "attendee"] == ["First Name", "Last Name", "Adresse e-mail"]
    assert "Attendee Status" in rec.unknown


@pytest.mark.parametrize("header", ["Bid ref", "#", "N°"])
def test_an_id_header_beside_the_table_words_is_its_id(recognise, header):
    rows = [[header, "Acronym", "Programme", "Call ID", "Submitted", "Role", "Requested", "Outcome"],
            ["X-1", "ABC", "ERC", "ERC-2021-COG", "02/03/2021", "Partner", 100, "declined"],
            ["X-2", "DEF", "ERC", "ERC-2021-COG", "02/04/2021", "Partner", 100, "awarded"]]
    rec = recognise(sheet(rows))
    assert rec.table == "eu_proposals" and not rec.missing_required
    assert {m.header: m.column for m in rec.columns}[header] == "proposal_id"


def test_the_word_that_tells_may_be_in_brackets(recognise):
    rec = recognise(sheet([["co_id", "Company", "Incorporated", "Spun out of (deal)", "Website"],
                           ["C01", "Oncolight", "2018-02-02", "D-18-05", "https://x.example"]]))
    assert rec.table == "startups" and {m.header: m.column for m in rec.columns}["Spun out of (deal)"] == "project_id"


def test_a_date_header_never_names_an_id(recognise):
    """"Date de l'action" holds the event's date: "action" alone names the event, but not beside "date"."""
    rec = recognise(sheet([["Code", "Intitulé", "Date de l'action", "NOM Prénom", "Établissement"],
                           ["ACT-22-02", "Webinaire", "28/03/2022", "MARCHAND Léa", "Inserm"]]))
    assert rec.table == "event_attendance"
    columns = {m.header: m.column for m in rec.columns}
    assert columns["Code"] == "event_id" and "Date de l'action" not in columns


def test_a_close_call_goes_to_the_table_that_reads_every_id(recognise):
    """Rounds kept with an investors column also look like funding lines; the "Start-up" column, another table's
    id left unread as funding, decides."""
    rec = recognise(sheet([["Code", "Start-up", "Date de l'opération", "Type d'opération", "Montant",
                            "Investisseurs / financeurs", "Commentaire"],
                           ["SU-01", "Luminy Bio", "22/10/2018", "Pré-amorçage", "436 k€", "Business Angels", None]]))
    assert rec.table == "startup_rounds"
    assert {m.header: m.column for m in rec.columns}["Start-up"] == "startup_id"


def test_an_email_header_naming_the_person_column_is_a_part_of_it(recognise):
    rec = recognise(sheet([["Réf.", "Titre", "Établissement porteur", "Date de détection", "Accompagnement",
                            "Porteur (PI)", "Courriel PI"],
                           ["P-1", "Sonde", "AMU", "14/02/2023", "CPP", None, "agnes.joly@univ-amu.fr"]]))
    assert [m.header for m in rec.columns if m.column == "pi"] == ["Porteur (PI)", "Courriel PI"]


def test_the_partnerships_reference_is_the_id_rather_than_another_systems_code(recognise):
    rec = recognise(sheet([["Code projet SATT", "Réf. convention CPP-IT (correspondance)", "Titre du projet",
                            "Établissement tutelle principale", "Suivi CPP / IT", "Date d'entrée dans le pipe",
                            "Origine du projet"],
                           ["SE-18-0050", "CPI-2018-01", "Biobanque", "UCA", "CPP", "27/01/2018", "AAP"]]))
    columns = {m.header: m.column for m in rec.columns}
    assert rec.table == "projects" and columns["Réf. convention CPP-IT (correspondance)"] == "project_id"
    assert "Code projet SATT" not in columns


def test_a_header_merged_over_two_columns_heads_both(tmp_path):
    import openpyxl

    from partnership_metrics.ingest.ingestion import ingest

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["N° projet", "Intitulé du projet", "Établissement porteur\n(et unité)", None, "Accompagné\npar",
               "Date de\ndétection", "Origine du\nprojet", "Type de\ntechnologie", "Porteur", None])
    ws.merge_cells("C1:D1")
    ws.merge_cells("I1:J1")
    ws.append(["CPI-1", "Radioligand", "IPC", "U1068", "Cancéropôle", "12/02/2018", "AAP Cancéropôle",
               "Thérapeutique", "Agnès PERRIN", "agnes.perrin@cnrs.example"])
    wb.save(tmp_path / "copil.xlsx")
    result = ingest(tmp_path)
    project = result.tables["projects"].iloc[0]
    assert project["lead_institution"] == "IPC" and project["research_unit"] == "U1068"
    [sheet_result] = result.sheets
    assert sorted(h for h, c in sheet_result.columns.items() if c == "pi") == ["Porteur"]


def test_a_funding_lines_project_is_the_partnerships_reference_not_the_satt_code(recognise):
    rec = recognise(sheet([["N° engagement", "Code projet SATT", "Réf. convention CPP-IT (correspondance)",
                            "Financeur", "Nature", "Montant engagé (€)", "Date comité d'investissement"],
                           ["INV-2", "SE-18-0062", "CPI-2018-04", "SATT Sud-Est", "Maturation", 184000, "26/01/2019"]]))
    columns = {m.header: m.column for m in rec.columns}
    assert rec.table == "funding" and columns["Réf. convention CPP-IT (correspondance)"] == "project_id"


def test_an_accounting_export_names_the_project_by_its_analytic_code_and_a_round_by_its_operation(recognise):
    rec = recognise(sheet([["N° engagement", "Date engagement", "Code analytique", "Libellé", "Financeur", "Nature",
                            "Montant HT"],
                           ["ENG18-1", "13/09/2018", "ON18-001", "PoC ON18-001", "INSERM TRANSFERT", "MATURATION",
                            "45000,00"]]))
    assert rec.table == "funding" and {m.header: m.column for m in rec.columns}["Code analytique"] == "project_id"
    rec = recognise(sheet([["Réf. start-up", "Date", "Opération", "Montant", "Investisseurs"],
                           ["STP01", "29/12/2018", "Prêt d'honneur", 30000, "Initiative"]]))
    assert rec.table == "startup_rounds" and {m.header: m.column for m in rec.columns}["Opération"] == "round_type"


def test_a_tools_record_id_gives_way_to_the_business_reference(recognise):
    """Odoo exports its external id under "ID" beside the partnership's "Référence"."""
    rec = recognise(sheet([["ID", "Référence", "Opportunité/Code projet", "Financeur", "Type d'aide", "Montant",
                            "Date de décision"],
                           ["__export__.x_engagements_100_780fa287", "ENG/2018/0001", "CPPIT-18-001",
                            "Cancéropôle PACA", "Émergence", 60000.0, "2018-05-17"]]))
    columns = {m.header: m.column for m in rec.columns}
    assert rec.table == "funding" and columns["Référence"] == "funding_id" and "ID" not in columns


def test_a_date_the_record_was_made_is_never_the_tables_date(recognise):
    rec = recognise(sheet([["Task ID", "Task Name", "Date Created", "Start Date", "Réf. action (short text)",
                            "Organisateur (labels)", "Participants (number)"],
                           ["83mkhltc2", "Journée annuelle", "1610448000000", "1516003200000", "AC-2018-01", "[CPP]",
                            46]]))
    columns = {m.header: m.column for m in rec.columns}
    assert rec.table == "events"
    assert columns["Start Date"] == "event_date" and columns["Task Name"] == "title"
    assert "Date Created" not in columns and "Task ID" not in columns


def test_a_forms_questions_are_parts_of_the_attendee(recognise):
    rec = recognise(sheet([["#", "Votre prénom", "Votre nom", "Votre adresse e-mail", "Adresse e-mail (facultatif)",
                            "Votre établissement de rattachement", "event"],
                           ["572084ab", "Céline", "ARNAUD", None, None, "Université Côte d'Azur", "AC-2021-01"]]))
    assert rec.table == "event_attendance"
    assert [m.header for m in rec.columns if m.column == "attendee"] == [
        "Votre prénom", "Votre nom", "Votre adresse e-mail", "Adresse e-mail (facultatif)"]


def test_a_header_in_two_languages_is_read_in_either(recognise):
    rec = recognise(sheet([["Réf. / Ref", "Titre du projet / Project title", "Établissement porteur / Lead institution",
                            "Accompagnement / Support", "Date de détection / Detection date", "Porteur / PI",
                            "Suivi par / Owner"],
                           ["PIP-21-01", "Radioligand", "AP-HM", "IT, CPP", "2021-01-11", "Nathalie Laurent",
                            "siobhan.kearney@inserm-transfert.example"]]))
    columns = {m.header: m.column for m in rec.columns}
    assert columns["Porteur / PI"] == "pi"
    # "Suivi par" is a synonym of the support column too: its e-mail addresses name no partner, the values decide
    assert columns["Accompagnement / Support"] == "supported_by" and "Suivi par / Owner" not in columns


def test_an_email_address_names_no_code(vocabulary):
    codebook = make_codebook(vocabulary)
    assert codebook.find("projects", "supported_by", "helene.giordano@canceropole-paca.example") is None
    assert codebook.find("projects", "supported_by", "Cancéropôle PACA") == "cpp"


def test_a_bare_email_header_beside_the_person_read_by_name_is_theirs(recognise):
    rec = recognise(sheet([["Code projet", "Opportunité", "Client", "Date de détection", "Accompagnement",
                            "Nom du contact", "Courriel", "Vendeur"],
                           ["CPPIT-23-011", "Signature", "AP-HM", "2023-09-30", "Inserm Transfert", None,
                            "lucy.bennett@chu-nice.fr", "Thibault Carrel"]]))
    assert rec.table == "projects"
    assert [m.header for m in rec.columns if m.column == "pi"] == ["Nom du contact", "Courriel"]


@pytest.mark.parametrize("header, clean, multiplier", [
    ("EU contribution requested (€k)", "EU contribution requested", 1e3),
    ("Budget (€m)", "Budget", 1e6),
])
def test_units_written_after_the_euro_sign(header, clean, multiplier):
    text, found = header_unit(header)
    assert " ".join(text.replace("(", " ").replace(")", " ").split()) == clean and found == multiplier


def test_a_databases_field_names_in_camel_case(recognise):
    rec = recognise(sheet([["NumAction", "Intitule", "DateAction", "TypeAction", "Organisateur", "NbParticipants"],
                           ["A18-01", "Atelier DM", "2018-04-12", "Atelier", "IT", 77]]))
    columns = {m.header: m.column for m in rec.columns}
    assert rec.table == "events" and columns["DateAction"] == "event_date" and columns["NumAction"] == "event_id"


def test_a_state_kept_once_per_review_is_read_from_its_latest_column(tmp_path):
    import openpyxl

    from partnership_metrics.ingest.ingestion import ingest

    book = openpyxl.Workbook()
    for row in [["N°", "Acronyme", "Programme", "Date de dépôt", "Rôle PACA", "Établissement PACA",
                 "Statut au 31/12/2021", "Statut au 31/12/2022", "Statut au 31/12/2023", "Montant obtenu (€)"],
                ["UE-21-01", "ONCOX", "ERC", "2021-03-02", "Coordinateur", "AMU", "En évaluation", "Financé",
                 "Financé", 1_500_000],
                ["UE-22-01", "TUMIX", "MSCA", "2022-05-10", "Partenaire", "IPC", None, "En évaluation", "Rejeté",
                 None]]:
        book.active.append(row)
    book.save(tmp_path / "candidatures.xlsx")
    proposals = ingest(tmp_path).tables["eu_proposals"]
    assert list(proposals["status"].astype(str)) == ["funded", "not_funded"]


def test_a_header_written_again_below_in_another_language_is_no_row(tmp_path):
    import openpyxl

    from partnership_metrics.ingest.ingestion import ingest

    book = openpyxl.Workbook()
    for row in [["Engagements financiers | Funding commitments"], [],
                ["N° d'engagement", "Réf. projet", "Financeur", "Dispositif", "Montant (€)", "Date de décision"],
                ["Commitment no.", "Project ref.", "Funder", "Instrument", "Amount (€)", "Decision date"],
                ["FIN-2021-001", "SRC-21-001", "Région Sud", "Émergence", 50_000, "2021-03-02"],
                ["FIN-2021-002", "SRC-21-002", "Inserm Transfert", "Maturation", 120_000, "2021-06-10"]]:
        book.active.append(row)
    book.save(tmp_path / "financements.xlsx")
    result = ingest(tmp_path)
    assert list(result.tables["funding"]["funding_id"]) == ["FIN-2021-001", "FIN-2021-002"]
    assert not result.problems


def test_a_review_column_created_ahead_and_still_empty_is_not_the_latest(tmp_path):
    import openpyxl

    from partnership_metrics.ingest.ingestion import ingest

    book = openpyxl.Workbook()
    for row in [["N°", "Acronyme", "Programme", "Date de dépôt", "Rôle PACA", "Établissement PACA",
                 "Statut au 31/12/2022", "Statut au 31/12/2023"],
                ["UE-21-01", "ONCOX", "ERC", "2021-03-02", "Coordinateur", "AMU", "Financé", None],
                ["UE-22-01", "TUMIX", "MSCA", "2022-05-10", "Partenaire", "IPC", "Rejeté", None]]:
        book.active.append(row)
    book.save(tmp_path / "candidatures.xlsx")
    proposals = ingest(tmp_path).tables["eu_proposals"]
    assert list(proposals["status"].astype(str)) == ["funded", "not_funded"]


def test_a_crm_records_time_stamp_is_not_the_companys_creation_date(tmp_path):
    """Two headers could be the start-ups' creation date: the one holding days wins over a CRM's time stamps of
    when each record was created; the label a CRM gives each organisation is its status."""
    import datetime as dt

    from workbooks import write_workbook

    from partnership_metrics.ingest.ingestion import ingest

    rows = [["Organisation - Nom", "Organisation - Étiquette", "Organisation - Date de création",
             "Organisation - Réf. start-up", "Organisation - Date d'immatriculation (date de création de la société)"]]
    for n, label in enumerate(["Start-up – en activité", "Start-up – rachetée", "Start-up – liquidée"], start=1):
        rows.append([f"Société {n}", label, dt.datetime(2021, 1, 18, 9, 40 + n), f"SU-0{n}", dt.date(2019 + n, n, 15)])
    write_workbook(tmp_path / "raw" / "organisations.xlsx", {"Organisations": rows})
    startups = ingest(tmp_path / "raw").tables["startups"].set_index("startup_id")
    assert [str(d.date()) for d in startups["creation_date"]] == ["2020-01-15", "2021-02-15", "2022-03-15"]
    assert list(startups["status"]) == ["active", "acquired", "closed"]


def test_an_open_data_exports_entity_dot_field_headers_are_read_by_their_field(tmp_path):
    (tmp_path / "anr_projets_finances.csv").write_text(
        "Projet.Code_Decision;Projet.Financeur;Programme.Acronyme;Projet.Acronyme;Projet.Aide_allouee;"
        "Projet.Type_Aide;Projet.Date_Decision;Projet.Date_Debut;Ref_projet\n"
        "ANR-20-CE14-0003;ANR;AAPG CE14;VACPRO;404000.00;Subvention;2020-07-31;2020-12-27;VAL-19-01\n"
        "ANR-21-CE14-0015;ANR;AAPG CE14;;547000.00;Subvention;2021-06-14;2021-10-10;VAL-20-01\n", encoding="utf-8")
    funding = ingest(tmp_path).tables["funding"].set_index("funding_id")
    assert list(funding.index) == ["ANR-20-CE14-0003", "ANR-21-CE14-0015"]
    assert list(funding["amount_eur"]) == [404000.0, 547000.0] and list(funding["funder"]) == ["anr", "anr"]
    assert [str(d.date()) for d in funding["decision_date"]] == ["2020-07-31", "2021-06-14"]  # not the start date
    assert list(funding["project_id"]) == ["VAL-19-01", "VAL-20-01"]


def test_a_comment_about_a_column_is_not_that_column(vocabulary):
    recogniser = Recogniser(vocabulary)
    assert "decision_date" in dict(recogniser.cell_candidates("funding", "Comité"))  # a committee's date
    assert "decision_date" not in dict(recogniser.cell_candidates("funding", "Commentaire du comité"))
    assert "status" not in dict(recogniser.cell_candidates("eu_proposals", "Remarques sur le statut"))
    # a comment may be a free-text column: the partners' commentary, a recommendation's follow-up
    assert "cause" in dict(recogniser.cell_candidates("commentary", "Remarques sur la cause de l'écart"))
    assert "follow_up" in dict(recogniser.cell_candidates("recommendations", "Remarques sur le suivi"))


def test_a_records_owner_is_a_person_and_a_tools_record_id_is_the_id_when_nothing_else_is(tmp_path):
    from workbooks import write_workbook  # tests/ingest, beside this file

    header = ["Record ID", "Company name", "Incorporation Date", "SIREN", "Parent institution", "Company owner"]
    rows = [header, ["9124324006", "Azur Liquid Biopsy", "2022-05-13", "732829320", "CHU de Nice", "Karim Benali"],
            ["6611523363", "Calanque Oncology", "2018-10-15", "542051180", "Institut Paoli-Calmettes", "Loïc Tanguy"]]
    write_workbook(tmp_path / "raw" / "companies.xlsx", {"Companies": rows})
    startups = ingest(tmp_path / "raw").tables["startups"]
    assert sorted(startups["startup_id"]) == ["6611523363", "9124324006"]  # not the owners' names
    recogniser = Recogniser(load_vocabulary(None))
    assert "startup_id" not in dict(recogniser.cell_candidates("startups", "Company owner"))
    with_reference = dict(recogniser.cell_candidates("startups", "Réf. start-up"))
    assert with_reference["startup_id"] > dict(recogniser.cell_candidates("startups", "Record ID"))["startup_id"]


def test_a_unit_in_a_group_cell_applies_to_the_amounts_below_it(tmp_path):
    """"Montants (k€)" merged over "Demandé | Obtenu": the amounts are thousands; a note above the header naming
    two units says nothing about any column."""
    from workbooks import write_workbook  # tests/ingest, beside this file

    rows = [["Candidatures européennes — H2020"], [],
            ["Projet", None, "Dépôt", None, None, "Montants (k€)", None, "Résultat"],
            ["Réf.", "Programme", "Date de dépôt", "Rôle", "Établissement", "Demandé", "Obtenu", "Statut"],
            ["EU-1", "ERC", "05/03/2021", "Coordinateur", "AMU", 2205, 1830.5, "Financé"],
            ["EU-2", "EIC", "19/07/2021", "Partenaire", "CHU de Nice", 3475.5, None, "Rejeté"]]
    noted = [["Propositions"], ["Montants tels qu'annoncés (k€ / M€ selon la source)"],
             ["Réf.", "Programme", "Date de dépôt", "Rôle", "Établissement", "Montant demandé", "Statut"],
             ["EU-3", "ERC", "05/03/2022", "Partenaire", "AMU", 1500000, "Financé"]]
    write_workbook(tmp_path / "eu.xlsx", {"H2020": rows, "Autres": noted}, merged={"H2020": ["F3:G3"]})
    proposals = ingest(tmp_path).tables["eu_proposals"].set_index("proposal_id")
    assert proposals.loc["EU-1", ["requested_eur", "granted_eur"]].tolist() == [2_205_000, 1_830_500]
    assert proposals.loc["EU-2", "requested_eur"] == 3_475_500
    assert proposals.loc["EU-3", "requested_eur"] == 1_500_000


@pytest.mark.parametrize("header, table, column", [
    ("parent_org_id", "startups", "lead_institution"),  # a database's key of the organisation it came from
    ("org_id", "event_attendance", "institution"),
    ("csat_avg", "events", "satisfaction"),  # a survey tool's customer-satisfaction score
    ("Obtenu", "eu_proposals", "granted_eur"),  # under a group "Montants", beside "Demandé"
    ("Opportunité liée", "funding", "project_id"),  # a CRM's opportunity is the project a commitment funds
    ("Opportunité d'origine", "startups", "project_id"),
    ("Reçu le", "projects", "detection_date"),  # a call's application received
    ("Séance", "funding", "decision_date"),  # a scientific committee's minutes
    ("Crédits", "funding", "funder"),
    ("Who pays", "funding", "funder"),  # an English officer's "Who pays | Kind | Amount (k€)"
    ("Kind", "funding", "instrument"),
    ("Closing", "startup_rounds", "round_date"),  # "Company | Closing | Amount (k€) | Round"
    ("Where", "events", "site"),
])
def test_a_database_s_and_a_tracker_s_headers(vocabulary, header, table, column):
    assert any(c == column for c, _ in Recogniser(vocabulary).cell_candidates(table, header))


def test_a_call_s_bare_filing_date_beside_a_patent_s_is_the_application(tmp_path):
    """"Date dépôt" beside "Brevet (prio.)" in a call's register: the application's filing, the project's detection;
    "Nom" under the group "Porteur" is the PI's name."""
    from workbooks import write_workbook  # tests/ingest, beside this file

    rows = [["Appel à projets 2021 — dossiers reçus"], [],
            ["Dossier", None, "Porteur", None, "Qualification", None, None, "Jalons", None],
            ["N° dossier", "Titre", "Nom", "Établissement", "Domaine", "Origine du projet", "Suivi par", "Date dépôt",
             "Brevet (prio.)"],
            ["PV-21-01", "Anticorps", "MARTEL Lina", "AMU", "Diagnostic", "Appel à projets CPP", "CPP",
             "09/08/2021", "05/03/2022"],
            ["PV-21-02", "Sonde", "ROUX Ana", "UCA", "Thérapeutique", "Appel à projets CPP", "CPP + IT",
             "12/02/2021", None]]
    write_workbook(tmp_path / "aap.xlsx", {"AAP 2021": rows})
    projects = ingest(tmp_path).tables["projects"].set_index("project_id")
    assert [str(d.date()) for d in projects["detection_date"]] == ["2021-08-09", "2021-02-12"]
    assert str(projects.loc["PV-21-01", "priority_filing_date"].date()) == "2022-03-05"
    assert projects["pi"].notna().all()


def test_a_bare_filing_date_alone_is_the_patent_s(tmp_path):
    from workbooks import write_workbook  # tests/ingest, beside this file

    rows = [["Réf.", "Titre", "Établissement", "Origine", "Suivi par", "Date de détection", "Date de dépôt"],
            ["P-1", "Anticorps", "AMU", "Appel à projets CPP", "CPP", "09/08/2021", "05/03/2022"],
            ["P-2", "Sonde", "UCA", "Appel à projets CPP", "CPP", "12/02/2021", None]]
    write_workbook(tmp_path / "projets.xlsx", {"Projets": rows})
    projects = ingest(tmp_path).tables["projects"].set_index("project_id")
    assert str(projects.loc["P-1", "priority_filing_date"].date()) == "2022-03-05"
    assert str(projects.loc["P-1", "detection_date"].date()) == "2021-08-09"


def test_a_form_asking_which_webinar_was_attended_gives_the_event(recognise):
    rec = recognise(sheet([["Horodateur", "Adresse e-mail", "Nom et prénom", "Établissement", "Webinaire suivi"],
                           ["21/08/2023 10:24:30", "a.b@example.org", "Anne B", "AMU", "[AN-23-04] Appels – 21/08/2023"]]))
    assert rec.table == "event_attendance"
    assert [m.header for m in rec.columns if m.column == "event_id"] == ["Webinaire suivi"]


def test_a_ledger_without_an_instrument_column_names_it_in_its_account_labels(recognise):
    rec = recognise(sheet([
        ["N° eng.", "Date d'engagement", "Cpte", "Tiers (bénéficiaire)", "Libellé de l'engagement", "Financeur",
         "HT (€)", "TTC (€)"],
        ["E-1", "7-févr-22", "657110", "AMU", "Prog. maturation – projet P-8", "Fonds propres IT", 1000, 1000],
        ["E-2", "18-mars-22", "657120", "CHU Nice", "POC P-9 (PANCNK)", "FP Inserm Transfert", 2000, 2000],
        ["E-3", "26-avr.-22", "657130", "Inserm", "Aide à l'émergence P-10", "Région Sud", 8000, 8000],
        ["E-4", "12-mai-22", "604110", "AMU", "Contrat de prestation maturation – P-11", "Fonds propres IT", 50, 60]]))
    assert rec.table == "funding" and not rec.missing_required
    assert {m.column: m.header for m in rec.columns} == {
        "funding_id": "N° eng.", "decision_date": "Date d'engagement", "instrument": "Libellé de l'engagement",
        "funder": "Financeur", "amount_eur": "HT (€)"}


def test_values_naming_codes_never_choose_the_table(recognise):
    """A call's results ("AAP Émergence 2018" under "Dispositif") lack a funder: the values of a text column that
    name codes of another table's columns do not make it that table."""
    rec = recognise(sheet([
        ["N° dossier", "Projet", "Porteur", "Établissement", "Dispositif", "Montant accordé", "Date du jury"],
        ["A-1", "P-1", "X Y", "AMU", "AAP Émergence 2018", "30 000", "10-mars-18"],
        ["A-2", "P-2", "Z W", "UniCA", "AAP Émergence 2018", "40 000", "15-oct.-18"],
        ["A-3", "P-3", "V U", "AMU", "AAP Émergence 2019", "25 000", "18/03/2019"]]))
    assert rec.table == "funding"


def test_a_date_under_an_outcome_group_beside_one_under_submission_is_the_results(recognise):
    rec = recognise(sheet([
        ["Proposal", None, None, "Submission", None, None, "Outcome", None],
        ["Ref.", "Acronym", "Programme", "Date", "Role", "Requested", "Status", "Date"],
        ["EU-1", "MIVX", "ERC Starting Grant", "19/03/2018", "Partner", 2.1, "Not funded", "21/10/2018"]]))
    assert rec.table == "eu_proposals"
    assert {m.column: m.index for m in rec.columns if m.column.endswith("_date")} == {
        "submission_date": 3, "result_date": 7}


@pytest.mark.parametrize(("table", "column", "label", "code"), [
    ("events", "event_type", "Visio-conférence", "webinar"),
    ("funding", "funder", "Métropole Aix-Marseille-Provence", "other"),
    ("funding", "instrument", "ANR PRC", "grant"),
    ("funding", "instrument", "Aide à l'émergence", "emergence"),
    ("startup_rounds", "round_type", "Prêt d'amorçage Bpifrance", "loan"),  # a seed loan, not a seed round
])
def test_labels_of_round_27(vocabulary, table, column, label, code):
    assert make_codebook(vocabulary).find(table, column, label) == code  # found, not "other" for want of a label


def test_an_eu_sheet_asking_coordinateur_yes_or_no_with_its_dates_written_as_verbs(tmp_path):
    (tmp_path / "depots.csv").write_text(
        "Réf.;Acronyme;Programme;Déposé le;Coord. (O/N);Décision;Notifié le\n"
        "UE-1;YLOF;ERC (H2020);20/06/2019;O;Rejeté;15/11/2019\n"
        "UE-2;CGGC;MSCA-IF;08/03/2019;N;Retenu — financé;18/10/2019\n", encoding="utf-8")
    eu = ingest(tmp_path).tables["eu_proposals"]
    assert list(zip(eu["proposal_id"], eu["role"].astype(str), eu["submission_date"].dt.month,
                    eu["result_date"].dt.month, strict=True)) == [("UE-1", "coordinator", 6, 11),
                                                                   ("UE-2", "partner", 3, 10)]


def test_a_funders_table_sent_by_mail_names_its_author_first_and_its_reference_by_it(tmp_path):
    (tmp_path / "IT_engagements_CPP_2019.csv").write_text(
        "Inserm Transfert — Tableau des engagements 2019 — partenariat CanceroPôle PACA;;;;\n"
        ";;;;\n"
        "Réf IT;Projet CPP;Type de financement;Engagement k€;Comité\n"
        "IT-2019-001;OV-2018-06;POC;105;T2 2019\n"
        "IT-2019-002;OV-2018-07;Maturation;80;T1 2019\n", encoding="utf-8")
    funding = ingest(tmp_path).tables["funding"]
    assert list(zip(funding["funding_id"], funding["project_id"], funding["funder"].astype(str),
                    funding["amount_eur"], strict=True)) == [
        ("IT-2019-001", "OV-2018-06", "inserm_transfert", 105000.0),
        ("IT-2019-002", "OV-2018-07", "inserm_transfert", 80000.0)]


def test_a_deal_flows_closed_lost_date_is_the_abandon(recognise):
    rec = recognise(sheet([["Deal ID", "Deal name", "Lead institution", "Origin", "Supported by", "Created (detection)",
                            "Closed-lost on"], ["ITD-1", "Probe", "AMU", "IT scouting", "IT", "2021-03-02", "2022-01-04"]]))
    assert {m.header: m.column for m in rec.columns}["Closed-lost on"] == "abandon_date"


def test_an_actuals_header_is_no_period_of_targets(vocabulary):
    recogniser = Recogniser(vocabulary)
    assert recogniser.cell_candidates("kpi_targets", "Réalisé sur la période") == ()
    assert recogniser.cell_candidates("kpi_targets", "Période")[0][0] == "period"


def test_a_date_said_by_le_after_its_event(vocabulary):
    recogniser = Recogniser(vocabulary)
    assert recogniser.cell_candidates("eu_proposals", "Résultat le")[0][0] == "result_date"
    assert recogniser.cell_candidates("eu_proposals", "Résultat")[0][0] == "status"
    assert recogniser.cell_candidates("eu_proposals", "Déposé le")[0][0] == "submission_date"
    assert recogniser.cell_candidates("projects", "Détecté le")[0][0] == "detection_date"


def test_a_calls_entry_route_and_the_files_reception(vocabulary):
    recogniser = Recogniser(vocabulary)
    assert recogniser.cell_candidates("projects", "Voie d'entrée")[0][0] == "sourcing_channel"
    assert recogniser.cell_candidates("projects", "Réception du dossier (détection)")[0][0] == "detection_date"


def test_a_header_naming_a_column_already_read_over_dates_is_its_date(tmp_path):
    """"Outcome | Granted (€) | Result" with dates under "Result": the result's date (as "Result date" says); a
    "Result" over words beside "Outcome" stays left out."""
    from workbooks import write_workbook  # tests/ingest, beside this file

    rows = [["EU grant applications supported in 2019"], [],
            ["Ref", "Programme", "Submitted", "Role", "Institution", "Requested (€)", "Outcome", "Granted (€)",
             "Result"],
            ["EU-19-01", "ERC", "28th January 2019", "partner", "IPC", 1460000, "Funded", 1460000, "28th August 2019"],
            ["EU-19-02", "MSCA", "12/02/2019", "coordinator", "CNRS", 1730000, "Rejected", None, "12/06/2019"]]
    write_workbook(tmp_path / "dated" / "eu.xlsx", {"2019": rows})
    proposals = ingest(tmp_path / "dated").tables["eu_proposals"].set_index("proposal_id")
    assert str(proposals.loc["EU-19-01", "result_date"].date()) == "2019-08-28"
    assert str(proposals.loc["EU-19-02", "result_date"].date()) == "2019-06-12"
    worded = [row[:8] + [value] for row, value in zip(rows, [None, None, "Result", "very good", "to resubmit"],
                                                      strict=True)]
    write_workbook(tmp_path / "worded" / "eu.xlsx", {"2019": worded})
    proposals = ingest(tmp_path / "worded").tables["eu_proposals"]
    assert proposals["result_date"].isna().all() and len(proposals) == 2


def test_one_sheet_per_funder_without_line_numbers(tmp_path):
    """A funder's sheet names the funder; its lines have no numbers (ids are made from where each is): "Projet |
    Dispositif | Montant | Date notification" is enough of the funding table, as "Projet | Aide | Montant (k€) |
    Date" is (the aid named, its amount beside)."""
    from workbooks import write_workbook  # tests/ingest, beside this file

    region = [["Région Sud — aides notifiées"], ["Projet", "Dispositif", "Montant", "Date notification"],
              ["VAL-19-001", "Fonds régional de maturation", "163 k€", "14/05/2021"],
              ["VAL-20-002", "Fonds régional de maturation", "61 k€", "17/06/2021"]]
    bpi = [["Bpifrance"], ["Projet", "Aide", "Montant (k€)", "Date"],
           ["VAL-19-003", "Bourse French Tech Emergence", 40, "21/03/2020"],
           ["VAL-20-004", "Bourse French Tech Emergence", 54, "17/11/2020"]]
    write_workbook(tmp_path / "financements.xlsx", {"Région Sud": region, "Bpifrance": bpi})
    funding = ingest(tmp_path).tables["funding"].set_index("project_id")
    assert funding["funder"].to_dict() == {"VAL-19-001": "region_sud", "VAL-20-002": "region_sud",
                                           "VAL-19-003": "bpifrance", "VAL-20-004": "bpifrance"}
    assert funding.loc["VAL-19-003", ["instrument", "amount_eur"]].tolist() == ["grant", 40_000]
    assert funding.loc["VAL-19-001", "amount_eur"] == 163_000 and funding["funding_id"].notna().all()


def test_a_ledger_with_subtotals_and_analytic_sections(tmp_path):
    """An accounting ledger's commitments: "N° Engt | Date engt | Section analytique | Code projet | Tiers
    (financeur)", the analytic section the kind of commitment ("VAL-MAT", "VAL-EMG", "SUBV"), amounts as French text
    and a subtotal line "Total exercice 2018" that is no header of a grid of actual values."""
    from workbooks import write_workbook  # tests/ingest, beside this file

    rows = [["SAGE 100 Comptabilité"], ["Grand-livre analytique des engagements"], [],
            ["N° Engt", "Date engt", "Section analytique", "Code projet", "Libellé écriture", "Tiers (financeur)",
             "Montant EUR"],
            ["E18/0017", "12/03/2018", "VAL-EMG", "P003", "AAP Emergence - METASCURE", "CANCEROPOLE PACA", "18 000,00"],
            ["E18/0024", "21/05/2018", "VAL-MAT", "P002", "Maturation LYMPHOTARGET", "INSERM TRANSFERT SA",
             "240 000,00"],
            [None, None, None, None, "Total exercice 2018", None, "258 000,00"],
            ["E19/0010", "04/02/2019", "SUBV", "P004", "Subvention ANR", "ANR", "120 000,00"],
            [None, None, None, None, "Total exercice 2019", None, "120 000,00"]]
    write_workbook(tmp_path / "sage.xlsx", {"Export": rows})
    funding = ingest(tmp_path).tables["funding"].set_index("funding_id")
    assert funding["instrument"].to_dict() == {"E18/0017": "emergence", "E18/0024": "maturation", "E19/0010": "grant"}
    assert funding.loc["E18/0024", ["project_id", "funder", "amount_eur"]].tolist() == ["P002", "inserm_transfert",
                                                                                          240_000]


def test_a_ledger_s_analytic_codes_beside_its_project_section(tmp_path):
    """"Axe analytique" names a project's code in many ledgers, but here it holds kinds of commitment ("VAL-MAT",
    "SUBV": codes of the instrument) beside "Section (projet)" ("P016"): the section is the project."""
    from workbooks import write_workbook  # tests/ingest, beside this file

    rows = [["Extraction engagements partenariat"], [],
            ["N° engagement", "Date d'engagement", "Axe analytique", "Section (projet)", "Financeur", "Nature",
             "Montant"],
            ["ENG-2021-001", "04/01/2021", "SUBV", "P016", "Agence Nationale de la Recherche", "Subvention", 230000],
            ["ENG-2021-002", "08/02/2021", "VAL-MAT", "P012", "Inserm Transfert SA", "Maturation", 160000],
            ["ENG-2021-003", "01/03/2021", "VAL-MAT", "P013", "Inserm Transfert SA", "Maturation", 225000]]
    write_workbook(tmp_path / "export.xlsx", {"Export compta": rows})
    funding = ingest(tmp_path).tables["funding"].set_index("funding_id")
    assert funding["project_id"].to_dict() == {"ENG-2021-001": "P016", "ENG-2021-002": "P012",
                                               "ENG-2021-003": "P013"}


@pytest.mark.parametrize("table, header, column, named", [
    ("events", ["Code", "Nom", "Date", "Type", "Organisateur", "Participants"], "title", "Nom"),  # Notion's "Name"
    ("eu_proposals", ["Proposal ID", "Acronym", "Programme", "Submission date", "Role", "Status", "Evaluation result"],
     "result_date", "Evaluation result"),  # the date the evaluation's result came
    ("funding", ["N° engagement", "Section analytique", "Financeur", "Dispositif", "Montant", "Date"],
     "project_id", "Section analytique"),  # an accounting export's analytic section: the project the line funds
    ("events", ["Course short name", "Course full name", "Course category", "Course start date", "Organiser",
                "Attendees (present)", "Feedback score (/5)"], "event_id", "Course short name"),  # Moodle's courses
    ("events", ["Course short name", "Course full name", "Course category", "Course start date", "Organiser",
                "Attendees (present)", "Feedback score (/5)"], "satisfaction", "Feedback score (/5)"),
    ("event_attendance", ["Nom abrégé du cours", "Nom complet du cours", "Nom complet", "Adresse de courriel",
                          "Institution", "Département", "Statut d'achèvement"], "event_id", "Nom abrégé du cours"),
    ("event_attendance", ["Course short name", "Course full name", "Full name", "Email address", "Institution",
                          "Department", "Course completion status"], "research_unit", "Department"),
])
def test_headers_as_tools_export_them(recognise, table, header, column, named):
    rec = recognise(sheet([header]))
    assert rec.table == table
    assert [m.header for m in rec.columns if m.column == column] == [named]


def test_the_headers_of_round_75_s_tools_are_read(recognise):
    """A SharePoint list names each item in its built-in "Titre"; a partner's events sheet keeps the ticketing tool's
    "ID Eventbrite" as the event's id; a portfolio export's "Founding opportunity" is the start-up's project; "k€
    engagés" is a commitment's amount and "N° AAP" the number a call for projects gives each line it funds."""
    eu = recognise(sheet([["ID", "Titre", "Programme", "Appel (topic)", "Date de dépôt", "Statut de la proposition"],
                          ["4", "XERAPRO", "ERC", "ERC-2018-POC", "2018-02-23T11:41:43Z", "Non retenue"]]))
    assert eu.table == "eu_proposals" and {m.header: m.column for m in eu.columns}["Titre"] == "acronym"
    for tool in ("ID Eventbrite", "N° Weezevent"):
        events = recognise(sheet([["Date", "Intitulé", "Type", "Organisé par", "Nb participants", tool],
                                  ["23/04/2018", "Info day Mission Cancer", "Journée scientifique", "IT", 23,
                                   45539183996]]))
        assert events.table == "events" and not events.missing_required
        assert {m.header: m.column for m in events.columns}[tool] == "event_id"
    startups = recognise(sheet([["Company", "SIREN", "Incorporation date", "Founding opportunity", "Status"],
                                ["Theralys Bio", "931 134 084", "2019-02-02", "VAL-18-006", "Active"]]))
    assert {m.header: m.column for m in startups.columns}["Founding opportunity"] == "project_id"
    funding = recognise(sheet([["Comité", "N° AAP", "Projet", "Dispositif", "k€ engagés", "Financeur"],
                               ["Comité du 02/03/2018", "AAP18-01", "CPP-V18-01", "Emergence", "58,5", "CPP"]]))
    columns = {m.header: m.column for m in funding.columns}
    assert funding.table == "funding" and (columns["N° AAP"], columns["k€ engagés"]) == ("funding_id", "amount_eur")


def test_a_header_with_a_band_of_months_written_as_dates_is_a_header(recognise):
    """A budget tracker's header ends with its payments' years and months, written as numbers and dates ("2020 |
    1/1/2021 | 1/2/2021 | …"): the row is still a header, mostly of periods, not a record."""
    months = [dt.date(2021, m, 1) for m in range(1, 13)]
    rec = recognise(sheet([["N° ligne", "Réf. projet", "Financeur", "Dispositif", "Date décision", "Montant engagé (k€)",
                            2019, 2020, *months],
                           ["ITM-2019-01", "VAL-18-006", "Inserm Transfert", "Maturation", "22/03/2019", 365.0,
                            365.0, *[None] * 13]]))
    assert rec is not None and rec.table == "funding" and not rec.missing_required


def test_an_accounting_extract_s_cost_centre_names_the_kind_of_support(recognise):
    """SIFAC's "Désignation centre financier" ("CPP PACA – AAP Emergence") is what each commitment funds."""
    rec = recognise(sheet([["Exercice", "Centre financier", "Désignation centre financier", "N° engagement",
                            "Date engagement", "Libellé engagement", "Engagé", "Mandaté", "Réf. projet (ajout CPP)"],
                           [2018, "9CPPEMR", "CPP PACA – AAP Emergence", "4518549219", "24.09.2018",
                            "AAP EMERGENCE RALIXIA", 34000.0, "34 000,00", "P-18-005"]]))
    columns = {m.header: m.column for m in rec.columns}
    assert rec.table == "funding" and columns["Désignation centre financier"] == "instrument"
    assert columns["N° engagement"] == "funding_id" and columns["Engagé"] == "amount_eur"


def test_a_form_s_question_naming_an_event_in_passing_is_no_event_id(tmp_path):
    """"How did you hear about this event?" holds "LinkedIn": a question names a column only by a phrase of it
    ("Pour quel événement …"), not by one word in passing; the event is the one the sheet is named after."""
    write_workbook(tmp_path / "events.xlsx", {"Log": [
        ["Ref", "Date", "Event title", "Format", "Organized by", "Headcount"],
        ["EV21-01", "2021-02-19", "From lab to market", "Training", "IT & CPP", 10],
        ["EV21-02", "2021-03-08", "Entrepreneurship module 3", "Training", "CPP", 15]]})
    answers = ["ID", "Start time", "Completion time", "Email", "Name", "Institution", "Research unit (e.g. U1068)",
               "How did you hear about this event?"]
    write_workbook(tmp_path / "MS Forms exports 2021.xlsx", {
        "EV21-01 Lab to market BP": [answers, [1, "2021-02-19 08:42", "2021-02-19 08:45", "b.rousseau@example.fr",
                                               "Bastien Rousseau", "CAL", "U1081", "LinkedIn"],
                                     [2, "2021-02-19 08:47", "2021-02-19 08:49", "c.aubert@example.fr", "Chloé Aubert",
                                      "UniCA", "UMR7275", "Colleague"],
                                     [3, "2021-02-19 08:52", "2021-02-19 08:55", "j.cordier@example.fr", "Julie Cordier",
                                      "INSERM", "U1104", "LinkedIn"]],
        "EV21-02 Entrepreneurship mod 3": [answers, [1, "2021-03-08 08:43", "2021-03-08 08:47", "m.castel@example.fr",
                                                     "Maxime Castel", "Inserm", "U1068", "LinkedIn"],
                                           [2, "2021-03-08 08:47", "2021-03-08 08:50", "m.nguyen@example.fr",
                                            "Mélanie Nguyen", "AP-HM", "UMR7051", "Lab director"],
                                           [3, "2021-03-08 08:51", "2021-03-08 08:53", "t.jourdan@example.fr",
                                            "Tiphaine Jourdan", "AP-HM", None, "Colleague"]]})
    result = ingest(tmp_path)
    assert sorted(result.tables["event_attendance"]["event_id"]) == ["EV21-01"] * 3 + ["EV21-02"] * 3
    assert not result.problems


def test_a_log_of_when_what_who_where_is_a_list_of_events(recognise):
    rec = recognise(sheet([["No.", "When", "What", "Type", "Who", "Where", "Participants", "Feedback score"],
                           ["EV19-01", "2019-01-21", "Regulatory pathway workshop", "Workshop", "IT & CPP", "Nice", 25,
                            3.6]]))
    columns = {m.header: m.column for m in rec.columns}
    assert rec.table == "events" and not rec.missing_required
    assert (columns["What"], columns["Who"], columns["When"]) == ("title", "organiser", "event_date")


def test_a_call_beside_its_topic_is_read_from_the_topic(recognise):
    """The Horizon Dashboard's "Call" (HORIZON-HLTH-2022-DISEASE-04) beside "Topic" (…-04-02): the topic, finer."""
    rec = recognise(sheet([["Proposal number", "Acronym", "Call", "Topic", "Submission date", "Role", "Status"],
                           ["101069277", "AZONXO", "HORIZON-HLTH-2022-DISEASE-04", "HORIZON-HLTH-2022-DISEASE-04-02",
                            "2022-04-21", "Coordinator", "Rejected"],
                           ["951158", "TUMORMA", "ERC-2020-STG", "ERC-2020-STG", "2020-01-26", "Coordinator",
                            "Rejected"]]))
    assert {m.header: m.column for m in rec.columns}["Topic"] == "call_id"


def test_a_calls_decisions_lacking_the_funder_and_instrument_its_title_gives_are_funding_not_proposals(tmp_path):
    # "N° dossier | Acronyme | Montant demandé | Montant accordé | Date du CS" reads as proposals lacking three columns
    # or as funding lacking two, which the title names: the table lacking fewer wins
    rows = [["CanceroPôle PACA – Appel à projets Émergence 2019 – décisions du Conseil scientifique"] + [None] * 8,
            ["Montants en k€."] + [None] * 8, [None] * 9,
            ["N° dossier", "Projet suivi", "Acronyme", "Porteur·se", "Établissement", "Montant demandé (k€)",
             "Montant accordé (k€)", "Date du CS", "Commentaire"],
            ["EMG19-01", "VAL-2019-02", "ONCOSTEP", "Hugo Marchal", "AMU", 40, 35, "juin 2019", None],
            ["EMG19-02", "VAL-2019-04", "LYMPHOSCAN", "Nadia Ferhat", "IPC", 30, 30, None, "montant plein"],
            ["EMG19-03", "VAL-2018-09", "GLIOMARK", "Paul Estève", "UCA", 45, 25, None, None]]
    write_workbook(tmp_path / "raw" / "decisions.xlsx", {"AAP Emergence 2019": rows}, {"AAP Emergence 2019": ["H5:H7"]})
    result = ingest(tmp_path / "raw")
    funding = result.tables["funding"].set_index("funding_id")
    assert list(funding.index) == ["EMG19-01", "EMG19-02", "EMG19-03"]
    assert list(funding["project_id"]) == ["VAL-2019-02", "VAL-2019-04", "VAL-2018-09"]
    assert list(funding["amount_eur"]) == [35_000, 30_000, 25_000]
    assert set(funding["funder"]) == {"canceropole_paca"} and "eu_proposals" not in result.tables


def test_a_levee_header_is_a_rounds_date_or_its_kind_as_its_values_say(recognise):
    """"Levée" over dates is the round's date; over kinds of rounds, beside a "Date", its type."""
    kinds = recognise(sheet([["Start-up", "Levée", "Date", "Montant (k€)"],
                             ["OncoLumis", "Prêt d'honneur", "2023", 40],
                             ["ImmunAxe", "Amorçage", "29/05/2022", 2500]]))
    assert {m.header: m.column for m in kinds.columns}["Levée"] == "round_type"
    dates = recognise(sheet([["Start-up", "Levée", "Type", "Montant (k€)"],
                             ["OncoLumis", "03/2021", "Prêt d'honneur", 40],
                             ["ImmunAxe", "29/05/2022", "Amorçage", 2500]]))
    columns = {m.header: m.column for m in dates.columns}
    assert columns["Levée"] == "round_date" and columns["Type"] == "round_type"


def test_a_full_title_wins_over_a_tool_s_primary_name(tmp_path):
    """An Airtable export's primary field "Projet" ("ExoCure (AMU)") beside "Titre complet": the full title is the
    project's title (the header naming it in more words), the primary field left out."""
    rows = [["Projet", "ID projet", "Titre complet", "Acronyme", "Établissement porteur", "Canal de sourcing",
             "Accompagnement", "Date détection"],
            ["ExoCure (AMU)", "VAL-01", "Exosomes pour le diagnostic du cancer du pancréas", "ExoCure", "AMU",
             "AAP CPP", "CPP", "2021-03-04"],
            ["LymphoLock (Ext.)", "VAL-02", "Lignée rapporteur CD73 pour la leucémie myéloïde aiguë", "LymphoLock",
             "Université de Montpellier", "Détection IT", "IT", "2021-08-29"]]
    write_workbook(tmp_path / "projets.xlsx", {"Projets": rows})
    projects = ingest(tmp_path).tables["projects"].set_index("project_id")
    assert list(projects["title"]) == ["Exosomes pour le diagnostic du cancer du pancréas",
                                       "Lignée rapporteur CD73 pour la leucémie myéloïde aiguë"]


@pytest.mark.parametrize("table, header, column", [
    ("projects", "N° DRCI", "project_id"),  # a hospital's research office numbers its projects
    ("projects", "Priorité", "priority_filing_date"),  # "DI | Priorité | Début maturation"
    ("projects", "Repéré via", "sourcing_channel"),  # how it was found, not when ("Repérage")
    ("startups", "Spin-off", "name"),  # an institution's list of its spin-offs
    ("startup_rounds", "Spin-off", "startup_id"),
    ("startup_rounds", "Raison sociale", "startup_id"),  # "Raison sociale | Clôture | Nature | Montant (k€)"
    ("startup_rounds", "Clôture", "round_date"),
    ("startup_rounds", "Closed", "round_date"),
])
def test_headers_partners_write_name_their_column(vocabulary, table, header, column):
    assert Recogniser(vocabulary).cell_candidates(table, header)[0][0] == column


def test_an_okr_s_objective_is_no_target_beside_its_target_column(tmp_path):
    """"Objective | Key result | Target | Unit | Period": the objective names a group of key results, the target is
    the number, in the unit beside it."""
    rows = [["OKR – partenariat 2021-2023"], [],
            ["Objective", "Key result", "Target", "Unit", "Period", "Baseline 2018-2020"],
            ["O1 - Grow the pipeline", "Projects detected", 30, "projects", "2021-2023", 21],
            [None, "Maturation funding", 1.5, "M€", "2021-2023", 0.9],
            ["O4 - Work as one team", "Partnership funding", 400, "k€", "2021", 310],
            [None, "Partnership funding", 450, "k€", "2023", None]]
    write_workbook(tmp_path / "raw" / "OKR.xlsx", {"OKR": rows})
    targets = ingest(tmp_path / "raw").tables["kpi_targets"]
    assert sorted(zip(targets["kpi_id"], targets["period"], targets["target"], strict=True)) == [
        ("fun_partnership_eur", "2021", 400_000.0), ("fun_partnership_eur", "2023", 450_000.0),
        ("val_maturation_eur", "2021-2023", 1_500_000.0), ("val_projects_detected", "2021-2023", 30.0)]
