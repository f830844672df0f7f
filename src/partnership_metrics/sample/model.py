"""The fictional partnership: its people, projects, funding, start-ups, events and EU proposals, drawn at random.

The years, the partners and their funder codes come from a :class:`Partnership`. Rows are plain dicts with the
tidy tables' column names; keys starting with "_" are links between rows and layout hints (which file a row goes
to) that never reach a table. Everything is drawn from ``random.Random`` seeded by strings, so the same
partnership, seed and scale give the same rows; ``scale`` repeats the partnership with its own draws.
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Any

from ..partnership import Partnership, default_partnership
from ..schemas import TABLES, luhn_ok

BACKLOG = 2  # years of projects already in the portfolios when the baseline starts
PEOPLE_POOL = 800
HORIZON_EUROPE_START = 2021  # EU calls before this year are Horizon 2020's
LOCKDOWN_YEAR = 2020  # most events of that year were held online


@dataclass(frozen=True)
class Calendar:
    """The sample's years: the baseline's first year to the period's last, and a backlog before."""

    first: int  # the partners' exports start with the baseline
    start: int  # the first year of the period: the partnership's way of working
    last: int
    baseline: str
    period: str

    @classmethod
    def of(cls, partnership: Partnership) -> Calendar:
        baseline_first = int(partnership.baseline.partition("-")[0])
        start, last = partnership.years
        return cls(baseline_first, start, last, partnership.baseline, partnership.period)

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(range(self.first, self.last + 1))

    @property
    def backlog(self) -> tuple[int, ...]:
        return tuple(range(self.first - BACKLOG, self.first))

    @property
    def end(self) -> dt.date:
        return dt.date(self.last, 12, 31)

    @property
    def frozen_time(self) -> dt.datetime:
        """When the files were last saved (their metadata and title blocks): early in the year after the period."""
        return dt.datetime(self.last + 1, 1, 15, 9, 0, 0)

    def era(self, year: int) -> str:
        return "partnership" if year >= self.start else "baseline"

    @property
    def target_periods(self) -> tuple[str, ...]:
        """Each year of the period, then the whole period."""
        years = tuple(str(y) for y in range(self.start, self.last + 1))
        return years + ((self.period,) if self.period not in years else ())

    @property
    def reference_periods(self) -> tuple[str, ...]:
        """Each year, the baseline and the period."""
        return tuple(str(y) for y in self.years) + tuple(p for p in (self.baseline, self.period)
                                                         if p not in {str(y) for y in self.years})


# How French running text names a funder: the article before its name and the name it goes by ("le CanceroPôle").
# A partner whose funder is not listed goes by its short name, without an article.
FRENCH_FORMS = {"canceropole_paca": ("le ", "CanceroPôle"), "inserm_transfert": ("", "Inserm Transfert"),
                "region_sud": ("la ", "Région"), "satt_sud_est": ("la ", "SATT"), "bpifrance": ("", "Bpifrance"),
                "anr": ("l'", "ANR"), "inca": ("l'", "INCa"), "eu": ("l'", "Union européenne")}
_OF = {"le ": "du ", "la ": "de la ", "l'": "de l'", "": "de "}


def _french(texts: dict) -> str:
    return texts.get("fr") or next(iter(texts.values()))


def partner_names(partnership: Partnership) -> dict[str, str]:
    """The partners' names as their files write them, for ``str.format``. For each partner code (``cpp``, ``it``):
    ``{cpp}`` its abbreviation, ``{cpp_short}`` / ``{cpp_short_en}`` its short name in French / English,
    ``{cpp_name}`` its full French name as typed (straight apostrophes), ``{cpp_the}`` "le CanceroPôle PACA",
    ``{cpp_the_familiar}`` "le CanceroPôle", ``{cpp_of_familiar}`` "du CanceroPôle"."""
    names = {}
    for p in partnership.partners:
        short = _french(p.short)
        article, familiar = FRENCH_FORMS.get(p.funder, ("", short))
        names.update({p.code: p.abbreviation, f"{p.code}_short": short, f"{p.code}_short_en": p.short.get("en", short),
                      f"{p.code}_name": _french(p.name).replace("\u2019", "'"), f"{p.code}_the": article + short,
                      f"{p.code}_the_familiar": article + familiar, f"{p.code}_of_familiar": _OF[article] + familiar})
    return names


# ----------------------------------------------------------------------------------------------- people, places

FIRST_NAMES = (
    "Marie", "Nathalie", "Isabelle", "Sylvie", "Catherine", "Sophie", "Christine", "Julie", "Camille", "Laura",
    "Claire", "Anne", "Céline", "Émilie", "Aurélie", "Valérie", "Sandrine", "Hélène", "Caroline", "Stéphanie",
    "Léa", "Manon", "Chloé", "Inès", "Pauline", "Jean", "Pierre", "Michel", "Philippe", "Nicolas", "Christophe",
    "Sébastien", "Julien", "Thomas", "François", "Olivier", "Stéphane", "Frédéric", "Éric", "Guillaume",
    "Antoine", "Alexandre", "Benoît", "Romain", "Maxime", "Lucas", "Hugo", "Yann", "Cédric", "Arnaud",
)
LAST_NAMES = (
    "Martin", "Bernard", "Dubois", "Robert", "Richard", "Durand", "Leroy", "Moreau", "Simon", "Lefèvre",
    "Garcia", "Bertrand", "Roux", "Fournier", "Morel", "Girard", "André", "Mercier", "Dupont", "Lambert",
    "Bonnet", "Martinez", "Legrand", "Garnier", "Faure", "Rousseau", "Guérin", "Muller", "Henry", "Perrin",
    "Morin", "Clément", "Gauthier", "Dumont", "Lopez", "Fontaine", "Chevalier", "Robin", "Masson", "Sanchez",
    "Gérard", "Boyer", "Denis", "Lemaire", "Duval", "Joly", "Roger", "Roche", "Meunier", "Brun",
)

INSTITUTION_WEIGHTS = {"AMU": 28, "UCA": 18, "APHM": 8, "CHUNICE": 5, "IPC": 10, "CAL": 6, "CNRS": 10,
                       "INSERM": 13, "OTHER": 2}
CITY = {"AMU": "marseille", "APHM": "marseille", "IPC": "marseille", "UCA": "nice", "CHUNICE": "nice", "CAL": "nice"}
UNITS = {
    "marseille": ("U1068", "UMR7258", "U1104", "UMR7280", "UMR1252", "U1263", "UMR7288", "U1251"),
    "nice": ("U1065", "UMR7284", "U1081", "UMR7275", "U1091", "UMR7370"),
}
# Reserved .example domains: realistic-looking addresses that cannot belong to anyone.
EMAIL_DOMAINS = {
    "AMU": "univ-amu.example", "UCA": "univ-cotedazur.example", "APHM": "ap-hm.example",
    "CHUNICE": "chu-nice.example", "IPC": "ipc.unicancer.example", "CAL": "nice.unicancer.example",
    "CNRS": "cnrs.example", "INSERM": "inserm.example",
}


# ----------------------------------------------------------------------------------------------- small helpers


def _fold(text: str) -> str:
    """ASCII, lower case, for e-mail local parts."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower().replace(" ", "-")


def _weighted(rng: random.Random, weights: dict) -> Any:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _day_in(rng: random.Random, year: int) -> dt.date:
    start = dt.date(year, 1, 1)
    return start + dt.timedelta(days=rng.randrange((dt.date(year + 1, 1, 1) - start).days))


def _workday_in(rng: random.Random, year: int) -> dt.date:
    while True:
        d = _day_in(rng, year)
        if d.weekday() < 5 and d.month != 8:
            return d


def _plus(d: dt.date, rng: random.Random, lo: int, hi: int) -> dt.date:
    return d + dt.timedelta(days=rng.randint(lo, hi))


def siren_check_digit(first8: str) -> str:
    """The digit that completes an 8-digit SIREN prefix into a Luhn-valid number."""
    return next(d for d in "0123456789" if luhn_ok(first8 + d))


def luhn_valid(number: str) -> bool:
    """True when ``number`` (digits only) passes the Luhn check used by SIREN numbers."""
    return number.isdigit() and luhn_ok(number)


# ------------------------------------------------------------------------------------------------------ the model


@dataclass(frozen=True)
class Person:
    """A researcher of the region (fictional), who may lead projects and attend events."""

    first: str
    last: str
    institution: str
    unit: str | None
    email: str

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


def _people(seed: int) -> list[Person]:
    rng = random.Random(f"{seed}:people")
    pairs = [(f, last) for f in FIRST_NAMES for last in LAST_NAMES]
    rng.shuffle(pairs)
    people, emails = [], set()
    for first, last in pairs[:PEOPLE_POOL]:
        inst = _weighted(rng, {k: w for k, w in INSTITUTION_WEIGHTS.items() if k != "OTHER"})
        city = CITY.get(inst) or rng.choice(("marseille", "nice"))
        hospital = inst in ("APHM", "CHUNICE")
        unit = None if hospital and rng.random() < 0.4 else rng.choice(UNITS[city])
        local = f"{_fold(first)}.{_fold(last)}"
        short = f"{_fold(first)[0]}.{_fold(last)}"
        if rng.random() < 0.2 and f"{short}@{EMAIL_DOMAINS[inst]}" not in emails:
            local = short
        email = f"{local}@{EMAIL_DOMAINS[inst]}"
        emails.add(email)
        people.append(Person(first, last, inst, unit, email))
    return people


TITLE_PARTS = {
    "therapeutic": ("Anticorps bispécifique ciblant {t}", "Inhibiteur sélectif de {t}", "Vaccin thérapeutique anti-{t}",
                    "Cellules CAR-T anti-{t}", "Radioligand anti-{t}", "Peptide bloquant {t}"),
    "diagnostic": ("Biomarqueur sanguin – {c}", "Test compagnon – {c}", "Signature ARN prédictive – {c}",
                   "Biopsie liquide pour le suivi – {c}"),
    "medical_device": ("Radiothérapie guidée par l'image – {c}", "Capteur implantable de suivi – {c}",
                       "Micro-dispositif de perfusion intratumorale", "Sonde d'imagerie peropératoire – {c}"),
    "digital_health": ("Algorithme d'IA de détection – {c}", "Application de suivi des patients – {c}",
                       "Jumeau numérique tumoral – {c}"),
    "research_tool": ("Organoïdes tumoraux dérivés de patients – {c}", "Modèle murin humanisé – {c}",
                      "Plateforme de criblage à haut débit", "Lignée cellulaire rapportrice {t}"),
    "other": ("Procédé de bioproduction {t}", "Base de données clinico-biologique – {c}"),
}
TARGETS = ("PD-L1", "HER2", "KRAS G12C", "CD73", "BTLA", "NKG2A", "B7-H3", "PARP1", "CDK4/6", "CLDN18.2")
CANCERS = ("cancer du pancréas", "cancer du sein triple négatif", "glioblastome", "mélanome", "cancer colorectal",
           "cancer du poumon", "lymphome", "carcinome hépatocellulaire", "cancer de la prostate", "cancer de l'ovaire")
SYLLABLES = ("ONCO", "IMMU", "TARG", "NANO", "PANC", "GLIO", "MEL", "CARE", "PRED", "VECT", "LUMI", "CYTO", "RADI",
             "SENS", "TheRA", "PROT", "GEN", "MARK")
TECH_WEIGHTS = {"therapeutic": 40, "diagnostic": 22, "medical_device": 12, "digital_health": 12,
                "research_tool": 10, "other": 4}


def _acronym(rng: random.Random) -> str:
    return (rng.choice(SYLLABLES) + rng.choice(SYLLABLES)).upper() + rng.choice(("", "", "-2", "+", "-AI"))


def _gen_projects(rng: random.Random, people_by_inst: dict, replica: int, cal: Calendar) -> list[dict]:
    projects = []
    for year in cal.backlog + cal.years:
        era = cal.era(year)
        p_joint = 0.30 if era == "partnership" else 0.06
        p_both = 0.30 if era == "partnership" else 0.08
        for _ in range(rng.randint(25, 40)):
            if rng.random() < p_joint:
                channel = "joint"
                supported = "both" if rng.random() < 0.85 else rng.choice(("cpp", "it"))
            else:
                channel = rng.choice(("cpp_call", "it_detection"))
                own = "cpp" if channel == "cpp_call" else "it"
                supported = "both" if rng.random() < p_both else (own if rng.random() < 0.9 else
                                                                  ("it" if own == "cpp" else "cpp"))
            inst = _weighted(rng, INSTITUTION_WEIGHTS)
            pi = rng.choice(people_by_inst.get(inst) or people_by_inst["AMU"])
            tech = _weighted(rng, TECH_WEIGHTS)
            title = rng.choice(TITLE_PARTS[tech]).format(t=rng.choice(TARGETS), c=rng.choice(CANCERS))
            file = {"cpp_call": "cpp", "it_detection": "it"}.get(channel) or rng.choice(("cpp", "it"))
            projects.append({
                "title": title, "acronym": _acronym(rng) if rng.random() < 0.55 else None,
                "lead_institution": inst, "research_unit": pi.unit, "technology_type": tech,
                "sourcing_channel": channel, "supported_by": supported, "detection_date": _day_in(rng, year),
                "disclosure_date": None, "priority_filing_date": None, "maturation_start_date": None,
                "licence_date": None, "abandon_date": None, "pi": pi.name,
                "_pi": pi, "_file": file, "_replica": replica, "_seq": len(projects),
            })
    return projects


# (milestone, previous milestone, per-year count range, minimum days after the previous one)
STAGES = (
    ("disclosure_date", "detection_date", (15, 20), 30),
    ("priority_filing_date", "disclosure_date", (7, 9), 60),
    ("maturation_start_date", "priority_filing_date", (4, 6), 30),
    ("licence_date", "priority_filing_date", (4, 6), 180),
)


def _allocate_milestones(rng: random.Random, projects: list[dict], cal: Calendar) -> None:
    """Give each year its count of disclosures, filings, maturations and licences, in funnel order."""
    for year in cal.backlog + cal.years:
        for stage, prev, (lo, hi), gap in STAGES:
            for day in sorted(_day_in(rng, year) for _ in range(rng.randint(lo, hi))):
                limit = day - dt.timedelta(days=gap)
                cands = [p for p in projects if p[prev] and p[prev] <= limit and not p[stage]]
                if stage == "licence_date":
                    matured = [p for p in cands if p["maturation_start_date"] and
                               p["maturation_start_date"] <= day - dt.timedelta(days=90)]
                    if matured and rng.random() < 0.7:
                        cands = matured
                if not cands:
                    continue
                # recent candidates are far likelier to progress than old ones
                cands.sort(key=lambda p: (p[prev], p["_seq"]), reverse=True)
                pick = cands[min(int(rng.expovariate(1 / 6)), len(cands) - 1)]
                pick[stage] = day
    for p in projects:
        if p["licence_date"]:
            continue
        last = max(p[s] for s in ("detection_date", "disclosure_date", "priority_filing_date",
                                  "maturation_start_date") if p[s])
        stop = _plus(last, rng, 300, 900)
        if stop <= cal.end and rng.random() < 0.5:
            p["abandon_date"] = stop


STARTUP_PREFIXES = ("Onco", "Immuno", "Thera", "Cyto", "Neo", "Nano", "Medi", "Radi", "Vecto", "Cellu", "Lumi",
                    "Prota")
STARTUP_SUFFIXES = ("via", "lys", "gen", "tix", " Bio", "pharm", " Therapeutics", " Diagnostics", "sense", "target",
                    "mune", " Care")


def _gen_startups(rng: random.Random, projects: list[dict], sirens: set, replica: int,
                  cal: Calendar) -> tuple[list, list]:
    startups, rounds = [], []
    for year in cal.years:
        for _ in range(rng.choice((1, 2, 2, 3))):
            created = _day_in(rng, year)
            used = {id(s["_project"]) for s in startups}
            cands = [p for p in projects if id(p) not in used and p["licence_date"] and
                     created - dt.timedelta(days=1100) <= p["licence_date"] <= created - dt.timedelta(days=20)]
            if not cands:
                cands = [p for p in projects if id(p) not in used and p["priority_filing_date"] and
                         p["priority_filing_date"] <= created - dt.timedelta(days=180)]
            if not cands:
                continue
            project = rng.choice(cands)
            while True:
                first8 = str(rng.choice((8, 9))) + "".join(str(rng.randrange(10)) for _ in range(7))
                siren = first8 + siren_check_digit(first8)
                if siren not in sirens:
                    sirens.add(siren)
                    break
            age = cal.last - year
            status = "active"
            if age >= 2 and rng.random() < 0.12:
                status = rng.choice(("acquired", "closed"))
            su = {
                "name": rng.choice(STARTUP_PREFIXES) + rng.choice(STARTUP_SUFFIXES), "siren": siren,
                "creation_date": created, "project_id": None, "lead_institution": project["lead_institution"],
                "status": status, "ilab_laureate": rng.random() < 0.4,
                "employees": rng.randint(2, 8) + age * rng.randint(1, 5),
                "_project": project, "_replica": replica, "_seq": len(startups),
            }
            startups.append(su)
            rounds += _gen_rounds(rng, su, cal.end)
    return startups, rounds


def _gen_rounds(rng: random.Random, su: dict, end: dt.date) -> list[dict]:
    created = su["creation_date"]
    plan = []
    if rng.random() < 0.5:
        plan.append(("grant", _plus(created, rng, 30, 200), rng.randrange(30, 91) * 1000))
    if rng.random() < 0.6:
        plan.append(("pre_seed", _plus(created, rng, 60, 300), rng.randrange(15, 61) * 10_000))
    if rng.random() < 0.55:
        plan.append(("seed", _plus(created, rng, 365, 730), rng.randrange(5, 21) * 100_000))
    if rng.random() < 0.3:
        plan.append(("series_a", _plus(created, rng, 900, 1400), rng.randrange(30, 81) * 100_000))
    if rng.random() < 0.2:
        plan.append(("loan", _plus(created, rng, 100, 500), rng.randrange(10, 31) * 10_000))
    plan = [x for x in plan if x[1] <= end]
    if not plan:  # every start-up of the sample raised something
        day = min(_plus(created, rng, 20, 90), end)
        plan.append(("grant", day, rng.randrange(30, 91) * 1000))
    return [{"startup_id": None, "round_date": d, "amount_eur": float(a), "round_type": t, "_startup": su}
            for t, d, a in sorted(plan, key=lambda x: x[1])]


# The funders of the draws are the packaged partnership's; funder_roles() gives their codes in another partnership.
EXTERNAL_FUNDERS = (  # funder, probability per partner-funded project, instrument, amount range (k€), file
    ("region_sud", 0.30, "grant", (50, 200), "cofin"),
    ("inca", 0.12, "grant", (100, 450), "cofin"),
    ("anr", 0.10, "grant", (150, 400), "cofin"),
    ("eu", 0.04, "grant", (400, 1500), "cofin"),
    ("bpifrance", 0.15, "loan", (100, 400), "it"),
    ("private", 0.10, "equity", (50, 500), "it"),
)


def funder_roles(partnership: Partnership) -> dict[str, str]:
    """Funder of the draws -> funder code here: ``cpp`` and ``it`` give the partners' own funders; the draws of a
    packaged partner's funder go to the partner replacing it, and those of a funder that is a partner here go to the
    packaged partner's funder it displaces (CanceroPôle PACA becomes an external funder where Région Sud is a
    partner)."""
    codes = {c: c for c in TABLES["funding"].column("funder").codes}
    for packaged, here in zip(default_partnership().partners, partnership.partners, strict=False):
        displaced = next(k for k, v in codes.items() if v == here.funder)
        codes[packaged.funder], codes[displaced] = here.funder, codes[packaged.funder]
    return {**codes, **{p.code: p.funder for p in partnership.partners}}


def _line(project, funder, instrument, amount, day, file, cal: Calendar) -> dict | None:
    if day is None or not (dt.date(cal.first, 1, 1) <= day <= cal.end):
        return None  # the partners' exports start with the baseline
    return {"funding_id": None, "project_id": None, "funder": funder, "instrument": instrument,
            "amount_eur": float(amount), "decision_date": day, "_project": project, "_file": file}


def _gen_funding(rng: random.Random, projects: list[dict], replica: int, cal: Calendar, F: dict) -> list[dict]:
    """Funding lines; ``F`` is :func:`funder_roles`."""
    lines: list[dict | None] = []
    for p in projects:
        own: list[dict | None] = []
        co_supported = p["supported_by"] == "both" and p["detection_date"].year >= cal.start
        if p["sourcing_channel"] in ("cpp_call", "joint") and rng.random() < (0.7 if co_supported else 0.55):
            own.append(_line(p, F["cpp"], "emergence", rng.randrange(30, 101) * 500,
                             _plus(p["detection_date"], rng, 20, 120), "cpp", cal))
        if co_supported and rng.random() < 0.5:  # the partnership's joint committees fund early proofs of concept
            own.append(_line(p, F["it"], "proof_of_concept", rng.randrange(20, 61) * 1000,
                             _plus(p["detection_date"], rng, 60, 300), "it", cal))
        mat = p["maturation_start_date"]
        if mat:
            funder = F["it"] if rng.random() < 0.8 else F["satt_sud_est"]
            decided = _plus(mat, rng, -90, -15)
            own.append(_line(p, funder, "maturation", rng.randrange(80, 301) * 1000, decided, "it", cal))
            # co-funding without co-support (a coordination gap) was common before the partnership
            if p["supported_by"] == "both":
                p_co = 0.75
            else:
                p_co = 0.1 if cal.era(mat.year) == "partnership" else 0.3
            if rng.random() < p_co:
                own.append(_line(p, F["cpp"], "proof_of_concept", rng.randrange(60, 161) * 500,
                                 min(_plus(decided, rng, -30, 60), cal.end), "cpp", cal))
        elif p["priority_filing_date"] and rng.random() < 0.3:
            own.append(_line(p, F["it"], "proof_of_concept", rng.randrange(20, 61) * 1000,
                             _plus(p["priority_filing_date"], rng, 30, 200), "it", cal))
        own = [x for x in own if x]
        partner = [x for x in own if x["funder"] in (F["cpp"], F["it"])]
        if partner:
            first = min(x["decision_date"] for x in partner)
            for funder, prob, instrument, (lo, hi), file in EXTERNAL_FUNDERS:
                if rng.random() < prob:
                    amount = rng.randrange(lo, hi + 1) * 1000
                    if rng.random() < 0.3:  # notified to the cent
                        amount += rng.randrange(1, 100_000) / 100
                    own.append(_line(p, F[funder], instrument, amount, _plus(first, rng, 30, 540), file, cal))
        lines += own
    for year in cal.years:  # lines not tied to one project
        lines.append(_line(None, F["cpp"], "grant", rng.randrange(40, 121) * 500, _day_in(rng, year), "cpp", cal))
        if year >= cal.start:
            lines.append(_line(None, F["region_sud"], "grant", rng.randrange(100, 251) * 1000, _day_in(rng, year),
                               "cofin", cal))
    out = [x for x in lines if x]
    for i, x in enumerate(out):
        x["_replica"], x["_seq"] = replica, i
    return out


EVENT_TITLES = {
    "training": ("Formation : protéger ses résultats de recherche", "Formation propriété intellectuelle et brevets",
                 "De la paillasse au marché : formation valorisation"),
    "awareness": ("Matinale valorisation en oncologie", "Sensibilisation à la création de start-up",
                  "Petit-déjeuner innovation et transfert"),
    "workshop": ("Atelier montage de projets Horizon Europe", "Atelier business model et marché",
                 "Atelier contrats de collaboration"),
    "pitch": ("Session de pitchs – projets de maturation", "Pitch day start-up oncologie"),
    "conference": ("Journée scientifique {cpp_of_familiar} – session valorisation",
                   "Colloque innovation en cancérologie"),
    "webinar": ("Webinaire Mission Cancer : les appels {y}", "Webinaire i-Lab : candidater au concours",
                "Webinaire ERC : préparer son dossier"),
}
EVENT_TYPE_WEIGHTS = {"training": 25, "awareness": 20, "workshop": 20, "pitch": 10, "conference": 10, "webinar": 15}


def _gen_events(rng: random.Random, people: list[Person], replica: int, cal: Calendar,
                names: dict) -> list[dict]:
    events = []
    for year in cal.years:
        p_joint = 0.45 if cal.era(year) == "partnership" else 0.10
        for _ in range(rng.randint(6, 12)):
            kind = _weighted(rng, EVENT_TYPE_WEIGHTS)
            organiser = "joint" if rng.random() < p_joint else rng.choice(("cpp", "it"))
            if kind == "webinar" or (year == LOCKDOWN_YEAR and rng.random() < 0.6):
                site = "online"
            else:
                site = _weighted(rng, {"marseille": 55, "nice": 35, "other": 10})
            attendees = rng.randint(10, 120)
            has_list = rng.random() < (0.5 if site == "online" else 0.9)
            events.append({
                "event_date": _workday_in(rng, year),
                "title": rng.choice(EVENT_TITLES[kind]).format(y=year, **names), "event_type": kind,
                "organiser": organiser, "site": site, "attendees": attendees,
                "satisfaction": round(rng.uniform(3.4, 4.8), 1) if rng.random() < 0.8 else None,
                "_attendees": rng.sample(people, attendees) if has_list else [],
                "_replica": replica, "_seq": len(events),
            })
    return events


CALLS = {  # programme -> call id patterns ({y} = submission year)
    "horizon_health": ("HORIZON-HLTH-{y}-DISEASE-04-01", "HORIZON-HLTH-{y}-TOOL-11-02",
                       "HORIZON-HLTH-{y}-STAYHLTH-01-04"),
    "cancer_mission": ("HORIZON-MISS-{y}-CANCER-01-01", "HORIZON-MISS-{y}-CANCER-01-03",
                       "HORIZON-MISS-{y}-CANCER-02-01"),
    "erc": ("ERC-{y}-STG", "ERC-{y}-COG", "ERC-{y}-ADG"),
    "msca": ("HORIZON-MSCA-{y}-PF-01", "HORIZON-MSCA-{y}-DN-01"),
    "eic": ("HORIZON-EIC-{y}-PATHFINDEROPEN-01", "HORIZON-EIC-{y}-TRANSITIONOPEN-01"),
    "eu4health": ("EU4H-{y}-PJ-02",),
    "other": ("ERA-PERMED-{y}", "TRANSCAN-3-{y}"),
}
CALLS_H2020 = {
    "horizon_health": ("SC1-BHC-02-{y}", "SC1-DTH-07-{y}"), "erc": ("ERC-{y}-STG", "ERC-{y}-COG"),
    "msca": ("MSCA-IF-{y}", "MSCA-ITN-{y}"), "other": ("TRANSCAN-2-{y}",),
}
REQUESTED = {"horizon_health": (300, 1500), "cancer_mission": (300, 2000), "erc": (1500, 2500),
             "msca": (180, 900), "eic": (1000, 3000), "eu4health": (200, 800), "other": (100, 500)}


def _gen_eu(rng: random.Random, replica: int, cal: Calendar) -> list[dict]:
    proposals = []
    for year in cal.years:
        era = cal.era(year)
        horizon_europe = year >= HORIZON_EUROPE_START
        weights = ({"horizon_health": 30, "cancer_mission": 25, "erc": 15, "msca": 15, "eic": 10, "eu4health": 5}
                   if horizon_europe else {"horizon_health": 45, "erc": 25, "msca": 25, "other": 5})
        batch = []
        for _ in range(rng.randint(6, 15)):
            programme = _weighted(rng, weights)
            calls = (CALLS if horizon_europe else CALLS_H2020)[programme]
            submitted = _day_in(rng, year)
            individual = programme in ("erc", "msca") and rng.random() < 0.7
            role = "coordinator" if individual or rng.random() < (0.25 if era == "partnership" else 0.15) else "partner"
            lo, hi = REQUESTED[programme]
            result = _plus(submitted, rng, 120, 240)
            status = "pending" if result > cal.end else ("withdrawn" if rng.random() < 0.04 else "not_funded")
            batch.append({
                "acronym": _acronym(rng), "programme": programme, "call_id": rng.choice(calls).format(y=year),
                "submission_date": submitted, "role": role,
                "institution": _weighted(rng, {k: w for k, w in INSTITUTION_WEIGHTS.items() if k != "OTHER"}),
                "supported_by": "both" if rng.random() < (0.4 if era == "partnership" else 0.1)
                else rng.choice(("cpp", "it")),
                "requested_eur": float(rng.randrange(lo, hi + 1) * 1000), "status": status,
                "granted_eur": None, "result_date": result if status in ("not_funded",) else None,
            })
        decided = [b for b in batch if b["status"] == "not_funded"]
        rate = rng.uniform(0.17, 0.22) if era == "partnership" else rng.uniform(0.14, 0.18)
        n_funded = max(1, round(len(decided) * rate)) if len(decided) >= 2 else 0
        for b in rng.sample(decided, n_funded):
            b["status"] = "funded"
            b["granted_eur"] = float(round(b["requested_eur"] * rng.uniform(0.85, 1.0) / 1000) * 1000)
        for b in batch:
            b["_file"] = {"cpp": "cpp", "it": "en"}.get(b["supported_by"]) or rng.choice(("cpp", "en"))
            b["_replica"], b["_seq"] = replica, len(proposals)
            proposals.append(b)
    return proposals


def _assign_ids(rows: list[dict], id_col: str, date_col: str, pattern: dict) -> None:
    """Number rows per file and year in date order (ids unique across files)."""
    counters: Counter = Counter()
    for r in sorted(rows, key=lambda r: (r[date_col], r["_replica"], r["_seq"])):
        key = (r.get("_file"), r[date_col].year)
        counters[key] += 1
        r[id_col] = pattern[r.get("_file")].format(y=r[date_col].year, yy=r[date_col].year % 100, n=counters[key])


@dataclass
class Model:
    """The drawn partnership: rows per table, the pool of people, and what they were drawn for."""

    tables: dict[str, list[dict]]
    people: list[Person]
    partnership: Partnership
    calendar: Calendar
    names: dict[str, str]  # partner_names()


def build_model(seed: int, scale: int, partnership: Partnership) -> Model:
    """The rows of every raw table but the targets (which :mod:`.reference` sets around the KPI values)."""
    cal, names, funders = Calendar.of(partnership), partner_names(partnership), funder_roles(partnership)
    people = _people(seed)
    by_inst: dict[str, list[Person]] = {}
    for person in people:
        by_inst.setdefault(person.institution, []).append(person)
    projects, funding, startups, rounds, events, proposals = [], [], [], [], [], []
    sirens: set[str] = set()
    for replica in range(scale):
        rng = random.Random(f"{seed}:partnership:{replica}")
        ps = _gen_projects(rng, by_inst, replica, cal)
        _allocate_milestones(rng, ps, cal)
        su, ro = _gen_startups(rng, ps, sirens, replica, cal)
        projects += ps
        startups += su
        rounds += ro
        funding += _gen_funding(rng, ps, replica, cal, funders)
        events += _gen_events(rng, people, replica, cal, names)
        proposals += _gen_eu(rng, replica, cal)
    cpp, it = names["cpp"], names["it"]  # ids start with the partners' abbreviations
    _assign_ids(projects, "project_id", "detection_date", {"cpp": cpp + "-{y}-{n:03d}", "it": it + "-{y}-D{n:03d}"})
    _assign_ids(funding, "funding_id", "decision_date",
                {"cpp": cpp + "-F{y}-{n:02d}", "cofin": "COF-{y}-{n:02d}", "it": it + "F-{y}-{n:03d}"})
    _assign_ids(startups, "startup_id", "creation_date", {None: "SU-{y}-{n:02d}"})
    _assign_ids(events, "event_id", "event_date", {None: "EVT-{y}-{n:02d}"})
    _assign_ids(proposals, "proposal_id", "submission_date", {"cpp": cpp + "-EU-{y}-{n:02d}", "en": "EU{y}-{n:03d}"})
    for line in funding:
        line["project_id"] = line["_project"]["project_id"] if line["_project"] else None
    for su in startups:
        su["project_id"] = su["_project"]["project_id"]
    for r in rounds:
        r["startup_id"] = r["_startup"]["startup_id"]
    attendance = [
        {"event_id": e["event_id"], "attendee": p.name, "institution": p.institution, "research_unit": p.unit,
         "_event": e, "_person": p}
        for e in sorted(events, key=lambda e: e["event_id"]) for p in e["_attendees"]
    ]
    for e in events:
        if e["_attendees"]:
            e["attendees"] = len(e["_attendees"])
    tables = {"projects": projects, "funding": funding, "startups": startups, "startup_rounds": rounds,
              "events": events, "event_attendance": attendance, "eu_proposals": proposals}
    return Model(tables, people, partnership, cal, names)


