"""Resolving one citation against the registry on a date: which act it names, its status, what is wrong
with the citation (number, date, kind, title; an act out of force and what replaced it)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from ...library.acts import CITE_KIND, IN_FORCE, LegalAct, normalize_number
from ...library.registry import Registry
from ...vocab import Severity
from .citations import ANCHOR_KINDS, Citation, extract
from .titles import PAREN, match_title, number_in_title, title_ok

# Registry kinds a citation's wording is compatible with.
_COMPATIBLE: dict[str, tuple[str, ...]] = {
    "federal_law": ("federal_law", "law_rf"),
    "law_rf": ("law_rf", "federal_law"),
    "law": ("federal_law", "law_rf"),
    "government_decree": ("government_decree",),
    "government_order": ("government_order",),
    "ministry_order": ("ministry_order",),
    "ministry_letter": ("ministry_letter",),
    "sanitary_rules": ("sanitary_rules", "sanitary_norms"),
    "sanitary_norms": ("sanitary_norms", "sanitary_rules"),
    "sanitary_decree": ("sanitary_rules", "sanitary_norms"),
    "standard": ("standard",),
    "government_instruction": ("government_instruction",),
    "other": ("other",),
}
_ISSUER_HINT = {
    "minpros": r"просвещ",
    "minobr": r"обрнауки|образования\s+и\s+науки",
    "mincifry": r"цифр|комсвяз|связи",
    "rosobr": r"рособрнадзор|надзору\s+в\s+сфере\s+образования",
    "government": r"правительств",
    "sanitary": r"санитар",
}
_KIND_WORDS = {k.value: v for k, v in CITE_KIND.items()}  # a citation kind's word; others print as is
_OUTDATED = ("repealed", "expired", "superseded")
LETTERS = ("ministry_letter", "government_instruction")


@dataclass(slots=True)
class Problem:
    """Something wrong with one citation: the rule, the message, the suggestion."""

    code: str
    message: str
    suggestion: str | None = None
    severity: Severity | None = None
    number: str | None = None  # the act's registry number: the edit rewrites the number as written (LR007)
    successor: LegalAct | None = None  # the one act in force that replaces the cited one: the edit cites it


@dataclass(slots=True)
class Resolution:
    """A citation resolved against the registry on a date."""

    citation: Citation
    act: LegalAct | None
    status: str  # in_force expiring lapsed repealed expired superseded unverified unknown incomplete internal
    replaced_by: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def incomplete(self) -> bool:
        c = self.citation
        if c.code_like or c.kind == "sanitary_decree" or c.anchor == "fznum":
            return False  # codes have no date; a bare «273-ФЗ» is a short reference, not a citation
        return c.number is None or c.date is None


def _fmt(d: date) -> str:
    return f"{d:%d.%m.%Y}"


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


# --- resolution ---------------------------------------------------------------------------------


def _by_issuer(acts: list[LegalAct], issuer: str | None) -> list[LegalAct]:
    hint = _ISSUER_HINT.get(issuer or "")
    if not hint:
        return acts
    return [a for a in acts if re.search(hint, a.issuer, re.IGNORECASE)] or acts




def _current(registry: Registry, act: LegalAct, as_of: date) -> tuple[list[LegalAct], list[LegalAct]]:
    """Walk ``act``'s replacement chain (e.g. 137 → 2 → 816 → 1678) on ``as_of``.

    Return the acts in force that replace it, and the dead ends: successors that are themselves out of
    force with no further successor (СанПиН 2.4.2.2821-10 → СП 2.4.3648-20 after 01.01.2027). A
    successor that is not in force, or unverified, is never suggested.
    """
    live: list[LegalAct] = []
    dead: list[LegalAct] = []
    seen = {act.id}
    todo = list(act.replaced_by)
    while todo:
        rid = todo.pop(0)
        if rid in seen:
            continue
        seen.add(rid)
        r = registry.get(rid)
        if r is None:
            continue
        st = r.status_on(as_of)
        if st in IN_FORCE:
            live.append(r)
        elif r.replaced_by:
            todo.extend(r.replaced_by)
        else:
            dead.append(r)
    return live, dead


_PORTAL_CHECK = "сверьте на publication.pravo.gov.ru, какой акт действует сейчас"


def _advice(live: list[LegalAct], dead: list[LegalAct], fallback: str, as_of: date | None = None) -> str:
    """What to cite instead: the current successors (with their own end dates), or why the registry knows none."""
    def ends(acts: list[LegalAct]) -> str:
        return "; ".join(f"{a.short_citation()} — срок действия истёк {a.until_text()}" if a.effective_until
                         else f"{a.short_citation()} — не действует" for a in acts)

    if live:
        parts = []
        for a in live:
            cite = a.citation()
            if a.effective_until and as_of is not None and a.status_on(as_of) == "expiring":
                cite += f" (действует до {a.until_text()}; продление не подтверждено)"
            parts.append(cite)
        out = f"Сошлитесь на {'; '.join(parts)}."
        if dead:
            out += f" Другая замена по реестру уже не действует ({ends(dead)})."
        return out
    if dead:
        return (f"Замена, указанная в реестре, сама не действует на дату проверки ({ends(dead)}); действующая замена в "
                f"реестре не известна — {_PORTAL_CHECK}.")
    return fallback


def _find(c: Citation, registry: Registry) -> tuple[LegalAct | None, str | None]:
    """Find the act a citation means; also return the registry number spelling it matched."""
    base = ANCHOR_KINDS.get(c.anchor, c.kind) if c.internal else c.kind
    kinds = _COMPATIBLE.get(base or "", ())
    if c.number:
        number = c.number
        if re.fullmatch(r"\d{1,4}", number) and c.kind in ("federal_law", "law") and c.anchor in ("fz", "fzabbr", "law"):
            number += "-ФЗ"
        cands = registry.by_number(number)
        kinded = [a for a in cands if a.kind.value in kinds]
        if not c.internal:
            kinded = _by_issuer(kinded, c.issuer)
        for pool in (kinded, cands):
            exact = [a for a in pool if c.date and a.date == c.date]
            if exact:
                return exact[0], number
        if not c.internal and len(kinded) == 1:
            act = kinded[0]
            distinctive = len(normalize_number(number)) >= 3
            same_issuer = c.issuer is None or bool(
                re.search(_ISSUER_HINT.get(c.issuer, "."), act.issuer, re.IGNORECASE)
            )
            title_fits = bool(c.title) and title_ok(c.title, act)
            if c.date is None or title_fits or (distinctive and same_issuer) or c.code_like:
                return act, number
        if c.internal:
            return None, None
    if c.internal or c.kind == "regional_act":
        return None, None
    if c.title:
        prefer = [base] if base in _COMPATIBLE and base not in ("law",) else []
        prefer += [k for k in kinds if k not in prefer]
        act = match_title(c.title, registry, prefer)
        if act is not None:
            return act, None
    if c.date and not c.number and kinds:
        same = [a for a in registry if a.date == c.date and a.kind.value in kinds]
        if len(same) == 1:
            return same[0], None
    return None, None


def _number_problem(c: Citation, act: LegalAct, matched: str | None) -> Problem | None:
    if not c.number or not act.number:
        return None
    written = c.number
    canon = act.number
    if normalize_number(matched or written) != normalize_number(canon):
        return None
    if any(normalize_number(written) == normalize_number(alt) for alt in act.alt_numbers):
        return None
    if c.code_like:
        prefix = {"sanitary_rules": "СП ", "sanitary_norms": "СанПиН ", "standard": "ГОСТ Р "}.get(act.kind.value, "")
        canon_show = prefix + canon
    else:
        canon_show = "№ " + canon
    if written == canon:
        return None
    cosmetic = re.sub(r"\s+", "", written.translate(str.maketrans({"–": "-", "—": "-", "‑": "-"})))
    if cosmetic == canon or cosmetic.upper() == canon.upper():
        return Problem(
            "LR007",
            f"Номер акта записан небрежно: «{written}» (лишние пробелы, тире или регистр букв).",
            f"Запишите номер без пробелов: {canon_show}.",
            severity=Severity.info,
            number=canon,
        )
    detail = ""
    if re.search(r"Ф3$", written.replace(" ", ""), re.IGNORECASE):
        detail = " (цифра «3» вместо буквы «З»)"
    elif re.fullmatch(r"\d+", written) and canon.upper().endswith("ФЗ"):
        detail = " (у номера федерального закона нет «-ФЗ»)"
    elif re.match(r"(?i)фз", written):
        detail = " (сначала число, затем «-ФЗ»)"
    return Problem(
        "LR007",
        f"Номер акта записан с ошибкой: «{written}»{detail}; правильно — {canon_show}.",
        f"Исправьте номер: {canon_show}.",
        number=canon,
    )


def _mismatch(c: Citation, act: LegalAct) -> list[Problem]:
    out: list[Problem] = []
    full = _cap(act.citation())
    if c.date and act.date and c.date != act.date and not c.code_like and c.kind != "sanitary_decree":
        out.append(Problem(
            "LR005",
            f"Дата не совпадает: в ссылке {_fmt(c.date)}, а {act.short_citation()} принят {_fmt(act.date)}.",
            f"Правильная ссылка: {full}.",
        ))
    kind = c.kind if not c.internal else ANCHOR_KINDS.get(c.anchor)
    if kind and kind not in ("law", "sanitary_decree", "other") and kind != act.kind.value:
        wrong = _KIND_WORDS.get(kind, kind)
        right = _KIND_WORDS.get(act.kind.value, act.kind.value)
        if not ({kind, act.kind.value} <= {"sanitary_rules", "sanitary_norms"} and c.number is None):
            out.append(Problem(
                "LR005",
                f"Вид акта указан неверно: это {right}, а не {wrong}.",
                f"Правильная ссылка: {full}.",
            ))
    # the act's own number misprinted inside the cited title («СП 2.4.3648.20» for «СП 2.4.3648-20»): that is
    # the defect, and the right number is the fix — not the whole title
    bad_number = number_in_title(c.title, act) if c.title else None
    if bad_number is not None:
        out.append(Problem(
            "LR007",
            f"Номер акта в названии записан с ошибкой: «{bad_number}»; правильно — {act.number}.",
            next((n for n in act.short_names if act.number in n), act.number),
        ))
    # a title no source confirms (an order of the Government usually has none: the registry keeps a summary)
    # is nothing to hold a citation against
    elif c.title and c.number and act.status.value != "unverified" and not act.unverified("title") \
            and not title_ok(c.title, act):
        out.append(Problem(
            "LR005",
            f"Название не совпадает с названием акта {act.short_citation()}: «{c.title}».",
            f"Правильное название: «{PAREN.sub('', act.title).strip()}».",
        ))
    return out


def resolve(c: Citation, registry: Registry, as_of: date) -> Resolution:
    """Resolve one citation on ``as_of``: the act, its status for the report, and what is wrong."""
    if c.internal:
        act, _ = _find(c, registry)
        if act is None:
            return Resolution(c, None, "internal")
    act, matched = _find(c, registry)
    if act is None:
        where = "акт субъекта РФ или муниципалитета: " if c.kind == "regional_act" else ""
        return Resolution(c, None, "unknown", problems=[Problem(
            "LR008",
            f"Акта нет в реестре программы ({where}его действие не проверено): «{c.text}».",
            "Проверьте реквизиты и действие акта по официальному источнику (publication.pravo.gov.ru).",
        )])
    res = Resolution(c, act, "in_force")
    st = act.status_on(as_of)
    if st == "not_yet":
        st = "in_force"
    res.status = st
    live, dead = _current(registry, act, as_of) if st in (*_OUTDATED, "expiring") else ([], [])
    res.replaced_by = [a.id for a in live]
    name = act.short_citation()
    until = act.effective_until
    unsure = " (дата окончания не подтверждена)" if act.unverified("effective_until") else ""
    if st == "repealed":
        when = f" с {_fmt(until)}" if until else ""
        res.problems.append(Problem("LR001", f"{_cap(name)} утратил силу{when}.",
                                    _advice(live, dead, "Уберите ссылку на отменённый акт.", as_of),
                                    successor=_sole(live, as_of)))
    elif st == "expired" and act.term_lapsed(as_of) and not live:
        res.status = "lapsed"
        res.problems.append(Problem(
            "LR012",
            f"{_cap(name)}: срок действия по данным реестра истёк {act.until_text()}; продление или замена "
            f"не проверены (реестр сверен {_fmt(act.reviewed_on)}).",
            f"Не убирайте ссылку, пока не найдёте действующий акт: {_PORTAL_CHECK}, и обновите ссылку.",
        ))
    elif st == "expired":
        last = f", акт действовал по {_fmt(until - timedelta(days=1))}" if until else ""
        res.problems.append(Problem("LR002", f"{_cap(name)}: срок действия истёк{last}.",
                                    _advice(live, dead, "Уберите ссылку на акт, срок действия которого истёк.", as_of),
                                    successor=_sole(live, as_of)))
    elif st == "superseded":
        since = f" с {_fmt(until)}" if until else ""
        res.problems.append(Problem(
            "LR003",
            f"{_cap(name)} заменён другим актом{since}; ссылка устарела.",
            _advice(live, dead, "Сошлитесь на акт, который его заменил.", as_of),
            successor=_sole(live, as_of),
        ))
    elif st == "expiring":
        res.problems.append(Problem(
            "LR004",
            f"{_cap(name)} действует до {_fmt(until)}{unsure}; продление или замена реестром не подтверждены."
            if until else f"{_cap(name)} скоро утратит силу.",
            _advice(live, [], f"До {_fmt(until)} {_PORTAL_CHECK.replace('сейчас', 'после этой даты')}, и при "
                    "необходимости обновите ссылку." if until else "Проверьте, продлён ли акт или чем он заменён."),
        ))
    elif st == "unverified":
        note = re.sub(r"^не удалось проверить:?\s*", "", _first_sentence(act.note).rstrip("."), flags=re.IGNORECASE)
        res.problems.append(Problem(
            "LR009",
            f"Не удалось проверить: {act.citation()}." + (f" {_cap(note)}." if note else ""),
            "Проверьте реквизиты по официальному источнику (publication.pravo.gov.ru); если акт не подтверждается, "
            "уберите ссылку из правовых оснований.",
        ))
    np = _number_problem(c, act, matched)
    if np:
        res.problems.append(np)
    res.problems.extend(_mismatch(c, act))
    if res.incomplete:
        missing = " и ".join(w for w, v in (("даты", c.date), ("номера", c.number)) if v is None)
        res.problems.append(Problem(
            "LR006",
            f"Ссылка неполная: нет {missing} акта.",
            f"Полная ссылка: {_cap(act.citation())}.",
        ))
    if res.incomplete and st == "in_force":
        res.status = "incomplete"
    return res


def resolve_text(text: str, registry: Registry, as_of: date) -> list[Resolution]:
    """Extract and resolve every citation of ``text`` (the benchmark and tests use this)."""
    return [resolve(c, registry, as_of) for c in extract(text)]


def _sole(live: list[LegalAct], as_of: date) -> LegalAct | None:
    """The successor an edit may cite: exactly one, in force on the as-of date (not itself expiring)."""
    return live[0] if len(live) == 1 and live[0].status_on(as_of) == "in_force" else None


# a citation that is the subject of its own repeal, or the act something replaces, names the old act on purpose
SAYS_REPEALED = re.compile(r"[^.;]{0,40}?(?:утратил\w*|утративш\w*|отмен\w*|признан\w*\s+утративш\w*|замен[её]н\w*|"
                            r"не\s+применя\w*|не\s+действ\w*)", re.IGNORECASE)
IN_PLACE_OF = re.compile(r"(?:взамен|вместо|на\s+смену|отмене|отменой)\s*$", re.IGNORECASE)


_SENTENCE_END = re.compile(r"(?<!\bп)(?<!\bст)(?<!\bч)(?<!\bг)(?<!\bт)(?<!\bр)(?<!\bпп)(?<!\bгг)\.\s+(?=[А-ЯЁA-Z«])")


def _first_sentence(text: str) -> str:
    """The first sentence of a registry note (abbreviations such as «п. 15», «ст. 10» don't end it)."""
    m = _SENTENCE_END.search(text)
    return text[: m.start()] if m else text
