"""Labels as people write them, read as the codes of a column: a label after "avant" names what had not happened."""

from __future__ import annotations

import pytest

from partnership_metrics.ingest.codebook import make_codebook


@pytest.fixture(scope="module")
def codebook(vocabulary):
    return make_codebook(vocabulary)


@pytest.mark.parametrize(("text", "code"), [
    ("Retiré avant évaluation", "withdrawn"), ("Withdrawn before evaluation", "withdrawn"),
    ("En cours d'évaluation", "pending"), ("Retiré", "withdrawn")])
def test_a_label_after_avant_is_what_had_not_happened(codebook, text, code):
    assert codebook.lookup("eu_proposals", "status", text) == code
