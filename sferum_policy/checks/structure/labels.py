"""Numbering: gaps, repeats and items outside their section (ST001–ST004); what counts as an act."""

from __future__ import annotations

from collections.abc import Iterator

from ...analysis.text import format_label, label_numbers, label_span
from ...document import Document, Paragraph
from ...report import Finding
from ...vocab import DocKind
from ..base import finding
from .rules import ST001, ST002, ST003, ST004

# --- examples shared by the rules -------------------------------------------------------------


# --- helpers ----------------------------------------------------------------------------------

ACT_KINDS = (DocKind.polozhenie, DocKind.poryadok, DocKind.pravila, DocKind.instruktsiya)


def _label_finding(r, doc: Document, p: Paragraph, message: str, suggestion: str | None = None) -> Finding:
    span = label_span(p)
    assert span is not None
    label, s, e = span
    return finding(r, doc, message, paragraph=p, start=s, end=e, text=label, suggestion=suggestion)


def _missing(prev: tuple[int, ...], n: int) -> str:
    parent, last = prev[:-1], prev[-1]
    first, final = format_label((*parent, last + 1)), format_label((*parent, n - 1))
    return f"пропущен п. {first}" if n - last == 2 else f"пропущены пп. {first}–{final}"


def numbering(doc: Document) -> Iterator[Finding]:
    paras = doc.paragraphs
    head_nums: dict[int, int] = {}
    prev_head: int | None = None
    for s in doc.sections:
        nums = label_numbers(paras[s.first])
        if not nums:
            continue
        n = nums[0]
        head_nums[s.index] = n
        p = paras[s.first]
        if prev_head is None and n > 1:
            yield _label_finding(ST001, doc, p, f"первый раздел имеет номер {n}: нумерация разделов должна начинаться с 1",
                                 suggestion="1.")
        elif prev_head is not None and n > prev_head + 1:
            miss = f"пропущен раздел {prev_head + 1}" if n == prev_head + 2 else f"пропущены разделы {prev_head + 1}–{n - 1}"
            yield _label_finding(ST001, doc, p, f"после раздела {prev_head} идёт раздел {n}: {miss}",
                                 suggestion=f"{prev_head + 1}.")
        prev_head = n
    heading_numbers = set(head_nums.values())
    heading_paras = {s.first for s in doc.sections}
    if not doc.sections and is_act(doc):
        # «1.1. …», «1.2. …» with no «1. Общие положения» anywhere: the section headings were lost
        first = next((p for p in paras if (n := label_numbers(p)) and len(n) == 2), None)
        if first is not None:
            nums = label_numbers(first)
            yield _label_finding(ST004, doc, first, f"п. {format_label(nums)} идёт без раздела {nums[0]}: "  # type: ignore[arg-type]
                                 "в документе нет заголовков разделов")
    last_child: dict[tuple[int, ...], int] = {}
    last_label: dict[tuple[int, ...], tuple[int, ...]] = {}
    seen: set[tuple[int, ...]] = set()
    for p in paras:
        if p.section is None or p.index in heading_paras:
            continue
        nums = label_numbers(p)
        if not nums or len(nums) < 2:
            continue
        parent, n = nums[:-1], nums[-1]
        label = format_label(nums)
        sec_num = head_nums.get(p.section)
        if len(parent) == 1 and heading_numbers and parent[0] not in heading_numbers:
            yield _label_finding(ST004, doc, p, f"п. {label} относится к разделу {parent[0]}, которого в документе нет")
        elif len(parent) == 1 and sec_num is not None and parent[0] != sec_num:
            yield _label_finding(ST003, doc, p, f"п. {label} стоит в разделе {sec_num}, а по номеру относится к разделу {parent[0]}")
        elif len(parent) >= 2 and parent not in seen:
            yield _label_finding(ST004, doc, p, f"подпункт {label} идёт без пункта {format_label(parent)}")
        prev = last_child.get(parent, 0)
        if nums in seen:
            yield _label_finding(ST002, doc, p, f"номер п. {label} повторяется",
                                 suggestion=f"{format_label((*parent, prev + 1))}.")
        elif n < prev:
            yield _label_finding(ST003, doc, p, f"после п. {format_label(last_label[parent])} идёт п. {label}: "
                                 "пункты стоят не по порядку")
        elif n > prev + 1:
            if prev:
                msg = f"после п. {format_label(last_label[parent])} идёт п. {label}: {_missing(last_label[parent], n)}"
            else:
                msg = f"п. {label} — первый в {'разделе' if len(parent) == 1 else 'пункте'} {format_label(parent)}: " + \
                    _missing((*parent, 0), n)
            yield _label_finding(ST001, doc, p, msg, suggestion=f"{format_label((*parent, prev + 1))}.")
        if n >= prev:
            last_child[parent] = n
            last_label[parent] = nums
        seen.add(nums)


def is_act(doc: Document) -> bool:
    kind = doc.meta.doc_kind
    if kind in ACT_KINDS:
        return True
    return kind == DocKind.unknown and any((n := label_numbers(p)) and len(n) >= 2 for p in doc.paragraphs)
