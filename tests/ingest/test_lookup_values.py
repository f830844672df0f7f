"""A SharePoint or Microsoft Lists export's lookups and choices ("12;#VAL18-02", "Notifié;#Convention signée") read
as a person reads them in the list (reading/lookup_values.py)."""

from __future__ import annotations

import pytest

from partnership_metrics.ingest.ingestion import ingest
from partnership_metrics.ingest.reading.lookup_values import lookup_value, with_lookup_values


@pytest.mark.parametrize(("text", "read"), [
    ("12;#VAL18-02", "VAL18-02"), ("6;#ANR", "ANR"), ("3;#ANR;#7;#Région Sud", "ANR, Région Sud"),
    ("Notifié;#Convention signée", "Notifié, Convention signée"), ("CYTOLUX", "CYTOLUX"),
    ("2021;#", "2021")])  # the mark and nothing after it: no item, the value kept
def test_a_lookup_is_its_value_and_choices_are_listed(text, read):
    assert lookup_value(text) == read


def test_only_the_columns_that_write_lookups_change_and_the_rows_are_copies():
    rows = [["Projet", "Note"], ["11;#VAL18-02", "a;b"], ["", "c"]]
    assert with_lookup_values(rows) == [["Projet", "Note"], ["VAL18-02", "a;b"], ["", "c"]]
    assert rows[1][0] == "11;#VAL18-02"
    plain = [["a", "b"]]
    assert with_lookup_values(plain) is plain


def test_a_list_export_without_references_reads_its_lookups(tmp_path):
    """Funding lines without a reference column (ids made from where they are), their projects and acronyms
    written as lookups: the lookups' item numbers are no references (before, the acronyms' "11;#GENOLUX" looked like
    codes and the sheet was left for a mapping entry)."""
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "Financements 2018-2020 (export liste).csv").write_text(
        "Title,Projet,Projet:Acronyme,Financeur,Dispositif,Montant k€,Date décision,Chargé(e) de valo\n"
        "Emergence GENOLUX,11;#VAL18-02,11;#GENOLUX,CanceroPôle PACA,Emergence,16.5,12/03/2018,\"Roux, Romain\"\n"
        "Maturation CARDIBLOC,10;#VAL18-01,10;#CARDIBLOC,Inserm Transfert,Maturation,46.5,31/07/2018,\"Carpentier, Claire\"\n"
        "Emergence CELLTARG,21;#VAL19-05,21;#CELLTARG,CanceroPôle PACA,Emergence,24.5,2019,\"Bernard, Florian\"\n",
        encoding="utf-8")
    result = ingest(raw)
    funding = result.tables["funding"].sort_values("amount_eur")
    assert list(zip(funding["project_id"], funding["instrument"].astype(str), funding["amount_eur"], strict=True)) == [
        ("VAL18-02", "emergence", 16_500.0), ("VAL19-05", "emergence", 24_500.0), ("VAL18-01", "maturation", 46_500.0)]
    assert not result.problems
