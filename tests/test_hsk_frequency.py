"""HSK levels and Zipf frequencies."""

import gzip
from pathlib import Path

import rjieba
from wordfreq import zipf_frequency

from vocab.lexicon.frequency import zipf, zipf_many
from vocab.lexicon.hsk import hsk2_level, hsk3_level

SEED = Path(__file__).parent.parent / "decks" / "ai-new-jobs.txt"


def test_hsk_levels() -> None:
    assert hsk3_level("人工智能") == 7
    assert hsk3_level("银行") == 2
    assert hsk3_level("调优") is None
    assert hsk2_level("银行") == 3
    assert hsk2_level("人工智能") is None


def test_zipf_of_one_word() -> None:
    assert zipf("人工智能") == 3.78
    assert zipf("数据") == 5.34


def test_zipf_many_equals_wordfreq_on_the_seed() -> None:
    words = [w for w in dict.fromkeys(rjieba.cut(SEED.read_text(encoding="utf-8"))) if w.strip()]
    found = zipf_many(words)
    assert found == {w: zipf_frequency(w, "zh") for w in words}


def test_zipf_many_equals_wordfreq_on_rare_words() -> None:
    novel = Path(__file__).parent.parent / "benches" / "data" / "hongloumeng.txt.gz"
    with gzip.open(novel, "rt", encoding="utf-8") as handle:
        text = handle.read(60000)
    words = list(dict.fromkeys(rjieba.cut(text)))[-1500:]
    found = zipf_many(words)
    assert found == {w: zipf_frequency(w, "zh") for w in words}


def test_zipf_many_does_not_load_python_jieba() -> None:
    """Python jieba takes 1.5 s to load its dictionary and writes a cache file: the import
    path computes wordfreq's numbers without it."""
    import subprocess
    import sys

    code = (
        "import sys; from vocab.lexicon.frequency import zipf_many\n"
        "found = zipf_many(['人工智能', '贾宝玉', '调优', '黛玉葬花'])\n"
        "print(found['人工智能'], 'jieba' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["3.78", "False"]
    assert "prefix dict" not in out.stderr
