"""Header words cut short with a dot are spelt out from the header vocabulary, only when they begin one family of
words (cut_words.py)."""

from __future__ import annotations

from partnership_metrics.ingest.cut_words import CutWords

WORDS = ["date", "detection", "detection", "detecte", "financement", "financeur", "priorite", "prioritaire",
         "priorite"]


def test_a_cut_word_of_one_family_is_spelt_out():
    cut = CutWords(WORDS)
    assert cut.spelt_out("Date dét.", ("date", "det")) == ("date", "detection")  # the family's most used word
    assert cut.spelt_out("Dépôt prio.", ("depot", "prio")) == ("depot", "priorite")


def test_a_cut_word_of_several_families_or_without_its_dot_stays():
    cut = CutWords(WORDS)
    assert cut.spelt_out("Financ. (k€)", ("financ",)) == ("financ",)  # financement or financeur: not said
    assert cut.spelt_out("Date det", ("date", "det")) == ("date", "det")  # no dot: a word of its own
    assert cut.spelt_out("Date de.", ("date", "de")) == ("date", "de")  # under three letters


def test_recognition_reads_a_cut_header():
    from partnership_metrics.ingest.recognition import Recogniser
    from partnership_metrics.ingest.vocabulary import load_vocabulary

    recogniser = Recogniser(load_vocabulary(None))
    assert recogniser.cell_candidates("projects", "Date dét.")[0][0] == "detection_date"


def test_a_word_written_without_some_of_its_letters_is_the_one_word_it_contracts():
    cut = CutWords(["montant", "etablissement", "provenance", "financeurs", "creation"])
    assert cut.spelt_out("Montnt (keur)", ("montnt",)) == ("montant",)
    assert cut.spelt_out("Etablissemt", ("etablissemt",)) == ("etablissement",)
    assert cut.spelt_out("Date créat°", ("date", "creat")) == ("date", "creation")  # "°" for "-ion"


def test_a_word_of_its_own_is_no_contraction():
    """Ending in a vowel or a plural's "s", or short, a word is one of its own: "Provence" is no provenance."""
    cut = CutWords(["provenance", "financeurs", "launch", "course"])
    words = ("provence", "finances", "lunch", "corse")
    assert cut.spelt_out("Provence finances lunch corse", words) == words


def test_recognition_reads_headers_typed_in_a_hurry():
    from partnership_metrics.ingest.recognition import Recogniser
    from partnership_metrics.ingest.vocabulary import load_vocabulary

    recogniser = Recogniser(load_vocabulary(None))
    assert recogniser.cell_candidates("funding", "Montnt (keur)")[0][0] == "amount_eur"
    assert recogniser.cell_candidates("projects", "Etablissemt")[0][0] == "lead_institution"
    assert recogniser.cell_candidates("startups", "Date créat°")[0][0] == "creation_date"
