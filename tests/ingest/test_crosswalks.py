"""A crosswalk between two reference systems (a CRM's record ids and the finance system's project references): the
references a table's rows give are renamed to the ids it maps them to, one to one; a crosswalk that maps a reference
to two ids renames nothing."""

from __future__ import annotations

from pathlib import Path

from partnership_metrics.ingest.ingestion import ingest

PROJECTS = """Id,Project Name,Lead Institution,Sourcing Channel,Supported By,Detection Date
a0B5J00000gwTbmUAE,A companion test,AMU,CPP call,CPP,2021-03-04
a0B5J00000tFu7dUAC,A probe,UCA,CPP call,CPP,2021-05-06
a0B5J00000qXi60UAC,An organoid platform,AMU,CPP call,IT,2021-06-07
"""
FUNDING = """N° engagement;Projet;Financeur;Dispositif;Montant (€);Date de décision
GR-01;DTP-2021-001;CanceroPôle;Maturation;40000;2021-05-07
GR-02;DTP-2021-002;Inserm Transfert;Maturation;88000;2021-06-21
GR-03;DTP-2021-003;CanceroPôle;Emergence;25000;2021-09-01
"""


def _folder(tmp_path: Path, crosswalk: str) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "projects.csv").write_text(PROJECTS, encoding="utf-8")
    (raw / "funding.csv").write_text(FUNDING, encoding="utf-8")
    (raw / "mapping.csv").write_text(crosswalk, encoding="utf-8")
    return raw


def test_references_mapped_by_a_crosswalk_are_renamed_to_the_ids(tmp_path: Path):
    result = ingest(_folder(tmp_path, """Deeptech_Project__c.Id,Project_Reference__c,Mapped_On__c
a0B5J00000gwTbmUAE,DTP-2021-001,2023-02-01
a0B5J00000tFu7dUAC,DTP-2021-002,2023-02-01
a0B5J00000qXi60UAC,DTP-2021-003,2023-02-01
"""))
    funding = result.tables["funding"].set_index("funding_id")
    assert funding["project_id"].to_dict() == {"GR-01": "a0B5J00000gwTbmUAE", "GR-02": "a0B5J00000tFu7dUAC",
                                               "GR-03": "a0B5J00000qXi60UAC"}
    assert any("crosswalk" in w and "DTP-2021-00" in w for w in result.warnings)
    notes = {s.file: s.note for s in result.sheets}
    assert notes["mapping.csv"].startswith("a crosswalk of references to projects, not data")


def test_a_crosswalk_mapping_a_reference_to_two_ids_renames_nothing(tmp_path: Path):
    result = ingest(_folder(tmp_path, """Deeptech_Project__c.Id,Project_Reference__c
a0B5J00000gwTbmUAE,DTP-2021-001
a0B5J00000tFu7dUAC,DTP-2021-001
a0B5J00000qXi60UAC,DTP-2021-003
a0B5J00000tFu7dUAC,DTP-2021-002
"""))
    assert not set(result.tables["funding"]["project_id"]) & {"a0B5J00000gwTbmUAE", "a0B5J00000tFu7dUAC"}
    assert not any("crosswalk" in w for w in result.warnings)
