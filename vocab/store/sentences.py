"""An imported article's sentences read back as the sentence pairs the term extractor takes."""

from vocab.store.db import Database
from vocab.text import SentencePair


def for_article(db: Database, article_id: int) -> list[SentencePair]:
    rows = db.execute(
        "SELECT zh, en, score, paragraph, position FROM sentences WHERE article_id = ? ORDER BY idx",
        [article_id],
    ).fetchall()
    return [
        SentencePair(zh, en, score, paragraph, position)
        for zh, en, score, paragraph, position in rows
    ]


def positions(db: Database, article_id: int) -> dict[str, str]:
    """Where each of the article's sentences shows in its source (a subtitle's cue time), by
    the sentence's text; sentences of sources without positions are left out."""
    rows = db.execute(
        "SELECT zh, position FROM sentences WHERE article_id = ? AND position IS NOT NULL"
        " ORDER BY idx DESC",
        [article_id],
    ).fetchall()
    # Newest last wins in a dict: reading backwards keeps a repeated line's first position.
    return {zh: position for zh, position in rows}


def paragraph_positions(db: Database, article_id: int) -> dict[int, str]:
    """The position of each paragraph's first sentence, for paragraphs whose first has one."""
    rows = db.execute(
        "SELECT paragraph, position FROM sentences s WHERE article_id = ? AND position IS NOT NULL"
        " AND idx = (SELECT min(idx) FROM sentences f"
        " WHERE f.article_id = s.article_id AND f.paragraph = s.paragraph)",
        [article_id],
    ).fetchall()
    return {int(paragraph): position for paragraph, position in rows}
