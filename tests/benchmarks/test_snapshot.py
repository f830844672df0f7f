"""Benchmark aggregates built from the real public files, checked against counts made here with the csv module."""

from __future__ import annotations

import csv
import json
import re
import shutil

import pandas as pd
import pytest

from partnership_metrics.benchmarks import build_snapshot, find_source_files, load_snapshot, read_snapshot
from partnership_metrics.benchmarks.ilab import match_startups, read_laureates
from partnership_metrics.benchmarks.snapshot import PACKAGED_SNAPSHOT, TABLES
from partnership_metrics.benchmarks.update import update
from partnership_metrics.errors import FatalInputError


@pytest.fixture(scope="module")
def built(realdata_dir):
    return build_snapshot(find_source_files(realdata_dir))


@pytest.fixture(scope="module")
def realdata_dir():
    from conftest import REALDATA, REALDATA_MISSING

    if not REALDATA.is_dir():
        pytest.skip(REALDATA_MISSING)
    return REALDATA


def _ilab_rows(realdata_dir):
    with open(realdata_dir / "ilab" / "ilab_laureats_redacted.csv", encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh, delimiter=";"))


def test_ilab_laureates_per_year_match_a_plain_count(built, realdata_dir):
    rows = _ilab_rows(realdata_dir)
    table = built.tables["ilab_laureates"].set_index(["scope", "domain", "year"])["laureates"]
    health = {"Biotechnologies et pharmacie", "Pharmacie, Sciences du vivant & Biotechnologies",
              "Pharmacie & biotechnologies", "Technologies médicales"}
    for year in (2018, 2021, 2023):
        national = sum(1 for r in rows if r["Année de concours"] == str(year))
        paca = sum(1 for r in rows if r["Année de concours"] == str(year) and r["Id région"] == "R93")
        paca_health = sum(1 for r in rows if r["Année de concours"] == str(year) and r["Id région"] == "R93"
                          and r["Domaine technologique"] in health)
        assert table[("national", "all", year)] == national
        assert table[("R93", "all", year)] == paca
        assert table.get(("R93", "health", year), 0) == paca_health
    assert table.xs("all", level="domain").xs("national").sum() == len(rows)


def test_horizon_projects_per_programme_match_a_plain_count(built, realdata_dir):
    with open(realdata_dir / "cordis" / "topics.csv", encoding="utf-8", newline="") as fh:
        topics = list(csv.DictReader(fh, delimiter=";"))
    cancer = [r for r in topics if re.match(r"HORIZON-MISS-\d{4}-CANCER-", r["topic"])]
    table = built.tables["horizon_projects"]
    mission = table[table["programme"] == "cancer_mission"].set_index("call_year")["projects"]
    assert mission.sum() == len(cancer) == 47
    assert mission[2022] == sum(1 for r in cancer if "-2022-" in r["topic"])
    with open(realdata_dir / "cordis" / "legalBasis.csv", encoding="utf-8", newline="") as fh:
        erc = {r["projectID"] for r in csv.DictReader(fh, delimiter=";")
               if r["legalBasis"] == "HORIZON.1.1" and r["uniqueProgrammePart"] == "true"}
    erc_2023 = sum(1 for r in topics if r["projectID"] in erc and "-2023-" in r["topic"])
    got = table[(table["programme"] == "erc") & (table["call_year"] == 2023)]["projects"]
    assert got.tolist() == [erc_2023]


def test_france_funding_per_programme_matches_the_json(built, realdata_dir):
    data = json.loads((realdata_dir / "benchmarks" / "funding_programme.json").read_text(encoding="utf-8"))
    france = next(x for x in data if x.get("country_code") == "FR")["data"]
    health = next(x for x in france if x["programme_code"] == "HORIZON.2.1")
    table = built.tables["horizon_france_funding"].set_index("programme_part")
    assert table.loc["HORIZON.2.1", "eu_funding_signed_eur"] == pytest.approx(health["value_signed"])
    assert table.loc["HORIZON.2.1", "country_share_pct"] == pytest.approx(health["share_signed"])
    assert table.loc["HORIZON.2.1", "programme"] == "horizon_health"
    assert len(table) == len(france) == 15


def test_the_packaged_snapshot_is_the_one_built_from_the_public_files(built):
    packaged = read_snapshot(PACKAGED_SNAPSHOT)
    assert set(packaged.tables) == set(TABLES)
    for name, df in built.tables.items():
        pd.testing.assert_frame_equal(packaged.tables[name].fillna(""), df.fillna(""), check_dtype=False)
    for source_id, source in built.sources.items():  # same files read (sha256), same provenance recorded
        assert packaged.sources[source_id]["sha256"] == source["sha256"]
        assert packaged.sources[source_id]["licence"] and packaged.sources[source_id]["title"]


def test_every_table_names_its_source_and_licence():
    snapshot = load_snapshot()
    for table in snapshot.tables:
        sources = snapshot.source_of(table)
        assert sources, table
        for source in sources:
            assert source["title"] and source["licence"] and source["retrieved"]
            assert source["url"] or source["page"]


def test_update_from_local_copies_goes_to_the_reference_folder_and_wins(tmp_path, realdata_dir):
    copies = tmp_path / "public"
    copies.mkdir()
    shutil.copy(realdata_dir / "ilab" / "ilab_laureats_redacted.csv", copies / "ilab_laureats.csv")
    reference = tmp_path / "reference"
    snapshot, folder = update(reference, from_dir=copies)
    assert folder == reference / "benchmarks"
    assert set(snapshot.tables) == set(TABLES)  # the CORDIS and eCorda tables kept from the previous snapshot
    assert load_snapshot(reference).folder == folder
    assert load_snapshot(tmp_path / "elsewhere").folder == PACKAGED_SNAPSHOT


def test_a_broken_file_is_one_clear_error(tmp_path, realdata_dir):
    shutil.copy(realdata_dir / "benchmarks" / "evol_all_pc.json", tmp_path / "funding_programme.json")
    with pytest.raises(FatalInputError, match="funding_programme.json: is not valid JSON"):
        build_snapshot(find_source_files(tmp_path))
    (tmp_path / "ilab_laureats.csv").write_text("a;b\n1;2\n", encoding="utf-8")
    with pytest.raises(FatalInputError, match="is not the i-Lab laureates file"):
        update(tmp_path / "ref", from_dir=tmp_path)


def test_partnership_startups_are_matched_by_siren_then_name(realdata_dir):
    laureates = read_laureates(realdata_dir / "ilab" / "ilab_laureats_redacted.csv")
    with_siren = laureates[laureates["N° SIREN"].str.len() == 9].iloc[0]
    with_name = laureates[(laureates["Libellé entreprise"] != "") & (laureates["N° SIREN"] == "")].iloc[0]
    startups = pd.DataFrame({
        "startup_id": ["S1", "S2", "S3"],
        "name": ["Renamed Since", f"{with_name['Libellé entreprise'].lower()} SAS", "Nobody Known Bio"],
        "siren": [with_siren["N° SIREN"], None, "000000000"],
    })
    found = match_startups(startups, laureates).set_index("startup_id")
    assert found.loc["S1", "matched_by"] == "siren"
    assert found.loc["S1", "year"] == int(laureates.loc[laureates["N° SIREN"] == with_siren["N° SIREN"],
                                                       "Année de concours"].astype(int).min())
    assert found.loc["S2", "matched_by"] == "name"
    assert "S3" not in found.index


def test_laureate_companies_match_a_plain_count_and_name_no_person(built, realdata_dir):
    rows = _ilab_rows(realdata_dir)
    companies = built.tables["ilab_companies"]
    with_company = [r for r in rows if r["N° SIREN"].strip() or r["Libellé entreprise"].strip()]
    distinct = {(r["Année de concours"], r["Id région"], r["Domaine technologique"], r["N° SIREN"].strip(),
                 r["Libellé entreprise"].strip().lower()) for r in with_company}
    assert len(companies) == len(distinct) == 3014  # one row per laureate company (one exact duplicate in the file)
    assert set(companies.columns) == {"year", "region", "health", "siren", "name_key"}  # nobody's name or e-mail
    paca_2023 = {r["N° SIREN"].strip() for r in rows if r["Année de concours"] == "2023" and r["Id région"] == "R93"
                 and r["N° SIREN"].strip()}
    got = set(companies[(companies["year"] == 2023) & (companies["region"] == "R93")]["siren"]) - {""}
    assert got == paca_2023


def test_the_partnerships_laureates_are_found_offline_in_the_packaged_snapshot(realdata_dir):
    from partnership_metrics.benchmarks.ilab import match_companies

    rows = _ilab_rows(realdata_dir)
    real = next(r for r in rows if r["Id région"] == "R93" and len(r["N° SIREN"].strip()) == 9)
    named = next(r for r in rows if r["Libellé entreprise"].strip() and not r["N° SIREN"].strip())
    startups = pd.DataFrame({"startup_id": ["S1", "S2", "S3"],
                             "name": ["Another Name", named["Libellé entreprise"].upper(), "Nobody Known Bio"],
                             "siren": [real["N° SIREN"].strip(), None, "000000000"]})
    found = match_companies(startups, load_snapshot().tables["ilab_companies"]).set_index("startup_id")
    first_year = min(int(r["Année de concours"]) for r in rows if r["N° SIREN"].strip() == real["N° SIREN"].strip())
    assert (found.loc["S1", "year"], found.loc["S1", "region"], found.loc["S1", "matched_by"]) == (
        first_year, "R93", "siren")
    assert found.loc["S2", "matched_by"] == "name" and "S3" not in found.index
