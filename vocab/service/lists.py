"""Term lists from article files, folders of them, or imported articles, for teachers and scripts.

Files are analysed without a database (several at once in a pool of processes, one per core);
the database is opened only to read an imported article or the learner's known words.
"""

import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from vocab.errors import InputError, NotFoundError
from vocab.export.lists import ArticleInfo, TermList
from vocab.store import articles
from vocab.store import known as known_words
from vocab.store import sentences as stored_sentences
from vocab.store import terms as stored_terms
from vocab.store.db import Database
from vocab.text.formats import article_files

Record = dict[str, Any]
SortOrder = Literal["first", "count", "freq", "hsk"]
SORT_ORDERS: tuple[SortOrder, ...] = ("first", "count", "freq", "hsk")
MAX_EXAMPLES = 3
# Unlisted words sort and filter as harder than band 7-9.
UNLISTED_LEVEL = 8
ARTICLE_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".html", ".htm", ".srt", ".epub"})
Progress = Callable[[int, int], None]  # (articles done, articles in all)


@dataclass(frozen=True)
class ListOptions:
    min_hsk: int | None = None
    max_hsk: int | None = None
    names: bool = False
    sort: SortOrder = "first"
    limit: int | None = None  # --limit and --top
    exclude_known: bool = False  # drop the words of the learner's known list
    group_hsk: bool = False  # order by HSK level (after sort and limit), easiest first


@dataclass(frozen=True)
class _Source:
    name: str
    in_folder: bool  # found by listing a folder: a file that is no article is skipped, not fatal
    # The files that make the article together (film.en.srt film.zh.srt); empty: just `name`.
    together: tuple[str, ...] = ()

    @property
    def paths(self) -> tuple[str, ...]:
        return self.together or (self.name,)


@dataclass
class _Article:
    info: ArticleInfo
    records: list[Record]
    positions: dict[str, str]  # sentence -> where it shows in its source (a subtitle's cue time)


def is_file_source(source: str) -> bool:
    return source == "-" or Path(source).exists() or "/" in source or "." in source


def term_records(
    sources: Sequence[str],
    options: ListOptions,
    *,
    open_db: Callable[[], Database],
    layout: Any = None,
) -> list[Record]:
    """The term records (DESIGN's JSON contract) of the given sources, merged and selected."""
    return term_list(sources, options, open_db=open_db, layout=layout).records


def term_list(
    sources: Sequence[str],
    options: ListOptions,
    *,
    open_db: Callable[[], Database],
    layout: Any = None,
    progress: Progress | None = None,
) -> TermList:
    """Terms of the given files, folders (every .txt and .md file in them) and imported article
    slugs, merged (with each term's count per article), filtered and sorted.

    A file named on the command line that cannot be read is an error; one found in a folder is
    skipped and reported in `skipped`.
    """
    expanded = list(dict.fromkeys(_expand(sources)))
    db: Database | None = None
    files = [s for s in expanded if is_file_source(s.name)]
    analysed, skipped = _analyse_files(files, layout, progress)
    found: list[_Article] = []
    for source in expanded:
        if source in analysed:
            found.append(analysed[source])
            continue
        if is_file_source(source.name):
            continue  # skipped
        db = db or open_db()
        row = articles.by_slug(db, source.name)
        if row is None:
            raise NotFoundError(f"no such file or imported article: {source.name}")
        info = ArticleInfo(row.slug, row.title, row.source, row.imported_at[:10])
        records = stored_terms.records_for_article(db, row.id, row.slug)
        found.append(_Article(info, records, stored_sentences.positions(db, row.id)))
    if not found:
        raise InputError("no article to list: " + "; ".join(skipped))
    _unique_slugs(found)
    records, counts = merge_counted([(a.info.slug, a.records) for a in found])
    known: set[str] = set()
    if options.exclude_known:
        known = known_words.all_words(db or open_db())
    chosen = select_indexes(records, options, known)
    return TermList(
        records=[records[i] for i in chosen],
        articles=[a.info for a in found],
        counts=[counts[i] for i in chosen],
        skipped=skipped,
        positions=_example_positions([records[i] for i in chosen], found),
    )


def _example_positions(records: Sequence[Record], found: Sequence[_Article]) -> list[str | None]:
    """Where each record's first example shows in its article's source, if it says."""
    by_slug = {a.info.slug: a.positions for a in found}
    positions: list[str | None] = []
    for record in records:
        example = record["examples"][0] if record["examples"] else None
        known = by_slug.get(example["article"], {}) if example else {}
        positions.append(known.get(example["zh"]) if example else None)
    return positions


def _expand(sources: Sequence[str]) -> Iterator[_Source]:
    """Each source as an article to list: a folder's article files, and two subtitle files of
    one film (film.en.srt film.zh.srt, named together or in one folder) as one article."""
    loose = [s for s in sources if s == "-" or not Path(s).is_dir()]
    groups = {group[0]: group for group in article_files(loose)}
    for source in sources:
        path = Path(source)
        if source == "-" or not path.is_dir():
            group = groups.get(source)
            if group is not None:  # else the second file of a pair, listed with the first
                yield _Source(source, in_folder=False, together=group if len(group) > 1 else ())
            continue
        files = sorted(
            str(p)
            for p in path.rglob("*")
            if p.suffix.lower() in ARTICLE_SUFFIXES
            and p.is_file()
            and not any(part.startswith(".") for part in p.relative_to(path).parts)
        )
        if not files:
            raise InputError(
                f"{source} has no article files ({', '.join(sorted(ARTICLE_SUFFIXES))}) in it"
            )
        for group in article_files(files):
            yield _Source(group[0], in_folder=True, together=group if len(group) > 1 else ())


def _analyse_files(
    files: Sequence[_Source], layout: Any, progress: Progress | None
) -> tuple[dict[_Source, _Article], list[str]]:
    """Each file analysed; a pool of processes when there are several files and cores."""
    done: dict[_Source, _Article] = {}
    skipped: list[str] = []
    if not files:
        return done, skipped
    workers = min(len(files), os.cpu_count() or 1)
    if progress:
        progress(0, len(files))
    if workers <= 1 or any("-" in f.paths for f in files):
        results = (_try_file(f, layout) for f in files)
        for count, (source, outcome) in enumerate(zip(files, results, strict=True), 1):
            _collect(source, outcome, done, skipped)
            if progress:
                progress(count, len(files))
        return done, skipped
    _warm_up()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures: list[Future[_Article | str]] = [pool.submit(_try_file, f, layout) for f in files]
        for count, (source, future) in enumerate(zip(files, futures, strict=True), 1):
            _collect(source, future.result(), done, skipped)
            if progress:
                progress(count, len(files))
    return done, skipped


def _warm_up() -> None:
    """Load the dictionary, jieba's model and the word lists once, before the workers fork: each
    would otherwise spend two seconds loading them for itself."""
    from vocab.lexicon.cedict import Dictionary
    from vocab.terms import extract_terms
    from vocab.text import SentencePair

    dictionary = Dictionary.open()
    try:
        extract_terms([SentencePair("人工智能训练师正在改变工作。", None, 0.0, 0)], dictionary)
    finally:
        dictionary.close()


def _collect(
    source: _Source, outcome: "_Article | str", done: dict[_Source, _Article], skipped: list[str]
) -> None:
    if isinstance(outcome, str):
        skipped.append(outcome)
    else:
        done[source] = outcome


def _try_file(source: _Source, layout: Any) -> "_Article | str":
    """One file's terms; for a file found in a folder, why it is no article instead of an error."""
    try:
        return _article_from_file(source.paths, layout)
    except InputError as error:
        if not source.in_folder:
            raise
        return str(error)


def _article_from_file(paths: Sequence[str], layout: Any) -> _Article:
    from vocab.service.importing import analyse  # loads jieba's model: only for files

    analysed = analyse(paths[0] if len(paths) == 1 else paths, layout=layout)
    date = None
    if paths[0] != "-":
        stamp = max(Path(path).stat().st_mtime for path in paths)
        date = datetime.fromtimestamp(stamp, UTC).date().isoformat()
    info = ArticleInfo(analysed.slug_stem, analysed.article.title, analysed.source, date)
    positions: dict[str, str] = {}
    for sentence in analysed.article.sentences:
        if sentence.position is not None:
            positions.setdefault(sentence.zh, sentence.position)
    records = [term.to_record(analysed.slug_stem) for term in analysed.terms]
    return _Article(info, records, positions)


def _unique_slugs(found: list[_Article]) -> None:
    """Two files called notes.txt in two folders are two articles: the second is notes-2."""
    taken: set[str] = set()
    for article in found:
        slug = article.info.slug
        n = 2
        while slug in taken:
            slug = f"{article.info.slug}-{n}"
            n += 1
        taken.add(slug)
        if slug != article.info.slug:
            info = article.info
            article.info = ArticleInfo(slug, info.title, info.source, info.date)
            for record in article.records:
                record["examples"] = [{**e, "article": slug} for e in record["examples"]]


def merge(lists: Sequence[Sequence[Record]]) -> list[Record]:
    """One record per word and reading, counts summed, examples from each article in turn."""
    return merge_counted([(str(i), records) for i, records in enumerate(lists)])[0]


def merge_counted(
    lists: Sequence[tuple[str, Sequence[Record]]],
) -> tuple[list[Record], list[dict[str, int]]]:
    """Merged records (see `merge`) and, for each, its count in each article by slug."""
    merged: dict[tuple[str, str], Record] = {}
    counts: dict[tuple[str, str], dict[str, int]] = {}
    for slug, records in lists:
        for record in records:
            key = (record["simplified"], record["pinyin_numbered"])
            per_article = counts.setdefault(key, {})
            per_article[slug] = per_article.get(slug, 0) + record["count"]
            if key not in merged:
                merged[key] = {**record, "examples": list(record["examples"])}
                continue
            into = merged[key]
            into["count"] += record["count"]
            into["examples"].extend(record["examples"])
    for record in merged.values():
        record["examples"] = record["examples"][:MAX_EXAMPLES]
    return list(merged.values()), list(counts.values())


def level(record: Record) -> int:
    hsk = record["hsk"]
    return UNLISTED_LEVEL if hsk is None else int(hsk)


def select(
    records: list[Record], options: ListOptions, known: set[str] | None = None
) -> list[Record]:
    return [records[i] for i in select_indexes(records, options, known or set())]


def select_indexes(records: Sequence[Record], options: ListOptions, known: set[str]) -> list[int]:
    """Which records to show, in the order to show them: filtered, sorted, cut, grouped."""
    chosen = [
        i
        for i, r in enumerate(records)
        if (options.names or not r["is_name"])
        and (options.min_hsk is None or level(r) >= options.min_hsk)
        and (options.max_hsk is None or level(r) <= options.max_hsk)
        and r["simplified"] not in known
    ]
    if options.sort == "count":
        chosen.sort(key=lambda i: -records[i]["count"])
    elif options.sort == "freq":
        chosen.sort(key=lambda i: -records[i]["zipf"])
    elif options.sort == "hsk":
        chosen.sort(key=lambda i: level(records[i]))
    if options.limit is not None:
        chosen = chosen[: options.limit]
    if options.group_hsk:
        chosen.sort(key=lambda i: level(records[i]))  # stable: the chosen order within a level
    return chosen
