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
