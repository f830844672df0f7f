"""The nbconvert exporter of the reports: nbconvert's ``HTMLExporter`` without its last pass.

``HTMLExporter.from_notebook_node`` renders the template, then parses the whole page again with BeautifulSoup to
give images without an ``alt`` a generic one and to make the cells of a ``.jp-Notebook`` focusable, and writes the
page out again: about half of the export's time, for nothing in a report (its template has no ``.jp-Notebook`` and its
outputs no ``<img>``: charts are plotly figures, with their own title). This module is imported only when a report is
exported (nbconvert is slow to import).
"""

from __future__ import annotations

from nbconvert import HTMLExporter
from nbconvert.exporters.templateexporter import TemplateExporter
from nbconvert.filters.highlight import Highlight2HTML
from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter


class ReportExporter(HTMLExporter):
    """``HTMLExporter`` whose output is the rendered template as it is (see the module's docstring)."""

    def from_notebook_node(self, nb, resources=None, **kw):
        """The page and its resources: ``HTMLExporter.from_notebook_node`` without the BeautifulSoup pass."""
        langinfo = nb.metadata.get("language_info", {})
        lexer = langinfo.get("pygments_lexer", langinfo.get("name", None))
        highlight_code = self.filters.get("highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self))
        resources = self._init_resources(resources)
        filter_data_type = WidgetsDataTypeFilter(notebook_metadata=self._nb_metadata, parent=self,
                                                 resources=resources)
        self.register_filter("highlight_code", highlight_code)
        self.register_filter("filter_data_type", filter_data_type)
        return TemplateExporter.from_notebook_node(self, nb, resources, **kw)
