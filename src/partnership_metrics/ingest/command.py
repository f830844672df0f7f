"""``partnership-metrics ingest``: run the ingestion, write the outputs, print a readable summary.

The start of a run: the reference folder, the pseudonymisation key and the partnership file are resolved once,
here, then passed on. An unchanged re-run (same raw files, vocabularies, mapping, partnership file, key and package
version as the manifest says) reuses the tables without reading the vocabularies or importing pandas, so it returns
at once.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table

from .. import paths
from ..display import sheet_label, shown
from ..errors import EXIT_DONE, EXIT_FAILED, EXIT_PARTIAL, FatalInputError
from ..storage import (
    CUSTOM_KPIS,
    MANIFEST,
    PROCESSED_KIND,
    REPORT,
    check_replaceable,
    output_lock,
    outputs_intact,
    read_manifest,
    recover_interrupted,
    remove_leftovers,
)
from .reading import ReadLimits


def run_ingest(raw: Path, out_dir: Path, *, strict: bool, force: bool, mapping: Path | None,
               console: Console, out: Console, max_file_mb: int = 200, max_text_mb: int = 256,
               reference: Path | None = None, config: Path | None = None,
               limits: ReadLimits | None = None, without: frozenset[str] = frozenset()) -> int:
    """Ingest ``raw`` into ``out_dir``; the exit code (0, 3 when some sheets were not read or a data table was found
    in none but those ``without`` names, 1 with --strict and problems).

    ``reference``: the reference folder (default :func:`partnership_metrics.paths.reference_dir_for`);
    ``config``: the partnership file (default: ``partnership.yaml`` in the reference folder, else the packaged one),
    copied beside the tables; ``limits``: what may be read (default: ``ReadLimits`` with ``max_file_mb`` and
    ``max_text_mb``). Checked before anything is read: ``out_dir`` is a folder of tidy tables (or new, or empty),
    no other run writes it (a lock), and no raw file is over the size limits."""
    raw, out_dir = Path(raw), Path(out_dir)
    _check_folders(raw, out_dir)
    if limits is None:
        limits = ReadLimits(max_file_bytes=max_file_mb * 1024 * 1024, max_text_bytes=max_text_mb * 1024 * 1024)
    with output_lock(out_dir):
        recover_interrupted(out_dir)
        check_replaceable(out_dir, PROCESSED_KIND)
        return _run(raw, out_dir, strict=strict, force=force, mapping=mapping, console=console, out=out,
                    limits=limits, reference=reference, config=config, without=without)


def _run(raw: Path, out_dir: Path, *, strict: bool, force: bool, mapping: Path | None, console: Console,
         out: Console, limits: ReadLimits, reference: Path | None, config: Path | None,
         without: frozenset[str]) -> int:
    from .fingerprint import input_fingerprint, partnership_file, raw_files
    from .pseudonymise import resolve_key
    from .reading import check_sizes

    reference_dir = paths.reference_dir_for(raw, reference)
    if reference is not None and not reference_dir.is_dir():
        raise FatalInputError(str(reference_dir), "no such folder",
                              "give the folder of reviewed files (aliases, synonyms) with --reference")
    key = resolve_key(warn=lambda line: console.print(f"[bold yellow]warning:[/] {shown(line)}"))
    partnership = partnership_file(config, reference_dir)
    if raw.is_dir():
        check_sizes(raw_files(raw)[0], raw, limits)  # before any file is hashed
    fingerprint = input_fingerprint(raw, mapping, reference_dir=reference_dir, key=key, partnership=partnership)
    previous = read_manifest(out_dir)
    _warn_if_key_changed(previous, fingerprint, console)
    if (not force and previous and previous.get("fingerprint") == fingerprint and fingerprint["files"]
            and outputs_intact(out_dir, previous)):
        remove_leftovers(out_dir)  # what a killed run left (the lock is held)
        report = json.loads((out_dir / REPORT).read_text(encoding="utf-8"))
        out.print(f"No raw file changed since the last ingest ({len(fingerprint['files'])} files): "
                  f"reused the tables in {shown(out_dir)} (use --force to rebuild).")
        _print_tables(report, out)
        _print_skipped(report, out)
        _print_missing(report, out, without)
        _print_unusual(report, out)
        _keep_history(out_dir, raw, console)
        return exit_code(report, strict, console, without)

    _numpy_without_blas_threads()
    from ..partnership import find_partnership
    from ..storage import build_manifest, write_processed
    from .ingestion import ingest
    from .mapping_file import load_mapping
    from .pseudonymise import Pseudonymiser
    from .reading import unusual_entries
    from .report import build_report
    from .vocabulary import load_vocabulary

    facts = find_partnership(config, reference_dir)  # checked before any work: a mistake in it is one line
    vocabulary = load_vocabulary(reference_dir, load_mapping(mapping, raw), facts)
    pseudonymiser = Pseudonymiser(key, vocabulary.words.person_titles)
    with console.status("Reading raw files...") as status:
        def progress(name: str, n: int, total: int) -> None:
            status.update(f"Reading {shown(name)} ({n}/{total})")

        result = ingest(raw, vocabulary=vocabulary, pseudonymiser=pseudonymiser, partnership=facts,
                        progress=progress, limits=limits)
        status.update("Writing tidy tables...")
        report = build_report(result)
        report["unusual_files"] = {pseudonymiser.mask(name): why for name, why in
                                   unusual_entries([raw / name for name in result.ignored], raw).items()}
        # e-mails and names found outside the person columns (distinct values, per column): pseudonymised
        report["personal_data_masked"] = dict(sorted(pseudonymiser.masked.items()))
        custom = reference_dir / CUSTOM_KPIS
        write_processed(result, out_dir, manifest=build_manifest(result, raw, fingerprint), report=report,
                        partnership=partnership, custom_kpis=custom if custom.is_file() else None)
    _print_summary(report, out_dir, out, without)
    _keep_history(out_dir, raw, console)
    return exit_code(report, strict, console, without)


def _numpy_without_blas_threads() -> None:
    """Import numpy (pyarrow loads it) with OpenBLAS on one thread: ingestion does no linear algebra, and the
    threads OpenBLAS starts on loading cost ~0.1 s of CPU. Only when numpy is not loaded yet and the user has not
    chosen; the environment is left as it was (child processes and later imports see no change)."""
    if "numpy" in sys.modules or "OPENBLAS_NUM_THREADS" in os.environ:
        return
    os.environ["OPENBLAS_NUM_THREADS"] = "1"
    try:
        import numpy  # noqa: F401
    except ImportError:
        pass
    finally:
        del os.environ["OPENBLAS_NUM_THREADS"]


def _keep_history(out_dir: Path, raw: Path, console: Console) -> None:
    """Keep this run's outputs in the history beside ``out_dir`` (see :mod:`.history`); a history that cannot be
    written is a warning, never a failed ingest."""
    from .history import history_dir, record

    folder = history_dir(out_dir).resolve()
    if folder == raw.resolve() or folder.is_relative_to(raw.resolve()):
        return
    try:
        record(out_dir)
    except OSError as exc:
        console.print(f"[yellow]history not kept in {shown(str(folder))}: {shown(exc.strerror or str(exc))}[/] "
                      "(`partnership-metrics changes` compares with the runs kept there)")



def _warn_if_key_changed(previous: dict | None, fingerprint: dict, console: Console) -> None:
    """The manifest records the key's fingerprint (never the key): a new key makes new pseudonyms, so the people of
    these tables no longer match those of the previous ones."""
    before = ((previous or {}).get("fingerprint") or {}).get("key")
    if before and before != fingerprint["key"]:
        console.print(f"[bold yellow]warning:[/] the pseudonymisation key changed since the last ingest (fingerprint "
                      f"{shown(before)} -> {shown(fingerprint['key'])}): every person gets a new pseudonym, so "
                      "people no longer match those of earlier tables. If that is not intended, use the previous key.")


def exit_code(report: dict, strict: bool, console: Console, without: frozenset[str] = frozenset()) -> int:
    """0 when every sheet was read (quarantined rows and emptied cells are warnings); 3 when some sheets were skipped
    or a data table the folder shows it holds was found in no sheet (see :func:`missing_tables`; the other tables are
    written), unless ``without`` names it; with ``--strict``, 1 for any of these, a quarantined row or an emptied
    cell."""
    totals = report["totals"]
    skipped = totals.get("sheets_skipped", 0)
    missing = len(missing_tables(report, without))
    if strict:
        faults = [(skipped, "sheet(s) not read"), (missing, "table(s) found in no sheet"),
                  (len(report.get("low_confidence_sheets") or []), "sheet(s) read with low confidence"),
                  (totals["rows_quarantined"], "row(s) quarantined"), (totals.get("cells_emptied", 0), "cell(s) emptied")]
        found = [f"{n} {what}" for n, what in faults if n]
        if found:
            console.print(f"[red]--strict: {', '.join(found)}[/]")
            return EXIT_FAILED
    return EXIT_PARTIAL if skipped or missing else EXIT_DONE


def missing_tables(report: dict, without: frozenset[str] = frozenset()) -> list[dict]:
    """The data tables no sheet was read as though the folder shows it holds them (a sheet that might be one, rows
    belonging to one), but those the user said the folder has none of. Reports written before this field existed
    have none."""
    return [m for m in report.get("missing_tables") or [] if m.get("partial") and m["table"] not in without]


def _check_folders(raw: Path, out_dir: Path) -> None:
    """The outputs must live apart from the raw files: never read back as input, never replacing them."""
    if raw.exists() and not raw.is_dir():
        raise FatalInputError(str(raw), "is a file, not a folder", "give the folder that holds the spreadsheets")
    if not raw.exists():
        raise FatalInputError(str(raw), "no such folder", "give the folder of raw spreadsheets with --raw")
    raw_abs, out_abs = raw.resolve(), out_dir.resolve()
    if out_abs == raw_abs or out_abs.is_relative_to(raw_abs):
        raise FatalInputError(str(out_dir), "is inside the raw folder (its files would be read back as input)",
                              "give an --out outside --raw, e.g. data/processed")
    if raw_abs.is_relative_to(out_abs):
        raise FatalInputError(str(out_dir), "holds the raw folder (it is replaced at each ingest)",
                              "give an --out that does not contain --raw, e.g. data/processed")


def _print_tables(report: dict, out: Console) -> None:
    table = Table(title="Tidy tables", title_justify="left")
    for name in ("table", "rows", "quarantined", "dropped", "sources"):
        table.add_column(name, justify="right" if name in ("rows", "quarantined", "dropped") else "left")
    for name, t in report["tables"].items():
        table.add_row(name, str(t["rows"]), str(t["rows_quarantined"]) if t["rows_quarantined"] else "",
                      str(t["rows_dropped"]) if t["rows_dropped"] else "", shown(_sources(t["sources"])))
    out.print(table)


def _sources(sources: list[str]) -> str:
    files = list(dict.fromkeys(s.split(" [")[0] for s in sources))
    if len(sources) == 1:
        return sources[0]
    return f"{len(sources)} sheets/files: {files[0]}" + (f" +{len(files) - 1} more" if len(files) > 1 else "")


def _print_skipped(report: dict, out: Console) -> None:
    """The sheets not read, each with what to do (the run is partial), then the sheets read with low confidence."""
    for s in report.get("low_confidence_sheets") or []:
        where = shown(sheet_label(s["file"], s["sheet"]))
        columns = shown(", ".join(f"{h!r} as {c}" for h, c in s["columns"].items()))
        out.print(f"[bold yellow]Read with low confidence ({s['confidence']:.0%}):[/] {where} as {s['table']}: "
                  f"{columns}. Check it; 'partnership-metrics inspect' drafts a mapping entry to confirm or correct it.")
    skipped = report.get("skipped_sheets") or []
    if not skipped:
        return
    out.print(f"[bold yellow]{len(skipped)} sheet(s) not read[/] (the other tables are written; the KPIs that need "
              "these tables say they are incomplete):")
    for s in skipped:
        where = shown(sheet_label(s["file"], s["sheet"]))
        out.print(f"  [yellow]{where}[/]: {shown(s['problem'])}")
        for column, found in s["closest_headers"].items():
            closest = ", ".join(f"{c['header']!r} ({c['similarity']:.0%})" for c in found) or "no header looks like it"
            out.print(f"    {shown(column)}: closest headers {shown(closest)}")
    out.print("  To read them, add their draft entries (in ingest_report.json, 'suggested_mapping', or from "
              "'partnership-metrics inspect') to mapping.yaml, check them, and run ingest again.")


def _print_missing(report: dict, out: Console, without: frozenset[str] = frozenset()) -> None:
    """The data tables no sheet was read as though the folder shows it holds them (the KPIs reading them have no
    value), with the sheets that might hold them; then the other tables not found."""
    missing = missing_tables(report, without)
    for m in missing:
        children = f"rows of {', '.join(m['children'])} belong to its rows; " if m["children"] else ""
        out.print(f"[bold yellow]No sheet was read as {m['table']}[/]: {children}the KPIs that read it have no value "
                  f"(the run is partial; if the partnership keeps no {m['table']}, say so with --without "
                  f"{m['table']}).{' It may be in:' if m['candidates'] else ''}")
        for c in m["candidates"]:
            columns = ", ".join(f"{header!r} as {column}" for column, header in c["columns"].items())
            out.print(f"  {shown(sheet_label(c['file'], c['sheet']))} (header row {c['header_row']}: {shown(columns)})")
        if m["candidates"]:
            out.print("  To read it, add its draft entry (in ingest_report.json, 'missing_tables', or from "
                      "'partnership-metrics inspect') to mapping.yaml, check it, and run ingest again.")
    said = {m["table"] for m in missing} | set(without)
    if others := [t for t in report["tables_not_found"] if t not in said]:
        out.print(f"[yellow]No sheet holds these tables:[/] {', '.join(others)}")


def _print_unusual(report: dict, out: Console) -> None:
    """Entries of the raw folder named like spreadsheets but not read: pipes, devices, link loops, links leaving
    the folder (the other ignored files are in ingest_report.json)."""
    unusual = report.get("unusual_files") or {}
    if unusual:
        out.print(f"[yellow]{len(unusual)} entr{'y' if len(unusual) == 1 else 'ies'} of the raw folder not read:[/]")
        for name, why in unusual.items():
            out.print(f"  {shown(name)}: {shown(why)}")


def _print_summary(report: dict, out_dir: Path, out: Console, without: frozenset[str] = frozenset()) -> None:
    totals = report["totals"]
    out.print(
        f"Read {totals['files']} files, {totals['sheets']} sheets, {totals['rows_read']} rows: "
        f"{totals['rows_accepted']} accepted, {totals['rows_quarantined']} quarantined, "
        f"{totals['rows_dropped']} dropped (blank, total, note rows, duplicates, sheets not read). Every sheet "
        "reconciles."
    )
    _print_tables(report, out)
    _print_skipped(report, out)
    _print_missing(report, out, without)
    for s in report.get("summary_sheets", []):
        where = shown(sheet_label(s["file"], s["sheet"]))
        out.print(f"[dim]Summary, not read as data:[/] {where}: {shown(s['note'].split(': ', 1)[-1])}")
    for s in report["sheets_without_table"]:
        where = shown(sheet_label(s["file"], s["sheet"]))
        out.print(f"[dim]Not a table:[/] {where}: {shown(s['note'])}")
    if report["unknown_columns"]:
        out.print(f"[dim]Columns kept out of the tables:[/] {shown('; '.join(report['unknown_columns']))}")
    if report["unknown_institutions"]:
        names = ", ".join(f"{i['name']} ({i['rows']})" for i in report["unknown_institutions"])
        out.print(f"[yellow]Institutions counted as OTHER:[/] {shown(names)}")
        out.print(f"  to resolve them, {shown(report['unknown_institutions_hint'])}")
    if report["labels_mapped_to_other"]:
        labels = ", ".join(f"{x['table']}.{x['column']}={x['label']!r}" for x in report["labels_mapped_to_other"])
        out.print(f"[yellow]Labels counted as 'other':[/] {shown(labels)}")
    _print_readings(report, out)
    if report.get("personal_data_masked"):
        where = ", ".join(f"{k} ({n})" for k, n in report["personal_data_masked"].items())
        out.print(f"[yellow]E-mails or names outside the person columns, pseudonymised:[/] {shown(where)}")
    if report["quarantine_reasons"]:
        out.print("[yellow]Quarantined rows[/] (details in quarantine.csv):")
        for reason, n in list(report["quarantine_reasons"].items())[:12]:
            out.print(f"  {n:>4}  {shown(reason)}")
    if report.get("cells_emptied"):
        out.print("[yellow]Cells emptied[/] (their rows kept; details in quarantine_cells.csv):")
        for reason, n in list(report["cells_emptied"].items())[:12]:
            out.print(f"  {n:>4}  {shown(reason)}")
    _print_outputs(report, out_dir, out)


def _print_readings(report: dict, out: Console) -> None:
    """The readings to check: columns guessed, dates read month first, labels read as abbreviations."""
    if report["columns_guessed"]:
        out.print("[yellow]Required columns read from a header close to their names, from values naming "
                  "institutions, or as a table's only column of dates[/] (their values fit; check them, a mapping.yaml "
                  "rule or a header synonym makes them sure):")
        for g in report["columns_guessed"]:
            where = sheet_label(g["file"], g["sheet"])
            out.print(f"  {shown(where)}: {shown(repr(g['header']))} as {g['table']}.{g['column']} "
                      f"({g['similarity']:.0%})")
    if report.get("institutions_read_despite_a_typo"):
        names = ", ".join(f"{x['name']} -> {x['code']}" for x in report["institutions_read_despite_a_typo"])
        out.print(f"[yellow]Institutions read despite a typo[/] (check them; an alias in institution_aliases.csv "
                  f"makes it sure): {shown(names)}")
    if report["dates_read_month_first"]:
        out.print(f"[yellow]Dates read month first[/] (04/11/2021 as April 11, as these sheets write them): "
                  f"{shown('; '.join(report['dates_read_month_first']))}")
    if report.get("references_naming_no_project"):
        texts = ", ".join(f"{x['table']}: {x['text']!r}" for x in report["references_naming_no_project"])
        out.print(f"[yellow]Project references naming no project of the folder[/] (their lines are tied to no "
                  f"project; write the project's id instead if one is meant): {shown(texts)}")
    if report["labels_read_as_abbreviations"]:
        labels = ", ".join(f"{x['table']}.{x['column']}={x['label']!r} -> {x['code']}"
                           for x in report["labels_read_as_abbreviations"])
        out.print(f"[yellow]Labels read as abbreviations[/] (check them; a synonym in value_synonyms.yaml makes it "
                  f"sure): {shown(labels)}")


def _print_outputs(report: dict, out_dir: Path, out: Console) -> None:
    _print_unusual(report, out)
    out.print(f"Outputs in {shown(out_dir)}: one Parquet file per table, {REPORT}, quarantine.csv, "
              f"quarantine_cells.csv, dropped.csv, partnership.yaml, {MANIFEST}.")
