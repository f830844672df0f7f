"""Dates written with more than a date (a weekday, a time, a remark, a range of days) and Unix times."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from partnership_metrics.errors import ParseError
from partnership_metrics.ingest.parsers import ValueParsers, unix_time_date
from partnership_metrics.ingest.vocabulary import load_words

_PARSERS = ValueParsers(load_words())
FRENCH_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
                 "novembre", "décembre")


@pytest.mark.parametrize("text, date, precision", [
    ("ven. 29/11/2019", dt.date(2019, 11, 29), "day"),             # a weekday before a numeric date
    ("mar. 24 avr. 2018", dt.date(2018, 4, 24), "day"),            # "mar." is Tuesday there, not March
    ("le 3 juin 2022", dt.date(2022, 6, 3), "day"),
    ("comité T1 2022", dt.date(2022, 1, 1), "quarter"),           # the meeting that decided, known to its quarter
    ("séance du 23/07/2018", dt.date(2018, 7, 23), "day"),
    ("CS de janvier 2022", dt.date(2022, 1, 1), "month"),           # a scientific committee's month
    ("Comité d'avril 2022", dt.date(2022, 4, 1), "month"),          # "de" elided before a vowel
    ("Comité d’octobre 2021", dt.date(2021, 10, 1), "month"),
    ("26/04/2018 9h30-11h30", dt.date(2018, 4, 26), "day"),        # a time after it
    ("June 22, 2022 9:30 AM → 12:30 PM", dt.date(2022, 6, 22), "day"),  # Notion: a time range on one day
    ("20 Jun 2022 9:30", dt.date(2022, 6, 20), "day"),
    ("Jeudi 5 octobre 2023, 17h", dt.date(2023, 10, 5), "day"),
    ("Tuesday, March 15th 2022, 2:00:00 pm +01:00", dt.date(2022, 3, 15), "day"),
    ("2022-04-12 17:00 CEST", dt.date(2022, 4, 12), "day"),       # a portal's deadline, with its time zone
    ("03/11/2021 17:00 CET", dt.date(2021, 11, 3), "day"),
    ("2021-06-30 14:00 GMT+2", dt.date(2021, 6, 30), "day"),
    ("11/04/2022 (CODIR)", dt.date(2022, 4, 11), "day"),           # a remark in brackets
    ("15-16 mars 2018", dt.date(2018, 3, 15), "day"),              # a range of days: its first day
    ("6 et 7 juillet 2023", dt.date(2023, 7, 6), "day"),
    ("les 27 et 28 juin 2018", dt.date(2018, 6, 27), "day"),
    ("du 08/03 au 09/03/2021", dt.date(2021, 3, 8), "day"),
    ("30 juin - 1er juil. 2022", dt.date(2022, 6, 30), "day"),
    ("du 30 septembre au 1er octobre 2019", dt.date(2019, 9, 30), "day"),
    ("18-19 August 2022", dt.date(2022, 8, 18), "day"),
    ("14/03/2023 - 16/03/2023", dt.date(2023, 3, 14), "day"),
    ("25/01/2018\nVisio Teams", dt.date(2018, 1, 25), "day"),      # a place on its own line (a Word table)
    ("avril 2018\nAvignon", dt.date(2018, 4, 1), "month"),
    ("courant octobre 2022", dt.date(2022, 10, 1), "month"),       # known to the month
    ("début mars 2022", dt.date(2022, 3, 1), "month"),
])
def test_dates_written_with_more_than_a_date(text, date, precision):
    assert _PARSERS.parse_date_precise(text) == (date, precision)


@pytest.mark.parametrize("text", [
    "14/03/2023 (à confirmer)",  # the remark says the date is still to come
    "14/03/2023 - 16/06/2024",   # a range of more than three months is no date
    "2018\n(k€)",                # a year over its unit: a wide sheet's header, no date of a line
    "16 - 14 mars 2023",         # nor one that ends before it starts
    "5 octobre",                 # no year
    "printemps 2023",
])
def test_what_is_still_not_a_date(text):
    with pytest.raises(ParseError):
        _PARSERS.parse_date_precise(text)


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2060, 12, 30)), st.integers(1, 4))
def test_a_range_of_days_gives_its_first_day(first, length):
    last = first + dt.timedelta(days=length)
    month = FRENCH_MONTHS[first.month - 1]
    numeric = f"du {first:%d/%m} au {last:%d/%m/%Y}"
    assert _PARSERS.parse_date_precise(numeric) == (first, "day")
    if first.month == last.month:
        assert _PARSERS.parse_date_precise(f"{first.day}-{last.day} {month} {first.year}") == (first, "day")
        assert _PARSERS.parse_date_precise(f"{first.day} et {last.day} {month} {first.year}") == (first, "day")


def test_unix_times_are_read_in_the_partnerships_time_zone():
    # 2022-03-14 23:30 UTC is already the 15th in Paris
    assert unix_time_date(1647300600000, "Europe/Paris") == dt.date(2022, 3, 15)
    assert unix_time_date("1647300600", "UTC") == dt.date(2022, 3, 14)
    assert unix_time_date(44635, "UTC") is None  # an Excel serial is not a Unix time
    assert unix_time_date(12345678901234, "UTC") is None
    parsers = ValueParsers(load_words())
    parsers.time_zone = "Europe/Paris"
    assert parsers.parse_date_precise("1647300600000") == (dt.date(2022, 3, 15), "day")


@pytest.mark.parametrize("text, date", [("du 28/12 au 01/01/2001", dt.date(2000, 12, 28)),
                                        ("30 décembre - 2 janvier 2023", dt.date(2022, 12, 30))])
def test_a_range_over_new_year(text, date):
    assert _PARSERS.parse_date_precise(text) == (date, "day")


@pytest.mark.parametrize(("text", "day"), [("Marseille, 07/02/2018", "2018-02-07"),
                                           ("Marseille (IPC), 16/05/2018", "2018-05-16"),
                                           ("12/11/2018 - fin de financement", "2018-11-12"),
                                           ("Aix-en-Provence, 3 mars 2021", "2021-03-03")])
def test_a_date_beside_a_place_or_a_remark(text, day):
    assert str(_PARSERS.parse_date_precise(text)[0]) == day


@pytest.mark.parametrize("text", ["15/03/2022 - à confirmer", "Marseille, 07/02/2018, 09/02/2018"])
def test_a_date_beside_words_that_say_it_is_not_known_yet_or_beside_another(text):
    with pytest.raises(ParseError):
        _PARSERS.parse_date_precise(text)
