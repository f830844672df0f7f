"""Formula-injection neutralisation for CSV and xlsx exports (exports.py)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from partnership_metrics.exports import neutralise_formula, neutralise_frame


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"), ("+33 4 91", "'+33 4 91"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"), ("\rcmd", "'\rcmd"), ("plain", "plain"), ("", ""), ("a=b", "a=b"),
        (-2, -2), (1.5, 1.5), (None, None),
    ],
)
def test_neutralise_formula(value, expected):
    assert neutralise_formula(value) == expected


def test_neutralise_frame_text_categories_and_headers_but_not_numbers():
    df = pd.DataFrame({
        "text": pd.Series(["=cmd|' /C calc'!A0", "ok", None], dtype="str"),
        "code": pd.Categorical(["@x", "y", None]),
        "safe_code": pd.Categorical(["a", "b", "a"]),
        "mixed": pd.Series(["+1", 7, np.nan], dtype="object"),
        "number": [-1.0, 2.0, np.nan],
        "=header": [1, 2, 3],
    })
    out = neutralise_frame(df)
    assert out["text"].tolist()[:2] == ["'=cmd|' /C calc'!A0", "ok"] and pd.isna(out["text"][2])
    assert out["code"].tolist()[:2] == ["'@x", "y"]
    assert isinstance(out["safe_code"].dtype, pd.CategoricalDtype)  # nothing to change: dtype kept
    assert out["mixed"].tolist()[:2] == ["'+1", 7]
    assert out["number"].tolist()[:2] == [-1.0, 2.0]
    assert list(out.columns)[-1] == "'=header"
    assert df["text"][0].startswith("=")  # the input is not modified
