"""Institution names as people write them -> codes; unknown names -> OTHER, remembered for the report."""

from __future__ import annotations

import pytest

from partnership_metrics.errors import FatalInputError
from partnership_metrics.ingest.institutions import make_resolver


@pytest.mark.parametrize("name, code", [
    ("amU - Aix-Marseille Université", "AMU"),
    ("Aix Marseille Univ.", "AMU"),
    ("Université d'Aix-Marseille", "AMU"),
    ("Aix-Marseille université", "AMU"),
    ("UniCA", "UCA"),
    ("Univ. Côte d'Azur", "UCA"),
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
])
def test_known_spellings(name, code):
    assert make_resolver().resolve(name) == code


def test_unknown_names_become_other_and_are_listed():
    resolver = make_resolver()
    assert resolver.resolve("Université Paris Cité") == "OTHER"
    assert resolver.resolve("Université Paris Cité") == "OTHER"
    assert resolver.resolve(None) is None and resolver.resolve("  ") is None
    assert resolver.unknown == {"Université Paris Cité": 2}


def test_user_aliases_extend_the_table(tmp_path):
    aliases = tmp_path / "institution_aliases.csv"
    aliases.write_text("alias,code,reason\nCRCM,IPC,hosted by the Institut Paoli-Calmettes\n", encoding="utf-8")
    assert make_resolver(aliases).resolve("CRCM") == "IPC"
    aliases.write_text("alias,code,reason\nCRCM,XYZ,typo\n", encoding="utf-8")
    with pytest.raises(FatalInputError, match="line 2: unknown institution code 'XYZ'"):
        make_resolver(aliases)
    aliases.write_text("CRCM,IPC,hosted by the IPC\n", encoding="utf-8")  # no header line: refused, not ignored
    with pytest.raises(FatalInputError, match="header line 'alias,code,reason'"):
        make_resolver(aliases)
