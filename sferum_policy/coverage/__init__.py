"""Clause coverage helpers: canonical tokens (:mod:`.tokens`), matching units (:mod:`.units`), the
synonym and cue tables (:mod:`.synonyms`) and the clause matcher (:mod:`.matcher`).

The check that turns matches into findings is :mod:`sferum_policy.checks.coverage`.
"""
