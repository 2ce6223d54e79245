"""Importing an article: read it, pair and align its sentences, extract its terms, store it whole."""

import dataclasses
import gc
import hashlib
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from vocab.lexicon.cedict import Dictionary
from vocab.lexicon.hsk import HSK3_BANDS, hsk_band
from vocab.store import articles
from vocab.store.db import Database
from vocab.terms import Term, extract_terms
from vocab.text import Layout, ParsedArticle
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

    def summary(self) -> str:
        if not self.added:
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
    dictionary = dictionary or Dictionary.open()
    script = detect_script(document.text)
    article = parse_document(document, layout=layout, glosses=dictionary.glosses, script=script)
    terms = _terms(article, dictionary, script)
    if paths == [STDIN]:
        stem = ""
    elif len(paths) > 1:
        stem = slugify(film_name(paths))
    else:
        stem = slugify(Path(source).stem)
    return AnalysedArticle(
        source, stem or title_slug(article.title), content_hash(document.text), article, terms
    )


def _terms(article: ParsedArticle, dictionary: Dictionary, script: Script) -> list[Term]:
    """The article's terms; one in traditional characters is segmented and looked up through
    its simplified copy, and its terms shown in its own characters."""
    if script == "simplified":
        return extract_terms(article.sentences, dictionary)
    written = [s.zh for s in article.sentences]
    simple = [
        dataclasses.replace(s, zh=zh)
        for s, zh in zip(article.sentences, simplified_lines(written), strict=True)
    ]
    return restore_terms(extract_terms(simple, dictionary), written)


def add_article(
    db: Database, path: str | Sequence[str], *, now: datetime, layout: Layout | None = None
) -> ImportResult:
    """Import one article (one file, or the files that make it together) into the database;
    importing the same text again changes nothing."""
    with _collector_paused():
        return _add_article(db, path, now, layout)


def _add_article(
    db: Database, path: str | Sequence[str], now: datetime, layout: Layout | None
) -> ImportResult:
    paths = [path] if isinstance(path, str) else list(path)
    document, source = read_document(paths)
    # The same text again: say so at once, without segmenting it.
    existing = articles.by_hash(db, content_hash(document.text))
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
        )
    analysed = _analyse_document(document, source, paths, layout, None)
    slug = unique_slug(db, analysed.slug_stem)
    articles.save(
        db,
        slug=slug,
        source=analysed.source,
        content_hash=analysed.content_hash,
        article=analysed.article,
        terms=analysed.terms,
        now=now,
    )
    return _result(slug, analysed.article.title, analysed, added=True)


def _result(slug: str, title: str, analysed: AnalysedArticle, *, added: bool) -> ImportResult:
    words = [t for t in analysed.terms if not t.is_name]
    return ImportResult(
        slug=slug,
        title=title,
        added=added,
        paragraph_pairs=sum(1 for p in analysed.article.paragraphs if p.en is not None),
        sentence_pairs=sum(1 for s in analysed.article.sentences if s.en is not None),
        terms=len(words),
        names=len(analysed.terms) - len(words),
        hsk_counts=dict(Counter(hsk_band(t.hsk) for t in words)),
    )


def slugify(name: str) -> str:
    """A readable slug: lower-case ASCII letters, digits and single dashes."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:60].strip("-")


def title_slug(title: str) -> str:
    """For an article with no file name: the pinyin of its title (ai-da-kai-jiu-ye...)."""
    from pypinyin import lazy_pinyin  # loaded only where a slug must be made from Chinese

    return slugify(" ".join(lazy_pinyin(title[:12]))) or "article"


def unique_slug(db: Database, stem: str) -> str:
    taken = articles.slugs_starting_with(db, stem)
    if stem not in taken:
        return stem
    n = 2
    while f"{stem}-{n}" in taken:
        n += 1
    return f"{stem}-{n}"
