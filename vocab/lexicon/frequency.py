"""Word frequency on the Zipf scale (wordfreq), computed in bulk.

wordfreq's own `zipf_frequency` re-tokenizes each word (about 50 µs a word, 2 s for a novel's
40k words); `zipf_many` gives the same numbers by tokenizing all the words in one jieba pass
with wordfreq's own tokenizer and dictionary and applying wordfreq's formula.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

_HAN_ONLY = re.compile(r"^[\u3400-\u9fff\uf900-\ufaff]+$")


def zipf(word: str) -> float:
    """Zipf frequency of one word in Chinese, rounded to 2 decimals (0 if unknown)."""
    from wordfreq import zipf_frequency

    return float(round(zipf_frequency(word, "zh"), 2))


def zipf_many(words: Iterable[str]) -> dict[str, float]:
    """Zipf frequencies of many words, equal to `zipf(word)` for each, much faster in bulk."""
    import wordfreq.chinese as wordfreq_chinese
    from wordfreq import INFERRED_SPACE_FACTOR, get_frequency_dict
    from wordfreq.chinese import DICT_FILENAME, simplify_chinese

    unique = list(dict.fromkeys(words))
    han = [w for w in unique if _HAN_ONLY.match(w)]
    result = {w: zipf(w) for w in unique if not _HAN_ONLY.match(w)}
    if not han:
        return result
    if wordfreq_chinese.jieba_tokenizer is None:
        import jieba

        from vocab.paths import cache_dir

        tokenizer = jieba.Tokenizer(dictionary=DICT_FILENAME)
        # jieba caches its model in /tmp by default; ours go to the user cache dir.
        directory = cache_dir()
        directory.mkdir(parents=True, exist_ok=True)
        tokenizer.tmp_dir = str(directory)
        wordfreq_chinese.jieba_tokenizer = tokenizer
    tokenizer = wordfreq_chinese.jieba_tokenizer
    freqs = get_frequency_dict("zh")
    # One pass over all words: jieba never joins across the newlines, so each token belongs
    # to exactly one word, found from its offset.
    text = "\n".join(simplify_chinese(w) for w in han)
    starts = []
    position = 0
    for w in han:
        starts.append(position)
        position += len(w) + 1
    tokens: dict[int, list[str]] = {}
    index = 0
    for token, start, _end in tokenizer.tokenize(text, HMM=False):
        if token == "\n":
            continue
        while index + 1 < len(starts) and starts[index + 1] <= start:
            index += 1
        tokens.setdefault(index, []).append(token)
    for i, word in enumerate(han):
        result[word] = _combine(tokens.get(i, []), freqs, INFERRED_SPACE_FACTOR)
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
