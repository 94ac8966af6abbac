"""Repair: the checked act corrected with Word tracked changes (``fix``)."""

from __future__ import annotations

from .fix import FixResult, fix, fixed_text

__all__ = ["FixResult", "fix", "fixed_text"]
