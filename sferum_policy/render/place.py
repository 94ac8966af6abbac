"""Where a finding is, in words a reader of the act uses: «стр. 2, п. 2.3», «абз. 5», «весь документ».

The one formatter of a finding's place for the text and HTML reports (SARIF names places in its own
format; a check's message names paragraphs through its own wording).
"""

from __future__ import annotations

from ..report import Finding
from ..vocab import SECTION_TITLES, Section

UNSURE = 80  # below this recognition confidence a place is named as read unsurely


def place(f: Finding, *, section: bool = False) -> str:
    """«стр. P, » (a scan's page; «распознано неуверенно» below :data:`UNSURE`) + «п. 2.3» for a numbered
    paragraph, «абз. N» for another one; without a paragraph, the section («раздел «…»», when ``section``)
    or «весь документ»."""
    loc = f.location
    page = f"стр. {loc.page}, " if loc.page is not None else ""
    if loc.confidence is not None and loc.confidence < UNSURE:
        page = f"стр. {loc.page}, распознано неуверенно ({loc.confidence:.0f} %), "
    if loc.label and any(ch.isalnum() for ch in loc.label):
        return f"{page}п. {loc.label.rstrip('.')}"
    if loc.paragraph is not None:
        return f"{page}абз. {loc.paragraph + 1}"
    if section and f.section:
        return f"раздел «{SECTION_TITLES.get(Section(f.section), f.section)}»"
    return "весь документ"
