"""The generator form: field names are the profile's dotted paths (``organization.head.name``).

:func:`profile_data` turns a submitted form into profile data, :func:`form_values` a profile back
into form values, :func:`defaults` gives a kind's starting values and :func:`placeholders` its
examples (those of ``sferum-policy init``), shown greyed in empty fields and never submitted.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from ..vocab import PLATFORM_TITLES, OrgKind, Platform
from .uploads import Form

COUNCIL_ROWS = 3
OPTION_FLAGS = ("quiet_hours", "opt_out", "personal_data", "ethics", "support_contacts", "administrator_appointment")
OPTION_TITLES = {
    "quiet_hours": "Время тишины (сообщения не направляются ночью)",
    "opt_out": "Другие способы связи для тех, кто отказался от платформы",
    "personal_data": "Положения о персональных данных (152-ФЗ)",
    "ethics": "Правила делового общения в чатах",
    "support_contacts": "Консультации и адрес службы поддержки",
    "administrator_appointment": "Назначение администратора платформы приказом руководителя",
}
PLATFORM_CHOICES = [(p.value, PLATFORM_TITLES[p]) for p in Platform]
_EXTRA_KEYS = ("include", "exclude", "overrides", "extra_clauses")
# Fields whose example value depends on the organisation kind.
KIND_FIELDS = ("organization.full_name", "organization.short_name", "organization.head.position", "adoption.body",
               *(f"councils.{i}.body" for i in range(COUNCIL_ROWS)), "options.quiet_from", "options.quiet_to")


def _ru(d: dt.date | str | None) -> str:
    if isinstance(d, str):
        try:
            d = dt.date.fromisoformat(d)
        except ValueError:
            return d
    return d.strftime("%d.%m.%Y") if d else ""


def defaults(kind: str, today: dt.date | None = None) -> dict[str, Any]:
    """The form's starting values for ``kind``: only true defaults, never an example organisation.

    Names, the head, dates and numbers of orders and protocols start empty (their examples are
    :func:`placeholders`), so nothing invented reaches the act unless the user typed it. Kept as
    values: the kind's usual collegial bodies, quiet hours, the official support address, the
    platforms and every «what to include» option — the choices the act is built from.
    """
    from ..generator.template import default_answers

    a = default_answers(kind, today)
    values: dict[str, Any] = {
        "organization.full_name": "", "organization.short_name": "",
        "organization.kind": a.kind, "organization.locality": "",
        "organization.head.position": "", "organization.head.name": "",
        "document.kind": a.doc_kind, "document.platforms": list(a.platforms), "document.as_of": "",
        "adoption.body": a.adoption_body, "adoption.date": "", "adoption.number": "",
        "approval.style": a.style, "approval.order_date": "", "approval.order_number": "",
        "options.quiet_from": a.quiet_from, "options.quiet_to": a.quiet_to,
        "options.support_email": "info@sferum.ru", "options.support_phone": "", "extra": "",
    }
    for flag in OPTION_FLAGS:
        values[f"options.{flag}"] = True
    for i in range(COUNCIL_ROWS):
        values[f"councils.{i}.body"] = a.councils[i] if i < len(a.councils) else ""
        values[f"councils.{i}.date"] = ""
        values[f"councils.{i}.number"] = ""
    return values


def placeholders(kind: str) -> dict[str, str]:
    """Grey examples in the empty fields for ``kind`` (``placeholder``, never submitted)."""
    from ..generator.template import default_answers

    a = default_answers(kind)
    out = {
        "organization.full_name": a.full_name, "organization.short_name": a.short_name,
        "organization.locality": "г. Энск", "organization.head.position": a.head_position,
        "organization.head.name": "А.В. Смирнова", "document.as_of": "ДД.ММ.ГГГГ",
        "adoption.body": a.adoption_body or "педагогический совет", "adoption.date": "ДД.ММ.ГГГГ",
        "adoption.number": "1", "approval.order_date": "ДД.ММ.ГГГГ", "approval.order_number": "45-од",
        "options.quiet_from": "21:00", "options.quiet_to": "08:00", "options.support_email": "info@sferum.ru",
        "options.support_phone": "8 800 000-00-00",
    }
    for i in range(COUNCIL_ROWS):
        out[f"councils.{i}.body"] = a.councils[i] if i < len(a.councils) else "совет родителей"
        out[f"councils.{i}.date"] = "ДД.ММ.ГГГГ"
        out[f"councils.{i}.number"] = "1"
    return out


def submitted(form: Form) -> dict[str, Any]:
    """The form's values as :func:`defaults` shapes them (checkboxes → bool, platforms → list)."""
    values: dict[str, Any] = {k: v[-1].strip() for k, v in form.fields.items() if not k.startswith("options.")}
    values["document.platforms"] = [p for p in form.getlist("document.platforms") if p in Platform.__members__]
    for k, v in form.fields.items():
        if k.startswith("options.") and k.removeprefix("options.") not in OPTION_FLAGS:
            values[k] = v[-1].strip()
    for flag in OPTION_FLAGS:
        values[f"options.{flag}"] = f"options.{flag}" in form.fields
    return values


def rekind(values: dict[str, Any], old_kind: str | None, new_kind: str) -> dict[str, Any]:
    """Switch the kind: fields still holding the old kind's example take the new kind's example."""
    new = defaults(new_kind)
    old = defaults(old_kind) if old_kind in OrgKind.__members__ else {}
    out = dict(values)
    out["organization.kind"] = new_kind
    for name in KIND_FIELDS:
        if not str(values.get(name, "")).strip() or values.get(name) == old.get(name):
            out[name] = new[name]
            if name.startswith("councils.") or name == "adoption.body":
                base = name.rsplit(".", 1)[0]
                for part in ("date", "number"):
                    out[f"{base}.{part}"] = new[f"{base}.{part}"] if new[name] else ""
    return out


def profile_data(values: dict[str, Any]) -> dict[str, Any]:
    """Profile data (for :class:`~sferum_policy.generator.profile.Profile`) from form values."""
    g = lambda name: str(values.get(name, "") or "").strip()  # noqa: E731
    data: dict[str, Any] = {
        "organization": {
            "full_name": g("organization.full_name"), "short_name": g("organization.short_name"),
            "kind": g("organization.kind"), "locality": g("organization.locality") or None,
            "head": {"position": g("organization.head.position"), "name": g("organization.head.name")},
        },
        "document": {"kind": g("document.kind") or "polozhenie", "platforms": list(values.get("document.platforms") or [])},
        "approval": {"style": g("approval.style") or "utverzhdeno", "order_date": g("approval.order_date"),
                     "order_number": g("approval.order_number")},
        "options": {flag: bool(values.get(f"options.{flag}")) for flag in OPTION_FLAGS},
    }
    if g("document.as_of"):
        data["document"]["as_of"] = g("document.as_of")
    opts = data["options"]
    for name in ("quiet_from", "quiet_to", "support_email"):
        if g(f"options.{name}"):
            opts[name] = g(f"options.{name}")
    opts["support_phone"] = g("options.support_phone") or None
    if g("adoption.body"):
        data["adoption"] = {"body": g("adoption.body"), "date": g("adoption.date"), "number": g("adoption.number")}
    data["councils"] = [
        {"body": g(f"councils.{i}.body"), "date": g(f"councils.{i}.date"), "number": g(f"councils.{i}.number")}
        for i in range(COUNCIL_ROWS) if g(f"councils.{i}.body")
    ]
    if g("extra"):
        try:
            extra = json.loads(g("extra"))
        except ValueError:
            extra = {}
        if isinstance(extra, dict):
            data.update({k: extra[k] for k in _EXTRA_KEYS if k in extra})
    return data


def form_values(profile) -> dict[str, Any]:
    """Form values of a validated profile (the inverse of :func:`profile_data`)."""
    p = profile.model_dump(mode="json")
    org, doc, appr, opts = p["organization"], p["document"], p["approval"], p["options"]
    values: dict[str, Any] = {
        "organization.full_name": org["full_name"], "organization.short_name": org["short_name"],
        "organization.kind": org["kind"], "organization.locality": org.get("locality") or "",
        "organization.head.position": org["head"]["position"], "organization.head.name": org["head"]["name"],
        "document.kind": doc["kind"], "document.platforms": doc["platforms"], "document.as_of": _ru(doc.get("as_of")),
        "approval.style": appr["style"], "approval.order_date": _ru(appr["order_date"]),
        "approval.order_number": appr["order_number"],
        "options.quiet_from": opts["quiet_from"], "options.quiet_to": opts["quiet_to"],
        "options.support_email": opts["support_email"], "options.support_phone": opts.get("support_phone") or "",
    }
    for flag in OPTION_FLAGS:
        values[f"options.{flag}"] = bool(opts[flag])
    adoption = p.get("adoption") or {}
    values["adoption.body"] = adoption.get("body", "")
    values["adoption.date"] = _ru(adoption.get("date"))
    values["adoption.number"] = adoption.get("number", "")
    councils = p.get("councils") or []
    for i in range(COUNCIL_ROWS):
        c = councils[i] if i < len(councils) else {}
        values[f"councils.{i}.body"] = c.get("body", "")
        values[f"councils.{i}.date"] = _ru(c.get("date"))
        values[f"councils.{i}.number"] = c.get("number", "")
    extra = {k: p[k] for k in _EXTRA_KEYS if p.get(k)}
    values["extra"] = json.dumps(extra, ensure_ascii=False) if extra else ""
    return values


def profile_yaml(profile) -> str:
    """The profile as YAML a user can keep and upload again (dates as ДД.ММ.ГГГГ)."""
    import yaml

    data = profile.model_dump(mode="json", exclude_none=True)

    def _dates(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: _dates(v) for k, v in node.items()}
        if isinstance(node, list):
            return [_dates(v) for v in node]
        if isinstance(node, str) and len(node) == 10 and node[4] == "-" and node[7] == "-":
            return _ru(node)
        return node

    head = ("# Профиль организации для sferum-policy (страница «Создать положение» или\n"
            "# «sferum-policy generate профиль.yaml -o положение.docx»). Даты — ДД.ММ.ГГГГ.\n")
    return head + yaml.safe_dump(_dates(data), allow_unicode=True, sort_keys=False, width=1000)


def field_errors(exc) -> dict[str, str]:
    """Russian messages of a pydantic ValidationError, keyed by form field name."""
    from ..yamlio import describe_error

    out: dict[str, str] = {}
    for err in exc.errors():
        loc = [str(x) for x in err["loc"]]
        name = ".".join(loc) if loc else "form"
        if name == "document.platforms" or name.startswith("document.platforms."):
            name = "document.platforms"
        out.setdefault(name, describe_error(err))
    return out


MISSING_TEXT = "не найдено в акте — заполните"


def from_extraction(x) -> tuple[dict[str, Any], dict[str, str], list[str]]:
    """The form of «Обновить акт» from a :class:`~sferum_policy.repair.profile_extract.ProfileExtraction`.

    Returns the values (only what the old act states — a missing field is empty, never an example or a
    default), the excerpt each value was read from («строка 12: …», by field name) and the names of the
    fields the act does not state (shown highlighted, «не найдено в акте — заполните»).
    """
    values: dict[str, Any] = {"extra": "", "document.as_of": ""}
    sources: dict[str, str] = {}
    missing: list[str] = []

    def put(name: str, v) -> None:
        values[name] = "" if v is None or v.missing else (_ru(v.value) if hasattr(v.value, "year") else str(v.value))
        if v is not None and not v.missing and v.excerpt is not None and v.excerpt.paragraph >= 0:
            sources[name] = f"{v.excerpt.where()}: «{v.excerpt.text}»"
        elif v is None or v.missing:
            missing.append(name)

    for v in (x.full_name, x.short_name, x.kind, x.locality, x.head_position, x.head_name, x.doc_kind,
              x.approval_style, x.order_date):
        put(v.key, v)
    if x.approval_style.value == "utverzhdayu":
        values["approval.order_number"] = ""  # a signature grif carries no order number
    else:
        put("approval.order_number", x.order_number)
    old = x.platforms.value or []
    values["document.platforms"] = ["max"] + (["web"] if "web" in old else [])
    district = x.kind.value == OrgKind.district.value
    if x.adoption is not None and not district:
        for part in ("body", "date", "number"):
            put(f"adoption.{part}", getattr(x.adoption, part))
    else:
        values.update({"adoption.body": "", "adoption.date": "", "adoption.number": ""})
        if not district:
            missing += ["adoption.body", "adoption.date", "adoption.number"]
    councils = [] if district else [c for c in x.councils if not c.body.missing][:COUNCIL_ROWS]
    for i in range(COUNCIL_ROWS):
        if i < len(councils):
            for part in ("body", "date", "number"):
                put(f"councils.{i}.{part}", getattr(councils[i], part))
        else:
            values.update({f"councils.{i}.body": "", f"councils.{i}.date": "", f"councils.{i}.number": ""})
    if not councils and not district:
        missing += ["councils.0.body", "councils.0.date", "councils.0.number"]
    return values, sources, missing


def answers(values: dict[str, Any], extracted: dict[str, Any]) -> dict[str, Any]:
    """What the user changed on the «Обновить акт» form, by field: for ``repair.modernize.apply_answers``
    with ``clear`` (an erased value is an empty answer)."""
    out: dict[str, Any] = {}
    for key, old in extracted.items():
        if key in ("extra", "document.platforms", "document.as_of"):
            continue
        new = str(values.get(key, "") or "").strip()
        if new != str(old or "").strip():
            out[key] = new
    return out
