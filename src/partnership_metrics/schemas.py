"""The tidy tables, declared once.

Everything else derives from these declarations: the pandera schemas that validate the processed tables,
the Arrow schemas of the Parquet files, the blank input template and the analysts' data dictionary
(``partnership-metrics dictionary``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cache

INSTITUTION_CODES = ("AMU", "UCA", "APHM", "CHUNICE", "IPC", "CAL", "CNRS", "INSERM", "OTHER")

# Column kinds: how a raw cell is parsed and how the column is typed.
KINDS = {
    "id": "identifier (text)",
    "text": "text",
    "code": "code (category)",
    "institution": "institution code (category)",
    "date": "date",
    "money": "euros (float)",
    "int": "whole number",
    "float": "number",
    "bool": "yes/no",
    "person": "pseudonymised person (keyed hash)",
    "siren": "SIREN (9 digits, Luhn-valid)",
    "research_unit": "research unit label (e.g. U1068)",
    "period": "year (2025) or period (2024-2026)",
    "kpi_id": "KPI id of the catalogue",
    "precision": "how precisely a date is known",
    "source": "where a row was read (set by ingestion)",
}
# A date known only to the month (or quarter...) is stored as the first day of it, its precision beside it.
PRECISIONS = ("day", "month", "quarter", "semester", "year")
# Columns that ingestion adds to every table read from the partners' files: where each row comes from.
PROVENANCE = ("source_file", "source_sheet", "source_row", "source_column", "duplicate_sources")


def luhn_ok(digits: str) -> bool:
    """True when a string of digits passes the Luhn check (the checksum of SIREN numbers)."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


@dataclass(frozen=True)
class Column:
    name: str
    kind: str
    required: bool = False
    codes: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    description: str = ""
    derived: bool = False  # set by ingestion (date precision, provenance), never read from a raw column

    @property
    def personal(self) -> bool:
        return self.kind == "person"


@dataclass(frozen=True)
class Parent:
    """The table a row belongs to (an attendee to an event): its key column, and the columns that name a parent row
    when a sheet gives its name instead of its id, or gives it only in the file or sheet name ("EV2103.csv")."""

    table: str
    key: str
    labels: tuple[str, ...]
    # the parent's date, which tells apart parents of one label when the naming text gives a day ("Mon 07 Mar
    # 2022 · Pitch day · Marseille": the pitch day of that date, not last year's)
    date: str | None = None


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()  # columns identifying a row; duplicates are merged or quarantined
    source: str = "raw"  # "raw": read from partner spreadsheets; "reference": shipped with the package
    extra: dict = field(default_factory=dict)
    parent: Parent | None = None  # rows listed under a row of another table

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def raw_columns(self) -> tuple[Column, ...]:
        """The columns read from the partners' files (not those ingestion derives)."""
        return tuple(c for c in self.columns if not c.derived)

    @property
    def raw_column_names(self) -> list[str]:
        return [c.name for c in self.raw_columns]

    @property
    def required(self) -> list[str]:
        return [c.name for c in self.columns if c.required]

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(f"table {self.name!r} has no column {name!r}")


TECHNOLOGY_TYPES = ("therapeutic", "diagnostic", "medical_device", "digital_health", "research_tool", "other")
SOURCING_CHANNELS = ("cpp_call", "it_detection", "joint")
SUPPORTERS = ("cpp", "it", "both")
FUNDERS = (
    "inserm_transfert", "canceropole_paca", "region_sud", "satt_sud_est", "bpifrance",
    "anr", "inca", "eu", "private", "other",
)
INSTRUMENTS = ("maturation", "proof_of_concept", "emergence", "grant", "equity", "loan", "other")
STARTUP_STATUSES = ("active", "acquired", "closed")
ROUND_TYPES = ("pre_seed", "seed", "series_a", "series_b_plus", "grant", "loan", "other")
EVENT_TYPES = ("training", "awareness", "workshop", "pitch", "conference", "webinar")
ORGANISERS = ("cpp", "it", "joint")
SITES = ("marseille", "nice", "online", "other")
PROGRAMMES = ("horizon_health", "cancer_mission", "erc", "msca", "eic", "eu4health", "other")
ROLES = ("coordinator", "partner")
PROPOSAL_STATUSES = ("pending", "funded", "not_funded", "withdrawn")
RECOMMENDATION_STATUSES = ("proposed", "in_progress", "done", "dropped")


def _c(name, kind, required=False, codes=(), minimum=None, maximum=None, description=""):
    return Column(name, kind, required, tuple(codes), minimum, maximum, description)


_DECLARED: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            "projects",
            "One row per deeptech project detected by either partner, with the dates of its milestones.",
            (
                _c("project_id", "id", True, description="Project identifier, unique across files."),
                _c("title", "text", True, description="Project title."),
                _c("acronym", "text", description="Short name."),
                _c("lead_institution", "institution", True, INSTITUTION_CODES,
                   description="Institution leading the project (resolved to a code)."),
                _c("research_unit", "research_unit", description="Research unit, e.g. U1068."),
                _c("technology_type", "code", codes=TECHNOLOGY_TYPES, description="Kind of technology."),
                _c("sourcing_channel", "code", True, SOURCING_CHANNELS,
                   description="How the project was found: a call for projects of the partner coded cpp, a detection by the partner coded it, or both jointly."),
                _c("supported_by", "code", True, SUPPORTERS, description="Which partner supports the project."),
                _c("detection_date", "date", True, description="Date the project was detected."),
                _c("disclosure_date", "date", description="Invention disclosure date."),
                _c("priority_filing_date", "date", description="Priority patent filing date."),
                _c("maturation_start_date", "date", description="Start of maturation."),
                _c("licence_date", "date", description="Licence signature date."),
                _c("abandon_date", "date", description="Date the project was abandoned."),
                _c("pi", "person", description="Principal investigator, pseudonymised (keyed hash)."),
            ),
            key=("project_id",),
        ),
        Table(
            "funding",
            "One row per funding decision (a line of funding), tied to a project or not.",
            (
                _c("funding_id", "id", True, description="Funding line identifier."),
                _c("project_id", "id", description="Funded project (empty: funding not tied to one project)."),
                _c("funder", "code", True, FUNDERS, description="Who pays."),
                _c("instrument", "code", True, INSTRUMENTS, description="Kind of funding."),
                _c("amount_eur", "money", True, minimum=0, description="Amount in euros."),
                _c("decision_date", "date", True, description="Date of the funding decision."),
            ),
            key=("funding_id",),
        ),
        Table(
            "startups",
            "One row per start-up created from a partnership project or supported by the partners.",
            (
                _c("startup_id", "id", True, description="Start-up identifier (its name as written when the lists keep no ids)."),
                _c("name", "text", True, description="Company name."),
                _c("siren", "siren", description="French company number (9 digits, Luhn-valid)."),
                _c("creation_date", "date", True, description="Date of incorporation."),
                _c("project_id", "id", description="Founding project."),
                _c("lead_institution", "institution", codes=INSTITUTION_CODES, description="Institution of origin."),
                _c("status", "code", codes=STARTUP_STATUSES, description="Company status."),
                _c("ilab_laureate", "bool", description="Laureate of the national i-Lab competition."),
                _c("employees", "int", minimum=0, description="Head count."),
            ),
            key=("startup_id",),
        ),
        Table(
            "startup_rounds",
            "One row per funding round raised by a start-up.",
            (
                _c("startup_id", "id", True, description="Start-up identifier."),
                _c("round_date", "date", True, description="Closing date of the round."),
                _c("amount_eur", "money", True, minimum=0, description="Amount raised in euros."),
                _c("round_type", "code", codes=ROUND_TYPES, description="Kind of round."),
            ),
            key=("startup_id", "round_date", "round_type"),
            parent=Parent("startups", "startup_id", ("name",)),
        ),
        Table(
            "events",
            "One row per training session or event organised by either partner or jointly.",
            (
                _c("event_id", "id", True, description="Event identifier."),
                _c("event_date", "date", True, description="Date of the event."),
                _c("title", "text", True, description="Title of the event."),
                _c("event_type", "code", True, EVENT_TYPES, description="Kind of event."),
                _c("organiser", "code", True, ORGANISERS, description="Who organised it."),
                _c("site", "code", codes=SITES, description="Where it took place."),
                _c("attendees", "int", True, minimum=0, description="Number of attendees."),
                _c("satisfaction", "float", minimum=1, maximum=5, description="Mean satisfaction score (1-5)."),
            ),
            key=("event_id",),
        ),
        Table(
            "event_attendance",
            "One row per attendee of an event (attendance lists), people pseudonymised.",
            (
                _c("event_id", "id", True, description="Event attended."),
                _c("attendee", "person", True, description="Attendee, pseudonymised (keyed hash)."),
                _c("institution", "institution", codes=INSTITUTION_CODES, description="Attendee's institution."),
                _c("research_unit", "research_unit", description="Attendee's research unit."),
            ),
            key=("event_id", "attendee"),
            parent=Parent("events", "event_id", ("title",), date="event_date"),
        ),
        Table(
            "eu_proposals",
            "One row per EU grant application supported by the partners.",
            (
                _c("proposal_id", "id", True, description="Proposal identifier."),
                _c("acronym", "text", description="Project acronym."),
                _c("programme", "code", True, PROGRAMMES,
                   description="EU programme. `horizon_health` is Horizon Europe's health cluster and, for the "
                               "baseline years, its Horizon 2020 predecessor (societal challenge 1, \"H2020 SC1\"), "
                               "so that the baseline compares."),
                _c("call_id", "text", description="Call topic, e.g. HORIZON-MISS-2022-CANCER-01-01."),
                _c("submission_date", "date", True, description="Submission date."),
                _c("role", "code", True, ROLES, description="Role of the regional team."),
                _c("institution", "institution", codes=INSTITUTION_CODES, description="Applicant institution."),
                _c("supported_by", "code", codes=SUPPORTERS, description="Which partner supported the application."),
                _c("requested_eur", "money", minimum=0, description="Amount requested in euros."),
                _c("status", "code", True, PROPOSAL_STATUSES, description="Outcome."),
                _c("granted_eur", "money", minimum=0, description="Amount granted in euros."),
                _c("result_date", "date", description="Date of the evaluation result."),
            ),
            key=("proposal_id",),
        ),
        Table(
            "kpi_targets",
            "Targets agreed by the partners, per KPI and per year or period.",
            (
                _c("kpi_id", "kpi_id", True, description="KPI id of the catalogue."),
                _c("period", "period", True, description="A year (2025) or the period (2024-2026)."),
                _c("target", "float", True, description="Target value, in the KPI's unit (shares as fractions)."),
            ),
            key=("kpi_id", "period"),
        ),
        Table(
            "commentary",
            "Optional: the partners' own explanation of a KPI's result in a year or the period (why, what is done, "
            "who acts, by when), shown beside the KPI in the reports and in the KPI workbook.",
            (
                _c("kpi_id", "kpi_id", True, description="KPI id of the catalogue (or its name)."),
                _c("period", "period", True, description="A year, or the period written as first-last year."),
                # Required: a comment says why. It also keeps a dashboard (an indicator and a period column) from
                # being read as commentary.
                _c("cause", "text", True, description="Why the KPI is where it is, in the partners' words."),
                _c("action", "text", description="What is done about it."),
                # A role or a team, never a person: the reports print it as written (e-mails are scrubbed).
                _c("owner", "text", description="Who acts: a role or a team (e.g. 'the Europe desk'), never a "
                                               "person's name — it is printed in the reports."),
                _c("due_date", "date", description="When the action is due."),
            ),
            key=("kpi_id", "period"),
        ),
        Table(
            "recommendations",
            "Optional: the partners' recommendations made at a review (for the renewal, for the next years) and their "
            "follow-up, updated at each later review; shown in the reports' recommendations section.",
            (
                _c("review", "period", True, description="The review that made it: a year, or the period written "
                                                          "as first-last year."),
                _c("recommendation", "text", True, description="The recommendation, in the partners' words."),
                _c("kpi_id", "kpi_id", description="The KPI it is meant to move (its id or its name), if any."),
                # A role or a team, never a person: the reports print it as written.
                _c("owner", "text", description="Who carries it: a role or a team (e.g. 'the Europe desk'), "
                                               "never a person's name — it is printed in the reports."),
                _c("due_date", "date", description="When it is due."),
                _c("status", "code", codes=RECOMMENDATION_STATUSES,
                   description="Where it stands at the latest review (empty: no follow-up recorded yet)."),
                _c("follow_up", "text", description="What was done about it, written at the later reviews."),
            ),
            key=("review", "recommendation"),
        ),
        Table(
            "institutions",
            "Reference table of institution codes and their aliases (shipped, extendable by the user).",
            (
                _c("code", "code", True, INSTITUTION_CODES, description="Institution code."),
                _c("name", "text", True, description="Official name."),
                _c("aliases", "text", description="Known spellings, separated by |."),
            ),
            key=("code",),
            source="reference",
        ),
    )
}

def _with_derived(table: Table) -> Table:
    """``table`` with a precision column after its dates and the provenance columns at the end."""
    if table.source != "raw":
        return table
    columns = list(table.columns)
    for c in table.columns:
        if c.kind == "date":
            columns.append(Column(f"{c.name}_precision", "precision", codes=PRECISIONS, derived=True,
                                  description=f"Precision of {c.name}: day, or the month/quarter/semester/year "
                                              "whose first day the date is."))
    columns += [
        Column("source_file", "source", derived=True, description="Raw file the row was read from."),
        Column("source_sheet", "source", derived=True, description="Its sheet (empty for a CSV file)."),
        Column("source_row", "source", derived=True, description="Its row number, as the spreadsheet numbers it."),
        Column("source_column", "source", derived=True,
               description="The header of the cell the row was read from, when a wide sheet (one column per year or "
                           "funder) was turned into rows."),
        Column("duplicate_sources", "source", derived=True,
               description="Where the duplicates merged into this row, or the older dated copies it supersedes, "
                           "were (file [sheet] row N; ...)."),
    ]
    return replace(table, columns=tuple(columns))


TABLES: dict[str, Table] = {name: _with_derived(t) for name, t in _DECLARED.items()}
RAW_TABLES = tuple(name for name, t in TABLES.items() if t.source == "raw")
# The tables KPIs are computed from: targets, the partners' commentary and their recommendations are about KPIs and
# the partnership, not data.
DATA_TABLES = tuple(name for name in RAW_TABLES if name not in ("kpi_targets", "commentary", "recommendations"))


@cache
def arrow_schema(table: str):
    """The Arrow schema of a processed table (stable types: same data in, same bytes out)."""
    import pyarrow as pa

    fields = []
    for c in TABLES[table].columns:
        if c.kind in ("code", "institution", "precision"):
            typ = pa.dictionary(pa.int8(), pa.string())
        elif c.kind == "date":
            typ = pa.date32()
        elif c.kind in ("money", "float"):
            typ = pa.float64()
        elif c.kind == "int" or c.name == "source_row":
            typ = pa.int64()
        elif c.kind == "bool":
            typ = pa.bool_()
        else:
            typ = pa.string()
        fields.append(pa.field(c.name, typ, nullable=not c.required))
    return pa.schema(fields)


@cache
def pandera_schema(table: str):
    """The pandera schema that a processed table must satisfy (types, codes, required, ranges, keys)."""
    import pandera.pandas as pa

    columns = {}
    for c in TABLES[table].columns:
        checks = []
        if c.codes:
            checks.append(pa.Check.isin(list(c.codes)))
        if c.minimum is not None:
            checks.append(pa.Check.ge(c.minimum))
        if c.maximum is not None:
            checks.append(pa.Check.le(c.maximum))
        if c.kind == "siren":
            checks.append(pa.Check.str_matches(r"^\d{9}$"))
        if c.kind == "period":
            checks.append(pa.Check.str_matches(r"^\d{4}(-\d{4})?$"))
        dtype = {
            "date": "datetime64[ms]",
            "money": "float64",
            "float": "float64",
            "int": "Int64",
            "bool": "boolean",
        }.get(c.kind)
        if c.name == "source_row":
            dtype = "Int64"
        if c.kind in ("code", "institution", "precision"):
            dtype = "category"
        columns[c.name] = pa.Column(dtype, checks=checks, nullable=not c.required, required=True)
    key = list(TABLES[table].key)
    return pa.DataFrameSchema(columns, strict=True, ordered=True, unique=key or None)


def data_dictionary_markdown() -> str:
    """The analysts' data dictionary, generated from the declarations above."""
    lines = [
        "# Data dictionary",
        "",
        "Generated by `partnership-metrics dictionary` from `src/partnership_metrics/schemas.py`; do not edit by hand.",
        "Tables live in `data/processed/<table>.parquet`. Load them with `partnership_metrics.load()`.",
        "`required` columns must be present in the raw spreadsheets; rows missing them are quarantined.",
        "",
    ]
    for t in TABLES.values():
        lines += [f"## `{t.name}`", "", t.description, ""]
        if t.key:
            lines += [f"Key: {', '.join(f'`{k}`' for k in t.key)}.", ""]
        lines += ["| column | type | required | allowed values / range | description |", "| --- | --- | --- | --- | --- |"]
        for c in t.columns:
            allowed = ", ".join(f"`{v}`" for v in c.codes)
            if c.minimum is not None or c.maximum is not None:
                lo = "" if c.minimum is None else f"≥ {c.minimum:g}"
                hi = "" if c.maximum is None else f"≤ {c.maximum:g}"
                allowed = " ".join(x for x in (lo, hi) if x)
            lines.append(
                f"| `{c.name}` | {KINDS[c.kind]} | {'yes' if c.required else ''} | {allowed} | {c.description} |"
            )
        lines.append("")
    return "\n".join(lines)
