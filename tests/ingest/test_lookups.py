"""A linked record's id looked up beside its link (Airtable's "Ref (from Project)"), and a linked page's URL after
its name (Notion's "Call-01 (https://www.notion.so/…)")."""

from __future__ import annotations

from pathlib import Path

from partnership_metrics.ingest.ingestion import ingest
from partnership_metrics.ingest.parsers import parse_text

FUNDING = """Ref,Project,Ref (from Project),Funder,Instrument,Amount,Decision date
F-2018-001,Applicateur d'ultrasons focalisés,CPIT-18-02,Cancéropôle PACA,Preuve de concept (PoC),"€66,000.00",2018-06-27
F-2018-002,Test compagnon IHC MET,CPIT-18-03,Cancéropôle PACA,Preuve de concept (PoC),"€57,000.00",2018-07-11
F-2019-001,,,Inserm Transfert,Maturation,"€120,000.00",2019-03-02
"""

STARTUPS = """Name,Code,SIREN,Incorporation date,Origin project,Ref (from Origin project),Status
AzurCell,ENT-04,915 264 808,2021-08-27,Kit d'éducation thérapeutique,CPIT-20-08,En activité
Calanquia Bio,ENT-01,416964740,2018-09-01,,,En activité
Estérel Therapeutics,ENT-05,710780644,2021-10-01,,,En activité
Lérins Imaging,ENT-06,346015129,2022-03-24,ADN tumoral circulant,CPIT-21-10,En activité
"""


def _read(tmp_path: Path, name: str, text: str):
    raw = tmp_path / "raw"
    raw.mkdir(exist_ok=True)
    (raw / name).write_text(text, encoding="utf-8")
    return ingest(raw)


def test_the_project_of_a_line_is_read_from_the_lookup_of_its_id(tmp_path):
    df = _read(tmp_path, "Financements-Toutes les lignes.csv", FUNDING).tables["funding"]
    assert list(df["project_id"].astype(object).where(df["project_id"].notna(), None)) == [
        "CPIT-18-02", "CPIT-18-03", None]


def test_a_lookup_of_another_records_id_is_never_the_tables_own_id(tmp_path):
    df = _read(tmp_path, "Start-ups-Grid view.csv", STARTUPS).tables["startups"]
    assert list(df["startup_id"]) == ["ENT-04", "ENT-01", "ENT-05", "ENT-06"]
    assert list(df["project_id"].astype(object).where(df["project_id"].notna(), None)) == [
        "CPIT-20-08", None, None, "CPIT-21-10"]  # rows without an origin project are not given the one above


def test_a_linked_pages_url_is_left_out_of_its_name():
    assert parse_text("HORIZON-HLTH-2023-DISEASE-03-01 (https://www.notion.so/HORIZON-67d1?pvs=21)") == \
        "HORIZON-HLTH-2023-DISEASE-03-01"
    assert parse_text("AMU (https://www.notion.so/a), UniCA (https://www.notion.so/b)") == "AMU, UniCA"
    assert parse_text("Voir le compte rendu (version 2)") == "Voir le compte rendu (version 2)"


def test_a_hyperlink_columns_url_is_left_out_of_its_text():
    assert parse_text("https://ec.europa.eu/info/funding-tenders/topic-details/erc-2021-poc, ERC-2021-PoC") == \
        "ERC-2021-PoC"
    assert parse_text("https://example.org/page") == "https://example.org/page"


ROUNDS = """Name,Code,SIREN,Incorporation date,Round date (from Funding rounds),Round type (from Funding rounds),Amount € (from Funding rounds),Total raised (rollup)
AzurCell,ENT-04,915264808,2021-08-27,"2022-08-18,2023-09-12","Pré-amorçage,Seed","228000,2273000","€2,501,000"
Calanquia Bio,ENT-01,416964740,2018-09-01,"2019-07-26,2019-07-26,2020-04-27","Pré-amorçage,Pré-amorçage,Prêt d'honneur","162000,162000,388000","€712,000"
Estérel Therapeutics,ENT-05,710780644,2021-10-01,,,,
Lérins Imaging,ENT-06,346015129,2022-03-24,"2023-04-26,2023-09-20",Prêt d'honneur,"243000,64000","€307,000"
"""


def test_rounds_kept_as_lookup_lists_on_their_start_up_are_one_row_each(tmp_path):
    result = _read(tmp_path, "Start-ups-Grid view.csv", ROUNDS)
    assert list(result.tables["startups"]["startup_id"]) == ["ENT-04", "ENT-01", "ENT-05", "ENT-06"]
    rounds = result.tables["startup_rounds"]
    assert sorted(zip(rounds["startup_id"], rounds["round_date"].astype(str).str[:10], rounds["amount_eur"],
                      strict=True)) == [("ENT-01", "2019-07-26", 162_000), ("ENT-01", "2020-04-27", 388_000),
                                        ("ENT-04", "2022-08-18", 228_000), ("ENT-04", "2023-09-12", 2_273_000)]
    # two dates, one type: never paired by guess
    assert [(p.table, p.key) for p in result.problems] == [("startup_rounds", "ENT-06")]
