"""The organisation profile: validation with Russian messages naming file and field, shorthands."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from sferum_policy.errors import DataError
from sferum_policy.generator.profile import BOOLEAN_OPTIONS, Options, load_profile, parse_profile
from sferum_policy.vocab import Platform

ROOT = Path(__file__).resolve().parent.parent
PROFILES = sorted((ROOT / "samples" / "profiles").glob("*.yaml"))

MINIMAL = """
organization:
  full_name: Муниципальное бюджетное общеобразовательное учреждение «Школа № 5»
  short_name: МБОУ «Школа № 5»
  kind: school
  head: {position: Директор, name: И.И. Петров}
approval: {order_date: 31.08.2026, order_number: 12-од}
"""


def test_every_sample_profile_loads_and_names_its_file():
    assert len(PROFILES) == 6
    kinds = set()
    for path in PROFILES:
        profile = load_profile(path)
        kinds.add(profile.organization.kind.value)
        assert profile.source == str(path)
    assert kinds == {"preschool", "school", "boarding_school", "college", "additional", "district"}


def test_defaults_max_platform_polozhenie_and_options():
    p = parse_profile(MINIMAL)
    assert p.document.platforms == [Platform.max]
    assert p.document.kind == "polozhenie"
    assert p.options.opt_out is True and p.options.quiet_from == "21:00"
    assert p.approval.style == "utverzhdeno"
    assert p.approval.order_date == date(2026, 8, 31)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("both", [Platform.max, Platform.vk_messenger]), ("vk_messenger", [Platform.vk_messenger]),
     ("[max, web]", [Platform.max, Platform.web]), ("[max, both]", [Platform.max, Platform.vk_messenger])],
)
def test_platform_shorthands(value, expected):
    p = parse_profile(MINIMAL + f"document: {{platforms: {value}}}\n")
    assert p.document.platforms == expected


def test_russian_words_for_document_kind_and_grif():
    p = parse_profile(MINIMAL.replace("order_number: 12-од}", "style: УТВЕРЖДАЮ}") + "document: {kind: Порядок}\n")
    assert p.document.kind == "poryadok"
    assert p.approval.style == "utverzhdayu"


def test_utverzhdayu_with_an_order_number_is_refused():
    """With «УТВЕРЖДАЮ» the act is signed, not approved by an order: a number would be silently dropped."""
    with pytest.raises(DataError, match="номер приказа"):
        parse_profile(MINIMAL.replace("order_number: 12-од}", "order_number: 12-од, style: УТВЕРЖДАЮ}"))


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        (("kind: school", "kind: gymnasium"), "organization.kind", "недопустимое значение"),
        (("  full_name: Муниципальное бюджетное общеобразовательное учреждение «Школа № 5»\n", ""),
         "organization.full_name", "не заполнено"),
        (("order_date: 31.08.2026", "order_date: 31.02.2026"), "approval.order_date", "не дата"),
        (("name: И.И. Петров", "name: Петров"), "organization.head.name", "инициалами"),
        (("head: {position: Директор, name: И.И. Петров}", "head: {position: Директор, name: И.И. Петров, age: 50}"),
         "organization.head.age", "неизвестное поле"),
    ],
)
def test_bad_profile_one_russian_line_names_file_line_and_field(tmp_path, change, field, words):
    path = tmp_path / "профиль.yaml"
    path.write_text(MINIMAL.replace(*change), encoding="utf-8")
    with pytest.raises(DataError) as exc:
        load_profile(path)
    message = str(exc.value)
    assert message.startswith(f"{path}:") and f"«{field}»" in message and words in message
    assert "\n" not in message


def test_bad_time_and_email_options():
    with pytest.raises(DataError, match="ЧЧ:ММ"):
        parse_profile(MINIMAL + "options: {quiet_from: '9 вечера'}\n", "p.yaml")
    with pytest.raises(DataError, match="электронной почты"):
        parse_profile(MINIMAL + "options: {support_email: нет}\n", "p.yaml")


def test_include_and_exclude_of_the_same_clause_is_an_error():
    with pytest.raises(DataError, match="и в include, и в exclude"):
        parse_profile(MINIMAL + "include: [rights.seminars]\nexclude: [rights.seminars]\n", "p.yaml")


def test_json_profile(tmp_path):
    import yaml

    data = yaml.safe_load(MINIMAL)
    path = tmp_path / "p.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert load_profile(path).organization.short_name == "МБОУ «Школа № 5»"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(DataError, match="JSON"):
        load_profile(path)


def test_malformed_yaml_and_non_mapping(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("organization: [a, b\n", encoding="utf-8")
    with pytest.raises(DataError, match="YAML"):
        load_profile(path)
    path.write_text("- a\n- b\n", encoding="utf-8")
    with pytest.raises(DataError, match="словарем"):
        load_profile(path)


def test_boolean_options_are_the_bool_fields():
    assert set(BOOLEAN_OPTIONS) == {"quiet_hours", "opt_out", "personal_data", "ethics", "support_contacts",
                                    "administrator_appointment", "familiarisation_sheet"}
    assert all(isinstance(getattr(Options(), name), bool) for name in BOOLEAN_OPTIONS)


def test_every_clause_option_names_a_boolean_profile_option(library):
    used = {c.id: c.option for c in library if c.option}
    assert used, "в библиотеке нет ни одного положения с option"
    bad = {cid: opt for cid, opt in used.items() if opt not in BOOLEAN_OPTIONS}
    assert not bad, f"option не соответствует параметрам профиля: {bad}"


def test_generator_option_map_names_real_clauses(library):
    from sferum_policy.generator.assemble import OPTION_CLAUSES

    assert set(OPTION_CLAUSES) <= set(BOOLEAN_OPTIONS)
    missing = [cid for ids in OPTION_CLAUSES.values() for cid in ids if cid not in library]
    assert not missing
