"""Markdown rendering of an assembled act."""

from __future__ import annotations

from .act import FAMILIARISATION_COLUMNS, FAMILIARISATION_ROWS, FAMILIARISATION_TITLE, Act


def _esc(text: str) -> str:
    """Underscores of a blank («№ ____») stay underscores, not Markdown emphasis."""
    return text.replace("_", "\\_")


def render_markdown(act: Act) -> str:
    out = [f"**{act.org_full}**", ""]
    for block in [*act.left_blocks, act.approval]:
        out.append(f"**{block.heading}**  ")
        out += [f"{_esc(line)}  " for line in block.lines]
        out.append("")
    out += [f"# {act.kind_title}", "", f"**{act.about}**", ""]
    for section in act.sections:
        out += [f"## {section.label} {section.title}", ""]
        for point in section.points:
            out.append(f"{point.label} {_esc(point.text)}")
            out.append("")
            if point.items:
                out += [f"- {_esc(item)}" for item in point.items]
                out.append("")
    if act.familiarisation_sheet:
        out += [f"**{FAMILIARISATION_TITLE}**", "", act.familiarisation_caption(), "",
                "| " + " | ".join(FAMILIARISATION_COLUMNS) + " |", "|" + "---|" * len(FAMILIARISATION_COLUMNS)]
        out += [f"| {n} |" + " |" * (len(FAMILIARISATION_COLUMNS) - 1) for n in range(1, FAMILIARISATION_ROWS + 1)]
    return "\n".join(out).rstrip() + "\n"
