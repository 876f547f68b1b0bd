"""The per-file phase: read once, parse once, run every enabled rule of the file's kind over
the same tree (Python nodes through one dispatching walk), extract facts and suppressions.

Everything returned is plain data, so it can cross a process pool and live in the cache.
"""
from __future__ import annotations

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Any, Optional

from .digests import blake2b
from .model import Diagnostic, Finding, OdooVersion, Record, Span
from .registry import Registry, Rule
from .sources import ParseFailure, Text, decode, parse
from .suppressions import Suppression, extract


class FileContext(Record):
    """What a rule sees of one file. Rules never read or write files themselves."""

    _fields = ("path", "relpath", "kind", "text", "tree", "target", "addon", "addon_path", "options")

    def __init__(self, path: str, relpath: str, kind: str, text: Text, tree: Any, target: Optional[OdooVersion],
                 addon: Optional[str], addon_path: Optional[str], options: dict):
        self.path, self.relpath, self.kind, self.text, self.tree = path, relpath, kind, text, tree
        self.target, self.addon, self.addon_path, self.options = target, addon, addon_path, options

    @property
    def index(self):
        return self.text.index

    @property
    def source(self) -> str:
        return self.text.text

    @property
    def newline(self) -> str:
        return self.text.newline

    def span(self, start: int, end: int) -> Span:
        return self.text.index.span(start, end)

    def node_span(self, node) -> Span:
        from .sources.python import node_span
        return node_span(self.text.index, node)

    def edit(self, start: int, end: int, content: str):
        return self.text.index.edit(start, end, content)

    def option(self, family: str, key: str, default=None):
        return self.options.get(family, {}).get(key, default)


class FileResult(Record):
    _fields = ("path", "kind", "digest", "diagnostics", "facts", "suppressions", "errors", "parsed", "failed")

    def __init__(self, path: str, kind: str, digest: str, diagnostics: Optional[list[Diagnostic]] = None,
                 facts: Optional[dict[str, Any]] = None, suppressions: Optional[list[Suppression]] = None,
                 errors: Optional[list[str]] = None, parsed: bool = True, failed: Optional[set] = None):
        self.path, self.kind, self.digest = path, kind, digest
        self.diagnostics = [] if diagnostics is None else diagnostics
        self.facts = {} if facts is None else facts
        self.suppressions = [] if suppressions is None else suppressions
        self.errors = [] if errors is None else errors          # internal rule failures
        self.parsed = parsed
        self.failed = set() if failed is None else failed       # codes of the rules that raised (not cached)


def digest(data: bytes) -> str:
    return blake2b(data, digest_size=16).hexdigest()


# Options key set by a run that neither caches results nor fixes (no pack to key, no fix round to memoise): the
# results then carry no digest of the file's bytes, which would hash every byte read (32 MB on a 3,000-file tree)
# for nobody to read.
UNHASHED = "odoolint-unhashed-results"


class RuleSet(Record):
    """The enabled rules grouped for dispatch, computed once per run."""

    _fields = ("file_rules", "node_rules", "project_rules", "parse_error_codes", "enabled", "gated", "words")

    def __init__(self, file_rules: dict[str, list[Rule]], node_rules: dict[str, dict[type, list[Rule]]],
                 project_rules: list[Rule], parse_error_codes: dict[str, str], enabled: frozenset[str],
                 gated: Optional[dict[str, list[Rule]]] = None, words: Optional[dict[str, tuple[str, ...]]] = None):
        self.file_rules, self.node_rules, self.project_rules = file_rules, node_rules, project_rules
        self.parse_error_codes, self.enabled = parse_error_codes, enabled
        self.gated = {} if gated is None else gated     # kind -> its rules that have `words`
        self.words = {} if words is None else words     # kind -> the distinct words of those
        self._without: dict = {}                        # (kind, bits of the gated rules kept) -> rules left
        self._masks: dict = {}                          # kind -> _word_masks of its gated rules
        self._tables: dict = {}                         # kind -> node_rules[kind] for _dispatch (see _named)

    def for_file(self, kind: str, text: str):
        """(file rules, node table) of a kind for one file: the rules whose `words` the text does not spell are
        left out (each word tested once per file; each word stands for the bits of the rules it keeps, so the
        rules left out are one int, and the reduced tables are built once per such int)."""
        file_rules = self.file_rules.get(kind, ())
        table = self._tables.get(kind)
        if table is None and kind in self.node_rules:
            table = self._tables[kind] = _named(self.node_rules[kind])
        masks = self._masks.get(kind)
        if masks is None:
            if not self.gated.get(kind):
                return file_rules, table
            masks = self._masks[kind] = _word_masks(self.gated[kind], self.words[kind])
        pairs, every = masks
        kept = 0
        for b in [b for w, b in pairs if w in text]:
            kept |= b
        if kept != every and not text.isascii():
            import unicodedata
            folded = unicodedata.normalize("NFKC", text)
            if folded != text:      # most non-ASCII texts are NFKC already (accents in strings, comments)
                for b in [b for w, b in pairs if b & ~kept and w in folded]:
                    kept |= b
        if kept == every:
            return file_rules, table
        hit = self._without.get((kind, kept))
        if hit is None:
            skipped = {r.meta.code for i, r in enumerate(self.gated[kind]) if not kept >> i & 1}
            keep = [r for r in file_rules if r.meta.code not in skipped]
            reduced = None
            if table is not None:
                reduced = {}
                for t, rules in self.node_rules[kind].items():
                    left = [r for r in rules if r.meta.code not in skipped]
                    if left:
                        reduced[t] = left
                reduced = _named(reduced)
            hit = self._without[(kind, kept)] = (keep, reduced)
        return hit


class _ByName(dict):
    """A node type's rules when some of them test the node's name (`Rule.names`): name -> the rules to call, in
    the type's order, filled on first use of each name."""

    __slots__ = ("name_of", "tests")

    def __init__(self, name_of, tests: list):
        super().__init__()
        self.name_of = name_of      # node -> its name (sources/pytree.py NODE_NAME)
        self.tests = tests          # (rule, its names for this type or None)

    def __missing__(self, name):
        hit = self[name] = [r for r, names in self.tests if names is None or name in names]
        return hit


def _named(table: dict) -> dict:
    """The node table as `_dispatch` reads it: the types whose rules test names map to a `_ByName`."""
    if not any(r.names for rules in table.values() for r in rules):
        return table
    from .sources.pytree import NODE_NAME
    out = {}
    for t, rules in table.items():
        tests = [(r, r.names.get(t) if r.names else None) for r in rules]
        name_of = NODE_NAME.get(t)
        out[t] = rules if name_of is None or all(n is None for _, n in tests) else _ByName(name_of, tests)
    return out


def _word_masks(gated: list[Rule], words: tuple[str, ...]) -> tuple[tuple[tuple[str, int], ...], int]:
    """((word, bits of the gated rules that spell it), ...) and all bits: bit i is `gated[i]`."""
    pairs = tuple((w, sum(1 << i for i, r in enumerate(gated) if w in r.words)) for w in words)
    return pairs, (1 << len(gated)) - 1


def build_ruleset(registry: Registry, enabled: frozenset[str], target: Optional[OdooVersion]) -> RuleSet:
    file_rules: dict[str, list[Rule]] = {}
    node_rules: dict[str, dict[type, list[Rule]]] = {}
    project_rules: list[Rule] = []
    for code in sorted(enabled):
        r = registry.rules.get(code)
        if r is None:
            continue          # a rule of a kind this run has no file of: its module was not imported
        m = r.meta
        if not m.applies_to(target):
            continue
        if m.scope == "project":
            project_rules.append(r)
        elif m.scope == "node":
            for kind in m.kinds:
                table = node_rules.setdefault(kind, {})
                for t in r.nodes:
                    table.setdefault(t, []).append(r)
        elif m.scope == "file":
            for kind in m.kinds:
                file_rules.setdefault(kind, []).append(r)
    for code, r in sorted(registry.rules.items()):
        # a project rule that runs enabled file rules over a derived text runs even when it is not enabled itself
        if r.meta.scope == "project" and code not in enabled and r.meta.applies_to(target) and \
                enabled.intersection(r.meta.reports):
            project_rules.append(r)
    pe = {k: c for k, c in registry.parse_error_rules.items() if c in enabled}
    gated: dict[str, list[Rule]] = {}
    for kind in set(file_rules) | set(node_rules):
        rules = {r.meta.code: r for r in file_rules.get(kind, ())}
        rules.update((r.meta.code, r) for rs in node_rules.get(kind, {}).values() for r in rs)
        with_words = [r for _, r in sorted(rules.items()) if r.words and not _named_everywhere(r)]
        if with_words:
            gated[kind] = with_words
    words = {kind: tuple(sorted({w for r in rs for w in r.words})) for kind, rs in gated.items()}
    return RuleSet(file_rules, node_rules, project_rules, pe, enabled, gated, words)


def _named_everywhere(rule: Rule) -> bool:
    """Does `names` filter every node type of the rule? Then its `words` are not tested (they only ever saved
    calls, and the names test leaves few): a scan of the text per word and file costs more."""
    if not (rule.names and rule.nodes and rule.meta.scope == "node"):
        return False
    from .sources.pytree import NODE_NAME        # a rule with names: its module has imported `ast` already
    return all(t in rule.names and t in NODE_NAME for t in rule.nodes)


INTERNAL_ERROR = "OL003"


def internal_diagnostic(registry: Registry, path: str, kind: str, what: str, exc: BaseException) -> Diagnostic:
    """The OL003 finding for a failure of odoolint's own code on a file (the run goes on)."""
    from .model import Position, Severity
    p = Position(1, 1, 0)
    detail = f"{type(exc).__name__}: {exc}".strip()
    if len(detail) > 200:
        detail = detail[:197] + "..."
    message = f"internal error: {what} failed on this file: {detail} (please report it)"
    try:
        m = registry.meta(INTERNAL_ERROR)
        name, severity = m.name, m.severity
    except (KeyError, LookupError):
        name, severity = "internal-error", Severity.ERROR
    return Diagnostic(INTERNAL_ERROR, name, message, path, Span(p, p), severity, None, kind)


def lint_source(path: str, relpath: str, kind: str, addon: Optional[str], addon_path: Optional[str],
                data: bytes, registry: Registry, ruleset: RuleSet, target: Optional[OdooVersion],
                options: dict) -> FileResult:
    """Lint one file; nothing it raises escapes (a failure is an OL003 finding and an error line)."""
    try:
        return _lint_source(path, relpath, kind, addon, addon_path, data, registry, ruleset, target, options)
    except Exception as exc:  # noqa: BLE001 - the guard: one file's failure never ends the run
        result = FileResult(path, kind, digest(data), parsed=False)
        result.errors.append(f"{relpath}: reading or parsing failed:\n{_traceback()}")
        result.diagnostics.append(internal_diagnostic(registry, path, kind, f"the {kind} parser", exc))
        return result


def _lint_source(path: str, relpath: str, kind: str, addon: Optional[str], addon_path: Optional[str],
                 data: bytes, registry: Registry, ruleset: RuleSet, target: Optional[OdooVersion],
                 options: dict) -> FileResult:
    result = FileResult(path, kind, "" if options.get(UNHASHED) else digest(data))
    try:
        text = decode(data, kind)
    except ParseFailure as exc:
        result.parsed = False
        _parse_error(result, registry, ruleset, kind, None, exc)
        return result
    try:
        tree = parse(kind, text, path)
    except ParseFailure as exc:
        result.parsed = False
        _parse_error(result, registry, ruleset, kind, text, exc)
        result.suppressions = _safe_extract(kind, text, None, data)
        return result
    except RecursionError:
        result.parsed = False
        _parse_error(result, registry, ruleset, kind, text, ParseFailure("file is nested too deeply to analyse"))
        return result
    for failure in getattr(tree, "parse_errors", ()):
        _parse_error(result, registry, ruleset, kind, text, failure)
    ctx = FileContext(path, relpath, kind, text, tree, target, addon, addon_path, options)
    file_rules, table = ruleset.for_file(kind, text.text)
    for rule in file_rules:
        _run(result, rule, ctx, lambda r=rule: r.check(ctx))
    if table and _is_ast(tree):
        _dispatch(result, table, ctx, tree)
    deep = sorted(c[len(_DEEP):] for c in result.failed if c.startswith(_DEEP))
    if deep:        # hostile depth, not a bug of the rules: said once, as the kind's parse error says it
        _parse_error(result, registry, ruleset, kind, text, ParseFailure(
            f"file is nested too deeply to analyse: {', '.join(deep)} skipped (RecursionError)"))
    for name, extractor in registry.fact_extractors.get(kind, ()):
        try:
            result.facts[name] = extractor(ctx)
        except Exception as exc:  # noqa: BLE001 - a failing extractor must not end the run
            result.errors.append(f"{relpath}: fact extractor {name!r} failed:\n{_traceback()}")
            result.diagnostics.append(internal_diagnostic(registry, path, kind, f"fact extractor {name!r}", exc))
    result.suppressions = _safe_extract(kind, text, tree, data)
    _release(tree)
    return result


def _release(tree) -> None:
    """Drop the walk kept on a Python tree: the index lists the tree itself, and that cycle would leave the whole
    tree to the cyclic garbage collector instead of freeing it when the file is done."""
    d = getattr(tree, "__dict__", None)
    if d is not None:
        d.pop("_odoolint_index", None)


def _safe_extract(kind, text, tree, data=None):
    try:
        return extract(kind, text, tree, data)
    except Exception:  # noqa: BLE001
        return []


def _dispatch(result: FileResult, table: dict[type, list[Rule]], ctx: FileContext, tree) -> None:
    """One walk over the tree; each node goes to the rules registered for its type.

    The walk is the tree's `TreeIndex` (sources/pytree.py): built once, in preorder (parents before
    children), and kept on the tree, so the rules' own questions (imports, the calls inside a method) slice it
    instead of walking again. Rules are called in place with their own guard (a `try` costs nothing until it
    fires).
    """
    from .sources.pytree import MARKERS, TreeIndex
    with_markers = any(issubclass(t, MARKERS) for t in table)
    index = getattr(tree, "_odoolint_index", None)
    if index is None or index.with_markers != with_markers:
        index = TreeIndex(tree, with_markers)
        try:
            tree._odoolint_index = index
        except AttributeError:
            pass
    get = table.get
    append = result.diagnostics.append
    path, kind = ctx.path, ctx.kind
    for node in index.nodes:
        rules = get(node.__class__)
        if rules is None:
            continue
        if rules.__class__ is _ByName:
            rules = rules[rules.name_of(node)]
        for rule in rules:
            try:
                found = rule.check(node, ctx)
                if found is not None:
                    for f in found:
                        append(to_diagnostic(rule, f, path, kind))
            except RecursionError:
                result.failed.add(_DEEP + rule.meta.code)
            except Exception:  # noqa: BLE001 - reported as an internal error, the run goes on
                result.errors.append(f"{ctx.relpath}: rule {rule.meta.code} ({rule.meta.name}) failed:\n"
                                     f"{_traceback()}")


# `FileResult.failed` marker of a rule that hit the recursion limit on a file nested past it (hostile input)
_DEEP = "deep:"


def _run(result: FileResult, rule: Rule, ctx: FileContext, call) -> None:
    try:
        findings = call()
        if findings is None:
            return
        for f in findings:
            result.diagnostics.append(to_diagnostic(rule, f, ctx.path, ctx.kind))
    except RecursionError:
        result.failed.add(_DEEP + rule.meta.code)
    except Exception as exc:  # noqa: BLE001 - reported as an internal error, the run goes on
        result.errors.append(f"{ctx.relpath}: rule {rule.meta.code} ({rule.meta.name}) failed:\n"
                             f"{_traceback()}")
        what = f"rule {rule.meta.code} ({rule.meta.name})"
        if rule.meta.code not in result.failed:     # one finding per rule, however many nodes it failed on
            result.failed.add(rule.meta.code)
            result.diagnostics.append(internal_diagnostic(_registry_of(rule), ctx.path, ctx.kind, what, exc))


def _registry_of(rule: Rule) -> Registry:
    from .registry import REGISTRY
    return REGISTRY


def to_diagnostic(rule: Rule, f: Finding, path: str, kind: str) -> Diagnostic:
    m = rule.meta
    return Diagnostic(m.code, m.name, f.message, f.path or path, f.span, f.severity or m.severity, f.fix, kind)


def _parse_error(result: FileResult, registry: Registry, ruleset: RuleSet, kind: str, text: Optional[Text],
                 exc: ParseFailure) -> None:
    code = ruleset.parse_error_codes.get(kind)
    if code is None:
        return
    if text is not None:
        start = text.index.offset(exc.line, exc.column)
        end = min(text.index.line_end(text.index.position(start).line), len(text.text))
        span = text.index.span(start, max(start, end))
    else:
        from .model import Position
        p = Position(exc.line, exc.column, 0)
        span = Span(p, p)
    m = registry.meta(code)
    result.diagnostics.append(Diagnostic(code, m.name, exc.message, result.path, span, m.severity, None, kind))


def _is_ast(tree) -> bool:
    import ast    # not at the top: a run whose results all come from the cache never needs it
    return isinstance(tree, ast.AST)


def _traceback() -> str:
    """The current exception's traceback (`traceback` is imported only when a rule or parser failed)."""
    import traceback
    return traceback.format_exc()
