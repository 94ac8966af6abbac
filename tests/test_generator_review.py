"""The editor's review of generated acts (December 2026, issue #16): one test per blocker and should-fix item.

Each test reads the generated act (or the profile, or ``init``) the way the review did and asserts
the corrected behaviour; the review's item is named in the docstring.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from sferum_policy.cli import cli
from sferum_policy.errors import DataError
from sferum_policy.generator.assemble import assemble
from sferum_policy.generator.inflect import inflect_phrase
from sferum_policy.generator.profile import Options, load_profile, parse_profile

ROOT = Path(__file__).resolve().parent.parent
PROFILES = ROOT / "samples" / "profiles"
KINDS = ("preschool", "school", "boarding_school", "college", "additional", "district")
BLANK = "от «___» ________ 20__ г. № ____"


def _data(kind: str) -> dict:
    data = yaml.safe_load((PROFILES / f"{kind}.yaml").read_text(encoding="utf-8"))
    data.setdefault("document", {})["as_of"] = "01.09.2026"
    return data


def _profile(kind: str = "school", data: dict | None = None, **options):
    data = data or _data(kind)
    if options:
        data.setdefault("options", {}).update(options)
    return parse_profile(yaml.safe_dump(data, allow_unicode=True), f"{kind}.yaml")


def _act(library, registry, kind="school", data=None, **options):
    return assemble(_profile(kind, data, **options), library, registry)


def _text(act) -> str:
    return "\n".join(act.plain_lines())


def _point(act, clause_id: str) -> str:
    for s in act.sections:
        for p in s.points:
            if p.clause_id == clause_id:
                return " ".join([p.text, *p.items])
            for cid, item in zip(p.item_ids, p.items, strict=False):
                if cid == clause_id:
                    return item
    raise AssertionError(f"{clause_id} нет в акте")


# --- blockers ------------------------------------------------------------------------------------


def test_district_act_is_a_model_act_annexed_to_the_order(library, registry):
    """4.6 BLOCKER: the district gets «Примерное положение», an annex to its order, for its organisations."""
    act = _act(library, registry, "district")
    assert act.kind_title == "ПРИМЕРНОЕ ПОЛОЖЕНИЕ"
    assert act.approval.heading == "Приложение"
    assert act.approval.lines == ["к приказу Управления образования администрации Заречного муниципального округа",
                                  "от 15.09.2026 № 412"]
    text = _text(act)
    assert "каждая подведомственная образовательная организация разрабатывает и принимает собственный" in text
    assert "настоящее Примерное положение" in text.lower() or "настоящего Примерного положения" in text
    # 5.1 no longer «утверждает локальный акт, определяющий порядок ее использования» about itself
    assert "утверждает локальный акт, определяющий порядок" not in text
    assert "обеспечивает разработку и принятие на основе настоящего Примерного положения" in text
    # 13.1 / 13.3: approved by the authority's order, amended by its order (nothing is «adopted» there)
    assert ("вступает в силу со дня издания приказа Управления образования администрации Заречного "
            "муниципального округа о его утверждении") in text
    assert "в порядке, установленном для его принятия" not in text
    assert "вносятся приказом Управления образования" in text


def test_district_model_act_passes_the_district_rule_that_the_old_act_fails(library, registry):
    """4.6: the old form (Положение binding participants) is caught by KS009, the model act is not."""
    import sferum_policy

    act = _act(library, registry, "district")
    assert "KS009" not in {f.code for f in sferum_policy.check(_text(act)).findings}
    old = _text(act).replace("ПРИМЕРНОЕ ПОЛОЖЕНИЕ", "ПОЛОЖЕНИЕ").replace("Примерного положения", "Положения")
    old = old.replace("Примерное положение", "Положение").replace("Примерным положением", "Положением")
    old = old.replace("Примерном положении", "Положении").replace("на основе", "в соответствии с").replace("На основе", "В соответствии с")
    old += "\n14.1. Родителям (законным представителям) обучающихся запрещается направлять сообщения в выходные.\n"
    assert "KS009" in {f.code for f in sferum_policy.check(old).findings}


def test_councils_without_protocols_get_visible_blanks_not_invented_numbers(library, registry):
    """4.7 BLOCKER: a council protocol the user did not give is a visible blank, and the user is told so."""
    data = _data("preschool")
    data["councils"] = [{"body": "родительский комитет"}]
    data["adoption"].pop("number")
    act = _act(library, registry, "preschool", data)
    assert act.left_blocks[1].lines == ["родительского комитета", f"({BLANK.replace('от', 'протокол от', 1)})"]
    assert act.left_blocks[0].lines[1] == "(протокол от 27.08.2026 № ____)"
    assert "№ 1)" not in _text(act)
    assert any("Не указаны реквизиты" in n and "родительский комитет" in n for n in act.notes)


def test_order_without_number_is_a_blank_and_no_date_is_invented(library, registry):
    """4.7: no requisite is printed that the user did not give (no today's date, no «№ 1»)."""
    data = _data("school")
    data["approval"] = {"style": "utverzhdeno"}
    act = _act(library, registry, "school", data)
    assert act.approval.lines[-1] == BLANK
    assert act.year is None


def _main(argv: list[str], capsys) -> tuple[int, str]:
    from sferum_policy.cli import main

    with pytest.raises(SystemExit) as exc:
        main(argv)
    out, err = capsys.readouterr()
    return exc.value.code, out + err


def test_init_no_input_template_is_refused_by_generate(tmp_path, capsys):
    """4.7: an unfilled template from ``init --no-input`` does not generate silently: exit 2, one clear line."""
    target = tmp_path / "profile.yaml"
    runner = CliRunner()
    result = runner.invoke(cli, ["init", "-o", str(target), "--kind", "preschool", "--no-input"])
    assert result.exit_code == 0 and "example: true" in target.read_text(encoding="utf-8")
    text = target.read_text(encoding="utf-8")
    assert not re.search(r"date: \d", text) and not re.search(r"number: \"\d", text), "реквизиты выдуманы"
    code, out = _main(["generate", str(target), "-o", str(tmp_path / "a.md")], capsys)
    assert code == 2 and "незаполненный шаблон" in out and "Traceback" not in out and len(out.splitlines()) == 1
    assert not (tmp_path / "a.md").exists()


def test_init_interactive_asks_each_councils_protocol_and_leaves_unknown_blank(tmp_path):
    """4.7: the wizard asks every printed requisite; Enter leaves a blank, and it says so."""
    target = tmp_path / "profile.yaml"
    answers = ["preschool", "Муниципальное бюджетное дошкольное образовательное учреждение «Детский сад «Колосок»",
               "МБДОУ д/с «Колосок»", "с. Луговое", "Заведующая", "Н.В. Петрова", "порядок", "max",
               "педагогический совет", "01.12.2026", "2",  # принимает, дата и номер протокола
               "родительский комитет", "", "",              # совет: протокол неизвестен
               "утверждаю", "",                             # гриф «УТВЕРЖДАЮ», дата подписи неизвестна
               "нет", "да"]
    result = CliRunner().invoke(cli, ["init", "-o", str(target), "--interactive"], input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "Дата протокола (родительский комитет" in result.output
    assert "Номер приказа" not in result.output  # УТВЕРЖДАЮ: no order number is asked, none is dropped
    assert "Не указано: протокол (родительский комитет); дата подписи" in result.output
    p = load_profile(target)
    assert p.councils[0].body == "родительский комитет" and p.councils[0].date is None and p.councils[0].number is None
    assert p.adoption.number == "2" and p.approval.order_date is None and p.approval.order_number is None
    assert p.options.quiet_hours is False and p.options.familiarisation_sheet is True
    assert p.organization.locality == "с. Луговое" and not p.example


# --- should fix, all kinds -------------------------------------------------------------------------


def test_quiet_hours_are_off_by_default_and_bind_staff_when_on(library, registry):
    """C2: no quiet hours unless asked; when on — a duty of employees and a recommendation to families."""
    assert Options().quiet_hours is False
    for kind in ("college", "boarding_school", "additional", "district"):
        data = _data(kind)
        data.pop("options", None)
        assert "prohibitions.quiet_hours" not in _act(library, registry, kind, data).clause_ids()
    for kind in KINDS:
        text = _point(_act(library, registry, kind, quiet_hours=True), "prohibitions.quiet_hours")
        assert text.startswith("Работникам") and "рекомендуется" in text, text
        assert "Участникам образовательных отношений запрещается направлять" not in text
        assert "по расписанию" in text or "по графику работы" in text
    pre = _point(_act(library, registry, "preschool"), "prohibitions.quiet_hours")
    assert "с 20:00 до 08:00" in pre and "об отсутствии или болезни ребенка" in pre
    board = _point(_act(library, registry, "boarding_school", quiet_hours=True), "prohibitions.quiet_hours")
    assert "проживающих в Учреждении" in board


@pytest.mark.parametrize("kind", KINDS)
def test_meetings_and_lessons_by_video_say_how_others_take_part(library, registry, kind):
    """C3: meetings and distance lessons by video give those without the platform another way."""
    act = _act(library, registry, kind)
    for cid in ("management.online_meetings", "class_teacher.parent_meetings_online", "teacher.online_lessons"):
        if cid in act.clause_ids():
            assert "не использующ" in _point(act, cid), cid


@pytest.mark.parametrize("kind", KINDS)
def test_control_criticism_and_foreign_messengers_are_worded_lawfully(library, registry, kind):
    """C4, C5, C6: control of employees only; no ban on criticism; foreign-messenger ban has a subject."""
    act = _act(library, registry, kind)
    assert "использование платформы работниками" in _point(act, "management.monitoring")
    matters = _point(act, "prohibitions.child_matters")
    assert "критиковать" not in matters and "оскорблять" in matters and "заведомо недостоверные" in matters
    assert "комиссию по урегулированию споров" in matters
    assert _point(act, "general.foreign_personal_data").startswith("Работникам")
    assert "Запрещается передавать через иностранные мессенджеры" not in _text(act)


def test_definitions_of_e_learning_follow_the_law_and_are_absent_in_a_kindergarten(library, registry):
    """C1: ЭО and ДОТ refer to ч. 1 ст. 16 273-ФЗ instead of one invented definition; none in a kindergarten."""
    school = _point(_act(library, registry, "school"), "definitions.distance_learning")
    assert "частью 1 статьи 16" in school and "опосредованным" not in school
    assert "definitions.distance_learning" not in _act(library, registry, "preschool").clause_ids()


@pytest.mark.parametrize("kind", ("preschool", "school", "boarding_school", "college", "additional"))
def test_staff_devices_and_familiarisation_under_signature(library, registry, kind):
    """C7 and §2: who provides the device, a personal phone only with consent; familiarisation under signature."""
    act = _act(library, registry, kind)
    devices = _point(act, "general.staff_devices")
    assert "оборудовании, предоставленном Учреждением" in devices and "только с его согласия" in devices
    assert "под подпись" in _point(act, "final.familiarisation")
    assert not act.familiarisation_sheet and "ЛИСТ ОЗНАКОМЛЕНИЯ" not in _text(act)
    sheet = _act(library, registry, kind, familiarisation_sheet=True)
    assert "в листе ознакомления" in _point(sheet, "final.familiarisation")
    assert "ЛИСТ ОЗНАКОМЛЕНИЯ" in _text(sheet)


def test_familiarisation_sheet_in_docx_is_a_table(library, registry):
    """§2: the optional «лист ознакомления» is a signature table on its own page."""
    import io

    import docx

    from sferum_policy.generator.docx_writer import render_docx

    doc = docx.Document(io.BytesIO(render_docx(_act(library, registry, familiarisation_sheet=True))))
    table = doc.tables[-1]
    assert [c.text for c in table.rows[0].cells] == ["№ п/п", "Фамилия, инициалы", "Должность", "Дата", "Подпись"]
    assert len(table.rows) == 16


@pytest.mark.parametrize("kind", KINDS)
def test_legal_basis_in_order_of_legal_force_with_41_fz(library, registry, kind):
    """C8: laws by date, then decrees; 41-ФЗ cited when the act bans foreign messengers."""
    act = _act(library, registry, kind)
    basis = next(s for s in act.sections if s.key == "legal_basis").points[0].items
    laws = [i for i, t in enumerate(basis) if t.startswith("Федеральным законом")]
    decrees = [i for i, t in enumerate(basis) if t.startswith("постановлением")]
    assert laws and decrees and max(laws) < min(decrees), basis
    years = [int(re.search(r"от \d\d\.\d\d\.(\d{4})", basis[i]).group(1)) for i in laws]
    assert years == sorted(years), basis
    assert any("№ 41-ФЗ" in t for t in basis)
    without = _act(library, registry, kind, data={**_data(kind), "exclude": ["general.foreign_messengers"]})
    assert not any("№ 41-ФЗ" in t for t in next(s for s in without.sections if s.key == "legal_basis").points[0].items)


@pytest.mark.parametrize("kind", ("preschool", "school", "boarding_school", "college", "additional"))
def test_organisation_is_named_once_then_uchrezhdenie_and_no_stale_facts(library, registry, kind):
    """C9, C11: «(далее — Учреждение)»; no hard-coded e-mail, no history inside norms, no 24/7 promise."""
    act = _act(library, registry, kind)
    assert "(далее — Учреждение)" in _point(act, "general.purpose")
    text = _text(act)
    assert "info@sferum.ru" not in text and "с сентября 2025 года" not in text and "круглосуточно" not in text
    assert text.count("образовательной организации") <= 2, text.count("образовательной организации")


def test_support_email_only_when_the_user_gives_it(library, registry):
    """C9: the support address is printed only if the profile names it."""
    act = _act(library, registry, "school", support_email="help@school7.ru")
    assert "help@school7.ru" in _point(act, "rights.support")


def test_utverzhdayu_agrees_with_the_text(library, registry):
    """4.2, 4.7: with УТВЕРЖДАЮ the text says «утверждается директором», and no order number is dropped."""
    act = _act(library, registry, "boarding_school")
    assert act.approval.heading == "УТВЕРЖДАЮ"
    assert act.approval.lines[0] == "Директор ГБОУ «Школа-интернат № 2»"
    text = _text(act)
    assert "утверждается директором Учреждения" in text
    assert "вступает в силу со дня его утверждения директором Учреждения" in text
    assert "утверждается приказом" not in text and "утверждения приказом" not in text
    data = _data("boarding_school")
    data["approval"]["order_number"] = "88"
    with pytest.raises(DataError, match=r"УТВЕРЖДАЮ.*номер приказа"):
        _profile("boarding_school", data)


# --- should fix, per kind ----------------------------------------------------------------------


def test_kindergarten_words(library, registry):
    """4.4: children are not users; no «успеваемость» / «учебные занятия»; parents of leavers are removed."""
    text = _text(_act(library, registry, "preschool", quiet_hours=True))
    for bad in ("успеваемост", "учебных занятий", "учебные занятия", "воспитанники, их родители",
                "информирования воспитанников", "обучения и воспитания", "исключает выбывших участников"):
        assert bad not in text, bad
    assert "родителей (законных представителей) выбывших воспитанников" in text
    assert "по вопросам развития и воспитания своего ребенка" in text
    assert "в порядке, установленном для его" not in text  # «в настоящий Порядок … в порядке» (tautology)


@pytest.mark.parametrize(("phrase", "case", "expected"), [
    ("Детский сад № 3", "loct", "Детском саду № 3"),
    ("Детский сад «Ромашка»", "loct", "Детском саду «Ромашка»"),
    ("Школа-интернат № 2", "loct", "Школе-интернате № 2"),
    ("Школа-интернат № 2", "gent", "Школы-интерната № 2"),
])
def test_short_names_are_declined(phrase, case, expected):
    """4.2, 4.4: «в Детском саду», «в Школе-интернате № 2»."""
    assert inflect_phrase(phrase, case) == expected


def test_short_name_declined_in_title_and_grif(library, registry):
    data = _data("boarding_school")
    data["organization"]["short_name"] = "Школа-интернат № 2"
    act = _act(library, registry, "boarding_school", data)
    assert act.about.endswith("в Школе-интернате № 2") and act.approval.lines[0] == "Директор Школы-интерната № 2"


def test_college_legal_representatives_only_for_minors(library, registry):
    """4.3: no «студенты и их родители (законные представители)»; no «предметы (дисциплины)»."""
    text = _text(_act(library, registry, "college", quiet_hours=True))
    assert not re.search(r"студент\w*,? (?:и )?их родител", text)
    assert "родителями (законными представителями) несовершеннолетних студентов" in text
    assert "предметам (дисциплинам)" not in text
    assert "студенты или родители (законные представители) несовершеннолетних студентов" in text


def test_boarding_school_has_its_own_provisions(library, registry):
    """4.2: воспитатели and evening contact with resident children and their parents."""
    act = _act(library, registry, "boarding_school")
    assert "class_teacher.boarding_parents" in act.clause_ids() and "student.boarding_contact" in act.clause_ids()
    assert "в вечернее время, в выходные" in _point(act, "class_teacher.boarding_parents")
    assert "проживающие в Учреждении" in _point(act, "student.boarding_contact")
    school = _act(library, registry, "school")
    assert "class_teacher.boarding_parents" not in school.clause_ids()


def test_additional_education_programmes_weekends_and_web_version(library, registry):
    """4.5: programmes and associations, weekend and evening classes, the web version in the body."""
    act = _act(library, registry, "additional")
    text = _text(act)
    assert "учебным предметам" not in text and "электронный журнал" not in text
    assert "в выходные и каникулярные дни" in _point(act, "general.scope")
    assert "https://sferum.ru" in _point(act, "general.access")
    assert "definitions.web_version" in act.clause_ids()


@pytest.mark.parametrize("kind", KINDS)
def test_vk_messenger_in_the_title_is_described_in_the_body(library, registry, kind):
    """4.8: with MAX and VK the body names VK too; a VK act warns that MAX replaced it."""
    data = _data(kind)
    data["document"]["platforms"] = ["max", "vk_messenger"]
    act = _act(library, registry, kind, data)
    assert "VK Мессенджера" in act.about
    assert "учебный профиль VK Мессенджера" in _point(act, "general.access")
    assert "VK Мессенджер" in _point(act, "general.voluntary")
    assert "definitions.vk_profile" in act.clause_ids()
    assert any("MAX" in n and "VK Мессенджера" in n for n in act.notes)
    data["document"]["platforms"] = ["max"]
    assert not any("VK" in n for n in _act(library, registry, kind, data).notes)


def test_generate_prints_the_notes(tmp_path):
    """4.8, 4.7: ``generate`` shows the warnings (VK Messenger) on stderr."""
    out = CliRunner().invoke(cli, ["generate", str(PROFILES / "district.yaml"), "-o", str(tmp_path / "a.md")])
    assert out.exit_code == 0 and "ВНИМАНИЕ" in out.output and "MAX" in out.output


def test_consent_to_photos_is_a_separate_consent_and_adults_give_it_themselves(library, registry):
    """C15 and 152-ФЗ ст. 9 (156-ФЗ): adult students consent themselves; the consent is separate."""
    text = _point(_act(library, registry, "school"), "obligations.photo_consent")
    assert "совершеннолетних обучающихся" in text and "оформленного отдельно от иных согласий" in text
    assert "заявлени" not in text


def test_a_profile_marked_example_is_refused_naming_the_file(tmp_path, capsys):
    """4.7: «example: true» left in a filled profile still stops generate, with the file named."""
    target = tmp_path / "p.yaml"
    target.write_text("example: true\n" + (PROFILES / "school.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    code, out = _main(["generate", str(target), "-o", str(tmp_path / "a.docx")], capsys)
    assert code == 2 and str(target) in out and not (tmp_path / "a.docx").exists()


def test_signature_puts_initials_first_and_late_protocols_are_noted(library, registry):
    """4.7 nit and KS007 in the generator: «Н.В. Петрова» in the grif; a protocol after the order is noted."""
    data = _data("boarding_school")
    data["organization"]["head"]["name"] = "Козлова Н.П."
    data["councils"][0]["date"] = "05.09.2026"
    act = _act(library, registry, "boarding_school", data)
    assert act.approval.lines[1].endswith("Н.П.\u00a0Козлова") or act.approval.lines[1].endswith("Н.П. Козлова")
    assert any("датирован позже утверждения" in n for n in act.notes)


def test_template_values_left_in_a_profile_are_warned_about(library, registry):
    """4.7: a profile that still has the template's «И.И. Иванова» and «г. Энск» gets a loud note."""
    data = _data("school")
    data["organization"]["head"]["name"] = "И.И. Иванова"
    data["organization"]["full_name"] += " г. Энска"
    act = _act(library, registry, "school", data)
    assert any("значения из шаблона" in n and "И.И. Иванова" in n and "Энска" in n for n in act.notes)
    assert not any("шаблона" in n for n in _act(library, registry, "school").notes)
