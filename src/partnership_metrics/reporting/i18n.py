"""Every word the reports show, in French and English: UI strings, code labels, dates and report titles.

``STRINGS[lang][key]`` holds the UI strings (a test checks that both languages have the same keys); ``text(key,
lang, **values)`` fills their ``{placeholders}``. KPI labels and definitions come from the KPI catalogue, numbers
from :mod:`partnership_metrics.kpis.formatting`; dates are written by Babel (``15 mars 2022``, ``15 March 2022``).
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from ..kpis.catalogue import check_lang
from ..kpis.formatting import MISSING

LANGS = ("fr", "en")
BABEL_LOCALES = {"fr": "fr_FR", "en": "en_GB"}
NBSP = "\u00a0"

# French typography puts a no-break space before ":" ";" "?" "!" (written "\u00a0" below).
STRINGS: dict[str, dict[str, str]] = {
    "fr": {
        # report titles (cover)
        "title_three_year": "Bilan du partenariat {period}",
        "subtitle_three_year": "Valorisation, formation, projets européens et synergies",
        "title_annual": "Revue annuelle {year}",
        "subtitle_annual": "Résultats de l'année comparés à {previous}, à la période de référence et aux "
                           "cibles",
        # section headings
        "summary": "Synthèse",
        "valorisation": "Valorisation des projets",
        "startups": "Start-up et levées de fonds",
        "training": "Formation et événements",
        "eu": "Projets européens",
        "synergies": "Synergies et optimisation des financements",
        "appendix": "Annexe\u00a0: définitions et qualité des données",
        "headline_kpis": "Indicateurs clés",
        "key_messages": "Messages clés",
        "kpi_table": "Tableau des indicateurs",
        "definitions": "Définitions des indicateurs",
        "data_quality": "Qualité des données",
        # section introductions
        "intro_summary_three_year": "Résultats {period} du partenariat signé le {signed}, comparés à la période "
                                    "de référence {baseline} et aux cibles fixées par les partenaires.",
        "intro_summary_annual": "Résultats {year} du partenariat, comparés à {previous}, à la moyenne annuelle "
                                "de la période de référence {baseline} et aux cibles de l'année.",
        "intro_valorisation": "Du repérage des projets à leur transfert\u00a0: détections, déclarations "
                              "d'invention, maturation, licences et start-up, et les financements obtenus.",
        "intro_startups": "Les start-up créées et les fonds qu'elles ont levés.",
        "intro_training": "Formations et événements proposés aux unités de recherche pour encourager le transfert "
                          "de technologie et la création d'entreprises.",
        "intro_eu": "Accompagnement des candidatures aux programmes européens (Horizon Europe, Mission Cancer, "
                    "ERC)\u00a0: propositions déposées, financées et financements obtenus.",
        "intro_synergies": "Ce que le partenariat change dans la façon de travailler ensemble\u00a0: actions "
                           "conjointes, cofinancements, effet de levier et défauts de coordination.",
        "intro_appendix": "Définition de chaque indicateur et état des données sources utilisées pour ce rapport.",
        # tiles and tables
        "indicator": "Indicateur",
        "target": "Cible",
        "status": "Statut",
        "baseline": "Référence",
        "baseline_avg": "Moy. {baseline}",
        "change": "Évolution",
        "vs": "vs {reference}",
        "target_tile": "Cible\u00a0: {target}",
        "no_target_tile": "Pas de cible",
        "baseline_tile": "{baseline}\u00a0: {value} ({change})",
        "baseline_avg_tile": "Moy. {baseline}\u00a0: {value} ({change})",
        "previous_tile": "{year}\u00a0: {value} ({change} vs {previous})",
        "previous_year_tile": "{previous}\u00a0: {value} ({change})",
        "not_computable": "non calculable",
        "no_baseline_value": "non calculable sur la période de référence",
        "year_target": "cible {year}\u00a0: {target}",
        "notes": "Notes",
        "unit": "Unité",
        "direction": "Sens",
        "definition": "Définition",
        "yes": "oui",
        "no": "non",
        # start-ups
        "startup_name": "Start-up",
        "creation_date": "Création",
        "institution": "Établissement",
        "ilab": "Lauréat i-Lab",
        "startup_status": "Situation",
        "employees": "Salariés",
        "funds_raised_to": "Fonds levés jusqu'à fin {year}",
        "startups_created_in": "Start-up créées en {period}",
        "no_startup": "Aucune start-up créée en {period}.",
        "no_data_table": "Données absentes\u00a0: la table «\u00a0{table}\u00a0» n'a pas été trouvée dans "
                         "les fichiers sources.",
        # charts
        "chart_funnel": "Entonnoir de valorisation\u00a0: {scope} comparé à {reference}",
        "chart_funnel_note": "Nombre d'étapes franchies dans chaque période (ce n'est pas le suivi d'une même "
                             "cohorte de projets).",
        "chart_funding": "Financements décidés par financeur et par an",
        "chart_startup_rounds": "Fonds levés par les start-up, par an et par type de tour",
        "chart_startup_funds": "Fonds levés par les start-up créées en {period}",
        "chart_events": "Événements et participants par an, par organisateur",
        "chart_training_quality": "Satisfaction et unités de recherche touchées par an",
        "chart_eu_counts": "Propositions européennes déposées et financées par an",
        "chart_eu_rate": "Taux de succès européen par an, comparé à la moyenne Horizon Europe",
        "chart_synergy": "Part des actions conjointes par an, avant et depuis le partenariat",
        "chart_leverage": "Financements des partenaires et financements externes mobilisés par an",
        "chart_cofunding": "Projets cofinancés et défauts de coordination par an",
        "axis_year": "Année",
        "axis_projects": "Projets",
        "axis_meur": "Millions d'euros",
        "axis_events": "Événements",
        "axis_attendees": "Participants",
        "axis_share": "Part (%)",
        "axis_rate": "Taux de succès (%)",
        "axis_proposals": "Propositions",
        "axis_score": "Note moyenne (1-5)",
        "axis_units": "Unités touchées",
        "series_submitted": "Déposées",
        "series_funded": "Financées",
        "series_rate": "Taux de succès",
        "series_partnership_funding": "Partenaires (CanceroPôle + Inserm Transfert)",
        "series_external_funding": "Externes mobilisés",
        "series_leverage": "levier ×{ratio}",
        "series_cofunded": "Projets cofinancés",
        "series_gaps": "Défauts de coordination",
        "series_satisfaction": "Satisfaction",
        "series_units": "Unités touchées",
        "benchmark_he": "Moyenne Horizon Europe\u00a0: {rate}",
        "partnership_signed": "Signature du partenariat",
        "stage_detected": "Projets détectés",
        "stage_disclosed": "Déclarations d'invention",
        "stage_maturation": "Entrées en maturation",
        "stage_licences": "Licences signées",
        "stage_startups": "Start-up créées",
        "baseline_yearly_average": "{baseline} (moyenne annuelle)",
        "no_data_chart": "Aucune donnée pour ces années",
        # key messages
        "msg_targets": "Cibles {scope}\u00a0: {met} atteintes sur {total}, {close} proches (à moins de 10\u00a0%) "
                       "et {missed} non atteintes.",
        "msg_targets_all_met": "Les {total} cibles fixées pour {scope} sont toutes atteintes.",
        "msg_targets_unknown": " {unknown} cibles ne peuvent pas être évaluées faute de données.",
        "msg_missed": "Cibles les plus éloignées\u00a0: {items}.",
        "msg_missed_item": "{label} ({value} pour une cible de {target})",
        "msg_rises": "Plus fortes progressions par rapport à {baseline}\u00a0: {items}.",
        "msg_falls": "Principaux reculs par rapport à {baseline}\u00a0: {items}.",
        "msg_change_item": "{label} {change} ({value} contre {reference})",
        "msg_change_item_avg": "{label} {change} ({value} contre {reference} en moyenne annuelle)",
        "msg_previous_rises": "Par rapport à {previous}, les plus fortes hausses\u00a0: {items}.",
        "msg_previous_falls": "Par rapport à {previous}, les plus fortes baisses\u00a0: {items}.",
        "msg_synergy_up": "Les synergies progressent par rapport à {baseline}\u00a0: {items}.",
        "msg_synergy_down": "Les synergies reculent par rapport à {baseline}\u00a0: {items}.",
        "msg_synergy_mixed": "Les synergies évoluent de façon contrastée par rapport à {baseline}\u00a0: {items}.",
        "msg_synergy_level": "Synergies sur {scope}\u00a0: {items}.",
        "msg_synergy_item": "{label} {value} (contre {reference})",
        "msg_synergy_item_plain": "{label} {value}",
        "msg_eu_above": "Le taux de succès européen atteint {rate}{funded}, au-dessus de la "
                        "moyenne Horizon Europe de {benchmark}.",
        "msg_eu_below": "Le taux de succès européen est de {rate}{funded}, en dessous de "
                        "la moyenne Horizon Europe de {benchmark}.",
        "msg_eu_equal": "Le taux de succès européen ({rate}) est au niveau de la moyenne Horizon Europe de "
                        "{benchmark}.",
        "msg_eu_funded_one": "{n}\u00a0proposition financée",
        "msg_eu_funded_many": "{n}\u00a0propositions financées",
        "msg_and": " et ",
        "the_baseline": "la période de référence",
        "no_messages": "Aucun message clé\u00a0: les indicateurs de la période ne peuvent pas être calculés avec "
                       "les données disponibles.",
        "msg_sep": "\u00a0; ",
        # appendix: data quality
        "dq_intro": "Tables calculées à partir de {files} fichiers ({sheets} feuilles)\u00a0: {read} lignes lues, "
                    "{accepted} retenues, {quarantined} mises en quarantaine et {dropped} écartées (lignes vides, "
                    "totaux, doublons).",
        "dq_no_report": "Le rapport d'ingestion (ingest_report.json) est absent du dossier des tables\u00a0: "
                        "la qualité des données ne peut pas être résumée.",
        "dq_version": "Tables produites par partnership_metrics {version}.",
        "dq_sources": "Fichiers sources",
        "dq_tables": "Tables",
        "dq_file": "Fichier",
        "dq_sha": "Empreinte SHA-256",
        "dq_table": "Table",
        "dq_rows_read": "Lues",
        "dq_rows_accepted": "Retenues",
        "dq_rows_quarantined": "Quarantaine",
        "dq_rows_dropped": "Écartées",
        "dq_rows": "Lignes",
        "dq_not_found": "Tables absentes des fichiers sources\u00a0: {tables}. Les indicateurs qui en dépendent "
                        "sont affichés «\u00a0—\u00a0».",
        "dq_all_found": "Toutes les tables attendues ont été trouvées.",
        "dq_other": "Établissements non reconnus, comptés comme «\u00a0autre\u00a0»",
        "dq_other_none": "Tous les établissements ont été reconnus.",
        "dq_name": "Nom écrit dans la source",
        "dq_quarantine_note": "Le détail des lignes en quarantaine (fichier, ligne, colonne, motif) est dans "
                              "quarantine.csv, à côté des tables.",
        # null reasons written by the KPI engine (see translate_reason)
        "reason_no_project_detected": "aucun projet détecté en {years}",
        "reason_no_event": "aucun événement en {years}",
        "reason_no_satisfaction": "aucun événement avec une note de satisfaction en {years}",
        "reason_no_eu_result": "aucune proposition européenne avec un résultat déposée en {years}",
        "reason_no_eu_submitted": "aucune proposition européenne déposée en {years} (hors retirées)",
        "reason_no_partner_funding": "aucun financement des partenaires décidé en {years}",
        "reason_no_partner_funding_project": "aucun financement des partenaires sur un projet connu décidé "
                                             "en {years}",
        "reason_no_outcome": "aucune licence signée ni start-up créée en {years}",
        "reason_no_maturation": "aucun projet avec une date de détection entré en maturation en {years}",
        "reason_table_missing": "la table {table} est absente",
        "reason_column_missing": "la colonne {column} est absente de la table {table}",
        "reason_column_not_read": "aucun fichier source de la table {table} n'a de colonne {column}",
    },
    "en": {
        "title_three_year": "Partnership review {period}",
        "subtitle_three_year": "Valorisation, training, EU proposals and synergies",
        "title_annual": "Annual review {year}",
        "subtitle_annual": "The year's results against {previous}, the baseline and the targets",
        "summary": "Executive summary",
        "valorisation": "Project valorisation",
        "startups": "Start-ups and funds raised",
        "training": "Training and events",
        "eu": "EU proposals",
        "synergies": "Synergies and funding optimisation",
        "appendix": "Appendix: definitions and data quality",
        "headline_kpis": "Headline indicators",
        "key_messages": "Key messages",
        "kpi_table": "Indicator table",
        "definitions": "Indicator definitions",
        "data_quality": "Data quality",
        "intro_summary_three_year": "Results for {period} of the partnership signed on {signed}, against the "
                                    "{baseline} baseline and the targets set by the partners.",
        "intro_summary_annual": "Results for {year} of the partnership, against {previous}, the yearly average "
                                "of the {baseline} baseline and the year's targets.",
        "intro_valorisation": "From finding projects to transferring them: detections, invention disclosures, "
                              "maturation, licences and start-ups, and the funding they received.",
        "intro_startups": "The start-ups created and the funds they raised.",
        "intro_training": "Training and events offered to research units to encourage technology transfer and "
                          "start-up creation.",
        "intro_eu": "Support for applications to EU programmes (Horizon Europe, the Cancer Mission, ERC): "
                    "proposals submitted, funded and the funding secured.",
        "intro_synergies": "What the partnership changes in how the partners work together: joint actions, "
                           "co-funding, leverage and coordination gaps.",
        "intro_appendix": "The definition of every indicator and the state of the source data used for this "
                          "report.",
        "indicator": "Indicator",
        "target": "Target",
        "status": "Status",
        "baseline": "Baseline",
        "baseline_avg": "Avg. {baseline}",
        "change": "Change",
        "vs": "vs {reference}",
        "target_tile": "Target: {target}",
        "no_target_tile": "No target",
        "baseline_tile": "{baseline}: {value} ({change})",
        "baseline_avg_tile": "Avg. {baseline}: {value} ({change})",
        "previous_tile": "{year}: {value} ({change} vs {previous})",
        "previous_year_tile": "{previous}: {value} ({change})",
        "not_computable": "not computable",
        "no_baseline_value": "not computable for the baseline",
        "year_target": "{year} target: {target}",
        "notes": "Notes",
        "unit": "Unit",
        "direction": "Direction",
        "definition": "Definition",
        "yes": "yes",
        "no": "no",
        "startup_name": "Start-up",
        "creation_date": "Created",
        "institution": "Institution",
        "ilab": "i-Lab laureate",
        "startup_status": "Status",
        "employees": "Employees",
        "funds_raised_to": "Funds raised by end {year}",
        "startups_created_in": "Start-ups created in {period}",
        "no_startup": "No start-up was created in {period}.",
        "no_data_table": "No data: the “{table}” table was not found in the source files.",
        "chart_funnel": "Valorisation funnel: {scope} against {reference}",
        "chart_funnel_note": "Number of steps taken in each period (not one cohort of projects followed over "
                             "time).",
        "chart_funding": "Funding decided per funder and year",
        "chart_startup_rounds": "Funds raised by start-ups per year and round type",
        "chart_startup_funds": "Funds raised by the start-ups created in {period}",
        "chart_events": "Events and attendees per year, by organiser",
        "chart_training_quality": "Satisfaction and research units reached per year",
        "chart_eu_counts": "EU proposals submitted and funded per year",
        "chart_eu_rate": "EU success rate per year against the Horizon Europe average",
        "chart_synergy": "Share of joint actions per year, before and since the partnership",
        "chart_leverage": "Partnership funding and external funding leveraged per year",
        "chart_cofunding": "Co-funded projects and coordination gaps per year",
        "axis_year": "Year",
        "axis_projects": "Projects",
        "axis_meur": "EUR millions",
        "axis_events": "Events",
        "axis_attendees": "Attendees",
        "axis_share": "Share (%)",
        "axis_rate": "Success rate (%)",
        "axis_proposals": "Proposals",
        "axis_score": "Mean score (1-5)",
        "axis_units": "Units reached",
        "series_submitted": "Submitted",
        "series_funded": "Funded",
        "series_rate": "Success rate",
        "series_partnership_funding": "Partners (CanceroPôle + Inserm Transfert)",
        "series_external_funding": "External leveraged",
        "series_leverage": "leverage ×{ratio}",
        "series_cofunded": "Co-funded projects",
        "series_gaps": "Coordination gaps",
        "series_satisfaction": "Satisfaction",
        "series_units": "Units reached",
        "benchmark_he": "Horizon Europe average: {rate}",
        "partnership_signed": "Partnership signed",
        "stage_detected": "Projects detected",
        "stage_disclosed": "Invention disclosures",
        "stage_maturation": "Maturation starts",
        "stage_licences": "Licences signed",
        "stage_startups": "Start-ups created",
        "baseline_yearly_average": "{baseline} (yearly average)",
        "no_data_chart": "No data for these years",
        "msg_targets": "Targets for {scope}: {met} met out of {total}, {close} close (within 10%) and {missed} "
                       "missed.",
        "msg_targets_all_met": "All {total} targets set for {scope} are met.",
        "msg_targets_unknown": " {unknown} targets cannot be assessed for lack of data.",
        "msg_missed": "Furthest from target: {items}.",
        "msg_missed_item": "{label} ({value} against a target of {target})",
        "msg_rises": "Largest improvements against {baseline}: {items}.",
        "msg_falls": "Main declines against {baseline}: {items}.",
        "msg_change_item": "{label} {change} ({value} against {reference})",
        "msg_change_item_avg": "{label} {change} ({value} against a yearly average of {reference})",
        "msg_previous_rises": "Against {previous}, the largest rises: {items}.",
        "msg_previous_falls": "Against {previous}, the largest falls: {items}.",
        "msg_synergy_up": "Synergies are growing against {baseline}: {items}.",
        "msg_synergy_down": "Synergies are declining against {baseline}: {items}.",
        "msg_synergy_mixed": "Synergies are mixed against {baseline}: {items}.",
        "msg_synergy_level": "Synergies in {scope}: {items}.",
        "msg_synergy_item": "{label} {value} (against {reference})",
        "msg_synergy_item_plain": "{label} {value}",
        "msg_eu_above": "The EU success rate reaches {rate}{funded}, above the Horizon Europe "
                        "average of {benchmark}.",
        "msg_eu_below": "The EU success rate is {rate}{funded}, below the Horizon Europe "
                        "average of {benchmark}.",
        "msg_eu_equal": "The EU success rate ({rate}) is level with the Horizon Europe average of {benchmark}.",
        "msg_eu_funded_one": "{n} proposal funded",
        "msg_eu_funded_many": "{n} proposals funded",
        "msg_and": " and ",
        "the_baseline": "the baseline",
        "no_messages": "No key message: the period's indicators cannot be computed from the data available.",
        "msg_sep": "; ",
        "dq_intro": "Tables computed from {files} files ({sheets} sheets): {read} rows read, {accepted} accepted, "
                    "{quarantined} quarantined and {dropped} dropped (blank, total and duplicate rows).",
        "dq_no_report": "The ingestion report (ingest_report.json) is missing from the tables' folder: the data "
                        "quality cannot be summarised.",
        "dq_version": "Tables produced by partnership_metrics {version}.",
        "dq_sources": "Source files",
        "dq_tables": "Tables",
        "dq_file": "File",
        "dq_sha": "SHA-256 fingerprint",
        "dq_table": "Table",
        "dq_rows_read": "Read",
        "dq_rows_accepted": "Accepted",
        "dq_rows_quarantined": "Quarantined",
        "dq_rows_dropped": "Dropped",
        "dq_rows": "Rows",
        "dq_not_found": "Tables not found in the source files: {tables}. The indicators that need them are shown "
                        "as “—”.",
        "dq_all_found": "Every expected table was found.",
        "dq_other": "Institutions not recognised, counted as “other”",
        "dq_other_none": "Every institution was recognised.",
        "dq_name": "Name as written in the source",
        "dq_quarantine_note": "The quarantined rows (file, row, column, reason) are listed in quarantine.csv, next "
                              "to the tables.",
        "reason_no_project_detected": "no project detected in {years}",
        "reason_no_event": "no event in {years}",
        "reason_no_satisfaction": "no event with a satisfaction score in {years}",
        "reason_no_eu_result": "no EU proposal with a result submitted in {years}",
        "reason_no_eu_submitted": "no EU proposal submitted in {years} (withdrawn excluded)",
        "reason_no_partner_funding": "no partner funding decided in {years}",
        "reason_no_partner_funding_project": "no partner funding on a known project decided in {years}",
        "reason_no_outcome": "no licence signed and no start-up created in {years}",
        "reason_no_maturation": "no project with a detection date started maturation in {years}",
        "reason_table_missing": "the {table} table is missing",
        "reason_column_missing": "column {column} is missing from the {table} table",
        "reason_column_not_read": "no raw {table} sheet has a {column} column",
    },
}

# Labels of the codes shown in charts and tables (schemas.py lists the codes).
CODE_LABELS: dict[str, dict[str, dict[str, str]]] = {
    "organiser": {
        "fr": {"cpp": "CanceroPôle PACA", "it": "Inserm Transfert", "joint": "Conjoint"},
        "en": {"cpp": "CanceroPôle PACA", "it": "Inserm Transfert", "joint": "Joint"},
    },
    "funder": {
        "fr": {"canceropole_paca": "CanceroPôle PACA", "inserm_transfert": "Inserm Transfert",
               "region_sud": "Région Sud", "satt_sud_est": "SATT Sud-Est", "bpifrance": "Bpifrance", "anr": "ANR",
               "inca": "INCa", "eu": "Union européenne", "private": "Privé", "other": "Autres"},
        "en": {"canceropole_paca": "CanceroPôle PACA", "inserm_transfert": "Inserm Transfert",
               "region_sud": "Région Sud", "satt_sud_est": "SATT Sud-Est", "bpifrance": "Bpifrance", "anr": "ANR",
               "inca": "INCa", "eu": "European Union", "private": "Private", "other": "Other"},
    },
    "round_type": {
        "fr": {"pre_seed": "Pré-amorçage", "seed": "Amorçage", "series_a": "Série A",
               "series_b_plus": "Série B et suivantes", "grant": "Subvention", "loan": "Prêt", "other": "Autre"},
        "en": {"pre_seed": "Pre-seed", "seed": "Seed", "series_a": "Series A", "series_b_plus": "Series B+",
               "grant": "Grant", "loan": "Loan", "other": "Other"},
    },
    "startup_status": {
        "fr": {"active": "en activité", "acquired": "rachetée", "closed": "fermée"},
        "en": {"active": "active", "acquired": "acquired", "closed": "closed"},
    },
    "institution": {
        "fr": {"OTHER": "Autre"},
        "en": {"OTHER": "Other"},
    },
    "synergy": {
        "fr": {"syn_joint_sourcing_share": "sourcing conjoint", "syn_co_supported_share": "co-accompagnement",
               "syn_joint_event_share": "événements conjoints"},
        "en": {"syn_joint_sourcing_share": "joint sourcing", "syn_co_supported_share": "co-support",
               "syn_joint_event_share": "joint events"},
    },
}

PARTNERSHIP_SIGNED = dt.date(2020, 12, 10)


def text(key: str, lang: str, **values) -> str:
    """The UI string ``key`` in ``lang`` with its ``{placeholders}`` filled; KeyError naming a missing key."""
    strings = STRINGS[check_lang(lang)]
    if key not in strings:
        raise KeyError(f"no UI string {key!r} in {lang}")
    return strings[key].format(**values) if values else strings[key]


def code_label(kind: str, code, lang: str) -> str:
    """The reader's label of ``code`` of ``kind`` (``organiser``, ``funder``...); the code itself if unknown."""
    if code is None or (not isinstance(code, str) and pd.isna(code)):
        return MISSING
    return CODE_LABELS[kind][check_lang(lang)].get(str(code), str(code))


def format_date(value, lang: str) -> str:
    """A date as a reader writes it (``15 mars 2022``, ``15 March 2022``); ``—`` when missing."""
    from babel.dates import format_date as babel_format_date

    if value is None or value is pd.NaT or (not isinstance(value, (dt.date, str)) and pd.isna(value)):
        return MISSING
    if isinstance(value, pd.Timestamp):
        value = value.date()
    elif isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    elif isinstance(value, dt.datetime):
        value = value.date()
    return babel_format_date(value, format="long", locale=BABEL_LOCALES[check_lang(lang)])


def report_title(kind: str, lang: str, period: str | None = None, year: int | None = None) -> tuple[str, str]:
    """``(title, subtitle)`` of a report's cover: ``kind`` is ``three-year`` or ``annual``.

    Raises ``ValueError`` for another kind, another language or an annual review without ``year``.
    """
    from ..kpis.periods import DEFAULT_PERIOD, parse_period, period_label

    check_lang(lang)
    kind = kind.replace("_", "-")
    if kind == "three-year":
        label = period_label(*parse_period(period or DEFAULT_PERIOD))
        return text("title_three_year", lang, period=label), text("subtitle_three_year", lang)
    if kind == "annual":
        if year is None:
            raise ValueError("the annual review needs a year")
        year = int(year)
        return text("title_annual", lang, year=year), text("subtitle_annual", lang, previous=year - 1)
    raise ValueError(f"unknown report kind {kind!r}: use three-year or annual")


_REASONS = (  # (pattern of the KPI engine's English reason, key of its translation)
    (r"no project detected in (?P<years>.+)", "reason_no_project_detected"),
    (r"no event with a satisfaction score in (?P<years>.+)", "reason_no_satisfaction"),
    (r"no event in (?P<years>.+)", "reason_no_event"),
    (r"no EU proposal with a result submitted in (?P<years>.+)", "reason_no_eu_result"),
    (r"no EU proposal submitted in (?P<years>.+) \(withdrawn excluded\)", "reason_no_eu_submitted"),
    (r"no partner funding on a known project decided in (?P<years>.+)", "reason_no_partner_funding_project"),
    (r"no partner funding decided in (?P<years>.+)", "reason_no_partner_funding"),
    (r"no licence signed and no start-up created in (?P<years>.+)", "reason_no_outcome"),
    (r"no project with a detection date started maturation in (?P<years>.+)", "reason_no_maturation"),
    (r"the (?P<table>\w+) table is missing", "reason_table_missing"),
    (r"column (?P<column>\w+) is missing from the (?P<table>\w+) table", "reason_column_missing"),
    (r"no raw (?P<table>\w+) sheet has a (?P<column>\w+) column", "reason_column_not_read"),
)


def translate_reason(reason, lang: str) -> str:
    """The KPI engine's reason for a null value (written in English) in ``lang``; unknown reasons unchanged."""
    if reason is None or (not isinstance(reason, str) and pd.isna(reason)):
        return text("not_computable", lang)
    reason = str(reason)
    for pattern, key in _REASONS:
        match = re.fullmatch(pattern, reason)
        if match:
            return text(key, lang, **match.groupdict())
    return reason
