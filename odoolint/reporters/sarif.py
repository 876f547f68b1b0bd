"""SARIF 2.1.0 for GitHub code scanning, built as plain typed data (TypedDicts → dict → json).

Why not the `sarif-om` package: it dates from 2019, its classes need `jschema-to-python` to serialise (an extra
dependency for what is a `json.dumps` here), and its fixed attribute sets have no natural place for the property
keys GitHub reads (`security-severity`, `problem.severity`, `precision`, `tags`). The TypedDicts below document
the subset of the schema we emit; the tests validate the output against the official OASIS schema.

Layout: one run per category, `addons` (Python, manifests, XML, CSV, PO, JS) and `deploy` (odoo.conf, compose,
DO app specs, Dockerfiles, Superset, workflows, env files, requirements), each with
`automationDetails.id = "odoolint/<category>/"` so GitHub tracks (and closes) their alerts separately; both runs
are always present, so an upload with no findings closes the alerts of a category. Each run lists the rules its
results use; results carry repository-relative URIs under `%SRCROOT%`, 1-based code-point columns (`columnKind`
`unicodeCodePoints`, end column exclusive), GitHub's `primaryLocationLineHash` and the fix as replacements.

As GitHub uses it: `--sarif-category C` (or `sarif-category` in the configuration) makes the ids `C/addons/` and
`C/deploy/`, so the jobs of a CI matrix do not close each other's alerts; a run of more than 25,000 results (GitHub
rejects bigger ones) keeps the 25,000 most severe and says what was cut, on stderr and as a notification; each
rule's `precision` comes from its metadata (heuristics are `medium`); every run has one `invocations` entry whose
`executionSuccessful` is false when odoolint itself failed, with internal rule failures (OL003) and the run's own
errors as `toolExecutionNotifications`.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional, TypedDict
from urllib.parse import quote

from ..classify import DEPLOY_KINDS
from ..model import Diagnostic, Severity, Span
from ..registry import RuleMeta
from ._common import lookup, root_relative
from .fingerprints import line_hashes

if TYPE_CHECKING:
    from . import ReportContext

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://github.com/odoolint/odoolint"
SRCROOT = "%SRCROOT%"
CATEGORIES = ("addons", "deploy")
DEFAULT_CATEGORY = "odoolint"
MAX_RESULTS = 25_000          # GitHub code scanning rejects a run with more results
INTERNAL_ERROR = "OL003"
_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
PROBLEM_SEVERITY = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "recommendation"}


class Message(TypedDict):
    text: str


class MultiformatMessage(TypedDict, total=False):
    text: str
    markdown: str


class ArtifactLocation(TypedDict, total=False):
    uri: str
    uriBaseId: str


class Region(TypedDict):
    startLine: int
    startColumn: int
    endLine: int
    endColumn: int


class PhysicalLocation(TypedDict):
    artifactLocation: ArtifactLocation
    region: Region


class Location(TypedDict):
    physicalLocation: PhysicalLocation


class ArtifactContent(TypedDict):
    text: str


class Replacement(TypedDict):
    deletedRegion: Region
    insertedContent: ArtifactContent


class ArtifactChange(TypedDict):
    artifactLocation: ArtifactLocation
    replacements: list[Replacement]


class SarifFix(TypedDict):
    description: Message
    artifactChanges: list[ArtifactChange]
    properties: dict[str, Any]


PartialFingerprints = TypedDict("PartialFingerprints", {"primaryLocationLineHash": str})


class Result(TypedDict, total=False):
    ruleId: str
    ruleIndex: int
    level: str
    message: Message
    locations: list[Location]
    partialFingerprints: PartialFingerprints
    fixes: list[SarifFix]


class ReportingConfiguration(TypedDict):
    level: str


RuleProperties = TypedDict("RuleProperties", {
    "tags": list[str], "precision": str, "problem.severity": str, "security-severity": str}, total=False)


class ReportingDescriptor(TypedDict, total=False):
    id: str
    name: str
    shortDescription: Message
    fullDescription: Message
    help: MultiformatMessage
    helpUri: str
    defaultConfiguration: ReportingConfiguration
    properties: RuleProperties


class ToolComponent(TypedDict):
    name: str
    informationUri: str
    version: str
    semanticVersion: str
    rules: list[ReportingDescriptor]


class Tool(TypedDict):
    driver: ToolComponent


class RunAutomationDetails(TypedDict):
    id: str


class ReportingDescriptorReference(TypedDict):
    id: str


class Notification(TypedDict, total=False):
    level: str
    message: Message
    locations: list[Location]
    descriptor: ReportingDescriptorReference


class Invocation(TypedDict):
    executionSuccessful: bool
    toolExecutionNotifications: list[Notification]


class Run(TypedDict):
    tool: Tool
    automationDetails: RunAutomationDetails
    invocations: list[Invocation]
    originalUriBaseIds: dict[str, ArtifactLocation]
    columnKind: str
    results: list[Result]


SarifLog = TypedDict("SarifLog", {"$schema": str, "version": str, "runs": list[Run]})


def category(d: Diagnostic) -> str:
    return "deploy" if d.kind in DEPLOY_KINDS else "addons"


def region(span: Span) -> Region:
    return {"startLine": span.start.line, "startColumn": span.start.column,
            "endLine": span.end.line, "endColumn": span.end.column}


def artifact_location(path: str, root: Path) -> ArtifactLocation:
    rel = root_relative(path, root)
    if rel is None:
        return {"uri": Path(path).resolve().as_uri()}
    return {"uri": quote(rel, safe="/"), "uriBaseId": SRCROOT}


def rule_descriptor(meta: RuleMeta) -> ReportingDescriptor:
    tags = list(meta.tags)
    if meta.security_severity is not None and "security" not in tags:
        tags.append("security")
    props: RuleProperties = {"tags": tags, "precision": meta.precision,
                             "problem.severity": PROBLEM_SEVERITY[meta.severity]}
    if meta.security_severity is not None:
        props["security-severity"] = f"{meta.security_severity:.1f}"
    return {
        "id": meta.code,
        "name": meta.name,
        "shortDescription": {"text": meta.summary},
        "fullDescription": {"text": f"{meta.what} {meta.why}".strip()},
        "help": {"text": meta.docs_text(), "markdown": meta.docs_markdown()},
        "helpUri": meta.url,
        "defaultConfiguration": {"level": LEVELS[meta.severity]},
        "properties": props,
    }


def _bare_descriptor(d: Diagnostic) -> ReportingDescriptor:
    """A descriptor for a code the registry does not know (should not happen; keeps the log valid)."""
    return {"id": d.code, "name": d.name, "shortDescription": {"text": d.name},
            "defaultConfiguration": {"level": LEVELS[d.severity]}}


def result(d: Diagnostic, rule_index: int, ctx: "ReportContext",
           fingerprint: Optional[str]) -> Result:
    location = artifact_location(d.path, ctx.root)
    res: Result = {
        "ruleId": d.code,
        "ruleIndex": rule_index,
        "level": LEVELS[d.severity],
        "message": {"text": d.message},
        "locations": [{"physicalLocation": {"artifactLocation": location, "region": region(d.span)}}],
    }
    if fingerprint:
        res["partialFingerprints"] = {"primaryLocationLineHash": fingerprint}
    if d.fix is not None and d.fix.edits:
        res["fixes"] = [{
            "description": {"text": d.fix.message or "Apply the fix"},
            "artifactChanges": [{
                "artifactLocation": dict(location),  # type: ignore[typeddict-item]
                "replacements": [{"deletedRegion": region(e.span), "insertedContent": {"text": e.content}}
                                 for e in d.fix.edits],
            }],
            "properties": {"applicability": d.fix.applicability.value},
        }]
    return res


def fingerprints(diagnostics: list[Diagnostic], ctx: "ReportContext") -> dict[tuple[str, int], str]:
    wanted: dict[str, set[int]] = {}
    for d in diagnostics:
        wanted.setdefault(d.path, set()).add(d.span.start.line)
    out: dict[tuple[str, int], str] = {}
    for path, lines in wanted.items():
        text = ctx.read_text(path)
        if text is None:
            continue
        for line, value in line_hashes(text, lines).items():
            out[(path, line)] = value
    return out


def automation_id(ctx: "ReportContext", cat: str) -> str:
    prefix = (ctx.sarif_category or DEFAULT_CATEGORY).strip().strip("/") or DEFAULT_CATEGORY
    return f"{prefix}/{cat}/"


def cut(mine: list[Diagnostic], run_id: str) -> tuple[list[Diagnostic], Optional[str]]:
    """At most MAX_RESULTS results, the most severe first (then in report order); the message names the cut."""
    if len(mine) <= MAX_RESULTS:
        return mine, None
    order = sorted(range(len(mine)), key=lambda i: (_RANK.get(mine[i].severity, 3), i))
    kept_idx = set(order[:MAX_RESULTS])
    kept = [d for i, d in enumerate(mine) if i in kept_idx]
    dropped = [d for i, d in enumerate(mine) if i not in kept_idx]
    counts = {s: sum(1 for d in dropped if d.severity is s) for s in _RANK}
    words = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
    parts = ", ".join(f"{n} {words[s]}{'s' if n != 1 else ''}" for s, n in counts.items() if n)
    message = (f"SARIF run {run_id!r} had {len(mine)} results, more than the {MAX_RESULTS} GitHub accepts in a "
               f"run: kept the {MAX_RESULTS} most severe, cut {len(dropped)} ({parts}); narrow the run (paths, "
               f"--select) or split it with --sarif-category to upload everything")
    return kept, message


def notification(d: Diagnostic, ctx: "ReportContext") -> Notification:
    return {"level": "error", "message": {"text": d.message}, "descriptor": {"id": d.code},
            "locations": [{"physicalLocation": {"artifactLocation": artifact_location(d.path, ctx.root),
                                                "region": region(d.span)}}]}


def build(diagnostics: list[Diagnostic], ctx: "ReportContext") -> SarifLog:
    root_uri = Path(ctx.root).resolve().as_uri()
    if not root_uri.endswith("/"):
        root_uri += "/"
    runs: list[Run] = []
    per_run: dict[str, tuple[list[Diagnostic], Optional[str]]] = {}
    for cat in CATEGORIES:
        per_run[cat] = cut([d for d in diagnostics if category(d) == cat], automation_id(ctx, cat))
    hashes = fingerprints([d for mine, _ in per_run.values() for d in mine], ctx)
    for cat in CATEGORIES:
        mine, cut_message = per_run[cat]
        notes: list[Notification] = [notification(d, ctx) for d in mine if d.code == INTERNAL_ERROR]
        notes.extend({"level": "error", "message": {"text": text}} for text in ctx.failures)
        if cut_message:
            notes.append({"level": "warning", "message": {"text": cut_message}})
            ctx.warnings.append(cut_message)
        first: dict[str, Diagnostic] = {}
        for d in mine:
            first.setdefault(d.code, d)
        rules: list[ReportingDescriptor] = []
        for code in sorted(first):
            meta = lookup(ctx, code)
            rules.append(rule_descriptor(meta) if meta else _bare_descriptor(first[code]))
        rule_index = {r["id"]: i for i, r in enumerate(rules)}
        runs.append({
            "tool": {"driver": {"name": "odoolint", "informationUri": INFORMATION_URI,
                                "version": ctx.tool_version, "semanticVersion": ctx.tool_version,
                                "rules": rules}},
            "automationDetails": {"id": automation_id(ctx, cat)},
            "invocations": [{"executionSuccessful": ctx.execution_successful,
                             "toolExecutionNotifications": notes}],
            "originalUriBaseIds": {SRCROOT: {"uri": root_uri}},
            "columnKind": "unicodeCodePoints",
            "results": [result(d, rule_index[d.code], ctx, hashes.get((d.path, d.span.start.line)))
                        for d in mine],
        })
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": runs}


def render(diagnostics: list[Diagnostic], ctx: "ReportContext") -> str:
    return json.dumps(build(diagnostics, ctx), indent=2, ensure_ascii=False) + "\n"
