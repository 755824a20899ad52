"""`library new`: ask for (or take) a new resource's details, check them, and write its file.

The questions come in the order of the fields in CONTRIBUTING.md (title, summary, type, audience,
PQS domains, author), each saying what it wants with an example from the field's definition
(macros/content/fields.py). Each answer is checked as it is given, with the same rules as the
options (macros/authoring/scaffold.py), and asked again until it is right; in a list, the good
items are kept and only the wrong ones asked for again.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from macros.authoring.scaffold import (
    ScaffoldError,
    check_answers,
    field,
    name_problem,
    numbered_choices,
    pick,
    pick_many,
    real_examples,
    slug_problem,
    summary_problem,
    title_problem,
    write_resource,
)
from macros.content.inventory import slugify
from macros.content.problems import display_path
from macros.content.taxonomy import TAXONOMY_FILE, Taxonomy, TaxonomyError, load_taxonomy

ANSWERS = ("type_name", "title", "audiences", "pqs", "author", "role", "summary", "slug")


def run(docs_dir: Path, given: dict[str, Any], *, team: tuple[str, str] = ("", "")) -> int:
    """Ask (in a terminal, when nothing was given) or take the answers, check them, and write the file.

    `team` is the library's editorial team (name, role), offered as the author.
    """
    docs_dir = Path(docs_dir)
    try:
        taxonomy = load_taxonomy(docs_dir / TAXONOMY_FILE)
    except TaxonomyError as exc:
        print(exc, file=sys.stderr)
        return 2
    any_given = any(given.get(k) for k in ANSWERS)
    if not any_given and sys.stdin.isatty():
        try:
            answers = ask(taxonomy, docs_dir, team)
        except (EOFError, KeyboardInterrupt):
            print("\nNothing was written.", file=sys.stderr)
            return 1
    else:
        answers = given
    try:
        new = check_answers(taxonomy, docs_dir, **answers, team=team[0])
        path = write_resource(docs_dir, new, examples=real_examples(docs_dir, taxonomy))
    except ScaffoldError as exc:
        for message in exc.messages:
            print(f"new resource: {message}", file=sys.stderr)
        if not any_given and not sys.stdin.isatty():
            print(
                "Run it in a terminal to be asked each question, or give them all as options (--help).", file=sys.stderr
            )
        return 1
    print(
        f"Wrote {display_path(path)}, marked as a draft.\n"
        "Next: write your own text in place of each line starting 'Replace this', look at it with "
        "`make preview`, and take out the line `draft: true` when it is ready to publish."
    )
    return 0


def ask(taxonomy: Taxonomy, docs_dir: Path, team: tuple[str, str]) -> dict[str, Any]:
    """Ask each question in the order of the fields, until each answer is right."""
    print("A new resource. Press Ctrl+C at any time to stop without writing anything.")
    title = _ask("title", title_problem)
    summary = _ask("summary", summary_problem, later=True)
    types = numbered_choices(taxonomy, "type")
    print("\nType: which kind of resource this is. It decides the folder and the sections the file starts with.")
    _show(types, [" ".join(t.description.split()) for t in taxonomy.types])
    type_id = _ask_choice("Type: a number or a name", types)
    audiences = _ask_list("audience", numbered_choices(taxonomy, "audience"), "audience")
    pqs = _ask_list("pqs", numbered_choices(taxonomy, "pqs"), "PQS domain", taxonomy=taxonomy)
    _introduce("authors")
    author = (
        _ask_line(
            f"Author's full name [{team[0]}]" if team[0] else "Author's full name",
            lambda answer: name_problem(answer or team[0], team[0]),
        )
        or team[0]
    )
    default_role = team[1] if author == team[0] else ""
    role = (
        _ask_line(
            f"Their role or organisation [{default_role}]" if default_role else "Their role or organisation",
            lambda answer: None,
        )
        or default_role
    )
    suggested = slugify(title)
    slug = _ask_line(f"File name [{suggested}]", lambda answer: slug_problem(answer or suggested, docs_dir, taxonomy))
    return dict(
        type_name=type_id,
        title=title,
        audiences=list(audiences),
        pqs=list(pqs),
        author=author,
        role=role,
        slug=slug or suggested,
        summary=summary,
    )


def _introduce(name: str) -> None:
    """Say what a field is, with its example, before asking for it."""
    spec = field(name)
    print(f"\n{spec.name.replace('_', ' ').capitalize()}: {spec.description}")
    if isinstance(spec.example, str):
        print(f"  For example: {spec.example}")


def _ask(name: str, problem: Callable[[str], str | None], *, later: bool = False) -> str:
    _introduce(name)
    prompt = f"{name.capitalize()}" + (" (or press Enter to write it later)" if later else "")
    return _ask_line(prompt, problem)


def _ask_line(prompt: str, problem: Callable[[str], str | None]) -> str:
    while True:
        answer = " ".join(input(f"{prompt}: ").split())
        found = problem(answer)
        if found is None:
            return answer
        print(f"  {found}")


def _show(choices: list[tuple[str, str]], notes: list[str] | None = None, start: int = 1) -> None:
    for number, (choice_id, label) in enumerate(choices, start=start):
        note = f": {notes[number - start]}" if notes else ""
        print(f"  {number:>2}. {label} ({choice_id}){note}")


def _ask_choice(prompt: str, choices: list[tuple[str, str]]) -> str:
    while True:
        answer = input(f"{prompt}: ").strip()
        chosen = pick(answer, choices) if answer else None
        if chosen is not None:
            return chosen
        _, problems = pick_many([answer], choices, "type")
        print(f"  {problems[0] if problems else 'choose one'}")


def _ask_list(name: str, choices: list[tuple[str, str]], what: str, *, taxonomy: Taxonomy | None = None) -> list[str]:
    """Numbers or ids, separated by commas; the right ones are kept while the wrong ones are asked for again."""
    _introduce(name)
    if taxonomy is not None and name == "pqs":
        start = 1
        for framework in taxonomy.frameworks:
            print(f"  {framework.label}:")
            domains = [(d.id, d.label) for d in framework.domains]
            _show(domains, start=start)
            start += len(domains)
    else:
        _show(choices)
    chosen: list[str] = []
    prompt = f"{what.capitalize()}s: numbers or ids, separated by commas"
    while True:
        answer = input(f"{prompt}: ")
        if not answer.strip() and chosen:
            return chosen
        found, problems = pick_many([answer], choices, what)
        chosen += [item for item in found if item not in chosen]
        for problem in problems:
            print(f"  {problem}")
        if chosen and not problems:
            return chosen
        if chosen:
            labels = dict(choices)
            kept = "; ".join(labels[c] for c in chosen)
            prompt = f"Kept: {kept}. Add more, or press Enter to go on"
        else:
            print(f"  choose at least one {what}")
