"""Institution names as people write them -> codes; unknown names -> OTHER, remembered for the report."""

from __future__ import annotations

import pytest

from partnership_metrics.errors import FatalInputError
from partnership_metrics.ingest.institutions import make_resolver
from partnership_metrics.ingest.vocabulary import load_vocabulary


@pytest.mark.parametrize("name, code", [
    ("amU - Aix-Marseille Université", "AMU"),
    ("Aix Marseille Univ.", "AMU"),
    ("Université d'Aix-Marseille", "AMU"),
    ("Aix-Marseille université", "AMU"),
    ("UniCA", "UCA"),
    ("Univ. Côte d'Azur", "UCA"),
    ("Uni Cote d'Azur", "UCA"),  # "Uni", the English speaker's short for university
    ("Assistance Publique Marseille", "APHM"),
    ("Université Côte d'Azur", "UCA"),
    ("AP-HM", "APHM"),
    ("Hôpital de la Timone", "APHM"),
    ("CHU de Nice", "CHUNICE"),
    ("Paoli-Calmettes", "IPC"),
    ("Institut Paoli-Calmettes (Marseille)", "IPC"),
    ("Centre Antoine-Lacassagne", "CAL"),
    ("C.N.R.S.", "CNRS"),
    ("Inserm U1068", "INSERM"),
    ("INSERM", "INSERM"),
    ("CHU Pasteur", "CHUNICE"),  # a site of the CHU de Nice, its name with "CHU"
    ("Institut Pasteur", "OTHER"),  # (guard) Paris's institute, no site of Nice's hospital
])
def test_known_spellings(vocabulary, name, code):
    assert make_resolver(vocabulary).resolve(name) == code


def test_unknown_names_become_other_and_are_listed(vocabulary):
    resolver = make_resolver(vocabulary)
    assert resolver.resolve("Université Paris Cité") == "OTHER"
    assert resolver.resolve("Université Paris Cité") == "OTHER"
    assert resolver.resolve(None) is None and resolver.resolve("  ") is None
    assert resolver.unknown == {"Université Paris Cité": 2}


def test_user_aliases_extend_the_table(tmp_path):
    """The user's institution_aliases.csv in the reference folder, read into the vocabulary of the run."""
    aliases = tmp_path / "institution_aliases.csv"
    assert make_resolver(load_vocabulary(tmp_path)).resolve("CRCM") == "OTHER"
    aliases.write_text("alias,code,reason\nCRCM,IPC,hosted by the Institut Paoli-Calmettes\n", encoding="utf-8")
    assert make_resolver(load_vocabulary(tmp_path)).resolve("CRCM") == "IPC"
    aliases.write_text("alias,code,reason\nCRCM,XYZ,typo\n", encoding="utf-8")
    with pytest.raises(FatalInputError, match="line 2: unknown institution code 'XYZ'"):
        load_vocabulary(tmp_path)
    aliases.write_text("CRCM,IPC,hosted by the IPC\n", encoding="utf-8")  # no header line: refused, not ignored
    with pytest.raises(FatalInputError, match="header line 'alias,code,reason'"):
        load_vocabulary(tmp_path)
    aliases.write_bytes("alias,code,reason\nUniversité,AMU,x\n".encode("cp1252"))
    with pytest.raises(FatalInputError, match="not UTF-8"):
        load_vocabulary(tmp_path)
