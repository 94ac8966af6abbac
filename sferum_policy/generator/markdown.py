"""Markdown rendering of an assembled act."""

from __future__ import annotations

from .act import FAMILIARISATION_COLUMNS, FAMILIARISATION_ROWS, FAMILIARISATION_TITLE, Act


def render_markdown(act: Act) -> str:
    out = [f"**{act.org_full}**", ""]
    for block in [*act.left_blocks, act.approval]:
        out.append(f"**{block.heading}**  ")
        out += [f"{line}  " for line in block.lines]
        out.append("")
    out += [f"# {act.kind_title}", "", f"**{act.about}**", ""]
    for section in act.sections:
        out += [f"## {section.label} {section.title}", ""]
        for point in section.points:
            out.append(f"{point.label} {point.text}")
            out.append("")
            if point.items:
                out += [f"- {item}" for item in point.items]
                out.append("")
    if act.familiarisation_sheet:
        out += [f"**{FAMILIARISATION_TITLE}**", "", act.familiarisation_caption(), "",
                "| " + " | ".join(FAMILIARISATION_COLUMNS) + " |", "|" + "---|" * len(FAMILIARISATION_COLUMNS)]
        out += [f"| {n} |" + " |" * (len(FAMILIARISATION_COLUMNS) - 1) for n in range(1, FAMILIARISATION_ROWS + 1)]
    return "\n".join(out).rstrip() + "\n"
