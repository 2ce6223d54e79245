"""Word frequency on the Zipf scale (wordfreq), computed in bulk without loading Python jieba.

wordfreq looks a Chinese word up by cutting it with Python jieba over its own small dictionary
(`jieba_zh.txt`, HMM off) and combining the frequencies of the pieces. Loading jieba costs about
1.5 s and writes a cache file; `zipf_many` runs jieba's own algorithm (the maximum-probability
path over the same dictionary) on each word instead, so it gives wordfreq's numbers for every
Chinese word at a fraction of the cost. Only words without any Chinese character go through
wordfreq's `zipf_frequency` itself.
"""

from __future__ import annotations

import gzip
import importlib.util
import math
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

_ANY_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def zipf(word: str) -> float:
    """Zipf frequency of one word in Chinese, rounded to 2 decimals (0 if unknown)."""
    from wordfreq import zipf_frequency

    return float(round(zipf_frequency(word, "zh"), 2))


class _Segmenter:
    """jieba's dictionary-only cut (`cut(..., HMM=False)`) over wordfreq's Chinese dictionary."""

    def __init__(self) -> None:
        import msgpack  # wordfreq's own dependency

        # The files wordfreq.chinese reads; importing that module would import jieba.
        self.counts, self.log_total = _word_counts(str(_DATA / "jieba_zh.txt"))
        with gzip.open(_DATA / "_chinese_mapping.msgpack.gz") as handle:
            self.simplified = msgpack.load(handle, raw=False, strict_map_key=False)

    def cut(self, text: str) -> list[str]:
        counts = self.counts
        n = len(text)
        if n == 1:
            return [text]
        log_total = self.log_total
        # score[i]: the best log probability of text[i:]; end[i]: where its first word ends.
        # Ties go to the longer word, as in jieba's max() over (score, end). jieba stops looking
        # for longer words at the first piece that begins no word of its dictionary; looking on
        # finds no other word, and spares a dictionary of every word's beginnings.
        score = [0.0] * (n + 1)
        end = [0] * (n + 1)
        for i in range(n - 1, -1, -1):
            best = -math.inf
            best_end = i
            found = False
            for j in range(i + 1, n + 1):
                count = counts.get(text[i:j])
                if count:
                    found = True
                    value = math.log(count) - log_total + score[j]
                    if value >= best:
                        best, best_end = value, j
            if not found:
                best, best_end = -log_total + score[i + 1], i + 1
            score[i], end[i] = best, best_end
        words: list[str] = []
        i = 0
        while i < n:
            words.append(text[i : end[i]])
            i = end[i]
        return words


def _word_counts(path: str) -> tuple[dict[str, int], float]:
    """jieba's dictionary: every word's count, and the log of their sum."""
    with open(path, encoding="utf-8") as handle:
        fields = [line.split(" ", 2) for line in handle]
    pairs = [(f[0], int(f[1])) for f in fields if len(f) >= 2]
    # As jieba sums them: a word listed twice counts twice in the total, its last count wins.
    return dict(pairs), math.log(sum(count for _, count in pairs))


@lru_cache(maxsize=1)
def _frequency_buckets() -> list[list[str]]:
    """wordfreq's `get_frequency_dict("zh")`, as stored: bucket i of its "cBpack" holds the
    words of frequency 10 ** (-i / 100). Importing wordfreq itself (langcodes, ftfy, regex) and
    building 300k floats would cost more than all the rest of a short article's frequencies."""
    import msgpack

    with gzip.open(_DATA / "large_zh.msgpack.gz") as handle:
        pack: list[list[str]] = msgpack.load(handle, raw=False)
    return pack[1:]


def _frequencies(tokens: set[str]) -> dict[str, float]:
    """The wordfreq frequency of each of these tokens found in its Chinese list."""
    found: dict[str, float] = {}
    for index, bucket in enumerate(_frequency_buckets()):
        hits = tokens.intersection(bucket)
        if hits:
            found.update(dict.fromkeys(hits, 10.0 ** (-index / 100.0)))
    return found


def _data_dir() -> Path:
    # Found without importing wordfreq, whose package import alone costs 0.3 s.
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("wordfreq is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


_DATA = _data_dir()
# wordfreq.INFERRED_SPACE_FACTOR: the penalty per word break jieba had to infer.
_INFERRED_SPACE_FACTOR = 10.0


@lru_cache(maxsize=1)
def _segmenter() -> _Segmenter:
    return _Segmenter()


def zipf_many(words: Iterable[str]) -> dict[str, float]:
    """Zipf frequencies of many words, equal to `zipf(word)` for each Chinese word."""
    unique = list(dict.fromkeys(words))
    result: dict[str, float] = {}
    chinese = [w for w in unique if _ANY_HAN.search(w)]
    for word in unique:
        if not _ANY_HAN.search(word):
            result[word] = zipf(word)
    if not chinese:
        return result
    segmenter = _segmenter()
    # Exact for the characters jieba cuts as Chinese; for a word with a Latin letter or an
    # extension character in it (T恤), the dictionary's words are a close enough reading.
    cuts = [segmenter.cut(word.translate(segmenter.simplified).casefold()) for word in chinese]
    freqs = _frequencies({token for tokens in cuts for token in tokens})
    for word, tokens in zip(chinese, cuts, strict=True):
        result[word] = _combine(tokens, freqs, _INFERRED_SPACE_FACTOR)
    return result


def _combine(tokens: list[str], freqs: dict[str, float], space_factor: float) -> float:
    # wordfreq's _word_frequency and zipf_frequency: 1/f = sum(1/f_i), a penalty per inferred
    # word break, a floor at Zipf 0, 3 significant digits, then Zipf rounded to 2 decimals.
    if not tokens:
        return 0.0
    inverse = 0.0
    for token in tokens:
        f = freqs.get(token)
        if f is None:
            return 0.0
        inverse += 1.0 / f
    freq = max(space_factor ** -(len(tokens) - 1) / inverse, 1e-9)
    freq = round(freq, math.floor(-math.log10(freq)) + 3)
    return round(math.log10(freq) + 9, 2)
