"""Anki decks: one note type, one note per term, decks per article; as .apkg or as Anki's TSV.

Notes are identified by the term (simplified form and reading), never by their content, so a
deck exported again after more articles updates the learner's notes in place and keeps their
review history. Text from articles is data: every field is html-escaped before our markup is added.
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import itertools
import json
import re
import sqlite3
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path

import genanki

from vocab.lexicon.hsk import hsk_label
from vocab.lexicon.pinyin import to_tone_marks, tone_numbers
from vocab.store.notes import ArticleRef, ExampleSentence, ExportTerm

# Generated once with random.randrange(1 << 30, 1 << 31) and fixed for ever: Anki knows the note
# type by this id, so changing it would make every learner's notes a second, unrelated note type.
# Its field list may still change (SentenceBlank was added before the first release): Anki asks
# the learner to convert the note type on import, and the id keeps their notes and reviews.
MODEL_ID = 1185115089
MODEL_NAME = "vocab: Chinese term"
DECK_PREFIX = "vocab"

FIELDS = (
    "Simplified",
    "Traditional",
    "Pinyin",
    "PinyinNumbered",
    "Meaning",
    "SentenceZH",
    "SentenceBlank",
    "SentenceEN",
    "HSK",
    "Frequency",
    "Article",
    "Audio",
)

ATTRIBUTION = (
    'Meanings from <a href="https://cc-cedict.org/">CC-CEDICT</a>, licensed under '
    '<a href="https://creativecommons.org/licenses/by-sa/4.0/">CC BY-SA 4.0</a>.'
)

_DETAILS = """
<div class="pinyin">{{Pinyin}}</div>
<div class="traditional">{{Traditional}}</div>
<div class="meaning">{{Meaning}}</div>
{{#SentenceZH}}<div class="sentence-zh">{{SentenceZH}}</div>{{/SentenceZH}}
{{#SentenceEN}}<div class="sentence-en">{{SentenceEN}}</div>{{/SentenceEN}}
{{Audio}}
<div class="meta">{{#HSK}}HSK {{HSK}} · {{/HSK}}Zipf {{Frequency}} · {{Article}}</div>
"""

TEMPLATES = (
    {
        "name": "Recognition",
        "qfmt": '<div class="term">{{Simplified}}</div>',
        "afmt": '{{FrontSide}}\n<hr id="answer">\n' + _DETAILS,
    },
    {
        "name": "Recall",
        "qfmt": (
            '{{#SentenceEN}}<div class="sentence-en">{{SentenceEN}}</div>{{/SentenceEN}}\n'
            '<div class="meaning">{{Meaning}}</div>\n{{type:PinyinNumbered}}'
        ),
        "afmt": (
            '{{#SentenceEN}}<div class="sentence-en">{{SentenceEN}}</div>{{/SentenceEN}}\n'
            '<div class="meaning">{{Meaning}}</div>\n{{type:PinyinNumbered}}\n<hr id="answer">\n'
            '<div class="term">{{Simplified}}</div>\n<div class="pinyin">{{Pinyin}}</div>\n'
            '{{#SentenceZH}}<div class="sentence-zh">{{SentenceZH}}</div>{{/SentenceZH}}\n'
            "{{Audio}}"
        ),
    },
    {
        # Made only for terms with an example sentence (genanki and Anki require SentenceBlank).
        # The question shows SentenceBlank, where the term is really gone, not hidden by CSS that
        # a learner could select through or a mobile client could ignore.
        "name": "Sentence",
        "qfmt": (
            '{{#SentenceBlank}}<div class="sentence-zh">{{SentenceBlank}}</div>\n'
            '{{#SentenceEN}}<div class="sentence-en">{{SentenceEN}}</div>{{/SentenceEN}}'
            "{{/SentenceBlank}}"
        ),
        "afmt": (
            '<div class="sentence-zh">{{SentenceZH}}</div>\n'
            '{{#SentenceEN}}<div class="sentence-en">{{SentenceEN}}</div>{{/SentenceEN}}\n'
            '<hr id="answer">\n<div class="term">{{Simplified}}</div>\n'
            '<div class="pinyin">{{Pinyin}}</div>\n<div class="meaning">{{Meaning}}</div>\n'
            "{{Audio}}"
        ),
    },
)

# Anki desktop marks dark mode with .nightMode, AnkiDroid with .night_mode: style both.
CSS = """
.card { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
        sans-serif; font-size: 20px; text-align: center; }
.term { font-size: 56px; margin: 0.3em 0; }
.pinyin { font-size: 26px; margin: 0.2em 0; }
.traditional { font-size: 18px; opacity: 0.7; }
.meaning { font-size: 20px; margin: 0.5em auto; max-width: 40em; }
.sentence-zh { font-size: 24px; margin: 0.6em auto; max-width: 30em; }
.sentence-en { font-size: 18px; margin: 0.4em auto; max-width: 36em; opacity: 0.85; }
.meta { font-size: 13px; margin-top: 1.5em; opacity: 0.6; }
.hl { color: #c2410c; font-weight: bold; }
.match { text-decoration: underline; text-decoration-thickness: 2px; }
.blank { color: #888888; letter-spacing: 0.1em; }
.tone1 { color: #e30000; }
.tone2 { color: #e07b00; }
.tone3 { color: #0a8a28; }
.tone4 { color: #1f5fd6; }
.tone5 { color: #777777; }
.nightMode .hl, .night_mode .hl { color: #ffa657; }
.nightMode .tone1, .night_mode .tone1 { color: #ff6b6b; }
.nightMode .tone2, .night_mode .tone2 { color: #ffb35c; }
.nightMode .tone3, .night_mode .tone3 { color: #5fd37a; }
.nightMode .tone4, .night_mode .tone4 { color: #74b3ff; }
.nightMode .tone5, .night_mode .tone5 { color: #aaaaaa; }
"""

MODEL = genanki.Model(
    MODEL_ID,
    MODEL_NAME,
    fields=[{"name": name} for name in FIELDS],
    templates=[dict(t) for t in TEMPLATES],
    css=CSS,
)


@dataclass(slots=True)
class NoteFields:
    """One term as an Anki note: its deck, its identity and its escaped fields."""

    guid: str
    deck: str
    fields: tuple[str, ...]
    tags: tuple[str, ...]
    sound: str  # the media file name of its recording, "" without audio


@dataclass(frozen=True)
class DeckSummary:
    notes: int
    cards: int
    decks: int


_BASE91 = genanki.util.BASE91_TABLE
_BASE91_PAIRS = [high + low for high in _BASE91 for low in _BASE91]
_BASE91_SQUARED = len(_BASE91_PAIRS)
_UNSAFE = re.compile(r"[&<>\"']")


def _escape(text: str) -> str:
    """html.escape, asking first: most fields have nothing to escape, and 10k notes have 110k."""
    return html.escape(text) if _UNSAFE.search(text) else text


def note_guid(term: ExportTerm) -> str:
    """The same word and reading is the same note in every export, whatever its content.

    Exactly genanki.guid_for(simplified, pinyin_numbered), without its byte-by-byte loop: a
    10k-note export computes it 10k times, so it takes two base-91 digits a step.
    """
    key = f"{term.simplified}__{term.pinyin_numbered}".encode()
    number = int.from_bytes(hashlib.sha256(key).digest()[:8], "big")
    pairs = []
    while number:
        number, pair = divmod(number, _BASE91_SQUARED)
        pairs.append(_BASE91_PAIRS[pair])
    # genanki writes no leading zero digit; a pair may start with one.
    return "".join(reversed(pairs)).lstrip(_BASE91[0])


def sound_name(term: ExportTerm) -> str:
    """A media name stable per term (Anki matches media by name across imports)."""
    digest = hashlib.sha1(f"{term.simplified}\t{term.pinyin_numbered}".encode()).hexdigest()
    return f"vocab-{digest[:16]}.wav"


def deck_name(title: str) -> str:
    # "::" would nest a deck inside the title; tabs and newlines are not allowed in deck names.
    clean = " ".join(title.replace("::", ":").split())
    return f"{DECK_PREFIX}::{clean}"


def deck_id(name: str) -> int:
    """Derived from the name, so every export puts an article's notes in the same deck."""
    digest = hashlib.sha256(name.encode("utf-8")).digest()
    return (1 << 30) + int.from_bytes(digest[:8], "big") % (1 << 30)


def tone_coloured(pinyin_numbered: str) -> str:
    """Tone-marked syllables, each in a span of its tone's colour class."""
    return " ".join(_coloured_syllable(s) for s in pinyin_numbered.split())


@lru_cache(maxsize=4096)
def _coloured_syllable(syllable: str) -> str:
    # Mandarin has about 1,300 toned syllables: a 10k-note export colours each once.
    (tone,) = tone_numbers(syllable)
    return f'<span class="tone{tone}">{_escape(to_tone_marks(syllable))}</span>'


def marked_sentence(example: ExampleSentence) -> str:
    """The Chinese sentence, escaped, with the term wrapped at each place it stands."""
    return _sentence_fields(example, ())[0]


def blanked_sentence(example: ExampleSentence, forms: Sequence[str]) -> str:
    """The Chinese sentence, escaped, with a visible blank wherever the term stands, and wherever
    one of its `forms` appears inside a longer word (智能 in 人工智能): the question gives no hint."""
    return _sentence_fields(example, forms)[1]


BLANK = '<span class="blank">＿＿</span>'


def _sentence_fields(example: ExampleSentence, forms: Sequence[str]) -> tuple[str, str]:
    # Both at once: a 10k-note export walks every sentence once, not twice.
    zh = example.zh
    marked: list[str] = []
    blanked: list[str] = []
    position = 0
    for start, end in sorted(example.spans):
        if start < position or end > len(zh) or start >= end:
            continue
        before = zh[position:start]
        marked.append(_escape(before))
        marked.append(f'<span class="hl">{_escape(zh[start:end])}</span>')
        blanked.append(_without(before, forms))
        blanked.append(BLANK)
        position = end
    rest = zh[position:]
    marked.append(_escape(rest))
    blanked.append(_without(rest, forms))
    return "".join(marked), "".join(blanked)


def _without(text: str, forms: Sequence[str]) -> str:
    present = [form for form in forms if form and form in text]
    if not present:
        return _escape(text)
    longest_first = sorted(present, key=len, reverse=True)
    pieces = re.split("|".join(map(re.escape, longest_first)), text)
    return BLANK.join(_escape(piece) for piece in pieces)


def marked_translation(example: ExampleSentence) -> str:
    en = example.en or ""
    match = example.en_match
    if not match or match not in en:
        return _escape(en)
    before, _, after = en.partition(match)
    marked = f'<span class="match">{_escape(match)}</span>'
    return f"{_escape(before)}{marked}{_escape(after)}"


def tags_for(term: ExportTerm) -> tuple[str, ...]:
    tags = []
    if term.hsk is not None:
        tags.append(f"hsk3::{hsk_label(term.hsk)}")
    if term.hsk2 is not None:
        tags.append(f"hsk2::{term.hsk2}")
    tags.extend(dict.fromkeys(a.slug for a in term.articles))
    return tuple(tags)


def note_fields(term: ExportTerm, *, audio: bool = False) -> NoteFields:
    example = term.example
    if example is None:
        sentence = blank = translation = ""
    else:
        sentence, blank = _sentence_fields(example, (term.simplified, term.traditional))
        translation = marked_translation(example)
    articles = term.articles
    titles = " · ".join(dict.fromkeys(_article_label(a, example) for a in articles))
    sound = sound_name(term) if audio else ""
    fields = (
        _escape(term.simplified),
        _escape(term.traditional),
        tone_coloured(term.pinyin_numbered),
        _escape(term.pinyin_numbered),
        _escape(term.meaning),
        sentence,
        blank,
        translation,
        hsk_label(term.hsk),
        f"{term.zipf:.2f}",
        _escape(titles),
        f"[sound:{sound}]" if audio else "",
    )
    return NoteFields(note_guid(term), deck_name(articles[0].title), fields, tags_for(term), sound)


def _article_label(article: ArticleRef, example: ExampleSentence | None) -> str:
    """The article's title, with the example's place in it when its source has places (a
    subtitle's cue time): "film-name 00:01:05" finds the line again in the film."""
    if example is not None and example.position and example.article == article.slug:
        return f"{article.title} {example.position}"
    return article.title


def deck_description(title: str) -> str:
    return f"Terms from “{_escape(title)}”, exported by vocab.<br>{ATTRIBUTION}"


class _EscapedNote(genanki.Note):
    """A note whose fields were escaped by `note_fields`: genanki's guess at unescaped HTML (a
    regex over every field, a fifth of its time) has nothing left to find."""

    def _check_invalid_html_tags_in_fields(self) -> None:
        pass


# The fields genanki looks at to decide which cards a note has (its "req" per template).
_DECIDING_FIELDS = tuple(sorted({i for _, _, ords in MODEL._req for i in ords}))


@lru_cache(maxsize=64)
def _cards_when(filled: tuple[bool, ...]) -> list[genanki.Card]:
    """genanki's own choice of cards for notes whose deciding fields are `filled` or empty.

    genanki renders the templates' requirements again for every note; notes differ only in which
    deciding fields are empty, so this asks it once per pattern. The Card objects are shared: they
    hold only their template's ordinal.
    """
    probe = ["x"] * len(FIELDS)
    for index, is_filled in zip(_DECIDING_FIELDS, filled, strict=True):
        probe[index] = "x" if is_filled else ""
    return list(genanki.Note(MODEL, probe).cards)


def anki_note(note: NoteFields, due: int) -> genanki.Note:
    """The genanki note of `note`, as genanki.Note(MODEL, fields, tags, guid, due) makes it.

    Built by setting its attributes: the constructor re-validates tags we made (hsk levels and
    slugs, never a space) and the card choice is cached. tests/test_export_anki.py checks it writes
    exactly what genanki's constructor does.
    """
    fields = note.fields
    made = _EscapedNote.__new__(_EscapedNote)
    made.__dict__.update(
        model=MODEL,
        fields=list(fields),
        _sort_field=None,
        _tags=list(note.tags),
        due=due,
        _guid=note.guid,
        cards=_cards_when(tuple(bool(fields[i]) for i in _DECIDING_FIELDS)),
    )
    return made


def build_package(
    notes: Sequence[NoteFields], *, titles: Mapping[str, str], media: Sequence[Path] = ()
) -> tuple[genanki.Package, DeckSummary]:
    """The package of `notes`; `titles` maps each deck name to its article's title."""
    parent = genanki.Deck(deck_id(DECK_PREFIX), DECK_PREFIX, f"Exported by vocab.<br>{ATTRIBUTION}")
    parent.add_model(MODEL)
    decks: dict[str, genanki.Deck] = {}
    cards = 0
    for position, note in enumerate(notes):
        deck = decks.get(note.deck)
        if deck is None:
            description = deck_description(titles.get(note.deck, note.deck))
            deck = decks[note.deck] = genanki.Deck(deck_id(note.deck), note.deck, description)
        # `due` orders new cards: terms come up in the order the learner met them.
        made = anki_note(note, position)
        cards += len(made.cards)
        deck.notes.append(made)
    package = genanki.Package([parent, *decks.values()], media_files=[str(p) for p in media])
    return package, DeckSummary(notes=len(notes), cards=cards, decks=len(decks))


def write_package(package: genanki.Package, path: Path, *, now: datetime) -> None:
    """Write the .apkg; `now` is every note's modification time, which is what lets Anki's
    default import ("update if newer") replace the notes of an earlier export.

    The steps of Package.write_to_file, with the collection built in memory: genanki's version
    leaves a temporary collection in /tmp after every export and syncs it to disk for nothing.
    """
    timestamp = now.timestamp()
    conn = sqlite3.connect(":memory:")
    try:
        package.write_to_db(conn.cursor(), timestamp, itertools.count(int(timestamp * 1000)))
        conn.commit()
        collection = conn.serialize()
    finally:
        conn.close()
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("collection.anki2", collection)
        media = [Path(p) for p in package.media_files]
        archive.writestr("media", json.dumps({str(i): p.name for i, p in enumerate(media)}))
        for i, file in enumerate(media):
            archive.write(file, str(i))


TSV_COLUMNS = (*FIELDS, "Deck", "Tags", "GUID")


def render_tsv(notes: Sequence[NoteFields]) -> str:
    """Anki's text import format (2.1.55+): the headers say everything, so it needs no clicks.

    The GUID goes last: a line that starts with "#" (a possible GUID character) is a comment.
    """
    n = len(FIELDS)
    out = io.StringIO()
    out.write(
        "#separator:tab\n#html:true\n"
        f"#notetype:{MODEL_NAME}\n"
        f"#deck column:{n + 1}\n#tags column:{n + 2}\n#guid column:{n + 3}\n"
    )
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    for note in notes:
        writer.writerow([*note.fields, note.deck, " ".join(note.tags), note.guid])
    return out.getvalue()
