"""A date's precision stated in a column of its own (stated_precision.py): Crunchbase's "Announced Date Precision"."""

from __future__ import annotations

from partnership_metrics.ingest.ingestion import ingest


def test_a_date_stored_as_the_first_day_of_its_month_is_known_to_the_month(tmp_path):
    (tmp_path / "crunchbase_rounds.csv").write_text(
        "Organization Name,Funding Type,Money Raised,Money Raised Currency,Announced Date,Announced Date Precision\n"
        "Oncovia,Debt Financing,300000,EUR,2021-05-01,month\n"
        "ImmunoTrack,Grant,150000,EUR,2022-06-01,month\n"
        "Metastop,Seed,1200000,EUR,2022-01-01,year\n"
        "LumiScan,Pre-Seed,250000,EUR,2023-03-17,day\n", encoding="utf-8")
    rounds = ingest(tmp_path).tables["startup_rounds"].set_index("startup_id")
    assert {s: (str(rounds.loc[s, "round_date"].date()), rounds.loc[s, "round_date_precision"]) for s in rounds.index} == {
        "Oncovia": ("2021-05-01", "month"), "ImmunoTrack": ("2022-06-01", "month"), "Metastop": ("2022-01-01", "year"),
        "LumiScan": ("2023-03-17", "day")}
