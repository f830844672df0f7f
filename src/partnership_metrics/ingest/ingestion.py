"""Ingestion: raw spreadsheets -> validated tidy tables, with the ingestion report and the quarantine.

``ingest(raw_dir)`` reads every file, recognises each sheet, normalises its rows, merges or quarantines duplicated
ids, links attendance and rounds given by name, checks that every sheet reconciles
(``rows_read = accepted + quarantined + dropped``) and returns the tables as DataFrames with everything needed to
write the outputs. It writes nothing: :mod:`partnership_metrics.storage` does. What it knows of how people write
things comes in one :class:`~.vocabulary.Vocabulary`, and the pseudonymisation key in one
:class:`~.pseudonymise.Pseudonymiser`, both made at the start of the run.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from .. import __version__, paths
from ..errors import FatalInputError, ReconciliationError
from ..indicators import indicators, kpi_units
from ..partnership import Partnership, find_partnership
from ..schemas import PROVENANCE, RAW_TABLES, TABLES
from ..storage import CUSTOM_KPIS
from ..textnorm import tokens
from .codebook import make_codebook
from .date_order import with_date_order
from .institutions import add_alias_hint, institutions_rows, make_resolver
from .keyvalue import find_key_value, normalise_key_value
from .linking import CONTEXT, link_to_parents, with_context_column
from .mapping_file import MappingFile, load_mapping
from .normalising import Context, Dropped, Problem, Record, SheetResult, Skipped, normalise_sheet
from .parsers import ValueParsers
from .pseudonymise import Pseudonymiser, key_fingerprint, resolve_key
from .reading import RawSheet, ReadLimits, list_raw_files, read_file
from .recognition import HEADER_SCAN_ROWS, SAMPLE_ROWS, Recogniser
from .report import LOW_CONFIDENCE
from .suggest import complete_by_guess, guess_columns, mapping_entry
from .summaries import summary_reason
from .targets import unmatched_names
from .unpivot import find_wide, normalise_wide, wide_from_rule
from .vocabulary import INSTITUTION_ALIASES, KPI_SYNONYMS, Vocabulary, load_vocabulary, packaged_files, user_files


@dataclass
class RawFile:
    path: str  # relative to the raw folder
    sha256: str
    bytes: int


@dataclass
class IngestResult:
    arrows: dict  # table name -> Arrow table, as written to Parquet (only tables found, plus institutions)
    tables: dict  # table name -> DataFrame (the same, in memory)
    sheets: list[SheetResult]
    files: list[RawFile]
    ignored: list[str]
    problems: list[Problem]
    cell_problems: list[Problem]  # optional cells emptied (their rows accepted)
    dropped: list[Dropped]
    unknown_institutions: dict[str, int]
    mapped_to_other: dict[tuple[str, str, str], int]
    abbreviations: dict[tuple[str, str, str], tuple[str, int]]
    duplicates: dict[str, dict[str, int]]
    links: dict[str, int]
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    alias_hint: str = ""  # what to do about institutions counted as OTHER (names the run's reference folder)
    institutions_by_spelling: dict[str, str] = field(default_factory=dict)  # name with a typo -> code read


def raw_files(raw_dir: Path) -> tuple[list[Path], list[Path]]:
    """(files to read, files ignored) of a raw folder; the bundled sample (data/raw/sample/) is left out of an
    ingest of data/raw/ itself, so that demo data never mixes with the partners' files."""
    files, ignored = list_raw_files(raw_dir)
    if Path(raw_dir).resolve() == paths.RAW_DIR.resolve():
        sample = paths.SAMPLE_RAW_DIR.resolve()
        ignored += [p for p in files if p.resolve().is_relative_to(sample)]
        files = [p for p in files if not p.resolve().is_relative_to(sample)]
    return files, ignored


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _kpi_ids(synonyms) -> dict[tuple[str, ...], str]:
    """Folded KPI id, label, alias or user synonym (``kpi_synonyms.yaml``) -> KPI id, for long targets tables."""
    out = {}
    for kpi in indicators():
        for text in (kpi.id, kpi.id.replace("_", " "), *kpi.label.values(), *kpi.aliases, *synonyms.get(kpi.id, ())):
            out.setdefault(tokens(text), kpi.id)
    return out


def _named(sheet: RawSheet, file: str, mask_name) -> RawSheet:
    """``sheet`` with its file and sheet names as the outputs show them (a person in them pseudonymised)."""
    name = mask_name(sheet.sheet) if sheet.sheet else sheet.sheet
    return sheet if (file, name) == (sheet.file, sheet.sheet) else replace(sheet, file=file, sheet=name)


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
) -> IngestResult:
    """Read, recognise, normalise and validate everything in ``raw_dir``; raise FatalInputError on a fatal problem.

    ``vocabulary`` and ``pseudonymiser`` are made at the start of a run (:func:`.vocabulary.load_vocabulary`,
    :func:`.pseudonymise.resolve_key`); when not given, they are made here: the vocabulary from the reference
    folder (``reference``, default :func:`partnership_metrics.paths.reference_dir_for`) and the mapping file
    (``mapping``, default ``mapping.yaml`` in ``raw_dir``), the pseudonymiser from the resolved key.
    ``partnership`` (the run's, default: the one found in the vocabulary's reference folder, else the packaged one)
    says which years of a targets grid are its baseline.
    """
    started = time.perf_counter()
    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        problem = "is a file, not a folder" if raw_dir.exists() else "no such folder"
        raise FatalInputError(str(raw_dir), problem, "give the folder of raw spreadsheets with --raw")
    if vocabulary is None:
        reference_dir = paths.reference_dir_for(raw_dir, reference)
        partnership = partnership or find_partnership(None, reference_dir)
        vocabulary = load_vocabulary(reference_dir, load_mapping(mapping, raw_dir), partnership)
    if pseudonymiser is None:
        pseudonymiser = Pseudonymiser(resolve_key(), vocabulary.words.person_titles)
    if partnership is None:
        partnership = find_partnership(None, vocabulary.reference_dir)
    files, ignored = raw_files(raw_dir)
    # a person named in a file or sheet name ("Suivi Dr Marie Curie.xlsx") is pseudonymised there too, from the start
    mask_name = partial(pseudonymiser.mask, where="file and sheet names")
    mapping_file: MappingFile = vocabulary.mapping.with_names_masked(mask_name)
    resolver = make_resolver(vocabulary)
    recogniser = Recogniser(vocabulary, partnership)
    parsers = ValueParsers(vocabulary.words)
    parsers.whole_period = partnership.period
    ctx = Context(resolver, make_codebook(vocabulary), _kpi_ids(vocabulary.kpi_synonyms),
                  parsers, pseudonymiser, vocabulary.words, recogniser.target_grids.names)
    alias_hint = add_alias_hint(vocabulary.user_file(INSTITUTION_ALIASES))
    sheets: list[SheetResult] = []
    file_records: list[RawFile] = []
    warnings: list[str] = []
    for n, path in enumerate(files, start=1):
        rel = mask_name(path.relative_to(raw_dir).as_posix())
        if progress:
            progress(rel, n, len(files))
        file_records.append(RawFile(rel, sha256_file(path), path.stat().st_size))
        read = [_named(sheet, rel, mask_name) for sheet in read_file(path, raw_dir, limits)]
        for sheet in with_date_order(read, vocabulary.words):
            for result in _sheet_results(sheet, mapping_file, recogniser, ctx):
                result.reading_notes = list(sheet.notes)
                sheets.append(result)
    if not files:
        raise FatalInputError(str(raw_dir), "holds no spreadsheet (.xlsx, .xls, .ods, .csv)",
                              "put the partners' files there or give another folder with --raw "
                              "(the bundled sample is data/raw/sample/: try 'partnership-metrics demo')")
    records = [r for s in sheets for r in s.records]
    links, unlinked = link_to_parents(records, [p for s in sheets for p in s.problems])
    duplicates = _resolve_duplicates(records)
    for s in sheets:
        counts = s.counts()
        if counts["rows_read"] != counts["rows_accepted"] + counts["rows_quarantined"] + counts["rows_dropped"]:
            raise ReconciliationError(f"{s.file} [{s.sheet}]: rows do not reconcile: {counts}")
    problems = [p for s in sheets for p in s.problems] + unlinked + _duplicate_problems(records)
    dropped = [d for s in sheets for d in s.dropped] + [
        Dropped(r.file, r.sheet, r.row, r.values.pop("__reason__")) for r in records if r.status == "dropped"
    ]
    from ..tables import arrow_table, to_frame
    from .assemble import build_tables

    recognised: dict[str, set[str]] = {}  # table -> the columns its raw sheets had
    for s in sheets:
        if s.table:
            recognised.setdefault(s.table, set()).update(s.columns.values())
    arrows, tables = build_tables([r for r in records if r.status == "accepted"], recognised, kpi_units())
    arrows["institutions"] = arrow_table("institutions", institutions_rows(resolver))
    tables["institutions"] = to_frame("institutions", arrows["institutions"])
    if resolver.unknown:
        warnings.append(f"{len(resolver.unknown)} institution name(s) not recognised, counted as OTHER: "
                        f"{alias_hint}")
    if unknown_kpis := unmatched_names(problems):
        warnings.append(f"{len(unknown_kpis)} indicator name(s) of a targets grid match no KPI (quarantined): "
                        f"{'; '.join(unknown_kpis)}: name them in {vocabulary.user_file(KPI_SYNONYMS)}")
    return IngestResult(
        arrows=arrows, tables=tables, sheets=sheets, files=file_records,
        ignored=[p.relative_to(raw_dir).as_posix() for p in ignored],
        problems=problems, cell_problems=[p for s in sheets for p in s.cell_problems], dropped=dropped, unknown_institutions=dict(sorted(resolver.unknown.items())),
        mapped_to_other=dict(ctx.codebook.mapped_to_other),
        abbreviations=dict(ctx.codebook.abbreviations), duplicates=duplicates, links=links,
        warnings=warnings, seconds=time.perf_counter() - started, alias_hint=alias_hint,
        institutions_by_spelling=dict(sorted(resolver.similar.items())),
    )


def _sheet_result(sheet, mapping_file: MappingFile, recogniser: Recogniser, ctx: Context, rec=None) -> SheetResult:
    rule = mapping_file.rule_for(sheet.file, sheet.sheet)
    if rule is not None and rule.skip:
        non_empty = _non_empty_rows(sheet)
        return SheetResult(sheet.file, sheet.sheet, None, non_empty, hidden=sheet.hidden,
                           dropped=[Dropped(sheet.file, sheet.sheet, 0, "skipped by the mapping file", rows=non_empty)],
                           note="skipped by the mapping file")
    if sheet.kind != "worksheet" or not sheet.rows:
        why = {"chartsheet": "chart sheet"}.get(sheet.kind, "empty" if not sheet.rows else sheet.kind)
        return SheetResult(sheet.file, sheet.sheet, None, 0, hidden=sheet.hidden, note=f"no table ({why})")
    if rule is not None and rule.unpivot and sheet.kind == "worksheet" and sheet.rows:
        return normalise_wide(sheet, wide_from_rule(rule, sheet, recogniser, ctx), ctx, recogniser)
    if rule is None and (summary := summary_reason(sheet, ctx.words)):
        non_empty = _non_empty_rows(sheet)
        result = SheetResult(sheet.file, sheet.sheet, None, non_empty, hidden=sheet.hidden,
                             note=f"summary sheet, not data: {summary}", summary=True)
        if non_empty:
            result.dropped.append(Dropped(sheet.file, sheet.sheet, 0, f"summary sheet: {summary}", rows=non_empty))
        return result
    if rec is None:
        rec = rule.recognition(sheet, recogniser) if rule is not None else recogniser.recognise(sheet)
    if rec is None and rule is None and (wide := find_wide(sheet, recogniser, ctx)):
        return normalise_wide(sheet, wide, ctx, recogniser)
    if rec is None and rule is None and (log := find_key_value(sheet, recogniser)):
        return normalise_key_value(sheet, log, ctx)
    if rec is None:
        non_empty = _non_empty_rows(sheet)
        note = "holds no known table" + (" (hidden sheet, e.g. dropdown lists)" if sheet.hidden else "")
        result = SheetResult(sheet.file, sheet.sheet, None, non_empty, hidden=sheet.hidden, note=note)
        if non_empty:
            result.dropped.append(Dropped(sheet.file, sheet.sheet, 0, f"{note}: rows not used", rows=non_empty))
        return result
    if rec.missing_required:
        wide = find_wide(sheet, recogniser, ctx, table=rec.table) if rule is None else None
        if wide:
            return normalise_wide(sheet, wide, ctx, recogniser)
        filled = complete_by_guess(recogniser, sheet, rec) if rule is None else None
        if filled is None:
            return _skipped(sheet, rec, recogniser)
        rec = filled
    if rec.context_key:  # "EV2103.csv": the rows' event is the file's
        sheet, rec, texts = with_context_column(sheet, rec)
        result = normalise_sheet(sheet, rec, ctx)
        for record in result.records:
            record.values[CONTEXT] = texts
        result.note = f"{rec.context_key} taken from the file or sheet name, or a title row"
    else:
        result = normalise_sheet(sheet, rec, ctx)
    if rec.guessed:
        result.guessed = dict(rec.guessed)
    if rule is None and rec.grid is None and result.confidence is not None and result.confidence < LOW_CONFIDENCE:
        result.suggestion = mapping_entry(sheet, rec, guess_columns(recogniser, sheet, rec),
                                          why=f"read as {rec.table} with low confidence ({result.confidence:.0%})")
    return result


def _skipped(sheet, rec, recogniser: Recogniser) -> SheetResult:
    """A sheet that looks like a table but lacks required columns: not read, reported with what to add."""
    guesses = {g.column: g for g in guess_columns(recogniser, sheet, rec)}
    closest = {c: ([(guesses[c].header, guesses[c].confidence)] if guesses[c].header else []) + guesses[c].alternatives
               for c in rec.missing_required}
    skipped = Skipped(rec.table, sheet.first_row + rec.header_index, list(rec.missing_required), closest,
                      mapping_entry(sheet, rec, list(guesses.values()),
                                    why=f"not read: lacks {', '.join(rec.missing_required)}"))
    non_empty = _non_empty_rows(sheet)
    result = SheetResult(sheet.file, sheet.sheet, None, non_empty, hidden=sheet.hidden, skipped=skipped,
                         note=f"not read: {skipped.problem()}", suggestion=skipped.suggestion)
    if non_empty:
        result.dropped.append(Dropped(sheet.file, sheet.sheet, 0, f"sheet not read: {skipped.problem()}",
                                      rows=non_empty))
    return result


def _non_empty_rows(sheet) -> int:
    return sum(1 for row in sheet.rows if any(c is not None and str(c).strip() for c in row))


def _sheet_results(sheet, mapping_file: MappingFile, recogniser: Recogniser, ctx: Context) -> list[SheetResult]:
    """The results of one sheet: usually one table, but tables kept side by side (separated by an empty column)
    are read apart, each under the sheet's name and its columns."""
    rule = mapping_file.rule_for(sheet.file, sheet.sheet)
    rec = None
    if rule is None and sheet.kind == "worksheet" and sheet.rows and not summary_reason(sheet, ctx.words):
        rec = recogniser.recognise(sheet)
        if rec is not None and rec.grid is None and (below := _stacked(sheet, rec, recogniser)) is not None:
            top = replace(sheet, rows=sheet.rows[:below], sheet=_rows_label(sheet, 0, below))
            rest = replace(sheet, rows=sheet.rows[below:], first_row=sheet.first_row + below,
                           sheet=_rows_label(sheet, below, len(sheet.rows)))
            return [*_sheet_results(top, mapping_file, recogniser, ctx),
                    *_sheet_results(rest, mapping_file, recogniser, ctx)]
        if rec is not None and rec.unknown:
            blocks = _side_by_side(sheet, rec.header_index, recogniser)
            if len(blocks) > 1:
                first = blocks[0]
                blocks[0] = first | (set(range(len(sheet.rows[rec.header_index]))) - set().union(*blocks))
                return [_sheet_result(_only_columns(sheet, b), mapping_file, recogniser, ctx) for b in blocks]
    return [_sheet_result(sheet, mapping_file, recogniser, ctx, rec)]


def _stacked(sheet, rec, recogniser: Recogniser) -> int | None:
    """The index of the header row of another table stacked below the first one ("Levées de fonds" under the
    start-ups, after a blank or caption row), or None."""
    rows = sheet.rows
    for index in range(rec.header_index + 2, len(rows)):
        before = sum(1 for c in rows[index - 1] if c is not None and str(c).strip())
        row = [c for c in rows[index] if c is not None and str(c).strip()]
        if before > 1 or len(row) < 2 or not all(isinstance(c, str) for c in row):
            continue
        head = replace(sheet, rows=rows[index : index + 1 + SAMPLE_ROWS], first_row=sheet.first_row + index)
        found = recogniser.recognise(head)
        if (found is not None and found.header_index == 0 and found.table != rec.table and found.grid is None
                and not found.missing_required and found.score > 0):
            return index
    return None


def _rows_label(sheet, start: int, end: int) -> str:
    """A part of a sheet named after its rows: ``Start-up 2020 (rows 10-16)``."""
    span = f"rows {sheet.first_row + start}-{sheet.first_row + end - 1}"
    return f"{sheet.sheet} ({span})" if sheet.sheet else f"({span})"


def _side_by_side(sheet, header_index: int, recogniser: Recogniser) -> list[set[int]]:
    """Column sets of the tables found side by side on the header row (runs of headers between empty cells),
    when at least two of the runs are tables of their own; else one or no set."""
    header = sheet.rows[header_index]
    runs, run = [], []
    for i, value in enumerate(header):
        if isinstance(value, str) and value.strip():
            run.append(i)
        elif run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    if sum(1 for r in runs if len(r) >= 2) < 2:
        return []
    head = replace(sheet, rows=sheet.rows[:HEADER_SCAN_ROWS])  # recognition looks no further down
    tables = []
    for run in runs:
        if len(run) >= 2:
            found = recogniser.recognise(_only_columns(head, set(run), named=False))
            if found is not None and found.score and not found.missing_required:
                tables.append(set(run))
    return tables


def _only_columns(sheet, columns: set[int], named: bool = True):
    """A copy of ``sheet`` with only ``columns`` (the others emptied), named after them."""
    rows = [[v if i in columns else None for i, v in enumerate(row)] for row in sheet.rows]
    if not named:
        return replace(sheet, rows=rows)
    span = f"columns {_letters(min(columns))}-{_letters(max(columns))}"
    return replace(sheet, rows=rows, sheet=f"{sheet.sheet} ({span})" if sheet.sheet else f"({span})")


def _letters(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _where(record: Record) -> str:
    """``file [sheet]`` of a record, as its provenance shows it (e-mails in names already pseudonymised)."""
    file, sheet = record.values.get("source_file") or record.file, record.values.get("source_sheet")
    return file + (f" [{sheet}]" if sheet else "")


def _content(values: dict) -> tuple:
    """What two rows must share to be exact duplicates: every value but where they were read."""
    return tuple(sorted((k, str(v)) for k, v in values.items() if not k.startswith("__") and k not in PROVENANCE))


def _resolve_duplicates(records: list[Record]) -> dict[str, dict[str, int]]:
    """Exact duplicates (same key, same values) are merged; conflicting ones are all quarantined."""
    groups: dict[tuple, list[Record]] = {}
    for r in records:
        if r.status != "accepted":  # already quarantined (its parent could not be told)
            continue
        key = TABLES[r.table].key
        groups.setdefault((r.table,) + tuple(str(r.values.get(k)) for k in key), []).append(r)
    stats: dict[str, dict[str, int]] = {}
    for (table, *key), group in groups.items():
        if len(group) < 2:
            continue
        s = stats.setdefault(table, {"merged": 0, "conflicting": 0})
        first = group[0]
        if all(_content(r.values) == _content(first.values) for r in group[1:]):
            for r in group[1:]:
                r.status = "dropped"
                r.values["__reason__"] = f"exact duplicate of {_where(first)} row {first.row} (merged)"
                s["merged"] += 1
            first.values["duplicate_sources"] = "; ".join(f"{_where(r)} row {r.row}" for r in group[1:])
        else:
            where = "; ".join(f"{_where(r)} row {r.row}" for r in group)
            for r in group:
                r.status = "quarantined"
                r.values["__reason__"] = f"conflicting duplicate of {', '.join(TABLES[table].key)}: {where}"
                s["conflicting"] += 1
    return stats


def _duplicate_problems(records: list[Record]) -> list[Problem]:
    out = []
    for r in records:
        if r.status == "quarantined" and "__reason__" in r.values:
            key = TABLES[r.table].key
            shown = " / ".join(str(r.values.get(k)) for k in key)
            out.append(Problem(r.file, r.sheet, r.row, r.table, ",".join(key), shown, r.values.pop("__reason__"),
                               key=shown))
    return out


def partnership_file(config: Path | None, reference_dir: Path | None) -> Path:
    """The partnership file of a run, as :func:`partnership_metrics.partnership.find_partnership` chooses it:
    ``config``, else ``partnership.yaml`` in the reference folder, else the packaged one (found without reading it,
    so that an unchanged re-run stays fast)."""
    from ..partnership import FILE_NAME, PACKAGED_FILE

    if config is not None:
        if not Path(config).is_file():
            raise FatalInputError(str(config), "no such file", "give the partnership file with --config")
        return Path(config)
    if reference_dir is not None and (Path(reference_dir) / FILE_NAME).is_file():
        return Path(reference_dir) / FILE_NAME
    return PACKAGED_FILE


def input_fingerprint(raw_dir: Path, mapping: Path | None = None, *, reference_dir: Path | None = None,
                      key: bytes | None = None, partnership: Path | None = None) -> dict:
    """What an unchanged re-run compares: the raw files' sha256, the packaged vocabularies, the user's vocabulary
    files read from the reference folder, the mapping file, the partnership file, the package version and the key's
    fingerprint. Defaults: the reference folder of ``raw_dir``, the resolved key, the partnership file found there."""
    raw_dir = Path(raw_dir)
    reference_dir = paths.reference_dir_for(raw_dir) if reference_dir is None else Path(reference_dir)
    key = resolve_key() if key is None else key
    partnership = partnership_file(None, reference_dir) if partnership is None else Path(partnership)
    files, _ = raw_files(raw_dir) if raw_dir.is_dir() else ([], [])
    config = {p.name: sha256_file(p) for p in packaged_files()}
    config.update({f"reference/{p.name}": sha256_file(p) for p in user_files(reference_dir)})
    mapping_path = Path(mapping) if mapping else raw_dir / "mapping.yaml"
    if mapping_path.is_file():
        config["mapping"] = sha256_file(mapping_path)
    config["partnership"] = sha256_file(partnership)
    if (reference_dir / CUSTOM_KPIS).is_file():
        config["custom_kpis"] = sha256_file(reference_dir / CUSTOM_KPIS)
    return {
        "version": __version__,
        "key": key_fingerprint(key),
        # names as the outputs show them: a person named in a file name is pseudonymised in the manifest too
        "files": {Pseudonymiser(key).mask(p.relative_to(raw_dir).as_posix()): sha256_file(p) for p in files},
        "config": config,
    }


__all__ = ["IngestResult", "ingest", "input_fingerprint", "RAW_TABLES"]
