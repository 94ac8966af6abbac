"""Legal references: resolve every citation against the registry and judge it on the as-of date."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..citations import ANCHOR_KINDS, Citation, extract, extract_document
from ..document import Document, Paragraph
from ..library.registry import ActKind, LegalAct, Registry, normalize_number
from ..report import Finding, LegalRefEntry, Location
from ..rules import rule
from ..vocab import Category, DocKind, Severity
from . import check
from .base import CheckContext, Fix, finding

_BASIS_HEAD = (
    "ПОЛОЖЕНИЕ об использовании ИКОП «Сферум»\n1. Общие положения\n"
    "1.1. Положение определяет порядок использования ИКОП «Сферум».\n"
)

LR001 = rule(
    code="LR001", name="repealed-act", category=Category.legal_ref, severity=Severity.error,
    title="Ссылка на акт, утративший силу",
    why="Акт отменён (признан утратившим силу); ссылаться на него как на основание нельзя — акт устарел с даты отмены.",
    fix="Замените ссылку на действующий акт, который указан в замечании.",
    bad=_BASIS_HEAD + "1.2. Положение разработано в соответствии с Законом РФ от 10.07.1992 № 3266-1 «Об образовании».\n",
    good=_BASIS_HEAD + "1.2. Положение разработано в соответствии с Федеральным законом от 29.12.2012 № 273-ФЗ "
    "«Об образовании в Российской Федерации».\n",
    basis=("law-3266-1", "fz-273"),
)
LR002 = rule(
    code="LR002", name="expired-act", category=Category.legal_ref, severity=Severity.error,
    title="Ссылка на акт, срок действия которого истёк",
    why="Акт был принят на определённый срок (например, эксперимент) и больше не действует.",
    fix="Сошлитесь на акт, который действует сейчас (он назван в замечании).",
    bad=_BASIS_HEAD + "1.2. Платформа внедряется в соответствии с постановлением Правительства РФ от 07.12.2020 № 2040 "
    "«О проведении эксперимента по внедрению цифровой образовательной среды».\n",
    good=_BASIS_HEAD + "1.2. Платформа внедряется в соответствии с постановлением Правительства РФ от 13.07.2022 № 1241 "
    "«О федеральной государственной информационной системе «Моя школа»».\n",
    basis=("pp-2040", "pp-1241"),
)
LR003 = rule(
    code="LR003", name="superseded-act", category=Category.legal_ref, severity=Severity.warning,
    title="Ссылка на акт, заменённый другим актом",
    why="Вопрос теперь регулирует другой акт. Формальная отмена прежнего акта в реестре не подтверждена "
    "(или это стандарт, заменённый новой редакцией), поэтому это предупреждение, а не ошибка: ссылка устарела, "
    "но утверждать, что акт юридически недействителен, нельзя.",
    fix="Сошлитесь на акт, который его заменил (назван в замечании).",
    bad=_BASIS_HEAD + "1.2. Положение разработано в соответствии с приказом Минобрнауки России от 23.08.2017 № 816 "
    "«Об утверждении Порядка применения организациями, осуществляющими образовательную деятельность, электронного "
    "обучения, дистанционных образовательных технологий при реализации образовательных программ».\n",
    good=_BASIS_HEAD + "1.2. Положение разработано в соответствии с постановлением Правительства РФ от 11.10.2023 № 1678 "
    "«Об утверждении Правил применения организациями, осуществляющими образовательную деятельность, электронного "
    "обучения, дистанционных образовательных технологий при реализации образовательных программ».\n",
    basis=("minobr-816-2017", "pp-1678"),
)
LR004 = rule(
    code="LR004", name="expiring-act", category=Category.legal_ref, severity=Severity.warning,
    title="Акт скоро утратит силу",
    why="Срок действия акта заканчивается в ближайшие 12 месяцев; после этой даты ссылка устареет, если акт не продлят "
    "или не заменят. Продление и замену реестр подтверждает только по опубликованным актам.",
    fix="Проверьте на publication.pravo.gov.ru, продлён ли акт или чем он заменён, и заранее подготовьте изменения в положение.",
    bad=_BASIS_HEAD + "1.2. При использовании электронных средств обучения соблюдаются требования СП 2.4.3648-20 "
    "«Санитарно-эпидемиологические требования к организациям воспитания и обучения, отдыха и оздоровления детей и молодежи».\n",
    good=_BASIS_HEAD + "1.2. При использовании электронных средств обучения соблюдаются действующие "
    "санитарно-эпидемиологические требования и гигиенические нормативы.\n",
    basis=("sp-2.4.3648-20", "sanpin-1.2.3685-21"),
    example_options={"as_of": "2026-12-02"},
)
LR005 = rule(
    code="LR005", name="citation-mismatch", category=Category.legal_ref, severity=Severity.warning,
    title="Реквизиты ссылки не совпадают с актом",
    why="Номер акта известен, но дата, вид акта или название указаны неверно; по такой ссылке акт трудно найти, "
    "а ошибка в правовом основании снижает доверие к документу.",
    fix="Исправьте реквизиты по образцу из замечания.",
    bad=_BASIS_HEAD + "1.2. Положение разработано в соответствии с постановлением Правительства РФ от 11.10.2022 № 1678.\n",
    good=_BASIS_HEAD + "1.2. Положение разработано в соответствии с постановлением Правительства РФ от 11.10.2023 № 1678.\n",
    basis=("pp-1678",),
)
LR006 = rule(
    code="LR006", name="incomplete-citation", category=Category.legal_ref, severity=Severity.warning,
    title="Неполная ссылка на акт",
    why="В ссылке нет даты или номера акта. Полная ссылка — вид акта, дата, номер и название — однозначно указывает на акт.",
    fix="Дополните ссылку до полной (образец — в замечании).",
    bad=_BASIS_HEAD + "1.2. Положение разработано в соответствии с Федеральным законом «Об образовании в Российской Федерации».\n",
    good=_BASIS_HEAD + "1.2. Положение разработано в соответствии с Федеральным законом от 29.12.2012 № 273-ФЗ "
    "«Об образовании в Российской Федерации».\n",
    basis=("fz-273",),
)
LR007 = rule(
    code="LR007", name="malformed-number", category=Category.legal_ref, severity=Severity.warning,
    title="Номер акта записан с ошибкой",
    why="В номере опечатка (цифра 3 вместо буквы З, пропущен дефис или индекс, «ФЗ-273» вместо «273-ФЗ»); "
    "по такому номеру акт не найти в правовых системах. Лишние пробелы и тире вместо дефиса отмечаются как сведения.",
    fix="Запишите номер так, как он указан в самом акте (образец — в замечании).",
    bad=_BASIS_HEAD + "1.2. Положение разработано в соответствии с Федеральным законом от 29.12.2012 № ФЗ-273 "
    "«Об образовании в Российской Федерации».\n",
    good=_BASIS_HEAD + "1.2. Положение разработано в соответствии с Федеральным законом от 29.12.2012 № 273-ФЗ "
    "«Об образовании в Российской Федерации».\n",
    basis=("fz-273",),
)
LR008 = rule(
    code="LR008", name="unknown-act", category=Category.legal_ref, severity=Severity.info,
    title="Акта нет в реестре",
    why="Акт не найден в реестре программы, поэтому его действие не проверено. Это не значит, что акт устарел.",
    fix="Проверьте реквизиты и действие акта по официальному источнику (publication.pravo.gov.ru).",
    bad=_BASIS_HEAD + "1.2. Положение разработано в соответствии с приказом Минпросвещения России от 01.02.2023 № 999 "
    "«О примерном порядке».\n",
    good=_BASIS_HEAD + "1.2. Положение разработано в соответствии с Федеральным законом от 29.12.2012 № 273-ФЗ "
    "«Об образовании в Российской Федерации».\n",
)
LR009 = rule(
    code="LR009", name="unverified-act", category=Category.legal_ref, severity=Severity.info,
    title="Акт не удалось проверить",
    why="Акт есть в реестре, но его реквизиты или действие не подтверждены открытыми источниками.",
    fix="Проверьте акт по официальному источнику; если подтвердить его не удаётся, уберите ссылку из правовых оснований.",
    bad=_BASIS_HEAD + "1.2. Положение разработано в соответствии с приказом Минцифры России от 15.07.2022 № 542/1.\n",
    good=_BASIS_HEAD + "1.2. Положение разработано в соответствии с постановлением Правительства РФ от 13.07.2022 № 1241.\n",
    basis=("mincifry-542-1-2022",),
)
LR010 = rule(
    code="LR010", name="missing-basis", category=Category.legal_ref, severity=Severity.warning,
    title="Нет ссылки на обязательное правовое основание",
    why="Локальный акт о «Сферуме» опирается на 273-ФЗ и 149-ФЗ; если он регулирует электронное обучение и ДОТ — "
    "на Правила, утверждённые ПП РФ № 1678; если касается персональных данных — на 152-ФЗ.",
    fix="Добавьте в правовые основания акт, названный в замечании.",
    bad=_BASIS_HEAD + "1.2. Платформа применяется при реализации образовательных программ с использованием дистанционных "
    "образовательных технологий.\n1.3. Положение разработано в соответствии с Федеральным законом от 29.12.2012 № 273-ФЗ "
    "«Об образовании в Российской Федерации» и Федеральным законом от 27.07.2006 № 149-ФЗ «Об информации, "
    "информационных технологиях и о защите информации».\n",
    good=_BASIS_HEAD + "1.2. Платформа применяется при реализации образовательных программ с использованием дистанционных "
    "образовательных технологий.\n1.3. Положение разработано в соответствии с Федеральным законом от 29.12.2012 № 273-ФЗ "
    "«Об образовании в Российской Федерации», Федеральным законом от 27.07.2006 № 149-ФЗ «Об информации, "
    "информационных технологиях и о защите информации» и постановлением Правительства РФ от 11.10.2023 № 1678.\n",
    basis=("fz-273", "fz-149", "pp-1678", "fz-152"),
)
LR011 = rule(
    code="LR011", name="letter-as-basis", category=Category.legal_ref, severity=Severity.info,
    title="Письмо указано как правовое основание",
    why="Письма министерств и поручения не являются нормативными правовыми актами: они разъясняют и рекомендуют, "
    "но не могут быть основанием для обязанностей участников.",
    fix="Перенесите письмо из перечня правовых оснований в текст («с учётом методических рекомендаций…») "
    "или оставьте только нормативные акты.",
    bad=_BASIS_HEAD + "1.2. Положение разработано на основании:\n- письма Минпросвещения России от 27.12.2022 № АЗ-1828/04 "
    "«Об использовании федеральных государственных информационных систем».\n",
    good=_BASIS_HEAD + "1.2. При организации работы учитываются разъяснения письма Минпросвещения России от 27.12.2022 "
    "№ АЗ-1828/04 «Об использовании федеральных государственных информационных систем».\n",
    basis=("letter-minpros-az-1828-04-2022",),
)

LR012 = rule(
    code="LR012", name="term-ended-unconfirmed", category=Category.legal_ref, severity=Severity.warning,
    title="Срок действия акта истёк по данным реестра, замена не проверена",
    why="Реестр знает дату окончания действия акта, но не знает, продлён ли он или чем заменён (источники, "
    "доступные при составлении реестра, об этом молчат). Ссылка, возможно, устарела; убирать её нельзя, пока не найден "
    "действующий акт — для санитарных требований это единственное основание.",
    fix="Сверьте на publication.pravo.gov.ru, продлён ли акт или какой акт его заменил, и обновите ссылку.",
    bad=_BASIS_HEAD + "1.2. При использовании электронных средств обучения соблюдаются требования СП 2.4.3648-20 "
    "«Санитарно-эпидемиологические требования к организациям воспитания и обучения, отдыха и оздоровления детей и молодежи».\n",
    good=_BASIS_HEAD + "1.2. При использовании электронных средств обучения соблюдаются действующие "
    "санитарно-эпидемиологические требования и гигиенические нормативы.\n",
    basis=("sp-2.4.3648-20", "sanpin-1.2.3685-21"),
    example_options={"as_of": "2027-01-02"},
)

CODES = ("LR001", "LR002", "LR003", "LR004", "LR005", "LR006", "LR007", "LR008", "LR009", "LR010", "LR011", "LR012")

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
_KIND_WORDS = {
    "federal_law": "федеральный закон",
    "law_rf": "закон РФ",
    "government_decree": "постановление Правительства РФ",
    "government_order": "распоряжение Правительства РФ",
    "ministry_order": "приказ",
    "ministry_letter": "письмо",
    "sanitary_rules": "СП (санитарные правила)",
    "sanitary_norms": "СанПиН",
    "standard": "ГОСТ Р",
    "government_instruction": "поручение Правительства РФ",
}
_OUTDATED = ("repealed", "expired", "superseded")
_LETTERS = ("ministry_letter", "government_instruction")


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


# --- text helpers -------------------------------------------------------------------------------

_QUOTES = re.compile(r"[«»\"“”„‟'‘’]")
_PAREN = re.compile(r"\s*\((?!или\))[^)]*\)")  # editorial notes in a registry title; «и (или)» is the title's own


def _norm_title(t: str) -> str:
    t = _QUOTES.sub("", t.lower().replace("ё", "е"))
    t = re.sub(r"\bрф\b", "российской федерации", t)
    t = re.sub(r"[^\w\s]", " ", t)
    return re.sub(r"\s+", " ", t).strip()


def _fmt(d: date) -> str:
    return f"{d:%d.%m.%Y}"


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


_ISSUER_GEN = {"Рособрнадзор": "Рособрнадзора", "Росстандарт": "Росстандарта"}


def _kind_word(act: LegalAct) -> str:
    word = _KIND_WORDS.get(act.kind.value, "акт")
    if act.kind in (ActKind.ministry_order, ActKind.ministry_letter) and act.issuer:
        word += " " + _ISSUER_GEN.get(act.issuer, act.issuer)
    return word


def full_citation(act: LegalAct) -> str:
    """Full citation for messages: kind and issuer, date, number, title (without editorial notes)."""
    title = _PAREN.sub("", act.title).strip()
    return f"{_short(act)} «{title}»"


def _short(act: LegalAct) -> str:
    """Short citation: kind, date, number (no title)."""
    if act.kind in (ActKind.sanitary_rules, ActKind.sanitary_norms, ActKind.standard):
        return act.short_names[0] if act.short_names else act.number or act.title
    parts = [_kind_word(act)]
    if act.date:
        parts.append(f"от {_fmt(act.date)}")
    if act.number:
        parts.append(f"№ {act.number}")
    return " ".join(parts)


# --- title matching (rapidfuzz, choices cached per registry) ------------------------------------

_TITLE_CACHE: dict[int, tuple[Registry, list[tuple[str, LegalAct]]]] = {}


def _title_choices(registry: Registry) -> list[tuple[str, LegalAct]]:
    hit = _TITLE_CACHE.get(id(registry))
    if hit is not None and hit[0] is registry:
        return hit[1]
    choices = []
    for act in registry:
        for name in (_PAREN.sub("", act.title), *act.short_names):
            n = _norm_title(name)
            if n:
                choices.append((n, act))
    _TITLE_CACHE[id(registry)] = (registry, choices)
    return choices


def match_title(title: str, registry: Registry, kinds: Iterable[str] = ()) -> LegalAct | None:
    """The registry act whose title or short name matches ``title`` (preferring ``kinds`` in order)."""
    from rapidfuzz import fuzz

    q = _norm_title(title)
    if len(q) < 5:
        return None
    choices = _title_choices(registry)
    order = list(kinds) or [None]
    for kind in order:
        best, best_score = None, 0.0
        for name, act in choices:
            if kind is not None and act.kind.value != kind:
                continue
            score = fuzz.ratio(q, name)
            if score < 88 and len(q) >= 10 and (name.startswith(q) or (q.startswith(name) and len(name) >= 25)):
                score = 88.0
            if score > best_score:
                best, best_score = act, score
        if best is not None and best_score >= 88:
            return best
    return None


_CODE_NUMBER = re.compile(r"\d[\d.\-–/]{5,}\d")


def _number_in_title(title: str, act: LegalAct) -> str | None:
    """A number in ``title`` that is ``act``'s number with its punctuation lost or changed, or None."""
    if not act.number or not re.search(r"\d\.\d", act.number):
        return None
    want = re.sub(r"\D", "", act.number)
    for m in _CODE_NUMBER.finditer(title):
        got = m.group()
        if got != act.number and re.sub(r"\D", "", got) == want:
            return got
    return None


def _title_ok(cited: str, act: LegalAct) -> bool:
    from rapidfuzz import fuzz

    a = _norm_title(cited)
    for name in (_PAREN.sub("", act.title), *act.short_names):
        b = _norm_title(name)
        if fuzz.ratio(a, b) >= 85 or (len(a) >= 25 and (b.startswith(a) or a.startswith(b))):
            return True
    return False


# --- resolution ---------------------------------------------------------------------------------


def _by_issuer(acts: list[LegalAct], issuer: str | None) -> list[LegalAct]:
    hint = _ISSUER_HINT.get(issuer or "")
    if not hint:
        return acts
    return [a for a in acts if re.search(hint, a.issuer, re.IGNORECASE)] or acts


_LIVE = ("in_force", "expiring")


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
        if st in _LIVE:
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
        return "; ".join(f"{_short(a)} — срок действия истёк {a.until_text()}" if a.effective_until
                         else f"{_short(a)} — не действует" for a in acts)

    if live:
        parts = []
        for a in live:
            cite = full_citation(a)
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
            title_fits = bool(c.title) and _title_ok(c.title, act)
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
    full = _cap(full_citation(act))
    if c.date and act.date and c.date != act.date and not c.code_like and c.kind != "sanitary_decree":
        out.append(Problem(
            "LR005",
            f"Дата не совпадает: в ссылке {_fmt(c.date)}, а {_short(act)} принят {_fmt(act.date)}.",
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
    bad_number = _number_in_title(c.title, act) if c.title else None
    if bad_number is not None:
        out.append(Problem(
            "LR007",
            f"Номер акта в названии записан с ошибкой: «{bad_number}»; правильно — {act.number}.",
            next((n for n in act.short_names if act.number in n), act.number),
        ))
    # a title no source confirms (an order of the Government usually has none: the registry keeps a summary)
    # is nothing to hold a citation against
    elif c.title and c.number and act.status.value != "unverified" and not act.unverified("title") \
            and not _title_ok(c.title, act):
        out.append(Problem(
            "LR005",
            f"Название не совпадает с названием акта {_short(act)}: «{c.title}».",
            f"Правильное название: «{_PAREN.sub('', act.title).strip()}».",
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
    name = _short(act)
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
            f"Не удалось проверить: {full_citation(act)}." + (f" {_cap(note)}." if note else ""),
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
            f"Полная ссылка: {_cap(full_citation(act))}.",
        ))
    if res.incomplete and st == "in_force":
        res.status = "incomplete"
    return res


def resolve_text(text: str, registry: Registry, as_of: date) -> list[Resolution]:
    """Extract and resolve every citation of ``text`` (the benchmark and tests use this)."""
    return [resolve(c, registry, as_of) for c in extract(text)]


# --- document-level judgements ------------------------------------------------------------------

_BASIS = re.compile(
    r"разработан\w*\s+(?:в\s+соответствии|на\s+основании|с\s+уч[её]том)|(?:принят|утвержд|издан)\w*\s+на\s+основании"
    r"|нормативн\w+\s+правов\w+\s+акт\w*\s*:|правов\w+\s+основ\w*|в\s+соответствии\s+со?\s+следующ|нормативн\w+\s+баз\w*",
    re.IGNORECASE,
)
_NEW_CLAUSE = re.compile(r"\n(?:\d+(?:\.\d+)+\.?|\d+\.)\s")
_NEEDS = (
    ("fz-273", None),
    ("fz-149", None),
    ("pp-1678", re.compile(r"дистанционн\w*\s+образовательн\w*\s+технолог|электронн\w+\s+обучени|(?<!\w)ДОТ(?!\w)", re.IGNORECASE)),
    ("fz-152", re.compile(r"персональн\w+\s+данн", re.IGNORECASE)),
)


def _in_basis_list(doc: Document, c: Citation) -> bool:
    lo = max(0, c.start - 2500)
    window = doc.text[lo:c.start]
    last = None
    for m in _BASIS.finditer(window):
        last = m
    if last is None:
        return False
    return _NEW_CLAUSE.search(window, last.end()) is None


def _sole(live: list[LegalAct], as_of: date) -> LegalAct | None:
    """The successor an edit may cite: exactly one, in force on the as-of date (not itself expiring)."""
    return live[0] if len(live) == 1 and live[0].status_on(as_of) == "in_force" else None


# a citation that is the subject of its own repeal, or the act something replaces, names the old act on purpose
_SAYS_REPEALED = re.compile(r"[^.;]{0,40}?(?:утратил\w*|утративш\w*|отмен\w*|признан\w*\s+утративш\w*|замен[её]н\w*|"
                            r"не\s+применя\w*|не\s+действ\w*)", re.IGNORECASE)
_IN_PLACE_OF = re.compile(r"(?:взамен|вместо|на\s+смену|отмене|отменой)\s*$", re.IGNORECASE)


def _fix(p: Paragraph | None, c: Citation, prob: Problem, cited: set[str] | None = None) -> Fix | None:
    """The repair of a citation: the misspelt number rewritten (safe), or the citation of a repealed,
    lapsed or replaced act replaced by the full citation of its one successor in the same case (unsafe)."""
    if p is None or c.par_start is None or c.par_end is None:
        return None
    if prob.number and c.number:
        pattern = r"\s*".join(re.escape(ch) for ch in c.number if not ch.isspace())
        m = re.search(pattern, p.text[c.par_start:min(c.par_end, len(p.text))])
        if m is None:
            return None
        return Fix(prob.number, start=c.par_start + m.start(), end=c.par_start + m.end())
    if prob.successor is not None and c.par_end <= len(p.text):
        from ..nlp import inflect_head, phrase_case

        if _SAYS_REPEALED.match(p.text, c.par_end, min(len(p.text), c.par_end + 80)) \
                or _IN_PLACE_OF.search(p.text, max(0, c.par_start - 40), c.par_start):
            return None  # «приказ № 816 утратил силу», «взамен приказа № 816»: the old act is meant

        written = p.text[c.par_start:c.par_end]
        # the full citation once; later citations of the same successor by kind, date and number only
        new = _short(prob.successor) if cited is not None and prob.successor.id in cited else full_citation(prob.successor)
        if cited is not None:
            cited.add(prob.successor.id)
        case = phrase_case(written)
        if case and case != "nomn":
            new = inflect_head(new, case)
        if written[:1].isupper():
            new = new[:1].upper() + new[1:]
        return Fix(new, "unsafe")
    return None


def _locate(doc: Document, c: Citation, rl, prob: Problem, cited: set[str] | None = None) -> Finding:
    p = doc.paragraphs[c.paragraph] if c.paragraph is not None else None
    args = {"citation": c.text}
    if prob.successor is not None:
        args["successor"] = prob.successor.id
    return finding(
        rl, doc, prob.message, paragraph=p, start=c.par_start, end=c.par_end, text=c.text,
        suggestion=prob.suggestion, severity=prob.severity, act_id=None, fix=_fix(p, c, prob, cited), args=args,
    )


_SENTENCE_END = re.compile(r"(?<!\bп)(?<!\bст)(?<!\bч)(?<!\bг)(?<!\bт)(?<!\bр)(?<!\bпп)(?<!\bгг)\.\s+(?=[А-ЯЁA-Z«])")


def _first_sentence(text: str) -> str:
    """The first sentence of a registry note (abbreviations such as «п. 15», «ст. 10» don't end it)."""
    m = _SENTENCE_END.search(text)
    return text[: m.start()] if m else text


def _rules() -> dict[str, object]:
    return {r.code: r for r in (LR001, LR002, LR003, LR004, LR005, LR006, LR007, LR008, LR009, LR010, LR011, LR012)}


def judge(doc: Document, registry: Registry, as_of: date) -> tuple[list[Resolution], Iterator[Finding]]:
    """Resolve every citation of ``doc``; return the resolutions and the findings they lead to."""
    cites = extract_document(doc)
    doc.annotations["citations"] = cites
    resolutions = [resolve(c, registry, as_of) for c in cites]
    for r in resolutions:
        if _own_requisite(doc, r.citation):
            r.status = "internal"
    complete = {r.act.id for r in resolutions if r.act is not None and not r.incomplete}
    for r in resolutions:
        if r.act is not None and r.act.id in complete and r.incomplete:
            r.problems = [p for p in r.problems if p.code != "LR006"]
            if r.status == "incomplete":
                r.status = "in_force"
    return resolutions, _findings(doc, resolutions, registry, as_of)


def _own_requisite(doc: Document, c: Citation) -> bool:
    """True for the act's own approval/adoption order («УТВЕРЖДЕНО приказом … от … № …»)."""
    if c.paragraph is None or c.number is None:
        return False
    for req in doc.meta.requisites:
        if req.paragraph is not None and 0 <= c.paragraph - req.paragraph <= 8 and req.number \
                and req.number.replace(" ", "") == c.number.replace(" ", "") and req.date == c.date:
            return True
    return False


def _findings(doc: Document, resolutions: list[Resolution], registry: Registry, as_of: date) -> Iterator[Finding]:
    rules = _rules()
    once: set[tuple[str, str]] = set()
    cited: set[str] = set()  # successors already given their full citation by an edit
    for r in resolutions:
        if r.status == "internal":
            continue
        c = r.citation
        key_id = r.act.id if r.act else c.text
        for prob in r.problems:
            if prob.code in ("LR008", "LR009"):
                if (prob.code, key_id) in once:
                    continue
                once.add((prob.code, key_id))
            f = _locate(doc, c, rules[prob.code], prob, cited)
            f.act_id = r.act.id if r.act else None
            yield f
        is_letter = (r.act.kind.value in _LETTERS) if r.act else c.kind in _LETTERS
        if is_letter and ("LR011", key_id) not in once and _in_basis_list(doc, c):
            once.add(("LR011", key_id))
            what = "Поручение" if (r.act.kind.value if r.act else c.kind) == "government_instruction" else "Письмо"
            f = _locate(doc, c, LR011, Problem(
                "LR011",
                f"{what} не является нормативным правовым актом, но указано среди правовых оснований: «{c.text}».",
                f"Оставьте в правовых основаниях нормативные акты, а на {what.lower()} сошлитесь в тексте "
                "(«с учётом методических рекомендаций…»).",
            ))
            f.act_id = r.act.id if r.act else None
            yield f
    yield from _missing_basis(doc, resolutions, registry, as_of)


def _missing_basis(doc: Document, resolutions: list[Resolution], registry: Registry, as_of: date) -> Iterator[Finding]:
    if doc.meta.doc_kind == DocKind.not_local_act:
        return
    registry_acts = {r.act.id: r.act for r in resolutions if r.act is not None}
    cited = set(registry_acts) | {rid for r in resolutions for rid in r.replaced_by}
    anchor = None
    m = _BASIS.search(doc.text)
    if m:
        anchor = doc.paragraph_at(m.start())
    for act_id, pattern in _NEEDS:
        if act_id in cited:
            continue
        if pattern is not None and not pattern.search(doc.text):
            continue
        needed = registry.get(act_id)
        if needed is None or needed.status_on(as_of) not in ("in_force", "expiring", "not_yet"):
            continue  # never advise citing an act that is not in force on the as-of date
        yield finding(
            LR010, doc, f"Нет ссылки на {_NEED_NAMES[act_id]}.",
            paragraph=anchor, text=anchor.text if anchor else None,
            suggestion=f"Добавьте в правовые основания: {_NEED_CITES[act_id]}.", act_id=act_id,
        )


_NEED_NAMES = {
    "fz-273": "Федеральный закон № 273-ФЗ «Об образовании в Российской Федерации»",
    "fz-149": "Федеральный закон № 149-ФЗ «Об информации, информационных технологиях и о защите информации»",
    "pp-1678": "постановление Правительства РФ № 1678 (Правила применения электронного обучения и ДОТ), "
    "хотя акт регулирует электронное обучение или дистанционные образовательные технологии",
    "fz-152": "Федеральный закон № 152-ФЗ «О персональных данных», хотя акт касается персональных данных",
}
_NEED_CITES = {
    "fz-273": "Федеральный закон от 29.12.2012 № 273-ФЗ «Об образовании в Российской Федерации»",
    "fz-149": "Федеральный закон от 27.07.2006 № 149-ФЗ «Об информации, информационных технологиях и о защите информации»",
    "pp-1678": "постановление Правительства РФ от 11.10.2023 № 1678 «Об утверждении Правил применения организациями, "
    "осуществляющими образовательную деятельность, электронного обучения, дистанционных образовательных технологий "
    "при реализации образовательных программ»",
    "fz-152": "Федеральный закон от 27.07.2006 № 152-ФЗ «О персональных данных»",
}


def entry(doc: Document, r: Resolution) -> LegalRefEntry:
    """The report's record of one resolved citation."""
    c = r.citation
    loc = Location()
    if c.paragraph is not None:
        p = doc.paragraphs[c.paragraph]
        line = p.source_line
        cmap = p.char_map
        s = c.par_start or 0
        if cmap and doc.source_text is not None and doc.format in ("txt", "md") and s < len(cmap):
            line = doc.source_text.count("\n", 0, cmap[s]) + 1
        loc = Location(paragraph=p.index, label=p.label, start=c.start, end=c.end, line=line)
    act = r.act
    return LegalRefEntry(
        text=c.text, kind=c.kind, number=c.number, date=c.date, title=c.title,
        act_id=act.id if act else None, status=r.status, replaced_by=r.replaced_by, location=loc,
        effective_until=act.effective_until if act else None,
        effective_until_verified=not act.unverified("effective_until") if act and act.effective_until else None,
    )


@check("legal_refs", order=30, codes=CODES)
def run(doc: Document, ctx: CheckContext) -> Iterable[Finding]:
    """Resolve citations, store them for the report and yield the findings."""
    resolutions, found = judge(doc, ctx.registry, ctx.as_of)
    findings = list(found)
    doc.annotations["legal_refs"] = [entry(doc, r) for r in resolutions if r.status != "internal"]
    return findings
