"""Rows outside the partnership in a partner's general files (partnership_scope.py): told apart by a yes/no column
naming the partnership or by a column of frameworks; a column naming one partner only decides nothing."""

from __future__ import annotations

from partnership_metrics.ingest.ingestion import ingest

HEADER = "N° projet,Intitulé,Établissement,Origine,Suivi,Date de détection,{marker}\n"
ROWS = [("P-01", "Anticorps", "AMU", "AAP CPP", "CPP", "12/03/2021"),
        ("P-02", "Rein bioartificiel", "UCA", "Détection IT", "IT", "14/04/2021"),
        ("P-03", "Sonde TEP", "IPC", "Détection IT", "IT", "02/05/2021")]


def _projects(tmp_path, marker: str, marks: list[str]):
    lines = [",".join([*row, mark]) for row, mark in zip(ROWS, marks, strict=True)]
    (tmp_path / "portefeuille.csv").write_text(HEADER.format(marker=marker) + "\n".join(lines) + "\n", encoding="utf-8")
    result = ingest(tmp_path)
    projects = result.tables["projects"]
    return result, dict(zip(projects["project_id"], projects["sourcing_channel"], strict=True))


def test_a_partnership_column_answered_no_leaves_the_row_out(tmp_path):
    result, got = _projects(tmp_path, "Partenariat CPP-IT", ["Oui", "Non", "Oui"])
    assert got == {"P-01": "cpp_call", "P-03": "it_detection"}  # the yes says nothing of how it was sourced
    assert [d.reason for d in result.dropped] == ["outside the partnership (Partenariat CPP-IT: Non)"]
    assert not result.problems


def test_a_programme_naming_neither_partner_is_outside(tmp_path):
    result, got = _projects(tmp_path, "Programme", ["CPP-IT Onco", "IDEX JEDI", "CPP-IT Onco"])
    assert sorted(got) == ["P-01", "P-03"]
    assert [d.reason for d in result.dropped] == ["outside the partnership (Programme: IDEX JEDI)"]


def test_a_column_naming_one_partner_decides_nothing(tmp_path):
    _, got = _projects(tmp_path, "Programme", ["CPP-IT Onco", "IDEX JEDI", "Maturation IT"])
    assert sorted(got) == ["P-01", "P-02", "P-03"]


def test_the_partner_column_is_the_one_written_with_partners(tmp_path):
    """"Dispositif d'appui" (the framework) beside "Appui assuré par" (CPP, IT, CPP + IT): the latter says who
    supports the proposal, the former which proposals are the partnership's."""
    (tmp_path / "depots.csv").write_text(
        "N° dossier,Acronyme,Programme,Dépôt,Rôle,Établissement,Dispositif d'appui,Appui assuré par,Statut\n"
        "CE-01,NEONEO,ERC,21/03/2021,Coordinateur,AMU,Convention CPP-IT,CPP + IT,Financé\n"
        "CE-02,ONCOMED,ERC,25/02/2021,Coordinateur,AMU,PCN Santé,—,Non retenu\n"
        "CE-03,CIRCSARC,ERC,20/05/2021,Coordinateur,Inserm,Convention CPP-IT,IT,Non retenu\n", encoding="utf-8")
    proposals = ingest(tmp_path).tables["eu_proposals"]
    assert dict(zip(proposals["proposal_id"], proposals["supported_by"], strict=True)) == {"CE-01": "both",
                                                                                          "CE-03": "it"}
