"""Parts of the typo check for OCR'd Russian legal text (see :mod:`sferum_policy.checks.typos`).

``lexicon`` — the dictionary (pymorphy3 + domain lexicon); ``ocr`` — confusion table, weighted edit
cost and candidate generation; ``corpus`` — word and word-pair counts; ``tokens`` — words with spans;
``realword``, ``agreement``, ``abbrev`` — the detectors; ``detect`` — runs them over a Document.
"""
