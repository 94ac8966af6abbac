"""The extraction written as a profile — the format ``sferum-policy generate`` reads.

:func:`profile_yaml` writes every value with the excerpt it came from as a comment and leaves the missing
fields empty (``generate`` then prints a blank or refuses, as it does for a hand-written profile);
:func:`build_profile` gives the validated :class:`generator.profile.Profile` directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..vocab import OrgKind
from .profile_extract import ProfileExtraction, Value

BLANK = "____________________"
BLANK_NAME = "______________"


@dataclass(slots=True)
class Carry:
    """A provision of the old act carried into the new one (an ``extra_clauses`` entry of the profile)."""

    section: str
    title: str
    text: str
    items: list[str] = field(default_factory=list)


def _template_safe(text: str) -> str:
    """Old text as a profile template: braces would be read as Jinja2, so such text is kept raw."""
    return "{% raw %}" + text + "{% endraw %}" if "{" in text or "}" in text else text


@dataclass(slots=True)
class Keep:
    """Library provisions the old act had that a profile does not give by default: options switched on
    (``quiet_hours`` with the old act's hours) and optional clauses to include."""

    options: dict[str, Any] = field(default_factory=dict)
    include: list[str] = field(default_factory=list)


def profile_data(x: ProfileExtraction, *, as_of: date | None = None, carried: list[Carry] | None = None,
                 keep: Keep | None = None) -> dict:
    """The profile as plain data: missing names stay ``None``, missing requisites stay empty."""
    kind = x.kind.value or OrgKind.school.value
    platforms = ["max"] + (["web"] if x.platforms.value and "web" in x.platforms.value else [])
    data: dict[str, Any] = {
        "organization": {
            "full_name": x.full_name.value,
            "short_name": x.short_name.value,
            "kind": kind,
            "locality": x.locality.value,
            "head": {"position": x.head_position.value, "name": x.head_name.value},
        },
        "document": {"kind": x.doc_kind.value or "polozhenie", "platforms": platforms,
                     **({"as_of": as_of} if as_of else {})},
        "approval": {"style": x.approval_style.value or "utverzhdeno", "order_date": x.order_date.value,
                     "order_number": x.order_number.value if x.approval_style.value != "utverzhdayu" else None},
        "councils": [{"body": c.body.value, "date": c.date.value, "number": c.number.value}
                     for c in x.councils if c.body.value],
    }
    if kind != OrgKind.district.value and x.adoption is not None and x.adoption.body.value:
        a = x.adoption
        data["adoption"] = {"body": a.body.value, "date": a.date.value, "number": a.number.value}
    if kind == OrgKind.district.value:
        data["councils"] = []
    if keep is not None and keep.options:
        data["options"] = dict(keep.options)
    if keep is not None and keep.include:
        data["include"] = list(keep.include)
    if carried:
        data["extra_clauses"] = [{"section": c.section, "title": c.title, "text": _template_safe(c.text),
                                  "items": [_template_safe(i) for i in c.items]} for c in carried]
    return data


def build_profile(x: ProfileExtraction, *, as_of: date | None = None, carried: list[Carry] | None = None,
                  keep: Keep | None = None):
    """A :class:`~sferum_policy.generator.profile.Profile` for the act: a name the old act does not give is a
    visible blank «____» (validated with a stand-in, then blanked — never printed as a value)."""
    from ..generator.profile import Profile
    from ..yamlio import validate

    data = profile_data(x, as_of=as_of, carried=carried, keep=keep)
    org = data["organization"]
    blanks: dict[str, str] = {}
    for key, stand_in, blank in (("full_name", "Организация", BLANK), ("short_name", "Организация", BLANK),
                                 ("position", "Руководитель", BLANK)):
        holder = org["head"] if key == "position" else org
        if not holder.get(key):
            holder[key] = stand_in
            blanks[key] = blank
    if not org["head"].get("name"):
        org["head"]["name"] = "А.А. Иванов"
        blanks["name"] = BLANK_NAME
    profile = validate(Profile, data, "профиль из прежнего акта")
    o = profile.organization
    for key, blank in blanks.items():
        setattr(o.head if key in ("position", "name") else o, key, blank)
    profile._source = "профиль из прежнего акта"
    return profile


def _q(value: Any) -> str:
    import json

    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    return json.dumps(value, ensure_ascii=False)


def _note(v: Value) -> str:
    if v.excerpt is None:
        return "  # НЕ НАЙДЕНО в прежнем акте — впишите"
    if v.excerpt.paragraph < 0:
        return "  # ответ пользователя (в прежнем акте не было)"
    text = v.excerpt.text.replace("\n", " ")
    if len(text) > 90:
        text = text[:90] + "…"
    return f"  # из акта, {v.excerpt.where()}: «{text}»"


def profile_yaml(x: ProfileExtraction, *, as_of: date | None = None, carried: list[Carry] | None = None,
                 source: str = "", keep: Keep | None = None) -> str:
    """The profile in the YAML format ``generate`` reads, each value with its excerpt as a comment.

    A missing name is ``null`` (``generate`` refuses the profile until it is filled in); a missing protocol
    or order date or number is empty (``generate`` prints a visible blank «___»).
    """
    data = profile_data(x, as_of=as_of, carried=carried, keep=keep)
    org = data["organization"]
    lines = [
        f"# Профиль организации, извлеченный из прежнего акта{f' ({source})' if source else ''} командой",
        "# «sferum-policy modernize». У каждого значения — откуда оно взято. Поля с пометкой «НЕ НАЙДЕНО»",
        "# впишите сами: пока наименование или фамилия руководителя не заполнены, generate акт не создаст;",
        "# пустые дата и номер протокола или приказа печатаются в акте пропуском «___».",
        "",
        "organization:",
        f"  full_name: {_q(org['full_name'])}{_note(x.full_name)}",
        f"  short_name: {_q(org['short_name'])}{_note(x.short_name)}",
        f"  kind: {org['kind']}{_note(x.kind) if x.kind.value else '  # НЕ НАЙДЕНО в прежнем акте — проверьте вид'}",
        f"  locality: {_q(org['locality'])}{_note(x.locality)}",
        "  head:",
        f"    position: {_q(org['head']['position'])}{_note(x.head_position)}",
        f"    name: {_q(org['head']['name'])}{_note(x.head_name)}",
        "",
        "document:",
        f"  kind: {data['document']['kind']}{_note(x.doc_kind)}",
        "  # Платформа нового акта — «Сферум» в национальном мессенджере MAX; в прежнем акте: "
        + (", ".join(x.platforms.value) if x.platforms.value else "не названа"),
        f"  platforms: [{', '.join(data['document']['platforms'])}]",
    ]
    if as_of:
        lines.append(f"  as_of: {_q(as_of)}")
    lines += ["", "approval:", f"  style: {data['approval']['style']}{_note(x.approval_style)}",
              f"  order_date: {_q(data['approval']['order_date'])}{_note(x.order_date)}"]
    if data["approval"]["style"] != "utverzhdayu":
        lines.append(f"  order_number: {_q(data['approval']['order_number'])}{_note(x.order_number)}")
    if "adoption" in data:
        a = x.adoption
        assert a is not None
        lines += ["", "adoption:", f"  body: {_q(a.body.value)}{_note(a.body)}",
                  f"  date: {_q(a.date.value)}{_note(a.date)}", f"  number: {_q(a.number.value)}{_note(a.number)}"]
    elif org["kind"] != OrgKind.district.value:
        lines += ["", "# Отметки о принятии коллегиальным органом в прежнем акте нет — при необходимости впишите:",
                  "# adoption:", "#   body: педагогический совет", "#   date: ДД.ММ.ГГГГ", "#   number: \"…\""]
    councils = [c for c in x.councils if c.body.value] if org["kind"] != OrgKind.district.value else []
    if councils:
        lines += ["", "councils:"]
        for c in councils:
            lines += [f"  - body: {_q(c.body.value)}{_note(c.body)}", f"    date: {_q(c.date.value)}{_note(c.date)}",
                      f"    number: {_q(c.number.value)}{_note(c.number)}"]
    else:
        lines += ["", "# Отметок «С учетом мнения» советов в прежнем акте нет (ч. 3 ст. 30 Федерального закона",
                  "# № 273-ФЗ требует учесть мнение советов обучающихся и родителей) — впишите их:", "councils: []"]
    if data.get("options"):
        lines += ["", "# Параметры, которые были в прежнем акте (например, время тишины с его часами):", "options:"]
        lines += [f"  {k}: {_q(v) if isinstance(v, str) else str(v).lower()}" for k, v in data["options"].items()]
    if data.get("include"):
        lines += ["", "# Необязательные положения библиотеки, которые были в прежнем акте:",
                  f"include: [{', '.join(data['include'])}]"]
    if data.get("extra_clauses"):
        lines += ["", "# Положения прежнего акта, которых нет в библиотеке, — перенесены; проверьте их.", "extra_clauses:"]
        for c in data["extra_clauses"]:
            lines += [f"  - section: {c['section']}", f"    title: {_q(c['title'])}", f"    text: {_q(c['text'])}"]
            if c["items"]:
                lines.append("    items:")
                lines += [f"      - {_q(i)}" for i in c["items"]]
    return "\n".join(lines) + "\n"
