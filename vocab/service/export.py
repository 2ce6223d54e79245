"""Exporting to Anki: the chosen terms as an .apkg (optionally with recordings) or as Anki's TSV.

Both write through a temporary file beside the target and rename it, so a failed export never
leaves half a file where the learner's last good deck was.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from vocab.errors import ExportError, NotFoundError
from vocab.store import notes as stored_notes
from vocab.store.db import Database

ESPEAK = "espeak-ng"
ESPEAK_VOICE = "cmn"


@dataclass(frozen=True)
class ExportSummary:
    notes: int
    cards: int
    decks: int
    path: Path
    recordings: int = 0

    def summary(self) -> str:
        cards = f" ({self.cards} cards)" if self.cards else ""
        decks = "deck" if self.decks == 1 else "decks"
        audio = f", {self.recordings} recordings" if self.recordings else ""
        return f"wrote {self.notes} notes{cards} in {self.decks} {decks}{audio} to {self.path}"


def export_anki(
    db: Database,
    path: Path,
    *,
    now: datetime,
    article: str | None = None,
    min_hsk: int | None = None,
    max_hsk: int | None = None,
    audio: bool = False,
    include_known: bool = False,
) -> ExportSummary:
    """Write the chosen terms as an Anki package; importing it again later updates in place."""
    from vocab.export import anki  # genanki: loaded only by the export commands

    if audio and shutil.which(ESPEAK) is None:
        raise ExportError(
            "--audio needs espeak-ng, which is not installed (Debian/Ubuntu: apt install espeak-ng)"
        )
    terms = _chosen_terms(db, article, min_hsk, max_hsk, include_known)
    notes = [anki.note_fields(term, audio=audio) for term in terms]
    titles = {anki.deck_name(term.articles[0].title): term.articles[0].title for term in terms}
    with tempfile.TemporaryDirectory(prefix="vocab-audio-") as media_dir:
        media = _record(terms, Path(media_dir)) if audio else []
        package, summary = anki.build_package(notes, titles=titles, media=media)
        with _atomic(path) as tmp:
            anki.write_package(package, tmp, now=now)
    return ExportSummary(summary.notes, summary.cards, summary.decks, path, len(media))


def export_tsv(
    db: Database,
    path: Path,
    *,
    article: str | None = None,
    min_hsk: int | None = None,
    max_hsk: int | None = None,
    include_known: bool = False,
) -> ExportSummary:
    """Write the chosen terms in Anki's text import format. Anki imports it into the note type of
    an .apkg export, which must be in the collection already."""
    from vocab.export import anki

    terms = _chosen_terms(db, article, min_hsk, max_hsk, include_known)
    notes = [anki.note_fields(term) for term in terms]
    text = anki.render_tsv(notes)
    with _atomic(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return ExportSummary(len(notes), 0, len({n.deck for n in notes}), path)


def _chosen_terms(
    db: Database,
    article: str | None,
    min_hsk: int | None,
    max_hsk: int | None,
    include_known: bool,
) -> list[stored_notes.ExportTerm]:
    if article is not None and not stored_notes.articles_for_export(db, article):
        raise NotFoundError(f"no imported article with the slug {article}")
    terms = stored_notes.terms_for_export(
        db, article=article, min_hsk=min_hsk, max_hsk=max_hsk, include_known=include_known
    )
    if not terms:
        if not include_known and stored_notes.terms_for_export(
            db, article=article, min_hsk=min_hsk, max_hsk=max_hsk, include_known=True
        ):
            raise ExportError(
                "nothing to export: you marked every chosen term known"
                " (--include-known exports them too)"
            )
        where = f"in {article}" if article else "imported yet"
        if min_hsk is not None or max_hsk is not None:
            where += " at the chosen HSK levels"
        raise ExportError(f"nothing to export: no terms {where}")
    return terms


def _record(terms: Sequence[stored_notes.ExportTerm], folder: Path) -> list[Path]:
    """One espeak-ng recording of each term, named stably per term, made a few at a time."""
    from vocab.export.anki import sound_name

    jobs = [(term.simplified, folder / sound_name(term)) for term in terms]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        list(pool.map(_speak, *zip(*jobs, strict=True)))
    return [target for _, target in jobs]


def _speak(text: str, target: Path) -> None:
    try:
        subprocess.run(
            [ESPEAK, "-v", ESPEAK_VOICE, "-w", str(target), "--", text],
            check=True,
            capture_output=True,
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError) as error:
        raise ExportError(f"espeak-ng could not record {text}: {error}") from error


@contextmanager
def _atomic(path: Path) -> Iterator[Path]:
    """A temporary path beside `path`, renamed onto it only when the block succeeds."""
    if path.is_dir():
        raise ExportError(f"{path} is a directory; give a file name, e.g. {path / 'chinese.apkg'}")
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        yield tmp
        tmp.replace(path)
    except OSError as error:
        raise ExportError(f"cannot write {path}: {error.strerror or error}") from error
    finally:
        tmp.unlink(missing_ok=True)
