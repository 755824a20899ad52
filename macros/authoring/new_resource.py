"""`library new`: ask for (or take) a new resource's details, check them, and write its file."""

from __future__ import annotations

import sys
from pathlib import Path

from macros.authoring.scaffold import (
    ScaffoldError,
    check_answers,
    find_audience,
    find_domain,
    find_type,
    write_resource,
)
from macros.content.inventory import slugify
from macros.content.problems import did_you_mean, display_path
from macros.content.taxonomy import TAXONOMY_FILE, TaxonomyError, load_taxonomy


def run(docs_dir: Path, given: dict) -> int:
    """Ask (in a terminal, when nothing was given) or take the answers, check them, and write the file."""
    docs_dir = Path(docs_dir)
    try:
        taxonomy = load_taxonomy(docs_dir / TAXONOMY_FILE)
    except TaxonomyError as exc:
        print(exc, file=sys.stderr)
        return 2
    any_given = any(given.get(k) for k in ("type_name", "title", "audiences", "pqs", "author"))
    if not any_given and sys.stdin.isatty():
        try:
            answers = ask(taxonomy, docs_dir)
        except (EOFError, KeyboardInterrupt):
            print("\nNothing was written.", file=sys.stderr)
            return 1
    else:
        answers = given
    try:
        new = check_answers(taxonomy, docs_dir, **answers)
        path = write_resource(docs_dir, new)
    except ScaffoldError as exc:
        for message in exc.messages:
            print(f"new resource: {message}", file=sys.stderr)
        if not any_given and not sys.stdin.isatty():
            print(
                "Run it in a terminal to be asked each question, or give them all as options (--help).", file=sys.stderr
            )
        return 1
    shown = display_path(path)
    print(
        f"Wrote {shown}.\nNext: replace each line starting 'Replace this' with your own text, "
        f"then run `make check` and `make preview`."
    )
    return 0


def ask(taxonomy, docs_dir: Path) -> dict:
    """Ask each question in turn, asking again until the answer is one the taxonomy knows."""
    print("A new resource. Press Ctrl+C at any time to stop without writing anything.\n")
    for number, rtype in enumerate(taxonomy.types, start=1):
        print(f"  {number}. {rtype.label} ({rtype.id}): {' '.join(rtype.description.split())}")
    rtype = _ask_one(
        "Type (number or name)",
        lambda v: _by_number(v, taxonomy.types) or find_type(taxonomy, v),
        [t.id for t in taxonomy.types],
    )
    title = ""
    while not title:
        title = " ".join(input("Title: ").split())
    print()
    for number, audience in enumerate(taxonomy.audiences, start=1):
        print(f"  {number}. {audience.label} ({audience.id})")
    audiences = _ask_many(
        "Audiences (numbers or names, separated by commas)",
        lambda v: _by_number(v, taxonomy.audiences) or find_audience(taxonomy, v),
        [a.id for a in taxonomy.audiences],
    )
    print()
    for framework in taxonomy.frameworks:
        print(f"  {framework.label}:")
        for domain in framework.domains:
            print(f"    {domain.id:6} {domain.label}")
    pqs = _ask_many(
        "PQS domains (ids such as cf-4 or asc-7, separated by commas)",
        lambda v: find_domain(taxonomy, v),
        [d.id for d in taxonomy.domains],
    )
    print()
    summary = " ".join(input("Summary, one or two sentences (Enter to write it later): ").split())
    author = ""
    while not author:
        author = " ".join(input("Author's full name: ").split())
    role = " ".join(input("Author's role or organisation: ").split())
    suggested = slugify(title)
    slug = input(f"File name [{suggested}]: ").strip() or suggested
    return dict(
        type_name=rtype.id,
        title=title,
        audiences=[a.id for a in audiences],
        pqs=[d.id for d in pqs],
        author=author,
        role=role,
        slug=slug,
        summary=summary,
    )


def _by_number(value: str, items):
    value = value.strip()
    return items[int(value) - 1] if value.isdigit() and 1 <= int(value) <= len(items) else None


def _ask_one(prompt: str, find, choices: list[str]):
    while True:
        answer = input(f"{prompt}: ").strip()
        found = find(answer) if answer else None
        if found is not None:
            return found
        print(f"  '{answer}' is not one of these: {did_you_mean(answer, choices)}")


def _ask_many(prompt: str, find, choices: list[str]) -> list:
    while True:
        answers = [a.strip() for a in input(f"{prompt}: ").split(",") if a.strip()]
        found, wrong = [], []
        for answer in answers:
            item = find(answer)
            (found if item is not None else wrong).append(item if item is not None else answer)
        if found and not wrong:
            return list(dict.fromkeys(found))
        for answer in wrong:
            print(f"  '{answer}' is not one of these: {did_you_mean(answer, choices)}")
        if not answers:
            print("  choose at least one")
