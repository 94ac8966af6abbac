"""Numbers in Russian text: plural agreement («1 вид», «2 вида», «5 видов») and the decimal comma («36,2»)."""

from __future__ import annotations


def plural_form(n: int, one: str, few: str, many: str) -> str:
    """The form of a noun agreeing with ``n`` (the CLDR rule for Russian cardinals).

    ``one`` after 1, 21, 101 … (but not 11); ``few`` after 2–4, 22–24 … (but not 12–14); ``many``
    otherwise. Fractions take ``few`` («1,5 вида»).
    """
    if not isinstance(n, int):
        return few
    n = abs(n)
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def plural(n: int, one: str, few: str, many: str) -> str:
    """``n`` and the agreeing noun: ``plural(21, "вид", "вида", "видов")`` → «21 вид»."""
    return f"{number(n)} {plural_form(n, one, few, many)}"


def number(value: float | int | None, digits: int = 1, empty: str = "—") -> str:
    """A number as Russian text: a decimal comma, a non-breaking space between thousands, no trailing «,0»."""
    if value is None or value == "":
        return empty
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, int) or float(value).is_integer():
        text = f"{round(float(value)):,}"
    else:
        text = f"{float(value):,.{digits}f}".rstrip("0").rstrip(".")
    return text.replace(",", "\u00a0").replace(".", ",")
