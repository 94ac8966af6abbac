"""Audit many acts at once (``sferum-policy audit``): walk folders and ZIPs, check in parallel, summarise.

Modules: :mod:`.inputs` (walking), :mod:`.safezip` (archives), :mod:`.worker` (one document),
:mod:`.executors` (processes or Dask), :mod:`.cache`, :mod:`.score`, :mod:`.summary`, :mod:`.writers`
(CSV, XLSX, JSON), :mod:`.dashboard` (``index.html``), :mod:`.runner` (all of it together).
"""

from __future__ import annotations

from .runner import AuditOptions, AuditResult, run_audit

__all__ = ["AuditOptions", "AuditResult", "run_audit"]
