"""`odoolint explain`: from an error in a log to the rules (and, with a project, the lines) that cause it.

Three steps, each plain data:

1. `split_errors(text)`: the distinct errors in a pasted message, traceback or log excerpt — a traceback's
   exception line, Postgres/PgBouncer FATAL/ERROR lines, compose and apt errors, browser console errors,
   Odoo ERROR/CRITICAL log records, and any line a symptom recognises.
2. `match(errors, metas)`: the rules whose symptoms (`RuleMeta.symptoms`) match each error, ranked: specific
   symptoms first, then rules with findings in the project, then rule code.
3. The CLI runs the matched rules on PATHS through the ordinary runner (a selection, not a second engine) and
   keeps the findings that mention what the error named (the field, the host, the tag...).

Patterns are RE2 (google-re2): linear-time on whatever the log holds. Input is bounded too: at most
`MAX_INPUT` characters are read and lines are cut at `MAX_LINE`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Iterable, Optional

MAX_INPUT = 4_000_000
MAX_LINE = 4_000
MAX_ERRORS = 200

# log prefixes that carry no meaning for matching: compose service prefix, timestamps, pids, Odoo's logger
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
_COMPOSE = re.compile(r"^[A-Za-z0-9][\w.-]{0,80}\s{0,40}\|\s?")
_STAMP = re.compile(r"^\[?\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(?:[.,]\d{1,9})?(?:\s?(?:Z|UTC|GMT|[+-]\d\d:?\d\d|"
                    r"[A-Z]{2,5}))?\]?\s{1,10}")
_ODOO_RECORD = re.compile(r"^\d{1,10} (?P<level>DEBUG|INFO|WARNING|ERROR|CRITICAL) \S{1,200} \S{1,200}: ")
_BUILDKIT = re.compile(r"^#\d{1,6} \d{1,7}\.\d{1,4} ")
_PG_PID = re.compile(r"^\[\d{1,10}\](?:\s\S{0,60}@\S{0,60})?\s{1,4}")

# lines that are errors by their form, even when no symptom knows them
_MARKERS = re.compile(
    r"^(?:FATAL|ERROR|PANIC):\s"                                  # Postgres / PgBouncer
    r"|^(?:E|Err):\s"                                             # apt
    r"|^error(?:\[\w+\])?:\s|^Error(?: response from daemon)?:\s"  # pip, compose, docker
    r"|^(?:[\w.]{1,100}\.)?(?:[A-Z]\w{0,60}(?:Error|Exception|Warning)|KeyboardInterrupt|SystemExit)(?::\s|$)"
    r"|^Uncaught(?: \(in promise\))?\s"                            # browser console
    r"|^(?:dependency failed to start|service \S+ failed to build)"
    r"|\b(?:FATAL|ERROR):\s\s?\S")                                # Postgres lines behind other prefixes


# exceptions whose message goes on under them, naming the error they wrap
_WRAPPERS = ("odoo.tools.convert.ParseError: ", "ParseError: while parsing ")


@dataclass
class LogError:
    """One distinct error of the input: the line it was read from (1-based) and its text without prefixes."""
    line: int
    text: str
    kind: str = "line"            # traceback | record | line
    count: int = 1
    incident: int = 0             # an Odoo ERROR record, its traceback and the exceptions chained to it share one
    matches: list["Match"] = field(default_factory=list)

    def to_dict(self, located: set[str] = frozenset()) -> dict:
        return {"line": self.line, "text": self.text, "kind": self.kind, "count": self.count,
                "known": bool(self.matches), "rules": [m.code for m in visible(self, located)]}


@dataclass
class Match:
    code: str
    name: str
    why: str
    emitter: str
    source: str
    specific: bool
    captures: dict[str, str]


def _clean(line: str) -> str:
    line = _ANSI.sub("", line[:MAX_LINE]).rstrip()
    line = _COMPOSE.sub("", line, count=1) if _COMPOSE.match(line) and not line.startswith(("E:", "Err:")) else line
    line = _BUILDKIT.sub("", line.strip(), count=1)
    line = _STAMP.sub("", line, count=1)
    line = _ODOO_RECORD.sub("", line, count=1)
    line = _PG_PID.sub("", line, count=1)
    return line.strip()


def split_errors(text: str, recognise=None) -> list[LogError]:
    """The distinct errors of `text`, in order of first appearance.

    `recognise(line) -> bool` says whether a symptom knows a line (then it is an error whatever its form).
    """
    lines = text[:MAX_INPUT].replace("\r\n", "\n").replace("\r", "\n").split("\n")
    found: dict[str, LogError] = {}

    incident, linked = 0, False   # linked: the next traceback belongs to the current incident

    def add(n: int, msg: str, kind: str) -> None:
        key = msg
        if key in found:
            found[key].count += 1
        elif len(found) < MAX_ERRORS:
            found[key] = LogError(n, msg, kind, incident=incident)

    in_tb = cont = False          # cont: the lines under an exception continue its message (Odoo's ParseError)
    cont_from = ""                # ... when they come from the same compose service and start no new record
    for i, raw in enumerate(lines, 1):
        msg = _clean(raw)
        if not msg:
            cont = False
            continue
        if msg.startswith("Traceback (most recent call last):"):
            if not linked:
                incident += 1
            in_tb, linked = True, False
            continue
        if msg.startswith(("The above exception was the direct cause", "During handling of the above exception")):
            linked = True
            continue
        if in_tb:
            if msg.startswith(("File \"", "^", "~")) or _indented(raw):
                continue        # a frame, its source line or its carets
            in_tb, cont, cont_from = False, True, _service(raw)
            add(i, msg, "traceback")
            continue
        linked = False
        if msg.startswith(_WRAPPERS):
            incident += 1
            add(i, msg, "traceback")
            cont, cont_from = True, _service(raw)
            continue
        if cont and _service(raw) == cont_from and not _stamped(raw) and (
                _MARKERS.search(msg) or (recognise is not None and recognise(msg))):
            add(i, msg, "traceback")
            continue
        cont = False
        record = _ODOO_RECORD.match(_STAMP.sub("", _ANSI.sub("", raw).strip(), count=1))
        if record and record.group("level") in ("ERROR", "CRITICAL"):
            incident += 1
            add(i, msg, "record")
            linked = True       # Odoo logs the traceback of an ERROR record right under it
        elif _MARKERS.search(msg) or (recognise is not None and recognise(msg)):
            add(i, msg, "line")
    errors = list(found.values())
    if not errors:
        rest = [(i, _clean(x)) for i, x in enumerate(lines, 1) if _clean(x)]
        if 0 < len(rest) <= 5:      # a short paste with no marker: take it as it is
            errors = [LogError(i, m, "line") for i, m in rest]
    return errors


def _service(raw: str) -> str:
    """The compose service prefix of a line (`odoo-1  | ...` -> `odoo-1`), or ''."""
    m = _COMPOSE.match(raw)
    return m.group(0).split("|")[0].strip() if m else ""


def _stamped(raw: str) -> bool:
    """Does the line start a new log record (a timestamp after any compose prefix)?"""
    body = _COMPOSE.sub("", _ANSI.sub("", raw[:MAX_LINE]), count=1).strip()
    return bool(_STAMP.match(body))


def _indented(raw: str) -> bool:
    body = _COMPOSE.sub("", raw, count=1) if _COMPOSE.match(raw) else raw
    return body[:1] in (" ", "\t")


class SymptomIndex:
    """Every symptom of the given rules, compiled once with RE2."""

    def __init__(self, metas: Iterable):
        import re2

        self._items = []
        for meta in metas:
            for s in meta.symptoms:
                self._items.append((meta, s, re2.compile(s.pattern)))

    def __len__(self) -> int:
        return len(self._items)

    def recognises(self, line: str) -> bool:
        return any(rx.search(line) for _, _, rx in self._items)

    def matches(self, line: str) -> list[Match]:
        out: dict[str, Match] = {}
        for meta, s, rx in self._items:
            m = rx.search(line)
            if m is None:
                continue
            prev = out.get(meta.code)
            if prev is not None and (prev.specific or not s.specific):
                continue
            captures = {k: v for k, v in m.groupdict().items() if v}
            out[meta.code] = Match(meta.code, meta.name, s.why or meta.summary, s.emitter, s.source,
                                   s.specific, captures)
        return list(out.values())


def explain_text(text: str, metas: Iterable) -> list[LogError]:
    """Split `text` into errors and attach the matching rules, ranked (specific symptoms first)."""
    index = SymptomIndex(metas)
    errors = split_errors(text, index.recognises)
    for e in errors:
        e.matches = sorted(index.matches(e.text), key=lambda m: (not m.specific, m.code))
    # "Failed to load registry" and the ParseError that wraps a known ValueError are the same incident: keep
    # the part that says why, drop the unknown wrappers around it
    explained = {e.incident for e in errors if e.matches and e.kind != "line"}
    return [e for e in errors if e.matches or e.kind == "line" or e.incident not in explained]


def visible(e: LogError, located: set[str] = frozenset()) -> list[Match]:
    """The matches worth showing: generic ones only when nothing specific matched, or when they located a finding."""
    shown = e.matches if not any(m.specific for m in e.matches) else \
        [m for m in e.matches if m.specific or m.code in located]
    return sorted(shown, key=lambda m: (m.code not in located, not m.specific, m.code))


def rank(errors: list[LogError], with_findings: set[str] = frozenset()) -> list[Match]:
    """One entry per rule over all errors: specific before generic, rules with findings first, then by code."""
    best: dict[str, Match] = {}
    for e in errors:
        for m in visible(e, with_findings):
            if m.code not in best or (m.specific and not best[m.code].specific):
                best[m.code] = m
    return sorted(best.values(), key=lambda m: (m.code not in with_findings, not m.specific, m.code))


def explains(match: Match, message: str, every: bool = True) -> bool:
    """Does a finding's message name what the error named? (no captures: any finding of the rule does)"""
    values = match.captures.values()
    if not values:
        return True
    return all(v in message for v in values) if every else any(v in message for v in values)


def select_findings(errors: list[LogError], diagnostics: list) -> list[tuple[LogError, Match, list]]:
    """For each (error, matched rule): the findings of that rule that explain it.

    When the symptom captured names (a field, a host, a tag), the findings whose message names all of them are
    kept, else those naming one of them; a finding of the rule about something else does not explain the error.
    """
    by_code: dict[str, list] = {}
    for d in diagnostics:
        by_code.setdefault(d.code, []).append(d)
    out = []
    for e in errors:
        for m in e.matches:
            found = by_code.get(m.code, [])
            named = [d for d in found if explains(m, d.message)] or \
                [d for d in found if explains(m, d.message, every=False)]
            out.append((e, m, named))
    return out


def fix_hint(d) -> str:
    if d.fix is None:
        return ""
    how = "`odoolint check --fix`" if d.fix.applicability.value == "safe" else \
        "`odoolint check --fix --unsafe-fixes`"
    what = d.fix.message or "fixes it"
    return f"{how}: {what[:1].lower() + what[1:]}"


def render_text(errors: list[LogError], pairs: Optional[list], relpath, notes: list[str]) -> str:
    """The report for people: each error, the rules that explain it, and the findings that locate it."""
    out: list[str] = []
    if not errors:
        return "No error found in the input.\n"
    located = {}
    if pairs is not None:
        for e, m, found in pairs:
            located[(id(e), m.code)] = found
    with_findings = {code for (_, code), found in located.items() if found}
    for n, e in enumerate(errors, 1):
        times = f", {e.count} times" if e.count > 1 else ""
        out.append(f"error {n} (line {e.line}{times}): {e.text}")
        if not e.matches:
            out.append("  odoolint knows no cause of this error.")
            out.append("")
            continue
        for m in visible(e, with_findings):
            maybe = "" if m.specific else " (one possible cause: this message has others)"
            out.append(f"  {m.code} {m.name}: {m.why}{maybe}")
            out.append(f"      printed by {m.emitter}: {m.source}")
            if pairs is not None:
                found = located.get((id(e), m.code), [])
                for d in found:
                    loc = f"{relpath(d.path)}:{d.span.start.line}:{d.span.start.column}"
                    out.append(f"      this comes from {loc}: {d.message}")
                    hint = fix_hint(d)
                    if hint:
                        out.append(f"        {hint}")
        if pairs is not None and not any(located.get((id(e), m.code)) for m in e.matches):
            out.append("  no finding in the given paths explains it.")
        out.append("")
    out += notes
    return "\n".join(out).rstrip("\n") + "\n"
