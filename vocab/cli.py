"""The command line: each command parses its options, makes one service call and prints.

Errors the user can act on (VocabError) become one line on stderr and exit status 1.
"""

import signal
import sqlite3
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click

from vocab import __version__
from vocab.errors import VocabError
from vocab.paths import default_db_path
from vocab.store.db import Database

if TYPE_CHECKING:
    from vocab.service.importing import ImportResult

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
        except sqlite3.DatabaseError as error:
            # A damaged file, a full disk, a read-only folder: SQLite said so mid-command.
            from vocab.store import explain

            context = click.get_current_context(silent=True)
            shared = context.find_object(Context) if context else None
            fail(str(explain(error, shared.db_path if shared else "the database")))
        except KeyboardInterrupt:
            click.echo("vocab: interrupted (nothing half-done was saved)", err=True)
            sys.exit(130)

    return cast(F, wrapper)


def now() -> datetime:
    return datetime.now(UTC)


@contextmanager
def ctrl_c_held_once_saved() -> Iterator[Callable[[], None]]:
    """Yield a function to call just before an import commits: from then on, Ctrl-C waits until
    the block ends (the summary printed), so the learner is told what landed before vocab stops."""
    can_hold = hasattr(signal, "pthread_sigmask")
    held = False

    def hold() -> None:
        nonlocal held
        if can_hold and not held:
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
            held = True

    try:
        yield hold
    finally:
        if held:
            # A Ctrl-C pressed meanwhile arrives here, as KeyboardInterrupt.
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _import(obj: Context, files: str | Sequence[str], layout: str | None) -> "ImportResult":
    """Import one article and say what it added; a Ctrl-C once it is saved waits for that."""
    from vocab.service.importing import add_article

    with ctrl_c_held_once_saved() as saving:
        result = add_article(obj.db(), files, now=now(), layout=cast(Any, layout), saving=saving)
        click.echo(result.summary())
    return result


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

    Text, web pages (.html), subtitles (.srt), e-books (.epub) and Markdown are read; two
    subtitle files of one film in two languages make one article.

    \b
    Examples:
      vocab add decks/ai-new-jobs.txt
      vocab add film.en.srt film.zh.srt
    """
    from vocab.text.formats import article_files

    for group in article_files(files):
        _import(obj, group, layout)


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
@click.option("--exclude-known", is_flag=True, help="Leave out the words of your known list.")
@click.option(
    "--sort",
    type=SORT_CHOICE,
    default="first",
    show_default=True,
    help="first: order of first appearance; count: most used in the articles; freq: most common in Chinese; hsk: easiest first.",
)
@click.option(
    "--top",
    "--limit",
    "limit",
    type=click.IntRange(min=1),
    help="At most this many terms (the first N in --sort order).",
)
@click.option(
    "--group",
    type=click.Choice(["hsk"]),
    help="hsk: by HSK 3.0 level, easiest first (a section per level in md and html).",
)
@click.option(
    "--excel",
    is_flag=True,
    help="csv, tsv: start with a UTF-8 byte order mark, so Excel shows the Chinese.",
)
@click.option(
    "--worksheet",
    is_flag=True,
    help="html: empty pinyin and meaning cells, an answer key at the end.",
)
@click.option("--no-color", is_flag=True, help="html: pinyin in black instead of tone colours.")
@click.option("--layout", type=LAYOUT_CHOICE, help="Force the layout of article files.")
@click.option(
    "--script",
    type=click.Choice(["simplified", "traditional", "both"]),
    help="Terms (md, html) and example sentences in simplified or traditional characters; both: terms as 银行 / 銀行, sentences as each article writes them. Default: as each article writes them.",
)
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
    exclude_known: bool,
    sort: str,
    limit: int | None,
    group: str | None,
    excel: bool,
    worksheet: bool,
    no_color: bool,
    layout: str | None,
    script: str | None,
    output: Path | None,
) -> None:
    """Print the terms of article files, folders of them, or imported articles (by slug).

    Files are read directly; the database is not touched unless a slug is named or
    --exclude-known is given. A folder means every article file in it (.txt, .md, .html,
    .srt, .epub); film.en.srt film.zh.srt named together are one article. Several sources
    merge their terms (csv, tsv and html show each article's count).

    \b
    Examples:
      vocab list decks/ai-new-jobs.txt --format json
      vocab list ai-new-jobs --format csv --excel --min-hsk 4 -o list.csv
      vocab list lesson1.txt lesson2.txt --format html -o week3.html
      vocab list lesson1.txt --format html --worksheet -o quiz.html
      vocab list corpus/ --sort freq --top 100 --group hsk --format md
    """
    from vocab.export.lists import RenderOptions, render
    from vocab.service.lists import ListOptions, term_list

    if worksheet and fmt != "html":
        raise click.UsageError("--worksheet needs --format html")
    if excel and fmt not in ("csv", "tsv"):
        raise click.UsageError("--excel needs --format csv or tsv")
    options = ListOptions(
        min_hsk=min_hsk,
        max_hsk=max_hsk,
        names=names,
        sort=cast(Any, sort),
        limit=limit,
        exclude_known=exclude_known,
        group_hsk=group == "hsk",
    )
    with progress_bar("reading articles") as progress:
        terms = term_list(sources, options, open_db=obj.db, layout=layout, progress=progress)
    if script is not None:
        from vocab.text.script import records_in_script

        terms.records = records_in_script(terms.records, cast(Any, script))
    for skipped in terms.skipped:
        click.echo(f"vocab: skipped {skipped}", err=True)
    look = RenderOptions(
        title=", ".join(sources),
        excel=excel,
        worksheet=worksheet,
        color=not no_color,
        group_hsk=group == "hsk",
        script=cast(Any, script),
    )
    text = render(terms, cast(Any, fmt), look)
    if output is None:
        click.echo(text, nl=False)
    else:
        write_file(output, text)


@contextmanager
def progress_bar(label: str) -> Iterator[Callable[[int, int], None] | None]:
    """A rich progress bar on stderr for batches of articles, only when stderr is a terminal."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=None, visible=False)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total, visible=total > 1)

        yield advance


def write_file(path: Path, text: str) -> None:
    """Write whole or not at all: a failed write never leaves half a file behind."""
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
    except OSError as error:
        tmp.unlink(missing_ok=True)
        raise VocabError(f"cannot write {path}: {error.strerror}") from error


# --- analysis and known words (issue 5) ---------------------------------------------------------


@cli.command()
@click.argument("source")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON, for scripts.")
@click.option("--layout", type=LAYOUT_CHOICE, help="Force the layout of an article file.")
@click.pass_obj
@reports_errors
def analyze(obj: Context, source: str, as_json: bool, layout: str | None) -> None:
    """How hard an article (a file, - for stdin, or an imported slug) is, and how hard for you.

    \b
    Running words are the occurrences of the terms a term list shows: words
    with Chinese characters, without punctuation, numbers, measure words,
    particles and other function words; names of people, places and
    organisations are left out of every figure. The estimated level is the
    lowest HSK level whose words (with all easier levels') make up 95% of the
    running words. Known: your known list (`vocab known`) plus words whose
    recognition card is stable over 21 days. The most useful unknown terms
    rank by count in the article times Zipf frequency in Chinese.

    \b
    Examples:
      vocab analyze decks/ai-new-jobs.txt
      vocab analyze ai-new-jobs --json
    """
    import json

    from vocab.export.lists import hsk_label
    from vocab.service.analysis import analyze as analyse_article
    from vocab.service.analysis import report

    # A file can be analysed before any database exists; one is not created just to read it.
    open_db = obj.db if obj.db_path.exists() else None
    result = analyse_article(source, open_db=open_db, layout=layout)
    if as_json:
        click.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        return
    click.echo(format_table(("", ""), report(result)).split("\n", 1)[1])
    click.echo("\nmost useful unknown terms:")
    rows = [
        (t.simplified, t.pinyin, str(t.count), hsk_label(t.hsk) or "-", t.meaning[:50])
        for t in result.useful_unknown
    ]
    click.echo(format_table(("term", "pinyin", "count", "HSK", "meaning"), rows))


@cli.group()
def known() -> None:
    """Words you already know: no cards are made for them, `vocab list --exclude-known`
    leaves them out, and `vocab analyze` counts them as known."""


@known.command(name="add")
@click.argument("words", nargs=-1, required=True)
@click.pass_obj
@reports_errors
def known_add(obj: Context, words: tuple[str, ...]) -> None:
    """Mark words as known.

    \b
    Example:
      vocab known add 人工智能 数据
    """
    from vocab.service.known import add_words

    click.echo(add_words(obj.db(), words, now()).summary())


@known.command(name="remove")
@click.argument("words", nargs=-1, required=True)
@click.pass_obj
@reports_errors
def known_remove(obj: Context, words: tuple[str, ...]) -> None:
    """Take words off the known list."""
    from vocab.service.known import remove_words

    click.echo(remove_words(obj.db(), words).summary())


@known.command(name="import")
@click.argument("file", type=click.Path(path_type=Path))
@click.pass_obj
@reports_errors
def known_import(obj: Context, file: Path) -> None:
    """Mark the words of FILE as known: one word per line, or a CSV/TSV whose first
    column is the word (an Anki or Pleco export). Lines without a Chinese word are skipped.

    \b
    Example:
      vocab known import mywords.txt
    """
    from vocab.service.known import import_file

    click.echo(import_file(obj.db(), str(file), now()).summary())


@known.command(name="list")
@click.pass_obj
@reports_errors
def known_list(obj: Context) -> None:
    """Print the known words, one a line, oldest first."""
    from vocab.service.known import listed

    for word in listed(obj.db()):
        click.echo(word)


@known.command(name="hsk")
@click.argument("level", type=click.IntRange(1, 7))
@click.pass_obj
@reports_errors
def known_hsk(obj: Context, level: int) -> None:
    """Mark every HSK 3.0 word of levels 1 to LEVEL as known (7 = up to band 7-9).

    \b
    Example:
      vocab known hsk 3
    """
    from vocab.service.known import mark_hsk

    click.echo(mark_hsk(obj.db(), level, now()).summary())


# --- end of analysis and known words -------------------------------------------------------------


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
EXPORT_INCLUDE_KNOWN = click.option(
    "--include-known", is_flag=True, help="Also the terms you marked known (left out by default)."
)


@cli.group()
def export() -> None:
    """Export your terms to Anki."""


@export.command(name="anki")
@EXPORT_OUTPUT
@EXPORT_ARTICLE
@EXPORT_MIN_HSK
@EXPORT_MAX_HSK
@EXPORT_INCLUDE_KNOWN
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
    include_known: bool,
    audio: bool,
) -> None:
    """Write an Anki package (.apkg) of the terms you don't know yet; one deck per article.

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
        include_known=include_known,
    )
    click.echo(result.summary())


@export.command(name="tsv")
@EXPORT_OUTPUT
@EXPORT_ARTICLE
@EXPORT_MIN_HSK
@EXPORT_MAX_HSK
@EXPORT_INCLUDE_KNOWN
@click.pass_obj
@reports_errors
def export_tsv_command(
    obj: Context,
    output: Path,
    article: str | None,
    min_hsk: int | None,
    max_hsk: int | None,
    include_known: bool,
) -> None:
    """Write the notes in Anki's text format (Anki 2.1.55+ imports it with no questions asked).

    It uses the note type of `vocab export anki`: import one .apkg into Anki first.

    \b
    Example:
      vocab export tsv -o chinese.txt
    """
    from vocab.service.export import export_tsv

    result = export_tsv(
        obj.db(),
        output,
        article=article,
        min_hsk=min_hsk,
        max_hsk=max_hsk,
        include_known=include_known,
    )
    click.echo(result.summary())


# --- end of export -------------------------------------------------------------------------------


# --- browse, stats, optimize (issue 6) ----------------------------------------------------------


def local_timezone() -> Any:
    return datetime.now().astimezone().tzinfo


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print every figure as JSON, for scripts.")
@click.pass_obj
@reports_errors
def stats(obj: Context, as_json: bool) -> None:
    """Your progress: reviews and time, true retention, the due forecast, terms by state.

    True retention is the share of answers to mature cards (held 21 days or more) that were
    not Again, to compare with the desired retention. The app shows the same figures as
    plots (t on the home screen).
    """
    import json

    from vocab.service.stats import as_json as stats_json
    from vocab.service.stats import compute

    figures = stats_json(compute(obj.db(), now(), local_timezone()))
    if as_json:
        click.echo(json.dumps(figures, ensure_ascii=False, indent=2))
        return
    click.echo(
        f"streak: {figures['streak']} days · desired retention {figures['desired_retention']:.0%}"
    )
    for days, period in figures["periods"].items():
        retention = period["true_retention"]
        shown = f"{retention:.1%}" if retention is not None else "n/a"
        click.echo(
            f"last {days:>3} days: {period['reviews']} reviews, {period['minutes']} min,"
            f" {period['days_studied']} days studied, true retention {shown}"
            f" ({period['mature_reviews']} mature answers)"
        )
    click.echo(
        "terms: " + ", ".join(f"{n} {state}" for state, n in figures["terms_by_state"].items())
    )
    due = figures["due_forecast"]
    click.echo(
        f"due today: {due[0]['due']}, next 7 days: {sum(d['due'] for d in due[:7])},"
        f" next 30 days: {sum(d['due'] for d in due)}"
    )


@cli.command()
@click.pass_obj
@reports_errors
def optimize(obj: Context) -> None:
    """Fit the scheduler (the 21 FSRS-6 parameters) to your own reviews.

    Prints the log loss and RMSE of the default and the fitted parameters on your reviews
    (lower is better), and keeps the fitted ones only when they are better; reviews scheduled
    from then on use them. Needs at least 400 reviews, your own plus any imported with
    `vocab import-reviews`.
    """
    from vocab.service.optimize import NotEnoughReviewsError
    from vocab.service.optimize import optimize as fit

    try:
        click.echo(fit(obj.db(), now(), local_timezone()).summary())
    except NotEnoughReviewsError as reason:  # not a failure: the defaults are what to use
        click.echo(str(reason))


@cli.command(name="import-reviews")
@click.argument("file", type=click.Path(path_type=Path))
@click.pass_obj
@reports_errors
def import_reviews_command(obj: Context, file: Path) -> None:
    """Import a review log (e.g. your Anki history) to fit the scheduler from it.

    FILE is a CSV in py-fsrs form, plain or gzipped (.csv.gz), with the columns card_id,
    review_rating (1 Again .. 4 Easy), review_time (ISO 8601) and review_duration (ms).
    Its card ids are the other app's, so these reviews are kept apart from vocab's cards:
    they make no cards and do not show in `vocab stats`; `vocab optimize` fits the
    parameters to them together with your own reviews. Importing a file again adds nothing.

    \b
    Example:
      vocab import-reviews anki-revlog.csv.gz && vocab optimize
    """
    from vocab.service.optimize import import_reviews

    click.echo(import_reviews(obj.db(), file).summary())


# --- end of browse, stats, optimize --------------------------------------------------------------


# --- review: the TUI (issue 3) -------------------------------------------------------------------


@reports_errors
def run_app(obj: Context, *, start: str, article: str | None = None) -> None:
    """Open the app; the database is opened (and migrated) first so that a bad --db is one line."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise VocabError(
            "the review app needs a terminal: run it without redirecting input or output"
        )
    from vocab.service.review import article_id_for

    article_id_for(obj.db(), article)
    from vocab.tui.app import VocabApp

    VocabApp(obj.db_path, start=cast(Any, start), article=article, db=obj.db()).run()


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
    return _import(obj, file, layout).slug


# --- end of review -------------------------------------------------------------------------------


# --- settings (issue 3) -------------------------------------------------------------------------


@cli.command()
@click.argument("key", required=False)
@click.argument("value", required=False)
@click.pass_obj
@reports_errors
def settings(obj: Context, key: str | None, value: str | None) -> None:
    """Show the review settings, or change one.

    \b
    desired_retention  0.70-0.97: the chance of remembering a card when it comes due
    new_per_day        new cards a day
    reviews_per_day    reviews a day
    day_starts_at      the hour (0-23, local time) at which a new day of reviews begins
    fuzz               on/off: spread intervals a little so cards don't bunch up
    tone_colours       on/off: pinyin in tone colours (off: plain text)

    \b
    Examples:
      vocab settings
      vocab settings new_per_day 10
      vocab settings tone_colours off
    """
    from dataclasses import asdict

    from vocab.schedule import SETTING_KEYS
    from vocab.service.review import load_settings, set_setting

    if key is not None and value is None:
        raise click.UsageError("give a value too, e.g. `vocab settings new_per_day 10`")
    if key is not None and value is not None:
        set_setting(obj.db(), key, value)
    current = asdict(load_settings(obj.db()))
    for name in SETTING_KEYS:
        shown = current[name]
        if isinstance(shown, bool):
            shown = "on" if shown else "off"
        click.echo(f"{name:<18} {shown}")


# --- end of settings ----------------------------------------------------------------------------


# --- database: backup and check (issue 7) -------------------------------------------------------


@cli.group(name="db")
def db_group() -> None:
    """Look after the database file: copy it, check it."""


@db_group.command(name="backup")
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.pass_obj
@reports_errors
def db_backup(obj: Context, path: Path | None) -> None:
    """Copy the whole database to PATH (a file or a folder), safe while you review.

    Without PATH the copy goes beside the database, named with the time (vocab.backup-<time>.db).
    To restore, put the copy in place of the database, or give it with --db.

    \b
    Examples:
      vocab db backup
      vocab db backup ~/Dropbox/vocab-backups/
    """
    from vocab.service.maintenance import backup_database

    click.echo(backup_database(obj.db(), obj.db_path, now(), path).summary())


@db_group.command(name="check")
@click.pass_obj
@reports_errors
def db_check(obj: Context) -> None:
    """Check the database: every page (SQLite's integrity check), every reference between
    records, and vocab's own rules (whole articles, two cards per word). Prints one line;
    exits with status 1 when something is broken."""
    from vocab.service.maintenance import check_database

    result = check_database(obj.db(), obj.db_path)
    if not result.ok:
        fail(result.summary())
    click.echo(result.summary())


# --- end of database -----------------------------------------------------------------------------


def main() -> None:
    cli(prog_name="vocab")
