"""A fictional CanceroPôle PACA x Inserm Transfert partnership (2018-2023), written as messy partner spreadsheets.

``partnership-metrics sample-data`` calls :func:`write_sample`. The files look like what the partners keep: the
CanceroPôle's French workbook (title block, merged title, headers with line breaks and units, dates as cells and as
text, money in k€ and as ``1 234 567,50 €`` strings, a hidden dropdown sheet, a notes sheet, a TOTAL row, blank
rows), Inserm Transfert's cp1252 ``;`` CSV exports (one per year, two header templates), an events workbook with an
attendance sheet, an English workbook for EU proposals and start-ups, and the targets as an ``.ods`` file.

A few bad rows are planted on purpose; the returned ``truth`` says, for every file and sheet, how many rows a
correct ingestion accepts, quarantines and drops, and lists the people written (to check pseudonymisation).
:func:`expected_tables` gives the clean tables a correct ingestion must produce (people in clear).

Everything is drawn from ``random.Random`` seeded by strings, so the same seed and scale give the same bytes.
``scale`` repeats the partnership (each repetition has its own draws), so volumes grow K-fold; the targets file
keeps one row per KPI and period.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import random
import statistics
import unicodedata
import zipfile
from xml.sax.saxutils import escape
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .partnership import default_partnership
from .schemas import TABLES
from .ingest.parsers import luhn_ok

FIRST_YEAR, LAST_YEAR = 2018, 2023
YEARS = tuple(range(FIRST_YEAR, LAST_YEAR + 1))
BACKLOG_YEARS = (2016, 2017)  # projects already in the portfolios when the baseline starts
PARTNERSHIP_START = 2021
END = dt.date(LAST_YEAR, 12, 31)
FROZEN_TIME = dt.datetime(2024, 1, 15, 9, 0, 0)  # workbook metadata and zip entry dates: byte-stable files
PEOPLE_POOL = 800
NNBSP, NBSP = "\u202f", "\u00a0"

CPP_WORKBOOK = "CPP_suivi_valorisation_2018-2023.xlsx"
EVENTS_WORKBOOK = "Formations_evenements_2018-2023.xlsx"
EU_WORKBOOK = "EU_proposals_and_startups.xlsx"
TARGETS_ODS = "Objectifs_partenariat_2021-2023.ods"
IT_PROJECTS_CSV = "IT_detections_projets_{year}.csv"
IT_FUNDING_CSV = "IT_decisions_financement_{year}.csv"

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

# Institution code -> spellings as people write them (the first is the most common).
INSTITUTION_SPELLINGS = {
    "AMU": ("Aix-Marseille Université", "AMU", "amU - Aix-Marseille Université", "Aix Marseille Univ.",
            "Aix-Marseille Univ"),
    "UCA": ("Université Côte d'Azur", "UniCA", "Univ. Côte d'Azur", "UCA", "Université Cote d'Azur"),
    "APHM": ("AP-HM", "APHM", "Assistance Publique - Hôpitaux de Marseille"),
    "CHUNICE": ("CHU de Nice", "CHU Nice"),
    "IPC": ("Institut Paoli-Calmettes", "Paoli-Calmettes", "IPC"),
    "CAL": ("Centre Antoine Lacassagne", "Centre A. Lacassagne", "CAL"),
    "CNRS": ("CNRS", "C.N.R.S."),
    "INSERM": ("Inserm", "INSERM"),
    "OTHER": ("Autre",),
}
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

MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
             "novembre", "décembre")

# ------------------------------------------------------------------------------------ labels as partners write them
# code -> variants; the first variant is the usual one.

CPP_LABELS = {
    "sourcing_channel": {"cpp_call": ("Appel à projets CPP", "AAP CPP"), "it_detection": ("Détection IT",),
                         "joint": ("Conjoint",)},
    "supported_by": {"cpp": ("CPP",), "it": ("IT", "Inserm Transfert"), "both": ("CPP + IT",)},
    "technology_type": {"therapeutic": ("Thérapeutique",), "diagnostic": ("Diagnostic",),
                        "medical_device": ("Dispositif médical",), "digital_health": ("Santé numérique",),
                        "research_tool": ("Outil de recherche",), "other": ("Autre",)},
    "funder": {"canceropole_paca": ("CanceroPôle PACA", "CPP"),
               "region_sud": ("Région Sud", "Région Provence-Alpes-Côte d'Azur"),
               "inca": ("INCa", "Institut National du Cancer"), "anr": ("ANR",),
               "eu": ("Union européenne", "UE")},
    "instrument": {"emergence": ("Émergence",), "proof_of_concept": ("Preuve de concept",),
                   "grant": ("Subvention",), "maturation": ("Maturation",), "loan": ("Prêt",),
                   "equity": ("Fonds propres",)},
    "programme": {"horizon_health": ("Horizon Europe – Santé",), "cancer_mission": ("Mission Cancer",),
                  "erc": ("ERC",), "msca": ("MSCA", "Marie Skłodowska-Curie"), "eic": ("EIC",),
                  "eu4health": ("EU4Health",), "other": ("Autre",)},
    "programme_h2020": {"horizon_health": ("H2020 – Santé",)},
    "role": {"coordinator": ("Coordinateur",), "partner": ("Partenaire",)},
    "status": {"funded": ("Financé",), "not_funded": ("Non retenu",), "pending": ("En attente",),
               "withdrawn": ("Retiré",)},
}
IT_LABELS = {  # Inserm Transfert's exports: mixed French and English, two templates (until 2020 / from 2021)
    "sourcing_channel": {"it_detection": ("Détection IT",), "joint": ("Conjointe CPP/IT",)},
    "supported_by_old": {"it": ("IT",), "cpp": ("CPP",), "both": ("Les deux",)},
    "supported_by": {"it": ("IT",), "cpp": ("CPP",), "both": ("IT + CPP",)},
    "technology_type": {"therapeutic": ("Therapeutics",), "diagnostic": ("Diagnostics",),
                        "medical_device": ("Medical device",), "digital_health": ("e-santé",),
                        "research_tool": ("Research tool",), "other": ("Other",)},
    "funder": {"inserm_transfert": ("Inserm Transfert", "IT"), "bpifrance": ("Bpifrance", "BPI France"),
               "satt_sud_est": ("SATT Sud-Est",), "private": ("Privé", "Investisseur privé")},
    "instrument_old": {"maturation": ("Programme de maturation",), "proof_of_concept": ("Preuve de concept",),
                       "loan": ("Prêt",), "equity": ("Prise de participation",), "grant": ("Subvention",)},
    "instrument": {"maturation": ("Maturation",), "proof_of_concept": ("PoC",), "loan": ("Prêt d'amorçage",),
                   "equity": ("Prise de participation",), "grant": ("Subvention",)},
}
EN_LABELS = {
    "programme": {"horizon_health": ("Horizon Europe Health", "HE Cluster 1"),
                  "cancer_mission": ("EU Mission on Cancer", "Cancer Mission"), "erc": ("ERC",), "msca": ("MSCA",),
                  "eic": ("EIC", "EIC Pathfinder"), "eu4health": ("EU4Health",), "other": ("Other",)},
    "programme_h2020": {"horizon_health": ("H2020 Health", "H2020 SC1")},
    "role": {"coordinator": ("Coordinator",), "partner": ("Partner",)},
    "status": {"funded": ("Funded",), "not_funded": ("Not funded",), "pending": ("Pending",),
               "withdrawn": ("Withdrawn",)},
    "supported_by": {"cpp": ("CPP",), "it": ("Inserm Transfert",), "both": ("Both",)},
    "startup_status": {"active": ("Active",), "acquired": ("Acquired",), "closed": ("Closed",)},
    "round_type": {"pre_seed": ("Pre-seed",), "seed": ("Seed",), "series_a": ("Series A",),
                   "series_b_plus": ("Series B",), "grant": ("Grant",), "loan": ("Loan",), "other": ("Other",)},
}
EVENT_LABELS = {
    "event_type": {"training": ("Formation",), "awareness": ("Sensibilisation",), "workshop": ("Atelier",),
                   "pitch": ("Pitch",), "conference": ("Conférence",), "webinar": ("Webinaire",)},
    "organiser": {"cpp": ("CPP",), "it": ("Inserm Transfert", "IT"), "joint": ("Co-organisé",)},
    "site": {"marseille": ("Marseille",), "nice": ("Nice",), "online": ("En ligne",), "other": ("Autre",)},
}

# ------------------------------------------------------------------------------------------------- the KPI targets

# (id, unit, direction, French label) of the KPIs that get targets: 28 of the 30 of SPEC §6 (no target is set for
# the funding concentration index nor the maturation conversion, as in real agreements).
TARGET_KPIS = (
    ("val_projects_detected", "count", "up", "Projets détectés"),
    ("val_invention_disclosures", "count", "up", "Déclarations d'invention"),
    ("val_priority_filings", "count", "up", "Dépôts de brevet prioritaires"),
    ("val_maturation_projects", "count", "up", "Projets entrés en maturation"),
    ("val_maturation_eur", "eur", "up", "Financement de maturation (€)"),
    ("val_licences", "count", "up", "Licences signées"),
    ("val_startups_created", "count", "up", "Start-up créées"),
    ("val_startup_funds_raised_eur", "eur", "up", "Fonds levés par les start-up (€)"),
    ("val_median_days_to_maturation", "days", "down", "Délai médian détection → maturation (jours)"),
    ("trn_events", "count", "up", "Événements et formations"),
    ("trn_attendees", "count", "up", "Participants"),
    ("trn_units_reached", "count", "up", "Unités de recherche touchées"),
    ("trn_satisfaction", "score", "up", "Satisfaction moyenne (/5)"),
    ("eu_proposals_submitted", "count", "up", "Projets européens déposés"),
    ("eu_proposals_funded", "count", "up", "Projets européens financés"),
    ("eu_success_rate", "share", "up", "Taux de succès européen"),
    ("eu_funding_secured_eur", "eur", "up", "Financements européens obtenus (€)"),
    ("eu_coordinator_share", "share", "up", "Part des dépôts en coordination"),
    ("syn_joint_sourcing_share", "share", "up", "Part des projets détectés conjointement"),
    ("syn_co_supported_share", "share", "up", "Part des projets co-accompagnés"),
    ("syn_co_funded_projects", "count", "up", "Projets cofinancés par les deux partenaires"),
    ("syn_joint_event_share", "share", "up", "Part des événements co-organisés"),
    ("syn_institutions_engaged", "count", "up", "Établissements impliqués"),
    ("fun_partnership_eur", "eur", "up", "Financement des partenaires (€)"),
    ("fun_external_eur", "eur", "up", "Financements externes mobilisés (€)"),
    ("fun_leverage_ratio", "ratio", "up", "Effet de levier"),
    ("fun_cost_per_outcome_eur", "eur", "down", "Coût par résultat (licence ou start-up, €)"),
    ("fun_coordination_gaps", "count", "down", "Défauts de coordination"),
)
TARGET_PERIODS = ("2021", "2022", "2023", "2021-2023")
REFERENCE_PERIODS = tuple(str(y) for y in YEARS) + ("2018-2020", "2021-2023")

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


def _era(year: int) -> str:
    return "partnership" if year >= PARTNERSHIP_START else "baseline"


def siren_check_digit(first8: str) -> str:
    """The Luhn check digit that completes an 8-digit SIREN prefix."""
    total = 0
    for i, ch in enumerate(reversed(first8)):
        n = int(ch)
        if i % 2 == 0:  # doubled positions, counted from the right of the final 9-digit number
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return str((10 - total % 10) % 10)


def luhn_valid(number: str) -> bool:
    """True when ``number`` (digits only) passes the Luhn check used by SIREN numbers."""
    return number.isdigit() and luhn_ok(number)


# ------------------------------------------------------------------------------------------------------ the model
# Rows are plain dicts with the canonical column names of SPEC §3; keys starting with "_" are links between rows
# and layout hints (which file a row goes to) that never reach a table.


@dataclass(frozen=True)
class _Person:
    first: str
    last: str
    institution: str
    unit: str | None
    email: str

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


def _people(seed: int) -> list[_Person]:
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
        people.append(_Person(first, last, inst, unit, email))
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


def _gen_projects(rng: random.Random, people_by_inst: dict, replica: int) -> list[dict]:
    projects = []
    for year in BACKLOG_YEARS + YEARS:
        era = _era(year)
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


def _allocate_milestones(rng: random.Random, projects: list[dict]) -> None:
    """Give each year its count of disclosures, filings, maturations and licences, in funnel order."""
    for year in BACKLOG_YEARS + YEARS:
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
        if stop <= END and rng.random() < 0.5:
            p["abandon_date"] = stop


STARTUP_PREFIXES = ("Onco", "Immuno", "Thera", "Cyto", "Neo", "Nano", "Medi", "Radi", "Vecto", "Cellu", "Lumi",
                    "Prota")
STARTUP_SUFFIXES = ("via", "lys", "gen", "tix", " Bio", "pharm", " Therapeutics", " Diagnostics", "sense", "target",
                    "mune", " Care")


def _gen_startups(rng: random.Random, projects: list[dict], sirens: set, replica: int) -> tuple[list, list]:
    startups, rounds = [], []
    for year in YEARS:
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
            age = LAST_YEAR - year
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
            rounds += _gen_rounds(rng, su)
    return startups, rounds


def _gen_rounds(rng: random.Random, su: dict) -> list[dict]:
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
    plan = [x for x in plan if x[1] <= END]
    if not plan:  # every start-up of the sample raised something
        day = min(_plus(created, rng, 20, 90), END)
        plan.append(("grant", day, rng.randrange(30, 91) * 1000))
    return [{"startup_id": None, "round_date": d, "amount_eur": float(a), "round_type": t, "_startup": su}
            for t, d, a in sorted(plan, key=lambda x: x[1])]


EXTERNAL_FUNDERS = (  # funder, probability per partner-funded project, instrument, amount range (k€), file
    ("region_sud", 0.30, "grant", (50, 200), "cofin"),
    ("inca", 0.12, "grant", (100, 450), "cofin"),
    ("anr", 0.10, "grant", (150, 400), "cofin"),
    ("eu", 0.04, "grant", (400, 1500), "cofin"),
    ("bpifrance", 0.15, "loan", (100, 400), "it"),
    ("private", 0.10, "equity", (50, 500), "it"),
)


def _line(project, funder, instrument, amount, day, file) -> dict | None:
    if day is None or not (dt.date(FIRST_YEAR, 1, 1) <= day <= END):
        return None  # the partners' exports start in 2018
    return {"funding_id": None, "project_id": None, "funder": funder, "instrument": instrument,
            "amount_eur": float(amount), "decision_date": day, "_project": project, "_file": file}


def _gen_funding(rng: random.Random, projects: list[dict], replica: int) -> list[dict]:
    lines: list[dict | None] = []
    for p in projects:
        own: list[dict | None] = []
        co_supported = p["supported_by"] == "both" and p["detection_date"].year >= PARTNERSHIP_START
        if p["sourcing_channel"] in ("cpp_call", "joint") and rng.random() < (0.7 if co_supported else 0.55):
            own.append(_line(p, "canceropole_paca", "emergence", rng.randrange(30, 101) * 500,
                             _plus(p["detection_date"], rng, 20, 120), "cpp"))
        if co_supported and rng.random() < 0.5:  # the partnership's joint committees fund early proofs of concept
            own.append(_line(p, "inserm_transfert", "proof_of_concept", rng.randrange(20, 61) * 1000,
                             _plus(p["detection_date"], rng, 60, 300), "it"))
        mat = p["maturation_start_date"]
        if mat:
            funder = "inserm_transfert" if rng.random() < 0.8 else "satt_sud_est"
            decided = _plus(mat, rng, -90, -15)
            own.append(_line(p, funder, "maturation", rng.randrange(80, 301) * 1000, decided, "it"))
            # co-funding without co-support (a coordination gap) was common before the partnership
            if p["supported_by"] == "both":
                p_co = 0.75
            else:
                p_co = 0.1 if _era(mat.year) == "partnership" else 0.3
            if rng.random() < p_co:
                own.append(_line(p, "canceropole_paca", "proof_of_concept", rng.randrange(60, 161) * 500,
                                 min(_plus(decided, rng, -30, 60), END), "cpp"))
        elif p["priority_filing_date"] and rng.random() < 0.3:
            own.append(_line(p, "inserm_transfert", "proof_of_concept", rng.randrange(20, 61) * 1000,
                             _plus(p["priority_filing_date"], rng, 30, 200), "it"))
        own = [x for x in own if x]
        partner = [x for x in own if x["funder"] in default_partnership().partner_funders]
        if partner:
            first = min(x["decision_date"] for x in partner)
            for funder, prob, instrument, (lo, hi), file in EXTERNAL_FUNDERS:
                if rng.random() < prob:
                    amount = rng.randrange(lo, hi + 1) * 1000
                    if rng.random() < 0.3:  # notified to the cent
                        amount += rng.randrange(1, 100_000) / 100
                    own.append(_line(p, funder, instrument, amount, _plus(first, rng, 30, 540), file))
        lines += own
    for year in YEARS:  # lines not tied to one project
        lines.append(_line(None, "canceropole_paca", "grant", rng.randrange(40, 121) * 500, _day_in(rng, year), "cpp"))
        if year >= PARTNERSHIP_START:
            lines.append(_line(None, "region_sud", "grant", rng.randrange(100, 251) * 1000, _day_in(rng, year),
                               "cofin"))
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
    "conference": ("Journée scientifique du CanceroPôle – session valorisation",
                   "Colloque innovation en cancérologie"),
    "webinar": ("Webinaire Mission Cancer : les appels {y}", "Webinaire i-Lab : candidater au concours",
                "Webinaire ERC : préparer son dossier"),
}
EVENT_TYPE_WEIGHTS = {"training": 25, "awareness": 20, "workshop": 20, "pitch": 10, "conference": 10, "webinar": 15}


def _gen_events(rng: random.Random, people: list[_Person], replica: int) -> list[dict]:
    events = []
    for year in YEARS:
        p_joint = 0.45 if _era(year) == "partnership" else 0.10
        for _ in range(rng.randint(6, 12)):
            kind = _weighted(rng, EVENT_TYPE_WEIGHTS)
            organiser = "joint" if rng.random() < p_joint else rng.choice(("cpp", "it"))
            if kind == "webinar" or (year == 2020 and rng.random() < 0.6):
                site = "online"
            else:
                site = _weighted(rng, {"marseille": 55, "nice": 35, "other": 10})
            attendees = rng.randint(10, 120)
            has_list = rng.random() < (0.5 if site == "online" else 0.9)
            events.append({
                "event_date": _workday_in(rng, year),
                "title": rng.choice(EVENT_TITLES[kind]).format(y=year), "event_type": kind,
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


def _gen_eu(rng: random.Random, replica: int) -> list[dict]:
    proposals = []
    for year in YEARS:
        era = _era(year)
        weights = ({"horizon_health": 30, "cancer_mission": 25, "erc": 15, "msca": 15, "eic": 10, "eu4health": 5}
                   if era == "partnership" else {"horizon_health": 45, "erc": 25, "msca": 25, "other": 5})
        batch = []
        for _ in range(rng.randint(6, 15)):
            programme = _weighted(rng, weights)
            calls = (CALLS if era == "partnership" else CALLS_H2020)[programme]
            submitted = _day_in(rng, year)
            individual = programme in ("erc", "msca") and rng.random() < 0.7
            role = "coordinator" if individual or rng.random() < (0.25 if era == "partnership" else 0.15) else "partner"
            lo, hi = REQUESTED[programme]
            result = _plus(submitted, rng, 120, 240)
            status = "pending" if result > END else ("withdrawn" if rng.random() < 0.04 else "not_funded")
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
class _Model:
    tables: dict[str, list[dict]]
    people: list[_Person]


def _build_model(seed: int, scale: int) -> _Model:
    people = _people(seed)
    by_inst: dict[str, list[_Person]] = {}
    for person in people:
        by_inst.setdefault(person.institution, []).append(person)
    projects, funding, startups, rounds, events, proposals = [], [], [], [], [], []
    sirens: set[str] = set()
    for replica in range(scale):
        rng = random.Random(f"{seed}:partnership:{replica}")
        ps = _gen_projects(rng, by_inst, replica)
        _allocate_milestones(rng, ps)
        su, ro = _gen_startups(rng, ps, sirens, replica)
        projects += ps
        startups += su
        rounds += ro
        funding += _gen_funding(rng, ps, replica)
        events += _gen_events(rng, people, replica)
        proposals += _gen_eu(rng, replica)
    _assign_ids(projects, "project_id", "detection_date", {"cpp": "CPP-{y}-{n:03d}", "it": "IT-{y}-D{n:03d}"})
    _assign_ids(funding, "funding_id", "decision_date",
                {"cpp": "CPP-F{y}-{n:02d}", "cofin": "COF-{y}-{n:02d}", "it": "ITF-{y}-{n:03d}"})
    _assign_ids(startups, "startup_id", "creation_date", {None: "SU-{y}-{n:02d}"})
    _assign_ids(events, "event_id", "event_date", {None: "EVT-{y}-{n:02d}"})
    _assign_ids(proposals, "proposal_id", "submission_date", {"cpp": "CPP-EU-{y}-{n:02d}", "en": "EU{y}-{n:03d}"})
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
    tables["kpi_targets"] = _targets(tables, random.Random(f"{seed}:targets"))
    return _Model(tables, people)


# ------------------------------------------------------------------------------ reference KPI values and targets


def _kpi_values(tables: dict[str, list[dict]], years: set[int]) -> dict[str, float | None]:
    """The generator's own computation of the SPEC §6 KPIs over ``years``, on the model rows.

    Sets plausible targets and goes into the truth as a cross-check. Over a period, counts and sums add up; shares,
    medians and distinct counts are recomputed on the pooled rows.
    """
    v = _kpis_pooled(tables, years)
    if len(years) > 1:
        for kpi in ("syn_co_funded_projects", "fun_coordination_gaps"):
            v[kpi] = sum(_kpis_pooled(tables, {y})[kpi] for y in years)
    return v


def _kpis_pooled(tables: dict[str, list[dict]], years: set[int]) -> dict[str, float | None]:
    def in_y(d):
        return d is not None and d.year in years

    P, F, R = tables["projects"], tables["funding"], tables["startup_rounds"]
    S, E, U = tables["startups"], tables["events"], tables["eu_proposals"]
    partners = default_partnership().partner_funders
    v: dict[str, float | None] = {}
    for kpi, col in (("val_projects_detected", "detection_date"), ("val_invention_disclosures", "disclosure_date"),
                     ("val_priority_filings", "priority_filing_date"),
                     ("val_maturation_projects", "maturation_start_date"), ("val_licences", "licence_date")):
        v[kpi] = sum(in_y(p[col]) for p in P)
    v["val_maturation_eur"] = sum(f["amount_eur"] for f in F if f["instrument"] in ("maturation", "proof_of_concept")
                                  and in_y(f["decision_date"]))
    v["val_startups_created"] = sum(in_y(s["creation_date"]) for s in S)
    v["val_startup_funds_raised_eur"] = sum(r["amount_eur"] for r in R if in_y(r["round_date"]))
    days = [(p["maturation_start_date"] - p["detection_date"]).days for p in P if in_y(p["maturation_start_date"])]
    v["val_median_days_to_maturation"] = float(statistics.median(days)) if days else None
    ev = [e for e in E if in_y(e["event_date"])]
    ev_ids = {e["event_id"] for e in ev}
    v["trn_events"] = len(ev)
    v["trn_attendees"] = sum(e["attendees"] for e in ev)
    v["trn_units_reached"] = len({a["research_unit"] for a in tables["event_attendance"]
                                  if a["event_id"] in ev_ids and a["research_unit"]})
    sat = [e["satisfaction"] for e in ev if e["satisfaction"] is not None]
    v["trn_satisfaction"] = statistics.mean(sat) if sat else None
    sub = [u for u in U if in_y(u["submission_date"]) and u["status"] != "withdrawn"]
    funded = [u for u in sub if u["status"] == "funded"]
    decided = [u for u in sub if u["status"] in ("funded", "not_funded")]
    v["eu_proposals_submitted"] = len(sub)
    v["eu_proposals_funded"] = len(funded)
    v["eu_success_rate"] = len(funded) / len(decided) if decided else None
    v["eu_funding_secured_eur"] = sum(u["granted_eur"] or 0.0 for u in funded)
    v["eu_coordinator_share"] = sum(u["role"] == "coordinator" for u in sub) / len(sub) if sub else None
    det = [p for p in P if in_y(p["detection_date"])]
    v["syn_joint_sourcing_share"] = sum(p["sourcing_channel"] == "joint" for p in det) / len(det) if det else None
    v["syn_co_supported_share"] = sum(p["supported_by"] == "both" for p in det) / len(det) if det else None
    v["syn_joint_event_share"] = sum(e["organiser"] == "joint" for e in ev) / len(ev) if ev else None
    v["syn_institutions_engaged"] = len({p["lead_institution"] for p in det if p["lead_institution"] != "OTHER"})
    first: dict[int, dict[str, dt.date]] = {}
    for f in F:
        if f["funder"] in partners and f["_project"] is not None:
            seen = first.setdefault(id(f["_project"]), {})
            seen[f["funder"]] = min(seen.get(f["funder"], f["decision_date"]), f["decision_date"])
    v["syn_co_funded_projects"] = sum(len(s) == 2 and max(s.values()).year in years for s in first.values())
    partner_eur = sum(f["amount_eur"] for f in F if f["funder"] in partners and in_y(f["decision_date"]))
    v["fun_partnership_eur"] = partner_eur
    ext = sum(f["amount_eur"] for f in F if f["funder"] not in partners and f["_project"] is not None
              and id(f["_project"]) in first and in_y(f["decision_date"]))
    ext += sum(r["amount_eur"] for r in R if in_y(r["round_date"]) and id(r["_startup"]["_project"]) in first)
    v["fun_external_eur"] = ext
    v["fun_leverage_ratio"] = ext / partner_eur if partner_eur else None
    outcomes = v["val_licences"] + v["val_startups_created"]
    v["fun_cost_per_outcome_eur"] = partner_eur / outcomes if outcomes else None
    decided_in: dict[int, set] = {}
    for f in F:
        if f["funder"] in partners and f["_project"] is not None and in_y(f["decision_date"]):
            decided_in.setdefault(id(f["_project"]), set()).add(f["funder"])
    by_id = {id(p): p for p in P}
    v["fun_coordination_gaps"] = sum(len(s) == 2 and by_id[k]["supported_by"] != "both" for k, s in decided_in.items())
    return v


def _period_years(period: str) -> set[int]:
    a, _, b = period.partition("-")
    return set(range(int(a), int(b or a) + 1))


def _target_status(value: float | None, target: float, direction: str) -> str:
    """SPEC §6 status: ``met``, ``close`` (within 10 % of the target) or ``missed``."""
    if value is None:
        return "missed"
    if (value >= target) if direction == "up" else (value <= target):
        return "met"
    return "close" if abs(value - target) <= 0.1 * abs(target) else "missed"


def _round_target(t: float, unit: str) -> float:
    if unit == "count":
        return float(max(1, round(t)))
    if unit == "eur":
        return float(max(10_000, round(t / 10_000) * 10_000))
    if unit == "share":
        return min(0.95, max(0.01, round(t, 2)))
    if unit == "days":
        return float(max(30, round(t / 10) * 10))
    if unit == "score":
        return min(5.0, round(t, 1))
    return round(t, 1)


def _targets(tables: dict[str, list[dict]], rng: random.Random) -> list[dict]:
    """Targets for 2021, 2022, 2023 and 2021-2023, set around the values so reports mix met, close and missed."""
    values = {p: _kpi_values(tables, _period_years(p)) for p in TARGET_PERIODS}
    rows = []
    for kpi, unit, direction, label in TARGET_KPIS:
        for period in TARGET_PERIODS:
            value = values[period][kpi]
            if value is None or (value == 0 and direction == "up"):
                continue
            wanted = rng.choices(("met", "close", "missed"), weights=(5, 3, 3))[0]
            up = direction == "up"
            factor = {"met": (0.8, 0.97) if up else (1.05, 1.25), "close": (1.02, 1.08) if up else (0.93, 0.98),
                      "missed": (1.18, 1.45) if up else (0.6, 0.8)}[wanted]
            target = _round_target(value * rng.uniform(*factor), unit) if value else float(rng.choice((1, 2)))
            rows.append({"kpi_id": kpi, "period": period, "target": target, "_unit": unit, "_label": label,
                         "_direction": direction, "_value": value})
    return rows


# --------------------------------------------------------------------------------------------------- the layout


@dataclass
class _Formula:
    text: str
    value: float


@dataclass
class _Percent:
    value: float


@dataclass
class _Sheet:
    name: str | None  # None for a CSV file
    table: str | None  # raw table held, None for notes and dropdown sheets
    header: list[str]
    columns: list[str | None]  # the canonical column each header holds (None: a column no table knows)
    rows: list[list] = field(default_factory=list)
    status: list[str] = field(default_factory=list)  # accepted, quarantined, blank, total
    title: list[str] = field(default_factory=list)  # title and note rows above the header
    title_gap: int = 1  # empty rows between the title block and the header
    hidden: bool = False
    reason: str = ""  # why a non-table sheet is to be ignored
    planted: list[dict] = field(default_factory=list)
    validations: list[tuple[int, str]] = field(default_factory=list)  # (column, list source) dropdowns

    @property
    def header_row(self) -> int:
        return len(self.title) + self.title_gap + 1 if self.title else 1

    def add(self, cells: list, status: str = "accepted") -> None:
        self.rows.append(cells)
        self.status.append(status)

    def blank(self) -> None:
        self.add([None] * len(self.header), "blank")

    def plant(self, cells: list, column: str, reason: str) -> None:
        self.planted.append({"index": len(self.rows), "column": column,
                             "value": cells[self.header.index(column)], "reason": reason})
        self.add(cells, "quarantined")


def _columns(*specs: str) -> tuple[list[str], list[str | None]]:
    """``"Montant (k€)=amount_eur"`` -> headers and canonical columns (no ``=``: a column no table knows)."""
    pairs = [spec.rpartition("=")[::2] if "=" in spec else (spec, None) for spec in specs]
    return [h for h, _ in pairs], [c for _, c in pairs]


@dataclass
class _File:
    path: str
    kind: str  # xlsx, csv, ods
    sheets: list[_Sheet]
    title: str = ""


class _Render:
    """Cell renderings as people type them, drawn from one seeded generator."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def pick(self, variants: tuple) -> str:
        return variants[0] if len(variants) == 1 or self.rng.random() < 0.75 else self.rng.choice(variants[1:])

    def label(self, labels: dict, code: str | None) -> str | None:
        return None if code is None else self.pick(labels[code])

    def institution(self, code: str) -> str:
        return self.pick(INSTITUTION_SPELLINGS[code])

    def unit(self, unit: str | None) -> str | None:
        if unit and unit.startswith("UMR") and self.rng.random() < 0.25:
            return "UMR " + unit[3:]
        return unit

    def fr_date(self, d: dt.date | None, p_cell: float = 0.6, p_slash: float = 0.3) -> Any:
        """An Excel date cell, ``15/03/2022`` or ``15 mars 2022``."""
        if d is None:
            return None
        r = self.rng.random()
        if r < p_cell:
            return d
        if r < p_cell + p_slash:
            return d.strftime("%d/%m/%Y")
        return f"{d.day} {MONTHS_FR[d.month - 1]} {d.year}"

    def csv_date(self, d: dt.date | None, old: bool) -> str | None:
        if d is None:
            return None
        if old:
            return d.isoformat()
        return d.strftime("%d.%m.%Y") if self.rng.random() < 0.1 else d.strftime("%d/%m/%Y")

    def en_date(self, d: dt.date | None, p_serial: float = 0.0) -> Any:
        if d is None:
            return None
        r = self.rng.random()
        if r < p_serial:
            return (d - dt.date(1899, 12, 30)).days  # pasted without its format: an Excel serial number
        return d.isoformat() if r < p_serial + 0.1 else d

    def euros_text(self, amount: float) -> Any:
        """``1 234 567,50 €`` (narrow no-break spaces), ``150 k€`` or a plain number cell."""
        r = self.rng.random()
        if amount % 1000 == 0 and r < 0.3:
            return f"{int(amount // 1000)} k€"
        if r < 0.85:
            return f"{_fr_number(amount, 2, NNBSP)}{NBSP}€"
        return amount

    def euros_csv(self, amount: float) -> str:
        """Inserm Transfert's export: ``125 000,00`` with no-break spaces (cp1252 has no narrow one)."""
        r = self.rng.random()
        if r < 0.7:
            return _fr_number(amount, 2, NBSP)
        if r < 0.85:
            return f"{_fr_number(amount, 0, NBSP)}{NBSP}€" if amount == int(amount) else _fr_number(amount, 2, NBSP)
        return _fr_number(amount, 2, "")

    def round_amount(self, amount: float) -> Any:
        if amount >= 1_000_000 and amount % 100_000 == 0 and self.rng.random() < 0.3:
            return f"{_fr_number(amount / 1_000_000, 1, '')} M€"
        if amount < 1_000_000 and amount % 1000 == 0 and self.rng.random() < 0.2:
            return f"{int(amount // 1000)} k€"
        return amount

    def pi(self, person: _Person) -> str:
        r = self.rng.random()
        if r < 0.5:
            return person.name
        if r < 0.85:
            return f"{person.last.upper()} {person.first}"
        return f"Dr {person.name}"


def _fr_number(x: float, decimals: int, sep: str) -> str:
    """``1234567.5`` -> ``1 234 567,50`` with ``sep`` between groups of thousands."""
    return f"{x:,.{decimals}f}".replace(",", "\x00").replace(".", ",").replace("\x00", sep)


def _kilo(amount: float) -> float:
    return amount / 1000  # amounts are multiples of 500 €, so k€ values are exact in binary


def _by_year(rows: list[dict], col: str) -> list[tuple[int, list[dict]]]:
    groups: dict[int, list[dict]] = {}
    for r in sorted(rows, key=lambda r: (r[col], r["_replica"], r["_seq"])):
        groups.setdefault(r[col].year, []).append(r)
    return sorted(groups.items())


CPP_COMMENTS = ("Relance DI en cours", "Comité de sélection du printemps", "Voir convention de maturation",
                "Suivi trimestriel", "En attente du retour de la tutelle", "Projet prioritaire", "RDV à planifier")


def _cpp_workbook(m: _Model, rr: _Render) -> _File:
    t = m.tables
    projects = _Sheet("Projets", "projects", *_columns(
        "N° projet=project_id", "Titre du projet=title", "Acronyme=acronym", "Établissement\nporteur=lead_institution",
        "Unité de\nrecherche=research_unit", "Type de\ntechnologie=technology_type",
        "Canal de\ndétection=sourcing_channel", "Accompagnement=supported_by", "Date de\ndétection=detection_date",
        "Déclaration\nd'invention=disclosure_date", "Dépôt\nprioritaire=priority_filing_date",
        "Début de\nmaturation=maturation_start_date", "Date de\nlicence=licence_date", "Date\nd'abandon=abandon_date",
        "Porteur du projet=pi", "E-mail porteur=pi", "Commentaires"),
        title=["CanceroPôle Provence-Alpes-Côte d'Azur — Suivi des projets de valorisation",
               "Mise à jour : 15/01/2024 — document de travail, ne pas diffuser"],
        validations=[(6, "=Listes!$A$2:$A$4"), (7, "=Listes!$B$2:$B$4"), (5, "=Listes!$C$2:$C$7")])
    L = CPP_LABELS
    for year, rows in _by_year([p for p in t["projects"] if p["_file"] == "cpp"], "detection_date"):
        if year == PARTNERSHIP_START:
            projects.blank()  # left between the baseline and the partnership years
        for i, p in enumerate(rows):
            cells = [
                p["project_id"], p["title"], p["acronym"], rr.institution(p["lead_institution"]),
                rr.unit(p["research_unit"]), rr.label(L["technology_type"], p["technology_type"]),
                rr.label(L["sourcing_channel"], p["sourcing_channel"]), rr.label(L["supported_by"], p["supported_by"]),
                *(rr.fr_date(p[c]) for c in ("detection_date", "disclosure_date", "priority_filing_date",
                                             "maturation_start_date", "licence_date", "abandon_date")),
                rr.pi(p["_pi"]), p["_pi"].email if rr.rng.random() < 0.6 else None,
                rr.rng.choice(CPP_COMMENTS) if rr.rng.random() < 0.2 else None,
            ]
            projects.add(cells)
            if year == 2022 and i == len(rows) // 2:
                person = rr.rng.choice(m.people)
                projects.plant([
                    p["project_id"] + "bis", "Nanovecteur ciblant le microenvironnement tumoral", None,
                    rr.institution(person.institution), person.unit, "Thérapeutique", "Appel à projets CPP", "CPP",
                    "31/02/2022", None, None, None, None, None, person.name, person.email, None,
                ], "Date de\ndétection", "impossible date")
    funding = _Sheet("Financements", "funding", *_columns(
        "Réf. financement=funding_id", "N° projet=project_id", "Financeur=funder", "Dispositif=instrument",
        "Montant (k€)=amount_eur", "Date de\ndécision=decision_date", "Remarques"),
        title=["Financements accordés par le CanceroPôle PACA", "Montants en milliers d'euros (k€)"])
    total = 0.0
    groups = _by_year([f for f in t["funding"] if f["_file"] == "cpp"], "decision_date")
    for g, (year, rows) in enumerate(groups):
        for i, f in enumerate(rows):
            amount = _kilo(f["amount_eur"])
            total += amount
            funding.add([f["funding_id"], f["project_id"], rr.label(L["funder"], f["funder"]),
                         rr.label(L["instrument"], f["instrument"]), amount, rr.fr_date(f["decision_date"], 0.8, 0.2),
                         "Hors projet" if f["project_id"] is None else None])
            if year == 2021 and i == min(3, len(rows) - 1):
                project = next(p for p in t["projects"] if p["_file"] == "cpp" and p["detection_date"].year == 2021)
                total += 25.0
                funding.plant([None, project["project_id"], "CanceroPôle PACA", "Émergence", 25.0, "14/06/2021",
                               "Ligne saisie sans référence"], "Réf. financement", "missing required id")
        if g < len(groups) - 1:
            funding.blank()
    first, last = funding.header_row + 1, funding.header_row + len(funding.rows)
    funding.add(["TOTAL", None, None, None, _Formula(f"=SUM(E{first}:E{last})", round(total, 3)), None, None], "total")
    cofin = _Sheet("Cofinancements", "funding", *_columns(
        "Référence=funding_id", "Projet=project_id", "Cofinanceur=funder", "Nature de l'aide=instrument",
        "Montant=amount_eur", "Date de la décision=decision_date", "Observations"),
        title=["Cofinancements externes obtenus sur les projets accompagnés (montants notifiés, en euros)"])
    for _, rows in _by_year([f for f in t["funding"] if f["_file"] == "cofin"], "decision_date"):
        for f in rows:
            cofin.add([f["funding_id"], f["project_id"], rr.label(L["funder"], f["funder"]),
                       rr.label(L["instrument"], f["instrument"]), rr.euros_text(f["amount_eur"]),
                       rr.fr_date(f["decision_date"]), None])
    eu = _Sheet("Projets européens", "eu_proposals", *_columns(
        "N° dossier=proposal_id", "Acronyme=acronym", "Programme=programme", "Appel (topic)=call_id",
        "Date de\ndépôt=submission_date", "Rôle=role", "Établissement=institution", "Accompagnement=supported_by",
        "Montant demandé\n(k€)=requested_eur", "Statut=status", "Montant obtenu\n(k€)=granted_eur",
        "Date du\nrésultat=result_date"),
        title=["Candidatures européennes accompagnées par le CanceroPôle"], title_gap=0)
    for _, rows in _by_year([u for u in t["eu_proposals"] if u["_file"] == "cpp"], "submission_date"):
        for u in rows:
            prog = CPP_LABELS["programme_h2020"] if u["submission_date"].year < PARTNERSHIP_START and \
                u["programme"] == "horizon_health" else L["programme"]
            eu.add([u["proposal_id"], u["acronym"], rr.label(prog, u["programme"]), u["call_id"],
                    rr.fr_date(u["submission_date"]), rr.label(L["role"], u["role"]), rr.institution(u["institution"]),
                    rr.label(L["supported_by"], u["supported_by"]), _kilo(u["requested_eur"]),
                    rr.label(L["status"], u["status"]),
                    _kilo(u["granted_eur"]) if u["granted_eur"] is not None else None, rr.fr_date(u["result_date"])])
    lists = _Sheet("Listes", None, *_columns("Canaux", "Accompagnement", "Types de technologie", "Dispositifs"),
                   hidden=True,
                   reason="hidden sheet of dropdown values")
    columns = [[v[0] for v in L[k].values()] for k in ("sourcing_channel", "supported_by", "technology_type",
                                                        "instrument")]
    for i in range(max(map(len, columns))):
        lists.add([c[i] if i < len(c) else None for c in columns], "ignored")
    notes = _Sheet("Notes", None, *_columns("Notes de lecture"), reason="notes sheet")
    for line in ("Montants des financements en milliers d'euros (k€), sauf onglet Cofinancements (en euros).",
                 "Les projets « Conjoint » sont identifiés lors des comités de détection communs (depuis 2021).",
                 "Dates au format jj/mm/aaaa.", "Document interne — ne pas diffuser."):
        notes.add([line], "ignored")
    return _File(CPP_WORKBOOK, "xlsx", [projects, funding, cofin, eu, lists, notes],
                 "Suivi valorisation CanceroPôle PACA")


IT_PROJECT_HEADERS = {  # True: the template used until 2020
    True: ("Ref projet=project_id", "Intitule=title", "Acronyme=acronym", "Etablissement=lead_institution",
           "Unite=research_unit", "Domaine=technology_type", "Origine=sourcing_channel", "Suivi=supported_by",
           "Date detection=detection_date", "Date DI=disclosure_date", "Date depot prioritaire=priority_filing_date",
           "Date debut maturation=maturation_start_date", "Date licence=licence_date", "Date abandon=abandon_date",
           "Inventeur referent=pi"),
    False: ("Code projet=project_id", "Intitulé du projet=title", "Acronyme=acronym",
            "Etablissement de rattachement=lead_institution", "Unité=research_unit",
            "Domaine technologique=technology_type", "Origine de la détection=sourcing_channel",
            "Suivi par=supported_by", "Date de détection=detection_date", "Date DI=disclosure_date",
            "Date de dépôt prioritaire=priority_filing_date", "Date début maturation=maturation_start_date",
            "Date de licence=licence_date", "Date d'abandon=abandon_date", "Inventeur référent=pi"),
}
IT_FUNDING_HEADERS = {
    True: ("Ref decision=funding_id", "Ref projet=project_id", "Financeur=funder", "Nature aide=instrument",
           "Montant (EUR)=amount_eur", "Date comite=decision_date", "Commentaire"),
    False: ("ID financement=funding_id", "Code projet=project_id", "Organisme financeur=funder",
            "Type de financement=instrument", "Montant €=amount_eur", "Date de décision=decision_date", "Commentaire"),
}


def _it_files(m: _Model, rr: _Render) -> list[_File]:
    t, L, files = m.tables, IT_LABELS, []
    for year, rows in _by_year([p for p in t["projects"] if p["_file"] == "it"], "detection_date"):
        old = year < PARTNERSHIP_START
        sheet = _Sheet(None, "projects", *_columns(*IT_PROJECT_HEADERS[old]))
        for p in rows:
            sheet.add([
                p["project_id"], p["title"], p["acronym"], rr.institution(p["lead_institution"]),
                rr.unit(p["research_unit"]), rr.label(L["technology_type"], p["technology_type"]),
                rr.label(L["sourcing_channel"], p["sourcing_channel"]),
                rr.label(L["supported_by_old" if old else "supported_by"], p["supported_by"]),
                *(rr.csv_date(p[c], old) for c in ("detection_date", "disclosure_date", "priority_filing_date",
                                                   "maturation_start_date", "licence_date", "abandon_date")),
                f"{p['_pi'].last.upper()} {p['_pi'].first}",
            ])
        files.append(_File(IT_PROJECTS_CSV.format(year=year), "csv", [sheet]))
    for year, rows in _by_year([f for f in t["funding"] if f["_file"] == "it"], "decision_date"):
        old = year < PARTNERSHIP_START
        sheet = _Sheet(None, "funding", *_columns(*IT_FUNDING_HEADERS[old]))
        instruments = L["instrument_old" if old else "instrument"]
        total = 0.0
        for i, f in enumerate(rows):
            total += f["amount_eur"]
            sheet.add([f["funding_id"], f["project_id"], rr.label(L["funder"], f["funder"]),
                       rr.label(instruments, f["instrument"]), rr.euros_csv(f["amount_eur"]),
                       rr.csv_date(f["decision_date"], old), None])
            if year == 2022 and i == len(rows) // 2:
                sheet.plant([f["funding_id"] + "bis", f["project_id"], "Inserm Transfert", "Maturation",
                             f"-{_fr_number(12500, 2, NBSP)}", "30/06/2022", "Annulation partielle"],
                            "Montant €", "negative amount")
        if old:  # the old export ends with an empty line and a total
            sheet.blank()
            sheet.add(["TOTAL", None, None, None, _fr_number(total, 2, NBSP), None, None], "total")
        files.append(_File(IT_FUNDING_CSV.format(year=year), "csv", [sheet]))
    return files


def _events_workbook(m: _Model, rr: _Render) -> _File:
    L = EVENT_LABELS
    events = _Sheet("Événements", "events", *_columns(
        "Réf. événement=event_id", "Date=event_date", "Intitulé=title", "Type=event_type", "Organisé par=organiser",
        "Lieu=site", "Nombre de\nparticipants=attendees", "Satisfaction\n(/5)=satisfaction"),
        title=["Programme formations & événements — CanceroPôle PACA / Inserm Transfert"],
        title_gap=0)
    attendance = _Sheet("Émargements", "event_attendance", *_columns(
        "Réf. événement=event_id", "Nom=attendee", "Prénom=attendee", "Adresse e-mail=attendee",
        "Établissement=institution", "Unité / laboratoire=research_unit"))
    ordered = sorted(m.tables["events"], key=lambda e: e["event_id"])
    for e in ordered:
        sat = e["satisfaction"]
        if sat is not None and rr.rng.random() < 0.2:
            sat = _fr_number(sat, 1, "")  # typed as text: "4,2"
        events.add([e["event_id"], rr.fr_date(e["event_date"], 0.85, 0.0), e["title"],
                    rr.label(L["event_type"], e["event_type"]), rr.label(L["organiser"], e["organiser"]),
                    rr.label(L["site"], e["site"]), e["attendees"], sat])
    previous_year = None
    for a in m.tables["event_attendance"]:
        year = a["_event"]["event_date"].year
        if previous_year == PARTNERSHIP_START - 1 and year == PARTNERSHIP_START:
            attendance.blank()
        previous_year = year
        p = a["_person"]
        attendance.add([a["event_id"], p.last.upper() if rr.rng.random() < 0.6 else p.last, p.first, p.email,
                        rr.institution(p.institution), rr.unit(p.unit)])
    return _File(EVENTS_WORKBOOK, "xlsx", [events, attendance], "Formations et événements")


EU_NOTES = ("Resubmission", "Two-stage call", "Consortium of 9 partners", "Lump sum", "Blind evaluation step 1")


def _eu_workbook(m: _Model, rr: _Render) -> _File:
    t, L = m.tables, EN_LABELS
    eu = _Sheet("EU proposals", "eu_proposals", *_columns(
        "Proposal ID=proposal_id", "Acronym=acronym", "Programme=programme", "Call ID=call_id",
        "Submission date=submission_date", "Role=role", "Applicant institution=institution",
        "Supported by=supported_by", "Requested (€)=requested_eur", "Status=status", "Granted (€)=granted_eur",
        "Result date=result_date", "Notes"))
    for year, rows in _by_year([u for u in t["eu_proposals"] if u["_file"] == "en"], "submission_date"):
        for i, u in enumerate(rows):
            prog = L["programme_h2020"] if year < PARTNERSHIP_START and u["programme"] == "horizon_health" \
                else L["programme"]
            eu.add([u["proposal_id"], u["acronym"], rr.label(prog, u["programme"]), u["call_id"],
                    rr.en_date(u["submission_date"]), rr.label(L["role"], u["role"]), rr.institution(u["institution"]),
                    rr.label(L["supported_by"], u["supported_by"]), u["requested_eur"],
                    rr.label(L["status"], u["status"]),
                    u["granted_eur"], rr.en_date(u["result_date"], 0.1),
                    rr.rng.choice(EU_NOTES) if rr.rng.random() < 0.2 else None])
            if year == 2023 and i == min(1, len(rows) - 1):
                eu.plant([u["proposal_id"] + "bis", "PRECISONCO", "EU Mission on Cancer",
                          "HORIZON-MISS-2023-CANCER-01-03",
                          dt.date(2023, 3, 9), "Partner", "AMU", "Both", 450000.0, "see e-mail from NCP", None, None,
                          None], "Status", "unknown status label")
    startups = _Sheet("Start-ups", "startups", *_columns(
        "Startup ID=startup_id", "Company name=name", "SIREN=siren", "Incorporation date=creation_date",
        "Founding project=project_id", "Institution=lead_institution", "Status=status",
        "i-Lab laureate=ilab_laureate", "Headcount=employees"),
        title=["Start-ups created from projects supported by the partners"],
        title_gap=0)
    for s in sorted(t["startups"], key=lambda s: s["startup_id"]):
        siren = s["siren"]
        siren_cell = int(siren) if rr.rng.random() < 0.5 else f"{siren[:3]} {siren[3:6]} {siren[6:]}"
        startups.add([s["startup_id"], s["name"], siren_cell, rr.en_date(s["creation_date"]), s["project_id"],
                      rr.institution(s["lead_institution"]), rr.label(L["startup_status"], s["status"]),
                      "Yes" if s["ilab_laureate"] else "No", s["employees"]])
    rounds = _Sheet("Funding rounds", "startup_rounds", *_columns(
        "Startup ID=startup_id", "Closing date=round_date", "Amount raised (€)=amount_eur", "Round=round_type"))
    for r in sorted(t["startup_rounds"], key=lambda r: (r["startup_id"], r["round_date"])):
        rounds.add([r["startup_id"], rr.en_date(r["round_date"]), rr.round_amount(r["amount_eur"]),
                    rr.label(L["round_type"], r["round_type"])])
    return _File(EU_WORKBOOK, "xlsx", [eu, startups, rounds], "EU grants office and start-ups")


def _targets_ods(m: _Model, rr: _Render) -> _File:
    sheet = _Sheet("Objectifs", "kpi_targets", *_columns(
        "Indicateur=kpi_id", "Libellé", "Période=period", "Cible=target", "Commentaire"),
                   title=["Objectifs chiffrés de la convention CanceroPôle PACA – Inserm Transfert (10/12/2020)"])
    for row in m.tables["kpi_targets"]:
        target: Any = row["target"]
        if row["_unit"] == "share":
            r = rr.rng.random()
            if r < 0.35:
                target = _Percent(target)
            elif r < 0.7:
                target = f"{round(target * 100)}{rr.rng.choice((' ', NBSP))}%"
        elif row["_unit"] == "count":
            target = int(target)
        period: Any = int(row["period"]) if row["period"].isdigit() else row["period"]
        sheet.add([row["kpi_id"], row["_label"], period, target,
                   "Cible révisée au comité de pilotage" if rr.rng.random() < 0.1 else None])
    return _File(TARGETS_ODS, "ods", [sheet])


# -------------------------------------------------------------------------------------------------- the writers


def _write_xlsx(path: Path, f: _File, constant_memory: bool) -> None:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"constant_memory": constant_memory, "strings_to_numbers": False,
                                         "strings_to_formulas": False, "strings_to_urls": False})
    wb.set_properties({"title": f.title, "author": "partnership-metrics sample-data", "created": FROZEN_TIME})
    fmt = {
        "date": wb.add_format({"num_format": "dd/mm/yyyy"}),
        "head": wb.add_format({"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#DDEBF7", "border": 1}),
        "title": wb.add_format({"bold": True, "font_size": 14}),
        "note": wb.add_format({"italic": True, "font_color": "#595959"}),
        "total": wb.add_format({"bold": True, "top": 1, "num_format": "#,##0.0"}),
        "money": wb.add_format({"num_format": "#,##0"}),
    }
    for sh in f.sheets:
        ws = wb.add_worksheet(sh.name)
        r = 0
        for i, line in enumerate(sh.title):
            if i == 0:
                ws.merge_range(r, 0, r, max(len(sh.header) - 1, 1), line, fmt["title"])
            else:
                ws.write_string(r, 0, line, fmt["note"])
            r += 1
        r = sh.header_row - 1
        for c, h in enumerate(sh.header):
            ws.write_string(r, c, h, fmt["head"])
        for cells, status in zip(sh.rows, sh.status):
            r += 1
            for c, v in enumerate(cells):
                _write_cell(ws, r, c, v, fmt, status == "total")
        for col, source in sh.validations:
            ws.data_validation(sh.header_row, col, sh.header_row + len(sh.rows), col,
                               {"validate": "list", "source": source})
        ws.set_column(0, len(sh.header) - 1, 16)
        if sh.hidden:
            ws.hide()
    wb.close()


def _write_cell(ws, r: int, c: int, v: Any, fmt: dict, total: bool) -> None:
    if v is None:
        return
    if isinstance(v, _Formula):
        ws.write_formula(r, c, v.text, fmt["total"], v.value)
    elif isinstance(v, str):
        ws.write_string(r, c, v, fmt["total"] if total else None)
    elif isinstance(v, bool):
        ws.write_boolean(r, c, v)
    elif isinstance(v, dt.date):
        ws.write_datetime(r, c, dt.datetime(v.year, v.month, v.day), fmt["date"])
    elif isinstance(v, float) and v >= 1000:
        ws.write_number(r, c, v, fmt["money"])
    else:
        ws.write_number(r, c, v)


def _write_csv(path: Path, f: _File) -> None:
    (sheet,) = f.sheets
    with open(path, "w", encoding="cp1252", newline="") as fh:
        w = csv.writer(fh, delimiter=";", lineterminator="\r\n")
        w.writerow(sheet.header)
        for cells in sheet.rows:
            w.writerow(["" if v is None else v for v in cells])


ODS_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" office:version="1.2"')
ODS_MIME = "application/vnd.oasis.opendocument.spreadsheet"


def _write_ods(path: Path, f: _File) -> None:
    """A minimal OpenDocument spreadsheet, written directly (odfpy's output depends on process-wide state)."""
    body = []
    for sh in f.sheets:
        body.append(f'<table:table table:name="{escape(sh.name, _QUOTE)}">')
        width = len(sh.header)
        for i, line in enumerate(sh.title):
            span = f' table:number-columns-spanned="{width}"' if i == 0 else ""
            covered = "<table:covered-table-cell/>" * (width - 1) if i == 0 else ""
            body.append(f'<table:table-row><table:table-cell office:value-type="string"{span}>'
                        f"<text:p>{escape(line)}</text:p></table:table-cell>{covered}</table:table-row>")
        body += ["<table:table-row><table:table-cell/></table:table-row>"] * (sh.title_gap if sh.title else 0)
        for cells in [sh.header] + sh.rows:
            body.append("<table:table-row>" + "".join(_ods_cell(v) for v in cells) + "</table:table-row>")
        body.append("</table:table>")
    parts = {
        "mimetype": ODS_MIME,
        "META-INF/manifest.xml": (
            '<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest xmlns:manifest='
            '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
            f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{ODS_MIME}"/>'
            + "".join(f'<manifest:file-entry manifest:full-path="{n}" manifest:media-type="text/xml"/>'
                      for n in ("content.xml", "styles.xml", "meta.xml"))
            + "</manifest:manifest>"),
        "meta.xml": (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-meta {ODS_NS}><office:meta>'
                     f"<meta:creation-date>{FROZEN_TIME.isoformat()}</meta:creation-date>"
                     "<meta:generator>partnership-metrics sample-data</meta:generator></office:meta>"
                     "</office:document-meta>"),
        "styles.xml": f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-styles {ODS_NS}/>',
        "content.xml": (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {ODS_NS}>'
                        "<office:body><office:spreadsheet>" + "\n".join(body)
                        + "</office:spreadsheet></office:body></office:document-content>"),
    }
    with zipfile.ZipFile(path, "w") as z:
        for name, text in parts.items():  # the mimetype first and stored, as the format requires
            info = zipfile.ZipInfo(name, date_time=FROZEN_TIME.timetuple()[:6])
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, text.encode("utf-8"))


_QUOTE = {'"': "&quot;"}


def _ods_cell(v: Any) -> str:
    if v is None:
        return "<table:table-cell/>"
    if isinstance(v, _Percent):
        return (f'<table:table-cell office:value-type="percentage" office:value="{v.value!r}">'
                f"<text:p>{round(v.value * 100)} %</text:p></table:table-cell>")
    if isinstance(v, (int, float)):
        return (f'<table:table-cell office:value-type="float" office:value="{v!r}">'
                f"<text:p>{v}</text:p></table:table-cell>")
    if isinstance(v, dt.date):
        return (f'<table:table-cell office:value-type="date" office:date-value="{v.isoformat()}">'
                f"<text:p>{v:%d/%m/%Y}</text:p></table:table-cell>")
    return f'<table:table-cell office:value-type="string"><text:p>{escape(str(v))}</text:p></table:table-cell>'


# --------------------------------------------------------------------------------------------------- the truth


def _truth(model: _Model, files: list[_File]) -> dict:
    sheets, ignored, planted = [], [], []
    tables = {name: {"accepted": 0, "quarantined": 0, "dropped": 0, "rows_read": 0} for name in TABLES
              if TABLES[name].source == "raw"}
    for f in files:
        for sh in f.sheets:
            if sh.table is None:
                ignored.append({"file": f.path, "sheet": sh.name, "reason": sh.reason})
                continue
            n = Counter(sh.status)
            entry = {"file": f.path, "sheet": sh.name, "table": sh.table, "header_row": sh.header_row,
                     "header": sh.header, "columns": dict(zip(sh.header, sh.columns)), "rows_read": len(sh.rows),
                     "accepted": n["accepted"],
                     "quarantined": n["quarantined"], "dropped": n["blank"] + n["total"],
                     "dropped_blank": n["blank"], "dropped_total": n["total"]}
            sheets.append(entry)
            for key in ("accepted", "quarantined", "dropped", "rows_read"):
                tables[sh.table][key] += entry[key]
            for p in sh.planted:
                value = p["value"]
                planted.append({"file": f.path, "sheet": sh.name, "table": sh.table,
                                "row": sh.header_row + 1 + p["index"], "column": p["column"],
                                "value": value if value is None or isinstance(value, (str, int, float)) else str(value),
                                "reason": p["reason"]})
    written = {p["_person"] for p in model.tables["event_attendance"]}
    written |= {p["_pi"] for p in model.tables["projects"]}
    extra = _planted_people(files)
    reference = []
    for period in REFERENCE_PERIODS:
        values = _kpi_values(model.tables, _period_years(period))
        for kpi, value in sorted(values.items()):
            reference.append({"kpi_id": kpi, "period": period, "value": value})
    targets = [{"kpi_id": t["kpi_id"], "period": t["period"], "target": t["target"], "value": t["_value"],
                "direction": t["_direction"], "status": _target_status(t["_value"], t["target"], t["_direction"])}
               for t in model.tables["kpi_targets"]]
    return {
        "tables": tables,
        "sheets": sheets,
        "ignored_sheets": ignored,
        "planted": planted,
        "persons": {
            "names": sorted({p.name for p in written} | {x["name"] for x in extra}),
            "emails": sorted({p.email for p in written} | {x["email"] for x in extra}),
            "pi_cells": sorted(_pi_cells(files)),
        },
        "kpi_reference": reference,
        "targets": targets,
    }


PI_HEADERS = ("Porteur du projet", "Inventeur referent", "Inventeur référent")


def _pi_cells(files: list[_File]) -> set[str]:
    """The principal investigators exactly as written in the project sheets."""
    cells = set()
    for f in files:
        for sh in f.sheets:
            if sh.table == "projects":
                col = next(i for i, h in enumerate(sh.header) if h in PI_HEADERS)
                cells |= {row[col] for row in sh.rows if row[col]}
    return cells


def _planted_people(files: list[_File]) -> list[dict]:
    out = []
    for f in files:
        for sh in f.sheets:
            if sh.table == "projects" and sh.name is not None:
                for p in sh.planted:
                    cells = sh.rows[p["index"]]
                    out.append({"name": cells[sh.header.index("Porteur du projet")],
                                "email": cells[sh.header.index("E-mail porteur")]})
    return out


# ----------------------------------------------------------------------------------------------------- public API


def _check(seed: int, scale: int) -> None:
    if not isinstance(scale, int) or scale < 1:
        raise ValueError(f"scale must be a whole number >= 1, not {scale!r}")
    if not isinstance(seed, int):
        raise ValueError(f"seed must be a whole number, not {seed!r}")


def _layout(seed: int, scale: int) -> tuple[_Model, list[_File]]:
    """The model and the laid-out files (nothing written)."""
    _check(seed, scale)
    model = _build_model(seed, scale)
    rr = _Render(random.Random(f"{seed}:render"))
    files = [_cpp_workbook(model, rr), *_it_files(model, rr), _events_workbook(model, rr), _eu_workbook(model, rr),
             _targets_ods(model, rr)]
    return model, files


def write_sample(
    out_dir: str | Path, seed: int = 2020, scale: int = 1, *, truth_path: str | Path | None = None
) -> dict:
    """Write the sample spreadsheets into ``out_dir`` and return ``{"seed", "scale", "files", "truth"}``.

    ``files`` are paths relative to ``out_dir``; ``truth`` gives per table and per sheet the rows a correct
    ingestion accepts, quarantines and drops, the planted bad rows, the people written, reference KPI values and
    the targets' expected statuses. ``truth_path`` also writes the truth as JSON; it must lie outside ``out_dir``
    (the raw folder holds only spreadsheets). Existing files of the same names are overwritten, others are left.

    Raises ``ValueError`` for a bad seed or scale, or a ``truth_path`` inside ``out_dir``.
    """
    out_dir = Path(out_dir)
    if truth_path is not None and Path(truth_path).resolve().is_relative_to(out_dir.resolve()):
        raise ValueError(f"truth_path {truth_path} must lie outside the raw folder {out_dir}")
    model, files = _layout(seed, scale)
    out_dir.mkdir(parents=True, exist_ok=True)
    for f in files:
        path = out_dir / f.path
        if f.kind == "xlsx":
            _write_xlsx(path, f, constant_memory=scale > 1)
        elif f.kind == "csv":
            _write_csv(path, f)
        else:
            _write_ods(path, f)
    summary = {"seed": seed, "scale": scale, "files": sorted(f.path for f in files), "truth": _truth(model, files)}
    if truth_path is not None:
        Path(truth_path).parent.mkdir(parents=True, exist_ok=True)
        Path(truth_path).write_text(json.dumps(summary, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return summary


def expected_tables(seed: int = 2020, scale: int = 1) -> dict:
    """The clean tables a correct ingestion of ``write_sample(seed, scale)`` produces, before pseudonymisation.

    Typed as ``partnership_metrics.load()`` returns them; persons (``projects.pi``, ``event_attendance.attendee``)
    are the clear "First Last" names, which ingestion replaces with keyed hashes.
    """
    from .tables import arrow_table, to_frame

    _check(seed, scale)
    model = _build_model(seed, scale)
    frames = {}
    for name, rows in model.tables.items():
        df = to_frame(name, arrow_table(name, rows))  # the package's own typing, as load() returns tables
        frames[name] = df.sort_values(list(TABLES[name].key)).reset_index(drop=True)
    return frames
