"""Term lists from article files or imported articles, for teachers and for scripts."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from sqlite_utils import Database

from vocab.errors import NotFoundError
from vocab.store import articles
from vocab.store import terms as stored_terms

Record = dict[str, Any]
SortOrder = Literal["first", "count", "freq", "hsk"]
SORT_ORDERS: tuple[SortOrder, ...] = ("first", "count", "freq", "hsk")
MAX_EXAMPLES = 3
# Unlisted words sort and filter as harder than band 7-9.
UNLISTED_LEVEL = 8


@dataclass(frozen=True)
class ListOptions:
    min_hsk: int | None = None
    max_hsk: int | None = None
    names: bool = False
    sort: SortOrder = "first"
    limit: int | None = None


def is_file_source(source: str) -> bool:
    return source == "-" or Path(source).exists() or "/" in source or "." in source


def term_records(
    sources: Sequence[str],
    options: ListOptions,
    *,
    open_db: Callable[[], Database],
    layout: Any = None,
) -> list[Record]:
    """Terms of the given files and/or imported article slugs, merged, filtered and sorted.

    Files are analysed without touching the database; the database is opened only when a
    source names an imported article.
    """
    lists: list[list[Record]] = []
    db: Database | None = None
    for source in sources:
        if is_file_source(source):
            lists.append(_records_from_file(source, layout))
            continue
        db = db or open_db()
        row = articles.by_slug(db, source)
        if row is None:
            raise NotFoundError(f"no such file or imported article: {source}")
        lists.append(stored_terms.records_for_article(db, row.id, row.slug))
    return select(merge(lists), options)


def _records_from_file(path: str, layout: Any) -> list[Record]:
    from vocab.service.importing import analyse  # loads jieba's model: only for files

    analysed = analyse(path, layout=layout)
    return [term.to_record(analysed.slug_stem) for term in analysed.terms]


def merge(lists: Sequence[Sequence[Record]]) -> list[Record]:
    """One record per word and reading, counts summed, examples from each article in turn."""
    merged: dict[tuple[str, str], Record] = {}
    for records in lists:
        for record in records:
            key = (record["simplified"], record["pinyin_numbered"])
            if key not in merged:
                merged[key] = {**record, "examples": list(record["examples"])}
                continue
            into = merged[key]
            into["count"] += record["count"]
            into["examples"].extend(record["examples"])
    for record in merged.values():
        record["examples"] = record["examples"][:MAX_EXAMPLES]
    return list(merged.values())


def level(record: Record) -> int:
    hsk = record["hsk"]
    return UNLISTED_LEVEL if hsk is None else int(hsk)


def select(records: list[Record], options: ListOptions) -> list[Record]:
    chosen = [
        r
        for r in records
        if (options.names or not r["is_name"])
        and (options.min_hsk is None or level(r) >= options.min_hsk)
        and (options.max_hsk is None or level(r) <= options.max_hsk)
    ]
    if options.sort == "count":
        chosen.sort(key=lambda r: -r["count"])
    elif options.sort == "freq":
        chosen.sort(key=lambda r: -r["zipf"])
    elif options.sort == "hsk":
        chosen.sort(key=level)
    if options.limit is not None:
        chosen = chosen[: options.limit]
    return chosen
