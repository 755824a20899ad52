"""`library`: one command for every task on the library, each a subcommand with its own --help.

The make targets call these; so can editors and maintainers directly (`.venv/bin/library --help`).
"""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from pathlib import Path

import click

CONFIG_OPTION = click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default="mkdocs.yml",
    show_default=True,
    help="The MkDocs configuration file.",
)


def site_option(help: str):
    """The `--site` option of the commands that read a built site (default: site/)."""
    return click.option(
        "--site",
        "site_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default="site",
        show_default=True,
        help=help,
    )


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
def main() -> None:
    """Check, build and look after the practice supervisor resource library."""


def _load(config_file: Path):
    """mkdocs.yml, validated, and the library plugin's settings; exit 2 with the reason if it cannot be read."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    from macros.build import configure_logging
    from macros.site.page_macros import PLUGIN_NAME

    configure_logging()
    try:
        config = load_config(str(config_file))
    except (ConfigurationError, Abort) as exc:
        raise click.ClickException(f"{config_file}: {exc}") from None
    if PLUGIN_NAME not in config.plugins:
        raise click.ClickException(f"{config_file}: the {PLUGIN_NAME} plugin is not in `plugins:`")
    return config, config.plugins[PLUGIN_NAME].config


@main.command()
@CONFIG_OPTION
def check(config_file: Path) -> None:
    """Check the content, as every build does first: every problem as `path:line: message (hint)`."""
    from macros.content.problems import report
    from macros.library import check_library, summary_line

    config, options = _load(config_file)
    library = check_library(config, options)
    report(library.problems, stream=sys.stderr, github=os.environ.get("GITHUB_ACTIONS") == "true")
    click.echo(summary_line(library.problems, library.checked, len(library.unpublished)), err=True)
    sys.exit(1 if library.errors else 0)


@main.command()
@CONFIG_OPTION
@click.option(
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to put the site (default: site_dir in the configuration).",
)
@click.option("--pdf/--no-pdf", default=None, help="Make the PDFs or not (default: the plugin's `pdf` setting).")
@click.option("--verbose", is_flag=True, help="Show MkDocs' debug messages.")
def build(config_file: Path, site_dir: Path | None, pdf: bool | None, verbose: bool) -> None:
    """Check the content and build the whole site; swap it into place only if everything succeeded."""
    from macros.build import build_site

    sys.exit(build_site(config_file, site_dir, pdf=pdf, verbose=verbose).code)


@main.command()
@CONFIG_OPTION
@click.option("--title", default="", help="The title, as readers will see it.")
@click.option("--summary", default="", help="One or two sentences for listings (or write it later).")
@click.option("--type", "type_name", default="", help="The type: its number, id or name, e.g. briefing.")
@click.option("--audience", "audiences", multiple=True, help="Audiences: numbers or ids, separated by commas.")
@click.option("--pqs", multiple=True, help="PQS domains: numbers or ids such as cf-4, separated by commas.")
@click.option("--author", default="", help="The author's full name (default: the editorial team).")
@click.option("--role", default="", help="The author's role or organisation.")
@click.option("--slug", default=None, help="The file name without .md (default: made from the title).")
def new(
    config_file: Path,
    title: str,
    summary: str,
    type_name: str,
    audiences: tuple[str, ...],
    pqs: tuple[str, ...],
    author: str,
    role: str,
    slug: str | None,
) -> None:
    """Start a new resource, as a draft, from its type's template.

    Run with no options in a terminal to be asked each question in turn. Lists take numbers or ids:
    `--audience 1,3 --pqs cf-3,asc-2`. When the editorial team (mkdocs.yml) wrote it, --author may
    be left out.
    """
    from macros.authoring.new_resource import run

    config, options = _load(config_file)
    team = (options.editorial_team.name, options.editorial_team.role)
    given = dict(
        type_name=type_name,
        title=title,
        audiences=list(audiences),
        pqs=list(pqs),
        author=author,
        role=role,
        summary=summary,
        slug=slug,
    )
    if any(given.values()) and not author and team[0]:
        given["author"], given["role"] = team[0], role or team[1]
    sys.exit(run(Path(config.docs_dir), given, team=team))


@main.command()
@CONFIG_OPTION
@site_option("The built site, where the PDFs are.")
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Report as on this date (YYYY-MM-DD; default: today).",
)
def report(config_file: Path, site_dir: Path, today) -> None:
    """Content health: reviews due, PQS domains and audiences with no resources, missing PDFs."""
    from macros.library import check_library
    from macros.site.health import content_health, format_report, pdfs_in_site

    config, options = _load(config_file)
    day = today.date() if today else date.today()
    library = check_library(config, options, today=day)
    health = content_health(library.catalogue, today=day, pdf_slugs=pdfs_in_site(site_dir))
    click.echo(format_report(health, source=f"{site_dir.as_posix()}/"), nl=False)
    broken = {p.path for p in library.errors}
    if broken:
        click.echo(
            f"\n{len(broken)} file{'s' if len(broken) != 1 else ''} with errors left out of this report: "
            "run `make check` to see them."
        )


@main.command()
@click.argument("query")
@click.option("--type", "types", multiple=True, metavar="ID", help="Only resources of this type (repeatable).")
@click.option("--audience", "audiences", multiple=True, metavar="ID", help="Only resources for this audience.")
@click.option("--framework", "frameworks", multiple=True, metavar="ID", help="Only resources in this PQS framework.")
@click.option("--pqs", "domains", multiple=True, metavar="ID", help="Only resources covering this PQS domain.")
@site_option("The built site folder, whose finder index is searched.")
@click.option("--limit", type=int, default=20, show_default=True, help="Show at most this many results.")
def search(query: str, types, audiences, frameworks, domains, site_dir: Path, limit: int) -> None:
    """Search the built finder index as the "Find resources" page does, and show how each resource was found.

    Give "" as QUERY to list everything the filters let through. Build the site first (make site-html).
    """
    from macros.finder.facets import FACETS
    from macros.finder.index import FINDER_DIR, INDEX_FILE, RESOURCES_FILE, load_finder_index
    from macros.finder.report import format_search

    folder = site_dir / FINDER_DIR
    try:
        index_json = (folder / INDEX_FILE).read_text(encoding="utf-8")
        data = json.loads((folder / RESOURCES_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise click.ClickException(f"{exc.filename}: not found. Build the site first with `make site-html`.") from None
    filters = dict(zip(FACETS, (list(types), list(audiences), list(frameworks), list(domains)), strict=True))
    text, ok = format_search(load_finder_index(index_json), data, query, filters, limit)
    click.echo(text, err=not ok, nl=False)
    sys.exit(0 if ok else 2)


@main.command()
@click.argument("base_site", type=click.Path(file_okay=False, path_type=Path))
@click.argument("head_site", type=click.Path(file_okay=False, path_type=Path))
@CONFIG_OPTION
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Append the summary to this file (such as $GITHUB_STEP_SUMMARY) instead of printing it.",
)
def compare(base_site: Path, head_site: Path, config_file: Path, output: Path | None) -> None:
    """Say in Markdown what readers will see change from the site in BASE_SITE to the one in HEAD_SITE.

    Both are built sites (`make site`). Lists the resources, other pages and PDFs added, removed or
    changed, and the problems `library check` finds in the content of --config's project (HEAD's).
    A report, not a check: exits 0 whatever changed, 2 if a folder is not a built site.
    """
    from macros.library import check_library
    from macros.review.compare import compare_sites, format_summary, is_built_site

    for folder in (base_site, head_site):
        if not is_built_site(folder):
            click.echo(f"{folder}: not a built site (it has no index.html); build it first with `make site`.", err=True)
            sys.exit(2)
    config, options = _load(config_file)
    library = check_library(config, options)
    folders = [t.folder for t in library.catalogue.taxonomy.types]
    comparison = compare_sites(
        base_site, head_site, resource_folders=folders, problems=library.problems, drafts=library.unpublished
    )
    summary = format_summary(comparison)
    if output is None:
        click.echo(summary, nl=False)
    else:
        with output.open("a", encoding="utf-8") as stream:
            stream.write(summary)
        click.echo(f"Wrote the summary to {output}", err=True)


@main.command()
@CONFIG_OPTION
@click.option("--port", default=8000, show_default=True, help="The port on 127.0.0.1 for the site and its editor.")
@click.option("--proxy-port", default=8081, show_default=True, help="The port on 127.0.0.1 for the editor's proxy.")
def edit(config_file: Path, port: int, proxy_port: int) -> None:
    """Edit in the browser without an account: the site and its editor on 127.0.0.1, saving into content/.

    Starts the editor's local proxy (decap-server, installed by `npm ci`) and serves the site as
    `make preview` does, drafts shown; the editor at /admin/ saves each change straight into
    content/. Ctrl+C stops both.
    """
    from macros.authoring.cms import EditorSetupError
    from macros.authoring.edit import EditSession, run

    config_file = config_file.resolve()
    session = EditSession(config_file.parent, config_file, port, proxy_port)
    try:
        sys.exit(run(session, say=lambda text: click.echo(text, err=True)))
    except EditorSetupError as exc:
        raise click.ClickException(str(exc)) from None


@main.command()
@click.option("--check", "only_check", is_flag=True, help="Write nothing; exit 1 if a file is out of date.")
@click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    show_default=True,
    help="The project folder.",
)
def generated(only_check: bool, root: Path) -> None:
    """Remake the files made from the content model: front matter schema, editor configuration, CONTRIBUTING fields."""
    from macros.authoring.generated import expected_files

    stale = []
    for path, text in expected_files(root).items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        stale.append(path)
        if not only_check:
            path.write_text(text, encoding="utf-8")
            click.echo(f"Wrote {path.relative_to(root).as_posix()}")
    if only_check and stale:
        for path in stale:
            click.echo(f"{path.relative_to(root).as_posix()} is out of date: run `make generated`", err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
