"""Report rendering: executed notebook -> one self-contained HTML file -> PDF printed by headless Chromium.

Kept light on purpose: import :mod:`partnership_metrics.reporting.html` (nbconvert, plotly) or
:mod:`partnership_metrics.reporting.browser` (Chromium over the DevTools pipe) where they are needed.
"""

from __future__ import annotations
