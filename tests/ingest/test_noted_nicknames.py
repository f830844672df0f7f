"""A folder's note of the institutions' nicknames (noted_nicknames.py): "la Fac = Aix-Marseille Université" makes "la
Fac" AMU for the run; a line naming funders, a statement naming two institutions or none, gives nothing."""

from __future__ import annotations

import csv

from partnership_metrics.ingest.ingestion import ingest
from partnership_metrics.ingest.institutions import make_resolver
from partnership_metrics.ingest.noted_nicknames import noted_nicknames
from partnership_metrics.ingest.reading import RawSheet

NOTE = ("Institution nicknames: la Fac = Aix-Marseille Université (AMU); la Timone / l'AP = AP-HM; "
        "Pasteur = Hôpital Pasteur = CHU de Nice (not Institut Pasteur); Curie, Gustave Roussy are OTHER")


def _nicknames(vocabulary, *lines):
    sheet = RawSheet("note.csv", None, [["note"], *([line] for line in lines)])
    return noted_nicknames([sheet], make_resolver(vocabulary), vocabulary.words.nickname_note_words)


def test_each_nickname_is_the_institution_its_statement_names(vocabulary):
    assert _nicknames(vocabulary, NOTE) == {"la Fac": "AMU", "l'AP": "APHM", "Pasteur": "CHUNICE"}


def test_a_line_naming_no_institution_or_two_in_one_statement_gives_nothing(vocabulary):
    assert _nicknames(vocabulary, "Funder nicknames: IT = Inserm Transfert; Matu = maturation") == {}
    assert _nicknames(vocabulary, "Établissements : le site = AMU = UCA") == {}
    assert _nicknames(vocabulary, "Établissements : Gustave = Gustave Roussy") == {}  # no partner: OTHER stays
    assert _nicknames(vocabulary, "=COUNTIF(Établissements!A:A; \"AMU\")") == {}  # a formula, no note


def test_a_folders_note_names_the_institutions_of_its_sheets(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    with open(raw / "read_me.csv", "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([["section", "note"], ["1", NOTE]])
    with open(raw / "projets.csv", "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([
            ["Réf.", "Intitulé", "Établissement", "Origine", "Suivi par", "Date de détection"],
            ["V18-01", "Sonde d'imagerie peropératoire", "la Fac", "AAP CPP", "CPP", "14/01/2018"],
            ["V18-02", "Test compagnon PSMA", "Pasteur", "Détection IT", "IT", "22/02/2018"],
            ["V18-03", "Peptide pénétrant", "l'AP", "Détection IT", "IT", "08/04/2018"],
            ["V18-04", "Organoïdes tumoraux", "Curie", "AAP CPP", "CPP", "05/05/2018"]])
    result = ingest(raw)
    projects = result.tables["projects"].set_index("project_id")
    assert projects["lead_institution"].to_dict() == {"V18-01": "AMU", "V18-02": "CHUNICE", "V18-03": "APHM",
                                                      "V18-04": "OTHER"}
    assert any("'la Fac' = AMU" in w for w in result.warnings)
