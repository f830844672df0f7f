"""Make docs/report_preview.png, the README's picture of the report, from the project's own PDF.

    .venv/bin/python scripts/readme_preview.py [reports/demo/three-year_2021-2023_fr.pdf]

Renders the first pages of the PDF (cover, contents, summary) side by side with pypdfium2.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
PAGES = 3
WIDTH = 420  # pixels per page in the picture


def main() -> None:
    pdf_path = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "reports" / "demo" / "three-year_2021-2023_fr.pdf"
    if not pdf_path.is_file():
        raise SystemExit(f"{pdf_path}: not found; run `make demo` first")
    pdf = pdfium.PdfDocument(str(pdf_path))
    images = []
    for index in range(min(PAGES, len(pdf))):
        page = pdf[index]
        scale = WIDTH / page.get_width()
        images.append(page.render(scale=scale).to_pil().convert("RGB"))
    gap = 16
    height = max(im.height for im in images)
    sheet = Image.new("RGB", (sum(im.width for im in images) + gap * (len(images) + 1), height + 2 * gap), "#e9edf2")
    x = gap
    for im in images:
        sheet.paste(im, (x, gap))
        x += im.width + gap
    out = ROOT / "docs" / "report_preview.png"
    sheet.save(out, optimize=True)
    print(f"{out.relative_to(ROOT)}: {sheet.width}x{sheet.height}")


if __name__ == "__main__":
    main()
