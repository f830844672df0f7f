"""Targets read from the grids people write (ingest/targets.py): partnership annexes with indicators in prose, units,
section rows, baseline columns and year or period columns; indicator names matched to the KPI catalogue."""

from __future__ import annotations

import dataclasses
import json
import random
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.errors import FatalInputError
from partnership_metrics.indicators import indicators
from partnership_metrics.ingest.ingestion import ingest, input_fingerprint
from partnership_metrics.ingest.reading import RawSheet, read_file
from partnership_metrics.ingest.recognition import Recogniser
from partnership_metrics.ingest.report import build_report
from partnership_metrics.ingest.target_names import UNMATCHED, Unit
from partnership_metrics.ingest.targets import NO_TARGET
from partnership_metrics.partnership import default_partnership
from partnership_metrics.textnorm import fold

UNSEEN = Path(__file__).parent.parent / "fixtures" / "unseen"
ANNEXES = {"F": "Annexe_2_Objectifs_convention_2021-2023.xlsx", "G": "Targets_annex_KPIs_2021-2023.xlsx"}


def _targets(result) -> dict[tuple[str, str], float]:
    df = result.tables.get("kpi_targets")
    return {} if df is None else {(k, p): t for k, p, t in zip(df["kpi_id"], df["period"], df["target"], strict=False)}


_workbook = write_workbook


@pytest.fixture(scope="module")
def names(vocabulary):
    """The name matcher of a run with the packaged vocabulary."""
    return Recogniser(vocabulary).target_grids.names


# --- the testers' annexes ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("folder", sorted(ANNEXES))
def test_the_testers_annexes_give_exactly_their_targets(folder, tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(UNSEEN / folder / ANNEXES[folder], raw)
    result = ingest(raw)
    expected = json.loads((UNSEEN / f"{folder}_expected.json").read_text(encoding="utf-8"))["targets"]
    want = {(t["kpi_id"], t["period"]): t["target"] for t in expected}
    got = _targets(result)
    assert set(got) == set(want)
    for key, value in want.items():
        assert got[key] == pytest.approx(value, rel=1e-9), key
    assert not result.problems and not result.warnings
    sheet = next(s for f in build_report(result)["files"] for s in f["sheets"] if s["table"] == "kpi_targets")
    assert sheet["rows_quarantined"] == 0
    assert "2018-2020" in sheet["note"] and "left out" in sheet["note"]  # the baseline is named, never a target
    reasons = [d.reason for d in result.dropped if d.sheet == sheet["sheet"]]
    assert reasons.count("section row (a heading without values)") in (3, 5)  # AXE 1-5 / PILLAR A-E...
    assert sum(r.startswith("note row") for r in reasons) >= 1


def test_a_dashboard_or_a_summary_of_actual_values_is_not_targets(vocabulary):
    recognise = Recogniser(vocabulary).recognise
    for file, sheet_name in [("F/Tableau_de_bord_CODIR_2023.xlsx", "Indicateurs CODIR"),
                             ("F/Suivi_projets_valorisation_2021-2023.xlsx", "Synthèse")]:
        path = UNSEEN / file
        sheet = next(s for s in read_file(path, path.parent) if s.sheet == sheet_name)
        assert recognise(sheet) is None, file


# --- grids of our own --------------------------------------------------------------------------------------------

FRENCH = [
    ["Convention CPP – IT : tableau des cibles"],
    [],
    ["Libellé de l'indicateur", "Unité", "Réalisé 2020", "2018-2020", 2021, 2022, 2023, "Cible 2021-2023", "Remarques"],
    ["Axe valorisation"],
    ["Nbre de déclarations d'invention", "nb", 6, 15, 7, 8, 8, 23, None],
    ["Brevets prioritaires déposés", None, 3, 9, 4, "4", 5, 13, "à confirmer"],
    ["Taux de passage en maturation (en %)", None, None, None, 30, "35 %", 40, 35, None],
    ["Part des évènements co-organisés", "%", None, None, 0.3, 0.35, "n.d.", 0.35, None],
    ["Financement de maturation (M€)", None, 0.9, 2.4, "1,2", 1.3, "—", "3,9", None],
    ["Délai médian entre détection et maturation", "jours", None, None, None, None, None, 300, None],
    ["Licences signées", "nb", 1, 3, "n/a", "", None, None, None],
    ["Nombre de publications scientifiques", "nb", 40, 110, 40, 40, 45, 125, None],
    ["Source : convention signée le 10/12/2020, annexe 2."],
]


def test_a_cell_saying_there_is_no_target_is_none_and_the_row_s_other_targets_stay(tmp_path):
    """"pas d'objectif annuel" merged over the years beside a target for the period: no yearly target, no problem."""
    grid = [["Annexe 2 – Indicateurs de suivi et objectifs chiffrés"], [],
            ["Indicateur", "Unité", "Objectif 2021", "Objectif 2022", "Objectif 2023", "Objectif 2021-2023"],
            ["Start-up créées", "nb", "pas d'objectif annuel", None, None, 4],
            ["Licences signées", "nb", "No target", 2, 2, 5],
            ["Fonds levés par les start-up", "k€", "suivi", "suivi", "suivi", "suivi"]]  # followed, no target
    _workbook(tmp_path / "raw" / "annexe.xlsx", {"Annexe 2": grid}, {"Annexe 2": ["C4:E4"]})
    result = ingest(tmp_path / "raw")
    assert _targets(result) == pytest.approx({
        ("val_startups_created", "2021-2023"): 4, ("val_licences", "2022"): 2, ("val_licences", "2023"): 2,
        ("val_licences", "2021-2023"): 5}, rel=1e-9)
    assert not result.problems


def test_a_french_grid(tmp_path):
    _workbook(tmp_path / "raw" / "objectifs.xlsx", {"Cibles": FRENCH})
    result = ingest(tmp_path / "raw")
    assert _targets(result) == pytest.approx({
        ("val_invention_disclosures", "2021"): 7, ("val_invention_disclosures", "2022"): 8,
        ("val_invention_disclosures", "2023"): 8, ("val_invention_disclosures", "2021-2023"): 23,
        ("val_priority_filings", "2021"): 4, ("val_priority_filings", "2022"): 4,
        ("val_priority_filings", "2023"): 5, ("val_priority_filings", "2021-2023"): 13,
        ("val_maturation_conversion", "2021"): 0.30, ("val_maturation_conversion", "2022"): 0.35,
        ("val_maturation_conversion", "2023"): 0.40, ("val_maturation_conversion", "2021-2023"): 0.35,
        ("syn_joint_event_share", "2021"): 0.3, ("syn_joint_event_share", "2022"): 0.35,
        ("syn_joint_event_share", "2021-2023"): 0.35,
        ("val_maturation_eur", "2021"): 1.2e6, ("val_maturation_eur", "2022"): 1.3e6,
        ("val_maturation_eur", "2021-2023"): 3.9e6,
        ("val_median_days_to_maturation", "2021-2023"): 300,
    }, rel=1e-9)
    # the unknown indicator is quarantined with its three closest KPIs, and the report lists it
    [problem] = result.problems
    assert (problem.column, problem.value, problem.row) == ("kpi_id", "Nombre de publications scientifiques", 12)
    assert problem.reason.startswith(UNMATCHED) and len(re.findall(r"\[[a-z]+_\w+\]", problem.reason)) == 3
    assert "kpi_synonyms.yaml" in problem.reason
    report = build_report(result)
    assert any("Nombre de publications scientifiques" in w for w in report["warnings"])
    assert any(k.startswith("kpi_targets.kpi_id: " + UNMATCHED) for k in report["quarantine_reasons"])
    sheet = report["files"][0]["sheets"][0]
    assert (sheet["rows_read"], sheet["rows_accepted"], sheet["rows_quarantined"], sheet["rows_dropped"]) == (
        10, 6, 1, 3)
    assert sheet["unknown_columns"] == ["Remarques"]
    assert "'Réalisé 2020'" in sheet["note"] and "'2018-2020'" in sheet["note"]
    assert {(d.row, d.reason) for d in result.dropped} == {
        (4, "section row (a heading without values)"), (11, "no target given (empty, n.d., —)"),
        (13, "note row (text without values)")}


def test_a_numbered_section_is_a_heading_even_when_its_title_reads_like_an_indicator(tmp_path):
    rows = [["Indicateur", "Unité", "Cible 2021", "Cible 2022", "Cible 2023"],
            ["AXE 2 — Formation et animation"], ["Nombre d'évènements organisés", "nb", 5, 6, 6],
            ["Volet III – Formation et animation"], ["Formation et animation"]]
    _workbook(tmp_path / "raw" / "objectifs.xlsx", {"Cibles": rows})
    result = ingest(tmp_path / "raw")
    assert _targets(result) == {("trn_events", "2021"): 5, ("trn_events", "2022"): 6, ("trn_events", "2023"): 6}
    assert [(d.row, d.reason) for d in result.dropped] == [
        (2, "section row (a heading without values)"), (4, "section row (a heading without values)"),
        (5, NO_TARGET)]  # the same words without a section's number: an indicator without a target


def test_annual_targets_merged_over_their_years_are_one_target_per_year(tmp_path):
    """"Cibles annuelles" merged over "2021 | 2022 | 2023" (beside "Indicateur" on the row below): each column is its
    year's target, not every year's."""
    rows = [["ANNEXE 2 – Indicateurs"], [], [None, None, "Cibles annuelles"],
            ["Indicateur", "Valeur de référence 2018-2020", 2021, 2022, 2023, "Cible cumulée 2021-2023"],
            ["Nombre de nouveaux projets détectés", 16, 6, 7, 7, 20]]
    _workbook(tmp_path / "raw" / "annexe.xlsx", {"Annexe 2": rows}, merged={"Annexe 2": ["C3:E3"]})
    result = ingest(tmp_path / "raw")
    assert _targets(result) == {("val_projects_detected", "2021"): 6, ("val_projects_detected", "2022"): 7,
                                ("val_projects_detected", "2023"): 7, ("val_projects_detected", "2021-2023"): 20}
    assert not result.problems


def test_a_mid_term_column_is_its_year_s_target(tmp_path):
    rows = [["Indicateur", "Objectif mi-parcours 2022", "Objectif fin de convention 2021-2023"],
            ["Projets détectés", 8, 24]]
    _workbook(tmp_path / "raw" / "annexe.xlsx", {"Annexe 2": rows})
    assert _targets(ingest(tmp_path / "raw")) == {("val_projects_detected", "2022"): 8,
                                                  ("val_projects_detected", "2021-2023"): 24}


ENGLISH = [
    ["KPI", "Unit", "Baseline (2018-2020)", "2021", "2022", "2023", "Goal for 2021-2023"],
    ["Technology transfer"],
    ["Detected projects (count)", "count", 30, 11, 12, 12, 35],
    ["Funds raised by start-ups (k€)", None, 3000, None, None, None, "6 000"],
    ["EU success rate", "%", "20%", "25 %", "25 %", "30 %", "27 %"],
    ["Attendee satisfaction", "score /5", "4.0", "4.2", 4.2, 4.3, "4.2"],
    ["Number of PhD theses defended", "count", 4, 2, 2, 2, 6],
    ["Leverage ratio", "ratio", 0.7, None, None, None, "0.9"],
]


def test_an_english_grid_without_title(tmp_path):
    """No title row: the period header ("Goal for 2021-2023") is what says these are targets."""
    _workbook(tmp_path / "raw" / "targets.xlsx", {"Sheet1": ENGLISH})
    result = ingest(tmp_path / "raw")
    assert _targets(result) == pytest.approx({
        ("val_projects_detected", "2021"): 11, ("val_projects_detected", "2022"): 12,
        ("val_projects_detected", "2023"): 12, ("val_projects_detected", "2021-2023"): 35,
        ("val_startup_funds_raised_eur", "2021-2023"): 6e6,
        ("eu_success_rate", "2021"): 0.25, ("eu_success_rate", "2022"): 0.25, ("eu_success_rate", "2023"): 0.3,
        ("eu_success_rate", "2021-2023"): 0.27,
        ("trn_satisfaction", "2021"): 4.2, ("trn_satisfaction", "2022"): 4.2, ("trn_satisfaction", "2023"): 4.3,
        ("trn_satisfaction", "2021-2023"): 4.2,
        ("fun_leverage_ratio", "2021-2023"): 0.9,
    }, rel=1e-9)
    assert [(p.column, p.value) for p in result.problems] == [("kpi_id", "Number of PhD theses defended")]


MIXED = [
    ["Objectifs / targets 2021-2023"],
    ["Indicateur", "2021", "2022", "2023", "Période 2021-2023"],
    ["Start-ups created", 1, 2, 2, 5],
    ["Participants aux évènements", 250, 260, 270, 780],
    ["eu_proposals_submitted", 6, 7, 7, 20],
    ["Projets détectés (%)", 10, 12, 14, 36],  # a percentage cannot be a count: never val_projects_detected
]
SUMMARY = [
    ["Synthèse des réalisations 2021-2023"],
    ["Indicateur", 2021, 2022, 2023, "Total"],
    ["Projets détectés", 12, 13, 12, 37],
    ["Start-up créées", 2, 0, 3, 5],
]


def test_a_mixed_grid_beside_a_summary_of_actuals(tmp_path):
    _workbook(tmp_path / "raw" / "suivi.xlsx", {"Synthèse": SUMMARY, "Objectifs": MIXED})
    result = ingest(tmp_path / "raw")
    assert _targets(result) == pytest.approx({
        ("val_startups_created", "2021"): 1, ("val_startups_created", "2022"): 2,
        ("val_startups_created", "2023"): 2, ("val_startups_created", "2021-2023"): 5,
        ("trn_attendees", "2021"): 250, ("trn_attendees", "2022"): 260, ("trn_attendees", "2023"): 270,
        ("trn_attendees", "2021-2023"): 780,
        ("eu_proposals_submitted", "2021"): 6, ("eu_proposals_submitted", "2022"): 7,
        ("eu_proposals_submitted", "2023"): 7, ("eu_proposals_submitted", "2021-2023"): 20,
    })
    summary = next(s for s in result.sheets if s.sheet == "Synthèse")
    assert summary.table is None and not summary.records  # actual values are never targets
    [problem] = result.problems
    assert problem.value == "Projets détectés (%)" and "Projets détectés [val_projects_detected]" in problem.reason


def test_a_header_on_two_rows_and_actuals_beside_targets(tmp_path):
    two_rows = [["N°", "Indicateur", "Unité", "Objectifs de la convention", None, None],
                [None, None, None, 2021, 2022, 2023],
                ["1.1", "Projets détectés", "nb", 10, 11, 12],
                ["1.2", "Financement de maturation", "k€", 500, 600, 700]]
    side_by_side = [["Indicateur", "2021", "Objectif 2021", "2022", "Objectif 2022"],
                    ["Licences signées", 1, 2, 3, 2]]
    _workbook(tmp_path / "raw" / "objectifs.xlsx", {"Plan": two_rows, "Suivi": side_by_side})
    result = ingest(tmp_path / "raw")
    assert _targets(result) == pytest.approx({
        ("val_projects_detected", "2021"): 10, ("val_projects_detected", "2022"): 11,
        ("val_projects_detected", "2023"): 12, ("val_maturation_eur", "2021"): 5e5,  # the units column, read
        ("val_maturation_eur", "2022"): 6e5, ("val_maturation_eur", "2023"): 7e5,  # on the upper header row
        ("val_licences", "2021"): 2, ("val_licences", "2022"): 2,  # the year columns beside "Objectif" are actuals
    })
    assert not result.problems


def test_the_baseline_comes_from_the_partnership_of_the_run(tmp_path):
    later = dataclasses.replace(default_partnership(), period="2024-2026", baseline="2021-2023")
    rows = [["Objectifs de la convention 2024-2026"],
            ["Indicateur", "2021-2023", 2024, 2025, 2026, "2024-2026"],
            ["Projets détectés", 35, 12, 13, 14, 39]]
    _workbook(tmp_path / "raw" / "objectifs.xlsx", {"Objectifs": rows})
    assert set(_targets(ingest(tmp_path / "raw", partnership=later))) == {
        ("val_projects_detected", p) for p in ("2024", "2025", "2026", "2024-2026")}
    # with the packaged partnership (2021-2023), the same column is the period's target
    assert ("val_projects_detected", "2021-2023") in _targets(ingest(tmp_path / "raw"))


def test_the_users_kpi_synonyms_name_an_indicator(tmp_path):
    _workbook(tmp_path / "raw" / "objectifs.xlsx", {"Cibles": FRENCH})
    reference = tmp_path / "reference"
    reference.mkdir()
    (reference / "kpi_synonyms.yaml").write_text(
        "# the publications count as disclosures in this partnership\n"
        "val_invention_disclosures: [\"Nombre de publications scientifiques\"]\n", encoding="utf-8")
    result = ingest(tmp_path / "raw")
    assert not [p for p in result.problems if p.column == "kpi_id"]  # the row is now a KPI...
    assert result.duplicates["kpi_targets"]["conflicting"] == 8  # ... the same as row 5: their targets conflict
    assert "reference/kpi_synonyms.yaml" in input_fingerprint(tmp_path / "raw", key=b"k")["config"]
    (reference / "kpi_synonyms.yaml").write_text("val_unknown: [\"x\"]\n", encoding="utf-8")
    with pytest.raises(FatalInputError, match="unknown KPI id 'val_unknown'"):
        ingest(tmp_path / "raw")


# --- the name matcher --------------------------------------------------------------------------------------------

UNIT_WRITTEN = {"count": "nb", "eur": "k€", "days": "jours", "share": "%", "score": "/5", "ratio": "ratio",
                "index": "indice"}


def _every_name():
    for kpi in indicators():
        for text in (*kpi.label.values(), *kpi.aliases):
            yield kpi, text


@pytest.mark.parametrize("kpi, text", list(_every_name()), ids=lambda v: getattr(v, "id", v))
def test_every_label_and_alias_names_its_kpi(names, kpi, text):
    assert names.match(text).kpi_id == kpi.id
    assert names.match(text, names.units.implied(text)).kpi_id == kpi.id  # "Taux ..." implies a percentage
    assert names.match(text.upper()).kpi_id == kpi.id
    words = text.split()
    shuffled = words[:]
    random.Random(text).shuffle(shuffled)
    assert names.match(" ".join(shuffled)).kpi_id == kpi.id, shuffled
    in_brackets = f"{text} ({UNIT_WRITTEN[kpi.unit]})"
    assert names.match(in_brackets, names.units.of_name(in_brackets)[1]).kpi_id == kpi.id


@settings(max_examples=300, deadline=None)
@given(entry=st.sampled_from(list(_every_name())), data=st.data())
def test_a_name_written_another_way_still_names_its_kpi(names, entry, data):
    """Any word order, case, accents or not, a unit of the KPI in brackets or after "en", "Nombre de" before a
    count: the same KPI."""
    kpi, text = entry
    # an alias's remark in brackets ("Opportunities detected (new projects)") is kept out of the shuffle: shuffled,
    # its brackets could enclose the whole name, which then reads as a remark only
    words = data.draw(st.permutations(text.replace("(", " ").replace(")", " ").split()))
    name = " ".join(words)
    name = data.draw(st.sampled_from([name, name.upper(), name.lower(), fold(name)]))
    if kpi.unit == "count" and data.draw(st.booleans()):
        name = "Nombre de " + name
    unit = data.draw(st.sampled_from(["", f" ({UNIT_WRITTEN[kpi.unit]})", f" en {UNIT_WRITTEN[kpi.unit]}"]))
    name += unit
    written = names.units.of_name(name)[1]
    found = names.match(name, written if written.kind else names.units.implied(name))
    assert found.kpi_id == kpi.id, (name, found.reason)


def test_no_alias_names_two_kpis(names):
    owner: dict[frozenset, str] = {}
    for kpi, text in _every_name():
        words = names.words(text)
        assert owner.setdefault(words, kpi.id) == kpi.id, (text, owner[words])


@pytest.mark.parametrize("name, unit, kpi_id", [
    ("Nombre de projets détectés", "", "val_projects_detected"),
    ("No. of new projects detected", "count", "val_projects_detected"),
    ("projets DETECTES", "", "val_projects_detected"),
    ("Brevet prioritaire déposé", "", "val_priority_filings"),  # singular
    ("Montant levé par les startups (en k€)", "", "val_startup_funds_raised_eur"),
    ("Start up créée", "", "val_startups_created"),
    ("Nb évènements organisés", "", "trn_events"),
    ("Nbre de participants", "personnes", "trn_attendees"),
    ("Animations organisées", "nombre", "trn_events"),  # an "animation" is an event
    ("Part des projets détectés en commun", "%", "syn_joint_sourcing_share"),  # "en commun": jointly
    ("Part des propositions coordonnées | Coordinator share", "", "eu_coordinator_share"),  # in two languages
    ("val_licences", "", "val_licences"),
    ("Projets détectés", "%", None),  # the unit says it cannot be the count
    ("Financements européens obtenus", "nb", None),  # an amount is not a count
    ("Taux de projets détectés", "", None),  # "taux" is a percentage: not the count
    ("Nombre de publications", "", None),
    ("Projets", "", None),  # several KPIs name projects: none is chosen
    ("AXE 3 — Europe", "", None),
    ("Leverage (external € per partner €)", "", "fun_leverage_ratio"),
    ("Jointly run events (share)", "", "syn_joint_event_share"),
    ("Training, awareness and networking events organised", "", "trn_events"),  # its words spread over aliases
    ("Number of different research units among participants", "", "trn_units_reached"),
    ("Satisfaction moyenne (/5) donnée par les participants", "", "trn_satisfaction"),
    ("Maturation & PoC money committed", "", "val_maturation_eur"),
    ("Part des projets issus d'un repérage conjoint", "%", "syn_joint_sourcing_share"),
    ("Part des projets repérés conjointement", "", "syn_joint_sourcing_share"),  # "repérer": to detect
    ("Candidatures européennes financées", "nombre", "eu_proposals_funded"),
    ("Lettres d'information communes diffusées", "nombre", None),
    ("Indice de concentration (HHI)", "", "fun_funding_concentration_hhi"),  # the acronym in brackets tells
    ("Candidatures européennes soumises", "", "eu_proposals_submitted"),  # "soumises" is "déposées"
    ("Candidatures européennes financées", "", "eu_proposals_funded"),
    ("Indice de concentration des financements partenaires par établissement (Herfindahl, 0 à 1)", "indice",
     "fun_funding_concentration_hhi"),  # "financements" and "partenaires" do not make it the partners' funding
    ("Nombre de projets entrant en maturation", "nb", "val_maturation_projects"),  # "entrant": "entrés"
    ("Nombre de projets deeptech en oncologie détectés (sourcing CPP, IT ou conjoint)", "nb",
     "val_projects_detected"),  # what the partnership is about, and a qualifier in brackets, say nothing of the KPI
    ("Montants engagés en maturation et preuve de concept, tous financeurs", "k€", "val_maturation_eur"),
])
def test_names_as_people_write_them(names, name, unit, kpi_id):
    written = names.units.of_name(name)[1]
    unit = written if written.kind else names.units.of_text(unit) if unit else names.units.implied(name)
    found = names.match(name, unit)
    assert found.kpi_id == kpi_id, (found.reason, found.score)
    if kpi_id is None:
        assert found.reason.startswith(UNMATCHED) and len(re.findall(r"\[[a-z]+_\w+\]", found.reason)) == 3


def test_units_written_in_names_and_columns(names):
    units = names.units
    assert units.of_name("Montant levé par les start-up (k€)") == ("Montant levé par les start-up",
                                                                    Unit("eur", 1e3, "k€"))
    assert units.of_name("Taux de succès (%)")[1].kind == "percent"
    assert units.of_name("Part des projets en %")[1].kind == "percent"
    assert units.of_name("Délai médian en jours") == ("Délai médian", Unit("days", None, "jours"))
    assert units.of_name("Partnership € per outcome (licence or start-up)")[1] == Unit()  # a "€" word, no unit
    assert [units.of_text(u).kind for u in ("nb", "k€", "M€", "%", "jours", "/5", "score /5", "ratio", "index",
                                            "personnes", "")] == [
        "count", "eur", "eur", "percent", "days", "score", "score", "ratio", "index", "count", None]
    assert units.of_text("M€").multiplier == 1e6
    assert units.of_name("Leverage (external € per partner €)")[1].kind == "ratio"  # euros per euro
    assert units.of_name("Jointly run events (share)")[1].kind == "percent"
    # a units column of scales each value writes for itself is euros, not euros per euro
    assert [units.of_text(u).kind for u in ("k€ / M€", "k€ ou M€", "€ / €", "EUR/EUR")] == [
        "eur", "eur", "ratio", "ratio"]


def test_a_qualifier_of_every_project_names_no_other_indicator(names):
    units = names.units
    for text in ("Nombre de projets innovants détectés par les deux partenaires", "Innovative projects detected"):
        assert names.match(text, units.of_text("nombre")).kpi_id == "val_projects_detected", text


def test_the_users_synonyms_join_the_catalogue(vocabulary):
    user = dataclasses.replace(vocabulary, kpi_synonyms={"val_licences": ("Deals de transfert conclus",)})
    matcher = Recogniser(user).target_grids.names
    assert matcher.match("Deals de transfert conclus").kpi_id == "val_licences"
    assert Recogniser(vocabulary).target_grids.names.match("Deals de transfert conclus").kpi_id is None


def test_targets_written_as_sentences_copied_from_the_agreement(tmp_path):
    import openpyxl

    from partnership_metrics.ingest.ingestion import ingest

    wb = openpyxl.Workbook()
    ws = wb.active
    for row in (["Convention de partenariat – article 4 (signée en 2020)"], ["Axe 1 – Détection"],
                ["•", "12 projets détectés par an"], ["•", "1,35\u00a0M€ engagés en maturation sur la durée de la convention"],
                ["•", "un délai médian entre la détection et l'entrée en maturation inférieur à 365 jours"],
                ["•", "35\u00a0% des projets détectés entrés en maturation"], [],
                ["•", "2 lettres d'information communes par an"],
                ["Les objectifs sont évalués chaque année par le COPIL (article 6)."]):
        ws.append(row)
    wb.save(tmp_path / "objectifs.xlsx")
    result = ingest(tmp_path)
    targets = {(r.kpi_id, r.period): r.target for r in result.tables["kpi_targets"].itertuples()}
    assert targets == {("val_projects_detected", "2021"): 12, ("val_projects_detected", "2022"): 12,
                       ("val_projects_detected", "2023"): 12, ("val_maturation_eur", "2021-2023"): 1_350_000,
                       ("val_median_days_to_maturation", "2021-2023"): 365,
                       ("val_maturation_conversion", "2021-2023"): 0.35}
    [problem] = result.problems  # the newsletter names no KPI: listed with the closest names
    assert problem.column == "kpi_id" and "matches no KPI" in problem.reason


def test_a_sentence_naming_one_year_and_a_score_out_of_five(tmp_path):
    rows = [["NOTE AU COMITÉ DE PILOTAGE"], ["Valorisation"], ["- Au moins 8 projets détectés par an."],
            ["- Au moins 900 k€ engagés en maturation et preuve de concept en 2022."],
            ["- Une satisfaction moyenne d'au moins 4 sur 5 chaque année."],
            ["- Au moins 3 licences signées sur la période 2021-2023."]]
    _workbook(tmp_path / "raw" / "note.xlsx", {"Note COPIL": rows})
    got = _targets(ingest(tmp_path / "raw"))
    assert got[("val_maturation_eur", "2022")] == 900_000 and ("val_maturation_eur", "2021-2023") not in got
    assert [got[("trn_satisfaction", y)] for y in ("2021", "2022", "2023")] == [4, 4, 4]
    assert got[("val_licences", "2021-2023")] == 3 and got[("val_projects_detected", "2022")] == 8


def test_an_aside_in_brackets_is_not_part_of_a_target_sentence(tmp_path):
    rows = [["Objectifs"], ["• 10 candidatures européennes déposées en 2022 (revue à mi-parcours)"],
            ["• Effet de levier d'au moins 3 (3 € de financements externes pour 1 € des partenaires) sur la convention"],
            ["• 6 événements par an"], ["• Concentration des financements (HHI) d'au plus 0,25 sur la convention"]]
    _workbook(tmp_path / "raw" / "annexe.xlsx", {"Annexe": rows})
    got = _targets(ingest(tmp_path / "raw"))
    assert got == {("eu_proposals_submitted", "2022"): 10, ("fun_leverage_ratio", "2021-2023"): 3,
                   ("trn_events", "2021"): 6, ("trn_events", "2022"): 6, ("trn_events", "2023"): 6,
                   ("fun_funding_concentration_hhi", "2021-2023"): 0.25}


def test_a_grid_that_says_nothing_of_targets_is_listed_with_what_to_write(tmp_path):
    from partnership_metrics.ingest.ingestion import ingest

    (tmp_path / "grille.csv").write_text("Indicateur;Unité;2021;2022;2023\nProjets détectés;nb;10;12;12\n"
                                         "Déclarations d'invention;nb;4;5;6\nDépôts de brevet prioritaires;nb;3;3;4\n",
                                         encoding="utf-8")
    result = ingest(tmp_path)
    assert "kpi_targets" not in result.tables
    [sheet] = result.sheets
    assert "says nothing of targets" in sheet.note and "Objectif" in sheet.note
    (tmp_path / "grille.csv").write_text("Objectifs de la convention\n" + (tmp_path / "grille.csv").read_text(
        encoding="utf-8"), encoding="utf-8")
    assert len(ingest(tmp_path).tables["kpi_targets"]) == 9


def test_targets_kept_one_row_per_period_and_one_column_per_indicator(tmp_path):
    import openpyxl

    from partnership_metrics.ingest.ingestion import ingest

    wb = openpyxl.Workbook()
    ws = wb.active
    for row in (["Annexe 2 – valeurs cibles (une ligne par période)"], [],
                ["Période", "Projets détectés (nb)", "Déclarations d'invention (nb)", "Taux de succès UE (%)"],
                [2021, 8, None, None], [2022, 9, None, None], ["Total 2021-2023", 26, 15, 25]):
        ws.append(row)
    wb.save(tmp_path / "cibles.xlsx")
    result = ingest(tmp_path)
    targets = result.tables["kpi_targets"]
    got = {(r.kpi_id, r.period): (r.target, r.source_row, r.source_column) for r in targets.itertuples()}
    assert got == {("val_projects_detected", "2021"): (8, 4, "Projets détectés (nb)"),
                   ("val_projects_detected", "2022"): (9, 5, "Projets détectés (nb)"),
                   ("val_projects_detected", "2021-2023"): (26, 6, "Projets détectés (nb)"),
                   ("val_invention_disclosures", "2021-2023"): (15, 6, "Déclarations d'invention (nb)"),
                   ("eu_success_rate", "2021-2023"): (0.25, 6, "Taux de succès UE (%)")}


def test_targets_for_each_year_and_for_the_whole_agreement_written_without_years(tmp_path):
    """An annex with "Cible annuelle" (the target of each year) and "Cible sur la durée de la convention"."""
    rows = [["Annexe 3 – Indicateurs de suivi et valeurs cibles"],
            ["N°", "Indicateur", "Unité", "Cible annuelle", "Cible sur la durée de la convention (2021-2023)"],
            ["AXE 1 – Détection"],
            ["1.1", "Projets repérés (détectés) dans les unités de recherche", "nombre", 12, 36],
            ["1.6", "Montants engagés en maturation", "k€", 450, 1350],
            ["2.2", "Start-up créées", "nombre", "—", 6]]
    _workbook(tmp_path / "raw" / "annexe.xlsx", {"Annexe 3": rows})
    years = ("2021", "2022", "2023")
    assert _targets(ingest(tmp_path / "raw")) == pytest.approx({
        **{("val_projects_detected", y): 12 for y in years}, ("val_projects_detected", "2021-2023"): 36,
        **{("val_maturation_eur", y): 450_000 for y in years}, ("val_maturation_eur", "2021-2023"): 1_350_000,
        ("val_startups_created", "2021-2023"): 6})


def test_a_dashboard_of_actuals_against_targets_is_a_summary(tmp_path):
    """Beside "Réalisé 2021-2023", the year columns hold what was done: a dashboard, whose targets repeat the
    annex's; it is listed, not read."""
    rows = [["Tableau de bord du directeur"],
            ["Indicateur", "2018", "2019", "2020", "2021", "2022", "2023", "Réalisé 2021-2023", "Cible 2021-2023",
             "Taux d'atteinte"],
            ["Projets repérés", 8, 9, 9, 10, 12, 11, 33, 36, 0.92]]
    _workbook(tmp_path / "raw" / "bord.xlsx", {"Tableau de bord": rows})
    result = ingest(tmp_path / "raw")
    assert _targets(result) == {}
    [sheet] = result.sheets
    assert sheet.table is None and "dashboard of actual values against targets" in sheet.note


def test_the_same_targets_in_two_files_are_kept_once(tmp_path):
    _workbook(tmp_path / "raw" / "annexe.xlsx", {"Cibles": [["Indicateur", "Cible 2021-2023"], ["Projets détectés", 36]]})
    _workbook(tmp_path / "raw" / "copil.xlsx", {"Cibles": [["Indicateur", "Objectif 2021-2023"], ["Projets détectés", 36]]})
    result = ingest(tmp_path / "raw")
    assert _targets(result) == {("val_projects_detected", "2021-2023"): 36}
    assert result.tables["kpi_targets"]["duplicate_sources"].notna().sum() == 1


def test_years_merged_over_an_alert_threshold_and_a_target(tmp_path):
    """Under each year, "Seuil d'alerte" and "Cible": only the target is one."""
    rows = [["Objectifs validés en COPIL"],
            ["Indicateur", "Unité", "2021", None, "2022", None, "Convention 2021-2023", None],
            [None, None, "Seuil d'alerte", "Cible", "Seuil d'alerte", "Cible", "Seuil d'alerte", "Cible"],
            ["Projets détectés", "nb", 8, 10, 9, 11, 26, 33],
            ["Montant engagé en maturation", "k€", 300, 400, 350, 450, 1050, 1300]]
    _workbook(tmp_path / "raw" / "copil.xlsx", {"Objectifs": rows})
    result = ingest(tmp_path / "raw")
    assert _targets(result) == pytest.approx({
        ("val_projects_detected", "2021"): 10, ("val_projects_detected", "2022"): 11,
        ("val_projects_detected", "2021-2023"): 33, ("val_maturation_eur", "2021"): 4e5,
        ("val_maturation_eur", "2022"): 4.5e5, ("val_maturation_eur", "2021-2023"): 1.3e6})
    assert not result.problems


def test_a_trajectory_slide_copied_into_a_sheet(tmp_path):
    """One cell per indicator gives the three years ("10 → 12 → 12"); names in two languages, one per line."""
    rows = [["COPIL — slide 7 « Nos objectifs »"],
            ["Axe", "Indicateur / KPI", "Point de départ (moy. 2018-20)", "Trajectoire 2021 → 2022 → 2023",
             "Ambition fin de convention (cumul 2021-23)"],
            ["Axe 1", "Projets détectés\nProjects detected", "8 / an", "10 → 12 → 12", "34"],
            [None, "Budget maturation + PoC engagé\nMaturation + PoC budget committed", "310 k€ / an",
             "400 k€ → 450 k€ → 500 k€", "1,35 M€"],
            [None, "Effet levier\nLeverage", "x 1,6", "—", "x 2"]]
    _workbook(tmp_path / "raw" / "copil.xlsx", {"Objectifs": rows})
    assert _targets(ingest(tmp_path / "raw")) == pytest.approx({
        ("val_projects_detected", "2021"): 10, ("val_projects_detected", "2022"): 12,
        ("val_projects_detected", "2023"): 12, ("val_projects_detected", "2021-2023"): 34,
        ("val_maturation_eur", "2021"): 4e5, ("val_maturation_eur", "2022"): 4.5e5,
        ("val_maturation_eur", "2023"): 5e5, ("val_maturation_eur", "2021-2023"): 1.35e6,
        ("fun_leverage_ratio", "2021-2023"): 2})


def test_a_planning_tab_names_each_indicator_on_its_first_year_only(tmp_path):
    rows = [["Pilier", "KPI", "Année", "Cible", "Statut"],
            ["Valo", "Déclarations d'invention", 2021, 6, "Atteint"],
            [None, None, 2022, 7, "Atteint"],
            [None, None, "2021-23 (total convention)", 21, "En cours"],
            [None, "Licences / options signées", 2022, 2, "Non atteint"],
            [None, None, 2023, 2, "En cours"]]
    _workbook(tmp_path / "raw" / "planning.xlsx", {"Planning": rows})
    assert _targets(ingest(tmp_path / "raw")) == {
        ("val_invention_disclosures", "2021"): 6, ("val_invention_disclosures", "2022"): 7,
        ("val_invention_disclosures", "2021-2023"): 21, ("val_licences", "2022"): 2, ("val_licences", "2023"): 2}


def test_a_bound_written_after_the_target(tmp_path):
    rows = [["Indicateur", "Unité", "Cible 2021-2023"], ["Délai médian détection → maturation", "jours", "365 jours maximum"],
            ["Coût par licence ou start-up", "k€", "250 max"]]
    _workbook(tmp_path / "raw" / "cibles.xlsx", {"Cibles": rows})
    assert _targets(ingest(tmp_path / "raw")) == {("val_median_days_to_maturation", "2021-2023"): 365,
                                                   ("fun_cost_per_outcome_eur", "2021-2023"): 250_000}


def test_a_bound_written_around_the_target_of_a_long_table(tmp_path):
    rows = [["Indicateur", "Période", "Cible"],
            ["Coût par licence ou start-up", "2021-2023", "250k€ max"],
            ["Délai médian détection → maturation", "2021-2023", "≤ 365"],
            ["Déclarations d'invention", "2022", "au moins 7"]]
    _workbook(tmp_path / "raw" / "cibles.xlsx", {"Cibles": rows})
    assert _targets(ingest(tmp_path / "raw")) == {("fun_cost_per_outcome_eur", "2021-2023"): 250_000,
                                                   ("val_median_days_to_maturation", "2021-2023"): 365,
                                                   ("val_invention_disclosures", "2022"): 7}


def test_a_bare_period_beside_its_target_makes_the_grid_a_dashboard(tmp_path):
    rows = [["Valeurs des indicateurs calculées par l'évaluateur"], [],
            ["Indicateur", "Unité", "2021", "2022", "2023", "2021-2023", "Cible 2021-2023", "Atteinte"],
            ["Projets détectés", "nb", 11, 12, 11, 34, 34, "100 %"],
            ["Licences signées", "nb", 2, 2, 3, 7, 6, "117 %"]]
    annex = [["Cibles de la convention"], [],
             ["Indicateur", "Cible 2021", "Cible 2022", "Cible 2023", "Cible 2021-2023"],
             ["Projets détectés", 10, 12, 12, 34],
             ["Licences signées", 2, 2, 2, 6]]
    _workbook(tmp_path / "raw" / "tableau de bord.xlsx", {"Indicateurs": rows})
    _workbook(tmp_path / "raw" / "annexe cibles.xlsx", {"Cibles": annex})
    result = ingest(tmp_path / "raw")
    # the dashboard's actual values per year are never targets: only the annex's are read
    assert _targets(result) == {("val_projects_detected", "2021"): 10, ("val_projects_detected", "2022"): 12,
                                ("val_projects_detected", "2023"): 12, ("val_projects_detected", "2021-2023"): 34,
                                ("val_licences", "2021"): 2, ("val_licences", "2022"): 2, ("val_licences", "2023"): 2,
                                ("val_licences", "2021-2023"): 6}
    board = next(s for s in result.sheets if s.file == "tableau de bord.xlsx")
    assert board.table is None and "dashboard" in board.note


def test_an_indicator_of_the_result_kind_is_no_total_row(tmp_path):
    rows = [["Grille des indicateurs"], [],
            ["Code", "Type", "Intitulé de l'indicateur", "Unité", "Année", "Valeur cible"],
            ["IR01", "Réalisation", "Nombre de projets détectés", "projets", 2022, 12],
            ["RS01", "Résultat", "Nombre de start-up créées", "entreprises", "2021-2023", 4],
            ["RS02", "Résultat", "Nombre de licences signées", "licences", 2023, 3]]
    _workbook(tmp_path / "raw" / "grille.xlsx", {"Indicateurs": rows})
    result = ingest(tmp_path / "raw")
    assert _targets(result) == {("val_projects_detected", "2022"): 12, ("val_startups_created", "2021-2023"): 4,
                                ("val_licences", "2023"): 3}


def test_each_partners_contribution_beside_the_common_objective_is_no_target(tmp_path):
    rows = [["Engagements chiffrés des parties"], [],
            ["Indicateur", "Unité", "2022", None, None, "2023", None, None],
            [None, None, "Contribution Cancéropôle", "Contribution Inserm Transfert", "Objectif commun",
             "Contribution Cancéropôle", "Contribution Inserm Transfert", "Objectif commun"],
            ["Projets détectés", "nb", 5, 7, 12, 6, 7, 13],
            ["Licences signées", "nb", "—", "—", 2, "—", "—", 3]]
    _workbook(tmp_path / "raw" / "annexe.xlsx", {"Annexe 1": rows})
    result = ingest(tmp_path / "raw")
    assert _targets(result) == {("val_projects_detected", "2022"): 12, ("val_projects_detected", "2023"): 13,
                                ("val_licences", "2022"): 2, ("val_licences", "2023"): 3}


def test_an_agreements_annex_writes_its_targets_in_words_and_in_figures(tmp_path):
    rows = [["ANNEXE 2 — TABLEAU DES INDICATEURS ET DES VALEURS CIBLES"], [],
            ["Article", "Indicateur", "Modalités de calcul", "Valeur cible — année 2022", "Valeur cible — année 2023"],
            ["6.1", "Nombre de projets détectés", "Projets détectés dans l'année", "douze (12)", "treize (13)"],
            ["6.2", "Montant engagé en maturation", "Aides décidées", "quatre cent mille euros (400 000 €)",
             "un million d'euros (1 000 000 €)"],
            ["6.3", "Délai médian entre détection et maturation", "Médiane", "Néant", "trois cent (300) jours"]]
    _workbook(tmp_path / "raw" / "annexe 2.xlsx", {"Annexe 2": rows})
    result = ingest(tmp_path / "raw")
    assert _targets(result) == {("val_projects_detected", "2022"): 12, ("val_projects_detected", "2023"): 13,
                                ("val_maturation_eur", "2022"): 400000, ("val_maturation_eur", "2023"): 1000000,
                                ("val_median_days_to_maturation", "2023"): 300}


def test_a_contracts_cumulative_target_under_a_merged_targets_header(tmp_path):
    """A CPOM annex: "Cibles" merged over the three years and "Fin de contrat (cumul 2021-2023)"."""
    rows = [["Indicateur", "Unité", "Valeur de référence (moyenne 2018-2020)", "Cibles", None, None, None],
            [None, None, None, "2021", "2022", "2023", "Fin de contrat (cumul 2021-2023)"],
            ["Projets détectés", "nb", "8,7", "≥ 10", "≥ 11", "≥ 12", "≥ 33"],
            ["Déclarations d'invention reçues", "nb", "5", "—", "—", "—", "≥ 18"]]
    _workbook(tmp_path / "raw" / "annexe.xlsx", {"Annexe 2": rows}, merged={"Annexe 2": ["D1:G1"]})
    assert _targets(ingest(tmp_path / "raw")) == pytest.approx({
        ("val_projects_detected", "2021"): 10, ("val_projects_detected", "2022"): 11,
        ("val_projects_detected", "2023"): 12, ("val_projects_detected", "2021-2023"): 33,
        ("val_invention_disclosures", "2021-2023"): 18})


def test_a_revised_target_replaces_the_initial_one_where_it_is_written(tmp_path):
    """ "Cible 2023" merged over "initiale | révisée COPIL 12/2022": the revision wins; without one, the initial value
    stands (and a revision may add a target where there was none)."""
    rows = [["N°", "Indicateur", "Unité", "Cible 2021", "Cible 2022", "Cible 2023", None,
             "Cible sur la durée de la convention (2021-2023)", None],
            [None, None, None, None, None, "initiale", "révisée COPIL 12/2022", "initiale", "révisée COPIL 12/2022"],
            ["1.1", "Projets détectés", "nb", 10, 12, 12, 11, 34, 33],
            ["1.2", "Licences et options signées", "nb", 2, 2, "—", 2, 7, None],
            ["1.3", "Montant engagé en maturation et preuve de concept", "k€", 400, 450, 500, 550, 1350, None]]
    _workbook(tmp_path / "raw" / "annexe6.xlsx", {"Objectifs": rows}, merged={"Objectifs": ["F1:G1", "H1:I1"]})
    assert _targets(ingest(tmp_path / "raw")) == pytest.approx({
        ("val_projects_detected", "2021"): 10, ("val_projects_detected", "2022"): 12,
        ("val_projects_detected", "2023"): 11, ("val_projects_detected", "2021-2023"): 33,
        ("val_licences", "2021"): 2, ("val_licences", "2022"): 2, ("val_licences", "2023"): 2,
        ("val_licences", "2021-2023"): 7,
        ("val_maturation_eur", "2021"): 4e5, ("val_maturation_eur", "2022"): 4.5e5,
        ("val_maturation_eur", "2023"): 5.5e5, ("val_maturation_eur", "2021-2023"): 1.35e6})


def test_a_quarterly_scorecard_counted_to_date_gives_its_last_quarters_targets_for_the_year(tmp_path):
    """A company's KPI scorecard: Target | Actual | RAG under merged quarter headers counted year to date; the
    fourth quarter's target is the year's, the others are parts of it; a quarter not counted to date is none."""
    rows = [["Partnership KPI scorecard FY2022"],
            ["Cumulative year-to-date (YTD). Q4 target = full-year target."],
            [],
            ["Ref", "KPI", "Unit", "Baseline 2018-2020", "Q1 2022 (YTD)", None, None, "Q2 2022 (YTD)", None, None,
             "Q4 2022 (YTD)", None, None, "Comment"],
            [None, None, None, "(3-yr value)", "Target", "Actual", "RAG", "Target", "Actual", "RAG", "Target",
             "Actual", "RAG", None],
            ["A. Valorisation"],
            ["A1", "Projects detected", "#", 28, 3, 6, "●", 6, 8, "●", 13, 12, "●", None],
            ["A5", "Maturation & PoC funding committed", "€k", 2257.5, 80, 0, "●", 160, 124, "●", 310, 270.5, "●",
             None],
            ["A9", "Median time from detection to maturation start", "days", 336, 290, None, None, 290, 451, "●",
             290, 286.5, "●", None]]
    quarterly = [["KPI", "Unit", "Q3 2023", "Q4 2023"], ["Projects detected", "#", 4, 5]]
    write_workbook(tmp_path / "raw" / "scorecard.xlsx", {"FY2022": rows, "Quarterly 2023": quarterly})
    assert _targets(ingest(tmp_path / "raw")) == {("val_projects_detected", "2022"): 13.0,
                                                  ("val_maturation_eur", "2022"): 310_000.0,
                                                  ("val_median_days_to_maturation", "2022"): 290.0}


def test_years_under_a_group_saying_targets_beside_an_actual_value_column(tmp_path):
    rows = [["Annexe 3 — Tableau de bord des indicateurs du partenariat"], [],
            ["N°", "Indicateur", "Unité", "Réf. 2018-2020", "Cibles", None, None, None, "Réalisé 2022 (pour information)"],
            [None, None, None, None, "2021", "2022", "2023", "Cumul 2021-2023", None],
            ["1.1", "Projets deeptech détectés (1)", "nb", 27, 11, 13, 15, 39, 13]]
    _workbook(tmp_path / "raw" / "annexe3.xlsx", {"Annexe 3": rows}, {"Annexe 3": ["E3:H3"]})
    result = ingest(tmp_path / "raw")
    assert _targets(result) == {("val_projects_detected", "2021"): 11.0, ("val_projects_detected", "2022"): 13.0,
                                ("val_projects_detected", "2023"): 15.0,
                                ("val_projects_detected", "2021-2023"): 39.0}


def test_an_indicator_name_wrapped_over_two_rows_is_one_name(tmp_path):
    """A table pasted from a PDF wraps a long name: its end, on a row of its own in lower case, is part of it."""
    rows = [["ANNEXE 2 – INDICATEURS ET OBJECTIFS", None, None, None, None],
            ["Indicateur", "Objectif 2021", "Objectif 2022", "Objectif 2023", "Cumul 2021-2023"],
            ["Axe 1 – Valorisation", None, None, None, None],
            ["Montant engagé par les partenaires en maturation et", "400 k€", "450 k€", "500 k€", "1,35 M€"],
            ["preuve de concept (€)", None, None, None, None],
            ["Nombre de licences ou options de licence signées", 1, 1, 2, 4]]
    write_workbook(tmp_path / "raw" / "annexe.xlsx", {"Annexe 2": rows})
    result = ingest(tmp_path / "raw")
    targets = result.tables["kpi_targets"]
    got = dict(zip(zip(targets["kpi_id"], targets["period"], strict=True), targets["target"], strict=True))
    assert got[("val_maturation_eur", "2022")] == 450000 and got[("val_maturation_eur", "2021-2023")] == 1350000
    assert got[("val_licences", "2023")] == 2 and not result.problems
    assert any("end of the indicator name of row 4" in d.reason for d in result.dropped)


@pytest.mark.parametrize("written", ["≥ 4 sur 5", "4/5", "4 out of 5", "4"])
def test_a_score_target_written_with_its_scale(tmp_path, written):
    rows = [["Indicateur", "Objectif 2021", "Objectif 2022", "Cumul 2021-2023"],
            ["Satisfaction moyenne des participants (sur 5)", written, written, written],
            ["Nombre de licences signées", 1, 1, 4]]
    write_workbook(tmp_path / "raw" / "annexe.xlsx", {"Annexe 2 - Objectifs": rows})
    result = ingest(tmp_path / "raw")
    targets = result.tables["kpi_targets"]
    assert sorted(targets.loc[targets["kpi_id"] == "trn_satisfaction", "target"]) == [4.0, 4.0, 4.0]
    assert not result.problems


def test_a_total_column_beside_the_years_is_the_whole_periods_target(tmp_path):
    rows = [["CONVENTION – OBJECTIFS 2021-2023", None, None, None, None, None, None],
            ["INDICATEUR", "UNITÉ", "Réf. 2018-2020", "Valeur 2021", "Valeur 2022", "Valeur 2023", "Total"],
            ["Projets détectés", "nb", 20, 8, 9, 10, 27],
            ["Licences signées", "nb", 2, 1, 2, 2, 5]]
    write_workbook(tmp_path / "raw" / "objectifs.xlsx", {"Objectifs": rows})
    targets = ingest(tmp_path / "raw").tables["kpi_targets"]
    got = dict(zip(zip(targets["kpi_id"], targets["period"], strict=True), targets["target"], strict=True))
    assert got[("val_projects_detected", "2021-2023")] == 27 and got[("val_licences", "2022")] == 2
    assert ("val_projects_detected", "2018-2020") not in got  # the reference is no target


@pytest.mark.parametrize("years, whole", [
    (["Y1 (2021)", "Y2 (2022)", "Y3 (2023)"], "3-year"),
    (["Year 1 (2021)", "Year 2 (2022)", "Year 3 (2023)"], "3 years"),
    (["Année 1 – 2021", "Année 2 – 2022", "Année 3 – 2023"], "3 ans"),
])
def test_the_partnerships_years_counted_beside_their_dates(tmp_path, years, whole):
    """A KPI framework counts the agreement's years ("Y1 (2021)") and calls their sum "3-year"."""
    rows = [["Annex 2: KPI framework"], ["Targets agreed at the steering committee."],
            ["KPI", *years, whole, "Baseline 2018-20", "Comment"],
            ["Valorisation"],
            ["Projects detected", 12, 12, 14, 38, 21, None],
            ["Licences signed", 2, 3, 3, 8, 3, None]]
    write_workbook(tmp_path / "raw" / "kpi framework.xlsx", {"KPI framework": rows})
    assert _targets(ingest(tmp_path / "raw")) == {
        ("val_projects_detected", "2021"): 12, ("val_projects_detected", "2022"): 12,
        ("val_projects_detected", "2023"): 14, ("val_projects_detected", "2021-2023"): 38,
        ("val_licences", "2021"): 2, ("val_licences", "2022"): 3, ("val_licences", "2023"): 3,
        ("val_licences", "2021-2023"): 8}


def test_an_objective_for_the_period_over_its_period_is_a_targets_column(tmp_path):
    """"Objectifs annuels" over 2021 | 2022 | 2023 and "Objectif période" over "2021-2023 (cumul / global)": a grid of
    two header rows; the period's objective is no column of periods (its cells are 30, "1,75 M€")."""
    rows = [["Annexe 2 — Objectifs chiffrés 2021-2023"], [],
            ["N°", "Indicateur", "Référence 2018-2020", "Objectifs annuels", None, None, "Objectif période"],
            [None, None, None, "2021", "2022", "2023", "2021-2023 (cumul / global)"],
            ["1.1", "Projets détectés", "24", 9, 10, 11, 30],
            ["1.2", "Déclarations d'invention", "14", "—", "—", "—", 18],
            ["1.5", "Financement de maturation", "1,2 M€", "500 k€", "600 k€", "650 k€", "1,75 M€"]]
    _workbook(tmp_path / "raw" / "objectifs.xlsx", {"Objectifs": rows})
    got = _targets(ingest(tmp_path / "raw"))
    assert got == {("val_projects_detected", "2021"): 9, ("val_projects_detected", "2022"): 10,
                   ("val_projects_detected", "2023"): 11, ("val_projects_detected", "2021-2023"): 30,
                   ("val_invention_disclosures", "2021-2023"): 18, ("val_maturation_eur", "2021"): 500_000,
                   ("val_maturation_eur", "2022"): 600_000, ("val_maturation_eur", "2023"): 650_000,
                   ("val_maturation_eur", "2021-2023"): 1_750_000}


def test_a_memos_fields_above_its_table_of_targets_are_no_header(tmp_path):
    rows = [["MEMO"], [], ["To:", "CPP × IT Steering Committee"], ["Date:", "January 12, 2021"],
            ["Re:", "Agreed objectives of the 2021-2023 partnership agreement (signed December 2020)"], [],
            ["KPI", "Unit", "Baseline 2018-2020 (ref.)", "2021", "2022", "2023", "Whole period 2021-2023"],
            ["Projects detected", "projects", "7/yr", "9", "10", "10", "29"],
            ["Maturation funding", "EUR", "€0.6M/yr", "€750k", "€800k", "€850k", "€2.4M"]]
    _workbook(tmp_path / "raw" / "memo.xlsx", {"Memo": rows})
    got = _targets(ingest(tmp_path / "raw"))
    assert got == {("val_projects_detected", "2021"): 9, ("val_projects_detected", "2022"): 10,
                   ("val_projects_detected", "2023"): 10, ("val_projects_detected", "2021-2023"): 29,
                   ("val_maturation_eur", "2021"): 750_000, ("val_maturation_eur", "2022"): 800_000,
                   ("val_maturation_eur", "2023"): 850_000, ("val_maturation_eur", "2021-2023"): 2_400_000}


def test_the_lists_behind_drop_downs_below_the_objectives_are_no_targets(tmp_path):
    """A parameters sheet: the objectives, then, after a blank row, a caption over the lists of choices (their first
    header "Établissement (saisie)" read alone would near an indicator's name): dropped, never quarantined."""
    rows = [["Code indicateur", "Indicateur", "Objectif 2021", "Objectif 2022", "Objectif 2023"],
            ["val_projects_detected", "Projets détectés", 9, 10, 11],
            ["trn_events", "Événements organisés", 6, 6, 7], [],
            ["Listes de choix (validation des données)"],
            ["Établissement (saisie)", "Code", "Jalon", "Canal de sourcing"],
            ["AMU", "AMU", "Détection", "AAP CPP"], ["UniCA", "UCA", "Licence signée", "Détection IT"]]
    write_workbook(tmp_path / "raw" / "pilotage.xlsx", {"Paramètres": rows})
    result = ingest(tmp_path / "raw")
    assert len(result.tables["kpi_targets"]) == 6 and not result.problems
    below = [d for d in result.dropped if d.reason.startswith("below the targets")]
    assert [d.row for d in below] == [5, 6, 7, 8] and "Listes de choix" in below[0].reason


def test_a_title_explaining_the_baseline_s_actuals_does_not_make_a_summary(vocabulary):
    """"Objectives scorecard", then "Baseline = 2018-2020 actuals, for information only": the actuals are the
    baseline column's, the grid's years are targets."""
    rows = [["Partnership agreement 2021-2023 – Objectives scorecard"],
            ["Agreed at the COPIL of December 2020. Baseline = 2018-2020 actuals, for information only."], [],
            ["Indicator / Indicateur", "Unit", "Baseline 2018-2020", "2021", "2022", "2023", "Total 2021-2023"],
            ["Projects detected / Projets détectés", "nb", "24 (2018-20)", 9, 10, 11, 30],
            ["Licences signed / Licences signées", "nb", "2", None, None, None, 4],
            ["Start-ups created / Start-up créées", "nb", "3", 1, 2, 2, 5]]
    recognise = Recogniser(vocabulary).recognise
    rec = recognise(RawSheet("scorecard.xlsx", "Scorecard", rows))
    assert rec is not None and rec.table == "kpi_targets"
    summary = [["Partnership agreement 2021-2023 – Objectives scorecard"], ["Actuals 2021-2023"], []] + rows[3:]
    assert recognise(RawSheet("scorecard.xlsx", "Actuals", summary)) is None  # the grid's own actuals


def test_a_total_or_average_column_of_objectives_under_a_group_is_the_whole_period(tmp_path):
    """Years as merged groups over "Objectif | Réalisé", then "Total / moyenne 2021-2023" over the same: its objective
    is the whole period's target (a sum or, for a rate, an average)."""
    rows = [["Convention 2021-2023 – Annexe 2 : indicateurs et objectifs"], [],
            ["Indicateur", "Unité", "Référence 2018-2020", "2021", None, "2022", None, "Total / moyenne 2021-2023",
             None],
            [None, None, None, "Objectif", "Réalisé", "Objectif", "Réalisé", "Objectif", "Réalisé"],
            ["Projets détectés", "nb", 24, 8, 10, 9, 11, 27, None],
            ["Taux de succès européen", "%", "15 %", "20 %", "18 %", "25 %", None, "22 %", None]]
    write_workbook(tmp_path / "objectifs.xlsx", {"Objectifs": rows},
                   merged={"Objectifs": ["D3:E3", "F3:G3", "H3:I3"]})
    targets = {(r.kpi_id, r.period): r.target for r in ingest(tmp_path).tables["kpi_targets"].itertuples()}
    assert targets == {("val_projects_detected", "2021"): 8, ("val_projects_detected", "2022"): 9,
                       ("val_projects_detected", "2021-2023"): 27, ("eu_success_rate", "2021"): 0.2,
                       ("eu_success_rate", "2022"): 0.25, ("eu_success_rate", "2021-2023"): 0.22}


def test_a_record_with_a_year_for_its_date_is_no_grid_of_indicators(vocabulary):
    """"EXT-23-03 | VAL-21-04 | SATT Sud-Est | Maturation | 50 000 € | 2023": a funding line decided in 2023 (an
    amount beside the year: a record), not the header of a grid of indicators by year that would make the table
    above it, lacking the funder its title gives, a summary of actual values."""
    rows = [["Tableau 2 – Aides du CanceroPôle PACA"],
            ["N° dossier", "Projet", "Type d'aide", "Montant accordé (€)", "Comité (date)"],
            ["CPP-AAP19-01", "VAL-18-04", "Émergence", "45 000 €", "03/04/2019"],
            ["CPP-AAP19-02", "VAL-19-05", "Preuve de concept", "20 000 €", "août 2019"],
            [], ["Tableau 3 – Cofinancements externes"],
            ["Réf.", "Projet", "Financeur", "Dispositif", "Montant", "Décision"],
            ["EXT-19-01", "VAL-18-01", "INCa", "Subvention", "250 000 €", "25/10/2019"],
            ["EXT-23-03", "VAL-21-04", "SATT Sud-Est", "Maturation", "50 000 €", "2023"],
            ["EXT-23-05", "VAL-22-05", "SATT Sud-Est", "Maturation", "300 000 €", "mars 2023"],
            ["EXT-23-01", "VAL-22-09", "Union européenne", "Subvention", "0,45 M€", "15/05/2023"]]
    rec = Recogniser(vocabulary).recognise(RawSheet("financements.xlsx", "Décisions", rows))
    assert rec is not None and rec.table == "funding" and rec.header_index == 1 and rec.missing_required == ["funder"]


def test_a_target_written_as_a_range_is_the_bound_to_pass(tmp_path):
    """"6 à 8": the indicator must reach 6 (higher is better); "300 à 365" days: it must stay under 365 (lower is
    better); a range of money keeps its unit."""
    write_workbook(tmp_path / "cibles.xlsx", {"Cibles": [
        ["Objectifs de la convention 2021-2023"],
        ["Indicateur", "Cible 2021", "Cible 2022", "Cible 2023"],
        ["Déclarations d'invention", "6 à 8", "7", "entre 8 et 10"],
        ["Délai médian détection → maturation (jours)", "300 à 365", "≤ 365", "300-365"],
        ["Montant de maturation engagé", "400 à 500 k€", "1 – 1,5 M€", None]]})
    targets = {(r.kpi_id, r.period): r.target for r in ingest(tmp_path).tables["kpi_targets"].itertuples()}
    assert targets == {
        ("val_invention_disclosures", "2021"): 6, ("val_invention_disclosures", "2022"): 7,
        ("val_invention_disclosures", "2023"): 8,
        **{("val_median_days_to_maturation", y): 365 for y in ("2021", "2022", "2023")},
        ("val_maturation_eur", "2021"): 400_000, ("val_maturation_eur", "2022"): 1_000_000}


def test_okrs_name_their_indicators_in_the_key_results_not_the_objectives(tmp_path):
    """An OKR sheet: the objective written once over its key results (a group, read last), a "3-year target"
    column (the whole period), a key result with nothing but "TBD" that names no KPI (no target: dropped)."""
    write_workbook(tmp_path / "okrs.xlsx", {"OKRs": [
        ["Objective", "Key Result", "Baseline 2018-20", "Target 2021", "Target 2022", "Target 2023", "3-year target"],
        ["Grow the pipeline", "New deeptech projects detected", "23", 12, 14, 15, 41],
        [None, "Start-ups created", "4", 2, 2, 2, 6],
        ["Train researchers and foster start-up creation", "Training sessions & events held", "9", 7, 8, 9, None],
        [None, "Attendees (total headcount)", "180", 150, 170, 190, None],
        [None, "EU helpdesk satisfaction survey", None, "TBD", "TBD", "TBD", None]]})
    result = ingest(tmp_path)
    targets = {(r.kpi_id, r.period): r.target for r in result.tables["kpi_targets"].itertuples()}
    assert targets == {
        ("val_projects_detected", "2021"): 12, ("val_projects_detected", "2022"): 14,
        ("val_projects_detected", "2023"): 15, ("val_projects_detected", "2021-2023"): 41,
        **{("val_startups_created", y): 2 for y in ("2021", "2022", "2023")}, ("val_startups_created", "2021-2023"): 6,
        ("trn_events", "2021"): 7, ("trn_events", "2022"): 8, ("trn_events", "2023"): 9,
        ("trn_attendees", "2021"): 150, ("trn_attendees", "2022"): 170, ("trn_attendees", "2023"): 190}
    assert not result.problems


def test_a_target_written_as_a_sentence_below_the_grid_is_read_and_the_other_notes_dropped(tmp_path):
    rows = [["Annexe 2 – Indicateurs et objectifs de la convention"] + [None] * 6,
            ["Indicateur", "Unité", "Réf. 2018-2020", "2021", "2022", "2023", "Total convention"],
            ["Projets détectés", "nb", 30, 10, 12, 12, 34],
            ["Financements mobilisés par les partenaires", "M€", "1,2", "0,45", "0,5", "0,55", "1,5"],
            [None] * 7,
            ["Les valeurs de la colonne « Réf. 2018-2020 » sont données pour mémoire."] + [None] * 6,
            ["Objectif complémentaire (avenant n°1) : 5 projets cofinancés par les deux partenaires sur la durée de "
             "la convention."] + [None] * 6,
            ["(3) projets distincts ; la cible cumulée n'est pas la somme des cibles annuelles."] + [None] * 6]
    write_workbook(tmp_path / "raw" / "annexe.xlsx", {"Annexe 2": rows})
    result = ingest(tmp_path / "raw")
    targets = result.tables["kpi_targets"]
    got = {(k, p): t for k, p, t in zip(targets["kpi_id"], targets["period"], targets["target"], strict=True)}
    assert got[("syn_co_funded_projects", "2021-2023")] == 5
    assert got[("fun_partnership_eur", "2022")] == 500_000 and got[("fun_partnership_eur", "2021-2023")] == 1_500_000
    assert len(got) == 9 and not result.problems
    assert [d.reason for d in result.dropped if d.row in (6, 8)] == ["note row (text without values)"] * 2


def test_the_signatures_below_the_annex_are_no_indicator(tmp_path):
    """"Pour le CanceroPôle PACA, le Directeur | … | Pour Inserm Transfert, le Président du directoire" under the
    grid, in its name and period columns: a signature block, dropped as a note; an unknown indicator still listed."""
    rows = [["Annexe 2 – Objectifs de la convention"],
            ["Axe", "Indicateur", "Unité", "Référence 2018-2020", "2021", "2022", "2023", "Cumul 2021-2023"],
            ["VAL", "Projets détectés", "nombre", 14, 6, 7, 8, 21],
            ["VAL", "Projets en incubation", "nombre", 3, 1, 1, 1, 3],
            [], ["Fait à Marseille, le 14 décembre 2020, en deux exemplaires originaux."], [],
            [None, "Pour le CanceroPôle PACA, le Directeur", None, None, None,
             "Pour Inserm Transfert, le Président du directoire", None, None]]
    _workbook(tmp_path / "raw" / "annexe.xlsx", {"Annexe 2": rows})
    result = ingest(tmp_path / "raw")
    assert _targets(result)[("val_projects_detected", "2021-2023")] == 21
    assert [p.key for p in result.problems] == ["Projets en incubation"]
    assert [d.reason for d in result.dropped if d.row == 8] == ["note row (text without values)"]


def test_an_annex_converted_from_pdf_its_years_on_the_middle_row_of_three(tmp_path):
    """"Objectifs" merged over "2021 | 2022 | 2023 | Cumul", "2021-2023" under "Cumul", "(constaté)" under the
    reference: each year's target and the cumulative one; the document's footer under the grid is a page footer."""
    rows = [["Annexe 2 – Indicateurs de suivi et objectifs chiffrés"], [],
            ["N°", "Indicateur", "Référence", "Objectifs", None, None, None],
            [None, None, "2018-2020", "2021", "2022", "2023", "Cumul"],
            [None, None, "(constaté)", None, None, None, "2021-2023"],
            ["1.1", "Projets détectés", "23", "≥ 8", "≥ 9", "≥ 10", "27"],
            ["1.2", "Déclarations d'invention", "14", "–", "–", "–", "15"], [],
            [None, None, None, "Convention CPP–IT – version signée du 14/12/2020 – Page 7/9", None, None, None]]
    _workbook(tmp_path / "raw" / "annexe.xlsx", {"Table 1": rows}, merged={"Table 1": ["D3:G3"]})
    result = ingest(tmp_path / "raw")
    assert _targets(result) == {("val_projects_detected", "2021"): 8, ("val_projects_detected", "2022"): 9,
                                ("val_projects_detected", "2023"): 10, ("val_projects_detected", "2021-2023"): 27,
                                ("val_invention_disclosures", "2021-2023"): 15}
    assert not result.problems
    assert [d.reason for d in result.dropped if d.row == 9] == ["page footer (a page's number)"]


def test_past_years_beside_the_targets_and_a_note_s_reference_are_no_targets(tmp_path):
    """An auditor's "Objectifs" sheet: the targets on the left, "Réalisé 2018-2020, pour mémoire (cf. note 5)" on
    the right with a column per past year ("2018 | 2019 | 2020"): those years' values are no targets, and "note 5"
    is a reference to a note, no satisfaction score of 5."""
    rows = [["Objectifs de la convention (annexe 2) et valeurs de référence"], [],
            ["Tableau O1 — Objectifs contractuels", None, None, None, None, None, None,
             "Tableau O2 — Réalisé 2018-2020, pour mémoire (cf. note 5)"],
            ["Indicateur", "Unité", "Objectif 2021", "Objectif 2022", "Objectif 2023", "Objectif cumulé 2021-2023",
             None, "Indicateur", "2018", "2019", "2020", "Référence 2018-2020"],
            ["Projets détectés", "nb", 9, 10, 11, 30, None, "Projets détectés", 7, 8, 9, 24],
            ["Événements organisés", "nb", 6, 6, 6, 18, None, "Événements organisés", 4, 5, 5, 14],
            ["Satisfaction des participants", "note /5", 4, 4, 4, None]]
    write_workbook(tmp_path / "raw" / "revue.xlsx", {"Objectifs": rows})
    targets = ingest(tmp_path / "raw").tables["kpi_targets"]
    assert sorted(set(targets["period"])) == ["2021", "2021-2023", "2022", "2023"]
    satisfaction = targets[targets["kpi_id"] == "trn_satisfaction"]
    assert sorted(zip(satisfaction["period"], satisfaction["target"], strict=True)) == [
        ("2021", 4.0), ("2022", 4.0), ("2023", 4.0)]
    assert len(targets) == 11


def test_a_grid_whose_first_values_are_text_reads_its_years(tmp_path):
    """A page of an annex converted from PDF: the header first, then a row whose values the converter wrote as text
    ("–", "≥ 4/5"): that row is data, not the header's lower row; its years are targets."""
    rows = [["Axe", "Indicateur", "Valeur de référence\n2018-2020", "Objectif\n2021", "Objectif\n2022", "Objectif\n2023",
             "Objectif cumulé\n2021-2023"],
            ["Formation / événements", "Satisfaction des participants", "–", "≥ 4/5", "≥ 4/5", "≥ 4/5", ""],
            ["Europe", "Projets européens déposés", "16", "5", "6", "7", "18"],
            ["Page 2 / 2"]]
    write_workbook(tmp_path / "raw" / "annexe.xlsx", {"Table 2": rows})
    targets = ingest(tmp_path / "raw").tables["kpi_targets"]
    got = sorted(zip(targets["kpi_id"], targets["period"], targets["target"], strict=True))
    assert got == [("eu_proposals_submitted", "2021", 5.0), ("eu_proposals_submitted", "2021-2023", 18.0),
                   ("eu_proposals_submitted", "2022", 6.0), ("eu_proposals_submitted", "2023", 7.0),
                   ("trn_satisfaction", "2021", 4.0), ("trn_satisfaction", "2022", 4.0),
                   ("trn_satisfaction", "2023", 4.0)]


def test_a_word_processors_bullet_list_of_targets_pasted_into_a_sheet(tmp_path):
    """Bullets with their tab ("•\\t…"), a bullet wrapped onto the next line, a total in brackets over the period, and
    sub-bullets ("o\\t…") about the baseline, which are no targets."""
    from workbooks import write_workbook

    from partnership_metrics.ingest.ingestion import ingest

    rows = [["Annexe 2 – Objectifs chiffrés de la convention (2021-2023)"], [], ["Axe 1 – Valorisation"],
            ["•\tProjets détectés : 12 par an, soit 36 sur la durée de la convention"],
            ["•\tDépôts de brevet prioritaires : 3 en 2021, 4 en 2022 et 4 en 2023"],
            ["•\tFinancement de maturation : 500 k€ par an (1,5 M€ sur les trois ans)"],
            ["•\tStart-up créées : 6 sur la période 2021-2023"],
            ["o\tpour mémoire, référence 2018-2020 : 4 start-up créées (ce n'est pas un objectif)"],
            ["•\tPart des projets co-accompagnés CPP + IT : 30 % en 2021, 40 % en 2022,"], ["50 % en 2023"]]
    write_workbook(tmp_path / "raw" / "Objectifs (collé depuis Word).xlsx", {"Feuil1": rows})
    result = ingest(tmp_path / "raw")
    targets = {(r.kpi_id, r.period): r.target for r in result.tables["kpi_targets"].itertuples()}
    years = ("2021", "2022", "2023")
    assert targets == {**{("val_projects_detected", y): 12 for y in years}, ("val_projects_detected", "2021-2023"): 36,
                       ("val_priority_filings", "2021"): 3, ("val_priority_filings", "2022"): 4,
                       ("val_priority_filings", "2023"): 4, **{("val_maturation_eur", y): 500_000 for y in years},
                       ("val_maturation_eur", "2021-2023"): 1_500_000, ("val_startups_created", "2021-2023"): 6,
                       ("syn_co_supported_share", "2021"): 0.3, ("syn_co_supported_share", "2022"): 0.4,
                       ("syn_co_supported_share", "2023"): 0.5}
    assert not result.problems
    reasons = {d.row: d.reason for d in result.dropped}
    assert reasons[8] == "the baseline's values, no targets" and reasons[10] == "the line above continued"


def test_objectives_abbreviated_obj_beside_a_reference_column(tmp_path):
    """"Obj. 2021 | … | Obj. cumulé 2021-2023" beside "Réf. 2018-2020": the objectives of each year and the
    period; the reference is no target; a block of actual values below the grid is not read as targets."""
    rows = [["TABLEAU DE BORD — Partenariat 2021-2023"],
            ["Indicateur", "Unité", "Réf. 2018-2020", "Obj. 2021", "Obj. 2022", "Obj. 2023", "Obj. cumulé 2021-2023"],
            ["Projets détectés", "nb", 23, 10, 11, 12, 33],
            ["Financement de maturation", "k€", 1100, 400, 450, 500, 1350],
            ["Taux de succès européen", "%", 0.21, 0.2, 0.2, 0.2, "25 %"],
            [], [],
            ["RÉALISÉ — calcul automatique (ne rien saisir ici)"],
            ["Indicateur", "2021", "2022", "2023", "Cumul"],
            ["Projets détectés", 9, 12, 14, 35]]
    _workbook(tmp_path / "raw" / "suivi.xlsx", {"Tableau de bord": rows})
    assert _targets(ingest(tmp_path / "raw")) == pytest.approx({
        **{("val_projects_detected", p): v for p, v in (("2021", 10), ("2022", 11), ("2023", 12), ("2021-2023", 33))},
        **{("val_maturation_eur", p): v for p, v in (("2021", 4e5), ("2022", 4.5e5), ("2023", 5e5),
                                                      ("2021-2023", 1.35e6))},
        **{("eu_success_rate", p): v for p, v in (("2021", 0.2), ("2022", 0.2), ("2023", 0.2), ("2021-2023", 0.25))},
    }, rel=1e-9)


def test_a_dashboard_s_total_column_beside_the_period_s_is_no_target(tmp_path):
    """Power BI adds "Total" to a matrix of targets: beside an explicit "2021-2023" column it sums the row (12.2 for a
    satisfaction), not the period's target."""
    grid = [[None, None, "Objectif"], ["Indicateur", "Référence 2018-2020", 2021, 2022, 2023, "2021-2023", "Total"],
            ["Projets détectés", 21, 12, 13, 14, 39, 39],
            ["Satisfaction des participants", 3.9, 4, 4, 4.2, 4.1, 12.2]]
    write_workbook(tmp_path / "raw" / "matrice.xlsx", {"Matrice": grid})
    result = ingest(tmp_path / "raw")
    targets = result.tables["kpi_targets"].set_index(["kpi_id", "period"])["target"].to_dict()
    assert targets[("trn_satisfaction", "2021-2023")] == 4.1 and targets[("val_projects_detected", "2021-2023")] == 39
    assert len(targets) == 8 and not result.problems
