"""Word frequencies of Russian at large (the ``wordfreq`` package: Zipf scale, 0 = unseen, 7 = «и»).

The bundled pair counts come from the sample acts and the clause library: they know the acts' phrases, not
the language. wordfreq's Russian list (subtitles, Wikipedia, news, web; shipped in the wheel, read offline)
tells that «канал» is a common word and «капал» a rare one. Imported lazily: loading the list takes ~0.3 s.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=200_000)
def zipf(word: str) -> float:
    """Zipf frequency of a folded Russian word (0.0 when wordfreq does not know it)."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "ru", wordlist="large")
