"""Rendering clause templates (Jinja2 in a sandbox) with the role words of a kind and platform."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..errors import DataError
from ..vocab import DocKind, OrgKind, Platform
from .clauses import Clause
from .terms import Terms

PLATFORM_ORDER = (Platform.max, Platform.vk_messenger, Platform.web)


def cap(value: Any) -> str:
    """Upper-case the first letter only (Jinja's ``capitalize`` would lower-case «ИКОП»)."""
    s = str(value)
    return s[:1].upper() + s[1:]


@lru_cache(maxsize=1)
def environment():
    """The sandboxed Jinja2 environment shared by clause and user templates."""
    from jinja2 import StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    env = ImmutableSandboxedEnvironment(undefined=StrictUndefined, autoescape=False, trim_blocks=True, lstrip_blocks=True)
    env.filters["cap"] = cap
    return env


def context(
    terms: Terms,
    kind: OrgKind | str,
    platforms: set[Platform] | list[Platform] | None = None,
    doc_kind: DocKind | str = DocKind.polozhenie,
    act_key: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """Template variables: role words of ``kind``, messenger of the main platform, act names.

    ``messenger`` is the first chosen platform in the order MAX, VK Messenger, web; ``platforms`` is
    the set of chosen platform codes, so templates can write ``{% if 'max' in platforms %}``.
    """
    kind = OrgKind(kind)
    chosen = [p for p in PLATFORM_ORDER if p in set(platforms or [Platform.max])] or [Platform.max]
    doc_key = DocKind(doc_kind).value if DocKind(doc_kind) in (DocKind.polozhenie, DocKind.poryadok) else "polozhenie"
    if kind == OrgKind.district:  # an education authority writes a model act for its organisations
        doc_key = f"model_{doc_key}"
    doc_key = act_key or doc_key
    kt = terms.for_kind(kind)
    ctx: dict[str, Any] = {name: getattr(kt, name) for name in type(kt).model_fields}
    ctx.update(
        kind=kind.value,
        platforms=[p.value for p in chosen],
        messenger=terms.platforms[chosen[0]].messenger,
        messengers=[terms.platforms[p].messenger for p in chosen],
        platform="ИКОП «Сферум»",
        act=terms.acts[doc_key].act,
        this_act=terms.acts[doc_key].this_act,
        options={},
        # The organisation's own data; neutral values when a checker renders the library without a profile.
        org_its="ее",  # «иными ее локальными актами» — «его» when the act says «Учреждение»
        org_ref="",  # «Учреждение» after «(далее — …)»
        org_name_gent="",  # the organisation's full name in the genitive
        org_name_datv="",
        approval_style="utverzhdeno",  # utverzhdayu: approved by the head's signature, not by an order
        support_email="",
    )
    ctx.update(extra)
    # «директор Учреждения», but «заведующий Учреждением» (the word governs the instrumental case)
    ctx.setdefault("head_org", ctx["org"].ablt if kt.head.nomn.startswith("заведующ") else ctx["org"].gent)
    return ctx


@lru_cache(maxsize=4096)
def _compiled(source: str):
    """Compile each distinct template source once (compiling costs ~5 ms, rendering ~50 µs)."""
    return environment().from_string(source)


def render_template(source: str, ctx: dict[str, Any], where: str = "шаблон") -> str:
    """Render one template string; errors become a Russian :class:`DataError` naming ``where``."""
    from jinja2 import TemplateError
    from jinja2.exceptions import SecurityError, UndefinedError

    try:
        out = _compiled(source).render(ctx)
    except SecurityError as exc:
        raise DataError(f"{where}: шаблон обращается к недоступным данным ({exc})") from None
    except UndefinedError as exc:
        raise DataError(f"{where}: в шаблоне неизвестная переменная ({exc.message})") from None
    except TemplateError as exc:
        raise DataError(f"{where}: ошибка в шаблоне ({exc.message})") from None
    return " ".join(out.split())


def render_clause(clause: Clause, ctx: dict[str, Any]) -> tuple[str, list[str]]:
    """Render a clause's text (the variant for the context's kind and platforms) and its items."""
    kind = OrgKind(ctx["kind"])
    platforms = {Platform(p) for p in ctx["platforms"]}
    text = render_template(clause.template_for(kind, platforms), ctx, f"положение {clause.id}")
    items = [render_template(item, ctx, f"положение {clause.id}") for item in clause.items]
    return text, [i for i in items if i]


_RENDERED: dict[tuple, dict[str, tuple[str, list[str]]]] = {}


def rendered_library(
    library,
    kind: OrgKind | str,
    platforms: set[Platform] | list[Platform] | None = None,
    doc_kind: DocKind | str = DocKind.polozhenie,
) -> dict[str, tuple[str, list[str]]]:
    """Every clause that applies to ``kind`` rendered for it: ``{clause_id: (text, items)}``.

    Memoised in the process and on disk (:mod:`sferum_policy.cache`), keyed by the library's
    content digest, so a cold ``check`` does not compile the templates again.
    """
    from ..cache import cached

    kind = OrgKind(kind)
    plats = sorted(Platform(p).value for p in (platforms or list(Platform)))
    key = (library.digest, kind.value, tuple(plats), DocKind(doc_kind).value)
    hit = _RENDERED.get(key)
    if hit is None:
        def build() -> dict[str, tuple[str, list[str]]]:
            out = {}
            chosen = {Platform(p) for p in plats}
            for clause in library.select(kind, chosen):
                own = [p for p in clause.platforms if p in chosen] or list(clause.platforms)
                out[clause.id] = render_clause(clause, context(library.terms, kind, own, doc_kind))
            return out

        hit = cached("rendered", repr(key), build)
        _RENDERED[key] = hit
    return hit
