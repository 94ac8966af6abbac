"""The clause-coverage rules, read from the catalogue (``sferum_policy/rules/coverage/*.yaml``): one
«missing section» rule per library section (CL001–CL013) and the clause rules CL020–CL022."""

from __future__ import annotations

from ...rules import RULES, codes_of
from ...vocab import Section

# Section → the code of its «no such section» rule.
_SECTION_CODES: dict[Section, str] = {
    Section.obligations: "CL001",
    Section.prohibitions: "CL002",
    Section.rights: "CL003",
    Section.administrator: "CL004",
    Section.management: "CL005",
    Section.class_teacher: "CL006",
    Section.teacher: "CL007",
    Section.student: "CL008",
    Section.parent: "CL009",
    Section.general: "CL010",
    Section.legal_basis: "CL011",
    Section.definitions: "CL012",
    Section.final: "CL013",
}
SECTION_RULES = {s: RULES[code] for s, code in _SECTION_CODES.items()}
CL020 = RULES["CL020"]
CL021 = RULES["CL021"]
CL022 = RULES["CL022"]

CODES = codes_of("coverage")
