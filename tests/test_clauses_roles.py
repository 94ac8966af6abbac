"""Role and rights/obligations/prohibitions clauses: rendering, agreement, signals against the samples."""

from __future__ import annotations

import re
from functools import lru_cache

import pytest

from sferum_policy.library.templating import context, render_clause
from sferum_policy.vocab import DocKind, OrgKind, Platform

SECTIONS = ("administrator", "management", "class_teacher", "teacher", "student", "parent",
            "rights", "obligations", "prohibitions")
ACTS = ("000", "001", "002", "003")  # 004 is guidance, not an act
_WORD = re.compile(r"[0-9A-Za-zА-Яа-яЁё]+")
_PARA_SPLIT = re.compile(r"(?:^|\n)\s*(?:[-–•]\s+|\d+(?:\.\d+)+\.?\s+)")


@lru_cache(maxsize=1)
def _morph():
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=200_000)
def _lemma(word: str) -> str:
    return _morph().parse(word.lower())[0].normal_form.replace("ё", "е")


def _lemmas(text: str) -> list[str]:
    return [_lemma(w) for w in _WORD.findall(text)]


def _has(seq: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return n > 0 and any(seq[i:i + n] == needle for i in range(len(seq) - n + 1))


def _groups_found(clause, lemmas: list[str]) -> int:
    return sum(any(_has(lemmas, _lemmas(alt)) for alt in group) for group in clause.signals.keyword_groups())


def _min_groups(clause) -> int:
    groups = clause.signals.keyword_groups()
    return clause.signals.min_keywords or max(1, len(groups) - 1)


def _paragraphs(text: str) -> list[list[str]]:
    return [_lemmas(p) for p in _PARA_SPLIT.split(text) if p.strip()]


@lru_cache(maxsize=8)
def _sample(sample_id: str) -> tuple[list[str], list[list[str]]]:
    from tests.conftest import SAMPLE_FILES

    text = SAMPLE_FILES[sample_id].read_text(encoding="utf-8")
    return _lemmas(text), _paragraphs(text)


def _found_in(clause, sample_id: str, *, neighbours: bool) -> bool:
    """Phrase anywhere, or enough keyword groups in one paragraph (optionally with the two before it)."""
    whole, paras = _sample(sample_id)
    if any(_has(whole, _lemmas(p)) for p in clause.signals.phrases):
        return True
    need = _min_groups(clause)
    for i, para in enumerate(paras):
        window = [w for p in paras[max(0, i - 2):i] for w in p] + para if neighbours else para
        if clause.signals.keywords and _groups_found(clause, window) >= need:
            return True
    return False


def _mine(library):
    return [c for c in library if c.section.value in SECTIONS]


def test_sections_have_enough_clauses(library):
    counts = {s: len(library.section(s)) for s in SECTIONS}
    assert all(n >= 3 for n in counts.values()), counts
    assert sum(counts.values()) >= 45


def test_core_duties_are_required(library):
    required = {c.id for c in _mine(library) if c.level.value == "required"}
    for cid in ("administrator.appointment", "administrator.registration", "class_teacher.unit_chats",
                "rights.free_access", "rights.support", "obligations.polite",
                "prohibitions.unlawful_content", "prohibitions.personal_data_collection"):
        assert cid in required


def test_every_clause_renders_for_every_kind_and_platform(library):
    seen = 0
    for clause in _mine(library):
        for kind in clause.org_kinds:
            for platform in clause.platforms:
                for doc in (DocKind.polozhenie, DocKind.poryadok):
                    ctx = context(library.terms, kind, {platform}, doc)
                    text, items = render_clause(clause, ctx)
                    for part in [text, *items]:
                        assert "{{" not in part and "{%" not in part and "}}" not in part, clause.id
                        assert "  " not in part and part == part.strip(), clause.id
                        assert not re.search(r"(?<![А-Яа-яЁё])с ст", part), (clause.id, part)
                    assert text[:1].isupper(), (clause.id, kind, text)
                    assert len(text) > 40, clause.id
                    seen += 1
    assert seen > 300


def test_role_words_follow_the_kind(library):
    lib = library
    chats = lib.get("class_teacher.unit_chats")
    text, items = render_clause(chats, context(lib.terms, OrgKind.college, {Platform.max}))
    assert text.startswith("Куратор учебной группы создает")
    assert any("несовершеннолетних студентов" in i for i in items)
    text, items = render_clause(chats, context(lib.terms, OrgKind.preschool, {Platform.max}))
    assert text.startswith("Воспитатель группы") and not any("с воспитанниками" in i for i in items)
    reg = lib.get("administrator.registration")
    max_text, _ = render_clause(reg, context(lib.terms, OrgKind.school, {Platform.max}))
    vk_text, _ = render_clause(reg, context(lib.terms, OrgKind.school, {Platform.vk_messenger}))
    assert "MAX" in max_text and "заявку на регистрацию" not in max_text
    assert "заявку на регистрацию" in vk_text and "info@sferum.ru" not in vk_text  # no hard-coded address
    ctx = context(lib.terms, OrgKind.school, {Platform.vk_messenger}, support_email="help@school.ru")
    assert "по адресу электронной почты help@school.ru" in render_clause(reg, ctx)[0]


def test_student_section_not_for_preschool(library):
    assert all(OrgKind.preschool not in c.org_kinds for c in library.section("student"))
    assert all(OrgKind.preschool not in c.org_kinds for c in library.select()
               if c.id in ("teacher.subject_chats", "teacher.online_lessons"))


def test_no_clause_obliges_parents_or_students_to_register(library):
    bad = re.compile(r"(обязан\w*|должн\w*)[^.;]{0,80}(установить|зарегистрир|скачать|MAX|VK)", re.I)
    for clause in library.section("student") + library.section("parent"):
        for kind in clause.org_kinds:
            text, items = render_clause(clause, context(library.terms, kind, {Platform.max}))
            assert not bad.search(" ".join([text, *items])), clause.id


def test_quiet_hours_use_profile_options(library):
    clause = library.get("prohibitions.quiet_hours")
    assert clause.option == "quiet_hours"
    default, _ = render_clause(clause, context(library.terms, "school", {Platform.max}))
    assert "с 21:00 до 07:00" in default
    custom, _ = render_clause(clause, context(library.terms, "school", {Platform.max},
                                              options={"quiet_from": "20:00", "quiet_to": "08:00"}))
    assert "с 20:00 до 08:00" in custom


def test_no_changeable_addresses_in_texts(library):
    for clause in _mine(library):
        for src in [clause.text, *(v.text for v in clause.variants), *clause.items]:
            for addr in re.findall(r"\b[\w.-]+\.(?:ru|com|cc)\b\S*", src):
                assert addr == "sferum.ru" or addr.endswith("@sferum.ru") or "info@sferum.ru" in src, (clause.id, addr)


@pytest.mark.parametrize("section", SECTIONS)
def test_provenance_samples_carry_the_signals(library, section):
    missing = [(c.id, s) for c in library.section(section) for s in c.provenance
               if not _found_in(c, s, neighbours=True)]
    assert not missing


@pytest.mark.parametrize("section", SECTIONS)
def test_signals_do_not_fire_on_acts_without_the_provision(library, section):
    """New clauses (no provenance) must not be 'found' in the four sample acts."""
    wrong = [(c.id, s) for c in library.section(section) if not c.provenance for s in ACTS
             if _found_in(c, s, neighbours=False)]
    assert not wrong


def test_signals_are_not_trivially_generic(library):
    for clause in _mine(library):
        groups = clause.signals.keyword_groups()
        assert 2 <= len(groups) <= 6 or (not groups and clause.signals.phrases), clause.id
        assert clause.signals.min_keywords is not None and clause.signals.min_keywords >= 2, clause.id


def test_legal_basis_ids_are_in_the_registry(library, registry):
    unknown = [(c.id, a) for c in _mine(library) for a in c.legal_basis if registry.get(a) is None]
    assert not unknown
