"""The PQS coverage map: its counts equal the catalogue's tags, and it is a table screen readers can read."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import yaml

from conftest import ROOT, own_library
from macros.content.taxonomy import load_taxonomy
from macros.site.coverage import build_coverage


class _Cells(HTMLParser):
    """Collects every <td> of the coverage table: its data attributes, text and link."""

    def __init__(self):
        super().__init__()
        self.cells: list[dict] = []
        self._cell: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "td" and "data-domain" in attrs:
            self._cell = {**attrs, "text": "", "href": None}
        elif tag == "a" and self._cell is not None:
            self._cell["href"] = attrs.get("href")

    def handle_endtag(self, tag):
        if tag == "td" and self._cell is not None:
            self._cell["text"] = " ".join(self._cell["text"].split())
            self.cells.append(self._cell)
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell["text"] += data


def table_cells(html: str) -> list[dict]:
    parser = _Cells()
    parser.feed(html)
    return parser.cells


def cell_count(cell: dict) -> int:
    """The number a reader sees (and hears) in a cell; 'none' is zero."""
    if cell["text"] == "none":
        return 0
    match = re.fullmatch(r"(\d+) resources?", cell["text"])
    assert match, f"unexpected cell text {cell['text']!r}"
    return int(match.group(1))


def tags_from_files(content: Path) -> list[dict]:
    """Each resource's type, audiences and PQS domains, read straight from its front matter."""
    taxonomy = load_taxonomy(content / "taxonomy.yml")
    found = []
    for rtype in taxonomy.types:
        for path in sorted((content / rtype.folder).glob("*.md")) if (content / rtype.folder).is_dir() else []:
            front = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
            found.append({"type": rtype.id, "audience": set(front["audience"]), "pqs": set(front["pqs"])})
    return found


def expected(tags: list[dict], domain: str, kind: str, value: str) -> int:
    return sum(1 for t in tags if domain in t["pqs"] and (value in t[kind] if kind == "audience" else t[kind] == value))


def test_coverage_counts_in_the_built_page_equal_the_catalogues_tags(sample_project):
    sample_project.resource(
        "briefings", "second-briefing", audience=["senior-leaders", "middle-leaders"], pqs=["cf-1", "cf-7"]
    )
    sample_project.resource("practice-tools", "second-tool", audience=["senior-leaders"], pqs=["cf-1", "asc-6"])
    result = sample_project.build()
    assert result.code == 0, result.output
    cells = table_cells(result.html("coverage/"))
    taxonomy = load_taxonomy(sample_project.content / "taxonomy.yml")
    tags = tags_from_files(sample_project.content)
    per_domain = len(taxonomy.audiences) + len(taxonomy.types) + 1
    assert len(cells) == len(taxonomy.domains) * per_domain
    for cell in cells:
        domain = cell["data-domain"]
        if "data-audience" in cell:
            want = expected(tags, domain, "audience", cell["data-audience"])
        elif "data-type" in cell:
            want = expected(tags, domain, "type", cell["data-type"])
        else:
            want = sum(1 for t in tags if domain in t["pqs"])
        assert cell_count(cell) == want, cell
    spot = next(c for c in cells if c["data-domain"] == "cf-1" and c.get("data-audience") == "senior-leaders")
    assert cell_count(spot) == 3


def test_the_projects_own_coverage_equals_its_front_matter():
    content = ROOT / "content"
    coverage = build_coverage(own_library().catalogue)
    tags = tags_from_files(content)
    for row in coverage.rows:
        for cell in row.cells:
            want = expected(tags, row.domain.id, cell.kind, cell.column.id)
            assert cell.count == want, (row.domain.id, cell.column.id)
        assert len(row.resources) == sum(1 for t in tags if row.domain.id in t["pqs"])


def test_cells_link_to_the_finder_filtered_by_domain_and_column(sample_project):
    cells = table_cells(sample_project.build().html("coverage/"))
    by_key = {(c["data-domain"], c.get("data-audience") or c.get("data-type") or "all"): c for c in cells}
    assert by_key[("cf-1", "senior-leaders")]["href"] == "../find-resources/?pqs=cf-1&audience=senior-leaders"
    assert by_key[("asc-6", "practice-tool")]["href"] == "../find-resources/?pqs=asc-6&type=practice-tool"
    assert by_key[("cf-1", "all")]["href"] == "../pqs/cf-1/"
    empty = by_key[("cf-8", "senior-leaders")]
    assert empty["text"] == "none" and empty["href"] is None and "lib-coverage__gap" in empty["class"]


def test_the_map_is_a_real_table_with_caption_and_row_and_column_headers(sample_project):
    result = sample_project.build()
    html = result.html("coverage/")
    table = re.search(r"<table class=\"lib-coverage__table\">.*?</table>", html, re.S).group(0)
    assert re.search(r"<caption[^>]*>Resources per PQS domain, by audience and by type of resource</caption>", table)
    taxonomy = load_taxonomy(sample_project.content / "taxonomy.yml")
    col_headers = re.findall(r'<th scope="col" class="lib-coverage__col">([^<]+)</th>', table)
    assert col_headers == [a.label for a in taxonomy.audiences] + [t.plural for t in taxonomy.types]
    assert len(re.findall(r'<th scope="colgroup"', table)) == 2
    groups = re.findall(r'<th scope="rowgroup"[^>]*>([^<]+)<', table)
    assert [g.strip() for g in groups] == [f.label for f in taxonomy.frameworks]
    row_headers = re.findall(r'<th scope="row"><a href="\.\./pqs/([^/]+)/">', table)
    assert row_headers == [d.id for d in taxonomy.domains]
    assert table.count("<tbody>") == len(taxonomy.frameworks)
    # The gaps are also listed in words above the table.
    assert re.search(r"\d+ of 16 domains have no resources yet", html)
    assert 'href="coverage/"' in result.html()  # in the site's navigation
