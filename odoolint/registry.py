"""Rule metadata and registration; selection of rules by code, prefix, name or ALL.

Rules register themselves with the decorators below when their module is imported.
Reporters read `RuleMeta`, never rule code.
"""
from __future__ import annotations

import re

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Callable, Iterable, Optional

from .model import Applicability, FrozenRecord, OdooVersion, Severity, _set
from .symptoms import Symptom, symptoms_for

KINDS = (
    "python", "manifest", "xml", "csv", "po", "odoo-conf", "compose", "do-app-spec",
    "dockerfile", "superset-config", "gh-workflow", "env-file", "requirements", "js", "dockerignore", "nginx-conf",
    "pgbouncer-ini",
)

# patterns, compiled (and cached by `re`) when the first rule registers: a warm run may register none
_CODE_RE = r"^[A-Z]{1,4}\d{3}$"
_NAME_RE = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
DOCS_URL = "https://github.com/odoolint/odoolint/blob/main/docs/rules.md#{code}"


class RuleMeta(FrozenRecord):
    """A rule's metadata (written out, not a dataclass: see model.py)."""

    _fields = __slots__ = (
        "code", "name", "summary", "kinds", "severity", "what", "why", "source", "before", "after", "fix", "since",
        "until", "tags", "aliases", "precision", "security_severity", "default_enabled", "scope", "symptoms",
        "defers_to", "reports")

    def __init__(self, code: str, name: str, summary: str, kinds: tuple[str, ...], severity: Severity, what: str,
                 why: str, source: str, before: str = "", after: str = "", fix: Optional[Applicability] = None,
                 since: Optional[OdooVersion] = None, until: Optional[OdooVersion] = None,
                 tags: tuple[str, ...] = (),
                 aliases: tuple[str, ...] = (),        # pylint-odoo symbols / OCA hook names that map here
                 precision: str = "high",              # SARIF: very-high, high, medium, low
                 security_severity: Optional[float] = None, default_enabled: bool = True,
                 scope: str = "file",                  # file | node | project | parse-error
                 symptoms: tuple[Symptom, ...] = (),   # runtime messages it explains (rules/<family>/symptoms.py)
                 defers_to: tuple[str, ...] = (),      # codes whose finding at the same place makes this one a repeat
                 reports: tuple[str, ...] = ()):       # a project rule's file rules it runs over derived text
        values = (code, name, summary, kinds, severity, what, why, source, before, after, fix, since, until, tags,
                  aliases, precision, security_severity, default_enabled, scope, symptoms, defers_to, reports)
        for f, v in zip(self._fields, values):
            _set(self, f, v)

    @property
    def url(self) -> str:
        return DOCS_URL.format(code=self.code.lower())

    def applies_to(self, target: Optional[OdooVersion]) -> bool:
        """A rule gated on versions runs only when the target version is known and in range."""
        if self.since is None and self.until is None:
            return True
        if target is None:
            return False
        if self.since is not None and target < self.since:
            return False
        if self.until is not None and target >= self.until:
            return False
        return True

    def docs_text(self) -> str:
        parts = [f"{self.code} ({self.name}): {self.summary}", "", f"What: {self.what}", f"Why: {self.why}"]
        if self.before:
            parts += ["Before:", _indent(self.before)]
        if self.after:
            parts += ["After:", _indent(self.after)]
        if self.fix:
            parts.append(f"Fix: {self.fix.value}")
        if self.since or self.until:
            parts.append("Odoo versions: " + " ".join(
                x for x in ((f">= {self.since}" if self.since else ""), (f"< {self.until}" if self.until else "")) if x))
        parts.append(f"Source: {self.source}")
        parts.append(f"Default: {self.default_text()}")
        if self.symptoms:
            parts.append("You will see:")
            parts += [f"    {s.message}  ({s.emitter}: {s.source})" for s in self.symptoms]
        if self.aliases:
            parts.append("Aliases: " + ", ".join(self.aliases))
        return "\n".join(parts)

    def docs_markdown(self) -> str:
        parts = [f"## {self.code} `{self.name}`", "", self.summary, "", f"**What.** {self.what}", "",
                 f"**Why.** {self.why}", ""]
        if self.before:
            parts += ["**Before**", "", "```", self.before, "```", ""]
        if self.after:
            parts += ["**After**", "", "```", self.after, "```", ""]
        if self.fix:
            parts += [f"**Fix:** {self.fix.value}.", ""]
        parts += [f"**Source.** {self.source}", "", f"**Default.** {self.default_text()}"]
        if self.symptoms:
            parts += ["", "**You will see**", ""]
            parts += [f"- {_code(s.message)} ({s.emitter}: {s.source})" for s in self.symptoms]
        return "\n".join(parts)

    def default_text(self) -> str:
        """Whether the rule runs by default, and why (DESIGN.md "Which rules run by default")."""
        if self.default_enabled:
            return "on: its finding means something fails or is exploitable."
        groups = [g for g, tags in GROUPS.items() if tags <= set(self.tags)]
        how = " or ".join(f"`--extend-select {g}`" for g in groups) or f"`--extend-select {self.code}`"
        return f"off (hardening or policy: nothing fails as it stands); turn it on with {how}."

    def to_dict(self) -> dict:
        return {
            "code": self.code, "name": self.name, "summary": self.summary, "kinds": list(self.kinds),
            "severity": self.severity.value, "fix": self.fix.value if self.fix else None,
            "since": str(self.since) if self.since else None, "until": str(self.until) if self.until else None,
            "tags": list(self.tags), "aliases": list(self.aliases), "default_enabled": self.default_enabled,
            "precision": self.precision,
            "what": self.what, "why": self.why, "before": self.before, "after": self.after,
            "source": self.source, "url": self.url, "explanation": self.docs_text(),
            "symptoms": [s.to_dict() for s in self.symptoms],
        }


def _code(text: str) -> str:
    return f"`` {text} ``" if "`" in text else f"`{text}`"


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.splitlines())


class Rule:
    def __init__(self, meta: RuleMeta, check: Callable, nodes: tuple = (), words: tuple = (),
                 names: Optional[dict] = None):
        self.meta, self.check = meta, check
        self.nodes = nodes    # python node types for node rules
        self.words = words    # a file whose text holds none of these gets nothing from the rule: the engine skips it
        self.names = names    # node type -> frozenset: a node of that type whose name is none of these is skipped

    def __repr__(self) -> str:
        return f"Rule(meta={self.meta!r}, check={self.check!r}, nodes={self.nodes!r}, words={self.words!r})"


class Registry:
    def __init__(self):
        self.rules: dict[str, Rule] = {}
        self.by_name: dict[str, str] = {}
        self.by_alias: dict[str, str] = {}
        self.fact_extractors: dict[str, list[tuple[str, Callable]]] = {}
        self.parse_error_rules: dict[str, str] = {}
        self.index: dict[str, dict] = {}   # code -> selection data of rules not imported

    def all_codes(self) -> set[str]:
        return set(self.rules) | set(self.index)

    def default_codes(self) -> set[str]:
        out = {c for c, r in self.rules.items() if r.meta.default_enabled}
        return out | {c for c, d in self.index.items() if c not in self.rules and d.get("default_enabled", True)}

    def applies(self, code: str, target: Optional[OdooVersion]) -> bool:
        """Does the rule run for this target? (from its metadata, or the index when not imported)"""
        if code in self.rules:
            return self.rules[code].meta.applies_to(target)
        d = self.index.get(code)
        if d is None:
            return False
        since, until = OdooVersion.parse(d.get("since")), OdooVersion.parse(d.get("until"))
        if since is None and until is None:
            return True
        return target is not None and (since is None or target >= since) and (until is None or target < until)

    def add(self, rule: Rule) -> None:
        m = rule.meta
        if not re.match(_CODE_RE, m.code):
            raise ValueError(f"bad rule code {m.code!r}")
        if not re.match(_NAME_RE, m.name):
            raise ValueError(f"rule name {m.name!r} is not kebab-case")
        if m.code in self.rules or m.name in self.by_name:
            raise ValueError(f"duplicate rule {m.code} {m.name}")
        unknown = set(m.kinds) - set(KINDS) - {"*"}
        if unknown:
            raise ValueError(f"{m.code}: unknown kinds {sorted(unknown)}")
        self.rules[m.code] = rule
        self.by_name[m.name] = m.code
        for alias in m.aliases:
            self.by_alias.setdefault(alias, m.code)
        if m.scope == "parse-error":
            for kind in m.kinds:
                self.parse_error_rules[kind] = m.code

    def meta(self, code: str) -> RuleMeta:
        """A rule's metadata; the rule's module is imported first if a partial load left it out (findings read
        from the cache carry codes whose modules a run did not need)."""
        r = self.rules.get(code)
        if r is None and code in self.index and self is REGISTRY:
            require((code,))
        return self.rules[code].meta

    def all_meta(self) -> list[RuleMeta]:
        return [self.rules[c].meta for c in sorted(self.rules)]

    def brief(self, code: str) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
        """(name, aliases, defers_to) of a rule, from its metadata or, when its module is not imported, from the
        index: what suppression needs, so that findings read from the cache import no rule module."""
        r = self.rules.get(code)
        if r is not None:
            return r.meta.name, r.meta.aliases, r.meta.defers_to
        d = self.index[code]
        return d["name"], tuple(d.get("aliases") or ()), tuple(d.get("defers_to") or ())

    def tags_of(self, code: str) -> tuple[str, ...]:
        if code in self.rules:
            return self.rules[code].meta.tags
        return tuple(self.index.get(code, {}).get("tags") or ())

    def resolve(self, selector: str) -> set[str]:
        """Codes matched by a selector: ALL, a full code, a code prefix, a rule name or a group (GROUPS)."""
        sel = selector.strip()
        if sel.upper() == "ALL":
            return self.all_codes()
        if sel in self.by_name:
            return {self.by_name[sel]}
        if sel in self.by_alias:             # a peer's name (pylint-odoo symbol, OCA hook check)
            return {self.by_alias[sel]}
        for code, d in self.index.items():
            if sel in d.get("aliases", ()):
                return {code}
        for code, d in self.index.items():
            if d.get("name") == sel:
                return {code}
        if sel.lower() in GROUPS:
            wanted = GROUPS[sel.lower()]
            return {c for c in self.all_codes() if wanted <= set(self.tags_of(c))}
        up = sel.upper()
        matched = {c for c in self.all_codes() if c.startswith(up)}
        if matched and re.match(r"^[A-Z]+\d*$", up):
            return matched
        raise UnknownSelector(selector)


# Groups of opt-in rules, selected by name (`--extend-select deploy-hardening`): every rule carrying all the tags.
# A rule is on by default only when its finding means something breaks or is exploitable; hardening and policy
# checks carry the `hardening` tag, are off by default and come in through these groups.
GROUPS: dict[str, frozenset] = {
    "hardening": frozenset({"hardening"}),
    "deploy-hardening": frozenset({"hardening", "deploy"}),
    "oca-hooks": frozenset({"oca-hooks"}),     # every check of OCA's odoo-pre-commit-hooks (XML3xx, PO1xx, MF30x)
    "pylint-odoo": frozenset({"pylint-odoo"}),  # every check of pylint-odoo (PY5xx, MF2xx; PY401/PY402 aside)
}


class UnknownSelector(ValueError):
    pass


REGISTRY = Registry()
PRECISIONS = ("very-high", "high", "medium", "low")


def rule(code: str, name: str, *, summary: str, kinds: Iterable[str], severity: str | Severity,
         what: str, why: str, source: str, before: str = "", after: str = "",
         fix: str | Applicability | None = None, since: str | None = None, until: str | None = None,
         tags: Iterable[str] = (), aliases: Iterable[str] = (), precision: Optional[str] = None,
         security_severity: float | None = None, default_enabled: bool = True,
         nodes: tuple = (), project: bool = False, parse_error: bool = False, defers_to: Iterable[str] = (),
         reports: Iterable[str] = (), words: Iterable[str] = (), names: Optional[dict] = None):
    """Register a rule.

    - file rule: ``check(ctx) -> Iterable[Finding]`` (ctx: engine FileContext)
    - node rule (python only): ``nodes=(ast.Call, ...)``, ``check(node, ctx)``
    - project rule: ``project=True``, ``check(project) -> Iterable[Finding]`` with ``Finding.path`` set
    - parse-error rule: ``parse_error=True``; the engine reports through it, its function is never called
    - ``defers_to``: rules of another family that report the same thing; when one of them has a finding at the
      same file, line and column, this rule's finding there is dropped (one problem, one finding)
    - ``reports`` (project rules): file rules that this rule runs over a text it derives from several files (the
      merged result of `conf.d` fragments); their findings carry `Finding.code` and are reported under that rule,
      only when it is enabled. The project rule runs when it or any of them is enabled.

    - ``words``: a cheap first test the engine runs once per file, so the rule is not called on the nodes of
      files it cannot report on: the rule reports only where the file's text spells one of these words (say the
      names its nodes must carry: `words=("toggle_active",)` for `x.toggle_active()`). The test is a substring
      test of the text, and of its NFKC form when it is not ASCII (Python reads identifiers NFKC-normalised).
    - ``names`` (node rules): ``{node type: names}``, a cheap first test per node: the engine calls the rule on a
      node of such a type only when the node's name is one of these (`NODE_NAME` in sources/pytree.py: an
      attribute's `attr`, the last name of a call's callee, a def's or class's name); other types are not tested.

    `precision` (SARIF's, which GitHub shows and sorts by): how sure a finding is. By default `very-high` for a
    parse-error rule (the parser said so) and `high` for the rest; a heuristic rule (one that guesses from names
    or from the absence of something) says `medium` or `low`.
    """
    if precision is None:
        precision = "very-high" if parse_error else "high"
    if precision not in PRECISIONS:
        raise ValueError(f"{code}: precision {precision!r} is not one of {', '.join(PRECISIONS)}")

    def decorator(func: Callable) -> Callable:
        scope = "parse-error" if parse_error else "project" if project else "node" if nodes else "file"
        meta = RuleMeta(
            code=code, name=name, summary=summary, kinds=tuple(kinds), severity=Severity(severity),
            what=what, why=why, source=source, before=before, after=after,
            fix=Applicability(fix) if fix else None, since=OdooVersion.parse(since),
            until=OdooVersion.parse(until), tags=tuple(tags), aliases=tuple(aliases),
            precision=precision, security_severity=security_severity,
            default_enabled=default_enabled, scope=scope, symptoms=symptoms_for(func.__module__, code),
            defers_to=tuple(defers_to), reports=tuple(reports))
        REGISTRY.add(Rule(meta, func, tuple(nodes), tuple(words),
                          {t: frozenset(v) for t, v in names.items()} if names else None))
        func.meta = meta
        return func

    return decorator


def facts(kind: str, name: str):
    """Register a fact extractor: ``extract(ctx) -> plain picklable data`` stored under `name`."""

    def decorator(func: Callable) -> Callable:
        REGISTRY.fact_extractors.setdefault(kind, []).append((name, func))
        return func

    return decorator


_imported: set[str] = set()
_complete = False
INDEX_FILE = "rule_index.json"


_LISTED: dict[str, list[str]] = {}     # the listing of rule modules, made once per process


def _rule_modules() -> list[str]:
    """Names of every module under odoolint.rules, listed without importing them (the answer of
    `pkgutil.iter_modules` walked through the sub-packages, from one `os.scandir` per folder: pkgutil's own
    walk cost a one-file run ten milliseconds). Listed once per process: a run asks at each `load_rules`."""
    found = _LISTED.get("modules")
    if found is not None:
        return list(found)
    from . import rules as rules_pkg  # the top-level rules/ folder, installed as odoolint.rules

    listed: list[str] = []
    for folder in rules_pkg.__path__:
        _list_modules(folder, rules_pkg.__name__ + ".", listed)
    found = _LISTED["modules"] = sorted(set(listed))
    return list(found)


def _list_modules(folder: str, prefix: str, found: list[str]) -> None:
    """pkgutil's rules: a file whose name ends with an import suffix is a module (but `__init__`); a folder
    without a dot in its name that holds an `__init__` module is a package, listed into; other folders are not."""
    import os
    from importlib.machinery import all_suffixes

    suffixes = sorted(all_suffixes(), key=len, reverse=True)   # inspect.getmodulename's order

    def module_name(name: str):
        if name.endswith(".py"):          # no longer import suffix ends with `.py`: the usual answer, at once
            return name[:-3]
        for suffix in suffixes:
            if name.endswith(suffix):
                return name[:-len(suffix)]
        return None

    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError:
        return
    for e in entries:
        if e.is_dir():
            if "." in e.name or e.name == "__pycache__":     # compiled files only: never a package
                continue
            is_pkg = os.path.isfile(os.path.join(e.path, "__init__.py"))    # else any other `__init__` module
            if not is_pkg:
                try:
                    with os.scandir(e.path) as sub:
                        is_pkg = any(module_name(x.name) == "__init__" for x in sub)
                except OSError:
                    is_pkg = False
            if is_pkg:
                _list_modules(e.path, prefix + e.name + ".", found)
            continue
        name = module_name(e.name)
        if name and name != "__init__" and "." not in name:
            found.append(prefix + name)


_INDEX: list = []     # [the decoded index] once read: settings, selection and each load_rules ask for it


def _read_index() -> Optional[dict]:
    """The generated rule index (read once per process; callers do not change it)."""
    if not _INDEX:
        _INDEX.append(_read_index_file())
    return _INDEX[0]


def _read_index_file() -> Optional[dict]:
    import json
    import os
    try:   # a plain file beside this module (importlib.resources costs more to import than reading it)
        with open(os.path.join(os.path.dirname(__file__), "data", INDEX_FILE), "rb") as fh:
            return json.loads(fh.read())
    except OSError:
        pass
    except ValueError:
        return None
    from importlib import resources   # an install that is not a folder (a zip)
    try:
        return json.loads(resources.files("odoolint.data").joinpath(INDEX_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return None


def load_rules(kinds: Optional[Iterable[str]] = None) -> Registry:
    """Import the rule modules; each registers its rules.

    With `kinds`, only the modules whose rules or fact extractors read one of those kinds are imported (a
    one-file editor run starts faster); the generated index (odoolint/data/rule_index.json) still lets
    selectors and suppressions name every rule. If the index does not list exactly the modules on disk,
    everything is imported.
    """
    global _complete
    if _complete:
        return REGISTRY
    import importlib

    modules = _rule_modules()
    if kinds is not None:
        index = _read_index()
        if index is not None and sorted(index.get("modules", {})) == modules:
            wanted = set(kinds) | {"*"}
            for name in modules:
                if name not in _imported and wanted & set(index["modules"][name]):
                    importlib.import_module(name)
                    _imported.add(name)
            REGISTRY.index = index.get("rules", {})
            return REGISTRY
    for name in modules:
        if name not in _imported:
            importlib.import_module(name)
            _imported.add(name)
    _complete = True
    REGISTRY.index = {}
    return REGISTRY


def require(codes: Iterable[str]) -> Registry:
    """Import the modules of these rules if a partial load left them out (their findings came from the cache:
    suppressions and reporters need their metadata)."""
    import importlib

    for code in codes:
        if code in REGISTRY.rules:
            continue
        name = REGISTRY.index.get(code, {}).get("module")
        if name and name not in _imported:
            importlib.import_module(name)
            _imported.add(name)
        if code not in REGISTRY.rules:       # an index without modules (stale): import everything
            return load_rules()
    return REGISTRY


def build_index(registry: Registry) -> dict:
    """The index of a fully loaded registry: which kinds each module serves, and every rule's selection data."""
    modules: dict[str, set] = {name: set() for name in _rule_modules()}
    for r in registry.rules.values():
        modules.setdefault(r.check.__module__, set()).update(r.meta.kinds)
    for kind, extractors in registry.fact_extractors.items():
        for _, func in extractors:
            modules.setdefault(func.__module__, set()).add(kind)
    rules = {m.code: {"name": m.name, "default_enabled": m.default_enabled, "kinds": list(m.kinds),
                      "aliases": list(m.aliases), "tags": list(m.tags), "defers_to": list(m.defers_to),
                      "since": str(m.since) if m.since else None, "until": str(m.until) if m.until else None,
                      "module": registry.rules[m.code].check.__module__, "scope": m.scope,
                      "words": sorted(registry.rules[m.code].words)}
             for m in registry.all_meta()}
    facts: dict[str, set] = {}
    for kind, extractors in registry.fact_extractors.items():
        facts.setdefault(kind, set()).update(func.__module__ for _, func in extractors)
    return {"modules": {k: sorted(v) for k, v in sorted(modules.items())}, "rules": rules,
            "facts": {k: sorted(v) for k, v in sorted(facts.items())}}


def fact_kinds() -> Optional[frozenset]:
    """The kinds some fact extractor reads (from the index, no rule module imported): a file of any other kind
    has no facts, whatever its bytes; None when the index does not describe the modules on disk."""
    index = _current_index()
    return None if index is None else frozenset(index["facts"])


def _current_index() -> Optional[dict]:
    """The index, if it describes the modules on disk (else a partial load is not to be trusted)."""
    index = _read_index()
    if index is None or not isinstance(index.get("facts"), dict) or not isinstance(index.get("rules"), dict) \
            or sorted(index.get("modules", {})) != _rule_modules():
        return None
    return index


def load_rules_for_text(kind: str, text: str, enabled: frozenset, target) -> Optional[Registry]:
    """The rule modules one file of `kind` with this text needs, and no other: those of its kind's fact
    extractors, and those with a file, node or parse-error rule of its kind that is enabled, applies to `target`
    and that has no `words` or one the text or its NFKC folding spells (as `RuleSet.for_file` decides; it runs a rule
    that names every node type it visits without that test, but its words promise no finding here). None when the
    index cannot tell (everything of the kind is then imported as usual)."""
    index = _current_index()
    if index is None:
        return None
    import importlib
    load_rules(set())                        # the modules of every kind
    need = set(index["facts"].get(kind, ()))
    folded = None
    for code, d in index["rules"].items():
        module = d.get("module")
        if module in need or module in _imported or kind not in (d.get("kinds") or ()):
            continue
        if code not in enabled or d.get("scope") == "project" or not REGISTRY.applies(code, target):
            continue
        words = d.get("words") or ()
        if words and not any(w in text for w in words):
            if text.isascii():
                continue
            if folded is None:
                import unicodedata
                folded = unicodedata.normalize("NFKC", text)
            if not any(w in folded for w in words):
                continue
        need.add(module)
    for name in sorted(need):
        if name not in _imported:
            importlib.import_module(name)
            _imported.add(name)
    return REGISTRY
