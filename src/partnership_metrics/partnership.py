"""The partnership's facts (partners, signing date, period, baseline, languages, headline KPIs, funder groups,
benchmarks), read once from a reviewed ``partnership.yaml`` into a frozen :class:`Partnership`.

The package ships the file of the CanceroPôle PACA × Inserm Transfert partnership; a user's own file replaces it:
``--config FILE``, or ``partnership.yaml`` in the reference folder. Nothing about a particular partnership is
written in Python: code receives a :class:`Partnership` (or asks :func:`default_partnership`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .errors import FatalInputError
from .paths import PACKAGE_DIR
from .resources import load_yaml

PACKAGED_FILE = PACKAGE_DIR / "partnership.yaml"
FILE_NAME = "partnership.yaml"
SLOTS = ("cpp", "it")  # the partner codes of the tidy tables (supported_by, organiser, sourcing_channel)
MAX_FUNDER_GROUPS = 6
_PERIOD = re.compile(r"^(\d{4})(?:-(\d{4}))?$")
_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
_ABBREVIATION = re.compile(r"^\w[\w-]*$")  # goes into file names


@dataclass(frozen=True)
class Partner:
    code: str  # cpp or it
    funder: str  # code in funding.funder
    name: dict  # lang -> full name
    short: dict  # lang -> short name
    colour: str
    abbreviation: str = ""  # as the partners write it in file names, ids and labels (CPP, IT); default: the code


@dataclass(frozen=True)
class FunderGroup:
    id: str
    funders: tuple[str, ...]
    label: dict  # lang -> text
    colour: str


@dataclass(frozen=True)
class Benchmark:
    id: str
    kpi: str
    value: float
    year: int
    scope: dict  # lang -> text
    source_title: str
    source_url: str
    note: dict  # lang -> text (may be empty)
    applies_from: int | None = None  # the first year the value applies to (None: every year)


@dataclass(frozen=True)
class Partnership:
    """Everything that is true of one partnership and of no other."""

    name: dict
    signed: dt.date
    period: str  # "2021-2023"
    baseline: str  # "2018-2020"
    languages: tuple[str, ...]
    partners: tuple[Partner, ...]
    joint_label: dict
    joint_colour: str
    headline_kpis: tuple[str, ...]
    funder_groups: tuple[FunderGroup, ...]
    benchmarks: tuple[Benchmark, ...]
    source: str = "packaged"  # the file it was read from
    time_zone: str = "UTC"  # where its tools' timestamps are local time (IANA name); UTC when the file says none

    @property
    def default_language(self) -> str:
        return self.languages[0]

    @property
    def years(self) -> tuple[int, int]:
        """(first, last) year of the report period."""
        first, last = _years(self.period)
        return first, last

    @property
    def last_year(self) -> int:
        return self.years[1]

    @property
    def partner_funders(self) -> tuple[str, ...]:
        """The partners' codes in ``funding.funder``."""
        return tuple(p.funder for p in self.partners)

    def partner(self, code: str) -> Partner:
        for p in self.partners:
            if code in (p.code, p.funder):
                return p
        raise KeyError(f"no partner {code!r}")

    def partners_line(self, lang: str) -> str:
        """``CanceroPôle Provence-Alpes-Côte d'Azur × Inserm Transfert``."""
        return " × ".join(p.name[lang] for p in self.partners)

    def colours(self) -> dict[str, str]:
        """Partner code (and ``joint``) -> colour."""
        return {**{p.code: p.colour for p in self.partners}, "joint": self.joint_colour}

    def benchmark(self, kpi_id: str) -> Benchmark | None:
        for b in self.benchmarks:
            if b.kpi == kpi_id:
                return b
        return None

    def funder_group_of(self, funder: str) -> FunderGroup | None:
        for g in self.funder_groups:
            if funder in g.funders:
                return g
        return None


def _years(period: str) -> tuple[int, int]:
    match = _PERIOD.match(str(period))
    first = int(match.group(1))
    return first, int(match.group(2) or first)


@cache
def default_partnership() -> Partnership:
    """The partnership shipped with the package (parsed once: the packaged file never changes)."""
    return read_partnership(PACKAGED_FILE)


def find_partnership(config: Path | None = None, reference_dir: Path | None = None) -> Partnership:
    """The partnership of a run: ``config`` if given, else ``partnership.yaml`` in ``reference_dir`` if there,
    else the packaged default."""
    if config is not None:
        if not Path(config).is_file():
            raise FatalInputError(str(config), "no such file", "give the partnership file with --config")
        return read_partnership(Path(config))
    if reference_dir is not None and (Path(reference_dir) / FILE_NAME).is_file():
        return read_partnership(Path(reference_dir) / FILE_NAME)
    return default_partnership()


def partnership_of_tables(processed_dir: Path, config: Path | None = None) -> Partnership:
    """The partnership of a folder of tidy tables: ``config`` if given, else the copy that ``ingest`` saved beside
    the tables (``partnership.yaml``), else the packaged default."""
    if config is not None:
        return find_partnership(config)
    saved = Path(processed_dir) / FILE_NAME
    return read_partnership(saved) if saved.is_file() else default_partnership()


def read_partnership(path: Path) -> Partnership:
    """Read and check a partnership file; a one-line :class:`FatalInputError` naming the file and key if wrong."""
    data = load_yaml(path, what="see the packaged partnership.yaml for its format")
    return _Reader(path).partnership(data)


class _Reader:
    """Checks each key of a partnership file, so that a mistake is one line naming the key."""

    def __init__(self, path: Path):
        self.path = path

    def fail(self, key: str, problem: str):
        raise FatalInputError(f"{self.path}", f"{key}: {problem}", "fix it (see the packaged partnership.yaml)")

    def get(self, data, key: str, where: str = ""):
        if not isinstance(data, dict) or key not in data:
            self.fail(where + key, "missing")
        return data[key]

    def texts(self, value, key: str, languages) -> dict:
        if isinstance(value, str):
            return {lang: value for lang in languages}
        if not isinstance(value, dict) or not all(isinstance(value.get(lang), str) for lang in languages):
            self.fail(key, f"give a text for each language ({', '.join(languages)})")
        return {lang: value[lang] for lang in languages}

    def colour(self, value, key: str) -> str:
        if not isinstance(value, str) or not _COLOUR.match(value):
            self.fail(key, f"{value!r} is not a colour such as \"#0072B2\"")
        return value

    def abbreviation(self, value, key: str) -> str:
        if not isinstance(value, str) or not _ABBREVIATION.match(value):
            self.fail(key, f"{value!r} is not an abbreviation such as CPP (letters, digits and hyphens)")
        return value

    def period(self, value, key: str) -> str:
        match = _PERIOD.match(str(value))
        if not match or int(match.group(2) or match.group(1)) < int(match.group(1)):
            self.fail(key, f"{value!r} is not a year or a period such as 2024-2026")
        return str(value)

    def partnership(self, data) -> Partnership:
        from .schemas import TABLES

        if not isinstance(data, dict):
            self.fail("file", "is not a list of 'key: value' lines")
        languages = self.get(data, "languages")
        if not isinstance(languages, list) or not languages or set(languages) - {"fr", "en"}:
            self.fail("languages", "give a list of fr and/or en, the default first")
        languages = tuple(languages)
        signed = self.get(data, "signed")
        if not isinstance(signed, dt.date):
            self.fail("signed", f"{signed!r} is not a date such as 2024-01-31")
        period = self.period(self.get(data, "period"), "period")
        baseline = self.period(self.get(data, "baseline"), "baseline")
        if _years(baseline)[0] >= _years(period)[0]:
            self.fail("baseline", f"{baseline} must come before the period {period}")
        funders = TABLES["funding"].column("funder").codes
        partners = []
        items = self.get(data, "partners")
        if not isinstance(items, list) or [p.get("code") if isinstance(p, dict) else None for p in items] != list(SLOTS):
            self.fail("partners", f"list the two partners, with code {SLOTS[0]} then {SLOTS[1]}")
        for n, item in enumerate(items):
            key = f"partners[{n}]"
            funder = self.get(item, "funder", key + ".")
            if funder not in funders:
                self.fail(key + ".funder", f"{funder!r} is not a funder code ({', '.join(funders)})")
            partners.append(Partner(item["code"], funder, self.texts(self.get(item, "name", key + "."), key + ".name",
                                                                    languages),
                                    self.texts(item.get("short", item["name"]), key + ".short", languages),
                                    self.colour(self.get(item, "colour", key + "."), key + ".colour"),
                                    self.abbreviation(item.get("abbreviation", item["code"].upper()),
                                                      key + ".abbreviation")))
        joint = self.get(data, "joint")
        kpi_ids = _kpi_ids()
        headline = self.get(data, "headline_kpis")
        unknown = [k for k in headline or [] if k not in kpi_ids] if isinstance(headline, list) else ["?"]
        if unknown or not headline:
            self.fail("headline_kpis", f"unknown KPI id(s) {', '.join(map(str, unknown))}" if unknown else "empty")
        groups = self._funder_groups(self.get(data, "funder_groups"), partners, funders, languages)
        benchmarks = tuple(self._benchmark(b, n, kpi_ids, languages)
                           for n, b in enumerate(data.get("benchmarks") or []))
        return Partnership(
            name=self.texts(self.get(data, "name"), "name", languages), signed=signed, period=period,
            baseline=baseline, languages=languages, partners=tuple(partners),
            joint_label=self.texts(self.get(joint, "label", "joint."), "joint.label", languages),
            joint_colour=self.colour(self.get(joint, "colour", "joint."), "joint.colour"),
            headline_kpis=tuple(headline), funder_groups=groups, benchmarks=benchmarks, source=str(self.path),
            time_zone=self.time_zone(data.get("time_zone", "UTC")),
        )

    def time_zone(self, value) -> str:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(str(value))
        except (ZoneInfoNotFoundError, ValueError):
            self.fail("time_zone", f"{value!r} is not a time zone (write an IANA name such as Europe/Paris)")
        return str(value)

    def _funder_groups(self, items, partners, funders, languages) -> tuple[FunderGroup, ...]:
        if not isinstance(items, list) or not 0 < len(items) <= MAX_FUNDER_GROUPS:
            self.fail("funder_groups", f"give 1 to {MAX_FUNDER_GROUPS} groups")
        by_code = {p.code: p for p in partners}
        seen: list[str] = []
        groups = []
        for n, item in enumerate(items):
            key = f"funder_groups[{n}]"
            group_id = str(self.get(item, "id", key + "."))
            codes = self.get(item, "funders", key + ".")
            if not isinstance(codes, list) or not codes or set(codes) - set(funders):
                self.fail(key + ".funders", f"give funder codes among {', '.join(funders)}")
            seen += codes
            partner = by_code.get(group_id)
            label = item.get("label") or (partner.short if partner else None)
            colour = item.get("colour") or (partner.colour if partner else None)
            if label is None or colour is None:
                self.fail(key, "give a label and a colour (only a partner's group takes them from the partner)")
            groups.append(FunderGroup(group_id, tuple(codes), self.texts(label, key + ".label", languages),
                                      self.colour(colour, key + ".colour")))
        missing = [f for f in funders if f not in seen]
        twice = sorted({f for f in seen if seen.count(f) > 1})
        if missing or twice:
            self.fail("funder_groups", f"each funder code in exactly one group (missing: {', '.join(missing) or '-'}"
                                       f"; twice: {', '.join(twice) or '-'})")
        return tuple(groups)

    def _benchmark(self, item, n, kpi_ids, languages) -> Benchmark:
        key = f"benchmarks[{n}]"
        kpi = self.get(item, "kpi", key + ".")
        if kpi not in kpi_ids:
            self.fail(key + ".kpi", f"unknown KPI id {kpi!r}")
        value, year = self.get(item, "value", key + "."), self.get(item, "year", key + ".")
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.fail(key + ".value", f"{value!r} is not a number")
        if isinstance(year, bool) or not isinstance(year, int):
            self.fail(key + ".year", f"{year!r} is not a year")
        applies_from = item.get("applies_from")
        if applies_from is not None and (isinstance(applies_from, bool) or not isinstance(applies_from, int)):
            self.fail(key + ".applies_from", f"{applies_from!r} is not a year")
        source = self.get(item, "source", key + ".")
        note = item.get("note")
        return Benchmark(str(self.get(item, "id", key + ".")), kpi, float(value), year,
                         self.texts(self.get(item, "scope", key + "."), key + ".scope", languages),
                         str(self.get(source, "title", key + ".source.")), str(self.get(source, "url", key + ".source.")),
                         self.texts(note, key + ".note", languages) if note else {}, applies_from)


def _kpi_ids() -> set[str]:
    from .indicators import indicators

    return {i.id for i in indicators()}
