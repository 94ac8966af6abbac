"""Find citations of legal acts in text: act type, issuer, date, number and title (pure regex).

``extract(text)`` works on any string; ``extract_document(doc)`` runs it over ``Document.text`` (so a
citation wrapped over two lines of a plain-text act is still found) and maps every span back to its
paragraph. Nothing here knows the registry: resolution is :mod:`sferum_policy.checks.legal_refs`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from ...dates import month_number

# Kinds a citation may have: ActKind values plus ``internal`` (an order of the organisation itself)
# and ``regional_act`` (an act of a region or a municipality).
INTERNAL = "internal"

_BOUNDARY = "¶"  # replaces a line break that starts a new list item or numbered clause

# One-to-one character clean-up, so offsets in the cleaned text equal offsets in the original.
_CLEAN = str.maketrans(
    {
        "\u00a0": " ", "\u202f": " ", "\u2007": " ", "\t": " ", "\r": " ",
        "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "−": "-",
        "ё": "е", "Ё": "Е",
        "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"',
    }
)
_CLEAN_CHARS = re.compile("[" + re.escape("".join(map(chr, _CLEAN))) + "]")
_NEW_ITEM = re.compile(r"\n(?=[ ]*(?:[-•*·▪]\s|\d+(?:\.\d+)*[.)]\s|[а-яa-z]\)\s|#))")

_RU = "РФ|Российской\\s+Федерации|России"
_FED = rf"(?-i:{_RU})|российской\s+федерации"

_ANCHOR = re.compile(
    r"""
    (?=[СсГгФфЗзПпРрУу№N\d])  # cheap first-character filter: every anchor starts with one of these
    (?:(?P<sanpin>(?-i:СанПиН|САНПИН|Санпин)\s*\d[\d.]*(?:\s*/\s*\d[\d.]*)?\s*-\s*\d{2}(?!\d))
  | (?P<sp>(?<![\w.])(?-i:СП)\s*\d+(?:\.\d+)+\s*-\s*\d{2}(?!\d))
  | (?P<gost>(?-i:ГОСТ)\s*(?-i:Р)?\s*(?:(?-i:ИСО|ISO)\s*)?\d+(?:\.\d+)+\s*-\s*\d{4}(?!\d))
  | (?P<fz>федеральн\w{0,3}\s+закон\w{0,3}(?!\w))
  | (?P<lawrf>закон(?:а|у|ом|е)?\s+(?:(?-i:РФ|РСФСР)|российской\s+федерации))
  | (?P<law>(?<!\w)закон(?:а|у|ом|е)?(?!\w))
  | (?P<fzabbr>(?<![\w-])(?-i:ФЗ)(?![\w-]))
  | (?P<fznum>(?<![\w/.-])(?:(?:№|(?-i:N))\s*)?\d{1,4}\s?-\s?(?-i:Ф\s?[З3]|фз)(?!\w)|(?<![\w-])(?-i:ФЗ)\s?-\s?\d{1,4}(?![\d.]))
  | (?P<pp>(?<!\w)постановлени(?:е|я|ю|ем|и)(?!\w))
  | (?P<ppabbr>(?<!\w)(?-i:ПП)(?:\s*(?-i:РФ))?(?!\w))
  | (?P<rp>(?<!\w)распоряжени(?:е|я|ю|ем|и)(?!\w))
  | (?P<order>(?<!\w)приказ(?:а|у|ом|е)?(?!\w))
  | (?P<letter>(?<!\w)письм(?:о|а|у|ом|е)(?!\w))
  | (?P<instr>(?<!\w)поручени(?:е|я|ю|ем|и)(?!\w))
  | (?P<ukaz>(?<!\w)указ(?:а|у|ом|е)?\s+президента))
    """,
    re.IGNORECASE | re.VERBOSE,
)

_QUICK = re.compile(r"с(?:анпин|п)|гост|федеральн|закон|ф[з3]|п(?:остановлени|п|риказ|исьм|оручени)|распоряжени|указ|№|n")
_FZ_BACK = re.compile(r"(?:(?:№|N)\s*)?\d{1,4}\s?-\s?$")

ANCHOR_KINDS = {
    "sanpin": "sanitary_norms",
    "sp": "sanitary_rules",
    "gost": "standard",
    "fz": "federal_law",
    "lawrf": "law_rf",
    "law": "law",
    "fzabbr": "federal_law",
    "fznum": "federal_law",
    "pp": "government_decree",
    "ppabbr": "government_decree",
    "rp": "government_order",
    "order": "ministry_order",
    "letter": "ministry_letter",
    "instr": "government_instruction",
    "ukaz": "other",
}
# Anchors that need an issuer to be federal acts; without one they are the organisation's own.
_NEEDS_ISSUER = {"pp", "rp", "order", "letter", "instr"}

_REGION_TAIL = r"(?:\s+[а-я-]+\s+(?:области|края|автономного\s+округа|округа|района)|\s+республики\s+[а-я-]+|\s+(?:города|г\.)\s*[а-я-]+)"
_ISSUER = re.compile(
    rf"""
    (?P<regional>(?:министерств|департамент|комитет|управлени|администраци|правительств|губернатор|мэри|глав)\w*
        (?:\s+[а-я,-]+){{0,7}}?{_REGION_TAIL}|[а-я-]+\s+(?:области|края|автономного\s+округа)|республики\s+[а-я-]+)
  | (?P<government>правительства\s+(?:{_FED}|россии)|(?-i:РФ)(?=\s*(?:от|№|N)))
  | (?P<sanitary>главного\s+государственного\s+санитарного\s+врача(?:\s+(?:{_FED}))?)
  | (?:департамент\w*\s+(?:[а-я-]+\s+){{1,8}}?)?
    (?:(?P<minpros>мин\s?просвещения|министерств\w*\s+просвещения)
      |(?P<minobr>мин\s?обрнауки|мин\s?образования|министерств\w*\s+образования\s+и\s+науки)
      |(?P<mincifry>мин\s?цифры|минкомсвязи|министерств\w*\s+цифрового\s+развития\s*,?\s*связи\s+и\s+массовых\s+коммуникаци\w*
          |министерств\w*\s+связи\s+и\s+массовых\s+коммуникаци\w*)
      |(?P<rosobr>рособрнадзор\w*|федеральной\s+службы\s+по\s+надзору\s+в\s+сфере\s+образования\s+и\s+науки)
      |(?P<rospotreb>роспотребнадзор\w*)
      |(?P<ministry>мин[а-я]{{3,}}(?=\s+(?:России|РФ))|министерств\w*(?:\s+[а-я,]+){{1,6}}?(?=\s+(?:{_FED}))))
    (?:\s+(?:{_FED}|россии))?
    """,
    re.IGNORECASE | re.VERBOSE,
)

_MONTHS = r"(?:январ|феврал|март|апрел|ма[йяе]|июн|июл|август|сентябр|октябр|ноябр|декабр)[а-я]*"
_DATE_BODY = rf"""
    (?:(?P<d1>\d{{1,2}})\s?[./]\s?(?P<m1>\d{{1,2}})\s?[./]\s?(?P<y1>\d{{4}}|\d{{2}})(?!\d)
      |["«']?(?P<d2>\d{{1,2}})["»']?\s*(?P<m2>{_MONTHS})\s*(?P<y2>\d{{4}})(?!\d))
    (?:\s*(?:года|год|г\.|г(?![а-я])))?
"""
_DATE_OT = re.compile(rf"от\s*{_DATE_BODY}", re.IGNORECASE | re.VERBOSE)
_DATE_BARE = re.compile(_DATE_BODY, re.IGNORECASE | re.VERBOSE)

_NUM_BODY = r"""
    (?P<num>(?:[а-яa-z]{1,4}-?(?:[а-яa-z]{1,2}-)?)?\d+[а-я]{0,2}
      (?:[-/](?=[\wа-я])[\wа-я]+|\.(?=\d)\d+|\s?-\s?(?:(?-i:Ф\s?[З3]|фз|ФЗ)|\d+(?![\d.])|р(?!\w)|рп(?!\w)|од(?!\w)))*)
"""
_NUMBER = re.compile(rf"(?:№|(?-i:N|No\.?|N°))\s*{_NUM_BODY}", re.IGNORECASE | re.VERBOSE)
_NUMBER_BARE = re.compile(
    r"(?P<num>\d{1,4}\s?-\s?(?-i:Ф\s?[З3]|фз)(?!\w)|\d{3,5}(?:-р)?(?![\w./-]))", re.IGNORECASE
)
_SKIP = re.compile(
    r"(?:[ ,]|\((?:в\s+)?ред\.?[^)]{0,80}\)|\(с\s+изм[^)]{0,120}\)|\((?:далее|в\s+редакции)[^)]{0,120}\)|г\.(?=\s))+",
    re.IGNORECASE,
)
_COUNTRY = re.compile(rf"(?:{_FED}|россии)(?!\w)", re.IGNORECASE)
_OPENERS = {"«": "»", '"': '"', "'": "'", "‘": "’"}


@dataclass(slots=True)
class Citation:
    """One citation of a legal act: its exact span and what it says about the act."""

    text: str  # the span as written (whitespace collapsed)
    start: int  # offsets in the text given to :func:`extract`
    end: int
    kind: str | None  # ActKind value, ``law`` (some law), ``internal`` or ``regional_act``
    issuer: str | None = None  # minpros | minobr | mincifry | rosobr | government | sanitary | ministry | regional
    number: str | None = None  # as written, without «№»
    date: date | None = None
    date_text: str | None = None
    title: str | None = None
    anchor: str = ""  # which wording found it (fz, lawrf, order, sp, fznum …)
    paragraph: int | None = None  # set by :func:`extract_document`
    par_start: int | None = None  # offsets in that paragraph's text (``par_end`` may pass its end)
    par_end: int | None = None

    @property
    def internal(self) -> bool:
        """True for the organisation's own orders and decisions (never looked up as federal acts)."""
        return self.kind == INTERNAL

    @property
    def code_like(self) -> bool:
        """True for acts cited by a code (СП, СанПиН, ГОСТ Р), where no date is expected."""
        return self.kind in ("sanitary_rules", "sanitary_norms", "standard")


def unify_chars(text: str) -> str:
    """Return ``text`` with the same length but unified spaces, dashes, quotes and list breaks (not
    :func:`sferum_policy.analysis.text.clean`, which drops Markdown and collapses spaces)."""
    # (a substitution per occurrence: ``str.translate`` looks up every character of a 25 KB act)
    out = _NEW_ITEM.sub(_BOUNDARY, _CLEAN_CHARS.sub(lambda m: _CLEAN[ord(m.group())], text))
    return out.replace("\n", " ")


def _parse_date(m: re.Match) -> date | None:
    try:
        if m.group("d1"):
            y = int(m.group("y1"))
            if y < 100:
                y += 2000 if y < 50 else 1900
            return date(y, int(m.group("m1")), int(m.group("d1")))
        mo = month_number(m.group("m2"))
        return date(int(m.group("y2")), mo, int(m.group("d2"))) if mo else None
    except ValueError:
        return None


def _title_end(s: str, pos: int, limit: int) -> int | None:
    """End (exclusive) of a quoted title opening at ``pos``; nested quotes are balanced."""
    opener = s[pos]
    if opener == "«":
        depth = 0
        last_close = None
        for i in range(pos, limit):
            ch = s[i]
            if ch == "«":
                depth += 1
            elif ch == "»":
                depth -= 1
                last_close = i + 1
                if depth == 0:
                    return i + 1
            elif ch in _BOUNDARY or (ch == ";" and depth <= 1 and last_close):
                break
        return last_close
    # Straight quotes: one preceded by a space (or an opening bracket/quote) opens, others close.
    depth = 0
    last_close = None
    for i in range(pos, limit):
        ch = s[i]
        if ch in ('"', "«", "»"):
            prev = s[i - 1] if i > pos else " "
            if i == pos or (prev in " («" and ch != "»"):
                depth += 1
            else:
                depth -= 1
                last_close = i + 1
                if depth == 0:
                    return i + 1
        elif ch == _BOUNDARY:
            break
    return last_close


def _ws(s: str, pos: int) -> int:
    while pos < len(s) and s[pos] == " ":
        pos += 1
    return pos


def _limit(s: str, pos: int) -> int:
    """How far a citation starting at ``pos`` may reach: the next list item, at most 700 chars."""
    b = s.find(_BOUNDARY, pos)
    lim = min(len(s), pos + 700)
    return lim if b < 0 else min(b, lim)


def _issuer_key(m: re.Match) -> str:
    for key in ("regional", "government", "sanitary", "minpros", "minobr", "mincifry", "rosobr", "rospotreb", "ministry"):
        if m.group(key):
            return key
    return "ministry"


def _parse_at(s: str, a: re.Match) -> tuple[int, dict] | None:
    """Parse the parts that follow anchor ``a``; return the end and the parts, or None."""
    group = a.lastgroup or ""
    parts: dict = {"anchor": group, "kind": ANCHOR_KINDS[group]}
    lim = _limit(s, a.start())
    pos = a.end()
    if group in ("sanpin", "sp", "gost"):
        prefix = re.match(r"(?:санпин|сп|гост)\s*(?:р\s*)?(?:исо\s*|iso\s*)?", s[a.start():a.end()], re.IGNORECASE)
        parts["number_span"] = (a.start() + (prefix.end() if prefix else 0), a.end())
        parts["code"] = True
    elif group == "fznum":
        prefix = re.match(r"(?:№|N)\s*", s[a.start():a.end()])
        parts["number_span"] = (a.start() + (prefix.end() if prefix else 0), a.end())
    elif group == "ppabbr":
        parts["issuer"] = "government"
    end = pos
    first = True
    while pos < lim:
        p = _ws(s, pos)
        if p >= lim:
            break
        m = _ISSUER.match(s, p, lim) if "issuer" not in parts and group not in ("sanpin", "sp", "gost", "fznum") else None
        if m and m.end() > p and (group in _NEEDS_ISSUER or (group in ("fz", "law", "lawrf", "ukaz") and m.group("regional"))):
            parts["issuer"] = _issuer_key(m)
            pos = end = m.end()
            first = False
            continue
        m = _DATE_OT.match(s, p, lim) if "date" not in parts else None
        if m is None and first and "date" not in parts and group not in ("sanpin", "sp", "gost"):
            m = _DATE_BARE.match(s, p, lim)
        if m:
            parts["date"] = _parse_date(m)
            parts["date_text"] = s[m.start():m.end()]
            pos = end = m.end()
            first = False
            continue
        m = _NUMBER.match(s, p, lim) if "number_span" not in parts else None
        if m is None and "number_span" not in parts and "title_span" not in parts:
            m = _NUMBER_BARE.match(s, p, lim)
        if m:
            parts["number_span"] = m.span("num")
            pos = end = m.end()
            first = False
            continue
        if "title" not in parts and s[p] in _OPENERS:
            t_end = _title_end(s, p, lim)
            if t_end:
                parts["title_span"] = (p, t_end)
                pos = end = t_end
                first = False
                continue
        m = _COUNTRY.match(s, p, lim) or _SKIP.match(s, p, lim)
        if m and m.end() > p and (not first or m.re is _COUNTRY):
            pos = m.end()
            continue
        break
    if not ({"number_span", "date", "title_span"} & parts.keys()):
        return None
    return end, parts


def _title_text(raw: str) -> str:
    t = re.sub(r"\s+", " ", raw).strip()
    if len(t) >= 2 and t[0] in "«\"'“„‘":
        t = t[1:]
        if (t.endswith("»") and t.count("»") > t.count("«")) or (t.endswith(('"', "”")) and (t.count('"') + t.count("”")) % 2 == 1):
            t = t[:-1]
    return t.strip()


def _kind(s: str, parts: dict) -> str:
    kind = parts["kind"]
    issuer = parts.get("issuer")
    if issuer == "regional":
        return "regional_act"
    if parts["anchor"] in _NEEDS_ISSUER and issuer is None:
        return INTERNAL
    if parts["anchor"] == "pp" and issuer == "sanitary":
        return "sanitary_decree"
    if kind == "law":
        num = s[slice(*parts["number_span"])].upper().replace(" ", "") if "number_span" in parts else ""
        if re.search(r"Ф[З3]$", num):
            return "federal_law"
    return kind


def _anchors(s: str) -> Iterator[re.Match]:
    """Anchors in ``s``: literal prefilter (fast), then the full pattern at each candidate."""
    low = s.lower()
    if len(low) != len(s):
        low = s
    for q in _QUICK.finditer(low):
        start = q.start()
        if low[start] == "ф":  # «273-ФЗ»: the anchor starts at the number before «ФЗ»
            back = _FZ_BACK.search(s, max(0, start - 14), start)
            if back is not None:
                start = back.start()
        a = _ANCHOR.match(s, start)
        if a is not None:
            yield a


def extract(text: str) -> list[Citation]:
    """Find every citation of a legal act (or of the organisation's own order) in ``text``."""
    s = unify_chars(text)
    out: list[Citation] = []
    pos = 0
    for a in _anchors(s):
        if a.start() < pos:
            continue
        parsed = _parse_at(s, a)
        if parsed is None:
            continue
        end, parts = parsed
        title = None
        if "title_span" in parts:
            ts, te = parts["title_span"]
            title = _title_text(text[ts:te])
        number = None
        if "number_span" in parts:
            ns, ne = parts["number_span"]
            number = text[ns:ne]
            if parts.get("code"):
                number = re.sub(r"\s+", "", number)
        out.append(
            Citation(
                text=re.sub(r"\s+", " ", text[a.start():end]).strip(),
                start=a.start(),
                end=end,
                kind=_kind(s, parts),
                issuer=parts.get("issuer"),
                number=re.sub(r"\s+", " ", number).strip() if number else None,
                date=parts.get("date"),
                date_text=parts.get("date_text"),
                title=title,
                anchor=parts["anchor"],
            )
        )
        pos = end
    return out


def extract_document(doc) -> list[Citation]:
    """Citations of a :class:`~sferum_policy.document.Document`, each placed in its paragraph."""
    cites = extract(doc.text)
    for c in cites:
        p = doc.paragraph_at(c.start)
        if p is None:
            continue
        c.paragraph = p.index
        c.par_start = max(0, c.start - p.start)
        c.par_end = c.end - p.start
    return cites
