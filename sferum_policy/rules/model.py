"""What one rule file says (``rules/<family>/<CODE>.yaml``), validated by pydantic on load.

The model borrows ruff's rule metadata (a stable code, a kebab-case name, a lifecycle status, whether
``fix`` can repair it) and Vale's data-only rule kinds: an ``existence`` rule reports every word of
its list, a ``substitution`` rule every wrong form of its ``swap`` table with the right one as a
safe edit. A ``code`` rule (the default) is found by its family's detector in ``checks/``.
"""

from __future__ import annotations

import re
import string
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

from ..vocab import Category, Severity

Status = Literal["stable", "preview", "deprecated", "retired"]
Fixable = Literal["safe", "unsafe", "mixed", "none"]
Kind = Literal["code", "existence", "substitution"]

CODE = re.compile(r"^[A-Z]{2}\d{3}$")
_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


def _code(v: str) -> str:
    if not CODE.match(v):
        raise ValueError("код должен иметь вид «две латинские заглавные буквы и три цифры», например LR001")
    return v


Code = Annotated[str, AfterValidator(_code)]


def placeholders(template: str) -> set[str]:
    """The ``{names}`` a message template expects; ``ValueError`` on a malformed template."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


class Examples(BaseModel):
    """Texts the rule must fire on (``bad``) and must stay quiet on (``good``); the whole pipeline runs them."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    bad: list[str] = Field(min_length=1)
    good: list[str] = Field(min_length=1)

    @field_validator("bad", "good")
    @classmethod
    def _not_blank(cls, v: list[str]) -> list[str]:
        if any(not text.strip() for text in v):
            raise ValueError("пустой пример")
        return v


class Rule(BaseModel):
    """A finding code and everything a user needs to understand it (all texts in Russian)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: Code
    name: str
    category: Category
    severity: Severity
    status: Status = "stable"
    fixable: Fixable
    title: str
    why: str
    fix: str
    basis: tuple[str, ...] = ()
    messages: dict[str, str] = Field(default_factory=dict)
    examples: Examples
    example_options: dict[str, Any] = Field(default_factory=dict)
    kind: Kind = "code"
    tokens: tuple[str, ...] = ()
    swap: dict[str, str] = Field(default_factory=dict)
    ignorecase: bool = True  # existence / substitution: letter case does not matter
    nonword: bool = False  # existence / substitution: tokens are whole regular expressions, no word bounds added
    once: bool = False  # existence: each distinct text is reported once per document
    suggestion: str | None = None  # existence: the advice every finding carries
    family: str = Field(default="", exclude=True)  # the folder the file lies in (set by the loader)

    @field_validator("name")
    @classmethod
    def _name_form(cls, v: str) -> str:
        if not _NAME.match(v):
            raise ValueError("имя записывается латиницей через дефис, например repealed-act")
        return v

    @field_validator("title", "why", "fix")
    @classmethod
    def _text(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("текст не заполнен")
        return v

    @field_validator("messages")
    @classmethod
    def _templates(cls, v: dict[str, str]) -> dict[str, str]:
        for key, template in v.items():
            try:
                placeholders(template)
            except ValueError as exc:
                raise ValueError(f"шаблон сообщения «{key}» записан с ошибкой ({exc})") from None
        return v

    @model_validator(mode="after")
    def _kind_data(self) -> Rule:
        if self.kind == "existence" and not self.tokens:
            raise ValueError("правилу вида existence нужен список слов (tokens)")
        if self.kind == "substitution" and not self.swap:
            raise ValueError("правилу вида substitution нужна таблица замен (swap: неверно → верно)")
        if self.kind == "code" and (self.tokens or self.swap or self.nonword or self.once or self.suggestion):
            raise ValueError("поля tokens, swap, nonword, once и suggestion нужны только правилам видов "
                             "existence и substitution")
        for token in (*self.tokens, *self.swap):
            try:
                re.compile(token)
            except re.error as exc:
                raise ValueError(f"ошибка в регулярном выражении «{token}» ({exc})") from None
        if self.kind != "code":
            if "found" not in self.messages:
                raise ValueError(f"правилу вида {self.kind} нужен шаблон сообщения messages.found")
            extra = placeholders(self.messages["found"]) - {"text", "suggestion"}
            if extra:
                raise ValueError(f"в шаблоне messages.found неизвестная подстановка {{{sorted(extra)[0]}}}; "
                                 "допустимо: {text}, {suggestion}")
        if self.kind == "substitution" and self.fixable != "safe":
            raise ValueError("замена по таблице (substitution) исправляется автоматически: укажите fixable: safe")
        return self

    # -- what checks and renderers use ----------------------------------------------------------

    @property
    def bad(self) -> str:
        """The first example the rule fires on (the one the documentation shows first)."""
        return self.examples.bad[0]

    @property
    def good(self) -> str:
        """The first example the rule stays quiet on."""
        return self.examples.good[0]

    def message(self, key: str, **values: Any) -> str:
        """The message template ``key`` filled with ``values`` (``KeyError`` names a missing template)."""
        return self.messages[key].format(**values)


class Retired(BaseModel):
    """A code no longer used: findings of it are now reported under ``redirect`` (or nothing)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: Code
    redirect: Code | None = None
    since: str | None = Field(default=None, description="version or date of retirement")
    note: str


class RetiredFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    retired: list[Retired] = Field(default_factory=list)
