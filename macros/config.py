"""The library plugin's settings, declared once with their types, defaults and meanings.

MkDocs validates them when it reads mkdocs.yml, so a wrong setting is reported before
anything is built: `Expected type: <class 'int'> but received: <class 'str'>`.
"""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

DEFAULT_SITE_PAGES = ["index.md", "find-resources.md", "about.md", "accessibility.md", "editors.md"]


class PublisherConfig(Config):
    """Who publishes the library: printed at the end of every PDF and named in the feed."""

    name = c.Type(str)
    """The publisher's name, as in copyright lines and citations."""
    address = c.Type(str, default="")
    """Postal address, printed in each PDF's end matter."""
    email = c.Type(str, default="")
    """Contact email address, printed in each PDF's end matter."""
    website = c.Type(str, default="")
    """The publisher's web address."""
    charity_number = c.Type(str, default="")
    """Registered charity number, if any."""
    company_number = c.Type(str, default="")
    """Registered company number, if any."""


class TeamConfig(Config):
    """The library's editorial team: credited as the author of what the team writes itself."""

    name = c.Type(str, default="")
    """The team's name as resources credit it, such as "Practice Supervisor Resource Library editorial team"."""
    role = c.Type(str, default="")
    """The organisation the team belongs to."""


class EditorConfig(Config):
    """The browser editor at /admin/ (Decap CMS): where it saves, and how editors sign in (CONTRIBUTING.md)."""

    repo = c.Type(str, default="")
    """The GitHub repository (owner/name) the editor opens pull requests on (mkdocs.yml reads GITHUB_REPOSITORY, which
    GitHub Actions sets); a build for publishing fails without it."""
    branch = c.Type(str, default="main")
    """The branch its pull requests go into."""
    base_url = c.Type(str, default="")
    """The address of the sign-in service for GitHub (an OAuth client, starting https://); empty: Netlify's."""
    auth_endpoint = c.Type(str, default="")
    """The sign-in path on that service, when it is not `auth`."""
    local_backend = c.Type(str, default="")
    """The local proxy that `make edit` starts (http://127.0.0.1:PORT/api/v1), for that build only: the editor
    then saves into content/ on this machine. Never set it for a site that is published."""


class LibraryConfig(Config):
    """Every setting of the resource library plugin (`plugins: - resource-library:` in mkdocs.yml)."""

    programme = c.Type(str)
    """The programme's name, on every PDF cover and in the site's footer."""
    short_name = c.Type(str, default="")
    """A short form of the site's name for narrow screens, where the full name would be cut off."""
    partners = c.ListOfItems(c.Type(str), default=[])
    """Partner organisations, listed on PDF covers."""
    funder = c.Type(str, default="")
    """Who funds the programme."""
    funder_line = c.Type(str, default="")
    """The funding statement printed on covers (default: "Funded by <funder>")."""
    publisher = c.SubConfig(PublisherConfig)
    """The publisher's details (see PublisherConfig)."""
    editorial_team = c.SubConfig(TeamConfig)
    """Who writes the library's own resources (see TeamConfig): `make new` offers it as the author."""
    copyright_holder = c.Type(str)
    """Who holds the copyright of the resources."""
    licence = c.Type(str)
    """The licence of a resource that does not name its own."""
    language = c.Type(str, default="en-GB")
    """The language of the resources, as a BCP 47 tag: set on every PDF and in the feed."""

    site_pages = c.ListOfItems(c.Type(str), default=list(DEFAULT_SITE_PAGES))
    """The site's own pages at the top of the content folder: the only Markdown outside the type folders,
    and the only pages that may use macros."""

    reading_speed = c.Type(int, default=200)
    """Words read per minute, for the reading time shown with each resource."""
    related_limit = c.Type(int, default=5)
    """How many related resources each resource page suggests."""
    feed_size = c.Type(int, default=20)
    """How many of the newest resources the Atom feed lists."""

    editor = c.SubConfig(EditorConfig)
    """The browser editor's settings (see EditorConfig)."""

    source_date_epoch = c.Optional(c.Type(int))
    """A fixed moment (seconds since 1970) for every date the build writes but the content does not give,
    as reproducible builds define SOURCE_DATE_EPOCH; unset, such dates come from the content."""

    publishing = c.Type(bool, default=False)
    """A build for publishing (the deploy workflow sets LIBRARY_PUBLISH=true): it fails without the site's
    address (SITE_URL), so nothing published points at a placeholder."""

    pdf = c.Type(bool, default=True)
    """Make a PDF of every resource and pack (needs WeasyPrint's system libraries)."""
    pdf_workers = c.Type(int, default=0)
    """How many PDFs to render at once; 0 means one per processor core."""
    cache_dir = c.Type(str, default=".cache/pdf")
    """Where rendered PDFs are kept between builds, keyed by a hash of their inputs (relative to mkdocs.yml)."""
