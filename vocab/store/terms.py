"""Reading stored terms back as the records `vocab list` prints (DESIGN's JSON contract)."""

import json
from typing import Any

from vocab.store.db import Database

Record = dict[str, Any]


def records_for_article(db: Database, article_id: int, slug: str) -> list[Record]:
    """The article's terms in order of first appearance, each with its example sentences."""
    rows = db.execute(
        """
        SELECT t.id, t.simplified, t.traditional, t.pinyin, t.pinyin_numbered, t.definitions,
               t.user_definition, t.hsk, t.hsk2, t.zipf, t.pos, t.is_name, t.in_dictionary,
               at.count
        FROM article_terms at JOIN terms t ON t.id = at.term_id
        WHERE at.article_id = ?
        ORDER BY at.first, t.id
        """,
        [article_id],
    ).fetchall()
    examples: dict[int, list[Record]] = {}
    for term_id, zh, en, en_match in db.execute(
        """
        SELECT o.term_id, s.zh, s.en, o.en_match
        FROM occurrences o JOIN sentences s ON s.id = o.sentence_id
        WHERE s.article_id = ? AND o.example = 1
        ORDER BY s.idx
        """,
        [article_id],
    ).fetchall():
        examples.setdefault(term_id, []).append(
            {"zh": zh, "en": en, "en_match": en_match, "article": slug}
        )
    records = []
    for (
        term_id,
        simplified,
        traditional,
        pinyin,
        pinyin_numbered,
        definitions,
        user_definition,
        hsk,
        hsk2,
        zipf,
        pos,
        is_name,
        in_dictionary,
        count,
    ) in rows:
        records.append(
            {
                "simplified": simplified,
                "traditional": traditional,
                "pinyin": pinyin,
                "pinyin_numbered": pinyin_numbered,
                "definitions": [user_definition] if user_definition else json.loads(definitions),
                "hsk": hsk,
                "hsk2": hsk2,
                "zipf": zipf,
                "pos": pos,
                "is_name": bool(is_name),
                "in_dictionary": bool(in_dictionary),
                "count": count,
                "examples": examples.get(term_id, []),
            }
        )
    return records
