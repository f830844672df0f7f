"""Amounts in each row's currency beside their rate to euros (ingest/exchange_rates.py)."""

from __future__ import annotations

from pathlib import Path

from partnership_metrics.ingest.ingestion import ingest


def _csv(path: Path, rows: list[list]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(",".join(str(c) for c in row) for row in rows) + "\n", encoding="utf-8")


def test_each_amount_is_converted_at_its_row_s_rate(tmp_path: Path):
    raw = tmp_path / "raw"
    _csv(raw / "companies.csv", [["startup_id", "name", "creation_date", "lead_institution"],
                                 ["S-1", "Alpha Thera", "2020-01-10", "AMU"], ["S-2", "Beta Dx", "2021-03-02", "UCA"]])
    _csv(raw / "funding_rounds.csv", [["startup_id", "round_date", "round_type", "amount", "currency_iso4217",
                                       "fx_rate_to_eur"],
                                      ["S-1", "2021-01-14", "seed", "2500000", "USD", "0.9241"],
                                      ["S-1", "2022-06-01", "series_a", "4000000", "EUR", "1"],
                                      ["S-2", "2023-04-23", "seed", "750000", "CHF", "1.0187"],
                                      ["S-2", "2023-09-01", "grant", "30000", "EUR", ""],
                                      ["S-2", "2023-11-02", "loan", "2.5 M$", "USD", "0.9"]])
    result = ingest(raw)
    rounds = result.tables["startup_rounds"].sort_values("round_date")
    assert list(rounds["amount_eur"]) == [2_310_250.0, 4_000_000.0, 764_025.0, 30_000.0]
    [problem] = [p for p in result.problems if p.table == "startup_rounds"]  # never read as euros: said so
    assert problem.column == "amount_eur" and "at the rate 0.9 to euros that is not a number" in problem.reason
    sheet = next(s for s in result.sheets if s.file == "funding_rounds.csv")
    assert "amounts converted to euros at each row's 'fx_rate_to_eur'" in sheet.note


def test_a_rate_of_something_else_converts_nothing(tmp_path: Path):
    raw = tmp_path / "raw"
    _csv(raw / "companies.csv", [["startup_id", "name", "creation_date", "growth_rate"],
                                 ["S-1", "Alpha Thera", "2020-01-10", "0.5"]])
    _csv(raw / "funding_rounds.csv", [["startup_id", "round_date", "round_type", "amount", "success_rate"],
                                      ["S-1", "2021-01-14", "seed", "2500000", "0.5"]])
    rounds = ingest(raw).tables["startup_rounds"]
    assert list(rounds["amount_eur"]) == [2_500_000.0]


def test_a_board_states_its_rates_in_a_note_above_its_deals(tmp_path: Path):
    """A project tool's board of funding "deals": the rates in a note row, each deal's currency in a column, its
    project in "Linked card" (named on several deals) beside the deal's own "Deal ID"."""
    (tmp_path / "deals.csv").write_text(
        "Board « Financements – Deals »\n"
        "Note: CHF and USD deals are converted at 1 CHF = 1.05 EUR and 1 USD = 0.92 EUR.\n"
        "Deal ID,Deal name,Linked card,Funder,Funding type,Value,Currency,Close date\n"
        "D-1,ABC – Maturation,VAL-1,Inserm Transfert,Maturation,100000,EUR,12/03/2022\n"
        "D-2,ABC – Subvention,VAL-1,Fondation suisse,Subvention,150000,CHF,20/05/2022\n"
        "D-3,XYZ – Subvention,VAL-2,NIH,Subvention,200000,USD,01/09/2023\n"
        "D-4,XYZ – Prêt,VAL-2,Bpifrance,Prêt,50000,GBP,01/10/2023\n", encoding="utf-8")
    result = ingest(tmp_path)
    funding = result.tables["funding"].set_index("funding_id")
    assert list(funding.index) == ["D-1", "D-2", "D-3"] and list(funding["project_id"]) == ["VAL-1", "VAL-1", "VAL-2"]
    assert list(funding["amount_eur"]) == [100_000, 157_500, 184_000]
    [problem] = result.problems  # a currency whose rate the board does not state: never read as euros
    assert problem.key == "D-4" and "GBP" in problem.reason
