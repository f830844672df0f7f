"""Ingestion: raw spreadsheets -> validated tidy tables, with the ingestion report and the quarantine.

``ingest(raw_dir)`` reads every file, recognises each sheet, normalises its rows, merges or quarantines duplicated
ids, links attendance and rounds given by name, checks that every sheet reconciles
(``rows_read = accepted + quarantined + dropped``) and returns the tables as DataFrames with everything needed to
write the outputs. It writes nothing: :mod:`partnership_metrics.storage` does. What it knows of how people write
things comes in one :class:`~.vocabulary.Vocabulary`, and the pseudonymisation key in one
:class:`~.pseudonymise.Pseudonymiser`, both made at the start of the run."""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path

from .. import paths
from ..errors import FatalInputError, ReconciliationError
from ..indicators import indicators, kpi_units
from ..partnership import Partnership, find_partnership
from ..schemas import RAW_TABLES, TABLES
from ..storage import sha256_file
from ..textnorm import tokens
from .added_up import with_added_up
from .aliases import ALIASES, alias_column, row_aliases
from .alternative_columns import with_alternative_columns
from .blocks import Block
from .cancellations import quarantine_cancelled
from .cap_tables import find_cap_table, normalise_cap_table
from .code_lists import folder_lookups, with_code_lists
from .codebook import make_codebook
from .codebooks import with_codebooks, with_other_answers
from .column_groups import find_column_groups, find_keyed_groups, normalise_groups, parent_beside, without_sub_headers
from .column_rereads import columns_reread
from .complement_sheets import (
    breakdown_of,
    complement_recognition,
    normalise_complement,
    unused_breakdowns,
    without_rejected,
)
from .complements import fold_complements
from .context_codes import guessed_then_given, with_context_code
from .crosswalks import crosswalked
from .data_dictionaries import column_descriptions, dictionary_sheet
from .date_order import with_date_order
from .defined_headers import header_score, named_as_written, with_defined_headers, with_described_headers
from .duplicates import duplicate_problems, resolve_duplicates
from .example_rows import template_reason
from .exchange_rates import with_exchange_rates
from .fingerprint import input_fingerprint, raw_files
from .flags import apply_flags, flag_columns
from .foreign_keys import database_of, with_foreign_keys
from .form_cards import find_form_cards, may_be_cards, normalise_form_cards
from .former_ids import carry_former_ids, renumbered
from .funder_groups import find_funder_groups, normalise_funder_groups, projects_beside
from .funder_shares import find_funder_shares, normalise_funder_shares
from .goal_targets import find_goal_targets
from .header_fields import with_header_fields
from .header_units import with_noted_units
from .ids_in_texts import completed_by_keys_in_titles
from .ingest_result import IngestResult, RawFile
from .institutions import add_alias_hint, institutions_rows, make_resolver
from .joined_tables import joined_below
from .key_text import with_key_text_pairs
from .keyvalue import find_key_value, normalise_key_value, says_key_value
from .kind_legends import with_kind_legends
from .kind_matrix import find_kind_matrix, kind_matrix_result
from .laureate_lists import COLUMN as LAUREATE_COLUMN
from .laureate_lists import flag_laureates, laureate_list
from .left_out_references import carry_left_out, left_out_references
from .line_ids import NOTE as LINE_IDS_NOTE
from .line_ids import completed_by_guess, with_line_ids
from .linking import (
    CONTEXT,
    label_column,
    label_texts,
    link_to_parents,
    row_label_column,
    with_context_column,
    with_row_labels,
    with_section_labels,
)
from .listed_keys import find_listed_keys, normalise_listed
from .listed_milestones import completed_by_listed_milestones
from .listed_people import listed_in_cells
from .lookup_lists import find_lookup_lists, normalise_lookup_lists
from .mapping_file import MappingFile, load_mapping
from .milestone_log import find_milestone_log, log_read_as_targets, normalise_milestone_log
from .missing_tables import kept_head, missing_tables
from .month_plans import find_month_plan, month_plan_results
from .name_keys import known_by_name
from .normalising import Context, Dropped, Problem, Record, SheetResult, normalise_sheet
from .not_the_table import not_the_table, survey_answers
from .noted_nicknames import noted_nicknames
from .outline_children import find_outline, find_sub_header_outline, outline_results
from .page_layouts import with_layouts_undone
from .parent_rows import children_under_parents, other_recognition, with_marked_kinds
from .parsers import ValueParsers
from .partner_ticks import completed_by_ticks, with_partner_ticks
from .pasted_lines import PASTED_CELLS, find_pasted_lines, split_pasted_cells
from .period_dates import with_period_from_dates
from .prepared_sheets import prepared
from .presence_matrix import find_presence_matrix, normalise_matrix
from .pseudonymise import Pseudonymiser, resolve_key
from .raw_sheets import sheets_of
from .reading import RawSheet, ReadLimits
from .recognition import Recogniser
from .record_groups import record_group_results
from .record_notes import log_results, noted_columns
from .references import references_by_label, references_naming_no_project
from .register_names import names_as_written
from .report import LOW_CONFIDENCE
from .row_layouts import read_row_layout
from .same_companies import fold_same_companies, normalise_left_to_another_list, with_dates_left_to_another_list
from .second_look import recognised_closer
from .section_dates import with_section_dates
from .sections import Section, find_sections
from .sentences import find_sentence_targets
from .sibling_sheets import UNRECOGNISED, read_like_siblings
from .side_by_side import only_columns, tables_side_by_side
from .split_counts import completed_by_registrations
from .stacked import (
    SUMMARY_BELOW,
    after_sparse_rows,
    rows_label,
    stacked_above,
    stacked_below,
    stacked_parts,
    summary_below,
)
from .subitems import find_subitems, normalise_subitems, without_subitems
from .suggest import guess_columns, mapping_entry
from .summaries import summary_reason, unread_summary_reason, with_derived_from
from .supporting_partner import completed_by_supporting_partner
from .target_authority import archived_sources, rank_target_sheets
from .target_blocks import with_target_blocks
from .target_names import unmatched_names
from .transposed import find_spread_targets, find_turned_targets
from .transposed_tables import find_transposed, normalise_transposed_table
from .unpivot import a_record_row, find_wide, funding_plan, is_wide_table, normalise_wide, wide_from_rule
from .unread_sheets import READ_WITH_OTHERS, unrecognised_note
from .unread_sheets import skipped_sheet as _skipped
from .unread_sheets import unused_sheet as _unused
from .vocabulary import INSTITUTION_ALIASES, KPI_SYNONYMS, Vocabulary, load_vocabulary
from .workers import add_counts, counters, default_workers, file_weight, share
from .written_elsewhere import amounts_as_shown, said_elsewhere


def _kpi_ids(synonyms) -> dict[tuple[str, ...], str]:
    """Folded KPI id, label, alias or user synonym (``kpi_synonyms.yaml``) -> KPI id, for long targets tables."""
    out = {}
    for kpi in indicators():
        for text in (kpi.id, kpi.id.replace("_", " "), *kpi.label.values(), *kpi.aliases, *synonyms.get(kpi.id, ())):
            out.setdefault(tokens(text), kpi.id)
    return out


def _is_whole_table(sheet: RawSheet, recogniser: Recogniser) -> bool:
    """Whether ``sheet`` has a column for every required one of a table (an "org_id | name" lookup may read as a list
    of people) or most headers read as its columns (a CRM's export lacking one is no lookup list)."""
    rec = recogniser.recognise(sheet)
    if rec is None:
        return False
    read = len(rec.columns)
    return set(TABLES[rec.table].required) <= {m.column for m in rec.columns} or (
        read >= MIN_TABLE_COLUMNS and read * 2 >= read + len(rec.unknown))


def _decoded(sheets: list[RawSheet], marked: dict, lookups: list, ctx: Context, recogniser, database,
             descriptions: dict[str, str]) -> list[RawSheet]:
    """A file's sheets with their codes read: a database's foreign keys and code lists, a survey's codebook, a kit's
    lists, the folder's lookup files and data dictionaries (whose own sheets, ``marked`` by name, are marked so)."""
    sheets = [replace(s, kind=marked[s.sheet]) if s.sheet in marked else s for s in sheets]
    sheets = [with_layouts_undone(s, recogniser, ctx.words) for s in sheets]  # a shifted page, a block per project
    sheets = with_kind_legends(sheets, recogniser, ctx.words)  # a register's "Date" per kind, as its legend says
    sheets = [with_defined_headers(s, ctx.words, named_as_written(recogniser)) for s in sheets]  # "NB : la colonne Timeline = période de maturation"
    sheets = with_foreign_keys(sheets, ctx.codebook, recogniser, database)
    sheets = with_derived_from(with_code_lists(with_other_answers(with_codebooks(sheets)), ctx.words, lookups), ctx.words)
    return [with_described_headers(s, descriptions, header_score(recogniser)) for s in sheets]  # "DT_ABAND", described


def ingest(
    raw_dir: Path,
    *,
    mapping: Path | None = None,
    reference: Path | None = None,
    vocabulary: Vocabulary | None = None,
    pseudonymiser: Pseudonymiser | None = None,
    partnership: Partnership | None = None,
    limits: ReadLimits = ReadLimits(),
    progress: Callable[[str, int, int], None] | None = None,
    workers: int | None = None,
) -> IngestResult:
    """Read, recognise, normalise and validate everything in ``raw_dir``; raise FatalInputError on a fatal problem.

    ``vocabulary`` and ``pseudonymiser`` are made at the start of a run (:func:`.vocabulary.load_vocabulary`,
    :func:`.pseudonymise.resolve_key`); when not given, they are made here: the vocabulary from the reference
    folder (``reference``, default :func:`partnership_metrics.paths.reference_dir_for`) and the mapping file
    (``mapping``, default ``mapping.yaml`` in ``raw_dir``), the pseudonymiser from the resolved key.
    ``partnership`` (the run's, default: the one found in the vocabulary's reference folder, else the packaged one)
    says which years of a targets grid are its baseline. ``workers``: how many processes read the files (default:
    one per core, at most 4, and one alone for a small folder; see :mod:`.workers`), the result the same whatever.
    """
    collecting = gc.isenabled()
    gc.disable()  # millions of cells and rows, next to no reference cycle: the collector would rescan them in vain
    try:
        return _ingest(raw_dir, mapping=mapping, reference=reference, vocabulary=vocabulary,
                       pseudonymiser=pseudonymiser, partnership=partnership, limits=limits, progress=progress,
                       workers=workers)
    finally:
        if collecting:
            gc.enable()


def _run_parts(raw_dir: Path, mapping, reference, vocabulary, pseudonymiser, partnership):
    """The vocabulary, pseudonymiser and partnership of a run, made here when the caller gave none."""
    if vocabulary is None:
        reference_dir = paths.reference_dir_for(raw_dir, reference)
        partnership = partnership or find_partnership(None, reference_dir)
        vocabulary = load_vocabulary(reference_dir, load_mapping(mapping, raw_dir), partnership)
    if pseudonymiser is None:
        pseudonymiser = Pseudonymiser(resolve_key(), vocabulary.words.person_titles)
    if partnership is None:
        partnership = find_partnership(None, vocabulary.reference_dir)
    return vocabulary, pseudonymiser, partnership


def _ingest(raw_dir: Path, *, mapping: Path | None = None, reference: Path | None = None,
            vocabulary: Vocabulary | None = None, pseudonymiser: Pseudonymiser | None = None,
            partnership: Partnership | None = None, limits: ReadLimits = ReadLimits(),
            progress: Callable[[str, int, int], None] | None = None, workers: int | None = None) -> IngestResult:
    started = time.perf_counter()
    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        problem = "is a file, not a folder" if raw_dir.exists() else "no such folder"
        raise FatalInputError(str(raw_dir), problem, "give the folder of raw spreadsheets with --raw")
    vocabulary, pseudonymiser, partnership = _run_parts(raw_dir, mapping, reference, vocabulary, pseudonymiser,
                                                        partnership)
    files, ignored = raw_files(raw_dir)
    # a person named in a file or sheet name ("Suivi Dr Marie Curie.xlsx") is pseudonymised there too, from the start
    mask_name = partial(pseudonymiser.mask, where="file and sheet names")
    mapping_file: MappingFile = vocabulary.mapping.with_names_masked(mask_name)
    resolver = make_resolver(vocabulary)
    recogniser = Recogniser(vocabulary, partnership)
    parsers = ValueParsers(vocabulary.words)
    parsers.whole_period = partnership.period
    parsers.time_zone = partnership.time_zone
    ctx = Context(resolver, make_codebook(vocabulary), _kpi_ids(vocabulary.kpi_synonyms), parsers, pseudonymiser,
                  vocabulary.words, recogniser.target_grids.names, partnership.partner_funders)
    alias_hint = add_alias_hint(vocabulary.user_file(INSTITUTION_ALIASES))
    warnings: list[str] = []
    parent = os.getpid()

    named_sheets = partial(sheets_of, raw_dir=raw_dir, limits=limits, mask_name=mask_name)
    # a database's lookup tables ("org_id | name") and data dictionaries ("champ | code | libellé"), read where named
    lookups = folder_lookups(files, named_sheets, partial(_is_whole_table, recogniser=recogniser),
                             vocabulary.words, dictionary_sheet, column_descriptions)
    database = database_of([s for sheets in lookups.read.values() for s in sheets])  # a database's small export
    ctx.codebook, legends = ctx.codebook.with_legends(lookups.lists, recogniser.names_column)  # "TH | thérapeutique"
    recogniser.codebook = ctx.codebook
    ctx.noted = noted_columns([s for sheets in lookups.read.values() for s in sheets], recogniser, ctx.words)
    warnings += [f"Codes read through the folder's legend: {note}" for note in legends]
    if nicknames := noted_nicknames([s for sheets in lookups.read.values() for s in sheets], resolver,
                                    vocabulary.words.nickname_note_words):  # "la Fac = Aix-Marseille Université"
        for known in (resolver, recogniser.institutions):
            known.add_aliases(nicknames)
        warnings.append("Institution nicknames read from the folder's notes: "
                        + "; ".join(f"'{n}' = {c}" for n, c in sorted(nicknames.items())))

    def read(i: int) -> tuple[RawFile, list[SheetResult]]:
        """One raw file: its sheets read, recognised and normalised (in this process or a forked one)."""
        path = files[i]
        rel = mask_name(path.relative_to(raw_dir).as_posix())
        if progress and os.getpid() == parent:
            progress(rel, i + 1, len(files))
        record = RawFile(rel, sha256_file(path), path.stat().st_size)
        pairs = []
        sheets_read = lookups.read[path] if path in lookups.read else named_sheets(path)
        marked = {sheet: kind for (p, sheet), kind in lookups.sheets.items() if p == path}
        decoded = _decoded(sheets_read, marked, lookups.lists, ctx, recogniser, database, lookups.descriptions)
        for sheet in map(with_noted_units, with_date_order(decoded, vocabulary.words)):  # "Montant", noted "en k€"
            pairs += [(sheet, result) for result in with_target_blocks(  # several targets tables in one sheet
                sheet, _sheet_results(sheet, mapping_file, recogniser, ctx), ctx, recogniser, mapping_file)]
        results = read_like_siblings(pairs, recogniser, lambda s, rec: _sheet_result(s, mapping_file, recogniser, ctx, rec))
        for (sheet, _), result in zip(pairs, results, strict=True):
            result.reading_notes = [*sheet.notes, *result.reading_notes]  # how the file was read, then the sheet
            if result.block is None and result.records:  # a targets grid gives its records one by one
                result.block = Block.from_records(result.table, result.file, result.sheet, result.records)
                result.records = []
        return record, results

    weights = [file_weight(p) for p in files]
    if workers is None:
        workers = default_workers(weights)
    done = share(read, weights, workers=workers,
                 counters=lambda: counters(ctx), add=lambda before, after: add_counts(ctx, before, after))
    file_records = [record for record, _ in done]
    sheets: list[SheetResult] = [s for _, results in done for s in results]
    if not files:
        raise FatalInputError(str(raw_dir), "holds no spreadsheet (.xlsx, .xls, .ods, .csv)",
                              "put the partners' files there or give another folder with --raw "
                              "(the bundled sample is data/raw/sample/: try 'partnership-metrics demo')")
    blocks = [s.block for s in sheets if s.block is not None and len(s.block)]
    warnings += renumbered(blocks)  # "VAL-18-3" in the older file is "VAL18-003", as "Ancien n°" shows
    warnings += crosswalked(blocks, sheets, [s for read in lookups.read.values() for s in read])  # "DTP-2018-001"
    fold_same_companies(blocks, vocabulary.words.company_legal_forms)  # a registry's line into the portfolio's
    warnings += fold_complements(blocks)  # a log of milestones' dates into the register's rows
    flag_laureates(blocks, sheets, vocabulary.words.company_legal_forms)  # named in an i-Lab list of laureates
    names_as_written(blocks, sheets)  # "GLIOSENSE" in a register, "GlioSense" in the rounds: GlioSense
    sheets, blocks = without_rejected(sheets, blocks)  # notes on ids read nowhere else: skipped after all
    unused_breakdowns(sheets, blocks)  # a skipped sheet detailing rows read elsewhere: not data
    event_ids = left_out_references(blocks, ("event_attendance",))  # "Réf. interne" beside the event's title
    links, unlinked = _link(blocks, [p for s in sheets for p in s.problems], vocabulary.words.company_legal_forms,
                            ctx.parsers.day_of)
    untied: list[tuple[str, str]] = []  # "VALO-CPP-ANIM" among "VALO-ONC-021-02"; "Projet fondateur: OMICBIO" below
    links["project_id (by acronym or title)"] = references_by_label(blocks, untied)
    links["project_id (a column left out)"] = left_out_references(blocks)  # a ledger's cost centre: "PV20-02"
    links["event_id (a column left out)"] = event_ids
    untied += references_naming_no_project(blocks, tuple(" ".join(w) for v in vocabulary.words.missing_values
                                                         if len(w := tokens(v)) >= 2))  # "ONCO-HORS-PROJET"
    rank_target_sheets(sheets, ctx.kpi_names)  # an amendment's targets outrank the annex's, a dashboard's both
    archived_sources(blocks, vocabulary.words)  # "archives/projets_2022-06-30.xlsx": below the files in use
    duplicates = resolve_duplicates(blocks, vocabulary.words.version_words)  # the latest of dated copies wins
    quarantine_cancelled(blocks, [p for s in sheets for p in s.problems])  # "ANNULATION engagement …", -200 000
    for s in sheets:
        counts = s.counts()
        if counts["rows_read"] != counts["rows_accepted"] + counts["rows_quarantined"] + counts["rows_dropped"]:
            raise ReconciliationError(f"{s.file} [{s.sheet}]: rows do not reconcile: {counts}")
    problems = [p for s in sheets for p in s.problems] + unlinked + duplicate_problems(blocks)
    dropped = [d for s in sheets for d in s.dropped] + [
        Dropped(b.file, b.sheet, b.rows[i], b.reasons.pop(i))
        for b in blocks if b.status is not None for i, status in enumerate(b.status) if status == "dropped"
    ]
    from ..tables import arrow_table
    from .assemble import build_tables

    recognised = _columns_read(sheets)
    arrows = build_tables(blocks, recognised, kpi_units())
    arrows["institutions"] = arrow_table("institutions", institutions_rows(resolver))
    if resolver.unknown:
        warnings.append(f"{len(resolver.unknown)} institution name(s) not recognised, counted as OTHER: "
                        f"{alias_hint}")
    if unknown_kpis := unmatched_names(problems):
        warnings.append(f"{len(unknown_kpis)} indicator name(s) of a targets grid match no KPI (quarantined): "
                        f"{'; '.join(unknown_kpis)}: name them in {vocabulary.user_file(KPI_SYNONYMS)}")
    return IngestResult(
        arrows=arrows, sheets=sheets, files=file_records, missing=missing_tables(sheets, set(arrows), recogniser),
        ignored=[p.relative_to(raw_dir).as_posix() for p in ignored],
        problems=problems, cell_problems=[p for s in sheets for p in s.cell_problems], dropped=dropped,
        unknown_institutions=dict(sorted(resolver.unknown.items())), mapped_to_other=dict(ctx.codebook.mapped_to_other),
        abbreviations=dict(ctx.codebook.abbreviations), duplicates=duplicates, links=links,
        warnings=warnings, seconds=time.perf_counter() - started, alias_hint=alias_hint,
        institutions_by_spelling=dict(sorted(resolver.similar.items())), untied_references=untied)


def _columns_read(sheets: list[SheetResult]) -> dict[str, set[str]]:
    """Table -> the columns its raw sheets had (a list of laureates gives the start-ups' i-Lab flag)."""
    recognised: dict[str, set[str]] = {}
    for s in sheets:
        if s.table:
            recognised.setdefault(s.table, set()).update(s.columns.values())
    if "startups" in recognised and any(s.laureates for s in sheets):
        recognised["startups"].add(LAUREATE_COLUMN)
    return recognised


MIN_TABLE_COLUMNS = 6  # headers read as a table's columns that make a file a table lacking a column, not a lookup


def _sheet_result(sheet, mapping_file: MappingFile, recogniser: Recogniser, ctx: Context, rec=None) -> SheetResult:
    rule = mapping_file.rule_for(sheet.file, sheet.sheet)
    if rule is not None and rule.skip:
        return _unused(sheet, "skipped by the mapping file", "skipped by the mapping file", always=True)
    if sheet.kind in READ_WITH_OTHERS:
        return _unused(sheet, *READ_WITH_OTHERS[sheet.kind])
    if sheet.kind != "worksheet" or not sheet.rows:
        why = {"chartsheet": "chart sheet"}.get(sheet.kind, "empty" if not sheet.rows else sheet.kind)
        return SheetResult(sheet.file, sheet.sheet, None, 0, hidden=sheet.hidden, note=f"no table ({why})")
    if rule is not None and rule.unpivot:
        return normalise_wide(sheet, wide_from_rule(rule, sheet, recogniser, ctx), ctx, recogniser)
    if rule is None and (before := _before_recognition(sheet, rec, recogniser, ctx)) is not None:
        return before
    if rec is None:
        rec = rule.recognition(sheet, recogniser) if rule is not None else recogniser.recognise(sheet)
    if rec is None:
        return _unrecognised(sheet, recogniser, ctx, guessing=rule is None)
    if rule is None and rec.table == "kpi_targets" and (wide := funding_plan(sheet, rec, recogniser, ctx)):
        return normalise_wide(sheet, wide, ctx, recogniser)  # a plan of amounts by year, not a grid of targets
    if rule is None:
        sheet, rec = columns_reread(sheet, rec, recogniser, ctx)
        if (other := not_the_table(sheet, rec, recogniser, ctx)) is not None:
            return other
    context = None
    if rec.missing_required:
        done = _completed(sheet, rec, recogniser, ctx) if rule is None else _skipped(sheet, rec, recogniser)
        if isinstance(done, SheetResult):
            return done
        sheet, rec, context = done
    result = _normalised(sheet, rec, ctx, recogniser, ruled=rule is not None)
    result = result if rule is not None else log_read_as_targets(sheet, rec, result, recogniser, ctx)
    if context is not None:  # what the sheet lacked, and where it was found
        result.note = "; ".join(n for n in (result.note, context) if n)
    if rule is None and rec.grid is None and result.confidence is not None and result.confidence < LOW_CONFIDENCE:
        result.suggestion = mapping_entry(sheet, rec, guess_columns(recogniser, sheet, rec),
                                          why=f"read as {rec.table} with low confidence ({result.confidence:.0%})")
    return result


def _targets_as_written(sheet, recogniser: Recogniser, ctx: Context) -> SheetResult | None:
    """Targets in a header that named some table's columns: a tool's export of goals ("Goal name | Due date | Target
    value"), a slide's boxes ("Objectif 2021-2023 : 5 licences signées et 4 start-up créées")."""
    if (goals := find_goal_targets(sheet, recogniser.target_grids)) is not None:
        return goals.normalise(sheet, ctx)
    if (sentences := find_sentence_targets(sheet, recogniser.target_grids)) is not None:
        return sentences.normalise(sheet, ctx)
    return None


def _completed(sheet, rec, recogniser: Recogniser, ctx: Context):
    """A sheet lacking a required column, as it can be read: (sheet, recognition, a note on where what it lacked was
    found, or None), else its result (read otherwise: wide, a summary, goals; or skipped)."""
    if (paired := with_key_text_pairs(sheet, rec, recogniser)) is not None:  # SAP's "Projet | (its text)"
        sheet, rec = paired
        if not rec.missing_required:
            return sheet, rec, "key and text columns (the text under the header, the key as its code)"
    # "Code | Start-up | 2021 | 2022": not a list of start-ups lacking a column but their rounds, kept wide
    wide = find_wide(sheet, recogniser, ctx, table=rec.table if is_wide_table(rec.table) else None)
    if wide and not a_record_row(sheet, rec, wide.header_index):
        return normalise_wide(sheet, wide, ctx, recogniser)  # (not a header among the records below a sure one)
    if log := find_milestone_log(sheet, rec, recogniser, ctx):  # "Projet | Jalon | Date réelle", one row per milestone
        return normalise_milestone_log(sheet, log, ctx)
    if (filled := completed_by_guess(sheet, rec, recogniser, ctx.words)) is not None:  # a ledger's "Tiers"
        return filled
    if summary := unread_summary_reason(sheet):
        return _unused(sheet, f"summary sheet, not data: {summary}", f"summary sheet: {summary}", summary=True)
    # "Engagements IT - …": the funder in the name; "Accompagnement CPP": the partner supporting each row; "CPP | IT"
    # over "☑ | ☐": the partners ticked; "Jalons": "Détection : 31/10/2018 ⏎ DI : mars 2019", dates listed in one cell
    if context := (with_context_code(sheet, rec, ctx, recogniser) or guessed_then_given(sheet, rec, ctx, recogniser)
                   or completed_by_supporting_partner(sheet, rec, ctx)
                   or completed_by_ticks(sheet, rec, ctx) or completed_by_listed_milestones(sheet, rec, recogniser)
                   or completed_by_keys_in_titles(sheet, rec)  # "[EV18-01] Formation PI": a calendar's subjects
                   or completed_by_registrations(sheet, rec, ctx)):  # "Registered": the only count of the events
        return context
    if (fields := with_header_fields(sheet, rec, recogniser, ctx.codebook)) is not None and not fields[1].missing_required:
        return fields  # "Programme | H2020 – ERC" above the proposals of a tab per call
    if dated := with_period_from_dates(sheet, rec, recogniser.target_grids):  # "Date de début | Date de fin"
        return dated[0], dated[1], None
    if dated := with_section_dates(sheet, rec, recogniser.parsers):  # "Comité – séance du 23/07/2018" above rows
        return dated[0], dated[1], "the date of each row's section (a row of its own above it)"
    if (written := _targets_as_written(sheet, recogniser, ctx)) is not None:
        return written
    if (turned := _turned(sheet, recogniser, ctx)) is not None:
        return turned
    if (made := with_line_ids(sheet, rec, ctx.words)) is not None:  # co-funders' lines without a line number
        return *made, LINE_IDS_NOTE
    if (with_others := _read_with_others(sheet, rec, recogniser, ctx)) is not None:
        return with_others
    skipped = _skipped(sheet, rec, recogniser)
    skipped.breakdown = breakdown_of(sheet, rec, recogniser)  # a budget per partner of proposals read elsewhere
    return skipped


def _read_with_others(sheet, rec, recogniser: Recogniser, ctx: Context) -> SheetResult | None:
    """A sheet lacking columns that another sheet's rows give, read tentatively (skipped as it is if none does)."""
    if (left := with_dates_left_to_another_list(sheet, rec)) is not None:  # a portfolio without dates beside a registry's
        lacking = replace(left, missing_required=sorted(left.pending), pending=frozenset())  # its name its id
        return normalise_left_to_another_list(sheet, left, ctx, _skipped(sheet, lacking, recogniser))
    if (completes := complement_recognition(sheet, rec, recogniser)) is not None:  # a team's notes on each proposal
        return normalise_complement(sheet, completes, ctx, _skipped(sheet, rec, recogniser))
    return None


def _turned(sheet, recogniser: Recogniser, ctx: Context) -> SheetResult | None:
    """A sheet whose header row was misread, read the other way round: a table kept one column per record (a row of
    titles looked like a header), or targets kept one row per period (the indicators' names looked like one)."""
    if turned := find_transposed(sheet, recogniser, ctx):
        return normalise_transposed_table(sheet, turned, ctx)
    if turned := find_turned_targets(sheet, recogniser.target_grids):
        return turned(ctx)
    return None


def _long_targets_otherwise(sheet, rec, recogniser: Recogniser, ctx: Context) -> SheetResult | None:
    """A sheet read otherwise: targets kept one row per year, read with low confidence as another table; a tool's
    export of goals ("Objective | Start date | Due date | Target value": its dates give the period) as long targets."""
    if rec.table != "kpi_targets" and rec.confidence is not None and rec.confidence < LOW_CONFIDENCE and (
            turned := find_turned_targets(sheet, recogniser.target_grids)):
        return turned(ctx)  # years as rows, "Nature: Objectif / Réalisé" beside them
    if rec.table == "kpi_targets" and (spread := find_spread_targets(sheet, recogniser.target_grids)):
        return spread(ctx)  # "Indicateur | Période: Cible 2021 | Valeur: 10 projets"
    if rec.table != "kpi_targets" or rec.grid is not None:
        return None
    if (goals := find_goal_targets(sheet, recogniser.target_grids)) is not None:
        return goals.normalise(sheet, ctx)
    return None


def _before_recognition(sheet, rec, recogniser: Recogniser, ctx: Context) -> SheetResult | None:
    """A summary sheet (not data), or a child's groups of columns beside nothing of its parent but its key."""
    if summary := summary_reason(sheet, ctx.words):
        return _unused(sheet, f"summary sheet, not data: {summary}", f"summary sheet: {summary}", summary=True)
    if template := template_reason(sheet, ctx.words):  # "_MODELE_fiche_projet.xlsx" holding "TT-AAAA-NNN"
        return _unused(sheet, f"a template, not data: {template}", f"template: {template}")
    if (laureates := laureate_list(sheet, recogniser)) is not None:
        return laureates  # "iLab_laureats_extrait_PACA.csv": the start-ups' i-Lab flags, no rows
    if rec is None and (groups := find_keyed_groups(sheet, recogniser, ctx)) is not None:
        return normalise_groups(sheet, groups, ctx)  # "Réf. projet | 2018: Appel · Montant · Date CS | 2019: …"
    if rec is None and says_key_value(sheet, ctx.words) and (log := find_key_value(sheet, recogniser)):
        return normalise_key_value(sheet, log, ctx)  # "Projet | Attribut | Valeur | Date de saisie"
    return None


def _unrecognised(sheet, recogniser: Recogniser, ctx: Context, guessing: bool) -> SheetResult:
    """A sheet no table was recognised in: a wide sheet, a capitalisation table, a log of attributes, a table kept
    one column per record, or no table at all."""
    if guessing and (turned := find_transposed(sheet, recogniser, ctx)):
        return normalise_transposed_table(sheet, turned, ctx)  # one column per record (a band of years above it)
    if guessing and (wide := find_wide(sheet, recogniser, ctx)):
        return normalise_wide(sheet, wide, ctx, recogniser)
    if guessing and (cap := find_cap_table(sheet, recogniser, ctx)):
        return normalise_cap_table(sheet, cap, ctx)  # shareholders in rows, a group of columns per round
    if guessing and (laid_out := read_row_layout(sheet, ctx, recogniser)) is not None:
        return laid_out  # a budget grid of funders by project, a calendar of events by day
    if guessing and (survey := survey_answers(sheet, ctx)) is not None:
        return survey  # "Horodateur | Événement | Note globale": no log of attributes
    if guessing and (log := find_key_value(sheet, recogniser)):
        return normalise_key_value(sheet, log, ctx)
    if guessing and (milestones := find_milestone_log(sheet, None, recogniser, ctx)):
        return normalise_milestone_log(sheet, milestones, ctx)
    if guessing and (sentences := find_sentence_targets(sheet, recogniser.target_grids)):
        return sentences.normalise(sheet, ctx)  # "• 12 projets détectés par an", copied from the agreement
    if guessing and (goals := find_goal_targets(sheet, recogniser.target_grids)):
        return goals.normalise(sheet, ctx)  # one row per goal: "Goal name | Start date | Due date | Target value"
    if guessing and (turned := find_turned_targets(sheet, recogniser.target_grids)):
        return turned(ctx)  # one row per period, one column per indicator, or a column of periods
    if guessing and (pasted := find_pasted_lines(sheet, recogniser.target_grids)):
        return pasted.normalise(sheet, ctx)  # "Projets détectés nb 10 12 12 34": a table pasted as lines of text
    cells = split_pasted_cells(sheet) if guessing else None  # any table pasted as lines, its cells parted by tabs
    if cells is not None and (rec := recogniser.recognise(cells)) is not None and not rec.missing_required:
        return replace(_normalised(cells, rec, ctx, recogniser), note=PASTED_CELLS)
    note = unrecognised_note(sheet, recogniser, guessing)
    result = _unused(sheet, note, f"{note}: rows not used")
    result.head = kept_head(sheet) if guessing and not sheet.hidden and note == UNRECOGNISED else None
    return result


def _normalised(sheet, rec, ctx: Context, recogniser: Recogniser | None = None, ruled: bool = False) -> SheetResult:
    """The records of a recognised sheet (with the column the file or sheet name gives, if any); ``ruled``: as the
    mapping file says (never read otherwise)."""
    if recogniser is not None and not ruled and (otherwise := _long_targets_otherwise(sheet, rec, recogniser, ctx)):
        return otherwise
    sheet = amounts_as_shown(sheet, rec)  # "45" formatted #,##0" k€": 45 k€
    sheet, converted = with_exchange_rates(sheet, rec, ctx.words, ctx.parsers)  # "amount | currency | fx_rate"
    if recogniser is not None and not ruled:
        sheet, rec, said = said_elsewhere(sheet, rec, recogniser, ctx)
        converted = "; ".join(n for n in (converted, said) if n)
    ticks = with_partner_ticks(sheet, rec, ctx)  # "AccompCPP | AccompIT", "Organisé par" over "CPP | IT"
    ticked: frozenset[int] = frozenset()
    if ticks is not None:
        sheet, rec, _, ticked = ticks
    sheet, rec = with_added_up(sheet, rec, ctx)  # a group's columns, a round's tickets, a commitment's payments
    if recogniser is not None and not ruled and (
            reworded := with_alternative_columns(sheet, rec, recogniser, ctx.parsers)) is not None:
        sheet, rec, _ = reworded  # "Établissement" in 2021, "Organisme" in 2023: one question, reworded
    if (listed := find_listed_keys(sheet, rec, ctx.words)) is not None:
        result = normalise_listed(sheet, rec, listed, ctx)  # "Participations: AN-21-01 ; AN-22-05" on a person's row
    elif (matrix := find_presence_matrix(sheet, rec, ctx)) is not None:
        result = normalise_matrix(sheet, rec, matrix, ctx)  # one column per session, "P" where the person came
    elif (shares := find_funder_shares(sheet, rec, ctx)) is not None:
        result = normalise_funder_shares(sheet, rec, shares, ctx)  # "IT 110k€ + CPP 65k€" beside the total
    elif rec.context_key:  # "EV2103.csv": the rows' event is the file's
        labels = row_label_column(sheet, rec, recogniser) if recogniser is not None else None
        read, (sheet, rec, texts) = sheet, with_context_column(sheet, rec)
        result = normalise_sheet(sheet, rec, ctx)
        if result.block is not None:  # each row's own title of its event first ("Intitulé (en-tête)" on each line)
            rows = result.block.rows  # or the line opening its list ("A19-02 — Journée annuelle — 24/03/2019")
            result.block.columns[CONTEXT] = (with_row_labels(read, rows, labels, texts) if labels is not None else
                                             with_section_labels(read, rec.header_index, rows, texts)
                                             or [texts] * len(result.block))
            carry_left_out(result.block, read, rec, ctx.words.project_mention_words)  # "Webinar ID" beside its title
        result.note = "; ".join(n for n in (f"{rec.context_key} taken from the file or sheet name, or a title row",
                                            result.note) if n)
    else:
        result = normalise_sheet(sheet, rec, ctx)
        labels = label_column(sheet, rec, recogniser) if result.block is not None and recogniser else None
        if labels is not None:  # "Event Name" beside an "Event ID" that may not be the partnership's
            block = result.block
            key = TABLES[rec.table].parent.key
            block.columns[CONTEXT] = label_texts(sheet, block.rows, block.columns[key], labels, rec)
        if result.block is not None:
            _row_extras(result.block, sheet, rec, ctx, ticked)
    return _with_notes(result, rec, converted)


def _with_notes(result: SheetResult, rec, converted: str) -> SheetResult:
    """``result`` with the required columns guessed and the amounts converted said."""
    if rec.guessed:
        result.guessed = dict(rec.guessed)
    if converted:
        result.note = "; ".join(n for n in (result.note, converted) if n)
    return result


def _row_extras(block, sheet, rec, ctx: Context, ticked) -> None:
    """What columns left out of the table add to its records: flags ("Jointly sourced? Yes") and, on an event's
    row, the references of its sign-in sessions ("S19-03 ; S19-04", see aliases.py)."""
    if flags := flag_columns(sheet, rec, ctx, ticked):
        apply_flags(block, sheet, flags, ctx.parsers)
    if (aliased := alias_column(sheet, rec, ctx.words)) is not None:
        block.columns[ALIASES] = row_aliases(sheet, block.rows, aliased)
    carry_left_out(block, sheet, rec, ctx.words.project_mention_words)  # "Centre de coûts": "PV20-02"; an "Objet"
    carry_former_ids(block, sheet, rec, ctx.words)  # "Ancien n°": the reference a record had in an older file


def _sheet_results(sheet, mapping_file: MappingFile, recogniser: Recogniser, ctx: Context) -> list[SheetResult]:
    """The results of one sheet: usually one table, but tables kept side by side (separated by an empty column)
    are read apart, each under the sheet's name and its columns."""
    rule = mapping_file.rule_for(sheet.file, sheet.sheet)
    rec = None
    sheet, typed = prepared(sheet, rule, recogniser, ctx)  # objects, compound cells, pasted lines, debit and credit
    if rule is None and sheet.kind == "worksheet" and sheet.rows and not summary_reason(sheet, ctx.words) and not (
            template_reason(sheet, ctx.words)):
        if (sections := find_sections(sheet, recogniser, ctx.words)) is not None:  # a Zoom or Teams report
            summary = sections[0].texts(sheet)  # the report's topic may name what the other sections' rows are of
            return [result for section in sections for result in _section_results(section, sheet, mapping_file,
                                                                                   recogniser, ctx, summary)]
        if (logs := log_results(sheet, recogniser, ctx)) is not None:
            return logs  # "type_entite | id | nom_champ | valeur" in one export; an issues log, interview notes
        sheet, rec, kinds = recognised_closer(sheet, known_by_name(sheet, recogniser), recogniser, ctx.words)
        if kinds:  # a CRM's deals of two pipelines: projects, and start-ups' rounds
            return [r for part in kinds for r in _sheet_results(part, mapping_file, recogniser, ctx)]
        if may_be_cards(rec, sheet) and not says_key_value(sheet, ctx.words) and (  # not "Rubrique | Détail"
                cards := find_form_cards(typed, recogniser, ctx.words, rec)):
            return normalise_form_cards(typed, cards, ctx)  # "FICHE START-UP", label | value, and a table of rounds
        if rec is not None and (joined := joined_below(sheet, rec, recogniser)) is not None:
            return _joined_results(sheet, *joined, mapping_file, recogniser, ctx)  # submissions, then their results
        if rec is not None and rec.grid is None and (cut := stacked_above(sheet, rec, recogniser)) is not None:
            top, rest = stacked_parts(sheet, rec, cut, ctx.words)  # a table above the one read, its title giving a column
            return [*_sheet_results(top, mapping_file, recogniser, ctx),
                    *_sheet_results(rest, mapping_file, recogniser, ctx)]
        # rows that may start another table or a summary (after a sparse row): found once for both questions
        starts = after_sparse_rows(sheet.rows, rec.header_index + 2) if rec is not None and rec.grid is None else []
        if starts and (below := stacked_below(sheet, rec, recogniser, starts)) is not None:
            top, rest = stacked_parts(sheet, rec, below, ctx.words)  # a list continued on 'Page 2' too
            return [*_sheet_results(top, mapping_file, recogniser, ctx),
                    *_sheet_results(rest, mapping_file, recogniser, ctx)]
        if starts and (found := summary_below(sheet, starts, ctx.words)) is not None:
            (cut, what), rows = found, sheet.rows  # a summary, or a form's signature block
            top = replace(sheet, rows=rows[:cut], sheet=rows_label(sheet, 0, cut))
            below = replace(sheet, rows=rows[cut:], first_row=sheet.first_row + cut, sheet=rows_label(sheet, cut, len(rows)))
            summary = _unused(below, f"{what}, not data", what, summary=what == SUMMARY_BELOW)
            return [*_sheet_results(top, mapping_file, recogniser, ctx), summary]
        if rec is not None and rec.unknown:
            blocks = tables_side_by_side(sheet, rec.header_index, recogniser)
            if len(blocks) > 1:
                first = blocks[0]
                blocks[0] = first | (set(range(len(sheet.rows[rec.header_index]))) - set().union(*blocks))
                return [_sheet_result(part, mapping_file, recogniser, ctx, known_by_name(part, recogniser))
                        for part in (only_columns(sheet, b) for b in blocks)]
    if rule is None and rec is not None and (rec.table in ("projects", "funding") or rec.missing_required) and (
            funders := find_funder_groups(sheet, rec, recogniser, ctx)):
        by_funder = normalise_funder_groups(sheet, funders, ctx)  # "CPP award (€) | CPP decision | IT …" on its row
        projects = projects_beside(sheet, rec, funders.taken, ctx)  # a list of projects with their funding
        return ([_sheet_result(projects[0], mapping_file, recogniser, ctx, projects[1]), by_funder] if projects
                else [by_funder])
    return _read_whole(sheet, mapping_file, recogniser, ctx, rec, rule)


def _read_whole(sheet, mapping_file: MappingFile, recogniser: Recogniser, ctx: Context, rec, rule) -> list[SheetResult]:
    """The results of a sheet read as one table, with the records of other tables it keeps on or under its rows."""
    read_as = partial(_sheet_result, mapping_file=mapping_file, recogniser=recogniser, ctx=ctx)
    if rule is None and (plan := find_month_plan(sheet, recogniser)) and (  # "Seed 2,6 M€" in June 2020's column
            planned := month_plan_results(sheet, plan, recogniser, ctx, lambda part, r: read_as(part, rec=r))):
        return planned
    if rule is None and (rec is None or rec.missing_required) and (matrix := find_kind_matrix(sheet, recogniser)):
        return [kind_matrix_result(sheet, matrix, ctx)]  # "Start-up | Seed | Série A" with "1,2 M€ (06/2022)"
    if rule is None and (outline := find_outline(sheet, rec, recogniser, ctx)  # rounds under projects, attendees
                         or find_sub_header_outline(sheet, rec, recogniser)) is not None:  # under their event
        return outline_results(sheet, outline, rec, ctx, lambda part: _sheet_result(part, mapping_file, recogniser, ctx, rec))
    result = _sheet_result(sheet, mapping_file, recogniser, ctx, rec)
    if rule is not None or rec is None or result.table != rec.table:
        return [result]
    # a start-up kept on its project's row under a "START-UP" title: a table of its own beside the children
    return [*_with_children(sheet, rec, result, mapping_file, recogniser, ctx),
            *record_group_results(sheet, rec, recogniser, ctx)]


def _with_children(sheet, rec, result: SheetResult, mapping_file: MappingFile, recogniser: Recogniser,
                   ctx: Context) -> list[SheetResult]:
    """A sheet's result, with the rows of another table kept on its rows (a start-up's rounds, a campaign's members)."""
    if (subitems := find_subitems(sheet, rec, recogniser)) is not None:  # a board's subitems under each item
        return [without_subitems(result, sheet, subitems), normalise_subitems(sheet, subitems, ctx, rec.header_index)]
    if (groups := find_column_groups(sheet, rec, recogniser)) is not None:  # "Levée n°1 | Levée n°2" on its row
        if groups.table == rec.table and (parent := parent_beside(sheet, rec, groups, recogniser)) is not None:
            groups = find_column_groups(sheet, parent, recogniser) or groups  # keyed by the parent's own id
            return [_sheet_result(sheet, mapping_file, recogniser, ctx, parent), normalise_groups(sheet, groups, ctx)]
        if groups.table == rec.table:  # a sheet of rounds kept so: each group, not only the first
            return [normalise_groups(sheet, groups, ctx)]
        return [without_sub_headers(result, sheet, groups), normalise_groups(sheet, groups, ctx)]
    if (lists := find_lookup_lists(sheet, rec, recogniser)) is not None:  # "Round date (from Funding rounds)"
        return [result, normalise_lookup_lists(sheet, rec, lists, ctx)]
    if (listed := listed_in_cells(sheet, rec, result, recogniser, ctx)) is not None:
        return listed  # "Amorçage 03/2020 : 1,2 M€ ; …", "COLONNA Julien <julien.colonna@…>; …"
    carried = (children_under_parents(sheet, rec) or with_marked_kinds(sheet, rec, recogniser.codebook, ctx.words)
               or sheet)  # a company's rounds on the lines under it ("    Pré-amorçage": their type)
    if (other := other_recognition(carried, rec, recogniser)) is not None:  # a CRM's campaigns with members
        return [result, _sheet_result(carried, mapping_file, recogniser, ctx, other)]
    return [result]


def _joined_results(sheet, upper, lower, mapping_file: MappingFile, recogniser: Recogniser,
                    ctx: Context) -> list[SheetResult]:
    """The results of a sheet whose table is kept in two parts joined by their reference (:mod:`.joined_tables`):
    the upper part read with the lower part's columns, the lower part's rows listed as read into it."""
    start = lower.first_row - sheet.first_row
    upper = replace(upper, sheet=rows_label(sheet, 0, start))
    lower = replace(lower, sheet=rows_label(sheet, start, len(sheet.rows)))
    reason = "read into the rows of the same reference in the table above"
    return [*_sheet_results(upper, mapping_file, recogniser, ctx), _unused(lower, reason, reason)]


def _section_results(section: Section, whole, mapping_file: MappingFile, recogniser: Recogniser,
                     ctx: Context, summary: tuple[str, ...] = ()) -> list[SheetResult]:
    """The results of one section of a sectioned file: read as a sheet of its own, or listed as not data."""
    part = section.sheet(whole, summary)
    if section.not_data:
        return [_unused(part, section.not_data, section.not_data)]
    return _sheet_results(part, mapping_file, recogniser, ctx)


def _link(blocks: list[Block], quarantined: list[Problem], legal_forms: frozenset[str] = frozenset(),
          day_of=None) -> tuple[dict[str, int], list[Problem]]:
    """:func:`.linking.link_to_parents` on the records it may change: every record of a parent table (their ids and
    labels), and the records of a child table that come with their sheet's context or whose parent id is not
    one of the parents' (the others it leaves alone); what it changes is written back to the blocks."""
    parents = {t.parent.table: t.parent for t in TABLES.values() if t.parent is not None}
    children = {t.name: t.parent for t in TABLES.values() if t.parent is not None}
    ids: dict[str, set[str]] = {}
    for b in blocks:
        if b.table in parents:
            ids.setdefault(b.table, set()).update(str(v) for v in b.column(parents[b.table].key) if v is not None)
    records: list[Record] = []
    written: list[tuple[Block, int, Record, object]] = []
    for b in blocks:
        if b.table in parents:
            parent = parents[b.table]
            names = (parent.key, *parent.labels, *((parent.date,) if parent.date else ()))
            if ALIASES in b.columns:  # "S19-03 ; S19-04": the sessions an event's attendance is kept under
                names += (ALIASES,)
            columns = [b.column(name) for name in names]
            records.extend(Record(b.table, dict(zip(names, values, strict=False)), b.file, b.sheet, row)
                           for row, *values in zip(b.rows, *columns, strict=False))
        if b.table in children:
            parent = children[b.table]
            known = ids.get(parent.table, set())
            values = b.column(parent.key)
            context = b.columns.get(CONTEXT)
            for i, value in enumerate(values):
                if context is None and (value is None or str(value) in known):
                    continue
                record = Record(b.table, {parent.key: value} if context is None else
                                {parent.key: value, CONTEXT: context[i]}, b.file, b.sheet, b.rows[i])
                records.append(record)
                written.append((b, i, record, value))
    links, problems = link_to_parents(records, quarantined, legal_forms, day_of)
    for b, i, record, value in written:
        key = children[b.table].key
        if record.values[key] is not value:  # linked
            b.columns[key][i] = record.values[key]
        if record.status != "accepted":
            b.set_status(i, record.status)
    for b in blocks:
        b.columns.pop(CONTEXT, None)
        b.columns.pop(ALIASES, None)
    return links, problems








__all__ = ["IngestResult", "ingest", "input_fingerprint", "RAW_TABLES"]
