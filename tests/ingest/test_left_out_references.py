"""A project named by a column the sheet's table left out (left_out_references.py): a ledger's cost centre named
after the project, a funder's description of the grant naming it."""

from __future__ import annotations

import datetime as dt

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest
from partnership_metrics.ingest.left_out_references import named_in

PROJECTS = [["Réf. projet", "Titre du projet", "Établissement porteur", "Origine", "Accompagné par",
             "Date de détection"],
            ["PV20-02", "Sonde A", "AMU", "AAP CPP", "CPP", dt.date(2020, 3, 2)],
            ["PV20-07", "Sonde B", "UCA", "AAP CPP", "CPP", dt.date(2020, 4, 2)],
            ["ONC21-02", "Sonde C", "IPC", "Détection IT", "IT", dt.date(2021, 1, 5)]]


def _ledger(centres: list[str], project_column: bool = False) -> str:
    head = "N° pièce;Date pièce;Centre de coûts;" + ("Projet;" if project_column else "") + \
        "Libellé fonds;Type financement;Montant\n"
    lines = [f"45001012{k:02d};0{k + 1}.02.2021;{c};" + ("PV20-02;" if project_column else "") +
             f"Inserm Transfert SA;MATURATION;{10 * (k + 1)}.000,00\n" for k, c in enumerate(centres)]
    return head + "".join(lines)


def test_a_cost_centre_named_after_each_project_is_the_line_s_project(tmp_path):
    write_workbook(tmp_path / "projets.xlsx", {"Projets": PROJECTS})
    (tmp_path / "SIFAC_engagements.csv").write_text(
        _ledger(["PV20-02", "PV20-07", "ONC21-02", "ONCO-HORS-PROJET"]), encoding="utf-8")
    result = ingest(tmp_path)
    funding = result.tables["funding"].set_index("funding_id")
    assert funding["project_id"].to_dict() == {"4500101200": "PV20-02", "4500101201": "PV20-07",
                                               "4500101202": "ONC21-02", "4500101203": None}
    assert "__left_out__" not in result.tables["funding"].columns


def test_a_cost_centre_beside_the_project_column_is_left_alone(tmp_path):
    """A column of organisational codes beside the project's own column: the project column says the project."""
    write_workbook(tmp_path / "projets.xlsx", {"Projets": PROJECTS})
    (tmp_path / "SIFAC_engagements.csv").write_text(_ledger(["PV20-07", "ONC21-02"], project_column=True),
                                                   encoding="utf-8")
    funding = ingest(tmp_path).tables["funding"]
    assert list(funding["project_id"]) == ["PV20-02", "PV20-02"]


def test_codes_that_are_not_the_folder_s_projects_name_no_project(tmp_path):
    write_workbook(tmp_path / "projets.xlsx", {"Projets": PROJECTS})
    (tmp_path / "SIFAC_engagements.csv").write_text(_ledger(["CC1204", "CC1207", "CC1204"]), encoding="utf-8")
    funding = ingest(tmp_path).tables["funding"]
    assert funding["project_id"].isna().all()


ACRONYMS = [["Réf. projet", "Acronyme", "Titre du projet", "Établissement porteur", "Origine", "Accompagné par",
             "Date de détection"],
            ["PV20-02", "TUMORSCAN", "Imagerie des tumeurs", "AMU", "AAP CPP", "CPP", dt.date(2020, 3, 2)],
            ["PV20-07", "ALPHARAD", "Radiothérapie alpha", "UCA", "AAP CPP", "CPP", dt.date(2020, 4, 2)],
            ["ONC21-02", "HISTO-AI", "Histologie assistée", "IPC", "Détection IT", "IT", dt.date(2021, 1, 5)]]


def _export(objects: list[str]) -> list[list]:
    """A regional council's export of its grants: no project column, the project told in the grant's "Objet"."""
    return [["Numéro de dossier", "Dispositif", "Bénéficiaire", "Objet de la demande", "Montant voté (€)",
             "Date de vote", "Financeur"]] + [[f"EX0156{k:02d}", "Maturation", "AMU", text, 50000 + k,
                                               dt.date(2021, 6, 1 + k), "Région Sud"] for k, text in enumerate(objects)]


def test_a_grant_s_description_naming_a_project_ties_the_line_to_it(tmp_path):
    write_workbook(tmp_path / "projets.xlsx", {"Projets": ACRONYMS})
    write_workbook(tmp_path / "Region_export.xlsx", {"Dossiers": _export([
        "Aide à l'émergence du projet « TUMORSCAN »",
        "Programme de maturation du projet ALPHARAD : radiothérapie alpha",
        "Soutien à la maturation technologique – projet “HISTO-AI” (UMR7258)",
        "Programme d'animation du réseau 2021 (journées, formations)",
        "Aide à l'émergence du projet « NOTOURS »"])})
    funding = ingest(tmp_path).tables["funding"].set_index("funding_id")["project_id"].to_dict()
    assert funding == {"EX015600": "PV20-02", "EX015601": "PV20-07", "EX015602": "ONC21-02", "EX015603": None,
                       "EX015604": None}  # no project named, or one of no project of the folder


def test_descriptions_that_rarely_name_a_project_tie_no_line(tmp_path):
    """One quoted name among notes is no column of project names: the line stays without a project."""
    write_workbook(tmp_path / "projets.xlsx", {"Projets": ACRONYMS})
    write_workbook(tmp_path / "Region_export.xlsx", {"Dossiers": _export([
        "Aide à l'émergence du projet « TUMORSCAN »", "Programme d'animation 2021", "Fonctionnement du réseau",
        "Journées scientifiques"])})
    assert ingest(tmp_path).tables["funding"]["project_id"].isna().all()


def test_the_name_a_text_gives_between_quotes_or_after_the_project_word():
    words = frozenset({"projet", "project"})
    assert named_in("Aide à l'émergence du projet « TUMORSCAN »", words) == "TUMORSCAN"
    assert named_in("Maturation of project CTC-CHIP – liquid biopsy", words) == "CTC-CHIP"
    assert named_in('Soutien au "PHOTOKILL" (UMR7051)', words) == "PHOTOKILL"
    assert named_in("Programme de maturation du projet de l'équipe", words) is None  # no name: a lower-case word
    assert named_in("Subvention de fonctionnement 2022", words) is None


EVENTS = [["Réf. action", "Date de l'action", "Intitulé", "Format", "Organisé par", "Nombre de participants"],
          ["EV22-02", dt.date(2022, 3, 30), "Café création d'entreprise 2022", "Sensibilisation", "CPP", 3],
          ["EV22-07", dt.date(2022, 11, 26), "Café création d'entreprise 2022", "Sensibilisation", "CPP", 2]]


def test_an_internal_reference_beside_an_event_title_held_twice_names_the_event(tmp_path):
    """A ticketing export names the event by its title, held twice a year; its "Réf. interne" names which."""
    write_workbook(tmp_path / "actions.xlsx", {"Actions": EVENTS})
    lines = ["Événement;Réf. interne;Nom;Prénom;E-mail;Établissement"]
    people = [("EV22-02", "Durand", "Anne"), ("EV22-02", "Petit", "Paul"), ("EV22-02", "Roux", "Léa"),
              ("EV22-07", "Blanc", "Marc"), ("EV22-07", "Noir", "Eve")]
    lines += [f"Café création d'entreprise 2022;{ref};{last};{first};{first.lower()}.{last.lower()}@amu.example.fr;AMU"
              for ref, last, first in people]
    (tmp_path / "billetterie.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = ingest(tmp_path)
    attendance = result.tables["event_attendance"]
    assert attendance["event_id"].value_counts().to_dict() == {"EV22-02": 3, "EV22-07": 2}
    assert "__left_out__" not in attendance.columns


def test_a_left_out_reference_names_the_event_of_a_list_read_by_its_titles(tmp_path):
    """A webinar platform's export names each line's session by its title, one of them the title of an event of
    another year too; its own key (a header no vocabulary knows) holds the events' ids and says which."""
    events = [*EVENTS, ["WB23-01", dt.date(2023, 10, 5), "Café création d'entreprise 2022", "Webinaire", "IT", 2]]
    write_workbook(tmp_path / "actions.xlsx", {"Actions": events})
    lines = ["Webinar key,Webinar title,Session date,First name,Last name,Email,Organization"]
    people = [("EV22-02", "2022-03-30", "Anne", "Durand"), ("EV22-02", "2022-03-30", "Paul", "Petit"),
              ("WB23-01", "2023-10-05", "Léa", "Roux"), ("WB23-01", "2023-10-05", "Marc", "Blanc")]
    lines += [f"{ref},Café création d'entreprise 2022,{day},{first},{last},{first.lower()}@amu.example.fr,AMU"
              for ref, day, first, last in people]
    (tmp_path / "webinar_participants_export.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = ingest(tmp_path)
    attendance = result.tables["event_attendance"]
    assert attendance["event_id"].value_counts().to_dict() == {"EV22-02": 2, "WB23-01": 2}
    assert result.problems == []
    assert "__left_out__" not in attendance.columns
