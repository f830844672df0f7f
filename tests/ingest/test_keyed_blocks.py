"""A financing plan kept project by project, each block under a line naming its project and its own copy of the
header (keyed_blocks.py): the lines are funding lines of that project; blocks under companies' names stay rounds."""

from __future__ import annotations

import datetime as dt

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest

HEADER = ["Financeur", "Type de financement", "Montant (k€)", "Date de décision", "Commentaire"]
PLANS = [["Plans de financement des projets – partenariat CPP / Inserm Transfert"], [],
         ["Projet IT-ONC-18-002 – ExoCure (AMU)"], HEADER,
         ["Inserm Transfert", "Programme de maturation", 230, "31/08/2020", "versé en 2 tranches"],
         ["Région Sud", "Subvention", 720, dt.date(2021, 3, 11), None],
         ["Total plan de financement", None, 950, None, None], [],
         ["Projet CPP-AAP18-02 – KinaTrack (Lacassagne)"], HEADER,
         ["CanceroPôle PACA", "Émergence (AAP)", 40, "06/07/2018", None],
         ["Total plan de financement", None, 40, None, None], [],
         ["Hors projet – actions collectives"], HEADER,
         ["CanceroPôle PACA", "Subvention", 25, "14/06/2021", None]]


def test_each_block_s_lines_are_its_project_s_funding_lines(tmp_path):
    write_workbook(tmp_path / "raw" / "plans.xlsx", {"Plans de financement": PLANS})
    result = ingest(tmp_path / "raw")
    funding = result.tables["funding"]
    lines = sorted(zip(funding["project_id"].fillna("-"), funding["funder"].astype(str), funding["amount_eur"],
                       strict=True))
    assert lines == [("-", "canceropole_paca", 25000.0), ("CPP-AAP18-02", "canceropole_paca", 40000.0),
                     ("IT-ONC-18-002", "inserm_transfert", 230000.0), ("IT-ONC-18-002", "region_sud", 720000.0)]
    assert "startup_rounds" not in result.tables or result.tables["startup_rounds"].empty
    assert not result.problems


def test_titles_naming_companies_or_no_column_key_nothing(vocabulary):
    """Guard: blocks under companies' names ("▶ Oncostra", read as their rounds by titled_blocks.py) or under an
    event's code alone stay as written."""
    from test_titled_blocks import ROUNDS  # tests/ingest, beside this file

    from partnership_metrics.ingest.keyed_blocks import with_keyed_blocks
    from partnership_metrics.ingest.reading import RawSheet
    from partnership_metrics.ingest.recognition import Recogniser
    from partnership_metrics.ingest.vocabulary import load_words

    recogniser, words = Recogniser(vocabulary), load_words()
    header = ["Nom", "Prénom", "Établissement", "Signature"]
    signed = [["EV2022-01"], header, ["DUPONT", "Jean", "AMU", "x"], [], ["EV2022-02"], header, ["MARTIN", "Paul", "UCA", "x"]]
    for rows in (ROUNDS, signed):
        assert with_keyed_blocks(RawSheet("f.xlsx", "S", rows), recogniser, words).rows == rows
