"""HTML output: one self-contained, print-friendly page (``lang="ru"``, every text escaped)."""

from __future__ import annotations

from html import escape

from .act import FAMILIARISATION_COLUMNS, FAMILIARISATION_ROWS, FAMILIARISATION_TITLE, Act, Block

_CSS = """
@page { size: A4; margin: 20mm 15mm 20mm 30mm; }
body { font-family: "Times New Roman", "Liberation Serif", "PT Serif", serif; font-size: 14pt;
       line-height: 1.15; color: #000; background: #fff; max-width: 165mm; margin: 2em auto; padding: 0 1em; }
p { margin: 0; text-align: justify; text-indent: 1.25cm; hyphens: auto; }
.org { text-align: center; font-weight: bold; text-indent: 0; margin-bottom: 1em; }
.requisites { display: flex; justify-content: space-between; gap: 2em; margin-bottom: 1.5em; }
.requisites .left, .requisites .right { flex: 1; }
.requisites .right { padding-left: 3em; }
.block { margin-bottom: 0.6em; }
.block p { text-align: left; text-indent: 0; }
.block .grif { text-transform: none; }
h1, h2 { font-size: 14pt; font-weight: bold; text-align: center; margin: 0; }
h1 { margin-top: 1em; }
table.sheet { border-collapse: collapse; width: 100%; } table.sheet td, table.sheet th { border: 1px solid #000; height: 1.6em; padding: 0 4px; }
.about { text-align: center; font-weight: bold; text-indent: 0; margin: 0.2em 0 1em; }
h2 { margin: 1em 0 0.4em; page-break-after: avoid; break-after: avoid; }
ul.sub { list-style: none; margin: 0; padding: 0; }
ul.sub li { text-align: justify; text-indent: 1.25cm; }
ul.sub li::before { content: "– "; }
@media print { body { margin: 0; max-width: none; padding: 0; } }
"""


def _block(block: Block) -> str:
    lines = "".join(f"<p>{escape(line)}</p>" for line in block.lines)
    return f'<div class="block"><p class="grif">{escape(block.heading)}</p>{lines}</div>'


def render_html(act: Act) -> str:
    """The act as a standalone HTML5 document."""
    out = [
        "<!DOCTYPE html>",
        '<html lang="ru">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(act.title)}</title>",
        f'<meta name="author" content="{escape(act.org_full)}">',
        '<meta name="generator" content="sferum-policy">',
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        f'<p class="org">{escape(act.org_full)}</p>',
        '<div class="requisites">',
        '<div class="left">' + "".join(_block(b) for b in act.left_blocks) + "</div>",
        f'<div class="right">{_block(act.approval)}</div>',
        "</div>",
        f"<h1>{escape(act.kind_title)}</h1>",
        f'<p class="about">{escape(act.about)}</p>',
    ]
    for section in act.sections:
        out.append(f'<section id="s{escape(section.label.rstrip("."))}">')
        out.append(f"<h2>{escape(section.label)} {escape(section.title)}</h2>")
        for point in section.points:
            out.append(f"<p>{escape(point.label)} {escape(point.text)}</p>")
            if point.items:
                out.append('<ul class="sub">' + "".join(f"<li>{escape(i)}</li>" for i in point.items) + "</ul>")
        out.append("</section>")
    if act.familiarisation_sheet:
        head = "".join(f"<th>{escape(c)}</th>" for c in FAMILIARISATION_COLUMNS)
        rows = "".join(f"<tr><td>{n}</td>" + "<td></td>" * (len(FAMILIARISATION_COLUMNS) - 1) + "</tr>"
                       for n in range(1, FAMILIARISATION_ROWS + 1))
        out += ['<section class="sheet">', f"<h2>{escape(FAMILIARISATION_TITLE)}</h2>",
                f"<p>{escape(act.familiarisation_caption())}</p>",
                f'<table class="sheet"><tr>{head}</tr>{rows}</table>', "</section>"]
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"
