"""The vocabulary of an ingestion: loaded once, at the start of a run, then passed to every step that needs it.

One loader, :func:`load_vocabulary`, reads the packaged vocabularies (``vocab/headers.yaml``, ``vocab/codes.yaml``,
``vocab/institutions.csv``, ``vocab/words.yaml``, ``vocab/targets.yaml``) and the user's reviewed files in the
reference folder (``header_synonyms.yaml``, ``value_synonyms.yaml``, ``institution_aliases.csv``,
``kpi_synonyms.yaml``), and keeps the mapping file it is given. Recognition, the parsers, the codebook, institution
resolution and the reading of targets grids receive the :class:`Vocabulary` (or the parts they need); no module reads
a vocabulary file by itself. Packaged YAML files are parsed once
(:func:`partnership_metrics.resources.packaged_yaml`); the user's files are read at each load.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from .. import paths
from ..errors import FatalInputError
from ..resources import VOCAB_DIR, load_yaml, packaged_yaml
from ..schemas import INSTITUTION_CODES, RAW_TABLES, TABLES
from ..textnorm import fold, tokens

if TYPE_CHECKING:
    from ..partnership import Partnership
    from .mapping_file import MappingFile

HEADER_SYNONYMS = "header_synonyms.yaml"
VALUE_SYNONYMS = "value_synonyms.yaml"
INSTITUTION_ALIASES = "institution_aliases.csv"
KPI_SYNONYMS = "kpi_synonyms.yaml"
# In the reference folder, each optional.
USER_FILES = (HEADER_SYNONYMS, VALUE_SYNONYMS, INSTITUTION_ALIASES, KPI_SYNONYMS)

_HEADERS_FORMAT = ("write 'table:' then 'column: [header, header]' lines, as in "
                   "src/partnership_metrics/vocab/headers.yaml")
_CODES_FORMAT = ("write 'table.column:' then 'code: [label, label]' lines, as in "
                 "src/partnership_metrics/vocab/codes.yaml")
_KPI_SYNONYMS_FORMAT = "write 'kpi_id: [name, name]' lines (the KPI ids are those of vocab/kpis.yaml)"


@dataclass(frozen=True, eq=False)
class Words:
    """The word lists of ``vocab/words.yaml`` (what each is for is written there)."""

    header_abbreviations: Mapping[str, str]
    generic_header_words: frozenset[str]
    id_header_words: frozenset[str]
    own_id_words: frozenset[str]  # an id header naming the partnership ("Réf. convention")
    foreign_id_words: frozenset[str]  # ... or another organisation's system ("Code projet SATT")
    form_question_words: frozenset[str]  # "Votre nom": a form's question around a part of a person
    record_id_headers: frozenset[str]  # a tool's own record ids ("ID", "Record ID"): a business reference wins
    which_words: frozenset[str]  # "Pour quel événement …?": a question asking which thing it is about
    row_id_headers: frozenset[str]  # "Row ID": a sheet tool's row ids, which no other list names
    precision_header_words: frozenset[str]  # "Announced Date Precision": the precision of the date beside it
    currency_header_words: frozenset[str]  # "Currency": amounts beside it are in each row's currency
    exchange_rate_words: frozenset[str]  # "fx_rate_to_eur": each row's amounts converted at its rate
    decision_note_words: frozenset[str]  # "décision CA du 06/05/2019" in a plan's remarks: its year's line's date
    undecided_amount_words: frozenset[str]  # "VERSÉ", "PRÉVISIONNEL" over a plan's years: no decisions
    application_date_headers: frozenset[str]  # "Date de dépôt" beside "Brevet (prio.)": a call's application
    rate_words: frozenset[str]
    field_wrappers: tuple[str, ...]  # "Custom field (Date de détection)": a tool's wrapper around the field's name
    company_legal_forms: frozenset[str]  # "SAS": a company's label is also known without its legal form
    continued_list_words: frozenset[str]  # "Page 2" over a list's header repeated: the list goes on
    target_header_words: frozenset[str]
    email_header_words: frozenset[str]
    first_name_header_words: frozenset[str]
    name_header_words: frozenset[str]
    total_row_labels: tuple[str, ...]
    total_row_starts: tuple[str, ...]
    total_row_marks: frozenset[str]
    example_row_starts: frozenset[str]  # "Ex.", "Exemple :": a template's example row
    record_count_words: frozenset[str]  # "2 enregistrements" in a subtotal line's id cell: a count, not an id
    count_row_starts: tuple[str, ...]  # "Nombre de projets" in the id column: a row counting the rows above
    note_row_starts: tuple[str, ...]
    attribute_header_words: frozenset[str]  # "Attribut" of a log of attributes (keyvalue.py)
    value_header_words: frozenset[str]  # its "Valeur"
    heading_marks: tuple[str, ...]  # "▶ ImmunoPulse": a line that a mark opens is a heading, not a record
    missing_values: frozenset[str]
    pending_values: frozenset[str]
    pending_phrases: tuple[str, ...]  # "à demander au porteur": a phrase at either end says the value is to come
    month_first_hints: tuple[str, ...]
    day_first_hints: tuple[str, ...]
    months: Mapping[str, int]
    weekdays: frozenset[str]
    date_lead_words: frozenset[str]  # "le 3 juin", "du 22 au 24 mars": words before a date, not part of it
    date_range_words: frozenset[str]  # "15 et 16 mars", "du 08/03 au 09/03": the ends of a range of dates
    approximate_date_words: frozenset[str]  # "début mars 2022": the date known to the month
    true_words: frozenset[str]
    false_words: frozenset[str]
    tick_marks: frozenset[str]
    cross_marks: frozenset[str]
    attended_count_words: frozenset[str]
    registered_count_words: frozenset[str]
    remote_attendance_words: frozenset[str]
    money_unit_suffixes: Mapping[str, float | None]
    money_unit_header_words: frozenset[str]  # "Unité" beside "Montant": each row's unit (unit_columns.py)
    money_limits: Mapping[str, float]  # max_eur: above it an amount is a typing or export error
    institution_word_synonyms: Mapping[str, str]
    person_titles: frozenset[str]
    person_lead_phrases: tuple[str, ...]  # "demander à": a capitalised "First Last" after it is a person
    email_at_words: frozenset[str]  # "jean.dupont[at]inserm.fr": the words written for "@"
    email_dot_words: frozenset[str]  # ... and for "." ("inserm (dot) fr")
    negations: frozenset[str]
    not_yet_words: frozenset[str]  # "Retiré avant évaluation": a label after "avant" is what had not happened
    umbrella_labels: frozenset[str]  # "Horizon Europe": yields to a more specific label in the same cell
    pivot_captions: frozenset[str]
    derived_title_phrases: tuple[str, ...]  # "(calculée à partir de l'onglet T4.1)": a title of a summary
    pivot_title_phrases: tuple[str, ...]  # "TCD levées", "Tableau croisé — …": a pivot table named so
    computing_words: frozenset[str]  # "calculée à partir de T_Levees": a title naming a sheet it is computed from
    contract_signature_words: frozenset[str]  # "Date de signature": a contract's; a licence's in a register of them
    licence_words: frozenset[str]  # "Licence exclusive": the contracts of such a register
    aggregate_header_starts: tuple[str, ...]  # "count of", "somme de": headers of aggregates
    summary_block_captions: tuple[str, ...]  # "Récapitulatif par ...": a summary below a table
    framework_header_words: frozenset[str]  # "Framework Programme": a programme column naming the framework only
    signature_block_words: frozenset[str]  # "6. Visa et signature": a form's signature block below its last table
    year_header_words: frozenset[str]
    year_only_header_words: frozenset[str]
    date_header_words: frozenset[str]  # a header with one of them names a date ("Date de l'action")
    status_header_words: frozenset[str]  # "Status" left unread: its "annulé" rows are not rows of the table
    cancelled_values: frozenset[str]
    duplicate_values: frozenset[str]  # "Duplicate": a status saying the row repeats another one
    reversal_words: frozenset[str]  # "Correction", "Avoir": a ledger's lines undoing others, negative by nature
    alias_header_words: frozenset[str]  # "Sessions d'émargement": a column of other references of an event
    inclusive_endings: frozenset[str]  # "Porteur·se": endings of French inclusive writing in headers
    not_counted_phrases: tuple[str, ...]  # "ne pas tenir compte": a row that says it is not to be counted
    not_counted_hints: tuple[str, ...]  # lower-case letters every such phrase holds (a quick test before folding)
    record_date_words: frozenset[str]  # "Date Created", "Dernière mise à jour": the record's date, not its subject's
    whole_period_words: frozenset[str]  # in a period cell, words that mean "the whole partnership"
    deadline_words: frozenset[str]  # "fin 2021": a deadline's words, in a targets table's period column
    debit_header_words: frozenset[str]  # "Débit | Crédit": one signed amount per line (ledger_amounts.py)
    credit_header_words: frozenset[str]
    payment_header_words: frozenset[str]  # "N° pièce", "Échéance": a ledger's lines are payments (instalments.py)
    not_data_title_phrases: tuple[str, ...]  # "… (documentation of the steps - not data)": a sheet of no data
    commitment_header_words: frozenset[str]  # "N° engagement": the number the payments of one commitment share
    correction_journal_words: frozenset[str]  # "Corrections d'engagements": a ledger's journal of corrections
    payment_journal_words: frozenset[str]  # "Banque - décaissements": a ledger's journal of payments
    legend_for_words: frozenset[str]  # "for projects the detection date": a meaning's kinds (kind_legends.py)
    legend_only_words: frozenset[str]
    legend_record_words: frozenset[str]  # "for funding lines": a kind's records (kind_legends.py)
    legend_label_headers: frozenset[str]  # "Libellé": each record's label, whatever its kind (kind_legends.py)
    legend_is_words: frozenset[str]  # "Amount 2 is only for EU proposals": a sentence's column (kind_legends.py)  # "Nb part. : EVT seulement": a register's column for some kinds (kind_legends.py)
    record_kind_header_words: frozenset[str]  # "Pipeline": a CRM's records of two tables (record_kinds.py)
    activity_kind_header_words: frozenset[str]  # "Type": an activity log's kinds of record (record_kinds.py)
    activity_kind_columns: tuple[str, ...]  # "events.event_type": codes that say which table a log's row is of
    table_names: Mapping[str, list[str]]  # table -> how a log of notes names it ("Start-ups", "EU proposals")
    note_table_header_words: frozenset[str]  # "Tab", "Onglet": a log of notes' column naming the table of each
    note_reference_words: frozenset[str]  # "Ref.", "Record": its column of the records' references
    former_id_header_words: frozenset[str]  # "Ancien n°": a record's reference in an older file (former_ids.py)
    listed_people_header_words: frozenset[str]  # "Participants (émargement)" listing people (listed_people.py)
    invited_header_words: frozenset[str]  # "Required Attendees": the people invited, not those who came
    credit_note_words: frozenset[str]  # "Avoir sur engagement …": a line lowering the commitment it names
    scope_header_words: frozenset[str]  # "Programme", "Cadre": a column saying which rows are the partnership's
    nickname_note_words: frozenset[str]  # "institution nicknames: la Fac = AMU": a note of institutions' nicknames
    version_words: frozenset[str]  # "VF", "définitif": a file's version marks, not its series (dated_copies.py)
    archive_words: frozenset[str]  # "archives/", "brouillon": a copy ranked below the files in use (target_authority.py)
    deal_stage_header_words: frozenset[str]  # "Deal Stage": only a won fundraising deal is a round
    won_values: frozenset[str]
    investor_header_words: frozenset[str]  # "Investor" beside a round's amount: a ledger of tickets
    round_amount_header_words: frozenset[str]  # "Montant du tour": the round's amount, repeated on each ticket
    other_thing_header_words: frozenset[str]  # "ID de tâche": a header about a task, not the table's thing
    reason_header_words: frozenset[str]  # "Closed Lost Reason": why something happened, never its date
    yes_no_header_words: frozenset[str]  # "All day": a calendar's yes or no, never a date
    template_name_words: frozenset[str]  # "_MODELE_fiche_projet.xlsx": a template, with placeholders no data
    comment_header_words: frozenset[str]  # "Commentaire du comité": a comment about a column, not the column
    count_header_words: frozenset[str]  # "Nb start-up": a count of records, never their id
    organisation_words: frozenset[str]  # "Univ. Montpellier", "Institut Curie": an organisation, no person
    owner_header_words: frozenset[str]  # "Company owner": a CRM record's owner, a person, not the company
    title_money_units: Mapping[str, float]  # a title row's phrase -> the multiplier of amounts without a unit
    time_header_words: frozenset[str]
    not_data_section_words: frozenset[str]
    presence_header_words: frozenset[str]
    tag_header_words: frozenset[str]  # "TAGS": a contact's tags, one per event it names (listed_keys.py)
    registration_tag_words: frozenset[str]  # "- inscrit": a tag of a registration or an absence, not attendance
    unidentified_attendees: frozenset[str]  # "Call-in User_1": a connection nobody is named for, not an attendee
    signature_header_words: frozenset[str]  # "Émargement": a sign-in sheet's column, a line left empty was not signed
    present_values: frozenset[str]
    checkbox_ticks: frozenset[str]  # "checked", "TRUE": a ticked box as a tool exports it (an unticked one: empty)
    typed_ticks: frozenset[str]  # "X" typed by hand: beside it, a blank of a yes/no column may be unknown
    registration_words: frozenset[str]  # "À quelle action souhaitez-vous vous inscrire ?": a form of registrations
    blank_words: frozenset[str]  # "vide, non, abs. = absent": a legend saying a box left empty is an absence
    satisfaction_survey_words: frozenset[str]  # "Questionnaire satisfaction (réponses)": respondents, not a list
    checked_in_values: frozenset[str]  # "Checked In" in a ticketing tool's status column: the only ones who came
    ticket_held_values: frozenset[str]  # "Attending": a ticket held, a place taken where nobody was checked in
    waiting_list_values: frozenset[str]  # "Liste d'attente": a registration that got no place, unless marked present
    absent_values: frozenset[str]
    role_header_words: frozenset[str]
    not_attendee_roles: frozenset[str]
    attendee_roles: frozenset[str]
    planned_date_words: frozenset[str]  # "Date prévue": a milestone's planned date, not what happened
    done_header_words: frozenset[str]  # "Done": whether an outline's milestone was reached
    parent_task_headers: frozenset[str]  # "Parent task": a subtask's row, no row of the table
    start_header_words: frozenset[str]  # "Start Date": a task's first day, empty for a one-day task
    due_header_words: frozenset[str]  # "Due Date": a task's last day
    actual_date_words: frozenset[str]  # "Date réelle": what happened
    not_unit_phrases: frozenset[str]  # "équipe en création", "je ne sais pas": no research unit (yet)
    close_date_headers: frozenset[str]  # a CRM's "Close Date": the date a deal closed, a forecast while it is open
    closed_stage_words: frozenset[str]  # "Closed Won - Licence signed": the deal is closed
    completion_date_headers: frozenset[str]  # a task's "Completed At": the date its section's stage was reached
    laureate_list_words: frozenset[str]  # "iLab_laureats_extrait": a contest's list of laureates
    decision_title_words: frozenset[str]  # "engagements" in a funding sheet's title: decisions, not payments
    filter_words: frozenset[str]  # "Filtre : Famille = Licence": an export's filter defines no header
    ilab_words: frozenset[str]  # the i-Lab contest's names
    readme_sheet_names: frozenset[str]  # "Lisez-moi": a sheet documenting the others
    not_unit_structure_words: frozenset[str]  # "Service d'oncologie", "Pôle biologie": a structure, not a unit
    research_unit_bodies: frozenset[str]  # "UMR CNRS 7258": a body named between a unit's kind and number
    label_header_words: frozenset[str]  # "LIBELLE_NATURE" beside "NATURE": the label of the other column's codes
    code_list_words: frozenset[str]  # "Code | Libellé": the code column of a kit's list (code_lists.py)
    unfavourable_scale_words: frozenset[str]  # "Pas du tout satisfait": the worst end of a rating scale's list
    code_list_sheet_words: frozenset[str]  # "Listes", "Nomenclatures": a sheet of a kit's code lists
    page_words: frozenset[str]  # "Page 4 sur 5": a page footer (normalising.py, pasted_lines.py)
    timeline_header_words: frozenset[str]  # "Maturation (timeline)": a period's first day (timelines.py)
    support_words: frozenset[str]  # "Accompagnement CPP": a sheet of one partner's support (supporting_partner.py)
    meeting_words: frozenset[str]  # "Comité du 12 mars 2021": a title line dating a committee's decisions
    file_date_words: frozenset[str]  # "mis à jour le 20/12/2023": a title line dating the file, not a decision
    not_coded_header_words: frozenset[str]  # "Nb participants": a column of numbers, never of a list's codes
    decision_header_words: frozenset[str]  # "Avis du comité": a committee's decision on a funding line
    not_granted_values: frozenset[str]  # "Défavorable", "Ajourné": the line grants nothing
    reserve_list_words: frozenset[str]  # "RESERVE LIST": pending until a result date, then not funded
    evaluation_result_words: frozenset[str]  # "Evaluation result": a reserve list there closes with its date
    sourcing_context_words: frozenset[str]  # "AAP Maturation 2019": how a list's projects were found (context_codes.py)
    snapshot_year_header_words: frozenset[str]  # "Année": a yearly snapshot's year (status_rows.py)
    funding_flag_words: frozenset[str]  # "Co-financé CPP+IT": a yes/no column of funding, no code's flag (flags.py)
    evaluation_stage_words: frozenset[str]  # "Étape 1": a stage a proposal may have stopped at (status_pairs.py)
    legend_header_words: frozenset[str]  # "Légende – colonne Statut": a legend of a column's codes beside the table
    dictionary_field_headers: frozenset[str]  # "Champ", "Colonne": the field column of a data dictionary
    project_mention_words: frozenset[str]  # "… du projet ALPHARAD : …": the word before a project's name in prose
    measure_names_headers: frozenset[str]  # "Measure Names": a dashboard's long export, a row per measure
    measure_values_headers: frozenset[str]  # "Measure Values", beside it (measure_pairs.py)
    list_title_headers: frozenset[str]  # SharePoint's "Title": a list's first column, its records' id or name
    dictionary_description_headers: frozenset[str]  # "Description": what a data dictionary says of a field

    def is_record_count(self, value) -> bool:
        """Whether a cell counts records ("2 enregistrements", "42 records", "2 start-up(s)"), as a report's subtotal
        line writes."""
        words = tokens(value) if isinstance(value, str) else ()
        if words[-1:] == ("s",) and value.rstrip().endswith("(s)"):
            words = words[:-1]
        return len(words) >= 2 and words[0].isdigit() and " ".join(words[1:]) in self.record_count_words

    def is_total_label(self, text: str) -> bool:
        """Whether a cell's text names a total ("Total", "Sous-total 2021", "Résultat global")."""
        folded = fold(text)
        return any(folded == w or folded.startswith(w + " ") for w in self.total_row_labels)


@dataclass(frozen=True, eq=False)
class TargetWords:
    """The word lists of ``vocab/targets.yaml``: targets kept as a grid (what each is for is written there)."""

    target_words: frozenset[str]
    baseline_words: frozenset[str]
    baseline_text_words: frozenset[str]  # a sentence of prose about the baseline (target_clauses.py)
    clause_join_words: tuple[str, ...]  # where prose is cut into its targets (target_clauses.py)
    correction_phrases: tuple[str, ...]  # a line of prose that corrects the targets written before it (sentences.py)
    replaced_value_phrases: tuple[str, ...]  # a value of prose that a correction replaces ("et non 6")
    amendment_words: frozenset[str]  # "Avenant n°1": a file or sheet of revised targets (target_authority.py)
    removed_words: frozenset[str]  # "supprimée": an amendment removes the target (target_authority.py)
    period_words: frozenset[str]
    summary_phrases: tuple[str, ...]
    name_header_words: frozenset[str]
    unit_header_words: frozenset[str]
    name_filler_words: frozenset[str]
    name_word_synonyms: Mapping[str, str]
    units: Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]]  # unit -> (words, KPI units)
    unit_name_words: Mapping[str, frozenset[str]]  # unit -> phrases of a name that imply it
    bound_words: tuple[str, ...] = ()  # written before a target that is a bound ("≤", "au moins", "max")
    sentence_year_phrases: tuple[str, ...] = ()  # "par an": a target sentence for each year
    from_year_phrases: tuple[str, ...] = ()  # "par an à partir de 2022": that year and each later one
    sentence_filler_phrases: tuple[str, ...] = ()  # "sur la durée de la convention": said of no KPI
    qualifier_phrases: tuple[str, ...] = ()  # "dans les unités de recherche": where, not which KPI
    annual_words: frozenset[str] = frozenset()  # "Cible annuelle": the target of each year
    whole_period_header_words: frozenset[str] = frozenset()  # "Cible sur la durée de la convention"
    actual_words: frozenset[str] = frozenset()  # "Réalisé 2021-2023": a column of actual values
    value_kind_other_words: frozenset[str] = frozenset()  # "Écart": a row of a form that holds no target
    value_kind_filler_words: frozenset[str] = frozenset()  # "Valeur", "Taux de": say nothing of the kind
    record_start_header_words: frozenset[str] = frozenset()  # "Start date" of a goal in a tool's export
    record_end_header_words: frozenset[str] = frozenset()  # "Due date"
    record_date_filler_words: frozenset[str] = frozenset()  # "date", "de": said of either date
    record_range_header_words: frozenset[str] = frozenset()  # "Timeline": a goal's start and end in one cell
    record_unit_header_words: frozenset[str] = frozenset()  # "Value format": a goal's units column
    measured_value_header_words: frozenset[str] = frozenset()  # "Value" beside "Measure: Target / Actual"
    value_kind_header_words: frozenset[str] = frozenset()  # "TYPE_PARAM", "Nature": a column of kinds of value
    card_start_phrases: tuple[str, ...] = ()  # "Fiche indicateur N° 1.1": an indicator card starts
    wrapped_name_end_words: frozenset[str] = frozenset()  # "… et en" / "preuve de concept M€ 0,40": a wrapped name
    adopted_words: frozenset[str] = frozenset()  # "Objectif retenu": the adopted one of several (target_blocks.py)
    superseded_words: frozenset[str] = frozenset()  # "Proposition du bureau", "Objectif initial"
    forecast_words: frozenset[str] = frozenset()  # "Projection fin 2023": never a target
    partner_share_words: frozenset[str] = frozenset()  # "Part CPP": one partner's share, not the target
    common_words: frozenset[str] = frozenset()  # "Objectif commun": the partnership's target
    replaced_status_words: frozenset[str] = frozenset()  # "Remplacée (avenant n°1)": a row not in force
    replacing_status_phrases: tuple[str, ...] = ()  # "Annule et remplace …": the row in force, not a replaced one
    decision_body_words: frozenset[str] = frozenset()  # "révisée COPIL 12/2022": who revised a target column
    cumulative_words: frozenset[str] = frozenset()  # "Counting: Cumulative": a running total since the start
    no_target_phrases: tuple[str, ...] = ()  # "pas d'objectif annuel": a cell saying there is no target
    milestone_month_words: frozenset[str] = frozenset()  # "M12 · Dec 2021": a milestone's month, its year the period
    year_to_date_words: frozenset[str] = frozenset()  # "Q4 2022 (YTD)": the year's target in a quarterly scorecard
    section_words: frozenset[str] = frozenset()  # "AXE 2 — Formation et animation": a section, not an indicator
    cross_reference_words: frozenset[str] = frozenset()  # "(cf. note 5)": a place to look, no target (sentences.py)
    same_as_before_words: frozenset[str] = frozenset()  # "idem": the target of the cell before (target_references)
    per_unit_phrases: tuple[str, ...] = ()  # "1,5 € … pour 1 € apporté": a ratio (target_clauses.py)


@dataclass(frozen=True, eq=False)
class Vocabulary:
    """Everything an ingestion knows about how people write things, read once at the start of a run."""

    words: Words
    headers: Mapping[str, Mapping[str, tuple[str, ...]]]  # table -> column -> header synonyms (packaged, user's)
    code_labels: Mapping[tuple[str, str], Mapping[tuple[str, ...], str]]  # (table, column) -> label words -> code
    aliases: Mapping[str, str]  # institution name as written -> code (the user's win)
    institution_names: Mapping[str, str]  # code -> official name
    target_words: TargetWords  # targets kept as a grid
    kpi_synonyms: Mapping[str, tuple[str, ...]]  # KPI id -> the user's names for it (kpi_synonyms.yaml)
    mapping: MappingFile
    reference_dir: Path | None  # the reference folder of the run (None: packaged vocabularies only)
    files: tuple[Path, ...]  # the user files read, in the reference folder

    def user_file(self, name: str) -> str:
        """Where the user adds to the vocabulary (``name``: one of :data:`USER_FILES`), as shown in messages."""
        if self.reference_dir is None:
            return f"{name} in the reference folder"
        return shown(self.reference_dir / name)


def shown(path: Path) -> str:
    """A path as messages show it: relative to the project root when inside it, else as it is."""
    path = Path(path)
    try:
        return path.resolve().relative_to(paths.PROJECT_ROOT).as_posix()
    except ValueError:
        return str(path)


def user_files(reference_dir: Path | None) -> list[Path]:
    """The user's vocabulary files that exist in ``reference_dir``: the files :func:`load_vocabulary` reads."""
    if reference_dir is None:
        return []
    return [Path(reference_dir) / name for name in USER_FILES if (Path(reference_dir) / name).is_file()]


def packaged_files() -> list[Path]:
    """Every packaged vocabulary file (for the fingerprint of a run's inputs)."""
    return sorted(p for p in VOCAB_DIR.glob("*") if p.is_file())


def load_vocabulary(reference_dir: Path | None, mapping: MappingFile | None = None,
                    partnership: Partnership | None = None) -> Vocabulary:
    """The vocabulary of a run: the packaged vocabularies, the partners' names as the labels of their codes (from
    ``partnership``, default the packaged one), the user's files in ``reference_dir`` (when given; each optional)
    and the mapping file. A malformed file is a one-line :class:`FatalInputError` naming it."""
    from ..partnership import default_partnership
    from .mapping_file import MappingFile

    words = load_words()
    files = user_files(reference_dir)
    present = {p.name: p for p in files}
    headers = _headers(packaged_yaml("headers.yaml"), "vocab/headers.yaml")
    if HEADER_SYNONYMS in present:
        path = present[HEADER_SYNONYMS]
        headers = _merge_headers(headers, _headers(load_yaml(path, what=_HEADERS_FORMAT), str(path)))
    user_labels = None
    if VALUE_SYNONYMS in present:
        path = present[VALUE_SYNONYMS]
        user_labels = (_codes(load_yaml(path, what=_CODES_FORMAT), str(path)), str(path))
    packaged = _codes(packaged_yaml("codes.yaml"), "vocab/codes.yaml")
    code_labels = _code_labels(packaged, user_labels, _partner_labels(partnership or default_partnership()))
    aliases, names = _packaged_institutions(VOCAB_DIR / "institutions.csv")
    if INSTITUTION_ALIASES in present:
        aliases.update(read_user_aliases(present[INSTITUTION_ALIASES]))
    kpi_synonyms = {}
    if KPI_SYNONYMS in present:
        path = present[KPI_SYNONYMS]
        kpi_synonyms = read_kpi_synonyms(load_yaml(path, what=_KPI_SYNONYMS_FORMAT), str(path))
    return Vocabulary(
        words=words, headers=MappingProxyType({t: MappingProxyType(c) for t, c in headers.items()}),
        code_labels=code_labels, aliases=MappingProxyType(aliases),
        institution_names=MappingProxyType(names), target_words=load_target_words(),
        kpi_synonyms=MappingProxyType(kpi_synonyms), mapping=mapping if mapping is not None else MappingFile(),
        reference_dir=Path(reference_dir) if reference_dir is not None else None, files=tuple(files),
    )


# --- word lists ------------------------------------------------------------------------------------------------

def load_words() -> Words:
    """The word lists of ``vocab/words.yaml``, checked: each list present, of the right shape."""
    data = packaged_yaml("words.yaml")
    where = "vocab/words.yaml"
    names = [f.name for f in fields(Words)]
    if not isinstance(data, dict) or set(data) != set(names):
        missing, extra = sorted(set(names) - set(data or {})), sorted(set(data or {}) - set(names))
        raise FatalInputError(where, f"lists missing: {missing}, unknown: {extra}", "restore the package's file")
    values = {}
    for f in fields(Words):
        value = data[f.name]
        kind = str(f.type)
        if kind.startswith("Mapping"):
            if not isinstance(value, dict):
                raise FatalInputError(where, f"{f.name} is not a list of 'word: value' pairs", "restore it")
            if f.name == "money_unit_suffixes":
                value = {str(k): None if v is None else float(v) for k, v in value.items()}
            elif f.name == "money_limits":
                if set(value) != {"max_eur"} or not all(isinstance(v, (int, float)) and v > 0 for v in value.values()):
                    raise FatalInputError(where, "money_limits is not 'max_eur: <a positive number>'", "restore it")
                value = {str(k): float(v) for k, v in value.items()}
            elif f.name == "title_money_units":
                value = {fold(str(k)): float(v) for k, v in value.items()}
            values[f.name] = MappingProxyType(dict(value))
        else:
            if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
                raise FatalInputError(where, f"{f.name} is not a list of quoted words", "restore it")
            values[f.name] = tuple(value) if kind.startswith("tuple") else frozenset(value)
    return Words(**values)


def load_target_words() -> TargetWords:
    """The word lists of ``vocab/targets.yaml``, checked: each list present, of the right shape."""
    data = packaged_yaml("targets.yaml")
    where = "vocab/targets.yaml"
    names = [f.name for f in fields(TargetWords)]
    if not isinstance(data, dict) or set(data) != set(names):
        missing, extra = sorted(set(names) - set(data or {})), sorted(set(data or {}) - set(names))
        raise FatalInputError(where, f"lists missing: {missing}, unknown: {extra}", "restore the package's file")
    values: dict = {}
    for name in names:
        value = data[name]
        if name == "units":
            if not isinstance(value, dict) or not all(isinstance(v, dict) and isinstance(v.get("words"), list)
                                                      and isinstance(v.get("kpi_units"), list)
                                                      for v in value.values()):
                raise FatalInputError(where, "units is not a list of 'unit: {words: [...], kpi_units: [...]}'",
                                      "restore it")
            values[name] = MappingProxyType({str(unit): (tuple(str(w) for w in v["words"]),
                                                         tuple(str(u) for u in v["kpi_units"]))
                                             for unit, v in value.items()})
        elif name == "unit_name_words":
            if not isinstance(value, dict) or not all(isinstance(v, list) for v in value.values()):
                raise FatalInputError(where, f"{name} is not a list of 'unit: [phrase, phrase]' lines", "restore it")
            values[name] = MappingProxyType({str(k): frozenset(str(w) for w in v) for k, v in value.items()})
        elif name == "name_word_synonyms":
            if not isinstance(value, dict):
                raise FatalInputError(where, f"{name} is not a list of 'word: word' pairs", "restore it")
            values[name] = MappingProxyType({str(k): str(v) for k, v in value.items()})
        else:
            if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
                raise FatalInputError(where, f"{name} is not a list of quoted words", "restore it")
            values[name] = tuple(value) if name in ("summary_phrases", "bound_words", "sentence_year_phrases",
                                                    "sentence_filler_phrases", "qualifier_phrases", "clause_join_words", "correction_phrases",
                                                    "replaced_value_phrases",
                                                    "card_start_phrases", "replacing_status_phrases",
                                                    "from_year_phrases", "per_unit_phrases") else frozenset(value)
    if unknown := sorted(set(values["unit_name_words"]) - set(values["units"])):
        raise FatalInputError(where, f"unit_name_words: unknown unit(s) {unknown}", "use a unit of 'units'")
    return TargetWords(**values)


def read_kpi_synonyms(data, where: str) -> dict[str, tuple[str, ...]]:
    """``kpi_id: [name, name]`` from the user's ``kpi_synonyms.yaml``, checked against the KPI catalogue."""
    from ..indicators import indicators

    if data is None:
        return {}
    ids = [i.id for i in indicators()]
    if not isinstance(data, dict):
        raise FatalInputError(where, "is not a list of 'kpi_id: [name, name]' lines", _KPI_SYNONYMS_FORMAT)
    out = {}
    for kpi_id, names in data.items():
        if kpi_id not in ids:
            raise FatalInputError(where, f"unknown KPI id {kpi_id!r}", f"use one of {', '.join(ids)}")
        if names is not None and not isinstance(names, list):
            raise FatalInputError(where, f"{kpi_id}: the names are not a list",
                                  f"write them in brackets: {kpi_id}: [\"{names}\"]")
        out[str(kpi_id)] = tuple(str(n) for n in names or [] if str(n).strip())
    return out


# --- header synonyms -------------------------------------------------------------------------------------------

def _headers(data, where: str) -> Mapping[str, Mapping[str, tuple[str, ...]]]:
    """``table: {column: [header, ...]}``, checked against the tables' columns."""
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise FatalInputError(where, "is not a list of 'table:' entries", _HEADERS_FORMAT)
    out = {}
    for table, columns in data.items():
        if table not in RAW_TABLES:
            raise FatalInputError(where, f"unknown table {table!r}", f"use one of {', '.join(RAW_TABLES)}")
        if not isinstance(columns, dict):
            raise FatalInputError(where, f"{table}: is not a list of 'column: [header, header]' lines",
                                  _HEADERS_FORMAT)
        out[table] = {}
        for column, synonyms in columns.items():
            if column not in TABLES[table].raw_column_names:
                raise FatalInputError(where, f"{table} has no column {column!r}",
                                      f"use one of {', '.join(TABLES[table].raw_column_names)}")
            if synonyms is not None and not isinstance(synonyms, list):
                raise FatalInputError(where, f"{table}.{column}: the headers are not a list",
                                      f"write them in brackets: {column}: [\"{synonyms}\"]")
            out[table][column] = tuple(str(s) for s in synonyms or [])
    return out


def _merge_headers(packaged, user) -> dict:
    """The packaged synonyms, each column's user synonyms after them."""
    merged = {table: dict(columns) for table, columns in packaged.items()}
    for table, columns in user.items():
        for column, synonyms in columns.items():
            merged.setdefault(table, {})[column] = merged.get(table, {}).get(column, ()) + synonyms
    return merged


# --- code labels -----------------------------------------------------------------------------------------------

def _codes(data, where: str) -> dict:
    data = data or {}
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise FatalInputError(where, "is not a list of 'table.column' entries", _CODES_FORMAT)
    return data


# The columns whose codes name the partners: (table, column) -> partner code -> code, "joint" for the two together.
PARTNER_COLUMNS = {
    ("projects", "supported_by"): {"cpp": "cpp", "it": "it", "joint": "both"},
    ("eu_proposals", "supported_by"): {"cpp": "cpp", "it": "it", "joint": "both"},
    ("events", "organiser"): {"cpp": "cpp", "it": "it", "joint": "joint"},
    ("projects", "sourcing_channel"): {"cpp": "cpp_call", "it": "it_detection", "joint": "joint"},
}


def _partner_labels(partnership: Partnership) -> dict:
    """The partners' names, short names and abbreviations as labels of their codes, in the shape of codes.yaml
    (the funder codes too): written by people as "CanceroPôle PACA", "CPP", "Inserm Transfert"..."""
    out: dict[str, dict[str, list[str]]] = {}
    for partner in partnership.partners:
        names = sorted({*partner.name.values(), *partner.short.values(), partner.abbreviation, partner.code})
        for (table, column), codes in PARTNER_COLUMNS.items():
            out.setdefault(f"{table}.{column}", {}).setdefault(codes[partner.code], []).extend(names)
        out.setdefault("funding.funder", {}).setdefault(partner.funder, []).extend(names)
    return out


def _code_labels(packaged: dict, user: tuple[dict, str] | None, partners: dict | None = None) -> Mapping:
    """(table, column) -> label words -> code, for every code column: the codes themselves, then the packaged
    labels (the first code given a label keeps it), then the partners' names (which replace a packaged label: the
    partnership of the run decides who "CPP" is), then the user's (which replace any other)."""
    sources = [(packaged, "vocab/codes.yaml")] + ([(partners, "partnership.yaml")] if partners else [])
    sources += [user] if user else []
    labels = {}
    for table in TABLES.values():
        for column in table.columns:
            if column.kind != "code":
                continue
            book: dict[tuple[str, ...], str] = {}
            for code in column.codes:
                book.setdefault(tokens(code), code)
                book.setdefault(tokens(code.replace("_", " ")), code)
            for n, (source, name) in enumerate(sources):
                for key in (f"{table.name}.{column.name}", f"*.{column.name}"):
                    for code, synonyms in (source.get(key) or {}).items():
                        if code not in column.codes:
                            raise FatalInputError(name, f"{key}: unknown code {code!r}",
                                                  f"use one of {', '.join(column.codes)}")
                        if synonyms is not None and not isinstance(synonyms, list):
                            raise FatalInputError(name, f"{key}: the labels of {code!r} are not a list",
                                                  f"write them in brackets: {code}: [\"{synonyms}\"]")
                        for label in synonyms or []:
                            words = tokens(str(label))
                            if words:
                                book[words] = code if n > 0 else book.get(words, code)  # the user's win
            labels[(table.name, column.name)] = MappingProxyType(book)
    return MappingProxyType(labels)


# --- institutions ----------------------------------------------------------------------------------------------

def _packaged_institutions(path: Path) -> tuple[dict[str, str], dict[str, str]]:
    """(alias -> code, code -> official name) from the packaged ``institutions.csv``."""
    aliases, names = {}, {}
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            names[row["code"]] = row["name"]
            aliases[row["code"]] = row["code"]
            aliases[row["name"]] = row["code"]
            for alias in row["aliases"].split("|"):
                if alias.strip():
                    aliases[alias.strip()] = row["code"]
    return aliases, names


def read_user_aliases(path: Path) -> dict[str, str]:
    """User aliases (a CSV whose first line is ``alias,code,reason``); FatalInputError for a malformed file."""
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")  # newlines as written, for the csv module
    except UnicodeDecodeError:
        raise FatalInputError(str(path), "is not UTF-8 text", "save it again as UTF-8 (comma-separated)") from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if not {"alias", "code"} <= {(f or "").strip().lower() for f in reader.fieldnames or []}:
        raise FatalInputError(str(path), "does not start with the header line 'alias,code,reason'",
                              "add that line first (comma-separated), then one alias per line")
    reader.fieldnames = [(f or "").strip().lower() for f in reader.fieldnames]
    out = {}
    for i, row in enumerate(reader, start=2):
        alias, code = (row.get("alias") or "").strip(), (row.get("code") or "").strip().upper()
        if not alias:
            continue
        if code not in INSTITUTION_CODES:
            raise FatalInputError(str(path), f"line {i}: unknown institution code {code!r}",
                                  f"use one of {', '.join(INSTITUTION_CODES)}")
        out[alias] = code
    return out
