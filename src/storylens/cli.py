"""Command line: thin wrappers that parse flags, call library functions, own progress bars."""

from __future__ import annotations

import functools
import logging
import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click
from rich.console import Console
from rich.logging import RichHandler
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from . import __version__
from .config import LoadedSettings, SettingsError, describe, load_settings
from .errors import InputError, StorylensError
from .ingest.metadata import Manifest, load_manifest
from .model import Skipped
from .report.terminal import print_story

if TYPE_CHECKING:
    from .fetch import Fetcher

__all__ = ["main"]

FORMATS = ("html", "json", "md")
DEFAULT_DB = "storylens.db"
EXIT_NOTHING_ANALYSED = 2

T = TypeVar("T")


class _Context:
    def __init__(self, quiet: bool, verbose: int, loaded: LoadedSettings) -> None:
        self.quiet = quiet
        self.verbose = verbose
        self.loaded = loaded
        self.settings = loaded.settings
        self.out = Console(highlight=False, quiet=quiet)
        self.err = Console(stderr=True, highlight=False)

    def skipped(self, item: Skipped) -> None:
        if not self.quiet:
            self.err.print(f"[yellow]skipped[/] {escape(item.source)}: {escape(item.reason)}")

    def stage(self, what: str) -> None:
        if not self.quiet:
            self.err.print(f"[dim]{escape(what)}…[/]")

    def fetcher(self, db: str | None, store: Any = None) -> Fetcher:
        """The fetcher for URLs among the inputs: the ``fetch`` settings, responses archived
        in --archive (default next to a SQLite store), conditional GETs through ``store``."""
        from .fetch import archive_folder, open_fetcher

        archive = click.get_current_context().meta.get(_ARCHIVE_KEY) or archive_folder(db)
        self._fetcher = open_fetcher(self.settings.fetch, archive, store)
        return self._fetcher

    def fetched(self) -> int:
        """Close the fetcher and say what it did; how many URLs were unchanged (HTTP 304)."""
        fetcher: Fetcher | None = getattr(self, "_fetcher", None)
        if fetcher is None:
            return 0
        fetcher.close()
        stats = fetcher.stats
        if stats.requests and not self.quiet:
            parts = [f"fetched {stats.fetched} URLs ({stats.requests} requests, {stats.bytes / 2**20:.1f} MiB)"]
            if stats.not_modified:
                parts.append(f"{stats.not_modified} unchanged since the last fetch (HTTP 304)")
            if stats.failed:
                parts.append(f"{stats.failed} failed (see the skipped lines)")
            if stats.retries:
                parts.append(f"{stats.retries} retries")
            archive = fetcher.archive
            if archive is not None and archive.path is not None:
                parts.append(f"{archive.records} responses archived in {archive.path}")
            self.err.print(escape("; ".join(parts)))
        return stats.not_modified

    def extraction_failures(self, failures: dict[str, list[str]]) -> None:
        for article_id, failed in failures.items():
            self.err.print(f"[yellow]extraction incomplete[/] {article_id}: {escape(', '.join(failed))} failed (see -v)")


def _setup_logging(quiet: bool, verbose: int) -> None:
    level = logging.ERROR if quiet else (logging.DEBUG if verbose > 1 else logging.INFO if verbose else logging.WARNING)
    logging.basicConfig(level=level, format="%(message)s", handlers=[RichHandler(console=Console(stderr=True))])


def _progress(ctx: _Context, items: Iterable[T], label: str) -> Iterator[T]:
    """A progress bar on stderr when it is a terminal and not quiet; otherwise plain iteration."""
    if ctx.quiet or not ctx.err.is_terminal:
        yield from items
        return
    columns = (SpinnerColumn(), TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=ctx.err, transient=True) as bar:
        task = bar.add_task(label, total=None)
        for item in items:
            yield item
            bar.advance(task)


def _manifest(meta: Path | None) -> Manifest | None:
    if meta is None:
        return None
    try:
        return load_manifest(meta)
    except InputError as exc:
        raise click.UsageError(str(exc)) from exc


_config_option = click.option(
    "--config", "config_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
    help="Settings file (TOML; default $STORYLENS_CONFIG). See docs/settings.md.")
_set_option = click.option(
    "--set", "assignments", multiple=True, metavar="SECTION.NAME=VALUE",
    help="Override one setting (repeatable), e.g. --set cluster.threshold=0.2.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="storylens")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors.")
@click.option("-v", "--verbose", count=True, help="More detail (-vv for debug logging).")
@_config_option
@_set_option
@click.pass_context
def main(click_ctx: click.Context, quiet: bool, verbose: int, config_file: Path | None,
         assignments: tuple[str, ...]) -> None:
    """Storylens: compare many outlets' coverage of the same events."""
    click_ctx.obj = (quiet, verbose, config_file, assignments)


def _load_settings(config_file: Path | None, assignments: Iterable[str], flags: dict[str, Any]) -> LoadedSettings:
    """Defaults < file < environment < --set < the flags of single settings."""
    overrides: dict[str, Any] = {}
    for assignment in assignments:
        key, equals, value = assignment.partition("=")
        if not equals:
            raise click.BadParameter(f"{assignment!r} should be SECTION.NAME=VALUE", param_hint="--set")
        overrides[key.strip()] = value.strip()
    overrides.update({k: v for k, v in flags.items() if v is not None})
    try:
        return load_settings(config_file, overrides=overrides)
    except SettingsError as exc:
        raise click.UsageError(str(exc)) from exc


#: Command flags that set one setting: flag parameter -> setting.
_SETTING_FLAGS = {"processes": "pipeline.processes", "dask": "pipeline.dask"}


def _with_context(func: Callable[..., None]) -> Callable[..., None]:
    """Give a command -q/-v, --config and --set of its own (before or after its
    arguments) and a _Context with the effective settings."""

    @click.option("-q", "--quiet", is_flag=True, help="Print only errors.")
    @click.option("-v", "--verbose", count=True, help="More detail (-vv for debug logging).")
    @_config_option
    @_set_option
    @functools.wraps(func)
    def wrapper(*args: Any, quiet: bool, verbose: int, config_file: Path | None, assignments: tuple[str, ...],
                **kwargs: Any) -> None:
        group = click.get_current_context().find_root().obj or (False, 0, None, ())
        quiet, verbose = quiet or group[0], max(verbose, group[1])
        _setup_logging(quiet, verbose)
        flags = {setting: kwargs.get(name) for name, setting in _SETTING_FLAGS.items()}
        if kwargs.get("processes") is not None:  # --processes N: no Dask cluster from a file or the environment
            if kwargs.get("dask") is not None:
                raise click.UsageError("give --processes or --dask, not both")
            flags["pipeline.dask"] = ""
        loaded = _load_settings(config_file or group[2], (*group[3], *assignments), flags)
        func(_Context(quiet, verbose, loaded), *args, **kwargs)

    return wrapper


_ARCHIVE_KEY = "storylens.archive"


class _PathOrURL(click.ParamType[Path | str, Any]):
    """A file or folder (a Path), or an http(s) URL (kept as a string: a Path would fold its //)."""

    name = "path_or_url"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Path | str:
        from .fetch import is_url

        text = str(value)
        return text if is_url(text) else Path(text)


def _remember_archive(click_ctx: click.Context, _param: click.Parameter, value: Path | None) -> None:
    click_ctx.meta[_ARCHIVE_KEY] = value


def _paths_argument(func: Callable[..., None]) -> Callable[..., None]:
    """PATHS (files, folders, http(s) URLs) and --archive DIR for what is fetched."""
    func = click.option(
        "--archive", type=click.Path(file_okay=False, path_type=Path), default=None, expose_value=False,
        callback=_remember_archive,
        help="Folder where every fetched response is kept as WARC (default: NAME-archive next to a SQLite "
             "store NAME.db, else ./storylens-archive); `storylens analyze DIR/*.warc.gz` re-reads it offline.",
    )(func)
    return click.argument("paths", nargs=-1, required=True, type=_PathOrURL(), metavar="PATH|URL...")(func)


_meta_option = click.option(
    "--meta", type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Manifest CSV with a path column and any of outlet, url, published, language, headline, byline.",
)
_processes_option = click.option(
    "--processes", default=None, type=click.IntRange(1, 64),
    help="Worker processes for cleaning and the NLP pass, e.g. the number of cores "
         "(setting pipeline.processes, default 1).",
)


def _dask_address(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    from .runners.dask import RunnerError, parse_address

    if value is not None:
        try:
            parse_address(value)
        except RunnerError as exc:
            raise click.BadParameter(str(exc)) from exc
    return value


_dask_option = click.option(
    "--dask", default=None, metavar="local[:N]|tcp://HOST:PORT", callback=_dask_address,
    help="Run cleaning and the NLP pass as Dask tasks: on a local cluster of N worker processes "
         "(default one per core) or on a running Dask scheduler (setting pipeline.dask; docs/scaling.md).",
)
_db_option = click.option("--db", default=DEFAULT_DB, show_default=True,
                          help="The store: a SQLite file (or sqlite:/// URL) or a postgresql:// URL "
                               "(libpq settings: PGPASSWORD, ~/.pgpass, ?sslmode=).")


def _shown(db: str) -> str:
    """The store location for messages: a URL without its password."""
    if "://" not in db:
        return db
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        return make_url(db).render_as_string(hide_password=True)
    except ArgumentError:
        return "(the --db URL given)"


@main.command()
@_paths_argument
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("storylens-report"),
              show_default=True, help="Folder for the report files.")
@click.option("--format", "formats", default="html,json", show_default=True,
              help=f"Comma-separated report formats: {', '.join(FORMATS)}.")
@_meta_option
@_processes_option
@_dask_option
@_with_context
def analyze(ctx: _Context, paths: tuple[Path, ...], out_dir: Path, formats: str, meta: Path | None,
            processes: int | None, dask: str | None) -> None:
    """Read every article under PATHS (files and folders, recursive), clean it, write a report."""
    from .pipeline import analyze as analyze_inputs
    from .report import Report, print_summary, write_html, write_json, write_markdown

    wanted = [f.strip().lower() for f in formats.split(",") if f.strip()]
    unknown = sorted(set(wanted) - set(FORMATS))
    if unknown or not wanted:
        raise click.BadParameter(f"unknown format(s) {', '.join(unknown) or '(none)'}; choose from {', '.join(FORMATS)}",
                                 param_hint="--format")
    now = datetime.now(timezone.utc)
    try:
        result = analyze_inputs(paths, fetched_at=now, manifest=_manifest(meta), settings=ctx.settings,
                                progress=lambda items: _progress(ctx, items, "Reading"),
                                on_skipped=ctx.skipped, on_stage=ctx.stage, fetcher=ctx.fetcher(None))
    except StorylensError as exc:
        raise click.ClickException(str(exc)) from exc
    ctx.fetched()
    ctx.extraction_failures(result.extraction_failures)
    articles = result.articles
    report = Report(articles=articles, skipped=result.skipped, stories=result.stories, generated_at=now,
                    inputs=[str(p) for p in paths])
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise click.ClickException(f"cannot create the output folder {out_dir}: {exc.strerror or exc}") from exc
    writers = {"html": (write_html, "report.html"), "json": (write_json, "report.json"),
               "md": (write_markdown, "report.md")}
    written = {}
    for fmt in FORMATS:
        if fmt in wanted:
            writer, name = writers[fmt]
            written[fmt] = writer(report, out_dir / name)
    if not ctx.quiet:  # (a quiet console still renders everything, then drops it)
        sources = {a.id: a.outlet or Path(a.source).name for a in articles}
        for story in result.stories:
            ctx.out.print()
            print_story(ctx.out, story, story.comparison, sources, facts_only_counts=True)
    for story_id, error in result.comparison_failures.items():
        ctx.err.print(f"[yellow]comparison failed[/] {escape(story_id)}: {escape(error)}")
    print_summary(report, ctx.out, written)
    if not articles:
        ctx.err.print("[red]nothing could be analysed[/] (see the skipped inputs above)")
        sys.exit(EXIT_NOTHING_ANALYSED)


@main.command()
@_paths_argument
@_db_option
@_meta_option
@_processes_option
@_dask_option
@_with_context
def ingest(ctx: _Context, paths: tuple[Path, ...], db: str, meta: Path | None, processes: int | None,
           dask: str | None) -> None:
    """Clean the articles under PATHS and add them to the store (idempotent, resumable)."""
    from .pipeline import ingest as ingest_documents, read_inputs

    now = datetime.now(timezone.utc)
    with _open(db) as store:
        fetcher = ctx.fetcher(db, store)
        try:
            result = ingest_documents(store, read_inputs(paths, fetched_at=now, manifest=_manifest(meta),
                                                         fetcher=fetcher),
                                      settings=ctx.settings,
                                      progress=lambda items: _progress(ctx, items, "Ingesting"),
                                      on_skipped=ctx.skipped, on_stage=ctx.stage)
            fetcher.keep_validators()  # only now that what was fetched is committed
        except StorylensError as exc:
            raise click.ClickException(str(exc)) from exc
        unchanged = ctx.fetched()
        ctx.extraction_failures(result.extraction_failures)
        for story_id, error in result.comparison_failures.items():
            ctx.err.print(f"[yellow]comparison failed[/] {escape(story_id)}: {escape(error)}")
        if result.regrouped_articles:
            ctx.stage(f"grouped {result.regrouped_articles} new or open-story articles into {result.stories} stories; "
                      f"compared {result.compared} new or changed stories "
                      f"({result.stories - result.compared} unchanged kept"
                      + (f"; comparisons of {result.comparisons_dropped} merged or vanished stories dropped)"
                         if result.comparisons_dropped else ")"))
        ctx.out.print(f"{result.added} added, {result.already_present} already in {escape(_shown(db))}, "
                      f"{len(result.skipped)} skipped; {store.count_stories()} stories")
    if result.added + result.already_present + unchanged == 0:
        sys.exit(EXIT_NOTHING_ANALYSED)


@main.command()
@_db_option
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 10_000))
@click.option("--offset", default=0, show_default=True, type=click.IntRange(0))
@click.option("--outlet", default=None, help="Only stories covered by this outlet.")
@_with_context
def stories(ctx: _Context, db: str, limit: int, offset: int, outlet: str | None) -> None:
    """List the stored stories, most independent sources first."""
    with _open(db, must_exist=True) as store:
        rows = store.list_stories(limit=limit, offset=offset, outlet=outlet)
        table = Table("story", "articles", "sources", "outlets", "dates", "title",
                      title=f"{store.count_stories()} stories in {escape(_shown(db))}")
        for s in rows:
            dates = " – ".join(d.isoformat()[:10] for d in (s.first_published, s.last_published) if d) or "-"
            table.add_row(s.id, str(len(s.articles)), str(s.independent_sources),
                          escape(", ".join(s.outlets) or "-"), dates, escape(s.title or "-"))
        ctx.out.print(table)


@main.command()
@click.argument("story_id")
@_db_option
@_with_context
def show(ctx: _Context, story_id: str, db: str) -> None:
    """Show one stored story: its brief, disputed points, conflicts and facts by status."""
    with _open(db, must_exist=True) as store:
        story = store.get_story(story_id)
        if story is None:
            raise click.ClickException(f"no story {story_id!r} in {_shown(db)} "
                                       f"(list them with `storylens stories --db {_shown(db)}`)")
        comparison = store.get_comparison(story_id)
        titles = {a.id: (a.outlet or Path(a.source).name) for a in (store.get_article(i) for i in story.articles) if a}
    print_story(ctx.out, story, comparison, titles)


_all_versions_option = click.option(
    "--all-versions", is_flag=True,
    help="Also the older versions of pages fetched again with changed text (by default only the latest).")


@main.command()
@_db_option
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 10_000))
@click.option("--offset", default=0, show_default=True, type=click.IntRange(0))
@click.option("--outlet", default=None, help="Only this outlet.")
@_all_versions_option
@_with_context
def articles(ctx: _Context, db: str, limit: int, offset: int, outlet: str | None, all_versions: bool) -> None:
    """List the stored articles, newest first (of a page fetched again with changed text, the latest version)."""
    with _open(db, must_exist=True) as store:
        rows = store.list_articles(limit=limit, offset=offset, outlet=outlet, older_versions=all_versions)
        table = Table("id", "published", "outlet", "headline",
                      title=f"{store.count_articles(older_versions=all_versions)} articles in {escape(_shown(db))}")
        for a in rows:
            table.add_row(a.id, a.published.isoformat() if a.published else "-", escape(a.outlet or "-"),
                          escape(a.headline or f"({Path(a.source).name})"))
        ctx.out.print(table)


@main.command()
@click.argument("query")
@_db_option
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000))
@_all_versions_option
@_with_context
def search(ctx: _Context, query: str, db: str, limit: int, all_versions: bool) -> None:
    """Full-text search over stored articles (words, "phrases", OR, NOT, prefix*; accents ignored)."""
    with _open(db, must_exist=True) as store:
        try:
            hits = store.search(query, limit=limit, older_versions=all_versions)
        except StorylensError as exc:
            raise click.ClickException(str(exc)) from exc
        if not hits:
            ctx.out.print("no matches")
        for hit in hits:
            ctx.out.print(Text.assemble((hit.headline or hit.article_id, "bold"), " ",
                                        (f"{hit.outlet or ''} {hit.article_id}", "dim")))
            ctx.out.print(Text("  ").append(_highlight(hit.snippet)))


def _highlight(snippet: str) -> Text:
    """The store's snippet with its match markers turned into highlighting (no markup parsing)."""
    from .store import SNIPPET_END, SNIPPET_START

    out = Text()
    rest = snippet
    while SNIPPET_START in rest:
        before, _, after = rest.partition(SNIPPET_START)
        match, _, rest = after.partition(SNIPPET_END)
        out.append(before)
        out.append(match, style="bold yellow")
    out.append(rest)
    return out


@main.command()
@_db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback by default).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--allow-ingest", is_flag=True, help="Enable POST /api/ingest (needs --token).")
@click.option("--token", envvar="STORYLENS_INGEST_TOKEN", default=None,
              help="Bearer token required by POST /api/ingest (or $STORYLENS_INGEST_TOKEN).")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Server processes, each with its own store connection and page cache.")
@_with_context
def serve(ctx: _Context, db: str, host: str, port: int, allow_ingest: bool, token: str | None,
          workers: int) -> None:
    """Serve the web app and JSON API over a store (read-only unless --allow-ingest)."""
    from .web import serve as serve_app

    if allow_ingest and not token:
        raise click.UsageError("--allow-ingest needs --token (or $STORYLENS_INGEST_TOKEN)")
    if "://" not in db and not Path(db).exists():
        raise click.ClickException(f"no store at {db} (create one with `storylens ingest PATH --db {db}`)")
    processes = f", {workers} worker processes" if workers > 1 else ""
    ctx.err.print(f"serving {escape(_shown(db))} on http://{escape(host)}:{port}/{processes} (Ctrl+C to stop)")
    serve_app(db, host, port, allow_ingest, token, workers=workers, settings=ctx.settings.web)


def _every(_ctx: click.Context, _param: click.Parameter, value: str) -> float:
    from .config import parse_duration

    duration = parse_duration(value)
    if duration is None or duration.total_seconds() <= 0:
        raise click.BadParameter(f"{value!r} is not a duration such as 15m, 1h or 30s")
    return duration.total_seconds()


@main.command()
@_paths_argument
@_db_option
@click.option("--every", default="15m", show_default=True, callback=_every, metavar="DURATION",
              help="Time between the starts of two rounds (15m, 1h, 30s).")
@click.option("--once", is_flag=True, help="One round, then exit.")
@_with_context
def watch(ctx: _Context, paths: tuple[Path | str, ...], db: str, every: float, once: bool) -> None:
    """Poll FEEDS (feed URLs, OPML lists, feed files) and ingest new entries as they appear, fetching
    the page of summary-only entries, until Ctrl-C (which finishes the current round)."""
    import signal
    import threading

    from .pipeline import Ingested
    from .watch import watch as watch_feeds

    stop = threading.Event()

    def on_interrupt(_signum: int, _frame: Any) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()
        ctx.err.print("stopping after this round (Ctrl-C again to stop at once)…")

    def on_round(number: int, result: Ingested) -> None:
        when = datetime.now(timezone.utc).strftime("%H:%M:%S UTC")
        ctx.out.print(f"round {number} ({when}): {result.added} added, {result.already_present} already stored, "
                      f"{len(result.skipped)} skipped")

    previous = signal.signal(signal.SIGINT, on_interrupt)
    try:
        with _open(db) as store:
            try:
                total = watch_feeds(store, paths, fetcher=ctx.fetcher(db, store), every=every, once=once, stop=stop,
                                    on_round=on_round, settings=ctx.settings, on_skipped=ctx.skipped,
                                    on_stage=ctx.stage)
            except StorylensError as exc:
                raise click.ClickException(str(exc)) from exc
            finally:
                ctx.fetched()
            ctx.out.print(f"watched {total.rounds} rounds: {total.added} added, {total.already_present} already "
                          f"stored, {len(total.skipped)} skipped; {store.count_stories()} stories in "
                          f"{escape(_shown(db))}")
    finally:
        signal.signal(signal.SIGINT, previous)


@main.command(name="config")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object {setting: {value, origin}}.")
@_with_context
def show_config(ctx: _Context, as_json: bool) -> None:
    """Print the effective settings and where each value came from (docs/settings.md)."""
    rows = describe(ctx.loaded)
    if as_json:
        import json

        click.echo(json.dumps({k: {"value": v, "origin": o} for k, v, o in rows}, indent=2))
        return
    table = Table(title="Storylens settings", show_lines=False)
    for column in ("setting", "value", "from"):
        table.add_column(column)
    for key, value, origin in rows:
        table.add_row(escape(key), escape(value), escape(origin))
    ctx.out.print(table)


@main.command(name="export")
@_db_option
@click.option("--report", "report_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Export from a JSON report (storylens analyze --format json) instead of a store.")
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "parquet"]), default="csv", show_default=True,
              help="Table format (docs/export.md).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for the tables (one file per table).")
@click.option("--story", "story_id", default=None, help="Only this story (and its articles).")
@click.option("--published-since", default=None, metavar="DATE",
              help="Only stories with an article published at or after DATE (YYYY-MM-DD is midnight UTC).")
@click.option("--ingested-since", default=None, metavar="DATE",
              help="Only stories with an article ingested at or after DATE (store only).")
@click.option("--datasette-metadata", "metadata_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write a Datasette metadata.json (table docs, canned queries) for the store to this file.")
@_with_context
def export(ctx: _Context, db: str, report_file: Path | None, fmt: str, out_dir: Path | None, story_id: str | None,
           published_since: str | None, ingested_since: str | None, metadata_file: Path | None) -> None:
    """Write stories, articles, facts, conflicts, quote variants, figures and time references as tables."""
    import json

    from .export import ExportFilter, bundles_from_report, bundles_from_store, datasette_metadata, parse_since, write_tables
    from .report.json_report import write_text_atomic

    db_given = click.get_current_context().get_parameter_source("db") is not click.core.ParameterSource.DEFAULT
    if report_file is not None and db_given:
        raise click.UsageError("give --db or --report, not both")
    if out_dir is None and metadata_file is None:
        raise click.UsageError("give --out DIR for the tables, or --datasette-metadata FILE (or both)")
    since = {}
    for name, value in (("--published-since", published_since), ("--ingested-since", ingested_since)):
        try:
            since[name] = parse_since(value) if value else None
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint=name) from exc
    flt = ExportFilter(story=story_id, published_since=since["--published-since"],
                       ingested_since=since["--ingested-since"])
    if metadata_file is not None:
        name = Path(db.split("///")[-1]).stem if "://" not in db or db.startswith("sqlite") else "storylens"
        write_text_atomic(metadata_file, json.dumps(datasette_metadata(name or "storylens"), indent=2,
                                                    ensure_ascii=False) + "\n")
        served = escape(_shown(db)) if report_file is None else "storylens.db"
        ctx.out.print(f"wrote {escape(str(metadata_file))} (datasette {served} -m {escape(str(metadata_file))})")
    if out_dir is None:
        return
    try:
        if report_file is not None:
            written = write_tables(bundles_from_report(report_file, flt), fmt, out_dir)
        else:
            with _open(db, must_exist=True) as store:
                written = write_tables(bundles_from_store(store, flt), fmt, out_dir)
    except StorylensError as exc:
        raise click.ClickException(str(exc)) from exc
    except OSError as exc:
        raise click.ClickException(f"cannot write the tables to {out_dir}: {exc.strerror or exc}") from exc
    for path, rows in written.values():
        ctx.out.print(f"{rows:>7} rows  {escape(str(path))}")


@main.command(name="migrate")
@click.option("--from", "source", required=True, help="The store to copy: a SQLite file (or any store URL).")
@click.option("--to", "target", required=True,
              help="An empty store to copy it into, e.g. postgresql://user@host/db (password from PGPASSWORD "
                   "or ~/.pgpass, never on the command line).")
@_with_context
def migrate(ctx: _Context, source: str, target: str) -> None:
    """Copy a store (articles with all their rows, skipped inputs, stories, comparisons) into an
    empty one, e.g. a SQLite file into PostgreSQL, and verify every table's row count."""
    from .store.migrate import copy_store

    with _open(source, must_exist=True) as src, _open(target) as dst:
        try:
            counts = copy_store(src, dst)
        except StorylensError as exc:
            raise click.ClickException(str(exc)) from exc
        ctx.out.print(f"copied {escape(src.where)} to {escape(dst.where)}: {counts.get('articles', 0)} articles, "
                      f"{counts.get('skipped', 0)} skipped inputs, {counts.get('stories', 0)} stories, "
                      f"{counts.get('facts', 0)} facts; {sum(counts.values())} rows in {len(counts)} tables, "
                      "every count verified")


@main.command(name="eval")
@click.argument("dataset")
@click.option("--split", default="dev", show_default=True,
              help="Which split of the dataset to score (compare: dev, or the packaged dev2, heldout, heldout2, "
                   "quotes-conflicts and newswcl50).")
@click.option("--data", type=click.Path(exists=True, path_type=Path), default=None,
              help="Another copy of the same format (e.g. a test split) instead of ../shared/eval.")
@click.option("--limit", type=click.IntRange(1), default=None, help="Score only the first N documents.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object of metrics.")
@click.option("--per-event", is_flag=True,
              help="compare: the figures of every event, with each false and missed pair.")
@_with_context
def evaluate(ctx: _Context, dataset: str, split: str, data: Path | None, limit: int | None, as_json: bool,
             per_event: bool) -> None:
    """Score Storylens on a public benchmark (pages, polnear, tempeval3, newsquant, ecbplus, newswcl50, compare)."""
    import json

    from .eval import DATASETS, scorer
    from .eval.data import MissingDataError
    from .extract.settings import extract_settings

    if dataset not in DATASETS:
        raise click.BadParameter(f"unknown dataset {dataset!r}; choose from {', '.join(DATASETS)}",
                                 param_hint="DATASET")
    if dataset == "compare":  # the comparison gold: figures as grouped and as one story, errors per event
        from .eval.compare import evaluate_detailed, text_lines

        try:
            detailed = evaluate_detailed(data, split, limit, per_event=per_event, settings=ctx.settings)
        except (MissingDataError, ValueError) as exc:
            raise click.ClickException(str(exc)) from exc
        if as_json:
            click.echo(json.dumps(detailed, sort_keys=True, ensure_ascii=False))
        else:
            for line in text_lines(detailed):
                ctx.out.print(line, markup=False, highlight=False, soft_wrap=True)
        return
    try:
        evaluate_dataset = scorer(dataset)
    except ImportError as exc:
        raise click.ClickException(f"the {dataset} scorer is not available: {exc}") from exc
    try:
        options = {"config": ctx.settings.cluster} if dataset in ("ecbplus", "newswcl50") else {}  # cluster.*
        with extract_settings(ctx.settings.extract):  # the extraction datasets: --set extract.NAME=VALUE
            metrics = evaluate_dataset(data, split, limit, **options)
    except (MissingDataError, ValueError) as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(metrics, sort_keys=True))
        return
    table = Table("metric", "value", title=f"{dataset} ({split}{', first ' + str(limit) if limit else ''})")
    for name, value in metrics.items():
        table.add_row(name, f"{value:.4f}" if isinstance(value, float) else str(value))
    ctx.out.print(table)


def _open(db: str, must_exist: bool = False):  # type: ignore[no-untyped-def]
    from .store import open_store

    if must_exist and "://" not in db and not Path(db).exists():
        raise click.ClickException(f"no store at {db} (create one with `storylens ingest PATH --db {db}`)")
    try:
        return open_store(db)
    except StorylensError as exc:
        raise click.ClickException(str(exc)) from exc


if __name__ == "__main__":
    main()
