"""Value parsers: examples from real spreadsheets, and properties (a value or ParseError, nothing else)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from partnership_metrics.errors import ParseError
from partnership_metrics.ingest.parsers import ValueParsers
from partnership_metrics.ingest.vocabulary import load_words

# The parsers of a run, with the packaged word lists (vocab/words.yaml).
_PARSERS = ValueParsers(load_words())
parse_bool, parse_date, parse_id, parse_int = (_PARSERS.parse_bool, _PARSERS.parse_date, _PARSERS.parse_id,
                                               _PARSERS.parse_int)
parse_money, parse_number, parse_period = _PARSERS.parse_money, _PARSERS.parse_number, _PARSERS.parse_period
parse_research_unit, parse_score, parse_siren = (_PARSERS.parse_research_unit, _PARSERS.parse_score,
                                                 _PARSERS.parse_siren)


@pytest.mark.parametrize("value", [1e308, -1.7976931348623157e308, "1e308", "99999999999999999999999999999999 €",
                                   "200 Mds€", 150_000_000_000.0])
def test_an_implausible_amount_is_refused_with_the_bound_and_where_it_is_set(value):
    with pytest.raises(ParseError, match="not a plausible amount .*money_limits"):
        parse_money(value)


def test_the_largest_plausible_amount_is_read():
    assert parse_money(1e11) == 1e11 and parse_money("100 Mds€") == 1e11


@pytest.mark.parametrize("text, expected", [
    ("1 234 567,50 €", 1234567.5),
    ("1\u202f234 €", 1234.0),            # narrow no-break space (French typography)
    ("1\u00a0234\u00a0567 €", 1234567.0),  # no-break space
    ("150 k€", 150_000.0),
    ("1,5 M€", 1_500_000.0),
    ("150K", 150_000.0),
    ("150 kEUR HT", 150_000.0),
    ("1,234,567.50", 1234567.5),
    ("1.234.567,50", 1234567.5),
    ("€1,234", 1234.0),
    ("1.5e3", 1500.0),  # large numbers exported as text in scientific notation
    ("2E6", 2_000_000.0),
    ("€-20,000", -20000.0),  # the sign after the currency
    ("k€ 960", 960_000.0),  # the unit written before the number, as an English tracker does
    ("EUR 1.5M", 1_500_000.0),
    ("€350k", 350_000.0),
    ("M€ 1,2", 1_200_000.0),
    ("12,5", 12.5),
    ("(1 200)", -1200.0),
    ("$2M (≈ €1.85M)", 1_850_000.0),  # another currency, then its value in euros: the euros
    ("£500k (soit 580 k€)", 580_000.0),
    ("150 k€ (≈ $160k)", 150_000.0),  # euros first: the remark is left alone
    ("250'000.–", 250_000.0), ("42.-", 42.0),  # Swiss: ".–" is no cents, not a minus
    (80, 80.0),
    ("-", None),
    ("", None),
])
def test_money_spellings(text, expected):
    assert parse_money(text) == pytest.approx(expected) if expected is not None else parse_money(text) is None


def test_money_header_multiplier_applies_to_bare_numbers_only():
    assert parse_money(150, 1000) == 150_000
    assert parse_money("1 234,5", 1000) == 1_234_500
    assert parse_money("1,5 M€", 1000) == 1_500_000  # the cell's own unit wins
    assert parse_money("2,250", 1000) == 2_250  # k€ with three decimals is a decimal comma
    assert parse_money("2,03", 1e6) == 2_030_000  # to the cent, exactly: 2.03 × 1e6 is 2029999.9999999998 in floats
    assert parse_money(0.07, 1000) == 70 and parse_money("1234,5678 €") == 1234.57


@pytest.mark.parametrize("bad", ["abc", "1.2.3", "12 pommes", "1,2,3,4", True, "1e999", "e5", "k€ 5 M€", "m 12",
                                 "$2M", "$2M (≈ $1.9M)"])
def test_money_errors(bad):
    with pytest.raises(ParseError):
        parse_money(bad)


@pytest.mark.parametrize("text, expected", [
    ("15/03/2022", dt.date(2022, 3, 15)),
    ("2022-03-15", dt.date(2022, 3, 15)),
    ("15.03.2022", dt.date(2022, 3, 15)),
    ("15-03-2022", dt.date(2022, 3, 15)),
    ("15/03/22", dt.date(2022, 3, 15)),
    ("15 mars 2022", dt.date(2022, 3, 15)),
    ("1er mars 2022", dt.date(2022, 3, 1)),
    ("lundi 14 février 2022", dt.date(2022, 2, 14)),
    ("15 March 2022", dt.date(2022, 3, 15)),
    ("March 15, 2022", dt.date(2022, 3, 15)),
    ("15-Mar-2022", dt.date(2022, 3, 15)),
    ("mars 2022", dt.date(2022, 3, 1)),
    ("2022-03-15T00:00:00", dt.date(2022, 3, 15)),
    (44635, dt.date(2022, 3, 15)),       # Excel serial
    ("44635", dt.date(2022, 3, 15)),
    (dt.datetime(2022, 3, 15, 10, 30), dt.date(2022, 3, 15)),
    (dt.date(2022, 3, 15), dt.date(2022, 3, 15)),
    ("03/15/2022", dt.date(2022, 3, 15)),  # unambiguous month-first
    ("✔ 12/08/2023", dt.date(2023, 8, 12)),  # a checklist's milestone ticked, with its day
    ("CP octobre 2018", dt.date(2018, 10, 1)),  # a Région's commission permanente of October 2018
])
def test_date_spellings(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("bad", ["31/02/2022", "2022-13-45", "pas de date", "15/03", "22-janv.", "T5 2021", True, 1.5,
                                 "exercice 22", "projet 2022", "en cours", "voir mail", "oui"])
def test_date_errors(bad):
    with pytest.raises(ParseError):
        parse_date(bad)


@pytest.mark.parametrize("box", ["☐", " ☐ "])
def test_a_box_left_empty_in_a_checklist_is_no_date(box):
    assert parse_date(box) is None


def test_other_kinds():
    assert [parse_bool(v) for v in ("Oui", "Non", "Yes", "no", "x", "X", "", None, 1, 0)] == [
        True, False, True, False, True, True, None, None, True, False]
    assert parse_int("1 200") == 1200 and parse_int(12.0) == 12
    with pytest.raises(ParseError):
        parse_int("12,5")
    assert parse_score("4,2") == pytest.approx(4.2) and parse_score("8/10") == pytest.approx(4.0)
    assert parse_score("n/a") is None and parse_score("N/A") is None  # a placeholder, not a score out of "a"
    assert parse_number("35 %") == pytest.approx(0.35)
    assert parse_number("2.0x") == 2.0 and parse_number("2,5 ×") == 2.5  # a ratio
    assert parse_id(12.0) == "12" and parse_id("  P 01 ") == "P 01"
    assert parse_siren("732 829 320") == "732829320"
    assert parse_siren("73282932000074") == "732829320"  # a SIRET gives its SIREN
    with pytest.raises(ParseError):
        parse_siren("732829321")  # Luhn fails
    # the one number of a registry mention
    assert parse_siren("RCS Marseille 732 829 320") == parse_siren("SIREN 732829320") == "732829320"
    assert parse_siren("RCS Aix-en-Provence B 732 829 320") == "732829320"
    for mention in ("732 829 320 et 522 588 516", "12 rue 732829320"):
        with pytest.raises(ParseError):
            parse_siren(mention)  # two numbers: which one?
    assert [parse_bool(v) for v in ("✓", "✗", "☐")] == [True, False, False]
    assert [parse_bool(v) for v in ("t", "f", "T")] == [True, False, True]  # a database's booleans (PostgreSQL)
    assert [parse_bool(v) for v in ("Winner 2021", "Gagnant 2019", "No")] == [True, True, False]  # an i-Lab column
    assert parse_siren("307 737 379 R.C.S. Marseille") == "307737379"


def test_of_counts_each_named_the_one_of_those_who_came():
    assert parse_int("78 inscrits / 70 présents") == 70 and parse_int("120 registered, 95 attended") == 95
    assert parse_int("68 (77 inscrits)") == 68 and parse_int("75 connectés") == 75
    with pytest.raises(ParseError):  # words around a slash are no score out of something
        parse_int("1.000 inscrits / 1.000 présents")
    assert parse_research_unit("Inserm U 1068") == "U1068" and parse_research_unit("umr-7258 CRCM") == "UMR7258"
    # a body named between the unit's kind and number
    assert parse_research_unit("UMR CNRS 1252") == "UMR1252" and parse_research_unit("UMR-CNRS 7370") == "UMR7370"
    assert parse_research_unit("U891 → U1068") == "U1068" and parse_research_unit("UMR6543 -> UMR7284") == "UMR7284"
    # an Inserm unit written as a university's mixed unit: "UMR_S 1068" is Inserm's U1068, a team's name after it
    assert parse_research_unit("UMR_S 1090 TAGC") == "U1090" and parse_research_unit("UMRS1068") == "U1068"
    assert parse_research_unit("U1O65") == "U1065"  # the letter O typed among the digits
    assert parse_period("2021–2023") == "2021-2023" and parse_period(2022) == "2022" and parse_period("2021-23") == (
        "2021-2023")
    assert parse_period("FY21-FY23") == "2021-2023" and parse_period("FY22") == "2022"


def test_footnote_markers_of_pasted_report_tables_are_not_part_of_the_value():
    assert parse_int("32*") == 32 and parse_money("73\u202f000\xa0€(1)") == 73000 and parse_money("12 k€²") == 12000
    assert parse_date("03/01/2020*") == dt.date(2020, 1, 3)
    assert parse_money("(25 000,00)") == -25000  # a negative amount, not a footnote


# --- properties --------------------------------------------------------------------------------------------

ANY_CELL = st.one_of(
    st.none(), st.booleans(), st.integers(-10**12, 10**12), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40), st.dates(), st.datetimes(),
    st.text(alphabet="0123456789 ,.-€kKmM%/()\u202f\u00a0'", max_size=25),
)


@given(ANY_CELL)
def test_parsers_return_a_value_or_their_own_error(cell):
    for parser in (parse_money, parse_date, parse_bool, parse_int, parse_number, parse_id, parse_siren, parse_period,
                   parse_score, parse_research_unit):
        try:
            parser(cell)
        except ParseError:
            pass


def _french(amount: float, decimals: int) -> str:
    whole, frac = f"{amount:.{decimals}f}".partition(".")[::2]
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    text = "\u202f".join(groups)
    return f"{text},{frac} €" if decimals else f"{text} €"


@given(st.integers(0, 10**11), st.sampled_from([0, 2]))
def test_french_money_round_trip(cents, decimals):
    amount = cents / 100 if decimals else float(cents)
    assert parse_money(_french(amount, decimals)) == pytest.approx(amount)


@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_date_round_trip_in_every_spelling(day):
    months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
              "novembre", "décembre"]
    for text in (day.strftime("%d/%m/%Y"), day.isoformat(), day.strftime("%d.%m.%Y"),
                 f"{day.day} {months[day.month - 1]} {day.year}", day.strftime("%d %B %Y")):
        assert parse_date(text) == day, text


# --- dates as French and English staff type them, with how precisely they are known ------------------------------

@pytest.mark.parametrize("raw, date, precision", [
    ("08-janv.-18", dt.date(2018, 1, 8), "day"),     # Excel's French display of a date cell, exported as text
    ("17-mai-19", dt.date(2019, 5, 17), "day"),
    ("3-févr.-21", dt.date(2021, 2, 3), "day"),
    ("lundi 15 mars 2021", dt.date(2021, 3, 15), "day"),
    ("Mardi 3 et mercredi 4 octobre 2023", dt.date(2023, 10, 3), "day"),  # a two-day event: its first day
    ("Tuesday 3 and Wednesday 4 October 2023", dt.date(2023, 10, 3), "day"),
    ("15 mars 2022", dt.date(2022, 3, 15), "day"),
    ("janv.-22", dt.date(2022, 1, 1), "month"),
    ("sept.-20", dt.date(2020, 9, 1), "month"),
    ("août-23", dt.date(2023, 8, 1), "month"),
    ("mars 2022", dt.date(2022, 3, 1), "month"),
    ("03/2022", dt.date(2022, 3, 1), "month"),
    ("T3 2019", dt.date(2019, 7, 1), "quarter"),
    ("Q1 2021", dt.date(2021, 1, 1), "quarter"),
    ("2019-Q4", dt.date(2019, 10, 1), "quarter"),
    ("3e trimestre 2019", dt.date(2019, 7, 1), "quarter"),
    ("S2 2021", dt.date(2021, 7, 1), "semester"),
    ("1er semestre 2021", dt.date(2021, 1, 1), "semester"),
    ("2020", dt.date(2020, 1, 1), "year"),
    ("exercice 2022", dt.date(2022, 1, 1), "year"),  # an accountant's year
    ("FY2021", dt.date(2021, 1, 1), "year"),
    ("FY22 Q2", dt.date(2022, 4, 1), "quarter"),  # a fiscal year that is the calendar year
    ("Q3 FY21", dt.date(2021, 7, 1), "quarter"),
    ("Année 2019", dt.date(2019, 1, 1), "year"),
    ("2021-T3", dt.date(2021, 7, 1), "quarter"),
    ("CODIR du 28/03/2021", dt.date(2021, 3, 28), "day"),  # a meeting named with its date
    ("Comité le 05/04/2022", dt.date(2022, 4, 5), "day"),
    ("CA mai 2018", dt.date(2018, 5, 1), "month"),  # a board's meeting (conseil d'administration) in a month
    (2019, dt.date(2019, 1, 1), "year"),            # a year typed in a date cell
    (44635, dt.date(2022, 3, 15), "day"),           # an Excel serial
    (dt.datetime(2022, 3, 15, 9, 30), dt.date(2022, 3, 15), "day"),
    ("14/12/2023 → 13/12/2025", dt.date(2023, 12, 14), "day"),  # a period (Notion's date range): its first day
    ("2022-02-01 -> 2024-01-31", dt.date(2022, 2, 1), "day"),
    ("mars 2022 → juin 2022", dt.date(2022, 3, 1), "month"),
    ("✓ 29/10/2018", dt.date(2018, 10, 29), "day"),  # a review's grid of milestones: reached then
    ("✓ Q1 2021", dt.date(2021, 1, 1), "quarter"),
    ("✔ septembre 2021", dt.date(2021, 9, 1), "month"),
    ("done 03/2021", dt.date(2021, 3, 1), "month"),  # a deal-flow pipeline's milestone reached
    ("done Q3 2022", dt.date(2022, 7, 1), "quarter"),
    ("réalisé 27/05/2019", dt.date(2019, 5, 27), "day"),
    ("signée le 5 juillet 2022", dt.date(2022, 7, 5), "day"),  # a licence column's date, said in words
    ("signed on 12/10/2021", dt.date(2021, 10, 12), "day"),
    ("expected Q2 2024", None, None),  # a milestone planned, not reached: no date
    ("prévu T2 2024", None, None),
    ("non", None, None),  # no milestone reached
])
def test_dates_with_their_precision(raw, date, precision):
    assert _PARSERS.parse_date_precise(raw) == (date, precision)
    assert parse_date(raw) == date


@given(st.dates(min_value=dt.date(1970, 1, 1), max_value=dt.date(2068, 12, 31)))
def test_excel_french_text_forms_round_trip(day):
    french = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc.")
    month = french[day.month - 1]
    assert _PARSERS.parse_date_precise(f"{day.day:02d}-{month}-{day.year % 100:02d}") == (day, "day")
    assert _PARSERS.parse_date_precise(f"{month}-{day.year % 100:02d}") == (day.replace(day=1), "month")
    quarter = (day.month - 1) // 3 + 1
    assert _PARSERS.parse_date_precise(f"T{quarter} {day.year}") == (dt.date(day.year, 3 * quarter - 2, 1), "quarter")


@given(st.one_of(st.text(max_size=30), st.integers(), st.floats(allow_nan=True)))
def test_precise_dates_never_raise_anything_but_parse_errors(value):
    try:
        date, precision = _PARSERS.parse_date_precise(value)
    except ParseError:
        return
    assert (date is None) == (precision is None)
    assert precision in (None, "day", "month", "quarter", "semester", "year")


@pytest.mark.parametrize("text", ["à demander au porteur", "en attente du consortium", "code à venir", "TBC",
                                  "à qualifier", "Type à qualifier",
                                  "cf. fiche projet", "voir onglet Suivi"])  # written elsewhere, to be copied in
def test_a_short_text_saying_the_value_is_to_come(text):
    with pytest.raises(ParseError):
        _PARSERS.check_not_pending(text)


def test_a_sentence_of_free_text_is_not_a_pending_value():
    _PARSERS.check_not_pending("Cinq dossiers en attente", phrases=False)  # a cause written in a commentary
    _PARSERS.check_not_pending("U1068")
    _PARSERS.check_not_pending("CF Dx")  # an acronym, not "cf." pointing elsewhere


@pytest.mark.parametrize("text", ["[illisible]", "(illisible)", "Illisible"])
def test_a_mark_that_the_paper_could_not_be_read(text):
    with pytest.raises(ParseError):
        _PARSERS.check_not_pending(text)


def test_a_cell_that_says_there_is_no_unit_yet_is_no_research_unit():
    for text in ("équipe en création", "Equipe en cours de création (2024)", "Je ne sais pas", "pas d'unité"):
        with pytest.raises(ParseError, match="not a research unit"):
            parse_research_unit(text)
    assert parse_research_unit("CRCM") == "CRCM"  # a unit's name without a number is kept as written
    assert parse_research_unit("Unité en création U1320") == "U1320"  # a number says which unit it is


def test_an_erp_writes_its_dates_as_eight_digits():
    assert parse_date("20180610") == dt.date(2018, 6, 10) and parse_date(20231231) == dt.date(2023, 12, 31)
    for not_a_date in ("20181305", "20180632"):
        with pytest.raises(ParseError):
            parse_date(not_a_date)
    assert parse_date("2018") == dt.date(2018, 1, 1)  # a year stays a year


def test_a_database_writes_00_for_the_day_or_the_month_it_does_not_know():
    assert _PARSERS.parse_date_precise("20210300") == (dt.date(2021, 3, 1), "month")
    assert _PARSERS.parse_date_precise(20200000) == (dt.date(2020, 1, 1), "year")
    for not_a_date in ("20211300", "20200010"):
        with pytest.raises(ParseError):
            _PARSERS.parse_date_precise(not_a_date)


def test_a_template_asking_for_yyyymmdd_gets_months_and_two_day_events_too():
    assert _PARSERS.parse_date_precise(202311.0) == (dt.date(2023, 11, 1), "month")  # the day not known: YYYYMM
    assert _PARSERS.parse_date_precise("202106") == (dt.date(2021, 6, 1), "month")
    assert _PARSERS.parse_date_precise("20220315-16") == (dt.date(2022, 3, 15), "day")  # a two-day event: its first
    assert _PARSERS.parse_date_precise("20180107 - 20180108") == (dt.date(2018, 1, 7), "day")
    for not_a_date in ("202313", "201800", 123456.0):
        with pytest.raises(ParseError):
            _PARSERS.parse_date_precise(not_a_date)


@pytest.mark.parametrize("bad", ["13/12/2025 → 14/12/2023", "14/12/2023 → à définir", "→ 14/12/2023"])
def test_a_range_that_ends_before_it_starts_or_is_no_range_is_no_date(bad):
    with pytest.raises(ParseError):
        _PARSERS.parse_date_precise(bad)


@pytest.mark.parametrize("text, missing", [
    ("NC", True), ("Hors projet (enveloppe)", True), ("n.d. (voir CR)", True), ("— (à venir)", True),
    ("Nice (06)", False), ("(enveloppe)", False), ("PV21-01 (suite)", False),
    ("(vide)", True), ("(Blank)", True),  # Power BI's and a pivot's blank
])
def test_a_placeholder_with_a_remark_in_brackets_is_still_missing(text, missing):
    assert _PARSERS.is_missing(text) is missing


@pytest.mark.parametrize("text, unit", [("ur2ca", "UR2CA"), ("UR 2CA", "UR2CA"), ("u1065", "U1065"),
                                        ("UMR 7284", "UMR7284"), ("Équipe Cancer", "Équipe Cancer")])
def test_research_unit_codes_are_written_compact(text, unit):
    assert _PARSERS.parse_research_unit(text) == unit


@pytest.mark.parametrize("raw", ["fin T1 2024 ?", "2021 ?", "mars 2022?"])
def test_a_date_written_with_a_question_mark_is_a_guess_not_a_date(raw):
    with pytest.raises(ParseError, match="a guess"):
        _PARSERS.parse_date_precise(raw)


def test_a_hospital_service_where_a_unit_is_asked_names_no_unit():
    assert parse_research_unit("Service d'oncologie médicale") is None and parse_research_unit("Pôle biologie") is None
    assert parse_research_unit("Plateforme génomique U1068") == "U1068"  # a unit code in the cell is still read
    assert parse_research_unit("CRCM") == "CRCM"  # a unit's name without its number is kept as written


def test_an_abbreviation_saying_to_be_confirmed_before_a_remark_is_pending():
    with pytest.raises(ParseError, match="still to come"):
        _PARSERS.check_not_pending("TBC (PI moving)")


@pytest.mark.parametrize(("text", "date", "precision"), [
    ("2020Q3", dt.date(2020, 7, 1), "quarter"), ("2021H1", dt.date(2021, 1, 1), "semester"),
    ("2021S2", dt.date(2021, 7, 1), "semester"), ("2019-06", dt.date(2019, 6, 1), "month")])
def test_a_data_tools_periods_are_dates_to_their_precision(text, date, precision):
    """pandas writes a Period as "2020Q3", "2019-06": the first day of the quarter or month, with that precision."""
    assert _PARSERS.parse_date_precise(text) == (date, precision)


def test_a_siren_written_as_a_float_is_its_digits():
    assert parse_siren("820775740.0") == "820775740"
    with pytest.raises(ParseError):
        parse_siren("843005720.0")  # the checksum still holds


def test_a_data_tools_float_keeps_its_decimals():
    """"4.041666666666667" is no amount to the cent; a score's "4.375" is no 4 375 (a French thousands dot)."""
    assert parse_score("4.041666666666667") == pytest.approx(4.041666666666667)
    assert parse_number("0,33424") == pytest.approx(0.33424)
    assert parse_score("4.375") == 4.375
    assert parse_number("1.234") == 1234  # three decimals elsewhere: the thousands as written in French
