"""The command line: each command parses its options, makes one service call and prints.

Errors the user can act on (VocabError) become one line on stderr and exit status 1.
"""

import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar, cast

import click
from sqlite_utils import Database

from vocab import __version__
from vocab.errors import VocabError
from vocab.paths import default_db_path

F = TypeVar("F", bound=Callable[..., Any])

LAYOUT_CHOICE = click.Choice(["alternating", "blocks", "zh-only"])
FORMAT_CHOICE = click.Choice(["json", "csv", "tsv", "md", "html"])
SORT_CHOICE = click.Choice(["first", "count", "freq", "hsk"])


class Context:
    """What every command shares: where the database is, opened only when a command needs it."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self._db: Database | None = None

    def db(self) -> Database:
        if self._db is None:
            from vocab.store import open_db

            self._db = open_db(self.db_path)
        return self._db


def fail(message: str) -> None:
    click.echo(f"vocab: error: {message}", err=True)
    sys.exit(1)


def reports_errors(command: F) -> F:
    """Turn VocabError into one line and exit 1; Ctrl-C into a line saying nothing was half-done."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except VocabError as error:
            fail(str(error))
        except KeyboardInterrupt:
            click.echo("vocab: interrupted (nothing half-done was saved)", err=True)
            sys.exit(130)

    return cast(F, wrapper)


def now() -> datetime:
    return datetime.now(UTC)


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The database file (default: $VOCAB_DB, else vocab.db in your user data folder).",
)
@click.version_option(__version__, prog_name="vocab")
@click.pass_context
def cli(ctx: click.Context, db_path: Path | None) -> None:
    """Learn Chinese vocabulary from the articles you read.

    Run with no command to open the review app.
    """
    ctx.obj = Context(db_path or default_db_path())
    if ctx.invoked_subcommand is None:
        open_home(ctx)


def open_home(ctx: click.Context) -> None:
    run_app(ctx.obj, start="home")  # defined in the review section below


@cli.command()
@click.argument("files", nargs=-1, required=True)
@click.option("--layout", type=LAYOUT_CHOICE, help="Force the layout instead of detecting it.")
@click.pass_obj
@reports_errors
def add(obj: Context, files: tuple[str, ...], layout: str | None) -> None:
    """Import articles (a path, or - for stdin) into the database.

    \b
    Example:
      vocab add decks/ai-new-jobs.txt
    """
    from vocab.service.importing import add_article

    for path in files:
        result = add_article(obj.db(), path, now=now(), layout=cast(Any, layout))
        click.echo(result.summary())


@cli.command(name="articles")
@click.pass_obj
@reports_errors
def articles_command(obj: Context) -> None:
    """List imported articles: slug, title, sentences, terms, imported at."""
    from vocab.store import articles

    rows = articles.all_articles(obj.db())
    if not rows:
        click.echo("no articles yet: add one with `vocab add FILE`")
        return
    header = ("slug", "title", "sentences", "terms", "imported at")
    table = [
        (r.slug, r.title, str(r.sentence_pairs), str(r.terms), r.imported_at[:16].replace("T", " "))
        for r in rows
    ]
    click.echo(format_table(header, table))


def format_table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> str:
    """A plain table; Chinese characters take two columns, so widths count them twice."""
    from rich.cells import cell_len

    widths = [max(cell_len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = []
    for row in [header, *rows]:
        cells = [cell + " " * (widths[i] - cell_len(cell)) for i, cell in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


@cli.command(name="list")
@click.argument("sources", nargs=-1, required=True)
@click.option("--format", "fmt", type=FORMAT_CHOICE, default="md", show_default=True)
@click.option(
    "--min-hsk",
    type=click.IntRange(1, 8),
    help="Only terms at this HSK 3.0 level or above (7 = band 7-9, 8 = unlisted).",
)
@click.option(
    "--max-hsk", type=click.IntRange(1, 8), help="Only terms at this HSK 3.0 level or below."
)
@click.option("--names", is_flag=True, help="Include names of people, places and organisations.")
@click.option(
    "--sort",
    type=SORT_CHOICE,
    default="first",
    show_default=True,
    help="first: order of first appearance; count: most used in the articles; freq: most common in Chinese; hsk: easiest first.",
)
@click.option("--limit", type=click.IntRange(min=1), help="At most this many terms.")
@click.option("--layout", type=LAYOUT_CHOICE, help="Force the layout of article files.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file instead of standard output.",
)
@click.pass_obj
@reports_errors
def list_command(
    obj: Context,
    sources: tuple[str, ...],
    fmt: str,
    min_hsk: int | None,
    max_hsk: int | None,
    names: bool,
    sort: str,
    limit: int | None,
    layout: str | None,
    output: Path | None,
) -> None:
    """Print the terms of article files or imported articles (by slug).

    Files are read directly; the database is not touched unless a slug is named.

    \b
    Examples:
      vocab list decks/ai-new-jobs.txt --format json
      vocab list ai-new-jobs --format csv --min-hsk 4 -o list.csv
    """
    from vocab.export.lists import render
    from vocab.service.lists import ListOptions, term_records

    options = ListOptions(
        min_hsk=min_hsk, max_hsk=max_hsk, names=names, sort=cast(Any, sort), limit=limit
    )
    records = term_records(sources, options, open_db=obj.db, layout=layout)
    text = render(records, cast(Any, fmt), title=", ".join(sources))
    if output is None:
        click.echo(text, nl=False)
    else:
        write_file(output, text)


def write_file(path: Path, text: str) -> None:
    """Write whole or not at all: a failed write never leaves half a file behind."""
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
    except OSError as error:
        tmp.unlink(missing_ok=True)
        raise VocabError(f"cannot write {path}: {error.strerror}") from error


# --- export: Anki decks (issue 4) ---------------------------------------------------------------

EXPORT_OUTPUT = click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The file to write.",
)
EXPORT_ARTICLE = click.option(
    "--article", metavar="SLUG", help="Only the terms of this imported article."
)
EXPORT_MIN_HSK = click.option(
    "--min-hsk",
    type=click.IntRange(1, 8),
    help="Only terms at this HSK 3.0 level or above (7 = band 7-9, 8 = unlisted).",
)
EXPORT_MAX_HSK = click.option(
    "--max-hsk", type=click.IntRange(1, 8), help="Only terms at this HSK 3.0 level or below."
)


@cli.group()
def export() -> None:
    """Export your terms to Anki."""


@export.command(name="anki")
@EXPORT_OUTPUT
@EXPORT_ARTICLE
@EXPORT_MIN_HSK
@EXPORT_MAX_HSK
@click.option(
    "--audio", is_flag=True, help="Add a Mandarin recording of each term (needs espeak-ng)."
)
@click.pass_obj
@reports_errors
def export_anki_command(
    obj: Context,
    output: Path,
    article: str | None,
    min_hsk: int | None,
    max_hsk: int | None,
    audio: bool,
) -> None:
    """Write an Anki package (.apkg) of every non-name term; one deck per article.

    Importing a later export into Anki again updates the notes in place and keeps their reviews.

    \b
    Examples:
      vocab export anki -o chinese.apkg
      vocab export anki --article ai-new-jobs --min-hsk 4 -o ai.apkg
    """
    from vocab.service.export import export_anki

    result = export_anki(
        obj.db(),
        output,
        now=now(),
        article=article,
        min_hsk=min_hsk,
        max_hsk=max_hsk,
        audio=audio,
    )
    click.echo(result.summary())


@export.command(name="tsv")
@EXPORT_OUTPUT
@EXPORT_ARTICLE
@EXPORT_MIN_HSK
@EXPORT_MAX_HSK
@click.pass_obj
@reports_errors
def export_tsv_command(
    obj: Context, output: Path, article: str | None, min_hsk: int | None, max_hsk: int | None
) -> None:
    """Write the notes in Anki's text format (Anki 2.1.55+ imports it with no questions asked).

    It uses the note type of `vocab export anki`: import one .apkg into Anki first.

    \b
    Example:
      vocab export tsv -o chinese.txt
    """
    from vocab.service.export import export_tsv

    result = export_tsv(obj.db(), output, article=article, min_hsk=min_hsk, max_hsk=max_hsk)
    click.echo(result.summary())


# --- end of export -------------------------------------------------------------------------------


# --- review: the TUI (issue 3) -------------------------------------------------------------------


@reports_errors
def run_app(obj: Context, *, start: str, article: str | None = None) -> None:
    """Open the app; the database is opened (and migrated) first so that a bad --db is one line."""
    from vocab.service.review import article_id_for

    article_id_for(obj.db(), article)
    from vocab.tui.app import VocabApp

    VocabApp(obj.db_path, start=cast(Any, start), article=article).run()


@cli.command()
@click.option("--article", metavar="SLUG", help="Only this article's cards (see `vocab articles`).")
@click.pass_obj
def review(obj: Context, article: str | None) -> None:
    """Review what is due today: learning cards, then reviews, then new cards.

    \b
    Keys: Space/Enter show the answer, 1-4 grade (Again, Hard, Good, Easy),
    u undo, s suspend, k known, e edit the meaning, o the sentence in its
    article, ? help, q or Esc end the session.
    """
    run_app(obj, start="review", article=article)


@cli.command()
@click.argument("file")
@click.option("--layout", type=LAYOUT_CHOICE, help="Force the layout instead of detecting it.")
@click.pass_obj
def study(obj: Context, file: str, layout: str | None) -> None:
    """Import FILE if it is new, then review its cards.

    \b
    Example:
      vocab study decks/ai-new-jobs.txt
    """
    slug = _import_for_study(obj, file, layout)
    run_app(obj, start="review", article=slug)


@reports_errors
def _import_for_study(obj: Context, file: str, layout: str | None) -> str:
    from vocab.service.importing import add_article

    result = add_article(obj.db(), file, now=now(), layout=cast(Any, layout))
    click.echo(result.summary())
    return result.slug


# --- end of review -------------------------------------------------------------------------------


def main() -> None:
    cli(prog_name="vocab")
