"""Targets written in running prose, several to a sentence or a slide's box (target_clauses.py, sentences.py)."""

from __future__ import annotations

import pytest
from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest
from partnership_metrics.ingest.recognition import Recogniser
from partnership_metrics.ingest.target_clauses import clauses_of
from partnership_metrics.ingest.target_names import stem


@pytest.fixture(scope="module")
def grids(vocabulary):
    return Recogniser(vocabulary).target_grids


def _clauses(grids, text):
    words = grids.words
    return [(c.number, c.unit, c.yearly, c.years, c.label) for c in
            clauses_of(text, words, words.baseline_text_words, grids.partnership.baseline)]


def test_a_box_is_cut_into_its_targets(grids):
    assert _clauses(grids, "Objectif 2021-2023 : 5 licences signées et 4 start-up créées") == [
        ("5", "", False, (), "objectif 2021 2023"), ("4", "", False, (), "objectif 2021 2023")]
    assert _clauses(grids, "Dont par an : 9 projets en 2021 · 10 en 2022 · 11 en 2023") == [
        ("9", "", False, ("2021",), "dont par an"), ("10", "", False, ("2022",), "dont par an"),
        ("11", "", False, ("2023",), "dont par an")]
    # a decimal comma is no cut; an aside in brackets says the years, never a target
    assert _clauses(grids, "Article A2.3 — au moins 30 % des projets détectés chaque année (2021, 2022 et 2023).") == [
        ("30", "%", True, ("2021", "2022", "2023"), "")]
    assert [c[:2] for c in _clauses(grids, "mobiliser 1,5 M€ sur la période, soit un effet de levier d'au moins 2 "
                                           "(2 € de financements externes pour 1 € apporté)")] == [("1,5", "m€"), ("2", "")]


@pytest.mark.parametrize("text", [
    "Rappel situation de référence 2018-2020 : 23 projets détectés",  # the baseline's numbers are no targets
    "Référence 2018-2020 : taux de succès UE 21 %",
    "Le taux national était d'environ 16 % en 2020",  # a value of the past
])
def test_clauses_that_name_a_kpi_but_give_no_target(grids, text):
    words = grids.words
    found = clauses_of(text, words, words.baseline_text_words, grids.partnership.baseline)
    assert found and all(c.no_target for c in found)


@pytest.mark.parametrize("text", [
    "Projets détectés nb 10 12 12 34",  # a table's line pasted as text
    "Start-up créées nb — — — 5",
    "Axe 1 – Détection et maturation des projets",  # a heading's number
    "1 350",  # a value, not prose
])
def test_texts_that_are_no_targets(grids, text):
    assert _clauses(grids, text) == []


def test_a_verb_names_what_its_participle_names():
    assert stem("detecter") == stem("detectes") == "detect" and stem("mobiliser") == stem("mobilises")


def test_a_slide_s_text_boxes_pasted_into_cells(tmp_path):
    """Two boxes to a row, several targets to a box, a box of each year's share of the one beside it, a box of the
    baseline beside a box of targets."""
    rows = [["Convention CPP × Inserm Transfert 2021-2023 – Nos objectifs communs"],
            ["(copie de la diapositive 6 du COPIL de lancement, décembre 2020)"], [],
            ["Objectif 2021-2023 : 30 projets détectés", None, "Dont par an : 9 projets en 2021 · 10 en 2022 · 11 en 2023"],
            [],
            ["Rappel situation de référence 2018-2020 : 23 projets détectés", None,
             "Objectif 2021-2023 : 5 licences signées et 4 start-up créées"],
            ["Effet de levier visé 2021-2023 : x2 (financements externes / financements partenaires)", None,
             "Sourcing conjoint : 30 % des projets détectés sur 2021-2023"],
            ["Formation & événements 2021-2023 : 18 événements, 450 participants", None,
             "Satisfaction moyenne des participants ≥ 4/5 (2021-2023)"],
            ["Europe 2021-2023 : 20 propositions déposées, taux de succès ≥ 25 %", None,
             "Référence 2018-2020 : taux de succès UE 21 %"]]
    write_workbook(tmp_path / "raw" / "objectifs.xlsx", {"Diapo 6": rows})
    result = ingest(tmp_path / "raw")
    targets = {(r.kpi_id, r.period): r.target for r in result.tables["kpi_targets"].itertuples()}
    whole = "2021-2023"
    assert targets == {
        ("val_projects_detected", whole): 30, ("val_projects_detected", "2021"): 9,
        ("val_projects_detected", "2022"): 10, ("val_projects_detected", "2023"): 11,
        ("val_licences", whole): 5, ("val_startups_created", whole): 4, ("fun_leverage_ratio", whole): 2,
        ("syn_joint_sourcing_share", whole): 0.3, ("trn_events", whole): 18, ("trn_attendees", whole): 450,
        ("trn_satisfaction", whole): 4, ("eu_proposals_submitted", whole): 20, ("eu_success_rate", whole): 0.25}
    assert not result.problems


def test_articles_above_a_grid_of_targets(tmp_path):
    """An annex's articles above its table: each sentence's targets read, the table's rows as before, the article
    about the baseline and the signature line left as the grid's title."""
    rows = [["Annexe 2 — Objectifs et indicateurs de suivi"],
            ["Article A2.1 — Sur la période de référence 2018-2020, 17 projets avaient été détectés."],
            ["Article A2.2 — Les partenaires s'engagent à détecter au moins 12 projets par an, soit 36 projets "
             "détectés sur la durée de la convention (2021-2023)."],
            ["Article A2.4 — Le taux de succès européen visé est de 25 % sur l'ensemble de la période 2021-2023."],
            [], ["Tableau A2 — Objectifs annuels"],
            ["Indicateur", "Situation de référence 2018-2020", "2021", "2022", "2023", "Cumul 2021-2023"],
            ["Licences signées", "3", 1, 2, 2, 5],
            ["Start-up créées", "2", 1, 1, 2, 4],
            ["Fait à Marseille, le 14 décembre 2020."]]
    write_workbook(tmp_path / "raw" / "annexe.xlsx", {"Annexe 2": rows})
    result = ingest(tmp_path / "raw")
    targets = {(r.kpi_id, r.period): r.target for r in result.tables["kpi_targets"].itertuples()}
    assert targets == {
        ("val_projects_detected", "2021"): 12, ("val_projects_detected", "2022"): 12,
        ("val_projects_detected", "2023"): 12, ("val_projects_detected", "2021-2023"): 36,
        ("eu_success_rate", "2021-2023"): 0.25,
        ("val_licences", "2021"): 1, ("val_licences", "2022"): 2, ("val_licences", "2023"): 2,
        ("val_licences", "2021-2023"): 5, ("val_startups_created", "2021"): 1, ("val_startups_created", "2022"): 1,
        ("val_startups_created", "2023"): 2, ("val_startups_created", "2021-2023"): 4}
    counts = result.sheets[0].counts()  # the two articles read are rows accepted: every row reconciles
    assert (counts["rows_accepted"], counts["rows_dropped"]) == (4, 1)
    assert counts["rows_accepted"] + counts["rows_quarantined"] + counts["rows_dropped"] == result.sheets[0].rows_read


def test_a_director_s_e_mail_pasted_line_by_line(tmp_path):
    """Prose with several targets to a sentence: a lead before its numbers ("Pour la maturation, …"), the baseline's
    value naming the KPI of the target after it, a target restated in brackets, "(0)", a PS that corrects a target
    written above ("c'est 7 en 2023 (et non 6)"), a past value ("16 % en 2020") that is no target."""
    lines = ["Objet : Convention CPP / Inserm Transfert 2021-2023 – objectifs chiffrés", "Bonjour à toutes et à tous,",
             "Valorisation : nous visons 10 projets détectés par an (2021, 2022 et 2023), soit 30 sur l'ensemble de la "
             "convention ; pour les déclarations d'invention, 4 en 2021, 5 en 2022 et 6 en 2023, soit 15 sur les "
             "trois ans.",
             "Côté brevets, 3 dépôts prioritaires par an (9 sur la convention).",
             "Pour la maturation, 300 k€ de financements de maturation dès 2021 et 1,2 M€ au total sur 2021-2023 ; le "
             "délai médian entre détection et début de maturation doit passer sous 365 jours sur la période.",
             "Le taux de passage en maturation était de 22 % sur 2018-2020 : l'objectif est de 30 % chaque année "
             "(2021, 2022, 2023).",
             "Europe : taux de succès visé de 25 % sur la période (le taux national était d'environ 16 % en 2020).",
             "Financements : un effet de levier de 2 sur la période, et aucun défaut de coordination (0) en 2021, "
             "2022 et 2023.",
             "Bien cordialement,",
             "PS : correction après relecture – pour les déclarations d'invention c'est 7 en 2023 (et non 6), donc 16 "
             "sur les trois ans."]
    write_workbook(tmp_path / "raw" / "mail.xlsx", {"Mail objectifs": [[line] for line in lines]})
    result = ingest(tmp_path / "raw")
    targets = {(r.kpi_id, r.period): r.target for r in result.tables["kpi_targets"].itertuples()}
    years, whole = ("2021", "2022", "2023"), "2021-2023"
    assert targets == {
        **{("val_projects_detected", y): 10 for y in years}, ("val_projects_detected", whole): 30,
        ("val_invention_disclosures", "2021"): 4, ("val_invention_disclosures", "2022"): 5,
        ("val_invention_disclosures", "2023"): 7, ("val_invention_disclosures", whole): 16,
        **{("val_priority_filings", y): 3 for y in years}, ("val_priority_filings", whole): 9,
        ("val_maturation_eur", "2021"): 300_000, ("val_maturation_eur", whole): 1_200_000,
        ("val_median_days_to_maturation", whole): 365, **{("val_maturation_conversion", y): 0.3 for y in years},
        ("eu_success_rate", whole): 0.25, ("fun_leverage_ratio", whole): 2,
        **{("fun_coordination_gaps", y): 0 for y in years}}
    assert not result.problems
    sheet = result.sheets[0]
    assert any("corrected by row 10" in note for note in sheet.reading_notes)


def test_a_satisfaction_survey_s_answers_are_no_log(tmp_path):
    """A Google Forms export of a satisfaction survey (a timestamp, the event, a score, free answers) is not data,
    not a log of attributes of each event."""
    import datetime as dt

    rows = [["Horodateur", "Événement", "Note globale (1 à 5)", "Qu'avez-vous le plus apprécié ?", "Suggestions"]]
    rows += [[dt.datetime(2021, 3, day, 12), f"Café valo 2021 – 0{day}/03/2021", 4, "Les témoignages", None]
             for day in range(1, 8)]
    write_workbook(tmp_path / "raw" / "Questionnaire satisfaction (réponses).xlsx", {"Réponses au formulaire 1": rows})
    result = ingest(tmp_path / "raw")
    assert result.sheets[0].table is None and "survey" in result.sheets[0].note and not result.problems


ANNEX_SENTENCES = {
    "fr": [["Axe", "Objectif (texte de l'annexe)"],
           ["Valorisation", "Sourcing : au moins 12 projets détectés par an, 40 sur la période (référence 2018-2020 : "
                            "7 par an en moyenne)."],
           [None, "Licences : au moins 2 par an à partir de 2022."],
           ["Création", "6 start-up créées sur 2021-2023 (contre 4 sur 2018-2020) et 10 M€ levés par ces start-up "
                        "sur la période."],
           ["Formation", "8 événements en 2021 puis 10 par an en 2022 et 2023 ; satisfaction moyenne d'au moins 4 "
                         "sur 5 chaque année."],
           ["Synergies", "25 % de projets en sourcing conjoint en 2022 comme en 2023 (2021 : année de mise en place, "
                         "pas d'objectif)."]],
    "en": [["Area", "Objective (annex text)"],
           ["Valorisation", "Sourcing: at least 12 projects detected per year, 40 over the period (baseline 2018-2020: "
                            "7 per year on average)."],
           [None, "Licences: at least 2 per year from 2022 onwards."],
           ["Start-ups", "6 start-ups created over 2021-2023 (versus 4 in 2018-2020) and EUR 10M raised by these "
                         "start-ups over the period."],
           ["Training", "8 events in 2021 then 10 per year in 2022 and 2023; average satisfaction of at least 4 out of "
                        "5 each year."],
           ["Synergies", "25 % of projects jointly sourced in 2022 and in 2023 (2021: set-up year, no target)."]]}


@pytest.mark.parametrize("lang", sorted(ANNEX_SENTENCES))
def test_targets_in_an_annex_s_sentences_each_with_its_own_period(tmp_path, lang):
    """A total after a yearly target ("…, 40 sur la période") is the same KPI's; "puis" joins two targets; "par an à
    partir de 2022" starts in 2022; an aside about the baseline ("(référence 2018-2020 : 7 par an)", "(contre 4 sur
    2018-2020)") gives nothing, and a year an aside says has no target is none; "EUR 10M" is 10 M€."""
    lines = ANNEX_SENTENCES[lang]
    write_workbook(tmp_path / "raw" / "convention.xlsx", {"Notes": lines})
    result = ingest(tmp_path / "raw")
    targets = {(r.kpi_id, r.period): r.target for r in result.tables["kpi_targets"].itertuples()}
    years = ("2021", "2022", "2023")
    assert targets == {
        **{("val_projects_detected", y): 12 for y in years}, ("val_projects_detected", "2021-2023"): 40,
        ("val_licences", "2022"): 2, ("val_licences", "2023"): 2,
        ("val_startups_created", "2021-2023"): 6, ("val_startup_funds_raised_eur", "2021-2023"): 10_000_000,
        ("trn_events", "2021"): 8, ("trn_events", "2022"): 10, ("trn_events", "2023"): 10,
        **{("trn_satisfaction", y): 4 for y in years},
        ("syn_joint_sourcing_share", "2022"): 0.25, ("syn_joint_sourcing_share", "2023"): 0.25}
    assert not result.problems


def test_an_annex_s_total_restated_after_its_years_and_a_licence_s_signature(tmp_path):
    """"12 projets en 2021, 12 en 2022 et 14 en 2023, soit 38 projets sur la période": the total is the KPI of the
    clause that named it; "la signature de six (6) licences" names the licences signed."""
    rows = [["Objectifs quantitatifs de la période 2021-2023"],
            ["Article 1 – Les partenaires s'engagent à détecter au moins douze (12) projets deeptech en 2021, douze "
             "(12) en 2022 et quatorze (14) en 2023, soit trente-huit (38) projets sur l'ensemble de la période "
             "2021-2023."],
            ["Sur la durée de la convention (2021-2023), les partenaires visent la signature de six (6) licences et la "
             "création d'au moins cinq (5) start-up issues des projets accompagnés."],
            ["Article 3 – Vingt (20) propositions européennes déposées sur 2021-2023."]]
    write_workbook(tmp_path / "raw" / "annexe.xlsx", {"Annexe": rows})
    result = ingest(tmp_path / "raw")
    targets = {(r.kpi_id, r.period): r.target for r in result.tables["kpi_targets"].itertuples()}
    assert targets == {("val_projects_detected", "2021"): 12, ("val_projects_detected", "2022"): 12,
                       ("val_projects_detected", "2023"): 14, ("val_projects_detected", "2021-2023"): 38,
                       ("val_licences", "2021-2023"): 6, ("val_startups_created", "2021-2023"): 5,
                       ("eu_proposals_submitted", "2021-2023"): 20}


def test_a_box_titled_on_its_first_line_lists_values_after_their_years(grids):
    """"Projects detected⏎2021: 8 · 2022: 9 · 2023: 10⏎Total 2021-2023: 27": the title names each line's targets, a
    value written after its years and a colon is that period's; "2021: 5 – 2022: 6" is two targets."""
    assert _clauses(grids, "Projects detected\n2021: 8 · 2022: 9 · 2023: 10\nTotal 2021-2023: 27\n"
                           "(reference 2018-2020: 21)") == [
        ("8", "", False, ("2021",), "projects detected"), ("9", "", False, ("2022",), "projects detected"),
        ("10", "", False, ("2023",), "projects detected"), ("27", "", False, (), "projects detected")]
    assert _clauses(grids, "EU proposals submitted\n2021: 5 – 2022: 6 – 2023: 7") == [
        ("5", "", False, ("2021",), "eu proposals submitted"), ("6", "", False, ("2022",), "eu proposals submitted"),
        ("7", "", False, ("2023",), "eu proposals submitted")]
    assert _clauses(grids, "Start-ups created\n4 over the agreement 2021-2023\n(baseline 2018-2020: 2)") == [
        ("4", "", False, (), "start ups created")]


def test_a_notes_label_names_no_kpi(grids):
    """"Source : annexe 2 …" above an annex's grid: "source" is no "sourcing", its numbers no targets."""
    from partnership_metrics.ingest.sentences import SentenceTargets, sentences_of_rows

    rows = [["Source : annexe 2 « Indicateurs et objectifs », copie conforme (PJ n°1)."],
            ["Sourcing conjoint : 30 % en 2022"]]
    found = SentenceTargets(grids, sentences_of_rows(rows, grids))
    assert [(s.row, found.matches[id(s)].kpi_id) for s in found.sentences] == [
        (0, None), (0, None), (1, "syn_joint_sourcing_share")]


def test_a_ratio_written_as_two_amounts_and_one_value_for_the_years_and_the_period(tmp_path):
    """"1,5 euro de financements externes … pour 1 euro apporté": the ratio is 1.5 (the second amount is its unit);
    "aucun (0) … pour chacune des années 2021, 2022 et 2023 comme pour l'ensemble de la période 2021-2023": the one
    number is each year's target and the period's."""
    rows = [["Annexe 2 — Objectifs chiffrés du partenariat"],
            ["Article 5.1 — Projets détectés : au moins 10 projets deeptech par an."],
            ["Article 5.11 — Effet de levier : au moins 1,5 euro de financements externes mobilisés pour 1 euro "
             "apporté par les partenaires, sur la période 2021-2023."],
            ["Article 5.12 — Défauts de coordination : aucun (0) projet financé la même année par les deux partenaires "
             "sans être déclaré co-accompagné, pour chacune des années 2021, 2022 et 2023 comme pour l'ensemble de la "
             "période 2021-2023."],
            ["Article 5.13 — Licences signées : 2 licences en 2023, dernière année de la période 2021-2023."]]
    write_workbook(tmp_path / "raw" / "annexe.xlsx", {"Annexe 2": rows})
    result = ingest(tmp_path / "raw")
    targets = {(r.kpi_id, r.period): r.target for r in result.tables["kpi_targets"].itertuples()}
    assert targets == {**{("val_projects_detected", y): 10 for y in ("2021", "2022", "2023")},
                       ("fun_leverage_ratio", "2021-2023"): 1.5,
                       **{("fun_coordination_gaps", p): 0 for p in ("2021", "2022", "2023", "2021-2023")},
                       ("val_licences", "2023"): 2}
