"""A table converted from a PDF: a title wrapped onto a line of its own is the end of the title above it."""

from __future__ import annotations

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest

HEADER = ["Réf.", "Intitulé du projet", "Établissement", "Origine", "Suivi", "Détection"]


def test_a_title_wrapped_onto_its_own_line_is_joined_to_it(tmp_path):
    rows = [["Bilan 2018-2020 – page 2/7"], HEADER,
            ["OP-19-01", "Algorithme d'IA du lymphome", "CHU Nice", "Conjoint", "CPP + IT", "06/10/2019"],
            [None, "B diffus"],
            ["OP-19-02", "Cellules CAR-T pour la leucémie aiguë myéloïde", "IPC", "AAP CPP", "CPP", "janvier 2019"],
            ["OP-19-04", "Anticorps bispécifique", "AMU", "Détection IT", "IT", "21/04/2019"]]
    write_workbook(tmp_path / "raw" / "bilan.xlsx", {"Table 2": rows})
    result = ingest(tmp_path / "raw")
    projects = result.tables["projects"].set_index("project_id")
    assert projects.loc["OP-19-01", "title"] == "Algorithme d'IA du lymphome B diffus"
    assert list(projects.index) == ["OP-19-01", "OP-19-02", "OP-19-04"] and not result.problems
    assert any(d.reason.startswith("the end of the text above") for d in result.dropped)


def test_a_long_line_alone_is_a_note_not_a_wrapped_title(tmp_path):
    rows = [HEADER, ["OP-19-01", "Algorithme d'IA", "CHU Nice", "Conjoint", "CPP + IT", "06/10/2019"],
            [None, "Projet repris dans le portefeuille de la convention 2021-2023 après revue du comité"],
            ["OP-19-02", "Cellules CAR-T", "IPC", "AAP CPP", "CPP", "janvier 2019"]]
    write_workbook(tmp_path / "raw" / "bilan.xlsx", {"Projets": rows})
    projects = ingest(tmp_path / "raw").tables["projects"].set_index("project_id")
    assert projects.loc["OP-19-01", "title"] == "Algorithme d'IA"


def test_a_section_title_under_a_project_is_no_wrapped_end(tmp_path):
    rows = [HEADER, ["OP-22-07", "Fibroblast-targeted radioligand", "AMU", "Conjoint", "CPP + IT", "24/07/2022"],
            [None, "2023 intake"],
            ["OP-23-01", "Glycan-targeting ADC", "AMU", "AAP CPP", "CPP", "27/04/2023"]]
    write_workbook(tmp_path / "raw" / "portfolio.xlsx", {"Portfolio": rows})
    projects = ingest(tmp_path / "raw").tables["projects"].set_index("project_id")
    assert projects.loc["OP-22-07", "title"] == "Fibroblast-targeted radioligand"


STARTUPS = ["Start-up", "SIREN", "Date de création", "Projet d'origine", "Établissement d'origine", "Statut",
            "Lauréat i-Lab", "Effectif"]


def test_a_record_split_at_a_hyphen_over_two_lines_is_one(tmp_path):
    """A PDF report's table copied into a sheet: "Nova Immuno-" and its SIREN, then "Oncology" and the rest."""
    rows = [["ARIS — Rapport d'activité 2023", None, None, None, None, None, None, "p. 22"], STARTUPS,
            ["Oncovia Therapeutics", "157 498 395", "août 2021", None, "CAL", "En activité", "Non", 1],
            ["Nova Immuno-", "702 260 241", "31/03/2022", None, None, None, None, None],
            ["Oncology", None, None, None, "Inserm", "En activité", "Non", 5],
            ["ARIS — Rapport d'activité 2023", None, None, None, None, None, None, "p. 23"],  # the next page's
            ["Phocéa Bio", "718 195 696", "13/08/2022", None, "AMU", "En activité", "Oui", 25]]
    write_workbook(tmp_path / "raw" / "rapport.xlsx", {"Tableau 7": rows})
    result = ingest(tmp_path / "raw")
    startups = result.tables["startups"].set_index("name")
    assert list(startups.index) == ["Oncovia Therapeutics", "Nova Immuno-Oncology", "Phocéa Bio"]
    assert startups.loc["Nova Immuno-Oncology", "siren"] == "702260241"
    assert startups.loc["Nova Immuno-Oncology", "employees"] == 5 and not result.problems
    assert any(d.reason.startswith("a page's header repeated") for d in result.dropped)


def test_two_records_whose_first_ends_with_a_hyphen_stay_two(tmp_path):
    """Lines that share a column besides the name are two records, whatever the name's last character."""
    rows = [STARTUPS, ["Bio-", "157 498 395", "août 2021", None, "CAL", "En activité", "Non", 1],
            ["Oncology", "702 260 241", "31/03/2022", None, "Inserm", "En activité", "Non", 5]]
    write_workbook(tmp_path / "raw" / "rapport.xlsx", {"Start-up": rows})
    assert sorted(ingest(tmp_path / "raw").tables["startups"]["name"]) == ["Bio-", "Oncology"]


def test_a_total_line_below_the_last_record_is_no_end_of_its_title(tmp_path):
    """"Total participants" alone under the titles is the table's total line, not the last title wrapped."""
    write_workbook(tmp_path / "evenements.xlsx", {"Événements": [
        ["Code", "Date", "Événement", "Type", "Organisateur", "Participants"],
        ["EV20-02", "28 mai 2020", "Webinaire EIC Accelerator", "Webinaire", "CPP", 60],
        ["EV20-03", "15 juin 2020", "Webinaire « Licences et start-up »", "Webinar", "CanceroPôle", 15],
        [None, None, "Total participants", None, None, None]]})
    events = ingest(tmp_path).tables["events"].set_index("event_id")
    assert events.loc["EV20-03", "title"] == "Webinaire « Licences et start-up »"


def test_the_rest_of_a_sentence_wrapped_onto_its_own_line_is_joined_whatever_its_length(tmp_path):
    """A line that starts in lower case (after a dash) is the rest of the text above, long or with a year."""
    rows = [HEADER, ["OP-19-01", "Microscope à feuille de lumière pour la leucémie aiguë", "CHU Nice", "Conjoint",
                     "CPP + IT", "06/10/2019"],
            [None, "myéloïde, avec validation sur une cohorte rétrospective multicentrique et étude médico-économique"],
            ["OP-19-02", "Colloque annuel valorisation", "IPC", "AAP CPP", "CPP", "janvier 2019"],
            [None, "– édition 2019"]]
    write_workbook(tmp_path / "raw" / "bilan.xlsx", {"Projets": rows})
    result = ingest(tmp_path / "raw")
    titles = dict(zip(result.tables["projects"]["project_id"], result.tables["projects"]["title"], strict=True))
    assert titles == {"OP-19-01": "Microscope à feuille de lumière pour la leucémie aiguë myéloïde, avec validation sur "
                                  "une cohorte rétrospective multicentrique et étude médico-économique",
                      "OP-19-02": "Colloque annuel valorisation – édition 2019"}
    assert not result.problems


def test_a_page_footer_beside_a_marking_is_no_row(tmp_path):
    """A PDF's page footer kept in the id column, "Confidentiel" at the right, then the marking alone: no rows."""
    rows = [HEADER, ["OP-19-01", "Algorithme d'IA", "CHU Nice", "Conjoint", "CPP + IT", "06/10/2019"],
            ["Rapport final 2021-2023 – page 21/48", None, None, None, None, "Confidentiel"],
            ["Confidentiel"],
            HEADER, ["OP-19-02", "Cellules CAR-T", "IPC", "AAP CPP", "CPP", "janvier 2019"]]
    write_workbook(tmp_path / "raw" / "bilan.xlsx", {"Projets": rows})
    result = ingest(tmp_path / "raw")
    assert list(result.tables["projects"]["project_id"]) == ["OP-19-01", "OP-19-02"]
    assert not result.problems


def test_a_converted_report_s_running_title_and_a_title_ending_after_a_place_in_brackets(tmp_path):
    """Each page starts again with the report's title lines ("CanceroPôle … | Rapport annuel 2023"): dropped, never
    read as records; "(Nice) - édition 2019" under a title is its end (a place in brackets, then the rest)."""
    title = ["CanceroPôle PACA — Inserm Transfert", None, None, "Rapport annuel 2023"]
    header = ["Réf.", "Date", "Intitulé", "Type", "Organisé par", "Participants"]
    rows = [title, ["Bilan des actions de formation 2018-2023"], [], header,
            ["EV19-04", "05/11/2019", "Atelier préparation pitch investisseurs", "Atelier", "CPP & IT", 12],
            [None, None, "(Nice) - édition 2019"],
            ["Page 1 / 2"], title, ["Bilan des actions de formation 2018-2023"], [], header,
            ["EV19-05", "08/12/2019", "Formation : valoriser ses résultats", "Formation", "Inserm Transfert", 26]]
    write_workbook(tmp_path / "raw" / "evenements.xlsx", {"Table 1": rows})
    result = ingest(tmp_path / "raw")
    events = result.tables["events"].set_index("event_id")
    assert list(events.index) == ["EV19-04", "EV19-05"] and not result.problems
    assert events.loc["EV19-04", "title"] == "Atelier préparation pitch investisseurs (Nice) - édition 2019"
    assert any(d.row == 8 and d.reason.startswith("a page's header") for d in result.dropped)


def test_a_title_closing_its_quote_and_a_topic_cut_at_a_hyphen_on_lines_of_their_own(tmp_path):
    """A report's table copied from its PDF: "(MDR) »" closes the title above (whatever its bracket), a call's topic
    cut after "2022-" ends on the next line, joined without a space; the page's number alone before the running
    title and the header repeated at the page break are no rows."""
    header = ["Réf.", "Date", "Intitulé de l'action", "Type", "Organisateur", "Nb participants"]
    events = [header, ["EV20-01", "23/03/2020", "Formation « Réglementation des dispositifs médicaux", "Formation",
                       "IT", 27],
              [None, None, "(MDR) »"],
              ["EV20-02", "05/07/2020", "Webinaire EIC", "Webinaire", "CPP", 22],
              [], [None, None, None, None, None, 18], ["Rapport d'activité 2020 — Partenariat CPP-IT"], [], header,
              ["EV20-03", "12/10/2020", "Atelier pitch", "Atelier", "CPP", 14]]
    europe = [["Réf.", "Acronyme", "Programme", "Appel (topic)", "Date de dépôt", "Rôle", "Établissement", "Appui",
               "Résultat"],
              ["EU-2022-01", "BIOTAR", "Horizon Europe", "HORIZON-HLTH-2022-", "21/01/2022", "Coordinateur", "CAL",
               "CPP", "Retiré"],
              [None, None, None, "TOOL-11-02"],
              ["EU-2022-02", "VAXPRO", "Horizon Europe", "HORIZON-HLTH-2022-TOOL-11-02", "03/04/2022", "Partenaire",
               "UniCA", "IT", "Non retenu"]]
    write_workbook(tmp_path / "raw" / "rapport_2020.xlsx", {
        "Tableau 6": [["Rapport d'activité 2020 — Partenariat CPP-IT"], [], *events], "Europe": europe})
    result = ingest(tmp_path / "raw")
    titles = result.tables["events"].set_index("event_id")["title"].to_dict()
    assert titles == {"EV20-01": "Formation « Réglementation des dispositifs médicaux (MDR) »",
                      "EV20-02": "Webinaire EIC", "EV20-03": "Atelier pitch"}
    calls = result.tables["eu_proposals"].set_index("proposal_id")["call_id"].to_dict()
    assert calls == {"EU-2022-01": "HORIZON-HLTH-2022-TOOL-11-02", "EU-2022-02": "HORIZON-HLTH-2022-TOOL-11-02"}
    assert not result.problems
    assert [d.row for d in result.dropped if d.reason == "page footer (a page's number)"] == [8]
