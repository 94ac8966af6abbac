"""TEMPORARY re-export: the metadata analysis moved to :mod:`sferum_policy.analysis`; checks/structure.py
still imports these names from here until its file is free to edit."""

from .analysis.requisites import SELF_REF, self_ref_kind
from .analysis.sections import joined_heading, section_body
from .analysis.text import clean, format_label, has_letters, label_numbers, label_span

__all__ = ["SELF_REF", "clean", "format_label", "has_letters", "joined_heading", "label_numbers", "label_span",
           "section_body", "self_ref_kind"]
