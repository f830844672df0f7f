"""Whole partner folders of independent testers that ingestion does not read completely yet (tests/fixtures/unseen/
README.md): what it reads must be exact and must not shrink. For each folder and table, the rows it misses or adds
and the values of rows read that differ from the tester's are at most those listed here (measured when the folder
was added, each with why; lower them as readers improve), and at least the listed KPI values and targets equal the
tester's."""

from __future__ import annotations

import math

import pytest
from test_tester_folders import _expected_row, _ingest, _key, _plain, _pseudonymiser  # tests/ingest, beside this file

from partnership_metrics import kpi_table, load

# folder -> (KPI values right, targets right, table -> (rows missing, rows added, values differing), each at most)
FLOORS = {
    # Teams attendance reports: the tester counts the meeting's organiser and presenter as attendees; ingestion
    # leaves them out (staff and speakers, as for Zoom's hosts and panelists), listed in the dropped rows
    "A61": (124, 42, {"event_attendance": (8, 0, 0)}),
    # a research-information system's export: the PI is the participant whose role says so ("participants[0].name"
    # beside "participants[0].role"), not read; "Sanofi" as a funder is 'other' here (the tester: private)
    "A62": (124, 73, {"projects": (0, 0, 55), "funding": (0, 0, 1)}),
    "A23": (120, 51, {"event_attendance": (68, 0, 0),  # a badge-scan log read through a legend of readers and days
                      # a technology of two domains ("Thérapeutique et diagnostic (théranostique)"): the tester
                      # empties it as unreadable, ingestion reads it as 'other' (listed in the ingestion report)
                      "projects": (0, 0, 1)}),
    "B23": (108, 96, {"startup_rounds": (10, 9, 0)}),  # Bpifrance aids and honour loans, a board pack's plans
    "C24": (120, 102, {}),
    # a finance ledger's commitments and invoices (funder told by the ledger's owner and cost centres) are not read;
    # SurveyMonkey's 2018-2020 tick-box columns of events are not read (baseline years only)
    "D24": (88, 107, {"funding": (102, 0, 0), "event_attendance": (112, 0, 13)}),
    # two homonyms at one event, one of them without an e-mail: quarantined as a conflicting duplicate
    "E25": (120, 103, {"event_attendance": (1, 0, 0)}),
    # the tester's generator wrote 32 500 € as "32 k€" in one cell (its expected line says 32 500 €): the line read
    # is the cell's, and the ten KPI values that sum it differ by 500 €; its semesters ("S1 2022") are recorded as
    # quarters (its brief named no semester precision), ingestion keeps them as semesters
    "F25": (110, 105, {"funding": (1, 1, 0), "startup_rounds": (0, 0, 3)}),
    # the tester expects "UR 2" to be read as the unit "UR2CA" (no file says so), and a semester's precision "year"
    "G25": (116, 104, {"projects": (0, 0, 1), "event_attendance": (0, 0, 5)}),
    # "Subvention ERC PoC": a grant and a proof of concept both named, read as 'other' (the tester: a grant)
    "I26": (118, 109, {"funding": (9, 9, 0)}),
    # 'cf. dossier papier' in a commitment's project column is kept as its reference (the tester: none); a form's
    # answer with an e-mail and no name is a person here (the tester quarantines it); the median days to
    # maturation count the projects whose dates are known to the month or quarter (the tester takes their first day)
    "K26": (116, 91, {"funding": (0, 0, 1), "event_attendance": (0, 1, 0)}),
    # two homonyms at one event, one without an e-mail, quarantined as a conflicting duplicate; median days to
    # maturation as for K26
    "M26": (118, 106, {"event_attendance": (1, 0, 0)}),
    # the median days to maturation leave out the projects whose dates are known to the month (the tester: first day)
    "N27": (117, 109, {}),
    # "Code analytique: FORMATION" is kept as a line's project (the tester: none); an industrial partner's "Contrat
    # de collaboration de recherche (financement industriel)" is read as a grant ("financement"; the tester: 'other')
    "O27": (120, 105, {"funding": (0, 0, 3)}),
    "P27": (120, 105, {}),
    "Q28": (120, 101, {}),
    # median days to maturation as for K26 ("Obligations convertibles (bridge)" is 'other' since round 38)
    "R28": (117, 103, {}),
    "S28": (120, 113, {}),
    # the SATT's statement keys its lines by "Réf. CPP" (the tester: "Réf. SATT", "Réf. CPP" the project beside a
    # "Projet" of acronyms); "OV-2018-01 (DOVH)" kept whole as a project; H2020 SC1 proposals read as Horizon health
    # (the tester follows a note of the file: 'other')
    "T29": (118, 103, {"funding": (9, 9, 1), "eu_proposals": (0, 0, 7)}),
    # one person in the "Other Attended" section of each of three webinar reports read as an attendee; a sign-in sheet of "signé" and blanks whose note says a blank line is a
    # registered absentee (3 read as attendees: D's tester counts such blanks as there); median days as for K26
    "U29": (116, 116, {"event_attendance": (0, 6, 0)}),
    # a meeting tool's co-hosts the file's notes name (staff, not attendees): read as attendees (the host account, the
    # one the report's header names, is left out)
    "V30": (120, 107, {"event_attendance": (0, 5, 0)}),
    # "S2 2020" stored with its semester (the tester: a quarter); median days as for K26
    "W30": (116, 104, {"projects": (0, 0, 2)}),
    # a proposal whose result is "—" while its evaluation is awaited is quarantined (its status is required; the
    # tester: pending)
    "X30": (116, 108, {"eu_proposals": (1, 0, 0)}),
    # an indicator "Établissements porteurs (hors extérieurs)" left unmatched; median days as for K26 (the four EU
    # proposals whose status only a row's colour gives are read through the legend since round 85)
    "Y31": (118, 81, {}),
    # a sign-in's "Autre : …" institution and a unit typed in a free cell left unread; a 2022 and a 2023 report table's acronym, call, result date read from cells the tester
    # reads otherwise (Word tables with two values per cell)
    "Z31": (120, 103, {"event_attendance": (0, 0, 3), "eu_proposals": (0, 0, 16)}),
    "A32": (120, 27, {}),
    "B32": (120, 27, {}),
    # a financing plan's remark "Comité IT du 02/10/2019" dates both partners' lines of that year to its day (the
    # tester: the year only); median days to maturation as for K26
    "C35": (118, 37, {"funding": (0, 0, 14)}),
    # "ImmunoPredict SAS" on one line of an export that writes "ImmunoPredict" elsewhere: a start-up of its own
    # (its one round with it); names are ids here, and the legal form is part of what was written. A creation
    # and five rounds written as a month ("avril 2017", "juin 2020") have month precision (the tester: none given)
    "D35": (118, 0, {"startups": (0, 1, 1), "startup_rounds": (1, 1, 5)}),
    # dates written as a month ("Mar-2022") have month precision (the tester's brief asked for none); "1,72 M€" is
    # 1 720 000 € (the tester's generator rounded 1 719 000 €): 1 value and 2 KPI values; median days as for K26
    "E35": (115, 50, {"projects": (0, 0, 15), "eu_proposals": (0, 0, 1)}),
    # dates written as a quarter, month or year have that precision (the testers' brief asked for none); a proposal
    # on a "Reserve list" with its result date written is not funded here (F36's README says still pending: a
    # README's legend is not read; X30's and A43's testers read it not funded): one value and two EU success rates; median days to maturation as for K26
    "F36": (120, 60, {"projects": (0, 0, 3), "startup_rounds": (0, 0, 1), "eu_proposals": (0, 0, 1)}),
    "G36": (116, 33, {"projects": (0, 0, 9), "eu_proposals": (0, 0, 9)}),
    # dates to the month as for D35 (its events register kept one row per event and attribute beside a "Date de
    # modification", its attendance listing each person's events in one cell, its EU tracker one row per proposal
    # and participant are read exactly since round 38)
    "A37": (120, 19, {"projects": (0, 0, 1), "startups": (0, 0, 1), "startup_rounds": (0, 0, 1)}),
    # "Au moins 40 % des projets détectés en 2022 accompagnés conjointement" names two KPIs equally well
    # (quarantined); a creation written "03/2021" read to the month (the tester's truth: 29/03/2021); month and year
    # precision as for D35; median days to maturation as for K26
    "B37": (118, 19, {"projects": (0, 0, 3), "funding": (0, 0, 3), "startups": (0, 0, 3),
                      "startup_rounds": (0, 0, 2)}),
    # an .ods whose supported_by is a cell's colour, its no-shows red rows; venues as UN/LOCODEs and an is_virtual
    # flag (its convertible note is 'other' since round 38, as three testers class it)
    # the tester takes a project re-listed with other values in a later yearly report ("Bilan annuel 2021.xlsx") as
    # that report's; the contract quarantines both versions of an id that conflict (six projects, as J's and Q's
    # testers expect), unless the reports are copies of one list; a maturation start "fin juin 2021" and a round in
    # "T4 2021" kept to the month and quarter (the tester: day)
    "A38": (110, 43, {"projects": (6, 0, 1), "startup_rounds": (0, 0, 1)}),
    # seven EU proposals absent from the team's notes are given a result date by the tester's generator (its notes
    # say they have none); dates to the month as for D35
    "B38": (120, 67, {"projects": (0, 0, 3), "startups": (0, 0, 1), "startup_rounds": (0, 0, 1),
                      "eu_proposals": (0, 0, 14)}),
    # round 38's hold-out, measured untuned twice (114/120, targets 27/31: a "Privés" funder column and a satisfaction
    # target "≥ 4 sur 5" not read), then tuned; what differs is the precision of dates known to the month (the
    # tester gives their first day), as for D35
    "C38": (120, 31, {"projects": (0, 0, 9), "funding": (0, 0, 7), "startups": (0, 0, 4), "startup_rounds": (0, 0, 4),
                      "eu_proposals": (0, 0, 3)}),
    # dates to the month, quarter or year ("03/2021", "2e trimestre 2022") kept so (the tester gives their first day)
    "A40": (120, 64, {"projects": (0, 0, 4)}),
    # a finance export's amendments ("CMT-2019-0142-A1", "Amendment - increase / reduction") are folded into their
    # commitment by this tester, kept as lines of their own (a reduction quarantined) by G36's: the id's suffix
    # alone does not amend here (test_amendments); dates to the month as for D35
    "A41": (100, 67, {"projects": (0, 0, 1), "funding": (0, 6, 10), "startups": (0, 0, 1)}),
    # round 41's second hold-out, measured untuned with the round's final readers (118/120, targets 34/35, 244 of 490
    # attendance rows: a presence matrix whose session references sit over a row of their dates), then tuned; left:
    # dates to the month or quarter (the tester: first day), four EU grants the tester derives, a share target
    # written "1/3"; an envelope's line "PACA PoC envelope (not allocated)" names no project since
    "B41": (120, 34, {"projects": (0, 0, 23), "funding": (0, 0, 7), "startup_rounds": (0, 0, 2),
                      "eu_proposals": (0, 0, 4)}),
    # round 43: a portal export lists one proposal twice, "REJECTED" and "RESERVE LIST" (not funded both, no grant):
    # the same tidy row, merged as an exact duplicate (the tester: conflicting, both quarantined), so six EU values
    # count it; "Projets financés à la fois par le CanceroPôle et par Inserm Transfert" is left unmatched (listed)
    "A43": (114, 41, {"eu_proposals": (0, 1, 0)}),
    # round 45, monthly activity reports (about a hundred small workbooks; untuned 56/120): the update lines of later
    # months ("ID projet | Jalon | Date") complete their projects since, but a CPP sheet of 2019-2021 mixing new
    # projects and updates ("Nature de la ligne: Nouveau / Mise à jour") under a two-level bilingual header leaves 60
    # dates unread; a CPP funding sheet of 2019-2020 whose loans and grants read as start-up rounds; start-up news
    # mixing creations, rounds and status changes; one EU result's granted amount not carried
    "A45": (70, 38, {"projects": (0, 0, 60), "funding": (12, 1, 0), "startups": (4, 0, 2),
                     "startup_rounds": (5, 12, 0), "eu_proposals": (0, 0, 1)}),
    "J26": (104, 63, {"projects": (24, 0, 0), "events": (0, 0, 12),
                     "event_attendance": (0, 25, 0)}),
    "B48": (114, 32, {"projects": (0, 0, 10), "startups": (0, 0, 3), "event_attendance": (0, 0, 82),
                      "eu_proposals": (0, 0, 11)}),
    # a PDF converter shifted two research units into the unnamed empty column beside theirs (not read); a sign-in
    # line whose "Émargement" cell is empty is read as not signed (the tester counts it present)
    "A53": (124, 56, {"projects": (0, 0, 2), "event_attendance": (16, 0, 0)}),
    # the first hold-out of round 51, measured once untuned (56/124, projects 32/56, funding 45/91), then read: the
    # institutions merged down over each block of a LibreOffice sheet are read since .ods merges are (89/124 before);
    # "Divers / prix" read as a grant (the tester: other, "Divers" first)
    "C51": (124, 47, {"funding": (0, 0, 3)}),
    # round 60, measured untuned (96/124, targets 69/93, funding 58/83 rows), then read: the objectives' "Total /
    # moyenne 2021-2023" group, the legacy ledger ("N° Engt", "Section analytique", subtotal lines), the new
    # ledger's project from "Section (projet)" beside an "Axe analytique" of instrument codes; left: the licence
    # dates that only the legal team's register of contracts gives (a contract's project in its "Objet")
    "B60": (116, 93, {"projects": (0, 0, 16)}),
    # the hold-out of round 66, measured untuned and again at the end of its session (85/124, 12 projects missing,
    # targets 2/38), then read: a CRM export asking "Co-supported with CPP", the annex's "7 / an" reference values
    # no header of two columns, a legacy base's "NUM" domain; left: the legacy base's titles in capitals (the tester
    # wrote them in sentence case, "IA", "ARNm" and all: no reader can tell those from the capitals)
    "H66": (124, 38, {"projects": (0, 0, 17)}),
    # round 70's second hold-out, measured untuned (66/124 at the session's start, 79/124 before it was opened: 23 of
    # 54 projects, a CRM export taken for a lookup list), then read ("Lead org", "Origin"); every table exact, its
    # cells too but two its tester did not list: a SIREN "en cours" and an i-Lab "?" are emptied and listed as
    # values still to come (the tester left them out of the list)
    "H70": (124, 34, {}),
    # round 68's hold-out, measured untuned and at two sessions' ends (116/124: 35 funding values wrong), then read:
    # a committee's "COPIL du" is the decision's date, and "Cofinancement IT ? oui" no longer makes a CanceroPôle
    # line Inserm Transfert's; left: a result date its tester gave a proposal that no file writes
    "H68": (124, 47, {"eu_proposals": (0, 0, 2)}),
    # a company register's names in capitals take the spelling of the rounds naming them ("GLIOSENSE": "GlioSense");
    # two start-ups no round names stay in capitals, where the tester writes them as the others
    "A84": (124, 58, {"startups": (2, 2, 0)}),
    # round 85's hold-out, opened once H86-H88 were written (untuned 108/124 at the round's start and after its A85-A88
    # work: the CanceroPôle's "Suivi Inserm Transfert ? oui / non" read as Inserm Transfert's, "non" quarantined);
    # the research units of twelve 2018-2020 projects no file writes (its tester's generator gave them)
    "H85": (124, 66, {"projects": (0, 0, 12)}),
    # round 90's quarterly reports: the previous agreement's "Bilan_convention_CPP-IT_2018-2020.xls" is no copy of the
    # "Reporting_CPP-IT_<quarter>.xlsx" series (another series' name, as "Suivi 2022" and "Bilan 2023" are two): four
    # start-ups and two EU proposals it holds as they were in 2020, updated in the reports, conflict (quarantined);
    # P19-01's licence written in 2023-T2 and erased in 2023-T3 stays, the bilan's copy being another series'
    "B90": (114, 71, {"startups": (4, 0, 0), "eu_proposals": (2, 0, 0), "projects": (0, 0, 2)}),
    # round 93: VAL-2023-13 in the register without its disclosure date and in Inserm Transfert's CRM export with it
    # is one record completed from its copies (duplicates.py: copies never giving two values of one column do not
    # conflict); the tester quarantines both: one project and ten KPI values counting it
    "C93": (114, 38, {"projects": (0, 1, 0)}),
    # round 94: a register of every kind of record in one list per year ("Type: Projet | Financement | Événement |
    # Dépôt UE"), its columns meaning one thing per kind as a legend says: read since round 95 (kind_legends.py);
    # left, the EU proposals of 2018-2020 and 2023: "Titre" holds the call's topic (read as the acronym, a SharePoint
    # list's built-in title) and one proposal quarantined
    # round 94: the EU portal's export gives "Call identifier" (HORIZON-MISS-2022-CANCER-01) and "Topic" (…-01-02):
    # the header saying it is the identifier is read as the call (C47's tester reads it so); A94's tester takes the
    # topic, as the data dictionary's example is one
    "A94": (124, 53, {"eu_proposals": (0, 0, 29)}),
    "B94": (124, 27, {"eu_proposals": (1, 0, 40)}),
    # round 95: three funding lines of a register written without their reference are quarantined (the required id
    # missing, as in every list with an id column); the tester keeps them with no id
    "B95": (124, 32, {"funding": (3, 0, 0)}),
    # round 97: an English register whose read-me explains its columns in sentences ("for projects the detection
    # date, for funding the decision date"); the start-ups' i-Lab flag ("Y/N" until 2021, then "i-Lab?" holding
    # "yes", "no" or "i-Lab") is left unread, the tester reads it
    "A97": (124, 41, {"startups": (0, 0, 8)}),
    # round 97: "H2020" explained as "Horizon 2020 (avant 2021) – hors catégories ci-dessus" is read as the health
    # cluster's predecessor, the tester reads 'other'
    "B97": (124, 15, {"eu_proposals": (0, 0, 4)}),
    # round 98: a grants tool's payments, each carrying its decision's reference and amount, read as the decisions;
    # a region's "Emergence & Innovation" scheme is read as the emergence instrument (the tester: a grant), and two
    # lines of "Actions structurantes" as 'other' (the tester reads a grant from their wording)
    "A98": (124, 56, {"funding": (3, 3, 2)}),
    # round 98: an i-Lab column typed "x", "oui", "O", "1", "non", "0", "N" or "-": the dash is left unknown (the
    # tester reads no)
    "B98": (124, 39, {"startups": (0, 0, 2)}),
    # round 99: annual reports converted from PDF; a page of the 2022 funding table whose converter merged two columns
    # ("Organisme financeur Type d'aide" over "Union européenne⏎Subvention") leaves two lines' funder to the title's
    # partner; a registration tool's statistics per event (its tester: totals of the attendance lists, not data)
    # complete the events, their counts (without walk-ins) quarantined where they differ from the reports'
    "A99": (115, 33, {"funding": (0, 0, 2)}),
    # round 99: a "Prématuration collective" line read as maturation (codes.yaml; the tester: other)
    "B99": (121, 44, {"funding": (2, 2, 0)}),
    # round 100: a Microsoft Forms export of registrations beside the typed-up sign-in sheets is read as attendance
    # (its tester: registrations are not attendance, the sign-in lists are): 83 attendees added, 24 values differ
    "A100": (123, 45, {"event_attendance": (0, 83, 24)}),
    # round 102: an accounting export per period; a 2021 line cancels a 2020 commitment of the other file
    # ("REF_ANNUL: ENG20-0197", -150 000): a cancellation is read only within its own sheet, so the 2020 line stays
    # and the negative line is quarantined (below the minimum), where the tester drops both
    "A102": (124, 50, {"funding": (0, 1, 0)}),
    # round 103: a mailing tool's contacts (Brevo) name their event only through a list number ("LISTE_ID: 12")
    # that a small file of lists explains ("12 | EVT-2019-01"): that file is read as start-ups ("Nom de la liste",
    # "Date de création") and no contact is tied to its event
    "A103": (112, 29, {"startups": (0, 28, 0), "event_attendance": (433, 0, 0)}),
    # round 103: a team keeping documents: the 2021-2023 minutes' "Dossier" is read as the project (lines get made
    # ids), the 2023 export names no funder; two reserve-list proposals the rows' red says were not funded read as
    # pending; the agreement's prose targets mostly unread; an i-Lab "-" left unknown (the tester: no); a rounds cell
    # "Pre-seed 2023 : 150 k€ ⏎ Série A 2023 : montant non communiqué" gives no round (the tester keeps the first and
    # quarantines the second)
    # round 104: a Swiss private foundation's grant ("Fondation Krebsforschung Example (CH)") is read as an 'other'
    # funder, as foundations are (codes.yaml: three earlier testers read them so); this tester reads it 'private'
    "A104": (124, 37, {"funding": (0, 0, 1)}),
    "B103": (96, 3, {"funding": (18, 5, 0), "startups": (0, 0, 2), "startup_rounds": (1, 0, 0),
                     "eu_proposals": (0, 0, 2)}),
    # round 103's hold-out, opened after its untuned measure: "H2020 SC1 (Health)" is read as the health cluster's
    # predecessor (docs/data_dictionary.md), the tester reads 'other' (as B97's)
    "H103": (124, 31, {"eu_proposals": (0, 0, 8)}),
    # round 105: a "Fondation ARC" grant read as an 'other' funder, as foundations are (codes.yaml; A104's note), this
    # tester reads it 'private' (one line with a reference, one without); two proposals whose programme is blank are
    # quarantined (a required value missing, as C24's tester wants), this tester reads it from the call's identifier
    "B105": (114, 29, {"funding": (1, 1, 1), "eu_proposals": (2, 0, 0)}),
    # round 106: a start-up database's company "Active" whose "Acquisition Status" says "Was Acquired" is read active
    # (the status column as written; the tester reads it acquired)
    "A106": (124, 21, {"startups": (0, 0, 1)}),
    # round 106: a director's assistant's journal of activity, one tab per month, every kind of activity in one
    # free-form table ("Activité": "Décision comité", "Événement – Webinaire", "Financement externe"; the fields in a
    # "Détail" sentence) is the only source of the funding lines and events: not read (a few months' tabs read as
    # funding lines); sign-in sheets named "13-08-2018 Formation" find no event to belong to
    "B106": (74, 60, {"funding": (75, 0, 2), "events": (34, 0, 0), "event_attendance": (159, 159, 0)}),
    # round 108: a "Fondation ARC (mécénat)" grant read as an 'other' funder, as foundations are (codes.yaml; A104's
    # note); this tester reads it 'private'
    "A108": (124, 29, {"funding": (0, 0, 1)}),
    # round 109: an Access lookup's "Emergence / prématuration" names two kinds of aid, read 'other'; the tester
    # reads the first
    "B109": (124, 63, {"funding": (0, 0, 14)}),
    # round 113: files restarted by each new keeper, each saying when it was last updated ("Dernière mise à jour :
    # 04/07/2022"); the tester's README says the latest wins: a record corrected in a later file (an institution, a
    # detection date typed day-first, an abandon taken back) is read as a conflict between the files (quarantined),
    # or keeps the older file's value
    "A113": (103, 39, {"projects": (2, 0, 2)}),
    # a committee's "Décisions modificatives" sheet (an earlier session's decision cut from 82,5 to 62 k€, another
    # cancelled) is read as completing the projects, not as changing the decided amounts: two amounts differ
    "B115": (109, 42, {"funding": (0, 0, 2)}),
    # round 118: an intern's pandas exports; exact but for an Excel error cell ("#DIV/0!" under a mean
    # satisfaction), which the workbook reader gives as empty (read as no value, not listed among the emptied cells),
    # and its column dictionary ("fichier | colonne | description"), whose rows are partly read as headers (exit 3)
    "A118": (124, 61, {}),
    # round 118: an accountant's analytic journals (commitments and payments, entries reversed and re-booked, funders
    # told by accounts and cost centres through a mapping file) and a communication calendar of announcements (one
    # event per announced, postponed or cancelled row, its report row giving the attendees); mailing-list exports
    # with a "participé" flag: not read yet
    "B118": (94, 52, {"funding": (65, 0, 45), "events": (0, 0, 13), "event_attendance": (198, 22, 0)}),
    # round 118: general management files of a hospital and a university where a third of the rows are outside the
    # partnership: read since, a yes/no column naming the partnership and a column of frameworks
    # (partnership_scope.py); left, a register's sections ("A — Conventions du partenariat", "B — Autres") and the
    # code prefixes a note row explains ("Lignes DVI-F-… : hors convention"), the rounds of companies outside, the
    # proposals of an archive sheet whose framework column is headed "Appui"
    "C118": (106, 60, {"funding": (0, 54, 0), "startup_rounds": (0, 2, 0), "eu_proposals": (0, 16, 0)}),
    # a CRM's exports, one CSV per object and association files between them: read since, its custom properties
    # ("cpp_it_detection_date__c") and its pipeline of "EU grant applications"; left, the people named by their
    # contact ids (a deal's PI through the deal-to-contact associations, an attendee through the contact-to-event
    # ones, the contact's unit from the contacts export), a yes/no property saying a project was sourced jointly,
    # a multi-checkbox of partners, the rounds' lead investors among their associated companies
    "B120": (103, 40, {"projects": (0, 0, 64), "startups": (0, 0, 9), "event_attendance": (391, 391, 0)}),
    # an MS Project export, a budget of one sheet per funder and one column per month, a tracker's year-less status
    # logs: read since, the task numbers that are no ids, the summary task's name and start, the status logs, the
    # monthly budget (months under a band of years, or months written as dates, beside each year's total); left, a
    # staff member's initials ("Resp.") read into the PI of the 2018-2020 projects; and six amounts the tester
    # wrote rounded ("2,21 M€" for 2 208 000), read as written
    "A121": (122, 69, {"projects": (0, 0, 24), "startup_rounds": (0, 0, 1), "eu_proposals": (0, 0, 5)}),
    # an accounting system's ledger (SAP/SIFAC) of engagement, payment and cancellation lines per OTP element, fund
    # codes in a nomenclature workbook: read since, the commitment's number as the line's id, "Liquidation" lines as
    # payments, the funds through the nomenclature, the project inside its OTP element ("VALO-ONC-021-02"); left, a
    # commitment keyed ten times too much in one year's export and partly cancelled in the next year's (the
    # negative line and the commitment are quarantined, not netted across files)
    "B122": (111, 83, {"funding": (1, 0, 0)}),
    # a regional council's grant platform exports (dossier, "Objet" naming the project in quotes, "Montant voté",
    # "Date de vote CP", the funder in the title rows only): read since, as funding lines whose funder the title row
    # names (not EU proposals lacking a role), their footer "3 dossier(s)" a total, the project named in the "Objet"
    # ("… du projet « TUMORSCAN »"); left, a round's amount the tester wrote rounded ("1,22 M€" for 1 215 000)
    "B123": (118, 71, {"startup_rounds": (0, 0, 1)}),
    # tables copied out of PDF activity reports (headers repeated at page breaks, wrapped cells on lines of their
    # own, footnote marks, page numbers and running titles): read since, a title closing its quote on the next line,
    # a call's topic cut at a hyphen, a page's number alone, "Comité d'avril 2022"; left, "Mécénat (fondation
    # d'entreprise)" read as another funder (the vocabulary's reading of patronage, three earlier testers') where
    # this tester meant a private one
    "B124": (124, 63, {"funding": (0, 0, 3)}),
}


def _compare(value, actual) -> bool:
    if isinstance(value, float) and actual is not None:
        return actual == pytest.approx(value, rel=1e-9)
    return actual == value


def _rows_beyond_floors(name, tables, expected) -> list:
    """The rows missing or added and the values differing beyond what the folder's floors allow."""
    people, allowed, wrong = _pseudonymiser(), FLOORS[name][2], []
    for table, rows in expected["tables"].items():
        got = {}
        for record in (tables[table].to_dict("records") if table in tables else []):
            record = {k: _plain(v) for k, v in record.items()}
            got[_key(table, record)] = record
        want = {_key(table, row): row for row in (_expected_row(table, r, people) for r in rows)}
        missing, extra = set(want) - set(got), set(got) - set(want)
        most_missing, most_extra, most_wrong = allowed.get(table, (0, 0, 0))
        if len(missing) > most_missing or len(extra) > most_extra:
            wrong.append((table, "missing", len(missing), "extra", len(extra)))
        differing = [(key, column, got[key].get(column), value) for key in set(want) & set(got)
                     for column, value in want[key].items() if not _compare(value, got[key].get(column))]
        if len(differing) > most_wrong:
            wrong.append((table, "values differing", len(differing), differing[:5]))
    return wrong


def _kpis_and_targets_below_floors(name, tables, expected) -> list:
    """Fewer KPI values or targets equal to the tester's than the folder's floors."""
    kpis_right, targets_right = FLOORS[name][:2]
    targets = tables.get("kpi_targets")  # a folder without targets (D35) has no such table
    got_targets = {} if targets is None else {
        (k, p): t for k, p, t in zip(targets["kpi_id"], targets["period"], targets["target"], strict=True)}
    exact = sum(1 for t in expected["targets"] if (t["kpi_id"], t["period"]) in got_targets
                and got_targets[(t["kpi_id"], t["period"])] == pytest.approx(t["target"], rel=1e-9))
    kpis = kpi_table(tables, period="2021-2023", baseline="2018-2020", contributors=False)
    got = {(k, p): v for k, p, v in zip(kpis["kpi_id"], kpis["period"], kpis["value"], strict=True)}
    right = 0
    for ref in expected["kpis"]:
        value = got[(ref["kpi_id"], ref["period"])]
        if ref["value"] is None:
            right += value is None or math.isnan(value)
        else:
            right += value is not None and not math.isnan(value) and value == pytest.approx(ref["value"], rel=1e-6,
                                                                                             abs=5e-7)
    return [(what, found, floor) for what, found, floor in (("targets", exact, targets_right),
                                                            ("KPI values", right, kpis_right)) if found < floor]


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_what_is_read_is_exact_and_no_less(name, tmp_path_factory):
    """One test per folder, ingested once (on one worker)."""
    result, out, expected = _ingest(name, "partial", tmp_path_factory)
    assert result.exit_code in (0, 3), result.output[-2000:]  # 3: a sheet left unread (said, not hidden)
    tables = load(out)
    problems = _rows_beyond_floors(name, tables, expected) + _kpis_and_targets_below_floors(name, tables, expected)
    assert not problems, (name, problems)
