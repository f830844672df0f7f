"""Which way round dates are written: a sheet's own dates, else a note, else the other sheets of its file."""

from __future__ import annotations

import datetime as dt

import pytest

from partnership_metrics.ingest.date_order import with_date_order
from partnership_metrics.ingest.ingestion import ingest
from partnership_metrics.ingest.reading import RawSheet
from partnership_metrics.ingest.vocabulary import load_words


def _sheet(name, rows):
    return RawSheet("tracker.xlsx", name, rows)


@pytest.mark.parametrize("rows, month_first", [
    ([["Date"], ["09/30/2021"], ["04/11/2021"]], True),  # 30 can only be a day: month first
    ([["Date"], ["30/09/2021"], ["04/11/2021"]], False),
    ([["Date"], ["04/11/2021"], ["05/12/2021"]], False),  # nothing says: day first, as in France
    ([["Key dates (mm/dd/yyyy)"], ["Date"], ["04/11/2021"]], True),  # a note says
    ([["Dates (jj/mm/aaaa)"], ["Date"], ["04/11/2021"]], False),
    ([["Date"], ["09/30/2021"], ["30/09/2021"]], False),  # both ways: each date as it can be read, day first
])
def test_one_sheet(rows, month_first):
    [sheet] = with_date_order([_sheet("S", rows)], load_words())
    assert sheet.month_first is month_first
    assert any("month first" in n for n in sheet.notes) is month_first


def test_a_sheet_that_cannot_tell_follows_its_file():
    readme = _sheet("README", [["Dates are US style (month/day/year)."]])
    data = _sheet("Data", [["Date"], ["04/11/2021"]])
    other = _sheet("Other", [["Date"], ["04/11/2021"]])
    readme_file = with_date_order([readme, data], load_words())
    assert readme_file[1].month_first and "a note" not in readme_file[1].notes[0]  # the file's note
    assert not with_date_order([other], load_words())[0].month_first


def test_us_dates_read_month_first_end_to_end(tmp_path):
    (tmp_path / "money.csv").write_text(
        "Funding ID,Project ref,Funder,Funding type,Amount (EUR),Decision date\n"
        "F-1,P-1,Bpifrance,Loan,\"320,000.00\",2/15/2023\n"
        "F-2,P-2,Bpifrance,Loan,\"100,000.00\",4/11/2023\n", encoding="utf-8")
    result = ingest(tmp_path)
    funding = result.tables["funding"].set_index("funding_id")
    assert funding.loc["F-2", "decision_date"].date() == dt.date(2023, 4, 11)
    assert any("month first" in n for s in result.sheets for n in s.reading_notes)
