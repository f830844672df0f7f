"""What the data say beside the partners' comments: for a year short of its target, its change since the year before
and the groups that made it."""

from __future__ import annotations

import json

from test_messages import kpi_frame  # tests/reporting, beside this file

from partnership_metrics.partnership import default_partnership
from partnership_metrics.reporting.commentary import drivers


def test_a_year_short_of_its_target_says_what_changed_since_the_year_before_and_who_made_it():
    frame = kpi_frame({"syn_co_funded_projects": (6, 2.3, 9, 4)}, period="2023", lang="en")
    row = frame["kpi_id"] == "syn_co_funded_projects"
    frame["contributors"] = frame["contributors"].astype("object")
    frame.loc[row, "contributors"] = json.dumps([
        {"against": "previous", "by": "lead_institution", "group": "IPC", "change": 2.0},
        {"against": "baseline", "by": "lead_institution", "group": "AMU", "change": 2.0}])
    found = drivers("syn_co_funded_projects", tables={}, kpis=frame, scope="2023", years=[2023], lang="en",
                    partnership=default_partnership())
    assert found == ["+2 against 2022, mostly Institut Paoli-Calmettes (+2)"]
    assert drivers("syn_co_funded_projects", tables={}, kpis=frame, scope="2023", years=[2023], lang="en",
                   partnership=default_partnership(), gaps=False) == []  # a move's drivers: not this one
