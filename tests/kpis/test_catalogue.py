"""The catalogue: ids in order, units, directions, areas, labels and definitions in fr and en, read on first use."""

from __future__ import annotations

import pytest

from partnership_metrics.kpis import KpiError, areas, catalogue, catalogue_frame, get_kpi
from partnership_metrics.kpis.catalogue import DIRECTIONS, UNITS

# The catalogue, in order: id, unit, direction
ORDER = [
    ("val_projects_detected", "count", "up"), ("val_invention_disclosures", "count", "up"),
    ("val_priority_filings", "count", "up"), ("val_maturation_projects", "count", "up"),
    ("val_maturation_eur", "eur", "up"), ("val_licences", "count", "up"), ("val_startups_created", "count", "up"),
    ("val_startup_funds_raised_eur", "eur", "up"), ("val_median_days_to_maturation", "days", "down"),
    ("val_maturation_conversion", "share", "up"), ("trn_events", "count", "up"), ("trn_attendees", "count", "up"),
    ("trn_units_reached", "count", "up"), ("trn_satisfaction", "score", "up"),
    ("eu_proposals_submitted", "count", "up"), ("eu_proposals_funded", "count", "up"),
    ("eu_success_rate", "share", "up"), ("eu_funding_secured_eur", "eur", "up"),
    ("eu_coordinator_share", "share", "up"), ("syn_joint_sourcing_share", "share", "up"),
    ("syn_co_supported_share", "share", "up"), ("syn_co_funded_projects", "count", "up"),
    ("syn_joint_event_share", "share", "up"), ("syn_institutions_engaged", "count", "up"),
    ("fun_partnership_eur", "eur", "up"), ("fun_external_eur", "eur", "up"), ("fun_leverage_ratio", "ratio", "up"),
    ("fun_cost_per_outcome_eur", "eur", "down"), ("fun_funding_concentration_hhi", "index", "down"),
    ("fun_coordination_gaps", "count", "down"),
    ("val_maturation_conversion_24m", "share", "up"),  # added after the catalogue's 30
]
NOT_ADDITIVE = {  # shares, rates, medians, means, distinct counts, ratios, indices
    "val_median_days_to_maturation", "val_maturation_conversion", "trn_units_reached", "trn_satisfaction",
    "eu_success_rate", "eu_coordinator_share", "syn_joint_sourcing_share", "syn_co_supported_share",
    "syn_joint_event_share", "syn_institutions_engaged", "fun_leverage_ratio", "fun_cost_per_outcome_eur",
    "fun_funding_concentration_hhi", "val_maturation_conversion_24m",
}
PREFIX = {"val": "valorisation", "trn": "training", "eu": "eu", "syn": "synergy", "fun": "funding"}


def test_ids_units_and_directions_in_catalogue_order():
    assert [(k.id, k.unit, k.direction) for k in catalogue()] == ORDER


def test_areas_additivity_labels_and_definitions():
    for k in catalogue():
        assert k.area == PREFIX[k.id.split("_")[0]] and k.area in areas()
        assert k.unit in UNITS and k.direction in DIRECTIONS
        assert k.additive == (k.id not in NOT_ADDITIVE), k.id
        assert k.label("fr") and k.label("en") and k.definition("fr") and k.definition("en")
        assert k.label("fr") != k.label("en") or k.label("en") in ("Valorisation", "Synergies")
    labels = [k.label("fr") for k in catalogue()]
    assert len(set(labels)) == len(labels)


def test_catalogue_frame_for_report_appendices():
    fr = catalogue_frame("fr")
    assert list(fr["kpi_id"]) == [s[0] for s in ORDER]
    assert fr.loc[0, "label"] == "Projets détectés" and fr.loc[0, "area_label"] == "Valorisation"
    en = catalogue_frame("en")
    assert en.loc[en["kpi_id"] == "fun_leverage_ratio", "definition"].item().startswith("External funding")
    assert set(en["direction_label"]) == {"higher is better", "lower is better"}


def test_unknown_id_and_language():
    with pytest.raises(KeyError, match="unknown KPI id 'nope'"):
        get_kpi("nope")
    with pytest.raises(KpiError, match="use fr or en"):
        get_kpi("trn_events").label("de")


def test_compute_by_id(tables):
    from partnership_metrics.kpis import compute

    assert compute("eu_success_rate", tables, [2021, 2022, 2023]) == (0.4, None)
    assert compute("trn_events", tables, 2022).value == 3


def test_importing_the_stages_reads_no_file_of_the_package():
    """Vocabularies, the partnership and the UI strings are read on first use, never at import."""
    import subprocess
    import sys

    from partnership_metrics import paths

    code = (
        "import sys\n"
        "opened = []\n"
        "sys.addaudithook(lambda event, args: opened.append(str(args[0])) if event == 'open' else None)\n"
        "import partnership_metrics.kpis, partnership_metrics.kpis.command, partnership_metrics.kpis.workbook\n"
        "import partnership_metrics.reporting.report, partnership_metrics.reporting.command\n"
        "import partnership_metrics.pipeline, partnership_metrics.cli\n"
        "print('\\n'.join(p for p in opened if not p.endswith(('.py', '.pyc', '.so')) and not p.isdigit()))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    read = [p for p in done.stdout.splitlines() if p.startswith(str(paths.PACKAGE_DIR))]
    assert read == []
    from partnership_metrics.kpis.catalogue import areas

    assert list(areas()) == ["valorisation", "training", "eu", "synergy", "funding"]  # read when asked for


def test_each_kpi_declares_exactly_the_tables_its_formula_reads(tables):
    """The catalogue's ``tables`` (what makes a value incomplete when a sheet was not read) is what the code reads."""
    from partnership_metrics.kpis._base import Tables

    class Recording(Tables):
        def __init__(self, frames):
            super().__init__(frames)
            self.read: set[str] = set()

        def frame(self, name, *columns):
            self.read.add(name)
            return super().frame(name, *columns)

    for kpi in catalogue():
        recording = Recording(tables)
        kpi.compute(recording, (2021, 2022, 2023))
        assert set(kpi.tables) == recording.read, kpi.id
