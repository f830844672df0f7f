"""Text boxes drawn over an xlsx sheet (a slide pasted into Excel) read as the cells under their corners
(reading/text_boxes.py)."""

from __future__ import annotations

import zipfile
from xml.sax.saxutils import escape

import openpyxl

from partnership_metrics.ingest.ingestion import ingest
from partnership_metrics.ingest.reading.text_boxes import with_text_boxes

_DRAWING = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.'
            'org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
            '{anchors}</xdr:wsDr>')
_ANCHOR = ('<xdr:twoCellAnchor><xdr:from><xdr:col>{col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>{row}</xdr:row>'
           '<xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>{end}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>'
           '{bottom}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to><xdr:sp macro="" textlink=""><xdr:nvSpPr>'
           '<xdr:cNvPr id="{id}" name="TextBox {id}"/><xdr:cNvSpPr txBox="1"/></xdr:nvSpPr><xdr:spPr/><xdr:txBody>'
           '<a:bodyPr/><a:lstStyle/>{paragraphs}</xdr:txBody></xdr:sp><xdr:clientData/></xdr:twoCellAnchor>')
_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/'
         'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
         '2006/relationships/drawing" Target="../drawings/drawing1.xml"/></Relationships>')


def _slide(path, title: str, boxes: list[tuple[int, int, list[str]]]) -> None:
    """A workbook of one sheet holding ``title`` in A1 and a text box per (0-based row, column, paragraphs)."""
    book = openpyxl.Workbook()
    book.active.title = "Slide 7"
    book.active.append([title])
    book.save(path)
    anchors = "".join(_ANCHOR.format(col=c, row=r, end=c + 4, bottom=r + 4, id=k + 2, paragraphs="".join(
        f'<a:p><a:r><a:rPr lang="fr-FR"/><a:t>{escape(p)}</a:t></a:r></a:p>' for p in paragraphs))
        for k, (r, c, paragraphs) in enumerate(boxes))
    with zipfile.ZipFile(path, "a") as zf:
        zf.writestr("xl/drawings/drawing1.xml", _DRAWING.format(anchors=anchors))
        zf.writestr("xl/worksheets/_rels/sheet1.xml.rels", _RELS)


def test_a_slide_s_boxes_give_its_targets(tmp_path):
    """Only a title in the cells, one box per indicator: the boxes' targets are read, a box's baseline is none."""
    (tmp_path / "raw").mkdir()
    _slide(tmp_path / "raw" / "objectifs_slide.xlsx", "Convention 2021-2023 — objectifs chiffrés (slide du COPIL)", [
        (3, 0, ["Projets détectés", "2021 : 8 · 2022 : 9 · 2023 : 10", "(référence 2018-2020 : 21)"]),
        (3, 5, ["Licences signées", "2 par an (2021, 2022, 2023)"]),
        (9, 0, ["Start-up créées", "4 sur la durée de la convention (2021-2023)"]),
        (9, 5, ["Taux de succès européen", "30 % sur 2021-2023"])])
    result = ingest(tmp_path / "raw")
    targets = {(r.kpi_id, r.period): r.target for r in result.tables["kpi_targets"].itertuples()}
    assert targets == {("val_projects_detected", "2021"): 8, ("val_projects_detected", "2022"): 9,
                       ("val_projects_detected", "2023"): 10, ("val_licences", "2021"): 2, ("val_licences", "2022"): 2,
                       ("val_licences", "2023"): 2, ("val_startups_created", "2021-2023"): 4,
                       ("eu_success_rate", "2021-2023"): 0.3}
    assert not result.problems


def test_a_box_goes_into_the_empty_cell_under_its_corner_only():
    """A box above the first row read adds rows; a box over a filled cell is a remark on it, left out."""
    rows, first = with_text_boxes([["Titre", None], [None, 12]], 3, {(1, 2): "En haut", (4, 2): "Sur 12",
                                                                   (4, 1): "À gauche"})
    assert first == 1
    assert rows == [[None, "En haut"], [None, None], ["Titre", None], ["À gauche", 12]]
