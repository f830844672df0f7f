"""Start-up rounds kept one line per investor's ticket (tickets.py)."""

from __future__ import annotations

from pathlib import Path

from partnership_metrics.ingest.ingestion import ingest

LEDGER = """Start-up ID,Company,Round,Closing date,Investor,Lead investor,Ticket (€)
SU-02,Mistral Oncology,Pre-seed,29/10/2019,Kurma Partners,TRUE,"€262,000.00"
SU-02,Mistral Oncology,Pre-seed,29/10/2019,Seventure Partners,FALSE,"€50,000.00"
SU-01,Calanquia Bio,Seed,19/08/2020,Sofimac Innovation,TRUE,"€321,000.00"
SU-01,Calanquia Bio,Seed,19/08/2020,Kurma Partners,FALSE,"€157,000.00"
SU-01,Calanquia Bio,Seed,19/08/2020,Kurma Partners,FALSE,"€157,000.00"
SU-01,Calanquia Bio,Series A,02/03/2022,Eurazeo,TRUE,"€2,000,000.00"
"""


def _rounds(tmp_path: Path, text: str):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "Rounds - Tickets.csv").write_text(text, encoding="utf-8")
    result = ingest(raw)
    df = result.tables["startup_rounds"]
    return result, {(s, str(d)[:10]): a for s, d, a in zip(df["startup_id"], df["round_date"], df["amount_eur"],
                                                          strict=True)}


def test_the_tickets_of_a_round_add_up_a_ticket_typed_twice_once(tmp_path):
    result, got = _rounds(tmp_path, LEDGER)
    # no start-ups table here: the rounds keep the company's name, as the ledger writes it
    assert got == {("Mistral Oncology", "2019-10-29"): 312_000, ("Calanquia Bio", "2020-08-19"): 478_000,
                   ("Calanquia Bio", "2022-03-02"): 2_000_000}
    assert not result.problems


def test_an_unreadable_ticket_leaves_its_round_as_written(tmp_path):
    text = LEDGER.replace('Seventure Partners,FALSE,"€50,000.00"', "Seventure Partners,FALSE,undisclosed")
    result, got = _rounds(tmp_path, text)
    assert ("Mistral Oncology", "2019-10-29") not in got
    assert {p.key.split(" / ")[0] for p in result.problems} == {"Mistral Oncology"}


def test_rounds_without_an_investor_column_are_not_added_up(tmp_path):
    text = "\n".join(",".join(c for i, c in enumerate(line.split(",")) if i not in (4, 5))
                     for line in LEDGER.replace('"€', "").replace('.00"', "").replace(",000", "000").splitlines())
    result, got = _rounds(tmp_path, text + "\n")
    assert not any(date == "2019-10-29" for _, date in got)  # two amounts for one round: a conflict, quarantined as before
    assert result.problems


def test_lines_that_list_their_investors_are_rounds_not_tickets(tmp_path):
    """An Airtable record typed twice: the same round, its investors listed differently: one round, not two tickets."""
    text = ("Nom,Start-up,Date de closing,Montant,Type de tour,Investisseurs\n"
            'Phocéa · Série A,Phocéa,31/03/2022,"€8,286,000",Série A,"Kurma Partners,Sofimac Innovation,Truffle Capital"\n'
            'Phocéa · Série A,Phocéa,31/03/2022,"€8,286,000",Série A,"Business angels,Jeito,Région Sud Investissement"\n'
            'Lérins · Amorçage,Lérins,19/06/2023,"€1,352,000",Amorçage (seed),"Business angels,Kurma Partners"\n')
    result, got = _rounds(tmp_path, text)
    assert got == {("Phocéa", "2022-03-31"): 8_286_000, ("Lérins", "2023-06-19"): 1_352_000}
    assert not result.problems
