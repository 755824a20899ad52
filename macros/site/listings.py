"""HTML for the listing parts of the site: resource lists, browse pages, metadata blocks.

Every list is generated from the catalogue; the templates live as files in
`overrides/library/`, rendered here so hooks, macros and tests share them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.utils import get_relative_url

from macros.content.catalogue import Catalogue
from macros.content.model import Resource
from macros.content.text import lower_first
from macros.rendering.dates import DEFAULT_LANGUAGE, long_date, month_year

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"


@dataclass(frozen=True)
class GeneratedPage:
    """A page made from the catalogue: where it lives, its title, how to fill it, and where it sits."""

    src_uri: str
    title: str
    intro: str
    template: str
    context: dict[str, Any]
    trail: tuple[tuple[str, str], ...] = (("Home", ""),)  # its breadcrumbs: (label, site-relative address)
    in_nav: bool = False  # listed in the navigation (the nav in mkdocs.yml names it)


HOME = ("Home", "")
BROWSE = ("Browse", "browse/")


def _join_labels(items) -> str:
    return ", ".join(i.label for i in items)


class Renderer:
    """Renders the library's templates with links relative to the page being written."""

    def __init__(
        self,
        catalogue: Catalogue,
        settings=None,
        pdf_info: Callable[[Resource], Any] | None = None,
        template_dir: Path = TEMPLATE_DIR,
    ):
        self.catalogue = catalogue
        self.settings = settings
        self.pdf_info = pdf_info or (lambda resource: None)
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(template_dir)),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=False,
        )
        language = settings.language if settings else DEFAULT_LANGUAGE
        self.env.filters["date"] = lambda value: long_date(value, language) if value else ""
        self.env.filters["month_year"] = lambda value: month_year(value, language) if value else ""
        self.env.filters["labels"] = _join_labels
        self.env.filters["lower_first"] = lower_first

    def render(self, template: str, page_url: str, **context: Any) -> str:
        """Render one template for the page at `page_url` (site-relative, e.g. 'audiences/x/')."""

        def rel(url: str) -> str:
            return (
                get_relative_url(url or ".", page_url or ".")
                if not url.startswith(("http:", "https:", "mailto:"))
                else url
            )

        html = self.env.get_template(template).render(
            rel=rel,
            catalogue=self.catalogue,
            taxonomy=self.catalogue.taxonomy,
            settings=self.settings,
            pdf=self.pdf_info,
            **context,
        )
        # Python-Markdown passes an HTML block through untouched only if it has no blank lines.
        return "\n".join(line for line in html.split("\n") if line.strip())

    def resource_list(
        self, resources: list[Resource], page_url: str, *, heading_level: int = 3, empty: str = "No resources yet."
    ) -> str:
        return self.render(
            "resource-list.html", page_url, resources=resources, heading_level=heading_level, empty=empty
        )


def browse_pages(catalogue: Catalogue) -> list[GeneratedPage]:
    """One page per type, per audience and per PQS domain, plus the audience and PQS index pages."""
    taxonomy = catalogue.taxonomy
    pages: list[GeneratedPage] = [
        GeneratedPage(
            "browse/index.md",
            "Browse the library",
            "Every resource, by the kind of resource it is, by who it is written for, and by the PQS "
            "domains it covers.",
            "browse-page.html",
            {},
            in_nav=True,
        )
    ]
    for rtype in taxonomy.types:
        pages.append(
            GeneratedPage(
                f"{rtype.folder}/index.md",
                rtype.plural,
                rtype.description,
                "type-page.html",
                {"rtype": rtype, "resources": sorted(catalogue.of_type(rtype), key=lambda r: r.title.lower())},
                (HOME, BROWSE),
                in_nav=True,
            )
        )
    pages.append(
        GeneratedPage(
            "audiences/index.md",
            "Browse by audience",
            "Choose who you are, or who you are planning for, to see the resources written for them.",
            "audiences-index.html",
            {},
            (HOME, BROWSE),
            in_nav=True,
        )
    )
    for audience in taxonomy.audiences:
        pages.append(
            GeneratedPage(
                f"audiences/{audience.id}.md",
                f"Resources for {audience.label[:1].lower()}{audience.label[1:]}",
                audience.description,
                "audience-page.html",
                {"audience": audience, "resources": catalogue.for_audience(audience)},
                (HOME, BROWSE, ("By audience", "audiences/")),
            )
        )
    pages.append(
        GeneratedPage(
            "pqs/index.md",
            "Browse by PQS domain",
            "The post-qualifying standards (PQS) for practice supervisors come in two frameworks, "
            "each with eight domains. Choose a domain to see the resources that address it.",
            "pqs-index.html",
            {},
            (HOME, BROWSE),
            in_nav=True,
        )
    )
    for framework in taxonomy.frameworks:
        for domain in framework.domains:
            pages.append(
                GeneratedPage(
                    f"pqs/{domain.id}.md",
                    f"{framework.label} PQS {domain.number}: {domain.label}",
                    "",
                    "domain-page.html",
                    {"framework": framework, "domain": domain, "resources": catalogue.for_domain(domain)},
                    (HOME, BROWSE, ("By PQS domain", "pqs/")),
                )
            )
    return pages
