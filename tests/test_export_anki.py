"""`vocab export anki`: the .apkg proven by importing it into a real Anki collection (anki 26.x)."""

import itertools
import re
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import genanki
import pytest
from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest
from anki.notes import Note
from click.testing import CliRunner
from conftest import NEWS, NOW

from vocab.cli import cli
from vocab.errors import ExportError, NotFoundError
from vocab.export.anki import FIELDS, MODEL, anki_note, note_fields
from vocab.service.export import export_anki, export_tsv
from vocab.store import open_db
from vocab.store.notes import terms_for_export

SEED_DECK = "vocab::AI打开就业新通道:双语阅读"
SECOND = NEWS / "bbc.381780.txt"


@pytest.fixture
def col(tmp_path: Path) -> Iterator[Collection]:
    (tmp_path / "anki").mkdir()
    collection = Collection(str(tmp_path / "anki" / "collection.anki2"))
    yield collection
    collection.close()


def import_apkg(col: Collection, path: Path) -> tuple[int, int]:
    """Import as a learner does, with Anki's default options; (new notes, updated notes)."""
    request = ImportAnkiPackageRequest(package_path=str(path), options=ImportAnkiPackageOptions())
    log = col.import_anki_package(request).log
    return len(log.new), len(log.updated)


def note_of(col: Collection, simplified: str) -> Note:
    (note_id,) = col.find_notes(f'"Simplified:{simplified}"')
    return col.get_note(note_id)


def body(rendered: str) -> str:
    """A rendered card side without the note type's <style> Anki puts in front of it."""
    return rendered.split("</style>", 1)[-1]


def plain(html_text: str) -> str:
    return re.sub(r"<[^>]+>", "", html_text)


def non_name_terms(db_path: Path) -> int:
    with sqlite3.connect(db_path) as conn:
        return int(conn.execute("SELECT count(*) FROM terms WHERE NOT is_name").fetchone()[0])


def test_every_non_name_term_is_one_note_with_three_cards(
    seed_db: Path, col: Collection, tmp_path: Path
) -> None:
    summary = export_anki(open_db(seed_db), tmp_path / "chinese.apkg", now=NOW)
    terms = non_name_terms(seed_db)

    assert import_apkg(col, tmp_path / "chinese.apkg") == (terms, 0)
    assert summary.notes == col.note_count() == terms
    assert summary.cards == col.card_count() == 3 * terms  # every seed term has an example
    assert summary.decks == 1
    assert (
        summary.summary()
        == f"wrote {terms} notes ({3 * terms} cards) in 1 deck to {tmp_path / 'chinese.apkg'}"
    )
    assert {d.name for d in col.decks.all_names_and_ids()} == {"Default", "vocab", SEED_DECK}
    assert "CC BY-SA 4.0" in col.decks.by_name(SEED_DECK)["desc"]
    assert "CC-CEDICT" in col.decks.by_name("vocab")["desc"]
    with sqlite3.connect(seed_db) as conn:
        names = [n for (n,) in conn.execute("SELECT simplified FROM terms WHERE is_name")]
    assert names, "the seed has names (胡胜祥 ...)"
    assert not any(col.find_notes(f'"Simplified:{name}"') for name in names)


def test_the_note_of_人工智能_has_every_field(
    seed_db: Path, col: Collection, tmp_path: Path
) -> None:
    export_anki(open_db(seed_db), tmp_path / "chinese.apkg", now=NOW)
    import_apkg(col, tmp_path / "chinese.apkg")
    note = note_of(col, "人工智能")

    assert note["Traditional"] == "人工智能"
    assert note["Pinyin"] == (
        '<span class="tone2">rén</span> <span class="tone1">gōng</span> '
        '<span class="tone4">zhì</span> <span class="tone2">néng</span>'
    )
    assert note["PinyinNumbered"] == "ren2 gong1 zhi4 neng2"
    assert note["Meaning"] == "artificial intelligence (AI)"
    assert '<span class="hl">人工智能</span>' in note["SentenceZH"]
    assert plain(note["SentenceZH"]) in Path("decks/ai-new-jobs.txt").read_text(encoding="utf-8")
    assert '<span class="match">artificial intelligence</span>' in note["SentenceEN"]
    assert note["HSK"] == "7-9"
    assert note["Frequency"] == "3.78"
    assert note["Article"] == "AI打开就业新通道:双语阅读"
    assert note["Audio"] == ""
    assert sorted(note.tags) == ["ai-new-jobs", "hsk3::7-9"]
    assert col.decks.name(note.cards()[0].did) == SEED_DECK
    # A word of both HSK lists carries both levels.
    assert sorted(note_of(col, "就业").tags) == ["ai-new-jobs", "hsk2::6", "hsk3::3"]


def test_each_template_asks_and_answers_what_it_should(
    seed_db: Path, col: Collection, tmp_path: Path
) -> None:
    export_anki(open_db(seed_db), tmp_path / "chinese.apkg", now=NOW)
    import_apkg(col, tmp_path / "chinese.apkg")
    cards = {card.template()["name"]: card for card in note_of(col, "人工智能").cards()}
    assert sorted(cards) == ["Recall", "Recognition", "Sentence"]

    question, answer = body(cards["Recognition"].question()), body(cards["Recognition"].answer())
    assert question == '<div class="term">人工智能</div>'
    assert '<span class="tone2">rén</span>' in answer and "artificial intelligence (AI)" in answer
    assert '<span class="hl">人工智能</span>' in answer

    question, answer = body(cards["Recall"].question()), body(cards["Recall"].answer())
    assert "人工智能" not in question and "rén" not in question
    assert "artificial intelligence (AI)" in question and "[[type:PinyinNumbered]]" in question
    assert '<div class="term">人工智能</div>' in answer.split('<hr id="answer">')[1]

    question, answer = body(cards["Sentence"].question()), body(cards["Sentence"].answer())
    # The term is gone from the question's HTML, not hidden by CSS: nothing to select or read.
    assert "人工智能" not in question and "rén" not in question and "ren2" not in question
    assert '但只要在<span class="blank">＿＿</span>工作流平台上' in question
    assert "artificial intelligence" in question and "artificial intelligence (AI)" not in question
    assert '但只要在<span class="hl">人工智能</span>工作流平台上' in answer
    assert '<div class="term">人工智能</div>' in answer and "＿" not in answer
    css = cards["Sentence"].note_type()["css"]
    assert ".nightMode .tone1, .night_mode .tone1" in css


def test_no_sentence_question_gives_its_term_away(seed_db: Path, tmp_path: Path) -> None:
    """Every term's Sentence card, including where the term also stands inside a longer word."""
    terms = terms_for_export(open_db(seed_db))
    blank = FIELDS.index("SentenceBlank")
    inside_longer_words = 0
    for term in terms:
        assert term.example is not None
        fields = note_fields(term).fields
        assert term.simplified not in fields[blank] and term.traditional not in fields[blank]
        assert fields[blank].count("＿＿") >= len(term.example.spans)
        inside_longer_words += fields[blank].count("＿＿") > len(term.example.spans)
    assert inside_longer_words > 0, "the seed has terms inside longer words (智能 in 人工智能)"


def test_a_later_export_updates_notes_in_place_and_keeps_reviews(
    seed_db: Path, col: Collection, tmp_path: Path
) -> None:
    db = open_db(seed_db)
    first = export_anki(db, tmp_path / "first.apkg", now=NOW)
    import_apkg(col, tmp_path / "first.apkg")
    before = note_of(col, "人工智能")
    recognition = next(c for c in before.cards() if c.template()["name"] == "Recognition")
    recognition.start_timer()
    col.sched.answerCard(recognition, 3)
    reviewed = col.get_card(recognition.id)
    assert col.db.scalar("SELECT count(*) FROM revlog WHERE cid = ?", recognition.id) == 1

    from vocab.service.importing import add_article

    add_article(db, str(SECOND), now=NOW + timedelta(hours=1))
    db.execute(
        "UPDATE terms SET user_definition = ? WHERE simplified = ?",
        ["AI, machine smarts", "人工智能"],
    )
    second = export_anki(db, tmp_path / "second.apkg", now=NOW + timedelta(hours=2))
    added = second.notes - first.notes
    assert added > 0

    new, updated = import_apkg(col, tmp_path / "second.apkg")
    assert new == added
    assert (
        updated == first.notes
    )  # the default "update if newer" takes every note of the later export
    assert col.note_count() == second.notes
    after = note_of(col, "人工智能")
    assert after.id == before.id and after["Meaning"] == "AI, machine smarts"
    # Anki keeps the export's modification time: the next export is newer than it, whenever made.
    assert after.mod == int((NOW + timedelta(hours=2)).timestamp())
    kept = col.get_card(recognition.id)
    assert (kept.reps, kept.type, kept.due, kept.ivl) == (
        reviewed.reps,
        reviewed.type,
        reviewed.due,
        reviewed.ivl,
    )
    assert col.db.scalar("SELECT count(*) FROM revlog WHERE cid = ?", recognition.id) == 1
    assert "vocab::" + db.execute(
        "SELECT title FROM articles WHERE source LIKE ?", ["%bbc%"]
    ).fetchone()[0] in {d.name for d in col.decks.all_names_and_ids()}


def test_a_term_shared_by_two_articles_is_one_note_in_the_first_articles_deck(
    seed_db: Path, col: Collection, tmp_path: Path
) -> None:
    from vocab.service.importing import add_article

    db = open_db(seed_db)
    add_article(db, str(SECOND), now=NOW + timedelta(hours=1))
    slug = db.execute("SELECT slug FROM articles WHERE source LIKE ?", ["%bbc%"]).fetchone()[0]
    (shared,) = db.execute(
        "SELECT t.simplified FROM terms t JOIN article_terms a1 ON a1.term_id = t.id"
        " JOIN article_terms a2 ON a2.term_id = t.id AND a2.article_id > a1.article_id"
        " WHERE NOT t.is_name ORDER BY t.hsk DESC LIMIT 1"
    ).fetchone()
    export_anki(db, tmp_path / "both.apkg", now=NOW)
    import_apkg(col, tmp_path / "both.apkg")

    note = note_of(col, shared)
    assert {"ai-new-jobs", slug} <= set(note.tags)
    assert {col.decks.name(card.did) for card in note.cards()} == {SEED_DECK}


ARTICLE_WITH_MARKUP = """Hostile title <b>bold</b>

The model <script>alert(1)</script> learns from data on the computer screen \
<img src=x onerror=alert(2)> and {{c1::secrets}}.

模型<script>alert(1)</script>在电脑屏幕上从数据中学习<img src=x onerror=alert(2)>和{{c1::秘密}}。
"""


def test_article_text_is_shown_as_text_never_as_markup(tmp_path: Path, col: Collection) -> None:
    from vocab.service.importing import add_article

    article = tmp_path / "markup.txt"
    article.write_text(ARTICLE_WITH_MARKUP, encoding="utf-8")
    db = open_db(tmp_path / "vocab.db")
    add_article(db, str(article), now=NOW)
    export_anki(db, tmp_path / "markup.apkg", now=NOW)
    import_apkg(col, tmp_path / "markup.apkg")

    note = note_of(col, "数据")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in note["SentenceZH"]
    assert "&lt;img src=x onerror=alert(2)&gt;" in note["SentenceZH"]
    assert "{{c1::秘密}}" in note["SentenceZH"]
    for card in note.cards():
        for side in (body(card.question()), body(card.answer())):
            assert "<script" not in side and "<img" not in side
    sentence = next(c for c in note.cards() if c.template()["name"] == "Recognition")
    assert "{{c1::秘密}}" in body(sentence.answer())
    if note["SentenceEN"]:
        assert "&lt;script&gt;" in note["SentenceEN"]


def test_filters_choose_the_article_and_hsk_levels(
    seed_db: Path, col: Collection, tmp_path: Path
) -> None:
    db = open_db(seed_db)
    summary = export_anki(
        db, tmp_path / "hard.apkg", now=NOW, article="ai-new-jobs", min_hsk=4, max_hsk=7
    )
    import_apkg(col, tmp_path / "hard.apkg")
    expected = db.execute(
        "SELECT count(*) FROM terms WHERE NOT is_name AND hsk BETWEEN 4 AND 7"
    ).fetchone()[0]
    assert summary.notes == col.note_count() == expected
    levels = {
        tag
        for note_id in col.find_notes("")
        for tag in col.get_note(note_id).tags
        if tag.startswith("hsk3::")
    }
    assert levels == {"hsk3::4", "hsk3::5", "hsk3::6", "hsk3::7-9"}

    with pytest.raises(NotFoundError, match="no imported article with the slug nope"):
        export_anki(db, tmp_path / "x.apkg", now=NOW, article="nope")
    with pytest.raises(ExportError, match="nothing to export"):
        export_anki(db, tmp_path / "x.apkg", now=NOW, min_hsk=3, max_hsk=2)


def test_a_failed_export_leaves_the_previous_file_whole(seed_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "chinese.apkg"
    target.write_bytes(b"the learner's previous deck")
    with pytest.raises(NotFoundError):
        export_anki(open_db(seed_db), target, now=NOW, article="nope")
    assert target.read_bytes() == b"the learner's previous deck"
    assert [p.name for p in tmp_path.iterdir() if "apkg" in p.name] == ["chinese.apkg"]


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
def test_audio_adds_one_stably_named_recording_per_term(
    seed_db: Path, col: Collection, tmp_path: Path
) -> None:
    db = open_db(seed_db)
    summary = export_anki(db, tmp_path / "a.apkg", now=NOW, min_hsk=7, max_hsk=7, audio=True)
    assert summary.recordings == summary.notes > 0
    import_apkg(col, tmp_path / "a.apkg")
    sound = note_of(col, "人工智能")["Audio"]
    name = re.fullmatch(r"\[sound:(vocab-[0-9a-f]{16}\.wav)\]", sound)
    assert name is not None
    recording = Path(col.media.dir()) / name.group(1)
    assert recording.read_bytes()[:4] == b"RIFF"
    export_anki(db, tmp_path / "again.apkg", now=NOW, min_hsk=7, max_hsk=7, audio=True)
    import_apkg(col, tmp_path / "again.apkg")
    assert note_of(col, "人工智能")["Audio"] == sound
    assert len([p for p in Path(col.media.dir()).iterdir() if p.suffix == ".wav"]) == summary.notes


def test_audio_without_espeak_ng_is_a_clear_error(
    seed_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(
        "PATH", str(tmp_path)
    )  # a PATH with no espeak-ng on it, as on a bare machine
    with pytest.raises(ExportError, match="--audio needs espeak-ng"):
        export_anki(open_db(seed_db), tmp_path / "a.apkg", now=NOW, audio=True)
    assert not (tmp_path / "a.apkg").exists()


def test_cli_export_anki_prints_one_line_and_fails_cleanly(seed_db: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "decks-out" / "chinese.apkg"
    result = runner.invoke(
        cli, ["--db", str(seed_db), "export", "anki", "-o", str(out), "--min-hsk", "6"]
    )
    assert result.exit_code == 0, result.output
    assert re.fullmatch(
        rf"wrote \d+ notes \(\d+ cards\) in 1 deck to {re.escape(str(out))}\n", result.output
    )
    assert out.read_bytes()[:2] == b"PK"

    result = runner.invoke(
        cli, ["--db", str(seed_db), "export", "anki", "-o", str(out), "--article", "nope"]
    )
    assert result.exit_code == 1
    assert result.output == "vocab: error: no imported article with the slug nope\n"

    result = runner.invoke(cli, ["--db", str(seed_db), "export", "anki"])
    assert result.exit_code == 2 and "--output" in result.output


def test_known_terms_are_left_out_unless_asked_for(
    seed_db: Path, col: Collection, tmp_path: Path
) -> None:
    db = open_db(seed_db)
    everything = non_name_terms(seed_db)
    with db.conn:
        db.conn.executemany(
            "INSERT INTO known (word, added_at) VALUES (?, ?)",
            [("人工智能", NOW.isoformat()), ("就业", NOW.isoformat())],
        )

    summary = export_anki(db, tmp_path / "unknown.apkg", now=NOW)
    assert import_apkg(col, tmp_path / "unknown.apkg") == (everything - 2, 0)
    assert summary.notes == everything - 2
    assert not col.find_notes('"Simplified:人工智能"') and not col.find_notes('"Simplified:就业"')
    assert export_tsv(db, tmp_path / "unknown.txt").notes == everything - 2

    later = NOW + timedelta(hours=1)
    summary = export_anki(db, tmp_path / "all.apkg", now=later, include_known=True)
    assert summary.notes == everything
    assert import_apkg(col, tmp_path / "all.apkg") == (2, everything - 2)
    assert note_of(col, "人工智能")["Meaning"] == "artificial intelligence (AI)"
    assert export_tsv(db, tmp_path / "all.txt", include_known=True).notes == everything

    runner = CliRunner()
    out = tmp_path / "cli.apkg"
    args = ["--db", str(seed_db), "export", "anki", "-o", str(out)]
    assert runner.invoke(cli, args).output.startswith(f"wrote {everything - 2} notes")
    assert runner.invoke(cli, [*args, "--include-known"]).output.startswith(
        f"wrote {everything} notes"
    )
    tsv = ["--db", str(seed_db), "export", "tsv", "-o", str(tmp_path / "cli.txt")]
    assert runner.invoke(cli, [*tsv, "--include-known"]).output.startswith(
        f"wrote {everything} notes"
    )

    with db.conn:
        db.execute(
            "INSERT OR IGNORE INTO known (word, added_at)"
            " SELECT simplified, ? FROM terms WHERE hsk = 7",
            [NOW.isoformat()],
        )
    with pytest.raises(ExportError, match="you marked every chosen term known"):
        export_anki(db, tmp_path / "x.apkg", now=NOW, min_hsk=7, max_hsk=7)
    assert export_anki(db, tmp_path / "x.apkg", now=NOW, min_hsk=7, include_known=True).notes


def written_rows(notes: list[genanki.Note]) -> tuple[list[tuple[object, ...]], ...]:
    """The notes and cards tables genanki writes for `notes`."""
    deck = genanki.Deck(1 << 30, "vocab::test")
    deck.notes.extend(notes)
    conn = sqlite3.connect(":memory:")
    genanki.Package([deck]).write_to_db(conn.cursor(), NOW.timestamp(), itertools.count(1))
    rows = tuple(
        conn.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
        for table in ("notes", "cards")
    )
    conn.close()
    return rows


def test_notes_are_written_exactly_as_genankis_constructor_makes_them(seed_db: Path) -> None:
    """anki_note sets genanki.Note's attributes itself; pinned to what genanki 0.13 writes."""
    terms = terms_for_export(open_db(seed_db))
    # With and without an example sentence: two and three cards.
    terms += [replace(term, example=None) for term in terms[:20]]
    fields = [note_fields(term) for term in terms]
    ours = [anki_note(note, due) for due, note in enumerate(fields)]
    theirs = [
        genanki.Note(MODEL, list(note.fields), tags=list(note.tags), guid=note.guid, due=due)
        for due, note in enumerate(fields)
    ]
    notes, cards = written_rows(ours)
    assert (notes, cards) == written_rows(theirs)
    assert [note.guid for note in fields] == [
        genanki.guid_for(term.simplified, term.pinyin_numbered) for term in terms
    ]
    assert len(notes) == len(terms) and len(cards) == 3 * len(terms) - 20
