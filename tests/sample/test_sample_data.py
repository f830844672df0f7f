"""The sample-data generator: deterministic, realistic magnitudes, messy like partner files, truthful summary."""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from partnership_metrics import paths, sample, schemas

SPEC_KPI_IDS = {
    "val_projects_detected", "val_invention_disclosures", "val_priority_filings", "val_maturation_projects",
    "val_maturation_eur", "val_licences", "val_startups_created", "val_startup_funds_raised_eur",
    "val_median_days_to_maturation", "val_maturation_conversion", "trn_events", "trn_attendees", "trn_units_reached",
    "trn_satisfaction", "eu_proposals_submitted", "eu_proposals_funded", "eu_success_rate", "eu_funding_secured_eur",
    "eu_coordinator_share", "syn_joint_sourcing_share", "syn_co_supported_share", "syn_co_funded_projects",
    "syn_joint_event_share", "syn_institutions_engaged", "fun_partnership_eur", "fun_external_eur",
    "fun_leverage_ratio", "fun_cost_per_outcome_eur", "fun_funding_concentration_hhi", "fun_coordination_gaps",
}
SPREADSHEET_SUFFIXES = {".xlsx", ".csv", ".ods"}
YEARS = range(2018, 2024)
BASELINE, PARTNERSHIP = range(2018, 2021), range(2021, 2024)


def read_cells(folder: Path) -> dict[tuple[str, str | None], list[list]]:
    """Every sheet of every file as rows of cell values, read back the way ingestion reads them."""
    cells = {}
    for path in sorted(folder.iterdir()):
        if path.suffix == ".csv":
            with open(path, encoding="cp1252", newline="") as fh:
                cells[(path.name, None)] = list(csv.reader(fh, delimiter=";"))
        else:
            wb = CalamineWorkbook.from_path(str(path))
            for name in wb.sheet_names:
                cells[(path.name, name)] = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
    return cells


def is_blank(row: list) -> bool:
    return all(v in ("", None) for v in row)


def is_total(row: list) -> bool:
    return str(row[0]).strip().upper().startswith("TOTAL")


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sample")
    return folder, sample.write_sample(folder, seed=2020, scale=1)


@pytest.fixture(scope="module")
def cells(generated):
    return read_cells(generated[0])


@pytest.fixture(scope="module")
def expected():
    return sample.expected_tables(seed=2020, scale=1)


def years(series) -> Counter:
    return Counter(int(y) for y in series.dt.year.dropna())


# ------------------------------------------------------------------------------------------------ determinism


def test_same_seed_gives_same_files_and_cells(generated, cells, tmp_path):
    folder, summary = generated
    again = sample.write_sample(tmp_path / "again", seed=2020, scale=1)
    assert again == summary
    for name in summary["files"]:
        assert (tmp_path / "again" / name).read_bytes() == (folder / name).read_bytes(), name
    assert read_cells(tmp_path / "again") == cells


def test_other_seed_gives_other_cells(cells, tmp_path):
    other = sample.write_sample(tmp_path / "other", seed=7, scale=1)
    assert other["files"]  # same layout...
    assert read_cells(tmp_path / "other") != cells  # ...different content


def test_committed_sample_equals_a_fresh_generation(generated, cells):
    folder, summary = generated
    committed = paths.SAMPLE_RAW_DIR
    assert committed.is_dir(), "data/raw/sample/ is the bundled demo data: regenerate it with `sample-data`"
    names = sorted(p.name for p in committed.iterdir())
    assert names == summary["files"]
    assert read_cells(committed) == cells
    assert sum(p.stat().st_size for p in committed.iterdir()) < 300_000


def test_raw_folder_holds_only_spreadsheets_and_truth_goes_outside(generated, tmp_path):
    folder, summary = generated
    assert {Path(name).suffix for name in summary["files"]} <= SPREADSHEET_SUFFIXES
    assert sorted(p.name for p in folder.iterdir()) == summary["files"]
    with pytest.raises(ValueError, match="outside"):
        sample.write_sample(tmp_path / "raw", truth_path=tmp_path / "raw" / "truth.json")
    truth_path = tmp_path / "truth" / "truth.json"
    written = sample.write_sample(tmp_path / "raw2", truth_path=truth_path)
    import json

    assert json.loads(truth_path.read_text(encoding="utf-8"))["truth"]["tables"] == written["truth"]["tables"]
    assert not list((tmp_path / "raw2").glob("*.json"))


@pytest.mark.parametrize("bad", [0, -1, 1.5])
def test_bad_scale_is_refused(bad, tmp_path):
    with pytest.raises(ValueError, match="scale"):
        sample.write_sample(tmp_path, scale=bad)


def test_scale_multiplies_rows_and_keeps_files(generated, tmp_path):
    _, summary = generated
    bigger = sample.write_sample(tmp_path / "x2", seed=2020, scale=2)
    assert bigger["files"] == summary["files"]
    big, small = bigger["truth"]["tables"], summary["truth"]["tables"]
    for table in schemas.DATA_TABLES:
        ratio = big[table]["accepted"] / small[table]["accepted"]
        assert 1.5 <= ratio <= 3.0, (table, ratio)
    assert abs(big["kpi_targets"]["accepted"] - small["kpi_targets"]["accepted"]) <= 10  # one row per KPI and period
    # each repetition has its own draws but the first one is the scale-1 partnership
    assert set(sample.expected_tables(2020, 1)["projects"]["title"]) <= set(
        sample.expected_tables(2020, 2)["projects"]["title"])


# ----------------------------------------------------------------------------------------- truth vs the files


def test_truth_row_counts_match_the_files(generated, cells, expected):
    _, summary = generated
    truth = summary["truth"]
    per_table: Counter = Counter()
    for sh in truth["sheets"]:
        rows = cells[(sh["file"], sh["sheet"])]
        header = rows[sh["header_row"] - 1]
        assert [h for h in header if h not in ("", None)] == sh["header"]
        body = rows[sh["header_row"]:]
        assert len(body) == sh["rows_read"], sh["file"]
        assert sum(map(is_blank, body)) == sh["dropped_blank"]
        assert sum(map(is_total, body)) == sh["dropped_total"]
        assert len(body) - sh["dropped_blank"] - sh["dropped_total"] == sh["accepted"] + sh["quarantined"]
        per_table[sh["table"]] += sh["accepted"]
    assert set(truth["tables"]) == set(schemas.RAW_TABLES)
    for table, counts in truth["tables"].items():
        assert counts["accepted"] == per_table[table] == len(expected[table]), table
        assert counts["rows_read"] == counts["accepted"] + counts["quarantined"] + counts["dropped"]
    assert {s["sheet"] for s in truth["ignored_sheets"]} == {"Listes", "Notes"}


def test_truth_names_the_canonical_column_of_every_header(generated):
    for sh in generated[1]["truth"]["sheets"]:
        table = schemas.TABLES[sh["table"]]
        assert list(sh["columns"]) == sh["header"]
        named = {c for c in sh["columns"].values() if c}
        assert named <= set(table.column_names), sh["file"]
        assert set(table.required) <= named, (sh["file"], sh["sheet"])


def test_accepted_ids_in_the_files_are_the_expected_ids(generated, cells, expected):
    _, summary = generated
    truth = summary["truth"]
    planted = {(p["file"], p["sheet"], p["row"]) for p in truth["planted"]}
    ids: dict[str, list] = {}
    for sh in truth["sheets"]:
        rows = cells[(sh["file"], sh["sheet"])]
        for number, row in enumerate(rows[sh["header_row"]:], start=sh["header_row"] + 1):
            if not (is_blank(row) or is_total(row) or (sh["file"], sh["sheet"], number) in planted):
                ids.setdefault(sh["table"], []).append(row[0])
    for table, column in (("projects", "project_id"), ("funding", "funding_id"), ("startups", "startup_id"),
                          ("events", "event_id"), ("eu_proposals", "proposal_id"), ("kpi_targets", "kpi_id")):
        assert Counter(ids[table]) == Counter(expected[table][column].tolist()), table


def test_planted_bad_rows_are_in_the_files(generated, cells):
    _, summary = generated
    planted = summary["truth"]["planted"]
    assert {p["reason"] for p in planted} == {"impossible date", "missing required id", "negative amount",
                                              "unknown status label"}
    sheets = {(s["file"], s["sheet"]): s for s in summary["truth"]["sheets"]}
    for p in planted:
        sheet = sheets[(p["file"], p["sheet"])]
        row = cells[(p["file"], p["sheet"])][p["row"] - 1]
        assert row[sheet["header"].index(p["column"])] == ("" if p["value"] is None else p["value"])
        assert sheet["quarantined"] >= 1
    values = {p["reason"]: p["value"] for p in planted}
    assert values["impossible date"] == "31/02/2022"
    assert values["missing required id"] is None
    assert values["negative amount"].startswith("-")


def test_every_person_written_is_in_the_truth(generated, cells):
    _, summary = generated
    persons = summary["truth"]["persons"]
    names = {n.casefold() for n in persons["names"]}
    emails = set(persons["emails"])
    found = set()
    for rows in cells.values():
        for row in rows:
            for v in row:
                if isinstance(v, str):
                    found |= set(re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", v))
    assert found and found <= emails
    attendance = cells[("Formations_evenements_2018-2023.xlsx", "Émargements")]
    header = attendance[0]
    last, first = header.index("Nom"), header.index("Prénom")
    attendees = [f"{r[first]} {r[last]}".casefold() for r in attendance[1:] if not is_blank(r)]
    assert len(attendees) > 1000 and set(attendees) <= names
    pi_cells = set(persons["pi_cells"])
    assert any(c.isupper() for c in "".join(pi_cells))  # "DUBOIS Marie" as well as "Marie Dubois"
    for key, rows in cells.items():
        for label in ("Porteur du projet", "Inventeur referent", "Inventeur référent"):
            header = next((r for r in rows[:5] if label in r), None)
            if header:
                col = header.index(label)
                written = {r[col] for r in rows[rows.index(header) + 1:] if len(r) > col and r[col]}
                assert written <= pi_cells, key
    for email in emails:  # reserved domains only: no real mailbox
        assert email.endswith(".example")


# ------------------------------------------------------------------------------------ realistic magnitudes


def test_magnitudes_per_year(expected):
    p, f = expected["projects"], expected["funding"]
    for column, lo, hi in (("detection_date", 25, 40), ("disclosure_date", 15, 20), ("priority_filing_date", 6, 10),
                           ("maturation_start_date", 4, 6), ("licence_date", 4, 6)):
        counts = years(p[column])
        for y in YEARS:
            assert lo <= counts[y] <= hi, (column, y, counts[y])
    maturation = f[f["instrument"] == "maturation"]
    assert maturation["amount_eur"].between(80_000, 300_000).all()
    startups = years(expected["startups"]["creation_date"])
    assert all(1 <= startups[y] <= 3 for y in YEARS)
    assert 9 <= sum(startups[y] for y in YEARS) <= 15
    assert set(expected["startup_rounds"]["startup_id"]) == set(expected["startups"]["startup_id"])
    events = expected["events"]
    assert all(6 <= years(events["event_date"])[y] <= 12 for y in YEARS)
    assert events["attendees"].between(10, 120).all()
    listed = expected["event_attendance"].groupby("event_id").size()
    assert (events.set_index("event_id").loc[listed.index, "attendees"] == listed).all()
    assert len(listed) >= 0.6 * len(events)
    eu = expected["eu_proposals"]
    assert all(6 <= years(eu["submission_date"])[y] <= 15 for y in YEARS)
    assert eu["call_id"].str.contains(r"^HORIZON-MISS-202\d-CANCER-0\d-0\d$").any()
    funders = set(f["funder"].astype(str))
    assert {"inserm_transfert", "canceropole_paca", "region_sud", "bpifrance", "anr", "inca", "satt_sud_est",
            "private", "eu"} <= funders
    assert f["project_id"].isna().any()  # funding not tied to one project


def test_expected_tables_satisfy_the_schemas(expected):
    for name, frame in expected.items():
        schemas.pandera_schema(name).validate(frame)


def test_eu_success_rate_over_six_years(expected):
    status = Counter(expected["eu_proposals"]["status"].astype(str))
    rate = status["funded"] / (status["funded"] + status["not_funded"])
    assert 0.10 <= rate <= 0.25
    assert status["pending"] and status["withdrawn"]


def _share(frame, date_col, col, value, period) -> float:
    rows = frame[frame[date_col].dt.year.isin(period)]
    return float((rows[col].astype(str) == value).mean())


def test_joint_work_rises_with_the_partnership(expected, generated):
    p, e = expected["projects"], expected["events"]
    for frame, date_col, col, value in ((p, "detection_date", "sourcing_channel", "joint"),
                                        (p, "detection_date", "supported_by", "both"),
                                        (e, "event_date", "organiser", "joint")):
        before = _share(frame, date_col, col, value, BASELINE)
        after = _share(frame, date_col, col, value, PARTNERSHIP)
        assert after > before + 0.1, (col, before, after)
    ref = {(r["kpi_id"], r["period"]): r["value"] for r in generated[1]["truth"]["kpi_reference"]}
    assert ref[("syn_co_funded_projects", "2021-2023")] > ref[("syn_co_funded_projects", "2018-2020")]
    assert ref[("fun_leverage_ratio", "2021-2023")] > 1
    assert ref[("fun_coordination_gaps", "2018-2020")] > 0


def test_sirens_in_the_file_are_luhn_valid(cells, expected):
    rows = cells[("EU_proposals_and_startups.xlsx", "Start-ups")]
    header_index = next(i for i, r in enumerate(rows) if "SIREN" in r)
    col = rows[header_index].index("SIREN")
    sirens = []
    for row in rows[header_index + 1:]:
        v = row[col]
        text = str(int(v)) if isinstance(v, float) else v.replace(" ", "")
        assert len(text) == 9 and sample.luhn_valid(text), v
        sirens.append(text)
    assert sorted(sirens) == sorted(expected["startups"]["siren"])
    assert not sample.luhn_valid("123456789")


def test_targets_cover_the_catalogue_with_a_mix_of_statuses(generated, expected):
    targets = expected["kpi_targets"]
    assert set(targets["kpi_id"]) <= SPEC_KPI_IDS
    assert len(set(targets["kpi_id"])) >= 25
    assert set(targets["period"]) == {"2021", "2022", "2023", "2021-2023"}
    statuses = Counter(t["status"] for t in generated[1]["truth"]["targets"])
    assert statuses["met"] >= 10 and statuses["close"] >= 5 and statuses["missed"] >= 5, statuses


# ---------------------------------------------------------------------------------- messy like partner files


def test_cpp_workbook_is_messy_like_the_real_one(generated, cells):
    folder, _ = generated
    name = "CPP_suivi_valorisation_2018-2023.xlsx"
    meta = {m.name: str(m.visible) for m in CalamineWorkbook.from_path(str(folder / name)).sheets_metadata}
    assert "Hidden" in meta["Listes"] and "Hidden" not in meta["Projets"]
    import openpyxl

    wb = openpyxl.load_workbook(folder / name)
    assert any(str(r).startswith("A1:") for r in wb["Projets"].merged_cells.ranges)
    assert wb["Projets"].data_validations.dataValidation  # dropdowns fed by the hidden sheet
    projects = cells[(name, "Projets")]
    header = projects[3]
    assert "Date de\ndétection" in header and all(v == "" for v in projects[2])
    detection = [r[header.index("Date de\ndétection")] for r in projects[4:] if not is_blank(r)]
    kinds = {type(v).__name__ for v in detection}
    assert {"date", "str"} <= kinds
    assert any(re.fullmatch(r"\d{1,2} [a-zéû]+ \d{4}", v) for v in detection if isinstance(v, str))
    assert any(re.fullmatch(r"\d{2}/\d{2}/\d{4}", v) for v in detection if isinstance(v, str))
    cofinancing = [v for r in cells[(name, "Cofinancements")] for v in r if isinstance(v, str)]
    assert any("\u202f" in v and v.endswith("€") for v in cofinancing)
    assert any(re.fullmatch(r"\d+ k€", v) for v in cofinancing)
    funding = cells[(name, "Financements")]
    assert is_total(funding[-1]) and isinstance(funding[-1][4], float)
    assert "Montant (k€)" in funding[3]


def test_inserm_transfert_files_are_cp1252_csv_with_two_templates(generated):
    folder, summary = generated
    csvs = [n for n in summary["files"] if n.endswith(".csv")]
    assert {f"IT_decisions_financement_{y}.csv" for y in YEARS} <= set(csvs)
    undecodable = 0
    for name in csvs:
        raw = (folder / name).read_bytes()
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            undecodable += 1
        assert b";" in raw.splitlines()[0]
    assert undecodable > len(csvs) // 2  # accents in cp1252, as Excel exports them
    old = (folder / "IT_decisions_financement_2019.csv").read_bytes().decode("cp1252").splitlines()[0]
    new = (folder / "IT_decisions_financement_2022.csv").read_bytes().decode("cp1252").splitlines()[0]
    assert old != new


def test_other_files_look_like_partner_files(cells):
    targets = cells[("Objectifs_partenariat_2021-2023.ods", "Objectifs")]
    assert targets[2][:4] == ["Indicateur", "Libellé", "Période", "Cible"]
    share_cells = [r[3] for r in targets[3:] if str(r[0]).endswith("_share") or r[0] == "eu_success_rate"]
    assert any(isinstance(v, str) and v.endswith("%") for v in share_cells)
    assert any(isinstance(v, float) and v < 1 for v in share_cells)
    eu = cells[("EU_proposals_and_startups.xlsx", "EU proposals")]
    assert eu[0][0] == "Proposal ID"
    attendance = cells[("Formations_evenements_2018-2023.xlsx", "Émargements")]
    units = {r[5] for r in attendance[1:]}
    assert {"U1068", "UMR7258"} & units and any(u.startswith("UMR ") for u in units)
    institutions = {r[4] for r in attendance[1:]}
    assert {"amU - Aix-Marseille Université", "UniCA", "C.N.R.S."} & institutions
    hostile = [v for rows in cells.values() for r in rows for v in r if isinstance(v, str) and "<" in v]
    assert not hostile


def test_cli_writes_the_sample(tmp_path):
    from typer.testing import CliRunner

    from partnership_metrics.cli import app

    result = CliRunner().invoke(app, ["sample-data", "--seed", "3", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    written = len(list((tmp_path / "out").iterdir()))
    assert written >= 10 and f"({written} files)" in result.output
