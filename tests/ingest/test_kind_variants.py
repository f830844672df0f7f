"""The ways one register writes one kind of record (kind_variants.py)."""

from __future__ import annotations

from partnership_metrics.ingest.kind_variants import same_kinds, with_unnamed_joined


def test_labels_of_one_kind_are_merged_under_the_one_written_most():
    written = {"Financement": [1, 2, 3], "Fin.": [4], "projet": [5], "Projet": [6, 7], "Start-up": [8],
               "Startup": [9, 10], "Levée": [11, 12], "Levée de fonds": [13], "Événement": [14], "Evènement": [15, 16]}
    kinds, kind_of = same_kinds(written, None)
    assert kinds == {"Financement": [1, 2, 3, 4], "Projet": [5, 6, 7], "Startup": [8, 9, 10],
                     "Levée": [11, 12, 13], "Evènement": [14, 15, 16]}
    assert kind_of["Fin."] == "Financement" and kind_of["projet"] == "Projet"


def test_the_legend_s_list_of_kinds_names_the_labels_of_one_kind_together():
    written = {"Prop. UE": [1, 2], "Dépôt UE": [3], "Projet": [4], "Événement": [5]}
    statement = "Projet | Événement | Prop. UE / Dépôt UE (proposition européenne)"
    kinds, _ = same_kinds(written, statement)
    assert kinds == {"Prop. UE": [1, 2, 3], "Projet": [4], "Événement": [5]}


def test_distinct_kinds_stay_apart():
    """Neither an abbreviation of two labels ("F." for "Financement" and "Formation") nor a list written with
    slashes between its kinds (one item naming every kind) merges anything."""
    written = {"Financement": [1], "Formation": [2], "F.": [3], "Projet": [4]}
    assert same_kinds(written, "Projet / Financement / Formation")[0] == written


def test_a_label_the_legend_says_nothing_of_joins_the_one_kind_sharing_a_word():
    kinds = {"Prop. UE": [1], "Dépôt UE": [4], "Projet": [2], "Sous-total": [3]}
    assert with_unnamed_joined(kinds, ["Prop. UE", "Projet"]) == {"Prop. UE": [1, 4], "Projet": [2],
                                                                    "Sous-total": [3]}
