"""The library's one search: the header's form, the finder's prebuilt index (every word of every
resource), its facets, URL state, command line and lunr.js parity."""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, SiteProject, own_library, run_library, text_of
from macros.content.catalogue import Catalogue
from macros.finder.index import (
    FINDER_DIR,
    FIRST_RESULTS,
    TEXT_TERMS,
    build_finder_index,
    finder_order,
    load_finder_index,
    lunr_js_source,
)
from macros.finder.search import facet_counts, run_query, search_finder
from macros.finder.words import index_terms, markdown_text, query_terms, stem
from macros.printing.printer import PdfInfo

FINDER_JS = ROOT / "overrides" / "assets" / "js" / "finder.js"


# -- helpers ---------------------------------------------------------------------------------


def _node() -> str:
    """The Node executable: the parity and URL tests must run, so a missing Node fails under CI."""
    node = shutil.which("node") or ("/usr/bin/node" if Path("/usr/bin/node").exists() else None)
    if node:
        return node
    message = "Node.js is needed to run finder.js and lunr.js (install it, e.g. `apt-get install nodejs`)"
    if os.environ.get("CI", "").lower() in ("true", "1"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def _run_node(script: str, payload: object) -> object:
    """Run a Node script with lunr (the copy the site ships) and finder.js loaded; JSON in, JSON out."""
    prelude = (
        f"const lunr = require({json.dumps(str(lunr_js_source()))});\n"
        f"const finder = require({json.dumps(str(FINDER_JS))});\n"
        "const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));\n"
        "const output = (() => {\n"
    )
    done = "\n})();\nprocess.stdout.write(JSON.stringify(output));\n"
    proc = subprocess.run(
        [_node(), "-e", prelude + script + done], input=json.dumps(payload), capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.fixture(scope="module")
def own() -> dict:
    """The project's own content: its catalogue, the finder files built from it, and the loaded index."""
    catalogue = own_library().catalogue
    index_json, resources_json = build_finder_index(catalogue)
    return {
        "catalogue": catalogue,
        "index_json": index_json,
        "resources_json": resources_json,
        "index": load_finder_index(index_json),
        "resources": json.loads(resources_json)["resources"],
    }


def _top(own: dict, query: str, **filters) -> list[str]:
    return [r.resource["slug"] for r in search_finder(own["index"], own["resources"], query, filters)]


# -- words: one reading for the index and the query --------------------------------------------


def test_words_are_read_like_the_index():
    words = ["support", "new", "supervisor", "firstyear"]
    assert query_terms("How do I support a NEW supervisor’s first-year?") == words
    # A hyphenated word is one word (whatever the hyphen); the index also holds its parts.
    assert query_terms("well-being") == query_terms("Well\u2011being") == query_terms("wellbeing") == ["wellbeing"]
    assert query_terms("CF-7") == ["cf7"] and query_terms("asc-6, cf 7") == ["asc6", "cf"]
    assert index_terms("Well-being; CF-7") == ["wellb", "well", "be", "cf7", "cf"]
    # Stop words, single letters and digits, and punctuation are not words; apostrophes are trimmed.
    assert query_terms("the and of") == [] and query_terms("e.g. 7 — *** ??? 'quoted'") == ["quoted"]
    # lunr.py's own stemmer would make "pathway" "pathwai"; the index must stem as lunr.js does.
    assert stem("pathway") == "pathway" and stem("key") == "key" and stem("supervision") == "supervis"


def test_markdown_text_keeps_the_words_and_drops_what_is_not_text():
    body = (
        "Read [the guide](../guide/ 'Guide') or <https://example.org/x>, see https://example.org/y.\n\n"
        "[ref]: https://example.org/z\n\n```\ncode_words here\n```\n\nUse `inline_code` with <abbr>PQS</abbr> "
        "&amp; more.\n{: .lib-note }\n"
    )
    words = markdown_text(body).split()
    assert words == ["Read", "[the", "guide", "or", ",", "see", "Use", "with", "PQS", "&", "more."]


# -- the prebuilt index ---------------------------------------------------------------------


def test_index_is_deterministic_sorted_and_small(own: dict):
    again = build_finder_index(own["catalogue"])
    assert again == (own["index_json"], own["resources_json"])
    data = json.loads(own["index_json"])
    assert own["index_json"] == json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert data["version"] == "2.3.9" and data["pipeline"] == ["stemmer"]
    assert data["fields"] == ["title", "summary", "keywords", "headings", "labels", "text"]
    # Refs are positions in resources.json, which lists the resources A to Z by title.
    slugs = [r["slug"] for r in own["resources"]]
    assert slugs == [r.slug for r in finder_order(own["catalogue"])]
    refs = {ref.split("/", 1)[1] for ref, _ in data["fieldVectors"]}
    assert refs == {str(i) for i in range(len(slugs))}
    # No positions are kept, and a resource's text keeps only its strongest words in its vector.
    assert all(not fields for _, posting in data["invertedIndex"] for fields in _postings(posting))
    text_vectors = [vector for ref, vector in data["fieldVectors"] if ref.startswith("text/")]
    assert len(text_vectors) == len(slugs) and all(len(v) == 2 * TEXT_TERMS for v in text_vectors)
    packed = len(gzip.compress(own["index_json"].encode(), 9))
    assert packed / len(own["catalogue"]) < 3000, packed


def test_the_index_is_the_one_lunr_py_builds(own: dict):
    """TermsBuilder counts terms its own way; what it builds must be what lunr.py's own add() builds."""
    from lunr.builder import Builder

    from macros.finder.index import INDEX_FIELDS, TermsBuilder, _search_document

    def serialized(builder: Builder) -> dict:
        builder.ref("ref")
        for name, boost in INDEX_FIELDS:
            builder.field(name, boost=boost)
        for ref, resource in enumerate(finder_order(own["catalogue"])):
            builder.add(_search_document(resource, ref))
        return json.loads(json.dumps(builder.build().serialize()))

    assert serialized(TermsBuilder()) == serialized(Builder())


def _postings(posting: dict) -> list[dict]:
    return [meta for field, docs in posting.items() if field != "_index" for meta in docs.values()]


def test_resources_json_carries_what_results_and_facets_need(own: dict):
    data = json.loads(own["resources_json"])
    assert [f["id"] for f in data["facets"]] == ["type", "audience", "framework", "pqs"]
    taxonomy = own["catalogue"].taxonomy
    audience = next(f for f in data["facets"] if f["id"] == "audience")
    assert [(o["id"], o["label"]) for o in audience["options"]] == [(a.id, a.label) for a in taxonomy.audiences]
    entry = next(r for r in data["resources"] if r["slug"] == "supervision-for-wellbeing-and-retention")
    resource = own["catalogue"].get(entry["slug"])
    assert entry == {
        "slug": resource.slug,
        "title": resource.title,
        "url": resource.url,
        "summary": resource.summary,
        "type": ["one-minute-guide"],
        "audience": ["middle-leaders", "principal-social-workers"],
        "framework": ["asc"],
        "pqs": ["asc-3", "asc-6", "asc-8"],
        "minutes": resource.reading_minutes,
    }
    assert "pdf" not in entry  # no PDF was built


def test_pdf_link_only_for_resources_with_a_pdf(own: dict):
    info = PdfInfo.measure(3, 123_000)
    _, resources_json = build_finder_index(own["catalogue"], {"modelling-leadership-behaviours": info})
    pdfs = {r["slug"]: r.get("pdf") for r in json.loads(resources_json)["resources"]}
    assert pdfs.pop("modelling-leadership-behaviours") == {
        "url": "pdf/modelling-leadership-behaviours.pdf",
        "size": "3 pages, 120 KB",
    }
    assert set(pdfs.values()) == {None}


def test_an_empty_catalogue_gives_an_index_that_loads(own: dict):
    empty = Catalogue(own["catalogue"].taxonomy, ())
    index_json, resources_json = build_finder_index(empty)
    assert run_query(load_finder_index(index_json), "supervision") == []
    assert json.loads(resources_json)["resources"] == []


# -- what finds what, from the project's own content -------------------------------------------


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("how do I support a new supervisor in their first year?", "supporting-a-supervisor-in-their-first-year"),
        ("wellbeing and retention", "supervision-for-wellbeing-and-retention"),
        ("Supervisors' Pathway portfolio", "first-year-self-assessment-against-the-pqs"),
        ("team restructure", "reflecting-on-a-service-change-with-your-team"),
        ("implementation pathway", "reflective-questions-for-implementing-the-adult-pqs"),
        ("succession planning", "move-from-social-worker-to-practice-supervisor"),
        ("career progression route", "move-from-social-worker-to-practice-supervisor"),
        ("leadership behaviours", "modelling-leadership-behaviours"),
        ("reflective supervision culture", "organisational-conditions-for-reflective-supervision"),
        ("containment anxiety", "modelling-leadership-behaviours"),
        # Half-typed words still find what they are growing into.
        ("self-assessm", "first-year-self-assessment-against-the-pqs"),
        ("wellbei", "supervision-for-wellbeing-and-retention"),
    ],
)
def test_relevance(own: dict, query: str, first: str):
    ranked = _top(own, query)
    assert ranked and ranked[0] == first, ranked[:3]


def test_every_word_must_be_found(own: dict):
    everything = [r["slug"] for r in own["resources"]]
    assert _top(own, "the") == everything  # no search words: the finder lists everything
    assert run_query(own["index"], "the and of") is None
    supervision = set(_top(own, "supervision"))
    both = set(_top(own, "supervision containment"))
    assert both and both < supervision and both <= set(_top(own, "containment"))
    assert _top(own, "supervision xylophone") == []
    assert _top(own, "organisation's") == _top(own, "organisation")


def test_a_phrase_from_the_text_finds_its_resource(own: dict):
    # Words that only the body of one resource holds (not its title, summary, keywords or headings).
    assert _top(own, "Signs of Safety") == ["building-a-culture-of-excellent-practice"]
    for resource in own["catalogue"]:
        words = markdown_text(resource.body).split()
        phrase = " ".join(words[len(words) // 2 : len(words) // 2 + 6])
        assert resource.slug in _top(own, phrase), (resource.slug, phrase)


def test_pqs_domains_and_audiences_by_id_and_label(own: dict):
    catalogue = own["catalogue"]
    for domain in ("cf-7", "asc-6"):
        tagged = {r.slug for r in catalogue if any(d.id == domain for d in r.pqs)}
        found = _top(own, domain)
        assert tagged and set(found[: len(tagged)]) == tagged, (domain, found)
        assert _top(own, domain.upper()) == found
    tagged = {r.slug for r in catalogue if any(a.id == "middle-leaders" for a in r.audiences)}
    assert set(_top(own, "middle leaders")[: len(tagged)]) == tagged
    assert set(_top(own, "middle-leaders")) == tagged
    # A domain's label finds the resources tagged with it (and others whose own words have it all).
    domain = {r.slug for r in catalogue if any(d.id == "asc-6" for d in r.pqs)}
    assert domain <= set(_top(own, "Relationship-based practice supervision"))


def test_hyphenated_and_joined_words_find_the_same(project: SiteProject):
    project.resource("briefings", "hyphenated", body="Why well-being matters in supervision.\n")
    project.resource("briefings", "joined", body="Why wellbeing matters in supervision.\n")
    project.resource("briefings", "apart", body="Being well, in supervision.\n")
    catalogue = project.validate().catalogue
    index_json, resources_json = build_finder_index(catalogue)
    data = {"index": load_finder_index(index_json), "resources": json.loads(resources_json)["resources"]}
    for query in ("well-being", "wellbeing", "Well\u2011Being", "WELLBEING matters", "well-be"):
        assert _slugs(data, query) == {"hyphenated", "joined"}, query
    # The parts of a hyphenated word are words too.
    assert _slugs(data, "being") == {"hyphenated", "apart"}


def test_typographic_and_straight_quotes_find_the_same(project: SiteProject):
    """Titles are set with typographic quotes (macros/content/text.py: typographic) and editors paste
    them into text, so a reader's straight apostrophe and a curly one must find the same resources,
    in lunr.py and in lunr.js alike."""
    project.resource("briefings", "typed-straight", title="A mentor's first year", body='The "voice" of a team.\n')
    project.resource("briefings", "pasted-curly", body="Every mentor’s “voice” in a team.\n")
    project.resource("briefings", "single-quoted", body="The ‘mentors’ team.\n")
    project.resource("briefings", "elsewhere", body="Nothing about that here.\n")
    result = project.build()
    assert result.code == 0, result.output
    assert "A mentor’s first year" in result.html("briefings/typed-straight/")  # as readers see it
    index_json = (result.site / FINDER_DIR / "index.json").read_text(encoding="utf-8")
    resources = json.loads((result.site / FINDER_DIR / "resources.json").read_text(encoding="utf-8"))["resources"]
    data = {"index": load_finder_index(index_json), "resources": resources}
    mentors, voices = {"typed-straight", "pasted-curly", "single-quoted"}, {"typed-straight", "pasted-curly"}
    queries = {
        "mentor's": mentors,
        "mentor’s": mentors,
        "‘mentors’": mentors,
        "'mentors'": mentors,
        'mentor’s "voice"': voices,
        "mentor's “voice”": voices,
    }
    slug_of = {str(n): r["slug"] for n, r in enumerate(resources)}
    js = _run_node(
        "const index = lunr.Index.load(input.index);\n"
        "return input.queries.map(q => (finder.runQuery(lunr, index, q) || []).map(h => h.ref));",
        {"index": json.loads(index_json), "queries": list(queries)},
    )
    for (query, expected), js_refs in zip(queries.items(), js, strict=True):
        assert _slugs(data, query) == expected, query
        assert {r.ref for r in run_query(data["index"], query)} == set(js_refs), query
        assert {slug_of[ref] for ref in js_refs} == expected, query


def test_the_count_reads_the_same_from_the_page_and_from_finder_js():
    """The server writes the count before any search; finder.js rewrites it after each change, in the same words."""
    from macros.site.page_macros import finder_status

    said = _run_node(
        "return input.map(n => finder.statusMessage(n, {q: '', type: [], audience: [], framework: [], pqs: []}));",
        [1, 3, 1000, 12345],
    )
    assert (
        said
        == [finder_status(n) for n in (1, 3, 1000, 12345)]
        == [
            "All 1 resource.",
            "All 3 resources.",
            "All 1,000 resources.",
            "All 12,345 resources.",
        ]
    )


def test_a_draft_is_not_in_the_finder(project: SiteProject):
    project.resource("briefings", "ready")
    project.resource("briefings", "unfinished", body="A zanzibarish word only the draft holds.\n", draft=True)
    result = project.build()
    assert result.code == 0, result.output
    folder = result.site / FINDER_DIR
    finder = [(folder / name).read_text(encoding="utf-8") for name in ("index.json", "resources.json")]
    assert not any("zanzibar" in text or "unfinished" in text for text in finder)
    assert [r["slug"] for r in json.loads(finder[1])["resources"]] == ["ready"]


# -- facets -------------------------------------------------------------------------------------


@pytest.fixture
def facet_project(project: SiteProject) -> dict:
    """Four resources whose facets are chosen so that every combination can be checked by hand."""
    project.resource("briefings", "alpha", audience=["senior-leaders"], pqs=["cf-1", "asc-2"], keywords=["supervision"])
    project.resource("briefings", "bravo", audience=["middle-leaders"], pqs=["asc-6"], keywords=["supervision"])
    project.resource(
        "one-minute-guides",
        "charlie",
        audience=["senior-leaders", "middle-leaders"],
        pqs=["cf-4"],
        keywords=["supervision"],
    )
    project.resource(
        "practice-tools", "delta", audience=["practice-supervisors"], pqs=["cf-4", "asc-7"], keywords=["wellbeing"]
    )
    catalogue = project.validate().catalogue
    index_json, resources_json = build_finder_index(catalogue)
    return {
        "index_json": index_json,
        "index": load_finder_index(index_json),
        "resources": json.loads(resources_json)["resources"],
    }


def _slugs(data: dict, query: str = "", **filters) -> set[str]:
    return {r.resource["slug"] for r in search_finder(data["index"], data["resources"], query, filters)}


def test_facets_or_within_and_across(facet_project: dict):
    d = facet_project
    assert _slugs(d) == {"alpha", "bravo", "charlie", "delta"}
    assert _slugs(d, audience=["senior-leaders"]) == {"alpha", "charlie"}
    assert _slugs(d, audience=["senior-leaders", "practice-supervisors"]) == {"alpha", "charlie", "delta"}  # OR
    assert _slugs(d, audience=["senior-leaders"], type=["briefing"]) == {"alpha"}  # AND
    assert _slugs(d, audience=["senior-leaders", "middle-leaders"], pqs=["cf-4"]) == {"charlie"}
    assert _slugs(d, framework=["asc"]) == {"alpha", "bravo", "delta"}
    assert _slugs(d, framework=["asc"], pqs=["cf-4"]) == {"delta"}
    assert _slugs(d, "supervision", type=["briefing", "one-minute-guide"]) == {"alpha", "bravo", "charlie"}
    assert _slugs(d, "wellbeing", type=["briefing"]) == set()


def test_facet_counts_say_what_ticking_each_option_would_give(facet_project: dict):
    d = facet_project
    counts = facet_counts(d["index"], d["resources"], "", {"audience": ["senior-leaders"]})
    # Within the ticked facet: what that option adds (its own resources, given the other facets).
    assert counts["audience"] == {"senior-leaders": 2, "middle-leaders": 2, "practice-supervisors": 1}
    # Across facets: what would be left if that option were ticked as well.
    assert counts["type"] == {"briefing": 1, "one-minute-guide": 1}
    assert counts["pqs"] == {"cf-1": 1, "asc-2": 1, "cf-4": 1}
    assert counts["framework"] == {"cf": 2, "asc": 1}
    # The count for an option is exactly the result of ticking it alone in its facet.
    for facet, options in counts.items():
        for option, n in options.items():
            assert n == len(_slugs(d, **{"audience": ["senior-leaders"], facet: [option]})), (facet, option)
    # With words: only the resources that match them count; an option giving none has no count (shown as 0, disabled).
    counts = facet_counts(d["index"], d["resources"], "wellbeing", {})
    assert counts["type"] == {"practice-tool": 1} and "briefing" not in counts["type"]


def test_finder_js_filters_and_counts_like_python(facet_project: dict):
    d = facet_project
    states = [
        ("", {}),
        ("", {"audience": ["senior-leaders"]}),
        ("supervision", {"type": ["briefing"]}),
        ("supervision", {"audience": ["senior-leaders", "middle-leaders"], "pqs": ["cf-4", "asc-6"]}),
        ("wellbeing", {"framework": ["cf"]}),
        ("nothing-matches-this", {}),
    ]
    js = _run_node(
        """
        const index = lunr.Index.load(input.index);
        return input.states.map(([q, filters]) => {
            const found = finder.candidates(lunr, index, input.resources, q);
            return {slugs: finder.filterResults(found, filters).map(c => c.resource.slug),
                    counts: finder.countFacets(found, filters)};
        });
    """,
        {"index": json.loads(d["index_json"]), "resources": d["resources"], "states": states},
    )
    for (query, filters), got in zip(states, js, strict=True):
        expected = [r.resource["slug"] for r in search_finder(d["index"], d["resources"], query, filters)]
        assert got["slugs"] == expected, (query, filters)
        assert got["counts"] == facet_counts(d["index"], d["resources"], query, filters), (query, filters)


# -- URL state (finder.js under Node) ---------------------------------------------------------------

OPTIONS = {
    "type": ["briefing", "one-minute-guide", "practice-tool"],
    "audience": ["senior-leaders", "middle-leaders", "practice-supervisors"],
    "framework": ["cf", "asc"],
    "pqs": ["cf-1", "cf-4", "asc-6"],
}


def test_url_state_round_trip():
    cases = [
        "?q=first+year&audience=middle-leaders&pqs=cf-4",
        "?type=briefing&type=practice-tool&audience=senior-leaders&framework=asc&pqs=cf-1&pqs=asc-6",
        "?q=supervisors%27+pathway+%26+%C3%A9%23%2B",
        "",
    ]
    loose = {
        "?audience=middle-leaders,senior-leaders": "?audience=senior-leaders&audience=middle-leaders",
        "?pqs=asc-6&pqs=nonsense&type=briefing&type=briefing": "?type=briefing&pqs=asc-6",
        "?q=+++&audience=": "",
        "?utm_source=x&q=wellbeing": "?q=wellbeing",
    }
    out = _run_node(
        """
        const canonical = s => finder.serialiseState(finder.parseState(s, input.options));
        return {
            canonical: input.urls.map(canonical),
            states: input.urls.map(s => finder.parseState(s, input.options)),
            back: input.urls.map(s => finder.parseState(canonical(s), input.options)),
            noOptions: finder.parseState("?audience=b,a&audience=a&q=x"),
        };
    """,
        {"urls": cases + list(loose), "options": OPTIONS},
    )
    expected = cases + list(loose.values())
    assert out["canonical"] == expected
    # parse(serialise(state)) == state for every canonical address (a blank q is simply dropped).
    assert out["back"][: len(cases)] == out["states"][: len(cases)]
    first = out["states"][0]
    assert first == {"q": "first year", "type": [], "audience": ["middle-leaders"], "framework": [], "pqs": ["cf-4"]}
    assert out["states"][2]["q"] == "supervisors' pathway & é#+"
    assert out["noOptions"]["audience"] == ["b", "a"]


# -- parity: lunr.js in the browser and lunr.py on the command line ------------------------------

PARITY_QUERIES = [
    "how do I support a new supervisor in their first year?",
    "middle leaders",
    "Relationship-based practice supervision",
    "wellbeing and retention",
    "well-being",
    "cf-7",
    "ASC-6",
    "Supervisors’ Pathway",  # curly apostrophe; "pathway" is stemmed differently by lunr.py's own stemmer
    "key messages",  # so is "key"
    "why supervision matters",  # and "why"
    "organisation's culture",
    "Signs of Safety",
    "Lewisham",  # a word only one resource's text holds
    "supervisi",  # half-typed: grows from "supervis"
    "organisationa",
    "refl",
    "supervision refl",
    "s",
    "adult PQS implementation",
    "power and authority",
    "self-assessment portfolio",
    "the",  # only stop words: no search
    "*** ??? ---",
    "supervision xylophone",  # a word no resource has: nothing
]


def test_lunr_js_returns_what_lunr_py_returns(own: dict):
    assert "lunr.js" in lunr_js_source().name and "2.3.9" in lunr_js_source().read_text(encoding="utf-8")[:200]
    js = _run_node(
        """
        const index = lunr.Index.load(input.index);
        return input.queries.map(q => finder.runQuery(lunr, index, q));
    """,
        {"index": json.loads(own["index_json"]), "queries": PARITY_QUERIES},
    )
    found_something = 0
    for query, js_hits in zip(PARITY_QUERIES, js, strict=True):
        py_hits = run_query(own["index"], query)
        if py_hits is None:
            assert js_hits is None, query
            continue
        assert [h["ref"] for h in js_hits] == [h.ref for h in py_hits], query
        for js_hit, py_hit in zip(js_hits, py_hits, strict=True):
            assert abs(js_hit["score"] - py_hit.score) < 1e-6, (query, js_hit, py_hit)
        found_something += bool(py_hits)
    assert found_something >= 18


def test_finder_js_reads_words_as_python_does(own: dict):
    """Every line of the content, and awkward text, split into the same query words by both."""
    lines = [
        "Well‑being, WELL-BEING and wellbeing",
        "CF-7 / asc-6 — cf 7",
        "the supervisors’ ‘pathway’ isn’t o'clock 's",
        'a supervisor’s “voice” and "quoted" ‘words’',
        "naïve café Ærø ĳ 2019–2021 e.g. i.e.",
        "under_score *bold* `code` [link](https://x.org)",
        "𝒜𝓁𝓅𝒽𝒶 beta",
    ]
    for resource in own["catalogue"]:
        lines += [resource.title, resource.summary, *resource.body.splitlines()]
    js = _run_node("return input.map(text => finder.queryTerms(lunr, text));", lines)
    differ = [(line, query_terms(line), got) for line, got in zip(lines, js, strict=True) if query_terms(line) != got]
    assert not differ, differ[:5]


def test_index_stems_every_word_of_the_content_as_lunr_js_does(own: dict):
    words = set()
    for resource in own["catalogue"]:
        for text in (resource.title, resource.summary, *resource.keywords, *resource.headings, resource.body):
            words.update(query_terms(text))
            words.update(w for t in index_terms(text) for w in (t,))
    words = sorted(words)
    js = _run_node("return input.map(w => lunr.stemmer(new lunr.Token(w)).toString());", words)
    differ = [(w, stem(w), j) for w, j in zip(words, js, strict=True) if stem(w) != j]
    assert not differ
    assert len(words) > 500


# -- the built site ---------------------------------------------------------------------------------


def test_built_site_has_one_search_the_finder(sample_project: SiteProject):
    result = sample_project.build()
    assert result.code == 0, result.output
    folder = result.site / FINDER_DIR
    assert (folder / "lunr.js").read_bytes() == lunr_js_source().read_bytes()
    catalogue = sample_project.validate().catalogue
    written = tuple((folder / name).read_text(encoding="utf-8") for name in ("index.json", "resources.json"))
    assert written == build_finder_index(catalogue)
    # The theme's own search is gone: no index of its own, no worker, no dialog.
    assert not (result.site / "search").exists()
    assert "md-search" not in result.html() and "__search" not in result.html().replace('id="__search"', "")

    # The header's search on every page: a form that opens the finder, with a label, no script needed.
    for url, finder in (("", "find-resources/"), ("briefings/leading-supervision/", "../../find-resources/")):
        html = result.html(url)
        form = re.search(r'<form class="lib-search"[^>]*>.*?</form>', html, re.S).group(0)
        assert f'action="{finder}" method="get" role="search" aria-label="Search the library"' in form
        assert '<label class="lib-visually-hidden" for="lib-search-q">Search the library</label>' in form
        assert 'type="search" id="lib-search-q" name="q"' in form and 'type="submit" aria-label="Search"' in form

    html = result.html("find-resources/")
    # finder.js only, on the finder page only; it fetches lunr.js and the index when they are needed.
    assert '<script src="../assets/js/finder.js"></script>' in html and 'assets/finder/lunr.js"></script>' not in html
    assert "finder.js" not in result.html() and "finder.css" not in result.html("briefings/")
    # Relative addresses, so the site works under a sub-path such as /resources/.
    for attribute in (
        'data-index="../assets/finder/index.json"',
        'data-resources="../assets/finder/resources.json"',
        'data-lunr="../assets/finder/lunr.js"',
        'data-root="../"',
    ):
        assert attribute in html
    assert '<noscript><link rel="stylesheet" href="../assets/css/finder-noscript.css"></noscript>' in html

    # The form is there and enabled from the start (nothing appears or moves when the script runs).
    start = html.index('<form class="lib-finder__form"')
    form = html[start : html.index("</form>", start)]
    assert 'id="lib-finder-form" method="get" role="search" aria-label="Find resources">' in form
    assert "hidden" not in form and "disabled" not in form
    assert '<label for="lib-finder-q">' in form and 'id="lib-finder-q" name="q"' in form
    filters = html[html.index('<div class="lib-finder__filters">') : html.index('<section class="lib-finder__results"')]
    assert '<button class="md-button lib-finder__toggle" type="button" aria-expanded="false"' in filters
    assert 'aria-controls="lib-finder-facets"' in filters and 'id="lib-finder-facets"' in filters
    for legend in ("Type", "Audience", "PQS framework", "PQS domain", "Child and family", "Adult social care"):
        assert f"<legend>{legend}</legend>" in filters
    inputs = re.findall(
        r'<input type="checkbox" id="([^"]+)" name="(\w+)" value="([^"]+)" form="lib-finder-form"', filters
    )
    assert len(inputs) == 3 + 6 + 2 + 16
    for input_id, _, _ in inputs:
        assert f'<label for="{input_id}">' in filters
    # Counts before any search; an option with no resources is shown, disabled.
    assert re.search(
        r'value="senior-leaders"[^>]*> <label[^>]*>Senior leaders <span class="lib-facet__count">\(1\)', filters
    )
    assert re.search(r'value="practitioners"[^>]*disabled> <label[^>]*>Practitioners <span[^>]*>\(0\)', filters)

    # The count, a polite live region, before the results; every resource listed, in resources.json's order.
    assert re.search(
        r'<p class="lib-finder__status"[^>]*role="status" aria-live="polite"[^>]*>All 3 resources\.</p>', html
    )
    results = html[html.index('<section class="lib-finder__results"') :]
    listed = re.findall(r'<a href="\.\./([^"]+)" data-card="title">', results)
    expected = [r["url"] for r in json.loads(written[1])["resources"]]
    assert listed == expected and len(expected) == 3
    assert html.index('role="status"') < html.index('id="lib-finder-results"')
    # All of them fit on one page: nothing more to show, and the note for readers without JavaScript says so.
    assert '<p class="lib-finder__more" data-finder-more hidden>' in html
    assert "Every resource is listed below, A to Z" in html


def test_the_finder_page_holds_one_page_of_results_whatever_the_catalogue(project: SiteProject):
    """The page must not grow with the catalogue: the first FIRST_RESULTS resources are in it, the
    rest come from resources.json (finder.js), and readers without JavaScript are sent to the
    browse pages, which list every resource."""
    for n in range(FIRST_RESULTS + 5):
        project.resource("briefings", f"resource-{n:02d}", title=f"Resource {n:02d}")
    result = project.build()
    assert result.code == 0, result.output
    html = result.html("find-resources/")
    resources = json.loads((result.site / FINDER_DIR / "resources.json").read_text(encoding="utf-8"))["resources"]
    assert len(resources) == FIRST_RESULTS + 5
    results = html[html.index('<section class="lib-finder__results"') :]
    listed = re.findall(r'<a href="\.\./([^"]+)" data-card="title">', results)
    assert listed == [r["url"] for r in resources[:FIRST_RESULTS]]
    assert f'data-page-size="{FIRST_RESULTS}"' in html
    assert re.search(r'role="status"[^>]*>All 25 resources\.</p>', html)
    more = re.search(r'<p class="lib-finder__more" data-finder-more>(.*?)</p>', html)
    assert more and text_of(more.group(1)) == "Show more results (5 not shown)"
    note = re.search(r'<p class="lib-finder__noscript">(.*?)</p>', html).group(1)
    assert "The first 20 of 25 resources are listed below" in text_of(note)
    assert [href for href in re.findall(r'href="([^"]+)"', note)] == ["../browse/", "../audiences/", "../pqs/"]


def test_the_header_has_our_search_form_in_place_of_the_themes_dialog():
    """overrides/partials/header.html swaps the theme's search dialog for our form, wherever the theme puts it."""
    import material

    theirs = (Path(material.__file__).parent / "templates" / "partials" / "header.html").read_text(encoding="utf-8")
    ours = (ROOT / "overrides" / "partials" / "header.html").read_text(encoding="utf-8")
    dialog = re.search(r'\n    \{% if "material/search" in config\.plugins %\}.*?\n    \{% endif %\}\n', theirs, re.S)
    assert dialog, "the theme's header no longer includes its search as it did: review overrides/partials/"
    # Ours keeps what comes before and after the theme's dialog, with our form in its place.
    before, after = theirs[: dialog.start()].splitlines()[-3:], theirs[dialog.end() :].splitlines()[:3]
    assert "material/search" not in ours and "__search" not in ours
    assert ours.count('{% include "partials/search.html" %}') == 1
    place = ours.index('{% include "partials/search.html" %}')
    assert all(line in ours[:place] for line in before) and all(line in ours[place:] for line in after)


def test_pdf_links_in_results_only_where_the_build_made_a_pdf(project: SiteProject):
    project.resource("practice-tools", "printed-tool", audience=["practice-supervisors"], pqs=["cf-7"])
    result = project.build(pdf=True)
    assert result.code == 0, result.output
    entry = json.loads((result.site / FINDER_DIR / "resources.json").read_text(encoding="utf-8"))["resources"][0]
    assert entry["pdf"]["url"] == "pdf/printed-tool.pdf"
    assert (result.site / entry["pdf"]["url"]).is_file()
    # The server's cards and the finder's say the same about the PDF.
    assert f'<span data-card="pdf-size">{entry["pdf"]["size"]}</span>' in result.html("practice-tools/")
    plain = project.build(pdf=False)
    entry = json.loads((plain.site / FINDER_DIR / "resources.json").read_text(encoding="utf-8"))["resources"][0]
    assert "pdf" not in entry


def test_site_builds_with_no_resources(project: SiteProject):
    result = project.build()
    assert result.code == 0, result.output
    assert json.loads((result.site / FINDER_DIR / "resources.json").read_text(encoding="utf-8"))["resources"] == []
    assert "None yet." in result.html("find-resources/")


# -- the command line ---------------------------------------------------------------------------------


def test_search_script_ranks_with_scores_and_filters(sample_project: SiteProject):
    result = sample_project.build()
    assert result.code == 0, result.output

    def search(*args):
        return run_library("search", *args, cwd=sample_project.root)

    run = search("first year", "--site", str(result.site))
    assert run.returncode == 0
    out = run.stdout
    assert out.splitlines()[1].startswith("  1. First year guide  score ")
    assert "found by title: first, year" in out

    run = search(
        "",
        "--audience",
        "senior-leaders",
        "--audience",
        "middle-leaders",
        "--type",
        "briefing",
        "--site",
        str(result.site),
    )
    assert run.returncode == 0
    out = run.stdout
    assert out.startswith("1 resource for ''") and "Leading supervision" in out and "First year guide" not in out
    assert "--type: briefing (1), one-minute-guide (1), practice-tool (0)" in out

    run = search("x", "--pqs", "cf-99", "--site", str(result.site))
    assert run.returncode == 2 and "Unknown filter: --pqs cf-99" in run.stderr
    assert search("x", "--site", str(result.site / "nowhere")).returncode != 0
