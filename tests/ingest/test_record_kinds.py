"""One CRM export holding deals of two pipelines (record_kinds.py): each pipeline's rows read as their own table,
a fundraising deal's round type read from its name (codes_in_text.py), only won deals counted as rounds
(continuations.unwon_deals)."""

from __future__ import annotations

from partnership_metrics.ingest.ingestion import ingest

DEALS = """Record ID,Deal Name,Pipeline,Deal Stage,Close Date,Amount,Associated Company,Code projet,Type de technologie,Canal de sourcing,Accompagnement,Date de détection
1001,Vaccin ARN du glioblastome,Valorisation onco,Maturation en cours,,,AP-HM,PV21-01,Thérapeutique,AAP CanceroPôle,CPP,12/03/2021
1002,Biopsie liquide,Valorisation onco,Détection,,,Institut Paoli-Calmettes,PV21-02,Diagnostic,Détection Inserm Transfert,IT,05/06/2021
1003,Radiomique du poumon,Valorisation onco,Licence signée (gagné),2023-02-01 00:00,,CNRS,PV21-03,Santé numérique,Sourcing conjoint,CPP + IT,20/09/2021
2001,Oncolix - Pre-seed,Start-up fundraising,Closed won,2021-11-24 00:00,380000,Oncolix,,,,,
2002,Oncolix - Amorçage,Start-up fundraising,Closed won,2022-10-16 00:00,950000,Oncolix,,,,,
2003,Liquidia Dx - Série A,Start-up fundraising,Closed won,2023-03-21 00:00,4500000,Liquidia Dx,,,,,
2004,Liquidia Dx - Série B,Start-up fundraising,Term sheet signée,2024-06-30 00:00,12000000,Liquidia Dx,,,,,
2005,Oncolix - Série A,Start-up fundraising,Closed lost,2023-09-01 00:00,3000000,Oncolix,,,,,
"""


def test_each_pipelines_deals_are_read_as_their_table_and_only_won_rounds_count(tmp_path):
    (tmp_path / "hubspot-crm-exports-all-deals.csv").write_text(DEALS, encoding="utf-8")
    result = ingest(tmp_path)
    assert list(result.tables["projects"]["project_id"]) == ["PV21-01", "PV21-02", "PV21-03"]
    rounds = result.tables["startup_rounds"]
    assert sorted(zip(rounds["startup_id"], rounds["round_type"].astype(str), rounds["amount_eur"], strict=True)) == [
        ("Liquidia Dx", "series_a", 4500000.0), ("Oncolix", "pre_seed", 380000.0), ("Oncolix", "seed", 950000.0)]
    assert not result.problems
    reasons = sorted(d.reason for d in result.dropped if d.reason.startswith("not a round"))
    assert reasons == ["not a round that happened (Deal Stage: Closed lost)",
                       "not a round that happened (Deal Stage: Term sheet signée)"]
    for sheet in result.sheets:  # each part accounts for every row: its own, and the other kind's dropped
        counts = sheet.counts()
        assert counts["rows_read"] == 8 == counts["rows_accepted"] + counts["rows_quarantined"] + counts["rows_dropped"]
