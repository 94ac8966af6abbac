"""The generator: clause choice, numbering, legal basis from the registry, role words, outputs."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import pytest
import yaml

from sferum_policy.errors import DataError
from sferum_policy.generator.assemble import assemble, cite_ablt
from sferum_policy.generator.docx_writer import render_docx
from sferum_policy.generator.html import render_html
from sferum_policy.generator.inflect import inflect_phrase
from sferum_policy.generator.markdown import render_markdown
from sferum_policy.generator.profile import load_profile, parse_profile
from sferum_policy.generator.sandbox import render_user_template
from sferum_policy.vocab import Section

ROOT = Path(__file__).resolve().parent.parent
PROFILES = ROOT / "samples" / "profiles"
AS_OF = "01.09.2026"


def _profile(kind: str = "school", **changes):
    data = yaml.safe_load((PROFILES / f"{kind}.yaml").read_text(encoding="utf-8"))
    data.setdefault("document", {})["as_of"] = AS_OF
    for key, value in changes.items():
        target = data
        *path, last = key.split("__")
        for part in path:
            target = target.setdefault(part, {})
        target[last] = value
    return parse_profile(yaml.safe_dump(data, allow_unicode=True), f"{kind}.yaml")


@pytest.fixture(scope="module")
def school(library, registry):
    return assemble(_profile(), library, registry)


def _text(act) -> str:
    return "\n".join(act.plain_lines())


def test_sections_in_canonical_order_and_numbered_consecutively(school):
    order = [s.value for s in Section]
    keys = [s.key for s in school.sections]
    assert keys == sorted(keys, key=order.index)
    for n, section in enumerate(school.sections, 1):
        assert section.label == f"{n}."
        assert [p.label for p in section.points] == [f"{n}.{j}." for j in range(1, len(section.points) + 1)]
    assert keys[0] == "general" and keys[-1] == "final"


def test_points_and_items_are_punctuated(school):
    for section in school.sections:
        for point in section.points:
            if point.items:
                assert point.text.endswith(":") or point.text.endswith(".")
                assert all(i.endswith(";") for i in point.items[:-1]) and point.items[-1].endswith(".")
            else:
                assert point.text[-1] in ".!?", point.text


def test_required_clauses_applicable_to_the_profile_are_all_there(school, library):
    ids = set(school.clause_ids())
    required = [c.id for c in library.select("school", {"max"}) if c.level == "required"]
    assert required and set(required) <= ids
    # no optional clause, except one its ``requires`` switches on (41-ФЗ with the foreign-messenger ban)
    assert [cid for cid in ids if library.get(cid).level == "optional"] == ["legal_basis.fz_41"]


def test_legal_basis_items_cite_the_registry_exactly(school, registry):
    basis = next(s for s in school.sections if s.key == "legal_basis")
    intro = basis.points[0]
    assert intro.text.endswith("в соответствии с:") and len(intro.items) >= 4
    cited = 0
    for cid, item in zip(intro.item_ids, intro.items, strict=True):
        acts = [registry.get(a) for a in _clause(cid).legal_basis]
        if len(acts) != 1:
            continue
        act = acts[0]
        assert item.rstrip(";.") == cite_ablt(act)
        assert f"от {act.date:%d.%m.%Y} № {act.number} «{act.title}»" in item
        assert act.status_on(date(2026, 9, 1)) in ("in_force", "expiring")
        cited += 1
    assert cited >= 4
    assert "3266-1" not in _text(school) and "№ 816" not in _text(school)


def _clause(cid):
    from sferum_policy.pipeline import default_clauses

    return default_clauses().get(cid)


def test_legal_basis_follows_the_as_of_date(library, registry):
    # ПП РФ № 1678 is in force from 01.09.2024: an act as of 2024 must not cite it yet.
    early = assemble(_profile(document__as_of="01.03.2024"), library, registry)
    late = assemble(_profile(), library, registry)
    assert "№ 1678" in _text(late)
    assert "№ 1678" not in _text(early)


def test_personal_data_option_drops_the_personal_data_act(library, registry):
    act = assemble(_profile(options__personal_data=False), library, registry)
    assert "152-ФЗ «О персональных данных»" not in _text(act)
    assert "legal_basis.fz_152" not in act.clause_ids()


def test_quiet_hours_times_and_switch(library, registry):
    pre = assemble(_profile("preschool"), library, registry)
    assert "с 20:00 до 08:00" in _text(pre)
    off = assemble(_profile(options__quiet_hours=False), library, registry)
    assert "prohibitions.quiet_hours" not in off.clause_ids()


@pytest.mark.parametrize(
    ("kind", "present", "absent"),
    [
        ("college", ["студент", "куратор"], ["классный руководитель", "воспитанник"]),
        ("preschool", ["воспитанник", "воспитатель"], ["классный руководитель", "студент"]),
        ("school", ["обучающ", "классный руководитель"], ["студент", "воспитанник", "куратор"]),
        ("additional", ["руководитель объединения"], ["классный руководитель", "студент"]),
    ],
)
def test_role_words_follow_the_organisation_kind(library, registry, kind, present, absent):
    body = "\n".join(p.text for s in assemble(_profile(kind), library, registry).sections for p in s.points).lower()
    for word in present:
        assert word in body, word
    for word in absent:
        assert word not in body, word


def test_requisites_inflected_and_dated_per_gost(school):
    blocks = {b.heading: b.lines for b in school.left_blocks}
    assert blocks["ПРИНЯТО"] == ["педагогическим советом", "(протокол от 28.08.2026 № 1)"]
    mentions = [b.lines[0] for b in school.left_blocks if b.heading == "С учетом мнения"]
    assert mentions == ["совета обучающихся", "совета родителей"]
    assert school.approval.heading == "УТВЕРЖДЕНО"
    assert school.approval.lines == ["приказом директора", "МБОУ «СОШ № 7»", "от 31.08.2026 № 215-од"]
    assert school.kind_title == "ПОЛОЖЕНИЕ" and school.about.startswith("об использовании")


def test_poryadok_and_utverzhdayu(library, registry):
    pre = assemble(_profile("preschool"), library, registry)
    assert pre.kind_title == "ПОРЯДОК" and pre.about.startswith("использования")
    assert pre.approval.heading == "УТВЕРЖДЕН"
    assert "настоящий Порядок" in _text(pre) and "настоящее Положение" not in _text(pre)
    board = assemble(_profile("boarding_school"), library, registry)
    assert board.approval.heading == "УТВЕРЖДАЮ"
    assert board.approval.lines[0] == "Директор ГБОУ «Школа-интернат № 2»" and "Н.П. Козлова" in board.approval.lines[1]
    assert board.approval.lines[-1] == "01.09.2026"


def test_district_act_names_the_subordinate_organisations(library, registry):
    act = assemble(_profile("district"), library, registry)
    assert act.about.endswith("в ведении Управления образования администрации Заречного муниципального округа")
    assert act.left_blocks == []


@pytest.mark.parametrize(
    ("phrase", "case", "expected"),
    [
        ("педагогический совет", "ablt", "педагогическим советом"),
        ("Управляющий совет", "ablt", "Управляющим советом"),
        ("совет обучающихся", "gent", "совета обучающихся"),
        ("Совет родителей (законных представителей)", "gent", "Совета родителей (законных представителей)"),
        ("общее собрание работников", "ablt", "общим собранием работников"),
        ("МБОУ «СОШ № 7»", "gent", "МБОУ «СОШ № 7»"),
        ("Школа № 5", "loct", "Школе № 5"),
        ("Начальник управления", "gent", "Начальника управления"),
    ],
)
def test_inflection_keeps_abbreviations_quotes_and_tails(phrase, case, expected):
    assert inflect_phrase(phrase, case) == expected


def test_include_exclude_and_override(library, registry):
    act = assemble(_profile(include=["administrator.statistics"], exclude=["rights.seminars"],
                            overrides={"final.entry_into_force": "{{ this_act.nomn | cap }} вступает в силу с 01.09.2026."}),
                   library, registry)
    ids = act.clause_ids()
    assert "administrator.statistics" in ids and "rights.seminars" not in ids
    final = next(s for s in act.sections if s.key == "final")
    assert final.points[0].text == "Настоящее Положение вступает в силу с 01.09.2026."


@pytest.mark.parametrize("field", ["include", "exclude"])
def test_unknown_clause_id_names_file_and_field(library, registry, field):
    with pytest.raises(DataError) as exc:
        assemble(_profile(**{field: ["rights.no_such_clause"]}), library, registry)
    assert str(exc.value).startswith(f"school.yaml: поле «{field}»: неизвестное положение «rights.no_such_clause»")


def test_extra_clause_rendered_with_role_words(library, registry):
    extra = [{"section": "obligations", "title": "Ответственный за чат",
              "text": "{{ class_teacher.nomn | cap }} назначает ответственного за чат {{ unit.gent }}.",
              "items": ["{{ org_short }} — {{ students.nomn }}"]}]
    act = assemble(_profile("college", extra_clauses=extra), library, registry)
    obligations = next(s for s in act.sections if s.key == "obligations")
    last = obligations.points[-1]
    assert last.text == "Куратор учебной группы назначает ответственного за чат учебной группы."
    assert last.items == ["ГАПОУ «ЗПК» — студенты."] and last.clause_id is None


ATTACKS = [
    "{{ ''.__class__.__mro__ }}",
    "{{ cycler.__init__.__globals__ }}",
    "{% import os %}",
    "{% import 'os' as os %}",
    "{% include 'x' %}",
    "{{ self }}",
    "{{ range(10**9)|list }}",
    "{{ 10**10**10 }}",
    "{{ 'a' * 1000000 }}",
    "{{ 'x'|center(1000000000) }}",
    "{{ org_short.upper() }}",
    "{{ org_short|attr('__class__') }}",
    "{{ options['__class__'] }}",
    "{% for a in org_name %}{% for b in org_name %}{% endfor %}{% endfor %}",
    "{{ no_such_variable }}",
]


@pytest.mark.parametrize("source", ATTACKS)
def test_user_templates_cannot_reach_internals(source):
    ctx = {"org_short": "МБОУ", "org_name": "Школа", "options": {"quiet_from": "21:00"}}
    with pytest.raises(DataError) as exc:
        render_user_template(source, ctx, "p.yaml: поле «extra_clauses.0.text»")
    message = str(exc.value)
    assert message.startswith("p.yaml: поле «extra_clauses.0.text»: ") and "\n" not in message
    assert re.search(r"[а-я]", message.split(": ", 2)[2])


def test_user_templates_still_do_useful_things():
    ctx = {"students": {"nomn": "обучающиеся"}, "platforms": ["max"], "options": {"quiet_from": "21:00"}}
    out = render_user_template("{{ students.nomn | cap }} до {{ options.quiet_from }}"
                               "{% if 'max' in platforms %} (MAX){% endif %}", ctx, "w")
    assert out == "Обучающиеся до 21:00 (MAX)"


def test_user_template_output_is_capped():
    with pytest.raises(DataError, match="слишком длинный"):
        render_user_template("{% for c in s %}" + "x" * 100 + "{% endfor %}", {"s": "a" * 1000}, "w")


# --- outputs -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def school_docx(school):
    import docx

    return docx.Document(io.BytesIO(render_docx(school)))


def test_docx_page_setup_per_gost(school_docx):
    from docx.shared import Mm

    sec = school_docx.sections[0]
    assert abs(sec.left_margin - Mm(30)) < Mm(0.1) and sec.left_margin >= Mm(20)
    assert Mm(10) <= sec.right_margin <= Mm(15)
    assert abs(sec.top_margin - Mm(20)) < Mm(0.1) and abs(sec.bottom_margin - Mm(20)) < Mm(0.1)
    assert sec.different_first_page_header_footer  # w:titlePg
    header_xml = sec.header._element.xml
    assert "PAGE" in header_xml and "fldChar" in header_xml
    assert sec.header.paragraphs[0].alignment == 1  # centred
    assert "PAGE" not in sec.first_page_header._element.xml


def test_docx_styles(school_docx):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    normal = school_docx.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size == Pt(14)
    assert normal.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert abs(normal.paragraph_format.first_line_indent - Cm(1.25)) < Cm(0.01)
    assert 1.0 <= normal.paragraph_format.line_spacing <= 1.5
    for name in ("Title", "Subtitle", "Heading 1"):
        style = school_docx.styles[name]
        assert style.font.name == "Times New Roman" and style.font.bold and style.font.size == Pt(14)
        assert style.font.color.rgb is not None and str(style.font.color.rgb) == "000000"


def test_docx_reads_back_in_order_with_labels(school_docx, school):
    paras = [(p.style.name, p.text.replace("\u00a0", " ")) for p in school_docx.paragraphs if p.text]
    assert paras[0] == ("Наименование организации", school.org_full)
    assert ("Title", "ПОЛОЖЕНИЕ") in paras and ("Subtitle", school.about) in paras
    headings = [t for s, t in paras if s == "Heading 1"]
    assert headings == [f"{s.label} {s.title}" for s in school.sections]
    points = [t for s, t in paras if s == "Normal"]
    assert points == [f"{p.label} {p.text}" for s in school.sections for p in s.points]
    bullets = [t for s, t in paras if s == "Подпункт"]
    assert bullets == [f"– {i}" for s in school.sections for p in s.points for i in p.items]


def test_docx_requisites_table_and_properties(school_docx, school):
    table = school_docx.tables[0]
    left, right = table.rows[0].cells
    assert left.paragraphs[0].text == "ПРИНЯТО" and "С учетом мнения" in left.text
    assert right.paragraphs[0].text == "УТВЕРЖДЕНО" and "от 31.08.2026 №\u00a0215-од" in right.text
    assert 'w:val="nil"' in table._tbl.xml  # borderless
    props = school_docx.core_properties
    assert props.title == school.title and props.language == "ru-RU"
    assert props.author == school.org_full and "Сферум" in props.subject


def test_docx_keeps_numbers_with_their_sign(school_docx):
    text = "\n".join(p.text for p in school_docx.paragraphs)
    assert "№\u00a0273-ФЗ" in text and "№ 273-ФЗ" not in text


def test_docx_core_title_is_cut_to_255(library, registry):
    import docx

    act = assemble(_profile("district"), library, registry)
    props = docx.Document(io.BytesIO(render_docx(act))).core_properties
    assert len(props.title) <= 255 and props.title.endswith("…")


def test_html_is_self_contained_escaped_and_russian(library, registry):
    act = assemble(_profile(organization__full_name="Школа <script>alert(1)</script> & «Ко»"), library, registry)
    html = render_html(act)
    assert html.startswith("<!DOCTYPE html>") and '<html lang="ru">' in html
    assert "<script>" not in html and "&lt;script&gt;" in html and "&amp;" in html
    assert "@page" in html and "@media print" in html and "http" not in html.split("<body>")[0].lower()
    assert html.count("<h2>") == len(act.sections)


def test_markdown_layout(school):
    md = render_markdown(school)
    assert "# ПОЛОЖЕНИЕ" in md and "## 1. Общие положения" in md
    assert "\n- Федеральным законом от 29.12.2012 № 273-ФЗ «Об образовании в Российской Федерации»;\n" in md
    assert "**УТВЕРЖДЕНО**" in md and "от 31.08.2026 № 215-од" in md


def test_profile_file_round_trip_from_disk(library, registry):
    act = assemble(load_profile(PROFILES / "school.yaml"), library, registry)
    assert act.org_short == "МБОУ «СОШ № 7»" and act.year == 2026
