"""The finder's files: a lunr index prebuilt with lunr.py, and the resources it lists (resources.json).

The page searches the index with lunr.js (overrides/assets/js/finder.js) and `library search`
with lunr.py (macros/finder/search.py); both read the same files and give the same results.

The index is kept small because every reader who searches downloads it:
- refs are positions in resources.json ("0", "1", …), not slugs: each ref is written once for
  every field of every word a resource has;
- words are indexed without positions (lunr keeps none unless asked), stemmed once here;
- a resource's text matches every word it holds, but only its strongest words (TEXT_TERMS, by
  lunr's own weight) count towards its rank: the text's full vector was most of the index's
  size and adds little to the order that the title, summary, keywords and headings give.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter, defaultdict
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import lunr as lunr_package
from lunr.builder import Builder
from lunr.field_ref import FieldRef
from lunr.index import Index
from lunr.stemmer import stemmer as lunr_stemmer

from macros.content.catalogue import Catalogue
from macros.content.model import Resource
from macros.finder.facets import finder_facets, resource_facet_values
from macros.finder.words import index_terms, markdown_text

# Where the build writes the finder's files, under the site folder.
FINDER_DIR = "assets/finder"
INDEX_FILE = "index.json"
RESOURCES_FILE = "resources.json"
LUNR_JS_FILE = "lunr.js"

# The fields and their boosts: a word in the title counts ten times as much as anywhere else.
# "labels" holds the type, audiences, frameworks and PQS domains, by label and by id ("cf-7"), and
# the names of the authors and editors.
INDEX_FIELDS: tuple[tuple[str, int], ...] = (
    ("title", 10),
    ("summary", 1),
    ("keywords", 1),
    ("headings", 1),
    ("labels", 1),
    ("text", 1),
)
TEXT_FIELD = "text"
# How many of its words a resource's text keeps in its vector (see the module's docstring).
TEXT_TERMS = 20
# How many results the finder shows at once (more come a page at a time, at the reader's request).
# The finder page holds only this many of the catalogue, A to Z, so its size does not grow with
# the catalogue; the rest come from resources.json, which is loaded with the index.
FIRST_RESULTS = 20


def finder_order(catalogue: Catalogue) -> list[Resource]:
    """The resources in the finder's order, A to Z by title: resources.json's order, so each one's ref."""
    return sorted(catalogue, key=lambda r: (r.title.casefold(), r.slug))


def _labels(resource: Resource) -> str:
    labels = [resource.type.label, resource.type.id]
    labels += [text for a in resource.audiences for text in (a.label, a.id)]
    labels += [text for d in resource.pqs for text in (d.framework_label, d.framework_id, d.label, d.id)]
    labels += [person.name for person in (*resource.authors, *resource.editors)]
    return " ; ".join(labels)


def _search_document(resource: Resource, ref: int) -> dict[str, Any]:
    # Each field is given as its list of terms (see TermsBuilder).
    return {
        "ref": str(ref),
        "title": index_terms(resource.title),
        "summary": index_terms(resource.summary),
        "keywords": index_terms(" ; ".join(resource.keywords)),
        "headings": index_terms(" ; ".join(resource.headings)),
        "labels": index_terms(_labels(resource)),
        TEXT_FIELD: index_terms(markdown_text(resource.body)),
    }


def _keep_strongest_text_terms(index: dict[str, Any]) -> None:
    """Cut each text vector to its TEXT_TERMS heaviest words (ties to the earlier word), in term order."""
    prefix = TEXT_FIELD + "/"
    for entry in index["fieldVectors"]:
        if entry[0].startswith(prefix):
            pairs = list(zip(entry[1][0::2], entry[1][1::2], strict=True))
            strongest = sorted(pairs, key=lambda pair: (-pair[1], pair[0]))[:TEXT_TERMS]
            entry[1] = [value for pair in sorted(strongest) for value in pair]


class TermsBuilder(Builder):
    """lunr.py's Builder for documents whose fields are lists of terms, already stemmed.

    lunr.py's own `add` makes a Token, with a deep copy of its metadata, for every word of every
    field, then counts them: for a catalogue's whole text that was half the time the index took to
    build. This records the same field lengths, term counts and postings from a count of each
    field's terms (keeping no metadata, as the index keeps none); tests/test_finder.py checks that
    the index is the one lunr.py's own `add` makes.
    """

    def add(self, doc: dict[str, Any], attributes: dict[str, Any] | None = None) -> None:
        doc_ref = str(doc[self._ref])
        self._documents[doc_ref] = attributes or {}
        self.document_count += 1
        for field_name in self._fields:
            terms = doc[field_name]
            field_ref = str(FieldRef(doc_ref, field_name))
            # A Counter keeps the order terms were first seen in, which is the order lunr numbers them in.
            counts = Counter(terms)
            self.field_term_frequencies[field_ref] = defaultdict(int, counts)
            self.field_lengths[field_ref] = len(terms)
            for term in counts:
                posting = self.inverted_index.get(term)
                if posting is None:
                    posting = {name: {} for name in self._fields}
                    posting["_index"] = self.term_index
                    self.term_index += 1
                    self.inverted_index[term] = posting
                posting[field_name].setdefault(doc_ref, {})


def _empty_index() -> dict[str, Any]:
    # lunr cannot build an index of no documents (it averages field lengths over them).
    return {
        "version": lunr_package.__TARGET_JS_VERSION__,
        "fields": [name for name, _ in INDEX_FIELDS],
        "fieldVectors": [],
        "invertedIndex": [],
        "pipeline": ["stemmer"],
    }


def _dumps(data: Any) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def build_finder_index(catalogue: Catalogue, pdfs: Mapping[str, Any] | None = None) -> tuple[str, str]:
    """The serialized lunr index and the resources it lists (resources.json), as JSON text.

    `pdfs` are the details (macros/printing/printer.py: PdfInfo) of the PDFs the build has written,
    by slug; only those resources get a PDF link, with the size the card shows.
    """
    resources = finder_order(catalogue)
    if resources:
        builder = TermsBuilder()
        # Queries are stemmed by the search itself; "stemmer" is saved so lunr.js loads the index.
        builder.search_pipeline.add(lunr_stemmer)
        builder.ref("ref")
        for name, boost in INDEX_FIELDS:
            builder.field(name, boost=boost)
        for ref, resource in enumerate(resources):
            builder.add(_search_document(resource, ref))
        index = builder.build().serialize()
        _keep_strongest_text_terms(index)
    else:
        index = _empty_index()
    pdfs = pdfs or {}
    facets = finder_facets(catalogue.taxonomy)
    data = {
        "facets": [
            {"id": f.id, "legend": f.legend, "options": [{"id": o.id, "label": o.label} for o in f.options]}
            for f in facets
        ],
        "resources": [
            {
                "slug": r.slug,
                "title": r.title,
                "url": r.url,
                **({"pdf": {"url": r.pdf_url, "size": pdfs[r.slug].size_text}} if r.slug in pdfs else {}),
                **resource_facet_values(r),
                "summary": r.summary,
                "minutes": r.reading_minutes,
            }
            for r in resources
        ],
    }
    return _dumps(index), _dumps(data)


def load_finder_index(index_json: str | Mapping[str, Any]) -> Index:
    """Load the serialized index as lunr.js does in the page."""
    return Index.load(dict(index_json) if isinstance(index_json, Mapping) else json.loads(index_json))


def lunr_js_source() -> Path:
    """lunr.js as shipped inside the installed mkdocs package (the version lunr.py serializes for)."""
    import mkdocs.contrib.search

    return Path(mkdocs.contrib.search.__file__).resolve().parent / "templates" / "search" / "lunr.js"


def write_finder_assets(catalogue: Catalogue, site_dir: Path, pdfs: Mapping[str, Any] | None = None) -> dict[str, int]:
    """Write index.json, resources.json and lunr.js into the site; return each file's size in bytes."""
    target = Path(site_dir) / FINDER_DIR
    target.mkdir(parents=True, exist_ok=True)
    index_json, resources_json = build_finder_index(catalogue, pdfs)
    (target / INDEX_FILE).write_text(index_json, encoding="utf-8")
    (target / RESOURCES_FILE).write_text(resources_json, encoding="utf-8")
    shutil.copyfile(lunr_js_source(), target / LUNR_JS_FILE)
    return {name: (target / name).stat().st_size for name in (INDEX_FILE, RESOURCES_FILE, LUNR_JS_FILE)}
