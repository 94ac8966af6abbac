"""«Создать положение»: the profile as a form, a preview of the act, downloads (DOCX, MD, HTML, YAML)."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.routing import Route

from ..errors import DataError
from ..vocab import ORG_KIND_TITLES, OrgKind
from . import forms
from .pages import download, page, stem
from .state import state
from .uploads import UploadError, parse_form, require_content

ACTIONS = ("kind", "preview", "docx", "md", "html", "yaml")
_EXT = {"docx": "docx", "md": "md", "html": "html", "yaml": "yaml"}


def _role_words(kind: str) -> list[tuple[str, str]]:
    """The words the act will use for this kind (obучающиеся / студенты / воспитанники …)."""
    from ..library.templating import context
    from ..pipeline import default_clauses

    ctx = context(default_clauses().terms, kind)
    return [("Обучающиеся", str(ctx["students"])), ("Классный руководитель", str(ctx["class_teacher"])),
            ("Организация", str(ctx["org"])), ("Руководитель", str(ctx["head"]))]


def _form_page(values: dict, *, errors: dict | None = None, preview: str | None = None, summary: str | None = None,
               status: int = 200, notice: str | None = None):
    kind = values.get("organization.kind") or "school"
    if kind not in OrgKind.__members__:
        kind = "school"
    return page("generate.html", code=status, active="generate", v=values, errors=errors or {}, preview=preview,
                summary=summary, notice=notice, kinds=[(k.value, t) for k, t in ORG_KIND_TITLES.items()],
                kind=kind, district=kind == "district", roles=_role_words(kind), flags=forms.OPTION_FLAGS,
                ph=forms.placeholders(kind),
                flag_titles=forms.OPTION_TITLES, platforms=forms.PLATFORM_CHOICES, council_rows=range(forms.COUNCIL_ROWS))


async def show(request: Request):
    kind = request.query_params.get("kind", "school")
    if kind not in OrgKind.__members__:
        kind = "school"
    return _form_page(forms.defaults(kind))


def _build(values: dict):
    """Validate the form as a profile and assemble the act (or return field errors)."""
    from pydantic import ValidationError

    from ..generator.assemble import assemble
    from ..generator.profile import Profile
    from ..pipeline import default_clauses, default_registry

    try:
        profile = Profile.model_validate(forms.profile_data(values))
    except ValidationError as exc:
        return None, None, forms.field_errors(exc)
    profile._source = "форма"
    try:
        act = assemble(profile, default_clauses(), default_registry())
    except DataError as exc:
        return profile, None, {"form": str(exc)}
    return profile, act, {}


async def submit(request: Request):
    st = state(request)
    with st.storage.scratch() as scratch:
        f = await parse_form(request, scratch, st.limits, st.limits.max_profile)
    values = forms.submitted(f)
    action = f.get("action", "preview")
    if action not in ACTIONS:
        action = "preview"
    if action == "kind":
        new_kind = values.get("organization.kind", "school")
        if new_kind not in OrgKind.__members__:
            new_kind = "school"
        return _form_page(forms.rekind(values, f.get("prev_kind"), new_kind))
    profile, act, errors = await run_in_threadpool(_build, values)
    if errors:
        return _form_page(values, errors=errors, status=400)
    name = stem(profile.organization.short_name)
    if action == "yaml":
        return download(forms.profile_yaml(profile), f"профиль-{name}.yaml", "yaml")
    from ..generator.render import render

    if action in ("docx", "md", "html"):
        data = await run_in_threadpool(render, act, action)
        word = "положение" if profile.document.kind == "polozhenie" else "порядок"
        return download(data, f"{word}-{name}.{_EXT[action]}", action)
    preview = await run_in_threadpool(render, act, "html")
    points = sum(len(s.points) for s in act.sections)
    summary = f"{act.kind_title.capitalize()}: разделов — {len(act.sections)}, пунктов — {points}."
    return _form_page(values, preview=preview, summary=summary)


async def load(request: Request):
    """Fill the form from an uploaded profile (YAML or JSON)."""
    from ..generator.profile import parse_profile

    st = state(request)
    with st.storage.scratch() as scratch:
        f = await parse_form(request, scratch, st.limits, st.limits.max_profile)
        up = f.file("profile")
        if up is None:
            raise UploadError("Выберите файл профиля (.yaml)")
        require_content(up)
        if up.suffix not in (".yaml", ".yml", ".json"):
            raise UploadError(f"Файл «{up.filename}»: нужен профиль в формате YAML (.yaml)", 415)
        raw = up.path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UploadError(f"Файл «{up.filename}»: профиль должен быть в кодировке UTF-8", 415) from None
    if "\x00" in text:
        raise UploadError(f"Файл «{up.filename}»: это не текстовый файл YAML", 415)
    _plain_yaml(text, up.filename)
    profile = await run_in_threadpool(parse_profile, text, up.filename)
    return _form_page(forms.form_values(profile), notice=f"Профиль «{up.filename}» загружен.")


def _plain_yaml(text: str, name: str) -> None:
    """Refuse anchors, aliases and deep nesting before the YAML is loaded (alias bombs, recursion)."""
    import yaml

    depth = 0
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if isinstance(token, (yaml.AnchorToken, yaml.AliasToken)):
                raise UploadError(f"Файл «{name}»: ссылки YAML (& и *) в профиле не допускаются")
            if isinstance(token, (yaml.BlockMappingStartToken, yaml.BlockSequenceStartToken,
                                  yaml.FlowMappingStartToken, yaml.FlowSequenceStartToken)):
                depth += 1
                if depth > 12:
                    raise UploadError(f"Файл «{name}»: слишком глубокая вложенность; это не профиль организации")
            elif isinstance(token, (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)):
                depth -= 1
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f", строка {mark.line + 1}" if mark is not None else ""
        raise UploadError(f"Файл «{name}»: ошибка в YAML{where}") from None


routes = [
    Route("/generate", show, methods=["GET"]),
    Route("/generate", submit, methods=["POST"]),
    Route("/generate/profile", load, methods=["POST"]),
]
