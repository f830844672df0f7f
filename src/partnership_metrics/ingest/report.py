"""The ingestion report (``ingest_report.json``): per file and sheet, what was read, kept, quarantined, dropped.

Every text in it that may repeat a cell (reasons, unknown institutions and labels, headers, notes, warnings) goes
through :func:`partnership_metrics.privacy.mask_personal`: no e-mail or person's name typed in a cell reaches the report, the
console that prints it or the report appendix that quotes it.
"""

from __future__ import annotations

from collections import Counter

from ..display import sheet_label
from ..privacy import mask_personal as _m

LOW_CONFIDENCE = 0.6  # a sheet read with less confidence is listed first, and refused by ingest --strict


def build_report(result) -> dict:
    """A JSON-ready description of an ingestion. Holds no value of a person: counts, and texts masked by
    :func:`partnership_metrics.privacy.mask_personal`."""
    sheets_by_file: dict[str, list] = {}
    for s in result.sheets:
        counts = s.counts()
        entry = {
            "sheet": s.sheet,
            "table": s.table,
            "hidden": s.hidden,
            "header_row": s.header_row,
            **counts,
            "reconciled": counts["rows_read"]
            == counts["rows_accepted"] + counts["rows_quarantined"] + counts["rows_dropped"],
        }
        if s.table:
            entry["confidence"] = s.confidence
            entry["columns"] = {_m(header): column for header, column in s.columns.items()}
            if s.units:
                entry["units"] = {_m(header): unit for header, unit in s.units.items()}
            entry["unknown_columns"] = [_m(c) for c in s.unknown_columns]
        if s.note:
            entry["note"] = _m(s.note)
        if s.reading_notes:
            entry["reading_notes"] = [_m(n) for n in s.reading_notes]
        if s.guessed:
            entry["columns_guessed"] = {c: {"header": _m(h), "similarity": v} for c, (h, v) in s.guessed.items()}
        sheets_by_file.setdefault(s.file, []).append(entry)
    files = [
        {"file": f.path, "sha256": f.sha256, "bytes": f.bytes, "sheets": sheets_by_file.get(f.path, [])}
        for f in result.files
    ]
    tables = {}
    for name, arrow in result.arrows.items():
        if name == "institutions":
            continue
        sheets = [s for s in result.sheets if s.table == name]
        tables[name] = {
            "rows": arrow.num_rows,
            "rows_quarantined": sum(s.counts()["rows_quarantined"] for s in sheets),
            "rows_dropped": sum(s.counts()["rows_dropped"] for s in sheets),
            "sources": [sheet_label(s.file, s.sheet) for s in sheets],
            "duplicates": result.duplicates.get(name, {"merged": 0, "conflicting": 0}),
        }
    totals = {k: sum(s.counts()[k] for s in result.sheets)
              for k in ("rows_read", "rows_accepted", "rows_quarantined", "rows_dropped")}
    skipped = [s for s in result.sheets if s.skipped]
    return {
        "status": "partial" if skipped else "ok",
        "totals": {**totals, "files": len(result.files), "sheets": len(result.sheets),
                   "sheets_skipped": len(skipped), "cells_emptied": len(result.cell_problems)},
        "tables": tables,
        "tables_not_found": [t for t in ("projects", "funding", "startups", "startup_rounds", "events",
                                         "event_attendance", "eu_proposals", "kpi_targets")
                             if t not in result.arrows],
        "missing_tables": [
            {"table": m.table, "partial": m.partial, "children": list(m.children), "candidates": [
                {"file": c.file, "sheet": c.sheet, "header_row": c.header_row,
                 "columns": {column: _m(header) for column, header in c.matched.items()},
                 "suggested_mapping": _m(c.suggestion)} for c in m.candidates]}
            for m in result.missing
        ],
        "files": files,
        "ignored_files": [_m(name) for name in result.ignored],
        "skipped_sheets": [
            {"file": s.file, "sheet": s.sheet, "table": s.skipped.table, "header_row": s.skipped.header_row,
             "rows": s.rows_read, "missing_columns": s.skipped.missing, "problem": _m(s.skipped.problem()),
             "closest_headers": {c: [{"header": _m(h), "similarity": v} for h, v in found]
                                 for c, found in s.skipped.closest.items()},
             "suggested_mapping": _m(s.skipped.suggestion)}
            for s in skipped
        ],
        "low_confidence_sheets": [
            {"file": s.file, "sheet": s.sheet, "table": s.table, "confidence": s.confidence,
             "columns": {_m(header): column for header, column in s.columns.items()}}
            for s in result.sheets if s.table and s.confidence is not None and s.confidence < LOW_CONFIDENCE
        ],
        "summary_sheets": [
            {"file": s.file, "sheet": s.sheet, "rows": s.rows_read, "note": _m(s.note)}
            for s in result.sheets if s.summary
        ],
        "sheets_without_table": [
            {"file": s.file, "sheet": s.sheet, "hidden": s.hidden, "rows": s.rows_read, "note": _m(s.note)}
            for s in result.sheets if not s.table and not s.skipped and not s.summary
        ],
        "cells_emptied": _reasons(result.cell_problems),
        "dates_not_to_the_day": _precisions(result.arrows),
        "unknown_columns": sorted({f"{s.file} [{s.sheet}]: {_m(c)}" if s.sheet else f"{s.file}: {_m(c)}"
                                   for s in result.sheets for c in s.unknown_columns}),
        "unknown_institutions": _unknown_institutions(result.unknown_institutions),
        "unknown_institutions_hint": result.alias_hint if result.unknown_institutions else None,
        "institutions_read_despite_a_typo": [{"name": _m(name), "code": code}
                                             for name, code in result.institutions_by_spelling.items()],
        "labels_mapped_to_other": [
            {"table": t, "column": c, "label": _m(label), "rows": n}
            for (t, c, label), n in sorted(result.mapped_to_other.items())
        ],
        "labels_read_as_abbreviations": [
            {"table": t, "column": c, "label": _m(label), "code": code, "rows": n}
            for (t, c, label), (code, n) in sorted(result.abbreviations.items())
        ],
        "columns_guessed": [
            {"file": s.file, "sheet": s.sheet, "table": s.table, "column": c, "header": _m(h), "similarity": v}
            for s in result.sheets for c, (h, v) in s.guessed.items()
        ],
        "dates_read_month_first": [f"{s.file} [{s.sheet}]" if s.sheet else s.file for s in result.sheets
                                   if s.table and any(n.startswith("dates read month first") for n in s.reading_notes)],
        "linked_by_name": result.links,
        "references_naming_no_project": [{"table": t, "text": _m(text), "rows": n}
                                         for (t, text), n in sorted(Counter(result.untied_references).items())],
        "quarantine_reasons": _reasons(result.problems),
        "warnings": [_m(w) for w in result.warnings],
        "seconds": round(result.seconds, 3),
    }


def _precisions(arrows: dict) -> dict[str, dict[str, int]]:
    """``table.column`` -> precision -> number of dates known only to the month, quarter, semester or year (most
    first; ties in the order of the precisions)."""
    import numpy as np

    out: dict[str, dict[str, int]] = {}
    for name, arrow in arrows.items():
        for column in arrow.column_names:
            if column.endswith("_precision"):
                counts = None
                for chunk in arrow.column(column).chunks:  # dictionary-encoded on the list of precisions
                    values = chunk.dictionary.to_pylist()
                    found = np.bincount(_indices(chunk.indices), minlength=len(values))
                    counts = found if counts is None else counts + found
                if counts is None:
                    continue
                ranked = sorted(zip(values, counts.tolist(), strict=False), key=lambda pn: -pn[1])
                coarse = {str(p): int(n) for p, n in ranked if p != "day" and n}
                if coarse:
                    out[f"{name}.{column.removesuffix('_precision')}"] = coarse
    return out


def _indices(array):
    """The non-null values of an int8 Arrow array, as numpy (read from its buffers: ``to_numpy`` imports pandas)."""
    import numpy as np

    start, stop = array.offset, array.offset + len(array)
    validity, data = array.buffers()
    values = np.frombuffer(data, dtype=np.int8)[start:stop].astype(np.int64)
    if array.null_count:
        present = np.unpackbits(np.frombuffer(validity, dtype=np.uint8), bitorder="little")[start:stop]
        values = values[present.astype(bool)]
    return values


def _unknown_institutions(unknown: dict[str, int]) -> list[dict]:
    """Institution names counted as OTHER, with their rows; a name that is a person's or an e-mail is masked (the
    masked ones counted together)."""
    merged: dict[str, int] = {}
    for name, n in unknown.items():
        merged[_m(name)] = merged.get(_m(name), 0) + n
    return [{"name": name, "rows": n, "code": "OTHER"} for name, n in merged.items()]


def _reasons(problems) -> dict[str, int]:
    out: dict[str, int] = {}
    for p in problems:
        key = f"{p.table}.{p.column}: {_m(_generic(p.reason))}"
        out[key] = out.get(key, 0) + 1
    return dict(sorted(out.items(), key=lambda kv: -kv[1]))


def _generic(reason: str) -> str:
    """"'31/02/2022' is not a valid date" -> "is not a valid date" (the value is in the quarantine file)."""
    if reason.startswith("'") and "' " in reason[1:]:
        return reason[reason.index("' ", 1) + 2 :]
    if reason.startswith("unknown value"):
        return "unknown value"
    return reason
