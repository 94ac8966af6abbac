"""Legal currency around the lapse of the sanitary rules (01.01.2027, 01.03.2027) and the December 2026 review.

Each test here failed before the change it guards: advice to cite a successor that has itself lapsed,
«Уберите ссылку» for the only sanitary basis a school has, an end date shown as certain although one repost
gives it, the 2025 consent rule, protested compulsory-MAX wording, act numbers read as dates, and a registry
that did not say how fresh it is.
"""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from click.testing import CliRunner

import sferum_policy
from sferum_policy.cli import cli
from sferum_policy.library.registry import load_registry

DEC = date(2026, 12, 2)
JAN = date(2027, 1, 2)
MAR = date(2027, 3, 2)
HEAD = "ПОЛОЖЕНИЕ об использовании ИКОП «Сферум»\n1. Общие положения\n"
SANITARY = ("1.2. При использовании электронных средств обучения соблюдаются требования СП 2.4.3648-20 "
            "и СанПиН 1.2.3685-21.\n")
OLD_SANITARY = "1.2. Соблюдаются требования СанПиН 2.4.2.2821-10 и СанПиН 2.2.2/2.4.1340-03.\n"


def _findings(text: str, when: date, select=("LR",)):
    return sferum_policy.check(text, as_of=when, select=list(select)).findings


def _by_act(findings, act_id):
    return [f for f in findings if f.act_id == act_id]


# --- wrong advice on dates that are weeks away ----------------------------------------------------

def test_repealed_act_is_never_told_to_cite_a_lapsed_successor():
    jan = _by_act(_findings(HEAD + OLD_SANITARY, JAN), "sanpin-2.4.2.2821-10")
    (f,) = jan
    assert f.code == "LR001" and f.severity == "error"  # 2821-10 is repealed for certain
    assert "Сошлитесь на СП 2.4.3648-20" not in f.suggestion
    assert "сама не действует" in f.suggestion and "publication.pravo.gov.ru" in f.suggestion
    # 1340-03 has two successors: on 02.01.2027 only СанПиН 1.2.3685-21 is still in force
    (g,) = _by_act(_findings(HEAD + OLD_SANITARY, JAN), "sanpin-2.2.2-2.4.1340-03")
    assert "Сошлитесь на СанПиН 1.2.3685-21" in g.suggestion and "СП 2.4.3648-20 «" not in g.suggestion
    (h,) = _by_act(_findings(HEAD + OLD_SANITARY, MAR), "sanpin-2.2.2-2.4.1340-03")
    assert "Сошлитесь" not in h.suggestion and "не известна" in h.suggestion
    # before the lapse the successor is still the advice
    (d,) = _by_act(_findings(HEAD + OLD_SANITARY, DEC), "sanpin-2.4.2.2821-10")
    assert "Сошлитесь на СП 2.4.3648-20" in d.suggestion


@pytest.mark.parametrize(("act_id", "when", "until"), [
    ("sp-2.4.3648-20", JAN, "01.01.2027"),
    ("sanpin-1.2.3685-21", MAR, "01.03.2027"),
])
def test_lapse_without_known_successor_is_a_warning_not_removal(act_id, when, until):
    (f,) = _by_act(_findings(HEAD + SANITARY, when), act_id)
    assert f.code == "LR012" and f.severity == "warning"
    assert until in f.message and "не проверены" in f.message
    assert "Уберите" not in f.suggestion and "publication.pravo.gov.ru" in f.suggestion
    report = sferum_policy.check(HEAD + SANITARY, as_of=when, select=["LR"])
    assert {e.status for e in report.legal_refs if e.act_id == act_id} == {"lapsed"}


@pytest.mark.parametrize("act_id, until", [("sp-2.4.3648-20", "01.01.2027"), ("sanpin-1.2.3685-21", "01.03.2027")])
def test_today_every_citation_of_the_sanitary_rules_warns_ahead(act_id, until):
    (f,) = _by_act(_findings(HEAD + SANITARY, DEC), act_id)
    assert f.code == "LR004" and until in f.message
    assert "не подтверждены" in f.message and "publication.pravo.gov.ru" in f.suggestion


def test_a_single_date_can_be_unverified(registry):
    act = registry.get("pp-1678")
    assert act.confidence == "high" and act.unverified("effective_until") and act.review_by is not None
    assert act.until_text() == "01.09.2029 (дата не подтверждена)"
    out = CliRunner().invoke(cli, ["refs", "show", "1678"]).output
    assert "до 01.09.2029 (дата не подтверждена)" in out
    assert "Не подтверждено источниками: дата окончания действия" in out
    text = HEAD + "1.2. Применяются Правила, утверждённые постановлением Правительства РФ от 11.10.2023 № 1678.\n"
    report = sferum_policy.check(text, as_of=date(2029, 6, 1), select=["LR"])
    (f,) = _by_act(report.findings, "pp-1678")
    assert f.code == "LR004" and "(дата окончания не подтверждена)" in f.message
    (e,) = [e for e in report.legal_refs if e.act_id == "pp-1678"]
    assert e.effective_until == date(2029, 9, 1) and e.effective_until_verified is False
    # an end date that nobody gives at all: «срок действия не проверен»
    assert registry.get("minpros-115-2021").until_text() == "срок действия не проверен"


def test_unverified_field_must_be_filled(tmp_path):
    from sferum_policy.errors import DataError

    (tmp_path / "x.yaml").write_text(
        "id: x-1\nkind: other\nissuer: X\ntitle: T\nstatus: in_force\nconfidence: medium\nsources: [s]\nnote: n\n"
        "reviewed_on: 2026-12-01\nunverified_fields: [date]\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"x\.yaml.*unverified_fields|x\.yaml.*date"):
        load_registry(tmp_path)


@pytest.mark.parametrize("when", [DEC, JAN, MAR])
def test_samples_on_the_three_dates_get_current_advice(samples, registry, when):
    """Each sample, as published and with the sanitary rules cited, on each date: advice names only acts in force."""
    for key, path in samples.items():
        text = path.read_text(encoding="utf-8")
        for variant in (text, text + "\n" + SANITARY + OLD_SANITARY):
            report = sferum_policy.check(variant, as_of=when, select=["LR"])
            for f in report.findings:
                if f.code in ("LR001", "LR002", "LR003", "LR004", "LR012") and f.suggestion \
                        and f.suggestion.startswith("Сошлитесь на "):
                    for act in registry:
                        if (act.short_names and act.short_names[0] in f.suggestion.split(";")[0]) \
                                or (act.number and f"№ {act.number} «" in f.suggestion):
                            assert act.status_on(when) in ("in_force", "expiring"), (key, when, act.id)
                assert "Уберите ссылку" not in (f.suggestion or "") or f.act_id not in (
                    "sp-2.4.3648-20", "sanpin-1.2.3685-21"), (key, f)
            codes = {(f.code, f.act_id) for f in report.findings}
            if variant is not text:
                expected = {DEC: "LR004", JAN: "LR012", MAR: "LR012"}[when]
                assert (expected, "sp-2.4.3648-20") in codes, (key, when)
                assert ({DEC: "LR004", JAN: "LR004", MAR: "LR012"}[when], "sanpin-1.2.3685-21") in codes, (key, when)
            assert not report.registry.stale


def test_expired_experiment_keeps_its_error_and_successor(samples):
    (f,) = [f for f in sferum_policy.check(samples["004"], as_of=JAN, select=["LR002"]).findings]
    assert f.severity == "error" and "№ 1241" in f.suggestion


# --- new law the registry and the checks must know --------------------------------------------------

def test_refs_show_152_mentions_article_9_and_156():
    out = CliRunner().invoke(cli, ["refs", "show", "152-ФЗ"]).output
    assert "ст. 9" in out and "156-ФЗ" in out and "отдельным документом" in out
    assert "Сверено с источниками: 02.12.2026" in out


@pytest.mark.parametrize("text", [
    "1.1. Подписывая заявление о приеме, родитель дает согласие на обработку персональных данных ребенка.\n",
    "1.1. Согласие на обработку персональных данных входит в договор об образовании.\n",
    "1.1. Согласие родителей на обработку персональных данных содержится в заявлении о приеме.\n",
    "1.1. Ознакомление с настоящим Положением означает согласие на обработку персональных данных.\n",
    "1.1. Родитель дает согласие на обработку персональных данных и на распространение фотографий ребенка.\n",
    "1.1. Регистрация в ИКОП «Сферум» означает согласие родителя на обработку персональных данных.\n",
    "1.1. Заявление о приеме содержит согласие на обработку персональных данных, которое оформляется отдельным "
    "пунктом заявления.\n",
])
def test_consent_inside_another_document_or_bundled(text):
    (f,) = _findings(HEAD + text, DEC, ("RK003",))
    assert f.severity == "warning" and f.act_id == "fz-152" and "отдельный документ" in f.message


@pytest.mark.parametrize("text", [
    "1.1. Согласие на обработку персональных данных оформляется отдельным документом.\n",
    "1.1. Фотографии размещаются только с согласия родителей (законных представителей).\n",
    "1.1. Заявление о приеме подается в канцелярию.\n",
    "1.1. Родитель вправе отозвать согласие на обработку персональных данных, направив заявление в письменной форме.\n",
    "1.1. Согласие на обработку персональных данных не может быть включено в заявление о приеме или договор.\n",
    "1.1. Учитель не вправе размещать фотографии без согласия на обработку персональных данных и на распространение.\n",
    "1.1. Согласие на обработку персональных данных прилагается к заявлению о приеме отдельным документом.\n",
])
def test_separate_consent_is_fine(text):
    assert _findings(HEAD + text, DEC, ("RK003",)) == []


def test_consent_rule_applies_from_september_2025():
    text = HEAD + "1.1. Подписывая заявление о приеме, родитель дает согласие на обработку персональных данных.\n"
    assert _findings(text, date(2025, 8, 31), ("RK003",)) == []
    assert [f.code for f in _findings(text, date(2025, 9, 1), ("RK003",))] == ["RK003"]


def test_generated_acts_never_take_consent_inside_another_document(generated_texts):
    for name, text in generated_texts.items():
        assert _findings(text, DEC, ("RK003",)) == [], name
        if not name.endswith("-vk_messenger"):  # a VK-only act is exactly what RK004 warns about
            assert _findings(text, DEC, ("RK004",)) == [], name


def test_41_fz_names_part_1_article_15(registry):
    act = registry.get("fz-41-2025")
    assert act.confidence == "high" and "ч. 1 ст. 15" in act.note
    assert [a.ref for a in act.articles] == ["ст. 15 ч. 1"] and act.articles[0].effective_from == date(2025, 6, 1)


def test_vk_only_act_is_out_of_date():
    vk = HEAD + "1.1. Положение определяет порядок использования учебного профиля ИКОП «Сферум» в VK Мессенджере.\n"
    (f,) = _findings(vk, DEC, ("RK004",))
    assert f.act_id == "rp-2240-r" and "MAX" in f.message
    assert _findings(vk, date(2025, 3, 1), ("RK004",)) == []  # before MAX replaced VK Мессенджер
    # VK Мессенджер named, but not as the home of «Сферум»
    for text in ("1.1. Запрещается использовать VK Мессенджер, WhatsApp, Telegram для передачи персональных данных.\n",
                 "1.1. Чаты, созданные в VK Мессенджере до 01.09.2025, доступны только для чтения и не используются.\n"):
        assert _findings(HEAD + text, DEC, ("RK004",)) == [], text
    assert _findings(HEAD + "1.1. «Сферум» работает в национальном мессенджере MAX (до 2025 года — в VK Мессенджере).\n",
                     DEC, ("RK004",)) == []


def test_december_review_entries(registry):
    letter = registry.get("letter-mincifry-2025-11-11")
    assert letter.status == "unverified" and letter.normative is False and letter.number is None
    assert "работник" in letter.note
    assert "Минпросвещения России „Моя школа“" in registry.get("minpros-396-2021").title
    assert "подтверждены" in registry.get("fz-472-2021").note
    assert "не может быть основанием" in registry.get("pp-1241").note
    assert "вместо VK Мессенджера" in registry.get("rp-2240-r").note
    for act_id in ("letter-minpros-04-127-2022", "letter-minpros-04-423-2023", "letter-minpros-ish-206-04-2024",
                   "letter-minpros-04-643-2022", "mincifry-542-1-2022", "minpros-499-2024", "poruch-16029p-p8-2022"):
        act = registry.get(act_id)
        assert act.status == "unverified" and re.search(r"повторно не найден\w*, декабрь\s+2026", act.note), act_id
    assert {"fz-156-2025", "fz-266-2022"} <= set(registry.get("fz-152").amended_by)


# --- checks that missed what prosecutors protest ------------------------------------------------------

@pytest.mark.parametrize("text", [
    "1.1. Все родители обязаны зарегистрироваться в MAX. Иные способы связи с классным руководителем не допускаются.\n",
    "1.1. Родители должны установить национальный мессенджер MAX.\n1.2. Иные способы связи и информирования не используются.\n",
    "1.1. Информирование родителей осуществляется только через ИКОП «Сферум» в мессенджере MAX.\n",
    "1.1. Единственным каналом связи педагогов с родителями является платформа «Сферум».\n",
    "1.1. Обучающиеся в обязательном порядке регистрируются на платформе «Сферум». "
    "Альтернативные способы связи не предусмотрены.\n",
    "1.1. Родители обязаны вступить в чат класса в MAX; другие мессенджеры для связи с родителями не применяются.\n",
])
def test_negated_or_excluded_alternative_is_no_alternative(text):
    assert [f.code for f in _findings(HEAD + text, DEC, ("RK001",))] == ["RK001"]


@pytest.mark.parametrize("text", [
    "1.1. Родители обязаны пользоваться «Сферумом» в MAX; связь по телефону не допускается.\n",
    # an act that excludes every other way is compulsory even if it says «по желанию» about something else
    "1.1. Родители обязаны зарегистрироваться в ИКОП «Сферум». Иные способы связи не допускаются.\n"
    "1.2. Участие обучающихся в видеоконференциях — по желанию родителей.\n",
    "1.1. Родители обязаны зарегистрироваться в ИКОП «Сферум», иные способы связи не допускаются; регистрация "
    "осуществляется с согласия родителя на обработку персональных данных.\n",
    "1.1. Связь классного руководителя с родителями осуществляется только через ИКОП «Сферум».\n",
])
def test_refused_alternatives_do_not_count(text):
    assert [f.code for f in _findings(HEAD + text, DEC, ("RK001",))] == ["RK001"]


@pytest.mark.parametrize("text", [
    "1.1. Родители обязаны зарегистрироваться в ИКОП «Сферум».\n1.2. Иные способы связи (телефон, электронная почта) "
    "используются для родителей, отказавшихся от платформы.\n",
    "1.1. Педагоги обязаны использовать только платформу «Сферум» для служебных чатов.\n",
    "1.1. Родители могут зарегистрироваться в «Сферуме» по желанию. Иные способы связи допускаются.\n",
    # «только» about where things are posted, or the 41-ФЗ ban — not compulsion of families
    "1.1. Фото- и видеоизображения обучающихся размещаются только в закрытых чатах платформы с согласия родителей.\n",
    "1.1. Персональные данные обучающихся передаются родителям только через ИКОП «Сферум», а не через иностранные "
    "мессенджеры.\n",
    "1.1. Учебные материалы для обучающихся размещаются только на платформе «Сферум» и в электронном журнале.\n",
    "1.1. Родители могут общаться с классным руководителем через «Сферум» в MAX, по телефону или по электронной почте. "
    "Иные мессенджеры для служебной переписки с родителями не используются.\n",
    "1.1. Классный руководитель создает чат класса в ИКОП «Сферум». Другие мессенджеры не используются для создания "
    "учебных чатов. Родители, не зарегистрированные в чате, получают информацию по телефону.\n",
])
def test_real_alternatives_and_staff_rules_pass(text):
    assert _findings(HEAD + text, DEC, ("RK001",)) == []


@pytest.mark.parametrize("number", ["СанПиН 2.2.2/2.4.1340-03", "СП 2.4.3648-20", "СанПиН 1.2.3685-21",
                                    "№ 1.2.3685", "МР 2.4.0.1234-12"])
def test_act_numbers_are_never_dates(number):
    assert _findings(HEAD + f"1.1. Соблюдаются требования {number}.\n", DEC, ("ST008",)) == []


def test_a_real_date_is_still_judged():
    (f,) = _findings(HEAD + "1.1. Положение принято 1.9.2024 г.\n", DEC, ("ST008",))
    assert f.suggestion == "01.09.2024"
    ranges = _findings(HEAD + "1.1. Срок действия: 1.09.2025-31.05.2026, учебный год 1.09.2025/2026.\n", DEC, ("ST008",))
    assert [f.text for f in ranges] == ["1.09.2025", "1.09.2025"]


# --- registry freshness -------------------------------------------------------------------------------

def test_every_act_says_when_it_was_reviewed(registry):
    assert registry.data_date == date(2026, 12, 2)
    assert all(act.reviewed_on <= registry.data_date for act in registry)


def test_info_and_every_report_format_show_the_data_date(tmp_path):
    assert "данные на 02.12.2026" in CliRunner().invoke(cli, ["info"]).output
    act = tmp_path / "act.txt"
    act.write_text(HEAD + SANITARY, encoding="utf-8")
    for fmt in ("text", "html", "json", "sarif"):
        out = CliRunner().invoke(cli, ["check", str(act), "--as-of", "2026-12-02", "--format", fmt]).output
        assert "02.12.2026" in out or "2026-12-02" in out, fmt
        if fmt == "json":
            assert json.loads(out)["registry"]["data_date"] == "2026-12-02"
        if fmt == "sarif":
            assert json.loads(out)["runs"][0]["properties"]["registry"]["data_date"] == "2026-12-02"
        if fmt in ("text", "html"):
            assert "Реестр нормативных актов: данные на 02.12.2026" in out
    docx = tmp_path / "out.docx"
    CliRunner().invoke(cli, ["check", str(act), "--as-of", "2026-12-02", "--format", "docx", "-o", str(docx)])
    import zipfile

    from docx import Document as Docx

    comments = zipfile.ZipFile(docx).read("word/comments.xml").decode("utf-8")
    assert "данные на 02.12.2026" in comments
    assert any(p.text.strip() for p in Docx(docx).paragraphs), "the commented copy opens in python-docx and has text"


def test_far_future_as_of_says_statuses_may_be_stale(tmp_path):
    act = tmp_path / "act.txt"
    act.write_text(HEAD + SANITARY, encoding="utf-8")
    out = CliRunner().invoke(cli, ["check", str(act), "--as-of", "2027-07-01"]).output
    assert "статусы актов могли измениться" in out
    near = CliRunner().invoke(cli, ["check", str(act), "--as-of", "2027-05-30"]).output
    assert "могли измениться" not in near
    report = sferum_policy.check(HEAD + SANITARY, as_of=date(2027, 7, 1))
    assert report.registry.stale is True


# --- overlays: a regional office adds and overrides acts ------------------------------------------------

REGIONAL = """id: region-order-2026-15
kind: regional_act
number: 15-од
date: 2026-09-01
issuer: Министерство образования области
title: О порядке использования ИКОП «Сферум» в образовательных организациях области
status: in_force
confidence: medium
sources: [сайт министерства]
note: Региональный приказ (пример дополнения реестра).
reviewed_on: 2026-11-30
"""
OVERRIDE = """id: sp-2.4.3648-20
override: true
effective_until: 2028-01-01
reviewed_on: 2026-12-20
sources: [постановление о продлении (пример)]
note: Продлено до 01.01.2028 (пример дополнения реестра).
"""


@pytest.fixture
def overlay(tmp_path):
    d = tmp_path / "region"
    d.mkdir()
    (d / "order.yaml").write_text(REGIONAL, encoding="utf-8")
    (d / "sp.yaml").write_text(OVERRIDE, encoding="utf-8")
    (d / "_registry.yaml").write_text("data_date: 2026-12-20\n", encoding="utf-8")
    return d


def test_overlay_adds_a_regional_act_and_overrides_a_status(overlay, tmp_path):
    reg = load_registry(None, [overlay])
    assert reg.get("region-order-2026-15").issuer == "Министерство образования области"
    sp = reg.get("sp-2.4.3648-20")
    assert sp.effective_until == date(2028, 1, 1) and sp.title.startswith("Санитарно-эпидемиологические")
    assert sp.status_on(JAN) == "expiring" and not sp.term_lapsed(JAN)
    assert len(reg) == len(load_registry()) + 1
    act = tmp_path / "act.txt"
    act.write_text(HEAD + SANITARY, encoding="utf-8")
    out = CliRunner().invoke(cli, ["check", str(act), "--as-of", "2027-01-02", "--refs", str(overlay), "--select", "LR"]).output
    assert "СП 2.4.3648-20: срок действия по данным реестра истёк" not in out
    assert "СП 2.4.3648-20 действует до 01.01.2028" in out
    assert f"дополнения из {overlay}" in out and "изменены: sp-2.4.3648-20" in out
    show = CliRunner().invoke(cli, ["refs", "show", "15-од", "--refs", str(overlay)]).output
    assert "region-order-2026-15" in show


def test_overlay_from_the_environment(overlay, tmp_path, monkeypatch):
    monkeypatch.setenv("SFERUM_POLICY_REFS", str(overlay))
    out = CliRunner().invoke(cli, ["refs", "show", "region-order-2026-15"]).output
    assert "О порядке использования ИКОП" in out


def test_overlay_id_collision_is_one_clear_line(tmp_path):
    d = tmp_path / "bad"
    d.mkdir()
    (d / "sp.yaml").write_text(OVERRIDE.replace("override: true\n", ""), encoding="utf-8")
    result = CliRunner().invoke(cli, ["refs", "list", "--refs", str(d)])
    from sferum_policy.errors import DataError

    assert isinstance(result.exception, DataError)
    msg = str(result.exception)
    assert "sp.yaml" in msg and "sp-2.4.3648-20" in msg and "override: true" in msg and "\n" not in msg


def test_overlay_validation_names_file_line_and_field(tmp_path):
    d = tmp_path / "bad"
    d.mkdir()
    (d / "x.yaml").write_text(REGIONAL.replace("status: in_force", "status: valid"), encoding="utf-8")
    from sferum_policy.errors import DataError

    with pytest.raises(DataError, match=r"x\.yaml:\d+: поле «status»"):
        load_registry(None, [d])


# --- refs expiring ----------------------------------------------------------------------------------------

def test_refs_expiring_lists_the_window():
    out = CliRunner().invoke(cli, ["refs", "expiring", "--within", "90", "--as-of", "2026-12-02"]).output
    assert "sp-2.4.3648-20" in out and "sanpin-1.2.3685-21" in out and "01.01.2027" in out
    short = CliRunner().invoke(cli, ["refs", "expiring", "--within", "30", "--as-of", "2026-12-02"]).output
    assert "sp-2.4.3648-20" in short and "sanpin-1.2.3685-21" not in short
    data = json.loads(CliRunner().invoke(cli, ["refs", "expiring", "--within", "90", "--as-of", "2026-12-02",
                                               "--format", "json"]).output)
    assert [a["id"] for a in data["acts"]] == ["sp-2.4.3648-20", "sanpin-1.2.3685-21"]
    assert data["acts"][0]["days_left"] == 30 and data["acts"][0]["successor_known"] is False
    none = CliRunner().invoke(cli, ["refs", "expiring", "--within", "30", "--as-of", "2027-04-01"]).output
    assert re.search(r"ни один акт", none)


# --- audit: which schools will cite a lapsed act ------------------------------------------------------------

def test_audit_shows_what_expires_within_90_days(tmp_path, samples):
    src = tmp_path / "acts"
    src.mkdir()
    (src / "old.txt").write_text(samples["003"].read_text(encoding="utf-8"), encoding="utf-8")
    (src / "san.txt").write_text(HEAD + SANITARY, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["audit", str(src), "-o", str(out), "--as-of", "2026-12-02", "--jobs", "1"])
    assert result.exit_code in (0, 1), result.output
    csv = (out / "summary.csv").read_text(encoding="utf-8-sig")
    assert "Истекает в ближайшие 90 дней" in csv.splitlines()[0]
    san = next(line for line in csv.splitlines() if "san.txt" in line)
    assert "СП 2.4.3648-20 — до 01.01.2027" in san and "СанПиН 1.2.3685-21 — до 01.03.2027" in san
    old = next(line for line in csv.splitlines() if "old.txt" in line)
    assert "2027" not in old
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "Истекает в ближайшие 90 дней" in html and "san.txt" in html.split('id="expiring"')[1].split('id="docs"')[0]
    assert "данные на 02.12.2026" in html


# --- the generator tells the author -----------------------------------------------------------------------

def test_generate_names_unverified_dates_and_lapsing_acts(tmp_path):
    from pathlib import Path

    import yaml

    profile = yaml.safe_load((Path(__file__).parent.parent / "samples/profiles/school.yaml").read_text(encoding="utf-8"))
    profile.setdefault("document", {})["as_of"] = "02.12.2026"
    src = tmp_path / "school.yaml"
    src.write_text(yaml.safe_dump(profile, allow_unicode=True), encoding="utf-8")
    result = CliRunner().invoke(cli, ["generate", str(src), "-o", str(tmp_path / "act.md")])
    assert result.exit_code == 0, result.output
    err = result.output
    assert "срок действия до 01.09.2029 (дата не подтверждена)" in err
    assert "СП 2.4.3648-20 — срок действия до 01.01.2027" in err and "данные на 02.12.2026" in err


def test_successor_that_lapses_soon_is_named_with_its_end_date():
    (g,) = _by_act(_findings(HEAD + OLD_SANITARY, JAN), "sanpin-2.2.2-2.4.1340-03")
    assert "действует до 01.03.2027; продление не подтверждено" in g.suggestion
    assert "СП 2.4.3648-20 — срок действия истёк 01.01.2027" in g.suggestion


def test_missing_basis_never_names_an_act_out_of_force():
    text = HEAD + "1.2. Организация применяет дистанционные образовательные технологии.\n"
    assert "pp-1678" in {f.act_id for f in _findings(text, DEC, ("LR010",))}
    assert "pp-1678" not in {f.act_id for f in _findings(text, date(2029, 9, 2), ("LR010",))}


def test_audit_cache_follows_the_environment_overlay(tmp_path, overlay, monkeypatch):
    from sferum_policy.audit.cache import data_version

    plain = data_version()
    monkeypatch.setenv("SFERUM_POLICY_REFS", str(overlay))
    with_overlay = data_version()
    assert with_overlay != plain
    (overlay / "sp.yaml").write_text(OVERRIDE.replace("2028-01-01", "2029-01-01"), encoding="utf-8")
    assert data_version() != with_overlay


def test_environment_overlay_that_is_not_a_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("SFERUM_POLICY_REFS", str(tmp_path / "nowhere"))
    result = CliRunner().invoke(cli, ["refs", "list"])
    assert "SFERUM_POLICY_REFS" in str(result.exception)


def test_partial_override_error_names_the_bundled_act(tmp_path):
    from sferum_policy.errors import DataError

    d = tmp_path / "bad"
    d.mkdir()
    (d / "a.yaml").write_text("id: sp-2.4.3648-20\noverride: true\neffective_until: 2020-01-01\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"a\.yaml.*после наложения на встроенный акт sp-2\.4\.3648-20"):
        load_registry(None, [d])
    (d / "a.yaml").write_text("override: true\nstatus: repealed\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"a\.yaml:\d+: нет поля «id»"):
        load_registry(None, [d])
