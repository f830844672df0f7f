"""A status kept as its history in one cell (status_logs.py): its last status, and the date of the evaluation's
outcome as the result date."""

from __future__ import annotations

import pandas as pd
from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest

OLD = ("Proposal ref;Acronym;Programme;Coordinator?;Applicant organisation;Support;Submitted;"
       "Budget requested (EUR);Status log\n"
       "APP-1;CARMEL;H2020 - MSCA;N;Aix-Marseille Université;IT;30 Mar 2018;826,750.00;"
       "30 Mar 2018: Submitted > 06 Oct 2018: Evaluation result - rejected\n"
       "APP-2;PANCNANO;ERC;N;Inserm;CPP;02 Jul 2018;485,250.00;02 Jul 2018: Submitted > 13 Dec 2018: Evaluation "
       "result - main list, invited to grant preparation > 23 Mar 2019: Grant agreement signed\n"
       "APP-3;AZUR;H2020 - MSCA;Y;Centre Antoine Lacassagne;IT;18 Oct 2018;391,500.00;"
       "18 Oct 2018: Submitted > 02 Nov 2018: Withdrawn by applicant\n"
       "APP-4;LATE;ERC;N;Inserm;CPP;19 Sep 2023;1,000,000.00;19 Sep 2023: Submitted\n")
NEW = ("Application ID;Programme;Role;Lead institution;Supported by;Submission date;Requested (EUR);Status history\n"
       "APP-5;EIC;Partner;UCA;CPP;2021-03-19;2,798,375.00;2021-03-19 SUBMITTED | 2021-07-10 EVALUATED - above "
       "threshold, MAIN LIST | 2021-10-04 GA SIGNED\n"
       "APP-6;ERC;Partner;CAL;CPP;2021-05-06;1,891,250.00;2021-05-06 SUBMITTED | 2021-09-04 EVALUATED - below "
       "threshold - NOT FUNDED\n")


def test_a_status_history_gives_the_last_status_and_the_outcome_s_date(tmp_path):
    (tmp_path / "grants_2018.csv").write_text(OLD, encoding="utf-8-sig")
    (tmp_path / "grants_2021.csv").write_text(NEW, encoding="utf-8-sig")
    result = ingest(tmp_path)
    eu = result.tables["eu_proposals"].set_index("proposal_id")
    assert eu["status"].astype(str).to_dict() == {"APP-1": "not_funded", "APP-2": "funded", "APP-3": "withdrawn",
                                                  "APP-4": "pending", "APP-5": "funded", "APP-6": "not_funded"}
    days = {k: None if pd.isna(v) else str(v)[:10] for k, v in eu["result_date"].items()}
    assert days == {"APP-1": "2018-10-06", "APP-2": "2018-12-13", "APP-3": None, "APP-4": None,
                    "APP-5": "2021-07-10", "APP-6": "2021-09-04"}  # the evaluation's, not the grant's signature
    assert not result.problems and not result.cell_problems


def test_a_plain_status_column_is_read_as_before(tmp_path):
    (tmp_path / "grants.csv").write_text(
        "Proposal ref;Programme;Role;Institution;Support;Submitted;Status;Result date\n"
        "APP-1;ERC;Partner;AMU;IT;2021-03-30;Rejected;2021-10-06\n"
        "APP-2;ERC;Partner;AMU;IT;2021-04-30;Funded;2021-11-06\n", encoding="utf-8")
    eu = ingest(tmp_path).tables["eu_proposals"].set_index("proposal_id")
    assert eu["status"].astype(str).to_dict() == {"APP-1": "not_funded", "APP-2": "funded"}
    assert [str(d)[:10] for d in eu["result_date"]] == ["2021-10-06", "2021-11-06"]


HEADER = ["Réf.", "Acronyme", "Programme", "Date de dépôt", "Rôle équipe", "Établissement", "Appui",
          "Montant demandé (EUR)", "Historique du statut"]


def test_the_last_step_of_a_history_is_the_status_and_its_date_the_result(tmp_path):
    """"soumis 06/2021 → liste de réserve 08/2021 → financé 10/2021": funded, known in October 2021; a withdrawal
    or a step still pending has no result date; a blank filing date is the "soumis" step's."""
    rows = [["Suivi des dépôts européens"], [], HEADER,
            ["EU-21-01", "BIOSEIN", "Mission Cancer", "2021.11.02", "partner", "UCA", "CPP + IT", "1'340'000.00",
             "soumis 11/2021 → non financé 04/2022"],
            ["EU-21-03", "SCANLYM", "Mission Cancer", None, "coord.", "IPC", "CPP", "1'875'000.00",
             "soumis 06/2021 → liste de réserve 08/2021 → financé 10/2021"],
            ["EU-21-06", "PROSPAN", "ERC PoC", "2021.06.27", "coordinateur", "AMU", "CPP", "150'000.00",
             "soumis 06/2021 → retiré"],
            ["EU-23-01", "NKPEP", "MSCA PF", "2023.09.14", "coordinateur", "AMU", "IT", "205'000.00", "soumis 09/2023"]]
    write_workbook(tmp_path / "raw" / "europe.xlsx", {"Propositions": rows})
    result = ingest(tmp_path / "raw")
    proposals = result.tables["eu_proposals"].set_index("proposal_id")
    assert dict(proposals["status"].astype(str)) == {"EU-21-01": "not_funded", "EU-21-03": "funded",
                                                     "EU-21-06": "withdrawn", "EU-23-01": "pending"}
    assert [str(d)[:10] if d == d else None for d in proposals["result_date"]] == [
        "2022-04-01", "2021-10-01", None, None]
    assert str(proposals.loc["EU-21-03", "submission_date"])[:10] == "2021-06-01"
    assert str(proposals.loc["EU-21-03", "submission_date_precision"]) == "month"
    assert not result.problems


TRACKER = [["ID", "Acronyme", "Programme", "Date de dépôt", "Rôle équipe", "Établissement", "Appui", "Statut (MAJ)",
            "Date résultat"],
           ["EU-21-01", "PEPTPRO", "EU4Health", "05/08/2021", "Partenaire", "Inserm", "IT",
            "soumis le 05/08 ; retiré (consortium dissous)", None],
           ["EU-21-02", "KINABOOST", "EIC", "24/04/2021", "Coordinateur", "AP-HM", "CPP",
            "soumis le 24/04 ; 07/09 : rejeté (12/15, sous le seuil)", "07/09/2021"],
           ["EU-21-04", "ONCOMAP", "ERC", "10/03/2021", "Partenaire", "AMU", "CPP",
            "soumis le 10/03 – en attente ; sept. : financé !", "sept. 2021"],
           ["EU-23-06", "LIPOMAP", "MSCA", "29/01/2023", "Partenaire", "UCA", "IT", "soumis le 29/01 – en attente", None]]


def test_a_shared_tracker_s_status_updates_typed_without_their_year(tmp_path):
    """"date + news" typed in one cell at each step, the days without their year ("soumis le 24/04 ; 07/09 : rejeté
    (12/15, sous le seuil)"): the last status; the tracker's own result date stays."""
    write_workbook(tmp_path / "raw" / "tracker.xlsx", {"Suivi 2021-2023": TRACKER})
    result = ingest(tmp_path / "raw")
    eu = result.tables["eu_proposals"].set_index("proposal_id")
    assert eu["status"].astype(str).to_dict() == {"EU-21-01": "withdrawn", "EU-21-02": "not_funded",
                                                  "EU-21-04": "funded", "EU-23-06": "pending"}
    assert str(eu.loc["EU-21-02", "result_date"])[:10] == "2021-09-07" and not result.problems
