"""The legal-risk rules RK001–RK004, read from the catalogue (``sferum_policy/rules/risk/*.yaml``)."""

from __future__ import annotations

from ...rules import RULES, codes_of

RK001 = RULES["RK001"]
RK002 = RULES["RK002"]
RK003 = RULES["RK003"]
RK004 = RULES["RK004"]

CODES = codes_of("risk")
