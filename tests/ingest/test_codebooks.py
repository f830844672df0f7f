"""A survey tool's export of coded answers beside its codebook sheet: each coded answer is read as its label, "Other"
as the text typed for it, numbered answers (a score) as numbers; the codebook itself is no table."""

from __future__ import annotations

from pathlib import Path

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.codebooks import with_codebooks
from partnership_metrics.ingest.ingestion import ingest
from partnership_metrics.ingest.reading import RawSheet

RESULTS = [["id", "submitdate", "EVT", "NOM", "PRENOM", "ORGANISME", "ORGANISME[other]", "LABO", "NOTE"],
           [1, "2022-03-04 10:00:00", "Q1", "Martin", "Julie", "Q2", None, "U1068", 4],
           [2, "2022-03-04 10:05:00", "Q1", "Roux", "Paul", "-oth-", "Institut Curie", "U932", 5],
           [3, "2022-06-09 17:00:00", "Q2", "Petit", "Léa", "Q1", None, "UMR7258", 3]]
CODEBOOK = [["Dictionnaire des codes"], [],
            ["Variable", "Type", "Question", "Modalité", "Libellé"],
            ["EVT", "Liste", "Quelle action ?"],
            [None, None, None, "Q1", "EV-22-01 Atelier brevets"],
            [None, None, None, "Q2", "EV-22-02 Webinaire ERC"],
            ["ORGANISME", "Liste avec autre", "Votre organisme"],
            [None, None, None, "Q1", "Aix-Marseille Université"],
            [None, None, None, "Q2", "Université Côte d'Azur"],
            [None, None, None, "-oth-", "Autre"],
            ["NOTE", "Échelle", "Votre satisfaction"],
            [None, None, None, "1", "Pas satisfait"], [None, None, None, "5", "Très satisfait"]]


def test_coded_answers_are_read_with_their_labels():
    results, book = with_codebooks([RawSheet("s.xlsx", "results", RESULTS), RawSheet("s.xlsx", "codes", CODEBOOK)])
    assert [r[2] for r in results.rows[1:]] == ["EV-22-01 Atelier brevets"] * 2 + ["EV-22-02 Webinaire ERC"]
    assert [r[5] for r in results.rows[1:]] == ["Université Côte d'Azur", "Institut Curie", "Aix-Marseille Université"]
    assert [r[8] for r in results.rows[1:]] == [4, 5, 3]  # a score keeps its number
    assert book.kind == "codebook" and results.rows[0] == RESULTS[0]


def test_a_survey_export_gives_the_attendance(tmp_path: Path):
    events = [["Réf.", "Intitulé", "Date", "Type", "Organisateur", "Participants"],
              ["EV-22-01", "Atelier brevets", "04/03/2022", "Atelier", "CPP", 2],
              ["EV-22-02", "Webinaire ERC", "09/06/2022", "Webinaire", "IT", 1]]
    write_workbook(tmp_path / "raw" / "actions.xlsx", {"Actions": events})
    write_workbook(tmp_path / "raw" / "enquete.xlsx", {"results": RESULTS, "codes": CODEBOOK})
    result = ingest(tmp_path / "raw")
    attendance = result.tables["event_attendance"]
    assert sorted(attendance["event_id"]) == ["EV-22-01", "EV-22-01", "EV-22-02"]
    assert sorted(attendance["institution"].astype(str)) == ["AMU", "OTHER", "UCA"]  # Institut Curie: another one
    assert not result.problems
    codes = next(s for s in result.sheets if s.sheet == "codes")
    assert codes.table is None and "codebook" in codes.note


def test_a_list_sheet_is_no_codebook_for_values_it_does_not_code():
    data = [["Réf.", "Statut"], ["P-1", "En cours"], ["P-2", "Clos"]]
    lists = [["Statut"], [None, "A", "En cours"], [None, "B", "Clos"]]  # the statuses are written in full in the data
    sheets = [RawSheet("f.xlsx", "Projets", data), RawSheet("f.xlsx", "Listes", lists)]
    assert with_codebooks(sheets) == sheets


def test_an_other_answer_is_the_text_typed_beside_it_in_an_export_of_labels(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "events.csv").write_text(
        "Réf.;Date;Intitulé;Type;Organisateur;Participants\nEV21-01;12/03/2021;Atelier PI;Atelier;CPP;3\n",
        encoding="utf-8")
    (raw / "LimeSurvey_emargement.csv").write_text(
        '"id","submitdate","evt","nom","prenom","email","etab","etab[other]"\n'
        '"101","2021-03-12 10:06","EV21-01","MARTIN","Léa","lea.martin@amu.example.fr","Aix-Marseille Université",""\n'
        '"102","2021-03-12 10:08","EV21-01","KLEIN","Paul","paul.klein@ext.example.com","Autre","Biotech Luminy"\n'
        '"103","2021-03-12 10:09","EV21-01","ROUX","Inès","ines.roux@ipc.example.fr","Autre","Paoli Calmettes"\n',
        encoding="utf-8")
    attendance = ingest(raw).tables["event_attendance"]
    assert sorted(attendance["institution"].astype(str)) == ["AMU", "IPC", "OTHER"]
