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
        self.counts, self.log_total = _prefix_counts(str(_DATA / "jieba_zh.txt"))
        with gzip.open(_DATA / "_chinese_mapping.msgpack.gz") as handle:
            self.simplified = msgpack.load(handle, raw=False, strict_map_key=False)
        # wordfreq's `get_frequency_dict("zh")`, read from the same file: bucket i of its
        # "cBpack" holds the words of frequency 10 ** (-i / 100). Importing wordfreq itself
        # (langcodes, ftfy, regex) and building 300k floats would double this step.
        with gzip.open(_DATA / "large_zh.msgpack.gz") as handle:
            pack = msgpack.load(handle, raw=False)
        self.frequencies: dict[str, float] = {}
        for index, bucket in enumerate(pack[1:]):
            frequency = 10.0 ** (-index / 100.0)  # one float shared by the bucket's words
            self.frequencies.update(dict.fromkeys(bucket, frequency))

    def cut(self, text: str) -> list[str]:
        counts = self.counts
        n = len(text)
        if n == 1:
            return [text]
        log_total = self.log_total
        # score[i]: the best log probability of text[i:]; end[i]: where its first word ends.
        # Ties go to the longer word, as in jieba's max() over (score, end).
        score = [0.0] * (n + 1)
        end = [0] * (n + 1)
        for i in range(n - 1, -1, -1):
            best = -math.inf
            best_end = i
            found = False
            j = i + 1
            fragment = text[i]
            while fragment in counts:
                count = counts[fragment]
                if count:
                    found = True
                    value = math.log(count) - log_total + score[j]
                    if value >= best:
                        best, best_end = value, j
                if j >= n:
                    break
                j += 1
                fragment = text[i:j]
            if not found:
                best, best_end = -log_total + score[i + 1], i + 1
            score[i], end[i] = best, best_end
        words: list[str] = []
        i = 0
        while i < n:
            words.append(text[i : end[i]])
            i = end[i]
        return words


def _prefix_counts(path: str) -> tuple[dict[str, int], float]:
    """jieba's prefix dictionary: every word's count, and 0 for each prefix that is no word."""
    counts: dict[str, int] = {}
    total = 0
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            fields = line.split(" ")
            if len(fields) < 2:
                continue
            word, count = fields[0], int(fields[1])
            counts[word] = count
            total += count
            for k in range(1, len(word)):
                counts.setdefault(word[:k], 0)
    return counts, math.log(total)


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
    freqs = segmenter.frequencies
    for word in chinese:
        # Exact for the characters jieba cuts as Chinese; for a word with a Latin letter or an
        # extension character in it (T恤), the dictionary's words are a close enough reading.
        tokens = segmenter.cut(word.translate(segmenter.simplified).casefold())
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
