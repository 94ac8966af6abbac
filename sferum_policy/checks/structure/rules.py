"""The structure rules ST001–ST017, read from the catalogue (``sferum_policy/rules/structure/*.yaml``)."""

from __future__ import annotations

from ...rules import RULES, codes_of

ST001 = RULES["ST001"]
ST002 = RULES["ST002"]
ST003 = RULES["ST003"]
ST004 = RULES["ST004"]
ST005 = RULES["ST005"]
ST006 = RULES["ST006"]
ST007 = RULES["ST007"]
ST008 = RULES["ST008"]
ST009 = RULES["ST009"]
ST010 = RULES["ST010"]
ST011 = RULES["ST011"]
ST012 = RULES["ST012"]
ST013 = RULES["ST013"]
ST014 = RULES["ST014"]
ST015 = RULES["ST015"]
ST016 = RULES["ST016"]
ST017 = RULES["ST017"]

CODES = codes_of("structure")
