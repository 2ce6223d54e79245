"""`vocab export tsv`: Anki's text format, imported through Anki's own text importer (anki 26.x)."""

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from anki.collection import (
    Collection,
    ImportAnkiPackageOptions,
    ImportAnkiPackageRequest,
    ImportCsvRequest,
)
from click.testing import CliRunner
from conftest import NOW

from vocab.cli import cli
from vocab.errors import NotFoundError
from vocab.export.anki import MODEL_ID, MODEL_NAME
from vocab.service.export import export_anki, export_tsv
from vocab.store import open_db

Snapshot = set[tuple[str, tuple[str, ...], tuple[str, ...], frozenset[str]]]


def new_collection(folder: Path) -> Collection:
    folder.mkdir()
    return Collection(str(folder / "collection.anki2"))


@pytest.fixture
def cols(tmp_path: Path) -> Iterator[tuple[Collection, Collection]]:
    from_apkg, from_tsv = new_collection(tmp_path / "a"), new_collection(tmp_path / "b")
    yield from_apkg, from_tsv
    from_apkg.close()
    from_tsv.close()


def import_apkg(col: Collection, path: Path) -> None:
    options = ImportAnkiPackageOptions()
    col.import_anki_package(ImportAnkiPackageRequest(package_path=str(path), options=options))


def import_tsv(col: Collection, path: Path) -> tuple[int, int]:
    """As Anki's import dialog does: the file's own headers decide everything."""
    metadata = col.get_csv_metadata(str(path), None)
    log = col.import_csv(ImportCsvRequest(path=str(path), metadata=metadata)).log
    return len(log.new), len(log.updated)


def snapshot(col: Collection) -> Snapshot:
    """Every note as (guid, fields, tags, decks of its cards)."""
    notes: Snapshot = set()
    for note_id in col.find_notes(""):
        note = col.get_note(note_id)
        decks = frozenset(col.decks.name(card.did) for card in note.cards())
        notes.add((note.guid, tuple(note.fields), tuple(sorted(note.tags)), decks))
    return notes


def test_the_headers_tell_anki_everything(seed_db: Path, tmp_path: Path) -> None:
    summary = export_tsv(open_db(seed_db), tmp_path / "chinese.txt")
    lines = (tmp_path / "chinese.txt").read_text(encoding="utf-8").splitlines()
    assert lines[:6] == [
        "#separator:tab",
        "#html:true",
        f"#notetype:{MODEL_NAME}",
        "#deck column:13",
        "#tags column:14",
        "#guid column:15",
    ]
    assert len(lines) == 6 + summary.notes
    assert (
        summary.summary() == f"wrote {summary.notes} notes in 1 deck to {tmp_path / 'chinese.txt'}"
    )
    row = next(line for line in lines if line.startswith("人工智能\t"))
    assert "\tren2 gong1 zhi4 neng2\t" in row and "\tvocab::AI打开就业新通道:双语阅读\t" in row


def test_the_tsv_gives_the_same_notes_as_the_apkg(
    seed_db: Path, tmp_path: Path, cols: tuple[Collection, Collection]
) -> None:
    from_apkg, from_tsv = cols
    db = open_db(seed_db)
    export_anki(db, tmp_path / "chinese.apkg", now=NOW)
    summary = export_tsv(db, tmp_path / "chinese.txt")
    import_apkg(from_apkg, tmp_path / "chinese.apkg")
    # The text format carries notes, not note types: the learner's collection has ours from an
    # earlier .apkg import. Here: import one, then delete its notes.
    import_apkg(from_tsv, tmp_path / "chinese.apkg")
    from_tsv.remove_notes(from_tsv.find_notes(""))
    assert from_tsv.note_count() == 0

    metadata = from_tsv.get_csv_metadata(str(tmp_path / "chinese.txt"), None)
    assert metadata.global_notetype.id == MODEL_ID
    assert import_tsv(from_tsv, tmp_path / "chinese.txt") == (summary.notes, 0)
    assert snapshot(from_tsv) == snapshot(from_apkg)
    assert from_tsv.card_count() == from_apkg.card_count()

    # Importing the same file again matches every note by its GUID: nothing is duplicated.
    import_tsv(from_tsv, tmp_path / "chinese.txt")
    assert from_tsv.note_count() == summary.notes


def test_markup_in_an_article_stays_text_in_the_tsv(tmp_path: Path) -> None:
    from vocab.service.importing import add_article

    article = tmp_path / "markup.txt"
    article.write_text(
        "A title\n\nThe <script>alert(1)</script> data\tis on the computer screen.\n\n"
        "模型<script>alert(1)</script>在电脑屏幕上显示数据。\n",
        encoding="utf-8",
    )
    db = open_db(tmp_path / "vocab.db")
    add_article(db, str(article), now=NOW)
    export_tsv(db, tmp_path / "markup.txt.tsv")
    rows = (tmp_path / "markup.txt.tsv").read_text(encoding="utf-8").splitlines()[6:]
    # Fields are HTML (escaped); the deck column is a name, which Anki shows as text anyway.
    fields = "\n".join("\t".join(row.split("\t")[:12]) for row in rows)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in fields
    assert "<script" not in fields


def test_cli_export_tsv(seed_db: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "chinese.txt"
    result = runner.invoke(
        cli, ["--db", str(seed_db), "export", "tsv", "-o", str(out), "--max-hsk", "2"]
    )
    assert result.exit_code == 0, result.output
    assert re.fullmatch(rf"wrote \d+ notes in 1 deck to {re.escape(str(out))}\n", result.output)
    tags = [line.split("\t")[13] for line in out.read_text(encoding="utf-8").splitlines()[6:]]
    assert tags and all(re.search(r"\bhsk3::[12]\b", t) for t in tags)

    with pytest.raises(NotFoundError):
        export_tsv(open_db(seed_db), out, article="nope")
