"""What changed between two ingests: raw files added, removed or changed; rows added, removed or changed, by key,
with their old and new values; KPI values and statuses that moved, for every year from the baseline to the end of
the period (a past year that moved is a restated figure).

>>> changes = changes_since_previous("data/processed")     # doctest: +SKIP
>>> changes.status_changes()                                # doctest: +SKIP
>>> changes.write(Path("reports/2024-03-01_annual_2023"))  # changes.md and changes.csv  # doctest: +SKIP

The runs compared are those that ``ingest`` keeps beside the processed folder (:mod:`.ingest.history`): by default
the tables now in the folder against the previous distinct run, i.e. the last tables that were different.
No personal data is shown: person columns hold pseudonyms already, and the values of columns that may name a person
(free text, SIREN numbers; the ``masked`` codes of ``vocab/ui_changes.yaml``) are masked — only that they changed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .. import paths
from ..ingest.history import Run, current_run, find_run, runs
from ..reporting import memo
from ..reporting.changes_section import changes_strings, format_time
from ..schemas import PROVENANCE, TABLES
from ..values import is_missing

MARKDOWN, CSV = "changes.md", "changes.csv"
CSV_COLUMNS = ("section", "item", "key", "change", "column", "old", "new", "restated", "source")
ROW_COLUMNS = ("table", "key", "change", "column", "old", "new", "source")
KPI_COLUMNS = ("kpi_id", "label", "period", "unit", "old_value", "new_value", "old_target", "new_target",
               "old_status", "new_status", "status_changed", "restated")
FILE_COLUMNS = ("path", "change", "old_sha256", "new_sha256", "old_bytes", "new_bytes")
LIST_LIMIT = 30  # lines per list in changes.md (everything is in changes.csv)


@dataclass
class Changes:
    """What changed from run ``old`` to run ``new`` (see the module docstring): ``files``, ``rows`` and ``kpis``
    (DataFrames of :data:`FILE_COLUMNS`, :data:`ROW_COLUMNS` and :data:`KPI_COLUMNS`), ``review_year`` (the years
    before it are past years) and ``lang``, the language of ``label`` and of :meth:`to_markdown`."""

    old: Run
    new: Run
    files: pd.DataFrame
    rows: pd.DataFrame
    kpis: pd.DataFrame
    review_year: int
    lang: str

    @property
    def empty(self) -> bool:
        """True when nothing changed: no raw file, no row, no KPI value or status."""
        return self.files.empty and self.rows.empty and self.kpis.empty

    def status_changes(self) -> pd.DataFrame:
        """The KPI rows whose status changed (``met`` → ``close``...)."""
        return self.kpis[self.kpis["status_changed"]]

    def moved(self) -> pd.DataFrame:
        """The KPI rows whose value moved."""
        moved = [not _same(a, b) for a, b in zip(self.kpis["old_value"], self.kpis["new_value"], strict=False)]
        return self.kpis[pd.Series(moved, index=self.kpis.index, dtype=bool)]

    def counts(self) -> dict[str, int]:
        """The numbers of the summary line: ``files`` (raw files changed, added or removed), ``added``,
        ``removed``, ``changed`` (rows), ``moved`` (KPI values) and ``restated`` (those of past years)."""
        rows, moved = self.row_counts(), self.moved()
        return {"files": len(self.files), "added": int(rows["added"].sum()), "removed": int(rows["removed"].sum()),
                "changed": int(rows["changed"].sum()), "moved": len(moved), "restated": int(moved["restated"].sum())}

    def restated(self) -> pd.DataFrame:
        """The KPI values of past years that moved (late corrections restate them)."""
        return self.kpis[self.kpis["restated"]]

    def row_counts(self) -> pd.DataFrame:
        """Per table: rows ``added``, ``removed`` and ``changed`` (a changed row counts once)."""
        if self.rows.empty:
            return pd.DataFrame(columns=["table", "added", "removed", "changed"])
        distinct = self.rows.drop_duplicates(["table", "key", "change"])
        counts = distinct.groupby(["table", "change"]).size().unstack(fill_value=0)
        counts = counts.reindex(columns=["added", "removed", "changed"], fill_value=0)
        return counts.reset_index()

    def to_frame(self) -> pd.DataFrame:
        """Everything in one table (the rows of ``changes.csv``): columns :data:`CSV_COLUMNS`, ``section`` being
        ``file``, ``row``, ``kpi_value``, ``kpi_status`` or ``kpi_target``."""
        records = []
        for f in self.files.itertuples(index=False):
            records.append(("file", f.path, "", f.change, "sha256", f.old_sha256, f.new_sha256, False, ""))
        for r in self.rows.itertuples(index=False):
            records.append(("row", r.table, r.key, r.change, r.column, r.old, r.new, False, r.source))
        for k in self.kpis.itertuples(index=False):
            if not _same(k.old_value, k.new_value):
                records.append(("kpi_value", k.kpi_id, k.period, "changed", "value", _number(k.old_value),
                                _number(k.new_value), bool(k.restated), ""))
            if k.status_changed:
                records.append(("kpi_status", k.kpi_id, k.period, "changed", "status", _text(k.old_status),
                                _text(k.new_status), bool(k.restated), ""))
            if not _same(k.old_target, k.new_target):
                records.append(("kpi_target", k.kpi_id, k.period, "changed", "target", _number(k.old_target),
                                _number(k.new_target), bool(k.restated), ""))
        return pd.DataFrame.from_records(records, columns=list(CSV_COLUMNS))

    def to_markdown(self, lang: str | None = None) -> str:
        """``changes.md``: the runs compared, the statuses and values that moved (restated ones flagged), the raw
        files and the rows, in ``lang`` (default: :attr:`lang`)."""
        return _markdown(self, lang or self.lang)

    def _repr_markdown_(self) -> str:
        return self.to_markdown()

    def __repr__(self) -> str:
        counts = self.counts()
        return (f"Changes({self.old.id} -> {self.new.id}: {counts['files']} raw files, {counts['added']} rows added, "
                f"{counts['removed']} removed, {counts['changed']} changed, {counts['moved']} KPI values moved, "
                f"{len(self.status_changes())} statuses changed)")

    def write(self, folder: Path) -> tuple[Path, Path]:
        """Write ``changes.md`` and ``changes.csv`` into ``folder``; their paths."""
        from ..exports import neutralise_frame

        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        md, csv = folder / MARKDOWN, folder / CSV
        md.write_text(self.to_markdown() + "\n", encoding="utf-8")
        neutralise_frame(self.to_frame()).to_csv(csv, index=False, encoding="utf-8-sig", lineterminator="\n")
        return md, csv


def _same(a, b) -> bool:
    if is_missing(a) or is_missing(b):
        return is_missing(a) and is_missing(b)
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)


def _number(value) -> str:
    return "" if is_missing(value) else format(float(value), ".10g")


def _text(value) -> str:
    return "" if is_missing(value) else str(value)


# ---- comparing two runs ---------------------------------------------------------------------------------------

def compare(old: Run, new: Run, *, year: int | None = None, lang: str | None = None) -> Changes:
    """What changed from ``old`` to ``new`` (runs of :mod:`.ingest.history`). ``year`` is the year under review
    (default: the last year of the new run's partnership period): the KPI values of the years before it that moved
    are restated figures. ``lang`` (default: the partnership's first language) is the language of the labels."""
    from ..kpis.catalogue import check_lang

    partnership = new.partnership()
    lang = check_lang(lang or partnership.default_language)
    year = year or partnership.last_year
    old_tables, new_tables = old.tables(), new.tables()
    same = {t for t in TABLES if old.outputs.get(f"{t}.parquet") is not None
            and old.outputs.get(f"{t}.parquet") == new.outputs.get(f"{t}.parquet")}
    return Changes(old, new, _file_changes(old, new), _row_changes(old_tables, new_tables, lang, same),
                   _kpi_changes(old_tables, new_tables, old.partnership(), partnership, year, lang), year, lang)


def changes_since_previous(processed=None, *, since: str | None = None, year: int | None = None,
                           lang: str | None = None) -> Changes | None:
    """What changed in the tables now in ``processed`` (default ``data/processed``; a relative folder is read from
    the project root) since the previous distinct run kept beside it, or since the run ``since`` (an id, or the start
    of a date such as ``2024-03-01``); None when no earlier run is kept."""
    processed = Path(processed or paths.PROCESSED_DIR).expanduser()
    processed = processed if processed.is_absolute() else paths.PROJECT_ROOT / processed
    new = current_run(processed)
    if new is None:
        from ..errors import PartnershipMetricsError

        raise PartnershipMetricsError(f"{processed}: no processed tables here; run 'partnership-metrics ingest' first "
                                      "(or give the folder with --processed)")
    if since is not None:
        old = find_run(processed, since)
    else:
        old = next((r for r in runs(processed) if r.id != new.id), None)
        if old is None:
            return None
    # the reports of a run's kernel compare the same two runs once
    return memo.by_content("changes", (old, new, year, lang), lambda: compare(old, new, year=year, lang=lang))


def _file_changes(old: Run, new: Run) -> pd.DataFrame:
    before = {f["path"]: f for f in old.files}
    after = {f["path"]: f for f in new.files}
    records = []
    for path in sorted(set(before) | set(after)):
        a, b = before.get(path), after.get(path)
        if a and b and a.get("sha256") == b.get("sha256"):
            continue
        change = "added" if a is None else "removed" if b is None else "changed"
        records.append((path, change, (a or {}).get("sha256"), (b or {}).get("sha256"), (a or {}).get("bytes"),
                        (b or {}).get("bytes")))
    return pd.DataFrame.from_records(records, columns=list(FILE_COLUMNS))


def _cells(df: pd.DataFrame, column: str) -> pd.Series:
    """A column as comparable text: dates as ISO dates, numbers with 10 significant digits, missing as ""."""
    s = df[column]
    if pd.api.types.is_datetime64_any_dtype(s):
        out = s.dt.strftime("%Y-%m-%d")
    elif pd.api.types.is_bool_dtype(s) or str(s.dtype) == "boolean":
        out = s.astype("object").map(lambda v: "" if pd.isna(v) else str(bool(v)).lower())
    elif pd.api.types.is_numeric_dtype(s):
        out = s.astype("object").map(lambda v: "" if pd.isna(v) else format(float(v), ".10g"))
    else:
        out = s.astype("object").map(lambda v: "" if v is None or (isinstance(v, float) and math.isnan(v)) else str(v))
    return out.fillna("").astype("object").reset_index(drop=True)


def _keys(df: pd.DataFrame, table: str) -> pd.Series:
    parts = [_cells(df, c) for c in TABLES[table].key if c in df.columns]
    if not parts:
        return pd.Series([str(i) for i in range(len(df))], dtype="object")
    keys = parts[0]
    for part in parts[1:]:
        keys = keys + " | " + part
    return keys


def _sources(df: pd.DataFrame) -> pd.Series:
    if "source_file" not in df.columns:
        return pd.Series([""] * len(df), dtype="object")
    file, sheet, row = (_cells(df, c) for c in PROVENANCE[:3])
    sheet = sheet.map(lambda s: f" [{s}]" if s else "")
    row = row.map(lambda r: f" row {r}" if r else "")
    return file + sheet + row


def _masks(lang: str) -> dict[str, str]:
    """Column kind -> the label shown instead of its values."""
    strings = changes_strings()
    return {kind: strings.code_label("masked", kind, lang) for kind in strings.codes.get("masked", {})}


def _row_changes(old_tables, new_tables, lang: str, same: set[str] = frozenset()) -> pd.DataFrame:
    """The rows added, removed or changed, table by table; the tables in ``same`` (the same file in both runs) are
    not compared."""
    masks = _masks(lang)
    frames = []
    for table in [t for t in TABLES if TABLES[t].source == "raw" and t not in same]:
        before, after = old_tables.get(table), new_tables.get(table)
        if before is None and after is None:
            continue
        schema = TABLES[table]
        columns = [c for c in schema.raw_column_names
                   if (before is None or c in before.columns) and (after is None or c in after.columns)]
        frames.append(_table_changes(table, before, after, columns, masks))
    frames = [f for f in frames if not f.empty]
    if not frames:
        return pd.DataFrame(columns=list(ROW_COLUMNS))
    return pd.concat(frames, ignore_index=True)[list(ROW_COLUMNS)]


def _side(df: pd.DataFrame | None, table: str, columns: list[str]) -> pd.DataFrame:
    if df is None:
        return pd.DataFrame(columns=["key", "source", *columns])
    side = pd.DataFrame({c: _cells(df, c) for c in columns})
    side.insert(0, "source", _sources(df))
    side.insert(0, "key", _keys(df, table))
    return side.drop_duplicates("key")


def _table_changes(table: str, before, after, columns: list[str], masks: dict[str, str]) -> pd.DataFrame:
    old, new = _side(before, table, columns), _side(after, table, columns)
    merged = old.merge(new, on="key", how="outer", suffixes=("_old", "_new"), indicator="presence")
    kinds = {c.name: c.kind for c in TABLES[table].columns}
    records = []
    for row in merged[merged["presence"] != "both"].itertuples(index=False):
        change = "removed" if row.presence == "left_only" else "added"
        source = row.source_old if change == "removed" else row.source_new
        records.append((table, row.key, change, "", "", "", source))
    both = merged[merged["presence"] == "both"]
    for column in columns:
        a, b = both[f"{column}_old"], both[f"{column}_new"]
        moved = both[(a != b).to_numpy(dtype=bool)]
        label = masks.get(kinds.get(column))
        for row, old_value, new_value in zip(moved.itertuples(index=False), a[a != b], b[a != b], strict=False):
            shown = (label, label) if label else (old_value, new_value)
            records.append((table, row.key, "changed", column, *shown, row.source_new))
    records.sort(key=lambda r: (r[2] != "changed", r[1], r[3]))
    return pd.DataFrame.from_records(records, columns=list(ROW_COLUMNS))


def _kpi_frame(tables, partnership, first: int, last: int, lang: str) -> pd.DataFrame:
    from ..kpis.engine import kpi_table
    from ..kpis.periods import period_label

    every_year = kpi_table(tables, period=period_label(first, last), lang=lang, partnership=partnership,
                           contributors=False)
    every_year = every_year[~every_year["period"].str.contains("-")]
    period = kpi_table(tables, period=partnership.period, lang=lang, partnership=partnership, contributors=False)
    pooled = period[period["period"] == partnership.period]
    return pd.concat([every_year, pooled], ignore_index=True)


def _kpi_changes(old_tables, new_tables, old_partnership, partnership, year: int, lang: str) -> pd.DataFrame:
    from ..kpis.periods import parse_period

    first = min(parse_period(partnership.baseline)[0], partnership.years[0])
    last = max(partnership.years[1], year)
    new = _kpi_frame(new_tables, partnership, first, last, lang)
    # the old tables with the old run's partnership facts (its partners' codes), over the new run's years
    from dataclasses import replace

    old_facts = replace(old_partnership, period=partnership.period, baseline=partnership.baseline)
    old = _kpi_frame(old_tables, old_facts, first, last, lang)
    merged = new.merge(old, on=["kpi_id", "period"], how="left", suffixes=("", "_old"))
    records = []
    for r in merged.itertuples(index=False):
        status_changed = _text(r.status) != _text(r.status_old)
        if _same(r.value, r.value_old) and not status_changed and _same(r.target, r.target_old):
            continue
        restated = parse_period(r.period)[1] < year
        records.append((r.kpi_id, r.label, r.period, r.unit, r.value_old, r.value, r.target_old, r.target,
                        r.status_old if isinstance(r.status_old, str) else None,
                        r.status if isinstance(r.status, str) else None, status_changed, restated))
    frame = pd.DataFrame.from_records(records, columns=list(KPI_COLUMNS))
    return frame.astype({"status_changed": "bool", "restated": "bool"})


# ---- changes.md ---------------------------------------------------------------------------------------------------

def _cell(value) -> str:
    """Text for a Markdown table cell: pipes escaped, on one line."""
    return " ".join(str(value).split()).replace("|", "\\|")


def _table(head: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    return lines + ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]


def _markdown(changes: Changes, lang: str) -> str:
    from ..kpis.catalogue import status_labels
    from ..kpis.formatting import format_value

    words = changes_strings()

    def text(key: str, **values) -> str:
        return words.text(key, lang, **values)

    statuses = status_labels()

    def status(code) -> str:
        return statuses[code][lang] if isinstance(code, str) else text("no_status")

    lines = [f"# {text('title')}", "",
             text("compared", old_id=changes.old.id, old_time=format_time(changes.old.last_seen, lang),
                  new_id=changes.new.id, new_time=format_time(changes.new.last_seen, lang)), ""]
    if changes.empty:
        return "\n".join(lines + [text("nothing")])
    lines += [text("counts", **changes.counts()), ""]
    flips = changes.status_changes()
    if len(flips):
        lines += [f"## {text('statuses_heading')}", ""]
        lines += _table([text("col_indicator"), text("col_period"), text("col_status_before"), text("col_status_now"),
                         text("col_before"), text("col_now"), text("col_note")],
                        [[f"{k.label} (`{k.kpi_id}`)", k.period, status(k.old_status), status(k.new_status),
                          format_value(k.old_value, k.unit, lang), format_value(k.new_value, k.unit, lang),
                          text("restated") if k.restated else ""] for k in flips.itertuples(index=False)])
        lines.append("")
    moved = changes.moved()
    if len(moved):
        lines += [f"## {text('values_heading')}", ""]
        lines += _table([text("col_indicator"), text("col_period"), text("col_before"), text("col_now"),
                         text("col_note")],
                        [[f"{k.label} (`{k.kpi_id}`)", k.period, format_value(k.old_value, k.unit, lang),
                          format_value(k.new_value, k.unit, lang), text("restated") if k.restated else ""]
                         for k in moved.head(LIST_LIMIT).itertuples(index=False)])
        lines += _more(len(moved), text)
    if len(changes.files):
        labels = words.codes["change"]
        lines += [f"## {text('files_heading')}", ""]
        lines += _table([text("col_file"), text("col_change")],
                        [[f"`{f.path}`", labels[f.change][lang]] for f in changes.files.itertuples(index=False)])
        lines.append("")
    if len(changes.rows):
        labels = words.codes["change"]
        lines += [f"## {text('rows_heading')}", ""]
        lines += [f"- {text('table_counts', table=c.table, added=c.added, removed=c.removed, changed=c.changed)}"
                  for c in changes.row_counts().itertuples(index=False)]
        lines.append("")
        lines += _table([text("col_key"), text("col_change"), text("col_column"), text("col_before"), text("col_now"),
                         text("col_source")],
                        [[f"{r.table}: {r.key}", labels[r.change][lang], r.column, r.old, r.new, r.source]
                         for r in changes.rows.head(LIST_LIMIT).itertuples(index=False)])
        lines += _more(len(changes.rows), text)
    return "\n".join(lines).rstrip()


def _more(count: int, text) -> list[str]:
    return ([text("more", count=count - LIST_LIMIT), ""] if count > LIST_LIMIT else [""])


# ---- the command ----------------------------------------------------------------------------------------------------

def run_changes(processed, *, since: str | None = None, year: int | None = None, lang: str | None = None,
                fmt: str = "markdown", output: Path | None = None, list_runs: bool = False, console=None,
                out=None) -> int:
    """``partnership-metrics changes``: print (or write) what changed since the previous run; the exit code (0)."""
    from rich.console import Console
    from rich.markup import escape

    from ..kpis.periods import KpiError

    console = console or Console(stderr=True, highlight=False)
    out = out or Console(highlight=False, soft_wrap=True)
    fmt = (fmt or "markdown").lower()
    if fmt not in ("markdown", "csv"):
        raise KpiError(f"unknown format {fmt!r}: use markdown or csv")
    processed = Path(processed)
    if list_runs:
        kept = runs(processed)
        current = current_run(processed)
        for run in kept:
            mark = "  (the tables now in the folder)" if current is not None and run.id == current.id else ""
            out.print(f"{run.id}  {run.last_seen[:19].replace('T', ' ')} UTC  {len(run.files)} raw files  "
                      f"{escape(run.raw_dir)}{mark}")
        if not kept:
            out.print("No run kept yet: each `ingest` keeps one.")
        return 0
    changes = changes_since_previous(processed, since=since, year=year, lang=lang)
    if changes is None:
        console.print(f"No earlier run is kept beside {escape(str(processed))}: the next `ingest` of changed files "
                      "will have one to compare with.")
        return 0
    if fmt == "csv":
        from ..exports import neutralise_frame

        text = neutralise_frame(changes.to_frame()).to_csv(index=False, lineterminator="\n")
    else:
        text = changes.to_markdown() + "\n"
    if output is None:
        out.file.write(text)
        out.file.flush()
    else:
        Path(output).write_text(text, encoding="utf-8-sig" if fmt == "csv" else "utf-8")
        console.print(f"Changes written to {escape(str(output))}")
    return 0
