"""An imported article's sentences read back as the sentence pairs the term extractor takes."""

from vocab.store.db import Database
from vocab.text import SentencePair


def for_article(db: Database, article_id: int) -> list[SentencePair]:
    rows = db.execute(
        "SELECT zh, en, score, paragraph FROM sentences WHERE article_id = ? ORDER BY idx",
        [article_id],
    ).fetchall()
    return [SentencePair(zh, en, score, paragraph) for zh, en, score, paragraph in rows]
