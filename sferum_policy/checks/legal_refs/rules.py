"""The legal-reference rules LR001–LR012 the code names, read from the catalogue (``rules/legal_refs/*.yaml``).

A citation's problems carry their code (``Problem("LR001", …)``); the finding takes its rule from
:data:`~sferum_policy.rules.RULES` by that code, so only the rules the code names itself are here.
"""

from __future__ import annotations

from ...rules import RULES, codes_of

LR010 = RULES["LR010"]
LR011 = RULES["LR011"]

CODES = codes_of("legal_refs")
