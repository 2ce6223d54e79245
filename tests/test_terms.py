"""Terms of the seed article: filtering, readings, senses, English matches, the JSON record."""

from pathlib import Path

import pytest

from vocab.lexicon.cedict import Dictionary
from vocab.terms import Term, content_tokens, extract_terms
from vocab.text import SentencePair

SEED = Path(__file__).parent.parent / "decks" / "ai-new-jobs.txt"


def seed_pairs() -> list[SentencePair]:
    """The seed's paragraphs as pairs (English line, then its Chinese line), split by hand
    into the sentences the test needs most."""
    lines = SEED.read_text(encoding="utf-8").splitlines()[1:]
    pairs = []
    for paragraph, (en, zh) in enumerate(zip(lines[0::2], lines[1::2], strict=True)):
        pairs.append(SentencePair(zh, en, 1.0, paragraph))
    pairs.append(
        SentencePair(
            "2020年,中国将“人工智能训练师”正式纳入职业分类代码,认定为一种新职业。",
            'In 2020, China formally added "artificial intelligence trainer" to its '
            "occupational classification code, recognizing it as a new profession.",
            1.0,
            3,
        )
    )
    return pairs


@pytest.fixture(scope="module")
def dictionary(tmp_path_factory: pytest.TempPathFactory) -> Dictionary:
    return Dictionary.open(tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="module")
def terms(dictionary: Dictionary) -> dict[str, Term]:
    found = extract_terms(seed_pairs(), dictionary)
    return {t.simplified: t for t in found}


def test_numbers_and_function_words_are_not_terms(terms: dict[str, Term]) -> None:
    for word in ["2020年", "2020", "年", "1.63", "万人", "一百万", "数千", "的", "和", "在", "他"]:
        assert word not in terms, word
    assert [t.word for t in content_tokens("仅2025年,上海就有1.63万人参加")] == ["上海", "参加"]


def test_content_words_are_counted(terms: dict[str, Term]) -> None:
    ai = terms["人工智能"]
    assert ai.definitions == ["artificial intelligence (AI)"]
    assert ai.pinyin == "rén gōng zhì néng"
    assert ai.pinyin_numbered == "ren2 gong1 zhi4 neng2"
    assert ai.hsk == 7 and ai.hsk2 is None and ai.zipf == 3.78
    assert ai.count == 11 and len(ai.occurrences) == 11 and not ai.is_name
    sentence, start, end = ai.occurrences[0]
    assert seed_pairs()[sentence].zh[start:end] == "人工智能"


def test_terms_come_in_order_of_first_appearance(dictionary: Dictionary) -> None:
    found = extract_terms(seed_pairs(), dictionary)
    firsts = [t.first for t in found]
    assert firsts == sorted(firsts)
    assert found[0].simplified == "上海"


def test_english_matches_on_the_seed(terms: dict[str, Term]) -> None:
    def matches(word: str) -> set[str | None]:
        return {e.en_match for e in terms[word].examples}

    assert "artificial intelligence" in matches("人工智能")
    assert matches("数据") == {"data"}
    assert matches("训练师") <= {"trainer", "trainers"}
    assert "algorithm" in matches("算法")
    for term in terms.values():
        for example in term.examples:
            if example.en_match is not None:
                assert example.en is not None and example.en_match in example.en


def test_names(terms: dict[str, Term]) -> None:
    hu = terms["胡胜祥"]
    assert hu.is_name and not hu.in_dictionary
    assert hu.examples[0].en_match == "Hu Shengxiang"
    assert terms["陆国宗"].examples[0].en_match == "Lu Guozong"
    assert terms["上海"].is_name
    assert not terms["高清"].is_name  # jieba tags it as a person; CC-CEDICT knows better


def test_a_word_missing_from_cedict_gets_a_composed_gloss(terms: dict[str, Term]) -> None:
    tuning = terms["调优"]
    assert not tuning.in_dictionary
    assert tuning.definitions[0].startswith("调 ") and " + 优 excellent" in tuning.definitions[0]
    assert tuning.traditional == "調優"
    assert tuning.pinyin_numbered.endswith("you1")


def test_reading_chosen_by_context(dictionary: Dictionary) -> None:
    pairs = [
        SentencePair("我在银行工作。", "I work at a bank.", 1.0, 0),
        SentencePair("这样做不行。", "That won't do.", 1.0, 1),
        SentencePair("他们一行人走了。", "The group of them left.", 1.0, 2),
        SentencePair("我们要还书。", "We have to return the books.", 1.0, 3),
    ]
    found = {t.simplified: t for t in extract_terms(pairs, dictionary)}
    assert found["银行"].pinyin == "yín háng"
    assert found["银行"].examples[0].en_match == "bank"
    assert found["不行"].pinyin == "bù xíng"


def test_english_picks_the_reading(dictionary: Dictionary) -> None:
    # 调 alone: pypinyin reads diao4 ("to transfer"); the English "adjusted" shows tiao2.
    pairs = [SentencePair("我们调了座位。", "We adjusted the seats.", 1.0, 0)]
    found = {t.simplified: t for t in extract_terms(pairs, dictionary)}
    assert found["调"].pinyin_numbered == "tiao2"
    assert found["调"].examples[0].en_match == "adjusted"
    pairs = [SentencePair("我们调了座位。", None, 0.0, 0)]
    found = {t.simplified: t for t in extract_terms(pairs, dictionary)}
    assert found["调"].pinyin_numbered == "diao4"


def test_surname_loses_to_a_normal_sense(dictionary: Dictionary) -> None:
    pairs = [SentencePair("他的胡子很长。", None, 0.0, 0)]
    found = {t.simplified: t for t in extract_terms(pairs, dictionary)}
    assert "beard" in " ".join(found["胡子"].definitions)
    pairs = [SentencePair("新的一天。", "A new day.", 1.0, 0)]
    (new,) = [t for t in extract_terms(pairs, dictionary) if t.simplified == "新"]
    assert new.pinyin == "xīn" and new.definitions[0] == "new"


def test_examples_are_capped_and_counts_exact(dictionary: Dictionary) -> None:
    pairs = [SentencePair("数据很重要。", "Data matters.", 1.0, i) for i in range(8)]
    (data,) = [
        t for t in extract_terms(pairs, dictionary, max_occurrences=5) if t.simplified == "数据"
    ]
    assert data.count == 8 and len(data.occurrences) == 5 and len(data.examples) == 3
    assert data.examples[0].en_match == "Data"


def test_record_matches_the_json_contract(terms: dict[str, Term]) -> None:
    record = terms["人工智能"].to_record("ai-new-jobs")
    assert list(record) == [
        "simplified", "traditional", "pinyin", "pinyin_numbered", "definitions", "hsk", "hsk2",
        "zipf", "pos", "is_name", "in_dictionary", "count", "examples",
    ]  # fmt: skip
    assert record["pos"] == "n" and record["traditional"] == "人工智能"
    assert list(record["examples"][0]) == ["zh", "en", "en_match", "article"]
    assert record["examples"][0]["article"] == "ai-new-jobs"


def test_tagging_many_sentences_at_once_gives_each_its_own_tokens() -> None:
    """The import tags a novel in a few rjieba calls: every sentence must get exactly the
    tokens, and offsets, it gets when tagged alone."""
    import gzip

    from vocab.text import parse_article
    from vocab.text.segment import content_tokens_of

    novel = Path(__file__).parent.parent / "benches" / "data" / "hongloumeng.txt.gz"
    with gzip.open(novel, "rt", encoding="utf-8") as handle:
        text = handle.read(40_000)
    sentences = [s.zh for s in parse_article(text).sentences]
    sentences += [p.zh for p in seed_pairs()]
    together = content_tokens_of(sentences)
    assert len(together) == len(sentences)
    for sentence, tokens in zip(sentences, together, strict=True):
        assert [tuple(t) for t in content_tokens(sentence)] == tokens, sentence
        for word, _, start, end in tokens:
            assert sentence[start:end] == word
    assert sum(len(t) for t in together) > 3000


# Senses and readings a new user found wrong (variant notes first, a county's senses in a
# common word, capitalised weekdays); the sentences are from tests/data/news.
NEWS_PAIRS = [
    SentencePair(
        "周四大约 19:30 BST，Ballynagard Crescent 透露了该事件。",
        "The incident unfolded in Ballynagard Crescent on Thursday at about 19:30 BST.",
        1.0,
        0,
    ),
    SentencePair(
        "一辆小轿车反复撞进伦敦德里的一所房屋后，年龄分别为 33、34 和39 岁的三名男子被捕。",
        "Three men, aged 33, 34 and 39, have been arrested after a car was repeatedly rammed "
        "into a house in Londonderry.",
        1.0,
        1,
    ),
    SentencePair(
        "六月，“威尔士国民议会委员会”针对该提案征询了公众意见，并发布了意见结果。",
        "In June, the Commission published the results of a public consultation on the proposals.",
        1.0,
        2,
    ),
    SentencePair(
        "表示英国和欧盟应相互征收关税的提案“完全是无稽之谈”。",
        "saying a proposal that Britain and the EU should collect each other's tariffs was "
        '"entirely preposterous."',
        1.0,
        3,
    ),
]


@pytest.fixture(scope="module")
def news_terms(dictionary: Dictionary) -> dict[str, Term]:
    return {t.simplified: t for t in extract_terms(NEWS_PAIRS, dictionary)}


def test_a_variant_note_never_comes_before_a_meaning(
    terms: dict[str, Term], news_terms: dict[str, Term]
) -> None:
    # CC-CEDICT lists 联系's 聯係 entry, "variant of 聯繫|联系", before 聯繫's meanings.
    assert terms["联系"].definitions[:2] == ["connection", "contact"]
    assert terms["联系"].traditional == "聯繫"
    assert terms["反复"].definitions[0] == "repeatedly"
    assert news_terms["反复"].examples[0].en_match == "repeatedly"
    for term in [*terms.values(), *news_terms.values()]:
        if term.in_dictionary and len(term.definitions) > 1:
            assert not any("variant of" in d for d in term.definitions), term.simplified


def test_a_variant_entry_of_the_same_reading_is_dropped(dictionary: Dictionary) -> None:
    pairs = [SentencePair("他说了一句话。", "He said a word.", 1.0, 0)]
    shuo = {t.simplified: t for t in extract_terms(pairs, dictionary)}["说"]
    assert shuo.pinyin_numbered == "shuo1"
    assert shuo.definitions[0] == "to speak; to talk; to say"
    assert not any(d.startswith("variant of") for d in shuo.definitions)


def test_a_name_reading_is_not_merged_into_a_common_word(dictionary: Dictionary) -> None:
    # The seed's title, which has no English; CC-CEDICT also has 通道 Tong1 dao4, a county.
    pairs = [SentencePair("AI打开就业新通道", None, 1.0, 0)]
    found = {t.simplified: t for t in extract_terms(pairs, dictionary)}
    assert found["通道"].pinyin_numbered == "tong1 dao4"
    assert found["通道"].definitions == ["(communications) channel", "thoroughfare", "passage"]
    assert found["新"].pinyin_numbered == "xin1"
    assert not any("Xinjiang" in d or "surname" in d for d in found["新"].definitions)


def test_weekdays_and_months_are_read_in_lower_case(news_terms: dict[str, Term]) -> None:
    # CC-CEDICT writes them Zhou1 si4 and Liu4 yue4, after their English capital.
    assert news_terms["周四"].pinyin == "zhōu sì"
    assert news_terms["周四"].pinyin_numbered == "zhou1 si4"
    assert news_terms["周四"].examples[0].en_match == "Thursday"
    assert news_terms["六月"].pinyin_numbered == "liu4 yue4"
    # A proper noun keeps its capital, as pinyin writes it.
    assert news_terms["欧盟"].pinyin_numbered == "Ou1 meng2"


def test_senses_keep_cedict_order(terms: dict[str, Term], dictionary: Dictionary) -> None:
    # 接下来's English ("what direction they will head toward") shows no gloss; its senses stay
    # in CC-CEDICT's own order, which lists "to accept" first.
    (entry,) = dictionary.entries("接下来")
    assert terms["接下来"].definitions == entry.definitions
