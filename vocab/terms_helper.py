"""The helper process of a long text's term extraction, and what it reads of many words at once.

A novel's terms take seconds of tagging, counting and reading word lists; the machine has a
second core. The helper is forked once jieba's model and the dictionary are loaded, so it starts
in milliseconds and sees everything the parent has.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from typing import Any

from vocab.fork import Child, ChildGone
from vocab.lexicon.cedict import Dictionary, Entry
from vocab.lexicon.frequency import zipf_many
from vocab.lexicon.pinyin import word_reading
from vocab.text.script import converter
from vocab.text.segment import Gathered, content_tokens_of, places_by_word

Lexicon = tuple[dict[str, float], dict[str, str]]


def lexicon(words: list[str], unknown: list[str]) -> Lexicon:
    """Every word's Zipf frequency, and the traditional form of those CC-CEDICT lacks."""
    # One OpenCC call for all of them: a call per word costs 50 µs.
    converted = converter("s2t").convert("\n".join(unknown)).split("\n") if unknown else []
    return zipf_many(words), dict(zip(unknown, converted, strict=True))


def parts_of(words: list[str], dictionary: Dictionary) -> dict[str, list[Entry]]:
    """The entries of every part of these words (a composed gloss is made of its parts')."""
    parts = {w[i:j] for w in words for i in range(len(w)) for j in range(i + 1, len(w) + 1)}
    return dictionary.lookup_many(parts)


class Helper:
    """A child process for a long text: it tags the second half of the sentences and gathers
    their words' places, then loads the word lists and reads the words' frequencies,
    traditional forms and (of the words CC-CEDICT has no part of) pypinyin readings, while this
    process tags and gathers the first half, looks the words up and reads them. Each sentence
    is tagged alone and each word read alone, so the work split in two gives what one process
    would."""

    def __init__(self, sentences: list[str]) -> None:
        import rjieba  # noqa: F401  # jieba's model, loaded once for both processes

        self.sentences = sentences
        self.half = len(sentences) // 2
        self.child: Child | None = Child(
            lambda receive, send: _help(sentences, self.half, receive, send)
        )
        self.words: tuple[list[str], list[str], list[str]] = ([], [], [])

    def places(self) -> Gathered:
        """`places_by_word` of all the sentences: this process gathers the first half."""
        gathered = places_by_word(content_tokens_of(self.sentences[: self.half]))
        try:
            later: Gathered = self._receive()
        except ChildGone:
            later = places_by_word(content_tokens_of(self.sentences[self.half :]), self.half)
        for word, (indices, places) in later.items():
            earlier = gathered.get(word)
            if earlier is None:
                gathered[word] = (indices, places)
            else:
                earlier[0].extend(indices)
                earlier[1].extend(places)
        return gathered

    def ask(self, words: list[str], unknown: list[str], unread: list[str]) -> None:
        """Ask for the Zipf frequency of `words`, the traditional form of `unknown` and the
        reading of `unread` (see `answer`)."""
        self.words = (words, unknown, unread)
        with suppress(ChildGone):
            if self.child is not None:
                self.child.send(self.words)

    def answer(self) -> tuple[Lexicon, dict[str, str]]:
        """The `lexicon` of the words asked about, and pypinyin's reading of the unread ones."""
        try:
            found: tuple[Lexicon, dict[str, str]] = self._receive()
        except ChildGone:
            words, unknown, unread = self.words
            return lexicon(words, unknown), readings(unread)
        finally:
            if self.child is not None:
                self.child.close()
        return found

    def _receive(self) -> Any:
        if self.child is None:
            raise ChildGone
        try:
            return self.child.receive()
        except ChildGone:
            self.child = None
            raise


def _help(
    sentences: list[str], half: int, receive: Callable[[], Any], send: Callable[[Any], None]
) -> None:
    send(places_by_word(content_tokens_of(sentences[half:]), half))
    # Load the word lists and pypinyin while the parent looks the words up: the question comes
    # after that, and the answer is awaited.
    lexicon(["中文"], ["中文"])
    readings(["中文"])
    words, unknown, unread = receive()
    send((lexicon(words, unknown), readings(unread)))


def readings(words: list[str]) -> dict[str, str]:
    """pypinyin's reading of each of these words (loading pypinyin takes 0.3 s)."""
    return {word: word_reading(word) for word in words}
