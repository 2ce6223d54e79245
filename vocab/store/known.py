"""Words the learner already knows: no cards are made for them."""

from sqlite_utils import Database


def all_words(db: Database) -> set[str]:
    return {word for (word,) in db.execute("SELECT word FROM known").fetchall()}
