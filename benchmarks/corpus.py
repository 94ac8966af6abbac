"""A deterministic corpus of acts for the audit benchmark: generated variants and mutated samples.

``build(root, n=1000, seed=0)`` writes ``n`` files into ``root``: acts assembled by the generator
from ``samples/profiles`` (organisation names varied) and the five sample acts, each mutated — points
deleted, typos injected, a citation of an outdated act added — then saved as DOCX (about 40 %, via the
generator's DOCX writer for unmutated generated acts, via python-docx otherwise) or TXT.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from benchmarks.mutate import delete_points, points

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "acts"
PROFILES = ROOT / "samples" / "profiles"

OUTDATED = (
    "Законом Российской Федерации от 10.07.1992 № 3266-1 «Об образовании»",
    "приказом Министерства образования и науки Российской Федерации от 09.01.2014 № 2 «Об утверждении Порядка "
    "применения организациями, осуществляющими образовательную деятельность, электронного обучения, дистанционных "
    "образовательных технологий при реализации образовательных программ»",
    "приказом Министерства образования и науки Российской Федерации от 06.05.2005 № 137 «Об использовании "
    "дистанционных образовательных технологий»",
    "постановлением Главного государственного санитарного врача Российской Федерации от 29.12.2010 № 189 "
    "«Об утверждении СанПиН 2.4.2.2821-10»",
)
_WORD = re.compile(r"[А-Яа-яЁё]{6,}")


def _generated() -> list[tuple[str, object]]:
    """(markdown text, Act) for every sample profile."""
    from sferum_policy.generator.assemble import assemble
    from sferum_policy.generator.markdown import render_markdown
    from sferum_policy.generator.profile import load_profile
    from sferum_policy.pipeline import default_clauses, default_registry

    out = []
    for p in sorted(PROFILES.glob("*.yaml")):
        act = assemble(load_profile(p), default_clauses(), default_registry())
        out.append((render_markdown(act), act))
    return out


def typos(text: str, rng: random.Random, count: int) -> str:
    """Swap two inner letters of ``count`` random long words."""
    words = list(_WORD.finditer(text))
    if not words:
        return text
    chosen = sorted(rng.sample(words, min(count, len(words))), key=lambda m: m.start())
    out, pos = [], 0
    for m in chosen:
        w = m.group()
        i = rng.randrange(1, len(w) - 2)
        out += [text[pos:m.start()], w[:i], w[i + 1], w[i], w[i + 2:]]
        pos = m.end()
    out.append(text[pos:])
    return "".join(out)


def add_outdated(text: str, rng: random.Random) -> str:
    """Insert a sentence citing an act that lost force after the first line that mentions 273-ФЗ."""
    sentence = f"Положение учитывает также требования, установленные {rng.choice(OUTDATED)}."
    lines = text.split("\n")
    at = next((i for i, ln in enumerate(lines) if "273" in ln), min(12, len(lines) - 1))
    lines.insert(at + 1, sentence)
    return "\n".join(lines)


def drop_points(text: str, rng: random.Random, count: int) -> str:
    labels = [p.label for p in points(text) if "." in p.label]
    if not labels:
        return text
    try:
        return delete_points(text, rng.sample(labels, min(count, len(labels))))
    except KeyError:
        return text


def vary_org(text: str, k: int) -> str:
    """Another organisation: change the school number and the town."""
    text = re.sub(r"№\s?(\d+)»", lambda m: f"№ {int(m.group(1)) + k}»", text)
    return text.replace("г. Энск", f"г. Энск-{k}")


def _docx(path: Path, text: str) -> None:
    import docx

    d = docx.Document()
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip().replace("**", "")
        if line:
            d.add_paragraph(line)
    d.save(str(path))


def build(root: Path, n: int = 1000, seed: int = 0) -> list[Path]:
    """Write ``n`` acts into ``root`` (deterministic for a given ``seed``); return their paths."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    generated = _generated()
    samples = [p.read_text(encoding="utf-8-sig") for p in sorted(SAMPLES.glob("0*.txt"))]
    try:
        from sferum_policy.generator.docx_writer import render_docx
    except ImportError:  # the DOCX writer is optional for this corpus
        render_docx = None
    paths = []
    for i in range(n):
        folder = root / f"район{i % 7 + 1:02d}" / f"организация{i:04d}"
        folder.mkdir(parents=True, exist_ok=True)
        from_sample = i % 3 == 2
        if from_sample:
            text = samples[rng.randrange(len(samples))]
            name = "положение_скан"
        else:
            text, act = generated[rng.randrange(len(generated))]
            text = vary_org(text, i)
            name = "положение"
        plain = rng.random() < 0.15 and not from_sample
        if not plain:
            text = drop_points(text, rng, rng.randint(0, 4))
            text = typos(text, rng, rng.randint(0, 8))
            if rng.random() < 0.4:
                text = add_outdated(text, rng)
        as_docx = rng.random() < 0.4
        if as_docx:
            path = folder / f"{name}.docx"
            if plain and render_docx is not None:
                path.write_bytes(render_docx(act))
            else:
                _docx(path, text)
        else:
            path = folder / f"{name}.txt"
            path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
