"""Importing an article: read it, pair and align its sentences, extract its terms, store it whole."""

import dataclasses
import gc
import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from vocab.lexicon.cedict import Dictionary
from vocab.lexicon.hsk import HSK3_BANDS, hsk_band
from vocab.store import articles
from vocab.store.db import Database
from vocab.terms import ArticleWords, Term, find_words
from vocab.text import Layout, ParsedArticle, SentencePair
from vocab.text.document import parse_document
from vocab.text.formats import Document, film_name
from vocab.text.reader import STDIN, read_document
from vocab.text.script import Script, detect_script, restore_terms, simplified_lines


@dataclass(frozen=True)
class AnalysedArticle:
    """An article read from a file or stdin and analysed, not yet stored."""

    source: str
    slug_stem: str
    content_hash: str
    article: ParsedArticle
    terms: list[Term]


@dataclass(frozen=True)
class ImportResult:
    slug: str
    title: str
    added: bool  # False: the same text was imported before, nothing changed
    paragraph_pairs: int
    sentence_pairs: int
    terms: int
    names: int
    hsk_counts: dict[str, int]
    # An article imported before, when the layout asked for now is not the one it was read in.
    stored_layout: str | None = None

    def summary(self) -> str:
        if not self.added:
            if self.stored_layout is not None:
                return (
                    f"{self.slug} is already imported, read as {self.stored_layout}"
                    " (nothing changed: --layout applies to new articles)"
                )
            return f"{self.slug} is already imported (nothing changed)"
        levels = " ".join(f"{band}:{self.hsk_counts.get(band, 0)}" for band in HSK3_BANDS)
        return (
            f'added "{self.title}" as {self.slug}: {self.paragraph_pairs} paragraph pairs, '
            f"{self.sentence_pairs} sentence pairs, {self.terms} terms ({self.names} names), "
            f"HSK 3.0: {levels}"
        )


def content_hash(text: str) -> str:
    """The same text (after decoding and normalising) is the same article, whatever its file."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector for one import.

    A novel's import makes millions of short-lived objects (tokens, rows) that hold no cycles;
    the collector re-scans everything alive each time they pile up, a third of the import time.
    Reference counting still frees them; the collector runs again when the import is over.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def analyse(
    path: str | Sequence[str],
    *,
    layout: Layout | None = None,
    dictionary: Dictionary | None = None,
) -> AnalysedArticle:
    """Read and analyse one article file (or "-" for stdin), or the files that make one article
    together (two subtitle files of one film), touching no database."""
    with _collector_paused():
        return _analyse(path, layout, dictionary)


def _analyse(
    path: str | Sequence[str], layout: Layout | None, dictionary: Dictionary | None
) -> AnalysedArticle:
    paths = [path] if isinstance(path, str) else list(path)
    document, source = read_document(paths)
    return _analyse_document(document, source, paths, layout, dictionary)


def _analyse_document(
    document: Document,
    source: str,
    paths: list[str],
    layout: Layout | None,
    dictionary: Dictionary | None,
) -> AnalysedArticle:
    read = _read(document, source, paths, layout, dictionary)
    return AnalysedArticle(
        source, read.slug_stem, content_hash(document.text), read.article, read.terms()
    )


@dataclass(frozen=True)
class _Read:
    """An article parsed and its words found; its terms are still to be made."""

    article: ParsedArticle
    slug_stem: str
    script: Script
    words: ArticleWords

    def terms(self) -> list[Term]:
        return self.in_own_script(self.words.terms())

    def in_own_script(self, terms: list[Term]) -> list[Term]:
        """Terms found in a traditional article's simplified copy, shown in its characters."""
        if self.script == "simplified":
            return terms
        return restore_terms(terms, [s.zh for s in self.article.sentences])


def _read(
    document: Document,
    source: str,
    paths: list[str],
    layout: Layout | None,
    dictionary: Dictionary | None,
) -> _Read:
    dictionary = dictionary or Dictionary.open()
    script = detect_script(document.text)
    article = parse_document(document, layout=layout, glosses=dictionary.glosses, script=script)
    if paths == [STDIN]:
        stem = ""
    elif len(paths) > 1:
        stem = slugify(film_name(paths))
    else:
        stem = slugify(Path(source).stem)
    words = find_words(_simplified(article, script), dictionary)
    return _Read(article, stem or title_slug(article.title), script, words)


def _simplified(article: ParsedArticle, script: Script) -> list[SentencePair]:
    """The sentences to segment and look up: a traditional article's simplified copy."""
    if script == "simplified":
        return article.sentences
    written = [s.zh for s in article.sentences]
    return [
        dataclasses.replace(s, zh=zh)
        for s, zh in zip(article.sentences, simplified_lines(written), strict=True)
    ]


def add_article(
    db: Database,
    path: str | Sequence[str],
    *,
    now: datetime,
    layout: Layout | None = None,
    saving: Callable[[], None] | None = None,
) -> ImportResult:
    """Import one article (one file, or the files that make it together) into the database;
    importing the same text again changes nothing.

    `saving` is called once every row is written, just before the article's transaction commits.
    """
    with _collector_paused():
        return _add_article(db, path, now, layout, saving)


def _add_article(
    db: Database,
    path: str | Sequence[str],
    now: datetime,
    layout: Layout | None,
    saving: Callable[[], None] | None,
) -> ImportResult:
    paths = [path] if isinstance(path, str) else list(path)
    document, source = read_document(paths)
    digest = content_hash(document.text)
    # The same text again: say so at once, without segmenting it.
    existing = articles.by_hash(db, digest)
    if existing is not None:
        return ImportResult(
            slug=existing.slug,
            title=existing.title,
            added=False,
            paragraph_pairs=existing.paragraph_pairs,
            sentence_pairs=existing.sentence_pairs,
            terms=existing.terms,
            names=existing.names,
            hsk_counts={},
            stored_layout=existing.layout if layout and layout != existing.layout else None,
        )
    read = _read(document, source, paths, layout, None)
    bands: Counter[str] = Counter()
    names = 0
    with articles.importing(
        db,
        slug_stem=read.slug_stem,
        source=source,
        content_hash=digest,
        article=read.article,
        words=read.words.words,
        now=now,
    ) as writer:
        plan = writer.plan

        def stored(
            position: int, terms: list[Term]
        ) -> tuple[articles.Rows, list[tuple[bool, int | None]]]:
            terms = read.in_own_script(terms)
            return articles.rows(plan, position, terms), [(t.is_name, t.hsk) for t in terms]

        # A long text's terms are made in a child process while this one writes those before.
        for made, kinds in read.words.in_batches(stored):
            writer.write(made)
            for is_name, hsk in kinds:
                if is_name:
                    names += 1
                else:
                    bands[hsk_band(hsk)] += 1
        if saving is not None:
            saving()
    article = read.article
    return ImportResult(
        slug=plan.slug,
        title=article.title,
        added=True,
        paragraph_pairs=sum(1 for p in article.paragraphs if p.en is not None),
        sentence_pairs=sum(1 for s in article.sentences if s.en is not None),
        terms=bands.total(),
        names=names,
        hsk_counts=dict(bands),
    )


def slugify(name: str) -> str:
    """A readable slug: lower-case ASCII letters, digits and single dashes."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:60].strip("-")


def title_slug(title: str) -> str:
    """For an article with no file name: the pinyin of its title (ai-da-kai-jiu-ye...)."""
    from pypinyin import lazy_pinyin  # loaded only where a slug must be made from Chinese

    return slugify(" ".join(lazy_pinyin(title[:12]))) or "article"
