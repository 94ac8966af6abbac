"""Repairing an old act: profile extraction, modernisation, redlines."""
