"""The GitHub workflows call the same make targets as the README, and pull requests run with no secrets."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from macros.content.taxonomy import load_taxonomy

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
MAKE_RE = re.compile(r"(?<![\w-])make\s+([a-z][a-z-]*)")


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as True.
    if True in data:
        data["on"] = data.pop(True)
    return data


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def make_targets(workflow: dict) -> list[str]:
    return [target for step in steps(workflow) for target in MAKE_RE.findall(step.get("run", ""))]


def makefile_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z][a-z-]*):", text, re.M))


def test_there_is_a_pull_request_workflow_and_a_deploy_workflow():
    names = {path.name for path in WORKFLOWS}
    assert {"pr.yml", "deploy.yml"} <= names


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_workflow_calls_make_targets_the_makefile_and_readme_have(path):
    targets = make_targets(load(path))
    assert targets, f"{path.name} runs no make target"
    assert set(targets) <= makefile_targets()
    readme = ROOT / "README.md"
    if readme.exists():
        documented = set(MAKE_RE.findall(readme.read_text(encoding="utf-8")))
        assert set(targets) <= documented, set(targets) - documented


def test_pull_request_workflow_checks_tests_builds_and_keeps_the_site():
    workflow = load(ROOT / ".github" / "workflows" / "pr.yml")
    assert make_targets(workflow) == ["check", "test", "site"]
    uses = [step.get("uses", "") for step in steps(workflow)]
    assert any(u.startswith("actions/checkout@") for u in uses)
    setup = next(s for s in steps(workflow) if s.get("uses", "").startswith("actions/setup-python@"))
    assert str(setup["with"]["python-version"]) == "3.11"
    upload = next(s for s in steps(workflow) if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"].rstrip("/") == "site"


def test_pull_request_workflow_has_no_secrets_and_reads_only():
    path = ROOT / ".github" / "workflows" / "pr.yml"
    workflow = load(path)
    # Everything but comments, which explain why these words must not appear anywhere else.
    lines = path.read_text(encoding="utf-8").splitlines()
    text = "\n".join(line for line in lines if not line.lstrip().startswith("#"))
    assert set(workflow["on"]) == {"pull_request"}
    assert "pull_request_target" not in text
    assert "secrets." not in text and "GITHUB_TOKEN" not in text
    assert workflow["permissions"] == {}
    for job in workflow["jobs"].values():
        assert job["permissions"] == {"contents": "read"}
    checkout = next(s for s in steps(workflow) if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["persist-credentials"] is False


def test_deploy_workflow_builds_main_and_publishes_to_pages():
    workflow = load(ROOT / ".github" / "workflows" / "deploy.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert "pull_request" not in workflow["on"] and "pull_request_target" not in workflow["on"]
    assert make_targets(workflow) == ["site"]
    build = next(s for s in steps(workflow) if "make site" in s.get("run", ""))
    assert "steps.pages.outputs.base_url" in build["env"]["SITE_URL"]
    uses = [s.get("uses", "") for s in steps(workflow)]
    assert any(u.startswith("actions/configure-pages@") for u in uses)
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    assert workflow["permissions"] == {}
    assert workflow["jobs"]["build"]["permissions"] == {"contents": "read"}
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert "steps" not in workflow["jobs"]["deploy"] or all(
        "run" not in s for s in steps({"jobs": {"deploy": workflow["jobs"]["deploy"]}})
    ), "the job that can publish runs none of the pull request's code"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_full_commit_with_its_version(path):
    for line in path.read_text(encoding="utf-8").splitlines():
        if "uses:" in line:
            assert re.search(r"uses: [\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$", line), line


def test_pull_request_template_has_the_editors_checklist():
    text = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    items = re.findall(r"^- \[ \] (.+)$", text, re.M)
    assert len(items) >= 8
    assert any("make check" in item for item in items) and any("make preview" in item for item in items)


def test_suggest_a_resource_form_offers_the_taxonomys_types_and_audiences():
    form = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / "suggest-a-resource.yml").read_text(encoding="utf-8"))
    assert form["name"] == "Suggest a resource"
    fields = {item.get("id"): item for item in form["body"] if item.get("id")}
    taxonomy = load_taxonomy(ROOT / "content" / "taxonomy.yml")
    options = fields["type"]["attributes"]["options"]
    for rtype in taxonomy.types:
        assert any(option.startswith(rtype.label) for option in options), rtype.label
    labels = [option["label"] for option in fields["audience"]["attributes"]["options"]]
    assert labels == [a.label for a in taxonomy.audiences]
