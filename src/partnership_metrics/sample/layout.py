"""How each partner lays out its files: labels and spellings, header templates, title blocks, cell renderings.

The ``cpp`` partner's French workbook (title block, merged title, headers with line breaks and units, dates as cells
and as text, money in k€ and as ``1 234 567,50 €`` strings, a hidden dropdown sheet, a notes sheet, a TOTAL row,
blank rows), the ``it`` partner's cp1252 ``;`` CSV exports (one per year, two header templates), an events workbook
with an attendance sheet, an English workbook for EU proposals and start-ups, and the targets as an ``.ods`` file.
Partner names, years and dates come from the model's partnership. A few bad rows are planted on purpose and recorded
on their sheet.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from .model import HORIZON_EUROPE_START, Calendar, Model, Person
from .writers import File, Formula, Percent, Sheet

NNBSP, NBSP = "\u202f", "\u00a0"
# File names: {cpp} and {it} are the partners' abbreviations, {first}-{last} the sample's years.
CPP_WORKBOOK = "{cpp}_suivi_valorisation_{first}-{last}.xlsx"
EVENTS_WORKBOOK = "Formations_evenements_{first}-{last}.xlsx"
EU_WORKBOOK = "EU_proposals_and_startups.xlsx"
TARGETS_ODS = "Objectifs_partenariat_{period}.ods"
COMMENTARY_WORKBOOK = "Commentaires_partenaires_{period}.xlsx"
IT_PROJECTS_CSV = "{it}_detections_projets_{year}.csv"
IT_FUNDING_CSV = "{it}_decisions_financement_{year}.csv"

# ------------------------------------------------------------------------------------ labels as partners write them

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

MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
             "novembre", "décembre")

# code -> variants; the first variant is the usual one. Braces hold the partners' names (model.partner_names).

CPP_LABELS = {
    "sourcing_channel": {"cpp_call": ("Appel à projets {cpp}", "AAP {cpp}"), "it_detection": ("Détection {it}",),
                         "joint": ("Conjoint",)},
    "supported_by": {"cpp": ("{cpp}",), "it": ("{it}", "{it_short}"), "both": ("{cpp} + {it}",)},
    "technology_type": {"therapeutic": ("Thérapeutique",), "diagnostic": ("Diagnostic",),
                        "medical_device": ("Dispositif médical",), "digital_health": ("Santé numérique",),
                        "research_tool": ("Outil de recherche",), "other": ("Autre",)},
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
IT_LABELS = {  # the it partner's exports: French and English, two templates (before the period / from its start)
    "sourcing_channel": {"it_detection": ("Détection {it}",), "joint": ("Conjointe {cpp}/{it}",)},
    "supported_by_old": {"it": ("{it}",), "cpp": ("{cpp}",), "both": ("Les deux",)},
    "supported_by": {"it": ("{it}",), "cpp": ("{cpp}",), "both": ("{it} + {cpp}",)},
    "technology_type": {"therapeutic": ("Therapeutics",), "diagnostic": ("Diagnostics",),
                        "medical_device": ("Medical device",), "digital_health": ("e-santé",),
                        "research_tool": ("Research tool",), "other": ("Other",)},
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
    "supported_by": {"cpp": ("{cpp}",), "it": ("{it_short_en}",), "both": ("Both",)},
    "startup_status": {"active": ("Active",), "acquired": ("Acquired",), "closed": ("Closed",)},
    "round_type": {"pre_seed": ("Pre-seed",), "seed": ("Seed",), "series_a": ("Series A",),
                   "series_b_plus": ("Series B",), "grant": ("Grant",), "loan": ("Loan",), "other": ("Other",)},
}
# Funder code -> spellings in the partners' French files; a partner writes its own funder and its partner's with
# their short name or abbreviation.
FUNDER_SPELLINGS = {
    "canceropole_paca": ("CanceroPôle PACA",), "inserm_transfert": ("Inserm Transfert",),
    "region_sud": ("Région Sud", "Région Provence-Alpes-Côte d'Azur"), "satt_sud_est": ("SATT Sud-Est",),
    "bpifrance": ("Bpifrance", "BPI France"), "anr": ("ANR",), "inca": ("INCa", "Institut National du Cancer"),
    "eu": ("Union européenne", "UE"), "private": ("Privé", "Investisseur privé"), "other": ("Autre",),
}
EVENT_LABELS = {
    "event_type": {"training": ("Formation",), "awareness": ("Sensibilisation",), "workshop": ("Atelier",),
                   "pitch": ("Pitch",), "conference": ("Conférence",), "webinar": ("Webinaire",)},
    "organiser": {"cpp": ("{cpp}",), "it": ("{it_short}", "{it}"), "joint": ("Co-organisé",)},
    "site": {"marseille": ("Marseille",), "nice": ("Nice",), "online": ("En ligne",), "other": ("Autre",)},
}

def _labels(templates: dict, names: dict) -> dict:
    """Label templates with the partners' names filled in."""
    return {column: {code: tuple(v.format(**names) for v in variants) for code, variants in codes.items()}
            for column, codes in templates.items()}


def _funders(m: Model) -> dict:
    """Funder code -> spellings; the partners' own funders by their short name or abbreviation."""
    labels = dict(FUNDER_SPELLINGS)
    for p in m.partnership.partners:
        labels[p.funder] = (m.names[f"{p.code}_short"], p.abbreviation)
    return labels


def _planted_years(cal: Calendar) -> tuple[int, int, int]:
    """The years of the planted bad rows: the period's first, second (or only) and last."""
    return cal.start, min(cal.start + 1, cal.last), cal.last


def _columns(*specs: str) -> tuple[list[str], list[str | None]]:
    """``"Montant (k€)=amount_eur"`` -> headers and canonical columns (no ``=``: a column no table knows)."""
    pairs = [spec.rpartition("=")[::2] if "=" in spec else (spec, None) for spec in specs]
    return [h for h, _ in pairs], [c for _, c in pairs]


class Render:
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

    def pi(self, person: Person) -> str:
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


def _cpp_workbook(m: Model, rr: Render) -> File:
    t, cal, names, funders = m.tables, m.calendar, m.names, _funders(m)
    first_year, second_year, _ = _planted_years(cal)
    projects = Sheet("Projets", "projects", *_columns(
        "N° projet=project_id", "Titre du projet=title", "Acronyme=acronym", "Établissement\nporteur=lead_institution",
        "Unité de\nrecherche=research_unit", "Type de\ntechnologie=technology_type",
        "Canal de\ndétection=sourcing_channel", "Accompagnement=supported_by", "Date de\ndétection=detection_date",
        "Déclaration\nd'invention=disclosure_date", "Dépôt\nprioritaire=priority_filing_date",
        "Début de\nmaturation=maturation_start_date", "Date de\nlicence=licence_date", "Date\nd'abandon=abandon_date",
        "Porteur du projet=pi", "E-mail porteur=pi", "Commentaires"),
        title=[f"{names['cpp_name']} — Suivi des projets de valorisation",
               f"Mise à jour : {cal.frozen_time:%d/%m/%Y} — document de travail, ne pas diffuser"],
        validations=[(6, "=Listes!$A$2:$A$4"), (7, "=Listes!$B$2:$B$4"), (5, "=Listes!$C$2:$C$7")])
    L = _labels(CPP_LABELS, names)
    for year, rows in _by_year([p for p in t["projects"] if p["_file"] == "cpp"], "detection_date"):
        if year == cal.start:
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
            if year == second_year and i == len(rows) // 2:
                person = rr.rng.choice(m.people)
                projects.plant([
                    p["project_id"] + "bis", "Nanovecteur ciblant le microenvironnement tumoral", None,
                    rr.institution(person.institution), person.unit, L["technology_type"]["therapeutic"][0],
                    L["sourcing_channel"]["cpp_call"][0], L["supported_by"]["cpp"][0],
                    f"31/02/{year}", None, None, None, None, None, person.name, person.email, None,
                ], "Date de\ndétection", "impossible date")
    funding = Sheet("Financements", "funding", *_columns(
        "Réf. financement=funding_id", "N° projet=project_id", "Financeur=funder", "Dispositif=instrument",
        "Montant (k€)=amount_eur", "Date de\ndécision=decision_date", "Remarques"),
        title=[f"Financements accordés par {names['cpp_the']}", "Montants en milliers d'euros (k€)"])
    total = 0.0
    groups = _by_year([f for f in t["funding"] if f["_file"] == "cpp"], "decision_date")
    for g, (year, rows) in enumerate(groups):
        for i, f in enumerate(rows):
            amount = _kilo(f["amount_eur"])
            total += amount
            funding.add([f["funding_id"], f["project_id"], rr.label(funders, f["funder"]),
                         rr.label(L["instrument"], f["instrument"]), amount, rr.fr_date(f["decision_date"], 0.8, 0.2),
                         "Hors projet" if f["project_id"] is None else None])
            if year == first_year and i == min(3, len(rows) - 1):
                project = next(p for p in t["projects"] if p["_file"] == "cpp" and p["detection_date"].year == year)
                total += 25.0
                funding.plant([None, project["project_id"], funders[m.partnership.partner("cpp").funder][0],
                               L["instrument"]["emergence"][0], 25.0, f"14/06/{year}",
                               "Ligne saisie sans référence"], "Réf. financement", "missing required id")
        if g < len(groups) - 1:
            funding.blank()
    first, last = funding.header_row + 1, funding.header_row + len(funding.rows)
    funding.add(["TOTAL", None, None, None, Formula(f"=SUM(E{first}:E{last})", round(total, 3)), None, None], "total")
    cofin = Sheet("Cofinancements", "funding", *_columns(
        "Référence=funding_id", "Projet=project_id", "Cofinanceur=funder", "Nature de l'aide=instrument",
        "Montant=amount_eur", "Date de la décision=decision_date", "Observations"),
        title=["Cofinancements externes obtenus sur les projets accompagnés (montants notifiés, en euros)"])
    for _, rows in _by_year([f for f in t["funding"] if f["_file"] == "cofin"], "decision_date"):
        for f in rows:
            cofin.add([f["funding_id"], f["project_id"], rr.label(funders, f["funder"]),
                       rr.label(L["instrument"], f["instrument"]), rr.euros_text(f["amount_eur"]),
                       rr.fr_date(f["decision_date"]), None])
    eu = Sheet("Projets européens", "eu_proposals", *_columns(
        "N° dossier=proposal_id", "Acronyme=acronym", "Programme=programme", "Appel (topic)=call_id",
        "Date de\ndépôt=submission_date", "Rôle=role", "Établissement=institution", "Accompagnement=supported_by",
        "Montant demandé\n(k€)=requested_eur", "Statut=status", "Montant obtenu\n(k€)=granted_eur",
        "Date du\nrésultat=result_date"),
        title=[f"Candidatures européennes accompagnées par {names['cpp_the_familiar']}"], title_gap=0)
    for _, rows in _by_year([u for u in t["eu_proposals"] if u["_file"] == "cpp"], "submission_date"):
        for u in rows:
            prog = L["programme_h2020"] if u["submission_date"].year < HORIZON_EUROPE_START and \
                u["programme"] == "horizon_health" else L["programme"]
            eu.add([u["proposal_id"], u["acronym"], rr.label(prog, u["programme"]), u["call_id"],
                    rr.fr_date(u["submission_date"]), rr.label(L["role"], u["role"]), rr.institution(u["institution"]),
                    rr.label(L["supported_by"], u["supported_by"]), _kilo(u["requested_eur"]),
                    rr.label(L["status"], u["status"]),
                    _kilo(u["granted_eur"]) if u["granted_eur"] is not None else None, rr.fr_date(u["result_date"])])
    lists = Sheet("Listes", None, *_columns("Canaux", "Accompagnement", "Types de technologie", "Dispositifs"),
                   hidden=True,
                   reason="hidden sheet of dropdown values")
    columns = [[v[0] for v in L[k].values()] for k in ("sourcing_channel", "supported_by", "technology_type",
                                                        "instrument")]
    for i in range(max(map(len, columns))):
        lists.add([c[i] if i < len(c) else None for c in columns], "ignored")
    notes = Sheet("Notes", None, *_columns("Notes de lecture"), reason="notes sheet")
    for line in ("Montants des financements en milliers d'euros (k€), sauf onglet Cofinancements (en euros).",
                 f"Les projets « {L['sourcing_channel']['joint'][0]} » sont identifiés lors des comités de "
                 f"détection communs (depuis {cal.start}).",
                 "Dates au format jj/mm/aaaa.", "Document interne — ne pas diffuser."):
        notes.add([line], "ignored")
    return File(CPP_WORKBOOK.format(cpp=names["cpp"], first=cal.first, last=cal.last), "xlsx",
                [projects, funding, cofin, eu, lists, notes], cal.frozen_time,
                f"Suivi valorisation {names['cpp_short']}")


IT_PROJECT_HEADERS = {  # True: the template used before the period
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


def _it_files(m: Model, rr: Render) -> list[File]:
    t, cal, files = m.tables, m.calendar, []
    L, funders, it = _labels(IT_LABELS, m.names), _funders(m), m.names["it"]
    _, second_year, _ = _planted_years(cal)
    for year, rows in _by_year([p for p in t["projects"] if p["_file"] == "it"], "detection_date"):
        old = year < cal.start
        sheet = Sheet(None, "projects", *_columns(*IT_PROJECT_HEADERS[old]))
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
        files.append(File(IT_PROJECTS_CSV.format(it=it, year=year), "csv", [sheet], cal.frozen_time))
    for year, rows in _by_year([f for f in t["funding"] if f["_file"] == "it"], "decision_date"):
        old = year < cal.start
        sheet = Sheet(None, "funding", *_columns(*IT_FUNDING_HEADERS[old]))
        instruments = L["instrument_old" if old else "instrument"]
        total = 0.0
        for i, f in enumerate(rows):
            total += f["amount_eur"]
            sheet.add([f["funding_id"], f["project_id"], rr.label(funders, f["funder"]),
                       rr.label(instruments, f["instrument"]), rr.euros_csv(f["amount_eur"]),
                       rr.csv_date(f["decision_date"], old), None])
            if year == second_year and i == len(rows) // 2:
                sheet.plant([f["funding_id"] + "bis", f["project_id"], funders[m.partnership.partner("it").funder][0],
                             instruments["maturation"][0], f"-{_fr_number(12500, 2, NBSP)}", f"30/06/{year}",
                             "Annulation partielle"],
                            "Montant €", "negative amount")
        if old:  # the old export ends with an empty line and a total
            sheet.blank()
            sheet.add(["TOTAL", None, None, None, _fr_number(total, 2, NBSP), None, None], "total")
        files.append(File(IT_FUNDING_CSV.format(it=it, year=year), "csv", [sheet], cal.frozen_time))
    return files


def _events_workbook(m: Model, rr: Render) -> File:
    cal, names, L = m.calendar, m.names, _labels(EVENT_LABELS, m.names)
    events = Sheet("Événements", "events", *_columns(
        "Réf. événement=event_id", "Date=event_date", "Intitulé=title", "Type=event_type", "Organisé par=organiser",
        "Lieu=site", "Nombre de\nparticipants=attendees", "Satisfaction\n(/5)=satisfaction"),
        title=[f"Programme formations & événements — {names['cpp_short']} / {names['it_short']}"],
        title_gap=0)
    attendance = Sheet("Émargements", "event_attendance", *_columns(
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
        if previous_year == cal.start - 1 and year == cal.start:
            attendance.blank()
        previous_year = year
        p = a["_person"]
        attendance.add([a["event_id"], p.last.upper() if rr.rng.random() < 0.6 else p.last, p.first, p.email,
                        rr.institution(p.institution), rr.unit(p.unit)])
    return File(EVENTS_WORKBOOK.format(first=cal.first, last=cal.last), "xlsx", [events, attendance],
                cal.frozen_time, "Formations et événements")


EU_NOTES = ("Resubmission", "Two-stage call", "Consortium of 9 partners", "Lump sum", "Blind evaluation step 1")


def _eu_workbook(m: Model, rr: Render) -> File:
    t, cal, L = m.tables, m.calendar, _labels(EN_LABELS, m.names)
    *_, last_year = _planted_years(cal)
    eu = Sheet("EU proposals", "eu_proposals", *_columns(
        "Proposal ID=proposal_id", "Acronym=acronym", "Programme=programme", "Call ID=call_id",
        "Submission date=submission_date", "Role=role", "Applicant institution=institution",
        "Supported by=supported_by", "Requested (€)=requested_eur", "Status=status", "Granted (€)=granted_eur",
        "Result date=result_date", "Notes"))
    for year, rows in _by_year([u for u in t["eu_proposals"] if u["_file"] == "en"], "submission_date"):
        for i, u in enumerate(rows):
            prog = L["programme_h2020"] if year < HORIZON_EUROPE_START and u["programme"] == "horizon_health" \
                else L["programme"]
            eu.add([u["proposal_id"], u["acronym"], rr.label(prog, u["programme"]), u["call_id"],
                    rr.en_date(u["submission_date"]), rr.label(L["role"], u["role"]), rr.institution(u["institution"]),
                    rr.label(L["supported_by"], u["supported_by"]), u["requested_eur"],
                    rr.label(L["status"], u["status"]),
                    u["granted_eur"], rr.en_date(u["result_date"], 0.1),
                    rr.rng.choice(EU_NOTES) if rr.rng.random() < 0.2 else None])
            if year == last_year and i == min(1, len(rows) - 1):
                eu.plant([u["proposal_id"] + "bis", "PRECISONCO", "EU Mission on Cancer",
                          f"HORIZON-MISS-{year}-CANCER-01-03",
                          dt.date(year, 3, 9), "Partner", "AMU", "Both", 450000.0, "see e-mail from NCP", None, None,
                          None], "Status", "unknown status label")
    startups = Sheet("Start-ups", "startups", *_columns(
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
    rounds = Sheet("Funding rounds", "startup_rounds", *_columns(
        "Startup ID=startup_id", "Closing date=round_date", "Amount raised (€)=amount_eur", "Round=round_type"))
    for r in sorted(t["startup_rounds"], key=lambda r: (r["startup_id"], r["round_date"])):
        rounds.add([r["startup_id"], rr.en_date(r["round_date"]), rr.round_amount(r["amount_eur"]),
                    rr.label(L["round_type"], r["round_type"])])
    return File(EU_WORKBOOK, "xlsx", [eu, startups, rounds], cal.frozen_time, "EU grants office and start-ups")


def _targets_ods(m: Model, rr: Render) -> File:
    names, cal = m.names, m.calendar
    sheet = Sheet("Objectifs", "kpi_targets", *_columns(
        "Indicateur=kpi_id", "Libellé", "Période=period", "Cible=target", "Commentaire"),
                  title=[f"Objectifs chiffrés de la convention {names['cpp_short']} – {names['it_short']} "
                         f"({m.partnership.signed:%d/%m/%Y})"])
    for row in m.tables["kpi_targets"]:
        target: Any = row["target"]
        if row["_unit"] == "share":
            r = rr.rng.random()
            if r < 0.35:
                target = Percent(target)
            elif r < 0.7:
                target = f"{round(target * 100)}{rr.rng.choice((' ', NBSP))}%"
        elif row["_unit"] == "count":
            target = int(target)
        period: Any = int(row["period"]) if row["period"].isdigit() else row["period"]
        sheet.add([row["kpi_id"], row["_label"], period, target,
                   "Cible révisée au comité de pilotage" if rr.rng.random() < 0.1 else None])
    return File(TARGETS_ODS.format(period=cal.period), "ods", [sheet], cal.frozen_time)


def _commentary_workbook(m: Model) -> File:
    """The partners' comments on the targets missed or nearly met, named by the indicator's label or its id."""
    names, cal = m.names, m.calendar
    sheet = Sheet("Commentaires", "commentary", *_columns(
        "Indicateur=kpi_id", "Période=period", "Cause de l'écart=cause", "Action corrective=action",
        "Responsable=owner", "Échéance=due_date"),
        title=[f"Revue {cal.period} : commentaires des partenaires ({names['cpp_short']} – {names['it_short']})"])
    for i, row in enumerate(m.tables.get("commentary", [])):
        period: Any = int(row["period"]) if row["period"].isdigit() else row["period"]
        sheet.add([row["_label"] if i % 2 else row["kpi_id"], period, row["cause"], row["action"], row["owner"],
                   row["due_date"]])
    return File(COMMENTARY_WORKBOOK.format(period=cal.period), "xlsx", [sheet], cal.frozen_time)


def lay_out(model: Model, seed: int) -> list[File]:
    """The files of ``model``, laid out as the partners keep them (nothing written)."""
    rr = Render(random.Random(f"{seed}:render"))
    files = [_cpp_workbook(model, rr), *_it_files(model, rr), _events_workbook(model, rr), _eu_workbook(model, rr),
             _targets_ods(model, rr)]
    if model.tables.get("commentary"):
        files.append(_commentary_workbook(model))
    return files


PI_HEADERS = ("Porteur du projet", "Inventeur referent", "Inventeur référent")


def pi_cells(files: list[File]) -> set[str]:
    """The principal investigators exactly as written in the project sheets."""
    cells = set()
    for f in files:
        for sh in f.sheets:
            if sh.table == "projects":
                col = next(i for i, h in enumerate(sh.header) if h in PI_HEADERS)
                cells |= {row[col] for row in sh.rows if row[col]}
    return cells


def planted_people(files: list[File]) -> list[dict]:
    """The people written in the planted rows of the project sheets (name and e-mail)."""
    out = []
    for f in files:
        for sh in f.sheets:
            if sh.table == "projects" and sh.name is not None:
                for p in sh.planted:
                    cells = sh.rows[p["index"]]
                    out.append({"name": cells[sh.header.index("Porteur du projet")],
                                "email": cells[sh.header.index("E-mail porteur")]})
    return out


