"""Pure logic, tested directly: related resources (against a brute-force oracle), settings, taxonomy
errors, bounded YAML, the inventory, the sanitiser and the Content-Security-Policy."""

from __future__ import annotations

import base64
import hashlib
import random
import textwrap
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from conftest import ROOT
from macros.config import LibraryConfig
from macros.content.catalogue import Catalogue
from macros.content.inventory import take_inventory
from macros.content.model import Person, Resource
from macros.content.taxonomy import TaxonomyError, load_taxonomy
from macros.content.text import joined
from macros.content.yaml_source import YamlProblem, compose
from macros.rendering.sanitiser import locate, sanitise, sanitise_and_compare
from macros.site.csp import PolicyError, add_policy, inline_script_hashes

TAXONOMY = load_taxonomy(ROOT / "content" / "taxonomy.yml")

# -- related resources --------------------------------------------------------------------------


def _random_catalogue(rng: random.Random, size: int) -> Catalogue:
    resources = []
    for number in range(size):
        rtype = rng.choice(TAXONOMY.types)
        resources.append(
            Resource(
                slug=f"r{number}",
                type=rtype,
                src_uri=f"{rtype.folder}/r{number}.md",
                title=f"Title {rng.randint(0, 40)}",
                summary="s",
                audiences=tuple(rng.sample(TAXONOMY.audiences, rng.randint(1, 3))),
                pqs=tuple(rng.sample(TAXONOMY.domains, rng.randint(1, 5))),
                authors=(Person("A B"),),
                published=date(2020, 1, 1) + timedelta(days=rng.randint(0, 900)),
                body="x",
                related=tuple(f"r{rng.randrange(size)}" for _ in range(rng.randint(0, 2))),
            )
        )
    return Catalogue(TAXONOMY, tuple(resources))


def _related_by_brute_force(catalogue: Catalogue, resource: Resource, limit: int) -> list[str]:
    """Named ones first; then every other resource sharing a domain and an audience, by 2 × shared domains +
    shared audiences, then the most recently updated, then the title."""
    named = [s for s in dict.fromkeys(resource.related) if s != resource.slug and catalogue.get(s)]
    scored = []
    for other in catalogue:
        if other.slug == resource.slug or other.slug in named:
            continue
        domains = len(set(other.pqs) & set(resource.pqs))
        audiences = len(set(other.audiences) & set(resource.audiences))
        if domains and audiences:
            scored.append((-(2 * domains + audiences), -other.updated.toordinal(), other.title, other.slug))
    return (named + [slug for *_, slug in sorted(scored)])[:limit]


@pytest.mark.parametrize("seed", range(20))
def test_related_resources_match_the_brute_force_ranking(seed):
    rng = random.Random(seed)
    catalogue = _random_catalogue(rng, rng.randint(2, 60))
    for resource in catalogue:
        got = [r.slug for r in catalogue.related(resource, 5)]
        assert got == _related_by_brute_force(catalogue, resource, 5), resource.slug


# -- settings ----------------------------------------------------------------------------------------


def _settings(**values):
    config = LibraryConfig()
    config.load_dict({"programme": "P", "publisher": {"name": "N"}, "copyright_holder": "C", "licence": "L", **values})
    return config.validate()


def test_settings_are_typed_and_required_ones_are_said():
    assert _settings() == ([], [])
    errors, _ = _settings(pdf_workers="many")
    assert [(name, "Expected type: <class 'int'>" in str(error)) for name, error in errors] == [("pdf_workers", True)]
    for required in ("programme", "copyright_holder", "licence"):
        values = {"programme": "P", "publisher": {"name": "N"}, "copyright_holder": "C", "licence": "L"}
        del values[required]
        config = LibraryConfig()
        config.load_dict(values)
        assert [(name, str(error)) for name, error in config.validate()[0]] == [
            (required, "Required configuration not provided.")
        ]
    errors, _ = _settings(publisher={"email": "a@example.org"})
    assert [name for name, _ in errors] == ["publisher"] and "name" in str(errors[0][1])


# -- taxonomy ----------------------------------------------------------------------------------------


def _taxonomy_problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "taxonomy.yml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    with pytest.raises(TaxonomyError) as caught:
        load_taxonomy(path)
    return [f"{p.line}: {p.message}" for p in caught.value.problems]


MINIMAL = """\
types:
  - {id: briefing, folder: briefings, label: Briefing}
audiences:
  - {id: leaders, label: Leaders}
frameworks:
  - id: cf
    label: Child and family
    title: A standard
    publisher: DfE
    year: 2018
    domains:
      - {id: cf-1, number: 1, label: One}
"""


def test_taxonomy_problems_are_on_their_own_lines(tmp_path):
    assert load_taxonomy(_write(tmp_path, MINIMAL)).types[0].id == "briefing"
    assert _taxonomy_problems(tmp_path, MINIMAL.replace("{id: leaders", "{id: briefing")) == [
        "4: identifier 'briefing' is used twice"
    ]
    assert _taxonomy_problems(
        tmp_path,
        MINIMAL.replace(
            "  - {id: leaders, label: Leaders}", "  - {id: leaders, label: Leaders}\n  - {id: leaders, label: Again}"
        ),
    ) == ["5: identifier 'leaders' is used twice"]
    assert _taxonomy_problems(tmp_path, MINIMAL.replace("{id: cf-1,", "{id: one,")) == [
        "12: domain id 'one' does not carry its framework"
    ]
    assert _taxonomy_problems(tmp_path, MINIMAL.replace("    year: 2018\n", "")) == ["6: framework is missing 'year'"]
    assert _taxonomy_problems(tmp_path, MINIMAL.replace("label: Leaders}", "label: Leaders, colour: red}")) == [
        "4: unknown key 'colour' in a audience"
    ]
    assert _taxonomy_problems(tmp_path, MINIMAL.replace("year: 2018", "year: soon")) == [
        "10: 'year' must be a whole number, not 'soon'"
    ]


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "taxonomy.yml"
    path.write_text(text, encoding="utf-8")
    return path


# -- bounded YAML ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "source,line,message",
    [
        ("a: &x 1\nb: *x\n", 1, "YAML anchor '&x' is not allowed"),
        ("a: 1\nb: !!binary aGk=\n", 2, "YAML tag 'tag:yaml.org,2002:binary' is not allowed"),
        ("a: 1\na: 2\n", 2, "'a' is given twice"),
        ("a: " + "[" * 20 + "]" * 20, 1, "lists and sections are nested more than 12 levels deep"),
        ("a: [1,\n", 2, "not valid YAML"),
    ],
)
def test_yaml_is_refused_before_anything_is_built(source, line, message):
    with pytest.raises(YamlProblem) as caught:
        compose(source)
    assert caught.value.line == line and caught.value.message.startswith(message)


def test_plain_yaml_passes_and_keeps_dates_as_text():
    from macros.content.yaml_source import load

    _, data = load("title: A\npublished: 2024-01-15\nlist: [a, b]\n")
    assert data == {"title": "A", "published": "2024-01-15", "list": ["a", "b"]}


# -- inventory ---------------------------------------------------------------------------------------


def test_the_inventory_sorts_every_path_and_refuses_the_rest(tmp_path):
    from PIL import Image

    docs = tmp_path / "content"
    (docs / "briefings" / "images").mkdir(parents=True)
    (docs / "briefings" / "a.md").write_text("x")
    Image.new("RGB", (4, 4)).save(docs / "briefings" / "images" / "a.png")
    (docs / "briefings" / ".meta.yml").write_text("pqs: [cf-1]\n")
    (docs / "index.md").write_text("x")
    (docs / "taxonomy.yml").write_text("x")
    (docs / "notes.txt").write_text("x")
    (docs / "briefings" / "Bad Name.md").write_text("x")
    inventory = take_inventory(docs, type_folders=["briefings"], site_pages=["index.md"], data_files=["taxonomy.yml"])
    assert inventory.resources == ["briefings/a.md"]
    assert inventory.images == ["briefings/images/a.png"]
    assert inventory.folder_defaults == ["briefings/.meta.yml"]
    assert inventory.site_pages == ["index.md"] and inventory.data_files == ["taxonomy.yml"]
    assert sorted(p.path.rsplit("/", 1)[-1] for p in inventory.problems) == ["Bad Name.md", "notes.txt"]
    assert inventory.published == {"briefings/a.md", "briefings/images/a.png", "index.md"}


# -- sanitiser ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "html",
    [
        '<h2 id="a">A<a class="headerlink" href="#a" title="Link to this section">¶</a></h2>',
        '<p>x<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup> &amp; <abbr title="t">T</abbr></p>',
        '<div class="admonition note"><p class="admonition-title">Note</p><p>x</p></div>',
        '<table><thead><tr><th class="lib-align-left">a</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>',
        '<ul class="lib-questions"><li>Why?</li></ul><p><img alt="x" src="images/a.png" /></p>',
        '<p><a href="https://example.org/a?b=c&amp;d">x</a> <a href="mailto:a@example.org">m</a>'
        ' <a href="../x/">r</a></p>',
        '<details class="tip"><summary>More</summary><p>x</p></details>',
        '<pre class="highlight"><code class="language-python">x = 1 &lt; 2</code></pre>',
    ],
)
def test_what_markdown_writes_is_published_unchanged(html):
    assert sanitise_and_compare(html)[1] == []


def test_each_change_is_found_on_its_line():
    source = 'Intro.\n\nSome words\n{: onclick="x()" }\n\n[a](javascript:x)\n'
    html = '<p>Intro.</p><p onclick="x()">Some words</p><p><a href="javascript:x">a</a></p>'
    cleaned, changes = sanitise_and_compare(html)
    assert cleaned == sanitise(html) == "<p>Intro.</p><p>Some words</p><p><a>a</a></p>"
    lines = source.split("\n")
    assert [(c.message, locate(c, lines)) for c in changes] == [
        ("event handler 'onclick=' is not allowed", 3),
        ("'javascript:' link is not allowed", 5),
    ]


# -- Content-Security-Policy ------------------------------------------------------------------------


THEME_SCRIPT = (
    "var target=document.getElementById(location.hash.slice(1));target&&target.name&&"
    '(target.checked=target.name.startsWith("__tabbed_"))'
)


def test_the_policy_allows_only_the_themes_own_inline_scripts_by_hash():
    page = (
        f'<html><head><meta charset="utf-8"><script>{THEME_SCRIPT}</script><script type="application/json">'
        '{}</script></head><body><article id="lib-content"><p>x</p></article><script src="x.js"></script>'
        "</body></html>"
    )
    digest = base64.b64encode(hashlib.sha256(THEME_SCRIPT.encode()).digest()).decode()
    assert inline_script_hashes(page) == [f"'sha256-{digest}'"]
    with_policy = add_policy(page)
    assert with_policy.index('http-equiv="Content-Security-Policy"') < with_policy.index("<script>")
    assert "script-src 'self' 'sha256-" in with_policy and "'unsafe-inline'" not in with_policy
    for elsewhere in ("<p>x</p>", "</head>"):  # in the content, and anywhere else on the page
        with pytest.raises(PolicyError):
            inline_script_hashes(page.replace(elsewhere, "<script>evil()</script>" + elsewhere))


def test_resources_compare_by_value():
    resource = _random_catalogue(random.Random(1), 1).resources[0]
    assert replace(resource, title="Other") != resource


@pytest.mark.parametrize(
    "items, sentence",
    [
        ([], ""),
        (["senior leaders"], "senior leaders"),
        (["senior leaders", "middle leaders"], "senior leaders and middle leaders"),
        (["Smith, J.", "Jones, K.", "Brown, L."], "Smith, J., Jones, K. and Brown, L."),
        (
            ["senior leaders", "principal social workers and practice leads"],
            "senior leaders; principal social workers and practice leads",
        ),
    ],
)
def test_a_list_reads_as_a_sentence_and_keeps_each_item_whole(items, sentence):
    assert joined(items) == sentence


# -- round three: bounded numbers, macro calls, tables, ids, where a change is, PDF fetches -------


@pytest.mark.parametrize(
    "source, message",
    [
        ("a: " + "9" * 5000, "the number '999"),
        ("a: [1, -" + "1" * 40 + "]", "is longer than 30 characters"),
        ("a: " + ":".join(["59"] * 3000), "the number '59:59"),
        ("a: 1.5e+" + "9" * 40, "is longer than 30 characters"),
        ("a: 1\nb:\n  <<: {c: 1}\n", "a YAML merge key '<<' is not allowed"),
    ],
)
def test_yaml_refuses_numbers_too_long_to_mean_and_merge_keys(source, message):
    with pytest.raises(YamlProblem) as raised:
        compose(source)
    assert message in raised.value.message


def test_yaml_keeps_ordinary_numbers():
    from macros.content.yaml_source import load

    assert load("a: 2024\nb: 12:30\nc: '" + "9" * 100 + "'\n")[1] == {"a": 2024, "b": 750, "c": "9" * 100}


def test_a_macro_call_is_bound_to_its_signature_less_what_the_build_gives():
    from macros.checks.site_pages import _check_macros, macro_signature
    from macros.site.page_macros import BUILD_ARGUMENTS, MACROS

    for name in MACROS:  # no page can give the build's own values
        assert not set(macro_signature(name).parameters) & set(BUILD_ARGUMENTS)
    ok = "{{ newest_resources(6) }} {{ newest_resources(count=100) }} {{ resource_count() }}"
    assert _check_macros(ok, "content/index.md", 1) == []
    for call in ('newest_resources("6")', "newest_resources(101)", "search_box(1)", "browse_by_type(page_url='x')"):
        assert _check_macros(f"{{{{ {call} }}}}", "content/index.md", 1), call


def test_table_sizes_and_where_each_table_starts():
    from macros.checks.tables import table_lines, table_sizes

    html = "<table><tr><th>a</th></tr><tr><td>1</td></tr></table><p>x</p><table><tr><td>1</td><td>2</td></tr></table>"
    assert table_sizes(html) == [(2, 2), (1, 2)]
    body = (
        "Intro.\n\n| a | b |\n|---|:-:|\n| 1 | 2 |\n\nText - with | a bar.\n\n<table>\n<tr><td>x</td></tr>\n</table>\n"
    )
    assert table_lines(body) == [2, 8]


def test_ids_the_page_uses_for_its_own_parts_are_refused_on_the_heading_that_makes_them():
    from macros.rendering.sanitiser import RESERVED_IDS, allowed_id

    assert not allowed_id("related-resources") and not allowed_id("Updates") and allowed_id("updates-to-practice")
    html = '<h2 id="related-resources">Related resources</h2>'
    _, changes = sanitise_and_compare(html)
    assert [c.message for c in changes] == ["id 'related-resources' is one the page uses for its own part"]
    lines = ["Words about related resources.", "", "## Related resources"]
    assert locate(changes[0], lines) == 2
    # Every fixed id the site's templates give a page is reserved (those built from data start with lib-).
    import re

    for folder in (ROOT / "overrides", ROOT / "macros" / "site" / "templates"):
        for template in folder.rglob("*.html"):
            for value in re.findall(r'\bid="([^"{]+)"', template.read_text(encoding="utf-8")):
                assert value.startswith(("lib-", "md-", "__")) or value in RESERVED_IDS, (template, value)


def test_a_change_is_found_on_its_line_when_the_source_spells_it_with_character_references():
    _, changes = sanitise_and_compare('<p><a href="javascript&colon;alert(1)">x</a></p>')
    assert locate(changes[0], ["Words.", "", "[x](javascript&colon;alert(1))"]) == 2
    _, changes = sanitise_and_compare("<p><javascript:alert(1)></p>")
    assert locate(changes[0], ["Words.", "", "<javascript:alert(1)>"]) == 2


def test_the_pdf_fetcher_serves_only_the_images_it_is_given(tmp_path: Path):
    from macros.printing.fetcher import LibraryFetcher

    (tmp_path / "briefings").mkdir()
    (tmp_path / "practice-tools").mkdir()
    for name in ("briefings/chart.png", "practice-tools/secret.png"):
        (tmp_path / name).write_bytes(b"\x89PNG\r\n\x1a\n")
    fetcher = LibraryFetcher([tmp_path], [], ["briefings/chart.png"])
    assert fetcher.allowed_path((tmp_path / "briefings/chart.png").as_uri()) is not None
    assert fetcher.allowed_path((tmp_path / "practice-tools/secret.png").as_uri()) is None
    assert LibraryFetcher([tmp_path], [], []).allowed_path((tmp_path / "briefings/chart.png").as_uri()) is None


def test_text_refuses_unicode_tag_characters_and_titles_compare_without_invisible_ones():
    from macros.content.loader import title_key_of
    from macros.content.text import text_problem

    assert text_problem("Title\U000e0041") is not None
    assert title_key_of("Supporting the\u200b move") == title_key_of("supporting  the move")
